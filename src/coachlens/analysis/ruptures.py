"""Ruptures in the working alliance, and the coach's moves that may repair them.

DOMAIN.md ("The working alliance"): alliances rupture; a rupture shows as *withdrawal* (short
answers, changing the subject, over-compliance) or *confrontation* (complaints about the coach,
the process or its value). Repaired ruptures strengthen the alliance; unrepaired ones end
contracts early. A coach who sees false alarms stops reading, so this analyzer asks for clear
signals before it reports anything.

Signals (client turns), each a *marker*:

- ``minimal_run``: a short answer that gives nothing ("Maybe.", "Yes.", "Not much.") in reply to a
  coach question or reflection;
- ``over_compliance``: giving way rather than agreeing ("if you say so", "you're probably right"), or
  a bare "Sure." / "Maybe." straight after coach advice or a suggestion question;
- ``topic_switch``: a client topic change (`analysis.topics`) that opens by closing the subject
  ("Anyway.", "It's fine.", "Can we talk about...") in reply to a coach turn that probed or advised;
- ``complaint``: a complaint about the coach, the process or its value (`lexicons.ruptures.COMPLAINT`),
  not negated and not reported from someone else.

A *withdrawal* is a run of at least `RuptureConfig.min_run` (3) consecutive client turns that are
minimal or over-compliant, or a run of 2 followed within two client turns by a topic switch; it
goes on through the terse answers that follow (at most half the client's median turn, one longer
turn allowed between two), until two longer turns in a row, a complaint or a repair move. A
*confrontation* is a client turn with a complaint (complaints two client turns apart are one).

Scattered withdrawal. Every client turn is also read for a weaker *signal* (`SIGNALS`, kept in
`Ruptures.signals` whether or not reported): its marker, else a deflecting opener ("Yeah. Anyway."),
a short reply (at most a fifth of the client's median turn, 3 to 8 words, or a bare agreement),
resignation ("it is what it is", "that's his call, not mine"), a hedged acceptance ("I'll try",
"I'll get to it") or a justification that puts the action off ("it'll be easier once...", "the
go-live has to come first", "I've got a lot on"). One signal says little; two patterns make them a
withdrawal:

- *on a thread*: a person or named thing (a word written with a capital inside a sentence) that the
  coach brings up at least twice, 12 or more utterances apart. The thread's episodes run from each
  mention until 8 utterances pass without one or the topic shifts. The client's signals on them must
  be at least 4, close the subject (resignation, or a change of subject or deflection that does not
  name the thread) in at least 2 episodes, and be unlikely at the client's own rate elsewhere
  (binomial tail <= 0.01). Evidence: the signal turns on the thread.
- *after a retracted disagreement*: the client pushes back on the coach's advice ("I'm not sure
  that's...", "isn't that a bit...") and takes it back in the next turn, short and not a question,
  with two of: a concession ("you're probably right"), an apology, the coach having cut in on the
  disagreement ("No, you're probably right. Sorry."); and at least 3 later answers go along (open
  with agreement, or hedge). Evidence: the pushback, the coach's reply, the retraction, a coach topic
  change straight after it, then the answers that went along. The first such onset counts.

Repair moves (coach turns): ``acknowledge`` (owning the strain, an apology that owns something),
``invite_feedback``, ``offer_change``, ``here_and_now`` (talk about the relationship, including the
response mix's ``relational`` act). A rupture is paired with the first repair move within
`RuptureConfig.repair_window` (6) utterances after it; a withdrawal that went unaddressed and then
escalated into a confrontation, with no repair move between them, shares the confrontation's repair.

Blind spots: silences and missed sessions are not read here; sarcasm is caught only in a few
stock phrases; a defensive justification in the client's own words, with none of the stock
phrases of putting off, gives no signal; a thread must be named (an unnamed topic such as
"the restructure", or a transcript that writes names in lower case, gives no thread); "I'm sorry"
as sympathy is excluded by the word after it.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

from coachlens.analysis.findings import Finding, Severity
from coachlens.analysis.lexicons import acts as acts_lex
from coachlens.analysis.lexicons import ruptures as lex
from coachlens.analysis.response_mix import ResponseMix
from coachlens.analysis.topics import TopicShift, content_words
from coachlens.transcript import Role, Transcript, Utterance
from coachlens.transcript.tokens import PhraseSet, sentences, words

MARKERS = ("minimal_run", "over_compliance", "topic_switch", "complaint")
# Low-intensity withdrawal signals read per client turn (`Ruptures.signals`): the markers above
# (complaints aside), and the weaker ones that count only in a scattered withdrawal.
SIGNALS = (
    "minimal_run",
    "over_compliance",
    "topic_switch",
    "short_reply",
    "deflection",
    "resignation",
    "hedge",
    "justification",
    "retraction",
)
REPAIR_MOVES = ("acknowledge", "invite_feedback", "offer_change", "here_and_now")

# Coach acts after which a short client answer reads as holding back: the coach asked or reflected.
_PROBES = frozenset(
    {"question_open", "question_closed", "reflection_feeling", "reflection_content", "relational"}
)
# Coach acts after which a bare "Sure." reads as giving way: the coach advised or reassured.
_ADVISING = frozenset({"advice", "suggestion_question", "reassurance"})
_DISSENT = frozenset({"no", "nope", "not", "don't"})


@dataclass(frozen=True, slots=True)
class RuptureConfig:
    """Thresholds of the rupture analyzer."""

    min_run: int = 3  # consecutive minimal or over-compliant client turns that make a withdrawal
    min_run_with_switch: int = 2  # ... or this many, followed by a topic switch
    switch_within: int = 2  # client turns after the run within which the switch must come
    minimal_words: int = 3  # a client answer this short (and not a question) gives nothing
    short_share: float = 0.2  # ... or this share of the client's median turn, for a short-reply signal
    short_cap: int = 8  # ... but never longer than this
    merge_within: int = 2  # complaint turns this many client turns apart are one confrontation
    repair_window: int = 6  # utterances after a rupture within which a repair move pairs with it
    escalation_window: int = 60  # utterances within which a withdrawal can escalate to a confrontation
    # Scattered withdrawal on one thread (see the module doc).
    thread_min_returns: int = 2  # the coach brings the thread up at least this many separate times
    thread_return_gap: int = 12  # utterances between two coach mentions that make a separate return
    thread_reach: int = 8  # utterances a thread runs on after its last mention, unless the topic shifts
    thread_min_signals: int = 4  # withdrawal signals on the thread
    thread_min_closing: int = 2  # episodes of it that the client closes (change of subject, resignation)
    thread_p: float = 0.01  # chance of so many signals on it at the client's rate elsewhere
    # A withdrawal run goes on through the client's terse answers that follow it.
    terse_share: float = 0.5  # a client turn at most this share of their median length is terse
    terse_gap: int = 1  # longer client turns allowed between two terse ones
    # Withdrawal after a retracted disagreement.
    retraction_words: int = 12  # a retraction is a short turn
    after_retraction_min: int = 3  # compliant answers after it that make it a withdrawal


DEFAULT_RUPTURE = RuptureConfig()


@dataclass(frozen=True, slots=True)
class Rupture:
    """A withdrawal or confrontation by the client, ``id`` its position in `Ruptures.ruptures`."""

    id: int
    kind: str  # "withdrawal" | "confrontation"
    evidence: tuple[int, ...]  # client turns (and the coach turn that set off a topic switch)
    markers: tuple[str, ...]  # the markers seen, in order of first appearance

    @property
    def marker(self) -> str:
        """Return the first marker that made this rupture."""
        return self.markers[0]

    @property
    def start(self) -> int:
        """Return the first utterance of the rupture."""
        return self.evidence[0]

    @property
    def end(self) -> int:
        """Return the last utterance of the rupture."""
        return self.evidence[-1]


@dataclass(frozen=True, slots=True)
class Repair:
    """A coach turn with a repair move."""

    index: int
    move: str  # one of REPAIR_MOVES


@dataclass(frozen=True, slots=True)
class Ruptures:
    """The ruptures of a session, the coach's repair moves, and which repair met which rupture."""

    ruptures: tuple[Rupture, ...] = ()
    repairs: tuple[Repair, ...] = ()
    repaired_by: Mapping[int, int | None] = field(default_factory=lambda: MappingProxyType({}))
    markers: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))  # client turn -> marker
    # client turn -> low-intensity withdrawal signal (SIGNALS); recorded whether or not reported
    signals: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))


