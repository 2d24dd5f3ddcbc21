"""The moderators' pages: a group's review queue, one case with its context and the
actions, the log, workload, screening settings and watched words, appeals; and for site
admins, the queue of reported private messages and the list of false health claims.

Every group page starts with `_steward_access`: anyone who is not a leader or moderator
of that group gets a 404, so the queue does not even admit it exists. Every page here
also needs a session that passed a second factor (the same rule as for staff): a
moderator signed in with a password only is asked for the second step before seeing
anything. Who wrote an anonymous post is shown only on a case or appeal page, and each
showing is logged."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kindred.accounts.http import SignedInRequest
from kindred.accounts.models import User
from kindred.accounts.permissions import is_site_admin, require_second_factor, staff_mfa_required
from kindred.community import queries
from kindred.community import services as community
from kindred.community.models import MemberRole, Reply, Topic
from kindred.community.queries import SpaceAccess
from kindred.moderation import gate, services
from kindred.moderation.forms_moderator import (
    AppealDecisionForm,
    CaseActionForm,
    FalseClaimForm,
    ScreeningSettingsForm,
    WatchedWordForm,
)
from kindred.moderation.helpline_links import helpline_links
from kindred.moderation.models import (
    ActionKind,
    Appeal,
    AppealState,
    Case,
    CaseState,
    FalseClaim,
    LogEntry,
    WatchedWord,
)
from kindred.screening.base import Category
from kindred.screening.decisions import Outcome

CASES_PER_PAGE = 25
LOG_PER_PAGE = 50

KIND_LABELS = {
    "topic": gettext_lazy("A new topic"),
    "reply": gettext_lazy("A reply"),
    "message": gettext_lazy("A private message"),
    "profile": gettext_lazy("Profile text"),
}
SOURCE_LABELS = {
    "screening": gettext_lazy("Kindred's screening"),
    "watched": gettext_lazy("A watched word"),
    "report": gettext_lazy("A member's report"),
}


# --- helpers -----------------------------------------------------------------------------


def _steward_access(request: HttpRequest, slug: str) -> SpaceAccess:
    """The group, for its leaders and moderators only: a 404 for everyone else."""
    access = queries.space_access_for(request, slug)
    if not access.is_steward:
        raise Http404
    require_second_factor(request)
    return access


def _is_leader(access: SpaceAccess) -> bool:
    return access.membership is not None and access.membership.role == MemberRole.LEADER


def _group_context(access: SpaceAccess) -> dict[str, Any]:
    return {"access": access, "space": access.space, "group": access.space.group}


def _with_second_factor(
    request: HttpRequest, view: Callable[[HttpRequest], HttpResponse]
) -> HttpResponse:
    """A case or appeal (of a group, or a private message for the site admins) opens
    only in a session that passed a second factor."""
    return staff_mfa_required(view)(request)


def site_admin_required[V: Callable[..., HttpResponse]](view: V) -> V:
    """Site admins only (a 404 for everyone else signed in), with a second factor."""
    protected = staff_mfa_required(view)

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not is_site_admin(request.user):
            raise Http404
        return protected(request, *args, **kwargs)

    return cast(V, wrapped)


def category_label(category: str) -> str:
    if category == "watched_word":
        return _("Watched word")
    if category in Category.values:
        return str(Category(category).label)
    return _("Something else")


def human_duration(value: timedelta | None) -> str:
    """A wait in the words people use: "under a minute", "3 hours 20 minutes", "4 days"."""
    if value is None:
        return _("none yet")
    minutes = int(value.total_seconds()) // 60
    if minutes < 1:
        return _("under a minute")
    if minutes < 60:
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        text = ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
        if minutes and hours < 10:
            text += " " + ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
        return text
    days = hours // 24
    return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}


def _is_anonymous_post(case: Case | None) -> bool:
    if case is None:
        return False
    post: Topic | Reply | None = case.reply or case.topic
    return post is not None and post.is_anonymous


def _reveal_author(case: Case, viewer: User) -> str:
    """The author's name for a moderator of the case's group. Behind an anonymous post
    the name is shown only here, and the showing is logged."""
    post: Topic | Reply | None = case.reply or case.topic
    if post is None or not post.is_anonymous:
        return case.subject.display_name
    community.anonymity_viewed(
        viewer=viewer,
        topics=[post] if isinstance(post, Topic) else [],
        replies=[post] if isinstance(post, Reply) else [],
    )
    return community.author_label(is_anonymous=True, author=case.subject, viewer_is_steward=True)


def _actor(entry: LogEntry) -> str:
    if entry.moderator is not None:
        return entry.moderator.display_name
    if entry.kind == ActionKind.REPORTED:
        return _("A member")
    if entry.kind in {ActionKind.EDITED, ActionKind.APPEALED}:
        return _("The author")
    return _("Kindred's screening")


def _queue_url(case: Case) -> str:
    if case.space is None:
        return reverse("moderation:message-queue")
    return reverse("moderation:queue", args=[case.space.group.slug])


def _describe(cases: Any) -> None:
    """What the queue shows of each case, worked out once in Python (no more queries)."""
    for item in cases:
        item.kind_label = KIND_LABELS.get(item.kind, item.kind)
        item.category_labels = [category_label(c) for c in item.categories]
        item.first_reason = item.findings[0].get("reason", "") if item.findings else ""
        topic = item.reply.topic if item.reply_id else item.topic
        item.topic_title = topic.title if topic is not None else ""


# --- the queue ---------------------------------------------------------------------------


@login_required
@require_GET
def queue(request: SignedInRequest, slug: str) -> HttpResponse:
    """A group's open cases: anyone who may be in crisis first, then the oldest."""
    access = _steward_access(request, slug)
    page = Paginator(services.queue(access.space, request.user), CASES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    _describe(page.object_list)
    return render(request, "moderation/mod_queue.html", {**_group_context(access), "page": page})


@site_admin_required
@require_GET
def message_queue(request: SignedInRequest) -> HttpResponse:
    """Reported private messages, for the site admins (no group's moderators read them)."""
    viewer = request.user
    page = Paginator(services.queue(None, viewer), CASES_PER_PAGE).get_page(request.GET.get("page"))
    _describe(page.object_list)
    return render(request, "moderation/mod_queue.html", {"group": None, "page": page})


# --- one case ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def case(request: SignedInRequest, case_id: int) -> HttpResponse:
    viewer = request.user
    try:
        item = services.case_for_moderator(case_id, viewer)
    except PermissionDenied:
        raise Http404 from None
    return _with_second_factor(request, lambda r: _case_page(r, item, viewer))


@login_required
@require_POST
def case_message(request: SignedInRequest, case_id: int) -> HttpResponse:
    """Send the author of a crisis case a private message, from the case page."""
    viewer = request.user
    try:
        item = services.case_for_moderator(case_id, viewer)
    except PermissionDenied:
        raise Http404 from None
    if item.space is None:
        raise Http404
    return _with_second_factor(request, lambda r: _send_case_message(r, item, viewer))


def _send_case_message(request: HttpRequest, item: Case, viewer: User) -> HttpResponse:
    body = request.POST.get("body", "")
    try:
        message = services.case_message_author(case=item, by=viewer, body=body)
    except services.ModerationError as error:
        messages.error(request, str(error))
        return redirect(item.get_absolute_url())
    messages.success(request, _("Message sent."))
    return redirect(reverse("messages:conversation", args=[message.conversation_id]))


def _case_page(request: HttpRequest, item: Case, viewer: User) -> HttpResponse:
    form = CaseActionForm(request.POST or None, case=item)
    if request.method == "POST" and form.is_valid():
        kind = ActionKind(form.cleaned_data["action"])
        try:
            services.act(
                case=item,
                by=viewer,
                kind=kind,
                reason=form.cleaned_data["reason"],
                mute_days=form.cleaned_data.get("mute_days"),
            )
        except services.ModerationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved: %(action)s.") % {"action": kind.label})
            return redirect(_queue_url(item))
    post: Topic | Reply | None = item.reply or item.topic
    topic = item.reply.topic if item.reply is not None else item.topic
    group = item.space.group if item.space is not None else None
    findings = [
        {
            "category": category_label(str(f.get("category", ""))),
            "reason": f.get("reason", ""),
            "source": SOURCE_LABELS.get(str(f.get("source", "")), f.get("source", "")),
            "confidence": f.get("confidence"),
        }
        for f in item.findings
    ]
    entries = list(item.log.select_related("moderator").order_by("created_at", "pk"))
    for entry in entries:
        entry.actor = _actor(entry)
    return render(
        request,
        "moderation/mod_case.html",
        {
            "case": item,
            "group": group,
            "space": item.space,
            "kind_label": KIND_LABELS.get(item.kind, item.kind),
            "post": post,
            "topic": topic,
            "post_changed": post is not None and post.body not in item.text,
            "author_name": _reveal_author(item, viewer),
            "is_anonymous": post is not None and post.is_anonymous,
            "findings": findings,
            "reports": services.case_reports(item)
            .select_related("reporter")
            .order_by("created_at"),
            "entries": entries,
            "helplines": helpline_links(group.country if group else "GB") if item.is_crisis else [],
            "is_closed": item.state == CaseState.CLOSED,
            "form": form,
            "queue_url": _queue_url(item),
        },
        status=400 if form.errors else 200,
    )


# --- the log and workload ---------------------------------------------------------------


@login_required
@require_GET
def log(request: SignedInRequest, slug: str) -> HttpResponse:
    """The group's append-only moderation log, newest first."""
    access = _steward_access(request, slug)
    entries = LogEntry.objects.filter(space=access.space).select_related(
        "moderator", "subject", "case__topic", "case__reply"
    )
    page = Paginator(entries, LOG_PER_PAGE).get_page(request.GET.get("page"))
    for entry in page.object_list:
        entry.actor = _actor(entry)
        # The person behind an anonymous post is named only on the case page, where
        # each showing is logged.
        entry.subject_name = (
            _("Anonymous member")
            if _is_anonymous_post(entry.case)
            else (entry.subject.display_name if entry.subject else "")
        )
    return render(request, "moderation/mod_log.html", {**_group_context(access), "page": page})


@dataclass
class _LoadRow:
    name: str
    actions: int
    median_response: str


@login_required
@require_GET
def workload(request: SignedInRequest, slug: str) -> HttpResponse:
    access = _steward_access(request, slug)
    load = services.workload(access.space, request.user)
    return render(
        request,
        "moderation/mod_workload.html",
        {
            **_group_context(access),
            "load": load,
            "oldest_waiting": human_duration(load.oldest_waiting),
            "median_response": human_duration(load.median_response),
            "rows": [
                _LoadRow(m.user.display_name, m.actions, human_duration(m.median_response))
                for m in load.moderators
            ],
        },
    )


# --- screening settings and watched words -------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def screening_settings(request: SignedInRequest, slug: str) -> HttpResponse:
    """Leaders choose what screening does per category; every moderator can read it
    and keep the group's watched words."""
    access = _steward_access(request, slug)
    viewer = request.user
    space = access.space
    is_leader = _is_leader(access)
    current = gate.space_outcomes(space.pk)
    settings_form = ScreeningSettingsForm(current=current) if is_leader else None
    word_form = WatchedWordForm()
    if request.method == "POST" and request.POST.get("form") == "outcomes":
        if not is_leader:
            raise PermissionDenied
        settings_form = ScreeningSettingsForm(request.POST, current=current)
        if settings_form.is_valid():
            try:
                services.screening_rules_set(
                    space=space, by=viewer, outcomes=settings_form.outcomes()
                )
            except services.ModerationError as error:
                settings_form.add_error(None, str(error))
            else:
                messages.success(request, _("Your screening settings are saved."))
                return redirect("moderation:settings", slug=slug)
    elif request.method == "POST":
        word_form = WatchedWordForm(request.POST)
        if word_form.is_valid():
            try:
                word = services.watched_word_add(
                    space=space,
                    by=viewer,
                    phrase=word_form.cleaned_data["phrase"],
                    action=word_form.cleaned_data["action"],
                )
            except services.ModerationError as error:
                word_form.add_error("phrase", str(error))
            else:
                messages.success(
                    request, _("“%(phrase)s” is on the watched list.") % {"phrase": word.phrase}
                )
                return redirect("moderation:settings", slug=slug)
    has_errors = bool(word_form.errors or (settings_form and settings_form.errors))
    return render(
        request,
        "moderation/mod_settings.html",
        {
            **_group_context(access),
            "is_leader": is_leader,
            "settings_form": settings_form,
            "outcomes": [
                (category.label, Outcome(current[category.value]).label) for category in Category
            ],
            "word_form": word_form,
            "words": space.watched_words.select_related("added_by"),
        },
        status=400 if has_errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def watched_remove(request: SignedInRequest, slug: str, word_id: int) -> HttpResponse:
    access = _steward_access(request, slug)
    word = get_object_or_404(WatchedWord, pk=word_id, space=access.space)
    if request.method == "POST":
        services.watched_word_remove(word=word, by=request.user)
        messages.success(request, _("“%(phrase)s” is no longer watched.") % {"phrase": word.phrase})
        return redirect("moderation:settings", slug=slug)
    return render(
        request, "moderation/mod_watched_remove.html", {**_group_context(access), "word": word}
    )


# --- appeals -----------------------------------------------------------------------------


@login_required
@require_GET
def appeals(request: SignedInRequest, slug: str) -> HttpResponse:
    """Open appeals this moderator may decide (never one about their own decision)."""
    access = _steward_access(request, slug)
    open_ = services.open_appeals(access.space, request.user).select_related(
        "entry__moderator", "entry__case__topic", "entry__case__reply"
    )
    rows = [
        AppealRow(
            appeal=item,
            appellant_name=str(_("Anonymous member"))
            if _is_anonymous_post(item.entry.case)
            else item.appellant.display_name,
        )
        for item in open_
    ]
    return render(
        request, "moderation/mod_appeals.html", {**_group_context(access), "appeals": rows}
    )


@dataclass(frozen=True)
class AppealRow:
    """An open appeal as the list shows it: who appealed, or "Anonymous member"."""

    appeal: Appeal
    appellant_name: str


@login_required
@require_http_methods(["GET", "POST"])
def appeal(request: SignedInRequest, appeal_id: int) -> HttpResponse:
    viewer = request.user
    try:
        item = services.appeal_for_moderator(appeal_id, viewer)
    except PermissionDenied:
        raise Http404 from None
    return _with_second_factor(request, lambda r: _appeal_page(r, item, viewer))


def _appeal_page(request: HttpRequest, item: Appeal, viewer: User) -> HttpResponse:
    entry = item.entry
    space = entry.space
    can_decide = item.state == AppealState.OPEN and entry.moderator_id != viewer.pk
    form = AppealDecisionForm(request.POST or None) if can_decide else None
    if request.method == "POST" and form is None:
        messages.error(
            request,
            _("This appeal has already been decided.")
            if item.state != AppealState.OPEN
            else _("Another moderator needs to look at an appeal about you."),
        )
        return redirect("moderation:appeal", appeal_id=item.pk)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.appeal_decide(
                appeal=item,
                by=viewer,
                overturn=form.cleaned_data["decision"] == "undo",
                decision=form.cleaned_data["answer"],
            )
        except services.ModerationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your decision is saved and the member is told."))
            if space is None:
                return redirect("moderation:message-queue")
            return redirect("moderation:appeals", slug=space.group.slug)
    case_ = (
        Case.objects.select_related("subject", "topic", "reply__topic")
        .filter(pk=entry.case_id)
        .first()
        if entry.case_id is not None
        else None
    )
    if case_ is not None:
        appellant_name = _reveal_author(case_, viewer)
    else:
        appellant_name = item.appellant.display_name
    return render(
        request,
        "moderation/mod_appeal.html",
        {
            "appeal": item,
            "entry": entry,
            "entry_actor": entry.moderator.display_name if entry.moderator else _actor(entry),
            "case": case_,
            "group": space.group if space is not None else None,
            "space": space,
            "appellant_name": appellant_name,
            "form": form,
            "is_own_decision": entry.moderator_id == viewer.pk,
        },
        status=400 if form is not None and form.errors else 200,
    )


# --- the site's list of false claims -----------------------------------------------------


@site_admin_required
@require_GET
def claims(request: HttpRequest) -> HttpResponse:
    items = FalseClaim.objects.prefetch_related("conditions")
    return render(request, "moderation/mod_claims.html", {"claims": items})


@site_admin_required
@require_http_methods(["GET", "POST"])
def claim_new(request: HttpRequest) -> HttpResponse:
    return _claim_form(request, None)


@site_admin_required
@require_http_methods(["GET", "POST"])
def claim_edit(request: HttpRequest, claim_id: int) -> HttpResponse:
    return _claim_form(request, get_object_or_404(FalseClaim, pk=claim_id))


def _claim_form(request: HttpRequest, claim: FalseClaim | None) -> HttpResponse:
    form = FalseClaimForm(request.POST or None, instance=claim)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        # Screening keeps the list in the cache: drop it so the next post uses this one.
        gate.forget_false_claims()
        messages.success(request, _("“%(key)s” is saved.") % {"key": saved.key})
        return redirect("moderation:claims")
    return render(
        request,
        "moderation/mod_claim_form.html",
        {"form": form, "claim": claim},
        status=400 if form.errors else 200,
    )
