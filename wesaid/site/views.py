"""The public pages and the signed-in home page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from wesaid.checkins.selectors import checkins_waiting_for
from wesaid.core import policy
from wesaid.privacy.models import AccessibilityStatement, PrivacyNotice
from wesaid.privacy.notices import held_items, in_language, kept_for
from wesaid.projects.selectors import projects_visible_to


@policy.public
def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("site:dashboard")
    return render(request, "site/landing.html")


@policy.action("home.view")
def dashboard(request: HttpRequest) -> HttpResponse:
    person = request.user.person
    return render(
        request,
        "site/dashboard.html",
        {
            "projects": projects_visible_to(person)[:20],
            "waiting": checkins_waiting_for(person),
        },
    )


@policy.public
def accessibility(request: HttpRequest) -> HttpResponse:
    organisation = _organisation_of(request)
    statement = (
        AccessibilityStatement.objects.in_organisation(organisation).first()
        if organisation
        else None
    )
    if statement is None:
        return render(request, "site/accessibility.html")
    known_issues, in_english = in_language(statement.known_issues_en, statement.known_issues_cy)
    return render(
        request,
        "privacy/statement.html",
        {
            "statement": statement,
            "organisation": organisation,
            "known_issues": known_issues,
            "issues_in_english": in_english,
        },
    )


@policy.public
def privacy(request: HttpRequest) -> HttpResponse:
    """The organisation's own notice for its people once signed in; the general one before."""
    organisation = _organisation_of(request)
    notice = PrivacyNotice.objects.in_organisation(organisation).first() if organisation else None
    if notice is None:
        return render(request, "site/privacy.html")
    extra, in_english = in_language(notice.extra_en, notice.extra_cy)
    return render(
        request,
        "privacy/notice.html",
        {
            "notice": notice,
            "held": held_items(),
            "kept": kept_for(organisation),
            "extra": extra,
            "extra_in_english": in_english,
        },
    )


def _organisation_of(request: HttpRequest):
    user = getattr(request, "user", None)
    return user.person.organisation if user is not None and user.is_authenticated else None


@policy.public
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "site/cookies.html")
