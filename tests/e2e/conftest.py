"""Browser journeys: Debian's Chromium driven by Playwright against pytest-django's
live server (a thread in this process, serving the test database).

Nothing is downloaded: Playwright launches the system Chromium, and axe-core comes from
the `axe_playwright_python` package."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

CHROMIUM = os.environ.get("KINDRED_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
# Playwright's own waits are short: every page here is served from this machine.
TIMEOUT_MS = 10_000


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests run after every other test (keeping pytest-django's order among
    the rest): Playwright's event loop, and DJANGO_ALLOW_ASYNC_UNSAFE below, then stay
    alive only while nothing else runs."""
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    from django.db import connections

    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    # Playwright's sync API keeps an asyncio event loop running in this thread until it
    # stops. Django refuses database calls from a thread with a running loop, but the
    # tests build their data here (the live server answers from its own thread), so
    # allow them while the browser tests run.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # With a loop running, Django looks its connections up per asyncio context instead
    # of per thread, and would open new ones without the test database's saved
    # reference data (conditions, languages), so serialized_rollback would restore
    # nothing. Hand over the connections this thread already has.
    opened = {conn.alias: conn for conn in connections.all(initialized_only=True)}
    with sync_playwright() as p:
        for alias, conn in opened.items():
            connections[alias] = conn
        yield p
    if before is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_context(browser: Browser, live_server: Any) -> Iterator[Any]:
    """Make extra browser contexts (a phone, JavaScript off); all are closed after the
    test. Each starts with no cookies, so tests never share a session."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Any) -> Page:
    """A fresh desktop browser tab (1280x900) for each test."""
    page: Page = new_context().new_page()
    return page


# --- Signing in without the browser ------------------------------------------------------


@pytest.fixture
def sign_in(live_server: Any) -> Any:
    """Put a signed-in session for `user` into a browser context. Journeys that are not
    about signing in start here, so they stay fast; the sign-up journey uses the real
    pages."""
    from django.conf import settings
    from django.test import Client

    def _sign_in(context: BrowserContext, user: Any) -> None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )

    return _sign_in


# --- Accessibility -----------------------------------------------------------------------

BLOCKING_IMPACTS = {"serious", "critical"}


def describe_violations(url: str, violations: list[dict[str, Any]]) -> str:
    """axe-core's findings, one block per rule, with the elements that break it."""
    lines = [f"{len(violations)} serious or critical accessibility problem(s) on {url}:"]
    for v in violations:
        lines.append(f"\n[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"  - {target}\n      {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n        ")
            if summary:
                lines.append(f"        {summary}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


STYLESHEETS_JS = """() => [...document.querySelectorAll('link[rel=stylesheet]')].map(link => {
    let rules = 0;
    try { rules = link.sheet ? link.sheet.cssRules.length : 0; } catch (e) { rules = -1; }
    return {href: link.getAttribute('href'), rules};
})"""


def unstyled(page: Page) -> list[str]:
    """The page's stylesheets that did not load (a layout or contrast check of an
    unstyled page proves nothing)."""
    sheets = page.evaluate(STYLESHEETS_JS)
    if not sheets:
        return ["(the page links no stylesheet)"]
    return [sheet["href"] for sheet in sheets if sheet["rules"] == 0]


def describe_unstyled(page: Page, missing: list[str]) -> str:
    return (
        f"stylesheet did not load on {page.url}: {missing}. When this test was written, "
        "/static/kindred/kindred.css was a 404: kindred/static/ is on no static-files "
        "finder path (the kindred package is not an INSTALLED_APP and STATICFILES_DIRS "
        "is unset), so runserver, the live server and collectstatic all miss it. Fix: "
        "STATICFILES_DIRS = [BASE_DIR / 'kindred' / 'static'] in kindred/settings.py."
    )


@pytest.fixture
def assert_styled() -> Any:
    def _check(page: Page) -> None:
        missing = unstyled(page)
        assert not missing, describe_unstyled(page, missing)

    return _check


@pytest.fixture
def accessibility_problems(axe: Any) -> Any:
    """Run axe-core on the page as it is now and describe anything serious or critical.
    Colour contrast and target sizes are only real with the stylesheet applied, so a
    page whose stylesheet did not load is a problem too."""

    def _check(page: Page) -> list[str]:
        results = axe.run(page)
        blocking = [
            v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS
        ]
        problems = [describe_violations(page.url, blocking)] if blocking else []
        missing = unstyled(page)
        if missing:
            problems.append(describe_unstyled(page, missing))
        return problems

    return _check
