"""Sign-ins: creating them, printed codes, emailed links, passwords and second factors."""

from __future__ import annotations

import logging
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from wesaid.audit.actions import Action
from wesaid.audit.services import record
from wesaid.organisations.models import Person

from .codes import new_code, normalise_code
from .models import LinkRequest, SignInCode, SignInLink, User, code_digest, token_digest

logger = logging.getLogger(__name__)

CODE_DAYS = 30
EMAIL_LINK_HOURS = 1
BACKUP_CODE_COUNT = 10


def _username_base(display_name: str) -> str:
    first = (display_name.split() or ["member"])[0].lower()
    return re.sub(r"[^a-z0-9]", "", first) or "member"


def user_ensure(*, person: Person, username: str | None = None) -> User:
    """The person's sign-in, created without a password if they have none yet."""
    existing = User.objects.filter(person=person).first()
    if existing is not None:
        return existing
    if not username:
        base = _username_base(person.display_name)
        username = f"{base}-{secrets.randbelow(9000) + 1000}"
        while User.objects.filter(username=username).exists():
            username = f"{base}-{secrets.randbelow(9000) + 1000}"
    return User.objects.create_user(username=username, person=person)


@transaction.atomic
def sign_in_code_issue(*, person: Person, actor: Person | None, days: int = CODE_DAYS) -> str:
    """Make a new one-time code for ``person`` (cancelling any earlier one) and return it.

    The code itself is shown once, to print; only a keyed digest is stored.
    """
    user_ensure(person=person)
    _revoke_earlier(person)
    while True:
        code = new_code()
        raw = normalise_code(code) or ""
        if not SignInCode.objects.filter(lookup=raw[:4]).exists():
            break
    issued = SignInCode.objects.create(
        organisation=person.organisation,
        person=person,
        lookup=raw[:4],
        digest=code_digest(raw),
        created_by=actor,
        expires_at=timezone.now() + timedelta(days=days),
    )
    record(
        action=Action.ACCOUNT_SIGN_IN_CODE_ISSUED,
        actor=actor,
        obj=issued,
        organisation=person.organisation,
    )
    return code


@transaction.atomic
def sign_in_link_issue(
    *, person: Person, actor: Person | None = None, hours: int = EMAIL_LINK_HOURS
) -> str:
    """Make a single-use sign-in link token for ``person``; only its digest is stored.

    Refuses (``LinkLimit``) past ``LINKS_PER_HOUR`` for the person, whoever asks, so every path
    obeys the limit. Earlier cards and links stop working.
    """
    if not sign_in_link_allowed(person):
        raise LinkLimit
    user_ensure(person=person)
    _revoke_earlier(person)
    token = secrets.token_urlsafe(32)
    link = SignInLink.objects.create(
        organisation=person.organisation,
        person=person,
        digest=token_digest(token),
        expires_at=timezone.now() + timedelta(hours=hours),
    )
    record(
        action=Action.ACCOUNT_SIGN_IN_LINK_ISSUED,
        actor=actor,
        obj=link,
        organisation=person.organisation,
    )
    return token


#: At most this many emailed links per person per hour, so nobody can flood a member's inbox.
LINKS_PER_HOUR = 3


class LinkLimit(Exception):
    """The person has had ``LINKS_PER_HOUR`` links in the last hour."""


def _revoke_earlier(person: Person) -> None:
    """A new card or link ends every card and link issued before it."""
    now = timezone.now()
    SignInCode.objects.filter(person=person).usable().update(revoked_at=now)
    SignInLink.objects.filter(person=person).usable().update(used_at=now)


def sign_in_link_allowed(person: Person) -> bool:
    an_hour_ago = timezone.now() - timedelta(hours=1)
    return (
        SignInLink.objects.filter(person=person, created_at__gte=an_hour_ago).count()
        < LINKS_PER_HOUR
    )


#: At most this many "email me a link" requests from one address in an hour, whatever the
#: addresses asked for, so nobody can use up a member's links by asking for them.
REQUESTS_PER_HOUR = 10


def site_url(request) -> str | None:
    """Where emailed links point: ``WESAID_SITE_URL``; the request's own host only while
    developing (DEBUG). In production, never a host a visitor chose."""
    if settings.SITE_URL:
        return settings.SITE_URL
    if settings.DEBUG:
        return request.build_absolute_uri("/")
    return None


def _requester_digest(requester: str) -> str:
    return salted_hmac("wesaid.sign-in-link-requester", requester).hexdigest()


