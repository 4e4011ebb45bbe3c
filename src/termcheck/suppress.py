"""Suppressions: inline `termcheck: ignore` directives, and per-term contexts from the glossary.

Inline directives
    ``termcheck: ignore`` suppresses every rule on the line where it is written,
    ``termcheck: ignore[TC002,TC101]`` only those rules; ``termcheck: ignore-next-line`` (and
    ``ignore-next-line[...]``) the line after.  Codes are separated by commas or spaces and
    read in any case.  Where a directive may be written depends on the format:

    - plain text (.txt, .text): anywhere on a line;
    - Markdown (.md, .markdown): inside an HTML comment, ``<!-- termcheck: ignore[TC001] -->``
      (comments in code blocks and code spans are not directives).  ``ignore-next-line``
      covers the line after the one where the comment ends;
    - PO (.po, .pot): in a translator comment (``# termcheck: ignore``) or an extracted
      comment (``#. termcheck: ignore``) of an entry: it covers every msgstr line of that
      entry (both forms mean the same here);
    - XLIFF (.xlf, .xliff): as a ``<note>`` of a unit (1.2 ``<trans-unit>``, 2.0 ``<unit>``
      in its ``<notes>``): it covers every line of the unit (both forms mean the same here).

    A finding is suppressed when a directive covers the line where the finding starts and
    names its rule (or names none).  A directive that suppresses nothing is returned by
    `apply` for ``--report-unused-ignores`` (`format_unused`).  A code that is no rule
    (TC999), empty brackets or an unclosed bracket is reported by `invalid`; the directive
    still suppresses the valid codes it names, and nothing if it names none.

    The reader of each format collects its comments (Document.comments), with the lines
    each one covers; this module only reads the directives in them.

Per-term contexts
    A term's ``ignore_in`` lists contexts where its flagged forms are fine (a person's name,
    a quoted title).  `drop_term_contexts` drops a finding for the term when one of them
    stands on the finding's line, as written, around the flagged text.  In PO and XLIFF the
    line is also read with its escapes decoded (``\\"``, ``&quot;``), so a context is written
    as the translator sees it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from termcheck import rules
from termcheck.diagnostics import Finding, InputError
from termcheck.glossary.model import Term
from termcheck.readers.base import Comment, ReadError, mentions_directives

__all__ = [
    "Directive",
    "apply",
    "directives",
    "drop_term_contexts",
    "format_invalid",
    "format_unused",
    "from_comments",
    "invalid",
    "invalid_errors",
]

_DIRECTIVE = re.compile(
    r"termcheck:[ \t]*(?P<kind>ignore-next-line|ignore)(?![\w-])"
    r"(?:[ \t]*(?P<open>\[)(?P<codes>[^\]\n]*)(?P<close>\])?)?",
    re.IGNORECASE)
_CODE_SPLIT = re.compile(r"[\s,]+")


@dataclass(frozen=True, slots=True)
class Directive:
    """One inline suppression."""

    path: str  # the file's display path, as in Finding.path
    line: int  # 1-based line where it is written
    first_line: int  # the lines it covers (inclusive)
    last_line: int
    codes: frozenset[str] | None  # the valid rule codes it names; None: every rule
    text: str = ""  # as written, normalised: "termcheck: ignore[TC001,TC002]"
    unknown: tuple[str, ...] = ()  # named codes that are no rule
    problem: str = ""  # empty brackets, unclosed bracket

    def covers(self, finding: Finding) -> bool:
        return self.first_line <= finding.line <= self.last_line and (
            self.codes is None or finding.rule in self.codes)


@dataclass(frozen=True, slots=True)
class _Found:
    """A directive found in the text, before the lines it covers are known."""

    offset: int  # of "termcheck:"
    next_line: bool
    codes: frozenset[str] | None
    text: str
    unknown: tuple[str, ...]
    problem: str


def _scan(text: str, start: int = 0, end: int | None = None) -> list[_Found]:
    found: list[_Found] = []
    stop = len(text) if end is None else end
    for match in _DIRECTIVE.finditer(text, start, stop):
        kind = match.group("kind").lower()
        codes: frozenset[str] | None = None
        unknown: tuple[str, ...] = ()
        problem = ""
        written = f"termcheck: {kind}"
        if match.group("open"):
            named = [c.upper() for c in _CODE_SPLIT.split(match.group("codes")) if c]
            unknown = tuple(c for c in named if rules.get_rule(c) is None)
            codes = frozenset(c for c in named if rules.get_rule(c) is not None)
            if match.group("close") is None:
                problem = "no closing ']'"
                codes = frozenset()  # what it means is unclear: suppress nothing
            elif not named:
                problem = "no rule codes between the brackets"
            written += f"[{','.join(named)}" + ("]" if match.group("close") else "")
        found.append(_Found(match.start(), kind == "ignore-next-line", codes, written, unknown,
                            problem))
    return found


# -- from a document's comments ------------------------------------------------------------

def from_comments(path: str, comments: Iterable[Comment]) -> list[Directive]:
    """The directives written in a document's comments (Document.comments: the reader says
    where its format's comments are and which lines each one governs), in the order
    written.  `path` is recorded in each (the display path, as in Finding.path)."""
    found: list[Directive] = []
    for comment in comments:
        for directive in _scan(comment.text):
            line = comment.line + comment.text.count("\n", 0, directive.offset)
            if directive.next_line:
                first, last = comment.next_covers or (line + 1, line + 1)
            else:
                first, last = comment.covers or (line, line)
            found.append(Directive(path, line, first, last, directive.codes, directive.text,
                                   directive.unknown, directive.problem))
    return sorted(found, key=lambda d: d.line)


def directives(path: str, text: str, *, name: str | None = None) -> list[Directive]:
    """The directives of a file's text, read as the file `name` (default: `path`) is read.
    Input that is no format termcheck reads, or that its reader rejects, has none (the
    reader reports what is wrong with it when the file is checked)."""
    from termcheck.readers import format_for

    fmt = format_for(name or path)
    if fmt is None or not mentions_directives(text):
        return []
    try:
        document = fmt.read(path, text)
    except ReadError:
        return []
    return from_comments(path, document.comments)


# -- applying them --------------------------------------------------------------------------

def apply(findings: Iterable[Finding], directives: Mapping[str, Iterable[Directive]]
          ) -> tuple[list[Finding], list[Directive]]:
    """The findings no directive suppresses (order kept), and the directives that
    suppressed nothing (by path and line; those naming no valid code are left out: see
    `invalid`).  `directives` maps Finding.path to that file's directives."""
    by_line: dict[str, dict[int, list[int]]] = {}
    every: list[Directive] = []
    for path, found in directives.items():
        lines = by_line.setdefault(path, {})
        for directive in found:
            number = len(every)
            every.append(directive)
            if directive.codes is not None and not directive.codes:
                continue
            for line in range(directive.first_line, directive.last_line + 1):
                lines.setdefault(line, []).append(number)
    used: set[int] = set()
    kept: list[Finding] = []
    for finding in findings:
        numbers = by_line.get(finding.path, {}).get(finding.line, ())
        hits = [n for n in numbers if every[n].covers(finding)]
        if hits:
            used.update(hits)
        else:
            kept.append(finding)
    unused = [d for n, d in enumerate(every)
              if n not in used and (d.codes is None or d.codes)]
    unused.sort(key=lambda d: (d.path, d.line))
    return kept, unused


