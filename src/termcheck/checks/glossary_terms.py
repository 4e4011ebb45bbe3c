"""The glossary's own rules: a term's forms as the matcher found them in a segment.

The matcher (termcheck.match.scan) says what each hit is (a forbidden form, a near-miss, a
spacing variant, a miscased or broken approved use, an allowed form); each rule here reports
the hits of one kind, with its message and its fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from termcheck.context import SegmentContext
from termcheck.diagnostics import Applicability, Finding, Severity
from termcheck.match.hits import Hit, HitKind
from termcheck.match.index import TermIndex
from termcheck.rules import Rule
from termcheck.settings import Settings
from termcheck.thai.fold import strip_separators, weighted_distance
from termcheck.thai.normalize import DEFECT_TEXT, normalize, normalize_key

# A near-miss is fixed only this close to the approved form: one wrong, dropped or extra
# letter, or two half-cost edits (a confusable letter, a tone mark); the larger edits a long
# term's budget allows are left to a person.
CONFIDENT_DISTANCE = 1.0


def defects_text(defects: Iterable[str]) -> str:
    return "; ".join(dict.fromkeys(DEFECT_TEXT[d] for d in defects))


class TermRule(Rule):
    """A rule that reports the matcher's hits of one kind."""

    kind: ClassVar[HitKind]
    applicability: ClassVar[Applicability | None] = Applicability.SAFE  # None: no fix

    def check(self, ctx: SegmentContext) -> Iterator[Finding]:
        for hit in ctx.hits(self.kind):
            yield self.finding(ctx, hit)

    def finding(self, ctx: SegmentContext, hit: Hit) -> Finding:
        term = ctx.linter.index.terms[hit.term].term
        found = ctx.original[hit.start:hit.end]
        applicability = self.fix_applicability(ctx, hit, found)  # None: no fix at all
        return ctx.finding(self, hit.start, hit.end, expected=hit.expected,
                           message=self.message(found, hit), term_id=term.id, note=term.note,
                           replacement=None if applicability is None else hit.expected,
                           applicability=applicability or Applicability.SAFE)

    def message(self, found: str, hit: Hit) -> str:
        raise NotImplementedError

    def fix_applicability(self, ctx: SegmentContext, hit: Hit,
                          found: str) -> Applicability | None:
        return self.applicability


class ForbiddenForm(TermRule):
    """What it does
        Reports a form that the glossary lists under `forbidden` for a term, wherever it
        stands on a word boundary, and offers the term's approved form.

    Why it matters
        Forbidden forms are known mistakes or deprecated names (เมียนมาร์ for เมียนมา,
        อินเตอร์เน็ต for อินเทอร์เน็ต); the glossary's note says why.

    Example
        ประเทศเมียนมาร์        ->  ประเทศเมียนมา

    Use instead
        The approved form shown in the finding.

    Fix safety
        Safe: the glossary names the one replacement.  `termcheck fix` makes it where the
        file holds exactly the text found (not across PO strings, an accelerator or an XML
        entity) and the file's format can take the replacement as it is.
    """

    code = "TC001"
    name = "forbidden-form"
    severity = Severity.ERROR
    summary = "a form the glossary forbids"
    kind = HitKind.FORBIDDEN

    def message(self, found: str, hit: Hit) -> str:
        return f"forbidden form '{found}': use '{hit.expected}'"


