"""Files in and out: which files a run checks, and writing files so that nothing is lost.

- `expand(paths)`: the command line's paths as files to check (folders walked), with an
  error for each path that cannot be;
- `select_files(paths, settings)`: the paths after the config file's `include`/`exclude`;
- `walk(folder)`: the one folder walker (sorted, hidden names skipped, only the formats
  termcheck reads);
- `atomic_write(path, data)`: a temporary file in the same folder, flushed to disk, then
  renamed over the target: an interrupted run leaves the old file or the new one, never
  half of each.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from termcheck.diagnostics import STDIN, InputError
from termcheck.readers import extensions_text, format_for

if TYPE_CHECKING:
    from termcheck.settings import Settings


# -- writing ----------------------------------------------------------------------------------

def atomic_write(path: Path | str, data: bytes | str) -> None:
    """Replace `path` with exactly `data` (text is written as UTF-8, line endings as they
    are), atomically; an existing file keeps its permissions (a new one gets 0o666 less the
    umask, as open() would give it)."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


# -- globs ------------------------------------------------------------------------------------

def _glob_body(pattern: str) -> str:
    out: list[str] = []
    parts = pattern.split("/")
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:[^/]+/)*")
            continue
        out.append(_glob_part(part))
        if not last:
            out.append("/")
    return "".join(out)


