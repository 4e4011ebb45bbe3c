"""What the matcher finds, in neutral terms: hits of a term's forms, by kind.

The scanner (termcheck.match.scan) says what each hit is, never which rule reports it: the
rules in termcheck.checks turn hits into findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class HitKind(Enum):
    """What the text at a hit is, as a written form of its term."""

    FORBIDDEN = "forbidden"  # a form the glossary forbids (also by case: Interpol)
    NEAR_MISS = "near-miss"  # within the weighted edit budget of an approved form
    VARIANT = "variant"  # an approved form with other spacing, punctuation or digits
    MISCASED = "miscased"  # a case-sensitive approved form in another Latin casing
    BROKEN = "broken"  # an approved form with broken Unicode inside it
    ALLOWED = "allowed"  # a correct use of an allowed form (not the target)


Verdict = tuple[HitKind, str, str, float]  # kind, edits in words, approved key, cost


@dataclass(frozen=True, slots=True)
class Hit:
    """A glossary term's form found in one segment, in original (as written) offsets."""

    start: int
    end: int
    term: int  # index into TermIndex.terms
    kind: HitKind
    expected: str  # the approved form closest to the text (the target for forbidden forms)
    distance: float = 0.0  # weighted edit distance to `expected` (near-misses)
    edits: str = ""  # the edits from the approved form to the text, in words ("ใ for ไ")
    defects: tuple[str, ...] = ()  # normalisation defect kinds inside the span


@dataclass(slots=True)
class Scan:
    """What scanning one segment found."""

    hits: list[Hit] = field(default_factory=list)  # by position
    uses: set[int] = field(default_factory=set)  # terms used correctly (when asked for)
