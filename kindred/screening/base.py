"""What every screening check shares: the categories of the hazard list, a finding, the
shape of a check, and small helpers for reading a post sentence by sentence."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """The kinds of risk in a peer support space that screening looks for."""

    CONTACT_DETAILS = "contact_details", _("Contact details or personal data")
    PROMOTION = "promotion", _("Product promotion")
    MEDICAL_ADVICE = "medical_advice", _("Medical advice")
    MISINFORMATION = "misinformation", _("Known misinformation")
    ABUSE = "abuse", _("Abuse or harassment")
    CRISIS = "crisis", _("Someone may be in crisis")


@dataclass(frozen=True, slots=True)
class Finding:
    """What one check noticed in a post.

    `confidence` runs from 0 to 1 (how sure the check is, not how serious the risk is).
    `reason` is written for the author and the moderators alike, in plain words a
    child of eleven could follow, and never repeats the private detail it found.
    """

    category: Category
    confidence: float
    reason: str
    # Found by a learned check (`learned`) rather than a rule: less certain, so it may
    # warn the author or alert moderators, but never hold or stop the post on its own.
    learned: bool = False

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be between 0 and 1, not {self.confidence}")
        if not self.reason.strip():
            raise ValueError("a finding needs a reason a person can read")


class Check(Protocol):
    """One screening check. It reads the text only: no database, no network. `region`
    is the group's country (ISO 3166 alpha-2, e.g. "GB", "AU"); `condition_slugs` are
    the slugs of the group's conditions (empty: any condition)."""

    def __call__(
        self, text: str, *, region: str = "GB", condition_slugs: Sequence[str] = ()
    ) -> Finding | None: ...


# --- reading a post --------------------------------------------------------------------

_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"}
_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+|(?<=[.!?])(?=[A-Z])")


def _plain(text: str) -> str:
    """NFKC (look-alike letters and full-width digits folded into plain ones) and plain
    quotes. `str.replace` per quote mark: `str.translate` is several times slower on
    text that is not all ASCII."""
    text = unicodedata.normalize("NFKC", text)
    for curly, plain in _QUOTES.items():
        if curly in text:
            text = text.replace(curly, plain)
    return text


# Every check reads the same post: it is normalised and split once, not once a check.
@functools.lru_cache(maxsize=16)
def normalise(text: str) -> str:
    """Lower case, plain quotes and single spaces: the form the rules are written for."""
    return _SPACES.sub(" ", _plain(text)).strip().lower()


@functools.lru_cache(maxsize=16)
def sentences(text: str) -> tuple[str, ...]:
    """The post split into sentences, each normalised. Good enough for posts written
    the way people write to each other; it does not need to be perfect, because every
    rule also works on a whole run-on post."""
    parts = (_SPACES.sub(" ", p).strip().lower() for p in _SENTENCE_END.split(_plain(text)))
    return tuple(p for p in parts if p)


def words(*alternatives: str) -> str:
    """A regex alternation of whole words or phrases (spaces inside a phrase match any
    run of spaces)."""
    body = "|".join(a.replace(" ", r"\s+") for a in alternatives)
    return rf"\b(?:{body})\b"


class InOrder:
    """`first`, then `then` somewhere after it in the same sentence: the regex
    `first.*then` (or `first(?=.*then)`) without its cost. With `.*` the engine reads the
    rest of the sentence again from every place `first` matches, which takes quadratic
    time on a long sentence; this reads the sentence once for each part. The first place
    `first` matches leaves the most text after it, so it is the only one to try."""

    def __init__(self, first: str, then: str) -> None:
        self.first = re.compile(first)
        self.then = re.compile(then)
        self.pattern = f"(?:{first}).*(?:{then})"  # For the benchmark's baseline.

    def search(self, text: str) -> bool:
        found = self.first.search(text)
        return found is not None and self.then.search(text, found.end()) is not None


class AnyOf:
    """Matches when any of its parts matches (regexes or `InOrder`s)."""

    def __init__(self, *parts: re.Pattern[str] | InOrder) -> None:
        self.parts = parts
        self.pattern = "|".join(f"(?:{p.pattern})" for p in parts)

    def search(self, text: str) -> bool:
        return any(p.search(text) for p in self.parts)


def compile_any(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# A moderator (or a member) reminding people of the ground rules quotes the very thing
# the rule forbids: "please don't give dose advice here". That is not a breach.
_RULE_REMINDER = re.compile(
    words(
        "please don't",
        "please do not",
        "please avoid",
        "please never",
        "please refrain",
        "not allowed",
        "isn't allowed",
        "aren't allowed",
        "is not allowed",
        "are not allowed",
        "against the rules",
        "against our rules",
        "against the group rules",
        "ground rules",
        "group rules",
        "house rules",
        "reminder",
        "mod note",
        "moderator note",
        "will be removed",
        "will get you banned",
        "will be deleted",
        "we don't allow",
        "we do not allow",
        "no one may",
        "nobody may",
        "don't tell people",
        "don't tell others",
        "don't tell anyone",
        "don't tell each other",
        "never tell people",
        "never tell anyone",
    )
)


def is_rule_reminder(sentence: str) -> bool:
    """True when the sentence states or recalls a ground rule rather than breaking it."""
    return _RULE_REMINDER.search(sentence) is not None
