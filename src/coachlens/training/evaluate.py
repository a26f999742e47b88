"""``coachlens evaluate``: held-out metrics of the shipped models and of the analysis around them.

What is measured:
- coach acts on ESConv's test file, never trained on: the full labeller (rules, then the model)
  and the model alone, each turn's act mapped back to ESConv's 8 strategies;
- EPITOME's three empathy mechanisms (levels 0/1/2) on the held-out seeker posts;
- emotion families on GoEmotions' test file (rows with exactly one family) and on ISEAR's
  held-out respondents (disgust left out): the model choosing among the families present;
- the project's own hand-made tricky cases (`tricky_cases.tsv`): coach acts and own emotions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from coachlens.analysis.acts import ACT_STRATEGIES, label_coach_turns, tagged_text
from coachlens.analysis.commitments import detect_commitment
from coachlens.analysis.difference import detect_dimension
from coachlens.analysis.emotions import read_family
from coachlens.analysis.models import load_model
from coachlens.analysis.referral import detect_referral
from coachlens.analysis.ruptures import detect_marker
from coachlens.training import datasets
from coachlens.training.metrics import Report, score
from coachlens.training.splits import ISEAR_FAMILIES, goemotions_family, is_held_out
from coachlens.transcript import Role

TRICKY_CASES = Path(__file__).with_name("tricky_cases.tsv")
_TITLES = {"tricky": "Tricky cases", "heldout": "Held-out tricky cases (never tuned on)"}  # by file prefix
# The macro-F1 the product's issues set for some reports (issue 4: acts and emotion families).
BARS = {
    "ESConv test: coach acts (rules + model)": 0.60,
    "GoEmotions test: families (one family per row)": 0.60,
    "ISEAR held-out respondents: families": 0.60,
}
Progress = Callable[[str], None]


def evaluate_acts(data: Path) -> list[Report]:
    """Return the act labeller's and the act model's scores on ESConv's test file."""
    turns = datasets.read_esconv(data, "test")
    gold = [t.strategy for t in turns]
    texts = [t.text for t in turns]
    system = [ACT_STRATEGIES[a.primary] for a in label_coach_turns(texts, [t.previous for t in turns])]
    model = load_model("acts")
    alone = [
        model.classes[int(i)] for i in np.argmax(model.predict_proba([tagged_text(t) for t in texts]), 1)
    ]
    return [
        score("ESConv test: coach acts (rules + model)", gold, system),
        score("ESConv test: act model alone (whole turns with rule markers)", gold, alone),
    ]


def evaluate_empathy(data: Path) -> list[Report]:
    """Return each empathy mechanism model's scores on EPITOME's held-out seeker posts."""
    pairs = [p for p in datasets.read_epitome(data) if is_held_out(p.seeker_id)]
    reports = []
    for mechanism in datasets.EPITOME_MECHANISMS:
        model = load_model(f"empathy_{mechanism}")
        predicted = [
            model.classes[int(i)] for i in np.argmax(model.predict_proba([p.response for p in pairs]), 1)
        ]
        reports.append(
            score(f"EPITOME held-out: {mechanism}", [str(p.levels[mechanism]) for p in pairs], predicted)
        )
    return reports


def _closed_set(texts: list[str], allowed: list[str]) -> list[str]:
    """The emotion model's best family among ``allowed`` for each text."""
    model = load_model("emotions")
    columns = [model.classes.index(f) for f in allowed]
    probs = model.predict_proba(texts)[:, columns]
    return [allowed[int(i)] for i in np.argmax(probs, axis=1)]


def evaluate_emotions(data: Path) -> list[Report]:
    """Return the emotion model's family scores on GoEmotions test and ISEAR's held-out slice."""
    rows = [(r.text, goemotions_family(r.labels)) for r in datasets.read_goemotions(data, "test")]
    single = [(t, f) for t, f in rows if f is not None and f != "none"]
    families = sorted({f for _, f in single})
    go_texts = [t for t, _ in single]
    go_gold = [f for _, f in single]
    isear = [
        (r.text, ISEAR_FAMILIES[r.labels[0]])
        for r in datasets.read_isear(data)
        if r.labels[0] in ISEAR_FAMILIES and is_held_out(r.group)
    ]
    isear_families = sorted({f for _, f in isear})
    return [
        score("GoEmotions test: families (one family per row)", go_gold, _closed_set(go_texts, families)),
        score(
            "ISEAR held-out respondents: families",
            [f for _, f in isear],
            _closed_set([t for t, _ in isear], isear_families),
        ),
    ]


