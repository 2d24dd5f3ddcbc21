"""Privacy, checked the way a curious person would: sign in to the demo community and
follow every link. A member must never see another person's email address or the real
name they keep private, and nobody may read a closed or hidden group's conversations
from outside it.

The crawl starts from the home page, the feed and the viewer's groups, and follows
every link on the same site with GET (never signing out, never the admin site or static
files, and no query strings beyond a page number)."""

from __future__ import annotations

import html
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from kindred.accounts.models import ConsentPurpose, Role, User
from kindred.accounts.services import consent_give
from kindred.community.models import BlogPost, MembershipStatus, Reply, Space, Topic, Visibility
from kindred.demo.conversations import MEMBERS, SPACES
from kindred.demo.data import DEMO_EMAIL_DOMAIN, PEOPLE
from kindred.demo.loader import DemoSummary

pytestmark = pytest.mark.django_db

# Enough for every page of the demo; a crawl that reaches it is going round in circles.
MAX_PAGES = 400
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SKIP = ("/accounts/logout/", "/admin/", "/static/", "/media/", "/i18n/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def _follow(base: str, href: str) -> str | None:
    """The same-site page a link leads to, or None for links the crawl leaves alone."""
    url = urlsplit(urljoin(base, href))
    if url.scheme not in {"http", "https", ""} or url.netloc not in {"", "testserver"}:
        return None
    if url.path.startswith(SKIP):
        return None
    query = parse_qsl(url.query, keep_blank_values=True)
    if any(name != "page" for name, _value in query):
        return None
    return url.path + (f"?{url.query}" if url.query else "")


@dataclass
class Crawl:
    pages: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)


def crawl(client: Client, starts: list[str]) -> Crawl:
    """Every page reachable from `starts` by following links, as `client` sees it."""
    found = Crawl()
    queue = deque(starts)
    seen = set(starts)
    while queue and len(found.statuses) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        found.statuses[url] = response.status_code
        if response.status_code in {301, 302, 303, 307, 308}:
            targets = [response["Location"]]
        elif response.streaming:
            continue
        else:
            text = response.content.decode(errors="replace")
            found.pages[url] = text
            parser = _Links()
            parser.feed(text)
            targets = parser.hrefs
        for href in targets:
            target = _follow(url, href)
            if target is not None and target not in seen:
                seen.add(target)
                queue.append(target)
    return found


def _demo_login(role: Role) -> User:
    return User.objects.get(email=next(p.email for p in PEOPLE if p.role == role))


def _outsider() -> User:
    user = User.objects.create_user(
        "new.person@example.org", None, display_name="Newcomer", real_name="Robin Newcombe"
    )
    consent_give(user=user, purpose=ConsentPurpose.TERMS)
    return user


def _leaks(found: Crawl, viewer: User) -> list[str]:
    """Other people's email addresses and private real names, wherever they show."""
    others = User.objects.exclude(pk=viewer.pk)
    emails = {e.lower() for e in others.values_list("email", flat=True)}
    names = list(others.exclude(real_name="").values_list("real_name", flat=True))
    leaks = []
    for url, page in found.pages.items():
        text = html.unescape(page)
        for address in {a.lower() for a in EMAIL.findall(text)}:
            mine = address == viewer.email.lower()
            if address in emails or (address.endswith(f"@{DEMO_EMAIL_DOMAIN}") and not mine):
                leaks.append(f"{url}: email address {address}")
        folded = text.casefold()
        leaks += [f"{url}: real name {name}" for name in names if name.casefold() in folded]
    return leaks


def _conversations_outside(viewer: User, *, spaces: list[Space]) -> dict[str, str]:
    """Words only the members of `spaces` may read (other than `viewer`'s own groups):
    topic titles, the start of topic bodies and replies, and one-group blog posts."""
    mine = Space.objects.filter(
        memberships__user=viewer, memberships__status=MembershipStatus.ACTIVE
    )
    closed = [s for s in spaces if s not in mine]
    words: dict[str, str] = {}
    for topic in Topic.objects.filter(space__in=closed):
        words[topic.title] = f"topic in {topic.space}"
        words[topic.body[:60]] = f"topic body in {topic.space}"
    for reply in Reply.objects.filter(topic__space__in=closed):
        words[reply.body[:60]] = f"reply in {reply.topic.space}"
    for post in BlogPost.objects.filter(space__in=closed):
        words[post.title] = f"blog post for {post.space}"
    return words


def _read(found: Crawl, words: dict[str, str]) -> list[str]:
    return [
        f"{url}: {where}: {text!r}"
        for url, page in found.pages.items()
        for text, where in words.items()
        if text in html.unescape(page)
    ]


def test_every_demo_person_keeps_a_private_real_name(demo: DemoSummary) -> None:
    # The crawl only proves something if there are real names to leak.
    people = User.objects.filter(email__in=[p.email for p in PEOPLE] + [m.email for m in MEMBERS])
    assert people.count() == len(PEOPLE) + len(MEMBERS)
    for person in people:
        assert person.real_name, person.email
        assert person.real_name.casefold() not in person.display_name.casefold()


