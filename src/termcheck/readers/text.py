"""Plain text: every line is prose, and a `termcheck: ignore` may stand anywhere on a line."""

from __future__ import annotations

from termcheck.readers.base import Comment, Document, line_segments, mentions_directives


def read_text(path: str, text: str, *, accelerator: str | None = None) -> Document:
    """Every line is prose (`accelerator` is for bilingual formats and is ignored)."""
    comments = (Comment(text, 1),) if mentions_directives(text) else ()
    return Document(path, text, tuple(line_segments(text)), comments, "text")


def write_replacement(text: str, start: int, end: int, replacement: str) -> str | None:
    """Plain text holds any text as it is."""
    return replacement
