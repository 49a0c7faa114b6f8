from __future__ import annotations

import base64

import segno
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from wesaid.core import policy
from wesaid.core.http import form_data
from wesaid.core.middleware import EASY_READ_COOKIE
from wesaid.core.net import client_ip
from wesaid.organisations.services import person_update

from . import services
from .codes import lockout_username
from .forms import (
    WRONG_CODE,
    WRONG_PASSWORD,
    WRONG_TOKEN,
    CodeForm,
    EmailLinkForm,
    SetPasswordForm,
    SignInForm,
    TokenForm,
)

BACKUP_CODES_SESSION_KEY = "wesaid_new_backup_codes"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _after_sign_in(request: HttpRequest, user) -> HttpResponse:
    """Where a sign-in goes next, in the person's own preferred language: someone who prefers
    Welsh lands on Welsh pages whichever language they signed in on (the switcher then rules)."""
    services.signed_in(user=user)
    language = user.person.preferred_language

    def theirs(target: str) -> str:
        return translate_url(resolve_url(target), language)

    next_url = _next_url(request)
    if user.person.needs_second_factor and not user.has_usable_password():
        return redirect(theirs("accounts:set_password"))
    if policy.needs_verification(user):
        response = redirect(theirs("accounts:second_factor"))
        if next_url:
            request.session["wesaid_next"] = theirs(next_url)
        return response
    return redirect(theirs(next_url or "site:dashboard"))


@policy.public
@sensitive_post_parameters("password")
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
        )
        if user is not None and hasattr(user, "person"):
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return _after_sign_in(request, user)
        services.sign_in_failed(username=form.cleaned_data["username"])
        form.add_error(None, WRONG_PASSWORD)
    return render(request, "accounts/sign_in.html", {"form": form, "next": _next_url(request)})


@policy.public
@sensitive_post_parameters("code")
@never_cache
def sign_in_code(request: HttpRequest) -> HttpResponse:
    form = CodeForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        typed = form.cleaned_data["code"]
        user = authenticate(request, username=lockout_username(typed), code=typed)
        if user is not None:
            login(request, user, backend="wesaid.accounts.backends.SignInCodeBackend")
            return _after_sign_in(request, user)
        services.sign_in_failed(username="")
        form.add_error("code", WRONG_CODE)
    return render(request, "accounts/sign_in_code.html", {"form": form})


@policy.public
@never_cache
def sign_in_link_request(request: HttpRequest) -> HttpResponse:
    form = EmailLinkForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        services.sign_in_link_request(
            email=email, requester=client_ip(request), site_url=services.site_url(request)
        )
        # The same answer whether or not we know the address (or were asked too often), so
        # nobody can test addresses.
        return render(request, "accounts/sign_in_link_sent.html", {"email": email})
    return render(request, "accounts/sign_in_link_request.html", {"form": form})


@policy.public
@never_cache
def sign_in_link(request: HttpRequest) -> HttpResponse:
    # The token travels in the query string, which access logs leave out (see `wesaid serve`).
    # A page with a button comes first, so email scanners that open links do not use them up.
    token = request.POST.get("token") or request.GET.get("token") or ""
    try:
        if request.method == "POST":
            user = services.sign_in_link_redeem(token)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return _after_sign_in(request, user)
        services.sign_in_link_check(token)
    except services.LinkProblem as problem:
        services.sign_in_link_refused(token=token, reason=problem.reason)
        response = render(
            request, "accounts/sign_in_link_problem.html", {"reason": problem.reason}, status=400
        )
    else:
        response = render(request, "accounts/sign_in_link.html", {"token": token})
    # The address holds the token: the page's own requests (styles, scripts) must not pass it on.
    # Origin only: "no-referrer" would also send "Origin: null" with its form, failing CSRF.
    response["Referrer-Policy"] = "strict-origin"
    return response


