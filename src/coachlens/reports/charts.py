"""The response-mix and emotions charts of the HTML report: inline SVG, coloured by report.css.

Both charts carry CSS classes, never colours: the act groups (``act-feeling``...) and the emotion
families (``fam-anger``...) get their colours once, in ``templates/report.css``, which the page
legends share. Nothing depends on colour alone. In the act chart the groups stack in a fixed
order and fixing moves are striped; in the emotion timeline each family has its own labelled row
inside a speaker's lane, named emotions are filled and implied ones outlined, and strong ones are
larger. Every bar and mark has a ``<title>``, and each chart a ``<desc>`` summing it up in words.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from coachlens.analysis.acts import CoachTurnActs
from coachlens.analysis.emotions import Emotion
from coachlens.analysis.vocabulary import COACH_ACTS, Intensity
from coachlens.reports.timeline import ROLE_ORDER, axis_svg, clock
from coachlens.transcript import Role, Transcript


@dataclass(frozen=True, slots=True)
class ActGroup:
    """Coach acts drawn as one colour in the act chart."""

    key: str  # CSS class suffix: "act-feeling"
    label: str
    acts: tuple[str, ...]


# Bottom to top of each bar. Feeling and fixing moves follow DOMAIN.md ("Empathy, feeling and
# fixing"); relational talk acknowledges too (the response analyzer counts it as acknowledging).
ACT_GROUPS: tuple[ActGroup, ...] = (
    ActGroup(
        "feeling",
        "Feeling moves (reflections, open questions, relational)",
        ("reflection_feeling", "reflection_content", "question_open", "relational"),
    ),
    ActGroup(
        "fixing",
        "Fixing moves (advice, suggestion questions, reassurance)",
        ("advice", "suggestion_question", "reassurance"),
    ),
    ActGroup("closed", "Closed questions", ("question_closed",)),
    ActGroup(
        "telling",
        "Information, affirmation, self-disclosure",
        ("information", "affirmation", "self_disclosure"),
    ),
    ActGroup("other", "Other (backchannels, small talk)", ("other",)),
)
GROUP_OF: Mapping[str, ActGroup] = {act: g for g in ACT_GROUPS for act in g.acts}
SLICES = 10

_WIDTH = 1000.0
_ACT_GUTTER = 56.0  # left, for the count ticks
_ACT_PLOT_H = 180.0
_ACT_TOP = 18.0  # room for the totals above the bars
_EMO_GUTTER = 190.0  # left, for the role and family labels
_ROW_H = 13.0
_LANE_PAD = 8.0
_AXIS_H = 40.0


@dataclass(frozen=True, slots=True)
class Chart:
    """An SVG chart and the sentence that sums it up (also its ``<desc>``)."""

    svg: Markup
    summary: str


def session_position(transcript: Transcript, index: int) -> float:
    """Return where utterance ``index`` sits: its start in seconds, or its index without timestamps."""
    u = transcript[index]
    return (u.start or 0.0) if transcript.has_timestamps else float(index)


def session_extent(transcript: Transcript) -> float:
    """Return the length of the x-axis: the last second spoken, or the number of turns."""
    if not transcript.has_timestamps:
        return float(max(len(transcript), 1))
    return max((u.end or u.start or 0.0 for u in transcript), default=1.0) or 1.0


def slice_labels(transcript: Transcript, slices: int) -> list[str]:
    """Return a label per slice: "0–5 min" with timestamps, "turns 0–22" without."""
    extent = session_extent(transcript)
    if transcript.has_timestamps:
        return [
            f"{extent * k / slices / 60:.0f}–{extent * (k + 1) / slices / 60:.0f} min" for k in range(slices)
        ]
    bounds = [math.ceil(extent * k / slices) for k in range(slices + 1)]
    return [
        f"turns {first}–{last}" if last > first else f"turn {first}"
        for first, last in ((bounds[k], bounds[k + 1] - 1) for k in range(slices))
    ]


def act_chart(transcript: Transcript, coach_turns: Mapping[int, CoachTurnActs]) -> Chart | None:
    """Return stacked bars of the coach's sentence acts per tenth of the session, or None without any."""
    if not any(turn.sentences for turn in coach_turns.values()):
        return None
    slices = min(SLICES, len(transcript))
    extent = session_extent(transcript)
    counts = [dict.fromkeys(COACH_ACTS, 0) for _ in range(slices)]
    for index, turn in coach_turns.items():
        k = min(int(session_position(transcript, index) / extent * slices), slices - 1)
        for s in turn.sentences:
            counts[k][s.act] = counts[k].get(s.act, 0) + 1
    labels = slice_labels(transcript, slices)
    totals = {g.key: sum(c.get(a, 0) for c in counts for a in g.acts) for g in ACT_GROUPS}
    n = sum(totals.values())
    summary = (
        f"The coach's {n} sentences in {slices} equal slices of the session"
        f"{'' if transcript.has_timestamps else ' (by turn number: no timestamps)'}: "
        + "; ".join(f"{_short_label(g)} {totals[g.key]}" for g in ACT_GROUPS)
        + "."
    )
    tallest = max(sum(c.values()) for c in counts) or 1
    step = _nice_step(tallest, 5)
    top = step * math.ceil(tallest / step)
    scale = _ACT_PLOT_H / top
    slot = (_WIDTH - _ACT_GUTTER) / slices
    bar_w = slot * 0.68
    base = _ACT_TOP + _ACT_PLOT_H
    out = [
        f'<svg class="chart act-chart" viewBox="0 0 {_WIDTH:g} {base + _AXIS_H:g}" role="img" '
        'aria-labelledby="act-chart-title" aria-describedby="act-chart-desc">',
        '<title id="act-chart-title">The coach\'s acts over the session</title>',
        f'<desc id="act-chart-desc">{escape(summary)}</desc>',
        '<defs><pattern id="act-stripes" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect class="act-fixing-ground" width="6" height="6"/>'
        '<line class="act-stripe" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>',
        '<g class="axis">',
    ]
    for tick in range(0, top + 1, step):
        y = base - tick * scale
        out.append(f'<line x1="{_ACT_GUTTER - 4:g}" x2="{_WIDTH:g}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text x="{_ACT_GUTTER - 8:g}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    out.append(
        f'<text class="axis-title" x="{(_ACT_GUTTER + _WIDTH) / 2:g}" y="{base + 34:g}" '
        'text-anchor="middle">Coach sentences per slice of the session</text></g>'
    )
    for k, slice_counts in enumerate(counts):
        x = _ACT_GUTTER + k * slot + (slot - bar_w) / 2
        y = base
        out.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{base + 16:g}" text-anchor="middle">{escape(labels[k])}</text>'
        )
        for g in ACT_GROUPS:
            acts = [(a, slice_counts.get(a, 0)) for a in g.acts if slice_counts.get(a, 0)]
            height = sum(c for _, c in acts) * scale
            if not acts:
                continue
            y -= height
            detail = f" ({', '.join(f'{a} {c}' for a, c in acts)})" if len(g.acts) > 1 else ""
            out.append(
                f'<rect class="act-{g.key}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{height:.1f}"><title>{escape(labels[k])}: {_short_label(g)} '
                f"{sum(c for _, c in acts)}{detail}</title></rect>"
            )
        total = sum(slice_counts.values())
        if total:
            out.append(
                f'<text class="total" x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" '
                f'text-anchor="middle">{total}</text>'
            )
    out.append("</svg>")
    return Chart(Markup("".join(out)), summary)