@cache
def _phrases() -> dict[str, PhraseSet]:
    return {
        "client": PhraseSet({"complaint": lex.COMPLAINT, "over_compliance": lex.OVER_COMPLIANCE}),
        "repair": PhraseSet(lex.REPAIR),
        "deflection": PhraseSet({"x": lex.DEFLECTION_OPENERS}),
        "signal": PhraseSet(
            {"resignation": lex.RESIGNATION, "hedge": lex.HEDGES, "justification": lex.JUSTIFICATION}
        ),
        "pushback": PhraseSet({"x": lex.PUSHBACK}),
        "retraction": PhraseSet({"x": lex.RETRACTION}),
    }


def detect_marker(text: str, role: Role) -> str | None:
    """Return the rupture marker a phrase in ``text`` carries for a speaker in ``role``.

    Client: "complaint" or "over_compliance" (negated or reported phrases do not count).
    Coach: "repair" for any repair move. None when nothing is found.
    """
    if role is Role.COACH:
        return "repair" if repair_move(text) is not None else None
    found: str | None = None
    for sentence in sentences(text) or [text]:
        toks = words(sentence)
        for i, label in _phrases()["client"].matches(toks):
            if _reported(toks, i):
                continue
            if label == "complaint" and _negated(toks, i):
                continue
            if label == "complaint":
                return label
            found = found or label
    return found


