"""The one exception family the analysis package raises for bad input.

The message is for developers and logs (English). Pages never show it: they word the error
from ``code`` (a stable identifier such as ``"not_a_number"``), ``argument`` (which input was
wrong) and ``params`` (numbers to put into the sentence), through the findings layer.
"""

from __future__ import annotations


class AnalysisInputError(ValueError):
    """Input the method cannot use: empty, mismatched, non-finite, or outside its range."""

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid_input",
        argument: str | None = None,
        **params: object,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.argument = argument
        self.params = params
