"""Markdown: check the prose only.

The file is parsed with markdown-it-py (CommonMark).  What is not prose is masked with spaces
(line breaks kept), so every offset still refers to the file as written: front matter, fenced
and indented code, HTML blocks, inline code, HTML tags, link and image destinations,
autolinks and bare URLs.

Suppressions are written in HTML comments (`<!-- termcheck: ignore -->`), found in the same
parse: comments in code blocks, code spans and front matter are not comments.  An
`ignore-next-line` covers the line after the one where its comment ends.

Line endings: CommonMark ends a line at LF, CR LF and a lone CR alike, and markdown-it counts
its token lines so (it parses a copy with each of them made LF).  The reader maps those
lines to offsets in the file with the same count (`_block_starts`), and ends a segment at a
lone CR as at an LF, so no offset moves; the line numbers termcheck reports still count LF
only (LineMap), like the rest of termcheck.
"""

from __future__ import annotations

import bisect
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from termcheck.readers.base import (
    Comment,
    Document,
    Segment,
    line_segments,
    line_starts,
    mentions_directives,
)

_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")
_LINE_END = re.compile(r"\r\n?|\n")  # a line ending, as CommonMark and markdown-it count them
# Front matter: its fences are lines of their own, whichever line ending the file uses.
_FRONT_MATTER = re.compile(
    r"\A(---|\+\+\+)[ \t]*(?:\r\n?|\n).*?(?<=[\r\n])\1[ \t]*(?=[\r\n]|\Z)", re.S)
# An e-mail address starts only where a run of its characters starts (the look-behind):
# tried inside a long run (Thai without spaces is all \w), [\w.+-]+ would read to the end of
# the run from every position, quadratic in its length.
_BARE_URL = re.compile(r"(?:https?|ftp)://[^\s<>]+|www\.[^\s<>]+\.[^\s<>]+"
                       r"|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")
_SKIPPED_BLOCKS = frozenset({"fence", "code_block", "html_block"})
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
# Characters that can make Markdown markup (code, emphasis, HTML, links, tables, escapes): a
# fix that brings one in could turn prose into something else; it is left to a person.
_SYNTAX = frozenset("`*_<>[]\\|~")


class _Mask:
    def __init__(self, text: str) -> None:
        self.chars = list(text)

    def blank(self, start: int, end: int) -> None:
        for i in range(max(0, start), min(end, len(self.chars))):
            if self.chars[i] not in "\r\n":
                self.chars[i] = " "

    def text(self) -> str:
        return "".join(self.chars)


def _close_paren(text: str, start: int, limit: int) -> int:
    """Index just past the ')' that closes a link destination starting at `start`."""
    depth = 1
    i = start
    while i < limit:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return limit


def code_span_end(text: str, markup: str, opening: int, limit: int) -> int:
    """Index just past the backtick run that closes a code span opened at `opening`
    (a longer run of backticks inside the span does not close it)."""
    closing = opening + len(markup)
    while True:
        closing = text.find(markup, closing, limit)
        after = closing + len(markup)
        if closing < 0 or text[after:after + 1] != "`":
            break
        closing = after + 1
    return limit if closing < 0 else closing + len(markup)


def _mask_inline(text: str, token: Token, begin: int, limit: int, mask: _Mask,
                 comments: list[tuple[int, int]]) -> None:
    """Walk an inline token's children in source order, masking code, URLs and tags; the
    bodies of HTML comments go to `comments`."""
    cursor = begin
    for child in token.children or []:
        if child.type == "code_inline":
            opening = text.find(child.markup, cursor, limit)
            if opening < 0:
                continue
            end = code_span_end(text, child.markup, opening, limit)
            mask.blank(opening, end)
            cursor = end
        elif child.type == "link_open" and child.markup == "autolink":
            opening = text.find("<", cursor, limit)
            closing = text.find(">", opening, limit)
            if opening >= 0 and closing >= 0:
                mask.blank(opening, closing + 1)
                cursor = closing + 1
        elif child.type in ("link_open", "image"):
            here = text.find("](", cursor, limit)
            if here >= 0 and (child.type == "image" or "href" in child.attrs):
                end = _close_paren(text, here + 2, limit)
                mask.blank(here + 2, end - 1)
                if child.type == "image":
                    cursor = end
        elif child.type == "link_close":
            here = text.find("](", cursor, limit)
            if here >= 0:
                cursor = _close_paren(text, here + 2, limit)
        elif child.type == "html_inline" and child.content.startswith("<!--"):
            found = _as_written(child.content).search(text, cursor, limit)
            if found:
                at, cursor = found.span()
                mask.blank(at, cursor)
                if child.content.endswith("-->") and len(child.content) >= 7:
                    comments.append((at + 4, cursor - 3))
        elif child.type == "html_inline":
            opening = text.find("<", cursor, limit)
            if opening >= 0:
                closing = text.find(">", opening, limit)
                end = limit if closing < 0 else closing + 1
                mask.blank(opening, end)
                cursor = end


