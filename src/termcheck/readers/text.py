"""Plain text: every line is prose."""

from __future__ import annotations

from termcheck.readers.base import Document, line_segments


def read_text(path: str, text: str) -> Document:
    return Document(path, text, tuple(line_segments(text)))
