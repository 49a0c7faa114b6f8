"""Writes for people's rights: subject access exports, leavers and erasure, all audited.

Audit rows say that something happened, to whom (the person's record id) and by whom; never
what was exported or erased.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wesaid.accounts.models import SignInCode, SignInLink, User
from wesaid.audit.actions import Action
from wesaid.audit.services import record
from wesaid.core.personal_data import REGISTER, Erasure, Link, PersonalData
from wesaid.core.roles import Role
from wesaid.organisations.models import Membership, Person

LAST_ADMIN = _(
    "This person is the organisation's only admin. Give someone else the admin role first."
)
ALREADY_ERASED = _("This person has already been erased.")
NOT_YOURSELF = _("You cannot do this to yourself. Ask another admin.")


def _refuse_last_admin(person: Person) -> None:
    admins = Membership.objects.select_for_update().filter(
        organisation=person.organisation, role=Role.ORG_ADMIN, person__left_at__isnull=True
    )
    if person.pk in {m.person_id for m in admins} and len({m.person_id for m in admins}) == 1:
        raise ValidationError(LAST_ADMIN)


def _end_sign_ins(person: Person) -> dict[str, int]:
    """End every card, link and live session the person holds, at once."""
    now = timezone.now()
    ended = {
        "cards": SignInCode.objects.filter(person=person).usable().update(revoked_at=now),
        "links": SignInLink.objects.filter(person=person).usable().update(used_at=now),
        "sessions": 0,
    }
    user = User.objects.filter(person=person).first()
    if user is not None:
        if user.is_active:
            user.is_active = False
            user.save(update_fields=["is_active"])
        # Sessions hold only the user's id; the backends also refuse an inactive user.
        for session in Session.objects.filter(expire_date__gt=now).iterator():
            if session.get_decoded().get("_auth_user_id") == str(user.pk):
                session.delete()
                ended["sessions"] += 1
    return ended


def subject_access_recorded(*, person: Person, actor: Person, form: str) -> None:
    """Record that an export was made (``form``: "html", "pdf" or "json"), not what it held."""
    record(
        action=Action.PRIVACY_SUBJECT_ACCESS_EXPORTED,
        actor=actor,
        obj=person,
        changes={"form": form, "by_the_person": actor.pk == person.pk},
    )


@transaction.atomic
def person_deactivate(*, person: Person, actor: Person) -> Person:
    """A leaver: they can no longer sign in; what they did is kept."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.pk == actor.pk:
        raise ValidationError(NOT_YOURSELF)
    _refuse_last_admin(person)
    ended = _end_sign_ins(person)
    if person.left_at is None:
        person.left_at = timezone.now()
        person.save(update_fields=["left_at"])
    record(action=Action.PRIVACY_PERSON_DEACTIVATED, actor=actor, obj=person, changes=ended)
    return person


def _erase_entry(entry: PersonalData, person: Person) -> int:
    """Apply one entry's erasure rule to the rows about ``person``; returns how many."""
    count = 0
    for path, relation in entry.links.items():
        if relation is not Link.ABOUT:
            continue  # rows they made stay, pointing at their record, which loses its name
        rows = entry.rows_for(person, path)
        if entry.on_erasure is Erasure.DELETE:
            count += rows.count()
            rows.delete()
        elif entry.on_erasure is Erasure.UNLINK:
            count += rows.update(**{path: None})
        elif entry.on_erasure is Erasure.ANONYMISE:
            count += rows.update(**entry.anonymise)
    if entry.found_without_a_link and entry.on_erasure is Erasure.DELETE:
        rows = entry.rows_by_lookup(person)
        count += rows.count()
        rows.delete()
    return count


def _erase(person: Person, *, erased_at: datetime.datetime) -> dict[str, int]:
    """Apply every register entry's rule to the rows about ``person``; counts per model."""
    _end_sign_ins(person)
    # Rows about the person first (the sign-in's lookups need the username), then the
    # sign-in, then the person's own record.
    ordered = sorted(REGISTER.values(), key=lambda e: (e.subject, e.model is Person))
    counts = {e.model_label: _erase_entry(e, person) for e in ordered if e.model is not Person}
    for name, value in REGISTER["organisations.Person"].anonymise.items():
        setattr(person, name, value)
    person.erased_at = erased_at
    person.left_at = person.left_at or erased_at
    person.save()
    return counts


@transaction.atomic
def person_erase(*, person: Person, actor: Person) -> Person:
    """Erase a person across every app in the register, as each entry says.

    Answers are unlinked (they stay in the totals already shared, pointing at nobody), sign-in
    records and roles are deleted, and the person's own record keeps only its id, so the
    audit log still adds up. The audit log records that it happened and by whom.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at is not None:
        raise ValidationError(ALREADY_ERASED)
    if person.pk == actor.pk:
        raise ValidationError(NOT_YOURSELF)
    _refuse_last_admin(person)
    counts = _erase(person, erased_at=timezone.now())
    record(
        action=Action.PRIVACY_PERSON_ERASED,
        actor=actor,
        obj=person,
        changes={"rows": sum(counts.values())},
    )
    # Inside the transaction: if the ledger cannot be written, nothing is erased.
    _ledger_append(person)
    return person


@transaction.atomic
def person_erase_by_retention(*, person: Person) -> Person:
    """Erase a leaver whose retention period has ended: done by the system, audited the same."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    counts = _erase(person, erased_at=timezone.now())
    record(
        action=Action.PRIVACY_PERSON_ERASED,
        obj=person,
        changes={"rows": sum(counts.values()), "by_retention": True},
    )
    _ledger_append(person)
    return person


@dataclass(frozen=True)
class LedgerEntry:
    person_id: int
    organisation_id: int
    erased_at: datetime.datetime


def _ledger_append(person: Person) -> None:
    path = settings.WESAID_ERASURE_LEDGER
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(
        {
            "person_id": person.pk,
            "organisation_id": person.organisation_id,
            "erased_at": person.erased_at.isoformat() if person.erased_at else None,
        }
    )
    with open(path, "a", encoding="utf-8") as ledger:
        ledger.write(line + "\n")
        ledger.flush()
        os.fsync(ledger.fileno())


def erasure_ledger() -> list[LedgerEntry]:
    """Every erasure made on this installation, oldest first (ids and times only)."""
    path = settings.WESAID_ERASURE_LEDGER
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            entries.append(
                LedgerEntry(
                    person_id=data["person_id"],
                    organisation_id=data["organisation_id"],
                    erased_at=datetime.datetime.fromisoformat(data["erased_at"]),
                )
            )
    return entries


def erasures_undone_by_restore() -> list[LedgerEntry]:
    """Erasures in the ledger whose person is back, not erased, in the database (a restore)."""
    entries = erasure_ledger()
    back = set(
        Person.objects.filter(
            pk__in=[e.person_id for e in entries], erased_at__isnull=True
        ).values_list("pk", "organisation_id")
    )
    return [e for e in entries if (e.person_id, e.organisation_id) in back]


@transaction.atomic
def erasures_reapply(*, entries: list[LedgerEntry]) -> int:
    """Erase again the people a restore brought back; recorded as done by the system."""
    done = 0
    for item in entries:
        person = Person.objects.filter(
            pk=item.person_id, organisation_id=item.organisation_id, erased_at__isnull=True
        ).first()
        if person is None:
            continue
        _erase(person, erased_at=item.erased_at)
        record(action=Action.PRIVACY_PERSON_ERASED_AGAIN, obj=person, changes={"after": "restore"})
        done += 1
    return done
