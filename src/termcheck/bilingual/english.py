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

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_VOWELS = "aeiou"
# Code in a source text, besides placeholders and markup: `inline code` (short, and with no
# apostrophe: `quoted text' in the TeX style is prose), identifiers with an underscore
# (allow_future), dotted lower-case names (os.path, setup.py, example.com).  Not camelCase:
# that is also how brands are written (iPhone, macOS), and brands are terms.
_CODE = re.compile(
    r"`[^`'\n]{1,60}`|\b\w*_\w*\b|\b[a-z][a-z0-9]*(?:\.[a-z][a-z0-9]*)+\b")


def prose(text: str) -> str:
    """The words of a source text that a translator translates: placeholders (%(app)s,
    {name}), markup, entities, URLs, e-mail addresses and code blanked out."""
    from termcheck.bilingual.consistency.not_words import blank_not_words

    return _CODE.sub(" ", blank_not_words(text))


def tokens(text: str) -> list[str]:
    """Lower-case words of English text (punctuation, placeholders and markup dropped)."""
    return _WORD.findall(text.lower())


def _cased_tokens(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _forms(word: str) -> set[str]:
    """How a glossary source word may be written in a source text, as compared there:
    an acronym (US, SLTD) keeps its case and takes only a plural, so it is not the pronoun
    "us" nor the start of "used"; other words are compared in lower case."""
    if _is_acronym(word):
        return {word, word + "s"}
    return inflections(word.lower())


def inflections(word: str) -> set[str]:
    """The word and its regular inflected forms (plural, past, -ing, possessive)."""
    if len(word) < 3:  # "us" + "ed" is "used": short words take a plural only
        return {word, word + "s"}
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
            cased = _cased_tokens(source)
            if not cased:
                continue
            words = tuple(w if _is_acronym(w) else w.lower() for w in cased)
            last = _forms(cased[-1])
            firsts = last if len(words) == 1 else {words[0]}
            for first in firsts:
                self._by_first.setdefault(first, []).append((number, words, last))

    def terms_in(self, source: str) -> list[int]:
        """Numbers of the terms whose source occurs in `source`, each once, in text order."""
        return list(dict.fromkeys(number for number, _ in self.matches(source)))

    def matches(self, source: str) -> list[tuple[int, str]]:
        """(term number, the words as written) of each occurrence of a term's source in
        `source`, in text order; an occurrence inside a longer term's is left out."""
        found = list(_WORD.finditer(source))
        cased = [m.group() for m in found]
        lowered = [w.lower() for w in cased]
        spans: set[tuple[int, int, int]] = set()  # start word, end word, term
        for i in range(len(cased)):
            for key in {lowered[i], cased[i]}:
                for number, term_words, last in self._by_first.get(key, ()):
                    if _matches_at(cased, lowered, i, term_words, last):
                        spans.add((i, i + len(term_words), number))
        return [(number, source[found[start].start():found[end - 1].end()])
                for start, end, number in sorted(spans)
                if not any(s <= start and end <= e and (e - s) > (end - start)
                           for s, e, _ in spans)]


def _matches_at(cased: Sequence[str], lowered: Sequence[str], i: int, term: tuple[str, ...],
                last: set[str]) -> bool:
    n = len(term)
    if i + n > len(cased):
        return False
    for k, word in enumerate(term):
        written = cased[i + k] if _is_acronym(word) else lowered[i + k]
        if k == n - 1:
            return written in last
        if written != word:
            return False
    return False
