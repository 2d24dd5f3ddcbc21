"""The parts of a person's data export (subject access) that other apps hold.

`accounts` sits at the bottom of the layers (docs/architecture.md), so it cannot import
what the apps above it keep about a person. Each of them installs its own section here
in its `AppConfig.ready()`: `user_export_data` lists every installed section, and this
module is the one place to read to find them all."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kindred.accounts.models import User

type Section = Callable[[User], Any]

_sections: dict[str, Section] = {}


def install_export_section(key: str, section: Section) -> None:
    """Add `section(user)` to every export, under `key` (installing a key again
    replaces it)."""
    _sections[key] = section


def export_sections() -> dict[str, Section]:
    return dict(_sections)
