"""Near-misses the fold key hides or the candidate filters once dropped (issue 11).

A doubled first or last letter folds into the term's own key; a short form has no
near-miss budget but can still be split by a stray space; an exact match inside a longer
Latin token is no use of the term; a span that is both a word-edit candidate and a
letter-edit candidate of a long term must be judged as both.
"""

from __future__ import annotations

import pytest

from support import check, show
from termcheck.engine import Linter
from termcheck.glossary.model import Glossary, Term

TERMS = (
    Term(id="approx", target="ประมาณ"),
    Term(id="sorry", target="เสียใจ"),
    Term(id="mission", target="ภารกิจ"),
    Term(id="gypsum", target="ยิปซั่ม"),
    Term(id="shop", target="ร้าน"),
    Term(id="name", target="ชื่อ"),
    Term(id="half", target="ครึ่ง"),
    Term(id="that", target="ว่านี่"),
    Term(id="plain", target="แผ่น", fuzzy=False),
    Term(id="interpol", target="INTERPOL", case_sensitive=True),
    Term(id="java", target="Java", case_sensitive=True),
    Term(id="msdhs", target="กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์"),
    # a short target (no budget) with a longer forbidden form (a budget of its own)
    Term(id="smile", target="ยิ้มก็", forbidden=("ยิ้มะก็",)),
)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Glossary(TERMS))


def found(linter: Linter, text: str) -> list[tuple[str, str, str]]:
    return [(f.rule, f.term_id, f.found) for f in check(linter, text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("ปประมาณ จึงมาทำ", ("TC002", "approx", "ปประมาณ")),
    ("และเสียใจจประชาธิปไตย", ("TC002", "sorry", "เสียใจจ")),
    ("ภารกิจจหนังสือ", ("TC002", "mission", "ภารกิจจ")),
    ("ย่ยิปซั่มสักตัว", ("TC002", "gypsum", "ย่ยิปซั่ม")),  # the extra letter has a tone
    ("เกิดเมื่อ INTERPOLL ประกาศ", ("TC002", "interpol", "INTERPOLL")),
])
def test_a_doubled_edge_letter_is_a_near_miss(linter, text, expected):
    assert found(linter, text) == [expected], show(check(linter, text))


@pytest.mark.parametrize("text", [
    "ภารกิจจำเป็น",  # จำเป็น is the next word
    "ประมาณ ณ วันที่ 5",
    "ประมาณณวันที่ 5",  # ณ is a word
    "ประมาณ จึงมาทำ",
    "ใช้ JavaScript เขียน",  # Java inside a longer Latin word is no use, nor a misspelling
])
def test_no_doubled_letter_where_the_letter_belongs_to_a_word(linter, text):
    assert found(linter, text) == [], show(check(linter, text))


@pytest.mark.parametrize(("text", "expected"), [
    ("ไปที่ร้า นอาหาร", ("TC003", "shop", "ร้า น")),
    ("และชื่ อของเขา", ("TC003", "name", "ชื่ อ")),
    ("ผู้ ค รึ่ง", ("TC003", "half", "ค รึ่ง")),
    ("ผู้ ค  รึ่ ง", ("TC003", "half", "ค  รึ่ ง")),  # two spaces, two places
    ("ไปร้า น.", ("TC003", "shop", "ร้า น")),  # the span ends before the full stop
    ("อยู่ที่ร้า น, ร้าน", ("TC003", "shop", "ร้า น")),  # and a correct use after it
])
def test_a_space_inside_a_short_form_is_a_spacing_variant(linter, text, expected):
    assert found(linter, text) == [expected], show(check(linter, text))


@pytest.mark.parametrize("text", [
    "ว่า นี่ คือ",  # two words: not a broken ว่านี่
    "ร้านนี้ ชื่อดี",
    "แผ่ น",  # fuzzy: false gets no variants it does not list
])
def test_short_forms_split_into_words_or_not_fuzzy_are_left_alone(linter, text):
    assert found(linter, text) == [], show(check(linter, text))


def test_a_short_form_and_a_near_miss_of_its_longer_forbidden_form(linter):
    # the target's spacing variants and the forbidden form's near-misses are both looked for
    assert found(linter, "เขาญิ้มก็ไป") == [("TC002", "smile", "ญิ้มก็")], show(
        check(linter, "เขาญิ้มก็ไป"))
    assert found(linter, "เขายิ้ม ก็ไป") == [], show(check(linter, "เขายิ้ม ก็ไป"))


def test_a_long_terms_dropped_letter_is_found_beside_its_word_edits(linter):
    # the span is also a word-edit candidate (it starts where the term would); judged as a
    # word edit it is none, judged by letters it is one letter dropped
    text = "ประชุมที่กระทรวงการพัฒนาสังคมและความมั่นคงขอมนุษย์เมื่อวาน"
    assert found(linter, text) == [
        ("TC002", "msdhs", "กระทรวงการพัฒนาสังคมและความมั่นคงขอมนุษย์")], show(
            check(linter, text))
