"""CSV and TSV glossaries: termcheck's header layout both ways, and the OpenTLE layout in.

Header layout (as load.py reads it): a first row of field names (`id,target,source,...`),
list fields separated by `|`, booleans `true`/`false`.  Written: the columns id, target,
source, forbidden, allowed, note always, case_sensitive, fuzzy, allow_in_compound and
ignore_in when a term needs them, booleans always spelled out.  `examples` has no column
(load.py reads it from YAML only): export says how many terms lose theirs.

OpenTLE layout (`opentle-glossary/all_glossary.utf8.csv`): no header, each record
``"english","thai, variant2, ...","note"`` with a trailing comma.  Read as:

- the English text is the `source`; the Thai forms are split at commas outside brackets;
  the first is the `target`, the others `allowed`;
- a bracketed sense note before or after a form (``ไดเรกทอรี [ที่เก็บแฟ้ม]``,
  ``(ตัวแปร) ส่วนกลาง``, ``แก่ (สี)``) goes to the `note` (``ไดเรกทอรี: ที่เก็บแฟ้ม``), not
  the form; a form with brackets inside (``แสดงผล (ข้อมูล) ใหม่``) cannot be matched as
  written: it goes to the note (``also: ...``) and the entry keeps its other forms;
- records with the same English text (compared ignoring case) are merged into the first:
  the later targets and forms become `allowed`, notes are joined.  Each merge is reported,
  so a curator can review conflicting targets (`file` → ไฟล์ / แฟ้ม);
- skipped, each with its line and reason: an empty target, an empty English text, no usable
  Thai form, a malformed record (more than three fields: unescaped quotes).

Both layouts are parsed by termcheck.glossary.inputs.csv_records: a quote never closed is
skipped with its line, and the rows after it are still read; the header layout is parsed
strictly (a stray quote, or a line break in a cell other than `note`, skips that record).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path
from typing import Any

from termcheck.files import atomic_write
from termcheck.glossary.formats.common import (
    BOOLS,
    DEFAULTS,
    FIELDS,
    LISTS,
    finalize,
    parse_bool,
    term_values,
)
from termcheck.glossary.inputs import control_character, csv_records, read_text
from termcheck.glossary.model import Glossary, GlossaryError

_ALWAYS = ("id", "target", "source", "forbidden", "allowed", "note")
_OPTIONAL = ("case_sensitive", "fuzzy", "allow_in_compound", "ignore_in")


def is_header(row: list[str]) -> bool:
    names = [cell.strip().lower() for cell in row]
    return "target" in names


# -- termcheck header layout -------------------------------------------------------------

def read_table(path: Path, *, delimiter: str = ",", layout: str = "auto",
               language: str = "th", source_language: str = "en",
               ) -> tuple[Glossary, list[str]]:
    """Read a CSV/TSV glossary; `layout` is "header", "opentle" or "auto" (a first row
    naming a `target` column is a header)."""
    spath = str(path)
    text = read_text(path)
    loose, errors = csv_records(text, delimiter, spath, lenient=True)
    if layout == "auto":
        layout = "header" if is_header(_first_row(text, delimiter, loose, errors)) else (
            "opentle")
    if layout != "opentle":  # termcheck's own layout: strictly (a broken header raises)
        loose, errors = csv_records(text, delimiter, spath)
    if not loose:  # nothing to import: an error, not an empty glossary
        raise errors[0] if errors else GlossaryError(spath, None, "glossary is empty")
    records = [(line, row) for line, row, _end in loose]
    messages = [f"{e.path}:{e.line}: skipped: {e.message}" for e in errors]
    if layout == "opentle":
        drafts = _opentle_drafts(records, spath, messages)
    else:
        drafts = rows_to_drafts(records[0][1], records[1:], spath, messages)
    terms = finalize(drafts, spath, messages)
    return Glossary(tuple(terms), language, source_language, (spath,)), messages


def _first_row(text: str, delimiter: str, records: list[tuple[int, list[str], int]],
               errors: list[GlossaryError]) -> list[str]:
    """The first row, which tells the layout: when the first record was refused (a quote
    left open in a header swallows the file), the cells of its first line alone."""
    if errors and errors[0].line and (not records or errors[0].line < records[0][0]):
        first_line = re.split(r"\r\n|\r|\n", text)[errors[0].line - 1]
        return next(csv.reader([first_line], delimiter=delimiter), [])
    return records[0][1] if records else []


def rows_to_drafts(header: list[Any], rows: list[tuple[int, list[Any]]], spath: str,
                   messages: list[str]) -> list[tuple[dict[str, Any], int]]:
    """Drafts from rows under a header of field names (CSV, TSV and XLSX)."""
    names = [str(h or "").strip().lower() for h in header]
    if "target" not in names:
        raise GlossaryError(spath, 1, "the header has no 'target' column")
    unknown = [n for n in names if n and n not in FIELDS]
    if unknown:
        messages.append(f"{spath}:1: ignored unknown columns: {', '.join(unknown)}")
    drafts = []
    for line, row in rows:
        cells = ["" if c is None else str(c) for c in row]
        if len(cells) > len(names) and any(c.strip() for c in cells[len(names):]):
            messages.append(f"{spath}:{line}: skipped: {len(cells)} cells but the header "
                            f"has {len(names)} columns")
            continue
        draft: dict[str, Any] = {}
        bad = ""
        for name, cell in zip(names, cells, strict=False):
            if control_character(cell):  # as load.py refuses it
                bad = f"field '{name}': control character {control_character(cell)}"
            elif name in LISTS:
                draft[name] = [p.strip() for p in cell.split("|") if p.strip()]
            elif name in BOOLS:
                value = parse_bool(cell) if cell.strip() else DEFAULTS[name]
                if value is None:
                    bad = f"field '{name}' must be true or false, not '{cell}'"
                draft[name] = value
            elif name in FIELDS and name != "examples":
                draft[name] = cell.strip()
        if bad:
            messages.append(f"{spath}:{line}: skipped: {bad}")
            continue
        drafts.append((draft, line))
    return drafts


def table_rows(glossary: Glossary, messages: list[str], where: str) -> list[list[str]]:
    """Header and rows of a glossary in the header layout (CSV, TSV and XLSX)."""
    values = [term_values(t) for t in glossary.terms]
    columns = list(_ALWAYS) + [c for c in _OPTIONAL
                               if any(v[c] != DEFAULTS[c] for v in values)]
    rows = [columns]
    lost_examples = 0
    for term, v in zip(glossary.terms, values, strict=True):
        if v["examples"]:
            lost_examples += 1
        row = []
        for c in columns:
            if c in LISTS:
                if any("|" in form for form in v[c]):
                    messages.append(f"{where}: term '{term.id}': a '{c}' form contains '|', "
                                    "which separates forms in a table: it is split on re-import")
                row.append("|".join(v[c]))
            elif c in BOOLS:
                row.append("true" if v[c] else "false")
            else:
                row.append(v[c])
        rows.append(row)
    if lost_examples:
        messages.append(f"{where}: examples of {lost_examples} terms not written (tables "
                        "have no examples column; use YAML or TBX to keep them)")
    return rows


def write_table(glossary: Glossary, path: Path, *, delimiter: str = ",") -> list[str]:
    messages: list[str] = []
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerows(table_rows(glossary, messages, str(path)))
    atomic_write(path, out.getvalue())
    return messages


# -- OpenTLE layout ------------------------------------------------------------------------

# a trailing `(...)` needs a space before it: ประมวล(ผล) is a form with an optional part
_TRAILING = re.compile(r"(?:\s*(\[[^\[\]]*\])|\s+(\([^()]*\)))$")
_LEADING = re.compile(r"^(\[[^\[\]]*\]|\([^()]*\))\s*")


def _split_commas(text: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        if ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def split_forms(text: str) -> tuple[list[str], list[str], list[str]]:
    """The Thai forms of an OpenTLE cell, their sense notes, and the unusable forms."""
    forms: list[str] = []
    senses: list[str] = []
    unusable: list[str] = []
    for piece in _split_commas(text):
        form = piece
        found: list[str] = []
        while (m := _TRAILING.search(form)) and m.start() > 0:
            found.insert(0, (m.group(1) or m.group(2))[1:-1].strip())
            form = form[: m.start()].strip()
        while (m := _LEADING.match(form)) and m.end() < len(form):
            found.insert(0, m.group(1)[1:-1].strip())
            form = form[m.end():].strip()
        if not form or any(ch in form for ch in "()[]"):
            unusable.append(piece)
            continue
        if form not in forms:
            forms.append(form)
        senses.extend(f"{form}: {s}" for s in found if s)
    return forms, senses, unusable


def _opentle_drafts(records: list[tuple[int, list[str]]], spath: str,
                    messages: list[str]) -> list[tuple[dict[str, Any], int]]:
    by_source: dict[str, tuple[dict[str, Any], int]] = {}
    drafts: list[tuple[dict[str, Any], int]] = []
    for line, row in records:
        if len(row) > 3 and any(cell.strip() for cell in row[3:]):
            messages.append(f"{spath}:{line}: skipped: malformed CSV ({len(row)} fields; "
                            "unescaped quotes?)")
            continue
        english = row[0].strip()
        thai = row[1].strip() if len(row) > 1 else ""
        note = row[2].strip() if len(row) > 2 else ""
        if not thai:
            messages.append(f"{spath}:{line}: skipped: empty target")
            continue
        if not english:
            messages.append(f"{spath}:{line}: skipped: empty source")
            continue
        forms, senses, unusable = split_forms(thai)
        if not forms:
            why = "a $(...) placeholder" if "$(" in thai else "brackets inside the form"
            messages.append(f"{spath}:{line}: skipped: no usable Thai form ({why}): '{thai}'")
            continue
        for form in forms:
            if unicodedata.category(form[0]) == "Mn":
                messages.append(f"{spath}:{line}: warning: '{form}' starts with a combining "
                                "mark (broken Unicode); kept as written")
        notes = [n for n in (note, "; ".join(senses)) if n]
        if unusable:
            notes.append("also: " + ", ".join(unusable))
        key = english.casefold()
        first = by_source.get(key)
        if first is None:
            draft: dict[str, Any] = {"source": [english], "target": forms[0],
                                     "allowed": forms[1:], "note": " | ".join(notes)}
            by_source[key] = (draft, line)
            drafts.append((draft, line))
            continue
        draft, first_line = first
        known = [draft["target"], *draft["allowed"]]
        new = [f for f in forms if f not in known]
        new_notes = [n for n in notes if n not in draft["note"]]
        if not new and not new_notes:
            messages.append(f"{spath}:{line}: merged: duplicate of line {first_line} "
                            f"('{english}')")
            continue
        draft["allowed"].extend(new)
        if new_notes:
            draft["note"] = " | ".join(n for n in (draft["note"], *new_notes) if n)
        what = "other forms" if new else "another note"
        messages.append(f"{spath}:{line}: merged: into line {first_line} (same source "
                        f"'{english}', {what}: {', '.join(new) or new_notes[0]})")
    return drafts
