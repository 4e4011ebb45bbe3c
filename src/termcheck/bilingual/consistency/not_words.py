"""What is not a word of a source text: printf and Python placeholders, {0} and {name}, $var
and ${var}, markup, entities, URLs and e-mail addresses, blanked before words are counted.

It must take time linear in the text: a target can be one long line of Thai without a space
(180 KB in one PO msgstr), and the obvious e-mail pattern \\S+@\\S+\\.\\w+ is quadratic
there.  A regex search tries it at each of the n positions of the run, and each try reads to
the end of the run before it fails; with many '@' in the run it is cubic.  So addresses are
found by a scan (`_addresses`) that reads each run of non-space characters a fixed number
of times, and the rest by a regex whose every repetition stops where another try of the
same alternative would begin (see _PLACEHOLDERS).  `blank_not_words` then replaces what
the single regex `_PLACEHOLDERS|\\S+@\\S+\\.\\w+` would replace, match for match.
"""

from __future__ import annotations

import re

# Why each repetition is linear over the whole text: `\([^()]*\)`, `\{[^{}]*\}` and
# `<[^<>]*>` stop at the next opening bracket, where the next try would start, so no
# character is read by two tries; the flags `[-+ #0]*` and the width `[1-9]\d*` cannot share
# a digit (with `\d+` the run of zeros in %000...0 could be split n ways); `&#?\w+;` stops
# at the next '&'; a URL and `\$\w+` end in a run that is never given back.  Differs from
# `[^)]*` and `[^}]*` only for a bracket inside a placeholder's name (%(a(b)s), which no
# program writes.
_PLACEHOLDERS = re.compile(
    r"%(?:\([^()]*\))?[-+ #0]*(?:[1-9]\d*|\*)?(?:\.(?:\d+|\*))?(?:hh|ll|[hlLqjzt])?[a-zA-Z%@]"
    r"|\{[^{}]*\}|\$\{[^{}]*\}|\$\w+|<[^<>]*>|&#?\w+;"
    r"|\b(?:https?|ftp|file)://\S+"
)
_RUN = re.compile(r"\S+")
_WORD_CHAR = re.compile(r"\w")
_WORD = re.compile(r"\w+")


def _last_dot(text: str, start: int, stop: int) -> int:
    """The last '.' of the run [start, stop) with a word character after it, or -1."""
    dot = text.rfind(".", start, stop - 1)
    while dot >= 0 and not _WORD_CHAR.match(text, dot + 1):
        dot = text.rfind(".", start, dot)  # each step moves left: the run is read once
    return dot


def _addresses(text: str) -> list[tuple[int, int, int]]:
    """Where \\S+@\\S+\\.\\w+ matches, run by run: (run start, last '@', match end).

    Within one run of non-space characters the regex, from any start, takes the last '.'
    that has a word character after it (greedy \\S+), then the last '@' before it that
    leaves a character between the two, and ends after the word that follows the '.'.  So
    it matches from every start before that '@', always with the same end, and from no
    start after it."""
    found = []
    for run in _RUN.finditer(text):
        start, stop = run.span()
        dot = _last_dot(text, start, stop)
        # an '@' after the start and before dot - 1 (never a negative end: it counts from
        # the end of the text)
        at = text.rfind("@", start + 1, dot - 1) if dot - 1 > start + 1 else -1
        if at >= 0:
            word = _WORD.match(text, dot + 1)
            assert word is not None  # _last_dot saw a word character there
            found.append((start, at, word.end()))
    return found


def blank_not_words(text: str) -> str:
    """`text` with each placeholder, tag, entity, URL and e-mail address made one space.

    Leftmost match first, as re.sub would: an address wins only where no placeholder starts
    at the same place or before (they come first in the single regex).  Each position is
    tried by _PLACEHOLDERS.search at most once: a found match is kept until the text before
    it has been passed."""
    addresses = _addresses(text)
    pieces: list[str] = []
    pos = i = 0
    other = _PLACEHOLDERS.search(text)
    while True:
        while i < len(addresses) and addresses[i][1] <= pos:
            i += 1  # no start left before this run's '@'
        if other is not None and other.start() < pos:
            other = _PLACEHOLDERS.search(text, pos)
        address = max(pos, addresses[i][0]) if i < len(addresses) else len(text)
        if other is not None and other.start() <= address:
            start, end = other.span()
        elif i < len(addresses):
            start, end = address, addresses[i][2]
        else:
            break
        pieces += (text[pos:start], " ")
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)
