"""The pairs of approved forms that `glossary check` (G006) must compare, found without
comparing every form with every other (100,000 terms are 5·10^9 pairs; Levenshtein
distances in C over all of them took hours).

A pair can only be a near-miss when its weighted distance (termcheck.thai.fold) is within
the shorter form's budget: 1.0 or 1.5, or 2.0 when both are long.  Every edit of weight
below 1 (a mark, a look-alike or same-sound letter, spacing) vanishes in the *coarse* form:
marks, spacing and the า/ำ/ะ/ๅ group dropped, the other cheap groups merged into one letter.
Every other edit is at most one edit of the coarse forms.  So a near-miss pair has coarse
forms at most 1 edit apart (2 when both budgets are 2.0), which an index finds directly:

- distance 1: the coarse form and its one-letter deletions as keys (two forms one edit apart
  share one of them);
- distance 2: each coarse form split into 3 pieces (two edits leave one of them untouched,
  found in the other form at most 2 places away).

The candidates are then checked as before: a Levenshtein distance of at most 4 on the
normalised forms, then the weighted distance (termcheck.glossary.check.near_misses).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations

from rapidfuzz.distance import Levenshtein

from termcheck.thai.fold import CHEAP_GROUPS, CHEAP_MARKS, SEPARATORS

MAX_EDITS = 4  # the first cut of G006: at most 4 edits between the normalised forms
_DROPPED = CHEAP_MARKS | SEPARATORS | frozenset("\u0e32\u0e33\u0e30\u0e45")  # า ำ ะ ๅ
_COARSE = str.maketrans({**{ch: group[0] for group in CHEAP_GROUPS for ch in group},
                         **dict.fromkeys(_DROPPED)})
_LONG = 2.0  # the largest budget: two full edits


def coarse(key: str) -> str:
    """A normalised form with its cheap differences taken out (see the module's doc)."""
    return key.translate(_COARSE)


def _one_apart(forms: dict[int, str]) -> set[tuple[int, int]]:
    """Pairs (a < b) of indexes whose forms are at most one edit apart."""
    buckets: defaultdict[str, list[int]] = defaultdict(list)
    for n, form in forms.items():
        for key in {form, *(form[:i] + form[i + 1:] for i in range(len(form)))}:
            buckets[key].append(n)
    return {pair for bucket in buckets.values() if len(bucket) > 1
            for pair in combinations(sorted(bucket), 2)}


def _pieces(length: int) -> list[tuple[int, int]]:
    """(start, end) of the 3 pieces of a form of `length` (>= 3) characters."""
    cut1, cut2 = length // 3, 2 * length // 3
    return [(0, cut1), (cut1, cut2), (cut2, length)]


def _two_apart(forms: dict[int, str]) -> set[tuple[int, int]]:
    """Pairs (a < b) of indexes whose forms may be at most two edits apart (a superset)."""
    index: defaultdict[tuple[int, int, str], list[int]] = defaultdict(list)
    short: list[int] = []
    for n, form in forms.items():
        if len(form) < 3:
            short.append(n)
            continue
        for piece, (start, end) in enumerate(_pieces(len(form))):
            index[len(form), piece, form[start:end]].append(n)
    pairs: set[tuple[int, int]] = set()
    for n, form in forms.items():
        for length in range(max(3, len(form) - 2), len(form) + 3):
            for piece, (start, end) in enumerate(_pieces(length)):
                for shift in range(-2, 3):
                    if start + shift < 0:
                        continue
                    found = index.get((length, piece, form[start + shift:end + shift]), ())
                    pairs.update((min(n, m), max(n, m)) for m in found if m != n)
    # a form under 3 characters has no 3 pieces: compare it with every form that is short
    # enough to be two edits away
    for n in short:
        pairs.update((min(n, m), max(n, m)) for m, form in forms.items()
                     if m != n and len(form) <= len(forms[n]) + 2)
    return pairs


def close_pairs(keys: Sequence[str], budgets: Sequence[float]) -> list[tuple[int, int, int]]:
    """(a, distance, b) for every ordered pair of forms with a fuzzy budget, Levenshtein
    distance at most MAX_EDITS and coarse forms close enough for a near-miss, sorted by a,
    distance, b: the order in which comparing each form with all the others finds them."""
    fuzzy = {n: coarse(key) for n, key in enumerate(keys) if budgets[n] > 0.0}
    candidates = _one_apart(fuzzy)
    candidates |= _two_apart({n: form for n, form in fuzzy.items() if budgets[n] >= _LONG})
    return sorted(_verified(keys, candidates))


def _verified(keys: Sequence[str], pairs: Iterable[tuple[int, int]],
              ) -> Iterable[tuple[int, int, int]]:
    for a, b in pairs:
        distance = Levenshtein.distance(keys[a], keys[b], score_cutoff=MAX_EDITS)
        if distance <= MAX_EDITS:
            yield a, distance, b
            yield b, distance, a
