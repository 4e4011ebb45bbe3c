"""The records that flow out of the engine: findings and input errors.

One Finding type and one serialiser (`Finding.to_dict`): every machine format starts here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place in one file."""

    path: str  # as given on the command line ("-" for stdin)
    line: int  # 1-based
    column: int  # 1-based, in Unicode code points
    end_line: int
    end_column: int  # exclusive, as in SARIF
    rule: str  # stable rule code, e.g. TC001
    severity: str  # error, warning or info
    term_id: str
    found: str  # the text as written
    expected: str  # the approved form
    message: str  # one line for humans
    note: str = ""  # the glossary's note for the term
    line_text: str = field(default="", compare=False)  # the source line, for reports
    offset: int = field(default=0, compare=False)  # code-point offset in the file
    source: str | None = None  # bilingual files: the segment's source text
    context: str | None = None  # PO msgctxt where present

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of format version 1 (keys are only ever added)."""
        data: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": self.severity,
            "term_id": self.term_id,
            "found": self.found,
            "expected": self.expected,
            "message": self.message,
            "note": self.note,
        }
        if self.source is not None:
            data["source"] = self.source
        if self.context is not None:
            data["msgctxt"] = self.context
        return data

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.rule, self.term_id)


@dataclass(frozen=True, slots=True)
class InputError:
    """A file (or glossary) that could not be checked."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "message": self.message}
