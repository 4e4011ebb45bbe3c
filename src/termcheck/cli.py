"""Thin Typer commands: resolve settings, call the engine, render, exit.

Exit codes: 0 no findings, 1 findings, 2 usage or input error (input errors win).
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from importlib import import_module, resources
from pathlib import Path
from typing import Annotated

import typer

from termcheck import __version__, rules
from termcheck.diagnostics import InputError
from termcheck.files import atomic_write

app = typer.Typer(
    name="termcheck",
    help="Check Thai translations against glossaries of approved terms.",
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

DEFAULT_GLOSSARY_NAMES = ("glossary.yaml", "glossary.yml", "glossary.tsv", "glossary.csv")


class OutputFormat(str, Enum):
    human = "human"
    json = "json"
    sarif = "sarif"
    github = "github"
    concise = "concise"
    html = "html"


# Reporter modules by format (imported only when used: rich costs start-up time)
REPORTERS = {
    OutputFormat.human: "termcheck.reporters.human",
    OutputFormat.json: "termcheck.reporters.json_report",
    OutputFormat.sarif: "termcheck.reporters.sarif",
    OutputFormat.github: "termcheck.reporters.github",
    OutputFormat.concise: "termcheck.reporters.concise",
    OutputFormat.html: "termcheck.reporters.html",
}


def bundled_glossaries() -> list[Path]:
    """The glossaries shipped with termcheck (in the wheel, or in a source checkout)."""
    try:
        packaged = resources.files("termcheck") / "glossaries"
        if packaged.is_dir():
            return sorted(Path(str(p)) for p in packaged.iterdir() if p.name.endswith(".yaml"))
    except (ModuleNotFoundError, OSError):  # pragma: no cover - unusual installs
        pass
    checkout = Path(__file__).resolve().parents[2] / "glossaries"
    return sorted(checkout.glob("*.yaml")) if checkout.is_dir() else []


def default_glossaries() -> list[Path]:
    """No -g given: a glossary file in the current folder, else the bundled glossary."""
    for name in DEFAULT_GLOSSARY_NAMES:
        if Path(name).is_file():
            return [Path(name)]
    return bundled_glossaries()


PROGRESS_MIN_FILES = 50  # a bar for a run this long, when stderr is a terminal


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr for long runs at a terminal; None otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True, redirect_stdout=False,
                  redirect_stderr=False) as bar:
        task = None

        def update(done: int, total: int) -> None:
            nonlocal task
            if total < PROGRESS_MIN_FILES:
                return
            if task is None:
                task = bar.add_task("checking", total=total)
            bar.update(task, completed=done)

        yield update


def _error(message: str) -> None:
    print(f"termcheck: error: {message}", file=sys.stderr)


def _version(value: bool) -> None:
    if value:
        print(f"termcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Check Thai translations against glossaries of approved terms."""


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


