"""What every reader returns: the file's text and the segments to check in it."""

from __future__ import annotations

from dataclasses import dataclass


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
class Document:
    """A decoded file and the parts of it that are prose."""

    path: str
    text: str  # the whole file, decoded (without a UTF-8 BOM)
    segments: tuple[Segment, ...]


def line_starts(text: str) -> list[int]:
    """Offsets where lines start, counting LF only (as editors, markdown-it and the line
    numbers termcheck reports do; str.splitlines() would also break at U+2028 and others)."""
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
