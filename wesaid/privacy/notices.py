"""The organisation's privacy notice and accessibility statement: saved, and read for pages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wesaid.audit.actions import Action
from wesaid.audit.services import create_audited, update_audited
from wesaid.core.personal_data import REGISTER, Basis, Condition
from wesaid.organisations.models import Organisation, Person

from .models import RETENTION_LABELS, AccessibilityStatement, PrivacyNotice
from .retention import retention_periods

BASIS_LABELS = {
    Basis.CONSENT: _("you agreed to it (consent)"),
    Basis.CONTRACT: _("it is needed for an agreement with you (contract)"),
    Basis.LEGAL_OBLIGATION: _("the law says we must (legal obligation)"),
    Basis.PUBLIC_TASK: _("it is part of our public work (public task)"),
    Basis.LEGITIMATE_INTERESTS: _("it is needed to run the service safely (legitimate interests)"),
}
CONDITION_LABELS = {
    Condition.EXPLICIT_CONSENT: _("you agreed to it clearly (explicit consent)"),
    Condition.SUBSTANTIAL_PUBLIC_INTEREST: _("substantial public interest"),
    Condition.HEALTH_AND_SOCIAL_CARE: _("providing health or social care"),
    Condition.ARCHIVING_AND_RESEARCH: _("research and statistics"),
}

NOTICE_FIELDS = ("controller", "contact", "dpo_contact", "extra_en", "extra_cy")
STATEMENT_FIELDS = ("status", "known_issues_en", "known_issues_cy", "report_contact", "reviewed_on")


@dataclass(frozen=True)
class HeldItem:
    purpose: str
    basis: str
    condition: str | None
    seen_by: str


def held_items() -> list[HeldItem]:
    """What the register holds, in the reader's language, one item per purpose."""
    seen: dict[str, HeldItem] = {}
    for label in sorted(REGISTER):
        entry = REGISTER[label]
        purpose = str(entry.purpose)
        if purpose in seen:
            continue
        seen[purpose] = HeldItem(
            purpose=purpose,
            basis=str(BASIS_LABELS[entry.basis]),
            condition=str(CONDITION_LABELS[entry.condition]) if entry.condition else None,
            seen_by=str(entry.seen_by),
        )
    return list(seen.values())


def kept_for(organisation: Organisation) -> list[tuple[str, int | None]]:
    periods = retention_periods(organisation)
    return [(str(RETENTION_LABELS[kind]), days) for kind, days in periods.items()]


def in_language(english: str, welsh: str) -> tuple[str, bool]:
    """The text for the reader's language, and whether it is shown in English for want of Welsh."""
    if (get_language() or "en").startswith("cy"):
        return (welsh, False) if welsh.strip() else (english, bool(english.strip()))
    return english, False


@transaction.atomic
def privacy_notice_save(
    *,
    organisation: Organisation,
    actor: Person,
    controller: str,
    contact: str,
    dpo_contact: str,
    extra_en: str,
    extra_cy: str,
) -> PrivacyNotice:
    values = {
        "controller": controller,
        "contact": contact,
        "dpo_contact": dpo_contact,
        "extra_en": extra_en,
        "extra_cy": extra_cy,
    }
    notice = PrivacyNotice.objects.in_organisation(organisation).first()
    if notice is None:
        return create_audited(
            PrivacyNotice(organisation=organisation, **values),
            action=Action.PRIVACY_NOTICE_CREATED,
            actor=actor,
            fields=NOTICE_FIELDS,
        )
    return update_audited(
        notice,
        action=Action.PRIVACY_NOTICE_UPDATED,
        actor=actor,
        fields=NOTICE_FIELDS,
        values=values,
    )


@transaction.atomic
def accessibility_statement_save(
    *,
    organisation: Organisation,
    actor: Person,
    status: str,
    known_issues_en: str,
    known_issues_cy: str,
    report_contact: str,
    reviewed_on: datetime.date,
) -> AccessibilityStatement:
    values = {
        "status": status,
        "known_issues_en": known_issues_en,
        "known_issues_cy": known_issues_cy,
        "report_contact": report_contact,
        "reviewed_on": reviewed_on,
    }
    statement = AccessibilityStatement.objects.in_organisation(organisation).first()
    if statement is None:
        return create_audited(
            AccessibilityStatement(organisation=organisation, **values),
            action=Action.PRIVACY_ACCESSIBILITY_STATEMENT_CREATED,
            actor=actor,
            fields=STATEMENT_FIELDS,
        )
    return update_audited(
        statement,
        action=Action.PRIVACY_ACCESSIBILITY_STATEMENT_UPDATED,
        actor=actor,
        fields=STATEMENT_FIELDS,
        values=values,
    )
