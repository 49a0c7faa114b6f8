from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wesaid.core import policy
from wesaid.core.http import form_data

from . import services
from .forms import MemberForm, ProjectForm
from .selectors import projects_visible_to


@policy.action("project.list")
def project_list(request: HttpRequest) -> HttpResponse:
    person = request.user.person
    return render(
        request,
        "projects/list.html",
        {
            "projects": projects_visible_to(person),
            "can_create": policy.is_allowed(person, "project.create"),
        },
    )


@policy.action("project.create")
def project_create(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        project = services.project_create(
            organisation=request.user.person.organisation,
            actor=request.user.person,
            name=form.cleaned_data["name"],
            aims=form.cleaned_data["aims"],
            area=form.cleaned_data["area"],
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            status=form.cleaned_data["status"],
        )
        messages.success(request, _("Project created. Now add its members."))
        return redirect("projects:detail", project_id=project.pk)
    return render(request, "projects/create.html", {"form": form})


@policy.action("project.view")
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project = request.target
    person = request.user.person
    return render(
        request,
        "projects/detail.html",
        {
            "project": project,
            "members": project.members.select_related("person"),
            "checkins": project.checkins.all(),
            "can_edit": policy.is_allowed(person, "project.edit", project),
            "can_manage_members": policy.is_allowed(person, "project.members.manage", project),
            "can_create_checkin": policy.is_allowed(person, "checkin.create", project),
            "can_see_results": policy.is_allowed(person, "checkin.results", project),
            "is_member": project.members.filter(person=person).exists(),
        },
    )


@policy.action("project.members.manage")
def member_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = request.target
    form = MemberForm(form_data(request), project=project)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.project_member_add(
                project=project,
                actor=request.user.person,
                person=form.cleaned_data["person"],
                group=form.cleaned_data["group"],
            )
        except ValidationError as problem:
            form.add_error("person", problem.messages[0])
        else:
            messages.success(
                request,
                _("%(name)s has joined the project.") % {"name": member.person.display_name},
            )
            return redirect("projects:detail", project_id=project.pk)
    return render(request, "projects/member_add.html", {"project": project, "form": form})


@policy.action("project.edit")
def project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project = request.target
    initial = {name: getattr(project, name) for name in services.PROJECT_FIELDS}
    form = ProjectForm(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.project_update(
            project=project,
            actor=request.user.person,
            name=form.cleaned_data["name"],
            aims=form.cleaned_data["aims"],
            area=form.cleaned_data["area"],
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            status=form.cleaned_data["status"],
        )
        messages.success(request, _("Project details saved."))
        return redirect("projects:detail", project_id=project.pk)
    return render(request, "projects/edit.html", {"project": project, "form": form})
