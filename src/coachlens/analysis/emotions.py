"""Emotions per utterance and per speaker over time: the seven families, named or implied.

Two sources, each with what it is good at:
- the project's lexicon and rules (`emotion_cues`): named emotions and the implied ones the
  lexicon lists, with negation ("I'm not angry"), hedges, intensifiers, and whose emotion it is
  (the speaker's own, the listener's, a third party's: "Jim was furious");
- the project's emotion model (`coachlens train`, GoEmotions + ISEAR + EmpatheticDialogues mapped
  to families) for emotions only implied in words the lexicon does not list. It reads only
  client utterances where the lexicon found no cue at all, and in them only first-person
  statements of six words or more without negation or a social formula ("sorry", "thanks"), and
  it must be at least 70% sure; so it cannot override a negation or give the speaker a third
  party's feeling. What it finds is marked implied, low. The coach's emotions come from the
  lexicon alone.

An utterance's emotions (the contract's ``emotions``) are the speaker's own only. Cues about
others, negated cues and the listener's feelings stay in `Emotions.other_cues` for the report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from coachlens.analysis.emotion_cues import EmotionCue, read_emotions
from coachlens.analysis.models import load_model
from coachlens.analysis.vocabulary import Intensity
from coachlens.transcript import Role, Transcript
from coachlens.transcript.tokens import is_question, sentences, words

MODEL_THRESHOLD = 0.7  # the model's family probability needed to add an implied emotion
MODEL_MIN_WORDS = 6  # shorter sentences are mostly formulas and backchannels
_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself"})
_NEGATION = frozenset(
    {
        "not",
        "never",
        "no",
        "nothing",
        "nobody",
        "don't",
        "didn't",
        "can't",
        "won't",
        "isn't",
        "wasn't",
        "aren't",
        "weren't",
        "haven't",
        "hasn't",
        "couldn't",
        "wouldn't",
        "shouldn't",
        "doesn't",
    }
)
_FORMULA = frozenset({"sorry", "thanks", "thank", "hi", "hello", "joking", "kidding", "cheers", "please"})


@dataclass(frozen=True, slots=True)
class Emotion:
    """One emotion of the speaker in one utterance."""

    family: str
    intensity: Intensity
    named: bool
    cue: str  # the words behind it ("furious", "that's on me"), or the sentence the model read
    source: str  # "lexicon" or "model"


@dataclass(frozen=True, slots=True)
class Emotions:
    """The speaker's own emotions per utterance, and the cues that are not the speaker's own."""

    by_utterance: Mapping[int, tuple[Emotion, ...]] = field(default_factory=dict)
    other_cues: Mapping[int, tuple[EmotionCue, ...]] = field(default_factory=dict)

    def expressed_by(self, transcript: Transcript, role: Role) -> list[int]:
        """Return the indices of ``role``'s utterances that express an own emotion."""
        return [i for i in sorted(self.by_utterance) if transcript.utterances[i].role == role]


def analyze_emotions(transcript: Transcript, threshold: float = MODEL_THRESHOLD) -> Emotions:
    """Return the emotions of every utterance of ``transcript``."""
    own, others = read_texts(
        [u.text for u in transcript.utterances],
        threshold,
        ask_model=[u.role != Role.COACH for u in transcript.utterances],
    )
    return Emotions(
        by_utterance={u.index: found for u, found in zip(transcript.utterances, own, strict=True) if found},
        other_cues={u.index: cues for u, cues in zip(transcript.utterances, others, strict=True) if cues},
    )


def read_texts(
    texts: Sequence[str], threshold: float = MODEL_THRESHOLD, ask_model: Sequence[bool] | None = None
) -> tuple[list[tuple[Emotion, ...]], list[tuple[EmotionCue, ...]]]:
    """Return each text's own emotions and its cues that are not the speaker's own.

    The model reads, in one batch, every first-person sentence that has no lexicon cue, in the
    texts ``ask_model`` allows (all by default; the session analysis asks it for the client's).
    """
    own: list[list[Emotion]] = [[] for _ in texts]
    others: list[tuple[EmotionCue, ...]] = [() for _ in texts]
    for_model: list[tuple[int, str]] = []
    for n, text in enumerate(texts):
        unmarked: list[str] = []
        for sentence in sentences(text) or [text]:
            cues = read_emotions(sentence)
            mine = [c for c in cues if not c.negated and c.experiencer == "speaker"]
            own[n].extend(Emotion(c.family, c.intensity, c.named, c.cue, source="lexicon") for c in mine)
            others[n] += tuple(c for c in cues if c not in mine)
            if _model_may_read(sentence):
                unmarked.append(sentence)
        if (ask_model is None or ask_model[n]) and not own[n] and not others[n]:
            for_model.extend((n, sentence) for sentence in unmarked)
    if for_model:
        model = load_model("emotions")
        probs = model.predict_proba([s for _, s in for_model])
        for (n, sentence), row in zip(for_model, probs, strict=True):
            best = int(np.argmax(row))
            family = model.classes[best]
            if family != "none" and row[best] >= threshold and all(e.family != family for e in own[n]):
                own[n].append(Emotion(family, Intensity.LOW, False, sentence, source="model"))
    return [_dedupe(found) for found in own], others


def read_family(text: str) -> str:
    """Return the family of the speaker's strongest own emotion in ``text``, or "none"."""
    found = read_texts([text])[0][0]
    if not found:
        return "none"
    return max(found, key=lambda e: (e.intensity == Intensity.HIGH, e.source == "lexicon")).family


def _model_may_read(sentence: str) -> bool:
    """A statement of at least six words about the speaker, without negation or a social formula.

    Measured on the example sessions, the model's guesses outside these were mostly wrong:
    "Sorry, hang on" read as guilt, "I'm joking" as joy, "I'd love to be done by nine" as love,
    and negated sentences as the emotion they deny.
    """
    toks = words(sentence)
    if len(toks) < MODEL_MIN_WORDS or is_question(sentence) or not _FIRST_PERSON.intersection(toks):
        return False
    if _NEGATION.intersection(toks) or _FORMULA.intersection(toks):
        return False
    return "i'd love" not in sentence.lower() and "would love" not in sentence.lower()


def _dedupe(found: list[Emotion]) -> tuple[Emotion, ...]:
    """Keep one emotion per family: the strongest, named before implied."""
    best: dict[str, Emotion] = {}
    for e in found:
        kept = best.get(e.family)
        if kept is None or (e.intensity == Intensity.HIGH and kept.intensity == Intensity.LOW):
            best[e.family] = e
    return tuple(best.values())


def emotion_metrics(transcript: Transcript, emotions: Emotions) -> dict[Role, dict[str, int | float | None]]:
    """Return per-role counts: utterances with an emotion, named share, distinct families."""
    out: dict[Role, dict[str, int | float | None]] = {}
    for role in (Role.COACH, Role.CLIENT):
        indices = emotions.expressed_by(transcript, role)
        found = [e for i in indices for e in emotions.by_utterance[i]]
        out[role] = {
            "emotion_utterances": len(indices),
            "emotions_named_share": round(sum(e.named for e in found) / len(found), 3) if found else None,
            "emotion_families": len({e.family for e in found}),
        }
    return out
