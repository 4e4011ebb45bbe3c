"""`--format json`: one object on stdout, format version 1 (keys only ever added)."""

from __future__ import annotations

import json
from typing import TextIO

from termcheck.diagnostics import LintResult
from termcheck.reporters import summary

FORMAT_VERSION = 1


def render(result: LintResult, out: TextIO) -> None:
    payload = {
        "version": FORMAT_VERSION,
        "findings": [f.to_dict() for f in result.findings],
        "summary": summary(result),
        "errors": [e.to_dict() for e in result.errors],
    }
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")
