"""TC102: the same source text translated differently.

Units are grouped by context and normalised source; in a group with several normalised
translations every unit whose translation is not the majority one (the first seen on a tie)
is reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from termcheck.bilingual.consistency.model import TRANSLATION, Inconsistency, Unit
from termcheck.bilingual.consistency.text import THAI_LETTER, match_key

_EDGE_PUNCTUATION = " .,:;!?…\"'“”‘’()[]"


def same_source(units: Sequence[Unit]) -> list[Inconsistency]:
    """Minority translations of each (context, source) group.

    Punctuation at either end is not compared (กลุ่ม and กลุ่ม: for "Group", เทขยะ… and
    เทขยะ): that is a punctuation check's business.  A target without a single Thai letter
    (a placeholder string, a name or command left in English, "%s: %s") is not compared:
    such copies differ in formatting, not in wording, and a source left untranslated is a
    job for TC101, not a rival translation.  The source is compared case-sensitively:
    "Open" and "open" sit in different places of an interface.
    """
    groups: dict[tuple[str, str], list[tuple[Unit, str]]] = {}
    for unit in units:
        if not THAI_LETTER.search(unit.target):
            continue
        key = (unit.context or "", match_key(unit.source, casefold=False))
        compared = match_key(unit.target).strip(_EDGE_PUNCTUATION)
        groups.setdefault(key, []).append((unit, compared))
    out: list[Inconsistency] = []
    for members in groups.values():
        out.extend(_minority(members))
    return out


def _minority(members: Sequence[tuple[Unit, str]]) -> list[Inconsistency]:
    """The units of one group (each with its compared target) not translated the majority's
    way."""
    counts = Counter(target for _, target in members)  # insertion order: first seen
    if len(counts) < 2:
        return []
    majority = max(counts, key=counts.__getitem__)  # a tie goes to the first seen
    written: dict[str, str] = {}
    for unit, target in members:
        written.setdefault(target, unit.target)
    ranked = tuple((written[t], n) for t, n in sorted(
        counts.items(), key=lambda kv: (kv[0] != majority, -kv[1])))
    source = members[0][0].source
    return [Inconsistency(TRANSLATION, unit, 0, len(unit.target), unit.target,
                          written[majority], source, ranked)
            for unit, target in members if target != majority]
