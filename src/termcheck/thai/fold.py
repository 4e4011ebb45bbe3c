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

from rapidfuzz.distance import OSA, Levenshtein

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
TRANSPOSITION = 1.0  # two neighbours swapped
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
    with a full weighted DP on every case in the test data, at C speed.  Two neighbours
    swapped (คเ for เค, a leading vowel typed after its consonant) cost one edit, as in the
    optimal string alignment distance (THAI.md section 4): where rapidfuzz's OSA distance
    is below the Levenshtein one, the weighted OSA is computed in full.
    """
    total = 0.0
    ops = Levenshtein.editops(approved, found)
    for edit in ops:
        op = edit.tag
        a = approved[edit.src_pos] if op != "insert" else ""
        b = found[edit.dest_pos] if op != "delete" else ""
        total += _op_cost(op, a, b)
    if len(ops) >= 2 and OSA.distance(approved, found, score_cutoff=len(ops) - 1) < len(ops):
        total = min(total, _weighted_osa(approved, found))
    return total


def _weighted_osa(a: str, b: str) -> float:
    """Optimal string alignment distance with the weighted costs of `_op_cost` and a swap
    of two neighbours costing TRANSPOSITION.  Quadratic, in Python: only for the few pairs
    whose plain distances say a swap is involved."""
    rows = [[0.0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        rows[i][0] = rows[i - 1][0] + _op_cost("delete", a[i - 1], "")
    for j in range(1, len(b) + 1):
        rows[0][j] = rows[0][j - 1] + _op_cost("insert", "", b[j - 1])
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            x, y = a[i - 1], b[j - 1]
            best = min(rows[i - 1][j] + _op_cost("delete", x, ""),
                       rows[i][j - 1] + _op_cost("insert", "", y),
                       rows[i - 1][j - 1] + (0.0 if x == y else _op_cost("replace", x, y)))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y and x != y:
                best = min(best, rows[i - 2][j - 2] + TRANSPOSITION)
            rows[i][j] = best
    return rows[-1][-1]


# Consonants that sound alike (as finals, where Thai spelling goes wrong most: โอกาศ for
# โอกาส, สัญญาน for สัญญาณ, ซอฟท์แวร์ for ซอฟต์แวร์; or as initials of the same class).
# Initials that differ in sound (จ ช ซ beside ต, ผ ฝ beside ป) are left out: จ้องมี is
# not a misspelt ต้องมี.
SOUND_GROUPS = ("กขฃคฅฆ", "ดตถทธฎฏฐฑฒศษส", "ชซฌ", "นณญรลฬ", "บปพภฟ", "ยญ", "ฮห")
_SOUND_OF: dict[str, set[str]] = {}
for _group in SOUND_GROUPS:
    for _ch in _group:
        _SOUND_OF.setdefault(_ch, set()).update(_group)


def sound_alike(approved: str, found: str) -> bool:
    """Could `found` be another spelling of the same word, not another word?  True when
    every edit is on a vowel or mark, swaps a consonant for one that sounds alike, or
    doubles a consonant; False when another consonant sound makes the difference
    (ไฟเบอร์ and ไซเบอร์, ร่วมกัน and ร่วมกับ are different words)."""
    for edit in Levenshtein.editops(approved, found):
        a = approved[edit.src_pos] if edit.tag != "insert" else ""
        b = found[edit.dest_pos] if edit.tag != "delete" else ""
        if edit.tag == "replace":
            if (a in chars.CONSONANTS) != (b in chars.CONSONANTS) or (
                    a in chars.CONSONANTS and b not in _SOUND_OF.get(a, ())):
                return False
        elif (a or b) in chars.CONSONANTS:
            ch, other, at = (b, approved, edit.src_pos) if b else (a, found, edit.dest_pos)
            if ch not in other[max(0, at - 1):at + 1]:
                return False  # an added or dropped consonant that doubles none
    return True


def vowel_slip(approved: str, found: str) -> bool:
    """Is every edit a vowel or mark added or dropped (อนุญาติ, มาตราการ, ดิจิทล)?"""
    ops = Levenshtein.editops(approved, found)
    return bool(ops) and all(
        e.tag != "replace" and (found[e.dest_pos] if e.tag == "insert"
                                else approved[e.src_pos]) not in chars.CONSONANTS
        for e in ops)


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
