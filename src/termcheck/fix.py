"""`termcheck fix`: apply the fixes the rules attached to their findings, change nothing else.

- `plan(result, unsafe=...)`: from a lint result, the changes to make in each file (a
  `Change`: a half-open span of code-point offsets in the decoded file text, its
  replacement, and the finding it fixes) and the findings that stay findings;
- `apply(text, changes)`: the text with the changes made;
- `fix_file(path, changes, write=..., linter=...)`: read the file, check that every span
  still holds the text found, apply, check the fixed text again and fix what the first fix
  revealed (`settle`), and write the result atomically (files.atomic_write);
- `run(plan, write=..., linter=...)`: fix_file over every file of a plan, errors collected;
- `fix_paths(paths, settings=..., write=...)`: all of it for the command line;
- `unified_diff(path, old, new)`: what `--diff` prints.

Which fixes: each rule says how far its fix can be trusted (Finding.fix.applicability, the
"Fix safety" section of `termcheck explain`).  Safe fixes are applied; unsafe ones (confident
near-misses) too unless `unsafe=False` (--no-near-misses); display-only ones never.  A fix is
left as a finding when another finding's span overlaps it (both stay, for a person to
decide); findings that judge a whole translation (Rule.whole_segment: TC101, TC102) do not
count as overlapping.

Because only the bytes of the fixed spans change, everything else in the file stays as it
was: encoding and BOM, CRLF or LF line endings, a missing final newline, PO line wrapping
(polib is never asked to save: it would re-wrap long lines), XLIFF markup.  Permissions,
owner and extended attributes are kept by the atomic write, which refuses a file with more
than one hard link unless told (`split_links`, --force: see fileio.atomic_write).  Fixing
twice changes nothing the second time: a fix can let the word segmenter see a term it could
not see before (see `settle`), so the fixed text is checked again and fixed again until
nothing is left to fix (two rounds at most in practice).
"""

from __future__ import annotations

import codecs
import difflib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from termcheck.diagnostics import Applicability, Finding, InputError, LintResult
from termcheck.fileio import LinkedFileError, atomic_write, read_file
from termcheck.files import STDIN, expand
from termcheck.readers import ReadError, decode
from termcheck.reporters.visible import show
from termcheck.rules import get_rule

if TYPE_CHECKING:
    from termcheck.engine import Linter
    from termcheck.settings import Settings

MAX_ROUNDS = 5  # fix, check again, fix what the first fix revealed ... at most this often


@dataclass(frozen=True, slots=True)
class Change:
    """Replace [start, end) of the decoded file text (code points, after any BOM) with
    `replacement`, to fix `finding`."""

    start: int
    end: int
    replacement: str
    finding: Finding

    def describe(self) -> str:
        """One line for --dry-run: path:line:column: CODE 'found' -> 'expected' (control and
        bidi characters shown as markers)."""
        f = self.finding
        return show(f"{f.path}:{f.line}:{f.column}: {f.rule} '{f.found}' -> '{f.expected}'")


class Plan(NamedTuple):
    """What `plan` decided: the changes by file (only files with changes, each list sorted),
    and the findings that stay findings, in the result's order."""

    edits: dict[str, list[Change]]
    remaining: list[Finding]

    @property
    def fixable_count(self) -> int:
        return sum(len(e) for e in self.edits.values())


def _applied(applicability: Applicability, unsafe: bool) -> bool:
    return applicability is Applicability.SAFE or (
        unsafe and applicability is Applicability.UNSAFE)


def _whole_segment(f: Finding) -> bool:
    rule = get_rule(f.rule)
    return rule is not None and rule.whole_segment


