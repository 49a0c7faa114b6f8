"""The outcome library: its data against the brief, loading it, its pages in both languages,
and each organisation's own outcomes (who may add them, and who may not see them)."""

from __future__ import annotations

import copy
import html
import json
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from wesaid.audit.models import AuditEvent
from wesaid.core.roles import Role
from wesaid.outcomes import forms, services
from wesaid.outcomes.library import LIBRARY_FILE, LibraryError, library_problems
from wesaid.outcomes.models import LibraryOutcome, OrganisationOutcome

from .conftest import CheckedClient, make_person, sign_in

pytestmark = pytest.mark.django_db

LIBRARY = json.loads(Path(LIBRARY_FILE).read_text(encoding="utf-8"))

# The brief (SCIE 2022, wesaid's seed), written out by hand: its numbered sections, and which
# of its references each section cites. A citation must name one of these sections, and any
# study it names must be one that section cites.
BRIEF_SECTIONS = {
    "1": set(),
    "2": {3, 5, 6},
    "3": {7},
    "3.1": set(),
    "3.1.1": {8, 9, 10, 11, 12, 13},
    "3.1.2": {14, 15, 16, 17},
    "3.1.3": {10, 11, 16, 18, 19, 20},
    "3.2": set(),
    "3.3": set(),
    "3.3.1": {11, 14, 21, 22, 23, 24},
    "3.3.2": {12, 25},
    "3.4": set(),
    "3.5": {12, 16, 17, 19, 22, 23},
    "3.6": {26},
    "3.7": {27, 28},
    "4": {5, 6, 8, 11, 12, 14, 21, 22, 29, 30, 31, 32, 33, 34, 35, 36, 37},
    "5": set(),
}
# The brief's reference list (section 6): first author's surname and year.
BRIEF_REFERENCES = {
    3: ("Social Care Institute", 2022), 5: ("Think Local", 2021), 6: ("Masterson", 2022),
    7: ("Voorberg", 2015), 8: ("Baldwin", 2018), 9: ("Sass", 2018), 10: ("Callanan", 2020),
    11: ("Hannibal", 2019), 12: ("Duffy", 2017), 13: ("Mayer", 2017), 14: ("Clarke", 2017),
    15: ("McCarron", 2019), 16: ("Lim", 2020), 17: ("Kay", 2018), 18: ("James", 2022),
    19: ("Lwembe", 2017), 20: ("Hartworth", 2020), 21: ("Marsilio", 2021),
    22: ("Sandvin Olsson", 2020), 23: ("Grindell", 2022), 24: ("McLaughlin", 2022),
    25: ("Bester", 2022), 26: ("National Institute", 2021), 27: ("Haldane", 2019),
    28: ("Aabe", 2019), 29: ("Fox", 2019),
}  # fmt: skip
# The domains the brief names, under who benefits (the list, in its order).
DOMAINS = {
    "people": ["confidence", "health", "engagement", "satisfaction", "skills"],
    "staff": ["job", "dialogue"],
    "organisations": ["services"],
    "community": ["awareness"],
}
LICENSED_NAMES = ["WEMWBS", "Warwick", "Edinburgh", "PAM", "Patient Activation", "ASCOT",
                  "PPEET", "Rosenberg", "ONS4"]  # fmt: skip


def texts_of(outcome):
    """Every (where, {"en", "cy"}) text of one outcome in the file."""
    yield "name", outcome["name"]
    yield "easy_read", outcome["easy_read"]
    for n, item in enumerate(outcome["evidence"]):
        yield f"evidence[{n}].summary", item["summary"]
    for n, measure in enumerate(outcome["measures"]):
        yield f"measures[{n}].title", measure["title"]
        for key in ("counted", "denominator", "prompt"):
            if key in measure:
                yield f"measures[{n}].{key}", measure[key]
        for q, question in enumerate(measure.get("questions", [])):
            yield f"measures[{n}].questions[{q}]", question


@pytest.fixture(autouse=True)
def library(db):
    """The shipped library, as `wesaid outcomes_load` loads it."""
    services.library_load()


# The data ------------------------------------------------------------------------------------


def test_every_outcome_has_every_wording_in_english_and_welsh():
    for outcome in LIBRARY["outcomes"]:
        for where, text in texts_of(outcome):
            for language in ("en", "cy"):
                assert text.get(language, "").strip(), (outcome["code"], where, language)
            assert text["en"] != text["cy"], (outcome["code"], where, "Welsh is a copy")


