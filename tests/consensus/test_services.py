"""Running a choice of outcomes: the completeness check before a round, ratings saved as
given (once, however often sent), late ratings, ideas in people's own words, merging, the
agreed set locked in versions, and an audit log that never holds a score."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections

from wesaid.audit.models import AuditEvent
from wesaid.consensus.models import Candidate, Proposal, Rating, Way
from wesaid.consensus.services import (
    agreed_set_confirm,
    candidate_add,
    candidates_merge,
    idea_give,
    rating_save,
    round_dates_change,
    round_open,
    study_create,
)

from .world import TODAY, Group, close, open_round, people, study_with

pytestmark = pytest.mark.django_db


def test_a_round_opens_only_when_every_outcome_has_its_welsh_and_easy_read(project, lead):
    study = study_create(project=project, actor=lead, title="What matters")
    with pytest.raises(ValidationError) as nothing:
        round_open(study=study, actor=lead, opens_on=TODAY, closes_on=TODAY)
    assert "Add at least one outcome" in nothing.value.messages[0]
    half = candidate_add(study=study, actor=lead, name="Feeling safe", name_cy="Teimlo'n ddiogel")
    assert half.missing == ["Easy read in English", "Easy read in Welsh"]
    with pytest.raises(ValidationError) as missing:
        round_open(study=study, actor=lead, opens_on=TODAY, closes_on=TODAY)
    assert "Missing: Feeling safe." in missing.value.messages[0]
    half.easy_read, half.easy_read_cy = "I feel safe", "Dw i'n teimlo'n ddiogel"
    half.save()
    assert round_open(study=study, actor=lead, opens_on=TODAY, closes_on=TODAY).number == 1


def test_a_second_round_waits_for_the_first_to_close(project, lead):
    study, _outcomes = study_with(project, lead)
    first = open_round(study, lead)
    with pytest.raises(ValidationError):
        open_round(study, lead)
    close(first, lead)
    assert open_round(study, lead).number == 2


def test_a_rating_sent_again_is_stored_once_and_a_change_replaces_it(project, lead, member):
    (rater,) = people(project, lead, Group.LIVED_EXPERIENCE, 1)
    study, (listened, _help) = study_with(project, lead)
    round_ = open_round(study, lead)
    rating_save(round_=round_, candidate=listened, person=rater, score=8)
    rating_save(round_=round_, candidate=listened, person=rater, score=8)
    rating_save(round_=round_, candidate=listened, person=rater, score=3)
    stored = Rating.objects.get(round=round_, candidate=listened)
    assert stored.score == 3 and stored.group == Group.LIVED_EXPERIENCE
    assert Rating.objects.filter(round=round_).count() == 1


def test_ratings_after_the_closing_date_are_kept_and_marked_late(project, lead):
    (rater,) = people(project, lead, Group.CARER, 1)
    study, (listened, _help) = study_with(project, lead)
    round_ = round_open(
        study=study,
        actor=lead,
        opens_on=TODAY - datetime.timedelta(days=10),
        closes_on=TODAY - datetime.timedelta(days=1),
    )
    assert rating_save(round_=round_, candidate=listened, person=rater, score=9).late is True
    # Moving the date on: the next rating is on time.
    round_dates_change(
        round_=round_, actor=lead, opens_on=round_.opens_on, closes_on=TODAY + datetime.timedelta(1)
    )
    assert rating_save(round_=round_, candidate=listened, person=rater, score=9).late is False


def test_nobody_rates_in_a_closed_round_or_outside_the_project(project, lead, member):
    (rater,) = people(project, lead, Group.CARER, 1)
    study, (listened, _help) = study_with(project, lead)
    round_ = open_round(study, lead)
    with pytest.raises(ValidationError):
        rating_save(round_=round_, candidate=listened, person=member, score=5)  # not in it
    close(round_, lead)
    with pytest.raises(ValidationError):
        rating_save(round_=round_, candidate=listened, person=rater, score=5)
    second = open_round(study, lead)
    for bad in (0, 10, True):
        with pytest.raises(ValidationError):
            rating_save(round_=second, candidate=listened, person=rater, score=bad)


def test_the_audit_log_says_who_rated_and_how_but_never_the_score(project, lead):
    (rater,) = people(project, lead, Group.CARER, 1)
    study, (listened, _help) = study_with(project, lead)
    round_ = open_round(study, lead)
    rating = rating_save(
        round_=round_, candidate=listened, person=rater, score=7, way=Way.PAPER, entered_by=lead
    )
    event = AuditEvent.objects.get(action="consensus.rated", object_id=str(rating.pk))
    assert event.actor_id == lead.pk
    assert event.changes == {"way": "paper", "late": False, "first": True}
    assert "7" not in str(event.changes)


def test_ideas_are_welcome_until_the_first_round_closes(project, lead):
    (rater,) = people(project, lead, Group.LIVED_EXPERIENCE, 1)
    study, _outcomes = study_with(project, lead)
    idea_give(study=study, person=rater, words="  Being asked first  ", recorded_by=None)
    round_ = open_round(study, lead)
    idea = idea_give(
        study=study, person=rater, words="Getting there", way=Way.PHONE, recorded_by=lead
    )
    assert (idea.way, idea.recorded_by_id) == ("phone", lead.pk)
    close(round_, lead)
    with pytest.raises(ValidationError):
        idea_give(study=study, person=rater, words="Too late", recorded_by=None)
    assert list(Proposal.objects.values_list("words", flat=True)) == [
        "Being asked first",
        "Getting there",
    ]


def test_merging_near_duplicates_keeps_every_original_wording(project, lead):
    (rater,) = people(project, lead, Group.LIVED_EXPERIENCE, 1)
    study = study_create(project=project, actor=lead, title="What matters")
    one = idea_give(study=study, person=rater, words="People listen to me", recorded_by=None)
    two = idea_give(study=study, person=rater, words="Being heard", recorded_by=None)
    keep = candidate_add(study=study, actor=lead, name="Feeling listened to", from_ideas=[one])
    other = candidate_add(study=study, actor=lead, name="Being heard", from_ideas=[two])
    candidates_merge(keep=keep, merge=[other], actor=lead)
    assert sorted(keep.proposals.values_list("words", flat=True)) == [
        "Being heard",
        "People listen to me",
    ]
    assert list(Candidate.objects.filter(merged_into__isnull=True)) == [keep]
    with pytest.raises(ValidationError):
        candidates_merge(keep=keep, merge=[keep], actor=lead)


def test_the_agreed_set_is_locked_and_a_change_needs_a_reason(project, lead):
    study, (listened, help_) = study_with(project, lead)
    round_ = open_round(study, lead)
    with pytest.raises(ValidationError):
        agreed_set_confirm(study=study, actor=lead, outcomes=[listened], decided_on=TODAY)
    close(round_, lead)
    first = agreed_set_confirm(study=study, actor=lead, outcomes=[listened], decided_on=TODAY)
    assert (first.version, [o["name"] for o in first.outcomes]) == (1, ["Feeling listened to"])
    # Renaming an outcome later does not change what was agreed.
    listened.name = "Renamed"
    listened.save()
    first.refresh_from_db()
    assert first.outcomes[0]["name"] == "Feeling listened to"
    with pytest.raises(ValidationError) as no_reason:
        agreed_set_confirm(study=study, actor=lead, outcomes=[listened, help_], decided_on=TODAY)
    assert "reason" in no_reason.value.message_dict
    second = agreed_set_confirm(
        study=study,
        actor=lead,
        outcomes=[listened, help_],
        decided_on=TODAY,
        reason="The carers' meeting added help.",
    )
    assert second.version == 2 and study.agreed == second


@pytest.mark.django_db(transaction=True)
def test_racing_saves_of_one_rating_store_one_row(project, lead):
    (rater,) = people(project, lead, Group.LIVED_EXPERIENCE, 1)
    study, (listened, _help) = study_with(project, lead)
    round_ = open_round(study, lead)
    errors = []
    start = threading.Barrier(4)

    def send(score):
        try:
            start.wait()
            rating_save(round_=round_, candidate=listened, person=rater, score=score)
        except Exception as exc:  # noqa: BLE001 - any error fails the test below
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=send, args=(s,)) for s in (6, 7, 8, 9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    ratings = Rating.objects.filter(round=round_, candidate=listened, person=rater)
    assert ratings.count() == 1 and ratings.get().score in (6, 7, 8, 9)


def test_an_outcome_started_from_the_library_takes_its_wordings_and_keeps_the_link(project, lead):
    from wesaid.outcomes.models import LibraryOutcome
    from wesaid.outcomes.services import library_load, own_outcome_create

    library_load()
    confidence = LibraryOutcome.objects.get(code="people-confidence")
    study = study_create(project=project, actor=lead, title="What matters")
    candidate = candidate_add(study=study, actor=lead, name="", library_outcome=confidence)
    assert (candidate.name, candidate.name_cy) == (confidence.name, confidence.name_cy)
    assert (candidate.easy_read, candidate.easy_read_cy) == (
        confidence.easy_read,
        confidence.easy_read_cy,
    )
    assert candidate.library_outcome == confidence and candidate.missing == []
    # Words typed in win over the library's; an own outcome brings its closest library one.
    own = own_outcome_create(
        organisation=project.organisation,
        actor=lead,
        beneficiary="people",
        domain="skills",
        name="Getting back to work",
        closest_to=confidence,
    )
    second = candidate_add(study=study, actor=lead, name="Back to work", own_outcome=own)
    assert second.name == "Back to work" and second.own_outcome == own
    assert second.library_outcome == confidence
