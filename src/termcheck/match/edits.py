"""Small text helpers of the scanner: widening a candidate span, describing an edit."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from termcheck.thai import chars
from termcheck.thai.fold import CHEAP_MARKS, EDGE_PUNCTUATION


def extend_end(text: str, end: int) -> int:
    """Take in the marks that the fold key dropped after its last letter."""
    while end < len(text) and (text[end] in CHEAP_MARKS or text[end] in chars.COMBINING_SET):
        end += 1
    return end


def extend_separators(text: str, start: int, end: int, key: str) -> tuple[int, int]:
    """Take in the punctuation an approved form begins or ends with, where the text has the
    same characters: the ')' of 'จีน (ไต้หวัน)', the '.' of 'กต.'."""
    body = key.strip(EDGE_PUNCTUATION)
    at = key.find(body) if body else 0
    for ch in key[at + len(body):]:
        if end < len(text) and text[end] == ch:
            end += 1
        else:
            break
    for ch in reversed(key[:at]):
        if start > 0 and text[start - 1] == ch:
            start -= 1
        else:
            break
    return start, end


_BRACKETS = frozenset("()[]{}\"'“”‘’«»")


def new_brackets(key: str, found: str) -> bool:
    """The text has a bracket or quote the form has not: structure, not a variant
    (อยู่ (ใน ... is not a spaced-out อยู่ใน)."""
    return any(ch in _BRACKETS and ch not in key for ch in found)


def _show(ch: str) -> str:
    if ch in chars.COMBINING_SET:
        return "\u25cc" + ch  # dotted circle, so a lone mark is visible
    return "space" if ch == " " else ch if ch.isalnum() or chars.is_thai(ch) else f"'{ch}'"


def describe_edits(approved: str, found: str) -> str:
    """Plain words for the edits between the approved form and the text, e.g. 'ใ for ไ'."""
    parts: list[str] = []
    for edit in Levenshtein.editops(approved, found):
        op, i, j = edit.tag, edit.src_pos, edit.dest_pos
        if op == "replace":
            parts.append(f"{_show(found[j])} for {_show(approved[i])}")
        elif op == "delete":
            parts.append(f"missing {_show(approved[i])}")
        else:
            parts.append(f"extra {_show(found[j])}")
    return ", ".join(parts[:3]) + (", ..." if len(parts) > 3 else "")