@app.command()
def lint(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Files and folders to check (.txt, .md, .po, .xliff); '-' reads standard "
        "input.  Default: the config file's `include` globs.", show_default=False)] = None,
    glossary: Annotated[list[Path] | None, typer.Option(
        "--glossary", "-g", help="Glossary file (.yaml, .csv, .tsv); repeat to combine. "
        "Default: the config file's glossaries, else glossary.yaml (or .yml/.tsv/.csv) in "
        "the current folder, else the bundled Thai diplomatic and police glossary.")] = None,
    output_format: Annotated[OutputFormat | None, typer.Option(
        "--format", "-f", help="Output format: human (default), json, sarif (SARIF 2.1.0), "
        "github (Actions annotations), concise (path:line:col: CODE message) or html (one "
        "page, with --output).", show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write the report to FILE instead of standard "
        "output (written atomically).")] = None,
    stdin_filename: Annotated[str | None, typer.Option(
        "--stdin-filename", help="Name used for '-' (its extension picks the reader, "
        "e.g. draft.md).")] = None,
    fail_on: Annotated[FailOn | None, typer.Option(
        "--fail-on", help="Lowest severity that makes the exit code 1 (default: info, i.e. "
        "any finding).", show_default=False)] = None,
    include_fuzzy: Annotated[bool | None, typer.Option(
        "--include-fuzzy/--no-include-fuzzy", help="Also check PO entries marked fuzzy.",
        show_default=False)] = None,
    strict: Annotated[bool | None, typer.Option(
        "--strict/--no-strict", help="Only a term's target is correct: report its allowed "
        "forms too (TC104).", show_default=False)] = None,
    accelerator: Annotated[str | None, typer.Option(
        "--accelerator", help="Accelerator marker to remove from PO/XLIFF strings before "
        "matching (default: '_' for PO, none for XLIFF; '' for none).")] = None,
    report_unused_ignores: Annotated[bool, typer.Option(
        "--report-unused-ignores", help="Report 'termcheck: ignore' directives that "
        "suppress nothing.")] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Processes to use for many files (default: all cores).")
    ] = None,
    write_baseline_file: Annotated[Path | None, typer.Option(
        "--write-baseline", metavar="FILE", help="Record this run's findings in FILE; later "
        "runs with --baseline FILE report only new ones.")] = None,
    baseline_file: Annotated[Path | None, typer.Option(
        "--baseline", metavar="FILE", help="Report only findings not recorded in FILE "
        "(see --write-baseline).")] = None,
    fix: Annotated[bool, typer.Option(
        "--fix", help="Fix what is safe to fix first (see `termcheck fix`), then report what "
        "remains.")] = False,
    diff: Annotated[bool, typer.Option(
        "--diff", help="With --fix: print the fixes as a unified diff; write nothing.")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="With --fix: say what would change; write nothing.")] = False,
) -> None:
    """Check drafts for forbidden forms, near-misses and broken spellings of glossary terms.

    Settings come from the command line, then termcheck.toml or [tool.termcheck] in
    pyproject.toml (found by walking up from the current folder), then the defaults.
    """
    from termcheck import config as cfg

    known = _load_baseline(write_baseline_file, baseline_file)
    run = _prepare(paths, glossary, output_format, fail_on, include_fuzzy, strict, accelerator)
    resolved, files, stdin = run.resolved, run.files, run.stdin
    if fix:
        code = _fix(run, jobs=jobs, diff=diff, dry_run=dry_run, near_misses=True)
        if diff or dry_run or code == 2:
            raise typer.Exit(code)
    with _progress() as progress:
        result = run.linter.lint(files, stdin=stdin, stdin_name=stdin_filename,
                                 jobs=jobs or os.cpu_count() or 1, progress=progress)
    result.findings = cfg.apply_rules(result.findings, resolved)
    result.errors[:0] = run.glossary_errors
    for error in result.errors:
        _error(str(error))
    if report_unused_ignores:
        from termcheck.suppress import format_unused

        for directive in result.unused_ignores:
            print(f"termcheck: warning: {format_unused(directive)}", file=sys.stderr)
    if write_baseline_file:
        raise typer.Exit(_write_baseline(result, write_baseline_file))
    if known is not None:
        from termcheck.baseline import filter_new

        result, suppressed = filter_new(result, known)
        if suppressed:
            print(f"termcheck: {suppressed} findings in the baseline not shown", file=sys.stderr)
    _report(result, OutputFormat(resolved.format), output, stdin_name=stdin_filename,
            stdin=stdin)
    raise typer.Exit(cfg.exit_code(result, resolved.fail_on))


@dataclass(frozen=True, slots=True)
class _Run:
    """What a command needs once settings are resolved."""

    resolved: object  # config.Resolved
    linter: object  # engine.Linter
    files: list[str]
    stdin: bytes | None
    glossary_errors: list[InputError]


