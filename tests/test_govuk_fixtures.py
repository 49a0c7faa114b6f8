"""Our component library draws what GOV.UK Frontend draws, fixture by fixture.

GOV.UK Frontend ships, for each component, ``fixtures.json``: the options of each of its own
examples and the HTML its Nunjucks macro makes from them. Every fixture of every component we
provide is rendered here through our bridge (``wesaid.core.components.render``, the function
the template tags call, with its translated defaults and escaping rules), never by calling a
Jinja macro directly, and compared with that HTML.

How the two are compared (``normalise``): both are parsed into a tree of elements, attributes
and text. Differences that a browser ignores are removed, and nothing else:
- runs of whitespace in text become one space, and text that is only whitespace is dropped
  (Nunjucks and Jinja indent differently). Inside <pre> and <textarea> text is kept exactly;
- attributes are compared as a set, in any order;
- inside ``class`` the names are compared as a set, in any order;
- HTML comments are left out.
Everything else (element names, nesting, attribute names and values, text) must be equal.

Inputs: in Django, trusted HTML is a ``SafeString``. The fixtures' HTML options (``html``,
``*Html``, ``slots``) are GOV.UK's own trusted markup, so ``django_options`` marks them safe
before they reach the bridge; a plain string there would be escaped (see the tests of the
bridge below the fixtures).
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag
from django.template import Context, Template
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wesaid.core import components

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "components"

# Fixtures not compared, each with its reason. Empty means every fixture is compared.
SKIPPED: dict[tuple[str, str], str] = {}


@cache
def fixtures(component: str) -> list[dict[str, Any]]:
    path = FIXTURES / component / "fixtures.json"
    return json.loads(path.read_text(encoding="utf-8"))["fixtures"]


def cases() -> list[tuple[str, str]]:
    if not FIXTURES.is_dir():
        raise RuntimeError(f"{FIXTURES} is missing: run `make install` (it runs npm ci) first")
    return [
        (component, fixture["name"])
        for component in components.GOVUK_COMPONENTS
        for fixture in fixtures(component)
    ]


def django_options(value: Any, *, html: bool = False) -> Any:
    """Fixture options as a Django caller would pass them: trusted HTML as SafeString."""
    if isinstance(value, str):
        return mark_safe(value) if html else value  # noqa: S308 - GOV.UK's own examples
    if isinstance(value, dict):
        converted = {}
        for key, item in value.items():
            if key == "slots" and isinstance(item, dict):
                converted[key] = {slot: django_options(v, html=True) for slot, v in item.items()}
            else:
                is_html = key == "html" or key.endswith("Html")
                is_html = is_html or (key == "attributes" and isinstance(item, str))
                converted[key] = django_options(item, html=is_html)
        return converted
    if isinstance(value, list):
        return [django_options(item) for item in value]
    return value


WHITESPACE = re.compile(r"\s+")
KEEP_WHITESPACE = {"pre", "textarea"}


def normalise(html: str) -> list[Any]:
    """A comparable form of some HTML: see the module docstring for what is ignored."""
    soup = BeautifulSoup(html, "html.parser")
    return _children(soup, keep=False)


def _children(node: Tag, *, keep: bool) -> list[Any]:
    out: list[Any] = []
    for child in node.children:
        if isinstance(child, Tag):
            attributes = []
            for name, value in child.attrs.items():
                if name == "class":
                    names = value if isinstance(value, list) else value.split()
                    value = " ".join(sorted(names))
                elif isinstance(value, list):
                    value = " ".join(value)
                attributes.append((name, value))
            out.append(
                (
                    child.name,
                    tuple(sorted(attributes)),
                    tuple(_children(child, keep=keep or child.name in KEEP_WHITESPACE)),
                )
            )
        elif isinstance(child, NavigableString) and type(child) is NavigableString:
            text = str(child) if keep else WHITESPACE.sub(" ", str(child))
            if keep or text.strip():
                out.append(text)
    return out


def render_fixture(component: str, name: str) -> str:
    fixture = next(f for f in fixtures(component) if f["name"] == name)
    with translation.override("en"):
        return str(components.render(component, django_options(fixture["options"])))


def expected_html(component: str, name: str) -> str:
    return next(f for f in fixtures(component) if f["name"] == name)["html"]


@pytest.mark.parametrize(("component", "name"), cases(), ids=lambda v: v)
def test_our_library_draws_the_govuk_fixture(component, name):
    if (component, name) in SKIPPED:
        pytest.skip(SKIPPED[(component, name)])
    ours = render_fixture(component, name)
    assert normalise(ours) == normalise(expected_html(component, name)), ours


def test_every_component_is_counted_and_every_skip_is_real(capsys):
    """Render them all once more to print the counts, and check the skip list names real fixtures."""
    rendered = matched = 0
    for component, name in cases():
        if (component, name) in SKIPPED:
            continue
        rendered += 1
        matched += normalise(render_fixture(component, name)) == normalise(
            expected_html(component, name)
        )
    assert set(SKIPPED) <= set(cases()), "a skipped fixture that GOV.UK Frontend does not have"
    with capsys.disabled():
        print(
            f"\nGOV.UK fixtures: {len(components.GOVUK_COMPONENTS)} components, "
            f"{rendered} rendered, {matched} matched, {len(SKIPPED)} skipped"
        )
    assert rendered + len(SKIPPED) == len(cases())
    assert matched == rendered
    assert len(cases()) > 500  # GOV.UK Frontend 6.3.0 ships 534 for these components


def test_the_fixtures_come_from_the_pinned_govuk_frontend():
    package = json.loads((FIXTURES.parents[2] / "package.json").read_text())
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["govuk-frontend"]
    assert package["version"] == pinned == "6.3.0"


# --- The comparison can fail -----------------------------------------------------------------

ALTERATIONS = [
    ("a class renamed", 'class="govuk-radios__input"', 'class="govuk-radios__inputs"'),
    ("a class added", 'class="govuk-radios__input"', 'class="govuk-radios__input extra"'),
    ("an attribute value changed", 'value="yes"', 'value="yes!"'),
    ("an attribute dropped", ' type="radio"', ""),
    ("an attribute added", ' type="radio"', ' type="radio" disabled'),
    ("a word changed", "Yes\n", "Yeah\n"),
    ("a space inside a word", "Yes\n", "Y es\n"),
    ("an element renamed", "<label", "<span"),
    ("an element wrapped", "<input", "<div><input"),
]


@pytest.mark.parametrize(("what", "old", "new"), ALTERATIONS, ids=[a[0] for a in ALTERATIONS])
def test_an_altered_expected_html_does_not_match(what, old, new):
    expected = expected_html("radios", "default")
    assert old in expected
    altered = expected.replace(old, new, 1)
    if new.startswith("<span"):
        altered = altered.replace("</label>", "</span>", 1)
    if new.startswith("<div><input"):
        altered = altered.replace(">\n      <label", "></div>\n      <label", 1)
    ours = render_fixture("radios", "default")
    assert normalise(ours) == normalise(expected)
    assert normalise(ours) != normalise(altered), what


def test_whitespace_and_attribute_order_are_all_that_is_ignored():
    assert normalise('<p  class="b a"\n id="x">Hi\n  there</p>') == normalise(
        '<p id="x" class="a b">Hi there</p>'
    )
    assert normalise("<p>Hi there</p>") != normalise("<p>Hithere</p>")
    assert normalise("<textarea>a\n b</textarea>") != normalise("<textarea>a b</textarea>")


# --- The bridge: escaping, template tags, Welsh defaults --------------------------------------


def draw(source: str, language: str = "en", **context) -> str:
    with translation.override(language):
        return Template(source).render(Context(context))


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_text_is_escaped_and_only_django_safe_html_is_drawn_as_html():
    script = "<script>alert(1)</script>"
    text = str(components.render("inset-text", {"text": script}))
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    trusted = str(components.render("inset-text", {"html": format_html("<b>{}</b>", "bold")}))
    assert "<b>bold</b>" in trusted
    # A plain string given as html is not trusted: Django's rules, not Nunjucks'.
    plain = str(components.render("inset-text", {"html": script}))
    assert "<script>" not in plain and "&lt;script&gt;" in plain
    # The same through the template tag: a variable is text; captured template HTML is HTML.
    page = draw(
        "{% govuk_html as body %}<b>{{ name }}</b>{% endgovuk_html %}"
        '{% govuk "inset-text" text=name %}{% govuk "warning-text" html=body %}',
        name=script,
    )
    assert "<script>" not in page
    assert page.count("&lt;script&gt;") == 2
    assert "<b>&lt;script&gt;" in page


def test_nested_params_come_from_dotted_names_and_dicts():
    page = draw(
        '{% govuk "radios" params name="where" fieldset.legend.text=_("Where do you live?") '
        'fieldset.legend.isPageHeading=True fieldset.legend.classes="govuk-fieldset__legend--l" %}',
        params={
            "items": [{"value": "wales", "text": "Wales"}, {"value": "england", "text": "England"}]
        },
    )
    legend = soup(page).select_one("legend.govuk-fieldset__legend--l h1.govuk-fieldset__heading")
    assert legend is not None and legend.get_text(strip=True) == "Where do you live?"
    assert [i["id"] for i in soup(page).select("input")] == ["where", "where-2"]


def test_a_call_body_and_lists_built_in_a_loop():
    page = draw(
        '{% govuk_call "details" summaryText="Help" %}<p class="govuk-body">{{ tip }}</p>'
        "{% endgovuk_call %}"
        "{% govuk_list as rows %}{% for name, role in people %}"
        "{% govuk_add rows key.text=name value.text=role %}{% endfor %}"
        '{% govuk "summary-list" rows=rows %}',
        tip="Ask & see",
        people=[("Ann", "Member"), ("Bo", "Carer")],
    )
    page = soup(page)
    assert page.select_one(".govuk-details__text p").get_text() == "Ask & see"
    keys = [k.get_text(strip=True) for k in page.select(".govuk-summary-list__key")]
    values = [v.get_text(strip=True) for v in page.select(".govuk-summary-list__value")]
    assert (keys, values) == (["Ann", "Bo"], ["Member", "Carer"])


def test_a_table_row_can_be_a_list_of_cells():
    page = draw(
        "{% govuk_list as rows %}{% for n in numbers %}{% govuk_list as row %}"
        '{% govuk_add row text=n %}{% govuk_add row text=n format="numeric" %}'
        "{% govuk_add rows row %}{% endfor %}"
        '{% govuk "table" rows=rows caption="Numbers" firstCellIsHeader=True %}',
        numbers=[1, 2],
    )
    cells = [c.get_text(strip=True) for c in soup(page).select("tbody th, tbody td")]
    assert cells == ["1", "1", "2", "2"]
    assert len(soup(page).select("td.govuk-table__cell--numeric")) == 2


def test_a_typed_answer_in_a_conditional_textarea_comes_back_unchanged():
    # The package's radios and checkboxes indent nested HTML where GOV.UK's do not, which
    # would add spaces to every line of this answer (see components.environment).
    answer = "first line\nsecond line\n  third, indented by the person"
    for name in ("radios", "checkboxes"):
        reveal = components.render(
            "textarea",
            {"name": "more", "id": "more", "value": answer, "label": {"text": "Tell us more"}},
        )
        html = str(
            components.render(
                name,
                {
                    "name": "choice",
                    "fieldset": {"legend": {"text": "Choose"}},
                    "items": [
                        {
                            "value": "other",
                            "text": "Other",
                            "checked": True,
                            "conditional": {"html": reveal},
                        }
                    ],
                },
            )
        )
        assert soup(html).select_one("textarea").get_text() == answer, name


def test_the_jinja_environment_is_made_once():
    assert components.environment() is components.environment()
    assert components.macro("radios") is components.macro("radios")


def test_an_unknown_component_says_which_exist():
    with pytest.raises(ValueError, match="no component called 'radio'.*radios"):
        components.render("radio", {})


# Welsh for GOV.UK's English defaults, written out by hand (not read from the catalogue).
WELSH_DEFAULTS = [
    ("error-message", {"text": "Rhowch eich enw"}, ["Gwall:"]),
    (
        "input",
        {"name": "n", "label": {"text": "Enw"}, "errorMessage": {"text": "Rhowch"}},
        ["Gwall:"],
    ),
    ("warning-text", {"text": "Gofalwch"}, ["Rhybudd"]),
    ("date-input", {"id": "dob"}, ["Diwrnod", "Mis", "Blwyddyn"]),
    ("notification-banner", {"text": "Wedi cadw", "type": "success"}, ["Llwyddiant"]),
    ("notification-banner", {"text": "Sylwch"}, ["Pwysig"]),
    (
        "pagination",
        {"previous": {"href": "?p=1"}, "next": {"href": "?p=3"}},
        ["Blaenorol", "Tudalen flaenorol", "Nesaf", "Tudalen nesaf", 'aria-label="Tudalennau"'],
    ),
    (
        "pagination",
        {"items": [{"number": 1, "href": "?p=1"}, {"number": 2, "href": "?p=2"}]},
        ['aria-label="Tudalen 1"', 'aria-label="Tudalen 2"'],
    ),
    (
        "character-count",
        {"name": "s", "maxlength": 200, "label": {"text": "Stori"}},
        [
            "Gallwch chi roi hyd at 200 nod",
            'data-i18n.characters-under-limit.zero="Mae gennych chi %{count} nod ar ôl"',
            'data-i18n.characters-under-limit.one="Mae gennych chi %{count} nod ar ôl"',
            'data-i18n.characters-under-limit.two="Mae gennych chi %{count} nod ar ôl"',
            'data-i18n.characters-under-limit.few="Mae gennych chi %{count} nod ar ôl"',
            'data-i18n.characters-under-limit.many="Mae gennych chi %{count} nod ar ôl"',
            'data-i18n.characters-under-limit.other="Mae gennych chi %{count} nod ar ôl"',
            'data-i18n.characters-over-limit.other="Mae gennych chi %{count} nod yn ormod"',
            'data-i18n.characters-at-limit="Mae gennych chi 0 nod ar ôl"',
        ],
    ),
    (
        "character-count",
        {"name": "s", "maxwords": 50, "label": {"text": "Stori"}},
        [
            "Gallwch chi roi hyd at 50 gair",
            'data-i18n.words-under-limit.other="Mae gennych chi %{count} gair ar ôl"',
            'data-i18n.words-at-limit="Mae gennych chi 0 gair ar ôl"',
        ],
    ),
    (
        "file-upload",
        {"name": "f", "label": {"text": "Ffeil"}, "javascript": True},
        [
            'data-i18n.choose-files-button="Dewis ffeil"',
            'data-i18n.drop-instruction="neu ollwng ffeil"',
            'data-i18n.no-file-chosen="Dim ffeil wedi&#39;i dewis"',
            'data-i18n.multiple-files-chosen.one="%{count} ffeil wedi&#39;i dewis"',
            'data-i18n.multiple-files-chosen.other="%{count} ffeil wedi&#39;u dewis"',
            'data-i18n.entered-drop-zone="Wedi mynd i mewn i&#39;r ardal ollwng"',
            'data-i18n.left-drop-zone="Wedi gadael yr ardal ollwng"',
        ],
    ),
    (
        "service-navigation",
        {
            "serviceName": "wesaid",
            "navigation": [{"href": "/a", "text": "A"}, {"href": "/b", "text": "B"}],
        },
        ['aria-label="Gwybodaeth am y gwasanaeth"', "Dewislen"],
    ),
    (
        "wesaid-footer",
        {"meta": {"items": [{"href": "/p", "text": "Preifatrwydd"}]}},
        ["Dolenni cymorth"],
    ),
    (
        "wesaid-language-navigation",
        {"items": [{"text": "Cymraeg", "lang": "cy"}]},
        ['aria-label="Iaith"'],
    ),
]


@pytest.mark.parametrize(
    ("component", "params", "welsh"),
    WELSH_DEFAULTS,
    ids=[f"{c}-{i}" for i, (c, _p, _w) in enumerate(WELSH_DEFAULTS)],
)
def test_govuk_defaults_are_welsh_on_a_welsh_page(component, params, welsh):
    with translation.override("cy"):
        html = str(components.render(component, params))
    for text in welsh:
        assert text in html, f"{text!r} missing from\n{html}"
    with translation.override("en"):
        english = str(components.render(component, params))
    for text in welsh:
        assert text not in english


def test_a_default_the_caller_gave_is_kept_in_welsh():
    with translation.override("cy"):
        html = str(components.render("warning-text", {"text": "x", "iconFallbackText": "Sylw"}))
    assert "Sylw" in html and "Rhybudd" not in html


def test_task_statuses_are_welsh():
    with translation.override("cy"):
        html = str(
            components.render(
                "task-list",
                {
                    "items": [
                        {
                            "title": {"text": "Eich manylion"},
                            "href": "#",
                            "status": components.task_status("completed"),
                        },
                        {
                            "title": {"text": "Eich atebion"},
                            "href": "#",
                            "status": components.task_status("incomplete"),
                        },
                        {
                            "title": {"text": "Anfon"},
                            "status": components.task_status("cannot_start"),
                        },
                    ]
                },
            )
        )
    statuses = [s.get_text(" ", strip=True) for s in soup(html).select(".govuk-task-list__status")]
    assert statuses == ["Wedi'i gwblhau", "Heb ei gwblhau", "Ni ellir dechrau eto"]


# Classes that belong to components, which only the library draws. Layout classes are not here:
# govuk-button-group and govuk-template (wrappers with no macro), grid, typography and links.
TEMPLATES = ROOT / "wesaid" / "templates"
LAYOUT_CLASSES = {"govuk-button-group"}


def test_no_template_writes_component_markup_by_hand():
    component_class = re.compile(
        r"\bgovuk-(?:" + "|".join(re.escape(c) for c in components.GOVUK_COMPONENTS) + r"|footer"
        r"|header|language-navigation|error-summary|radios|checkboxes|visually-hidden-focusable)"
        r"(?:__[\w-]+|--[\w-]+)?(?![\w-])"
    )
    problems = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        # Only class attributes of elements: a component's `classes` param is fine.
        for attribute in re.finditer(r'\bclass="([^"]*)"', text):
            for match in component_class.finditer(attribute.group(1)):
                if match.group(0) not in LAYOUT_CLASSES:
                    problems.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
        if 'data-module="govuk-' in text:
            problems.append(f"{path.relative_to(ROOT)}: a GOV.UK data-module")
    assert not problems, "draw these with {% govuk %}:\n" + "\n".join(problems)


def test_the_hand_written_markup_check_can_fail(tmp_path, monkeypatch):
    page = tmp_path / "page.html"
    page.write_text('<strong class="govuk-tag govuk-tag--grey">Open</strong>', encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "TEMPLATES", tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    with pytest.raises(AssertionError, match="page.html: govuk-tag"):
        test_no_template_writes_component_markup_by_hand()
