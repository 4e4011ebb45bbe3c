"""Broken Unicode anywhere in Thai text, as rule TC006 reports it: which of normalisation's
defects (termcheck.thai.normalize) are worth a finding, on which span, in which words, and
what the span becomes when it is repaired.

normalize() finds the defects; this module only chooses and describes them:
- an invisible character (ZWSP, ZWNJ, ZWJ, word joiner, soft hyphen, BOM) counts in a
  segment that holds Thai, unless it stands inside a word of another script (a ZWJ in an
  emoji sequence, a soft hyphen in a Latin word: both neighbours non-Thai, non-space);
- a private-use font code point counts next to Thai (elsewhere it may be an icon font's);
- fullwidth ASCII counts in a segment with Thai and no Chinese, Japanese or Korean text
  (with CJK text it is that text's punctuation);
- ๅ counts after a Thai letter or mark (where า was meant), not standing alone;
- เเ, ํา, marks out of order, doubled, conflicting or without a letter always count.
Space runs and Thai digits are house style, not broken text: they are left out.

A reported span is widened to whole character clusters (the letter under a mark, a leading
vowel before it, the marks after it), so a finding never splits a cluster and shows a
readable piece of text; defects whose spans then overlap become one finding.  The repair of
a span is normalize(span, casefold=False); there is none for conflicting or orphan marks
(which mark, or which letter, was meant cannot be known), nor when the repair would change
anything else (a Thai digit, a space) or is itself broken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from termcheck.thai import chars
from termcheck.thai.normalize import Defect, Normalized, normalize

REPORTED = frozenset({
    "invisible", "decomposed-am", "mark-order", "doubled-mark", "conflicting-marks",
    "double-sara-e", "lakkhangyao", "pua", "fullwidth", "orphan-mark",
})
NO_REPAIR = frozenset({"conflicting-marks", "orphan-mark"})
_MARK_KINDS = frozenset({"decomposed-am", "mark-order", "doubled-mark", "conflicting-marks"})

INVISIBLE_NAMES = {
    "\u200b": "zero-width space (U+200B)", "\u200c": "zero-width non-joiner (U+200C)",
    "\u200d": "zero-width joiner (U+200D)", "\u2060": "word joiner (U+2060)",
    "\u00ad": "soft hyphen (U+00AD)", "\ufeff": "byte order mark (U+FEFF)",
}
_MARK_NAMES = dict(zip(
    chars.COMBINING + chars.SARA_AA + chars.SARA_AM,
    ("mai han-akat", "sara i", "sara ii", "sara ue", "sara uee", "sara u", "sara uu",
     "phinthu", "maitaikhu", "mai ek", "mai tho", "mai tri", "mai chattawa", "thanthakhat",
     "nikhahit", "yamakkan", "sara aa", "sara am"), strict=True))
_PUA_CHARS = [chr(c) for c in (*range(0xF700, 0xF71B), *range(0xF884, 0xF89F))]
_PUA_TO = {c: normalize(c, casefold=False).text for c in _PUA_CHARS}
_PUA_SET = frozenset(_PUA_CHARS)
_PUA_MARKS = frozenset(c for c, to in _PUA_TO.items() if to in chars.COMBINING_SET)
_INVISIBLE = frozenset(INVISIBLE_NAMES)
# what a cluster may go on with after a span: marks and ำ (a PUA mark is a mark too)
_GOES_ON = chars.COMBINING_SET | {chars.SARA_AM} | _PUA_MARKS
# what sits on a letter before it: a span that begins with one takes the letter in
_SITS_ON = _GOES_ON | {chars.SARA_AA, chars.LAKKHANGYAO}
_THAI = re.compile("[\u0e01-\u0e5b]")
_CJK = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
                  "\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]")
_THAI_BASE = frozenset(chars.CONSONANTS) | chars.COMBINING_SET


@dataclass(frozen=True, slots=True)
class Broken:
    """One finding's worth of broken text: a span of whole clusters and the defects in it."""

    start: int
    end: int
    defects: tuple[Defect, ...]
    repair: str | None  # the span repaired; None: no repair is certain
    certain: bool = True  # False: the repair is a likely guess (a mark typed after a space)


