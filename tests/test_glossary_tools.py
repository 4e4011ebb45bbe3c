"""glossary check / stats / suggest (issue 6, sections 1 and 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from termcheck.glossary.check import check_glossaries, exit_code, form_defects
from termcheck.glossary.load import load_glossaries
from termcheck.glossary.stats import format_stats, stats
from termcheck.glossary.suggest import proposals, suggest
from termcheck.settings import Settings

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"


def write(tmp_path: Path, text: str, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    path.write_text("version: 1\nterms:\n" + text, encoding="utf-8")
    return path


def codes(problems) -> list[tuple[int, str]]:
    return [(p.line, p.code) for p in problems]


# -- check ------------------------------------------------------------------------------------

def test_clean_glossary_has_no_problems(tmp_path: Path) -> None:
    path = write(tmp_path, "  - {id: myanmar, target: เมียนมา, source: Myanmar, "
                           "forbidden: [เมียนมาร์]}\n"
                           "  - {id: file, target: ไฟล์, source: file}\n")
    problems = check_glossaries([path])
    assert problems == []
    assert exit_code(problems) == 0


def test_schema_error_and_duplicate_id(tmp_path: Path) -> None:
    path = write(tmp_path, "  - id: a\n    target: ไฟล์\n    colour: red\n"
                           "  - id: b\n    target: แฟ้ม\n"
                           "  - id: b\n    target: โฟลเดอร์\n")
    problems = check_glossaries([path])
    assert codes(problems) == [(5, "G001"), (8, "G002")]
    assert "unknown field 'colour'" in problems[0].message
    assert str(problems[1]).startswith(f"{path}:8: G002 ")
    assert exit_code(problems) == 1


def test_missing_file_is_exit_2(tmp_path: Path) -> None:
    problems = check_glossaries([tmp_path / "none.yaml"])
    assert codes(problems) == [(0, "G000")]
    assert exit_code(problems) == 2


def test_same_source_conflicting_targets(tmp_path: Path) -> None:
    path = write(tmp_path, "  - {id: a, target: เมียนมา, source: Myanmar}\n"
                           "  - {id: b, target: พม่า, source: [myanmar]}\n"
                           "  - {id: c, target: เมียนมา, source: [MYANMAR]}\n")
    problems = check_glossaries([path])
    assert codes(problems) == [(4, "G003")]
    assert "'พม่า'" in problems[0].message and "term 'a'" in problems[0].message


def test_forbidden_form_is_another_terms_target(tmp_path: Path) -> None:
    path = write(tmp_path, "  - {id: a, target: เมียนมา}\n"
                           "  - {id: b, target: ไฟล์, allowed: [แฟ้ม]}\n"
                           "  - {id: c, target: โฟลเดอร์, forbidden: [แฟ้ม]}\n")
    problems = check_glossaries([path])
    assert codes(problems) == [(5, "G004")]
    assert "'แฟ้ม'" in problems[0].message


@pytest.mark.parametrize(("form", "what"), [
    ("อย่างตำ่", "wrong order"),  # OpenTLE: tone typed after sara am
    ("ต่่อไป", "the same mark typed twice"),  # OpenTLE: doubled mai ek
    ("ต\u0e4d\u0e32", "nikhahit + sara aa"),  # decomposed ำ
    ("\u0e48ไป", "starts with a combining mark"),  # orphan leading mark
    ("ไฟ\u200bล์", "invisible character"),
])
def test_broken_unicode_in_entries(tmp_path: Path, form: str, what: str) -> None:
    assert any(what in d for d in form_defects(form))
    path = write(tmp_path, f"  - id: a\n    target: \"{form}\"\n")
    problems = check_glossaries([path])
    assert codes(problems) == [(3, "G005")]
    assert what in problems[0].message


def test_broken_unicode_in_allowed_and_forbidden(tmp_path: Path) -> None:
    path = write(tmp_path, "  - id: low\n    target: อย่างต่ำ\n    allowed: [อย่างตำ่]\n"
                           # a broken spelling of the term itself may be forbidden on purpose
                           "  - id: next\n    target: ต่อไป\n    forbidden: [ต่่อไป]\n"
                           # ... but not one that repairs to another word: it flags that word
                           "  - id: go\n    target: ไป\n    forbidden: [ต่่อ]\n")
    problems = check_glossaries([path])
    assert codes(problems) == [(3, "G005"), (9, "G005")]
    assert "'allowed'" in problems[0].message and "write 'อย่างต่ำ'" in problems[0].message
    assert "'forbidden'" in problems[1].message


def test_near_miss_targets(tmp_path: Path) -> None:
    path = write(tmp_path, "  - {id: server, target: เซิร์ฟเวอร์}\n"
                           "  - {id: server2, target: เซิฟเวอร์}\n"
                           "  - {id: file, target: ไฟล์}\n"  # short: no fuzzy matching
                           "  - {id: fire, target: ไฟ}\n")
    problems = check_glossaries([path])
    assert codes(problems) == [(4, "G006")]
    assert "term 'server'" in problems[0].message


def test_near_miss_ignored_when_not_fuzzy(tmp_path: Path) -> None:
    path = write(tmp_path, "  - {id: server, target: เซิร์ฟเวอร์}\n"
                           "  - {id: server2, target: เซิฟเวอร์, fuzzy: false}\n")
    assert check_glossaries([path]) == []


EXAMPLE_TERM = ("  - id: myanmar\n    target: เมียนมา\n    forbidden: [เมียนมาร์]\n"
                "    examples:\n      bad: [{bad}]\n      good: [{good}]\n")


def test_examples_that_hold(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE_TERM.format(bad="ประเทศเมียนมาร์", good="ประเทศเมียนมา"))
    assert check_glossaries([path]) == []
    glossary, errors = load_glossaries([path])
    assert errors == []
    assert glossary.terms[0].examples_bad == ("ประเทศเมียนมาร์",)
    assert glossary.terms[0].examples_good == ("ประเทศเมียนมา",)


def test_examples_that_fail(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE_TERM.format(bad="ประเทศเมียนมา", good="ประเทศเมียนมาร์"))
    problems = check_glossaries([path])
    assert codes(problems) == [(3, "G007"), (3, "G008")]
    assert "no finding for term 'myanmar'" in problems[0].message
    assert "TC001 'เมียนมาร์'" in problems[1].message


def test_examples_schema(tmp_path: Path) -> None:
    path = write(tmp_path, "  - id: a\n    target: ไฟล์\n    examples: {ugly: [x]}\n"
                           "  - id: b\n    target: แฟ้ม\n    examples: {good: แฟ้มงาน}\n")
    problems = check_glossaries([path])
    assert codes(problems) == [(5, "G001")]
    assert "unknown key 'ugly'" in problems[0].message
    csv = tmp_path / "g.csv"
    csv.write_text("id,target,examples\na,ไฟล์,x\n", encoding="utf-8")
    assert "YAML glossaries only" in check_glossaries([csv])[0].message


# -- stats ------------------------------------------------------------------------------------

def test_stats_on_a_small_corpus(tmp_path: Path) -> None:
    glossary = write(tmp_path, "  - {id: myanmar, target: เมียนมา, forbidden: [เมียนมาร์]}\n"
                               "  - {id: internet, target: อินเทอร์เน็ต}\n"
                               "  - {id: file, target: ไฟล์}\n")
    corpus = tmp_path / "a.txt"
    corpus.write_text("ประเทศเมียนมา และเมียนมา\nประเทศเมียนมาร์ และเมียนมาร์\n"
                      "ใช้อินเทอร์เน็ต ที่ประเทศเมียนมา\n", encoding="utf-8")
    result = stats([str(corpus)], settings=Settings(glossaries=(glossary,)))
    by_id = {t.term.id: t for t in result.terms}
    assert result.files_checked == 1 and result.segments == 3
    assert by_id["myanmar"].uses == 2  # segments, not occurrences
    assert by_id["myanmar"].forbidden == {"เมียนมาร์": 2}
    assert by_id["internet"].uses == 1
    assert [t.term.id for t in result.never_used] == ["file"]
    assert [t.term.id for t in result.used] == ["myanmar", "internet"]
    text = format_stats(result)
    assert "Never used (1)" in text and "เมียนมาร์ ×2" in text


# -- suggest ----------------------------------------------------------------------------------

def _po(entries: list[tuple[str, str]]) -> str:
    out = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for source, target in entries:
        out += [f'msgid "{source}"', f'msgstr "{target}"', ""]
    return "\n".join(out)


PO_ENTRIES = [  # Thunar's case: แฟ้ม for "file", twice its loanword ไฟล์
    ("Open file", "เปิดแฟ้ม"), ("Save file", "บันทึกแฟ้ม"), ("Delete file", "ลบแฟ้ม"),
    ("Rename file", "เปลี่ยนชื่อแฟ้ม"), ("Copy file", "คัดลอกแฟ้ม"),
    ("Move file", "ย้ายไฟล์"), ("Print file", "พิมพ์ไฟล์"),
    ("Close window", "ปิดหน้าต่าง"),
]


def test_suggest_on_a_synthetic_po(tmp_path: Path) -> None:
    po = tmp_path / "th.po"
    po.write_text(_po(PO_ENTRIES), encoding="utf-8")
    found = proposals([str(po)])
    assert [p.source for p in found] == ["file"]
    assert found[0].counts == [("แฟ้ม", 5), ("ไฟล์", 2)]
    text = suggest([str(po)])
    data = yaml.safe_load(text)
    assert data["version"] == 1
    assert data["terms"] == [{"id": "file", "source": ["file"], "target": "แฟ้ม",
                              "note": data["terms"][0]["note"]}]
    assert "แฟ้ม 5, ไฟล์ 2" in data["terms"][0]["note"]
    assert '# forbidden: ["ไฟล์"]' in text
    # the proposal is a healthy glossary as it stands
    out = tmp_path / "proposed.yaml"
    out.write_text(text, encoding="utf-8")
    assert check_glossaries([out]) == []


def test_suggest_leaves_out_what_the_glossary_covers(tmp_path: Path) -> None:
    po = tmp_path / "th.po"
    po.write_text(_po(PO_ENTRIES), encoding="utf-8")
    glossary = write(tmp_path, "  - {id: file, target: แฟ้ม, source: file}\n")
    assert proposals([str(po)], glossary_paths=[glossary]) == []
    assert proposals([str(po)], min_units=50) == []


@pytest.mark.skipif(not (REALDATA / "xfce-thunar" / "th.po").exists(),
                    reason="needs ../shared/realdata")
def test_suggest_on_thunar() -> None:
    found = {p.source: p for p in proposals([str(REALDATA / "xfce-thunar" / "th.po")])}
    assert "directory" in found
    forms = [f for f, _ in found["directory"].counts]
    assert forms[0] == "ไดเรกทอรี" and "โฟลเดอร์" in forms


def test_shipped_and_test_glossaries_pass_their_own_check():
    from support import CASES_GLOSSARY, SHIPPED_GLOSSARY

    for path in (SHIPPED_GLOSSARY, CASES_GLOSSARY):
        assert [str(p) for p in check_glossaries([path])] == []


def test_cli_glossary_commands(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from termcheck.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "g.yaml").write_text(
        "version: 1\nterms:\n  - {id: a, target: ต่่อไป}\n  - {id: b, target: เมียนมา,"
        " forbidden: [เมียนมาร์], examples: {bad: [ไปเมียนมาร์], good: [ไปเมียนมา]}}\n",
        encoding="utf-8")
    (tmp_path / "d.txt").write_text("ไปเมียนมาร์\nไปเมียนมา\n", encoding="utf-8")
    runner = CliRunner()
    check = runner.invoke(app, ["glossary", "check", "g.yaml"])
    assert check.exit_code == 1 and "G005" in check.stdout, check.output
    stats = runner.invoke(app, ["glossary", "stats", "g.yaml", "d.txt"])
    assert stats.exit_code == 0 and "เมียนมาร์" in stats.stdout, stats.output
    suggest = runner.invoke(app, ["glossary", "suggest", "d.txt"])
    assert suggest.exit_code == 0 and "version: 1" in suggest.stdout
