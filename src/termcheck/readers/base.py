"""What every reader returns: the file's text, the segments to check in it, and the comments
where suppressions may be written."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from termcheck.diagnostics import Span


class ReadError(Exception):
    """Input that cannot be checked; the message is one line, `line` where there is one."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of checkable text: where it is in the file's text and the text itself.

    In text and Markdown a segment is a slice of the file (`offset`).  In PO and XLIFF the
    translation is unescaped and its accelerator removed, so it is no longer a slice:
    `positions` then gives the file offset of each of its characters.
    """

    offset: int  # code-point offset of text[0] in Document.text
    text: str  # the text to check (never a line break in text files; PO may have \n)
    positions: tuple[int, ...] | None = None  # file offset of each character of text
    source: str | None = None  # bilingual files: the source text this segment translates
    context: str | None = None  # PO msgctxt; XLIFF unit id
    fuzzy: bool = False  # PO: a fuzzy entry (checked only with --include-fuzzy)

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """File offsets of the segment's half-open span [start, end)."""
        if self.positions is None:
            return self.offset + start, self.offset + end
        if start >= end:
            at = self.positions[start] if start < len(self.positions) else self.positions[-1] + 1
            return at, at
        return self.positions[start], self.positions[end - 1] + 1

    def original(self, document_text: str) -> str:
        """The segment as written (for a slice, from the file itself: Markdown masks code
        with spaces, and a finding must quote the file)."""
        if self.positions is None:
            return document_text[self.offset:self.offset + len(self.text)]
        return self.text


@dataclass(frozen=True, slots=True)
class Comment:
    """Text of a file where `termcheck: ignore` directives may be written, and the lines
    they govern (termcheck.suppress reads the directives).  Each format says where its
    comments are: the whole text of a plain-text file, HTML comments in Markdown, translator
    comments in PO, <note>s in XLIFF."""

    text: str
    line: int  # the line of text[0] in the file
    covers: tuple[int, int] | None = None  # lines `ignore` covers; None: the line it is on
    next_covers: tuple[int, int] | None = None  # lines `ignore-next-line` covers; None: the
    # line after the one it is on


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded file and the parts of it that are prose."""

    path: str
    text: str  # the whole file, decoded (without a UTF-8 BOM)
    segments: tuple[Segment, ...]
    comments: tuple[Comment, ...] = ()  # only read when the file mentions "termcheck"
    format: str = "text"  # the name of its format in termcheck.readers.FORMATS


_DIRECTIVE_WORD = re.compile("termcheck", re.IGNORECASE)


def mentions_directives(text: str) -> bool:
    """Cheap test before a reader collects comments: no directive without the word."""
    return _DIRECTIVE_WORD.search(text) is not None


class LineMap:
    """Lines of a document's text, to turn offsets into places (counting LF only)."""

    __slots__ = ("starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)

    def line_of(self, offset: int) -> int:
        """The 1-based line holding `offset`."""
        return bisect.bisect_right(self.starts, offset)

    def span(self, start: int, end: int) -> Span:
        """The place of [start, end): lines and code-point columns (end exclusive)."""
        line = self.line_of(start)
        end_line = self.line_of(max(start, end - 1))
        return Span(start, end, line, start - self.starts[line - 1] + 1, end_line,
                    end - self.starts[end_line - 1] + 1)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break (a CR before LF dropped)."""
        start = self.starts[line - 1]
        stop = self.text.find("\n", start)
        return self.text[start:stop if stop >= 0 else len(self.text)].rstrip("\r")


def line_starts(text: str) -> list[int]:
    """Offsets where lines start, counting LF only (as the line numbers termcheck reports
    do; str.splitlines() would also break at U+2028 and others).  markdown-it also ends a
    line at a lone CR: the Markdown reader counts its token lines itself."""
    starts = [0]
    newline = text.find("\n")
    while newline >= 0:
        starts.append(newline + 1)
        newline = text.find("\n", newline + 1)
    return starts


def line_segments(text: str) -> list[Segment]:
    """One segment per line (lines end at LF; a CR before it is dropped).

    Only LF ends a line, as in editors and in the line numbers reported: str.splitlines()
    would also split at U+2028, form feeds and other separators and shift every line after.
    """
    segments: list[Segment] = []
    offset = 0
    while offset <= len(text):
        newline = text.find("\n", offset)
        stop = len(text) if newline < 0 else newline
        body = text[offset:stop].rstrip("\r")
        if body.strip():
            segments.append(Segment(offset, body))
        if newline < 0:
            break
        offset = newline + 1
    return segments
