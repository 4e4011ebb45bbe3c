"""Markdown: only prose is checked, and positions still refer to the file as written.

Every test plants the forbidden form เมียนมาร์ (shipped glossary: use เมียนมา) in a place that
is not prose; it must not be reported there, and the same word in prose beside it must be.
"""

from __future__ import annotations

import pytest

from support import check, show
from termcheck.readers.markdown import prose_text, read_markdown

WRONG = "เมียนมาร์"


def found(linter, text: str) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.found) for f in check(linter, text, "draft.md")]


def at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based (line, column in code points) of the nth occurrence of needle in text."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


SKIPPED = {
    "fenced-code": f"ย่อหน้า\n\n```text\n{WRONG}\n```\n",
    "tilde-fence": f"ย่อหน้า\n\n~~~\n{WRONG}\n~~~\n",
    "indented-code": f"ย่อหน้า\n\n    {WRONG} ในโค้ด\n",
    "inline-code": f"ชื่อไฟล์ `{WRONG}.mp4` ครับ\n",
    "double-backtick-code": f"ดู ``a ` {WRONG}`` ครับ\n",
    "link-url": f"อ่าน [ข่าว](https://example.org/{WRONG}/x) ครับ\n",
    "link-title": f'อ่าน [ข่าว](https://example.org/x "{WRONG}") ครับ\n',
    "image-url": f"ภาพ ![ภาพ](img/{WRONG}.png) ครับ\n",
    "reference-definition": f"อ่าน [ข่าว][1]\n\n[1]: https://example.org/{WRONG}\n",
    "autolink": f"อ่าน <https://example.org/{WRONG}> ครับ\n",
    "bare-url": f"อ่าน https://example.org/{WRONG}/x ครับ\n",
    "www-url": f"อ่าน www.{WRONG}.example.org ครับ\n",
    "html-block": f"<div>\n{WRONG}\n</div>\n",
    "html-inline": f'ข้อความ <span title="{WRONG}">ใน span</span> ครับ\n',
    "front-matter": f"---\ntitle: {WRONG}\ntags: [{WRONG}]\n---\n\nย่อหน้า\n",
}


@pytest.mark.parametrize("text", SKIPPED.values(), ids=SKIPPED.keys())
def test_non_prose_is_not_checked(text: str, shipped_linter):
    assert found(shipped_linter, text) == []
    # ... and the reader masks it with spaces, keeping every offset and line break.
    prose = prose_text(text)
    assert len(prose) == len(text)
    assert [i for i, c in enumerate(prose) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"]


PROSE = {
    "paragraph": f"ย่อหน้าที่พูดถึง{WRONG}\n",
    "heading": f"# ข่าวจาก{WRONG}\n",
    "emphasis": f"ข่าว *{WRONG}* และ **{WRONG}**\n",
    "link-text": f"อ่าน [ข่าว{WRONG}](https://example.org/x) ครับ\n",
    "image-alt": f"![ภาพจาก{WRONG}](img/x.png)\n",
    "blockquote": f"> คำพูดเรื่อง{WRONG}\n",
    "list-item": f"- แรงงานจาก{WRONG}\n",
    "table-cell": f"| ประเทศ | หมายเหตุ |\n|---|---|\n| {WRONG} | x |\n",
}


@pytest.mark.parametrize("text", PROSE.values(), ids=PROSE.keys())
def test_prose_is_checked_where_it_stands(text: str, shipped_linter):
    expected = [(*at(text, WRONG, n), WRONG) for n in range(1, text.count(WRONG) + 1)]
    assert found(shipped_linter, text) == expected


def test_prose_beside_code_on_the_same_line(shipped_linter):
    text = f"ไฟล์ `{WRONG}.mp4` มาจาก{WRONG} ครับ\n"
    assert found(shipped_linter, text) == [(*at(text, WRONG, 2), WRONG)]


def test_positions_refer_to_the_file(shipped_linter):
    text = (
        "---\n"
        f"title: {WRONG}\n"
        "---\n"
        "\n"
        "# หัวข้อ\n"
        "\n"
        "```\n"
        f"{WRONG}\n"
        "```\n"
        "\n"
        f"> ย่อหน้าที่มี `โค้ด` และ [ลิงก์](https://example.org) ก่อนคำว่า{WRONG} ครับ\n"
        f"- รายการ **สอง** {WRONG}\n"
    )
    findings = check(shipped_linter, text, "draft.md")
    lines = text.split("\n")
    assert [(f.line, f.column) for f in findings] == [(11, at(text, WRONG, 3)[1]),
                                                     (12, at(text, WRONG, 4)[1])], show(findings)
    for f in findings:
        assert lines[f.line - 1][f.column - 1:f.end_column - 1] == f.found == WRONG
        assert f.line_text == lines[f.line - 1]


def test_positions_with_crlf_line_endings(shipped_linter):
    text = f"# หัวข้อ\r\n\r\n```\r\n{WRONG}\r\n```\r\n\r\nแรงงานจาก{WRONG}\r\n"
    findings = check(shipped_linter, text, "draft.md")
    assert [(f.line, f.column, f.end_column) for f in findings] == [
        (7, 10, 10 + len(WRONG))], show(findings)
    assert findings[0].line_text == f"แรงงานจาก{WRONG}"


def test_positions_after_thai_combining_marks_count_code_points(shipped_linter):
    text = f"ที่นี่ที่นั่น {WRONG}\n"  # marks before the finding: columns count code points
    (finding,) = check(shipped_linter, text, "draft.md")
    assert finding.column == text.index(WRONG) + 1


def test_segments_carry_file_offsets():
    text = f"---\na: b\n---\n\nย่อหน้า `code` ต่อ\n\n    โค้ด\n\nจบ{WRONG}\n"
    doc = read_markdown("x.md", text)
    for segment in doc.segments:
        assert text[segment.offset:segment.offset + len(segment.text)].strip(" ") != ""
        # the unmasked characters of a segment are the file's own characters
        for i, ch in enumerate(segment.text):
            if ch != " ":
                assert text[segment.offset + i] == ch


@pytest.mark.parametrize("separator", ["\u2028", "\u0085", "\x0c"], ids=["LS", "NEL", "FF"])
def test_unicode_line_separators_do_not_shift_the_code_masks(separator: str, shipped_linter):
    text = f"ก{separator}ข\n\nชื่อไฟล์ `{WRONG}.txt` ครับ\n"
    assert found(shipped_linter, text) == []