@transaction.atomic
def sign_in_link_request(*, email: str, requester: str, site_url: str | None) -> bool:
    """Someone asked for a link to ``email`` from address ``requester``; True if any was queued.

    Counted per requester (only a keyed digest of the address is kept) and per person (in
    ``sign_in_link_issue``). Whatever happens, the page says the same thing.
    """
    from .tasks import send_sign_in_link

    digest = _requester_digest(requester)
    an_hour_ago = timezone.now() - timedelta(hours=1)
    asked = LinkRequest.objects.filter(requester=digest, created_at__gte=an_hour_ago).count()
    LinkRequest.objects.create(requester=digest)
    if asked >= REQUESTS_PER_HOUR:
        record(action=Action.ACCOUNT_SIGN_IN_LINK_REQUEST_LIMITED)
        return False
    record(action=Action.ACCOUNT_SIGN_IN_LINK_REQUESTED)
    if site_url is None:
        logger.error("WESAID_SITE_URL is not set, so no sign-in link was sent.")
        return False
    queued = False
    for person in Person.objects.filter(email__iexact=email).prefetch_related("memberships"):
        if person.may_get_email_link and sign_in_link_allowed(person):
            send_sign_in_link.enqueue(person.pk, site_url)
            queued = True
    return queued


def sign_in_link_refused(*, token: str, reason: str) -> None:
    """Audit a link that could not be used (unknown, expired or used), never the token."""
    link = SignInLink.objects.filter(digest=token_digest(token or "")).first()
    record(action=Action.ACCOUNT_SIGN_IN_LINK_REFUSED, obj=link, changes={"reason": reason})


def second_factor_failed(*, user: User) -> None:
    """Audit a wrong second-step code, never what was typed."""
    record(action=Action.ACCOUNT_SECOND_FACTOR_FAILED, actor=user.person)


class LinkProblem(Exception):
    """A sign-in link that cannot be used. ``reason`` is one of the LINK_* constants."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


LINK_UNKNOWN = "unknown"
LINK_EXPIRED = "expired"
LINK_USED = "used"


def sign_in_link_check(token: str) -> SignInLink:
    """The link for a token, or LinkProblem saying why it cannot be used."""
    link = (
        SignInLink.objects.filter(digest=token_digest(token or "")).select_related("person").first()
    )
    if link is None:
        raise LinkProblem(LINK_UNKNOWN)
    if link.used_at is not None:
        raise LinkProblem(LINK_USED)
    if link.expires_at <= timezone.now():
        raise LinkProblem(LINK_EXPIRED)
    if not SignInLink.objects.usable().filter(pk=link.pk).exists():
        raise LinkProblem(LINK_USED)  # ended by a change of the person's roles
    return link


@transaction.atomic
def sign_in_link_redeem(token: str) -> User:
    """Use a link once and return the person's sign-in."""
    link = sign_in_link_check(token)
    if not SignInLink.objects.usable().filter(pk=link.pk).update(used_at=timezone.now()):
        raise LinkProblem(LINK_USED)
    user = User.objects.get(person=link.person)
    if not user.is_active:
        raise LinkProblem(LINK_UNKNOWN)
    return user


def signed_in(*, user: User) -> None:
    record(action=Action.ACCOUNT_SIGNED_IN, actor=user.person)


def sign_in_failed(*, username: str) -> None:
    """Audit a failed sign-in against the account if it exists; never store what was typed."""
    user = User.objects.filter(username=username).select_related("person").first()
    if user is not None:
        record(action=Action.ACCOUNT_SIGN_IN_FAILED, actor=user.person)
    else:
        record(action=Action.ACCOUNT_SIGN_IN_FAILED)


def record_second_factor_used(*, user: User) -> None:
    record(action=Action.ACCOUNT_SECOND_FACTOR_USED, actor=user.person)


def signed_out(*, user: User) -> None:
    record(action=Action.ACCOUNT_SIGNED_OUT, actor=user.person)


@transaction.atomic
def password_set(*, user: User, password: str) -> None:
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    record(
        action=Action.ACCOUNT_PASSWORD_SET,
        actor=user.person,
        obj=user,
        changes={"password": "changed"},
    )


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator app being set up, made if there is none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm a new authenticator app with a code from it; returns fresh backup codes."""
    if not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record(action=Action.ACCOUNT_SECOND_FACTOR_ADDED, actor=user.person, obj=user)
    return backup_codes_replace(user=user)


@transaction.atomic
def backup_codes_replace(*, user: User) -> list[str]:
    """New single-use backup codes, replacing any earlier ones."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Backup codes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    record(action=Action.ACCOUNT_BACKUP_CODES_CREATED, actor=user.person, obj=user)
    return codes


@transaction.atomic
def second_factor_reset(*, person: Person, actor: Person | None) -> None:
    """Remove someone's authenticator app and backup codes; they set up a new app next sign-in."""
    user = User.objects.filter(person=person).first()
    if user is None:
        return
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record(
        action=Action.ACCOUNT_SECOND_FACTOR_RESET,
        actor=actor,
        obj=user,
        organisation=person.organisation,
    )
