"""``coachlens practice ...``: the practice record from the command line.

Each command opens one unit of work, calls one service and prints the result; a failure (a
missing consent, an unknown engagement, a bad date) is one sentence and exit status 2, and
nothing of the command is stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coachlens.cli.db import DbOption
from coachlens.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy.orm import Session

    from coachlens.practice.alerts import EngagementAlerts
    from coachlens.store.tables import Engagement

practice_app = typer.Typer(help="Engagements, sessions, actions, check-ins and alerts.", no_args_is_help=True)

Eng = Annotated[str, typer.Argument(help="Engagement name (e.g. Ellison) or number.", show_default=False)]


@practice_app.callback()
def _practice(ctx: typer.Context, db: DbOption = None) -> None:
    """Engagements, sessions, actions, check-ins and alerts."""
    ctx.obj = db


@contextmanager
def _unit(ctx: typer.Context) -> Iterator[Session]:
    from coachlens.cli.db import open_database
    from coachlens.store.db import session_factory, unit_of_work

    engine = open_database(ctx.obj)
    try:
        with unit_of_work(session_factory(engine)) as session:
            yield session
    finally:
        engine.dispose()


def _console() -> Console:
    from rich.console import Console

    return Console()


def _engagement(session: Session, ref: str) -> Engagement:
    from coachlens.practice.engagements import find_engagement
    from coachlens.practice.people import get_practice

    return find_engagement(session, get_practice(session).id, ref)


def _date(value: str | None, option: str) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f'{option} "{value}" is not a date; write it as YYYY-MM-DD, e.g. 2025-01-20'
        ) from None


def _pairs(values: list[str] | None, option: str, example: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values or []:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip():
            raise UsageError(f'{option} "{value}" should be KEY=VALUE, e.g. {option} {example}')
        pairs[key.strip()] = rest.strip()
    return pairs


@practice_app.command("init")
def init(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The practice's name.")],
    coach: Annotated[str, typer.Option(help="The first coach's name.")],
    email: Annotated[str, typer.Option(help="The first coach's email.")],
) -> None:
    """Create the database's tables (if needed), the practice and its first coach."""
    from coachlens.cli.db import resolve_url
    from coachlens.practice.people import add_user, create_practice
    from coachlens.store.db import upgrade_database
    from coachlens.store.tables import UserRole

    upgrade_database(resolve_url(ctx.obj))
    with _unit(ctx) as s:
        practice = create_practice(s, name)
        user = add_user(s, practice.id, name=coach, email=email, role=UserRole.COACH)
    _console().print(f"Created practice {practice.name!r} with coach {user.name} <{user.email}>.")


@practice_app.command("create-engagement")
def create_engagement_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A short name for the engagement, e.g. the client's surname.")],
    client: Annotated[str, typer.Option(help="The client's name.")],
    goal: Annotated[list[str], typer.Option(help='"GOAL=SUCCESS MEASURE"; repeatable.')],
    cadence: Annotated[str, typer.Option(help='How often you meet, e.g. "every two weeks".')],
    sessions: Annotated[int, typer.Option(help="Contracted number of sessions.")],
    confidentiality: Annotated[str, typer.Option(help="The confidentiality terms.")],
    sponsor_receives: Annotated[str, typer.Option(help="What the sponsor receives (may be 'nothing').")],
    sponsor: Annotated[str | None, typer.Option(help="The sponsor's name.")] = None,
    organisation: Annotated[str | None, typer.Option(help="The client's organisation.")] = None,
    escalation_clause: Annotated[
        str | None, typer.Option(help="What happens on persistent non-action.")
    ] = None,
    boundaries: Annotated[str, typer.Option(help="Boundaries of the work.")] = "",
    coach_email: Annotated[
        str | None, typer.Option(help="The coach (default: the practice's first).")
    ] = None,
    instrument: Annotated[
        str | None, typer.Option(help="Check-in instrument key (default: coachlens-alliance).")
    ] = None,
) -> None:
    """Create a draft engagement with its contract (activate it with `practice activate`)."""
    from sqlalchemy import select

    from coachlens.practice.engagements import ContractTerms, GoalTerms, create_engagement
    from coachlens.practice.people import add_client, add_sponsor, find_user, get_practice
    from coachlens.store.tables import User, UserRole

    goals = tuple(
        GoalTerms(g, m) for g, m in _pairs(goal, "--goal", '"Delegate more=two reports run meetings"').items()
    )
    with _unit(ctx) as s:
        practice = get_practice(s)
        if coach_email:
            coach = find_user(s, coach_email)
        else:
            first = s.scalars(select(User).where(User.role == UserRole.COACH).order_by(User.id)).first()
            if first is None:
                raise UsageError("the practice has no coach yet; `coachlens practice init` adds one")
            coach = first
        client_id = add_client(s, practice.id, name=client, organisation=organisation).id
        sponsor_id = (
            add_sponsor(s, practice.id, name=sponsor, organisation=organisation).id if sponsor else None
        )
        terms = ContractTerms(
            goals=goals,
            cadence=cadence,
            session_count=sessions,
            confidentiality_terms=confidentiality,
            sponsor_receives=sponsor_receives,
            escalation_clause=escalation_clause,
            boundaries=boundaries,
            agreed_on=date.today(),
        )
        engagement = create_engagement(
            s,
            practice.id,
            name=name,
            coach_id=coach.id,
            client_id=client_id,
            sponsor_id=sponsor_id,
            contract=terms,
            instrument_key=instrument,
        )
    _console().print(f"Created engagement {engagement.name} (number {engagement.id}), a draft.")


