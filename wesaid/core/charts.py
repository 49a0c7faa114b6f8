"""Charts drawn on the server as SVG, each with the table of its numbers.

One helper for every page that shows figures: check-in results today, consensus rounds, reports
and pooled evidence later. Each kind of chart is a small function taking plain data (never a
model) and returning a ``Chart``: the SVG as a ``SafeString`` and the same numbers as a
``Table``. ``{% chart c %}`` (or ``figure(c)`` in Python) draws the SVG, then the table through
the component library. Why this way: docs/decisions/0014-server-drawn-svg-charts.md.

- ``distribution``: one stacked bar per group, a segment per ordered category, shares in percent
  with the count each rests on (the spread of scores in a consensus round).
- ``estimates``: a dot per row with its interval as a line and a reference line (change in an
  outcome, a pooled result).
- ``monthly``: one or more monthly series with the month of a change marked (service data
  before and after).

Accessibility is built in: ``<svg role="img" aria-labelledby="title desc">`` with a ``<desc>``
that says in words what the chart shows, an id unique on the page, a text label for every figure
so colour is never the only cue, a fill pattern per category as well as a colour (GOV.UK
colours, each at least 3:1 against white, segments parted by white gaps), ``viewBox`` with a
width of 100% so it fits 320 px, and no ``style`` attribute or element anywhere (our content
security policy forbids them): colours are presentation attributes, so the SVG looks the same in
a PDF or a Word document without our stylesheet; ``frontend/_charts.scss`` only sizes it.

Hidden values: ``None`` is a figure hidden upstream by the disclosure policy. It is never drawn
as a bar or a dot; the chart and the table say it is hidden, and ``hidden_below`` (passed in, as
the policy decided it) goes into the words. The helper never decides disclosure itself.

Build a chart in the language of the page (inside the request, or ``translation.override``):
every word goes through gettext and numbers are formatted for the active language.
"""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET  # noqa: S405 - builds SVG; parses nothing
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

__all__ = [
    "Cell",
    "Chart",
    "Estimate",
    "GroupCounts",
    "Level",
    "Point",
    "Series",
    "Table",
    "distribution",
    "estimates",
    "figure",
    "hidden_note",
    "monthly",
    "number",
    "percent",
]

# --- geometry and look ------------------------------------------------------------------------

#: The drawing is WIDTH units wide and scales to the width of its box: on a 320 px screen (288 px
#: drawn) text of FONT units is about 14 px; the stylesheet caps the width at 28rem (about 22 px).
WIDTH = 320
FONT = 16
SMALL = 15
LINE = 20
BAR = 30
#: White space between two segments, so each segment meets white, never another colour.
GAP = 4

TEXT = "#0b0c0c"  # GOV.UK black
SECONDARY = "#484949"  # black tint-25, 9:1 on white
GRID = "#cecece"  # black tint-80: gridlines are a guide only, not needed to read a figure
WHITE = "#ffffff"


@dataclass(frozen=True)
class Ink:
    """How one category (or series) is told apart: a colour and a fill pattern."""

    colour: str  # the lines, dots and outline: at least 3:1 against white
    tint: str  # the background of the pattern
    pattern: str


#: GOV.UK Frontend palette colours; every ``colour`` has at least 3:1 contrast against white
#: (tests/test_charts.py works the ratios out from WCAG's formula).
INKS = (
    Ink("#1d70b8", "#1d70b8", "solid"),  # blue
    Ink("#b7592a", "#fde4d7", "stripes"),  # orange shade-25
    Ink("#0f7a52", "#cfe4dc", "dots"),  # green
    Ink("#54319f", "#ddd6ec", "crosshatch"),  # purple
    Ink("#ca357c", "#f4d7e5", "horizontal"),  # magenta
    Ink("#484949", "#f3f3f3", "vertical"),  # black tint-25
    Ink("#158187", "#d0e6e7", "checks"),  # teal
)
#: Series are told apart by marker shape and line dashes as well as colour.
MARKERS = ("circle", "square", "triangle", "diamond")
DASHES = ("", "8 4", "2 4", "12 4 2 4")

_ids = itertools.count(1)


# --- what a chart gives back ------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", str(self.text))


@dataclass(frozen=True)
class Table:
    """The chart's numbers as a table: the first cell of each row names the row."""

    caption: str
    head: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "caption", str(self.caption))

    def govuk_params(self) -> dict[str, Any]:
        """Parameters for GOV.UK's table component."""

        def cell(c: Cell) -> dict[str, str]:
            return {"text": c.text, "format": "numeric"} if c.numeric else {"text": c.text}

        return {
            "caption": self.caption,
            "captionClasses": "govuk-table__caption--s",
            "firstCellIsHeader": True,
            "head": [cell(c) for c in self.head],
            "rows": [[cell(c) for c in row] for row in self.rows],
        }


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    #: What the chart shows, in words: the SVG's <desc>, and alternative text elsewhere.
    description: str
    svg: SafeString
    table: Table

    @property
    def table_params(self) -> dict[str, Any]:
        return self.table.govuk_params()


def figure(chart: Chart) -> SafeString:
    """The chart as HTML: the SVG, then its table (what ``{% chart c %}`` draws)."""
    return render_to_string("charts/figure.html", {"chart": chart})


# --- the data each kind takes ------------------------------------------------------------------


