"""The entry point: TC102 and TC103 over all the units of one run."""

from __future__ import annotations

from collections.abc import Sequence

from termcheck.bilingual.consistency.discovery import discover, discovered_findings
from termcheck.bilingual.consistency.known import known_findings, known_lemmas
from termcheck.bilingual.consistency.model import Inconsistency, KnownTerm, Unit
from termcheck.bilingual.consistency.prepare import prepare
from termcheck.bilingual.consistency.same_source import same_source
from termcheck.thai.lexicon import Lexicon


def find_inconsistencies(units: Sequence[Unit], *, lexicon: Lexicon,
                         known_terms: Sequence[KnownTerm] = ()) -> list[Inconsistency]:
    """TC102 and TC103 findings for all the units of one run, in unit order."""
    out = same_source(units)
    prepared = prepare(units, lexicon)
    out.extend(known_findings(prepared, known_terms))  # first: its forms explain their spans
    words = discover(prepared, lexicon, known_lemmas(known_terms))
    out.extend(discovered_findings(prepared, words))
    seen: set[tuple[str, int, int, int]] = set()
    unique = []
    for f in out:  # one finding per span: the glossary term's, else the most frequent word's
        key = (f.unit.path, f.unit.index, f.start, f.end) if f.rule == "TC103" else None
        if key is None or key not in seen:
            unique.append(f)
            if key:
                seen.add(key)
    order = {id(u): n for n, u in enumerate(units)}
    unique.sort(key=lambda f: (order.get(id(f.unit), 0), f.start, f.rule))
    return unique
