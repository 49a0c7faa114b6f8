"""How sure a result lets us be, as an enumeration the wording layer turns into words.

The rule (docs/statistics.md, "How sure"): certainty comes from a confidence interval, never
from a p-value alone, and is never surer than the exact test allows. Each result type in this
package has a ``certainty`` property built from the functions here, so every page, report and
export that words a result inherits the same rule.
"""

from __future__ import annotations

import math
from enum import StrEnum

from .errors import AnalysisInputError, InputProblem

#: Below this many people, results carry the small-group caution (the SWEMWBS owners advise
#: at least 30 people with two time points before reading much into a change).
SMALL_GROUP = 30


class Certainty(StrEnum):
    """How sure we can be that a difference is real rather than chance."""

    #: The interval leaves out "no difference" and the test, where there is one, agrees.
    CLEAR = "clear"
    #: The interval includes "no difference", or the test cannot reach the level asked for.
    UNCLEAR = "unclear"
    #: The interval has no width (a standard error of zero): that is not certainty, and we
    #: cannot say how sure to be.
    NO_WIDTH = "no_width"


def has_no_width(low: float, high: float, *, scale: float = 1.0) -> bool:
    """True when an interval is a single point, allowing for floating-point noise relative to
    ``scale`` (the size of the numbers involved). Such an interval comes from a standard error
    of zero (coders agreeing on every item, figures lying exactly on a line), not from
    certainty."""
    return high - low <= 1e-9 * max(abs(low), abs(high), abs(scale))


def from_interval(low: float, high: float, *, null: float = 0.0) -> Certainty:
    """CLEAR when the interval from ``low`` to ``high`` leaves out the no-difference value."""
    for end in (low, high):
        if isinstance(end, bool) or not isinstance(end, int | float):
            raise AnalysisInputError(
                "A confidence interval's ends must be numbers.",
                code=InputProblem.NOT_A_NUMBER,
                argument="interval",
            )
    if not (math.isfinite(low) and math.isfinite(high)):
        raise AnalysisInputError(
            "A confidence interval must have finite ends.",
            code=InputProblem.NOT_FINITE,
            argument="interval",
        )
    if low > high:
        raise AnalysisInputError(
            "A confidence interval's lower end is above its upper end.",
            code=InputProblem.INTERVAL_REVERSED,
            argument="interval",
        )
    return Certainty.CLEAR if (low > null or high < null) else Certainty.UNCLEAR


def agreeing(interval: Certainty, *, test_p: float, alpha: float) -> Certainty:
    """CLEAR only when the interval and the test agree: a test that does not reject (or cannot
    reach ``alpha`` at all) overrules an interval that would leave out no difference."""
    if interval is Certainty.CLEAR and not test_p < alpha:
        return Certainty.UNCLEAR
    return interval