def repair_move(text: str) -> str | None:
    """Return the first repair move a coach turn makes, or None."""
    found = _phrases()["repair"].matches(words(text))
    if found:
        return found[0][1]
    for sentence in sentences(text) or [text]:
        if _owning_apology(words(sentence)):
            return "acknowledge"
    return None


def _owning_apology(toks: Sequence[str]) -> bool:
    for head in lex.APOLOGY_HEADS:
        n = len(head)
        if list(toks[:n]) != head and not (
            len(toks) > n and toks[0] in {"and", "so", "look"} and list(toks[1 : n + 1]) == head
        ):
            continue
        start = n if list(toks[:n]) == head else n + 1
        rest = toks[start:]
        if not rest:
            return True  # "I'm sorry." on its own
        return rest[0] in lex.APOLOGY_OWNING_NEXT
    return False


def _negated(toks: Sequence[str], i: int) -> bool:
    return any(t in lex.NEGATORS or t.endswith("n't") for t in toks[max(0, i - 3) : i])


def _reported(toks: Sequence[str], i: int) -> bool:
    """True when the phrase at ``i`` follows a verb of reporting whose subject is someone else."""
    for k in range(i - 1, -1, -1):
        if toks[k] in lex.REPORTING_VERBS:
            subject = toks[k - 1] if k > 0 else ""
            if toks[k] == "like" and subject in _SEEMING:
                return False  # "I feel like you're not hearing me" is the speaker's own view
            return subject not in lex.SPEAKER_SUBJECTS
    return False


def _is_minimal(text: str, acts: Sequence[str], config: RuptureConfig) -> bool:
    if "minimal_response" in acts:
        return True
    if "question" in acts or "emotion_expression" in acts or "commitment" in acts:
        return False
    toks = words(text)
    return 0 < len(toks) <= config.minimal_words


def _gives_way(text: str) -> bool:
    toks = words(text)
    allowed = acts_lex.MINIMAL | lex.MINIMAL_EXTRA
    return 0 < len(toks) <= 5 and all(t in allowed for t in toks) and not _DISSENT & set(toks)


