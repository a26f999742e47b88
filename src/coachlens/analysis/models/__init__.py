"""The project's own trained models, shipped as files beside this module, loaded once on first use.

`coachlens train` writes them (``<name>.npz`` plus a model card ``<name>.md``); analyzers get
them through `load_model`, which reads each file at most once per process. A practice that
retrains on its own data points ``COACHLENS_MODELS_DIR`` at the folder it trained into.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator
from pathlib import Path

from coachlens.analysis.models.linear import LinearTextModel
from coachlens.errors import UsageError

PACKAGED_MODELS = Path(__file__).parent / "files"
MODEL_NAMES = (
    "acts",
    "emotions",
    "empathy_emotional_reactions",
    "empathy_interpretations",
    "empathy_explorations",
)


_using: list[Path] = []  # folders pushed by `using_models`, innermost last


def models_dir() -> Path:
    """Return the folder models are read from: `using_models`, ``COACHLENS_MODELS_DIR``, or the package."""
    if _using:
        return _using[-1]
    override = os.environ.get("COACHLENS_MODELS_DIR", "").strip()
    return Path(override) if override else PACKAGED_MODELS


@contextlib.contextmanager
def using_models(folder: Path) -> Iterator[None]:
    """Read models from ``folder`` inside the block (`coachlens train --out` evaluates what it wrote)."""
    _using.append(folder)
    try:
        yield
    finally:
        _using.pop()


def load_model(name: str) -> LinearTextModel:
    """Return the model ``name`` (see `MODEL_NAMES`), read from `models_dir` once per process."""
    return _load(name, models_dir())


@functools.cache
def _load(name: str, folder: Path) -> LinearTextModel:
    path = folder / f"{name}.npz"
    if not path.exists():
        raise UsageError(f"the model file {path} is missing; run `coachlens train` to rebuild the models")
    return LinearTextModel.load(path)


def forget_models() -> None:
    """Drop every loaded model, so that the next `load_model` reads the files again."""
    _load.cache_clear()
