"""The person's language wins: their saved choice after signing in, then what this browser
chose with the switcher, then what the browser asks for (Accept-Language)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wesaid.core.middleware import PreferredLanguageMiddleware

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
COOKIE = PreferredLanguageMiddleware.COOKIE


def test_a_browser_asking_for_welsh_gets_welsh_at_the_front_page(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="cy,en;q=0.8")
    assert response.status_code == 302 and response["Location"] == "/cy/"
    page = client.get("/cy/")
    assert page.status_code == 200 and 'lang="cy"' in page.content.decode()
    assert page.cookies[COOKIE].value == "cy"


def test_a_browser_asking_for_english_first_gets_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,cy;q=0.5")
    assert response.status_code == 200 and 'lang="en"' in response.content.decode()


def test_choosing_english_in_the_switcher_is_honoured_after_welsh(client):
    client.get("/cy/", HTTP_ACCEPT_LANGUAGE="cy")
    # The switcher on a Welsh page links to the unprefixed English address.
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 200 and 'lang="en"' in response.content.decode()
    assert response.cookies[COOKIE].value == "en"
    assert client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="cy").status_code == 200


def test_a_person_who_prefers_welsh_lands_on_welsh_pages_after_signing_in(client, member):
    member.preferred_language = "cy"
    member.save(update_fields=["preferred_language"])
    response = client.post(
        reverse("accounts:sign_in"), {"username": member.user.username, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/cy/home/"
    page = client.get(response["Location"])
    assert page.status_code == 200 and 'lang="cy"' in page.content.decode()
    # The switcher is in charge again for the rest of the visit.
    english = client.get(reverse("site:dashboard"))
    assert english.status_code == 200 and 'lang="en"' in english.content.decode()


def test_a_person_who_prefers_english_signing_in_on_a_welsh_page_lands_in_english(client, member):
    response = client.post(
        "/cy" + reverse("accounts:sign_in"),
        {"username": member.user.username, "password": PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/home/"


def test_staff_who_prefer_welsh_take_the_second_step_and_go_on_in_welsh(client, lead):
    lead.preferred_language = "cy"
    lead.save(update_fields=["preferred_language"])
    response = client.post(
        reverse("accounts:sign_in"),
        {"username": lead.user.username, "password": PASSWORD, "next": "/projects/"},
    )
    assert response.status_code == 302 and response["Location"].startswith("/cy/")
    assert client.session["wesaid_next"] == "/cy/projects/"


def test_the_persons_choice_beats_what_the_browser_asks_for(client, member):
    response = client.post(
        reverse("accounts:sign_in"), {"username": member.user.username, "password": PASSWORD}
    )
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="cy")
    assert page.status_code == 200 and 'lang="en"' in page.content.decode()


def test_the_health_check_and_posts_are_never_redirected(client):
    assert client.get("/healthz", HTTP_ACCEPT_LANGUAGE="cy").status_code == 200
    response = client.post(reverse("accounts:sign_in"), {}, HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 200
