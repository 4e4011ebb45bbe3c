"""Hardening of the glossary side (the outside audit's reproducers, tests/data/reliability):
every bad glossary is a one-line error naming the file and line, exit 2; nothing is lost
silently, nothing hangs, and a failed write leaves the destination as it was.

1. a CSV/TSV quote never closed no longer swallows the rest of the file (r10);
2. `glossary import` of a file that does not load writes nothing (r11);
3. import/export write atomically; a write that fails is one line and changes nothing;
4. TBX with an encoding expat cannot read, or a deeply nested JSON note (r03, r04, r05);
5. `glossary check` scales (G006 pairs and examples): the results are those of the old
   all-against-all comparison (no timed test);
6. one-line errors: a NUL in YAML, a line break in a CSV header cell (r20);
7. duplicate YAML keys (r23), a NUL in a CSV cell, `glossary suggest` on bad files;
8. a missing PO compendium; a folder, a FIFO or /dev/zero named as a glossary.
"""

from __future__ import annotations

import errno
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from typer.testing import CliRunner

from support import DATA, SHIPPED_GLOSSARY
from termcheck.cli import app
from termcheck.engine import Linter
from termcheck.glossary.check import Problem, examples, near_misses
from termcheck.glossary.formats import import_glossary
from termcheck.glossary.load import load_glossaries
from termcheck.glossary.model import Glossary, GlossaryError, Term, one_line
from termcheck.glossary.nearpairs import close_pairs
from termcheck.thai import chars
from termcheck.thai.fold import fuzzy_budget, weighted_distance
from termcheck.thai.normalize import normalize_key

HERE = DATA / "reliability"
ENV = {**os.environ, "PYTHAINLP_READ_ONLY": "1", "NO_COLOR": "1", "COLUMNS": "200"}
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
UNCLOSED = ("CSV error: unclosed quote: the quoted cell begun in this record runs to the end "
            "of the file")
GLOSSARY = ("version: 1\nterms:\n"
            "  - {id: myanmar, target: เมียนมา, source: Myanmar, forbidden: [เมียนมาร์]}\n"
            "  - {id: file, target: ไฟล์, source: file}\n")


