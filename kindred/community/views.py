"""Pages of a group's online space. Every view starts by finding the space as the
viewer may see it (`queries.space_access`): a hidden group is a 404 to outsiders, and
topics are only ever read by active members."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

from allauth.core.exceptions import ImmediateHttpResponse
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from kindred.accounts.http import SignedInRequest
from kindred.accounts.models import User
from kindred.accounts.permissions import passed_second_factor, second_factor_prompt
from kindred.community import queries, services
from kindred.community.forms import (
    BlogPostForm,
    DecisionForm,
    JoinForm,
    ReactionForm,
    ReplyForm,
    SearchForm,
    TopicForm,
)
from kindred.community.forms_screened import submit_screened
from kindred.community.fragments import label_authors
from kindred.community.models import (
    MemberRole,
    Membership,
    MembershipStatus,
    Reply,
    Topic,
)
from kindred.community.queries import SpaceAccess
from kindred.community.results import Published
from kindred.community.review import reviewer
from kindred.core import pictures
from kindred.core.htmx import is_htmx, render_page
from kindred.core.params import safe_next


def _access(request: HttpRequest, slug: str) -> SpaceAccess:
    return queries.space_access_for(request, slug)


def _steward_tools(request: HttpRequest, access: SpaceAccess, back_to: str) -> None:
    """Steward tools (requests to join, pinning, roles) are for leaders and moderators
    (a 404 for anyone else), in a session that passed a second factor: otherwise they
    are asked for it, and come back to `back_to`."""
    if not access.is_steward:
        raise Http404
    prompt = second_factor_prompt(request, back_to)
    if prompt is not None:
        raise ImmediateHttpResponse(prompt)


def _member_access(request: HttpRequest, slug: str) -> SpaceAccess:
    """For pages only members may see. Non-members get 404 for topics, so a closed
    group's conversations do not even confirm they exist."""
    access = _access(request, slug)
    if not access.is_member:
        raise Http404
    return access


def _topic_for_member(
    request: HttpRequest, slug: str, topic_id: int, *, include_hidden: bool = False
) -> tuple[SpaceAccess, Topic]:
    """A topic the viewer may read. With `include_hidden`, a hidden topic (held for a
    moderator, or hidden by one) opens for its author and the group's moderators only:
    everyone else gets a 404, as if it did not exist."""
    access = _member_access(request, slug)
    topic = get_object_or_404(
        Topic.objects.select_related("author", "space__group"), pk=topic_id, space=access.space
    )
    if topic.is_hidden and not (
        include_hidden and (topic.author_id == request.user.pk or access.is_steward)
    ):
        raise Http404
    return access, topic


def _after_publishing(
    request: HttpRequest, published: Published[Topic] | Published[Reply], url: str
) -> HttpResponse:
    """Where the author goes once their post is saved: to the helplines first if it
    looks like a crisis, otherwise to the post (a held post shows them it is waiting)."""
    if published.crisis:
        case = published.case or reviewer().open_case_for(published.post)
        target = reviewer().support_url(case=case)
        return HttpResponseClientRedirect(target) if is_htmx(request) else redirect(target)
    if published.held:
        messages.info(
            request,
            _("Your post is waiting for a moderator. Only you can see it for now."),
        )
    return redirect(url)


def _join_context(access: SpaceAccess) -> dict[str, object]:
    rules = access.space.group.current_rules()
    return {
        "access": access,
        "space": access.space,
        "group": access.space.group,
        "rules_text": rules.text if rules is not None else "",
    }


# How long a new member sees, on the group page, the message the leader wrote when
# saying yes to them (the notification that opens the page carries the start of it).
WELCOME_SHOWN_FOR = timedelta(days=30)


def _welcome(access: SpaceAccess) -> Membership | None:
    """The viewer's own membership when a leader wrote them a welcome lately."""
    membership = access.membership
    if (
        membership is None
        or not membership.decision_message
        or membership.decided_at is None
        or membership.decided_at < timezone.now() - WELCOME_SHOWN_FOR
    ):
        return None
    return membership


