"""The demo community's moderation: written ground rules for every online group, the
false claims for the demo's conditions that the shipped list lacks, one group's own
screening choice, a watched word, and a few posts that give the demo moderator
(Lighthouse, in South Coast Type 1 Peers) a working review queue: a member in crisis,
a product being pushed, a myth that could hurt someone, and a member's report of a
reply that tells someone how to change their insulin.

Everything goes through the moderation and community services, so screening reads
these posts exactly as it reads a real member's: what is held is held because the
checks found it, and the ordinary posts beside them show what is left alone. As in
`community.py`, what the services stamp with the current time is then moved back to
its moment in the demo story, the last day or two before `CONVERSATIONS_UNTIL`, so
the moderator's alerts are still unread. The moderation log is append-only, so its
entries keep the time the demo was loaded.

Loading is idempotent: claims are found by key, rules by group, screening choices by
group and category, watched words by group and phrase, and posts by group and title
(their replies and reports come with them). What someone changed while trying the demo
stays: a case a moderator closed is not opened again, a screening choice is not reset."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max
from django.utils import timezone

from kindred.accounts.models import User
from kindred.community import services as community
from kindred.community.models import (
    MemberRole,
    Membership,
    MembershipStatus,
    ProfessionalPolicy,
    Reply,
    Space,
    Topic,
)
from kindred.conditions.models import Condition
from kindred.demo.community import _Clock
from kindred.demo.conversations import (
    CONVERSATIONS_UNTIL,
    MEMBERS,
    SPACES,
)
from kindred.demo.data import MENTAL_HEALTH_CONDITIONS, PEOPLE
from kindred.demo.files import entry, read
from kindred.demo.loader import DemoSummary
from kindred.directory.models import GroundRules
from kindred.moderation import gate
from kindred.moderation import services as moderation
from kindred.moderation.models import (
    Case,
    CaseState,
    FalseClaim,
    Report,
    ScreeningRule,
    WatchedWord,
)
from kindred.screening.base import Category
from kindred.screening.decisions import Outcome, WatchAction
from kindred.screening.helplines import HelplineKind, helplines_for

# --- False claims -----------------------------------------------------------------


@dataclass(frozen=True)
class DemoClaim:
    """A false claim for a demo condition that the shipped list does not cover (key
    phrase syntax as in `moderation.screening.misinformation_data`)."""

    key: str
    conditions: tuple[str, ...]
    claim: str
    correction: str
    key_phrases: tuple[str, ...]


# --- Ground rules -----------------------------------------------------------------


def rules_for(space: Space) -> str:
    """The first version of a demo group's ground rules: Kindred's template, with the
    group's own emergency and crisis numbers, the way mental health groups speak about
    crisis, and what the group's settings mean for members (anonymous posts, who may
    join as a professional, a carers' space)."""
    group = space.group
    conditions = {c.slug for c in group.conditions.all()}
    rules = [line for line in str(moderation.RULES_TEMPLATE).splitlines() if line.strip()]
    if conditions & {"type-1-diabetes", "type-2-diabetes", "gestational-diabetes"}:
        rules = [line.replace("care team", "diabetes team") for line in rules]
    # The template's last rule is what to do in a crisis.
    crisis_at = next((i for i, line in enumerate(rules) if "crisis" in line), len(rules))
    rules[crisis_at : crisis_at + 1] = [_crisis_rule(group.country, conditions)]
    if space.allow_anonymous:
        rules.append(
            "You can post anonymously. Other members will not see who you are, but the "
            "moderators can, so that they can help you."
        )
    if space.professional_policy == ProfessionalPolicy.LIVED_ONLY:
        lived = "care for someone with it" if space.is_carers_space else "live with it"
        rules.append(
            f"Health professionals join only if they {lived} themselves, and they join as peers."
        )
    if space.is_carers_space:
        rules.append(
            "This space is for carers and family. The person you care for has a right to "
            "privacy too: share what you need to, and no more."
        )
    # Number every rule again, whatever the template numbered them.
    plain = [line.split(". ", 1)[1] if line[:1].isdigit() else line for line in rules]
    return "\n".join(f"{n}. {line}" for n, line in enumerate(plain, start=1))


def _crisis_rule(country: str, conditions: set[str]) -> str:
    lines = helplines_for(country)
    emergency = next((h.number for h in lines if h.kind == HelplineKind.EMERGENCY), "")
    crisis = next((h for h in lines if h.kind == HelplineKind.CRISIS), None)
    call = f"call {emergency}" if emergency else "call your local emergency number"
    talk = (
        f", or talk to {crisis.name} on {crisis.number}, any time, day or night" if crisis else ""
    )
    opening = ""
    if conditions & MENTAL_HEALTH_CONDITIONS:
        opening = "It is OK to talk about dark thoughts here: nobody will judge you. "
    return (
        f"{opening}If you are in crisis or worried about someone, {call} in an emergency"
        f"{talk}. Kindred shows you helplines when you post, and the moderators are told, "
        "but they are volunteers and cannot always reply at once."
    )


