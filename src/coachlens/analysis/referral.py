"""Referral signals: client talk that may point beyond coaching, as a prompt for the coach.

`analyze_referral` reads every turn that is not the coach's, sentence by sentence, for the cue
phrases of `lexicons/referral.CUES` in five categories, and low mood (below): ``self_harm``
(suicidal ideation, active or passive: "better off without me", "end it all", "hurt myself"),
``hopelessness`` ("what's the point of any of it", "I can't see a way out", "I feel like a
burden"), ``trauma`` ("flashbacks", "since the accident", "I was the one who found him"),
``clinical`` ("diagnosed with", "panic attacks", "my therapist", "antidepressants") and
``substance`` ("drinking every night", "a bottle most nights", "need a drink to"). Each cue is read
in its sentence:

- **Idioms.** A cue inside an idiom of `lexicons/referral.IDIOMS` ("I could have killed myself for
  forgetting", "nearly died") is dropped; the everyday idioms ("worried sick", "it's killing me",
  "I could kill him", "dying to", "I'm dead") contain no cue at all.
- **Negation.** not, never, no, nothing, without... up to four words before the cue in its clause
  deny it ("I'm not depressed or anything"). A denied signal is kept with ``negated=True`` and
  raises no finding, except self-harm: a client who denies self-harm ("I'm not going to do
  anything stupid") has raised the subject, so a denial is surfaced, as evidence beside affirmed
  self-harm talk, or on its own as the info finding ``referral.self_harm_denied``.
- **Whose.** A first-person word inside the cue makes it the client's; otherwise the nearest
  subject before it decides: he/she/they, "my brother", a name -> someone else's
  (``about_client=False``). Third-party reports raise no finding: a family member's diagnosis is
  context, not a signal about the client.

A sixth category, ``low_mood``, reads low mood told in plain words, in four kinds
(`lexicons/referral.LOW_MOOD_KINDS`): lost enjoyment ("I just felt nothing", "it's just grey"),
broken sleep ("awake at four", "can't sleep"), emptiness ("I've got nothing left") and persistence
("it's been like this since before Christmas"). Each alone is ordinary talk for a tired
executive, so it raises a finding only when it adds up: cues in three or more client turns, of at
least two kinds.

Findings: ``referral.self_harm`` (concern, always, on one affirmed cue), ``referral.hopelessness``
(notice, only when sustained: cues in two or more turns, or a turn with two cues or an intensifier
such as "every day"), ``referral.trauma``, ``referral.clinical``, ``referral.substance`` and
``referral.low_mood`` (notice, only when it adds up). Every message is a prompt to consider the
coaching-therapy boundary and referral; none names a condition.

The coach's side (`coach_moves`, only read next to client signals): a direct safety question,
naming where coaching ends, pointing to other help (GP, counselling, EAP, crisis lines) and consent
about sharing with it. A safety question after the self-harm cue is named in that concern, and the
moves together make ``referral.handled`` (info). Blind spots: low mood in words the
lexicon lacks; sarcasm and jokes that use a cue read literally; a denial that is not next to its
cue ("No. Never.") is not read.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coachlens.analysis.findings import Finding, Severity
from coachlens.analysis.lexicons import referral as lex
from coachlens.transcript.model import Role, Transcript
from coachlens.transcript.tokens import is_question, plain_lower, sentences

# The report shows these kinds before every other finding.
TOP_OF_REPORT_KINDS = frozenset({"referral.self_harm"})
_NEGATION_WINDOW = 4
# Capitalised words that open a sentence without being a name ("It's a bottle most nights").
_NOT_NAMES = frozenset(
    {"it's", "that's", "there's", "what's", "here's", "everything's", "nothing's", "who's", "life's"}
)
_NAME_VERBS = (["was"], ["has"], ["is"], ["had"], ["says"], ["said"])
_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9]+(?:['-][A-Za-z0-9]+)*")
_CLAUSE_BREAK = re.compile(r"[,;:()…]|\.{2,}|\s[-–—]+\s|--|\b(?:but|because|although|though)\b")


@dataclass(frozen=True, slots=True)
class ReferralSignal:
    """One cue in one turn that may point beyond coaching."""

    index: int  # the utterance
    category: str  # one of `lexicons/referral.CATEGORIES`
    cue: str  # the matched words as written
    role: Role  # the speaker's role
    negated: bool = False  # "I'm not depressed"
    about_client: bool = True  # False for "my brother was diagnosed with"


@dataclass(frozen=True, slots=True)
class CoachMove:
    """A coach turn on the coaching-therapy boundary: a safety question, naming the boundary,
    pointing to other help, or consent about sharing with it."""

    index: int  # the utterance
    move: str  # one of `lexicons/referral.COACH_MOVES`
    cue: str  # the matched words as written


@functools.cache
def _patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    """The lexicon's expressions, compiled once on first use."""
    compiled = {category: tuple(re.compile(c) for c in cues) for category, cues in lex.CUES.items()}
    for category, cues in lex.TURN_CUES.items():
        compiled[f"_turn_{category}"] = tuple(re.compile(c) for c in cues)
    compiled["_idioms"] = tuple(re.compile(i) for i in lex.IDIOMS)
    compiled["_pointing"] = tuple(re.compile(i) for i in lex.POINTING)
    compiled["_intense"] = tuple(re.compile(i) for i in lex.INTENSIFIERS)
    for kind, cues in lex.LOW_MOOD_KINDS.items():
        compiled[f"_low_mood_{kind}"] = tuple(re.compile(c) for c in cues)
    for move, cues in lex.COACH_MOVES.items():
        compiled[f"_coach_{move}"] = tuple(re.compile(c) for c in cues)
    return compiled


