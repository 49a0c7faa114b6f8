"""The one GOV.UK component library: GOV.UK Frontend's own macros, called from Django.

Page templates stay Django templates. Each component is the Jinja2 macro that the maintained
``govuk-frontend-jinja`` package ports from GOV.UK Frontend (pinned to the GOV.UK Frontend
version in package.json), so the parameters are exactly the GOV.UK ones (``idPrefix``,
``fieldset.legend.isPageHeading``, ``errorMessage``, ``items``, ``conditional.html`` ...).
``render(name, params)`` is the bridge; the template tags in ``templatetags/govuk.py`` call it.
See docs/decisions/0009-govuk-components-from-jinja-macros.md.

Escaping follows Django's rules, not Nunjucks': a Django ``SafeString`` (from ``format_html``,
``mark_safe`` or a rendered template) reaches Jinja as ``Markup``; any other string is text.
Text parameters are escaped by Jinja's autoescape, and a plain string given to an HTML
parameter (``html``, ``*Html``, ``slots``, a string of ``attributes``) is escaped too, so
only HTML that Django already trusts is ever drawn as HTML.

Welsh: GOV.UK's macros and scripts carry English defaults ("Error", "Warning", "Day", "You have
%{count} characters remaining" ...). When the catalogue translates one of them, the bridge
passes the translation as the parameter, unless the caller gave that parameter. In English
nothing is added, so English output is exactly the macros' own (the fixtures test proves it).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import jinja2
from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, gettext_noop, ngettext
from markupsafe import Markup

# Components from GOV.UK Frontend: the name is the folder under dist/govuk/components/.
GOVUK_COMPONENTS = (
    "button",
    "character-count",
    "checkboxes",
    "date-input",
    "details",
    "error-message",
    "error-summary",
    "fieldset",
    "file-upload",
    "generic-header",
    "hint",
    "input",
    "inset-text",
    "label",
    "notification-banner",
    "pagination",
    "panel",
    "radios",
    "select",
    "service-navigation",
    "skip-link",
    "summary-list",
    "table",
    "tag",
    "task-list",
    "textarea",
    "warning-text",
)
# Our own, for what GOV.UK Frontend 6.3.0 has no component under our brand: its footer always
# draws the crown and a Crown copyright link, and it has no language navigation yet (6.4 adds
# one). Their parameters follow the GOV.UK ones, so they can be swapped when the package has them.
WESAID_COMPONENTS = ("wesaid-easy-read-switch", "wesaid-footer", "wesaid-language-navigation")
COMPONENTS = GOVUK_COMPONENTS + WESAID_COMPONENTS


def _is_html_key(key: str) -> bool:
    return key == "html" or key.endswith("Html")


def to_jinja(value: Any, *, html: bool = False) -> Any:
    """Django values as Jinja values, keeping Django's idea of what is safe HTML."""
    if isinstance(value, Markup):
        return value
    if hasattr(value, "__html__"):  # SafeString and anything else that declares itself HTML
        return Markup(value.__html__())  # noqa: S704 - it says it is HTML already
    if isinstance(value, Promise):  # gettext_lazy
        value = str(value)
    if isinstance(value, str):
        return Markup.escape(value) if html else value
    if isinstance(value, Mapping):
        converted = {}
        for key, item in value.items():
            if key == "slots" and isinstance(item, Mapping):
                converted[key] = {slot: to_jinja(v, html=True) for slot, v in item.items()}
            else:
                # A string of attributes is drawn as it is, so it is HTML too.
                is_html = _is_html_key(key) or (key == "attributes" and isinstance(item, str))
                converted[key] = to_jinja(item, html=is_html)
        return converted
    if isinstance(value, list | tuple):
        return [to_jinja(item) for item in value]
    return value


def expand(flat: Mapping[str, Any]) -> dict[str, Any]:
    """``{"fieldset.legend.text": "x"}`` as ``{"fieldset": {"legend": {"text": "x"}}}``."""
    nested: dict[str, Any] = {}
    for dotted, value in flat.items():
        *path, last = dotted.split(".")
        here = nested
        for part in path:
            here = here.setdefault(part, {})
            if not isinstance(here, dict):
                raise ValueError(f"{dotted!r} sets a key inside a value that is not a mapping")
        here[last] = value
    return nested


def merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``base`` with ``override`` laid over it: mappings merge, anything else replaces."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@functools.cache
def environment() -> jinja2.Environment:
    """One Jinja environment for the whole process: macros are compiled once."""
    env = jinja2.Environment(
        loader=jinja2.PrefixLoader(
            {
                "govuk_frontend_jinja": jinja2.PackageLoader("govuk_frontend_jinja"),
                "wesaid": jinja2.PackageLoader("wesaid.core", "jinja"),
            }
        ),
        autoescape=True,
        # The package is verified with Jinja's defaults (as Flask sets them); keep them.
        undefined=jinja2.Undefined,
    )
    # The macros indent nested HTML only to look tidy, but the package's radios and checkboxes
    # indent where GOV.UK's own do not, which adds spaces to every line of a <textarea> in a
    # conditional reveal, so a typed answer would change each time the page is shown again.
    # Indenting is cosmetic everywhere else, so we do not indent at all.
    env.filters["indent"] = _no_indent
    return env


