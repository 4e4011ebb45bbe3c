"""`termcheck fix`: correct what is unambiguous, change nothing else.

Pure functions plus one writer:

- `plan(result)`: from a lint result, the edits to make in each file (`Edit`: a half-open span
  of code-point offsets in the decoded file text and its replacement) and the findings that
  stay findings;
- `apply(text, edits)`: the text with the edits made;
- `fix_file(path, edits, write=..., linter=...)`: read the file, check that every span still
  holds the text found, apply, check the fixed text again and fix what the first fix revealed
  (`settle`), and write the result atomically (files.atomic_write_bytes);
- `run(plan, write=..., linter=...)`: fix_file over every file of a plan, errors collected;
- `unified_diff(path, old, new)`: what `--diff` prints.

What gets fixed: a finding whose replacement is certain.

- TC001 forbidden form -> the term's target; TC003 spacing or punctuation -> the approved form;
  TC004 case -> the approved form; TC005 broken Unicode inside a term -> the approved form as
  written in the glossary.  (`fixable`, which the SARIF reporter also uses for its `fixes`.)
- TC002 near-misses only when confident (`confident`): a weighted distance of at most 1.0 from
  the approved form (one wrong, dropped or extra letter, or two half-cost edits such as a
  confusable letter, a tone mark or thanthakhat; the larger edits a long term's budget allows
  are left to a person), and, when the
  compiled glossary is given, no other approved form of any term within its near-miss budget
  of the text (so there is one candidate).  Every reported near-miss has already passed the
  engine's filters (not a dictionary word, not a shifted view of a longer word, not a name
  after a title, the approved form not there already).
- Never the bilingual findings (TC101-TC103), allowed forms under --strict (TC104) or house
  style: they have no single right replacement.

And only when the fix is unambiguous and touches nothing else:

- the finding's span is on one line and the file holds exactly the text found there (so no PO
  escape sequence, accelerator marker or XML entity inside it);
- the replacement has no line break or other control character; in PO it has no `"` or `\\`
  (they would need escaping), in XLIFF `&`, `<` and `>` are written as entities;
- no other finding's span overlaps it (both stay findings).  The whole-segment findings TC101
  and TC102 do not count as overlapping: they judge the whole translation, not a span;
- a TC005 whose approved form is itself not in normal form is left alone (the fix would be
  reported again).

Because only the bytes of the fixed spans change, everything else in the file stays as it was:
encoding and BOM, CRLF or LF line endings, a missing final newline, PO line wrapping (polib is
never asked to save: it would re-wrap long lines), XLIFF markup.  Permissions are kept by the
atomic write.  Fixing twice changes nothing the second time: a fix can let the word segmenter
see a term it could not see before (see `settle`), so the fixed text is checked again and
fixed again until nothing is left to fix (two rounds at most in practice).
"""

from __future__ import annotations

import codecs
import dataclasses
import difflib
import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from termcheck import rules
from termcheck.diagnostics import Finding, InputError
from termcheck.files import atomic_write_bytes
from termcheck.readers import ReadError, decode, reader_for
from termcheck.readers.markdown import read_markdown
from termcheck.readers.po import read_po
from termcheck.readers.xliff import read_xliff

if TYPE_CHECKING:
    from termcheck.engine import Linter, LintResult
    from termcheck.match.index import TermIndex

# Rules whose finding has exactly one right replacement: the expected form.
FIXABLE = frozenset({rules.FORBIDDEN.code, rules.SPACING.code, rules.CASE.code,
                     rules.ENCODING.code})
# Near-misses, fixed only when confident (see `confident`).
NEAR_MISS = rules.MISSPELLING.code
CONFIDENT_DISTANCE = 1.0
# Findings about a whole translation: their "span" is the segment, they compete with no edit.
WHOLE_SEGMENT = frozenset({rules.MISSING.code, rules.INCONSISTENT_TRANSLATION.code})
# In PO and XLIFF the inserted text would need the format's escaping: SARIF offers no fix then.
_NEEDS_ESCAPING_BILINGUAL = frozenset('"\\&<>')
_PO_UNWRITABLE = frozenset('"\\')
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Characters that can make Markdown markup (code, emphasis, HTML, links, tables, escapes): a
# replacement that brings one in could turn prose into something else; left to a person.
_MARKDOWN_SYNTAX = frozenset("`*_<>[]\\|~")
STDIN = "-"


