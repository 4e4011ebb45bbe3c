"""Which files a run checks, and how their names are shown.

- `expand(paths)`: the command line's paths as files to check (folders walked), each file
  once whatever name it is given by, with an error for each path that cannot be checked
  (missing, a symbolic link loop, not a regular file, an unreadable folder);
- `select_files(paths, settings)`: the paths after the config file's `include`/`exclude`;
- `walk(folder)`: the one folder walker (sorted, hidden names skipped, only the formats
  termcheck reads; folders it cannot read are errors, never skipped in silence);
- `display_path(path)`: a path as the reports show it (names that are not UTF-8 escaped);
- reading and writing one file: termcheck.fileio (`read_file`, `atomic_write`, here too).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from termcheck.diagnostics import STDIN, InputError
from termcheck.fileio import NOT_REGULAR, atomic_write, os_error_text
from termcheck.readers import extensions_text, format_for

if TYPE_CHECKING:
    from termcheck.settings import Settings

__all__ = ["STDIN", "Globs", "Walked", "atomic_write", "compile_glob", "display_path", "expand",
           "select_files", "walk"]


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

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _shown(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x20 or 0x7F <= code < 0xA0:
        return f"\\x{code:02x}"
    if 0xD800 <= code <= 0xDFFF or char in _BIDI:
        return f"\\u{code:04x}"
    return char


def display_path(path: str) -> str:
    """A path as every report shows it: the path itself, except that a byte of its name that
    is not UTF-8 is shown as \\xNN (b'\\xff.txt' as \\xff.txt), and control characters and
    bidirectional overrides as \\xNN or \\uNNNN, so that reports are valid UTF-8 and a name
    can neither break a line nor reorder one.  Reading and writing use the real name
    (`expand` gives both)."""
    if path.isprintable():
        return path
    return "".join(_shown(char) if not char.isprintable() else char for char in path)


class Walked(NamedTuple):
    """What `walk` found."""

    files: list[str]
    dropped: bool  # `excluded` left something out
    unreadable: list[tuple[str, str]]  # (folder, why): folders that could not be read

    def errors(self) -> Iterator[InputError]:
        for folder, why in self.unreadable:
            yield InputError(display_path(folder), None, f"cannot read folder: {why}")


def walk(folder: Path | str, excluded: Globs | None = None) -> Walked:
    """The drafts under `folder`, sorted folder by folder (hidden names skipped, only the
    formats termcheck reads), as os.path.join(folder, ...); whether `excluded` left anything
    out; and an error for each folder (`folder` too) that could not be read."""
    found: list[str] = []
    unreadable: list[tuple[str, str]] = []
    dropped = False

    def failed(exc: OSError) -> None:  # os.walk would skip the folder in silence
        unreadable.append((os.fsdecode(exc.filename or folder), os_error_text(exc)))

    for root, dirs, files in os.walk(folder, onerror=failed):
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
    return Walked(found, dropped, unreadable)


Expanded = tuple[str, Path | None, InputError | None]  # (display path, path, error)


def _stat_error(given: str, exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        if os.path.islink(given):
            return "no such file or folder (a symbolic link to nothing)"
        return "no such file or folder"
    return "symbolic link loop" if exc.errno == errno.ELOOP else f"cannot read: {exc.strerror}"


class _Seen:
    """The files `expand` gave so far: each path once, by whatever name it is given (a.md,
    ./a.md, a folder holding it, a symbolic link to it).  Hard links are different paths:
    each is checked, and fixed (or refused) on its own."""

    def __init__(self) -> None:
        self.files: set[str] = set()
        self.shown: set[str] = set()

    def first(self, name: str) -> bool:
        key = os.path.normcase(os.path.realpath(name))
        if key in self.files:
            return False
        self.files.add(key)
        return True


def _file(name: str, seen: _Seen, info: os.stat_result | None = None) -> Iterator[Expanded]:
    if not seen.first(name):
        return  # named twice (./a.md and a.md, a folder and a file in it): checked once
    shown = display_path(name)
    try:
        info = info or os.stat(name)
    except OSError as exc:
        yield shown, None, InputError(shown, None, _stat_error(name, exc))
        return
    if not stat.S_ISREG(info.st_mode):
        yield shown, None, InputError(shown, None, NOT_REGULAR)
    elif shown in seen.shown:  # two names that only differ in bytes that are not UTF-8
        yield shown, None, InputError(shown, None, "another file's name is shown the same; "
                                      "not checked (rename one of them)")
    else:
        seen.shown.add(shown)
        yield shown, Path(name), None


def _expand_one(given: str, seen: _Seen) -> Iterator[Expanded]:
    try:
        info = os.stat(given)
    except OSError:
        yield from _file(given, seen)  # which says why
        return
    if not stat.S_ISDIR(info.st_mode):
        yield from _file(given, seen, info)
        return
    if not seen.first(given):
        return  # the same folder again
    walked = walk(given)
    for name in walked.files:
        yield from _file(name, seen)
    yield from ((error.path, None, error) for error in walked.errors())
    if not walked.files and not walked.unreadable:
        shown = display_path(given)
        yield shown, None, InputError(shown, None, "folder contains no files termcheck "
                                      f"reads ({extensions_text('or')})")


def expand(paths: Sequence[str]) -> Iterator[Expanded]:
    """The command line's paths as files: (display path, path, error); standard input ("-")
    has no path.  Folders are walked; every file is checked to be a regular file; a file
    given twice (a.md and ./a.md, a folder and a file in it, a symbolic link to it) is
    given once.  The display path is `display_path` of the
    name; the path is the real one, for reading and writing."""
    seen = _Seen()
    said: set[InputError] = set()  # a folder named twice is not reported twice either
    for given in paths:
        if given != STDIN:
            for item in _expand_one(given, seen):
                if item[2] in said:
                    continue
                if item[2] is not None:
                    said.add(item[2])
                yield item
        elif STDIN not in seen.shown:
            seen.shown.add(STDIN)
            yield given, None, None


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
    excluded sub-folders pruned; a folder with no drafts at all, or one that cannot be read,
    is passed on so that the linter reports it)."""
    selected: list[str] = []
    for given in paths:
        if given == STDIN:
            selected.append(given)
        elif excluded.match(given):
            continue
        elif os.path.isdir(given):
            found, dropped, unreadable = walk(given, excluded)
            selected += found + [folder for folder, _ in unreadable]
            if not found and not unreadable and not dropped:
                selected.append(given)
        else:
            selected.append(given)  # a file, or a missing path the linter reports
    return selected


def select_files(paths: Sequence[str], settings: Settings | None, *,
                 cwd: Path | None = None) -> list[str]:
    """The paths to lint.

    With paths from the command line: those, less what `exclude` matches.  Without: the
    drafts that `include` matches under the config folder, less `exclude`, sorted, shown
    relative to `cwd` where they lie inside it (and the folders there that cannot be read,
    so that the linter reports them).  Raises ConfigError when there are no paths
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
        walked = walk(folder, excluded)
        found_files.update(f for f in walked.files if included.match(f))
        found_files.update(f for f, _ in walked.unreadable)  # for the linter to report
    if not found_files:
        from termcheck.config import include_line

        patterns = ", ".join(settings.include)
        raise ConfigError(f"'include' ({patterns}) matches no file termcheck reads",
                          settings.config_path, include_line(settings.config_path))
    ordered = sorted(found_files, key=lambda f: Path(f).parts)  # the config folder's order
    return [_display(f, here) for f in ordered]
