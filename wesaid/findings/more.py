"""Words for pooled results, representation, service data before and after, agreement
between coders, consensus rounds, hidden small numbers and missing scores.

Category, group and item names come from the caller in the active language (``names`` maps a
stored name to its Welsh one when Welsh is active).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from django.utils.translation import ngettext, pgettext

from wesaid.analysis.agreement import CohenKappa, FleissKappa, Strength, strength
from wesaid.analysis.certainty import Certainty, has_no_width
from wesaid.analysis.consensus import ConsensusResult, ItemConsensus, Verdict
from wesaid.analysis.meta import FEW_PROJECTS, PoolResult
from wesaid.analysis.representation import RepresentationResult, UnderReason
from wesaid.analysis.scoring import NoScore, ScoreResult
from wesaid.analysis.suppression import MARKER, Reason, SuppressedCounts, SuppressedTable

from .words import (
    Wording,
    easy_small_group,
    fill,
    join,
    name_in,
    percent,
    signed,
    small_group,
    sure,
    whole,
)

#: Fewer coded items than this adds a caution to kappa.
FEW_ITEMS = 30
#: A Delphi group with fewer scores than this gets the "one person moves the percentages" note.
SMALL_PANEL = 10


# --- pooling --------------------------------------------------------------------------------


def describe_pool(
    result: PoolResult, *, unit: str = "", ratio: bool = False, places: int = 2
) -> Wording:
    """Pooled result across projects. With ``ratio=True`` the effects are log ratios and are
    put into words as ratios, where 1 means no difference. ``unit`` is translated already."""

    def convert(value: float) -> float:
        return math.exp(value) if ratio else value

    after = f" {unit}" if unit and not ratio else ""
    k = result.k
    estimate = signed(convert(result.estimate), places) + after
    low, high = (signed(convert(x), places) for x in result.ci)
    if ratio:
        first = ngettext(
            "Combining {k} project, the overall ratio was {estimate}.",
            "Combining {k} projects, the overall ratio was {estimate}.",
            k,
        )
    else:
        first = ngettext(
            "Combining {k} project, the overall result was {estimate}.",
            "Combining {k} projects, the overall result was {estimate}.",
            k,
        )
    parts = [
        fill(first, k=k, estimate=estimate),
        fill(
            pgettext("pooled", "The true average is likely to be between {low} and {high}."),
            low=low + after,
            high=high + after,
        ),
        sure(result.certainty),
    ]
    if result.method == "fixed":
        parts.append(pgettext("pooled", "This assumes every project had the same true effect."))
    elif k >= 2:
        parts.append(_spread(result.i2))
    if result.pi is not None:
        pi_low, pi_high = (signed(convert(x), places) for x in result.pi)
        parts.append(
            fill(
                pgettext(
                    "pooled",
                    "In a new project, the result could be anywhere between {low} and {high}.",
                ),
                low=pi_low + after,
                high=pi_high + after,
            )
        )
    if k < FEW_PROJECTS:
        parts.append(
            fill(
                ngettext(
                    "This rests on only {k} project, so the spread between projects is hard to "
                    "judge and the result is a rough guide.",
                    "This rests on only {k} projects, so the spread between projects is hard "
                    "to judge and the result is a rough guide.",
                    k,
                ),
                k=k,
            )
        )
    return Wording(text=join(parts))


def _spread(i2: float) -> str:
    share = percent(i2)
    if i2 < 0.4:
        template = pgettext(
            "pooled",
            "The projects' results are fairly similar to each other (I² {share}: the share of "
            "the spread between projects that is more than chance).",
        )
    elif i2 < 0.75:
        template = pgettext(
            "pooled",
            "The projects' results are somewhat different from each other (I² {share}: the "
            "share of the spread between projects that is more than chance).",
        )
    else:
        template = pgettext(
            "pooled",
            "The projects' results are very different from each other (I² {share}: the share "
            "of the spread between projects that is more than chance).",
        )
    return fill(template, share=share)


# --- representation -------------------------------------------------------------------------


def describe_representation(
    result: RepresentationResult, *, names: Mapping[str, str] | None = None
) -> Wording:
    """Who is missing or clearly fewer than the local population would suggest, and how sure
    we are that the mix as a whole differs (from the ratio intervals, see the analysis)."""
    parts: list[str | None] = [
        fill(
            ngettext(
                "This is based on {n} person who answered.",
                "This is based on {n} people who answered.",
                result.total,
            ),
            n=result.total,
        )
    ]
    if result.not_stated:
        parts.append(
            fill(
                ngettext(
                    "{n} person preferred not to say.",
                    "{n} people preferred not to say.",
                    result.not_stated,
                ),
                n=result.not_stated,
            )
        )
    fewer = [r for r in result.rows if r.under_reason is UnderReason.CLEARLY_FEWER]
    missing = [r for r in result.rows if r.under_reason is UnderReason.NONE_TAKING_PART]
    easy: list[str | None] = [
        fill(
            ngettext(
                "{n} person told us about themselves.",
                "{n} people told us about themselves.",
                result.total,
            ),
            n=result.total,
        )
    ]
    if fewer:
        listed = ", ".join(name_in(names, r.category) for r in fewer)
        parts.append(
            fill(
                pgettext(
                    "representation",
                    "Fewer people than expected took part from these groups: {groups}.",
                ),
                groups=listed,
            )
        )
        for r in fewer:
            parts.append(
                fill(
                    pgettext(
                        "representation",
                        "{group}: {share} of people taking part, compared with {population} of "
                        "the local population.",
                    ),
                    group=name_in(names, r.category),
                    share=percent(r.participant_share),
                    population=percent(r.population_share),
                )
            )
        easy.append(
            fill(
                pgettext("easy read", "We need more people from these groups: {groups}."),
                groups=listed,
            )
        )
    for r in missing:
        group = name_in(names, r.category)
        parts.append(
            fill(
                ngettext(
                    "No one from the {group} group took part, though we would expect about "
                    "{n} person.",
                    "No one from the {group} group took part, though we would expect about "
                    "{n} people.",
                    max(1, whole(r.expected)),
                ),
                group=group,
                n=max(1, whole(r.expected)),
            )
        )
        easy.append(
            fill(pgettext("easy read", "No one from the {group} group took part."), group=group)
        )
    if not fewer and not missing:
        parts.append(
            pgettext(
                "representation",
                "No group was clearly less common among the people taking part than in the "
                "local population.",
            )
        )
    if result.overall is Certainty.CLEAR:
        groups = ", ".join(name_in(names, r.category) for r in result.clearly_different)
        parts.append(
            fill(
                pgettext(
                    "representation",
                    "Overall, the mix of people taking part is clearly different from the local "
                    "population, even allowing for looking at every group at once. The groups "
                    "that differ most clearly are: {groups}.",
                ),
                groups=groups,
            )
        )
    else:
        parts.append(
            pgettext(
                "representation",
                "Overall, we cannot tell the mix of people taking part apart from the local "
                "population once we allow for looking at every group at once. That does not "
                "show the mix is the same: with few people, real gaps can be hidden.",
            )
        )
    parts.append(small_group(result.total))
    easy.append(easy_small_group(result.total))
    return Wording(text=join(parts), easy_read=join(easy))


# --- interrupted time series ----------------------------------------------------------------


def month_name(label: str) -> str:
    """ "March 2024" / "Mawrth 2024" from "2024-03"."""
    months = (
        pgettext("month", "January"),
        pgettext("month", "February"),
        pgettext("month", "March"),
        pgettext("month", "April"),
        pgettext("month", "May"),
        pgettext("month", "June"),
        pgettext("month", "July"),
        pgettext("month", "August"),
        pgettext("month", "September"),
        pgettext("month", "October"),
        pgettext("month", "November"),
        pgettext("month", "December"),
    )
    return f"{months[int(label[5:7]) - 1]} {int(label[:4])}"


# --- agreement ------------------------------------------------------------------------------


def strength_words(band: Strength) -> str:
    """Landis and Koch's band in words, after "agreement was"."""
    words = {
        Strength.POOR: pgettext("agreement was", "poor"),
        Strength.SLIGHT: pgettext("agreement was", "slight"),
        Strength.FAIR: pgettext("agreement was", "fair"),
        Strength.MODERATE: pgettext("agreement was", "moderate"),
        Strength.SUBSTANTIAL: pgettext("agreement was", "substantial"),
        Strength.ALMOST_PERFECT: pgettext("agreement was", "almost perfect"),
    }
    return words[band]


