"""Every other page in real Chromium, each checked by axe-core (see conftest.check).

One signed-in browser context per kind of person keeps it quick: a visitor who is not signed
in, a member, and an organisation admin (who can reach every staff page). Error states are
visited too: forms sent empty, the 400, 403, 404, 429 and CSRF pages, and the 500 page.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from playwright.sync_api import Page, expect

from wesaid.accounts.services import sign_in_link_issue
from wesaid.checkins.services import checkin_create
from wesaid.core.roles import Role
from wesaid.projects.models import ProjectMember
from wesaid.projects.services import project_member_add

from ..conftest import give_backup_codes, make_person, sign_in
from .conftest import check, expect_status, visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def signed_in(new_page, live_server, person, **context_options) -> Page:
    """A browser context already signed in as ``person`` (past the second factor if needed).

    Signing in through the real pages is covered by test_journey_browser.py; here the session
    made by the test client is handed to the browser.
    """
    client = sign_in(Client(), person)
    page = new_page(**context_options)
    name = settings.SESSION_COOKIE_NAME
    page.context.add_cookies(
        [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]
    )
    return page


def send(page: Page, button_name: str, *, status: int = 200, checked: bool = True) -> None:
    """Press a form's button and check the page that comes back."""
    if status >= 400:
        expect_status(page, page.url.split("#")[0], status)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button_name, exact=True).click()
    response = navigation.value
    assert response is not None and response.status == status, (
        f"{page.url}: {button_name!r} gave {response and response.status}, wanted {status}"
    )
    if checked:
        check(page)


def has_errors(page: Page) -> None:
    expect(page.locator(".govuk-error-summary")).to_be_visible()


PUBLIC_PAGES = ["/", "/sign-in/", "/sign-in/code/", "/sign-in/email/", "/accessibility/",
                "/privacy/", "/cookies/", "/signed-out/", "/privacy/easy-read/",
                "/accessibility/easy-read/"]  # fmt: skip


def test_pages_for_someone_not_signed_in(new_page, live_server, organisation):
    page = new_page()
    for path in PUBLIC_PAGES:
        visit(page, path)
        visit(page, "/cy" + path)
        assert page.evaluate("() => document.documentElement.lang") == "cy"

    # Sign-in errors: a wrong password is a message with no field to link to.
    visit(page, "/sign-in/")
    page.get_by_label("Username").fill("nobody-here")
    page.get_by_label("Password", exact=True).fill("not-the-password")
    send(page, "Sign in")
    has_errors(page)

    visit(page, "/sign-in/code/")
    page.get_by_label("Your sign-in code").fill("ABCD-EFGH-JK")
    send(page, "Sign in")
    has_errors(page)

    # Asking for an emailed link: the error state, then the same answer for any address.
    visit(page, "/sign-in/email/")
    send(page, "Send me a link")
    has_errors(page)
    page.get_by_label("Email address").fill("someone@example.com")
    send(page, "Send me a link")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    visit(page, "/sign-in/link/?token=not-a-real-token", status=400)
    visit(page, "/sign-in/link/", status=400)
    visit(page, "/no-such-page/", status=404)
    visit(page, "/cy/no-such-page/", status=404)

    # The CSRF failure page: the form's cookie has gone (a long-open page, cookies turned off).
    visit(page, "/sign-in/")
    page.context.clear_cookies()
    page.get_by_label("Username").fill("someone")
    page.get_by_label("Password", exact=True).fill("something-long")
    send(page, "Sign in", status=403)
    visit(page, "/sign-in/")

    # Too many wrong tries for one username from one place: the locked-out page.
    # (The pages on the way are the wrong-password page, already checked above.)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        last = attempt == settings.AXES_FAILURE_LIMIT - 1
        page.get_by_label("Username").fill("locked-out-test")
        page.get_by_label("Password", exact=True).fill(f"wrong-password-{attempt}")
        send(page, "Sign in", status=429 if last else 200, checked=last)
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many tries")


def test_the_500_page(page, live_server):
    """The server error page cannot be reached on purpose, so serve its real markup (rendered
    by the real handler) at a live-server address, under the site's real security headers."""
    from wesaid.core.views import server_error

    headers = dict(page.goto("/cookies/").headers)
    html = server_error(RequestFactory().get("/")).content.decode()
    url = live_server.url + "/test-only-server-error/"
    page.route(
        url,
        lambda route: route.fulfill(
            status=500,
            body=html,
            content_type="text/html; charset=utf-8",
            headers={"content-security-policy": headers["content-security-policy"]},
        ),
    )
    visit(page, url, status=500)


