"""The Python API (termcheck.api, importable from termcheck): the command line's results,
glossary errors carried, a compiled glossary reused, and pickled small."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import termcheck
from support import DRAFT, REPO, SHIPPED_GLOSSARY, SMALL_GLOSSARY
from termcheck import api
from termcheck.settings import ConfigError, Settings


def _cli_findings(*args: str, cwd: Path = REPO) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "termcheck", "lint", "--format", "json", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)["findings"]


def test_lint_paths_gives_what_the_command_line_reports():
    result = termcheck.lint_paths([DRAFT], glossaries=[SHIPPED_GLOSSARY])
    cli = _cli_findings("-g", str(SHIPPED_GLOSSARY), str(DRAFT))
    ours = [f.to_dict() for f in result.findings]
    assert len(ours) > 5
    assert [(f["line"], f["column"], f["rule"], f["found"]) for f in ours] == [
        (f["line"], f["column"], f["rule"], f["found"]) for f in cli]
    assert result.exit_code() == 1 and result.files_checked == 1


def test_lint_text_checks_a_text_as_its_file_would_be(tmp_path: Path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(SMALL_GLOSSARY, encoding="utf-8")
    result = termcheck.lint_text("ข่าว\nวันนี้ใต้หวันประกาศ\n", glossaries=[glossary])
    [finding] = result.findings
    assert (finding.line, finding.column, finding.rule, finding.found, finding.expected) == (
        2, 7, "TC001", "ใต้หวัน", "ไต้หวัน")
    assert finding.note == "Spelled with ไ."
    # the name picks the reader: in a PO file only the translation is checked
    po = 'msgid "Taiwan ใต้หวัน"\nmsgstr "ไต้หวัน"\n'
    assert not termcheck.lint_text(po, glossaries=[glossary], name="th.po").findings
    assert termcheck.lint_text(po, glossaries=[glossary], name="th.txt").findings


def test_settings_apply(tmp_path: Path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(SMALL_GLOSSARY, encoding="utf-8")
    text = "วันนี้ใต้หวันประกาศ"
    off = Settings(glossaries=(glossary,), rules={"TC001": _rule(enabled=False)})
    assert not termcheck.lint_text(text, settings=off).findings
    assert termcheck.lint_text(text, settings=Settings(glossaries=(glossary,))).findings


def _rule(**kwargs):
    from termcheck.settings import RuleSetting

    return RuleSetting(**kwargs)


def test_glossary_errors_are_carried(tmp_path: Path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(SMALL_GLOSSARY + "  - id: broken\n", encoding="utf-8")
    compiled = termcheck.CompiledGlossary([glossary])
    [error] = compiled.errors
    assert str(glossary) in str(error) and "target" in str(error)
    result = compiled.lint_text("ใต้หวัน")
    assert result.errors == compiled.errors and result.exit_code() == 2
    assert [f.rule for f in result.findings] == ["TC001"]  # the good entries still work


def test_no_glossary_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    from termcheck import engine

    for module in (api, engine):  # no glossary in the folder, none bundled
        monkeypatch.setattr(module, "default_glossaries", lambda: [])
    with pytest.raises(ConfigError, match="no glossary given and none found"):
        termcheck.lint_text("ใต้หวัน")


def test_a_compiled_glossary_is_reused_until_its_file_changes(tmp_path: Path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(SMALL_GLOSSARY, encoding="utf-8")
    first = api.compiled([glossary])
    first.linter  # noqa: B018 - compile it
    assert api.compiled([glossary]) is first
    assert api.compiled([glossary], Settings(strict=True)) is not first
    glossary.write_text(SMALL_GLOSSARY.replace("[ใต้หวัน]", "[ใต้หวั่น]"), encoding="utf-8")
    changed = api.compiled([glossary])
    assert changed is not first
    assert termcheck.lint_text("ใต้หวั่น", glossaries=[glossary]).findings


def test_a_compiled_glossary_pickles_small_and_checks_the_same(tmp_path: Path):
    compiled = termcheck.CompiledGlossary([SHIPPED_GLOSSARY])
    text = DRAFT.read_text(encoding="utf-8")
    want = [f.to_dict() for f in compiled.lint_text(text, "draft.md").findings]
    data = pickle.dumps(compiled)
    compiled_size = len(pickle.dumps(compiled.linter.index))
    assert len(data) < SHIPPED_GLOSSARY.stat().st_size + 4_000 < compiled_size // 10
    copy = pickle.loads(data)
    assert [f.to_dict() for f in copy.lint_text(text, "draft.md").findings] == want


def test_an_unpickled_glossary_needs_no_copy_of_the_file(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch):
    """On another machine the glossary's path does not exist: the bytes it carries are
    written into the cache folder and compiled from there."""
    glossary = tmp_path / "g.yaml"
    glossary.write_text(SMALL_GLOSSARY, encoding="utf-8")
    data = pickle.dumps(termcheck.CompiledGlossary([glossary]))
    glossary.unlink()
    monkeypatch.setenv("TERMCHECK_CACHE_DIR", str(tmp_path / "worker-cache"))
    copy = pickle.loads(data)
    [path] = copy.settings.glossaries
    assert path != glossary and path.is_relative_to(tmp_path / "worker-cache")
    assert path.read_text(encoding="utf-8") == SMALL_GLOSSARY
    assert [f.found for f in copy.lint_text("วันนี้ใต้หวัน").findings] == ["ใต้หวัน"]


def test_the_api_costs_a_command_nothing():
    """`termcheck --version` and the engine import neither the API nor its dependents."""
    code = ("import sys, termcheck, termcheck.engine; "
            "print('termcheck.api' in sys.modules, 'pythainlp' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, cwd=REPO)
    assert done.stdout.split() == ["False", "False"], done.stderr


def test_a_unit_of_several_lines_is_one_segment():
    """As a PO entry's msgstr: one source for the whole text, so nothing is missing in a
    line that the other line translates, and two lines are not an inconsistency."""
    compiled = termcheck.CompiledGlossary([SHIPPED_GLOSSARY])
    unit = compiled.lint_unit("ข่าวจากไต้หวัน\nวันนี้มีฝนตก", "News from Taiwan\nRain today")
    assert unit.findings == [] and unit.errors == []
    missing = compiled.lint_unit("ข่าวจากเกาะ\nวันนี้มีฝนตก", "News from Taiwan\nRain today")
    [finding] = missing.findings
    assert (finding.rule, finding.expected, finding.line) == ("TC101", "ไต้หวัน", 1)


def test_a_lone_surrogate_is_an_input_error_not_a_traceback():
    compiled = termcheck.CompiledGlossary([SHIPPED_GLOSSARY])
    for result in (compiled.lint_text("\ud800ข่าวใต้หวัน"), compiled.lint_unit("\ud800ไต้หวัน",
                                                                              "Taiwan")):
        [error] = result.errors
        assert "lone surrogate" in error.message and result.exit_code() == 2


def test_unpickling_without_a_writable_cache_folder(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(SMALL_GLOSSARY, encoding="utf-8")
    data = pickle.dumps(termcheck.CompiledGlossary([glossary]))
    glossary.unlink()
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("TERMCHECK_CACHE_DIR", str(blocker / "cache"))
    copy = pickle.loads(data)  # the bytes go to a temporary folder instead
    assert [f.found for f in copy.lint_text("วันนี้ใต้หวัน").findings] == ["ใต้หวัน"]


def test_threads_share_one_compile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from concurrent.futures import ThreadPoolExecutor

    from termcheck import engine

    glossary = tmp_path / "g.yaml"
    glossary.write_text(SMALL_GLOSSARY, encoding="utf-8")
    loads: list[int] = []
    original = engine.load

    def counting(*args, **kwargs):
        loads.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(api, "load", counting)
    with ThreadPoolExecutor(4) as pool:
        found = list(pool.map(lambda _: len(termcheck.lint_text(
            "ใต้หวัน", glossaries=[glossary]).findings), range(8)))
    assert found == [1] * 8 and len(loads) == 1