def _no_indent(value: Any, *args: Any, **kwargs: Any) -> Any:
    return value


def _macro_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))


@functools.cache
def macro(name: str) -> Any:
    if name not in COMPONENTS:
        raise ValueError(f"There is no component called {name!r}. Known: {', '.join(COMPONENTS)}")
    if name in WESAID_COMPONENTS:
        module = environment().get_template(f"wesaid/{name}.html").module
        return getattr(module, _macro_name(name).replace("Wesaid", "wesaid", 1))
    path = f"govuk_frontend_jinja/components/{name}/macro.html"
    return getattr(environment().get_template(path).module, "govuk" + _macro_name(name))


def render(
    name: str, params: Mapping[str, Any] | None = None, *, caller: str | None = None
) -> SafeString:
    """Draw one component. ``caller`` is HTML for macros that take a ``{% call %}`` body."""
    name = name.replace("_", "-")
    component = macro(name)
    params = with_translated_defaults(name, dict(params or {}))
    arguments = to_jinja(params)
    if caller is not None:
        body = to_jinja(caller, html=True)
        if getattr(component, "caller", False):
            return mark_safe(str(component(arguments, caller=lambda: body)))  # noqa: S308
        arguments = {**arguments, "html": body}
    # The macro escaped every text itself (autoescape); its output is HTML we trust.
    return mark_safe(str(component(arguments)))  # noqa: S308


# --- Welsh (or any translated) defaults ----------------------------------------------------


def _translated(english: str) -> str | None:
    """The catalogue's text for one of GOV.UK's English defaults, or None if it is the same."""
    text = gettext(english)
    return text if text != english else None


# Unicode CLDR plural categories, with a number in each, for the languages we serve. GOV.UK
# Frontend's scripts pick a message by these categories (Intl.PluralRules on the page's lang).
PLURAL_EXAMPLES = {
    "en": {"one": 1, "other": 2},
    "cy": {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 6, "other": 4},
}


def _plural_forms(message: Callable[[int], str]) -> dict[str, str] | None:
    """One message for each plural category of the page's language, from gettext.

    ``message(n)`` calls ngettext with literal strings, so ``make messages`` finds them.
    """
    with translation.override("en"):
        english = {"one": message(1), "other": message(2)}
    examples = PLURAL_EXAMPLES.get((get_language() or "en").split("-")[0], PLURAL_EXAMPLES["en"])
    forms = {category: message(n) for category, n in examples.items()}
    return None if forms == english else forms


def _set_default(params: dict[str, Any], key: str, value: Any) -> None:
    if value is not None and not params.get(key):
        params[key] = value


def _error_message(params: dict[str, Any]) -> None:
    message = params.get("errorMessage")
    if isinstance(message, Mapping) and "visuallyHiddenText" not in message:
        hidden = _translated(gettext_noop("Error"))
        if hidden:
            params["errorMessage"] = {**message, "visuallyHiddenText": hidden}


def _date_input(params: dict[str, Any]) -> None:
    _error_message(params)
    if params.get("items"):
        return
    labels = [
        _translated(gettext_noop("Day")),
        _translated(gettext_noop("Month")),
        _translated(gettext_noop("Year")),
    ]
    if any(labels):
        params["items"] = [
            {"name": "day", "classes": "govuk-input--width-2", "label": gettext("Day")},
            {"name": "month", "classes": "govuk-input--width-2", "label": gettext("Month")},
            {"name": "year", "classes": "govuk-input--width-4", "label": gettext("Year")},
        ]


def _character_count(params: dict[str, Any]) -> None:
    _error_message(params)
    if params.get("maxwords"):
        _set_default(
            params,
            "textareaDescriptionText",
            _translated(gettext_noop("You can enter up to %{count} words")),
        )
    elif params.get("maxlength"):
        _set_default(
            params,
            "textareaDescriptionText",
            _translated(gettext_noop("You can enter up to %{count} characters")),
        )
    plurals: dict[str, Callable[[int], str]] = {
        "charactersUnderLimitText": lambda n: ngettext(
            "You have %{count} character remaining", "You have %{count} characters remaining", n
        ),
        "charactersOverLimitText": lambda n: ngettext(
            "You have %{count} character too many", "You have %{count} characters too many", n
        ),
        "wordsUnderLimitText": lambda n: ngettext(
            "You have %{count} word remaining", "You have %{count} words remaining", n
        ),
        "wordsOverLimitText": lambda n: ngettext(
            "You have %{count} word too many", "You have %{count} words too many", n
        ),
    }
    for key, message in plurals.items():
        _set_default(params, key, _plural_forms(message))
    _set_default(
        params,
        "charactersAtLimitText",
        _translated(gettext_noop("You have 0 characters remaining")),
    )
    _set_default(
        params, "wordsAtLimitText", _translated(gettext_noop("You have 0 words remaining"))
    )