@dataclass(frozen=True)
class GroupCounts:
    """One bar: a group's count in each category (None: hidden upstream).

    ``total`` is what the shares rest on; without it, the sum of the counts (which is unknown,
    and so no share is drawn, when a count is hidden)."""

    label: str
    counts: Sequence[int | None]
    total: int | None = None


@dataclass(frozen=True)
class Estimate:
    """One row: an estimate (None: hidden) with its interval and how many people it rests on.
    ``summary`` rows (a pooled result) are drawn as a diamond across their interval."""

    label: str
    value: float | None
    low: float | None = None
    high: float | None = None
    count: int | None = None
    summary: bool = False


@dataclass(frozen=True)
class Point:
    """One month's figure (None: hidden) and the number it rests on, if known."""

    month: date | str  # a date in the month, or "YYYY-MM"
    value: float | None
    count: int | None = None


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[Point]


@dataclass(frozen=True)
class Level:
    """A labelled horizontal line (an average, a control limit), over some months or all."""

    label: str
    value: float
    start: date | str | None = None
    end: date | str | None = None


# --- numbers and words -------------------------------------------------------------------------


def _rounded(value: float, places: int) -> Decimal:
    step = Decimal(1).scaleb(-places)
    return Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP) + 0


def number(value: float, places: int = 0) -> str:
    """A number for the active language, rounded half up (2.5 → 3)."""
    result = _rounded(value, places)
    if result == 0:
        result = abs(result)
    return formats.number_format(result, decimal_pos=places, use_l10n=True, force_grouping=True)


def percent(share: float) -> str:
    """A share between 0 and 1 as a whole percentage; a small share is never shown as 0%."""
    places = 1 if 0 < share < 0.005 else 0
    return pgettext("a percentage", "{number}%").format(number=number(share * 100, places))


def _people(n: int) -> str:
    return ngettext("{n} person", "{n} people", n).format(n=number(n))


def hidden_note(hidden_below: int | None) -> str:
    if hidden_below is None:
        return _("Some figures are hidden to protect people's privacy.")
    return ngettext(
        "Hidden to protect privacy: a group of fewer than %(n)s person, or a figure that could "
        "give one away.",
        "Hidden to protect privacy: a group of fewer than %(n)s people, or a figure that could "
        "give one away.",
        hidden_below,
    ) % {"n": number(hidden_below)}


def _listed(items: Sequence[str]) -> str:
    return ", ".join(items)


def _month(value: date | str) -> date:
    if isinstance(value, date):
        return value.replace(day=1)
    year, month = value.split("-")[:2]
    return date(int(year), int(month), 1)


def _month_number(value: date) -> int:
    return value.year * 12 + value.month - 1


# --- drawing helpers ---------------------------------------------------------------------------