# -- which findings ------------------------------------------------------------------------


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def certain_span(f: Finding) -> bool:
    """The finding is on one line, names a different text, and the file holds exactly the
    text found at its region (not so where a PO string has an escape or an accelerator inside
    the span, or XLIFF an entity)."""
    if f.end_line != f.line or f.found == f.expected:
        return False
    if "\n" in f.expected or "\r" in f.expected:
        return False
    return f.line_text[f.column - 1:f.end_column - 1] == f.found


def fixable(f: Finding) -> bool:
    """A certain fix (TC001, TC003, TC004, TC005) that applies to the file as it stands, with
    the expected text inserted as it is (no escaping): what SARIF offers as `fixes`."""
    if f.rule not in FIXABLE or not certain_span(f):
        return False
    return f.source is None or not _NEEDS_ESCAPING_BILINGUAL.intersection(f.expected)


def near_miss_table(index: TermIndex) -> dict[int, list[tuple[str, float]]]:
    """Every approved form that may have near-misses (key, budget), by its length without
    spacing and punctuation: what `confident` compares a near-miss with."""
    from termcheck.thai.fold import strip_separators

    table: dict[int, list[tuple[str, float]]] = {}
    for info in index.terms:
        for key, budget in info.budgets.items():
            if budget > 0:
                table.setdefault(len(strip_separators(key)), []).append((key, budget))
    return table


def confident(f: Finding, table: dict[int, list[tuple[str, float]]] | None = None) -> bool:
    """A near-miss (TC002) certain enough to fix: within CONFIDENT_DISTANCE of the approved
    form, and (given `near_miss_table` of the compiled glossary) within the budget of no
    other approved form of any term: one candidate."""
    from termcheck.thai.fold import strip_separators, weighted_distance
    from termcheck.thai.normalize import normalize_key

    found, expected = normalize_key(f.found), normalize_key(f.expected)
    if not found or weighted_distance(expected, found) > CONFIDENT_DISTANCE:
        return False
    if table is None:
        return True
    # Inserting or deleting a letter costs at least 0.5 (spacing and punctuation cost 0):
    # a form more than 2 x budget letters longer or shorter cannot be within its budget.
    size = len(strip_separators(found))
    for length in range(size - 4, size + 5):
        for key, budget in table.get(length, ()):
            if (key != expected and abs(length - size) <= 2 * budget
                    and weighted_distance(key, found) <= budget):
                return False
    return True


def _format(path: str, bilingual: bool) -> str | None:
    """"po", "xliff", "markdown" or "text"; None when unknown."""
    reader = reader_for(path)
    if reader is read_po:
        return "po"
    if reader is read_xliff:
        return "xliff"
    if reader is read_markdown:
        return "markdown"
    if reader is not None or not bilingual:
        return "text"
    return None


def replacement(f: Finding, *, near_misses: bool = True,
                table: dict[int, list[tuple[str, float]]] | None = None) -> str | None:
    """The text to write over the finding's span in the file, or None: no certain fix."""
    if f.rule in FIXABLE:
        ok = certain_span(f)
    elif f.rule == NEAR_MISS and near_misses:
        ok = certain_span(f) and confident(f, table)
    else:
        return None
    if not ok or _has_control(f.expected):
        return None
    if f.rule == rules.ENCODING.code:
        from termcheck.thai.normalize import normalize

        if normalize(f.expected).defects:  # the approved form itself would be reported
            return None
    kind = _format(f.path, f.source is not None)
    if kind == "text":
        return f.expected
    if kind == "markdown":
        return None if _MARKDOWN_SYNTAX.intersection(set(f.expected) - set(f.found)) \
            else f.expected
    if kind == "po":
        return None if _PO_UNWRITABLE.intersection(f.expected) else f.expected
    if kind == "xliff":
        return f.expected.translate(_XML_ESCAPES)
    return None


# -- the plan -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace [start, end) of the decoded file text (code points, after any BOM)."""

    start: int
    end: int
    replacement: str
    finding: Finding

    def describe(self) -> str:
        """One line for --dry-run: path:line:column: CODE 'found' -> 'replacement'."""
        f = self.finding
        return f"{f.path}:{f.line}:{f.column}: {f.rule} '{f.found}' -> '{f.expected}'"


class Plan(NamedTuple):
    """What `plan` decided: the edits by file (only files with edits, each list sorted), and
    the findings that stay findings, in the result's order."""

    edits: dict[str, list[Edit]]
    remaining: list[Finding]

    @property
    def fixable_count(self) -> int:
        return sum(len(e) for e in self.edits.values())


def _region(f: Finding) -> tuple[tuple[int, int], tuple[int, int]]:
    return (f.line, f.column), (f.end_line, f.end_column)