class NearMiss(TermRule):
    """What it does
        Reports text that is not the approved form of a term but is within a small weighted
        edit distance of it: a confusable letter (ใต้หวัน for ไต้หวัน, ษ for ศ), a dropped,
        added or wrong tone mark or thanthakhat, a vowel of the wrong length, ำ written า, a
        dropped or doubled letter.  Tone marks and confusable letters cost half an edit; the
        budget grows with the length of the term (none for 3 letters or fewer, 1 edit up to
        6, 1.5 up to 12, 2 beyond).  Text that is itself a Thai dictionary word is not
        reported: ฝ่ายนิติบัญญัติ is not a misspelt สภานิติบัญญัติ.

    Why it matters
        A misspelt name or title cannot be found by search and reads as careless.

    Example
        ใต้หวัน                ->  ไต้หวัน

    Use instead
        The approved form shown in the finding.  If the text is right, add it to the term's
        `allowed` forms, or set `fuzzy: false` on the term.

    Fix safety
        Unsafe: a near-miss may be a correct word the dictionary lacks, or a name.
        `termcheck fix` makes the fix only when it is confident (within one edit of the
        approved form, and no other approved form of any term within its own budget), and
        not at all with --no-near-misses; it is never offered to code scanning (SARIF).
        Other near-misses show the approved form as a suggestion only.
    """

    code = "TC002"
    name = "near-miss"
    severity = Severity.WARNING
    summary = "a near-miss of an approved term"
    kind = HitKind.NEAR_MISS

    def message(self, found: str, hit: Hit) -> str:
        return f"'{found}' looks like a misspelling of '{hit.expected}' ({hit.edits})"

    def fix_applicability(self, ctx: SegmentContext, hit: Hit,
                          found: str) -> Applicability | None:
        verdicts = ctx.linter.memo("near-miss-verdicts", _verdicts)
        key = (found, hit.expected)
        if key not in verdicts:
            if len(verdicts) > 100_000:
                verdicts.clear()
            table = ctx.linter.memo("near-miss-table", near_miss_table)
            verdicts[key] = confident(found, hit.expected, table)
        return Applicability.UNSAFE if verdicts[key] else Applicability.DISPLAY_ONLY


def _verdicts(index: TermIndex) -> dict[tuple[str, str], bool]:
    """Near-miss fixes judged so far, (found, approved) -> confident: text repeats its typos."""
    return {}


@dataclass(slots=True)
class _Forms:
    """The approved forms of one length and one number of separators that may have
    near-misses."""

    separators: int  # spacing and punctuation characters in each key
    keys: list[str]
    budgets: list[float]
    widest: float = 0.0  # the largest budget among them


NearMissTable = dict[int, dict[int, _Forms]]  # length without separators -> separators -> forms


def near_miss_table(index: TermIndex) -> NearMissTable:
    """Every approved form that may have near-misses, by its length without spacing and
    punctuation and its number of those: what `confident` compares a near-miss with."""
    table: NearMissTable = {}
    for info in index.terms:
        for key, budget in info.budgets.items():
            if budget > 0:
                bare = strip_separators(key)
                separators = len(key) - len(bare)
                forms = table.setdefault(len(bare), {}).setdefault(
                    separators, _Forms(separators, [], []))
                forms.keys.append(key)
                forms.budgets.append(budget)
                forms.widest = max(forms.widest, budget)
    return table


def confident(found_text: str, expected_text: str, table: NearMissTable | None = None) -> bool:
    """A near-miss certain enough to fix: within CONFIDENT_DISTANCE of the approved form,
    and (given `near_miss_table` of the compiled glossary) within the budget of no other
    approved form of any term: one candidate."""
    found, expected = normalize_key(found_text), normalize_key(expected_text)
    if not found or weighted_distance(expected, found) > CONFIDENT_DISTANCE:
        return False
    if table is None:
        return True
    # Every edit costs at least 0.5 but inserting or deleting spacing and punctuation, which
    # costs 0; so a form more than 2 x budget letters longer or shorter, or more than
    # 2 x budget + separators plain edits away, cannot be within its budget.  The plain
    # distances are rapidfuzz's, over a group of forms at once, in C.
    bare = strip_separators(found)
    size, found_separators = len(bare), len(found) - len(bare)
    for length in range(size - 4, size + 5):
        for forms in table.get(length, {}).values():
            if abs(length - size) > 2 * forms.widest:
                continue
            slack = 2 * forms.widest + forms.separators + found_separators
            for key, _, n in process.extract(found, forms.keys, scorer=Levenshtein.distance,
                                             score_cutoff=int(slack), limit=None):
                budget = forms.budgets[n]
                if key != expected and weighted_distance(key, found) <= budget and (
                        abs(length - size) <= 2 * budget):
                    return False
    return True