def test_pages_for_a_member(new_page, live_server, organisation, member, project, lead):
    project_member_add(
        project=project, person=member, group=ProjectMember.Group.LIVED_EXPERIENCE, actor=lead
    )
    closed = checkin_create(project=project, actor=lead, title="Last week")
    closed.is_open = False
    closed.save()
    page = signed_in(new_page, live_server, member)
    visit(page, "/home/")
    visit(page, "/projects/")
    visit(page, f"/projects/{project.pk}/")
    visit(page, f"/check-ins/{closed.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This check-in is closed")
    visit(page, "/account/")
    visit(page, "/people/", status=403)
    visit(page, "/cy/people/", status=403)

    # A member with an email address can sign in with an emailed link: the page with a button.
    member.email = "amira@example.com"
    member.save()
    token = sign_in_link_issue(person=member)
    fresh = new_page()
    visit(fresh, "/sign-in/link/?" + urlencode({"token": token}))
    send(fresh, "Sign in")
    assert urlsplit(fresh.url).path == "/home/"


def test_pages_for_an_organisation_admin(new_page, live_server, organisation, project, lead):
    admin = make_person(organisation, Role.ORG_ADMIN, "Olu Admin")
    member = make_person(organisation, Role.MEMBER, "Amira Member", password=None)
    member.email = "amira@example.com"
    member.save()
    project_member_add(
        project=project, person=member, group=ProjectMember.Group.LIVED_EXPERIENCE, actor=lead
    )
    checkin = checkin_create(project=project, actor=lead, title="Session 1")
    page = signed_in(new_page, live_server, admin)

    visit(page, "/home/")
    visit(page, "/account/")

    visit(page, "/account/password/")
    send(page, "Save password")
    has_errors(page)
    page.get_by_label("New password", exact=True).fill("three green apples 42")
    page.get_by_label("Type the new password again").fill("three green pears 42")
    send(page, "Save password")
    has_errors(page)

    visit(page, "/account/second-factor/set-up/")
    qr = page.locator(".wesaid-qr svg")  # named by its <title>, exposed as an image
    expect(qr).to_have_accessible_name(re.compile(r"QR code", re.IGNORECASE))
    expect(qr).to_have_role("img")
    page.get_by_label("Code").fill("000000")
    send(page, "Set up")
    has_errors(page)

    visit(page, "/account/backup-codes/")
    send(page, "Make new backup codes")
    expect(page.locator("ul.wesaid-code li")).not_to_have_count(0)

    visit(page, "/people/")
    visit(page, "/people/add/")
    send(page, "Add person")
    has_errors(page)
    visit(page, f"/people/{member.pk}/")
    email_link = page.get_by_role("button", name="Email them a sign-in link", exact=True)
    if email_link.count():  # only once the view offers it (the member has an email address)
        send(page, "Email them a sign-in link")
        expect(page.locator(".govuk-notification-banner")).to_be_visible()
    visit(page, f"/people/{member.pk}/roles/")
    for box in page.get_by_role("checkbox").all():
        box.uncheck()
    send(page, "Save roles")
    has_errors(page)
    visit(page, f"/people/{member.pk}/sign-in-card/")
    send(page, "Make the card")
    expect(page.locator(".wesaid-code")).to_have_text(re.compile(r"^[A-Z0-9-]+$"))

    give_backup_codes(lead, "lostcode")
    visit(page, f"/people/{lead.pk}/")
    visit(page, f"/people/{lead.pk}/reset-second-step/")
    send(page, "Reset their second step")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been reset")

    visit(page, "/projects/")
    visit(page, "/projects/new/")
    visit(page, f"/projects/{project.pk}/")
    visit(page, f"/projects/{project.pk}/edit/")
    page.get_by_label("Project name").fill("")
    send(page, "Save changes")
    has_errors(page)
    visit(page, f"/projects/{project.pk}/members/add/")
    send(page, "Add to project")
    has_errors(page)
    visit(page, f"/check-ins/project/{project.pk}/new/")
    visit(page, f"/check-ins/{checkin.pk}/results/")
    visit(page, "/audit/")
    visit(page, "/cy/audit/")

    visit(page, "/sign-out/")
    send(page, "Sign out")
    assert urlsplit(page.url).path == "/signed-out/"


def test_the_error_summary_takes_focus(page, live_server):
    """GOV.UK pattern: after a form comes back with errors, focus is on the error summary."""
    visit(page, "/sign-in/code/")
    page.get_by_label("Your sign-in code").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check(page)
    expect(page.locator(".govuk-error-summary")).to_be_focused()


def test_the_skip_link_fragment_does_not_stick(page, live_server):
    visit(page, "/sign-in/code/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the code box
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check(page)
    assert urlsplit(page.url).fragment == ""
    expect(page.locator(".govuk-error-summary")).to_be_focused()


def test_error_summary_links_take_the_keyboard_to_the_field(new_page, live_server, organisation):
    """Every field of the project form at once, dates included: each link lands on its field."""
    admin = make_person(organisation, Role.ORG_ADMIN, "Olu Admin")
    page = signed_in(new_page, live_server, admin)
    visit(page, "/projects/new/")
    send(page, "Start the project")  # check() has already found every link's target
    links = page.locator(".govuk-error-summary a")
    hrefs = links.evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    assert "#id_starts_on_0" in hrefs, hrefs
    for index, href in enumerate(hrefs):
        links.nth(index).focus()
        page.keyboard.press("Enter")
        expect(page.locator(href)).to_be_focused()
