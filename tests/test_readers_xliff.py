"""The XLIFF reader (issue 3 §1, §5): 1.2 and 2.0, inline elements, entities, positions into
the file, hostile and malformed files.

The central property: every character of a segment's text maps to the file offset where it
is written (a character from an entity or character reference to its `&`), inside the
unit's <target>.  It is checked on the fixtures and on the real Firefox for iOS file in
../shared/realdata (skipped when absent).
"""

from __future__ import annotations

import html
import itertools
import re
import time
from importlib import import_module
from pathlib import Path

import pytest

from support import DATA, SHARED
from termcheck.engine import Linter
from termcheck.glossary.load import load_glossaries
from termcheck.readers import ReadError, format_for, reader_for
from termcheck.readers.base import Document
from termcheck.readers.xliff import read_xliff

BILINGUAL = DATA / "bilingual"
REALDATA = SHARED / "realdata"
REFERENCE = re.compile(r"&(#[0-9]+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);")


def read(path: Path, **kwargs) -> Document:
    return read_xliff(str(path), path.read_text(encoding="utf-8-sig"), **kwargs)


def file_chars(text: str, at: int) -> set[str]:
    """What the file can mean at `at`: the character, or the one a reference there stands
    for, or a line break where a CR is written."""
    meanings = {text[at]}
    reference = REFERENCE.match(text, at)
    if reference:
        meanings.add(html.unescape(reference.group()))
    if text[at] == "\r":
        meanings.add("\n")
    return meanings


def assert_positions(doc: Document) -> None:
    for segment in doc.segments:
        positions = segment.positions
        assert positions is not None and len(positions) == len(segment.text), segment
        assert segment.offset == positions[0]
        assert all(a < b for a, b in itertools.pairwise(positions)), segment
        for i, (char, at) in enumerate(zip(segment.text, positions, strict=True)):
            assert char in file_chars(doc.text, at), (
                f"{doc.path}: text[{i}] = {char!r} but the file has {doc.text[at:at + 6]!r} "
                f"at offset {at}: {segment.text!r}")
        for at in (positions[0], positions[-1]):  # inside a <target> element
            assert last_before(OPEN_TARGET, doc.text, at) > last_before(CLOSE_TARGET, doc.text,
                                                                        at), (doc.path, segment)


OPEN_TARGET = re.compile(r"<(?:[\w.-]+:)?target[\s/>]")
CLOSE_TARGET = re.compile(r"</(?:[\w.-]+:)?target\s*>")


def last_before(tag: re.Pattern[str], text: str, at: int) -> int:
    starts = [m.start() for m in tag.finditer(text, 0, at)]
    return starts[-1] if starts else -1


def line_column(text: str, at: int) -> tuple[int, int]:
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


# -- fixtures --------------------------------------------------------------------------------

# Segments carry no context: a unit id names a string, not a sense (readers/xliff.py).
def test_xliff_12_segments():
    doc = read(BILINGUAL / "sample-1.2.xliff")
    assert [(s.text, s.source, s.context, s.fuzzy) for s in doc.segments] == [
        ("บันทึกแฟ้ม", "Save the file", None, False),  # <g> text is read
        ("ไฟล์ & โฟลเดอร์ <ใหม่> ที่นี่แฟ้ม", "Files & folders", None, False),
        ("เปิดแฟ้ม ทันที", "Open  file", None, False),  # <ph> code and <x/> skipped
        ("ดาวน์โหลดแฟ้ม", "Download", None, True),  # needs-review: fuzzy; no alt-trans
        # "empty" has no text; "locked" is translate="no"
        ("แฟ้ม <b> & ไฟล์", "Code", None, False),
        ("บรรทัดแรก\n  แฟ้มที่สอง", "Two lines", None, False),
    ]
    assert_positions(doc)


def test_xliff_20_segments():
    doc = read(BILINGUAL / "sample-2.0.xlf")
    assert [(s.text, s.source, s.context, s.fuzzy) for s in doc.segments] == [
        ("เปิดแฟ้ม", "Open the file", None, False),  # <pc> text is read
        ("ลบแฟ้ม & โฟลเดอร์ ไฟล์", "Delete  files & folders", None, True),  # state="initial"
        ("การตั้งค่าแฟ้ม", "Settings", None, False),  # no <ignorable>, no target in u2
    ]
    assert_positions(doc)


