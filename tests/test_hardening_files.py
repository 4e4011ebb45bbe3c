"""Files and paths on the drafts side (the hardening issue): what a folder walk may meet
(FIFOs, devices, unreadable folders, names that are not UTF-8, links), how big a draft may
be, what a file's bytes are called, and what `fix` keeps of the file it replaces.

Most tests run the real command line in a subprocess with a timeout (a hang fails the
test) and check the exit code, every line of stderr and the files on disk.  Permission tests
need a user that permissions apply to: as root they run under `capsh` without the
capabilities that override permissions, or are skipped; a monkeypatched os.scandir covers
the unreadable-folder path whoever runs the tests.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import NamedTuple

import pytest
from typer.testing import CliRunner

from termcheck import fileio
from termcheck.cli import app
from termcheck.fileio import MAX_FILE_BYTES, LinkedFileError, atomic_write, read_file
from termcheck.files import display_path, expand, select_files
from termcheck.readers import MAX_LINE, ReadError, decode
from termcheck.settings import Settings

GLOSSARY = ("version: 1\nterms:\n"
            "  - {id: myanmar, target: เมียนมา, forbidden: [เมียนมาร์]}\n")
DIRTY = "ไปเมียนมาร์\n"  # one TC001 at 1:3
CLEAN = "ไปเมียนมา\n"
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
TIMEOUT = 60
ENV = {**os.environ, "PYTHAINLP_READ_ONLY": "1", "NO_COLOR": "1", "COLUMNS": "200"}
DAC_CAPS = "--drop=cap_dac_override,cap_dac_read_search"
FINDING = re.compile(r"(?P<path>.+):1:3: TC001 .*")


class Run(NamedTuple):
    code: int
    stdout: str
    stderr: list[str]


def termcheck(*args: str | bytes, cwd: Path, prefix: list[str] | None = None,
              stdin: bytes | None = None) -> Run:
    """`python -m termcheck ARGS` in `cwd`; its output must be UTF-8 and hold no traceback."""
    done = subprocess.run([*(prefix or []), sys.executable, "-m", "termcheck", *args],
                          cwd=cwd, env=ENV, capture_output=True, timeout=TIMEOUT,
                          input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
                          check=False)
    stderr = done.stderr.decode("utf-8")  # strict: a name that is not UTF-8 is escaped
    assert "Traceback" not in stderr, stderr
    return Run(done.returncode, done.stdout.decode("utf-8"), stderr.splitlines())


def errors(*lines: str) -> list[str]:
    return sorted(f"termcheck: error: {line}" for line in lines)


def found_in(stdout: str) -> list[str]:
    """The paths of the TC001 findings of a concise report."""
    return [m["path"] for line in stdout.splitlines() if (m := FINDING.fullmatch(line))]


@pytest.fixture
def tree(tmp_path: Path):
    """A folder with the glossary; `make(name, text)` writes a draft (a bytes name is a name
    that may not be UTF-8).  Every permission is given back afterwards for the clean-up."""
    (tmp_path / "g.yaml").write_text(GLOSSARY, encoding="utf-8")

    def make(name: str | bytes, text: str = DIRTY) -> bytes:
        path = os.path.join(os.fsencode(tmp_path), os.fsencode(name))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(text.encode("utf-8"))
        return path

    yield tmp_path, make
    for root, dirs, _ in os.walk(tmp_path):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
    for root, _, files in os.walk(tmp_path):
        for name in files:
            full = os.path.join(root, name)
            if not os.path.islink(full):
                os.chmod(full, 0o644)


@functools.cache
def unprivileged() -> list[str] | None:
    """A command prefix under which file permissions apply: none for a user; as root, capsh
    without the capabilities that override them; None when there is no such way."""
    if not ROOT:
        return []
    capsh = shutil.which("capsh")
    if capsh is None:
        return None
    prefix = [capsh, DAC_CAPS, "--", "-c", 'exec "$@"', "capsh"]
    with tempfile.TemporaryDirectory() as folder:
        locked = Path(folder) / "locked"
        locked.write_text("x")
        locked.chmod(0)
        probe = subprocess.run([*prefix, "test", "-r", str(locked)], capture_output=True,
                               check=False, timeout=TIMEOUT)
    return prefix if probe.returncode == 1 else None


def needs_permissions() -> list[str]:
    prefix = unprivileged()
    if prefix is None:
        pytest.skip("permissions do not apply to root (and capsh cannot drop them)")
    return prefix


def run_in_process(*args: str, monkeypatch: pytest.MonkeyPatch, cwd: Path,
                   input: bytes | None = None):
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(app, list(args), input=input,
                                env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception))
    return result


# -- 1. what is not a regular file, and how much is read ------------------------------------

def test_fifo_and_dev_zero_symlink_in_a_folder_are_errors_and_the_rest_is_checked(tree):
    root, make = tree
    make("drafts/ok.txt")
    os.mkfifo(root / "drafts" / "pipe.md")
    os.symlink("/dev/zero", root / "drafts" / "zero.txt")
    for command in ("lint", "fix"):
        extra = ["-f", "concise"] if command == "lint" else ["--dry-run"]
        run = termcheck(command, "-g", "g.yaml", *extra, "drafts", cwd=root)
        assert run.code == 2, run
        shown = sorted(line for line in run.stderr if line.startswith("termcheck: error:"))
        assert shown == errors("drafts/pipe.md: not a regular file",
                               "drafts/zero.txt: not a regular file"), run
    assert found_in(termcheck("lint", "-g", "g.yaml", "-f", "concise", "drafts",
                              cwd=root).stdout) == ["drafts/ok.txt"]


def test_a_socket_in_a_folder_is_not_a_regular_file(tree, tmp_path_factory):
    root, make = tree
    make("d/ok.txt")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(root / "d" / "s.md"))
    except OSError as exc:  # a path too long for a socket address
        pytest.skip(f"cannot make a socket here: {exc}")
    try:
        run = termcheck("lint", "-g", "g.yaml", "-f", "concise", "d", cwd=root)
    finally:
        server.close()
    assert (run.code, run.stderr) == (2, errors("d/s.md: not a regular file")), run
    assert found_in(run.stdout) == ["d/ok.txt"]


def test_a_fifo_put_in_place_after_the_check_does_not_block(tree, monkeypatch):
    """read_file checks the file it opened (fstat), and opens without blocking: a FIFO that
    replaced a regular file between stat and open is refused, not waited on."""
    root, _ = tree
    pipe = root / "late.md"
    os.mkfifo(pipe)
    real_stat = os.stat

    def regular(path, *args, **kwargs):
        info = real_stat(path, *args, **kwargs)
        if os.fspath(path) == str(pipe):
            return os.stat_result((stat.S_IFREG | 0o644, *tuple(info)[1:]))
        return info

    monkeypatch.setattr(os, "stat", regular)
    outcome: list[BaseException | bytes] = []

    def read() -> None:
        try:
            outcome.append(read_file(pipe))
        except BaseException as exc:  # handed to the test
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(TIMEOUT)
    assert not reader.is_alive(), "read_file blocked on a FIFO"
    assert isinstance(outcome[0], ReadError) and outcome[0].message == "not a regular file"


def test_a_draft_over_the_size_limit_is_an_error_and_not_read(tree):
    root, make = tree
    make("d/ok.txt")
    with open(root / "d" / "big.txt", "wb") as handle:  # sparse: no disk, no memory
        handle.truncate(MAX_FILE_BYTES + 1)
    make("d/limit.txt", "")
    with open(root / "d" / "limit.txt", "wb") as handle:  # exactly the limit is read
        handle.truncate(MAX_FILE_BYTES)
    run = termcheck("lint", "-g", "g.yaml", "-f", "concise", "d", cwd=root)
    assert MAX_FILE_BYTES == 100 * 2**20
    assert run.code == 2, run
    assert run.stderr == errors("d/big.txt: file is larger than 100 MiB; not checked",
                                "d/limit.txt: binary file (contains NUL bytes), not a "
                                "text draft"), run
    assert found_in(run.stdout) == ["d/ok.txt"]


def test_the_read_is_bounded_where_the_size_says_nothing(tmp_path):
    status = Path("/proc/self/status")  # a regular file of size 0 that is not empty
    if not status.exists():
        pytest.skip("no /proc")
    with pytest.raises(ReadError, match=r"^file is larger than 10 bytes; not checked$"):
        read_file(status, limit=10)
    draft = tmp_path / "a.txt"
    draft.write_bytes(b"x" * 10)
    assert read_file(draft, limit=10) == b"x" * 10
    with pytest.raises(ReadError):
        read_file(draft, limit=9)


def test_standard_input_has_the_same_bound(tree, monkeypatch):
    root, make = tree
    make("ok.txt")
    # the bound of every file read (the glossary's too): room for the glossary, not for stdin
    limit = (root / "g.yaml").stat().st_size + 1
    monkeypatch.setattr(fileio, "MAX_FILE_BYTES", limit)
    result = run_in_process("lint", "-g", "g.yaml", "-f", "concise", "--stdin-filename",
                            "in.txt", "-", "ok.txt", monkeypatch=monkeypatch, cwd=root,
                            input=DIRTY.encode("utf-8") * (limit // len(DIRTY) + 2))
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == errors(f"in.txt: file is larger than {limit:,} "
                                                "bytes; not checked")
    assert found_in(result.stdout) == ["ok.txt"]


# -- 2. folders that cannot be read -----------------------------------------------------------

def test_unreadable_folders_are_errors_and_the_rest_is_checked(tree):
    prefix = needs_permissions()
    root, make = tree
    make("u/ok/a.txt")
    make("u/locked/b.txt")
    os.makedirs(root / "v")
    os.chmod(root / "u" / "locked", 0)
    os.chmod(root / "v", 0)
    run = termcheck("lint", "-g", "g.yaml", "-f", "concise", "u", "v", cwd=root,
                    prefix=prefix)
    assert run.code == 2, run
    assert sorted(run.stderr) == errors("u/locked: cannot read folder: Permission denied",
                                        "v: cannot read folder: Permission denied"), run
    assert found_in(run.stdout) == ["u/ok/a.txt"]
    # the config file's include (and exclude) walk the same way
    (root / "termcheck.toml").write_text('include = ["u/**/*.txt"]\nexclude = ["none"]\n')
    for args in ([], ["u"]):
        run = termcheck("lint", "-g", "g.yaml", "-f", "concise", *args, cwd=root,
                        prefix=prefix)
        assert (run.code, run.stderr) == (2, errors(
            "u/locked: cannot read folder: Permission denied")), run
        assert found_in(run.stdout) == ["u/ok/a.txt"]


def test_a_folder_scandir_cannot_open_is_reported(tree, monkeypatch):
    """Whoever runs the tests (root too): os.scandir failing on a folder, as it does on one
    without permission, is an error naming the folder, argument or sub-folder."""
    root, make = tree
    make("d/ok.txt")
    make("d/locked/b.txt")
    make("top/c.txt")
    real_scandir = os.scandir

    def scandir(path=".", *args):
        if os.path.basename(os.fspath(path)) in ("locked", "top"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run_in_process("lint", "-g", "g.yaml", "-f", "concise", "d", "top",
                            monkeypatch=monkeypatch, cwd=root)
    assert result.exit_code == 2, result.output
    assert sorted(result.stderr.splitlines()) == errors(
        "d/locked: cannot read folder: Permission denied",
        "top: cannot read folder: Permission denied")
    assert found_in(result.stdout) == ["d/ok.txt"]
    settings = Settings(config_path=root / "termcheck.toml", include=("**/*.txt",),
                        exclude=("none",))
    assert "d/locked" in select_files([], settings, cwd=root)
    assert "d/locked" in select_files(["d"], settings, cwd=root)


# -- 3. names that are not UTF-8 -------------------------------------------------------------

def test_display_path_escapes_what_is_not_text():
    assert display_path(os.fsdecode(b"d/\xff.txt")) == "d/\\xff.txt"
    assert display_path(os.fsdecode(b"\xe0\xb8.md")) == "\\xe0\\xb8.md"  # half a Thai letter
    assert display_path("a\nb\x1b[31m.txt") == "a\\x0ab\\x1b[31m.txt"
    assert display_path("x\u202etxt.md") == "x\\u202etxt.md"
    for kept in ("ข่าว/ร่าง.md", "a b.txt", "C:\\docs\\a.md", "\u00a0.txt"):
        assert display_path(kept) == kept


FORMATS = ("human", "concise", "github", "json", "sarif", "html")


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_name_that_is_not_utf8_is_escaped_in_every_format(tree, output_format):
    root, make = tree
    make(b"d/\xff.txt")
    run = termcheck("lint", "-g", "g.yaml", "-f", output_format, "-o", "report", "d",
                    cwd=root)
    assert (run.code, run.stderr) == (1, []), run
    report = (root / "report").read_bytes().decode("utf-8")  # strict
    if output_format == "json":
        assert [f["path"] for f in json.loads(report)["findings"]] == ["d/\\xff.txt"]
    elif output_format == "sarif":
        results = json.loads(report)["runs"][0]["results"]
        assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in results] == ["d/%5Cxff.txt"]
    else:
        assert "d/\\xff.txt" in report
    if output_format in ("json", "concise"):  # on standard output too (strictly UTF-8)
        again = termcheck("lint", "-g", "g.yaml", "-f", output_format, "d", cwd=root)
        assert again.code == 1, again
        assert (again.stdout if output_format == "concise" else json.loads(again.stdout)[
            "findings"][0]["path"]).startswith("d/\\xff.txt"), again


def test_a_name_that_is_not_utf8_is_fixed_under_its_real_name(tree):
    root, make = tree
    real = make(b"d/\xff.txt")
    run = termcheck("fix", "-g", "g.yaml", "d", cwd=root)
    assert (run.code, run.stderr) == (0, ["termcheck: fixed 1, 0 remain"]), run
    with open(real, "rb") as handle:
        assert handle.read().decode("utf-8") == CLEAN
    assert sorted(os.listdir(os.fsencode(root / "d"))) == [b"\xff.txt"]  # nothing else made
    diff = termcheck("fix", "-g", "g.yaml", "--diff", "d", cwd=root)
    assert diff.code == 0 and diff.stdout == ""


def test_two_names_shown_alike_are_not_mixed_up(tree):
    root, make = tree
    escaped = make(b"d/\\xff.txt", CLEAN)  # a name with a real backslash: valid UTF-8
    real = make(b"d/\xff.txt")
    run = termcheck("fix", "-g", "g.yaml", "d", cwd=root)
    assert run.code == 2, run
    assert run.stderr == [*errors("d/\\xff.txt: another file's name is shown the same; not "
                                  "checked (rename one of them)"),
                          "termcheck: fixed 0, 0 remain"], run
    for path, text in ((escaped, CLEAN), (real, DIRTY)):
        with open(path, "rb") as handle:
            assert handle.read().decode("utf-8") == text


def test_a_glossary_name_that_is_not_utf8_is_escaped(tree):
    root, make = tree
    make("ok.txt")
    run = termcheck("lint", "-g", "g.yaml", "-g", b"\xff.yaml", "-f", "json", "ok.txt",
                    cwd=root)
    assert run.code == 2, run
    assert len(run.stderr) == 1 and run.stderr[0].startswith(r"termcheck: error: \xff.yaml: ")
    payload = json.loads(run.stdout)
    assert [e["path"] for e in payload["errors"]] == ["\\xff.yaml"]
    assert [f["path"] for f in payload["findings"]] == ["ok.txt"]


# -- 4. the right words ---------------------------------------------------------------------

def _wide(encoding: str) -> str:
    return f"{encoding} text; termcheck reads UTF-8: convert it (e.g. iconv -f {encoding} -t UTF-8)"


def test_utf16_and_utf32_are_named_not_called_binary(tree):
    root, make = tree
    make("ok.txt")
    drafts = {"bom-le.txt": DIRTY.encode("utf-16"),
              "bom-be.txt": b"\xfe\xff" + DIRTY.encode("utf-16-be"),
              "le.md": "ข่าว ไต้หวัน\n".encode("utf-16-le"),
              "be.po": 'msgid "x"\n'.encode("utf-16-be"),
              "wide.txt": bytes.fromhex("fffe270e300e"),
              "utf32.txt": DIRTY.encode("utf-32"),
              "blob.txt": bytes.fromhex("00010203"),
              "blob.po": bytes.fromhex("00ff00ff")}
    for name, data in drafts.items():
        (root / name).write_bytes(data)
    run = termcheck("lint", "-g", "g.yaml", "-f", "concise", *drafts, "ok.txt", cwd=root)
    binary = "binary file (contains NUL bytes), not a text draft"
    assert run.code == 2, run
    assert sorted(run.stderr) == errors(
        f"bom-le.txt: {_wide('UTF-16')}", f"bom-be.txt: {_wide('UTF-16')}",
        f"le.md: {_wide('UTF-16LE')}", f"be.po: {_wide('UTF-16BE')}",
        f"wide.txt: {_wide('UTF-16')}", f"utf32.txt: {_wide('UTF-32')}",
        f"blob.txt: {binary}", f"blob.po: {binary}"), run
    assert found_in(run.stdout) == ["ok.txt"]


def test_utf8_with_a_bom_is_still_read():
    assert decode(b"\xef\xbb\xbf" + DIRTY.encode("utf-8")) == DIRTY


def test_symbolic_links_that_lead_nowhere_say_so(tree):
    root, make = tree
    make("d/ok.txt")
    os.symlink("loop.md", root / "loop.md")
    os.symlink("loop.md", root / "d" / "loop.md")
    os.symlink("gone.md", root / "dangling.md")
    run = termcheck("lint", "-g", "g.yaml", "-f", "concise", "loop.md", "dangling.md",
                    "missing.md", "d", cwd=root)
    assert run.code == 2, run
    assert sorted(run.stderr) == errors(
        "loop.md: symbolic link loop", "d/loop.md: symbolic link loop",
        "dangling.md: no such file or folder (a symbolic link to nothing)",
        "missing.md: no such file or folder"), run
    assert found_in(run.stdout) == ["d/ok.txt"]


@pytest.mark.parametrize("names", [("twice.txt", "twice.txt"), ("twice.txt", "./twice.txt"),
                                   ("d", "d/twice.txt"), ("d/twice.txt", "d", "link.txt")])
def test_a_file_named_twice_is_checked_and_fixed_once(tree, names):
    root, make = tree
    where = "d/twice.txt" if names[0].startswith("d") else "twice.txt"
    make(where)
    os.symlink(where, root / "link.txt")
    lint = termcheck("lint", "-g", "g.yaml", "-f", "concise", *names, cwd=root)
    first = where if names[0] == "d" else names[0]
    assert (lint.code, lint.stderr, found_in(lint.stdout)) == (1, [], [first]), lint
    run = termcheck("fix", "-g", "g.yaml", *names, cwd=root)
    assert (run.code, run.stderr) == (0, ["termcheck: fixed 1, 0 remain"]), run
    assert (root / where).read_text(encoding="utf-8") == CLEAN
    assert (root / "link.txt").is_symlink()


def test_a_folder_named_twice_is_reported_once(tree):
    root, _ = tree
    (root / "pics").mkdir()
    run = termcheck("lint", "-g", "g.yaml", "pics", "./pics", "pics", cwd=root)
    assert run.code == 2 and len(run.stderr) == 1, run


# -- 5. a glossary that cannot be read -------------------------------------------------------

def test_an_unreadable_glossary_is_one_line_and_the_drafts_are_checked(tree):
    prefix = needs_permissions()
    root, make = tree
    make("ok.txt")
    locked = root / "locked.yaml"
    locked.write_text(GLOSSARY, encoding="utf-8")
    locked.chmod(0)
    run = termcheck("lint", "-g", "g.yaml", "-g", "locked.yaml", "-f", "concise", "ok.txt",
                    cwd=root, prefix=prefix)
    assert run.code == 2, run
    assert len(run.stderr) == 1, run
    assert re.fullmatch(r"termcheck: error: locked\.yaml: .*Permission denied.*",
                        run.stderr[0]), run
    assert found_in(run.stdout) == ["ok.txt"]


def test_click_does_not_judge_whether_a_path_option_is_readable(tree, monkeypatch):
    """As root too: with os.access saying no, -g, --baseline and --output are left to the
    code that reads or writes them (click's check was a three-line usage error)."""
    root, make = tree
    make("ok.txt")
    (root / "report.txt").write_text("old\n")
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    result = run_in_process("lint", "-g", "g.yaml", "-f", "concise", "-o", "report.txt",
                            "ok.txt", monkeypatch=monkeypatch, cwd=root)
    assert (result.exit_code, result.stderr) == (1, ""), result.output
    assert found_in((root / "report.txt").read_text(encoding="utf-8")) == ["ok.txt"]
    result = run_in_process("lint", "-g", "g.yaml", "--write-baseline", "base.json", "ok.txt",
                            monkeypatch=monkeypatch, cwd=root)
    assert result.exit_code == 0, result.output
    result = run_in_process("lint", "-g", "g.yaml", "--baseline", "base.json", "ok.txt",
                            monkeypatch=monkeypatch, cwd=root)
    assert result.exit_code == 0, result.output


# -- 6. what `fix` keeps of the file it replaces ---------------------------------------------

def test_a_file_with_hard_links_is_not_split_unless_forced(tree):
    root, make = tree
    make("a.txt")
    os.link(root / "a.txt", root / "b.txt")
    inode = (root / "a.txt").stat().st_ino
    run = termcheck("fix", "-g", "g.yaml", "a.txt", cwd=root)
    assert run.code == 2, run
    assert run.stderr == [*errors("a.txt: not fixed: it has 2 hard links, which a fix would "
                                  "split (termcheck fix --force fixes this name only; the "
                                  "others keep the old text)"),
                          "termcheck: fixed 0, 1 remain"], run
    assert [(root / n).read_text(encoding="utf-8") for n in ("a.txt", "b.txt")] == [DIRTY] * 2
    assert (root / "a.txt").stat().st_ino == inode and (root / "a.txt").stat().st_nlink == 2
    run = termcheck("lint", "-g", "g.yaml", "--fix", "a.txt", cwd=root)
    assert run.code == 2 and (root / "a.txt").read_text(encoding="utf-8") == DIRTY, run
    run = termcheck("fix", "-g", "g.yaml", "--force", "a.txt", cwd=root)
    assert (run.code, run.stderr) == (0, ["termcheck: fixed 1, 0 remain"]), run
    assert [(root / n).read_text(encoding="utf-8") for n in ("a.txt", "b.txt")] == [
        CLEAN, DIRTY]


def test_both_hard_links_named_with_force_are_both_fixed(tree):
    root, make = tree
    make("a.txt")
    os.link(root / "a.txt", root / "b.txt")
    run = termcheck("fix", "-g", "g.yaml", "--force", "a.txt", "b.txt", cwd=root)
    assert (run.code, run.stderr) == (0, ["termcheck: fixed 2, 0 remain"]), run
    assert [(root / n).read_text(encoding="utf-8") for n in ("a.txt", "b.txt")] == [CLEAN] * 2


def test_atomic_write_refuses_a_linked_file(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old")
    os.link(target, tmp_path / "snapshot.json")
    with pytest.raises(LinkedFileError) as caught:
        atomic_write(target, "new")
    assert caught.value.strerror == "the file has 2 hard links, which replacing it would split"
    assert target.read_text() == "old" and sorted(os.listdir(tmp_path)) == [
        "report.json", "snapshot.json"]
    atomic_write(target, "new", split_links=True)
    assert (target.read_text(), (tmp_path / "snapshot.json").read_text()) == ("new", "old")


@pytest.mark.skipif(not ROOT, reason="only root can give a file to another user")
def test_fix_keeps_the_owner_and_group(tree):
    root, make = tree
    make("a.txt")
    os.chown(root / "a.txt", 4242, 4343)
    os.chmod(root / "a.txt", 0o640)
    inode = (root / "a.txt").stat().st_ino
    run = termcheck("fix", "-g", "g.yaml", "a.txt", cwd=root)
    assert run.code == 0, run
    info = (root / "a.txt").stat()
    assert info.st_ino != inode  # replaced, not written in place
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4242, 4343, 0o640)


def test_an_owner_that_cannot_be_set_keeps_the_group_or_nothing(tmp_path, monkeypatch):
    temp = tmp_path / "t"
    temp.write_text("x")
    mine = temp.stat()
    other = os.stat_result((mine.st_mode, 0, 0, 1, mine.st_uid + 1, mine.st_gid + 1,
                            *tuple(mine)[6:]))
    calls = []

    def chown(path, uid, gid):
        calls.append((uid, gid))
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "chown", chown)
    fileio._copy_owner(other, str(temp))  # no error: the file keeps this process's owner
    assert calls == [(mine.st_uid + 1, mine.st_gid + 1), (-1, mine.st_gid + 1)]


