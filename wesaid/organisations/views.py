from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_otp import user_has_device

from wesaid.core import policy
from wesaid.core.http import form_data

from . import services
from .forms import PersonForm, RolesForm
from .models import Person


@policy.action("person.list")
def people(request: HttpRequest) -> HttpResponse:
    organisation = request.user.person.organisation
    everyone = (
        Person.objects.in_organisation(organisation)
        .prefetch_related("memberships")
        .select_related("user")
    )
    return render(request, "organisations/people.html", {"people": everyone})


@policy.action("person.create")
def person_add(request: HttpRequest) -> HttpResponse:
    form = PersonForm(
        form_data(request), grantable_roles=policy.roles_grantable_by(request.user.person)
    )
    if request.method == "POST" and form.is_valid():
        person = services.person_create(
            organisation=request.user.person.organisation,
            actor=request.user.person,
            display_name=form.cleaned_data["display_name"],
            roles=form.cleaned_data["roles"],
            email=form.cleaned_data["email"],
            phone=form.cleaned_data["phone"],
            preferred_language=form.cleaned_data["preferred_language"],
        )
        messages.success(request, _("%(name)s has been added.") % {"name": person.display_name})
        return redirect("organisations:person", person_id=person.pk)
    return render(request, "organisations/person_add.html", {"form": form})


@policy.action("person.view")
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = request.target
    return render(
        request,
        "organisations/person.html",
        {
            "person": person,
            "places": person.project_places.select_related("project"),
            "can_change_roles": policy.is_allowed(
                request.user.person, "person.roles.change", person
            ),
            "can_give_sign_in": policy.may_give_sign_in_to(request.user.person, person),
            "can_email_link": person.may_get_email_link,
            "can_reset_second_factor": policy.is_allowed(
                request.user.person, "person.second_factor.reset", person
            )
            and hasattr(person, "user")
            and user_has_device(person.user),
            "can_manage_data": policy.is_allowed(request.user.person, "person.erase", person),
        },
    )


@policy.action("person.roles.change")
def person_roles(request: HttpRequest, person_id: int) -> HttpResponse:
    person = request.target
    form = RolesForm(form_data(request), initial={"roles": sorted(person.roles)})
    if request.method == "POST" and form.is_valid():
        try:
            services.person_roles_set(
                person=person, roles=form.cleaned_data["roles"], actor=request.user.person
            )
        except ValidationError as problem:
            form.add_error(None, problem)
        else:
            messages.success(
                request, _("Roles changed for %(name)s.") % {"name": person.display_name}
            )
            return redirect("organisations:person", person_id=person.pk)
    return render(request, "organisations/person_roles.html", {"person": person, "form": form})
