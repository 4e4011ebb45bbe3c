"""The compiled glossary: two Aho-Corasick automata and what the scanner needs per term.

- `exact` holds the normalised key of every form (target, allowed, forbidden): one linear
  pass over the text finds every exact use, however many terms there are.
- `fuzzy` holds the fold key of every approved form, and for short keys every string one
  edit away from it; `pieces` holds the pieces of longer keys, of which every span within
  the budget contains one (termcheck.match.candidates); `latin` the short Latin keys
  (termcheck.match.latin); `spaced` the short forms with spaces typed inside them.  A hit
  is only a candidate: the scanner verifies it with the weighted edit distance, the
  real-word filter and the boundary rules.
Scanning many terms at once through automata, then verifying few candidates, is what keeps
termcheck fast at thousands of terms (see benchmarks/).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

import ahocorasick

from termcheck.glossary.model import Glossary, Term
from termcheck.match import candidates
from termcheck.match.candidates import Patterns, Pieces, add_pattern
from termcheck.match.latin import LatinIndex, is_latin_key
from termcheck.thai import chars
from termcheck.thai.fold import EDGE_PUNCTUATION, fold, fuzzy_budget, strip_separators
from termcheck.thai.lexicon import Lexicon, orst_fold_keys
from termcheck.thai.normalize import normalize_key

# The most fold-key edits a near-miss candidate may have: a budget of 2.0 (terms of 13
# letters or more) allows two full edits; a [fuzzy] scale above 1 allows more.
MAX_EDITS = 3
MIN_FOLD_KEY = 3  # shorter fold keys get no near-misses at all
DROP_WORDS_FROM = 50_000  # fuzzy patterns


class Form(NamedTuple):
    """One written form of a term (a tuple: 40,000 of them at 20,000 terms load from the
    cache in a fraction of a dataclass's time)."""

    term: int  # index into TermIndex.terms
    kind: str  # "target", "allowed" or "forbidden"
    text: str  # as written in the glossary
    key: str  # normalised, case-folded key


class TermInfo(NamedTuple):
    """Per-term facts the scanner looks up on every candidate (a tuple, as Form)."""

    term: Term
    key: str  # normalised key of the target
    approved_keys: tuple[str, ...]  # keys of target and allowed forms
    approved_forms: dict[str, str]  # key -> the form as written in the glossary
    punctuated_keys: tuple[str, ...]  # approved keys that begin or end with punctuation
    exact_case: tuple[str, ...]  # target and allowed forms normalised without case folding
    forbidden_case: tuple[str, ...]  # forbidden forms that differ from an approved one by case
    budgets: dict[str, float]  # approved key -> largest weighted distance for a near-miss
    forbidden_budgets: dict[str, float]  # the same for the forbidden forms' keys


class TermIndex:
    """Everything needed to scan text against one glossary."""

    def __init__(self, glossary: Glossary, *, fuzzy_scale: float = 1.0) -> None:
        self.glossary = glossary
        self.fuzzy_scale = fuzzy_scale  # [fuzzy] scale of the config file
        self.terms: list[TermInfo] = []
        self.forms: dict[str, list[Form]] = {}
        for number, term in enumerate(glossary.terms):
            self._add_term(number, term)
        self.exact = SharedValues.build((key, (len(key), tuple(forms)))
                                        for key, forms in self.forms.items())
        self.latin = LatinIndex(candidates.MIN_CANDIDATE)  # short Latin keys (match/latin.py)
        patterns, pieces, spaced = self._fuzzy_patterns()
        self.fuzzy = SharedValues.build((key, (len(key), tuple(values)))
                                        for key, values in patterns.items())
        self.pieces = SharedValues.build((key, (len(key), tuple(values)))
                                         for key, values in pieces.items())
        # Short forms with spaces typed inside them (candidates.spaced), matched exactly.
        self.spaced = SharedValues.build((key, (len(key), tuple(terms)))
                                         for key, terms in spaced.items())
        extra: set[str] = set()
        for key in self.forms:
            extra.update(p for p in key.split(" ") if p)
            extra.add(strip_separators(key))
        self.lexicon = Lexicon(extra)

    def _add_term(self, number: int, term: Term) -> None:
        key = normalize_key(term.target)
        approved_forms = {normalize_key(f): f for f in reversed((term.target, *term.allowed))}
        approved = tuple(dict.fromkeys([key, *(normalize_key(a) for a in term.allowed)]))
        exact_case = tuple(normalize_key(f, casefold=False) for f in (term.target, *term.allowed))
        # A forbidden form equal to an approved one but for case ('Interpol' for 'INTERPOL')
        # is checked on approved uses, with case; the automaton works case-folded.
        forbidden_case = tuple(
            normalize_key(f, casefold=False) for f in term.forbidden
            if normalize_key(f) in approved and normalize_key(f, casefold=False) not in exact_case)
        # Each form has its own budget: the short form จีน of สาธารณรัฐประชาชนจีน must not
        # inherit the long one's (จิน is not a misspelt จีน).
        scale = self.fuzzy_scale if term.fuzzy else 0.0
        budgets = {k: fuzzy_budget(chars.spacing_length(k)) * scale for k in approved}
        # A spelling close to a forbidden form is that term's too (เฟสบุค, one tone mark from
        # the forbidden เฟสบุ๊ค, is further than the budget from เฟซบุ๊ก).
        forbidden_budgets = {k: fuzzy_budget(chars.spacing_length(k)) * scale
                             for k in map(normalize_key, term.forbidden)
                             if k and k not in approved}
        punctuated = tuple(k for k in approved if k != k.strip(EDGE_PUNCTUATION))
        self.terms.append(TermInfo(term, key, approved, approved_forms, punctuated, exact_case,
                                   forbidden_case, budgets, forbidden_budgets))
        for kind, texts in (("target", [term.target]), ("allowed", term.allowed),
                            ("forbidden", term.forbidden)):
            for text in texts:
                form_key = normalize_key(text)
                if form_key and not (kind == "forbidden" and form_key in approved):
                    self.forms.setdefault(form_key, []).append(Form(number, kind, text, form_key))

    def _fuzzy_patterns(self) -> tuple[Patterns, Pieces, dict[str, list[int]]]:
        """The fold key of every approved form with a budget, and what finds the spans
        within one edit of it (see `termcheck.match.candidates`); the spaced short forms."""
        patterns: Patterns = {}
        pieces: Pieces = {}
        spaced: dict[str, list[int]] = {}
        for number, info in enumerate(self.terms):
            for key in info.approved_keys:
                budget = info.budgets[key]
                folded = fold(key)
                # No near-misses for short forms (THAI.md: they cry wolf), but a form with
                # spaces or punctuation (I-24/7, fuzzy: false) still gets its spacing variants.
                if len(folded) < MIN_FOLD_KEY:
                    continue
                if budget <= 0 and strip_separators(key) == key:
                    # A short form gets no near-misses, but a space typed inside it that
                    # leaves a piece that is no word (ร้า น, ชื่ อ) is still its spacing
                    # variant; a form with fuzzy: false gets none.
                    for variant in candidates.spaced(key) if info.term.fuzzy else ():
                        terms = spaced.setdefault(variant, [])
                        if number not in terms:
                            terms.append(number)
                    continue
                add_pattern(patterns, folded, (number, "fold"))
                if budget < 1:
                    continue
                if len(folded) <= candidates.SHORT_KEY and is_latin_key(folded):
                    self.latin.add(folded, number)
                else:
                    candidates.index_key(folded, number, min(int(budget), MAX_EDITS),
                                         patterns, pieces)
            for key, budget in info.forbidden_budgets.items():
                folded = fold(key)  # what is one cheap edit from the forbidden form
                if budget > 0 and len(folded) >= MIN_FOLD_KEY:
                    add_pattern(patterns, folded, (number, "fold"))
        # A one-edit variant that reads as a Royal Society word is that word (or a slip of
        # it): the scanner drops such hits.  A large glossary drops them here instead, once:
        # the word list costs a small run (pre-commit) more than it saves.
        self.words_dropped = len(patterns) >= DROP_WORDS_FROM
        for word in orst_fold_keys().intersection(patterns) if self.words_dropped else ():
            values = [v for v in patterns[word] if v[1] == "fold"]
            if values:
                patterns[word] = values
            else:
                del patterns[word]
        return patterns, pieces, spaced


class SharedValues:
    """An Aho-Corasick automaton whose patterns store numbers into a table of their distinct
    values (the fuzzy automaton: 700,000 patterns, 38,000 values at 20,000 terms): each value
    is a Python object once, and the compiled glossary pickles and loads in a fraction of the
    time (termcheck.cache).  A pattern's value is (its length, what it stands for)."""

    __slots__ = ("_automaton", "_values")

    def __init__(self, automaton: ahocorasick.Automaton, values: list[Any]) -> None:
        self._automaton = automaton
        self._values = values

    @classmethod
    def build(cls, items: Iterable[tuple[str, Any]]) -> SharedValues | None:
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        numbers: dict[Any, int] = {}
        values: list[Any] = []
        for key, value in items:
            number = numbers.setdefault(value, len(values))
            if number == len(values):
                values.append(value)
            automaton.add_word(key, number)
        if not values:
            return None
        automaton.make_automaton()
        return cls(automaton, values)

    def iter(self, text: str) -> list[tuple[int, Any]]:
        """(index of the last character, value) of every occurrence of every pattern."""
        values = self._values
        return [(end, values[number]) for end, number in self._automaton.iter(text)]

    def __len__(self) -> int:
        return len(self._automaton)

    def __getstate__(self) -> tuple[ahocorasick.Automaton, list[Any]]:
        return self._automaton, self._values

    def __setstate__(self, state: tuple[ahocorasick.Automaton, list[Any]]) -> None:
        self._automaton, self._values = state

