"""Plain text: every line is prose."""

from __future__ import annotations

from termcheck.readers.base import Document, line_segments


def read_text(path: str, text: str, *, accelerator: str | None = None) -> Document:
    """Every line is prose (`accelerator` is for bilingual formats and is ignored)."""
    return Document(path, text, tuple(line_segments(text)))
