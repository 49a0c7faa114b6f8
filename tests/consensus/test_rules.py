"""The consensus rules on worked cases, through the app: whose agreement decides, "I don't
know", easy-read choices counted as their bands, one-person groups and staff beside."""

from __future__ import annotations

import pytest

from wesaid.analysis.consensus import Verdict
from wesaid.consensus.models import Band, Study
from wesaid.consensus.selectors import round_results
from wesaid.consensus.services import rating_save
from wesaid.core.policy import ResultsViewer

from .world import Group, open_round, people, study_with

pytestmark = pytest.mark.django_db
TEAM_ALL = ResultsViewer(in_team=True, hide_below=None)
TEAM_HIDING = ResultsViewer(in_team=True, hide_below=5)


def rate(round_, outcome, raters, scores):
    for person, score in zip(raters, scores, strict=True):
        if isinstance(score, Band):
            rating_save(round_=round_, candidate=outcome, person=person, band=score)
        else:
            rating_save(round_=round_, candidate=outcome, person=person, score=score)


def verdicts(round_, viewer=TEAM_ALL):
    return {o.candidate.name: o for o in round_results(round_, viewer=viewer).outcomes}


def test_lived_experience_and_carers_agree_and_decide_by_default(project, lead):
    lived = people(project, lead, Group.LIVED_EXPERIENCE, 4)
    carers = people(project, lead, Group.CARER, 1)
    staff = people(project, lead, Group.PRACTITIONER, 5)
    study, (listened, help_) = study_with(project, lead)
    round_ = open_round(study, lead)
    # Listened to: 4 of 5 (80%) score 7-9 and none 1-3 among members and the carer: in.
    rate(round_, listened, lived + carers, [8, 9, 7, 5, 9])
    # Staff mostly do not find it important: the verdict stands, the difference is shown.
    rate(round_, listened, staff, [2, 3, 5, 2, 1])
    # Help: 3 of 5 (60%) score 7-9: no consensus.
    rate(round_, help_, lived + carers, [8, 8, 8, 5, 5])
    found = verdicts(round_)
    assert found["Feeling listened to"].verdict is Verdict.IN
    assert found["Feeling listened to"].others_differ is True
    assert found["Knowing where to get help"].verdict is Verdict.NONE
    shares = found["Feeling listened to"].judged[0]
    assert (shares.n_rated, shares.very_important, shares.important) == (5, 0.8, 0.2)


def test_every_group_must_agree_when_the_project_chooses_it(project, lead):
    lived = people(project, lead, Group.LIVED_EXPERIENCE, 5)
    staff = people(project, lead, Group.PRACTITIONER, 5)
    study, (listened, _help) = study_with(project, lead, rule=Study.Rule.EVERY_GROUP)
    round_ = open_round(study, lead)
    rate(round_, listened, lived, [8, 9, 7, 9, 9])
    rate(round_, listened, staff, [2, 3, 5, 2, 1])
    assert verdicts(round_)["Feeling listened to"].verdict is Verdict.NONE


def test_i_dont_know_is_left_out_of_the_shares(project, lead):
    lived = people(project, lead, Group.LIVED_EXPERIENCE, 5)
    study, (listened, _help) = study_with(project, lead)
    round_ = open_round(study, lead)
    # With the two "don't know" left out, 2 of 3 score 7-9 and 1 of 3 scores 1-3.
    rate(round_, listened, lived, [None, None, 8, 8, 3])
    shares = verdicts(round_)["Feeling listened to"].judged[0]
    assert (shares.n_rated, shares.dont_know) == (3, 2)
    assert shares.not_important == pytest.approx(1 / 3)
    assert verdicts(round_)["Feeling listened to"].verdict is Verdict.NONE


def test_exactly_seventy_percent_is_enough(project, lead):
    lived = people(project, lead, Group.LIVED_EXPERIENCE, 10)
    study, (listened, _help) = study_with(project, lead)
    round_ = open_round(study, lead)
    rate(round_, listened, lived, [7, 7, 7, 7, 7, 7, 7, 5, 5, 4])
    assert verdicts(round_)["Feeling listened to"].verdict is Verdict.IN


def test_easy_read_choices_count_as_their_bands(project, lead):
    lived = people(project, lead, Group.LIVED_EXPERIENCE, 5)
    study, (listened, help_) = study_with(project, lead)
    round_ = open_round(study, lead)
    very, important, not_ = Band.VERY_IMPORTANT, Band.IMPORTANT, Band.NOT_IMPORTANT
    rate(round_, listened, lived, [very, very, 9, very, important])
    rate(round_, help_, lived, [not_, not_, not_, 2, not_])
    found = verdicts(round_)
    assert found["Feeling listened to"].verdict is Verdict.IN
    assert found["Knowing where to get help"].verdict is Verdict.OUT


def test_a_group_with_one_person_is_counted_with_its_side_but_never_shown_alone(project, lead):
    carer = people(project, lead, Group.CARER, 1)
    staff = people(project, lead, Group.PRACTITIONER, 1)
    study, (listened, _help) = study_with(project, lead)
    round_ = open_round(study, lead)
    rate(round_, listened, carer, [9])
    rate(round_, listened, staff, [1])
    outcome = verdicts(round_, TEAM_HIDING)["Feeling listened to"]
    # One carer scoring 9 is 100% of the people whose agreement decides.
    assert outcome.verdict is Verdict.IN
    assert [s.hidden for s in outcome.judged + outcome.beside] == [True, True]
    # A hidden group's figures are not worked out at all, and no difference is claimed.
    assert outcome.judged[0].n_rated is None and outcome.others_differ is False


def test_an_outcome_nobody_whose_agreement_decides_has_rated_has_no_verdict(project, lead):
    staff = people(project, lead, Group.PRACTITIONER, 5)
    study, (listened, _help) = study_with(project, lead)
    round_ = open_round(study, lead)
    rate(round_, listened, staff, [9, 9, 9, 9, 9])
    assert verdicts(round_)["Feeling listened to"].verdict is None
