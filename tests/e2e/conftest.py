"""Browser journeys: Debian's Chromium driven by Playwright against Django's live
server (`page_server`: a thread in this process, answering with the test's own database
connection inside the test's transaction), or, for pages that need WebSockets, against
Kindred's ASGI application run by uvicorn in a thread (`asgi_live_server`, whose tests
are transactional).

Nothing is downloaded: Playwright launches the system Chromium, and axe-core comes from
the `axe_playwright_python` package."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

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


class _SharedConnectionServer(ThreadedWSGIServer):
    """The live server's WSGI server: its request threads use the test's own database
    connection (so they see, inside the test's transaction, what the test made, and
    the test sees what they write), one request at a time, since a connection serves
    one thread at once. The connection stays open after each request: closing it would
    end the test's transaction."""

    # Held while a request is answered, and between tests (see `_serving`).
    lock = threading.Lock()

    def set_app(self, application: Any) -> None:
        lock = self.lock

        def one_at_a_time(environ: Any, start_response: Any) -> Any:
            with lock:
                return application(environ, start_response)

        super().set_app(one_at_a_time)

    def _close_connections(self) -> None:
        pass


# Assertions wait as long as actions do: `make test` runs four test processes on two
# cores, and a page may take a few seconds while the others are busy.
expect.set_options(timeout=TIMEOUT_MS)


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


class _PageServer(LiveServerThread):
    server_class = _SharedConnectionServer


@pytest.fixture(scope="session")
def _page_server(
    playwright: Playwright, django_db_setup: Any, django_db_blocker: Any
) -> Iterator[Any]:
    """Django's live server (WSGI, pages only) in a thread of this process, for the whole
    session. Unlike pytest-django's `live_server` it answers with the test's own
    connection on PostgreSQL too, so a browser test runs in a transaction that is rolled
    back when it ends, like any other test, instead of emptying and refilling every table
    (seconds a test on PostgreSQL)."""
    from django.conf import settings
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connections
    from django.test.utils import modify_settings

    with django_db_blocker.unblock():
        # Started after `playwright`, which hands this thread's connections over.
        shared = {alias: connections[alias] for alias in settings.DATABASES}
    for conn in shared.values():
        conn.inc_thread_sharing()
    # Django closes a connection that is inside a transaction at the start and end of
    # each request; the test client stops that for its requests, and so does this.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    thread = _PageServer(
        "localhost", static_handler=StaticFilesHandler, connections_override=shared
    )
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    allowed = modify_settings(ALLOWED_HOSTS={"append": "localhost"})
    allowed.enable()
    yield SimpleNamespace(url=f"http://localhost:{thread.port}")
    allowed.disable()
    if _SharedConnectionServer.lock.locked():
        _SharedConnectionServer.lock.release()
    thread.terminate()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    for conn in shared.values():
        conn.dec_thread_sharing()


def _serving(server: Any) -> Iterator[Any]:
    """The server answers during the test only. When the test ends, a request the browser
    left in flight finishes first, and no other is answered until the next test starts:
    the test's database is rolled back or emptied on the very connection the server
    uses, which must not be in the middle of a request then."""
    lock = _SharedConnectionServer.lock
    if lock.locked():
        lock.release()
    yield server
    lock.acquire()


@pytest.fixture
def page_server(_page_server: Any, db: None) -> Iterator[Any]:
    """The live server for pages: a browser test that asks for it runs in the test's
    transaction (the `db` fixture)."""
    yield from _serving(_page_server)


@pytest.fixture
def committing_page_server(_page_server: Any, transactional_db: None) -> Iterator[Any]:
    """The same server for a journey that needs its transactions really committed: work
    Django runs only once a transaction commits (`transaction.on_commit`) never runs
    inside a test's transaction. allauth, for one, records the sign-in step that a new
    authenticator counts as then. Such a test is transactional, and slower."""
    yield from _serving(_page_server)


@pytest.fixture
def site_server(page_server: Any) -> Any:
    """The server the browser talks to: `page_server` (WSGI, pages only). A test module
    whose pages need WebSockets overrides this fixture with `asgi_live_server`."""
    return page_server


