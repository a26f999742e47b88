"""One transcript file into table rows: the unit of work of a batch, local or on Dask.

Everything here returns plain dicts of str, int, float, bool and None, so that a result pickles
cheaply between processes and round-trips through the JSON state files unchanged. The rows
follow the JSON contract (PRODUCT.md) and never add analysis of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

Value = str | int | float | bool | None
Row = dict[str, Value]

# Columns every table starts with, in this order; metric and score columns follow.
SESSION_COLUMNS = (
    "path",
    "sha256",
    "format",
    "encoding",
    "utterances",
    "speakers",
    "coach",
    "client",
    "role_confidence",
    "words",
    "duration_s",
    "has_timestamps",
    "findings",
    "findings_concern",
    "finding_kinds",
    "not_run",
)
UTTERANCE_COLUMNS = (
    "path",
    "index",
    "speaker",
    "role",
    "start",
    "end",
    "words",
    "text",
    "acts",
    "emotions",
    "emotions_named",
    "findings",
)
ERROR_COLUMNS = ("path", "sha256", "error_type", "error")
# Joins several labels in one cell, so that Parquet and CSV hold the same table.
SEPARATOR = ";"


class FileResult(TypedDict):
    """What analysing one file gave: a session row and its utterance rows, or an error row."""

    path: str
    sha256: str
    session: Row | None
    utterances: list[Row]
    error: Row | None


def analyze_file(path: str, data: bytes, sha256: str, format: str | None = None) -> FileResult:
    """Return the rows for the transcript ``data`` read from ``path``; a bad file gives an error row.

    ``format`` names the format where the path's suffix cannot: one conversation of a CSV file that
    holds several is named ``FILE.csv#ID``.

    Never raises for a bad or surprising file: the batch goes on and the errors table says why.
    """
    from coachlens.analysis import analyze_transcript
    from coachlens.errors import CoachlensError
    from coachlens.reports.contract import build_contract
    from coachlens.transcript.load import parse_transcript

    try:
        analysis = analyze_transcript(parse_transcript(data, path, format=format))
        contract = build_contract(analysis)
    except CoachlensError as exc:
        return _failed(path, sha256, type(exc).__name__, str(exc))
    except Exception as exc:  # a bug must not stop a corpus run; the errors table names it
        return _failed(path, sha256, "InternalError", f"{path}: {type(exc).__name__}: {exc}")
    session = session_row(contract, sha256)
    session["not_run"] = SEPARATOR.join(sorted(analysis.not_run)) or None
    return FileResult(
        path=path,
        sha256=sha256,
        session=session,
        utterances=utterance_rows(contract),
        error=None,
    )


def failed_file(path: str, sha256: str, error_type: str, message: str) -> FileResult:
    """Return the result of a file that could not be analysed."""
    return _failed(path, sha256, error_type, message)


def _failed(path: str, sha256: str, error_type: str, message: str) -> FileResult:
    error: Row = {"path": path, "sha256": sha256 or None, "error_type": error_type, "error": message}
    return FileResult(path=path, sha256=sha256, session=None, utterances=[], error=error)


def session_row(contract: Mapping[str, object], sha256: str) -> Row:
    """Return the one-row-per-session summary of a JSON contract document."""
    source = _dict(contract["source"])
    speakers = [_dict(s) for s in _list(contract["speakers"])]
    utterances = [_dict(u) for u in _list(contract["utterances"])]
    findings = [_dict(f) for f in _list(contract["findings"])]
    starts = [u["start"] for u in utterances]
    ends = [u["end"] if u["end"] is not None else u["start"] for u in utterances]
    timed = bool(utterances) and all(isinstance(s, int | float) for s in starts)
    # as Transcript.duration: from the first start to the last end, on the contract's rounded times
    duration = max(_number(e) for e in ends) - _number(starts[0]) if timed else None
    row: Row = {
        "path": str(source["path"]),
        "sha256": sha256,
        "format": str(source["format"]),
        "encoding": str(source["encoding"]),
        "utterances": len(utterances),
        "speakers": len(speakers),
        "coach": _names(speakers, "coach"),
        "client": _names(speakers, "client"),
        "role_confidence": min((float(_number(s["role_confidence"])) for s in speakers), default=None),
        "words": sum(len(str(u["text"]).split()) for u in utterances),
        "duration_s": None if duration is None else round(max(0.0, duration), 3),
        "has_timestamps": timed,
        "findings": len(findings),
        "findings_concern": sum(f["severity"] == "concern" for f in findings),
        "finding_kinds": SEPARATOR.join(sorted({str(f["kind"]) for f in findings})) or None,
        "not_run": None,  # the contract has no place for it; analyze_file fills it in
    }
    for name, value in _dict(contract["scores"]).items():
        row[f"score_{name}"] = _scalar(value)
    for role, values in _dict(contract["metrics"]).items():
        for name, value in _dict(values).items():
            row[f"{role}_{name}"] = _scalar(value)
    return row


def utterance_rows(contract: Mapping[str, object]) -> list[Row]:
    """Return one row per utterance: who, when, the acts, the emotions and the findings citing it."""
    path = str(_dict(contract["source"])["path"])
    cited: dict[int, list[str]] = {}
    for finding in (_dict(f) for f in _list(contract["findings"])):
        for index in _list(finding["evidence"]):
            kinds = cited.setdefault(int(_number(index)), [])
            if finding["kind"] not in kinds:
                kinds.append(str(finding["kind"]))
    rows: list[Row] = []
    for u in (_dict(u) for u in _list(contract["utterances"])):
        emotions = [_dict(e) for e in _list(u["emotions"])]
        index = int(_number(u["index"]))
        rows.append(
            {
                "path": path,
                "index": index,
                "speaker": str(u["speaker"]),
                "role": str(u["role"]),
                "start": _scalar(u["start"]),
                "end": _scalar(u["end"]),
                "words": len(str(u["text"]).split()),
                "text": str(u["text"]),
                "acts": SEPARATOR.join(str(a) for a in _list(u["acts"])) or None,
                "emotions": SEPARATOR.join(f"{e['family']}:{e['intensity']}" for e in emotions) or None,
                "emotions_named": SEPARATOR.join(str(e["family"]) for e in emotions if e["named"]) or None,
                "findings": SEPARATOR.join(cited.get(index, ())) or None,
            }
        )
    return rows


def _names(speakers: list[dict[str, object]], role: str) -> str | None:
    return SEPARATOR.join(str(s["name"]) for s in speakers if s["role"] == role) or None


def _scalar(value: object) -> Value:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _number(value: object) -> float:
    if isinstance(value, int | float):
        return value
    raise TypeError(f"expected a number, got {value!r}")


def _dict(value: object) -> dict[str, object]:
    if isinstance(value, dict):
        return value
    raise TypeError(f"expected an object, got {type(value).__name__}")


def _list(value: object) -> list[object]:
    if isinstance(value, list):
        return value
    raise TypeError(f"expected a list, got {type(value).__name__}")
