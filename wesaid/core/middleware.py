from __future__ import annotations

from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils.translation import get_language_from_path
from django.utils.translation.trans_real import parse_accept_lang_header


class NoStoreForSignedInMiddleware:
    """Pages for a signed-in person may hold personal data: never keep them in a shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response


class PreferredLanguageMiddleware:
    """Open the first page in the language the browser asks for, keeping the switcher in charge.

    English pages have no prefix and Welsh ones live under ``/cy/``, so Django's own
    LocaleMiddleware always serves English at an unprefixed address, whatever the browser asks
    for. For a GET of an unprefixed page by someone not signed in whose browser has not yet been
    served a page (no language cookie), this redirects to the Welsh address when the browser's
    Accept-Language ranks Welsh before English. Otherwise the address as asked wins: the cookie
    records the language of the last page served, so choosing "English" in the switcher on a
    Welsh page is honoured from then on.

    The person's own saved choice comes first, and is applied where a sign-in redirects
    (``wesaid.accounts.views._after_sign_in``), so no page after that is moved.
    """

    COOKIE = "wesaid_language"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect = self._redirect(request)
        if redirect is not None:
            return redirect
        response = self.get_response(request)
        language = getattr(request, "LANGUAGE_CODE", None)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and language in ("en", "cy")
            and request.COOKIES.get(self.COOKIE) != language
            and response.get("Content-Type", "").startswith("text/html")
        ):
            response.set_cookie(
                self.COOKIE,
                language,
                max_age=365 * 24 * 3600,
                samesite="Lax",
                secure=request.is_secure(),
                httponly=True,
            )
        return response

    def _redirect(self, request):
        if request.method not in ("GET", "HEAD"):
            return None
        if get_language_from_path(request.path_info) or self.COOKIE in request.COOKIES:
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None
        wanted = _accepted_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
        if wanted != "cy":
            return None
        full = request.get_full_path()
        moved = translate_url(full, wanted)
        if moved == full:  # not a page with an address in each language (health check, files)
            return None
        return HttpResponseRedirect(moved)


def _accepted_language(header: str) -> str | None:
    """ "cy" or "en" from an Accept-Language header, whichever the browser ranks first."""
    for code, _quality in parse_accept_lang_header(header):
        base = code.lower().split("-")[0]
        if base in ("cy", "en"):
            return base
    return None


EASY_READ_COOKIE = "wesaid_easy_read"


class EasyReadMiddleware:
    """``request.easy_read``: whether the person chose easy read for themselves.

    A signed-in person's saved choice (``Person.easy_read``) wins; someone not signed in keeps
    their choice in a cookie. Nobody else sets it for them: the switch is on every page
    (``accounts.views.easy_read_choose``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        person = (
            getattr(user, "person", None) if user is not None and user.is_authenticated else None
        )
        if person is not None:
            request.easy_read = bool(person.easy_read)
        else:
            request.easy_read = request.COOKIES.get(EASY_READ_COOKIE) == "on"
        return self.get_response(request)