def _deflects(text: str, *, past_acknowledgement: bool = False) -> bool:
    """True when a turn opens by closing the subject ("Anyway.", "It's fine."); the marker reads the
    first sentence, the weaker signal also reads past an acknowledgement ("Yeah. Anyway.")."""
    head = words(text if past_acknowledgement else next(iter(sentences(text)), text))[:6]
    start = 1 if head and head[0] in {"yeah", "no", "okay", "ok", "well", "right", "so", "look"} else 0
    return any(_phrases()["deflection"].match_at(head, k) is not None for k in range(0, start + 1))


def analyze_ruptures(
    transcript: Transcript,
    mix: ResponseMix,
    shifts: Sequence[TopicShift],
    config: RuptureConfig = DEFAULT_RUPTURE,
) -> Ruptures:
    """Return the session's ruptures, repair moves and their pairing.

    ``mix`` gives each turn's acts (`analysis.response_mix`); ``shifts`` are the topic shifts of
    `analysis.dynamics` (`Dynamics.topic_shifts`). Thresholds and blind spots: see the module doc.
    """
    utts = transcript.utterances
    coach_before: dict[int, int | None] = {}
    last: int | None = None
    for u in utts:
        if u.role is Role.CLIENT:
            coach_before[u.index] = last
        elif u.role is Role.COACH:
            last = u.index
    switches = {s.index for s in shifts if s.index in coach_before}

    markers: dict[int, str] = {}
    for i, prev in coach_before.items():
        text = utts[i].text
        acts = mix.client_acts.get(i, ())
        prev_acts = set(mix.acts_of(prev)) if prev is not None else set()
        phrase = detect_marker(text, Role.CLIENT)
        if phrase == "complaint":
            markers[i] = "complaint"
        elif _complies(phrase, text, prev_acts):
            markers[i] = "over_compliance"
        elif prev_acts & _PROBES and _is_minimal(text, acts, config):
            markers[i] = "minimal_run"
        elif (
            i in switches
            and _deflects(text)
            and (prev_acts & (_PROBES | _ADVISING) or _after_marker(i, markers))
        ):
            markers[i] = "topic_switch"

    lengths_at = {i: len(words(utts[i].text)) for i in coach_before}
    typical = statistics.median(lengths_at.values()) if lengths_at else 0.0
    short = max(config.minimal_words, min(config.short_cap, round(config.short_share * typical)))
    signals = {
        i: sig
        for i in coach_before
        if (sig := _signal(utts[i].text, mix.client_acts.get(i, ()), markers.get(i), short)) is not None
    }
    client_order = list(coach_before)
    repairs = tuple(
        Repair(u.index, move)
        for u in utts
        if u.role is Role.COACH
        and (
            move := repair_move(u.text) or ("here_and_now" if "relational" in mix.acts_of(u.index) else None)
        )
        is not None
    )
    found: list[tuple[str, tuple[int, ...], tuple[str, ...]]] = []
    terse = config.terse_share * typical
    repair_at = {r.index for r in repairs}
    for kind, evidence, kinds in _withdrawals(client_order, markers, coach_before, config):
        more = _terse_after(evidence[-1], client_order, lengths_at, markers, repair_at, terse, config)
        found.append((kind, (*evidence, *more), (*kinds, "terse") if more else kinds))
    found += _confrontations(client_order, markers, config)
    shift_at = {s.index for s in shifts}
    for scattered in (
        _retracted_disagreements(transcript, mix, coach_before, signals, shift_at, config),
        _thread_withdrawals(transcript, signals, shift_at, config),
    ):
        if scattered is not None and not any(set(scattered[1]) & set(f[1]) for f in found):
            found.append(scattered)
    found.sort(key=lambda f: f[1][0])
    ruptures = tuple(Rupture(n, kind, ev, mk) for n, (kind, ev, mk) in enumerate(found))
    return Ruptures(
        ruptures,
        repairs,
        MappingProxyType(_pair(ruptures, repairs, config)),
        MappingProxyType(markers),
        MappingProxyType(signals),
    )


def _complies(phrase: str | None, text: str, prev_acts: set[str]) -> bool:
    """True for giving way after the coach advised or asked: a phrase, or a bare "Sure." after advice."""
    if phrase == "over_compliance":
        return bool(prev_acts & (_ADVISING | _PROBES))
    return bool(prev_acts & _ADVISING) and _gives_way(text)


