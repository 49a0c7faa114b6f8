"""The walking skeleton in real Chromium, with axe-core on every page visited (error pages too).

A co-production lead signs in with a password and a backup code, starts a project, adds three
people to it, creates a check-in and prints sign-in cards. A member, on a phone-sized screen and
with the keyboard only, signs in with the card's code and answers the check-in. The lead sees
the spread. A second member does the same in Welsh (/cy/): axe passes and <html lang="cy">.
tests/test_journey.py is the same journey through the Django test client.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from wesaid.checkins.models import CheckIn, CheckInAnswer
from wesaid.organisations.models import Person
from wesaid.projects.models import Project

from ..conftest import PASSWORD, give_backup_codes
from .conftest import PHONE, check, no_horizontal_scroll, visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

NAMES = ["Amira Hassan", "Dafydd Price", "Joy Mensah"]


# --- helpers -------------------------------------------------------------------------------


def submit(page: Page, button_name: str, *, status: int = 200) -> None:
    """Press a button with the mouse (the lead's half of the journey) and check the next page."""
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button_name, exact=True).click()
    response = navigation.value
    assert response is not None and response.status == status, (
        f"{button_name!r} gave {response and response.status}"
    )
    check(page)


def follow(page: Page, link_name: str) -> None:
    # A link, or a link drawn as a GOV.UK button (which says role="button", as GOV.UK's does).
    link = page.get_by_role("link", name=link_name, exact=True)
    button = page.locator("a[role=button]").get_by_text(link_name, exact=True)
    with page.expect_navigation():
        link.or_(button).first.click()
    check(page)


def focused(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {
                tag: el.tagName.toLowerCase(), id: el.id, className: el.className,
                text: (el.innerText || "").trim(), type: el.type || "", value: el.value || "",
                checked: !!el.checked, inErrorSummary: !!el.closest(".govuk-error-summary"),
                href: el.getAttribute("href") || "",
            };
        }"""
    )


def tab(page: Page) -> dict:
    page.keyboard.press("Tab")
    return focused(page)


def press_and_wait(page: Page, key: str) -> None:
    """Press a key that should load a new page (Enter on a link or a submit button)."""
    with page.expect_navigation():
        page.keyboard.press(key)


def path(page: Page) -> str:
    return urlsplit(page.url).path


def skip_to_main(page: Page) -> None:
    """The skip link is the first thing Tab reaches, and Enter on it moves focus to <main>."""
    first_focusable = page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input, select, textarea')]
                   .find((el) => !el.disabled && el.tabIndex >= 0).className"""
    )
    assert "govuk-skip-link" in first_focusable, f"{page.url}: first focusable {first_focusable}"
    assert urlsplit(page.url).fragment == "", f"{page.url}: a fragment stuck to the address"
    first = tab(page)
    assert "govuk-skip-link" in first["className"], f"{page.url}: first Tab reached {first}"
    assert first["href"] == "#main-content"
    box = page.locator(".govuk-skip-link").bounding_box()
    assert box and box["width"] > 20 and box["height"] > 10, f"skip link hidden on focus: {box}"
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()


def phone_page_ok(page: Page, language: str, *, checked: bool = False) -> None:
    if not checked:
        check(page)
    no_horizontal_scroll(page)
    assert page.evaluate("() => document.documentElement.lang") == language
    if language == "cy":
        assert path(page).startswith("/cy/"), page.url


# --- the lead's half (mouse and typing: any input is fine for staff here) ------------------


def lead_signs_in(page: Page, lead) -> None:
    give_backup_codes(lead, "code1234")
    visit(page, "/sign-in/")
    # An empty form once, to check the error summary page too.
    submit(page, "Sign in")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Username").fill(lead.user.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    submit(page, "Sign in")
    assert path(page) == "/sign-in/second-factor/", page.url
    submit(page, "Continue")  # empty: the error state of the second-factor page
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Code").fill("code1234")
    submit(page, "Continue")
    assert path(page) == "/home/", page.url


def lead_starts_project(page: Page) -> Project:
    follow(page, "Projects")
    follow(page, "Start a project")
    submit(page, "Start the project")  # empty: every field's error at once
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Project name").fill("Mental health redesign")
    page.get_by_label("What do you want to change together?").fill(
        "Decide together how the crisis service works."
    )
    page.get_by_label("Service design").check()
    start = page.get_by_role("group", name="Start date")
    start.get_by_label("Day").fill("15")
    start.get_by_label("Month").fill("6")
    start.get_by_label("Year").fill("2026")
    page.get_by_label("Active").check()
    submit(page, "Start the project")
    project = Project.objects.get(name="Mental health redesign")
    assert path(page) == f"/projects/{project.pk}/", page.url
    return project


def lead_adds_member(page: Page, project: Project, name: str, language: str = "English") -> None:
    follow(page, "People")
    follow(page, "Add a person")
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Member with lived experience").check()
    page.get_by_role("group", name="Which language do they prefer?").get_by_label(
        language, exact=True
    ).check()
    submit(page, "Add person")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)

    visit(page, f"/projects/{project.pk}/")
    follow(page, "Add someone")
    page.get_by_label("Person").select_option(label=name)
    page.get_by_label("People who draw on care and support").check()
    submit(page, "Add to project")
    assert path(page) == f"/projects/{project.pk}/", page.url


def lead_prints_card(page: Page, name: str) -> str:
    follow(page, "People")
    follow(page, name)
    follow(page, "Make a sign-in card")
    submit(page, "Make the card")
    code = page.locator(".wesaid-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9-]+", code), code
    return code


# --- the member's half: a phone, the keyboard only -----------------------------------------


