"""Reading glossary files: regular files only, decoded strictly, CSV parsed strictly.

Every glossary reader starts here, so that

- a path that is no file (a folder, a FIFO that would block for ever, /dev/zero that never
  ends) is one error, found before anything is read;
- a CSV/TSV file with one unclosed quote is an error on that line, and the rows after it are
  still read: the csv module alone would read the rest of the file as one cell and report
  nothing (a glossary silently 200 terms short);
- text YAML refuses (control characters, NUL) is refused in CSV cells too, with its line.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from yaml.reader import Reader

from termcheck.fileio import NotRegularError, open_regular, read_file
from termcheck.glossary.model import GlossaryError
from termcheck.readers.base import ReadError

# the characters YAML does not allow in a file (control characters but tab and line breaks,
# surrogates, U+FFFE/U+FFFF): the same for every glossary format
NON_PRINTABLE: re.Pattern[str] = Reader.NON_PRINTABLE
# physical lines as the csv module counts them (\r\n, \r and \n end a line; nothing else)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_END_OF_DATA = "unexpected end of data"  # csv's words for a quoted cell still open at the end


# -- files ----------------------------------------------------------------------------------

@contextmanager
def _reading(path: Path | str) -> Iterator[None]:
    """termcheck.fileio's errors in a glossary's words."""
    spath = str(path)
    try:
        yield
    except NotRegularError as exc:
        kind = f" ({exc.kind})" if exc.kind else ""
        raise GlossaryError(spath, None, f"not a regular file{kind}") from None
    except ReadError as exc:  # larger than fileio.MAX_FILE_BYTES
        raise GlossaryError(spath, None, exc.message) from None
    except (FileNotFoundError, NotADirectoryError):
        raise GlossaryError(spath, None, "glossary file not found") from None
    except OSError as exc:
        raise GlossaryError(spath, None, f"cannot read glossary: {exc.strerror or exc}") \
            from None


def unreadable(path: Path | str) -> str:
    """Why the file at `path` cannot be read ("" when it can), without reading it."""
    try:
        with _reading(path):
            open_regular(path).close()
    except GlossaryError as exc:
        return exc.message
    return ""


def read_bytes(path: Path | str) -> bytes:
    """The bytes of the regular file at `path` (symbolic links followed, at most
    fileio.MAX_FILE_BYTES); GlossaryError when it is missing, is not a regular file or
    cannot be read."""
    with _reading(path):
        return read_file(path)


def read_text(path: Path | str) -> str:
    """The text of a glossary file: UTF-8, a byte order mark dropped."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError(str(path), line, "not valid UTF-8") from None


def control_character(text: str) -> str:
    """The first character of `text` that no glossary may hold, as U+XXXX ("" for none)."""
    found = NON_PRINTABLE.search(text)
    return f"U+{ord(found.group()):04X}" if found else ""


# -- CSV and TSV ----------------------------------------------------------------------------

class _Broken(Exception):
    """A record refused: the indexes of its first line and of the line after the place
    refused, and the message."""

    def __init__(self, start: int, at: int, message: str) -> None:
        super().__init__(message)
        self.start, self.at, self.message = start, at, message


Record = tuple[int, list[str], int]  # the record's first line (1-based), cells, last line


def _refused(start: int, at: int, reason: str) -> _Broken:
    if reason == _END_OF_DATA:
        return _Broken(start, at, "CSV error: unclosed quote: the quoted cell begun in this "
                       "record runs to the end of the file")
    where = f" (line {at})" if at > start + 1 else ""
    return _Broken(start, at, f"CSV error: {reason}{where}")


def _parse(lines: list[str], first: int, delimiter: str, strict: bool,
           ) -> Iterator[tuple[int, int, list[str]]]:
    """(index of the first line, index after the last, cells) of each record from
    lines[first]; a record the parser refuses raises _Broken."""
    pos = first

    def feed() -> Iterator[str]:
        nonlocal pos
        while pos < len(lines):
            pos += 1
            yield lines[pos - 1]

    reader = csv.reader(feed(), delimiter=delimiter, strict=strict)
    while True:
        start = pos
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _refused(start, pos, str(exc)) from None
        yield start, pos, row


def _line_break(row: list[str], names: list[str]) -> str:
    """Why a record that spans lines is refused: a line break in a cell other than a note
    is no part of a term, but the mark of a quote left open ("" when the record is fine)."""
    for n, cell in enumerate(row):
        name = names[n] if n < len(names) else str(n + 1)
        if name != "note" and ("\n" in cell or "\r" in cell):
            return f"CSV error: line break inside the '{name}' cell (a quote left open?)"
    return ""


def _loose(lines: list[str], broken: _Broken, delimiter: str) -> tuple[int, list[str]]:
    """The record the strict parser refused, read as the csv module reads it (the index
    after its last line, and the cells) when it is one line; _Broken when even that fails
    or when it runs over lines: a stray quote that swallows the rows after it."""
    start, end, row = next(_parse(lines, broken.start, delimiter, strict=False))
    if end - start > 1:
        raise broken
    return end, row


def _read(lines: list[str], first: int, delimiter: str, lenient: bool,
          records: list[Record]) -> None:
    """Append the records from lines[first] to `records` until one is refused (_Broken)."""
    names = _header_names(records[0][1]) if records else None
    for start, end, row in _parse(lines, first, delimiter, strict=True):
        if not any(cell.strip() for cell in row):
            continue
        if names is None:
            names = _header_names(row)
        elif end - start > 1 and not lenient and (why := _line_break(row, names)):
            raise _Broken(start, end, why)
        records.append((start + 1, row, end))


def _header_names(row: list[str]) -> list[str]:
    return [cell.strip().lower() for cell in row]


def csv_records(text: str, delimiter: str, path: str, *, lenient: bool = False,
                ) -> tuple[list[Record], list[GlossaryError]]:
    """The non-empty records of a CSV/TSV text, and an error for each record that is broken.

    Strict (the header layout): the first record is the header, and GlossaryError when it
    is broken (nothing can be read without it); a later record with a stray quote, a quote
    never closed or a line break in a cell other than `note` is an error on its first line,
    and reading starts again on the line after it, so the rows a stray quote would swallow
    are still read.  `lenient` (the OpenTLE layout, whose real files have stray quotes and
    multi-line cells): a one-line record with a stray quote is read as the csv module reads
    it, and line breaks are kept; a quote never closed, or a stray quote whose record runs
    over lines (it swallows the rows after it), is an error all the same."""
    lines = _LINE.findall(text)
    records: list[Record] = []
    errors: list[GlossaryError] = []
    first = 0
    while first < len(lines):
        try:
            _read(lines, first, delimiter, lenient, records)
            break
        except _Broken as refused:
            broken = refused
        if lenient and not broken.message.startswith("CSV error: unclosed quote"):
            try:
                first, row = _loose(lines, broken, delimiter)
                if any(cell.strip() for cell in row):
                    records.append((broken.start + 1, row, first))
                continue
            except _Broken as refused:
                broken = refused
        error = GlossaryError(path, broken.start + 1, broken.message)
        if not records and not lenient:
            raise error  # the header: nothing can be read without it
        errors.append(error)
        first = broken.start + 1
    return records, errors
