"""`make run` on a checkout: installs (already done here), migrates, loads the demo
community, prints the address and the demo logins, and serves the demo."""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kindred.core.tests.servers import free_port, migrated_database, server_env

ROOT = Path(__file__).resolve().parents[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local server)
        return response.status, response.read().decode()


def test_make_run_serves_the_demo_community(tmp_path):
    port = free_port()
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
        },
        "KINDRED_VAR_DIR": str(tmp_path),
    }
    # A migrated database to start from (migrating takes seconds; `make run` still
    # runs migrate, which then has nothing to do).
    migrated_database(server_env(tmp_path))
    log = tmp_path / "make-run.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            ["make", "run", f"PORT={port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 240
        home = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                home = _get(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                time.sleep(1)
        output = log.read_text()
        assert home is not None, output
        assert home[0] == 200
        assert "Find people who understand" in home[1]
        assert f"http://127.0.0.1:{port}" in output
        # The demo logins name the port the site runs on, not a default one.
        assert f"Sign in at http://127.0.0.1:{port}/accounts/login/" in output
        for role in [
            "member",
            "carer",
            "peer_leader",
            "moderator",
            "clinician",
            "org_admin",
            "site_admin",
        ]:
            assert re.search(rf"^{role}\s+\S+@", output, re.M), f"no demo login for {role}"
        status, body = _get(
            f"http://127.0.0.1:{port}/groups/?q=type+1+diabetes&near=Portsmouth&mode=online&model=peer_led"
        )
        assert status == 200
        assert "South Coast Type 1 Peers" in body
        status, body = _get(f"http://127.0.0.1:{port}/static/kindred/kindred.css")
        assert status == 200 and "--brand" in body
        # The demo runs with DEBUG on, yet shows Kindred's own 404 page, not Django's.
        with pytest.raises(urllib.error.HTTPError) as missing:
            _get(f"http://127.0.0.1:{port}/groups/no-such-group/")
        assert missing.value.code == 404
        missing_page = missing.value.read().decode()
        assert "We cannot find that page" in missing_page
        assert "No PeerGroup matches" not in missing_page
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def _plan(*args: str) -> str:
    """The commands `make run` would run (a dry run: nothing is installed or started)."""
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "MAKEFLAGS"}}
    venv = Path(sys.executable).parent.parent
    result = subprocess.run(
        ["make", "--dry-run", "run", f"VENV={venv}", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


# Each Kindred process `make run` starts, with the environment set before it.
PROCESS = re.compile(r"((?:\b[A-Z_]+=\S+ )*)\S+/(?:python manage\.py (\w+)|(uvicorn))\b")


def test_make_run_tells_every_process_the_address_it_serves(tmp_path):
    plan = _plan("PORT=9123")
    started = {m[2] or m[3]: m[1] for m in PROCESS.finditer(plan)}
    assert {"migrate", "load_demo_community", "demo_logins", "kindred_worker", "uvicorn"} <= set(
        started
    ), plan
    for name, env in started.items():
        assert "SITE_URL=http://127.0.0.1:9123 " in env, f"{name} is started with {env!r}"

    # Run the plan's own migrate and demo_logins: the logins name port 9123.
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SITE_URL"}},
        "DJANGO_SETTINGS_MODULE": "kindred.settings",
        "KINDRED_VAR_DIR": str(tmp_path),
    }
    migrated_database(server_env(tmp_path))
    output = ""
    for line in plan.splitlines():
        if re.search(r"manage\.py (migrate|demo_logins)\b", line):
            result = subprocess.run(
                ["bash", "-c", line],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
                check=True,
            )
            output += result.stdout
    assert "Sign in at http://127.0.0.1:9123/accounts/login/" in output


def test_make_run_takes_a_site_url_given_to_it():
    plan = _plan("PORT=9123", "SITE_URL=https://peers.example.org")
    started = {m[2] or m[3]: m[1] for m in PROCESS.finditer(plan)}
    assert "SITE_URL=https://peers.example.org " in started["demo_logins"]
    assert "SITE_URL=https://peers.example.org " in started["kindred_worker"]


SERVE_A_STYLESHEET = """
import django
from django.core.management import call_command
from django.test import Client, override_settings

django.setup()
with override_settings(STATIC_ROOT={root!r}):
    call_command("collectstatic", "--no-input", verbosity=0)
    response = Client(HTTP_ACCEPT_ENCODING="gzip").get("/static/kindred/kindred.css")
    print(response.status_code, response.get("Content-Encoding", "none"))
"""


def test_make_run_serves_static_files_compressed(tmp_path):
    """What a new user measures first: the demo's files are compressed too."""
    started = {m[2] or m[3]: m[1] for m in PROCESS.finditer(_plan())}
    run_env = dict(pair.split("=", 1) for pair in started["uvicorn"].split())
    assert started["collectstatic"] == started["uvicorn"]
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SITE_URL"}},
        **run_env,
        "DJANGO_SETTINGS_MODULE": "kindred.settings",
        "KINDRED_VAR_DIR": str(tmp_path),
    }
    script = SERVE_A_STYLESHEET.format(root=str(tmp_path / "static"))
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert result.stdout.split() == ["200", "gzip"], result.stdout + result.stderr


def test_make_run_starts_the_task_worker_again_when_it_stops():
    plan = _plan("PORT=9123")
    worker = next(line for line in plan.splitlines() if "kindred_worker" in line)
    assert worker.lstrip().startswith("( while true; do"), worker
    assert "starting it again" in plan
