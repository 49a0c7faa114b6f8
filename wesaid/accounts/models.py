from __future__ import annotations

import hashlib

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from wesaid.core.tenancy import GLOBAL, OrganisationOwned, TenantQuerySet


class UserManager(BaseUserManager):
    def create_user(self, username: str, password: str | None = None, **extra) -> User:
        user = self.model(username=username, **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user


class User(AbstractBaseUser):
    """A sign-in for a Person. Many people in an organisation have none."""

    TENANCY = GLOBAL
    TENANCY_REASON = "usernames are unique across organisations; a sign-in reaches its organisation through its person"

    username = models.CharField(_("Username"), max_length=150, unique=True)
    person = models.OneToOneField(
        "organisations.Person", on_delete=models.CASCADE, related_name="user"
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = UserManager()

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS: list[str] = []

    def __str__(self) -> str:
        return self.username

    @property
    def organisation(self):
        return self.person.organisation


def token_digest(value: str) -> str:
    """Link tokens are stored only as digests, never as the secret itself."""
    return hashlib.sha256(value.encode()).hexdigest()


def code_digest(code: str) -> str:
    """Printed codes are short, so their digest is keyed: a copied table cannot be brute-forced."""
    return salted_hmac("wesaid.accounts.sign-in-code", code, algorithm="sha256").hexdigest()


def _issued_since_reset() -> Q:
    """Made after the person's last change of roles (or they never had one)."""
    return Q(person__sign_ins_reset_at__isnull=True) | Q(
        created_at__gt=F("person__sign_ins_reset_at")
    )


class SignInCodeQuerySet(TenantQuerySet):
    def usable(self) -> SignInCodeQuerySet:
        return self.filter(
            _issued_since_reset(),
            used_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )


class SignInCode(OrganisationOwned):
    """A one-time code printed on a card for someone who has no email or finds passwords hard.

    The code reads ``ABCD-EFGH-JK``: the first four letters find the record (and are what the
    lock-out counts failures against), the rest is the secret.
    """

    TENANT_PARENT = "person"

    person = models.ForeignKey("organisations.Person", on_delete=models.CASCADE, related_name="+")
    lookup = models.CharField(max_length=4, unique=True)
    digest = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        "organisations.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = SignInCodeQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Sign-in code {self.lookup}-…"


class SignInLinkQuerySet(TenantQuerySet):
    def usable(self) -> SignInLinkQuerySet:
        return self.filter(
            _issued_since_reset(), used_at__isnull=True, expires_at__gt=timezone.now()
        )


class SignInLink(OrganisationOwned):
    """A single-use sign-in link, sent by email."""

    TENANT_PARENT = "person"

    person = models.ForeignKey("organisations.Person", on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = SignInLinkQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Sign-in link {self.pk}"


class LinkRequest(models.Model):
    """One "email me a sign-in link" request, by a keyed digest of the asking address, so the
    requests from one address can be limited. Kept a day (``wesaid housekeeping``)."""

    TENANCY = GLOBAL
    TENANCY_REASON = "asked for before anyone knows which organisation, if any, the address is in"

    requester = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"Link request {self.pk}"