def _after_marker(index: int, markers: Mapping[int, str]) -> bool:
    """True when the client's previous turn was already a withdrawal marker."""
    earlier = [i for i in markers if i < index]
    return bool(earlier) and earlier[-1] >= index - 2 and markers[earlier[-1]] != "complaint"


def _withdrawals(
    order: Sequence[int],
    markers: Mapping[int, str],
    coach_before: Mapping[int, int | None],
    config: RuptureConfig,
) -> list[tuple[str, tuple[int, ...], tuple[str, ...]]]:
    out: list[tuple[str, tuple[int, ...], tuple[str, ...]]] = []
    k = 0
    while k < len(order):
        run: list[int] = []
        while k < len(order) and markers.get(order[k]) in {"minimal_run", "over_compliance"}:
            run.append(order[k])
            k += 1
        if not run:
            k += 1
            continue
        switch = next(
            (
                order[j]
                for j in range(k, min(k + config.switch_within, len(order)))
                if markers.get(order[j]) == "topic_switch"
            ),
            None,
        )
        if len(run) >= config.min_run or (switch is not None and len(run) >= config.min_run_with_switch):
            evidence = [*run]
            if switch is not None:
                evidence.append(switch)
                k = order.index(switch) + 1
            kinds = tuple(dict.fromkeys(markers[i] for i in evidence))
            out.append(("withdrawal", tuple(evidence), kinds))
    return out


def _terse_after(
    last: int,
    order: Sequence[int],
    lengths: Mapping[int, int],
    markers: Mapping[int, str],
    repair_at: set[int],
    limit: float,
    config: RuptureConfig,
) -> list[int]:
    """The client's terse answers (at most ``limit`` words) that carry a withdrawal on after its
    last turn ``last``, with up to ``terse_gap`` longer turns between two of them. The stretch ends
    at more longer turns in a row, at a complaint (a confrontation of its own) or at a coach repair
    move."""
    out: list[int] = []
    longer, previous = 0, last
    for i in order[order.index(last) + 1 :]:
        if markers.get(i) == "complaint" or any(previous < r < i for r in repair_at):
            break
        previous = i
        if lengths[i] <= limit:
            out.append(i)
            longer = 0
        else:
            longer += 1
            if longer > config.terse_gap:
                break
    return out


def _confrontations(
    order: Sequence[int], markers: Mapping[int, str], config: RuptureConfig
) -> list[tuple[str, tuple[int, ...], tuple[str, ...]]]:
    out: list[tuple[str, tuple[int, ...], tuple[str, ...]]] = []
    complaints = [n for n, i in enumerate(order) if markers.get(i) == "complaint"]
    group: list[int] = []
    for n in complaints:
        if group and n - group[-1] > config.merge_within:
            out.append(("confrontation", tuple(order[g] for g in group), ("complaint",)))
            group = []
        group.append(n)
    if group:
        out.append(("confrontation", tuple(order[g] for g in group), ("complaint",)))
    return out


_SEEMING = frozenset({"feel", "feels", "felt", "feeling", "seems", "seemed", "sounds", "looks"})
_COMPLIANT = frozenset({"minimal_run", "over_compliance", "short_reply", "hedge"})
_AGREE_OPENERS = frozenset({"yeah", "yes", "yep", "right", "okay", "ok", "sure", "mm", "mhm", "fine", "fair"})
_THANKS = frozenset({"thanks", "thank", "cheers", "perfect", "great", "lovely", "brilliant"})
_CLOSING = frozenset({"topic_switch", "deflection", "resignation"})
_AGREEING = frozenset({"i", "it", "it's", "that's", "is", "true", "see", "fair", "yes", "yep"})