def _n(value: float) -> str:
    """A coordinate with at most two decimals."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


_NARROW = set("iljtfrI.,:;'!|()[] ")
_WIDE = set("mwMW%@")


def text_width(text: str, size: float = FONT) -> float:
    """About how wide ``text`` is in Arial (SVG text does not wrap, so we measure)."""
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 0.3
        elif char in _WIDE:
            width += 0.86
        elif char.isupper():
            width += 0.68
        else:
            width += 0.56
    return width * size


def wrap(text: str, width: float, size: float = FONT) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


class _Drawing:
    """An SVG being built, with a cursor ``y`` that moves down as parts are added."""

    def __init__(self, *, title: str, description: str, chart_id: str, kind: str) -> None:
        self.id = chart_id
        self.root = ET.Element(
            "svg",
            {
                "xmlns": "http://www.w3.org/2000/svg",
                "role": "img",
                "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
                "class": f"wesaid-chart__svg wesaid-chart__svg--{kind}",
                "width": "100%",
                "font-family": "arial, sans-serif",
                "font-size": str(FONT),
                "fill": TEXT,
            },
        )
        ET.SubElement(self.root, "title", {"id": f"{chart_id}-title"}).text = title
        ET.SubElement(self.root, "desc", {"id": f"{chart_id}-desc"}).text = description
        self.defs = ET.SubElement(self.root, "defs")
        self.y = 2.0
        self.patterns: dict[int, str] = {}

    def add(self, tag: str, parent: ET.Element | None = None, **attributes: Any) -> ET.Element:
        attrs = {
            key.rstrip("_").replace("_", "-"): _n(v) if isinstance(v, float | int) else str(v)
            for key, v in attributes.items()
            if v is not None
        }
        return ET.SubElement(self.root if parent is None else parent, tag, attrs)

    def text(
        self,
        x: float,
        y: float,
        content: str,
        *,
        anchor: str = "start",
        size: int = FONT,
        bold: bool = False,
        parent: ET.Element | None = None,
        css: str = "wesaid-chart__text",
        colour: str | None = None,
        halo: bool = False,
    ) -> ET.Element:
        """Text; with ``halo``, a white edge keeps it readable where a line runs under it."""
        element = self.add(
            "text",
            parent,
            x=x,
            y=y,
            text_anchor=None if anchor == "start" else anchor,
            font_size=None if size == FONT else size,
            font_weight="bold" if bold else None,
            fill=colour,
            stroke=WHITE if halo else None,
            stroke_width=4 if halo else None,
            stroke_linejoin="round" if halo else None,
            paint_order="stroke" if halo else None,
            class_=f"{css} wesaid-chart__halo" if halo else css,
        )
        element.text = content
        return element

    def lines(
        self,
        content: str,
        *,
        width: float = WIDTH - 4,
        bold: bool = False,
        size: int = FONT,
        css: str = "wesaid-chart__text",
    ) -> None:
        for line in wrap(content, width, size):
            self.y += size + 4
            self.text(2, self.y - 4, line, bold=bold, size=size, css=css)
        self.y += 4

    def pattern(self, index: int) -> str:
        """The fill for category ``index``: its pattern, defined once in this SVG."""
        if index in self.patterns:
            return self.patterns[index]
        ink = INKS[index % len(INKS)]
        pattern_id = f"{self.id}-pattern-{index}"
        p = self.add(
            "pattern", self.defs, id=pattern_id, patternUnits="userSpaceOnUse", width=8, height=8
        )
        p.set("data-pattern", ink.pattern)
        self.add("rect", p, width=8, height=8, fill=ink.tint)
        if ink.pattern == "stripes":
            self.add(
                "path",
                p,
                d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4",
                stroke=ink.colour,
                stroke_width=2.5,
            )
        elif ink.pattern == "dots":
            self.add("circle", p, cx=2, cy=2, r=1.8, fill=ink.colour)
            self.add("circle", p, cx=6, cy=6, r=1.8, fill=ink.colour)
        elif ink.pattern == "crosshatch":
            self.add("path", p, d="M0,0 l8,8 M8,0 l-8,8", stroke=ink.colour, stroke_width=1.5)
        elif ink.pattern == "horizontal":
            self.add("rect", p, y=0, width=8, height=3, fill=ink.colour)
        elif ink.pattern == "vertical":
            self.add("rect", p, x=0, width=3, height=8, fill=ink.colour)
        elif ink.pattern == "checks":
            self.add("rect", p, width=4, height=4, fill=ink.colour)
            self.add("rect", p, x=4, y=4, width=4, height=4, fill=ink.colour)
        self.patterns[index] = f"url(#{pattern_id})"
        return self.patterns[index]

    def swatch(self, x: float, y: float, index: int) -> None:
        self.add(
            "rect",
            x=x + 1,
            y=y + 1,
            width=16,
            height=16,
            fill=self.pattern(index),
            stroke=INKS[index % len(INKS)].colour,
            stroke_width=1.5,
        )

    def legend(self, labels: Sequence[str]) -> None:
        """A key: a swatch and the name of each category, flowing onto as many lines as needed."""
        key = self.add("g", class_="wesaid-chart__legend")
        x, top = 2.0, self.y + 4
        for index, label in enumerate(labels):
            width = 24 + text_width(label)
            if x > 2 and x + width > WIDTH:
                x, top = 2.0, top + LINE + 4
            self.swatch(x, top, index)
            self.text(x + 24, top + 14, label, parent=key)
            x += width + 16
        self.y = top + LINE + 8

    def svg(self) -> SafeString:
        self.root.set("viewBox", f"0 0 {WIDTH} {_n(math.ceil(self.y + 4))}")
        markup = ET.tostring(self.root, encoding="unicode", short_empty_elements=True)
        return mark_safe(markup)  # noqa: S308 - built by ElementTree, which escapes every text


def _chart_id(given: str | None) -> str:
    return given or f"chart-{next(_ids)}"


# --- 1. distribution by group --------------------------------------------------------------


@dataclass
class _Label:
    text: str
    centre: float
    width: float
    row: int = 0
    x: float = 0.0


def _share_rows(group: GroupCounts) -> tuple[int | None, list[float | None]]:
    """The total a group's shares rest on, and each share (None when it cannot be shown)."""
    counts = list(group.counts)
    if any(c is not None and c < 0 for c in counts):
        raise ValueError(f"{group.label}: a count cannot be negative")
    total = group.total
    if total is None and all(c is not None for c in counts):
        total = sum(c for c in counts if c is not None)
    if total is not None and total < sum(c for c in counts if c is not None):
        raise ValueError(f"{group.label}: the total is less than the counts it holds")
    if not total:
        return total, [None] * len(counts)
    return total, [None if c is None else c / total for c in counts]


