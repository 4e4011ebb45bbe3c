"""termcheck over every real PO and XLIFF file in ../shared/realdata (skipped when absent).

The glossary is tests/data/software-glossary.yaml.  The expected TC001 counts were verified
independently of termcheck: with polib, every translated, non-fuzzy, non-obsolete msgstr
(each plural form), `_` accelerators before Thai letters removed, counting each forbidden form
not followed by a combining mark; they agree with NOTES.md section 2 (Godot: อัพเดท 8 +
อัพเดต 2 for update, ไดเร็กทอรี 4, แพคเกจ 3 + แพ็คเกจ 1, บุ๊คมาร์ค 5, เบราเซอร์ 2; Nautilus:
ไดเร็กทอรี 1, เซิฟเวอร์ 1; Django: อีเมล์ 1, and one msgstr of core_django.po with อัพโหลด twice).
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from support import DATA, SHARED, make_linter
from termcheck.diagnostics import LintResult

REALDATA = SHARED / "realdata"
pytestmark = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is absent")

PROJECTS = ["debian-apt", "django", "firefox-ios", "gnome-file-roller", "gnome-nautilus",
            "godot-editor", "xfce-thunar", "tlwg-esr-articles"]

FORBIDDEN_FOUND = {
    ("django/admin_django.po", "email"): 1,
    ("django/core_django.po", "upload"): 2,
    ("gnome-nautilus/th.po", "directory"): 1,
    ("gnome-nautilus/th.po", "server"): 1,
    ("godot-editor/editor_th.po", "bookmark"): 5,
    ("godot-editor/editor_th.po", "browser"): 2,
    ("godot-editor/editor_th.po", "directory"): 4,
    ("godot-editor/editor_th.po", "package"): 4,
    ("godot-editor/editor_th.po", "server"): 1,
    ("godot-editor/editor_th.po", "update"): 9,
    ("godot-editor/properties_th.po", "update"): 1,
    ("xfce-thunar/th.po", "directory"): 1,
}


def bilingual_files(project: str) -> list[str]:
    folder = REALDATA / project
    return sorted(str(p) for p in folder.iterdir() if p.suffix in {".po", ".xliff"})


@pytest.fixture(scope="module")
def results() -> dict[str, LintResult]:
    linter = make_linter(DATA / "software-glossary.yaml")
    out = {}
    for project in PROJECTS:
        started = time.perf_counter()
        out[project] = linter.lint(bilingual_files(project))
        print(f"{project}: {len(out[project].findings)} findings in "
              f"{time.perf_counter() - started:.2f} s")
    return out


def short(path: str) -> str:
    return "/".join(Path(path).parts[-2:])


def test_every_real_file_lints_without_an_error(results: dict[str, LintResult]):
    for project, result in results.items():
        assert result.errors == [], (project, [str(e) for e in result.errors])
        assert result.files_checked == len(bilingual_files(project))


def test_forbidden_forms_found_match_the_counts_verified_by_hand(results):
    got = Counter((short(f.path), f.term_id) for r in results.values() for f in r.findings
                  if f.rule == "TC001")
    assert dict(got) == FORBIDDEN_FOUND


def test_findings_point_into_translations(results):
    # every finding's line is a msgstr / <target> line or a continuation of one, and its
    # `found` text stands there (accelerators aside)
    for result in results.values():
        for f in result.findings:
            assert f.source is not None, f
            if f.rule in {"TC101", "TC102"}:
                continue  # whole-segment findings
            if f.end_line != f.line:
                continue
            written = f.line_text[f.column - 1:f.end_column - 1]
            assert written.replace("_", "") == f.found.replace("_", ""), (f, f.line_text)


def test_missing_term_in_thunar(results):
    # Thunar renders "directory" ไดเรกทอรี 21 times; 4 translations say โฟลเดอร์ instead, and
    # one has the typo ไดเรกทอรีำงาน (ท lost), where ไดเรกทอรี is not a word of its own.
    missing = sorted(f.line for f in results["xfce-thunar"].findings
                     if f.rule == "TC101" and f.term_id == "directory")
    assert len(missing) == 5
    typo = [f for f in results["xfce-thunar"].findings
            if f.rule == "TC101" and "ไดเรกทอรีำงาน" in f.found]
    assert len(typo) == 1


def test_sources_and_contexts_reach_the_findings(results):
    finding = next(f for f in results["godot-editor"].findings
                   if f.rule == "TC001" and f.term_id == "update")
    assert "update" in finding.source.lower()
    data = finding.to_dict()
    assert data["source"] == finding.source
