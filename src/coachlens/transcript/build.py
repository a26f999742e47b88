"""Turn a reader's cues into a `Transcript`: validate times, normalise, merge turns, assign roles."""

from __future__ import annotations

from coachlens.errors import InvalidTranscript
from coachlens.transcript.cues import Cue
from coachlens.transcript.model import Source, Transcript, Utterance
from coachlens.transcript.normalize import normalize_name, normalize_text
from coachlens.transcript.roles import RoleHints, assign_roles

MAX_UTTERANCE_CHARS = 100_000
# Captions may restart a cue a moment before the previous one began; beyond this they go backwards.
_BACKWARDS_TOLERANCE_S = 1.0


def build_transcript(cues: list[Cue], source: Source, hints: RoleHints | None = None) -> Transcript:
    """Return the transcript these cues make; raise `InvalidTranscript` when they cannot make one."""
    path = source.path
    if not cues:
        raise InvalidTranscript(
            path, "contains no speech", hint="check it is the transcript, not the recording's notes"
        )
    turns: list[_Turn] = []
    previous_start: float | None = None
    current: str | None = None
    names_seen: dict[str, str] = {}
    for cue in cues:
        _check_times(cue, previous_start, path)
        if cue.start is not None:
            previous_start = cue.start
        if cue.speaker:
            speaker: str | None = names_seen.get(cue.speaker)
            if speaker is None:
                speaker = names_seen[cue.speaker] = normalize_name(cue.speaker)
        else:
            speaker = current
        if speaker is None:
            continue  # text before the first labelled turn: a title or preamble
        text = cue.text.strip()
        if not text:
            continue
        current = speaker
        if turns and turns[-1].speaker == speaker:
            turns[-1].add(text, cue.end)
        else:
            turns.append(_Turn(speaker, [text], cue.start, cue.end, cue.line))
    for turn in turns:
        if sum(map(len, turn.texts)) > MAX_UTTERANCE_CHARS:
            raise InvalidTranscript(
                path,
                f"one turn is {sum(map(len, turn.texts)):,} characters long, more than the "
                f"{MAX_UTTERANCE_CHARS:,} a spoken turn can plausibly hold",
                line=turn.line,
                hint="check that the speaker labels are on their own lines",
            )
    if not turns:
        raise InvalidTranscript(
            path,
            "found no speaker labels",
            hint='start each turn with the speaker\'s name, as in "Ruth: How are you?"',
        )
    names = list(dict.fromkeys(t.speaker for t in turns))
    if len(names) < 2:
        raise InvalidTranscript(
            path,
            f"has only one speaker ({names[0]})",
            hint="coachlens reads conversations; check every turn carries its speaker's name",
        )
    texts = [normalize_text(" ".join(t.texts)) for t in turns]
    speakers = assign_roles(
        [(t.speaker, text) for t, text in zip(turns, texts, strict=True)],
        tuple(names),
        hints or RoleHints(),
        path,
    )
    role_of = {s.name: s.role for s in speakers}
    utterances = tuple(
        Utterance(
            index=i,
            speaker=t.speaker,
            role=role_of[t.speaker],
            text=text,
            start=t.start,
            end=t.end,
            line=t.line,
        )
        for i, (t, text) in enumerate(zip(turns, texts, strict=True))
    )
    return Transcript(utterances=utterances, speakers=speakers, source=source)


class _Turn:
    """A turn being assembled from consecutive cues of one speaker."""

    __slots__ = ("end", "line", "speaker", "start", "texts")

    def __init__(
        self, speaker: str, texts: list[str], start: float | None, end: float | None, line: int | None
    ) -> None:
        self.speaker, self.texts, self.start, self.end, self.line = speaker, texts, start, end, line

    def add(self, text: str, end: float | None) -> None:
        self.texts.append(text)
        if end is not None:
            self.end = end


def _check_times(cue: Cue, previous_start: float | None, path: str) -> None:
    if cue.start is None:
        return
    if cue.end is not None and cue.end < cue.start:
        raise InvalidTranscript(
            path, "this turn ends before it starts", line=cue.line, hint="correct its timing"
        )
    if previous_start is not None and cue.start < previous_start - _BACKWARDS_TOLERANCE_S:
        raise InvalidTranscript(
            path,
            f"the timestamps go backwards here ({_clock(cue.start)} after {_clock(previous_start)})",
            line=cue.line,
            hint="check whether two transcripts were joined or a time was mistyped",
        )


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
