"""TC103 discovery, step 1: which Thai gram each source word is rendered by.

A first pass gives every source word seen in two sources its best Dice-associated rendering,
and marks the spans it explains: "create" takes สร้าง, so สร้างโฟลเดอร์ is not a rendering of
"directory".  A rendering that holds a loanword of another source word of its units belongs
to that word ("derivative" beside "Fragment").
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator, Sequence

from termcheck.bilingual.consistency.corpus import Corpus, blocked
from termcheck.bilingual.consistency.loanwords import skeleton_th, skeletons_en, transliterates
from termcheck.bilingual.consistency.prepare import STOP_WORDS
from termcheck.bilingual.consistency.text import find_forms
from termcheck.bilingual.consistency.tuning import EXPLAIN_DICE, RARE_IN_TNC, RECOUNT


def explain_all(c: Corpus) -> dict[str, float]:
    """First pass: the best rendering of every source word in two units or more, stop words
    included, marks the spans it explains.  Only for explaining: it keeps "create" (สร้าง)
    from passing for a rendering of "folder" in สร้างโฟลเดอร์."""
    strength = {}
    for lemma, all_units in c.by_lemma.items():
        # a word left in English ("Xfce", "ViewportTexture") renders nothing in Thai, and
        # one source repeated ("Orphan Resource Explorer" twice) tells nothing apart
        units = [i for i in all_units if not c.units[i].kept[lemma]]
        if len({c.units[i].key for i in units}) < 2 or (
                lemma in STOP_WORDS and len(units) > 0.1 * len(c.units)):
            continue  # "the", "to": everywhere, and rendered by nothing in particular
        gram, dice = best_gram(c, units, lemma, min_units=2, above=None)
        if gram is None or dice < EXPLAIN_DICE:
            continue
        strength[lemma] = dice
        for i in units:
            p = c.units[i]
            p.explained.extend((s, e, lemma, dice) for s, e, _ in find_forms(p.text, [gram]))
    for p in c.units:
        p.masks.clear()
    return strength


def best_gram(c: Corpus, units: Sequence[int], lemma: str, *, min_units: int,
              above: float | None) -> tuple[str | None, float]:
    """The gram with the best Dice association with the units (longer on a tie).  With
    `above`, occurrences explained by source words more strongly associated are ignored
    (only the leading candidates are recounted so: free counts can only be lower)."""
    members = set(units)
    ranked = _candidates(c, units, lemma, members, min_units)
    if above is None:
        first = next(ranked, None)
        return (first[2], first[0]) if first else (None, 0.0)
    best, best_key = None, (0.0, 0)
    for dice, length, gram in ranked:
        if (dice, length) <= best_key:
            break
        free = sum(1 for i in c.holders[gram] if i in members and any(
            not blocked(span, c.units[i], lemma, above) for span in c.units[i].grams[gram]))
        key = (round(2 * free / (len(units) + c.spread[gram]), 3), length)
        if free >= min_units and key > best_key:
            best, best_key = gram, key
    return best, best_key[0]


def _candidates(c: Corpus, units: Sequence[int], lemma: str, members: set[int],
                min_units: int) -> Iterator[tuple[float, int, str]]:
    """The RECOUNT grams best associated with the units, as (Dice, length, gram), best
    first, leaving out those that belong to another source word."""
    counts: Counter[str] = Counter()
    for i in units:
        counts.update(c.shared[i])
    size = len(units)
    spread = c.spread
    return (r for r in heapq.nlargest(RECOUNT, (
        (round(2 * a / (size + spread[g]), 3), len(g), g)
        for g, a in counts.items() if a >= min_units))
        if not _foreign(c, r[2], lemma, members))


def _foreign(c: Corpus, gram: str, lemma: str, members: set[int]) -> bool:
    """Does the gram hold a loanword of another source word of its units?  Then it is that
    word's: "derivative" always beside "Fragment" is not rendered โหมดแฟรกเมนต์."""
    if transliterates(gram, lemma, c.lexicon):
        return False
    sample = [i for i in c.holders[gram] if i in members][:3]
    others = {sk for i in sample for v in c.units[i].words if v != lemma and len(v) > 2
              for sk in skeletons_en(v)}  # exact matches only: this runs for every word
    lexicon = c.lexicon
    return any(len(sk := skeleton_th(w)) > 1 and sk in others
               and w not in lexicon.common_words
               and (len(sk) > 3 or lexicon.frequency.get(w, 0) < RARE_IN_TNC)
               for w in c.words_of(gram))
