"""The group's ground rules, one version after another."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kindred.accounts.models import User
from kindred.community import services as community
from kindred.community.models import (
    Membership,
    NotificationKind,
    Space,
)
from kindred.community.notifications import notify
from kindred.directory import services as directory
from kindred.directory.models import GroundRules
from kindred.moderation.models import (
    ActionKind,
    LogEntry,
)
from kindred.moderation.services.stewards import ModerationError, _require_steward

RULES_TEMPLATE = gettext_lazy(
    """1. Share your own experience, not medical advice. Do not tell anyone to start, stop or change a medicine or treatment. Say what worked for you, and suggest they ask their own care team.
2. No selling or promoting. No shop links, discount codes or offers, even for things that helped you.
3. Be kind and respectful. We all live with this differently. Disagree with ideas, never attack people.
4. Keep private things private. Do not share anyone's contact details, address or story outside the group, and do not post your own phone number or address here. Use private messages.
5. Check what you read. If something sounds too good to be true, ask. Moderators may add a note to posts that need checking.
6. If you are in crisis or worried about someone, call your local emergency number or a helpline now. Kindred shows you helplines when you post, and the moderators are told, but they are volunteers and cannot always reply at once."""
)


def current_rules(space: Space) -> GroundRules | None:
    return GroundRules.current(space.group_id)


def rules_publish(*, space: Space, by: User | None, text: str, summary: str = "") -> GroundRules:
    """A leader or moderator publishes a new version of the group's ground rules (the
    directory keeps them). Members are asked to read and accept it before they next
    post. `by` is None for the demo."""
    if by is not None:
        _require_steward(space, by)
    try:
        return directory.ground_rules_publish(group=space.group, text=text, by=by, summary=summary)
    except directory.GroundRulesError as error:
        raise ModerationError(str(error)) from None


def rules_published(rules: GroundRules, previous: GroundRules | None) -> None:
    """A new version of a group's ground rules, from its directory page or its online
    space: whoever wrote it has accepted it; a change is logged and every other member
    is asked to read it (installed in `ModerationConfig.ready` as the directory's
    `ground_rules_published`)."""
    space = Space.objects.select_related("group").filter(group_id=rules.group_id).first()
    if space is None:
        return
    by = rules.written_by
    if by is not None:
        community.rules_written_by(space=space, user=by, version=rules.version)
    if previous is None:
        return
    LogEntry.objects.create(
        space=space, moderator=by, kind=ActionKind.RULES_CHANGED, reason=rules.summary
    )
    others = Membership.objects.active().filter(space=space)
    for membership in others.exclude(user=by) if by is not None else others:
        notify(
            user=membership.user,
            kind=NotificationKind.MODERATION,
            space=space,
            text=_("The ground rules of %(group)s changed. Please read them.")
            % {"group": space.group.name},
            url=reverse("moderation:rules", args=[space.group.slug]),
        )
