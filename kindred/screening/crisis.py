"""Crisis: a member who may be at risk now — thinking of suicide, harming themselves,
having taken an overdose, in immediate danger, or living with domestic abuse.

This check runs first and errs towards noticing. When it fires, the author at once sees
the helplines for their country (`helplines`), and the group's moderators get an urgent
alert; the post is held or published as the group chooses, and never silently lost.

It looks for the present and the near future ("I want to die", "I've taken all my
pills", "he won't let me take my insulin"). People who talk about a crisis they came
through ("two years ago I felt suicidal, and talking here helped") are doing exactly
what peer support is for, and are left alone; so is everyday speech ("this hypo is
killing me", "I'm dying for a cuppa").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kindred.screening.base import AnyOf, Category, Finding, InOrder, sentences

_I = r"(?:i|i'm|im|i am|i've|ive|i have|i'll|ill|i will|i just|i really|i honestly)"
SUICIDE = re.compile(
    r"\b(?:i|i really|i honestly|i just|i sometimes|i still|i kind of|i kinda)\s+(?:want|wanna|need|wish|plan|intend|am going|'m going)\s+to\s+"
    r"(?:die|be dead|kill myself|end it|end it all|end my life|end things|not be here|not exist|"
    r"disappear forever|go to sleep and not wake up|not wake up)\b"
    r"|\b(?:i'm|im|i am)\s+(?:going to|gonna|about to|ready to|planning to|thinking of|thinking about)\s+"
    r"(?:kill myself|end it|end it all|end my life|end things|take my (?:own )?life|jump)\b"
    r"|\b(?:i'm|im|i am|i feel|i'm feeling|i am feeling|(?<!you're )(?<!you are )(?<!anyone )feeling|i've been feeling|i have been feeling|i keep feeling)\s+(?:so\s+|really\s+|very\s+|quite\s+|a bit\s+|pretty\s+)?suicidal\b"
    r"|\b(?:i|i'm|i am|i've been|i keep)\s+(?:thinking|think)\s+(?:about|of)\s+(?:suicide|killing myself|ending it|ending my life|ending things|taking my (?:own )?life)\b"
    r"|\bi\s+(?:don't|do not|dont)\s+want\s+to\s+(?:be here|live|be alive|wake up|go on|exist)\b"
    r"|\bi\s+(?:can't|cannot|cant)\s+(?:go on|do this|take (?:it|this)|cope|carry on)\s+(?:any\s?more|any longer)\b"
    r"|\b(?:no|no point|no reason)\s+(?:point\s+)?(?:in\s+)?(?:living|going on|being alive|to live|to go on)\b"
    r"|\b(?:everyone|they|my family|my kids|people)\s+(?:would|will|'d)\s+be\s+better\s+off\s+without\s+me\b"
    r"|\bbetter off dead\b"
    r"|\b(?:can't|cannot|cant|don't|dont)\s+see\s+(?:the|any)\s+point\s+(?:any\s?more|in (?:anything|living|going on|life))\b"
    r"|\bi\s+(?:just\s+)?want\s+(?:it all|everything|the pain|my life)\s+to\s+(?:stop|end|be over)\b"
    r"|\bnobody would (?:miss|notice|care)\b|\bno one would (?:miss|notice|care)\b"
    r"|\b(?:this is|saying) (?:my )?goodbye\b|\b(?:written|wrote|writing|left) (?:my|a) (?:suicide|goodbye|farewell) (?:note|letter)\b"
    r"|\b(?:i've|ive|i have)\s+(?:got|saved|been saving|stockpiled|been stockpiling)\s+(?:up\s+)?(?:the|my|enough)\s+(?:pills|tablets|insulin|meds)\b"
    r"|\bi wish i (?:was|were) dead\b|\bi wish i (?:hadn't|had not) woken up\b"
)
# Words people use online in place of the plain ones ("kms" after a number is
# kilometres). Kept apart from SUICIDE: a pattern of its own starts with a literal word,
# which the engine finds quickly, where one more branch of a long alternation is tried at
# every character of a post.
ONLINE_WORDS = re.compile(
    r"(?<!\d)(?<!\d )\b(?:kms|ctb)\b|\bunalive myself\b"
    r"|\b(?:want to|wanna|going to|gonna|about to|trying to) unalive\b"
)
# Saying goodbye, or asking others to care for someone, as if for the last time.
GOODBYE = re.compile(
    r"\b(?:signing|logging|checking) (?:off|out) (?:for good|for the last time|forever|permanently)\b"
    r"|\bthis (?:is|will be) my (?:last|final) (?:ever )?(?:post|message)\b"
    r"|\bif i (?:don't|do not|dont|never) (?:log in|come back|post|come on here|wake up) again\b"
    r"|\b(?:when|after|once) (?:i'm|i am|im) gone\b"
)
SELF_HARM = re.compile(
    rf"\b{_I}\s+(?:keep\s+|been\s+|started\s+|want to\s+|wanna\s+|need to\s+|going to\s+|gonna\s+|can't stop\s+|just\s+)?"
    r"(?:cut|cutting|hurt|hurting|harm|harming|burn|burning|punish|punishing|starve|starving|scratch|scratching)\s+myself\b"
    r"|\b(?:i'm|im|i am|i've been|ive been|i have been|i keep|i've started|i started)\s+(?:self[- ]?harming|self[- ]?harm)\b"
    r"|\b(?:urge|urges)\s+to\s+(?:cut|self[- ]?harm|hurt myself)\b"
    r"|\b(?:skipping|skip|stopped taking|stop taking|not taking)\s+(?:my\s+)?insulin\s+(?:on purpose|deliberately|to lose weight|to hurt myself|so i can die|so i die)\b"
)
# "I've taken all my pills" counts when the sentence goes on to say why or when.
OVERDOSE = AnyOf(
    InOrder(
        r"\b(?:i've|ive|i have|i just|i|just)\s+(?:just\s+)?(?:taken|took|swallowed|injected|done)\s+"
        r"(?:all|a whole|the whole|an entire|loads of|a load of|a handful of|\d{2,}|twenty|thirty|fifty)\s+"
        r"(?:of\s+)?(?:my\s+|the\s+)?(?:pills|tablets|paracetamol|meds|medication|sleeping pills|insulin|pen|box|packet|bottle|units)\b",
        r"\b(?:at once|in one go|together|on purpose|to die|to end|so i|all at once|goodbye|now|tonight|want to die|don't care|dont care)\b",
    ),
    re.compile(
        r"\b(?:i've|ive|i have|i'm|im|i am|i just)\s+(?:just\s+)?(?:overdosed|taken an overdose|going to overdose|gonna overdose|about to overdose|planning to overdose|od'd|od-ed)\b"
        r"|\b(?:i'm|im|i am|i'll|i will|going to|gonna|about to)\s+(?:take|inject|swallow)\s+(?:all|every|the whole|a whole)\s+(?:of\s+)?(?:my\s+)?(?:pills?|tablets?|insulin|pen|box|meds)\b"
        r"|\bi\s+(?:want|wanna|need|am going|'m going|am about|'m about)\s+to\s+(?:take|swallow|inject)\s+(?:all of them|the lot|the whole lot|every (?:single )?one(?: of them)?)\b(?!\s+of\b)"
    ),
)
DANGER = re.compile(
    r"\b(?:he|she|they|my (?:husband|wife|partner|boyfriend|girlfriend|ex|dad|mum|father|mother|son|brother|carer))\s+"
    r"(?:is|'s|are|keeps|keep|has been|have been)?\s*(?:going to|gonna|threatening to|threatened to|trying to)\s+(?:kill|hurt|hit|strangle|stab)\s+(?:me|us|my)\b"
    r"|\b(?:he|she|they|my (?:husband|wife|partner|boyfriend|girlfriend|ex|dad|mum|father|mother|son|brother|carer))\s+"
    r"(?:hits|beats|chokes|strangles|kicks|punches|slaps|hurts|threatens|controls)\s+me\b"
    r"|\b(?:he|she|they|my (?:husband|wife|partner|boyfriend|girlfriend|dad|mum|father|mother|son|carer))\s+"
    r"(?:won't|will not|doesn't|does not|don't|wont)\s+let\s+me\s+(?:leave|go out|see|have|take|keep|use|eat|call|phone|get|out)\b"
    r"|\b(?:he|she|they|my (?:husband|wife|partner|boyfriend|girlfriend|dad|mum|father|mother|carer))\s+"
    r"(?:hides|hid|takes|took|has taken|locked|locks|threw|throws)\s+(?:away\s+)?(?:my|me)\s+(?:insulin|meds|medication|tablets|inhaler|phone|money|keys|in)\b"
    r"|\bi(?:'m| am|m)\s+(?:not safe|scared for my life|afraid for my life|in danger)\b"
    r"|\bi\s+(?:don't|do not|dont)\s+feel\s+safe\s+(?:at home|here|with (?:him|her|them|my))\b"
    r"|\b(?:i'm|im|i am)\s+(?:scared|afraid|terrified|frightened)\s+(?:of|to go home to)\s+(?:him|her|my (?:husband|wife|partner|boyfriend|girlfriend|dad|mum))\b"
    r"|\b(?:(?:he|she)\s+(?:says|said)\s+(?:he|she)\s+(?:wants|is going)\s+to\s+(?:die|kill (?:himself|herself)))"
    r"|\bmy (?:son|daughter|partner|husband|wife|friend|mum|dad|brother|sister|child|teenager)\s+"
    r"(?:says|said|keeps saying|told me)\s+(?:he|she|they)\s+(?:wants?|want|is going|are going|plans?)\s+to\s+(?:die|kill (?:himself|herself|themselves)|end it)\b"
    r"|\b(?:i(?:'m| am)|i think i'?m)\s+having\s+a\s+(?:heart attack|stroke)\b"
    r"|\bi\s+(?:can't|cannot)\s+breathe\b"
)
# Talk of self-harm or suicide that is happening again now: "I used to self harm and I'm
# doing it again tonight".
_HARM_TALK = r"\b(?:self[- ]?harm\w*|suicid\w*|overdos\w*|kill myself|hurt myself)\b"
_AGAIN = r"\b(?:again|tonight|right now)\b"
AGAIN_NOW = AnyOf(
    InOrder(
        r"\b(?:self[- ]?harm\w*|suicid\w*|overdos\w*|cutting|kill myself|hurt myself)\b", _AGAIN
    ),
    InOrder(_AGAIN, _HARM_TALK),
)
# Words that put the sentence in the past or in recovery.
PAST = re.compile(
    r"\b(?:ago|used to|back then|back when|in the past|at the time|at my lowest|years back|"
    r"when i was|last year|that time|those days|recovered|recovery|in recovery|came through|"
    r"got through|no longer feel|don't feel like that|not any more|helped me|looking back)\b"
)
# ... unless it comes back to now: "I used to cut myself and I'm doing it again".
NOW = re.compile(r"\b(?:again|right now|tonight|today|this morning|this week|still|relapsed)\b")

KEY_PATTERNS = [
    SUICIDE.pattern,
    ONLINE_WORDS.pattern,
    GOODBYE.pattern,
    SELF_HARM.pattern,
    OVERDOSE.pattern,
    DANGER.pattern,
    AGAIN_NOW.pattern,
]

REASON = (
    "It sounds like you may be going through something very hard right now. You are not "
    "alone. If you are in danger now, call the emergency number. The helplines below are "
    "free and open to talk. Your post is safe with us, and a moderator will check in."
)
_DANGER_REASON = (
    "It sounds like you may not be safe right now. If you are in danger, call the "
    "emergency number. The helplines below can help, and they will keep what you say "
    "private. Your post is safe with us, and a moderator will check in."
)


# The first part of every rule, run once over the whole post before any sentence is read
# on its own: most posts match none of them, and a post of many short lines would
# otherwise cost a search per rule per line.
_TRIGGERS: tuple[re.Pattern[str], ...] = (
    SUICIDE,
    ONLINE_WORDS,
    GOODBYE,
    SELF_HARM,
    DANGER,
    *(part if isinstance(part, re.Pattern) else part.first for part in OVERDOSE.parts),
    *(part if isinstance(part, re.Pattern) else part.first for part in AGAIN_NOW.parts),
)


def check(text: str, *, region: str = "GB", condition_slugs: Sequence[str] = ()) -> Finding | None:
    """Notice that the author, or someone they care for, may be at risk now."""
    found = sentences(text)
    # Sentences joined by a mark no rule reads past ("every one" is not "every one of"
    # because the next sentence starts with "of"): whatever matches in one sentence
    # matches here too, so no match here means none below.
    whole = "\n|\n".join(found)
    if not any(trigger.search(whole) for trigger in _TRIGGERS):
        return None
    for sentence in found:
        if PAST.search(sentence) and not NOW.search(sentence):
            # "Two years ago I wanted to die, and talking here helped": in recovery.
            continue
        for pattern, confidence, reason in (
            (OVERDOSE, 0.95, REASON),
            (SUICIDE, 0.9, REASON),
            (ONLINE_WORDS, 0.85, REASON),
            (GOODBYE, 0.8, REASON),
            (SELF_HARM, 0.85, REASON),
            (DANGER, 0.85, _DANGER_REASON),
            (AGAIN_NOW, 0.75, REASON),
        ):
            if pattern.search(sentence):
                return Finding(Category.CRISIS, confidence, reason)
    return None
