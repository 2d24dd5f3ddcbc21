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

Loading is idempotent: programmes are found by slug, people by email and profiles by
programme and person. Matching runs, and the story of the first match is told, only
for a programme that has never been run, so a second load adds nothing, and whatever a
visitor did while trying the demo (a rejected proposal, a new run) stays as it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Min
from django.utils.text import slugify

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
    CIDER_PRESS,
    DOWNS_WALKER,
    MARIGOLD,
    MEMBERS,
    MILK_AND_TOAST,
    DemoMember,
)
from kindred.demo.data import LIVING_WELL, PEOPLE, SOUTH_COAST
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

PROGRAMMES: tuple[DemoProgramme, ...] = (
    DemoProgramme(
        slug=NEW_PARENTS,
        name="New parents living with type 1 diabetes",
        organisation=SOUTH_COAST,
        purpose=(
            "For anyone with type 1 diabetes who is pregnant, whose partner is pregnant, "
            "or who has a new baby. We pair you with a trained buddy who has had a baby "
            "while living with type 1. You talk online or by phone, for about six months."
        ),
        conditions=("type-1-diabetes",),
        contact_modes=(ONLINE, PHONE),
        requires_training=True,
        requires_background_check=False,
        duration_weeks=26,
        checkin_every_days=14,
        ran_days_ago=6,
    ),
    DemoProgramme(
        slug=PARKINSONS,
        name="Newly diagnosed with Parkinson's",
        organisation=LIVING_WELL,
        purpose=(
            "For people who found out they have Parkinson's in the last year or two. We "
            "pair you with someone who has lived with Parkinson's for some years. Talk "
            "online, by phone, or over a cup of tea near where you live."
        ),
        conditions=("parkinsons-disease",),
        contact_modes=(ONLINE, PHONE, IN_PERSON),
        requires_training=False,
        requires_background_check=True,
        duration_weeks=12,
        checkin_every_days=21,
    ),
)


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


def _new(display_name: str, real_name: str) -> DemoMember:
    return DemoMember(slugify(real_name).replace("-", "_"), display_name, real_name)


# What most people are happy for their buddy to see.
_USUAL = ("diagnosis_year", "life_events", "treatments", "languages", "interests")
_TRAINING = "South Coast Type 1 Peers buddy training"

