"""The records of the consistency checks: the units and glossary terms they read, and what
they report."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    """One translated segment of a bilingual file."""

    path: str  # file it came from
    index: int  # segment number in that file (to point back at it)
    source: str  # source text (accelerators already removed)
    target: str  # translation (accelerators already removed)
    context: str | None  # msgctxt / unit id


@dataclass(frozen=True, slots=True)
class KnownTerm:
    """A glossary term as the consistency check sees it."""

    source: tuple[str, ...]  # its source-language terms ("file", "file manager")
    forms: tuple[str, ...]  # accepted Thai forms, the target first (then allowed forms)
    term_id: str = ""  # glossary id, carried into the finding


TRANSLATION = "translation"  # the same source text translated differently (TC102)
RENDERING = "rendering"  # one source term rendered different ways (TC103)


@dataclass(frozen=True, slots=True)
class Inconsistency:
    """A minority translation or rendering, and the counts behind it (the rules in
    termcheck.checks.consistency word the message)."""

    kind: str  # TRANSLATION or RENDERING
    unit: Unit  # where to report
    start: int  # span in unit.target (0..len for a whole translation)
    end: int
    found: str  # the minority rendering as written in the target
    expected: str  # the majority rendering
    term: str  # a rendering: the source term (e.g. "file"); a translation: the source text
    counts: tuple[tuple[str, int], ...]  # every translation or rendering and its units,
    # the majority first
    term_id: str = ""  # a rendering of a glossary term: its id; otherwise empty
    spelled: bool = False  # a rendering: all the forms counted are spellings of one word
    variant: str = ""  # a rendering: the counted form found, when it is another spelling
    # of the majority among different words
