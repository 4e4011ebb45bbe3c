"""Thai word knowledge: the dictionary, character clusters and word boundaries.

PyThaiNLP provides the word list and the Thai Character Cluster (TCC) rules; nlpO3 (the Rust
port of PyThaiNLP's newmm maximal-matching segmenter) provides fast word segmentation with a
dictionary that includes the glossary's own forms, so a glossary term is one token and the
longest entry wins (THAI.md section 3.2).

Both are loaded lazily: a pre-commit run on a clean file never pays for them.  Work is done
per chunk of text between spaces (Thai puts spaces between phrases, so a space is always a
boundary), capped in length, so a huge single line costs time in proportion to the candidates
on it, not to its length squared (PyThaiNLP's TCC is quadratic on long strings, THAI.md 3.4).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from functools import cached_property

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")  # never create ~/pythainlp-data
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

# A word seen this many times in the TNC (about 800 words qualify: รับ, วาง, นำ, เงิน; not
# สา, กร) is common enough that text made only of such words is ordinary Thai.
COMMON_WORD_FREQUENCY = 5_000
_WINDOW = 120  # characters of context on each side when a chunk has no spaces


class Lexicon:
    """Dictionary words plus extra words (glossary forms), with cached boundary queries."""

    def __init__(self, extra_words: Iterable[str] = ()) -> None:
        self._extra = sorted({w for w in extra_words if w and "\n" not in w})
        self._cache: dict[tuple[str, str, int, int], frozenset[int]] = {}

    @cached_property
    def words(self) -> frozenset[str]:
        from pythainlp.corpus.common import thai_words

        return frozenset(thai_words())

    @cached_property
    def common_words(self) -> frozenset[str]:
        """Words frequent in the Thai National Corpus (TNC), e.g. การ รับ ที่ วาง นำ เงิน."""
        from pythainlp.corpus import tnc

        return frozenset(w for w, n in tnc.word_freqs() if n >= COMMON_WORD_FREQUENCY)

    @cached_property
    def _dict_name(self) -> str:
        return _load_nlpo3_dict(self.words.union(self._extra))

    @cached_property
    def _plain_dict_name(self) -> str:
        return _load_nlpo3_dict(self.words)

    @cached_property
    def standard_words(self) -> frozenset[str]:
        """Words of the Royal Society dictionary (ORST).  PyThaiNLP's larger list, used for
        segmentation, also holds common misspellings (โอกาศ, อีเมล์, สิงค์โปร์), so it cannot
        say whether a spelling is right."""
        from pythainlp.corpus import thai_orst_words

        return frozenset(thai_orst_words())

    def is_word(self, text: str) -> bool:
        """True for a word spelt as in the Royal Society dictionary."""
        return text in self.standard_words

    def segment(self, text: str) -> list[str]:
        """Words of `text`, with the glossary's forms as words."""
        import nlpo3

        return nlpo3.segment(text, self._dict_name)

    def segment_plain(self, text: str) -> list[str]:
        """Words of `text` by the dictionary alone (a glossary term is not one word here)."""
        import nlpo3

        return nlpo3.segment(text, self._plain_dict_name)

    def _chunk(self, line: str, pos: int) -> tuple[int, int]:
        """The stretch of `line` between spaces around `pos`, at most _WINDOW each side."""
        lo = line.rfind(" ", max(0, pos - _WINDOW), pos)
        lo = max(0, pos - _WINDOW) if lo < 0 else lo + 1
        hi = line.find(" ", pos, pos + _WINDOW)
        hi = min(len(line), pos + _WINDOW) if hi < 0 else hi
        return lo, hi

    def _positions(self, kind: str, line: str, pos: int) -> tuple[int, frozenset[int]]:
        """Cluster ("tcc") or word ("word") boundaries of the chunk around `pos`."""
        lo, hi = self._chunk(line, pos)
        key = (kind, line, lo, hi)
        cached = self._cache.get(key)
        if cached is None:
            chunk = line[lo:hi]
            if kind == "tcc":
                from pythainlp.tokenize.tcc_p import tcc_pos

                cached = frozenset(tcc_pos(chunk)) | {0}
            else:
                ends = [0]
                for token in self.segment(chunk):
                    ends.append(ends[-1] + len(token))
                cached = frozenset(ends)
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[key] = cached
        return lo, cached

    def is_cluster_boundary(self, line: str, pos: int) -> bool:
        """True when no Thai character cluster straddles `pos`."""
        if pos <= 0 or pos >= len(line):
            return True
        lo, clusters = self._positions("tcc", line, pos)
        return (pos - lo) in clusters

    def is_word_boundary(self, line: str, pos: int) -> bool:
        """True when the segmenter puts a word boundary at `pos` (never inside a cluster:
        newmm segments along character clusters)."""
        if pos <= 0 or pos >= len(line):
            return True
        lo, words = self._positions("word", line, pos)
        return (pos - lo) in words


_LOADED: set[str] = set()


def _load_nlpo3_dict(words: Iterable[str]) -> str:
    """Load a word list into nlpO3 (once per process) and return its dictionary name."""
    import nlpo3

    payload = "\n".join(sorted(words))
    name = "termcheck-" + hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]
    if name in _LOADED:
        return name
    fd, path = tempfile.mkstemp(prefix="termcheck-", suffix=".txt")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
        message, ok = nlpo3.load_dict(path, name)
        if not ok:  # pragma: no cover - nlpO3 reports its own failure
            raise RuntimeError(message)
    finally:
        os.unlink(path)
    _LOADED.add(name)
    return name
