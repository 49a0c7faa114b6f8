"""Plain words, in English and Welsh, for the results in :mod:`wesaid.analysis.change`.

Each ``describe_*`` function follows the rules in :mod:`wesaid.analysis.plain` (and
docs/statistics.md, "Plain words"): how big, in the measure's units; how many people; how sure
we can be, from the confidence interval; a caution when the group is small. No p-values.

Welsh notes: numbers are written as digits, so no mutation is shown after them ("3 pwynt",
"24 o bobl"); nouns after a number stay singular ("pwynt", not "pwyntiau").
"""

from __future__ import annotations

from dataclasses import dataclass

from .change import (
    GroupComparison,
    LossToFollowUp,
    OutcomeAnalysis,
    PairedChange,
    ReliableChange,
    UnpairedTest,
    YesNoChange,
)
from .plain import (
    Certainty,
    PlainWords,
    certainty,
    join,
    likely_range,
    number,
    people,
    percent,
    small_group_note,
    sure_sentence,
)


@dataclass(frozen=True)
class Unit:
    """How a measure's units are written. Welsh uses the singular after any number."""

    one: str = "point"
    many: str = "points"
    cy: str = "pwynt"
    places: int = 1

    def amount(self, value: float) -> PlainWords:
        """``"2.5 points"`` / ``"2.5 pwynt"``, from the size of ``value`` (sign dropped)."""
        text = number(abs(value), self.places)
        return PlainWords(
            en=f"{text} {self.one if text == '1' else self.many}", cy=f"{text} {self.cy}"
        )


POINTS = Unit()

#: Group names for an unpaired comparison when the caller gives none.
FIRST_GROUP = PlainWords(en="the first group", cy="y grŵp cyntaf")
SECOND_GROUP = PlainWords(en="the second group", cy="yr ail grŵp")
LEAVERS = PlainWords(en="people who left", cy="y bobl a adawodd")
STAYERS = PlainWords(en="people who stayed", cy="y bobl a arhosodd")


def _rounds_to_zero(value: float, places: int) -> bool:
    return number(value, places) == "0"


def _capital(words: PlainWords) -> PlainWords:
    return PlainWords(
        en=words.en[:1].upper() + words.en[1:], cy=words.cy[:1].upper() + words.cy[1:]
    )


def _optional(*parts: PlainWords | None) -> PlainWords:
    return join(*(part for part in parts if part is not None))


def better_direction(higher_is_better: bool) -> PlainWords:
    """Which way is better on this measure."""
    if higher_is_better:
        return PlainWords(
            en="On this measure, higher scores are better.",
            cy="Ar y mesur hwn, mae sgorau uwch yn well.",
        )
    return PlainWords(
        en="On this measure, lower scores are better.",
        cy="Ar y mesur hwn, mae sgorau is yn well.",
    )


def _mean_change_sentence(change: float, unit: Unit) -> PlainWords:
    if _rounds_to_zero(change, unit.places):
        return PlainWords(
            en="On average, scores stayed about the same.",
            cy="Ar gyfartaledd, arhosodd y sgorau tua'r un fath.",
        )
    amount = unit.amount(change)
    if change > 0:
        return PlainWords(
            en=f"On average, scores went up by {amount.en}.",
            cy=f"Ar gyfartaledd, aeth y sgorau i fyny {amount.cy}.",
        )
    return PlainWords(
        en=f"On average, scores went down by {amount.en}.",
        cy=f"Ar gyfartaledd, aeth y sgorau i lawr {amount.cy}.",
    )


def _middle_sentence(change: float, unit: Unit, lead: PlainWords, en: str, cy: str) -> PlainWords:
    """``lead``, then what the middle value (``en`` / ``cy``, Welsh without its article) is."""
    if _rounds_to_zero(change, unit.places):
        return lead + PlainWords(
            en=f"{en} is no change at all.", cy=f"does dim newid o gwbl i'r {cy}."
        )
    amount = unit.amount(change)
    if change > 0:
        return lead + PlainWords(
            en=f"{en} is a rise of {amount.en}.", cy=f"mae'r {cy} yn gynnydd o {amount.cy}."
        )
    return lead + PlainWords(
        en=f"{en} is a fall of {amount.en}.", cy=f"mae'r {cy} yn ostyngiad o {amount.cy}."
    )


def _median_change_sentence(change: float, unit: Unit) -> PlainWords:
    lead = PlainWords(
        en="If we line up everyone's change from lowest to highest,",
        cy="Os rhown newid pawb mewn rhes o'r isaf i'r uchaf,",
    )
    return _middle_sentence(change, unit, lead, "the one in the middle", "un yn y canol")


