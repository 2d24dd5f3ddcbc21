"""Moderation in the browser: a member writes a post that looks like a crisis and is
shown helplines before anything else, with their words kept; a moderator of the group
is alerted, finds the post at the top of the review queue marked as a crisis, reads it
(with the name behind the anonymous post) and acts; the author's text is never lost.

Topic pages open WebSockets for live replies, so the pages are served by Kindred's ASGI
application (`asgi_live_server` in conftest.py), as in test_community.py."""

from __future__ import annotations

import re
from typing import Any
from unittest import mock

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

from kindred.community import live
from kindred.community import services as community
from kindred.community.tests.factories import make_community
from kindred.core.tests.cast import build_cast
from kindred.moderation.models import Case, CaseState, NoteKind, PostNote, Urgency

CRISIS_TITLE = "I don't know who else to tell"
CRISIS_BODY = (
    "Sorry to put this here. The last few months have worn me down, and I feel like I "
    "am failing at all of it.\n\nTonight I don't want to wake up tomorrow. I haven't said "
    "this to anyone."
)
CARE_NOTE = (
    "We are glad you told us. Please talk to your care team this week, and call "
    "Samaritans on 116 123 if tonight gets too much."
)


@pytest.fixture
def site_server(asgi_live_server: Any) -> Any:
    """Topic pages open WebSockets: serve them from the ASGI application."""
    return asgi_live_server


@pytest.fixture(autouse=True)
def in_memory_layer(settings: Any) -> None:
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def signed_in(new_context: Any, sign_in: Any, user: Any, *, javascript: bool = True) -> Page:
    context: BrowserContext = new_context(java_script_enabled=javascript)
    sign_in(context, user)
    return context.new_page()


