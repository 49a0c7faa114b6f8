"""Choosing outcomes in real Chromium, axe-core on every page and no sideways scroll at 320 px.

A member rates two rounds on a 375 px screen with the keyboard only: one outcome per page,
last round's spread from round two, and a changed score. The same in easy read (chosen with the
switch in the header) and in Welsh. A co-production lead types in a paper rating sheet and
reads the results.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from wesaid.consensus.models import Rating
from wesaid.consensus.services import rating_save
from wesaid.core.roles import Role

from ..consensus.world import Group, close, open_round, people, study_with
from .conftest import PHONE, check, visit
from .test_journey_browser import focused, press_and_wait, skip_to_main, tab
from .test_pages_browser import send, signed_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def rate_by_keyboard(page: Page, steps_down: int) -> None:
    """On a rating page: to the first choice, arrow down to choose, Tab to the button, Enter."""
    skip_to_main(page)
    first = tab(page)
    while first["type"] != "radio":  # past the links in last round's feedback, if any
        first = tab(page)
    page.keyboard.press("Space")
    for _ in range(steps_down):
        page.keyboard.press("ArrowDown")
    chosen = focused(page)
    assert chosen["checked"], chosen
    button = tab(page)
    assert button["tag"] == "button" and button["type"] == "submit", button
    press_and_wait(page, "Enter")
    check(page)


def test_a_member_rates_two_rounds_by_keyboard_in_english_easy_read_and_welsh(
    new_page, live_server, project, lead
):
    raters = people(project, lead, Group.LIVED_EXPERIENCE, 5)
    amira = raters[0]
    study, (listened, help_) = study_with(project, lead)
    first = open_round(study, lead)
    for person, score in zip(raters[1:], [9, 8, 8, 5], strict=True):
        rating_save(round_=first, candidate=listened, person=person, score=score)

    page = signed_in(new_page, live_server, amira, viewport=PHONE)
    visit(page, f"/choosing-outcomes/{study.pk}/")
    page.get_by_role("button", name="Rate the outcomes").click()
    page.wait_for_load_state()
    check(page)
    expect(page.get_by_text("Outcome 1 of 2")).to_be_visible()
    # Nothing is chosen for anyone: 9 is first, and Space picks it only when asked to.
    rate_by_keyboard(page, steps_down=3)  # 9, 8, 7, 6
    expect(page.get_by_text("Outcome 2 of 2")).to_be_visible()
    rate_by_keyboard(page, steps_down=9)  # past 1 to "I don't know"
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(page.get_by_text("6: important")).to_be_visible()
    saved = Rating.objects.get(round=first, candidate=listened, person=amira)
    assert saved.score == 6

    close(first, lead)
    second = open_round(study, lead)
    visit(page, f"/choosing-outcomes/outcome/{listened.pk}/rate/")
    expect(page.get_by_text("Last time you gave it 6.")).to_be_visible()
    expect(
        page.get_by_text("Most people who draw on care and support said very important.")
    ).to_be_visible()
    rate_by_keyboard(page, steps_down=1)  # changes to 8
    assert Rating.objects.get(round=second, candidate=listened, person=amira).score == 8

    # Easy read, chosen by the member with the switch in the header.
    page.get_by_role("button", name="Switch to easy read").click()
    page.wait_for_load_state()
    visit(page, f"/choosing-outcomes/outcome/{help_.pk}/rate/")
    expect(page.locator("input[name=rating]")).to_have_count(4)
    expect(page.get_by_text("Knowing where to get help, easy")).to_be_visible()
    rate_by_keyboard(page, steps_down=0)  # very important
    stored = Rating.objects.get(round=second, candidate=help_, person=amira)
    assert stored.band == "very_important"
    visit(page, f"/choosing-outcomes/outcome/{listened.pk}/rate/")
    expect(page.get_by_text("You said important.", exact=False)).to_be_visible()

    # Welsh.
    visit(page, f"/cy/choosing-outcomes/outcome/{listened.pk}/rate/")
    assert page.evaluate("() => document.documentElement.lang") == "cy"
    expect(page.get_by_text("Feeling listened to, hawdd")).to_be_visible()
    rate_by_keyboard(page, steps_down=1)  # important
    visit(page, f"/cy/choosing-outcomes/{study.pk}/check/")


def test_a_lead_types_in_a_paper_sheet_and_reads_the_results(new_page, live_server, project, lead):
    raters = people(project, lead, Group.LIVED_EXPERIENCE, 5)
    people(project, lead, Group.PRACTITIONER, 2, role=Role.PRACTITIONER)
    study, (listened, help_) = study_with(project, lead)
    round_ = open_round(study, lead)
    for person in raters[1:]:
        rating_save(round_=round_, candidate=listened, person=person, score=8)

    page = signed_in(new_page, live_server, lead)
    visit(page, f"/choosing-outcomes/{study.pk}/")
    visit(page, f"/choosing-outcomes/{study.pk}/sheet/enter/")
    send(page, "Save the ratings")  # empty: every error at once
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Whose ratings are these?").select_option(label=raters[0].display_name)
    page.get_by_label("On paper").check()
    page.locator(f"#id_outcome_{listened.pk}_1").check()  # 8
    send(page, "Save the ratings")
    saved = Rating.objects.get(round=round_, candidate=listened, person=raters[0])
    assert (saved.score, saved.way, saved.entered_by_id) == (8, "paper", lead.pk)
    for kind in ("", "?kind=large", "?kind=easy"):
        visit(page, f"/choosing-outcomes/{study.pk}/sheet/print/{kind}")
    visit(page, f"/choosing-outcomes/round/{round_.pk}/close/")
    send(page, "Close the round")
    expect(page.get_by_text("Agreed: very important")).to_be_visible()
    expect(page.locator("td", has_text="hidden").first).to_be_visible()
    visit(page, f"/choosing-outcomes/{study.pk}/agree/")
    send(page, "Save and lock")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year").fill("2026")
    send(page, "Save and lock")
    expect(page.get_by_text("The agreed outcomes (version 1, 3 December 2026)")).to_be_visible()
    visit(page, f"/cy/choosing-outcomes/round/{round_.pk}/results/")
