"""Train the screening heads (`learned`) from the labelled training set.

    make screening-heads        # or: .venv/bin/python -m kindred.screening.train

Reads every `training/*.jsonl` file and the labelled set the rules' tests use
(`training/labelled.py`), reads each post with the sentence model as screening does, and
fits one logistic regression per learned category (scikit-learn, already installed with
the profanity model) over each piece's meaning and words. Each head's strength and
threshold are chosen by five-fold cross-validation on the training set alone, counting
what the rules already catch: the threshold is the lowest at which rules and head
together raise false alarms on at most `FALSE_ALARMS[category]` of the hard benign posts
the fold did not learn from (and `EVERYDAY_FALSE_ALARMS[category]` of the everyday ones), and the strength the one that then finds the most.

Writes `data/screening-heads.json` with the weights, thresholds, the cross-validated
figures and a digest of the training files (a test checks that the heads were trained
on the training set as it is now). The held-out test split in `tests/heldout/` is never
read here: its figures are reported by `bench/screening.py` only.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]  # scipy ships no types

from kindred.screening import abuse, crisis, medical_advice, misinformation, profanity, promotion
from kindred.screening.base import Category, Finding
from kindred.screening.learned import (
    HEADS_PATH,
    LEARNED,
    TRAINING_DIR,
    Lexicon,
    pieces,
)
from kindred.screening.meaning import DIMENSIONS, Vectors, sentence_model

LABELLED_PY = Path(__file__).parent / "training" / "labelled.py"
# The share of benign posts on which rules and head together may raise a false alarm,
# per category, in cross-validation. Crisis errs towards noticing: its false alarm shows
# helplines and tells a moderator, and never stops the post.
FALSE_ALARMS = {
    Category.CRISIS: 0.08,
    Category.MISINFORMATION: 0.01,
    Category.PROMOTION: 0.01,
    Category.MEDICAL_ADVICE: 0.01,
    Category.ABUSE: 0.01,
}
# ... and on ordinary talk, where a false alarm would meet members at every turn (a crisis
# false alarm shows helplines and alerts moderators urgently: one in a hundred ordinary
# posts at most; the others warn the author: one in two hundred).
EVERYDAY_FALSE_ALARMS = {
    Category.CRISIS: 0.01,
    Category.MISINFORMATION: 0.005,
    Category.PROMOTION: 0.005,
    Category.MEDICAL_ADVICE: 0.005,
    Category.ABUSE: 0.005,
}
EVERYDAY_FILES = {"everyday.jsonl", "demo_conversations.jsonl"}
STRENGTHS = (4.0, 8.0, 16.0)
# A word or pair of words is weighed once it appears in this many training pieces.
MIN_DOCUMENTS = 2
FOLDS = 5
SEED = 20261202

# The labels used in the training files, and the category each stands for.
LABELS = {
    "crisis": Category.CRISIS,
    "misinformation": Category.MISINFORMATION,
    "promotion": Category.PROMOTION,
    "medical_advice": Category.MEDICAL_ADVICE,
    "abuse": Category.ABUSE,
    "contact": Category.CONTACT_DETAILS,
}
RULES: dict[Category, Callable[..., Finding | None]] = {
    Category.CRISIS: crisis.check,
    Category.MISINFORMATION: misinformation.check,
    Category.PROMOTION: promotion.check,
    Category.MEDICAL_ADVICE: medical_advice.check,
    Category.ABUSE: abuse.check,
}


@dataclass
class Example:
    text: str
    categories: set[Category] = field(default_factory=set)
    # From the everyday files (ordinary talk: greetings, titles, the demo community's
    # conversations) rather than the hard cases written to look like a breach.
    everyday: bool = False


def training_files() -> list[Path]:
    return sorted(TRAINING_DIR.glob("*.jsonl"))


def training_digest() -> str:
    """A digest of everything the heads learn from."""
    digest = hashlib.sha256()
    for path in [*training_files(), LABELLED_PY]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load_examples() -> list[Example]:
    """Every training post once, with every category it is a positive of (none: benign)."""
    from kindred.screening.training.labelled import LABELLED

    examples: dict[str, Example] = {}
    for path in training_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            label = row["category"]
            if label != "none" and label not in LABELS:
                raise ValueError(f"{path.name}:{number}: unknown category {label!r}")
            example = examples.setdefault(
                row["text"], Example(row["text"], everyday=path.name in EVERYDAY_FILES)
            )
            if label != "none":
                example.categories.add(LABELS[label])
    for category, (positives, negatives) in LABELLED.items():
        for text in positives:
            examples.setdefault(text, Example(text)).categories.add(category)
        for text in negatives:
            examples.setdefault(text, Example(text))
    return list(examples.values())


@dataclass
class Features:
    """Each example's pieces (rows of `piece_x`, grouped by `owner`) and the example
    read whole (`whole_x`, what a positive is learned from), as the heads see them:
    the sentence model's 384 numbers, then the words' weights."""

    piece_x: sparse.csr_matrix
    owner: np.ndarray
    whole_x: sparse.csr_matrix
    lexicon: Lexicon


def _embed(texts: Sequence[str]) -> Vectors:
    model = sentence_model()
    if model is None:
        raise SystemExit("The sentence model did not load: see the log above.")
    batch = 64
    return np.concatenate([model(texts[s : s + batch]) for s in range(0, len(texts), batch)])


def featurise(examples: Sequence[Example]) -> Features:
    from sklearn.feature_extraction.text import TfidfVectorizer

    piece_texts: list[str] = []
    owner: list[int] = []
    for i, example in enumerate(examples):
        for piece in pieces(example.text) or [example.text]:
            piece_texts.append(piece)
            owner.append(i)
    whole_texts = [" ".join(pieces(e.text)) or e.text for e in examples]
    counter = TfidfVectorizer(ngram_range=(1, 2), min_df=MIN_DOCUMENTS, sublinear_tf=True)
    counter.fit([*whole_texts, *piece_texts])
    terms = sorted(counter.vocabulary_, key=counter.vocabulary_.__getitem__)
    lexicon = Lexicon({t: i for i, t in enumerate(terms)}, np.asarray(counter.idf_))

    def matrix(texts: list[str]) -> sparse.csr_matrix:
        return sparse.hstack(
            [sparse.csr_matrix(_embed(texts)), lexicon.transform(texts)], format="csr"
        )

    return Features(matrix(piece_texts), np.asarray(owner), matrix(whole_texts), lexicon)


def _fit(x: Any, y: np.ndarray, strength: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=strength, class_weight="balanced", max_iter=5000)
    model.fit(x, y)
    return model


def _design(features: Features, labels: np.ndarray, members: np.ndarray) -> tuple[Any, Any]:
    """Training rows for the examples in `members`: each one read whole; and for a
    negative, each of its pieces too (every part of a benign post is benign)."""
    negatives = np.isin(features.owner, members) & (labels[features.owner] == 0)
    x = sparse.vstack([features.whole_x[members], features.piece_x[negatives]], format="csr")
    y = np.concatenate([labels[members], np.zeros(int(negatives.sum()), dtype=int)])
    return x, y


def _post_scores(model: Any, features: Features, members: np.ndarray) -> np.ndarray:
    """Each member's score as screening computes it: its best piece."""
    probabilities = model.predict_proba(features.piece_x)[:, 1]
    best = np.zeros(features.whole_x.shape[0])
    np.maximum.at(best, features.owner, probabilities)
    return np.asarray(best[members], dtype=np.float64)


