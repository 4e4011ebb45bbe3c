"""Glossary loading: YAML version 1 and CSV/TSV, and errors that name file, line and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import CASES_GLOSSARY, SHIPPED_GLOSSARY, UI_GLOSSARY, check
from termcheck.engine import Linter
from termcheck.glossary.load import load_glossaries
from termcheck.glossary.model import derive_id


def write(tmp_path: Path, name: str, text: str, *, bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def load_one(path: Path):
    glossary, errors = load_glossaries([path])
    return glossary, [str(e) for e in errors]


# -- good glossaries -----------------------------------------------------------------------------

@pytest.mark.parametrize("path", [SHIPPED_GLOSSARY, CASES_GLOSSARY, UI_GLOSSARY],
                         ids=lambda p: p.name)
def test_bundled_and_test_glossaries_load_cleanly(path: Path):
    glossary, errors = load_one(path)
    assert errors == []
    assert glossary.terms
    assert len({t.id for t in glossary.terms}) == len(glossary.terms)


def test_shipped_glossary_has_what_issue_2_asks_for():
    glossary, _ = load_one(SHIPPED_GLOSSARY)
    targets = {t.target for t in glossary.terms}
    assert len(glossary.terms) >= 40
    assert {"I-24/7", "SLTD", "โควิด-19", "กต."} <= targets
    assert all(t.source for t in glossary.terms)
    interpol = next(t for t in glossary.terms if t.target == "INTERPOL")
    assert interpol.case_sensitive


def test_yaml_fields(tmp_path: Path):
    path = write(tmp_path, "g.yaml", """\
version: 1
language: th
source_language: en
name: test
terms:
  - id: roc-taiwan
    target: สาธารณรัฐจีน (ไต้หวัน)
    source: [Republic of China (Taiwan), ROC]
    forbidden: [จีนไทเป]
    allowed: []
    note: ชื่อทางการ
  - target: INTERPOL
    source: INTERPOL
    forbidden: อินเตอร์โพล
    case_sensitive: true
    fuzzy: no
    allow_in_compound: yes
""")
    glossary, errors = load_one(path)
    assert errors == []
    roc, interpol = glossary.terms
    assert (roc.id, roc.target, roc.source, roc.forbidden, roc.allowed, roc.note) == (
        "roc-taiwan", "สาธารณรัฐจีน (ไต้หวัน)", ("Republic of China (Taiwan)", "ROC"),
        ("จีนไทเป",), (), "ชื่อทางการ")
    assert (roc.case_sensitive, roc.fuzzy, roc.allow_in_compound) == (False, True, False)
    # A string where a list is expected is a one-element list; booleans accept yes/no.
    assert (interpol.id, interpol.source, interpol.forbidden) == (
        "interpol", ("INTERPOL",), ("อินเตอร์โพล",))
    assert (interpol.case_sensitive, interpol.fuzzy, interpol.allow_in_compound) == (
        True, False, True)
    assert (roc.path, roc.line, interpol.line) == (str(path), 6, 12)


def test_yaml_with_a_bom(tmp_path: Path):
    path = write(tmp_path, "g.yaml", "version: 1\nterms:\n  - target: ไต้หวัน\n", bom=True)
    glossary, errors = load_one(path)
    assert errors == []
    assert [t.target for t in glossary.terms] == ["ไต้หวัน"]


@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
def test_tsv_glossary(tmp_path: Path, bom: bool):
    path = write(tmp_path, "g.tsv", (
        "id\ttarget\tsource\tforbidden\tallowed\tnote\tcase_sensitive\tfuzzy\n"
        "myanmar\tเมียนมา\tMyanmar\tเมียนมาร์|พม่า\t\tชื่อใหม่\tfalse\tTRUE\n"
        "\tINTERPOL\tINTERPOL | Interpol\t\t\t\tyes\tno\n"), bom=bom)
    glossary, errors = load_one(path)
    assert errors == []
    myanmar, interpol = glossary.terms
    assert (myanmar.id, myanmar.forbidden, myanmar.note, myanmar.case_sensitive,
            myanmar.fuzzy) == ("myanmar", ("เมียนมาร์", "พม่า"), "ชื่อใหม่", False, True)
    assert (interpol.id, interpol.source, interpol.case_sensitive, interpol.fuzzy) == (
        "interpol", ("INTERPOL", "Interpol"), True, False)
    assert (myanmar.line, interpol.line) == (2, 3)


def test_csv_glossary_with_quoted_cells(tmp_path: Path):
    path = write(tmp_path, "g.csv", (
        "target,source,forbidden,note\n"
        '"สาธารณรัฐจีน (ไต้หวัน)","Republic of China (Taiwan)",จีนไทเป,"ชื่อ, ทางการ"\n'
        "ไทเป,,,\n"), bom=True)
    glossary, errors = load_one(path)
    assert errors == []
    roc, taipei = glossary.terms
    assert (roc.id, roc.target, roc.note) == (
        "republic-of-china-taiwan", "สาธารณรัฐจีน (ไต้หวัน)", "ชื่อ, ทางการ")
    assert re.fullmatch(r"t-[0-9a-f]{8}", taipei.id)


def test_derived_ids_are_stable_and_unique(tmp_path: Path):
    assert derive_id("ไต้หวัน", ("Taiwan",)) == "taiwan"
    assert derive_id("ไต้หวัน", ()) == derive_id("ไต้หวัน", ())
    assert derive_id("ไต้หวัน", ()) != derive_id("ไทเป", ())
    assert derive_id("ทูร์เคีย", ("Türkiye",)).startswith("t-")  # no ASCII source: a hash
    path = write(tmp_path, "g.yaml", """\
