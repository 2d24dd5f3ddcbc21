"""Where the apps above the directory plug into it (docs/architecture.md): the
directory cannot import them, so each installs what it adds in its `AppConfig.ready()`,
and this module is the one place to read to find it all.

- `after_group_saved`: called in the transaction that saves a group's listing.
- `ground_rules_published`: called in the transaction that adds a new version of a
  group's ground rules (moderation logs it and asks the members of the group's online
  space to accept it).
- `group_page_context`: extra things the public group page shows (the buddies app adds
  the group's buddy programme, when it takes new people).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kindred.directory.models import GroundRules, PeerGroup

type AfterGroupSaved = Callable[[PeerGroup], None]
type GroupPageContext = Callable[[PeerGroup], Any]
# The new version, and the one it follows (None for a group's first).
type GroundRulesPublished = Callable[[GroundRules, GroundRules | None], None]

_after_group_saved: dict[str, AfterGroupSaved] = {}
_group_page_context: dict[str, GroupPageContext] = {}
_ground_rules_published: dict[str, GroundRulesPublished] = {}


def install_after_group_saved(name: str, hook: AfterGroupSaved) -> None:
    _after_group_saved[name] = hook


def install_ground_rules_published(name: str, hook: GroundRulesPublished) -> None:
    _ground_rules_published[name] = hook


def install_group_page_context(key: str, provide: GroupPageContext) -> None:
    """The group page's template gets `provide(group)` as `key`."""
    _group_page_context[key] = provide


def after_group_saved(group: PeerGroup) -> None:
    for hook in _after_group_saved.values():
        hook(group)


def group_page_context(group: PeerGroup) -> dict[str, Any]:
    return {key: provide(group) for key, provide in _group_page_context.items()}


def ground_rules_published(rules: GroundRules, previous: GroundRules | None) -> None:
    for hook in _ground_rules_published.values():
        hook(rules, previous)
