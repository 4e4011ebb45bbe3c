"""termcheck's Python API, the one the command line uses: for scripts, notebooks, CI glue and
the map step of a data engine (termcheck.dask).

    import termcheck

    result = termcheck.lint_text("ข่าวใต้หวันวันนี้", glossaries=["glossary.yaml"])
    for finding in result.findings:
        print(finding.line, finding.column, finding.code, finding.message)

    result = termcheck.lint_paths(["docs/"], glossaries=["glossary.yaml"])
    raise SystemExit(result.exit_code())

    glossary = termcheck.CompiledGlossary(["glossary.yaml"])   # compile once, use often
    results = [glossary.lint_text(text) for text in texts]

A check is a pure function of (text, compiled glossary, settings): nothing here prints,
reads the terminal or changes a file.  Results are `termcheck.diagnostics.LintResult`, with
findings that say `to_dict()` (the JSON report's fields).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from termcheck.diagnostics import InputError, LintResult
from termcheck.engine import _SURROGATE, Linter, Progress, default_glossaries, load
from termcheck.settings import ConfigError, Settings

__all__ = ["CompiledGlossary", "ConfigError", "LintResult", "Settings", "lint_paths",
           "lint_text"]

PathLike = str | os.PathLike[str]


class CompiledGlossary:
    """Glossary files loaded and compiled once, with the settings of the checks, ready to
    check any number of texts and files.

    `glossaries`: glossary files (default: the settings' glossaries, else a glossary file in
    the current folder, else the bundled one; none at all is a ConfigError on first use).
    What was wrong in them is `errors` (a bad entry is left out; the rest is used), and
    every result carries those errors too.

    It pickles small and cheaply, as its glossary files' names and bytes and its settings,
    never as the compiled form (hundreds of MB at 20,000 terms): the process that unpickles
    it compiles it on first use, from that machine's compiled-glossary cache when it can
    (termcheck.cache), so a worker of a cluster compiles each glossary once at most.
    """

    def __init__(self, glossaries: Iterable[PathLike] = (), settings: Settings | None = None,
                 ) -> None:
        settings = settings or Settings()
        paths = tuple(Path(p) for p in glossaries) or settings.glossaries or tuple(
            default_glossaries())
        self.settings = replace(settings, glossaries=paths)
        self._linter: Linter | None = None
        self._errors: list[InputError] = []

    @property
    def linter(self) -> Linter:
        """The compiled glossary and its rules (termcheck.engine.Linter), made on first use
        (once, whatever the number of threads asking)."""
        if self._linter is None:
            with _LOCK:
                if self._linter is None:
                    self._linter, self._errors = load(self.settings)
        return self._linter

    @property
    def errors(self) -> list[InputError]:
        """What was wrong in the glossary files (one error per bad file or entry)."""
        self.linter  # noqa: B018 - loading is what finds them
        return list(self._errors)

    def lint_text(self, text: str, name: str = "draft.txt") -> LintResult:
        """Check a text as the file `name` (its extension picks the reader: .po, .xlf,
        .md, .txt ...), suppressions applied, as `termcheck lint` checks that file alone."""
        result = self.linter.lint_text(name, text)
        result.errors[:0] = self._errors
        return result

    def lint_unit(self, target: str, source: str, name: str = "segment") -> LintResult:
        """Check one translation unit held in memory (a translation memory's segment pair)
        as a bilingual file's unit is checked: the glossary rules on `target`, and the
        rules that compare it with `source` (TC101, a source term whose approved
        translation is missing).  Lines and columns are within `target`."""
        from termcheck.engine import FileReport
        from termcheck.readers.base import Document, Segment

        if _SURROGATE.search(target + source):  # (no file decodes to one)
            error = InputError(name, None, "not valid Unicode: a lone surrogate code point")
            result = self.linter.combine([FileReport([], [error])])
        else:  # one segment, as a PO entry's msgstr is, line breaks and all
            document = Document(name, target, (Segment(0, target, source=source),),
                                format="text")
            result = self.linter.combine([self.linter.report(document)])
        result.errors[:0] = self._errors
        return result

    def lint_paths(self, paths: Iterable[PathLike], *, stdin: bytes | None = None,
                   stdin_name: str | None = None, jobs: int | None = None,
                   progress: Progress | None = None) -> LintResult:
        """Check files and folders (folders walked as the command line walks them; "-" is
        `stdin`, read as the file `stdin_name`), with the settings' baseline applied."""
        from termcheck.baseline import load_baseline

        baseline = (None if self.settings.baseline is None
                    else load_baseline(self.settings.baseline))
        result = self.linter.lint([os.fspath(p) for p in paths], stdin=stdin,
                                  stdin_name=stdin_name, jobs=jobs, progress=progress,
                                  baseline=baseline)
        result.errors[:0] = self._errors
        return result

    # -- pickling: the sources, never the compiled form -------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        sources = [(str(path), Path(path).read_bytes()) for path in self.settings.glossaries]
        # (the settings' read-only mappings do not pickle; plain copies of them do)
        settings = replace(self.settings, glossaries=(), rules=dict(self.settings.rules),
                           style=dict(self.settings.style))
        return {"settings": settings, "sources": sources}

    def __setstate__(self, state: dict[str, Any]) -> None:
        paths = tuple(_materialise(name, data) for name, data in state["sources"])
        self.settings = replace(state["settings"], glossaries=paths)
        self._linter = None
        self._errors = []


def _materialise(name: str, data: bytes) -> Path:
    """A glossary file with these bytes: the file of that name if it holds them (the same
    machine, or a shared disk), else a copy in the cache folder, named by its content."""
    path = Path(name)
    try:
        if path.is_file() and path.read_bytes() == data:
            return path
    except OSError:
        pass
    from termcheck.cache import cache_dir

    folder = cache_dir() / "sources" / hashlib.sha256(data).hexdigest()[:32]
    try:
        return _copy_into(folder, path.name, data)
    except OSError:  # no cache folder to write: a temporary one
        return _copy_into(Path(tempfile.mkdtemp(prefix="termcheck-glossary-")), path.name, data)


def _copy_into(folder: Path, name: str, data: bytes) -> Path:
    """folder/name holding `data` (written atomically unless it holds them already)."""
    from termcheck.fileio import atomic_write

    copy = folder / name
    if not (copy.is_file() and copy.read_bytes() == data):
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(copy, data)
    return copy


_COMPILED: dict[tuple[Settings, str], CompiledGlossary] = {}  # this process's, newest last
_KEEP_COMPILED = 4
_LOCK = threading.RLock()  # compiling holds it: threads of one worker share one compile


def compiled(glossaries: Iterable[PathLike] | None = None,
             settings: Settings | None = None) -> CompiledGlossary:
    """The CompiledGlossary of these glossaries and settings, compiled once per process for
    as long as the files hold the same bytes."""
    from termcheck.cache import glossary_key

    wanted = CompiledGlossary(glossaries or (), settings)
    key = glossary_key(wanted.settings.glossaries, wanted.settings.near_miss_scale)
    if key is None:  # a file that cannot be read: loading it says why
        return wanted
    with _LOCK:
        found = _COMPILED.pop((wanted.settings, key), None) or wanted
        _COMPILED[wanted.settings, key] = found
        while len(_COMPILED) > _KEEP_COMPILED:
            del _COMPILED[next(iter(_COMPILED))]
    return found


def lint_text(text: str, *, glossaries: Sequence[PathLike] | None = None,
              name: str = "draft.txt", settings: Settings | None = None) -> LintResult:
    """Check one text held in memory as the file `name` would be checked (see
    CompiledGlossary.lint_text); the glossaries are compiled once per process."""
    return compiled(glossaries, settings).lint_text(text, name)


def lint_paths(paths: Iterable[PathLike], *, glossaries: Sequence[PathLike] | None = None,
               settings: Settings | None = None, stdin: bytes | None = None,
               stdin_name: str | None = None, jobs: int | None = None,
               progress: Progress | None = None) -> LintResult:
    """Check files and folders as `termcheck lint` does (the command line calls this): the
    settings' glossaries (or `glossaries`), rules, suppressions and baseline.  Raises
    ConfigError when there is no glossary, BaselineError for a baseline it cannot read."""
    return compiled(glossaries, settings).lint_paths(paths, stdin=stdin, stdin_name=stdin_name,
                                                    jobs=jobs, progress=progress)
