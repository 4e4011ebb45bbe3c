"""Near-miss candidates of short Latin terms (acronyms, codes, names: INTERPOL, Pho84).

A Latin letter or digit may be replaced by, or have added beside it, any of 36 others: in
the fuzzy automaton, the one-edit neighbourhood of a nine-letter Latin key is some 300
strings (candidates.neighbourhood), and Latin terms were half of a glossary's patterns.
But a near-miss of a Latin term must start and end where Latin letters and digits do (the
scanner's boundary rule), so it is always a run of whole Latin tokens, joined by spaces or
punctuation only (Tonco Ra No, GC-188).  Such runs are few in Thai text: each is folded
and looked up in a symmetric-deletion index (every key less one letter, the SymSpell
idea), which finds every key within one edit of it, and OSA confirms the distance.

The candidates are the ones the neighbourhood gave, on token boundaries: a letter dropped,
replaced by any, added inside the key (not before or after it), or two neighbours swapped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz.distance import OSA

from termcheck.thai.fold import SEPARATORS, fold

_TOKEN = re.compile(r"[a-z0-9]+")  # the normalised text is case-folded
# Latin tokens joined by spaces and punctuation only (Tonco Ra No, GC-188)
_RUN = re.compile(r"[a-z0-9]+(?:[" + re.escape("".join(sorted(SEPARATORS))) + r"]+[a-z0-9]+)*")
_MEMO_LIMIT = 50_000


def is_latin_key(key: str) -> bool:
    """Is this fold key made of Latin letters and digits only?"""
    return key.isascii() and key.isalnum()


class LatinIndex:
    """The short Latin keys with a budget of one edit, and their symmetric deletions."""

    def __init__(self, min_length: int) -> None:
        self.min_length = min_length  # a candidate needs this many fold letters
        self.longest = 0
        self._keys: set[str] = set()
        self._deletions: dict[str, list[tuple[int, str]]] = {}
        self._memo: dict[str, tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: str, term: int) -> None:
        for variant in _less_one(key):
            bucket = self._deletions.setdefault(variant, [])
            if (term, key) not in bucket:
                bucket.append((term, key))
        self.longest = max(self.longest, len(key))
        self._keys.add(key)

    def spans(self, text: str) -> Iterator[tuple[int, int, int]]:
        """(start, end, term) of each run of whole Latin tokens in normalised `text` that is
        one edit from a term's key."""
        for run in _RUN.finditer(text):
            if len(fold(run.group())) < self.min_length:
                continue  # a number, a short code: most runs in Thai text
            at = run.start()
            tokens = [(at + m.start(), at + m.end()) for m in _TOKEN.finditer(run.group())]
            for i, (start, _end) in enumerate(tokens):
                for _start, end in tokens[i:]:
                    window = fold(text[start:end])
                    if len(window) > self.longest + 1:
                        break
                    if len(window) >= self.min_length:
                        for term in self._terms(window):
                            yield start, end, term

    def _terms(self, window: str) -> tuple[int, ...]:
        found = self._memo.get(window)
        if found is not None:
            return found
        seen: set[tuple[int, str]] = set()
        for variant in _less_one(window):
            seen.update(self._deletions.get(variant, ()))
        found = tuple(sorted({term for term, key in seen if _one_edit(key, window)}))
        if len(self._memo) > _MEMO_LIMIT:
            self._memo.clear()
        self._memo[window] = found
        return found


def _less_one(text: str) -> set[str]:
    """`text` and every string it gives with one letter deleted (the symmetric deletions)."""
    return {text, *(text[:i] + text[i + 1:] for i in range(len(text)))}


def _one_edit(key: str, window: str) -> bool:
    """One edit of the kinds candidates.neighbourhood makes: an added letter stands inside
    the key, not before or after it (that is the neighbouring word's)."""
    if OSA.distance(key, window, score_cutoff=1) != 1:
        return False
    return not (len(window) == len(key) + 1 and key in (window[1:], window[:-1]))
