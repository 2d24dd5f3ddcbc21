"""Real Kindred server processes for tests that must see what production sees: a
uvicorn process with its own settings, spoken to over HTTP as a browser would."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from kindred.core.tests.cast import PASSWORD

ROOT = Path(__file__).resolve().parents[3]
# The SQLite database of a server under `KINDRED_VAR_DIR` (see settings.py).
DATABASE_FILE = "kindred.sqlite3"

# For `manage(env, script=...)`: the cast, an open online group in which Mina and Carl
# are members, and Mina's topic; prints {"slug": ..., "topic": ...} as its last line.
ONLINE_GROUP_SETUP = """
import json
import django
django.setup()
from kindred.community import services
from kindred.core.tests.cast import build_cast
from kindred.directory.tests.factories import make_group

cast = build_cast()
group = make_group(organisation=cast.organisation, name="South Coast T1 Online")
space = services.space_open(group=group, leader=cast.peer_leader, visibility="open")
for person in (cast.member, cast.carer):
    services.membership_request(space=space, user=person, answers=[], accepts_rules=True)
topic = services.topic_publish(
    author=cast.member, space=space, title="Hypos at night", body="How do you cope?"
).post
print(json.dumps({"slug": group.slug, "topic": topic.pk}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_serving(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server on {port} stopped:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the server on {port} did not start:\n{log.read_text()}")


def server_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """Settings for a server process of its own: production-like (DEBUG off), with an
    SQLite database under `var_dir` unless `extra` names another."""
    return {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "kindred.settings_test",
        "KINDRED_VAR_DIR": str(var_dir),
        "KINDRED_TESTING": "true",
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        **extra,
    }


_MIGRATED: list[Path] = []


def migrated_template() -> Path:
    """An empty SQLite database migrated to the current migrations, made once per test
    run (migrating takes seconds), to copy for each server or benchmark."""
    if not _MIGRATED:
        template_dir = Path(tempfile.mkdtemp(prefix="kindred-migrated-"))
        manage(server_env(template_dir), "migrate", "--no-input", "--verbosity", "0")
        _MIGRATED.append(template_dir / DATABASE_FILE)
    return _MIGRATED[0]


def migrated_database(env: dict[str, str]) -> None:
    """Give the server of `env` (made by `server_env`) an empty, migrated SQLite
    database: a copy of `migrated_template()`."""
    shutil.copyfile(migrated_template(), Path(env["KINDRED_VAR_DIR"]) / DATABASE_FILE)


def manage(env: dict[str, str], *args: str, script: str | None = None) -> str:
    """`manage.py` (or a Python script) with the server's settings; its output."""
    command = [sys.executable, "-c", script] if script else [sys.executable, "manage.py", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return done.stdout


@contextmanager
def uvicorn(env: dict[str, str], log: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """One uvicorn process serving Kindred; yields its port and the process."""
    with uvicorns(env, [log]) as started:
        yield started[0]


@contextmanager
def uvicorns(
    env: dict[str, str], logs: list[Path]
) -> Iterator[list[tuple[int, subprocess.Popen[bytes]]]]:
    """A uvicorn process serving Kindred for each log, started side by side; yields
    each one's port and process once all of them answer."""
    started: list[tuple[int, subprocess.Popen[bytes]]] = []
    try:
        for log in logs:
            port = free_port()
            with log.open("wb") as out:
                process = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "uvicorn",
                        "kindred.asgi:application",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(port),
                        "--log-level",
                        "warning",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            started.append((port, process))
        for (port, process), log in zip(started, logs, strict=True):
            wait_until_serving(port, process, log)
        yield started
    finally:
        for _, process in started:
            process.terminate()
        for _, process in started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


class Browser:
    """Just enough of a browser for one server: cookies, and the CSRF token of a form."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def fetch(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], str]:
        """The answer's status, headers and text, whatever the status."""
        connection = HTTPConnection("127.0.0.1", self.port, timeout=15)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            # The cookies are marked Secure; these tests speak plain HTTP to 127.0.0.1.
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, dict(response.headers), response.read().decode()
        finally:
            connection.close()

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> str:
        status, _, text = self.fetch(method, path, form)
        assert status < 400, f"{method} {path}: {status}\n{text[:2000]}"
        return text

    def submit(self, page: str, form: dict[str, str], *, action: str | None = None) -> str:
        """Fill in the form on `page` as a person would, CSRF token and all."""
        html = self.request("GET", page)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert token, f"no form on {page}"
        return self.request("POST", action or page, {**form, "csrfmiddlewaretoken": token.group(1)})

    def sign_in(self, email: str, password: str = PASSWORD) -> None:
        self.submit("/accounts/login/", {"login": email, "password": password})
        assert "sessionid" in self.cookies, f"{email} was not signed in"