@functools.cache
def _any_cue() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """A quick test that a sentence (and a whole turn) may hold a cue at all (issue 9).

    Almost no sentence holds one, and one search that finds nothing spares the seventy searches
    of the cues one by one. The test matches wherever a cue would (each cue's leading ``\\b`` is
    shared, ``^``/``$`` anchors dropped), so it never hides a signal; None when a cue uses a
    construct the test cannot widen safely, and every sentence is then read in full.
    """
    per_sentence = [c for category in lex.CATEGORIES for c in lex.CUES[category]]
    per_turn = [c for cues in lex.TURN_CUES.values() for c in cues]
    return _widened(per_sentence), _widened(per_turn)


def _widened(cues: Sequence[str]) -> re.Pattern[str] | None:
    loose = [c.removeprefix("^").removesuffix("$") for c in cues]
    if not loose or any(re.search(r"\(\?[=!<]|\^|(?<!\\)\$", c) for c in loose):
        return None
    shared = [c.startswith(r"\b") and not _top_level_or(c) for c in loose]
    bounded = [c[2:] for c, yes in zip(loose, shared, strict=True) if yes]
    other = [c for c, yes in zip(loose, shared, strict=True) if not yes]
    parts = [r"\b(?:" + "|".join(f"(?:{c})" for c in bounded) + ")"] if bounded else []
    parts += [f"(?:{c})" for c in other]
    return re.compile("|".join(parts))


def _top_level_or(pattern: str) -> bool:
    """True when ``pattern`` has a ``|`` outside every group and class (its ``\\b`` binds one side)."""
    depth, escaped, in_class = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def read_signals(text: str) -> list[tuple[str, str, bool, bool]]:
    """Return ``(category, cue, negated, about_client)`` for each cue in ``text``, in reading order."""
    p = _patterns()
    any_sentence_cue, any_turn_cue = _any_cue()
    found: list[tuple[int, str, str, bool, bool]] = []
    offset = 0
    for sentence in sentences(text):
        written = sentence.strip().rstrip(".!?…\"”' ")
        low = plain_lower(written)
        if any_sentence_cue is not None and any_sentence_cue.search(low) is None:
            offset += len(sentence) + 1
            continue
        idioms = [m.span() for idiom in p["_idioms"] for m in idiom.finditer(low)]
        taken: list[tuple[int, int]] = []
        for category in lex.CATEGORIES:
            for pattern in p[category]:
                for m in pattern.finditer(low):
                    span = m.span()
                    if any(a <= span[0] < b or a < span[1] <= b for a, b in [*idioms, *taken]):
                        continue
                    taken.append(span)
                    cue = written[span[0] : span[1]]
                    found.append(
                        (offset + span[0], category, cue, _negated(low, span[0]), _own(written, low, span))
                    )
        offset += len(sentence) + 1
    whole = plain_lower(text)
    for category in lex.TURN_CUES if any_turn_cue is None or any_turn_cue.search(whole) else ():
        for pattern in p[f"_turn_{category}"]:
            for m in pattern.finditer(whole):
                found.append(
                    (m.start(), category, text[m.start() : m.end()], _negated(whole, m.start()), True)
                )
    found.sort()
    return [(category, cue, negated, own) for _, category, cue, negated, own in found]


