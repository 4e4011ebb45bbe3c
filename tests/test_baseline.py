"""Baselines (issue 4 §3): fingerprints that survive lines moving, counts of identical
findings, atomic writes and clear errors for broken baseline files."""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from pathlib import Path

import pytest

from support import show
from termcheck.baseline import (
    BaselineError,
    filter_new,
    fingerprint,
    load_baseline,
    write_baseline,
)
from termcheck.diagnostics import LintResult
from termcheck.engine import Linter
from termcheck.glossary.load import load_glossaries

GLOSSARY = """\
version: 1
language: th
source_language: en
name: baseline tests

terms:
  - id: myanmar
    target: เมียนมา
    source: [Myanmar]
    forbidden: [เมียนมาร์]
  - id: bangladesh
    target: บังกลาเทศ
    source: [Bangladesh]
    forbidden: [บังคลาเทศ]
"""

DRAFT = """\
# ข่าวต่างประเทศ

รัฐบาลเมียนมาร์ประกาศมาตรการใหม่ในวันนี้

ผู้แทนจากบังคลาเทศเดินทางถึงกรุงเทพฯ แล้ว

แรงงานจากเมียนมาร์จำนวนมากเดินทางกลับบ้าน
"""


@pytest.fixture(scope="module")
def linter(tmp_path_factory: pytest.TempPathFactory) -> Linter:
    path = tmp_path_factory.mktemp("glossary") / "glossary.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    glossary, errors = load_glossaries([path])
    assert not errors, [str(e) for e in errors]
    return Linter(glossary)


def lint(linter: Linter, path: Path, text: str) -> LintResult:
    path.write_text(text, encoding="utf-8")
    result = linter.lint([str(path)])
    assert not result.errors, [str(e) for e in result.errors]
    return result


def new_after(linter: Linter, tmp_path: Path, before: str, after: str,
              name: str = "draft.md") -> tuple[list, int, LintResult]:
    """Baseline `before`, lint `after` against it: (new findings, suppressed, old result)."""
    draft = tmp_path / name
    old = lint(linter, draft, before)
    baseline = tmp_path / "termcheck-baseline.json"
    write_baseline(old, baseline)
    kept, suppressed = filter_new(lint(linter, draft, after), load_baseline(baseline))
    return kept.findings, suppressed, old


# -- lines moving -------------------------------------------------------------------------

def test_moved_lines_are_not_new(linter: Linter, tmp_path: Path):
    moved = ("บทนำที่เพิ่มเข้ามาใหม่\n\nอีกย่อหน้าหนึ่ง\n\n" + DRAFT).replace(
        "ข่าวต่างประเทศ", "ข่าวต่างประเทศประจำสัปดาห์")  # an unrelated line edited too
    new, suppressed, old = new_after(linter, tmp_path, DRAFT, moved)
    assert len(old.findings) == 3, show(old.findings)
    assert new == [], show(new)
    assert suppressed == 3


def test_lines_removed_and_reordered_are_not_new(linter: Linter, tmp_path: Path):
    paragraphs = DRAFT.split("\n\n")
    reordered = "\n\n".join(reversed(paragraphs[1:])) + "\n"
    new, suppressed, _ = new_after(linter, tmp_path, DRAFT, reordered)
    assert new == [], show(new)
    assert suppressed == 3


def test_one_new_error_is_reported_alone(linter: Linter, tmp_path: Path):
    changed = "บรรทัดใหม่ด้านบน\n" + DRAFT + "\nการประชุมกับบังคลาเทศจะมีขึ้นในเดือนหน้า\n"
    new, suppressed, _ = new_after(linter, tmp_path, DRAFT, changed)
    assert suppressed == 3
    assert [(f.line, f.rule, f.term_id, f.found) for f in new] == [
        (10, "TC001", "bangladesh", "บังคลาเทศ")], show(new)


def test_a_fixed_finding_is_just_gone(linter: Linter, tmp_path: Path):
    fixed = DRAFT.replace("บังคลาเทศ", "บังกลาเทศ")
    new, suppressed, _ = new_after(linter, tmp_path, DRAFT, fixed)
    assert new == []
    assert suppressed == 2