@pytest.fixture
def new_context(browser: Browser, site_server: Any) -> Iterator[Any]:
    """Make extra browser contexts (a phone, JavaScript off); all are closed after the
    test. Each starts with no cookies, so tests never share a session."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(base_url=site_server.url, **options)
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


# --- An ASGI live server: pages and WebSockets ---------------------------------------------
#
# pytest-django's `live_server` is a WSGI server, so it cannot answer the WebSockets that
# carry live replies. This runs Kindred's own ASGI application (kindred.asgi: Django for
# HTTP, Channels for ws/) with uvicorn in a thread of this process, so the in-memory
# channel layer, the cache and the test database are the ones the test uses.
#
# The test database is SQLite in memory, shared with the server's threads the way
# `live_server` shares it: they use this thread's connection object (made shareable
# with inc_thread_sharing) instead of opening their own. `live_server` hands it to each
# request thread through `connections_override`; under ASGI the sync code runs in threads
# asgiref starts (Django's handler: a new one per request; Channels'
# `database_sync_to_async`: its own), so instead every thread that asks for a connection
# while the server runs is given the shared one (`connections.create_connection` is
# replaced on the handler until the session ends).
# Connections of their own would reach the same data too (the test database's name is a
# shared-cache URI, file:memorydb_default?mode=memory&cache=shared), but shared-cache
# SQLite fails a read that meets another connection's open write, and a write that meets
# an open read, with "database table is locked" at once, ignoring the busy timeout, so
# two people acting at once would make the tests flaky.
# With PostgreSQL (DATABASE_URL) the server's threads do open their own connections; they
# are closed after each test, or the test database could not be dropped at the end.


class AsgiLiveServer:
    def __init__(self, host: str, port: int, server: Any, thread_connections: list[Any]) -> None:
        self.host = host
        self.port = port
        self.server = server
        self.thread_connections = thread_connections

    def busy(self) -> bool:
        """Whether a WebSocket is still open, or the application is still handling
        something (a request, or a consumer hearing its socket close)."""
        state = self.server.server_state
        ws_protocol = self.server.config.ws_protocol_class
        # Copies: uvicorn's thread adds and removes them meanwhile.
        open_sockets = [c for c in list(state.connections) if isinstance(c, ws_protocol)]
        return bool(open_sockets or list(state.tasks))

    def wait_until_idle(self, timeout: float = 5) -> None:
        deadline = time.monotonic() + timeout
        while self.busy() and time.monotonic() < deadline:
            time.sleep(0.01)

    def close_thread_connections(self) -> None:
        """Close the connections the server's threads opened (a thread that lives on
        reconnects when it next needs one)."""
        for conn in self.thread_connections:
            conn.inc_thread_sharing()
            try:
                conn.close()
            finally:
                conn.dec_thread_sharing()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __str__(self) -> str:
        return self.url

    def __add__(self, other: str) -> str:
        return f"{self}{other}"

    def __repr__(self) -> str:
        return f"<AsgiLiveServer listening at {self.url}>"


ASGI_HOST = "127.0.0.1"


@pytest.fixture(scope="session")
def _asgi_server(django_db_setup: Any, django_db_blocker: Any) -> Iterator[AsgiLiveServer]:
    import uvicorn
    from django.conf import settings
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from django.db import connections

    # Channels' AllowedHostsOriginValidator reads ALLOWED_HOSTS once, when kindred.asgi is
    # imported, so it must allow the server's host by then.
    if ASGI_HOST not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        pytest.fail(f"ALLOWED_HOSTS {settings.ALLOWED_HOSTS} must include {ASGI_HOST}")
    from kindred.asgi import application

    with django_db_blocker.unblock():
        shared = {
            conn.alias: conn
            for conn in connections.all()
            if conn.vendor == "sqlite" and conn.is_in_memory_db()
        }
    for conn in shared.values():
        conn.inc_thread_sharing()
    create_connection = connections.create_connection
    thread_connections: list[Any] = []

    def shared_connection(alias: str) -> Any:
        if alias in shared:
            return shared[alias]
        conn = create_connection(alias)
        if threading.current_thread() is not threading.main_thread():
            thread_connections.append(conn)
        return conn

    connections.create_connection = shared_connection  # type: ignore[method-assign]

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((ASGI_HOST, 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        # Static files come from the finders, as under `live_server` (whitenoise would
        # serve a possibly stale STATIC_ROOT).
        app=ASGIStaticFilesHandler(application),
        host=ASGI_HOST,
        port=port,
        lifespan="off",
        # uvicorn's `websockets` protocol is the deprecated websockets.legacy one (it
        # warns on every run); this is the same library through its current API.
        ws="websockets-sansio",
        log_level="warning",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="asgi-live-server", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start the ASGI live server")
        time.sleep(0.01)
    asgi_server = AsgiLiveServer(ASGI_HOST, port, server, thread_connections)
    yield asgi_server
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()
    with django_db_blocker.unblock():
        asgi_server.close_thread_connections()
    del connections.create_connection
    for conn in shared.values():
        conn.dec_thread_sharing()


@pytest.fixture
def asgi_live_server(
    _asgi_server: AsgiLiveServer, transactional_db: None
) -> Iterator[AsgiLiveServer]:
    """Kindred's ASGI application (pages and WebSockets) on a free port, serving the
    test database. Data must be committed to be seen, so tests using it are
    transactional (as with `live_server`)."""
    yield _asgi_server
    # The browser contexts are closed by now, but the server hears their sockets close a
    # moment later, and a consumer's disconnect touches the database: let that finish
    # while the test still has the database, not after pytest-django has flushed and
    # blocked it.
    _asgi_server.wait_until_idle()
    _asgi_server.close_thread_connections()


# --- Signing in without the browser ------------------------------------------------------


@pytest.fixture
def sign_in(site_server: Any) -> Any:
    """Put a signed-in session for `user` into a browser context. Journeys that are not
    about signing in start here, so they stay fast; the sign-up journey uses the real
    pages."""
    from django.conf import settings
    from django.test import Client

    from kindred.accounts.permissions import has_second_factor
    from kindred.core.tests.cast import login_with_second_factor

    def _sign_in(context: BrowserContext, user: Any) -> None:
        client = Client()
        # Someone with an authenticator would have used it to sign in through the pages.
        if has_second_factor(user):
            login_with_second_factor(client, user)
        else:
            client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site_server.url}]
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
