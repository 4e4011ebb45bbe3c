"""The format table: extension -> reader -> where suppressions are written -> how a fix's
replacement is written back.  And the decoding every reader shares.

Each reader module is imported only when a file of its format is read (start-up time: the
PO and XLIFF parsers cost more than a text file's whole check).  A reader module provides
`read_<format>(path, text, *, accelerator) -> Document` and
`write_replacement(text, start, end, replacement) -> str | None`: the text to put over
[start, end) of the file so that it reads as `replacement` (escaped as the format needs), or
None where that cannot be done safely.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

from termcheck.readers.base import Comment, Document, ReadError, Segment

MAX_LINE = 100_000  # characters; longer lines are reported, not checked


@dataclass(frozen=True, slots=True)
class Format:
    """One kind of file termcheck reads."""

    name: str  # "text", "markdown", "po", "xliff" (Document.format)
    extensions: tuple[str, ...]  # lower case, with the dot
    module: str  # the reader module
    function: str  # its reading function
    bilingual: bool  # segments carry their source text
    comments: str  # where `termcheck: ignore` is written, for the docs

    def _module(self) -> Any:
        return import_module(self.module)

    def read(self, path: str, text: str, *, accelerator: str | None = None) -> Document:
        """The document of a decoded file of this format (ReadError when it is malformed)."""
        reader: Callable[..., Document] = getattr(self._module(), self.function)
        return reader(path, text, accelerator=accelerator)

    def write_replacement(self, text: str, start: int, end: int,
                          replacement: str) -> str | None:
        """How `replacement` is written over [start, end) of the file's `text`; None: it
        cannot be written there without changing what the file means."""
        result: str | None = self._module().write_replacement(text, start, end, replacement)
        return result


FORMATS: tuple[Format, ...] = (
    Format("text", (".txt", ".text"), "termcheck.readers.text", "read_text", False,
           "anywhere on a line"),
    Format("markdown", (".md", ".markdown"), "termcheck.readers.markdown", "read_markdown",
           False, "in an HTML comment: <!-- termcheck: ignore -->"),
    Format("po", (".po", ".pot"), "termcheck.readers.po", "read_po", True,
           "in a translator comment of the entry: # termcheck: ignore"),
    Format("xliff", (".xlf", ".xliff"), "termcheck.readers.xliff", "read_xliff", True,
           "in a <note> of the unit"),
)
_BY_EXTENSION = {ext: fmt for fmt in FORMATS for ext in fmt.extensions}
_BY_NAME = {fmt.name: fmt for fmt in FORMATS}
EXTENSIONS = tuple(_BY_EXTENSION)

__all__ = ["EXTENSIONS", "FORMATS", "MAX_LINE", "Comment", "Document", "Format", "ReadError",
           "Segment", "decode", "extensions_text", "format_for", "format_named", "reader_for"]


def format_for(name: str) -> Format | None:
    """The format of a file name, or None when termcheck does not read that kind of file."""
    return _BY_EXTENSION.get(Path(name).suffix.lower())


def format_named(name: str) -> Format:
    """A format by its name (Document.format)."""
    return _BY_NAME[name]


def reader_for(name: str) -> Callable[..., Document] | None:
    """The reading function for a file name: (path, text, *, accelerator) -> Document."""
    fmt = format_for(name)
    return None if fmt is None else fmt.read


def extensions_text(last: str = "and") -> str:
    """The extensions termcheck reads, for messages: ".txt, .text, ... and .xliff"."""
    return ", ".join(EXTENSIONS[:-1]) + f" {last} {EXTENSIONS[-1]}"


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
