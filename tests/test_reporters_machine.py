"""The formats for machines: SARIF 2.1.0, GitHub Actions workflow commands, concise lines.

SARIF is validated against the official OASIS schema, copied into tests/data (no network).
"""

from __future__ import annotations

import io
import itertools
import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest

from support import DATA, REPO, make_linter
from termcheck import __version__, rules
from termcheck.diagnostics import Finding, InputError, LintResult
from termcheck.engine import Linter
from termcheck.readers.base import line_starts
from termcheck.readers.markdown import read_markdown
from termcheck.readers.po import read_po
from termcheck.readers.text import read_text
from termcheck.reporters import concise, github, sarif

SCHEMA_PATH = DATA / "sarif-schema-2.1.0.json"
DRAFT = "examples/draft.th.md"  # the path as a user would give it, from the repo root
SAFE = {"TC001", "TC003", "TC004", "TC005"}

GLOSSARY = """\
version: 1
terms:
  - {id: myanmar, target: เมียนมา, source: Myanmar, forbidden: [เมียนมาร์]}
  - {id: interpol, target: INTERPOL, source: INTERPOL, case_sensitive: true, fuzzy: false}
  - {id: taiwan, target: ไต้หวัน, source: Taiwan}
  - {id: covid, target: โควิด-19, source: COVID-19}
  - {id: police, target: ตำรวจสากล, source: international police}
  - {id: file, target: ไฟล์, source: file}
"""
# One finding of each kind on line 1 (an astral emoji before Interpol), and a line with the
# same forbidden form twice.
TEXT = ("แรงงานจากเมียนมาร์ 😀 Interpol ใต้หวัน โควิด 19 ตํารวจสากล\n"
        "เมียนมาร์ และ เมียนมาร์\n")
PO = """\
msgctxt "menu"
msgid "Myanmar"
msgstr "เมียนมาร์"

msgid "Myanmar"
msgstr ""
"เมียน"
"มาร์"

msgid "Delete file"
msgstr "ลบแฟ้ม"

msgid "_Myanmar"
msgstr "เมียน_มาร์"
"""


# -- fixtures and helpers --------------------------------------------------------------------

@pytest.fixture(scope="module")
def linter(tmp_path_factory) -> Linter:
    path = tmp_path_factory.mktemp("glossary") / "glossary.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return make_linter(path)


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)  # the schema declares draft-04
    assert cls is jsonschema.Draft4Validator
    cls.check_schema(schema)
    return cls(schema, format_checker=uri_format_checker())


def uri_format_checker() -> jsonschema.FormatChecker:
    """jsonschema checks "uri" formats only with optional packages: check them here (RFC 3986
    characters: ASCII, no spaces, valid percent escapes), as GitHub's upload does."""
    checker = jsonschema.FormatChecker()
    chars = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")

    @checker.checks("uri-reference")
    def uri_reference(value: object) -> bool:
        return not isinstance(value, str) or chars.fullmatch(value) is not None

    @checker.checks("uri")
    def uri(value: object) -> bool:
        return not isinstance(value, str) or (
            uri_reference(value) and re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value) is not None)

    return checker


def result_of(linter: Linter, text: str, name: str = "draft.txt",
              errors: list[InputError] | None = None) -> LintResult:
    reader = read_markdown if name.endswith(".md") else read_po if name.endswith(".po") \
        else read_text
    findings, doc_errors = linter.check_document(reader(name, text))
    assert not doc_errors
    return LintResult(findings=sorted(findings, key=Finding.sort_key),
                      errors=list(errors or []), files_checked=1)


def render(module, result: LintResult) -> str:
    out = io.StringIO()
    module.render(result, out)
    return out.getvalue()


def sarif_log(result: LintResult, validator) -> dict:
    log = json.loads(render(sarif, result))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    return log


def apply_fixes(text: str, log: dict, uri: str) -> str:
    """Apply every replacement of every fix, by line and column in code points."""
    starts = line_starts(text)
    edits = []
    for result in log["runs"][0]["results"]:
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                assert change["artifactLocation"]["uri"] == uri
                for replacement in change["replacements"]:
                    region = replacement["deletedRegion"]
                    start = starts[region["startLine"] - 1] + region["startColumn"] - 1
                    end = starts[region["endLine"] - 1] + region["endColumn"] - 1
                    edits.append((start, end, replacement["insertedContent"]["text"]))
    edits.sort()
    for (_, end, _), (start, _, _) in itertools.pairwise(edits):
        assert end <= start, "overlapping fixes"
    for start, end, inserted in reversed(edits):
        text = text[:start] + inserted + text[end:]
    return text


