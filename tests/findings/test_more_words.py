"""Plain words for pooling, representation, time series, agreement, consensus and suppression:
how big, how many, how sure (from intervals, never a p-value), small-group cautions, and
Welsh alongside English."""

from __future__ import annotations

import re

import pytest

from wesaid.analysis.agreement import cohens_kappa_from_table, fleiss_kappa_from_counts
from wesaid.analysis.consensus import classify
from wesaid.analysis.meta import log_risk_ratios, pool
from wesaid.analysis.representation import compare_with_population
from wesaid.analysis.suppression import suppress_counts, suppress_table
from wesaid.findings.more import (
    describe_consensus,
    describe_item,
    describe_kappa,
    describe_pool,
    describe_representation,
    describe_suppression,
)

from .both import Both, ByLanguage, both
from .reference_data import BCG

MONTHS = [f"{2022 + m // 12}-{m % 12 + 1:02d}" for m in range(24)]


def assert_well_formed(words: Both) -> None:
    for text in (words.en, words.cy):
        assert text and "nan" not in text.lower() and "inf" not in text.lower()
        assert not re.search(r"\bp\s*[=<>]|p-value|gwerth p", text, re.IGNORECASE)
        assert "  " not in text
    assert words.en != words.cy


def test_it_describes_a_pooled_ratio_with_its_range_and_spread():
    """BCG, REML: exp(-0.7145) = 0.49, CI exp(-1.0669, -0.3622) = 0.34 to 0.70, I^2 92%."""
    effects = log_risk_ratios(*zip(*BCG, strict=True))
    words = both(describe_pool, pool(effects.effects, effects.variances), ratio=True)
    assert_well_formed(words)
    assert "13 projects" in words.en and "13 prosiect" in words.cy
    assert "0.49" in words.en and "0.34 and 0.7" in words.en
    assert "very different" in words.en and "92%" in words.en
    assert "fairly sure" in words.en and "weddol siŵr" in words.cy
    assert "In a new project" in words.en and "Mewn prosiect newydd" in words.cy


def test_it_warns_when_few_projects_are_pooled():
    words = both(
        describe_pool,
        pool([1.2, 2.0], [0.3, 0.4], "fixed"),
        unit=ByLanguage(en="points", cy="pwynt"),
    )
    assert_well_formed(words)
    assert "only 2 projects" in words.en and "Dim ond 2 prosiect" in words.cy
    assert "same true effect" in words.en
    # Two projects are never "fairly sure", however far the interval is from 0.
    assert "We cannot be sure" in words.en and "Allwn ni ddim bod yn siŵr" in words.cy
    assert "1.54 points" in words.en and "1.54 pwynt" in words.cy


def test_it_names_missing_and_fewer_groups_in_both_languages():
    counts = {"Asian": 1, "Black": 0, "Mixed": 1, "White": 60, "Other": 0, "Prefer not to say": 2}
    population = {"Asian": 9.3, "Black": 4.0, "Mixed": 2.9, "White": 81.7, "Other": 2.1}
    words = both(
        describe_representation,
        compare_with_population(counts, population),
        names={"Asian": "Asiaidd", "Black": "Du"},
    )
    assert_well_formed(words)
    assert "62 people who answered" in words.en and "62 o bobl" in words.cy
    assert "2 people preferred not to say" in words.en and "beidio â dweud" in words.cy
    assert "took part from these groups: Asian." in words.en and "hyn: Asiaidd." in words.cy
    assert "No one from the Black group took part" in words.en
    assert "Ni chymerodd neb o'r grŵp Du ran" in words.cy


def test_it_adds_the_small_group_caution_to_representation():
    words = both(
        describe_representation, compare_with_population({"A": 5, "B": 7}, {"A": 1, "B": 1})
    )
    assert "rough guide" in words.en and "arweiniad bras" in words.cy
    assert "No group was clearly less common" in words.en


