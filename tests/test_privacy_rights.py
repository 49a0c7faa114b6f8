"""People's rights over their data: subject access, leavers and erasure, walked over the register."""

from __future__ import annotations

import html
import io
import json
import uuid

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from bs4 import BeautifulSoup
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override as translation_override
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from wesaid.accounts.models import SignInCode, SignInLink, User
from wesaid.accounts.services import sign_in_code_issue, sign_in_link_issue
from wesaid.accounts.tasks import send_sign_in_link
from wesaid.audit.models import AuditEvent
from wesaid.checkins.models import CheckInAnswer, Feeling
from wesaid.checkins.selectors import live_counts
from wesaid.checkins.services import checkin_answer, checkin_close, checkin_create
from wesaid.consensus import services as consensus
from wesaid.core.personal_data import REGISTER, Erasure, Link
from wesaid.core.roles import Role
from wesaid.measures.services import licence_confirm, shipped_measure_add
from wesaid.organisations.models import Membership, Person
from wesaid.privacy.selectors import subject_access
from wesaid.privacy.services import LAST_ADMIN, person_deactivate, person_erase
from wesaid.projects.models import ProjectMember
from wesaid.projects.services import project_member_add

from .conftest import CheckedClient, give_backup_codes, make_person, sign_in, tasks_in_the_database

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
    # A measure they added, and a licence they confirmed (a made-up measure).
    shipped_measure_add(organisation=organisation, key="feeling-confident", actor=person)
    licence_confirm(
        organisation=organisation,
        shape_key="general-self-efficacy",
        actor=person,
        name="Made-up licensed scale",
        copyright_line="© Made-up Holder",
    )
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
    # Choosing outcomes: a study, an outcome and an agreed set they made, their own idea and
    # rating, and a rating they typed in for someone else.
    study = consensus.study_create(project=project, actor=person, title="What matters")
    outcome = consensus.candidate_add(
        study=study,
        actor=person,
        name="Being heard",
        name_cy="Cael fy nghlywed",
        easy_read="People listen to me",
        easy_read_cy="Mae pobl yn gwrando arna i",
    )
    consensus.idea_give(study=study, person=person, words="Being heard", recorded_by=None)
    today = timezone.localdate()
    round_ = consensus.round_open(study=study, actor=person, opens_on=today, closes_on=today)
    consensus.rating_save(round_=round_, candidate=outcome, person=person, score=8)
    consensus.rating_save(
        round_=round_, candidate=outcome, person=member, score=6, way="paper", entered_by=person
    )
    consensus.round_close(round_=round_, actor=person)
    consensus.agreed_set_confirm(study=study, actor=person, outcomes=[outcome], decided_on=today)
    sign_in(CheckedClient(), person)  # a live session, on the server
    with tasks_in_the_database():
        send_sign_in_link.enqueue(person.pk, "http://testserver")
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


def audit_rows(access: dict) -> list[dict]:
    return [
        row
        for section in access["held"]
        if section["model"] == "audit.AuditEvent"
        for row in section["rows"]
    ]


def test_the_export_holds_the_audit_events_about_the_person_and_by_them(bethan, lead, member):
    access = subject_access(bethan, for_json=True).as_json()
    rows = audit_rows(access)
    seen = {(r["action"]["value"], r["actor"]["label"], r["object_type"]["label"]) for r in rows}
    # About them, done by someone else: the lead put them in a project and printed their card.
    assert ("project.member.added", "Another person", "Something of yours") in seen
    assert ("account.sign_in_code.issued", "Another person", "Something of yours") in seen
    # Done by them: their answer, the check-in they made, the card they printed for someone else.
    assert ("checkin.answered", "You", "Something of yours") in seen
    assert ("checkin.created", "You", "Something that is not about a person") in seen
    assert ("account.sign_in_code.issued", "You", "Someone else, or something of theirs") in seen
    # Done by wesaid itself: the sign-in link emailed to them.
    assert ("account.sign_in_link.issued", "wesaid, automatically", "Something of yours") in seen
    assert all(r["action"]["label"] for r in rows)  # plain words for every action


