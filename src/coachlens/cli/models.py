"""``coachlens train`` and ``coachlens evaluate``: rebuild the project's models and measure them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from coachlens.errors import UsageError

if TYPE_CHECKING:
    from rich.table import Table

    from coachlens.training.metrics import Report

_DATA_HELP = (
    "Folder of annotated data laid out like ../shared/data (default: ../shared/data, or COACHLENS_DATA)."
)


def _data_dir(data: Path | None) -> Path:
    if data is not None:
        candidates = [data]
    else:
        env = os.environ.get("COACHLENS_DATA", "").strip()
        here = Path(__file__).resolve()
        candidates = (
            [Path(env)]
            if env
            else [Path.cwd().parent / "shared" / "data", here.parents[3].parent / "shared" / "data"]
        )
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise UsageError(
        f"no training data at {candidates[0]}; pass --data DIR (a folder laid out like ../shared/data)"
    )


def train(
    data: Annotated[Path | None, typer.Option("--data", help=_DATA_HELP, show_default=False)] = None,
    model: Annotated[
        list[str] | None,
        typer.Option("--model", help="Rebuild only this model (repeatable); default: all of them."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Write the models here instead of into the installed package; "
            "use them with COACHLENS_MODELS_DIR=OUT.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Rebuild every model from the annotated data (deterministic), then evaluate and write model cards."""
    from rich.console import Console

    from coachlens.analysis.models import PACKAGED_MODELS, forget_models, using_models
    from coachlens.training.cards import write_cards
    from coachlens.training.evaluate import run_evaluation
    from coachlens.training.train import train_models

    folder = _data_dir(data)
    target = PACKAGED_MODELS if out is None else out
    err = Console(stderr=True)
    _require_training_extra()
    with err.status("training") as status:
        paths = train_models(
            folder, target, progress=lambda msg: status.update(f"training {msg}"), only=_known(model or [])
        )
        forget_models()
        with using_models(target):
            reports = run_evaluation(folder, progress=lambda msg: status.update(f"evaluating {msg}"))
    write_cards(target, reports)
    typer.echo(f"{len(paths)} models written to {target}, each with its model card (.md).")


def evaluate(
    data: Annotated[Path | None, typer.Option("--data", help=_DATA_HELP, show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
) -> None:
    """Print held-out metrics of the models: per-class precision, recall and F1, and macro-F1."""
    import json

    from rich.console import Console

    from coachlens.training.evaluate import run_evaluation

    folder = _data_dir(data)
    with Console(stderr=True).status("evaluating") as status:
        reports = run_evaluation(folder, progress=lambda msg: status.update(f"evaluating {msg}"))
    if as_json:
        typer.echo(json.dumps([r.to_json() for r in reports], indent=2))
    else:
        _print_reports(reports)


def _known(names: list[str]) -> tuple[str, ...]:
    from coachlens.analysis.models import MODEL_NAMES

    unknown = [n for n in names if n not in MODEL_NAMES]
    if unknown:
        raise UsageError(f'--model "{unknown[0]}" is not one of {", ".join(MODEL_NAMES)}')
    return tuple(names)


def _require_training_extra() -> None:
    try:
        import scipy  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError:
        raise UsageError(
            "training needs scikit-learn and scipy; install them with pip install 'coachlens[train]'"
        ) from None


def _print_reports(reports: list[Report]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for report in reports:
        table = Table(
            title=(
                f"{report.name}: macro-F1 {report.macro_f1:.3f}, "
                f"accuracy {report.accuracy:.3f}, n = {report.n:,}"
            ),
            title_justify="left",
        )
        for column in ("class", "precision", "recall", "F1", "support"):
            table.add_column(column, justify="left" if column == "class" else "right")
        for c in report.classes:
            table.add_row(c.label, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.support))
        console.print(table)
    console.print(_summary(reports))


def _summary(reports: list[Report]) -> Table:
    """One line per report, with the bar where the project set one, so the run reads at a glance."""
    from rich.table import Table

    from coachlens.training.evaluate import BARS

    table = Table(title="Summary", title_justify="left")
    for column in ("report", "macro-F1", "accuracy", "n", "bar"):
        table.add_column(column, justify="left" if column in {"report", "bar"} else "right")
    for r in reports:
        bar = BARS.get(r.name)
        verdict = "" if bar is None else f"{bar:.2f}: {'met' if r.macro_f1 >= bar else 'not met'}"
        table.add_row(r.name, f"{r.macro_f1:.3f}", f"{r.accuracy:.3f}", f"{r.n:,}", verdict)
    return table