def evaluate_tricky() -> list[Report]:
    """Return the labellers' scores on the project's own hand-made tricky cases."""
    acts: list[tuple[str, str]] = []
    emotions: list[tuple[str, str]] = []
    for line in TRICKY_CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        task, expected, text = line.split("\t")
        (acts if task == "act" else emotions).append((expected, text))
    return _labeller_reports(_TITLES["tricky"], acts, emotions)


def _labeller_reports(
    title: str, acts: Sequence[tuple[str, str]], emotions: Sequence[tuple[str, str]]
) -> list[Report]:
    """Score the act labeller on ``acts`` and the own-emotion reading on ``emotions`` (expected, text)."""
    return [
        score(
            f"{title}: coach acts",
            [e for e, _ in acts],
            [a.primary for a in label_coach_turns([text for _, text in acts])],
        ),
        score(
            f"{title}: own emotion family or none",
            [e for e, _ in emotions],
            [read_family(text) for _, text in emotions],
        ),
    ]


def _tricky_rows(name: str, prefix: str = "tricky") -> list[tuple[str, str]]:
    path = TRICKY_CASES.with_name(f"{prefix}_{name}.tsv")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            expected, text = line.split("\t", 1)
            rows.append((expected, text))
    return rows


def evaluate_heldout_labellers() -> list[Report]:
    """Return the act and emotion labellers' scores on turns written after their rules and lexicon
    were last changed (`heldout_acts.tsv`, `heldout_emotions.tsv`), never tuned on."""
    return _labeller_reports(
        _TITLES["heldout"],
        _tricky_rows("acts", "heldout"),
        _tricky_rows("emotions", "heldout"),
    )


def evaluate_detectors(prefix: str = "tricky") -> list[Report]:
    """Return precision and recall of the social-difference, rupture, commitment and referral
    detectors on the project's own tricky utterances ("none" counts as a class).

    ``prefix`` "tricky" reads the cases the detectors were developed with; "heldout" reads the cases
    written after them and never tuned on (`heldout_*.tsv`), the fairer estimate.
    """
    detectors: dict[str, Callable[[str, str], str | None]] = {
        "difference": lambda text, _: detect_dimension(text),
        "ruptures": lambda text, expected: detect_marker(
            text, Role.COACH if expected == "repair" else Role.CLIENT
        ),
        "commitments": lambda text, _: detect_commitment(text),
        "referral": lambda text, _: detect_referral(text),
    }
    reports = []
    for name, detect in detectors.items():
        rows = _tricky_rows(name, prefix)
        predicted = [detect(text, expected) or "none" for expected, text in rows]
        reports.append(score(f"{_TITLES[prefix]}: {name}", [e for e, _ in rows], predicted))
    return reports


def run_evaluation(data: Path, progress: Progress = lambda _: None) -> list[Report]:
    """Return every held-out report, in the order `coachlens evaluate` prints them."""
    reports: list[Report] = []
    steps: tuple[tuple[str, Callable[[], list[Report]]], ...] = (
        ("coach acts on ESConv test", lambda: evaluate_acts(data)),
        ("empathy on EPITOME held-out", lambda: evaluate_empathy(data)),
        ("emotions on GoEmotions and ISEAR", lambda: evaluate_emotions(data)),
        ("tricky cases", evaluate_tricky),
        ("detectors on tricky cases", evaluate_detectors),
        ("acts and emotions on held-out tricky cases", evaluate_heldout_labellers),
        ("detectors on held-out tricky cases", lambda: evaluate_detectors("heldout")),
    )
    for label, step in steps:
        progress(label)
        reports.extend(step())
    return reports