def test_editing_next_to_the_finding_makes_it_new(linter: Linter, tmp_path: Path):
    """The surroundings are part of the identity: a rewritten sentence is checked again."""
    near = DRAFT.replace("รัฐบาลเมียนมาร์ประกาศ", "กองทัพเมียนมาร์ประกาศ")
    new, suppressed, _ = new_after(linter, tmp_path, DRAFT, near)
    assert [(f.line, f.found) for f in new] == [(3, "เมียนมาร์")], show(new)
    assert suppressed == 2


def test_editing_far_along_the_line_keeps_the_fingerprint(linter: Linter, tmp_path: Path):
    far = DRAFT.replace("มาตรการใหม่ในวันนี้", "มาตรการใหม่ในวันนี้ ตามที่ได้รายงานไปแล้วเมื่อวาน")
    new, suppressed, _ = new_after(linter, tmp_path, DRAFT, far)
    assert new == [], show(new)
    assert suppressed == 3


def test_whitespace_around_the_finding_is_collapsed(linter: Linter, tmp_path: Path):
    before = "ข่าว เมียนมาร์ วันนี้\n"
    after = "ข่าว   เมียนมาร์\tวันนี้\n"
    new, suppressed, _ = new_after(linter, tmp_path, before, after, name="draft.txt")
    assert new == []
    assert suppressed == 1


def test_a_finding_in_another_file_is_new(linter: Linter, tmp_path: Path):
    old = lint(linter, tmp_path / "a.md", DRAFT)
    write_baseline(old, tmp_path / "baseline.json")
    other = lint(linter, tmp_path / "b.md", DRAFT)
    kept, suppressed = filter_new(other, load_baseline(tmp_path / "baseline.json"))
    assert len(kept.findings) == 3
    assert suppressed == 0


# -- identical findings -------------------------------------------------------------------

LINE = "แรงงานจากเมียนมาร์จำนวนมาก\n"


def test_identical_findings_are_counted(linter: Linter, tmp_path: Path):
    new, suppressed, old = new_after(linter, tmp_path, LINE * 2, LINE * 3, name="draft.txt")
    assert len({fingerprint(f) for f in old.findings}) == 1  # they do share a fingerprint
    assert suppressed == 2
    assert len(new) == 1, show(new)


def test_identical_findings_on_one_line_are_counted(linter: Linter, tmp_path: Path):
    before = "เมียนมาร์ เมียนมาร์ เมียนมาร์\n"  # the first and last differ only in context
    after = "หัวข้อ\n" + before + before
    new, suppressed, _ = new_after(linter, tmp_path, before, after, name="draft.txt")
    assert suppressed == 3
    assert len(new) == 3, show(new)


def test_fewer_identical_findings_are_all_suppressed(linter: Linter, tmp_path: Path):
    new, suppressed, _ = new_after(linter, tmp_path, LINE * 3, LINE, name="draft.txt")
    assert new == []
    assert suppressed == 1


# -- fingerprints -------------------------------------------------------------------------

def test_fingerprint_ignores_position_but_not_identity(linter: Linter, tmp_path: Path):
    (finding,) = lint(linter, tmp_path / "a.txt", LINE).findings
    moved = dataclasses.replace(finding, line=40, end_line=40, offset=999)
    assert fingerprint(moved) == fingerprint(finding)
    shifted = dataclasses.replace(finding, line_text="   " + finding.line_text,
                                  column=finding.column + 3, end_column=finding.end_column + 3)
    assert fingerprint(shifted) == fingerprint(finding)  # indentation collapses away
    for change in ({"path": "b.txt"}, {"rule": "TC002"}, {"term_id": "other"},
                   {"found": "เมียนม่าร์"}):
        assert fingerprint(dataclasses.replace(finding, **change)) != fingerprint(finding)
    value = fingerprint(finding)
    assert len(value) == 32 and int(value, 16) >= 0


