"""The compiled-glossary cache: a run whose glossaries have not changed since the last one
loads their compiled form instead of parsing and compiling them again (at 20,000 terms that
is most of a run's start-up).  The word lists termcheck reads from PyThaiNLP are kept there
too, as marshal files (`data`): a pre-commit run then reads them in a third of the time.

An entry is keyed by everything the compiled glossary depends on: the glossary files' paths
and bytes, the near-miss scale, termcheck's version and the source files of the code that
compiles it (so a development checkout never reads a stale entry), and the Python version.
Entries live in the user's cache folder (platformdirs; `TERMCHECK_CACHE_DIR` overrides it)
and are pickles that only termcheck writes there.  They are written atomically (a temporary
file in the same folder, then a rename), so two runs that race write the same entry and a
reader never sees half of one; an entry that cannot be read is ignored and written again; a
folder that cannot be written means no cache, never a failed run.  `--no-cache` bypasses it.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from termcheck import __version__

if TYPE_CHECKING:
    from termcheck.glossary.model import Glossary
    from termcheck.match.index import TermIndex

CACHE_ENV = "TERMCHECK_CACHE_DIR"
FORMAT = 1  # of an entry; a change makes every older entry a miss
KEEP = 8  # entries of one kind kept; the least recently used beyond that are removed
STALE_TEMPORARY = 3600  # seconds after which a temporary file is a killed run's
# The code whose output is cached: a change to any of its files changes every key.
_CODE = (".", "match", "glossary", "glossary/formats", "thai", "readers")
_LIBRARIES = ("ahocorasick", "pythainlp", "yaml")
T = TypeVar("T")
_enabled = True


def set_enabled(enabled: bool) -> None:
    """Turn every cache of this process off (--no-cache) or on again."""
    global _enabled
    _enabled = enabled


def cache_dir() -> Path:
    """Where entries are kept: $TERMCHECK_CACHE_DIR, else the user's cache folder."""
    given = os.environ.get(CACHE_ENV)
    if given:
        return Path(given)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("termcheck", appauthor=False))


@lru_cache(maxsize=1)  # the code does not change under a running process
def code_stamp() -> bytes:
    """What the cached data is made with: the size and modification time of each source
    file of termcheck's code that makes it, and of the libraries it comes from (the
    automaton's pickled layout is pyahocorasick's; the word lists are PyThaiNLP's)."""
    root = Path(__file__).parent
    stamp = []
    for package in _CODE:
        try:
            with os.scandir(root / package) as entries:
                files = sorted((e for e in entries if e.name.endswith(".py")),
                               key=lambda e: e.name)
            for entry in files:
                info = entry.stat()
                stamp.append(f"{package}/{entry.name}:{info.st_size}:{info.st_mtime_ns}")
        except OSError:  # pragma: no cover - an installation without its sources
            stamp.append(f"{package}:?")
    stamp += [_library_stamp(name) for name in _LIBRARIES]
    return "\n".join(stamp).encode()


def _library_stamp(name: str) -> str:
    """Where a library is installed and when it was, found without importing it."""
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        info = os.stat(origin) if origin else None
    except (ImportError, ValueError, OSError):
        info = origin = None
    return f"{name}:{origin}:{info.st_size}:{info.st_mtime_ns}" if info else f"{name}:?"


def glossary_key(paths: Sequence[Path], near_miss_scale: float) -> str | None:
    """The key of the compiled form of these glossary files, or None when one cannot be
    read (loading it reports why)."""
    from termcheck.fileio import read_file
    from termcheck.readers.base import ReadError

    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\0{__version__}\0{sys.version}\0{near_miss_scale!r}\0".encode())
    digest.update(code_stamp())
    for path in paths:
        try:
            data = read_file(path)  # a regular file, of bounded size (never a FIFO's wait)
        except (OSError, ValueError, ReadError):  # (ValueError: a NUL in the name)
            return None
        name = os.path.abspath(path).encode("utf-8", "surrogatepass")
        digest.update(b"\0%d\0%s\0" % (len(name), name))
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()[:40]


GlossaryErrors = list[tuple[str, int | None, str]]  # path, line, message


