"""The outcome library's pages in real Chromium: axe-core on each, and each fits 320 px
(conftest.check), in English and Welsh, for a member and for a co-production lead."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from wesaid.outcomes.models import LibraryOutcome
from wesaid.outcomes.services import library_load, own_outcome_create

from .conftest import PHONE, visit
from .test_pages_browser import has_errors, send, signed_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

# A long and a short library outcome, one with each kind of measure between them.
LIBRARY_PAGES = ["people-confidence", "org-capacity", "people-work"]


def test_a_member_reads_the_library_on_a_phone(new_page, live_server, organisation, member, lead):
    library_load()
    own = own_outcome_create(
        organisation=organisation, actor=lead, beneficiary="people", domain="skills",
        name="Getting out more", closest_to=LibraryOutcome.objects.get(code="people-connection"),
    )  # fmt: skip
    page = signed_in(new_page, live_server, member, viewport=PHONE)
    library = [
        f"/outcomes/library/{LibraryOutcome.objects.get(code=code).pk}/" for code in LIBRARY_PAGES
    ]
    for path in ["/outcomes/", *library, f"/outcomes/own/{own.pk}/"]:
        visit(page, path)
        visit(page, "/cy" + path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Getting out more")
    visit(page, "/outcomes/own/new/", status=403)


def test_a_lead_adds_and_changes_an_outcome_of_their_own(new_page, live_server, organisation, lead):
    library_load()
    page = signed_in(new_page, live_server, lead)
    visit(page, "/outcomes/")
    visit(page, "/outcomes/own/new/")
    send(page, "Add the outcome")
    has_errors(page)
    page.get_by_label("People who draw on care and support, and unpaid carers").check()
    page.get_by_label("Skills, employment and connection").check()
    page.get_by_label("Name in English").fill("Getting out more")
    page.get_by_label("Which library outcome is it closest to? (optional)").select_option(
        label="Friendships and connection"
    )
    send(page, "Add the outcome")
    expect(page.get_by_role("heading", level=1)).to_have_text("Getting out more")
    expect(page.locator(".govuk-inset-text")).to_contain_text("the name in Welsh")

    page.get_by_role("link", name="Change this outcome").click()
    page.get_by_label("Name in Welsh (optional)").fill("Mynd allan yn amlach")
    page.get_by_label("Name in English").fill("")
    send(page, "Save changes")
    has_errors(page)
    page.get_by_label("Name in English").fill("Getting out more")
    send(page, "Save changes")
    expect(page.locator(".govuk-inset-text")).not_to_contain_text("the name in Welsh")
    visit(page, "/cy/outcomes/own/new/")
    send(page, "Ychwanegu'r canlyniad")
    has_errors(page)
