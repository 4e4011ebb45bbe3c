"""Bilingual checks on segments with a source: missing approved terms (TC101), strict mode
(TC104), and finding English source terms (whole words, regular inflections)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import make_linter, show
from termcheck.bilingual.english import SourceIndex, inflections, tokens
from termcheck.engine import Linter
from termcheck.glossary.load import load_glossaries
from termcheck.readers.base import Document, Segment
from termcheck.settings import Settings

GLOSSARY = """\
version: 1
terms:
  - {id: file, target: ไฟล์, source: file, forbidden: [ไฟล], allowed: [แฟ้ม],
     note: Write ไฟล์ with its thanthakhat.}
  - {id: file-manager, target: ตัวจัดการไฟล์, source: file manager}
  - {id: download, target: ดาวน์โหลด, source: [download]}
  - {id: settings, target: การตั้งค่า, source: settings}
  - {id: directory, target: ไดเรกทอรี, source: directory}
  - {id: us, target: สหรัฐฯ, source: US}
"""


@pytest.fixture(scope="module")
def glossary_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("g") / "glossary.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def linter(glossary_path: Path) -> Linter:
    return make_linter(glossary_path)


def bilingual(source: str, target: str) -> Document:
    """A one-segment document as a PO reader would give it (the target is a file slice)."""
    text = f'msgid "{source}"\nmsgstr "{target}"\n'
    offset = text.index(target, len(source) + 16)
    return Document("t.po", text, (Segment(offset, target, source=source, context="ctx"),))


def findings_for(linter: Linter, source: str, target: str):
    findings, errors = linter.check_document(bilingual(source, target))
    assert not errors
    return findings


# -- source terms ---------------------------------------------------------------------------

@pytest.mark.parametrize(("source", "expected"), [
    ("Delete files", ["file"]),
    ("Filed under", ["file"]),
    ("Edit profile", []),  # whole words only
    ("Downloaded 3 files", ["download", "file"]),
    ("Set the value", []),  # a stemmer would take "set" for "settings"
    ("Open Settings…", ["settings"]),
    ("Directories", ["directory"]),
    ("The file manager", ["file-manager"]),  # the longest term wins
    ("A file and the file manager", ["file", "file-manager"]),
    ("FILE", ["file"]),
    ("Contact us", []),  # an acronym keeps its case: not the pronoun
    ("Used by the US embassy", ["us"]),  # and is no prefix of "used"
])
def test_source_terms(source: str, expected: list[str], glossary_path: Path):
    glossary, _ = load_glossaries([glossary_path])
    index = SourceIndex((n, s) for n, t in enumerate(glossary.terms) for s in t.source)
    assert [glossary.terms[n].id for n in index.terms_in(source)] == expected


def test_inflections_and_tokens():
    assert {"files", "filed", "filing"} <= inflections("file")
    assert {"stopped", "stopping"} <= inflections("stop")
    assert "directories" in inflections("directory")
    assert "profile" not in inflections("file")
    assert tokens("Open %s in {0} — I-24/7") == ["open", "s", "in", "0", "i", "24", "7"]


# -- TC101 missing term ---------------------------------------------------------------------

def test_missing_approved_term_is_reported(linter: Linter):
    findings = findings_for(linter, "Delete the file", "ลบเอกสาร")
    assert [(f.rule, f.term_id, f.expected) for f in findings] == [
        ("TC101", "file", "ไฟล์")], show(findings)
    (finding,) = findings
    assert finding.source == "Delete the file" and finding.context == "ctx"
    assert finding.to_dict()["source"] == "Delete the file"
    assert finding.to_dict()["msgctxt"] == "ctx"
    assert (finding.line, finding.column) == (2, 9)
    # it names the English words that matched, as written, and the Thai wanted; not the
    # term's other source words nor its note
    assert finding.message == "the source has 'file' but the translation lacks 'ไฟล์'"
    assert finding.note == ""
    (both,) = findings_for(linter, "Files, and one more file", "เอกสาร")
    assert both.message == "the source has 'Files', 'file' but the translation lacks 'ไฟล์'"


@pytest.mark.parametrize("target", ["ลบไฟล์", "ลบแฟ้ม"])  # the target or an allowed form
def test_present_approved_term_is_not_missing(linter: Linter, target: str):
    assert findings_for(linter, "Delete the file", target) == []


def test_a_wrong_form_standing_there_is_one_finding_not_two(linter: Linter):
    # ไฟล (no thanthakhat) is a forbidden form of "file": TC001 says it, no TC101 as well
    findings = findings_for(linter, "Delete the file", "ลบไฟล ทั้งหมด")
    assert [(f.rule, f.term_id) for f in findings] == [("TC001", "file")], show(findings)


def test_approved_form_inside_a_longer_word_does_not_count(linter: Linter):
    # ดาวน์โหลด must stand as a word; here it does, so nothing is missing
    assert findings_for(linter, "Download", "ดาวน์โหลดแล้ว") == []


def test_no_source_no_missing_term_check(linter: Linter):
    doc = Document("t.txt", "ลบเอกสาร\n", (Segment(0, "ลบเอกสาร"),))
    findings, _ = linter.check_document(doc)
    assert findings == []


# -- TC104 strict ---------------------------------------------------------------------------

def test_strict_reports_allowed_forms(glossary_path: Path):
    glossary, _ = load_glossaries([glossary_path])
    strict = Linter(glossary, Settings(strict=True))
    findings, _ = strict.check_document(bilingual("Delete the file", "ลบแฟ้ม"))
    assert [(f.rule, f.found, f.expected) for f in findings] == [("TC104", "แฟ้ม", "ไฟล์")]
    findings, _ = strict.check_document(bilingual("Delete the file", "ลบไฟล์"))
    assert findings == []
