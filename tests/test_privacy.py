"""Personal data stays out of logs and URLs."""

from __future__ import annotations

import logging

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wesaid.accounts.services import sign_in_code_issue

from .conftest import CheckedClient

pytestmark = pytest.mark.django_db


@override_settings(AXES_FAILURE_LIMIT=2)
def test_sign_in_attempts_leave_no_personal_data_in_the_logs(caplog, lead, member):
    member.email = "amira.private@example.org"
    member.save()
    code = sign_in_code_issue(person=member, actor=lead)
    with caplog.at_level(logging.DEBUG):
        client = CheckedClient()
        for _ in range(3):  # enough to be locked out, which django-axes logs
            client.post(
                reverse("accounts:sign_in"),
                {"username": member.user.username, "password": "wrong-one-42"},
            )
        client.post(reverse("accounts:sign_in_code"), {"code": "ABCD-EFGH-JK"})
        client.post(
            reverse("accounts:sign_in_link_request"), {"email": "amira.private@example.org"}
        )
        client.post(reverse("accounts:sign_in_code"), {"code": code})
        client.get("/no-such-page/?email=amira.private@example.org")
    logged = caplog.text
    assert "Locking out" in logged  # the lock-out happened and was logged, masked
    for secret in (member.user.username, "wrong-one-42", "amira.private", code, "Amira"):
        assert secret not in logged


#: The one argument a path may carry that is not a number: an organisation's slug, for the
#: public addresses of its notices. It names the organisation, never a person.
PUBLIC_SLUGS = {"organisation_slug"}


def test_no_route_puts_personal_data_in_the_path():
    """Routes carry only numeric ids (and an organisation's slug); sign-in tokens travel in the
    query string or the body."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern.pattern.converters

    for route, converters in walk(get_resolver().url_patterns):
        kinds = {
            type(converter).__name__
            for key, converter in converters.items()
            if not (key in PUBLIC_SLUGS and type(converter).__name__ == "SlugConverter")
        }
        assert kinds <= {"IntConverter"}, f"{route} takes {kinds}: only numeric ids belong in paths"
