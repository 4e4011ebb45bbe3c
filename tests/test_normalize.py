"""Normalisation (termcheck.thai.normalize) and its map back to the text as written.

normalize(text) -> Normalized(text, original_length, starts, ends, defects); every repair
that matters to a translator is reported as a Defect in original offsets, and
span_to_original(s, e) turns a span of the normalised text into a span of the original.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from termcheck.thai.normalize import normalize, normalize_key

NIKHAHIT, SARA_AA, SARA_AM = "\u0e4d", "\u0e32", "\u0e33"
MAI_EK, MAI_THO, THANTHAKHAT = "\u0e48", "\u0e49", "\u0e4c"
SARA_I, SARA_II, SARA_U, SARA_UU = "\u0e34", "\u0e35", "\u0e38", "\u0e39"
ZWSP, ZWNJ, ZWJ, WJ, SHY, BOM, NBSP = ("\u200b", "\u200c", "\u200d", "\u2060", "\u00ad",
                                       "\ufeff", "\u00a0")


def kinds(text: str) -> list[str]:
    return [d.kind for d in normalize(text).defects]


# -- every repair, what it becomes and how it is reported ---------------------------------------

REPAIRS = [
    # (as written, normalised, defect kinds)
    ("ต" + NIKHAHIT + SARA_AA + "รวจ", "ต" + SARA_AM + "รวจ", ["decomposed-am"]),
    ("น" + NIKHAHIT + MAI_THO + SARA_AA, "น" + MAI_THO + SARA_AM, ["decomposed-am"]),  # นํ้า
    ("น" + MAI_THO + NIKHAHIT + SARA_AA, "น" + MAI_THO + SARA_AM, ["decomposed-am"]),  # น้ํา
    ("น" + SARA_AM + MAI_THO, "น" + MAI_THO + SARA_AM, ["mark-order"]),  # ำ before the tone
    ("ท" + MAI_EK + SARA_II, "ท" + SARA_II + MAI_EK, ["mark-order"]),  # tone before vowel
    ("ผ" + MAI_THO + SARA_UU, "ผ" + SARA_UU + MAI_THO, ["mark-order"]),  # before lower vowel
    ("พันธ" + THANTHAKHAT + SARA_U, "พันธ" + SARA_U + THANTHAKHAT, ["mark-order"]),
    ("ต" + SARA_AA + MAI_EK + "ง", "ต" + MAI_EK + SARA_AA + "ง", ["mark-order"]),  # ตา่ง
    ("ต" + MAI_EK + MAI_EK + "าง", "ต" + MAI_EK + "าง", ["doubled-mark"]),
    ("ท" + SARA_UU + SARA_UU + "ต", "ท" + SARA_UU + "ต", ["doubled-mark"]),
    ("ทูร" + THANTHAKHAT + THANTHAKHAT + "เคีย", "ทูร" + THANTHAKHAT + "เคีย", ["doubled-mark"]),
    ("\u0e40\u0e40ละ", "\u0e41ละ", ["double-sara-e"]),  # เเ for แ
    ("ประธ\u0e45นาธิบดี", "ประธานาธิบดี", ["lakkhangyao"]),  # ๅ for า
    ("ก" + ZWSP + "ข", "กข", ["invisible"]),
    ("ก" + ZWNJ + "ข", "กข", ["invisible"]),
    ("ก" + ZWJ + "ข", "กข", ["invisible"]),
    ("ก" + WJ + "ข", "กข", ["invisible"]),
    ("ก" + SHY + "ข", "กข", ["invisible"]),
    (BOM + "กข", "กข", ["invisible"]),
    ("ก   ข", "ก ข", ["space-run"]),
    ("\uff29\uff2e\uff34\uff25\uff32\uff30\uff2f\uff2c\uff08\uff09", "interpol()", ["fullwidth"]),
    ("ให\uf70bได\uf70b", "ให้ได้", ["pua", "pua"]),  # Windows font PUA (shift-left mai tho)
    ("สถานการณ\uf70e", "สถานการณ์", ["pua"]),
    ("ป\uf89a", "ปี", ["pua"]),  # Mac font PUA
    ("โควิด-\u0e51\u0e59", "โควิด-19", ["thai-digit"]),
    ("256\u0e54", "2564", ["thai-digit"]),  # mixed digits
]


@pytest.mark.parametrize(("written", "normal", "defects"), REPAIRS,
                         ids=[f"{d[0]}-{i}" for i, (_w, _n, d) in enumerate(REPAIRS)])
def test_repair(written: str, normal: str, defects: list[str]):
    n = normalize(written)
    assert n.text == normal, (n.text, [hex(ord(c)) for c in n.text])
    assert [d.kind for d in n.defects] == defects
    assert n.original_length == len(written)
    for d in n.defects:
        assert 0 <= d.start < d.end <= len(written)


SILENT = [
    # (as written, normalised): changes that are not defects
    ("ก" + NBSP + "ข", "ก ข"),
    ("ก\u202fข", "ก ข"),  # narrow NBSP
    ("ก\tข", "ก ข"),
    ("ก\u3000ข", "ก ข"),  # ideographic space
    ("โควิด\u201319", "โควิด-19"),  # en dash
    ("a\u2014b\u2010c\u2212d", "a-b-c-d"),  # em dash, hyphen, minus
    ("Interpol INTERPOL", "interpol interpol"),
    ("\u0130stanbul", "istanbul"),  # dotted capital I stays one code point
]


@pytest.mark.parametrize(("written", "normal"), SILENT)
def test_silent_change(written: str, normal: str):
    n = normalize(written)
    assert n.text == normal
    assert n.defects == ()
    assert len(n.text) == len(written)


@pytest.mark.parametrize("text", [
    "ฤ\u0e45ษี",  # ๅ after ฤ is correct
    "ฦ\u0e45",
    "ต่อ ๆ ไป",
    "สาธารณรัฐจีน (ไต้หวัน)",
    "น้ำ ผู้ ที่ ต่าง พันธุ์",
    "บ้านฅนไทย ฃวด",  # obsolete letters are never folded into ค / ข
])
def test_correct_text_is_left_alone(text: str):
    n = normalize(text)
    assert n.text == text
    assert n.defects == ()
    assert n.span_to_original(0, len(text)) == (0, len(text))


def test_conflicting_tone_marks_are_left_alone_and_reported():
    written = "ท" + SARA_II + MAI_EK + MAI_THO  # ที่้: which tone was meant?
    n = normalize(written)
    assert n.text == written
    assert [(d.kind, d.start, d.end) for d in n.defects] == [("conflicting-marks", 1, 4)]


def test_conflicting_vowels_are_left_alone_and_reported():
    written = "ต่อเน" + SARA_I + "\u0e37" + MAI_EK + "อง"  # ต่อเนิื่อง
    n = normalize(written)
    assert n.text == written
    assert kinds(written) == ["conflicting-marks"]


@pytest.mark.parametrize(("written", "span"), [
    ("\u0e38พร้อม", (0, 1)),  # at the start
    ("กาญจนดิษฐ " + THANTHAKHAT + "เนื้อที่", (10, 11)),  # after a space
    ("รักคร," + SARA_UU, (6, 7)),  # after punctuation
    ("X" + MAI_EK + MAI_EK, (1, 3)),  # after a Latin letter: the whole run of marks
    ("2563" + MAI_THO, (4, 5)),  # after a digit
    ("\u0e40" + MAI_EK + "ก", (1, 2)),  # on a leading vowel
    (" " + ZWSP + MAI_EK, (2, 3)),  # an invisible character is no letter
    (" \uf70a", (1, 2)),  # a private-use mark
])
def test_a_mark_with_no_letter_is_reported_and_left_alone(written: str, span: tuple[int, int]):
    n = normalize(written, casefold=False)
    orphans = [(d.start, d.end) for d in n.defects if d.kind == "orphan-mark"]
    assert orphans == [span]


@pytest.mark.parametrize("text", [
    "ก" + ZWSP + MAI_EK,  # the ZWSP is reported, the mark has its letter
    "ต" + SARA_AA + MAI_EK + "ง",  # after า: a mark out of order, not an orphan
    "ประธ\u0e45" + MAI_EK + "นา",  # after ๅ, the same
    "\u25cc" + MAI_EK,  # on a dotted circle: shown alone on purpose
    "พุทธ" + NIKHAHIT + " สรณ" + NIKHAHIT,  # Pali nikhahit on its letter
])
def test_a_mark_on_a_letter_is_no_orphan(text: str):
    assert "orphan-mark" not in kinds(text)


def test_an_orphan_mark_does_not_change_the_text_or_the_map():
    written = "กาญจนดิษฐ " + THANTHAKHAT + "เนื้อที่"
    n = normalize(written)
    assert n.text == written
    assert n.starts is None or list(n.starts) == list(range(len(written)))


def test_casefold_false_keeps_latin_case():
    assert normalize("Interpol", casefold=False).text == "Interpol"
    assert normalize("\uff29nterpol", casefold=False).text == "Interpol"
    assert normalize_key("  INTERPOL ", casefold=False) == "INTERPOL"
    assert normalize_key("  INTERPOL ") == "interpol"


# -- the offset map ------------------------------------------------------------------------------

def test_identity_map_when_nothing_changes_length():
    n = normalize("กระทรวงการต่างประเทศ")
    assert n.span_to_original(7, 20) == (7, 20)
    assert n.span_to_original(3, 3) == (3, 3)


def test_map_over_a_composed_sara_am():
    written = "สำนักงานต" + NIKHAHIT + SARA_AA + "รวจแห่งชาติ"
    n = normalize(written)
    assert n.text == "สำนักงานตำรวจแห่งชาติ"
    am = n.text.index("ตำ") + 1
    assert n.span_to_original(am, am + 1) == (am, am + 2)  # ำ came from ํ + า
    assert n.span_to_original(am + 1, am + 4) == (am + 2, am + 5)  # รวจ, shifted by one
    start, end = n.span_to_original(0, len(n.text))
    assert written[start:end] == written


def test_map_over_removed_invisible_characters():
    written = "สาธารณรัฐ" + ZWSP + "จีน"
    n = normalize(written)
    assert n.text == "สาธารณรัฐจีน"
    assert n.span_to_original(0, len(n.text)) == (0, len(written))
    assert n.span_to_original(9, 12) == (10, 13)  # จีน
    assert written[slice(*n.span_to_original(9, 12))] == "จีน"


def test_map_over_a_space_run():
    written = "สาธารณรัฐจีน   (ไต้หวัน)"
    n = normalize(written)
    assert n.text == "สาธารณรัฐจีน (ไต้หวัน)"
    space = n.text.index(" ")
    assert n.span_to_original(space, space + 1) == (space, space + 3)
    assert written[slice(*n.span_to_original(space + 1, len(n.text)))] == "(ไต้หวัน)"


def test_map_over_double_sara_e():
    written = "เนเธอร์\u0e40\u0e40ลนด์"
    n = normalize(written)
    assert n.text == "เนเธอร์แลนด์"
    assert n.span_to_original(0, len(n.text)) == (0, len(written))
    assert written[slice(*n.span_to_original(7, 8))] == "\u0e40\u0e40"


def test_defects_within_a_span_ignore_an_invisible_at_its_edge():
    written = "กระทรวงการต่างประเทศ" + ZWSP + "แจ้ง"
    n = normalize(written)
    term_end = len("กระทรวงการต่างประเทศ")
    assert n.defects_within(0, term_end) == []
    assert n.defects_within(0, term_end + 1) == []  # the ZWSP just after the term
    inside = normalize("กระทรวงการ" + ZWSP + "ต่างประเทศ")
    assert [d.kind for d in inside.defects_within(0, len(inside.text) + 1)] == ["invisible"]


# -- repairs that interact ----------------------------------------------------------------------

def test_marks_around_a_removed_invisible_are_put_in_order():
    assert normalize("ท" + MAI_EK + ZWSP + SARA_II).text == "ท" + SARA_II + MAI_EK


def test_spaces_around_a_removed_invisible_are_collapsed():
    assert normalize("ก " + ZWSP + " ข").text == "ก ข"


def test_lakkhangyao_then_tone_is_put_in_order():
    assert normalize("ต\u0e45" + MAI_EK + "ง").text == "ต" + MAI_EK + SARA_AA + "ง"


# -- properties ----------------------------------------------------------------------------------

_THAI = [chr(c) for c in range(0x0E01, 0x0E5C) if c not in range(0x0E3B, 0x0E3F)]
_OTHER = list(" \u00a0\u202f\t" + ZWSP + ZWNJ + ZWJ + WJ + SHY + BOM
              + "aZiI\u0130-\u2013()\uff29\uff08\uf70a\uf70e\uf89a")
TEXT = st.text(alphabet=st.sampled_from(_THAI + _OTHER), max_size=40)

@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_span_to_original_is_valid_and_monotonic(text: str):
    n = normalize(text)
    size = len(n.text)
    assert n.original_length == len(text)
    for start in range(size + 1):
        for end in range(start, size + 1):
            s, e = n.span_to_original(start, end)
            assert 0 <= s <= e <= len(text), (start, end, s, e)
    previous = (0, 0)
    for i in range(size):
        s, e = n.span_to_original(i, i + 1)
        assert s < e, (i, s, e)  # every normalised character comes from something
        assert s >= previous[0] and e >= previous[1], (i, previous, (s, e))
        previous = (s, e)
    for d in n.defects:
        assert 0 <= d.start < d.end <= len(text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
@example("ท" + MAI_EK + ZWSP + SARA_II)
@example("ก " + ZWSP + " ข")
@example("ต\u0e45" + MAI_EK + "ง")
def test_normalize_is_idempotent(text: str):
    n = normalize(text)
    assert normalize(n.text).text == n.text


def test_common_words_read_from_the_head_of_the_sorted_tnc_file():
    # Lexicon.common_words stops at the first count under the threshold, which is right
    # only while PyThaiNLP ships the file sorted by count: check against a full scan.
    from termcheck.thai.lexicon import COMMON_WORD_FREQUENCY, Lexicon

    lexicon = Lexicon()
    full = {w for w, n in lexicon.frequency.items() if n >= COMMON_WORD_FREQUENCY}
    assert lexicon.common_words == full and len(full) > 500
