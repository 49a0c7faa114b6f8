"""Public pages and error pages, in English and Welsh, pass the page checks."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from wesaid.core.views import server_error

from .conftest import check_page, sign_in

pytestmark = pytest.mark.django_db

PUBLIC = [
    "site:home",
    "site:accessibility",
    "site:privacy",
    "site:cookies",
    "accounts:sign_in",
    "accounts:sign_in_code",
    "accounts:sign_in_link_request",
    "accounts:signed_out",
]


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_render_in_both_languages(client, name, language):
    with translation.override(language):
        url = reverse(name)
    response = client.get(url)
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()


def test_the_language_switcher_links_to_the_same_page_in_welsh(client):
    body = client.get(reverse("accounts:sign_in")).content.decode()
    assert 'href="/cy/sign-in/" lang="cy" hreflang="cy"' in body


def test_an_unknown_page_gives_an_accessible_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_page_outside_your_role_gives_an_accessible_403(client, member):
    sign_in(client, member)
    response = client.get(reverse("organisations:people"))
    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()


def test_the_500_page_renders_without_the_request_context():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    check_page(response.content.decode(), "/500")


def test_pages_for_signed_in_people_are_never_cached(client, member):
    sign_in(client, member)
    assert client.get(reverse("site:dashboard"))["Cache-Control"] == "no-store"


def test_security_headers_are_set(client):
    response = client.get(reverse("site:home"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_health_check_answers_ok(client):
    response = client.get("/healthz")
    assert response.content == b"ok"


def test_the_people_list_asks_the_database_the_same_number_of_times_for_any_number(
    client, organisation
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wesaid.core.roles import Role

    from .conftest import make_person

    sign_in(client, make_person(organisation, Role.ORG_ADMIN, "Admin"))

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("organisations:people")).status_code == 200
        return len(context.captured_queries)

    few = queries()
    for number in range(8):
        make_person(organisation, Role.MEMBER, f"Member {number}")
    assert queries() == few


def test_a_form_sent_without_its_csrf_token_is_refused(organisation, lead):
    from wesaid.projects.models import Project

    from .conftest import CheckedClient

    client = sign_in(CheckedClient(enforce_csrf_checks=True), lead)
    response = client.post(
        reverse("projects:create"),
        {
            "name": "Forged",
            "aims": "A",
            "area": "policy",
            "status": "planning",
            "starts_on_day": "1",
            "starts_on_month": "2",
            "starts_on_year": "2026",
        },
    )
    assert response.status_code == 403
    assert "Please try again" in response.content.decode()
    assert not Project.objects.filter(name="Forged").exists()
