"""Commitments: the actions a client (or sponsor) agrees to take, with owner, deadline and hedges.

`analyze_commitments` reads each client and sponsor turn sentence by sentence. A sentence is a
commitment when a first-person future opener ("I'll", "I'm going to", "I've decided to"; hedged:
"I might", "maybe I'll", "I think I'll") is followed, after fillers ("just", "maybe"), by an action
verb from `lexicons/commitments.ACTION_VERBS`; a subjectless "Try and stay off the WhatsApp." is a
hedged one. It is **hedged** when the opener is, when a hedge ("maybe", "try", "at some point", "if
there's a moment") stands in the clause or as a short sentence right after it ("Maybe."), or when
the action is vague ("I'll get to it", "I'll catch him"). The **deadline** is every time expression
in the clause as written ("before Friday", "tomorrow; this week"), plus a bare weekday sentence
that follows ("Wednesday.").

Not commitments: questions; negated futures ("I'm not going to"); reported or remembered ones ("I
said I'll", "thinking right, I'll do it today", quoted words and their echo); embedded ones ("I know
what I'm going to say"); speech content ("I'll say", "I'll open with"); a sentence that opens with
a condition ("If Tariq's in the room, I'll hear it second-hand"); courtesy to the coach ("I'll tell
you", "I'll let you know"); being somewhere ("I'll be there"); options and advice accepted without
an own action ("I could", "That makes sense"); a bare "I'll think about it"; and the client's
reply to a coach turn that offers the next session's date (logistics).

Context: when the coach has just asked for an action ("Is there something you want to do before we
meet again?"), an intent ("I want to ask Leo", "I'd like to", "I need to") opens a commitment too;
when the coach asks "by when?" and the reply only names a time, the time dates the speaker's latest
commitment and the reply joins its evidence. A commitment that names no action of its own ("I'll
do that", "I'll try that") takes on the other speaker's turn just before, which joins its evidence.

Blind spots: commitments without a first-person future or an elicited intent ("Leo I can grab at
the coffee thing"; "Maya I'll book fifteen minutes with" is found); operational plans read like
coaching actions ("I'm going to ask her to come and do a bit"); a third party's action the client
arranges is owned by the client ("I'll get Tariq to present").

The coach's own undertakings are read apart (`analyze_undertakings`): a coach "I'll" counts only
before a deliverable ("I'll send you the framework tonight", "I'll take this to my supervisor"),
never for talk about the conversation itself ("I'll ask you directly", "I'll be Jim").
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from coachlens.analysis.findings import Finding, Severity
from coachlens.analysis.lexicons import commitments as lex
from coachlens.transcript.model import Role, Transcript, Utterance
from coachlens.transcript.tokens import is_question, plain_lower, sentences

OWNER_ROLES = frozenset({Role.CLIENT, Role.SPONSOR})
# A reply to "by when?" dates the speaker's commitment made within this many utterances before it.
_DATING_WINDOW = 6
FIRM = "firm"
HEDGED = "hedged"


@dataclass(frozen=True, slots=True)
class Commitment:
    """One agreed action: who owns it, what it is, by when, and how tentatively it was said."""

    index: int  # the utterance
    owner: str  # the speaker's name as in the transcript
    role: Role  # the owner's role: client or sponsor
    action: str  # the commitment clause as written, from its opener ("I'll book a one-to-one...")
    deadline: str | None  # the time expressions as written ("before Friday"), "; "-joined, or None
    hedged: bool
    hedges: tuple[str, ...] = ()  # the words that hedge it ("might", "at some point")
    dated_at: int | None = None  # the later utterance that named the deadline, in reply to "by when?"
    refers_to: int | None = None  # what "I'll do that" takes on: the other speaker's turn just before

    @property
    def evidence(self) -> tuple[int, ...]:
        """Return the utterances behind the commitment: what it refers to, where it was made, and
        where it was dated."""
        found = (self.refers_to, self.index, self.dated_at)
        return tuple(i for i in found if i is not None)

    @property
    def firm(self) -> bool:
        """Return True when nothing hedges the commitment."""
        return not self.hedged


@dataclass(frozen=True, slots=True)
class _Reading:
    action: str
    hedges: tuple[str, ...]
    deadline: str | None


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The lexicon's expressions, compiled once on first use."""

    def alt(items: Iterable[str]) -> str:
        return "|".join(sorted(items, key=len, reverse=True))

    return {
        "opener": re.compile(rf"\b(?P<op>{alt([*lex.FIRM_OPENERS, *lex.HEDGED_OPENERS])})\b"),
        "elicited_opener": re.compile(
            rf"\b(?P<op>{alt([*lex.FIRM_OPENERS, *lex.HEDGED_OPENERS, *lex.ELICITED_OPENERS])})\b"
        ),
        "action_prompt": re.compile(alt(lex.ACTION_PROMPTS)),
        "when_prompt": re.compile(alt(lex.WHEN_PROMPTS)),
        "hedged_opener": re.compile(rf"^(?:{alt(lex.HEDGED_OPENERS)})$"),
        "not_action": re.compile(alt(lex.NOT_ACTIONS)),
        "vague": re.compile(alt(lex.VAGUE_ACTIONS)),
        "hedge": re.compile(alt(lex.HEDGES)),
        "reporting": re.compile(lex.REPORTING),
        "embedding": re.compile(lex.EMBEDDING),
        "conditional": re.compile(lex.CONDITIONAL_START),
        "scheduling": re.compile(lex.SCHEDULING_WORDS),
        "date": re.compile(lex.DATE_WORDS),
        "deadline": re.compile("|".join(f"(?:{d})" for d in lex.DEADLINES)),
        "bare_day": re.compile(lex.BARE_DAY),
        "try_start": re.compile(r"^(?:and |so |yeah |just )*try (?:and|to) (?P<verb>[a-z]+)"),
        "undertaking": re.compile(rf"^(?:{alt(lex.UNDERTAKINGS)})"),
        "quote": re.compile(r"[\"“]([^\"”]+)[\"”]"),
        "anaphoric": re.compile(lex.ANAPHORIC),
    }


