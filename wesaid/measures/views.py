from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from wesaid.core import policy
from wesaid.core.http import form_data

from . import describe, selectors, services
from .forms import AddShippedForm, ChooseShapeForm, LicenceForm, WordingForm
from .models import LicenceType, MeasureKind
from .shapes import shape as find_shape


def _add_problems(form, problem: ValidationError) -> None:
    for message in problem.messages:
        form.add_error(None, message)


@policy.action("measures.view")
def measure_list(request: HttpRequest) -> HttpResponse:
    organisation = request.user.person.organisation
    return render(
        request,
        "measures/list.html",
        {
            "instruments": selectors.organisation_measures(organisation),
            "to_add": selectors.shipped_not_added(organisation),
            "can_manage": policy.is_allowed(request.user.person, "measures.manage"),
        },
    )


@policy.action("measures.manage")
def measure_add(request: HttpRequest) -> HttpResponse:
    person = request.user.person
    available = selectors.shipped_not_added(person.organisation)
    if not available:
        messages.info(request, _("Your organisation has added every measure wesaid includes."))
        return redirect("measures:list")
    hints = {m["id"]: _shipped_hint(m) for m in available}
    form = AddShippedForm(form_data(request), measures=available, hints=hints)
    if request.method == "POST" and form.is_valid():
        try:
            instrument = services.shipped_measure_add(
                organisation=person.organisation, key=form.cleaned_data["measure"], actor=person
            )
        except ValidationError as problem:
            _add_problems(form, problem)
        else:
            messages.success(request, _("Measure added to your organisation's measures."))
            return redirect("measures:detail", instrument_id=instrument.pk)
    return render(request, "measures/add.html", {"form": form, "available": available})


def _shipped_hint(definition) -> str:
    if definition["licence"]["type"] == LicenceType.OURS:
        kind = _("Written by wesaid in plain words.")
    else:
        kind = _("Public wording: %(source)s.") % {"source": definition["licence"]["source"]}
    versions = ", ".join(describe.version_name(v) for v in _versions(definition))
    return _("%(kind)s %(count)s questions. In: %(versions)s.") % {
        "kind": kind,
        "count": len(definition["items"]),
        "versions": versions,
    }


def _versions(definition):
    return list(definition["languages"]) + [f"{x}-easy" for x in definition.get("easy_read", [])]


@policy.action("measures.manage")
def licensed_choose(request: HttpRequest) -> HttpResponse:
    form = ChooseShapeForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        url = reverse("measures:licensed_licence")
        return redirect(f"{url}?shape={form.cleaned_data['shape']}")
    return render(request, "measures/licensed_choose.html", {"form": form})


@policy.action("measures.manage")
def licensed_licence(request: HttpRequest) -> HttpResponse:
    shape = find_shape(request.GET.get("shape", ""))
    if shape is None:
        return redirect("measures:licensed_choose")
    person = request.user.person
    form = LicenceForm(form_data(request), shape=shape)
    if request.method == "POST" and form.is_valid():
        try:
            instrument = services.licence_confirm(
                organisation=person.organisation,
                shape_key=shape.key,
                actor=person,
                name=form.cleaned_data["name"],
                copyright_line=form.cleaned_data["copyright_line"],
                licence_reference=form.cleaned_data["licence_reference"],
                approved_versions=form.cleaned_data["approved_versions"],
                params=form.params(),
            )
        except ValidationError as problem:
            _add_problems(form, problem)
        else:
            messages.success(request, _("Licence recorded. Now type in the wording."))
            return redirect("measures:version_new", instrument_id=instrument.pk)
    return render(request, "measures/licensed_licence.html", {"form": form, "shape": shape})


@policy.action("measures.view")
def measure_detail(request: HttpRequest, instrument_id: int) -> HttpResponse:
    instrument = request.target
    versions = list(instrument.versions.select_related("created_by").order_by("-number"))
    latest = versions[0] if versions else None
    definition = latest.definition if latest else None
    languages = []
    if definition:
        for version in [
            *definition["languages"],
            *(f"{x}-easy" for x in definition.get("easy_read", [])),
        ]:
            languages.append(
                {
                    "name": describe.version_name(version),
                    "code": version,
                    "items": describe.items_in(definition, version),
                    "introduction": definition.get("introduction", {}).get(version, ""),
                }
            )
    return render(
        request,
        "measures/detail.html",
        {
            "instrument": instrument,
            "latest": latest,
            "versions": versions,
            "definition": definition,
            "text_versions": languages,
            "scoring": describe.scoring_sentences(definition) if definition else [],
            "figures": describe.figures(definition) if definition else [],
            "missing_versions": describe.missing_versions(instrument, definition),
            "kind_hint": _kind_hint(instrument.kind),
            "can_change": policy.is_allowed(request.user.person, "measures.manage")
            and instrument.licence_type != LicenceType.OPEN,
        },
    )


def _kind_hint(kind: str) -> str:
    from .models import MEASURE_KIND_HINTS

    return str(MEASURE_KIND_HINTS[MeasureKind(kind)])


@policy.action("measures.manage")
def version_new(request: HttpRequest, instrument_id: int) -> HttpResponse:
    instrument = request.target
    person = request.user.person
    if instrument.licence_type == LicenceType.OPEN:
        return render(request, "measures/open_unchanged.html", {"instrument": instrument})
    latest = instrument.latest_version
    skeleton = latest.definition if latest else services.licensed_skeleton(instrument)
    form = WordingForm(
        form_data(request),
        skeleton=skeleton,
        licensed=instrument.is_licensed,
        reversed_count=services.reversed_count(instrument) if instrument.is_licensed else 0,
        needs_reason=latest is not None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = services.instrument_version_change(
                instrument=instrument,
                definition=form.definition(),
                actor=person,
                reason=form.cleaned_data.get("reason", ""),
            )
        except ValidationError as problem:
            _add_problems(form, problem)
        else:
            messages.success(request, _("Version %(number)s saved.") % {"number": version.number})
            return redirect("measures:detail", instrument_id=instrument.pk)
    return render(
        request,
        "measures/version_new.html",
        {"form": form, "instrument": instrument, "latest": latest},
    )
