"""The turn-taking timeline of the HTML report: an inline SVG with one lane per speaker.

The x-axis is in minutes when every turn has a start time, in turn numbers otherwise. Silences
(hatched bands) and cut-ins (triangles) come from the dynamics analyzer when it ran. Colours are
the Okabe-Ito palette, and nothing depends on colour alone: lanes carry the speaker's name and
role, marks differ in shape, and the page states the legend and a summary in text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from coachlens.analysis import Analysis
from coachlens.analysis.dynamics import Dynamics, Silence
from coachlens.transcript import Role, Transcript
from coachlens.transcript.tokens import words

# Okabe & Ito (2008), in an order that keeps the first two (coach, client) apart for every
# kind of colour vision and above 3:1 contrast on white; orange and yellow are left out for contrast.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#000000")
ROLE_ORDER = (Role.COACH, Role.CLIENT, Role.SPONSOR, Role.THERAPIST, Role.OTHER)

_WIDTH = 1000.0
_LABEL_W = 190.0  # left gutter for the lane labels
_PLOT_W = _WIDTH - _LABEL_W - 14.0
_LANE_H = 34.0
_BAR_Y = 12.0  # bar offset inside its lane; the cut-in triangle sits above it
_BAR_H = 18.0
_TOP = 4.0
_AXIS_H = 40.0
_MIN_BAR = 0.6  # a turn of a second still shows in a two-hour session
_MIN_SILENCE = 2.0
_WORDS_PER_SECOND = 2.5  # only to end the last turn when the transcript gives no end time


@dataclass(frozen=True, slots=True)
class Lane:
    """One speaker's lane: who, the colour drawn, and how many turns they took."""

    speaker: str
    role: Role
    colour: str
    turns: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """The timeline as the page shows it: the SVG, its axis unit, lanes for the legend, a text summary."""

    svg: Markup
    axis: str  # "minutes" or "turns"
    lanes: tuple[Lane, ...]
    summary: str
    silences: int
    interruptions: int


def build_timeline(analysis: Analysis) -> Timeline:
    """Return the turn-taking timeline of ``analysis``."""
    t = analysis.transcript
    dynamics = analysis.details.get("dynamics")
    silences = dynamics.silences if isinstance(dynamics, Dynamics) else ()
    cut_ins = dynamics.interruptions if isinstance(dynamics, Dynamics) else ()
    lanes = speaker_lanes(t)
    timed = t.has_timestamps
    spans = _time_spans(t, silences) if timed else [(float(u.index), u.index + 1.0) for u in t]
    extent = max((end for _, end in spans), default=1.0) or 1.0
    summary = _summary(t, lanes, silences, cut_ins, extent if timed else None)
    svg = _svg(t, lanes, spans, extent, timed, silences, cut_ins, summary)
    return Timeline(
        svg=svg,
        axis="minutes" if timed else "turns",
        lanes=lanes,
        summary=summary,
        silences=len(silences),
        interruptions=len(cut_ins),
    )


def speaker_lanes(transcript: Transcript) -> tuple[Lane, ...]:
    """Return one lane per speaker, coach first then client, each with its palette colour."""
    order = sorted(
        transcript.speakers,
        key=lambda s: ROLE_ORDER.index(s.role) if s.role in ROLE_ORDER else len(ROLE_ORDER),
    )
    counts: dict[str, int] = {}
    for u in transcript:
        counts[u.speaker] = counts.get(u.speaker, 0) + 1
    return tuple(
        Lane(s.name, s.role, PALETTE[i % len(PALETTE)], counts.get(s.name, 0)) for i, s in enumerate(order)
    )


