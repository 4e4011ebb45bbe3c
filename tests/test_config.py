"""Configuration (issue 4 §1): finding termcheck.toml or [tool.termcheck], checking every key,
the command line over the file (one settings model, termcheck.settings), rule settings,
fail-on, include/exclude and `termcheck init`."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from support import show
from termcheck.config import find_config, key_line, load_config
from termcheck.diagnostics import Finding, InputError, LintResult
from termcheck.engine import Linter
from termcheck.files import compile_glob, expand, select_files
from termcheck.glossary.load import load_glossaries
from termcheck.rules import style_options
from termcheck.settings import ConfigError, RuleSetting, Settings, resolve
from termcheck.starter import init_files, starter_text

FULL = """\
glossaries = ["terms/main.yaml", "../shared/extra.tsv"]
include = ["docs/**/*.md", "locale/*/LC_MESSAGES/*.po"]
exclude = ["docs/old", "*.draft.md"]
fail_on = "warning"
include_fuzzy = true
strict = true
accelerator = "&"
format = "json"

[rules.TC002]
severity = "info"

[rules.tc103]
enabled = false

[rules.TC001]
severity = "warning"
enabled = true

[fuzzy]
enabled = true
scale = 0.5

[style]
maiyamok_space = true
"""


def write(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def config_error(tmp_path: Path, text: str, name: str = "termcheck.toml") -> ConfigError:
    path = write(tmp_path / name, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return caught.value


# -- discovery --------------------------------------------------------------------------------

def test_find_config_walks_up_from_nested_folders(tmp_path: Path) -> None:
    config = write(tmp_path / "repo" / "termcheck.toml")
    deep = tmp_path / "repo" / "docs" / "th" / "guide"
    deep.mkdir(parents=True)
    assert find_config(deep) == config
    assert find_config(tmp_path / "repo") == config
    assert find_config(deep / "file.md") == config  # a file: its folder


def test_find_config_skips_pyproject_without_the_table(tmp_path: Path) -> None:
    config = write(tmp_path / "repo" / "termcheck.toml")
    write(tmp_path / "repo" / "pkg" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert find_config(tmp_path / "repo" / "pkg") == config


def test_find_config_takes_pyproject_with_the_table(tmp_path: Path) -> None:
    write(tmp_path / "repo" / "termcheck.toml")
    pyproject = write(tmp_path / "repo" / "pkg" / "pyproject.toml",
                      "[project]\nname = 'x'\n\n[tool.termcheck]\nstrict = true\n")
    assert find_config(tmp_path / "repo" / "pkg") == pyproject
    # a sub-table alone makes the table exist too
    write(pyproject, "[tool.termcheck.rules.TC002]\nenabled = false\n")
    assert find_config(tmp_path / "repo" / "pkg") == pyproject


def test_termcheck_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.termcheck]\nstrict = true\n")
    config = write(tmp_path / "termcheck.toml", "strict = false\n")
    assert find_config(tmp_path) == config


def test_find_config_broken_pyproject(tmp_path: Path) -> None:
    # meant for termcheck: found, so that load_config reports the syntax error
    pyproject = write(tmp_path / "a" / "pyproject.toml", "[tool.termcheck]\nstrict = \n")
    assert find_config(tmp_path / "a") == pyproject
    with pytest.raises(ConfigError, match=r"pyproject.toml:2: TOML syntax error"):
        load_config(pyproject)
    # not about termcheck: skipped
    write(tmp_path / "b" / "pyproject.toml", "[tool.black\n")
    found = find_config(tmp_path / "b")
    assert found is None or not found.is_relative_to(tmp_path)


def test_find_config_none(tmp_path: Path) -> None:
    found = find_config(tmp_path)
    assert found is None or not found.is_relative_to(tmp_path)


# -- every option -----------------------------------------------------------------------------

def test_every_option_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "proj" / "termcheck.toml", FULL)
    config = load_config(path)
    root = tmp_path / "proj"
    assert config.config_path == path
    assert config.root == root
    assert config.glossaries == (root / "terms" / "main.yaml", tmp_path / "shared" / "extra.tsv")
    assert config.include == ("docs/**/*.md", "locale/*/LC_MESSAGES/*.po")
    assert config.exclude == ("docs/old", "*.draft.md")
    assert config.fail_on == "warning"
    assert config.include_fuzzy is True
    assert config.strict is True
    assert config.accelerator == "&"
    assert config.format == "json"
    assert dict(config.rules) == {
        "TC002": RuleSetting(severity="info"),
        "TC103": RuleSetting(enabled=False),  # the code is taken in any case
        "TC001": RuleSetting(severity="warning", enabled=True),
    }
    assert (config.fuzzy, config.fuzzy_scale) == (True, 0.5)
    assert dict(config.style) == {"maiyamok_space": True}


def test_empty_config_sets_nothing(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "termcheck.toml", "# nothing yet\n"))
    assert config == Settings(config_path=tmp_path / "termcheck.toml")  # the defaults
    assert config.glossaries == () and config.include is None
    assert config.fail_on == Settings().fail_on == "info"
    assert config.near_miss_scale == 1.0


def test_pyproject_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n\n[tool.termcheck]\n"
                 'glossaries = ["g.yaml"]\nfail-on = "error"\n\n'
                 "[tool.termcheck.rules.TC004]\nenabled = false\n")
    config = load_config(path)
    assert config.glossaries == (tmp_path / "g.yaml",)
    assert config.fail_on == "error"
    assert config.rules["TC004"] == RuleSetting(enabled=False)


def test_pyproject_without_the_table_is_an_error(tmp_path: Path) -> None:
    error = config_error(tmp_path, "[project]\nname = 'x'\n", "pyproject.toml")
    assert str(error).endswith("pyproject.toml: no [tool.termcheck] table")


def test_hyphenated_keys_are_accepted_but_not_twice(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "termcheck.toml",
                               'fail-on = "error"\ninclude-fuzzy = true\n'
                               "[style]\nmaiyamok-space = false\n"))
    assert config.fail_on == "error" and config.include_fuzzy is True
    assert config.style["maiyamok_space"] is False
    error = config_error(tmp_path, 'fail_on = "error"\nfail-on = "info"\n')
    assert "'fail-on' is set twice" in str(error)
    assert error.line == 2


def test_single_glossary_string_and_home(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "termcheck.toml", 'glossaries = "g.yaml"\n'))
    assert config.glossaries == (tmp_path / "g.yaml",)
    config = load_config(write(tmp_path / "termcheck.toml", 'glossaries = ["~/g.yaml"]\n'))
    assert config.glossaries == (Path.home() / "g.yaml",)


def test_fuzzy_effective_scale() -> None:
    assert Settings().near_miss_scale == 1.0
    assert Settings(fuzzy_scale=0.5).near_miss_scale == 0.5
    assert Settings(fuzzy=False, fuzzy_scale=0.5).near_miss_scale == 0.0
    assert Settings(fuzzy=True).near_miss_scale == 1.0


# -- unknown keys and bad values --------------------------------------------------------------

def test_unknown_top_level_key_names_key_file_and_line(tmp_path: Path) -> None:
    error = config_error(tmp_path, 'strict = true\n\nfial_on = "error"\n')
    assert error.path == str(tmp_path / "termcheck.toml")
    assert error.line == 3
    assert str(error) == (f"{tmp_path / 'termcheck.toml'}:3: unknown key 'fial_on' "
                          "(did you mean 'fail_on'?)")


def test_unknown_key_without_a_near_name_lists_the_known_ones(tmp_path: Path) -> None:
    error = config_error(tmp_path, "[fuzzy]\nwobble = 3\n")
    assert error.line == 2
    assert "unknown key 'fuzzy.wobble' (known keys: enabled, scale)" in str(error)


@pytest.mark.parametrize(("text", "key", "line"), [
    ("[fuzzy]\nenabled = true\nscael = 0.5\n", "fuzzy.scael", 3),
    ('[style]\nmaiyamok = true\n', "style.maiyamok", 2),
    ('strict = true\n[rules.TC002]\nseverity = "info"\nenable = false\n', "rules.TC002.enable", 4),
    ("fuzzy.scael = 1\n", "fuzzy.scael", 1),  # dotted keys
    ("strict = true\nfuzzy = { enabled = true, scael = 1 }\n", "fuzzy.scael", 2),  # inline
    ("[glossary]\nfile = 'x'\n", "glossary", 1),  # an unknown table
])
def test_unknown_nested_keys(tmp_path: Path, text: str, key: str, line: int) -> None:
    error = config_error(tmp_path, text)
    assert f"unknown key '{key}'" in str(error)
    assert error.line == line
    assert str(error).startswith(f"{tmp_path / 'termcheck.toml'}:{line}: ")


def test_unknown_key_in_pyproject_is_named_with_its_table(tmp_path: Path) -> None:
    text = "[tool.ruff]\nstrict = 1\n\n[tool.termcheck]\nstrict = true\nglosaries = []\n"
    error = config_error(tmp_path, text, "pyproject.toml")
    assert "unknown key 'tool.termcheck.glosaries' (did you mean 'glossaries'?)" in str(error)
    assert error.line == 6


@pytest.mark.parametrize(("text", "message", "line"), [
    ('[rules.TC002]\nseverity = "fatal"\n',
     "'rules.TC002.severity' must be one of \"error\", \"warning\", \"info\", not \"fatal\"", 2),
    ("[rules.TC999]\nenabled = false\n", "unknown rule 'TC999' in 'rules' (known rules: TC001", 1),
    ('[rules]\nTC002 = "info"\n', "'rules.TC002' must be a table, not \"info\"", 2),
    ('rules = "TC002"\n', "'rules' must be a table of rules", 1),
    ("[rules.TC002]\nenabled = 'no'\n",
     "'rules.TC002.enabled' must be true or false, not \"no\"", 2),
    ("[rules.TC002]\nenabled = false\n[rules.tc002]\nseverity = 'info'\n",
     "rule TC002 is configured twice", 3),
    ('strict = "yes"\n', "'strict' must be true or false, not \"yes\"", 1),
    ("include_fuzzy = 1\n", "'include_fuzzy' must be true or false, not 1", 1),
    ('fail_on = "never"\n', "'fail_on' must be one of \"error\", \"warning\", \"info\"", 1),
    ('format = "xml"\n', "'format' must be one of \"human\", \"json\"", 1),
    ('accelerator = "&&"\n', "'accelerator' must be one character, or \"\" for none", 1),
    ("accelerator = 1\n", "'accelerator' must be one character", 1),
    ("glossaries = []\n", "'glossaries' lists no glossary", 1),
    ("glossaries = [1]\n", "'glossaries' must be a list of non-empty strings", 1),
    ('include = "docs/*.md"\n', "'include' must be a list of non-empty strings", 1),
    ('exclude = ["/etc/*.md"]\n', "pattern '/etc/*.md' must be relative", 1),
    ('include = ["../other/*.md"]\n', "must not leave the config file's folder", 1),
    ("[fuzzy]\nscale = 3\n", "'fuzzy.scale' must be between 0 and 2, not 3", 2),
    ("[fuzzy]\nscale = -0.5\n", "'fuzzy.scale' must be between 0 and 2, not -0.5", 2),
    ("[fuzzy]\nscale = 'half'\n", "'fuzzy.scale' must be a number, not \"half\"", 2),
    ("[fuzzy]\nscale = true\n", "'fuzzy.scale' must be a number, not true", 2),
    ("fuzzy = 0.5\n", "'fuzzy' must be a table, not 0.5", 1),
    ("[style]\nmaiyamok_space = 'yes'\n", "'style.maiyamok_space' must be true or false", 2),
])
def test_bad_values(tmp_path: Path, text: str, message: str, line: int) -> None:
    error = config_error(tmp_path, text)
    assert message in str(error)
    assert error.line == line
    assert str(error).startswith(f"{tmp_path / 'termcheck.toml'}:{line}: ")


def test_values_are_case_insensitive_where_sensible(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "termcheck.toml", 'fail_on = "Warning"\n'
                               'format = "SARIF"\n[rules.TC002]\nseverity = "INFO"\n'))
    assert config.fail_on == "warning" and config.format == "sarif"
    assert config.rules["TC002"].severity == "info"


def test_toml_syntax_error_has_the_line(tmp_path: Path) -> None:
    error = config_error(tmp_path, 'strict = true\nfail_on = "error\n')
    assert error.line == 2
    assert re.fullmatch(rf"{re.escape(str(tmp_path / 'termcheck.toml'))}:2: TOML syntax "
                        r"error: .+ \(column \d+\)", str(error))
    error = config_error(tmp_path, "include = [\n")
    assert str(error).endswith("(at the end of the file)")
    error = config_error(tmp_path, "strict = true\nstrict = false\n")
    assert error.line == 2 and "TOML syntax error" in str(error)


def test_unreadable_config_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "termcheck.toml")
    path = tmp_path / "termcheck.toml"
    path.write_bytes(b"strict = true\nformat = '\xff'\n")
    with pytest.raises(ConfigError, match=r"termcheck.toml:2: not valid UTF-8"):
        load_config(path)
    path.write_bytes(b"\xef\xbb\xbfstrict = true\n")  # a BOM is forgiven
    assert load_config(path).strict is True


def test_key_line() -> None:
    text = ('# strict = true\n[tool.termcheck]\nstrict = true\n"quoted" . key = 1\n'
            "[tool.termcheck.rules.TC002]\nseverity = 'info'\n")
    assert key_line(text, ("tool", "termcheck", "strict")) == 3
    assert key_line(text, ("tool", "termcheck", "quoted", "key")) == 4
    assert key_line(text, ("tool", "termcheck", "rules", "TC002", "severity")) == 6
    assert key_line(text, ("tool", "termcheck", "rules")) == 5
    assert key_line(text, ("nowhere",)) is None


# -- command line over the file ---------------------------------------------------------------

def test_relative_glossaries_resolve_against_the_config_folder(tmp_path: Path,
                                                               monkeypatch) -> None:
    proj = tmp_path / "proj"
    config = load_config(write(proj / "termcheck.toml", 'glossaries = ["g/a.yaml", '
                               '"../shared/b.yaml"]\n'))
    (proj / "docs").mkdir()
    monkeypatch.chdir(proj / "docs")  # linting from a sub-folder
    assert config.glossaries == (proj / "g" / "a.yaml", tmp_path / "shared" / "b.yaml")
    # shown relative to the current folder where they lie inside it
    assert resolve(config, cwd=proj).glossaries == (Path("g/a.yaml"),
                                                    tmp_path / "shared/b.yaml")
    assert resolve(config).glossaries == (proj / "g" / "a.yaml", tmp_path / "shared" / "b.yaml")
    assert resolve(config, cwd=tmp_path).glossaries == (Path("proj/g/a.yaml"),
                                                        Path("shared/b.yaml"))


def test_resolve_defaults() -> None:
    resolved = resolve(None)
    assert resolved.glossaries == ()  # the engine falls back to default_glossaries()
    assert (resolved.format, resolved.fail_on) == ("human", "info")
    assert (resolved.include_fuzzy, resolved.strict, resolved.accelerator) == (False, False, None)
    assert resolved.near_miss_scale == 1.0
    assert dict(resolved.rules) == {} and dict(resolved.style) == {}


def test_the_command_line_wins(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "termcheck.toml", FULL))
    from_file = resolve(config, cwd=tmp_path)
    assert (from_file.format, from_file.fail_on) == ("json", "warning")
    assert (from_file.include_fuzzy, from_file.strict, from_file.accelerator) == (True, True, "&")
    assert from_file.near_miss_scale == 0.5
    assert from_file.glossaries == (Path("terms/main.yaml"), tmp_path.parent / "shared/extra.tsv")
    assert from_file.rules is config.rules and from_file.style is config.style

    cli = {"glossaries": [Path("other.yaml")], "format": "human", "fail_on": "error",
           "include_fuzzy": False, "strict": False, "accelerator": "", "fuzzy_scale": 1.5}
    resolved = resolve(config, cli, cwd=tmp_path)
    assert resolved.glossaries == (Path("other.yaml"),)  # -g replaces the list
    assert (resolved.format, resolved.fail_on) == ("human", "error")
    assert (resolved.include_fuzzy, resolved.strict) == (False, False)
    assert resolved.accelerator == ""  # "" (no marker) is a value, not "not given"
    assert resolved.near_miss_scale == 1.5
    assert resolved.config_path == config.config_path

    # None means "not given"
    partial = resolve(config, {"strict": None, "include_fuzzy": False, "fuzzy": False})
    assert partial.strict is True and partial.include_fuzzy is False
    assert partial.near_miss_scale == 0.0
    with pytest.raises(TypeError):
        resolve(config, {"no_such_option": True})


def test_fuzzy_switch_over_the_file(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "termcheck.toml", "[fuzzy]\nenabled = false\n"
                               "scale = 0.5\n"))
    assert resolve(config).near_miss_scale == 0.0
    assert resolve(config, {"fuzzy": True}).near_miss_scale == 0.5
    assert resolve(config, {"fuzzy_scale": 2}).near_miss_scale == 0.0  # still switched off
    assert resolve(config, {"fuzzy": True, "fuzzy_scale": 2}).near_miss_scale == 2.0


@pytest.mark.parametrize(("options", "message"), [
    ({"fail_on": "never"}, "--fail-on must be error, warning or info"),
    ({"format": "xml"}, "--format must be one of"),
    ({"accelerator": "&&"}, "--accelerator must be one character or empty"),
    ({"fuzzy_scale": 5}, "--fuzzy-scale must be between 0 and 2"),
])
def test_bad_command_line_values(options: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        resolve(Settings(), options)


# -- rules and exit codes ---------------------------------------------------------------------

def finding(rule: str, severity: str, line: int = 1) -> Finding:
    return Finding(path="a.md", line=line, column=1, end_line=line, end_column=3, rule=rule,
                   severity=severity, term_id="t", found="x", expected="y", message="m")


def test_rules_are_dropped_and_regraded_in_the_engine(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "termcheck.toml", FULL))
    glossary = write(tmp_path / "g.yaml", "version: 1\nterms:\n"
                     "  - {id: myanmar, target: เมียนมา, forbidden: [เมียนมาร์]}\n"
                     "  - {id: taiwan, target: ไต้หวัน}\n"
                     "  - {id: roc, target: สาธารณรัฐจีน (ไต้หวัน)}\n")
    loaded, errors = load_glossaries([glossary])
    assert not errors
    text = "ไปเมียนมาร์\nและใต้หวัน\nสาธารณรัฐจีน(ไต้หวัน)\nเมียนมาร์\n"
    doc = Linter(loaded).read("a.md", text.encode())
    default, _ = Linter(loaded).check_document(doc)
    assert [(f.rule, f.severity, f.line) for f in default] == [
        ("TC001", "error", 1), ("TC002", "warning", 2), ("TC003", "warning", 3),
        ("TC001", "error", 4)], show(default)
    configured = Linter(loaded, config)
    out, _ = configured.check_document(doc)
    assert [(f.rule, f.severity, f.line) for f in out] == [
        ("TC001", "warning", 1), ("TC002", "info", 2), ("TC003", "warning", 3),
        ("TC001", "warning", 4)], show(out)
    assert "TC103" not in {rule.code for rule in configured.rules}  # enabled = false
    assert {"TC001", "TC002", "TC102"} <= {rule.code for rule in configured.rules}
    # the resolved settings work the same
    assert Linter(loaded, resolve(config)).check_document(doc)[0] == out


def test_exit_code_with_fail_on(tmp_path: Path) -> None:
    warnings = LintResult(findings=[finding("TC002", "warning")])
    infos = LintResult(findings=[finding("TC103", "info")])
    errors = LintResult(findings=[finding("TC001", "error")])
    clean = LintResult()
    assert [r.exit_code() for r in (clean, infos, warnings, errors)] == [0, 1, 1, 1]
    assert [r.exit_code("warning") for r in (clean, infos, warnings, errors)] == [0, 0, 1, 1]
    assert [r.exit_code("error") for r in (clean, infos, warnings, errors)] == [0, 0, 0, 1]
    broken = LintResult(findings=[finding("TC001", "error")],
                        errors=[InputError("b.md", None, "no such file or folder")])
    assert broken.exit_code("error") == 2  # input errors win
    assert LintResult(errors=broken.errors).exit_code("info") == 2
    # after a severity re-map, fail_on sees the new severity
    glossary = write(tmp_path / "g.yaml", "version: 1\nterms:\n"
                     "  - {id: myanmar, target: เมียนมา, forbidden: [เมียนมาร์]}\n")
    loaded, _ = load_glossaries([glossary])
    remap = Settings(rules={"TC001": RuleSetting("info")})
    remapped = Linter(loaded, remap).lint_text("a.txt", "ไปเมียนมาร์\n")
    assert [(f.rule, f.severity) for f in remapped.findings] == [("TC001", "info")]
    assert remapped.exit_code("warning") == 0 and remapped.exit_code("info") == 1


# -- which files ------------------------------------------------------------------------------

TREE = ["docs/a.md", "docs/sub/b.md", "docs/old/c.md", "docs/sub/d.draft.md", "docs/x.png",
        "docs/notes.txt", "locale/th/LC_MESSAGES/app.po", "locale/th/other.po",
        "vendor/docs/e.md", ".hidden/docs/f.md", "docs/.secret.md", "README.md"]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for name in TREE:
        write(root / name, "ข้อความ\n")
    return root


def repo_config(root: Path, text: str) -> Settings:
    return load_config(write(root / "termcheck.toml", text))


def test_include_defines_the_files(tree: Path, monkeypatch) -> None:
    config = repo_config(tree, 'include = ["docs/**/*.md", "locale/*/LC_MESSAGES/*.po"]\n'
                         'exclude = ["docs/old", "*.draft.md"]\n')
    monkeypatch.chdir(tree)
    assert select_files([], config) == ["docs/a.md", "docs/sub/b.md",
                                        "locale/th/LC_MESSAGES/app.po"]
    # from a sub-folder: relative where inside it, absolute elsewhere
    assert select_files([], config, cwd=tree / "docs") == [
        "a.md", "sub/b.md", str(tree / "locale/th/LC_MESSAGES/app.po")]


def test_include_patterns_without_a_slash_match_at_any_depth(tree: Path, monkeypatch) -> None:
    monkeypatch.chdir(tree)
    config = repo_config(tree, 'include = ["*.po", "docs"]\nexclude = ["sub"]\n')
    # a folder pattern takes in the drafts below it (vendor/docs too: no slash, any depth);
    # hidden names are skipped
    assert select_files([], config) == ["docs/a.md", "docs/notes.txt", "docs/old/c.md",
                                        "locale/th/LC_MESSAGES/app.po", "locale/th/other.po",
                                        "vendor/docs/e.md"]
    # ./docs has a slash: only the docs folder beside the config file
    anchored = repo_config(tree, 'include = ["./docs", "*.po"]\nexclude = ["sub", "old"]\n')
    assert select_files([], anchored) == ["docs/a.md", "docs/notes.txt",
                                          "locale/th/LC_MESSAGES/app.po", "locale/th/other.po"]


def test_include_that_matches_nothing(tree: Path) -> None:
    config = repo_config(tree, 'strict = true\ninclude = ["site/**/*.md"]\n')
    with pytest.raises(ConfigError) as caught:
        select_files([], config)
    assert str(caught.value) == (f"{tree / 'termcheck.toml'}:2: 'include' (site/**/*.md) "
                                 "matches no file termcheck reads")


def test_no_paths_and_no_include(tree: Path) -> None:
    with pytest.raises(ConfigError, match="no files to check: name files or folders, or set "
                       "'include'"):
        select_files([], repo_config(tree, "strict = true\n"))
    with pytest.raises(ConfigError, match="no files to check"):
        select_files([], None)


def test_command_line_paths_without_exclude_are_untouched(tree: Path) -> None:
    config = repo_config(tree, 'include = ["docs/*.md"]\n')
    paths = ["docs", "missing.md", "-", "README.md"]
    assert select_files(paths, config) == paths
    assert select_files(paths, None) == paths


def test_exclude_applies_to_command_line_paths(tree: Path, monkeypatch) -> None:
    config = repo_config(tree, 'include = ["README.md"]\n'
                         'exclude = ["docs/old", "*.draft.md", "vendor"]\n')
    monkeypatch.chdir(tree)
    assert select_files(["docs"], config) == [
        os.path.join("docs", "a.md"), os.path.join("docs", "notes.txt"),
        os.path.join("docs", "sub", "b.md")]
    assert select_files(["docs/old/c.md", "docs/sub/d.draft.md", "vendor", "README.md", "-",
                         "missing.md"], config) == ["README.md", "-", "missing.md"]
    assert select_files([str(tree / "docs" / "old" / "c.md")], config) == []
    # include does not limit paths named on the command line
    assert select_files(["docs/a.md"], config) == ["docs/a.md"]
    # from a sub-folder, the globs still count from the config folder
    monkeypatch.chdir(tree / "docs")
    assert select_files(["."], config) == [
        os.path.join(".", "a.md"), os.path.join(".", "notes.txt"),
        os.path.join(".", "sub", "b.md")]
    assert select_files(["old/c.md"], config) == []


def test_folder_without_drafts_is_passed_on(tree: Path, monkeypatch) -> None:
    write(tree / "images" / "logo.png", "")
    config = repo_config(tree, 'exclude = ["vendor"]\n')
    monkeypatch.chdir(tree)
    assert select_files(["images"], config) == ["images"]  # the linter reports it
    write(tree / "gone" / "old.md", "x\n")
    config = repo_config(tree, 'exclude = ["old.md"]\n')
    assert select_files(["gone"], config) == []  # everything excluded: nothing to say


def test_walk_order_is_the_linters(tree: Path, monkeypatch) -> None:
    config = repo_config(tree, 'exclude = ["nothing-here"]\n')
    monkeypatch.chdir(tree)
    walked = [display for display, _, _ in expand(["docs", "locale"])]
    assert select_files(["docs", "locale"], config) == walked


@pytest.mark.parametrize(("pattern", "path", "matches"), [
    ("docs/**/*.md", "docs/a.md", True),
    ("docs/**/*.md", "docs/x/y/a.md", True),
    ("docs/**/*.md", "other/docs/a.md", False),
    ("docs/*.md", "docs/x/a.md", False),
    ("*.md", "a.md", True),
    ("*.md", "x/y/a.md", True),
    ("./docs/", "docs", True),
    ("docs/?.md", "docs/a.md", True),
    ("docs/?.md", "docs/ab.md", False),
    ("locale/[a-t]h/*.po", "locale/th/x.po", True),
    ("locale/[!t]h/*.po", "locale/th/x.po", False),
    ("**/drafts", "a/b/drafts", True),
    ("**", "a/b.md", True),
    ("a[b", "a[b", True),  # an unclosed bracket is literal
    ("ไทย/*.md", "ไทย/a.md", True),
    (".", "a/b.md", True),
    ("docs/", "x/docs", True),  # a trailing slash does not anchor
])
def test_compile_glob(pattern: str, path: str, matches: bool) -> None:
    assert bool(compile_glob(pattern).match(path)) is matches


def test_bad_globs() -> None:
    for pattern in ("", "/abs", "C:/x", "a/../b", "  "):
        with pytest.raises(ValueError):
            compile_glob(pattern)


# -- termcheck init ---------------------------------------------------------------------------

def test_init_writes_files_that_load(tmp_path: Path) -> None:
    written = init_files(tmp_path)
    assert written == [tmp_path / "termcheck.toml", tmp_path / "glossary.yaml"]
    config = load_config(written[0])
    assert config.glossaries == (tmp_path / "glossary.yaml",)
    assert find_config(tmp_path) == written[0]
    glossary, errors = load_glossaries(config.glossaries)
    assert errors == []
    terms = {t.id: t for t in glossary.terms}
    assert set(terms) == {"myanmar", "interpol", "file"}
    assert terms["myanmar"].forbidden and terms["myanmar"].note
    assert terms["interpol"].case_sensitive is True
    assert terms["file"].source and terms["file"].allowed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary.yaml", "termcheck.toml"]


def test_init_config_shows_every_option(tmp_path: Path) -> None:
    text = starter_text("termcheck.toml")
    for key in ("glossaries", "include", "exclude", "fail_on", "format", "include_fuzzy",
                "strict", "accelerator", "[fuzzy]", "enabled", "scale", "[rules.TC002]",
                "severity", "[style]", "maiyamok_space", *style_options()):
        assert key in text, key
    # every commented-out example is valid too
    uncommented = re.sub(r"(?m)^# ((?:\[[\w.]+\])|(?:\w+ = .*))$", r"\1", text)
    config = load_config(write(tmp_path / "all" / "termcheck.toml", uncommented))
    assert config.include == ("docs/**/*.md", "locale/*/LC_MESSAGES/*.po")
    assert config.exclude != () and config.fail_on == "info"
    assert (config.format, config.include_fuzzy, config.strict, config.accelerator) == (
        "human", False, False, "_")
    assert (config.fuzzy, config.fuzzy_scale) == (True, 1.0)
    assert config.rules["TC002"] == RuleSetting("warning", True)
    assert config.rules["TC103"] == RuleSetting(enabled=False)
    assert config.style["maiyamok_space"] is True
    assert set(config.style) == set(style_options())  # every house-style option, valid


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    write(tmp_path / "glossary.yaml", "mine\n")
    with pytest.raises(ConfigError) as caught:
        init_files(tmp_path)
    assert str(caught.value) == (f"{tmp_path / 'glossary.yaml'} already exists; nothing "
                                 "written (use --force to overwrite)")
    assert not (tmp_path / "termcheck.toml").exists()  # nothing half-written
    assert (tmp_path / "glossary.yaml").read_text() == "mine\n"
    write(tmp_path / "termcheck.toml", "strict = true\n")
    with pytest.raises(ConfigError, match=r"termcheck\.toml and .*glossary\.yaml already exist"):
        init_files(tmp_path)
    init_files(tmp_path, force=True)
    assert (tmp_path / "glossary.yaml").read_text(encoding="utf-8") == starter_text(
        "glossary.yaml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary.yaml", "termcheck.toml"]


def test_init_creates_the_folder_and_refuses_a_file(tmp_path: Path) -> None:
    written = init_files(tmp_path / "new" / "project")
    assert all(p.is_file() for p in written)
    write(tmp_path / "plain", "x")
    with pytest.raises(ConfigError, match="not a folder"):
        init_files(tmp_path / "plain")
    (tmp_path / "d" / "termcheck.toml").mkdir(parents=True)
    with pytest.raises(ConfigError, match="is a folder"):
        init_files(tmp_path / "d", force=True)
    assert not [p for p in (tmp_path / "d").iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_init_files_get_ordinary_permissions(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        written = init_files(tmp_path)
    finally:
        os.umask(mask)
    assert all(p.stat().st_mode & 0o777 == 0o644 for p in written)


def test_starter_glossary_does_what_its_comments_say(tmp_path: Path) -> None:
    from termcheck.engine import Linter

    init_files(tmp_path)
    glossary, errors = load_glossaries([tmp_path / "glossary.yaml"])
    assert errors == []
    linter = Linter(glossary)
    doc = linter.read("draft.md", "แรงงานจากเมียนมาร์ และ Interpol\n".encode())
    assert [(f.rule, f.found) for f in linter.check_document(doc)[0]] == [
        ("TC001", "เมียนมาร์"), ("TC004", "Interpol")]
    po = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
          'msgid "Delete file"\nmsgstr "ลบแฟ้ม"\n\nmsgid "Open file"\nmsgstr "เปิดเอกสาร"\n')
    doc = linter.read("th.po", po.encode())
    assert [(f.rule, f.line) for f in linter.check_document(doc)[0]] == [("TC101", 9)]


# -- through the command line -------------------------------------------------------------

def test_cli_uses_the_config_file(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from termcheck.cli import app

    (tmp_path / "terms.yaml").write_text(
        "version: 1\nterms:\n  - {id: myanmar, target: เมียนมา, forbidden: [เมียนมาร์]}\n"
        "  - {id: taiwan, target: ไต้หวัน}\n", encoding="utf-8")
    (tmp_path / "termcheck.toml").write_text(
        'glossaries = ["terms.yaml"]\ninclude = ["docs/**/*.md"]\nexclude = ["docs/old"]\n'
        'fail_on = "error"\n[rules.TC001]\nseverity = "warning"\n', encoding="utf-8")
    (tmp_path / "docs" / "old").mkdir(parents=True)
    (tmp_path / "docs" / "a.md").write_text("ไปเมียนมาร์ และใต้หวัน\n", encoding="utf-8")
    (tmp_path / "docs" / "old" / "b.md").write_text("ไปเมียนมาร์\n", encoding="utf-8")
    sub = tmp_path / "docs"
    monkeypatch.chdir(sub)  # the config is found by walking up
    runner = CliRunner()
    result = runner.invoke(app, ["lint", "-f", "concise"])
    # TC001 re-mapped to a warning, fail_on error: findings but exit 0; docs/old excluded
    assert result.exit_code == 0, result.output
    assert [line.split(": ")[1].split()[0] for line in result.stdout.splitlines()] == [
        "TC001", "TC002"]
    assert "old" not in result.stdout
    # the command line wins over the file
    loud = runner.invoke(app, ["lint", "--fail-on", "warning", "-f", "concise"])
    assert loud.exit_code == 1
    (tmp_path / "termcheck.toml").write_text('colour = "red"\n', encoding="utf-8")
    bad = runner.invoke(app, ["lint", "a.md"])
    assert bad.exit_code == 2 and "unknown key 'colour'" in bad.stderr


def test_cli_init_writes_a_working_starter(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from termcheck.cli import app

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    first = runner.invoke(app, ["init"])
    assert first.exit_code == 0, first.output
    assert (tmp_path / "termcheck.toml").is_file() and (tmp_path / "glossary.yaml").is_file()
    again = runner.invoke(app, ["init"])
    assert again.exit_code == 2  # never overwrites without --force
    (tmp_path / "draft.md").write_text("สวัสดี\n", encoding="utf-8")
    lint = runner.invoke(app, ["lint", "draft.md"])
    assert lint.exit_code == 0, lint.output
