"""The group's ground rules, one version after another."""

from __future__ import annotations

from django.db import transaction
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
from kindred.directory.models import PeerGroup
from kindred.moderation.models import (
    ActionKind,
    LogEntry,
    RulesVersion,
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


def current_rules(space: Space) -> RulesVersion | None:
    return RulesVersion.objects.filter(space=space).order_by("-version").first()


@transaction.atomic
def rules_publish(*, space: Space, by: User | None, text: str, summary: str = "") -> RulesVersion:
    """Publish a new version of the ground rules. Members are asked to read and accept
    it before they next post. `by` is None when the rules come from the group's
    directory page (its organisation's admins wrote them) or the demo."""
    if by is not None:
        _require_steward(space, by)
    text = text.strip()
    if not text:
        raise ModerationError(_("Please write the ground rules."))
    space = Space.objects.select_for_update().select_related("group").get(pk=space.pk)
    latest = current_rules(space)
    if latest is not None and latest.text == text:
        return latest
    version = (latest.version + 1) if latest is not None else space.rules_version
    rules = RulesVersion.objects.create(
        space=space, version=version, text=text, summary=summary.strip()[:300], written_by=by
    )
    community.rules_version_set(space=space, version=version, text=text, read_by=by)
    if latest is not None:
        LogEntry.objects.create(
            space=space, moderator=by, kind=ActionKind.RULES_CHANGED, reason=summary.strip()
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
    return rules


def rules_follow_directory(group: PeerGroup) -> None:
    """Ground rules changed on the group's directory page become a new version in its
    online space, which members then accept (installed as the directory's
    `after_group_saved` in `ModerationConfig.ready`)."""
    space = Space.objects.filter(group=group).first()
    text = group.ground_rules.strip()
    if space is None or not text:
        return
    latest = current_rules(space)
    if latest is None or latest.text != text:
        rules_publish(space=space, by=None, text=text)