def clock(seconds: float | None) -> str:
    """Return seconds as m:ss (h:mm:ss from an hour), or "" when unknown."""
    if seconds is None:
        return ""
    s = int(seconds)
    h, m = divmod(s // 60, 60)
    return f"{h}:{m:02d}:{s % 60:02d}" if h else f"{m}:{s % 60:02d}"


def _time_spans(t: Transcript, silences: Sequence[Silence]) -> list[tuple[float, float]]:
    """Return (start, end) seconds per turn; a turn without an end runs to the next turn.

    When the dynamics analyzer measured a silence before the next turn, the turn ends where that
    silence begins, so bars and silence bands agree with the numbers in the dynamics table.
    """
    gap_before = {s.broken_by: s.seconds for s in silences}
    spans = []
    for u in t:
        start = u.start or 0.0
        if u.end is not None:
            end = u.end
        elif u.index + 1 < len(t):
            following = t[u.index + 1].start or start
            end = following - gap_before.get(u.index + 1, 0.0)
        else:
            end = start + len(words(u.text)) / _WORDS_PER_SECOND
        spans.append((start, max(end, start)))
    return spans


def _summary(
    t: Transcript,
    lanes: Sequence[Lane],
    silences: Sequence[Silence],
    cut_ins: Sequence[int],
    seconds: float | None,
) -> str:
    who = "; ".join(f"{lane.speaker} ({lane.role}) took {lane.turns} turns" for lane in lanes)
    span = f"over {seconds / 60:.0f} minutes" if seconds is not None else "in order (no timestamps)"
    parts = [f"{len(t)} turns {span}: {who}."]
    if seconds is None:
        parts.append("Silences cannot be measured without timestamps.")
    else:
        parts.append(
            f"{_count(len(silences), 'silence')} marked{_by_role(t, [s.broken_by for s in silences])}."
        )
    parts.append(f"{_count(len(cut_ins), 'cut-in')} marked{_by_role(t, cut_ins)}.")
    return " ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _by_role(t: Transcript, indices: Sequence[int]) -> str:
    if not indices:
        return ""
    counts: dict[str, int] = {}
    for i in indices:
        counts[str(t[i].role)] = counts.get(str(t[i].role), 0) + 1
    return " (" + ", ".join(f"{role} {n}" for role, n in counts.items()) + ")"


def _svg(
    t: Transcript,
    lanes: Sequence[Lane],
    spans: Sequence[tuple[float, float]],
    extent: float,
    timed: bool,
    silences: Sequence[Silence],
    cut_ins: Sequence[int],
    summary: str,
) -> Markup:
    scale = _PLOT_W / extent
    lane_of = {lane.speaker: i for i, lane in enumerate(lanes)}
    plot_h = _TOP + _LANE_H * len(lanes)
    height = plot_h + _AXIS_H
    out = [
        f'<svg class="timeline" viewBox="0 0 {_WIDTH:g} {height:g}" role="img" '
        'aria-labelledby="timeline-title timeline-desc">',
        '<title id="timeline-title">Turn-taking timeline</title>',
        f'<desc id="timeline-desc">{escape(summary)}</desc>',
        '<defs><pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="4" height="4" fill="#eee"/>'
        '<line x1="0" y1="0" x2="0" y2="4" stroke="#555" stroke-width="1.5"/></pattern></defs>',
    ]
    out += _axis(extent, timed, plot_h, scale)
    for i, lane in enumerate(lanes):
        y = _TOP + i * _LANE_H
        out.append(
            f'<text class="lane" x="{_LABEL_W - 8:g}" y="{y + _BAR_Y + _BAR_H - 3:g}" text-anchor="end">'
            f"{escape(_short(lane.speaker))} ({lane.role})</text>"
        )
        rule_y = y + _LANE_H
        out.append(f'<line class="rule" x1="{_LABEL_W:g}" x2="{_WIDTH:g}" y1="{rule_y:g}" y2="{rule_y:g}"/>')
    for s in silences:
        end = t[s.broken_by].start or 0.0
        x = _LABEL_W + (end - s.seconds) * scale
        w = max(s.seconds * scale, _MIN_SILENCE)
        out.append(
            f'<rect class="silence" x="{x:.1f}" y="{_TOP:g}" width="{w:.1f}" height="{plot_h - _TOP:g}" '
            f'fill="url(#hatch)"><title>{s.seconds:g} s silence before turn {s.broken_by}</title></rect>'
        )
    for i, lane in enumerate(lanes):
        y = _TOP + i * _LANE_H + _BAR_Y
        out.append(f'<g fill="{lane.colour}">')
        for u in t:
            if u.speaker != lane.speaker:
                continue
            start, end = spans[u.index]
            w = max((end - start) * scale, _MIN_BAR)
            at = f" at {clock(u.start)}" if timed else ""
            out.append(
                f'<rect x="{_LABEL_W + start * scale:.1f}" y="{y:g}" width="{w:.1f}" height="{_BAR_H:g}">'
                f"<title>Turn {u.index}{at}</title></rect>"
            )
        out.append("</g>")
    out.append('<g class="cut-in">')
    for index in cut_ins:
        u = t[index]
        x = _LABEL_W + spans[index][0] * scale
        y = _TOP + lane_of.get(u.speaker, 0) * _LANE_H + _BAR_Y - 1
        out.append(f'<path d="M{x:.1f} {y:g}l-4.5 -8h9z"><title>Turn {index} cuts in</title></path>')
    out.append("</g></svg>")
    return Markup("".join(out))


def _axis(extent: float, timed: bool, plot_h: float, scale: float) -> list[str]:
    """Return the gridlines, tick labels and axis title; ticks every 1-60 min or 5-500 turns."""
    unit = 60.0 if timed else 1.0
    steps = (1, 2, 5, 10, 15, 20, 30, 60) if timed else (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
    largest = steps[-1] * math.ceil(extent / (unit * steps[-1] * 12))  # beyond the table: a multiple
    step = next((s for s in steps if extent / (s * unit) <= 12), largest)
    return axis_svg(extent, timed, step, left=_LABEL_W, top=_TOP, plot_h=plot_h, scale=scale, width=_PLOT_W)


def axis_svg(
    extent: float,
    timed: bool,
    step: int,
    *,
    left: float,
    top: float,
    plot_h: float,
    scale: float,
    width: float,
) -> list[str]:
    """Return an x-axis of a session chart: a gridline and label every ``step`` minutes (or turns,
    without timestamps) across ``extent`` seconds (or turns), and the axis title under its middle."""
    unit = 60.0 if timed else 1.0
    out = ['<g class="axis">']
    tick = 0
    while tick * unit <= extent + 1e-9:
        x = left + tick * unit * scale
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top:g}" y2="{plot_h + 4:g}"/>')
        out.append(f'<text x="{x:.1f}" y="{plot_h + 16:g}" text-anchor="middle">{tick}</text>')
        tick += step
    title = "Time (minutes)" if timed else "Turn number (no timestamps)"
    out.append(
        f'<text class="axis-title" x="{left + width / 2:g}" y="{plot_h + 34:g}" '
        f'text-anchor="middle">{title}</text></g>'
    )
    return out


def _short(name: str, width: int = 18) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"
