"""A 0-1 deference reading for the coach and for the client, and the findings that explain it.

DOMAIN.md, "Status and deference": the higher-status party sets the agenda, changes the topic,
speaks first after a silence, interrupts and provides answers; the lower-status party follows,
waits, asks for answers and accommodates to the other's style. For a party P facing the other
party O, each marker is a share between 0 (P holds the status) and 1 (P defers), 0.5 when neither
did it:

===============  ======  ==============================================================
marker           weight  share
===============  ======  ==============================================================
agenda           0.10    1 if O set the agenda, 0 if P did
topics           0.20    topic changes O initiated / all topic changes
interruptions    0.15    O's interruptions / all interruptions
silences         0.10    silences O broke / all silences (timestamps only)
answers          0.20    (O's solutions and self-answered questions + P's requests for
                         answers) / (both parties' solutions, self-answers and requests)
language         0.20    P's rate of deferring turns (apologies, permission, giving way,
                         bare agreement) / (P's rate + O's rate), rates per turn
coordination     0.05    0.5 + 5 x (P's style coordination toward O - O's toward P),
                         clipped to 0-1
===============  ======  ==============================================================

The reading is the weighted mean of the markers that could be measured (weights renormalised),
rounded to two decimals. A marker with too little evidence (fewer than two instances in all)
reads 0.5 rather than swinging to 0 or 1. Readings of 0.7 or more produce a finding with the
utterances behind each marker. Blind spots: a coach who follows the client's topics on purpose
(client-led work) scores higher on topics without deferring, so the finding is worded as a
question; politeness formulas ("sorry to interrupt") count as deferring.
"""

from __future__ import annotations

from dataclasses import dataclass

from coachlens.analysis.dynamics import Dynamics
from coachlens.analysis.findings import Finding, Severity
from coachlens.transcript import Role, Transcript

WEIGHTS = {
    "agenda": 0.10,
    "topics": 0.20,
    "interruptions": 0.15,
    "silences": 0.10,
    "answers": 0.20,
    "language": 0.20,
    "coordination": 0.05,
}
FINDING_THRESHOLD = 0.7
MIN_INSTANCES = 2


@dataclass(frozen=True, slots=True)
class Deference:
    """One party's reading, the share each marker contributed, and the utterances behind them."""

    role: Role
    reading: float
    markers: dict[str, float]
    evidence: dict[str, tuple[int, ...]]


def _share(mine: int, theirs: int) -> float:
    """Return theirs / (mine + theirs), or 0.5 with too little to go on."""
    total = mine + theirs
    return theirs / total if total >= MIN_INSTANCES else 0.5


def analyze_deference(transcript: Transcript, d: Dynamics) -> dict[Role, Deference]:
    """Return the deference reading of the coach and of the client."""
    roles = {u.index: u.role for u in transcript}
    turns = {r: sum(1 for u in transcript if u.role is r) for r in (Role.COACH, Role.CLIENT)}

    def of(indices: tuple[int, ...] | list[int], role: Role) -> tuple[int, ...]:
        return tuple(i for i in indices if roles[i] is role)

    shifts = [s.index for s in d.topic_shifts]
    silences = [s.broken_by for s in d.silences]
    out = {}
    for me, other in ((Role.COACH, Role.CLIENT), (Role.CLIENT, Role.COACH)):
        markers: dict[str, float] = {}
        evidence: dict[str, tuple[int, ...]] = {}
        if d.agenda is not None and roles[d.agenda.index] in (me, other):
            markers["agenda"] = 1.0 if roles[d.agenda.index] is other else 0.0
            evidence["agenda"] = (d.agenda.index,)
        markers["topics"] = _share(len(of(shifts, me)), len(of(shifts, other)))
        evidence["topics"] = of(shifts, other)
        markers["interruptions"] = _share(len(of(d.interruptions, me)), len(of(d.interruptions, other)))
        evidence["interruptions"] = of(d.interruptions, other)
        if transcript.has_timestamps:
            markers["silences"] = _share(len(of(silences, me)), len(of(silences, other)))
            evidence["silences"] = of(silences, other)
        answers_other = sorted({*of(d.solutions, other), *of(d.self_answered, other), *of(d.requests, me)})
        answers_me = sorted({*of(d.solutions, me), *of(d.self_answered, me), *of(d.requests, other)})
        markers["answers"] = _share(len(answers_me), len(answers_other))
        evidence["answers"] = tuple(answers_other)
        deferring = sorted({*d.deferring, *d.agreeing})
        rate_me = len(of(deferring, me)) / max(1, turns[me])
        rate_other = len(of(deferring, other)) / max(1, turns[other])
        enough = len(deferring) >= MIN_INSTANCES and rate_me + rate_other > 0
        markers["language"] = rate_me / (rate_me + rate_other) if enough else 0.5
        evidence["language"] = of(deferring, me)
        mine, theirs = d.coordination.get(me), d.coordination.get(other)
        if mine is not None and theirs is not None and mine.value is not None and theirs.value is not None:
            markers["coordination"] = min(1.0, max(0.0, 0.5 + 5 * (mine.value - theirs.value)))
        weight = sum(WEIGHTS[m] for m in markers)
        reading = sum(WEIGHTS[m] * v for m, v in markers.items()) / weight
        out[me] = Deference(
            role=me,
            reading=round(reading, 2),
            markers={m: round(v, 2) for m, v in markers.items()},
            evidence=evidence,
        )
    return out


