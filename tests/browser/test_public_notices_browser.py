"""An organisation's notices at their public addresses, read before signing in, and the printed
sign-in card that gives the address: axe-core on each page, English and Welsh, 320 px wide."""

from __future__ import annotations

import datetime
import uuid

import pytest
from playwright.sync_api import expect

from wesaid.checkins.models import Feeling
from wesaid.checkins.services import checkin_answer
from wesaid.core.roles import Role
from wesaid.privacy.notices import accessibility_statement_save, privacy_notice_save

from ..conftest import make_person
from .conftest import no_horizontal_scroll, visit
from .test_pages_browser import send, signed_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

NARROW = {"width": 320, "height": 640}


def test_the_public_notices_before_signing_in(new_page, live_server, organisation):
    admin = make_person(organisation, Role.ORG_ADMIN, "Olu Admin")
    privacy_notice_save(
        organisation=organisation,
        actor=admin,
        controller="Riverside Borough Council",
        contact="data-protection-enquiries-for-everyone@riverside-borough-council.example",
        dpo_contact="dpo@riverside.example",
        extra_en="",
        extra_cy="",
    )
    accessibility_statement_save(
        organisation=organisation,
        actor=admin,
        status="partial",
        known_issues_en="Charts have no text version yet.",
        known_issues_cy="Nid oes fersiwn testun o'r siartiau eto.",
        report_contact="access@riverside.example",
        reviewed_on=datetime.date(2026, 11, 2),
    )
    page = new_page(viewport=NARROW)
    base = f"/organisations/{organisation.slug}"
    for prefix in ("", "/cy"):
        for path in (
            "/privacy/",
            "/privacy/easy-read/",
            "/accessibility/",
            "/accessibility/easy-read/",
        ):
            visit(page, prefix + base + path)
            no_horizontal_scroll(page, NARROW["width"])
    visit(page, base + "/privacy/")
    page.get_by_role("link", name="Easy read version").click()
    expect(page.get_by_text(f"{organisation.name} looks after your information.")).to_be_visible()
    visit(page, "/organisations/no-such-place/privacy/", status=404)


def test_the_printed_card_and_a_welsh_export_with_the_audit_log(
    new_page, live_server, organisation, lead, checkin
):
    member = make_person(
        organisation, Role.MEMBER, "Cerys Card-Holder-With-A-Long-Name", password=None
    )
    page = signed_in(new_page, live_server, lead, viewport=NARROW)
    visit(page, f"/people/{member.pk}/sign-in-card/")
    send(page, "Make the card")
    expect(page.get_by_text(f"/organisations/{organisation.slug}/privacy/")).to_be_visible()
    no_horizontal_scroll(page, NARROW["width"])

    checkin_answer(checkin=checkin, person=member, feeling=Feeling.GOOD, submission_id=uuid.uuid4())
    member.preferred_language = "cy"
    member.save()
    page = signed_in(new_page, live_server, member, viewport=NARROW)
    visit(page, "/cy/account/my-data/")
    expect(
        page.get_by_role("heading", name="Beth mae'r cofnod archwilio yn ei ddweud")
    ).to_be_visible()
    no_horizontal_scroll(page, NARROW["width"])