def _negated(low: str, start: int) -> bool:
    clause = _CLAUSE_BREAK.split(low[:start])[-1]
    before = _TOKEN.findall(clause)[-_NEGATION_WINDOW:]
    return any(t in lex.NEGATORS or t.endswith("n't") for t in before)


def _own(written: str, low: str, span: tuple[int, int]) -> bool:
    """True when the cue is about the speaker: first person in the cue, else the nearest subject."""
    if any(t in lex.FIRST_PERSON for t in _TOKEN.findall(low[span[0] : span[1]])):
        return True
    raw = _TOKEN.findall(written[: span[0]])
    for k in range(len(raw) - 1, -1, -1):
        tok = raw[k].lower()
        base = tok[:-2] if tok.endswith("'s") else tok
        if tok in lex.FIRST_PERSON:
            return True
        if tok in lex.THIRD_PARTY:
            return False
        if base in lex.RELATIONS and k > 0 and raw[k - 1].lower() in {"my", "his", "her", "their", "our"}:
            return False
        if raw[k][0].isupper() and not raw[k].startswith(("I'", "I’")) and raw[k] != "I":
            opening = tok in _NOT_NAMES or (not tok.endswith("'s") and raw[k + 1 : k + 2] not in _NAME_VERBS)
            if k > 0 or not opening:
                return False  # a name: "Deb was diagnosed with", "Deb's been drinking"
    return True


def analyze_referral(transcript: Transcript) -> tuple[ReferralSignal, ...]:
    """Return the referral cues in every turn that is not the coach's, in transcript order.

    Signals, guards and blind spots are listed in the module docstring and docs/referral.md.
    """
    out: list[ReferralSignal] = []
    for u in transcript.utterances:
        if u.role == Role.COACH:
            continue
        for category, cue, negated, own in read_signals(u.text):
            out.append(ReferralSignal(u.index, category, cue, u.role, negated, own))
    return tuple(out)


def coach_moves(transcript: Transcript) -> tuple[CoachMove, ...]:
    """Return the coach's moves on the coaching-therapy boundary, in transcript order.

    A safety question counts only when it is asked as a question ("are you having thoughts of
    ending your life?"), pointing to help only in a question ("And the EAP?") or a form that points
    (`lexicons.referral.POINTING`; not "Your GP's worried about your drinking."), consent only in a
    turn that also points to help. One move of each kind per turn, the first cue found.
    """
    p = _patterns()
    out: list[CoachMove] = []
    for u in transcript.utterances:
        if u.role != Role.COACH:
            continue
        found: dict[str, str] = {}
        for sentence in sentences(u.text):
            low = plain_lower(sentence)
            asked = is_question(sentence)
            for move in lex.COACH_MOVES:
                if move in found or (move == "safety_question" and not asked):
                    continue
                m = next((m for pattern in p[f"_coach_{move}"] if (m := pattern.search(low))), None)
                if m is None:
                    continue
                if move == "referral" and not asked and not any(q.search(low) for q in p["_pointing"]):
                    continue  # named, not pointed to: "Your GP's worried about your drinking."
                found[move] = sentence[m.start() : m.end()]
        if "consent" in found and "referral" not in found:
            del found["consent"]
        out.extend(CoachMove(u.index, move, cue) for move, cue in found.items())
    return tuple(out)


