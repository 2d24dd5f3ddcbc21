"""`manage.py check --deploy` with production settings must report nothing."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_it_passes_the_deploy_checklist(tmp_path):
    env = {
        # Not the test run's own switches (the browser tests allow async-unsafe calls).
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DEBUG", "KINDRED_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        },
        "DJANGO_SETTINGS_MODULE": "kindred.settings",
        "DEBUG": "false",
        "SECRET_KEY": "x9" * 30 + "-production-like-secret-for-the-deploy-check",
        "ALLOWED_HOSTS": "kindred.example.org",
        "KINDRED_VAR_DIR": str(tmp_path),
    }
    env.pop("SECURE_SSL_REDIRECT", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_it_refuses_to_start_in_production_without_a_secret_key(tmp_path):
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DEBUG", "KINDRED_TESTING", "SECRET_KEY"}
        },
        "DJANGO_SETTINGS_MODULE": "kindred.settings",
        "DEBUG": "false",
        "KINDRED_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
