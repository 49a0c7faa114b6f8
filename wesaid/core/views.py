from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from wesaid.checkins.selectors import checkins_waiting_for
from wesaid.core import policy
from wesaid.projects.selectors import projects_visible_to


@policy.public
def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return render(request, "core/landing.html")


@policy.action("home.view")
def dashboard(request: HttpRequest) -> HttpResponse:
    person = request.user.person
    return render(
        request,
        "core/dashboard.html",
        {
            "projects": projects_visible_to(person)[:20],
            "waiting": checkins_waiting_for(person),
        },
    )


@policy.public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@policy.public
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@policy.public
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "core/cookies.html")


@policy.public
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def forbidden(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: the failure may be in a context processor.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/csrf.html", status=403)
