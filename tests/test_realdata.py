"""A run over real Thai prose nobody on the team wrote (../shared/realdata), shipped glossary.

Government news from the PyThaiNLP ThaiGov corpus (with its defects/ samples: decomposed
ำ, doubled marks, ZWSP, เเ ...) and the TLWG translations of ESR's essays.  The run must
finish without input errors or exceptions; the findings are printed (pytest -s, or -rA) and
checked for sanity.  Skipped when ../shared is absent (as in some CI runs).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support import SHARED, show
from termcheck.diagnostics import LintResult

REALDATA = SHARED / "realdata"

pytestmark = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is absent")

# Findings a reader of these files has checked by hand: real errors, each (file, term id,
# found).  Every one must still be reported; anything new must be looked at.
EXPECTED = {
    ("thaigov_covid_04.txt", "ambassador", "เอกอัคราชทูต"),  # missing ร
    ("thaigov_cabinet-summary_01.txt", "measure", "มาตการ"),  # มาตรการ missing ร
    ("thaigov_covid_04.txt", "covid-19", "โควิด – 19"),
    ("thaigov_cabinet-summary_01.txt", "covid-19", "โควิด -19"),
    ("thaigov_defect_tone-before-lower_2.txt", "covid-19", "โควิด 19"),
    ("thaigov_education_04.txt", "application", "แอพพลิเคชั่น"),
    ("thaigov_govhouse_06.txt", "appear", "ปรากฎ"),
    ("thaigov_social_05.txt", "internet", "อินเตอร์เน็ต"),
    # องค์การโทรคมนาคมแห่งเอเซียและแปซิฟิก (APT): the organisation's current Thai name
    # writes เอเชีย, so this is a fair report, though inside a proper name.
    ("thaigov_social_02.txt", "asia", "เอเซีย"),
    # ESR essay: "ติดต่อผู้เขียนทางอี-เมล": the hyphenated spelling of อีเมล.
    ("homesteading.th.txt", "email", "อี-เมล"),
}


def prose_files() -> list[Path]:
    corpus = REALDATA / "thaigov-corpus"
    return sorted([*corpus.glob("*.txt"), *(corpus / "defects").glob("*.txt"),
                   *(REALDATA / "tlwg-esr-articles").glob("*.txt")])


@pytest.fixture(scope="module")
def result(shipped_linter) -> LintResult:
    files = prose_files()
    assert len(files) >= 50, files
    return shipped_linter.lint([str(p) for p in files])


def test_real_prose_is_checked_without_errors(result: LintResult):
    assert result.errors == [], [str(e) for e in result.errors]
    assert result.files_checked == len(prose_files())
    print(f"\n{len(result.findings)} findings in {result.files_checked} files:")
    for f in result.findings:
        print(f"  {Path(f.path).name}:{f.line}:{f.column} {f.rule} [{f.term_id}] "
              f"{f.found!r} -> {f.expected!r}")


def test_findings_point_at_the_files(result: LintResult):
    texts: dict[str, list[str]] = {}
    for f in result.findings:
        lines = texts.setdefault(
            f.path, Path(f.path).read_text(encoding="utf-8-sig").split("\n"))
        line = lines[f.line - 1].rstrip("\r")
        assert line[f.column - 1:f.end_column - 1] == f.found, show([f])
        assert f.line_text == line


def test_known_real_errors_are_found(result: LintResult):
    got = {(Path(f.path).name, f.term_id, f.found) for f in result.findings}
    missing = EXPECTED - got
    assert not missing, f"no longer reported: {sorted(missing)}"


def test_no_unreviewed_findings(result: LintResult):
    # About 1.1 MB of edited, published prose: every finding here has been read by a person
    # (EXPECTED).  A new one is either a new true positive (add it) or a false positive.
    got = {(Path(f.path).name, f.term_id, f.found) for f in result.findings}
    new = got - EXPECTED
    assert not new, "unreviewed findings on real text:\n" + show(
        f for f in result.findings if (Path(f.path).name, f.term_id, f.found) in new)
