"""Details of lock-outs: the real address behind proxies, and secrets masked in axes' records."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory, override_settings
from django.urls import reverse

from wesaid.accounts.services import sign_in_code_issue
from wesaid.core.net import client_ip

from .conftest import CheckedClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy trusted: the header is ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.66, 203.0.113.9", "203.0.113.9"),  # the left entry could be made up
        (2, "198.51.100.66, 203.0.113.9", "198.51.100.66"),
        (2, "203.0.113.9", "10.0.0.1"),  # fewer entries than proxies: fall back
    ],
)
def test_the_client_address_comes_from_the_trusted_proxies_only(proxies, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(WESAID_PROXY_COUNT=proxies):
        assert client_ip(request) == expected


@override_settings(AXES_FAILURE_LIMIT=2)
def test_codes_typed_in_failed_attempts_are_not_stored(lead, member):
    code = sign_in_code_issue(person=member, actor=lead)
    wrong = code[:5] + "ZZZZ-ZZ"
    for typed in (wrong, wrong, code):
        CheckedClient().post(reverse("accounts:sign_in_code"), {"code": typed})
    stored = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert stored, "the failed attempts were recorded"
    assert code not in stored and wrong not in stored
    assert code.replace("-", "") not in stored
