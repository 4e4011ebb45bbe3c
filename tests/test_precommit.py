"""The pre-commit hook (issue 4 §5), run by the real pre-commit in temporary git repos.

How the hook repo is built: `pre-commit try-repo` clones a git repo at a commit.  Pointed at
the project itself it would see only committed files plus changes to tracked ones (its
shadow commit runs `git add -u`), so an untracked `.pre-commit-hooks.yaml` or a new module
would be missing.  The tests therefore snapshot the working tree (tracked and untracked
files that git does not ignore, less tests/, benchmarks/ and examples/) into a git repo of
their own, committed with fixed names and dates: the same tree always gives the same
commit.

Speed and network: pre-commit installs the hook with pip into a fresh virtualenv.  The
wheels termcheck needs (and hatchling, to build it) are downloaded once into the pytest
cache, and every install after that is offline (PIP_NO_INDEX).  try-repo always installs
into a throwaway store (about 5 s, whatever PRE_COMMIT_HOME says); the content-repo test
uses a PRE_COMMIT_HOME in the pytest cache, so it installs only when the snapshot's commit
changes, that is when the package's files change.  Nothing is written
into the project tree outside .pytest_cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

pytest.importorskip("pre_commit", reason="pre-commit is not installed")
if shutil.which("git") is None:  # pragma: no cover - every CI image has git
    pytest.skip("git is not installed", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[1]
HOOK_ID = "termcheck"
# Not needed to install the hook; left out so that editing them does not invalidate the
# cached hook environment.
NOT_SHIPPED = ("tests/", "benchmarks/", "examples/")
STALE_AFTER = 15 * 60  # seconds unused before another snapshot's leftovers are removed
FIXED_DATE = "2000-01-01T00:00:00+0000"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "termcheck tests", "GIT_AUTHOR_EMAIL": "tests@termcheck.invalid",
    "GIT_COMMITTER_NAME": "termcheck tests", "GIT_COMMITTER_EMAIL": "tests@termcheck.invalid",
    "GIT_AUTHOR_DATE": FIXED_DATE, "GIT_COMMITTER_DATE": FIXED_DATE,
}
BAD = "# ข่าว\n\nรัฐบาลเมียนมาร์ประกาศมาตรการใหม่\n"
GOOD = BAD.replace("เมียนมาร์", "เมียนมา")


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE", "PRE_COMMIT_HOME")}
    env.update(GIT_IDENTITY, PYTHONIOENCODING="utf-8", **extra)
    return env


def git(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false",
                           *args], cwd=cwd, env=env or _clean_env(), capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def _working_tree_files() -> list[str]:
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"], cwd=ROOT, capture_output=True,
                             check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("the project is not a git checkout: nothing to snapshot for try-repo")
    return sorted(name for name in out.decode("utf-8").split("\0")
                  if name and not name.startswith(NOT_SHIPPED) and (ROOT / name).is_file())


@pytest.fixture(scope="module")
def cache_dir(request: pytest.FixtureRequest,
              tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Persistent across runs in the pytest cache (a temporary folder with -p no:cacheprovider)."""
    cache = getattr(request.config, "cache", None)
    if cache is None:
        return tmp_path_factory.mktemp("pre-commit")
    return Path(cache.mkdir("pre-commit"))


def _prune(cache_dir: Path, pattern: str, keep: Path) -> None:
    """Remove what older snapshots left behind, once no run has used it for a while (runs of
    another working tree may be going on at the same time)."""
    for old in cache_dir.glob(pattern):
        with contextlib.suppress(OSError):
            if old != keep and time.time() - old.stat().st_mtime > STALE_AFTER:
                shutil.rmtree(old, ignore_errors=True)


def _publish(tmp: Path, final: Path) -> None:
    """Move a finished folder into place; a concurrent run may have won the race."""
    try:
        os.rename(tmp, final)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        assert final.is_dir(), f"cannot create {final}"


@pytest.fixture(scope="module")
def hook_repo(cache_dir: Path) -> tuple[Path, str]:
    """The working tree as a git repo in the pytest cache: (path, commit).  The folder is
    named after the files' contents, so runs of the same tree share it."""
    names = _working_tree_files()
    assert ".pre-commit-hooks.yaml" in names
    digest = hashlib.sha256()
    for name in names:
        data = (ROOT / name).read_bytes()
        executable = os.access(ROOT / name, os.X_OK)
        digest.update(f"{name}\0{executable}\0{len(data)}\0".encode() + data)
    repo = cache_dir / f"hook-{digest.hexdigest()[:16]}"
    if not (repo / ".git").is_dir():
        tmp = Path(tempfile.mkdtemp(prefix=".hook-", dir=cache_dir))
        for name in names:
            target = tmp / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / name, target)
            shutil.copymode(ROOT / name, target)
        git("init", "-q", cwd=tmp)
        git("add", "-A", cwd=tmp)
        git("commit", "-q", "--no-verify", "-m", "termcheck working tree (test snapshot)",
            cwd=tmp)
        _publish(tmp, repo)
    os.utime(repo)
    _prune(cache_dir, "hook-*", repo)
    return repo, git("rev-parse", "HEAD", cwd=repo).strip()