def _signal(text: str, acts: Sequence[str], marker: str | None, short: int) -> str | None:
    """Return the low-intensity withdrawal signal of one client turn, or None.

    The turn's marker if it has one (complaints aside); else a deflecting opener, a short reply (at
    most ``short`` words, short for this client, or a bare agreement of up to five), resignation
    ("it is what it is", "not my call"), a hedged acceptance ("I'll try", "I'll get to it") or a
    justification that puts the action off ("has to come first").
    """
    if marker is not None:
        return None if marker == "complaint" else marker
    if _deflects(text, past_acknowledgement=True):
        return "deflection"
    toks = words(text)
    if not toks or "question" in acts:
        return None
    bare = "emotion_expression" not in acts and "commitment" not in acts and not _THANKS & set(toks)
    allowed = acts_lex.MINIMAL | lex.MINIMAL_EXTRA | _AGREEING
    if bare and (len(toks) <= short or (len(toks) <= 5 and all(t in allowed for t in toks))):
        return "short_reply"
    for sentence in sentences(text) or [text]:
        stoks = words(sentence)
        for k, label in _phrases()["signal"].matches(stoks):
            if not _reported(stoks, k):
                return label
    return None


def _cut_in(turn: Utterance, following: Utterance) -> bool:
    """True when the next speaker cut in: the turn breaks off ("--") or the next one starts early."""
    early = turn.end is not None and following.start is not None and following.start < turn.end - 0.2
    return early or turn.text.rstrip().endswith(("--", "—", "–"))


def _complying(text: str) -> bool:
    """True for a turn that goes along: it opens with agreement ("Okay.", "Right.") or hedges."""
    toks = words(text)
    return bool(toks) and (toks[0] in _AGREE_OPENERS or _phrases()["signal"].match_at(toks, 0) == "hedge")


def _has(phrases: str, text: str) -> bool:
    return _phrases()[phrases].any_match(words(text))


def _retracted_disagreements(
    transcript: Transcript,
    mix: ResponseMix,
    coach_before: Mapping[int, int | None],
    signals: Mapping[int, str],
    shift_at: set[int],
    config: RuptureConfig,
) -> tuple[str, tuple[int, ...], tuple[str, ...]] | None:
    """The first disagreement with the coach's advice that the client takes back, when compliant
    answers follow it: pushback, (the coach's reply), retraction, then short agreeing answers and
    hedged acceptances for the rest of the session."""
    utts = transcript.utterances
    order = list(coach_before)
    for n, push in enumerate(order[:-1]):
        prev = coach_before[push]
        if prev is None or not set(mix.acts_of(prev)) & _ADVISING or not _has("pushback", utts[push].text):
            continue
        back = order[n + 1]
        text = utts[back].text
        concedes = detect_marker(text, Role.CLIENT) == "over_compliance" or _has("retraction", text)
        apologises = bool({"sorry", "apologies"} & set(words(text)))
        if (
            concedes + apologises + _cut_in(utts[push], utts[push + 1]) < 2
            or "?" in text
            or len(words(text)) > config.retraction_words
            or _has("pushback", text)
        ):
            continue
        after = [i for i in order[n + 2 :] if signals.get(i) in _COMPLIANT and _complying(utts[i].text)]
        if len(after) < config.after_retraction_min:
            continue
        coach = [u.index for u in utts[push + 1 : back] if u.role is Role.COACH]
        moved_on = [back + 1] if back + 1 in shift_at and back + 1 < len(utts) else []
        onset = (push, *coach, back, *moved_on)
        kinds = ("retraction", *dict.fromkeys(signals[i] for i in after))
        return ("withdrawal", (*onset, *after), kinds)
    return None