@pytest.fixture(scope="module")
def draft_text() -> str:
    return (REPO / DRAFT).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def draft_result(shipped_linter: Linter, draft_text: str) -> LintResult:
    return result_of(shipped_linter, draft_text, DRAFT)


# -- SARIF ------------------------------------------------------------------------------------

def test_schema_copy_is_the_official_one() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    assert "unicodeCodePoints" in schema["definitions"]["run"]["properties"]["columnKind"]["enum"]


def test_uri_format_checker_is_not_a_no_op(validator) -> None:
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{
        "message": {"text": "m"}, "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "ร่าง 1.md"}}}]}]}]}
    assert any(e.validator == "format" for e in validator.iter_errors(bad))


def test_sarif_draft_validates_with_run_metadata(draft_result: LintResult, validator) -> None:
    log = sarif_log(draft_result, validator)
    assert log["version"] == "2.1.0"
    assert log["$schema"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "termcheck"
    assert driver["version"] == __version__
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:///")
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")
    assert len(run["results"]) == len(draft_result.findings) == 18


def test_sarif_rules_are_the_rule_table(draft_result: LintResult, validator) -> None:
    driver = sarif_log(draft_result, validator)["runs"][0]["tool"]["driver"]
    table = rules.all_rules()
    assert [d["id"] for d in driver["rules"]] == [r.code for r in table]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for descriptor, rule in zip(driver["rules"], table, strict=True):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["help"]["text"] == rule.doc.rstrip()
        assert "**What it does**" in descriptor["help"]["markdown"]
        full = descriptor["fullDescription"]["text"]
        assert full and "\n" not in full and full.split()[:3] == rule.doc.split()[3:6]
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity]


def test_sarif_results_match_findings(draft_result: LintResult, validator) -> None:
    run = sarif_log(draft_result, validator)["runs"][0]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for result, f in zip(run["results"], draft_result.findings, strict=True):
        assert result["ruleId"] == f.rule
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == f.rule
        assert result["level"] == levels[f.severity]
        assert result["message"]["text"] == f.message
        [location] = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": DRAFT, "uriBaseId": "%SRCROOT%"}
        assert physical["region"] == {"startLine": f.line, "startColumn": f.column,
                                      "endLine": f.end_line, "endColumn": f.end_column}
        assert result["properties"] == {"termId": f.term_id, "found": f.found,
                                        "expected": f.expected, "note": f.note}
        assert list(result["partialFingerprints"]) == ["termcheck/v1"]


def test_sarif_columns_are_code_points(linter: Linter, validator) -> None:
    result = result_of(linter, TEXT)
    run = sarif_log(result, validator)["runs"][0]
    [case] = [r for r in run["results"] if r["ruleId"] == "TC004"]
    region = case["locations"][0]["physicalLocation"]["region"]
    line = TEXT.splitlines()[0]
    # after the astral 😀, UTF-16 columns would be one more: code points are declared
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "Interpol"
    assert len(line[:region["startColumn"] - 1].encode("utf-16-le")) // 2 == region[
        "startColumn"]


def test_sarif_fixes_only_for_safe_rules(draft_result: LintResult, validator) -> None:
    run = sarif_log(draft_result, validator)["runs"][0]
    with_fix = Counter(r["ruleId"] for r in run["results"] if "fixes" in r)
    by_rule = Counter(f.rule for f in draft_result.findings)
    assert set(with_fix) == SAFE
    assert with_fix == Counter({k: n for k, n in by_rule.items() if k in SAFE})
    assert by_rule["TC002"] == 4  # near-misses: reported, never fixed
    for result in run["results"]:
        for fix in result.get("fixes", []):
            [change] = fix["artifactChanges"]
            [replacement] = change["replacements"]
            assert replacement["deletedRegion"] == (
                result["locations"][0]["physicalLocation"]["region"])
            assert replacement["insertedContent"]["text"] == result["properties"]["expected"]
            assert fix["description"]["text"]


def test_sarif_fixes_applied_leave_no_fixable_findings(
        shipped_linter: Linter, draft_result: LintResult, draft_text: str, validator) -> None:
    fixed = apply_fixes(draft_text, sarif_log(draft_result, validator), DRAFT)
    assert fixed != draft_text
    again = result_of(shipped_linter, fixed, DRAFT).findings
    assert not [f for f in again if f.rule in SAFE], [f.message for f in again]
    # the near-misses are untouched, at the same places
    before = [(f.line, f.column, f.found) for f in draft_result.findings if f.rule == "TC002"]
    assert [(f.line, f.column, f.found) for f in again] == before