def distribution(
    *,
    title: str,
    categories: Sequence[str],
    groups: Sequence[GroupCounts],
    hidden_below: int | None = None,
    category_heading: str | None = None,
    group_heading: str | None = None,
    table_caption: str | None = None,
    chart_id: str | None = None,
) -> Chart:
    """Stacked bars, one per group, a segment per category in the order given, each labelled
    with its share in percent; the table gives each share with the count it rests on."""
    if not categories or not groups:
        raise ValueError("a distribution needs at least one category and one group")
    # Words may come lazily translated (model choices); fix them in the active language.
    title, categories = str(title), [str(c) for c in categories]
    groups = [GroupCounts(str(g.label), list(g.counts), g.total) for g in groups]
    for group in groups:
        if len(group.counts) != len(categories):
            raise ValueError(
                f"{group.label}: {len(group.counts)} counts for {len(categories)} categories"
            )
    shared = [_share_rows(group) for group in groups]
    any_hidden = any(c is None for g in groups for c in g.counts) or any(
        t is None for t, _s in shared
    )
    chart_id = _chart_id(chart_id)
    parts = [
        _("Stacked bars, one for each group: %(groups)s.")
        % {"groups": _listed([g.label for g in groups])}
        if len(groups) > 1
        else _("A bar for %(group)s.") % {"group": groups[0].label},
        _(
            "Each bar is split into the share of people in each answer, in this order: "
            "%(categories)s."
        )
        % {"categories": _listed(categories)},
        _("The table after the chart gives every figure and how many people it rests on."),
    ]
    if any_hidden:
        parts.append(hidden_note(hidden_below))
    drawing = _Drawing(
        title=title, description=" ".join(parts), chart_id=chart_id, kind="distribution"
    )
    drawing.lines(title, bold=True)
    drawing.legend(categories)

    for group, (total, shares) in zip(groups, shared, strict=True):
        bar = drawing.add("g", class_="wesaid-chart__group")
        heading = (
            group.label
            if total is None
            else _("%(group)s (%(people)s)") % {"group": group.label, "people": _people(total)}
        )
        for line in wrap(heading, WIDTH - 4):
            drawing.y += LINE
            drawing.text(2, drawing.y - 5, line, parent=bar, bold=True)
        top = drawing.y + 2
        if total == 0:
            drawing.text(2, top + 20, _("Nobody yet"), parent=bar, css="wesaid-chart__note")
            drawing.y = top + BAR + 8
            continue
        if total is None or all(s is None for s in shares):
            drawing.text(2, top + 20, _("hidden"), parent=bar, css="wesaid-chart__hidden")
            drawing.y = top + BAR + 8
            continue
        x = 2.0
        plot = WIDTH - 4
        outside: list[_Label] = []
        for index, (category, count, share) in enumerate(
            zip(categories, group.counts, shares, strict=True)
        ):
            if share is None or count is None or share == 0:
                continue
            width = share * plot
            drawn = max(width - GAP, min(width, 2.0))
            rect = drawing.add(
                "rect",
                bar,
                x=x + (width - drawn) / 2,
                y=top,
                width=drawn,
                height=BAR,
                fill=drawing.pattern(index),
                stroke=INKS[index % len(INKS)].colour,
                stroke_width=1.5,
                class_="wesaid-chart__segment",
            )
            rect.set("data-category", str(index))
            ET.SubElement(rect, "title").text = _(
                "%(group)s, %(category)s: %(share)s, %(count)s of %(total)s"
            ) % {
                "group": group.label,
                "category": category,
                "share": percent(share),
                "count": number(count),
                "total": number(total),
            }
            label = percent(share)
            label_width = text_width(label) + 8
            if drawn >= label_width + 4:
                centre = x + width / 2
                chip = drawing.add("g", bar, class_="wesaid-chart__value")
                drawing.add(
                    "rect",
                    chip,
                    x=centre - label_width / 2,
                    y=top + BAR / 2 - 10,
                    width=label_width,
                    height=20,
                    rx=3,
                    fill=WHITE,
                )
                drawing.text(centre, top + BAR / 2 + 5, label, anchor="middle", parent=chip)
            else:
                outside.append(_Label(label, x + width / 2, label_width))
            x += width
        drawing.y = top + BAR
        rows = _place_below(outside)
        for item in outside:
            label_top = drawing.y + 6 + item.row * (LINE + 4)
            drawing.add(
                "path",
                bar,
                d=f"M{_n(item.centre)},{_n(drawing.y)} L{_n(item.x)},{_n(label_top)}",
                stroke=TEXT,
                stroke_width=1,
                class_="wesaid-chart__leader",
            )
            drawing.text(
                item.x,
                label_top + 15,
                item.text,
                anchor="middle",
                parent=bar,
                css="wesaid-chart__value",
            )
        drawing.y += rows * (LINE + 4) + (6 if rows else 0)
        hidden = [c for c, n in zip(categories, group.counts, strict=True) if n is None]
        if hidden:
            text = _("Hidden: %(categories)s") % {"categories": _listed(hidden)}
            for line in wrap(text, WIDTH - 4):
                drawing.y += LINE
                drawing.text(2, drawing.y - 4, line, parent=bar, css="wesaid-chart__hidden")
        drawing.y += 10
    if any_hidden:
        drawing.lines(hidden_note(hidden_below), size=SMALL, css="wesaid-chart__note")

    return Chart(
        id=chart_id,
        title=title,
        description=" ".join(parts),
        svg=drawing.svg(),
        table=_distribution_table(
            title=title,
            categories=categories,
            groups=groups,
            shared=shared,
            category_heading=category_heading or _("Answer"),
            group_heading=group_heading or _("Group"),
            caption=table_caption,
        ),
    )


def _place_below(labels: list[_Label]) -> int:
    """Set each label's row and x so none overlap, each as near its segment as it can be.
    Returns how many rows were used."""
    ends: list[float] = []  # where the last label on each row ends
    for label in labels:
        half = label.width / 2
        wanted = min(max(label.centre, half + 2), WIDTH - 2 - half)
        for row, end in enumerate(ends):
            x = max(wanted, end + 4 + half)
            if x + half <= WIDTH - 2:
                label.row, label.x = row, x
                ends[row] = x + half
                break
        else:
            label.row, label.x = len(ends), wanted
            ends.append(wanted + half)
    return len(ends)


def _share_text(count: int | None, share: float | None, total: int | None) -> str:
    if count is None or (share is None and total != 0):
        return _("hidden")
    return "" if share is None else percent(share)


