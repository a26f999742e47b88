"""Turn a reader's cues into a `Transcript`: validate times, normalise, merge turns, assign roles."""

from __future__ import annotations

from dataclasses import replace

from coachlens.errors import InvalidTranscript
from coachlens.transcript.cues import Cue
from coachlens.transcript.model import Role, Source, Transcript, Utterance
from coachlens.transcript.normalize import normalize_name, normalize_text
from coachlens.transcript.roles import RoleHints, assign_roles

MAX_UTTERANCE_CHARS = 100_000
# Captions may restart a cue a moment before the previous one began; beyond this they go backwards.
_BACKWARDS_TOLERANCE_S = 1.0


def build_transcript(cues: list[Cue], source: Source, hints: RoleHints | None = None) -> Transcript:
    """Return the transcript these cues make; raise `InvalidTranscript` when they cannot make one."""
    path = source.path
    if not cues:
        raise InvalidTranscript(path, "contains no speech", hint="check it is the transcript, not the recording's notes")
    turns: list[Utterance] = []
    previous_start: float | None = None
    current: str | None = None
    for cue in cues:
        _check_times(cue, previous_start, path)
        if cue.start is not None:
            previous_start = cue.start
        speaker = normalize_name(cue.speaker) if cue.speaker else current
        if speaker is None:
            continue  # text before the first labelled turn: a title or preamble
        text = normalize_text(cue.text)
        if len(text) > MAX_UTTERANCE_CHARS:
            raise InvalidTranscript(
                path, f"one turn is {len(text):,} characters long, more than the {MAX_UTTERANCE_CHARS:,} "
                "a spoken turn can plausibly hold", line=cue.line,
                hint="check that the speaker labels are on their own lines",
            )
        if not text:
            continue
        current = speaker
        if turns and turns[-1].speaker == speaker:
            last = turns[-1]
            end = cue.end if cue.end is not None else last.end
            turns[-1] = replace(last, text=f"{last.text} {text}", end=end)
        else:
            turns.append(Utterance(index=len(turns), speaker=speaker, role=Role.OTHER, text=text,
                                   start=cue.start, end=cue.end, line=cue.line))
    if not turns:
        raise InvalidTranscript(path, "found no speaker labels",
                                hint='start each turn with the speaker\'s name, as in "Ruth: How are you?"')
    names = list(dict.fromkeys(u.speaker for u in turns))
    if len(names) < 2:
        raise InvalidTranscript(
            path, f"has only one speaker ({names[0]})",
            hint="coachlens reads conversations; check every turn carries its speaker's name",
        )
    speakers = assign_roles(tuple(turns), tuple(names), hints or RoleHints(), path)
    role_of = {s.name: s.role for s in speakers}
    utterances = tuple(replace(u, role=role_of[u.speaker]) for u in turns)
    return Transcript(utterances=utterances, speakers=speakers, source=source)


def _check_times(cue: Cue, previous_start: float | None, path: str) -> None:
    if cue.start is None:
        return
    if cue.end is not None and cue.end < cue.start:
        raise InvalidTranscript(path, "this turn ends before it starts", line=cue.line,
                                hint="correct its timing")
    if previous_start is not None and cue.start < previous_start - _BACKWARDS_TOLERANCE_S:
        raise InvalidTranscript(
            path, f"the timestamps go backwards here ({_clock(cue.start)} after {_clock(previous_start)})",
            line=cue.line, hint="check whether two transcripts were joined or a time was mistyped",
        )


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
