"""Gettext PO and POT files: one segment per translated msgstr (and msgstr[n] for plurals).

polib parses the file: entries, flags, obsolete entries, plurals, msgctxt, and the line where
each entry starts (`POEntry.linenum`).  polib keeps no positions, so from that line this module
walks the quoted strings of the entry's msgstr in the file text itself, unescaping them as
polib does, and records where every character of the translation stands in the file:

- a plain character maps to its own offset;
- an escape sequence (`\\n`, `\\t`, `\\"`, `\\\\`, `\\r`, `\\v`, `\\b`, `\\f`) maps to the offset
  of its backslash; a backslash before any other character is kept as a literal backslash
  (as polib does) and maps to itself;
- the strings of a multi-line msgstr (`msgstr ""` and continuation lines) are joined, each
  character mapping into its own line;
- an accelerator marker that is removed (see accelerators.py) has no entry.

The walked text must equal polib's msgstr; if it ever did not, the segment would keep polib's
text and map every character to the start of the msgstr's first string: coarse, never wrong.

Segments: translated msgstr / msgstr[n] of non-obsolete entries (untranslated ones have
nothing to check; the header, msgid "", is not a segment).  Source: the msgid (msgid_plural
for msgstr[n>0]); context: msgctxt; fuzzy: the entry has the `fuzzy` flag.  Both sides lose
their accelerators (default `_`, the GTK marker of GNOME and Xfce).

Errors: polib's syntax errors, and strings polib lets through but msgfmt rejects
(an unterminated string, text after the closing quote), become a ReadError with the line.

Suppressions: a translator comment (`# termcheck: ignore`) or an extracted comment
(`#. termcheck: ignore`) of an entry covers every msgstr line of that entry (`ignore` and
`ignore-next-line` mean the same here).  Entries are runs of lines; a blank line ends one, and
so does a comment or keyword after its msgstr.  polib keeps no comment lines, so they are
read from the text.

Fixes: a replacement is written into the quoted string as it is; one with `"` or a
backslash would need escaping and is not written.
"""

from __future__ import annotations

import re

import polib

from termcheck.readers.accelerators import PO_DEFAULT, marker_for, strip_accelerators, strip_text
from termcheck.readers.base import (
    Comment,
    Document,
    ReadError,
    Segment,
    line_starts,
    mentions_directives,
)

# polib.unescape(): these escapes become one character; any other backslash stays as written
_ESCAPES = {"\\": "\\", "n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f",
            '"': '"'}

# polib splits the file with str.splitlines(), which also breaks lines at these characters;
# termcheck (and every editor) counts LF only.  Before polib sees the text each of them is
# replaced by a whitespace character that does not occur in the file, so polib's lines and
# line numbers are the file's, and the replacements are undone in the strings polib returns.
_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_SPARE_SPACES = "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f" \
                "\u205f\u3000\u1680"

_KEYWORDS = r"(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)"
_STRING_BODY = r'"(?:[^"\\\n]|\\.)*"'
# A line that is not blank, not a comment and not [keyword] "string": the first is an error.
_BAD_LINE = re.compile(
    rf'^(?![^\S\n]*(?:#|$)|[^\S\n]*(?:{_KEYWORDS}[^\S\n]*)?{_STRING_BODY}[^\S\n]*$).*$', re.M)
# What a line holds: a keyword, an opening quote, or neither (a comment, an error, blank).
_LINE = re.compile(rf'[^\S\n]*(?:(#)|({_KEYWORDS})[^\S\n]*(")?|("))')
_STRING = re.compile(_STRING_BODY)
_POLIB_LINE = re.compile(r"\(line (\d+)\)")
_COMMENT = re.compile(r"[ \t]*#(?:\.|[ \t]|$)")  # translator (# ) or extracted (#.)
_UNWRITABLE = frozenset('"\\')


def _bad_line(text: str) -> ReadError | None:
    """The first line polib would accept but msgfmt would not (or polib rejects too)."""
    bad = _BAD_LINE.search(text)
    if bad is None:
        return None
    line = text.count("\n", 0, bad.start()) + 1
    body = bad.group().rstrip("\r")
    shape = _LINE.match(body)
    quote = body.find('"')
    if shape is None or not (shape.group(2) or shape.group(4)):
        word = body.split()[0] if body.split() else body
        message = f"syntax error: unexpected {word[:30]!r}"
    elif quote < 0:
        message = f"syntax error: no quoted string after {shape.group(2)!r}"
    elif _STRING.match(body, quote) is None:
        message = "syntax error: unterminated string (no closing quote on this line)"
    else:
        message = "syntax error: text after the closing quote of the string"
    return ReadError(message, line)


def _polib_error(exc: Exception) -> ReadError:
    text = str(exc)
    found = _POLIB_LINE.search(text)
    line = int(found.group(1)) if found else None
    detail = text.split("):", 1)[1].strip() if found and "):" in text else ""
    return ReadError("syntax error" + (f": {detail}" if detail else ""), line)


def _for_polib(text: str) -> tuple[str, dict[int, int]]:
    """`text` with the extra line breaks replaced (see _LINE_BREAKS), and the way back."""
    present = [ch for ch in _LINE_BREAKS if ch in text]
    if not present:
        return text, {}
    spare = iter(ch for ch in _SPARE_SPACES if ch not in text)
    there: dict[int, int] = {}
    for ch in present:
        stand_in = next(spare, None)
        if stand_in is None:  # fifteen odd spaces in use: leave the rest to polib
            break
        there[ord(ch)] = ord(stand_in)
    back = {stand_in: ch for ch, stand_in in there.items()}
    return text.translate(there), back