def _distribution_table(
    *, title, categories, groups, shared, category_heading, group_heading, caption
) -> Table:
    hidden = _("hidden")
    caption = caption or _("Figures: %(title)s") % {"title": title}
    if len(groups) == 1:
        # One group: a row per category, with the people and the share.
        group = groups[0]
        total, shares = shared[0]
        share_heading = (
            _("Share") if not total else _("Share of %(people)s") % {"people": _people(total)}
        )
        head = (Cell(category_heading), Cell(_("People"), True), Cell(share_heading, True))
        rows = tuple(
            (
                Cell(category),
                Cell(hidden if count is None else number(count), True),
                Cell(_share_text(count, share, total), True),
            )
            for category, count, share in zip(categories, group.counts, shares, strict=True)
        )
        return Table(caption=caption, head=head, rows=rows)
    # Several groups: a row per group, a column per category, and the people it rests on.
    wide_head = (
        Cell(group_heading),
        *(Cell(category, True) for category in categories),
        Cell(_("People"), True),
    )
    wide_rows: list[tuple[Cell, ...]] = []
    for group, (total, shares) in zip(groups, shared, strict=True):
        cells = [Cell(group.label)]
        for count, share in zip(group.counts, shares, strict=True):
            if count is None:
                cells.append(Cell(hidden, True))
            elif share is None:
                cells.append(Cell(number(count), True))  # its share is unknown (or of nobody)
            else:
                cells.append(
                    Cell(
                        _("%(share)s (%(count)s)")
                        % {"share": percent(share), "count": number(count)},
                        True,
                    )
                )
        cells.append(Cell(hidden if total is None else number(total), True))
        wide_rows.append(tuple(cells))
    return Table(caption=caption, head=wide_head, rows=tuple(wide_rows))


# --- axes --------------------------------------------------------------------------------------


def ticks(low: float, high: float, most: int = 5) -> list[float]:
    """Round numbers from below ``low`` to above ``high``, at most ``most`` steps apart."""
    if high <= low:
        high = low + 1
    raw = (high - low) / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    stop = math.ceil(high / step) * step
    count = round((stop - start) / step)
    return [round(start + i * step, 10) for i in range(count + 1)]


def _places(values: Sequence[float]) -> int:
    """Decimals enough to tell the ticks apart."""
    for places in range(4):
        if all(abs(v - round(v, places)) < 1e-9 for v in values):
            return places
    return 4


# --- 2. estimates with intervals ---------------------------------------------------------------