_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


def read_commitment(
    sentence: str, following: Sequence[str] = (), *, elicited: bool = False
) -> _Reading | None:
    """Return the commitment ``sentence`` makes, or None; ``following`` are the turn's next sentences.

    ``elicited`` says the coach has just asked for an action, so an intent ("I want to ask Leo") counts.
    """
    if is_question(sentence):
        return None
    p = _patterns()
    low = plain_lower(sentence)
    reading = _read_opener(low, sentence, p, p["elicited_opener" if elicited else "opener"])
    if reading is None:
        start = p["try_start"].match(low)
        if start is None or not _is_action(start.group("verb")):
            return None
        reading = _Reading(sentence.strip().rstrip(".!"), ("try",), None)
    hedges = list(reading.hedges)
    deadlines = [reading.deadline] if reading.deadline else []
    for nxt in following[:2]:
        nlow = plain_lower(nxt).strip().rstrip(".!")
        if len(nlow.split()) > 5:
            break
        if p["bare_day"].match(nlow):
            deadlines.append(nxt.strip().rstrip(".!"))
        elif p["hedge"].search(nlow) and not p["opener"].search(nlow):
            hedges.extend(m.group(0) for m in p["hedge"].finditer(nlow))
        else:
            break
    return _Reading(reading.action, tuple(dict.fromkeys(hedges)), "; ".join(deadlines) or None)


def _starts_action(toks: Sequence[str], pos: int) -> bool:
    """True when the words from ``pos`` on open with an action verb (a client's commitment)."""
    return _is_action(toks[pos])


