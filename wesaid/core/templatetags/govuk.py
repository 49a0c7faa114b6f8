"""Template tags for the GOV.UK component library. Loaded into every template (settings
TEMPLATES builtins), so pages need no ``{% load %}``.

Draw a component with GOV.UK's own parameter names; a dotted name sets a nested one::

    {% govuk "button" text=_("Save") preventDoubleClick=True %}
    {% govuk "radios" params %}                       {# a dict built in Python #}
    {% govuk "inset-text" params text=_("Hello") %}   {# keywords laid over the dict #}
    {% govuk "warning-text" text=message as warning %}{{ warning }}

A body for ``html`` (or the macro's ``{% call %}`` body)::

    {% govuk_call "details" summaryText=_("Help with this") %}<p class="govuk-body">...</p>{% endgovuk_call %}

Lists (table rows, summary list rows, items) built up in a loop::

    {% govuk_list as rows %}
    {% for person in people %}
      {% govuk_add rows key.text=_("Name") value.text=person.display_name %}
    {% endfor %}
    {% govuk "summary-list" rows=rows %}

``{% govuk_html as name %}...{% endgovuk_html %}`` keeps some rendered HTML (a link for a table
cell, a field for a conditional reveal) to pass as an ``html`` param. Forms:
``{% govuk_field form.feeling fieldset.legend.isPageHeading=True %}`` and
``{% govuk_error_summary form %}``. A chart from ``wesaid.core.charts``: ``{% chart c %}``.
See docs/components.md.
"""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.forms import BoundField
from django.template.base import FilterExpression, Parser, Token
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from wesaid.core import charts, components
from wesaid.core.forms import error_summary_params, first_input_id, render_field

register = template.Library()

__all__ = ["first_input_id", "register"]

# name=value, where the name may be dotted (fieldset.legend.text) and its later parts may hold
# hyphens (attributes.data-module, items.service-design.hint.text).
KEYWORD = re.compile(r"^([A-Za-z_]\w*(?:\.[\w-]+)*)=(.+)$", re.DOTALL)


def _parse(parser: Parser, token: Token, *, needs_first: bool = True):
    """Split a tag into its first argument, other positional arguments, keywords and ``as``."""
    bits = token.split_contents()
    tag = bits.pop(0)
    asvar = None
    if len(bits) >= 2 and bits[-2] == "as":
        asvar = bits[-1]
        bits = bits[:-2]
    positional: list[FilterExpression] = []
    keywords: dict[str, FilterExpression] = {}
    for bit in bits:
        match = KEYWORD.match(bit)
        if match and not bit.startswith(("'", '"')):
            keywords[match.group(1)] = parser.compile_filter(match.group(2))
        elif keywords:
            raise template.TemplateSyntaxError(f"{tag}: {bit!r} comes after a name=value")
        else:
            positional.append(parser.compile_filter(bit))
    if needs_first and not positional:
        raise template.TemplateSyntaxError(f"{tag} needs a first argument")
    return tag, positional, keywords, asvar


def _params(context, positional: list[FilterExpression], keywords: dict[str, FilterExpression]):
    params: dict[str, Any] = {}
    for expression in positional:
        value = expression.resolve(context)
        if value in (None, ""):
            continue
        if not isinstance(value, dict):
            raise template.TemplateSyntaxError(f"Expected a dict of params, got {value!r}")
        params = components.merge(params, value)
    flat = {name: expression.resolve(context) for name, expression in keywords.items()}
    return components.merge(params, components.expand(flat))


def _output(context, asvar: str | None, html: str) -> str:
    if asvar:
        context[asvar] = html
        return ""
    return html


class ComponentNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, name, positional, keywords, asvar, nodelist=None):
        self.name, self.positional, self.keywords = name, positional, keywords
        self.asvar, self.nodelist = asvar, nodelist

    def render(self, context):
        name = self.name.resolve(context)
        params = _params(context, self.positional, self.keywords)
        caller = None
        if self.nodelist is not None:
            caller = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        html = components.render(name, params, caller=caller)
        if name == "table":
            html = scroll_box(html, params.get("caption"))
        return _output(context, self.asvar, html)


