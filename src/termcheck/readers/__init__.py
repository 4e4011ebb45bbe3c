"""Readers by file extension, and the decoding every reader shares."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from termcheck.readers.base import Document, ReadError, Segment
from termcheck.readers.markdown import read_markdown
from termcheck.readers.po import read_po
from termcheck.readers.text import read_text
from termcheck.readers.xliff import read_xliff

Reader = Callable[..., Document]  # (path, text, *, accelerator) -> Document

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".po": read_po,
    ".pot": read_po,
    ".xlf": read_xliff,
    ".xliff": read_xliff,
}

MAX_LINE = 100_000  # characters; longer lines are reported, not checked

__all__ = ["READERS", "Document", "ReadError", "Segment", "decode", "reader_for"]


def reader_for(name: str) -> Reader | None:
    """The reader for a file name, or None when termcheck does not read that kind of file."""
    return READERS.get(Path(name).suffix.lower())


def decode(data: bytes) -> str:
    """Decode a draft: UTF-8 (a BOM is dropped); anything else is a ReadError with its line."""
    if not data:
        raise ReadError("file is empty")
    if b"\0" in data[:8192]:
        raise ReadError("binary file (contains NUL bytes), not a text draft")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReadError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at byte offset "
                        f"{exc.start}); save the file as UTF-8", line) from None
