"""What outcomes hold about people: the register of personal data (core/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from wesaid.core.personal_data import Basis, Erasure, Link, PersonalData, Retention, register

register(
    PersonalData(
        "outcomes.OrganisationOutcome",
        links={"created_by": Link.BY},
        fields=("name", "created_at"),
        name=_("Outcomes they added for the organisation"),
        labels={"name": _("Outcome"), "created_at": _("When it was added")},
        purpose=_("Which member of staff added each of the organisation's own outcomes."),
        basis=Basis.PUBLIC_TASK,
        retention=Retention.PROJECTS,
        on_erasure=Erasure.KEEP,
        reason=_(
            "An outcome belongs to the organisation and stays in use after the person who added "
            "it has gone. It points at their record, which loses its name when they are erased."
        ),
        seen_by=_(
            "Everyone in the organisation sees the outcome; the audit log shows who added it."
        ),
    )
)
