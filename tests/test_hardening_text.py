"""Hardening of text handling (the outside audit's r02, r14 and r15, copied into
tests/data/reliability):

1. Markdown with lone CR line breaks: markdown-it counts CR, CR LF and LF as line endings,
   termcheck's line numbers count LF only; the reader maps one onto the other without moving
   an offset, so `lint` and `fix` work and every finding quotes the file.
2. The source-word preparation of TC103 (consistency) is linear in the text: a long Thai
   string without spaces made the e-mail pattern \\S+@\\S+\\.\\w+ quadratic.
3. Control characters and bidi controls from drafts, sources, notes and file names are shown
   as markers (<ESC>, <U+202E>) in the human, concise and github formats.
"""

from __future__ import annotations

import io
import itertools
import re
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from support import DATA, SHIPPED_GLOSSARY, show, span_in_text
from termcheck import fix
from termcheck.bilingual.consistency import not_words
from termcheck.bilingual.consistency.not_words import blank_not_words
from termcheck.bilingual.consistency.prepare import source_words
from termcheck.cli import app
from termcheck.diagnostics import Finding, InputError, LintResult
from termcheck.readers.markdown import prose_text, read_markdown
from termcheck.reporters import concise, github, human, visible

HERE = DATA / "reliability"
GLOSSARY = ["-g", str(SHIPPED_GLOSSARY)]
PLAIN_ENV = {"NO_COLOR": None, "FORCE_COLOR": None, "TERM": "dumb", "COLUMNS": "200"}
WRONG, RIGHT = "เมียนมาร์", "เมียนมา"  # shipped glossary: the forbidden form, the target


def run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(app, list(args), input=stdin, env=PLAIN_ENV)


def no_traceback(result) -> None:
    """Findings (1), none (0) or a one-line error (2); never an exception."""
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception))


# -- 1. Markdown line endings ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["r02-lone-cr.md", "r02-lone-cr-thai.md"])
@pytest.mark.parametrize("command", ["lint", "fix"])
def test_lone_cr_reproducers(command: str, name: str, tmp_path: Path):
    text = (HERE / name).read_bytes().decode("utf-8")
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    result = run(command, *GLOSSARY, str(path))
    no_traceback(result)
    assert "Traceback" not in result.output
    if command == "fix":  # every CR kept, the forbidden form replaced, nothing else
        assert path.read_bytes().decode("utf-8") == text.replace(WRONG, RIGHT)


def test_lone_cr_reproducer_from_stdin():
    data = (HERE / "r02-atheris-md.bin").read_bytes()
    result = run("lint", *GLOSSARY, "-", "--stdin-filename", "x.md", stdin=data)
    no_traceback(result)


def test_thai_reproducer_is_found_where_it_is():
    text = (HERE / "r02-lone-cr-thai.md").read_bytes().decode("utf-8")
    result = run("lint", *GLOSSARY, "--format", "concise", str(HERE / "r02-lone-cr-thai.md"))
    assert result.exit_code == 1, result.output
    assert result.stdout.endswith(f":1:{text.index(WRONG) + 1}: TC001 forbidden form "
                                  f"'{WRONG}': use '{RIGHT}'\n")


# Templates: {P} is the forbidden form in prose (reported, fixed), {N} in what is not prose
# (never reported, never changed); "\n" is replaced by each kind of line ending.
TEMPLATES = {
    "paragraphs": "# หัวข้อ {P}\n\nข่าว {P} ครับ\nบรรทัดสอง {P} ครับ\n",
    "front-matter": "---\ntitle: {N}\ntags: [{N}]\n---\n\nข่าว {P} ครับ\n",
    "fenced-code": "ข่าว {P} ครับ\n\n```text\n{N}\n```\n\nหลังโค้ด {P} ครับ\n",
    "indented-code": "ข่าว {P} ครับ\n\n    {N} ในโค้ด\n\nหลังโค้ด {P} ครับ\n",
    "comment-block": "<!--\n{N}\n-->\n\nข่าว {P} ครับ\n",
    "comment-inline": "ข่าว {P} <!-- {N}\n{N} --> ครับ {P}\n",
    "comment-in-list": "- ข่าว {P} <!--\n  {N} --> ครับ {P}\n",
    "comment-in-quote": "> ข่าว {P} <!--\n> {N} --> ครับ {P}\n",
    "html-block": "<div>\n{N}\n</div>\n\nข่าว {P} ครับ\n",
    "code-span": "ไฟล์ `{N}` และ {P} ครับ\n",
    "code-span-over-lines": "ไฟล์ `a\n{N}` และ {P} ครับ\n",
}
ENDINGS = {"lf": ["\n"], "crlf": ["\r\n"], "cr": ["\r"], "mixed": ["\r", "\r\n", "\n"]}


