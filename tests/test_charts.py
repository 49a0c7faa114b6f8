"""The chart helper (wesaid.core.charts): SVG drawn on the server, read back with an XML parser.

Expected geometry is worked out by hand from the drawing's plot area: bars run from x = 2 to
x = 318 (316 units wide) and each segment gives up GAP = 4 units of white, 2 on each side, so a
share s is drawn s * 316 - 4 wide, starting 2 units after its boundary.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from wesaid.checkins.services import checkin_answer, checkin_close
from wesaid.core import charts
from wesaid.core.roles import Role
from wesaid.projects.models import ProjectMember
from wesaid.projects.services import project_member_add

from .conftest import CheckedClient, make_person, sign_in

BANDS = ["Not important (1-3)", "Important (4-6)", "Very important (7-9)", "I don't know"]


def parse(svg: object) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 - our own output, not untrusted data


def svg_of(chart: charts.Chart) -> ET.Element:
    return parse(chart.svg)


def tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def find_all(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if tag(e) == name]


def with_class(root: ET.Element, name: str, css: str) -> list[ET.Element]:
    return [e for e in find_all(root, name) if css in (e.get("class") or "").split()]


def texts(root: ET.Element) -> list[str]:
    return [e.text or "" for e in find_all(root, "text")]


def segments(root: ET.Element) -> list[ET.Element]:
    return with_class(root, "rect", "wesaid-chart__segment")


def consensus_chart(**overrides) -> charts.Chart:
    arguments = {
        "title": "How important is feeling listened to?",
        "categories": BANDS,
        "groups": [
            charts.GroupCounts("People with lived experience", [3, 5, 2, 0]),
            charts.GroupCounts("Staff", [1, 1, 7, 1]),
        ],
    }
    arguments.update(overrides)
    return charts.distribution(**arguments)


def test_the_svg_is_an_image_labelled_by_its_title_and_description():
    chart = consensus_chart()
    root = svg_of(chart)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    title = next(e for e in root.iter() if e.get("id") == title_id)
    desc = next(e for e in root.iter() if e.get("id") == desc_id)
    assert (tag(title), tag(desc)) == ("title", "desc")
    assert title.text == "How important is feeling listened to?"
    assert desc.text.startswith(
        "Stacked bars, one for each group: People with lived experience, Staff. Each bar is split "
        "into the share of people in each answer, in this order: Not important (1-3), Important "
        "(4-6), Very important (7-9), I don't know."
    )
    # It scales to its box: a viewBox and a width of 100%, no fixed height.
    assert root.get("viewBox").startswith("0 0 320 ")
    assert root.get("width") == "100%" and root.get("height") is None


def test_two_charts_on_one_page_share_no_id_and_each_points_only_at_its_own():
    first, second = consensus_chart(), consensus_chart()
    html = Template("{% chart a %}{% chart b %}").render(Context({"a": first, "b": second}))
    soup = BeautifulSoup(html, "html.parser")
    ids = [element["id"] for element in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)) and len(ids) > 4
    for chart in (first, second):
        root = svg_of(chart)
        own = {e.get("id") for e in root.iter() if e.get("id")}
        wanted = set(root.get("aria-labelledby").split())
        wanted |= {
            match
            for e in root.iter()
            for match in re.findall(r"url\(#([^)]+)\)", e.get("fill") or "")
        }
        assert wanted and wanted <= own


def test_segments_are_as_wide_as_their_share_of_the_plot():
    root = svg_of(consensus_chart())
    bars = with_class(root, "g", "wesaid-chart__group")
    first = [float(r.get(a)) for r in segments(bars[0]) for a in ("x", "width")]
    # 3, 5 and 2 of 10 (the 0 draws nothing): 30%, 50% and 20% of 316 units, less the gaps.
    assert first == pytest.approx([4.0, 90.8, 98.8, 154.0, 256.8, 59.2])
    second = [float(r.get(a)) for r in segments(bars[1]) for a in ("x", "width")]
    # 1, 1, 7 and 1 of 10: 31.6 units each for the small ones, 221.2 for the large one.
    assert second == pytest.approx([4.0, 27.6, 35.6, 27.6, 67.2, 217.2, 288.4, 27.6])


def test_each_category_has_its_own_pattern_and_every_segment_a_text_label():
    chart = consensus_chart()
    root = svg_of(chart)
    fills = {}
    for rect in segments(root):
        fills.setdefault(rect.get("data-category"), set()).add(rect.get("fill"))
    assert all(len(f) == 1 for f in fills.values()), "a category changed its fill"
    patterns = {e.get("id"): e.get("data-pattern") for e in find_all(root, "pattern")}
    used = {cat: patterns[next(iter(f))[5:-1]] for cat, f in fills.items()}
    assert len(set(used.values())) == len(BANDS) == len(used)
    # The key names every category in words.
    legend = with_class(root, "g", "wesaid-chart__legend")[0]
    assert [t.text for t in find_all(legend, "text")] == BANDS
    # Every segment's share is written beside or on it, bar by bar.
    bars = with_class(root, "g", "wesaid-chart__group")
    labels = [
        [t.text for t in find_all(bar, "text") if "wesaid-chart__value" in (t.get("class") or "")]
        + [t.text for g in with_class(bar, "g", "wesaid-chart__value") for t in find_all(g, "text")]
        for bar in bars
    ]
    assert sorted(labels[0]) == sorted(["30%", "50%", "20%"])
    assert sorted(labels[1]) == sorted(["10%", "10%", "70%", "10%"])


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.2's relative luminance, from its definition."""
    channels = []
    for i in (1, 3, 5):
        c = int(hex_colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_every_colour_that_shows_a_figure_has_3_to_1_contrast_with_white():
    for ink in charts.INKS:
        ratio = (1.0 + 0.05) / (relative_luminance(ink.colour) + 0.05)
        assert ratio >= 3, f"{ink.colour} is only {ratio:.2f}:1 against white"
    assert len({ink.pattern for ink in charts.INKS}) == len(charts.INKS)


def test_a_hidden_count_draws_nothing_and_the_chart_and_table_say_so():
    chart = consensus_chart(
        groups=[
            charts.GroupCounts("Unpaid carers", [None, None, 6, 1], total=9),
            charts.GroupCounts("Managers", [None, None, None, None]),
        ],
        hidden_below=5,
    )
    root = svg_of(chart)
    bars = with_class(root, "g", "wesaid-chart__group")
    # Carers: only the two shown counts are drawn, 6 and 1 of 9, side by side from the left.
    assert [r.get("data-category") for r in segments(bars[0])] == ["2", "3"]
    widths = [float(r.get("width")) for r in segments(bars[0])]
    assert widths == pytest.approx([6 / 9 * 316 - 4, 1 / 9 * 316 - 4], abs=0.01)
    assert "Hidden: Not important (1-3), Important (4-6)" in " ".join(texts(bars[0]))
    assert segments(bars[1]) == [] and "hidden" in texts(bars[1])
    note = "Hidden to protect privacy: a group of fewer than 5 people, or a figure that could give one away."
    assert note in root.find("{http://www.w3.org/2000/svg}desc").text
    assert "fewer than 5" in " ".join(texts(root))
    rows = [[c.text for c in row] for row in chart.table.rows]
    assert rows == [
        ["Unpaid carers", "hidden", "hidden", "67% (6)", "11% (1)", "9"],
        ["Managers", "hidden", "hidden", "hidden", "hidden", "hidden"],
    ]


def test_nothing_is_styled_inline():
    month = [charts.Point("2025-01", 4), charts.Point("2025-02", None)]
    made = [
        consensus_chart(),
        charts.estimates(
            title="Change",
            axis_label="points",
            rows=[charts.Estimate("A", 1.0, 0.5, 1.5, 12), charts.Estimate("B", None)],
        ),
        charts.monthly(title="Visits", value_label="visits", series=[charts.Series("Ours", month)]),
    ]
    for chart in made:
        root = svg_of(chart)
        assert not [e for e in root.iter() if e.get("style") is not None or tag(e) == "style"]
        soup = BeautifulSoup(str(charts.figure(chart)), "html.parser")
        assert not soup.find(attrs={"style": True}) and not soup.find("style")


def test_the_table_holds_the_charts_figures_with_the_counts_they_rest_on():
    chart = consensus_chart()
    assert [c.text for c in chart.table.head] == ["Group", *BANDS, "People"]
    assert [[c.text for c in row] for row in chart.table.rows] == [
        ["People with lived experience", "30% (3)", "50% (5)", "20% (2)", "0% (0)", "10"],
        ["Staff", "10% (1)", "10% (1)", "70% (7)", "10% (1)", "10"],
    ]
    html = str(charts.figure(chart))
    soup = BeautifulSoup(html, "html.parser")
    # The SVG comes first, then one GOV.UK table with the same figures.
    assert soup.find("svg").find_next("table") is soup.find("table")
    cells = [td.get_text(strip=True) for td in soup.find("table").find_all("td")]
    assert cells[:5] == ["30% (3)", "50% (5)", "20% (2)", "0% (0)", "10"]


def test_one_group_gets_a_row_per_answer():
    chart = charts.distribution(
        title="How people answered",
        categories=["Very good", "Good", "Bad"],
        groups=[charts.GroupCounts("Everyone", [1, 2, 1])],
    )
    assert [c.text for c in chart.table.head] == ["Answer", "People", "Share of 4 people"]
    assert [[c.text for c in row] for row in chart.table.rows] == [
        ["Very good", "1", "25%"],
        ["Good", "2", "50%"],
        ["Bad", "1", "25%"],
    ]


def test_a_group_of_nobody_says_so_and_hides_nothing():
    chart = charts.distribution(
        title="How people answered",
        categories=["Good", "Bad"],
        groups=[charts.GroupCounts("Everyone", [0, 0])],
    )
    root = svg_of(chart)
    assert segments(root) == [] and "Nobody yet" in texts(root)
    assert [[c.text for c in row] for row in chart.table.rows] == [
        ["Good", "0", ""],
        ["Bad", "0", ""],
    ]
    assert "hidden" not in " ".join(texts(root)).lower()


def test_estimates_put_each_dot_and_interval_on_the_scale():
    chart = charts.estimates(
        title="Change in confidence",
        axis_label="points",
        rows=[
            charts.Estimate("Members", 1.0, 0.5, 1.5, 14),
            charts.Estimate("Carers", -1.0, -2.0, 0.0, 6),
            charts.Estimate("Staff", None),
        ],
        hidden_below=5,
    )
    root = svg_of(chart)
    # Values run from -2 to 1.5 with 0: the scale is -2 to 2 in steps of 1, drawn from x = 10
    # to x = 310, so x = 10 + 75 * (value + 2).
    dots = [float(c.get("cx")) for c in with_class(root, "circle", "wesaid-chart__dot")]
    assert dots == pytest.approx([235.0, 85.0])
    lines = [
        float(e.get(end))
        for e in with_class(root, "line", "wesaid-chart__interval")
        for end in ("x1", "x2")
    ]
    assert lines == pytest.approx([197.5, 272.5, 10.0, 160.0])
    reference = with_class(root, "line", "wesaid-chart__reference")[0]
    assert float(reference.get("x1")) == pytest.approx(160.0)
    assert [
        t.text for g in with_class(root, "g", "wesaid-chart__axis") for t in find_all(g, "text")
    ] == ["-2", "-1", "0", "1", "2"]
    # The hidden row draws no dot and says it is hidden.
    staff = with_class(root, "g", "wesaid-chart__row")[2]
    assert find_all(staff, "circle") == [] and "hidden" in texts(staff)
    assert [[c.text for c in row] for row in chart.table.rows] == [
        ["Members", "1.0", "0.5 to 1.5", "14"],
        ["Carers", "-1.0", "-2.0 to 0.0", "6"],
        ["Staff", "hidden", "hidden", "hidden"],
    ]


def test_a_monthly_series_breaks_at_a_hidden_month_and_marks_the_change():
    points = [
        charts.Point(date(2025, 1, 1), 10),
        charts.Point(date(2025, 2, 1), 20),
        charts.Point(date(2025, 3, 1), None),
        charts.Point(date(2025, 4, 1), 40),
    ]
    chart = charts.monthly(
        title="Visits each month",
        value_label="Visits",
        series=[charts.Series("Our service", points)],
        change_month="2025-03",
        change_label="New rota",
        hidden_below=5,
    )
    root = svg_of(chart)
    series = with_class(root, "g", "wesaid-chart__series")[0]
    # January to February joined; March hidden; April alone is a point with no line.
    polylines = find_all(series, "polyline")
    assert len(polylines) == 1 and len(polylines[0].get("points").split()) == 2
    marks = [e for e in series if "wesaid-chart__point" in (e.get("class") or "")]
    assert len(marks) == 3
    (x_jan, y_jan), (x_feb, y_feb) = (
        tuple(map(float, pair.split(","))) for pair in polylines[0].get("points").split()
    )
    x_apr = float(marks[2].get("cx"))
    step = x_feb - x_jan
    assert x_apr - x_feb == pytest.approx(2 * step, abs=0.02)  # months evenly spaced, March kept
    # 10 of a 0-40 scale on a plot 180 high: 45 units a step of 10.
    assert y_jan - y_feb == pytest.approx(45.0)
    change = with_class(root, "line", "wesaid-chart__change")[0]
    assert float(change.get("x1")) == pytest.approx(
        x_feb + step / 2, abs=0.01
    )  # between Feb and March
    assert "New rota: March 2025" in texts(root)
    assert [[c.text for c in row] for row in chart.table.rows] == [
        ["January 2025", "10"],
        ["February 2025", "20"],
        ["March 2025 (New rota)", "hidden"],
        ["April 2025", "40"],
    ]


def test_every_word_is_welsh_on_a_welsh_page():
    with translation.override("cy"):
        chart = charts.monthly(
            title="Ymweliadau",
            value_label="Ymweliadau",
            series=[charts.Series("Ein gwasanaeth", [charts.Point("2025-03", 1234)])],
            change_month="2025-03",
        )
        root = svg_of(chart)
    assert [[c.text for c in row] for row in chart.table.rows] == [["Mawrth 2025 (Newid)", "1,234"]]
    assert [c.text for c in chart.table.head] == ["Mis", "Ein gwasanaeth"]
    assert "Newid: Mawrth 2025" in texts(root)
    assert chart.table.caption == "Ffigurau: Ymweliadau"
    desc = root.find("{http://www.w3.org/2000/svg}desc").text
    assert desc.startswith(
        "Ffigurau misol: Ein gwasanaeth. Mis cyntaf: Mawrth 2025. Mis olaf: Mawrth 2025."
    )


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="3 counts for 4 categories"):
        consensus_chart(groups=[charts.GroupCounts("Staff", [1, 2, 3])])
    with pytest.raises(ValueError, match="cannot be negative"):
        consensus_chart(groups=[charts.GroupCounts("Staff", [1, 2, 3, -1])])
    with pytest.raises(ValueError, match="less than the counts"):
        consensus_chart(groups=[charts.GroupCounts("Staff", [1, 2, 3, None], total=5)])
    with pytest.raises(ValueError, match="low end"):
        charts.estimates(title="x", axis_label="y", rows=[charts.Estimate("A", 1, 2, 0)])


