"""On a phone, a form sent back with mistakes opens on its error summary: at the top of
the page, with the focus on it (so a screen reader reads it), each mistake a link to its
field. A reply form swapped in by htmx does the same where the form is."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from kindred.community import services
from kindred.community.tests.factories import make_community
from kindred.core.tests.cast import build_cast

PHONE = {"width": 390, "height": 844}

ACTIVE_IS_SUMMARY_JS = "() => document.activeElement.matches('.error-summary')"


def assert_summary_on_screen_and_focused(page: Page) -> None:
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    box = summary.bounding_box()
    assert box is not None
    # Measured against the top of the page, not the scrolled view.
    top = box["y"] + page.evaluate("() => window.scrollY")
    assert top < PHONE["height"], f"the summary starts {top:.0f}px down the page"
    expect(summary).to_be_focused()
    assert page.evaluate(ACTIVE_IS_SUMMARY_JS)


@pytest.mark.e2e
@pytest.mark.django_db
def test_a_refused_group_form_opens_on_its_summary_on_a_phone(
    new_context: Any, sign_in: Any, accessibility_problems: Any
) -> None:
    cast = build_cast()
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    sign_in(context, cast.org_admin)
    page = context.new_page()
    page.goto(f"/manage/organisations/{cast.organisation.slug}/groups/new/")
    page.get_by_label("Group name").fill("Tuesday Talkers")
    submit = page.get_by_role("button", name="Save and publish")
    submit.scroll_into_view_if_needed()
    submit.click()

    assert_summary_on_screen_and_focused(page)
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Choose at least one condition.")
    assert not accessibility_problems(page)

    # A link in the summary takes the person to the field, with its question in view.
    summary.get_by_role("link", name="Choose at least one condition.").click()
    expect(page.locator("#id_conditions_0")).to_be_focused()
    expect(page.locator("legend", has_text="Which conditions")).to_be_in_viewport()


@pytest.mark.e2e
@pytest.mark.django_db
def test_an_empty_reply_sent_by_htmx_moves_the_focus_to_its_summary(
    new_context: Any, sign_in: Any, accessibility_problems: Any, settings: Any
) -> None:
    # No live updates: the page is served without WebSockets here.
    settings.CHANNEL_LAYERS = {}
    cast = build_cast()
    community = make_community(cast)
    topic = services.topic_publish(
        author=cast.carer, space=community.space, title="Sunday walk", body="Who is coming?"
    ).post
    for n in range(6):
        services.reply_post(author=cast.moderator, topic=topic, body=f"Reply {n}\n\n" * 6)
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    sign_in(context, cast.member)
    page = context.new_page()
    page.goto(topic.get_absolute_url())
    page.get_by_role("button", name="Send reply").click()

    summary = page.locator("#reply-form .error-summary")
    expect(summary).to_contain_text("Write your reply before you send it.")
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    assert page.locator(".error-summary").count() == 1
    assert not accessibility_problems(page)
