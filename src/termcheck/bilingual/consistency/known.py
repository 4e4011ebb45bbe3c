"""TC103 for glossary terms with several accepted forms.

In the units whose source holds the term (english.SourceIndex: whole words, inflections),
count which forms each uses and report the minority forms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from termcheck.bilingual.consistency.model import Inconsistency, KnownTerm
from termcheck.bilingual.consistency.prepare import Prepared, bases, source_words
from termcheck.bilingual.consistency.report import report
from termcheck.bilingual.consistency.text import find_forms
from termcheck.bilingual.english import SourceIndex
from termcheck.glossary.model import Term
from termcheck.thai.normalize import normalize_key


def known_terms(terms: Iterable[Term]) -> list[KnownTerm]:
    """Every glossary term with a source: several forms are counted against each other, and
    a term's word is not "discovered" again (TC101 already covers it)."""
    return [KnownTerm(tuple(t.source), (t.target, *t.allowed), t.id) for t in terms if t.source]


def known_findings(prepared: Sequence[Prepared],
                   known_terms: Sequence[KnownTerm]) -> list[Inconsistency]:
    """Minority accepted forms of glossary terms; the forms found also explain their spans."""
    index = SourceIndex((n, s) for n, term in enumerate(known_terms) for s in term.source)
    keys = [[normalize_key(f) for f in term.forms] for term in known_terms]
    uses: dict[int, list[tuple[Prepared, list[tuple[int, int, str]]]]] = defaultdict(list)
    for p in prepared:
        for n in index.terms_in(p.unit.source):
            found = find_forms(p.text, keys[n])
            if found:
                p.explained.extend((s, e, "", 1.0) for s, e, _ in found)
                p.masks.clear()
                uses[n].append((p, found))
    out: list[Inconsistency] = []
    for n, term_uses in uses.items():
        term = known_terms[n]
        if len(term.forms) > 1:
            # the glossary's order ranks forms that tie: the target first
            out.extend(report(term.source[0], [[f] for f in keys[n]], term_uses, term.term_id))
    return out


def known_lemmas(known_terms: Sequence[KnownTerm]) -> set[str]:
    """Single-word glossary sources: discovery leaves them to the glossary (TC101 reports a
    missing target, the known-term count an inconsistent choice of accepted forms)."""
    out = set()
    for term in known_terms:
        for source in term.source:
            words = source_words(source)
            if len(words) == 1:
                out.add(words[0])
                out.update(bases(words[0]))
    return out
