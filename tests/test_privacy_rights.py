"""People's rights over their data: subject access, leavers and erasure, walked over the register."""

from __future__ import annotations

import html
import io
import json
import uuid

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from pypdf import PdfReader

from wesaid.accounts.models import SignInCode, SignInLink, User
from wesaid.accounts.services import sign_in_code_issue, sign_in_link_issue
from wesaid.audit.models import AuditEvent
from wesaid.checkins.models import CheckInAnswer, Feeling
from wesaid.checkins.selectors import live_counts
from wesaid.checkins.services import checkin_answer, checkin_close, checkin_create
from wesaid.core.personal_data import REGISTER, Erasure, Link
from wesaid.core.roles import Role
from wesaid.organisations.models import Membership, Person
from wesaid.outcomes.services import library_load, own_outcome_create
from wesaid.privacy.selectors import subject_access
from wesaid.privacy.services import LAST_ADMIN, person_deactivate, person_erase
from wesaid.projects.models import ProjectMember
from wesaid.projects.services import project_member_add

from .conftest import CheckedClient, give_backup_codes, make_person, sign_in

pytestmark = pytest.mark.django_db

EMAIL = "bethan.private@example.org"
PHONE = "07700 900123"


@pytest.fixture
def admin(organisation):
    return make_person(organisation, Role.ORG_ADMIN, "Olu Admin")


@pytest.fixture
def bethan(organisation, project, lead, checkin, member):
    """A person with data in every model of the register: a facilitator who is also a member."""
    person = make_person(organisation, Role.FACILITATOR, "Bethan Rhys")
    Membership.objects.create(person=person, role=Role.MEMBER)
    person.email, person.phone = EMAIL, PHONE
    person.save()
    project_member_add(
        project=project, person=person, group=ProjectMember.Group.LIVED_EXPERIENCE, actor=lead
    )
    checkin_answer(checkin=checkin, person=person, feeling=Feeling.GOOD, submission_id=uuid.uuid4())
    checkin_create(project=project, actor=person, title="Made by Bethan")  # a row made by them
    library_load()
    own_outcome_create(  # another row made by them
        organisation=organisation, actor=person, beneficiary="people", domain="skills",
        name="Outcome added by Bethan",
    )  # fmt: skip
    sign_in_code_issue(person=person, actor=lead)
    sign_in_code_issue(person=member, actor=person)  # a card they printed for someone else
    sign_in_link_issue(person=person)
    give_backup_codes(person, "bethan01")
    TOTPDevice.objects.create(user=person.user, name="Phone", confirmed=True)
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.create(
            username=person.user.username,
            ip_address="192.0.2.7",
            user_agent="test",
            attempt_time=timezone.now(),
            **({"failures_since_start": 1} if model is AccessAttempt else {}),
        )
    return person


def test_the_export_holds_every_registered_field_of_every_model(bethan):
    access = subject_access(bethan, for_json=True).as_json()
    held = {}
    for section in access["held"]:
        held.setdefault(section["model"], []).append(section)
    for label, entry in REGISTER.items():
        assert label in held, f"nothing exported from {label}"
        for section in held[label]:
            for row in section["rows"]:
                assert set(row) == set(entry.fields), label
    text = json.dumps(access, ensure_ascii=False)
    assert EMAIL in text and PHONE in text and "Bethan Rhys" in text
    assert "Made by Bethan" in text  # a row they made
    answers = held["checkins.CheckInAnswer"][0]["rows"]
    assert answers[0]["feeling"] == {"value": Feeling.GOOD, "label": "Good"}


def test_a_code_never_appears_in_the_export(bethan):
    text = json.dumps(subject_access(bethan, for_json=True).as_json())
    for code in SignInCode.objects.filter(person=bethan):
        assert code.digest not in text


