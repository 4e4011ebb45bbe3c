"""The fuzzy key and the weighted edit distance used to find and judge near-misses.

The fold key exists only to find candidates quickly; it is never shown or written.  It drops
what is cheap to get wrong (tone marks, ็ ์ ะ, spaces, punctuation), merges letters that Thai
writers confuse (homophones such as ศ ษ ส, ณ น, ภ พ; ใ ไ; vowel length ิ ี, ุ ู; ำ า) and
collapses doubled letters.  A candidate found through the key is then verified on the
normalised text with `weighted_distance`, in which those same edits cost 0.5 instead of 1
(THAI.md section 4).
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from termcheck.thai import chars

# Letters merged in the fuzzy key: written for one another because they sound alike (the
# classic source of Thai misspellings, and of loanword variants: อินเตอร์/อินเทอร์,
# เว็ป/เว็บ, ไซท์/ไซต์) or look alike (ซ/ช, ด/ต, ฎ/ฏ, ใ/ไ); vowel length; ำ/า (nikhahit
# lost in PDFs).  Merging only finds candidates: what an edit costs is CHEAP_GROUPS' business.
FOLD_GROUPS = (
    "ขฃคฅฆ", "ฉชฌซศษส", "ดฎตฏฐฑฒถทธ", "ณน", "ผพภ", "ฝฟ", "ญย", "รลฬ", "ใไ", "บป",
    "\u0e34\u0e35", "\u0e36\u0e37", "\u0e38\u0e39", "\u0e32\u0e33",
    # Latin look-alikes in codes and acronyms (I-24/7 written l-24/7, COVID-I9, O/0)
    "il1", "o0", "s5", "b8",
)
# Substitutions that cost half an edit (THAI.md section 4): look-alike and same-sound pairs
# that writers really confuse.  ด/ท or บ/ป are found through the key but cost a full edit.
CHEAP_GROUPS = (
    "ขฃ", "คฅฆ", "ชซฌ", "ศษส", "ดตฎฏ", "ทฑธฒ", "ณน", "ลฬร", "ใไ", "พภ", "ญย",
    "\u0e34\u0e35", "\u0e36\u0e37", "\u0e38\u0e39", "\u0e32\u0e33\u0e30\u0e45",
    "il1", "o0", "s5", "b8",
)
_GROUP_OF = {ch: group[0] for group in FOLD_GROUPS for ch in group}
_CHEAP_OF = {ch: group for group in CHEAP_GROUPS for ch in group}
CHEAP_MARKS = frozenset(chars.TONE_MARKS + chars.MAITAIKHU + chars.THANTHAKHAT + chars.SARA_A
                        + chars.PHINTHU + chars.YAMAKKAN + chars.NIKHAHIT)
# Characters the key ignores besides marks: spacing and punctuation (checked separately).
SEPARATORS = frozenset(" -()[]{}.,/\\'\"_:;!?“”‘’«»…·ฯ")
EDGE_PUNCTUATION = "".join(sorted(SEPARATORS - {" "}))  # what a form may begin or end with
_DROP = CHEAP_MARKS | SEPARATORS
_MAP_TABLE = str.maketrans({**{c: "\0" for c in _DROP}, **_GROUP_OF})
_STRIP_TABLE = str.maketrans(dict.fromkeys(SEPARATORS))
# fold and fold_with_map compute the same key (tests/test_normalize.py checks it on any text):
# the characters the key drops are deleted (a NUL in the text too), then every run of one
# character becomes one, line breaks included.  fold is the fast path every segment takes;
# fold_with_map, which also keeps the offsets, runs only where the key has hits.
_FOLD_TABLE = str.maketrans({**{c: None for c in _DROP | {"\0"}}, **_GROUP_OF})
_DOUBLED = re.compile(r"(.)\1+", re.S)


def fold(text: str) -> str:
    """Fuzzy key of normalised text."""
    return _DOUBLED.sub(r"\1", text.translate(_FOLD_TABLE))


def fold_with_map(text: str) -> tuple[str, list[int], list[int]]:
    """Fuzzy key of `text` and, for each key character, the first and the last index in
    `text` of the run of characters it stands for (a doubled letter folds to one)."""
    out: list[str] = []
    first: list[int] = []
    last: list[int] = []
    prev = ""
    for i, ch in enumerate(text.translate(_MAP_TABLE)):  # dropped characters become NUL
        if ch == "\0":
            continue
        if ch == prev:
            last[-1] = i
            continue
        out.append(ch)
        first.append(i)
        last.append(i)
        prev = ch
    return "".join(out), first, last


def is_separator(ch: str) -> bool:
    return ch in SEPARATORS


def strip_separators(text: str) -> str:
    return text.translate(_STRIP_TABLE)


def _op_cost(op: str, a: str, b: str) -> float:
    """Cost of one edit from approved character `a` to found character `b` ('' for none)."""
    ch = a or b
    if op != "replace":
        if ch in SEPARATORS:
            return 0.0  # spacing and punctuation are reported as their own kind
        return 0.5 if ch in CHEAP_MARKS else 1.0
    if a in CHEAP_MARKS and b in CHEAP_MARKS:
        return 0.5
    if b in _CHEAP_OF.get(a, ""):
        return 0.5
    if (a in chars.COMBINING_SET) != (b in chars.COMBINING_SET):
        return 1.5  # a mark for a letter is a different syllable, not a typo (ก็หมาย, กฎหมาย)
    return 1.0


def weighted_distance(approved: str, found: str) -> float:
    """Weighted edit distance between two normalised strings, ignoring spacing/punctuation.

    rapidfuzz finds one optimal alignment under unit costs; the edits on it are then weighed.
    That is not always the cheapest weighted alignment, but on term-length strings it agrees
    with a full weighted DP on every case in the test data, at C speed.
    """
    total = 0.0
    for edit in Levenshtein.editops(approved, found):
        op = edit.tag
        a = approved[edit.src_pos] if op != "insert" else ""
        b = found[edit.dest_pos] if op != "delete" else ""
        total += _op_cost(op, a, b)
    return total


def fuzzy_budget(spacing_length: int) -> float:
    """Largest weighted distance accepted for a term of this many spacing characters.

    THAI.md section 4: no fuzzy matching at 3 characters or fewer (กต., ไต, ตา), 1.0 up to 6,
    1.5 up to 12, 2.0 beyond.
    """
    if spacing_length <= 3:
        return 0.0
    if spacing_length <= 6:
        return 1.0
    if spacing_length <= 12:
        return 1.5
    return 2.0
