"""The coach's response mix, and feeling versus fixing after the client's emotions.

DOMAIN.md: coaches block empathy by rushing to fix (reassurance, minimising, prescriptions,
advice dressed as a question); good moves reflect the feeling or ask about the client's
experience. This analyzer labels every turn (`acts`), then follows each client turn that
expresses an emotion to the coach's next turn and reads it as:

- ``acknowledged``: a reflection of feeling, a question about the client's experience, or
  talk about the relationship, and no fixing move;
- ``fixed``: advice, a suggestion question or reassurance, and no acknowledging move;
- ``mixed``: both in the same turn;
- ``minimal``: only a backchannel ("Mm-hmm"), which leaves the floor to the client;
- ``other``: anything else (a factual question, information).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from coachlens.analysis.acts import FIXING_ACTS, CoachTurnActs, label_client_turn, label_coach_turns
from coachlens.analysis.commitments import Commitment, analyze_commitments
from coachlens.analysis.emotions import Emotions
from coachlens.analysis.findings import Finding, Severity
from coachlens.transcript import Role, Transcript
from coachlens.transcript.tokens import PhraseSet, words

MIN_EMOTION_TURNS = 3  # client emotion turns needed before the session-level balance is a finding
FIXING_RUN = 2  # coach turns in a row that fix after a client emotion before it is a finding
RUNS_REPORTED = 5  # the longest fixing runs reported as their own findings

# A question about the client's inner experience counts as acknowledging, like a reflection.
_EXPERIENCE = PhraseSet(
    {
        "x": [
            "how {are,were,do,did} you {feel,feeling}",
            "how does {that,it,this} {feel,make you feel}",
            "how did {that,it,this} {feel,make you feel}",
            "what {was,is} {that,it} like",
            "what's {that,it} like",
            "what {was,is} going on for you",
            "what's going on for you",
            "what {was,is} happening for you",
            "what's happening for you",
            "what do you {feel,notice}",
            "what are you feeling",
            "where do you feel",
            "what's {that,it} {like,bringing up}",
            "what comes up",
            "what does {that,it} bring up",
            "what would it mean",
            "what do you need",
            "what matters to you",
            "tell me more",
            "say more",
        ]
    }
)

# The client says the problem is not for solving: a bid to be heard.
_BIDS = PhraseSet(
    {
        "x": [
            "i don't need {solving,fixing,a solution,advice,you to fix}",
            "i don't want {solving,fixing,a solution,advice,you to fix}",
            "{get,got,getting} {it,some of it,this,that} off my chest",
            "i just {need,needed,want,wanted} to {vent,say it,say it out loud,get it out,offload,be heard}",
            "i'm not looking for {advice,a solution,answers}",
            "not looking for {advice,a solution,answers}",
            "just let me",
            "can i just {vent,say,moan,offload}",
        ]
    }
)


@dataclass(frozen=True, slots=True)
class EmotionResponse:
    """A client turn that expresses an emotion and how the coach's next turns met it."""

    client: int
    families: tuple[str, ...]
    coach: int | None  # the next coach turn, or None at the end of the session
    response: str  # acknowledged / fixed / mixed / minimal / other / none
    fixing_run: tuple[
        int, ...
    ]  # coach turns that fixed, in a row from ``coach``, before the next client emotion


@dataclass(frozen=True, slots=True)
class ResponseMix:
    """Every turn's acts and the feeling-versus-fixing reading of a session."""

    coach_turns: Mapping[int, CoachTurnActs] = field(default_factory=dict)
    client_acts: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    feeling_turns: tuple[int, ...] = ()  # coach turns with an acknowledging move
    fixing_turns: tuple[int, ...] = ()  # coach turns with a fixing move
    responses: tuple[EmotionResponse, ...] = ()
    missed_bids: tuple[tuple[int, int], ...] = ()  # (client bid to be heard, coach turn that fixed)

    def acts_of(self, index: int) -> tuple[str, ...]:
        """Return the acts of utterance ``index`` (coach or client vocabulary)."""
        if index in self.coach_turns:
            return self.coach_turns[index].acts
        return self.client_acts.get(index, ())

    @property
    def feeling_share(self) -> float | None:
        """Acknowledging turns among acknowledging and fixing turns, or None with neither."""
        feel, fix = len(self.feeling_turns), len(self.fixing_turns)
        return round(feel / (feel + fix), 3) if feel + fix else None


