"""Near-miss candidates with a guarantee: every span within one term's budget is found.

A candidate is looked for in fold-key space (termcheck.thai.fold): the fold key already
absorbs what costs half an edit (tone marks, ็ ์ ะ, letters that sound or look alike,
vowel length, doubled letters), so a span within a weighted budget B differs from the
term's fold key by at most floor(B) *full* edits: a letter substituted, inserted or
deleted anywhere, first and last letters included, or two neighbours swapped.  Two
filters find every such span, each chosen for the length of the key:

- a short key (up to SHORT_KEY letters) has its whole one-edit neighbourhood in the fuzzy
  automaton: each deletion, swap, substitution and insertion over the key's alphabet.  Its
  hits are exact and delimit the span.  Two letters are too little to judge: a candidate
  needs MIN_CANDIDATE fold letters.  A short key of Latin letters and digits finds the
  same candidates, on Latin token boundaries, through termcheck.match.latin instead: its
  neighbourhood over 36 letters would be half the automaton.
- a longer key is cut into k + 1 pieces for k allowed edits (the pigeonhole principle:
  k edits cannot touch all k + 1 pieces, so one piece stands in the text unchanged; a
  swap across two pieces' border changes both, so each piece is also indexed as such a
  swap leaves it).  A
  piece's hit fixes where the key would start or end; the spans around it that are within
  k edits of the key (rapidfuzz's OSA distance, in C) become candidates.

What a candidate is, is then decided by the scanner: the weighted distance, the real-word
filter and the boundary rules.  tests/test_candidates.py checks the guarantee on random
edits of random terms in random text; benchmarks/bench.py measures what it costs.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import OSA, LCSseq

from termcheck.match import wordedits
from termcheck.thai import chars
from termcheck.thai.fold import SOUND_GROUPS, fold

SHORT_KEY = 9
MIN_PIECE = 5
MIN_CANDIDATE = 5
MAX_SPACED = 8  # characters of a short form that may have spaces typed in several places

Patterns = dict[str, list[tuple[int, str]]]  # fold string -> (term, how it was made)
PieceValue = tuple[int, str, int, int]  # term, fold key, offset of the piece in it, edits
Pieces = dict[str, list[PieceValue]]

_LATIN = "abcdefghijklmnopqrstuvwxyz0123456789"
_THAI_VOWELS = "\u0e31\u0e32\u0e34\u0e36\u0e38\u0e40\u0e41\u0e42\u0e43"


def _alphabet(letters: str) -> str:
    return "".join(sorted({fold(c) for c in letters} - {""}))


CONSONANT_KEYS = _alphabet(chars.CONSONANTS)  # one fold letter per group of look-alikes
VOWEL_KEYS = _alphabet(_THAI_VOWELS)
LATIN_KEYS = _alphabet(_LATIN)
_CLASS = {**dict.fromkeys(CONSONANT_KEYS, CONSONANT_KEYS), **dict.fromkeys(VOWEL_KEYS, VOWEL_KEYS),
          **dict.fromkeys(LATIN_KEYS, LATIN_KEYS)}


def _sound_substitutes() -> dict[str, str]:
    """For each consonant's fold letter, the fold letters of the consonants that sound
    like it (fold.SOUND_GROUPS: โอกาศ, บังคลาเทศ, สวิสเซอร์แลนด์): in a short word any
    other consonant makes another word far more often than a misspelling."""
    out: dict[str, set[str]] = {}
    for group in SOUND_GROUPS:
        keys = {fold(c) for c in group}
        for key in keys:
            out.setdefault(key, set()).update(keys - {key})
    return {key: "".join(sorted(others)) for key, others in out.items()}


# What a letter of a short key may be replaced by: a consonant by one that sounds alike, a
# vowel by any vowel, a Latin letter or digit by any.  A longer key's pieces find any.
REPLACED = {**dict.fromkeys(CONSONANT_KEYS, ""), **_sound_substitutes(),
            **dict.fromkeys(VOWEL_KEYS, VOWEL_KEYS), **dict.fromkeys(LATIN_KEYS, LATIN_KEYS)}
# The letters Thai writers add inside a short word: any vowel, and of the consonants only
# those of clusters and silent or leading letters (ปร กล กว, ห อ); a doubled letter folds
# into its neighbour.  A longer key's pieces find any added letter.
ADDED = VOWEL_KEYS + _alphabet("รลวหอ")
_LEADING = frozenset(_alphabet(chars.LEADING_VOWELS))


def neighbourhood(key: str) -> set[str]:
    """Every fold string one edit from `key` (a fold key), as a text's fold key would read:
    a letter deleted, two neighbours swapped, a letter replaced by another of its kind (a
    consonant by any consonant, a vowel by any vowel, a Latin letter or digit by any), or a
    vowel, a Latin letter or digit, or one of ADDED's consonants added inside it.  A vowel
    is also replaced across its consonant, as Thai stores leading vowels first (ไวโรส for
    ไวรัส: โ for ั).  An added or replaced letter that doubles its neighbour folds into
    it: that variant is already here as a deletion, or is the key itself."""
    out: set[str] = set()
    n = len(key)
    kinds = "".join(dict.fromkeys(_CLASS.get(c, "") for c in key))
    added = "".join(ADDED if k == CONSONANT_KEYS else k for k in dict.fromkeys(
        _CLASS.get(c, "") for c in key) if k) or kinds
    for i in range(n):
        out.add(key[:i] + key[i + 1:])
        if i + 1 < n and key[i] != key[i + 1]:
            out.add(key[:i] + key[i + 1] + key[i] + key[i + 2:])
        before, after = key[i - 1] if i else "", key[i + 1] if i + 1 < n else ""
        for c in REPLACED.get(key[i], kinds):
            if c != key[i] and c != before and c != after:
                out.add(key[:i] + c + key[i + 1:])
        if i:
            for c in added:
                if c != before and c != key[i]:
                    out.add(key[:i] + c + key[i:])
        if key[i] in VOWEL_KEYS and i >= 1 and key[i] not in _LEADING:
            # an upper or lower vowel on key[i-1] replaced by a leading vowel before it
            for c in _LEADING:
                out.add(key[:i - 1] + c + key[i - 1] + key[i + 1:])
    out.discard(key)
    return out


def cut(key: str, k: int) -> list[tuple[int, str]]:
    """k + 1 pieces of `key`, as even as can be: (offset, piece)."""
    p = k + 1
    bounds = [round(i * len(key) / p) for i in range(p + 1)]
    return [(bounds[i], key[bounds[i]:bounds[i + 1]]) for i in range(p)]


def index_key(key: str, term: int, k: int, patterns: Patterns, pieces: Pieces) -> None:
    """Index what finds every span within k fold-key edits of `key`."""
    k = min(k, len(key) // MIN_PIECE - 1)
    if k < 1 or len(key) <= SHORT_KEY:
        value = (term, "edit")
        for variant in neighbourhood(key):  # add_pattern, inlined: 300,000 calls at 5,000 terms
            if len(variant) >= MIN_CANDIDATE:
                bucket = patterns.get(variant)
                if bucket is None:
                    patterns[variant] = [value]
                elif bucket[-1][0] != term:
                    bucket.append(value)
        return
    for offset, piece in cut(key, k):
        entry = (term, key, offset, k)
        for variant in _swapped_ends(key, offset, offset + len(piece)):
            entries = pieces.setdefault(variant, [])
            if entry not in entries:
                entries.append(entry)


def _swapped_ends(key: str, lo: int, hi: int) -> set[str]:
    """The piece key[lo:hi] as written, and as it reads when a letter at either end swapped
    places with its neighbour in the next piece: a swap costs one edit but changes two
    pieces, so both must still be found by their altered forms."""
    left = lo > 0
    right = hi < len(key) and hi - lo >= 2
    out = {key[lo:hi]}
    if left:
        out.add(key[lo - 1] + key[lo + 1:hi])
    if right:
        out.add(key[lo:hi - 1] + key[hi])
    if left and right and hi - lo >= 3:
        out.add(key[lo - 1] + key[lo + 1:hi - 1] + key[hi])
    return {fold(v) for v in out}


def add_pattern(patterns: Patterns, key: str, value: tuple[int, str]) -> None:
    """Add a pattern's value once per term (a term's keys are indexed one after another)."""
    bucket = patterns.setdefault(key, [])
    if not bucket or bucket[-1][0] != value[0]:
        bucket.append(value)


# end in the fold text, (length, values)
FoldHit = tuple[int, tuple[int, Sequence[tuple[int, str]]]]


def _rest_may_match(folded: str, key: str, k: int, offset: int, piece_start: int,
                    piece_end: int) -> bool:
    """A quick, exact test: can the rest of the key, beside this piece, be within k edits
    of the text there?  Each edit costs a common subsequence at most one letter, so the
    key's letters before and after the piece must share, with the text before and after
    it (as long as they are, plus k), all but k letters (two C calls)."""
    size = piece_end - piece_start
    left, right = key[:offset], key[offset + size:]
    shared = 0
    if left:
        shared += LCSseq.similarity(left, folded[max(0, piece_start - len(left) - k):piece_start])
    if right:
        shared += LCSseq.similarity(right, folded[piece_end:piece_end + len(right) + k])
    return shared >= len(left) + len(right) - k


class PieceMatcher:
    """Turns the hits of pieces in a segment's fold key into spans within k edits of the
    key, in the form of the fuzzy automaton's hits.  Remembers windows it has judged: text
    repeats its words."""

    def __init__(self, word_keys: frozenset[str] = frozenset()) -> None:
        self.word_keys = word_keys  # keys long enough for word edits (match/wordedits.py)
        self._memo: dict[tuple[str, int, int, str], tuple[tuple[int, int], ...]] = {}

    def spans(self, folded: str, hits: list[tuple[int, tuple[int, list[PieceValue]]]]
              ) -> list[FoldHit]:
        found: list[FoldHit] = []
        seen: set[tuple[int, int, int, str]] = set()  # the same span may be both kinds
        for end_at, (length, values) in hits:
            for term, key, offset, k in values:
                start = end_at - length + 1 - offset  # where the key starts if unedited
                if start >= 0 and folded.startswith(key, start):
                    # The key itself is there: its fold hit explains the piece.  Every span
                    # around it lies inside that use (dropped with the fold hit) or holds
                    # it whole (a use of the term with a neighbouring word, no word edit).
                    continue
                if key in self.word_keys and (offset == 0 or offset + length == len(key)):
                    self._word_edit(folded, key, term, offset, end_at, length, seen, found)
                if not _rest_may_match(folded, key, k, offset, end_at - length + 1, end_at + 1):
                    continue
                lo = max(0, start - k)
                window = folded[lo:start + len(key) + k]
                last = offset + length == len(key)
                for rel, size in self._match(key, k, offset, last, start - lo, window):
                    span = (lo + rel, size, term, "piece")
                    if span not in seen:
                        seen.add(span)
                        found.append((lo + rel + size - 1, (size, [(term, "piece")])))
        return found

    @staticmethod
    def _word_edit(folded: str, key: str, term: int, offset: int, end_at: int, length: int,
                   seen: set[tuple[int, int, int, str]], found: list[FoldHit]) -> None:
        """A long term with a word dropped, added or swapped (termcheck.match.wordedits)."""
        for start, end in wordedits.spans(folded, key, offset, end_at - length + 1, end_at + 1):
            if (start, end - start, term, "words") not in seen and end - start >= MIN_CANDIDATE:
                seen.add((start, end - start, term, "words"))
                found.append((end - 1, (end - start, [(term, "words")])))

    def _match(self, key: str, k: int, offset: int, last: bool, at: int,
               window: str) -> tuple[tuple[int, int], ...]:
        memo_key = (key, offset, at, window)
        cached = self._memo.get(memo_key)
        if cached is not None:
            return cached
        n = len(key)
        # The first piece fixes the start, the last one the end; a middle one neither.
        starts = [at] if offset == 0 else range(max(0, at - k), at + k + 1)
        best = k + 1
        spans: list[tuple[int, int]] = []
        for s in starts:
            sizes = ([at + n - s] if last else range(n - k, n + k + 1))
            for size in sizes:
                if size < MIN_CANDIDATE or s + size > len(window):
                    continue
                d = OSA.distance(key, window[s:s + size], score_cutoff=best)
                if d < best:
                    best, spans = d, [(s, size)]
                elif d == best <= k:
                    spans.append((s, size))
        result = tuple(spans) if best <= k else ()
        if len(self._memo) > 100_000:
            self._memo.clear()
        self._memo[memo_key] = result
        return result


def fold_spans(hits: list[FoldHit]) -> dict[int, list[tuple[int, int]]]:
    """Where each term's fold key itself stands in the segment's fold key: (start, end)
    of every hit made by the key (not by a variant of it), by term."""
    folds: dict[int, list[tuple[int, int]]] = {}
    for end, (length, values) in hits:
        for number, via in values:
            if via == "fold":
                folds.setdefault(number, []).append((end - length, end))
    return folds


def filter_hits(hits: list[FoldHit], exact_terms: list[int],
                folds: dict[int, list[tuple[int, int]]] | None = None) -> list[FoldHit]:
    """The hits that may show a near-miss, in one pass (`folds`: fold_spans(hits)):

    - a variant's hit that lies inside a span of the same term's fold key is dropped: the
      key less its first letter, or one of its pieces, is inside every use of the term;
    - a fold-key hit that is just the key of an exact use found already is dropped.  Each
      exact use of a form yields one hit of its fold key (variants never: they are not
      substrings of the form), so a term with no more fold-key hits than exact uses has
      nothing new to show.  In ordinary text, where terms are spelt right, that is nearly
      all of them, and the line needs no offset map.
    """
    if folds is None:
        folds = fold_spans(hits)
    if not folds:
        return hits
    exact_count: dict[int, int] = {}
    for term in exact_terms:  # the term of each exact use in the segment
        exact_count[term] = exact_count.get(term, 0) + 1
    busy = {t for t, spans in folds.items() if len(spans) > exact_count.get(t, 0)}
    kept: list[FoldHit] = []
    for hit in hits:
        end, (length, values) = hit
        start = end - length
        left = [(n, via) for n, via in values
                if (n in busy if via == "fold" else n not in folds
                    or not any(s <= start and end <= e for s, e in folds[n]))]
        if len(left) == len(values):
            kept.append(hit)
        elif left:
            kept.append((end, (length, left)))
    return kept


def spaced(key: str) -> set[str]:
    """A short form (a key with no separators) with a space typed inside it: ร้า น, ชื่ อ,
    ค รึ่ง, its only kind of variant.  Every choice of places for a form of up to
    MAX_SPACED characters, one place for longer ones (the text's spaces are single once it
    is normalised).  Matched exactly, these cost ordinary text one pass and no offset map."""
    if len(key) > MAX_SPACED:
        return {key[:i] + " " + key[i:] for i in range(1, len(key))}
    # bit i of the mask: a space after the key's letter i
    return {"".join(ch + " " * (mask >> i & 1) for i, ch in enumerate(key))
            for mask in range(1, 2 ** (len(key) - 1))}