@dataclass(frozen=True, slots=True)
class EmotionLane:
    """One role's lane in the emotion timeline: the role and its turns with an emotion."""

    role: Role
    turns: int


def emotion_chart(
    transcript: Transcript, by_utterance: Mapping[int, tuple[Emotion, ...]], families: Sequence[str]
) -> Chart | None:
    """Return the emotion timeline: a lane per role, a row per family, a mark per emotion; or None."""
    if not by_utterance:
        return None
    roles_present = {s.role for s in transcript.speakers}
    with_emotion = {transcript[i].role for i in by_utterance}
    lanes = [
        EmotionLane(r, sum(1 for i in by_utterance if transcript[i].role == r))
        for r in ROLE_ORDER
        if r in roles_present and (r in (Role.COACH, Role.CLIENT) or r in with_emotion)
    ]
    timed = transcript.has_timestamps
    extent = session_extent(transcript)
    plot_w = _WIDTH - _EMO_GUTTER - 10
    scale = plot_w / extent
    lane_h = _ROW_H * len(families) + 2 * _LANE_PAD
    plot_h = lane_h * len(lanes)
    summary = (
        "Emotions over the session: "
        + "; ".join(
            f"{lane.role} {lane.turns} turn{'' if lane.turns == 1 else 's'}"
            + _family_counts(transcript, by_utterance, lane.role)
            for lane in lanes
        )
        + "."
    )
    out = [
        f'<svg class="chart emotion-chart" viewBox="0 0 {_WIDTH:g} {plot_h + _AXIS_H:g}" role="img" '
        'aria-labelledby="emotion-chart-title" aria-describedby="emotion-chart-desc">',
        '<title id="emotion-chart-title">Emotions over the session, per speaker</title>',
        f'<desc id="emotion-chart-desc">{escape(summary)}</desc>',
    ]
    out += _ticks(extent, timed, plot_h, scale)
    row_of = {f: n for n, f in enumerate(families)}
    for n, lane in enumerate(lanes):
        top = n * lane_h
        out.append(f'<rect class="lane-band" x="0" y="{top:g}" width="{_WIDTH:g}" height="{lane_h:g}"/>')
        out.append(f'<text class="lane" x="4" y="{top + lane_h / 2 + 4:g}">{lane.role}</text>')
        for family, row in row_of.items():
            y = top + _LANE_PAD + row * _ROW_H + _ROW_H / 2
            out.append(
                f'<text class="family" x="{_EMO_GUTTER - 8:g}" y="{y + 3.5:g}" text-anchor="end">'
                f"{escape(family)}</text>"
            )
        for index in sorted(by_utterance):
            if transcript[index].role != lane.role:
                continue
            x = _EMO_GUTTER + session_position(transcript, index) * scale
            for e in by_utterance[index]:
                y = top + _LANE_PAD + row_of.get(e.family, 0) * _ROW_H + _ROW_H / 2
                r = 5.5 if e.intensity == Intensity.HIGH else 3.5
                kind = "named" if e.named else "implied"
                at = f" at {clock(transcript[index].start)}" if timed else ""
                out.append(
                    f'<circle class="emo fam-{escape(e.family)} {kind}" cx="{x:.1f}" cy="{y:g}" r="{r:g}">'
                    f"<title>Turn {index}{at} ({lane.role}): {escape(e.family)}, {kind}, {e.intensity}: "
                    f"“{escape(_short(e.cue))}”</title></circle>"
                )
    out.append("</svg>")
    return Chart(Markup("".join(out)), summary)