def _prepare(paths, glossary, output_format, fail_on, include_fuzzy, strict,
             accelerator) -> _Run:
    """Settings from the command line, then the config file, then the defaults; the
    glossaries loaded (errors kept: the drafts are still checked), the files to check."""
    from termcheck import config as cfg
    from termcheck.engine import Linter, Settings
    from termcheck.glossary.load import load_glossaries

    try:
        config_path = cfg.find_config(Path.cwd())
        config = cfg.load_config(config_path) if config_path else cfg.Config()
        resolved = cfg.merge(config, cfg.Options(
            glossaries=glossary, format=output_format.value if output_format else None,
            fail_on=fail_on.value if fail_on else None, include_fuzzy=include_fuzzy,
            strict=strict, accelerator=accelerator))
        files = cfg.select_files(paths or [], config)
    except cfg.ConfigError as exc:
        _error(str(exc))
        raise typer.Exit(2) from None
    glossary_paths = list(resolved.glossaries) or default_glossaries()
    if not glossary_paths:
        _error("no glossary given and none found (use -g FILE)")
        raise typer.Exit(2)
    loaded, glossary_errors = load_glossaries(glossary_paths)
    stdin = sys.stdin.buffer.read() if "-" in files else None
    settings = Settings(include_fuzzy=resolved.include_fuzzy, strict=resolved.strict,
                        accelerator=resolved.accelerator, fuzzy_scale=resolved.fuzzy_scale,
                        maiyamok_space=resolved.style.maiyamok_space)
    errors = [InputError(e.path, e.line, e.message) for e in glossary_errors]
    return _Run(resolved, Linter(loaded, settings), files, stdin, errors)


def _fix(run: _Run, *, jobs: int | None, diff: bool, dry_run: bool, near_misses: bool) -> int:
    """Fix what is safe to fix; print the diff, the plan or nothing; the exit code."""
    from termcheck import config as cfg
    from termcheck import fix as fixing
    from termcheck.engine import LintResult

    if "-" in run.files:
        _error("standard input cannot be fixed in place (give file paths)")
        return 2
    result = run.linter.lint(run.files, jobs=jobs or os.cpu_count() or 1)

    def select(findings):
        return cfg.apply_rules(findings, run.resolved)

    result.findings = select(result.findings)
    plan = fixing.plan(result, near_misses=near_misses, index=run.linter.index)
    outcome = fixing.run(plan, write=not (diff or dry_run), linter=run.linter,
                         near_misses=near_misses, select=select)
    errors = [*run.glossary_errors, *result.errors, *outcome.errors]
    for error in errors:
        _error(str(error))
    for file_fix in outcome.files:
        if diff:
            sys.stdout.write(fixing.unified_diff(file_fix.path, file_fix.old, file_fix.new))
        elif dry_run:
            for edit in file_fix.applied:
                print(edit.describe())
    verb = "would fix" if diff or dry_run else "fixed"
    print(f"termcheck: {outcome.summary().replace('fixed', verb, 1)}", file=sys.stderr)
    remaining = LintResult(findings=list(outcome.remaining), errors=errors)
    if (diff or dry_run) and outcome.fixed and not errors:
        return 1  # something would change (as a check in CI wants to know)
    return cfg.exit_code(remaining, run.resolved.fail_on)


@app.command(name="fix")
def fix_command(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Files and folders to fix (default: the config file's `include` globs).",
        show_default=False)] = None,
    glossary: Annotated[list[Path] | None, typer.Option(
        "--glossary", "-g", help="Glossary file; repeat to combine (default as for lint).")
    ] = None,
    diff: Annotated[bool, typer.Option(
        "--diff", help="Print the fixes as a unified diff; write nothing.")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Say what would change; write nothing.")] = False,
    near_misses: Annotated[bool, typer.Option(
        "--near-misses/--no-near-misses", help="Also fix confident near-misses (TC002).")
    ] = True,
    include_fuzzy: Annotated[bool | None, typer.Option(
        "--include-fuzzy/--no-include-fuzzy", help="Also fix PO entries marked fuzzy.",
        show_default=False)] = None,
    accelerator: Annotated[str | None, typer.Option(
        "--accelerator", help="Accelerator marker in PO/XLIFF strings (as for lint).")] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Processes to use for many files (default: all cores).")
    ] = None,
) -> None:
    """Fix what is unambiguous: forbidden forms, confident near-misses, spacing, case and
    broken Unicode inside terms.  Only the fixed spans change; files are written atomically.
    Exit 0 when nothing remains, 1 when findings remain, 2 on errors."""
    run = _prepare(paths, glossary, None, None, include_fuzzy, None, accelerator)
    raise typer.Exit(_fix(run, jobs=jobs, diff=diff, dry_run=dry_run, near_misses=near_misses))


