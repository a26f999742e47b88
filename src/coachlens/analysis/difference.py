"""Social difference: who names it, when, and how the other party meets it.

DOMAIN.md ("Social difference"): difference is better handled when it is surfaced, named and
explored, early in an engagement; a coach who minimises or fixes a client's disclosure risks a
rupture. Signals: the project's phrase lists per identity dimension (`lexicons.difference`),
matched once per utterance on word tokens, with idioms guarded out ("rat race", "world-class",
"white horse"). A mention that continues a dimension named in either of the two turns before it
counts once. The other party's next one or two turns are read as:

- ``explored``: an open question, reflection of feeling or relational move that names the
  difference or refers back to it ("say more", "what's that like"); for a client, taking up what
  the coach named;
- ``acknowledged``: a brief recognition (a reflection of content, "I hear that");
- ``deflected``: minimising, equating, explaining away or closing down, or a fixing move;
- ``none``: no reply, or only a backchannel.

Blind spots: difference enacted but never named (status, accent heard but not spoken of) is
invisible; a word list cannot tell a disclosure from a report about a third party; names and
places are never read as identity.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from coachlens.analysis.acts import FIXING_ACTS
from coachlens.analysis.findings import Finding, Severity
from coachlens.analysis.lexicons import difference as lex
from coachlens.analysis.response_mix import ResponseMix
from coachlens.transcript import Role, Transcript
from coachlens.transcript.model import Utterance
from coachlens.transcript.tokens import expand_braces, is_question, words

RESPONSES = ("explored", "acknowledged", "deflected", "none")
CONTINUATION_TURNS = 2  # a dimension named again within this many turns continues the same mention
RESPONSE_TURNS = 2  # the other party's turns read for the response
_EXPLORE_ACTS = frozenset({"question_open", "reflection_feeling", "relational"})
_REFER_WORDS = frozenset({"that", "it", "this", "those", "there"})
_PARTIES = (Role.COACH, Role.CLIENT)


class _Lexicon:
    """Multi-label phrase matcher: every label whose phrase starts at a token, idioms excepted."""

    __slots__ = ("_firsts", "_guards", "_pairs", "_single")

    def __init__(self, groups: Mapping[str, Sequence[str]], guards: Sequence[str] = ()) -> None:
        self._pairs: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
        self._single: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for label, patterns in groups.items():
            for pattern in patterns:
                for phrase in expand_braces(pattern):
                    toks = tuple(words(phrase))
                    if len(toks) == 1:
                        self._single.setdefault(toks[0], []).append((toks, label))
                    elif toks:
                        self._pairs.setdefault((toks[0], toks[1]), []).append((toks, label))
        self._guards = _Lexicon({"guard": guards}) if guards else None
        self._firsts = frozenset(self._single) | {first for first, _ in self._pairs}

    def matches(self, tokens: Sequence[str]) -> list[tuple[int, tuple[str, ...], str]]:
        """Return (position, phrase, label) for every phrase in ``tokens``, guards not applied."""
        found: list[tuple[int, tuple[str, ...], str]] = []
        pairs, single = self._pairs, self._single
        # only the words a phrase may start with are looked at (picked out in C; issue 9)
        for i in itertools.compress(range(len(tokens)), map(self._firsts.__contains__, tokens)):
            tok = tokens[i]
            if i + 1 < len(tokens) and (tok, tokens[i + 1]) in pairs:
                for phrase, label in pairs[tok, tokens[i + 1]]:
                    if tuple(tokens[i : i + len(phrase)]) == phrase:
                        found.append((i, phrase, label))
            for phrase, label in single.get(tok, ()):
                found.append((i, phrase, label))
        return found

    def find(self, tokens: Sequence[str]) -> list[tuple[str, str]]:
        """Return (label, cue) for each label's first unguarded phrase in ``tokens``, in order."""
        matches = self.matches(tokens)
        if not matches:  # most turns: no need to look for guards
            return []
        covered: set[int] = set()
        if self._guards is not None:
            for i, phrase, _ in self._guards.matches(tokens):
                covered.update(range(i, i + len(phrase)))
        found: dict[str, str] = {}
        for i, phrase, label in matches:
            if label not in found and not covered.intersection(range(i, i + len(phrase))):
                found[label] = " ".join(phrase)
        return list(found.items())

    def any(self, tokens: Sequence[str]) -> bool:
        """Return True when any phrase occurs in ``tokens``."""
        return bool(self.matches(tokens))


