"""coachlens: the relational practice platform for executive coaches.

Kept import-light on purpose: ``coachlens --help`` must stay fast, so nothing here loads the
readers, the analyzers or any third-party package until it is used.

The researcher's Python API (docs/batch.md):
``coachlens.analyze(path)`` returns one transcript's `Analysis`;
``coachlens.batch(paths, output=None, workers=None, scheduler=None)`` analyses a corpus and
returns its sessions, utterances and errors as pandas frames.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "analyze", "batch"]

if TYPE_CHECKING:
    from coachlens.batch import run as batch
    from coachlens.batch.api import analyze


def __getattr__(name: str) -> Any:
    # loaded on first use, so that importing coachlens stays cheap
    if name == "analyze":
        from coachlens.batch.api import analyze

        return analyze
    if name == "batch":
        import coachlens.batch

        return coachlens.batch
    raise AttributeError(f"module 'coachlens' has no attribute {name!r}")
