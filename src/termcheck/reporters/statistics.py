"""What a run's findings come to, decision by decision: a team fixing 341 findings of which
289 are one change (แฟ้ม → ไฟล์) decides once.  `termcheck lint --statistics` prints this
table instead of the findings; the human report ends with its head when a run is long.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from termcheck.diagnostics import LintResult
from termcheck.reporters.human import summary_line, visible

SUMMARY_FROM = 20  # findings from which the human report ends with the commonest decisions
SUMMARY_ROWS = 10

Decision = tuple[str, str, str, str]  # rule, term id, as found, the approved form


def decisions(result: LintResult) -> list[tuple[int, Decision]]:
    """(count, decision) for each distinct change the findings ask for, most frequent first
    (then by rule and term)."""
    from termcheck.rules import get_rule

    def found(rule: str, text: str) -> str:  # what is missing: one change, in any segment
        judged = get_rule(rule)
        return "" if judged is not None and judged.absence else text

    counts = Counter((f.rule, f.term_id, found(f.rule, f.found), f.expected)
                     for f in result.findings)
    return sorted(((n, d) for d, n in counts.items()), key=lambda item: (-item[0], item[1]))


def row(count: int, decision: Decision) -> str:
    rule, term, found, expected = decision
    change = (f"{visible(found)} → {visible(expected)}" if found
              else f"{visible(expected)} missing")
    return f"{count:>6}  {rule}  [{term}]  {change}"


def render(result: LintResult, out: TextIO) -> None:
    """`--statistics`: one line per decision, then the run's summary line."""
    for count, decision in decisions(result):
        out.write(row(count, decision) + "\n")
    out.write(summary_line(result) + "\n")


def head(result: LintResult) -> list[str]:
    """The commonest decisions that repeat, for the end of a long human report."""
    if len(result.findings) < SUMMARY_FROM:
        return []
    rows = [row(n, d) for n, d in decisions(result) if n > 1][:SUMMARY_ROWS]
    return ["Most frequent changes (termcheck lint --statistics lists them all):", *rows] if (
        rows) else []
