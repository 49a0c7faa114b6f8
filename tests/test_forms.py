"""Every form answers bad input GOV.UK-style: a summary at the top linking to each field, and the
message again beside the field."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import reverse

from wesaid.core.roles import Role

from .conftest import CheckedClient, give_backup_codes, make_person, sign_in

pytestmark = pytest.mark.django_db


def assert_govuk_errors(html: str, expected_fields: set[str]) -> None:
    soup = BeautifulSoup(html, "html.parser")
    summary = soup.select_one(".govuk-error-summary")
    assert summary is not None, "no error summary"
    assert summary.select_one("[role=alert]") is not None
    assert soup.title.get_text().startswith("Error: ")
    linked = set()
    for link in summary.select("a[href^='#']"):
        target = soup.find(id=link["href"][1:])
        assert target is not None, f"the summary links to {link['href']}, which is not on the page"
        assert target.name in {"input", "select", "textarea"}
        group = target.find_parent(class_="govuk-form-group--error")
        assert group is not None, f"{link['href']} is not inside a form group marked as in error"
        message = group.select_one(".govuk-error-message")
        assert message is not None and link.get_text(strip=True) in message.get_text(
            " ", strip=True
        )
        linked.add(
            target.get("name", "").split("_")[0]
            if target.get("name", "").endswith(("_day", "_month", "_year"))
            else target["name"]
        )
    assert linked >= expected_fields, f"fields without a linked error: {expected_fields - linked}"


def test_project_form_names_every_missing_field(client, organisation, lead):
    sign_in(client, lead)
    response = client.post(reverse("projects:create"), {})
    assert response.status_code == 200
    assert_govuk_errors(response.content.decode(), {"name", "aims", "area", "status"})
    assert "Enter a date" in response.content.decode()


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2026", "The date must be a real date"),
        ("1", "", "2026", "The date must include a day, month and year"),
        ("x", "2", "2026", "The date must be a real date"),
    ],
)
def test_a_bad_date_says_what_is_wrong(client, lead, day, month, year, message):
    sign_in(client, lead)
    response = client.post(
        reverse("projects:create"),
        {
            "name": "N",
            "aims": "A",
            "area": "policy",
            "status": "planning",
            "starts_on_day": day,
            "starts_on_month": month,
            "starts_on_year": year,
        },
    )
    body = response.content.decode()
    assert message in body
    assert 'href="#id_starts_on_0"' in body
    # What was typed stays in the boxes.
    assert f'value="{day}"' in body


def test_an_end_before_the_start_is_refused(client, lead):
    sign_in(client, lead)
    response = client.post(
        reverse("projects:create"),
        {
            "name": "N",
            "aims": "A",
            "area": "policy",
            "status": "planning",
            "starts_on_day": "2",
            "starts_on_month": "2",
            "starts_on_year": "2026",
            "ends_on_day": "1",
            "ends_on_month": "2",
            "ends_on_year": "2026",
        },
    )
    assert "The end date must be on or after the start date" in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=100)
@pytest.mark.parametrize(
    ("route", "fields"),
    [
        ("accounts:sign_in", {"username", "password"}),
        ("accounts:sign_in_code", {"code"}),
        ("accounts:sign_in_link_request", {"email"}),
    ],
)
def test_sign_in_forms_name_the_missing_field(route, fields):
    response = CheckedClient().post(reverse(route), {})
    assert_govuk_errors(response.content.decode(), fields)


def test_staff_forms_name_the_missing_field(client, organisation, lead, project, checkin):
    admin = make_person(organisation, Role.ORG_ADMIN, "Admin")
    sign_in(client, admin)
    pages = [
        (reverse("organisations:person_add"), {"display_name", "roles", "preferred_language"}),
        (reverse("organisations:person_roles", args=[lead.pk]), {"roles"}),
        (reverse("projects:edit", args=[project.pk]), {"name", "aims", "area", "status"}),
        (reverse("projects:member_add", args=[project.pk]), {"person", "group"}),
        (reverse("checkins:create", args=[project.pk]), {"title"}),
        (reverse("accounts:set_password"), {"password", "password_again"}),
    ]
    for url, fields in pages:
        assert_govuk_errors(client.post(url, {}).content.decode(), fields)


def test_the_answer_form_names_the_question_and_keeps_hidden_problems_unlinked(
    client, member, checkin
):
    sign_in(client, member)
    response = client.post(reverse("checkins:answer", args=[checkin.pk]), {})
    body = response.content.decode()
    assert_govuk_errors(body, {"feeling"})
    assert 'href="#id_submission_id"' not in body


def test_the_second_factor_form_names_the_field(client, lead):
    give_backup_codes(lead, "backup77")
    client.force_login(lead.user, backend="django.contrib.auth.backends.ModelBackend")
    assert_govuk_errors(
        client.post(reverse("accounts:second_factor"), {}).content.decode(), {"token"}
    )


def test_an_invalid_email_for_a_new_person_is_named(client, organisation):
    sign_in(client, make_person(organisation, Role.FACILITATOR, "Facilitator"))
    response = client.post(
        reverse("organisations:person_add"),
        {
            "display_name": "Li Wei",
            "roles": ["carer"],
            "preferred_language": "en",
            "email": "li at example",
        },
    )
    assert_govuk_errors(response.content.decode(), {"email"})
