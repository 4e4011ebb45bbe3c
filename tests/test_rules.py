"""Each rule's cases, as data (sqlfluff style): tests/data/rules/CODE.yaml.

Every `flag` text must yield a finding of that rule (for the given term, when the entry names
one) with the `found`, `expected` and `column` the entry gives; where the entry gives `fix`,
the finding's fix (one `termcheck fix` applies) must turn the text into exactly that, and the
fixed text must no longer yield the finding; without `fix`, the finding has no fix that
`termcheck fix` applies.  Every `pass` text yields no finding of that rule.  The glossaries a
file is checked against are named at its top, with optional `settings` (file-wide, or per
entry) and, for bilingual rules, a `source` beside each text.  Below the data-driven tests:
the boundary behaviours of issue 2 §4 that need more than "some finding of this rule".
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from support import (
    DATA,
    GLOSSARY_NAMES,
    SHIPPED_GLOSSARY,
    check,
    make_linter,
    show,
    span_in_text,
)
from termcheck import fix, rules
from termcheck.diagnostics import Applicability, Finding
from termcheck.engine import Linter
from termcheck.glossary.load import load_glossaries
from termcheck.readers.base import Document, Segment
from termcheck.settings import Settings
from termcheck.thai import chars

RULE_FILES = sorted((DATA / "rules").glob("TC*.yaml"))
APPLIED = (Applicability.SAFE, Applicability.UNSAFE)  # what `termcheck fix` applies


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


@cache
def _linter(names: tuple[str, ...], frozen_settings: tuple = ()) -> Linter:
    loaded = make_linter(*(GLOSSARY_NAMES[name] for name in names)).glossary
    values = {k: dict(v) if isinstance(v, tuple) else v for k, v in frozen_settings}
    return Linter(loaded, Settings(**values))


def _findings(linter: Linter, text: str, source: str | None) -> list[Finding]:
    """The findings of `text` as a text file, or (with `source`) as one bilingual segment."""
    if source is None:
        return check(linter, text)
    segment = Segment(0, text, tuple(range(len(text))), source=source)
    findings, errors = linter.check_document(Document("draft.po", text, (segment,)))
    assert not errors, [str(e) for e in errors]
    return findings


def _entries():
    for path in RULE_FILES:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        code, names = spec["rule"], tuple(spec["glossaries"])
        for kind in ("flag", "pass"):
            for number, entry in enumerate(spec[kind], 1):
                if isinstance(entry, str):
                    entry = {"text": entry}
                marks = ([pytest.mark.xfail(strict=True, reason=entry["xfail"])]
                         if "xfail" in entry else [])
                options = {**spec.get("settings", {}), **entry.get("settings", {})}
                yield pytest.param(code, names, kind, entry, _frozen(options),
                                   id=f"{code}-{kind}-{number}", marks=marks)


def test_every_rule_has_a_case_file():
    # TC102/TC103 compare the segments of a whole run: tests/test_consistency.py
    codes = {rule.code for rule in rules.all_rules() if not rule.per_run}
    assert {path.stem for path in RULE_FILES} == codes


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_case_file_shape(path: Path):
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert spec["rule"] == path.stem
    assert set(spec["glossaries"]) <= GLOSSARY_NAMES.keys()
    assert spec["flag"] and spec["pass"]
    for entry in spec["flag"]:  # each flagged case says what is found and how it is fixed
        assert {"text", "found", "expected", "column"} <= set(entry), entry
        assert set(entry) <= {"text", "term", "found", "expected", "column", "fix", "xfail",
                              "source", "settings"}, entry
    # The header says which glossary the cases are written for.
    assert "Glossar" in path.read_text(encoding="utf-8").splitlines()[1]


@pytest.mark.parametrize(("code", "glossaries", "kind", "entry", "options"), list(_entries()))
def test_rule_case(code: str, glossaries: tuple[str, ...], kind: str, entry: dict,
                   options: tuple):
    linter = _linter(glossaries, options)
    text, source = entry["text"], entry.get("source")
    findings = _findings(linter, text, source)
    for finding in findings:
        assert span_in_text(finding, text), show([finding])
    of_rule = [f for f in findings if f.rule == code]
    if kind == "pass":
        assert not of_rule, f"{text!r} must not yield {code}; got:\n{show(findings)}"
        return
    if "term" in entry:
        of_rule = [f for f in of_rule if f.term_id == entry["term"]]
    wanted = (entry["found"], entry["expected"], entry["column"])
    matching = [f for f in of_rule if (f.found, f.expected, f.column) == wanted]
    assert matching, f"{text!r} must yield {code} {wanted}; got:\n{show(findings)}"
    finding = matching[0]
    applied = finding.fix is not None and finding.fix.applicability in APPLIED
    if "fix" not in entry:
        assert not applied, f"{text!r}: {code} must have no fix that is applied"
        return
    assert applied and finding.fix is not None, f"{text!r}: {code} must have a fix"
    changes = [fix.Change(e.start, e.end, e.content, finding) for e in finding.fix.edits]
    fixed = fix.apply(text, changes)
    assert fixed == entry["fix"]
    same = [f for f in of_rule if f.term_id == finding.term_id]
    again = [f for f in _findings(linter, fixed, source)
             if f.rule == code and f.term_id == finding.term_id]
    assert len(again) == len(same) - 1, f"{fixed!r} still yields {code}:\n{show(again)}"


# -- boundaries and overlaps (issue 2 §4) ------------------------------------------------------

def test_longest_term_wins_over_a_nested_forbidden_form(shipped_linter):
    text = "รัฐบาลสาธารณรัฐตุรกีในฐานะเจ้าภาพ"
    findings = check(shipped_linter, text)
    assert [(f.rule, f.term_id, f.found) for f in findings] == [
        ("TC001", "turkiye-full", "สาธารณรัฐตุรกี")], show(findings)


def test_longer_forbidden_form_wins_over_an_approved_prefix(shipped_linter):
    # เมียนมา (approved) is a prefix of เมียนมาร์ (forbidden): one finding, for the whole word.
    findings = check(shipped_linter, "แรงงานจากเมียนมาร์เข้าประเทศที่สาม")
    assert [(f.rule, f.term_id, f.found) for f in findings] == [
        ("TC001", "myanmar", "เมียนมาร์")], show(findings)


def test_nested_approved_terms_are_silent(shipped_linter):
    text = "Mr. Rick Waters รองผู้ช่วยรัฐมนตรีว่าการกระทรวงการต่างประเทศสหรัฐฯ"
    findings = check(shipped_linter, text)
    assert findings == [], show(findings)


@pytest.mark.parametrize("linter_name", ["shipped_linter", "cases_linter"])
@pytest.mark.parametrize("text", ["ขออนุญาติทำงาน", "ได้รับอนุญาติให้เข้าประเทศ"])
def test_approved_term_inside_its_misspelling_is_not_a_correct_use(text, linter_name, request):
    # The shipped glossary lists อนุญาติ as forbidden; the cases glossary leaves it to
    # fuzzy matching.  Either way the whole misspelt word is reported, never accepted.
    findings = check(request.getfixturevalue(linter_name), text)
    permit = [f for f in findings if f.term_id == "permit"]
    assert [(f.found, f.rule in ("TC001", "TC002")) for f in permit] == [("อนุญาติ", True)], (
        show(findings))


@pytest.mark.parametrize("text", ["ไฟฟ้าดับ", "ไฟลุกไหม้", "โปรดตั้งค่าภาษา"])
def test_words_that_begin_like_a_term_are_not_reported(text, shipped_ui_linter):
    findings = check(shipped_ui_linter, text)
    assert findings == [], show(findings)


def test_false_friend_is_not_a_near_miss(cases_linter):
    # The cases glossary has สาธารณรัฐจีน (ไต้หวัน) but no entry for the PRC.
    findings = check(cases_linter, "แรงกดดันจากสาธารณรัฐประชาชนจีน")
    assert findings == [], show(findings)


def test_zero_width_space_after_a_term_is_a_break_hint_but_inside_it_is_broken(cases_linter):
    # Just after the term, the ZWSP is no broken term (TC005) but still broken text (TC006);
    # inside it, TC005 reports it and TC006 leaves it to TC005.
    after = check(cases_linter, "กระทรวงการต่างประเทศ\u200bแจ้งว่า")
    inside = check(cases_linter, "กระทรวงการ\u200bต่างประเทศแจ้งว่า")
    assert [(f.rule, f.term_id, f.found) for f in after] == [("TC006", "", "\u200b")], (
        show(after))
    assert [(f.rule, f.term_id, f.found) for f in inside] == [
        ("TC005", "mofa", "กระทรวงการ\u200bต่างประเทศ")], show(inside)


def test_case_sensitive_term(shipped_linter):
    wrong = check(shipped_linter, "เรียกร้องให้ Interpol ยึดมั่น")
    right = check(shipped_linter, "เรียกร้องให้ INTERPOL ยึดมั่น")
    assert [(f.rule, f.found, f.expected) for f in wrong] == [
        ("TC004", "Interpol", "INTERPOL")], show(wrong)
    assert right == [], show(right)


def test_case_sensitive_term_in_a_case_sensitive_longer_term(cases_linter):
    # In the cases glossary the full name is case_sensitive too.
    findings = check(cases_linter, "องค์การตำรวจสากล (Interpol)")
    assert [(f.rule, f.term_id) for f in findings] == [("TC004", "interpol-org")], (
        show(findings))


def test_nested_case_check_keeps_latin_word_boundaries(tmp_path):
    # A case-sensitive term inside a longer approved use is checked for case only where it
    # is a word of its own: "Raton" is not a miscased word inside "Dexraton".
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "version: 1\nterms:\n"
        "  - {id: raton, target: Raton, case_sensitive: true}\n"
        "  - {id: vansa, target: Vansa Dexraton}\n"
        "  - {id: org, target: องค์การราตัน (Raton)}\n", encoding="utf-8")
    linter = make_linter(glossary)
    assert check(linter, "ทีม Vansa Dexraton ชนะ") == []
    findings = check(linter, "ทีม องค์การราตัน (RATON) ชนะ")
    assert [(f.rule, f.term_id, f.found) for f in findings] == [("TC004", "raton", "RATON")], (
        show(findings))


def test_findings_carry_the_glossary_note(shipped_linter):
    (finding,) = check(shipped_linter, "ประเทศเมียนมาร์")
    assert finding.note.startswith("Current Royal Society name"), finding.note
    assert finding.severity == rules.get_rule(finding.rule).severity


# -- any draft -----------------------------------------------------------------------------------

_SHIPPED_FORMS = sorted({form for term in load_glossaries([SHIPPED_GLOSSARY])[0].terms
                         for form in (term.target, *term.allowed, *term.forbidden)})
_PIECES = st.sampled_from([*_SHIPPED_FORMS, "ที่", "และ", "ของ", "เกาหลีใต้", "Interpol",
                           *"่้ําเ\u200b\u00a0 ()-.ๅฯ๑\uf70a"])
_THAI_RUN = st.text(alphabet=st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B),
                    max_size=3)
_MARKS = chars.COMBINING_SET | {chars.SARA_AM}
_INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad\ufeff"


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES | _THAI_RUN, max_size=12).map("".join))
def test_findings_never_split_a_cluster_or_overlap(shipped_linter, text: str):
    findings = check(shipped_linter, text)
    spans = sorted((f.offset, f.offset + len(f.found)) for f in findings)
    assert all(a[1] <= b[0] for a, b in pairwise(spans)), (text, show(findings))
    for f in findings:
        start, end = f.offset, f.offset + len(f.found)
        assert span_in_text(f, text), (text, show([f]))
        # a mark at the start of a line has no cluster to split: TC006 reports it as it is
        assert text[start] not in _MARKS or (
            f.rule == "TC006" and (start == 0 or text[start - 1] == "\n")), (text, show([f]))
        after = text[end:].lstrip(_INVISIBLE)
        assert not after or after[0] not in _MARKS, (text, show([f]))
        before = text[:start].rstrip(_INVISIBLE)
        assert not before or before[-1] not in chars.LEADING_VOWELS, (text, show([f]))
