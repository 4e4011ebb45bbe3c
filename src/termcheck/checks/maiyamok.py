"""Spacing around ๆ (mai yamok), per house style.

The Royal Society's rules put a space before and after ๆ (เด็ก ๆ เล่นกัน); much published
Thai attaches it (เด็กๆ เล่นกัน).  Projects disagree (../shared/realdata/NOTES.md: Firefox
spaces it 23 times of 23, the ESR essays attach it 377 times of 386), so the rule only runs
when the configuration chooses: `[style] maiyamok_space = true` (a space before ๆ) or
`false` (attached).  The space after ๆ is left alone: it is also the phrase break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAIYAMOK = "\u0e46"
# ๆ right after a Thai letter, or after spaces (NBSP too) that follow one
_ATTACHED = re.compile(r"(?<=[\u0e01-\u0e4e])\u0e46")
_SPACED = re.compile(r"(?<=[\u0e01-\u0e4e])[ \u00a0]+\u0e46")


@dataclass(frozen=True, slots=True)
class Spacing:
    """One ๆ written against the house style, in offsets of the checked text."""

    start: int
    end: int
    found: str
    expected: str


def check(text: str, *, space_before: bool) -> list[Spacing]:
    """Every ๆ in `text` whose spacing differs from the house style."""
    if MAIYAMOK not in text:
        return []
    if space_before:
        return [Spacing(m.start() - 1, m.end(), text[m.start() - 1:m.end()],
                        text[m.start() - 1] + " " + MAIYAMOK)
                for m in _ATTACHED.finditer(text)]
    return [Spacing(m.start() - 1, m.end(), text[m.start() - 1:m.end()],
                    text[m.start() - 1] + MAIYAMOK)
            for m in _SPACED.finditer(text)]