def test_an_admin_downloads_the_export_as_a_page_a_pdf_and_json(client, admin, bethan):
    sign_in(client, admin)
    page = client.get(reverse("privacy:person_data", args=[bethan.pk]))
    assert page.status_code == 200
    assert EMAIL in page.content.decode()
    data = client.get(reverse("privacy:person_data_json", args=[bethan.pk]))
    assert data["Content-Type"] == "application/json"
    assert EMAIL in data.content.decode()
    pdf = client.get(reverse("privacy:person_data_pdf", args=[bethan.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf.content))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog  # tagged, for screen readers
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en"
    text = "".join(page.extract_text() for page in reader.pages)
    assert EMAIL in text and "Bethan Rhys" in text
    events = AuditEvent.objects.filter(action="privacy.subject_access.exported")
    assert [e.changes["form"] for e in events.order_by("pk")] == ["html", "json", "pdf"]
    assert all(e.object_id == str(bethan.pk) and e.actor_id == admin.pk for e in events)
    assert EMAIL not in json.dumps([e.changes for e in events])


def test_a_person_sees_their_own_data_in_their_own_language(client, bethan):
    bethan.preferred_language = Person.Language.WELSH
    bethan.save()
    sign_in(client, bethan)
    page = html.unescape(client.get(reverse("privacy:my_data")).content.decode())
    assert '<h1 class="govuk-heading-l">Beth rydyn ni\'n ei gadw amdanoch chi</h1>' in page
    assert EMAIL in page
    event = AuditEvent.objects.get(action="privacy.subject_access.exported")
    assert event.changes == {"form": "html", "by_the_person": True}


def test_a_member_cannot_see_someone_elses_data(client, member, bethan):
    sign_in(client, member)
    assert client.get(reverse("privacy:person_data", args=[bethan.pk])).status_code == 403


def test_erasure_leaves_no_name_contact_or_answer_and_the_totals_still_add_up(
    admin, bethan, checkin, lead
):
    before = live_counts(checkin)
    checkin_close(checkin=checkin, actor=lead)
    checkin.refresh_from_db()
    released = checkin.released
    answer_pk = CheckInAnswer.objects.get(person=bethan).pk
    username = bethan.user.username

    person_erase(person=bethan, actor=admin)

    bethan.refresh_from_db()
    assert (bethan.display_name, bethan.email, bethan.phone) == ("", "", "")
    assert bethan.erased_at is not None and bethan.shown_name == "Erased person"
    for label, entry in REGISTER.items():
        for path, how in entry.links.items():
            left = entry.rows_for(bethan, path).count()
            if how is Link.ABOUT and entry.on_erasure is not Erasure.KEEP:
                assert left == 0, f"{label}.{path} still holds rows about them"
    assert not User.objects.filter(username=username).exists()
    assert not AccessAttempt.objects.filter(username=username).exists()
    assert not SignInCode.objects.filter(person=bethan).exists()
    assert CheckInAnswer.objects.get(pk=answer_pk).person_id is None
    checkin.refresh_from_db()
    assert live_counts(checkin) == before
    assert checkin.released == released
    event = AuditEvent.objects.get(action="privacy.person.erased")
    assert event.actor_id == admin.pk and event.object_id == str(bethan.pk)
    assert "Bethan" not in json.dumps(event.changes) and EMAIL not in json.dumps(event.changes)


def test_erasure_through_the_page_asks_for_confirmation(client, admin, bethan):
    sign_in(client, admin)
    url = reverse("privacy:erase", args=[bethan.pk])
    refused = client.post(url, {})
    assert "Tick the box to say you understand" in refused.content.decode()
    bethan.refresh_from_db()
    assert bethan.erased_at is None
    done = client.post(url, {"confirm": "on"})
    assert done["Location"] == reverse("organisations:people")
    bethan.refresh_from_db()
    assert bethan.erased_at is not None


def test_a_leavers_session_card_and_link_all_stop_at_once(admin, member, lead):
    card = sign_in_code_issue(person=member, actor=lead)
    link = sign_in_link_issue(person=member)
    session_client = sign_in(CheckedClient(), member)
    assert session_client.get(reverse("site:dashboard")).status_code == 200

    person_deactivate(person=member, actor=admin)

    assert session_client.get(reverse("site:dashboard")).status_code == 302
    card_client = CheckedClient()
    card_client.post(reverse("accounts:sign_in_code"), {"code": card})
    assert card_client.get(reverse("site:dashboard")).status_code == 302
    link_client = CheckedClient()
    link_client.post(reverse("accounts:sign_in_link"), {"token": link})
    assert link_client.get(reverse("site:dashboard")).status_code == 302
    member.refresh_from_db()
    assert member.left_at is not None and member.display_name == "Amira Member"
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(member.user.pk) for s in Session.objects.all()
    )
    assert AuditEvent.objects.filter(action="privacy.person.deactivated").count() == 1


def test_a_leaver_keeps_their_answers(admin, member, checkin):
    checkin_answer(checkin=checkin, person=member, feeling=Feeling.OKAY, submission_id=uuid.uuid4())
    person_deactivate(person=member, actor=admin)
    assert CheckInAnswer.objects.filter(person=member).count() == 1


def test_the_only_admin_cannot_be_deactivated_or_erased(organisation, admin, lead):
    other = make_person(organisation, Role.ORG_ADMIN, "Second Admin")
    person_deactivate(person=other, actor=admin)
    for service in (person_deactivate, person_erase):
        with pytest.raises(ValidationError) as problem:
            service(person=admin, actor=lead)
        assert problem.value.messages == [str(LAST_ADMIN)]


def test_nobody_erases_or_deactivates_themselves(organisation, admin):
    make_person(organisation, Role.ORG_ADMIN, "Second Admin")
    for service in (person_deactivate, person_erase):
        with pytest.raises(ValidationError):
            service(person=admin, actor=admin)


def test_sign_in_links_are_left_unusable_for_a_leaver(admin, member):
    sign_in_link_issue(person=member)
    person_deactivate(person=member, actor=admin)
    assert not SignInLink.objects.filter(person=member).usable().exists()