# --- Screening choices and watched words -------------------------------------------

# A group's own choice (set by its leader): in Calm Corner, advice to stop or change a
# medicine is held for a moderator rather than only questioned, because stopping an
# antidepressant suddenly can do real harm.


@dataclass(frozen=True)
class DemoWatchedWord:
    space: str
    phrase: str
    action: WatchAction
    by: str
    days_ago: float


# A "blood sugar drops" brand someone keeps trying to sell in diabetes groups.


# --- Posts for the review queue -----------------------------------------------------


@dataclass(frozen=True)
class DemoReport:
    """A member reports a reply, `hours` after it was posted."""

    reporter: str
    category: str
    reason: str
    hours: float


@dataclass(frozen=True)
class DemoQueueReply:
    """A reply, `hours` after its topic. `confirmed` lists the warnings its author saw
    and chose to post anyway."""

    author: str
    hours: float
    body: str
    confirmed: tuple[str, ...] = ()
    report: DemoReport | None = None


@dataclass(frozen=True)
class DemoQueuePost:
    """A topic started `hours_ago` hours before the end of the demo story. `expect` is
    what screening should find (None: nothing, so it is published as it is)."""

    space: str
    author: str
    hours_ago: float
    title: str
    body: str
    expect: Category | None = None
    anonymous: bool = False
    confirmed: tuple[str, ...] = ()
    replies: tuple[DemoQueueReply, ...] = ()


# --- Reading kindred/demo/content/moderation.toml ---------------------------------------

_CONTENT = read("moderation.toml")
CLAIMS: tuple[DemoClaim, ...] = tuple(entry(DemoClaim, raw) for raw in _CONTENT["claim"])
SCREENING: tuple[tuple[str, dict[str, Outcome]], ...] = tuple(
    (raw["group"], {Category(k): Outcome(v) for k, v in raw["outcomes"].items()})
    for raw in _CONTENT["screening"]
)
WATCHED_WORDS: tuple[DemoWatchedWord, ...] = tuple(
    entry(DemoWatchedWord, raw) for raw in _CONTENT["watched_word"]
)
QUEUE_POSTS: tuple[DemoQueuePost, ...] = tuple(
    entry(DemoQueuePost, raw) for raw in _CONTENT["queue_post"]
)


# --- Loading --------------------------------------------------------------------------


def load_demo_moderation(summary: DemoSummary) -> None:
    """Add what is not there yet; counts go on `summary`."""
    people = _people()
    spaces = {
        s.group.slug: s
        for s in Space.objects.filter(group__slug__in=[spec.group for spec in SPACES])
        .select_related("group")
        .prefetch_related("group__conditions")
    }
    summary.created_claims += _claims()
    for space in spaces.values():
        summary.created_rules += _rules(space)
    _screening(spaces)
    _watched_words(spaces, people)
    cases_before = Case.objects.filter(space__in=spaces.values()).count()
    _queue_posts(spaces, people, summary)
    demo_cases = Case.objects.filter(space__in=spaces.values())
    summary.created_cases = demo_cases.count() - cases_before
    summary.open_cases = demo_cases.exclude(state=CaseState.CLOSED).count()
    # The conversations counted their topics and replies before these were added.
    summary.topics = Topic.objects.filter(space__in=spaces.values()).count()
    summary.replies = Reply.objects.filter(topic__space__in=spaces.values()).count()


def _people() -> dict[str, User]:
    """Everyone the demo names, by key (the demo logins by role, the extra members by
    their key)."""
    emails = {p.role.value: p.email for p in PEOPLE} | {m.key: m.email for m in MEMBERS}
    users = User.objects.in_bulk(list(emails.values()), field_name="email")
    return {key: users[email] for key, email in emails.items() if email in users}


def _claims() -> int:
    conditions = Condition.objects.in_bulk(field_name="slug")
    existing = set(FalseClaim.objects.values_list("key", flat=True))
    created = 0
    for spec in CLAIMS:
        if spec.key in existing:
            continue
        claim = FalseClaim.objects.create(
            key=spec.key,
            claim=spec.claim,
            correction=spec.correction,
            key_phrases="\n".join(spec.key_phrases),
        )
        claim.conditions.set([conditions[s] for s in spec.conditions if s in conditions])
        created += 1
    if created:
        # Screening reads the list through a cache.
        gate.forget_false_claims()
    return created


def _rules(space: Space) -> int:
    """The group's first written rules, which its members accepted when they joined."""
    if moderation.current_rules(space) is not None:
        return 0
    rules = moderation.rules_publish(space=space, by=None, text=rules_for(space))
    GroundRules.objects.filter(pk=rules.pk).update(created_at=space.created_at)
    Membership.objects.filter(space=space, rules_version_accepted__lt=rules.version).exclude(
        status__in=[MembershipStatus.LEFT, MembershipStatus.REMOVED, MembershipStatus.BANNED]
    ).update(rules_version_accepted=rules.version)
    return 1


