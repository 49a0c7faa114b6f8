"""Writes for people's rights: subject access exports, leavers and erasure, all audited.

Audit rows say that something happened, to whom (the person's record id) and by whom; never
what was exported or erased.
"""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wesaid.accounts.models import SignInCode, SignInLink, User
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
        action="privacy.subject_access.exported",
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
    record(action="privacy.person.deactivated", actor=actor, obj=person, changes=ended)
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
    if entry.lookup is not None and entry.on_erasure is Erasure.DELETE:
        rows = entry.rows_by_lookup(person)
        count += rows.count()
        rows.delete()
    return count


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
    _end_sign_ins(person)
    # Rows about the person first (the sign-in's lookups need the username), then the
    # sign-in, then the person's own record.
    ordered = sorted(REGISTER.values(), key=lambda e: (e.subject, e.model is Person))
    counts: dict[str, int] = {}
    for entry in ordered:
        if entry.model is Person:
            continue
        counts[entry.model_label] = _erase_entry(entry, person)
    person_entry = REGISTER["organisations.Person"]
    for name, value in person_entry.anonymise.items():
        setattr(person, name, value)
    person.erased_at = timezone.now()
    if person.left_at is None:
        person.left_at = person.erased_at
    person.save()
    record(
        action="privacy.person.erased",
        actor=actor,
        obj=person,
        changes={"rows": sum(counts.values())},
    )
    return person


def erasures_since(moment) -> models.QuerySet:
    """Erasure events after ``moment``: a restore from an older backup would undo them."""
    from wesaid.audit.models import AuditEvent

    return AuditEvent.objects.filter(action="privacy.person.erased", created_at__gt=moment)
