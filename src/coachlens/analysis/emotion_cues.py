"""Emotion cues in one speaking turn: which family, how strong, whose, denied or hedged.

`read_emotions` finds the phrases of an emotion lexicon (`lexicons/emotions.tsv`, or a practice's
own file through `load_lexicon`) in a text and reads each match with a few rules of spoken English:

- **Matching.** Words are tokenised once per sentence (the word pattern of `transcript.tokens.words`
  plus commas, dashes and ellipses as clause breaks), then looked up by their first two words; at
  each word the longest phrase wins and its words are used up, so "worried sick" is fear, never
  "sick", and the lexicon's ``ignore`` rows ("list them in my sleep", "I'm afraid we're out of
  time") shield the emotion words inside them.
- **Negation.** not, never, no, n't, hardly, nobody, nothing, without, "used to", "stop" and
  "should be" (an emotion someone ought to feel is not one they report) within four words before
  the cue, in the same clause: a comma or a clause opener (but, because, why, if, when, and...)
  closes the window. "not only/just" does not negate, "never been so angry" intensifies, and
  "can't stop worrying" is a double negative. A negation inside the cue ("that's not my finest
  hour") is part of its meaning. "I'm not angry. Well. I am a bit." counts as anger: a short
  present-tense self-correction after a denied emotion restores it.
- **Intensity.** The lexicon's level, raised by an intensifier right before the cue (really, so,
  very, absolutely, properly, bloody...) and lowered by a downtoner there (a bit, a little,
  slightly, kind of, sort of); the nearer one wins, and "not really" is no intensifier.
- **Hedges.** Downtoners and epistemic hedges (maybe, perhaps, probably, I guess, I suppose, I
  think) earlier in the clause, or right after the cue behind a comma ("Humiliated, almost").
- **Experiencer.** A first-person or reflexive word inside the cue decides ("that's on me", "hard
  on yourself"); then an object pronoun right after it ("it scares me"); then the nearest subject
  before it in the sentence: I/we/me/my -> speaker, you -> addressee, he/she/they, names
  (capitalised words), "my boss", "the drivers", "everyone" -> other; an object pronoun counts
  only when it directly precedes the cue ("it made him furious"). Without one: "what if" and
  "what's the point" are the speaker's own; a question, an imperative ("don't dread it!") and "that
  sounds/must have been..." address the listener; a verbless fragment ("Absolutely livid.") keeps
  the experiencer of the previous sentence's last cue; anything else is the speaker's.

Blind spots: sarcasm ("Craig's thrilled, obviously") and irony read literally; generic "you"
("the thing you're scared of") reads as the addressee; hypotheticals ("I'd be gutted if he left")
and quoted labels ("the angry Black woman") read as felt; emotions denied but shown ("I'm not
angry, I'm passionate") read as denied; "I'm afraid I'll..." reads as the politeness formula; an
emotion told only through events ("he's going, he doesn't know yet") has no cue. Tears are
sadness even when they are joy's.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from coachlens.analysis.vocabulary import Intensity
from coachlens.errors import UsageError
from coachlens.transcript.tokens import expand_braces, is_question, sentences, words

SPEAKER = "speaker"
ADDRESSEE = "addressee"
OTHER = "other"

_KINDS = ("named", "implied", "ignore")
_BREAK = ","  # stands for every clause break in a token list
# Clause breaks become one "," token; words follow the pattern of transcript.tokens.words.
_BREAK_MARKS = re.compile(r"[,;:()…]|\.{2,}|\s[-–—]+\s|--")
_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9]+(?:'[A-Za-z]+)*|,")
# The same two steps in one, for lower-case ASCII text: a word (the group), or a clause break.
_ASCII_TOKEN = re.compile(r"([a-z0-9]+(?:'[a-z]+)*)|[,;:()]|\.{2,}|\s-+\s|--")


@dataclass(frozen=True, slots=True)
class EmotionCue:
    """One emotion expression found in a text, read in context."""

    family: str  # one of the lexicon's families
    intensity: Intensity  # after intensifiers and downtoners
    named: bool  # the emotion is named ("ashamed") rather than implied ("that's on me")
    experiencer: str  # "speaker", "addressee" or "other"
    negated: bool  # "I'm not angry", "never felt guilty", "don't dread it!"
    hedged: bool  # "a bit", "kind of", "maybe", "I suppose"
    cue: str  # the matched words as written
    sentence: int  # index into transcript.tokens.sentences(text)


@dataclass(frozen=True, slots=True)
class _Entry:
    family: str | None  # None for an ignore row
    intensity: Intensity
    named: bool
    words: tuple[str, ...]
    after: str  # "", "~" (after a linking word) or "^" (after a feeling verb)


class EmotionLexicon:
    """Emotion phrases indexed by their first two words; build it with `load_lexicon`."""

    __slots__ = ("_by_pair", "_firsts", "_single", "_starts", "families", "size")

    def __init__(self, entries: Iterable[_Entry]) -> None:
        by_pair: dict[tuple[str, str], list[_Entry]] = {}
        single: dict[str, list[_Entry]] = {}
        families: dict[str, None] = {}
        size = 0
        for entry in entries:
            if len(entry.words) == 1:
                single.setdefault(entry.words[0], []).append(entry)
            else:
                by_pair.setdefault((entry.words[0], entry.words[1]), []).append(entry)
            if entry.family is not None:
                families.setdefault(entry.family)
                size += 1
        # Longest first: at each word the longest phrase wins; equal lengths keep file order.
        self._by_pair = {k: tuple(sorted(es, key=lambda e: -len(e.words))) for k, es in by_pair.items()}
        self._single = {k: tuple(es) for k, es in single.items()}
        self._firsts = frozenset(single) | {first for first, _ in by_pair}
        # the tokens a phrase may start at: a first word, or one with "'s" ("anger's just energy")
        self._starts = self._firsts | {f"{first}'s" for first in self._firsts}
        self.families: tuple[str, ...] = tuple(families)
        self.size = size  # expanded emotion phrases, ignore rows not counted

    def match_at(self, tokens: Sequence[str], i: int) -> _Entry | None:
        """Return the longest entry whose phrase starts at ``tokens[i]``, or None."""
        tok = tokens[i]
        if tok not in self._firsts:
            if not tok.endswith("'s") or tok[:-2] not in self._firsts:
                return None
            tok = tok[:-2]  # "anger's just energy"
        if i + 1 < len(tokens):
            nxt = tokens[i + 1]
            candidates = self._by_pair.get((tok, nxt))
            if candidates is None and nxt.endswith("'s"):
                candidates = self._by_pair.get((tok, nxt[:-2]))
            for entry in candidates or ():
                fits = i + len(entry.words) <= len(tokens) and _same(tokens, i, entry.words)
                if fits and (not entry.after or _context_ok(entry.after, tokens, i)):
                    return entry
        for entry in self._single.get(tok, ()):
            if not entry.after or _context_ok(entry.after, tokens, i):
                return entry
        return None


def read_emotions(text: str, lexicon: EmotionLexicon | None = None) -> tuple[EmotionCue, ...]:
    """Return the emotion cues of ``text`` in reading order, each read in its sentence."""
    lex = lexicon if lexicon is not None else default_lexicon()
    may_start = lex._starts.__contains__
    if "’" in text:
        text = text.replace("’", "'")
    found: list[EmotionCue] = []
    previous: str | None = None  # experiencer of the previous sentence's last cue
    denied: EmotionCue | None = None  # the speaker's last denied emotion, for "I am a bit."
    denied_at = -9
    for s_index, sentence in enumerate(sentences(text)):
        marked = ""  # the sentence with its clause breaks marked, made only when needed
        if sentence.isascii():  # one pass: words and breaks at once (issue 9), same tokens
            toks = [t or _BREAK for t in _ASCII_TOKEN.findall(sentence.lower())]
        else:
            marked = _BREAK_MARKS.sub(" , ", sentence)
            toks = _TOKEN.findall(marked.lower())
        raw: list[str] | None = None  # the words as written, only once a cue is found
        in_sentence: list[EmotionCue] = []
        i = 0  # the words before i are used up by a phrase
        # only the words a phrase may start at are looked at (picked out in C; issue 9)
        for j in itertools.compress(range(len(toks)), map(may_start, toks)):
            if j < i:
                continue
            entry = lex.match_at(toks, j)
            if entry is None:
                continue
            i, end = j, j + len(entry.words)
            if entry.family is not None:
                marked = marked or _BREAK_MARKS.sub(" , ", sentence)
                raw = raw or _cased(marked, toks)
                cue = _read_cue(entry, entry.family, sentence, raw, toks, (i, end), s_index, previous)
                in_sentence.append(cue)
            i = end
        if not in_sentence and denied is not None and s_index - denied_at <= 2:
            marked = marked or _BREAK_MARKS.sub(" , ", sentence)
            restored = _self_correction(toks, denied, _cased(marked, toks), s_index)
            if restored is not None:
                in_sentence.append(restored)
                denied = None
        for cue in in_sentence:
            if cue.negated and cue.experiencer == SPEAKER:
                denied, denied_at = cue, s_index
        if in_sentence:
            previous = in_sentence[-1].experiencer
            found.extend(in_sentence)
        else:
            previous = None
    return tuple(found)


def own_emotions(cues: Iterable[EmotionCue]) -> tuple[EmotionCue, ...]:
    """Return the cues that are the speaker's own and not denied."""
    return tuple(c for c in cues if c.experiencer == SPEAKER and not c.negated)


