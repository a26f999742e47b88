"""The analyzer blocks of the HTML report: one template partial per analyzer, listed explicitly.

A block shows one analyzer's output. Its ``build`` function turns the analysis into the plain data
the partial needs, or returns None when that analyzer did not run, and the page leaves the block
out. A new analyzer adds its section with a partial under ``templates/`` and one `Section` line
in `SECTIONS`; nothing else in the page changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from coachlens.analysis import Analysis
from coachlens.analysis.commitments import Commitment
from coachlens.analysis.deference import FINDING_THRESHOLD, Deference
from coachlens.analysis.difference import Difference
from coachlens.analysis.dynamics import DEFAULT_DYNAMICS, Dynamics
from coachlens.analysis.emotion_cues import ADDRESSEE, OTHER, EmotionCue
from coachlens.analysis.emotions import Emotions
from coachlens.analysis.referral import CoachMove, ReferralSignal
from coachlens.analysis.response_mix import ResponseMix
from coachlens.analysis.ruptures import Ruptures
from coachlens.analysis.vocabulary import COACH_ACTS
from coachlens.reports.charts import ACT_GROUPS, GROUP_OF, act_chart, emotion_chart
from coachlens.reports.summary import (
    DYNAMICS_TABLES,
    EMOTION_NOTE,
    METRIC_COLUMNS,
    emotion_families,
    emotion_rows,
    format_metric,
    metric_rows,
    quote,
)
from coachlens.reports.timeline import PALETTE, ROLE_ORDER, clock
from coachlens.transcript import Role

BlockData = Mapping[str, object]


@dataclass(frozen=True, slots=True)
class Section:
    """One analyzer's block: its anchor, heading, partial, and the function that feeds the partial."""

    anchor: str  # the section's id, also its link in the page's contents
    title: str  # the section's h2
    template: str  # a partial under reports/templates/, "_talk.html"
    build: Callable[[Analysis], BlockData | None]  # None: the analyzer did not run, leave the block out


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row and one header cell per row (the role)."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class ShareBar:
    """One role's share of the words, for the talk-share bars."""

    role: str
    percent: float
    label: str
    colour: str


def build_talk(analysis: Analysis) -> BlockData | None:
    """Return the talk-share bars and the talk table, or None when the talk analyzer did not run."""
    roles = _roles_with(analysis, "talk_share")
    if not roles:
        return None
    bars = []
    for i, role in enumerate(roles):
        share = analysis.metrics[role].get("talk_share")
        if isinstance(share, float | int):
            bars.append(
                ShareBar(str(role), round(share * 100, 1), format_metric("talk_share", share), PALETTE[i])
            )
    timed = analysis.transcript.has_timestamps
    return {
        "bars": bars,
        "table": _table(analysis, "Talk per role", METRIC_COLUMNS),
        "note": (
            "Talk % counts words; Time % counts speaking time."
            if timed
            else "Talk % counts words; Time % needs timestamps, which this transcript lacks."
        ),
    }


@dataclass(frozen=True, slots=True)
class SilenceRow:
    """A silence as the dynamics block lists it."""

    after: int
    broken_by: int
    seconds: float
    at: str
    speaker: str
    role: str


def build_dynamics(analysis: Analysis) -> BlockData | None:
    """Return the per-role dynamics tables, silences and cut-ins, or None when dynamics did not run."""
    d = analysis.details.get("dynamics")
    if not isinstance(d, Dynamics):
        return None
    t = analysis.transcript
    silences = [
        SilenceRow(
            s.after,
            s.broken_by,
            s.seconds,
            clock(t[s.broken_by].start),
            t[s.broken_by].speaker,
            str(t[s.broken_by].role),
        )
        for s in d.silences
    ]
    return {
        "tables": [_table(analysis, f"{title} per role", columns) for title, columns in DYNAMICS_TABLES],
        "timed": t.has_timestamps,
        "silence_s": DEFAULT_DYNAMICS.silence_s,
        "silences": silences,
        "interruptions": [t[i] for i in d.interruptions],
    }


@dataclass(frozen=True, slots=True)
class TopicRow:
    """A topic change as the deference block lists it."""

    index: int
    speaker: str
    role: str
    words: str
    response: str  # "followed at turn N", "declined at turn N" or "not taken up"
    response_index: int | None


_MARKER_LABELS = (
    ("agenda", "Agenda"),
    ("topics", "Topic changes"),
    ("interruptions", "Cut-ins"),
    ("silences", "Silences"),
    ("answers", "Answers"),
    ("language", "Deferring language"),
    ("coordination", "Style coordination"),
)


