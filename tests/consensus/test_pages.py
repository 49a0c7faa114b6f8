"""Choosing outcomes through the pages: a member rates one outcome per page and checks their
answers; easy read offers three choices; from round two each person sees last round's spread
by group next to their own score, small groups never shown alone; a facilitator types in a
paper sheet; results and the export follow the same disclosure."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from wesaid.consensus.models import Rating
from wesaid.consensus.services import rating_save
from wesaid.core.roles import Role

from ..conftest import make_person, sign_in
from .world import Group, close, open_round, people, study_with

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return unescape(re.sub(r"\s+", " ", response.content.decode()))


@pytest.fixture
def ready(project, lead):
    raters = people(project, lead, Group.LIVED_EXPERIENCE, 5)
    study, outcomes = study_with(project, lead)
    return study, outcomes, raters


def test_a_member_rates_one_outcome_per_page_and_checks_their_answers(client, project, lead, ready):
    study, (listened, help_), raters = ready
    round_ = open_round(study, lead)
    sign_in(client, raters[0])
    page = text(client.get(reverse("consensus:study", args=[study.pk])))
    assert "You have rated 0 of 2 outcomes." in page and "Rate the outcomes" in page
    first = client.get(reverse("consensus:rate", args=[listened.pk]))
    body = text(first)
    assert "Outcome 1 of 2" in body and "Feeling listened to" in body
    assert "checked" not in re.sub(r"<input[^>]*type=\"hidden\"[^>]*>", "", first.content.decode())
    assert body.count('name="rating"') == 10  # 9 to 1, and "I don't know"
    answer = client.post(reverse("consensus:rate", args=[listened.pk]), {"rating": "8"})
    assert answer["Location"] == reverse("consensus:rate", args=[help_.pk])
    last = client.post(reverse("consensus:rate", args=[help_.pk]), {"rating": "dont_know"})
    assert last["Location"] == reverse("consensus:check", args=[study.pk])
    check = text(client.get(last["Location"]))
    assert "8: very important" in check and "I don't know" in check
    assert "You have rated every outcome." in check
    # Coming back shows the saved answer, so a person can stop and carry on.
    again = client.get(reverse("consensus:rate", args=[listened.pk])).content.decode()
    assert re.search(r'value="8"[^>]*checked', again)
    stored = Rating.objects.get(round=round_, candidate=help_, person=raters[0])
    assert stored.dont_know


def test_a_rating_page_without_a_choice_says_what_to_do(client, project, lead, ready):
    study, (listened, _help), raters = ready
    open_round(study, lead)
    sign_in(client, raters[0])
    response = client.post(reverse("consensus:rate", args=[listened.pk]), {})
    assert response.status_code == 200
    assert "Choose how important this is, or “I don't know”" in text(response)


def test_easy_read_offers_three_choices_with_a_symbol_and_stores_the_band(
    client, project, lead, ready
):
    study, (listened, _help), raters = ready
    round_ = open_round(study, lead)
    raters[0].easy_read = True
    raters[0].save()
    sign_in(client, raters[0])
    page = client.get(reverse("consensus:rate", args=[listened.pk]))
    body = text(page)
    assert "Feeling listened to, easy" in body
    assert body.count('name="rating"') == 4
    assert body.count("wesaid-easy-read__symbol--small") == 4
    client.post(reverse("consensus:rate", args=[listened.pk]), {"rating": "very_important"})
    stored = Rating.objects.get(round=round_, candidate=listened)
    assert (stored.score, stored.band) == (None, "very_important")


def test_round_two_shows_last_rounds_spread_and_your_own_score(client, project, lead, ready):
    study, (listened, _help), raters = ready
    first = open_round(study, lead)
    for person, score in zip(raters, [9, 8, 8, 5, 8], strict=True):
        rating_save(round_=first, candidate=listened, person=person, score=score)
    close(first, lead)
    open_round(study, lead)
    sign_in(client, raters[3])
    body = text(client.get(reverse("consensus:rate", args=[listened.pk])))
    assert "Last round" in body
    assert "Most people who draw on care and support said very important." in body
    assert "Last time you gave it 5." in body
    assert "80%" in body and "20%" in body
    raters[3].easy_read = True
    raters[3].save()
    easy = text(client.get(reverse("consensus:rate", args=[listened.pk])))
    assert (
        "Most people who draw on care and support said very important. You said important." in easy
    )
    welsh = text(client.get("/cy" + reverse("consensus:rate", args=[listened.pk])))
    assert "Feeling listened to, hawdd" in welsh
    assert "Dywedodd y rhan fwyaf o bobl sy'n cael gofal a chymorth: pwysig iawn." in welsh
    assert "Dywedoch chi: pwysig." in welsh


def test_a_small_group_is_never_shown_alone_in_the_feedback(client, project, lead, ready):
    study, (listened, _help), raters = ready
    carers = people(project, lead, Group.CARER, 2)
    first = open_round(study, lead)
    for person in raters:
        rating_save(round_=first, candidate=listened, person=person, score=9)
    for person in carers:
        rating_save(round_=first, candidate=listened, person=person, score=1)
    close(first, lead)
    open_round(study, lead)
    sign_in(client, carers[0])
    body = text(client.get(reverse("consensus:rate", args=[listened.pk])))
    # Two carers are too few to show apart; and the five members beside "everyone" would give
    # the carers away by subtraction, so only everyone together is shown.
    assert "Unpaid carers" not in body and "People who draw on care and support" not in body
    assert "Everyone" in body and "71%" in body


def test_a_facilitator_types_in_a_paper_sheet(client, project, lead, ready):
    study, (listened, help_), raters = ready
    round_ = open_round(study, lead)
    facilitator = make_person(project.organisation, Role.FACILITATOR, "Fola Facilitator")
    people_in = [facilitator]
    from wesaid.projects.services import project_member_add

    project_member_add(project=project, person=facilitator, group=Group.PRACTITIONER, actor=lead)
    sign_in(client, people_in[0])
    url = reverse("consensus:sheet_enter", args=[study.pk])
    assert "Whose ratings are these?" in text(client.get(url))
    bad = client.post(url, {"person": raters[1].pk, "way": "paper"})
    assert "Enter at least one rating from the sheet" in text(bad)
    client.post(
        url,
        {
            "person": raters[1].pk,
            "way": "paper",
            f"outcome_{listened.pk}": "9",
            f"outcome_{help_.pk}": "dont_know",
        },
    )
    saved = {r.candidate_id: r for r in Rating.objects.filter(round=round_, person=raters[1])}
    assert saved[listened.pk].score == 9 and saved[help_.pk].dont_know
    assert {r.way for r in saved.values()} == {"paper"}
    assert {r.entered_by_id for r in saved.values()} == {facilitator.pk}


def test_results_leave_the_team_only_when_the_round_closes_and_hide_small_groups(
    client, project, lead, ready
):
    study, (listened, _help), raters = ready
    staff = people(project, lead, Group.PRACTITIONER, 2, role=Role.PRACTITIONER)
    round_ = open_round(study, lead)
    for person in raters:
        rating_save(round_=round_, candidate=listened, person=person, score=8)
    for person in staff:
        rating_save(round_=round_, candidate=listened, person=person, score=2)
    manager = make_person(project.organisation, Role.MANAGER, "Mo Manager")
    sign_in(client, manager)
    url = reverse("consensus:results", args=[round_.pk])
    assert "The results are shown here once the round closes." in text(client.get(url))
    close(round_, lead)
    body = text(client.get(url))
    assert "Agreed: very important" in body
    assert "Hidden to protect privacy: a group of fewer than 5 people" in body
    assert "100%" in body  # the five members, all 7 to 9
    # The two staff: their bar and row say hidden, and no count of theirs is shown.
    assert "Staff, leaders and community members" in body
    assert body.count("hidden") >= 2
    export = client.get(reverse("consensus:export", args=[study.pk]))
    assert export["Content-Type"].startswith("text/csv")
    csv_text = export.content.decode()
    assert "hidden: fewer than 5 people" in csv_text
    for person in raters + staff:
        assert person.display_name not in csv_text


def test_the_rating_sheets_print_in_each_kind(client, project, lead, ready):
    study, _outcomes, _raters = ready
    sign_in(client, lead)
    url = reverse("consensus:sheet_print", args=[study.pk])
    assert "circle one number" in text(client.get(url))
    easy = text(client.get(url + "?kind=easy"))
    assert "Feeling listened to, easy" in easy and "tick one box" in easy
    assert "wesaid-sheet--large" in client.get(url + "?kind=large").content.decode()


def test_a_lead_adds_an_outcome_from_the_library_or_types_one(client, project, lead):
    from wesaid.consensus.models import Candidate
    from wesaid.consensus.services import study_create
    from wesaid.outcomes.models import LibraryOutcome
    from wesaid.outcomes.services import library_load

    library_load()
    confidence = LibraryOutcome.objects.get(code="people-confidence")
    study = study_create(project=project, actor=lead, title="What matters")
    sign_in(client, lead)
    url = reverse("consensus:candidate_add", args=[study.pk])
    page = text(client.get(url))
    assert "Start from an outcome in the library (optional)" in page and confidence.name in page
    empty = client.post(url, {})
    assert "Enter the outcome in English, or choose one to start from" in text(empty)
    client.post(url, {"start_from": f"library-{confidence.pk}"})
    made = Candidate.objects.get(study=study)
    assert made.library_outcome == confidence and made.name == confidence.name


def test_a_member_finds_an_open_round_on_their_home_page(client, project, lead, ready, member):
    study, _outcomes, raters = ready
    sign_in(client, raters[0])
    assert study.title not in text(client.get(reverse("site:dashboard")))
    round_ = open_round(study, lead)
    home = text(client.get(reverse("site:dashboard")))
    assert "Outcomes to rate" in home and study.title in home
    # Someone outside the project does not see it; nor does anyone once the round closes.
    other = CheckedClient_for(member)
    assert study.title not in text(other.get(reverse("site:dashboard")))
    close(round_, lead)
    assert study.title not in text(client.get(reverse("site:dashboard")))


def CheckedClient_for(person):  # noqa: N802 - reads like the client it makes
    from ..conftest import CheckedClient

    return sign_in(CheckedClient(), person)