def test_names_are_short_and_easy_read_uses_short_sentences():
    for outcome in LIBRARY["outcomes"]:
        for language in ("en", "cy"):
            assert len(outcome["name"][language].split()) <= 7, outcome["code"]
            sentences = [s for s in re.split(r"[.!?]\s*", outcome["easy_read"][language]) if s]
            assert all(len(s.split()) <= 14 for s in sentences), (outcome["code"], language)


def test_every_citation_names_a_real_section_of_the_brief_and_a_study_it_cites_there():
    for outcome in LIBRARY["outcomes"]:
        assert outcome["evidence"], outcome["code"]
        for item in outcome["evidence"]:
            assert item["section"] in BRIEF_SECTIONS, (outcome["code"], item["section"])
            for study in item["studies"]:
                assert study in BRIEF_SECTIONS[item["section"]], (outcome["code"], study)


def test_the_reference_list_matches_the_brief():
    for number, cite in LIBRARY["references"].items():
        surname, year = BRIEF_REFERENCES[int(number)]
        assert cite.startswith(surname.split()[0]), (number, cite)
        assert f"({year})" in cite, (number, cite)


def test_every_domain_of_the_brief_has_a_few_outcomes_under_its_group():
    found: dict[tuple[str, str], list[str]] = {}
    for outcome in LIBRARY["outcomes"]:
        found.setdefault((outcome["beneficiary"], outcome["domain"]), []).append(outcome["code"])
    expected = {(group, domain) for group, domains in DOMAINS.items() for domain in domains}
    assert set(found) == expected
    assert all(len(codes) >= 2 for codes in found.values()), found


def test_every_outcome_has_a_default_measure_of_a_known_kind():
    for outcome in LIBRARY["outcomes"]:
        kinds = [measure["kind"] for measure in outcome["measures"]]
        assert kinds and set(kinds) <= {"questions", "service_metric", "story"}, outcome["code"]
    all_kinds = {m["kind"] for outcome in LIBRARY["outcomes"] for m in outcome["measures"]}
    assert all_kinds == {"questions", "service_metric", "story"}


def test_no_measure_names_or_borrows_a_licensed_questionnaire():
    for outcome in LIBRARY["outcomes"]:
        for measure in outcome["measures"]:
            words = json.dumps(measure, ensure_ascii=False)
            for name in LICENSED_NAMES:
                assert not re.search(rf"\b{name}\b", words), (outcome["code"], name)


def test_the_shipped_library_passes_its_own_checks():
    assert library_problems(LIBRARY) == []


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda d: d["outcomes"][0]["name"].pop("cy"), "outcomes[0] (people-confidence).name.cy"),
        (lambda d: d["outcomes"][1].update(code="people-confidence"), "is used twice"),
        (lambda d: d["outcomes"][0].update(domain="job"), ".beneficiary must be 'staff'"),
        (lambda d: d["outcomes"][0]["evidence"][0].update(section="three"), ".section"),
        (lambda d: d["outcomes"][0]["evidence"][0]["studies"].append(99), "reference 99"),
        (lambda d: d["outcomes"][0].update(measures=[]), ".measures must have"),
        (lambda d: d["outcomes"][0]["measures"][0].update(answers="stars"), ".answers"),
        (lambda d: d["outcomes"][7]["measures"][0].pop("denominator"), ".denominator"),
        (lambda d: d.update(version=0), "version"),
    ],
)
def test_a_broken_library_is_refused_with_the_field_named(change, named):
    data = copy.deepcopy(LIBRARY)
    change(data)
    problems = library_problems(data)
    assert any(named in problem for problem in problems), problems
    with pytest.raises(LibraryError):
        services.library_load(data=data)


# Loading -------------------------------------------------------------------------------------


def test_loading_the_same_version_again_changes_and_records_nothing(capsys):
    before = AuditEvent.objects.filter(action="outcome.library.loaded").count()
    call_command("outcomes_load")
    assert "already at version 1" in capsys.readouterr().out
    assert AuditEvent.objects.filter(action="outcome.library.loaded").count() == before
    assert LibraryOutcome.objects.current().count() == len(LIBRARY["outcomes"])