def plan(result: LintResult | Iterable[Finding], *, unsafe: bool = True) -> Plan:
    """The changes that fix the result's findings (see the module docstring), by file path;
    every other finding is in `remaining`."""
    findings = list(result.findings if isinstance(result, LintResult) else result)
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    edits: dict[str, list[Change]] = {}
    fixed: set[int] = set()
    for path, here in by_path.items():
        if path == STDIN:
            continue
        spans = [(f, (f.line, f.column), (f.end_line, f.end_column))
                 for f in here if not _whole_segment(f)]
        chosen: list[Change] = []
        for f in here:
            if f.fix is None or not _applied(f.fix.applicability, unsafe):
                continue
            start, end = (f.line, f.column), (f.end_line, f.end_column)
            if any(other is not f and a < end and start < b for other, a, b in spans):
                continue  # overlapping findings are left to a person
            chosen += [Change(e.start, e.end, e.content, f) for e in f.fix.edits]
        if chosen:
            chosen.sort(key=lambda c: (c.start, c.end))
            edits[path] = chosen
            fixed.update(id(c.finding) for c in chosen)
    return Plan(edits, [f for f in findings if id(f) not in fixed])


def apply(text: str, changes: Sequence[Change]) -> str:
    """`text` with the changes made; nothing outside their spans changes.  Changes must not
    overlap (ValueError)."""
    pieces: list[str] = []
    at = 0
    for change in sorted(changes, key=lambda c: (c.start, c.end)):
        if change.start < at or change.end < change.start or change.end > len(text):
            raise ValueError(f"overlapping or out-of-range edit at offset {change.start}")
        pieces.append(text[at:change.start])
        pieces.append(change.replacement)
        at = change.end
    pieces.append(text[at:])
    return "".join(pieces)


# -- files ----------------------------------------------------------------------------------


def settle(linter: Linter, name: str, text: str, changes: Sequence[Change], *,
           unsafe: bool = True, rounds: int = MAX_ROUNDS
           ) -> tuple[str, list[list[Change]], list[Finding]]:
    """Apply `changes`, check the result again and fix what is now found, until nothing is
    left to fix (at most `rounds` rounds of changes).

    A fix can reveal a finding the first check could not see: the word segmenter decides
    where a term may start, and it cuts ...ทูตก งสุล otherwise than ...ทูตกงสุล once กงสุล is
    fixed.  Checking again is what makes `fix` idempotent.  Returns the fixed text, the
    changes of each round (each in the offsets of the text before it) and the findings of
    the fixed text that remain."""
    history: list[list[Change]] = []
    while True:
        if changes:
            text = apply(text, changes)
            history.append(list(changes))
        findings = linter.lint_text(name, text).findings
        if len(history) >= rounds:
            return text, history, findings
        changes = plan(findings, unsafe=unsafe).edits.get(name, [])
        if not changes:
            return text, history, findings


@dataclass(slots=True)
class FileFix:
    """What fixing one file did (or would do)."""

    path: str
    old: str  # decoded text before (without BOM)
    new: str  # decoded text after
    rounds: list[list[Change]] = field(default_factory=list)  # changes, round by round
    remaining: list[Finding] | None = None  # findings of the new text (with a linter)
    stale: bool = False  # the file no longer holds the text found: nothing done
    written: bool = False

    @property
    def applied(self) -> list[Change]:
        return [change for changes in self.rounds for change in changes]

    @property
    def changed(self) -> bool:
        return self.new != self.old


def fix_file(path: str | Path, changes: Sequence[Change], *, write: bool,
             linter: Linter | None = None, unsafe: bool = True, display: str | None = None,
             split_links: bool = False) -> FileFix:
    """Apply `changes` to the file at `path` (with `linter`: then check again and fix what
    the fix revealed, see `settle`); write it atomically, with the same BOM, line endings,
    permissions, owner and extended attributes, only when `write` and something changes.
    If any span no longer holds the text found (the file changed since it was checked),
    nothing is done and the result is `stale`.  `display`: the path the findings name
    (files.display_path of the real one).  A file with hard links is only written with
    `split_links` (see fileio.atomic_write).  Raises OSError (cannot read or write;
    LinkedFileError) and ReadError (not UTF-8, not a regular file, too large)."""
    name = display or str(path)
    data = read_file(path)
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    old = decode(data)
    if bom + old.encode("utf-8") != data:  # never: UTF-8 decoding is exact
        raise ReadError("the file does not re-encode to the same bytes; not fixed")
    if any(old[c.start:c.end] != c.finding.found for c in changes):
        return FileFix(name, old, old, stale=True)
    if linter is None:
        new, rounds, remaining = apply(old, changes), [list(changes)], None
    else:
        new, rounds, remaining = settle(linter, name, old, changes, unsafe=unsafe)
    fixed = FileFix(name, old, new, [r for r in rounds if r], remaining)
    if write and new != old:
        # through a symbolic link to the file it names (os.replace would replace the link)
        atomic_write(Path(os.path.realpath(path)), bom + new.encode("utf-8"),
                     split_links=split_links)
        fixed.written = True
    return fixed


