"""The records that flow out of the engine: findings with their fixes, input errors, the result.

One Finding type and one serialiser (`Finding.to_dict`): every machine format starts here.
Reporters depend on this module, never on the engine or on `fix`.

A fix follows ruff's model: a rule that knows the replacement attaches a `Fix` (the edits and
how far they can be trusted) to its finding; `termcheck fix` applies fixes by applicability,
SARIF offers the safe ones, and nothing guesses afterwards from the rule code.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from termcheck.suppress import Directive


class Severity(str, Enum):
    """How much a finding matters.  Ordered, INFO < WARNING < ERROR, so `fail_on` and report
    order are comparisons; a str whose value is its name, so it prints, serialises and
    compares equal to "error", "warning" or "info"."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    @property
    def rank(self) -> int:
        return _RANK[self]

    def _other(self, other: object) -> Severity | None:
        if isinstance(other, Severity):
            return other
        if isinstance(other, str) and other in _BY_NAME:
            return _BY_NAME[other]
        return None

    def __lt__(self, other: object) -> bool:
        known = self._other(other)
        return NotImplemented if known is None else self.rank < known.rank

    def __le__(self, other: object) -> bool:
        known = self._other(other)
        return NotImplemented if known is None else self.rank <= known.rank

    def __gt__(self, other: object) -> bool:
        known = self._other(other)
        return NotImplemented if known is None else self.rank > known.rank

    def __ge__(self, other: object) -> bool:
        known = self._other(other)
        return NotImplemented if known is None else self.rank >= known.rank

    __hash__ = str.__hash__


STDIN = "-"  # the path standing for standard input


_RANK = {severity: rank for rank, severity in enumerate(Severity)}
_BY_NAME = {severity.value: severity for severity in Severity}
SEVERITIES = tuple(s.value for s in sorted(Severity, reverse=True))  # "error", "warning", "info"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range [start, end) of a file's decoded text (code points, after any BOM),
    and where that is for people: 1-based lines and code-point columns, the end column
    exclusive, as in SARIF."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


class Applicability(Enum):
    """How far a fix can be trusted (ruff's three levels)."""

    SAFE = "safe"  # certain: `termcheck fix` applies it, SARIF offers it
    UNSAFE = "unsafe"  # likely right, a person may disagree: `termcheck fix` applies it
    # unless told not to (--no-near-misses); never offered to code scanning
    DISPLAY_ONLY = "display-only"  # a suggestion to show; never applied


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `span` of the file's text with `content`, written as the file needs it (a PO
    or XLIFF replacement is escaped for its format)."""

    span: Span
    content: str

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


@dataclass(frozen=True, slots=True)
class Fix:
    """What a rule offers to do about its finding."""

    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str  # one line for people: "Replace 'x' with 'y'"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place in one file."""

    path: str  # as given on the command line ("-" for stdin)
    line: int  # 1-based
    column: int  # 1-based, in Unicode code points
    end_line: int
    end_column: int  # exclusive, as in SARIF
    rule: str  # stable rule code, e.g. TC001 (termcheck.rules.get_rule gives the rule)
    severity: Severity  # the rule's, or as the configuration re-graded it
    term_id: str
    found: str  # the text as written
    expected: str  # the approved form
    message: str  # one line for humans
    note: str = ""  # the glossary's note for the term
    line_text: str = field(default="", compare=False)  # the source line, for reports
    offset: int = field(default=0, compare=False)  # code-point offset in the file
    source: str | None = None  # bilingual files: the segment's source text
    context: str | None = None  # PO msgctxt where present
    end_offset: int = field(default=-1, compare=False)  # end of the span in the file
    fix: Fix | None = field(default=None, compare=False)  # what the rule offers to do

    def __post_init__(self) -> None:
        if not isinstance(self.severity, Severity):  # "warning" given as text
            object.__setattr__(self, "severity", Severity(self.severity))
        if self.end_offset < 0 and self.end_line == self.line:
            object.__setattr__(self, "end_offset",
                               self.offset + max(self.end_column - self.column, 0))

    @property
    def span(self) -> Span:
        return Span(self.offset, self.end_offset, self.line, self.column, self.end_line,
                    self.end_column)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of format version 1 (keys are only ever added)."""
        data: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": self.severity.value,
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


@dataclass(slots=True)
class LintResult:
    """Everything a reporter needs, and the exit code."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    files_checked: int = 0
    unused_ignores: list[Directive] = field(default_factory=list)
    # the decoded text of every file with findings, as the readers saw it (the HTML report
    # shows the drafts from here: nothing reads a file twice)
    documents: dict[str, str] = field(default_factory=dict)
    baseline_suppressed: int = 0  # findings left out because the baseline has them
    segments_checked: int = 0
    term_uses: Counter[str] | None = None  # term id -> segments using it correctly, if asked

    def exit_code(self, fail_on: Severity | str = Severity.INFO) -> int:
        """2 when some input could not be checked (errors win); 1 when a finding is at least
        as severe as `fail_on`; else 0."""
        if self.errors:
            return 2
        threshold = Severity(fail_on)
        return 1 if any(f.severity >= threshold for f in self.findings) else 0