def _typical_change_sentence(change: float, unit: Unit) -> PlainWords:
    """The Hodges-Lehmann estimate in words: the middle of the averages of every pair of
    people's changes."""
    lead = PlainWords(
        en="If we average the changes of every pair of people,",
        cy="Os cymerwn gyfartaledd newidiadau pob pâr o bobl,",
    )
    return _middle_sentence(
        change, unit, lead, "the middle of those averages", "cyfartaledd yn y canol"
    )


def describe_paired_change(
    result: PairedChange,
    *,
    unit: Unit = POINTS,
    higher_is_better: bool | None = None,
    caution: bool = True,
) -> PlainWords:
    """The change for people who answered both times: the mean after a t-test, the middle
    (median) change after a Wilcoxon test, each with its interval.

    After a Wilcoxon test, how sure we can be and the likely range come from the
    Hodges-Lehmann interval, which leaves out 0 only when the test itself finds a change. When
    its estimate (the middle of the averages of every pair of people's changes) reads
    differently from the middle change, it is said too, so the range has a number it belongs
    to."""
    kind, estimate, interval = result.headline
    if kind == "mean":
        size = _mean_change_sentence(estimate, unit)
    else:
        size = _median_change_sentence(result.median_change, unit)
        if result.hodges_lehmann is not None and number(
            result.hodges_lehmann, unit.places
        ) != number(result.median_change, unit.places):
            size = size + _typical_change_sentence(result.hodges_lehmann, unit)
    count = people(result.n)
    based_on = PlainWords(
        en=f"This is based on {count.en} who answered both times.",
        cy=f"Mae hyn yn seiliedig ar {count.cy} a atebodd y ddwy waith.",
    )
    direction = None if higher_is_better is None else better_direction(higher_is_better)
    # With 5 or fewer people the interval cannot reach the confidence asked for (3 people:
    # 75%), and no signed-rank or sign test can reach it either, so we never say "fairly sure"
    # from an interval that covers less than the level the other intervals use.
    short = interval.level < result.mean_change_ci.level - 1e-12
    sure = Certainty.UNCLEAR if short else certainty(interval.low, interval.high)
    return _optional(
        size,
        direction,
        based_on,
        sure_sentence(sure),
        likely_range(
            interval.low, interval.high, unit=unit.many, unit_cy=unit.cy, places=unit.places
        ),
        small_group_note(result.n) if caution else None,
    )


def describe_reliable_change(
    result: ReliableChange, *, unit: Unit = POINTS, caution: bool = True
) -> PlainWords:
    """How many people changed by more than the measure's usual ups and downs."""
    total = people(result.n)
    explain = PlainWords(
        en="A reliable change is a change bigger than the usual ups and downs of this measure.",
        cy="Mae newid dibynadwy yn newid sy'n fwy na'r amrywio arferol ar y mesur hwn.",
    )
    threshold = unit.amount(result.smallest_reliable_change)
    rule = PlainWords(
        en=f"Here a score had to change by more than {threshold.en} to count.",
        cy=f"Yma, roedd yn rhaid i sgôr newid mwy na {threshold.cy} i gyfrif.",
    )
    counts = PlainWords(
        en=f"Of {total.en}, {result.improved} ({percent(result.share_improved)}) got reliably "
        f"better, {result.unchanged} ({percent(result.share_unchanged)}) stayed about the "
        f"same and {result.deteriorated} ({percent(result.share_deteriorated)}) got reliably "
        "worse.",
        cy=f"O'r {total.cy}, gwellodd {result.improved} ({percent(result.share_improved)}) yn "
        f"ddibynadwy, arhosodd {result.unchanged} ({percent(result.share_unchanged)}) tua'r "
        f"un fath, ac aeth {result.deteriorated} ({percent(result.share_deteriorated)}) yn "
        "waeth yn ddibynadwy.",
    )
    return _optional(
        explain,
        rule,
        counts,
        _meaningful_sentence(result, unit),
        small_group_note(result.n) if caution else None,
    )