def test_the_export_never_names_or_numbers_anyone_else(client, bethan, lead, member):
    access = subject_access(bethan, for_json=True).as_json()
    text = json.dumps(access, ensure_ascii=False)
    for name in ("Priya Lead", "Amira Member", lead.user.username, member.user.username):
        assert name not in text
    for row in audit_rows(access):
        if row["object_type"]["value"] == "someone_else":
            assert row["object_id"] is None
        assert row["actor"]["value"] in (None, bethan.pk)  # never another person's id
    sign_in(client, bethan)
    page = html.unescape(client.get(reverse("privacy:my_data")).content.decode())
    assert "Priya Lead" not in page and "Amira Member" not in page
    assert "Member added to a project" in page and "Not shown: it is about someone else" in page


def test_the_export_says_how_many_live_sessions_and_never_a_session_key(bethan):
    second = sign_in(CheckedClient(), bethan)
    ended = Session.objects.get(session_key=second.session.session_key)
    access = subject_access(bethan, for_json=True).as_json()
    assert access["live_sessions"] == 2
    Session.objects.filter(pk=ended.pk).update(expire_date=timezone.now())
    access = subject_access(bethan, for_json=True).as_json()
    assert access["live_sessions"] == 1
    sessions = [s for s in access["held"] if s["model"] == "sessions.Session"]
    assert sessions[0]["count"] == 2 and sessions[0]["name"] == "Signed-in sessions"
    text = json.dumps(access)
    for session in Session.objects.all():
        assert session.session_key not in text
    with translation_override("cy"):
        page = render_to_string(
            "privacy/subject_access_print.html",
            {"access": subject_access(bethan), "person": bethan},
        )
    assert "Wedi mewngofnodi nawr ar hyn o ddyfeisiau neu borwyr: 1." in page


def test_a_welsh_export_has_no_english_names_of_what_is_held(client, bethan):
    bethan.preferred_language = Person.Language.WELSH
    bethan.save()
    sign_in(client, bethan)
    page = BeautifulSoup(client.get(reverse("privacy:my_data")).content, "html.parser")
    text = " ".join(page.get_text(" ").split())
    headings = {h.get_text(strip=True) for h in page.find_all("h2")}
    keys = {dt.get_text(strip=True) for dt in page.select(".govuk-summary-list__key")}
    for entry in REGISTER.values():
        english_name = str(entry.model._meta.verbose_name_plural)
        assert english_name.lower() not in text.lower(), english_name
        with translation_override("en"):
            name, labels = str(entry.name), [str(entry.labels[f]) for f in entry.fields]
        with translation_override("cy"):
            welsh_name = str(entry.name)
            welsh_labels = [str(entry.labels[f]) for f in entry.fields]
        assert welsh_name != name and welsh_name in headings, entry.model_label
        for english, welsh in zip(labels, welsh_labels, strict=True):
            assert welsh != english, (entry.model_label, english)
            assert english not in keys
        assert set(welsh_labels) <= keys, entry.model_label


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


def test_the_json_export_is_in_the_persons_language_whoever_asks(client, bethan, organisation):
    bethan.preferred_language = Person.Language.WELSH
    bethan.save()
    admin = make_person(organisation, Role.ORG_ADMIN, "Sam Admin")
    sign_in(client, admin)  # an admin reading English pages
    data = client.get(reverse("privacy:person_data_json", args=[bethan.pk])).json()
    names = {section["name"] for section in data["held"]}
    assert "Atebion i holiadau sydyn" in names and "Answers to check-ins" not in names


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
    session_keys = [
        s.pk
        for s in Session.objects.all()
        if s.get_decoded().get("_auth_user_id") == str(bethan.user.pk)
    ]
    assert session_keys
    # A session that has ended but is not yet removed by retention still names them.
    Session.objects.filter(pk=session_keys[0]).update(expire_date=timezone.now())
    task_ids = list(
        DBTaskResult.objects.filter(args_kwargs__args__0=bethan.pk).values_list("pk", flat=True)
    )
    assert task_ids

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
    assert not Session.objects.filter(session_key__in=session_keys).exists()
    assert not DBTaskResult.objects.filter(pk__in=task_ids).exists()
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
