"""Linear text classifiers with pure-numpy inference: n-gram features, TF-IDF, softmax.

Training (``coachlens train``) fits the weights with scikit-learn over the same features this
module extracts, so what is measured is exactly what runs. At run time nothing but numpy is
needed: a model is a vocabulary, an IDF vector, a weight matrix and a bias, stored in one
``.npz`` file.

Features of one text:
- word n-grams (lower-cased words as `coachlens.transcript.tokens.words` gives them), with
  ``<s>``/``</s>`` marks so that "so you" at the start differs from "so you" in the middle;
- character n-grams inside word boundaries (``" feel"``, ``"eel "``), which carry morphology
  and spelling variants ("frustrat", "embarrass");
- sublinear term frequency times IDF, then L2-normalised, like scikit-learn's TfidfVectorizer.
"""

from __future__ import annotations

import itertools
import json
import math
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from coachlens.transcript.tokens import words

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]
_WORD_CACHE_SIZE = 100_000  # distinct words (and word n-grams) whose columns are kept between calls
_DECISION_ROWS = 64  # texts scored together in `LinearTextModel.decision`


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    """Which n-grams a featurizer extracts."""

    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] | None = (2, 5)

    def to_json(self) -> dict[str, object]:
        return {"word_ngrams": list(self.word_ngrams), "char_ngrams": _list_or_none(self.char_ngrams)}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> FeatureSpec:
        word = data["word_ngrams"]
        char = data.get("char_ngrams")
        if not isinstance(word, list):
            raise ValueError("a model file's word_ngrams must be a pair")
        return cls(
            word_ngrams=(int(word[0]), int(word[1])),
            char_ngrams=None if not isinstance(char, list) else (int(char[0]), int(char[1])),
        )


def _list_or_none(pair: tuple[int, int] | None) -> list[int] | None:
    return None if pair is None else list(pair)


def extract_terms(text: str, spec: FeatureSpec) -> list[str]:
    """Return the n-gram terms of ``text`` (with repeats), the raw material of its features.

    Training counts these; inference (`Vocabulary`) builds the same terms from the same two
    functions, per word (`_word_terms`, cached) and across words (`_phrase_terms`).
    """
    toks = words(text)
    return [t for tok in toks for t in _word_terms(tok, spec)] + _phrase_terms(toks, spec)


def _word_terms(tok: str, spec: FeatureSpec) -> list[str]:
    """The terms of one word: the word itself (when unigrams are on) and its character n-grams."""
    terms = [tok] if spec.word_ngrams[0] <= 1 <= spec.word_ngrams[1] else []
    if spec.char_ngrams is not None:
        terms += _char_terms(tok, spec.char_ngrams)
    return terms


def _phrase_terms(toks: Sequence[str], spec: FeatureSpec) -> list[str]:
    """The word n-grams of two words or more, with ``<s>``/``</s>`` marking the text's edges."""
    lo, hi = spec.word_ngrams
    padded = ["<s>", *toks, "</s>"]
    return [
        " ".join(padded[i : i + n]) for n in range(max(lo, 2), hi + 1) for i in range(len(padded) - n + 1)
    ]


