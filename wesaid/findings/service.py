"""Words for service data before and after a change (interrupted time series).

The rules (docs/statistics.md, "Plain words" and "Service data: interrupted time series"): say
how many months the result rests on and when the change was; say how big the step and the
change in trend were, in the figure's units, with the likely range; say how sure from each
estimate's ``certainty``, which is UNCLEAR whenever simulation shows intervals like these cover
less than they claim (``ItsCaution.INTERVALS_UNTRUSTED``), and then say why; a short series
is a rough guide; figures exactly on straight lines give no range, not certainty.
"""

from __future__ import annotations

from django.utils.translation import ngettext, pgettext

from wesaid.analysis.certainty import Certainty
from wesaid.analysis.its import Estimate, ItsCaution, ItsResult

from .more import month_name
from .words import Wording, easy_sure, fill, join, number, rounds_to_zero, signed


def _range(estimate: Estimate, places: int) -> str:
    """ "(likely between 5.1 and 6.3 lower)", "(likely between 0.2 lower and 1.4 higher)",
    "(likely close to 0)" or, with no width, "(no range can be worked out)"."""
    if estimate.certainty is Certainty.NO_WIDTH:
        return pgettext("service data", "(no range can be worked out)")
    low, high = estimate.ci
    if rounds_to_zero(low, places) and rounds_to_zero(high, places):
        return pgettext("service data", "(likely close to 0)")
    if low > 0:
        return fill(
            pgettext("service data", "(likely between {near} and {far} higher)"),
            near=signed(low, places),
            far=signed(high, places),
        )
    if high < 0:
        return fill(
            pgettext("service data", "(likely between {near} and {far} lower)"),
            near=signed(-high, places),
            far=signed(-low, places),
        )
    return fill(
        pgettext("service data", "(likely between {low} lower and {high} higher)"),
        low=signed(-low, places),
        high=signed(high, places),
    )


def _amount(value: float, unit: str, places: int) -> str:
    text = signed(abs(value), places)
    return f"{text} {unit}" if unit else text


def _per(result: ItsResult) -> str:
    if result.rate_per is None:
        return ""
    return fill(pgettext("service data", " per {per}"), per=number(result.rate_per, 0))


def _level(result: ItsResult, unit: str, places: int) -> str:
    estimate = result.level_change
    values = {"range": _range(estimate, places)}
    if rounds_to_zero(estimate.estimate, places):
        template = pgettext(
            "service data",
            "Straight after the change, the monthly figure was about the same as the earlier "
            "trend suggested {range}.",
        )
        return fill(template, **values)
    if estimate.estimate > 0:
        template = pgettext(
            "service data",
            "Straight after the change, the monthly figure was {amount}{per} higher than the "
            "earlier trend suggested {range}.",
        )
    else:
        template = pgettext(
            "service data",
            "Straight after the change, the monthly figure was {amount}{per} lower than the "
            "earlier trend suggested {range}.",
        )
    return fill(
        template, amount=_amount(estimate.estimate, unit, places), per=_per(result), **values
    )


def _trend(result: ItsResult, unit: str, places: int) -> str:
    estimate = result.trend_change
    values = {"range": _range(estimate, places)}
    if rounds_to_zero(estimate.estimate, places):
        template = pgettext(
            "service data", "After the change, the trend was about the same as before {range}."
        )
        return fill(template, **values)
    if estimate.estimate > 0:
        template = pgettext(
            "service data",
            "After the change, the trend was {amount}{per} a month higher than before {range}.",
        )
    else:
        template = pgettext(
            "service data",
            "After the change, the trend was {amount}{per} a month lower than before {range}.",
        )
    return fill(
        template, amount=_amount(estimate.estimate, unit, places), per=_per(result), **values
    )


def _sure_level(certainty: Certainty) -> str | None:
    if certainty is Certainty.CLEAR:
        return pgettext(
            "service data", "We can be fairly sure this change in level is real, not chance."
        )
    if certainty is Certainty.UNCLEAR:
        return pgettext(
            "service data", "We cannot be sure this change in level is real: it could be chance."
        )
    return None  # no width: said once for the whole series


def _sure_trend(certainty: Certainty) -> str | None:
    if certainty is Certainty.CLEAR:
        return pgettext(
            "service data", "We can be fairly sure this change in trend is real, not chance."
        )
    if certainty is Certainty.UNCLEAR:
        return pgettext(
            "service data", "We cannot be sure this change in trend is real: it could be chance."
        )
    return None


def _sure_difference(level: Certainty, trend: Certainty) -> str | None:
    if Certainty.CLEAR in (level, trend):
        return pgettext(
            "service data",
            "We can be fairly sure the change here differs from the comparison series, not by chance.",
        )
    if Certainty.UNCLEAR in (level, trend):
        return pgettext(
            "service data",
            "We cannot be sure the change here differs from the comparison series: it could be chance.",
        )
    return None