def detect_referral(text: str) -> str | None:
    """Return the category of the first affirmed cue about the speaker in ``text``, or None.

    A denied cue ("I'm not suicidal"), a third party's ("my brother was diagnosed") and an idiom
    ("worried sick") give None. The tricky-case file and the tests use it.
    """
    for category, _cue, negated, own in read_signals(text):
        if own and not negated:
            return category
    return None


_MESSAGES = {
    "hopelessness": "Client talk at {at} may express hopelessness ({cues}), more than once or strongly. This "
    "is a prompt, not a diagnosis: consider exploring it gently, whether it persists, and whether it "
    "points beyond coaching, towards the coaching-therapy boundary and a possible referral.",
    "trauma": "Client talk at {at} may refer to a traumatic experience ({cues}). This is a prompt, not a "
    "diagnosis: consider whether it blocks progress and whether it belongs with a therapist, "
    "following your coaching-therapy protocol and the client's consent.",
    "clinical": "Client talk at {at} uses health or clinical language about themselves ({cues}). This is a "
    "prompt, not a diagnosis: consider checking what support the client already has and whether "
    "referral, or coaching alongside therapy, may be needed.",
    "substance": "Client talk at {at} may describe drinking or substance use as a pattern or a way of "
    "coping ({cues}). This is a prompt, not a diagnosis: consider exploring it without judgement and "
    "whether referral (GP, EAP) may help.",
    "low_mood": "Client talk at {at} may describe a low mood that has lasted, in plain words ({cues}), "
    "with signs of {kinds}. This is a prompt, not a diagnosis: consider exploring how long it has "
    "gone on and how it affects daily life, and whether it points beyond coaching, towards the "
    "coaching-therapy boundary and a GP.",
}
_KIND_WORDS = {
    "enjoyment": "lost enjoyment",
    "sleep": "broken sleep",
    "exhaustion": "emptiness",
    "persistence": "how long it has lasted",
}
# Low mood counts only when it adds up: cues in this many client turns, of at least two kinds.
LOW_MOOD_TURNS = 3
LOW_MOOD_KINDS = 2


def referral_findings(
    transcript: Transcript, signals: Sequence[ReferralSignal], moves: Sequence[CoachMove] = ()
) -> list[Finding]:
    """Return one finding per category whose signals call for the coach's attention.

    ``referral.self_harm`` is a concern on any affirmed self-harm cue (denials join its evidence);
    denials alone give ``referral.self_harm_denied`` (info). Hopelessness needs to be sustained.
    Third-party and denied cues of the other categories raise nothing. ``moves`` (`coach_moves`)
    made from the first signal on say how the coach met them: a safety question is named in the
    self-harm finding, and all of them together make ``referral.handled`` (info).
    """
    own = [s for s in signals if s.about_client and s.role != Role.COACH]
    findings: list[Finding] = []
    harm = [s for s in own if s.category == "self_harm" and not s.negated]
    denied = [s for s in own if s.category == "self_harm" and s.negated]
    if harm:
        asked = _indices(m for m in moves if m.move == "safety_question" and m.index > harm[0].index)
        evidence = tuple(sorted({*_indices([*harm, *denied]), *asked}))
        denial = (
            f' The client also denied it at {_at(_indices(denied))} ("{denied[0].cue}").' if denied else ""
        )
        safety = (
            f"you asked about safety directly at {_at(asked)}; consider your duty of care, your "
            "coaching-therapy protocol, and agreeing with the client what they will do if the thoughts "
            "get stronger (GP, crisis lines)."
            if asked
            else "consider your duty of care, asking about safety directly, your coaching-therapy "
            "protocol, and discussing referral (GP, crisis lines) with the client."
        )
        findings.append(
            Finding(
                kind="referral.self_harm",
                severity=Severity.CONCERN,
                message=f"Client talk at {_at(_indices(harm))} may point to thoughts of self-harm or of not "
                f"wanting to be here ({_cues(harm)}).{denial} This is a prompt, never a diagnosis: {safety}",
                evidence=evidence,
            )
        )
    elif denied:
        findings.append(
            Finding(
                kind="referral.self_harm_denied",
                severity=Severity.INFO,
                message=f"The client raised self-harm in order to deny it at {_at(_indices(denied))} "
                f"({_cues(denied)}). This is a prompt, not a diagnosis: consider whether the subject needs a "
                "gentle, direct check.",
                evidence=_indices(denied),
            )
        )
    for category in ("hopelessness", "trauma", "clinical", "substance", "low_mood"):
        mine = [s for s in own if s.category == category and not s.negated]
        if not mine or (category == "hopelessness" and not _sustained(transcript, mine)):
            continue
        kinds = _low_mood_kinds(mine) if category == "low_mood" else ()
        if category == "low_mood" and (len(_indices(mine)) < LOW_MOOD_TURNS or len(kinds) < LOW_MOOD_KINDS):
            continue
        findings.append(
            Finding(
                kind=f"referral.{category}",
                severity=Severity.NOTICE,
                message=_MESSAGES[category].format(
                    at=_at(_indices(mine)), cues=_cues(mine), kinds=", ".join(_KIND_WORDS[k] for k in kinds)
                ),
                evidence=_indices(mine),
            )
        )
    signalled = [f for f in findings if f.kind != "referral.self_harm_denied"]
    handled = _handled(signalled, moves) if signalled else None
    return findings if handled is None else [*findings, handled]


