"""The audit log: written with every change, append-only, never holding sensitive values."""

from __future__ import annotations

import html

import pytest
from django.db import transaction
from django.urls import reverse

from wesaid.audit.actions import Action
from wesaid.audit.models import AppendOnlyError, AuditEvent
from wesaid.core.roles import Role
from wesaid.organisations.models import Person
from wesaid.organisations.services import person_create, person_update

from .conftest import make_person, sign_in

pytestmark = pytest.mark.django_db


def test_an_audit_event_cannot_be_changed_or_deleted(lead):
    event = AuditEvent.objects.first()
    event.action = "something.else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_sensitive_fields_are_named_but_their_values_are_never_stored(organisation, lead):
    person = person_create(
        organisation=organisation,
        display_name="Ruth Cohen",
        roles=[Role.MEMBER],
        actor=lead,
        email="ruth@example.org",
        phone="07700 900123",
        preferred_language="cy",
    )
    person_update(person=person, actor=lead, phone="07700 900999")
    created = AuditEvent.objects.get(action="person.created", object_id=str(person.pk))
    updated = AuditEvent.objects.get(action="person.updated", object_id=str(person.pk))
    everything = str(list(AuditEvent.objects.values_list("changes", flat=True)))
    for secret in ("Ruth", "ruth@example.org", "07700"):
        assert secret not in everything
    assert created.changes["email"] == "changed"
    assert created.changes["preferred_language"] == {"from": None, "to": "cy"}
    assert updated.changes == {"phone": "changed"}
    assert updated.actor == lead
    assert updated.created_at.utcoffset().total_seconds() == 0  # stored in UTC


def test_a_failed_change_leaves_no_audit_row_and_no_half_write(organisation, lead):
    before_people, before_events = Person.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValueError), transaction.atomic():
        person_create(
            organisation=organisation, display_name="Half Written", roles=["not-a-role"], actor=lead
        )
    assert Person.objects.count() == before_people
    assert AuditEvent.objects.count() == before_events


def test_role_changes_are_audited_with_the_roles(client, organisation):
    admin = make_person(organisation, Role.ORG_ADMIN, "Admin")
    person = make_person(organisation, Role.MEMBER, "Kofi")
    sign_in(client, admin)
    response = client.post(
        reverse("organisations:person_roles", args=[person.pk]), {"roles": ["member", "carer"]}
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(
        action="person.roles.changed", object_id=str(person.pk), actor=admin
    )
    # Member and carer reveal lived experience or caring: the log says a private role changed.
    assert event.changes == {"roles": {"from": ["private role"], "to": ["private role"]}}
    client.post(reverse("organisations:person_roles", args=[person.pk]), {"roles": ["facilitator"]})
    event = AuditEvent.objects.filter(
        action="person.roles.changed", object_id=str(person.pk)
    ).first()
    assert event.changes == {"roles": {"from": ["private role"], "to": ["facilitator"]}}


def test_the_last_organisation_admin_cannot_be_removed(client, organisation):
    admin = make_person(organisation, Role.ORG_ADMIN, "Only Admin")
    sign_in(client, admin)
    response = client.post(
        reverse("organisations:person_roles", args=[admin.pk]), {"roles": ["lead"]}
    )
    assert "needs at least one organisation admin" in response.content.decode()
    assert admin.memberships.filter(role=Role.ORG_ADMIN).exists()


def test_the_audit_log_page_is_read_only_and_shows_only_this_organisation(
    client, organisation, other_organisation
):
    from wesaid.audit.services import record

    admin = make_person(organisation, Role.ORG_ADMIN, "Admin")
    here = make_person(organisation, Role.MEMBER, "Here Person")
    elsewhere = make_person(other_organisation, Role.MEMBER, "Elsewhere Person")
    record(action=Action.BACKUP_CREATED, organisation=organisation, actor=here)
    record(action=Action.BACKUP_RESTORED, organisation=other_organisation, actor=elsewhere)
    sign_in(client, admin)
    page = client.get(reverse("audit:log")).content.decode()
    # The same kind of row is shown for this organisation, so its absence below means scoping.
    table = page.split("<tbody")[1]
    assert "Backup made" in table and "Here Person" in table
    assert "Backup restored" not in table  # the page itself, not just the queryset, is scoped
    assert "Elsewhere Person" not in page
    assert 'method="post"' not in page.split('id="main-content"')[1]  # read only


def test_an_action_outside_the_one_enumeration_is_refused(organisation):
    from wesaid.audit.services import UnknownAction, record

    with pytest.raises(UnknownAction, match="audit/actions.py"):
        record(action="project.renamed", organisation=organisation)


def test_every_recorded_action_in_the_code_is_a_member_of_the_enumeration():
    """No call site writes an action as a bare string: each names Action.<MEMBER>."""
    import re
    from pathlib import Path

    import wesaid

    root = Path(wesaid.__file__).parent
    bare, unknown = [], []
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        bare += [f"{path.name}: {m}" for m in re.findall(r'\baction="[a-z_]+\.[a-z_.]+"', text)]
        unknown += [m for m in re.findall(r"\bAction\.([A-Z_]+)\b", text) if not hasattr(Action, m)]
        # Any other string handed to action= (an f-string, a conditional) is also refused.
        bare += [
            f"{path.name}: {m}" for m in re.findall(r'\baction=[^,)]*"[a-z_]+\.[a-z_.]+"', text)
        ]
    assert bare == [] and unknown == []


def test_the_log_shows_plain_words_in_both_languages_and_filters_by_action(client, organisation):
    from wesaid.audit.services import record

    admin = make_person(organisation, Role.ORG_ADMIN, "Admin")
    record(action=Action.BACKUP_CREATED, organisation=organisation)
    sign_in(client, admin)
    english = client.get(reverse("audit:log")).content.decode()
    assert "Backup made" in english and "backup.created" in english
    only = client.get(reverse("audit:log"), {"action": "backup.created"}).content.decode()
    assert "Backup made" in only and "Person added" not in only.split("<tbody")[1]
    welsh = html.unescape(client.get("/cy" + reverse("audit:log")).content.decode())
    assert "Copi wrth gefn wedi'i wneud" in welsh
