"""Moderation pages on the member's side: reporting a post, notes under posts, a group's
ground rules, the support page shown after a post that looks like a crisis, and a
member's own moderation decisions with their appeals.

Every page starts from what the signed-in person may see: a group's pages are for its
members only (a 404 for anyone else, so a hidden group does not admit it exists), and
the support page and "my decisions" show only the person's own things."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kindred.accounts.http import SignedInRequest
from kindred.accounts.permissions import require_second_factor
from kindred.community import queries
from kindred.community import services as community
from kindred.community.messaging import conversation_url
from kindred.community.models import Message, Reply, Topic
from kindred.community.queries import SpaceAccess
from kindred.core.params import id_param, safe_next
from kindred.directory.models import GroundRules
from kindred.moderation import gate
from kindred.moderation import services as moderation
from kindred.moderation.forms_member import AppealForm, NoteForm, ReportForm, RulesForm
from kindred.moderation.helpline_links import helpline_links
from kindred.moderation.models import (
    APPEALABLE,
    ActionKind,
    Appeal,
    Case,
    LogEntry,
    NoteKind,
    PostNote,
)


def _member_access(request: HttpRequest, slug: str) -> SpaceAccess:
    access = queries.space_access_for(request, slug)
    if not access.is_member:
        raise Http404
    return access


def _visible_topic(access: SpaceAccess, topic_id: int) -> Topic:
    return get_object_or_404(
        Topic.objects.select_related("author", "space__group"),
        pk=topic_id,
        space=access.space,
        is_hidden=False,
    )


def _visible_reply(topic: Topic, reply_id: int) -> Reply:
    return get_object_or_404(
        Reply.objects.select_related("author"), pk=reply_id, topic=topic, is_hidden=False
    )


def _group_context(access: SpaceAccess) -> dict[str, object]:
    return {"access": access, "space": access.space, "group": access.space.group}


# --- reports -----------------------------------------------------------------------------


def _report(
    request: SignedInRequest, access: SpaceAccess, topic: Topic, reply: Reply | None
) -> HttpResponse:
    post: Topic | Reply = reply or topic
    # Reporting is for other people's posts; the author edits their own instead.
    if post.author_id == request.user.pk:
        raise Http404
    form = ReportForm(request.POST or None)
    back = reply.get_absolute_url() if reply is not None else topic.get_absolute_url()
    if request.method == "POST" and form.is_valid():
        try:
            moderation.report_content(
                reporter=request.user,
                category=form.cleaned_data["category"],
                reason=form.cleaned_data["reason"],
                topic=topic,
                reply=reply,
            )
        except PermissionDenied:
            raise Http404 from None
        except moderation.ModerationError as error:
            form.add_error("reason", str(error))
        else:
            messages.success(request, _("Thank you. The moderators will look at it."))
            return redirect(back)
    return render(
        request,
        "moderation/report_form.html",
        {**_group_context(access), "topic": topic, "post": post, "form": form, "back": back},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_topic(request: SignedInRequest, slug: str, topic_id: int) -> HttpResponse:
    access = _member_access(request, slug)
    return _report(request, access, _visible_topic(access, topic_id), None)


@login_required
@require_http_methods(["GET", "POST"])
def report_reply(request: SignedInRequest, slug: str, topic_id: int, reply_id: int) -> HttpResponse:
    access = _member_access(request, slug)
    topic = _visible_topic(access, topic_id)
    return _report(request, access, topic, _visible_reply(topic, reply_id))


# --- notes under posts -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def note_add(request: SignedInRequest, slug: str, topic_id: int) -> HttpResponse:
    """A member adds "a different experience / please check this" under a post. The
    form sits under each post on the topic page; this page shows it again, with what
    they wrote, when something needs fixing."""
    access = _member_access(request, slug)
    topic = _visible_topic(access, topic_id)
    form = NoteForm(request.POST or None, initial={"reply": request.GET.get("reply")})
    reply_id = request.POST.get("reply") or request.GET.get("reply") or ""
    reply = _visible_reply(topic, number) if (number := id_param(reply_id)) else None
    if reply_id and reply is None:
        raise Http404
    post: Topic | Reply = reply or topic
    if post.author_id == request.user.pk:
        raise Http404
    back = reply.get_absolute_url() if reply is not None else topic.get_absolute_url()
    if request.method == "POST" and form.is_valid():
        try:
            note = moderation.peer_note_add(
                author=request.user,
                text=form.cleaned_data["text"],
                topic=topic if reply is None else None,
                reply=reply,
            )
        except PermissionDenied:
            raise Http404 from None
        except gate.Blocked as error:
            form.add_error("text", list(error.messages))
        except moderation.ModerationError as error:
            form.add_error("text", str(error))
        else:
            messages.success(
                request,
                _("Your note is now shown under the post.")
                if note.moderator_supported
                else _("Thank you. Your note will show once other members support it."),
            )
            return redirect(back)
    return render(
        request,
        "moderation/note_form.html",
        {**_group_context(access), "topic": topic, "post": post, "form": form, "back": back},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def note_support(request: SignedInRequest, note_id: int) -> HttpResponse:
    note = get_object_or_404(
        PostNote.objects.select_related("topic__space__group", "reply__topic__space__group"),
        pk=note_id,
        kind=NoteKind.PEER,
    )
    post: Topic | Reply | None = note.reply or note.topic
    if post is None or post.is_hidden:
        raise Http404
    try:
        moderation.peer_note_support(note=note, user=request.user)
    except PermissionDenied:
        raise Http404 from None
    except moderation.ModerationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you. You support this note."))
    return redirect(post.get_absolute_url())


# --- ground rules ------------------------------------------------------------------------


def _rules_context(access: SpaceAccess) -> dict[str, object]:
    versions = list(GroundRules.objects.filter(group_id=access.space.group_id).order_by("-version"))
    current = versions[0] if versions else None
    return {
        **_group_context(access),
        "rules": current,
        "rules_text": current.text if current else "",
        "earlier": versions[1:],
        "hide_rules_banner": True,
    }


@login_required
@require_http_methods(["GET", "POST"])
def rules(request: SignedInRequest, slug: str) -> HttpResponse:
    """The group's ground rules; a member who has not accepted this version does it here."""
    access = _member_access(request, slug)
    assert access.membership is not None
    fallback = access.space.get_absolute_url()
    if request.method == "POST":
        community.rules_accept(space=access.space, user=request.user)
        messages.success(request, _("Thank you for accepting the ground rules."))
        return redirect(safe_next(request, fallback))
    return render(
        request,
        "moderation/rules.html",
        {
            **_rules_context(access),
            "needs_acceptance": community.needs_rules_acceptance(access.membership),
            "next": safe_next(request, ""),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def rules_edit(request: SignedInRequest, slug: str) -> HttpResponse:
    """Leaders and moderators publish a new version; members accept it before they post."""
    access = _member_access(request, slug)
    if not access.is_steward:
        raise Http404
    require_second_factor(request)
    context = _rules_context(access)
    text = str(context["rules_text"] or "").strip() or str(moderation.RULES_TEMPLATE)
    form = RulesForm(request.POST or None, initial={"text": text})
    if request.method == "POST" and form.is_valid():
        latest = context["rules"]
        try:
            published = moderation.rules_publish(
                space=access.space,
                by=request.user,
                text=form.cleaned_data["text"],
                summary=form.cleaned_data["summary"],
            )
        except PermissionDenied:
            raise Http404 from None
        except moderation.ModerationError as error:
            form.add_error("text", str(error))
        else:
            if latest is not None and published.pk == getattr(latest, "pk", None):
                messages.info(request, _("The ground rules are the same, so nothing changed."))
            else:
                messages.success(
                    request,
                    _("The new ground rules are published. Members will be asked to accept them."),
                )
            return redirect("moderation:rules", slug=slug)
    return render(
        request,
        "moderation/rules_edit.html",
        {**context, "form": form},
        status=400 if form.errors else 200,
    )


# --- the support page after a post that may be a crisis -----------------------------------


def support_url(*, case: Case | None = None, message: Message | None = None) -> str:
    url = reverse("moderation:support")
    if case is not None:
        return f"{url}?case={case.pk}"
    if message is not None:
        return f"{url}?message={message.pk}"
    return url


def _own_case(request: SignedInRequest, case_id: str) -> Case:
    case = (
        Case.objects.select_related("space__group", "topic__space__group", "reply__topic")
        .filter(pk=id_param(case_id) or 0, subject=request.user)
        .first()
    )
    if case is None:
        raise Http404
    return case


@login_required
@require_GET
def support(request: SignedInRequest) -> HttpResponse:
    """Shown at once after a post or message that looks like a crisis: helplines first,
    then that what they wrote is safe and what happens next. Only ever the signed-in
    author's own post (anyone else's case is a 404)."""
    me = request.user
    country = "GB"
    context: dict[str, object] = {}
    if "case" in request.GET:
        case = _own_case(request, request.GET["case"])
        if case.space is not None:
            country = case.space.group.country or "GB"
        post: Topic | Reply | None = case.reply or case.topic
        context = {
            "case": case,
            "text": case.text,
            "held": case.held,
            "back": post.get_absolute_url() if post is not None else reverse("home"),
            "group": case.space.group if case.space else None,
        }
    elif "message" in request.GET:
        message_id = request.GET["message"]
        message = (
            Message.objects.select_related("conversation")
            .filter(pk=id_param(message_id) or 0, sender=me)
            .first()
        )
        if message is None:
            raise Http404
        context = {
            "message": message,
            "text": message.body,
            "other": message.conversation.other(me),
            "back": conversation_url(message.conversation),
        }
    return render(
        request,
        "moderation/support.html",
        {**context, "helplines": helpline_links(country), "country": country},
    )


# --- my moderation decisions and appeals ---------------------------------------------------

# What a member sees about themselves: the decisions a moderator made about them.
MY_DECISIONS = frozenset({*APPEALABLE, ActionKind.ASK_EDIT})


@dataclass
class MyDecision:
    entry: LogEntry
    form: AppealForm | None


def _appeal_prefix(entry_id: int) -> str:
    return f"appeal-{entry_id}"


def _mine_page(
    request: SignedInRequest, bound: AppealForm | None = None, status: int = 200
) -> HttpResponse:
    entries = (
        LogEntry.objects.filter(subject=request.user, kind__in=MY_DECISIONS)
        .select_related("space__group", "appeal")
        .order_by("-created_at", "-pk")
    )
    decisions = []
    for entry in entries:
        form = None
        if entry.is_appealable and not hasattr(entry, "appeal"):
            prefix = _appeal_prefix(entry.pk)
            form = (
                bound if bound is not None and bound.prefix == prefix else AppealForm(prefix=prefix)
            )
        decisions.append(MyDecision(entry, form))
    # `bound_form`: the page's error summary (base.html) finds the form that came back.
    return render(
        request,
        "moderation/mine.html",
        {"decisions": decisions, "bound_form": bound},
        status=status,
    )


@login_required
@require_GET
def mine(request: SignedInRequest) -> HttpResponse:
    """The signed-in member's own moderation decisions, with the moderator's reason (never
    their name) and a way to appeal."""
    return _mine_page(request)


@login_required
@require_POST
def appeal_new(request: SignedInRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(
        LogEntry.objects.select_related("space__group"),
        pk=entry_id,
        subject=request.user,
        kind__in=APPEALABLE,
    )
    form = AppealForm(request.POST, prefix=_appeal_prefix(entry.pk))
    if form.is_valid():
        try:
            moderation.appeal_submit(entry=entry, by=request.user, text=form.cleaned_data["text"])
        except PermissionDenied:
            raise Http404 from None
        except moderation.ModerationError as error:
            if Appeal.objects.filter(entry=entry).exists():
                messages.error(request, str(error))
                return redirect("moderation:mine")
            form.add_error("text", str(error))
        else:
            messages.success(request, _("Thank you. Another moderator will look at your appeal."))
            return redirect("moderation:mine")
    return _mine_page(request, bound=form, status=400)
