"""lint(paths) -> LintResult.  Never prints: reporters render the result."""

from __future__ import annotations

import bisect
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from termcheck import rules, suppress
from termcheck.bilingual.english import SourceIndex
from termcheck.checks import maiyamok
from termcheck.diagnostics import Finding, InputError
from termcheck.glossary.model import Glossary
from termcheck.match.index import TermIndex
from termcheck.match.scan import Match, Scanner
from termcheck.readers import MAX_LINE, ReadError, decode, reader_for
from termcheck.readers.base import Document, Segment
from termcheck.readers.base import line_starts as find_line_starts
from termcheck.thai.normalize import normalize

STDIN = "-"


@dataclass(slots=True)
class LintResult:
    """Everything a reporter needs."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    files_checked: int = 0
    unused_ignores: list[suppress.Directive] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 clean, 1 findings, 2 input or usage errors (errors win)."""
        if self.errors:
            return 2
        return 1 if self.findings else 0


# Processes pay for themselves only with enough files: each one loads the glossary again.
PARALLEL_MIN_FILES = 16


@dataclass(slots=True)
class FileReport:
    """What checking one file gave."""

    findings: list[Finding]
    errors: list[InputError]
    checked: bool = False  # the file could be read
    document: Document | None = None  # kept for bilingual files: consistency needs them
    directives: list[suppress.Directive] = field(default_factory=list)  # termcheck: ignore


_WORKER: Linter | None = None


def _start_worker(glossary: Glossary, settings: Settings) -> None:
    global _WORKER
    _WORKER = Linter(glossary, settings)


def _check_in_worker(item: tuple[int, str, Path]) -> tuple[int, FileReport]:
    assert _WORKER is not None
    number, display, path = item
    return number, _WORKER.check_file(display, path)


def _message(rule: str, found: str, expected: str, detail: str) -> str:
    if rule == rules.FORBIDDEN.code:
        return f"forbidden form '{found}': use '{expected}'"
    if rule == rules.MISSPELLING.code:
        return f"'{found}' looks like a misspelling of '{expected}' ({detail})"
    if rule == rules.SPACING.code:
        return f"'{found}' differs from '{expected}' in spacing or punctuation ({detail})"
    if rule == rules.CASE.code:
        return f"'{found}' should be written '{expected}'"
    if rule == rules.STRICT_ALLOWED.code:
        return f"'{found}' is an allowed form; --strict wants '{expected}'"
    return f"'{expected}' contains broken Unicode: {detail}"


def iter_files(paths: Sequence[str]) -> Iterator[tuple[str, Path | None, InputError | None]]:
    """Expand the command line into files: (display path, path, error)."""
    for given in paths:
        if given == STDIN:
            yield given, None, None
            continue
        path = Path(given)
        if path.is_dir():
            found = False
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and reader_for(name):
                        found = True
                        yield os.path.join(root, name), Path(root) / name, None
            if not found:
                yield given, None, InputError(given, None, "folder contains no files termcheck "
                                              "reads (.txt, .md, .markdown, .po, .pot, .xlf, "
                                              ".xliff)")
        elif path.is_file():
            yield given, path, None
        elif path.exists():
            yield given, None, InputError(given, None, "not a regular file")
        else:
            yield given, None, InputError(given, None, "no such file or folder")


@dataclass(frozen=True, slots=True)
class Settings:
    """How to lint, below the command line (which fills it in)."""

    include_fuzzy: bool = False  # check PO entries marked fuzzy
    strict: bool = False  # only the target is correct: allowed forms are reported too
    accelerator: str | None = None  # accelerator marker in PO/XLIFF; None: the format's own
    suppressions: bool = True  # honour termcheck: ignore directives and glossary contexts
    fuzzy_scale: float = 1.0  # multiplies every near-miss budget; 0: no near-misses
    maiyamok_space: bool | None = None  # [style]: a space before ๆ (True), attached (False)


