"""The automatic checks in conftest.py can fail: proof that they are not decoration."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .conftest import PageProblem, check_page, sign_in

GOOD = """<!DOCTYPE html><html lang="en"><head><title>Add a person – wesaid</title></head>
<body><h1>Add a person</h1><label for="name">Name</label><input id="name" name="name"></body></html>"""


def test_a_good_page_passes():
    check_page(GOOD, "/good/")


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        (GOOD.replace(' lang="en"', ""), "no lang"),
        (GOOD.replace("<h1>Add a person</h1>", "<h1>Something else</h1>"), "does not match the h1"),
        (GOOD.replace('<label for="name">Name</label>', ""), "has no label"),
        (GOOD.replace("</body>", "<script>alert(1)</script></body>"), "inline <script>"),
        (GOOD.replace("<h1>", '<h1 style="color:red">'), "inline style"),
        (GOOD.replace("<h1>Add a person</h1>", ""), "exactly one h1"),
    ],
)
def test_a_broken_page_fails_with_the_reason(broken, problem):
    with pytest.raises(PageProblem, match=problem):
        check_page(broken, "/broken/")


@pytest.mark.django_db
def test_a_write_without_an_audit_event_fails_the_request(client, lead, monkeypatch):
    import wesaid.audit.services as audit

    monkeypatch.setattr(audit, "record", lambda **kwargs: None)
    sign_in(client, lead)
    with pytest.raises(AssertionError, match="without an audit event"):
        client.post(
            reverse("projects:create"),
            {
                "name": "Unaudited",
                "aims": "A",
                "area": "policy",
                "status": "planning",
                "starts_on_day": "1",
                "starts_on_month": "2",
                "starts_on_year": "2026",
            },
        )