@functools.cache
def _lexicons() -> dict[str, _Lexicon]:
    """Build the phrase matchers once, on first use."""
    return {
        "dimensions": _Lexicon(lex.DIMENSIONS, lex.GUARDS),
        "deflections": _Lexicon({"x": lex.DEFLECTIONS}),
        "refer_back": _Lexicon({"x": lex.REFER_BACK}),
        "takes_up": _Lexicon({"x": lex.CLIENT_TAKES_UP}),
        "acknowledgements": _Lexicon({"x": lex.ACKNOWLEDGEMENTS}),
    }


def find_dimensions(text: str) -> list[tuple[str, str]]:
    """Return (dimension, cue) for every identity dimension ``text`` names, in order of first cue."""
    return _lexicons()["dimensions"].find(words(text))


def detect_dimension(text: str) -> str | None:
    """Return the first identity dimension ``text`` names ("race_ethnicity", ...), or None."""
    found = find_dimensions(text)
    return found[0][0] if found else None


@dataclass(frozen=True, slots=True)
class DifferenceMention:
    """One naming of a difference dimension and how the other party's next turns met it."""

    index: int
    role: Role  # who raised it
    dimension: str
    cue: str
    response: str  # explored / acknowledged / deflected / none
    response_index: int | None  # the turn that decided the response


@dataclass(frozen=True, slots=True)
class Difference:
    """Every mention of social difference in a session, and the session facts."""

    mentions: tuple[DifferenceMention, ...] = ()
    first_broaching: int | None = None
    first_broaching_minute: float | None = None
    broached_by: Role | None = None
    explored: bool = False


def analyze_difference(transcript: Transcript, mix: ResponseMix) -> Difference:
    """Return the session's mentions of social difference and how each was met.

    Signals: identity phrases per dimension (guarded against idioms), the coach's acts from
    ``mix``, deflecting and referring-back phrases. Only coach and client turns are read.
    """
    turns = [u for u in transcript.utterances if u.role in _PARTIES]
    named = [find_dimensions(u.text) for u in turns]
    mentions: list[DifferenceMention] = []
    for pos, (utt, found) in enumerate(zip(turns, named, strict=True)):
        recent = {dim for earlier in named[max(0, pos - CONTINUATION_TURNS) : pos] for dim, _ in earlier}
        fresh = [(dim, cue) for dim, cue in found if dim not in recent]
        if not fresh:
            continue
        response, at = _response(utt.role, turns[pos + 1 :], mix)
        mentions.extend(DifferenceMention(utt.index, utt.role, dim, cue, response, at) for dim, cue in fresh)
    if not mentions:
        return Difference()
    first = mentions[0]
    start = transcript[first.index].start
    return Difference(
        mentions=tuple(mentions),
        first_broaching=first.index,
        first_broaching_minute=round(start / 60, 1) if start is not None else None,
        broached_by=first.role,
        explored=any(m.response == "explored" for m in mentions),
    )


def _response(raiser: Role, after: Sequence[Utterance], mix: ResponseMix) -> tuple[str, int | None]:
    """Read the other party's next turns: the first explored or deflected one decides."""
    other = Role.CLIENT if raiser == Role.COACH else Role.COACH
    replies = list(itertools.islice((u for u in after if u.role == other), RESPONSE_TURNS))
    best: tuple[str, int | None] = ("none", None)
    for utt in replies:
        index, text = utt.index, utt.text
        reading = _coach_reply(index, text, mix) if other == Role.COACH else _client_reply(index, text, mix)
        if reading in {"explored", "deflected"}:
            return reading, index
        if reading == "acknowledged" and best[0] == "none":
            best = (reading, index)
    if best[1] is None and replies:
        return "none", replies[0].index
    return best