def _thread_withdrawals(
    transcript: Transcript, signals: Mapping[int, str], shift_at: set[int], config: RuptureConfig
) -> tuple[str, tuple[int, ...], tuple[str, ...]] | None:
    """The thread (a person or named thing the coach keeps coming back to) on which the client's
    withdrawal signals gather, far beyond the client's own rate elsewhere; None when none does."""
    utts = transcript.utterances
    bags = [set(content_words(u.text)) for u in utts]
    client = [u.index for u in utts if u.role is Role.CLIENT]
    named = _names(transcript)
    coach_mentions: dict[str, list[int]] = {}
    for u in utts:
        if u.role is Role.COACH:
            for w in bags[u.index] & named:
                coach_mentions.setdefault(w, []).append(u.index)
    best: tuple[float, str, list[int]] | None = None
    for w in sorted(coach_mentions):
        idx = coach_mentions[w]
        returns = 1 + sum(1 for a, b in itertools.pairwise(idx) if b - a >= config.thread_return_gap)
        if returns < config.thread_min_returns:
            continue
        episodes = _episodes([i for i, bag in enumerate(bags) if w in bag], shift_at, len(utts), config)
        episode_of = {i: n for n, (s, e) in enumerate(episodes) for i in range(s, e + 1)}
        on = [i for i in client if i in episode_of]
        on_signals = [i for i in on if i in signals]
        # A change of subject that names the thread moves towards it, not away ("Anyway, about Jim").
        closing = {episode_of[i] for i in on_signals if _closes(signals[i], w in bags[i])}
        off = len(client) - len(on)
        if len(on_signals) < config.thread_min_signals or len(closing) < config.thread_min_closing or not off:
            continue
        p = _binomial_tail(len(on_signals), len(on), sum(1 for i in signals if i not in episode_of) / off)
        if p <= config.thread_p and (best is None or p < best[0]):
            best = (p, w, on_signals)
    if best is None:
        return None
    evidence = tuple(best[2])
    return ("withdrawal", evidence, (f"thread:{best[1]}", *dict.fromkeys(signals[i] for i in evidence)))


def _closes(signal: str, names_thread: bool) -> bool:
    return signal == "resignation" or (signal in _CLOSING and not names_thread)


def _names(transcript: Transcript) -> set[str]:
    """Words written with a capital inside a sentence (names of people, teams, projects)."""
    found: set[str] = set()
    for u in transcript.utterances:
        for sentence in sentences(u.text):
            for token in sentence.split()[1:]:
                word = token.strip(".,;:!?\"'()‘’“”-")
                if (
                    word[:1].isupper()
                    and word[1:].islower()
                    and word not in {"I", "I'm", "I'll", "I've", "I'd"}
                ):
                    found.update(content_words(word))
    return found