def test_entities_map_to_their_ampersand():
    doc = read(BILINGUAL / "sample-1.2.xliff")
    segment = doc.segments[1]
    text = doc.text
    ampersand = segment.text.index("&")
    assert text.startswith("&amp;", segment.positions[ampersand])
    tho = segment.text.index("ที่นี่")
    assert text.startswith("&#3607;", segment.positions[tho])
    assert text.startswith("&#xE35;", segment.positions[tho + 1])
    assert text.startswith("่นี่แฟ้ม", segment.positions[tho + 2])
    term = segment.text.index("แฟ้ม")
    assert text.startswith("แฟ้ม</target>", segment.positions[term])
    # in 2.0, a character reference at the start of the target
    doc20 = read(BILINGUAL / "sample-2.0.xlf")
    assert doc20.text.startswith("&#xE01;า", doc20.segments[2].offset)


def test_multi_line_target_positions():
    doc = read(BILINGUAL / "sample-1.2.xliff")
    segment = doc.segments[-1]
    term = segment.text.index("แฟ้ม")
    line, column = line_column(doc.text, segment.positions[term])
    assert doc.text.splitlines()[line - 1] == "  แฟ้มที่สอง</target></trans-unit>"
    assert column == 3


def test_crlf_and_accelerator():
    text = ('<?xml version="1.0"?>\r\n<xliff version="1.2" '
            'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file><body>\r\n'
            '<trans-unit id="a"><source>&amp;Open\r\nfile</source>'
            '<target>เ&amp;ปิด\r\nแฟ้ม</target></trans-unit>\r\n</body></file></xliff>\r\n')
    doc = read_xliff("crlf.xliff", text)
    assert [(s.text, s.source) for s in doc.segments] == [("เ&ปิด\nแฟ้ม", "&Open\nfile")]
    assert_positions(doc)
    stripped = read_xliff("crlf.xliff", text, accelerator="&")
    assert [(s.text, s.source) for s in stripped.segments] == [("เปิด\nแฟ้ม", "Open\nfile")]
    assert_positions(stripped)
    newline = stripped.segments[0].text.index("\n")
    assert text[stripped.segments[0].positions[newline]] == "\r"


def test_unnamespaced_and_prefixed_xliff():
    plain = ('<xliff version="1.2"><file><body><trans-unit id="a"><source>File</source>'
             '<target>แฟ้ม</target></trans-unit></body></file></xliff>')
    assert [s.text for s in read_xliff("plain.xlf", plain).segments] == ["แฟ้ม"]
    prefixed = ('<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:2.0" version="2.0">'
                '<x:file id="f"><x:unit id="u"><x:segment><x:source>File</x:source>'
                '<x:target>แฟ้ม</x:target></x:segment></x:unit></x:file></x:xliff>')
    doc = read_xliff("prefixed.xlf", prefixed)
    assert [(s.text, s.context) for s in doc.segments] == [("แฟ้ม", None)]
    assert_positions(doc)


def test_a_doctype_without_entities_is_read():
    text = ('<?xml version="1.0"?>\n<!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN" '
            '"http://www.oasis-open.org/committees/xliff/documents/xliff.dtd">\n'
            '<xliff version="1.2"><file><body><trans-unit id="a"><source>File</source>'
            '<target>แฟ้ม</target></trans-unit></body></file></xliff>\n')
    assert [s.text for s in read_xliff("dtd.xlf", text).segments] == ["แฟ้ม"]


# -- hostile, malformed and foreign files ----------------------------------------------------

def test_entity_expansion_bomb_is_refused_quickly():
    started = time.perf_counter()
    with pytest.raises(ReadError) as caught:
        read(BILINGUAL / "hostile-bomb.xliff")
    assert time.perf_counter() - started < 5  # refused at the declaration, never expanded
    assert caught.value.line == 3
    assert "entity" in caught.value.message and "\n" not in caught.value.message


def test_external_entity_is_refused():
    with pytest.raises(ReadError) as caught:
        read(BILINGUAL / "hostile-external.xliff")
    assert caught.value.line == 3
    assert "secret" in caught.value.message
    assert "root:" not in caught.value.message


def test_malformed_xliff_fixture():
    with pytest.raises(ReadError) as caught:
        read(BILINGUAL / "malformed.xliff")
    assert caught.value.line == 7
    assert caught.value.message == "malformed XML: mismatched tag (column 25)"


