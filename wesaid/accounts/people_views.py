"""Sign-ins that staff give to other people: printed cards, emailed links, a reset second step.

These pages sit under the person's address (/people/<id>/...) but belong to accounts, which
may import organisations; organisations imports nothing from accounts.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from wesaid.core import policy

from .services import second_factor_reset, sign_in_code_issue, sign_in_link_allowed
from .services import site_url as sign_in_link_site_url
from .tasks import send_sign_in_link


@policy.action("person.sign_in_code.issue")
@never_cache
def person_sign_in_card(request: HttpRequest, person_id: int) -> HttpResponse:
    """A card to print: the code is shown once, and making a new card cancels the old one."""
    person = request.target
    if not policy.may_give_sign_in_to(request.user.person, person):
        raise PermissionDenied
    if request.method != "POST":
        return render(request, "accounts/sign_in_card_confirm.html", {"person": person})
    code = sign_in_code_issue(person=person, actor=request.user.person)
    sign_in_url = request.build_absolute_uri(reverse("accounts:sign_in_code"))
    # The organisation's notice at its public address: readable before signing in.
    privacy_url = request.build_absolute_uri(
        reverse("site:organisation_privacy", args=[person.organisation.slug])
    )
    return render(
        request,
        "accounts/sign_in_card.html",
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
    return render(request, "accounts/reset_second_factor.html", {"person": person})
