"""The one exception family the analysis package raises for bad input, and its codes.

The message is for developers and logs (English). Pages never show it: they word the error
from ``code`` (one :class:`InputProblem`), ``argument`` (the public parameter that was wrong,
such as ``"before"`` or ``"reliability"``) and ``params`` (numbers and names to put into the
sentence), through ``wesaid.findings.errors.input_error``.

``params`` keys, by what they hold:

- bounds for the sentence: ``least``, ``most``, ``low``, ``high``, ``choices``;
- another parameter the problem involves: ``other`` (a public parameter name);
- where in the input: ``position`` (counted from 1), ``category``, ``item``, ``group``,
  ``respondent``, ``wave``, ``month`` and ``names`` (a tuple of names).
"""

from __future__ import annotations

from enum import StrEnum


class InputProblem(StrEnum):
    """What was wrong with an input: the closed list of codes pages word.

    The values are stable: pages, tests and stored results may refer to them.
    """

    # The kind of value
    NOT_A_NUMBER = "not_a_number"
    NOT_A_WHOLE_NUMBER = "not_a_whole_number"  # params: least (default 0)
    NOT_FINITE = "not_finite"
    NOT_TRUE_OR_FALSE = "not_true_or_false"
    NOT_A_MONTH = "not_a_month"
    NOT_A_MAPPING = "not_a_mapping"
    NOT_A_LIST_OF_NAMES = "not_a_list_of_names"
    SCORES_WITHOUT_GROUPS = "scores_without_groups"
    BAD_SHAPE = "bad_shape"  # not laid out as the method needs (rows, columns, fields)
    # Size and range
    TOO_LARGE = "too_large"
    NEGATIVE = "negative"
    NOT_POSITIVE = "not_positive"
    TOO_SMALL = "too_small"  # params: least (must be above it)
    OUT_OF_RANGE = "out_of_range"  # params: low, high
    BAD_LEVEL = "bad_level"  # params: low, high
    BAD_CHOICE = "bad_choice"  # params: choices
    # How many
    EMPTY = "empty"
    TOO_FEW = "too_few"  # params: least
    TOO_FEW_PEOPLE = "too_few_people"  # params: least
    TOO_FEW_MONTHS = "too_few_months"  # params: least (on each side of the change)
    TOO_MANY = "too_many"  # params: most
    LENGTHS_DIFFER = "lengths_differ"  # params: other
    # Names and order
    MISSING = "missing"
    DUPLICATE = "duplicate"
    UNKNOWN_NAME = "unknown_name"  # params: other (where the name should be)
    NOT_IN_ORDER = "not_in_order"
    LOOKUP_INCOMPLETE = "lookup_incomplete"
    # Inputs that cannot go together
    CONFLICTS_WITH = "conflicts_with"  # params: other
    SAME_WAVE = "same_wave"  # params: other
    LAGS_NOT_USED = "lags_not_used"
    INTERVAL_REVERSED = "interval_reversed"
    # The figures themselves
    NO_VARIATION = "no_variation"
    SAME_CHANGE = "same_change"  # params: other
    DID_NOT_CONVERGE = "did_not_converge"


class AnalysisInputError(ValueError):
    """Input the method cannot use: empty, mismatched, non-finite, or outside its range."""

    def __init__(
        self,
        message: str,
        *,
        code: InputProblem,
        argument: str | None,
        **params: object,
    ) -> None:
        super().__init__(message)
        self.code = InputProblem(code)
        self.argument = argument
        self.params = params
