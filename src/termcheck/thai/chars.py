"""Thai character classes, named once so every module agrees on them.

Code points follow the Unicode Thai block (U+0E00-U+0E7F); see THAI.md section 1.1.
"""

from __future__ import annotations

CONSONANTS = "".join(chr(c) for c in range(0x0E01, 0x0E2F))  # ก .. ฮ
LEADING_VOWELS = "เแโใไ"  # stored before the consonant they follow in speech
ABOVE_BELOW_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39"  # ั ิ ี ึ ื ุ ู
TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b"  # ่ ้ ๊ ๋
MAITAIKHU = "\u0e47"  # ็
THANTHAKHAT = "\u0e4c"  # ์
NIKHAHIT = "\u0e4d"  # ํ
PHINTHU = "\u0e3a"  # ฺ
YAMAKKAN = "\u0e4e"  # ๎
SARA_A = "\u0e30"  # ะ
SARA_AA = "\u0e32"  # า
SARA_AM = "\u0e33"  # ำ
LAKKHANGYAO = "\u0e45"  # ๅ
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"

# Every non-spacing mark that sits on a consonant (general category Mn in the Thai block).
COMBINING = (ABOVE_BELOW_VOWELS + PHINTHU + MAITAIKHU + TONE_MARKS + THANTHAKHAT + NIKHAHIT
             + YAMAKKAN)
COMBINING_SET = frozenset(COMBINING)

# Canonical order of marks inside one cluster (WTT 2.0 / TIS 1566-2541): vowel, then
# maitaikhu, then tone or thanthakhat, then the rest.  Lower sorts first.
MARK_ORDER = {c: 0 for c in ABOVE_BELOW_VOWELS + PHINTHU}
MARK_ORDER.update({MAITAIKHU: 1, NIKHAHIT: 1})
MARK_ORDER.update({c: 2 for c in TONE_MARKS})
MARK_ORDER.update({THANTHAKHAT: 3, YAMAKKAN: 3})


def is_combining(ch: str) -> bool:
    return ch in COMBINING_SET


def is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def is_thai_letter(ch: str) -> bool:
    """A Thai character that takes part in a word (letters, vowels, marks; not digits or ฯ ๆ)."""
    return "\u0e01" <= ch <= "\u0e4e" and ch not in "\u0e2f\u0e46\u0e3f"


def is_latin_or_digit(ch: str) -> bool:
    return (ch.isascii() and ch.isalnum()) or ch.isdigit()


def spacing_length(text: str) -> int:
    """Length in characters that take horizontal space (no marks, spaces or punctuation).

    THAI.md section 4: the fuzzy budget of a term is set by this, not by code points or clusters.
    """
    return sum(1 for ch in text if ch not in COMBINING_SET and (ch.isalnum() or is_thai(ch)))


# Titles written before a person's name (RI abbreviation rules: no space before the name, or
# one).  A near-miss right after one is a name (รศ.ปราณีต is a person, not a misspelt ประณีต).
PERSON_TITLES = (
    "นาย", "นาง", "นางสาว", "น.ส.", "คุณ", "ด.ช.", "ด.ญ.", "ดร.", "ศ.", "รศ.", "ผศ.", "อ.",
    "พล.อ.", "พล.ร.อ.", "พล.อ.อ.", "พล.ต.อ.", "พล.ต.ท.", "พล.ต.ต.", "พ.ต.อ.", "พ.ต.ท.",
    "พ.ต.ต.", "ร.ต.อ.", "ร.ต.ท.", "ร.ต.ต.", "จ.ส.ต.", "ส.ต.อ.", "ม.ร.ว.", "ม.ล.", "ม.จ.",
    "mr.", "mrs.", "ms.", "dr.",
)


def follows_title(text: str, pos: int) -> bool:
    """True when text[:pos] ends with a personal title (and at most one space)."""
    before = text[max(0, pos - 12):pos]
    before = before[:-1] if before.endswith(" ") else before
    return before.endswith(PERSON_TITLES)