@pytest.fixture(scope="module")
def wheelhouse(cache_dir: Path, hook_repo: tuple[Path, str]) -> Path:
    """termcheck's dependencies and build backend as wheels, downloaded once per
    pyproject.toml; later installs need no network."""
    key = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    house = cache_dir / f"wheels-{key}"
    if not house.is_dir():
        tmp = Path(tempfile.mkdtemp(prefix=".wheels-", dir=cache_dir))
        pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
        for command in ([*pip, "download", "-q", "-d", str(tmp), "hatchling"],
                        [*pip, "wheel", "-q", "-w", str(tmp), str(hook_repo[0])]):
            run = subprocess.run(command, capture_output=True, text=True, check=False)
            if run.returncode != 0:
                shutil.rmtree(tmp, ignore_errors=True)
                pytest.skip("cannot download the wheels for the hook's environment (needs "
                            f"PyPI once): {run.stderr.strip().splitlines()[-1:]}")
        for wheel in tmp.glob("termcheck-*.whl"):  # the hook builds termcheck itself
            wheel.unlink()
        _publish(tmp, house)
    os.utime(house)
    _prune(cache_dir, "wheels-*", house)
    return house


@pytest.fixture(scope="module")
def precommit_env(cache_dir: Path, wheelhouse: Path, hook_repo: tuple[Path, str]
                  ) -> dict[str, str]:
    """pre-commit's environment: offline pip, and a store per snapshot (pre-commit locks
    its store, so concurrent runs of one tree share it safely)."""
    home = cache_dir / f"home-{hook_repo[0].name.removeprefix('hook-')}"
    home.mkdir(exist_ok=True)
    os.utime(home)
    _prune(cache_dir, "home-*", home)
    return _clean_env(
        PRE_COMMIT_HOME=str(home),
        PIP_NO_INDEX="1", PIP_FIND_LINKS=str(wheelhouse), PIP_DISABLE_PIP_VERSION_CHECK="1",
        VIRTUALENV_NO_PERIODIC_UPDATE="1",
        VIRTUALENV_OVERRIDE_APP_DATA=str(cache_dir / "virtualenv"),
    )


@pytest.fixture
def content_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "content"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    return repo


def pre_commit(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args, "--color=never"],
                          cwd=cwd, env=env, capture_output=True, encoding="utf-8",
                          errors="replace", check=False, timeout=600)


def output(done: subprocess.CompletedProcess[str]) -> str:
    return f"exit {done.returncode}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"


def test_try_repo_reports_a_forbidden_form(hook_repo: tuple[Path, str],
                                           precommit_env: dict[str, str], content_repo: Path):
    """`pre-commit try-repo` as a content-repo maintainer would first try the hook.  (The
    fixed draft passing is checked by the next test, whose installed hook is cached: each
    try-repo run installs the hook afresh, about 5 s.)"""
    (content_repo / "draft.md").write_text(BAD, encoding="utf-8")
    (content_repo / "clean.txt").write_text(GOOD, encoding="utf-8")
    git("add", "-A", cwd=content_repo)
    done = pre_commit("try-repo", str(hook_repo[0]), HOOK_ID, "--files", "draft.md",
                      "clean.txt", cwd=content_repo, env=precommit_env)
    assert done.returncode == 1, output(done)
    assert "termcheck (Thai glossary terms)" in done.stdout and "Failed" in done.stdout, (
        output(done))
    assert "draft.md:3:7: TC001 error [myanmar] เมียนมาร์ → เมียนมา" in done.stdout, (
        output(done))
    assert "2 files checked" in done.stdout, output(done)


GLOSSARY = """\
version: 1
language: th
name: content repo glossary
terms:
  - id: repo-myanmar
    target: เมียนมา
    forbidden: [เมียนมาร์]
  - id: repo-email
    target: อีเมล
    forbidden: [อีเมล์]
"""

POT = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Send email"
msgstr "ส่งอีเมล์"
"""


def test_hook_in_a_content_repo(hook_repo: tuple[Path, str], precommit_env: dict[str, str],
                                content_repo: Path):
    """A content repo's .pre-commit-config.yaml: only drafts are passed to termcheck, the
    repo's glossary.yaml is used, a clean tree passes."""
    repo, commit = hook_repo
    (content_repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {commit}\n    hooks:\n      - id: {HOOK_ID}\n",
        encoding="utf-8")
    (content_repo / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    (content_repo / "docs").mkdir()
    (content_repo / "docs" / "news.MD").write_text(BAD, encoding="utf-8")
    (content_repo / "po").mkdir()
    (content_repo / "po" / "messages.pot").write_text(POT, encoding="utf-8")
    # not drafts: termcheck would reject these files (exit 2) if they were passed to it
    (content_repo / "build.py").write_text("print('เมียนมาร์')\n", encoding="utf-8")
    (content_repo / "data.json").write_text('{"name": "เมียนมาร์"}\n', encoding="utf-8")
    git("add", "-A", cwd=content_repo)

    done = pre_commit("run", "--all-files", cwd=content_repo, env=precommit_env)
    assert done.returncode == 1, output(done)
    # the ids are those of the repo's glossary.yaml, not of the bundled glossary
    assert "docs/news.MD:3:7: TC001 error [repo-myanmar]" in done.stdout, output(done)
    assert "po/messages.pot:6:" in done.stdout and "[repo-email]" in done.stdout, (
        output(done))
    assert "build.py" not in done.stdout and "data.json" not in done.stdout, output(done)
    assert "glossary.yaml" not in done.stdout, output(done)

    (content_repo / "docs" / "news.MD").write_text(GOOD, encoding="utf-8")
    (content_repo / "po" / "messages.pot").write_text(POT.replace("อีเมล์", "อีเมล"),
                                                      encoding="utf-8")
    git("add", "-A", cwd=content_repo)
    done = pre_commit("run", "--all-files", cwd=content_repo, env=precommit_env)
    assert done.returncode == 0, output(done)
    assert "Passed" in done.stdout, output(done)


def test_manifest_is_valid():
    """The manifest passes pre-commit's own schema check (no install, no network)."""
    done = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                           str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
