"""XLIFF 1.2 and 2.0: one segment per target that has text, with its source.

- XLIFF 1.2: `<trans-unit id><source/><target/></trans-unit>`.
  `<alt-trans>` (suggestions) and `<seg-source>` are not read.
- XLIFF 2.0: `<unit id><segment><source/><target/></segment></unit>`, one segment per
  `<segment>`.  `<ignorable>` is not read.
Segments carry no context: a unit id names a string, it is not a sense (with ids as
contexts, the same source text in two units could never be compared for consistency).
- A unit with translate="no" is skipped.  A target still waiting for translation or review
  is marked fuzzy (checked only with --include-fuzzy), like a fuzzy PO entry: 1.2 state
  "new" or "needs-..."; 2.0 segment state="initial" (written out: a missing state is
  not taken as initial).
- Inline elements: the text of `<g>`, `<mrk>`, `<pc>` (and of anything unknown) is read;
  `<x/>`, `<bx/>`, `<ex/>`, `<ph/>`, `<sc/>`, `<ec/>`, `<sm/>`, `<em/>`, `<cp/>` add nothing;
  the content of 1.2 native-code elements `<ph>`, `<bpt>`, `<ept>`, `<it>` is code and
  skipped.
- Accelerators: none by default; a marker given as `accelerator` is removed (accelerators.py)
  from the text after entities are decoded (`&amp;File` with accelerator "&" reads `File`).

Parsing is defusedxml's: a DOCTYPE is allowed (old files name the XLIFF DTD) but any entity
declaration or external reference is refused with a ReadError, so an entity-expansion bomb
or an external entity never gets expanded.  Malformed XML is a ReadError with its line.

Positions: expat reports text in pieces, each at a byte index in the input (text buffering
is turned off so that every piece is reported where it starts): a run of plain characters or
a CDATA section, one character per entity or character reference, and a line break on its own.
So:
- a plain character (also inside CDATA) maps to its own offset;
- a character from an entity or character reference (`&amp;`, `&lt;`, `&#3607;`, `&#xE17;`)
  maps to the offset of its `&`;
- a line break written CR LF (or CR alone) maps to the offset of the CR.
Each piece is checked against the file; a piece that did not fit these rules (never seen)
would map all its characters to the start of the piece: coarse, never wrong.

Suppressions are written as a `<note>` of a unit (1.2 `<trans-unit>`, 2.0 `<unit>` in its
`<notes>`): it covers every line of the unit (`ignore` and `ignore-next-line` mean the same).

Fixes: a replacement is written with `&`, `<` and `>` as entities, or as it is inside a
CDATA section (one that would end the section, `]]>`, is not written).
"""

from __future__ import annotations

import re

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from termcheck.readers.accelerators import (
    XLIFF_DEFAULT,
    marker_for,
    strip_accelerators,
    strip_text,
)
from termcheck.readers.base import Comment, Document, ReadError, Segment, mentions_directives

NAMESPACES = {
    "urn:oasis:names:tc:xliff:document:1.2": "1.2",
    "urn:oasis:names:tc:xliff:document:2.0": "2.0",
}
_UNIT = {"1.2": "trans-unit", "2.0": "unit"}
_HOLDER = {"1.2": "trans-unit", "2.0": "segment"}  # the parent of <source> and <target>
_CODE = {"1.2": frozenset({"ph", "bpt", "ept", "it"}), "2.0": frozenset()}
_UNFINISHED_12 = re.compile(r"new|needs-.*")
_EXPAT_POSITION = re.compile(r":\s*line \d+, column \d+$")
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


class _Capture:
    """The text of one <source> or <target> being read."""

    __slots__ = ("depth", "pieces", "positions", "skip")

    def __init__(self, depth: int) -> None:
        self.depth = depth  # of the <source>/<target> element
        self.pieces: list[str] = []
        self.positions: list[int] = []
        self.skip = 0  # > 0 inside skipped code elements


