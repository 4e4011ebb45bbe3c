"""The compiled-glossary cache (termcheck.cache): a second run reads what the first compiled,
any change to the glossary is a miss, a broken entry is rebuilt, two runs racing are safe,
a folder that cannot be written is no cache, and --no-cache bypasses it."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from support import DRAFT, SHIPPED_GLOSSARY, SMALL_GLOSSARY
from termcheck import cache
from termcheck.engine import PARALLEL_MIN_FILES, load
from termcheck.match import index as index_module
from termcheck.settings import Settings


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own."""
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(where))
    return where


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the glossaries compiled (TermIndex built) in this process."""
    made: list[int] = []
    original = index_module.TermIndex.__init__

    def counting(self, *args, **kwargs):
        made.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(index_module.TermIndex, "__init__", counting)
    return made


def _findings(glossary: Path, text: str, settings: Settings | None = None) -> list[dict]:
    settings = settings or Settings(glossaries=(glossary,))
    linter, errors = load(settings)
    result = linter.lint_text("draft.txt", text)
    return [f.to_dict() for f in result.findings] + [{"error": str(e)} for e in errors]


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("glossary-*.pickle"))


def test_a_second_run_reads_the_compiled_glossary(folder: Path, builds: list[int]):
    text = DRAFT.read_text(encoding="utf-8")
    first = _findings(SHIPPED_GLOSSARY, text)
    assert len(builds) == 1 and len(_entries(folder)) == 1
    second = _findings(SHIPPED_GLOSSARY, text)
    assert len(builds) == 1  # not compiled again
    assert second == first and len(first) > 5


def test_a_changed_glossary_is_compiled_again(folder: Path, builds: list[int], tmp_path: Path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(SMALL_GLOSSARY, encoding="utf-8")
    assert [f["found"] for f in _findings(glossary, "ข่าวใต้หวันวันนี้")] == ["ใต้หวัน"]
    glossary.write_text(SMALL_GLOSSARY.replace("[ใต้หวัน]", "[ไต้หวั่น]"), encoding="utf-8")
    assert [f["found"] for f in _findings(glossary, "ข่าวไต้หวั่นวันนี้")] == ["ไต้หวั่น"]
    assert len(builds) == 2 and len(_entries(folder)) == 2
    # the scale of the near-miss budgets is part of the compiled glossary too
    _findings(glossary, "x", Settings(glossaries=(glossary,), fuzzy_scale=1.5))
    assert len(builds) == 3


def test_glossary_errors_are_reported_from_the_cache_too(folder: Path, builds: list[int],
                                                          tmp_path: Path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(SMALL_GLOSSARY + "  - id: taiwan\n    target: ซ้ำ\n", encoding="utf-8")
    first = _findings(glossary, "ใต้หวัน")
    assert any("duplicate id" in f.get("error", "") for f in first)
    assert _findings(glossary, "ใต้หวัน") == first and len(builds) == 1


@pytest.mark.parametrize("damage", [b"", b"not a pickle", "truncated", "foreign"])
def test_a_broken_entry_is_rebuilt(folder: Path, builds: list[int], damage):
    text = DRAFT.read_text(encoding="utf-8")
    first = _findings(SHIPPED_GLOSSARY, text)
    [entry] = _entries(folder)
    data = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(data[:len(data) // 2])
    elif damage == "foreign":  # a valid pickle, but not an entry of this key
        entry.write_bytes(pickle.dumps(((cache.FORMAT, "glossary", "other"), None)))
    else:
        entry.write_bytes(damage)
    assert _findings(SHIPPED_GLOSSARY, text) == first
    assert len(builds) == 2
    with open(entry, "rb") as handle:  # written again, whole
        assert pickle.load(handle)[0][:2] == (cache.FORMAT, "glossary")
    assert _findings(SHIPPED_GLOSSARY, text) == first and len(builds) == 2


def test_no_cache_neither_reads_nor_writes(folder: Path, builds: list[int]):
    settings = Settings(glossaries=(SHIPPED_GLOSSARY,), cache=False)
    try:
        first = _findings(SHIPPED_GLOSSARY, "ใต้หวัน", settings)
        _findings(SHIPPED_GLOSSARY, "ใต้หวัน", settings)
    finally:
        cache.set_enabled(True)
    assert len(builds) == 2 and not folder.exists()
    assert _findings(SHIPPED_GLOSSARY, "ใต้หวัน") == first


def test_a_folder_that_cannot_be_written_is_no_cache(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     builds: list[int]):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    first = _findings(SHIPPED_GLOSSARY, "ใต้หวัน")
    assert _findings(SHIPPED_GLOSSARY, "ใต้หวัน") == first and len(builds) == 2
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_old_entries_are_pruned(folder: Path):
    for n in range(cache.KEEP + 3):
        assert cache.store("glossary", f"k{n:02d}", n)
        os.utime(folder / f"glossary-k{n:02d}.pickle", ns=(n * 10**9, n * 10**9))
    cache.store("glossary", "last", "x")
    kept = _entries(folder)
    assert len(kept) == cache.KEEP and folder / "glossary-last.pickle" in kept
    assert folder / "glossary-k00.pickle" not in kept
    assert not list(folder.glob(".*.tmp"))  # no temporary file left behind


def test_data_is_kept_and_rebuilt_when_broken(folder: Path):
    made: list[int] = []

    def build() -> frozenset[str]:
        made.append(1)
        return frozenset({"ไต้หวัน", "ตำรวจ"})

    assert cache.data("words", "v1", build) == {"ไต้หวัน", "ตำรวจ"}
    assert cache.data("words", "v1", build) == {"ไต้หวัน", "ตำรวจ"} and len(made) == 1
    [path] = folder.glob("data-words-*.marshal")
    path.write_bytes(b"\x00garbage")
    assert cache.data("words", "v1", build) == {"ไต้หวัน", "ตำรวจ"} and len(made) == 2
    assert cache.data("words", "v2", build) == {"ไต้หวัน", "ตำรวจ"} and len(made) == 3


def test_runs_that_race_are_safe(folder: Path, tmp_path: Path):
    """Four runs start at once on an empty cache: all give the same report, and the entry
    they leave is whole."""
    env = {**os.environ, "PYTHAINLP_READ_ONLY": "1"}
    command = [sys.executable, "-m", "termcheck", "lint", "--format", "json", str(DRAFT)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, env=env, cwd=tmp_path)
            for _ in range(4)]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert all(run.returncode == 1 for run in runs)
    assert len(set(outputs)) == 1 and b'"TC001"' in outputs[0]
    [entry] = _entries(folder)
    with open(entry, "rb") as handle:
        tag, _payload = pickle.load(handle)
    assert tag[:2] == (cache.FORMAT, "glossary")
    assert not list(folder.glob(".*.tmp"))
    again = subprocess.run(command, capture_output=True, env=env, cwd=tmp_path, timeout=120)
    assert again.stdout == outputs[0]


def test_the_no_cache_option(folder: Path, tmp_path: Path):
    env = {**os.environ, "PYTHAINLP_READ_ONLY": "1"}
    command = [sys.executable, "-m", "termcheck", "lint", "--no-cache", str(DRAFT)]
    done = subprocess.run(command, capture_output=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 1 and b"TC001" in done.stdout
    assert not folder.exists()


def test_workers_share_the_compiled_glossary(tmp_path: Path, folder: Path):
    """--jobs: the workers are forked after the glossary is compiled and never compile it
    themselves (on Linux; elsewhere they read the cache)."""
    if sys.platform != "linux":
        pytest.skip("workers are forked on Linux only")
    from termcheck.thai import lexicon

    text = DRAFT.read_text(encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for n in range(PARALLEL_MIN_FILES + 4):
        (drafts / f"d{n:02d}.md").write_text(text, encoding="utf-8")
    # a glossary of its own, so that no earlier test has loaded its segmenter dictionary
    glossary = tmp_path / "g.yaml"
    glossary.write_text(SHIPPED_GLOSSARY.read_text(encoding="utf-8") + (
        "  - id: only-here\n    target: คำเฉพาะการทดสอบนี้\n"), encoding="utf-8")
    linter, _ = load(Settings(glossaries=(glossary,), cache=False))
    cache.set_enabled(True)
    marker = tmp_path / "compiled-in"
    compile_index = index_module.TermIndex.__init__
    load_dictionary = lexicon._load_nlpo3_dict

    def recording(what, original):  # forked workers inherit these
        def record(*args, **kwargs):
            with open(marker, "a", encoding="utf-8") as handle:
                handle.write(f"{what} {os.getpid()}\n")
            return original(*args, **kwargs)
        return record

    index_module.TermIndex.__init__ = recording("compile", compile_index)  # type: ignore
    lexicon._load_nlpo3_dict = recording("dictionary", load_dictionary)
    try:
        many = linter.lint([str(drafts)], jobs=2)
    finally:
        index_module.TermIndex.__init__ = compile_index  # type: ignore[method-assign]
        lexicon._load_nlpo3_dict = load_dictionary
    assert many.files_checked == PARALLEL_MIN_FILES + 4 and many.findings
    # the parent loaded the segmenter's dictionary once before forking; no worker compiled
    # the glossary or loaded the dictionary
    assert marker.read_text(encoding="utf-8").split() == ["dictionary", str(os.getpid())]


def test_a_glossary_changed_while_it_is_compiled_is_not_stored(folder: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch):
    """The key is read before the files are loaded: an edit in between would store the new
    glossary under the old content's key."""
    from termcheck.glossary import load as loader

    glossary = tmp_path / "g.yaml"
    glossary.write_text(SMALL_GLOSSARY, encoding="utf-8")
    original = loader.load_glossaries

    def editing(paths, **kwargs):
        found = original(paths, **kwargs)
        glossary.write_text(SMALL_GLOSSARY.replace("[ใต้หวัน]", "[ใต้หวั่น]"), encoding="utf-8")
        return found

    monkeypatch.setattr(loader, "load_glossaries", editing)
    _findings(glossary, "ใต้หวัน")
    assert not _entries(folder)


def test_a_folder_others_may_write_is_not_read(folder: Path, builds: list[int]):
    if not hasattr(os, "getuid"):
        pytest.skip("POSIX permissions")
    _findings(SHIPPED_GLOSSARY, "ใต้หวัน")
    folder.chmod(0o777)
    try:
        _findings(SHIPPED_GLOSSARY, "ใต้หวัน")
    finally:
        folder.chmod(0o755)
    assert len(builds) == 2  # compiled again: the entry there was not trusted
    _findings(SHIPPED_GLOSSARY, "ใต้หวัน")
    assert len(builds) == 2


def test_a_killed_runs_temporary_file_is_removed(folder: Path):
    cache.store("glossary", "a", 1)
    stale, fresh = folder / ".glossary-old.tmp", folder / ".glossary-new.tmp"
    stale.write_bytes(b"half an entry")
    fresh.write_bytes(b"being written")
    os.utime(stale, (0, 0))
    cache.store("glossary", "b", 2)
    assert not stale.exists() and fresh.exists()