def estimates(
    *,
    title: str,
    rows: Sequence[Estimate],
    axis_label: str,
    reference: float | None = 0.0,
    reference_label: str | None = None,
    places: int = 1,
    hidden_below: int | None = None,
    row_heading: str | None = None,
    table_caption: str | None = None,
    chart_id: str | None = None,
) -> Chart:
    """A dot per row with its likely range as a line, and a reference line (no change at 0)."""
    if not rows:
        raise ValueError("estimates needs at least one row")
    title, axis_label = str(title), str(axis_label)
    rows = [replace(row, label=str(row.label)) for row in rows]
    for row in rows:
        if row.value is not None and ((row.low is None) != (row.high is None)):
            raise ValueError(f"{row.label}: give both ends of the interval, or neither")
        if row.low is not None and row.high is not None and row.low > row.high:
            raise ValueError(f"{row.label}: the interval's low end is above its high end")
    chart_id = _chart_id(chart_id)
    reference_label = str(reference_label or _("No change"))
    shown = [r for r in rows if r.value is not None]
    any_hidden = len(shown) < len(rows)
    parts = [
        _("Each row shows an estimate as a dot and its likely range as a line: %(rows)s.")
        % {"rows": _listed([r.label for r in rows])},
        _("The scale is %(axis)s.") % {"axis": axis_label},
    ]
    if reference is not None:
        parts.append(
            _("A line marks %(reference)s at %(value)s.")
            % {"reference": reference_label, "value": number(reference, places)}
        )
    parts.append(_("The table after the chart gives every figure and how many people it rests on."))
    if any_hidden:
        parts.append(hidden_note(hidden_below))
    drawing = _Drawing(
        title=title, description=" ".join(parts), chart_id=chart_id, kind="estimates"
    )
    drawing.lines(title, bold=True)

    values = [v for r in shown for v in (r.value, r.low, r.high) if v is not None]
    if reference is not None:
        values.append(reference)
    scale = ticks(min(values), max(values)) if values else [0.0, 1.0]
    low, high = scale[0], scale[-1]
    left, right = 10.0, WIDTH - 10.0

    def x_of(v: float) -> float:
        return left + (v - low) / (high - low) * (right - left)

    top = drawing.y + 4
    if reference is not None:
        # The reference line's name above it, kept inside the drawing near either edge.
        at = x_of(reference)
        half = text_width(reference_label, SMALL) / 2
        anchor, x = "middle", at
        if at - half < 2:
            anchor, x = "start", 2.0
        elif at + half > WIDTH - 2:
            anchor, x = "end", WIDTH - 2.0
        drawing.text(
            x, top + 14, reference_label, anchor=anchor, size=SMALL, css="wesaid-chart__note"
        )
        top += LINE
    drawing.y = top
    # Gridlines and the reference line go in first, so they lie under the dots, not over them.
    under = drawing.add("g", class_="wesaid-chart__axis")
    for row in rows:
        group = drawing.add("g", class_="wesaid-chart__row")
        if row.value is None:
            value_text = _("hidden")
        elif row.low is None or row.high is None:
            value_text = number(row.value, places)
        else:
            value_text = _("%(value)s (%(low)s to %(high)s)") % {
                "value": number(row.value, places),
                "low": number(row.low, places),
                "high": number(row.high, places),
            }
        label = (
            row.label
            if row.count is None
            else _("%(label)s (%(people)s)") % {"label": row.label, "people": _people(row.count)}
        )
        together = f"{label}  {value_text}"
        css = "wesaid-chart__hidden" if row.value is None else "wesaid-chart__text"
        if text_width(together) <= WIDTH - 4:
            drawing.y += LINE
            drawing.text(2, drawing.y - 5, label, parent=group, bold=row.summary, halo=True)
            drawing.text(
                WIDTH - 2, drawing.y - 5, value_text, anchor="end", parent=group, halo=True, css=css
            )
        else:
            for line in wrap(label, WIDTH - 4):
                drawing.y += LINE
                drawing.text(2, drawing.y - 5, line, parent=group, bold=row.summary, halo=True)
            drawing.y += LINE
            drawing.text(2, drawing.y - 5, value_text, parent=group, halo=True, css=css)
        middle = drawing.y + 11
        if row.value is None:
            drawing.y += 8  # a hidden row draws nothing: no dot, no line
            continue
        else:
            if row.low is not None and row.high is not None:
                if row.summary:
                    d = (
                        f"M{_n(x_of(row.low))},{_n(middle)} L{_n(x_of(row.value))},{_n(middle - 8)} "
                        f"L{_n(x_of(row.high))},{_n(middle)} L{_n(x_of(row.value))},{_n(middle + 8)} Z"
                    )
                    drawing.add(
                        "path", group, d=d, fill=INKS[0].colour, class_="wesaid-chart__summary"
                    )
                else:
                    drawing.add(
                        "line",
                        group,
                        x1=x_of(row.low),
                        x2=x_of(row.high),
                        y1=middle,
                        y2=middle,
                        stroke=TEXT,
                        stroke_width=2,
                        class_="wesaid-chart__interval",
                    )
                    for end in (row.low, row.high):
                        drawing.add(
                            "line",
                            group,
                            x1=x_of(end),
                            x2=x_of(end),
                            y1=middle - 6,
                            y2=middle + 6,
                            stroke=TEXT,
                            stroke_width=2,
                        )
            if not (row.summary and row.low is not None):
                drawing.add(
                    "circle",
                    group,
                    cx=x_of(row.value),
                    cy=middle,
                    r=6,
                    fill=INKS[0].colour,
                    stroke=WHITE,
                    stroke_width=1.5,
                    class_="wesaid-chart__dot",
                )
        drawing.y = middle + 14
    bottom = drawing.y
    axis = drawing.add("g", class_="wesaid-chart__axis")
    for tick in scale:
        drawing.add(
            "line",
            under,
            x1=x_of(tick),
            x2=x_of(tick),
            y1=top,
            y2=bottom,
            stroke=GRID,
            stroke_width=1,
        )
    if reference is not None:
        drawing.add(
            "line",
            under,
            x1=x_of(reference),
            x2=x_of(reference),
            y1=top,
            y2=bottom,
            stroke=TEXT,
            stroke_width=1.5,
            stroke_dasharray="6 4",
            class_="wesaid-chart__reference",
        )
    drawing.add("line", axis, x1=left, x2=right, y1=bottom, y2=bottom, stroke=TEXT, stroke_width=1)
    tick_places = _places(scale)
    for tick in scale:
        drawing.add(
            "line",
            axis,
            x1=x_of(tick),
            x2=x_of(tick),
            y1=bottom,
            y2=bottom + 5,
            stroke=TEXT,
            stroke_width=1,
        )
        # The end labels line up with the drawing's edges, so they are never cut off.
        if tick == low:
            anchor, x = "start", 2.0
        elif tick == high:
            anchor, x = "end", WIDTH - 2.0
        else:
            anchor, x = "middle", x_of(tick)
        drawing.text(
            x, bottom + 20, number(tick, tick_places), anchor=anchor, parent=axis, size=SMALL
        )
    drawing.y = bottom + 24
    drawing.lines(axis_label, size=SMALL, css="wesaid-chart__note")
    if any_hidden:
        drawing.lines(hidden_note(hidden_below), size=SMALL, css="wesaid-chart__note")

    hidden = _("hidden")
    table_rows = tuple(
        (
            Cell(row.label),
            Cell(hidden if row.value is None else number(row.value, places), True),
            Cell(
                hidden
                if row.value is None
                else ""
                if row.low is None or row.high is None
                else _("%(low)s to %(high)s")
                % {"low": number(row.low, places), "high": number(row.high, places)},
                True,
            ),
            Cell(
                hidden
                if row.count is None and row.value is None
                else ""
                if row.count is None
                else number(row.count),
                True,
            ),
        )
        for row in rows
    )
    table = Table(
        caption=table_caption or _("Figures: %(title)s") % {"title": title},
        head=(
            Cell(row_heading or _("Outcome")),
            Cell(_("Estimate"), True),
            Cell(_("Likely range"), True),
            Cell(_("People"), True),
        ),
        rows=table_rows,
    )
    return Chart(
        id=chart_id, title=title, description=" ".join(parts), svg=drawing.svg(), table=table
    )


