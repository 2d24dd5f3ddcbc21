"""What community asks of moderation, which sits above it and may not be imported here.

Every post, reply, edit and private message is screened before it is saved, and what
screening found is recorded for the group's moderators; a held post stays out of sight
until a moderator decides; the topic page shows the notes written under posts; a member
in crisis is taken to the support page. Community calls these through the `Reviewer`
that moderation installs in its `AppConfig.ready()` (`moderation/review.py`): one place
to read to see every way publishing reaches moderation.

There is no default: a Kindred without a reviewer would publish unscreened posts, so
asking for one before it is installed is an error, never a silent pass.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any, Protocol

from django.core.exceptions import ImproperlyConfigured

from kindred.screening.decisions import Decision

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from kindred.accounts.models import User
    from kindred.community.models import Message, Reply, Space, Topic


class Reviewer(Protocol):
    """Moderation, as community's services, queries and pages see it."""

    def screen_post(self, space: Space, text: str, *, confirmed: Collection[str]) -> Decision:
        """Screen a topic or reply for `space` with its settings and watched words.
        Raises `Blocked` or `NeedsConfirmation` (kindred.screening.decisions)."""

    def screen_message(self, text: str, *, confirmed: Collection[str]) -> Decision:
        """Screen a private message (no group's settings apply)."""

    def record(
        self,
        decision: Decision,
        *,
        space: Space,
        author: User,
        text: str,
        topic: Topic | None = None,
        reply: Reply | None = None,
    ) -> Any:
        """Open or add to a case when the decision needs one (held, crisis, flagged);
        returns the case, or None."""

    def author_edited(self, *, post: Topic | Reply, decision: Decision) -> None:
        """The author changed a post a moderator asked them to edit."""

    def held_cases(self) -> QuerySet[Any]:
        """Cases holding a post out of sight until a moderator decides (each has
        `topic`, `reply` and the `findings` screening wrote)."""

    def open_case_for(self, post: Topic | Reply) -> Any:
        """The open case about this post, or None."""

    def open_case_count(self, space: Space) -> int:
        """How many cases in the group are not closed yet, for its stewards."""

    def support_url(self, *, case: Any = None, message: Message | None = None) -> str:
        """The support page (helplines), about a case or a message when given."""

    def attach_notes(self, topic: Topic, replies: Iterable[Reply], viewer: User) -> None:
        """Set on the topic and each reply the notes `viewer` sees under it."""

    def report_message(
        self, *, reporter: User, category: str, reason: str, message: Message
    ) -> None:
        """The recipient tells the site's moderators about a private message. Raises
        `ReportRefused` with a message for them, or `PermissionDenied`."""


class ReportRefused(ValueError):
    """A report cannot be taken as it is (for example, the same one twice)."""


_installed: list[Reviewer] = []


def install_reviewer(reviewer: Reviewer) -> None:
    _installed[:] = [reviewer]


def reviewer() -> Reviewer:
    if not _installed:
        raise ImproperlyConfigured(
            "No reviewer is installed: add kindred.moderation to INSTALLED_APPS."
        )
    return _installed[0]