def _binomial_tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p): how likely ``k`` signals in ``n`` turns are by chance."""
    return sum(math.comb(n, j) * p**j * (1 - p) ** (n - j) for j in range(k, n + 1))


def _episodes(
    mentions: Sequence[int], shift_at: set[int], n: int, config: RuptureConfig
) -> list[tuple[int, int]]:
    """Spans of talk on a thread: from a mention on, until ``thread_reach`` utterances pass without
    one or the topic shifts (the shifting turn, the move away, still belongs to the thread)."""
    spans: list[tuple[int, int]] = []
    for m in mentions:
        start = spans.pop()[0] if spans and m <= spans[-1][1] else m
        end = min(m + config.thread_reach, n - 1)
        cut = next((k for k in range(m + 1, end + 1) if k in shift_at), None)
        spans.append((start, cut if cut is not None else end))
    return spans


def _pair(
    ruptures: Sequence[Rupture], repairs: Sequence[Repair], config: RuptureConfig
) -> dict[int, int | None]:
    paired: dict[int, int | None] = {}
    for r in ruptures:
        paired[r.id] = next(
            (p.index for p in repairs if r.end < p.index <= r.end + config.repair_window), None
        )
    # An unaddressed withdrawal that escalates into a confrontation is one strain: the repair of
    # the confrontation meets both (examples/README.md, nwosu_session3: 47-53 then 89-91, repaired from 92).
    for r in ruptures:
        if paired[r.id] is not None or r.kind != "withdrawal":
            continue
        later = next(
            (
                c
                for c in ruptures
                if c.kind == "confrontation" and r.end < c.start <= r.end + config.escalation_window
            ),
            None,
        )
        if later is None or paired[later.id] is None:
            continue
        if not any(r.end < p.index < later.start for p in repairs):
            paired[r.id] = paired[later.id]
    return paired


_MOVE_WORDS = {
    "acknowledge": "owning your part in it",
    "invite_feedback": "inviting feedback on how the work is going",
    "offer_change": "offering to work differently",
    "here_and_now": "talking about what is happening between you",
}
_MARKER_WORDS = {
    "minimal_run": "short answers to your questions",
    "over_compliance": "agreement that may be giving way rather than agreeing",
    "topic_switch": "a change of subject",
    "complaint": "a complaint about the coaching",
    "short_reply": "short answers",
    "deflection": "closing the subject",
    "resignation": "resignation",
    "hedge": "hedged agreement",
    "retraction": "a disagreement taken back",
    "terse": "answers that stayed terse after it",
}


def rupture_findings(transcript: Transcript, result: Ruptures) -> list[Finding]:
    """Return the rupture, repair and unaddressed-rupture findings, each with its evidence."""
    findings: list[Finding] = []
    moves = {p.index: p.move for p in result.repairs}
    for r in result.ruptures:
        signs = ", ".join(_MARKER_WORDS[m] for m in r.markers if m in _MARKER_WORDS)
        span = _span(r.evidence)
        if r.kind == "withdrawal":
            findings.append(
                Finding(
                    kind="rupture.withdrawal",
                    severity=Severity.NOTICE,
                    message=_withdrawal_message(r, span),
                    evidence=r.evidence,
                )
            )
        else:
            findings.append(
                Finding(
                    kind="rupture.confrontation",
                    severity=Severity.CONCERN,
                    message=(
                        f"At {span} the client may be voicing a strain in your work together ({signs}). "
                        "Consider acknowledging it and asking what would be more useful."
                    ),
                    evidence=r.evidence,
                )
            )
        repair = result.repaired_by.get(r.id)
        if repair is None:
            findings.append(
                Finding(
                    kind="rupture.unaddressed",
                    severity=Severity.NOTICE,
                    message=(
                        f"The strain at {span} may have gone unaddressed: no repair move followed. "
                        "Consider naming it, next session if not now."
                    ),
                    evidence=r.evidence,
                )
            )
    for repair in sorted({i for i in result.repaired_by.values() if i is not None}):
        met = [r for r in result.ruptures if result.repaired_by.get(r.id) == repair]
        findings.append(
            Finding(
                kind="rupture.repair",
                severity=Severity.INFO,
                message=(
                    f"At {repair} you may have repaired the strain by {_MOVE_WORDS[moves[repair]]}, "
                    f"after {_span(tuple(i for r in met for i in r.evidence))}."
                ),
                evidence=(repair, *sorted({i for r in met for i in r.evidence})),
            )
        )
    return findings


def _withdrawal_message(r: Rupture, span: str) -> str:
    scattered = ("short_reply" if m == "minimal_run" else m for m in r.markers[1:])
    signs = ", ".join(dict.fromkeys(_MARKER_WORDS[m] for m in scattered if m in _MARKER_WORDS))
    if r.marker.startswith("thread:"):
        thread = r.marker.removeprefix("thread:").capitalize()
        return (
            f"Each time the talk came back to {thread} ({span}), the client may have withdrawn ({signs}), "
            "far more than elsewhere in the session. Consider whether this thread feels pressured, and "
            "naming what you notice, gently, rather than leaving it or pushing on."
        )
    if r.marker == "retraction":
        return (
            f"At {r.evidence[0]} the client disagreed and then took it back; from there ({span}) they may "
            f"have withdrawn into going along ({signs}). Consider inviting the disagreement back."
        )
    signs = ", ".join(dict.fromkeys(_MARKER_WORDS[m] for m in r.markers))
    return (
        f"At {span} the client may have withdrawn ({signs}). "
        "Consider whether something in the exchange just before felt unseen or pressured."
    )


def _span(evidence: Sequence[int]) -> str:
    return f"utterance {evidence[0]}" if len(evidence) == 1 else f"utterances {evidence[0]}-{evidence[-1]}"


def rupture_metrics(result: Ruptures) -> dict[Role, dict[str, int | float | None]]:
    """Return the client's withdrawal and confrontation markers and the coach's repair moves."""
    withdrawal = sum(1 for m in result.markers.values() if m != "complaint")
    return {
        Role.CLIENT: {
            "withdrawal_markers": withdrawal,
            "confrontation_markers": len(result.markers) - withdrawal,
        },
        Role.COACH: {"repair_moves": len(result.repairs)},
    }
