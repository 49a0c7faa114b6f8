"""Plain words, in English and Welsh, for pooling, representation, time series, agreement,
consensus and suppression results.

Each function follows the rules in plain.py: how big, how many, how sure (from the confidence
interval, never a p-value alone) and a caution when the numbers are small. Category, group
and item names come from the caller; pass ``names_cy`` to show Welsh names in Welsh text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from . import plain
from .agreement import CohenKappa, FleissKappa, strength
from .consensus import ConsensusResult, ItemConsensus, Verdict
from .errors import AnalysisInputError
from .its import ItsResult
from .meta import PoolResult
from .plain import Certainty, PlainWords, certainty, join, number, percent
from .representation import RepresentationResult
from .suppression import MARKER, Reason, SuppressedCounts, SuppressedTable

#: Fewer projects than this makes the spread between projects hard to judge.
FEW_PROJECTS = 5
#: Fewer coded items than this adds a caution to kappa.
FEW_ITEMS = 30
#: A Delphi group with fewer scores than this gets the "one person moves the percentages" note.
SMALL_PANEL = 10

MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_CY = (
    "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
    "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr",
)  # fmt: skip


def _cy(name: str, names_cy: Mapping[str, str] | None) -> str:
    return (names_cy or {}).get(name, name)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# --- pooling --------------------------------------------------------------------------------


def describe_pool(
    result: PoolResult, *, unit: str = "", unit_cy: str = "", ratio: bool = False, places: int = 2
) -> PlainWords:
    """Pooled result across projects. With ``ratio=True`` the effects are log ratios (e.g.
    log risk ratios) and are put into words as ratios, where 1 means no difference."""
    convert = math.exp if ratio else (lambda x: x)
    en_unit = f" {unit}" if unit and not ratio else ""
    cy_unit = f" {unit_cy or unit}" if unit and not ratio else ""
    k = result.k
    est = number(convert(result.estimate), places)
    low, high = (number(convert(x), places) for x in result.ci)
    parts = [
        PlainWords(
            en=f"Combining {_plural(k, 'project', 'projects')}, the overall "
            f"{'ratio' if ratio else 'result'} was {est}{en_unit}.",
            cy=f"O gyfuno {k} prosiect, "
            f"{'y gymhareb gyffredinol' if ratio else 'y canlyniad cyffredinol'} "
            f"oedd {est}{cy_unit}.",
        ),
        PlainWords(
            en=f"The true average is likely to be between {low} and {high}{en_unit}.",
            cy=f"Mae'r cyfartaledd go iawn yn debygol o fod rhwng {low} a {high}{cy_unit}.",
        ),
        plain.sure_sentence(certainty(*result.ci)),
    ]
    if result.method == "fixed":
        parts.append(
            PlainWords(
                en="This assumes every project had the same true effect.",
                cy="Mae hyn yn cymryd bod gan bob prosiect yr un effaith go iawn.",
            )
        )
    elif k >= 2:
        parts.append(_spread_sentence(result.i2))
    if result.pi is not None:
        pi_low, pi_high = (number(convert(x), places) for x in result.pi)
        parts.append(
            PlainWords(
                en=f"In a new project, the result could be anywhere between {pi_low} and "
                f"{pi_high}{en_unit}.",
                cy=f"Mewn prosiect newydd, gallai'r canlyniad fod unrhyw le rhwng {pi_low} a "
                f"{pi_high}{cy_unit}.",
            )
        )
    if k < FEW_PROJECTS:
        parts.append(
            PlainWords(
                en=f"This rests on only {_plural(k, 'project', 'projects')}, so the spread "
                "between projects is hard to judge.",
                cy=f"Dim ond {k} prosiect sydd y tu ôl i hyn, felly mae'n anodd barnu'r "
                "amrywiad rhwng prosiectau.",
            )
        )
    return join(*parts)


def _spread_sentence(i2: float) -> PlainWords:
    share = percent(i2)
    note_en = f"(I² {share}: the share of the spread between projects that is more than chance)"
    note_cy = f"(I² {share}: y gyfran o'r amrywiad rhwng prosiectau sy'n fwy na siawns)"
    if i2 < 0.4:
        en, cy = "fairly similar to each other", "yn weddol debyg i'w gilydd"
    elif i2 < 0.75:
        en, cy = "somewhat different from each other", "yn wahanol i'w gilydd i ryw raddau"
    else:
        en, cy = "very different from each other", "yn wahanol iawn i'w gilydd"
    return PlainWords(
        en=f"The projects' results are {en} {note_en}.",
        cy=f"Mae canlyniadau'r prosiectau {cy} {note_cy}.",
    )


# --- representation -------------------------------------------------------------------------


def describe_representation(
    result: RepresentationResult, *, names_cy: Mapping[str, str] | None = None
) -> PlainWords:
    """Who is missing or clearly fewer than the local population would suggest."""
    answered = plain.people(result.total)
    parts = [
        PlainWords(
            en=f"This is based on {answered.en} who answered.",
            cy=f"Mae hyn yn seiliedig ar {answered.cy} a atebodd.",
        )
    ]
    if result.not_stated:
        declined = plain.people(result.not_stated)
        parts.append(
            PlainWords(
                en=f"{declined.en[0].upper()}{declined.en[1:]} preferred not to say.",
                cy=f"Roedd yn well gan {declined.cy} beidio â dweud.",
            )
        )
    fewer = [r for r in result.rows if r.under_reason == "clearly fewer"]
    missing = [r for r in result.rows if r.under_reason == "none taking part"]
    if fewer:
        parts.append(
            PlainWords(
                en="Fewer people than expected took part from these groups: "
                + ", ".join(r.category for r in fewer)
                + ".",
                cy="Cymerodd llai o bobl na'r disgwyl ran o'r grwpiau hyn: "
                + ", ".join(_cy(r.category, names_cy) for r in fewer)
                + ".",
            )
        )
        for r in fewer:
            parts.append(
                PlainWords(
                    en=f"{r.category}: {percent(r.participant_share)} of people taking part, "
                    f"compared with {percent(r.population_share)} of the local population.",
                    cy=f"{_cy(r.category, names_cy)}: {percent(r.participant_share)} o'r bobl "
                    f"sy'n cymryd rhan, o'i gymharu â {percent(r.population_share)} o'r "
                    "boblogaeth leol.",
                )
            )
    for r in missing:
        expected = plain.people(max(1, round(r.expected)))
        parts.append(
            PlainWords(
                en=f"No one from the {r.category} group took part, though we would expect "
                f"about {expected.en}.",
                cy=f"Ni chymerodd neb o'r grŵp {_cy(r.category, names_cy)} ran, er y byddem "
                f"yn disgwyl tua {expected.cy}.",
            )
        )
    if not fewer and not missing:
        parts.append(
            PlainWords(
                en="No group was clearly less common among the people taking part than in "
                "the local population.",
                cy="Nid oedd unrhyw grŵp yn amlwg yn llai cyffredin ymhlith y bobl sy'n "
                "cymryd rhan nag yn y boblogaeth leol.",
            )
        )
    if result.gof.p_value < 1 - result.level:
        parts.append(
            PlainWords(
                en="Overall, the mix of people taking part is clearly different from the "
                "local population.",
                cy="At ei gilydd, mae'r cymysgedd o bobl sy'n cymryd rhan yn amlwg yn wahanol "
                "i'r boblogaeth leol.",
            )
        )
    else:
        parts.append(
            PlainWords(
                en="Overall, we cannot tell the mix of people taking part apart from the "
                "local population.",
                cy="At ei gilydd, allwn ni ddim dweud bod y cymysgedd o bobl sy'n cymryd rhan "
                "yn wahanol i'r boblogaeth leol.",
            )
        )
    note = plain.small_group_note(result.total)
    if note:
        parts.append(note)
    return join(*parts)


# --- interrupted time series ----------------------------------------------------------------


def _month_words(label: str) -> tuple[str, str]:
    year, month = int(label[:4]), int(label[5:7])
    return f"{MONTHS_EN[month - 1]} {year}", f"{MONTHS_CY[month - 1]} {year}"


def _direction(value: float) -> tuple[str, str]:
    return ("higher", "yn uwch") if value >= 0 else ("lower", "yn is")


def _rounds_to_zero(value: float, places: int) -> bool:
    return number(abs(value), places) == "0"


def _signed(value: float, places: int, per_en: str = "", per_cy: str = "") -> tuple[str, str]:
    """``"5.1 lower"`` / ``"5.1 yn is"``: a change in words, never a bare minus sign; a change
    that rounds to nothing is ``"about the same"`` / ``"tua'r un fath"``."""
    if _rounds_to_zero(value, places):
        return "about the same", "tua'r un fath"
    en, cy = _direction(value)
    amount = number(abs(value), places)
    return f"{amount}{per_en} {en}", f"{amount}{per_cy} {cy}"


def _than(value: float, places: int) -> tuple[str, str, str]:
    """The word after :func:`_signed`: English "than"/"as", Welsh before "'r" and before "o"."""
    if _rounds_to_zero(value, places):
        return "as", "â'r", "ag"
    return "than", "na'r", "nag"


def _range(low: float, high: float, places: int, *, scale: float = 1.0) -> tuple[str, str]:
    """``"(likely between 5.1 and 6.3 lower)"``, or ``"(likely between 0.1 lower and 0.3
    higher)"`` when the interval crosses zero. An interval with no width (figures exactly on
    straight lines) gives no range."""
    if _rounds_to_zero(low, places) and _rounds_to_zero(high, places):
        return "(likely close to 0)", "(yn debygol o fod yn agos at 0)"
    if plain.has_no_width(low, high, scale=scale):
        return "(no range can be worked out)", "(does dim modd cyfrifo ystod)"
    if (low >= 0) == (high >= 0):
        en, cy = _direction(low)
        near, far = sorted((abs(low), abs(high)))
        return (
            f"(likely between {number(near, places)} and {number(far, places)} {en})",
            f"(yn debygol o fod rhwng {number(near, places)} a {number(far, places)} {cy})",
        )
    ends = [("0", "0") if _rounds_to_zero(x, places) else _signed(x, places) for x in (low, high)]
    return (
        f"(likely between {ends[0][0]} and {ends[1][0]})",
        f"(yn debygol o fod rhwng {ends[0][1]} a {ends[1][1]})",
    )


def _sure(
    thing_en: str, thing_cy: str, ci: tuple[float, float], *, scale: float = 1.0
) -> PlainWords:
    if plain.has_no_width(*ci, scale=scale):
        # A standard error of zero: the figures lie exactly on the fitted lines. That is not
        # certainty (real monthly figures always go up and down), so never "fairly sure".
        return PlainWords(
            en="The monthly figures lie exactly on straight lines, with none of the usual ups "
            f"and downs, so we cannot say how sure to be about {thing_en}.",
            cy="Mae'r ffigurau misol yn union ar linellau syth, heb yr amrywio arferol, felly "
            f"allwn ni ddim dweud pa mor siŵr y gallwn fod am {thing_cy}.",
        )
    if certainty(*ci) is Certainty.CLEAR:
        return PlainWords(
            en=f"We can be fairly sure {thing_en} is real, not chance.",
            cy=f"Gallwn fod yn weddol siŵr bod {thing_cy} yn un go iawn, nid siawns.",
        )
    return PlainWords(
        en=f"We cannot be sure {thing_en} is real: it could be chance.",
        cy=f"Allwn ni ddim bod yn siŵr bod {thing_cy} yn un go iawn: gallai fod yn siawns.",
    )


def describe_its(result: ItsResult, *, places: int = 1, min_points: int = 8) -> PlainWords:
    """The change in level and in trend from the change month, with how sure we can be."""
    when_en, when_cy = _month_words(result.change_at)
    per_en = f" per {result.rate_per:,.0f}" if result.rate_per else ""
    per_cy = f" i bob {result.rate_per:,.0f}" if result.rate_per else ""
    level = result.level_change
    trend = result.trend_change
    level_en, level_cy = _signed(level.estimate, places, per_en, per_cy)
    trend_en, trend_cy = _signed(trend.estimate, places, per_en + " a month", per_cy + " y mis")
    level_than = _than(level.estimate, places)
    trend_than = _than(trend.estimate, places)
    # The size of the figures, so that floating-point noise in an interval is not read as width.
    scale = max(
        abs(v) for v in (*result.values, *(result.comparison.values if result.comparison else ()))
    )
    level_range = _range(*level.ci, places, scale=scale)
    trend_range = _range(*trend.ci, places, scale=scale)
    parts = [
        PlainWords(
            en=f"This uses {_plural(result.n_before, 'month', 'months')} before the change in "
            f"{when_en} and {_plural(result.n_after, 'month', 'months')} from then on.",
            cy=f"Mae hyn yn defnyddio {result.n_before} mis cyn y newid ym mis {when_cy} a "
            f"{result.n_after} mis o hynny ymlaen.",
        ),
        PlainWords(
            en=f"Straight after the change, the monthly figure was {level_en} {level_than[0]} "
            f"the earlier trend suggested {level_range[0]}.",
            cy=f"Yn syth ar ôl y newid, roedd y ffigur misol {level_cy} {level_than[1]} hyn yr "
            f"oedd y duedd flaenorol yn ei awgrymu {level_range[1]}.",
        ),
        _sure("this change in level", "y newid hwn yn y lefel", level.ci, scale=scale),
        PlainWords(
            en=f"After the change, the trend was {trend_en} {trend_than[0]} before "
            f"{trend_range[0]}.",
            cy=f"Ar ôl y newid, roedd y duedd {trend_cy} {trend_than[2]} o'r blaen "
            f"{trend_range[1]}.",
        ),
        _sure("this change in trend", "y newid hwn yn y duedd", trend.ci, scale=scale),
    ]
    if result.comparison is not None:
        d_level = result.comparison.difference_in_level
        d_trend = result.comparison.difference_in_trend
        dl_en, dl_cy = _signed(d_level.estimate, places)
        dt_en, dt_cy = _signed(d_trend.estimate, places, " a month", " y mis")
        dl_range = _range(*d_level.ci, places, scale=scale)
        dt_range = _range(*d_trend.ci, places, scale=scale)
        parts.append(
            PlainWords(
                en=f"Compared with the comparison series, the change in level was {dl_en} "
                f"{dl_range[0]} and the change in trend {dt_en} {dt_range[0]}.",
                cy=f"O'i gymharu â'r gyfres gymharu, roedd y newid yn y lefel {dl_cy} "
                f"{dl_range[1]} ac roedd y newid yn y duedd {dt_cy} {dt_range[1]}.",
            )
        )
    if min(result.n_before, result.n_after) < min_points:
        parts.append(
            PlainWords(
                en="That is a short series, so treat the result as a rough guide.",
                cy="Mae honno'n gyfres fer, felly cymerwch y canlyniad fel arweiniad bras.",
            )
        )
    return join(*parts)


# --- agreement ------------------------------------------------------------------------------


def describe_kappa(result: CohenKappa | FleissKappa, *, places: int = 2) -> PlainWords:
    """How far coders agreed, beyond chance, with a likely range and a small-numbers note."""
    if not isinstance(result, CohenKappa | FleissKappa):
        raise AnalysisInputError("describe_kappa needs a CohenKappa or FleissKappa result.")
    n = result.n_items
    if isinstance(result, CohenKappa):
        first = PlainWords(
            en=f"The two people coding agreed on {result.agreements} of the "
            f"{_plural(n, 'item', 'items')} ({percent(result.observed_agreement)}).",
            cy=f"Cytunodd y ddau berson a fu'n codio ar {result.agreements} o'r {n} eitem "
            f"({percent(result.observed_agreement)}).",
        )
    else:
        first = PlainWords(
            en=f"{result.n_raters} people coded each of the {_plural(n, 'item', 'items')}. "
            f"On average, {percent(result.observed_agreement)} of pairs of coders agreed on "
            "an item.",
            cy=f"Codiodd {result.n_raters} o bobl bob un o'r {n} eitem. Ar gyfartaledd, "
            f"cytunodd {percent(result.observed_agreement)} o'r parau o godwyr ar eitem.",
        )
    word_en, word_cy = strength(result.kappa)
    kappa = number(result.kappa, places)
    parts = [
        first,
        PlainWords(
            en=f"Allowing for agreement by chance, agreement was {word_en} (kappa {kappa}; "
            "1 means full agreement, 0 means no better than chance).",
            cy=f"O ystyried cytuno drwy siawns, roedd y cytundeb {word_cy} (kappa {kappa}; "
            "mae 1 yn golygu cytuno'n llwyr, mae 0 yn golygu dim gwell na siawns).",
        ),
    ]
    few = n < FEW_ITEMS
    if result.ci is not None and plain.has_no_width(*result.ci):
        # Full agreement gives a standard error of 0 and an interval "from 1 to 1". That is no
        # evidence of certainty, least of all from a handful of items: never "fairly sure".
        full = result.observed_agreement >= 1 - 1e-12
        parts.append(_no_width_kappa(n, full=full, few=few))
        few = few and not full  # with full agreement the sentence says the items are too few
    elif result.ci is None:
        parts.append(
            PlainWords(
                en="We cannot give a likely range for so few items.",
                cy="Allwn ni ddim rhoi ystod debygol ar gyfer cyn lleied o eitemau.",
            )
        )
    else:
        low, high = (plain.signed_words(x, places) for x in result.ci)
        parts.append(
            PlainWords(
                en=f"The true kappa is likely to be between {low.en} and {high.en}.",
                cy=f"Mae'r kappa go iawn yn debygol o fod rhwng {low.cy} a {high.cy}.",
            )
        )
        if result.ci[0] > 0:
            parts.append(
                PlainWords(
                    en="We can be fairly sure the agreement is better than chance.",
                    cy="Gallwn fod yn weddol siŵr bod y cytundeb yn well na siawns.",
                )
            )
        else:
            parts.append(
                PlainWords(
                    en="We cannot be sure the agreement is better than chance.",
                    cy="Allwn ni ddim bod yn siŵr bod y cytundeb yn well na siawns.",
                )
            )
    if few:
        parts.append(
            PlainWords(
                en=f"This rests on only {_plural(n, 'item', 'items')}, so treat it as a rough "
                "guide.",
                cy=f"Dim ond {n} eitem sydd y tu ôl i hyn, felly cymerwch ef fel arweiniad bras.",
            )
        )
    return join(*parts)


def _no_width_kappa(n: int, *, full: bool, few: bool) -> PlainWords:
    """What to say instead of "likely between 1 and 1" and "fairly sure"."""
    if not full:
        return PlainWords(
            en="We cannot give a likely range for kappa from these items.",
            cy="Allwn ni ddim rhoi ystod debygol ar gyfer kappa o'r eitemau hyn.",
        )
    every_en = f"all {n} items" if n != 1 else "the 1 item"
    every_cy = f"bob un o'r {n} eitem" if n != 1 else "yr 1 eitem"
    if few:
        return PlainWords(
            en=f"They agreed on {every_en}, but {_plural(n, 'item is', 'items are')} too few "
            "to be sure they would agree as well on others.",
            cy=f"Cytunon nhw ar {every_cy}, ond mae {n} eitem yn rhy ychydig i fod yn siŵr y "
            "bydden nhw'n cytuno cystal ar eraill.",
        )
    return PlainWords(
        en=f"They agreed on {every_en}. When coders agree on everything, no likely range can "
        "be worked out for kappa, so we cannot say from it how sure to be.",
        cy=f"Cytunon nhw ar {every_cy}. Pan fydd codwyr yn cytuno ar bopeth, does dim modd "
        "cyfrifo ystod debygol ar gyfer kappa, felly allwn ni ddim dweud ohono pa mor siŵr y "
        "gallwn fod.",
    )


# --- consensus ------------------------------------------------------------------------------


def describe_consensus(result: ConsensusResult) -> PlainWords:
    """A one-sentence summary of a Delphi round."""
    n = len(result.items)
    agreed_in = len(result.with_verdict(Verdict.IN))
    agreed_out = len(result.with_verdict(Verdict.OUT))
    open_items = len(result.with_verdict(Verdict.NONE))
    return PlainWords(
        en=f"Agreed as critical: {agreed_in} of {_plural(n, 'outcome', 'outcomes')}. "
        f"Agreed as not important: {agreed_out}. No agreement yet: {open_items}.",
        cy=f"Cytunwyd eu bod yn hanfodol: {agreed_in} o'r {n} canlyniad. "
        f"Cytunwyd nad oeddent yn bwysig: {agreed_out}. Dim cytundeb eto: {open_items}.",
    )


def describe_item(
    item: ItemConsensus, *, every_group: bool = True, names_cy: Mapping[str, str] | None = None
) -> PlainWords:
    """One item's verdict and each group's scores, for feedback in the next round."""
    name_cy = _cy(item.item, names_cy)
    where_en = " by every group" if every_group else ""
    where_cy = " ym mhob grŵp" if every_group else ""
    if item.verdict is Verdict.IN:
        verdict = PlainWords(
            en=f"{item.item}: agreed as critical{where_en}.",
            cy=f"{name_cy}: cytunwyd ei fod yn hanfodol{where_cy}.",
        )
    elif item.verdict is Verdict.OUT:
        verdict = PlainWords(
            en=f"{item.item}: agreed as not important{where_en}.",
            cy=f"{name_cy}: cytunwyd nad yw'n bwysig{where_cy}.",
        )
    else:
        verdict = PlainWords(
            en=f"{item.item}: no agreement yet.", cy=f"{name_cy}: dim cytundeb eto."
        )
    parts = [verdict]
    for group in item.groups:
        group_cy = _cy(group.group, names_cy)
        if group.n_rated == 0:
            parts.append(
                PlainWords(en=f"{group.group}: no scores yet.", cy=f"{group_cy}: dim sgorau eto.")
            )
            continue
        who = plain.people(group.n_rated)
        critical = percent(group.share_critical or 0.0)
        low = percent(group.share_not_important or 0.0)
        parts.append(
            PlainWords(
                en=f"{group.group}: of {who.en}, {critical} scored it 7 to 9 and {low} scored "
                "it 1 to 3.",
                cy=f"{group_cy}: o blith {who.cy}, rhoddodd {critical} sgôr o 7 i 9 iddo a "
                f"{low} sgôr o 1 i 3.",
            )
        )
    dont_know = sum(g.dont_know for g in item.groups)
    if dont_know:
        who = plain.people(dont_know)
        parts.append(
            PlainWords(
                en=f"{who.en[0].upper()}{who.en[1:]} said they did not know.",
                cy=f"Dywedodd {who.cy} nad oedd yn gwybod."
                if dont_know == 1
                else f"Dywedodd {who.cy} nad oedden nhw'n gwybod.",
            )
        )
    if any(0 < g.n_rated < SMALL_PANEL for g in item.groups):
        parts.append(
            PlainWords(
                en="Some groups are small, so one person's score changes the percentages a lot.",
                cy="Mae rhai grwpiau'n fach, felly mae sgôr un person yn newid y canrannau'n fawr.",
            )
        )
    return join(*parts)


# --- suppression ----------------------------------------------------------------------------


def describe_suppression(
    result: SuppressedCounts | SuppressedTable, *, marker: str = MARKER
) -> PlainWords | None:
    """The note under a table with hidden numbers; ``None`` when nothing is hidden."""
    if isinstance(result, SuppressedCounts):
        reasons = [*result.reasons, result.total_reason]
    elif isinstance(result, SuppressedTable):
        reasons = [r for row in result.reasons for r in row]
    else:
        raise AnalysisInputError("describe_suppression needs a suppression result.")
    if not result.any_hidden:
        return None
    secondary = Reason.SECONDARY in reasons
    because_en = f"because they are under {result.threshold}"
    because_cy = f"am eu bod o dan {result.threshold}"
    if secondary:
        because_en += ", or because they could be worked out from the totals"
        because_cy += ", neu am y gellid eu cyfrifo o'r cyfansymiau"
    return PlainWords(
        en=f"Some numbers are hidden (shown as {marker}) {because_en}. This protects people's "
        "privacy.",
        cy=f"Mae rhai rhifau wedi'u cuddio (dangosir fel {marker}) {because_cy}. Mae hyn yn "
        "diogelu preifatrwydd pobl.",
    )
