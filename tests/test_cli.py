"""The command line, through Typer's runner, and once as a real subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from support import REPO, SHIPPED_GLOSSARY
from termcheck import __version__, rules
from termcheck.cli import app

GLOSSARY = ["-g", str(SHIPPED_GLOSSARY)]
# A predictable environment: no colour forced on or off, no terminal width surprises.
PLAIN_ENV = {"NO_COLOR": None, "FORCE_COLOR": None, "TERM": "dumb", "COLUMNS": "200"}

CLEAN = "กระทรวงการต่างประเทศของสาธารณรัฐจีน (ไต้หวัน)\n"
DIRTY = (
    "บรรทัดแรกไม่มีปัญหา\n"
    "แรงงานจากเมียนมาร์เข้าประเทศที่สาม\n"  # TC001
    "😀 ที่นี่ เรียกร้องให้ Interpol ยึดมั่น\n"  # TC004, after an astral code point
    "ผู้แทนองค์การตำรวจสากรบางราย และสาธารณรัฐจีน(ไต้หวัน)\n"  # TC002 and TC003
)

JSON_SCHEMA = {  # issue 2 §5: these keys, at least (keys may be added, never removed)
    "type": "object",
    "required": ["version", "findings", "summary"],
    "properties": {
        "version": {"const": 1},
        "summary": {"type": "object"},
        "findings": {"type": "array", "items": {
            "type": "object",
            "required": ["path", "line", "column", "end_line", "end_column", "rule",
                         "severity", "term_id", "found", "expected", "message"],
            "properties": {
                "path": {"type": "string"},
                "line": {"type": "integer", "minimum": 1},
                "column": {"type": "integer", "minimum": 1},
                "end_line": {"type": "integer", "minimum": 1},
                "end_column": {"type": "integer", "minimum": 1},
                "rule": {"type": "string", "pattern": "^TC[0-9]{3}$"},
                "severity": {"enum": ["error", "warning", "info"]},
                "term_id": {"type": "string", "minLength": 1},
                "found": {"type": "string", "minLength": 1},
                "expected": {"type": "string", "minLength": 1},
                "message": {"type": "string", "minLength": 1},
            },
        }},
    },
}

_SGR = re.compile(r"\x1b\[([0-9;]*)m")
_COLOUR_CODES = {*range(30, 39), *range(40, 49), *range(90, 98), *range(100, 108)}


def run(*args: str, input: bytes | None = None, env: dict | None = None):
    result = CliRunner().invoke(app, list(args), input=input, env={**PLAIN_ENV, **(env or {})})
    assert "Traceback" not in result.output + result.stderr, result.output + result.stderr
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def as_json(result) -> dict:
    payload = json.loads(result.stdout)
    jsonschema.validate(payload, JSON_SCHEMA)
    return payload


def error_lines(result) -> list[str]:
    lines = result.stderr.splitlines()
    assert all(line.startswith("termcheck: error: ") for line in lines), result.stderr
    return lines


def colour_codes(text: str) -> set[int]:
    codes = set()
    for params in _SGR.findall(text):
        codes.update(int(p) for p in params.split(";") if p)
    return codes & _COLOUR_CODES


# -- exit codes ----------------------------------------------------------------------------------

def test_clean_file_exits_0(tmp_path: Path):
    result = run("lint", *GLOSSARY, str(write(tmp_path / "clean.txt", CLEAN)))
    assert result.exit_code == 0, result.output
    assert "No problems found (1 file checked)" in result.stdout
    assert result.stderr == ""


def test_findings_exit_1(tmp_path: Path):
    result = run("lint", *GLOSSARY, str(write(tmp_path / "draft.txt", DIRTY)))
    assert result.exit_code == 1, result.output
    assert result.stderr == ""
    assert "Found 4 problems (1 error, 3 warnings)" in result.stdout, result.stdout


@pytest.mark.parametrize("args", [
    ["lint"],
    ["lint", "--frmat", "json", "x.txt"],
    ["lint", "--format", "xml", "x.txt"],
    ["no-such-command"],
], ids=["no-path", "unknown-option", "bad-format", "unknown-command"])
def test_usage_errors_exit_2(args: list[str]):
    result = run(*args)
    assert result.exit_code == 2, result.output


# -- JSON ----------------------------------------------------------------------------------------

def test_json_schema_and_positions(tmp_path: Path):
    path = write(tmp_path / "draft.txt", DIRTY)
    result = run("lint", *GLOSSARY, "--format", "json", str(path))
    assert result.exit_code == 1, result.output
    payload = as_json(result)
    lines = DIRTY.split("\n")
    got = [(f["line"], f["rule"], f["term_id"], f["found"]) for f in payload["findings"]]
    assert got == [
        (2, "TC001", "myanmar", "เมียนมาร์"),
        (3, "TC004", "interpol", "Interpol"),
        (4, "TC002", "interpol-org", "องค์การตำรวจสากร"),
        (4, "TC003", "roc-taiwan", "สาธารณรัฐจีน(ไต้หวัน)"),
    ], got
    for f in payload["findings"]:
        assert f["path"] == str(path)
        assert f["end_line"] == f["line"]
        line = lines[f["line"] - 1]
        # 1-based columns in code points, end_column exclusive (as in SARIF)
        assert line[f["column"] - 1:f["end_column"] - 1] == f["found"], f
        assert f["severity"] == rules.get_rule(f["rule"]).severity
    interpol = next(f for f in payload["findings"] if f["rule"] == "TC004")
    assert interpol["column"] == lines[2].index("Interpol") + 1  # 😀 is one code point


def test_json_positions_with_a_bom_and_crlf_line_ends(tmp_path: Path):
    # The BOM is not part of the text (editors do not show or count it); CR is not a column.
    path = write(tmp_path / "bom.txt", "\ufeffเมียนมาร์ และ\r\nแรงงานจากเมียนมาร์\r\n")
    findings = as_json(run("lint", *GLOSSARY, "-f", "json", str(path)))["findings"]
    assert [(f["line"], f["column"], f["end_column"]) for f in findings] == [
        (1, 1, 10), (2, 10, 19)]


def test_json_summary(tmp_path: Path):
    write(tmp_path / "a.txt", DIRTY)
    write(tmp_path / "b.txt", CLEAN)
    payload = as_json(run("lint", *GLOSSARY, "-f", "json", str(tmp_path)))
    summary, findings = payload["summary"], payload["findings"]
    assert summary["files_checked"] == 2
    assert summary["files_with_findings"] == 1
    assert summary["findings"] == len(findings)
    assert summary["errors"] == sum(f["severity"] == "error" for f in findings)
    assert summary["warnings"] == sum(f["severity"] == "warning" for f in findings)


def test_json_with_no_findings(tmp_path: Path):
    result = run("lint", *GLOSSARY, "-f", "json", str(write(tmp_path / "c.txt", CLEAN)))
    assert result.exit_code == 0, result.output
    payload = as_json(result)
    assert payload["findings"] == []
    assert payload["summary"]["files_checked"] == 1


# -- explain, version, help ----------------------------------------------------------------------

def test_explain_a_rule():
    result = run("explain", "TC001")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("TC001 forbidden-form")
    for section in ("What it does", "Why it matters", "Example", "Use instead"):
        assert section in result.stdout


@pytest.mark.parametrize("code", [r.code for r in rules.all_rules()])
def test_every_rule_is_explained(code: str):
    result = run("explain", code.lower())
    assert result.exit_code == 0, result.output
    assert code in result.stdout and "Example" in result.stdout


def test_explain_lists_the_rules():
    result = run("explain")
    assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in result.stdout.splitlines()] == [
        r.code for r in rules.all_rules()]


def test_explain_an_unknown_rule_exits_2():
    result = run("explain", "TC999")
    assert result.exit_code == 2, result.output
    (line,) = error_lines(result)
    assert "TC999" in line and "TC001" in line


def test_version():
    result = run("--version")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"termcheck {__version__}"


@pytest.mark.parametrize("args", [["-h"], ["--help"], ["lint", "-h"], ["explain", "-h"]])
def test_help(args: list[str]):
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: ")


def test_lint_help_documents_the_default_glossary():
    result = run("lint", "-h")
    assert "--glossary" in result.stdout and "glossary.yaml" in result.stdout
    assert "--stdin-filename" in result.stdout and "--format" in result.stdout


# -- inputs --------------------------------------------------------------------------------------

def test_stdin():
    text = "แรงงานจากเมียนมาร์ และ `เมียนมาร์`\n"
    result = run("lint", *GLOSSARY, "-f", "json", "-", input=text.encode())
    assert result.exit_code == 1, result.output
    findings = as_json(result)["findings"]
    assert [(f["path"], f["column"]) for f in findings] == [
        ("-", 10), ("-", text.rindex("เมียนมาร์") + 1)]


def test_stdin_filename_picks_the_markdown_reader():
    text = "แรงงานจากเมียนมาร์ และ `เมียนมาร์`\n"
    result = run("lint", *GLOSSARY, "-f", "json", "--stdin-filename", "x.md", "-",
                 input=text.encode())
    assert result.exit_code == 1, result.output
    findings = as_json(result)["findings"]
    assert [f["column"] for f in findings] == [10]  # the inline code is not prose
    assert findings[0]["path"] in ("-", "x.md")


def test_a_folder_is_walked(tmp_path: Path):
    write(tmp_path / "a.txt", "แรงงานจากเมียนมาร์\n")
    write(tmp_path / "sub" / "b.md", "# ข่าว\n\nสาธารณรัฐจีน(ไต้หวัน)\n")
    write(tmp_path / "sub" / "image.png", b"\x89PNG\r\n\x1a\n\0\0")
    write(tmp_path / ".hidden.txt", "เมียนมาร์\n")
    write(tmp_path / ".git" / "x.txt", "เมียนมาร์\n")
    payload = as_json(run("lint", *GLOSSARY, "-f", "json", str(tmp_path)))
    assert payload["summary"]["files_checked"] == 2
    assert sorted(Path(f["path"]).name for f in payload["findings"]) == ["a.txt", "b.md"]


def test_default_glossary_is_glossary_yaml_in_the_current_folder(tmp_path: Path, monkeypatch):
    write(tmp_path / "glossary.yaml",
          "version: 1\nterms:\n  - {id: file, target: ไฟล์, forbidden: [แฟ้ม]}\n")
    write(tmp_path / "d.txt", "เปิดแฟ้มจากเมียนมาร์\n")
    monkeypatch.chdir(tmp_path)
    findings = as_json(run("lint", "-f", "json", "d.txt"))["findings"]
    assert [f["term_id"] for f in findings] == ["file"]


def test_default_glossary_is_the_bundled_one(tmp_path: Path, monkeypatch):
    write(tmp_path / "d.txt", "เปิดแฟ้มจากเมียนมาร์\n")
    monkeypatch.chdir(tmp_path)
    findings = as_json(run("lint", "-f", "json", "d.txt"))["findings"]
    assert [f["term_id"] for f in findings] == ["myanmar"]


# -- bad input: one line on stderr naming the file (and line), others still checked, exit 2 ------

def _huge(tmp_path: Path) -> Path:
    line = ("ไต้หวัน" * 30_000)[:200_001]
    return write(tmp_path / "huge.txt", f"หัวข้อ\n{line}\nแรงงานจากเมียนมาร์\n")


BAD_INPUTS = {
    # name: (make the input, expected "path[:line]" prefix, words in the message)
    "missing-path": (lambda d: d / "nope.txt", "nope.txt", ["no such file"]),
    "folder-without-text": (
        lambda d: write(d / "pics" / "a.png", b"\x89PNG").parent, "pics", ["no files"]),
    "not-utf8": (
        lambda d: write(d / "latin1.txt", "บรรทัดแรก\n".encode() + b"caf\xe9\n"),
        "latin1.txt:2", ["UTF-8"]),
    "binary": (lambda d: write(d / "blob.txt", b"GIF89a\0\0\1\0"), "blob.txt", ["binary"]),
    "empty": (lambda d: write(d / "empty.md", b""), "empty.md", ["empty"]),
    "huge-line": (_huge, "huge.txt:2", ["200,001", "characters"]),
    "unknown-type": (lambda d: write(d / "draft.docx", b"PK"), "draft.docx", ["file type"]),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input(name: str, tmp_path: Path):
    make, where, words = BAD_INPUTS[name]
    bad = make(tmp_path)
    good = write(tmp_path / "good.txt", "แรงงานจากเมียนมาร์\n")
    result = run("lint", *GLOSSARY, "-f", "json", str(bad), str(good))
    assert result.exit_code == 2, result.output
    lines = error_lines(result)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"termcheck: error: {tmp_path / where}: "), lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    payload = as_json(result)  # the good file is still checked and reported
    assert ("good.txt", "myanmar") in [
        (Path(f["path"]).name, f["term_id"]) for f in payload["findings"]]


def test_huge_line_is_reported_and_the_rest_of_the_file_checked(tmp_path: Path):
    result = run("lint", *GLOSSARY, "-f", "json", str(_huge(tmp_path)))
    assert result.exit_code == 2, result.output
    assert [(f["line"], f["found"]) for f in as_json(result)["findings"]] == [(3, "เมียนมาร์")]


def test_malformed_glossary(tmp_path: Path):
    broken = write(tmp_path / "broken.yaml", "version: 1\nterms:\n  - id: x\n    target: [\n")
    draft = write(tmp_path / "d.txt", "แรงงานจากเมียนมาร์\n")
    result = run("lint", "-g", str(broken), *GLOSSARY, "-f", "json", str(draft))
    assert result.exit_code == 2, result.output
    (line,) = error_lines(result)
    assert re.match(rf"termcheck: error: {re.escape(str(broken))}:\d+: .*YAML", line), line
    # the other glossary is still used
    assert [f["term_id"] for f in as_json(result)["findings"]] == ["myanmar"]


def test_several_bad_inputs_each_get_their_line(tmp_path: Path):
    empty = write(tmp_path / "empty.txt", b"")
    result = run("lint", *GLOSSARY, str(tmp_path / "nope.md"), str(empty))
    assert result.exit_code == 2, result.output
    assert len(error_lines(result)) == 2
    assert "2 input errors" in result.stdout


# -- human output --------------------------------------------------------------------------------

def test_human_output_is_plain_when_not_a_terminal(tmp_path: Path):
    path = write(tmp_path / "draft.txt", DIRTY)
    result = run("lint", *GLOSSARY, str(path))
    assert "\x1b[" not in result.stdout, result.stdout
    lines = result.stdout.splitlines()
    assert lines[0] == str(path)  # grouped by file
    assert f"{path}:2:10: TC001 error [myanmar] เมียนมาร์ → เมียนมา" in lines
    assert any(line.startswith("    note: Current Royal Society name") for line in lines)
    assert lines[-1] == "Found 4 problems (1 error, 3 warnings) in 1 file; 1 file checked."


def test_colour_when_forced_and_none_with_no_color(tmp_path: Path):
    path = str(write(tmp_path / "draft.txt", DIRTY))
    forced = run("lint", *GLOSSARY, path, env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert colour_codes(forced.stdout), "FORCE_COLOR should give colour (control)"
    no_color = run("lint", *GLOSSARY, path,
                   env={"FORCE_COLOR": "1", "NO_COLOR": "1", "TERM": "xterm-256color"})
    assert not colour_codes(no_color.stdout), repr(no_color.stdout[:300])


def test_draft_text_is_not_read_as_markup(tmp_path: Path):
    path = write(tmp_path / "d.txt", "[bold]ข่าว[/bold] แรงงานจากเมียนมาร์\n")
    result = run("lint", *GLOSSARY, str(path))
    assert "| [bold]ข่าว[/bold] แรงงานจากเมียนมาร์" in result.stdout, result.stdout


@pytest.mark.parametrize("text", [
    "ที่นี่ผู้แทนองค์การตำรวจสากรบางรายที่นี่\n",  # marks before and inside the span
    "ผู้ชมสามารถรับชมวีดิทัศน์ฉบับเต็มได้ทางอินเตอร์เน็ต โดยไม่ต้องลงทะเบียน\n",
    "ที่" * 40 + "แรงงานจากเมียนมาร์" + "ที่" * 40 + "\n",  # shortened with an ellipsis
    "ปัจจุบันสาธารณรัฐ\u200bจีน (ไต้หวัน) ยังไม่สามารถ\n",  # an invisible shown as <ZWSP>
    "😀🇹🇭 ผู้แทนองค์การตำรวจสากรบางราย\n",  # wide characters before the span
])
def test_carets_line_up_under_the_span_in_display_cells(text: str, tmp_path: Path):
    result = run("lint", *GLOSSARY, str(write(tmp_path / "d.txt", text)))
    lines = result.stdout.splitlines()
    heads = [i for i, line in enumerate(lines) if ": TC00" in line]
    assert heads, result.stdout
    for i in heads:
        found = lines[i].split("] ", 1)[1].split(" → ")[0]  # as shown, invisibles spelt out
        shown, carets = lines[i + 2], lines[i + 3]
        assert shown.startswith("    | ") and carets.startswith("    | "), result.stdout
        first = carets.index("^")
        assert carets.count("^") == cell_len(found), (shown, carets)
        assert cell_len(shown[:shown.index(found)]) == cell_len(carets[:first]), (
            f"\n{shown}\n{carets}")


# -- a real process ------------------------------------------------------------------------------

def test_python_m_termcheck_as_a_subprocess(tmp_path: Path):
    draft = write(tmp_path / "draft.md", "# ข่าว\n\nแรงงานจากเมียนมาร์ `เมียนมาร์`\n")
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(PYTHAINLP_READ_ONLY="1", HOME=str(home))
    proc = subprocess.run(
        [sys.executable, "-m", "termcheck", "lint", "-g", str(SHIPPED_GLOSSARY),
         "--format", "json", str(draft)],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=REPO, timeout=120)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stderr == ""
    payload = json.loads(proc.stdout)
    jsonschema.validate(payload, JSON_SCHEMA)
    assert [(f["line"], f["column"], f["term_id"]) for f in payload["findings"]] == [
        (3, 10, "myanmar")]
    assert not (home / "pythainlp-data").exists()  # PyThaiNLP stayed read-only