def _meaningful_sentence(result: ReliableChange, unit: Unit) -> PlainWords | None:
    if (
        result.meaningful_change is None
        or result.meaningful_improved is None
        or result.meaningful_deteriorated is None
    ):
        return None
    step = unit.amount(result.meaningful_change)
    up, down = result.meaningful_improved, result.meaningful_deteriorated
    return PlainWords(
        en=f"{up} of {result.n} ({percent(up / result.n)}) got better by {step.en} or more, "
        f"and {down} ({percent(down / result.n)}) got worse by {step.en} or more. "
        "This is the size of change that counts as meaningful on this measure.",
        cy=f"Gwellodd {up} o'r {result.n} ({percent(up / result.n)}) o {step.cy} neu fwy, "
        f"ac aeth {down} ({percent(down / result.n)}) yn waeth o {step.cy} neu fwy. "
        "Dyma faint y newid sy'n cyfrif yn ystyrlon ar y mesur hwn.",
    )


def _joined_cy(word: str, phrase: str) -> str:
    """Welsh "a" (and) and "na" (than) take the article as "a'r", "na'r"; before a vowel they
    become "ac" and "nag"."""
    for article in ("yr ", "y "):
        if phrase.startswith(article):
            return f"{word}'r {phrase[len(article) :]}"
    if word in ("a", "na") and phrase[:1].lower() in "aeiouwyâêîôûŵŷ":
        return f"{'ac' if word == 'a' else 'nag'} {phrase}"
    return f"{word} {phrase}"


def describe_group_comparison(
    result: GroupComparison,
    *,
    group_a: PlainWords = FIRST_GROUP,
    group_b: PlainWords = SECOND_GROUP,
    unit: Unit = POINTS,
    when: PlainWords | None = None,
    caution: bool = True,
) -> PlainWords:
    """Two separate groups. After Welch: the difference in averages and its interval. After
    Mann-Whitney: the difference in middle scores, then how often a person from ``group_a``
    scores higher than one from ``group_b``, with its interval (from the rank-biserial r)."""
    lead = "" if when is None else f"{when.en} "
    lead_cy = "" if when is None else f"{when.cy} "
    if result.test is UnpairedTest.WELCH:
        size = _difference_sentence(
            result.mean_difference, group_a, group_b, unit, lead, lead_cy, average=True
        )
        interval = result.mean_difference_ci
        sure = sure_sentence(certainty(interval.low, interval.high)) + likely_range(
            interval.low, interval.high, unit=unit.many, unit_cy=unit.cy, places=unit.places
        )
    else:
        size = _difference_sentence(
            result.median_difference, group_a, group_b, unit, lead, lead_cy, average=False
        )
        share, share_ci = result.share_a_higher, result.share_a_higher_ci
        size = size + PlainWords(
            en=f"If we pick one person from each group, the one from {group_a.en} has the "
            f"higher score about {number(share * 100, 0)} times in 100.",
            cy=f"Os dewiswn un person o bob grŵp, yr un o blith {group_a.cy} sydd â'r sgôr "
            f"uwch tua {number(share * 100, 0)} gwaith ym mhob 100.",
        )
        sure = sure_sentence(certainty(share_ci.low, share_ci.high, null=0.5)) + PlainWords(
            en=f"The true figure is likely to be between {number(share_ci.low * 100, 0)} and "
            f"{number(share_ci.high * 100, 0)} times in 100.",
            cy=f"Mae'r ffigur go iawn yn debygol o fod rhwng {number(share_ci.low * 100, 0)} a "
            f"{number(share_ci.high * 100, 0)} gwaith ym mhob 100.",
        )
    smaller = min(result.n_a, result.n_b)
    return _optional(size, sure, small_group_note(smaller) if caution else None)


def _difference_sentence(
    difference: float,
    group_a: PlainWords,
    group_b: PlainWords,
    unit: Unit,
    lead: str,
    lead_cy: str,
    *,
    average: bool,
) -> PlainWords:
    if _rounds_to_zero(difference, unit.places):
        kind, kind_cy = ("average", "cyfartalog") if average else ("middle", "canol")
        return _capital(
            PlainWords(
                en=f"{lead}{group_a.en} and {group_b.en} had about the same {kind} score.",
                cy=f"{lead_cy}roedd sgôr {kind_cy} {group_a.cy} "
                f"{_joined_cy('a', group_b.cy)} tua'r un fath.",
            )
        )
    amount = unit.amount(difference)
    higher, higher_cy = ("higher", "yn uwch") if difference > 0 else ("lower", "yn is")
    if average:
        words = PlainWords(
            en=f"{lead}on average, {group_a.en} scored {amount.en} {higher} than {group_b.en}.",
            cy=f"{lead_cy}ar gyfartaledd, sgoriodd {group_a.cy} {amount.cy} {higher_cy} "
            f"{_joined_cy('na', group_b.cy)}.",
        )
    else:
        words = PlainWords(
            en=f"{lead}the middle score of {group_a.en} was {amount.en} {higher} than that of "
            f"{group_b.en}.",
            cy=f"{lead_cy}roedd sgôr canol {group_a.cy} {amount.cy} {higher_cy} na sgôr canol "
            f"{group_b.cy}.",
        )
    return _capital(words)


