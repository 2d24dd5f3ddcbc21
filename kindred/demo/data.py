"""What the demo community contains, as plain data: the people to sign in as, the
organisations that run peer support and the groups they list.

Everything here is made up. Email addresses and websites use the reserved `.localhost`
and `.example` domains, phone numbers come from the ranges Ofcom and ACMA keep for
drama, and charity numbers say DEMO. The towns are real, so that the map and "near me"
search work. Descriptions are written in plain English with short sentences (a reading
age of about 11), and none of them gives medical advice.

Most groups come from the compact rows near the end of the file (`_row`); the flagship
groups, the ones a demo walks through, are written out in full."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import slugify

from kindred.accounts.models import ConsentPurpose, Role
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


PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson(
        role=Role.MEMBER,
        email=f"member@{DEMO_EMAIL_DOMAIN}",
        display_name="Seaglass",
        real_name="Jessica Kaur",
        consents=(
            ConsentPurpose.TERMS,
            ConsentPurpose.HEALTH_DATA,
            ConsentPurpose.RESEARCH,
            ConsentPurpose.EMAIL_UPDATES,
        ),
    ),
    DemoPerson(
        role=Role.CARER,
        email=f"carer@{DEMO_EMAIL_DOMAIN}",
        display_name="Kettle On",
        real_name="Daniel Okafor",
        consents=(ConsentPurpose.TERMS, ConsentPurpose.HEALTH_DATA, ConsentPurpose.EMAIL_UPDATES),
    ),
    DemoPerson(
        role=Role.PEER_LEADER,
        email=f"peer-leader@{DEMO_EMAIL_DOMAIN}",
        display_name="Southsea Sal",
        real_name="Sally Brennan",
        accreditation="Peer support leadership course (2024) and safeguarding training",
    ),
    DemoPerson(
        role=Role.MODERATOR,
        email=f"moderator@{DEMO_EMAIL_DOMAIN}",
        display_name="Lighthouse",
        real_name="Tom Evans",
    ),
    DemoPerson(
        role=Role.CLINICIAN,
        email=f"clinician@{DEMO_EMAIL_DOMAIN}",
        display_name="Amira (diabetes nurse)",
        real_name="Amira Hussain",
    ),
    DemoPerson(
        role=Role.ORG_ADMIN,
        email=f"org-admin@{DEMO_EMAIL_DOMAIN}",
        display_name="Harbour Rob",
        real_name="Robert Lewis",
    ),
    DemoPerson(
        role=Role.SITE_ADMIN,
        email=f"site-admin@{DEMO_EMAIL_DOMAIN}",
        display_name="Kindred Admin",
        real_name="Alex Morgan",
    ),
)


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


SOUTH_COAST = "south-coast-type-1-peers"
HARBOURSIDE = "harbourside-diabetes-centre"
LIVING_WELL = "living-well-together"
BRIGHTER_MINDS = "brighter-minds-peer-network"
SOLENT = "solent-community-health"
SPARKBROOK = "sparkbrook-community-hub"
PENNINE = "pennine-pain-and-fatigue-clinic"
KIDNEY_PALS = "kidney-pals-cymru"
KITCHEN_TABLE = "long-covid-kitchen-table"
CLYDESIDE = "clydeside-community-centre"
PEER_CONNECT = "peer-connect-australia"
CENTRAL_VICTORIA = "central-victoria-community-health"
LUPUS_CIRCLE = "tasmanian-lupus-circle"

ORGANISATIONS: tuple[DemoOrganisation, ...] = (
    DemoOrganisation(
        slug=SOUTH_COAST,
        name="South Coast Type 1 Peers",
        kind=OrganisationKind.INFORMAL_GROUP,
        town="Portsmouth",
        country="GB",
        description=(
            "We are people who live with type 1 diabetes on the south coast. We started "
            "as a few friends in a café in Southsea. Now we run a closed online group, "
            "walks, socials and a yearly conference. Peers run everything. Local diabetes "
            "clinics tell people about us."
        ),
        website="https://south-coast-type-1-peers.example",
        email="hello@south-coast-type-1-peers.example",
        phone="07700 900123",
        accreditation=(
            "Our peer leaders have done a peer support leadership course and safeguarding training."
        ),
    ),
    DemoOrganisation(
        slug=HARBOURSIDE,
        name="Harbourside Diabetes Centre",
        kind=OrganisationKind.CLINIC,
        town="Portsmouth",
        country="GB",
        description=(
            "We are the diabetes clinic for Portsmouth and the towns around it. As well "
            "as appointments, we run group clinics, courses and groups for young people. "
            "We also tell our patients about local peer groups."
        ),
        website="https://harbourside-diabetes-centre.example",
        email="diabetes.team@harbourside-diabetes-centre.example",
        phone="01632 960100",
        accreditation="Diabetes specialist nurses, youth workers and trained peer educators.",
    ),
    DemoOrganisation(
        slug=LIVING_WELL,
        name="Living Well Together",
        kind=OrganisationKind.CHARITY,
        town="London",
        country="GB",
        description=(
            "A UK charity that helps people start and run peer support groups for many "
            "long-term conditions. We train volunteers, find rooms and pay for the tea. "
            "Our groups meet all over the country and online."
        ),
        website="https://living-well-together.example",
        email="groups@living-well-together.example",
        phone="020 7946 0210",
        charity_number="DEMO-1180001",
        accreditation="Living Well Together peer facilitator course and safeguarding training.",
    ),
    DemoOrganisation(
        slug=BRIGHTER_MINDS,
        name="Brighter Minds Peer Network",
        kind=OrganisationKind.CHARITY,
        town="Brighton",
        country="GB",
        description=(
            "A mental health charity run by people with lived experience. Our peer "
            "workers have been through hard times themselves. We run groups in person, "
            "online and by phone."
        ),
        website="https://brighter-minds-peer-network.example",
        email="hello@brighter-minds-peer-network.example",
        phone="01632 960345",
        charity_number="DEMO-1180002",
        accreditation="Brighter Minds peer support worker training and safeguarding training.",
    ),
    DemoOrganisation(
        slug=SOLENT,
        name="Solent Community Health",
        kind=OrganisationKind.HEALTH_SERVICE,
        town="Southampton",
        country="GB",
        description=(
            "We are a community health service in and around Southampton. Our peer "
            "workers have lived with the same health problems as the people they help. "
            "They work as part of the team, side by side with our nurses, physios and "
            "doctors."
        ),
        website="https://solent-community-health.example",
        email="peer.support@solent-community-health.example",
        phone="01632 960512",
        accreditation="Employed peer support workers with NHS peer support worker training.",
    ),
    DemoOrganisation(
        slug=SPARKBROOK,
        name="Sparkbrook Community Hub",
        kind=OrganisationKind.COMMUNITY_GROUP,
        town="Birmingham",
        country="GB",
        description=(
            "We are a community centre in Sparkbrook, Birmingham. We run groups in many "
            "languages, a food bank and advice sessions. Local people we have trained "
            "lead our health groups."
        ),
        website="https://sparkbrook-community-hub.example",
        email="info@sparkbrook-community-hub.example",
        phone="0121 496 0377",
        charity_number="DEMO-1180003",
        accreditation="Community health champion training.",
    ),
    DemoOrganisation(
        slug=PENNINE,
        name="Pennine Pain and Fatigue Clinic",
        kind=OrganisationKind.CLINIC,
        town="Leeds",
        country="GB",
        description=(
            "An NHS clinic in Leeds for people living with long-term pain and tiredness. "
            "We run group clinics and support peer groups led by our patients."
        ),
        website="https://pennine-pain-and-fatigue-clinic.example",
        email="groups@pennine-pain-and-fatigue-clinic.example",
        phone="0113 496 0480",
        accreditation="Peer facilitators trained by the clinic, with clinical supervision.",
    ),
    DemoOrganisation(
        slug=KIDNEY_PALS,
        name="Kidney Pals Cymru",
        kind=OrganisationKind.CHARITY,
        town="Cardiff",
        country="GB",
        description=(
            "A Welsh charity for people with kidney disease and their families. We run "
            "groups and buddy schemes in English and Welsh."
        ),
        website="https://kidney-pals-cymru.example",
        email="helo@kidney-pals-cymru.example",
        phone="029 2018 0622",
        charity_number="DEMO-1180004",
        accreditation="Kidney Pals peer supporter training.",
    ),
    DemoOrganisation(
        slug=KITCHEN_TABLE,
        name="Long Covid Kitchen Table",
        kind=OrganisationKind.INFORMAL_GROUP,
        town="Norwich",
        country="GB",
        description=(
            "A group of friends with long COVID who started meeting around a kitchen "
            "table. We are not a charity. We just look out for each other."
        ),
        website="",
        email="kitchentable@long-covid-kitchen-table.example",
        # Left unverified on purpose: the demo shows the "not yet checked" label.
        verified=False,
    ),
    DemoOrganisation(
        slug=CLYDESIDE,
        name="Clydeside Community Centre",
        kind=OrganisationKind.COMMUNITY_GROUP,
        town="Glasgow",
        country="GB",
        description=(
            "A community centre on the Clyde. We open our doors to health groups, "
            "clubs and classes, and we keep the kettle on."
        ),
        website="https://clydeside-community-centre.example",
        email="bookings@clydeside-community-centre.example",
        phone="0141 496 0733",
        charity_number="DEMO-SC0180005",
        accreditation="Trained group leaders, checked under the PVG scheme.",
    ),
    DemoOrganisation(
        slug=PEER_CONNECT,
        name="Peer Connect Australia",
        kind=OrganisationKind.CHARITY,
        town="Melbourne",
        country="AU",
        description=(
            "We are an Australian charity. We help people with long-term health "
            "conditions meet others like them. Our trained group leaders run groups in "
            "cities, in country towns and online."
        ),
        website="https://peer-connect-australia.example",
        email="connect@peer-connect-australia.example",
        phone="(03) 5550 1234",
        charity_number="DEMO-ABN 00 000 000 006",
        accreditation="Peer Connect peer facilitator training and a Working with Children Check.",
    ),
    DemoOrganisation(
        slug=CENTRAL_VICTORIA,
        name="Central Victoria Community Health",
        kind=OrganisationKind.HEALTH_SERVICE,
        town="Bendigo",
        country="AU",
        description=(
            "We are a health service in Bendigo and Ballarat. Aboriginal health workers "
            "and peer workers are part of every team. We help people stay well close to "
            "home."
        ),
        website="https://central-victoria-community-health.example",
        email="yarn@central-victoria-community-health.example",
        phone="(03) 5550 4821",
        accreditation="Aboriginal health workers and peer workers with Certificate IV training.",
    ),
    DemoOrganisation(
        slug=LUPUS_CIRCLE,
        name="Tasmanian Lupus Circle",
        kind=OrganisationKind.INFORMAL_GROUP,
        town="Hobart",
        country="AU",
        description=(
            "A small group of people with lupus in Tasmania. We met in a hospital "
            "waiting room and decided to keep in touch."
        ),
        website="",
        email="circle@tasmanian-lupus-circle.example",
        verified=False,
    ),
)

ORGANISATIONS_BY_SLUG = {o.slug: o for o in ORGANISATIONS}


# --- Ground rules -----------------------------------------------------------------

_RULES = (
    "- Be kind. Listen as well as talk.\n"
    "- Share your own experience. Do not give medical advice. If something worries you, "
    "talk to your own care team.\n"
    "- No selling, and no promoting products, diets or services.\n"
    "- If you see wrong or unsafe information, say so kindly, or tell a leader.\n"
    "- What is said in the group stays in the group. Never share someone's name, photo "
    "or story outside it."
)
_CRISIS = {
    "GB": (
        "\n- If you are in crisis or thinking about harming yourself, tell a moderator or "
        "leader straight away. In an emergency, call 999. You can call Samaritans at any "
        "time on 116 123."
    ),
    "AU": (
        "\n- If you are in crisis or thinking about harming yourself, tell a moderator or "
        "leader straight away. In an emergency, call 000. You can call Lifeline at any "
        "time on 13 11 14."
    ),
}
_YOUNG_PEOPLE = (
    "\n- Use a nickname, not your full name. Never share your address, school or phone "
    "number.\n"
    "- Do not arrange to meet anyone from the group on your own.\n"
    "- Our youth workers are checked and follow our safeguarding policy. If anything "
    "worries you, tell a youth worker."
)
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


def ground_rules(*, country: str, conditions: tuple[str, ...], youth: bool = False) -> str:
    """The written ground rules for a group: the same core everywhere, plus what to do
    in a crisis in mental health spaces and extra safeguarding for young people."""
    rules = _RULES
    if youth or MENTAL_HEALTH_CONDITIONS.intersection(conditions):
        rules += _CRISIS[country]
    if youth:
        rules += _YOUNG_PEOPLE
    return rules


SOUTH_COAST_RULES = (
    "- Be kind. We all started somewhere.\n"
    "- Share what works for you, not what others should do. No medical advice: for "
    "changes to your treatment, talk to your diabetes team.\n"
    "- No selling, and no promoting products, apps or diets.\n"
    "- If you see wrong information, say so kindly and share a trusted source. "
    "Moderators will step in if needed.\n"
    "- Health professionals can join only if they live with type 1 themselves, and "
    "they join as peers.\n"
    "- What is said in the group stays in the group. No screenshots.\n"
    "- If someone seems to be in crisis, tell a moderator straight away. In an "
    "emergency, call 999."
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


# Local time zones for meeting times; the UK is all one zone, Australia is not.
TIMEZONES: dict[str, str] = {
    "Melbourne": "Australia/Melbourne",
    "Ballarat": "Australia/Melbourne",
    "Bendigo": "Australia/Melbourne",
    "Geelong": "Australia/Melbourne",
    "Sydney": "Australia/Sydney",
    "Brisbane": "Australia/Brisbane",
    "Cairns": "Australia/Brisbane",
    "Perth": "Australia/Perth",
    "Adelaide": "Australia/Adelaide",
    "Darwin": "Australia/Darwin",
    "Hobart": "Australia/Hobart",
    "Launceston": "Australia/Hobart",
}
COUNTRY_TIMEZONES = {"GB": "Europe/London", "AU": "Australia/Sydney"}


def timezone_for(town: str, country: str) -> str:
    return TIMEZONES.get(town, COUNTRY_TIMEZONES[country])


# Flagship groups, written out in full -----------------------------------------------

SOUTH_COAST_CAFE = DemoVenue(
    name="Seafront Café, Southsea Common",
    address="Clarence Esplanade, Southsea",
    town="Portsmouth",
    latitude=50.7816,
    longitude=-1.0903,
    accessibility_notes="Step-free, with an accessible toilet. The walk is flat and about 3 km.",
    safe_space_notes="A busy public café. A peer leader with a blue lanyard meets you inside.",
)
HARBOUR_CENTRE = DemoVenue(
    name="Harbour Community Centre",
    address="Lake Road",
    town="Portsmouth",
    latitude=50.8041,
    longitude=-1.0829,
    accessibility_notes="Step-free entrance, hearing loop and accessible toilet.",
    safe_space_notes="A community centre with staff on site, checked by our organisers.",
)
HARBOURSIDE_CLINIC = DemoVenue(
    name="Harbourside Diabetes Centre",
    address="Queen Street",
    town="Portsmouth",
    latitude=50.7990,
    longitude=-1.1031,
    accessibility_notes="Step-free, with lifts to every floor.",
    safe_space_notes="An NHS building with reception staff on site.",
)
_SOUTH_COAST_ORG = ORGANISATIONS_BY_SLUG[SOUTH_COAST]
_HARBOURSIDE_ORG = ORGANISATIONS_BY_SLUG[HARBOURSIDE]

FLAGSHIP_GROUPS: tuple[DemoGroup, ...] = (
    DemoGroup(
        organisation=SOUTH_COAST,
        name="South Coast Type 1 Peers",
        summary=(
            "A closed online group for adults with type 1 diabetes on the south coast, "
            "with walks, socials and a yearly conference."
        ),
        description=(
            "We are a group of people who live with type 1 diabetes on the south coast. "
            "Most of us talk in our closed online group. It is open day and night. You "
            "can ask anything about everyday life with type 1. Someone has usually been "
            "there before.\n\n"
            "We meet face to face too. There is a walk along the seafront on the first "
            "Saturday of each month. There is a social evening every month. Once a year "
            "we hold a one-day conference. People with type 1 give talks, and so do local "
            "diabetes teams.\n\n"
            "Peers run the group. A few of us are trained moderators. There are no health "
            "professionals in the online group, unless they live with type 1 themselves. "
            "That helps people talk honestly. We do not give medical advice. We share what "
            "works for us, and we point each other back to our diabetes teams."
        ),
        conditions=("type-1-diabetes",),
        town="Portsmouth",
        country="GB",
        form=SupportForm.GROUP,
        model=SupportModel.PEER_LED,
        is_online=True,
        is_in_person=True,
        how_to_join=(
            "Ask to join on this page. A moderator will check your answers and let you in, "
            "usually within two days. You do not need to be in the online group to come "
            "on a walk. Just come to the café at 10am."
        ),
        contact_email=_SOUTH_COAST_ORG.email,
        contact_phone=_SOUTH_COAST_ORG.phone,
        leaders_accredited=True,
        accreditation_details=_SOUTH_COAST_ORG.accreditation,
        ground_rules=SOUTH_COAST_RULES,
        online_moderated=True,
        safe_space=True,
        privacy_protected=True,
        venues=(SOUTH_COAST_CAFE, HARBOUR_CENTRE),
        schedules=(
            DemoSchedule(
                title="Seafront walk",
                rrule="FREQ=MONTHLY;BYDAY=1SA",
                time="10:00",
                minutes=120,
                venue=SOUTH_COAST_CAFE.name,
            ),
            DemoSchedule(
                title="Evening social",
                rrule="FREQ=MONTHLY;BYDAY=3TH",
                time="19:00",
                minutes=150,
                venue=HARBOUR_CENTRE.name,
            ),
            DemoSchedule(
                title="New members' evening",
                rrule="FREQ=MONTHLY;BYDAY=2WE",
                time="20:00",
                minutes=60,
                is_online=True,
            ),
            # Second Saturday of October, so the conference stays on a Saturday each year.
            DemoSchedule(
                title="South Coast Type 1 Day (our yearly conference)",
                rrule="FREQ=YEARLY;BYMONTH=10;BYDAY=2SA",
                time="09:30",
                minutes=420,
                venue=HARBOUR_CENTRE.name,
                starts="2026-10-01",
            ),
        ),
    ),
    DemoGroup(
        organisation=SOUTH_COAST,
        name="South Coast Type 1 Parents",
        summary="For parents and carers of children and teenagers with type 1 diabetes.",
        description=(
            "Looking after a child with type 1 can mean broken nights and lots of worry. "
            "Our online group is full of parents who get it. We also meet for a coffee "
            "morning each month, while the children are at school.\n\n"
            "Parents run the group, just like South Coast Type 1 Peers. We share what "
            "has helped at home, at school and on holiday. We do not give medical advice. "
            "Your child's diabetes team is there for that."
        ),
        conditions=("type-1-diabetes",),
        town="Portsmouth",
        country="GB",
        form=SupportForm.GROUP,
        model=SupportModel.PEER_LED,
        is_online=True,
        is_in_person=True,
        audience=Audience.CARERS,
        how_to_join=(
            "Ask to join on this page. Tell us a little about your family. A moderator "
            "will let you in within a few days."
        ),
        contact_email=_SOUTH_COAST_ORG.email,
        contact_phone=_SOUTH_COAST_ORG.phone,
        leaders_accredited=True,
        accreditation_details=_SOUTH_COAST_ORG.accreditation,
        ground_rules=SOUTH_COAST_RULES,
        online_moderated=True,
        safe_space=True,
        privacy_protected=True,
        venues=(HARBOUR_CENTRE,),
        schedules=(
            DemoSchedule(
                title="Coffee morning",
                rrule="FREQ=MONTHLY;BYDAY=2TU",
                time="09:30",
                venue=HARBOUR_CENTRE.name,
            ),
        ),
    ),
    DemoGroup(
        organisation=SOUTH_COAST,
        name="Pump and Sensor Buddies",
        summary="Starting an insulin pump or a sensor? Get a buddy who already uses one.",
        description=(
            "New technology can be exciting and a bit scary. Your buddy already uses the "
            "same kind of device. They can tell you what daily life with it is like: "
            "sleeping, sport, work and holidays.\n\n"
            "Your buddy will not tell you how to set up your device. Your diabetes team "
            "does that. Most buddies talk every week or two for the first three months."
        ),
        conditions=("type-1-diabetes",),
        town="Portsmouth",
        country="GB",
        form=SupportForm.BUDDY,
        model=SupportModel.PEER_LED,
        is_online=True,
        is_phone=True,
        how_to_join=(
            "Email us with the address on this page. Tell us which device you are "
            "starting. We will match you with a buddy within about two weeks."
        ),
        contact_email=_SOUTH_COAST_ORG.email,
        contact_visibility=ContactVisibility.SIGNED_IN,
        leaders_accredited=True,
        accreditation_details=_SOUTH_COAST_ORG.accreditation,
        ground_rules=SOUTH_COAST_RULES,
        online_moderated=True,
        privacy_protected=True,
    ),
    DemoGroup(
        organisation=SOUTH_COAST,
        name="Type 1 Bumps and Babies",
        summary=(
            "Planning a baby, pregnant or a new parent with type 1? Talk to someone who has "
            "been there."
        ),
        description=(
            "We are still setting this up. It will pair you with a buddy who has had a "
            "baby while living with type 1. You can talk online or by phone."
        ),
        conditions=("type-1-diabetes",),
        town="Portsmouth",
        country="GB",
        form=SupportForm.BUDDY,
        model=SupportModel.PEER_LED,
        is_online=True,
        is_phone=True,
        gender_focus=GenderFocus.WOMEN,
        how_to_join="Not open yet. Ask on this page and we will tell you when it starts.",
        contact_email=_SOUTH_COAST_ORG.email,
        ground_rules=SOUTH_COAST_RULES,
        online_moderated=True,
        privacy_protected=True,
        status=GroupStatus.DRAFT,
    ),
    DemoGroup(
        organisation=HARBOURSIDE,
        name="Type 1 Teens Hangout",
        summary="A monthly hangout and a safe online chat for teenagers with type 1 diabetes.",
        description=(
            "A place for teenagers with type 1 diabetes to hang out with others who get "
            "it. No parents in the room!\n\n"
            "We meet once a month for things like climbing, bowling or pizza. Our online "
            "chat is open in between. Youth workers check every message. Older teens who "
            "have had type 1 for years are peer mentors.\n\n"
            "This is not a clinic. Nobody will ask about your numbers."
        ),
        conditions=("type-1-diabetes",),
        town="Portsmouth",
        country="GB",
        form=SupportForm.GROUP,
        model=SupportModel.PROFESSIONAL,
        is_online=True,
        is_in_person=True,
        age_min=13,
        age_max=18,
        how_to_join=(
            "Ask your diabetes team, or ask a parent or carer to fill in the form on this "
            "page. If you are under 16, we need a parent or carer to say yes."
        ),
        contact_email=_HARBOURSIDE_ORG.email,
        contact_phone=_HARBOURSIDE_ORG.phone,
        contact_visibility=ContactVisibility.HIDDEN,
        leaders_accredited=True,
        accreditation_details="Youth workers with safeguarding training, and trained peer mentors.",
        ground_rules=ground_rules(country="GB", conditions=("type-1-diabetes",), youth=True),
        online_moderated=True,
        safe_space=True,
        privacy_protected=True,
        venues=(HARBOURSIDE_CLINIC,),
        schedules=(
            DemoSchedule(
                title="Monthly hangout",
                rrule="FREQ=MONTHLY;BYDAY=-1FR",
                time="18:00",
                minutes=120,
                venue=HARBOURSIDE_CLINIC.name,
            ),
        ),
    ),
    DemoGroup(
        organisation=HARBOURSIDE,
        name="Type 2 Diabetes Group Clinic",
        summary="Your diabetes review in a small group, with a nurse and a peer educator.",
        description=(
            "A group clinic is your diabetes review, but with other people. Up to twelve "
            "people with type 2 diabetes meet with a nurse and a peer educator.\n\n"
            "The nurse talks with each person about their own results. Others can listen "
            "and ask questions too. Many people find they learn a lot from each other. "
            "You can share as much or as little as you like. Everyone agrees to keep what "
            "they hear private."
        ),
        conditions=("type-2-diabetes",),
        town="Portsmouth",
        country="GB",
        form=SupportForm.GROUP_CONSULTATION,
        model=SupportModel.PROFESSIONAL,
        is_in_person=True,
        how_to_join=(
            "Ask your GP practice or diabetes nurse to book you in. You can also ask on "
            "this page and we will contact your practice."
        ),
        contact_email=_HARBOURSIDE_ORG.email,
        contact_phone=_HARBOURSIDE_ORG.phone,
        contact_visibility=ContactVisibility.PUBLIC,
        leaders_accredited=True,
        accreditation_details=_HARBOURSIDE_ORG.accreditation,
        ground_rules=ground_rules(country="GB", conditions=("type-2-diabetes",)),
        safe_space=True,
        privacy_protected=True,
        venues=(HARBOURSIDE_CLINIC,),
        schedules=(
            DemoSchedule(
                title="Group clinic",
                rrule="FREQ=WEEKLY;BYDAY=TU",
                time="09:30",
                minutes=120,
                venue=HARBOURSIDE_CLINIC.name,
            ),
        ),
    ),
    DemoGroup(
        organisation=SPARKBROOK,
        name="Sehat Sisters",
        summary=(
            "A weekly group for South Asian women with type 2 diabetes, in Punjabi, Urdu "
            "and English."
        ),
        description=(
            "Sehat means health in Urdu and Punjabi. We are South Asian women who live "
            "with type 2 diabetes. We meet every Wednesday morning at the hub.\n\n"
            "We talk in Punjabi, Urdu and English. We share recipes from home, go for a "
            "short walk together and talk about family life. Many of us were nervous the "
            "first time. Now we look forward to Wednesdays.\n\n"
            "Trained community health champions run the group. We do not give medical "
            "advice. We help each other get the most from our appointments."
        ),
        conditions=("type-2-diabetes",),
        town="Birmingham",
        country="GB",
        form=SupportForm.GROUP,
        model=SupportModel.PEER_LED,
        is_in_person=True,
        gender_focus=GenderFocus.WOMEN,
        cultural_focus="South Asian women",
        languages=("pa", "ur", "en"),
        how_to_join=(
            "Just come along on a Wednesday at 10:30. You can bring a friend or a "
            "daughter. Or ask your GP, nurse or link worker to tell us you are coming."
        ),
        contact_email=ORGANISATIONS_BY_SLUG[SPARKBROOK].email,
        contact_phone=ORGANISATIONS_BY_SLUG[SPARKBROOK].phone,
        contact_visibility=ContactVisibility.PUBLIC,
        leaders_accredited=True,
        accreditation_details=ORGANISATIONS_BY_SLUG[SPARKBROOK].accreditation,
        ground_rules=ground_rules(country="GB", conditions=("type-2-diabetes",)),
        safe_space=True,
        privacy_protected=True,
        venues=(
            DemoVenue(
                name="Sparkbrook Community Hub",
                address="Stratford Road",
                town="Birmingham",
                latitude=52.4641,
                longitude=-1.8702,
                accessibility_notes="Lift to the first floor and an accessible toilet.",
                safe_space_notes="A women-only room on the first floor. Staff on site.",
            ),
        ),
        schedules=(
            DemoSchedule(
                title="Weekly group",
                rrule="FREQ=WEEKLY;BYDAY=WE",
                time="10:30",
                minutes=120,
                venue="Sparkbrook Community Hub",
            ),
            DemoSchedule(
                title="Cooking together",
                rrule="FREQ=MONTHLY;BYDAY=-1SA",
                time="11:00",
                minutes=150,
                venue="Sparkbrook Community Hub",
            ),
        ),
    ),
    DemoGroup(
        organisation=CENTRAL_VICTORIA,
        name="Healthy Living Yarning Circle",
        summary=(
            "A yarning circle for Aboriginal and Torres Strait Islander people living with "
            "diabetes, kidney or heart disease, and their families."
        ),
        description=(
            "This is a yarning circle for Aboriginal and Torres Strait Islander people "
            "living with diabetes, kidney disease or heart disease. Family and mob are "
            "welcome too.\n\n"
            "We sit together, have a feed and yarn. We talk about health, family and "
            "culture, in our own way and our own time. Elders often join us. When the "
            "group asks, a nurse comes along to talk about a topic the group has chosen.\n\n"
            "Aboriginal health workers and peer workers with lived experience run the "
            "circle. What is shared in the circle stays in the circle."
        ),
        conditions=("type-2-diabetes", "chronic-kidney-disease", "coronary-heart-disease"),
        town="Bendigo",
        country="AU",
        timezone="Australia/Melbourne",
        form=SupportForm.GROUP,
        model=SupportModel.PEER_LED,
        is_in_person=True,
        audience=Audience.BOTH,
        cultural_focus="Aboriginal and Torres Strait Islander peoples",
        how_to_join=(
            "Just come along, or ask your health worker to bring you the first time. We "
            "can help with transport. Call us if you would like a lift."
        ),
        contact_email=ORGANISATIONS_BY_SLUG[CENTRAL_VICTORIA].email,
        contact_phone=ORGANISATIONS_BY_SLUG[CENTRAL_VICTORIA].phone,
        contact_visibility=ContactVisibility.PUBLIC,
        leaders_accredited=True,
        accreditation_details=ORGANISATIONS_BY_SLUG[CENTRAL_VICTORIA].accreditation,
        ground_rules=ground_rules(country="AU", conditions=("type-2-diabetes",)),
        safe_space=True,
        privacy_protected=True,
        venues=(
            DemoVenue(
                name="Yarning Room, Central Victoria Community Health",
                address="Mitchell Street",
                town="Bendigo",
                latitude=-36.7571,
                longitude=144.2794,
                accessibility_notes="Step-free, with parking at the door.",
                safe_space_notes=(
                    "A private yarning room with its own entrance. Only the circle uses "
                    "it while we meet."
                ),
            ),
        ),
        schedules=(
            DemoSchedule(
                title="Yarning circle and lunch",
                rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
                time="11:00",
                minutes=150,
                venue="Yarning Room, Central Victoria Community Health",
            ),
        ),
    ),
    DemoGroup(
        organisation=KITCHEN_TABLE,
        name="Long Covid Kitchen Table",
        summary=(
            "An online group, and a weekly phone ring-round, for people living with long COVID."
        ),
        description=(
            "We started around a kitchen table in Norwich in 2021. Now we are an online "
            "group of people with long COVID from all over the UK.\n\n"
            "There are no leaders and no professionals. Just people who understand. We "
            "share good days and bad days. We swap ideas for saving energy and coping at "
            "work. You can read without posting.\n\n"
            "Some members find screens tiring. So once a week, a member rings anyone who "
            "would rather talk on the phone."
        ),
        conditions=("long-covid",),
        town="Norwich",
        country="GB",
        form=SupportForm.GROUP,
        model=SupportModel.INFORMAL,
        is_online=True,
        is_phone=True,
        how_to_join=(
            "Ask to join on this page. One of us will say hello. If you would rather talk "
            "on the phone, leave a number and someone will ring you."
        ),
        contact_email=ORGANISATIONS_BY_SLUG[KITCHEN_TABLE].email,
        contact_visibility=ContactVisibility.HIDDEN,
        ground_rules=ground_rules(country="GB", conditions=("long-covid",)),
        privacy_protected=True,
        schedules=(
            DemoSchedule(
                title="Phone ring-round",
                rrule="FREQ=WEEKLY;BYDAY=SU",
                time="15:00",
                minutes=120,
            ),
        ),
    ),
)


# Groups from compact rows ----------------------------------------------------------

_MODEL_SENTENCE = {
    SupportModel.INFORMAL: "There are no leaders. Members run it together, and everyone helps.",
    SupportModel.PEER_LED: "It is run by peers, who have lived through it too.",
    SupportModel.PROFESSIONAL: "A trained leader runs it.",
}
_CLOSING = (
    "We share what helps in everyday life. We do not give medical advice. Please keep "
    "talking to your own care team."
)
# Which trust markers a group meets unless its row says otherwise: a = trained or
# accredited leaders, g = written ground rules, m = moderated online space, s = safe
# place to meet, p = private details. (Verification belongs to the organisation.)
_TRUST_BY_MODEL = {
    SupportModel.PROFESSIONAL: "agmsp",
    SupportModel.PEER_LED: "gmsp",
    SupportModel.INFORMAL: "p",
}
_VISIBILITY_BY_KIND = {
    OrganisationKind.CLINIC: ContactVisibility.PUBLIC,
    OrganisationKind.HEALTH_SERVICE: ContactVisibility.PUBLIC,
    OrganisationKind.CHARITY: ContactVisibility.SIGNED_IN,
    OrganisationKind.COMMUNITY_GROUP: ContactVisibility.SIGNED_IN,
    OrganisationKind.INFORMAL_GROUP: ContactVisibility.HIDDEN,
}


def _how_to_join(form: SupportForm, modes: str) -> str:
    if form == SupportForm.BUDDY:
        # These schemes pair people outside Kindred (the demo's Kindred buddy
        # programmes are in `buddies.py`): the page must not promise a form.
        return (
            "Email or call us with the details on this page. Tell us a little about "
            "yourself. We will match you with a buddy within about two weeks."
        )
    if form == SupportForm.ONE_TO_ONE:
        return "Ask on this page or call us. A peer supporter will get in touch within a week."
    if form == SupportForm.SELF_MANAGEMENT:
        return (
            "Book a place on this page, or ask your GP or nurse to refer you. Each course "
            "has up to 12 places."
        )
    if form == SupportForm.GROUP_CONSULTATION:
        return (
            "Ask your care team to book you in. Or ask on this page and we will contact your team."
        )
    if "p" in modes:
        return (
            "Just come along. You do not need to book. If you feel nervous, ask on this "
            "page first and someone will look out for you."
        )
    if "o" in modes:
        return "Ask to join on this page. A moderator will let you in, usually within two days."
    return "Call us and leave your first name. A peer supporter will ring you back."


def _row(
    organisation: str,
    name: str,
    conditions: str,
    town: str,
    modes: str,
    summary: str,
    about: str,
    *,
    form: SupportForm = SupportForm.GROUP,
    model: SupportModel = SupportModel.PEER_LED,
    audience: Audience = Audience.LIVING_WITH,
    ages: tuple[int | None, int | None] = (None, None),
    gender: GenderFocus = GenderFocus.ANY,
    culture: str = "",
    languages: str = "en",
    cost: str = "",
    trust: str | None = None,
    contact: ContactVisibility | None = None,
    venue: str = "",
    meets: str = "",
    at: str = "",
    minutes: int = 90,
    title: str = "",
    draft: bool = False,
) -> DemoGroup:
    """One group from a compact row. `conditions` and `languages` are space-separated
    slugs and codes; `modes` holds o (online), p (in person) and t (telephone); a group
    with `meets` (a repeat rule) and `at` (a time) gets one schedule, at its venue when
    it meets in person."""
    org = ORGANISATIONS_BY_SLUG[organisation]
    condition_slugs = tuple(conditions.split())
    trust = _TRUST_BY_MODEL[model] if trust is None else trust
    is_online, is_in_person, is_phone = "o" in modes, "p" in modes, "t" in modes
    youth = ages[1] is not None and ages[1] <= 18
    venues: tuple[DemoVenue, ...] = ()
    if venue:
        venues = (
            DemoVenue(
                name=venue,
                town=town,
                accessibility_notes="Step-free entrance and an accessible toilet.",
                safe_space_notes=(
                    "A public place with staff nearby, checked by the group's leaders."
                    if "s" in trust
                    else ""
                ),
            ),
        )
    schedules: tuple[DemoSchedule, ...] = ()
    if meets:
        schedules = (
            DemoSchedule(
                title=title or ("Meet-up" if venue else "Online meeting"),
                rrule=meets,
                time=at,
                minutes=minutes,
                venue=venue,
                is_online=not venue and is_online,
            ),
        )
    return DemoGroup(
        organisation=organisation,
        name=name,
        summary=summary,
        description=f"{about}\n\n{_MODEL_SENTENCE[model]} {_CLOSING}",
        conditions=condition_slugs,
        town=town,
        country=org.country,
        timezone=timezone_for(town or org.town, org.country),
        form=form,
        model=model,
        is_online=is_online,
        is_in_person=is_in_person,
        is_phone=is_phone,
        how_to_join=_how_to_join(form, modes),
        audience=audience,
        age_min=ages[0],
        age_max=ages[1],
        gender_focus=gender,
        cultural_focus=culture,
        languages=tuple(languages.split()),
        is_free=not cost,
        cost=cost,
        contact_email=org.email,
        contact_phone=org.phone,
        contact_visibility=contact or _VISIBILITY_BY_KIND[org.kind],
        leaders_accredited="a" in trust,
        accreditation_details=org.accreditation if "a" in trust else "",
        ground_rules=(
            ground_rules(country=org.country, conditions=condition_slugs, youth=youth)
            if "g" in trust
            else ""
        ),
        online_moderated=is_online and "m" in trust,
        safe_space=is_in_person and "s" in trust,
        privacy_protected="p" in trust,
        status=GroupStatus.DRAFT if draft else GroupStatus.PUBLISHED,
        venues=venues,
        schedules=schedules,
    )


_G = SupportForm.GROUP
_BUDDY = SupportForm.BUDDY
_ONE = SupportForm.ONE_TO_ONE
_COURSE = SupportForm.SELF_MANAGEMENT
_CLINIC = SupportForm.GROUP_CONSULTATION
_PRO = SupportModel.PROFESSIONAL
_INFORMAL = SupportModel.INFORMAL
_CARERS = Audience.CARERS
_BOTH = Audience.BOTH
_WOMEN = GenderFocus.WOMEN
_MEN = GenderFocus.MEN

# The rows are a table: one group each, laid out by hand, so the formatter leaves them.
# fmt: off
ROW_GROUPS: tuple[DemoGroup, ...] = (
    # Living Well Together: a national charity's local groups --------------------
    _row(
        LIVING_WELL, "Bristol Parkinson's Café", "parkinsons-disease", "Bristol", "p",
        "A friendly monthly café for people with Parkinson's and the people close to them.",
        "We meet in a library café on the second Tuesday of each month. There is tea, cake and "
        "time to chat. Sometimes a guest comes to talk about a topic the group has chosen.",
        audience=_BOTH, venue="Central Library Café", meets="FREQ=MONTHLY;BYDAY=2TU", at="14:00",
    ),
    _row(
        LIVING_WELL, "Manchester MS Peer Group", "multiple-sclerosis", "Manchester", "op",
        "Meet other people with MS in Manchester, each month in person and online in between.",
        "Our meetings are relaxed. You can talk, or you can just listen. Between meetings, "
        "members chat in our online group. New members often say it helps to meet people who "
        "just get it.",
        model=_PRO, venue="Northern Quarter Community Room", meets="FREQ=MONTHLY;BYDAY=1WE",
        at="18:30",
    ),
    _row(
        LIVING_WELL, "Leeds Stroke Club", "stroke", "Leeds", "p",
        "A weekly club for stroke survivors and their families, with games, chat and a cuppa.",
        "We meet every Wednesday afternoon. Some of us find talking hard after our stroke. That "
        "is fine here. We go at your pace, and there is always someone to sit with.",
        audience=_BOTH, venue="Burley Road Community Hall", meets="FREQ=WEEKLY;BYDAY=WE",
        at="13:30", minutes=120,
    ),
    _row(
        LIVING_WELL, "Norwich Dementia Carers' Circle", "dementia", "Norwich", "p",
        "A monthly circle for people caring for someone with dementia.",
        "Caring for someone with dementia can be lonely. Here you can talk to other carers who "
        "understand. We share what has helped us, and we laugh a lot too.",
        model=_PRO, audience=_CARERS, venue="Forum Meeting Room", meets="FREQ=MONTHLY;BYDAY=3TH",
        at="10:30",
    ),
    _row(
        LIVING_WELL, "Exeter Heart Failure Peer Group", "heart-failure", "Exeter", "p",
        "People living with heart failure meet each month to share ideas for everyday life.",
        "We talk about the things that matter day to day. Getting out and about. Sleep. Feeling "
        "tired. Telling family how you feel. Partners are welcome too.",
        audience=_BOTH, venue="Sidwell Street Community Centre", meets="FREQ=MONTHLY;BYDAY=4MO",
        at="14:00",
    ),
    _row(
        LIVING_WELL, "MND Carers Online", "motor-neurone-disease", "", "o",
        "An online group for partners and families caring for someone with motor neurone "
        "disease.",
        "We meet on a video call every other Thursday evening. You can join from home with your "
        "camera on or off. Our online group is open all week for messages.",
        model=_PRO, audience=_CARERS, meets="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", at="19:30",
        minutes=60,
    ),
    _row(
        LIVING_WELL, "Cardiff MS Buddies", "multiple-sclerosis", "Cardiff", "ot",
        "Get paired with a buddy who has lived with MS for a while. In English or Welsh.",
        "Your buddy has been where you are now. You can talk on the phone or message online. "
        "Most pairs talk every week or two for six months. You choose what you talk about.",
        form=_BUDDY, model=_PRO, languages="en cy",
    ),
    _row(
        LIVING_WELL, "New to MS: Six-Week Online Course", "multiple-sclerosis", "", "o",
        "A six-week online course for people told they have MS in the last two years.",
        "Each week has a different theme, like work, tiredness or telling people. A trained "
        "leader who has MS runs each session. You meet the same small group each week.",
        form=_COURSE, model=_PRO,
        cost="£30 for the six weeks. Free places for anyone who needs one.",
        meets="FREQ=WEEKLY;BYDAY=TU", at="18:00", minutes=120, title="Course session",
    ),
    _row(
        LIVING_WELL, "Manchester Epilepsy Peer Support", "epilepsy", "Manchester", "op",
        "Monthly meet-ups and an online group for adults living with epilepsy.",
        "We talk about work, driving, dating and feeling safe when you are out. Everyone in the "
        "group lives with epilepsy. Our venue has staff trained in first aid.",
        venue="Oxford Road Community Rooms", meets="FREQ=MONTHLY;BYDAY=3SA", at="11:00",
    ),
    _row(
        LIVING_WELL, "Southampton Prostate Cancer Men's Group", "prostate-cancer",
        "Southampton", "p",
        "Men with prostate cancer meet each month for a brew and an honest chat.",
        "Many of us found it hard to talk at first. Here nobody is shocked by anything. We talk "
        "about treatment, work, partners and what comes next.",
        gender=_MEN, venue="Shirley Road Community Hall", meets="FREQ=MONTHLY;BYDAY=1TH",
        at="19:00",
    ),
    _row(
        LIVING_WELL, "Leeds Breast Cancer Buddies", "breast-cancer", "Leeds", "ot",
        "Women with breast cancer paired with a buddy who has been through treatment.",
        "Your buddy has had breast cancer too. They are trained to listen. You can talk on the "
        "phone or online, at times that suit you both.",
        form=_BUDDY, model=_PRO, gender=_WOMEN,
    ),
    _row(
        LIVING_WELL, "Plymouth Living With Cancer Coffee Morning", "cancer", "Plymouth", "p",
        "A relaxed coffee morning for anyone living with any kind of cancer, and their families.",
        "Come for a coffee and a chat. There is no plan and no pressure. Some people come every "
        "week. Some come once.",
        model=_INFORMAL, audience=_BOTH, trust="sp", venue="Mutley Plain Church Café",
        meets="FREQ=WEEKLY;BYDAY=SA", at="10:30",
    ),
    _row(
        LIVING_WELL, "Leicester Heart Club", "coronary-heart-disease high-blood-pressure",
        "Leicester", "p",
        "A weekly club for people living with heart disease, with a short walk and a chat.",
        "We start with a gentle walk in the park. Then we have tea in the pavilion. Some "
        "members speak Gujarati and are happy to welcome new members who do too.",
        audience=_BOTH, languages="en gu", venue="Spinney Hill Park Pavilion",
        meets="FREQ=WEEKLY;BYDAY=MO", at="10:00", minutes=120,
    ),
    _row(
        LIVING_WELL, "Bristol Deaf Peer Group", "hearing-loss", "Bristol", "p",
        "A monthly social for Deaf and hard of hearing adults. BSL first, with English too.",
        "We meet in a quiet room with good lighting, so everyone can see. Some of us were born "
        "deaf. Some of us lost our hearing later. Come and share what works for you.",
        culture="Deaf BSL users", languages="bfi en", venue="Stokes Croft Community Room",
        meets="FREQ=MONTHLY;BYDAY=2SA", at="14:00",
    ),
    _row(
        LIVING_WELL, "Sight Loss Phone Friends", "sight-loss", "", "t",
        "A weekly phone call with a trained volunteer who also lives with sight loss.",
        "Losing your sight can change a lot. A phone friend who has been there can help. You "
        "agree a time each week. Calls last about half an hour.",
        form=_ONE, model=_PRO,
    ),
    _row(
        LIVING_WELL, "London HIV Peer Mentors", "hiv", "London", "opt",
        "One-to-one support from a trained mentor who also lives with HIV.",
        "Your mentor has lived with HIV for years. You can meet in a café, talk on the phone or "
        "message. It is completely private. Many people come to us soon after they find out.",
        form=_ONE, trust="agmsp",
    ),
    _row(
        LIVING_WELL, "Cystic Fibrosis Online Peer Chat", "cystic-fibrosis", "", "o",
        "An online group for adults with cystic fibrosis. Online only, so nobody has to worry "
        "about germs.",
        "People with CF cannot safely meet in the same room. So we meet online instead. We talk "
        "about work, study, relationships and life.",
        meets="FREQ=WEEKLY;INTERVAL=2;BYDAY=SU", at="19:00", minutes=60,
    ),
    _row(
        LIVING_WELL, "Edinburgh Coeliac Cooking Swap", "coeliac-disease", "Edinburgh", "p",
        "Swap gluten-free recipes and tips with other people who have coeliac disease.",
        "We meet in a community kitchen once a month. Everyone brings a gluten-free dish to "
        "share. We swap recipes and tips for eating out.",
        model=_INFORMAL, trust="gsp", cost="£4 towards the kitchen hire",
        venue="Leith Community Kitchen", meets="FREQ=MONTHLY;BYDAY=-1SA", at="12:00", minutes=120,
    ),
    # Brighter Minds Peer Network: mental health -----------------------------------
    _row(
        BRIGHTER_MINDS, "Brighton Depression Peer Group", "depression", "Brighton", "p",
        "A weekly peer group for adults living with depression in Brighton and Hove.",
        "Some weeks are hard. This group is a place to be honest about that. We listen without "
        "judging. You do not have to talk if you do not want to.",
        trust="agsp", venue="Hove Community Room", meets="FREQ=WEEKLY;BYDAY=MO", at="18:30",
    ),
    _row(
        BRIGHTER_MINDS, "Calm Corner Online", "anxiety", "", "o",
        "A moderated online group for adults living with anxiety, with a live chat each "
        "Thursday.",
        "Our online group is open day and night. Trained moderators check it every day. Each "
        "Thursday evening there is a live text chat with a theme. You can use a nickname.",
        model=_PRO, meets="FREQ=WEEKLY;BYDAY=TH", at="19:00", minutes=60, title="Live chat",
    ),
    _row(
        BRIGHTER_MINDS, "Worry Less Together", "anxiety depression", "", "o",
        "A safe online group for young people aged 13 to 18 who live with anxiety or low mood.",
        "You can chat with other young people who understand. Trained youth workers moderate "
        "every message. You use a nickname, never your real name. If things get hard, we can "
        "help you find someone to talk to.",
        model=_PRO, ages=(13, 18), contact=ContactVisibility.HIDDEN, meets="FREQ=WEEKLY;BYDAY=TU",
        at="17:00", minutes=60, title="Live chat with a youth worker",
    ),
    _row(
        BRIGHTER_MINDS, "Manchester Bipolar Peer Support", "bipolar-disorder", "Manchester", "op",
        "Meet other adults with bipolar disorder in Manchester, and chat online between "
        "meetings.",
        "We share what helps us stay well, and what we do when things slip. Everyone here lives "
        "with bipolar. We meet twice a month in the city centre.",
        trust="agmsp", venue="Deansgate Meeting Room", meets="FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
        at="18:30",
    ),
    _row(
        BRIGHTER_MINDS, "Bristol PTSD Walk and Talk", "post-traumatic-stress-disorder",
        "Bristol", "p",
        "A gentle walk and talk for adults living with PTSD. Talk while you walk, or just walk.",
        "Some people find it easier to talk side by side. We walk for about an hour on the "
        "Downs. Then we have a drink at the café. You never have to share your story.",
        venue="Downs Café, Durdham Down", meets="FREQ=MONTHLY;BYDAY=1SU", at="10:00", minutes=120,
        title="Walk and talk",
    ),
    _row(
        BRIGHTER_MINDS, "Leeds Eating Disorders Carers' Evening", "eating-disorders", "Leeds", "op",
        "For parents, partners and friends supporting someone with an eating disorder.",
        "Caring for someone with an eating disorder can be hard and lonely. Here you can talk "
        "to people in the same place. A trained facilitator leads each evening.",
        model=_PRO, audience=_CARERS, venue="Chapel Allerton Community Room",
        meets="FREQ=MONTHLY;BYDAY=2TH", at="19:00",
    ),
    _row(
        BRIGHTER_MINDS, "Norwich Psychosis Peer Group", "schizophrenia", "Norwich", "p",
        "A peer group for adults who have had psychosis or live with schizophrenia.",
        "We talk about living well and being treated fairly. We also talk about hobbies, work "
        "and friends. Peer workers who have been there run the group.",
        trust="agsp", venue="Magdalen Street Community Room", meets="FREQ=WEEKLY;BYDAY=FR",
        at="14:00",
    ),
    _row(
        BRIGHTER_MINDS, "Out and Okay Brighton", "depression anxiety", "Brighton", "op",
        "A peer group for LGBTQ+ adults living with depression or anxiety.",
        "We are a friendly group of LGBTQ+ people. We share what it is like to live with low "
        "mood or worry. You can be yourself here.",
        gender=GenderFocus.LGBTQ, venue="Kemptown Community Room", meets="FREQ=MONTHLY;BYDAY=2WE",
        at="19:00",
    ),
    _row(
        BRIGHTER_MINDS, "Low Mood Phone Line", "depression", "", "t",
        "Call and talk to a trained peer supporter who has lived with low mood.",
        "Sometimes you just want to talk to someone who gets it. Our peer supporters have lived "
        "with depression. They listen and share what has helped them. This is not a crisis line.",
        form=_ONE, trust="agp", meets="FREQ=WEEKLY;BYDAY=MO,WE,FR", at="18:00", minutes=180,
        title="Phone line open",
    ),
    _row(
        BRIGHTER_MINDS, "Manchester Men's Talking Shed", "depression", "Manchester", "p",
        "Men meet to make things, drink tea and talk, if they want to.",
        "Some men find it easier to talk with their hands busy. We fix bikes, make bird boxes "
        "and chat. Nobody has to talk about feelings. But many of us do.",
        model=_INFORMAL, gender=_MEN, trust="gsp", venue="Levenshulme Workshop",
        meets="FREQ=WEEKLY;BYDAY=SA", at="10:00", minutes=180,
    ),
    # Solent Community Health: peer workers alongside clinicians -----------------------
    _row(
        SOLENT, "Long Covid Recovery Group", "long-covid", "Southampton", "op",
        "Peer support for adults with long COVID, run by peer workers with the long COVID "
        "clinic.",
        "Our peer workers have had long COVID themselves. They work with the clinic team, but "
        "this is not a clinic. We talk about tiredness, brain fog and going back to work. You "
        "can join online if you cannot travel.",
        trust="agmsp", venue="Solent Health Centre Group Room",
        meets="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", at="13:30", minutes=60,
    ),
    _row(
        SOLENT, "Living Well With Pain Course", "chronic-pain fibromyalgia", "Southampton", "p",
        "A free eight-week course for adults living with long-term pain, led by a peer and a "
        "physio.",
        "Each week you try a new way to live well with pain. You set your own small goals. You "
        "also meet others who know what pain is like. A peer tutor and a physiotherapist lead "
        "it together.",
        form=_COURSE, model=_PRO, venue="Solent Health Centre Group Room",
        meets="FREQ=WEEKLY;BYDAY=TH", at="10:00", minutes=150, title="Course session",
    ),
    _row(
        SOLENT, "Portsmouth COPD Walking Group", "copd", "Portsmouth", "p",
        "A slow, friendly walk by the sea for people living with COPD.",
        "We walk at the pace of the slowest person. There are benches along the way. Afterwards "
        "we have a hot drink and a chat. Friends and family are welcome.",
        venue="Canoe Lake Café, Southsea", meets="FREQ=WEEKLY;BYDAY=WE", at="10:30", title="Walk",
    ),
    _row(
        SOLENT, "Sickle Cell Peer Support Solent", "sickle-cell-disease", "Southampton", "op",
        "People with sickle cell and their families, supporting each other.",
        "We meet every month and chat online in between. We talk about school, work, pain and "
        "being understood in hospital. Parents are welcome.",
        audience=_BOTH, trust="agmsp", venue="Bitterne Community Hall",
        meets="FREQ=MONTHLY;BYDAY=1SA", at="13:00", minutes=120,
    ),
    _row(
        SOLENT, "Heart Failure Group Clinic", "heart-failure", "Southampton", "p",
        "Your heart failure review in a small group, with a nurse, a pharmacist and a peer.",
        "Instead of a short appointment on your own, you meet with up to ten people. The nurse "
        "sees each person. Everyone hears the questions others ask. A peer who lives with heart "
        "failure is there too.",
        form=_CLINIC, model=_PRO, venue="Solent Health Centre Group Room",
        meets="FREQ=MONTHLY;BYDAY=3WE", at="09:30", minutes=120, title="Group clinic",
    ),
    _row(
        SOLENT, "Polish-speaking Diabetes Group", "type-2-diabetes", "Southampton", "p",
        "A monthly group in Polish for people living with type 2 diabetes.",
        "We talk about food, family and finding your way around the NHS. Everything is in "
        "Polish. English speakers are welcome too.",
        culture="Polish community", languages="pl en", venue="St Mary's Community Hall",
        meets="FREQ=MONTHLY;BYDAY=4SU", at="13:00",
    ),
    _row(
        SOLENT, "Gosport Type 2 Peer Mentors", "type-2-diabetes", "Gosport", "pt",
        "Meet a trained peer mentor who has type 2 diabetes, over a cuppa or by phone.",
        "Your mentor can share how they get on day to day. You might meet four or five times. "
        "Many people find it helps soon after they find out.",
        form=_ONE, trust="agsp",
    ),
    # Sparkbrook Community Hub ---------------------------------------------------
    _row(
        SPARKBROOK, "Bengali Heart Health Group", "coronary-heart-disease high-blood-pressure",
        "Birmingham", "p",
        "A monthly group in Bengali for people with heart disease or high blood pressure, and "
        "their families.",
        "We meet on the last Sunday of each month. We share food ideas from home, talk about "
        "family life and go for a short walk. Sessions are in Bengali and English.",
        audience=_BOTH, culture="Bangladeshi community", languages="bn en",
        venue="Sparkbrook Community Hub", meets="FREQ=MONTHLY;BYDAY=-1SU", at="14:00",
    ),
    _row(
        SPARKBROOK, "Chair Exercise and Chat", "osteoarthritis rheumatoid-arthritis",
        "Birmingham", "p",
        "Gentle chair exercise followed by tea and a chat, for people with arthritis.",
        "A volunteer leads some gentle moves in a chair. Then we have tea and talk. It is a "
        "good way to meet people nearby.",
        model=_INFORMAL, trust="sp", cost="£2 a session", venue="Sparkbrook Community Hub",
        meets="FREQ=WEEKLY;BYDAY=TU", at="11:00",
    ),
    _row(
        SPARKBROOK, "Somali Women's Wellbeing Circle", "depression anxiety", "Birmingham", "p",
        "A weekly circle in Somali for women who feel low or worried.",
        "We drink tea, talk and support each other. Sessions are in Somali. There is childcare "
        "in the next room. What is said in the circle stays in the circle.",
        gender=_WOMEN, culture="Somali women", languages="so en", trust="agsp",
        venue="Sparkbrook Community Hub", meets="FREQ=WEEKLY;BYDAY=TH", at="10:30",
    ),
    _row(
        SPARKBROOK, "Urdu and Punjabi Carers' Group", "dementia stroke", "Birmingham", "p",
        "For family carers of someone with dementia or after a stroke, in Urdu and Punjabi.",
        "Many of us care for a parent or partner at home. We share what helps and where to find "
        "support. Sessions are in Urdu, Punjabi and English.",
        audience=_CARERS, culture="South Asian families", languages="ur pa en",
        venue="Sparkbrook Community Hub", meets="FREQ=MONTHLY;BYDAY=1TU", at="11:00",
    ),
    # Pennine Pain and Fatigue Clinic --------------------------------------------
    _row(
        PENNINE, "Leeds Fibromyalgia Peer Group", "fibromyalgia", "Leeds", "op",
        "A peer group for adults living with fibromyalgia, in person and online.",
        "Everyone here knows what a flare feels like. We share what helps us get through the "
        "day. If you cannot get out, you can join on a video call.",
        venue="Pennine Clinic Community Room", meets="FREQ=MONTHLY;BYDAY=2MO", at="11:00",
    ),
    _row(
        PENNINE, "ME/CFS Rest and Chat", "mecfs", "", "ot",
        "A gentle online group for people with ME/CFS. Short calls, lots of rest, no pressure.",
        "Calls are short, and you can leave at any time. You can join by phone if screens are "
        "hard. Many members are housebound. You can read messages whenever you are able.",
        trust="gmp", meets="FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", at="14:00", minutes=45,
    ),
    _row(
        PENNINE, "Chronic Pain Group Clinic", "chronic-pain", "Leeds", "p",
        "Your pain clinic review in a small group, with a clinician and a peer who lives with "
        "pain.",
        "You meet with up to eight others for your review. The clinician talks with each "
        "person. Others often ask the question you were going to ask. A peer who lives with "
        "pain joins each group.",
        form=_CLINIC, model=_PRO, venue="Pennine Clinic Community Room",
        meets="FREQ=MONTHLY;BYDAY=1TH", at="14:00", minutes=120, title="Group clinic",
    ),
    _row(
        PENNINE, "Leeds Endometriosis Evening", "endometriosis", "Leeds", "op",
        "A monthly evening for women living with endometriosis to share and be heard.",
        "Endometriosis can take years to diagnose. Many of us felt nobody believed us. Here "
        "people do. We meet once a month and chat online in between.",
        gender=_WOMEN, venue="Pennine Clinic Community Room", meets="FREQ=MONTHLY;BYDAY=3TU",
        at="19:00",
    ),
    _row(
        PENNINE, "Bradford Living With Pain Group", "chronic-pain", "Bradford", "p",
        "A friendly group for people living with long-term pain, in English, Urdu and Punjabi.",
        "We share what helps with sleep, work and family life when you live with pain. Our peer "
        "leaders speak English, Urdu and Punjabi.",
        languages="en ur pa", venue="Manningham Lane Community Room", meets="FREQ=WEEKLY;BYDAY=WE",
        at="13:00",
    ),
    # Kidney Pals Cymru ----------------------------------------------------------
    _row(
        KIDNEY_PALS, "Cardiff Kidney Peer Group", "chronic-kidney-disease", "Cardiff", "p",
        "A monthly group for people with kidney disease and their families in Cardiff.",
        "Some of us are on dialysis. Some have had a transplant. Some are just starting out. "
        "Wherever you are, someone here has been there.",
        audience=_BOTH, languages="en cy", trust="agsp", venue="Canton Community Hall",
        meets="FREQ=MONTHLY;BYDAY=2SA", at="11:00",
    ),
    _row(
        KIDNEY_PALS, "Swansea Dialysis Buddies", "chronic-kidney-disease", "Swansea", "ot",
        "Starting dialysis? Talk to a buddy who has done it.",
        "Starting dialysis can be scary. A buddy can tell you what it is like and answer "
        "everyday questions. You can talk by phone or message.",
        form=_BUDDY, trust="agmp",
    ),
    _row(
        KIDNEY_PALS, "Welsh-language Kidney Group", "chronic-kidney-disease", "", "o",
        "An online group in Welsh for people living with kidney disease.",
        "Everything in this group is in Welsh. Learners are welcome. We meet on a video call "
        "each month.",
        languages="cy", meets="FREQ=MONTHLY;BYDAY=1MO", at="19:00", minutes=60,
    ),
    # Long Covid Kitchen Table (not yet verified) ----------------------------------
    _row(
        KITCHEN_TABLE, "Long Covid Parents' Chat", "long-covid", "", "o",
        "For parents of children and teenagers with long COVID.",
        "We are parents who met online. We share what has helped with school, energy and family "
        "life. We all look out for each other.",
        model=_INFORMAL, audience=_CARERS, trust="gp",
    ),
    # Clydeside Community Centre -------------------------------------------------
    _row(
        CLYDESIDE, "Glasgow Parkinson's Dance and Chat", "parkinsons-disease", "Glasgow", "p",
        "Gentle dance to music you know, then tea and a chat. For people with Parkinson's and "
        "partners.",
        "A trained dance leader runs each class. You can dance standing up or sitting down. "
        "After the class we have tea and talk. Nobody minds if you just come for the chat.",
        model=_PRO, audience=_BOTH, cost="£3 a session, to cover room hire",
        venue="Clydeside Community Centre Main Hall", meets="FREQ=WEEKLY;BYDAY=FR", at="11:00",
    ),
    _row(
        CLYDESIDE, "Singing for Lung Health", "copd asthma", "Glasgow", "p",
        "A weekly singing group for people with COPD, asthma and other lung conditions.",
        "You do not need to be able to sing. A trained singing leader takes us through songs "
        "and breathing games. It is fun, and you meet people who understand.",
        model=_PRO, venue="Clydeside Community Centre Main Hall", meets="FREQ=WEEKLY;BYDAY=TU",
        at="14:00",
    ),
    _row(
        CLYDESIDE, "Crohn's and Colitis Coffee Morning", "crohns-disease ulcerative-colitis",
        "Glasgow", "p",
        "A coffee morning for people with Crohn's or colitis. The toilets are right next door.",
        "We chose this room because the toilets are close. Nobody minds if you need to pop out. "
        "We talk about work, food, flares and everything else.",
        model=_INFORMAL, trust="sp", venue="Clydeside Community Centre Café",
        meets="FREQ=MONTHLY;BYDAY=1SA", at="10:30",
    ),
    # Harbourside Diabetes Centre ------------------------------------------------
    _row(
        HARBOURSIDE, "Type 1 Young Adults", "type-1-diabetes", "Portsmouth", "op",
        "For 18 to 30 year olds with type 1. Quiz nights, online chat and real talk about uni, "
        "work and dating.",
        "Moving from the children's clinic to adult care can feel like a big step. This group "
        "helps. We meet every month, often at a quiz night or bowling. Our online group is busy "
        "every day.",
        ages=(18, 30), venue="Guildhall Square Café", meets="FREQ=MONTHLY;BYDAY=4TH", at="19:00",
        minutes=120,
    ),
    _row(
        HARBOURSIDE, "Gestational Diabetes Buddies", "gestational-diabetes", "Portsmouth", "ot",
        "Pregnant with gestational diabetes? Get a buddy who had it too.",
        "Finding out you have diabetes in pregnancy can be a shock. Your buddy had it in their "
        "own pregnancy. They can share what helped them. Many buddies keep in touch after the "
        "baby arrives.",
        form=_BUDDY, model=_PRO, gender=_WOMEN,
    ),
    _row(
        HARBOURSIDE, "Carb Counting Course for Type 1", "type-1-diabetes", "Portsmouth", "p",
        "A five-day course for adults with type 1, run by the diabetes team with a peer "
        "educator.",
        "You learn with a small group of people who also have type 1. A diabetes nurse and a "
        "dietitian teach the course. A peer educator with type 1 shares how it works in real "
        "life. Courses run four times a year.",
        form=_COURSE, model=_PRO, venue="Harbourside Diabetes Centre",
    ),
    # Peer Connect Australia -----------------------------------------------------
    _row(
        PEER_CONNECT, "Melbourne Type 1 Adults", "type-1-diabetes", "Melbourne", "op",
        "A peer group for adults with type 1 diabetes in Melbourne, with monthly catch-ups.",
        "We meet for a catch-up at a café in the city each month. Between catch-ups, our online "
        "group is busy with questions and stories. Everyone here lives with type 1.",
        venue="Flinders Lane Café", meets="FREQ=MONTHLY;BYDAY=1SU", at="10:00", title="Catch-up",
    ),
    _row(
        PEER_CONNECT, "Sydney MS Peer Support", "multiple-sclerosis", "Sydney", "op",
        "Monthly peer support for people with MS in Sydney, with an online group too.",
        "A trained facilitator who lives with MS leads each meeting. We talk about work, family "
        "and staying active in ways that suit you.",
        model=_PRO, venue="Surry Hills Community Room", meets="FREQ=MONTHLY;BYDAY=2SA", at="10:30",
    ),
    _row(
        PEER_CONNECT, "Brisbane Parkinson's Peer Group", "parkinsons-disease", "Brisbane", "p",
        "A friendly monthly group for people with Parkinson's and their partners in Brisbane.",
        "We share stories and ideas over morning tea. Sometimes a guest speaker chosen by the "
        "group comes along. There is always time for a laugh.",
        audience=_BOTH, venue="New Farm Community Hall", meets="FREQ=MONTHLY;BYDAY=3WE", at="10:00",
    ),
    _row(
        PEER_CONNECT, "Perth Breast Cancer Buddies", "breast-cancer", "Perth", "ot",
        "Women with breast cancer matched with a trained buddy who has been through it.",
        "Your buddy has had breast cancer. They can share what helped them through treatment "
        "and after. You can talk by phone, video or message.",
        form=_BUDDY, model=_PRO, gender=_WOMEN,
    ),
    _row(
        PEER_CONNECT, "Adelaide Dementia Carers Group", "dementia", "Adelaide", "p",
        "A monthly group for people caring for someone living with dementia in Adelaide.",
        "We share what works and what is hard. A facilitator keeps the group on track. We can "
        "help you find someone to sit with your loved one while you come.",
        model=_PRO, audience=_CARERS, venue="Norwood Community Centre",
        meets="FREQ=MONTHLY;BYDAY=2TU", at="10:00",
    ),
    _row(
        PEER_CONNECT, "Hobart Mood Peer Group", "depression anxiety", "Hobart", "op",
        "A peer group in Hobart for adults living with depression or anxiety.",
        "We meet every week in a quiet room in the city. Our peer workers have their own lived "
        "experience. You can also join the online group.",
        trust="agmsp", venue="Salamanca Community Room", meets="FREQ=WEEKLY;BYDAY=TH", at="18:00",
    ),
    _row(
        PEER_CONNECT, "Ballarat Heart Walkers", "coronary-heart-disease", "Ballarat", "p",
        "A weekly walk around Lake Wendouree for people living with heart disease.",
        "We walk at an easy pace and stop for a coffee halfway. Partners and friends are "
        "welcome. It is a nice way to get out and meet people.",
        model=_INFORMAL, trust="sp", venue="Lake Wendouree Boatshed Café",
        meets="FREQ=WEEKLY;BYDAY=SU", at="08:30", title="Walk",
    ),
    _row(
        PEER_CONNECT, "Gentle Yoga for Arthritis", "rheumatoid-arthritis osteoarthritis",
        "Perth", "p",
        "A slow yoga class on chairs and mats for people with arthritis, with a cuppa after.",
        "The teacher is trained to work with people who have arthritis. You can do every move "
        "sitting down. After class we stay for tea and a chat.",
        model=_PRO, cost="A$10 a class, or A$5 with a concession card",
        venue="Subiaco Community Hall", meets="FREQ=WEEKLY;BYDAY=WE", at="10:00", minutes=75,
        title="Class",
    ),
    _row(
        PEER_CONNECT, "Geelong Persistent Pain Course", "chronic-pain", "Geelong", "p",
        "A six-week course for adults living with persistent pain, run by a peer and a "
        "physiotherapist.",
        "Each week has a theme, like sleep, mood or moving more. You set your own goals and "
        "share how you went. The group is small, so everyone gets a say.",
        form=_COURSE, model=_PRO, cost="A$60 for six weeks. Free with a concession card.",
        venue="Geelong Library Meeting Room", meets="FREQ=WEEKLY;BYDAY=TU", at="13:00", minutes=120,
        title="Course session",
    ),
    _row(
        PEER_CONNECT, "Darwin HIV Peer Network", "hiv", "Darwin", "opt",
        "Private one-to-one support from a peer worker who also lives with HIV.",
        "You can meet a peer worker in person, talk on the phone or chat online. Everything is "
        "kept private. We can also put you in touch with others in the Territory.",
        form=_ONE, trust="agmsp",
    ),
    _row(
        PEER_CONNECT, "Sydney Greek Diabetes Group", "type-2-diabetes", "Sydney", "p",
        "A monthly group in Greek for people with type 2 diabetes and their families.",
        "We talk about food, family and staying well, in Greek and English. There is always "
        "coffee. Many members have had diabetes for years and love to welcome new people.",
        audience=_BOTH, culture="Greek community", languages="el en",
        venue="Marrickville Community Room", meets="FREQ=MONTHLY;BYDAY=1TU", at="10:30",
    ),
    _row(
        PEER_CONNECT, "Vietnamese Carers Circle", "dementia stroke", "Melbourne", "p",
        "A group in Vietnamese for family carers of people with dementia or after a stroke.",
        "Many of us care for a parent at home. We share what helps and where to find support. "
        "Sessions are in Vietnamese.",
        audience=_CARERS, culture="Vietnamese community", languages="vi en",
        venue="Footscray Community Room", meets="FREQ=MONTHLY;BYDAY=2SU", at="14:00",
    ),
    _row(
        PEER_CONNECT, "Cairns Asthma Parents", "asthma", "Cairns", "op",
        "Parents of children with asthma in Far North Queensland, sharing what works.",
        "We are parents who met at the children's clinic. We chat online most days and meet at "
        "the park once a month. Kids are welcome.",
        model=_INFORMAL, audience=_CARERS, trust="gp", venue="Esplanade Picnic Area",
        meets="FREQ=MONTHLY;BYDAY=1SA", at="09:00", title="Picnic",
    ),
    _row(
        PEER_CONNECT, "Epilepsy Peer Chat Australia", "epilepsy", "", "o",
        "An online peer group for adults with epilepsy anywhere in Australia.",
        "We meet on a video call twice a month. The online group is open all week. Our "
        "moderators have epilepsy too.",
        meets="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", at="19:30", minutes=60,
    ),
    _row(
        PEER_CONNECT, "Melbourne Deaf Community Catch-up", "hearing-loss", "Melbourne", "p",
        "A monthly social catch-up in Auslan for Deaf and hard of hearing adults.",
        "We meet in a well-lit room so everyone can see each other sign. People who have lost "
        "their hearing later in life are very welcome. You can learn Auslan with us.",
        culture="Deaf Auslan users", languages="asf en", venue="Carlton Community Room",
        meets="FREQ=MONTHLY;BYDAY=3SA", at="14:00", title="Catch-up",
    ),
    # Central Victoria Community Health ------------------------------------------
    _row(
        CENTRAL_VICTORIA, "Ballarat Kidney Yarning Group", "chronic-kidney-disease",
        "Ballarat", "p",
        "A yarning group for Aboriginal and Torres Strait Islander people with kidney disease, "
        "and their families.",
        "We yarn about living with kidney disease, dialysis and staying close to Country. An "
        "Aboriginal health worker is there to help with anything you need. Family and mob are "
        "welcome.",
        audience=_BOTH, culture="Aboriginal and Torres Strait Islander peoples", trust="agsp",
        venue="Ballarat Yarning Room", meets="FREQ=MONTHLY;BYDAY=2TH", at="11:00",
        title="Yarning group",
    ),
    _row(
        CENTRAL_VICTORIA, "Bendigo Type 2 Diabetes Group Clinic", "type-2-diabetes", "Bendigo", "p",
        "Your diabetes check-up in a small group, with a nurse, a dietitian and a peer worker.",
        "You meet with up to ten people who also have type 2 diabetes. The nurse sees everyone "
        "in turn. You learn from each other's questions. A peer worker with diabetes is there "
        "too.",
        form=_CLINIC, model=_PRO, venue="Bendigo Community Health Group Room",
        meets="FREQ=MONTHLY;BYDAY=1WE", at="09:30", minutes=120, title="Group clinic",
    ),
    _row(
        CENTRAL_VICTORIA, "Bendigo Men's Health Shed", "type-2-diabetes coronary-heart-disease",
        "Bendigo", "p",
        "Men meet to fix things, have a cuppa and talk about health.",
        "We are still setting this up with the local men's shed. It will meet each week.",
        model=_INFORMAL, gender=_MEN, trust="sp", draft=True,
    ),
    # Tasmanian Lupus Circle (not yet verified) ------------------------------------
    _row(
        LUPUS_CIRCLE, "Lupus Circle Hobart", "lupus", "Hobart", "op",
        "A small, friendly circle for people with lupus in southern Tasmania.",
        "We meet at a café once a month and chat online in between. We understand the "
        "tiredness, the pain and the days you have to cancel. Nobody minds if you cancel.",
        model=_INFORMAL, audience=_BOTH, trust="gp", venue="Battery Point Café",
        meets="FREQ=MONTHLY;BYDAY=1SA", at="11:00",
    ),
    _row(
        LUPUS_CIRCLE, "Psoriasis Chat Tasmania", "psoriasis", "Launceston", "o",
        "An online chat group for people with psoriasis in Tasmania.",
        "A place to talk about skin, sleep, work and confidence. Share what helps. Have a moan "
        "on a bad day.",
        model=_INFORMAL,
    ),
)

# fmt: on
GROUPS: tuple[DemoGroup, ...] = FLAGSHIP_GROUPS + ROW_GROUPS
