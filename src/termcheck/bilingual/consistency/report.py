"""TC103 findings for one term, counted over the units that use it: glossary terms and
discovered words alike."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from termcheck.bilingual.consistency.model import RENDERING, Inconsistency
from termcheck.bilingual.consistency.prepare import Prepared
from termcheck.bilingual.consistency.tuning import MIN_MAJORITY

Uses = Sequence[tuple[Prepared, list[tuple[int, int, str]]]]


def report(term: str, groups: Sequence[Sequence[str]], uses: Uses,
           term_id: str = "") -> list[Inconsistency]:
    """Findings for the minority renderings of one term.

    `uses`: each unit with the (non-overlapping) renderings found in it.  A rendering is
    counted once per unit; groups rank by the units they hold (the main group first on a
    tie), spellings within a group likewise (the first seen on a tie).
    """
    group_of = {form: n for n, group in enumerate(groups) for form in group}
    per_form, per_group = _counts(uses, group_of)
    if len(per_form) < 2:
        return []
    ranked = sorted(per_form, key=lambda f: (
        -per_group[group_of[f]], group_of[f], -per_form[f]))
    majority = ranked[0]
    if per_form[majority] < MIN_MAJORITY:
        return []
    spelled = len({group_of[f] for f in per_form}) == 1
    counts = tuple((f, per_form[f]) for f in ranked)
    out = []
    for p, found in uses:
        for s, e, form in found:
            if form == majority:
                continue
            variant = form if not spelled and group_of[form] == group_of[majority] else ""
            start, end = p.norm.span_to_original(s, e)
            out.append(Inconsistency(RENDERING, p.unit, start, end, p.unit.target[start:end],
                                     majority, term, counts, term_id, spelled, variant))
    return out


def _counts(uses: Uses, group_of: dict[str, int]) -> tuple[Counter[str], Counter[int]]:
    """The units each form and each group stand in."""
    per_form: Counter[str] = Counter()
    per_group: Counter[int] = Counter()
    for _, found in uses:
        forms = {form for _, _, form in found}
        per_form.update(forms)
        per_group.update({group_of[f] for f in forms})
    return per_form, per_group
