"""The turn-taking timeline: a lane per speaker, a bar per turn, marks for silences and cut-ins."""

from __future__ import annotations

import dataclasses
import json
import re

from coachlens.analysis import analyze_transcript
from coachlens.analysis.dynamics import Dynamics
from coachlens.reports.timeline import PALETTE, build_timeline, clock
from coachlens.transcript.load import parse_transcript, read_transcript
from tests.conftest import EXAMPLES, FIXTURES


def _session(turns: list[tuple[str, str, float, float]]) -> bytes:
    return json.dumps(
        {"utterances": [{"speaker": s, "text": t, "start": a, "end": b} for s, t, a, b in turns]}
    ).encode()


# Coach Ana and client Ben. Ana's two cues merge into turn 0 (0-8 s); Ben's turn 1 starts 1 s before
# it ends (a cut-in); a 6-second silence falls between turn 1 (ends 16 s) and Ana's turn 2 (22 s).
SMALL = _session(
    [
        ("Ana", "What would you like to work on today, and what would make it useful?", 0, 5),
        ("Ana", "Take your time.", 5, 8),
        ("Ben", "The board meeting, I think, and how I come across in it", 7, 16),
        ("Ana", "What do you notice about how you come across?", 22, 26),
        ("Ben", "That I talk too fast when I'm nervous.", 27, 30),
    ]
)


def test_lanes_bars_and_marks_of_a_small_session() -> None:
    analysis = analyze_transcript(parse_transcript(SMALL, "small.json"))
    d = analysis.details["dynamics"]
    assert isinstance(d, Dynamics)
    assert [s.broken_by for s in d.silences] == [2]
    assert d.interruptions == (1,)
    tl = build_timeline(analysis)
    assert [(lane.speaker, str(lane.role), lane.colour) for lane in tl.lanes] == [
        ("Ana", "coach", PALETTE[0]),
        ("Ben", "client", PALETTE[1]),
    ]
    assert tl.axis == "minutes"
    assert tl.svg.count("<rect x=") == len(analysis.transcript)
    assert tl.svg.count('class="silence"') == 1
    assert tl.svg.count("cuts in</title></path>") == 1
    assert "Ana (coach)</text>" in tl.svg
    assert 'role="img"' in tl.svg
    assert '<desc id="timeline-desc">' in tl.svg
    assert "1 silence marked (coach 1). 1 cut-in marked (client 1)." in tl.summary


def test_without_timestamps_the_axis_counts_turns_and_no_silence_is_drawn() -> None:
    analysis = analyze_transcript(read_transcript(EXAMPLES / "hughes_session.txt"))
    tl = build_timeline(analysis)
    assert tl.axis == "turns"
    assert "Turn number (no timestamps)" in tl.svg
    assert 'class="silence"' not in tl.svg
    assert "Silences cannot be measured without timestamps." in tl.summary


def test_timeline_without_dynamics_still_draws_turns() -> None:
    analysis = analyze_transcript(read_transcript(FIXTURES / "zoom_split_cues.vtt"))
    tl = build_timeline(dataclasses.replace(analysis, details={}))
    assert tl.svg.count("<rect x=") == len(analysis.transcript)
    assert (tl.silences, tl.interruptions) == (0, 0)


def test_coordinates_have_at_most_one_decimal() -> None:
    tl = build_timeline(analyze_transcript(read_transcript(EXAMPLES / "ellison_session1_zoom.vtt")))
    numbers = re.findall(r'(?:x|y|width|height|x1|x2|y1|y2)="(-?[\d.]+)"', tl.svg)
    numbers += re.findall(r"[\d.]+", " ".join(re.findall(r' d="([^"]+)"', tl.svg)))
    assert numbers
    assert [n for n in numbers if "." in n and len(n.split(".")[1]) > 1] == []


def test_clock_reads_minutes_and_hours() -> None:
    assert [clock(None), clock(0), clock(61.9), clock(3725)] == ["", "0:00", "1:01", "1:02:05"]
