"""The 125 Thai cases of thai-cases.tsv (THAI.md §6), checked against the cases glossary.

Each case is a text as written, the approved term it is about, and whether termcheck must
report that term there.  Test ids are `case<line>-<category>`, the line being the 1-based
line of tests/data/thai-cases.tsv.

- should_flag=yes: at least one finding for the case's term whose span lies within the text
  (for unicode/* cases, of rule TC005, TC002 or TC003: broken Unicode, a near-miss, or a
  spacing/digit variant).
- should_flag=no: no finding for the case's term.

Cases outside what issue 2 asks of termcheck are listed in OUT_OF_SCOPE (xfail, not strict);
cases that issue 2 does ask for but termcheck gets wrong are in KNOWN_BUGS (strict xfail:
when the bug is fixed the test says so, and the entry must go).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from support import CASES_GLOSSARY, DATA, SHARED, check, show, span_in_text
from termcheck.glossary.load import load_glossaries

CASES_TSV = DATA / "thai-cases.tsv"

# The case term "กต" (the abbreviation without its period) is checked against กต.
TERM_ALIASES = {"กต": "mofa-abbr"}

UNICODE_RULES = frozenset({"TC005", "TC002", "TC003"})

OUT_OF_SCOPE = {
    109: "no space between Thai and a Latin word: a house-style rule (TC202, when [style] "
         "thai_latin_space is set; tests/data/rules/TC202.yaml has this case), not a finding "
         "for the glossary term (INTERPOL itself is written correctly)",
    110: "date format (abbreviated month, 2-digit Buddhist-Era year): date rules are not part "
         "of issue 2",
    111: "date era check (a CE year labelled พ.ศ.): not part of issue 2",
    112: "date era check (a BE year labelled ค.ศ.): not part of issue 2",
    114: "dual-date consistency (2564 - 543 != 2020): not part of issue 2",
    123: "กรุงเทพ without ไปยาลน้อย: a proper-noun rule; termcheck deliberately does not "
         "report a form that only lacks its final ฯ or period (สหรัฐ, กต), since the bare "
         "form begins other names (ธนาคารกรุงเทพ); needs an allowlist of longer names",
}

# Strict xfails: cases issue 2 asks for that termcheck gets wrong; a fix must remove the
# entry.  None today: issue 11 fixed the last (a swapped leading vowel, listed misspellings,
# substitutions that were never candidates, มาตราการ).
KNOWN_BUGS: dict[int, str] = {}


@dataclass(frozen=True)
class Case:
    number: int  # 1-based line in thai-cases.tsv
    category: str
    term: str  # the approved term (column 2)
    text: str  # as written, with its raw invisible characters
    should_flag: bool
    note: str


def load_cases() -> list[Case]:
    # Split on LF only and never strip: the texts hold NBSP, ZWSP, BOM and friends.
    cases = []
    for number, line in enumerate(CASES_TSV.read_text(encoding="utf-8").split("\n"), 1):
        if not line:
            continue
        category, term, text, flag, note = line.split("\t")
        assert flag in ("yes", "no"), f"line {number}: should_flag is {flag!r}"
        cases.append(Case(number, category, term, text, flag == "yes", note))
    return cases


CASES = load_cases()
_GLOSSARY, _ERRORS = load_glossaries([CASES_GLOSSARY])
TERM_IDS = {term.target: term.id for term in _GLOSSARY.terms} | TERM_ALIASES


def _param(case: Case):
    marks = []
    if case.number in OUT_OF_SCOPE:
        marks.append(pytest.mark.xfail(strict=False, reason=OUT_OF_SCOPE[case.number]))
    elif case.number in KNOWN_BUGS:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[case.number]))
    return pytest.param(case, id=f"case{case.number:03d}-{case.category}", marks=marks)


def test_case_file_is_the_documented_one():
    assert len(CASES) == 125
    assert sum(not c.should_flag for c in CASES) == 28
    assert all("\t" not in c.text and "\n" not in c.text for c in CASES)


def test_case_file_matches_the_shared_copy():
    shared = SHARED / "thai-cases.tsv"
    if not shared.is_file():
        pytest.skip("../shared is not available here")
    assert CASES_TSV.read_bytes() == shared.read_bytes(), "tests/data/thai-cases.tsv is stale"


def test_cases_glossary_loads_and_covers_every_case_term():
    assert not _ERRORS, [str(e) for e in _ERRORS]
    missing = sorted({c.term for c in CASES} - TERM_IDS.keys())
    assert not missing, f"case terms without a glossary entry: {missing}"


def test_out_of_scope_and_known_bugs_name_real_cases():
    numbers = {c.number for c in CASES}
    assert OUT_OF_SCOPE.keys() <= numbers
    assert KNOWN_BUGS.keys() <= numbers
    assert not OUT_OF_SCOPE.keys() & KNOWN_BUGS.keys()
    flagged = {c.number for c in CASES if c.should_flag}
    # Only cases that must be flagged can be missed; a 'no' case that fails is a false
    # positive, and those are never excused.
    assert OUT_OF_SCOPE.keys() <= flagged
    assert KNOWN_BUGS.keys() <= flagged


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case: Case, cases_linter):
    term_id = TERM_IDS[case.term]
    findings = check(cases_linter, case.text)
    for finding in findings:  # every finding, whatever its term, points at the text
        assert span_in_text(finding, case.text), show([finding])
        assert (finding.line, finding.column) == (1, finding.offset + 1), show([finding])
        assert finding.end_column == finding.column + len(finding.found), show([finding])
    mine = [f for f in findings if f.term_id == term_id]
    where = f"case {case.number} ({case.category}) {case.text!r} [{term_id}]: {case.note}"
    if not case.should_flag:
        assert not mine, f"{where}\nmust not be reported, got:\n{show(findings)}"
        return
    if case.category.startswith("unicode/"):
        mine = [f for f in mine if f.rule in UNICODE_RULES]
    assert mine, f"{where}\nmust be reported, got:\n{show(findings)}"
