from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from wesaid.core.policy import is_allowed


def wesaid(request):
    """The organisation and the navigation for the signed-in person."""
    user = getattr(request, "user", None)
    easy_read = bool(getattr(request, "easy_read", False))
    if user is None or not user.is_authenticated:
        return {
            "organisation": None,
            "navigation": _navigation(request, [("accounts:sign_in", _("Sign in"))]),
            "easy_read": easy_read,
        }
    person = user.person
    links = [("site:dashboard", _("Home")), ("projects:list", _("Projects"))]
    if is_allowed(person, "person.list"):
        links.append(("organisations:people", _("People")))
    if is_allowed(person, "measures.view"):
        links.append(("measures:list", _("Measures")))
    if is_allowed(person, "audit.view"):
        links.append(("audit:log", _("Audit log")))
    if is_allowed(person, "data_protection.manage"):
        links.append(("privacy:hub", _("Data protection")))
    links += [("accounts:account", _("Your account")), ("accounts:sign_out", _("Sign out"))]
    return {
        "organisation": person.organisation,
        "navigation": _navigation(request, links),
        "easy_read": easy_read,
    }


def _navigation(request, links):
    items = []
    for name, label in links:
        href = reverse(name)
        items.append({"href": href, "label": label, "current": request.path == href})
    return items
