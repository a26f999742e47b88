"""Per-class precision, recall and F1, and their macro average."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClassScore:
    """Precision, recall and F1 of one class, with how many gold items it has."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True)
class Report:
    """A held-out evaluation: per-class scores, macro-F1 over the classes present, accuracy."""

    name: str
    classes: tuple[ClassScore, ...]
    macro_f1: float
    accuracy: float
    n: int

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "n": self.n,
            "macro_f1": round(self.macro_f1, 4),
            "accuracy": round(self.accuracy, 4),
            "classes": {
                c.label: {
                    "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4),
                    "f1": round(c.f1, 4),
                    "support": c.support,
                }
                for c in self.classes
            },
        }


def score(
    name: str, gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] | None = None
) -> Report:
    """Return the evaluation of ``predicted`` against ``gold``; macro-F1 over gold classes present."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    present = sorted(set(gold)) if labels is None else [label for label in labels if label in set(gold)]
    rows = []
    for label in present:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        n_pred = sum(1 for p in predicted if p == label)
        n_gold = sum(1 for g in gold if g == label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append(ClassScore(label, precision, recall, f1, n_gold))
    macro = sum(r.f1 for r in rows) / len(rows) if rows else 0.0
    accuracy = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold) if gold else 0.0
    return Report(name, tuple(rows), macro, accuracy, len(gold))
