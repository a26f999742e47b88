"""The tidy tables of a batch: sessions, utterances and errors, as pandas frames, Parquet or CSV.

The utterances and errors tables have fixed column types. The sessions table's columns depend on
the analyzers, and each is typed from all its values at once (whole numbers -> nullable
``Int64``, any fraction -> ``float64``, true/false -> nullable ``boolean``, otherwise text), so the
same files give the same tables however the work was split between processes or machines.
Results are turned into frames a chunk at a time, so a large corpus is never held as millions of
Python dicts.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coachlens.batch.rows import ERROR_COLUMNS, SESSION_COLUMNS, FileResult, Row, Value

if TYPE_CHECKING:
    import pandas as pd

TABLE_FORMATS = ("parquet", "csv")
_ROLE_ORDER = ("coach", "client", "sponsor", "therapist", "other")


@dataclass(frozen=True)
class BatchTables:
    """The three tables of a batch, sorted by path (and utterance index)."""

    sessions: pd.DataFrame
    utterances: pd.DataFrame
    errors: pd.DataFrame


# the fixed types of the utterances and errors tables
_UTTERANCE_TYPES = {
    "path": "str",
    "index": "Int64",
    "speaker": "str",
    "role": "str",
    "start": "float64",
    "end": "float64",
    "words": "Int64",
    "text": "str",
    "acts": "str",
    "emotions": "str",
    "emotions_named": "str",
    "findings": "str",
}
_ERROR_TYPES = dict.fromkeys(ERROR_COLUMNS, "str")
_CHUNK_ROWS = 50_000


def build_tables(results: Iterable[FileResult]) -> BatchTables:
    """Return the tables for ``results`` (one per file), sorted by path whatever order they came in."""
    import pandas as pd

    sessions: list[Row] = []
    errors: list[Row] = []
    chunks: list[pd.DataFrame] = []
    rows: list[Row] = []
    for result in results:
        if result["session"] is not None:
            sessions.append(result["session"])
        if result["error"] is not None:
            errors.append(result["error"])
        rows.extend(result["utterances"])
        if len(rows) >= _CHUNK_ROWS:
            chunks.append(typed_frame(rows, _UTTERANCE_TYPES))
            rows = []
    chunks.append(typed_frame(rows, _UTTERANCE_TYPES))
    utterances = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
    sessions.sort(key=lambda row: str(row["path"]))
    errors.sort(key=lambda row: str(row["path"]))
    return BatchTables(
        sessions=frame_of(sessions, _session_columns(sessions)),
        utterances=utterances.sort_values(["path", "index"], kind="stable", ignore_index=True),
        errors=typed_frame(errors, _ERROR_TYPES),
    )


def typed_frame(rows: Sequence[Row], types: dict[str, str]) -> pd.DataFrame:
    """Return a frame of ``rows`` with the given columns and types (missing values stay missing)."""
    import pandas as pd

    return pd.DataFrame(
        {name: pd.Series([row.get(name) for row in rows], dtype=kind) for name, kind in types.items()},
        columns=list(types),
    )


def frame_of(rows: Sequence[Row], columns: Sequence[str]) -> pd.DataFrame:
    """Return a frame of ``rows`` with ``columns`` in order, each typed from all its values."""
    import pandas as pd

    return pd.DataFrame(
        {name: _column([row.get(name) for row in rows]) for name in columns},
        columns=list(columns),
    )


def _column(values: list[Value]) -> pd.Series:
    import pandas as pd

    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return pd.Series(values, dtype="boolean")
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pd.Series(values, dtype="Int64")
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return pd.Series([float("nan") if v is None else v for v in values], dtype="float64")
    if not present:
        return pd.Series(values, dtype="object")
    # text: pandas' default string type, so a frame read back from Parquet compares equal
    return pd.Series([None if v is None else str(v) for v in values])


def _session_columns(sessions: Sequence[Row]) -> list[str]:
    """The fixed columns, then scores, then each role's metrics (coach first), in first-seen order."""
    seen: dict[str, None] = {}
    for row in sessions:
        seen.update(dict.fromkeys(name for name in row if name not in SESSION_COLUMNS))
    extra = list(seen)

    def rank(name: str) -> tuple[int, int]:
        if name.startswith("score_"):
            return (0, 0)
        role = name.split("_", 1)[0]
        return (1, _ROLE_ORDER.index(role) if role in _ROLE_ORDER else len(_ROLE_ORDER))

    return [*SESSION_COLUMNS, *sorted(extra, key=rank)]  # sorted() is stable: first-seen within a rank


def write_tables(tables: BatchTables, folder: Path, format: str) -> list[Path]:
    """Write ``sessions``, ``utterances`` and ``errors`` into ``folder``, each atomically."""
    written = []
    for name, frame in (
        ("sessions", tables.sessions),
        ("utterances", tables.utterances),
        ("errors", tables.errors),
    ):
        target = folder / f"{name}.{format}"
        partial = folder / f".{target.name}.partial"
        if format == "parquet":
            frame.to_parquet(partial, index=False, engine="pyarrow")
        else:
            frame.to_csv(partial, index=False)
        os.replace(partial, target)
        written.append(target)
    return written


def read_table(path: Path) -> pd.DataFrame:
    """Return a table a batch wrote (Parquet or CSV), with the types it was written with where known."""
    import pandas as pd

    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    return pd.read_csv(path)
