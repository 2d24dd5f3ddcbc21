"""What people say in the demo community's online groups: the members beyond the demo
logins, the groups that have an online space, their conversations and blog posts. The
content is data, in `kindred/demo/content/conversations.toml`; this module says what
each entry may hold (the dataclasses below, with their defaults) and reads the file.

Everything here is made up, and written the way peers talk: in plain, kind English with
short sentences (a reading age of about 11). People share what worked for them and
point each other back to their own care team. Nobody tells anyone what to do with their
treatment, because that is medical advice, and peer groups are for living well, not for
that. There is no crisis content: the mental health group shows anonymous posts and
gentle peer support only.

People are named by a key: the role of a demo login (`"member"`, `"carer"`,
`"peer_leader"`, `"moderator"`) or the key of one of the extra members below. Times are
counted back from `CONVERSATIONS_UNTIL`, so the demo is the same on every run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.utils.text import slugify

from kindred.accounts.models import Role
from kindred.community.models import (
    BlogAudience,
    ProfessionalPolicy,
    ReactionKind,
    Visibility,
)
from kindred.demo.data import DEMO_EMAIL_DOMAIN
from kindred.demo.files import entry, read

# The last moment of the demo story: every post, reply and reaction happened in the
# weeks before it. Fixed, so the demo is the same on every run.
CONVERSATIONS_UNTIL = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)
# The groups with conversations are in the UK: topic times are UK times.
STORY_TIMEZONE = ZoneInfo("Europe/London")
# Notifications older than this many days count as read, so a demo login sees a few
# new ones rather than a wall of them.
UNREAD_FOR_DAYS = 3

# The demo logins who take part (see data.PEOPLE).
MEMBER = Role.MEMBER.value
CARER = Role.CARER.value
PEER_LEADER = Role.PEER_LEADER.value
MODERATOR = Role.MODERATOR.value

THANKS = ReactionKind.THANK_YOU
ME_TOO = ReactionKind.ME_TOO
STRENGTH = ReactionKind.STRENGTH


# --- People -----------------------------------------------------------------------


@dataclass(frozen=True)
class DemoMember:
    """A member of the demo groups who is not a demo login. The display name is a
    pseudonym; the real name is private, as Kindred keeps it for every member."""

    key: str
    display_name: str
    real_name: str

    @property
    def email(self) -> str:
        return f"{slugify(self.real_name).replace('-', '.')}@{DEMO_EMAIL_DOMAIN}"


PEBBLE = "pebble"
NIGHT_OWL = "night_owl"
BUMPY_ROAD = "bumpy_road"
PUMPED_UP = "pumped_up"
MARIGOLD = "marigold"
HARBOUR_RUNNER = "harbour_runner"
TIDAL_WAVE = "tidal_wave"
MILK_AND_TOAST = "milk_and_toast"
TIDEPOOL = "tidepool"
BLUE_KITE = "blue_kite"
NIGHT_SHIFT = "night_shift"
GARDEN_GATE = "garden_gate"
CIDER_PRESS = "cider_press"
BLUEBELL = "bluebell"
DOWNS_WALKER = "downs_walker"


# --- Online groups ------------------------------------------------------------------


@dataclass(frozen=True)
class DemoRequest:
    """Someone who has asked to join a closed group and is waiting for a leader."""

    person: str
    answers: tuple[str, ...]
    days_ago: float


@dataclass(frozen=True)
class DemoSpace:
    """The online side of one demo directory group: its rules for joining, its leader,
    and who is in it. Members of a closed group answer the joining questions with
    `answers`; members of a hidden group are invited by the leader."""

    group: str
    leader: str
    visibility: Visibility
    members: tuple[str, ...]
    moderators: tuple[str, ...] = ()
    join_questions: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    professional_policy: ProfessionalPolicy = ProfessionalPolicy.LIVED_ONLY
    allow_anonymous: bool = True
    is_carers_space: bool = False
    # Members who work as health professionals and live with the condition themselves.
    professionals: tuple[str, ...] = ()
    requests: tuple[DemoRequest, ...] = ()
    # When the space opened, in days before CONVERSATIONS_UNTIL.
    opened_days_ago: float = 70


CALM_CORNER = "calm-corner-online"
MND_CARERS = "mnd-carers-online"
PARKINSONS_CAFE = "bristol-parkinsons-cafe"
BUMPS_AND_BABIES = "type-1-bumps-and-babies"

DemoReaction = tuple[str, ReactionKind]


@dataclass(frozen=True)
class DemoReply:
    """A reply, `hours` after the topic was started."""

    author: str
    hours: float
    body: str
    anonymous: bool = False
    reactions: tuple[DemoReaction, ...] = ()


@dataclass(frozen=True)
class DemoTopic:
    """A conversation in one group, started `days_ago` days before the last day of the
    story, at `time` (UK time). Topics are found again by their group and title."""

    space: str
    author: str
    days_ago: int
    time: str
    title: str
    body: str
    tags: tuple[str, ...] = ()
    anonymous: bool = False
    pinned: bool = False
    reactions: tuple[DemoReaction, ...] = ()
    replies: tuple[DemoReply, ...] = ()


@dataclass(frozen=True)
class DemoBlogPost:
    """A member's own blog post, for the audience they chose. Found again by author
    and title."""

    author: str
    days_ago: float
    title: str
    body: str
    audience: BlogAudience
    space: str = ""


MEMBER_FOLLOWS: tuple[tuple[str, str], ...] = (
    (MEMBER, NIGHT_OWL),
    (PUMPED_UP, NIGHT_OWL),
    (PEBBLE, MARIGOLD),
    (BUMPY_ROAD, MARIGOLD),
    (CARER, NIGHT_SHIFT),
)
# (person, tag): topics with the tag show in their feed, in groups they belong to.
TAG_FOLLOWS: tuple[tuple[str, str], ...] = (
    (MEMBER, "gbdoc"),
    (PUMPED_UP, "pumps"),
    (PEBBLE, "newly-diagnosed"),
    (HARBOUR_RUNNER, "sensors"),
)


_CONTENT = read("conversations.toml")
MEMBERS: tuple[DemoMember, ...] = tuple(entry(DemoMember, raw) for raw in _CONTENT["member"])
SPACES: tuple[DemoSpace, ...] = tuple(entry(DemoSpace, raw) for raw in _CONTENT["space"])
TOPICS: tuple[DemoTopic, ...] = tuple(entry(DemoTopic, raw) for raw in _CONTENT["topic"])
BLOG_POSTS: tuple[DemoBlogPost, ...] = tuple(
    entry(DemoBlogPost, raw) for raw in _CONTENT.get("blog_post", [])
)
