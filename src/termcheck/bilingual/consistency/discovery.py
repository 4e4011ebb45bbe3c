"""TC103 for frequent source words that the glossary does not cover, discovered from the units
(an Xbench "key term mismatch" without a key-term list).

Steps 1 to 3 are in explain.py, main_rendering.py and alternatives.py.  Counting is per unit,
by substring (the segmenter cuts unknown loanwords anywhere), the longest rendering first
(ตั้งค่า inside การตั้งค่า is not counted).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from termcheck.bilingual.consistency.alternatives import alternatives
from termcheck.bilingual.consistency.corpus import Corpus, Word, occurrences
from termcheck.bilingual.consistency.explain import explain_all
from termcheck.bilingual.consistency.main_rendering import main_group
from termcheck.bilingual.consistency.model import Inconsistency
from termcheck.bilingual.consistency.prepare import Prepared, reportable
from termcheck.bilingual.consistency.report import report
from termcheck.bilingual.consistency.text import find_forms
from termcheck.bilingual.consistency.tuning import MIN_UNITS
from termcheck.thai.lexicon import Lexicon


def discover(prepared: Sequence[Prepared], lexicon: Lexicon,
             exclude: Iterable[str]) -> list[Word]:
    """The frequent source words and their renderings (groups[0]: the main one with its
    spelling variants; then the alternatives, each with its own variants)."""
    c = Corpus(prepared, lexicon)
    strength = explain_all(c)
    skip = set(exclude)
    words = [Word(lemma, units) for lemma, units in c.by_lemma.items()
             if len(units) >= MIN_UNITS and reportable(lemma) and lemma not in skip]
    for word in words:
        group = main_group(c, word, strength.get(word.lemma, 0.0))
        if group:
            word.groups.append(group)
    settled = {w.lemma: w for w in words if w.groups}
    _explain_by_main(prepared, settled)
    for word in settled.values():
        word.groups.extend(alternatives(c, word))
    return words


def _explain_by_main(prepared: Sequence[Prepared], settled: dict[str, Word]) -> None:
    """The main groups (with their variants) replace the first pass's renderings."""
    for p in prepared:
        p.masks.clear()
        p.explained = [x for x in p.explained if x[2] not in settled]
        for lemma in p.words:
            if lemma in settled:
                w = settled[lemma]
                p.explained.extend((s, e, lemma, w.strength)
                                   for s, e, _ in find_forms(p.text, w.groups[0]))


def discovered_findings(prepared: Sequence[Prepared],
                        words: Sequence[Word]) -> list[Inconsistency]:
    settled = {w.lemma for w in words if w.groups}
    out: list[Inconsistency] = []
    for word in sorted(words, key=lambda w: -len(w.units)):
        if word.groups:
            out.extend(report(word.lemma, word.groups, word_uses(prepared, word, settled)))
    return out


def word_uses(prepared: Sequence[Prepared], word: Word,
              settled: set[str]) -> list[tuple[Prepared, list[tuple[int, int, str]]]]:
    """Each unit of a discovered word with the renderings of it found there: (start, end,
    form) in the normalised target.  `settled`: the words that have a main rendering.  A
    minority form that another source word of the unit explains is that word's
    (โฟลเดอร์ in "folders;directory;" is for "folders")."""
    forms = [f for group in word.groups for f in group]
    main = word.groups[0][0]
    uses = []
    for p in (prepared[i] for i in word.units):
        found = [(s, e, f) for s, e, f in occurrences(p, forms, word.lemma)
                 if f == main or not _taken((s, e), p, word.lemma, settled)]
        if found:
            uses.append((p, found))
    return uses


def _taken(span: tuple[int, int], p: Prepared, lemma: str, settled: set[str]) -> bool:
    """Is the span the rendering of another source word of the unit: exactly the first
    pass's rendering of it, or inside the main rendering of a frequent word?  (A first-pass
    rendering may be a phrase: "environment" took สำหรับเดสก์ท็อป in Thunar.)"""
    return any(other != lemma and ((s, e) == span or (other in settled and s <= span[0]
                                                      and span[1] <= e))
               for s, e, other, _ in p.explained)
