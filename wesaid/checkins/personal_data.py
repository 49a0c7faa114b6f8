"""What check-ins hold about people: the register of personal data (core/personal_data.py)."""

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
        "checkins.CheckIn",
        links={"created_by": Link.BY},
        fields=("title", "created_at"),
        name=_("Check-ins they asked for"),
        labels={"title": _("Session"), "created_at": _("When it was made")},
        purpose=_("Which member of staff asked for each check-in."),
        basis=Basis.PUBLIC_TASK,
        retention=Retention.PROJECTS,
        on_erasure=Erasure.KEEP,
        reason=_(
            "A check-in belongs to the project. It points at the person who made it, whose own "
            "record loses its name when they are erased."
        ),
        seen_by=_("The project team."),
    )
)

register(
    PersonalData(
        "checkins.CheckInAnswer",
        links={"person": Link.ABOUT},
        fields=("checkin", "feeling", "answered_at"),
        name=_("Answers to check-ins"),
        labels={
            "checkin": _("Check-in"),
            "feeling": _("How it felt"),
            "answered_at": _("When it was answered"),
        },
        # How a session felt is about someone's wellbeing: treated as health data.
        special_category=("feeling",),
        condition=Condition.HEALTH_AND_SOCIAL_CARE,
        purpose=_("How each session felt to the people in it, to improve the sessions."),
        basis=Basis.PUBLIC_TASK,
        retention=Retention.ANSWERS,
        on_erasure=Erasure.UNLINK,
        reason=_(
            "The answer stays in the project's totals but no longer points at anyone, so the "
            "figures already shared do not change and say nothing new about the person."
        ),
        seen_by=_(
            "The project team sees each total; people outside the team see only the totals "
            "released when the check-in closed, with small numbers hidden. Nobody sees one "
            "person's answer except that person."
        ),
    )
)