@practice_app.command("activate")
def activate(
    ctx: typer.Context,
    engagement: Eng,
    acknowledge_no_escalation: Annotated[
        bool,
        typer.Option(
            "--acknowledge-no-escalation", help="Activate although the contract has no escalation clause."
        ),
    ] = False,
) -> None:
    """Make a draft engagement active; without an escalation clause you must acknowledge the warning."""
    from coachlens.practice.engagements import activate_engagement

    with _unit(ctx) as s:
        record = activate_engagement(
            s, _engagement(s, engagement).id, acknowledge_missing_escalation=acknowledge_no_escalation
        )
    _console().print(f"Engagement {record.name} is active.")


@practice_app.command("consent")
def consent(
    ctx: typer.Context,
    engagement: Eng,
    kind: Annotated[
        str,
        typer.Argument(help="recording, analysis, sponsor_reporting, therapist_sharing, supervisor_sharing."),
    ],
    revoke: Annotated[bool, typer.Option("--revoke", help="Record that the client withdrew it.")] = False,
    on: Annotated[
        str | None, typer.Option(help="Date given or withdrawn, YYYY-MM-DD (default today).")
    ] = None,
    note: Annotated[str, typer.Option(help="How it was given, e.g. 'signed contract'.")] = "",
) -> None:
    """Record a client's consent, or its withdrawal (the history is kept)."""
    from coachlens.practice.consents import grant_consent, revoke_consent

    with _unit(ctx) as s:
        record = _engagement(s, engagement)
        change = revoke_consent if revoke else grant_consent
        change(s, record.id, kind, given_on=_date(on, "--on"), note=note)
    _console().print(f"{kind} consent {'withdrawn' if revoke else 'given'} for {record.name}.")


@practice_app.command("add-session")
def add_session(
    ctx: typer.Context,
    engagement: Eng,
    file: Annotated[Path, typer.Argument(help="The session's transcript (.vtt .srt .txt .docx .json .csv).")],
    held_on: Annotated[
        str | None, typer.Option("--date", help="When it was held, YYYY-MM-DD (default today).")
    ] = None,
    duration: Annotated[int | None, typer.Option(help="Length in minutes.")] = None,
    notes: Annotated[str, typer.Option(help="Your notes.")] = "",
    number: Annotated[int | None, typer.Option(help="Session number (default: the next).")] = None,
    coach: Annotated[str | None, typer.Option(help="The coach's name as written in the transcript.")] = None,
    client: Annotated[
        str | None, typer.Option(help="The client's name as written in the transcript.")
    ] = None,
) -> None:
    """Store a session with its transcript and analysis, in one transaction (analysis only with consent)."""
    from coachlens.config import Settings
    from coachlens.practice.consents import consent_in_force
    from coachlens.practice.intake import read_session_file
    from coachlens.practice.sessions import store_session
    from coachlens.store.tables import ConsentKind
    from coachlens.transcript.roles import RoleHints

    day = _date(held_on, "--date")
    console = _console()
    with _unit(ctx) as s:
        record = _engagement(s, engagement)
        analyse = consent_in_force(s, record.id, ConsentKind.ANALYSIS)
        transcript, analysis = read_session_file(
            file,
            hints=RoleHints(coach=coach, client=client),
            max_bytes=Settings.from_env().max_file_bytes,
            analyse=analyse,
        )
        stored = store_session(
            s,
            record.id,
            held_on=day,
            duration_minutes=duration,
            notes=notes,
            number=number,
            transcript=transcript,
            analysis=analysis,
        )
    console.print(f"Stored session {stored.number} of {record.name} from {file.name}.")
    if analysis is None:
        console.print("The analysis was not stored: the client's analysis consent is not in force.")
    else:
        console.print(f"Analysis stored: {len(analysis['findings'])} findings.")


