"""Word-level near-misses of long multiword terms (termcheck.match.wordedits)."""

from __future__ import annotations

import pytest

from support import check
from termcheck.glossary.model import Glossary, Term
from termcheck.match import wordedits
from termcheck.match.index import TermIndex
from termcheck.thai.normalize import normalize_key

SLTD = "ระบบข้อมูลเอกสารการเดินทางที่ถูกขโมยหรือสูญหาย (SLTD)"


@pytest.fixture(scope="module")
def lexicon():
    return TermIndex(Glossary((Term(id="sltd", target=SLTD),))).lexicon


@pytest.mark.parametrize(("found", "edit"), [
    ("ระบบข้อมูลเอกสารเดินทางที่ถูกขโมยหรือสูญหาย (SLTD)", "missing word 'การ'"),
    ("ระบบฐานข้อมูลเอกสารการเดินทางที่ถูกขโมยหรือสูญหาย (SLTD)", "extra word 'ฐาน'"),
    ("ระบบข้อมูลเอกสารการเดินทางที่สูญหายหรือถูกขโมย (SLTD)",
     "'ถูกขโมย' and 'สูญหาย' swapped"),
    # not one word: letters of a word, or two words
    ("ระบบข้อมูลเอกสารการเดินทางที่ถูกขโมยหรือสูญหา (SLTD)", None),
    ("ระบบเอกสารเดินทางที่ถูกขโมยหรือสูญหาย (SLTD)", None),
    (SLTD, None),
])
def test_describe(lexicon, found, edit):
    assert wordedits.describe(lexicon, normalize_key(SLTD), normalize_key(found)) == edit


def test_a_word_more_than_a_tenth_of_the_term_is_another_name(lexicon):
    key = normalize_key("สำนักงานคณะกรรมการกิจการกระจายเสียง")
    assert wordedits.describe(lexicon, key, normalize_key("สำนักงานคณะกรรมการกระจายเสียง")) is None


def test_word_edits_are_reported_in_running_text(cases_linter):
    text = "ตรวจสอบกับระบบฐานข้อมูลเอกสารการเดินทางที่ถูกขโมยหรือสูญหาย (SLTD) ทุกครั้ง"
    [finding] = [f for f in check(cases_linter, text) if f.rule == "TC002"]
    assert finding.found == "ระบบฐานข้อมูลเอกสารการเดินทางที่ถูกขโมยหรือสูญหาย (SLTD)"
    assert "extra word 'ฐาน'" in finding.message
    assert finding.fix is None or finding.fix.applicability.value == "display-only"
