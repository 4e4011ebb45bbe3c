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
    same characters: the ')' of 'จีน (ไต้หวัน)', the '.' of 'กต.'.  A bracket or quote may
    stand after spaces (สาธารณรัฐจีน ( ไต้หวัน )): the span then takes them in too, so that
    the variant is reported whole and its fix does not leave a second bracket behind."""
    body = key.strip(EDGE_PUNCTUATION)
    at = key.find(body) if body else 0
    for ch in key[at + len(body):]:
        found = _after_spaces(text, end, ch, +1)
        if found is None:
            break
        end = found + 1
    for ch in reversed(key[:at]):
        found = _after_spaces(text, start - 1, ch, -1)
        if found is None:
            break
        start = found
    return start, end


def _after_spaces(text: str, at: int, ch: str, step: int) -> int | None:
    """Where `ch` stands at `at`, or (for a bracket or quote) after spaces from there in the
    direction `step`; None when it does not."""
    while 0 <= at < len(text) and text[at] == " " and ch in _BRACKETS:
        at += step
    return at if 0 <= at < len(text) and text[at] == ch else None


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
    """Plain words for the edits between the approved form and the text, e.g. 'ใ for ไ',
    'คเ for เค (swapped)'."""
    parts: list[str] = []
    swap = _swap_at(approved, found)
    if swap is not None:
        p = swap
        parts.append(f"{_show(found[p])}{_show(found[p + 1])} for "
                     f"{_show(approved[p])}{_show(approved[p + 1])} (swapped)")
        approved, found = approved[:p] + approved[p + 2:], found[:p] + found[p + 2:]
    for edit in Levenshtein.editops(approved, found):
        op, i, j = edit.tag, edit.src_pos, edit.dest_pos
        if op == "replace":
            parts.append(f"{_show(found[j])} for {_show(approved[i])}")
        elif op == "delete":
            parts.append(f"missing {_show(approved[i])}")
        else:
            parts.append(f"extra {_show(found[j])}")
    return ", ".join(parts[:3]) + (", ..." if len(parts) > 3 else "")


def _swap_at(approved: str, found: str) -> int | None:
    """Where two neighbours are swapped, when that is how the two strings first differ."""
    p = next((i for i, (a, b) in enumerate(zip(approved, found, strict=False)) if a != b), None)
    if p is None or p + 1 >= min(len(approved), len(found)):
        return None
    pair = approved[p:p + 2]
    return p if pair[0] != pair[1] and found[p:p + 2] == pair[::-1] else None
