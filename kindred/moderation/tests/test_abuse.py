"""Screening for abuse and harassment: the labelled examples in `labelled.py`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kindred.screening import abuse
from kindred.screening.base import Category
from kindred.screening.training.labelled import LABELLED

POSITIVES, NEGATIVES = LABELLED[Category.ABUSE]


def test_it_has_enough_labelled_examples() -> None:
    assert len(POSITIVES) >= 15
    assert len(NEGATIVES) >= 15


@pytest.mark.parametrize("text", POSITIVES)
def test_it_flags(text: str) -> None:
    finding = abuse.check(text)
    assert finding is not None, text
    assert finding.category == Category.ABUSE
    assert 0 < finding.confidence <= 1
    assert finding.reason


@pytest.mark.parametrize("text", NEGATIVES)
def test_it_leaves_alone(text: str) -> None:
    assert abuse.check(text) is None, text


def test_it_scores_only_sentences_aimed_at_someone(monkeypatch: pytest.MonkeyPatch) -> None:
    scored: list[list[str]] = []

    def fake_scorer() -> object:
        def score(texts: list[str]) -> list[float]:
            scored.append(texts)
            return [0.99 for _ in texts]

        return score

    monkeypatch.setattr(abuse, "profanity_scorer", fake_scorer)
    assert abuse.check("My pump is a piece of junk. Anyway, how are you all?") is not None
    assert scored == [["anyway, how are you all?"]]
    scored.clear()
    assert abuse.check("My pump is a piece of junk.") is None
    assert scored == []


def test_the_shipped_weights_give_the_packages_own_probabilities():
    """data/profanity-weights.npz is alt-profanity-check's model copied out; after an
    upgrade of the package changes the model, `make screening-heads` writes it again."""
    from profanity_check import predict_prob

    from kindred.screening import profanity

    texts = [
        "you absolute moron",
        "thanks so much, see you Tuesday",
        "go away, nobody likes you",
        "shut up you useless waste of space",
        "my sugars were high all night",
        "FUCK this stupid pump, honestly",
        "",
        "the and of it",
        "Ça va? Straße naïve café",
        *(text for examples in LABELLED.values() for kind in examples for text in kind),
    ]
    assert profanity.load().score(texts) == pytest.approx(list(predict_prob(texts)), abs=1e-9)


def test_scoring_a_post_does_not_import_scikit_learn():
    """Importing scikit-learn costs about three seconds in every new process."""
    script = (
        "import sys; from kindred.screening import abuse; "
        "abuse.profanity_scorer()(['you absolute moron']); "
        "print('sklearn' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False", done.stderr