version: 1
terms:
  - {target: ไต้หวัน, source: [Taiwan]}
  - {target: ไต้หวัน (เกาะ), source: [Taiwan]}
""")
    glossary, errors = load_one(path)
    assert errors == []
    assert [t.id for t in glossary.terms] == ["taiwan", "taiwan-2"]
    again, _ = load_one(path)
    assert [t.id for t in again.terms] == ["taiwan", "taiwan-2"]


def test_several_glossaries_combine(tmp_path: Path):
    extra = write(tmp_path, "extra.tsv", "id\ttarget\tforbidden\nfile\tไฟล์\tแฟ้ม\n")
    glossary, errors = load_glossaries([SHIPPED_GLOSSARY, extra])
    assert errors == []
    ids = {t.id for t in glossary.terms}
    assert {"myanmar", "file"} <= ids
    findings = check(Linter(glossary), "เปิดแฟ้มในประเทศเมียนมาร์")
    assert {(f.term_id, f.found) for f in findings} == {("file", "แฟ้ม"),
                                                        ("myanmar", "เมียนมาร์")}


# -- errors: each names the file, the line and the field -----------------------------------------

def assert_error(errors: list[str], path: Path, line: int, *words: str) -> None:
    assert len(errors) == 1, errors
    (message,) = errors
    assert message.startswith(f"{path}:{line}: "), message
    for word in words:
        assert word in message, message
    assert "\n" not in message


def test_duplicate_id(tmp_path: Path):
    path = write(tmp_path, "g.yaml", """\
version: 1
terms:
  - id: taiwan
    target: ไต้หวัน
  - id: taiwan
    target: ไทเป
""")
    glossary, errors = load_one(path)
    assert_error(errors, path, 5, "'id'", "duplicate", "taiwan", f"{path}:3")
    assert [t.target for t in glossary.terms] == ["ไต้หวัน"]


def test_duplicate_id_across_two_files(tmp_path: Path):
    first = write(tmp_path, "a.yaml", "version: 1\nterms:\n  - {id: taiwan, target: ไต้หวัน}\n")
    second = write(tmp_path, "b.tsv", "id\ttarget\nx\tไทเป\ntaiwan\tไต้หวัน (เกาะ)\n")
    glossary, errors = load_glossaries([first, second])
    assert_error([str(e) for e in errors], second, 3, "'id'", "duplicate", f"{first}:3")
    assert [t.id for t in glossary.terms] == ["taiwan", "x"]


def test_empty_target(tmp_path: Path):
    path = write(tmp_path, "g.yaml", """\