def render(template: str, ending: str, prose: str, other: str) -> tuple[str, list[int]]:
    """The template with its line endings and forms, and the offsets of the prose forms."""
    breaks = ENDINGS[ending]
    text, offsets, n = "", [], 0
    for literal, field, _, _ in string.Formatter().parse(template):
        for i, piece in enumerate(literal.split("\n")):
            if i:
                text += breaks[n % len(breaks)]
                n += 1
            text += piece
        if field == "P":
            offsets.append(len(text))
        if field:
            text += prose if field == "P" else other
    return text, offsets


def place(text: str, offset: int) -> tuple[int, int]:
    """(line, column) counting LF only, 1-based, columns in code points."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


CASES = [(name, ending) for name in TEMPLATES for ending in ENDINGS]


@pytest.mark.parametrize(("name", "ending"), CASES, ids=[f"{n}-{e}" for n, e in CASES])
def test_line_endings_keep_offsets_and_lines(name: str, ending: str, shipped_linter):
    text, offsets = render(TEMPLATES[name], ending, WRONG, WRONG)
    prose = prose_text(text)
    assert len(prose) == len(text)
    assert [i for i, c in enumerate(prose) if c in "\r\n"] == [
        i for i, c in enumerate(text) if c in "\r\n"]
    findings, errors = shipped_linter.check_document(read_markdown("d.md", text))
    assert not errors
    assert all(span_in_text(f, text) for f in findings), show(findings)
    assert sorted(f.offset for f in findings) == offsets, show(findings)
    assert [(f.line, f.column) for f in sorted(findings, key=lambda f: f.offset)] == [
        place(text, at) for at in offsets]


@pytest.mark.parametrize(("name", "ending"), CASES, ids=[f"{n}-{e}" for n, e in CASES])
def test_fix_changes_only_the_fixed_spans(name: str, ending: str, tmp_path: Path):
    text, _ = render(TEMPLATES[name], ending, WRONG, WRONG)
    expected, _ = render(TEMPLATES[name], ending, RIGHT, WRONG)
    path = tmp_path / "d.md"
    path.write_bytes(text.encode("utf-8"))
    result = run("fix", *GLOSSARY, str(path))
    no_traceback(result)
    assert path.read_bytes().decode("utf-8") == expected


def test_segments_are_slices_without_a_line_ending():
    text = "ข่าว\r\rสอง\r\nสาม\rสี่\n`a\rb` ห้า\r"
    prose = prose_text(text)
    segments = read_markdown("d.md", text).segments
    for segment in segments:
        assert prose[segment.offset:segment.offset + len(segment.text)] == segment.text
        assert "\r" not in segment.original(text) and "\n" not in segment.original(text)
    assert [s.original(text).strip() for s in segments] == [
        "ข่าว", "สอง", "สาม", "สี่", "b` ห้า"]


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_suppression_comments_with_crlf(ending: str, shipped_linter):
    text = (f"<!-- termcheck: ignore-next-line -->{ending}ข่าว {WRONG} ครับ{ending}{ending}"
            f"ข่าว {WRONG} <!-- termcheck: ignore{ending}-->{ending}{ending}ข่าว {WRONG}{ending}")
    findings = shipped_linter.lint_text("d.md", text).findings
    assert [f.line for f in findings] == [7], show(findings)


PIECES = ["\r", "\n", "\r\n", "`", "```", "<!--", "-->", "<!-- termcheck: ignore -->", "---",
          "> ", "- ", "    ", " ", "# ", "[x](", ")", "<div>", "*", "a", "\0", WRONG, RIGHT,
          "ข่าว", "ประเทศ", "ตำรวจสากร"]
MARKDOWNISH = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWNISH)
@example("a\r\rb")
@example(f"---\rx\r---\r{WRONG}\r```\r{WRONG}\r```\r<!--\r{WRONG}\r-->\r{WRONG}")
def test_any_markdownish_text(shipped_linter, text: str):
    prose = prose_text(text)
    assert len(prose) == len(text)
    findings, errors = shipped_linter.check_document(read_markdown("d.md", text))
    assert not errors
    for f in findings:
        assert span_in_text(f, text), show([f])
        assert (f.line, f.column) == place(text, f.offset)
    # what `fix` would change holds what was found (else fix_file calls the file stale)
    for change in fix.plan(findings).edits.get("d.md", []):
        assert text[change.start:change.end] == change.finding.found


# -- 2. linear source words --------------------------------------------------------------------

# The single regex this replaced, and the one its scan must agree with exactly (the same but
# for brackets inside a placeholder's name, see not_words._PLACEHOLDERS).
OLD = re.compile(
    r"%(?:\([^)]*\))?[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|ll|[hlLqjzt])?[a-zA-Z%@]"
    r"|\{[^{}]*\}|\$\{[^}]*\}|\$\w+|<[^<>]*>|&#?\w+;"
    r"|\b(?:https?|ftp|file)://\S+|\S+@\S+\.\w+")
REFERENCE = re.compile(not_words._PLACEHOLDERS.pattern + r"|\S+@\S+\.\w+")

NORMAL = [
    "Send %(count)d files to %s at admin@example.com.",
    "Mail <b>me@example.org</b>, or see https://example.org/a?b=c and {0}",
    "${HOME}/files $USER &amp; &#160; %-5.2f %05d %ld %% %@ %*d",
    "Contact: first.last+tag@mail.example.co.th; or x@y.z, then a@b",
    "ส่งไฟล์ไปที่ admin@example.com แล้ว %s รายการ",
    "user@host without a dot, a.b@c and @home.page and mail@server.local.",
    "{name}'s file, {{escaped}}, <a href=\"x\">link</a> &nbsp;",
]


@pytest.mark.parametrize("text", NORMAL)
def test_same_matches_as_the_old_regex_on_normal_input(text: str):
    assert blank_not_words(text) == OLD.sub(" ", text)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from([*"ab_.@%()${}<>&;#:/ 01sl*-+\nก่", "http://", "www."]),
                max_size=16).map("".join))
@example(".www.:/@ก;sl ก )www.")  # a '.' at the start of a run: no negative rfind bound
@example("{a}b@c.com x%s@y.z")
def test_the_scan_matches_the_regex(text: str):
    assert blank_not_words(text) == REFERENCE.sub(" ", text)


N = 300_000  # the old regex took hours on most of these (quadratic or cubic)
ADVERSARIAL = [
    ("ก" * N, "ก" * N),
    ("ก" * N + "@", "ก" * N + "@"),
    ("@" * N, "@" * N),
    ("a@" * N, "a@" * N),
    ("ก" * N + "@ก.com ok", "  ok"),  # one run: one address
    ("x " * N + "a@b.cc", "x " * N + " "),
    ("%(" * N, "%(" * N),
    ("${" * N, "${" * N),
    ("%" + "0" * N + "!", "%" + "0" * N + "!"),
    ("a@" + "." * N, "a@" + "." * N),
    ("%s" * N + " a@b.c", " " * N + "  "),
]


@pytest.mark.parametrize(("text", "blanked"), ADVERSARIAL,
                         ids=[f"case{i}" for i in range(len(ADVERSARIAL))])
def test_results_on_adversarial_input(text: str, blanked: str):
    assert blank_not_words(text) == blanked


class _Counting:
    """Stands in for not_words._PLACEHOLDERS and records, for each search, where it started
    and the last position it tried a match at."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.calls = pattern, []

    def search(self, text: str, pos: int = 0):
        match = self.pattern.search(text, pos)
        self.calls.append((pos, match.start() if match else len(text)))
        return match