def test_sarif_fix_applied_to_small_text(linter: Linter, validator) -> None:
    log = sarif_log(result_of(linter, TEXT), validator)
    fixed = apply_fixes(TEXT, log, "draft.txt")
    assert fixed == ("แรงงานจากเมียนมา 😀 INTERPOL ใต้หวัน โควิด-19 ตำรวจสากล\n"
                     "เมียนมา และ เมียนมา\n")
    assert [f.rule for f in result_of(linter, fixed).findings] == ["TC002"]


def test_sarif_bilingual_fixes_and_properties(linter: Linter, validator) -> None:
    result = result_of(linter, PO, "ui.po")
    by_place = {(f.rule, f.line): f for f in result.findings}
    assert set(by_place) == {("TC001", 3), ("TC001", 7), ("TC101", 11), ("TC001", 14)}
    run = sarif_log(result, validator)["runs"][0]
    results = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]): r
               for r in run["results"]}
    # on one line, the file holding the very text found: a fix
    assert results["TC001", 3]["fixes"][0]["artifactChanges"][0]["replacements"][0][
        "insertedContent"] == {"text": "เมียนมา"}
    assert results["TC001", 3]["properties"]["source"] == "Myanmar"
    assert results["TC001", 3]["properties"]["msgctxt"] == "menu"
    assert "msgctxt" not in results["TC001", 7]["properties"]
    assert "fixes" not in results["TC001", 7]  # split over two PO lines
    assert "fixes" not in results["TC101", 11]  # whole segment: no single replacement
    assert "fixes" not in results["TC001", 14]  # the file has เมียน_มาร์ (an accelerator)
    assert by_place["TC001", 14].found == "เมียนมาร์"


def test_sarif_fingerprints_survive_lines_moving(linter: Linter, validator) -> None:
    first = sarif_log(result_of(linter, TEXT), validator)["runs"][0]["results"]
    moved = sarif_log(result_of(linter, "\n" + TEXT), validator)["runs"][0]["results"]
    assert len(first) == len(moved) == 7
    for a, b in zip(first, moved, strict=True):
        region_a = a["locations"][0]["physicalLocation"]["region"]
        region_b = b["locations"][0]["physicalLocation"]["region"]
        assert region_b["startLine"] == region_a["startLine"] + 1
        assert a["partialFingerprints"] == b["partialFingerprints"]
    prints = [r["partialFingerprints"]["termcheck/v1"] for r in first]
    assert len(set(prints)) == len(prints)  # unique within the run
    # the same form twice on one line, with the same text around it: one hash, numbered
    same = sarif_log(result_of(linter, "เมียนมาร์\nเมียนมาร์\n"), validator)["runs"][0]
    same_prints = [r["partialFingerprints"]["termcheck/v1"] for r in same["results"]]
    assert [p.rsplit(":", 1)[1] for p in same_prints] == ["1", "2"]
    assert same_prints[0].rsplit(":", 1)[0] == same_prints[1].rsplit(":", 1)[0]
    # different text next to the finding is a different finding
    edited = sarif_log(result_of(linter, TEXT.replace("แรงงาน", "ผู้คน")), validator)
    assert edited["runs"][0]["results"][0]["partialFingerprints"] != first[0][
        "partialFingerprints"]


@pytest.mark.parametrize(("path", "uri", "base"), [
    ("drafts/ร่าง 1.md", "drafts/%E0%B8%A3%E0%B9%88%E0%B8%B2%E0%B8%87%201.md", "%SRCROOT%"),
    ("a:b,c#d.txt", "a%3Ab%2Cc%23d.txt", "%SRCROOT%"),
    ("-", "-", None),
])
def test_sarif_uris(linter: Linter, validator, path: str, uri: str, base: str | None) -> None:
    result = result_of(linter, "เมียนมาร์\n", path)
    run = sarif_log(result, validator)["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == uri
    assert location.get("uriBaseId") == base
    assert unquote(location["uri"]) == path


def test_sarif_absolute_path_is_a_file_uri(linter: Linter, validator, tmp_path: Path) -> None:
    path = tmp_path / "ร่าง แรก.txt"
    result = result_of(linter, "เมียนมาร์\n", str(path))
    location = sarif_log(result, validator)["runs"][0]["results"][0]["locations"][0][
        "physicalLocation"]["artifactLocation"]
    assert location == {"uri": path.as_uri()}


def test_sarif_srcroot_is_the_given_folder(tmp_path: Path) -> None:
    log = sarif.to_sarif(LintResult(), cwd=tmp_path)
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == (
        tmp_path.resolve().as_uri() + "/")


def test_sarif_input_errors(shipped_linter: Linter, validator, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes("ไต้หวัน\n".encode() + b"\xff\n")
    missing = tmp_path / "missing.md"
    result = shipped_linter.lint([str(bad), str(missing)])
    assert [e.line for e in result.errors] == [2, None]
    run = sarif_log(result, validator)["runs"][0]
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    first, second = invocation["toolExecutionNotifications"]
    assert first["level"] == second["level"] == "error"
    assert first["message"]["text"] == result.errors[0].message
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": bad.as_uri()}, "region": {"startLine": 2}}
    assert second["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": missing.as_uri()}}
    assert run["results"] == []


def test_sarif_no_findings_is_an_empty_result_list(validator) -> None:
    run = sarif_log(LintResult(files_checked=1), validator)["runs"][0]
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True}]


