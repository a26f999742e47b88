"""Conversation dynamics that carry status: question types, self-answered questions, silences, interruptions.

DOMAIN.md: the higher-status party tends to set the agenda, change the topic, speak first after a
silence, interrupt, and provide answers; the lower-status party accommodates to the other's style.
This module gathers every one of those markers per utterance (topic shifts and the agenda come from
`analysis.topics`, style coordination from `analysis.coordination`); `analysis.deference` turns
them into a reading per party and the findings.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from coachlens.analysis.coordination import Coordination, analyze_coordination
from coachlens.analysis.findings import Finding, Severity
from coachlens.analysis.lexicons import status
from coachlens.analysis.topics import Agenda, TopicShift, analyze_topics
from coachlens.transcript import Role, Transcript
from coachlens.transcript.tokens import PhraseSet, is_question, sentences, words


@dataclass(frozen=True, slots=True)
class DynamicsConfig:
    """Thresholds of the dynamics analyzer."""

    silence_s: float = 3.0  # a gap at least this long is a silence
    words_per_second: float = 2.5  # speaking rate assumed when a transcript gives too few turns to measure
    overlap_s: float = 0.2  # a turn starting this much before the previous one ends cuts in
    min_for_finding: int = 3  # how many instances make a pattern worth a finding


DEFAULT_DYNAMICS = DynamicsConfig()


@dataclass(frozen=True, slots=True)
class Silence:
    """A gap of ``seconds`` before utterance ``broken_by``."""

    after: int
    broken_by: int
    seconds: float


@dataclass(frozen=True, slots=True)
class Dynamics:
    """Per-utterance evidence of the dynamics; metrics and findings are derived from it."""

    open_questions: tuple[int, ...]  # utterance indices, one entry per open question asked
    closed_questions: tuple[int, ...]
    self_answered: tuple[int, ...]  # utterances where the speaker answered their own question
    silences: tuple[Silence, ...]
    interruptions: tuple[int, ...]  # utterances that cut into the previous speaker
    topic_shifts: tuple[TopicShift, ...] = ()
    agenda: Agenda | None = None
    solutions: tuple[int, ...] = ()  # turns that give an answer or a solution ("you should", "what I'd do")
    requests: tuple[int, ...] = ()  # turns that ask the other for the answer ("What would you do?")
    deferring: tuple[int, ...] = ()  # apologies, permission-asking, giving way
    agreeing: tuple[int, ...] = ()  # short turns that only agree ("Right. That makes sense.")
    coordination: Mapping[Role, Coordination] = field(default_factory=dict)


_OPEN_START = re.compile(
    r"^(?:what|what's|whats|how|how's|why|where|who|whose|which|when|tell me|describe|say more|"
    r"talk me through|walk me through|in what way)\b"
)
_LEAD_IN = re.compile(r"^(?:(?:and|so|but|okay|ok|well|right|now|then|just|mm|yeah|sure)\b[,.]?\s*)+")
_ANSWER_OPENER = re.compile(
    r"^(?:because|cause|'cause|no\b|yes\b|nothing|nobody|never|none|not really|i'?ll tell you|"
    r"let me tell you|the answer|simple|easy|exactly)",
)
_SECOND_PERSON = frozenset({"you", "your", "you're", "yours", "yourself", "you've", "you'll", "you'd"})
_PRONOUN = frozenset({"it", "that", "they", "he", "she", "this", "we"})
_CUT_OFF = ("--", "—", "–", "...-")


def question_kind(sentence: str) -> str:
    """Return "open" for a wh- or invitation question, "closed" for a yes/no or tag question."""
    text = _LEAD_IN.sub("", sentence.strip().lower())
    text = re.sub(r"^[a-z]+, (?=[a-z])", "", text)  # a name or vocative before the question
    if _OPEN_START.match(text):
        return "open"
    # a framing clause before the wh-word: "On a scale of one to ten, how important is it?",
    # "If you could change one thing, what would it be?" (not "Did you tell him, and how...?")
    framed = _FRAMED_OPEN.search(text)
    return "open" if framed and not _AUXILIARY_START.match(text) else "closed"


_FRAMED_OPEN = re.compile(r", (?:what|what's|how|how's|why|where|who|which|when)\b")
_AUXILIARY_START = re.compile(
    r"^(?:do|does|did|is|are|was|were|can|could|would|will|should|shall|have|has|had|may|might|am|"
    r"don't|doesn't|didn't|isn't|aren't|wasn't|weren't|can't|couldn't|wouldn't|won't|shouldn't|haven't)\b"
)


def is_self_answer(question: str, following: str) -> bool:
    """Return True when ``following`` (same turn) answers ``question`` instead of leaving it open.

    Signals: an answer opener ("Because...", "No, it isn't.", "Nothing."), a pronoun echoing the
    question's verb ("What does that mean? It means..."), or a short fragment with no "you" after a
    wh-question ("What does he need? A decision."). Not counted: a permission question followed by
    its reason ("Can I bring in the other goal? Because I wonder..."), a "because I..." motive, and a
    suggestion elaborated ("What if you booked it? Even half an hour."). Blind spot: an answer
    phrased as a new statement with none of these marks.
    """
    q_words = words(question)
    a_words = words(following)
    if len(q_words) < 3 or not a_words:
        return False
    q_text = _LEAD_IN.sub("", question.strip().lower())
    if _PERMISSION.match(q_text) or a_words[:2] in (["because", "i"], ["because", "i'm"]):
        return False
    if _ANSWER_OPENER.match(following.strip().lower()):
        return True
    q_stems = {w.rstrip("s") for w in q_words}
    if len(a_words) >= 2 and a_words[0] in _PRONOUN and a_words[1].rstrip("s") in q_stems:
        return True
    return (
        question_kind(question) == "open"
        and not _SUGGESTION.match(q_text)
        and len(a_words) <= 6
        and not _SECOND_PERSON & set(a_words)
        and a_words[0] not in _NOT_AN_ANSWER
    )


_PERMISSION = re.compile(
    r"^(?:can|could|may|might|shall) i\b|"
    r"^(?:do you mind|would it be (?:ok|okay|alright) if|is it (?:ok|okay) if)"
)
_SUGGESTION = re.compile(r"^(?:what|how) about\b|^what if\b")
# Fragments that elaborate the question or instruct, rather than answer it.
_NOT_AN_ANSWER = frozenset(
    {
        "take",
        "tell",
        "say",
        "go",
        "let",
        "let's",
        "think",
        "feel",
        "have",
        "be",
        "see",
        "try",
        "even",
        "or",
        "just",
        "maybe",
        "perhaps",
        "like",
        "and",
        "but",
        "so",
        "only",
        "any",
        "anything",
    }
)


def analyze_dynamics(transcript: Transcript, config: DynamicsConfig = DEFAULT_DYNAMICS) -> Dynamics:
    """Return every status marker of a session, each as the utterances behind it.

    Question mix and self-answered questions, silences and interruptions, topic shifts and the
    agenda (`analysis.topics`), answers given and requested, deferring and agreeing turns, and
    style coordination (`analysis.coordination`). Each turn is tokenised once and shared.

    Silences need timestamps; without end times (Otter, stamped text) a turn's end is estimated
    from its words at the speaker's own measured rate, so silences are, if anything, under-counted.
    Interruptions are overlapping cue times, or a turn cut off mid-sentence ("--") and taken over
    by the other speaker.
    """
    open_q: list[int] = []
    closed_q: list[int] = []
    self_answered: list[int] = []
    for u in transcript:
        parts = sentences(u.text)
        for i, sentence in enumerate(parts):
            if not is_question(sentence):
                continue
            (open_q if question_kind(sentence) == "open" else closed_q).append(u.index)
            following = parts[i + 1] if i + 1 < len(parts) else None
            answered = (
                following is not None and not is_question(following) and is_self_answer(sentence, following)
            )
            if answered and (not self_answered or self_answered[-1] != u.index):
                self_answered.append(u.index)
    tokens = [words(u.text) for u in transcript]
    shifts, agenda = analyze_topics(transcript, tokens=tokens)
    phrases = _status_phrases()
    marked: dict[str, list[int]] = {"solution": [], "request": [], "deferring": [], "agree": []}
    for u in transcript:
        found = phrases.count(tokens[u.index])
        for label in ("solution", "request"):
            if found[label]:
                marked[label].append(u.index)
        if found["apology"] or found["permission"] or found["giving_way"]:
            marked["deferring"].append(u.index)
        if found["agree"] and len(tokens[u.index]) <= 6:
            marked["agree"].append(u.index)
    return Dynamics(
        open_questions=tuple(open_q),
        closed_questions=tuple(closed_q),
        self_answered=tuple(self_answered),
        silences=tuple(_silences(transcript, tokens, config)) if transcript.has_timestamps else (),
        interruptions=tuple(_interruptions(transcript, config)),
        topic_shifts=shifts,
        agenda=agenda,
        solutions=tuple(marked["solution"]),
        requests=tuple(marked["request"]),
        deferring=tuple(marked["deferring"]),
        agreeing=tuple(marked["agree"]),
        coordination=analyze_coordination(transcript, tokens),
    )


@cache
def _status_phrases() -> PhraseSet:
    return PhraseSet({**status.SOLUTIONS, **status.REQUESTS, **status.DEFERRING, **status.AGREEING})


def _silences(transcript: Transcript, tokens: list[list[str]], config: DynamicsConfig) -> list[Silence]:
    word_counts = [len(ws) for ws in tokens]
    rates = _speaking_rates(transcript, word_counts, config)
    found = []
    for prev, nxt in itertools.pairwise(transcript.utterances):
        if prev.start is None or nxt.start is None:
            continue
        end = prev.end if prev.end is not None else prev.start + word_counts[prev.index] / rates[prev.speaker]
        gap = nxt.start - end
        if gap >= config.silence_s:
            found.append(Silence(after=prev.index, broken_by=nxt.index, seconds=round(gap, 1)))
    return found


def _speaking_rates(
    transcript: Transcript, word_counts: list[int], config: DynamicsConfig
) -> dict[str, float]:
    """Return each speaker's words per second, for estimating where a turn ends without end times.

    The median of words / (next start - start) over turns of five words or more: the time to the
    next turn includes the usual short gap, so the rate is a little low and silences, if anything,
    under-counted. Falls back to ``config.words_per_second`` with fewer than five such turns.
    """
    samples: dict[str, list[float]] = {}
    for prev, nxt in itertools.pairwise(transcript.utterances):
        n = word_counts[prev.index]
        if n >= 5 and prev.start is not None and nxt.start is not None and nxt.start > prev.start:
            samples.setdefault(prev.speaker, []).append(n / (nxt.start - prev.start))
    rates = {s.name: config.words_per_second for s in transcript.speakers}
    rates.update({name: statistics.median(v) for name, v in samples.items() if len(v) >= 5})
    return rates


def _interruptions(transcript: Transcript, config: DynamicsConfig) -> list[int]:
    found = []
    for prev, nxt in itertools.pairwise(transcript.utterances):
        if prev.speaker == nxt.speaker:
            continue
        overlapping = (
            prev.end is not None and nxt.start is not None and nxt.start < prev.end - config.overlap_s
        )
        cut_off = prev.text.rstrip().endswith(_CUT_OFF)
        if overlapping or cut_off:
            found.append(nxt.index)
    return found


def dynamics_metrics(transcript: Transcript, d: Dynamics) -> dict[Role, dict[str, int | float | None]]:
    """Return per-role counts for the JSON contract's ``metrics``."""
    role = {u.index: u.role for u in transcript}
    out: dict[Role, dict[str, int | float | None]] = {}

    def count(indices: tuple[int, ...], r: Role) -> int:
        return sum(1 for i in indices if role[i] is r)

    shifts = tuple(s.index for s in d.topic_shifts)
    for r in {Role.COACH, Role.CLIENT, *role.values()}:
        followed = sum(1 for s in d.topic_shifts if s.followed_by is not None and role[s.followed_by] is r)
        coordination = d.coordination.get(r)
        out[r] = {
            "questions_open": count(d.open_questions, r),
            "questions_closed": count(d.closed_questions, r),
            "questions_self_answered": count(d.self_answered, r),
            "interruptions": count(d.interruptions, r),
            "silences_broken": (
                sum(1 for s in d.silences if role[s.broken_by] is r) if transcript.has_timestamps else None
            ),
            "agenda_set": int(d.agenda is not None and role[d.agenda.index] is r),
            "topic_changes": count(shifts, r),
            "topic_changes_followed": followed,
            "answers_given": count(d.solutions, r),
            "answers_requested": count(d.requests, r),
            "deferring_turns": len({i for i in (*d.deferring, *d.agreeing) if role[i] is r}),
            "style_coordination": coordination.value if coordination is not None else None,
        }
    return out


