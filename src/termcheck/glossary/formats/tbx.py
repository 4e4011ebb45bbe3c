"""TBX (ISO 30042:2019 TBX v3, TBX-Basic dialect) both ways; older TBX (martif) read too.

Writing: one `<conceptEntry id="ID">` per term, with

- a `<langSec xml:lang="SOURCE_LANGUAGE">` holding one `<termSec>` per `source` term;
- a `<langSec xml:lang="LANGUAGE">` holding the target as `preferredTerm-admn-sts`, each
  `allowed` form as `admittedTerm-admn-sts` and each `forbidden` form as
  `deprecatedTerm-admn-sts` (`<termNote type="administrativeStatus">`);
- the `note` as a `<note>` of the conceptEntry;
- the fields TBX has no data category for (`case_sensitive`, `fuzzy`, `allow_in_compound`,
  `ignore_in`, `examples`), when not default, each as a `<note>` of the conceptEntry whose
  text is ``termcheck:FIELD=JSON`` (``termcheck:fuzzy=false``,
  ``termcheck:ignore_in=["พล.ต.อ. ..."]``, ``termcheck:examples={"bad": [...]}``).  Plain
  notes keep the file valid TBX-Basic; other tools show them as notes.

Reading (TBX v3 `conceptEntry/langSec/termSec` or TBX 2 `termEntry/langSet/tig|ntig`, with
or without a namespace): the langSec of the target language (default: `th`, primary subtag
compared) gives the target (the first `preferredTerm`; without one, the first term with no
status), the other approved terms to `allowed` (`admittedTerm`, or no status),
`deprecatedTerm` and `supersededTerm` to `forbidden`; the langSec of the source language
(the `<tbx>`/`<martif>` xml:lang unless that is the target language, else the first other
language) gives `source`; `id` is the conceptEntry's id; `note` joins the plain `<note>`s
and `<descrip type="definition">`s; ``termcheck:`` notes restore the other fields.
The TBX 2 `normativeAuthorization` values (`preferredTerm`, ...) are read like
`administrativeStatus`.

Parsing is defusedxml's: an entity declaration or an external reference is refused with a
GlossaryError, so an entity bomb or an external entity never gets expanded.  So is an
encoding the XML parser cannot read (an unknown name, UTF-7 and other multi-byte encodings
but UTF-8 and UTF-16), and a ``termcheck:`` note whose JSON is nested too deeply to decode.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import ParseError, fromstring

from termcheck.files import atomic_write
from termcheck.glossary.formats.common import (
    BOOLS,
    EXAMPLE_KINDS,
    finalize,
    non_default,
)
from termcheck.glossary.inputs import read_bytes
from termcheck.glossary.model import Glossary, GlossaryError

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFIX = "termcheck:"
_EXTRA = ("case_sensitive", "fuzzy", "allow_in_compound", "ignore_in", "examples")
_ENTRY_TAG = re.compile(rb"<(?:[\w.-]+:)?(?:conceptEntry|termEntry)[\s>/]")
_DECLARED = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)""")
_STATUS = {"preferredterm": "preferred", "admittedterm": "admitted",
           "deprecatedterm": "forbidden", "supersededterm": "forbidden"}


# -- writing ------------------------------------------------------------------------------

def _term_sec(parent: Element, text: str, status: str | None) -> None:
    sec = SubElement(parent, "termSec")
    SubElement(sec, "term").text = text
    if status:
        note = SubElement(sec, "termNote", type="administrativeStatus")
        note.text = f"{status}-admn-sts"


def glossary_tbx(glossary: Glossary, *, name: str = "") -> bytes:
    """The TBX-Basic (TBX v3, DCA style) document of a glossary, UTF-8."""
    root = Element("tbx", {"type": "TBX-Basic", "style": "dca",
                           XML_LANG: glossary.source_language, "xmlns": TBX_NS})
    file_desc = SubElement(SubElement(root, "tbxHeader"), "fileDesc")
    if name:
        SubElement(SubElement(file_desc, "titleStmt"), "title").text = name
    SubElement(SubElement(file_desc, "sourceDesc"), "p").text = "Exported by termcheck"
    body = SubElement(SubElement(root, "text"), "body")
    for term in glossary.terms:
        values = non_default(term)
        entry = SubElement(body, "conceptEntry", id=term.id)
        if values.get("note"):
            SubElement(entry, "note").text = values["note"]
        for field in _EXTRA:
            if field in values:
                SubElement(entry, "note").text = (
                    f"{PREFIX}{field}={json.dumps(values[field], ensure_ascii=False)}")
        if term.source:
            src = SubElement(entry, "langSec", {XML_LANG: glossary.source_language})
            for form in term.source:
                _term_sec(src, form, None)
        tgt = SubElement(entry, "langSec", {XML_LANG: glossary.language})
        _term_sec(tgt, term.target, "preferredTerm")
        for form in term.allowed:
            _term_sec(tgt, form, "admittedTerm")
        for form in term.forbidden:
            _term_sec(tgt, form, "deprecatedTerm")
    indent(root, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="utf-8",
                                                                   xml_declaration=False) + b"\n"


