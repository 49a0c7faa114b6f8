"""Every form answers bad input GOV.UK-style: a summary at the top linking to each field, and the
message again beside the field."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.http import QueryDict
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from wesaid.core.forms import DateField
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


# --- Fields drawn through the GOV.UK component library (wesaid.core.forms) ------------------


class EveryWidgetForm(forms.Form):
    govuk = {
        "story": {"component": "character-count"},
        "contact": {"items": {"email": {"hint": {"text": "We will not share it"}}}},
    }

    name = forms.CharField(label="Name", help_text="As you like to be called", max_length=50)
    story = forms.CharField(label="Your story", widget=forms.Textarea, max_length=500)
    county = forms.ChoiceField(label="County", choices=[("", "Choose"), ("gwynedd", "Gwynedd")])
    contact = forms.ChoiceField(
        label="How can we contact you?",
        choices=[("email", "Email"), ("phone", "Phone")],
        widget=forms.RadioSelect,
    )
    needs = forms.MultipleChoiceField(
        label="What helps you?",
        choices=[("easy", "Easy read"), ("large", "Large print")],
        widget=forms.CheckboxSelectMultiple,
    )
    agree = forms.BooleanField(label="I agree")
    born = DateField(label="Date of birth")
    photo = forms.FileField(label="A photo", required=False)


def rendered(form, source="{{ form }}", **context):
    return BeautifulSoup(Template(source).render(Context({"form": form, **context})), "html.parser")


def test_each_widget_is_drawn_by_its_govuk_component_with_what_was_typed():
    form = EveryWidgetForm(
        data={
            "name": "Ann <b>",
            "story": "line one\nline two",
            "county": "gwynedd",
            "contact": "phone",
            "needs": ["large"],
            "agree": "on",
            "born_day": "4",
            "born_month": "13",
            "born_year": "1990",
        }
    )
    assert not form.is_valid()
    page = rendered(form)
    name = page.select_one("input#id_name.govuk-input")
    assert name["value"] == "Ann <b>" and name["aria-describedby"] == "id_name-hint"
    assert page.select_one("label[for=id_name]").get_text(strip=True) == "Name"
    story = page.select_one(".govuk-character-count[data-maxlength='500'] textarea#id_story")
    assert story.get_text() == "line one\nline two"
    assert page.select_one("select#id_county option[selected]")["value"] == "gwynedd"
    radios = page.select("input[name=contact][type=radio]")
    assert [(r["id"], r.has_attr("checked")) for r in radios] == [
        ("id_contact_0", False),
        ("id_contact_1", True),
    ]
    assert page.select_one("#id_contact_0-item-hint").get_text(strip=True) == "We will not share it"
    boxes = page.select("input[name=needs][type=checkbox]")
    assert [b.has_attr("checked") for b in boxes] == [False, True]
    agree = page.select_one(".govuk-checkboxes--small input#id_agree")
    assert agree.has_attr("checked") and agree["value"] == "on"
    born = page.select_one("fieldset[role=group]").find_parent(class_="govuk-form-group--error")
    assert born is not None
    assert [i["name"] for i in born.select("input")] == ["born_day", "born_month", "born_year"]
    assert [i.get("value") for i in born.select("input")] == ["4", "13", "1990"]
    assert all("govuk-input--error" in i["class"] for i in born.select("input"))
    assert "Error:" in born.select_one(".govuk-error-message").get_text()
    assert page.select_one("input#id_photo[type=file].govuk-file-upload") is not None


def test_a_form_posts_back_what_it_draws():
    """The names and values the components draw are the ones Django reads back."""
    data = {
        "name": "Ann",
        "story": "s",
        "county": "gwynedd",
        "contact": "email",
        "needs": ["easy", "large"],
        "agree": "on",
        "born_day": "4",
        "born_month": "3",
        "born_year": "1990",
    }
    page = rendered(EveryWidgetForm(data=data))
    posted: dict[str, list[str]] = {}
    for field in page.select("input, select, textarea"):
        if field.name == "select":
            value = field.select_one("option[selected]")["value"]
        elif field.name == "textarea":
            value = field.get_text()
        elif (
            field.get("type") in {"radio", "checkbox"}
            and not field.has_attr("checked")
            or field.get("type") == "file"
        ):
            continue
        else:
            value = field.get("value", "")
        posted.setdefault(field["name"], []).append(value)
    again = EveryWidgetForm(data=QueryDict(urlencode(posted, doseq=True)))
    assert again.is_valid(), again.errors
    assert again.cleaned_data["born"] == datetime.date(1990, 3, 4)
    assert again.cleaned_data["needs"] == ["easy", "large"]


def test_display_options_come_from_the_form_class_and_the_template_where_it_is_drawn():
    from wesaid.accounts.forms import CodeForm
    from wesaid.checkins.forms import AnswerForm

    answer = rendered(AnswerForm(question="How was it?"))
    heading = answer.select_one("legend.govuk-fieldset__legend--l > h1.govuk-fieldset__heading")
    assert heading.get_text(strip=True) == "How was it?"
    # The field objects carry no display options of their own any more.
    assert not {"legend_size", "is_page_heading"} & set(
        vars(AnswerForm(question="q").fields["feeling"])
    )
    code = rendered(CodeForm())
    assert "govuk-input--width-20" in code.select_one("#id_code")["class"]
    # The template wins over the form class, with GOV.UK's own parameter names.
    code = rendered(
        CodeForm(),
        '{% govuk_field form.code classes="govuk-input--width-10" label.classes="govuk-label--m" '
        "label.isPageHeading=True %}",
    )
    assert code.select_one("#id_code")["class"] == ["govuk-input", "govuk-input--width-10"]
    assert code.select_one("h1.govuk-label-wrapper label.govuk-label--m") is not None


def test_a_choice_can_reveal_another_field_by_its_value():
    form = EveryWidgetForm(data={"contact": "email", "name": "a@example.com"})
    page = rendered(
        form,
        "{% govuk_field form.name as box %}"
        '{% govuk_field form.contact items.email.conditional.html=box classes="govuk-radios--small" %}',
    )
    radios = page.select_one(".govuk-radios.govuk-radios--small")
    reveal = radios.select_one("#conditional-id_contact_0")
    assert "govuk-radios__conditional--hidden" not in reveal["class"]  # email is chosen
    assert reveal.select_one("input#id_name")["value"] == "a@example.com"
    assert radios.select_one("#id_contact_0")["data-aria-controls"] == "conditional-id_contact_0"


def test_the_error_summary_and_messages_are_welsh_on_a_welsh_page():
    with translation.override("cy"):
        page = rendered(EveryWidgetForm(data={}), "{% govuk_error_summary form %}{{ form }}")
    assert (
        page.select_one(".govuk-error-summary__title").get_text(strip=True)
        == "Mae problem wedi codi"
    )
    assert page.select_one(".govuk-error-message .govuk-visually-hidden").get_text() == "Gwall:"
    born = page.select("label.govuk-date-input__label")
    assert [label.get_text(strip=True) for label in born] == ["Diwrnod", "Mis", "Blwyddyn"]


def test_a_date_field_drawn_on_its_own_is_the_date_input_component():
    page = rendered(EveryWidgetForm(initial={"born": datetime.date(2001, 2, 3)}), "{{ form.born }}")
    boxes = page.select(".govuk-date-input#id_born input.govuk-date-input__input")
    assert [(b["id"], b["name"], b["value"]) for b in boxes] == [
        ("id_born_0", "born_day", "3"),
        ("id_born_1", "born_month", "2"),
        ("id_born_2", "born_year", "2001"),
    ]