def format_unused(directive: Directive) -> str:
    """The line --report-unused-ignores prints for a directive that suppressed nothing."""
    return f"{directive.path}:{directive.line}: unused suppression {directive.text}"


def invalid(directives: Iterable[Directive]) -> list[tuple[Directive, str]]:
    """Directives written wrongly, with a one-line message: unknown rule codes, empty
    brackets, an unclosed bracket."""
    problems: list[tuple[Directive, str]] = []
    for directive in directives:
        if directive.problem:
            problems.append((directive, f"suppression {directive.text}: {directive.problem}"))
        if directive.unknown:
            names = ", ".join(directive.unknown)
            what = "rule code" if len(directive.unknown) == 1 else "rule codes"
            problems.append((directive, f"unknown {what} {names} in suppression "
                                        f"{directive.text} (see termcheck explain)"))
    return problems


def format_invalid(directive: Directive, message: str) -> str:
    return f"{directive.path}:{directive.line}: {message}"


def invalid_errors(directives: Iterable[Directive]) -> list[InputError]:
    """`invalid` as InputErrors, for a run that treats them as input errors."""
    return [InputError(d.path, d.line, message) for d, message in invalid(directives)]


# -- per-term contexts ----------------------------------------------------------------------

_PO_ESCAPES = {"\\": "\\", "n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f",
               '"': '"'}