def build_deference(analysis: Analysis) -> BlockData | None:
    """Return the two deference readings, their markers and the topic changes, or None without them."""
    readings = analysis.details.get("deference")
    d = analysis.details.get("dynamics")
    if not isinstance(readings, dict) or not isinstance(d, Dynamics):
        return None
    t = analysis.transcript
    parties = [readings[r] for r in (Role.COACH, Role.CLIENT) if isinstance(readings.get(r), Deference)]
    bars = [
        ShareBar(str(r.role), round(r.reading * 100, 1), f"{r.reading:.2f}", PALETTE[i])
        for i, r in enumerate(parties)
    ]
    markers = Table(
        "Deference markers per role (0 holds the status, 1 defers, 0.5 neutral or not enough to say)",
        tuple(label for _, label in _MARKER_LABELS),
        tuple(
            (
                str(r.role),
                tuple(f"{r.markers[key]:.2f}" if key in r.markers else "–" for key, _ in _MARKER_LABELS),
            )
            for r in parties
        ),
    )
    topics = []
    for shift in d.topic_shifts:
        if shift.declined:
            response, reply = "declined", shift.reply
        elif shift.followed_by is not None:
            response, reply = "followed", shift.followed_by
        else:
            response, reply = "not taken up", None
        topics.append(
            TopicRow(
                shift.index,
                shift.speaker,
                str(t[shift.index].role),
                ", ".join(shift.new_words[:4]),
                response,
                reply,
            )
        )
    agenda = d.agenda
    return {
        "bars": bars,
        "markers": markers,
        "agenda": (agenda.index, t[agenda.index].speaker, str(t[agenda.index].role)) if agenda else None,
        "topics": topics,
        "threshold": FINDING_THRESHOLD,
    }


QUOTE_WIDTH = 72  # the response table's quotes; the findings quote more


@dataclass(frozen=True, slots=True)
class ActRow:
    """One coach act in the act table: its group, sentences with it, and turns with it."""

    act: str
    group: str  # the ACT_GROUPS key, also the swatch's CSS class
    group_label: str
    sentences: int
    turns: int
    primary: int  # turns it sums up


@dataclass(frozen=True, slots=True)
class ResponseRow:
    """A client turn with an emotion and the coach's next turn, as the response table lists them."""

    client: int
    quote: str
    families: tuple[str, ...]
    coach: int | None
    primary: str  # the coach turn's primary act, "" without a coach turn
    response: str  # acknowledged / fixed / mixed / minimal / other / none
    run: tuple[int, ...]  # further coach turns that kept fixing


def build_response_mix(analysis: Analysis) -> BlockData | None:
    """Return the act chart, the act table, the feeling share and the responses to client emotions."""
    mix = analysis.details.get("response_mix")
    if not isinstance(mix, ResponseMix):
        return None
    t = analysis.transcript
    sentences = dict.fromkeys(COACH_ACTS, 0)
    turns = dict.fromkeys(COACH_ACTS, 0)
    primary = dict.fromkeys(COACH_ACTS, 0)
    for turn in mix.coach_turns.values():
        for s in turn.sentences:
            sentences[s.act] = sentences.get(s.act, 0) + 1
        for act in turn.acts:
            turns[act] = turns.get(act, 0) + 1
        primary[turn.primary] = primary.get(turn.primary, 0) + 1
    acts = [
        ActRow(
            act,
            GROUP_OF[act].key,
            GROUP_OF[act].label.split(" (")[0],
            sentences[act],
            turns[act],
            primary[act],
        )
        for act in COACH_ACTS
        if act in GROUP_OF
    ]
    responses = [
        ResponseRow(
            r.client,
            quote(t, r.client, QUOTE_WIDTH),
            r.families,
            r.coach,
            mix.coach_turns[r.coach].primary if r.coach is not None else "",
            r.response,
            r.fixing_run[1:],
        )
        for r in mix.responses
    ]
    kinds = [r.response for r in mix.responses]
    return {
        "chart": act_chart(t, mix.coach_turns),
        "groups": ACT_GROUPS,
        "acts": acts,
        "coach_turns": len(mix.coach_turns),
        "feeling_turns": len(mix.feeling_turns),
        "fixing_turns": len(mix.fixing_turns),
        "feeling_share": format_metric("feeling_share", mix.feeling_share),
        "responses": responses,
        "response_counts": [
            (kind, kinds.count(kind))
            for kind in ("acknowledged", "fixed", "mixed", "minimal", "other", "none")
            if kind in kinds
        ],
        "bids": [(client, coach, quote(t, client, QUOTE_WIDTH)) for client, coach in mix.missed_bids],
    }


