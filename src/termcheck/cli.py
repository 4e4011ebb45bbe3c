"""Thin Typer commands: resolve the settings, call the engine, render, exit.

Exit codes: 0 no findings, 1 findings, 2 usage or input error (input errors win).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from importlib import import_module
from pathlib import Path
from typing import Annotated

import typer

from termcheck import __version__
from termcheck.cli_glossary import glossary_app
from termcheck.cli_support import fail, print_error, resolve_settings, select
from termcheck.diagnostics import STDIN, InputError, LintResult
from termcheck.settings import ConfigError, Settings

app = typer.Typer(
    name="termcheck",
    help="Check Thai translations against glossaries of approved terms.",
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.add_typer(glossary_app, name="glossary")


class OutputFormat(str, Enum):
    human = "human"
    json = "json"
    sarif = "sarif"
    github = "github"
    concise = "concise"
    html = "html"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


# Reporter modules by format (imported only when used: rich costs start-up time)
REPORTERS = {
    "human": "termcheck.reporters.human",
    "json": "termcheck.reporters.json_report",
    "sarif": "termcheck.reporters.sarif",
    "github": "termcheck.reporters.github",
    "concise": "termcheck.reporters.concise",
    "html": "termcheck.reporters.html",
    "statistics": "termcheck.reporters.statistics",  # --statistics
}
PROGRESS_MIN_FILES = 50  # a bar for a run this long, when stderr is a terminal

# -- the options, shared by the commands ------------------------------------------------------

Paths = Annotated[list[str] | None, typer.Argument(
    help="Files and folders to check (.txt, .md, .po, .xliff); '-' reads standard input.  "
    "Default: the config file's `include` globs.", show_default=False)]
# readable=False on every path: click's check would make an unreadable file a usage error
# (three lines, nothing checked); reading it is the loader's, whose error is one line.
GlossaryOption = Annotated[list[Path] | None, typer.Option(
    "--glossary", "-g", readable=False,
    help="Glossary file (.yaml, .csv, .tsv); repeat to combine.  Default: the config file's "
    "glossaries, else glossary.yaml (or .yml/.tsv/.csv) in the current folder, else the "
    "bundled Thai diplomatic and police glossary.")]
FormatOption = Annotated[OutputFormat | None, typer.Option(
    "--format", "-f", help="Output format: human (default), json, sarif (SARIF 2.1.0), github "
    "(Actions annotations), concise (path:line:col: CODE message) or html (one page, with "
    "--output).", show_default=False)]
OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", metavar="FILE", readable=False,
    help="Write the report to FILE instead of standard output (written atomically).")]
StdinNameOption = Annotated[str | None, typer.Option(
    "--stdin-filename", help="Name used for '-' (its extension picks the reader, e.g. "
    "draft.md).")]
FailOnOption = Annotated[FailOn | None, typer.Option(
    "--fail-on", help="Lowest severity that makes the exit code 1 (default: info, i.e. any "
    "finding).", show_default=False)]
IncludeFuzzyOption = Annotated[bool | None, typer.Option(
    "--include-fuzzy/--no-include-fuzzy", help="Also check PO entries marked fuzzy.",
    show_default=False)]
StrictOption = Annotated[bool | None, typer.Option(
    "--strict/--no-strict", help="Only a term's target is correct: report its allowed forms "
    "too (TC104).", show_default=False)]
AcceleratorOption = Annotated[str | None, typer.Option(
    "--accelerator", help="Accelerator marker to remove from PO/XLIFF strings before matching "
    "(default: '_' for PO, none for XLIFF; '' for none).")]
UnusedOption = Annotated[bool, typer.Option(
    "--report-unused-ignores", help="Report 'termcheck: ignore' directives that suppress "
    "nothing.")]
JobsOption = Annotated[int | None, typer.Option(
    "--jobs", "-j", min=1, help="Processes to use for many files (default: all cores).")]
StatisticsOption = Annotated[bool, typer.Option(
    "--statistics", help="Print one line per change the findings ask for (rule, term, as "
    "found → approved) with its count, most frequent first, instead of the findings.")]
NoCacheOption = Annotated[bool, typer.Option(
    "--no-cache", help="Compile the glossaries again instead of reading the compiled-glossary "
    "cache (the cache is not written either).")]
WriteBaselineOption = Annotated[Path | None, typer.Option(
    "--write-baseline", metavar="FILE", readable=False,
    help="Record this run's findings in FILE; later runs with --baseline FILE report only "
    "new ones.")]
BaselineOption = Annotated[Path | None, typer.Option(
    "--baseline", metavar="FILE", readable=False,
    help="Report only findings not recorded in FILE (see --write-baseline).")]
FixOption = Annotated[bool, typer.Option(
    "--fix", help="Fix what is safe to fix first (see `termcheck fix`), then report what "
    "remains.")]
DiffOption = Annotated[bool, typer.Option(
    "--diff", help="With --fix (or for `fix`): print the fixes as a unified diff; write "
    "nothing.")]
DryRunOption = Annotated[bool, typer.Option(
    "--dry-run", help="With --fix (or for `fix`): say what would change; write nothing.")]
ForceOption = Annotated[bool, typer.Option(
    "--force", help="Also fix files with more than one hard link: the name given gets the "
    "fix, the other names keep the old text (without it such files are not fixed).")]
NearMissesOption = Annotated[bool, typer.Option(
    "--near-misses/--no-near-misses", help="Also apply unsafe fixes: confident near-misses "
    "(TC002).")]


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


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr for long runs at a terminal; None otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, TaskID

    with Progress(console=Console(stderr=True), transient=True, redirect_stdout=False,
                  redirect_stderr=False) as bar:
        task: TaskID | None = None

        def update(done: int, total: int) -> None:
            nonlocal task
            if total < PROGRESS_MIN_FILES:
                return
            if task is None:
                task = bar.add_task("checking", total=total)
            bar.update(task, completed=done)

        yield update


@app.command()
def lint(paths: Paths = None, glossary: GlossaryOption = None,
         output_format: FormatOption = None, output: OutputOption = None,
         stdin_filename: StdinNameOption = None, fail_on: FailOnOption = None,
         include_fuzzy: IncludeFuzzyOption = None, strict: StrictOption = None,
         accelerator: AcceleratorOption = None, report_unused_ignores: UnusedOption = False,
         jobs: JobsOption = None, write_baseline_file: WriteBaselineOption = None,
         baseline_file: BaselineOption = None, fix: FixOption = False, diff: DiffOption = False,
         dry_run: DryRunOption = False, no_cache: NoCacheOption = False,
         statistics: StatisticsOption = False) -> None:
    """Check drafts for forbidden forms, near-misses and broken spellings of glossary terms.

    Settings come from the command line, then termcheck.toml or [tool.termcheck] in
    pyproject.toml (found by walking up from the current folder), then the defaults.
    """
    if write_baseline_file and baseline_file:
        fail("use either --write-baseline or --baseline, not both")
    settings = resolve_settings({
        "glossaries": glossary, "format": output_format and output_format.value,
        "fail_on": fail_on and fail_on.value, "include_fuzzy": include_fuzzy, "strict": strict,
        "accelerator": accelerator, "baseline": baseline_file,
        "jobs": jobs or os.cpu_count() or 1, "cache": not no_cache})
    files = select(paths, settings)
    if fix:
        code = _fix(files, settings, diff=diff, dry_run=dry_run, unsafe=True)
        if diff or dry_run or code == 2:
            raise typer.Exit(code)
    result = _lint(files, settings, stdin_filename)
    if report_unused_ignores:
        from termcheck.suppress import format_unused

        for directive in result.unused_ignores:
            print(f"termcheck: warning: {format_unused(directive)}", file=sys.stderr)
    if write_baseline_file:
        raise typer.Exit(_write_baseline(result, write_baseline_file))
    if result.baseline_suppressed:
        print(f"termcheck: {result.baseline_suppressed} findings in the baseline not shown",
              file=sys.stderr)
    _report(result, "statistics" if statistics else settings.format, output)
    raise typer.Exit(result.exit_code(settings.fail_on))


def _lint(files: list[str], settings: Settings, stdin_filename: str | None) -> LintResult:
    """The engine's result; its input errors printed."""
    from termcheck.api import lint_paths
    from termcheck.baseline import BaselineError

    stdin, unread = _read_stdin(stdin_filename) if STDIN in files else (None, None)
    if unread is not None:  # too large: the other files are still checked
        files = [f for f in files if f != STDIN]
    try:
        with _progress() as progress:
            result = lint_paths(files, settings=settings, stdin=stdin,
                                stdin_name=stdin_filename, progress=progress)
    except (BaselineError, ConfigError) as exc:
        fail(str(exc))
    if unread is not None:
        result.errors.append(unread)
    for error in result.errors:
        print_error(str(error))
    return result


