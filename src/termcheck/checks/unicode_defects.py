"""TC006: broken Unicode anywhere in Thai text, as the character checks of CAT tools report
it; TC005 reports the same defects only inside an approved glossary term.

What counts, on which span and how it is repaired is termcheck.thai.defects.  This rule only
leaves out what another finding already covers: a defect inside a glossary finding (a term
TC005 reports as broken, a forbidden form, a near-miss ...) is that finding's, whose fix
writes the approved form over the whole span; a second finding on the same characters
would also stop `termcheck fix` from fixing either (overlapping findings are left to a
person).
"""

from __future__ import annotations

from collections.abc import Iterator

from termcheck.checks.glossary_terms import TermRule
from termcheck.context import SegmentContext
from termcheck.diagnostics import Applicability, Finding, Severity
from termcheck.match.hits import HitKind
from termcheck.rules import Rule
from termcheck.thai import defects


def _glossary_kinds(rules: list[Rule]) -> frozenset[HitKind]:
    """The matcher's hit kinds that the active rules report."""
    return frozenset(r.kind for r in rules if isinstance(r, TermRule))


class UnicodeDefect(Rule):
    """What it does
        Reports broken Unicode anywhere in Thai text, one finding per defect: zero-width
        spaces, joiners, word joiners, soft hyphens and byte order marks; เเ (two sara e)
        for แ; sara am written as nikhahit + sara aa (ํา, also with a tone mark between
        them); marks typed in the wrong order (ำ before the tone mark, a tone before the
        vowel); the same mark typed twice; two different tone marks or vowels on one
        letter; a combining mark with no letter under it (at the start of a line, after a
        space, a Latin letter, a digit or punctuation); private-use code points that PDF
        fonts leave for Thai marks; ๅ typed for า; fullwidth ASCII in Thai text.  Left
        out: invisible characters inside a word of another script (a joiner in an emoji),
        private-use code points away from Thai (icon fonts), fullwidth characters in
        segments with Chinese, Japanese or Korean text, and defects inside a glossary
        finding, which that finding covers (TC005 for an approved term).

    Why it matters
        The text looks right, or nearly, but search, spell checking, word segmentation and
        line breaking see other characters, and another font may show dotted circles.
        Editors and PDF exports leave these behind.  A project that puts zero-width spaces
        between Thai words on purpose, as line-break hints, can disable the rule.

    Example
        นํ้าท่วม (U+0E4D U+0E49 U+0E32)  ->  น้ำท่วม (U+0E49 U+0E33)
        เเรงงาน                         ->  แรงงาน

    Use instead
        The repaired text shown in the finding; retype a word with two different tone marks
        or a mark with no letter, choosing what was meant.

    Fix safety
        Safe: the fix deletes the invisible character, or writes the same text with the
        marks in order, one of a doubled mark, แ, ำ, า or the Thai mark for a private-use
        code point, which reads the same; written where the file holds exactly the text
        found.  A mark typed after the space that follows its word has an unsafe fix, made
        by `termcheck fix --near-misses` only, that puts it back before the space: the
        likely, not the certain, meaning.  Two different tone marks or vowels and any other
        mark with no letter under it have no fix: which one was meant cannot be known.
    """

    code = "TC006"
    name = "unicode-defect"
    severity = Severity.WARNING
    summary = "broken Unicode anywhere in Thai text"

    def check(self, ctx: SegmentContext) -> Iterator[Finding]:
        text, original = ctx.segment.text, ctx.original
        found = defects.find(text, ctx.norm)
        if not found:
            return
        kinds = ctx.linter.memo("tc006-glossary-kinds",
                                lambda _index: _glossary_kinds(ctx.linter.segment_rules))
        covered = [(h.start, h.end) for h in ctx.scan.hits if h.kind in kinds]
        for broken in found:
            start, end = broken.start, broken.end
            if original[start:end] != text[start:end]:
                continue  # Markdown code, masked in the text checked
            if any(a < end and start < b for a, b in covered):
                continue
            yield ctx.finding(self, start, end, expected=broken.repair or "",
                              message=defects.message(text, broken),
                              replacement=broken.repair,
                              applicability=Applicability.SAFE if broken.certain
                              else Applicability.UNSAFE)


RULES = (UnicodeDefect(),)
