"""`termcheck glossary ...`: check, stats, suggest, import, export."""

from __future__ import annotations

import re
import sys
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from termcheck.cli_support import fail, print_error, resolve_settings

glossary_app = typer.Typer(
    help="Keep glossaries healthy: check them, see how they are used, grow them.",
    no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None)


@glossary_app.command("check")
def glossary_check(
    files: Annotated[list[Path], typer.Argument(help="Glossary files (.yaml, .csv, .tsv).",
                                                readable=False)],
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
    glossary: Annotated[Path, typer.Argument(help="The glossary.", readable=False)],
    paths: Annotated[list[str], typer.Argument(help="Drafts and folders to count in.")],
    limit: Annotated[int, typer.Option("--limit", help="Rows per table (0: all).")] = 0,
) -> None:
    """Which terms occur in the corpus and how often, which never do, and which forbidden
    forms are still in use.  The other settings (rules, fuzzy entries, strictness,
    accelerator, [style]) come from termcheck.toml, as for lint."""
    from termcheck.glossary.stats import format_stats, stats

    settings = resolve_settings({"glossaries": [glossary]})
    result = stats(paths, settings=settings)
    for error in [*result.glossary_errors, *result.errors]:
        print_error(str(error))
    print(format_stats(result, limit=limit))
    raise typer.Exit(2 if result.errors or result.glossary_errors else 0)


@glossary_app.command("suggest")
def glossary_suggest(
    paths: Annotated[list[str], typer.Argument(help="PO and XLIFF files or folders.")],
    glossary: Annotated[list[Path] | None, typer.Option(
        "--glossary", "-g", readable=False,
        help="Glossaries whose terms are already settled.")] = None,
    min_units: Annotated[int, typer.Option(
        "--min-units", min=5, help="Segments a source word must be in.")] = 5,
    include_fuzzy: Annotated[bool, typer.Option(
        "--include-fuzzy", help="Count PO entries marked fuzzy too.")] = False,
) -> None:
    """Propose glossary entries, as YAML to curate, for frequent source words whose Thai
    renderings disagree in bilingual files (with the counts and examples).  Exit 2 when a
    file or glossary cannot be read (the others are still used)."""
    from termcheck.diagnostics import InputError
    from termcheck.glossary.suggest import suggest

    errors: list[InputError] = []
    text = suggest(paths, glossary_paths=glossary or (), min_units=min_units,
                   include_fuzzy=include_fuzzy, errors=errors)
    for error in errors:
        print_error(str(error))
    sys.stdout.write(text)
    raise typer.Exit(2 if errors else 0)


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
                                            "XLSX or PO compendium.", readable=False)],
    dest: Annotated[Path, typer.Argument(help="The glossary to write (.yaml, or any format "
                                          "export writes).", readable=False)],
    source_format: Annotated[GlossaryFormat | None, typer.Option(
        "--format", help="Format of SOURCE when its extension does not say.")] = None,
) -> None:
    """Convert another glossary into termcheck's format, saying what was skipped and why.
    When SOURCE cannot be read, or DEST cannot be written, nothing is written (exit 2)."""
    from termcheck.glossary.formats import export_glossary, import_glossary
    from termcheck.glossary.model import GlossaryError

    try:
        glossary, messages = import_glossary(
            source, format=source_format.value if source_format else None)
        messages += export_glossary(glossary, dest)
    except GlossaryError as exc:
        fail(str(exc))
    _print_messages(messages)
    _wrote(len(glossary.terms), dest)


def _wrote(count: int, dest: Path) -> None:
    from termcheck.glossary.model import one_line

    print(f"termcheck: wrote {count} terms to {one_line(str(dest))}", file=sys.stderr)


@glossary_app.command("export")
def glossary_export(
    sources: Annotated[list[Path], typer.Argument(help="termcheck glossaries, then the file "
                                                  "to write (.tbx, .csv, .tsv, .xlsx, .po).",
                                                  readable=False)],
    dest_format: Annotated[GlossaryFormat | None, typer.Option(
        "--format", help="Format to write when the extension does not say.")] = None,
) -> None:
    """Write termcheck glossaries in another format (TBX keeps every field).  A glossary
    that does not load at all, or a file that cannot be written, writes nothing (exit 2);
    bad entries are reported and left out (exit 2)."""
    from termcheck.glossary.formats import export_glossary
    from termcheck.glossary.load import load_glossaries
    from termcheck.glossary.model import GlossaryError

    if len(sources) < 2:
        fail("give the glossaries to export, then the file to write")
    *inputs, dest = sources
    try:  # a whole file missing from the export must not replace DEST
        glossary, errors = load_glossaries(inputs, whole_files=True)
    except GlossaryError as exc:
        fail(str(exc))
    for error in errors:
        print_error(str(error))
    try:
        messages = export_glossary(glossary, dest,
                                   format=dest_format.value if dest_format else None)
    except GlossaryError as exc:
        fail(str(exc))
    _print_messages(messages)
    _wrote(len(glossary.terms), dest)
    raise typer.Exit(2 if errors else 0)
