"""Writes for organisations, people and roles. Each writes its audit event in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wesaid.audit.actions import Action
from wesaid.audit.services import create_audited, record, update_audited
from wesaid.core.roles import PRIVATE_ROLE_LABEL, PRIVATE_ROLES, Role

from .models import Membership, Organisation, Person

LAST_ADMIN = _(
    "The organisation needs at least one organisation admin. Give someone else the role first."
)

PERSON_FIELDS = ("display_name", "email", "phone", "preferred_language", "easy_read")


@transaction.atomic
def organisation_create(*, name: str, slug: str, actor: Person | None = None) -> Organisation:
    organisation = Organisation(name=name, slug=slug)
    organisation.full_clean()
    organisation.save()
    record(
        action=Action.ORGANISATION_CREATED, actor=actor, obj=organisation, organisation=organisation
    )
    return organisation


@transaction.atomic
def person_create(
    *,
    organisation: Organisation,
    display_name: str,
    roles: Iterable[str],
    actor: Person | None,
    email: str = "",
    phone: str = "",
    preferred_language: str = Person.Language.ENGLISH,
) -> Person:
    person = Person(
        organisation=organisation,
        display_name=display_name,
        email=email,
        phone=phone,
        preferred_language=preferred_language,
    )
    create_audited(person, action=Action.PERSON_CREATED, actor=actor, fields=PERSON_FIELDS)
    _roles_set(person=person, roles=roles, actor=actor)
    return person


@transaction.atomic
def person_roles_set(*, person: Person, roles: Iterable[str], actor: Person | None) -> Person:
    """Give a person exactly these roles in their organisation."""
    _roles_set(person=person, roles=roles, actor=actor)
    return person


def _for_audit(roles: set[str]) -> list[str]:
    return sorted({PRIVATE_ROLE_LABEL if role in PRIVATE_ROLES else str(role) for role in roles})


def _roles_set(*, person: Person, roles: Iterable[str], actor: Person | None) -> None:
    wanted: set[str] = {Role(role) for role in roles}
    current: set[str] = set(person.memberships.values_list("role", flat=True))
    added, removed = wanted - current, current - wanted
    if Role.ORG_ADMIN in removed:
        # Lock the organisation's row: two requests removing the last two admins at the same
        # time queue here, and the second one sees that only one admin is left.
        Organisation.objects.select_for_update().filter(pk=person.organisation_id).get()
        others = (
            Membership.objects.filter(organisation=person.organisation, role=Role.ORG_ADMIN)
            .exclude(person=person)
            .filter(person__left_at__isnull=True)
        )
        if not others.exists():
            raise ValidationError({"roles": LAST_ADMIN})
    for role in sorted(added):
        Membership.objects.create(organisation=person.organisation, person=person, role=role)
    if removed:
        person.memberships.filter(role__in=removed).delete()
    if added or removed:
        # Any change of roles ends the cards and links issued before it.
        person.sign_ins_reset_at = timezone.now()
        person.save(update_fields=["sign_ins_reset_at"])
        record(
            action=Action.PERSON_ROLES_CHANGED,
            actor=actor,
            obj=person,
            changes={"roles": {"from": _for_audit(current), "to": _for_audit(wanted)}},
        )
    person.__dict__.pop("_roles_cache", None)
    getattr(person, "_prefetched_objects_cache", {}).pop("memberships", None)


@transaction.atomic
def person_update(
    *,
    person: Person,
    actor: Person | None,
    display_name: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    preferred_language: str | None = None,
    easy_read: bool | None = None,
) -> Person:
    """Change the named details; a detail left as None stays as it is."""
    given = {
        "display_name": display_name,
        "email": email,
        "phone": phone,
        "preferred_language": preferred_language,
        "easy_read": easy_read,
    }
    values = {name: value for name, value in given.items() if value is not None}
    return update_audited(
        person, action=Action.PERSON_UPDATED, actor=actor, fields=PERSON_FIELDS, values=values
    )