def _glob_part(part: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(part):
        char = part[i]
        if char == "*":
            out.append("[^/]*")
            while i + 1 < len(part) and part[i + 1] == "*":
                i += 1
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = part.find("]", i + 2 if part[i + 1:i + 2] in ("!", "^") else i + 1)
            if end < 0:
                out.append(re.escape(char))
            else:
                inner = part[i + 1:end]
                if inner[:1] in ("!", "^"):
                    inner = "^" + inner[1:]
                out.append(f"[{inner.replace(chr(92), chr(92) * 2)}]")
                i = end
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def compile_glob(pattern: str) -> re.Pattern[str]:
    """A config glob as a regular expression over paths relative to the config folder, with
    forward slashes.  `**` is any number of folders, `*` and `?` stay inside one name, `[..]`
    is a character class.  A pattern without a slash matches a name at any depth (as in
    .gitignore); one with a slash (./docs too; not just a trailing one) is anchored at the
    config folder."""
    cleaned = pattern.strip().replace("\\", "/").rstrip("/")
    anchored = "/" in cleaned  # ./docs too; a slash only at the end does not anchor
    while cleaned.startswith("./"):
        cleaned = cleaned[2:]
    if cleaned == ".":
        cleaned = "**"  # the whole folder
    if not cleaned:
        raise ValueError(f"empty pattern '{pattern}'")
    if cleaned.startswith("/") or re.match(r"^[A-Za-z]:", cleaned):
        raise ValueError(f"pattern '{pattern}' must be relative to the config file's folder")
    if ".." in cleaned.split("/"):
        raise ValueError(f"pattern '{pattern}' must not leave the config file's folder (..)")
    body = _glob_body(cleaned)
    if not anchored:
        body = "(?:[^/]+/)*" + body
    try:
        return re.compile(body + r"\Z")
    except re.error as exc:
        raise ValueError(f"bad pattern '{pattern}': {exc}") from None


class Globs:
    """Patterns matched against a path and each of its folders (so `vendor` takes in
    everything below vendor/)."""

    def __init__(self, root: Path, patterns: Iterable[str]) -> None:
        self.root = root
        self.patterns = [compile_glob(p) for p in patterns]

    def relative(self, path: Path | str) -> str | None:
        absolute = os.path.abspath(path)
        try:
            rel = os.path.relpath(absolute, self.root)
        except ValueError:  # pragma: no cover - another drive on Windows
            return None
        rel = rel.replace(os.sep, "/")
        return None if rel == ".." or rel.startswith("../") or rel == "." else rel

    def match(self, path: Path | str) -> bool:
        rel = self.relative(path)
        if rel is None or not self.patterns:
            return False
        parts = rel.split("/")
        return any(p.match("/".join(parts[:n])) for n in range(1, len(parts) + 1)
                   for p in self.patterns)


# -- walking ----------------------------------------------------------------------------------

def walk(folder: Path | str, excluded: Globs | None = None) -> tuple[list[str], bool]:
    """The drafts under `folder`, sorted folder by folder (hidden names skipped, only the
    formats termcheck reads), as os.path.join(folder, ...); and whether `excluded` left
    anything out."""
    found: list[str] = []
    dropped = False
    for root, dirs, files in os.walk(folder):
        kept = []
        for name in sorted(dirs):
            if name.startswith("."):
                continue
            if excluded is not None and excluded.match(os.path.join(root, name)):
                dropped = True
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if name.startswith(".") or format_for(name) is None:
                continue
            full = os.path.join(root, name)
            if excluded is not None and excluded.match(full):
                dropped = True
            else:
                found.append(full)
    return found, dropped


def expand(paths: Sequence[str]) -> Iterator[tuple[str, Path | None, InputError | None]]:
    """The command line's paths as files: (display path, path, error); standard input
    ("-") has no path."""
    for given in paths:
        if given == STDIN:
            yield given, None, None
            continue
        path = Path(given)
        if path.is_dir():
            found, _ = walk(path)
            for name in found:
                yield name, Path(name), None
            if not found:
                yield given, None, InputError(given, None, "folder contains no files "
                                              f"termcheck reads ({extensions_text('or')})")
        elif path.is_file():
            yield given, path, None
        elif path.exists():
            yield given, None, InputError(given, None, "not a regular file")
        else:
            yield given, None, InputError(given, None, "no such file or folder")


# -- the config file's include and exclude ----------------------------------------------------

def _literal_base(pattern: str) -> str:
    """The folder part of a pattern before its first wildcard ("" for the root)."""
    cleaned = pattern.strip().replace("\\", "/")
    while cleaned.startswith("./"):
        cleaned = cleaned[2:]
    if "/" not in cleaned.rstrip("/"):
        return ""
    base: list[str] = []
    for part in cleaned.rstrip("/").split("/")[:-1]:
        if any(c in part for c in "*?["):
            break
        base.append(part)
    return "/".join(base)


def _display(path: str, cwd: Path) -> str:
    try:
        inside = Path(path).is_relative_to(cwd)
    except ValueError:  # pragma: no cover - another drive on Windows
        inside = False
    return os.path.relpath(path, cwd) if inside else path


def _given(paths: Sequence[str], excluded: Globs) -> list[str]:
    """The command line's paths less what `exclude` matches (folders expanded here, with
    excluded sub-folders pruned; a folder with no drafts at all is passed on so that the
    linter reports it)."""
    selected: list[str] = []
    for given in paths:
        if given == STDIN:
            selected.append(given)
        elif excluded.match(given):
            continue
        elif os.path.isdir(given):
            found, dropped = walk(given, excluded)
            if found:
                selected += found
            elif not dropped:
                selected.append(given)
        else:
            selected.append(given)  # a file, or a missing path the linter reports
    return selected


def select_files(paths: Sequence[str], settings: Settings | None, *,
                 cwd: Path | None = None) -> list[str]:
    """The paths to lint.

    With paths from the command line: those, less what `exclude` matches.  Without: the
    drafts that `include` matches under the config folder, less `exclude`, sorted, shown
    relative to `cwd` where they lie inside it.  Raises ConfigError when there are no paths
    and no include, or the include patterns match no draft."""
    from termcheck.settings import ConfigError, Settings

    settings = settings or Settings()
    root = settings.root
    here = Path(os.path.abspath(cwd or Path.cwd()))
    excluded = Globs(root or here, settings.exclude)
    if paths:
        return _given(paths, excluded) if excluded.patterns else list(paths)
    if root is None or settings.include is None:
        raise ConfigError("no files to check: name files or folders, or set 'include' in "
                          "termcheck.toml", settings.config_path)
    included = Globs(root, settings.include)
    found_files: set[str] = set()
    for base in sorted({_literal_base(p) for p in settings.include}):
        folder = root / base if base else root
        if not folder.is_dir() or (base and excluded.match(folder)):
            continue
        walked, _ = walk(folder, excluded)
        found_files.update(f for f in walked if included.match(f))
    if not found_files:
        from termcheck.config import include_line

        patterns = ", ".join(settings.include)
        raise ConfigError(f"'include' ({patterns}) matches no file termcheck reads",
                          settings.config_path, include_line(settings.config_path))
    ordered = sorted(found_files, key=lambda f: Path(f).parts)  # the config folder's order
    return [_display(f, here) for f in ordered]