class _Reader:
    """The ElementTree parser target: builds segments as expat reports the document."""

    def __init__(self, text: str, marker: str, *, notes: bool = False) -> None:
        self.text = text
        self.marker = marker
        self.encoded = text.encode("utf-8")
        self.byte_at = 0  # byte_at / char_at: the last byte index turned into an offset
        self.char_at = 0
        self.parser: DefusedXMLParser | None = None
        self.version: str | None = None
        self.namespace = ""
        self.depth = 0
        self.tags: list[str] = []  # local names of the open XLIFF elements (others: "")
        self.unit_id: str | None = None
        self.unit_skipped = False
        self.fuzzy = False
        self.capture: _Capture | None = None
        self.capture_kind = ""
        self.source: str | None = None
        self.target: tuple[str, list[int]] | None = None
        self.segments: list[Segment] = []
        self.coarse = 0  # pieces that had to be mapped to their start (see the docstring)
        self.notes = notes  # collect the units' notes (for suppressions)
        self.unit_line = 0  # where the open unit starts
        self.unit_notes: list[tuple[int, str]] = []  # its notes: (line, text)
        self.note: list[str] | None = None  # the text of the note being read
        self.note_line = 0
        self.comments: list[Comment] = []

    # -- positions --------------------------------------------------------------------
    def _offset(self) -> int:
        """The offset in the text of the event expat is reporting."""
        assert self.parser is not None
        byte = self.parser.parser.CurrentByteIndex
        if byte < self.byte_at:  # events come in document order; be safe anyway
            self.byte_at = self.char_at = 0
        self.char_at += len(self.encoded[self.byte_at:byte].decode("utf-8"))
        self.byte_at = byte
        return self.char_at

    def _line(self) -> int | None:
        return self.parser.parser.CurrentLineNumber if self.parser is not None else None

    # -- parser target ----------------------------------------------------------------
    def start(self, tag: str, attrib: dict[str, str]) -> None:
        namespace, _, local = tag[1:].rpartition("}") if tag[:1] == "{" else ("", "", tag)
        if self.depth == 0:
            self._root(namespace, local, attrib)
        self.depth += 1
        ours = namespace == self.namespace
        self.tags.append(local if ours else "")
        capture = self.capture
        if capture is not None:
            if capture.skip or (ours and local in _CODE[self.version or "1.2"]):
                capture.skip += 1
            return
        if not ours:
            return
        version = self.version or "1.2"
        if local == _UNIT[version]:
            self.unit_id = attrib.get("id")
            self.unit_skipped = attrib.get("translate") == "no"
            self.unit_line, self.unit_notes = self._line() or 0, []
        elif local == "note" and self.notes and self.unit_line and self.note is None:
            self.note, self.note_line = [], self._line() or 0
        if local == _HOLDER[version]:
            self.source, self.target = None, None
            self.fuzzy = version == "2.0" and attrib.get("state") == "initial"
        if local in ("source", "target") and len(self.tags) >= 2 \
                and self.tags[-2] == _HOLDER[version]:
            self.capture, self.capture_kind = _Capture(self.depth), local
            if local == "target" and version == "1.2" \
                    and _UNFINISHED_12.fullmatch(attrib.get("state", "")):
                self.fuzzy = True

    def end(self, tag: str) -> None:
        capture = self.capture
        if capture is not None and self.depth == capture.depth:
            text = "".join(capture.pieces)
            if self.capture_kind == "source":
                self.source = text
            else:
                self.target = (text, capture.positions)
            self.capture = None
        elif capture is not None and capture.skip:
            capture.skip -= 1
        local = self.tags.pop()
        self.depth -= 1
        if local == _HOLDER[self.version or "1.2"] and self.capture is None:
            self._emit()
        if local == "note" and self.note is not None:
            self.unit_notes.append((self.note_line, "".join(self.note)))
            self.note = None
        elif local == _UNIT[self.version or "1.2"] and self.unit_line:
            covers = (self.unit_line, self._line() or self.unit_line)
            self.comments += [Comment(note, line, covers, covers)
                              for line, note in self.unit_notes]
            self.unit_line = 0

    def data(self, piece: str) -> None:
        if self.note is not None:
            self.note.append(piece)
        capture = self.capture
        if capture is None or capture.skip:
            return
        at = self._offset()
        text = self.text
        if text.startswith(piece, at):
            capture.positions.extend(range(at, at + len(piece)))
        elif len(piece) == 1 and (text[at] == "&" or (piece == "\n" and text[at] == "\r")):
            capture.positions.append(at)
        else:  # never seen: map the whole piece to where it starts
            capture.positions.extend([at] * len(piece))
            self.coarse += 1
        capture.pieces.append(piece)

    def close(self) -> None:
        if self.version is None:
            raise ReadError("not an XLIFF file: no <xliff> root element")

    # -- helpers ----------------------------------------------------------------------
    def _root(self, namespace: str, local: str, attrib: dict[str, str]) -> None:
        line = self._line()
        if local != "xliff":
            raise ReadError(f"not an XLIFF file: the root element is <{local}>, not <xliff>",
                            line)
        version = attrib.get("version")
        by_namespace = NAMESPACES.get(namespace)
        if version is None:
            version = by_namespace
        if version not in ("1.2", "2.0"):
            raise ReadError(f"XLIFF version {version or '(none given)'} is not supported "
                            "(termcheck reads XLIFF 1.2 and 2.0)", line)
        if namespace and by_namespace != version:
            raise ReadError(f"XLIFF version {version} with the namespace of another version "
                            f"({namespace})", line)
        self.version, self.namespace = version, namespace

    def _emit(self) -> None:
        target = self.target
        self.target = None
        if target is None or self.unit_skipped:
            return
        text, positions = target
        stripped, kept = strip_accelerators(text, positions, self.marker)
        if not stripped:
            return
        assert kept is not None
        self.segments.append(Segment(
            offset=kept[0], text=stripped, positions=tuple(kept),
            source=strip_text(self.source or "", self.marker), context=None,
            fuzzy=self.fuzzy))


