"""Topic shifts and agenda setting: who moves the conversation, and who follows.

A TextTiling-style detector written for two-party talk (Hearst 1997 scores gaps between blocks of
text; here the blocks are turns). For the gap before each turn, the content words of the turns
before it (a window of about ``window_words`` content words) are compared with those from it on
(the same size), by cosine similarity. A topic shift is a valley: the gap's depth (how far the
similarity falls from the nearest peaks on either side) is far above the session's typical
depth; such a valley is credited to the first turn around it that brings words new to the
conversation which the talk then keeps using. Most topic moves in coaching are announced, so a
sentence opening with a shift marker is a shift on its own: a strong one ("Anyway,", "let's move
on to", "can I talk about") always, a weak one ("And the...", "What about...") when its turn brings
a new word or is a short question. The other party *followed* unless their next turn declines:
it asks to stay with the old topic ("Before we do...") or uses only the old topic's words.

Agenda: the first agenda statement ("I want to start with", "today I want us to cover", "shall we
start with", "three things") in the first third of the session, whose words the session goes on
to use. Without one the agenda is left unknown rather than guessed.

Blind spots: a shift that reuses the old topic's vocabulary ("back to Jim") is found only through
its marker; a topic that drifts over several turns gives a shallow valley and may be missed; very
short sessions (under about 20 turns) give too few gaps for a typical depth.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from coachlens.analysis.lexicons.function_words import STOP_WORDS
from coachlens.transcript import Transcript
from coachlens.transcript.tokens import PhraseSet, sentences, words


@dataclass(frozen=True, slots=True)
class TopicConfig:
    """Thresholds of the topic-shift detector."""

    window_words: int = 40  # content words on each side of a gap
    window_turns: int = 8  # at most this many turns on each side
    depth_sd: float = 2.5  # without a marker, a valley deeper than mean + depth_sd * sd is a shift
    min_gap_turns: int = 3  # shifts closer than this are one shift (the deeper one is kept)
    min_new_words: int = 2  # the initiating turn brings at least this many new content words


DEFAULT_TOPICS = TopicConfig()


@dataclass(frozen=True, slots=True)
class TopicShift:
    """A change of topic at utterance ``index``. ``reply`` is the other party's next turn (None when
    they never spoke again); ``followed_by`` is that turn when it went along with the new topic, else
    None (``declined``: it asked to stay with, or went back to, the old topic)."""

    index: int
    speaker: str
    marker: bool  # announced by a shift marker rather than found as a lexical valley
    new_words: tuple[str, ...]  # the content words it brought, most used first
    reply: int | None
    followed_by: int | None
    declined: bool


@dataclass(frozen=True, slots=True)
class Agenda:
    """Who named the topic the session then worked on, in an agenda statement at ``index``."""

    index: int
    speaker: str


def content_words(text: str | list[str]) -> list[str]:
    """Return the topic-bearing words of ``text`` (or of its `words`): no function words or small
    talk, plurals folded."""
    out = []
    for w in words(text) if isinstance(text, str) else text:
        if len(w) < 3 or w in STOP_WORDS or w.isdigit():
            continue
        if w.endswith("'s"):
            w = w[:-2]
        elif len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out


# Sentence openers that announce a new topic. "strong" ones count on their own ("Anyway."); "weak"
# ones ("And then", "And what about") only when the turn brings words new to the conversation.
_SHIFT_MARKERS = {
    "strong": [
        "anyway",
        "anyhow",
        "{moving,move} on",
        "let's move on",
        "{let's,can we,could we,shall we} {talk about,turn to,move to,look at it,go back to,come back to}",
        "{let's,can we,could we,shall we} {do,get to,come to} the",
        "{can,could,may} i {talk about,bring,raise,mention,ask about,go back to,come back to}",
        "can i actually",
        "i'd like to go back to",
        "{coming,going,to come,to go} back to",
        "{there's,there is} something else",
        "{something,one thing} else",
        "{another,the other,third,second,next,last,final} thing",
        "that's another thing",
        "on {another,a different} note",
        "{changing,to change} the subject",
        "{i'm,i am} {conscious,aware,mindful} of {the,} time",
        "to pull it together",
        "before we {finish,close,wrap up,get into anything}",
        "while i think of it",
        "by the way",
        "{speaking,talking} of",
        "i {wanted,want} to tell you about",
        "{i,i've} {wanted,want} to {bring,raise,mention}",
        "did you see about",
        "{did,have} i {tell,told} you",
        "the real {problem,issue,thing,decision,headache}",
        "bigger problem",
        "it's the {second,other} one",
        "tell me about",
        "let's look at",
        "{three,two} things",
        "homework",
        "{shall we,let's} crack on",
        "i {did,do} want to talk about",
        "i haven't told you about",
        "{look,so} can we",
        "what's the time",
        "{i want,i'd like} to make sure we",
        "{here,right,now} did you",
    ],
    "weak": [
        "{and,so,but,now,right,okay} the",
        "and then {there's,there,i've,we've}",
        "and {what,how} about",
        "what about",
        "{and,so,but,now,right,okay} {your,his,her}",
        "here did",
        "now",
        "you mentioned",
        "{but,okay} practically",
        "and {where,what,how} do you",
        "and on the",
        "on the {people,money,other,work,home} side",
    ],
}
_AGENDA_MARKERS = {
    "agenda": [
        "i want to start with",
        "i want {us,to} {to,} {cover,talk,start,look,focus,bring}",
        "{today,first} i want",
        "{i'd,i would} like to {talk,start,cover,focus,look,bring,use}",
        "i {did,do} want to talk",
        "{can,could,shall} we start with",
        "{let's,lets} start with",
        "{three,two,four,a few,couple of} things",
        "{what,the thing} i {wanted,want} to {bring,talk,cover}",
        "i'd {jotted,written,noted} down",
        "{i've,i} {been,} {thinking,thought} about what",
        "on my list",
    ]
}
_HANDBACK = re.compile(r"\b(?:you tell me|up to you|i haven't thought about it|whatever you think)\b")


@cache
def _shift_markers() -> PhraseSet:
    return PhraseSet(_SHIFT_MARKERS)


@cache
def _agenda_markers() -> PhraseSet:
    return PhraseSet(_AGENDA_MARKERS)


def shift_marker(text: str) -> str | None:
    """Return "strong" or "weak" when a sentence of ``text`` opens with a topic-shift marker."""
    markers = _shift_markers()
    found = None
    n = 0
    for sentence in sentences(text):
        head = words(sentence[:80])[:8]
        # The marker starts within the first two words ("So, anyway", "Okay. Now, ...").
        labels = {markers.match_at(head, 0), markers.match_at(head, 1)}
        label = "strong" if "strong" in labels else "weak" if "weak" in labels else None
        if label == "strong":
            return label
        if n < 2:  # a weak marker deep inside a story is narration ("and then he said")
            found = found or label
        if len(head) > 1:  # "Right." or "So." before the marker does not count as a sentence
            n += 1
    return found


def analyze_topics(
    transcript: Transcript,
    config: TopicConfig = DEFAULT_TOPICS,
    tokens: Sequence[list[str]] | None = None,
) -> tuple[tuple[TopicShift, ...], Agenda | None]:
    """Return the topic shifts of the session, in order, and who set the agenda.

    ``tokens``: the `words` of each utterance when the caller has them already.
    """
    utterances = transcript.utterances
    tokens = tokens if tokens is not None else [words(u.text) for u in utterances]
    bags = _Bags([content_words(ws) for ws in tokens], config)
    markers = [shift_marker(u.text) for u in utterances]
    found: dict[int, bool] = {}  # initiating turn -> opened with a marker
    for i, label in enumerate(markers):
        if i == 0 or label is None:
            continue
        # A weak marker counts with a new word, or in a short question ("And the vendor? Who's...?")
        short_question = len(tokens[i]) <= 15 and "?" in utterances[i].text
        if label == "strong" or short_question or bags.new_words(i):
            found[i] = True
    depths = _depths(_gap_similarities(bags))
    for gap in _valleys(depths, config):
        index = _initiator(gap, bags, config)
        if index is not None and all(abs(index - k) >= config.min_gap_turns for k in found):
            found[index] = False
    shifts = []
    for index in sorted(found):
        reply, declined = _response(index, transcript, bags)
        shifts.append(
            TopicShift(
                index=index,
                speaker=utterances[index].speaker,
                marker=found[index],
                new_words=bags.new_words(index),
                reply=reply,
                followed_by=None if declined else reply,
                declined=declined,
            )
        )
    return tuple(shifts), _agenda(transcript, bags.bags, tokens)


class _Bags:
    """The content words of every turn, with the windows around each turn computed once."""

    def __init__(self, bags: list[list[str]], config: TopicConfig) -> None:
        self.bags = bags
        self.config = config
        self._windows: dict[tuple[int, int], Counter[str]] = {}
        self._new: dict[int, tuple[str, ...]] = {}

    def __len__(self) -> int:
        return len(self.bags)

    def window(self, start: int, step: int) -> Counter[str]:
        """Content words of up to ``window_turns`` turns from ``start`` in direction ``step``."""
        found = self._windows.get((start, step))
        if found is None:
            found = Counter()
            bags, i, turns, size = self.bags, start, 0, 0
            limit_turns, limit_words = self.config.window_turns, self.config.window_words
            while 0 <= i < len(bags) and turns < limit_turns and size < limit_words:
                found.update(bags[i])
                size += len(bags[i])
                i += step
                turns += 1
            self._windows[(start, step)] = found
        return found

    def new_words(self, index: int) -> tuple[str, ...]:
        """Content words of turn ``index`` absent from the talk before it and used again after it."""
        new = self._new.get(index)
        if new is None:
            before = self.window(index - 1, -1) if index else Counter()
            after = self.window(index + 1, 1)
            counts = Counter(w for w in self.bags[index] if w not in before and w in after)
            new = self._new[index] = tuple(w for w, _ in counts.most_common())
        return new


_GAP_BLOCK = 256  # gaps scored together in `_gap_similarities`: bounds its dense count matrices


def _gap_similarities(bags: _Bags) -> list[float]:
    """Cosine similarity across the gap before each turn (index 0 has no gap and scores 1).

    The windows are those of `_Bags.window`; their word counts are differences of running totals
    over the turns, a block of gaps at a time, in numpy (issue 9). Dot products and squared norms
    are sums of integers, so every similarity is the same float as counting word by word.
    """
    n = len(bags)
    if n < 2:
        return [1.0]
    ids: dict[str, int] = {}
    columns = np.fromiter((ids.setdefault(w, len(ids)) for bag in bags.bags for w in bag), dtype=np.int64)
    sizes = np.fromiter(map(len, bags.bags), dtype=np.int64, count=n)
    totals = np.concatenate(([0], np.cumsum(sizes)))  # words in the turns before each turn
    gaps = np.arange(1, n)
    left = _window_turns(totals, gaps, -1, bags.config)  # turns gap-1, gap-2, ... in the window
    right = _window_turns(totals, gaps, 1, bags.config)  # turns gap, gap+1, ...
    rows = np.repeat(np.arange(n), sizes)
    vocabulary = max(len(ids), 1)
    sims = [1.0]
    for a in range(0, len(gaps), _GAP_BLOCK):
        g, lo_n, hi_n = gaps[a : a + _GAP_BLOCK], left[a : a + _GAP_BLOCK], right[a : a + _GAP_BLOCK]
        lo, hi = int((g - lo_n).min()), int((g + hi_n).max())  # the turns the block's windows cover
        part = slice(totals[lo], totals[hi])
        counts = np.bincount(
            (rows[part] - lo) * vocabulary + columns[part], minlength=(hi - lo) * vocabulary
        ).reshape(hi - lo, vocabulary)
        running = np.zeros((hi - lo + 1, vocabulary), dtype=np.int64)
        np.cumsum(counts, axis=0, out=running[1:])
        before = running[g - lo] - running[g - lo_n - lo]
        after = running[g + hi_n - lo] - running[g - lo]
        dots = np.einsum("ij,ij->i", before, after).astype(np.float64)
        norms = np.sqrt(np.einsum("ij,ij->i", before, before).astype(np.float64))
        norms *= np.sqrt(np.einsum("ij,ij->i", after, after).astype(np.float64))
        sims += np.divide(dots, norms, out=np.zeros_like(dots), where=norms != 0).tolist()
    return sims


def _window_turns(
    totals: npt.NDArray[np.int64], starts: npt.NDArray[np.int64], step: int, config: TopicConfig
) -> npt.NDArray[np.int64]:
    """How many turns `_Bags.window` takes from ``starts - 1`` backwards (``step`` -1) or from
    ``starts`` on (1): up to ``window_turns`` turns, adding one while the words so far are fewer
    than ``window_words`` (``totals`` counts the words before each turn)."""
    n = len(totals) - 1
    taken = np.zeros(len(starts), dtype=np.int64)
    for k in range(config.window_turns):
        if step < 0:
            inside = starts - k >= 1
            so_far = totals[starts] - totals[np.maximum(starts - k, 0)]
        else:
            inside = starts + k <= n - 1
            so_far = totals[np.minimum(starts + k, n)] - totals[starts]
        taken += inside & (so_far < config.window_words)
    return taken


def _depths(sims: list[float]) -> list[float]:
    """TextTiling depth: climb to the nearest peak on each side and add the two rises."""
    depths = [0.0] * len(sims)
    for i in range(1, len(sims)):
        left = i
        while left > 1 and sims[left - 1] >= sims[left]:
            left -= 1
        right = i
        while right + 1 < len(sims) and sims[right + 1] >= sims[right]:
            right += 1
        depths[i] = (sims[left] - sims[i]) + (sims[right] - sims[i])
    return depths


def _valleys(depths: list[float], config: TopicConfig) -> list[int]:
    """Gaps whose depth stands out from the session's typical depth, deepest first kept."""
    if len(depths) < 3:
        return []
    values = depths[1:]
    cutoff = statistics.fmean(values) + config.depth_sd * statistics.pstdev(values)
    kept: list[int] = []
    for i in sorted(range(1, len(depths)), key=lambda i: (-depths[i], i)):
        if depths[i] <= cutoff:
            break
        if all(abs(i - k) >= config.min_gap_turns for k in kept):
            kept.append(i)
    return sorted(kept)


