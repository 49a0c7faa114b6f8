"""A member can tell which check-in they are answering, and no answer is chosen for them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from wesaid.checkins.services import checkin_create

from .conftest import CheckedClient, sign_in

pytestmark = pytest.mark.django_db


def test_the_answer_page_names_the_session(client, checkin, member):
    sign_in(client, member)
    page = BeautifulSoup(
        client.get(reverse("checkins:answer", args=[checkin.pk])).content, "html.parser"
    )
    caption = page.select_one(".govuk-caption-l")
    assert caption is not None and caption.get_text(strip=True) == "Carers' group: Session 1"


def test_no_answer_is_chosen_before_the_member_chooses(client, checkin, member):
    sign_in(client, member)
    page = BeautifulSoup(
        client.get(reverse("checkins:answer", args=[checkin.pk])).content, "html.parser"
    )
    radios = page.select('input[type="radio"][name="feeling"]')
    assert len(radios) == 5
    assert not [r for r in radios if r.has_attr("checked")]


def test_sending_without_a_choice_says_what_to_do(checkin, member):
    client = sign_in(CheckedClient(), member)
    form = BeautifulSoup(
        client.get(reverse("checkins:answer", args=[checkin.pk])).content, "html.parser"
    )
    submission = form.select_one('input[name="submission_id"]')["value"]
    response = client.post(
        reverse("checkins:answer", args=[checkin.pk]), {"submission_id": submission}
    )
    assert response.status_code == 200
    assert "Choose how the session felt" in response.content.decode()


def test_each_waiting_check_in_link_on_the_home_page_is_named_by_its_session(
    client, checkin, lead, member
):
    checkin_create(project=checkin.project, actor=lead, title="Session 2")
    sign_in(client, member)
    page = BeautifulSoup(client.get(reverse("site:dashboard")).content, "html.parser")
    names = [
        a.get_text(strip=True)
        for a in page.select("a")
        if "/check-ins/" in a.get("href", "") or "/checkins/" in a.get("href", "")
    ]
    assert sorted(names) == ["Session 1", "Session 2"]
