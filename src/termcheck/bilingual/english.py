"""Finding a glossary term's source (English) in a segment's source text.

Case-insensitive, whole words only, with the regular inflections of the term's last word:
"file" matches files, filed and filing but not profile; "download" matches downloaded and
downloads; "directory" matches directories.  Inflections are generated from the glossary
side rather than stripped from the text with a stemmer, which would merge "settings" with
"set" (Snowball stems both to "set").  The longest term wins: in "file manager" only the
term "file manager" is found, not also "file".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_VOWELS = "aeiou"


def tokens(text: str) -> list[str]:
    """Lower-case words of English text (punctuation, placeholders and markup dropped)."""
    return _WORD.findall(text.lower())


def inflections(word: str) -> set[str]:
    """The word and its regular inflected forms (plural, past, -ing, possessive)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "ing", word + "'s", word + "’s"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    if len(word) > 2 and word.endswith("y") and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if (len(word) > 2 and word[-1] not in _VOWELS + "wxy" and word[-2] in _VOWELS
            and word[-3] not in _VOWELS):
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # stop -> stopped
    return forms


class SourceIndex:
    """Glossary source terms, ready to be looked up in source texts."""

    def __init__(self, sources: Iterable[tuple[int, str]]) -> None:
        # first word -> [(term number, the term's words, last-word forms)]
        self._by_first: dict[str, list[tuple[int, tuple[str, ...], set[str]]]] = {}
        for number, source in sources:
            words = tuple(tokens(source))
            if not words:
                continue
            last = inflections(words[-1])
            firsts = last if len(words) == 1 else {words[0]}
            for first in firsts:
                self._by_first.setdefault(first, []).append((number, words, last))

    def terms_in(self, source: str) -> list[int]:
        """Numbers of the terms whose source occurs in `source`, each once, in text order."""
        words = tokens(source)
        spans: list[tuple[int, int, int]] = []  # start word, end word, term
        for i, word in enumerate(words):
            for number, term_words, last in self._by_first.get(word, ()):
                if _matches_at(words, i, term_words, last):
                    spans.append((i, i + len(term_words), number))
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        found: dict[int, None] = {}
        covered_to = -1
        for start, end, number in spans:
            inside = end <= covered_to and any(
                s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans)
            if not inside:
                found.setdefault(number)
            covered_to = max(covered_to, end)
        return list(found)


def _matches_at(words: Sequence[str], i: int, term: tuple[str, ...], last: set[str]) -> bool:
    n = len(term)
    if i + n > len(words):
        return False
    return tuple(words[i:i + n - 1]) == term[:-1] and words[i + n - 1] in last
