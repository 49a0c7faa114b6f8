"""Words for change results (``wesaid.analysis.change``): paired change, reliable change,
two groups compared, a yes/no question asked twice, loss to follow-up, and the whole story for
one outcome.

How sure comes from each result's ``certainty`` (the analysis package applies the rules: the
interval and the exact test must agree, and an interval that cannot reach the level asked for
is never "clear"); these functions only say it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import ngettext, pgettext

from wesaid.analysis.certainty import Certainty
from wesaid.analysis.change import (
    ChoiceReason,
    GroupComparison,
    LossNote,
    LossToFollowUp,
    OutcomeAnalysis,
    PairedChange,
    PairedTest,
    ReliableChange,
    UnpairedTest,
    YesNoChange,
)

from .words import (
    Wording,
    capital,
    easy_small_group,
    easy_sure,
    fill,
    join,
    likely_range,
    number,
    percent,
    rounds_to_zero,
    small_group,
    sure,
)


def _point_words(amount: str, count: int) -> str:
    return fill(ngettext("{amount} point", "{amount} points", count), amount=amount)


def _points_plural() -> str:
    return pgettext("unit after a range of numbers", "points")


@dataclass(frozen=True)
class Unit:
    """How a measure's amounts are written in the active language.

    ``amount(text, count)`` gives "2.5 points" for the number ``text`` (``count`` picks the
    plural form: 1 for "1", else 5); ``plural()`` gives the word after a range ("between 1
    and 2 points").
    """

    amount_words: Callable[[str, int], str] = _point_words
    plural: Callable[[], str] = _points_plural
    places: int = 1

    def amount(self, value: float) -> str:
        text = number(abs(value), self.places)
        return self.amount_words(text, 1 if text == "1" else 5)


POINTS = Unit()


def choice_reason(reason: ChoiceReason, *, normality_p: float | None = None) -> str:
    """Why this test was chosen, for the methods note staff read."""
    if reason is ChoiceReason.ASKED:
        return pgettext("test choice", "This test was asked for.")
    if reason is ChoiceReason.LARGE_SAMPLE:
        return pgettext("test choice", "30 or more people: enough for the t-test's average.")
    if reason is ChoiceReason.TOO_FEW_TO_CHECK:
        return pgettext("test choice", "Fewer than 8 people: too few to check the t-test's needs.")
    if reason is ChoiceReason.ALL_SAME:
        return pgettext("test choice", "A group's scores are all the same.")
    p = "" if normality_p is None else number(normality_p, 3)
    if reason is ChoiceReason.NOT_NORMAL:
        return fill(
            pgettext(
                "test choice",
                "The scores do not look normally distributed (Shapiro-Wilk p = {p}).",
            ),
            p=p,
        )
    return fill(
        pgettext("test choice", "The scores look normally distributed (Shapiro-Wilk p = {p})."),
        p=p,
    )


def better_direction(higher_is_better: bool) -> str:
    """Which way is better on this measure."""
    if higher_is_better:
        return pgettext("direction", "On this measure, higher scores are better.")
    return pgettext("direction", "On this measure, lower scores are better.")


def _mean_change(change: float, unit: Unit) -> str:
    if rounds_to_zero(change, unit.places):
        return pgettext("paired change", "On average, scores stayed about the same.")
    if change > 0:
        return fill(
            pgettext("paired change", "On average, scores went up by {amount}."),
            amount=unit.amount(change),
        )
    return fill(
        pgettext("paired change", "On average, scores went down by {amount}."),
        amount=unit.amount(change),
    )


def _median_change(change: float, unit: Unit) -> str:
    if rounds_to_zero(change, unit.places):
        return pgettext(
            "paired change",
            "If we line up everyone's change from lowest to highest, the one in the middle is "
            "no change at all.",
        )
    if change > 0:
        return fill(
            pgettext(
                "paired change",
                "If we line up everyone's change from lowest to highest, the one in the middle "
                "is a rise of {amount}.",
            ),
            amount=unit.amount(change),
        )
    return fill(
        pgettext(
            "paired change",
            "If we line up everyone's change from lowest to highest, the one in the middle is "
            "a fall of {amount}.",
        ),
        amount=unit.amount(change),
    )


def _typical_change(change: float, unit: Unit) -> str:
    """The Hodges-Lehmann estimate: the middle of the averages of every pair's changes."""
    if rounds_to_zero(change, unit.places):
        return pgettext(
            "paired change",
            "If we average the changes of every pair of people, the middle of those averages "
            "is no change at all.",
        )
    if change > 0:
        return fill(
            pgettext(
                "paired change",
                "If we average the changes of every pair of people, the middle of those "
                "averages is a rise of {amount}.",
            ),
            amount=unit.amount(change),
        )
    return fill(
        pgettext(
            "paired change",
            "If we average the changes of every pair of people, the middle of those averages "
            "is a fall of {amount}.",
        ),
        amount=unit.amount(change),
    )


def describe_paired_change(
    result: PairedChange,
    *,
    unit: Unit = POINTS,
    higher_is_better: bool | None = None,
    caution: bool = True,
) -> Wording:
    """The change for people who answered both times: the mean after a t-test, the middle
    change after a Wilcoxon test (with the Hodges-Lehmann estimate when it reads differently),
    how many people, how sure, the likely range and a small-group caution."""
    kind, estimate, interval = result.headline
    if kind == "mean":
        size = _mean_change(estimate, unit)
    else:
        size = _median_change(result.median_change, unit)
        if result.hodges_lehmann is not None and number(
            result.hodges_lehmann, unit.places
        ) != number(result.median_change, unit.places):
            size = join([size, _typical_change(result.hodges_lehmann, unit)])
    based_on = fill(
        ngettext(
            "This is based on {n} person who answered both times.",
            "This is based on {n} people who answered both times.",
            result.n,
        ),
        n=result.n,
    )
    text = join(
        [
            size,
            None if higher_is_better is None else better_direction(higher_is_better),
            based_on,
            sure(result.certainty),
            likely_range(interval.low, interval.high, places=unit.places, unit=unit.plural()),
            small_group(result.n) if caution else None,
        ]
    )
    return Wording(text=text, easy_read=_easy_paired(result, estimate, unit, higher_is_better))


def _easy_paired(
    result: PairedChange, estimate: float, unit: Unit, higher_is_better: bool | None
) -> str:
    asked = fill(
        ngettext(
            "We asked {n} person the same questions twice.",
            "We asked {n} people the same questions twice.",
            result.n,
        ),
        n=result.n,
    )
    if rounds_to_zero(estimate, unit.places):
        moved = pgettext("easy read", "Scores stayed about the same.")
    elif higher_is_better is None:
        moved = (
            pgettext("easy read", "Scores went up.")
            if estimate > 0
            else pgettext("easy read", "Scores went down.")
        )
    elif (estimate > 0) == higher_is_better:
        moved = pgettext("easy read", "Things got better.")
    else:
        moved = pgettext("easy read", "Things got worse.")
    return join([asked, moved, easy_sure(result.certainty), easy_small_group(result.n)])


def describe_reliable_change(
    result: ReliableChange, *, unit: Unit = POINTS, caution: bool = True
) -> Wording:
    """How many people changed by more than the measure's usual ups and downs."""
    explain = pgettext(
        "reliable change",
        "A reliable change is a change bigger than the usual ups and downs of this measure.",
    )
    rule = fill(
        pgettext("reliable change", "Here a score had to change by more than {amount} to count."),
        amount=unit.amount(result.smallest_reliable_change),
    )
    counts = fill(
        ngettext(
            "Of {n} person, {better} ({better_share}) got reliably better, {same} "
            "({same_share}) stayed about the same and {worse} ({worse_share}) got reliably "
            "worse.",
            "Of {n} people, {better} ({better_share}) got reliably better, {same} "
            "({same_share}) stayed about the same and {worse} ({worse_share}) got reliably "
            "worse.",
            result.n,
        ),
        n=result.n,
        better=result.improved,
        better_share=percent(result.share_improved),
        same=result.unchanged,
        same_share=percent(result.share_unchanged),
        worse=result.deteriorated,
        worse_share=percent(result.share_deteriorated),
    )
    text = join(
        [
            explain,
            rule,
            counts,
            _meaningful(result, unit),
            small_group(result.n) if caution else None,
        ]
    )
    easy = join(
        [
            fill(
                pgettext("easy read", "{better} of {n} got better."),
                better=result.improved,
                n=result.n,
            ),
            fill(pgettext("easy read", "{same} stayed about the same."), same=result.unchanged),
            fill(pgettext("easy read", "{worse} got worse."), worse=result.deteriorated),
            pgettext("easy read", "We only count changes bigger than the usual ups and downs."),
        ]
    )
    return Wording(text=text, easy_read=easy)


def _meaningful(result: ReliableChange, unit: Unit) -> str | None:
    if (
        result.meaningful_change is None
        or result.meaningful_improved is None
        or result.meaningful_deteriorated is None
    ):
        return None
    up, down = result.meaningful_improved, result.meaningful_deteriorated
    return fill(
        pgettext(
            "reliable change",
            "{up} of {n} ({up_share}) got better by {step} or more, and {down} ({down_share}) "
            "got worse by {step} or more. This is the size of change that counts as meaningful "
            "on this measure.",
        ),
        up=up,
        n=result.n,
        up_share=percent(up / result.n),
        down=down,
        down_share=percent(down / result.n),
        step=unit.amount(result.meaningful_change),
    )


def first_group() -> str:
    return pgettext("group name", "the first group")


def second_group() -> str:
    return pgettext("group name", "the second group")


def describe_group_comparison(
    result: GroupComparison,
    *,
    group_a: str | None = None,
    group_b: str | None = None,
    unit: Unit = POINTS,
    at_start: bool = False,
    caution: bool = True,
) -> Wording:
    """Two separate groups (names already in the active language). After Welch: the
    difference in averages and its interval. After Mann-Whitney: the difference in middle
    scores, how often a person from ``group_a`` scores higher than one from ``group_b``, and
    its interval. ``at_start`` says the scores are from the start (loss to follow-up)."""
    a = group_a or first_group()
    b = group_b or second_group()
    if result.test is UnpairedTest.WELCH:
        size = _difference(result.mean_difference, a, b, unit, at_start, average=True)
        ci = result.mean_difference_ci
        how_sure = join(
            [
                sure(result.certainty),
                likely_range(ci.low, ci.high, places=unit.places, unit=unit.plural()),
            ]
        )
    else:
        size = _difference(result.median_difference, a, b, unit, at_start, average=False)
        share, share_ci = result.share_a_higher, result.share_a_higher_ci
        size = join(
            [
                size,
                fill(
                    pgettext(
                        "two groups",
                        "If we pick one person from each group, the one from {group_a} has the "
                        "higher score about {times} times in 100.",
                    ),
                    group_a=a,
                    times=number(share * 100, 0),
                ),
            ]
        )
        how_sure = join(
            [
                sure(result.certainty),
                fill(
                    pgettext(
                        "two groups",
                        "The true figure is likely to be between {low} and {high} times in 100.",
                    ),
                    low=number(share_ci.low * 100, 0),
                    high=number(share_ci.high * 100, 0),
                ),
            ]
        )
    smaller = min(result.n_a, result.n_b)
    return Wording(text=join([size, how_sure, small_group(smaller) if caution else None]))


def _difference(
    difference: float, a: str, b: str, unit: Unit, at_start: bool, *, average: bool
) -> str:
    if rounds_to_zero(difference, unit.places):
        if average:
            template = (
                pgettext(
                    "two groups at the start",
                    # xgettext: no-python-brace-format
                    "At the start, {group_a} and {group_b} had about the same average score.",
                )
                if at_start
                else pgettext(
                    "two groups",
                    # xgettext: no-python-brace-format
                    "{group_a} and {group_b} had about the same average score.",
                )
            )
        else:
            template = (
                pgettext(
                    "two groups at the start",
                    # xgettext: no-python-brace-format
                    "At the start, {group_a} and {group_b} had about the same middle score.",
                )
                if at_start
                else pgettext(
                    "two groups",
                    # xgettext: no-python-brace-format
                    "{group_a} and {group_b} had about the same middle score.",
                )
            )
        return capital(fill(template, group_a=a, group_b=b))
    higher = difference > 0
    if average:
        if at_start:
            template = (
                pgettext(
                    "two groups at the start",
                    # xgettext: no-python-brace-format
                    "At the start, on average, {group_a} scored {amount} higher than {group_b}.",
                )
                if higher
                else pgettext(
                    "two groups at the start",
                    # xgettext: no-python-brace-format
                    "At the start, on average, {group_a} scored {amount} lower than {group_b}.",
                )
            )
        else:
            template = (
                pgettext(
                    "two groups",
                    # xgettext: no-python-brace-format
                    "On average, {group_a} scored {amount} higher than {group_b}.",
                )
                if higher
                else pgettext(
                    "two groups",
                    # xgettext: no-python-brace-format
                    "On average, {group_a} scored {amount} lower than {group_b}.",
                )
            )
    elif at_start:
        template = (
            pgettext(
                "two groups at the start",
                "At the start, the middle score of {group_a} was {amount} higher than that of "
                "{group_b}.",
            )
            if higher
            else pgettext(
                "two groups at the start",
                "At the start, the middle score of {group_a} was {amount} lower than that of "
                "{group_b}.",
            )
        )
    else:
        template = (
            pgettext(
                "two groups",
                "The middle score of {group_a} was {amount} higher than that of {group_b}.",
            )
            if higher
            else pgettext(
                "two groups",
                "The middle score of {group_a} was {amount} lower than that of {group_b}.",
            )
        )
    return capital(fill(template, group_a=a, group_b=b, amount=unit.amount(difference)))


def describe_yes_no_change(result: YesNoChange) -> Wording:
    """A yes/no question asked twice: the shares answering yes, who switched, how sure."""
    before = fill(
        ngettext(
            'At the start, {yes} of {n} person ({share}) answered "yes".',
            'At the start, {yes} of {n} people ({share}) answered "yes".',
            result.n,
        ),
        yes=result.yes_before,
        n=result.n,
        share=percent(result.share_before),
    )
    after = fill(
        pgettext("yes or no", 'Later, {yes} ({share}) answered "yes".'),
        yes=result.yes_after,
        share=percent(result.share_after),
    )
    switched = fill(
        pgettext(
            "yes or no",
            '{to_yes} changed from "no" to "yes" and {to_no} changed from "yes" to "no".',
        ),
        to_yes=result.no_to_yes,
        to_no=result.yes_to_no,
    )
    ci = result.difference_ci
    text = join(
        [
            before,
            after,
            switched,
            sure(result.certainty),
            likely_range(
                ci.low * 100,
                ci.high * 100,
                places=0,
                unit=pgettext("unit after a range of numbers", "in every 100 people"),
            ),
            small_group(result.n),
        ]
    )
    easy = join(
        [
            fill(
                pgettext("easy read", 'At the start, {yes} of {n} said "yes".'),
                yes=result.yes_before,
                n=result.n,
            ),
            fill(pgettext("easy read", 'Later, {yes} said "yes".'), yes=result.yes_after),
            easy_sure(result.certainty),
            easy_small_group(result.n),
        ]
    )
    return Wording(text=text, easy_read=easy)


def loss_note(note: LossNote) -> str:
    """Why leavers and stayers were not compared."""
    if note is LossNote.TOO_FEW:
        return pgettext(
            "loss to follow-up",
            "Fewer than 2 people left or stayed, so we cannot compare their starting scores.",
        )
    return pgettext(
        "loss to follow-up",
        "Everyone who left started with one and the same score, and so did everyone who "
        "stayed, so there is no spread to compare them with.",
    )


def describe_loss_to_follow_up(
    result: LossToFollowUp, *, unit: Unit = POINTS, caution: bool = True
) -> Wording:
    """Who answered when, and whether the people who left started out different."""
    if result.answered_baseline == 0:
        start = pgettext("loss to follow-up", "Nobody answered at the start.")
    else:
        start = fill(
            ngettext(
                "{n} person answered at the start. {both} of them ({share}) answered again at "
                "the follow-up and {lost} did not.",
                "{n} people answered at the start. {both} of them ({share}) answered again at "
                "the follow-up and {lost} did not.",
                result.answered_baseline,
            ),
            n=result.answered_baseline,
            both=result.both,
            share=percent(1 - result.share_lost),
            lost=result.baseline_only,
        )
    late = None
    if result.follow_up_only:
        late = fill(
            ngettext(
                "{n} person answered only at the follow-up.",
                "{n} people answered only at the follow-up.",
                result.follow_up_only,
            ),
            n=result.follow_up_only,
        )
    easy = fill(
        ngettext(
            "{n} person answered at the start. {lost} did not answer later.",
            "{n} people answered at the start. {lost} did not answer later.",
            result.answered_baseline,
        ),
        n=result.answered_baseline,
        lost=result.baseline_only,
    )
    if result.comparison is None:
        note = None if result.comparison_note is None else loss_note(result.comparison_note)
        return Wording(text=join([start, late, note]), easy_read=easy)
    comparison = describe_group_comparison(
        result.comparison,
        group_a=pgettext("group name", "the people who left"),
        group_b=pgettext("group name", "the people who stayed"),
        unit=unit,
        at_start=True,
        caution=caution,
    )
    different = None
    if result.comparison.certainty is Certainty.CLEAR:
        different = pgettext(
            "loss to follow-up",
            "Because the people who left were different, the change for those who stayed may "
            "not hold for everyone.",
        )
    return Wording(text=join([start, late, comparison.text, different]), easy_read=easy)


def describe_outcome(analysis: OutcomeAnalysis, *, unit: Unit = POINTS) -> Wording:
    """The whole story for one outcome: the change, reliable change, and who left. The
    small-group caution is said once, after the change itself."""
    paired = describe_paired_change(
        analysis.paired, unit=unit, higher_is_better=analysis.higher_is_better
    )
    reliable = describe_reliable_change(analysis.reliable, unit=unit, caution=False)
    loss = describe_loss_to_follow_up(analysis.loss, unit=unit, caution=False)
    return Wording(
        text=join([paired.text, reliable.text, loss.text]),
        easy_read=join([paired.easy_read, reliable.easy_read]),
    )


def method_name(test: PairedTest | UnpairedTest) -> str:
    """The test's name for the methods note."""
    names = {
        PairedTest.T: pgettext("test name", "paired t-test"),
        PairedTest.WILCOXON: pgettext("test name", "Wilcoxon signed-rank test"),
        UnpairedTest.WELCH: pgettext("test name", "Welch t-test"),
        UnpairedTest.MANN_WHITNEY: pgettext("test name", "Mann-Whitney U test"),
    }
    return names[test]