@require_GET
def space(request: HttpRequest, slug: str) -> HttpResponse:
    """A member sees the conversations; anyone else sees how to join."""
    access = _access(request, slug)
    if not access.is_member:
        return render(
            request,
            "community/space_join.html",
            {
                **_join_context(access),
                "form": JoinForm(space=access.space) if request.user.is_authenticated else None,
            },
        )
    page = queries.topics_page(access.space, request.GET.get("page", 1))
    label_authors(
        page.object_list, viewer=cast(User, request.user), is_steward=access.is_verified_steward
    )
    pending_count = (
        access.space.memberships.filter(status=MembershipStatus.PENDING).count()
        if access.is_steward
        else 0
    )
    # Moderators see at a glance whether anything is waiting for them.
    open_cases = reviewer().open_case_count(access.space) if access.is_steward else 0
    return render_page(
        request,
        "community/space.html",
        {
            "access": access,
            "space": access.space,
            "group": access.space.group,
            "page": page,
            "pending_count": pending_count,
            "open_cases": open_cases,
            "search_form": SearchForm(),
            "welcome": _welcome(access),
        },
        partial="topics",
    )


@login_required
@require_POST
def join(request: SignedInRequest, slug: str) -> HttpResponse:
    access = _access(request, slug)
    form = JoinForm(request.POST, space=access.space)
    if form.is_valid():
        try:
            membership = services.membership_request(
                space=access.space,
                user=request.user,
                answers=form.answers(),
                accepts_rules=form.cleaned_data["accepts_rules"],
                is_professional=form.cleaned_data["is_professional"],
                lives_with_condition=form.cleaned_data["lives_with_condition"],
                is_carer=form.cleaned_data.get("is_carer", False),
            )
        except services.CommunityError as error:
            form.add_error(None, error.messages[0])
        except PermissionDenied:
            raise Http404 from None
        else:
            if membership.status == MembershipStatus.ACTIVE:
                messages.success(request, _("Welcome to the group!"))
            else:
                messages.success(request, _("Thank you. A leader will look at your request soon."))
            return redirect(access.space.get_absolute_url())
    return render(
        request, "community/space_join.html", {**_join_context(access), "form": form}, status=400
    )


@login_required
@require_GET
def requests(request: SignedInRequest, slug: str) -> HttpResponse:
    access = _member_access(request, slug)
    _steward_tools(request, access, request.get_full_path())
    pending = list(
        access.space.memberships.filter(status=MembershipStatus.PENDING).select_related("user")
    )
    return render(
        request,
        "community/requests.html",
        {
            "access": access,
            "space": access.space,
            "group": access.space.group,
            "pending": pending,
            "pending_count": len(pending),
            "form": DecisionForm(),
        },
    )


@login_required
@require_POST
def request_decide(request: SignedInRequest, slug: str, membership_id: int) -> HttpResponse:
    access = _member_access(request, slug)
    _steward_tools(request, access, reverse("community:requests", args=[slug]))
    membership = get_object_or_404(Membership, pk=membership_id, space=access.space)
    form = DecisionForm(request.POST)
    form.is_valid()
    approve = request.POST.get("decision") == "approve"
    try:
        services.membership_decide(
            membership=membership,
            by=request.user,
            approve=approve,
            message=form.cleaned_data.get("message", ""),
        )
    except services.CommunityError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            (_("%(name)s is now a member.") if approve else _("You said no to %(name)s."))
            % {"name": membership.user.display_name},
        )
    return redirect("community:requests", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: SignedInRequest, slug: str) -> HttpResponse:
    access = _member_access(request, slug)
    if request.method == "POST":
        try:
            services.membership_leave(space=access.space, user=request.user)
        except services.CommunityError as error:
            messages.error(request, error.messages[0])
            return redirect(access.space.get_absolute_url())
        messages.success(request, _("You have left the group."))
        return redirect(access.space.group.get_absolute_url())
    return render(
        request, "community/leave_confirm.html", {"access": access, "group": access.space.group}
    )


