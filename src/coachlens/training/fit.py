"""Fitting a `LinearTextModel` with scikit-learn over the features inference uses."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from coachlens.analysis.models.linear import FeatureSpec, LinearTextModel, Vocabulary, build_vocabulary

FloatArray = npt.NDArray[np.float64]


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
    class_ratio: bool = False,
    meta: dict[str, object] | None = None,
) -> LinearTextModel:
    """Return a multinomial logistic regression over ``texts`` (deterministic: lbfgs, fixed order).

    With ``class_ratio``, each term's IDF is multiplied by `class_ratio_factors` before fitting
    (NB-SVM-style weighting); inference needs nothing new, the factor lives in the stored IDF.
    """
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    vocabulary = build_vocabulary(texts, spec, min_df=min_df, max_features=max_features)
    x = design_matrix(vocabulary, texts)
    classes = sorted(set(labels))
    y = np.array([classes.index(label) for label in labels])
    if class_ratio:
        factors = class_ratio_factors(x, y, len(classes))
        idf = (vocabulary.idf * factors).astype(np.float32)
        vocabulary = Vocabulary(index=vocabulary.index, idf=idf, spec=spec)
        x = design_matrix(vocabulary, texts)
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


def class_ratio_factors(x, y: npt.NDArray[np.int64], n_classes: int) -> FloatArray:  # type: ignore[no-untyped-def]
    """Return a factor per term: ``sqrt(0.5 + max over classes of |log-count ratio|)``.

    The log-count ratio of a term for a class compares the share of that class's texts holding the
    term with the share of the other texts holding it (add-one smoothed), as in NB-SVM (Wang and
    Manning, 2012): terms that tell classes apart weigh more, terms spread evenly weigh less.
    """
    present = (x > 0).astype(np.float64).tocsc()
    docs = np.bincount(y, minlength=n_classes).astype(np.float64)
    counts = np.vstack([np.asarray(present[y == k].sum(axis=0)).ravel() for k in range(n_classes)])
    inside = (counts + 1.0) / (docs[:, None] + 2.0)
    outside = (counts.sum(axis=0)[None, :] - counts + 1.0) / ((len(y) - docs)[:, None] + 2.0)
    ratio = np.abs(np.log(inside / outside)).max(axis=0)
    return np.asarray(np.sqrt(0.5 + ratio), dtype=np.float64)