@practice_app.command("action")
def action(
    ctx: typer.Context,
    engagement: Eng,
    description: Annotated[str, typer.Argument(help="What the client agreed to do.")],
    session: Annotated[int | None, typer.Option(help="The session number it was agreed at.")] = None,
) -> None:
    """Record an agreed action."""
    from coachlens.practice.actions import agree_action
    from coachlens.practice.sessions import get_session

    with _unit(ctx) as s:
        record = _engagement(s, engagement)
        at = get_session(s, record.id, session).id if session is not None else None
        agreed = agree_action(s, record.id, description, agreed_in_session_id=at)
    _console().print(f"Action {agreed.id} recorded for {record.name}.")


@practice_app.command("review-action")
def review_action_command(
    ctx: typer.Context,
    engagement: Eng,
    action_id: Annotated[int, typer.Argument(help="The action's number.")],
    status: Annotated[str, typer.Argument(help="open, done, partly_done, not_done or dropped.")],
    session: Annotated[int, typer.Option(help="The session number it was reviewed at.")],
    note: Annotated[str, typer.Option(help="What the client said.")] = "",
) -> None:
    """Record how an agreed action stood at a session."""
    from coachlens.practice.actions import review_action
    from coachlens.practice.sessions import get_session

    with _unit(ctx) as s:
        record = _engagement(s, engagement)
        review_action(s, action_id, get_session(s, record.id, session).id, status, note=note)
    _console().print(f"Action {action_id}: {status} at session {session}.")


@practice_app.command("checkin-link")
def checkin_link(
    ctx: typer.Context,
    engagement: Eng,
    session: Annotated[int | None, typer.Option(help="The session the check-in is about.")] = None,
) -> None:
    """Create a single-use check-in token for the client (shown once; only its hash is stored)."""
    from coachlens.practice.checkins import invite_checkin
    from coachlens.practice.sessions import get_session

    with _unit(ctx) as s:
        record = _engagement(s, engagement)
        at = get_session(s, record.id, session).id if session is not None else None
        token = invite_checkin(s, record.id, session_id=at)
    typer.echo(token)


@practice_app.command("checkin")
def checkin(
    ctx: typer.Context,
    token: Annotated[str, typer.Argument(help="The token from `practice checkin-link`.")],
    answer: Annotated[list[str], typer.Option(help="ITEM=VALUE for every item; repeatable.")],
    comment: Annotated[str, typer.Option(help="The answer to the free-text question.")] = "",
) -> None:
    """Submit a client's check-in through its token."""
    from coachlens.practice.checkins import submit_checkin

    values: dict[str, int] = {}
    for key, raw in _pairs(answer, "--answer", "bond_honest=4").items():
        if not raw.isdigit():
            raise UsageError(f"--answer {key}={raw}: the answer must be a whole number such as 4")
        values[key] = int(raw)
    with _unit(ctx) as s:
        stored = submit_checkin(s, token, values, free_text=comment)
    shown = ", ".join(f"{k} {v:.2f}" for k, v in stored.scores.items())
    _console().print(f"Check-in stored: {shown}.")


