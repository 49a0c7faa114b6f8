"""Words for the analysis package's input errors, from their codes.

``AnalysisInputError`` carries a stable ``code`` (one :class:`InputProblem`), the ``argument``
that was wrong and numbers and names in ``params``; its message is English for developers and
logs and never reaches a page. Pages say what was wrong and where with :func:`input_error`:
one whole sentence per code, then a sentence for each place in the input the error names (the
person, the question, the category, the entry...).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.utils.translation import npgettext, pgettext

from wesaid.analysis.errors import AnalysisInputError, InputProblem

from .words import fill

P = InputProblem


def _count(params: Mapping[str, object], name: str) -> int:
    value = params.get(name, 0)
    return int(value) if isinstance(value, int | float) else 0


#: One sentence per code. Each gets the error's params, for the codes whose sentence has a
#: number in it and needs the plural form for that number.
SENTENCES: dict[InputProblem, Callable[[Mapping[str, object]], str]] = {
    P.NOT_A_NUMBER: lambda _: pgettext("input error", "{where} must be a number."),
    P.NOT_A_WHOLE_NUMBER: lambda _: pgettext(
        "input error", "{where} must be a whole number of {least} or more."
    ),
    P.NOT_FINITE: lambda _: pgettext("input error", "{where} has a missing or infinite value."),
    P.NOT_TRUE_OR_FALSE: lambda _: pgettext("input error", "{where} must be yes or no."),
    P.NOT_A_MONTH: lambda _: pgettext("input error", "{where} must be a month, such as 2024-03."),
    P.NOT_A_MAPPING: lambda _: pgettext("input error", "{where} must give a value for each name."),
    P.NOT_A_LIST_OF_NAMES: lambda _: pgettext("input error", "{where} must be a list of names."),
    P.SCORES_WITHOUT_GROUPS: lambda _: pgettext(
        "input error", "{where} must give the scores for each group separately."
    ),
    P.BAD_SHAPE: lambda _: pgettext(
        "input error", "{where} is not in the shape this calculation needs."
    ),
    P.TOO_LARGE: lambda _: pgettext("input error", "{where} has a number too large to be right."),
    P.NEGATIVE: lambda _: pgettext("input error", "{where} cannot be below 0."),
    P.NOT_POSITIVE: lambda _: pgettext("input error", "{where} must be more than 0."),
    P.TOO_SMALL: lambda _: pgettext("input error", "{where} must be more than {least}."),
    P.OUT_OF_RANGE: lambda _: pgettext("input error", "{where} must be from {low} to {high}."),
    P.BAD_LEVEL: lambda _: pgettext(
        "input error", "{where} must be a confidence level from {low} to {high}, such as 0.95."
    ),
    P.BAD_CHOICE: lambda _: pgettext("input error", "{where} is not one of the values allowed."),
    P.EMPTY: lambda _: pgettext("input error", "{where} is empty."),
    P.TOO_FEW: lambda _: pgettext(
        "input error", "{where} has too few entries: it needs at least {least}."
    ),
    P.TOO_FEW_PEOPLE: lambda params: npgettext(
        "input error",
        "{where} needs at least {least} person.",
        "{where} needs at least {least} people.",
        _count(params, "least"),
    ),
    P.TOO_FEW_MONTHS: lambda params: npgettext(
        "input error",
        "{where} needs at least {least} month before the change and {least} after it.",
        "{where} needs at least {least} months before the change and {least} after it.",
        _count(params, "least"),
    ),
    P.TOO_MANY: lambda _: pgettext(
        "input error", "{where} has more than {most} entries, too many for this calculation."
    ),
    P.LENGTHS_DIFFER: lambda _: pgettext(
        "input error", "{where} and {other} must have the same number of entries."
    ),
    P.MISSING: lambda _: pgettext("input error", "{where} is missing a value it needs."),
    P.DUPLICATE: lambda _: pgettext("input error", "{where} has the same entry more than once."),
    P.UNKNOWN_NAME: lambda _: pgettext("input error", "{where} has a name that is not in {other}."),
    P.NOT_IN_ORDER: lambda _: pgettext("input error", "{where} must be in order, earliest first."),
    P.LOOKUP_INCOMPLETE: lambda _: pgettext(
        "input error", "{where} does not give a score for every total the answers can add up to."
    ),
    P.CONFLICTS_WITH: lambda _: pgettext(
        "input error", "{where} does not fit with {other}: check the two together."
    ),
    P.SAME_WAVE: lambda _: pgettext(
        "input error", "{where} and {other} must be two different times of answering."
    ),
    P.LAGS_NOT_USED: lambda _: pgettext("input error", "{where} is no longer used. Leave it out."),
    P.INTERVAL_REVERSED: lambda _: pgettext(
        "input error", "{where} has its lower end above its upper end."
    ),
    P.NO_VARIATION: lambda _: pgettext(
        "input error", "Every value in {where} is the same, so there is no spread to work with."
    ),
    P.SAME_CHANGE: lambda _: pgettext(
        "input error",
        "Everyone changed by the same amount from {where} to {other}, so there is no spread "
        "to work with.",
    ),
    P.DID_NOT_CONVERGE: lambda _: pgettext(
        "input error",
        "The calculation did not settle on an answer. Check {where}, or try another way.",
    ),
}


def _places(params: Mapping[str, object]) -> list[str]:
    """A sentence for each place in the input the error names, in a fixed order."""
    sentences = []
    if params.get("respondent"):
        sentences.append(
            fill(
                pgettext("input error", "This is about the answers of “{respondent}”."),
                respondent=params["respondent"],
            )
        )
    if params.get("wave"):
        sentences.append(
            fill(
                pgettext("input error", "This is about the answers from “{wave}”."),
                wave=params["wave"],
            )
        )
    for name in ("category", "item"):
        if params.get(name):
            sentences.append(
                fill(pgettext("input error", "This is about “{category}”."), category=params[name])
            )
    if params.get("group"):
        sentences.append(
            fill(
                pgettext("input error", "This is about the group “{group}”."),
                group=params["group"],
            )
        )
    if params.get("month"):
        sentences.append(
            fill(pgettext("input error", "This is about the month {month}."), month=params["month"])
        )
    if params.get("position"):
        sentences.append(
            fill(
                pgettext("input error", "This is about entry {position}."),
                position=params["position"],
            )
        )
    names = params.get("names")
    if names and isinstance(names, tuple | list):
        shown = ", ".join(f"“{name}”" for name in names)
        sentences.append(
            fill(pgettext("input error", "The ones in question: {names}."), names=shown)
        )
    return sentences


def _number(value: object) -> str:
    """A bound for the sentence: whole numbers without ``.0``, thousands with commas; months
    and other text as they are."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _named(argument: object, labels: Mapping[str, str] | None, fallback: str) -> str:
    if not isinstance(argument, str) or not argument:
        return fallback
    if labels and argument in labels:
        return labels[argument]
    return argument.replace("_", " ")


def input_error(error: AnalysisInputError, *, labels: Mapping[str, str] | None = None) -> str:
    """What was wrong, in the active language, naming the input and where in it.

    ``labels`` maps public parameter names (``"baseline"``, ``"reliability"``) to the words
    the page uses for them, already in the active language; without one, the parameter's name
    is shown with spaces for underscores.
    """
    params = error.params
    where = _named(error.argument, labels, pgettext("input error", "the figures"))
    other = _named(params.get("other"), labels, pgettext("input error", "the other figures"))
    sentence = SENTENCES.get(error.code)
    if sentence is None:
        template = pgettext("input error", "{where} cannot be used for this calculation.")
    else:
        template = sentence(params)
    text = fill(
        template,
        where=where,
        other=other,
        least=_number(params.get("least", 0)),
        most=_number(params.get("most", "")),
        low=_number(params.get("low", "")),
        high=_number(params.get("high", "")),
    )
    text = " ".join([text, *_places(params)])
    return text[:1].upper() + text[1:]