def test_a_new_version_adds_rewords_and_retires_but_never_deletes(tmp_path, capsys):
    data = copy.deepcopy(LIBRARY)
    data["version"] = 2
    dropped = data["outcomes"].pop()["code"]
    data["outcomes"][0]["name"]["en"] = "Feeling sure of yourself"
    new = copy.deepcopy(data["outcomes"][1])
    new["code"] = "people-made-up-new"
    data["outcomes"].append(new)
    path = tmp_path / "library.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    call_command("outcomes_load", file=path)
    assert "1 added, 1 changed, 1 retired" in capsys.readouterr().out
    assert LibraryOutcome.objects.get(code=dropped).retired_in == 2
    assert LibraryOutcome.objects.get(code="people-confidence").name == "Feeling sure of yourself"
    assert not LibraryOutcome.objects.current().filter(code=dropped).exists()
    event = AuditEvent.objects.filter(action="outcome.library.loaded").latest("created_at")
    assert event.changes == {"version": 2, "added": 1, "changed": 1, "retired": 1}

    with pytest.raises(CommandError, match="older than the loaded version 2"):
        call_command("outcomes_load")


def test_a_broken_file_is_not_loaded_and_the_command_says_why(tmp_path):
    path = tmp_path / "library.json"
    path.write_text('{"version": 2, "outcomes": []}', encoding="utf-8")
    with pytest.raises(CommandError, match="outcomes must be a list with at least one outcome"):
        call_command("outcomes_load", file=path)


# Wordings ------------------------------------------------------------------------------------


def test_wording_gives_the_name_or_easy_read_in_the_active_language():
    outcome = LibraryOutcome.objects.get(code="people-confidence")
    assert outcome.wording(easy_read=False) == "Feeling confident"
    assert outcome.wording(easy_read=True) == "I feel sure of myself. I feel I can do things."
    with translation.override("cy"):
        assert outcome.wording(easy_read=False) == "Teimlo'n hyderus"
        assert outcome.wording(easy_read=True).startswith("Rwy'n teimlo'n sicr ohonof fy hun.")


def test_an_own_outcome_without_welsh_falls_back_to_english_and_says_so(organisation, lead):
    own = services.own_outcome_create(
        organisation=organisation, actor=lead, beneficiary="people", domain="skills",
        name="Getting out more",
    )  # fmt: skip
    with translation.override("cy"):
        assert own.wording(easy_read=True) == "Getting out more"
        assert own.wording_language(easy_read=True) == "en"
    assert own.missing_wordings() == [
        "the easy-read wording in English",
        "the name in Welsh",
        "the easy-read wording in Welsh",
    ]


# Pages ---------------------------------------------------------------------------------------


def test_members_read_the_library_grouped_by_who_benefits_then_domain(organisation, member):
    page = sign_in(CheckedClient(), member).get(reverse("outcomes:library")).content.decode()
    page = page[page.index("<main") : page.index("</main>")]
    headings = re.findall(r"<h([23])[^>]*>(.*?)</h\1>", page)
    assert headings[0] == ("2", "People who draw on care and support, and unpaid carers")
    assert ("3", "Self-confidence, self-esteem and empowerment") in headings
    assert [h for level, h in headings if level == "2"] == [
        "People who draw on care and support, and unpaid carers",
        "People who work in services",
        "Organisations",
        "The community",
    ]
    assert "Feeling confident" in page
    assert "Add your own outcome" not in page


def test_the_welsh_library_shows_the_welsh_wording(organisation, member):
    page = html.unescape(sign_in(CheckedClient(), member).get("/cy/outcomes/").content.decode())
    assert "Pobl sy'n cael gofal a chymorth, a gofalwyr di-dâl" in page
    assert "Teimlo'n hyderus" in page
    assert "Feeling confident" not in page


def test_an_outcome_page_shows_its_wordings_evidence_and_measures(organisation, member):
    client = sign_in(CheckedClient(), member)
    page = client.get(library_url("org-missed-appointments"))
    text = page.content.decode()
    assert '<h1 class="govuk-heading-l">Missed appointments</h1>' in text
    assert "Apwyntiadau a gollwyd" in text  # the Welsh wording is shown beside the English
    assert "SCIE 2022, section 3.5" in text
    assert "Lim et al. (2020); Grindell et al. (2022)" in text
    assert "Appointments missed without warning in the month" in text
    assert "Appointments booked for the month" in text

    welsh = client.get("/cy" + library_url("org-missed-appointments")).content.decode()
    assert "SCIE 2022, adran 3.5" in welsh
    assert "Apwyntiadau a gollwyd heb rybudd yn ystod y mis" in welsh