@pytest.mark.parametrize("text", [
    "a@b.c " * 1000 + "{x}",  # many addresses before one placeholder
    "%s{x}a@b.c <i>" * 500,
    "a@b<.c x> " * 500,  # an address ends inside a tag that began in it
    "ก" * 5000 + "%s" * 500 + "x@y.zz",
])
def test_no_position_is_tried_twice(text: str, monkeypatch):
    """Why the scan is linear: each regex search starts after the last position the one
    before tried, so every position is tried once (and a try reads a bounded stretch, see
    not_words._PLACEHOLDERS); there is one search a match, and one more."""
    counting = _Counting(not_words._PLACEHOLDERS)
    monkeypatch.setattr(not_words, "_PLACEHOLDERS", counting)
    assert blank_not_words(text) == REFERENCE.sub(" ", text)
    for (_, last), (start, _) in itertools.pairwise(counting.calls):
        assert start > last
    assert len(counting.calls) <= len(REFERENCE.findall(text)) + 1


def test_source_words_of_the_long_thai_reproducer():
    po = (HERE / "r14-long-thai.po").read_text(encoding="utf-8")
    target = max(re.findall(r'"([^"]*)"', po), key=len)
    assert len(target) > 50_000
    assert source_words(target + " see admin@example.com and %(n)s Files") == ["see", "and",
                                                                               "files"]


