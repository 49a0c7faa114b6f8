"""The organisation's own privacy notice and accessibility statement, in English and Welsh."""

from __future__ import annotations

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import translation

from wesaid.audit.models import AuditEvent
from wesaid.core.middleware import EASY_READ_COOKIE
from wesaid.core.roles import Role
from wesaid.organisations.models import Person
from wesaid.privacy.models import AccessibilityStatement
from wesaid.privacy.notices import accessibility_statement_save, privacy_notice_save

from .conftest import make_person, sign_in

pytestmark = pytest.mark.django_db

NOTICE = {
    "controller": "Riverside Borough Council",
    "contact": "data@riverside.example\n01632 960000",
    "dpo_contact": "dpo@riverside.example",
    "extra_en": "We never sell your data.",
    "extra_cy": "",
}


@pytest.fixture
def admin(organisation):
    return make_person(organisation, Role.ORG_ADMIN, "Olu Admin")


def page(client, name) -> str:
    return html.unescape(client.get(reverse(name)).content.decode())


def test_before_an_organisation_writes_one_people_see_the_general_notice(client, member):
    sign_in(client, member)
    assert "Riverside Borough Council" not in page(client, "site:privacy")


def test_an_admin_writes_the_notice_and_members_read_it_with_the_register_drawn_in(
    client, admin, member
):
    sign_in(client, admin)
    url = reverse("privacy:notice_edit")
    refused = client.post(url, {**NOTICE, "controller": ""})
    assert "Enter who is responsible for the data" in refused.content.decode()
    assert client.post(url, NOTICE)["Location"] == reverse("privacy:hub")
    assert AuditEvent.objects.filter(action="privacy.notice.created").count() == 1

    reader = sign_in(client.__class__(), member)
    text = page(reader, "site:privacy")
    assert "Riverside Borough Council is responsible for your information in wesaid." in text
    assert "dpo@riverside.example" in text
    # Drawn from the register and the organisation's retention periods, not typed by the admin.
    assert "How each session felt to the people in it, to improve the sessions." in text
    assert "providing health or social care" in text
    assert "Sign-in cards and emailed links, after they expire or are used: 30 days" in text
    assert "We never sell your data." in text


def test_a_welsh_reader_gets_the_notice_in_welsh_and_is_told_what_is_only_in_english(
    client, organisation, admin, member
):
    privacy_notice_save(organisation=organisation, actor=admin, **NOTICE)
    member.preferred_language = Person.Language.WELSH
    member.save()
    sign_in(client, member)
    text = html.unescape(client.get("/cy/privacy/").content.decode())
    assert "Mae Riverside Borough Council yn gyfrifol am eich gwybodaeth yn wesaid." in text
    assert "Sut oedd pob sesiwn i'r bobl ynddi, er mwyn gwella'r sesiynau." in text
    assert '<p class="govuk-body">Dim ond yn Saesneg mae\'r rhan hon.</p>' in text
    assert '<p class="govuk-body wesaid-pre-line" lang="en">We never sell your data.</p>' in text


def test_the_accessibility_statement_has_what_the_regulations_ask_for(client, admin, member):
    sign_in(client, admin)
    url = reverse("privacy:statement_edit")
    data = {
        "status": AccessibilityStatement.Status.PARTIAL,
        "known_issues_en": "Charts have no text version yet.",
        "known_issues_cy": "Nid oes fersiwn testun o'r siartiau eto.",
        "report_contact": "access@riverside.example",
        "reviewed_on_day": "2",
        "reviewed_on_month": "11",
        "reviewed_on_year": "2026",
    }
    refused = client.post(url, {**data, "reviewed_on_month": "13"})
    assert "The date must be a real date" in refused.content.decode()
    assert client.post(url, data).status_code == 302
    statement = AccessibilityStatement.objects.get()
    assert statement.reviewed_on == datetime.date(2026, 11, 2)

    reader = sign_in(client.__class__(), member)
    text = page(reader, "site:accessibility")
    assert "Status: Partially compliant with the Web Content Accessibility Guidelines" in text
    assert "Charts have no text version yet." in text
    assert "access@riverside.example" in text
    assert "Equality Advisory and Support Service (EASS)" in text  # the enforcement procedure
    assert "This statement was last reviewed on 2 November 2026." in text


def test_saving_again_changes_the_same_statement_and_is_audited(organisation, admin):
    values = {
        "status": "full",
        "known_issues_en": "",
        "known_issues_cy": "",
        "report_contact": "a@b.example",
        "reviewed_on": datetime.date(2026, 1, 1),
    }
    accessibility_statement_save(organisation=organisation, actor=admin, **values)
    accessibility_statement_save(
        organisation=organisation, actor=admin, **{**values, "status": "partial"}
    )
    assert AccessibilityStatement.objects.count() == 1
    event = AuditEvent.objects.get(action="privacy.accessibility_statement.updated")
    assert event.changes["status"] == {"from": "full", "to": "partial"}


