"""`termcheck glossary suggest PATH...`: glossary entries to curate, from bilingual files.

The frequent source words that are rendered in several ways are found by the TC103
discovery (termcheck.bilingual.consistency: the same words, renderings and spelling
variants that `termcheck check` reports as inconsistent); nothing is aligned again here.
Each becomes one proposed term: the majority rendering as target, the others listed in
comments for the curator to move to `allowed` or `forbidden`, and a note with the counts
and example source texts.  Words that the given glossaries already cover are left out.

A path that cannot be read (missing, binary, malformed), and a glossary that does not load,
is an input error as lint would report it; the proposals come from the files that can.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from termcheck.bilingual.consistency import Unit
from termcheck.bilingual.consistency.discovery import discover, word_uses
from termcheck.bilingual.consistency.known import known_findings, known_lemmas, known_terms
from termcheck.bilingual.consistency.prepare import prepare
from termcheck.bilingual.consistency.text import quote
from termcheck.bilingual.consistency.tuning import MIN_MAJORITY
from termcheck.diagnostics import InputError
from termcheck.engine import Linter
from termcheck.glossary.load import load_glossaries
from termcheck.glossary.model import Glossary

_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(slots=True)
class Proposal:
    """One frequent source word rendered in several ways."""

    source: str  # the source word (its lemma: "folder" for folders)
    units: int  # translated units whose source has the word
    counts: list[tuple[str, int]]  # rendering -> units using it, the majority first
    examples: dict[str, list[str]] = field(default_factory=dict)  # rendering -> sources

    @property
    def target(self) -> str:
        return self.counts[0][0]


def _units(linter: Linter, paths: Sequence[str], include_fuzzy: bool,
           errors: list[InputError]) -> list[Unit]:
    units: list[Unit] = []
    for doc in linter.documents(paths, errors):
        for n, seg in enumerate(doc.segments):
            if seg.source is None or not seg.text.strip() or (seg.fuzzy and not include_fuzzy):
                continue
            units.append(Unit(doc.path, n, seg.source, seg.text, seg.context))
    return units


def _glossary(glossary_paths: Iterable[str | Path], errors: list[InputError]) -> Glossary:
    glossary, problems = load_glossaries([Path(p) for p in glossary_paths])
    errors += [InputError(e.path, e.line, e.message) for e in problems]
    return glossary


def proposals(paths: Sequence[str], *, glossary_paths: Iterable[str | Path] = (),
              min_units: int = 5, include_fuzzy: bool = False,
              errors: list[InputError] | None = None) -> list[Proposal]:
    """The source words in at least `min_units` units (never fewer than the discovery's own
    floor, tuning.MIN_UNITS) whose renderings disagree, most frequent first.  Paths and
    glossaries that cannot be read are left out, their errors added to `errors`."""
    errors = [] if errors is None else errors
    return _proposals(paths, _glossary(glossary_paths, errors), min_units, include_fuzzy,
                      errors)


def _proposals(paths: Sequence[str], glossary: Glossary, min_units: int, include_fuzzy: bool,
               errors: list[InputError]) -> list[Proposal]:
    linter = Linter(glossary)
    lexicon = linter.index.lexicon
    known = known_terms(glossary.terms)
    prepared = prepare(_units(linter, paths, include_fuzzy, errors), lexicon)
    known_findings(prepared, known)  # the glossary's forms explain their spans, as in check
    words = discover(prepared, lexicon, known_lemmas(known))
    settled = {w.lemma for w in words if w.groups}
    out = []
    for word in words:
        if not word.groups or len(word.units) < min_units:
            continue
        forms = [f for group in word.groups for f in group]
        per_form: Counter[str] = Counter()
        examples: dict[str, list[str]] = {}
        for p, uses in word_uses(prepared, word, settled):  # as the TC103 check counts
            found = {form for _, _, form in uses}
            per_form.update(found)
            for form in found:
                if len(examples.setdefault(form, [])) < 2 and (
                        quote(p.unit.source, 50) not in examples[form]):
                    examples[form].append(quote(p.unit.source, 50))
        if len(per_form) < 2:
            continue
        order = {f: n for n, f in enumerate(forms)}
        ranked = sorted(per_form.items(), key=lambda fc: (-fc[1], order[fc[0]]))
        if ranked[0][1] < MIN_MAJORITY:
            continue
        out.append(Proposal(word.lemma, len(word.units), ranked, examples))
    out.sort(key=lambda p: (-p.units, p.source))
    return out


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _counted(counts: Sequence[tuple[str, int]]) -> str:
    return ", ".join(f"{form} {n}" for form, n in counts)


def format_proposals(found: Sequence[Proposal], *, taken_ids: Iterable[str] = (),
                     described: str = "") -> str:
    """The proposals as a YAML glossary (version 1) with the choices left in comments."""
    lines = ["# termcheck glossary suggest: source words rendered in several ways"
             + (f" in {described}" if described else ""),
             "# For each term: check the target, then move each other rendering to `allowed`",
             "# (also correct) or `forbidden` (wrong), or delete the term.",
             "version: 1", "language: th", "source_language: en"]
    if not found:
        lines.append("terms: []")
        return "\n".join(lines) + "\n"
    lines.append("terms:")
    used = set(taken_ids)
    for p in found:
        base = _SLUG.sub("-", p.source.lower()).strip("-") or "term"
        term_id, n = base, 1
        while term_id in used:
            n += 1
            term_id = f"{base}-{n}"
        used.add(term_id)
        others = [form for form, _ in p.counts[1:]]
        seen = [f'"{ex}" ({form})' for form, _ in p.counts[:2]
                for ex in p.examples.get(form, [])[:1]]
        note = f"'{p.source}' in {p.units} units: {_counted(p.counts)}"
        if seen:
            note += ". E.g. " + "; ".join(seen)
        lines += [f"  - id: {term_id}", f"    source: [{_q(p.source)}]",
                  f"    target: {_q(p.target)}",
                  f"    # other renderings (units): {_counted(p.counts[1:])}",
                  f"    # allowed: [{', '.join(_q(f) for f in others)}]",
                  f"    # forbidden: [{', '.join(_q(f) for f in others)}]",
                  f"    note: {_q(note)}"]
    return "\n".join(lines) + "\n"


def suggest(paths: Sequence[str], *, glossary_paths: Iterable[str | Path] = (),
            min_units: int = 5, include_fuzzy: bool = False,
            errors: list[InputError] | None = None) -> str:
    """Proposed glossary entries, as YAML ready to curate; the errors of the paths and
    glossaries that cannot be read are added to `errors`."""
    errors = [] if errors is None else errors
    glossary = _glossary(glossary_paths, errors)
    found = _proposals(paths, glossary, min_units, include_fuzzy, errors)
    taken = tuple(t.id for t in glossary.terms)
    names = ", ".join(Path(p).name for p in paths)
    return format_proposals(found, taken_ids=taken, described=names)
