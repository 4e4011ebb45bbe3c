"""Shared paths and helpers for the test suite (imported by the test modules).

Linters are expensive to build (glossary automata, the segmentation dictionary), so the
fixtures in conftest.py build each one once per session; helpers here only use them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

# Never let PyThaiNLP create ~/pythainlp-data or go online from a test run.
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from termcheck.diagnostics import Finding
from termcheck.engine import Linter
from termcheck.glossary.load import load_glossaries
from termcheck.readers.markdown import read_markdown
from termcheck.readers.text import read_text

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
DATA = TESTS / "data"
GOLDEN = TESTS / "golden"
SHIPPED_GLOSSARY = REPO / "glossaries" / "th-diplomatic-police.yaml"
CASES_GLOSSARY = DATA / "cases-glossary.yaml"
UI_GLOSSARY = DATA / "ui-glossary.yaml"
SHARED = Path(__file__).resolve().parents[2] / "shared"

GLOSSARY_NAMES = {"shipped": SHIPPED_GLOSSARY, "cases": CASES_GLOSSARY, "ui": UI_GLOSSARY}
DRAFT = REPO / "examples" / "draft.th.md"
# A glossary of two terms, for tests that write and change glossary files
SMALL_GLOSSARY = """\
language: th
terms:
  - id: taiwan
    target: ไต้หวัน
    forbidden: [ใต้หวัน]
    note: Spelled with ไ.
  - id: mofa
    target: กระทรวงการต่างประเทศ
"""


def make_linter(*paths: Path) -> Linter:
    """A Linter for glossary files that must load without a single error."""
    glossary, errors = load_glossaries(list(paths))
    assert not errors, "glossary errors: " + "; ".join(str(e) for e in errors)
    return Linter(glossary)


def check(linter: Linter, text: str, name: str = "draft.txt") -> list[Finding]:
    """Findings for `text` read as file `name` (.md: Markdown, else plain text)."""
    reader = read_markdown if name.endswith(".md") else read_text
    findings, errors = linter.check_document(reader(name, text))
    assert not errors, [str(e) for e in errors]
    return findings


def show(findings: Iterable[Finding]) -> str:
    """Findings in one readable line each, for assertion messages."""
    lines = [f"  {f.line}:{f.column}-{f.end_column} {f.rule} [{f.term_id}] {f.found!r} -> "
             f"{f.expected!r}" for f in findings]
    return "\n".join(lines) or "  (no findings)"


def span_in_text(finding: Finding, text: str) -> bool:
    """The finding's offsets point at exactly the text it says it found."""
    start = finding.offset
    return start >= 0 and start + len(finding.found) <= len(text) and (
        text[start:start + len(finding.found)] == finding.found)
