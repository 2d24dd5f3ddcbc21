"""What a group chose for screening, and its watched words."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from kindred.accounts.models import User
from kindred.community.models import (
    MemberRole,
    Membership,
    MembershipStatus,
    Space,
)
from kindred.moderation.models import (
    ActionKind,
    LogEntry,
    ScreeningRule,
    WatchedWord,
)
from kindred.moderation.services.stewards import ModerationError, _require_steward
from kindred.screening.base import Category
from kindred.screening.decisions import CRISIS_OUTCOMES, Outcome, WatchAction


@transaction.atomic
def screening_rules_set(*, space: Space, by: User, outcomes: dict[str, str]) -> None:
    """A leader chooses what happens for each category in their group."""
    if not Membership.objects.filter(
        space=space, user=by, status=MembershipStatus.ACTIVE, role=MemberRole.LEADER
    ).exists():
        raise PermissionDenied
    changed = []
    for category, outcome in outcomes.items():
        Category(category)
        outcome = Outcome(outcome)
        if category == Category.CRISIS and outcome not in CRISIS_OUTCOMES:
            raise ModerationError(
                _("A post that may be a crisis is always published or held, never stopped.")
            )
        ScreeningRule.objects.update_or_create(
            space=space, category=category, defaults={"outcome": outcome}
        )
        changed.append(f"{category}: {outcome}")
    LogEntry.objects.create(
        space=space, moderator=by, kind=ActionKind.SETTINGS_CHANGED, reason=", ".join(changed)
    )


@transaction.atomic
def watched_word_add(*, space: Space, by: User, phrase: str, action: str) -> WatchedWord:
    _require_steward(space, by)
    phrase = " ".join(phrase.split())
    if len(phrase) < 2:
        raise ModerationError(_("Please write a word or phrase of at least 2 letters."))
    if len(phrase) > 100:
        raise ModerationError(_("Please keep it under 100 characters."))
    word, _created = WatchedWord.objects.update_or_create(
        space=space, phrase=phrase.lower(), defaults={"action": WatchAction(action), "added_by": by}
    )
    LogEntry.objects.create(
        space=space,
        moderator=by,
        kind=ActionKind.SETTINGS_CHANGED,
        reason=_("Watched word “%(phrase)s”: %(action)s")
        % {"phrase": word.phrase, "action": word.get_action_display()},
    )
    return word


@transaction.atomic
def watched_word_remove(*, word: WatchedWord, by: User) -> None:
    _require_steward(word.space, by)
    LogEntry.objects.create(
        space=word.space,
        moderator=by,
        kind=ActionKind.SETTINGS_CHANGED,
        reason=_("Watched word “%(phrase)s” removed") % {"phrase": word.phrase},
    )
    word.delete()