def scroll_box(table_html: str, caption: object) -> str:
    """A table inside its own scrolling box, so a wide table never widens the page at 320 px.
    The box can take focus (so keyboard users can scroll it) and is a named region."""
    return format_html(
        '<div class="wesaid-scroll" role="region" tabindex="0" aria-label="{}">{}</div>',
        caption or gettext("Table"),
        mark_safe(table_html),  # noqa: S308 - rendered by the GOV.UK macro, already escaped
    )


@register.tag("govuk")
def govuk(parser, token):
    """``{% govuk "name" [params ...] key=value ... [as var] %}``"""
    _tag, positional, keywords, asvar = _parse(parser, token)
    return ComponentNode(positional[0], positional[1:], keywords, asvar)


@register.tag("govuk_call")
def govuk_call(parser, token):
    """``{% govuk_call "name" ... %}body{% endgovuk_call %}``: the body is the macro's caller."""
    _tag, positional, keywords, asvar = _parse(parser, token)
    nodelist = parser.parse(("endgovuk_call",))
    parser.delete_first_token()
    return ComponentNode(positional[0], positional[1:], keywords, asvar, nodelist)


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, asvar):
        self.nodelist, self.asvar = nodelist, asvar

    def render(self, context):
        # Rendered by Django with autoescape, so it is safe HTML.
        context[self.asvar] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.tag("govuk_html")
def govuk_html(parser, token):
    """``{% govuk_html as name %}...{% endgovuk_html %}``: keep some HTML for an html param."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% govuk_html as name %}...{% endgovuk_html %}")
    nodelist = parser.parse(("endgovuk_html",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.simple_tag
def govuk_list() -> list:
    """``{% govuk_list as rows %}``: an empty list that ``govuk_add`` fills, even inside loops."""
    return []


class AddNode(template.Node):
    def __init__(self, target, positional, keywords):
        self.target, self.positional, self.keywords = target, positional, keywords

    def render(self, context):
        target = self.target.resolve(context)
        if not isinstance(target, list):
            raise template.TemplateSyntaxError("govuk_add adds to a list made by govuk_list")
        if self.positional and not self.keywords:
            for expression in self.positional:
                target.append(expression.resolve(context))
        else:
            target.append(_params(context, self.positional, self.keywords))
        return ""


@register.tag("govuk_add")
def govuk_add(parser, token):
    """``{% govuk_add rows key=value ... %}`` adds a dict; ``{% govuk_add rows row %}`` a value."""
    _tag, positional, keywords, _asvar = _parse(parser, token)
    return AddNode(positional[0], positional[1:], keywords)


class FieldNode(template.Node):
    def __init__(self, field, positional, keywords, asvar):
        self.field, self.positional, self.keywords = field, positional, keywords
        self.asvar = asvar

    def render(self, context):
        field = self.field.resolve(context)
        if not isinstance(field, BoundField):
            raise template.TemplateSyntaxError(f"govuk_field needs a form field, got {field!r}")
        options = _params(context, self.positional, self.keywords)
        return _output(context, self.asvar, render_field(field, options))


@register.tag("govuk_field")
def govuk_field(parser, token):
    """``{% govuk_field form.name [options] key=value ... %}``: one field as its component."""
    _tag, positional, keywords, asvar = _parse(parser, token)
    return FieldNode(positional[0], positional[1:], keywords, asvar)


@register.simple_tag
def govuk_error_summary(*forms) -> SafeString | str:
    """The error summary at the top of a page, linking to each field with an error."""
    params = error_summary_params(*forms)
    return components.render("error-summary", params) if params else ""


@register.simple_tag(takes_context=True)
def other_language_url(context, language: str) -> str:
    """The same page in another language (Welsh pages live under /cy/)."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    return translate_url(path, language)


@register.simple_tag
def current_language() -> str:
    return get_language() or "en"


@register.simple_tag
def chart(value: charts.Chart) -> SafeString:
    """``{% chart c %}``: a chart made by ``wesaid.core.charts``, its SVG then its table."""
    return charts.figure(value)
