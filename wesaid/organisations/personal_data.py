"""What organisations holds about people: the register of personal data (core/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from wesaid.core.personal_data import (
    Basis,
    Condition,
    Erasure,
    Link,
    PersonalData,
    Retention,
    register,
)

register(
    PersonalData(
        "organisations.Person",
        links={},
        subject=True,
        fields=("display_name", "email", "phone", "preferred_language", "easy_read", "created_at"),
        name=_("Name and contact details"),
        labels={
            "display_name": _("Name"),
            "email": _("Email address"),
            "phone": _("Phone number"),
            "preferred_language": _("Preferred language"),
            "easy_read": _("Easy read"),
            "created_at": _("When they were added"),
        },
        # Choosing easy read can point to a learning disability: treated as health data.
        special_category=("easy_read",),
        condition=Condition.HEALTH_AND_SOCIAL_CARE,
        purpose=_(
            "To know who takes part, how to reach them, which language they prefer and whether "
            "they chose easy read."
        ),
        basis=Basis.PUBLIC_TASK,
        retention=Retention.PEOPLE,
        on_erasure=Erasure.ANONYMISE,
        anonymise={"display_name": "", "email": "", "phone": "", "easy_read": False},
        reason=_(
            "The record stays without a name or contact details, so what the person did is "
            "still counted and the audit log still adds up, but nobody can tell who it was."
        ),
        seen_by=_("Staff of the organisation who manage people; the person themselves."),
    )
)

register(
    PersonalData(
        "organisations.Membership",
        links={"person": Link.ABOUT},
        fields=("role", "created_at"),
        name=_("Roles"),
        labels={"role": _("Role"), "created_at": _("When it was given")},
        # Being a member or an unpaid carer says that someone draws on care and support.
        special_category=("role",),
        condition=Condition.HEALTH_AND_SOCIAL_CARE,
        purpose=_("What each person may do in wesaid (their roles)."),
        basis=Basis.PUBLIC_TASK,
        retention=Retention.PEOPLE,
        on_erasure=Erasure.DELETE,
        seen_by=_("Organisation admins; the person themselves."),
    )
)