class Linter:
    """A compiled glossary, ready to check any number of documents."""

    def __init__(self, glossary: Glossary, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.glossary = glossary
        self.index = TermIndex(glossary, fuzzy_scale=self.settings.fuzzy_scale)
        self.scanner = Scanner(self.index, strict=self.settings.strict)

    def read(self, display: str, data: bytes, name: str | None = None) -> Document:
        reader = reader_for(name or display)
        if reader is None:
            raise ReadError("unknown file type (termcheck reads .txt, .md, .markdown, .po, .pot, "
                            ".xlf and .xliff)")
        return reader(display, decode(data), accelerator=self.settings.accelerator)

    def check_document(self, doc: Document) -> tuple[list[Finding], list[InputError]]:
        line_starts = find_line_starts(doc.text)
        findings: list[Finding] = []
        errors: list[InputError] = []
        for segment in doc.segments:
            if segment.fuzzy and not self.settings.include_fuzzy:
                continue
            if len(segment.text) > MAX_LINE:
                line = bisect.bisect_right(line_starts, segment.offset)
                errors.append(InputError(doc.path, line, f"line is {len(segment.text):,} "
                                         f"characters long (limit {MAX_LINE:,}); not checked"))
                continue
            original = segment.original(doc.text)
            uses: set[int] | None = set() if segment.source is not None else None
            matches = self.scanner.scan(normalize(segment.text), original, uses)
            for match in matches:
                findings.append(self._finding(doc, line_starts, segment, original, match))
            if uses is not None:
                findings += self._missing_terms(doc, line_starts, segment, matches, uses)
            if self.settings.maiyamok_space is not None:
                findings += self._maiyamok(doc, line_starts, segment)
        return findings, errors

    def _maiyamok(self, doc: Document, line_starts: list[int],
                  segment: Segment) -> list[Finding]:
        """TC201, house style: the spacing before ๆ."""
        rule = rules.MAIYAMOK_SPACING
        return [self.make_finding(
            doc, line_starts, segment, segment.file_span(s.start, s.end), rule, term_id="",
            found=s.found, expected=s.expected, note="",
            message=f"'{s.found}': the house style writes '{s.expected}'")
            for s in maiyamok.check(segment.text, space_before=self.settings.maiyamok_space)]

    @cached_property
    def source_index(self) -> SourceIndex:
        return SourceIndex((number, source) for number, info in enumerate(self.index.terms)
                           for source in info.term.source)

    def _missing_terms(self, doc: Document, line_starts: list[int], segment: Segment,
                       matches: list[Match], uses: set[int]) -> list[Finding]:
        """TC101: a term in the source whose approved form the translation lacks.  Where a
        forbidden form or near-miss of the term stands instead, its finding says so."""
        assert segment.source is not None
        flagged = {m.term for m in matches}
        missing: list[Finding] = []
        for number in self.source_index.terms_in(segment.source):
            if number in uses or number in flagged:
                continue
            term = self.index.terms[number].term
            rule = rules.MISSING
            source = ", ".join(term.source)
            missing.append(self.make_finding(
                doc, line_starts, segment, segment.file_span(0, len(segment.text)), rule,
                term_id=term.id, found=segment.text, expected=term.target, note=term.note,
                message=f"the source has '{source}' but the translation lacks "
                        f"'{term.target}'"))
        return missing

    def _finding(self, doc: Document, line_starts: list[int], segment: Segment, original: str,
                 match: Match) -> Finding:
        term = self.index.terms[match.term].term
        rule = rules.get_rule(match.rule)
        assert rule is not None
        found = original[match.start:match.end]
        return self.make_finding(
            doc, line_starts, segment, segment.file_span(match.start, match.end), rule,
            term_id=term.id, found=found, expected=match.expected, note=term.note,
            message=_message(rule.code, found, match.expected, match.detail))

    def make_finding(self, doc: Document, line_starts: list[int], segment: Segment,
                     span: tuple[int, int], rule: rules.Rule, *, term_id: str, found: str,
                     expected: str, note: str, message: str) -> Finding:
        """A Finding at file offsets `span`, with line and column worked out."""
        start, end = span
        line = bisect.bisect_right(line_starts, start)
        line_start = line_starts[line - 1]
        end_line = bisect.bisect_right(line_starts, max(start, end - 1))
        line_end = doc.text.find("\n", line_start)
        line_text = doc.text[line_start:line_end if line_end >= 0 else len(doc.text)].rstrip("\r")
        return Finding(
            path=doc.path, line=line, column=start - line_start + 1, end_line=end_line,
            end_column=end - line_starts[end_line - 1] + 1, rule=rule.code,
            severity=rule.severity, term_id=term_id, found=found, expected=expected,
            message=message, note=note, line_text=line_text, offset=start,
            source=segment.source, context=segment.context,
        )

    def documents(self, paths: Iterable[str]) -> Iterator[Document]:
        """The readable documents among `paths` (files and folders), read as lint reads
        them; unreadable ones are skipped (lint reports them)."""
        for display, path, error in iter_files(list(paths)):
            if error is not None or path is None:
                continue
            try:
                yield self.read(display, path.read_bytes())
            except (ReadError, OSError):
                continue

    def check_file(self, display: str, path: Path | None, data: bytes | None = None,
                   name: str | None = None) -> FileReport:
        """Read and check one file (or `data`, standard input, read as `name`)."""
        try:
            if path is None:
                doc = self.read(display, data or b"", name)
            else:
                doc = self.read(display, path.read_bytes())
        except ReadError as exc:
            return FileReport([], [InputError(display, exc.line, exc.message)])
        except OSError as exc:
            return FileReport([], [InputError(display, None, f"cannot read: {exc.strerror}")])
        findings, errors = self.check_document(doc)
        bilingual = any(s.source is not None for s in doc.segments)
        return FileReport(findings, errors, checked=True, document=doc if bilingual else None,
                          directives=suppress.directives(doc.path, doc.text, name=name))

    def lint(self, paths: Iterable[str], *, stdin: bytes | None = None,
             stdin_name: str | None = None, jobs: int = 1,
             progress: Callable[[int, int], None] | None = None) -> LintResult:
        """Check every file; with jobs > 1 and enough files, in that many processes.  The
        result does not depend on the number of processes."""
        items = list(iter_files(list(paths)))
        reports: list[FileReport | None] = [None] * len(items)
        pending: list[int] = []
        for i, (display, path, error) in enumerate(items):
            if error is not None:
                reports[i] = FileReport([], [error])
            elif path is None:  # --stdin-filename names the draft, as editors expect
                name = stdin_name or "stdin.txt"
                reports[i] = self.check_file(stdin_name or display, None, stdin, name)
            else:
                pending.append(i)
        for done, (i, report) in enumerate(self._run(items, pending, jobs), 1):
            reports[i] = report
            if progress is not None:
                progress(done, len(pending))
        result = LintResult()
        bilingual: list[tuple[Document, Segment]] = []  # for consistency across the run
        directives: dict[str, list[suppress.Directive]] = {}
        for report in reports:
            assert report is not None
            result.findings.extend(report.findings)
            result.errors.extend(report.errors)
            result.files_checked += report.checked
            if report.directives:
                directives[report.directives[0].path] = report.directives
            if report.document is not None:
                bilingual += [(report.document, s) for s in report.document.segments
                              if s.source is not None
                              and (self.settings.include_fuzzy or not s.fuzzy)]
        result.findings.extend(self.consistency(bilingual))
        # Suppressions last, so a directive also silences TC102/TC103 on its line; glossary
        # contexts first, so a directive only a context made needless shows as unused.
        if self.settings.suppressions:
            terms = {t.id: t for t in self.glossary.terms}
            findings = suppress.drop_term_contexts(result.findings, terms)
            result.findings, result.unused_ignores = suppress.apply(findings, directives)
            result.errors += suppress.invalid_errors(d for ds in directives.values() for d in ds)
        result.findings.sort(key=Finding.sort_key)
        return result

    def _run(self, items: list, pending: list[int],
             jobs: int) -> Iterator[tuple[int, FileReport]]:
        if jobs <= 1 or len(pending) < PARALLEL_MIN_FILES:
            for i in pending:
                yield i, self.check_file(items[i][0], items[i][1])
            return
        with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                                 initargs=(self.glossary, self.settings)) as pool:
            work = [(i, items[i][0], items[i][1]) for i in pending]
            chunk = max(1, len(work) // (jobs * 8))
            yield from pool.map(_check_in_worker, work, chunksize=chunk)

    def consistency(self, items: list[tuple[Document, Segment]]) -> list[Finding]:
        """TC102/TC103 over the translated segments of every bilingual file of the run."""
        if not items:
            return []
        from termcheck.bilingual.consistency import KnownTerm, Unit, find_inconsistencies

        units = [Unit(doc.path, n, segment.source or "", segment.text, segment.context)
                 for n, (doc, segment) in enumerate(items)]
        terms = [info.term for info in self.index.terms]
        # every glossary term with a source: several forms are counted against each other,
        # and a term's word is not "discovered" again (TC101 already covers it)
        known = [KnownTerm(tuple(t.source), (t.target, *t.allowed), t.id)
                 for t in terms if t.source]
        notes = {t.id: t.note for t in terms}
        starts_of: dict[int, list[int]] = {}
        findings: list[Finding] = []
        for found in find_inconsistencies(units, lexicon=self.index.lexicon, known_terms=known):
            doc, segment = items[found.unit.index]
            starts = starts_of.setdefault(id(doc), find_line_starts(doc.text))
            rule = rules.get_rule(found.rule)
            assert rule is not None
            findings.append(self.make_finding(
                doc, starts, segment, segment.file_span(found.start, found.end), rule,
                # a word not in the glossary has no id: the source word stands in for it
                term_id=found.term_id or (found.term if found.rule == "TC103" else ""),
                found=found.found, expected=found.expected,
                note=notes.get(found.term_id, ""), message=found.message))
        return findings