# -- GitHub -----------------------------------------------------------------------------------

GITHUB_LINE = re.compile(
    r"::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,"
    r"title=TC\d{3} [a-z-]+::[^\n]+")


def test_github_one_command_per_finding(draft_result: LintResult) -> None:
    lines = render(github, draft_result).splitlines()
    assert len(lines) == len(draft_result.findings)
    commands = {"error": "error", "warning": "warning", "info": "notice"}
    for line, f in zip(lines, draft_result.findings, strict=True):
        assert GITHUB_LINE.fullmatch(line), line
        assert line.startswith(f"::{commands[f.severity]} file={DRAFT},line={f.line},"
                               f"col={f.column},endLine={f.end_line},"
                               f"endColumn={f.end_column},title={f.rule} ")
        assert line.endswith("::" + f.message)
    assert lines[0] == ("::error file=examples/draft.th.md,line=8,col=7,endLine=8,"
                        "endColumn=21,title=TC001 forbidden-form::forbidden form "
                        "'สาธารณรัฐตุรกี': use 'สาธารณรัฐทูร์เคีย'")


def test_github_escaping_and_levels() -> None:
    common = {"term_id": "t", "found": "a", "expected": "b"}
    findings = [
        Finding("dir,1/a:b.txt", 3, 2, 3, 5, "TC001", "error",
                message="100% sure, see: here\nand\r there", **common),
        Finding("x.po", 6, 2, 7, 4, "TC103", "info", message="m", **common),
    ]
    assert render(github, LintResult(findings=findings)) == (
        "::error file=dir%2C1/a%3Ab.txt,line=3,col=2,endLine=3,endColumn=5,"
        "title=TC001 forbidden-form::100%25 sure, see: here%0Aand%0D there\n"
        # over two lines: no columns
        "::notice file=x.po,line=6,endLine=7,title=TC103 inconsistent-term::m\n")
    assert github.escape_property("50%,a:b\r\n") == "50%25%2Ca%3Ab%0D%0A"


def test_github_input_errors(tmp_path: Path) -> None:
    result = LintResult(errors=[InputError("bad, file.po", 4, "not valid UTF-8: 50%"),
                                InputError("missing.md", None, "no such file or folder")])
    assert render(github, result) == (
        "::error file=bad%2C file.po,line=4::not valid UTF-8: 50%25\n"
        "::error file=missing.md::no such file or folder\n")


def test_github_findings_then_errors(linter: Linter) -> None:
    result = result_of(linter, TEXT, errors=[InputError("gone.txt", None, "no such file")])
    lines = render(github, result).splitlines()
    assert len(lines) == 8
    assert lines[-1] == "::error file=gone.txt::no such file"


# -- concise ----------------------------------------------------------------------------------

def test_concise_lines(draft_result: LintResult) -> None:
    lines = render(concise, draft_result).splitlines()
    assert lines == [f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}"
                     for f in draft_result.findings]
    assert lines[0] == ("examples/draft.th.md:8:7: TC001 forbidden form 'สาธารณรัฐตุรกี': "
                        "use 'สาธารณรัฐทูร์เคีย'")
    assert lines[-1] == "examples/draft.th.md:55:44: TC001 forbidden form 'อีเมล์': use 'อีเมล'"


def test_concise_prints_findings_only(linter: Linter) -> None:
    clean = result_of(linter, TEXT)
    with_errors = result_of(linter, TEXT, errors=[InputError("gone.txt", 3, "no such file")])
    assert render(concise, with_errors) == render(concise, clean)
    assert render(concise, LintResult(errors=with_errors.errors)) == ""
    assert len(render(concise, clean).splitlines()) == 7


def test_concise_one_line_per_finding() -> None:
    f = Finding("a.po", 2, 9, 3, 4, "TC102", "warning", "", "x\ny", "z",
                message="'x\ny' is translated\u2028two ways")
    assert render(concise, LintResult(findings=[f])) == (
        "a.po:2:9: TC102 'x\\ny' is translated\\u2028two ways\n")
