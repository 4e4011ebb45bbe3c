"""The terminal report: grouped by file, each finding with its place, the line, the span
underlined, and the glossary's note; then a summary.

Colour comes from rich and switches off by itself when the output is not a terminal or
NO_COLOR is set.  Draft text is always passed as rich Text, never as markup, so a draft
containing "[bold]" prints as written.  Thai combining marks take no width: carets are placed
by display cells (rich's cell_len), not by code points, so they line up under the span.

Every text from a file (path, draft, source, context) or a glossary (term id, forms, note,
and the message quoting them) goes through `visible`: invisible characters are spelt out
(<ZWSP>), and controls and bidi controls are markers (<ESC>, <U+202E>: reporters.visible),
so no draft can drive the terminal.  An LF is the line break it always was.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from termcheck.diagnostics import Finding, LintResult
from termcheck.reporters import summary
from termcheck.reporters import visible as markers
from termcheck.thai.chars import COMBINING_SET

CONTEXT = 30  # characters of the line shown on each side of a finding, at most
MIN_CONTEXT = 10  # ... and at least, when the excerpt is cut at a space
_INVISIBLE = {
    "\u200b": "<ZWSP>", "\u200c": "<ZWNJ>", "\u200d": "<ZWJ>", "\u2060": "<WJ>",
    "\u00ad": "<SHY>", "\ufeff": "<BOM>", "\t": " ",
}
_VISIBLE = markers.table(keep="\n", extra=_INVISIBLE)
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def visible(text: str) -> str:
    """Text with invisible characters spelt out, so a reader can see what is wrong, and
    controls as markers, so the terminal does not obey them."""
    return text.translate(_VISIBLE)


def excerpt(line: str, start: int, end: int) -> tuple[str, str, str]:
    """(before, span, after) of a line around [start, end), shortened with an ellipsis."""
    lo = max(0, start - CONTEXT)
    if lo > 0:  # start at a phrase when one is near, keeping some context
        space = line.find(" ", lo, max(lo, start - MIN_CONTEXT))
        lo = space + 1 if space >= 0 else lo
    while lo < start and line[lo] in COMBINING_SET:
        lo += 1  # never begin on a mark: it would stand alone
    hi = min(len(line), end + CONTEXT)
    if hi < len(line):
        space = line.rfind(" ", min(hi, end + MIN_CONTEXT), hi)
        hi = space if space >= 0 else hi
    while hi < len(line) and line[hi] in COMBINING_SET:
        hi += 1
    before = ("…" if lo > 0 else "") + visible(line[lo:start])
    after = visible(line[end:hi]) + ("…" if hi < len(line) else "")
    return before, visible(line[start:end]), after


def _finding_lines(f: Finding) -> list[Text]:
    head = Text()
    head.append(f"{visible(f.path)}:{f.line}:{f.column}", style="bold")
    head.append(": ")
    head.append(f.rule, style="magenta")
    head.append(" ")
    head.append(f.severity, style=_SEVERITY_STYLE.get(f.severity, ""))
    head.append(f" [{visible(f.term_id)}] ", style="dim")
    head.append(visible(f.found), style="red")
    head.append(" → ")
    head.append(visible(f.expected), style="green")
    lines = [head, Text("    " + visible(f.message))]
    if f.source is not None:  # bilingual: the source beside the translation
        context = f" (context: {visible(f.context)})" if f.context else ""
        lines.append(Text(f"    source{context}: " + visible(f.source), style="dim"))
    if f.line_text:
        start = f.column - 1
        end = f.end_column - 1 if f.end_line == f.line else len(f.line_text)
        before, span, after = excerpt(f.line_text, start, end)
        shown = Text("    | ")
        shown.append(before)
        shown.append(span, style="bold red underline")
        shown.append(after)
        carets = "    | " + " " * cell_len(before) + "^" * max(1, cell_len(span))
        lines += [shown, Text(carets, style="red")]
    if f.note:
        lines.append(Text("    note: " + visible(f.note), style="cyan"))
    return lines


def render(result: LintResult, out: TextIO, *, color: bool | None = None) -> None:
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False,
                      no_color=None if color is None else not color,
                      force_terminal=color if color else None)
    for path, group in groupby(result.findings, key=lambda f: f.path):
        console.print(Text(visible(path), style="bold underline"))
        for finding in group:
            for line in _finding_lines(finding):
                console.print(line)
        console.print()
    from termcheck.reporters.statistics import head

    commonest = head(result)
    for row in commonest:
        console.print(Text(row))
    if commonest:
        console.print()
    console.print(Text(summary_line(result), style="bold"))


def summary_line(result: LintResult) -> str:
    s = summary(result)
    files = f"{s['files_checked']} file{'s' if s['files_checked'] != 1 else ''} checked"
    unreadable = (f"; {s['input_errors']} input error{'s' if s['input_errors'] != 1 else ''}"
                  if s["input_errors"] else "")
    if not s["findings"]:
        return f"No problems found ({files}{unreadable})."
    kinds = ("errors", "warnings", "infos")
    parts = [f"{s[k]} {k if s[k] != 1 else k[:-1]}" for k in kinds if s[k]]
    return (f"Found {s['findings']} problem{'s' if s['findings'] != 1 else ''} "
            f"({', '.join(parts)}) in {s['files_with_findings']} "
            f"file{'s' if s['files_with_findings'] != 1 else ''}; {files}{unreadable}.")
