from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wesaid.core import policy
from wesaid.core.http import form_data

from . import services
from .forms import OwnOutcomeForm
from .selectors import library_outcomes, outcome_library

FIELDS = ("beneficiary", "domain", "name", "easy_read", "name_cy", "easy_read_cy", "closest_to")


@policy.action("outcome.view")
def library(request: HttpRequest) -> HttpResponse:
    person = request.user.person
    return render(
        request,
        "outcomes/library.html",
        {
            "groups": outcome_library(person.organisation),
            "has_library": library_outcomes().exists(),
            "can_add": policy.is_allowed(person, "outcome.create"),
        },
    )


@policy.action("outcome.view")
def library_outcome(request: HttpRequest, library_outcome_id: int) -> HttpResponse:
    return render(request, "outcomes/library_outcome.html", {"outcome": request.target})


@policy.action("outcome.view")
def own_outcome(request: HttpRequest, own_outcome_id: int) -> HttpResponse:
    outcome = request.target
    return render(
        request,
        "outcomes/own_outcome.html",
        {
            "outcome": outcome,
            "missing": outcome.missing_wordings(),
            "can_edit": policy.is_allowed(request.user.person, "outcome.edit", outcome),
        },
    )


@policy.action("outcome.create")
def own_outcome_create(request: HttpRequest) -> HttpResponse:
    person = request.user.person
    form = OwnOutcomeForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.own_outcome_create(
                organisation=person.organisation, actor=person, **form.cleaned_data
            )
        except ValidationError as problem:
            form.add_error(None, problem)
        else:
            messages.success(request, _("Outcome added. Only your organisation sees it."))
            return redirect("outcomes:own", own_outcome_id=outcome.pk)
    return render(request, "outcomes/own_outcome_form.html", {"form": form, "outcome": None})


@policy.action("outcome.edit")
def own_outcome_edit(request: HttpRequest, own_outcome_id: int) -> HttpResponse:
    outcome = request.target
    form = OwnOutcomeForm(
        form_data(request),
        initial={name: getattr(outcome, name) for name in FIELDS},
        current=outcome.closest_to,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.own_outcome_update(
                outcome=outcome, actor=request.user.person, **form.cleaned_data
            )
        except ValidationError as problem:
            form.add_error(None, problem)
        else:
            messages.success(request, _("Outcome saved."))
            return redirect("outcomes:own", own_outcome_id=outcome.pk)
    return render(request, "outcomes/own_outcome_form.html", {"form": form, "outcome": outcome})
