"""TC006, broken Unicode anywhere (termcheck.checks.unicode_defects, termcheck.thai.defects):
what tests/data/rules/TC006.yaml cannot say with one finding per text.  Its fix is always
the span normalised, the fixed text holds nothing the rule could fix, it never shares
characters with a glossary finding, and it leaves Markdown code alone.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from support import check, show
from termcheck import fix
from termcheck.diagnostics import Applicability, Finding
from termcheck.engine import Linter
from termcheck.settings import RuleSetting, Settings
from termcheck.thai.defects import NO_REPAIR, REPORTED
from termcheck.thai.normalize import normalize

ZWSP = "\u200b"


def tc006(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule == "TC006"]


def fixed(text: str, findings: list[Finding]) -> str:
    changes = [fix.Change(e.start, e.end, e.content, f) for f in findings
               if f.fix is not None and f.fix.applicability is Applicability.SAFE
               for e in f.fix.edits]
    return fix.apply(text, changes)


def test_defects_in_one_cluster_are_one_finding(shipped_linter: Linter):
    # a ZWSP between a tone mark and the vowel it was typed before
    [finding] = check(shipped_linter, "ท\u0e48" + ZWSP + "\u0e35")
    assert finding.rule == "TC006" and finding.expected == "ที่"
    assert "typed before" in finding.message and "zero-width space" in finding.message


def test_a_defect_inside_a_forbidden_form_is_left_to_its_finding(shipped_linter: Linter):
    # TC001's fix writes เมียนมา over the whole span, the ZWSP with it; a TC006 finding on
    # the same characters would stop `termcheck fix` from making either fix
    text = "ประเทศเมียน" + ZWSP + "มาร์"
    findings = check(shipped_linter, text)
    assert [(f.rule, f.term_id) for f in findings] == [("TC001", "myanmar")], show(findings)
    assert fixed(text, findings) == "ประเทศเมียนมา"


def test_a_defect_beside_a_term_is_reported(shipped_linter: Linter):
    findings = check(shipped_linter, "ประเทศเมียนมา" + ZWSP + "และไทย")
    assert [(f.rule, f.found, f.column) for f in findings] == [("TC006", ZWSP, 14)]


def test_markdown_code_is_not_checked(shipped_linter: Linter):
    text = f"ไฟล์ `ถาม{ZWSP}หมอ.txt` และ ถาม{ZWSP}หมอ\n"
    findings = check(shipped_linter, text, "draft.md")
    assert [(f.rule, f.column) for f in findings] == [("TC006", text.rindex(ZWSP) + 1)]


def test_a_po_translation_is_fixed_in_place(shipped_linter: Linter):
    text = 'msgid "Labour"\nmsgstr "กระทรวง\u0e40\u0e40รงงาน"\n'
    findings = tc006(shipped_linter.lint_text("th.po", text).findings)
    assert [(f.line, f.found, f.expected) for f in findings] == [(2, "\u0e40\u0e40", "แ")]
    assert fixed(text, findings) == 'msgid "Labour"\nmsgstr "กระทรวงแรงงาน"\n'


def test_the_rule_can_be_turned_off(shipped_linter: Linter):
    off = Linter(shipped_linter.glossary, Settings(rules={"TC006": RuleSetting(enabled=False)}))
    assert check(off, "ถาม" + ZWSP + "หมอ") == []


def test_severity_is_a_warning_by_default(shipped_linter: Linter):
    [finding] = check(shipped_linter, "ถาม" + ZWSP + "หมอ")
    assert finding.severity == "warning"


# -- any text ------------------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "ที่", "น้ำ", "และ", "ประเทศ", "เมียนมาร์", "ไต้หวัน", " ", "A", "1", ",", "(", "◌",
    *"่้๊๋ัิีุูําำ์็ๅเแ", "\u0e40\u0e40", ZWSP, "\u200c", "\u200d", "\u2060", "\u00ad",
    "\ufeff", "\uf70a", "\uf70e", "\uf89a", "\uff21", "\uff08", "\u0e51", "  ", "\u00a0",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_every_fix_is_the_span_normalised_and_fixing_leaves_no_fix(shipped_linter: Linter,
                                                                    text: str):
    findings = tc006(check(shipped_linter, text))
    for f in findings:
        if f.fix is None:
            assert f.expected == ""
            continue
        if f.fix.applicability is Applicability.UNSAFE:  # a mark typed after a space
            assert f.found.startswith(" ") and f.expected == f.found.lstrip(" ") + " " * (
                len(f.found) - len(f.found.lstrip(" "))), show([f])
            continue
        assert f.fix.applicability is Applicability.SAFE
        assert f.expected == normalize(f.found, casefold=False).text, show([f])
        assert normalize(f.expected, casefold=False).defects == ()
    first = fix.plan(check(shipped_linter, text)).edits.get("draft.txt", [])
    result, rounds, remaining = fix.settle(shipped_linter, "draft.txt", text, first)
    assert len(rounds) < fix.MAX_ROUNDS
    left = [f for f in tc006(remaining)
            if f.fix is not None and f.fix.applicability is Applicability.SAFE]
    assert not left, (text, result, show(left))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_only_the_certain_kinds_are_repaired(shipped_linter: Linter, text: str):
    for f in tc006(check(shipped_linter, text)):
        kinds = {d.kind for d in normalize(f.found).defects}
        assert kinds, show([f])  # the span holds what it reports
        if f.fix is not None and f.fix.applicability is Applicability.SAFE:
            assert kinds <= REPORTED - NO_REPAIR, (text, kinds, show([f]))
        elif f.fix is not None:  # the one guess: marks typed after the space
            assert kinds == {"orphan-mark"}, (text, kinds, show([f]))


def test_a_mark_at_the_start_of_a_po_line_is_reported_alone(shipped_linter: Linter):
    text = 'msgid "Two\\nlines"\nmsgstr "บรรทัดแรก\\n\u0e48บรรทัดสอง"\n'
    [finding] = tc006(shipped_linter.lint_text("th.po", text).findings)
    assert (finding.line, finding.found, finding.fix) == (2, "\u0e48", None)
    assert "at the start of a line" in finding.message