def test_it_describes_cohens_kappa_with_strength_and_range():
    words = both(describe_kappa, cohens_kappa_from_table([[20, 5], [10, 15]]))
    assert_well_formed(words)
    assert "agreed on 35 of the 50 items (70%)" in words.en
    assert "35 o'r 50 eitem" in words.cy
    assert "agreement was fair" in words.en and "yn weddol" in words.cy
    assert "better than chance" in words.en


def test_it_says_when_no_range_can_be_given_for_fleiss_kappa():
    words = both(describe_kappa, fleiss_kappa_from_counts([[2, 0], [0, 2]]))
    assert_well_formed(words)
    assert "cannot give a likely range" in words.en and "only 2 items" in words.en


@pytest.mark.parametrize(
    "result",
    [
        cohens_kappa_from_table([[3, 0], [0, 2]]),
        fleiss_kappa_from_counts([[3, 0], [0, 3], [3, 0], [0, 3]]),
    ],
    ids=["cohen", "fleiss"],
)
def test_full_agreement_on_a_few_items_is_not_called_sure(result):
    """Full agreement gives a standard error of 0 and an interval from 1 to 1: no evidence of
    certainty, least of all from 4 or 5 items."""
    assert result.ci == (1.0, 1.0)
    words = both(describe_kappa, result)
    assert_well_formed(words)
    n = result.n_items
    assert f"They agreed on all {n} items, but {n} items are too few to be sure" in words.en
    assert f"Cytunon nhw ar bob un o'r {n} eitem, ond mae {n} eitem yn rhy ychydig" in words.cy
    assert "fairly sure" not in words.en and "weddol siŵr" not in words.cy
    assert "between 1 and 1" not in words.en and "rhwng 1 a 1" not in words.cy


def test_full_agreement_on_many_items_gives_no_range_and_no_certainty():
    words = both(describe_kappa, cohens_kappa_from_table([[20, 0], [0, 20]]))
    assert_well_formed(words)
    assert "They agreed on all 40 items." in words.en
    assert "no likely range can be worked out for kappa" in words.en
    assert "does dim modd cyfrifo ystod debygol ar gyfer kappa" in words.cy
    assert "fairly sure" not in words.en and "weddol siŵr" not in words.cy
    assert "rough guide" not in words.en


def test_it_summarises_a_delphi_round_and_one_item_for_feedback():
    result = classify(
        {
            "Feeling safe": {"Lived experience": [9, 9, 8, 7, None], "Carers": [7, 8, 9] * 4},
            "Having a say": {"Lived experience": [1, 2, 5]},
        }
    )
    summary = both(describe_consensus, result)
    assert_well_formed(summary)
    assert "Agreed as very important: 1 of 2 outcomes" in summary.en
    item = both(
        describe_item,
        result.items[0],
        names={"Carers": "Gofalwyr", "Feeling safe": "Teimlo'n ddiogel"},
    )
    assert_well_formed(item)
    # "Critical" is a word for the documentation, not for members.
    assert "Feeling safe: every group agreed it is very important." in item.en
    assert "Teimlo'n ddiogel: cytunodd pob grŵp ei fod yn bwysig iawn." in item.cy
    assert "Gofalwyr: o blith 12 o bobl" in item.cy
    assert "1 person said they did not know" in item.en and "nad oedd yn gwybod" in item.cy
    assert "Some groups are small" in item.en
    other = both(describe_item, result.items[1])
    assert "Carers: no scores yet" in other.en and "no agreement yet" in other.en


def test_it_explains_hidden_numbers_and_says_nothing_when_none_are_hidden():
    assert both(describe_suppression, suppress_counts([10, 20])) is None
    primary_only = both(describe_suppression, suppress_counts([3, 2, 50]))
    assert primary_only is not None and "under 5." in primary_only.en
    table = both(describe_suppression, suppress_table([[3, 10, 12], [20, 25, 30], [7, 8, 2]]))
    assert table is not None
    assert_well_formed(table)
    assert "worked out from the totals" in table.en and "o'r cyfansymiau" in table.cy


def test_it_refuses_a_result_of_the_wrong_kind():
    with pytest.raises(TypeError):
        both(describe_kappa, object())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        both(describe_suppression, object())  # type: ignore[arg-type]