def plan(result: LintResult | Iterable[Finding], *, near_misses: bool = True,
         index: TermIndex | None = None) -> Plan:
    """The edits that fix the result's findings where that is unambiguous (see the module
    docstring), by file path; every other finding is in `remaining`.  `index`: the linter's
    compiled glossary (Linter.index), for the single-candidate test of near-misses."""
    findings = list(getattr(result, "findings", result))
    table = near_miss_table(index) if index is not None and near_misses else None
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    edits: dict[str, list[Edit]] = {}
    fixed: set[int] = set()
    for path, here in by_path.items():
        if path == STDIN:
            continue
        spans = [(f, *_region(f)) for f in here if f.rule not in WHOLE_SEGMENT]
        chosen: list[Edit] = []
        for f in here:
            text = replacement(f, near_misses=near_misses, table=table)
            if text is None:
                continue
            start, end = _region(f)
            if any(other is not f and a < end and start < b for other, a, b in spans):
                continue  # overlapping findings are left to a person
            width = f.end_column - f.column
            chosen.append(Edit(f.offset, f.offset + width, text, f))
        if chosen:
            chosen.sort(key=lambda e: (e.start, e.end))
            edits[path] = chosen
            fixed.update(id(e.finding) for e in chosen)
    return Plan(edits, [f for f in findings if id(f) not in fixed])


def apply(text: str, edits: Sequence[Edit]) -> str:
    """`text` with the edits made; nothing outside their spans changes.  Edits must not
    overlap (ValueError)."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    pieces: list[str] = []
    at = 0
    for edit in ordered:
        if edit.start < at or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"overlapping or out-of-range edit at offset {edit.start}")
        pieces.append(text[at:edit.start])
        pieces.append(edit.replacement)
        at = edit.end
    pieces.append(text[at:])
    return "".join(pieces)


# -- files ----------------------------------------------------------------------------------

MAX_ROUNDS = 5  # fix, check again, fix what the first fix revealed ... at most this often
Select = Callable[[list[Finding]], list[Finding]]  # the findings the run reports


def check_text(linter: Linter, name: str, text: str, *,
               select: Select | None = None) -> list[Finding]:
    """The findings of `text` read as the file `name`, as `Linter.lint` gives them for that
    file alone (suppressions and glossary contexts applied; consistency within the file);
    `select` then keeps the ones the run reports (rules disabled by the configuration ...)."""
    result = linter.lint([STDIN], stdin=text.encode("utf-8"), stdin_name=name, jobs=1)
    return select(result.findings) if select is not None else result.findings


def settle(linter: Linter, name: str, text: str, edits: Sequence[Edit], *,
           near_misses: bool = True, select: Select | None = None,
           rounds: int = MAX_ROUNDS) -> tuple[str, list[list[Edit]], list[Finding]]:
    """Apply `edits`, check the result again and fix what is now found, until nothing is left
    to fix (at most `rounds` rounds of edits).

    A fix can reveal a finding the first check could not see: the word segmenter decides
    where a term may start, and it cuts ...ทูตก งสุล otherwise than ...ทูตกงสุล once กงสุล is
    fixed.  Checking again is what makes `fix` idempotent.  Returns the fixed text, the edits
    of each round (each in the offsets of the text before it) and the findings of the fixed
    text that remain."""
    history: list[list[Edit]] = []
    while True:
        edits = _in_cdata(name, text, edits)
        if edits:
            text = apply(text, edits)
            history.append(edits)
        findings = check_text(linter, name, text, select=select)
        if len(history) >= rounds:
            return text, history, findings
        again = plan(findings, near_misses=near_misses, index=linter.index)
        edits = again.edits.get(name, [])
        if not edits:
            return text, history, findings


@dataclass(slots=True)
class FileFix:
    """What fixing one file did (or would do)."""

    path: str
    old: str  # decoded text before (without BOM)
    new: str  # decoded text after
    rounds: list[list[Edit]] = field(default_factory=list)  # edits, round by round
    remaining: list[Finding] | None = None  # findings of the new text (with a linter)
    stale: bool = False  # the file no longer holds the text found: nothing done
    written: bool = False

    @property
    def applied(self) -> list[Edit]:
        return [edit for edits in self.rounds for edit in edits]

    @property
    def changed(self) -> bool:
        return self.new != self.old


def fix_file(path: str | Path, edits: Sequence[Edit], *, write: bool,
             linter: Linter | None = None, near_misses: bool = True,
             select: Select | None = None) -> FileFix:
    """Apply `edits` to the file at `path` (with `linter`: then check again and fix what the
    fix revealed, see `settle`); write it atomically, with the same BOM, line endings and
    permissions, only when `write` and something changes.  If any span no longer holds the
    text found (the file changed since it was checked), nothing is done and the result is
    `stale`.  Raises OSError (cannot read or write) and ReadError (not UTF-8)."""
    name = str(path)
    data = Path(path).read_bytes()
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    old = decode(data)
    if bom + old.encode("utf-8") != data:  # never: UTF-8 decoding is exact
        raise ReadError("the file does not re-encode to the same bytes; not fixed")
    if any(old[e.start:e.end] != e.finding.found for e in edits):
        return FileFix(name, old, old, stale=True)
    if linter is None:
        edits = _in_cdata(name, old, edits)
        new, rounds, remaining = apply(old, edits), [edits], None
    else:
        new, rounds, remaining = settle(linter, name, old, edits, near_misses=near_misses,
                                        select=select)
    fixed = FileFix(name, old, new, [r for r in rounds if r], remaining)
    if write and new != old:
        # through a symbolic link to the file it names (os.replace would replace the link)
        atomic_write_bytes(Path(os.path.realpath(path)), bom + new.encode("utf-8"))
        fixed.written = True
    return fixed


def _in_cdata(name: str, text: str, edits: Sequence[Edit]) -> list[Edit]:
    """XLIFF: inside a CDATA section the expected text is written as it is, not escaped (an
    edit whose text would end the section, "]]>", is dropped: left as a finding)."""
    if _format(name, True) != "xliff" or "<![CDATA[" not in text:
        return list(edits)
    kept: list[Edit] = []
    for edit in edits:
        opened = text.rfind("<![CDATA[", 0, edit.start)
        if opened < 0 or text.rfind("]]>", opened, edit.start) >= 0:
            kept.append(edit)  # not inside a CDATA section
        elif "]]>" not in edit.finding.expected:
            kept.append(dataclasses.replace(edit, replacement=edit.finding.expected))
    return kept


def _lines(text: str) -> list[str]:
    """Lines with their ends, split at LF only (as termcheck counts lines)."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def unified_diff(path: str | Path, old: str, new: str, *, context: int = 3) -> str:
    """A unified diff with git's a/ and b/ prefixes ("" when nothing changed)."""
    if old == new:
        return ""
    name = Path(path).as_posix().lstrip("/")
    name = name[2:] if name.startswith("./") else name
    out: list[str] = []
    for line in difflib.unified_diff(_lines(old), _lines(new), f"a/{name}", f"b/{name}",
                                     n=context):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


