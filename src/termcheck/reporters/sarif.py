"""`--format sarif`: a SARIF 2.1.0 log, one run, for code-scanning services and editors.

Validates against the official OASIS schema (tests/data/sarif-schema-2.1.0.json).

- `tool.driver.rules` lists every rule of the rule table, so `ruleIndex` is stable for a
  given termcheck version whatever was found.
- Columns are Unicode code points, as everywhere in termcheck: the run says so with
  `columnKind: unicodeCodePoints` (SARIF's default would be UTF-16 code units).  Thai is in
  the Basic Multilingual Plane, so the two only differ after an astral character (an emoji)
  earlier on the same line.  `endColumn` is exclusive, as in SARIF.
- `artifactLocation.uri` is the path as given on the command line, with forward slashes and
  percent-encoded (a URI reference must be ASCII: Thai file names become %E0%B8...), relative
  to `%SRCROOT%` (the current folder, given in `originalUriBaseIds`); an absolute path becomes
  a `file:` URI.  Standard input stays "-" (or the --stdin-filename name).
- `partialFingerprints["termcheck/v1"]`: a hash of the rule, term id, found text and the
  line's text (not its number, so it survives lines moving), with ":n" numbering identical
  findings within a file in order (the same term twice on one line, or two equal lines).
- `fixes` only for safe fixes (Finding.fix with Applicability.SAFE: what `termcheck fix`
  applies whatever its options): the rule says how far its fix can be trusted (the "Fix
  safety" section of each rule's help).  Near-misses (TC002) may be right, so their fixes
  are unsafe and not offered; the bilingual whole-segment findings (TC101-TC103) have none.
  The inserted text is written as the file needs it (XML entities in XLIFF).
- Input errors are `toolExecutionNotifications` of the invocation, which is then
  `executionSuccessful: false`.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from termcheck import __version__, rules
from termcheck.baseline import fingerprint
from termcheck.diagnostics import STDIN, Applicability, Finding, Fix, InputError, LintResult, Span

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                "sarif-schema-2.1.0.json")
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "termcheck/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def level(severity: str) -> str:
    return LEVELS.get(severity, "warning")


def artifact_location(path: str) -> dict[str, str]:
    """A SARIF artifactLocation for a path as given on the command line."""
    if path == STDIN:
        return {"uri": STDIN}
    native = Path(path)
    if native.is_absolute():
        return {"uri": native.as_uri()}  # percent-encoded by pathlib
    # as_posix: backslashes become slashes on Windows (on POSIX they are part of a name)
    return {"uri": quote(native.as_posix()), "uriBaseId": SRCROOT}


def _region(place: Finding | Span) -> dict[str, int]:
    return {"startLine": place.line, "startColumn": place.column,
            "endLine": place.end_line, "endColumn": place.end_column}


def fingerprints(findings: list[Finding]) -> list[str]:
    """One fingerprint per finding: the baseline's (termcheck.baseline.fingerprint: path,
    rule, term, found text and the text around it, not the line), then ":n", n counting
    equal fingerprints in the order of the findings (from 1)."""
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        base = fingerprint(f)
        seen[base] += 1
        out.append(f"{base}:{seen[base]}")
    return out


def _fix(path: str, fix: Fix) -> dict[str, Any]:
    return {
        "description": {"text": fix.title},
        "artifactChanges": [{
            "artifactLocation": artifact_location(path),
            "replacements": [{"deletedRegion": _region(edit.span),
                              "insertedContent": {"text": edit.content}}
                             for edit in fix.edits],
        }],
    }


def _result(f: Finding, fingerprint: str, rule_index: dict[str, int]) -> dict[str, Any]:
    properties: dict[str, Any] = {"termId": f.term_id, "found": f.found,
                                  "expected": f.expected, "note": f.note}
    if f.source is not None:
        properties["source"] = f.source
    if f.context is not None:
        properties["msgctxt"] = f.context
    result: dict[str, Any] = {"ruleId": f.rule}
    if f.rule in rule_index:
        result["ruleIndex"] = rule_index[f.rule]
    result.update({
        "level": level(f.severity),
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(f.path),
                                            "region": _region(f)}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": properties,
    })
    if f.fix is not None and f.fix.applicability is Applicability.SAFE:
        result["fixes"] = [_fix(f.path, f.fix)]
    return result


def _doc_sections(doc: str) -> list[tuple[str, list[str]]]:
    """The rule doc's sections: a title at the margin, then its indented body."""
    sections: list[tuple[str, list[str]]] = []
    for line in doc.rstrip().splitlines():
        if line and not line[0].isspace():
            sections.append((line.strip(), []))
        elif sections:
            sections[-1][1].append(line[4:] if line.startswith("    ") else line.strip())
    return sections


def _paragraph(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines if line.strip())


def _markdown(doc: str) -> str:
    parts = []
    for title, body in _doc_sections(doc):
        parts.append(f"**{title}**")
        if title == "Example":
            parts.append("```text\n" + "\n".join(body).strip("\n") + "\n```")
        else:
            parts.append(_paragraph(body))
    return "\n\n".join(parts)


def _descriptor(rule: rules.Rule) -> dict[str, Any]:
    doc = rule.doc
    sections = dict(_doc_sections(doc))
    what = _paragraph(sections["What it does"]) if "What it does" in sections else rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": what},
        "help": {"text": doc.rstrip(), "markdown": _markdown(doc)},
        "defaultConfiguration": {"level": level(rule.severity)},
    }


def _notification(error: InputError) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": artifact_location(error.path)}
    if error.line:
        location["region"] = {"startLine": error.line}
    return {"level": "error", "message": {"text": error.message},
            "locations": [{"physicalLocation": location}]}


def to_sarif(result: LintResult, *, cwd: Path | None = None) -> dict[str, Any]:
    """The SARIF log as a dict (`cwd`: the folder %SRCROOT% stands for; default: current)."""
    table = rules.all_rules()
    rule_index = {rule.code: n for n, rule in enumerate(table)}
    root = (cwd or Path.cwd()).resolve().as_uri().rstrip("/") + "/"
    invocation: dict[str, Any] = {"executionSuccessful": not result.errors}
    if result.errors:
        invocation["toolExecutionNotifications"] = [_notification(e) for e in result.errors]
    run = {
        "tool": {"driver": {
            "name": "termcheck",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_descriptor(rule) for rule in table],
        }},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": root}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, fp, rule_index)
                    for f, fp in zip(result.findings, fingerprints(result.findings),
                                     strict=True)],
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(result: LintResult, out: TextIO) -> None:
    json.dump(to_sarif(result), out, ensure_ascii=False, indent=2)
    out.write("\n")
