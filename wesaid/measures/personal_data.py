"""What measures hold about people: the register of personal data (core/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from wesaid.core.personal_data import Basis, Erasure, Link, PersonalData, Retention, register

register(
    PersonalData(
        "measures.Instrument",
        links={"created_by": Link.BY, "licence_confirmed_by": Link.BY},
        fields=("name", "created_at", "licence_confirmed_at"),
        name=_("Measures they added, or confirmed a licence for"),
        labels={
            "name": _("Name"),
            "created_at": _("When it was added"),
            "licence_confirmed_at": _("When the licence was confirmed"),
        },
        purpose=_(
            "Which member of staff added each measure, and who confirmed the organisation "
            "holds a licence for a licensed one."
        ),
        basis=Basis.PUBLIC_TASK,
        retention=Retention.PROJECTS,
        on_erasure=Erasure.KEEP,
        reason=_(
            "The licence confirmation is the organisation's record of why it may use the "
            "measure. It points at the person, whose own record loses its name when they are "
            "erased."
        ),
        seen_by=_("Co-production leads and organisation admins."),
    )
)

register(
    PersonalData(
        "measures.InstrumentVersion",
        links={"created_by": Link.BY},
        fields=("instrument", "number", "reason", "created_at"),
        name=_("Versions of measures they made"),
        labels={
            "instrument": _("Measure"),
            "number": _("Version"),
            "reason": _("What changed and why"),
            "created_at": _("When it was made"),
        },
        purpose=_("Which member of staff made each version of a measure."),
        basis=Basis.PUBLIC_TASK,
        retention=Retention.PROJECTS,
        on_erasure=Erasure.KEEP,
        reason=_(
            "A version belongs to the organisation's measure and may have answers. It points at "
            "the person who made it, whose own record loses its name when they are erased."
        ),
        seen_by=_("Co-production leads and organisation admins."),
    )
)
