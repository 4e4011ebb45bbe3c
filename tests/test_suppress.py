"""Suppressions (issue 4, section 2): inline `termcheck: ignore` directives in every format,
unused and invalid directives, and the glossary's per-term `ignore_in` contexts."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import DATA, make_linter
from termcheck.diagnostics import Finding
from termcheck.engine import Linter
from termcheck.glossary.load import load_glossaries
from termcheck.readers import reader_for
from termcheck.settings import Settings
from termcheck.suppress import (
    Directive,
    apply,
    directives,
    drop_term_contexts,
    format_invalid,
    format_unused,
    invalid,
    invalid_errors,
)

HERE = DATA / "suppress"
GLOSSARY = HERE / "glossary.yaml"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return make_linter(GLOSSARY)


def spans(found: list[Directive]) -> list[tuple[int, int, int, frozenset[str] | None]]:
    """Each directive as (line written, first line, last line, codes)."""
    return [(d.line, d.first_line, d.last_line, d.codes) for d in found]


def lines(findings: list[Finding]) -> list[tuple[int, str, str]]:
    return [(f.line, f.rule, f.found) for f in findings]


def check_text(linter: Linter, name: str, text: str) -> list[Finding]:
    reader = reader_for(name)
    assert reader is not None
    findings, errors = linter.check_document(reader(name, text))
    assert not errors
    return findings


def run(linter: Linter, *paths: Path) -> tuple[list[Finding], list[Directive],
                                               list[Directive]]:
    """Lint (the engine drops glossary contexts and applies the directives).  Returns the
    kept findings, the unused directives and every directive."""
    result = linter.lint([str(p) for p in paths])
    # the fixtures name an unknown code (TC999) on purpose: that is the only input error
    assert all("unknown rule code TC999" in e.message for e in result.errors), result.errors
    found = {str(p): directives(str(p), p.read_text(encoding="utf-8-sig")) for p in paths}
    return result.findings, result.unused_ignores, [d for ds in found.values() for d in ds]


TC001 = frozenset({"TC001"})
TC002 = frozenset({"TC002"})
TC101 = frozenset({"TC101"})


# -- parsing the directive ------------------------------------------------------------------

@pytest.mark.parametrize(("written", "codes", "text"), [
    ("termcheck: ignore", None, "termcheck: ignore"),
    ("termcheck:ignore", None, "termcheck: ignore"),
    ("termcheck: ignore[TC001]", TC001, "termcheck: ignore[TC001]"),
    ("termcheck: ignore [tc001, TC002]", TC001 | TC002, "termcheck: ignore[TC001,TC002]"),
    ("termcheck: ignore[TC001 TC002]", TC001 | TC002, "termcheck: ignore[TC001,TC002]"),
    ("TermCheck: IGNORE[TC101]", TC101, "termcheck: ignore[TC101]"),
])
def test_directive_syntax(written: str, codes: frozenset[str] | None, text: str):
    [found] = directives("a.txt", f"ประเทศเมียนมาร์ {written}\n")
    assert (found.codes, found.text, found.unknown, found.problem) == (codes, text, (), "")


@pytest.mark.parametrize("text", [
    "termcheck: ignored",
    "termcheck: ignore-next-lines",
    "termcheck ignore",
    "termcheck: ignore_all",
    "no directive here",
])
def test_not_a_directive(text: str):
    assert directives("a.txt", f"ประเทศเมียนมาร์ {text}\n") == []


def test_several_directives_on_one_line():
    text = "ใต้หวัน termcheck: ignore[TC002] termcheck: ignore-next-line\nเมียนมาร์\n"
    assert spans(directives("a.txt", text)) == [(1, 1, 1, TC002), (1, 2, 2, None)]


def test_unknown_codes_are_reported_and_the_known_ones_still_apply():
    [found] = directives("a.txt", "termcheck: ignore[TC001,TC999,XX1]\n")
    assert found.codes == TC001 and found.unknown == ("TC999", "XX1")
    assert invalid([found]) == [(found, "unknown rule codes TC999, XX1 in suppression "
                                        "termcheck: ignore[TC001,TC999,XX1] (see termcheck "
                                        "explain)")]


@pytest.mark.parametrize(("text", "problem"), [
    ("termcheck: ignore[]", "suppression termcheck: ignore[]: no rule codes between the "
                            "brackets"),
    ("termcheck: ignore[TC001", "suppression termcheck: ignore[TC001: no closing ']'"),
])
def test_malformed_brackets_suppress_nothing(linter: Linter, text: str, problem: str):
    found = directives("a.txt", f"ประเทศเมียนมาร์ {text}\n")
    assert found[0].codes == frozenset()
    assert [m for _, m in invalid(found)] == [problem]
    findings = check_text(linter, "a.txt", f"ประเทศเมียนมาร์ {text}\n")
    kept, unused = apply(findings, {"a.txt": found})
    assert kept == findings
    assert unused == []  # reported as invalid, not a second time as unused


def test_invalid_errors_and_format():
    [found] = directives("docs/a.txt", "x\ntermcheck: ignore[TC999]\n")
    [error] = invalid_errors([found])
    assert str(error) == ("docs/a.txt:2: unknown rule code TC999 in suppression "
                          "termcheck: ignore[TC999] (see termcheck explain)")
    [(directive, message)] = invalid([found])
    assert format_invalid(directive, message) == str(error)


# -- plain text -----------------------------------------------------------------------------

def test_text_directives():
    found = directives(str(HERE / "sample.txt"), (HERE / "sample.txt").read_text())
    assert spans(found) == [
        (1, 1, 1, None), (2, 2, 2, TC002), (3, 4, 4, None), (5, 6, 6, TC001),
        (7, 7, 7, None), (8, 8, 8, frozenset()),
    ]


def test_text_end_to_end(linter: Linter):
    kept, unused, _ = run(linter, HERE / "sample.txt")
    assert lines(kept) == [
        (2, "TC001", "เมียนมาร์"),  # ignore[TC002] leaves TC001
        (6, "TC002", "ใต้หวัน"),  # ignore-next-line[TC001] leaves TC002
        (8, "TC002", "ใต้หวัน"),  # ignore[TC999] suppresses nothing
        (9, "TC001", "อินเตอร์เน็ต"),  # the second one: outside the glossary's context
        (10, "TC001", "ปราณีต"),  # likewise
    ]
    assert [format_unused(d) for d in unused] == [
        f"{HERE / 'sample.txt'}:7: unused suppression termcheck: ignore"]


def test_same_line_and_next_line_with_codes(linter: Linter):
    cases = {
        "ประเทศเมียนมาร์ใต้หวัน termcheck: ignore\n": [],
        "ประเทศเมียนมาร์ใต้หวัน termcheck: ignore[TC001]\n": ["TC002"],
        "ประเทศเมียนมาร์ใต้หวัน termcheck: ignore[TC002]\n": ["TC001"],
        "ประเทศเมียนมาร์ใต้หวัน termcheck: ignore[TC001,TC002]\n": [],
        "termcheck: ignore-next-line\nประเทศเมียนมาร์ใต้หวัน\n": [],
        "termcheck: ignore-next-line[TC002]\nประเทศเมียนมาร์ใต้หวัน\n": ["TC001"],
        "termcheck: ignore\nประเทศเมียนมาร์ใต้หวัน\n": ["TC001", "TC002"],
        "termcheck: ignore-next-line\n\nประเทศเมียนมาร์ใต้หวัน\n": ["TC001", "TC002"],
    }
    for text, rules in cases.items():
        findings = check_text(linter, "a.txt", text)
        assert sorted(f.rule for f in findings) == ["TC001", "TC002"], text
        kept, _ = apply(findings, {"a.txt": directives("a.txt", text)})
        assert sorted(f.rule for f in kept) == rules, text


def test_directives_only_apply_to_their_own_file(linter: Linter):
    text = "ประเทศเมียนมาร์ termcheck: ignore\n"
    findings = check_text(linter, "a.txt", text)
    kept, unused = apply(findings, {"b.txt": directives("b.txt", text)})
    assert kept == findings and len(unused) == 1


# -- Markdown -------------------------------------------------------------------------------

def test_markdown_directives():
    path = HERE / "sample.md"
    found = directives(str(path), path.read_text())
    # not the one in the front matter, the fenced block or the code span
    assert spans(found) == [
        (7, 7, 7, TC002), (9, 10, 10, None), (14, 16, 16, TC001), (24, 24, 24, TC001)]
    assert found[3].unknown == ("TC999",)


def test_markdown_end_to_end(linter: Linter):
    kept, unused, found = run(linter, HERE / "sample.md")
    assert lines(kept) == [
        (7, "TC001", "เมียนมาร์"), (16, "TC002", "ใต้หวัน"), (22, "TC001", "เมียนมาร์")]
    assert [d.line for d in unused] == [24]
    assert [m for _, m in invalid(found)] == [
        "unknown rule code TC999 in suppression termcheck: ignore[TC001,TC999] "
        "(see termcheck explain)"]


def test_markdown_needs_a_comment(linter: Linter):
    text = "ประเทศเมียนมาร์ termcheck: ignore\n"
    assert directives("a.md", text) == []
    text = "ประเทศเมียนมาร์ <!--termcheck: ignore-->\n"
    findings = check_text(linter, "a.md", text)
    assert apply(findings, {"a.md": directives("a.md", text)}) == ([], [])


def test_markdown_comment_in_a_list_and_a_quote(linter: Linter):
    text = ("- ประเทศเมียนมาร์ <!-- termcheck: ignore -->\n"
            "> <!-- termcheck: ignore-next-line -->\n"
            "> ประเทศเมียนมาร์\n")
    findings = check_text(linter, "a.md", text)
    assert len(findings) == 2
    assert apply(findings, {"a.md": directives("a.md", text)}) == ([], [])


def test_markdown_table_cell_and_indented_code():
    text = "| a | b |\n|---|---|\n| เมียนมาร์ <!-- termcheck: ignore --> | x |\n"
    assert spans(directives("a.md", text)) == [(3, 3, 3, None)]
    assert directives("a.md", "text\n\n    <!-- termcheck: ignore -->\n") == []


def test_crlf_line_endings():
    assert spans(directives("a.txt", "x\r\nเมียนมาร์ termcheck: ignore\r\n")) == [
        (2, 2, 2, None)]
    text = 'msgid ""\r\nmsgstr ""\r\n\r\n# termcheck: ignore\r\nmsgid "a"\r\nmsgstr ""\r\n"b"\r\n'
    assert spans(directives("a.po", text)) == [(4, 6, 7, None)]


# -- PO -------------------------------------------------------------------------------------

def test_po_directives_cover_the_whole_msgstr():
    path = HERE / "sample.po"
    assert spans(directives(str(path), path.read_text())) == [
        (5, 7, 9, None),  # msgstr "" and its two continuation lines
        (11, 13, 15, TC002),  # an extracted comment (#.)
        (17, 19, 19, TC101),
        (23, 25, 25, TC001),  # a comment right after a msgstr starts the next entry
        (27, 30, 31, frozenset()),  # msgstr[0] and msgstr[1]; TC999 only
    ]  # not "#: src/main.c:12 termcheck: ignore" (a reference, not a comment)


def test_po_end_to_end(linter: Linter):
    kept, unused, _ = run(linter, HERE / "sample.po")
    assert lines(kept) == [
        (14, "TC001", "เมียนมาร์"),
        (22, "TC001", "เมียนมาร์"),
        (30, "TC001", "เมียนมาร์"),
        (31, "TC002", "ใต้หวัน"),
        (31, "TC101", "ใต้หวัน"),
    ]
    assert [format_unused(d) for d in unused] == [
        f"{HERE / 'sample.po'}:17: unused suppression termcheck: ignore[TC101]"]


def test_po_tc101_and_multiline_msgstr(linter: Linter):
    text = ('# termcheck: ignore[TC101]\nmsgid "Myanmar news"\nmsgstr ""\n"ข่าว"\n"พม่า"\n\n'
            'msgid "Myanmar"\nmsgstr "พม่า"\n')
    findings = check_text(linter, "a.po", text)
    assert lines(findings) == [(4, "TC101", "ข่าวพม่า"), (8, "TC101", "พม่า")]
    kept, unused = apply(findings, {"a.po": directives("a.po", text)})
    assert lines(kept) == [(8, "TC101", "พม่า")] and unused == []


def test_po_directive_without_blank_lines_and_obsolete_entries():
    text = ('msgid "a"\nmsgstr "ก"\n#. termcheck: ignore\nmsgctxt "x"\nmsgid "b"\n'
            'msgstr "ข"\nmsgid "c"\nmsgstr "ค"\n\n# termcheck: ignore\n#~ msgid "d"\n'
            '#~ msgstr "ง"\n')
    assert spans(directives("a.po", text)) == [(3, 6, 6, None), (10, 10, 10, None)]


def test_po_directive_in_a_translation_is_not_one():
    text = 'msgid "a"\nmsgstr "termcheck: ignore"\n'
    assert directives("a.po", text) == []


# -- XLIFF ----------------------------------------------------------------------------------

def test_xliff_12_directives_cover_the_unit():
    path = HERE / "sample-12.xlf"
    assert spans(directives(str(path), path.read_text())) == [
        (9, 5, 10, None), (12, 11, 15, TC001), (23, 20, 24, None)]


def test_xliff_12_end_to_end(linter: Linter):
    kept, unused, _ = run(linter, HERE / "sample-12.xlf")
    # unit 2: ignore[TC001] leaves the near-miss and the inconsistent translation
    assert lines(kept) == [
        (14, "TC102", "ประเทศเมียนมาร์และใต้หวัน"),
        (14, "TC002", "ใต้หวัน"),
        (18, "TC001", "จีนไทเป"),
    ]
    assert [d.line for d in unused] == [23]


def test_xliff_20_directives_cover_the_unit():
    path = HERE / "sample-20.xlf"
    # the <notes> of the <file> is not a unit's
    assert spans(directives(str(path), path.read_text())) == [
        (9, 7, 15, TC101), (17, 16, 26, None)]


def test_xliff_20_end_to_end(linter: Linter):
    kept, unused, _ = run(linter, HERE / "sample-20.xlf")
    # unit 2 holds TC001, TC002 and TC102 (its เมียนมาร์ against พม่า twice): all suppressed
    assert lines(kept) == [(30, "TC101", "พม่า")]
    assert unused == []


def test_xliff_multiline_note():
    text = ('<xliff version="1.2"><file><body>\n<trans-unit id="1">\n'
            '<source>Taiwan</source><target>ใต้หวัน</target>\n'
            '<note>a name\ntermcheck: ignore</note>\n</trans-unit>\n</body></file></xliff>\n')
    assert spans(directives("a.xlf", text)) == [(5, 2, 6, None)]


@pytest.mark.parametrize("text", [
    "<xliff version='1.2'><file><body><trans-unit><note>termcheck: ignore</note>",
    "<!DOCTYPE x [<!ENTITY a 'termcheck: ignore'>]><xliff><trans-unit><note>&a;</note>"
    "</trans-unit></xliff>",
    "termcheck: ignore",
    "<xliff><trans-unit><note>termcheck: ignore</note></trans-unit></xliff",
])
def test_broken_xliff_has_no_directives(text: str):
    assert directives("a.xlf", text) == []


# -- formats and odd input ------------------------------------------------------------------

def test_format_follows_the_name():
    text = "ประเทศเมียนมาร์ termcheck: ignore\n"
    assert directives("-", text) == []  # stdin: name the format
    assert len(directives("-", text, name="stdin.txt")) == 1
    assert directives("-", text, name="stdin.md") == []
    assert directives("a.rst", text) == []
    assert directives("A.TXT", text)[0].path == "A.TXT"


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.po", "a.xlf"])
@pytest.mark.parametrize("text", [
    "", "termcheck:", "termcheck: ignore[", "<!-- termcheck: ignore", "#termcheck: ignore",
    "msgstr\n# termcheck: ignore\n\"\"\n", "\r\n\r\ntermcheck: ignore\r\n", "\x00\ufeff]",
    "<!--\n-->termcheck: ignore-next-line", "```\n<!-- termcheck: ignore -->",
])
def test_odd_input_never_crashes(name: str, text: str):
    for found in directives(name, text):
        assert found.first_line >= 1 and found.last_line >= found.first_line


def test_apply_keeps_order_and_reports_unused_by_path_and_line(linter: Linter):
    text = "termcheck: ignore\nประเทศเมียนมาร์\nใต้หวัน termcheck: ignore[TC001]\n"
    a, b = (check_text(linter, name, text) for name in ("a.txt", "b.txt"))
    kept, unused = apply(b + a, {name: directives(name, text) for name in ("b.txt", "a.txt")})
    assert [(f.path, f.line) for f in kept] == [("b.txt", 2), ("b.txt", 3), ("a.txt", 2),
                                                ("a.txt", 3)]
    assert [(d.path, d.line) for d in unused] == [("a.txt", 1), ("a.txt", 3), ("b.txt", 1),
                                                  ("b.txt", 3)]


# -- per-term contexts: loading -------------------------------------------------------------

def test_ignore_in_loads_from_yaml_and_csv(tmp_path: Path):
    yaml_path = tmp_path / "g.yaml"
    yaml_path.write_text("""\
