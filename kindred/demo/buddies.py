"""The demo community's buddy programmes: "New parents living with type 1 diabetes", run
by South Coast Type 1 Peers (the buddy scheme Sal promises Bumpy Road in the
conversations), and "Newly diagnosed with Parkinson's", run by Living Well Together
(who run the Bristol Parkinson's Café). Both organisations are checked, and each one's
admin appointed the demo organisation admin (Harbour Rob) as a coordinator, so a
visitor who signs in with the printed demo login can run matching, read the
explanations and see who is still waiting, and why. Each programme is listed in the
directory as a buddy scheme, whose page links to the programme.

Everyone joins through the same services as the profile form, after consenting to the
use of their health details. Matching has run once for the type 1 programme: the
coordinator has proposals to review, people waiting (no supporter speaks Polish yet,
the only dad among the supporters is full) and a supporter whose training is not yet
recorded; one proposal was approved, both said yes, and they have exchanged a few
messages in Kindred. The Parkinson's programme has not been run, so the coordinator can
press "Run matching" and watch it work. As in `community.py`, what the services stamp
with the current time is moved back to its moment in the demo story.

The programmes, the profiles and the first messages are data, in
`kindred/demo/content/buddies.toml`; this module says what each entry holds and loads
them through the services.

Loading is idempotent: programmes are found by slug, people by email and profiles by
programme and person. Matching runs, and the story of the first match is told, only
for a programme that has never been run, so a second load adds nothing, and whatever a
visitor did while trying the demo (a rejected proposal, a new run) stays as it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Min

from kindred.accounts.models import ConsentPurpose, ConsentRecord, Role, User
from kindred.accounts.services import consent_give
from kindred.buddies import services
from kindred.buddies.models import (
    BuddyProfile,
    CheckIn,
    ContactMode,
    Coordinator,
    Gender,
    Match,
    MatchingRun,
    MatchState,
    Programme,
    Side,
)
from kindred.buddies.services import ProfileAnswers
from kindred.community.messaging import message_send
from kindred.community.models import Conversation, Message
from kindred.conditions.models import Condition, LifeEvent
from kindred.demo.community import _Clock, at
from kindred.demo.conversations import (
    BUMPY_ROAD,
    MEMBERS,
    DemoMember,
)
from kindred.demo.data import PEOPLE
from kindred.demo.files import entry, read
from kindred.demo.loader import DemoSummary, _new_user
from kindred.directory.models import Language, Organisation

ONLINE, PHONE, IN_PERSON = ContactMode.ONLINE, ContactMode.PHONE, ContactMode.IN_PERSON
WOMAN, MAN, NON_BINARY = Gender.WOMAN, Gender.MAN, Gender.NON_BINARY
SEEKER, SUPPORTER = Side.SEEKER, Side.SUPPORTER
BABY = "pregnancy-or-a-new-baby"
NEW_DIAGNOSIS = "new-diagnosis"
WORK = "starting-or-changing-work"
NEW_TREATMENT = "new-medication-or-therapy"


# --- Programmes ---------------------------------------------------------------------


@dataclass(frozen=True)
class DemoProgramme:
    """A buddy programme as a site admin sets it up in the admin site."""

    slug: str
    name: str
    organisation: str
    purpose: str
    conditions: tuple[str, ...]
    contact_modes: tuple[str, ...]
    requires_training: bool
    requires_background_check: bool
    duration_weeks: int
    checkin_every_days: int
    # When matching ran, in days before the end of the demo story; None: not yet.
    ran_days_ago: float | None = None


NEW_PARENTS = "new-parents-type-1"
PARKINSONS = "newly-diagnosed-parkinsons"


# --- People -----------------------------------------------------------------------


@dataclass(frozen=True)
class DemoBuddy:
    """One person's matching profile. `person` is one of the community's members (see
    `conversations.MEMBERS`) or someone who takes part only in a buddy programme; either
    way the display name is a pseudonym and the real name stays private."""

    programme: str
    person: DemoMember
    side: Side
    joined_days_ago: float
    contact_modes: tuple[str, ...]
    diagnosis_year: int | None = None
    birth_year: int | None = None
    gender: str = ""
    town: str = ""
    languages: tuple[str, ...] = ("en",)
    must_share_language: bool = False
    cultural_background: str = ""
    religion: str = ""
    life_events: tuple[str, ...] = ()
    treatments: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    wants_help_with: str = ""
    can_help_with: str = ""
    buddy_genders: tuple[str, ...] = ()
    buddy_age_min: int | None = None
    buddy_age_max: int | None = None
    capacity: int = 1
    shown_to_buddy: tuple[str, ...] = ()
    # A supporter's records, kept by the coordinator (ISO dates).
    trained_on: str | None = None
    accreditation: str = ""
    background_check_on: str | None = None


_MEMBERS = {m.key: m for m in MEMBERS}


# The first match in the type 1 programme: Bumpy Road, who asked Sal to put her on the
# list, and a mum who has done it. The coordinator approved it, both said yes, and they
# have written to each other. Times are days before the end of the demo story.
FIRST_MATCH_SEEKER = BUMPY_ROAD
APPROVED_DAYS_AGO = 5.9
SEEKER_SAID_YES_DAYS_AGO = 5.5
SUPPORTER_SAID_YES_DAYS_AGO = 5.2


@dataclass(frozen=True)
class DemoMessage:
    from_seeker: bool
    days_ago: float
    body: str


# --- Reading kindred/demo/content/buddies.toml ------------------------------------------


def _buddy(raw: dict[str, Any]) -> DemoBuddy:
    """A profile whose `person` is a member's key, or a table for someone who takes
    part only in a buddy programme."""
    raw = dict(raw)
    person = raw.pop("person")
    member = _MEMBERS[person] if isinstance(person, str) else entry(DemoMember, person)
    return entry(DemoBuddy, raw, person=member)


_CONTENT = read("buddies.toml")
PROGRAMMES: tuple[DemoProgramme, ...] = tuple(
    entry(DemoProgramme, raw) for raw in _CONTENT["programme"]
)
BUDDIES: tuple[DemoBuddy, ...] = tuple(_buddy(raw) for raw in _CONTENT["buddy"])
FIRST_MESSAGES: tuple[DemoMessage, ...] = tuple(
    entry(DemoMessage, raw) for raw in _CONTENT["first_message"]
)


# --- Loading --------------------------------------------------------------------------


@dataclass
class DemoBuddies:
    """What the demo buddy programmes hold, and how much of it this run added."""

    programmes: int = 0
    profiles: int = 0
    proposed: int = 0
    waiting: int = 0
    active: int = 0
    created_people: int = 0
    created_programmes: int = 0
    created_profiles: int = 0
    created_runs: int = 0
    created_messages: int = 0

    @property
    def created_anything(self) -> bool:
        return any(
            (
                self.created_people,
                self.created_programmes,
                self.created_profiles,
                self.created_runs,
                self.created_messages,
            )
        )


@transaction.atomic
def load_buddies(summary: DemoSummary | None = None) -> DemoBuddies:
    """Set up the demo buddy programmes, adding only what is not there yet. Needs the
    demo organisations and logins (`load_demo_community`); people added here count on
    `summary` too, when given."""
    loaded = DemoBuddies()
    coordinator = _coordinator()
    clock = _Clock()
    people = _people(loaded)
    for spec in PROGRAMMES:
        programme = _programme(spec, coordinator, clock, loaded)
        for buddy in BUDDIES:
            if buddy.programme == spec.slug:
                _profile(buddy, programme, people[buddy.person.email], coordinator, loaded)
        if spec.ran_days_ago is not None and not programme.runs.exists():
            _first_run(spec, programme, coordinator, people, clock, loaded)
    _backdate_joining(list(people.values()))

    programmes = Programme.objects.filter(slug__in=[p.slug for p in PROGRAMMES])
    loaded.programmes = programmes.count()
    loaded.profiles = BuddyProfile.objects.filter(programme__in=programmes).count()
    matches = Match.objects.filter(programme__in=programmes)
    loaded.proposed = matches.filter(state=MatchState.PROPOSED).count()
    loaded.active = matches.filter(state=MatchState.ACTIVE).count()
    loaded.waiting = sum(
        len(run.waiting) for run in (p.runs.first() for p in programmes) if run is not None
    )
    if summary is not None:
        summary.created_people += loaded.created_people
    return loaded


def _coordinator() -> User:
    org_admin = next(p for p in PEOPLE if p.role == Role.ORG_ADMIN)
    user = User.objects.filter(email=org_admin.email).first()
    if user is None:
        raise ValueError("Load the demo community (load_demo_community) before its buddies.")
    return user


def _people(loaded: DemoBuddies) -> dict[str, User]:
    """Everyone in the programmes, by email. People who are also in the online groups
    are the same accounts as there, whichever loader makes them first; nobody added
    here has a password, so only the demo logins can sign in."""
    emails = list(dict.fromkeys(b.person.email for b in BUDDIES))
    people = User.objects.in_bulk(emails, field_name="email")
    for buddy in BUDDIES:
        email = buddy.person.email
        if email in people:
            continue
        people[email] = _new_user(
            email,
            display_name=buddy.person.display_name,
            real_name=buddy.person.real_name,
            password=None,
        )
        loaded.created_people += 1
    return people


def _backdate_joining(people: list[User]) -> None:
    """Nobody should seem to have joined Kindred after they joined a programme."""
    earliest = (
        BuddyProfile.objects.filter(user__in=people)
        .values("user_id")
        .annotate(first=Min("created_at"))
    )
    for row in earliest:
        User.objects.filter(pk=row["user_id"], date_joined__gt=row["first"]).update(
            date_joined=row["first"] - timedelta(days=1)
        )


def _programme(
    spec: DemoProgramme, coordinator: User, clock: _Clock, loaded: DemoBuddies
) -> Programme:
    organisation = Organisation.objects.get(slug=spec.organisation)
    set_up = at(max(b.joined_days_ago for b in BUDDIES if b.programme == spec.slug) + 7)
    # The organisation's admin appoints the demo coordinator (South Coast's admin is
    # Harbour Rob himself; Living Well's team account appoints him as a volunteer).
    admin = (
        User.objects.filter(
            role_assignments__role=Role.ORG_ADMIN, role_assignments__organisation=organisation
        )
        .order_by("pk")
        .first()
    )
    services.coordinator_appoint(
        organisation=organisation, user=coordinator, by=admin or coordinator
    )
    # Appointed when the programme was set up, not when the demo was loaded.
    Coordinator.objects.filter(
        organisation=organisation, user=coordinator, appointed_at__gt=set_up
    ).update(appointed_at=set_up)
    clock.notifications(set_up)
    programme = Programme.objects.filter(slug=spec.slug).first()
    if programme is not None:
        if programme.listing_id is None:
            services.programme_list(programme=programme)
        return programme
    conditions = list(Condition.objects.filter(slug__in=spec.conditions))
    if len(conditions) != len(spec.conditions):
        # The taxonomy comes from a migration; a typo here shows at once.
        raise ValueError(f"Demo programme {spec.name!r} names unknown conditions")
    # Made directly rather than through `services.programme_save`, so that it started
    # at its moment in the story; its directory listing is made as the service makes it.
    programme = Programme.objects.create(
        organisation=organisation,
        slug=spec.slug,
        name=spec.name,
        purpose=spec.purpose,
        contact_modes=list(spec.contact_modes),
        requires_training=spec.requires_training,
        requires_background_check=spec.requires_background_check,
        duration_weeks=spec.duration_weeks,
        checkin_every_days=spec.checkin_every_days,
        coordinator=coordinator,
        created_at=set_up,
    )
    programme.conditions.set(conditions)
    services.programme_list(programme=programme)
    loaded.created_programmes += 1
    return programme


def _profile(
    spec: DemoBuddy,
    programme: Programme,
    user: User,
    coordinator: User,
    loaded: DemoBuddies,
) -> None:
    if BuddyProfile.objects.filter(programme=programme, user=user).exists():
        return
    joined = at(spec.joined_days_ago)
    consent = consent_give(user=user, purpose=ConsentPurpose.HEALTH_DATA)
    # They agreed on the form as they joined, not when the demo was loaded.
    ConsentRecord.objects.filter(pk=consent.pk, given_at__gt=joined).update(given_at=joined)
    profile = services.profile_save(programme=programme, user=user, answers=_answers(spec))
    if spec.side == SUPPORTER:
        services.supporter_record(
            profile=profile,
            by=coordinator,
            training_completed_on=_date(spec.trained_on),
            accreditation=spec.accreditation,
            background_check_on=_date(spec.background_check_on),
        )
    BuddyProfile.objects.filter(pk=profile.pk).update(created_at=joined, updated_at=joined)
    loaded.created_profiles += 1


def _answers(spec: DemoBuddy) -> ProfileAnswers:
    condition_slug = next(p.conditions[0] for p in PROGRAMMES if p.slug == spec.programme)
    life_events = LifeEvent.objects.in_bulk(spec.life_events, field_name="slug")
    languages = Language.objects.in_bulk(spec.languages, field_name="code")
    missing = [s for s in spec.life_events if s not in life_events]
    missing += [code for code in spec.languages if code not in languages]
    if missing:
        raise ValueError(f"Demo buddy {spec.person.display_name!r} names unknown {missing}")
    return ProfileAnswers(
        side=spec.side,
        condition_id=Condition.objects.get(slug=condition_slug).pk,
        contact_modes=list(spec.contact_modes),
        diagnosis_year=spec.diagnosis_year,
        treatments=list(spec.treatments),
        life_event_ids=[life_events[s].pk for s in spec.life_events],
        wants_help_with=spec.wants_help_with,
        can_help_with=spec.can_help_with,
        language_ids=[languages[code].pk for code in spec.languages],
        must_share_language=spec.must_share_language,
        cultural_background=spec.cultural_background,
        religion=spec.religion,
        birth_year=spec.birth_year,
        gender=spec.gender,
        town=spec.town,
        interests=list(spec.interests),
        values=list(spec.values),
        buddy_genders=list(spec.buddy_genders),
        buddy_age_min=spec.buddy_age_min,
        buddy_age_max=spec.buddy_age_max,
        capacity=spec.capacity,
        shown_to_buddy=list(spec.shown_to_buddy),
    )


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _first_run(
    spec: DemoProgramme,
    programme: Programme,
    coordinator: User,
    people: dict[str, User],
    clock: _Clock,
    loaded: DemoBuddies,
) -> None:
    """The coordinator runs matching, approves the first match, both say yes and they
    write to each other; each step moved back to its moment in the story."""
    assert spec.ran_days_ago is not None
    run = services.run_matching(programme=programme, by=coordinator)
    ran = at(spec.ran_days_ago)
    MatchingRun.objects.filter(pk=run.pk).update(created_at=ran)
    Match.objects.filter(run=run).update(created_at=ran)
    loaded.created_runs += 1

    seeker = people[_MEMBERS[FIRST_MATCH_SEEKER].email]
    proposals = Match.objects.filter(run=run, state=MatchState.PROPOSED)
    match = proposals.filter(seeker__user=seeker).first() or proposals.first()
    if match is None:
        return
    services.match_approve(match=match, by=coordinator)
    Match.objects.filter(pk=match.pk).update(decided_at=at(APPROVED_DAYS_AGO))
    clock.notifications(at(APPROVED_DAYS_AGO))

    match = Match.objects.select_related("seeker__user", "supporter__user").get(pk=match.pk)
    seeker_user, supporter_user = match.seeker.user, match.supporter.user
    services.match_answer(match=match, user=seeker_user, yes=True)
    services.match_answer(match=match, user=supporter_user, yes=True)
    started = at(SUPPORTER_SAID_YES_DAYS_AGO)
    Match.objects.filter(pk=match.pk).update(
        seeker_said_yes_at=at(SEEKER_SAID_YES_DAYS_AGO),
        supporter_said_yes_at=started,
        started_at=started,
    )
    clock.notifications(started)
    _move_checkins(match, started.date())

    conversation_id = None
    for spec_message in FIRST_MESSAGES:
        sender, recipient = (
            (seeker_user, supporter_user)
            if spec_message.from_seeker
            else (supporter_user, seeker_user)
        )
        message = message_send(sender=sender, recipient=recipient, body=spec_message.body).post
        when = at(spec_message.days_ago)
        Message.objects.filter(pk=message.pk).update(created_at=when)
        # Each earlier message was read before its reply was written.
        Message.objects.filter(
            conversation_id=message.conversation_id, sender=recipient, read_at__isnull=True
        ).exclude(pk=message.pk).update(read_at=when)
        clock.notifications(when)
        conversation_id = message.conversation_id
        loaded.created_messages += 1
    if conversation_id is not None:
        first = at(FIRST_MESSAGES[0].days_ago)
        last = at(FIRST_MESSAGES[-1].days_ago)
        Conversation.objects.filter(pk=conversation_id).update(
            created_at=first, last_message_at=last
        )


def _move_checkins(match: Match, started: date) -> None:
    """The services plan check-ins from today; the match started earlier in the story."""
    checkins = list(CheckIn.objects.filter(match=match))
    if not checkins:
        return
    shift = min(c.due_on for c in checkins) - (
        started + timedelta(days=match.programme.checkin_every_days)
    )
    for checkin in checkins:
        checkin.due_on -= shift
    CheckIn.objects.bulk_update(checkins, ["due_on"])
