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

    Files are never rejected here: input this module cannot make sense of has no directives
    (the reader reports what is wrong with it).

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
from pathlib import Path
from typing import Any

from termcheck import rules
from termcheck.diagnostics import Finding, InputError
from termcheck.glossary.model import Term
from termcheck.readers.base import line_starts

__all__ = [
    "Directive",
    "apply",
    "directives",
    "drop_term_contexts",
    "format_invalid",
    "format_unused",
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


def _directive(path: str, line: int, first: int, last: int, found: _Found) -> Directive:
    return Directive(path, line, first, last, found.codes, found.text, found.unknown,
                     found.problem)


# -- formats --------------------------------------------------------------------------------

def _text(path: str, text: str) -> list[Directive]:
    starts = line_starts(text)
    result = []
    for found in _scan(text):
        line = bisect.bisect_right(starts, found.offset)
        covered = line + 1 if found.next_line else line
        result.append(_directive(path, line, covered, covered, found))
    return result


_COMMENT = re.compile(r"<!--(.*?)-->", re.S)


def _markdown_comments(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the bodies of the HTML comments of a Markdown file that
    markdown-it reads as HTML (not those in code or front matter)."""
    from termcheck.readers.markdown import _FRONT_MATTER, _PARSER, code_span_end

    source = text
    front = _FRONT_MATTER.match(text)
    if front:
        source = re.sub(r"[^\n]", " ", text[:front.end()]) + text[front.end():]
    starts = [*line_starts(source), len(source)]
    bodies: list[tuple[int, int]] = []
    for token in _PARSER.parse(source):
        if token.map is None:
            continue
        begin = starts[min(token.map[0], len(starts) - 1)]
        limit = starts[min(token.map[1], len(starts) - 1)]
        if token.type == "html_block":
            bodies += [m.span(1) for m in _COMMENT.finditer(source, begin, limit)]
        elif token.type == "inline":
            cursor = begin
            for child in token.children or []:
                if child.type == "code_inline":  # skip the span, as the reader does
                    opening = source.find(child.markup, cursor, limit)
                    if opening < 0:
                        continue
                    cursor = code_span_end(source, child.markup, opening, limit)
                elif child.type == "html_inline" and child.content.startswith("<!--"):
                    at = source.find(child.content, cursor, limit)
                    if at < 0:
                        continue
                    cursor = at + len(child.content)
                    if child.content.endswith("-->") and len(child.content) >= 7:
                        bodies.append((at + 4, cursor - 3))
    return bodies


def _markdown(path: str, text: str) -> list[Directive]:
    starts = line_starts(text)
    result = []
    for start, end in _markdown_comments(text):
        end_line = bisect.bisect_right(starts, end)  # the line of the closing -->
        for found in _scan(text, start, end):
            line = bisect.bisect_right(starts, found.offset)
            covered = end_line + 1 if found.next_line else line
            result.append(_directive(path, line, covered, covered, found))
    return result


_PO_COMMENT = re.compile(r"[ \t]*#(?:\.|[ \t]|$)")  # translator (# ) or extracted (#.)


def _po(path: str, text: str) -> list[Directive]:
    """Entries are runs of lines: comments, msgctxt, msgid, msgstr and their continuation
    strings.  A blank line ends one, and so does a comment or keyword after its msgstr."""
    result: list[Directive] = []
    pending: list[tuple[int, _Found]] = []
    msgstr: list[int] = []  # first and last line of the entry's msgstr strings
    in_msgstr = False

    def close() -> None:
        nonlocal in_msgstr
        for line, found in pending:
            first, last = (msgstr[0], msgstr[-1]) if msgstr else (line, line)
            result.append(_directive(path, line, first, last, found))
        pending.clear()
        msgstr.clear()
        in_msgstr = False

    for number, raw in enumerate(text.split("\n"), start=1):
        body = raw.strip()
        if not body:
            close()
        elif body.startswith("#"):
            if msgstr:
                close()
            in_msgstr = False
            if _PO_COMMENT.match(raw):
                pending += [(number, found) for found in _scan(raw)]
        elif body.startswith("msgstr"):
            msgstr[:] = [msgstr[0] if msgstr else number, number]
            in_msgstr = True
        elif body.startswith('"'):
            if in_msgstr:
                msgstr[1:] = [number]
        else:  # msgctxt, msgid, msgid_plural (or junk: the reader reports it)
            if msgstr:
                close()
            in_msgstr = False
    close()
    return result


class _Units:
    """defusedxml parser target: the notes of each XLIFF unit and the lines it spans."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.parser: Any = None
        self.stack: list[tuple[int, list[tuple[int, str]]]] = []  # unit start line, notes
        self.note: tuple[int, list[str]] | None = None
        self.directives: list[Directive] = []

    def _line(self) -> int:
        assert self.parser is not None
        return int(self.parser.parser.CurrentLineNumber)

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        local = tag.rpartition("}")[2]
        if local in ("trans-unit", "unit"):
            self.stack.append((self._line(), []))
        elif local == "note" and self.stack and self.note is None:
            self.note = (self._line(), [])

    def data(self, piece: str) -> None:
        if self.note is not None:
            self.note[1].append(piece)

    def end(self, tag: str) -> None:
        local = tag.rpartition("}")[2]
        if local == "note" and self.note is not None:
            line, pieces = self.note
            self.stack[-1][1].append((line, "".join(pieces)))
            self.note = None
        elif local in ("trans-unit", "unit") and self.stack:
            first, notes = self.stack.pop()
            last = self._line()
            for line, note in notes:
                for found in _scan(note):
                    where = line + note.count("\n", 0, found.offset)
                    self.directives.append(_directive(self.path, where, first, last, found))

    def close(self) -> None:
        pass


def _xliff(path: str, text: str) -> list[Directive]:
    if "termcheck" not in text.lower():
        return []
    from defusedxml.ElementTree import DefusedXMLParser

    units = _Units(path)
    parser = DefusedXMLParser(target=units, forbid_dtd=False, forbid_entities=True,
                              forbid_external=True)
    units.parser = parser
    parser.feed(text)
    parser.close()
    return units.directives


_FORMATS = {
    ".txt": _text, ".text": _text,
    ".md": _markdown, ".markdown": _markdown,
    ".po": _po, ".pot": _po,
    ".xlf": _xliff, ".xliff": _xliff,
}


def directives(path: str, text: str, *, name: str | None = None) -> list[Directive]:
    """The inline directives of a file's text (Document.text), in the order written.

    `path` is recorded in each directive (give the display path, as in Finding.path); the
    format is chosen by the extension of `name`, or of `path` when no name is given (for
    stdin, give the name the reader was chosen by).  Unknown formats and input that cannot
    be parsed have no directives.
    """
    scan = _FORMATS.get(Path(name or path).suffix.lower())
    if scan is None or "termcheck" not in text.lower():
        return []
    try:
        found = scan(path, text)
    except Exception:  # malformed input: the reader reports it; never a traceback here
        return []
    return sorted(found, key=lambda d: d.line)


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
    line = finding.line_text
    suffix = Path(finding.path).suffix.lower()
    views: list[tuple[str, list[int] | None]] = [(line, None)]
    if "\\" in line and suffix in (".po", ".pot", ""):
        views.append(_unescape_po(line))
    if "&" in line and suffix in (".xlf", ".xliff", ""):
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
