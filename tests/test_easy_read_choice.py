"""A person chooses easy read for themselves, on any page: saved on their record once signed
in (and audited), in a cookie before; pages with an easy-read wording then show it first."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from wesaid.audit.models import AuditEvent
from wesaid.core.middleware import EASY_READ_COOKIE

from .conftest import sign_in

pytestmark = pytest.mark.django_db

SWITCH_ON = "Switch to easy read"
SWITCH_OFF = "Switch to the usual words"
EASY_PRIVACY = "This is about the information we keep about you."


def test_every_page_offers_the_switch_and_it_starts_off(client):
    for address in ("/", "/privacy/", "/accessibility/", reverse("accounts:sign_in")):
        page = client.get(address).content.decode()
        assert SWITCH_ON in page and SWITCH_OFF not in page, address


def test_a_visitor_not_signed_in_keeps_the_choice_in_a_cookie(client):
    response = client.post(reverse("accounts:easy_read"), {"easy_read": "on", "next": "/privacy/"})
    assert response.status_code == 302 and response["Location"] == "/privacy/"
    assert response.cookies[EASY_READ_COOKIE].value == "on"
    page = client.get("/privacy/").content.decode()
    assert EASY_PRIVACY in page and SWITCH_OFF in page
    # "Full version" would lead straight back here: the switch in the header does that job.
    assert "Full version" not in page
    off = client.post(reverse("accounts:easy_read"), {"easy_read": "off", "next": "/privacy/"})
    assert off.cookies[EASY_READ_COOKIE].value == ""
    page = client.get("/privacy/").content.decode()
    assert EASY_PRIVACY not in page and SWITCH_ON in page


def test_a_signed_in_member_saves_the_choice_on_their_record_and_it_is_audited(
    client, member, lead
):
    sign_in(client, member)
    response = client.post(reverse("accounts:easy_read"), {"easy_read": "on", "next": "/home/"})
    assert response.status_code == 302 and response["Location"] == "/home/"
    member.refresh_from_db()
    assert member.easy_read is True
    assert EASY_READ_COOKIE not in response.cookies
    event = AuditEvent.objects.filter(action="person.updated", object_id=str(member.pk)).get()
    assert event.actor_id == member.pk and event.changes == {"easy_read": "changed"}
    assert SWITCH_OFF in client.get("/home/").content.decode()
    # Someone else's pages are untouched by it.
    lead.refresh_from_db()
    assert lead.easy_read is False


def test_the_saved_choice_wins_over_a_cookie_left_from_before(client, member):
    client.cookies[EASY_READ_COOKIE] = "on"
    sign_in(client, member)
    assert SWITCH_ON in client.get("/home/").content.decode()


def test_the_switch_never_sends_anyone_to_another_site(client):
    response = client.post(
        reverse("accounts:easy_read"), {"easy_read": "on", "next": "https://evil.example/x"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("site:home")


def test_a_get_changes_nothing(client, member):
    sign_in(client, member)
    response = client.get(reverse("accounts:easy_read") + "?easy_read=on&next=/home/")
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.easy_read is False


def test_the_switch_is_in_welsh_on_welsh_pages(client):
    page = client.get("/cy/privacy/").content.decode()
    assert "Newid i fersiwn hawdd ei ddeall" in page
    client.post("/cy/easy-read/", {"easy_read": "on", "next": "/cy/privacy/"})
    page = unescape(client.get("/cy/privacy/").content.decode())
    assert "Mae hyn am y wybodaeth rydyn ni'n ei chadw amdanoch chi." in page
    assert "Newid i'r geiriau arferol" in page