def test_fingerprint_path_spelling(linter: Linter, tmp_path: Path):
    (finding,) = lint(linter, tmp_path / "a.txt", LINE).findings
    spellings = ["docs/th/a.txt", "./docs/th/a.txt", "docs\\th\\a.txt", "docs//th/./a.txt"]
    prints = {fingerprint(dataclasses.replace(finding, path=p)) for p in spellings}
    assert len(prints) == 1


def test_fingerprint_of_a_finding_across_lines(linter: Linter, tmp_path: Path):
    (finding,) = lint(linter, tmp_path / "a.txt", LINE).findings
    spanning = dataclasses.replace(finding, end_line=finding.line + 1, end_column=3)
    assert isinstance(fingerprint(spanning), str)


# -- the file -----------------------------------------------------------------------------

def test_baseline_file_format(linter: Linter, tmp_path: Path):
    result = lint(linter, tmp_path / "draft.md", DRAFT)
    path = tmp_path / "baseline.json"
    assert write_baseline(result, path) == 3
    text = path.read_text(encoding="utf-8")
    assert "เมียนมาร์" in text  # Thai stays readable in reviews
    data = json.loads(text)
    assert data["version"] == 1 and data["tool"] == "termcheck"
    entries = data["findings"]
    assert [set(e) for e in entries] == [
        {"fingerprint", "path", "rule", "term_id", "found", "line"}] * 3
    assert [(e["line"], e["term_id"], e["found"]) for e in entries] == [
        (3, "myanmar", "เมียนมาร์"), (5, "bangladesh", "บังคลาเทศ"), (7, "myanmar", "เมียนมาร์")]
    assert [e["fingerprint"] for e in entries] == [fingerprint(f) for f in result.findings]
    assert load_baseline(path) == Counter(fingerprint(f) for f in result.findings)