def _file_upload(params: dict[str, Any]) -> None:
    _error_message(params)
    if not params.get("javascript"):
        return  # the texts below are only used by the enhanced (JavaScript) upload
    _set_default(params, "chooseFilesButtonText", _translated(gettext_noop("Choose file")))
    _set_default(params, "dropInstructionText", _translated(gettext_noop("or drop file")))
    _set_default(params, "noFileChosenText", _translated(gettext_noop("No file chosen")))
    _set_default(
        params,
        "multipleFilesChosenText",
        _plural_forms(lambda n: ngettext("%{count} file chosen", "%{count} files chosen", n)),
    )
    _set_default(params, "enteredDropZoneText", _translated(gettext_noop("Entered drop zone")))
    _set_default(params, "leftDropZoneText", _translated(gettext_noop("Left drop zone")))


def _notification_banner(params: dict[str, Any]) -> None:
    if params.get("titleHtml") or params.get("titleText"):
        return
    if params.get("type") == "success":
        english = gettext_noop("Success")
    else:
        english = gettext_noop("Important")
    _set_default(params, "titleText", _translated(english))


def _warning_text(params: dict[str, Any]) -> None:
    _set_default(params, "iconFallbackText", _translated(gettext_noop("Warning")))


def _pagination(params: dict[str, Any]) -> None:
    _set_default(params, "landmarkLabel", _translated(gettext_noop("Pagination")))
    links = {
        "previous": gettext_noop('Previous<span class="govuk-visually-hidden"> page</span>'),
        "next": gettext_noop('Next<span class="govuk-visually-hidden"> page</span>'),
    }
    for key, english in links.items():
        link = params.get(key)
        if isinstance(link, Mapping) and not (link.get("html") or link.get("text")):
            text = _translated(english)
            if text:
                # Our own catalogue, so the markup in it is trusted.
                params[key] = {**link, "html": mark_safe(text)}  # noqa: S308
    items = params.get("items")
    if isinstance(items, list) and _translated(gettext_noop("Page %(number)s")):
        params["items"] = [
            {**item, "visuallyHiddenText": gettext("Page %(number)s") % {"number": item["number"]}}
            if isinstance(item, Mapping) and "number" in item and not item.get("visuallyHiddenText")
            else item
            for item in items
        ]


def _service_navigation(params: dict[str, Any]) -> None:
    _set_default(params, "menuButtonText", _translated(gettext_noop("Menu")))
    _set_default(params, "ariaLabel", _translated(gettext_noop("Service information")))


def _footer(params: dict[str, Any]) -> None:
    meta = params.get("meta")
    title = _translated(gettext_noop("Support links"))
    if isinstance(meta, Mapping) and title and not meta.get("visuallyHiddenTitle"):
        params["meta"] = {**meta, "visuallyHiddenTitle": title}


DEFAULTS: dict[str, Callable[[dict[str, Any]], None]] = {
    "character-count": _character_count,
    "checkboxes": _error_message,
    "date-input": _date_input,
    "error-message": lambda params: _set_default(
        params, "visuallyHiddenText", _translated(gettext_noop("Error"))
    ),
    "file-upload": _file_upload,
    "input": _error_message,
    "notification-banner": _notification_banner,
    "pagination": _pagination,
    "radios": _error_message,
    "select": _error_message,
    "service-navigation": _service_navigation,
    "textarea": _error_message,
    "warning-text": _warning_text,
    "wesaid-footer": _footer,
    "wesaid-language-navigation": lambda params: _set_default(
        params, "ariaLabel", _translated(gettext_noop("Language"))
    ),
}


def with_translated_defaults(name: str, params: dict[str, Any]) -> dict[str, Any]:
    fill = DEFAULTS.get(name)
    if fill is not None:
        fill(params)
    return params


# --- Helpers for params that are built in Python -------------------------------------------


def task_status(status: str) -> dict[str, Any]:
    """A task list item's ``status`` in GOV.UK's words, translated."""
    if status == "completed":
        return {"text": gettext("Completed")}
    if status == "incomplete":
        return {"tag": {"text": gettext("Incomplete"), "classes": "govuk-tag--blue"}}
    if status == "in_progress":
        return {"tag": {"text": gettext("In progress"), "classes": "govuk-tag--light-blue"}}
    if status == "not_started":
        return {"tag": {"text": gettext("Not yet started"), "classes": "govuk-tag--blue"}}
    if status == "cannot_start":
        return {
            "text": gettext("Cannot start yet"),
            "classes": "govuk-task-list__status--cannot-start-yet",
        }
    raise ValueError(f"Unknown task status {status!r}")


def lines(messages: list[str]) -> dict[str, Any]:
    """One message as ``text``, several as escaped ``html`` lines."""
    if len(messages) == 1:
        return {"text": str(messages[0])}
    return {"html": format_html_join(mark_safe("<br>"), "{}", ((str(m),) for m in messages))}
