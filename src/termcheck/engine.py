"""The one place settings become a result: `load(settings)` compiles the glossaries into a
`Linter`, and `Linter.lint(paths)` reads the files, runs the rules the settings turn on
(re-graded as they say) and applies suppressions and the baseline.  The command line only
resolves settings, calls termcheck.api.lint_paths, renders the result and exits with
`LintResult.exit_code`.  Never prints.

`Linter` is a compiled glossary with its settings, for checking many documents: the command
line's run, `termcheck fix` checking a fixed text again (`lint_text`), the tests.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from termcheck import suppress
from termcheck.context import RunContext, SegmentContext
from termcheck.diagnostics import Finding, InputError, LintResult, Severity
from termcheck.fileio import os_error_text, read_file
from termcheck.files import STDIN, Expanded, display_path, expand
from termcheck.glossary.model import Glossary, Term
from termcheck.match.hits import Scan
from termcheck.match.index import TermIndex
from termcheck.match.scan import Scanner
from termcheck.readers import MAX_LINE, ReadError, decode, extensions_text, format_for
from termcheck.readers.base import Document, LineMap, Segment
from termcheck.rules import Rule, all_rules
from termcheck.settings import Settings
from termcheck.thai.normalize import Normalized, normalize

__all__ = ["STDIN", "LintResult", "Linter", "default_glossaries", "load"]

# Processes pay for themselves only with enough files: each is a fork of this process (or,
# where there is no fork, loads the glossary again).
PARALLEL_MIN_FILES = 16
_SURROGATE = re.compile("[\ud800-\udfff]")
DEFAULT_GLOSSARY_NAMES = ("glossary.yaml", "glossary.yml", "glossary.tsv", "glossary.csv")
Progress = Callable[[int, int], None]
T = TypeVar("T")


def bundled_glossaries() -> list[Path]:
    """The glossaries shipped with termcheck (in the wheel, or in a source checkout)."""
    from importlib import resources

    try:
        packaged = resources.files("termcheck") / "glossaries"
        if packaged.is_dir():
            return sorted(Path(str(p)) for p in packaged.iterdir() if p.name.endswith(".yaml"))
    except (ModuleNotFoundError, OSError):  # pragma: no cover - unusual installs
        pass
    checkout = Path(__file__).resolve().parents[2] / "glossaries"
    return sorted(checkout.glob("*.yaml")) if checkout.is_dir() else []


def default_glossaries() -> list[Path]:
    """No glossary configured: a glossary file in the current folder, else the bundled one."""
    for name in DEFAULT_GLOSSARY_NAMES:
        if Path(name).is_file():
            return [Path(name)]
    return bundled_glossaries()


@dataclass(slots=True)
class FileReport:
    """What checking one file gave."""

    findings: list[Finding]
    errors: list[InputError]
    checked: bool = False  # the file could be read
    document: Document | None = None  # kept for bilingual files: consistency needs them
    directives: list[suppress.Directive] = field(default_factory=list)  # termcheck: ignore
    path: str = ""  # the display path of the document read
    text: str | None = None  # its text, when the reporters may need it (it has findings)
    segments: int = 0  # segments checked
    uses: Counter[str] = field(default_factory=Counter)  # term id -> segments using it


_WORKER: Linter | None = None


def _start_worker(glossary: Glossary, settings: Settings, count_uses: bool) -> None:
    global _WORKER
    _WORKER = Linter(glossary, settings, count_uses=count_uses)


def _check_in_worker(item: tuple[int, str, Path]) -> tuple[int, FileReport]:
    assert _WORKER is not None
    number, display, path = item
    return number, _WORKER.check_file(display, path)


class Linter:
    """A compiled glossary and the rules its settings turn on, ready to check any number of
    documents.  `count_uses`: also count, per term, the segments that use it correctly
    (LintResult.term_uses; `termcheck glossary stats`)."""

    def __init__(self, glossary: Glossary, settings: Settings | None = None, *,
                 count_uses: bool = False, index: TermIndex | None = None) -> None:
        self.settings = settings or Settings()
        self.glossary = glossary
        self.count_uses = count_uses
        # `index`: the glossary compiled already (the cache), with the settings' scale
        self.index = index or TermIndex(glossary, fuzzy_scale=self.settings.near_miss_scale)
        self.scanner = Scanner(self.index)
        self.rules = [r for r in all_rules() if r.configured(self.settings)
                      and self.settings.rule(r.code).enabled is not False]
        self.segment_rules = [r for r in self.rules if not r.per_run]
        self.run_rules = [r for r in self.rules if r.per_run]
        self.needs = frozenset().union(*(r.needs for r in self.rules))
        self._severity = {r.code: self.settings.rule(r.code).severity or r.severity
                          for r in self.rules}
        self._memo: dict[str, Any] = {}

    @cached_property
    def terms_by_id(self) -> dict[str, Term]:
        return {t.id: t for t in self.glossary.terms}

    def severity_of(self, rule: Rule) -> Severity:
        return self._severity.get(rule.code, rule.severity)

    def memo(self, key: str, build: Callable[[TermIndex], T]) -> T:
        """What a rule compiles from the glossary once (`build(index)`), kept by `key`."""
        if key not in self._memo:
            self._memo[key] = build(self.index)
        found: T = self._memo[key]
        return found

    # -- one document ----------------------------------------------------------------------

    def read(self, display: str, data: bytes, name: str | None = None) -> Document:
        """The document of a file's bytes, read as the file `name` (default: `display`)."""
        return self.parse(display, decode(data), name)

    def parse(self, display: str, text: str, name: str | None = None) -> Document:
        """The document of a decoded text, read by the format of `name` (or `display`)."""
        fmt = format_for(name or display)
        if fmt is None:
            raise ReadError(f"unknown file type (termcheck reads {extensions_text()})")
        return fmt.read(display, text, accelerator=self.settings.accelerator)

    def scan(self, segment: Segment, original: str, norm: Normalized | None = None) -> Scan:
        """The matcher's hits in one segment, with what the active rules need besides
        (`norm`: the segment's text normalised, when the caller has it already)."""
        uses = self.count_uses or ("uses" in self.needs and segment.source is not None)
        return self.scanner.scan(norm or normalize(segment.text), original, uses=uses,
                                 allowed="allowed" in self.needs)

    def checked_segments(self, doc: Document) -> Iterator[Segment]:
        for segment in doc.segments:
            if segment.fuzzy and not self.settings.include_fuzzy:
                continue
            yield segment

    def check_document(self, doc: Document) -> tuple[list[Finding], list[InputError]]:
        """The findings of the segment rules in one document (no suppressions applied)."""
        report = FileReport([], [])
        self._check_document(doc, report)
        return report.findings, report.errors

    def _check_document(self, doc: Document, report: FileReport) -> None:
        lines = LineMap(doc.text)
        for segment in self.checked_segments(doc):
            if len(segment.text) > MAX_LINE:
                report.errors.append(InputError(
                    doc.path, lines.line_of(segment.offset), f"line is {len(segment.text):,} "
                    f"characters long (limit {MAX_LINE:,}); not checked"))
                continue
            report.segments += 1
            ctx = SegmentContext(self, doc, segment, lines)
            for rule in self.segment_rules:
                if segment.source is not None or not rule.bilingual:
                    report.findings.extend(rule.check(ctx))
            if self.count_uses:
                report.uses.update({self.index.terms[n].term.id for n in ctx.scan.uses})

    def load_file(self, display: str, path: Path) -> Document | InputError:
        """The document of the file at `path` (a regular file of at most
        fileio.MAX_FILE_BYTES, read with a bounded read), or why it cannot be read."""
        try:
            return self.read(display, read_file(path))
        except ReadError as exc:
            return InputError(display, exc.line, exc.message)
        except OSError as exc:
            return InputError(display, None, f"cannot read: {os_error_text(exc)}")

    def check_file(self, display: str, path: Path | None, data: bytes | None = None,
                   name: str | None = None) -> FileReport:
        """Read and check one file (or `data`, standard input, read as `name`)."""
        if path is not None:
            doc = self.load_file(display, path)
        else:
            try:
                doc = self.read(display, data or b"", name)
            except ReadError as exc:
                doc = InputError(display, exc.line, exc.message)
        return FileReport([], [doc]) if isinstance(doc, InputError) else self.report(doc)

    def report(self, doc: Document) -> FileReport:
        """Check a document that has been read."""
        report = FileReport([], [], checked=True, path=doc.path,
                            directives=suppress.from_comments(doc.path, doc.comments))
        self._check_document(doc, report)
        if any(s.source is not None for s in doc.segments):
            report.document = doc
        if report.findings or report.document is not None:
            report.text = doc.text
        return report

    # -- a run -----------------------------------------------------------------------------

    def lint(self, paths: Iterable[str], *, stdin: bytes | None = None,
             stdin_name: str | None = None, jobs: int | None = None,
             progress: Progress | None = None,
             baseline: Counter[str] | None = None) -> LintResult:
        """Check every file (folders walked; "-" is `stdin`, read as `stdin_name`); with
        more than one job and enough files, in that many processes.  The result does not
        depend on the number of processes.  `baseline`: the fingerprints of findings not to
        report (termcheck.baseline)."""
        return self.lint_expanded(list(expand(list(paths))), stdin=stdin,
                                  stdin_name=stdin_name, jobs=jobs, progress=progress,
                                  baseline=baseline)

    def lint_expanded(self, items: list[Expanded], *, stdin: bytes | None = None,
                      stdin_name: str | None = None, jobs: int | None = None,
                      progress: Progress | None = None,
                      baseline: Counter[str] | None = None) -> LintResult:
        """`lint` of paths files.expand has expanded (`termcheck fix` keeps them: the real
        name of each display path)."""
        reports: list[FileReport | None] = [None] * len(items)
        pending: list[int] = []
        for i, (display, path, error) in enumerate(items):
            if error is not None:
                reports[i] = FileReport([], [error])
            elif path is None:  # --stdin-filename names the draft, as editors expect
                name = stdin_name or "stdin.txt"
                shown = display_path(stdin_name) if stdin_name else display
                reports[i] = self.check_file(shown, None, stdin, name)
            else:
                pending.append(i)
        for done, (i, report) in enumerate(self._run(items, pending, jobs), 1):
            reports[i] = report
            if progress is not None:
                progress(done, len(pending))
        return self.combine([r for r in reports if r is not None], baseline=baseline)

    def lint_text(self, name: str, text: str) -> LintResult:
        """Check a text held in memory as the file `name` (its extension picks the reader),
        as `lint` checks that file alone: suppressions applied, consistency within the file,
        no baseline."""
        try:
            if _SURROGATE.search(text):  # no file decodes to one; text from elsewhere may
                raise ReadError("not valid Unicode: a lone surrogate code point")
            report = self.report(self.parse(name, text))
        except ReadError as exc:
            report = FileReport([], [InputError(name, exc.line, exc.message)])
        return self.combine([report])

    def documents(self, paths: Iterable[str], errors: list[InputError] | None = None
                  ) -> Iterator[Document]:
        """The readable documents among `paths` (files and folders), read as lint reads
        them; unreadable ones are skipped, their errors (lint's) added to `errors` if given."""
        for display, path, error in expand(list(paths)):
            if path is not None:
                found = self.load_file(display, path)
                if isinstance(found, Document):
                    yield found
                    continue
                error = found
            if error is not None and errors is not None:
                errors.append(error)

    def _run(self, items: list[tuple[str, Path | None, InputError | None]],
             pending: list[int], jobs: int | None) -> Iterator[tuple[int, FileReport]]:
        jobs = jobs or self.settings.jobs
        work = [(i, items[i][0], items[i][1]) for i in pending]
        if jobs <= 1 or len(pending) < PARALLEL_MIN_FILES:
            for i, display, path in work:
                yield i, self.check_file(display, path)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _WORKER
        if sys.platform == "linux":
            # The workers are forked from this process after the glossary is compiled, and
            # share it (copy-on-write; gc.freeze keeps the collector from touching its
            # pages) instead of loading and compiling it again each.
            self.index.lexicon.preload()  # the word lists and the segmenter's, shared too
            _WORKER = self
            pool = ProcessPoolExecutor(max_workers=jobs,
                                       mp_context=multiprocessing.get_context("fork"))
        else:  # no safe fork: each worker compiles the glossary again
            pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                                       initargs=(self.glossary, self.settings,
                                                 self.count_uses))
        try:
            with pool:
                chunk = max(1, len(work) // (jobs * 8))
                yield from pool.map(_check_in_worker, work, chunksize=chunk)
        finally:
            _WORKER = None

    def combine(self, reports: Sequence[FileReport], *,
                baseline: Counter[str] | None = None) -> LintResult:
        """One result from the files' reports: the run rules over every bilingual segment,
        then suppressions, the baseline, and the report order."""
        result = LintResult(term_uses=Counter() if self.count_uses else None)
        bilingual: list[tuple[Document, Segment]] = []  # for consistency across the run
        directives: dict[str, list[suppress.Directive]] = {}
        texts: dict[str, str] = {}
        for report in reports:
            result.findings.extend(report.findings)
            result.errors.extend(report.errors)
            result.files_checked += report.checked
            result.segments_checked += report.segments
            if result.term_uses is not None:
                result.term_uses.update(report.uses)
            if report.directives:
                directives[report.path] = report.directives
            if report.text is not None:
                texts[report.path] = report.text
            if report.document is not None:  # what was not checked is not compared either
                bilingual += [(report.document, s) for s in
                              self.checked_segments(report.document)
                              if s.source is not None and len(s.text) <= MAX_LINE]
        if bilingual and self.run_rules:
            ctx = RunContext(self, bilingual)
            for rule in self.run_rules:
                result.findings.extend(rule.check_run(ctx))
        self._suppress(result, directives)
        if baseline is not None:
            from termcheck.baseline import filter_new

            kept, result.baseline_suppressed = filter_new(result, baseline)
            result.findings = kept.findings
        result.findings.sort(key=Finding.sort_key)
        paths = {f.path for f in result.findings}
        result.documents = {p: t for p, t in texts.items() if p in paths}
        return result

    def _suppress(self, result: LintResult, directives: dict[str, list[suppress.Directive]]
                  ) -> None:
        """Suppressions last, so a directive also silences TC102/TC103 on its line; glossary
        contexts first, so a directive only a context made needless shows as unused."""
        if not self.settings.suppressions:
            return
        findings = suppress.drop_term_contexts(result.findings, self.terms_by_id)
        result.findings, result.unused_ignores = suppress.apply(findings, directives)
        result.errors += suppress.invalid_errors(d for ds in directives.values() for d in ds)


def load(settings: Settings, *, count_uses: bool = False) -> tuple[Linter, list[InputError]]:
    """A Linter for the settings' glossaries (the default ones when none is set), and the
    glossary errors (a bad entry is skipped; the drafts are still checked).  ConfigError
    when there is no glossary at all."""
    from termcheck.settings import ConfigError

    paths = list(settings.glossaries) or default_glossaries()
    if not paths:
        raise ConfigError("no glossary given and none found (use -g FILE)")
    from termcheck.cache import compile_glossaries

    glossary, index, errors = compile_glossaries(paths, settings.near_miss_scale,
                                                 cache=settings.cache)
    linter = Linter(glossary, settings, count_uses=count_uses, index=index)
    return linter, [InputError(display_path(path), line, message) for path, line, message in errors]