def analyze_response_mix(
    transcript: Transcript, emotions: Emotions, commitments: Sequence[Commitment] | None = None
) -> ResponseMix:
    """Return the response mix of ``transcript`` given its emotions and commitments.

    ``commitments`` default to `analyze_commitments` of the transcript; the registry passes the
    ones it has already read.
    """
    coach = [u for u in transcript.utterances if u.role == Role.COACH]
    turns = transcript.utterances
    before = [
        turns[u.index - 1].text if u.index and turns[u.index - 1].role == Role.CLIENT else "" for u in coach
    ]
    labelled = label_coach_turns([u.text for u in coach], before)
    coach_turns = {u.index: acts for u, acts in zip(coach, labelled, strict=True)}
    if commitments is None:
        commitments = analyze_commitments(transcript)
    committed = {c.index for c in commitments if c.role == Role.CLIENT}
    client_acts = {
        u.index: label_client_turn(u.text, u.index in emotions.by_utterance, u.index in committed)
        for u in transcript.utterances
        if u.role == Role.CLIENT
    }
    feeling = tuple(i for i, a in coach_turns.items() if _acknowledges(a, transcript.utterances[i].text))
    fixing = tuple(i for i, a in coach_turns.items() if FIXING_ACTS & set(a.acts))
    coach_order = [u.index for u in coach]
    expressed = emotions.expressed_by(transcript, Role.CLIENT)
    next_emotion = [*expressed[1:], len(transcript.utterances)]
    responses = tuple(
        _response_to(i, until, emotions, coach_order, coach_turns, set(feeling), set(fixing))
        for i, until in zip(expressed, next_emotion, strict=False)
    )
    bids = tuple(
        (i, nxt)
        for i in client_acts
        if _BIDS.any_match(words(transcript.utterances[i].text))
        and (nxt := _next_coach(i, coach_order)) is not None
        and nxt in set(fixing)
    )
    return ResponseMix(coach_turns, client_acts, feeling, fixing, responses, bids)


def _acknowledges(acts: CoachTurnActs, text: str) -> bool:
    if {"reflection_feeling", "relational"} & set(acts.acts):
        return True
    return any(s.act == "question_open" and _EXPERIENCE.any_match(words(s.text)) for s in acts.sentences) or (
        _EXPERIENCE.any_match(words(text)) and not FIXING_ACTS & set(acts.acts)
    )


def _next_coach(index: int, coach_order: Sequence[int]) -> int | None:
    return next((c for c in coach_order if c > index), None)


def _response_to(
    client: int,
    until: int,
    emotions: Emotions,
    coach_order: Sequence[int],
    coach_turns: Mapping[int, CoachTurnActs],
    feeling: set[int],
    fixing: set[int],
) -> EmotionResponse:
    families = tuple(e.family for e in emotions.by_utterance[client])
    nxt = _next_coach(client, coach_order)
    if nxt is None:
        return EmotionResponse(client, families, None, "none", ())
    run: list[int] = []
    for c in coach_order[coach_order.index(nxt) :]:
        if c > until or c not in fixing or c in feeling:
            break
        run.append(c)
    if nxt in feeling and nxt in fixing:
        response = "mixed"
    elif nxt in feeling:
        response = "acknowledged"
    elif nxt in fixing:
        response = "fixed"
    elif coach_turns[nxt].acts == ("other",) and coach_turns[nxt].primary == "other":
        response = "minimal"
    else:
        response = "other"
    return EmotionResponse(client, families, nxt, response, tuple(run))


