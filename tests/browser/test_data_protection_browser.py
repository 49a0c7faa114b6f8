"""Data protection pages in real Chromium: axe-core on each, English and Welsh, and no sideways
scrolling at 320 px (400% zoom)."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from wesaid.core.roles import Role
from wesaid.privacy.notices import accessibility_statement_save, privacy_notice_save

from ..conftest import make_person
from .conftest import no_horizontal_scroll, visit
from .test_pages_browser import has_errors, send, signed_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

NARROW = {"width": 320, "height": 640}


def test_an_admins_data_protection_pages(new_page, live_server, organisation, member):
    admin = make_person(organisation, Role.ORG_ADMIN, "Olu Admin")
    page = signed_in(new_page, live_server, admin, viewport=NARROW)
    for path in (
        "/data-protection/",
        "/data-protection/retention/",
        "/data-protection/privacy-notice/",
        "/data-protection/accessibility-statement/",
        f"/people/{member.pk}/data/",
        f"/people/{member.pk}/leave/",
        f"/people/{member.pk}/erase/",
        "/cy/data-protection/",
        "/cy/data-protection/retention/",
    ):
        visit(page, path)
        no_horizontal_scroll(page, NARROW["width"])
    visit(page, f"/people/{member.pk}/erase/")
    send(page, "Erase this person")
    has_errors(page)
    no_horizontal_scroll(page, NARROW["width"])
    visit(page, "/data-protection/privacy-notice/")
    send(page, "Save the privacy notice")
    has_errors(page)


def test_a_members_notices_and_own_data_in_both_languages(
    new_page, live_server, organisation, member
):
    admin = make_person(organisation, Role.ORG_ADMIN, "Olu Admin")
    privacy_notice_save(
        organisation=organisation,
        actor=admin,
        controller="Riverside Borough Council with a very long legal name indeed",
        contact="data-protection-enquiries-for-everyone@riverside-borough-council.example",
        dpo_contact="dpo@riverside.example",
        extra_en="We never sell your data.",
        extra_cy="",
    )
    accessibility_statement_save(
        organisation=organisation,
        actor=admin,
        status="partial",
        known_issues_en="Charts have no text version yet.",
        known_issues_cy="",
        report_contact="access@riverside.example",
        reviewed_on=datetime.date(2026, 11, 2),
    )
    page = signed_in(new_page, live_server, member, viewport=NARROW)
    for path in ("/privacy/", "/accessibility/", "/account/my-data/"):
        for prefix in ("", "/cy"):
            visit(page, prefix + path)
            no_horizontal_scroll(page, NARROW["width"])
    visit(page, "/privacy/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    expect(page.get_by_text("We never sell your data.")).to_be_visible()
