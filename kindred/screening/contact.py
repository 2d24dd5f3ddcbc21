"""Contact details and personal data in a post: phone numbers, email addresses, home
addresses and postcodes, NHS numbers, and invitations to find someone on social media.

Members keep each other safe by talking inside the platform until both agree otherwise
(ARCHITECTURE, "Data that must never leak"). A post that shares a number or an address
is seen by everyone in the group, so the author is asked to take it out or to use a
private message instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import phonenumbers

from kindred.core.postcode_areas import ALL_POSTCODE_AREAS
from kindred.screening.base import Category, Finding, is_rule_reminder, words

ASK = "You can share it in a private message instead, once you both agree."

# Every repeat below has an upper bound (the longest a real address's part can be), so
# that a long run of letters and dots costs a fixed amount of work per character: an
# open-ended repeat made the engine rescan the whole run from every letter in it, and a
# 16 KB post took most of a minute (quadratic time).
EMAIL = re.compile(
    r"\b[a-z0-9._%+-]{1,64}+@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}\b",
    re.IGNORECASE,
)
# "jo dot bloggs at gmail dot com": written out to slip past a filter.
_AT = r"(?:\(at\)|\[at\]|\bat\b)"
_DOT = r"(?:\(dot\)|\[dot\]|\bdot\b)"
EMAIL_SPELT_OUT = re.compile(
    rf"\b[a-z0-9._-]{{1,64}}+\s{{0,5}}{_AT}\s{{0,5}}[a-z0-9-]{{1,63}}\s{{0,5}}{_DOT}\s{{0,5}}"
    rf"(?:com|co\s{{0,5}}{_DOT}\s{{0,5}}uk|org|net|ie|au|nz)\b",
    re.IGNORECASE,
)
# Both email patterns try up to 64 characters from the start of every word before they
# fail, so they run only when their "@" or "at" is there at all.
_HAS_AT = re.compile(_AT, re.IGNORECASE)

UK_POSTCODE = re.compile(
    r"\b(?P<area>[a-z]{1,2})(?P<district>\d[a-z\d]?)\s?(?P<sector>\d)(?P<unit>[abd-hjlnp-uw-z]{2})\b",
    re.IGNORECASE,
)
ORDINALS = frozenset({"st", "nd", "rd", "th"})

STREET_TYPES = (
    "street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|crescent|cres|court|ct|place|pl|"
    "way|terrace|tce|parade|pde|highway|hwy|boulevard|blvd|grove|gardens|gdns|mews|row|"
    "square|sq|hill|walk|rise|view|circuit|cct"
)
# A house number, one to three words of a street name, and a street type:
# "12 Elm Road", "flat 3, 27a St Mary's Close". The name words leave out the small words
# of a sentence so that "walked 3 miles down the road" is not an address.
_NAME_WORD = (
    r"(?!(?:the|a|an|to|down|up|of|my|our|your|his|her|their|along|from|on|in|at|by|this|"
    r"that|more|less|extra|units?|miles?|km|kms|minutes?|mins?|hours?|hrs?|days?|weeks?|"
    r"times|doors?|houses?|steps?|laps?|carbs?|grams?|g|mg|mmol|and|or|is|was)\b)[a-z][a-z'.-]*"
)
STREET_ADDRESS = re.compile(
    rf"\b\d{{1,4}}[a-z]?,?\s+(?:{_NAME_WORD}\s+){{1,3}}(?:{STREET_TYPES})\b",
    re.IGNORECASE,
)
# Australian states and territories, then a four-digit postcode: "Fitzroy VIC 3065".
AU_STATE_POSTCODE = re.compile(r"\b(?:NSW|VIC|QLD|WA|SA|TAS|NT|ACT)\s+\d{4}\b")
NHS_NUMBER = re.compile(r"\bnhs\s+(?:no\.?|number)\b\D{0,20}\d{3}\s?\d{3}\s?\d{4}\b", re.IGNORECASE)
SOCIAL = re.compile(
    words(
        "add me on",
        "find me on",
        "follow me on",
        "message me on",
        "text me on",
        "dm me on",
        "my insta is",
        "my instagram is",
        "my snapchat is",
        "my snap is",
        "my facebook is",
        "my tiktok is",
        "my handle is",
        "my whatsapp is",
        "my number is",
        "my mobile is",
        "my email is",
        "ring me on",
        "call me on",
        "whatsapp me",
    )
    + r"|(?:instagram|insta|twitter|tiktok|snapchat|snap|threads|x)\W{0,3}@[a-z0-9_.]{3,}",
    re.IGNORECASE,
)

# For the benchmark's single-regex baseline (bench/screening.py).
KEY_PATTERNS = [
    EMAIL.pattern,
    UK_POSTCODE.pattern,
    STREET_ADDRESS.pattern,
    AU_STATE_POSTCODE.pattern,
    NHS_NUMBER.pattern,
    SOCIAL.pattern,
    r"\+?\d[\d ()-]{8,}\d",
]


# A number that a service publishes is fine to share: "the Diabetes UK helpline is
# 0345 123 2399", "call Samaritans on 116 123". The words just before the number say so.
PUBLIC_NUMBER_CONTEXT = re.compile(
    words(
        "helpline",
        "help line",
        "hotline",
        "advice line",
        "samaritans",
        "lifeline",
        "charity",
        "switchboard",
        "reception",
        "surgery",
        "gp practice",
        "clinic",
        "pharmacy",
        "nhs",
        "ward",
        "hospital",
        "diabetes uk",
        "ms society",
        "macmillan",
        "mind infoline",
        "beyond blue",
        "team on",
        "nurses on",
        "line is",
        "free to call",
    ),
    re.IGNORECASE,
)
OTHER_REGIONS = ("GB", "AU", "IE", "NZ", "US")
# A run of digits with the spaces and punctuation a phone number may have between them
# (the characters libphonenumber allows), and how many digits such a run may hold.
_NUMBER_RUN = re.compile(
    "[+\uff0b(\uff08\\d][-x\u2010-\u2015\u2212\u30fc\uff0d-\uff0f\\s\u00a0\u00ad\u200b\u2060\u3000"
    "()\uff08\uff09\uff3b\uff3d.\\[\\]/~\u2053\u223c\uff5e+\uff0b\\d]*"
)
_DIGIT = re.compile(r"\d")
_PHONE_DIGITS = range(6, 41)
# Text after a run that the matcher also reads: an extension ("ext. 123", "x45").
_TAIL = re.compile(r"\D{0,12}\d{0,7}")


def _number_windows(text: str) -> list[tuple[int, int]]:
    """The parts of the text that may hold a phone number: runs of 6 to 40 digits with
    their separators. The phone number matcher reads only these: on a long run of
    figures ("1 1 1 1 ...") it takes tens of milliseconds per kilobyte and per country,
    and it finds no phone number inside such a run anyway."""
    windows = []
    for run in _NUMBER_RUN.finditer(text):
        if len(_DIGIT.findall(run[0])) in _PHONE_DIGITS:
            # One character before: the matcher refuses a number that follows a letter.
            tail = _TAIL.match(text, run.end())
            windows.append((max(0, run.start() - 1), tail.end() if tail else run.end()))
    return windows


def _private_phone_numbers(text: str, region: str) -> bool:
    """True if the text holds a phone number that is not a service's public number.

    VALID: the number must be possible *and* valid for its country (right length and
    prefix), which leaves out blood glucose readings, HbA1c figures and dates. A number
    written the way another country writes it ("0412 345 678" in a UK group) is checked
    against that country too, but only when it starts with 0 or +, so that a ten-digit
    reference number is not read as an American phone number."""
    windows = _number_windows(text)
    if not windows:
        return False  # Too few digits for any phone number: skip the slower matcher.
    regions = (region, *(r for r in OTHER_REGIONS if r != region))
    for i, each in enumerate(regions):
        for start, end in windows:
            for match in phonenumbers.PhoneNumberMatcher(
                text[start:end], each, leniency=phonenumbers.Leniency.VALID
            ):
                if i > 0 and not match.raw_string.startswith(("0", "+")):
                    continue
                before = text[max(0, start + match.start - 60) : start + match.start]
                if not PUBLIC_NUMBER_CONTEXT.search(before):
                    return True
    return False


def _has_uk_postcode(text: str) -> bool:
    # Checking the area (core/postcode_areas.py) keeps "t1d 2nd" or "hba1c 48" from
    # looking like a postcode.
    for m in UK_POSTCODE.finditer(text):
        if m["area"].upper() in ALL_POSTCODE_AREAS and m["unit"].lower() not in ORDINALS:
            return True
    return False


def check(text: str, *, region: str = "GB", condition_slugs: Sequence[str] = ()) -> Finding | None:
    """Ask the author to take out a phone number, email, address, postcode or NHS number."""
    if _private_phone_numbers(text, region.upper()):
        return Finding(
            Category.CONTACT_DETAILS,
            0.9,
            f"Your post seems to include a phone number. Everyone in the group can see it. Please take it out. {ASK}",
        )
    if ("@" in text and EMAIL.search(text)) or (
        _HAS_AT.search(text) and EMAIL_SPELT_OUT.search(text)
    ):
        return Finding(
            Category.CONTACT_DETAILS,
            0.9,
            f"Your post seems to include an email address. Everyone in the group can see it. Please take it out. {ASK}",
        )
    if is_rule_reminder(text.lower()):
        # "Please don't post your address here": a rule, not an address.
        return None
    if NHS_NUMBER.search(text):
        return Finding(
            Category.CONTACT_DETAILS,
            0.85,
            "Your post seems to include an NHS number. It is private health information. Please take it out.",
        )
    if STREET_ADDRESS.search(text) or _has_uk_postcode(text) or AU_STATE_POSTCODE.search(text):
        return Finding(
            Category.CONTACT_DETAILS,
            0.75,
            f"Your post seems to include a home address or postcode. Everyone in the group can see it. Please take it out. {ASK}",
        )
    if SOCIAL.search(text):
        return Finding(
            Category.CONTACT_DETAILS,
            0.6,
            f"Your post seems to ask people to contact you outside Kindred. Please keep in touch here for now. {ASK}",
        )
    return None