def response_metrics(mix: ResponseMix) -> dict[Role, dict[str, int | float | None]]:
    """Return the coach's feeling and fixing counts and how client emotions were met."""
    counts = {
        kind: sum(1 for r in mix.responses if r.response == kind)
        for kind in ("acknowledged", "fixed", "mixed")
    }
    return {
        Role.COACH: {
            "feeling_turns": len(mix.feeling_turns),
            "fixing_turns": len(mix.fixing_turns),
            "feeling_share": mix.feeling_share,
            "emotions_acknowledged": counts["acknowledged"],
            "emotions_fixed": counts["fixed"],
            "emotions_mixed": counts["mixed"],
        },
    }


def response_findings(transcript: Transcript, mix: ResponseMix) -> list[Finding]:
    """Return the feeling-versus-fixing findings, each with the utterances behind it."""
    findings: list[Finding] = []
    met = [r for r in mix.responses if r.coach is not None]
    fixed = [r for r in met if r.response == "fixed"]
    acknowledged = [r for r in met if r.response in {"acknowledged", "mixed"}]
    if len(met) >= MIN_EMOTION_TURNS:
        severity = Severity.NOTICE if len(fixed) >= 3 and len(fixed) >= len(met) / 2 else Severity.INFO
        evidence = [i for r in (fixed or met) for i in (r.client, r.coach) if i is not None]
        findings.append(
            Finding(
                kind="response.feeling_vs_fixing",
                severity=severity,
                message=(
                    f"The client expressed an emotion in {len(met)} turns. Your next turn moved to fix "
                    f"it {_times(len(fixed))} (advice, reassurance or a suggestion question) and "
                    f"acknowledged it {_times(len(acknowledged))} (a reflection or a question about "
                    "their experience). "
                    + (
                        "Consider staying with the feeling a little longer before moving to action."
                        if severity == Severity.NOTICE
                        else "This may be worth a look alongside the quotes."
                    )
                ),
                evidence=tuple(sorted(set(evidence))),
            )
        )
    runs = sorted(
        (r for r in met if len(r.fixing_run) >= FIXING_RUN), key=lambda r: (-len(r.fixing_run), r.client)
    )
    for r in sorted(runs[:RUNS_REPORTED], key=lambda r: r.client):
        feelings = _join([f"{_family_word(f)}" for f in r.families])
        findings.append(
            Finding(
                kind="response.fixing_run",
                severity=Severity.NOTICE,
                message=(
                    f"The client expressed {feelings} (utt. {r.client}); the next "
                    f"{_count_word(len(r.fixing_run))} of your turns offered solutions or reassurance "
                    f"({', '.join(map(str, r.fixing_run))}). "
                    "Consider reflecting the feeling before moving to action."
                ),
                evidence=(r.client, *r.fixing_run),
            )
        )
    for bid, coach in mix.missed_bids:
        findings.append(
            Finding(
                kind="response.missed_bid",
                severity=Severity.NOTICE,
                message=(
                    f"At {bid} the client may have asked to be heard rather than helped; the next turn "
                    f"({coach}) offered a solution. Consider checking what they want from you in that moment."
                ),
                evidence=(bid, coach),
            )
        )
    return findings


_FAMILY_WORDS = {
    "anger": "anger",
    "fear": "fear",
    "sadness": "sadness",
    "shame": "shame",
    "guilt": "guilt",
    "joy": "joy",
    "love": "warmth",
}


def _family_word(family: str) -> str:
    return _FAMILY_WORDS.get(family, family)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _times(n: int) -> str:
    return {0: "no times", 1: "once", 2: "twice"}.get(n, f"{n} times")


def _count_word(n: int) -> str:
    return {2: "two", 3: "three", 4: "four", 5: "five"}.get(n, str(n))