# --- 3. a monthly series -----------------------------------------------------------------------


def _month_name(month: date, *, short: bool = False) -> str:
    return formats.date_format(month, "M" if short else "F Y")


def monthly(
    *,
    title: str,
    series: Sequence[Series],
    value_label: str,
    change_month: date | str | None = None,
    change_label: str | None = None,
    levels: Sequence[Level] = (),
    places: int = 0,
    from_zero: bool = True,
    hidden_below: int | None = None,
    table_caption: str | None = None,
    chart_id: str | None = None,
) -> Chart:
    """Monthly figures as points joined by a line, one line per series, with the month of a
    change marked by a dashed line. A hidden month breaks the line; nothing is drawn for it."""
    if not series or not any(s.points for s in series):
        raise ValueError("monthly needs at least one series with a point")
    if len(series) > len(MARKERS):
        raise ValueError(f"at most {len(MARKERS)} series can be told apart")
    title, value_label = str(title), str(value_label)
    series = [Series(str(s.label), list(s.points)) for s in series]
    levels = [replace(level, label=str(level.label)) for level in levels]
    chart_id = _chart_id(chart_id)
    change_label = str(change_label or _("Change"))
    by_series = [{_month(p.month): p for p in s.points} for s in series]
    months_all = sorted(set().union(*[set(m) for m in by_series]))
    first, last = _month_number(months_all[0]), _month_number(months_all[-1])
    months = [date(n // 12, n % 12 + 1, 1) for n in range(first, last + 1)]
    change = _month(change_month) if change_month is not None else None
    any_hidden = any(p.value is None for s in series for p in s.points)

    parts = [
        _("Monthly figures: %(series)s. First month: %(first)s. Last month: %(last)s.")
        % {
            "first": _month_name(months[0]),
            "last": _month_name(months[-1]),
            "series": _listed([s.label for s in series]),
        },
        _("The scale is %(axis)s.") % {"axis": value_label},
    ]
    if change is not None:
        parts.append(
            _("A dashed line marks %(change)s in %(month)s.")
            % {"change": change_label, "month": _month_name(change)}
        )
    for level in levels:
        parts.append(
            _("A line marks %(level)s at %(value)s.")
            % {"level": level.label, "value": number(level.value, places)}
        )
    parts.append(_("The table after the chart gives every figure."))
    if any_hidden:
        parts.append(hidden_note(hidden_below))
    drawing = _Drawing(title=title, description=" ".join(parts), chart_id=chart_id, kind="monthly")
    drawing.lines(title, bold=True)
    # The key: each series' marker and line with its name.
    key = drawing.add("g", class_="wesaid-chart__legend")
    for index, s in enumerate(series):
        drawing.y += LINE + 2
        _series_sample(drawing, key, index, 2, drawing.y - 8)
        drawing.text(40, drawing.y - 3, s.label, parent=key)
    drawing.y += 6
    drawing.lines(value_label, size=SMALL, css="wesaid-chart__note")

    values = [p.value for s in series for p in s.points if p.value is not None]
    values += [level.value for level in levels]
    low_value = min(values) if values else 0.0
    if from_zero:
        low_value = min(low_value, 0.0)
    scale = ticks(low_value, max(values) if values else 1.0)
    tick_places = _places(scale)
    labels = [number(t, tick_places) for t in scale]
    left = max(text_width(label, SMALL) for label in labels) + 8
    right = WIDTH - 8
    # The change's label has a line of its own above the plot, so it never covers a point.
    top = drawing.y + 6 + (LINE if change is not None else 0)
    height = 180.0
    bottom = top + height

    def y_of(v: float) -> float:
        return bottom - (v - scale[0]) / (scale[-1] - scale[0]) * height

    step = (right - left) / max(len(months) - 1, 1)

    def x_of(month: date) -> float:
        if len(months) == 1:
            return (left + right) / 2
        return left + (_month_number(month) - first) * step

    axis = drawing.add("g", class_="wesaid-chart__axis")
    for tick, label in zip(scale, labels, strict=True):
        drawing.add(
            "line",
            axis,
            x1=left,
            x2=right,
            y1=y_of(tick),
            y2=y_of(tick),
            stroke=GRID,
            stroke_width=1,
        )
        drawing.text(left - 6, y_of(tick) + 5, label, anchor="end", size=SMALL, parent=axis)
    drawing.add("line", axis, x1=left, x2=right, y1=bottom, y2=bottom, stroke=TEXT, stroke_width=1)
    # Month labels: as many as fit, the year under January and under the first month.
    every = max(1, math.ceil(len(months) * 34 / (right - left)))
    for i, month in enumerate(months):
        if i % every:
            continue
        x = x_of(month)
        drawing.add("line", axis, x1=x, x2=x, y1=bottom, y2=bottom + 5, stroke=TEXT, stroke_width=1)
        drawing.text(
            x, bottom + 20, _month_name(month, short=True), anchor="middle", size=SMALL, parent=axis
        )
        if i == 0 or month.month <= every:
            drawing.text(x, bottom + 37, str(month.year), anchor="middle", size=SMALL, parent=axis)
    for level in levels:
        start = x_of(_month(level.start)) if level.start is not None else left
        end = x_of(_month(level.end)) if level.end is not None else right
        drawing.add(
            "line",
            x1=start,
            x2=end,
            y1=y_of(level.value),
            y2=y_of(level.value),
            stroke=SECONDARY,
            stroke_width=1.5,
            stroke_dasharray="4 3",
            class_="wesaid-chart__level",
        )
        drawing.text(
            end,
            y_of(level.value) - 5,
            level.label,
            anchor="end",
            size=SMALL,
            css="wesaid-chart__note",
            halo=True,
        )
    if change is not None:
        x = x_of(change) - (step / 2 if len(months) > 1 and change > months[0] else 0)
        drawing.add(
            "line",
            x1=x,
            x2=x,
            y1=top - LINE,
            y2=bottom,
            stroke=TEXT,
            stroke_width=2,
            stroke_dasharray="6 4",
            class_="wesaid-chart__change",
        )
        label = _("%(change)s: %(month)s") % {"change": change_label, "month": _month_name(change)}
        width = text_width(label, SMALL)
        if x + 6 + width <= WIDTH - 2:
            anchor, at = "start", x + 6
        elif x - 6 - width >= 2:
            anchor, at = "end", x - 6
        else:
            anchor, at = "end", WIDTH - 2.0
        drawing.text(
            at, top - 6, label, anchor=anchor, size=SMALL, css="wesaid-chart__note", halo=True
        )
    for index, (s, points) in enumerate(zip(series, by_series, strict=True)):
        ink = INKS[index % len(INKS)]
        group = drawing.add("g", class_="wesaid-chart__series")
        group.set("data-series", str(index))
        run: list[str] = []
        for slot in [*months, None]:
            point = points.get(slot) if slot is not None else None
            if slot is None or point is None or point.value is None:
                if len(run) > 1:
                    drawing.add(
                        "polyline",
                        group,
                        points=" ".join(run),
                        fill="none",
                        stroke=ink.colour,
                        stroke_width=2.5,
                        stroke_dasharray=DASHES[index] or None,
                    )
                run = []
                continue
            run.append(f"{_n(x_of(slot))},{_n(y_of(point.value))}")
        for month, point in sorted(points.items()):
            if point.value is None:
                continue
            marker = _marker(drawing, group, index, x_of(month), y_of(point.value))
            ET.SubElement(marker, "title").text = _("%(series)s, %(month)s: %(value)s") % {
                "series": s.label,
                "month": _month_name(month),
                "value": number(point.value, places),
            }
    drawing.y = bottom + 42
    if any_hidden:
        drawing.lines(hidden_note(hidden_below), size=SMALL, css="wesaid-chart__note")

    hidden = _("hidden")
    with_counts = [any(p.count is not None for p in s.points) for s in series]
    head: list[Cell] = [Cell(_("Month"))]
    for s, counts in zip(series, with_counts, strict=True):
        head.append(Cell(s.label, True))
        if counts:
            head.append(Cell(_("%(series)s: based on") % {"series": s.label}, True))
    table_rows = []
    for month in months:
        name = _month_name(month)
        if month == change:
            name = _("%(month)s (%(change)s)") % {"month": name, "change": change_label}
        cells = [Cell(name)]
        for points, counts in zip(by_series, with_counts, strict=True):
            point = points.get(month)
            if point is None:
                cells.append(Cell("", True))
            else:
                cells.append(
                    Cell(hidden if point.value is None else number(point.value, places), True)
                )
            if counts:
                count = point.count if point is not None else None
                cells.append(Cell("" if count is None else number(count), True))
        table_rows.append(tuple(cells))
    table = Table(
        caption=table_caption or _("Figures: %(title)s") % {"title": title},
        head=tuple(head),
        rows=tuple(table_rows),
    )
    return Chart(
        id=chart_id, title=title, description=" ".join(parts), svg=drawing.svg(), table=table
    )


def _marker(drawing: _Drawing, parent: ET.Element, index: int, x: float, y: float) -> ET.Element:
    shape = MARKERS[index % len(MARKERS)]
    ink = INKS[index % len(INKS)]
    common: dict[str, Any] = {
        "fill": ink.colour,
        "stroke": WHITE,
        "stroke_width": 1.5,
        "class_": "wesaid-chart__point",
    }
    if shape == "circle":
        return drawing.add("circle", parent, cx=x, cy=y, r=5, **common)
    if shape == "square":
        return drawing.add("rect", parent, x=x - 5, y=y - 5, width=10, height=10, **common)
    if shape == "triangle":
        d = f"M{_n(x)},{_n(y - 6)} L{_n(x + 6)},{_n(y + 5)} L{_n(x - 6)},{_n(y + 5)} Z"
        return drawing.add("path", parent, d=d, **common)
    d = f"M{_n(x)},{_n(y - 7)} L{_n(x + 6)},{_n(y)} L{_n(x)},{_n(y + 7)} L{_n(x - 6)},{_n(y)} Z"
    return drawing.add("path", parent, d=d, **common)


def _series_sample(drawing: _Drawing, parent: ET.Element, index: int, x: float, y: float) -> None:
    ink = INKS[index % len(INKS)]
    drawing.add(
        "line",
        parent,
        x1=x,
        x2=x + 32,
        y1=y,
        y2=y,
        stroke=ink.colour,
        stroke_width=2.5,
        stroke_dasharray=DASHES[index] or None,
    )
    _marker(drawing, parent, index, x + 16, y)
