"""Loads the demo community (see `data.py`) through the same services the pages, the
API and the tasks use, so the demo directory looks exactly as if real organisations had
registered and listed their groups.

Loading is idempotent: people are found by email, organisations and groups by slug,
venues and meeting times by name within their group. Anything already there is left
as it is, so running the loader again adds nothing and never overwrites changes made
while trying the demo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from dateutil.rrule import rrulestr
from django.contrib.auth.hashers import make_password
from django.db import transaction

from kindred.accounts.models import (
    ORGANISATION_ROLES,
    STAFF_ROLES,
    ConsentPurpose,
    Role,
    User,
)
from kindred.accounts.services import consent_give, role_grant
from kindred.conditions.models import Condition
from kindred.demo.conversations import SPACES
from kindred.demo.data import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    GROUPS,
    ORGANISATIONS,
    PEOPLE,
    SOUTH_COAST,
    DemoGroup,
    DemoOrganisation,
    DemoPerson,
    DemoSchedule,
)
from kindred.directory.models import (
    GroupStatus,
    Language,
    Organisation,
    PeerGroup,
    Schedule,
    Venue,
)
from kindred.directory.services import (
    organisation_register,
    organisation_verify,
    peer_group_save,
    schedule_save,
    venue_save,
)


@dataclass
class DemoSummary:
    """What the demo community holds, and how much of it this run added."""

    organisations: int = 0
    published_groups: int = 0
    draft_groups: int = 0
    conditions: int = 0
    logins: int = 0
    created_people: int = 0
    created_organisations: int = 0
    created_groups: int = 0
    created_venues: int = 0
    created_schedules: int = 0
    # The online groups (see `community.py`).
    spaces: int = 0
    topics: int = 0
    replies: int = 0
    created_spaces: int = 0
    created_memberships: int = 0
    created_topics: int = 0
    created_replies: int = 0
    # Moderation (see `moderation.py`): ground rules, false claims, the review queue.
    open_cases: int = 0
    created_rules: int = 0
    created_claims: int = 0
    created_cases: int = 0

    @property
    def created_anything(self) -> bool:
        return any(
            (
                self.created_people,
                self.created_organisations,
                self.created_groups,
                self.created_venues,
                self.created_schedules,
                self.created_spaces,
                self.created_memberships,
                self.created_topics,
                self.created_replies,
                self.created_rules,
                self.created_claims,
                self.created_cases,
            )
        )

    def line(self) -> str:
        """One line for the terminal, e.g. after `make run`."""
        holds = (
            f"Demo community: {self.organisations} organisations, {self.published_groups} "
            f"published groups and {self.draft_groups} drafts about {self.conditions} "
            f"conditions, {self.logins} demo logins; {self.spaces} online groups with "
            f"{self.topics} conversations and {self.replies} replies; {self.open_cases} "
            "posts waiting for a moderator."
        )
        if not self.created_anything:
            return f"{holds} Already loaded: nothing new added."
        return (
            f"{holds} Added {self.created_people} people, {self.created_organisations} "
            f"organisations, {self.created_groups} groups, {self.created_venues} venues, "
            f"{self.created_schedules} meeting times, {self.created_spaces} online groups, "
            f"{self.created_memberships} memberships, {self.created_topics} conversations, "
            f"{self.created_replies} replies, {self.created_rules} sets of ground rules, "
            f"{self.created_claims} false claims to screen for and {self.created_cases} "
            "moderation cases."
        )


@transaction.atomic
def load_demo_community() -> DemoSummary:
    """Create the demo people, organisations and groups that are not there yet."""
    summary = DemoSummary()
    people = {person.role: _person(person, summary) for person in PEOPLE}
    site_admin = people[Role.SITE_ADMIN]
    organisations = {
        org.slug: _organisation(org, people, site_admin, summary) for org in ORGANISATIONS
    }
    _grant_roles(people, organisations[SOUTH_COAST])
    _load_groups(organisations, summary)

    demo_groups = PeerGroup.objects.filter(slug__in=[g.slug for g in GROUPS])
    summary.organisations = len(organisations)
    summary.published_groups = demo_groups.filter(status=GroupStatus.PUBLISHED).count()
    summary.draft_groups = demo_groups.filter(status=GroupStatus.DRAFT).count()
    summary.conditions = (
        Condition.objects.filter(peer_groups__in=demo_groups.filter(status=GroupStatus.PUBLISHED))
        .distinct()
        .count()
    )
    summary.logins = len(people)

    # Imported here because the conversations build on this module's people, and
    # moderation on the conversations' groups.
    from kindred.demo.community import load_demo_conversations
    from kindred.demo.moderation import load_demo_moderation

    load_demo_conversations(summary)
    load_demo_moderation(summary)
    # Imported here: the buddies demo uses this module's DemoSummary and _new_user.
    from kindred.demo.buddies import load_buddies

    load_buddies(summary)
    # Counted last: buddy programmes add their own directory listings. The public rule
    # (published and not hidden) is the one the directory uses.
    summary.published_groups = PeerGroup.objects.published().count()
    return summary


@cache
def _hashed(password: str) -> str:
    """The demo logins share one published password, hashed once rather than for each
    of them (a hash takes about a third of a second with the real hasher)."""
    return make_password(password)


def _new_user(
    email: str,
    *,
    display_name: str,
    real_name: str,
    password: str | None,
    site_admin: bool = False,
) -> User:
    """A person whose email address counts as already confirmed (they cannot receive
    the confirmation email at a demo address)."""
    user = User.objects.create_user(
        email,
        None,
        display_name=display_name,
        real_name=real_name,
        # The Django admin site is for site admins only.
        is_staff=site_admin,
        is_superuser=site_admin,
    )
    if password is not None:
        user.password = _hashed(password)
        user.save(update_fields=["password"])
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    consent_give(user=user, purpose=ConsentPurpose.TERMS)
    return user


def _person(person: DemoPerson, summary: DemoSummary) -> User:
    user = User.objects.filter(email=person.email).first()
    if user is None:
        user = _new_user(
            person.email,
            display_name=person.display_name,
            real_name=person.real_name,
            password=DEMO_PASSWORD,
            site_admin=person.role == Role.SITE_ADMIN,
        )
        summary.created_people += 1
    for purpose in person.consents:
        consent_give(user=user, purpose=purpose)
    if person.role in STAFF_ROLES and not _has_totp(user):
        # Staff roles need a second step at sign-in; one published secret lets anyone
        # trying the demo get past it (see `manage.py demo_logins`).
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return user


def _has_totp(user: User) -> bool:
    found: bool = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    return found


def _grant_roles(people: dict[Role, User], south_coast: Organisation) -> None:
    """Organisation roles are held at South Coast Type 1 Peers, the group a demo
    walks through; the others are site-wide."""
    for person in PEOPLE:
        role_grant(
            user=people[person.role],
            role=person.role,
            organisation=south_coast if person.role in ORGANISATION_ROLES else None,
            accreditation=person.accreditation,
        )


def _organisation(
    org: DemoOrganisation, people: dict[Role, User], site_admin: User, summary: DemoSummary
) -> Organisation:
    """Register the organisation as its own team would, then verify it as a site admin
    would. South Coast Type 1 Peers is registered by the demo organisation admin; each
    other organisation by a team account that cannot sign in."""
    organisation = Organisation.objects.filter(slug=org.slug).first()
    if organisation is None:
        registrant = people[Role.ORG_ADMIN] if org.slug == SOUTH_COAST else _team(org, summary)
        organisation = organisation_register(
            user=registrant,
            name=org.name,
            kind=org.kind,
            description=org.description,
            website=org.website,
            charity_number=org.charity_number,
            email=org.email,
            phone=org.phone,
            town=org.town,
            country=org.country,
        )
        summary.created_organisations += 1
    if org.verified and not organisation.is_verified:
        organisation_verify(organisation=organisation, by=site_admin)
    return organisation


def _team(org: DemoOrganisation, summary: DemoSummary) -> User:
    user = User.objects.filter(email=org.team_email).first()
    if user is None:
        # No password: only the demo logins printed by `demo_logins` can sign in.
        user = _new_user(
            org.team_email, display_name=f"{org.name} team"[:40], real_name="", password=None
        )
        summary.created_people += 1
    return user


def _load_groups(organisations: dict[str, Organisation], summary: DemoSummary) -> None:
    conditions = Condition.objects.in_bulk(field_name="slug")
    languages = Language.objects.in_bulk(field_name="code")
    slugs = [group.slug for group in GROUPS]
    existing = PeerGroup.objects.in_bulk(slugs, field_name="slug")
    venues = {(v.group_id, v.name): v for v in Venue.objects.filter(group__slug__in=slugs)}
    schedules = set(Schedule.objects.filter(group__slug__in=slugs).values_list("group_id", "title"))
    for spec in GROUPS:
        group = existing.get(spec.slug)
        if group is None:
            group = _create_group(spec, organisations, conditions, languages)
            summary.created_groups += 1
        for venue_spec in spec.venues:
            if (group.pk, venue_spec.name) in venues:
                continue
            venues[group.pk, venue_spec.name] = venue_save(
                venue=Venue(
                    group=group,
                    name=venue_spec.name,
                    address=venue_spec.address,
                    town=venue_spec.town,
                    postcode=venue_spec.postcode,
                    country=spec.country,
                    latitude=venue_spec.latitude,
                    longitude=venue_spec.longitude,
                    step_free=venue_spec.step_free,
                    accessibility_notes=venue_spec.accessibility_notes,
                    safe_space_notes=venue_spec.safe_space_notes,
                )
            )
            summary.created_venues += 1
        for schedule_spec in spec.schedules:
            if (group.pk, schedule_spec.title) in schedules:
                continue
            schedule_save(
                group=group,
                title=schedule_spec.title,
                rrule=schedule_spec.rrule,
                first_meeting=first_meeting(schedule_spec, spec.timezone),
                duration_minutes=schedule_spec.minutes,
                venue=venues[group.pk, schedule_spec.venue] if schedule_spec.venue else None,
                is_online=schedule_spec.is_online,
                timezone=spec.timezone,
            )
            schedules.add((group.pk, schedule_spec.title))
            summary.created_schedules += 1


_WITH_A_SPACE = frozenset(spec.group for spec in SPACES)


def _create_group(
    spec: DemoGroup,
    organisations: dict[str, Organisation],
    conditions: dict[str, Condition],
    languages: dict[str, Language],
) -> PeerGroup:
    missing = [s for s in spec.conditions if s not in conditions]
    missing += [code for code in spec.languages if code not in languages]
    if missing:
        # The taxonomy and languages come from migrations; a typo in data.py shows here.
        raise ValueError(
            f"Demo group {spec.name!r} names unknown conditions or languages: {missing}"
        )
    group = PeerGroup(
        organisation=organisations[spec.organisation],
        slug=spec.slug,
        name=spec.name,
        summary=spec.summary,
        description=spec.description,
        audience=spec.audience,
        age_min=spec.age_min,
        age_max=spec.age_max,
        gender_focus=spec.gender_focus,
        cultural_focus=spec.cultural_focus,
        form=spec.form,
        model=spec.model,
        is_online=spec.is_online,
        is_in_person=spec.is_in_person,
        is_phone=spec.is_phone,
        how_to_join=spec.how_to_join,
        is_free=spec.is_free,
        cost=spec.cost,
        contact_email=spec.contact_email,
        contact_phone=spec.contact_phone,
        contact_visibility=spec.contact_visibility,
        town=spec.town,
        country=spec.country,
        latitude=spec.latitude,
        longitude=spec.longitude,
        leaders_accredited=spec.leaders_accredited,
        accreditation_details=spec.accreditation_details,
        online_moderated=spec.online_moderated,
        safe_space=spec.safe_space,
        privacy_protected=spec.privacy_protected,
        status=spec.status,
    )
    return peer_group_save(
        group=group,
        conditions=[conditions[s] for s in spec.conditions],
        languages=[languages[code] for code in spec.languages],
        # A group with an online space in the demo gets rules written for that space
        # instead (see moderation.rules_for), as its first version.
        ground_rules=None if spec.slug in _WITH_A_SPACE else spec.ground_rules,
    )


def first_meeting(schedule: DemoSchedule, timezone: str) -> datetime:
    """The first date on or after the schedule's start day that fits its repeat rule,
    at its local time (dateutil does not count a start that misses the rule)."""
    start = datetime.fromisoformat(f"{schedule.starts}T{schedule.time}").replace(
        tzinfo=ZoneInfo(timezone)
    )
    moment: datetime | None = rrulestr(schedule.rrule, dtstart=start).after(start, inc=True)
    if moment is None:
        raise ValueError(f"{schedule.rrule!r} never happens after {start:%Y-%m-%d}")
    return moment