NEW_PARENTS_BUDDIES: tuple[DemoBuddy, ...] = (
    # --- supporters ---
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_MEMBERS[MILK_AND_TOAST],
        side=SUPPORTER,
        joined_days_ago=40,
        contact_modes=(ONLINE, PHONE),
        diagnosis_year=2006,
        birth_year=1992,
        gender=WOMAN,
        town="Southampton",
        life_events=(BABY,),
        treatments=("insulin pump", "CGM"),
        interests=("walking", "baking"),
        values=("family",),
        can_help_with=(
            "Pregnancy with type 1, getting ready for the birth, night feeds and the "
            "first months with a new baby. My little boy is eight months old."
        ),
        capacity=2,
        shown_to_buddy=(*_USUAL, "town"),
        trained_on="2026-09-12",
        accreditation=_TRAINING,
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_MEMBERS[MARIGOLD],
        side=SUPPORTER,
        joined_days_ago=39,
        contact_modes=(PHONE,),
        diagnosis_year=1986,
        birth_year=1958,
        gender=WOMAN,
        town="Havant",
        treatments=("insulin pen",),
        interests=("gardening", "reading"),
        values=("family", "kindness"),
        can_help_with=(
            "I had two babies with type 1, a long time ago. I can listen, help you "
            "feel confident at antenatal appointments, and talk about being a parent "
            "with type 1 as children grow up."
        ),
        capacity=2,
        shown_to_buddy=("diagnosis_year", "age", "interests"),
        trained_on="2026-09-12",
        accreditation=_TRAINING,
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_new("Chai and Biscuits", "Harpreet Sandhu"),
        side=SUPPORTER,
        joined_days_ago=38,
        contact_modes=(ONLINE, PHONE),
        diagnosis_year=2008,
        birth_year=1989,
        gender=WOMAN,
        town="Slough",
        languages=("en", "pa"),
        cultural_background="Punjabi",
        religion="Sikh",
        life_events=(BABY,),
        treatments=("CGM", "insulin pen"),
        interests=("cooking", "walking"),
        values=("family", "faith"),
        can_help_with=(
            "Pregnancy and the birth with type 1, feeding a new baby, and talking to "
            "family about type 1 when everyone has an opinion. I have two children, "
            "the youngest is three."
        ),
        capacity=3,
        shown_to_buddy=(*_USUAL, "cultural_background", "religion"),
        trained_on="2026-06-20",
        accreditation=_TRAINING,
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_new("Valley Dad", "Rhys Jenkins"),
        side=SUPPORTER,
        joined_days_ago=36,
        contact_modes=(ONLINE, PHONE),
        diagnosis_year=2001,
        birth_year=1987,
        gender=MAN,
        town="Cardiff",
        languages=("en", "cy"),
        life_events=(BABY,),
        treatments=("insulin pump",),
        interests=("rugby", "cycling"),
        values=("family",),
        can_help_with=(
            "Being a dad with type 1: broken sleep, night feeds, keeping going when "
            "life is busy, and supporting a partner through pregnancy."
        ),
        capacity=1,
        shown_to_buddy=(*_USUAL, "gender"),
        trained_on="2026-06-20",
        accreditation=_TRAINING,
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_new("Sunflower", "Sana Iqbal"),
        side=SUPPORTER,
        joined_days_ago=35,
        contact_modes=(ONLINE, PHONE),
        diagnosis_year=2011,
        birth_year=1993,
        gender=WOMAN,
        town="Birmingham",
        languages=("en", "ur"),
        cultural_background="Pakistani",
        religion="Muslim",
        life_events=(BABY,),
        treatments=("CGM", "insulin pen"),
        interests=("sewing", "cooking"),
        values=("faith", "family"),
        can_help_with=(
            "Pregnancy and a new baby with type 1, coping with tiredness, and family "
            "life with type 1 when you live with a big family. My daughter is one."
        ),
        capacity=2,
        shown_to_buddy=(*_USUAL, "cultural_background", "religion"),
        trained_on="2026-09-12",
        accreditation=_TRAINING,
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_new("Meadowsweet", "Katie Barnes"),
        side=SUPPORTER,
        joined_days_ago=12,
        contact_modes=(ONLINE,),
        diagnosis_year=2007,
        birth_year=1991,
        gender=WOMAN,
        town="Exeter",
        life_events=(BABY,),
        treatments=("insulin pump", "CGM"),
        interests=("swimming",),
        can_help_with="Pregnancy with type 1 and going back to work after a baby.",
        capacity=1,
        shown_to_buddy=_USUAL,
        # Booked on the next training day, so not ready to be matched yet.
        trained_on=None,
    ),
    # --- people who would like a buddy ---
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_MEMBERS[BUMPY_ROAD],
        side=SEEKER,
        joined_days_ago=26,
        contact_modes=(ONLINE, PHONE),
        diagnosis_year=2013,
        birth_year=1994,
        gender=WOMAN,
        town="Portsmouth",
        life_events=(BABY,),
        treatments=("insulin pump", "CGM"),
        interests=("walking", "baking"),
        values=("family",),
        wants_help_with=(
            "I am pregnant with our first baby. I would like to talk to a mum who has "
            "had a baby with type 1 about the birth, night feeds and the first weeks."
        ),
        shown_to_buddy=(*_USUAL, "town"),
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_new("Little Acorn", "Amandeep Gill"),
        side=SEEKER,
        joined_days_ago=30,
        contact_modes=(ONLINE, PHONE),
        diagnosis_year=2016,
        birth_year=1996,
        gender=WOMAN,
        town="Southampton",
        languages=("en", "pa"),
        cultural_background="Punjabi",
        religion="Sikh",
        life_events=(BABY,),
        treatments=("CGM",),
        interests=("cooking",),
        values=("family", "faith"),
        wants_help_with=(
            "I am expecting my first baby. I would like to talk about pregnancy with "
            "type 1, and how to talk to my family about it."
        ),
        shown_to_buddy=(*_USUAL, "cultural_background", "religion"),
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_new("Rainbow", "Zainab Malik"),
        side=SEEKER,
        joined_days_ago=29,
        contact_modes=(ONLINE,),
        diagnosis_year=2019,
        birth_year=1997,
        gender=WOMAN,
        town="Birmingham",
        languages=("en", "ur"),
        cultural_background="Pakistani",
        religion="Muslim",
        life_events=(BABY,),
        treatments=("insulin pen",),
        interests=("sewing",),
        values=("faith", "family"),
        wants_help_with=(
            "My baby is due in the spring. I would like to talk to a mum who shares my "
            "faith about family life with type 1 and a new baby."
        ),
        buddy_genders=(WOMAN,),
        shown_to_buddy=(*_USUAL, "religion"),
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_new("Wildflower", "Katarzyna Nowicka"),
        side=SEEKER,
        joined_days_ago=28,
        contact_modes=(ONLINE, PHONE),
        diagnosis_year=2015,
        birth_year=1992,
        gender=WOMAN,
        town="Southampton",
        languages=("pl",),
        # She would find it easier to talk in Polish: nobody can help with that yet.
        must_share_language=True,
        cultural_background="Polish",
        life_events=(BABY,),
        wants_help_with="I am pregnant and I would like to talk about type 1 in my own language.",
        shown_to_buddy=("languages", "life_events"),
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_new("Hiraeth", "Megan Price"),
        side=SEEKER,
        joined_days_ago=27,
        contact_modes=(ONLINE, PHONE),
        diagnosis_year=2010,
        birth_year=1995,
        gender=WOMAN,
        town="Swansea",
        languages=("en", "cy"),
        life_events=(BABY,),
        treatments=("CGM",),
        interests=("walking", "singing"),
        wants_help_with=(
            "My baby girl is six weeks old. I would like to talk about night feeds and "
            "looking after myself when I am so tired."
        ),
        shown_to_buddy=_USUAL,
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_new("Bottle Warmer", "Ifan Jones"),
        side=SEEKER,
        joined_days_ago=25,
        contact_modes=(PHONE,),
        diagnosis_year=2018,
        birth_year=1991,
        gender=MAN,
        town="Wrexham",
        languages=("en", "cy"),
        life_events=(BABY,),
        treatments=("insulin pump",),
        interests=("rugby",),
        wants_help_with=(
            "Our son was born last month. I would like to talk to another dad about "
            "broken sleep and night feeds with type 1."
        ),
        buddy_genders=(MAN,),
        shown_to_buddy=(*_USUAL, "gender"),
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_new("Dad to Be", "Jamal Roberts"),
        side=SEEKER,
        joined_days_ago=22,
        contact_modes=(ONLINE, PHONE),
        diagnosis_year=2014,
        birth_year=1990,
        gender=MAN,
        town="Bristol",
        life_events=(BABY,),
        treatments=("CGM",),
        interests=("football", "cycling"),
        wants_help_with=(
            "My partner is pregnant. I would like to talk to a dad with type 1 about "
            "night feeds and how to support her."
        ),
        buddy_genders=(MAN,),
        shown_to_buddy=(*_USUAL, "gender"),
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_new("Butterfly", "Hema Patel"),
        side=SEEKER,
        joined_days_ago=21,
        contact_modes=(ONLINE, PHONE),
        diagnosis_year=1999,
        birth_year=1988,
        gender=WOMAN,
        town="Leicester",
        languages=("en", "gu"),
        cultural_background="Gujarati",
        religion="Hindu",
        life_events=(BABY,),
        treatments=("insulin pump", "CGM"),
        interests=("cooking", "yoga"),
        wants_help_with=(
            "My baby is two months old. I would like to talk about getting back into a "
            "routine with type 1 and going back to work after a baby."
        ),
        shown_to_buddy=_USUAL,
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_new("Sea Breeze", "Lucy Grant"),
        side=SEEKER,
        joined_days_ago=20,
        contact_modes=(ONLINE, PHONE),
        diagnosis_year=2026,
        birth_year=1998,
        gender=WOMAN,
        town="Brighton",
        life_events=(BABY, NEW_DIAGNOSIS),
        interests=("swimming", "walking"),
        wants_help_with=(
            "I found out I have type 1 when I was twelve weeks pregnant. Everything is "
            "new. I would like to talk to a mum who has had a baby with type 1."
        ),
        shown_to_buddy=_USUAL,
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_new("Moonbeam", "Ayesha Begum"),
        side=SEEKER,
        joined_days_ago=18,
        contact_modes=(ONLINE,),
        diagnosis_year=2015,
        birth_year=1996,
        gender=WOMAN,
        town="London",
        languages=("en", "bn"),
        cultural_background="Bangladeshi",
        religion="Muslim",
        life_events=(BABY,),
        treatments=("insulin pen",),
        interests=("sewing", "cooking"),
        values=("faith",),
        wants_help_with=(
            "My son is three months old. I would like to talk about feeling tired all "
            "the time and fitting type 1 around a baby."
        ),
        shown_to_buddy=(*_USUAL, "religion"),
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_new("Homebird", "Ellie Watson"),
        side=SEEKER,
        joined_days_ago=16,
        contact_modes=(ONLINE, PHONE),
        diagnosis_year=2009,
        birth_year=1991,
        gender=WOMAN,
        town="Bournemouth",
        life_events=(BABY,),
        treatments=("insulin pump",),
        interests=("reading",),
        wants_help_with="We have twins on the way. I would like to talk about twins and type 1.",
        buddy_genders=(WOMAN,),
        buddy_age_min=25,
        buddy_age_max=45,
        shown_to_buddy=_USUAL,
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_new("Blue Sky", "Jordan Reed"),
        side=SEEKER,
        joined_days_ago=14,
        contact_modes=(ONLINE,),
        diagnosis_year=2012,
        birth_year=1993,
        gender=NON_BINARY,
        town="Brighton",
        life_events=(BABY,),
        treatments=("CGM",),
        interests=("cycling", "music"),
        wants_help_with=(
            "Our baby is due in January. I would like to talk about the first weeks "
            "with a baby and keeping my type 1 steady."
        ),
        shown_to_buddy=_USUAL,
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_new("Cuppa", "Rebecca Hale"),
        side=SEEKER,
        joined_days_ago=11,
        contact_modes=(PHONE,),
        diagnosis_year=2018,
        wants_help_with="We are thinking about having a baby.",
    ),
    DemoBuddy(
        programme=NEW_PARENTS,
        person=_new("Little Owl", "Oana Popescu"),
        side=SEEKER,
        joined_days_ago=9,
        contact_modes=(ONLINE, PHONE),
        diagnosis_year=2017,
        birth_year=1994,
        gender=WOMAN,
        town="Reading",
        languages=("en", "ro"),
        cultural_background="Romanian",
        religion="Christian",
        life_events=(BABY,),
        treatments=("insulin pen", "CGM"),
        interests=("baking",),
        wants_help_with=(
            "I am 30 weeks pregnant. I would like to talk about getting ready for the "
            "birth and the first weeks at home."
        ),
        shown_to_buddy=_USUAL,
    ),
)

