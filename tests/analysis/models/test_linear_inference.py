"""The fast inference path of the linear models (issue 9) computes what the training definition says.

Training counts `extract_terms`; inference counts cached word and n-gram columns in numpy, and
scores texts a block at a time. Same terms, same columns, same order, same scores to the last bit.
"""

from __future__ import annotations

import numpy as np
import pytest

from coachlens.analysis.models import load_model
from coachlens.analysis.models.linear import FeatureSpec, build_vocabulary, extract_terms
from coachlens.transcript.load import read_transcript
from tests.conftest import EXAMPLE_FILES

TEXTS = [
    "",
    "Okay.",
    "I felt so frustrated, honestly, and I don't know why.",
    "What would it look like if you could say no? What would it look like?",
    "Mm-hmm. Right right right.",
]


@pytest.mark.parametrize(
    "spec",
    [FeatureSpec(), FeatureSpec((1, 1), None), FeatureSpec((1, 3), (3, 4)), FeatureSpec((2, 3), (2, 5))],
    ids=str,
)
def test_vectorize_counts_the_training_terms_in_first_seen_order(spec: FeatureSpec) -> None:
    vocabulary = build_vocabulary(TEXTS * 2, spec, min_df=1)
    texts = TEXTS * 5  # more texts than one counting block
    indptr, indices, values = vocabulary.vectorize(texts)
    assert len(indptr) == len(texts) + 1
    for row, text in enumerate(texts):
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


def test_a_full_word_cache_is_replaced_and_rows_stay_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from coachlens.analysis.models import linear

    expected = [a.tobytes() for a in build_vocabulary(TEXTS, FeatureSpec(), min_df=1).vectorize(TEXTS)]
    vocabulary = build_vocabulary(TEXTS, FeatureSpec(), min_df=1)
    monkeypatch.setattr(linear, "_WORD_CACHE_SIZE", 3)
    before = vocabulary._word_columns
    assert [a.tobytes() for a in vocabulary.vectorize(TEXTS)] == expected
    assert vocabulary._word_columns is not before  # replaced, never emptied under a reader
    assert before  # the old table keeps what a concurrent reader put there
