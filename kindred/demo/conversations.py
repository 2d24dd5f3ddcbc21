"""What people say in the demo community's online groups, as plain data: the members
beyond the demo logins, the groups that have an online space, and their conversations.

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
from kindred.demo.data import DEMO_EMAIL_DOMAIN, SOUTH_COAST

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

MEMBERS: tuple[DemoMember, ...] = (
    # Type 1 diabetes, on the south coast.
    DemoMember(PEBBLE, "Pebble", "Grace Whitfield"),  # newly diagnosed at 34
    DemoMember(NIGHT_OWL, "Night Owl", "Marcus Bell"),  # 20 years with type 1, on a pump
    DemoMember(BUMPY_ROAD, "Bumpy Road", "Chloe Adeyemi"),  # pregnant with her first baby
    DemoMember(PUMPED_UP, "Pumped Up", "Peter Novak"),  # starting an insulin pump
    DemoMember(MARIGOLD, "Marigold", "Joan Pritchard"),  # 40 years with type 1, retired nurse
    DemoMember(HARBOUR_RUNNER, "Harbour Runner", "Owen Price"),  # 26, runs and goes to the gym
    DemoMember(TIDAL_WAVE, "Tidal Wave", "Natalie Ford"),  # has asked to join South Coast
    DemoMember(MILK_AND_TOAST, "Milk and Toast", "Hannah Clarke"),  # a new mum with type 1
    # Anxiety and low mood.
    DemoMember(TIDEPOOL, "Tidepool", "Nadia Kowalski"),  # a peer worker who lives with anxiety
    DemoMember(BLUE_KITE, "Blue Kite", "Liam O'Connor"),
    # Caring for someone with motor neurone disease.
    DemoMember(NIGHT_SHIFT, "Night Shift", "Bernadette Kelly"),  # cares for her husband
    DemoMember(GARDEN_GATE, "Garden Gate", "Harold Jenkins"),  # cares for his wife
    # Parkinson's, in Bristol.
    DemoMember(CIDER_PRESS, "Cider Press", "Graham Hughes"),  # eight years with Parkinson's
    DemoMember(BLUEBELL, "Bluebell", "Margaret Shaw"),  # her husband has Parkinson's
    DemoMember(DOWNS_WALKER, "Downs Walker", "Edward Lloyd"),  # diagnosed last month
)


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

SPACES: tuple[DemoSpace, ...] = (
    DemoSpace(
        group=SOUTH_COAST,
        leader=PEER_LEADER,
        visibility=Visibility.CLOSED,
        moderators=(MODERATOR,),
        members=(MEMBER, PEBBLE, NIGHT_OWL, BUMPY_ROAD, PUMPED_UP, MARIGOLD, HARBOUR_RUNNER),
        join_questions=(
            "What brings you to the group?",
            "Do you live with type 1 yourself, or care for someone who does?",
        ),
        answers=(
            "I want to talk to other people who live with type 1.",
            "I live with type 1 myself.",
        ),
        professionals=(MARIGOLD,),
        requests=(
            DemoRequest(
                TIDAL_WAVE,
                (
                    "I found out I have type 1 two months ago. My nurse told me about you. "
                    "I would like to talk to people who understand.",
                    "I live with type 1 myself.",
                ),
                days_ago=1,
            ),
        ),
        opened_days_ago=90,
    ),
    DemoSpace(
        group=CALM_CORNER,
        leader=TIDEPOOL,
        visibility=Visibility.CLOSED,
        members=(BLUE_KITE, MEMBER, PEBBLE),
        join_questions=(
            "What brings you to Calm Corner?",
            "Is there anything that would help you feel at ease here?",
        ),
        answers=(
            "I live with anxiety and would like to talk to people who get it.",
            "Being able to read for a while before I post.",
        ),
    ),
    DemoSpace(
        group=MND_CARERS,
        leader=NIGHT_SHIFT,
        visibility=Visibility.OPEN,
        members=(GARDEN_GATE, CARER),
        is_carers_space=True,
    ),
    DemoSpace(
        group=PARKINSONS_CAFE,
        leader=CIDER_PRESS,
        visibility=Visibility.OPEN,
        members=(BLUEBELL, DOWNS_WALKER),
        professional_policy=ProfessionalPolicy.WELCOME,
        allow_anonymous=False,
    ),
    # Not open to everyone yet (the directory lists it as a draft): a few people are
    # invited to try it first, so its online space is hidden.
    DemoSpace(
        group=BUMPS_AND_BABIES,
        leader=PEER_LEADER,
        visibility=Visibility.HIDDEN,
        members=(BUMPY_ROAD, MARIGOLD, MILK_AND_TOAST),
        professionals=(MARIGOLD,),
        opened_days_ago=12,
    ),
)


# --- Conversations ------------------------------------------------------------------

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


SOUTH_COAST_TOPICS: tuple[DemoTopic, ...] = (
    DemoTopic(
        space=SOUTH_COAST,
        author=PEER_LEADER,
        days_ago=60,
        time="12:00",
        title="Welcome! Please read this first",
        body=(
            "Hello and welcome to South Coast Type 1 Peers. We all live with type 1.\n\n"
            "A few things keep this group a good place to be:\n\n"
            "- Share what works for you. Please do not tell others what to do with their "
            "insulin. For changes to your care, talk to your diabetes team.\n"
            "- Be kind. We all started somewhere.\n"
            "- What is said here stays here. No screenshots.\n"
            "- If someone seems to be in crisis, tell me or Lighthouse straight away.\n\n"
            "Our walk is on the first Saturday of each month. The new members' evening is "
            "online on the second Wednesday. Say hello below!"
        ),
        pinned=True,
        reactions=((MEMBER, THANKS), (NIGHT_OWL, THANKS), (MARIGOLD, THANKS)),
        replies=(
            DemoReply(
                MODERATOR,
                2,
                "Thanks, Sal. I am one of the moderators. If you see something that worries "
                "you, send me a message. I would rather hear about it twice than not at all.",
            ),
            DemoReply(
                MARIGOLD,
                20,
                "Hello all. I have had type 1 for over forty years, so I have seen a lot of "
                "changes! I am happy to share what I have learned along the way.",
                reactions=((PEER_LEADER, THANKS),),
            ),
        ),
    ),
    DemoTopic(
        space=SOUTH_COAST,
        author=MARIGOLD,
        days_ago=40,
        time="10:15",
        title="A sensor after forty years of finger pricks?",
        body=(
            "After forty years of finger pricks, my team have offered me a sensor. I am 66 "
            "and not very good with phones. Part of me wants to say no thank you.\n\n"
            "Did anyone else start one later in life? How did you get on?"
        ),
        tags=("sensors",),
        replies=(
            DemoReply(
                NIGHT_OWL,
                3,
                "My dad started one at 70! I helped him with the phone at first. After a "
                "week he was showing it off to everyone at the pub.",
            ),
            DemoReply(
                MEMBER,
                6,
                "The nurse showed me how to use mine, step by step. Maybe ask if they can do "
                "the same for you?",
            ),
            DemoReply(
                PEER_LEADER,
                8,
                "Lots of people feel the same. Could we have a talk on this at the next "
                "conference?",
            ),
            DemoReply(
                MARIGOLD,
                390,
                "Well, I said yes. Ten days in and I love it. No more sore fingers! The "
                "nurse wrote the steps down for me, which helped a lot.",
                reactions=((PEER_LEADER, THANKS), (NIGHT_OWL, THANKS), (MEMBER, THANKS)),
            ),
        ),
    ),
    DemoTopic(
        space=SOUTH_COAST,
        author=PEBBLE,
        days_ago=34,
        time="14:20",
        title="Just diagnosed and feeling a bit lost",
        body=(
            "Hi everyone. Five weeks ago I found out I have type 1. I am 34, so it was a "
            "shock. I thought type 1 only started in children.\n\n"
            "My diabetes nurse told me about this group. I am doing my injections and "
            "finger pricks, but my head is spinning with numbers. Does it get easier? How "
            "did you feel at the start?"
        ),
        tags=("newly-diagnosed",),
        reactions=((PEER_LEADER, STRENGTH), (MARIGOLD, STRENGTH), (MEMBER, ME_TOO)),
        replies=(
            DemoReply(
                PEER_LEADER,
                1,
                "Welcome, Pebble. I am so glad your nurse told you about us. Lots of people "
                "find out as adults. You are not on your own.\n\n"
                "It does get easier. At the start it felt like a full-time job to me. After "
                "a few months it was more like a habit. Ask anything here. There are no "
                "silly questions.",
            ),
            DemoReply(
                MARIGOLD,
                3,
                "Hello, love. I found out at 22, a long time ago now. The first year was the "
                "hardest for me. What helped was writing my questions down before each "
                "clinic visit. I forgot half of them otherwise!",
                reactions=((PEBBLE, THANKS),),
            ),
            DemoReply(
                MEMBER,
                5,
                "Me too, three years ago, when I was 29. I cried in the car park after my "
                "first appointment. Now it is just part of my day. Be gentle with yourself.",
                reactions=((PEBBLE, THANKS),),
            ),
            DemoReply(
                NIGHT_OWL,
                26,
                "Welcome! If you use social media, look up #GBDOC. It is lots of people with "
                "diabetes sharing their days. It helped me feel less alone at the start.",
            ),
            DemoReply(
                PEBBLE,
                30,
                "Thank you all so much. I read these on the bus and had a little cry, but a "
                "good one. I have written my list for clinic next week.",
                reactions=((MARIGOLD, STRENGTH),),
            ),
            DemoReply(
                MODERATOR,
                31,
                "Good luck at clinic, Pebble. Do come on a walk when you feel ready. No pressure.",
            ),
        ),
    ),
    DemoTopic(
        space=SOUTH_COAST,
        author=BUMPY_ROAD,
        days_ago=27,
        time="11:00",
        title="Pregnant with type 1: 20 weeks and feeling it",
        body=(
            "Hello. I am 20 weeks pregnant with our first baby. I am so happy, but it is "
            "hard work! I am at the hospital a lot, and I check my levels all the time.\n\n"
            "Is anyone else pregnant, or has anyone had a baby with type 1? I would love "
            "to hear how you found it."
        ),
        tags=("pregnancy",),
        reactions=((MARIGOLD, STRENGTH), (MEMBER, STRENGTH), (NIGHT_OWL, STRENGTH)),
        replies=(
            DemoReply(
                MARIGOLD,
                3,
                "Congratulations! I had two babies with type 1, a long time ago. It was hard "
                "work then too. My team at the antenatal clinic felt like family by the end. "
                "Both of mine are grown up and well now.",
                reactions=((BUMPY_ROAD, THANKS),),
            ),
            DemoReply(
                PEER_LEADER,
                5,
                "Congratulations! We are setting up a buddy group called Type 1 Bumps and "
                "Babies. It will pair you with someone who has had a baby with type 1. I "
                "will tell you when it opens.",
            ),
            DemoReply(
                MEMBER,
                8,
                "Congratulations! I have not been there myself, but I am cheering you on.",
            ),
            DemoReply(
                BUMPY_ROAD,
                30,
                "Thank you! Sal, please put me on the list. My team are very good, but it "
                "would be nice to talk to someone who has done it.",
            ),
            DemoReply(
                MARIGOLD,
                52,
                "Rest when you can. And ask your team anything, even if it seems small. "
                "Mine always said they would much rather I asked.",
            ),
        ),
    ),
    DemoTopic(
        space=SOUTH_COAST,
        author=HARBOUR_RUNNER,
        days_ago=25,
        time="12:30",
        title="Starting a new job: do I tell them about type 1?",
        body=(
            "I start a new job next month. I have never had to tell a boss about my type "
            "1 before. Part of me wants to keep it quiet. Did you tell your work? How did "
            "it go?"
        ),
        tags=("work",),
        replies=(
            DemoReply(
                MARIGOLD,
                4,
                "I always told my manager in the first week. Then if I needed a break to "
                "treat a low, nobody was surprised. But it is your choice.",
            ),
            DemoReply(
                MODERATOR,
                6,
                "Diabetes charities have good guides about your rights at work. I found one "
                "really useful before I told my boss.",
                reactions=((HARBOUR_RUNNER, THANKS),),
            ),
            DemoReply(
                MEMBER,
                9,
                "I waited a few weeks until I felt settled. Then I told my team over coffee. "
                "They were great about it.",
            ),
        ),
    ),
    DemoTopic(
        space=SOUTH_COAST,
        author=PUMPED_UP,
        days_ago=21,
        time="10:00",
        title="Starting my pump next week: tips for the first few days?",
        body=(
            "My pump start is next Tuesday at the clinic. I am excited but nervous too. I "
            "have been on pens for 12 years.\n\n"
            "If you use a pump, what do you wish you had known in the first week? I mean "
            "everyday stuff, like sleeping and showers."
        ),
        tags=("pumps",),
        reactions=((NIGHT_OWL, STRENGTH),),
        replies=(
            DemoReply(
                NIGHT_OWL,
                2,
                "Exciting! I have been on a pump for six years. For me, the first week was "
                "about getting used to wearing it. I clipped it to my pyjamas at night and "
                "soon stopped noticing it. The settings are for your pump team to sort out "
                "with you, so write your questions down for them.",
                reactions=((PUMPED_UP, THANKS),),
            ),
            DemoReply(
                HARBOUR_RUNNER,
                4,
                "I kept a pen and spare kit in my bag for the first few weeks, just in case. "
                "It made me feel calmer.",
            ),
            DemoReply(
                MODERATOR,
                6,
                "Good luck, Pete! My pump team gave me a number to call in the first few "
                "weeks. I used it twice and they were lovely. Ask if yours has one.",
                reactions=((PUMPED_UP, THANKS),),
            ),
            DemoReply(
                MEMBER,
                9,
                "I am not on a pump yet, but I am thinking about it. Please tell us how it goes!",
            ),
            DemoReply(
                PUMPED_UP,
                177,
                "Day 4 update: it is on! The start day was long, but the nurses were great. "
                "Sleeping with it felt odd on the first night. Last night I forgot it was "
                "there. I rang the team once with a question and they sorted it.",
                reactions=((MEMBER, STRENGTH), (HARBOUR_RUNNER, THANKS), (NIGHT_OWL, THANKS)),
            ),
            DemoReply(NIGHT_OWL, 179, "Brilliant news. Welcome to the #pumps club!"),
        ),
    ),
    DemoTopic(
        space=SOUTH_COAST,
        author=MEMBER,
        days_ago=19,
        time="07:30",
        title="Worrying about hypos at night",
        body=(
            "Does anyone else lie awake worrying about going low in the night? I live on "
            "my own. Some nights I check three or four times before I can sleep. I am so "
            "tired."
        ),
        tags=("hypos",),
        reactions=((PEBBLE, ME_TOO), (NIGHT_OWL, ME_TOO)),
        replies=(
            DemoReply(
                NIGHT_OWL,
                2,
                "Yes, me too, before I had a sensor with an alarm. It does not suit "
                "everyone, but it helped me sleep. I talked to my team about whether it was "
                "right for me.",
            ),
            DemoReply(
                MARIGOLD,
                4,
                "I used to feel the same when my husband worked nights. What helped me was "
                "telling my team how much it worried me. They looked at my numbers with me, "
                "and we made a plan together.",
            ),
            DemoReply(
                MODERATOR,
                6,
                "That sounds so tiring. If you are going low at night, do tell your diabetes "
                "team. That is what they are there for. The worry matters too, so tell them "
                "about that as well.",
                reactions=((MEMBER, THANKS),),
            ),
            DemoReply(
                PEBBLE,
                12,
                "I had no idea other people felt like this. Thank you for asking, Seaglass.",
            ),
            DemoReply(
                MEMBER,
                28,
                "Thank you all. I have booked a call with my nurse for next week. I feel "
                "less silly about it now.",
                reactions=((MODERATOR, STRENGTH), (MARIGOLD, STRENGTH)),
            ),
        ),
    ),
    DemoTopic(
        space=SOUTH_COAST,
        author=PEBBLE,
        days_ago=16,
        time="08:10",
        title="Tummy bug: what should I do with my insulin?",
        body=(
            "I have been sick since last night and I cannot keep food down. My levels are "
            "going up, even though I am not eating. I do not know what to do with my "
            "insulin. What do you all do?"
        ),
        tags=("sick-days",),
        reactions=((MEMBER, STRENGTH),),
        replies=(
            DemoReply(
                MODERATOR,
                0.3,
                "Sorry you are poorly, Pebble. Please ring your diabetes team now, or 111 if "
                "they are closed. Being sick with type 1 can get worse fast, and they can "
                "talk you through it.\n\n"
                "Check your sick-day rules with your team too. Mine are on a card on the "
                "fridge, so I do not have to think when I feel rotten.",
                reactions=((PEBBLE, THANKS), (MARIGOLD, THANKS), (PEER_LEADER, THANKS)),
            ),
            DemoReply(
                MARIGOLD,
                0.6,
                "Lighthouse is right. Please call them today. No one here can tell you what "
                "your body needs, but your team can.",
            ),
            DemoReply(
                PEER_LEADER,
                1,
                "Thinking of you. Let us know you are OK when you can.",
            ),
            DemoReply(
                PEBBLE,
                7,
                "I rang the team. They were so kind and talked me through it. I feel a bit "
                "better now. I did not know about sick-day rules! They are sending me a "
                "leaflet.",
                reactions=((MODERATOR, STRENGTH), (PEER_LEADER, STRENGTH)),
            ),
            DemoReply(
                NIGHT_OWL,
                9,
                "Glad you are OK. This is a good reminder for me to check that my own "
                "sick-day rules are up to date.",
            ),
            DemoReply(MEMBER, 10, "Same! I just found mine at the back of a drawer."),
        ),
    ),
    DemoTopic(
        space=SOUTH_COAST,
        author=NIGHT_OWL,
        days_ago=12,
        time="13:00",
        title="#GBDOC chat on Wednesday at 9pm",
        body=(
            "There is a #GBDOC chat on social media this Wednesday at 9pm. The theme is "
            "diabetes and work. Anyone can join in, or just read along.\n\n"
            "If you are not on social media, I will post the best bits here afterwards."
        ),
        tags=("gbdoc",),
        replies=(
            DemoReply(MARIGOLD, 2, "I am not on any of that, so yes please!"),
            DemoReply(MEMBER, 4, "I will join in. Work is a big one for me."),
            DemoReply(
                NIGHT_OWL,
                93,
                "Here are the best bits from last night. Lots of people said that telling "
                "their manager early made things easier. Others waited until they felt "
                "settled. Everyone agreed on one thing: you choose what to share, and when.",
                reactions=((MARIGOLD, THANKS), (MEMBER, THANKS), (HARBOUR_RUNNER, THANKS)),
            ),
            DemoReply(
                HARBOUR_RUNNER,
                97,
                "Thanks for this. Very useful, as I have just started my new job.",
            ),
        ),
    ),
    DemoTopic(
        space=SOUTH_COAST,
        author=PEER_LEADER,
        days_ago=17,
        time="12:00",
        title="Seafront walk this Saturday: who is coming?",
        body=(
            "Our monthly walk is this Saturday. We meet at 10am at the Seafront Café on "
            "Southsea Common. The walk is flat and about 3 km. We stop for a cuppa at the "
            "end.\n\n"
            "New people are very welcome. I will wear a blue lanyard so you can find me. "
            "Bring a snack and whatever you usually carry for a hypo."
        ),
        tags=("walks", "meet-ups"),
        replies=(
            DemoReply(MEMBER, 1, "I am in! I will bring the dog."),
            DemoReply(NIGHT_OWL, 3, "Count me in."),
            DemoReply(
                PEBBLE,
                5,
                "I would like to come, but I am a bit nervous. I do not know anyone yet.",
            ),
            DemoReply(
                PEER_LEADER,
                6,
                "Pebble, come and find me at the door and I will introduce you. Lots of "
                "people come on their own the first time.",
                reactions=((PEBBLE, THANKS),),
            ),
            DemoReply(HARBOUR_RUNNER, 20, "I will be there. I might jog there first!"),
            DemoReply(
                PEBBLE,
                99,
                "Thank you for a lovely walk. Everyone was so friendly. It was so nice to "
                "check my levels with people around me who did not even blink!",
                reactions=((PEER_LEADER, THANKS), (MARIGOLD, STRENGTH), (MEMBER, THANKS)),
            ),
            DemoReply(MARIGOLD, 101, "It was lovely to meet you, Pebble. See you next month."),
        ),
    ),
    DemoTopic(
        space=SOUTH_COAST,
        author=HARBOUR_RUNNER,
        days_ago=8,
        time="18:00",
        title="Sensor came off at the gym again!",
        body=(
            "That is the third sensor this month that has come off at the gym. Sweat and a "
            "tight sleeve do not mix. Has anyone found a trick that works for them?"
        ),
        tags=("sensors",),
        replies=(
            DemoReply(
                NIGHT_OWL,
                1,
                "What works for me is a patch over the top. My clinic gave me a few to try, "
                "so it is worth asking yours. I also wear it where my sleeve does not rub.",
            ),
            DemoReply(
                PUMPED_UP,
                3,
                "I had the same problem with football. A sweatband over the sensor helped me.",
            ),
            DemoReply(
                MEMBER,
                5,
                "Also, if a sensor comes off early, tell the company that makes it. Mine "
                "sent me a new one.",
            ),
            DemoReply(
                HARBOUR_RUNNER,
                26,
                "Great ideas, thank you. I am trying the sweatband tonight.",
            ),
        ),
    ),
    DemoTopic(
        space=SOUTH_COAST,
        author=NIGHT_OWL,
        days_ago=5,
        time="16:00",
        title="Fed up with it all today",
        body=(
            "Not a question, just a moan. I have done everything 'right' this week, and my "
            "levels are all over the place. Some days type 1 feels like a job I never "
            "applied for."
        ),
        reactions=(
            (MEMBER, STRENGTH),
            (MARIGOLD, STRENGTH),
            (PEBBLE, STRENGTH),
            (MODERATOR, STRENGTH),
        ),
        replies=(
            DemoReply(
                MEMBER, 1, "Sending a hug. Some weeks are just like that. It is not your fault."
            ),
            DemoReply(
                PEER_LEADER,
                2,
                "You are allowed to be fed up. Twenty years of this is a lot. If the fed-up "
                "feeling hangs around, tell your team. They can help with that too, and many "
                "clinics can find you someone to talk to.",
            ),
            DemoReply(
                MARIGOLD, 5, "Forty years in, I still have weeks like this. Tomorrow is a new day."
            ),
            DemoReply(
                NIGHT_OWL,
                20,
                "Thank you. I feel a bit better today. It helps just to say it to people "
                "who get it.",
                reactions=((MEMBER, STRENGTH),),
            ),
        ),
    ),
    DemoTopic(
        space=SOUTH_COAST,
        author=PEER_LEADER,
        days_ago=3,
        time="10:00",
        title="Next year's conference: what talks would you like?",
        body=(
            "Our yearly conference is on the second Saturday in October. We are starting "
            "to plan next year's already! What would you like to hear about? People with "
            "type 1 give the talks, and so do local diabetes teams."
        ),
        tags=("conference",),
        replies=(
            DemoReply(
                MARIGOLD,
                2,
                "Sensors for people who are not good with phones! I would be happy to tell "
                "my story.",
            ),
            DemoReply(PUMPED_UP, 4, "Life on a pump: the real version."),
            DemoReply(
                BUMPY_ROAD,
                7,
                "Type 1 and having a baby, please. Maybe a talk from an antenatal team and "
                "a mum who has done it.",
            ),
            DemoReply(
                PEBBLE,
                9,
                "Something for people who have just found out. And sick-day rules! I know "
                "all about those now.",
            ),
            DemoReply(
                PEER_LEADER,
                26,
                "These are great. Keep them coming. I will share a list next month.",
            ),
        ),
    ),
)

CALM_CORNER_TOPICS: tuple[DemoTopic, ...] = (
    DemoTopic(
        space=CALM_CORNER,
        author=TIDEPOOL,
        days_ago=50,
        time="10:00",
        title="Welcome to Calm Corner: how we look after each other",
        body=(
            "Hello, and welcome. I am Tidepool, one of the peer workers at Brighter "
            "Minds. I live with anxiety too.\n\n"
            "- You can use a nickname, and you can post anonymously. Only the group's "
            "leaders and moderators can see who wrote an anonymous post.\n"
            "- Share what helps you. We are not doctors or therapists, and we do not give "
            "medical advice.\n"
            "- If you are in crisis, tell a leader straight away. In an emergency, call "
            "999. You can call Samaritans at any time on 116 123.\n"
            "- Our live chat is every Thursday at 7pm."
        ),
        pinned=True,
        reactions=((BLUE_KITE, THANKS), (MEMBER, THANKS)),
        replies=(
            DemoReply(
                BLUE_KITE,
                30,
                "Thank you. It helps to know how things work here. I read for a while "
                "before I said anything.",
            ),
            DemoReply(
                MEMBER,
                72,
                "Hello. I live with type 1 and anxiety, and each one makes the other worse "
                "at times. I am glad to be here.",
                reactions=((TIDEPOOL, THANKS),),
            ),
        ),
    ),
    DemoTopic(
        space=CALM_CORNER,
        author=BLUE_KITE,
        days_ago=22,
        time="06:40",
        title="I have been hiding how anxious I am",
        body=(
            "I am posting this anonymously because I have not told anyone before. On the "
            "outside I look fine. I go to work and I joke around. But most mornings my "
            "chest is tight, and my mind races before I even get up.\n\n"
            "I am tired of pretending. Does anyone else feel like this?"
        ),
        anonymous=True,
        reactions=((TIDEPOOL, STRENGTH), (MEMBER, STRENGTH), (PEBBLE, ME_TOO)),
        replies=(
            DemoReply(
                TIDEPOOL,
                1,
                "Thank you for trusting us with this. So many of us know that feeling of "
                "looking fine on the outside. You do not have to pretend here.",
            ),
            DemoReply(
                MEMBER,
                3,
                "Yes. Me too, for years. Telling one person was the hardest step. For me it "
                "was my GP, and it was such a relief.",
            ),
            DemoReply(
                PEBBLE,
                5,
                "I feel like this too. Your post made me feel less alone. Thank you for "
                "writing it.",
                anonymous=True,
            ),
            DemoReply(
                TIDEPOOL,
                7,
                "If you feel ready, your GP is a good person to talk to about it. Some "
                "people take a note with them, so they do not have to find the words on "
                "the day. Take your time.",
            ),
            DemoReply(
                BLUE_KITE,
                48,
                "Thank you all. I have made an appointment with my GP for next week. I "
                "wrote a note, like Tidepool said.",
                anonymous=True,
                reactions=((MEMBER, STRENGTH), (TIDEPOOL, STRENGTH)),
            ),
        ),
    ),
    DemoTopic(
        space=CALM_CORNER,
        author=TIDEPOOL,
        days_ago=14,
        time="11:00",
        title="Small things that helped this week",
        body=(
            "Let's share one small thing that helped this week. It can be tiny. Mine: I "
            "sat in the garden for ten minutes with a cup of tea and no phone."
        ),
        replies=(
            DemoReply(MEMBER, 2, "A walk by the sea with my dog, even in the rain."),
            DemoReply(
                BLUE_KITE,
                4,
                "I tried the slow breathing we talked about on Thursday. It helped on the bus.",
            ),
            DemoReply(
                PEBBLE,
                9,
                "Telling my sister how I really feel. She just listened.",
                reactions=((BLUE_KITE, STRENGTH), (TIDEPOOL, STRENGTH)),
            ),
            DemoReply(TIDEPOOL, 11, "I love these. Thank you for sharing."),
        ),
    ),
    DemoTopic(
        space=CALM_CORNER,
        author=MEMBER,
        days_ago=9,
        time="15:00",
        title="Nervous before clinic appointments",
        body=(
            "My diabetes clinic is next week, and I already feel sick about it. I worry "
            "they will tell me off about my numbers. Then I freeze and forget what I "
            "wanted to say. Does anyone else get like this before appointments?"
        ),
        reactions=((PEBBLE, ME_TOO), (BLUE_KITE, ME_TOO)),
        replies=(
            DemoReply(
                TIDEPOOL,
                1,
                "Yes, lots of people do. What helps me is writing down three things I want "
                "to say, and handing the list over at the start. Some people take a friend "
                "with them too.",
                reactions=((MEMBER, THANKS),),
            ),
            DemoReply(
                BLUE_KITE,
                3,
                "I get like this at the dentist! I tell them at the start that I am "
                "nervous. It takes the pressure off.",
            ),
            DemoReply(
                PEBBLE,
                5,
                "Same here. My nurse said I can send my questions before I go. Maybe your "
                "clinic does that too?",
            ),
            DemoReply(
                MEMBER,
                147,
                "Update: I took a list and said I was nervous. The nurse was kind, and "
                "nobody told me off. Thank you all.",
                reactions=((TIDEPOOL, STRENGTH), (PEBBLE, THANKS)),
            ),
        ),
    ),
    DemoTopic(
        space=CALM_CORNER,
        author=TIDEPOOL,
        days_ago=2,
        time="12:00",
        title="Thursday live chat: sleep and worry",
        body=(
            "This Thursday at 7pm, our live chat is about sleep. Lots of us lie awake with "
            "worries going round. Come and share what helps you, or just read along. You "
            "do not have to say anything."
        ),
        replies=(
            DemoReply(BLUE_KITE, 3, "I will be there. Night is my worst time."),
            DemoReply(MEMBER, 5, "Me too. Hypo worry and everyday worry, all at once!"),
        ),
    ),
)

MND_CARERS_TOPICS: tuple[DemoTopic, ...] = (
    DemoTopic(
        space=MND_CARERS,
        author=CARER,
        days_ago=30,
        time="13:00",
        title="New here: caring for my mum",
        body=(
            "Hello. In the summer, my mum found out she has MND. I have moved back home to "
            "help look after her, and I work part time too.\n\n"
            "I do not really know what I am doing. Some days I am fine, and some days it "
            "all feels too much. It is good to find people who know what this is like."
        ),
        reactions=((NIGHT_SHIFT, STRENGTH), (GARDEN_GATE, STRENGTH)),
        replies=(
            DemoReply(
                NIGHT_SHIFT,
                2,
                "Welcome. I care for my husband, who has had MND for three years. The early "
                "days are such a whirlwind. You are doing a good thing, and you do not have "
                "to know it all.",
            ),
            DemoReply(
                GARDEN_GATE,
                6,
                "Hello and welcome. I look after my wife. What helped me was asking the "
                "council for a carer's assessment. It took a while, but in the end we got "
                "some help at home.",
                reactions=((CARER, THANKS),),
            ),
            DemoReply(
                CARER,
                28,
                "Thank you both. I did not know about carer's assessments. I will ask this week.",
            ),
            DemoReply(
                NIGHT_SHIFT,
                30,
                "Good luck. Your mum's MND nurse can help point you the right way too.",
            ),
        ),
    ),
    DemoTopic(
        space=MND_CARERS,
        author=GARDEN_GATE,
        days_ago=18,
        time="06:15",
        title="Getting a break: has anyone used respite care?",
        body=(
            "I have not had a full night's sleep in months. My daughter says I need a "
            "break. I feel guilty even thinking about it. Has anyone used respite care? "
            "How did it go?"
        ),
        reactions=((NIGHT_SHIFT, STRENGTH), (CARER, STRENGTH)),
        replies=(
            DemoReply(
                NIGHT_SHIFT,
                1,
                "I felt the same guilt. Last spring, my husband had a week in a hospice "
                "respite bed. He liked the staff, and I slept for two days! I came back a "
                "better carer.",
                reactions=((GARDEN_GATE, THANKS),),
            ),
            DemoReply(CARER, 5, "No advice, just sending strength. The guilt is real."),
            DemoReply(
                GARDEN_GATE,
                50,
                "Thank you. I have spoken to the hospice, and we are going to visit "
                "together first.",
                reactions=((NIGHT_SHIFT, STRENGTH),),
            ),
        ),
    ),
    DemoTopic(
        space=MND_CARERS,
        author=NIGHT_SHIFT,
        days_ago=7,
        time="17:30",
        title="A good day",
        body=(
            "I just wanted to share a good day. We got the wheelchair out and went to the "
            "garden centre for cake. He laughed at my terrible parking. Small things, but "
            "they matter."
        ),
        reactions=((GARDEN_GATE, THANKS), (CARER, THANKS)),
        replies=(
            DemoReply(GARDEN_GATE, 2, "That is lovely to hear. Cake makes everything better."),
            DemoReply(CARER, 4, "This made me smile. Thank you for sharing."),
        ),
    ),
)

PARKINSONS_TOPICS: tuple[DemoTopic, ...] = (
    DemoTopic(
        space=PARKINSONS_CAFE,
        author=DOWNS_WALKER,
        days_ago=26,
        time="10:30",
        title="Diagnosed last month at 58",
        body=(
            "Last month I found out I have Parkinson's. I am 58 and still working. My "
            "right hand shakes, and I get tired. My wife and I are still taking it in.\n\n"
            "How did you tell people at work? And is the café OK for someone new?"
        ),
        reactions=((CIDER_PRESS, STRENGTH), (BLUEBELL, STRENGTH)),
        replies=(
            DemoReply(
                CIDER_PRESS,
                2,
                "Welcome. I was 61 when I found out, eight years ago now. The café is very "
                "friendly. Come along and have a cup of tea. Nobody will make you talk.",
            ),
            DemoReply(
                BLUEBELL,
                5,
                "My husband found out five years ago. I remember that feeling of taking it "
                "all in. Bring your wife to the café. Partners come too, and we have our "
                "own chats.",
            ),
            DemoReply(
                CIDER_PRESS,
                7,
                "About work: I told my manager first, then my team. My Parkinson's nurse "
                "gave me a leaflet about work, which helped. Ask yours if they have one.",
                reactions=((DOWNS_WALKER, THANKS),),
            ),
            DemoReply(DOWNS_WALKER, 52, "Thank you both. We will come to the next café."),
        ),
    ),
    DemoTopic(
        space=PARKINSONS_CAFE,
        author=CIDER_PRESS,
        days_ago=13,
        time="11:00",
        title="Café next Tuesday: this month's topic is sleep",
        body=(
            "Our café is next Tuesday at 2pm in the Central Library Café. You chose sleep "
            "as our topic this month. Bring your tips, your questions, or just yourself. "
            "There will be cake."
        ),
        tags=("meet-ups",),
        replies=(
            DemoReply(BLUEBELL, 3, "We will be there. Sleep is a big one in our house."),
            DemoReply(DOWNS_WALKER, 6, "See you there."),
        ),
    ),
    DemoTopic(
        space=PARKINSONS_CAFE,
        author=BLUEBELL,
        days_ago=11,
        time="09:00",
        title="Buttons and zips: what has helped you?",
        body=(
            "My husband is finding buttons harder in the mornings. He gets cross with "
            "himself, and I want to help without taking over. What has helped you or your "
            "partner?"
        ),
        replies=(
            DemoReply(
                CIDER_PRESS,
                2,
                "I swapped most of my shirts for ones with fewer buttons. An occupational "
                "therapist gave me lots of good ideas. Your GP or Parkinson's nurse can "
                "refer you.",
                reactions=((BLUEBELL, THANKS),),
            ),
            DemoReply(DOWNS_WALKER, 4, "I am not there yet, but I am saving these tips!"),
            DemoReply(
                BLUEBELL,
                26,
                "Thank you. He has asked his nurse about seeing someone. And he laughed "
                "when I showed him the shirts!",
            ),
        ),
    ),
    DemoTopic(
        space=PARKINSONS_CAFE,
        author=CIDER_PRESS,
        days_ago=4,
        time="14:00",
        title="Getting my tablets on time in hospital",
        body=(
            "I was in hospital last month with a bad hip. I was worried about getting my "
            "Parkinson's tablets on time. What helped me was bringing a list of my times, "
            "and telling the nurses on every shift. Has anyone else had this worry?"
        ),
        reactions=((BLUEBELL, THANKS), (DOWNS_WALKER, THANKS)),
        replies=(
            DemoReply(
                BLUEBELL,
                2,
                "Yes! When my husband was in, I wrote his times on a big card by his bed. "
                "The ward staff were glad of it.",
            ),
            DemoReply(
                DOWNS_WALKER,
                5,
                "I did not know this could be a problem. I will ask my Parkinson's nurse to "
                "help me make a plan, just in case.",
            ),
            DemoReply(
                CIDER_PRESS, 6, "Good idea. Your nurse is the best person to help with that."
            ),
        ),
    ),
)

BUMPS_AND_BABIES_TOPICS: tuple[DemoTopic, ...] = (
    DemoTopic(
        space=BUMPS_AND_BABIES,
        author=PEER_LEADER,
        days_ago=10,
        time="19:00",
        title="Welcome to our trial group",
        body=(
            "Hello, and thank you for trying out Type 1 Bumps and Babies! It is by "
            "invitation only for now, while we set it up. Only the people invited can see "
            "this group.\n\n"
            "Marigold and Milk and Toast have both had babies with type 1. They are happy "
            "to be buddies. Your own antenatal team is still the place for anything about "
            "your care. Tell us what would help you."
        ),
        pinned=True,
        reactions=((BUMPY_ROAD, THANKS), (MARIGOLD, THANKS)),
        replies=(
            DemoReply(
                BUMPY_ROAD,
                1,
                "Thank you for asking me! It feels good to have somewhere just for this.",
            ),
            DemoReply(
                MILK_AND_TOAST,
                2,
                "Hello! My little boy is eight months old now. I remember how much I wanted "
                "to talk to someone who had done it. Ask me anything.",
                reactions=((BUMPY_ROAD, THANKS),),
            ),
            DemoReply(
                MARIGOLD,
                20,
                "Lovely to be here. Mine are grown up now, but I remember it all!",
            ),
        ),
    ),
    DemoTopic(
        space=BUMPS_AND_BABIES,
        author=BUMPY_ROAD,
        days_ago=6,
        time="11:30",
        title="My hospital bag list: what did you take?",
        body=(
            "I am 23 weeks now. I know it is early, but I like to be ready, so I have "
            "started a list for my hospital bag. What did you take for your type 1? I keep "
            "thinking I will forget something."
        ),
        replies=(
            DemoReply(
                MILK_AND_TOAST,
                2,
                "I took lots of snacks and hypo treats, spare kit, and a long phone "
                "charger. My team wrote a plan for my diabetes during and after the birth. "
                "I kept it at the top of the bag, so my partner could find it.",
                reactions=((BUMPY_ROAD, THANKS), (MARIGOLD, THANKS)),
            ),
            DemoReply(
                MARIGOLD,
                5,
                "Snacks for your partner too! Mine ate all of my hypo treats.",
            ),
            DemoReply(
                BUMPY_ROAD,
                8,
                "Ha! Two bags of snacks it is. I will ask my team about a plan at my next "
                "appointment.",
            ),
        ),
    ),
    DemoTopic(
        space=BUMPS_AND_BABIES,
        author=MILK_AND_TOAST,
        days_ago=2,
        time="14:00",
        title="Night feeds and type 1: how I get through",
        body=(
            "Some of you asked about life after the baby comes. For me, night feeds were "
            "the hardest part. What worked for me was keeping snacks and my meter by the "
            "chair. My levels changed a lot in the first weeks, so I talked to my team "
            "often. What has helped you?"
        ),
        reactions=((BUMPY_ROAD, THANKS),),
        replies=(
            DemoReply(
                MARIGOLD,
                3,
                "Same for me. A basket by the chair with everything in it. And sleep when "
                "the baby sleeps, if you can!",
            ),
            DemoReply(
                BUMPY_ROAD,
                5,
                "Saving this for later. I am making my basket this weekend.",
                reactions=((MILK_AND_TOAST, STRENGTH),),
            ),
        ),
    ),
)


TOPICS: tuple[DemoTopic, ...] = (
    SOUTH_COAST_TOPICS
    + CALM_CORNER_TOPICS
    + MND_CARERS_TOPICS
    + PARKINSONS_TOPICS
    + BUMPS_AND_BABIES_TOPICS
)


# --- Following and blogs ------------------------------------------------------------

# (follower, followed): their new topics and blog posts show in the follower's feed.
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


BLOG_POSTS: tuple[DemoBlogPost, ...] = (
    DemoBlogPost(
        author=MARIGOLD,
        days_ago=20,
        title="Forty years with type 1: what I wish I had known",
        body=(
            "I found out I had type 1 when I was 22. Here are a few things I wish someone "
            "had told me then.\n\n"
            "- **You will have bad days.** They are not a test you failed.\n"
            "- **Write your questions down.** I forget half of mine in clinic otherwise.\n"
            "- **Your team wants to hear from you.** Ring them. That is what they are there "
            "for.\n"
            "- **Find your people.** Talking to others with type 1 changed everything for "
            "me. I wish groups like ours had been around in the 1980s!"
        ),
        audience=BlogAudience.MY_GROUPS,
    ),
    DemoBlogPost(
        author=NIGHT_OWL,
        days_ago=9,
        title="Six years on a pump: the real version",
        body=(
            "People ask me what life on a pump is like. So here is the honest answer.\n\n"
            "The good bits: fewer injections, and I feel more free at the gym. The less "
            "good bits: I have caught the tube on a door handle more than once! And there "
            "is always one more thing to pack.\n\n"
            "A pump is not right for everyone. My team and I talked about it for a long "
            "time first. If you are thinking about one, talk it through with yours."
        ),
        audience=BlogAudience.FOLLOWERS,
    ),
    DemoBlogPost(
        author=TIDEPOOL,
        days_ago=6,
        title="Why we use nicknames in Calm Corner",
        body=(
            "Some of you have asked why most of us use nicknames here. It is so you can be "
            "honest without worrying who might read it. Your real name and email are never "
            "shown to other members.\n\n"
            "If you ever want to post something without even your nickname, tick "
            '"post anonymously". Only the leaders and moderators can see who wrote it, '
            "and that is only so we can keep everyone safe."
        ),
        audience=BlogAudience.ONE_GROUP,
        space=CALM_CORNER,
    ),
)
