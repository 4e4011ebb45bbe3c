"""Helpers both checks share: matching keys, the wording of messages, forms found in a
normalised target."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from termcheck.thai.normalize import normalize

THAI_LETTER = re.compile("[\u0e01-\u0e2e]")
COMBINING = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
_SPACE = re.compile(r"\s+")


def match_key(text: str, *, casefold: bool = True) -> str:
    """Matching key: normalised, whitespace collapsed and stripped."""
    return _SPACE.sub(" ", normalize(text, casefold=casefold).text).strip()


def quote(text: str, limit: int = 40) -> str:
    """A text on one line, shortened for a message."""
    one = _SPACE.sub(" ", text).strip()
    return one if len(one) <= limit else one[:limit - 1] + "…"


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def counts_text(counts: Sequence[tuple[str, int]]) -> str:
    parts = [f"{quote(form)} {_times(n)}" for form, n in counts]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _non_overlapping(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longest first, then leftmost; drop spans overlapping one already taken."""
    taken: list[tuple[int, int, str]] = []
    for s, e, what in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if all(e <= ts or s >= te for ts, te, _ in taken):
            taken.append((s, e, what))
    return sorted(taken)


def find_forms(text: str, forms: Sequence[str]) -> list[tuple[int, int, str]]:
    """Occurrences of `forms` in normalised `text`, longest first, not overlapping, never
    cut before a combining mark (อีเมล is not found in อีเมล์)."""
    spans = []
    for form in forms:
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if not (end < len(text) and COMBINING.match(text[end])):
                spans.append((start, end, form))
            start = text.find(form, start + 1)
    return spans if len(spans) < 2 else _non_overlapping(spans)
