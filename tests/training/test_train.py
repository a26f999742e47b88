"""`coachlens train` and `coachlens evaluate` on a tiny data folder written here, laid out like
../shared/data: training is deterministic, writes a model and a card per model, and evaluation
prints per-class tables. The sentences are the project's own, a few per class."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from coachlens.analysis.models import MODEL_NAMES, forget_models
from coachlens.analysis.models.linear import FeatureSpec, LinearTextModel
from coachlens.cli import app
from coachlens.training.fit import fit_linear

runner = CliRunner()

STRATEGIES = {
    "Question": ["What happened next?", "How did that feel for you?", "Do you see her often?"],
    "Restatement or Paraphrasing": ["So you're saying the job ended.", "So the move was hard."],
    "Reflection of feelings": ["You sound really hurt.", "That must feel lonely."],
    "Self-disclosure": ["I went through the same last year.", "When I was younger I moved a lot."],
    "Affirmation and Reassurance": ["You are doing great.", "It will be okay, you are strong."],
    "Providing Suggestions": ["Maybe try a short walk.", "You could call a friend tonight."],
    "Information": ["Most people feel this after a move.", "Sleep helps the brain recover."],
    "Others": ["Hello there.", "You're welcome, take care."],
}
FEELINGS = {
    "anger": ["I was furious at him.", "It made me so angry."],
    "fear": ["I was scared of the dark road.", "I'm terrified of the exam."],
    "sadness": ["I cried when my dog died.", "I felt so sad and alone."],
    "shame": ["I was ashamed of my lie.", "I felt embarrassed in class."],
    "guilt": ["I felt guilty for shouting.", "It was my fault she left."],
    "joy": ["I was so happy to pass.", "We laughed all day, it was great."],
}


def _write_data(root: Path) -> None:
    (root / "esconv").mkdir(parents=True)
    for split in ("train", "valid", "test"):
        lines = []
        for n in range(3):
            dialog = []
            for strategy, texts in STRATEGIES.items():
                dialog.append({"text": "I feel lost lately.", "speaker": "usr"})
                dialog.append({"text": texts[n % len(texts)], "speaker": "sys", "strategy": strategy})
            lines.append(json.dumps({"dialog": dialog}))
        (root / "esconv" / f"{split}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "epitome").mkdir()
    for name in ("emotional-reactions-reddit.csv", "interpretations-reddit.csv", "explorations-reddit.csv"):
        rows = ["sp_id,rp_id,seeker_post,response_post,level,rationales"]
        for i in range(30):
            level = i % 3
            response = ["Okay.", "I understand that sounds hard.", "What happened then? How do you feel?"][
                level
            ]
            rows.append(f"s{i},r{i},I feel bad today,{response},{level},")
        (root / "epitome" / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / "goemotions").mkdir()
    names = ["anger", "fear", "sadness", "embarrassment", "remorse", "joy", "love", "neutral"]
    (root / "goemotions" / "emotions.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    texts = {
        0: "so angry right now",
        1: "this is scary",
        2: "so sad to hear",
        3: "how embarrassing",
        4: "I'm so sorry I did that",
        5: "this made my day",
        6: "love this so much",
        7: "the bus is at ten",
    }
    for split in ("train", "dev", "test"):
        body = "".join(f"{t} {k}\t{i}\tc{split}{i}{k}\n" for k in range(4) for i, t in texts.items())
        (root / "goemotions" / f"{split}.tsv").write_text(body, encoding="utf-8")
    (root / "isear").mkdir()
    rows = ["ID|Field1|SIT|"]
    for person in range(12):
        rows += [f"{person}|{family}|{FEELINGS[family][person % 2]}|" for family in FEELINGS]
    (root / "isear" / "isear.csv").write_text("\n".join(rows) + "\n", encoding="latin-1")
    (root / "empathetic_dialogues").mkdir()
    for emotion, family in (("afraid", "fear"), ("guilty", "guilt"), ("ashamed", "shame")):
        lines = ["Dialog_ID,Type,Actor,Text"]
        for d in range(4):
            lines.append(f"hit:{emotion}{d},utterance,speaker,{FEELINGS[family][d % 2]}")
            lines.append(f"hit:{emotion}{d},utterance,listener,Oh no. What happened?")
        (root / "empathetic_dialogues" / f"{emotion}.csv").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )


@pytest.fixture
def tiny_data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    _write_data(root)
    return root


def test_training_is_deterministic_and_writes_a_card_per_model(tiny_data: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "m1", tmp_path / "m2"
    for out in (first, second):
        result = runner.invoke(app, ["train", "--data", str(tiny_data), "--out", str(out)])
        assert result.exit_code == 0, result.output
    forget_models()
    for name in MODEL_NAMES:
        a, b = LinearTextModel.load(first / f"{name}.npz"), LinearTextModel.load(second / f"{name}.npz")
        assert a.classes == b.classes
        assert np.array_equal(a.weights, b.weights)
        assert a.vocabulary.index == b.vocabulary.index
        card = (first / f"{name}.md").read_text(encoding="utf-8")
        assert "## Held-out metrics" in card
        assert "SHA-256" in card
    acts = LinearTextModel.load(first / "acts.npz")
    assert set(acts.classes) == set(STRATEGIES)
    assert "esconv/train.jsonl" in json.dumps(acts.meta["data_sha256"])


def test_evaluate_prints_per_class_tables(
    tiny_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "models"
    assert runner.invoke(app, ["train", "--data", str(tiny_data), "--out", str(out)]).exit_code == 0
    monkeypatch.setenv("COACHLENS_MODELS_DIR", str(out))
    forget_models()
    try:
        result = runner.invoke(app, ["evaluate", "--data", str(tiny_data), "--json"])
        text = runner.invoke(app, ["evaluate", "--data", str(tiny_data)])
    finally:
        forget_models()
    assert result.exit_code == 0, result.output
    reports = {r["name"]: r for r in json.loads(result.stdout)}
    assert "ESConv test: coach acts (rules + model)" in reports
    assert reports["Held-out tricky cases (never tuned on): coach acts"]["n"] >= 40
    assert reports["Held-out tricky cases (never tuned on): own emotion family or none"]["n"] >= 40
    for detector in ("difference", "ruptures", "commitments", "referral"):
        held_out = reports[f"Held-out tricky cases (never tuned on): {detector}"]
        assert held_out["n"] >= 12
    assert set(reports["ISEAR held-out respondents: families"]["classes"]) <= set(FEELINGS)
    for report in reports.values():
        assert 0.0 <= report["macro_f1"] <= 1.0
    assert "precision" in text.stdout
    assert "macro-F1" in text.stdout
    assert "Summary" in text.stdout
    assert "0.60: met" in text.stdout or "0.60: not met" in text.stdout


def test_a_missing_data_folder_is_one_sentence(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "no training data" in result.stderr


def test_a_saved_model_predicts_what_it_predicted_before_saving(tmp_path: Path) -> None:
    texts = ["you should try it", "how do you feel", "you could ask him", "what do you feel now"] * 3
    labels = ["advice", "question", "advice", "question"] * 3
    model = fit_linear("t", texts, labels, spec=FeatureSpec((1, 2), (2, 4)), c=1.0, min_df=1)
    model.save(tmp_path / "t.npz")
    again = LinearTextModel.load(tmp_path / "t.npz")
    probe = ["you should ask", "how does it feel", ""]
    assert np.allclose(model.predict_proba(probe), again.predict_proba(probe), atol=1e-3)
    assert [again.classes[i] for i in again.predict_proba(probe[:2]).argmax(1)] == ["advice", "question"]


def test_class_ratio_factors_weigh_terms_that_tell_classes_apart_more() -> None:
    from scipy.sparse import csr_matrix

    from coachlens.training.fit import class_ratio_factors

    # column 0 only in class 0, column 1 in every text of both classes
    x = csr_matrix(np.array([[1.0, 1.0], [1.0, 1.0], [0.0, 1.0], [0.0, 1.0]]))
    factors = class_ratio_factors(x, np.array([0, 0, 1, 1]), 2)
    assert factors[0] > factors[1] > 0.0