_WORD_END = re.compile("[\u0e01-\u0e4e]{1,30}$")


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def _counts(text: str, d: Defect, cjk: bool) -> bool:
    """Whether defect `d` of `text` (a segment holding Thai) is worth a finding."""
    before = text[d.start - 1] if d.start > 0 else ""
    after = text[d.end] if d.end < len(text) else ""
    if d.kind == "invisible":  # not inside a word of another script
        return not all(ch and not _is_thai(ch) and not ch.isspace() for ch in (before, after))
    if d.kind == "pua" or (d.kind == "orphan-mark" and not _PUA_SET.isdisjoint(
            text[d.start:d.end])):
        return _is_thai(before) or _is_thai(after)
    if d.kind == "fullwidth":
        return not cjk
    if d.kind == "lakkhangyao":
        return before in _THAI_BASE
    return d.kind in REPORTED


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) grown to whole clusters: the marks that follow (across invisible
    characters), the letter a leading mark sits on, and the leading vowels before it."""
    e = end
    while True:
        i = e
        while i < len(text) and text[i] in _INVISIBLE:
            i += 1
        if i >= len(text) or text[i] not in _GOES_ON:
            break
        e = i + 1
    first = start
    while first < e and text[first] in _INVISIBLE:
        first += 1
    s = start
    if first < e and text[first] in _SITS_ON:
        s = first
        while s > 0 and (text[s - 1] in _SITS_ON or text[s - 1] in _INVISIBLE):
            s -= 1
        if s > 0 and text[s - 1] not in "\r\n":
            s -= 1  # the letter (or whatever stands where it should be, but a line break)
    while s > 0 and text[s - 1] in chars.LEADING_VOWELS:
        s -= 1
    return s, e


def _repairable(ch: str) -> bool:
    """A character that normalisation changes only where it reports a defect (spaces and
    dashes it changes silently; digits, Latin case are house style)."""
    return _is_thai(ch) or ch in _INVISIBLE or ch in _PUA_SET or "\uff01" <= ch <= "\uff5e"


def _repair(found: str, kinds: tuple[str, ...]) -> str | None:
    """`found` repaired, where that is certain and changes nothing but the defects."""
    if NO_REPAIR.intersection(kinds) or not all(_repairable(ch) for ch in found):
        return None
    norm = normalize(found, casefold=False)
    if any(d.kind not in REPORTED for d in norm.defects) or norm.text == found:
        return None
    if normalize(norm.text, casefold=False).defects:
        return None
    return norm.text


def find(text: str, norm: Normalized) -> list[Broken]:
    """The broken text TC006 reports in `text`, whose normalisation is `norm`, in order."""
    if not norm.defects or not _THAI.search(text):
        return []
    cjk = _CJK.search(text) is not None
    spans = sorted((*_widen(text, d.start, d.end), n) for n, d in enumerate(norm.defects)
                   if _counts(text, d, cjk))
    groups: list[tuple[int, int, list[Defect]]] = []
    for s, e, n in spans:
        d = norm.defects[n]
        if groups and s < groups[-1][1]:
            last = groups[-1]
            groups[-1] = (last[0], max(last[1], e), [*last[2], d])
        else:
            groups.append((s, e, [d]))
    found: list[Broken] = []
    for s, e, defects in groups:
        kinds = tuple(d.kind for d in defects)
        guess = _after_space(text, s, e) if set(kinds) == {"orphan-mark"} else None
        found.append(Broken(s, e, tuple(defects), guess or _repair(text[s:e], kinds),
                            certain=guess is None))
    return found


def _after_space(text: str, start: int, end: int) -> str | None:
    """A mark typed after the space that follows its word (กาญจนรัตน ์รัฐมนตรี): the likely
    repair puts the marks back on the word's last letter, before the space.  A guess:
    which letter was meant is not certain."""
    found = text[start:end]
    marks = found.lstrip(" ")
    spaces = found[:len(found) - len(marks)]
    if (not spaces or start == 0 or text[start - 1] not in chars.CONSONANTS
            or not marks or not set(marks) <= chars.COMBINING_SET):
        return None
    return marks + spaces


# -- in words --------------------------------------------------------------------------------

def _mark(ch: str) -> str:
    """A mark by name, shown on a dotted circle: "mai ek (◌่)"."""
    name = _MARK_NAMES.get(ch)
    if name is None:
        return f"U+{ord(ch):04X}"
    return f"{name} ({'' if ch in (chars.SARA_AA, chars.SARA_AM) else chr(0x25CC)}{ch})"


def _marks(chosen: list[str]) -> str:
    return " and ".join(_mark(ch) for ch in dict.fromkeys(chosen))


def _order(ch: str) -> int:
    return chars.MARK_ORDER.get(ch, 4 if ch in chars.COMBINING_SET else 5)


def _mark_order(written: str) -> str:
    for a, b in pairwise(written):
        if _order(a) > _order(b):
            return f"{_mark(a)} typed before {_mark(b)}"
    return "marks typed in the wrong order"


def _conflict(written: str) -> str:
    tones = [ch for ch in written if ch in chars.TONE_MARKS]
    if len(set(tones)) > 1:
        return f"two different tone marks on one letter: {_marks(tones)}"
    vowels = [ch for ch in written if ch in chars.ABOVE_BELOW_VOWELS]
    return f"two different vowels on one letter: {_marks(vowels)}"


def _orphan(text: str, d: Defect) -> str:
    marks = _marks(list(_as_meant(text[d.start:d.end])))
    before = text[d.start - 1] if d.start > 0 else ""
    where = ("at the start of a line" if not before or before in "\r\n"
             else "after a space" if before.isspace() else f"after '{before}'")
    return f"{marks} with no letter under it, {where}"


def _decomposed(written: str) -> str:
    text = "sara am (ำ) written as nikhahit + sara aa (ํ + า)"
    between = written[written.find(chars.NIKHAHIT) + 1:written.rfind(chars.SARA_AA)]
    tones = [ch for ch in between if ch in chars.TONE_MARKS]
    return text + (f", with {_marks(tones)} between them" if tones else "")


def _as_meant(written: str) -> str:
    """The characters of a run of marks as their Thai selves: no invisible characters,
    private-use code points as the marks they stand for, ๅ as า."""
    return "".join(_PUA_TO.get(ch, ch) for ch in written
                   if ch not in _INVISIBLE).replace(chars.LAKKHANGYAO, chars.SARA_AA)


def describe(text: str, d: Defect) -> str:
    """Defect `d` of `text` in plain words."""
    written = text[d.start:d.end]
    if d.kind in _MARK_KINDS:
        written = _as_meant(written)
    if d.kind == "invisible":
        return "invisible " + " and ".join(dict.fromkeys(INVISIBLE_NAMES[c] for c in written))
    if d.kind == "pua":
        code_points = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(written))
        meant = normalize(written, casefold=False).text
        shown = (_marks(list(meant)) if set(meant) <= chars.COMBINING_SET else f"'{meant}'")
        return (f"private-use code point{'s' if len(set(written)) > 1 else ''} "
                f"{code_points} of a PDF font, for {shown}")
    if d.kind == "fullwidth":
        return f"fullwidth form of '{normalize(written, casefold=False).text}'"
    if d.kind == "decomposed-am":
        return _decomposed(written)
    if d.kind == "mark-order":
        return _mark_order(written)
    if d.kind == "doubled-mark":
        twice = [ch for ch in written if written.count(ch) > 1 and ch in chars.COMBINING_SET]
        return f"{_marks(twice) or 'the same mark'} typed twice"
    if d.kind == "conflicting-marks":
        return _conflict(written)
    if d.kind == "orphan-mark":
        return _orphan(text, d)
    if d.kind == "double-sara-e":
        return "เเ (two sara e) typed for แ (sara ae)"
    return "ๅ (lakkhangyao) typed for า (sara aa)"


def message(text: str, broken: Broken) -> str:
    """What a finding on `broken` says."""
    found = text[broken.start:broken.end]
    words = "; ".join(dict.fromkeys(describe(text, d) for d in broken.defects))
    if broken.repair is None:
        return f"'{found}': {words}; retype it"
    if not broken.certain:
        word = _WORD_END.search(text, 0, broken.start)
        meant = (word.group() if word else "") + broken.repair.strip()
        return f"'{found}': {words}; probably '{meant}' was meant, before the space"
    if not broken.repair:
        return f"'{found}': {words}; delete it"
    return f"'{found}': {words}; write '{broken.repair}'"