def test_question_measures_list_their_questions_and_answers(organisation, member):
    client = sign_in(CheckedClient(), member)
    text = client.get(library_url("people-confidence")).content
    text = text.decode()
    assert "I feel confident speaking up in a group." in text
    assert "Strongly agree, Agree, Neither agree nor disagree, Disagree, Strongly disagree" in text
    assert "Tell us about a time you felt more sure of yourself" in text


def test_an_unknown_library_outcome_is_not_found(organisation, member):
    client = sign_in(CheckedClient(), member)
    assert client.get("/outcomes/library/999999/").status_code == 404


# Own outcomes --------------------------------------------------------------------------------

GOOD = {
    "beneficiary": "people",
    "domain": "skills",
    "name": "Getting out more",
    "easy_read": "I go out more. I see people.",
    "name_cy": "Mynd allan yn amlach",
    "easy_read_cy": "",
    "closest_to": "people-connection",
}


def test_a_lead_adds_an_own_outcome_close_to_a_library_one(organisation, lead):
    client = sign_in(CheckedClient(), lead)
    response = client.post(reverse("outcomes:own_create"), GOOD)
    own = OrganisationOutcome.objects.get(name="Getting out more")
    assert response.status_code == 302
    assert response["Location"] == reverse("outcomes:own", args=[own.pk])
    assert own.organisation == organisation
    assert own.closest_to.code == "people-connection"
    assert own.created_by == lead
    event = AuditEvent.objects.get(action="outcome.created", object_id=str(own.pk))
    assert event.changes["name"] == {"from": None, "to": "Getting out more"}

    page = client.get(response["Location"]).content.decode()
    assert "the easy-read wording in Welsh" in page  # the completeness note
    assert "the name in Welsh" not in page
    assert "Friendships and connection" in page
    library = client.get(reverse("outcomes:library")).content.decode()
    assert "Getting out more" in library and "Your organisation's own" in html.unescape(library)


def test_the_shared_library_is_unchanged_by_an_own_outcome(organisation, lead):
    before = list(LibraryOutcome.objects.values_list("code", "name"))
    sign_in(CheckedClient(), lead).post(reverse("outcomes:own_create"), GOOD)
    assert list(LibraryOutcome.objects.values_list("code", "name")) == before


def test_a_member_cannot_add_or_change_an_own_outcome(organisation, lead, member):
    own = services.own_outcome_create(organisation=organisation, actor=lead, **_args(GOOD))
    client = sign_in(CheckedClient(), member)
    assert client.get(reverse("outcomes:own_create")).status_code == 403
    assert client.post(reverse("outcomes:own_create"), {**GOOD, "name": "Other"}).status_code == 403
    assert client.post(reverse("outcomes:own_edit", args=[own.pk]), GOOD).status_code == 403
    assert not OrganisationOutcome.objects.filter(name="Other").exists()
    # They can read it, without the link to change it.
    page = client.get(reverse("outcomes:own", args=[own.pk])).content.decode()
    assert "Getting out more" in page and "Change this outcome" not in page


def test_another_organisation_cannot_see_or_change_an_own_outcome(
    organisation, other_organisation, lead
):
    own = services.own_outcome_create(organisation=organisation, actor=lead, **_args(GOOD))
    outsider = sign_in(CheckedClient(), make_person(other_organisation, Role.LEAD, "Other Lead"))
    assert outsider.get(reverse("outcomes:own", args=[own.pk])).status_code == 404
    assert outsider.get(reverse("outcomes:own_edit", args=[own.pk])).status_code == 404
    changed = {**GOOD, "name": "Taken over"}
    assert outsider.post(reverse("outcomes:own_edit", args=[own.pk]), changed).status_code == 404
    own.refresh_from_db()
    assert own.name == "Getting out more"
    assert "Getting out more" not in outsider.get(reverse("outcomes:library")).content.decode()


