from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wesaid.core import policy
from wesaid.core.http import form_data
from wesaid.projects.selectors import in_project_team

from . import services
from .forms import AnswerForm, CheckInForm
from .models import CheckInAnswer
from .selectors import checkin_results


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
            services.checkin_answer(checkin=checkin, person=person, **form.cleaned_data)
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
    in_team = in_project_team(checkin.project, request.user.person)
    hide_below = None if in_team else settings.WESAID_SMALL_NUMBER_THRESHOLD
    results = checkin_results(checkin, hide_below=hide_below)
    return render(
        request,
        "checkins/results.html",
        {
            "checkin": checkin,
            "results": results,
            "small_number_threshold": settings.WESAID_SMALL_NUMBER_THRESHOLD,
        },
    )
