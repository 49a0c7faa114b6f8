"""The public pages and the signed-in home page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from wesaid.checkins.selectors import checkins_waiting_for
from wesaid.consensus.selectors import studies_to_rate
from wesaid.core import policy
from wesaid.organisations.models import Organisation
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
            "to_rate": studies_to_rate(person),
        },
    )


def _links(organisation: Organisation | None) -> dict[str, str]:
    """Where a notice page links: the organisation's public addresses, or the general pages."""
    if organisation is None:
        names = ("privacy", "privacy_easy_read", "accessibility", "accessibility_easy_read")
        return {name: reverse(f"site:{name}") for name in names}
    slug = {"organisation_slug": organisation.slug}
    return {
        "privacy": reverse("site:organisation_privacy", kwargs=slug),
        "privacy_easy_read": reverse("site:organisation_privacy_easy_read", kwargs=slug),
        "accessibility": reverse("site:organisation_accessibility", kwargs=slug),
        "accessibility_easy_read": reverse(
            "site:organisation_accessibility_easy_read", kwargs=slug
        ),
    }


def _published(organisation_slug: str) -> Organisation:
    """The organisation a public address names; an unknown one is not found."""
    return get_object_or_404(Organisation, slug=organisation_slug)


def _accessibility_page(
    request: HttpRequest, organisation: Organisation | None, links: dict[str, str]
) -> HttpResponse:
    statement = (
        AccessibilityStatement.objects.in_organisation(organisation).first()
        if organisation
        else None
    )
    context: dict = {"notice_links": links}
    if organisation is not None:
        context["organisation"] = organisation
    if statement is None:
        return render(request, "site/accessibility.html", context)
    known_issues, in_english = in_language(statement.known_issues_en, statement.known_issues_cy)
    context.update(statement=statement, known_issues=known_issues, issues_in_english=in_english)
    return render(request, "privacy/statement.html", context)


def _privacy_page(
    request: HttpRequest, organisation: Organisation | None, links: dict[str, str]
) -> HttpResponse:
    notice = PrivacyNotice.objects.in_organisation(organisation).first() if organisation else None
    context: dict = {"notice_links": links}
    if organisation is not None:
        context["organisation"] = organisation
    if notice is None:
        return render(request, "site/privacy.html", context)
    extra, in_english = in_language(notice.extra_en, notice.extra_cy)
    context.update(
        notice=notice,
        held=held_items(),
        kept=kept_for(organisation),
        extra=extra,
        extra_in_english=in_english,
    )
    return render(request, "privacy/notice.html", context)


@policy.public
def accessibility(request: HttpRequest) -> HttpResponse:
    """The organisation's own statement for its people once signed in; the general one before."""
    if request.easy_read:  # the person chose easy read for themselves
        return accessibility_easy_read(request)
    return _accessibility_page(request, _organisation_of(request), _links(None))


@policy.public
def privacy(request: HttpRequest) -> HttpResponse:
    """The organisation's own notice for its people once signed in; the general one before."""
    if request.easy_read:  # the person chose easy read for themselves
        return privacy_easy_read(request)
    return _privacy_page(request, _organisation_of(request), _links(None))


# The organisation's notices at public addresses (for a printed card, a letter or a poster),
# readable before signing in. They show the published notice and nothing about anyone.


@policy.public
def organisation_privacy(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _published(organisation_slug)
    if request.easy_read:
        return _privacy_easy_read_page(request, organisation, _links(organisation))
    return _privacy_page(request, organisation, _links(organisation))


@policy.public
def organisation_accessibility(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _published(organisation_slug)
    if request.easy_read:
        return _accessibility_easy_read_page(request, organisation, _links(organisation))
    return _accessibility_page(request, organisation, _links(organisation))


@policy.public
def organisation_privacy_easy_read(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = _published(organisation_slug)
    return _privacy_easy_read_page(request, organisation, _links(organisation))


@policy.public
def organisation_accessibility_easy_read(
    request: HttpRequest, organisation_slug: str
) -> HttpResponse:
    organisation = _published(organisation_slug)
    return _accessibility_easy_read_page(request, organisation, _links(organisation))


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
    return _privacy_easy_read_page(request, _organisation_of(request), _links(None))


def _privacy_easy_read_page(
    request: HttpRequest, organisation: Organisation | None, links: dict[str, str]
) -> HttpResponse:
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
    context: dict = {"points": points, "notice_links": links}
    if organisation is not None:
        context["organisation"] = organisation
    return render(request, "site/easy_read/privacy.html", context)


@policy.public
def accessibility_easy_read(request: HttpRequest) -> HttpResponse:
    return _accessibility_easy_read_page(request, None, _links(None))


def _accessibility_easy_read_page(
    request: HttpRequest, organisation: Organisation | None, links: dict[str, str]
) -> HttpResponse:
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
    context: dict = {"points": points, "notice_links": links}
    if organisation is not None:
        context["organisation"] = organisation
    return render(request, "site/easy_read/accessibility.html", context)