def describe_kappa(result: CohenKappa | FleissKappa, *, places: int = 2) -> Wording:
    """How far coders agreed, beyond chance, with a likely range and a small-numbers note."""
    if not isinstance(result, CohenKappa | FleissKappa):
        raise TypeError("describe_kappa needs a CohenKappa or FleissKappa result.")
    n = result.n_items
    if isinstance(result, CohenKappa):
        first = fill(
            ngettext(
                "The two people coding agreed on {agreed} of the {n} item ({share}).",
                "The two people coding agreed on {agreed} of the {n} items ({share}).",
                n,
            ),
            agreed=result.agreements,
            n=n,
            share=percent(result.observed_agreement),
        )
    else:
        first = fill(
            ngettext(
                "{raters} people coded each of the {n} item. On average, {share} of pairs of "
                "coders agreed on an item.",
                "{raters} people coded each of the {n} items. On average, {share} of pairs of "
                "coders agreed on an item.",
                n,
            ),
            raters=result.n_raters,
            n=n,
            share=percent(result.observed_agreement),
        )
    parts = [
        first,
        fill(
            pgettext(
                "agreement",
                "Allowing for agreement by chance, agreement was {strength} (kappa {kappa}; 1 "
                "means full agreement, 0 means no better than chance).",
            ),
            strength=strength_words(strength(result.kappa)),
            kappa=signed(result.kappa, places),
        ),
    ]
    few = n < FEW_ITEMS
    if result.ci is not None and has_no_width(*result.ci):
        # Full agreement gives a standard error of 0 and an interval "from 1 to 1": no
        # evidence of certainty, least of all from a handful of items. Never "fairly sure".
        full = result.observed_agreement >= 1 - 1e-12
        parts.append(_no_width_kappa(n, full=full, few=few))
        few = few and not full
    elif result.ci is None:
        parts.append(pgettext("agreement", "We cannot give a likely range for so few items."))
    else:
        parts.append(
            fill(
                pgettext("agreement", "The true kappa is likely to be between {low} and {high}."),
                low=signed(result.ci[0], places),
                high=signed(result.ci[1], places),
            )
        )
        if result.ci[0] > 0:
            parts.append(
                pgettext("agreement", "We can be fairly sure the agreement is better than chance.")
            )
        else:
            parts.append(
                pgettext("agreement", "We cannot be sure the agreement is better than chance.")
            )
    if few:
        parts.append(
            fill(
                ngettext(
                    "This rests on only {n} item, so treat it as a rough guide.",
                    "This rests on only {n} items, so treat it as a rough guide.",
                    n,
                ),
                n=n,
            )
        )
    return Wording(text=join(parts))


