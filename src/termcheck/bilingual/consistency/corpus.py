"""What TC103 discovery works on: the prepared units indexed by gram and lemma, a record per
frequent source word, and which spans of a unit other source words explain."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from termcheck.bilingual.consistency.prepare import Prepared
from termcheck.bilingual.consistency.text import find_forms
from termcheck.thai.lexicon import Lexicon


@dataclass(slots=True)
class Word:
    """A frequent source word and what was found about its renderings."""

    lemma: str
    units: list[int]  # indices into the prepared list
    strength: float = 0.0  # Dice of the word and its main rendering
    groups: list[list[str]] = field(default_factory=list)  # [main + variants], alternatives...


class Corpus:
    """The prepared units with the indexes that discovery needs."""

    def __init__(self, prepared: Sequence[Prepared], lexicon: Lexicon) -> None:
        self.units = prepared
        self.lexicon = lexicon
        self.holders: dict[str, list[int]] = defaultdict(list)  # gram -> units holding it
        self.by_lemma: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(prepared):
            for gram in p.grams:
                self.holders[gram].append(i)
            for lemma in p.words:
                self.by_lemma[lemma].append(i)
        self.spread = {g: len(us) for g, us in self.holders.items()}
        # the grams of each unit that another unit holds too: candidates for a rendering
        self.shared = [[g for g in p.grams if self.spread[g] > 1] for p in prepared]
        self._words_of: dict[str, list[str]] = {}

    def words_of(self, gram: str) -> list[str]:
        """The Thai words a gram is made of."""
        found = self._words_of.get(gram)
        if found is None:
            found = self._words_of[gram] = self.lexicon.segment(gram)
        return found

    def all_common(self, gram: str) -> bool:
        """Ordinary Thai, not a term: a common word (เปิด, แสดง), or common words that are
        not a compound (ใช้|การ; but พื้น|โต๊ะ is one)."""
        words = self.words_of(gram)
        if not all(w in self.lexicon.common_words for w in words):
            return False
        return len(words) == 1 or not self.cohesive(gram)

    def misspelling_like(self, gram: str) -> bool:
        """Could this be a spelling of a word: one token, or a run with a piece that is no
        word (เซิฟ|เวอร์, ได|เร็กทอ|รี); not a phrase of words (ตรง|กัน beside ตรง|กับ)."""
        words = self.words_of(gram)
        if len(words) == 1:
            return not self.all_common(gram)
        return any(w not in self.lexicon.words for w in words)

    def cohesive(self, gram: str) -> bool:
        """A gram of several words that mostly occur together (จุด|เชื่อม, ได|เร็กทอ|รี),
        not a phrase that happens to repeat (เปิด|โฟลเดอร์|ที่|เลือก)."""
        words = self.words_of(gram)
        if len(words) < 2:
            return True
        parts = [w for w in words if w not in self.lexicon.common_words] or words
        return self.spread.get(gram, 0) >= 0.5 * min(self.spread.get(w, 1) for w in parts)


def overlaps(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def blocked(span: tuple[int, int], p: Prepared, lemma: str, above: float = -1.0) -> bool:
    """Does the span overlap a span explained by another source word (one associated more
    strongly than `above` with its rendering)?"""
    mask = p.masks.get((lemma, above))
    if mask is None:  # one pass over the unit's explained spans per word asking
        mask = p.masks[lemma, above] = bytearray(len(p.text))
        for s, e, other, strength in p.explained:
            if other != lemma and strength > above:
                mask[s:e] = b"\x01" * (e - s)
    return mask.find(1, span[0], span[1]) >= 0


def occurrences(p: Prepared, forms: Sequence[str], lemma: str) -> list[tuple[int, int, str]]:
    """Where `forms` stand in the unit, longest first.  Substrings, not words, for the
    segmenter cuts unknown loanwords anywhere (ตัวดี|บัก, กา|รดี|บัก); but a substring that
    cuts a word inside a rendering of another source word does not count (ซอร์ส for
    "source" inside รีซอร์ส for "resource")."""
    return [(s, e, f) for s, e, f in find_forms(p.text, forms)
            if (s in p.bounds and e in p.bounds) or not any(
                os <= s and e <= oe and oe - os > e - s and other != lemma
                for os, oe, other, _ in p.explained)]
