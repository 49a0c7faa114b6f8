"""What the audit log holds about people: the register of personal data (core/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from wesaid.core.personal_data import Basis, Erasure, Link, PersonalData, Retention, register

register(
    PersonalData(
        "audit.AuditEvent",
        links={"actor": Link.BY},
        # Rows are also about the person when they point at them or at a row about them.
        points_at=("object_type", "object_id"),
        fields=("action", "actor", "object_type", "object_id", "created_at"),
        name=_("What the audit log says"),
        labels={
            "action": _("What happened"),
            "actor": _("Who did it"),
            "object_type": _("What it was about"),
            "object_id": _("Record number"),
            "created_at": _("When"),
        },
        empty={"actor": _("wesaid, automatically")},
        purpose=_("A record of who changed what and when, to keep people's data safe."),
        basis=Basis.LEGAL_OBLIGATION,
        retention=Retention.AUDIT,
        on_erasure=Erasure.KEEP,
        reason=_(
            "The audit log is how the organisation shows it kept data safe, and it must not be "
            "rewritten. It holds no names or answers: it points at the person's record, which "
            "loses its name when they are erased. Rows go only when their retention period ends."
        ),
        seen_by=_("Organisation admins."),
    )
)
