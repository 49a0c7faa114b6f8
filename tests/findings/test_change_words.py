"""Plain words for change results, in English and Welsh.

The rules under test are the ones in docs/statistics.md ("Plain words"): size in the measure's
units, how many people, how sure from the interval, a small-group caution, never a p-value.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from django.utils import translation

from wesaid.analysis.change import (
    analyse_outcome,
    compare_groups,
    loss_to_follow_up,
    paired_change,
    reliable_change,
    yes_no_change,
)
from wesaid.analysis.scoring import InstrumentDefinition
from wesaid.findings.change import (
    POINTS,
    Unit,
    describe_group_comparison,
    describe_loss_to_follow_up,
    describe_outcome,
    describe_paired_change,
    describe_reliable_change,
    describe_yes_no_change,
)
from wesaid.findings.words import likely_range

from .both import Both, ByLanguage, both

SMALL_GROUP_EN = "This is a small group, so treat the result as a rough guide."
SMALL_GROUP_CY = "Grŵp bach yw hwn, felly cymerwch y canlyniad fel arweiniad bras."
SURE_EN = "We can be fairly sure this is a real difference, not chance."
UNSURE_EN = "We cannot be sure this is a real difference: it could be chance."
SURE_CY = "Gallwn fod yn weddol siŵr bod hwn yn wahaniaeth go iawn, nid siawns."
UNSURE_CY = "Allwn ni ddim bod yn siŵr bod hwn yn wahaniaeth go iawn: gallai fod yn siawns."


def assert_plain(words: Both) -> None:
    """Rules every sentence keeps: both languages, no p-values or jargon left unexplained."""
    assert words.en and words.cy and words.en != words.cy
    for text in (words.en, words.cy):
        assert not re.search(r"\bp\s*[=<>]|p-value|significan|Wilcoxon|Shapiro", text, re.I)
        assert "nan" not in text.lower().split()
        assert "  " not in text


def steady_rise(n: int, rise: float = 3.0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(n)
    before = rng.integers(14, 28, n).astype(float)
    return before, before + rise + rng.normal(0, 2, n).round()


def test_it_describes_a_clear_rise_in_points_for_a_large_group() -> None:
    before, after = steady_rise(40)
    result = paired_change(before, after)
    words = both(describe_paired_change, result, higher_is_better=True)
    assert_plain(words)
    mean = f"{result.mean_change:.1f}".rstrip("0").rstrip(".")
    assert f"On average, scores went up by {mean} points." in words.en
    assert f"Ar gyfartaledd, aeth y sgorau i fyny {mean} pwynt." in words.cy
    assert "This is based on 40 people who answered both times." in words.en
    assert "Mae hyn yn seiliedig ar 40 o bobl a atebodd y ddwy waith." in words.cy
    assert SURE_EN in words.en and SURE_CY in words.cy
    assert "On this measure, higher scores are better." in words.en
    assert SMALL_GROUP_EN not in words.en


def test_it_gives_the_likely_range_from_the_interval() -> None:
    before, after = steady_rise(40)
    result = paired_change(before, after)
    low, high = result.mean_change_ci.low, result.mean_change_ci.high
    words = both(describe_paired_change, result)
    assert f"between {low:.1f} and {high:.1f} points" in words.en
    assert f"rhwng {low:.1f} a {high:.1f} pwynt" in words.cy


def test_it_leads_with_the_middle_change_and_cautions_a_small_group() -> None:
    result = paired_change([10, 12, 14, 11, 13, 15], [12, 13, 14, 15, 13, 18])
    words = both(describe_paired_change, result)
    assert_plain(words)
    assert "the one in the middle is a rise of 1.5 points" in words.en
    assert "mae'r un yn y canol yn gynnydd o 1.5 pwynt" in words.cy
    assert words.en.endswith(SMALL_GROUP_EN)
    assert words.cy.endswith(SMALL_GROUP_CY)


def test_it_says_when_it_cannot_be_sure() -> None:
    result = paired_change([10, 12, 14, 11, 13, 15, 9, 10], [11, 11, 15, 10, 13, 16, 8, 11])
    words = both(describe_paired_change, result)
    assert UNSURE_EN in words.en and UNSURE_CY in words.cy


@pytest.mark.parametrize("n", [3, 4, 5])
def test_it_is_never_sure_from_five_or_fewer_people_even_when_all_rise(n: int) -> None:
    """With n people all rising, the exact two-sided sign (and signed-rank) p-value is
    2 / 2^n: 0.25, 0.125, 0.0625 for n = 3, 4, 5, never below 0.05. The median's interval is
    then the smallest to largest change with coverage 1 - 2 / 2^n, short of 95%, so it must not
    be read as "fairly sure"."""
    before = np.arange(10.0, 10.0 + n)
    result = paired_change(before, before + np.arange(1.0, n + 1))
    assert result.headline[0] == "median"
    assert result.median_change_ci.level == pytest.approx(1 - 2 / 2**n)
    words = both(describe_paired_change, result)
    assert UNSURE_EN in words.en and UNSURE_CY in words.cy
    assert SURE_EN not in words.en


def test_it_can_be_sure_from_six_people_who_all_rise() -> None:
    """Six rises: exact two-sided p = 2 / 64 = 0.031 and the smallest-to-largest interval
    covers 1 - 2 / 64 = 96.9% of the time, so "fairly sure" is right."""
    result = paired_change(np.zeros(6), np.arange(1.0, 7.0))
    assert result.p_value == pytest.approx(2 / 64)
    assert SURE_EN in both(describe_paired_change, result).en


def test_after_a_wilcoxon_test_it_is_sure_exactly_when_the_test_finds_a_change() -> None:
    """Two falls among ten rises: the sign-test interval for the median (2nd to 9th change)
    takes in 0, yet the signed-rank test rejects (T- = 1 + 2, exact p = 2 * 5/1024). The
    Hodges-Lehmann interval matches the test, so the words say "fairly sure"."""
    changes = np.array([-1.0, -2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0])
    result = paired_change(np.zeros(10), changes, test="rank")
    assert result.p_value == pytest.approx(2 * 5 / 1024)
    assert result.median_change_ci.contains(0.0)
    assert not result.hodges_lehmann_ci.contains(0.0)
    words = both(describe_paired_change, result)
    assert_plain(words)
    assert SURE_EN in words.en and SURE_CY in words.cy
    assert "the one in the middle is a rise of 5.5 points" in words.en
    assert "the middle of those averages is a rise of 5 points" in words.en
    assert "mae'r cyfartaledd yn y canol yn gynnydd o 5 pwynt" in words.cy
    assert "between 2 and 8 points" in words.en and "rhwng 2 a 8 pwynt" in words.cy


def test_after_a_wilcoxon_test_it_is_unsure_when_the_test_finds_no_change() -> None:
    """Ten small rises and two big falls: the median's interval (3rd to 10th change) leaves
    out 0, but the signed-rank test does not reject (p = 0.23), so the words are not sure."""
    changes = np.array([1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, -20.0, -30.0])
    result = paired_change(np.zeros(12), changes, test="rank")
    assert result.p_value > 0.05
    assert not result.median_change_ci.contains(0.0)
    assert result.hodges_lehmann_ci.contains(0.0)
    words = both(describe_paired_change, result)
    assert UNSURE_EN in words.en and UNSURE_CY in words.cy
    assert "between minus 9.5 and 1.6 points" in words.en
    assert "rhwng minws 9.5 a 1.6 pwynt" in words.cy


def test_the_likely_range_writes_minus_in_words_and_says_about_for_a_single_value() -> None:
    with translation.override("en"):
        assert likely_range(-1.24, -0.26, unit="points") == (
            "The true difference is likely to be between minus 1.2 and minus 0.3 points."
        )
        assert likely_range(0.5, 0.5, unit="points") == (
            "The true difference is likely to be about 0.5 points."
        )
        # A small end is never written as 0 (or "-0"): it would read as "no difference".
        assert likely_range(-0.04, 0.04) == (
            "The true difference is likely to be between minus 0.04 and 0.04."
        )
    with translation.override("cy"):
        assert likely_range(-1.24, 2.0, unit="pwynt") == (
            "Mae'r gwahaniaeth go iawn yn debygol o fod rhwng minws 1.2 a 2 pwynt."
        )
        assert likely_range(0.5, 0.5, unit="pwynt") == (
            "Mae'r gwahaniaeth go iawn yn debygol o fod tua 0.5 pwynt."
        )


def test_welsh_and_becomes_ac_before_a_vowel() -> None:
    """ "a" (and) is "ac" before a vowel, as "na" (than) is "nag": "a'r" before the article."""
    result = compare_groups([10.0, 11.0, 12.0, 13.0], [10.0, 11.0, 12.0, 13.02])
    words = both(
        describe_group_comparison,
        result,
        group_a=ByLanguage(en="carers", cy="gofalwyr"),
        group_b=ByLanguage(en="older people", cy="oedolion hŷn"),
    )
    assert "gofalwyr ac oedolion hŷn tua'r un fath" in words.cy


def test_it_says_scores_went_down_and_that_lower_is_better_when_it_is() -> None:
    before, after = steady_rise(35, rise=-2.0)
    words = both(describe_paired_change, paired_change(before, after), higher_is_better=False)
    assert "scores went down by" in words.en
    assert "aeth y sgorau i lawr" in words.cy
    assert "On this measure, lower scores are better." in words.en
    assert "Ar y mesur hwn, mae sgorau is yn well." in words.cy


def test_it_uses_the_singular_unit_for_exactly_one() -> None:
    def hours(amount: str, count: int) -> str:
        return f"{amount} hour" if count == 1 else f"{amount} hours"

    with translation.override("en"):
        assert Unit().amount(1.0) == "1 point"
        assert Unit().amount(-2.25) == "2.3 points"  # halves round up, from the decimal
        assert Unit(amount_words=hours, places=0).amount(3.4) == "3 hours"
    with translation.override("cy"):
        assert Unit().amount(1.0) == "1 pwynt"
        assert Unit().amount(2.0) == "2 pwynt"


def test_it_describes_reliable_change_counts_and_the_meaningful_threshold() -> None:
    result = reliable_change(
        [20] * 10,
        [27, 26, 23, 22, 20, 20, 19, 18, 17, 13],
        reliability=0.84,
        sd_baseline=5,
        meaningful_change=3,
    )
    words = both(describe_reliable_change, result)
    assert_plain(words)
    # S_diff = 2 * sqrt(2) = 2.83; 1.96 * 2.83 = 5.54 points.
    assert "more than 5.5 points to count" in words.en
    assert "mwy na 5.5 pwynt i gyfrif" in words.cy
    assert (
        "Of 10 people, 2 (20%) got reliably better, 7 (70%) stayed about the same and 1 (10%) "
        "got reliably worse." in words.en
    )
    assert "O'r 10 o bobl, gwellodd 2 (20%) yn ddibynadwy" in words.cy
    assert "3 of 10 (30%) got better by 3 points or more" in words.en
    assert "Gwellodd 3 o'r 10 (30%) o 3 pwynt neu fwy" in words.cy
    assert SMALL_GROUP_EN in words.en


def test_it_leaves_out_the_meaningful_sentence_without_a_threshold() -> None:
    result = reliable_change([20, 21, 22], [25, 21, 18], reliability=0.8)
    assert "meaningful" not in both(describe_reliable_change, result).en


def test_it_describes_a_welch_comparison_between_two_groups() -> None:
    rng = np.random.default_rng(8)
    result = compare_groups(rng.normal(24, 3, 40), rng.normal(20, 3, 40))
    words = both(
        describe_group_comparison,
        result,
        group_a=ByLanguage(en="carers", cy="gofalwyr"),
        group_b=ByLanguage(en="staff", cy="y staff"),
    )
    assert_plain(words)
    assert re.search(r"^On average, carers scored [\d.]+ points higher than staff\.", words.en)
    assert re.search(
        r"^Ar gyfartaledd, sgoriodd gofalwyr [\d.]+ pwynt yn uwch na'r staff\.", words.cy
    )
    assert SURE_EN in words.en


def test_it_describes_a_mann_whitney_comparison_as_how_often_one_scores_higher() -> None:
    result = compare_groups([10, 11, 12, 14, 20], [15, 16, 18, 19, 25, 26])
    words = both(describe_group_comparison, result)
    assert_plain(words)
    share = round(result.share_a_higher * 100)
    assert f"has the higher score about {share} times in 100" in words.en
    assert f"tua {share} gwaith ym mhob 100" in words.cy
    assert "The middle score of the first group was" in words.en
    assert "Roedd sgôr canol y grŵp cyntaf" in words.cy


def test_it_describes_a_yes_no_question_asked_twice() -> None:
    before = [True] * 3 + [False] * 7
    after = [True] * 3 + [True] * 4 + [False] * 3
    words = both(describe_yes_no_change, yes_no_change(before, after))
    assert_plain(words)
    assert 'At the start, 3 of 10 people (30%) answered "yes".' in words.en
    assert 'Later, 7 (70%) answered "yes".' in words.en
    assert '4 changed from "no" to "yes" and 0 changed from "yes" to "no".' in words.en
    assert "in every 100 people" in words.en
    assert 'Ar y dechrau, atebodd 3 o\'r 10 o bobl (30%) "ie".' in words.cy
    assert "ym mhob 100 o bobl" in words.cy


def test_it_describes_loss_to_follow_up_and_warns_when_leavers_differ() -> None:
    rng = np.random.default_rng(4)
    baseline = {f"P{i}": float(v) for i, v in enumerate(rng.normal(20, 3, 80).round())}
    for i in range(40):  # the first 40 started 6 points lower and half of them left
        baseline[f"P{i}"] -= 6
    follow_up = {code: 25.0 for i, code in enumerate(baseline) if i >= 30}
    words = both(describe_loss_to_follow_up, loss_to_follow_up(baseline, follow_up))
    assert_plain(words)
    assert "80 people answered at the start. 50 of them (63%)" in words.en  # 62.5 up
    assert "answered again at the follow-up and 30 did not." in words.en
    assert "Atebodd 80 o bobl ar y dechrau. Atebodd 50 ohonyn nhw" in words.cy
    assert "At the start, on average, the people who left scored" in words.en
    assert "lower than the people who stayed" in words.en
    assert "yn is na'r bobl a arhosodd" in words.cy
    assert "may not hold for everyone" in words.en
    assert "yn wir am bawb" in words.cy


def test_it_describes_loss_to_follow_up_without_a_comparison() -> None:
    words = both(
        describe_loss_to_follow_up, loss_to_follow_up({"a": 1.0, "b": 2.0}, {"a": 1.0, "c": 4.0})
    )
    assert words.en == (
        "2 people answered at the start. 1 of them (50%) answered again at the follow-up and 1 "
        "did not. 1 person answered only at the follow-up. Fewer than 2 people left or stayed, "
        "so we cannot compare their starting scores."
    )
    assert words.cy == (
        "Atebodd 2 o bobl ar y dechrau. Atebodd 1 ohonyn nhw (50%) eto yn yr arolwg dilynol, "
        "ac ni atebodd 1. Atebodd 1 person yn yr arolwg dilynol yn unig. Gadawodd neu "
        "arhosodd llai na 2 o bobl, felly allwn ni ddim cymharu eu sgorau ar y dechrau."
    )


def test_the_whole_outcome_is_described_with_the_small_group_caution_once() -> None:
    definition = InstrumentDefinition.uniform("three", ("a", "b", "c"), 1, 5)
    rng = np.random.default_rng(1)
    answers: dict[str, list] = {"respondent": [], "wave": [], "item": [], "value": []}
    for person in range(12):
        start = rng.integers(1, 4, 3)
        for wave, values in (("t0", start), ("t1", np.minimum(start + rng.integers(0, 3, 3), 5))):
            if wave == "t1" and person == 11:
                continue
            for item, value in zip("abc", values, strict=True):
                answers["respondent"].append(f"P{person}")
                answers["wave"].append(wave)
                answers["item"].append(item)
                answers["value"].append(float(value))
    analysis = analyse_outcome(
        answers, definition, baseline_wave="t0", follow_up_wave="t1", reliability=0.7
    )
    words = both(describe_outcome, analysis, unit=POINTS)
    assert_plain(words)
    assert words.en.count(SMALL_GROUP_EN) == 1
    assert words.cy.count(SMALL_GROUP_CY) == 1
    assert "11 people who answered both times" in words.en
    assert "12 people answered at the start" in words.en


@pytest.mark.parametrize(("language", "welsh"), [("en", False), ("cy", True), ("en-gb", False)])
def test_descriptions_come_in_the_active_language(language: str, welsh: bool) -> None:
    result = paired_change([1, 2, 3, 4], [2, 4, 3, 6])
    with translation.override(language):
        text = describe_paired_change(result).text
    assert ("Mae hyn yn seiliedig ar 4 o bobl" in text) is welsh
    assert ("This is based on 4 people" in text) is not welsh
