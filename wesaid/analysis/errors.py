"""The one exception family the analysis package raises for bad input.

Messages name the problem and the argument in plain words, so the web layer can show them.
"""


class AnalysisInputError(ValueError):
    """Input the method cannot use: empty, mismatched, non-finite, or outside its range."""
