"""A form sent back with mistakes starts with one error summary: the first thing in
<main> (on a phone the form itself can be far down the page), focusable, and with a
link to each field that needs fixing. A form swapped in by htmx carries its own
summary, as an alert, since the page around it is not reloaded."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from kindred.buddies.tests.factories import make_person, make_programme, proposed_match
from kindred.community import messaging
from kindred.community import services as community_services
from kindred.community.tests.factories import make_community
from kindred.conditions.models import Condition
from kindred.core.tests.cast import login_with_second_factor
from kindred.directory.models import Language
from kindred.moderation import services as moderation
from kindred.moderation.models import ActionKind

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
FIELD_TAGS = {"input", "select", "textarea"}


@dataclass
class Summary:
    attrs: dict[str, str]
    links: list[str] = field(default_factory=list)


class PageOutline(HTMLParser):
    """What the tests need from a page: the elements directly inside <main> in order,
    every error summary with its links, and the tag of every element with an id."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []  # (tag, is a summary)
        self.main_depth: int | None = None
        self.main_children: list[tuple[str, dict[str, str]]] = []
        self.summaries: list[Summary] = []
        self.ids: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if "id" in attrs:
            self.ids[attrs["id"]] = tag
        if self.main_depth is not None and len(self.stack) == self.main_depth + 1:
            self.main_children.append((tag, attrs))
        if tag == "main":
            self.main_depth = len(self.stack)
        is_summary = "error-summary" in attrs.get("class", "").split()
        if is_summary:
            self.summaries.append(Summary(attrs))
        if tag == "a" and any(s for _, s in self.stack) and "href" in attrs:
            self.summaries[-1].links.append(attrs["href"])
        if tag not in VOID:
            self.stack.append((tag, is_summary))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == "main":
                self.main_depth = None
            if open_tag == tag:
                break


def outline(html: str) -> PageOutline:
    parser = PageOutline()
    parser.feed(html)
    return parser


def assert_summary_links_every_field_in_error(page: PageOutline, form: Any) -> None:
    (summary,) = page.summaries
    wrong = [name for name in form.errors if name != "__all__"]
    assert wrong, "the form was expected to have field errors"
    for name in wrong:
        auto_id = form[name].auto_id
        # A group of radios or tick boxes is reached through its first choice.
        target = auto_id if auto_id in page.ids else f"{auto_id}_0"
        assert f"#{target}" in summary.links, (name, summary.links)
        assert page.ids.get(target) in FIELD_TAGS, f"#{target} is not a field on the page"


def assert_summary_first_in_main(response: Any, status: int = 400, form: str = "form") -> None:
    assert response.status_code == status
    page = outline(response.content.decode())
    assert len(page.summaries) == 1, f"{len(page.summaries)} error summaries"
    first_tag, first_attrs = page.main_children[0]
    assert "error-summary" in first_attrs.get("class", ""), (
        f"<main> starts with <{first_tag} {first_attrs}>, not the error summary"
    )
    assert first_attrs.get("tabindex") == "-1"
    assert first_attrs.get("role") == "alert"
    assert_summary_links_every_field_in_error(page, response.context[form])
    # The page title says so too: it is the first thing a screen reader reads.
    title = response.content.decode().split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.strip().startswith("Error: "), title


def test_it_puts_the_summary_first_on_the_sign_up_page(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "not an address", "password1": "short", "password2": "other"},
    )
    # allauth answers a refused sign-up with 200.
    assert_summary_first_in_main(response, status=200)


def test_it_puts_the_summary_first_on_the_profile_page(client, cast):
    login_with_second_factor(client, cast.member)
    response = client.post(
        reverse("accounts:profile"), {"display_name": "mina@example.org", "real_name": "Mina R"}
    )
    assert_summary_first_in_main(response)


def test_it_puts_the_summary_first_on_the_group_form(client, cast):
    login_with_second_factor(client, cast.org_admin)
    response = client.post(
        reverse("directory:group-create", args=[cast.organisation.slug]),
        {"name": "Tuesday Talkers", "town": "Atlantis", "publish": "1"},
    )
    assert_summary_first_in_main(response)


def test_it_puts_the_summary_first_on_the_new_topic_form(client, cast):
    community = make_community(cast)
    login_with_second_factor(client, cast.member)
    response = client.post(
        reverse("community:topic-new", args=[community.group.slug]), {"tags": "#walks"}
    )
    assert_summary_first_in_main(response)