def deference_findings(transcript: Transcript, d: Dynamics, readings: dict[Role, Deference]) -> list[Finding]:
    """Return the agenda, topic-following and deference findings, addressed to the coach."""
    findings = []
    agenda_role = transcript[d.agenda.index].role if d.agenda is not None else None
    if d.agenda is not None and agenda_role in (Role.COACH, Role.CLIENT):
        who = "You" if agenda_role is Role.COACH else "The client"
        findings.append(
            Finding(
                "dynamics.agenda",
                Severity.INFO,
                f"{who} may have set the agenda for the session at utterance {d.agenda.index}, "
                "naming what the session would work on first.",
                (d.agenda.index,),
            )
        )
    findings += _following_findings(transcript, d, readings)
    for role in (Role.COACH, Role.CLIENT):
        r = readings[role]
        if r.reading >= FINDING_THRESHOLD:
            findings.append(_deference_finding(transcript, d, r))
    return findings


def _following_findings(
    transcript: Transcript, d: Dynamics, readings: dict[Role, Deference]
) -> list[Finding]:
    """Flag one party leading nearly every topic change with the other following; a notice when the
    follower's deference reading also passes the threshold, else information (client-led work)."""
    out = []
    shifts = d.topic_shifts
    for leader in (Role.CLIENT, Role.COACH):
        led = [s for s in shifts if transcript[s.index].role is leader]
        if len(led) < 3 or len(led) < 0.75 * len(shifts):
            continue
        followed = [s for s in led if s.followed_by is not None]
        if len(followed) < 0.8 * len(led):
            continue
        every = "every change" if len(followed) == len(led) else f"{len(followed)} of them"
        if leader is Role.CLIENT:
            message = (
                f"The client initiated {len(led)} of {len(shifts)} topic changes and you followed {every}; "
                "consider whether there was a moment to stay with a topic, or to bring your own."
            )
        else:
            message = (
                f"You initiated {len(led)} of {len(shifts)} topic changes and the client followed {every}; "
                "consider who is choosing where the session goes."
            )
        follower = Role.COACH if leader is Role.CLIENT else Role.CLIENT
        severity = Severity.NOTICE if readings[follower].reading >= FINDING_THRESHOLD else Severity.INFO
        out.append(Finding("dynamics.topic_following", severity, message, tuple(s.index for s in led)))
    return out


_MARKER_WORDS = {
    "agenda": "{other} set the agenda",
    "topics": "{other} initiated {n} topic changes",
    "interruptions": "{other} cut in {n} times",
    "silences": "{other} broke {n} silences",
    "answers": "the answers came from {other} {n} times",
    "language": "{me_subj} apologised, asked permission or simply agreed in {n} turns",
}


def _deference_finding(transcript: Transcript, d: Dynamics, r: Deference) -> Finding:
    coach = r.role is Role.COACH
    names = {"other": "the client" if coach else "you", "me_subj": "you" if coach else "they"}
    reasons = []
    evidence: set[int] = set()
    for marker, value in sorted(r.markers.items(), key=lambda kv: -kv[1]):
        cited = r.evidence.get(marker, ())
        if value > 0.5 and cited and marker in _MARKER_WORDS:
            reasons.append(_MARKER_WORDS[marker].format(n=len(cited), **names))
            evidence.update(cited)
    if not evidence:  # only style coordination pointed this way: cite the echoes
        evidence.update(d.coordination[r.role].echoes or (transcript.utterances[0].index,))
    summary = "; ".join(reasons[:4]) or "your style moved toward the client's"
    if coach:
        message = (
            f"Several markers suggest you may have deferred to the client (reading {r.reading:.2f}): "
            f"{summary}. Consider what you held back, and whether there was a moment to challenge."
        )
    else:
        message = (
            f"The client may have deferred to you (reading {r.reading:.2f}): {summary}. "
            "Consider inviting them to set the direction and to answer their own questions."
        )
    kind = "dynamics.deference_coach" if coach else "dynamics.deference_client"
    return Finding(kind, Severity.NOTICE, message, tuple(sorted(evidence)))
