"""`termcheck lint --statistics` and the end of a long human report: the changes the findings
ask for, counted, most frequent first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support import SHIPPED_GLOSSARY, UI_GLOSSARY


def _lint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termcheck", "lint", "-g", str(SHIPPED_GLOSSARY),
                           *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_statistics_count_each_change(tmp_path: Path):
    draft = tmp_path / "draft.txt"
    draft.write_text("ข่าวใต้หวัน\nวันนี้ใต้หวันประกาศ\nรัฐบาลใต้หวัน\nประเทศเมียนมาร์\n",
                     encoding="utf-8")
    done = _lint("--statistics", str(draft), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    rows = done.stdout.splitlines()
    assert rows[0].split() == ["3", "TC002", "[taiwan]", "ใต้หวัน", "→", "ไต้หวัน"]
    assert rows[1].split() == ["1", "TC001", "[myanmar]", "เมียนมาร์", "→", "เมียนมา"]
    assert rows[2].startswith("Found 4 problems") and len(rows) == 3


def test_a_missing_term_is_one_change_whatever_the_segment(tmp_path: Path):
    po = tmp_path / "th.po"
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Delete the file"\nmsgstr "ลบเอกสาร"\n\n'
                  'msgid "Open a file"\nmsgstr "เปิดเอกสาร"\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "termcheck", "lint", "-g", str(UI_GLOSSARY),
                           "--statistics", str(po)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert done.stdout.splitlines()[0].split() == ["2", "TC101", "[file]", "ไฟล์", "missing"]


def test_a_long_report_ends_with_the_commonest_changes(tmp_path: Path):
    long, short = tmp_path / "long.txt", tmp_path / "short.txt"
    long.write_text("".join(f"ข่าว {n} ใต้หวัน\n" for n in range(25)) + "ประเทศเมียนมาร์\n",
                    encoding="utf-8")
    short.write_text("ข่าวใต้หวัน\nรัฐบาลใต้หวัน\n", encoding="utf-8")
    report = _lint(str(long), cwd=tmp_path).stdout
    head = report.split("Most frequent changes", 1)[1].splitlines()
    assert head[1].split() == ["25", "TC002", "[taiwan]", "ใต้หวัน", "→", "ไต้หวัน"]
    assert "เมียนมาร์" not in "\n".join(head[:3])  # a change made once is not repeated there
    assert "Most frequent changes" not in _lint(str(short), cwd=tmp_path).stdout
