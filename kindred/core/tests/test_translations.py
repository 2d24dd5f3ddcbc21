"""Kindred is ready for other languages: `makemessages` runs clean and the English
catalogue in the repository already holds every string the code and templates use."""

import fcntl
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CATALOGUE = ROOT / "kindred" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _msgids(text: str) -> set[str]:
    return set(re.findall(r'^msgid "(.+)"$', text, re.M))


def test_makemessages_runs_clean_and_the_catalogue_is_complete():
    # makemessages rewrites the catalogue in place: one run at a time (`make test` runs
    # the SQLite and PostgreSQL passes side by side).
    with open(Path(tempfile.gettempdir()) / "kindred-makemessages.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        committed, result, fresh = _run_makemessages()
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
    missing = _msgids(fresh) - _msgids(committed)
    assert not missing, f"Run `make messages` and commit: {sorted(missing)[:10]}"


def _run_makemessages() -> tuple[str, subprocess.CompletedProcess[str], str]:
    committed = CATALOGUE.read_text()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kindred.settings_test"}
    try:
        result = subprocess.run(
            [sys.executable, "../manage.py", "makemessages", "-l", "en", "--no-obsolete"],
            cwd=ROOT / "kindred",
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        fresh = CATALOGUE.read_text()
    finally:
        CATALOGUE.write_text(committed)
    return committed, result, fresh


def test_pages_follow_the_chosen_language(client, db):
    response = client.get("/", headers={"accept-language": "en"})
    assert '<html lang="en">' in response.content.decode()
    assert 'name="language"' in response.content.decode()
