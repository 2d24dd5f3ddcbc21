"""Checks learned from examples: crisis, misinformation, promotion, medical advice and
abuse, recognised by what a post means rather than by its exact words.

The rules in the other modules catch what they were written for and say precisely why.
People in crisis, sellers and bullies rarely use the rules' words, though: "the rope is
in the boot of the car", "special price for the group, PM me", "you're a waste of NHS
money". So every post is also read by the sentence model (`meaning`), and a small
linear classifier per category ("head"), trained on the labelled posts in `training/`,
says how likely each category is, from the piece's meaning and from its words and word
pairs (together they told crisis from dark humour far better than either alone). A head that is sure enough adds a finding the rules
did not make; it never removes one.

How a post is read: its sentences are packed into pieces of up to `PIECE_WORDS` words,
so that a short post is read whole (as the examples were) and a long one in pieces that
keep each sentence with its neighbours (the context that tells "at my lowest I stood on
that bridge" from "I'm on the bridge"). All pieces go through the model in one call,
and a post's score for a category is its highest-scoring piece's.

The heads live in `data/screening-heads.json`, written by `train` from the training
set; a test fails when the training set has changed since they were trained. Each
head's threshold was chosen on the training set by cross-validation, never on the held-
out test split (`tests/heldout/`). Crisis errs towards noticing: a false alarm shows the
author helplines and tells a moderator, and never stops or loses the post.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]  # scipy ships no types

from kindred.screening import abuse, crisis, medical_advice, misinformation
from kindred.screening.base import Category, Finding, is_rule_reminder, sentences
from kindred.screening.meaning import SentenceModel, Vectors, sentence_model
from kindred.screening.misinformation_data import FalseClaim

logger = logging.getLogger(__name__)

HEADS_PATH = Path(__file__).parent / "data" / "screening-heads.json"
TRAINING_DIR = Path(__file__).parent / "training"
# The categories a head is learned for. Contact details are left to the rules: a phone
# number or an email address has a shape, and rules read shapes exactly.
LEARNED = (
    Category.CRISIS,
    Category.MISINFORMATION,
    Category.PROMOTION,
    Category.MEDICAL_ADVICE,
    Category.ABUSE,
)
PIECE_WORDS = 40
SHORT_PIECE_WORDS = 12
# At most this many pieces of a post are read by the model (about 320 words): the first
# ones and the last two, where a long post usually says what it is about ("anyway, this
# is goodbye"). The cost of reading stays bounded, whatever the length; the rules still
# read every word.
MAX_PIECES = 8
LAST_PIECES = 2
# How close a piece must be to a claim on the site's list (its statement and what the
# evidence says instead, read together: the correction names the condition, which tells
# "vaccines cause diabetes" from "vaccines cause autism") for the finding to name it.
CLAIM_SIMILARITY = 0.35

_WORD = re.compile(r"\S+")
# A piece this short ("ok", "New pump") says too little for a learned check to judge;
# the rules still read it (and know the short crisis words: "kms", "ctb").
MIN_WORDS = 3


_TOKEN = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The words and word pairs a head can weigh, each with its inverse document
    frequency: what scikit-learn's `TfidfVectorizer(ngram_range=(1, 2),
    sublinear_tf=True)` computes, rebuilt here so that the shipped heads are plain
    numbers in a JSON file (a test checks both agree)."""

    index: dict[str, int]
    idf: np.ndarray

    def terms(self, text: str) -> list[str]:
        tokens = _TOKEN.findall(text.lower())
        return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        rows: list[int] = []
        columns: list[int] = []
        values: list[float] = []
        for row, text in enumerate(texts):
            counts: dict[int, int] = {}
            for term in self.terms(text):
                column = self.index.get(term)
                if column is not None:
                    counts[column] = counts.get(column, 0) + 1
            if not counts:
                continue
            weights = {c: (1.0 + math.log(n)) * float(self.idf[c]) for c, n in counts.items()}
            norm = math.sqrt(sum(w * w for w in weights.values()))
            for column, weight in weights.items():
                rows.append(row)
                columns.append(column)
                values.append(weight / norm)
        return sparse.csr_matrix(
            (values, (rows, columns)), shape=(len(texts), len(self.idf)), dtype=np.float32
        )


