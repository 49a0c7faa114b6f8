"""A definition in plain words, for the measure's page."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import definitions
from .models import Instrument, LicenceType

OTHER_VERSIONS = ("cy", "en-easy", "cy-easy")


def _n(value: float) -> str:
    return definitions._number(value)


def scoring_sentences(definition: dict[str, Any]) -> list[str]:
    scoring = definition["scoring"]
    method = scoring["method"]
    questions = [item for item in definition["items"] if definitions.is_choice(item)]
    count = len(questions)
    valid = scoring.get("valid_range")
    out: list[str] = []
    if method == "each_item":
        out.append(_("Each question is reported on its own. The answers are never added together."))
    elif method == "sum":
        out.append(
            ngettext(
                "Add up the answer to the %(count)s question.",
                "Add up the answers to the %(count)s questions.",
                count,
            )
            % {"count": count}
        )
    elif method == "mean":
        out.append(_("Take the average of the answers to the questions that were answered."))
    elif method == "lookup":
        out.append(
            _("Add up the answers, then change the total into a score with the conversion table.")
        )
    if valid and method != "each_item":
        out.append(
            _("Scores go from %(low)s to %(high)s.")
            % {"low": _n(valid["min"]), "high": _n(valid["max"])}
        )
        if scoring.get("higher_is_better", True):
            out.append(_("A higher score is better."))
        else:
            out.append(_("A lower score is better."))
    reverse = definition.get("reverse_scored", [])
    if reverse:
        numbers = [
            str(n) for n, item in enumerate(definition["items"], start=1) if item["id"] in reverse
        ]
        out.append(
            _("These questions are scored the other way round: %(numbers)s.")
            % {"numbers": ", ".join(numbers)}
        )
    if method != "each_item":
        missing = scoring.get("max_missing", 0)
        if missing:
            out.append(
                ngettext(
                    "A score is still given if %(count)s question is not answered.",
                    "A score is still given if up to %(count)s questions are not answered.",
                    missing,
                )
                % {"count": missing}
            )
        else:
            out.append(_("Every question must be answered to give a score."))
    if any(o.get("not_scored") for item in questions for o in item["options"]):
        out.append(_("Answers such as “Don't know” are kept but not scored."))
    return out


def figures(definition: dict[str, Any]) -> list[tuple[str, str]]:
    """Published figures: (what, the value with its source)."""
    rows = []
    change = definition.get("meaningful_change")
    if change:
        text = _("%(points)s points (%(source)s)") % {
            "points": _n(change["points"]),
            "source": change["source"],
        }
        rows.append((_("Smallest change that matters for one person"), text))
    reliability = definition.get("reliability")
    if reliability:
        text = _("%(value)s (%(source)s)") % {
            "value": _n(reliability["value"]),
            "source": reliability["source"],
        }
        rows.append((_("Reliability"), text))
    sd = definition.get("reference_sd")
    if sd:
        text = _("%(value)s (%(source)s)") % {"value": _n(sd["value"]), "source": sd["source"]}
        rows.append((_("Spread of scores in published norms (standard deviation)"), text))
    for norm in definition.get("norms", []):
        if "sd" in norm:
            text = _("Average %(mean)s, standard deviation %(sd)s (%(source)s)") % {
                "mean": _n(norm["mean"]),
                "sd": _n(norm["sd"]),
                "source": norm["source"],
            }
        else:
            text = _("Average %(mean)s (%(source)s)") % {
                "mean": _n(norm["mean"]),
                "source": norm["source"],
            }
        rows.append(
            (_("National figures: %(population)s") % {"population": norm["population"]}, text)
        )
    return rows


def version_name(version: str) -> str:
    return {
        "en": _("English"),
        "cy": _("Welsh"),
        "en-easy": _("Easy read English"),
        "cy-easy": _("Easy read Welsh"),
    }[version]


def missing_versions(instrument: Instrument, definition: dict[str, Any] | None) -> list[str]:
    """Plain sentences for each version the measure is not offered in, and why."""
    have = (
        set(definitions.versions_of(definition))
        if definition
        else {"en", *instrument.approved_versions}
    )
    out = []
    for version in OTHER_VERSIONS:
        if version in have:
            continue
        name = version_name(version)
        if instrument.licence_type == LicenceType.BRING_YOUR_OWN:
            out.append(
                _(
                    "%(version)s: the licence holder has not approved this version, so the "
                    "measure is not offered in it. Do not translate or reword it yourself. For "
                    "people who need it, choose another measure, such as one of our own "
                    "question sets."
                )
                % {"version": name}
            )
        else:
            out.append(
                _(
                    "%(version)s: there is no approved version of this measure, so it is not "
                    "offered in it. For people who need it, choose another measure, such as one "
                    "of our own question sets."
                )
                % {"version": name}
            )
    return out


def items_in(definition: dict[str, Any], version: str) -> list[dict[str, Any]]:
    """The questions and answers in one version, for display."""
    out = []
    for n, item in enumerate(definition["items"], start=1):
        out.append(
            {
                "number": n,
                "wording": item["wording"].get(version, ""),
                "free_text": not definitions.is_choice(item),
                "options": [
                    {
                        "value": _n(o["value"]),
                        "label": o["label"].get(version, ""),
                        "not_scored": o.get("not_scored", False),
                    }
                    for o in item.get("options", [])
                ],
            }
        )
    return out