@policy.signed_in_only
@never_cache
def second_factor(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user_has_device(user, confirmed=True):
        return redirect("accounts:second_factor_setup")
    if user.is_verified():
        return redirect("site:dashboard")
    form = TokenForm(form_data(request), member=not user.person.needs_second_factor)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            # A change of privilege: a new session id, so one learnt before cannot ride on it.
            request.session.cycle_key()
            services.record_second_factor_used(user=user)
            return redirect(request.session.pop("wesaid_next", "") or "site:dashboard")
        services.second_factor_failed(user=user)
        form.add_error("token", WRONG_TOKEN)
    return render(request, "accounts/second_factor.html", {"form": form})


@policy.signed_in_only
@never_cache
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user_has_device(user, confirmed=True) and not user.is_verified():
        # Replacing an app needs the current one first.
        return redirect("accounts:second_factor")
    device = services.totp_device_pending(user=user)
    member = not user.person.needs_second_factor
    form = TokenForm(form_data(request), member=member, setting_up=True)
    if request.method == "POST" and form.is_valid():
        codes = services.totp_device_confirm(
            user=user, device=device, token=form.cleaned_data["token"].replace(" ", "")
        )
        if codes is not None:
            otp_login(request, device)
            request.session.cycle_key()
            request.session[BACKUP_CODES_SESSION_KEY] = codes
            return redirect("accounts:backup_codes")
        form.add_error("token", WRONG_TOKEN)
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    qr = segno.make(device.config_url, error="m").svg_inline(
        scale=4,
        title=_("Square picture to scan with the app on your phone")
        if member
        else _("QR code to add wesaid to your authenticator app"),
    )
    qr = qr.replace("<svg ", '<svg role="img" ', 1)  # named by its <title> for every screen reader
    grouped_key = " ".join(key[i : i + 4] for i in range(0, len(key), 4))
    return render(
        request, "accounts/second_factor_setup.html", {"form": form, "qr": qr, "key": grouped_key}
    )


@policy.action("account.manage")
@never_cache
def backup_codes(request: HttpRequest) -> HttpResponse:
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    if request.method == "POST":
        if not user_has_device(request.user, confirmed=True):
            # Backup codes back up a second step; made first, they would turn one on that runs
            # out after ten sign-ins.
            return redirect("accounts:second_factor_setup")
        codes = services.backup_codes_replace(user=request.user)
    return render(
        request,
        "accounts/backup_codes.html",
        {"codes": codes, "staff": request.user.person.needs_second_factor},
    )


@policy.signed_in_only
@sensitive_post_parameters("current_password", "password", "password_again")
@never_cache
def set_password(request: HttpRequest) -> HttpResponse:
    user = request.user
    if (
        policy.needs_verification(user)
        and not user.is_verified()
        and (user.has_usable_password() or user_has_device(user, confirmed=True))
    ):
        # Only a first password may be chosen before the second factor; changing one needs it.
        return redirect("accounts:second_factor")
    form = SetPasswordForm(form_data(request), user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_set(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as problems:
            for message in problems.messages:
                form.add_error("password", message)
        else:
            update_session_auth_hash(request, request.user)
            if policy.needs_verification(request.user) and not request.user.is_verified():
                return redirect("accounts:second_factor")
            return redirect("accounts:account")
    return render(request, "accounts/set_password.html", {"form": form})


@policy.action("account.manage")
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "has_app": user_has_device(user, confirmed=True),
            "has_password": user.has_usable_password(),
        },
    )


@policy.public
def easy_read_choose(request: HttpRequest) -> HttpResponse:
    """Switch easy read on or off for oneself, from any page, and go back to that page.

    A signed-in person's choice is saved on their record (and audited); anyone else's is kept
    in a cookie.
    """
    back = _next_url(request) or resolve_url("site:home")
    if request.method != "POST":
        return redirect(back)
    wanted = request.POST.get("easy_read") == "on"
    response = redirect(back)
    if request.user.is_authenticated:
        person_update(person=request.user.person, actor=request.user.person, easy_read=wanted)
    elif wanted:
        response.set_cookie(
            EASY_READ_COOKIE,
            "on",
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    else:
        response.delete_cookie(EASY_READ_COOKIE, samesite="Lax")
    return response


@policy.signed_in_only
@never_cache
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.signed_out(user=request.user)
        logout(request)
        return redirect("accounts:signed_out")
    return render(request, "accounts/sign_out.html")


@policy.public
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")


def locked_out(request: HttpRequest, credentials=None, *args, **kwargs) -> HttpResponse:
    """What django-axes shows after too many failed tries from one address for one account."""
    return render(request, "accounts/locked_out.html", status=429)
