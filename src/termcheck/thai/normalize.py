"""Thai-aware normalisation that keeps a map back to the text as written.

One function, `normalize`, is applied identically to glossary entries and to drafts, so an
approved term matches however the draft happens to be encoded.  Every normalised character
remembers the original characters it came from; findings are always reported on the text as
written (STYLE.md: "offsets are sacred").

What it does (THAI.md section 5.3), and why none of it is NFC/NFKC:
- Thai-font private-use code points (PDF leakage) back to Thai;            defect "pua"
- fullwidth ASCII (CJK input) to ASCII;                                     defect "fullwidth"
- NBSP, narrow NBSP, thin and other spaces, tabs to a space; runs of spaces to one
  (a run inside a term is reported as "space-run");
- zero-width space/joiner/non-joiner, word joiner, soft hyphen, BOM removed; defect "invisible"
- nikhahit (+tone) + sara aa composed to (tone +) sara am;                  defect "decomposed-am"
- marks of one cluster put in canonical order and identical ones deduplicated
  ("mark-order", "doubled-mark"); two *different* tone marks or vowels are left alone and
  reported ("conflicting-marks"), because guessing which one was meant changes the word;
- เเ (two sara e) to แ ("double-sara-e"); ๅ to า except after ฤ/ฦ ("lakkhangyao");
- dash and hyphen variants to "-"; Thai digits to Arabic ("thai-digit"); Latin lower case;
- a combining mark with no letter under it (at the start, after a space, a Latin letter, a
  digit, punctuation, a leading vowel) is reported ("orphan-mark") and left as it is: which
  letter it belonged to cannot be known, so the normalised text does not change.
NFKC is never applied: it decomposes ำ into ํ + า, the opposite of what we want.
Letters that are distinct in Thai (ฅ/ค, ฃ/ข, ใ/ไ ...) are never folded here; that belongs
to the fuzzy key only (`termcheck.thai.fold`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from termcheck.thai import chars

# -- one-to-one replacements (length preserving) --------------------------------------------

_PUA_WINDOWS = {  # HarfBuzz's Thai PUA tables (THAI.md 1.7), Windows fonts
    0xF700: "ฐ", 0xF70F: "ญ", 0xF710: "\u0e31", 0xF701: "\u0e34", 0xF702: "\u0e35",
    0xF703: "\u0e36", 0xF704: "\u0e37", 0xF711: "\u0e4d", 0xF712: "\u0e47",
    0xF718: "\u0e38", 0xF719: "\u0e39", 0xF71A: "\u0e3a",
}
for _base in (0xF705, 0xF70A, 0xF713):  # shift-down-left, shift-down, shift-left variants
    for _i, _mark in enumerate("\u0e48\u0e49\u0e4a\u0e4b\u0e4c"):
        _PUA_WINDOWS[_base + _i] = _mark
_PUA_MAC = {  # Mac Thai fonts put the same glyph variants at U+F884-U+F89E
    0xF884: "\u0e48", 0xF885: "\u0e49", 0xF886: "\u0e4a", 0xF887: "\u0e4b", 0xF888: "\u0e4c",
    0xF889: "\u0e48", 0xF88A: "\u0e49", 0xF88B: "\u0e4a", 0xF88C: "\u0e4b", 0xF88D: "\u0e4c",
    0xF88E: "\u0e48", 0xF88F: "\u0e49", 0xF890: "\u0e4a", 0xF891: "\u0e4b", 0xF892: "\u0e4c",
    0xF893: "\u0e48", 0xF894: "\u0e49", 0xF895: "\u0e4a", 0xF896: "\u0e4b", 0xF897: "\u0e4c",
    0xF898: "\u0e31", 0xF899: "\u0e34", 0xF89A: "\u0e35", 0xF89B: "\u0e36", 0xF89C: "\u0e37",
    0xF89D: "\u0e4d", 0xF89E: "\u0e47",
}
_PUA = {**_PUA_WINDOWS, **_PUA_MAC}
_FULLWIDTH = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_SPACES = {c: " " for c in (0x00A0, 0x202F, 0x3000, 0x0009, *range(0x2000, 0x200B))}
_DASHES = {c: "-" for c in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58,
                            0xFE63, 0xFF0D)}
_DIGITS = {ord(t): str(i) for i, t in enumerate(chars.THAI_DIGITS)}
_ONE_TO_ONE = str.maketrans({**_SPACES, **_DASHES, **_DIGITS, **_PUA, **_FULLWIDTH, 0x0130: "i"})

_REPORTED_1TO1 = re.compile(
    "(?P<pua>[\uf700-\uf71a\uf884-\uf89e]+)|(?P<fullwidth>[\uff01-\uff5e]+)"
    "|(?P<thai_digit>[\u0e50-\u0e59]+)"
)

# -- length-changing repairs ----------------------------------------------------------------

_MK = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # combining marks
_VAB = "\u0e31\u0e34-\u0e39"
_TAIL = frozenset(chars.COMBINING + chars.SARA_AA + chars.SARA_AM)
# Three passes, each on the output of the one before, so a repair never hides another: an
# invisible character between two marks (ท่<ZWSP>ี) or a ๅ typed before a tone (ตๅ่ง)
# must not stop the marks from being put in order.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\u00ad\ufeff]+")
_LETTERS = re.compile(
    "(?P<space_run>  +)"
    "|(?P<double_sara_e>\u0e40\u0e40)"
    "|(?P<lakkhangyao>(?<![\u0e24\u0e26])\u0e45)"
)
# Any nikhahit (modern Thai uses it only inside ำ), a mark after า/ำ, three marks in a row, a
# mark after a tone-class mark, two vowels.  The handler widens the match to the whole run of
# marks and leaves canonical runs alone.  No leading [marks]* here: it would make the regex
# try every position of every line.
_MARKS = re.compile(
    f"\u0e4d|[\u0e32\u0e33][{_MK}]|[{_MK}]{{3}}"
    f"|[\u0e3a\u0e47-\u0e4e][{_MK}]|[{_VAB}][{_VAB}\u0e47\u0e3a\u0e4d\u0e4e]"
)
# A run of marks whose character before is no base for it: neither a consonant, nor a mark
# or า/ำ/ๅ (the marks pass puts those in order), nor U+25CC, the dotted circle on which a
# mark is shown alone on purpose.  Checked after the invisible characters are removed.
# (The lookbehind after the first mark lets the regex engine skip to the marks.)
_ORPHAN = re.compile(f"[{_MK}](?<![\u0e01-\u0e2e\u0e32\u0e33\u0e45{_MK}\u25cc].)[{_MK}]*")
_LETTER_FIX = {"space_run": " ", "double_sara_e": "\u0e41", "lakkhangyao": chars.SARA_AA}
# Fast pre-checks (one big alternation of named groups is three times slower to search):
# most lines need none of the work above.
_ONE_TO_ONE_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_ONE_TO_ONE)) + "]")
_SUSPECT_CHARS = re.compile("[\u200b\u200c\u200d\u2060\u00ad\ufeff\u0e45\u0e4d]|  |\u0e40\u0e40")
_SUSPECT_MARKS = _MARKS
_SUSPECT_ORPHANS = _ORPHAN

# Which rule reports a defect found inside a term.
ENCODING_DEFECTS = frozenset({
    "invisible", "decomposed-am", "mark-order", "doubled-mark", "conflicting-marks",
    "double-sara-e", "lakkhangyao", "pua", "fullwidth", "orphan-mark",
})
FORM_DEFECTS = frozenset({"space-run", "thai-digit"})

DEFECT_TEXT = {
    "invisible": "invisible character (zero-width space, joiner, soft hyphen or BOM)",
    "decomposed-am": "sara am written as nikhahit + sara aa (ํา)",
    "mark-order": "marks typed in the wrong order",
    "doubled-mark": "the same mark typed twice",
    "conflicting-marks": "two different tone marks or vowels on one letter",
    "double-sara-e": "เเ (two sara e) typed for แ",
    "lakkhangyao": "ๅ (lakkhangyao) typed for า",
    "pua": "private-use font code point (PDF leakage)",
    "fullwidth": "fullwidth character",
    "orphan-mark": "combining mark with no letter under it",
    "space-run": "several spaces in a row",
    "thai-digit": "Thai digits",
}


@dataclass(frozen=True, slots=True)
class Defect:
    """A repair that normalisation made, in original offsets."""

    start: int  # first original code point involved
    end: int  # one past the last
    kind: str  # a key of DEFECT_TEXT


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text plus the way back to the original."""

    text: str  # the normalised text
    original_length: int  # len() of the text as written
    starts: tuple[int, ...] | None  # original offset of each normalised char; None: identity
    ends: tuple[int, ...] | None  # original end (exclusive) of each normalised char
    defects: tuple[Defect, ...]  # repairs, in original offsets, in order

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised half-open span [start, end) to the original text."""
        if self.starts is None or self.ends is None:
            return start, end
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else self.original_length
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def defects_within(self, start: int, end: int) -> list[Defect]:
        """Defects strictly inside the original span [start, end): an invisible character
        just before or after a term is a legitimate break hint, not a broken term."""
        return [d for d in self.defects if (start < d.start and d.end < end)
                or (start <= d.start and d.end <= end and d.kind != "invisible")]


def _canonical_marks(run: str) -> tuple[str, str | None]:
    """Canonical form of a run of marks (with า/ำ) that follows one consonant."""
    has_am = chars.SARA_AM in run or (chars.NIKHAHIT in run and chars.SARA_AA in run)
    has_aa = chars.SARA_AA in run and not has_am
    marks = [c for c in run if c in chars.COMBINING_SET and not (has_am and c == chars.NIKHAHIT)]
    unique = list(dict.fromkeys(marks))
    tones = [c for c in unique if c in chars.TONE_MARKS]
    vowels = [c for c in unique if c in chars.ABOVE_BELOW_VOWELS]
    if len(tones) > 1 or len(vowels) > 1:
        return run, "conflicting-marks"
    unique.sort(key=lambda c: chars.MARK_ORDER.get(c, 4))
    fixed = "".join(unique) + (chars.SARA_AM if has_am else chars.SARA_AA if has_aa else "")
    fixed += chars.SARA_AA * max(0, run.count(chars.SARA_AA) - (1 if has_aa or has_am else 0))
    if fixed == run:
        return run, None
    if has_am and chars.NIKHAHIT in run:
        return fixed, "decomposed-am"
    if len(marks) != len(unique):
        return fixed, "doubled-mark"
    return fixed, "mark-order"


Repair = tuple[int, int, str, "str | None"]  # start, end, replacement, defect kind


def _invisible(text: str) -> list[Repair]:
    return [(m.start(), m.end(), "", "invisible") for m in _INVISIBLE.finditer(text)]


def _group(m: re.Match[str]) -> str:
    """The name of the group that matched: every alternative of these patterns is named."""
    name = m.lastgroup
    assert name is not None
    return name


def _letters(text: str) -> list[Repair]:
    repairs: list[Repair] = []
    for m in _LETTERS.finditer(text):
        name = _group(m)
        repairs.append((m.start(), m.end(), _LETTER_FIX[name], name.replace("_", "-")))
    return repairs


def _marks(text: str) -> list[Repair]:
    repairs: list[Repair] = []
    pos = 0
    for m in _MARKS.finditer(text):
        s, e = m.start(), m.end()
        if s < pos:
            continue
        while s > pos and text[s - 1] in _TAIL:
            s -= 1
        while e < len(text) and text[e] in _TAIL:
            e += 1
        replacement, kind = _canonical_marks(text[s:e])
        if kind is not None:
            # conflicting marks are reported but left as written (replacement == run)
            repairs.append((s, e, replacement, kind))
        pos = e
    return repairs


def _orphans(text: str, starts: list[int], ends: list[int]) -> list[Defect]:
    """Marks with no base, reported in original offsets; nothing is repaired."""
    return [Defect(starts[m.start()], ends[m.end() - 1], "orphan-mark")
            for m in _ORPHAN.finditer(text)]


def _apply(text: str, repairs: list[Repair], starts: list[int], ends: list[int],
           defects: list[Defect]) -> tuple[str, list[int], list[int]]:
    """Apply non-overlapping repairs; carry the map to the original text along."""
    out: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    pos = 0
    for s, e, replacement, kind in repairs:
        if kind:
            defects.append(Defect(starts[s], ends[e - 1], kind))
        out.append(text[pos:s])
        new_starts.extend(starts[pos:s])
        new_ends.extend(ends[pos:s])
        out.append(replacement)
        new_starts.extend([starts[s]] * len(replacement))
        new_ends.extend([ends[e - 1]] * len(replacement))
        pos = e
    out.append(text[pos:])
    new_starts.extend(starts[pos:])
    new_ends.extend(ends[pos:])
    return "".join(out), new_starts, new_ends


def normalize(text: str, *, casefold: bool = True) -> Normalized:
    """Normalise `text` for matching; see the module docstring for what changes."""
    one = text.translate(_ONE_TO_ONE) if _ONE_TO_ONE_CHARS.search(text) else text
    if casefold:
        one = one.lower()  # length-preserving once U+0130 is mapped
    reported_1to1 = one is not text and _REPORTED_1TO1.search(text)
    if not (reported_1to1 or _SUSPECT_CHARS.search(one) or _SUSPECT_MARKS.search(one)
            or _SUSPECT_ORPHANS.search(one)):
        return Normalized(one, len(text), None, None, ())
    defects = [Defect(m.start(), m.end(), _group(m).replace("_", "-"))
               for m in _REPORTED_1TO1.finditer(text)]
    starts = list(range(len(one)))
    ends = list(range(1, len(one) + 1))
    for find in (_invisible, _letters, _marks):
        if find is _marks:  # after ๅ became า, before the marks are moved
            defects += _orphans(one, starts, ends)
        repairs = find(one)
        if repairs:
            one, starts, ends = _apply(one, repairs, starts, ends, defects)
    defects.sort(key=lambda d: (d.start, d.end))
    return Normalized(one, len(text), tuple(starts), tuple(ends), tuple(defects))


@lru_cache(maxsize=65536)
def normalize_key(text: str, *, casefold: bool = True) -> str:
    """The normalised form alone (for glossary entries), with outer spaces stripped."""
    return normalize(text, casefold=casefold).text.strip()