@pytest.mark.parametrize(("text", "line", "words"), [
    ("<html><body>แฟ้ม</body></html>", 1, "not an XLIFF file: the root element is <html>"),
    ('<xliff version="1.1"><file/></xliff>', 1, "XLIFF version 1.1 is not supported"),
    ('<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0"/>', 1,
     "XLIFF version 2.1 is not supported"),
    ("<xliff/>", 1, "XLIFF version (none given) is not supported"),
    ('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>', 1,
     "namespace of another version"),
    ('<xliff version="1.2">\n<file><body><trans-unit id="a"><target>&nbsp;</target>'
     "</trans-unit></body></file></xliff>", 2, "undefined entity"),
    ('<xliff version="1.2">\n\n<file>', 3, "no element found"),
    ("not xml at all", 1, "malformed XML"),
])
def test_bad_xliff_is_a_read_error(text, line, words):
    with pytest.raises(ReadError) as caught:
        read_xliff("bad.xliff", text)
    assert caught.value.line == line, caught.value.message
    assert words in caught.value.message
    assert "\n" not in caught.value.message


def test_readers_table():
    for name in ("ui.xlf", "UI.XLIFF"):
        fmt = format_for(name)
        assert fmt is not None and (fmt.name, fmt.function) == ("xliff", "read_xliff")
        assert getattr(import_module(fmt.module), fmt.function) is read_xliff
        assert reader_for(name) is not None


# -- through the engine ----------------------------------------------------------------------

GLOSSARY = """\
version: 1
language: th
source_language: en
name: bilingual reader tests
terms:
  - id: file
    target: ไฟล์
    source: [file]
    forbidden: [แฟ้ม]
"""


def test_engine_places_findings_in_the_target(tmp_path):
    path = tmp_path / "file.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    glossary, errors = load_glossaries([path])
    assert not errors
    result = Linter(glossary).lint([str(BILINGUAL / "sample-2.0.xlf"),
                                    str(BILINGUAL / "hostile-bomb.xliff")])
    assert [(Path(e.path).name, e.line) for e in result.errors] == [("hostile-bomb.xliff", 3)]
    lines = (BILINGUAL / "sample-2.0.xlf").read_text(encoding="utf-8").splitlines()
    found = [(f.line, f.column, f.found, f.source, f.context) for f in result.findings
             if f.term_id == "file" and f.found == "แฟ้ม"]
    # the fuzzy (state="initial") segment is not checked by default
    assert found == [
        (9, lines[8].index("แฟ้ม</pc>") + 1, "แฟ้ม", "Open the file", None),
        (21, lines[20].index("แฟ้ม</target>") + 1, "แฟ้ม", "Settings", None),
    ]


# -- the real file ---------------------------------------------------------------------------

real = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is absent")


@real
def test_real_firefox_ios_xliff():
    path = REALDATA / "firefox-ios" / "firefox-ios.th.xliff"
    started = time.perf_counter()
    doc = read(path)
    seconds = time.perf_counter() - started
    assert_positions(doc)
    units = doc.text.count("<trans-unit ")
    targets = len(re.findall(r"<target>(?!</target>)", doc.text))
    print(f"\n{path.name}: {units} trans-units, {targets} targets with text, "
          f"{len(doc.segments)} segments in {seconds:.3f} s")
    assert (units, targets, len(doc.segments)) == (861, 851, 851)
    assert not any(s.fuzzy for s in doc.segments)
    first = doc.segments[0]  # NOTES.md: a stale target (it translates an older string)
    assert first.context is None  # a unit id is not a context (readers/xliff.py)
    assert first.source == "Firefox uses your camera to scan QR codes and take photos and video."
    assert first.text == "สิ่งนี้ช่วยให้คุณถ่ายและอัปโหลดรูปถ่าย"
    assert not any("Mozilla Public" in s.text for s in doc.segments)  # notes are not read
    escaped = [(s, i) for s in doc.segments for i, c in enumerate(s.text) if c in "&<>"]
    assert len(escaped) == 3  # &gt; in two targets (line 1024, twice on line 2275)
    assert all(doc.text.startswith("&gt;", s.positions[i]) for s, i in escaped)
    line, column = line_column(doc.text, escaped[0][0].positions[escaped[0][1]])
    assert (line, doc.text.splitlines()[line - 1][column - 1:column + 3]) == (1024, "&gt;")