@dataclass(frozen=True, slots=True)
class CueRow:
    """An emotion cue that is not the speaker's own, and why it was kept apart."""

    index: int
    speaker: str
    role: str
    cue: str
    family: str
    why: str


def build_emotions(analysis: Analysis) -> BlockData | None:
    """Return the emotion timeline, the counts per family and role, and the cues kept apart."""
    emotions = analysis.details.get("emotions")
    if not isinstance(emotions, Emotions):
        return None
    t = analysis.transcript
    families = emotion_families(analysis)
    columns, rows = emotion_rows(analysis)
    others = [
        CueRow(index, t[index].speaker, str(t[index].role), cue.cue, cue.family, _kept_apart(cue))
        for index in sorted(emotions.other_cues)
        for cue in emotions.other_cues[index]
    ]
    return {
        "chart": emotion_chart(t, emotions.by_utterance, families),
        "families": [
            f for f in families if any(e.family == f for es in emotions.by_utterance.values() for e in es)
        ],
        "table": Table(
            "Turns with an emotion, per family and role", columns, tuple((r, tuple(c)) for r, c in rows)
        ),
        "note": EMOTION_NOTE,
        "others": others,
    }


def _kept_apart(cue: EmotionCue) -> str:
    whose = {OTHER: "someone else's", ADDRESSEE: "the listener's"}.get(cue.experiencer, "")
    if cue.negated:
        return f"negated, {whose}" if whose else "negated"
    return whose or cue.experiencer


@dataclass(frozen=True, slots=True)
class ListingRow:
    """One row of a listing block: the turn it is about, then its cells (escaped by the template)."""

    index: int
    cells: tuple[str, ...]


def listing(
    lede: str, caption: str, columns: tuple[str, ...], rows: list[ListingRow], empty: str, facts: list[str]
) -> BlockData:
    """Return the data of the `_listing.html` partial, a table of turns that several analyzers share."""
    return {
        "lede": lede,
        "caption": caption,
        "columns": columns,
        "rows": rows,
        "empty": empty,
        "facts": facts,
    }


def build_difference(analysis: Analysis) -> BlockData | None:
    """Return each mention of social difference, who raised it and how the other responded."""
    d = analysis.details.get("difference")
    if not isinstance(d, Difference):
        return None
    t = analysis.transcript
    rows = [
        ListingRow(
            m.index,
            (str(m.role), m.dimension.replace("_", " "), m.cue, m.response)
            + (
                (f"{m.response_index}: {quote(t, m.response_index, 70)}",)
                if m.response_index is not None
                else ("",)
            ),
        )
        for m in d.mentions
    ]
    facts = []
    if d.first_broaching is not None:
        minute = "" if d.first_broaching_minute is None else f", minute {d.first_broaching_minute:.0f}"
        facts.append(
            f"First broached by the {d.broached_by} at turn {d.first_broaching}{minute}; "
            + ("explored in the session." if d.explored else "not explored in the session.")
        )
    return listing(
        "Talk about identity and social difference (race and ethnicity, class, gender, sexual orientation, "
        "disability and neurodivergence, age, religion, nationality and migration, language and accent), "
        "who raised it, and how the other responded in the next turns.",
        "Mentions of social difference and the response",
        ("Raised by", "Dimension", "Words", "Response", "Deciding turn"),
        rows,
        "Nobody named social difference in this session.",
        facts,
    )


def build_commitments(analysis: Analysis) -> BlockData | None:
    """Return the actions committed to, with owner, deadline as said, and how firmly."""
    found = analysis.details.get("commitments")
    if not isinstance(found, tuple):
        return None
    undertakings = analysis.details.get("undertakings")
    everyone = sorted(
        (
            c
            for c in (*found, *(undertakings if isinstance(undertakings, tuple) else ()))
            if isinstance(c, Commitment)
        ),
        key=lambda c: c.index,
    )
    rows = [
        ListingRow(
            c.index,
            (
                f"{c.owner} (coach)" if c.role == Role.COACH else c.owner,
                c.action
                if c.refers_to is None
                else f"{c.action}, taking on {c.refers_to}: “{quote(analysis.transcript, c.refers_to, 80)}”",
                c.deadline or "none named",
                "hedged: " + ", ".join(c.hedges) if c.hedged else "firm",
            ),
        )
        for c in everyone
    ]
    return listing(
        "Actions the client committed to, for the agreed-actions list of the practice record, and what "
        "you undertook to do for them. A hedged commitment may be worth exploring: what might get in "
        "the way?",
        "Commitments",
        ("Owner", "Action", "Deadline", "How firm"),
        rows,
        "No commitment to an action was found in this session.",
        [],
    )