def _coach_reply(index: int, text: str, mix: ResponseMix) -> str:
    """Read one coach turn after a client's mention: deflecting phrases first, then acts."""
    lexicons = _lexicons()
    tokens = words(text)
    if lexicons["deflections"].any(tokens):
        return "deflected"
    turn = mix.coach_turns.get(index)
    said = turn.sentences if turn is not None else ()
    for sentence in said:
        stoks = words(sentence.text)
        refers = lexicons["refer_back"].any(stoks) or bool(lexicons["dimensions"].find(stoks))
        # An open question explores only when it points back ("that", "it") or names the difference.
        pointed = sentence.act != "question_open" or refers or bool(_REFER_WORDS.intersection(stoks))
        if (sentence.act in _EXPLORE_ACTS or (sentence.act == "reflection_content" and refers)) and pointed:
            return "explored"
        if refers and is_question(sentence.text):
            return "explored"
    acts = {s.act for s in said}
    if acts & FIXING_ACTS:
        return "deflected"
    if acts & {"reflection_content", "affirmation"} or lexicons["acknowledgements"].any(tokens):
        return "acknowledged"
    return "none"


def _client_reply(index: int, text: str, mix: ResponseMix) -> str:
    """Read one client turn after a coach's mention: taking it up, closing it, or a brief reply."""
    lexicons = _lexicons()
    tokens = words(text)
    if lexicons["deflections"].any(tokens):
        return "deflected"
    if lexicons["takes_up"].any(tokens) or lexicons["dimensions"].find(tokens):
        return "explored"
    if "minimal_response" in mix.client_acts.get(index, ()):
        return "none"
    return "acknowledged"


def _dimension_names(mentions: Sequence[DifferenceMention]) -> str:
    names = dict.fromkeys(m.dimension.replace("_", "/") for m in mentions if m.dimension != "general")
    return ", ".join(names) or "difference in general"


def difference_findings(transcript: Transcript, d: Difference) -> list[Finding]:
    """Return ``difference.broached`` (who named difference first) and ``difference.deflected``."""
    if d.first_broaching is None or d.broached_by is None:
        return []
    first = [m for m in d.mentions if m.index == d.first_broaching]
    when = f"turn {d.first_broaching}" + (
        f", minute {d.first_broaching_minute:g}" if d.first_broaching_minute is not None else ""
    )
    reply = next((m for m in first if m.response_index is not None), first[0])
    other = "client" if d.broached_by == Role.COACH else "coach"
    taken = {
        "explored": f"the {other} took it up",
        "acknowledged": f"the {other} acknowledged it briefly",
        "deflected": f"the {other}'s reply may have turned away from it",
        "none": f"the {other} did not reply to it directly",
    }[reply.response]
    later = "; it was explored in the session" if d.explored else "; it may not have been explored further"
    evidence = tuple(sorted({d.first_broaching, *(i for i in [reply.response_index] if i is not None)}))
    findings = [
        Finding(
            kind="difference.broached",
            severity=Severity.INFO,
            message=(
                f"Social difference ({_dimension_names(first)}) was first named by the "
                f"{d.broached_by.value} at {when}; {taken}{later}."
            ),
            evidence=evidence,
        )
    ]
    by_reply: dict[int, list[DifferenceMention]] = {}
    for m in d.mentions:
        if m.role == Role.CLIENT and m.response == "deflected" and m.response_index is not None:
            by_reply.setdefault(m.response_index, []).append(m)
    for at, group in by_reply.items():
        said = group[0].index
        findings.append(
            Finding(
                kind="difference.deflected",
                severity=Severity.NOTICE,
                message=(
                    f"The client named {_dimension_names(group)} at turn {said}, and the coach's "
                    f"reply at {at} may have minimised it or moved on; consider asking what it is "
                    "like for them before anything else."
                ),
                evidence=(said, at),
            )
        )
    return findings


def difference_metrics(transcript: Transcript, d: Difference) -> dict[Role, dict[str, int | float | None]]:
    """Return mentions of difference per role, and how the coach met the client's."""
    client = [m for m in d.mentions if m.role == Role.CLIENT]
    return {
        Role.COACH: {
            "difference_mentions": sum(1 for m in d.mentions if m.role == Role.COACH),
            "difference_explored": sum(1 for m in client if m.response == "explored"),
            "difference_deflected": sum(1 for m in client if m.response == "deflected"),
        },
        Role.CLIENT: {"difference_mentions": len(client)},
    }