def test_long_thai_reproducer_lints():
    result = run("lint", *GLOSSARY, str(HERE / "r14-long-thai.po"))
    no_traceback(result)


# -- 3. control characters in the text formats -------------------------------------------------

ESCAPES = ("\x1b]0;TITLE\x07 \x1b[2J\x1b[H \x1b]8;;http://evil.example/\x1b\\click\x1b]8;;"
           "\x1b\\ \x9b31m \x7f \x00 \x08 \u202e\u2066\u2069\u200e\u200f\u061c ")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f"
                     "\u061c]")


def finding(text: str) -> Finding:
    """A finding with `text` in every field that comes from a file or a glossary."""
    return Finding(f"dir/{text}.po", 2, 3, 2, 5, "TC001", "error", f"id{text}", f"x{text}",
                   f"y{text}", message=f"forbidden form 'x{text}': use 'y{text}'",
                   note=f"note {text}", line_text=f"ab{text}cd", source=f"src {text}",
                   context=f"ctx {text}")


def rendered(module, result: LintResult) -> str:
    out = io.StringIO()
    module.render(result, out)
    return out.getvalue()


@pytest.mark.parametrize("module", [human, concise, github], ids=["human", "concise", "github"])
def test_no_control_reaches_the_output(module):
    result = LintResult(findings=[finding(ESCAPES)],
                        errors=[InputError(f"bad{ESCAPES}.po", 2, f"not valid: {ESCAPES}")])
    output = rendered(module, result)
    assert not CONTROL.findall(output), [c for c in CONTROL.findall(output)]
    for marker in ("<ESC>", "<U+009B>", "<DEL>", "<NUL>", "<U+0008>", "<U+202E>", "<U+2066>",
                   "<U+200F>", "<U+061C>"):
        assert marker in output, (marker, output)
    if module is not human:
        assert len(output.splitlines()) == (2 if module is github else 1)


def test_markers_cover_every_control_once():
    codes = [*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F, *range(0x80, 0xA0),
             *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
    assert sorted(map(ord, visible.MARKERS)) == sorted(codes)
    assert visible.show("\x1b\u202e\x9b") == "<ESC><U+202E><U+009B>"
    for marker in visible.MARKERS.values():  # nothing a format would escape again
        assert re.fullmatch(r"<[A-Z0-9+]+>", marker)


def test_concise_keeps_its_line_break_escapes():
    f = Finding("a\x1b.po", 2, 9, 3, 4, "TC102", "warning", "", "x", "z",
                message="'x\ny\r' \x0b\x0c\x1c\x85\u2028 \t \x1b[2J \u202e")
    assert concise.line(f) == ("a<ESC>.po:2:9: TC102 'x\\ny\\r' \\u000b\\u000c\\u001c\\u0085"
                               "\\u2028 \t <ESC>[2J <U+202E>")


def test_github_markers_come_before_its_escaping():
    assert github.escape_data("50% \x1b[1m\r\n\t") == "50%25 <ESC>[1m%0D%0A\t"
    assert github.escape_property("a,b:\u202e\x07") == "a%2Cb%3A<U+202E><U+0007>"


def test_human_tab_and_invisibles_as_before():
    assert human.visible("a\tb\u200bc\rd\x1be") == "a b<ZWSP>c<CR>d<ESC>e"
    assert human.visible("line\nbreak") == "line\nbreak"


@pytest.mark.parametrize("fmt", ["human", "concise", "github"])
def test_escapes_reproducer_through_the_cli(fmt: str, tmp_path: Path):
    path = tmp_path / "r15\x1b]0;name\x07.txt"  # the file name too
    path.write_bytes((HERE / "r15-escapes.txt").read_bytes())
    result = run("lint", *GLOSSARY, "--format", fmt, str(path))
    assert result.exit_code == 1, result.output
    assert not CONTROL.findall(result.stdout), result.stdout
    assert "]0;name" in result.stdout  # written as a marker or an escape, never as ESC
    if fmt == "human":
        assert "<ESC>" in result.stdout.split("|", 1)[1] and "<U+202E>abc" in result.stdout