def _read_stdin(name: str | None) -> tuple[bytes | None, InputError | None]:
    """Standard input, read with the bound of a file (fileio.MAX_FILE_BYTES)."""
    from termcheck.fileio import read_stream
    from termcheck.files import display_path
    from termcheck.readers import ReadError

    try:
        return read_stream(sys.stdin.buffer), None
    except ReadError as exc:
        return None, InputError(display_path(name) if name else STDIN, None, exc.message)


def _print_errors(errors: list[InputError]) -> None:
    for error in errors:
        print_error(str(error))


def _fix(files: list[str], settings: Settings, *, diff: bool, dry_run: bool,
         unsafe: bool, force: bool = False) -> int:
    """Fix what is safe to fix; print the diff, the plan or nothing; the exit code."""
    from termcheck.baseline import BaselineError, load_baseline
    from termcheck.fix import fix_paths, unified_diff

    if STDIN in files:
        print_error("standard input cannot be fixed in place (give file paths)")
        return 2
    try:
        if settings.baseline is not None:  # a broken baseline fails before anything is written
            load_baseline(settings.baseline)
        outcome, errors = fix_paths(files, settings=settings, write=not (diff or dry_run),
                                    unsafe=unsafe, split_links=force)
    except (BaselineError, ConfigError) as exc:
        print_error(str(exc))
        return 2
    errors += outcome.errors
    _print_errors(errors)
    for file_fix in outcome.files:
        if diff:
            sys.stdout.write(unified_diff(file_fix.path, file_fix.old, file_fix.new))
        elif dry_run:
            for change in file_fix.applied:
                print(change.describe())
    verb = "would fix" if diff or dry_run else "fixed"
    print(f"termcheck: {outcome.summary().replace('fixed', verb, 1)}", file=sys.stderr)
    if (diff or dry_run) and outcome.fixed and not errors:
        return 1  # something would change (as a check in CI wants to know)
    return LintResult(findings=outcome.remaining, errors=errors).exit_code(settings.fail_on)


