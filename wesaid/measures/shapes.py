"""The shapes of licensed measures an organisation may bring: never their wording.

A shape says how many questions a measure has, the values its answers take, how they are
scored, whether a conversion table is needed and, only where the project's reference file gives
them with a source, the meaningful change and national norms. The organisation confirms its
licence, then types the wording, the answer labels, the copyright line and any table itself
(docs/measures.md; decision 0015). ``None`` means the organisation says (a measure whose
questionnaires vary, or another licensed measure).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Shape:
    key: str
    #: The measure's own name (a proper name, the same in every language).
    name: str
    about: Promise
    holder: str = ""
    n_items: int | None = None
    #: The lowest and highest answer values; every question shares them.
    values: tuple[int, int] | None = None
    #: sum, mean, lookup or each_item; None: the organisation chooses.
    method: str | None = None
    #: How many questions are scored the other way round (the organisation says which).
    reversed_count: int = 0
    meaningful_change: dict[str, Any] | None = None
    norms: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    @property
    def needs_table(self) -> bool:
        return self.method == "lookup"

    @property
    def raw_range(self) -> tuple[int, int] | None:
        if self.n_items is None or self.values is None:
            return None
        return (self.n_items * self.values[0], self.n_items * self.values[1])


SHAPES: tuple[Shape, ...] = (
    Shape(
        key="wemwbs",
        name="Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS)",
        about=_(
            "14 questions about mental wellbeing, each answered from 1 to 5, added up to a "
            "score from 14 to 70. Free for organisations that are not commercial, once they "
            "register. The wording, answers and layout must not change, and it must not be "
            "shared publicly."
        ),
        holder="NHS Health Scotland, University of Warwick and University of Edinburgh",
        n_items=14,
        values=(1, 5),
        method="sum",
    ),
    Shape(
        key="swemwbs",
        name="Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)",
        about=_(
            "7 questions about the past 2 weeks, each answered from 1 to 5. The total, from 7 to "
            "35, is changed into a metric score with a table of 29 rows that registered users "
            "are given. The owner advises at least 30 people answering twice."
        ),
        holder="NHS Health Scotland, University of Warwick and University of Edinburgh",
        n_items=7,
        values=(1, 5),
        method="lookup",
        meaningful_change={
            "points": 3,
            "note": "Individual meaningful change is 1 to 3 points (1 SEM = 1.03; 2.77 SEM = 2.87).",
            "source": "Shah N et al. (2018) Health and Quality of Life Outcomes 16:239",
        },
        norms=(
            {
                "population": "England, men",
                "mean": 23.7,
                "source": "Health Survey for England 2010-13",
            },
            {
                "population": "England, women",
                "mean": 23.2,
                "source": "Health Survey for England 2010-13",
            },
        ),
    ),
    Shape(
        key="ons-loneliness-3",
        name="ONS recommended three questions on loneliness",
        about=_(
            "3 questions, each with 3 answers, added up to a score from 3 to 9. The licence for "
            "the wording has not been checked, so it is treated as a measure you bring."
        ),
        holder="Office for National Statistics",
        n_items=3,
        values=(1, 3),
        method="sum",
    ),
    Shape(
        key="rosenberg",
        name="Rosenberg Self-Esteem Scale",
        about=_(
            "10 questions, each answered on a scale of 4 (0 to 3). Five questions are scored the "
            "other way round: which five depends on the order of your copy. The total is 0 to 30."
        ),
        n_items=10,
        values=(0, 3),
        method="sum",
        reversed_count=5,
    ),
    Shape(
        key="general-self-efficacy",
        name="General Self-Efficacy Scale",
        about=_("10 questions, each answered from 1 to 4, added up to a score from 10 to 40."),
        n_items=10,
        values=(1, 4),
        method="sum",
    ),
    Shape(
        key="ascot-sct4",
        name="Adult Social Care Outcomes Toolkit (ASCOT SCT4)",
        about=_(
            "8 areas of life, each at one of 4 levels. wesaid adds them up the way the Adult "
            "Social Care Outcomes Framework (measure 1A) does: 0 to 3 for each area, out of 24. "
            "Preference weights are not used."
        ),
        holder="University of Kent",
        n_items=8,
        values=(0, 3),
        method="sum",
    ),
    Shape(
        key="ppeet",
        name="Public and Patient Engagement Evaluation Tool (PPEET)",
        about=_(
            "Questionnaires for participants, projects and organisations. Each question is "
            "reported on its own. Questions must not be reworded. You say how many questions "
            "your questionnaire has and how many answers each one has."
        ),
        holder="McMaster University",
        method="each_item",
    ),
    Shape(
        key="other",
        name="Another licensed measure",
        about=_(
            "A licensed measure not listed here. You say how many questions it has, the answers "
            "and how the answers are added up."
        ),
    ),
)

SHAPES_BY_KEY = {shape.key: shape for shape in SHAPES}


def shape(key: str) -> Shape | None:
    return SHAPES_BY_KEY.get(key)