def _lines(text: str) -> list[str]:
    """Lines with their ends, split at LF only (as termcheck counts lines)."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def unified_diff(path: str | Path, old: str, new: str, *, context: int = 3) -> str:
    """A unified diff with git's a/ and b/ prefixes ("" when nothing changed)."""
    if old == new:
        return ""
    name = Path(path).as_posix().lstrip("/")
    name = name[2:] if name.startswith("./") else name
    out: list[str] = []
    for line in difflib.unified_diff(_lines(old), _lines(new), f"a/{name}", f"b/{name}",
                                     n=context):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


@dataclass(slots=True)
class Outcome:
    """What `run` did over every file of a plan."""

    files: list[FileFix] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)  # what is left to report

    @property
    def fixed(self) -> int:
        return sum(len(f.applied) for f in self.files)

    def summary(self) -> str:
        """fixed N, M remain."""
        return f"fixed {self.fixed}, {len(self.remaining)} remain"


def _fix_error(path: str, exc: OSError | ReadError) -> InputError:
    if isinstance(exc, ReadError):
        return InputError(path, exc.line, exc.message)
    if isinstance(exc, LinkedFileError):
        return InputError(path, None, f"not fixed: it has {exc.links} hard links, which a fix "
                          "would split (termcheck fix --force fixes this name only; the "
                          "others keep the old text)")
    return InputError(path, None, f"cannot fix: {exc.strerror or exc}")


def run(p: Plan, *, write: bool, linter: Linter | None = None, unsafe: bool = True,
        where: Mapping[str, Path] | None = None, split_links: bool = False) -> Outcome:
    """fix_file for every file of the plan.  A file that cannot be read, decoded or written,
    or that changed since it was checked, is an error, and its findings remain.  `where`:
    the real path of a display path (files.expand), where they differ; `split_links`: see
    fix_file.

    `remaining`: the plan's findings for the files left as they were; for a fixed file, with
    a linter, the findings of its fixed text, checked alone (so TC102/TC103, which compare
    the files of a run, are those of the file by itself), else the plan's."""
    outcome = Outcome()
    settled: set[str] = set()
    for path, changes in p.edits.items():
        try:
            done = fix_file((where or {}).get(path, path), changes, write=write,
                            linter=linter, unsafe=unsafe, display=path,
                            split_links=split_links)
        except (ReadError, OSError) as exc:
            outcome.errors.append(_fix_error(path, exc))
            continue
        if done.stale:
            outcome.errors.append(InputError(path, None, "changed since it was checked; "
                                             "not fixed"))
            continue
        outcome.files.append(done)
        if done.remaining is not None:
            settled.add(path)
            outcome.remaining += done.remaining
    failed = {e.path for e in outcome.errors}
    outcome.remaining += [f for f in p.remaining if f.path not in settled]
    outcome.remaining += [c.finding for path in failed for c in p.edits[path]]
    outcome.remaining.sort(key=Finding.sort_key)
    return outcome


def fix_paths(paths: Sequence[str], *, settings: Settings, write: bool,
              unsafe: bool = True, split_links: bool = False
              ) -> tuple[Outcome, list[InputError]]:
    """Lint `paths` as the settings say (no baseline: every fixable finding is fixed), fix
    what the plan allows, and write the files when `write` (those with hard links only with
    `split_links`).  Each file is fixed once, by its real name, whatever names it was given
    by (files.expand).  Returns the outcome and the input errors of the check itself
    (glossaries, unreadable files)."""
    from termcheck.engine import load

    linter, errors = load(settings)
    items = list(expand(paths))
    result = linter.lint_expanded(items)
    where = {display: path for display, path, _ in items if path is not None}
    outcome = run(plan(result, unsafe=unsafe), write=write, linter=linter, unsafe=unsafe,
                  where=where, split_links=split_links)
    return outcome, [*errors, *result.errors]
