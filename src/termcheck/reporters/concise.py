"""`--format concise`: one finding per line, for editors, grep and scripts.

The format is frozen (it will not change in later versions):

    PATH:LINE:COLUMN: CODE MESSAGE

LINE and COLUMN are 1-based, COLUMN in Unicode code points; CODE is the rule code (TC001).
A line break or other line separator inside PATH or MESSAGE is written as a backslash
escape (\\n, \\r, \\u2028, ...), so every finding is exactly one line; any other control
character or bidi control as a marker (<ESC>, <U+202E>: reporters.visible), so no draft can
drive the terminal it is printed on.  Findings come in the order of the other formats (by
path, line, column).  Nothing else is printed: no summary, and no input errors (the command
line reports those on standard error in every format).
"""

from __future__ import annotations

from typing import TextIO

from termcheck.diagnostics import Finding, LintResult
from termcheck.reporters import visible

# Everything str.splitlines() breaks at, so no reader splits a finding in two.
_BREAKS = {"\n": "\\n", "\r": "\\r"} | {
    ch: f"\\u{ord(ch):04x}" for ch in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}
_TABLE = visible.table(extra=_BREAKS)  # the breaks keep their escapes


def one_line(text: str) -> str:
    return text.translate(_TABLE)


def line(f: Finding) -> str:
    return f"{one_line(f.path)}:{f.line}:{f.column}: {f.rule} {one_line(f.message)}"


def render(result: LintResult, out: TextIO) -> None:
    for f in result.findings:
        out.write(line(f) + "\n")
