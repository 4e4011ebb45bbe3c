"""Consistency across the segments of one run: TC102 and TC103 (issue 3, section 3).

TC102, the same source text translated differently: units are grouped by context and
normalised source, and the minority translations of a group are reported (same_source.py).

TC103, one source term rendered in several ways, in two ways:
- Glossary terms with several accepted forms (`KnownTerm`): the minority forms among the
  units whose source holds the term are reported (known.py).
- Frequent source words that the glossary does not cover, discovered from the units
  (discovery.py): the targets are segmented and the source words made lemmas once
  (prepare.py); a first pass says what every source word is rendered by (explain.py); a
  frequent word gets a main rendering with its spelling variants (main_rendering.py), then
  any alternative renderings (alternatives.py), loanwords of it above all (loanwords.py).
  Then the minority renderings are reported (report.py).

Precision comes first: a linter that cries wolf gets switched off, so every test errs on the
side of silence.  Pure functions: nothing here prints.
"""

from termcheck.bilingual.consistency.check import find_inconsistencies, renderings
from termcheck.bilingual.consistency.model import (
    RENDERING,
    TRANSLATION,
    Inconsistency,
    KnownTerm,
    Unit,
)
from termcheck.bilingual.consistency.same_source import same_source

__all__ = ["RENDERING", "TRANSLATION", "Inconsistency", "KnownTerm", "Unit",
           "find_inconsistencies", "renderings", "same_source"]
