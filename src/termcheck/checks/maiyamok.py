"""TC201, house style: spacing before ๆ (mai yamok).

The Royal Society's rules put a space before and after ๆ (เด็ก ๆ เล่นกัน); much published
Thai attaches it (เด็กๆ เล่นกัน).  Projects disagree (../shared/realdata/NOTES.md: Firefox
spaces it 23 times of 23, the ESR essays attach it 377 times of 386), so the rule only runs
when the configuration chooses: `[style] maiyamok_space = true` (a space before ๆ) or
`false` (attached).  The space after ๆ is left alone: it is also the phrase break.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from termcheck.context import SegmentContext
from termcheck.diagnostics import Finding, Severity
from termcheck.rules import Option, Rule
from termcheck.thai import chars

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
    """Every ๆ in `text` whose spacing differs from the house style.  The span starts at the
    letter before it, with that letter's marks (ใหญ่ๆ: ญ่ๆ), so the finding shows a whole
    character cluster."""
    if MAIYAMOK not in text:
        return []
    found = []
    for m in (_ATTACHED if space_before else _SPACED).finditer(text):
        start = m.start() - 1
        while start > 0 and chars.is_combining(text[start]):
            start -= 1
        before = text[start:m.start()].rstrip(" \u00a0")
        expected = before + (" " if space_before else "") + MAIYAMOK
        found.append(Spacing(start, m.end(), text[start:m.end()], expected))
    return found


class MaiyamokSpacing(Rule):
    """What it does
        When the configuration sets `[style] maiyamok_space`, reports ๆ (mai yamok) written
        against it: attached to the word (เด็กๆ) when a space is wanted before it, or spaced
        (เด็ก ๆ) when it should be attached.  Off unless configured.

    Why it matters
        The Royal Society's rules put a space before and after ๆ; many publishers attach it.
        Either is defensible, but one document should not mix them.

    Example
        (maiyamok_space = true) ต่างๆ  ->  ต่าง ๆ

    Use instead
        The house style's spacing, shown in the finding.

    Fix safety
        Safe: only the space before ๆ changes, where the file holds exactly the text found.
    """

    code = "TC201"
    name = "maiyamok-spacing"
    severity = Severity.INFO
    summary = "ๆ spaced against the house style"
    options = (Option("maiyamok_space", (True, False),
                      "TC201: a space before ๆ (เด็ก ๆ); false: attached (เด็กๆ)"),)

    def check(self, ctx: SegmentContext) -> Iterator[Finding]:
        space_before = bool(ctx.settings.style["maiyamok_space"])
        for s in check(ctx.segment.text, space_before=space_before):
            yield ctx.finding(self, s.start, s.end, expected=s.expected,
                              message=f"'{s.found}': the house style writes '{s.expected}'",
                              replacement=s.expected)


RULES = (MaiyamokSpacing(),)
