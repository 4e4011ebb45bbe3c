"""The bad-input matrix (tests/data/bad-input.yaml), through the real command line.

Each kind of bad input runs `python -m termcheck ...` in a subprocess, in a fresh folder with
the files it lists, with a timeout (a hang fails the test): the exit code, every line on
stderr (one line an error, nothing else), what must still be on stdout, and the files that
must be left as they were.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from support import DATA

MATRIX = yaml.safe_load((DATA / "bad-input.yaml").read_text(encoding="utf-8"))["kinds"]
GLOSSARY = ("version: 1\nterms:\n"
            "  - {id: myanmar, target: เมียนมา, forbidden: [เมียนมาร์]}\n"
            "  - {id: taiwan, target: ไต้หวัน, source: [Taiwan]}\n")
GOOD = ("good.txt", "ไปเมียนมาร์\n")  # one TC001 at 1:3
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
TIMEOUT = 60


def _name(name: str) -> bytes:
    """A file name of the matrix as bytes: \\xNN escapes stand for bytes (names that are
    not UTF-8)."""
    return re.sub(rb"\\x([0-9a-f]{2})", lambda m: bytes([int(m.group(1), 16)]),
                  name.encode("utf-8"))


def _make(folder: Path, name: str, spec: Any) -> None:
    path = os.path.join(os.fsencode(folder), _name(name))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    spec = {"text": spec} if isinstance(spec, str) else spec
    if spec.get("folder"):
        os.makedirs(path, exist_ok=True)
    elif spec.get("fifo"):
        os.mkfifo(path)
    elif "symlink" in spec:
        os.symlink(spec["symlink"], path)
    else:
        if "hex" in spec:
            data = bytes.fromhex(spec["hex"])
        elif "repeat" in spec:
            text, count = spec["repeat"]
            data = (text * count + "\n").encode("utf-8")
        else:
            data = spec["text"].encode("utf-8")
        with open(path, "wb") as handle:
            handle.write(data)
    if "mode" in spec:
        os.chmod(path, spec["mode"])


def _args(args: list[str]) -> list[str]:
    return [{"GOOD": GOOD[0], "GLOSSARY": "glossary.yaml"}.get(a, a) for a in args]


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("case", MATRIX, ids=[c["kind"] for c in MATRIX])
def test_bad_input(case: dict, tmp_path: Path):
    if case.get("root") is False and ROOT:
        pytest.skip("permissions do not apply to root")
    (tmp_path / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / GOOD[0]).write_text(GOOD[1], encoding="utf-8")
    for name, spec in (case.get("files") or {}).items():
        _make(tmp_path, name, spec)
    before = {name: (tmp_path / name).read_bytes() for name in case.get("untouched", [])}
    env = {**os.environ, "PYTHAINLP_READ_ONLY": "1", "NO_COLOR": "1", "COLUMNS": "200"}
    try:
        run = subprocess.run([sys.executable, "-m", "termcheck", *_args(case["args"])],
                             cwd=tmp_path, env=env, capture_output=True, timeout=TIMEOUT,
                             stdin=subprocess.DEVNULL, check=False)
    finally:
        for path in tmp_path.rglob("*"):  # let pytest clean up what was made unreadable
            if not path.is_symlink():
                path.chmod(0o755)
    stdout = run.stdout.decode("utf-8", "replace")
    stderr = run.stderr.decode("utf-8", "replace")
    where = f"{case['kind']}: exit {run.returncode}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    assert "Traceback" not in stderr, where
    assert run.returncode == case["exit"], where
    wanted = [re.compile(pattern) for pattern in case.get("stderr", [])]
    lines = _lines(stderr)
    for line in lines:  # one line an error, and nothing unexpected
        assert any(p.fullmatch(line) for p in wanted), f"unexpected stderr line {line!r}\n{where}"
    for pattern in wanted:
        assert any(pattern.fullmatch(line) for line in lines), (
            f"no line {pattern.pattern!r}\n{where}")
    for pattern in case.get("stdout", []):
        assert any(re.fullmatch(pattern, line) for line in _lines(stdout)), (
            f"no stdout line {pattern!r}\n{where}")
    if case.get("checked"):
        assert "เมียนมาร์" in stdout, f"the good draft was not checked\n{where}"
    for name, data in before.items():
        assert (tmp_path / name).read_bytes() == data, f"{name} was changed\n{where}"