def quietly(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """A service run from the test thread, without live broadcasts (see test_community)."""
    with (
        mock.patch.object(live, "broadcast_reply"),
        mock.patch.object(live, "broadcast_notification"),
    ):
        return fn(*args, **kwargs)


def unix(text: str) -> str:
    return text.replace("\r\n", "\n")


def top(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return float(box["y"])


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_crisis_post_reaches_the_helplines_and_the_top_of_the_queue(
    new_context: Any, sign_in: Any, javascript: bool
) -> None:
    cast = build_cast()
    group = make_community(cast)
    online = f"/groups/{group.group.slug}/online/"
    # Something already waits in the queue: an older post that screening held.
    older = quietly(
        community.topic_publish,
        author=cast.carer,
        space=group.space,
        title="Great drops for levels",
        body="Use my code SUGAR20 for 20% off the drops that fixed my levels!",
    ).post
    assert older.is_hidden

    # Mina writes, anonymously, that she does not want to wake up tomorrow.
    mina = signed_in(new_context, sign_in, cast.member, javascript=javascript)
    mina.goto(online)
    mina.get_by_role("link", name="Start a topic").click()
    mina.get_by_label("Title", exact=True).fill(CRISIS_TITLE)
    mina.get_by_label("What do you want to say?").fill(CRISIS_BODY)
    mina.get_by_label("Post anonymously").check()
    mina.get_by_role("button", name="Post").click()

    # The helplines come first, at the top of the page, before anything else.
    expect(mina).to_have_url(re.compile(r"/moderation/support/\?case=\d+$"))
    expect(mina.get_by_role("heading", level=1)).to_have_text("If you need help now")
    emergency = mina.get_by_role("link", name=re.compile(r"\b999$"))
    samaritans = mina.get_by_role("link", name=re.compile(r"\b116 123$"))
    expect(emergency).to_be_in_viewport()
    expect(samaritans).to_be_in_viewport()
    expect(emergency).to_have_attribute("href", "tel:999")
    expect(samaritans).to_have_attribute("href", "tel:116123")
    names = mina.locator(".helpline-list .helpline-name").all_inner_texts()
    assert names[:2] == ["Emergency services", "Samaritans"], names
    first_heading = mina.locator("main h1, main h2").first
    expect(first_heading).to_have_text("If you need help now")
    assert top(mina, ".helplines") < top(mina, "#words-safe") < top(mina, "#what-you-wrote")
    # Her words are kept, whole, and she is told a moderator will read them.
    expect(mina.get_by_role("region", name="Your words are safe")).to_contain_text(
        "We kept what you wrote"
    )
    written = mina.get_by_role("region", name="What you wrote")
    expect(written).to_contain_text("Tonight I don't want to wake up tomorrow.")
    expect(written).to_contain_text("I haven't said this to anyone.")
    case = Case.objects.get(topic__title=CRISIS_TITLE)
    assert case.urgency == Urgency.CRISIS and case.held and case.subject == cast.member
    # Kept exactly as typed (browsers send a textarea's line breaks as CRLF).
    assert CRISIS_BODY in unix(case.text)
    assert case.topic is not None and case.topic.is_hidden
    assert unix(case.topic.body) == CRISIS_BODY

    # Mo, a moderator of the group, is alerted at once.
    mo = signed_in(new_context, sign_in, cast.moderator, javascript=javascript)
    mo.goto(reverse("messages:notifications"))
    alert = mo.locator("main .card").first
    expect(alert).to_contain_text(
        f"Urgent: a post in {group.group.name} suggests someone may be in crisis."
    )
    expect(alert).to_contain_text("Unread")

    # In the queue, the crisis is first (though the held promotion came earlier),
    # marked as a crisis.
    mo.goto(reverse("moderation:queue", args=[group.group.slug]))
    expect(mo.get_by_role("heading", level=1)).to_have_text("Moderation queue")
    cases = mo.locator("ol.mod-queue > li")
    expect(cases).to_have_count(2)
    first = cases.first
    expect(first).to_have_class(re.compile(r"\bmod-case-crisis\b"))
    expect(first.locator(".mod-label-crisis")).to_have_text("Crisis")
    expect(first).to_contain_text(CRISIS_TITLE)
    expect(first).to_contain_text("Held: members cannot see it yet")
    expect(cases.nth(1)).to_contain_text("Great drops for levels")
    expect(cases.nth(1)).not_to_have_class(re.compile(r"\bmod-case-crisis\b"))

    # He opens it: the alert, Mina's words as she wrote them, and who she is.
    first.get_by_role("link").first.click()
    expect(mo).to_have_url(re.compile(rf"/moderation/cases/{case.pk}/$"))
    expect(mo.get_by_role("alert")).to_contain_text("Someone may be in crisis")
    expect(mo.get_by_role("alert")).to_contain_text("116 123")
    what = mo.get_by_role("region", name="What they wrote")
    expect(what.locator("blockquote")).to_contain_text("Tonight I don't want to wake up tomorrow.")
    expect(what).to_contain_text("Mina")
    expect(what).to_contain_text("members see “Anonymous member”")
    expect(mo.get_by_role("region", name="Why it is here")).to_contain_text(
        "Someone may be in crisis"
    )

    # He publishes it with a care team note under it.
    mo.get_by_label("Add a “check this with your care team” note under the post").check()
    mo.get_by_label("Reason").fill(CARE_NOTE)
    mo.get_by_role("button", name="Save my decision").click()
    expect(mo).to_have_url(re.compile(r"/online/moderation/$"))
    expect(mo.locator("main")).to_contain_text("Saved: Added a care team note")
    expect(mo.locator("ol.mod-queue > li")).to_have_count(1)
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED
    assert PostNote.objects.filter(kind=NoteKind.CARE_TEAM, topic=case.topic).count() == 1

    # Nothing Mina wrote was lost: Carl, another member, reads it whole, anonymous,
    # with the moderator's note under it.
    carl = signed_in(new_context, sign_in, cast.carer, javascript=javascript)
    carl.goto(online)
    carl.get_by_role("link", name=CRISIS_TITLE).click()
    expect(carl.get_by_role("heading", level=1)).to_have_text(CRISIS_TITLE)
    article = carl.locator("main article").first
    expect(article).to_contain_text("The last few months have worn me down")
    expect(article).to_contain_text("Tonight I don't want to wake up tomorrow.")
    expect(article).to_contain_text("I haven't said this to anyone.")
    expect(carl.locator("main")).to_contain_text(CARE_NOTE)
    expect(carl.locator("article .meta").first).to_contain_text("Anonymous member")
    expect(carl.locator("main")).not_to_contain_text("Mina")
