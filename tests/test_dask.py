"""termcheck.dask on a real `distributed.LocalCluster` of two worker processes: the findings
of a bag of files are the command line's, and a DataFrame column of segments gives each
segment's findings as the API does, with the glossary compiled once per worker."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed")
pd = pytest.importorskip("pandas")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from support import REPO, SHIPPED_GLOSSARY  # noqa: E402
from termcheck import CompiledGlossary  # noqa: E402
from termcheck.dask import INPUT_ERROR, lint_bag, lint_segments  # noqa: E402

DRAFT = REPO / "examples" / "draft.th.md"
KEY = ["path", "line", "column", "rule", "found", "expected"]


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as connected:
        yield connected


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("drafts")
    lines = DRAFT.read_text(encoding="utf-8").split("\n")
    paths = []
    for n in range(12):  # different files: rotate the draft's lines
        path = folder / f"d{n:02d}.md"
        path.write_text("\n".join(lines[n:] + lines[:n]), encoding="utf-8")
        paths.append(path)
    (folder / "broken.txt").write_bytes(b"\xff\xfe bad")
    return [*paths, folder / "broken.txt"]


def test_a_bag_of_files_gives_the_command_lines_findings(client: Client, drafts: list[Path]):
    client.run(_count_compiles)
    bag = db.from_sequence([str(p) for p in drafts], npartitions=6)
    found = lint_bag(bag, [SHIPPED_GLOSSARY]).compute()
    done = subprocess.run([sys.executable, "-m", "termcheck", "lint", "--format", "json",
                           "-g", str(SHIPPED_GLOSSARY), *map(str, drafts)],
                          capture_output=True, text=True, timeout=120)
    report = json.loads(done.stdout)
    want = sorted(tuple(f[k] for k in KEY) for f in report["findings"])
    rows = found[found.rule != INPUT_ERROR]
    assert sorted(rows[KEY].itertuples(index=False, name=None)) == want
    assert len(want) > 50
    errors = found[found.rule == INPUT_ERROR]
    assert list(errors.path) == [str(drafts[-1])]  # the unreadable file is a row, not lost
    # each worker compiled (or read from its cache) the glossary once, whatever the number
    # of partitions it ran
    compiles = client.run(_compiles)
    assert len(compiles) == 2 and all(n <= 1 for n in compiles.values())
    assert sum(compiles.values()) >= 1


def _count_compiles() -> None:
    """In a worker: count the glossaries loaded or compiled from now on."""
    import termcheck.cache

    original = termcheck.cache.compile_glossaries
    calls = termcheck.cache.__dict__.setdefault("test_compiles", [])
    calls.clear()

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    if not getattr(original, "counting", False):
        counting.counting = True  # type: ignore[attr-defined]
        termcheck.cache.compile_glossaries = counting


def _compiles() -> int:
    import termcheck.cache

    return len(termcheck.cache.__dict__.get("test_compiles", []))


def test_a_column_of_segments(client: Client):
    glossary = CompiledGlossary([SHIPPED_GLOSSARY])
    lines = [line for line in DRAFT.read_text(encoding="utf-8").split("\n") if line.strip()]
    frame = pd.DataFrame({"target": lines, "source": ["Taiwan"] * len(lines)},
                         index=pd.RangeIndex(100, 100 + len(lines)))
    found = lint_segments(dd.from_pandas(frame, npartitions=3), "target", glossary).compute()
    want = []
    for label, text in frame["target"].items():
        want += [(label, f.line, f.column, f.rule, f.found)
                 for f in glossary.lint_text(text, "segment.txt").findings]
    assert sorted(found[["segment", "line", "column", "rule", "found"]].itertuples(
        index=False, name=None)) == sorted(want)
    assert len(want) > 10
    # with the source column each pair is a bilingual unit: TC101 where ไต้หวัน is missing
    paired = lint_segments(dd.from_pandas(frame, npartitions=3), "target", glossary,
                           source="source").compute()
    missing = set(paired[paired.rule == "TC101"].segment)
    assert missing == {label for label, text in frame["target"].items()
                       if "ไต้หวัน" not in text and "ใต้หวัน" not in text}
    assert missing and missing != set(frame.index)


def test_segments_with_repeated_row_labels(client: Client):
    """After a concat the labels repeat: each row is still checked with its own source."""
    frame = pd.DataFrame({"target": ["ข่าวจากเกาะ", "ข่าวจากไต้หวัน"],
                          "source": ["News from Taiwan", "News from Taiwan"]}, index=[7, 7])
    found = lint_segments(dd.from_pandas(frame, npartitions=1), "target",
                          [SHIPPED_GLOSSARY], source="source").compute()
    assert list(found.rule) == ["TC101"] and list(found.segment) == [7]