def test_baseline_file_is_reproducible(linter: Linter, tmp_path: Path):
    result = lint(linter, tmp_path / "draft.md", DRAFT)
    write_baseline(result, tmp_path / "one.json")
    shuffled = LintResult(findings=list(reversed(result.findings)))
    write_baseline(shuffled, tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


def test_empty_baseline(linter: Linter, tmp_path: Path):
    path = tmp_path / "baseline.json"
    assert write_baseline(LintResult(), path) == 0
    assert load_baseline(path) == Counter()
    result = lint(linter, tmp_path / "draft.md", DRAFT)
    kept, suppressed = filter_new(result, load_baseline(path))
    assert kept.findings == result.findings and suppressed == 0


def test_write_is_atomic_and_leaves_no_temporary_files(linter: Linter, tmp_path: Path):
    folder = tmp_path / "ci"
    folder.mkdir()
    path = folder / "baseline.json"
    write_baseline(lint(linter, tmp_path / "draft.md", DRAFT), path)
    write_baseline(lint(linter, tmp_path / "draft.md", LINE), path)  # replaces it
    assert sorted(os.listdir(folder)) == ["baseline.json"]
    assert sum(load_baseline(path).values()) == 1


def test_file_mode_follows_umask_and_existing_file(linter: Linter, tmp_path: Path):
    path = tmp_path / "baseline.json"
    old = os.umask(0o022)
    try:
        write_baseline(LintResult(), path)
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600
    path.chmod(0o664)
    write_baseline(LintResult(), path)
    assert path.stat().st_mode & 0o777 == 0o664


def test_failed_write_keeps_the_old_baseline(linter: Linter, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "baseline.json"
    write_baseline(lint(linter, tmp_path / "draft.md", DRAFT), path)
    before = path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(BaselineError, match="No space left on device"):
        write_baseline(LintResult(), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.json", "draft.md"]


def test_write_into_a_missing_folder(tmp_path: Path):
    path = tmp_path / "nowhere" / "baseline.json"
    with pytest.raises(BaselineError) as caught:
        write_baseline(LintResult(), path)
    message = str(caught.value)
    assert str(path) in message and "does not exist" in message and "\n" not in message
    assert sorted(tmp_path.iterdir()) == []


# -- broken baselines ---------------------------------------------------------------------

def test_missing_baseline(tmp_path: Path):
    path = tmp_path / "baseline.json"
    with pytest.raises(BaselineError, match="baseline file not found") as caught:
        load_baseline(path)
    assert str(path) in str(caught.value)


def test_baseline_that_is_a_folder(tmp_path: Path):
    with pytest.raises(BaselineError, match="folder"):
        load_baseline(tmp_path)


@pytest.mark.parametrize(("text", "message"), [
    ('{"version": 1, "tool": "termcheck", "findings": [', r":1: baseline is not valid JSON"),
    ("", "not valid JSON"),
    ("[]", "not a termcheck baseline"),
    ('{"version": 1, "findings": []}', "not a termcheck baseline"),
    ('{"version": 1, "tool": "other", "findings": []}', "not a termcheck baseline"),
    ('{"version": 2, "tool": "termcheck", "findings": []}', "unsupported baseline version 2"),
    ('{"version": 1, "tool": "termcheck", "findings": {}}', '"findings" must be a list'),
    ('{"version": 1, "tool": "termcheck", "findings": [{"path": "a.md"}]}',
     'finding 1 has no "fingerprint"'),
    ('{"version": 1, "tool": "termcheck", "findings": ["abc"]}',
     'finding 1 has no "fingerprint"'),
])
def test_malformed_baseline(tmp_path: Path, text: str, message: str):
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BaselineError, match=message) as caught:
        load_baseline(path)
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_baseline_that_is_not_utf8(tmp_path: Path):
    path = tmp_path / "baseline.json"
    path.write_bytes(b'{"tool": "\xff"}')
    with pytest.raises(BaselineError, match="not valid UTF-8"):
        load_baseline(path)


# -- filter_new ---------------------------------------------------------------------------

def test_filter_new_keeps_errors_and_leaves_its_inputs_alone(linter: Linter, tmp_path: Path):
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    result = linter.lint([str(draft), str(tmp_path / "missing.md")])
    assert len(result.errors) == 1
    baseline = Counter(fingerprint(f) for f in result.findings)
    copy = Counter(baseline)
    findings = list(result.findings)
    kept, suppressed = filter_new(result, baseline)
    assert kept.findings == [] and suppressed == 3
    assert kept.errors == result.errors and kept.files_checked == result.files_checked == 1
    assert kept.exit_code() == 2  # input errors still win
    assert baseline == copy and result.findings == findings
    kept, _ = filter_new(linter.lint([str(draft)]), baseline)
    assert kept.exit_code() == 0


def test_cli_write_then_use_a_baseline(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from termcheck.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary.yaml").write_text(
        "version: 1\nterms:\n  - {id: myanmar, target: เมียนมา, forbidden: [เมียนมาร์]}\n",
        encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text("# ข่าว\n\nเดินทางไปเมียนมาร์แล้ว\n", encoding="utf-8")
    runner = CliRunner()
    written = runner.invoke(app, ["lint", "draft.md", "--write-baseline", "base.json"])
    assert written.exit_code == 0, written.output
    assert "wrote 1 findings" in written.stderr
    clean = runner.invoke(app, ["lint", "draft.md", "--baseline", "base.json"])
    assert clean.exit_code == 0, clean.output
    # lines move and one new error comes: exactly that one is reported
    draft.write_text("# ข่าว\n\nบทนำ\n\nเดินทางไปเมียนมาร์แล้ว\n\nกลับจากเมียนมาร์เมื่อวาน\n",
                     encoding="utf-8")
    new = runner.invoke(app, ["lint", "draft.md", "--baseline", "base.json", "-f", "concise"])
    assert new.exit_code == 1, new.output
    assert new.stdout.splitlines() == [
        "draft.md:7:8: TC001 forbidden form 'เมียนมาร์': use 'เมียนมา'"]
    both = runner.invoke(app, ["lint", "draft.md", "--baseline", "b", "--write-baseline", "b"])
    assert both.exit_code == 2