@app.command(name="fix")
def fix_command(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Files and folders to fix (default: the config file's `include` globs).",
        show_default=False)] = None,
    glossary: GlossaryOption = None, diff: DiffOption = False, dry_run: DryRunOption = False,
    near_misses: NearMissesOption = True, include_fuzzy: IncludeFuzzyOption = None,
    accelerator: AcceleratorOption = None, jobs: JobsOption = None,
    force: ForceOption = False, no_cache: NoCacheOption = False,
) -> None:
    """Fix what is unambiguous: forbidden forms, confident near-misses, spacing, case and
    broken Unicode inside terms.  Only the fixed spans change; files are written atomically,
    keeping their permissions, owner and extended attributes (a file with more than one hard
    link only with --force).  Exit 0 when nothing remains, 1 when findings remain, 2 on
    errors."""
    settings = resolve_settings({"glossaries": glossary, "include_fuzzy": include_fuzzy,
                                 "accelerator": accelerator, "cache": not no_cache,
                                 "jobs": jobs or os.cpu_count() or 1})
    files = select(paths, settings)
    raise typer.Exit(_fix(files, settings, diff=diff, dry_run=dry_run, unsafe=near_misses,
                          force=force))


def _write_baseline(result: LintResult, path: Path) -> int:
    """Write the baseline; the exit code."""
    from termcheck.baseline import BaselineError, write_baseline

    if result.errors:  # some files were not checked: the baseline would be incomplete
        print_error(f"{path}: not written, since some input could not be checked")
        return 2
    try:
        count = write_baseline(result, path)
    except BaselineError as exc:
        print_error(str(exc))
        return 2
    print(f"termcheck: wrote {count} findings to {path}", file=sys.stderr)
    return 0


def _report(result: LintResult, output_format: str, output: Path | None) -> None:
    """Render to stdout, or to `output` through a temporary file renamed into place."""
    from termcheck.fileio import os_error_text
    from termcheck.files import atomic_write, display_path

    reporter = import_module(REPORTERS[output_format])
    if output is None:
        reporter.render(result, sys.stdout)
        return
    buffer = io.StringIO()
    reporter.render(result, buffer)
    try:
        atomic_write(output, buffer.getvalue())
    except OSError as exc:
        fail(f"{display_path(str(output))}: cannot write the report: {os_error_text(exc)}")


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Folder to write termcheck.toml and "
                                           "glossary.yaml in.")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Write a commented starter termcheck.toml and glossary.yaml."""
    from termcheck.starter import init_files

    try:
        written = init_files(folder, force=force)
    except ConfigError as exc:
        fail(str(exc))
    for path in written:
        print(f"termcheck: wrote {path}", file=sys.stderr)


@app.command()
def explain(
    code: Annotated[str | None, typer.Argument(help="A rule code such as TC001; "
                                               "omit to list all rules.")] = None,
) -> None:
    """Describe a rule: what it reports, why, an example, what to write instead, and how
    safe its fix is."""
    from termcheck import rules

    if code is None:
        for rule in rules.all_rules():
            print(f"{rule.code}  {rule.name:<25} {rule.severity:<8} {rule.summary}")
        return
    found = rules.get_rule(code)
    if found is None:
        known = ", ".join(r.code for r in rules.all_rules())
        fail(f"unknown rule '{code}' (known rules: {known})")
    print(f"{found.code} {found.name} (default severity: {found.severity})\n")
    print(found.doc.rstrip())