def dynamics_findings(
    transcript: Transcript, d: Dynamics, config: DynamicsConfig = DEFAULT_DYNAMICS
) -> list[Finding]:
    """Return tentative findings about self-answered questions, silences and interruptions."""
    findings = []
    for role in (Role.COACH, Role.CLIENT):
        who = "You" if role is Role.COACH else "The client"
        other = "the client" if role is Role.COACH else "you"
        patterns = (
            (
                "dynamics.self_answered_questions",
                d.self_answered,
                f"{who} may have answered {{n}} of {_their(role)} own questions in the same breath; "
                f"consider leaving the question open for {other} to answer.",
            ),
            (
                "dynamics.interruptions",
                d.interruptions,
                f"{who} may have cut in on the other speaker {{n}} times; "
                f"frequent interrupting can signal who holds the higher status in the room.",
            ),
        )
        for kind, indices, message in patterns:
            mine = tuple(i for i in indices if transcript[i].role is role)
            if len(mine) >= config.min_for_finding:
                severity = Severity.NOTICE if role is Role.COACH else Severity.INFO
                findings.append(Finding(kind, severity, message.format(n=len(mine)), mine))
    if len(d.silences) >= config.min_for_finding:
        by_coach = [s.broken_by for s in d.silences if transcript[s.broken_by].role is Role.COACH]
        share = len(by_coach) / len(d.silences)
        if share >= 0.75 or share <= 0.25:
            breaker = "you" if share >= 0.75 else "the client"
            count = len(by_coach) if share >= 0.75 else len(d.silences) - len(by_coach)
            findings.append(
                Finding(
                    kind="dynamics.silence_breaking",
                    severity=Severity.INFO,
                    message=(
                        f"After {len(d.silences)} silences of {config.silence_s:g} s or more, "
                        f"{breaker} spoke first {count} times; "
                        + (
                            "consider whether the client had room to fill them."
                            if share >= 0.75
                            else "the client may be the one leading when the conversation stalls."
                        )
                    ),
                    evidence=tuple(s.broken_by for s in d.silences),
                )
            )
    return findings


def _their(role: Role) -> str:
    return "your" if role is Role.COACH else "their"
