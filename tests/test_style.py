"""House-style checks: spacing before ๆ (TC201), off unless the configuration asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import make_linter
from termcheck.checks.maiyamok import check
from termcheck.engine import Linter
from termcheck.readers.markdown import read_markdown
from termcheck.settings import Settings


@pytest.mark.parametrize(("text", "space", "expected"), [
    ("ประเทศต่างๆ ในภูมิภาค", True, [("งๆ", "ง ๆ")]),
    ("ประเทศต่าง ๆ ในภูมิภาค", True, []),
    ("ประเทศต่าง ๆ ในภูมิภาค", False, [("ง ๆ", "งๆ")]),
    ("ประเทศต่าง\u00a0ๆ ในภูมิภาค", False, [("ง\u00a0ๆ", "งๆ")]),
    ("ประเทศต่างๆ ในภูมิภาค", False, []),
    ("ๆ ที่ต้นบรรทัด", True, []),  # nothing before it to attach to
    ("ไม่มีไม้ยมก", True, []),
])
def test_check(text: str, space: bool, expected: list[tuple[str, str]]):
    found = check(text, space_before=space)
    assert [(s.found, s.expected) for s in found] == expected
    for s in found:
        assert text[s.start:s.end] == s.found


def test_off_unless_configured_and_placed_in_the_file(tmp_path: Path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text("version: 1\nterms:\n  - {id: t, target: ไต้หวัน}\n", encoding="utf-8")
    text = "# หัวข้อ\n\nเด็กๆ เล่นกัน `ต่างๆ` และ ต่าง ๆ\n"
    doc = read_markdown("d.md", text)
    assert make_linter(glossary).check_document(doc)[0] == []
    loaded = make_linter(glossary).glossary
    spaced, _ = Linter(loaded, Settings(style={"maiyamok_space": True})).check_document(doc)
    assert [(f.rule, f.line, f.column, f.found, f.expected) for f in spaced] == [
        ("TC201", 3, 4, "กๆ", "ก ๆ")]  # not the one in inline code
    attached, _ = Linter(loaded, Settings(style={"maiyamok_space": False})).check_document(doc)
    assert [(f.found, f.expected) for f in attached] == [("ง ๆ", "งๆ")]