def compile_glossaries(paths: Sequence[Path], near_miss_scale: float, *, cache: bool = True,
                       ) -> tuple[Glossary, TermIndex, GlossaryErrors]:
    """The glossary files loaded and compiled, with what was wrong in them: from the cache
    when they have not changed, else loaded, compiled and written there."""
    # Loading or compiling makes millions of objects that all live as long as the run: the
    # cycle collector would walk them again and again while they are made (half the time
    # of reading a large glossary's cache entry), and once more at its next collection
    # unless they are frozen first.
    collecting = gc.isenabled()
    gc.disable()
    try:
        set_enabled(cache)
        key = glossary_key(paths, near_miss_scale) if cache else None
        cached = load("glossary", key) if key else None
        if cached is not None:
            glossary, index, errors = cached
            return glossary, index, errors
        from termcheck.glossary.load import load_glossaries
        from termcheck.match.index import TermIndex

        glossary, problems = load_glossaries(paths)
        index = TermIndex(glossary, fuzzy_scale=near_miss_scale)
        errors = [(e.path, e.line, e.message) for e in problems]
        # stored only if no file changed while it was read (else the key is another's)
        if key and glossary_key(paths, near_miss_scale) == key:
            store("glossary", key, (glossary, index, errors))
        return glossary, index, errors
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def _entry(kind: str, key: str) -> Path:
    return cache_dir() / f"{kind}-{key}.pickle"


def _trusted(folder: Path) -> bool:
    """May entries in this folder be read?  They are pickles: only from a folder that is
    the user's own and that nobody else may write (or that does not exist yet)."""
    try:
        info = os.stat(folder)
    except OSError:
        return True  # nothing to read yet; made by this user when written
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: the profile's own folder
        return True
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def load(kind: str, key: str) -> Any | None:
    """The entry of this kind and key, or None when there is none or it cannot be read."""
    if not _enabled or not _trusted(cache_dir()):
        return None
    path = _entry(kind, key)
    try:
        with open(path, "rb") as handle:
            tag, payload = pickle.load(handle)
    except Exception:  # none, or a truncated or foreign file: rebuilt and written again
        return None
    if tag != (FORMAT, kind, key):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used: the last to be pruned
    return payload


def store(kind: str, key: str, payload: Any) -> bool:
    """Write an entry atomically; False when the cache folder cannot be written."""
    if not _enabled or not _trusted(cache_dir()):
        return False
    return _write(_entry(kind, key), lambda handle: pickle.dump(
        ((FORMAT, kind, key), payload), handle, protocol=pickle.HIGHEST_PROTOCOL))


def data(kind: str, stamp: str, build: Callable[[], T]) -> T:
    """Plain data (sets, dicts, strings, numbers) kept as a marshal file, rebuilt with
    `build` when `stamp` (what the data is made from) changes or the file is unreadable."""
    if not _enabled or not _trusted(cache_dir()):
        return build()
    key = hashlib.sha256(f"{FORMAT}\0{__version__}\0{kind}\0{stamp}\0".encode()
                         + code_stamp()).hexdigest()[:40]
    path = cache_dir() / f"data-{kind}-{key}.marshal"
    try:
        found: T = marshal.loads(path.read_bytes())  # (four times faster than marshal.load)
        return found
    except Exception:  # none, or a truncated file, or one of another Python: written again
        pass
    value = build()
    _write(path, lambda handle: marshal.dump(value, handle))  # type: ignore[arg-type]
    return value


def _write(path: Path, dump: Callable[[Any], None]) -> bool:
    """Write a cache file atomically (a temporary file beside it, then a rename: a reader
    sees the old file or the new one, and two writers race harmlessly), then prune the
    entries of its kind; False when the folder cannot be written."""
    folder = path.parent
    kind, suffix = path.name.rsplit("-", 1)[0], path.suffix
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                dump(handle)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        _prune(folder, kind, suffix)
    except (OSError, ValueError, pickle.PicklingError):
        return False
    return True


def _prune(folder: Path, kind: str, suffix: str) -> None:
    """Keep the KEEP most recently written or used entries of a kind."""
    entries = []
    for path in folder.glob(f"{kind}-*{suffix}"):
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            path.unlink()
    # what a run killed while writing left behind (a live writer's file is younger)
    for path in folder.glob(f".{kind}-*.tmp"):
        with contextlib.suppress(OSError):
            if time.time() - path.stat().st_mtime > STALE_TEMPORARY:
                path.unlink()
