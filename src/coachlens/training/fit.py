"""Fitting a `LinearTextModel` with scikit-learn over the features inference uses."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from coachlens.analysis.models.linear import FeatureSpec, LinearTextModel, Vocabulary, build_vocabulary


def design_matrix(vocabulary: Vocabulary, texts: Sequence[str]):  # type: ignore[no-untyped-def]
    """Return the TF-IDF matrix of ``texts`` as a scipy CSR matrix."""
    from scipy.sparse import csr_matrix

    indptr, indices, values = vocabulary.vectorize(texts)
    return csr_matrix((values, indices, indptr), shape=(len(texts), len(vocabulary.index)))


def fit_linear(
    name: str,
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    spec: FeatureSpec,
    c: float,
    min_df: int = 2,
    max_features: int | None = None,
    sample_weight: Sequence[float] | None = None,
    balanced: bool = True,
    meta: dict[str, object] | None = None,
) -> LinearTextModel:
    """Return a multinomial logistic regression over ``texts`` (deterministic: lbfgs, fixed order)."""
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    vocabulary = build_vocabulary(texts, spec, min_df=min_df, max_features=max_features)
    x = design_matrix(vocabulary, texts)
    classes = sorted(set(labels))
    y = np.array([classes.index(label) for label in labels])
    weights = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    if balanced:
        counts = np.bincount(y, minlength=len(classes)).astype(float)
        weights = weights * (len(y) / (len(classes) * counts))[y]
    clf = LogisticRegression(C=c, max_iter=3000, tol=1e-5, random_state=0)
    # threaded BLAS sums in a different order each run; one thread makes the weights repeatable
    with threadpool_limits(limits=1):
        clf.fit(x, y, sample_weight=weights)
    coef = np.asarray(clf.coef_, dtype=np.float32)
    bias = np.asarray(clf.intercept_, dtype=np.float32)
    if len(classes) == 2:  # scikit-learn keeps one row for two classes: expand to softmax form
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2], dtype=np.float32)
    return LinearTextModel(
        name=name,
        classes=tuple(classes),
        vocabulary=vocabulary,
        weights=np.ascontiguousarray(coef.T),
        bias=bias,
        meta=dict(meta or {}),
    )