def _read_opener(
    low: str,
    sentence: str,
    p: dict[str, re.Pattern[str]],
    opener: re.Pattern[str],
    accepts: Callable[[Sequence[str], int], bool] = _starts_action,
) -> _Reading | None:
    if p["conditional"].match(low):
        return None
    for m in opener.finditer(low):
        before = low[: m.start()]
        if p["reporting"].search(before) or p["embedding"].search(before) or _quoted(sentence, m.start()):
            continue
        rest = low[m.end() :]
        clause = re.split(r"[.!;]|\s[-–—]\s|,\s(?:but|because|so|which|although)\b", rest)[0]
        toks = _WORD.findall(clause)
        hedges = [m.group("op").split()[-1]] if p["hedged_opener"].match(m.group("op")) else []
        pos = 0
        while pos < len(toks) and (toks[pos] in lex.FILLERS or toks[pos] in lex.HEDGING_FILLERS):
            if toks[pos] in lex.HEDGING_FILLERS:
                hedges.append(toks[pos])
            pos += 1
        if pos < len(toks) and toks[pos] in {"not", "never"}:
            return None
        if pos + 1 < len(toks) and toks[pos] == "try" and toks[pos + 1] in {"to", "and"}:
            hedges.append("try")
            pos += 2
        if pos >= len(toks) or not accepts(toks, pos):
            continue
        tried = pos > 0 and toks[pos - 1] in {"to", "and"}  # "I might try to have a word with her"
        if hedges and toks[pos] == "have" and m.group("op") in {"i might", "i may"} and not tried:
            continue  # "I might have something by then": a possibility, not an action
        action_text = " ".join(toks[pos:])
        if p["not_action"].search(action_text):
            return None
        hedges.extend(h.group(0) for h in p["hedge"].finditer(clause))
        hedges.extend(v.group(0) for v in p["vague"].finditer(action_text))
        cased = sentence[m.end() : m.end() + len(clause)]  # the clause as written (same offsets)
        deadline = (
            "; ".join(dict.fromkeys(cased[d.start() : d.end()] for d in p["deadline"].finditer(clause)))
            or None
        )
        written = sentence[m.start() :].strip()
        written = re.split(r"(?<=[.!;])\s", written)[0].rstrip(".!;, ")
        return _Reading(written, tuple(dict.fromkeys(hedges)), deadline)
    return None


def _is_action(word: str) -> bool:
    return word in lex.ACTION_VERBS or (word.endswith("ing") and word[:-3] in lex.ACTION_VERBS)


def _quoted(sentence: str, at: int) -> bool:
    """True when position ``at`` lies inside quotation marks."""
    return any(m.start() < at < m.end() for m in _patterns()["quote"].finditer(plain_lower(sentence)))


def _is_scheduling(text: str) -> bool:
    """True for a coach turn that offers the next session's date and time."""
    low = plain_lower(text)
    p = _patterns()
    return bool(p["scheduling"].search(low) and p["date"].search(low))


def _asks(coach_turn: Utterance | None, prompt: str) -> bool:
    """True when a question in ``coach_turn`` matches the ``prompt`` pattern ("by when?")."""
    if coach_turn is None:
        return False
    pattern = _patterns()[prompt]
    return any(is_question(s) and pattern.search(plain_lower(s)) for s in sentences(coach_turn.text))


def _deadline_named(text: str) -> str | None:
    """Return the time expressions a reply names ("Leo this Thursday; by Friday"), or None."""
    found = [text[m.start() : m.end()] for m in _patterns()["deadline"].finditer(plain_lower(text))]
    return "; ".join(dict.fromkeys(found)) or None


