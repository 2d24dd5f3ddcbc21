"""Private message pages: the inbox, a conversation, a new message to a member, blocking
and reporting; plus the notifications page and a person's message and email choices.

Every page is for the signed-in person's own things only. Anything that is not theirs
(another pair's conversation, a member they share no group with) is a 404, so the pages
cannot be used to find out who has an account or who talks to whom."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from kindred.accounts.http import SignedInRequest
from kindred.community import messaging
from kindred.community.forms_messages import MessageForm, PreferenceForm, ReportForm
from kindred.community.forms_screened import submit_screened
from kindred.community.models import Message
from kindred.community.results import Published
from kindred.community.review import ReportRefused, reviewer
from kindred.core.htmx import is_htmx, render_page
from kindred.core.params import id_param, is_safe_path, safe_next


def _after_sending(request: HttpRequest, sent: Published[Message]) -> HttpResponse | None:
    """A message that looks like a crisis takes its sender to the helplines at once."""
    if not sent.crisis:
        return None
    url = reviewer().support_url(message=sent.post)
    return HttpResponseClientRedirect(url) if is_htmx(request) else redirect(url)


def _before(request: HttpRequest) -> int | None:
    return id_param(request.GET.get("before"))


@login_required
@require_GET
def inbox(request: SignedInRequest) -> HttpResponse:
    page = messaging.inbox_page(user=request.user, page_number=request.GET.get("page", 1))
    return render(request, "messages/inbox.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def conversation(request: SignedInRequest, pk: int) -> HttpResponse:
    conversation = messaging.conversation_for(user=request.user, pk=pk)
    me = request.user
    other = conversation.other(me)
    form = MessageForm(request.POST or None)
    status_text = ""
    if request.method == "POST" and form.is_valid():
        sent = submit_screened(
            form,
            lambda confirmed: messaging.message_send(
                sender=me,
                recipient=other,
                body=form.cleaned_data["body"],
                confirmed=confirmed,
                submission=form.cleaned_data.get("submission"),
            ),
            refusal_field="body",
        )
        if sent is not None:
            support = _after_sending(request, sent)
            if support is not None:
                return support
            if not is_htmx(request):
                messages.success(request, _("Message sent."))
                return redirect("messages:conversation", pk=conversation.pk)
            form = MessageForm()
            status_text = _("Message sent.")
    if form.errors:
        status_text = (
            _("Your message was not sent.")
            + " "
            + " ".join(str(e) for e in form.errors.get("body", []))
        )
    elif form.screening_warnings:
        status_text = _("Your message was not sent yet. Please read the note under it.")
    new = messaging.conversation_mark_read(conversation=conversation, user=me)
    if request.method == "GET" and is_htmx(request):
        status_text = (
            ngettext(
                "%(count)s new message from %(name)s.",
                "%(count)s new messages from %(name)s.",
                new,
            )
            % {"count": new, "name": other.display_name}
            if new
            else _("No new messages.")
        )
    return render_page(
        request,
        "messages/conversation.html",
        {
            "conversation": conversation,
            "other": other,
            "thread": messaging.conversation_thread(
                conversation=conversation, viewer=me, before=_before(request)
            ),
            "form": form,
            "refusal": messaging.message_refusal(sender=me, recipient=other),
            "blocked_by_me": messaging.has_blocked(me, other),
            "status_text": status_text,
        },
        partial="sent" if request.method == "POST" else "thread",
        status=400 if form.errors and not is_htmx(request) else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def message_new(request: SignedInRequest, user_id: int) -> HttpResponse:
    recipient = messaging.member_to_message(user=request.user, pk=user_id)
    me = request.user
    existing = messaging.conversation_between(me, recipient)
    if existing is not None and request.method == "GET":
        return redirect("messages:conversation", pk=existing.pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = submit_screened(
            form,
            lambda confirmed: messaging.message_send(
                sender=me,
                recipient=recipient,
                body=form.cleaned_data["body"],
                confirmed=confirmed,
                submission=form.cleaned_data.get("submission"),
            ),
            refusal_field="body",
        )
        if sent is not None:
            support = _after_sending(request, sent)
            if support is not None:
                return support
            messages.success(request, _("Message sent."))
            return redirect("messages:conversation", pk=sent.post.conversation_id)
    return render(
        request,
        "messages/new.html",
        {
            "recipient": recipient,
            "form": form,
            "refusal": messaging.message_refusal(sender=me, recipient=recipient),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_block(request: SignedInRequest, user_id: int) -> HttpResponse:
    other = messaging.member_to_block(user=request.user, pk=user_id)
    me = request.user
    blocked = messaging.has_blocked(me, other)
    existing = messaging.conversation_between(me, other)
    fallback = (
        reverse("messages:conversation", args=[existing.pk])
        if existing
        else reverse("messages:inbox")
    )
    if request.method == "POST":
        # The form says what the person saw; a second click changes nothing.
        wants_blocked = request.POST.get("action") != "unblock"
        if wants_blocked != blocked:
            blocked = messaging.block_toggle(blocker=me, blocked=other)
        messages.success(
            request,
            (_("You have blocked %(name)s.") if blocked else _("You have unblocked %(name)s."))
            % {"name": other.display_name},
        )
        return redirect(safe_next(request, fallback))
    return render(
        request,
        "messages/block_confirm.html",
        {"other": other, "blocked": blocked, "next": safe_next(request, fallback)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def message_report(request: SignedInRequest, message_id: int) -> HttpResponse:
    message = messaging.message_for_report(user=request.user, pk=message_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reviewer().report_message(
                reporter=request.user,
                category=form.cleaned_data["category"],
                reason=form.cleaned_data["reason"],
                message=message,
            )
        except PermissionDenied:
            raise Http404 from None
        except ReportRefused as error:
            form.add_error("reason", str(error))
        else:
            messages.success(
                request,
                _(
                    "Thank you for telling us. A site moderator will look at it. You can "
                    "also block %(name)s if you do not want more messages from them."
                )
                % {"name": message.sender.display_name},
            )
            return redirect("messages:conversation", pk=message.conversation_id)
    return render(
        request,
        "messages/report_form.html",
        {"message": message, "other": message.sender, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def notifications(request: SignedInRequest) -> HttpResponse:
    page = messaging.notifications_page(user=request.user, page_number=request.GET.get("page", 1))
    return render(
        request,
        "messages/notifications.html",
        {"page": page, "unread": messaging.unread_notification_count(user=request.user)},
    )


@login_required
@require_POST
def notifications_read_all(request: SignedInRequest) -> HttpResponse:
    messaging.notifications_mark_all_read(user=request.user)
    if is_htmx(request):
        page = messaging.notifications_page(user=request.user)
        return render_page(
            request,
            "messages/notifications.html",
            {"page": page, "unread": 0, "status_text": _("All marked as read.")},
            partial="notification_list",
        )
    messages.success(request, _("All marked as read."))
    return redirect("messages:notifications")


@login_required
@require_GET
def notification_open(request: SignedInRequest, pk: int) -> HttpResponse:
    notification = messaging.notification_for(user=request.user, pk=pk)
    messaging.notification_mark_read(notification=notification, user=request.user)
    if is_safe_path(notification.url):
        return redirect(notification.url)
    return redirect("messages:notifications")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: SignedInRequest) -> HttpResponse:
    preference = messaging.preference_for(request.user)
    form = PreferenceForm(
        request.POST or None,
        initial={"messages_from": preference.messages_from, "digest": preference.digest},
    )
    if request.method == "POST" and form.is_valid():
        messaging.preference_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your choices are saved."))
        return redirect("messages:preferences")
    return render(
        request,
        "messages/preferences.html",
        {
            "form": form,
            "blocked": messaging.blocked_members(user=request.user),
            "has_email_consent": messaging.has_email_consent(request.user),
        },
        status=400 if form.errors else 200,
    )
