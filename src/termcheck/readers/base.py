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
    """A stretch of checkable text: its offset in the file's text and the text itself."""

    offset: int  # code-point offset of text[0] in Document.text
    text: str  # never contains a line break


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded file and the parts of it that are prose."""

    path: str
    text: str  # the whole file, decoded (without a UTF-8 BOM)
    segments: tuple[Segment, ...]


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