@dataclass(slots=True)
class Outcome:
    """What `run` did over every file of a plan."""

    files: list[FileFix] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)  # what is left to report

    @property
    def fixed(self) -> int:
        return sum(len(f.applied) for f in self.files)

    def summary(self) -> str:
        """fixed N, M remain."""
        return f"fixed {self.fixed}, {len(self.remaining)} remain"


def run(p: Plan, *, write: bool, linter: Linter | None = None, near_misses: bool = True,
        select: Select | None = None) -> Outcome:
    """fix_file for every file of the plan.  A file that cannot be read, decoded or written,
    or that changed since it was checked, is an error, and its findings remain.

    `remaining`: the plan's findings for the files left as they were; for a fixed file, with
    a linter, the findings of its fixed text, checked alone (so TC102/TC103, which compare the
    files of a run, are those of the file by itself), else the plan's."""
    outcome = Outcome()
    settled: set[str] = set()
    for path, edits in p.edits.items():
        try:
            done = fix_file(path, edits, write=write, linter=linter, near_misses=near_misses,
                            select=select)
        except ReadError as exc:
            outcome.errors.append(InputError(path, exc.line, exc.message))
            continue
        except OSError as exc:
            outcome.errors.append(InputError(path, None, f"cannot fix: {exc.strerror or exc}"))
            continue
        if done.stale:
            outcome.errors.append(InputError(path, None, "changed since it was checked; "
                                             "not fixed"))
            continue
        outcome.files.append(done)
        if done.remaining is not None:
            settled.add(path)
            outcome.remaining += done.remaining
        else:  # edits fix_file had to drop (see _in_cdata) leave their findings
            applied = {id(e.finding) for e in done.applied}
            outcome.remaining += [e.finding for e in edits if id(e.finding) not in applied]
    failed = {e.path for e in outcome.errors}
    outcome.remaining += [f for f in p.remaining if f.path not in settled]
    outcome.remaining += [e.finding for path in failed for e in p.edits[path]]
    outcome.remaining.sort(key=Finding.sort_key)
    return outcome