def _parse_error(exc: ParseError) -> ReadError:
    line, column = getattr(exc, "position", (None, None))
    detail = _EXPAT_POSITION.sub("", str(exc))
    where = f" (column {column + 1})" if isinstance(column, int) else ""
    return ReadError(f"malformed XML: {detail}{where}", line)


def _parse(text: str, marker: str) -> _Reader:
    reader = _Reader(text, marker, notes=mentions_directives(text))
    parser = DefusedXMLParser(target=reader, forbid_dtd=False, forbid_entities=True,
                              forbid_external=True)
    parser.parser.buffer_text = False  # report text where each piece starts (see above)
    reader.parser = parser
    try:
        parser.feed(text)
        parser.close()
    except ParseError as exc:
        raise _parse_error(exc) from None
    except EntitiesForbidden as exc:
        raise ReadError(f"XML entity declaration <!ENTITY {exc.name} ...> refused: "
                        "termcheck reads no DTD entities (they can expand without limit or "
                        "read other files)", reader._line()) from None
    except DTDForbidden:
        raise ReadError("XML document type declarations are not allowed", reader._line()) \
            from None
    except DefusedXmlException:  # ExternalReferenceForbidden
        raise ReadError("XML external reference refused: termcheck reads no other files",
                        reader._line()) from None
    except RecursionError:
        raise ReadError("XML nested too deeply", reader._line()) from None
    return reader


def read_xliff(path: str, text: str, *, accelerator: str | None = None) -> Document:
    """The targets of an XLIFF 1.2 or 2.0 file (see the module docstring)."""
    reader = _parse(text, marker_for(accelerator, XLIFF_DEFAULT))
    return Document(path, text, tuple(reader.segments), tuple(reader.comments), "xliff")


def write_replacement(text: str, start: int, end: int, replacement: str) -> str | None:
    """Escaped for XML element text, or as it is inside a CDATA section."""
    opened = text.rfind("<![CDATA[", 0, start)
    if opened >= 0 and text.rfind("]]>", opened, start) < 0:
        return None if "]]>" in replacement else replacement
    return replacement.translate(_XML_ESCAPES)