def _walk_msgstrs(text: str, starts: list[int], first_line: int
                  ) -> dict[int | None, tuple[str, list[int], int]]:
    """The msgstr (key None) or msgstr[n] (key n) strings of the entry starting at
    `first_line`: unescaped text, file offset of each character, offset after the first
    opening quote."""
    found: dict[int | None, tuple[list[str], list[int], int]] = {}
    key: int | None = None
    started = False
    for number in range(first_line, len(starts) + 1):
        begin = starts[number - 1]
        end = starts[number] - 1 if number < len(starts) else len(text)
        shape = _LINE.match(text, begin, end)
        if shape is None:
            if text[begin:end].strip():
                break  # not PO syntax: the checks before walking would have said so
            continue
        keyword, quote = shape.group(2), shape.group(3) or shape.group(4)
        if shape.group(1):  # a comment: after the msgstr it starts the next entry
            if started:
                break
            continue
        if keyword is not None and keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword != "msgstr" else None
            if index in found:
                break
            key, started = index, True
            found[key] = ([], [], shape.end())
        elif keyword is not None:  # msgctxt, msgid, msgid_plural
            if started:
                break
            continue
        elif not started:
            continue
        if quote is None:
            raise ReadError("syntax error: no quoted string after 'msgstr'", number)
        _unescape_into(text, shape.end() - 1, end, number, *found[key][:2])
    return {k: ("".join(pieces), positions, first)
            for k, (pieces, positions, first) in found.items()}


def _unescape_into(text: str, quote: int, end: int, line: int, pieces: list[str],
                   positions: list[int]) -> None:
    """Unescape the string whose opening quote is at `quote`, appending to pieces/positions."""
    string = _STRING.match(text, quote, end)
    if string is None:
        raise ReadError("syntax error: unterminated string (no closing quote on this line)",
                        line)
    i, stop = quote + 1, string.end() - 1
    while i < stop:
        backslash = text.find("\\", i, stop)
        if backslash < 0:
            backslash = stop
        if backslash > i:
            pieces.append(text[i:backslash])
            positions.extend(range(i, backslash))
        if backslash == stop:
            break
        escaped = _ESCAPES.get(text[backslash + 1])
        pieces.append("\\" if escaped is None else escaped)
        positions.append(backslash)
        i = backslash + (1 if escaped is None else 2)


def read_po(path: str, text: str, *, accelerator: str | None = None) -> Document:
    """The translated strings of a PO or POT file (see the module docstring)."""
    marker = marker_for(accelerator, PO_DEFAULT)
    early = _bad_line(text)
    for_polib, back = _for_polib(text)
    try:
        # The trailing newline changes nothing for polib and keeps it from taking a short
        # file whose content happens to be the name of an existing file for that file's path.
        catalog = polib.pofile(for_polib + "\n")
    except Exception as exc:  # polib raises OSError, ValueError, KeyError ...: never a traceback
        error = _polib_error(exc)
        if early is not None and (error.line is None
                                  or (early.line is not None and early.line <= error.line)):
            raise early from None
        raise error from None
    if early is not None:
        raise early

    def restore(value: str | None) -> str | None:
        return value.translate(back) if back and value else value

    starts = line_starts(text)
    segments: list[Segment] = []
    for entry in catalog:
        if entry.obsolete or entry.msgid == "":
            continue
        forms: list[tuple[int | None, str]]
        if entry.msgstr_plural:
            forms = sorted(entry.msgstr_plural.items())
        else:
            forms = [(None, entry.msgstr)]
        if not any(translation for _, translation in forms):
            continue
        walked = _walk_msgstrs(text, starts, max(entry.linenum or 1, 1))
        fuzzy = "fuzzy" in entry.flags
        context = restore(entry.msgctxt)
        for index, written in forms:
            translation = restore(written)
            if not translation:
                continue
            unescaped, positions, _ = walked.get(index, ("", [], 0))
            if unescaped != translation:  # see the module docstring: never expected
                anchor = min((first for _, _, first in walked.values()),
                             default=starts[max(entry.linenum or 1, 1) - 1])
                unescaped, positions = translation, [anchor] * len(translation)
            stripped, kept = strip_accelerators(unescaped, positions, marker)
            if not stripped:
                continue
            assert kept is not None
            source = entry.msgid_plural if index and entry.msgid_plural else entry.msgid
            segments.append(Segment(
                offset=kept[0], text=stripped, positions=tuple(kept),
                source=strip_text(restore(source) or "", marker), context=context,
                fuzzy=fuzzy))
    comments = _comments(text) if mentions_directives(text) else ()
    return Document(path, text, tuple(segments), comments, "po")


def _comments(text: str) -> tuple[Comment, ...]:
    """The translator and extracted comments, each covering its entry's msgstr lines (its
    own line when the entry has none)."""
    result: list[Comment] = []
    pending: list[tuple[int, str]] = []  # comment lines of the entry being read
    msgstr: list[int] = []  # first and last line of the entry's msgstr strings
    in_msgstr = False

    def close() -> None:
        nonlocal in_msgstr
        for line, raw in pending:
            covers = (msgstr[0], msgstr[-1]) if msgstr else (line, line)
            result.append(Comment(raw, line, covers, covers))
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
            if _COMMENT.match(raw):
                pending.append((number, raw))
        elif body.startswith("msgstr"):
            msgstr[:] = [msgstr[0] if msgstr else number, number]
            in_msgstr = True
        elif body.startswith('"'):
            if in_msgstr:
                msgstr[1:] = [number]
        else:  # msgctxt, msgid, msgid_plural
            if msgstr:
                close()
            in_msgstr = False
    close()
    return tuple(result)


def write_replacement(text: str, start: int, end: int, replacement: str) -> str | None:
    """As it is inside the quoted string, unless it would need escaping."""
    return None if _UNWRITABLE.intersection(replacement) else replacement
