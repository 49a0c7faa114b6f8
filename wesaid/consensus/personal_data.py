"""What choosing outcomes holds about people: the register of personal data (core/personal_data.py)."""

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

_KEPT_WITH_THE_PROJECT = _(
    "It belongs to the project's choice of outcomes. It points at the member of staff who made "
    "it, whose own record loses its name when they are erased."
)

register(
    PersonalData(
        "consensus.Study",
        links={"created_by": Link.BY},
        fields=("title", "created_at"),
        name=_("Choices of outcomes they started"),
        labels={"title": _("Name"), "created_at": _("When it was started")},
        purpose=_("Which member of staff started each choice of outcomes."),
        basis=Basis.PUBLIC_TASK,
        retention=Retention.PROJECTS,
        on_erasure=Erasure.KEEP,
        reason=_KEPT_WITH_THE_PROJECT,
        seen_by=_("The project team."),
    )
)

register(
    PersonalData(
        "consensus.Candidate",
        links={"added_by": Link.BY},
        fields=("name", "created_at"),
        name=_("Outcomes they added for rating"),
        labels={"name": _("Outcome"), "created_at": _("When it was added")},
        purpose=_("Who added each outcome people rate."),
        basis=Basis.PUBLIC_TASK,
        retention=Retention.PROJECTS,
        on_erasure=Erasure.KEEP,
        reason=_KEPT_WITH_THE_PROJECT,
        seen_by=_("The project team."),
    )
)

register(
    PersonalData(
        "consensus.Proposal",
        links={"person": Link.ABOUT, "recorded_by": Link.BY},
        fields=("words", "way", "created_at"),
        name=_("Ideas for outcomes"),
        labels={
            "words": _("In their own words"),
            "way": _("How it was given"),
            "created_at": _("When it was given"),
        },
        # People describe what matters to them in their care: treated as health data.
        special_category=("words",),
        condition=Condition.HEALTH_AND_SOCIAL_CARE,
        purpose=_("Ideas for outcomes in people's own words, and how each was given."),
        basis=Basis.PUBLIC_TASK,
        retention=Retention.ANSWERS,
        on_erasure=Erasure.DELETE,
        seen_by=_("The project team's staff. Members see the outcomes the ideas became."),
    )
)

register(
    PersonalData(
        "consensus.Rating",
        links={"person": Link.ABOUT, "entered_by": Link.BY},
        fields=("candidate", "group", "score", "band", "way", "late", "updated_at"),
        name=_("Ratings of outcomes"),
        labels={
            "candidate": _("Outcome"),
            "group": _("Stakeholder group"),
            "score": _("Score from 1 to 9"),
            "band": _("Easy-read choice"),
            "way": _("How it was given"),
            "late": _("Given after the closing date"),
            "updated_at": _("When it was saved"),
        },
        # The stakeholder group says whether someone draws on care and support or cares.
        special_category=("group",),
        condition=Condition.HEALTH_AND_SOCIAL_CARE,
        purpose=_("How important each person found each outcome, in each round."),
        basis=Basis.PUBLIC_TASK,
        retention=Retention.ANSWERS,
        on_erasure=Erasure.UNLINK,
        reason=_(
            "The rating stays in the round's figures but no longer points at anyone, so the "
            "outcomes already agreed do not change and say nothing new about the person."
        ),
        seen_by=_(
            "Nobody sees one person's rating except that person and, if they rated on paper or "
            "by phone, the facilitator who typed it in. Others see shares by group, with groups "
            "too small to hide one person's score left out."
        ),
    )
)

register(
    PersonalData(
        "consensus.AgreedSet",
        links={"recorded_by": Link.BY},
        fields=("version", "decided_on", "created_at"),
        name=_("Agreed sets of outcomes they recorded"),
        labels={
            "version": _("Version"),
            "decided_on": _("Date of the meeting"),
            "created_at": _("When it was recorded"),
        },
        purpose=_("Who recorded each agreed set of outcomes."),
        basis=Basis.PUBLIC_TASK,
        retention=Retention.PROJECTS,
        on_erasure=Erasure.KEEP,
        reason=_KEPT_WITH_THE_PROJECT,
        seen_by=_("The project team."),
    )
)
