"""The self-contained HTML report of one session: one offline file, printable and accessible.

Jinja2 renders ``templates/report.html`` with autoescaping on, because transcript text and speaker
names are untrusted. The page has fixed parts (header, summary cards, timeline, findings,
reflective questions, notes, annotated transcript with each turn's acts and emotions) and one
block per analyzer from `coachlens.reports.sections.SECTIONS`. The stylesheet is inlined and the
charts are inline SVG: nothing is fetched from anywhere, and no script runs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources import files
from pathlib import PurePath

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from coachlens import __version__
from coachlens.analysis import Analysis
from coachlens.analysis.dynamics import DEFAULT_DYNAMICS, Dynamics
from coachlens.analysis.findings import Finding, Severity
from coachlens.reports.reflections import reflective_questions
from coachlens.reports.sections import SECTIONS, BlockData
from coachlens.reports.summary import (
    NO_FINDINGS,
    format_metric,
    quote,
    session_line,
    speaker_rows,
    top_concerns,
)
from coachlens.reports.timeline import build_timeline, clock
from coachlens.transcript import Role, Transcript, Utterance

QUOTE_WIDTH = 160


@dataclass(frozen=True, slots=True)
class Card:
    """One summary card: a big value and what it counts."""

    label: str
    value: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Block:
    """An analyzer block as the page includes it."""

    anchor: str
    title: str
    template: str
    data: BlockData


@dataclass(frozen=True, slots=True)
class Evidence:
    """One utterance a finding cites: where it is and what was said."""

    index: int
    speaker: str
    role: str
    at: str
    quote: str


@dataclass(frozen=True, slots=True)
class FindingView:
    """A finding as the page shows it, with its anchor and quoted evidence."""

    anchor: str
    kind: str
    title: str
    severity: str
    message: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """A note on a transcript turn: a finding that cites it, a silence before it, or a cut-in."""

    kind: str  # "finding", "silence" or "cut-in"; also the CSS class
    text: str
    href: str = ""


@dataclass(frozen=True, slots=True)
class EmotionTag:
    """An emotion of the speaker's own on a transcript turn: its family and how it was expressed."""

    family: str
    text: str  # "fear, named, high"


@dataclass(frozen=True, slots=True)
class Turn:
    """One utterance of the annotated transcript."""

    utterance: Utterance
    at: str
    acts: tuple[str, ...]
    emotions: tuple[EmotionTag, ...]
    marks: tuple[Mark, ...]


def render_html(analysis: Analysis) -> str:
    """Return the HTML report of ``analysis`` as one self-contained page."""
    t = analysis.transcript
    findings = [_finding_view(t, k, f) for k, f in enumerate(analysis.findings, start=1)]
    blocks = [
        Block(s.anchor, s.title, s.template, data)
        for s in SECTIONS
        if (data := s.build(analysis)) is not None
    ]
    page = _environment().get_template("report.html")
    return page.render(
        title=PurePath(t.source.path).name,
        path=t.source.path,
        session_line=session_line(t),
        speakers=speaker_rows(t),
        cards=summary_cards(analysis),
        timeline=build_timeline(analysis),
        blocks=blocks,
        findings=findings,
        top_concerns=top_concerns(analysis),
        no_findings=NO_FINDINGS,
        questions=reflective_questions(analysis),
        not_run=dict(analysis.not_run),
        turns=_turns(analysis, findings),
        css=Markup(_stylesheet()),
        version=__version__,
    )


def summary_cards(analysis: Analysis) -> list[Card]:
    """Return the summary cards: size of the session, talk shares, questions, findings, marks."""
    t = analysis.transcript
    coach = analysis.metrics.get(Role.COACH, {})
    client = analysis.metrics.get(Role.CLIENT, {})
    length = f"{t.duration / 60:.0f} min" if t.duration is not None else "–"
    cards = [
        Card("Turns", str(len(t))),
        Card("Length", length, "" if t.duration is not None else "no timestamps"),
        Card("Coach talk share", format_metric("talk_share", coach.get("talk_share")), "of the words"),
        Card("Client talk share", format_metric("talk_share", client.get("talk_share")), "of the words"),
        Card(
            "Questions",
            f"{format_metric('questions', coach.get('questions'))} / "
            f"{format_metric('questions', client.get('questions'))}",
            "coach / client",
        ),
    ]
    d = analysis.details.get("dynamics")
    if isinstance(d, Dynamics):
        if t.has_timestamps:
            cards.append(
                Card("Silences", str(len(d.silences)), f"of {DEFAULT_DYNAMICS.silence_s:g} s or more")
            )
        cards.append(Card("Cut-ins", str(len(d.interruptions)), "turns that cut in"))
    severities = [f.severity for f in analysis.findings]
    note = ", ".join(f"{severities.count(s)} {s}" for s in reversed(Severity) if s in severities)
    cards.append(Card("Findings", str(len(analysis.findings)), note or "none reached a threshold"))
    return cards


# Headings where the kind's own words read awkwardly; any other kind is titled from its name.
FINDING_TITLES = {
    "dynamics.self_answered_questions": "Self-answered questions",
    "dynamics.interruptions": "Cutting in",
    "dynamics.deference_coach": "Coach deference",
    "dynamics.deference_client": "Client deference",
}


def finding_title(kind: str) -> str:
    """Return a heading for a finding kind: "dynamics.silence_breaking" reads "Silence breaking"."""
    if kind in FINDING_TITLES:
        return FINDING_TITLES[kind]
    name = kind.partition(".")[2] or kind
    return name.replace("_", " ").capitalize()


def _finding_view(t: Transcript, number: int, f: Finding) -> FindingView:
    evidence = tuple(
        Evidence(i, t[i].speaker, str(t[i].role), clock(t[i].start), quote(t, i, QUOTE_WIDTH))
        for i in f.evidence
    )
    return FindingView(f"f-{number}", f.kind, finding_title(f.kind), str(f.severity), f.message, evidence)


def _turns(analysis: Analysis, findings: list[FindingView]) -> list[Turn]:
    t = analysis.transcript
    marks: dict[int, list[Mark]] = {}
    d = analysis.details.get("dynamics")
    if isinstance(d, Dynamics):
        for s in d.silences:
            marks.setdefault(s.broken_by, []).append(
                Mark("silence", f"Silence of {s.seconds:g} s before this turn")
            )
        for i in d.interruptions:
            marks.setdefault(i, []).append(Mark("cut-in", "Cut in on the previous speaker"))
    for f in findings:
        for e in f.evidence:
            marks.setdefault(e.index, []).append(
                Mark("finding", f"Finding: {f.title} ({f.severity})", f"#{f.anchor}")
            )
    return [
        Turn(
            u,
            clock(u.start),
            tuple(analysis.acts.get(u.index, ())),
            tuple(
                EmotionTag(e.family, f"{e.family}, {'named' if e.named else 'implied'}, {e.intensity}")
                for e in analysis.emotions.get(u.index, ())
            ),
            tuple(marks.get(u.index, ())),
        )
        for u in t
    ]


@functools.cache
def _environment() -> Environment:
    # Built on first use, not at import, so that `coachlens --help` never loads the templates.
    return Environment(
        loader=PackageLoader("coachlens.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.cache
def _stylesheet() -> str:
    return (files("coachlens.reports") / "templates" / "report.css").read_text(encoding="utf-8")