def _load_baseline(write_file: Path | None, read_file: Path | None):
    """The baseline's fingerprints (None without --baseline); a bad one fails at once."""
    from termcheck.baseline import BaselineError, load_baseline

    if write_file and read_file:
        _error("use either --write-baseline or --baseline, not both")
        raise typer.Exit(2)
    if not read_file:
        return None
    try:
        return load_baseline(read_file)
    except BaselineError as exc:
        _error(str(exc))
        raise typer.Exit(2) from None


def _write_baseline(result, path: Path) -> int:
    """Write the baseline; the exit code."""
    from termcheck.baseline import BaselineError, write_baseline

    if result.errors:  # some files were not checked: the baseline would be incomplete
        _error(f"{path}: not written, since some input could not be checked")
        return 2
    try:
        count = write_baseline(result, path)
    except BaselineError as exc:
        _error(str(exc))
        return 2
    print(f"termcheck: wrote {count} findings to {path}", file=sys.stderr)
    return 0


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Folder to write termcheck.toml and "
                                           "glossary.yaml in.")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Write a commented starter termcheck.toml and glossary.yaml."""
    from termcheck.config import ConfigError, init_files

    try:
        written = init_files(folder, force=force)
    except ConfigError as exc:
        _error(str(exc))
        raise typer.Exit(2) from None
    for path in written:
        print(f"termcheck: wrote {path}", file=sys.stderr)


def _report(result, output_format: OutputFormat, output: Path | None, *,
            stdin_name: str | None, stdin: bytes | None) -> None:
    """Render to stdout, or to `output` through a temporary file renamed into place."""
    reporter = import_module(REPORTERS[output_format])
    extra = {}
    if output_format is OutputFormat.html:  # the page shows each draft with its findings
        from termcheck.readers import ReadError, decode

        try:
            stdin_text = decode(stdin) if stdin else None
        except ReadError:
            stdin_text = None
        extra["documents"] = reporter.read_documents(
            (f.path for f in result.findings), stdin_path=stdin_name or "-",
            stdin_text=stdin_text)
    if output is None:
        reporter.render(result, sys.stdout, **extra)
        return
    buffer = io.StringIO()
    reporter.render(result, buffer, **extra)
    try:
        atomic_write(output, buffer.getvalue())
    except OSError as exc:
        _error(f"{output}: cannot write the report: {exc.strerror}")
        raise typer.Exit(2) from None


@app.command()
def explain(
    code: Annotated[str | None, typer.Argument(help="A rule code such as TC001; "
                                               "omit to list all rules.")] = None,
) -> None:
    """Describe a rule: what it reports, why, an example and what to write instead."""
    if code is None:
        for rule in rules.all_rules():
            print(f"{rule.code}  {rule.name:<25} {rule.severity:<8} {rule.summary}")
        return
    rule = rules.get_rule(code)
    if rule is None:
        known = ", ".join(r.code for r in rules.all_rules())
        _error(f"unknown rule '{code}' (known rules: {known})")
        raise typer.Exit(2)
    print(f"{rule.code} {rule.name} (default severity: {rule.severity})\n")
    print(rule.doc.rstrip())


# -- termcheck glossary ...: check, stats, suggest, import, export ---------------------------

glossary_app = typer.Typer(
    help="Keep glossaries healthy: check them, see how they are used, grow them.",
    no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None)
app.add_typer(glossary_app, name="glossary")


@glossary_app.command("check")
def glossary_check(
    files: Annotated[list[Path], typer.Argument(help="Glossary files (.yaml, .csv, .tsv).")],
) -> None:
    """Report schema errors, duplicate ids, conflicting targets, forbidden forms that are
    approved elsewhere, broken Unicode in entries, approved forms close enough to be
    confused, and entries whose examples fail.  Exit 1 when there are problems."""
    from termcheck.glossary.check import check_glossaries, exit_code

    problems = check_glossaries(files)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in "
          f"{len(files)} glossar{'ies' if len(files) != 1 else 'y'}.", file=sys.stderr)
    raise typer.Exit(exit_code(problems))


@glossary_app.command("stats")
def glossary_stats(
    glossary: Annotated[Path, typer.Argument(help="The glossary.")],
    paths: Annotated[list[str], typer.Argument(help="Drafts and folders to count in.")],
    limit: Annotated[int, typer.Option("--limit", help="Rows per table (0: all).")] = 0,
) -> None:
    """Which terms occur in the corpus and how often, which never do, and which forbidden
    forms are still in use."""
    from termcheck.glossary.stats import format_stats, stats

    result = stats([glossary], paths)
    for error in [*result.glossary_errors, *result.errors]:
        _error(str(error))
    print(format_stats(result, limit=limit))
    raise typer.Exit(2 if result.errors or result.glossary_errors else 0)


@glossary_app.command("suggest")
def glossary_suggest(
    paths: Annotated[list[str], typer.Argument(help="PO and XLIFF files or folders.")],
    glossary: Annotated[list[Path] | None, typer.Option(
        "--glossary", "-g", help="Glossaries whose terms are already settled.")] = None,
    min_units: Annotated[int, typer.Option(
        "--min-units", min=5, help="Segments a source word must be in.")] = 5,
    include_fuzzy: Annotated[bool, typer.Option(
        "--include-fuzzy", help="Count PO entries marked fuzzy too.")] = False,
) -> None:
    """Propose glossary entries, as YAML to curate, for frequent source words whose Thai
    renderings disagree in bilingual files (with the counts and examples)."""
    from termcheck.glossary.suggest import suggest

    sys.stdout.write(suggest(paths, glossary_paths=glossary or (), min_units=min_units,
                             include_fuzzy=include_fuzzy))


class GlossaryFormat(str, Enum):
    yaml = "yaml"
    tbx = "tbx"
    csv = "csv"
    tsv = "tsv"
    opentle = "opentle"
    xlsx = "xlsx"
    po = "po"


def _print_messages(messages: list[str]) -> None:
    for message in messages:
        print(f"termcheck: {message}", file=sys.stderr)
    # one line a reason: "FILE:LINE: skipped: empty target" -> "skipped: empty target"
    reasons = Counter(re.sub(r"\d+", "N", m.split(": ", 1)[-1].split(" (")[0])
                      for m in messages)
    for reason, count in reasons.most_common():
        print(f"termcheck: {count:>6,} x {reason}", file=sys.stderr)


@glossary_app.command("import")
def glossary_import(
    source: Annotated[Path, typer.Argument(help="TBX, CSV/TSV (also the OpenTLE layout), "
                                            "XLSX or PO compendium.")],
    dest: Annotated[Path, typer.Argument(help="The glossary to write (.yaml, or any format "
                                          "export writes).")],
    source_format: Annotated[GlossaryFormat | None, typer.Option(
        "--format", help="Format of SOURCE when its extension does not say.")] = None,
) -> None:
    """Convert another glossary into termcheck's format, saying what was skipped and why."""
    from termcheck.glossary.formats import export_glossary, import_glossary
    from termcheck.glossary.model import GlossaryError

    try:
        glossary, messages = import_glossary(
            source, format=source_format.value if source_format else None)
        messages += export_glossary(glossary, dest)
    except GlossaryError as exc:
        _error(str(exc))
        raise typer.Exit(2) from None
    _print_messages(messages)
    print(f"termcheck: wrote {len(glossary.terms)} terms to {dest}", file=sys.stderr)


@glossary_app.command("export")
def glossary_export(
    sources: Annotated[list[Path], typer.Argument(help="termcheck glossaries, then the file "
                                                  "to write (.tbx, .csv, .tsv, .xlsx, .po)."
                                                  )],
    dest_format: Annotated[GlossaryFormat | None, typer.Option(
        "--format", help="Format to write when the extension does not say.")] = None,
) -> None:
    """Write termcheck glossaries in another format (TBX keeps every field)."""
    from termcheck.glossary.formats import export_glossary
    from termcheck.glossary.load import load_glossaries
    from termcheck.glossary.model import GlossaryError

    if len(sources) < 2:
        _error("give the glossaries to export, then the file to write")
        raise typer.Exit(2)
    *inputs, dest = sources
    glossary, errors = load_glossaries(inputs)
    for error in errors:
        _error(str(error))
    try:
        messages = export_glossary(glossary, dest,
                                   format=dest_format.value if dest_format else None)
    except GlossaryError as exc:
        _error(str(exc))
        raise typer.Exit(2) from None
    _print_messages(messages)
    print(f"termcheck: wrote {len(glossary.terms)} terms to {dest}", file=sys.stderr)
    raise typer.Exit(2 if errors else 0)
