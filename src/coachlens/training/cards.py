"""Model cards: what each shipped model was trained on, under which licence, and how well it does."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from coachlens.analysis.models.linear import LinearTextModel
from coachlens.training.metrics import Report
from coachlens.training.train import LICENCES

# Which evaluation reports belong on which card (by the start of the report's name).
_CARD_REPORTS = {
    "acts": ("ESConv test", "Tricky cases: coach acts"),
    "emotions": ("GoEmotions test", "ISEAR held-out", "Tricky cases: own emotion"),
    "empathy_emotional_reactions": ("EPITOME held-out: emotional_reactions",),
    "empathy_interpretations": ("EPITOME held-out: interpretations",),
    "empathy_explorations": ("EPITOME held-out: explorations",),
}

_LIMITS = {
    "acts": (
        "ESConv is typed online chat between crowd workers and help-seekers, with strategies the "
        "supporters chose themselves: the labels are noisy, and spoken coaching talk differs. "
        "The model labels sentences no written rule claims, and reads each whole turn (with the "
        "rules' markers) to choose its primary act, except where every sentence has the same act "
        "from a trusted rule (fixing moves, open questions, affirmation, reflections of feeling, "
        "relational talk). It knows nothing of `relational` or of the split between advice and "
        "suggestion questions, which come from the rules, and it does not read the client's "
        "previous turn."
    ),
    "emotions": (
        "GoEmotions is Reddit comments, ISEAR recalled situations, EmpatheticDialogues typed chat "
        "labelled by the conversation's prompt (a weak label for each turn). Shame and guilt come "
        "mostly from ISEAR and EmpatheticDialogues. The model is consulted only for first-person "
        "sentences without a lexicon cue, and only adds implied, low-intensity emotions; sarcasm "
        "and irony are not recognised."
    ),
    "empathy": (
        "EPITOME is Reddit mental-health peer support; the model reads the response alone, not the "
        "seeker's post, and level 1 (weak) is rare for interpretations and explorations."
    ),
}


def write_cards(folder: Path, reports: Sequence[Report]) -> None:
    """Write ``<name>.md`` beside each model in ``folder`` with its data, licence and metrics."""
    for name, prefixes in _CARD_REPORTS.items():
        if not (folder / f"{name}.npz").exists():
            continue
        model = LinearTextModel.load(folder / f"{name}.npz")
        mine = [r for r in reports if r.name.startswith(prefixes)]
        limits = _LIMITS["empathy" if name.startswith("empathy") else name]
        (folder / f"{name}.md").write_text(render_card(model, mine, limits), encoding="utf-8")


def render_card(model: LinearTextModel, reports: Sequence[Report], limits: str) -> str:
    """Return the Markdown model card of ``model``."""
    meta = model.meta
    sources = [str(s) for s in _as_list(meta.get("sources"))]
    lines = [
        f"# Model card: `{model.name}`",
        "",
        "Trained by `coachlens train` from the public annotated data in `../shared/data` (or `--data DIR`),",
        "deterministically. Inference is pure numpy: word (and character) n-gram TF-IDF features and a",
        "multinomial logistic regression (`coachlens.analysis.models.linear`).",
        "",
        "## Data and licence",
        *[f"- {LICENCES[s]}" for s in sources],
        f"- Training texts: {meta.get('n_train')}. Classes: {', '.join(model.classes)}.",
        "",
        "## Recipe",
        f"- Features: `{json.dumps(model.vocabulary.spec.to_json())}`, "
        f"{len(model.vocabulary.index):,} terms.",
        f"- `{json.dumps(meta.get('recipe'))}`; class-balanced weights; lbfgs, random_state 0.",
        "",
        "## Held-out metrics (`coachlens evaluate`)",
    ]
    for r in reports:
        lines.append(f"- {r.name}: macro-F1 **{r.macro_f1:.3f}**, accuracy {r.accuracy:.3f} (n = {r.n:,})")
        lines.extend(
            f"  - {c.label}: precision {c.precision:.3f}, recall {c.recall:.3f}, F1 {c.f1:.3f} ({c.support})"
            for c in r.classes
        )
    lines += ["", "## Known limits", "", limits, "", "## Data read (SHA-256)", ""]
    sums = meta.get("data_sha256")
    if isinstance(sums, dict):
        for files in sums.values():
            for file, digest in sorted(dict(files).items()):
                lines.append(f"- `{file}`: `{digest}`")
    return "\n".join(lines) + "\n"


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []
