from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from wesaid.core.roles import SECOND_FACTOR_OPTIONAL, Role
from wesaid.core.tenancy import GLOBAL, OrganisationOwned


class Organisation(models.Model):
    """The tenant: every other row belongs to one organisation."""

    TENANCY = GLOBAL
    TENANCY_REASON = "the tenant itself"

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(OrganisationOwned):
    """Someone in an organisation. They may have no sign-in at all."""

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        WELSH = "cy", _("Welsh")

    display_name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("Email address"), blank=True)
    phone = models.CharField(_("Phone number"), max_length=40, blank=True)
    preferred_language = models.CharField(
        _("Preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    #: They chose easy read for themselves: pages with an easy-read wording show it first.
    easy_read = models.BooleanField(_("Easy read"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    #: When they left (deactivated): they cannot sign in; what they did is kept.
    left_at = models.DateTimeField(null=True, blank=True)
    #: When they were erased: the name and contact details are gone (privacy.services).
    erased_at = models.DateTimeField(null=True, blank=True)
    #: Cards and links made before this moment no longer work (set when their roles change,
    #: so a card printed for a member cannot open a lead's account).
    sign_ins_reset_at = models.DateTimeField(null=True, blank=True)

    #: Audit rows record only that these changed, never their values.
    AUDIT_VALUE_FIELDS: frozenset[str] = frozenset({"preferred_language", "left_at", "erased_at"})

    class Meta:
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def shown_name(self) -> str:
        """The name to show: an erased person has none, so pages say so in the reader's language."""
        return str(_("Erased person")) if self.erased_at else self.display_name

    @property
    def roles(self) -> frozenset[str]:
        # Cached per instance: the policy asks several times per request.
        cached = getattr(self, "_roles_cache", None)
        if cached is None:
            prefetched = getattr(self, "_prefetched_objects_cache", {}).get("memberships")
            if prefetched is not None:  # lists use prefetch_related("memberships"): no query each
                cached = frozenset(m.role for m in prefetched)
            else:
                cached = frozenset(self.memberships.values_list("role", flat=True))
            self._roles_cache = cached
        return cached

    @property
    def needs_second_factor(self) -> bool:
        return bool(self.roles) and not self.roles <= SECOND_FACTOR_OPTIONAL

    @property
    def may_get_email_link(self) -> bool:
        """Emailed sign-in links are for members and carers with an address; staff sign in
        with a password and a second factor."""
        return bool(self.email) and bool(self.roles) and self.roles <= SECOND_FACTOR_OPTIONAL

    def role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in sorted(self.roles)]


class Membership(OrganisationOwned):
    """One role a person holds in their organisation."""

    TENANT_PARENT = "person"
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("Role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    # Which role is not recorded: member and carer reveal lived experience or caring.
    AUDIT_VALUE_FIELDS: frozenset[str] = frozenset()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "role"], name="one_membership_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"
