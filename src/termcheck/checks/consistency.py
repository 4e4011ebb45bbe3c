"""TC102 and TC103: the same source rendered different ways across the bilingual files of a
run.  The analyses are termcheck.bilingual.consistency's; these rules word and place the
findings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from termcheck.diagnostics import Finding, Severity
from termcheck.rules import Rule

if TYPE_CHECKING:  # the analyses are imported by a run that compares segments
    from termcheck.bilingual.consistency import Inconsistency, KnownTerm
    from termcheck.context import RunContext
    from termcheck.match.index import TermIndex


def translation_message(found: Inconsistency) -> str:
    """"'Open File' is translated เปิดไฟล์ 3 times and เปิดแฟ้ม once in this run"."""
    from termcheck.bilingual.consistency.text import counts_text, quote

    return f"'{quote(found.term)}' is translated {counts_text(found.counts)} in this run"


def rendering_message(found: Inconsistency) -> str:
    """"'file' is rendered แฟ้ม 5 times and ไฟล์ twice in this run"."""
    from termcheck.bilingual.consistency.text import counts_text

    verb = "spelled" if found.spelled else "rendered"
    message = f"'{found.term}' is {verb} {counts_text(found.counts)} in this run"
    if found.variant:
        message += f" ({found.variant} is another spelling of {found.expected})"
    return message


def message(found: Inconsistency) -> str:
    """The message of either kind of finding."""
    return (translation_message(found) if found.kind == "translation"
            else rendering_message(found))


def _known_terms(index: TermIndex) -> list[KnownTerm]:
    from termcheck.bilingual.consistency.known import known_terms

    return known_terms(info.term for info in index.terms)


class InconsistentTranslation(Rule):
    """What it does
        Within a file and across the files of one run, finds source texts (with the same
        context) whose translations differ, and reports the minority translations, with the
        counts, at each place they occur.

    Why it matters
        The same interface string translated two ways confuses users and doubles review
        work.

    Example
        "Open File" -> "เปิดไฟล์" (12 times) and "เปิดแฟ้ม" (1 time): the second is reported.

    Use instead
        The majority translation, unless the context really differs (then give it a
        msgctxt).

    Fix safety
        No fix: the majority is not always right, and the strings may differ for a reason.
    """

    code = "TC102"
    name = "inconsistent-translation"
    severity = Severity.WARNING
    summary = "the same source text translated in different ways"
    bilingual = True
    whole_segment = True
    per_run = True

    def check_run(self, ctx: RunContext) -> Iterator[Finding]:
        from termcheck.bilingual.consistency import same_source

        for found in same_source(ctx.units):
            yield ctx.finding(self, found.unit.index, found.start, found.end,
                              found=found.found, expected=found.expected,
                              message=translation_message(found))


class InconsistentTerm(Rule):
    """What it does
        Within a file and across the files of one run, finds source terms rendered in more
        than one way: a glossary term whose translations use several of its accepted forms,
        and frequent source words that are not in the glossary (Thunar: "file" is แฟ้ม 209
        times and ไฟล์ twice; Godot spells "update" อัพเดท, อัปเดต and อัพเดต).  The minority
        renderings are reported, with the counts, at each place they occur.

    Why it matters
        A product that says แฟ้ม on one screen and ไฟล์ on the next looks unfinished.

    Example
        "file" rendered แฟ้ม (209) and ไฟล์ (2): each ไฟล์ is reported.

    Use instead
        The majority rendering, or the glossary's target; add the term to the glossary to
        settle it.

    Fix safety
        No fix: which rendering is right is the glossary's to settle.
    """

    code = "TC103"
    name = "inconsistent-term"
    severity = Severity.INFO
    summary = "the same source term rendered in different ways"
    bilingual = True
    per_run = True

    def check_run(self, ctx: RunContext) -> Iterator[Finding]:
        from termcheck.bilingual.consistency import renderings

        index = ctx.linter.index
        notes = {info.term.id: info.term.note for info in index.terms}
        for found in renderings(ctx.units, lexicon=index.lexicon,
                                known_terms=ctx.linter.memo("known-terms", _known_terms)):
            # a word not in the glossary has no id: the source word stands in for it
            yield ctx.finding(self, found.unit.index, found.start, found.end,
                              found=found.found, expected=found.expected,
                              message=rendering_message(found),
                              term_id=found.term_id or found.term,
                              note=notes.get(found.term_id, ""))


RULES = (InconsistentTranslation(), InconsistentTerm())
