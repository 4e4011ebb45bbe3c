"""The context-free verdict on a candidate: is this text a variant of this term, and what kind?

The scanner (termcheck.match.scan) finds candidates and checks their context (boundaries, a
shifted view, a personal title before them); a Judge says, for a term and a text alone,
whether it is a spacing variant, a near-miss within the weighted budget, a near-miss of a
forbidden form, or a long term with a word dropped, added or swapped, and not ordinary
Thai (termcheck.match.words).  Its verdicts depend on nothing else, so the scanner caches
them: running text repeats its words.
"""

from __future__ import annotations

from termcheck.match import wordedits
from termcheck.match.edits import describe_edits, new_brackets
from termcheck.match.hits import HitKind, Verdict
from termcheck.match.index import TermIndex, TermInfo
from termcheck.match.words import ordinary_thai
from termcheck.thai import chars
from termcheck.thai.fold import EDGE_PUNCTUATION, strip_separators, weighted_distance


class Judge:
    """Verdicts on candidates for the terms of one compiled glossary."""

    def __init__(self, index: TermIndex) -> None:
        self.index = index
        self.lexicon = index.lexicon

    def verdict(self, term: int, found: str, *, words: bool = False) -> Verdict | None:
        """(kind, edits in words, approved key, cost) of `found` as a variant of `term`,
        or None when it is none; `words`: only as a word edit of a long term."""
        return self._word_edit(self.index.terms[term], found) if words else self._judge(
            term, found)

    def _judge(self, term: int, found: str) -> Verdict | None:
        """The context-free part of the verdict on `found` as a variant of a term: (kind,
        edits, approved key, cost), or None when it is not one.  Cached: running text
        repeats the same words."""
        info = self.index.terms[term]
        bare = strip_separators(found)
        for key in info.approved_keys:
            if found == key.strip(EDGE_PUNCTUATION + " ") or new_brackets(key, found):
                # Only the form's outer punctuation is missing (สหรัฐ for สหรัฐฯ, กต for กต.):
                # too weak to report, and สหรัฐ also begins สหรัฐเม็กซิโก.  List such forms
                # under `forbidden` where they are wrong.
                return None
            if bare == strip_separators(key):
                if info.budgets[key] <= 0 and bare == key and all(
                        self.lexicon.is_word(p) for p in found.split()):
                    return None  # a short form split into words: ว่า นี่ is two words
                return HitKind.VARIANT, describe_edits(key, found), key, 0.0
        scored = [(weighted_distance(key, found), key) for key, budget in info.budgets.items()
                  if budget > 0]
        best = min((s for s in scored if s[0] <= info.budgets[s[1]]), default=None)
        if best is None:
            return self._near_forbidden(info, found, bare)
        if ordinary_thai(self.lexicon, bare, best[1], info.budgets[best[1]]):
            return None
        return HitKind.NEAR_MISS, describe_edits(best[1], found), best[1], best[0]

    def _word_edit(self, info: TermInfo, found: str) -> Verdict | None:
        """A long term with one word dropped, added or swapped (match/wordedits.py)."""
        if chars.spacing_length(info.key) < wordedits.TERM_LETTERS or self._names_another(
                info, found):
            return None
        edit = wordedits.describe(self.lexicon, info.key, found)
        if edit is None:
            return None
        return HitKind.NEAR_MISS, edit, info.key, weighted_distance(info.key, found)

    def _names_another(self, info: TermInfo, found: str) -> bool:
        """Does `found` hold an approved form of another term that the term does not?  It
        then names something else (รัฐมนตรีช่วยว่าการ... is a deputy, not a misspelt
        รัฐมนตรีว่าการ...)."""
        if self.index.exact is None:
            return False
        return any(f.kind != "forbidden" and f.key not in info.key
                   for _end, (_length, forms) in self.index.exact.iter(found) for f in forms)

    def _near_forbidden(self, info: TermInfo, found: str, bare: str) -> Verdict | None:
        """A near-miss of a forbidden form, too far from the approved one: reported as the
        term's, with the target as its replacement."""
        near = min(((weighted_distance(key, found), key)
                    for key, budget in info.forbidden_budgets.items() if budget > 0),
                   default=None)
        if near is None or near[0] > info.forbidden_budgets[near[1]] or ordinary_thai(
                self.lexicon, bare, near[1], info.forbidden_budgets[near[1]]):
            return None
        edits = f"close to the forbidden '{near[1]}': {describe_edits(near[1], found)}"
        return HitKind.NEAR_MISS, edits, info.key, weighted_distance(info.key, found)