def _no_width_kappa(n: int, *, full: bool, few: bool) -> str:
    if not full:
        return pgettext("agreement", "We cannot give a likely range for kappa from these items.")
    if few:
        return fill(
            ngettext(
                "They agreed on the {n} item, but {n} item is too few to be sure they would "
                "agree as well on others.",
                "They agreed on all {n} items, but {n} items are too few to be sure they would "
                "agree as well on others.",
                n,
            ),
            n=n,
        )
    return fill(
        ngettext(
            "They agreed on the {n} item. When coders agree on everything, no likely range can "
            "be worked out for kappa, so we cannot say from it how sure to be.",
            "They agreed on all {n} items. When coders agree on everything, no likely range "
            "can be worked out for kappa, so we cannot say from it how sure to be.",
            n,
        ),
        n=n,
    )


# --- consensus ------------------------------------------------------------------------------


def describe_consensus(result: ConsensusResult) -> Wording:
    """A one-sentence summary of a Delphi round."""
    n = len(result.items)
    agreed_in = len(result.with_verdict(Verdict.IN))
    agreed_out = len(result.with_verdict(Verdict.OUT))
    open_items = len(result.with_verdict(Verdict.NONE))
    text = fill(
        ngettext(
            "Agreed as very important: {agreed_in} of {n} outcome. Agreed as not important: "
            "{agreed_out}. No agreement yet: {open}.",
            "Agreed as very important: {agreed_in} of {n} outcomes. Agreed as not important: "
            "{agreed_out}. No agreement yet: {open}.",
            n,
        ),
        agreed_in=agreed_in,
        n=n,
        agreed_out=agreed_out,
        open=open_items,
    )
    easy = fill(
        ngettext(
            "We agreed {agreed_in} thing is very important. We have not agreed on {open} yet.",
            "We agreed {agreed_in} things are very important. We have not agreed on {open} yet.",
            agreed_in,
        ),
        agreed_in=agreed_in,
        open=open_items,
    )
    return Wording(text=text, easy_read=easy)


