"""Reflow at 320 px is built into the shared parts: every table sits in its own scrolling box."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from .conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("route", ["organisations:people"])
def test_every_table_scrolls_inside_its_own_named_focusable_box(client, lead, route):
    sign_in(client, lead)
    page = BeautifulSoup(client.get(reverse(route)).content, "html.parser")
    tables = page.select("table")
    assert tables
    for table in tables:
        box = table.parent
        assert "wesaid-scroll" in box.get("class", [])
        assert box.get("role") == "region" and box.get("tabindex") == "0" and box.get("aria-label")
