"""Reporters: render a LintResult.  The only modules that write to a stream."""

from __future__ import annotations

from collections import Counter
from typing import Any

from termcheck.diagnostics import LintResult, Severity


def summary(result: LintResult) -> dict[str, Any]:
    """Counts shared by every format."""
    by_severity = Counter(f.severity for f in result.findings)
    return {
        "files_checked": result.files_checked,
        "files_with_findings": len({f.path for f in result.findings}),
        "findings": len(result.findings),
        "errors": by_severity[Severity.ERROR],
        "warnings": by_severity[Severity.WARNING],
        "infos": by_severity[Severity.INFO],
        "input_errors": len(result.errors),
        "by_rule": dict(sorted(Counter(f.rule for f in result.findings).items())),
    }