def describe_item(
    item: ItemConsensus, *, every_group: bool = True, names: Mapping[str, str] | None = None
) -> Wording:
    """One item's verdict and each group's scores, for feedback in the next round."""
    name = name_in(names, item.item)
    if item.verdict is Verdict.IN:
        verdict = fill(
            pgettext("consensus", "{item}: every group agreed it is very important.")
            if every_group
            else pgettext("consensus", "{item}: agreed as very important."),
            item=name,
        )
    elif item.verdict is Verdict.OUT:
        verdict = fill(
            pgettext("consensus", "{item}: every group agreed it is not important.")
            if every_group
            else pgettext("consensus", "{item}: agreed as not important."),
            item=name,
        )
    else:
        verdict = fill(pgettext("consensus", "{item}: no agreement yet."), item=name)
    parts = [verdict]
    for group in item.groups:
        group_name = name_in(names, group.group)
        if group.n_rated == 0:
            parts.append(fill(pgettext("consensus", "{group}: no scores yet."), group=group_name))
            continue
        parts.append(
            fill(
                ngettext(
                    "{group}: of {n} person, {high} scored it 7 to 9 and {low} scored it 1 to 3.",
                    "{group}: of {n} people, {high} scored it 7 to 9 and {low} scored it 1 to 3.",
                    group.n_rated,
                ),
                group=group_name,
                n=group.n_rated,
                high=percent(group.share_critical or 0.0),
                low=percent(group.share_not_important or 0.0),
            )
        )
    dont_know = sum(g.dont_know for g in item.groups)
    if dont_know:
        parts.append(
            fill(
                ngettext(
                    "{n} person said they did not know.",
                    "{n} people said they did not know.",
                    dont_know,
                ),
                n=dont_know,
            )
        )
    if any(0 < g.n_rated < SMALL_PANEL for g in item.groups):
        parts.append(
            pgettext(
                "consensus",
                "Some groups are small, so one person's score changes the percentages a lot.",
            )
        )
    return Wording(text=join(parts))


# --- suppression and missing scores -----------------------------------------------------------


def describe_suppression(
    result: SuppressedCounts | SuppressedTable, *, marker: str = MARKER
) -> Wording | None:
    """The note under a table with hidden numbers; ``None`` when nothing is hidden."""
    if isinstance(result, SuppressedCounts):
        reasons = [*result.reasons, result.total_reason]
    elif isinstance(result, SuppressedTable):
        reasons = [r for row in result.reasons for r in row]
    else:
        raise TypeError("describe_suppression needs a suppression result.")
    if not result.any_hidden:
        return None
    if Reason.SECONDARY in reasons:
        template = pgettext(
            "hidden numbers",
            "Some numbers are hidden (shown as {marker}) because they are under {threshold}, or "
            "because they could be worked out from the totals. This protects people's privacy.",
        )
    else:
        template = pgettext(
            "hidden numbers",
            "Some numbers are hidden (shown as {marker}) because they are under {threshold}. "
            "This protects people's privacy.",
        )
    text = fill(template, marker=marker, threshold=result.threshold)
    easy = pgettext(
        "easy read",
        "Some numbers are hidden. They are small. Small numbers could show who someone is.",
    )
    return Wording(text=text, easy_read=easy)


def no_score(result: ScoreResult) -> str | None:
    """Why a person has no score at a wave; ``None`` when they have one."""
    if result.reason is None:
        return None
    if result.reason is NoScore.NO_ANSWERS:
        return pgettext("no score", "No answers were given, so there is no score.")
    return fill(
        ngettext(
            "{missing} of {items} answers are missing; a score needs at most {allowed} missing.",
            "{missing} of {items} answers are missing; a score needs at most {allowed} missing.",
            result.items_missing,
        ),
        missing=result.items_missing,
        items=result.items_answered + result.items_missing,
        allowed=result.max_missing,
    )