def _as_written(content: str) -> re.Pattern[str]:
    """A pattern for inline content as the file has it.  markdown-it's copy has LF for every
    line ending and U+FFFD for NUL, and lacks the indentation and '>' of a list or quote on
    each line after the first."""
    lines = (re.escape(line).replace("\ufffd", "[\\x00\ufffd]") for line in content.split("\n"))
    return re.compile(r"(?:\r\n?|\n)[ \t>]*".join(lines))


def _block_starts(text: str) -> list[int]:
    """Offsets where lines start as markdown-it counts them in token maps (LF, CR LF and a
    lone CR each end one), and one past the last line."""
    return [0, *(m.end() for m in _LINE_END.finditer(text)), len(text)]


def _segments(prose: str) -> list[Segment]:
    """One segment per line of prose, a line ending at a lone CR too: it is a line ending in
    Markdown, and a term is no more matched across it than across an LF."""
    segments: list[Segment] = []
    for line in line_segments(prose):
        if "\r" not in line.text:
            segments.append(line)
            continue
        offset = line.offset
        for piece in line.text.split("\r"):
            if piece.strip():
                segments.append(Segment(offset, piece))
            offset += len(piece) + 1
    return segments


def prose_text(text: str) -> str:
    """`text` with everything that is not prose replaced by spaces."""
    return _parse(text)[0]


def _parse(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The prose (everything else masked) and the (start, end) of each HTML comment's body."""
    mask = _Mask(text)
    comments: list[tuple[int, int]] = []
    front = _FRONT_MATTER.match(text)
    if front:
        mask.blank(0, front.end())
    source = mask.text()
    starts = _block_starts(source)  # counted as markdown-it counts lines
    last = len(starts) - 1
    for token in _PARSER.parse(source):
        if token.map is None:
            continue
        begin, limit = starts[min(token.map[0], last)], starts[min(token.map[1], last)]
        if token.type == "html_block":
            comments += [m.span(1) for m in _COMMENT.finditer(source, begin, limit)]
        if token.type in _SKIPPED_BLOCKS:
            mask.blank(begin, limit)
        elif token.type == "inline":
            _mask_inline(source, token, begin, limit, mask, comments)
    masked = mask.text()
    for url in _BARE_URL.finditer(masked):
        mask.blank(url.start(), url.end())
    return mask.text(), comments


def read_markdown(path: str, text: str, *, accelerator: str | None = None) -> Document:
    """The prose of a Markdown file (`accelerator` is ignored)."""
    prose, bodies = _parse(text)
    comments: tuple[Comment, ...] = ()
    if bodies and mentions_directives(text):
        starts = line_starts(text)
        found = []
        for start, end in bodies:
            closing = bisect.bisect_right(starts, end)  # the line of the closing -->
            found.append(Comment(text[start:end], bisect.bisect_right(starts, start),
                                 next_covers=(closing + 1, closing + 1)))
        comments = tuple(found)
    return Document(path, text, tuple(_segments(prose)), comments, "markdown")


def write_replacement(text: str, start: int, end: int, replacement: str) -> str | None:
    """As it is, unless it brings in a character that makes Markdown markup."""
    if _SYNTAX.intersection(set(replacement) - set(text[start:end])):
        return None
    return replacement