def build_referral(analysis: Analysis) -> BlockData | None:
    """Return the language that may point beyond coaching: a prompt, never a diagnosis."""
    signals = analysis.details.get("referral")
    if not isinstance(signals, tuple):
        return None
    t = analysis.transcript
    rows = [
        ListingRow(
            s.index,
            (
                s.category.replace("_", " "),
                s.cue,
                str(s.role)
                + ("" if s.about_client else ", about someone else")
                + (", denied" if s.negated else ""),
                quote(t, s.index, 70),
            ),
        )
        for s in signals
        if isinstance(s, ReferralSignal)
    ]
    return listing(
        "Language that may point beyond coaching (self-harm, sustained hopelessness, trauma, clinical terms, "
        "substance use). These are prompts for you to consider referral and the coaching-therapy protocol, "
        "never a diagnosis.",
        "Signals that may point beyond coaching",
        ("Category", "Words", "Whose", "Said"),
        rows,
        "No language pointing beyond coaching was found in this session.",
        _boundary_facts(analysis.details.get("referral_moves")),
    )


_MOVE_LABELS = {
    "safety_question": "Safety asked about directly",
    "boundary": "Where coaching ends named",
    "referral": "Other help pointed to",
    "consent": "Consent about sharing asked",
}


def _boundary_facts(moves: object) -> list[str]:
    """One line per kind of the coach's moves on the coaching-therapy boundary, with its turns."""
    if not isinstance(moves, tuple):
        return []
    found = [m for m in moves if isinstance(m, CoachMove)]
    return [
        f"{label} at " + ", ".join(f'{m.index} ("{m.cue}")' for m in found if m.move == move) + "."
        for move, label in _MOVE_LABELS.items()
        if any(m.move == move for m in found)
    ]


def build_ruptures(analysis: Analysis) -> BlockData | None:
    """Return the ruptures with the repair that followed each, and the coach's repair moves."""
    result = analysis.details.get("ruptures")
    if not isinstance(result, Ruptures):
        return None
    t = analysis.transcript
    rows = []
    for r in result.ruptures:
        repair = result.repaired_by.get(r.id)
        rows.append(
            ListingRow(
                r.evidence[0],
                (
                    r.kind,
                    ", ".join(r.markers),
                    ", ".join(map(str, r.evidence)),
                    "none followed" if repair is None else f"{repair}: {quote(t, repair, 70)}",
                ),
            )
        )
    facts = [
        f"Repair moves by the coach: {len(result.repairs)}"
        + (f" (at {', '.join(str(p.index) for p in result.repairs)})." if result.repairs else ".")
    ]
    return listing(
        "Strains in the working alliance: the client withdrawing (minimal answers after a probe, a change of "
        "subject, giving way) or confronting (complaints about the coach, the process or its value), and "
        "the coach's repair that followed, if any.",
        "Ruptures and the repair that followed",
        ("Kind", "Markers", "Turns", "Repair"),
        rows,
        "No rupture reached the threshold in this session.",
        facts,
    )


SECTIONS: tuple[Section, ...] = (
    Section("talk", "Talk share", "_talk.html", build_talk),
    Section("dynamics", "Dynamics per party", "_dynamics.html", build_dynamics),
    Section("deference", "Status and deference", "_deference.html", build_deference),
    Section("response-mix", "Response mix", "_response_mix.html", build_response_mix),
    Section("emotions", "Emotions", "_emotions.html", build_emotions),
    Section("difference", "Social difference", "_listing.html", build_difference),
    Section("ruptures", "Ruptures and repairs", "_listing.html", build_ruptures),
    Section("commitments", "Commitments", "_listing.html", build_commitments),
    Section("referral", "Beyond coaching", "_listing.html", build_referral),
)


def _roles_with(analysis: Analysis, metric: str) -> list[Role]:
    roles = [r for r, values in analysis.metrics.items() if metric in values]
    return sorted(roles, key=lambda r: ROLE_ORDER.index(r) if r in ROLE_ORDER else len(ROLE_ORDER))


def _table(analysis: Analysis, caption: str, columns: tuple[tuple[str, str], ...]) -> Table:
    keys = {key for key, _ in columns}
    rows = [
        (role, tuple(cells))
        for role, cells in metric_rows(analysis, columns)
        if keys & set(analysis.metrics[Role(role)])
    ]
    order = [str(r) for r in ROLE_ORDER]
    rows.sort(key=lambda row: order.index(row[0]) if row[0] in order else len(order))
    return Table(caption, tuple(label for _, label in columns), tuple(rows))
