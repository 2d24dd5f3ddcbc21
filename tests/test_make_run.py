"""`make run` on a checkout: installs (already done here), migrates, loads the demo
community, prints the address and the demo logins, and serves the demo."""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local server)
        return response.status, response.read().decode()


def test_make_run_serves_the_demo_community(tmp_path):
    port = _free_port()
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
        },
        "KINDRED_VAR_DIR": str(tmp_path),
    }
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
