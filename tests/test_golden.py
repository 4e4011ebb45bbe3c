"""Golden output: what `termcheck lint` prints for examples/draft.th.md, in every format.

The human report is examples/draft.th.out.txt, the file a reader of examples/ looks at, so
what the README shows can never drift from what termcheck prints; the other formats are in
tests/golden/draft.FORMAT.  In the SARIF golden the folder the run was made in (the
`%SRCROOT%` base URI) is written as file:///REPO/.

The goldens are produced from the repository root with the relative path, as a user runs it:
    termcheck lint -g glossaries/th-diplomatic-police.yaml [-f FORMAT] examples/draft.th.md
When the output changes on purpose, rewrite them and review the diff:
    TERMCHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
The planted errors are listed in examples/README.md; test_planted_errors checks the JSON
golden against that table, so a golden cannot be frozen with a planted error missing.
"""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from support import GOLDEN, REPO
from termcheck.cli import app

UPDATE = os.environ.get("TERMCHECK_UPDATE_GOLDEN") == "1"
DRAFT = "examples/draft.th.md"
GLOSSARY = "glossaries/th-diplomatic-police.yaml"
ENV = {"NO_COLOR": None, "FORCE_COLOR": None, "TERM": "dumb", "COLUMNS": "200"}


def lint_draft(monkeypatch, *extra: str) -> str:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(app, ["lint", "-g", GLOSSARY, *extra, DRAFT], env=ENV)
    assert result.exit_code == 1, result.output + result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.mark.parametrize(("golden", "extra"), [
    (REPO / "examples" / "draft.th.out.txt", []),
    (GOLDEN / "draft.json", ["--format", "json"]),
    (GOLDEN / "draft.sarif", ["--format", "sarif"]),
    (GOLDEN / "draft.github", ["--format", "github"]),
    (GOLDEN / "draft.concise", ["--format", "concise"]),
    (GOLDEN / "draft.html", ["--format", "html"]),
], ids=["human", "json", "sarif", "github", "concise", "html"])
def test_golden(golden, extra: list[str], monkeypatch):
    output = lint_draft(monkeypatch, *extra)
    output = output.replace(REPO.resolve().as_uri() + "/", "file:///REPO/")
    if UPDATE:
        golden.write_text(output, encoding="utf-8", newline="\n")
    expected = golden.read_text(encoding="utf-8")
    assert output == expected, (
        f"output differs from {golden}; if the change is intended, rerun with "
        "TERMCHECK_UPDATE_GOLDEN=1 and review the diff")


KIND_RULE = {"forbidden": "TC001", "deprecated": "TC001", "spelling": "TC002",
             "style": "TC003", "case": "TC004", "encoding": "TC005"}


def _planted() -> list[tuple[int, str, str]]:
    """(line, rule, term id) of each planted error in examples/README.md's table."""
    readme = (REPO / "examples" / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Planted errors", 1)[1].split("\n## ", 1)[0]
    planted = []
    for row in section.splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0].isdigit():
            kind, term = cells[3].split()[0], cells[4].split()[0]
            planted.append((int(cells[0]), KIND_RULE[kind], term))
    return planted


def test_planted_errors():
    planted = _planted()
    assert len(planted) == 18, planted  # "That makes 18 findings in total."
    findings = json.loads((GOLDEN / "draft.json").read_text(encoding="utf-8"))["findings"]
    got = sorted((f["line"], f["rule"], f["term_id"]) for f in findings)
    assert got == sorted(planted)


def test_golden_positions_point_at_the_draft():
    lines = (REPO / DRAFT).read_text(encoding="utf-8").split("\n")
    for f in json.loads((GOLDEN / "draft.json").read_text(encoding="utf-8"))["findings"]:
        assert f["path"] == DRAFT
        assert lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1] == f["found"], f
