from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import user_has_device

from wesaid.accounts.services import second_factor_reset, sign_in_code_issue, sign_in_link_allowed
from wesaid.accounts.services import site_url as sign_in_link_site_url
from wesaid.accounts.tasks import send_sign_in_link
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
            **form.cleaned_data,
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


@policy.action("person.sign_in_code.issue")
@never_cache
def person_sign_in_card(request: HttpRequest, person_id: int) -> HttpResponse:
    """A card to print: the code is shown once, and making a new card cancels the old one."""
    person = request.target
    if not policy.may_give_sign_in_to(request.user.person, person):
        raise PermissionDenied
    if request.method != "POST":
        return render(request, "organisations/sign_in_card_confirm.html", {"person": person})
    code = sign_in_code_issue(person=person, actor=request.user.person)
    sign_in_url = request.build_absolute_uri(reverse("accounts:sign_in_code"))
    # The organisation's notice at its public address: readable before signing in.
    privacy_url = request.build_absolute_uri(
        reverse("site:organisation_privacy", args=[person.organisation.slug])
    )
    return render(
        request,
        "organisations/sign_in_card.html",
        {"person": person, "code": code, "sign_in_url": sign_in_url, "privacy_url": privacy_url},
    )


@policy.action("person.sign_in_link.send")
def person_send_link(request: HttpRequest, person_id: int) -> HttpResponse:
    """Email a single-use sign-in link to a member or carer who has an email address."""
    person = request.target
    if request.method != "POST":
        return redirect("organisations:person", person_id=person.pk)
    if not person.may_get_email_link:
        messages.error(
            request, _("Only members and carers with an email address can get a sign-in link.")
        )
        return redirect("organisations:person", person_id=person.pk)
    site_url = sign_in_link_site_url(request)
    if site_url is None:
        messages.error(
            request,
            _("Emailed links are switched off until the site's address is set (WESAID_SITE_URL)."),
        )
        return redirect("organisations:person", person_id=person.pk)
    if not sign_in_link_allowed(person):
        messages.error(
            request,
            _("%(name)s has had enough links for now. Try again in an hour, or print a card.")
            % {"name": person.display_name},
        )
        return redirect("organisations:person", person_id=person.pk)
    send_sign_in_link.enqueue(person.pk, site_url, actor_id=request.user.person.pk)
    messages.success(
        request, _("We have emailed %(name)s a link to sign in.") % {"name": person.display_name}
    )
    return redirect("organisations:person", person_id=person.pk)


@policy.action("person.second_factor.reset")
def person_reset_second_factor(request: HttpRequest, person_id: int) -> HttpResponse:
    person = request.target
    if request.method == "POST":
        second_factor_reset(person=person, actor=request.user.person)
        messages.success(
            request,
            _(
                "%(name)s's second step has been reset. They set up a new app when they next sign in."
            )
            % {"name": person.display_name},
        )
        return redirect("organisations:person", person_id=person.pk)
    return render(request, "organisations/reset_second_factor.html", {"person": person})
