"""Instrument definitions: the schema, the scorer's checks at save time, and the shipped ones.

Every instrument here is MADE UP ("Made-up garden scale"): no licensed wording is ever used.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from django.utils import translation

from wesaid.analysis.scoring import score_long, score_person
from wesaid.measures import definitions
from wesaid.measures.definitions import DefinitionInvalid, check, problems
from wesaid.measures.selectors import SHIPPED_DIR, shipped_measures

ROOT = Path(__file__).resolve().parents[1]

AGREE = [
    {"value": 1, "label": {"en": "No", "cy": "Na"}},
    {"value": 2, "label": {"en": "A bit", "cy": "Ychydig"}},
    {"value": 3, "label": {"en": "Yes", "cy": "Ie"}},
]


def made_up() -> dict:
    """A made-up 4-question garden scale, answers 1-3, question 3 reversed: sum 4-12."""
    return {
        "id": "made-up-garden",
        "name": {"en": "Made-up garden scale", "cy": "Graddfa gardd ffug"},
        "version": 1,
        "licence": {"type": "bring_your_own", "copyright": "© Made-up Holder 2026"},
        "languages": ["en", "cy"],
        "easy_read": [],
        "items": [
            {
                "id": f"g{n}",
                "wording": {"en": f"Garden question {n}", "cy": f"Cwestiwn gardd {n}"},
                "options": copy.deepcopy(AGREE),
            }
            for n in range(1, 5)
        ],
        "reverse_scored": ["g3"],
        "scoring": {"method": "sum", "max_missing": 1, "valid_range": {"min": 4, "max": 12}},
        "meaningful_change": {"points": 2, "source": "Made-up et al. 2026"},
        "reliability": {"value": 0.8, "source": "Made-up et al. 2026"},
        "reference_sd": {"value": 2.1, "source": "Made-up norms 2026"},
        "norms": [
            {"population": "Made-up land", "mean": 8.5, "sd": 2.1, "source": "Made-up survey"}
        ],
    }


def test_a_made_up_instrument_is_accepted_and_scored_as_worked_by_hand():
    definition = made_up()
    assert problems(definition) == []
    (scorer,) = check(definition)
    # All answered: 3 + 2 + (1 + 3 - 1 = 3, reversed) + 1 = 9.
    assert score_person(scorer, {"g1": 3, "g2": 2, "g3": 1, "g4": 1}).score == 9
    # One missing (max_missing 1): 3 + 2 + (4 - 3 = 1) = 6 over 3 answered, prorated
    # 6 * 4 / 3 = 8.
    result = score_person(scorer, {"g1": 3, "g2": 2, "g3": 3})
    assert (result.score, result.items_missing) == (8, 1)
    # Two missing is too many.
    assert score_person(scorer, {"g1": 3, "g2": 2}).score is None
    table = score_long(
        scorer,
        {
            "respondent": ["a"] * 4 + ["b"] * 4,
            "wave": ["start"] * 8,
            "item": ["g1", "g2", "g3", "g4"] * 2,
            "value": [3, 2, 1, 1, 1, 1, 3, 1],
        },
    )
    # b: 1 + 1 + (4 - 3 = 1) + 1 = 4, the lowest score.
    assert table.score.tolist() == [9, 4]


def test_a_lookup_instrument_converts_the_total_through_its_own_table():
    definition = made_up()
    definition["scoring"] = {
        "method": "lookup",
        # A made-up table for totals 4..12.
        "lookup": {str(raw): 10.0 + 2.5 * (raw - 4) for raw in range(4, 13)},
        "valid_range": {"min": 10, "max": 30},
    }
    (scorer,) = check(definition)
    # Total 9 (as above) -> 10 + 2.5 * 5 = 22.5.
    assert score_person(scorer, {"g1": 3, "g2": 2, "g3": 1, "g4": 1}).score == 22.5


def test_each_item_scoring_gives_one_scorer_per_question_and_skips_free_text_and_dont_know():
    definition = made_up()
    definition["items"].append(
        {"id": "why", "type": "text", "wording": {"en": "Why?", "cy": "Pam?"}}
    )
    definition["items"][0]["options"].append(
        {"value": 9, "label": {"en": "Don't know", "cy": "Ddim yn gwybod"}, "not_scored": True}
    )
    definition["reverse_scored"] = []
    definition["scoring"] = {"method": "each_item"}
    scorers = check(definition)
    assert [s.key for s in scorers] == [f"made-up-garden.g{n}" for n in range(1, 5)]
    assert scorers[0].ranges == ((1.0, 3.0),)  # "Don't know" (9) is not on the scale


BROKEN = [
    # (what is broken, change, the field the message must name)
    ("no id", lambda d: d.pop("id"), "id"),
    (
        "an answer without a value",
        lambda d: d["items"][2]["options"][0].pop("value"),
        "items[2].options[0].value",
    ),
    (
        "an answer without a label",
        lambda d: d["items"][1]["options"][2].pop("label"),
        "items[1].options[2].label",
    ),
    (
        "a value that is text",
        lambda d: d["items"][0]["options"][1].update(value="two"),
        "items[0].options[1].value",
    ),
    ("an unknown scoring method", lambda d: d["scoring"].update(method="median"), "scoring.method"),
    ("a misspelt field", lambda d: d.update(reverse_score=["g1"]), "reverse_score"),
    ("no copyright line", lambda d: d["licence"].pop("copyright"), "licence.copyright"),
    ("an unknown licence type", lambda d: d["licence"].update(type="borrowed"), "licence.type"),
    ("English missing from the languages", lambda d: d.update(languages=["cy"]), "languages"),
    (
        "a question with one answer",
        lambda d: d["items"][3].update(options=d["items"][3]["options"][:1]),
        "items[3].options",
    ),
    ("an id with capitals", lambda d: d["items"][0].update(id="Q1"), "items[0].id"),
    ("a reliability above 1", lambda d: d["reliability"].update(value=1.5), "reliability.value"),
    ("norms without a source", lambda d: d["norms"][0].pop("source"), "norms[0].source"),
    ("two questions with one id", lambda d: d["items"][1].update(id="g1"), "items[1].id"),
    (
        "two answers with one value",
        lambda d: d["items"][2]["options"][1].update(value=1),
        "items[2].options[1].value",
    ),
    (
        "Welsh wording missing though Welsh is approved",
        lambda d: d["items"][1]["wording"].pop("cy"),
        "items[1].wording",
    ),
    (
        "easy read wording that is not approved",
        lambda d: d["items"][0]["wording"].update({"en-easy": "Garden"}),
        "items[0].wording",
    ),
    (
        "reversing a question it does not have",
        lambda d: d.update(reverse_scored=["g9"]),
        "reverse_scored[0]",
    ),
    (
        "as many missing allowed as there are questions",
        lambda d: d["scoring"].update(max_missing=4),
        "scoring.max_missing",
    ),
    (
        "lookup scoring without its table",
        lambda d: d["scoring"].update(method="lookup"),
        "scoring.lookup",
    ),
    ("a table that is not used", lambda d: d["scoring"].update(lookup={"4": 1}), "scoring.lookup"),
    (
        "a table with a gap",
        lambda d: d["scoring"].update(
            method="lookup",
            lookup={str(r): r for r in range(4, 12)},
            valid_range={"min": 4, "max": 11},
        ),
        "scoring.lookup",
    ),
    (
        "a raw score in the table that is not a whole number",
        lambda d: d["scoring"].update(method="lookup", lookup={"4.5": 1}),
        "scoring.lookup.4.5",
    ),
    (
        "a stated range the scorer disagrees with",
        lambda d: d["scoring"].update(valid_range={"min": 4, "max": 13}),
        "scoring.valid_range",
    ),
    (
        "a sum without a stated range",
        lambda d: d["scoring"].pop("valid_range"),
        "scoring.valid_range",
    ),
    (
        "prorating questions with different scales",
        lambda d: d["items"][0]["options"].append(
            {"value": 4, "label": {"en": "Lots", "cy": "Llawer"}}
        ),
        "scoring.max_missing",
    ),
    (
        "a free-text question with answers",
        lambda d: d["items"][0].update(type="text"),
        "items[0].options",
    ),
    (
        "a language code that does not exist",
        lambda d: d["items"][0]["wording"].update(fr="Jardin"),
        "items[0].wording.fr",
    ),
    ("a definition that is not an object", lambda d: d.clear() or d.update(items=5), "items"),
]


@pytest.mark.parametrize(("broken", "change", "field"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_definition_is_refused_with_a_plain_message_naming_the_field(
    broken, change, field
):
    definition = made_up()
    change(definition)
    found = problems(definition)
    assert found, f"{broken} was accepted"
    assert field in [p.field for p in found], [str(p) for p in found]
    for problem in found:
        # Plain words, never the library's dump ("'value' is a required property", "[...]").
        assert "required property" not in problem.message
        assert "is not valid under" not in problem.message
        assert "Failed validating" not in problem.message
        assert not problem.message.startswith(("{", "[", "'"))
    with pytest.raises(DefinitionInvalid):
        check(definition)


def test_problems_are_worded_in_welsh_on_welsh_pages():
    definition = made_up()
    definition["items"][2]["options"][0].pop("value")
    with translation.override("cy"):
        (problem,) = problems(definition)
    assert str(problem) == "items[2].options[0].value: mae angen gwerth ar bob ateb"


def test_the_published_schema_in_docs_is_the_one_the_code_uses():
    published = ROOT / "docs" / "instrument-schema.json"
    assert published.read_bytes() == definitions.SCHEMA_PATH.read_bytes()
    assert (
        json.loads(published.read_text())["$schema"]
        == "https://json-schema.org/draft/2020-12/schema"
    )


@pytest.mark.parametrize("path", sorted(SHIPPED_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_every_shipped_definition_passes_the_schema_and_the_scorer(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert problems(data) == []
    assert data["id"] == path.stem


def test_nothing_licensed_is_shipped_only_our_own_and_open_measures():
    shipped = shipped_measures()
    assert {d["licence"]["type"] for d in shipped} <= {"ours", "open"}
    assert {d["id"] for d in shipped} == {
        "feeling-confident",
        "feeling-listened-to",
        "knowing-where-to-get-help",
        "ons4-personal-wellbeing",
        "ons-loneliness-direct",
        "friends-and-family-test",
    }
    for d in shipped:
        if d["licence"]["type"] == "open":
            assert d["licence"]["source"] and d["licence"]["citation"], d["id"]


def test_our_own_question_sets_come_in_welsh_and_easy_read():
    for d in shipped_measures():
        if d["licence"]["type"] == "ours":
            assert definitions.versions_of(d) == ["en", "cy", "en-easy", "cy-easy"], d["id"]


def test_the_shipped_ons4_bands_follow_the_published_cut_points():
    (ons4,) = [d for d in shipped_measures() if d["id"] == "ons4-personal-wellbeing"]
    bands = {item["id"]: [(b["min"], b["max"]) for b in item["bands"]] for item in ons4["items"]}
    assert bands["life-satisfaction"] == [(0, 4), (5, 6), (7, 8), (9, 10)]
    assert bands["anxious-yesterday"] == [(0, 1), (2, 3), (4, 5), (6, 10)]
    # Never combined: each question is its own score, and less anxiety is better.
    scorers = check(ons4)
    assert len(scorers) == 4 and scorers[3].higher_is_better is False
