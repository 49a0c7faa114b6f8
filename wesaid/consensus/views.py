from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from wesaid.core import charts, policy
from wesaid.core.http import form_data
from wesaid.organisations.models import Person
from wesaid.outcomes.selectors import library_outcomes, own_outcomes

from . import services
from .forms import (
    AgreedForm,
    CandidateForm,
    IdeaForm,
    IdeaForOtherForm,
    MergeForm,
    RatingForm,
    RoundForm,
    SheetForm,
    StudyForm,
    rating_initial,
)
from .models import Band, Study
from .selectors import (
    export_csv,
    feedback_for,
    not_rated_yet,
    ratings_of,
    round_results,
)
from .words import feedback_sentence, rated_words

BAND_SYMBOLS = {
    Band.VERY_IMPORTANT.value: "very_important",
    Band.IMPORTANT.value: "important",
    Band.NOT_IMPORTANT.value: "not_important",
    "dont_know": "dont_know",
}


def _places(study: Study):
    return Person.objects.in_organisation(study.organisation).filter(
        project_places__project=study.project, left_at__isnull=True
    )


def _is_in_project(study: Study, person) -> bool:
    return study.project.members.filter(person=person).exists()


@policy.action("consensus.view")
def project_studies(request: HttpRequest, project_id: int) -> HttpResponse:
    project = request.target
    person = request.user.person
    return render(
        request,
        "consensus/project.html",
        {
            "project": project,
            "studies": project.consensus_studies.all(),
            "can_manage": policy.is_allowed(person, "consensus.manage", project),
        },
    )


@policy.action("consensus.manage")
def study_create(request: HttpRequest, project_id: int) -> HttpResponse:
    project = request.target
    form = StudyForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        study = services.study_create(
            project=project,
            actor=request.user.person,
            title=form.cleaned_data["title"],
            rule=form.cleaned_data["rule"],
        )
        messages.success(request, _("Started. Now collect ideas and add the outcomes to rate."))
        return redirect("consensus:study", study_id=study.pk)
    return render(request, "consensus/study_create.html", {"project": project, "form": form})


@policy.action("consensus.view")
def study_detail(request: HttpRequest, study_id: int) -> HttpResponse:
    """The study's page: for members, what they can do now; for staff, everything to run it."""
    study = request.target
    person = request.user.person
    current = study.current_round
    candidates = list(services.active_candidates(study))
    can_manage = policy.is_allowed(person, "consensus.manage", study)
    mine = ratings_of(current, person) if current is not None else {}
    context = {
        "study": study,
        "project": study.project,
        "current": current,
        "candidates": candidates,
        "is_member": _is_in_project(study, person),
        "rated": len([c for c in candidates if c.pk in mine]),
        "can_manage": can_manage,
        "can_enter": policy.is_allowed(person, "consensus.enter", study),
        "can_see_results": policy.is_allowed(person, "consensus.results", study),
        "agreed": study.agreed,
    }
    if can_manage:
        context.update(
            {
                "gaps": services.wording_gaps(study),
                "ideas": study.proposals.select_related("person", "recorded_by", "candidate"),
                "rounds": study.rounds.all(),
                "waiting": not_rated_yet(current) if current and current.is_open else [],
            }
        )
    return render(request, "consensus/study.html", context)


@policy.action("consensus.take_part")
def idea_give(request: HttpRequest, study_id: int) -> HttpResponse:
    study = request.target
    form = IdeaForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_give(
                study=study,
                person=request.user.person,
                words=form.cleaned_data["words"],
                recorded_by=None,
            )
        except ValidationError as problem:
            form.add_error(None, problem.messages[0])
        else:
            messages.success(request, _("Thank you. Your idea has been saved."))
            return redirect("consensus:study", study_id=study.pk)
    return render(request, "consensus/idea.html", {"study": study, "form": form})


@policy.action("consensus.enter")
def idea_for_other(request: HttpRequest, study_id: int) -> HttpResponse:
    study = request.target
    form = IdeaForOtherForm(form_data(request), places=_places(study))
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_give(
                study=study,
                person=form.cleaned_data["person"],
                words=form.cleaned_data["words"],
                way=form.cleaned_data["way"],
                recorded_by=request.user.person,
            )
        except ValidationError as problem:
            form.add_error(None, problem.messages[0])
        else:
            messages.success(request, _("The idea has been written down."))
            return redirect("consensus:study", study_id=study.pk)
    return render(request, "consensus/idea_for_other.html", {"study": study, "form": form})


