"""The public pages and the signed-in home page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

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
    if request.easy_read:  # the person chose easy read for themselves
        return accessibility_easy_read(request)
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
    if request.easy_read:  # the person chose easy read for themselves
        return privacy_easy_read(request)
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


# --- easy read ----------------------------------------------------------------------------
# Each point is a symbol (drawn in site/easy_read/symbol.html) and one or two short sentences.
# The sentences are whole msgids so translators see each one; tests/test_plain_pages.py keeps
# them short.


@policy.public
def privacy_easy_read(request: HttpRequest) -> HttpResponse:
    organisation = _organisation_of(request)
    who = (
        _("%(organisation)s looks after your information.") % {"organisation": organisation.name}
        if organisation
        else _("The group that runs your project looks after your information.")
    )
    points = [
        ("person", [_("This is about the information we keep about you.")]),
        ("building", [who, _("The law says they must keep it safe.")]),
        (
            "list",
            [
                _("We keep your name."),
                _("We keep your email or phone number if you give them."),
                _("We keep your answers."),
            ],
        ),
        ("lock", [_("Only people who need your information for their work can see it.")]),
        (
            "hidden",
            [
                _("When we share numbers, we hide small groups."),
                _("Then nobody can tell which answer is yours."),
            ],
        ),
        (
            "ask",
            [
                _("You can ask to see your information."),
                _("You can ask us to change it or to delete it."),
                _("Ask the person who runs your project."),
            ],
        ),
        (
            "scales",
            [
                _("If you are not happy, you can complain to the ICO."),
                _("The ICO makes sure organisations follow the law about information."),
            ],
        ),
    ]
    return render(request, "site/easy_read/privacy.html", {"points": points})


@policy.public
def accessibility_easy_read(request: HttpRequest) -> HttpResponse:
    points = [
        ("person", [_("We want everyone to be able to use wesaid.")]),
        ("keyboard", [_("You can use it with a keyboard only.")]),
        (
            "speaker",
            [
                _("You can use it with a screen reader."),
                _("A screen reader reads the page out loud."),
            ],
        ),
        ("bigger", [_("You can make the words bigger.")]),
        ("phone", [_("You can use it on a phone.")]),
        ("languages", [_("You can use it in English or in Welsh.")]),
        (
            "paper",
            [
                _("You do not need a computer."),
                _("A helper can give you a card to sign in."),
                _("A helper can write down your answers for you."),
            ],
        ),
        (
            "tools",
            [
                _("Some pages are not in easy read yet."),
                _("We are working on them."),
            ],
        ),
        (
            "ask",
            [
                _("Is something hard to use?"),
                _("Tell the person who runs your project."),
            ],
        ),
    ]
    return render(request, "site/easy_read/accessibility.html", {"points": points})