def _difference(estimate: Estimate, unit: str, places: int) -> str:
    if rounds_to_zero(estimate.estimate, places):
        return pgettext("service data", "about the same")
    amount = _amount(estimate.estimate, unit, places)
    if estimate.estimate > 0:
        return fill(pgettext("service data", "{amount} higher"), amount=amount)
    return fill(pgettext("service data", "{amount} lower"), amount=amount)


def _months_used(result: ItsResult) -> str:
    template = ngettext(
        "This uses {before} month before the change in {month} and {after} months from then on.",
        "This uses {before} months before the change in {month} and {after} months from then on.",
        result.n_before,
    )
    return fill(
        template, before=result.n_before, month=month_name(result.change_at), after=result.n_after
    )


def _untrusted(result: ItsResult) -> bool:
    comparison = result.comparison
    return not result.intervals_trustworthy or (
        comparison is not None and not comparison.intervals_trustworthy
    )


def describe_its(result: ItsResult, *, unit: str = "", places: int = 1) -> Wording:
    """A segmented regression in words: months used, the step straight after the change and
    the change in trend with likely ranges, how sure, the comparison series, and cautions.
    ``unit`` (already translated) follows each amount, such as "referrals"."""
    exact = result.exact
    parts: list[str | None] = [
        _months_used(result),
        _level(result, unit, places),
        _sure_level(result.level_change.certainty),
        _trend(result, unit, places),
        _sure_trend(result.trend_change.certainty),
    ]
    comparison = result.comparison
    if comparison is not None:
        parts.append(
            fill(
                pgettext(
                    "service data",
                    "Compared with the comparison series, the change in level was {level} "
                    "{level_range} and the change in trend {trend} a month {trend_range}.",
                ),
                level=_difference(comparison.difference_in_level, unit, places),
                level_range=_range(comparison.difference_in_level, places),
                trend=_difference(comparison.difference_in_trend, unit, places),
                trend_range=_range(comparison.difference_in_trend, places),
            )
        )
        parts.append(
            _sure_difference(
                comparison.difference_in_level.certainty, comparison.difference_in_trend.certainty
            )
        )
        exact = exact or (
            comparison.difference_in_level.certainty is Certainty.NO_WIDTH
            and comparison.difference_in_trend.certainty is Certainty.NO_WIDTH
        )
    if exact:
        parts.append(
            pgettext(
                "service data",
                "The monthly figures lie exactly on straight lines, with none of the usual ups "
                "and downs, so we cannot say how sure to be.",
            )
        )
    if _untrusted(result) and not result.exact:
        parts.append(
            pgettext(
                "service data",
                "For series this short or this uneven from month to month, our checks show the "
                "likely ranges are too narrow, so we do not say we are sure.",
            )
        )
    if ItsCaution.SHORT_SERIES in result.cautions:
        parts.append(
            pgettext(
                "service data", "That is a short series, so treat the result as a rough guide."
            )
        )
    if result.gaps.gaps:
        parts.append(
            fill(
                pgettext("service data", "Some months are missing from the figures: {months}."),
                months=", ".join(month_name(m) for m in result.gaps.gaps),
            )
        )
    return Wording(text=join(parts), easy_read=_easy(result))


def _easy(result: ItsResult) -> str:
    level, trend = result.level_change, result.trend_change
    parts: list[str | None] = [
        fill(
            ngettext(
                "We looked at {before} month before the change and {after} months after it.",
                "We looked at {before} months before the change and {after} months after it.",
                result.n_before,
            ),
            before=result.n_before,
            after=result.n_after,
        )
    ]
    places = 1
    if rounds_to_zero(level.estimate, places):
        parts.append(
            pgettext(
                "easy read", "Straight after the change, the figure was about what we expected."
            )
        )
    elif level.estimate > 0:
        parts.append(
            pgettext(
                "easy read", "Straight after the change, the figure was higher than we expected."
            )
        )
    else:
        parts.append(
            pgettext(
                "easy read", "Straight after the change, the figure was lower than we expected."
            )
        )
    if rounds_to_zero(trend.estimate, places):
        parts.append(
            pgettext("easy read", "After that, the line on the chart kept about the same slope.")
        )
    elif trend.estimate > 0:
        parts.append(
            pgettext("easy read", "After that, the line on the chart tilted more upwards.")
        )
    else:
        parts.append(
            pgettext("easy read", "After that, the line on the chart tilted more downwards.")
        )
    if result.exact:
        parts.append(
            pgettext(
                "easy read",
                "The figures lie exactly on straight lines. So we cannot say how sure we are.",
            )
        )
    else:
        clear = Certainty.CLEAR in (level.certainty, trend.certainty)
        parts.append(easy_sure(Certainty.CLEAR if clear else Certainty.UNCLEAR))
    if result.comparison is not None:
        parts.append(
            pgettext("easy read", "We also compared the figures with the comparison series.")
        )
    if _untrusted(result) and not result.exact:
        parts.append(
            pgettext(
                "easy read",
                "Our checks show results like this can look surer than they are. So we do not "
                "say we are sure.",
            )
        )
    if ItsCaution.SHORT_SERIES in result.cautions:
        parts.append(
            pgettext("easy read", "There are not many months. So this is only a rough guide.")
        )
    return join(parts)
