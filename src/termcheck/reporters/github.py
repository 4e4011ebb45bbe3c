"""`--format github`: GitHub Actions workflow commands, one line per finding.

    ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=CODE NAME::MESSAGE

`error`, `warning` or `notice` by the finding's severity (error, warning, info).  Columns are
Unicode code points and `endColumn` is exclusive, as in the other formats; a finding over
several lines (a PO string) gives `line` and `endLine` only, since GitHub places columns
on a single line alone.  An input error is `::error file=PATH,line=L::MESSAGE` (no `line`
when it has none).  Nothing else is written: the runner turns each line into an annotation.

Escaping follows GitHub's toolkit: in the message, % -> %25, CR -> %0D, LF -> %0A; in the
properties also : -> %3A and , -> %2C.  Before it, every other control character and bidi
control becomes a marker (<ESC>, <U+202E>: reporters.visible), as in the other text formats:
the log of a run is read in a terminal too.
"""

from __future__ import annotations

from typing import TextIO

from termcheck import rules
from termcheck.diagnostics import Finding, InputError, LintResult
from termcheck.reporters import visible

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
_VISIBLE = visible.table(keep="\r\n")  # CR and LF are escaped as the toolkit does


def escape_data(text: str) -> str:
    marked = text.translate(_VISIBLE)
    return marked.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


def finding_command(f: Finding) -> str:
    rule = rules.get_rule(f.rule)
    properties: dict[str, object] = {"file": f.path, "line": f.line}
    if f.end_line == f.line:
        properties |= {"col": f.column, "endLine": f.end_line, "endColumn": f.end_column}
    else:
        properties["endLine"] = f.end_line
    properties["title"] = f"{f.rule} {rule.name}" if rule else f.rule
    return command(COMMANDS.get(f.severity, "warning"), properties, f.message)


def error_command(error: InputError) -> str:
    properties: dict[str, object] = {"file": error.path}
    if error.line:
        properties["line"] = error.line
    return command("error", properties, error.message)


def render(result: LintResult, out: TextIO) -> None:
    for f in result.findings:
        out.write(finding_command(f) + "\n")
    for error in result.errors:
        out.write(error_command(error) + "\n")