def termcheck(*args: str, cwd: Path = HERE, timeout: float = 60) -> subprocess.CompletedProcess:
    """The real command line in a subprocess; the timeout makes a hang a failure."""
    return subprocess.run([sys.executable, "-m", "termcheck", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=timeout, check=False,
                          stdin=subprocess.DEVNULL)


def cli(*args: str):
    """The command line in this process (so that a test can break the disk under it)."""
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert "Traceback" not in result.output + result.stderr, result.output + result.stderr
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def files_in(folder: Path) -> dict[str, bytes | None]:
    """Every name in `folder` with its bytes (None for what is not a regular file)."""
    return {p.name: p.read_bytes() if p.is_file() and not p.is_symlink() else None
            for p in sorted(folder.iterdir())}


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a good glossary (g.yaml) and a draft with one TC001 (d.txt)."""
    (tmp_path / "g.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "d.txt").write_text("ไปเมียนมาร์\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- 1. a CSV quote never closed -----------------------------------------------------------

def test_unclosed_quote_is_an_error_on_its_line_and_the_other_rows_load():
    glossary, errors = load_glossaries([HERE / "r10-swallow.csv"])
    assert [str(e) for e in errors] == [f"{HERE / 'r10-swallow.csv'}:2: {UNCLOSED}"]
    ids = [t.id for t in glossary.terms]
    assert len(ids) == 200 and ids[0] == "t1" and ids[-1] == "myan"  # rows 3-202 all load
    assert glossary.terms[0].line == 3 and glossary.terms[-1].line == 202


def test_unclosed_quote_lint_reports_it_and_still_finds_the_forbidden_form():
    run = termcheck("lint", "-g", "r10-swallow.csv", "-f", "concise", "r10-draft.txt")
    assert run.returncode == 2, run.stdout + run.stderr
    assert lines(run.stderr) == [f"termcheck: error: r10-swallow.csv:2: {UNCLOSED}"]
    assert lines(run.stdout) == [
        "r10-draft.txt:1:7: TC001 forbidden form 'เมียนมาร์': use 'เมียนมา'"]


def test_unclosed_quote_glossary_check_reports_it():
    run = termcheck("glossary", "check", "r10-swallow.csv")
    assert run.returncode == 1, run.stderr
    assert lines(run.stdout)[0] == f"r10-swallow.csv:2: G001 {UNCLOSED}"
    assert "myan" in run.stdout  # the last row was read


def test_unclosed_quote_import_skips_that_row_only(tmp_path: Path):
    dest = tmp_path / "out.yaml"
    run = termcheck("glossary", "import", "r10-swallow.csv", str(dest))
    assert run.returncode == 0, run.stderr
    assert f"termcheck: r10-swallow.csv:2: skipped: {UNCLOSED}" in lines(run.stderr)
    assert lines(run.stderr)[-1] == f"termcheck: wrote 200 terms to {dest}"
    written, errors = load_glossaries([dest])
    assert not errors and len(written.terms) == 200


@pytest.mark.parametrize(("text", "error", "ids"), [
    # a quote closed many lines later: a line break in a form is the mark of it
    ('id,target\na,"ไต้หวัน\nb,เมียนมา\nc,ไฟล์"\nd,แฟ้ม\n',
     "2: CSV error: line break inside the 'target' cell (a quote left open?)",
     ["b", "c", "d"]),
    # text after a closing quote
    ('id,target\na,"ไต้"หวัน\nb,เมียนมา\n', "2: CSV error: ',' expected after '\"'", ["b"]),
    # a quote left open on the last row
    ('id,target\nb,เมียนมา\na,"ไต้หวัน\n', f"3: {UNCLOSED}", ["b"]),
    # a NUL in a form (item 7)
    ("id,target\na,ไต้\x00หวัน\nb,เมียนมา\n", "2: field 'target': control character U+0000",
     ["b"]),
])
@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_broken_rows_are_errors_and_the_rest_loads(tmp_path: Path, text: str, error: str,
                                                   ids: list[str], suffix: str):
    path = tmp_path / f"g{suffix}"
    if suffix == ".tsv":
        text, error = text.replace(",", "\t"), error.replace("','", "'\\t'")
    path.write_text(text, encoding="utf-8")
    glossary, errors = load_glossaries([path])
    assert [str(e) for e in errors] == [f"{path}:{error}"]
    assert [t.id for t in glossary.terms] == ids


def test_a_line_break_in_a_note_is_still_fine(tmp_path: Path):
    path = tmp_path / "g.csv"
    path.write_text('id,target,note\na,ไต้หวัน,"two\nlines"\nb,เมียนมา,\n', encoding="utf-8")
    glossary, errors = load_glossaries([path])
    assert errors == []
    assert [(t.id, t.note, t.line) for t in glossary.terms] == [
        ("a", "two\nlines", 3), ("b", "", 4)]  # an entry's line: where its record ends


def test_unclosed_quote_in_the_header_is_the_file_as_a_whole(tmp_path: Path):
    path = tmp_path / "g.csv"
    path.write_text('id,"target\na,ไต้หวัน\n', encoding="utf-8")
    glossary, errors = load_glossaries([path])
    assert [str(e) for e in errors] == [f"{path}:1: {UNCLOSED}"] and not glossary.terms
    with pytest.raises(GlossaryError, match="unclosed quote"):
        import_glossary(path)


def test_import_of_an_unclosed_quote_header_and_opentle_layouts(tmp_path: Path):
    header = tmp_path / "h.csv"
    header.write_text('id,target\na,"ไต้หวัน,ใต้หวัน\nb,เมียนมา\n', encoding="utf-8")
    glossary, messages = import_glossary(header)
    assert [t.id for t in glossary.terms] == ["b"]
    assert messages == [f"{header}:2: skipped: {UNCLOSED}"]
    opentle = tmp_path / "o.csv"
    opentle.write_text('"Taiwan","ไต้หวัน,\n"file","ไฟล์",\n"Myanmar","เมียนมา",\n',
                       encoding="utf-8")
    glossary, messages = import_glossary(opentle)  # the quote closes on line 2: refused
    assert [t.source for t in glossary.terms] == [("file",), ("Myanmar",)]
    assert messages == [f"{opentle}:1: skipped: CSV error: ',' expected after '\"' (line 2)"]
    opentle.write_text('"file","ไฟล์",\n"Myanmar","เมียนมา\nTaiwan,ไต้หวัน,\n',
                       encoding="utf-8")
    glossary, messages = import_glossary(opentle)  # never closed
    assert [t.source for t in glossary.terms] == [("file",), ("Taiwan",)]
    assert messages == [f"{opentle}:2: skipped: {UNCLOSED}"]


# -- 2. an input that does not load writes nothing -----------------------------------------

def test_import_of_a_broken_yaml_leaves_dest_alone(tmp_path: Path):
    shutil.copy(HERE / "r11-broken.yaml", tmp_path)
    (tmp_path / "dest.yaml").write_text("keep me\n", encoding="utf-8")
    before = files_in(tmp_path)
    run = termcheck("glossary", "import", "r11-broken.yaml", "dest.yaml", cwd=tmp_path)
    assert run.returncode == 2
    assert lines(run.stderr) == [
        "termcheck: error: r11-broken.yaml:5: YAML syntax error: found unexpected end of stream"]
    assert files_in(tmp_path) == before
    run = termcheck("glossary", "import", "r11-broken.yaml", "new.yaml", cwd=tmp_path)
    assert run.returncode == 2 and not (tmp_path / "new.yaml").exists()


def test_export_of_a_glossary_that_does_not_load_leaves_dest_alone(folder: Path):
    (folder / "out.tbx").write_bytes(b"old")
    result = cli("glossary", "export", "g.yaml", "missing.yaml", "out.tbx")
    assert result.exit_code == 2
    assert lines(result.stderr) == ["termcheck: error: missing.yaml: glossary file not found"]
    assert (folder / "out.tbx").read_bytes() == b"old"


# -- 3. atomic writes --------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["replace", "fsync"])
@pytest.mark.parametrize("ext", ["yaml", "tbx", "csv", "tsv", "po", "xlsx"])
def test_a_full_disk_leaves_the_old_file(folder: Path, monkeypatch: pytest.MonkeyPatch,
                                         ext: str, where: str):
    if ext == "xlsx":
        pytest.importorskip("openpyxl")
    dest = folder / f"out.{ext}"
    dest.write_bytes(b"the old glossary\n")
    before = files_in(folder)

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, where, full)
    for command in (["glossary", "export", "g.yaml", dest.name],
                    ["glossary", "import", "g.yaml", dest.name]):
        result = cli(*command)
        assert result.exit_code == 2, result.output
        assert lines(result.stderr) == [f"termcheck: error: {dest.name}: cannot write: No space "
                                        "left on device; nothing written"]
        assert files_in(folder) == before  # the old bytes, and no temporary file left


def test_import_into_a_missing_folder(folder: Path):
    result = cli("glossary", "import", "g.yaml", "nowhere/dest.yaml")
    assert result.exit_code == 2
    assert lines(result.stderr) == ["termcheck: error: nowhere/dest.yaml: cannot write: no "
                                    "folder 'nowhere'; nothing written"]
    assert not (folder / "nowhere").exists()


@pytest.mark.skipif(ROOT, reason="permissions do not apply to root")
def test_export_into_an_unwritable_folder(folder: Path):
    locked = folder / "locked"
    locked.mkdir()
    (locked / "out.tbx").write_bytes(b"old")
    locked.chmod(0o500)
    try:
        result = cli("glossary", "export", "g.yaml", "locked/out.tbx")
    finally:
        locked.chmod(0o700)
    assert result.exit_code == 2
    assert lines(result.stderr) == ["termcheck: error: locked/out.tbx: cannot write: "
                                    "Permission denied; nothing written"]
    assert (locked / "out.tbx").read_bytes() == b"old"


def test_dest_that_is_a_folder_or_a_fifo_is_not_replaced(folder: Path):
    (folder / "dir.yaml").mkdir()
    os.mkfifo(folder / "pipe.tbx")
    assert lines(cli("glossary", "import", "g.yaml", "dir.yaml").stderr) == [
        "termcheck: error: dir.yaml: cannot write: a folder"]
    assert lines(cli("glossary", "export", "g.yaml", "pipe.tbx").stderr) == [
        "termcheck: error: pipe.tbx: cannot write: not a regular file"]
    assert (folder / "dir.yaml").is_dir() and files_in(folder)["pipe.tbx"] is None


def test_export_writes_what_it_wrote_before(folder: Path):
    """The same bytes as before the writes became atomic (YAML, TBX, CSV, PO)."""
    cli("glossary", "export", "g.yaml", "g.tbx")
    cli("glossary", "export", "g.yaml", "g.csv")
    cli("glossary", "export", "g.yaml", "g.po")
    assert (folder / "g.csv").read_text(encoding="utf-8") == (
        "id,target,source,forbidden,allowed,note\nmyanmar,เมียนมา,Myanmar,เมียนมาร์,,\n"
        "file,ไฟล์,file,,,\n")
    assert (folder / "g.tbx").read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert 'msgctxt "myanmar"\nmsgid "Myanmar"\nmsgstr "เมียนมา"' in (
        folder / "g.po").read_text(encoding="utf-8")
    cli("glossary", "import", "g.tbx", "back.yaml")
    assert (folder / "back.yaml").read_text(encoding="utf-8").endswith(
        "  - id: file\n    target: ไฟล์\n    source: [file]\n")


# -- 4. TBX the XML parser cannot read ---------------------------------------------------------

@pytest.mark.parametrize(("name", "message"), [
    ("r03-unknown-encoding.tbx", "r03-unknown-encoding.tbx:1: cannot read the XML "
     "declaration's encoding 'UF-8': unknown encoding (save the file as UTF-8)"),
    ("r03-hypothesis-tbx.tbx", "r03-hypothesis-tbx.tbx:1: cannot read the XML declaration's "
     "encoding 'UF-8': unknown encoding (save the file as UTF-8)"),
    ("r04-utf7.tbx", "r04-utf7.tbx:1: cannot read the XML declaration's encoding 'UTF-7': an "
     "encoding the XML parser cannot read (save the file as UTF-8)"),
    ("r05-deep-json-note.tbx", "r05-deep-json-note.tbx:2: note 'termcheck:ignore_in': its "
     "JSON is nested too deeply"),
])
def test_tbx_reproducers_are_one_line_errors(tmp_path: Path, name: str, message: str):
    run = termcheck("glossary", "import", name, str(tmp_path / "out.yaml"))
    assert run.returncode == 2, run.stderr
    assert lines(run.stderr) == [f"termcheck: error: {message}"]
    assert not (tmp_path / "out.yaml").exists()


def test_the_fuzzed_utf7_tbx(tmp_path: Path):
    """r04-atheris-tbx-utf7.bin is a TBX (a stray byte before a UTF-7 declaration)."""
    shutil.copy(HERE / "r04-atheris-tbx-utf7.bin", tmp_path / "fuzzed.tbx")
    for args in (["--format", "tbx", str(HERE / "r04-atheris-tbx-utf7.bin")], ["fuzzed.tbx"]):
        run = termcheck("glossary", "import", *args, "out.yaml", cwd=tmp_path)
        assert run.returncode == 2, run.stderr
        assert len(lines(run.stderr)) == 1
        assert re.fullmatch(r"termcheck: error: \S+:1: malformed XML: not well-formed "
                            r"\(invalid token\)", run.stderr.strip()), run.stderr
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize(("encoding", "why"), [
    ("Shift_JIS", "an encoding the XML parser cannot read"), ("GBK", "an encoding the XML "
     "parser cannot read"), ("x-unknown", "unknown encoding"), ("rot13", "unknown encoding")])
def test_other_encodings_expat_refuses(tmp_path: Path, encoding: str, why: str):
    path = tmp_path / "g.tbx"
    path.write_text(f'<?xml version="1.0" encoding="{encoding}"?>\n<tbx/>\n', encoding="ascii")
    with pytest.raises(GlossaryError) as caught:
        import_glossary(path)
    assert str(caught.value) == (f"{path}:1: cannot read the XML declaration's encoding "
                                 f"'{encoding}': {why} (save the file as UTF-8)")


# -- 5. glossary check scales, with the same results -------------------------------------------

def reference_near_misses(terms: list[Term]) -> list[Problem]:
    """G006 as it was: every form compared with every other (process.extract), kept as the
    reference the indexed search must agree with, message for message and in order."""
    owners: dict[str, list[int]] = {}
    for n, term in enumerate(terms):
        for form in (term.target, *term.allowed) if term.fuzzy else ():
            key = normalize_key(form)
            if key and n not in owners.setdefault(key, []):
                owners[key].append(n)
    keys = list(owners)
    budgets = [fuzzy_budget(chars.spacing_length(k)) for k in keys]
    seen: set[tuple[int, int]] = set()
    out = []
    for a, key in enumerate(keys):
        for _, _, b in process.extract(key, keys, scorer=Levenshtein.distance, score_cutoff=4,
                                       limit=None) if budgets[a] else ():
            budget = min(budgets[a], budgets[b])
            if b == a or budget == 0.0 or weighted_distance(key, keys[b]) > budget:
                continue
            for ta in owners[key]:
                for tb in owners[keys[b]]:
                    pair = (min(ta, tb), max(ta, tb))
                    if ta == tb or pair in seen:
                        continue
                    seen.add(pair)
                    first, second = terms[pair[0]], terms[pair[1]]
                    fa, fb = (key, keys[b]) if ta == pair[0] else (keys[b], key)
                    out.append(Problem(
                        second.path, second.line, "G006",
                        f"'{fb}' (term '{second.id}') is a near-miss of '{fa}' (term "
                        f"'{first.id}', {first.path}:{first.line}): fuzzy matching cannot "
                        "tell them apart; set fuzzy: false on one of them or check the "
                        "spelling"))
    return out


# the pieces near-misses are made of: letters, every kind of mark, the า/ำ/ะ/ๅ group, the
# cheap look-alike groups, spacing and punctuation, Latin look-alikes
_ALPHABET = ([chr(c) for c in range(0x0E01, 0x0E2F)] + list("าำะๅ่้๊๋็์ํิีึืุูเแโใไ")
             + list(" -.()/") + list("il1o0s5b8abcz"))
_FORM = st.text(st.sampled_from(_ALPHABET), min_size=1, max_size=22)


def _variant(rng: random.Random, form: str) -> str:
    chars_ = list(form)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(chars_) + 1)
        op = rng.random()
        if op < 0.35 or not chars_:
            chars_.insert(at, rng.choice(_ALPHABET))
        elif op < 0.7:
            del chars_[min(at, len(chars_) - 1)]
        else:
            chars_[min(at, len(chars_) - 1)] = rng.choice(_ALPHABET)
    return "".join(chars_) or form


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(_FORM, min_size=1, max_size=40), st.integers(0, 2**32))
def test_near_misses_agree_with_comparing_all_pairs(bases: list[str], seed: int):
    rng = random.Random(seed)
    forms = bases + [_variant(rng, rng.choice(bases)) for _ in range(3 * len(bases))]
    terms = [Term(id=f"t{n}", target=form, path="g.yaml", line=n + 1, fuzzy=rng.random() > 0.1,
                  allowed=(_variant(rng, form),) if rng.random() < 0.2 else ())
             for n, form in enumerate(forms) if form.strip()]
    assert near_misses(terms) == reference_near_misses(terms)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(_FORM, min_size=2, max_size=12, unique=True), st.integers(0, 2**32))
def test_close_pairs_miss_no_pair_within_budget(bases: list[str], seed: int):
    rng = random.Random(seed)
    keys = list(dict.fromkeys(normalize_key(f) for f in bases + [
        _variant(rng, rng.choice(bases)) for _ in range(12)] if normalize_key(f)))
    budgets = [fuzzy_budget(chars.spacing_length(k)) for k in keys]
    found = {(a, b) for a, _distance, b in close_pairs(keys, budgets)}
    for a, key in enumerate(keys):
        for b, other in enumerate(keys):
            budget = min(budgets[a], budgets[b])
            if a != b and budget and Levenshtein.distance(key, other) <= 4 and (
                    weighted_distance(key, other) <= budget):
                assert (a, b) in found, (key, other)


REALDATA_OPENTLE = Path("/work/shared/realdata/opentle-glossary/all_glossary.utf8.csv")


def test_near_misses_of_real_glossaries_are_unchanged():
    shipped = load_glossaries([SHIPPED_GLOSSARY])[0].terms
    assert near_misses(shipped) == reference_near_misses(list(shipped))
    if REALDATA_OPENTLE.exists():  # 5,143 terms, 889 near-miss pairs
        opentle = list(import_glossary(REALDATA_OPENTLE)[0].terms)
        found = near_misses(opentle)
        assert len(found) == 889 and found == reference_near_misses(opentle)


def test_examples_linted_together_give_what_each_alone_gives():
    """Each example is still its own document: a directive in one does not reach the next,
    and `ignore_in` contexts are honoured (compared with Linter.lint_text of each)."""
    terms = (
        Term(id="myanmar", target="เมียนมา", forbidden=("เมียนมาร์",), path="g.yaml", line=1,
             examples_bad=("ไปเมียนมาร์", "termcheck: ignore เมียนมาร์", "เมียนมา"),
             examples_good=("ไปเมียนมา", "termcheck: ignore-next-line", "เมียนมาร์")),
        Term(id="taiwan", target="ไต้หวัน", forbidden=("ใต้หวัน",), path="g.yaml", line=2,
             ignore_in=("ร้านใต้หวัน",), examples_bad=("ใต้หวัน",),
             examples_good=("ร้านใต้หวัน", "ไต้หวัน", "ไปใต้หวัน")),
    )
    glossary = Glossary(terms)
    linter = Linter(glossary)
    expected = []
    for term in terms:
        for kind, texts in (("bad", term.examples_bad), ("good", term.examples_good)):
            for text in texts:
                found = linter.lint_text("example.txt", text).findings
                if kind == "bad" and not any(f.term_id == term.id for f in found):
                    expected.append((term.id, "G007", text))
                elif kind == "good" and found:
                    expected.append((term.id, "G008", text))
    by_line = {t.line: t.id for t in terms}
    got = [(by_line[p.line], p.code, p.message.split("'")[1]) for p in examples(glossary)]
    assert got == expected
    assert ("myanmar", "G007", "เมียนมา") in got and ("taiwan", "G008", "ไปใต้หวัน") in got


# -- 6. one-line errors --------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "message"), [
    ("r20-nul.yaml", "r20-nul.yaml:4: control character U+0000 (YAML does not allow it)"),
    ("r20-header-newline.csv", "r20-header-newline.csv:1: unknown column 'tar\\nget' "
     "(expected: id, target, source, forbidden, allowed, note, case_sensitive, fuzzy, "
     "allow_in_compound, ignore_in, examples)"),
    ("r20-hypothesis-csv-header.csv", f"r20-hypothesis-csv-header.csv:1: {UNCLOSED}"),
])
def test_glossary_errors_are_one_line(name: str, message: str):
    run = termcheck("lint", "-g", str(SHIPPED_GLOSSARY), "-g", name, "-f", "concise",
                    "r10-draft.txt")
    assert run.returncode == 2
    assert lines(run.stderr) == [f"termcheck: error: {message}"]
    assert "r10-draft.txt:1:7: TC001" in run.stdout  # the other glossary and the draft: used


def test_quoted_text_cannot_break_an_error_line(tmp_path: Path):
    path = tmp_path / "g.yaml"
    path.write_text('version: 1\nterms:\n  - {id: a, target: ก, fuzzy: "yes\\nno\\u001b[31m"}\n',
                    encoding="utf-8")
    _, errors = load_glossaries([path])
    assert [str(e) for e in errors] == [
        f"{path}:3: field 'fuzzy' must be true or false, not 'yes\\nno\\x1b[31m'"]
    assert str(GlossaryError("a\nb.csv", 2, "x\r\u202ey")) == "a\\nb.csv:2: x\\r\\u202ey"
    assert str(Problem("g.yaml", 1, "G005", "'ก\u2028'")) == "g.yaml:1: G005 'ก\\u2028'"
    assert one_line("ไต้หวัน\tok") == "ไต้หวัน\\tok"


# -- 7. bad input no longer accepted silently ----------------------------------------------------

def test_duplicate_keys_in_a_yaml_term():
    run = termcheck("glossary", "check", "r23-dupkeys.yaml")
    assert run.returncode == 1
    assert lines(run.stdout) == ["r23-dupkeys.yaml:5: G001 field 'target' given twice (first "
                                 "at line 4)"]
    assert lines(run.stderr) == ["1 problem in 1 glossary."]
    glossary, errors = load_glossaries([HERE / "r23-dupkeys.yaml"])
    assert not glossary.terms and [e.line for e in errors] == [5]


@pytest.mark.parametrize(("text", "error"), [
    ("version: 1\nterms:\n  - {id: a, target: ก}\nterms:\n  - {id: b, target: ข}\n",
     "4: field 'terms' given twice (first at line 2)"),
    ("version: 1\nterms:\n  - id: a\n    target: ก\n    examples: {bad: [x], bad: [y]}\n",
     "5: field 'bad' given twice (first at line 5)"),
])
def test_duplicate_keys_elsewhere(tmp_path: Path, text: str, error: str):
    path = tmp_path / "g.yaml"
    path.write_text(text, encoding="utf-8")
    glossary, errors = load_glossaries([path])
    assert [str(e) for e in errors] == [f"{path}:{error}"] and not glossary.terms


def _po(pairs: list[tuple[str, str]]) -> str:
    body = "".join(f'\nmsgid "{s}"\nmsgstr "{t}"\n' for s, t in pairs)
    return 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + body


def test_suggest_reports_the_files_it_cannot_read(folder: Path):
    (folder / "th.po").write_text(_po([
        ("Open file", "เปิดแฟ้ม"), ("Save file", "บันทึกแฟ้ม"), ("Delete file", "ลบแฟ้ม"),
        ("Rename file", "เปลี่ยนชื่อแฟ้ม"), ("Copy file", "คัดลอกแฟ้ม"),
        ("Move file", "ย้ายไฟล์"), ("Print file", "พิมพ์ไฟล์")]), encoding="utf-8")
    (folder / "blob.po").write_bytes(b"\x00\xff\x00\xff")
    (folder / "bad.po").write_text('msgid ""\nmsgstr "x\n', encoding="utf-8")
    shutil.copy(HERE / "r11-broken.yaml", folder)
    run = termcheck("glossary", "suggest", "missing.po", "blob.po", "bad.po", "th.po",
                    "-g", "r11-broken.yaml", cwd=folder)
    assert run.returncode == 2, run.stderr
    assert lines(run.stderr) == [
        "termcheck: error: r11-broken.yaml:5: YAML syntax error: found unexpected end of stream",
        "termcheck: error: missing.po: no such file or folder",
        "termcheck: error: blob.po: binary file (contains NUL bytes), not a text draft",
        "termcheck: error: bad.po:2: syntax error: unterminated string (no closing quote on "
        "this line)"]
    assert "  - id: file\n" in run.stdout and 'target: "แฟ้ม"' in run.stdout
    good = termcheck("glossary", "suggest", "th.po", cwd=folder)
    assert good.returncode == 0 and good.stderr == "" and "  - id: file\n" in good.stdout


# -- 8. a missing PO compendium; paths that are no file ------------------------------------------

def test_import_of_a_missing_po(folder: Path):
    result = cli("glossary", "import", "missing.po", "dest.yaml")
    assert result.exit_code == 2
    assert lines(result.stderr) == ["termcheck: error: missing.po: glossary file not found"]
    assert not (folder / "dest.yaml").exists()


@pytest.fixture()
def odd_paths(folder: Path) -> Path:
    """A folder, FIFOs and a symbolic link to /dev/zero, each named like a glossary."""
    (folder / "dir.yaml").mkdir()
    for name in ("pipe.yaml", "pipe.csv", "pipe.tbx", "pipe.po", "pipe.xlsx"):
        os.mkfifo(folder / name)
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    os.symlink("/dev/zero", folder / "zero.yaml")
    os.symlink("/dev/zero", folder / "zero.tbx")
    return folder


_KIND = {"dir": "a folder", "pipe": "a FIFO", "zero": "a device"}


@pytest.mark.parametrize("name", ["dir.yaml", "pipe.yaml", "pipe.csv", "zero.yaml"])
def test_lint_with_an_odd_glossary_still_checks_the_draft(odd_paths: Path, name: str):
    run = termcheck("lint", "-g", "g.yaml", "-g", name, "-f", "concise", "d.txt",
                    cwd=odd_paths, timeout=30)
    assert run.returncode == 2
    assert lines(run.stderr) == [f"termcheck: error: {name}: not a regular file "
                                 f"({_KIND[name.split('.')[0]]})"]
    assert lines(run.stdout) == ["d.txt:1:3: TC001 forbidden form 'เมียนมาร์': use 'เมียนมา'"]


@pytest.mark.parametrize("name", ["dir.yaml", "pipe.yaml", "pipe.csv", "pipe.tbx", "pipe.po",
                                  "pipe.xlsx", "zero.yaml", "zero.tbx"])
def test_import_check_export_stats_refuse_odd_paths(odd_paths: Path, name: str):
    error = f"{name}: not a regular file ({_KIND[name.split('.')[0]]})"
    before = files_in(odd_paths)
    run = termcheck("glossary", "import", name, "out.yaml", cwd=odd_paths, timeout=30)
    assert (run.returncode, lines(run.stderr)) == (2, [f"termcheck: error: {error}"])
    if name.endswith((".yaml", ".csv")):
        run = termcheck("glossary", "check", name, "g.yaml", cwd=odd_paths, timeout=30)
        assert (run.returncode, lines(run.stdout)) == (2, [error.replace(": ", ": G000 ", 1)])
        run = termcheck("glossary", "export", "g.yaml", name, "out.tbx", cwd=odd_paths,
                        timeout=30)
        assert (run.returncode, lines(run.stderr)) == (2, [f"termcheck: error: {error}"])
        run = termcheck("glossary", "stats", name, "d.txt", cwd=odd_paths, timeout=30)
        assert (run.returncode, lines(run.stderr)) == (2, [f"termcheck: error: {error}"])
    assert files_in(odd_paths) == before  # nothing written, nothing read away


# -- large and deep TBX files (linear now; the results as before) -------------------------------

def test_duplicate_ids_are_numbered_as_before():
    from termcheck.glossary.formats.common import finalize

    drafts = [({"id": "a", "target": "ก"}, 1), ({"id": "a", "target": "ข"}, 2),
              ({"id": "a-2", "target": "ค"}, 3), ({"id": "a", "target": "ฆ"}, 4),
              ({"source": ["a"], "target": "ง"}, 5), ({"source": ["a"], "target": "จ"}, 6)]
    messages: list[str] = []
    terms = finalize(drafts, "g.csv", messages)
    assert [t.id for t in terms] == ["a", "a-3", "a-2", "a-4", "a-5", "a-6"]
    assert messages == ["g.csv:2: renamed duplicate id 'a' to 'a-3' (first at line 1)",
                        "g.csv:4: renamed duplicate id 'a' to 'a-4' (first at line 1)"]


def test_tbx_entry_lines_and_notes_inside_notes(tmp_path: Path):
    entry = ('<conceptEntry id="{id}"><note>{note}</note>\n<langSec xml:lang="th"><termSec>'
             '<term>{term}</term></termSec></langSec></conceptEntry>\n')
    path = tmp_path / "g.tbx"
    path.write_text('<?xml version="1.0"?>\n<tbx>\n<text><body>\n'
                    + entry.format(id="a", note="one", term="ก")
                    + "\n\n" + entry.format(id="b", note="out<note>in</note>", term="ข")
                    + entry.format(id="c", note="", term="ค") + "</body></text></tbx>\n",
                    encoding="utf-8")
    glossary, _ = import_glossary(path)
    assert [(t.id, t.line, t.note) for t in glossary.terms] == [
        ("a", 4, "one"), ("b", 8, "outin"), ("c", 10, "")]