class SpacingPunctuation(TermRule):
    """What it does
        Reports an approved term written with missing or extra spaces, different
        punctuation, Thai instead of Arabic digits, or several spaces in a row inside it.

    Why it matters
        Thai has no spaces between words, so a space inside a term breaks it in two for
        search and line breaking, and a missing space before a parenthesis goes against the
        Royal Society's spacing rules.

    Example
        สาธารณรัฐจีน(ไต้หวัน)   ->  สาธารณรัฐจีน (ไต้หวัน)
        โควิด 19               ->  โควิด-19

    Use instead
        The approved form shown in the finding.

    Fix safety
        Safe: the letters are the approved form's, only spacing, punctuation or digits
        differ; written where the file holds exactly the text found, as for TC001.
    """

    code = "TC003"
    name = "spacing-punctuation"
    severity = Severity.WARNING
    summary = "an approved term with different spacing, punctuation or digits"
    kind = HitKind.VARIANT

    def message(self, found: str, hit: Hit) -> str:
        detail = hit.edits or defects_text(hit.defects)
        return (f"'{found}' differs from '{hit.expected}' in spacing or punctuation "
                f"({detail})")


class Case(TermRule):
    """What it does
        For terms declared `case_sensitive: true`, reports the term written in another
        Latin casing.

    Why it matters
        Acronyms and codes have one official casing (INTERPOL, I-24/7).

    Example
        Interpol               ->  INTERPOL

    Use instead
        The approved casing shown in the finding.

    Fix safety
        Safe: only the letter case changes; written as for TC001.
    """

    code = "TC004"
    name = "case"
    severity = Severity.WARNING
    summary = "a case-sensitive term in another casing"
    kind = HitKind.MISCASED

    def message(self, found: str, hit: Hit) -> str:
        return f"'{found}' should be written '{hit.expected}'"


class BrokenUnicode(TermRule):
    """What it does
        Reports an approved term that renders correctly but is stored with broken Unicode
        inside it: sara am written as nikhahit + sara aa (ํา), marks in the wrong order or
        typed twice, two different tone marks, zero-width spaces, joiners, soft hyphens, เเ
        for แ, ๅ for า, private-use font code points from PDFs, fullwidth characters.

    Why it matters
        The text looks right but cannot be found by search, breaks spell checking and word
        segmentation, and may render with dotted circles in other fonts.  A zero-width
        space just before or after a term is a legitimate line-break hint and is not
        reported.

    Example
        ตํารวจ (U+0E4D U+0E32)  ->  ตำรวจ (U+0E33)

    Use instead
        Retype the term, or copy the approved form from the finding.

    Fix safety
        Safe: the text is replaced by the approved form as the glossary writes it, which
        reads the same; written as for TC001.  No fix where the glossary's own form is not
        in normal form (the fix would be reported again).
    """

    code = "TC005"
    name = "broken-unicode"
    severity = Severity.WARNING
    summary = "an approved term with broken Unicode inside it"
    kind = HitKind.BROKEN

    def message(self, found: str, hit: Hit) -> str:
        return f"'{hit.expected}' contains broken Unicode: {defects_text(hit.defects)}"

    def fix_applicability(self, ctx: SegmentContext, hit: Hit,
                          found: str) -> Applicability | None:
        return None if normalize(hit.expected).defects else Applicability.SAFE


class AllowedForm(TermRule):
    """What it does
        With --strict (or `strict = true`), only a term's target counts as correct: a use
        of one of its allowed forms is reported, with the target.

    Why it matters
        Lenient and strict conformance differ widely on real files (Firefox iOS uses
        ที่คั่นหน้า for bookmark everywhere, never บุ๊กมาร์ก); strict mode shows how far a
        project is from the preferred term.

    Example
        (strict) ที่คั่นหน้า -> บุ๊กมาร์ก

    Use instead
        The target.

    Fix safety
        Display only: an allowed form is correct, and whether to move to the target is the
        project's decision; the target is shown, never written.
    """

    code = "TC104"
    name = "allowed-form"
    severity = Severity.INFO
    summary = "an allowed form where --strict wants the target"
    kind = HitKind.ALLOWED
    needs = frozenset({"allowed"})
    applicability = Applicability.DISPLAY_ONLY

    def configured(self, settings: Settings) -> bool:
        return settings.strict

    def message(self, found: str, hit: Hit) -> str:
        return f"'{found}' is an allowed form; --strict wants '{hit.expected}'"


RULES = (ForbiddenForm(), NearMiss(), SpacingPunctuation(), Case(), BrokenUnicode(),
         AllowedForm())