version: 1
terms:
  - id: good
    target: ไต้หวัน
  - id: empty
    target: ""
""")
    _glossary, errors = load_one(path)
    assert_error(errors, path, 6, "'target'", "empty")


def test_missing_target_in_a_table(tmp_path: Path):
    path = write(tmp_path, "g.csv", "id,target\ngood,ไต้หวัน\nempty,\n")
    _glossary, errors = load_one(path)
    assert_error(errors, path, 3, "'target'")


def test_forbidden_form_equal_to_its_own_target(tmp_path: Path):
    path = write(tmp_path, "g.yaml", """\
version: 1
terms:
  - id: taiwan
    target: ไต้หวัน
    forbidden: [ไตหวัน, ไต้หวัน]
  - id: taipei
    target: ไทเป
""")
    glossary, errors = load_one(path)
    (message,) = errors
    assert message.startswith(f"{path}:"), message
    # The line of the entry (3) or of its forbidden field (5); both lead to the mistake.
    assert int(message.split(":")[1]) in (3, 5), message
    assert "'forbidden'" in message and "ไต้หวัน" in message and "target" in message
    assert [t.id for t in glossary.terms] == ["taipei"]


def test_forbidden_form_equal_to_another_terms_allowed_form(tmp_path: Path):
    path = write(tmp_path, "g.yaml", """\
version: 1
terms:
  - id: myanmar
    target: เมียนมา
    allowed: [พม่า]
  - id: burma-old
    target: ประเทศพม่า
    forbidden: [พม่า]
""")
    glossary, errors = load_one(path)
    (message,) = errors
    assert message.startswith(f"{path}:"), message
    assert int(message.split(":")[1]) in (6, 8), message
    assert "'forbidden'" in message and "allowed" in message and "myanmar" in message
    assert [t.id for t in glossary.terms] == ["myanmar"]


def test_case_only_forbidden_form_is_not_a_conflict(tmp_path: Path):
    path = write(tmp_path, "g.yaml", """\
version: 1
terms:
  - id: interpol
    target: INTERPOL
    forbidden: [Interpol]
""")
    glossary, errors = load_one(path)
    assert errors == []
    findings = check(Linter(glossary), "ให้ Interpol และ INTERPOL")
    assert [(f.rule, f.found) for f in findings] == [("TC001", "Interpol")]


def test_unknown_term_field(tmp_path: Path):
    path = write(tmp_path, "g.yaml", """\
version: 1
terms:
  - id: taiwan
    target: ไต้หวัน
    colour: red
""")
    _glossary, errors = load_one(path)
    assert_error(errors, path, 5, "unknown field", "'colour'")


def test_unknown_top_level_field(tmp_path: Path):
    path = write(tmp_path, "g.yaml", "version: 1\nlanguages: th\nterms: []\n")
    _glossary, errors = load_one(path)
    assert_error(errors, path, 2, "unknown field", "'languages'")


def test_unknown_column(tmp_path: Path):
    path = write(tmp_path, "g.tsv", "id\ttarget\tcolour\na\tไต้หวัน\tred\n")
    _glossary, errors = load_one(path)
    assert_error(errors, path, 1, "unknown column", "'colour'")


def test_yaml_syntax_error(tmp_path: Path):
    path = write(tmp_path, "g.yaml", """\
