"""Check-in scores, Cronbach's alpha and the Jacobson-Truax reliable change index.

- Item score: the answer, or ``min + max - answer`` for a reverse-keyed item.
- Subscale score: the mean of its item scores; total: the mean of all item scores (both on the
  instrument's scale, 1-5 for the default).
- Cronbach's alpha over n check-ins of k items: ``k / (k - 1) * (1 - sum(var_i) / var_total)``,
  sample variances (ddof = 1) of each item and of the per-check-in item sum.
- Reliable change (Jacobson & Truax, 1991): ``RCI = (x2 - x1) / S_diff`` with
  ``S_diff = sqrt(2) * SE`` and ``SE = SD * sqrt(1 - r)``; ``|RCI| > 1.96`` is change larger than
  measurement error would give 95% of the time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from coachlens.alliance.instruments import Instrument
from coachlens.errors import InvalidRecord

TOTAL = "total"


@dataclass(frozen=True, slots=True)
class Reliability:
    """The reliability and spread reliable change uses, and where each came from."""

    reliability: float
    reliability_source: str
    sd: float
    sd_source: str

    @property
    def s_diff(self) -> float:
        """Return the standard error of the difference of two scores, sqrt(2) * SD * sqrt(1 - r)."""
        return math.sqrt(2) * self.sd * math.sqrt(1 - self.reliability)


def item_scores(instrument: Instrument, answers: Mapping[str, int]) -> dict[str, int]:
    """Return each item's score, reverse-keyed items flipped; raise `InvalidRecord` on a bad answer."""
    known = {i.id for i in instrument.items}
    extra = sorted(set(answers) - known)
    if extra:
        raise InvalidRecord(f"{instrument.key} has no item {', '.join(extra)}")
    scores: dict[str, int] = {}
    for item in instrument.items:
        if item.id not in answers:
            raise InvalidRecord(f'item "{item.id}" of {instrument.key} has no answer')
        value = answers[item.id]
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidRecord(f'the answer to "{item.id}" must be a whole number, not {value!r}')
        if not instrument.scale_min <= value <= instrument.scale_max:
            raise InvalidRecord(
                f'the answer to "{item.id}" is {value}; answers run from {instrument.scale_min} '
                f"to {instrument.scale_max}"
            )
        scores[item.id] = instrument.scale_min + instrument.scale_max - value if item.reverse else value
    return scores


def score_checkin(instrument: Instrument, answers: Mapping[str, int]) -> dict[str, float]:
    """Return the mean score of each subscale and the total (key ``"total"``)."""
    scores = item_scores(instrument, answers)
    result = {
        name: float(np.mean([scores[i.id] for i in instrument.items_of(name)]))
        for name in instrument.subscales
    }
    result[TOTAL] = float(np.mean(list(scores.values())))
    return result


def cronbach_alpha(matrix: npt.ArrayLike) -> float:
    """Return Cronbach's alpha of a respondents x items matrix (at least 2 rows and 2 items)."""
    data = np.asarray(matrix, dtype=float)
    if data.ndim != 2 or data.shape[0] < 2 or data.shape[1] < 2:
        raise ValueError("Cronbach's alpha needs at least two check-ins of at least two items")
    k = data.shape[1]
    total_variance = data.sum(axis=1).var(ddof=1)
    if total_variance == 0:
        raise ValueError("Cronbach's alpha is undefined when every check-in has the same total")
    return float(k / (k - 1) * (1 - data.var(axis=0, ddof=1).sum() / total_variance))


def reliable_change_index(before: float, after: float, reliability: Reliability) -> float:
    """Return the Jacobson-Truax RCI of the change from ``before`` to ``after``."""
    return (after - before) / reliability.s_diff


def instrument_reliability(instrument: Instrument) -> Reliability:
    """Return the reliability and SD the instrument states, with their stated sources."""
    s = instrument.scoring
    return Reliability(s.reliability, s.reliability_source, s.sd, s.sd_source)