def _turn_commitments(u: Utterance, *, elicited: bool = False) -> list[Commitment]:
    text = u.text.replace("’", "'")
    quoted = {_bare(q) for q in _patterns()["quote"].findall(text)}
    ss = sentences(text)
    out: list[Commitment] = []
    for i, sentence in enumerate(ss):
        if (
            quoted and _bare(sentence) in quoted
        ):  # an echo of words just quoted ("I said, 'I'll do my best.' I'll do my best!")
            continue
        reading = read_commitment(sentence, ss[i + 1 :], elicited=elicited)
        if reading is not None:
            out.append(
                Commitment(
                    u.index,
                    u.speaker,
                    u.role,
                    reading.action,
                    reading.deadline,
                    bool(reading.hedges),
                    reading.hedges,
                )
            )
    return out


def _bare(text: str) -> str:
    return " ".join(_WORD.findall(plain_lower(text)))


def analyze_commitments(transcript: Transcript) -> tuple[Commitment, ...]:
    """Return the commitments the client and sponsor make, in transcript order.

    Signals, guards and blind spots are listed in the module docstring and docs/commitments.md.
    """
    out: list[Commitment] = []
    previous_other: Utterance | None = None
    for u in transcript.utterances:
        if u.role not in OWNER_ROLES:
            previous_other = u
            continue
        if previous_other is not None and _is_scheduling(previous_other.text):
            continue
        found = _turn_commitments(u, elicited=_asks(previous_other, "action_prompt"))
        out.extend(_resolved(found, previous_other))
        if not found and out and _asks(previous_other, "when_prompt"):
            _date_last(out, u)
    return tuple(out)


def _anaphoric(c: Commitment) -> bool:
    """Whether a commitment names no action of its own: "I'll do that", "I'll try that", "I'll start"."""
    action = plain_lower(c.action)
    for deadline in filter(None, (c.deadline or "").split("; ")):
        action = action.replace(plain_lower(deadline), " ")
    return _patterns()["anaphoric"].fullmatch(" ".join(action.split()).strip(" ,.!")) is not None


def _resolved(found: list[Commitment], previous_other: Utterance | None) -> list[Commitment]:
    """Point each commitment that names no action of its own at the turn it takes on, and fold a
    second one in the same turn into the first ("I'll do that. I'll start this week.")."""
    out: list[Commitment] = []
    for c in found:
        if not _anaphoric(c):
            out.append(c)
        elif out:
            first = out[-1]
            deadline = "; ".join(d for d in (first.deadline, c.deadline) if d) or None
            hedges = tuple(dict.fromkeys((*first.hedges, *c.hedges)))
            out[-1] = dataclasses.replace(first, deadline=deadline, hedged=bool(hedges), hedges=hedges)
        elif previous_other is not None and c.index - previous_other.index <= 2 and _proposes(previous_other):
            out.append(dataclasses.replace(c, refers_to=previous_other.index))
        else:
            out.append(c)
    return out


def _proposes(turn: Utterance) -> bool:
    """A turn with something to take on: not a short question ("What will you do?")."""
    text = turn.text.strip()
    n = len(text.split())
    return n >= 4 and not (text.endswith("?") and n < 10)


def analyze_undertakings(transcript: Transcript) -> tuple[Commitment, ...]:
    """Return what the coach undertook to do for the client, in transcript order.

    A coach sentence counts when a first-person future opens a deliverable of
    `lexicons/commitments.UNDERTAKINGS` ("I'll send you a framework tonight", "I'll put those in an
    email to you", "I'm going to take this to my supervisor this month"), with the client's guards
    (questions, conditions, reported and quoted speech, negation). One per turn, the first found.
    """
    p = _patterns()

    def delivers(toks: Sequence[str], pos: int) -> bool:
        return p["undertaking"].match(" ".join(toks[pos:])) is not None

    out: list[Commitment] = []
    for u in transcript.utterances:
        if u.role != Role.COACH:
            continue
        for sentence in sentences(u.text.replace("’", "'")):
            if is_question(sentence):
                continue
            reading = _read_opener(plain_lower(sentence), sentence, p, p["opener"], delivers)
            if reading is not None:
                hedges = reading.hedges
                out.append(
                    Commitment(
                        u.index, u.speaker, u.role, reading.action, reading.deadline, bool(hedges), hedges
                    )
                )
                break
    return tuple(out)


