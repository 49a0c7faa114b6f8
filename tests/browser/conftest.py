"""Real Chromium for the browser tests, with axe-core and a watch on every page.

Every page a test looks at goes through ``check(page)``: no console errors (the strict content
security policy reports its refusals there), no uncaught script errors, no failed requests to
the live server, ``<html lang>`` set, and axe-core finds no WCAG 2.2 A/AA violations.

The browser is Debian's Chromium (never ``playwright install``: there is no internet here).
Assets come from ``npm run build`` (make assets); the tests fail, not skip, without them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "wesaid" / "static" / "build"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 375, "height": 667}

# Every page axe checked in this run, for the summary at the end.
AXE_CHECKED: list[str] = []


def pytest_terminal_summary(terminalreporter):
    if AXE_CHECKED:
        terminalreporter.write_line(
            f"axe-core checked {len(AXE_CHECKED)} pages "
            f"({len(set(AXE_CHECKED))} distinct addresses) with no violations."
        )


def _need_assets() -> None:
    missing = [
        name
        for name in ("wesaid.css", "govuk-frontend.min.js", "init.mjs")
        if not (BUILD / name).is_file()
    ]
    if missing:
        pytest.fail(
            f"{BUILD} has no {', '.join(missing)}: run `npm run build` (make assets) first",
            pytrace=False,
        )
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm install` first", pytrace=False)


@pytest.fixture(scope="session", autouse=True)
def allow_database_between_browser_steps():
    """Playwright's sync API runs an event loop in this thread; without this, Django refuses
    the database access the tests make between browser steps. Set only while browser tests
    run, so it does not leak into the commands other tests start."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    _need_assets()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Watch:
    """What went wrong on a page since the last ``check``."""

    origin: str
    problems: list[str] = field(default_factory=list)
    #: Documents the test navigated to on purpose with an error status (404, 403...).
    expected_status: dict[str, int] = field(default_factory=dict)

    def _ours(self, url: str) -> bool:
        return url.startswith(self.origin)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        url = message.location.get("url", "") if message.location else ""
        # Chromium logs every 4xx/5xx response as a console error, the page itself included.
        if message.text.startswith("Failed to load resource") and url in self.expected_status:
            return
        self.problems.append(f"console error: {message.text} ({url})")

    def on_page_error(self, error) -> None:
        self.problems.append(f"uncaught script error: {error}")

    def on_request_failed(self, request: Request) -> None:
        if request.failure == "net::ERR_ABORTED" and request.url.endswith("/favicon.svg"):
            return  # Chromium drops the icon's request when the page moves on before it loads.
        if self._ours(request.url):
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def on_response(self, response: Response) -> None:
        if not self._ours(response.url) or response.status < 400:
            return
        if response.request.resource_type == "document":
            wanted = self.expected_status.get(response.url)
            if wanted == response.status:
                return
        self.problems.append(f"{response.status} for {response.url}")

    def take(self) -> list[str]:
        problems, self.problems = self.problems, []
        return problems


def _watch(page: Page, origin: str) -> Watch:
    watch = Watch(origin=origin)
    page.on("console", watch.on_console)
    page.on("pageerror", watch.on_page_error)
    page.on("requestfailed", watch.on_request_failed)
    page.on("response", watch.on_response)
    page.wesaid_watch = watch  # type: ignore[attr-defined]
    return watch


@pytest.fixture
def new_page(browser, live_server) -> Iterator:
    """Make a page in a fresh browser context (fresh cookies): ``new_page(viewport=PHONE)``."""
    contexts = []

    def make(**context_options) -> Page:
        context_options.setdefault("base_url", live_server.url)
        context = browser.new_context(**context_options)
        context.set_default_timeout(5_000)  # fail fast: every page here is local
        # axe-core goes into every page before the page's own scripts, through the DevTools
        # protocol. add_script_tag(content=...) would add an inline <script>, which the site's
        # script-src 'self' refuses (rightly, and loudly); loosening the policy with bypass_csp
        # would hide the very refusals these tests look for.
        context.add_init_script(_axe_source())
        contexts.append(context)
        page = context.new_page()
        _watch(page, live_server.url)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


def visit(page: Page, path: str, status: int = 200) -> Response:
    """Go to ``path`` (on the live server), expecting ``status``, and check the page."""
    watch: Watch = page.wesaid_watch  # type: ignore[attr-defined]
    if status >= 400:
        watch.expected_status[_absolute(watch.origin, path)] = status
    response = page.goto(path)
    assert response is not None, f"no response for {path}"
    assert response.status == status, f"{path}: status {response.status}, wanted {status}"
    check(page)
    return response


def expect_status(page: Page, path: str, status: int) -> None:
    """Say that the next navigation to ``path`` (a form post, say) will answer ``status``."""
    watch: Watch = page.wesaid_watch  # type: ignore[attr-defined]
    watch.expected_status[_absolute(watch.origin, path)] = status


def _absolute(origin: str, path: str) -> str:
    return path if path.startswith("http") else origin + path


def assert_no_page_problems(page: Page) -> None:
    """No console errors, script errors or failed requests since the last check."""
    page.wait_for_load_state("load")
    watch: Watch = page.wesaid_watch  # type: ignore[attr-defined]
    problems = watch.take()
    assert not problems, f"{page.url}:\n  " + "\n  ".join(problems)


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the page as it is now; the page's own CSP must not need loosening."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())  # not through the init script (see new_page)
    return page.evaluate(
        """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})
              .then((results) => results.violations.map((v) => ({
                  id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                  nodes: v.nodes.map((n) => ({target: n.target, html: n.html,
                                              summary: n.failureSummary})),
              })))""",
        AXE_TAGS,
    )


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8") + "\n;void 0;"


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe found {len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
    return "\n".join(lines)


def axe_check(page: Page) -> None:
    """Assert axe-core finds no WCAG 2.0/2.1/2.2 A and AA violations on the page."""
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)
    AXE_CHECKED.append(re.sub(r"^https?://[^/]+", "", page.url))


def check(page: Page) -> None:
    """Everything every page must pass: no problems loading it, a language, and axe."""
    assert_no_page_problems(page)
    lang = page.evaluate("() => document.documentElement.lang")
    assert lang in {"en", "cy"}, f"{page.url}: <html lang={lang!r}>"
    # axe does not follow in-page links: each error summary link must land on its field.
    dead = page.evaluate(
        """() => [...document.querySelectorAll('.govuk-error-summary a[href^="#"]')]
                   .map((a) => a.getAttribute('href'))
                   .filter((href) => !document.getElementById(href.slice(1)))"""
    )
    assert not dead, f"{page.url}: error summary links to nothing: {dead}"
    axe_check(page)
    # axe itself must not have caused errors either.
    assert_no_page_problems(page)
    # Every page a test visits reflows at 320 px (400% zoom): nothing scrolls sideways.
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": size["height"] if size else 640})
    no_horizontal_scroll(page, 320)
    if size:
        page.set_viewport_size(size)


def no_horizontal_scroll(page: Page, width: int = PHONE["width"]) -> None:
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide at {width}px"