def test_only_admins_edit_the_notices(client, lead):
    sign_in(client, lead)
    assert client.get(reverse("privacy:notice_edit")).status_code == 403


STATEMENT = {
    "status": "partial",
    "known_issues_en": "Charts have no text version yet.",
    "known_issues_cy": "Nid oes fersiwn testun o'r siartiau eto.",
    "report_contact": "access@riverside.example",
    "reviewed_on": datetime.date(2026, 11, 2),
}


def public_url(name: str, organisation) -> str:
    """The English address (a Welsh request leaves Welsh active for the next reverse)."""
    with translation.override("en"):
        return reverse(f"site:organisation_{name}", kwargs={"organisation_slug": organisation.slug})


def test_anyone_reads_an_organisations_notice_at_its_public_address_without_signing_in(
    client, organisation, other_organisation, admin, member
):
    privacy_notice_save(organisation=organisation, actor=admin, **NOTICE)
    other_admin = make_person(other_organisation, Role.ORG_ADMIN, "Hana Otheradmin")
    privacy_notice_save(
        organisation=other_organisation,
        actor=other_admin,
        **{**NOTICE, "controller": "Hillside Charity Ltd"},
    )
    response = client.get(public_url("privacy", organisation))
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "Riverside Borough Council is responsible for your information in wesaid." in text
    assert "dpo@riverside.example" in text
    assert "How each session felt to the people in it, to improve the sessions." in text
    assert "Hillside Charity Ltd" not in text
    for name in ("Olu Admin", "Amira Member", "Hana Otheradmin", member.user.username):
        assert name not in text  # nothing about anyone
    # The page names the organisation, and its links stay with the organisation's notices.
    assert organisation.name in text
    assert f'href="{public_url("privacy_easy_read", organisation)}"' in text
    assert f'href="{public_url("accessibility", organisation)}"' in text


def test_an_unknown_organisation_has_no_notice(client):
    url = reverse("site:organisation_privacy", kwargs={"organisation_slug": "no-such-place"})
    assert client.get(url).status_code == 404
    url = reverse("site:organisation_accessibility", kwargs={"organisation_slug": "no-such-place"})
    assert client.get(url).status_code == 404


def test_before_an_organisation_writes_its_notice_its_address_shows_the_general_one(
    client, organisation
):
    text = html.unescape(client.get(public_url("privacy", organisation)).content.decode())
    assert "This page tells you what information wesaid keeps about you, and why." in text
    assert "Its address is on your sign-in card." not in text  # they are already there


def test_the_public_notices_are_in_welsh_and_the_easy_read_names_the_organisation(
    client, organisation, admin
):
    privacy_notice_save(organisation=organisation, actor=admin, **NOTICE)
    accessibility_statement_save(organisation=organisation, actor=admin, **STATEMENT)
    text = html.unescape(client.get("/cy" + public_url("privacy", organisation)).content.decode())
    assert "Mae Riverside Borough Council yn gyfrifol am eich gwybodaeth yn wesaid." in text
    text = html.unescape(
        client.get("/cy" + public_url("accessibility", organisation)).content.decode()
    )
    assert "Nid oes fersiwn testun o'r siartiau eto." in text
    assert f'href="/cy{public_url("accessibility_easy_read", organisation)}"' in text
    easy = html.unescape(client.get(public_url("privacy_easy_read", organisation)).content.decode())
    assert f"{organisation.name} looks after your information." in easy
    assert f'href="{public_url("privacy", organisation)}"' in easy  # the full version
    easy = client.get(public_url("accessibility_easy_read", organisation))
    assert easy.status_code == 200


def test_the_printed_sign_in_card_gives_the_notices_public_address(client, organisation, lead):
    member = make_person(organisation, Role.MEMBER, "Card Holder", password=None)
    sign_in(client, lead)
    card = html.unescape(
        client.post(reverse("accounts:sign_in_card", args=[member.pk])).content.decode()
    )
    address = "http://testserver" + public_url("privacy", organisation)
    assert address in card
    assert client.__class__().get(address).status_code == 200


def test_the_data_protection_page_gives_the_public_addresses(client, organisation, admin):
    sign_in(client, admin)
    text = client.get(reverse("privacy:hub")).content.decode()
    assert "http://testserver" + public_url("privacy", organisation) in text
    assert "http://testserver" + public_url("accessibility", organisation) in text


def test_a_visitor_who_chose_easy_read_gets_the_organisations_easy_read_notice(
    client, organisation, admin
):
    privacy_notice_save(organisation=organisation, actor=admin, **NOTICE)
    client.cookies[EASY_READ_COOKIE] = "on"
    text = html.unescape(client.get(public_url("privacy", organisation)).content.decode())
    assert f"{organisation.name} looks after your information." in text
    assert "Riverside Borough Council is responsible for your information" not in text