@pytest.fixture
def topic(cast):
    community = make_community(cast)
    return community_services.topic_publish(
        author=cast.carer, space=community.space, title="Sunday walk", body="Who is coming?"
    ).post


def test_it_puts_the_summary_first_on_a_topic_when_a_reply_is_refused(client, cast, topic):
    login_with_second_factor(client, cast.member)
    url = reverse("community:reply", args=[topic.space.group.slug, topic.pk])
    assert_summary_first_in_main(client.post(url, {"body": ""}))


def test_it_sends_the_summary_inside_a_reply_form_swapped_by_htmx(client, cast, topic):
    login_with_second_factor(client, cast.member)
    url = reverse("community:reply", args=[topic.space.group.slug, topic.pk])
    response = client.post(url, {"body": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200  # htmx swaps only 2xx answers
    html = response.content.decode()
    assert html.lstrip().startswith('<form id="reply-form"')
    page = outline(html)
    (summary,) = page.summaries
    # Inserted by the swap, a role="alert" region is read out at once.
    assert summary.attrs.get("role") == "alert"
    assert summary.attrs.get("tabindex") == "-1"
    assert html.index("error-summary") < html.index("<textarea")
    assert_summary_links_every_field_in_error(page, response.context["form"])


def test_it_sends_the_summary_with_a_message_form_swapped_by_htmx(client, cast):
    make_community(cast)
    sent = messaging.message_send(sender=cast.member, recipient=cast.carer, body="Hello Carl").post
    login_with_second_factor(client, cast.carer)
    url = reverse("messages:conversation", args=[sent.conversation.pk])
    response = client.post(url, {"body": "  "}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    fields = html.split('<div id="send-fields" hx-swap-oob="innerHTML">', 1)[1]
    page = outline(fields)
    (summary,) = page.summaries
    assert summary.attrs.get("role") == "alert"
    assert fields.index("error-summary") < fields.index("<textarea")
    assert_summary_links_every_field_in_error(page, response.context["form"])


def test_it_puts_the_summary_first_on_the_buddy_profile_form(client, cast):
    programme = make_programme(organisation=cast.organisation, coordinator=cast.org_admin)
    login_with_second_factor(client, cast.member)
    response = client.post(
        reverse("buddies:join", args=[programme.slug]),
        {
            "side": "seeker",
            "condition": str(Condition.objects.get(slug="type-1-diabetes").pk),
            "languages": [str(Language.objects.get(code="en").pk)],
            "town": "Atlantis",
        },
    )
    assert_summary_first_in_main(response)


def test_it_puts_the_summary_first_on_the_report_form(client, cast, topic):
    login_with_second_factor(client, cast.member)
    response = client.post(
        reverse("moderation:report-topic", args=[topic.space.group.slug, topic.pk]),
        {"reason": "Something odd"},
    )
    assert_summary_first_in_main(response)


def test_it_puts_the_summary_first_on_the_coordinators_dashboard(client, cast):
    """One of many small forms on a long page: the summary still comes first."""
    programme = make_programme(organisation=cast.organisation, coordinator=cast.org_admin)
    match = proposed_match(programme, cast.member, make_person("Sara"))
    login_with_second_factor(client, cast.org_admin)
    response = client.post(
        reverse("buddies:match-decide", args=[match.pk]), {"action": "reject", "reason": ""}
    )
    assert_summary_first_in_main(response, form="bound_form")


def test_it_puts_the_summary_first_on_my_decisions_when_an_appeal_is_empty(client, cast, topic):
    # Mo removes Carl's topic; Carl asks for a second look without saying why.
    report = moderation.report_content(reporter=cast.member, category="promotion", topic=topic)
    assert report
    removal = moderation.act(
        case=topic.cases.get(), by=cast.moderator, kind=ActionKind.REMOVE, reason="Selling."
    )
    login_with_second_factor(client, cast.carer)
    response = client.post(
        reverse("moderation:appeal-new", args=[removal.pk]), {f"appeal-{removal.pk}-text": ""}
    )
    assert_summary_first_in_main(response, form="bound_form")


def test_it_shows_no_summary_when_nothing_is_wrong(client, cast):
    login_with_second_factor(client, cast.member)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert outline(html).summaries == []
    assert "Error:" not in html.split("</title>", 1)[0]
