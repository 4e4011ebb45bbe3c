"""The compiled glossary: two Aho-Corasick automata and what the scanner needs per term.

- `exact` holds the normalised key of every form (target, allowed, forbidden): one linear
  pass over the text finds every exact use, however many terms there are.
- `fuzzy` holds the fold key of every approved and forbidden form, plus each fold key with
  one letter deleted (a draft that dropped a letter).  A hit is only a candidate: the scanner
  verifies it with the weighted edit distance and the boundary rules.
Scanning many terms at once through automata, then verifying few candidates, is what keeps
termcheck fast at thousands of terms (see benchmarks/).
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from termcheck.glossary.model import Glossary, Term
from termcheck.thai import chars
from termcheck.thai.fold import EDGE_PUNCTUATION, fold, fuzzy_budget, strip_separators
from termcheck.thai.lexicon import Lexicon
from termcheck.thai.normalize import normalize_key

# Deletion variants are only indexed for keys at least this long: shorter ones match
# everywhere in running Thai and would cost time without adding real finds.
MIN_DELETION_KEY = 6
MIN_INSERTION_KEY = 5
SARA_AA_KEY = fold("\u0e32")


@dataclass(frozen=True, slots=True)
class Form:
    """One written form of a term."""

    term: int  # index into TermIndex.terms
    kind: str  # "target", "allowed" or "forbidden"
    text: str  # as written in the glossary
    key: str  # normalised, case-folded key


@dataclass(frozen=True, slots=True)
class TermInfo:
    """Per-term facts the scanner looks up on every candidate."""

    term: Term
    key: str  # normalised key of the target
    approved_keys: tuple[str, ...]  # keys of target and allowed forms
    approved_forms: dict[str, str]  # key -> the form as written in the glossary
    punctuated_keys: tuple[str, ...]  # approved keys that begin or end with punctuation
    exact_case: tuple[str, ...]  # target and allowed forms normalised without case folding
    forbidden_case: tuple[str, ...]  # forbidden forms that differ from an approved one by case
    budgets: dict[str, float]  # approved key -> largest weighted distance for a near-miss


class TermIndex:
    """Everything needed to scan text against one glossary."""

    def __init__(self, glossary: Glossary, *, fuzzy_scale: float = 1.0) -> None:
        self.glossary = glossary
        self.fuzzy_scale = fuzzy_scale  # [fuzzy] scale of the config file
        self.terms: list[TermInfo] = []
        self.forms: dict[str, list[Form]] = {}
        for number, term in enumerate(glossary.terms):
            self._add_term(number, term)
        self.exact = _automaton((key, forms) for key, forms in self.forms.items())
        self.fuzzy = _automaton(self._fuzzy_patterns().items())
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
        punctuated = tuple(k for k in approved if k != k.strip(EDGE_PUNCTUATION))
        self.terms.append(TermInfo(term, key, approved, approved_forms, punctuated, exact_case,
                                   forbidden_case, budgets))
        for kind, texts in (("target", [term.target]), ("allowed", term.allowed),
                            ("forbidden", term.forbidden)):
            for text in texts:
                form_key = normalize_key(text)
                if form_key and not (kind == "forbidden" and form_key in approved):
                    self.forms.setdefault(form_key, []).append(Form(number, kind, text, form_key))

    def _fuzzy_patterns(self) -> dict[str, list[tuple[int, str]]]:
        patterns: dict[str, list[tuple[int, str]]] = {}
        for number, info in enumerate(self.terms):
            for key in info.approved_keys:
                budget = info.budgets[key]
                folded = fold(key)
                # No near-misses for short forms (THAI.md: they cry wolf), but a form with
                # spaces or punctuation (I-24/7, fuzzy: false) still gets its spacing variants.
                if len(folded) < 3 or (budget <= 0 and strip_separators(key) == key):
                    continue
                _add(patterns, folded, (number, "fold"))
                if budget < 1:
                    continue
                if len(folded) >= MIN_DELETION_KEY:
                    # A dropped letter (บุคลากร for บุคคลากร).  Interior letters only: the key
                    # less its first or last letter is a substring of every correct use and
                    # would hit at each one (measured: 13% slower for 0.6% more recall).
                    for i in range(1, len(folded) - 1):
                        _add(patterns, folded[:i] + folded[i + 1:], (number, "delete"))
                for variant in map(fold, _silent_letter_dropped(key)):
                    if len(variant) >= MIN_DELETION_KEY - 1:
                        _add(patterns, variant, (number, "delete"))
                if len(folded) >= MIN_INSERTION_KEY:
                    # An added า, the commonest extra letter, between two consonants (มาตราการ,
                    # ปราณีต for ประณีต: the key drops ะ, so ปร|ณ becomes ปรา|ณ).
                    for i in range(1, len(folded)):
                        if folded[i - 1] in chars.CONSONANTS and folded[i] in chars.CONSONANTS:
                            _add(patterns, folded[:i] + SARA_AA_KEY + folded[i:],
                                 (number, "insert"))
        return patterns


def _silent_letter_dropped(key: str) -> list[str]:
    """The key without a letter silenced by thanthakhat (ภาพยนต์ for ภาพยนตร์): writers
    drop the silent letter, at the end of the word too, where no other deletion is looked
    for."""
    return [key[:i - 1] + key[i:] for i, ch in enumerate(key)
            if ch == chars.THANTHAKHAT and i >= 2 and not chars.is_combining(key[i - 1])]


def _add(patterns: dict[str, list[tuple[int, str]]], key: str, value: tuple[int, str]) -> None:
    bucket = patterns.setdefault(key, [])
    if value[0] not in {v[0] for v in bucket}:
        bucket.append(value)


def _automaton(items) -> ahocorasick.Automaton | None:
    automaton = ahocorasick.Automaton()
    count = 0
    for key, value in items:
        automaton.add_word(key, (len(key), value))
        count += 1
    if not count:
        return None
    automaton.make_automaton()
    return automaton
