from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wesaid.core import policy

from .actions import Action
from .models import AuditEvent


@policy.action("audit.view")
def audit_log(request: HttpRequest) -> HttpResponse:
    """Read only: there is no screen that changes or removes audit events."""
    events = AuditEvent.objects.in_organisation(request.user.person.organisation).select_related(
        "actor"
    )
    chosen = request.GET.get("action", "")
    if chosen in Action.values:
        events = events.filter(action=chosen)
    else:
        chosen = ""
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    choices = sorted(Action.choices, key=lambda choice: str(choice[1]))
    return render(request, "audit/log.html", {"page": page, "chosen": chosen, "choices": choices})