def _char_terms(tok: str, ngrams: tuple[int, int]) -> list[str]:
    """The character n-grams of one word, padded with spaces at its boundaries."""
    w = f" {tok} "
    size = len(w)
    return [
        "#" + w[i : i + n] for n in range(ngrams[0], min(ngrams[1], size) + 1) for i in range(size - n + 1)
    ]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Terms kept by training, with their column and IDF.

    Inference caches, per distinct word, the columns of its unigram and character n-grams, and per
    distinct word pair (n-tuple) the column of its n-gram: conversation repeats its words, so most
    of the feature work is done once per word. Nothing is cached per text.
    """

    index: dict[str, int]
    idf: FloatArray
    spec: FeatureSpec
    _word_columns: dict[str, IntArray] = field(default_factory=dict, compare=False, repr=False)
    _gram_columns: dict[tuple[str, ...], IntArray] = field(default_factory=dict, compare=False, repr=False)

    def vectorize(self, texts: Sequence[str]) -> tuple[IntArray, IntArray, FloatArray]:
        """Return the TF-IDF rows of ``texts`` in CSR form (indptr, indices, values).

        A row lists its terms in the order they first occur in `extract_terms` (each word's own
        terms, word by word, then the word n-grams), the order every sum over a row runs in, so
        rows are the same to the last bit however they are counted (issue 9: in numpy, here).
        """
        parts, per_text = self._term_columns(texts)
        part_sizes = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
        ends = np.concatenate(([0], np.cumsum(part_sizes)))[np.cumsum([0, *per_text])]
        flat = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        cols, counts, starts = _first_seen_counts(flat, np.diff(ends), len(self.index))
        values = (1.0 + np.log(counts.astype(np.float32))) * self.idf[cols]
        filled = np.flatnonzero(np.diff(starts))
        if len(filled):
            norms = np.sqrt(np.add.reduceat(values * values, starts[filled]))
            values /= np.repeat(norms, np.diff(starts)[filled])
        return starts, cols, values.astype(np.float32)

    def _term_columns(self, texts: Sequence[str]) -> tuple[list[IntArray], list[int]]:
        """The columns of every term occurrence of ``texts``, as cached arrays per word and per
        n-gram, in `extract_terms` order; and how many of those arrays each text has."""
        word_columns, gram_columns = self._word_columns, self._gram_columns
        lo, hi = self.spec.word_ngrams
        sizes = range(max(lo, 2), hi + 1)
        parts: list[IntArray] = []
        per_text: list[int] = []
        for text in texts:
            toks = words(text)
            padded = ["<s>", *toks, "</s>"]
            grams = list(
                itertools.chain.from_iterable(
                    zip(*(padded[k:] for k in range(n)), strict=False) for n in sizes
                )
            )
            if not all(map(word_columns.__contains__, toks)):
                word_columns = self._add_words(toks)
            if not all(map(gram_columns.__contains__, grams)):
                gram_columns = self._add_grams(grams)
            parts.extend(map(word_columns.__getitem__, toks))
            parts.extend(map(gram_columns.__getitem__, grams))
            per_text.append(len(toks) + len(grams))
        return parts, per_text

    # A full cache is replaced, never emptied: a thread still reading the old one finds its words.

    def _add_words(self, toks: Sequence[str]) -> dict[str, IntArray]:
        """Return the word cache, with the columns of ``toks`` in it."""
        cache, index = self._word_columns, self.index
        if len(cache) + len(toks) > _WORD_CACHE_SIZE:
            cache = {}
            object.__setattr__(self, "_word_columns", cache)  # a cache, not a value: still frozen
        for tok in set(toks).difference(cache):
            cache[tok] = np.array(
                [index[t] for t in _word_terms(tok, self.spec) if t in index], dtype=np.int64
            )
        return cache

    def _add_grams(self, grams: Sequence[tuple[str, ...]]) -> dict[tuple[str, ...], IntArray]:
        """Return the n-gram cache, with the columns of ``grams`` in it."""
        cache, index = self._gram_columns, self.index
        if len(cache) + len(grams) > _WORD_CACHE_SIZE:
            cache = {}
            object.__setattr__(self, "_gram_columns", cache)
        for gram in set(grams).difference(cache):
            column = index.get(" ".join(gram))
            cache[gram] = _NO_COLUMN if column is None else np.array([column], dtype=np.int64)
        return cache


_NO_COLUMN = np.zeros(0, dtype=np.int64)
_COUNT_ROWS = 8  # texts counted together in `_first_seen_counts` (its scratch: this many rows)


_UNSEEN = np.iinfo(np.int32).max
_scratch_tables = threading.local()  # one table per thread, kept all _UNSEEN between calls


def _scratch(size: int) -> npt.NDArray[np.int32]:
    """This thread's scratch table of at least ``size`` entries, every one _UNSEEN.

    Kept between calls: a fresh table of a few MB per call costs more (page faults) than the
    counting it serves. Taken out while in use, so that an exception cannot leave it dirty.
    """
    table: npt.NDArray[np.int32] | None = getattr(_scratch_tables, "table", None)
    _scratch_tables.table = None
    if table is None or len(table) < size:
        table = np.full(size, _UNSEEN, dtype=np.int32)
    return table


def _first_seen_counts(
    flat: IntArray, sizes: IntArray, n_columns: int
) -> tuple[IntArray, IntArray, IntArray]:
    """Count the columns of each text (``flat``, texts one after another, ``sizes`` long).

    Returns each text's distinct columns in first-occurrence order, their counts, and the CSR row
    starts: what a Counter per text gives, with a scratch table of `_COUNT_ROWS` texts instead
    (first occurrence per column by `np.minimum.at`, then occurrences per first one by bincount).
    """
    n, total = len(sizes), len(flat)
    rows = np.repeat(np.arange(n, dtype=np.int64), sizes)
    keys = (rows % _COUNT_ROWS) * n_columns + flat
    first_at = _scratch(_COUNT_ROWS * n_columns)  # key -> first position in its block, else _UNSEEN
    counts = np.empty(total, dtype=np.int64)
    first = np.empty(total, dtype=bool)
    bounds = np.concatenate(([0], np.cumsum(sizes)))
    for a in range(0, n, _COUNT_ROWS):
        lo, hi = bounds[a], bounds[min(a + _COUNT_ROWS, n)]
        k, at = keys[lo:hi], np.arange(hi - lo, dtype=np.int32)  # positions inside the block
        np.minimum.at(first_at, k, at)
        seen_at = first_at[k]
        first[lo:hi] = seen_at == at
        counts[lo:hi] = np.bincount(seen_at, minlength=hi - lo)  # occurrences, at the first one
        first_at[k] = _UNSEEN  # clean for the next block and call: only what this one touched
    _scratch_tables.table = first_at  # clean again: the next call may use it
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows[first], minlength=n), out=starts[1:])
    return flat[first], counts[first], starts


@dataclass(frozen=True, slots=True)
class LinearTextModel:
    """A multinomial logistic model over a `Vocabulary`: ``softmax(x @ weights + bias)``."""

    name: str
    classes: tuple[str, ...]
    vocabulary: Vocabulary
    weights: FloatArray  # (n_features, n_classes)
    bias: FloatArray  # (n_classes,)
    meta: dict[str, object]

    def predict_proba(self, texts: Sequence[str]) -> FloatArray:
        """Return class probabilities, one row per text, columns in `classes` order."""
        scores = self.decision(texts)
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores

    def decision(self, texts: Sequence[str]) -> FloatArray:
        """Return the linear scores (logits), one row per text."""
        indptr, indices, values = self.vocabulary.vectorize(texts)
        out = np.tile(self.bias, (len(texts), 1)).astype(np.float32)
        filled = np.flatnonzero(np.diff(indptr))
        # a block of rows at a time, so that the gathered weight rows stay in the CPU cache; each
        # row's sum is the same, term by term, as over the whole batch at once (issue 9)
        for a in range(0, len(filled), _DECISION_ROWS):
            rows = filled[a : a + _DECISION_ROWS]
            lo, hi = indptr[rows[0]], indptr[rows[-1] + 1]
            contrib = self.weights[indices[lo:hi]]
            contrib *= values[lo:hi, None]
            out[rows] += np.add.reduceat(contrib, indptr[rows] - lo, axis=0)
        return out

    def save(self, path: Path) -> None:
        """Write the model to ``path`` (.npz): terms, IDF, weights (float16 to stay small), bias."""
        terms = sorted(self.vocabulary.index, key=self.vocabulary.index.__getitem__)
        header = {
            "name": self.name,
            "classes": list(self.classes),
            "spec": self.vocabulary.spec.to_json(),
            "meta": self.meta,
        }
        with path.open("wb") as fh:
            np.savez_compressed(
                fh,
                header=np.frombuffer(json.dumps(header, sort_keys=True).encode(), dtype=np.uint8),
                terms=np.frombuffer("\n".join(terms).encode(), dtype=np.uint8),
                idf=self.vocabulary.idf.astype(np.float16),
                weights=self.weights.astype(np.float16),
                bias=self.bias.astype(np.float32),
            )

    @classmethod
    def load(cls, path: Path) -> LinearTextModel:
        """Read a model written by `save`."""
        with np.load(path) as data:
            header = json.loads(data["header"].tobytes().decode())
            terms = data["terms"].tobytes().decode().split("\n")
            idf = data["idf"].astype(np.float32)
            weights = data["weights"].astype(np.float32)
            bias = data["bias"].astype(np.float32)
        vocabulary = Vocabulary(
            index={t: i for i, t in enumerate(terms)}, idf=idf, spec=FeatureSpec.from_json(header["spec"])
        )
        return cls(
            name=str(header["name"]),
            classes=tuple(header["classes"]),
            vocabulary=vocabulary,
            weights=weights,
            bias=bias,
            meta=dict(header["meta"]),
        )


def build_vocabulary(
    texts: Iterable[str], spec: FeatureSpec, *, min_df: int = 2, max_features: int | None = None
) -> Vocabulary:
    """Return the vocabulary of ``texts``: terms in at least ``min_df`` texts, smoothed IDF.

    With ``max_features``, the most frequent terms are kept (ties broken alphabetically, so the
    result is deterministic).
    """
    df: dict[str, int] = {}
    n_docs = 0
    for text in texts:
        n_docs += 1
        for term in set(extract_terms(text, spec)):
            df[term] = df.get(term, 0) + 1
    kept = [(t, c) for t, c in df.items() if c >= min_df]
    kept.sort(key=lambda tc: (-tc[1], tc[0]))
    if max_features is not None:
        kept = kept[:max_features]
    kept.sort(key=lambda tc: tc[0])
    idf = np.array([math.log((1 + n_docs) / (1 + c)) + 1.0 for _, c in kept], dtype=np.float32)
    return Vocabulary(index={t: i for i, (t, _) in enumerate(kept)}, idf=idf, spec=spec)
