"""How closely what one person would like help with matches what another can offer.

The matcher takes any `Similarity`: a function from n texts of needs and m texts of offers
to an n x m array of similarities from 0 to 1. The default, `LexicalSimilarity`, compares
the words two texts share (cosine over word sets, optionally weighted by IDF), needs no
download and runs anywhere. A caller can pass a function that compares sentence
embeddings instead (screening's `meaning.sentence_model()` gives them), for example::

    def by_meaning(needs, offers):
        a, b = model.encode(needs), model.encode(offers)  # rows of unit length
        return np.clip(a @ b.T, 0.0, 1.0)

Pass the same function to `score()` and `solve()` so that an explanation and the solver
always agree on a pair.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]  # scipy ships no types
from numpy.typing import NDArray

Similarity = Callable[[Sequence[str], Sequence[str]], NDArray[np.float64]]

# Common English words, and words nearly every answer to "what would you like help with"
# contains, which say nothing about whether two answers match.
_STOP_WORDS = """
    a about above after again all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each else even ever
    few for from further get got had has have having he her here hers him his how i if in
    into is it its itself just let like lot lots make me more most much my myself no nor not
    now of off on once only or other our ours out over own really same she should so some
    someone something such than that the their them then there these they thing things this
    those through to too under until up us very want wanted was way we well were what when
    where which while who whom why will with would you your yours help helping helped need
    needs needed support able anyone talk
"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_WORDS.split())

_WORD = re.compile(r"[a-z0-9]+")
_SUFFIXES = ("ing", "ed", "es", "s")
_MIN_STEM = 3


def _stem(word: str) -> str:
    """A very light stemmer: enough that "sleeping", "sleeps" and "sleep" meet."""
    for suffix in _SUFFIXES:
        if (
            word.endswith(suffix)
            and not word.endswith("ss")
            and len(word) - len(suffix) >= _MIN_STEM
        ):
            return word[: -len(suffix)]
    return word


def words(text: str) -> frozenset[str]:
    """The distinct meaningful words of a text, lower-cased and lightly stemmed."""
    text = text.casefold().replace("\u2019", "'").replace("'", "")
    return frozenset(_stem(w) for w in _WORD.findall(text) if len(w) > 1 and w not in STOP_WORDS)


class LexicalSimilarity:
    """Cosine similarity of two texts' word sets, each word weighted by its IDF when the
    similarity was `fitted` on a body of texts (every word counts 1 otherwise).

    Fitting on all of a programme's needs and offers makes rare words ("pump",
    "pregnancy") count for more than everyday ones ("tired"); use the same fitted object
    for the solver and for explanations.
    """

    def __init__(self, idf: Mapping[str, float] | None = None, unseen_idf: float = 1.0) -> None:
        self._idf = dict(idf or {})
        self._unseen = unseen_idf
        self._cache: dict[str, tuple[tuple[str, ...], NDArray[np.float64]]] = {}

    @classmethod
    def fitted(cls, texts: Iterable[str]) -> LexicalSimilarity:
        """IDF weights (smoothed, as in scikit-learn) from a body of texts."""
        counts: dict[str, int] = {}
        n = 0
        for text in texts:
            n += 1
            for word in words(text):
                counts[word] = counts.get(word, 0) + 1
        idf = {w: math.log((1 + n) / (1 + df)) + 1 for w, df in counts.items()}
        return cls(idf, unseen_idf=math.log(1 + n) + 1)

    def _weighted(self, text: str) -> tuple[tuple[str, ...], NDArray[np.float64]]:
        """The text's words and their weights, scaled to unit length."""
        hit = self._cache.get(text)
        if hit is None:
            ws = tuple(sorted(words(text)))
            weights = np.array([self._idf.get(w, self._unseen) for w in ws], dtype=np.float64)
            norm = math.sqrt(float(weights @ weights)) if ws else 0.0
            hit = (ws, weights / norm if norm else weights)
            self._cache[text] = hit
        return hit

    def __call__(self, needs: Sequence[str], offers: Sequence[str]) -> NDArray[np.float64]:
        left = [self._weighted(t) for t in needs]
        right = [self._weighted(t) for t in offers]
        vocabulary: dict[str, int] = {}
        for ws, _ in left:
            for w in ws:
                vocabulary.setdefault(w, len(vocabulary))
        a = _rows(left, vocabulary)
        b = _rows(right, vocabulary)
        out = np.asarray((a @ b.T).toarray(), dtype=np.float64)
        np.clip(out, 0.0, 1.0, out=out)
        return out


def _rows(
    texts: Sequence[tuple[tuple[str, ...], NDArray[np.float64]]], vocabulary: Mapping[str, int]
) -> Any:
    """A sparse matrix with one row per text over `vocabulary` (words outside it are left
    out of the row but still counted in its length, so cosines stay true)."""
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for ws, weights in texts:
        for w, weight in zip(ws, weights.tolist(), strict=True):
            column = vocabulary.get(w)
            if column is not None:
                indices.append(column)
                data.append(weight)
        indptr.append(len(indices))
    return sp.csr_array(
        (np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64), indptr),
        shape=(len(texts), max(len(vocabulary), 1)),
    )