_CHECK = "Enhanced DBS check"
_PEER_COURSE = "Living Well Together peer facilitator course"

PARKINSONS_BUDDIES: tuple[DemoBuddy, ...] = (
    # --- supporters ---
    DemoBuddy(
        programme=PARKINSONS,
        person=_MEMBERS[CIDER_PRESS],
        side=SUPPORTER,
        joined_days_ago=30,
        contact_modes=(ONLINE, PHONE, IN_PERSON),
        diagnosis_year=2018,
        birth_year=1957,
        gender=MAN,
        town="Bristol",
        life_events=(WORK,),
        treatments=("tablets",),
        interests=("walking", "cider making"),
        values=("community",),
        can_help_with=(
            "Telling family and work, staying active, getting the most from "
            "appointments, and finding local groups like our café."
        ),
        capacity=2,
        shown_to_buddy=(*_USUAL, "town"),
        background_check_on="2025-02-10",
        accreditation=_PEER_COURSE,
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Tango Feet", "Brenda Collins"),
        side=SUPPORTER,
        joined_days_ago=29,
        contact_modes=(PHONE, IN_PERSON),
        diagnosis_year=2015,
        birth_year=1952,
        gender=WOMAN,
        town="Bath",
        treatments=("tablets",),
        interests=("dancing", "gardening"),
        values=("staying active",),
        can_help_with=(
            "Staying active with Parkinson's, dancing, coping with the worry after a "
            "diagnosis, and talking to grandchildren about it."
        ),
        capacity=3,
        shown_to_buddy=(*_USUAL, "town", "age"),
        background_check_on="2024-11-05",
        accreditation=_PEER_COURSE,
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Allotment Alun", "Alun Rees"),
        side=SUPPORTER,
        joined_days_ago=28,
        contact_modes=(PHONE, IN_PERSON),
        diagnosis_year=2014,
        birth_year=1950,
        gender=MAN,
        town="Swansea",
        languages=("en", "cy"),
        treatments=("tablets",),
        interests=("gardening", "rugby"),
        can_help_with=(
            "Keeping up a hobby, pacing yourself on tired days, and living with "
            "Parkinson's in a small town."
        ),
        capacity=2,
        shown_to_buddy=(*_USUAL, "town"),
        background_check_on="2025-05-20",
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Quiet Harbour", "Tariq Mahmood"),
        side=SUPPORTER,
        joined_days_ago=27,
        contact_modes=(ONLINE, PHONE, IN_PERSON),
        diagnosis_year=2017,
        birth_year=1960,
        gender=MAN,
        town="Cardiff",
        languages=("en", "ur", "pa"),
        cultural_background="Pakistani",
        religion="Muslim",
        life_events=(WORK,),
        treatments=("tablets",),
        interests=("cricket", "walking"),
        values=("faith", "family"),
        can_help_with=(
            "Talking to family about Parkinson's, keeping working, and going to the "
            "mosque and community events when you feel shaky."
        ),
        capacity=2,
        shown_to_buddy=(*_USUAL, "religion"),
        # More than three years old: the coordinator must record a new one.
        background_check_on="2022-09-01",
        accreditation=_PEER_COURSE,
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Kettle Keeper", "Wendy Marsh"),
        side=SUPPORTER,
        joined_days_ago=26,
        contact_modes=(PHONE, IN_PERSON),
        diagnosis_year=2012,
        birth_year=1955,
        gender=WOMAN,
        town="Gloucester",
        treatments=("tablets", "deep brain stimulation"),
        interests=("reading", "crosswords"),
        can_help_with=(
            "Living with Parkinson's for a long time, sleep troubles, and getting "
            "help at home when you need it."
        ),
        capacity=1,
        shown_to_buddy=(*_USUAL, "town"),
        background_check_on="2025-09-15",
        accreditation=_PEER_COURSE,
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Steady Pedals", "Piotr Zielinski"),
        side=SUPPORTER,
        joined_days_ago=25,
        contact_modes=(ONLINE, PHONE, IN_PERSON),
        diagnosis_year=2016,
        birth_year=1965,
        gender=MAN,
        town="Bristol",
        languages=("en", "pl"),
        cultural_background="Polish",
        treatments=("tablets",),
        interests=("cycling", "walking"),
        values=("staying active",),
        can_help_with="Keeping fit with Parkinson's, cycling, and staying at work.",
        capacity=1,
        shown_to_buddy=(*_USUAL, "town"),
        background_check_on="2026-03-02",
        accreditation=_PEER_COURSE,
    ),
    # --- people who would like a buddy ---
    DemoBuddy(
        programme=PARKINSONS,
        person=_MEMBERS[DOWNS_WALKER],
        side=SEEKER,
        joined_days_ago=19,
        contact_modes=(ONLINE, PHONE, IN_PERSON),
        diagnosis_year=2026,
        birth_year=1968,
        gender=MAN,
        town="Bristol",
        life_events=(NEW_DIAGNOSIS, WORK),
        interests=("walking",),
        wants_help_with=(
            "I found out last month. I would like to talk about telling my manager and "
            "my team, and about staying active."
        ),
        shown_to_buddy=(*_USUAL, "town"),
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Rose Garden", "Patricia Doyle"),
        side=SEEKER,
        joined_days_ago=18,
        contact_modes=(PHONE, IN_PERSON),
        diagnosis_year=2025,
        birth_year=1950,
        gender=WOMAN,
        town="Bath",
        life_events=(NEW_DIAGNOSIS,),
        interests=("gardening", "dancing"),
        wants_help_with="I would like to talk to another woman about staying active and the worry.",
        buddy_genders=(WOMAN,),
        shown_to_buddy=_USUAL,
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Mynydd", "Dafydd Owen"),
        side=SEEKER,
        joined_days_ago=17,
        contact_modes=(PHONE, IN_PERSON),
        diagnosis_year=2025,
        birth_year=1949,
        gender=MAN,
        town="Llanelli",
        # He would rather talk in Welsh, and one supporter can.
        languages=("cy",),
        must_share_language=True,
        life_events=(NEW_DIAGNOSIS,),
        interests=("gardening",),
        wants_help_with="Dw i eisiau siarad â rhywun yn Gymraeg am fyw gyda Parkinson's.",
        shown_to_buddy=("languages", "town"),
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Jasmine", "Nasreen Akhtar"),
        side=SEEKER,
        joined_days_ago=16,
        contact_modes=(PHONE, IN_PERSON),
        diagnosis_year=2026,
        birth_year=1962,
        gender=WOMAN,
        town="Cardiff",
        languages=("ur", "pa"),
        must_share_language=True,
        cultural_background="Pakistani",
        religion="Muslim",
        life_events=(NEW_DIAGNOSIS,),
        wants_help_with="I would like to talk in Urdu or Punjabi about my new diagnosis.",
        buddy_genders=(WOMAN,),
        shown_to_buddy=("languages", "religion"),
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Hillside", "Gordon Fraser"),
        side=SEEKER,
        joined_days_ago=15,
        contact_modes=(IN_PERSON,),
        diagnosis_year=2025,
        birth_year=1947,
        gender=MAN,
        town="Stroud",
        life_events=(NEW_DIAGNOSIS,),
        interests=("crosswords", "walking"),
        wants_help_with="I am not one for computers. I would like to meet someone for a coffee.",
        shown_to_buddy=_USUAL,
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Bookworm", "Sheila Barker"),
        side=SEEKER,
        joined_days_ago=14,
        contact_modes=(ONLINE, PHONE),
        diagnosis_year=2026,
        birth_year=1958,
        gender=WOMAN,
        town="Weston-super-Mare",
        life_events=(NEW_DIAGNOSIS,),
        interests=("reading",),
        wants_help_with="Sleep troubles, and how to get help at home if I need it later.",
        shown_to_buddy=_USUAL,
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Pedal Power", "Krzysztof Lewandowski"),
        side=SEEKER,
        joined_days_ago=13,
        contact_modes=(ONLINE, PHONE, IN_PERSON),
        diagnosis_year=2025,
        birth_year=1966,
        gender=MAN,
        town="Swindon",
        languages=("pl", "en"),
        cultural_background="Polish",
        life_events=(NEW_DIAGNOSIS, NEW_TREATMENT),
        interests=("cycling",),
        wants_help_with="Keeping fit and cycling with Parkinson's, and staying at work.",
        shown_to_buddy=_USUAL,
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Green Fingers", "Derek Walsh"),
        side=SEEKER,
        joined_days_ago=12,
        contact_modes=(PHONE, IN_PERSON),
        diagnosis_year=2025,
        birth_year=1952,
        gender=MAN,
        town="Gloucester",
        life_events=(NEW_DIAGNOSIS,),
        interests=("gardening",),
        wants_help_with="How to keep up my allotment, and pacing myself on tired days.",
        shown_to_buddy=_USUAL,
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Sunny Side", "Joyce Bennett"),
        side=SEEKER,
        joined_days_ago=11,
        contact_modes=(PHONE,),
        diagnosis_year=2025,
        birth_year=1944,
        gender=WOMAN,
        town="Newport",
        life_events=(NEW_DIAGNOSIS,),
        wants_help_with="Talking to my grandchildren about it.",
        shown_to_buddy=_USUAL,
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Night Sky", "Imran Qureshi"),
        side=SEEKER,
        joined_days_ago=10,
        contact_modes=(ONLINE, PHONE),
        diagnosis_year=2026,
        birth_year=1971,
        gender=MAN,
        town="Bristol",
        languages=("en", "ur"),
        religion="Muslim",
        life_events=(NEW_DIAGNOSIS, WORK),
        interests=("cricket",),
        wants_help_with="How to tell my family, and keeping working.",
        shown_to_buddy=(*_USUAL, "religion"),
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Riverside", "Helen Morris"),
        side=SEEKER,
        joined_days_ago=9,
        contact_modes=(PHONE, IN_PERSON),
        diagnosis_year=2025,
        birth_year=1963,
        gender=WOMAN,
        town="Swansea",
        life_events=(NEW_DIAGNOSIS,),
        interests=("walking", "gardening"),
        wants_help_with="Staying active and coping with the worry after a diagnosis.",
        shown_to_buddy=_USUAL,
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Young at Heart", "Mark Stevens"),
        side=SEEKER,
        joined_days_ago=8,
        contact_modes=(ONLINE, PHONE),
        diagnosis_year=2026,
        birth_year=1982,
        gender=MAN,
        town="Bristol",
        life_events=(NEW_DIAGNOSIS, WORK),
        interests=("football", "cycling"),
        # Young-onset Parkinson's: he would like someone near his own age.
        wants_help_with="I am 44 with two young children. I would like to talk about work and family.",
        buddy_age_min=35,
        buddy_age_max=55,
        shown_to_buddy=(*_USUAL, "age"),
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Choir Singer", "Bethan Harries"),
        side=SEEKER,
        joined_days_ago=6,
        contact_modes=(ONLINE, PHONE, IN_PERSON),
        diagnosis_year=2025,
        birth_year=1959,
        gender=WOMAN,
        town="Cardiff",
        languages=("en", "cy"),
        life_events=(NEW_DIAGNOSIS,),
        interests=("singing", "walking"),
        wants_help_with="Keeping my voice strong for choir, and staying active.",
        shown_to_buddy=_USUAL,
    ),
    DemoBuddy(
        programme=PARKINSONS,
        person=_new("Seagull", "Linda Carter"),
        side=SEEKER,
        joined_days_ago=3,
        contact_modes=(ONLINE, PHONE, IN_PERSON),
        diagnosis_year=2026,
        birth_year=1956,
        gender=WOMAN,
        town="Weston-super-Mare",
        life_events=(NEW_DIAGNOSIS, NEW_TREATMENT),
        interests=("walking", "dancing"),
        wants_help_with="Starting tablets, and keeping up my dancing class.",
        shown_to_buddy=_USUAL,
    ),
)

BUDDIES: tuple[DemoBuddy, ...] = NEW_PARENTS_BUDDIES + PARKINSONS_BUDDIES

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


FIRST_MESSAGES: tuple[DemoMessage, ...] = (
    DemoMessage(
        from_seeker=False,
        days_ago=5.1,
        body=(
            "Hello! I am so glad we were matched, and congratulations on your news. How "
            "are you feeling this week?"
        ),
    ),
    DemoMessage(
        from_seeker=True,
        days_ago=4.6,
        body=(
            "Hi! Thank you for saying yes. I am 23 weeks now. A bit tired, but OK. Could "
            "we talk one evening this week?"
        ),
    ),
    DemoMessage(
        from_seeker=False,
        days_ago=1.2,
        body=(
            "Yes, let's. Tuesday evening is good for me. Write down anything you would "
            "like to ask, and we can go through it together. No question is too small!"
        ),
    ),
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
