"""What a check sees: one segment of a document (`SegmentContext`), or every bilingual
segment of a run (`RunContext`); and the one way a check makes a finding and its fix.

Checks work in segment offsets (the text they were given); the context turns them into
places in the file (Segment.file_span, LineMap) and asks the document's format how a
replacement is written back, so no rule knows about PO escapes or XML entities.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from termcheck.diagnostics import Applicability, Edit, Finding, Fix, Span
from termcheck.readers import format_named
from termcheck.readers.base import Document, LineMap, Segment
from termcheck.thai.normalize import Normalized, normalize

if TYPE_CHECKING:
    from termcheck.bilingual.consistency.model import Unit
    from termcheck.engine import Linter
    from termcheck.match.hits import Hit, HitKind, Scan
    from termcheck.rules import Rule
    from termcheck.settings import Settings


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in text)


@dataclass(slots=True)
class Located:
    """A span of a segment, placed in its file."""

    document: Document
    segment: Segment
    lines: LineMap
    span: Span

    @property
    def file_text(self) -> str:
        return self.document.text[self.span.start:self.span.end]


def locate(document: Document, segment: Segment, lines: LineMap, start: int,
           end: int) -> Located:
    """Segment offsets [start, end) as a place in the file."""
    file_start, file_end = segment.file_span(start, end)
    return Located(document, segment, lines, lines.span(file_start, file_end))


def make_finding(linter: Linter, rule: Rule, where: Located, *, found: str, expected: str,
                 message: str, term_id: str = "", note: str = "",
                 fix: Fix | None = None) -> Finding:
    """A finding of `rule` at `where`, graded as the settings say."""
    span = where.span
    return Finding(
        path=where.document.path, line=span.line, column=span.column, end_line=span.end_line,
        end_column=span.end_column, rule=rule.code, severity=linter.severity_of(rule),
        term_id=term_id, found=found, expected=expected, message=message, note=note,
        line_text=where.lines.line_text(span.line), offset=span.start,
        source=where.segment.source, context=where.segment.context, end_offset=span.end,
        fix=fix)


def replacement_fix(where: Located, found: str, replacement: str,
                    applicability: Applicability) -> Fix:
    """Replace the text at `where` (`found`, as the segment has it) with `replacement`.

    The fix keeps `applicability` only where it is certain to do what it says: the file
    holds exactly the text found there (no PO escape, accelerator or XML entity inside), on
    one line, the replacement has no control character, and the format can write it (see
    termcheck.readers.Format.write_replacement).  Otherwise it is a suggestion to show
    (display-only)."""
    content = None
    if (found != replacement and "\n" not in found and not _has_control(replacement)
            and where.file_text == found):
        content = format_named(where.document.format).write_replacement(
            where.document.text, where.span.start, where.span.end, replacement)
    if content is None:
        applicability, content = Applicability.DISPLAY_ONLY, replacement
    return Fix((Edit(where.span, content),), applicability,
               f"Replace '{found}' with '{replacement}'")


@dataclass(slots=True)
class SegmentContext:
    """One segment of a document, as a segment check sees it."""

    linter: Linter
    document: Document
    segment: Segment
    lines: LineMap
    _original: str | None = None
    _norm: Normalized | None = None
    _scan: Scan | None = None
    _by_kind: dict[HitKind, list[Hit]] | None = None

    @property
    def settings(self) -> Settings:
        return self.linter.settings

    @property
    def original(self) -> str:
        """The segment as written (Markdown's masked code shows here as it is in the file)."""
        if self._original is None:
            self._original = self.segment.original(self.document.text)
        return self._original

    @property
    def norm(self) -> Normalized:
        """The segment's text normalised as the matcher reads it, with its defects in
        segment offsets (computed once, on first use)."""
        if self._norm is None:
            self._norm = normalize(self.segment.text)
        return self._norm

    @property
    def scan(self) -> Scan:
        """The glossary matcher's hits in this segment (computed once, on first use)."""
        if self._scan is None:
            self._scan = self.linter.scan(self.segment, self.original, self.norm)
        return self._scan

    def hits(self, kind: HitKind) -> list[Hit]:
        """The matcher's hits of one kind in this segment."""
        if self._by_kind is None:
            self._by_kind = {}
            for hit in self.scan.hits:
                self._by_kind.setdefault(hit.kind, []).append(hit)
        return self._by_kind.get(kind, [])

    def locate(self, start: int, end: int) -> Located:
        return locate(self.document, self.segment, self.lines, start, end)

    def finding(self, rule: Rule, start: int, end: int, *, expected: str, message: str,
                term_id: str = "", note: str = "", replacement: str | None = None,
                applicability: Applicability = Applicability.SAFE) -> Finding:
        """A finding over segment offsets [start, end), the text found there as written;
        with `replacement`, its fix (see replacement_fix)."""
        where = self.locate(start, end)
        found = self.original[start:end]
        fix = (None if replacement is None
               else replacement_fix(where, found, replacement, applicability))
        return make_finding(self.linter, rule, where, found=found, expected=expected,
                            message=message, term_id=term_id, note=note, fix=fix)


@dataclass(slots=True)
class RunContext:
    """Every bilingual segment of a run, for checks that compare segments."""

    linter: Linter
    items: list[tuple[Document, Segment]]  # in the order of the files and their segments
    _lines: dict[int, LineMap] = field(default_factory=dict)
    _units: list[Unit] | None = None

    @property
    def units(self) -> list[Unit]:
        """The items as the consistency analyses read them (Unit.index: the item)."""
        if self._units is None:
            from termcheck.bilingual.consistency.model import Unit

            self._units = [Unit(doc.path, n, segment.source or "", segment.text,
                                segment.context)
                           for n, (doc, segment) in enumerate(self.items)]
        return self._units

    def lines(self, document: Document) -> LineMap:
        found = self._lines.get(id(document))
        if found is None:
            found = self._lines[id(document)] = LineMap(document.text)
        return found

    def finding(self, rule: Rule, item: int, start: int, end: int, *, found: str,
                expected: str, message: str, term_id: str = "", note: str = "") -> Finding:
        """A finding over offsets [start, end) of the segment items[item]."""
        document, segment = self.items[item]
        where = locate(document, segment, self.lines(document), start, end)
        return make_finding(self.linter, rule, where, found=found, expected=expected,
                            message=message, term_id=term_id, note=note)
