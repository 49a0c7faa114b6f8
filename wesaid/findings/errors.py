"""Words for the analysis package's input errors, from their codes.

``AnalysisInputError`` carries a stable ``code``, the ``argument`` that was wrong and numbers in
``params``; its message is English for developers and logs and never reaches a page. Pages say
what was wrong and where with :func:`input_error`.
"""

from __future__ import annotations

from django.utils.translation import pgettext

from wesaid.analysis.errors import AnalysisInputError

from .words import fill


def input_error(error: AnalysisInputError) -> str:
    """What was wrong, in the active language, naming the input where there is one."""
    where = error.argument or pgettext("input error", "the figures")
    code = error.code
    if code == "not_a_number":
        template = pgettext("input error", "{where} must be a number.")
    elif code == "not_a_whole_number":
        template = pgettext("input error", "{where} must be a whole number of 0 or more.")
    elif code == "not_finite":
        template = pgettext("input error", "{where} has a missing or infinite value.")
    elif code == "too_large":
        template = pgettext("input error", "{where} has a number too large to be right.")
    elif code in ("bad_level", "bad_choice", "not_true_or_false"):
        template = pgettext("input error", "{where} is not one of the values allowed.")
    elif code in ("not_a_mapping", "not_a_list_of_names", "scores_without_groups"):
        template = pgettext("input error", "{where} is not in the shape this calculation needs.")
    elif code == "empty":
        template = pgettext("input error", "{where} is empty.")
    elif code == "interval_reversed":
        template = pgettext("input error", "{where} has its lower end above its upper end.")
    else:
        template = pgettext("input error", "{where} cannot be used for this calculation.")
    category = error.params.get("category")
    text = fill(template, where=where)
    if category:
        text = " ".join(
            [text, fill(pgettext("input error", "This is about “{category}”."), category=category)]
        )
    return text[:1].upper() + text[1:]
