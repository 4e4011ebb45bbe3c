"""Where a match may start and end (THAI.md 3.3): never inside a character cluster; where
both sides of an edge are Thai letters, only where the word segmenter (nlpO3 newmm, with the
glossary's forms in its dictionary) puts a word boundary, unless the term may stand inside a
compound; Latin letters and digits need ordinary word boundaries, and a number is never cut.
"""

from __future__ import annotations

from termcheck.thai import chars
from termcheck.thai.lexicon import Lexicon


def edge_ok(lexicon: Lexicon, text: str, pos: int, compound: bool) -> bool | None:
    """Is `pos` a possible edge of a match?  None: inside what the segmenter takes for one
    word, which a misspelling may still be (see on_boundaries)."""
    if pos <= 0 or pos >= len(text):
        return True
    left, right = text[pos - 1], text[pos]
    if chars.is_thai_letter(left) and chars.is_thai_letter(right):
        # newmm never splits a character cluster, so a word boundary is a cluster boundary:
        # the cluster rules (no dictionary) are asked first
        if not lexicon.is_cluster_boundary(text, pos):
            return False
        return True if compound or lexicon.is_word_boundary(text, pos) else None
    if left in ".,:/" and pos >= 2 and text[pos - 2].isdigit() and right.isdigit():
        return False  # inside a number: 1.9, 1,000
    if right in ".,:/" and pos + 1 < len(text) and left.isdigit() and text[pos + 1].isdigit():
        return False
    return not (chars.is_latin_or_digit(left) and chars.is_latin_or_digit(right))


def on_boundaries(lexicon: Lexicon, text: str, start: int, end: int, *, compound: bool,
                  misspelling: bool) -> bool:
    """May text[start:end] be a match?  `compound`: the term may stand inside a compound
    (allow_in_compound); `misspelling`: a near-miss, which the segmenter does not know."""
    first = edge_ok(lexicon, text, start, compound)
    if first is False:
        return False
    edges = (first, edge_ok(lexicon, text, end, compound))
    if all(edges):
        return True
    # A misspelling is unknown to the segmenter, which may then cut the text around it
    # badly (ที่|ปราณี|ตง|ด|งาม for ที่ปราณีตงดงาม).  Accept it, on cluster edges (an edge
    # that is None is one), if taking it as one word leaves fewer unknown pieces around it.
    return misspelling and False not in edges and lexicon.fits_as_word(text, start, end)