@policy.action("consensus.manage")
def candidate_add(request: HttpRequest, study_id: int) -> HttpResponse:
    study = request.target
    ideas = study.proposals.filter(candidate__isnull=True)
    form = CandidateForm(
        form_data(request),
        ideas=ideas,
        library=library_outcomes(),
        own=own_outcomes(study.organisation),
    )
    if request.method == "POST" and form.is_valid():
        library_outcome, own_outcome = form.source()
        services.candidate_add(
            study=study,
            actor=request.user.person,
            name=form.cleaned_data["name"],
            name_cy=form.cleaned_data["name_cy"],
            easy_read=form.cleaned_data["easy_read"],
            easy_read_cy=form.cleaned_data["easy_read_cy"],
            from_ideas=form.chosen_ideas(),
            library_outcome=library_outcome,
            own_outcome=own_outcome,
        )
        messages.success(request, _("Outcome added."))
        return redirect("consensus:study", study_id=study.pk)
    return render(request, "consensus/candidate_form.html", {"study": study, "form": form})


@policy.action("consensus.manage")
def candidate_edit(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = request.target
    study = candidate.study
    initial = {
        "name": candidate.name,
        "name_cy": candidate.name_cy,
        "easy_read": candidate.easy_read,
        "easy_read_cy": candidate.easy_read_cy,
    }
    form = CandidateForm(form_data(request), initial=initial)
    others = services.active_candidates(study).exclude(pk=candidate.pk)
    if request.method == "POST" and form.is_valid():
        services.candidate_update(
            candidate=candidate,
            actor=request.user.person,
            name=form.cleaned_data["name"],
            name_cy=form.cleaned_data["name_cy"],
            easy_read=form.cleaned_data["easy_read"],
            easy_read_cy=form.cleaned_data["easy_read_cy"],
        )
        messages.success(request, _("Outcome changed."))
        return redirect("consensus:study", study_id=study.pk)
    return render(
        request,
        "consensus/candidate_form.html",
        {
            "study": study,
            "candidate": candidate,
            "form": form,
            "ideas": candidate.proposals.all(),
            "merged": candidate.merged.all(),
            "can_merge": others.exists(),
        },
    )


@policy.action("consensus.manage")
def candidate_merge(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = request.target
    study = candidate.study
    others = services.active_candidates(study).exclude(pk=candidate.pk)
    form = MergeForm(form_data(request), others=others)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidates_merge(
                keep=candidate, merge=form.chosen(), actor=request.user.person
            )
        except ValidationError as problem:
            form.add_error(None, problem.messages[0])
        else:
            messages.success(request, _("Merged. Every idea behind them is kept."))
            return redirect("consensus:study", study_id=study.pk)
    return render(
        request, "consensus/merge.html", {"study": study, "candidate": candidate, "form": form}
    )


@policy.action("consensus.manage")
def round_open(request: HttpRequest, study_id: int) -> HttpResponse:
    study = request.target
    today = timezone.localdate()
    form = RoundForm(form_data(request), initial={"opens_on": today})
    gaps = services.wording_gaps(study)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_open(
                study=study,
                actor=request.user.person,
                opens_on=form.cleaned_data["opens_on"],
                closes_on=form.cleaned_data["closes_on"],
            )
        except ValidationError as problem:
            form.add_error(None, problem.messages[0])
        else:
            messages.success(request, _("%(round)s is open.") % {"round": round_})
            return redirect("consensus:study", study_id=study.pk)
    return render(
        request, "consensus/round_open.html", {"study": study, "form": form, "gaps": gaps}
    )


@policy.action("consensus.manage")
def round_dates(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = request.target
    form = RoundForm(
        form_data(request), initial={"opens_on": round_.opens_on, "closes_on": round_.closes_on}
    )
    if request.method == "POST" and form.is_valid():
        services.round_dates_change(
            round_=round_,
            actor=request.user.person,
            opens_on=form.cleaned_data["opens_on"],
            closes_on=form.cleaned_data["closes_on"],
        )
        messages.success(request, _("The dates have changed."))
        return redirect("consensus:study", study_id=round_.study_id)
    return render(request, "consensus/round_dates.html", {"round": round_, "form": form})


@policy.action("consensus.manage")
def round_close(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = request.target
    if request.method == "POST":
        services.round_close(round_=round_, actor=request.user.person)
        messages.success(request, _("%(round)s is closed.") % {"round": round_})
        return redirect("consensus:results", round_id=round_.pk)
    return render(request, "consensus/round_close.html", {"round": round_})


@policy.action("consensus.take_part")
def rate(request: HttpRequest, candidate_id: int) -> HttpResponse:
    """One outcome per page, with where you are in the list: never a wall of radios."""
    candidate = request.target
    study = candidate.study
    person = request.user.person
    if candidate.merged_into_id is not None:
        raise Http404
    current = study.current_round
    if current is None or not current.is_open:
        return render(request, "consensus/not_open.html", {"study": study})
    easy_read = request.easy_read
    candidates = list(services.active_candidates(study))
    position = candidates.index(candidate)
    saved = ratings_of(current, person).get(candidate.pk)
    feedback = feedback_for(current, person, viewer=policy.split_viewer(person, study.project))
    form = RatingForm(
        form_data(request),
        question=candidate.wording(easy_read=easy_read),
        easy_read=easy_read,
        initial={"rating": rating_initial(saved, easy_read=easy_read)},
    )
    if easy_read:
        form.govuk = {
            "rating": {
                "fieldset": {
                    "legend": {"isPageHeading": True, "classes": "govuk-fieldset__legend--l"}
                },
                "items": {
                    value: {
                        "html": render_to_string(
                            "consensus/choice.html",
                            {"symbol": symbol, "text": label},
                        )
                    }
                    for value, label in form.fields["rating"].choices
                    for symbol in [BAND_SYMBOLS[value]]
                },
            }
        }
    else:
        form.govuk = {
            "rating": {
                "fieldset": {
                    "legend": {"isPageHeading": True, "classes": "govuk-fieldset__legend--l"}
                },
                "items": {
                    "9": {"hint": {"text": _("Very important")}},
                    "4": {"hint": {"text": _("Important")}},
                    "1": {"hint": {"text": _("Not important")}},
                },
            }
        }
    if request.method == "POST" and form.is_valid():
        score, band = form.score_and_band
        try:
            services.rating_save(
                round_=current, candidate=candidate, person=person, score=score, band=band
            )
        except ValidationError as problem:
            form.add_error(None, problem.messages[0])
        else:
            if position + 1 < len(candidates):
                return redirect("consensus:rate", candidate_id=candidates[position + 1].pk)
            return redirect("consensus:check", study_id=study.pk)
    given = feedback.get(candidate.pk)
    return render(
        request,
        "consensus/rate.html",
        {
            "study": study,
            "round": current,
            "candidate": candidate,
            "question": candidate.wording(easy_read=easy_read),
            "form": form,
            "position": position + 1,
            "total": len(candidates),
            "previous": candidates[position - 1] if position > 0 else None,
            "feedback": given,
            "feedback_sentence": feedback_sentence(given, easy_read=easy_read) if given else "",
            "easy_read": easy_read,
        },
    )


@policy.action("consensus.take_part")
def check(request: HttpRequest, study_id: int) -> HttpResponse:
    """Check your answers: every outcome with the rating saved, each with a change link."""
    study = request.target
    current = study.current_round
    if current is None or not current.is_open:
        return render(request, "consensus/not_open.html", {"study": study})
    mine = ratings_of(current, request.user.person)
    rows = [
        (c, c.wording(easy_read=request.easy_read), rated_words(mine.get(c.pk)))
        for c in services.active_candidates(study)
    ]
    missing = sum(1 for c, _w, _r in rows if c.pk not in mine)
    return render(
        request,
        "consensus/check.html",
        {"study": study, "round": current, "rows": rows, "missing": missing},
    )


@policy.action("consensus.enter")
def sheet_enter(request: HttpRequest, study_id: int) -> HttpResponse:
    """Type in a rating sheet given on paper, by phone or in a session."""
    study = request.target
    current = study.current_round
    if current is None or not current.is_open:
        return render(request, "consensus/not_open.html", {"study": study})
    form = SheetForm(
        form_data(request), places=_places(study), candidates=services.active_candidates(study)
    )
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        try:
            for candidate, score in form.scores():
                services.rating_save(
                    round_=current,
                    candidate=candidate,
                    person=person,
                    score=score,
                    way=form.cleaned_data["way"],
                    entered_by=request.user.person,
                )
        except ValidationError as problem:
            form.add_error(None, problem.messages[0])
        else:
            messages.success(
                request,
                _("Ratings saved for %(name)s.") % {"name": person.display_name},
            )
            return redirect("consensus:study", study_id=study.pk)
    return render(
        request, "consensus/sheet_enter.html", {"study": study, "round": current, "form": form}
    )


@policy.action("consensus.enter")
def sheet_print(request: HttpRequest, study_id: int) -> HttpResponse:
    """A rating sheet to print, standard, large print or easy read, in the page's language."""
    study = request.target
    kind = request.GET.get("kind", "standard")
    if kind not in ("standard", "large", "easy"):
        kind = "standard"
    return render(
        request,
        "consensus/sheet_print.html",
        {
            "study": study,
            "round": study.current_round,
            "kind": kind,
            "candidates": services.active_candidates(study),
            "scores": list(range(1, 10)),
        },
    )


@policy.action("consensus.results")
def results(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = request.target
    viewer = policy.split_viewer(request.user.person, round_.study.project)
    found = round_results(round_, viewer=viewer)
    figures = []
    if found is not None:
        figures = [
            (outcome, ratings_chart(outcome, hidden_below=found.threshold))
            for outcome in found.outcomes
        ]
    return render(
        request,
        "consensus/results.html",
        {"round": round_, "study": round_.study, "results": found, "figures": figures},
    )


def ratings_chart(outcome, *, hidden_below: int | None) -> charts.Chart:
    """How each group rated one outcome: a bar per group, shares of those who gave a score."""
    groups = []
    for shares, decides in outcome.groups:
        label = (
            _("%(group)s (their agreement decides)") % {"group": shares.label}
            if decides
            else shares.label
        )
        if shares.hidden or shares.counts is None:
            groups.append(charts.GroupCounts(label=label, counts=[None, None, None], total=None))
        else:
            groups.append(
                charts.GroupCounts(label=label, counts=list(shares.counts), total=shares.n_rated)
            )
    name = outcome.candidate.name
    return charts.distribution(
        title=_("How each group rated “%(name)s”") % {"name": name},
        categories=[
            _("Very important (7 to 9)"),
            _("Important (4 to 6)"),
            _("Not important (1 to 3)"),
        ],
        groups=groups,
        hidden_below=hidden_below,
        category_heading=_("Rating"),
        group_heading=_("Group"),
        table_caption=_("Ratings of “%(name)s” by group") % {"name": name},
    )


@policy.action("consensus.results")
def export(request: HttpRequest, study_id: int) -> HttpResponse:
    study = request.target
    viewer = policy.split_viewer(request.user.person, study.project)
    response = HttpResponse(
        export_csv(study, viewer=viewer), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="outcome-ratings-{study.pk}.csv"'
    return response


@policy.action("consensus.manage")
def agree(request: HttpRequest, study_id: int) -> HttpResponse:
    study = request.target
    previous = study.agreed
    candidates = list(services.active_candidates(study))
    last_closed = study.rounds.exclude(closed_at=None).order_by("-number").first()
    verdicts = {}
    if last_closed is not None:
        found = round_results(
            last_closed, viewer=policy.split_viewer(request.user.person, study.project)
        )
        verdicts = {o.candidate.pk: (o.verdict.value if o.verdict else "") for o in found.outcomes}
    initial = {"outcomes": [str(pk) for pk, v in verdicts.items() if v == "in"]}
    if previous is not None:
        initial = {"outcomes": [str(o["candidate"]) for o in previous.outcomes]}
    form = AgreedForm(
        form_data(request), candidates=candidates, first=previous is None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agreed_set_confirm(
                study=study,
                actor=request.user.person,
                outcomes=form.chosen(),
                decided_on=form.cleaned_data["decided_on"],
                reason=form.cleaned_data.get("reason", ""),
                verdicts=verdicts,
            )
        except ValidationError as problem:
            if hasattr(problem, "error_dict"):
                for field, errors in problem.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors[0])
            else:
                form.add_error(None, problem.messages[0])
        else:
            messages.success(request, _("The agreed outcomes are saved and locked."))
            return redirect("consensus:study", study_id=study.pk)
    return render(
        request,
        "consensus/agree.html",
        {"study": study, "form": form, "previous": previous, "last_closed": last_closed},
    )
