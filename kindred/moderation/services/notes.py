"""Notes under posts: peers' notes and the moderators' support for them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from kindred.accounts.models import User
from kindred.community.models import (
    Reply,
    Space,
    Topic,
)
from kindred.moderation import gate
from kindred.moderation.models import (
    PEER_NOTE_SUPPORT_NEEDED,
    NoteKind,
    PostNote,
)
from kindred.moderation.services.stewards import ModerationError, _is_member, is_steward
from kindred.screening.base import Category


def _post_space(topic: Topic | None, reply: Reply | None) -> Space:
    if reply is not None:
        return reply.topic.space
    if topic is not None:
        return topic.space
    raise ModerationError(_("There is no post to add a note to."))


@transaction.atomic
def peer_note_add(
    *, author: User, text: str, topic: Topic | None = None, reply: Reply | None = None
) -> PostNote:
    """A member adds "a different experience / please check this" under someone
    else's post. It shows once other members or a moderator support it."""
    space = _post_space(topic, reply)
    if not _is_member(space, author):
        raise PermissionDenied
    post = reply or topic
    assert post is not None
    if post.author_id == author.pk:
        raise ModerationError(_("You can edit your own post instead of adding a note."))
    text = text.strip()
    if not text:
        raise ModerationError(_("Please write your note."))
    if len(text) > 1000:
        raise ModerationError(_("Please keep your note under 1000 characters."))
    gate.decide(text, outcomes=gate.space_outcomes(space.pk), confirmed=list(Category))
    return PostNote.objects.create(
        kind=NoteKind.PEER,
        topic=topic if reply is None else None,
        reply=reply,
        author=author,
        text=text,
        moderator_supported=is_steward(space, author),
    )


@transaction.atomic
def peer_note_support(*, note: PostNote, user: User) -> PostNote:
    space = _post_space(note.topic, note.reply)
    if not _is_member(space, user):
        raise PermissionDenied
    if note.author_id == user.pk:
        raise ModerationError(_("You wrote this note, so you cannot support it too."))
    if is_steward(space, user):
        note.moderator_supported = True
        note.save(update_fields=["moderator_supported"])
    note.supporters.add(user)
    return note


def is_note_shown(note: PostNote, support_count: int) -> bool:
    return (
        note.kind == NoteKind.CARE_TEAM
        or note.moderator_supported
        or support_count >= PEER_NOTE_SUPPORT_NEEDED
    )
