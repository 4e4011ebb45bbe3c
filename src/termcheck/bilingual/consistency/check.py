"""The entry points: TC102's and TC103's analyses over all the units of one run."""

from __future__ import annotations

from collections.abc import Sequence

from termcheck.bilingual.consistency.discovery import discover, discovered_findings
from termcheck.bilingual.consistency.known import known_findings, known_lemmas
from termcheck.bilingual.consistency.model import Inconsistency, KnownTerm, Unit
from termcheck.bilingual.consistency.prepare import prepare
from termcheck.bilingual.consistency.same_source import same_source
from termcheck.thai.lexicon import Lexicon


def renderings(units: Sequence[Unit], *, lexicon: Lexicon,
               known_terms: Sequence[KnownTerm] = ()) -> list[Inconsistency]:
    """Minority renderings of source terms (glossary terms with several accepted forms, and
    frequent words discovered from the units), one per span, in unit order."""
    prepared = prepare(units, lexicon)
    out = known_findings(prepared, known_terms)  # first: its forms explain their spans
    words = discover(prepared, lexicon, known_lemmas(known_terms))
    out.extend(discovered_findings(prepared, words))
    seen: set[tuple[str, int, int, int]] = set()
    unique = []
    for f in out:  # one finding per span: the glossary term's, else the most frequent word's
        key = (f.unit.path, f.unit.index, f.start, f.end)
        if key not in seen:
            unique.append(f)
            seen.add(key)
    return _in_unit_order(units, unique)


def find_inconsistencies(units: Sequence[Unit], *, lexicon: Lexicon,
                         known_terms: Sequence[KnownTerm] = ()) -> list[Inconsistency]:
    """Both analyses, minority translations and renderings, in unit order."""
    return _in_unit_order(units, [*same_source(units), *renderings(
        units, lexicon=lexicon, known_terms=known_terms)])


def _in_unit_order(units: Sequence[Unit], found: list[Inconsistency]) -> list[Inconsistency]:
    order = {id(u): n for n, u in enumerate(units)}
    return sorted(found, key=lambda f: (order.get(id(f.unit), 0), f.start, f.kind != "translation"))