def member_answers_with_keyboard(page: Page, code: str, language: str) -> None:
    prefix = "/cy" if language == "cy" else ""
    visit(page, f"{prefix}/")
    phone_page_ok(page, language, checked=True)

    # Landing page: skip link, then the start button, then the link for people with a card.
    skip_to_main(page)
    start = tab(page)
    assert start["href"].endswith(f"{prefix}/sign-in/"), start
    card_link = tab(page)
    assert card_link["href"].endswith(f"{prefix}/sign-in/code/"), card_link
    if language == "en":
        assert card_link["text"] == "I have a card with a code"
    press_and_wait(page, "Enter")
    phone_page_ok(page, language)

    # Sign in with the code: send it empty once, follow the error summary back to the box.
    skip_to_main(page)
    box = tab(page)
    assert box["id"] == "id_code", box
    press_and_wait(page, "Enter")
    phone_page_ok(page, language)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    # The error summary takes focus, so the next Tab reaches its link.
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    error_link = tab(page)
    assert error_link["href"] == "#id_code", error_link
    page.keyboard.press("Enter")
    expect(page.locator("#id_code")).to_be_focused()
    page.keyboard.type(code.lower().replace("-", " "))
    press_and_wait(page, "Enter")
    assert path(page) == f"{prefix}/home/", page.url
    phone_page_ok(page, language)

    # Home: the check-in is the first thing to answer.
    skip_to_main(page)
    question = tab(page)
    assert re.search(rf"{prefix}/check-ins/\d+/$", question["href"]), question
    # The link is named by its session, so two check-ins never read the same.
    assert question["text"] == "Session 1", question
    press_and_wait(page, "Enter")
    phone_page_ok(page, language)

    # The answer page: send it with nothing chosen once.
    skip_to_main(page)
    first_radio = tab(page)
    assert first_radio["id"] == "id_feeling_0" and not first_radio["checked"], first_radio
    button = tab(page)  # a radio group is one tab stop
    assert button["tag"] == "button" and button["type"] == "submit", button
    press_and_wait(page, "Enter")
    phone_page_ok(page, language)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    error_link = tab(page)
    assert error_link["href"] == "#id_feeling_0", error_link
    page.keyboard.press("Enter")
    expect(page.locator("#id_feeling_0")).to_be_focused()
    page.keyboard.press("Space")  # Very good
    expect(page.locator("#id_feeling_0")).to_be_checked()
    page.keyboard.press("ArrowDown")  # Good: arrows move through the group and choose
    good = focused(page)
    assert good["id"] == "id_feeling_1" and good["checked"] and good["value"] == "4", good
    button = tab(page)
    assert button["tag"] == "button" and button["type"] == "submit", button
    press_and_wait(page, "Enter")
    assert re.fullmatch(rf"{prefix}/check-ins/\d+/thanks/", path(page)), page.url
    phone_page_ok(page, language)
    if language == "en":
        expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    skip_to_main(page)


# --- the journey ---------------------------------------------------------------------------


def test_lead_sets_up_members_answer_on_a_phone_with_a_keyboard(new_page, lead):
    staff = new_page()
    lead_signs_in(staff, lead)
    project = lead_starts_project(staff)
    for name in NAMES:
        # Dafydd prefers Welsh: after signing in he stays on Welsh pages.
        lead_adds_member(staff, project, name, "Welsh" if name == "Dafydd Price" else "English")
    assert project.members.count() == 3

    visit(staff, f"/projects/{project.pk}/")
    follow(staff, "Create a check-in")
    submit(staff, "Create check-in")  # empty: the error state
    expect(staff.locator(".govuk-error-summary")).to_be_visible()
    staff.get_by_label("Name of the check-in").fill("Session 1")
    submit(staff, "Create check-in")
    checkin = CheckIn.objects.get(project=project)
    assert path(staff) == f"/check-ins/{checkin.pk}/results/", staff.url

    amira_code = lead_prints_card(staff, "Amira Hassan")
    dafydd_code = lead_prints_card(staff, "Dafydd Price")

    # Amira, in English, on a phone, with the keyboard only.
    amira = new_page(viewport=PHONE)
    member_answers_with_keyboard(amira, amira_code, "en")
    person = Person.objects.get(display_name="Amira Hassan")
    answer = CheckInAnswer.objects.get(checkin=checkin)
    assert answer.person == person and answer.feeling == 4

    # The lead sees who has answered and the spread.
    visit(staff, f"/check-ins/{checkin.pk}/results/")
    expect(staff.locator("main")).to_contain_text("1 of 3 members have answered.")
    counts = {
        row.locator("th").inner_text().strip(): int(row.locator("td").first.inner_text())
        for row in staff.locator("main table tbody tr").all()
    }
    assert counts == {"Very good": 0, "Good": 1, "Okay": 0, "Bad": 0, "Very bad": 0}, counts

    # Dafydd, in Welsh, on a phone, with the keyboard only. Only the language and axe are
    # asserted: the Welsh wording is still being written.
    dafydd = new_page(viewport=PHONE)
    member_answers_with_keyboard(dafydd, dafydd_code, "cy")
    assert CheckInAnswer.objects.filter(checkin=checkin).count() == 2

    # Amira's own pages in Welsh too, now that she has answered (the "answered already" state).
    visit(amira, "/cy/home/")
    phone_page_ok(amira, "cy", checked=True)
    visit(amira, f"/cy/check-ins/{checkin.pk}/")
    phone_page_ok(amira, "cy", checked=True)
    expect(amira.locator(".govuk-inset-text")).to_be_visible()
    expect(amira.locator("#id_feeling_1")).to_be_checked()

    # And the lead's results page in Welsh.
    visit(staff, f"/cy/check-ins/{checkin.pk}/results/")
    assert staff.evaluate("() => document.documentElement.lang") == "cy"
