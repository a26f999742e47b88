"""``coachlens analyze FILE...``: read transcripts and report what the analysis finds."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coachlens.errors import CoachlensError, UsageError

if TYPE_CHECKING:
    from coachlens.transcript import Role

_FORMAT_HELP = (
    "terminal (a summary, default), json (the stable contract), md (Markdown) "
    "or html (a self-contained page to open in a browser or print)."
)


def analyze(
    files: Annotated[
        list[Path],
        typer.Argument(help="Transcript files: .vtt .srt .txt .docx .json .csv.", show_default=False),
    ],
    format: Annotated[str, typer.Option("--format", "-f", help=_FORMAT_HELP)] = "terminal",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file; with several transcripts, a folder that gets one report each.",
        ),
    ] = None,
    coach: Annotated[str | None, typer.Option(help="The coach's name as written in the transcript.")] = None,
    client: Annotated[
        str | None, typer.Option(help="The client's name as written in the transcript.")
    ] = None,
    role: Annotated[
        list[str] | None,
        typer.Option(
            help="NAME=ROLE for any speaker (coach, client, sponsor, therapist, other); repeatable."
        ),
    ] = None,
    conversation: Annotated[
        str | None,
        typer.Option(
            help="For a CSV file holding several conversations (a transcript_id or session_id column): "
            "the id of the one to analyse."
        ),
    ] = None,
    max_size: Annotated[
        float | None,
        typer.Option(
            "--max-size", help="Largest transcript accepted, in MB (default 50, or COACHLENS_MAX_FILE_MB)."
        ),
    ] = None,
) -> None:
    """Analyse transcripts: talk, speakers and roles, findings with the utterances behind them."""
    from rich.console import Console

    from coachlens.analysis import analyze_transcript
    from coachlens.config import Settings
    from coachlens.reports import REPORT_FORMATS, render_report
    from coachlens.reports.terminal import render_terminal
    from coachlens.transcript.load import read_transcript
    from coachlens.transcript.roles import RoleHints

    if format not in REPORT_FORMATS:
        raise UsageError(f'--format "{format}" is not one of {", ".join(REPORT_FORMATS)}')
    settings = Settings.from_env()
    limit_mb = settings.max_file_mb if max_size is None else max_size
    if limit_mb <= 0:
        raise UsageError("--max-size must be above 0 MB")
    hints = RoleHints(coach=coach, client=client, roles=_parse_roles(role or []))
    targets = _plan_outputs(files, output, format)
    max_bytes = int(limit_mb * 1024 * 1024)
    failures = 0
    json_documents: list[str] = []
    for file, target in zip(files, targets, strict=True):
        try:
            transcript = read_transcript(file, hints=hints, max_bytes=max_bytes, conversation=conversation)
            analysis = analyze_transcript(transcript)
        except CoachlensError as exc:
            failures += 1
            print(f"error: {exc}", file=sys.stderr)
            continue
        if target is not None:
            _write(target, render_report(analysis, format))
            print(f"wrote {target}", file=sys.stderr)
        elif format == "terminal":
            render_terminal(analysis, Console())
        elif format == "json":
            json_documents.append(render_report(analysis, format))
        else:
            sys.stdout.write(render_report(analysis, format))
    if json_documents:
        # Several files print as one JSON array, so that stdout is always one valid document.
        many = len(files) > 1
        sys.stdout.write(("[\n" + ",\n".join(json_documents) + "\n]" if many else json_documents[0]) + "\n")
    if failures:
        raise typer.Exit(code=2)


def _plan_outputs(files: list[Path], output: Path | None, format: str) -> list[Path | None]:
    from coachlens.reports import SUFFIXES

    if output is None:
        return [None] * len(files)
    if len(files) == 1 and not output.is_dir():
        return [output]
    if output.exists() and not output.is_dir():
        raise UsageError(
            f"-o {output} is a file, but {len(files)} transcripts need a folder for their reports"
        )
    stems = [f.stem for f in files]
    return [
        output
        / (
            f"{stem}{SUFFIXES[format]}"
            if stems.count(stem) == 1
            else f"{stem}{f.suffix.replace('.', '_')}{SUFFIXES[format]}"
        )
        for stem, f in zip(stems, files, strict=True)
    ]


def _parse_roles(values: list[str]) -> dict[str, Role]:
    from coachlens.transcript import Role

    roles: dict[str, Role] = {}
    for value in values:
        name, sep, role = value.rpartition("=")
        if not sep or not name.strip():
            raise UsageError(
                f'--role "{value}" should be NAME=ROLE, for example --role "Jim Calloway=sponsor"'
            )
        try:
            roles[name.strip()] = Role(role.strip().lower())
        except ValueError:
            raise UsageError(
                f'--role "{value}": "{role}" is not a role; use one of {", ".join(r.value for r in Role)}'
            ) from None
    return roles


def _write(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` atomically: a failed run never leaves half a report."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
