"""coachlens: the relational practice platform for executive coaches.

Kept import-light on purpose: ``coachlens --help`` must stay fast, so nothing here loads the
readers, the analyzers or any third-party package until it is used.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