def _screening(spaces: dict[str, Space]) -> None:
    for slug, outcomes in SCREENING:
        space = spaces[slug]
        chosen = set(ScreeningRule.objects.filter(space=space).values_list("category", flat=True))
        # A choice someone made while trying the demo stays as they made it.
        missing = {c: str(o) for c, o in outcomes.items() if c not in chosen}
        leader = _any_leader(space)
        if missing and leader is not None:
            moderation.screening_rules_set(space=space, by=leader, outcomes=missing)


def _any_leader(space: Space) -> User | None:
    membership = (
        Membership.objects.active()
        .filter(space=space, role=MemberRole.LEADER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership is not None else None


def _watched_words(spaces: dict[str, Space], people: dict[str, User]) -> None:
    for spec in WATCHED_WORDS:
        space = spaces[spec.space]
        by = people[spec.by]
        if WatchedWord.objects.filter(space=space, phrase=spec.phrase.lower()).exists():
            continue
        if not moderation.is_steward(space, by):
            continue
        word = moderation.watched_word_add(
            space=space, by=by, phrase=spec.phrase, action=spec.action
        )
        WatchedWord.objects.filter(pk=word.pk).update(
            created_at=CONVERSATIONS_UNTIL - timedelta(days=spec.days_ago)
        )


class _Stamp:
    """Moves what the services just wrote (notifications, cases, reports) back to its
    moment in the demo story."""

    def __init__(self) -> None:
        self.clock = _Clock()
        self.last_case: int = Case.objects.aggregate(last=Max("pk"))["last"] or 0
        self.last_report: int = Report.objects.aggregate(last=Max("pk"))["last"] or 0

    def __call__(self, when: datetime) -> None:
        self.clock.notifications(when)
        # A case that was already open keeps the moment it opened.
        Case.objects.filter(pk__gt=self.last_case).update(created_at=when)
        Report.objects.filter(pk__gt=self.last_report).update(created_at=when)
        self.last_case = Case.objects.aggregate(last=Max("pk"))["last"] or 0
        self.last_report = Report.objects.aggregate(last=Max("pk"))["last"] or 0


def _can_post(space: Space, user: User) -> bool:
    """Whether the member may post now (someone trying the demo may have left the
    group, changed its rules or paused them)."""
    membership = community.active_membership(space, user)
    return (
        membership is not None
        and membership.rules_version_accepted >= space.rules_version
        and (
            membership.posting_paused_until is None
            or membership.posting_paused_until <= timezone.now()
        )
    )


def _queue_posts(spaces: dict[str, Space], people: dict[str, User], summary: DemoSummary) -> None:
    stamp = _Stamp()
    existing = set(Topic.objects.filter(space__in=spaces.values()).values_list("space_id", "title"))
    for spec in sorted(QUEUE_POSTS, key=lambda p: -p.hours_ago):
        space = spaces[spec.space]
        author = people[spec.author]
        if (space.pk, spec.title) in existing or not _can_post(space, author):
            continue
        when = CONVERSATIONS_UNTIL - timedelta(hours=spec.hours_ago)
        topic = community.topic_publish(
            author=author,
            space=space,
            title=spec.title,
            body=spec.body,
            is_anonymous=spec.anonymous,
            confirmed=spec.confirmed,
        ).post
        Topic.objects.filter(pk=topic.pk).update(created_at=when, last_activity_at=when)
        stamp(when)
        existing.add((space.pk, spec.title))
        summary.created_topics += 1
        _queue_replies(spec, topic, when, people, stamp, summary)


def _queue_replies(
    spec: DemoQueuePost,
    topic: Topic,
    started: datetime,
    people: dict[str, User],
    stamp: _Stamp,
    summary: DemoSummary,
) -> None:
    last_activity = started
    for reply_spec in spec.replies:
        author = people[reply_spec.author]
        if not _can_post(topic.space, author):
            continue
        when = started + timedelta(hours=reply_spec.hours)
        reply = community.reply_post(
            author=author, topic=topic, body=reply_spec.body, confirmed=reply_spec.confirmed
        ).post
        Reply.objects.filter(pk=reply.pk).update(created_at=when)
        stamp(when)
        last_activity = max(last_activity, when)
        summary.created_replies += 1
        report = reply_spec.report
        if (
            report is None
            or community.active_membership(topic.space, people[report.reporter]) is None
        ):
            continue
        reporter = people[report.reporter]
        moderation.report_content(
            reporter=reporter, category=report.category, reason=report.reason, reply=reply
        )
        stamp(when + timedelta(hours=report.hours))
    Topic.objects.filter(pk=topic.pk).update(last_activity_at=last_activity)
