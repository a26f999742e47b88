"""``coachlens train``: rebuild every shipped model from the public data, deterministically.

Each model is fitted on its training slice only (the held-out slices of `splits` and ESConv's
test file are never seen), written as ``<name>.npz`` with a model card ``<name>.md`` that
records the data, its licence, the SHA-256 of every data file read, the recipe and the
held-out metrics `evaluate` measures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coachlens.analysis.acts import tagged_text
from coachlens.analysis.models.linear import FeatureSpec
from coachlens.training import datasets
from coachlens.training.fit import fit_linear
from coachlens.training.splits import EMPATHETIC_FAMILIES, ISEAR_FAMILIES, goemotions_family, is_held_out

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Recipe:
    """How one model is fitted."""

    spec: FeatureSpec
    c: float
    min_df: int = 2
    max_features: int | None = None
    class_ratio: bool = False  # IDF times a per-term class-ratio factor (`fit.class_ratio_factors`)


RECIPES: dict[str, Recipe] = {
    # word 1-3-grams without character n-grams, class-ratio weighted: chosen on ESConv's validation
    # file with models trained on its training file (docs/models.md)
    "acts": Recipe(FeatureSpec(word_ngrams=(1, 3), char_ngrams=None), c=1.0, min_df=2, class_ratio=True),
    "emotions": Recipe(
        FeatureSpec(word_ngrams=(1, 2), char_ngrams=(2, 5)), c=2.0, min_df=2, max_features=60_000
    ),
    "empathy": Recipe(
        FeatureSpec(word_ngrams=(1, 2), char_ngrams=None), c=1.0, min_df=2, max_features=20_000
    ),
}

LICENCES = {
    "esconv": "ESConv (Liu et al., ACL 2021), CC BY-NC 4.0: non-commercial use.",
    "epitome": "EPITOME (Sharma et al., EMNLP 2020), University of Washington academic licence: "
    "non-commercial research.",
    "goemotions": "GoEmotions (Demszky et al., ACL 2020), released by its authors for research.",
    "isear": "ISEAR (Scherer and Wallbott), research use.",
    "empathetic_dialogues": (
        "EmpatheticDialogues (Rashkin et al., ACL 2019), CC BY-NC 4.0: non-commercial use."
    ),
}


@dataclass(frozen=True, slots=True)
class TrainingSet:
    """Texts, labels and optional per-item weights for one model, with the data it came from."""

    texts: list[str]
    labels: list[str]
    sources: tuple[str, ...]
    weights: list[float] | None = None


def acts_training_set(data: Path) -> TrainingSet:
    """ESConv supporter messages (train and valid files) labelled with their strategy.

    Each message is prefixed with the markers of the act rules that fire in its sentences
    (`analysis.acts.tagged_text`), as the labeller does when it reads a whole turn.
    """
    turns = datasets.read_esconv(data, "train") + datasets.read_esconv(data, "valid")
    return TrainingSet([tagged_text(t.text) for t in turns], [t.strategy for t in turns], ("esconv",))


# How much one item of each source counts in the emotion model (before classes are balanced):
# GoEmotions is the largest and noisiest, ISEAR the main source of shame and guilt, and only the
# opening speaker turn of each EmpatheticDialogues conversation is used (it fits its label best).
SOURCE_WEIGHTS = {"goemotions": 2.0, "isear": 2.5, "empathetic_dialogues": 1.0}


def emotions_training_set(data: Path) -> TrainingSet:
    """Families (or "none") from GoEmotions train, ISEAR's training slice and ED opening turns."""
    texts: list[str] = []
    labels: list[str] = []
    weights: list[float] = []
    for row in datasets.read_goemotions(data, "train"):
        family = goemotions_family(row.labels)
        if family is not None:
            texts.append(row.text)
            labels.append(family)
            weights.append(SOURCE_WEIGHTS["goemotions"])
    for row in datasets.read_isear(data):
        family = ISEAR_FAMILIES.get(row.labels[0])
        if family is not None and not is_held_out(row.group):
            texts.append(row.text)
            labels.append(family)
            weights.append(SOURCE_WEIGHTS["isear"])
    for row in datasets.read_empathetic(data, first_only=True):
        family = EMPATHETIC_FAMILIES.get(row.labels[0])
        if family is not None and not is_held_out(row.group):
            texts.append(row.text)
            labels.append(family)
            weights.append(SOURCE_WEIGHTS["empathetic_dialogues"])
    return TrainingSet(texts, labels, ("goemotions", "isear", "empathetic_dialogues"), weights)


def empathy_training_set(data: Path, mechanism: str) -> TrainingSet:
    """EPITOME responses (training slice by seeker post) labelled with their level 0/1/2."""
    pairs = [p for p in datasets.read_epitome(data) if not is_held_out(p.seeker_id)]
    return TrainingSet([p.response for p in pairs], [str(p.levels[mechanism]) for p in pairs], ("epitome",))


def training_sets(data: Path) -> dict[str, tuple[Recipe, Callable[[], TrainingSet]]]:
    """Return every shipped model's recipe and a loader of its training data."""
    sets: dict[str, tuple[Recipe, Callable[[], TrainingSet]]] = {
        "acts": (RECIPES["acts"], lambda: acts_training_set(data)),
        "emotions": (RECIPES["emotions"], lambda: emotions_training_set(data)),
    }
    for mechanism in datasets.EPITOME_MECHANISMS:
        sets[f"empathy_{mechanism}"] = (
            RECIPES["empathy"],
            lambda m=mechanism: empathy_training_set(data, m),  # type: ignore[misc]
        )
    return sets


def train_models(
    data: Path, out: Path, progress: Progress = lambda _: None, only: tuple[str, ...] = ()
) -> list[Path]:
    """Fit every model (or those named in ``only``) from ``data`` and write ``<name>.npz`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    sums_cache: dict[str, dict[str, str]] = {}
    for name, (recipe, load) in training_sets(data).items():
        if only and name not in only:
            continue
        progress(f"{name}: reading data")
        ts = load()
        for source in ts.sources:
            if source not in sums_cache:
                sums_cache[source] = datasets.checksums(data, (source,))
        progress(f"{name}: fitting on {len(ts.texts):,} texts")
        model = fit_linear(
            name,
            ts.texts,
            ts.labels,
            spec=recipe.spec,
            c=recipe.c,
            min_df=recipe.min_df,
            max_features=recipe.max_features,
            sample_weight=ts.weights,
            class_ratio=recipe.class_ratio,
            meta={
                "sources": list(ts.sources),
                "n_train": len(ts.texts),
                "recipe": {
                    "c": recipe.c,
                    "min_df": recipe.min_df,
                    "max_features": recipe.max_features,
                    "class_ratio": recipe.class_ratio,
                },
                "data_sha256": {s: sums_cache[s] for s in ts.sources},
            },
        )
        path = out / f"{name}.npz"
        model.save(path)
        written.append(path)
    return written