def test_a_lead_changes_an_own_outcome_and_the_change_is_audited(organisation, lead):
    own = services.own_outcome_create(organisation=organisation, actor=lead, **_args(GOOD))
    client = sign_in(CheckedClient(), lead)
    form = client.get(reverse("outcomes:own_edit", args=[own.pk])).content.decode()
    assert 'value="Getting out more"' in form
    response = client.post(
        reverse("outcomes:own_edit", args=[own.pk]),
        {**GOOD, "easy_read_cy": "Rwy'n mynd allan mwy. Rwy'n gweld pobl.", "closest_to": ""},
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.easy_read_cy.startswith("Rwy'n mynd allan")
    assert own.closest_to is None
    event = AuditEvent.objects.get(action="outcome.updated", object_id=str(own.pk))
    assert set(event.changes) == {"easy_read_cy", "closest_to"}
    page = client.get(response["Location"]).content.decode()
    assert "All four wordings are written" in page


def test_the_welsh_page_of_an_own_outcome_shows_its_welsh_name(organisation, lead):
    own = services.own_outcome_create(organisation=organisation, actor=lead, **_args(GOOD))
    page = sign_in(CheckedClient(), lead).get(f"/cy/outcomes/own/{own.pk}/").content.decode()
    assert '<span lang="cy">Mynd allan yn amlach</span></h1>' in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", forms.ENTER_NAME),
        ({"beneficiary": ""}, "beneficiary", forms.CHOOSE_BENEFICIARY),
        ({"domain": "nonsense"}, "domain", forms.CHOOSE_DOMAIN),
        ({"domain": "job"}, "domain", services.DOMAIN_DOES_NOT_FIT),
        ({"name": "x" * 121}, "name", forms.NAME_TOO_LONG),
        ({"easy_read_cy": "x" * 301}, "easy_read_cy", forms.EASY_READ_TOO_LONG),
        ({"closest_to": "no-such-outcome"}, "closest_to", forms.CHOOSE_FROM_LIST),
    ],
)
def test_bad_input_is_shown_in_plain_words(organisation, lead, change, field, message):
    client = sign_in(CheckedClient(), lead)
    response = client.post(reverse("outcomes:own_create"), {**GOOD, **change})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "govuk-error-summary" in page
    assert f'href="#id_{field}' in page
    assert str(message) in page
    assert not OrganisationOutcome.objects.exists()


def test_two_own_outcomes_cannot_share_a_name(organisation, lead):
    services.own_outcome_create(organisation=organisation, actor=lead, **_args(GOOD))
    client = sign_in(CheckedClient(), lead)
    response = client.post(reverse("outcomes:own_create"), {**GOOD, "name": "getting OUT more"})
    assert str(services.SAME_NAME) in html.unescape(response.content.decode())
    assert OrganisationOutcome.objects.count() == 1


def test_the_form_works_in_welsh(organisation, lead):
    client = sign_in(CheckedClient(), lead)
    page = client.post("/cy/outcomes/own/new/", {**GOOD, "name": ""}).content.decode()
    assert "Rhowch enw ar gyfer y canlyniad" in page
    assert 'lang="cy"' in page


def library_url(code):
    return reverse("outcomes:library_outcome", args=[LibraryOutcome.objects.get(code=code).pk])


def _args(data):
    args = {key: value for key, value in data.items() if key != "closest_to"}
    args["closest_to"] = LibraryOutcome.objects.get(code=data["closest_to"])
    return args


def test_with_easy_read_chosen_the_library_shows_the_easy_read_wordings(organisation, member):
    """The easy-read preference arrives as the template variable ``easy_read``."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from wesaid.outcomes.selectors import outcome_library

    request = RequestFactory().get("/outcomes/")
    request.user = member.user
    context = {"groups": outcome_library(organisation), "easy_read": True}
    page = html.unescape(render_to_string("outcomes/library.html", context, request=request))
    assert "People who get care and support, and carers" in page
    assert "Feeling confident and in control" in page
    assert "I feel sure of myself. I feel I can do things." in page
    with translation.override("cy"):
        page = html.unescape(render_to_string("outcomes/library.html", context, request=request))
    assert "Rwy'n teimlo'n sicr ohonof fy hun." in page
    assert "Teimlo'n hyderus ac mewn rheolaeth" in page


def test_before_the_library_is_loaded_the_page_says_which_command_loads_it(organisation, member):
    LibraryOutcome.objects.all().delete()
    page = sign_in(CheckedClient(), member).get(reverse("outcomes:library")).content.decode()
    assert "wesaid outcomes_load" in page
