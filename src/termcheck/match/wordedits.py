"""Word-level near-misses of long multiword terms: a word dropped, added, or two swapped.

ระบบข้อมูลเอกสารเดินทาง... for ระบบข้อมูลเอกสารการเดินทาง... (การ dropped) is three letters
from the term, beyond any letter budget, but one word from it; so are ระบบฐานข้อมูล... (ฐาน
added) and ...สูญหายหรือถูกขโมย for ...ถูกขโมยหรือสูญหาย (two words swapped round หรือ).
Only terms of TERM_LETTERS letters or more are compared by words, and a word dropped or added
must be a tenth of the term at most: in a shorter term one word more or less is another
name (รัฐมนตรีว่าการ, รัฐมนตรีช่วยว่าการ: a minister and a deputy).  A text that holds another
term's approved form is that term's business, not a variant (the scanner checks it).

Candidates come from the pieces of the term's fold key (termcheck.match.candidates): a word
edit leaves the first or the last of its three pieces in the text unchanged; the rest of the
key beside it must share all but a third of its letters (a word's at most), in order, with
the text there (one rapidfuzz LCS call), and the span then ends (or starts) where the rest
is closest.
What the span is, is decided by `describe`: the text must be the term with one word, as
the dictionary has it, dropped, added or swapped with another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapidfuzz.distance import LCSseq, Levenshtein

from termcheck.thai import chars
from termcheck.thai.fold import fold
from termcheck.thai.lexicon import Lexicon

if TYPE_CHECKING:
    from termcheck.match.index import TermIndex

TERM_LETTERS = 20  # spacing letters a term needs to be compared by words
WORD_LETTERS = 12  # the most letters a word edit may add or drop, in fold-key space
# The most letters of the rest of the key that the text beside the piece may lack: a third
# of them, up to a word (two swapped words lose the shorter one's letters from the common
# subsequence).
MAX_CONNECTOR = 6  # letters between two swapped words (หรือ, และ)


def word_keys(index: TermIndex) -> frozenset[str]:
    """The fold keys of the approved forms long enough to be compared by words."""
    return frozenset(fold(key) for info in index.terms for key in info.approved_keys
                     if chars.spacing_length(key) >= TERM_LETTERS and info.budgets[key] > 0)


def spans(folded: str, key: str, offset: int, piece_start: int, piece_end: int
          ) -> list[tuple[int, int]]:
    """The fold-key spans, around an unchanged first or last piece, that may be the key
    with a word edit: where the rest of the key is closest to the text beside the piece,
    and one letter further (the closest cut may fall inside the edited word); none when the
    text there is too far from the rest."""
    if offset == 0:  # the first piece: the rest follows it
        rest = key[piece_end - piece_start:]
        ahead = folded[piece_end:piece_end + len(rest) + WORD_LETTERS]
        if LCSseq.similarity(rest, ahead) < len(rest) - _slack(rest):
            return []
        return [(piece_start, piece_end + n) for n in _closest(rest, ahead, lambda n: ahead[:n])]
    rest = key[:offset]  # the last piece: the rest comes before it
    behind = folded[max(0, piece_start - len(rest) - WORD_LETTERS):piece_start]
    if LCSseq.similarity(rest, behind) < len(rest) - _slack(rest):
        return []
    return [(piece_start - n, piece_end)
            for n in _closest(rest, behind, lambda n: behind[len(behind) - n:])]


def _slack(rest: str) -> int:
    return min(WORD_LETTERS, len(rest) // 3)


def _closest(rest: str, text: str, part) -> list[int]:
    """The lengths of `text`'s part (as `part` cuts it) nearest to `rest`, and those one
    edit further, at most eight."""
    sizes = range(max(0, len(rest) - WORD_LETTERS), len(text) + 1)
    scored = sorted((Levenshtein.distance(rest, part(n)), abs(n - len(rest)), n) for n in sizes)
    if not scored:
        return []
    best = scored[0][0]
    return [n for d, _, n in scored[:8] if d <= best + 1]


def describe(lexicon: Lexicon, key: str, found: str) -> str | None:
    """The word edit that makes `found` of the approved `key` (both normalised), in words,
    or None when there is none: one word dropped or added, or two words swapped round a
    short connector.  The common head and tail may have taken in a letter of the edited
    words (ถูกขโมย and สูญหาย both end in ย), so they are also tried a few letters shorter."""
    head = _common_prefix(key, found)
    tail = _common_prefix(key[head:][::-1], found[head:][::-1])
    for less_head in range(min(head, 3) + 1):
        for less_tail in range(min(tail, 3) + 1):
            h, t = head - less_head, tail - less_tail
            edit = _edit(lexicon, key[h:len(key) - t], found[h:len(found) - t],
                         chars.spacing_length(key))
            if edit is not None:
                return edit
    return None


def _edit(lexicon: Lexicon, mine: str, theirs: str, size: int) -> str | None:
    mine, theirs = mine.strip(), theirs.strip()
    small = max(chars.spacing_length(mine), chars.spacing_length(theirs)) * 10 <= size
    if not mine and theirs and small and _words(lexicon, theirs):
        return f"extra word '{theirs}'"
    if mine and not theirs and small and _words(lexicon, mine):
        return f"missing word '{mine}'"
    if mine and len(mine) == len(theirs) and mine != theirs:
        for a in range(2, len(mine) - 1):
            for b in range(2, len(mine) - a + 1):
                first, second = mine[:a], mine[len(mine) - b:]
                between = mine[a:len(mine) - b]
                if (len(between) <= MAX_CONNECTOR and theirs == second + between + first
                        and _words(lexicon, first) and _words(lexicon, second)):
                    return f"'{first.strip()}' and '{second.strip()}' swapped"
    return None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _words(lexicon: Lexicon, text: str) -> bool:
    """Is `text` made of whole dictionary words (two letters each at least)?"""
    tokens = [t for t in lexicon.segment(text.strip()) if t.strip()]
    return bool(tokens) and all(len(t) > 1 and lexicon.is_word(t) for t in tokens)