@practice_app.command("collusion-review")
def collusion_review(
    ctx: typer.Context,
    engagement: Eng,
    action_id: Annotated[int, typer.Argument(help="The action the collusion alert is about.")],
    session: Annotated[int, typer.Option(help="The session number the alert was raised at.")],
    answer: Annotated[list[str], typer.Option(help="KEY=your answer, for the decision guide's questions.")],
) -> None:
    """Record your answers to the collusion decision guide (`practice alerts` shows the questions)."""
    from coachlens.practice.collusion import GUIDE_KEYS, record_collusion_review
    from coachlens.practice.sessions import get_session

    with _unit(ctx) as s:
        record = _engagement(s, engagement)
        review = record_collusion_review(
            s,
            action_id,
            get_session(s, record.id, session).id,
            _pairs(answer, "--answer", "explored_block=..."),
        )
    left = [k for k in GUIDE_KEYS if k not in review.answers]
    _console().print(
        "Decision guide complete." if not left else f"Recorded; still to answer: {', '.join(left)}."
    )


@practice_app.command("add-instrument")
def add_instrument_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The instrument as YAML (docs/practice.md gives the shape).")],
) -> None:
    """Add the practice's own check-in instrument (e.g. a licensed WAI-SR) from a YAML file."""
    from coachlens.practice.checkins import add_instrument
    from coachlens.practice.people import get_practice

    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{file}: cannot be read ({exc.strerror}); check the path") from None
    with _unit(ctx) as s:
        instrument = add_instrument(s, get_practice(s).id, text)
    _console().print(
        f"Added instrument {instrument.key!r}: {len(instrument.items)} items on "
        f"{instrument.scale_min}-{instrument.scale_max}; use it with create-engagement --instrument."
    )


@practice_app.command("list")
def list_command(ctx: typer.Context) -> None:
    """List the practice's engagements with their sessions and whether they may be at risk."""
    from rich.table import Table

    from coachlens.config import Settings
    from coachlens.practice.alerts import engagement_alerts
    from coachlens.practice.engagements import list_engagements
    from coachlens.practice.people import get_practice
    from coachlens.practice.sessions import list_sessions

    table = Table("Engagement", "No.", "Status", "Sessions", "Alerts", "At risk")
    after = Settings.from_env().collusion_after
    with _unit(ctx) as s:
        for record in list_engagements(s, get_practice(s).id):
            alerts = engagement_alerts(s, record.id, collusion_after=after)
            numbers = ", ".join(str(r.number) for r in list_sessions(s, record.id)) or "-"
            table.add_row(
                record.name,
                str(record.id),
                str(record.status),
                numbers,
                str(len(alerts.alerts)),
                "yes" if alerts.at_risk else "no",
            )
    _console().print(table)


@practice_app.command("alerts")
def alerts(
    ctx: typer.Context,
    engagement: Annotated[str | None, typer.Argument(help="One engagement (default: all).")] = None,
    up_to_session: Annotated[
        int | None, typer.Option(help="Show the alerts as they stood after this session.")
    ] = None,
) -> None:
    """List alerts: collusion (with its decision guide), alliance ruptures, low scores, at-risk."""
    from coachlens.config import Settings
    from coachlens.practice.alerts import engagement_alerts
    from coachlens.practice.engagements import list_engagements
    from coachlens.practice.people import get_practice

    console = _console()
    after = Settings.from_env().collusion_after
    with _unit(ctx) as s:
        records = [_engagement(s, engagement)] if engagement else list_engagements(s, get_practice(s).id)
        for record in records:
            print_alerts(
                console, engagement_alerts(s, record.id, up_to_session=up_to_session, collusion_after=after)
            )


def print_alerts(console: Console, result: EngagementAlerts) -> None:
    """Print one engagement's alerts, each collusion alert with its decision guide."""
    from rich.markup import escape

    risk = " [bold red](may be at risk)[/bold red]" if result.at_risk else ""
    console.print(f"[bold]{escape(result.engagement)}[/bold]{risk}", soft_wrap=True)
    if not result.alerts:
        console.print("  no alerts")
    for alert in result.alerts:
        at = f" session {alert.session_number}" if alert.session_number is not None else ""
        console.print(f"  • {alert.kind} ({alert.severity}{at}): {escape(alert.message)}", soft_wrap=True)
        for key, question, answer in alert.checklist:
            mark = "x" if answer else " "
            done = f" — {escape(answer)}" if answer else ""
            console.print(f"      \\[{mark}] {key}: {escape(question)}{done}", soft_wrap=True)