@dataclass(frozen=True, slots=True)
class Heads:
    """One logistic regression per category over a piece's meaning (its 384 numbers
    from the sentence model) and its words: P(category) = sigmoid(m . v + w . x + b)."""

    categories: tuple[Category, ...]
    meaning: np.ndarray  # (384, categories)
    words: np.ndarray  # (terms, categories)
    bias: np.ndarray  # (categories,)
    thresholds: dict[Category, float]
    lexicon: Lexicon
    training_digest: str

    def probabilities(self, texts: Sequence[str], vectors: Vectors) -> dict[Category, np.ndarray]:
        logits = vectors @ self.meaning + self.lexicon.transform(texts) @ self.words + self.bias
        chances = 1.0 / (1.0 + np.exp(-np.asarray(logits)))
        return {c: chances[:, i] for i, c in enumerate(self.categories)}


def load_heads(path: Path = HEADS_PATH) -> Heads:
    data = json.loads(path.read_text(encoding="utf-8"))
    categories = tuple(Category(name) for name in data["heads"])
    heads = [data["heads"][str(c)] for c in categories]
    terms = data["lexicon"]["terms"]
    return Heads(
        categories=categories,
        meaning=np.asarray([h["meaning"] for h in heads], dtype=np.float32).T,
        words=np.asarray([h["words"] for h in heads], dtype=np.float32).T,
        bias=np.asarray([h["bias"] for h in heads], dtype=np.float32),
        thresholds={c: float(h["threshold"]) for c, h in zip(categories, heads, strict=True)},
        lexicon=Lexicon({t: i for i, t in enumerate(terms)}, np.asarray(data["lexicon"]["idf"])),
        training_digest=data["training_digest"],
    )


@lru_cache(maxsize=1)
def shipped_heads() -> Heads | None:
    try:
        return load_heads()
    except Exception:
        logger.exception("The screening heads did not load; screening uses its rules only")
        return None


def pieces(text: str) -> list[str]:
    """The post's sentences packed, in order, into pieces of up to `PIECE_WORDS` words
    (a longer sentence is a piece on its own, cut at `PIECE_WORDS`); a piece shorter
    than `SHORT_PIECE_WORDS` joins the one before it."""
    out: list[str] = []
    current: list[str] = []
    count = 0
    for sentence in sentences(text):
        n = len(_WORD.findall(sentence))
        if current and count + n > PIECE_WORDS:
            out.append(" ".join(current))
            current, count = [], 0
        if n > PIECE_WORDS:
            words = _WORD.findall(sentence)
            for start in range(0, n, PIECE_WORDS):
                out.append(" ".join(words[start : start + PIECE_WORDS]))
            continue
        current.append(sentence)
        count += n
    if current:
        out.append(" ".join(current))
    # A short piece read alone has lost its context ("how did it go?" at the end of a
    # question about respite care): it joins the piece before it.
    merged: list[str] = []
    for piece in out:
        if merged and len(_WORD.findall(piece)) < SHORT_PIECE_WORDS:
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    if len(merged) > 1 and len(_WORD.findall(merged[0])) < SHORT_PIECE_WORDS:
        merged[:2] = [f"{merged[0]} {merged[1]}"]
    out = merged
    if len(out) > MAX_PIECES:
        out = out[: MAX_PIECES - LAST_PIECES] + out[-LAST_PIECES:]
    return out


@dataclass(frozen=True, slots=True)
class Reading:
    """A post as the model read it: its pieces, their vectors, and each head's score
    per piece."""

    pieces: list[str]
    vectors: Vectors
    scores: dict[Category, np.ndarray]

    def best(self, category: Category) -> tuple[float, int]:
        """The highest score for a category and the piece it came from."""
        values = self.scores.get(category)
        if values is None or not len(values):
            return 0.0, -1
        index = int(np.argmax(values))
        return float(values[index]), index


def read(
    text: str, model: SentenceModel | None = None, heads: Heads | None = None
) -> Reading | None:
    """Read a post with the model and every head; None when the model or the heads are
    not available (then the rules still run)."""
    model = model or sentence_model()
    heads = heads or shipped_heads()
    if model is None or heads is None:
        return None
    parts = pieces(text)
    if not parts:
        return None
    vectors = model(parts)
    return Reading(parts, vectors, heads.probabilities(parts, vectors))


