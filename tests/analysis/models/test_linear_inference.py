"""The fast inference path of the linear models (issue 9) computes what the training definition says.

Training counts `extract_terms`; inference maps cached word columns and joins n-grams in C, and
scores texts a block at a time. Same terms, same columns, same order, same scores to the last bit.
"""

from __future__ import annotations

import numpy as np
import pytest

from coachlens.analysis.models import load_model
from coachlens.analysis.models.linear import (
    FeatureSpec,
    _phrase_grams,
    _phrase_terms,
    build_vocabulary,
    extract_terms,
)
from coachlens.transcript.load import read_transcript
from coachlens.transcript.tokens import words
from tests.conftest import EXAMPLE_FILES

TEXTS = [
    "",
    "Okay.",
    "I felt so frustrated, honestly, and I don't know why.",
    "What would it look like if you could say no? What would it look like?",
    "Mm-hmm. Right right right.",
]


@pytest.mark.parametrize("ngrams", [(1, 1), (1, 2), (1, 3), (2, 3), (3, 3)])
def test_phrase_grams_are_the_phrase_terms_in_order(ngrams: tuple[int, int]) -> None:
    spec = FeatureSpec(word_ngrams=ngrams, char_ngrams=None)
    for text in TEXTS:
        toks = words(text)
        assert list(_phrase_grams(toks, spec)) == _phrase_terms(toks, spec)


def test_vectorize_counts_the_training_terms_in_first_seen_order() -> None:
    spec = FeatureSpec()
    vocabulary = build_vocabulary(TEXTS * 2, spec, min_df=1)
    indptr, indices, values = vocabulary.vectorize(TEXTS)
    for row, text in enumerate(TEXTS):
        expected: dict[int, int] = {}
        for term in extract_terms(text, spec):
            if term in vocabulary.index:
                column = vocabulary.index[term]
                expected[column] = expected.get(column, 0) + 1
        cols = indices[indptr[row] : indptr[row + 1]]
        assert cols.tolist() == list(expected)
        tfidf = (1.0 + np.log(np.array(list(expected.values()), dtype=np.float32))) * vocabulary.idf[cols]
        norm = np.sqrt((tfidf * tfidf).sum()) if len(tfidf) else 1.0
        np.testing.assert_allclose(values[indptr[row] : indptr[row + 1]], tfidf / norm, rtol=1e-6)


def test_scores_do_not_depend_on_how_texts_are_batched() -> None:
    model = load_model("acts")
    texts = [u.text for u in read_transcript(EXAMPLE_FILES[0]).utterances][:150] + TEXTS
    together = model.decision(texts)
    alone = np.vstack([model.decision([t]) for t in texts])
    assert together.shape == (len(texts), len(model.classes))
    assert together.tobytes() == alone.tobytes()