def _family_counts(
    transcript: Transcript, by_utterance: Mapping[int, tuple[Emotion, ...]], role: Role
) -> str:
    counts: dict[str, int] = {}
    for index, emotions in by_utterance.items():
        if transcript[index].role == role:
            for e in emotions:
                counts[e.family] = counts.get(e.family, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return f" ({', '.join(f'{family} {n}' for family, n in ranked)})" if ranked else ""


def _ticks(extent: float, timed: bool, plot_h: float, scale: float) -> list[str]:
    """Return gridlines and labels every 1-60 minutes or 5-1000 turns, and the axis title."""
    step = _nice_step(extent / (60.0 if timed else 1.0), 12)
    return axis_svg(
        extent, timed, step, left=_EMO_GUTTER, top=0, plot_h=plot_h, scale=scale, width=_WIDTH - _EMO_GUTTER
    )


def _nice_step(extent: float, most: int) -> int:
    """Return the smallest of 1, 2, 5, 10, 20, 25, 50, ... that gives at most ``most`` steps."""
    magnitude = 1
    while True:
        for step in (1, 2, 5) if magnitude == 1 else (1, 2, 2.5, 5):
            if extent / (step * magnitude) <= most and float(step * magnitude).is_integer():
                return int(step * magnitude)
        magnitude *= 10


def _short_label(group: ActGroup) -> str:
    """Return "fixing moves" for "Fixing moves (advice, ...)"."""
    return group.label.split(" (")[0].lower()


def _short(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