def write_tbx(glossary: Glossary, path: Path, *, name: str = "") -> list[str]:
    atomic_write(path, glossary_tbx(glossary, name=name))
    return []


# -- reading ------------------------------------------------------------------------------

def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _lang(elem: Element) -> str:
    return (elem.get(XML_LANG) or elem.get("lang") or "").strip()


def _primary(lang: str) -> str:
    return lang.replace("_", "-").split("-", 1)[0].lower()


def _text(elem: Element) -> str:
    return "".join(elem.itertext()).strip()


def _encoding_error(data: bytes, path: str, exc: Exception) -> GlossaryError:
    """The error for an encoding expat refuses: LookupError for a name Python does not
    know, ValueError for a multi-byte encoding expat cannot be taught (UTF-7, Shift_JIS)."""
    declared = _DECLARED.match(data)
    name = declared.group(1).decode("ascii", "replace") if declared else "?"
    line = data.count(b"\n", 0, declared.start(1)) + 1 if declared else None
    why = "unknown encoding" if isinstance(exc, LookupError) else (
        "an encoding the XML parser cannot read")
    return GlossaryError(path, line, f"cannot read the XML declaration's encoding "
                         f"'{name}': {why} (save the file as UTF-8)")


def _parse(data: bytes, path: str) -> Element:
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden as exc:
        raise GlossaryError(path, None, f"XML entity declaration <!ENTITY {exc.name} ...> "
                            "refused: termcheck reads no DTD entities (they can expand "
                            "without limit or read other files)") from None
    except DTDForbidden:
        raise GlossaryError(path, None, "XML document type declarations are not allowed") \
            from None
    except DefusedXmlException:
        raise GlossaryError(path, None, "XML external reference refused: termcheck reads "
                            "no other files") from None
    except (LookupError, ValueError) as exc:  # after DefusedXmlException, a ValueError too
        raise _encoding_error(data, path, exc) from None
    except ParseError as exc:
        line, _col = getattr(exc, "position", (None, None))
        detail = re.sub(r": line \d+, column \d+$", "", str(exc))
        raise GlossaryError(path, line, f"malformed XML: {detail}") from None


def _restore(field: str, raw: str) -> Any:
    value = json.loads(raw)
    if field in BOOLS and isinstance(value, bool):
        return value
    if field == "ignore_in" and isinstance(value, list):
        return [str(v) for v in value]
    if field == "examples" and isinstance(value, dict):
        return {k: [str(s) for s in v] for k, v in value.items()
                if k in EXAMPLE_KINDS and isinstance(v, list)}
    raise ValueError(f"unexpected value for {field}")


def _statuses(sec: Element) -> str | None:
    for note in sec.iter():
        if _local(note.tag) in ("termNote", "descrip") and note.get("type") in (
                "administrativeStatus", "normativeAuthorization"):
            key = _text(note).removesuffix("-admn-sts").lower()
            return _STATUS.get(key)
    return None


def _terms_of(lang_sec: Element) -> list[tuple[str, str | None]]:
    """(term, status) of each termSec / tig / ntig of a langSec."""
    out = []
    for sec in lang_sec:
        if _local(sec.tag) not in ("termSec", "tig", "ntig"):
            continue
        term = next((e for e in sec.iter() if _local(e.tag) == "term"), None)
        if term is not None and _text(term):
            out.append((_text(term), _statuses(sec)))
    return out


def _source_language(entries: list[Element], root_lang: str, target_lang: str) -> str:
    """The root's language unless it is the target language, else the first other language
    of a langSec ("" when there is none)."""
    if root_lang and root_lang != target_lang:
        return root_lang
    for entry in entries:
        for sec in entry:
            lang = _primary(_lang(sec))
            if _local(sec.tag) in ("langSec", "langSet") and lang and lang != target_lang:
                return lang
    return ""


