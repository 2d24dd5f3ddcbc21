"""What the demo community contains: the people to sign in as, the organisations that
run peer support and the groups they list. The content itself is data, in
`kindred/demo/content/` (people.toml, organisations.toml, groups.toml and
ground_rules.toml): adding a demo group is adding a [[group]] there. This module says
what each entry may hold (the dataclasses below, with their defaults) and reads the
files once.

Everything in them is made up. Email addresses and websites use the reserved
`.localhost` and `.example` domains, phone numbers come from the ranges Ofcom and ACMA
keep for drama, and charity numbers say DEMO. The towns are real, so that the map and
"near me" search work. Descriptions are written in plain English with short sentences
(a reading age of about 11), and none of them gives medical advice (the demo tests check
both)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.text import slugify

from kindred.accounts.models import ConsentPurpose, Role
from kindred.demo.files import entry, read
from kindred.directory.models import (
    Audience,
    ContactVisibility,
    GenderFocus,
    GroupStatus,
    OrganisationKind,
    SupportForm,
    SupportModel,
)

# One password for every demo login, printed by `manage.py demo_logins`. Demo accounts
# are public knowledge: never load the demo community into a real service's database.
DEMO_PASSWORD = "kindred-demo-2026"  # noqa: S105
# Staff roles must sign in with a second step. Every demo staff account shares this
# TOTP secret (base32), so a person can add it to an authenticator app once, or read
# the current code from `manage.py demo_logins`.
DEMO_TOTP_SECRET = "KINDREDDEMOSTAFFKINDREDDEMOSTAFF"  # noqa: S105
DEMO_EMAIL_DOMAIN = "demo.kindred.localhost"

# The first meeting of every schedule is the first date on or after this day that fits
# its repeat rule, so that the data stays the same from one run to the next.
SCHEDULES_START = "2026-01-01"

# --- People -----------------------------------------------------------------------


@dataclass(frozen=True)
class DemoPerson:
    """Someone a visitor can sign in as, to see Kindred through one role's eyes.
    Display names are pseudonyms, as many members choose; real names stay private."""

    role: Role
    email: str
    display_name: str
    real_name: str
    consents: tuple[ConsentPurpose, ...] = (ConsentPurpose.TERMS,)
    # Training on record, for peer leaders.
    accreditation: str = ""


# --- Organisations ----------------------------------------------------------------


@dataclass(frozen=True)
class DemoOrganisation:
    """A charity, clinic, health service, community centre or informal group that runs
    peer support in the demo."""

    slug: str
    name: str
    kind: OrganisationKind
    town: str
    country: str
    description: str
    website: str
    email: str
    phone: str = ""
    charity_number: str = ""
    verified: bool = True
    # The training its group leaders have, shown on groups that say their leaders
    # are trained or accredited.
    accreditation: str = ""

    @property
    def team_email(self) -> str:
        """The account that registered the organisation on Kindred and administers it."""
        return f"team.{self.slug}@{DEMO_EMAIL_DOMAIN}"


# Organisations the demo's online groups, conversations and buddy programmes belong to.
SOUTH_COAST = "south-coast-type-1-peers"
LIVING_WELL = "living-well-together"

MENTAL_HEALTH_CONDITIONS = frozenset(
    {
        "depression",
        "anxiety",
        "bipolar-disorder",
        "schizophrenia",
        "post-traumatic-stress-disorder",
        "eating-disorders",
    }
)


# --- Groups -----------------------------------------------------------------------


@dataclass(frozen=True)
class DemoVenue:
    """A place a demo group meets. Without coordinates, the town's centre is used."""

    name: str
    town: str
    address: str = ""
    postcode: str = ""
    latitude: float | None = None
    longitude: float | None = None
    step_free: bool = True
    accessibility_notes: str = ""
    safe_space_notes: str = ""


@dataclass(frozen=True)
class DemoSchedule:
    """A repeating meeting: an RFC 5545 rule and a local time. `venue` names one of the
    group's venues; without one, the meeting is online (or by phone)."""

    title: str
    rrule: str
    time: str
    minutes: int = 90
    venue: str = ""
    is_online: bool = False
    # The day the first meeting is found from (see SCHEDULES_START).
    starts: str = SCHEDULES_START


@dataclass(frozen=True)
class DemoGroup:
    """A peer support group in the demo directory, with its places and meeting times."""

    organisation: str
    name: str
    summary: str
    description: str
    conditions: tuple[str, ...]
    country: str
    form: SupportForm
    model: SupportModel
    how_to_join: str
    town: str = ""
    timezone: str = "Europe/London"
    is_online: bool = False
    is_in_person: bool = False
    is_phone: bool = False
    audience: Audience = Audience.LIVING_WITH
    age_min: int | None = None
    age_max: int | None = None
    gender_focus: GenderFocus = GenderFocus.ANY
    cultural_focus: str = ""
    languages: tuple[str, ...] = ("en",)
    is_free: bool = True
    cost: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_visibility: ContactVisibility = ContactVisibility.SIGNED_IN
    latitude: float | None = None
    longitude: float | None = None
    leaders_accredited: bool = False
    accreditation_details: str = ""
    ground_rules: str = ""
    online_moderated: bool = False
    safe_space: bool = False
    privacy_protected: bool = False
    status: GroupStatus = GroupStatus.PUBLISHED
    venues: tuple[DemoVenue, ...] = ()
    schedules: tuple[DemoSchedule, ...] = ()

    @property
    def slug(self) -> str:
        return slugify(self.name)


# --- Reading the files ----------------------------------------------------------------


def _group(raw: dict[str, Any], rules: dict[str, str]) -> DemoGroup:
    raw = dict(raw)
    venues = tuple(entry(DemoVenue, v) for v in raw.pop("venue", []))
    schedules = tuple(entry(DemoSchedule, s) for s in raw.pop("schedule", []))
    named = raw.pop("ground_rules", "")
    return entry(
        DemoGroup,
        raw,
        ground_rules=rules[named] if named else "",
        venues=venues,
        schedules=schedules,
    )


PEOPLE: tuple[DemoPerson, ...] = tuple(
    entry(DemoPerson, raw) for raw in read("people.toml")["person"]
)
ORGANISATIONS: tuple[DemoOrganisation, ...] = tuple(
    entry(DemoOrganisation, raw) for raw in read("organisations.toml")["organisation"]
)
_GROUND_RULES: dict[str, str] = read("ground_rules.toml")
GROUPS: tuple[DemoGroup, ...] = tuple(
    _group(raw, _GROUND_RULES) for raw in read("groups.toml")["group"]
)
