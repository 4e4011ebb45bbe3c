"""XLSX glossaries (openpyxl, optional): the first sheet, a header row of field names, list
fields separated by `|` — the CSV header layout in a spreadsheet.  Written the same way."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from termcheck.files import atomic_write
from termcheck.glossary.formats.common import finalize
from termcheck.glossary.formats.table import rows_to_drafts, table_rows
from termcheck.glossary.inputs import unreadable
from termcheck.glossary.model import Glossary, GlossaryError


def _openpyxl(path: str) -> Any:
    try:
        import openpyxl
    except ImportError:
        raise GlossaryError(path, None, "XLSX needs the openpyxl package: pip install "
                            "openpyxl") from None
    return openpyxl


def read_xlsx(path: Path, *, language: str = "th",
              source_language: str = "en") -> tuple[Glossary, list[str]]:
    spath = str(path)
    openpyxl = _openpyxl(spath)
    why = unreadable(path)  # openpyxl would block on a FIFO, read /dev/zero for ever
    if why:
        raise GlossaryError(spath, None, why)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise GlossaryError(spath, None, "glossary file not found") from None
    except Exception as exc:  # openpyxl raises zipfile, KeyError, InvalidFileException ...
        raise GlossaryError(spath, None, f"cannot read XLSX: {exc}") from None
    try:
        sheet = book.worksheets[0]
        rows = [(n, list(r)) for n, r in enumerate(sheet.iter_rows(values_only=True), 1)
                if any(c is not None and str(c).strip() for c in r)]
    finally:
        book.close()
    if not rows:
        raise GlossaryError(spath, None, "glossary is empty")
    messages: list[str] = []
    drafts = rows_to_drafts(rows[0][1], rows[1:], spath, messages)
    terms = finalize(drafts, spath, messages)
    return Glossary(tuple(terms), language, source_language, (spath,)), messages


def write_xlsx(glossary: Glossary, path: Path, *, name: str = "") -> list[str]:
    spath = str(path)
    openpyxl = _openpyxl(spath)
    messages: list[str] = []
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = (name or "glossary")[:31]
    for row in table_rows(glossary, messages, spath):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)  # in memory, then replaced whole: a failed write leaves the old file
    atomic_write(path, out.getvalue())
    return messages
