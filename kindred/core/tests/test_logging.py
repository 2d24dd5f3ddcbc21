"""Each log line is printed once: Django's own loggers and Kindred's go to one handler,
with DEBUG on (`make run`) as without it, and under uvicorn as under manage.py."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kindred.core.tests.servers import free_port

ROOT = Path(__file__).resolve().parents[3]

LOG_ONE_OF_EACH = """
import logging
import django

django.setup()
logging.getLogger("django.request").warning("Not Found: /from-django/")
logging.getLogger("kindred.community.live").warning("Live update from Kindred")
logging.getLogger("django.request").info("Only shown at INFO")
"""


def _env(tmp_path: Path, debug: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="kindred.settings",
        DEBUG=debug,
        KINDRED_TESTING="true",
        KINDRED_VAR_DIR=str(tmp_path),
        SECURE_SSL_REDIRECT="false",
    )
    return env


@pytest.mark.parametrize("debug", ["true", "false"])
def test_it_prints_each_logged_message_once(tmp_path: Path, debug: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", LOG_ONE_OF_EACH],
        cwd=ROOT,
        env=_env(tmp_path, debug),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    output = result.stdout + result.stderr
    assert output.count("Not Found: /from-django/") == 1, output
    assert output.count("Live update from Kindred") == 1, output
    assert "Only shown at INFO" not in output


def test_it_prints_a_not_found_page_once_under_uvicorn(tmp_path: Path) -> None:
    port = free_port()
    uvicorn = Path(sys.executable).with_name("uvicorn")
    log = tmp_path / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(uvicorn), "kindred.asgi:application", "--port", str(port), "--log-level=warning"],
            cwd=ROOT,
            env=_env(tmp_path, "true"),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-page/", timeout=5)
            except urllib.error.HTTPError as error:
                assert error.code == 404
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, log.read_text()
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=20)
    output = log.read_text()
    assert output.count("Not Found: /no-such-page/") == 1, output
