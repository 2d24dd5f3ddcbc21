"""alt-profanity-check's model as plain numbers, so that scoring a post needs numpy only.

The package's model is a TF-IDF vectorizer and five linear SVMs with sigmoid
calibration, pickled scikit-learn objects. Unpickling them means importing scikit-learn,
which takes about three seconds in every new process (each web worker, the task worker,
every command), more than the rest of Kindred's start together. `write_weights()` copies
the numbers out once (each word's idf, each classifier's weights and calibration) into
`data/profanity-weights.npz`; `ProfanityModel.score` does the same sums as the package's
`predict_prob`. A test checks that both give the same probabilities, so an upgrade of the
package that changes its model is caught; `make screening-heads` writes the file again.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

WEIGHTS_PATH = Path(__file__).parent / "data" / "profanity-weights.npz"
# The vectorizer's own settings (lower case, scikit-learn's default token pattern).
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True)
class ProfanityModel:
    index: dict[str, int]
    idf: np.ndarray
    # One row per calibrated classifier.
    coefs: np.ndarray
    intercepts: np.ndarray
    # Each classifier's sigmoid (a, b): p = 1 / (1 + exp(a * decision + b)).
    calibration: np.ndarray

    def score(self, texts: Sequence[str]) -> list[float]:
        """The probability that each text is offensive, as `predict_prob` gives it."""
        probabilities = []
        for text in texts:
            counts = Counter(
                self.index[token] for token in _TOKEN.findall(text.lower()) if token in self.index
            )
            decision = self.intercepts.copy()
            if counts:
                columns = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
                weights = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
                weights *= self.idf[columns]
                weights /= np.sqrt(weights @ weights)
                decision += self.coefs[:, columns] @ weights
            a, b = self.calibration[:, 0], self.calibration[:, 1]
            probabilities.append(float(np.mean(1.0 / (1.0 + np.exp(a * decision + b)))))
        return probabilities


def load(path: Path = WEIGHTS_PATH) -> ProfanityModel:
    with np.load(path, allow_pickle=False) as data:
        terms = bytes(data["terms"]).decode("utf-8").split("\n")
        return ProfanityModel(
            index={term: i for i, term in enumerate(terms)},
            idf=data["idf"],
            coefs=data["coefs"],
            intercepts=data["intercepts"],
            calibration=data["calibration"],
        )


def write_weights(path: Path = WEIGHTS_PATH) -> None:
    """Copy the installed alt-profanity-check model's numbers into `path` (imports
    scikit-learn; run by `make screening-heads`)."""
    from profanity_check import profanity_check as package

    vectorizer, model = package.vectorizer, package.model
    if model.method != "sigmoid":
        raise ValueError("alt-profanity-check's model is no longer sigmoid-calibrated")
    terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    fitted = model.calibrated_classifiers_
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        terms=np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8),
        idf=np.asarray(vectorizer.idf_, dtype=np.float64),
        coefs=np.vstack([c.estimator.coef_.ravel() for c in fitted]),
        intercepts=np.array([c.estimator.intercept_[0] for c in fitted]),
        calibration=np.array([(c.calibrators[0].a_, c.calibrators[0].b_) for c in fitted]),
    )
    path.write_bytes(buffer.getvalue())
