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

import codecs
import unicodedata
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


_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))
_SNIFF = 8192  # bytes looked at for NULs: where a binary file shows itself
_TEXT_CONTROLS = frozenset("\t\n\v\f\r")


def _utf16_without_bom(sample: bytes) -> str | None:
    """"UTF-16LE" or "UTF-16BE" when `sample` (with NULs) reads as text in that encoding:
    the NULs all in the high bytes (those of ASCII letters, spaces and line ends), never in
    the low ones, and the whole decodes to text with a space or line break in it and without
    control characters.  Else None (a binary file)."""
    for name, low in (("UTF-16LE", sample[0::2]), ("UTF-16BE", sample[1::2])):
        if b"\0" in low:
            continue
        decoder = codecs.getincrementaldecoder(name.lower())()
        try:  # not final: the sample may end inside a character
            text = decoder.decode(sample[: len(sample) // 2 * 2])
        except UnicodeDecodeError:
            continue
        if any(c in " \n\r" for c in text) and not any(
                c in "\ufffe\uffff" or (unicodedata.category(c) == "Cc"
                                         and c not in _TEXT_CONTROLS) for c in text):
            return name
    return None


def _wide_text(data: bytes) -> str | None:
    """The message for a UTF-16 or UTF-32 file (a byte order mark, or UTF-16's pattern of
    NULs), else None."""
    named = [name for bom, name in _BOMS if data.startswith(bom)]
    name = named[0] if named else _utf16_without_bom(data[:_SNIFF])
    if name is None:
        return None
    return f"{name} text; termcheck reads UTF-8: convert it (e.g. iconv -f {name} -t UTF-8)"


def decode(data: bytes) -> str:
    """Decode a draft: UTF-8 (a BOM is dropped); anything else is a ReadError with its line.
    UTF-16 and UTF-32 are named as such (with the command that converts them), not taken for
    binary files."""
    if not data:
        raise ReadError("file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\0" in data[:_SNIFF]:
        wide = _wide_text(data)
        if wide is not None:
            raise ReadError(wide)
    if b"\0" in data[:_SNIFF]:
        raise ReadError("binary file (contains NUL bytes), not a text draft")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReadError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at byte offset "
                        f"{exc.start}); save the file as UTF-8", line) from None