def describe_yes_no_change(result: YesNoChange) -> PlainWords:
    """A yes/no question asked twice: the shares answering yes, who switched, how sure."""
    everyone, share = people(result.n), percent(result.share_before)
    before = PlainWords(
        en=f'At the start, {result.yes_before} of {everyone.en} ({share}) answered "yes".',
        cy=f'Ar y dechrau, atebodd {result.yes_before} o\'r {everyone.cy} ({share}) "ie".',
    )
    after = PlainWords(
        en=f'Later, {result.yes_after} ({percent(result.share_after)}) answered "yes".',
        cy=f'Yn nes ymlaen, atebodd {result.yes_after} ({percent(result.share_after)}) "ie".',
    )
    switched = PlainWords(
        en=f'{result.no_to_yes} changed from "no" to "yes" and {result.yes_to_no} changed '
        'from "yes" to "no".',
        cy=f'Newidiodd {result.no_to_yes} o "na" i "ie", a newidiodd {result.yes_to_no} o '
        '"ie" i "na".',
    )
    ci = result.difference_ci
    return _optional(
        before,
        after,
        switched,
        sure_sentence(certainty(ci.low, ci.high)),
        likely_range(
            ci.low * 100,
            ci.high * 100,
            unit="in every 100 people",
            unit_cy="ym mhob 100 o bobl",
            places=0,
        ),
        small_group_note(result.n),
    )


def describe_loss_to_follow_up(
    result: LossToFollowUp, *, unit: Unit = POINTS, caution: bool = True
) -> PlainWords:
    """Who answered when, and whether the people who left started out different."""
    if result.answered_baseline == 0:
        start = PlainWords(en="Nobody answered at the start.", cy="Ni atebodd neb ar y dechrau.")
    else:
        count = people(result.answered_baseline)
        start = PlainWords(
            en=f"{count.en} answered at the start. {result.both} of them "
            f"({percent(1 - result.share_lost)}) answered again at the follow-up and "
            f"{result.baseline_only} did not.",
            cy=f"Atebodd {count.cy} ar y dechrau. Atebodd {result.both} ohonyn nhw "
            f"({percent(1 - result.share_lost)}) eto yn yr arolwg dilynol, ac ni atebodd "
            f"{result.baseline_only}.",
        )
    late = None
    if result.follow_up_only:
        count = people(result.follow_up_only)
        late = PlainWords(
            en=f"{count.en} answered only at the follow-up.",
            cy=f"Atebodd {count.cy} yn yr arolwg dilynol yn unig.",
        )
    if result.comparison is None:
        return _optional(start, late)
    comparison = describe_group_comparison(
        result.comparison,
        group_a=LEAVERS,
        group_b=STAYERS,
        unit=unit,
        when=PlainWords(en="At the start,", cy="Ar y dechrau,"),
        caution=caution,
    )
    caution = None
    ci = (
        result.comparison.mean_difference_ci
        if result.comparison.test is UnpairedTest.WELCH
        else result.comparison.share_a_higher_ci
    )
    null = 0.0 if result.comparison.test is UnpairedTest.WELCH else 0.5
    if certainty(ci.low, ci.high, null=null) is Certainty.CLEAR:
        caution = PlainWords(
            en="Because the people who left were different, the change for those who stayed "
            "may not hold for everyone.",
            cy="Gan fod y bobl a adawodd yn wahanol, efallai nad yw'r newid i'r rhai a "
            "arhosodd yn wir am bawb.",
        )
    return _optional(start, late, comparison, caution)


def describe_outcome(analysis: OutcomeAnalysis, *, unit: Unit = POINTS) -> PlainWords:
    """The whole story for one outcome: the change, reliable change, and who left.

    The small-group caution is said once, after the change itself, not after every part.
    """
    return join(
        describe_paired_change(
            analysis.paired, unit=unit, higher_is_better=analysis.higher_is_better
        ),
        describe_reliable_change(analysis.reliable, unit=unit, caution=False),
        describe_loss_to_follow_up(analysis.loss, unit=unit, caution=False),
    )