def _initiator(gap: int, bags: _Bags, config: TopicConfig) -> int | None:
    """The first turn around the gap that names the new topic: new words the talk keeps using."""
    for i in (gap - 1, gap, gap + 1):
        if 1 <= i < len(bags) and len(bags.new_words(i)) >= config.min_new_words:
            return i
    return None


_DECLINE = re.compile(
    r"\b(?:stay with (?:this|that|it)|before we (?:do|go|move|get)|"
    r"(?:come|go|get) back to (?:this|that|what)|"
    r"hold on|just before we|i'd like to (?:stay|come back|go back)|not yet|can we not)\b"
)


def _response(index: int, transcript: Transcript, bags: _Bags) -> tuple[int | None, bool]:
    """The other party's next turn, and whether it declined the new topic.

    Declining is read from what the reply says ("Would it be alright to stay with this?", "Before we
    do, ..."); a reply that only uses words of the old topic and none of the new also declines.
    """
    speaker = transcript[index].speaker
    reply = next((u.index for u in transcript.utterances[index + 1 :] if u.speaker != speaker), None)
    if reply is None:
        return None, False
    if _DECLINE.search(transcript[reply].text.lower()):
        return reply, True
    old = bags.window(index - 1, -1) if index else Counter()
    new = set(bags.new_words(index))
    reply_words = set(bags.bags[reply])
    declined = len(new) >= 3 and not reply_words & new and len(reply_words & set(old) - new) >= 2
    return reply, declined


def _agenda(transcript: Transcript, bags: list[list[str]], tokens: Sequence[list[str]]) -> Agenda | None:
    """The first agenda statement in the first third whose words the session uses again."""
    n = len(bags)
    later = Counter(w for bag in bags for w in set(bag))
    statements = _agenda_markers()
    for u in transcript.utterances[: max(3, n // 3)]:
        stated = statements.count(tokens[u.index])["agenda"] and not _HANDBACK.search(u.text.lower())
        if stated and any(later[w] >= 3 for w in set(bags[u.index])):
            return Agenda(index=u.index, speaker=u.speaker)
    return None
