"""TC202, house style: the space between Thai and a Latin word or an Arabic number.

The Royal Society's spacing rules (หลักเกณฑ์การเว้นวรรค) put a space before and after a
foreign word or a number in Thai text (ความร่วมมือกับ INTERPOL, จำนวน 5 คน); some houses
write them attached.  The rule runs only when the configuration chooses:
`[style] thai_latin_space = "always"` (one space wanted) or `"never"` (none).

A junction is a Thai letter beside an ASCII letter or digit.  Thai digits are Thai text and
not a number here; ๆ and ฯ are left to their own rules; a letter that belongs to a
placeholder (`%s`, `%(name)d`, `{count}`) is not a word.  Junctions whose spans touch are
reported together (ใช้Windowsและ -> ใช้ Windows และ), so their fixes never overlap.  The
Thai side of the span is the word the segmenter finds next to the junction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from termcheck.context import SegmentContext
from termcheck.diagnostics import Finding, Severity
from termcheck.rules import Option, Rule

_THAI = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"  # letters, vowels, marks
_LATIN = "A-Za-z0-9"
_SPACES = " \t\u00a0"
_ATTACHED = re.compile(f"(?<=[{_THAI}])(?=[{_LATIN}])|(?<=[{_LATIN}])(?=[{_THAI}])")
_SPACED = re.compile(f"(?<=[{_THAI}])[{_SPACES}]+(?=[{_LATIN}])"
                     f"|(?<=[{_LATIN}])[{_SPACES}]+(?=[{_THAI}])")
_THAI_RUN = re.compile(f"[{_THAI}]+")
_LATIN_RUN = re.compile(f"[{_LATIN}]+")
_PLACEHOLDER = re.compile(r"%(?:\([^)\s]*\))?[-#0 +']*(?:\d+\$)?(?:\d+|\*)?(?:\.(?:\d+|\*))?"
                          r"[hlLqjzt]*[a-zA-Z@]|\{[^{}\s]*\}|\$\{?\w+\}?")
MAX_WORD = 40  # characters of Thai before or after a junction handed to the segmenter


@dataclass(frozen=True, slots=True)
class Gap:
    """The space between Thai and Latin text (empty where they touch), and the span shown
    for it: the Thai word and the Latin word on either side."""

    start: int
    end: int
    show_start: int
    show_end: int


def _edge(run: re.Pattern[str], text: str, at: int, forward: bool) -> int:
    """Where the run of `run` characters that starts (forward) or ends (backward) at `at`
    stops."""
    if forward:
        found = run.match(text, at)
        return found.end() if found else at
    begin = at
    while begin > 0 and run.fullmatch(text[begin - 1]):
        begin -= 1
    return begin


class ThaiLatinSpacing(Rule):
    """What it does
        When the configuration sets `[style] thai_latin_space`, reports Thai text written
        against it beside a Latin word or an Arabic number: attached (ความร่วมมือกับINTERPOL)
        when the house wants a space ("always"), or spaced when it wants none ("never").
        Placeholders such as %s or {name} are not words; Thai digits are Thai text.  Off
        unless configured.

    Why it matters
        The Royal Society's spacing rules put a space before and after a foreign word or a
        number; a document that mixes both ways looks careless, and an attached Latin word
        breaks line wrapping and search.

    Example
        (thai_latin_space = "always") ใช้Windowsและ     ->  ใช้ Windows และ
        (thai_latin_space = "always") จำนวน5คน         ->  จำนวน 5 คน

    Use instead
        The house style's spacing, shown in the finding.

    Fix safety
        Safe: only the spaces between the Thai and the Latin text change, where the file
        holds exactly the text found.
    """

    code = "TC202"
    name = "thai-latin-spacing"
    severity = Severity.INFO
    summary = "Thai beside a Latin word or number, spaced against the house style"
    options = (Option("thai_latin_space", ("always", "never"),
                      'TC202: a space between Thai and a Latin word or number ("always": '
                      'กับ INTERPOL; "never": กับINTERPOL)'),)

    def check(self, ctx: SegmentContext) -> Iterator[Finding]:
        text, original = ctx.segment.text, ctx.original
        space = ctx.settings.style["thai_latin_space"] == "always"
        gaps = [g for g in self._gaps(ctx, text, space)
                if original[g.show_start:g.show_end] == text[g.show_start:g.show_end]]
        for group in _touching(gaps):
            start, end = group[0].show_start, group[-1].show_end
            pieces, at = [], start
            for gap in group:
                pieces += [text[at:gap.start], " " if space else ""]
                at = gap.end
            expected = "".join(pieces) + text[at:end]
            yield ctx.finding(self, start, end, expected=expected,
                              message=f"'{text[start:end]}': the house style writes "
                                      f"'{expected}'", replacement=expected)

    def _gaps(self, ctx: SegmentContext, text: str, space: bool) -> Iterator[Gap]:
        if not _LATIN_RUN.search(text) or not _THAI_RUN.search(text):
            return
        placeholders = [m.span() for m in _PLACEHOLDER.finditer(text)]
        for m in (_ATTACHED if space else _SPACED).finditer(text):
            start, end = m.span()
            thai_left = _THAI_RUN.fullmatch(text[start - 1]) is not None
            if thai_left:
                latin = (end, _edge(_LATIN_RUN, text, end, True))
                shown = (self._thai_word(ctx, text, start, False), latin[1])
            else:
                latin = (_edge(_LATIN_RUN, text, start, False), start)
                shown = (latin[0], self._thai_word(ctx, text, end, True))
            if any(a < latin[1] and latin[0] < b for a, b in placeholders):
                continue
            yield Gap(start, end, *shown)

    @staticmethod
    def _thai_word(ctx: SegmentContext, text: str, at: int, forward: bool) -> int:
        """The far end of the Thai word next to a junction at `at`."""
        stop = _edge(_THAI_RUN, text, at, forward)
        run = text[at:min(stop, at + MAX_WORD)] if forward else text[max(stop, at - MAX_WORD):at]
        words = [w for w in ctx.linter.index.lexicon.segment(run) if w]
        if not words:
            return at
        return at + len(words[0]) if forward else at - len(words[-1])


def _touching(gaps: list[Gap]) -> Iterator[list[Gap]]:
    """The gaps in groups whose shown spans overlap."""
    group: list[Gap] = []
    for gap in gaps:
        if group and gap.show_start < group[-1].show_end:
            group.append(gap)
            continue
        if group:
            yield group
        group = [gap]
    if group:
        yield group


RULES = (ThaiLatinSpacing(),)
