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

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property, lru_cache
from itertools import chain, takewhile
from typing import Any, TypeVar

from termcheck.thai.fold import fold, sound_alike

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")  # never create ~/pythainlp-data
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

# A word seen this many times in the TNC (about 800 words qualify: รับ, วาง, นำ, เงิน; not
# สา, กร) is common enough that text made only of such words is ordinary Thai.
COMMON_WORD_FREQUENCY = 5_000
ATTESTED_FREQUENCY = 50
RARE_FREQUENCY = 1_000  # below this, a listed word rarer than the approved form is a misspelling
_WINDOW = 120  # characters of context on each side when a chunk has no spaces


class Lexicon:
    """Dictionary words plus extra words (glossary forms), with cached boundary queries."""

    def __init__(self, extra_words: Iterable[str] = ()) -> None:
        self._extra = frozenset(w for w in extra_words if w and "\n" not in w)
        self._cache: dict[tuple[str, str, int, int], Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        """Only the glossary's words: the word lists and the segmenter's dictionary are
        loaded again, when needed, by the process that unpickles it (the cache)."""
        return {"_extra": self._extra}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._extra = state["_extra"]
        self._cache = {}

    @cached_property
    def words(self) -> frozenset[str]:
        """PyThaiNLP's word list (62,000 words)."""
        return _pythainlp_data("thai-words", _thai_words)

    @cached_property
    def frequency(self) -> dict[str, int]:
        """Word counts in the Thai National Corpus (TNC), all 106,000 of them (only needed
        when a near-miss is a dictionary word)."""
        return _pythainlp_data("tnc-counts", lambda: dict(_tnc_counts()))

    @cached_property
    def common_words(self) -> frozenset[str]:
        """Words frequent in the TNC, e.g. การ รับ ที่ วาง นำ เงิน.  The file is sorted by
        count, most frequent first, so only its first thousand lines are read: a
        pre-commit run need not parse the whole file."""
        return _pythainlp_data("tnc-common", lambda: frozenset(
            w for w, _ in takewhile(lambda wc: wc[1] >= COMMON_WORD_FREQUENCY, _tnc_counts())))

    @property
    def orst(self) -> frozenset[str]:
        """The Royal Society dictionary's headwords (38,000): a word there is a real word.
        PyThaiNLP's own list is built from frequency and also holds common misspellings
        (โอกาศ, อีเมล์, ซอฟท์แวร์), so being listed there proves little."""
        return orst_words()

    @property
    def fold_keys(self) -> frozenset[str]:
        """The fold keys of the Royal Society headwords (termcheck.thai.fold)."""
        return orst_fold_keys()

    def is_real_word(self, word: str, approved: str) -> bool:
        """Is a dictionary word a word in its own right, not a misspelling of `approved`?

        Evidence, in order: a Royal Society headword or another glossary form is real, and
        so is a word that differs by another consonant sound (ไฟเบอร์ is not ไซเบอร์).  A
        word that could be another spelling of the approved form (fold.sound_alike) is a
        misspelling when the TNC never saw it beside a well-attested approved form (โอกาศ
        beside โอกาส's 14,902), or, neither attested, differs only by what the fold key
        absorbs (เว็บไซท์, อีเมล์), or was seen rarely, less than the approved form (บังคลาเทศ 51 beside
        บังกลาเทศ 101, ซอฟท์แวร์ 40 beside ซอฟต์แวร์ 273).
        """
        if word in self.orst or word in self._extra or not sound_alike(approved, word):
            return True
        seen, wanted = self.frequency.get(word, 0), self.frequency.get(approved, 0)
        if not seen:  # compounds are often missing from the TNC (ความรัก): not enough alone
            return wanted < ATTESTED_FREQUENCY and fold(word) != fold(approved)
        return not (seen < wanted and seen < RARE_FREQUENCY)

    @cached_property
    def _dict_name(self) -> str:
        name = _LOADED.get(self._extra)
        if name is None:  # each glossary's dictionary is loaded once per process
            # a word in both lists is harmless to nlpO3: no need to build their union
            name = _LOADED[self._extra] = _load_nlpo3_dict(chain(self.words, self._extra))
        return name

    def preload(self) -> None:
        """Load what checking many files will need, before forking workers that then share
        it (the segmenter's dictionary is 60 MB or more, built anew by each process)."""
        self._dict_name  # noqa: B018 - cached
        self.common_words  # noqa: B018
        self.frequency  # noqa: B018
        orst_words()

    def is_word(self, text: str) -> bool:
        """True for a word of PyThaiNLP's dictionary.  That list also holds compounds the
        Royal Society dictionary lacks (ร่วมกัน), which a spelling check must accept, and a few
        common misspellings (โอกาศ, อีเมล์), which a glossary must then list as forbidden."""
        return text in self.words

    def segment(self, text: str) -> list[str]:
        """Words of `text`, with the glossary's forms as words."""
        import nlpo3

        return nlpo3.segment(text, self._dict_name)

    def _chunk(self, line: str, pos: int) -> tuple[int, int]:
        """The stretch of `line` between spaces around `pos`, with at least _WINDOW characters
        of context on each side where there is no space.  The window is laid on a grid, so
        nearby positions share a chunk and its segmentation is computed once."""
        block = pos // _WINDOW
        grid_lo, grid_hi = max(0, (block - 1) * _WINDOW), min(len(line), (block + 2) * _WINDOW)
        lo = line.rfind(" ", grid_lo, pos)
        lo = grid_lo if lo < 0 else lo + 1
        hi = line.find(" ", pos, grid_hi)
        hi = grid_hi if hi < 0 else hi
        return lo, hi

    def _positions(self, kind: str, line: str, pos: int) -> tuple[int, frozenset[int]]:
        """Cluster ("tcc") or word ("word") boundaries of the chunk around `pos`."""
        lo, hi = self._chunk(line, pos)
        key = (kind, line, lo, hi)
        cached = self._cache.get(key)
        if cached is None:
            chunk = line[lo:hi]
            if kind == "tcc":
                cached = frozenset(_tcc_pos()(chunk)) | {0}
            else:
                ends = [0]
                for token in self.segment(chunk):
                    ends.append(ends[-1] + len(token))
                cached = frozenset(ends)
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[key] = cached
        return lo, cached

    def fits_as_word(self, line: str, start: int, end: int) -> bool:
        """Would taking line[start:end] as one word leave fewer unknown pieces around it
        (and no more words) than the segmenter finds without it?  A real misspelling is
        unknown to the dictionary and leaves pieces that are not words (ปราณี|ตง|ด for
        ปราณีต|งดงาม); text that segments into words only (มา|ตาม|ความ...) is left alone."""
        lo = self._chunk(line, start)[0]
        hi = self._chunk(line, max(start, end - 1))[1]
        key = ("free", line, lo, hi)
        free = self._cache.get(key)
        if free is None:
            free = self._cache[key] = self._score(self.segment(line[lo:hi]))
        if not free[1]:
            return False  # nothing unknown around: the segmenter read it all as words
        left = self._score(self.segment(line[lo:start]))
        right = self._score(self.segment(line[end:hi]))
        return left[0] + 1 + right[0] <= free[0] and left[1] + right[1] < free[1]

    def _score(self, tokens: list[str]) -> tuple[int, int]:
        """(words, pieces that are not dictionary words), spaces not counted."""
        real = [t for t in tokens if t.strip()]
        return len(real), sum(1 for t in real if t not in self.words and t not in self._extra)

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


@lru_cache(maxsize=1)
def orst_words() -> frozenset[str]:
    """The Royal Society dictionary's headwords, loaded once per process."""
    return _pythainlp_data("orst-words", _orst_words)


@lru_cache(maxsize=1)
def orst_fold_keys() -> frozenset[str]:
    """The fold keys of the Royal Society headwords: a one-edit candidate that reads as
    one of them is that word (or a slip of it), not a misspelt term."""
    # One fold of all the words joined by line breaks (the key keeps a line break), in C,
    # instead of 38,000 calls (the cache's key holds termcheck's code: fold may change).
    return _pythainlp_data("orst-fold-keys", lambda: frozenset(
        fold("\n".join(orst_words())).split("\n")) - {""})


def _thai_words() -> frozenset[str]:
    from pythainlp.corpus.common import thai_words

    return frozenset(thai_words())


def _orst_words() -> frozenset[str]:
    from pythainlp.corpus import thai_orst_words

    return frozenset(thai_orst_words())


@lru_cache(maxsize=1)
def _tcc_pos() -> Callable[[str], set[int]]:
    """PyThaiNLP's Thai Character Cluster rules (pythainlp.tokenize.tcc_p.tcc_pos).

    Importing any part of PyThaiNLP runs its package's __init__, which imports its soundex,
    spell, tag and transliteration modules (40 ms of a pre-commit run); the TCC module
    needs none of them, so it is loaded from its file under its own name (the package,
    if imported later, finds it there).  Any trouble: the ordinary import."""
    import importlib.util
    import sys

    name = "pythainlp.tokenize.tcc_p"
    if name not in sys.modules:
        try:
            package = importlib.util.find_spec("pythainlp")
            if package is None or not package.submodule_search_locations:
                raise ImportError(name)
            path = os.path.join(next(iter(package.submodule_search_locations)), "tokenize",
                                "tcc_p.py")
            spec = importlib.util.spec_from_file_location(name, path)
            if spec is None or spec.loader is None:
                raise ImportError(name)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            tcc_pos: Callable[[str], set[int]] = module.tcc_pos
            sys.modules[name] = module
            return tcc_pos
        except Exception:  # another layout: import it the ordinary way
            sys.modules.pop(name, None)
    from pythainlp.tokenize.tcc_p import tcc_pos as imported

    return imported


T = TypeVar("T")


def _pythainlp_data(kind: str, build: Callable[[], T]) -> T:
    """Data read from PyThaiNLP's corpus files, kept in termcheck's cache (termcheck.cache:
    marshal files, three times faster to read, and PyThaiNLP, whose package imports much
    of itself, is then not imported at all), keyed by the installed PyThaiNLP."""
    from termcheck import cache

    stamp = _pythainlp_stamp()
    return build() if stamp is None else cache.data(kind, stamp, build)


@lru_cache(maxsize=1)
def _pythainlp_stamp() -> str | None:
    """Where PyThaiNLP is installed and when it was: a new release changes it.  Found
    without importing it."""
    from importlib.util import find_spec

    try:
        spec = find_spec("pythainlp")
        if spec is None or spec.origin is None:
            return None
        info = os.stat(spec.origin)
    except (ImportError, ValueError, OSError):
        return None
    return f"{spec.origin}:{info.st_size}:{info.st_mtime_ns}"


def _tnc_counts() -> Iterator[tuple[str, int]]:
    """(word, count) from the TNC frequency file PyThaiNLP ships, in file order (most
    frequent first); read directly: four times faster than pythainlp's tnc.word_freqs()."""
    from pythainlp.corpus import corpus_path

    with open(os.path.join(corpus_path(), "tnc_freq.txt"), encoding="utf-8") as handle:
        for line in handle:
            word, _, count = line.partition("\t")
            if count.strip().isdigit():
                yield word, int(count)


_LOADED: dict[frozenset[str], str] = {}


def _load_nlpo3_dict(words: Iterable[str]) -> str:
    """Load a word list into nlpO3 and return its dictionary name (nlpO3 reads dictionaries
    from files only; the file is removed as soon as it is loaded)."""
    import nlpo3

    payload = "\n".join(words)
    name = f"termcheck-{len(_LOADED)}"
    fd, path = tempfile.mkstemp(prefix="termcheck-", suffix=".txt")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
        message, ok = nlpo3.load_dict(path, name)
        if not ok:  # pragma: no cover - nlpO3 reports its own failure
            raise RuntimeError(message)
    finally:
        os.unlink(path)
    return name
