"""Many files: processes give the same result, in the same order, as one process."""

from __future__ import annotations

from pathlib import Path

from support import SHIPPED_GLOSSARY, make_linter
from termcheck.engine import PARALLEL_MIN_FILES

DRAFT = Path(__file__).resolve().parents[1] / "examples" / "draft.th.md"


def test_processes_give_the_same_result_as_one(tmp_path: Path):
    text = DRAFT.read_text(encoding="utf-8")
    lines = text.split("\n")
    count = PARALLEL_MIN_FILES + 8
    for n in range(count):  # different files: rotate the draft's lines
        rotated = lines[n % len(lines):] + lines[:n % len(lines)]
        (tmp_path / f"d{n:02d}.md").write_text("\n".join(rotated), encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfe bad")  # an input error among them
    linter = make_linter(SHIPPED_GLOSSARY)
    calls: list[tuple[int, int]] = []
    one = linter.lint([str(tmp_path)], jobs=1)
    many = linter.lint([str(tmp_path)], jobs=2, progress=lambda d, t: calls.append((d, t)))
    assert [f.to_dict() for f in many.findings] == [f.to_dict() for f in one.findings]
    assert [str(e) for e in many.errors] == [str(e) for e in one.errors]
    assert many.files_checked == one.files_checked == count
    assert len(one.findings) > count  # every file has findings
    assert calls[-1] == (count + 1, count + 1) and len(calls) == count + 1
