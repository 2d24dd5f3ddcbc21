"""What publishing returns: the saved post, and what screening said about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kindred.screening.decisions import Decision


@dataclass(frozen=True)
class Published[P]:
    """A post, reply, edit or message that was saved. `crisis`: it looks like its author
    may be in crisis (the page takes them to the helplines); `held`: it waits for a
    moderator, out of sight of other members; `flagged`: what screening wrote for the
    moderators (the author is shown the reasons for a held post); `case`: the case
    moderation opened or added to, if any. A form sent twice answers the second time
    with what the first send saved and was told (`repeated`)."""

    post: P
    crisis: bool = False
    held: bool = False
    flagged: list[dict[str, object]] = field(default_factory=list)
    case: Any = None
    repeated: bool = False

    @classmethod
    def screened(cls, post: P, decision: Decision, case: Any = None) -> Published[P]:
        return cls(
            post=post,
            crisis=decision.crisis,
            held=decision.held,
            flagged=list(decision.flagged),
            case=case,
        )
