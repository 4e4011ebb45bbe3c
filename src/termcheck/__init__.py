"""termcheck: check Thai translations against curated glossaries.

The Python API (termcheck.api) is importable from here: `termcheck.lint_text`,
`termcheck.lint_paths`, `termcheck.CompiledGlossary`, `termcheck.Settings`.  It is imported
on first use, so `termcheck --version` and a pre-commit run pay nothing for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from termcheck.api import CompiledGlossary, LintResult, Settings, lint_paths, lint_text

__all__ = ["CompiledGlossary", "LintResult", "Settings", "__version__", "lint_paths",
           "lint_text"]
_API = frozenset(__all__) - {"__version__"}


def __getattr__(name: str) -> Any:
    if name in _API:
        from termcheck import api

        return getattr(api, name)
    raise AttributeError(f"module 'termcheck' has no attribute {name!r}")