def undertaking_findings(undertakings: Sequence[Commitment]) -> list[Finding]:
    """Return `commitment.coach` (info): every undertaking of the coach with its deadline as said."""
    if not undertakings:
        return []
    listed = "; ".join(_describe(c, owner=False) for c in undertakings)
    return [
        Finding(
            kind="commitment.coach",
            severity=Severity.INFO,
            message=f"Your own undertakings ({len(undertakings)}): {listed}. Consider noting them where you "
            "will see them before the next session: small promises kept are part of a reliable working "
            "alliance.",
            evidence=tuple(dict.fromkeys(c.index for c in undertakings)),
        )
    ]


def _date_last(out: list[Commitment], reply: Utterance) -> None:
    """Date the speaker's commitment of the last few turns from a reply to "by when?"."""
    last = out[-1]
    deadline = _deadline_named(reply.text.replace("’", "'"))
    if deadline is None or last.owner != reply.speaker or reply.index - last.index > _DATING_WINDOW:
        return
    said = f"{last.deadline}; {deadline}" if last.deadline else deadline
    out[-1] = dataclasses.replace(last, deadline=said, dated_at=reply.index)


def detect_commitment(text: str) -> str | None:
    """Return "firm" or "hedged" for the first commitment in one client ``text``, or None.

    The same reading as `analyze_commitments` without the transcript's context (no scheduling
    guard); the tricky-case file and the tests use it.
    """
    utterance = Utterance(index=0, speaker="client", role=Role.CLIENT, text=text)
    found = _turn_commitments(utterance)
    if not found:
        return None
    return HEDGED if found[0].hedged else FIRM


def commitment_findings(transcript: Transcript, commitments: Sequence[Commitment]) -> list[Finding]:
    """Return `commitment.agreed` (all commitments, info) and one `commitment.hedged` per hedged one."""
    if not commitments:
        return []
    listed = "; ".join(_describe(c) for c in commitments)
    findings = [
        Finding(
            kind="commitment.agreed",
            severity=Severity.INFO,
            message=f"Agreed actions ({len(commitments)}): {listed}. Consider checking each has an owner, a "
            "deadline and a first step, and following them up next session.",
            evidence=tuple(dict.fromkeys(i for c in commitments for i in c.evidence)),
        )
    ]
    for c in commitments:
        if c.hedged:
            words = ", ".join(f'"{h}"' for h in c.hedges)
            findings.append(
                Finding(
                    kind="commitment.hedged",
                    severity=Severity.NOTICE,
                    message=f'{c.owner}\'s commitment "{c.action}" may be tentative ({words}). '
                    "Consider exploring what might get in the way, and what would make it firm.",
                    evidence=c.evidence,
                )
            )
    return findings


def _describe(c: Commitment, *, owner: bool = True) -> str:
    deadline = f", {c.deadline}" if c.deadline else ", no deadline"
    dated = f" (named at {c.dated_at})" if c.dated_at is not None else ""
    hedged = ", hedged" if c.hedged else ""
    refers = f", taking on {c.refers_to}" if c.refers_to is not None else ""
    said = f'"{c.action}" ({c.index}{deadline}{dated}{hedged}{refers})'
    return f"{c.owner}: {said}" if owner else said


def commitment_metrics(commitments: Sequence[Commitment]) -> dict[Role, dict[str, int | float | None]]:
    """Return the client's commitment counts: ``commitments`` and ``commitments_hedged``."""
    out: dict[Role, dict[str, int | float | None]] = {}
    for role in (Role.CLIENT, Role.SPONSOR):
        mine = [c for c in commitments if c.role == role]
        if mine or role == Role.CLIENT:
            out[role] = {"commitments": len(mine), "commitments_hedged": sum(c.hedged for c in mine)}
    return out
