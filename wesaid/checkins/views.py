from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wesaid.core import charts, policy
from wesaid.core.http import form_data

from . import services
from .forms import AnswerForm, CheckInForm
from .models import CheckInAnswer
from .selectors import Results, checkin_results


@policy.action("checkin.create")
def checkin_create(request: HttpRequest, project_id: int) -> HttpResponse:
    project = request.target
    form = CheckInForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        checkin = services.checkin_create(
            project=project, actor=request.user.person, title=form.cleaned_data["title"]
        )
        messages.success(request, _("Check-in created. Members can answer it now."))
        return redirect("checkins:results", checkin_id=checkin.pk)
    return render(request, "checkins/create.html", {"project": project, "form": form})


@policy.action("checkin.answer")
def checkin_answer(request: HttpRequest, checkin_id: int) -> HttpResponse:
    checkin = request.target
    person = request.user.person
    previous = CheckInAnswer.objects.filter(checkin=checkin, person=person).first()
    form = AnswerForm(
        form_data(request),
        question=checkin.question_text,
        initial={"feeling": previous.feeling} if previous else {},
    )
    if not checkin.is_open:
        return render(request, "checkins/closed.html", {"checkin": checkin})
    if request.method == "POST" and form.is_valid():
        try:
            services.checkin_answer(
                checkin=checkin,
                person=person,
                feeling=form.cleaned_data["feeling"],
                submission_id=form.cleaned_data["submission_id"],
            )
        except ValidationError as problem:
            # Offer the form again with a fresh submission id, keeping what was chosen.
            data = request.POST.copy()
            data["submission_id"] = str(uuid.uuid4())
            form = AnswerForm(data, question=checkin.question_text)
            form.is_valid()
            form.add_error(None, problem.messages[0])
        else:
            return redirect("checkins:thanks", checkin_id=checkin.pk)
    return render(
        request, "checkins/answer.html", {"checkin": checkin, "form": form, "previous": previous}
    )


@policy.action("checkin.answer")
def checkin_thanks(request: HttpRequest, checkin_id: int) -> HttpResponse:
    return render(request, "checkins/thanks.html", {"checkin": request.target})


@policy.action("checkin.results")
def checkin_results_view(request: HttpRequest, checkin_id: int) -> HttpResponse:
    checkin = request.target
    person = request.user.person
    results = checkin_results(checkin, viewer=policy.results_viewer(person, checkin.project))
    return render(
        request,
        "checkins/results.html",
        {
            "checkin": checkin,
            "results": results,
            "chart": answers_chart(results) if results.available else None,
            "small_number_threshold": settings.WESAID_SMALL_NUMBER_THRESHOLD,
            "can_close": checkin.is_open and policy.is_allowed(person, "checkin.close", checkin),
        },
    )


def answers_chart(results: Results) -> charts.Chart:
    """The spread of answers as a bar, best first, with the table of counts under it."""
    spread = list(reversed(results.spread))
    return charts.distribution(
        title=_("How people answered"),
        categories=[row.feeling.label for row in spread],
        groups=[
            charts.GroupCounts(
                label=_("Everyone who answered"),
                counts=[row.count for row in spread],
                total=results.answered,
            )
        ],
        hidden_below=results.hidden_below,
        category_heading=_("Answer"),
        table_caption=_("How many gave each answer"),
    )


@policy.action("checkin.close")
def checkin_close(request: HttpRequest, checkin_id: int) -> HttpResponse:
    """Ask first; closing stops answers and releases the results outside the team."""
    checkin = request.target
    if request.method == "POST":
        services.checkin_close(checkin=checkin, actor=request.user.person)
        messages.success(request, _("The check-in is closed. It takes no more answers."))
        return redirect("checkins:results", checkin_id=checkin.pk)
    return render(request, "checkins/close.html", {"checkin": checkin})
