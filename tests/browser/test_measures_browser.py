"""Measures pages in real Chromium at 320 px: axe-core on each, English and Welsh, no sideways
scrolling, and the licensed-measure flow with its error summary. The measure is MADE UP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from wesaid.core.roles import Role
from wesaid.measures.models import Instrument
from wesaid.measures.services import licence_confirm, shipped_measure_add

from ..conftest import make_person
from .conftest import no_horizontal_scroll, visit
from .test_pages_browser import has_errors, send, signed_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

NARROW = {"width": 320, "height": 640}


def test_a_lead_finds_adds_and_reads_measures_at_320_px(new_page, live_server, organisation, lead):
    ours = shipped_measure_add(organisation=organisation, key="feeling-confident", actor=lead)
    ons4 = shipped_measure_add(organisation=organisation, key="ons4-personal-wellbeing", actor=lead)
    licensed = licence_confirm(
        organisation=organisation,
        shape_key="swemwbs",
        actor=lead,
        name="Made-up short scale with a rather long name for a narrow screen",
        copyright_line="© Made-up Holder, a very long copyright line for a narrow phone screen",
    )
    page = signed_in(new_page, live_server, lead, viewport=NARROW)
    for prefix in ("", "/cy"):
        for path in (
            "/measures/",
            "/measures/add/",
            "/measures/licensed/",
            "/measures/licensed/licence/?shape=other",
            f"/measures/{ours.pk}/",
            f"/measures/{ons4.pk}/",
            f"/measures/{ours.pk}/new-version/",
            f"/measures/{licensed.pk}/new-version/",
        ):
            visit(page, prefix + path)
            no_horizontal_scroll(page, NARROW["width"])

    # Choose a licensed measure by keyboard, then confirm nothing: the error summary.
    visit(page, "/measures/licensed/")
    page.get_by_label("Rosenberg Self-Esteem Scale").press("Space")
    send(page, "Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your licence")
    page.get_by_label("Copyright line").fill("")
    send(page, "Confirm and continue")
    has_errors(page)
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    no_horizontal_scroll(page, NARROW["width"])
    page.get_by_label("Copyright line").fill("© Made-up Holder")
    page.get_by_label("My organisation holds a licence").check()
    send(page, "Confirm and continue")
    expect(page.get_by_role("heading", level=1)).to_have_text("Type in the wording")
    assert Instrument.objects.filter(origin="shape:rosenberg").exists()
    no_horizontal_scroll(page, NARROW["width"])


def test_members_do_not_see_measures_in_the_menu(new_page, live_server, organisation):
    member = make_person(organisation, Role.MEMBER, "Mo Member")
    page = signed_in(new_page, live_server, member, viewport=NARROW)
    visit(page, "/")
    expect(page.get_by_role("link", name="Measures")).to_have_count(0)
