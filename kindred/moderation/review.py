"""Moderation as community sees it: the `Reviewer` installed in `ModerationConfig.ready`
(see `kindred/community/review.py` for what each part is for)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from kindred.accounts.models import User
from kindred.community.models import Message, Reply, Space, Topic
from kindred.community.review import ReportRefused
from kindred.moderation import services
from kindred.moderation.models import Case, CaseState, PostNote, cases_about
from kindred.moderation.views_member import support_url
from kindred.screening.decisions import Decision


class ModerationReviewer:
    def screen_post(self, space: Space, text: str, *, confirmed: Collection[str]) -> Decision:
        return services.screen_for_space(space, text, confirmed=confirmed)

    def screen_message(self, text: str, *, confirmed: Collection[str]) -> Decision:
        return services.screen_message(text, confirmed=confirmed)

    def record(
        self,
        decision: Decision,
        *,
        space: Space,
        author: User,
        text: str,
        topic: Topic | None = None,
        reply: Reply | None = None,
    ) -> Case | None:
        return services.record_screening(
            decision, space=space, subject=author, text=text, topic=topic, reply=reply
        )

    def author_edited(self, *, post: Topic | Reply, decision: Decision) -> None:
        services.author_edited(post=post, decision=decision)

    def held_cases(self) -> QuerySet[Case]:
        return Case.objects.filter(held=True).exclude(state=CaseState.CLOSED)

    def open_case_for(self, post: Topic | Reply) -> Case | None:
        return cases_about(post).exclude(state=CaseState.CLOSED).order_by("-pk").first()

    def open_case_count(self, space: Space) -> int:
        return Case.objects.filter(space=space).exclude(state=CaseState.CLOSED).count()

    def support_url(self, *, case: Case | None = None, message: Message | None = None) -> str:
        return support_url(case=case, message=message)

    def attach_notes(self, topic: Topic, replies: Iterable[Reply], viewer: User) -> None:
        """`shown_notes` (a moderator's care team note, or a member's note that others
        supported), `pending_notes` (members' notes still looking for support, which the
        viewer may support) and `my_waiting_notes` (the viewer's own notes still
        waiting), in one query."""
        posts: dict[tuple[str, int], Topic | Reply] = {("topic", topic.pk): topic}
        for reply in replies:
            posts[("reply", reply.pk)] = reply
        for post in posts.values():
            post.shown_notes = []
            post.pending_notes = []
            post.my_waiting_notes = []
        reply_ids = [pk for kind, pk in posts if kind == "reply"]
        supported_by_viewer = PostNote.supporters.through.objects.filter(
            postnote_id=OuterRef("pk"), user_id=viewer.pk
        )
        notes = (
            PostNote.objects.filter(Q(topic=topic) | Q(reply_id__in=reply_ids))
            .annotate(
                support_count=Count("supporters", distinct=True),
                supported_by_viewer=Exists(supported_by_viewer),
            )
            .order_by("created_at", "pk")
        )
        for note in notes:
            found = posts.get(("reply", note.reply_id) if note.reply_id else ("topic", topic.pk))
            if found is None:
                continue
            post = found
            if services.is_note_shown(note, note.support_count):
                post.shown_notes.append(note)
            elif note.author_id == viewer.pk:
                post.my_waiting_notes.append(note)
            else:
                post.pending_notes.append(note)

    def report_message(
        self, *, reporter: User, category: str, reason: str, message: Message
    ) -> None:
        try:
            services.report_content(
                reporter=reporter, category=category, reason=reason, message=message
            )
        except services.ModerationError as error:
            raise ReportRefused(str(error)) from error