_XML_REFERENCE = re.compile(r"&(?:#[xX]([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));")
_XML_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _unescape_po(line: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    positions: list[int] = []
    i = 0
    while i < len(line):
        escaped = _PO_ESCAPES.get(line[i + 1]) if line[i] == "\\" and i + 1 < len(line) else None
        chars.append(line[i] if escaped is None else escaped)
        positions.append(i)
        i += 1 if escaped is None else 2
    return "".join(chars), positions


def _unescape_xml(line: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    positions: list[int] = []
    at = 0
    for ref in _XML_REFERENCE.finditer(line):
        chars.append(line[at:ref.start()])
        positions.extend(range(at, ref.start()))
        hex_code, dec_code, name = ref.groups()
        try:
            char = _XML_NAMED[name] if name else chr(int(hex_code or dec_code,
                                                          16 if hex_code else 10))
        except (ValueError, OverflowError):  # no such character: keep it as written
            chars.append(ref.group())
            positions.extend(range(ref.start(), ref.end()))
        else:
            chars.append(char)
            positions.append(ref.start())
        at = ref.end()
    chars.append(line[at:])
    positions.extend(range(at, len(line)))
    return "".join(chars), positions


def _views(finding: Finding) -> list[tuple[str, list[int] | None]]:
    """The finding's line as written, and decoded for its format."""
    from termcheck.readers import format_for

    line = finding.line_text
    fmt = format_for(finding.path)  # None: standard input of an unknown kind, say
    views: list[tuple[str, list[int] | None]] = [(line, None)]
    if "\\" in line and (fmt is None or fmt.name == "po"):
        views.append(_unescape_po(line))
    if "&" in line and (fmt is None or fmt.name == "xliff"):
        views.append(_unescape_xml(line))
    return views


def _covered(context: str, view: str, start: int, end: int) -> bool:
    at = view.find(context, max(0, end - len(context)))
    while 0 <= at <= start:
        if at + len(context) >= end:
            return True
        at = view.find(context, at + 1)
    return False


def _in_context(finding: Finding, contexts: tuple[str, ...]) -> bool:
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(finding.line_text)
    end = max(end, start + 1)
    for view, positions in _views(finding):
        if positions is None:
            vstart, vend = start, end
        else:  # raw columns to decoded indexes
            vstart = bisect.bisect_left(positions, start)
            vend = bisect.bisect_left(positions, end)
        if any(_covered(context, view, vstart, vend) for context in contexts):
            return True
    return False


def drop_term_contexts(findings: Iterable[Finding], terms_by_id: Mapping[str, Term]
                       ) -> list[Finding]:
    """The findings that no `ignore_in` context of their term covers (order kept).

    A context covers a finding when it occurs on the finding's line and the occurrence
    spans the finding's columns (from `column` to `end_column`, or to the end of the line
    for a finding over several lines)."""
    kept: list[Finding] = []
    for finding in findings:
        term = terms_by_id.get(finding.term_id)
        if term is not None and term.ignore_in and _in_context(finding, term.ignore_in):
            continue
        kept.append(finding)
    return kept