def _folds(labels: np.ndarray) -> list[np.ndarray]:
    rng = np.random.default_rng(SEED)
    folds: list[list[int]] = [[] for _ in range(FOLDS)]
    for value in (0, 1):
        indices = np.flatnonzero(labels == value)
        rng.shuffle(indices)
        for k, i in enumerate(indices):
            folds[k % FOLDS].append(int(i))
    return [np.asarray(sorted(f)) for f in folds]


def _figures(
    predicted: np.ndarray, labels: np.ndarray, hard: np.ndarray, everyday: np.ndarray
) -> dict[str, float]:
    tp = int(np.sum(predicted & (labels == 1)))
    fp = int(np.sum(predicted & (labels == 0)))
    fn = int(np.sum(~predicted & (labels == 1)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "hard_benign_false_alarms": float(np.mean(predicted[hard])) if hard.any() else 0.0,
        "everyday_false_alarms": float(np.mean(predicted[everyday])) if everyday.any() else 0.0,
    }


def _choose_threshold(
    cap: float,
    everyday_cap: float,
    scores: np.ndarray,
    ruled: np.ndarray,
    labels: np.ndarray,
    hard: np.ndarray,
    everyday: np.ndarray,
) -> tuple[float, dict[str, float]]:
    """The lowest threshold at which rules and head together raise false alarms on at
    most `cap` of the hard benign posts and `everyday_cap` of the everyday ones:
    the most found for that many false alarms."""
    for t in np.unique(np.round(scores, 3)).tolist():
        t = max(float(t), 0.05)
        predicted = ruled | (scores >= t)
        figures = _figures(predicted, labels, hard, everyday)
        if (
            figures["hard_benign_false_alarms"] <= cap
            and figures["everyday_false_alarms"] <= everyday_cap
        ):
            return t, figures
    return 1.0, _figures(ruled, labels, hard, everyday)


def train(examples: Sequence[Example], features: Features) -> dict[str, Any]:
    heads: dict[str, Any] = {}
    everyone = np.arange(len(examples))
    benign = np.asarray([not e.categories for e in examples], dtype=bool)
    everyday = benign & np.asarray([e.everyday for e in examples], dtype=bool)
    hard = benign & ~everyday
    for category in LEARNED:
        labels = np.asarray([int(category in e.categories) for e in examples])
        rule = RULES[category]
        ruled = np.asarray([rule(e.text) is not None for e in examples])
        folds = _folds(labels)
        cap = FALSE_ALARMS[category]
        chosen: tuple[float, float, dict[str, float]] | None = None
        for strength in STRENGTHS:
            out_of_fold = np.zeros(len(examples))
            for held in folds:
                learn = np.setdiff1d(everyone, held)
                model = _fit(*_design(features, labels, learn), strength)
                out_of_fold[held] = _post_scores(model, features, held)
            threshold, figures = _choose_threshold(
                cap, EVERYDAY_FALSE_ALARMS[category], out_of_fold, ruled, labels, hard, everyday
            )
            if chosen is None or figures["recall"] > chosen[2]["recall"]:
                chosen = (strength, threshold, figures)
        assert chosen is not None
        strength, threshold, figures = chosen
        rules_only = _figures(ruled, labels, hard, everyday)
        model = _fit(*_design(features, labels, everyone), strength)
        weights = model.coef_[0]
        heads[str(category)] = {
            "bias": round(float(model.intercept_[0]), 6),
            "threshold": round(threshold, 3),
            "strength": strength,
            "positives": int(labels.sum()),
            "cross_validated": {
                "rules_and_head": {k: round(v, 3) for k, v in figures.items()},
                "rules_only": {k: round(v, 3) for k, v in rules_only.items()},
            },
            "meaning": [round(float(w), 5) for w in weights[:DIMENSIONS]],
            "words": [round(float(w), 5) for w in weights[DIMENSIONS:]],
        }
        print(
            f"{category}: {labels.sum()} positives of {len(labels)}, C={strength}, "
            f"threshold {threshold:.3f}; cross-validated precision/recall/false alarms on "
            f"hard benign/on everyday: rules {rules_only['precision']:.2f}/"
            f"{rules_only['recall']:.2f}/{rules_only['hard_benign_false_alarms']:.2f}/"
            f"{rules_only['everyday_false_alarms']:.3f}, rules and head "
            f"{figures['precision']:.2f}/{figures['recall']:.2f}/"
            f"{figures['hard_benign_false_alarms']:.2f}/{figures['everyday_false_alarms']:.3f}"
        )
    return heads


def main(argv: Sequence[str] = ()) -> None:
    examples = load_examples()
    features = featurise(examples)
    heads = train(examples, features)
    lexicon = features.lexicon
    document = {
        "about": "Screening heads for kindred.screening.learned; written by "
        "`make screening-heads` from training/*.jsonl and training/labelled.py.",
        "model": "all-MiniLM-L6-v2-onnx-int8",
        "examples": len(examples),
        "training_digest": training_digest(),
        "lexicon": {
            "terms": sorted(lexicon.index, key=lexicon.index.__getitem__),
            "idf": [round(float(v), 5) for v in lexicon.idf],
        },
        "heads": heads,
    }
    HEADS_PATH.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {HEADS_PATH} from {len(examples)} examples")
    profanity.write_weights()
    print(f"wrote {profanity.WEIGHTS_PATH} from alt-profanity-check's model")


if __name__ == "__main__":
    import django

    django.setup()
    main(sys.argv[1:])