version: 1
terms:
  - id: taiwan
    target: [ไต้หวัน
  - id: taipei
    target: ไทเป
""")
    _glossary, errors = load_one(path)
    (message,) = errors
    assert "YAML syntax error" in message, message
    line = int(message.split(":")[1])
    assert 4 <= line <= 5, message  # the unclosed bracket, or where the parser noticed it


@pytest.mark.parametrize(("name", "text", "line", "field"), [
    ("g.yaml", "version: 1\nterms:\n  - target: INTERPOL\n    case_sensitive: maybe\n", 4,
     "case_sensitive"),
    ("g.yaml", "version: 1\nterms:\n  - target: INTERPOL\n    fuzzy: [1]\n", 4, "fuzzy"),
    ("g.csv", "target,allow_in_compound\nไต้หวัน,perhaps\n", 2, "allow_in_compound"),
], ids=["yaml-word", "yaml-list", "csv"])
def test_bad_boolean(tmp_path: Path, name: str, text: str, line: int, field: str):
    path = write(tmp_path, name, text)
    _glossary, errors = load_one(path)
    assert_error(errors, path, line, f"'{field}'")


@pytest.mark.parametrize(("name", "data", "words"), [
    ("g.yaml", b"version: 1\nterms:\n  - target: \xff\xfe\n", ("UTF-8",)),
    ("g.yaml", b"", ("empty",)),
    ("g.yaml", b"version: 2\nterms: []\n", ("version",)),
    ("g.yaml", b"version: 1\nname: x\n", ("terms",)),
    ("g.json", b"{}", ("format",)),
], ids=["not-utf8", "empty", "version", "no-terms", "unknown-format"])
def test_other_unusable_glossaries(tmp_path: Path, name: str, data: bytes, words):
    path = tmp_path / name
    path.write_bytes(data)
    glossary, errors = load_one(path)
    assert glossary.terms == ()
    (message,) = errors
    assert message.startswith(str(path)), message
    for word in words:
        assert word in message, message


def test_missing_glossary_file(tmp_path: Path):
    glossary, errors = load_one(tmp_path / "nope.yaml")
    assert errors == [f"{tmp_path / 'nope.yaml'}: glossary file not found"]
    assert glossary.terms == ()


def test_a_broken_glossary_does_not_stop_the_good_ones(tmp_path: Path):
    broken = write(tmp_path, "broken.yaml", "version: 1\nterms:\n  - target: [\n")
    good = write(tmp_path, "good.tsv", "id\ttarget\tforbidden\nfile\tไฟล์\tแฟ้ม\n")
    glossary, errors = load_glossaries([broken, SHIPPED_GLOSSARY, good])
    assert len(errors) == 1 and str(errors[0]).startswith(str(broken)), errors
    ids = {t.id for t in glossary.terms}
    assert {"myanmar", "file"} <= ids
    findings = check(Linter(glossary), "เปิดแฟ้มในประเทศเมียนมาร์")
    assert {f.term_id for f in findings} == {"file", "myanmar"}


def test_each_bad_entry_is_reported_and_the_good_ones_are_kept(tmp_path: Path):
    path = write(tmp_path, "g.yaml", """\
version: 1
terms:
  - {id: a, target: เมียนมา, forbidden: [เมียนมาร์]}
  - {id: b, target: ""}
  - {id: c, target: ไต้หวัน, colour: red}
  - {id: d, target: ทูร์เคีย, fuzzy: maybe}
  - {id: e, target: อินเทอร์เน็ต, forbidden: [อินเตอร์เน็ต]}
""")
    glossary, errors = load_one(path)
    assert [t.id for t in glossary.terms] == ["a", "e"]
    assert errors == [
        f"{path}:4: field 'target' is empty or missing",
        f"{path}:5: unknown field 'colour' (expected one of: id, target, source, forbidden, "
        "allowed, note, case_sensitive, fuzzy, allow_in_compound, ignore_in, examples)",
        f"{path}:6: field 'fuzzy' must be true or false, not 'maybe'",
    ]


def test_each_bad_row_of_a_table_is_reported_and_the_good_ones_are_kept(tmp_path: Path):
    path = write(tmp_path, "g.csv", "id,target,fuzzy\na,เมียนมา,true\nb,ไต้หวัน,maybe\n"
                 "c,ทูร์เคีย,false,extra\nd,อินเทอร์เน็ต,\n")
    glossary, errors = load_one(path)
    assert [t.id for t in glossary.terms] == ["a", "d"]
    assert errors == [f"{path}:3: field 'fuzzy' must be true or false, not 'maybe'",
                      f"{path}:4: 4 cells but the header has 3 columns"]