@cache
def default_lexicon() -> EmotionLexicon:
    """Return the project's lexicon (`lexicons/emotions.tsv`), read once."""
    source = resources.files("coachlens.analysis.lexicons").joinpath("emotions.tsv")
    return parse_lexicon(source.read_text(encoding="utf-8"), "coachlens/analysis/lexicons/emotions.tsv")


def load_lexicon(path: str | os.PathLike[str]) -> EmotionLexicon:
    """Read a practice's own emotion lexicon, in the format of `lexicons/emotions.tsv`."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise UsageError(f"{path}: cannot read the emotion lexicon ({err.strerror}).") from err
    return parse_lexicon(text, str(path))


def parse_lexicon(text: str, source: str = "<lexicon>") -> EmotionLexicon:
    """Build a lexicon from tab-separated rows: family, intensity, kind, phrase."""
    entries: list[_Entry] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        entries.extend(_parse_row(line, source, number))
    if not any(e.family is not None for e in entries):
        raise UsageError(f"{source}: the emotion lexicon has no emotion rows; see docs/emotions.md.")
    return EmotionLexicon(entries)


def _parse_row(line: str, source: str, number: int) -> list[_Entry]:
    def bad(problem: str) -> UsageError:
        return UsageError(f"{source}, line {number}: {problem}; see docs/emotions.md for the format.")

    cells = [c.strip() for c in line.split("\t")]
    if len(cells) != 4:
        raise bad(f"expected 4 tab-separated columns (family, intensity, kind, phrase), found {len(cells)}")
    family, level, kind, pattern = cells
    if kind not in _KINDS:
        raise bad(f"kind {kind!r} is not one of named, implied, ignore")
    if kind == "ignore":
        if (family, level) != ("-", "-"):
            raise bad("an ignore row has '-' as family and intensity")
    elif not family.isidentifier() or family != family.lower():
        raise bad(f"family {family!r} is not a lower-case word")
    elif level not in ("low", "high"):
        raise bad(f"intensity {level!r} is not low or high")
    try:
        phrases = expand_braces(pattern)
    except ValueError:
        raise bad(f"unclosed brace in {pattern!r}") from None
    entries = []
    for phrase in phrases:
        after = phrase[0] if phrase[:1] in ("~", "^") else ""
        toks = tuple(words(phrase[len(after) :]))
        if not toks:
            raise bad(f"empty phrase in {pattern!r}")
        entries.append(
            _Entry(
                family=None if kind == "ignore" else family,
                intensity=Intensity.HIGH if level == "high" else Intensity.LOW,
                named=kind == "named",
                words=toks,
                after=after,
            )
        )
    return entries


# ---------------------------------------------------------------- word classes of the rules


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_LINKING = _set(
    """am is are was were be been being i'm you're we're they're he's she's it's that's feel feels
    felt feeling get gets got getting seem seems seemed look looks looked sound sounds sounded become
    became bit little so really very quite pretty too more less much lot bloody dead proper properly
    rather fairly slightly somewhat mostly sometimes also still all but and not never of just even"""
)
_FEEL = frozenset({"feel", "feels", "felt", "feeling"})
_DEGREE = _set(
    """a an bit little so really very quite pretty too such totally completely utterly absolutely
    just kind sort of slightly somewhat bloody properly proper dead rather more even incredibly
    genuinely actually still also that"""
)
_NEGATORS = _set(
    """not never no hardly barely scarcely nobody nobody's nothing none neither nor without cannot
    stop stopped"""
)
_NOT_NEGATING_NEXT = frozenset({"only", "just", "merely", "simply", "stop", "help"})
_CLAUSE_OPENERS = _set(
    """but because cos cause and when if why how what though although while whereas until unless or
    which who whether where"""
)
_INTENSIFIERS = _set(
    """really so very absolutely completely deeply incredibly totally utterly extremely properly
    bloody truly terribly awfully seriously massively hugely proper dead super too such
    particularly thoroughly desperately immensely enormously horribly unbelievably ridiculously
    fucking bleeding"""
)
_DOWNTONERS = frozenset({"bit", "little", "slightly", "somewhat", "mildly", "kinda", "sorta", "fairly"})
_DOWNTONER_PAIRS = frozenset({("kind", "of"), ("sort", "of"), ("a", "touch"), ("a", "tad")})
_HEDGES = frozenset({"maybe", "perhaps", "probably", "possibly", "almost", "apparently"})
_HEDGE_PAIRS = frozenset(
    {("i", "guess"), ("i", "suppose"), ("i", "think"), ("i", "reckon"), ("kind", "of"), ("sort", "of")}
)
# Words allowed between an intensifier or downtoner and the cue it grades.
_GRADE_GAP = _set("a an of feel felt feels feeling be been get got") | {_BREAK}

_SPEAKER_WORDS = _set("""i i'm i've i'd i'll me my myself mine we we're we've we'd we'll us our ourselves""")
_ADDRESSEE_WORDS = _set("""you you're you've you'd you'll your yourself yourselves""")
_OTHER_WORDS = _set(
    """he he's he'd he'll him his himself she she's she'd she'll her herself they they're they've
    they'd they'll them their themselves everyone everyone's everybody everybody's nobody nobody's
    somebody somebody's someone someone's anyone anybody people"""
)
_OBJECTS = frozenset({"me", "us", "him", "her", "them"})
_IN_CUE = {
    "i": SPEAKER,
    "me": SPEAKER,
    "my": SPEAKER,
    "myself": SPEAKER,
    "we": SPEAKER,
    "us": SPEAKER,
    "our": SPEAKER,
    "ourselves": SPEAKER,
    "yourself": ADDRESSEE,
    "yourselves": ADDRESSEE,
    "himself": OTHER,
    "herself": OTHER,
    "themselves": OTHER,
}
_AFTER_OBJECT = {"me": SPEAKER, "us": SPEAKER, "him": OTHER, "them": OTHER}
# Verbs whose subject feels the emotion: in "I love him" the object is not the experiencer.
_SUBJECT_FEELS = _set(
    """love loved loves adore adored cherish resent resented regret regretted regrets fear feared
    fears dread dreaded dreads dreading enjoy enjoyed enjoying miss missed missing"""
)
_DUMMIES = _set("""it it's it'd it'll that that's this there there's what what's which who thing""")
_REFLECTING = frozenset({"sounds", "sound", "sounded", "seems", "must", "must've"})
_DETERMINERS = _set(
    """the a an my our your his her their this that these those every each some all both any whole
    entire"""
)
_BODY = _set("""heart stomach chest head mind gut body hands legs voice face blood insides nerves""")
# Words that say nothing about who feels: skipped while looking for the subject.
_NEUTRAL = (
    _LINKING
    | _DEGREE
    | _NEGATORS
    | _INTENSIFIERS
    | _HEDGES
    | _set(
        """oh ah um er erm uh well yeah yes ok okay right look listen honestly frankly actually
        basically obviously apparently clearly course mind like now then again already always often
        sometimes today yesterday tonight still ever lots loads to in at on for about with by
        from after before over a an have has had having do does did doing will would should could
        can may might shall i'd've don't didn't doesn't wasn't weren't isn't aren't haven't hasn't
        hadn't won't wouldn't couldn't shouldn't can't god gosh"""
    )
)
_FRAGMENT_OK = _NEUTRAL | {_BREAK}
# A name or "the/my + noun" is the subject only when a verb follows it ("Gary was furious").
_AFTER_NAME = _set(
    """was is were are has had gets got looked looks seemed seems sounded sounds felt feels said says
    went became will would must might can could get feel look seem sound be"""
)
_PREPOSITIONS = _set("""with at about for of to on in""")
_IMPERATIVE_OPENERS = frozenset({"don't", "do", "never", "stop", "try", "be", "please"})
_DISCOURSE = _set("""oh ah well so and but look listen honestly mark okay ok right now just""")
_CORRECTION_OPENERS = _set("""well actually ok okay no yes yeah but though and or alright so""")
_CORRECTION_REST = _set("""a bit little really actually though sort of kind too still now yeah honestly""")


def _cased(marked: str, toks: list[str]) -> list[str]:
    raw: list[str] = _TOKEN.findall(marked)
    return raw if len(raw) == len(toks) else toks  # lower() changed a length: lose the case


def _same(tokens: Sequence[str], i: int, phrase: tuple[str, ...]) -> bool:
    for k in range(2, len(phrase)):
        t = tokens[i + k]
        if t != phrase[k] and not (t.endswith("'s") and t[:-2] == phrase[k]):
            return False
    return True


def _context_ok(marker: str, tokens: Sequence[str], i: int) -> bool:
    if marker == "~":
        return i > 0 and tokens[i - 1] in _LINKING
    for j in range(i - 1, max(-1, i - 5), -1):
        if tokens[j] in _FEEL:
            return True
        if tokens[j] not in _DEGREE:
            return False
    return False


def _read_cue(
    entry: _Entry,
    family: str,
    sentence: str,
    raw: Sequence[str],
    toks: Sequence[str],
    span: tuple[int, int],
    s_index: int,
    previous: str | None,
) -> EmotionCue:
    start, end = span
    intensity, hedged = _grade(entry.intensity, toks, start, end)
    return EmotionCue(
        family=family,
        intensity=intensity,
        named=entry.named,
        experiencer=_experiencer(entry, sentence, raw, toks, start, end, previous),
        negated=_negated(toks, start),
        hedged=hedged,
        cue=" ".join(raw[start:end]),
        sentence=s_index,
    )


def _negated(toks: Sequence[str], start: int) -> bool:
    for j in range(start - 1, max(-1, start - 5), -1):
        t = toks[j]
        if t == _BREAK or t in _CLAUSE_OPENERS:
            return False
        if t == "so" and toks[j + 1] in _SPEAKER_WORDS | _ADDRESSEE_WORDS | _OTHER_WORDS:
            return False  # "so I'm angry": a new clause
        negator = t in _NEGATORS or t.endswith("n't")
        if t == "used" and toks[j + 1] == "to":
            return True  # "I used to love it": no longer
        if t in ("should", "ought", "shouldn't"):
            return True  # "I should be more worried than I am"
        if not negator:
            continue
        if toks[j + 1] in _NOT_NEGATING_NEXT:
            return False  # "not only ... but", "can't help feeling"
        if j > 0 and (toks[j - 1].endswith("n't") or toks[j - 1] == "cannot"):
            return False  # "can't stop worrying"
        # "never been so angry" intensifies.
        return t != "never" or not any(toks[k] in ("so", "more", "as", "this") for k in range(j + 1, start))
    return False


def _grade(base: Intensity, toks: Sequence[str], start: int, end: int) -> tuple[Intensity, bool]:
    level: Intensity | None = None
    hedged = False
    j = start - 1
    while j >= 0 and start - j <= 4:
        t = toks[j]
        negated_grade = j > 0 and (toks[j - 1] == "not" or toks[j - 1].endswith("n't"))  # "not really"
        if t in _INTENSIFIERS and not negated_grade and not (j == 0 and t == "so"):  # "So I'm..."
            level = Intensity.HIGH
            break
        if t in _DOWNTONERS or (j > 0 and (toks[j - 1], t) in _DOWNTONER_PAIRS):
            level, hedged = Intensity.LOW, True
            break
        if t not in _GRADE_GAP:
            break
        j -= 1
    for j in range(start - 1, max(-1, start - 7), -1):
        t = toks[j]
        if t == _BREAK or t in _CLAUSE_OPENERS:
            break
        if t in _HEDGES or (j > 0 and (toks[j - 1], t) in _HEDGE_PAIRS):
            hedged = True
            break
    if end + 1 < len(toks) and toks[end] == _BREAK:
        nxt = toks[end + 1]
        pair = (nxt, toks[end + 2]) if end + 2 < len(toks) else ("", "")
        if nxt in _HEDGES or pair in _HEDGE_PAIRS:
            hedged = True
        elif nxt in _DOWNTONERS or pair in _DOWNTONER_PAIRS or pair == ("a", "bit"):
            level, hedged = Intensity.LOW, True
    return (level or base), hedged


def _experiencer(
    entry: _Entry,
    sentence: str,
    raw: Sequence[str],
    toks: Sequence[str],
    start: int,
    end: int,
    previous: str | None,
) -> str:
    for t in toks[start:end]:
        if t in _IN_CUE:
            return _IN_CUE[t]
    last = toks[end - 1]
    if end < len(toks) and toks[end] in _AFTER_OBJECT and last not in _SUBJECT_FEELS | _PREPOSITIONS:
        return _AFTER_OBJECT[toks[end]]
    reflecting = False
    fragment = True
    adjacent = True  # only linking and degree words so far: an object pronoun here feels it
    for j in range(start - 1, max(-1, start - 11), -1):
        t = toks[j]
        if t in _SPEAKER_WORDS:
            if t not in _OBJECTS or adjacent:
                return SPEAKER
        elif t in _ADDRESSEE_WORDS:
            if t not in _OBJECTS or adjacent:
                return ADDRESSEE
        elif t in _OTHER_WORDS:
            if t not in _OBJECTS or adjacent:
                return OTHER
        elif t in _DUMMIES:
            fragment = False
        elif t in _REFLECTING:
            reflecting = True
        elif t not in _FRAGMENT_OK:
            fragment = False
            verb_follows = j + 1 == start or t.endswith("'s") or toks[j + 1] in _AFTER_NAME
            if raw[j][0].isupper() and verb_follows:
                return OTHER  # a name: "Rhian was furious", "Craig's thrilled"
            if j > 0 and toks[j - 1] in _DETERMINERS and verb_follows:
                if toks[j - 1] in ("my", "our") and t in _BODY:
                    return SPEAKER  # "my heart was going"
                return OTHER  # "the drivers are", "my boss was", "her planners are"
        if t not in _LINKING and t not in _DEGREE and t != _BREAK and t != "to":
            adjacent = False
    if entry.words[0] in ("what", "what's", "how"):
        return SPEAKER  # "what if it goes wrong?", "what's the point": voiced worry
    if reflecting or is_question(sentence) or _imperative(toks):
        return ADDRESSEE
    if fragment and previous is not None:
        return previous
    return SPEAKER


def _imperative(toks: Sequence[str]) -> bool:
    for t in toks:
        if t == _BREAK or t in _DISCOURSE:
            continue
        return t in _IMPERATIVE_OPENERS
    return False


def _self_correction(
    toks: Sequence[str], denied: EmotionCue, raw: Sequence[str], s_index: int
) -> EmotionCue | None:
    """Return the denied emotion restored by "Well. I am a bit.", or None for any other sentence."""
    ws = [t for t in toks if t != _BREAK]
    k = 0
    while k < len(ws) and ws[k] in _CORRECTION_OPENERS:
        k += 1
    if k + 1 >= len(ws) or ws[k] not in ("i", "we") or ws[k + 1] not in ("am", "are", "do"):
        return None
    rest = ws[k + 2 :]
    if any(t not in _CORRECTION_REST for t in rest):
        return None
    hedged = any(t in ("bit", "little", "sort", "kind") for t in rest)
    return EmotionCue(
        family=denied.family,
        intensity=Intensity.LOW if hedged else denied.intensity,
        named=denied.named,
        experiencer=SPEAKER,
        negated=False,
        hedged=hedged,
        cue=" ".join(w for w in raw if w[0].isalnum()),
        sentence=s_index,
    )
