"""A PO compendium as a glossary: each translated msgid → msgstr pair is a term.

msgid → `source`, msgstr → `target` (plural entries: msgid and the first msgstr form);
msgctxt goes to the `note` (``context: ...``), as do translator comments.  Fuzzy, obsolete
and untranslated entries are skipped and counted (one message per reason, not per entry:
a compendium has thousands).  Two entries with the same msgid and different translations
are both kept, the second with a numbered id, and reported.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import polib

from termcheck.files import atomic_write
from termcheck.glossary.formats.common import finalize
from termcheck.glossary.inputs import unreadable
from termcheck.glossary.model import Glossary, GlossaryError


def read_compendium(path: Path, *, language: str = "th",
                    source_language: str = "en") -> tuple[Glossary, list[str]]:
    spath = str(path)
    why = unreadable(path)
    if why:  # polib reads a name that is not a file as PO text: "syntax error"
        raise GlossaryError(spath, None, why)
    try:
        po = polib.pofile(str(path), encoding="utf-8")
    except OSError as exc:
        raise GlossaryError(spath, None, f"cannot read PO file: {exc}") from None
    except Exception as exc:  # polib raises IOError/ValueError for syntax errors
        raise GlossaryError(spath, None, f"PO syntax error: {exc}") from None
    lang = (po.metadata.get("Language") or language).replace("_", "-").split("-")[0] \
        or language
    skipped: Counter[str] = Counter()
    messages: list[str] = []
    drafts: list[tuple[dict[str, Any], int]] = []
    seen: dict[str, tuple[str, int]] = {}
    for entry in po:
        line = entry.linenum or 0
        if entry.obsolete:
            skipped["obsolete"] += 1
            continue
        if entry.fuzzy:
            skipped["fuzzy"] += 1
            continue
        msgstr = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        if not entry.msgid.strip() or not msgstr.strip():
            skipped["untranslated"] += 1
            continue
        notes = []
        if entry.msgctxt:
            notes.append(f"context: {entry.msgctxt}")
        if entry.comment:
            notes.append(entry.comment.strip())
        first = seen.get(entry.msgid)
        if first is not None:
            if first[0] == msgstr:
                messages.append(f"{spath}:{line}: merged: duplicate of line {first[1]}")
                continue
            messages.append(f"{spath}:{line}: kept: msgid also at line {first[1]} with "
                            "another translation")
        else:
            seen[entry.msgid] = (msgstr, line)
        drafts.append(({"source": [entry.msgid], "target": msgstr,
                        "note": "\n".join(notes)}, line))
    for reason, count in sorted(skipped.items()):
        messages.append(f"{spath}: skipped {count} {reason} entries")
    terms = finalize(drafts, spath, messages)
    return Glossary(tuple(terms), lang, source_language, (spath,)), messages


def write_compendium(glossary: Glossary, path: Path, *, name: str = "") -> list[str]:
    """One entry per source term of each term (the first source is the msgid; terms with
    no source cannot be written and are reported); allowed/forbidden are not kept."""
    messages: list[str] = []
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": glossary.language,
                   "MIME-Version": "1.0", "Content-Transfer-Encoding": "8bit"}
    if name:
        po.header = name
    seen: set[tuple[str, str]] = set()
    missing = 0
    for term in glossary.terms:
        if not term.source:
            missing += 1
            continue
        for source in term.source:
            key = (source, term.id)
            if key in seen:
                continue
            seen.add(key)
            po.append(polib.POEntry(msgid=source, msgstr=term.target, msgctxt=term.id,
                                    comment=term.note))
    if missing:
        messages.append(f"{path}: {missing} terms without a source not written")
    messages.append(f"{path}: a PO compendium keeps only source → target (and the note): "
                    "allowed and forbidden forms and the settings are not written")
    atomic_write(path, str(po))  # the text po.save would write, replaced whole
    return messages
