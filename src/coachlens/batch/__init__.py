"""Corpus-scale analysis: `coachlens batch` and `coachlens.batch(...)` (PRODUCT.md C8).

`discover` finds the transcripts, `rows` turns one file into table rows (the unit of work a
local process or a Dask worker runs), `state` keeps finished work on disk so that an interrupted
run resumes, `tables` builds and writes the tidy tables, `runner` ties them together, `api` is
the researcher's Python API and `convokit` writes a ConvoKit corpus directory. pandas and
pyarrow are imported only when a batch runs, and Dask only when a scheduler is named.

This package is itself callable: ``coachlens.batch(paths, ...)`` is `coachlens.batch.run`
(a package and a function cannot share the name ``coachlens.batch`` otherwise, because
importing a submodule rebinds the package attribute). Type checkers see `run`.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from coachlens.batch.api import analyze, run

__all__ = ["analyze", "run"]


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return run(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
