"""Regression tests for the outside audit's reproducers (../shared/reliability, copied into
tests/data/reliability so that they run everywhere): each one ends with findings or a
one-line error, never a traceback, a hang or a silent loss."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from support import DATA, SHARED, SHIPPED_GLOSSARY
from termcheck.thai.fold import fold, fold_with_map

HERE = DATA / "reliability"
REALDATA = SHARED / "realdata"
ENV = {**os.environ, "PYTHAINLP_READ_ONLY": "1", "NO_COLOR": "1"}


def termcheck(*args: str, cwd: Path = HERE, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "termcheck", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True, timeout=timeout, check=False)


# -- issue 10.1: the fuzzy key and its offset map agree on any text -------------------------

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("กขคไใ่้็์ะาำ\n\r\0 -.()ab1"), max_size=30)
       | st.text(max_size=30))
@example("ก\n\nราย")
@example("ข\0ข")
def test_fold_and_its_map_agree(text: str):
    key, first, last = fold_with_map(text)
    assert fold(text) == key
    assert len(first) == len(last) == len(key)
    assert all(0 <= a <= b < len(text) for a, b in zip(first, last, strict=True))
    assert first == sorted(first) and all(b < a for b, a in zip(last, first[1:], strict=False))


@pytest.mark.parametrize(("name", "where"), [
    ("r01-blankline-crash.po", "6:14"),  # was an IndexError
    ("r01-blankline-crash.xlf", "3:1"),
    ("r01-blankline-miss.po", "6:14"),  # was silently not reported
    ("r01-singleline-found.po", "6:12"),
    ("r06-late-nul.txt", "31:3"),  # a NUL after the first 8 KiB
])
def test_blank_lines_and_nuls_inside_a_string(name: str, where: str):
    run = termcheck("lint", "-f", "concise", "-g", str(SHIPPED_GLOSSARY), name)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert f"{name}:{where}: TC002 'ใต้หวัน' looks like a misspelling of 'ไต้หวัน'" in run.stdout


@pytest.mark.parametrize("name", ["r01-fuzz-po-near.po", "r01-fuzz-xliff-near.xlf"])
def test_fuzzed_strings_with_blank_lines(name: str):
    run = termcheck("lint", "-f", "concise", "-g", str(SHIPPED_GLOSSARY), name)
    assert run.returncode in (0, 1) and run.stderr == "", run.stderr


def test_blank_lines_before_a_near_miss_in_the_engine(shipped_linter):
    # the scanner on a segment with \n\n before and after the near-miss, directly
    for text in ("\n\nใต้หวัน", "ก\n\nใต้หวันครับ\n\nx", "ใต้หวัน\n\n"):
        findings = shipped_linter.lint_text("x.xlf", '<xliff version="1.2"><file><body>'
                                            '<trans-unit id="1"><source>Taiwan</source>'
                                            f"<target>{text}</target></trans-unit></body>"
                                            "</file></xliff>").findings
        assert [f.found for f in findings if f.rule == "TC002"] == ["ใต้หวัน"], text


@pytest.mark.skipif(not (REALDATA / "opentle-glossary").is_dir(),
                    reason="../shared/realdata is absent")
def test_the_real_debian_apt_crash(tmp_path: Path):
    """Debian APT's th.po with the OpenTLE glossary as `glossary import` writes it."""
    glossary = tmp_path / "opentle.yaml"
    source = REALDATA / "opentle-glossary" / "all_glossary.utf8.csv"
    assert termcheck("glossary", "import", str(source), str(glossary)).returncode == 0
    minimal = termcheck("lint", "-g", str(glossary), "r01-opentle-min-segment.txt")
    assert minimal.returncode in (0, 1) and "Traceback" not in minimal.stderr, minimal.stderr
    apt = termcheck("lint", "-f", "concise", "-g", str(glossary),
                    str(REALDATA / "debian-apt" / "th.po"), timeout=300)
    assert apt.returncode == 1 and "Traceback" not in apt.stderr, apt.stderr
    assert apt.stdout.count("\n") > 10
