"""Baselines: record today's findings, then report only new ones.

A team adopting termcheck on an existing repo writes a baseline (``--write-baseline FILE``)
and from then on lints with ``--baseline FILE``: only findings that are not in the baseline
are reported, so the repo can be tightened over time.

A finding is recognised by its fingerprint, not by its line number, so it survives lines
being inserted or removed above it.  The fingerprint hashes the path, rule, term id, found
text and the text around the finding on its line (a few characters either side,
whitespace collapsed).  Editing the finding's own surroundings, or renaming the file, makes
it a new finding.

Identical findings (same text, same surroundings, same file) share a fingerprint; the
baseline keeps one entry per finding, so it records how many there were and a run with one
more reports exactly one new finding.

Pure functions, no printing: the command line turns `BaselineError` into an error line and
exit code 2.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from termcheck.diagnostics import Finding, LintResult
from termcheck.fileio import NotRegularError, atomic_write, os_error_text, read_file
from termcheck.readers.base import ReadError

VERSION = 1
TOOL = "termcheck"
CONTEXT = 20  # characters of the line kept on each side of the finding
FINGERPRINT_LENGTH = 32  # hex digits of the sha256 kept (128 bits)


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message is one line for humans."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def _collapse(text: str) -> str:
    return " ".join(text.split())


def normalize_path(path: str) -> str:
    """The path as given, with forward slashes and without './' or 'a/../' parts."""
    path = path.replace("\\", "/")
    if path in ("", "-"):
        return path
    return posixpath.normpath(path)


def surroundings(finding: Finding, width: int = CONTEXT) -> tuple[str, str]:
    """Up to `width` characters of the finding's line before and after it, whitespace
    collapsed.  A finding that runs past its line has nothing after it on that line."""
    text = finding.line_text
    start = min(max(finding.column - 1, 0), len(text))
    if finding.end_line == finding.line:
        end = min(max(finding.end_column - 1, start), len(text))
    else:
        end = len(text)
    return _collapse(text[max(start - width, 0):start]), _collapse(text[end:end + width])


def fingerprint(finding: Finding) -> str:
    """A stable identity for a finding that does not depend on its line or column."""
    before, after = surroundings(finding)
    parts = (normalize_path(finding.path), finding.rule, finding.term_id, finding.found,
             before, after)
    # JSON keeps the parts apart whatever characters they contain
    data = json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:FINGERPRINT_LENGTH]


def _entries(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    entries = [{
        "fingerprint": fingerprint(f),
        "path": normalize_path(f.path),
        "rule": f.rule,
        "term_id": f.term_id,
        "found": f.found,
        "line": f.line,  # informational only: never used for matching
    } for f in findings]
    entries.sort(key=lambda e: (e["path"], e["line"], e["rule"], e["term_id"], e["found"],
                                e["fingerprint"]))
    return entries


def dumps(result: LintResult) -> str:
    """The baseline file's text for `result` (UTF-8 JSON, Thai kept readable)."""
    data = {"version": VERSION, "tool": TOOL, "findings": _entries(result.findings)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_baseline(result: LintResult, path: str | os.PathLike[str]) -> int:
    """Record the findings of `result` in `path`; returns how many were recorded.

    The file is written atomically (files.atomic_write): a reader never sees half a
    baseline, and a failed write leaves the old one untouched.
    """
    target = Path(path)
    try:
        atomic_write(target, dumps(result))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if isinstance(exc, FileNotFoundError) and not target.parent.is_dir():
            reason = f"folder '{target.parent}' does not exist"
        raise BaselineError(f"{target}: cannot write baseline: {reason}") from None
    return len(result.findings)


def load_baseline(path: str | os.PathLike[str]) -> Counter[str]:
    """The fingerprints of a baseline file, each counted as often as it was recorded."""
    where = str(path)
    try:
        data = read_file(path)  # a regular file only: a FIFO or /dev/zero would never end
    except FileNotFoundError:
        raise BaselineError(f"{where}: baseline file not found (create it with "
                            "--write-baseline)") from None
    except NotRegularError as exc:
        if exc.kind == "a folder":
            raise BaselineError(f"{where}: baseline is a folder, not a file") from None
        raise BaselineError(f"{where}: baseline is not a regular file ({exc.kind})") from None
    except ReadError as exc:  # larger than fileio.MAX_FILE_BYTES
        raise BaselineError(f"{where}: baseline {exc.message}") from None
    except OSError as exc:
        raise BaselineError(f"{where}: cannot read baseline: {os_error_text(exc)}") from None
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BaselineError(f"{where}: baseline is not valid UTF-8") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{where}:{exc.lineno}: baseline is not valid JSON "
                            f"({exc.msg})") from None
    if not isinstance(doc, dict) or doc.get("tool") != TOOL or "findings" not in doc:
        raise BaselineError(f"{where}: not a termcheck baseline (expected a JSON object with "
                            "\"tool\": \"termcheck\" and \"findings\")")
    if doc.get("version") != VERSION:
        raise BaselineError(f"{where}: unsupported baseline version {doc.get('version')!r} "
                            f"(this termcheck reads version {VERSION})")
    findings = doc["findings"]
    if not isinstance(findings, list):
        raise BaselineError(f"{where}: \"findings\" must be a list")
    counts: Counter[str] = Counter()
    for number, entry in enumerate(findings, 1):
        value = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(value, str) or not value:
            raise BaselineError(f"{where}: finding {number} has no \"fingerprint\" text")
        counts[value] += 1
    return counts


def filter_new(result: LintResult, baseline: Counter[str]) -> tuple[LintResult, int]:
    """`result` with only the findings that are not in `baseline`, and how many were
    suppressed.  Of several identical findings, as many as the baseline recorded are
    suppressed (the first ones in report order); the rest are new.  Input errors and the
    file count are kept; `result` and `baseline` are not changed."""
    remaining = Counter(baseline)
    new: list[Finding] = []
    suppressed = 0
    for finding in result.findings:
        key = fingerprint(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
            suppressed += 1
        else:
            new.append(finding)
    kept = LintResult(findings=new, errors=list(result.errors),
                      files_checked=result.files_checked)
    return kept, suppressed
