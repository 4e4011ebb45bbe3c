"""Glossary model: what a term is, independent of the file it came from."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

# The fields of a term, in the order they are documented (README "Glossary format").
TERM_FIELDS = (
    "id", "target", "source", "forbidden", "allowed", "note",
    "case_sensitive", "fuzzy", "allow_in_compound", "ignore_in", "examples",
)
LIST_FIELDS = frozenset({"source", "forbidden", "allowed", "ignore_in"})
EXAMPLE_KINDS = ("bad", "good")  # the keys of the `examples` mapping
BOOL_FIELDS = frozenset({"case_sensitive", "fuzzy", "allow_in_compound"})
TOP_FIELDS = ("version", "language", "source_language", "name", "terms")


# What must not reach a message as it is: line breaks (an error is one line, and tools read
# it line by line), other control characters (ESC drives the terminal) and bidirectional
# overrides (they reorder the line as shown).
_UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                         r"\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _ESCAPES.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def one_line(text: str) -> str:
    """`text` as one printable line: line breaks, control characters and bidirectional
    overrides shown as escapes (\\n, \\x00, \\u202e)."""
    return _UNSHOWABLE.sub(_escape, text)


class GlossaryError(Exception):
    """A glossary that cannot be used; the message names file, line and field, on one line
    (whatever text of the file it quotes)."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = one_line(message)
        where = f"{path}:{line}" if line else path
        super().__init__(f"{one_line(where)}: {self.message}")


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry."""

    id: str  # unique across all glossaries of a run; shown in output
    target: str  # the approved form
    source: tuple[str, ...] = ()  # the term in the source language
    forbidden: tuple[str, ...] = ()  # wrong forms, always reported
    allowed: tuple[str, ...] = ()  # other accepted forms, never reported
    note: str = ""  # shown to the translator
    case_sensitive: bool = False  # Latin case must match (INTERPOL, not Interpol)
    fuzzy: bool = True  # look for near-misses of this term
    allow_in_compound: bool = False  # may stand inside a longer Thai word
    # contexts where a flagged form of this term is fine (a person's name, a quoted title):
    # a finding for the term is dropped when one of them, as written, stands on the
    # finding's line around the flagged text (termcheck.suppress.drop_term_contexts)
    ignore_in: tuple[str, ...] = ()
    # example texts (YAML `examples: {bad: [...], good: [...]}`): `glossary check` lints each
    # as a one-line document; a bad one must give a finding for this term, a good one none
    examples_bad: tuple[str, ...] = ()
    examples_good: tuple[str, ...] = ()
    path: str = ""  # glossary file it came from
    line: int = 0  # line of the entry in that file


@dataclass(frozen=True, slots=True)
class Glossary:
    """Terms from one or more glossary files."""

    terms: tuple[Term, ...]
    language: str = "th"
    source_language: str = "en"
    paths: tuple[str, ...] = field(default=())


_SLUG = re.compile(r"[^a-z0-9]+")


def derive_id(target: str, source: tuple[str, ...]) -> str:
    """A stable id for an entry that has none: the slug of its first ASCII source term,
    otherwise a short hash of the target."""
    if source and source[0].isascii():
        slug = _SLUG.sub("-", source[0].lower()).strip("-")
        if slug:
            return slug
    return "t-" + hashlib.sha1(target.encode("utf-8")).hexdigest()[:8]