def _claim_statement(claim: FalseClaim) -> str:
    return re.sub(r"^that\s+", "", claim.claim.strip(), flags=re.IGNORECASE)


@lru_cache(maxsize=8)
def _claim_vectors(claims: tuple[FalseClaim, ...]) -> Vectors | None:
    model = sentence_model()
    if model is None or not claims:
        return None
    return model([f"{_claim_statement(c)}. {c.correction}" for c in claims])


def nearest_claim(vector: Vectors, claims: tuple[FalseClaim, ...]) -> FalseClaim | None:
    """The claim on the list that a piece says, if it is close enough to name."""
    matrix = _claim_vectors(claims)
    if matrix is None:
        return None
    similarities = matrix @ vector
    index = int(np.argmax(similarities))
    return claims[index] if float(similarities[index]) >= CLAIM_SIMILARITY else None


_PROMOTION_REASON = (
    "Your post seems to be selling or promoting something. Selling, promoting your own "
    "products or pages, and asking people to message you to buy are not allowed in the "
    "group. Please take it out. You can still share what worked for you."
)
_MISINFORMATION_REASON = (
    "Your post seems to say something about health that is known to be false, or that "
    "has no good evidence behind it. Please check it with a trusted source, such as the "
    "NHS website or your care team. If you meant to question it, you could say so."
)


# Advice is given to someone: "you", "your", or a sentence that starts with an order
# ("drop your basal", "just stop the tablets"). Without either, a piece about doses is
# most likely the writer's own experience ("I went up 2 units after seeing my nurse").
_TO_SOMEONE = re.compile(
    r"\b(?:you|your|yours|yourself|u|ur|ya)\b|(?:^|[.!?]\s+)(?:just\s+|definitely\s+|def\s+)?"
    r"(?:stop|take|drop|up|double|skip|try|cut|increase|reduce|lower|raise|switch|swap|"
    r"ditch|give|inject|halve|bin|come off|go off|don't|dont|never)\b"
)


def _questions_a_claim(piece: str) -> bool:
    asked = piece.rstrip().endswith("?") and not misinformation.RHETORICAL.match(piece)
    return asked or misinformation.questioned([piece])


def findings(
    reading: Reading,
    *,
    already: Sequence[Category] = (),
    claims: tuple[FalseClaim, ...] = (),
) -> list[Finding]:
    """The findings the heads add to the rules' (`already`: the categories the rules
    found, which are not repeated)."""
    heads = shipped_heads()
    if heads is None:
        return []
    out: list[Finding] = []
    for category in LEARNED:
        threshold = heads.thresholds.get(category)
        if threshold is None or category in already:
            continue
        score, index = reading.best(category)
        if score < threshold:
            continue
        piece = reading.pieces[index]
        if len(_WORD.findall(piece)) < MIN_WORDS:
            continue
        if category is not Category.CRISIS and is_rule_reminder(piece):
            continue  # "Please don't sell things here": a moderator's reminder.
        if category is Category.MISINFORMATION and _questions_a_claim(piece):
            continue  # "Is it true that...?", "that's a myth": peers correcting it.
        if category is Category.MEDICAL_ADVICE and not _TO_SOMEONE.search(piece):
            continue  # The writer's own treatment, not advice to someone else.
        confidence = round(min(max(score, 0.0), 1.0), 3)
        if category is Category.CRISIS:
            reason = crisis.REASON
        elif category is Category.MISINFORMATION:
            claim = nearest_claim(reading.vectors[index], claims)
            reason = (
                f"Your post seems to say {claim.claim}. This is known to be false. "
                f"{claim.correction} If you meant to question it, you could say so in your post."
                if claim is not None
                else _MISINFORMATION_REASON
            )
        elif category is Category.PROMOTION:
            reason = _PROMOTION_REASON
        elif category is Category.MEDICAL_ADVICE:
            reason = medical_advice.REASON
        else:
            reason = abuse.ATTACK_REASON
        out.append(Finding(category, confidence, reason, learned=True))
    return out
