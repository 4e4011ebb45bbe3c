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


@dataclass(frozen=True, slots=True)
class Inconsistency:
    """A minority translation (TC102) or rendering (TC103) and the counts behind it."""

    rule: str  # "TC102" or "TC103"
    unit: Unit  # where to report
    start: int  # span in unit.target (0..len for a whole-segment TC102)
    end: int
    found: str  # the minority rendering as written in the target
    expected: str  # the majority rendering
    term: str  # TC103: the source term (e.g. "file"); TC102: the source text
    message: str  # one line, with the counts
    term_id: str = ""  # TC103 for a glossary term: its id; otherwise empty