# --- the check-in results page ---------------------------------------------------------------


def results(client, checkin) -> BeautifulSoup:
    page = client.get(reverse("checkins:results", args=[checkin.pk]))
    return BeautifulSoup(page.content.decode(), "html.parser")


@pytest.mark.django_db
def test_the_team_sees_the_answers_as_a_bar_beside_the_counts(lead, checkin, member):
    checkin_answer(checkin=checkin, person=member, feeling=4, submission_id=uuid.uuid4())
    soup = results(sign_in(CheckedClient(), lead), checkin)
    svg = soup.find("svg")
    root = parse(svg)
    assert root.find("{http://www.w3.org/2000/svg}title").text == "How people answered"
    drawn = segments(root)
    # One person, one answer: "Good" (the second answer, best first) fills the bar.
    assert [(r.get("data-category"), float(r.get("width"))) for r in drawn] == [("1", 312.0)]
    table = svg.find_next("table")
    assert table.caption.get_text(strip=True) == "How many gave each answer"
    rows = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in table.tbody("tr")]
    assert rows[1] == ["Good", "1", "100%"]


@pytest.mark.django_db
def test_outside_the_team_hidden_answers_are_not_drawn(
    organisation, lead, project, checkin, member
):
    people = [member] + [make_person(organisation, Role.MEMBER, f"Member {i}") for i in range(7)]
    for person in people[1:]:
        project_member_add(
            project=project, person=person, group=ProjectMember.Group.LIVED_EXPERIENCE, actor=lead
        )
    for person, feeling in zip(people, [5, 5, 5, 5, 5, 4, 2, 4], strict=True):
        checkin_answer(checkin=checkin, person=person, feeling=feeling, submission_id=uuid.uuid4())
    checkin_close(checkin=checkin, actor=lead)
    outsider = sign_in(CheckedClient(), make_person(organisation, Role.MANAGER, "Grace Manager"))
    root = parse(results(outsider, checkin).find("svg"))
    # 5 of 8 said very good (shown); good (2) and bad (1) are small, and the zeros are hidden
    # too (anyone can count the members), so only one segment is drawn.
    assert [r.get("data-category") for r in segments(root)] == ["0"]
    assert float(segments(root)[0].get("width")) == pytest.approx(5 / 8 * 316 - 4, abs=0.01)
    words = " ".join(texts(root))
    assert "Hidden: Good, Okay, Bad, Very bad" in words and "fewer than 5 people" in words


@pytest.mark.django_db
def test_the_welsh_results_page_draws_the_chart_in_welsh(lead, checkin, member):
    checkin_answer(checkin=checkin, person=member, feeling=5, submission_id=uuid.uuid4())
    client = sign_in(CheckedClient(), lead)
    with translation.override("cy"):
        url = reverse("checkins:results", args=[checkin.pk])
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    root = parse(soup.find("svg"))
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Sut atebodd pobl"
    legend = with_class(root, "g", "wesaid-chart__legend")[0]
    assert [t.text for t in find_all(legend, "text")] == [
        "Da iawn",
        "Da",
        "Iawn",
        "Gwael",
        "Gwael iawn",
    ]
    assert "Pawb a atebodd (1 person)" in texts(root)