_MOVE_WORDS = {
    "safety_question": "asked about safety directly ({at})",
    "boundary": "named where coaching ends ({at})",
    "referral": "pointed to other help such as a GP, counselling or crisis lines ({at})",
    "consent": "asked consent about sharing with that help ({at})",
}


def _handled(findings: Sequence[Finding], moves: Sequence[CoachMove]) -> Finding | None:
    """The coach's moves on the boundary from the first signal on, as one info finding, or None."""
    first = min(i for f in findings for i in f.evidence)
    after = [m for m in moves if m.index > first]
    if not after:
        return None
    said = [
        words.format(at=_at(_indices(m for m in after if m.move == move)))
        for move, words in _MOVE_WORDS.items()
        if any(m.move == move for m in after)
    ]
    listed = "; ".join(said[:-1]) + ("; and " if len(said) > 1 else "") + said[-1]
    return Finding(
        kind="referral.handled",
        severity=Severity.INFO,
        message=f"After these signals you may have met the boundary with care: you {listed}. Consider "
        "recording what was agreed and how you will follow it up, and taking the case to supervision.",
        evidence=_indices(after),
    )


def _low_mood_kinds(signals: Sequence[ReferralSignal]) -> tuple[str, ...]:
    """Return the kinds of low mood (`lexicons/referral.LOW_MOOD_KINDS`) the low-mood cues show."""
    cues = [plain_lower(s.cue) for s in signals]
    p = _patterns()
    return tuple(
        kind
        for kind in lex.LOW_MOOD_KINDS
        if any(pattern.search(cue) for pattern in p[f"_low_mood_{kind}"] for cue in cues)
    )


def _sustained(transcript: Transcript, signals: Sequence[ReferralSignal]) -> bool:
    """Hopelessness in two or more turns, or in one turn with two cues or an intensifier."""
    turns = {s.index for s in signals}
    if len(turns) >= 2 or len(signals) >= 2:
        return True
    text = plain_lower(transcript[next(iter(turns))].text)
    return any(p.search(text) for p in _patterns()["_intense"])


def _indices(items: Iterable[ReferralSignal | CoachMove]) -> tuple[int, ...]:
    """The utterances of client signals or coach moves, each once, in order."""
    return tuple(sorted({item.index for item in items}))


def _at(indices: Sequence[int]) -> str:
    return ", ".join(str(i) for i in indices)


def _cues(signals: Sequence[ReferralSignal]) -> str:
    return ", ".join(f'"{c}"' for c in dict.fromkeys(s.cue for s in signals))


def referral_metrics(signals: Sequence[ReferralSignal]) -> dict[Role, dict[str, int | float | None]]:
    """Return the client's count of affirmed referral signals and of categories they fall in."""
    own = [s for s in signals if s.about_client and not s.negated and s.role == Role.CLIENT]
    return {
        Role.CLIENT: {"referral_signals": len(own), "referral_categories": len({s.category for s in own})}
    }
