"""TC101: in a bilingual file, a source term whose approved translation is missing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from termcheck.diagnostics import Finding, Severity
from termcheck.rules import Rule

if TYPE_CHECKING:  # the English index is built by a run over bilingual files
    from termcheck.bilingual.english import SourceIndex
    from termcheck.context import SegmentContext
    from termcheck.match.index import TermIndex


def source_index(index: TermIndex) -> SourceIndex:
    """Every term's source words, to find them in a segment's source text."""
    from termcheck.bilingual.english import SourceIndex

    return SourceIndex((number, source) for number, info in enumerate(index.terms)
                       for source in info.term.source)


class MissingTerm(Rule):
    """What it does
        In PO and XLIFF files, when a segment's source contains a glossary term's `source`
        (English: case-insensitive, whole words, regular inflections such as files and
        downloaded; "profile" does not contain "file"; placeholders such as %(app)s and
        {name}, markup, URLs and identifiers such as allow_future are not words of it), the
        translation must contain the
        term's approved target or an allowed form.  If a forbidden form or a near-miss
        stands there instead, that finding (TC001 to TC005) says so and no TC101 is added.

    Why it matters
        A term translated ad hoc, paraphrased away or left in English is exactly what a
        glossary exists to prevent, and what a reviewer misses most easily.

    Example
        msgid "Delete file"  msgstr "ลบแฟ้ม"   (glossary: file -> ไฟล์)

    Use instead
        The approved form shown in the finding, or add the rendering you used to the term's
        `allowed` forms if it is right.

    Fix safety
        No fix: where the term belongs in the translation, and in which form, is for the
        translator to write.
    """

    code = "TC101"
    name = "missing-term"
    severity = Severity.WARNING
    summary = "a source term whose approved translation is missing"
    needs = frozenset({"uses"})
    bilingual = True
    whole_segment = True
    absence = True

    def check(self, ctx: SegmentContext) -> Iterator[Finding]:
        source = ctx.segment.source
        if source is None:
            return
        from termcheck.bilingual.english import prose

        scan = ctx.scan
        flagged = {hit.term for hit in scan.hits}
        words: dict[int, list[str]] = {}
        for number, matched in ctx.linter.memo("source-index", source_index).matches(
                prose(source)):
            words.setdefault(number, []).append(matched)
        terms = ctx.linter.index.terms
        for number, written in words.items():
            if number in scan.uses or number in flagged:
                continue
            term = terms[number].term
            said = ", ".join(f"'{w}'" for w in dict.fromkeys(written))
            # the English word that matched, and the Thai wanted; not the term's other
            # source words nor its spelling note, which are about other cases
            yield ctx.finding(
                self, 0, len(ctx.segment.text), expected=term.target, term_id=term.id,
                message=f"the source has {said} but the translation lacks '{term.target}'")


RULES = (MissingTerm(),)
