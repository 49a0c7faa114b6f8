"""The public pages and the signed-in home page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from wesaid.checkins.selectors import checkins_waiting_for
from wesaid.core import policy
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
    return render(request, "site/accessibility.html")


@policy.public
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "site/privacy.html")


@policy.public
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "site/cookies.html")