def _starts(viewer: User) -> tuple[list[str], list[Space]]:
    """The home page, the feed, and each of the viewer's groups with a search that
    finds most of its topics (search results show authors too)."""
    spaces = list(
        Space.objects.filter(
            memberships__user=viewer, memberships__status=MembershipStatus.ACTIVE
        ).select_related("group")
    )
    starts = ["/", reverse("community:feed")]
    for space in spaces:
        starts += [
            space.get_absolute_url(),
            reverse("community:search", args=[space.group.slug]) + "?q=the",
        ]
    return starts, spaces


@dataclass
class Crawled:
    viewer: User
    spaces: list[Space]
    found: Crawl


@pytest.fixture(scope="module")
def crawled(demo: DemoSummary) -> dict[Role, Crawled]:
    """What the demo member and the demo peer leader reach, crawled once for the module's
    tests (crawling reads every page; the tests only look at what it found)."""
    result = {}
    for role in (Role.MEMBER, Role.PEER_LEADER):
        viewer = _demo_login(role)
        client = Client()
        client.force_login(viewer)
        starts, spaces = _starts(viewer)
        result[role] = Crawled(viewer=viewer, spaces=spaces, found=crawl(client, starts))
    return result


@pytest.mark.parametrize("role", [Role.MEMBER, Role.PEER_LEADER])
def test_a_member_crawling_every_page_finds_no_one_elses_email_or_real_name(
    crawled: dict[Role, Crawled], role: Role
) -> None:
    viewer, spaces, found = crawled[role].viewer, crawled[role].spaces, crawled[role].found

    assert len(found.statuses) < MAX_PAGES, "the crawl went round in circles"
    assert [url for url, status in found.statuses.items() if status >= 500] == []
    # It reached every conversation in the viewer's groups, and the pages that show
    # the viewer their own real name and email address (so the checks below can see).
    topics = Topic.objects.filter(space__in=spaces, is_hidden=False)
    assert topics.count() >= 10
    assert {t.get_absolute_url() for t in topics} <= set(found.pages)
    assert viewer.real_name in html.unescape(found.pages[reverse("accounts:profile")])
    assert viewer.email in found.pages[reverse("account_email")]
    assert _leaks(found, viewer) == []
    # Nor did it find a word from the groups the viewer does not belong to.
    demo_spaces = list(Space.objects.filter(group__slug__in=[s.group for s in SPACES]))
    assert _read(found, _conversations_outside(viewer, spaces=demo_spaces)) == []


def test_a_member_never_learns_who_wrote_an_anonymous_post(
    crawled: dict[Role, Crawled],
) -> None:
    member, spaces, found = (
        crawled[Role.MEMBER].viewer,
        crawled[Role.MEMBER].spaces,
        crawled[Role.MEMBER].found,
    )

    # Topics held for (or hidden by) a moderator are not for other members to read.
    anonymous = (
        Topic.objects.visible()
        .filter(Q(is_anonymous=True) | Q(replies__is_anonymous=True), space__in=spaces)
        .distinct()
    )
    assert anonymous.exists()
    named = []
    for topic in anonymous.prefetch_related("replies__author").select_related("author"):
        posts = [(topic.author, topic.is_anonymous)]
        posts += [(reply.author, reply.is_anonymous) for reply in topic.replies.all()]
        # People whose every post in the topic is anonymous: their names must not show
        # on its page, nor in any list item (feed, search, notifications) that names it.
        hidden = {a for a, anon in posts if anon} - {a for a, anon in posts if not anon}
        places = [html.unescape(found.pages[topic.get_absolute_url()])]
        places += [
            item
            for page in found.pages.values()
            for item in re.split(r"<li[\s>]", html.unescape(page))
            if topic.title in item
        ]
        named += [
            f"{topic.title}: {author.display_name}"
            for author in hidden - {member}
            for text in places
            if author.display_name in text
        ]
    assert named == []


def test_an_outsider_crawling_every_page_reads_no_closed_or_hidden_conversation(
    demo: DemoSummary, client
) -> None:  # type: ignore[no-untyped-def]
    outsider = _outsider()
    client.force_login(outsider)
    demo_spaces = list(
        Space.objects.filter(group__slug__in=[s.group for s in SPACES]).select_related("group")
    )
    starts = ["/", reverse("community:feed"), reverse("directory:search")]
    starts += [s.get_absolute_url() for s in demo_spaces]

    found = crawl(client, starts)

    assert len(found.statuses) < MAX_PAGES, "the crawl went round in circles"
    assert [url for url, status in found.statuses.items() if status >= 500] == []
    closed = [s for s in demo_spaces if s.visibility != Visibility.OPEN]
    assert _read(found, _conversations_outside(outsider, spaces=closed)) == []
    hidden = next(s for s in demo_spaces if s.visibility == Visibility.HIDDEN)
    assert found.statuses[hidden.get_absolute_url()] == 404
    # Blog posts reach followers and fellow members only; the outsider is neither.
    assert _read(found, {p.title: "blog post" for p in BlogPost.objects.all()}) == []
    # A hidden group does not admit it exists: its name shows nowhere.
    assert _read(found, {hidden.group.name: "hidden group's name"}) == []
    assert _leaks(found, outsider) == []