@login_required
@require_POST
def mute(request: SignedInRequest, slug: str) -> HttpResponse:
    access = _member_access(request, slug)
    muted = request.POST.get("muted") == "1"
    services.membership_set_muted(space=access.space, user=request.user, muted=muted)
    messages.success(
        request,
        _("You will not get notifications from this group.")
        if muted
        else _("You will get notifications from this group again."),
    )
    return redirect(access.space.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def topic_new(request: SignedInRequest, slug: str) -> HttpResponse:
    access = _member_access(request, slug)
    viewer = request.user
    form = TopicForm(
        request.POST or None,
        request.FILES or None,
        space=access.space,
        membership=access.membership,
    )
    if request.method == "POST" and form.is_valid():
        published = submit_screened(
            form,
            lambda confirmed: services.topic_publish(
                author=viewer,
                space=access.space,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                tags=form.tag_names(),
                is_anonymous=form.cleaned_data.get("is_anonymous", False),
                image=form.cleaned_data.get("image"),
                image_alt=form.cleaned_data.get("image_alt", ""),
                confirmed=confirmed,
                submission=form.cleaned_data.get("submission"),
            ),
            space=access.space,
            user=viewer,
        )
        if published is not None:
            return _after_publishing(request, published, published.post.get_absolute_url())
    if request.method == "POST" and request.FILES.get("image") and "image" in form.fields:
        # A browser cannot be sent a file back: say so, rather than let it vanish.
        form.fields["image"].help_text = _("Please choose your picture again.")
    return render(
        request,
        "community/topic_form.html",
        {"access": access, "space": access.space, "group": access.space.group, "form": form},
        status=400 if form.errors else 200,
    )


def _topic_page_context(
    request: HttpRequest,
    access: SpaceAccess,
    topic: Topic,
    page_number: int | str,
    form: ReplyForm | None = None,
) -> dict[str, object]:
    """Everything the topic page shows this viewer: replies (with their own held ones),
    notes under posts, and the reply form (with the ground rules to accept, if new)."""
    viewer = cast(User, request.user)
    page = queries.replies_page(topic, page_number, viewer=viewer)
    label_authors([topic, *page.object_list], viewer=viewer, is_steward=access.is_verified_steward)
    reviewer().attach_notes(topic, page.object_list, viewer)
    queries.attach_reactions(viewer, topic=topic, replies=page.object_list)
    queries.attach_held_reasons(page.object_list, viewer)
    waiting = topic.is_hidden and queries.is_waiting_for_moderator(topic)
    if form is None and not topic.is_hidden:
        form = ReplyForm(space=access.space, membership=access.membership)
    return {
        "access": access,
        "space": access.space,
        "group": access.space.group,
        "topic": topic,
        "page": page,
        "form": form,
        "viewer": viewer,
        "is_steward": access.is_verified_steward,
        "revisions": topic.revisions.all() if access.is_verified_steward else None,
        "waiting": waiting,
        "held_reasons": (
            queries.held_reasons(topic) if waiting and topic.author_id == viewer.pk else []
        ),
    }


@login_required
@require_GET
def topic(request: SignedInRequest, slug: str, topic_id: int) -> HttpResponse:
    access, topic = _topic_for_member(request, slug, topic_id, include_hidden=True)
    return render(
        request,
        "community/topic.html",
        _topic_page_context(request, access, topic, request.GET.get("page", 1)),
    )


@login_required
@require_POST
def reply(request: SignedInRequest, slug: str, topic_id: int) -> HttpResponse:
    access, topic = _topic_for_member(request, slug, topic_id)
    viewer = request.user
    form = ReplyForm(request.POST, space=access.space, membership=access.membership)
    if form.is_valid():
        published_reply = submit_screened(
            form,
            lambda confirmed: services.reply_post(
                author=viewer,
                topic=topic,
                body=form.cleaned_data["body"],
                is_anonymous=form.cleaned_data.get("is_anonymous", False),
                confirmed=confirmed,
                submission=form.cleaned_data.get("submission"),
            ),
            space=access.space,
            user=viewer,
        )
        if published_reply is not None:
            new_reply = published_reply.post
            new_reply.waiting = published_reply.held  # type: ignore[attr-defined]  # as the page query annotates
            new_reply.held_reasons = (
                queries.author_reasons(published_reply.flagged) if published_reply.held else []
            )
            if is_htmx(request) and not published_reply.crisis:
                label_authors([new_reply], viewer=viewer, is_steward=access.is_verified_steward)
                reviewer().attach_notes(topic, [new_reply], viewer)
                queries.attach_reactions(viewer, replies=[new_reply])
                topic.refresh_from_db(fields=["reply_count"])
                return render(
                    request,
                    "community/topic.html#reply-posted",
                    {
                        "reply": new_reply,
                        "topic": topic,
                        "viewer": viewer,
                        "is_steward": access.is_verified_steward,
                        "form": ReplyForm(space=access.space),
                        "space": access.space,
                        "group": access.space.group,
                    },
                )
            return _after_publishing(
                request,
                published_reply,
                topic.get_absolute_url() + f"?page=last#reply-{new_reply.pk}",
            )
    return render_page(
        request,
        "community/topic.html",
        _topic_page_context(request, access, topic, "last", form),
        partial="reply-form",
        # htmx swaps only 2xx answers: the form with its errors must still replace
        # the old one, or the member would press "Send" and see nothing happen.
        status=400 if form.errors and not is_htmx(request) else 200,
    )


@login_required
@require_POST
def react(request: SignedInRequest, slug: str, topic_id: int) -> HttpResponse:
    """A member presses a reaction under the topic or a reply. htmx gets back just that
    post's reaction bar; without JavaScript the page reloads at the same post."""
    access, topic = _topic_for_member(request, slug, topic_id)
    viewer = request.user
    form = ReactionForm(request.POST)
    if not form.is_valid():
        if "reply" in form.errors:
            # A reply id that is not a number names no reply: a 404, like a missing one.
            raise Http404
        return HttpResponseBadRequest(_("Please choose one of the reactions."))
    reply_id = form.cleaned_data["reply"]
    target = (
        get_object_or_404(Reply, pk=reply_id, topic=topic, is_hidden=False) if reply_id else None
    )
    if target is not None:
        target.topic = topic
    kind = form.cleaned_data["kind"]
    try:
        services.reaction_toggle(
            user=viewer,
            kind=kind,
            topic=None if target else topic,
            reply=target,
            on=kind not in form.cleaned_data["was"],
        )
    except PermissionDenied:
        raise Http404 from None
    if is_htmx(request):
        if target is None:
            queries.attach_reactions(viewer, topic=topic)
        else:
            queries.attach_reactions(viewer, replies=[target])
        return render(
            request,
            "community/_reactions.html#buttons",
            {
                "post": target or topic,
                "reply_id": target.pk if target else "",
                "topic": topic,
                "group": access.space.group,
            },
        )
    if target is None:
        return redirect(topic.get_absolute_url() + "#reactions-topic")
    page = queries.reply_page_number(target, viewer)
    return redirect(topic.get_absolute_url() + f"?page={page}#reply-{target.pk}")


@login_required
@require_POST
def pin(request: SignedInRequest, slug: str, topic_id: int) -> HttpResponse:
    access, topic = _topic_for_member(request, slug, topic_id)
    _steward_tools(request, access, topic.get_absolute_url())
    services.topic_set_pinned(topic=topic, by=request.user, pinned=not topic.is_pinned)
    return redirect(topic.get_absolute_url())


@login_required
@require_GET
def topic_image(request: SignedInRequest, slug: str, topic_id: int) -> FileResponse:
    """Pictures are served only to members, never from a public media folder."""
    _access, topic = _topic_for_member(request, slug, topic_id, include_hidden=True)
    if not topic.image:
        raise Http404
    file = topic.image.open("rb")
    # The type comes from the picture's own bytes, never from the name it was uploaded
    # with (earlier versions kept that name): a PNG called x.pdf is still a PNG.
    kind = pictures.stored_kind(file)
    if kind is None:
        file.close()
        raise Http404
    response = FileResponse(
        file, content_type=kind.content_type, filename=f"picture.{kind.extension}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_GET
def search(request: SignedInRequest, slug: str) -> HttpResponse:
    access = _member_access(request, slug)
    form = SearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    results = list(queries.search_topics(access.space, q)[:50])
    label_authors(results, viewer=request.user, is_steward=access.is_verified_steward)
    return render_page(
        request,
        "community/search.html",
        {
            "access": access,
            "space": access.space,
            "group": access.space.group,
            "search_form": form,
            "q": q,
            "results": results,
        },
        partial="results",
    )


@login_required
@require_GET
def members(request: SignedInRequest, slug: str) -> HttpResponse:
    access = _member_access(request, slug)
    people = (
        access.space.memberships.active()
        .select_related("user")
        .order_by("role", "user__display_name")
    )
    return render(
        request,
        "community/members.html",
        {
            "access": access,
            "space": access.space,
            "group": access.space.group,
            "people": people,
            "role_choices": MemberRole.choices,
        },
    )


@login_required
@require_GET
def feed(request: SignedInRequest) -> HttpResponse:
    viewer = request.user
    topics = queries.feed_topics(viewer)
    # Stewards see who wrote anonymous posts only in a session that passed a second factor.
    stewarded = (
        set(Membership.objects.stewards().filter(user=viewer).values_list("space_id", flat=True))
        if passed_second_factor(request)
        else set()
    )
    label_authors(topics, viewer=viewer, stewarded_spaces=stewarded)
    return render(
        request,
        "community/feed.html",
        {
            "topics": topics,
            "blog_posts": queries.feed_blog_posts(viewer),
            "spaces": queries.member_spaces(viewer).select_related("group"),
        },
    )


@login_required
@require_POST
def tag_follow(request: SignedInRequest, name: str) -> HttpResponse:
    following = services.tag_follow_toggle(user=request.user, name=name)
    messages.success(
        request,
        (_("You follow #%(tag)s.") if following else _("You no longer follow #%(tag)s."))
        % {"tag": name.lstrip("#").lower()},
    )
    return redirect(safe_next(request, reverse("community:feed")))


@login_required
@require_http_methods(["GET", "POST"])
def blog_new(request: SignedInRequest) -> HttpResponse:
    viewer = request.user
    spaces = queries.member_spaces(viewer).select_related("group")
    form = BlogPostForm(request.POST or None, spaces=spaces)
    if request.method == "POST" and form.is_valid():
        services.blog_post_publish(
            author=viewer,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            audience=form.cleaned_data["audience"],
            space=form.cleaned_data.get("space"),
            submission=form.cleaned_data.get("submission"),
        )
        messages.success(request, _("Your post is published."))
        return redirect("community:feed")
    return render(
        request, "community/blog_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def member_role(request: SignedInRequest, slug: str, membership_id: int) -> HttpResponse:
    """Leaders make members moderators or leaders, and back."""
    access = _member_access(request, slug)
    if access.membership is None or access.membership.role != MemberRole.LEADER:
        raise Http404
    # A new moderator or leader is shown who wrote anonymous posts (once they pass the
    # second step themselves): handing that out needs a leader who passed it too.
    _steward_tools(request, access, reverse("community:members", args=[slug]))
    membership = get_object_or_404(
        Membership, pk=membership_id, space=access.space, status=MembershipStatus.ACTIVE
    )
    role = request.POST.get("role", "")
    if role not in {"leader", "moderator", "member"}:
        raise Http404
    try:
        services.membership_set_role(membership=membership, by=request.user, role=role)
    except PermissionDenied:
        raise Http404 from None
    messages.success(
        request,
        _("%(name)s is now: %(role)s.")
        % {"name": membership.user.display_name, "role": membership.get_role_display()},
    )
    return redirect("community:members", slug=slug)


@login_required
@require_POST
def member_follow(request: SignedInRequest, slug: str, membership_id: int) -> HttpResponse:
    """Follow a fellow member of this group: their new topics appear in my feed."""
    access = _member_access(request, slug)
    membership = get_object_or_404(
        Membership, pk=membership_id, space=access.space, status=MembershipStatus.ACTIVE
    )
    try:
        following = services.member_follow_toggle(follower=request.user, followed=membership.user)
    except services.CommunityError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            (_("You follow %(name)s.") if following else _("You no longer follow %(name)s."))
            % {"name": membership.user.display_name},
        )
    return redirect("community:members", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def topic_edit(request: SignedInRequest, slug: str, topic_id: int) -> HttpResponse:
    """Authors edit their own topic (also while it is held, or when a moderator asked
    them to); the earlier version is kept for moderators."""
    access, topic = _topic_for_member(request, slug, topic_id, include_hidden=True)
    if topic.author_id != request.user.pk:
        raise Http404
    form = TopicForm(
        request.POST or None,
        space=access.space,
        initial={"title": topic.title, "body": topic.body},
    )
    for name in ["tags", "image", "image_alt", "is_anonymous"]:
        form.fields.pop(name, None)
    if request.method == "POST" and form.is_valid():
        edited = submit_screened(
            form,
            lambda confirmed: services.topic_edit(
                topic=topic,
                by=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                confirmed=confirmed,
            ),
        )
        if edited is not None:
            if not (edited.crisis or edited.held):
                messages.success(request, _("Your changes are saved."))
            return _after_publishing(request, edited, edited.post.get_absolute_url())
    return render(
        request,
        "community/topic_form.html",
        {
            "access": access,
            "space": access.space,
            "group": access.space.group,
            "form": form,
            "editing": topic,
        },
        status=400 if form.errors else 200,
    )