def _entry_lines(data: bytes, count: int) -> list[int]:
    """The line of each entry.  ElementTree keeps no lines: find each entry's start tag in
    the bytes (entry numbers when a comment or CDATA section holds such a tag)."""
    starts: list[int] = []
    line, done = 1, 0
    for match in _ENTRY_TAG.finditer(data):  # counted on from the last entry: linear
        line += data.count(b"\n", done, match.start())
        done = match.start()
        starts.append(line)
    return starts if len(starts) == count else list(range(1, count + 1))


def _note_elements(entry: Element) -> Iterator[Element]:
    """The notes and definitions of an entry, in document order.  What is inside one (or
    inside another entry) is not searched again: in a file nested thousands of levels deep
    each element would be walked once per level above it."""
    stack = list(reversed(entry))
    while stack:
        elem = stack.pop()
        tag = _local(elem.tag)
        if tag == "note" or (tag == "descrip" and elem.get("type") == "definition"):
            yield elem
        elif tag not in ("conceptEntry", "termEntry"):
            stack.extend(reversed(elem))


def _entry_notes(entry: Element, draft: dict[str, Any], where: tuple[str, int],
                 messages: list[str]) -> list[str]:
    """The plain notes and definitions of an entry; ``termcheck:`` notes go into `draft`.
    A note nested too deeply for the JSON decoder is a GlossaryError: no value of a field
    is, so the file was not written by an exporter."""
    notes: list[str] = []
    for elem in _note_elements(entry):
        text = "".join(elem.itertext()).strip()
        if _local(elem.tag) == "note" and text.startswith(PREFIX):
            field, _, raw = text[len(PREFIX):].partition("=")
            try:
                if field not in _EXTRA:
                    raise ValueError(field)
                draft[field] = _restore(field, raw)
            except ValueError:
                messages.append(f"{where[0]}:{where[1]}: ignored unknown note '{text[:60]}'")
            except RecursionError:
                raise GlossaryError(*where, f"note '{PREFIX}{field}': its JSON is nested too "
                                    "deeply") from None
        elif text:
            notes.append(text)
    return notes


def _entry_terms(entry: Element, draft: dict[str, Any], target_lang: str, source_lang: str,
                 other_langs: set[str]) -> None:
    """The terms of an entry's target and source language sections into `draft`; the
    languages of its other sections into `other_langs`."""
    preferred: list[str] = []
    unmarked: list[str] = []
    for sec in entry:
        if _local(sec.tag) not in ("langSec", "langSet"):
            continue
        lang = _primary(_lang(sec))
        if lang == target_lang:
            for form, status in _terms_of(sec):
                if status == "preferred":
                    preferred.append(form)
                elif status == "admitted":
                    draft["allowed"].append(form)
                elif status == "forbidden":
                    draft["forbidden"].append(form)
                else:
                    unmarked.append(form)
        elif lang == source_lang:
            draft["source"].extend(form for form, status in _terms_of(sec)
                                   if status != "forbidden")
        else:
            other_langs.add(lang or "(none)")
    approved = preferred + unmarked
    if approved:
        draft["target"] = approved[0]
        draft["allowed"] = approved[1:] + draft["allowed"]


def read_tbx(path: Path, *, language: str = "th") -> tuple[Glossary, list[str]]:
    spath = str(path)
    data = read_bytes(path)
    root = _parse(data, spath)
    if _local(root.tag) not in ("tbx", "martif"):
        raise GlossaryError(spath, None, f"not a TBX file (root element <{_local(root.tag)}>)")
    target_lang = _primary(language)
    entries = [e for e in root.iter() if _local(e.tag) in ("conceptEntry", "termEntry")]
    source_lang = _source_language(entries, _primary(_lang(root)), target_lang)
    messages: list[str] = []
    drafts: list[tuple[dict[str, Any], int]] = []
    other_langs: set[str] = set()
    for number, entry in zip(_entry_lines(data, len(entries)), entries, strict=True):
        draft: dict[str, Any] = {"id": entry.get("id", ""), "source": [], "allowed": [],
                                 "forbidden": []}
        notes = _entry_notes(entry, draft, (spath, number), messages)
        _entry_terms(entry, draft, target_lang, source_lang, other_langs)
        if notes:
            draft["note"] = "\n".join(notes)
        drafts.append((draft, number))
    if other_langs:
        messages.append(f"{spath}: ignored language sections: {', '.join(sorted(other_langs))}")
    terms = finalize(drafts, spath, messages)
    return Glossary(tuple(terms), target_lang or "th", source_lang or "en", (spath,)), messages
