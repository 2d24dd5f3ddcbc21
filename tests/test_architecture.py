"""The import contracts in pyproject.toml (run by `make lint`) cover every app, and
docs/architecture.md names every app, so a new app cannot slip outside the layers."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _apps() -> set[str]:
    return {p.parent.name for p in (ROOT / "kindred").glob("*/apps.py")}


def _layered() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    names: set[str] = set()
    for contract in config["contracts"]:
        for layer in contract.get("layers", []):
            for part in layer.replace(":", "|").split("|"):
                names.add(part.strip().removeprefix("kindred."))
    return names


def test_every_app_has_a_place_in_the_layers():
    assert _apps(), "found Kindred's apps"
    assert _apps() <= _layered(), f"apps outside the import contracts: {_apps() - _layered()}"


def test_the_architecture_page_names_every_app():
    page = (ROOT / "docs" / "architecture.md").read_text()
    missing = {app for app in _apps() if f"`{app}`" not in page}
    assert not missing, f"docs/architecture.md does not describe: {missing}"