version: 1
terms:
  - id: internet
    target: อินเทอร์เน็ต
    forbidden: [อินเตอร์เน็ต]
    ignore_in: [รศ.ปราณีต, "ภาพยนตร์เรื่อง \\"อินเตอร์เน็ตเลิฟ\\""]
  - id: one
    target: ประณีต
    ignore_in: รศ.ปราณีต
  - id: none
    target: เมียนมา
""", encoding="utf-8")
    csv_path = tmp_path / "g.csv"
    csv_path.write_text('id,target,ignore_in\ncsv1,ไต้หวัน,"ก | ข ""ค""|"\ncsv2,ไทย,\n',
                        encoding="utf-8")
    glossary, errors = load_glossaries([yaml_path, csv_path])
    assert errors == []
    assert {t.id: t.ignore_in for t in glossary.terms} == {
        "internet": ("รศ.ปราณีต", 'ภาพยนตร์เรื่อง "อินเตอร์เน็ตเลิฟ"'),
        "one": ("รศ.ปราณีต",),
        "none": (),
        "csv1": ("ก", 'ข "ค"'),
        "csv2": (),
    }


def test_ignore_in_must_be_text(tmp_path: Path):
    path = tmp_path / "g.yaml"
    path.write_text("version: 1\nterms:\n  - target: ไต้หวัน\n    ignore_in: {a: b}\n",
                    encoding="utf-8")
    _, errors = load_glossaries([path])
    assert [str(e) for e in errors] == [
        f"{path}:4: field 'ignore_in' must be text or a list of text"]


# -- per-term contexts: behaviour -----------------------------------------------------------

def test_context_covers_only_the_finding_inside_it(linter: Linter):
    by_id = {t.id: t for t in linter.glossary.terms}
    text = ("ภาพยนตร์เรื่อง \"อินเตอร์เน็ตเลิฟ\" ออกฉายทางอินเตอร์เน็ต\n"
            "รศ.ปราณีต ปราณีต รศ.ปราณีต\n"
            "ภาพยนตร์เรื่อง อินเตอร์เน็ตเลิฟ\n"  # not the context as written (no quotes)
            "รศ.ปราณีต เมียนมาร์\n")  # another term's finding
    findings = check_text(linter, "a.txt", text)
    assert len(findings) == 8
    assert [(f.line, f.column, f.found) for f in drop_term_contexts(findings, by_id)] == [
        (1, 44, "อินเตอร์เน็ต"), (2, 11, "ปราณีต"), (3, 16, "อินเตอร์เน็ต"),
        (4, 11, "เมียนมาร์")]


def test_context_in_po_and_xliff_is_matched_unescaped(linter: Linter):
    by_id = {t.id: t for t in linter.glossary.terms}
    po = ('msgid "Internet Love is on the Internet"\n'
          'msgstr "ภาพยนตร์เรื่อง \\"อินเตอร์เน็ตเลิฟ\\" ออกฉายทางอินเตอร์เน็ต"\n')
    xlf = ('<xliff version="1.2"><file><body><trans-unit id="1">\n'
           '<source>Internet Love is on the Internet</source>\n'
           '<target>ภาพยนตร์เรื่อง &quot;อินเตอร์เน็ตเลิฟ&#34; ออกฉายทางอินเตอร์เน็ต</target>\n'
           '</trans-unit></body></file></xliff>\n')
    for name, text in (("a.po", po), ("a.xlf", xlf)):
        findings = check_text(linter, name, text)
        assert [f.found for f in findings] == ["อินเตอร์เน็ต", "อินเตอร์เน็ต"], name
        kept = drop_term_contexts(findings, by_id)
        assert [f.offset for f in kept] == [findings[1].offset], name


def test_terms_without_contexts_are_untouched(linter: Linter):
    findings = check_text(linter, "a.txt", "ประเทศเมียนมาร์ ใต้หวัน\n")
    by_id = {t.id: t for t in linter.glossary.terms}
    assert drop_term_contexts(findings, by_id) == findings
    assert drop_term_contexts(findings, {}) == findings


def test_contexts_before_directives_make_a_directive_unused(linter: Linter):
    text = "รศ.ปราณีต termcheck: ignore\n"
    findings = check_text(linter, "a.txt", text)
    by_id = {t.id: t for t in linter.glossary.terms}
    kept, unused = apply(drop_term_contexts(findings, by_id),
                         {"a.txt": directives("a.txt", text)})
    assert kept == [] and [d.line for d in unused] == [1]


def test_all_formats_in_one_run(linter: Linter):
    """Consistency across the files adds TC102s (cross-file), and a directive covers them
    like any other finding: what is kept is exactly what no directive covers."""
    paths = [HERE / n for n in ("sample.md", "sample.po", "sample-12.xlf", "sample-20.xlf",
                                "sample.txt")]
    raw = Linter(linter.glossary, Settings(suppressions=False))
    result = raw.lint([str(p) for p in paths])  # every finding, none suppressed
    kept, unused, found = run(linter, *paths)
    assert {f.rule for f in result.findings} == {"TC001", "TC002", "TC101", "TC102"}
    active = [d for d in found if d.codes != frozenset()]
    by_id = {term.id: term for term in linter.glossary.terms}
    for finding in result.findings:
        covered = any(d.path == finding.path and d.covers(finding) for d in active)
        in_context = not drop_term_contexts([finding], by_id)
        assert (finding in kept) == (not covered and not in_context), finding
    assert "TC102" in {f.rule for f in result.findings if f not in kept}
    for directive in unused:
        assert not any(directive.covers(f) for f in result.findings
                       if f.path == directive.path and f in kept)
    assert len(invalid(found)) == 3


def test_cli_reports_unused_ignores(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from termcheck.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary.yaml").write_text(
        "version: 1\nterms:\n  - {id: myanmar, target: เมียนมา, forbidden: [เมียนมาร์]}\n",
        encoding="utf-8")
    (tmp_path / "d.txt").write_text("ไปเมียนมาร์ termcheck: ignore\nไปเมียนมา termcheck: ignore\n",
                                    encoding="utf-8")
    quiet = CliRunner().invoke(app, ["lint", "d.txt"])
    assert quiet.exit_code == 0 and quiet.stderr == "", quiet.output
    loud = CliRunner().invoke(app, ["lint", "d.txt", "--report-unused-ignores"])
    assert loud.exit_code == 0
    assert loud.stderr.splitlines() == [
        "termcheck: warning: d.txt:2: unused suppression termcheck: ignore"]