def _xattrs_work(path: Path) -> bool:
    try:
        os.setxattr(path, "user.termcheck.probe", b"1")
    except (AttributeError, OSError):
        return False
    os.removexattr(path, "user.termcheck.probe")
    return True


def test_fix_keeps_extended_attributes(tree):
    root, make = tree
    make("a.txt")
    if not _xattrs_work(root / "a.txt"):
        pytest.skip("no user extended attributes here")
    os.setxattr(root / "a.txt", "user.termcheck.note", "ร่างที่ 2".encode())
    run = termcheck("fix", "-g", "g.yaml", "a.txt", cwd=root)
    assert run.code == 0, run
    assert (root / "a.txt").read_text(encoding="utf-8") == CLEAN
    assert os.getxattr(root / "a.txt", "user.termcheck.note") == "ร่างที่ 2".encode()


def test_an_attribute_refused_is_left_out_and_a_failing_one_loses_nothing(tmp_path,
                                                                           monkeypatch):
    target = tmp_path / "a.txt"
    target.write_text("old")
    if not _xattrs_work(target):
        pytest.skip("no user extended attributes here")
    os.setxattr(target, "user.termcheck.note", b"1")
    real_setxattr = os.setxattr
    monkeypatch.setattr(os, "setxattr", lambda *a, **k: (_ for _ in ()).throw(
        PermissionError(errno.EPERM, "Operation not permitted")))
    atomic_write(target, "new")  # EPERM: the attribute is left out, the text is written
    assert target.read_text() == "new"
    monkeypatch.setattr(os, "setxattr", real_setxattr)
    os.setxattr(target, "user.termcheck.note", b"1")
    monkeypatch.setattr(os, "setxattr", lambda *a, **k: (_ for _ in ()).throw(
        OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, "newer")
    assert target.read_text() == "new" and os.listdir(tmp_path) == ["a.txt"]  # no temp left


# -- 7. what is not checked is not compared ---------------------------------------------------

def test_segments_too_long_to_check_are_left_out_of_the_consistency_analyses(
        tmp_path, monkeypatch, shipped_linter):
    import termcheck.engine as engine

    long_text = "ก" * (MAX_LINE + 1)
    draft = tmp_path / "long.po"
    draft.write_text(f'msgid "Taiwan"\nmsgstr "ไต้หวัน"\n\nmsgid "x"\nmsgstr "{long_text}"\n\n'
                     'msgid "y"\nmsgstr "ไต้หวัน"\n', encoding="utf-8")
    given: list[list[str]] = []
    real = engine.RunContext

    def spy(linter, items):
        given.append([segment.text for _, segment in items])
        return real(linter, items)

    monkeypatch.setattr(engine, "RunContext", spy)
    assert shipped_linter.run_rules, "the consistency rules are on by default"
    result = shipped_linter.lint([str(draft)])
    assert [str(e) for e in result.errors] == [
        f"{draft}:5: line is {MAX_LINE + 1:,} characters long (limit {MAX_LINE:,}); not checked"]
    assert given == [["ไต้หวัน", "ไต้หวัน"]]


def test_expand_gives_the_real_name_and_the_shown_one(tmp_path):
    real = os.path.join(os.fsencode(tmp_path), b"\xff.md")
    with open(real, "wb") as handle:
        handle.write(DIRTY.encode("utf-8"))
    [(shown, path, error)] = list(expand([str(tmp_path)]))
    assert error is None and path is not None
    assert shown == f"{tmp_path}/\\xff.md" and os.fsencode(path) == real
