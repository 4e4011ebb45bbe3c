"""The units prepared once for TC103.

Every target is segmented once; runs of one to MAX_NGRAM Thai words are candidate
renderings.  Source words become lemmas (files, updated, updating -> file, update; not
settings -> set).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from termcheck.bilingual.consistency.model import Unit
from termcheck.bilingual.consistency.not_words import blank_not_words
from termcheck.bilingual.consistency.text import THAI_LETTER
from termcheck.bilingual.consistency.tuning import MAX_NGRAM
from termcheck.bilingual.english import tokens
from termcheck.thai.lexicon import Lexicon
from termcheck.thai.normalize import Normalized, normalize

_THAI_TOKEN = re.compile("^[\u0e01-\u0e4e]+$")
_THAI_RUN = re.compile("[\u0e01-\u0e4e]+|[^\u0e01-\u0e4e]+")
# A rendering begins with a token of two letters or more, the first a consonant or a leading
# vowel (not the stray ม of a misread word: โว|ลุ|ม|ไม่สำเร็จ), and ends with a token that
# has a consonant (โน|ด, a lone ด, ends โนด; ำ|งาน from a typo ends nothing).
_HEAD_CHARS = frozenset(chr(c) for c in [*range(0x0E01, 0x0E2F), *range(0x0E40, 0x0E45)])
_TAIL_TOKEN = re.compile(".*[\u0e01-\u0e2e]")
_STOP_WORDS = """
a about above after again against all also am an and any are aren as at be because been
before being below between both but by can cannot could did didn do does doesn doing don
down during each either else etc even ever every few for from further get gets got had has
have having he her here hers herself him himself his how however i if in into is isn it its
itself just let like may me might more most must my myself no nor not now of off on once
only or other otherwise our ours ourselves out over own per please same shall she should so
some such than that the their theirs them themselves then there these they this those
through thus to too under until up upon us use used using very via was wasn we were what
when where whether which while who whom whose why will with within without won would yes
yet you your yours yourself yourselves one two three first new"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


@dataclass(slots=True)
class Prepared:
    unit: Unit
    text: str  # normalised target
    norm: Normalized  # maps spans of `text` back to the target as written
    tokens: list[tuple[int, int]]  # Thai words of `text`
    grams: dict[str, list[tuple[int, int]]]  # Thai word n-gram -> its spans in `text`
    words: Counter[str]  # source lemmas -> occurrences
    key: tuple[str, ...]  # the source's words: near-duplicate sources count once
    seq: tuple[str, ...]  # the lemma of each of them
    bounds: frozenset[int]  # word boundaries in `text`
    kept: Counter[str]  # source lemmas left in English in the target ("Animation")
    explained: list[tuple[int, int, str, float]] = field(default_factory=list)
    # spans taken by the main rendering of a source word: (start, end, lemma, association)
    masks: dict[tuple[str, float], bytearray] = field(default_factory=dict)  # blocked()'s


def prepare(units: Sequence[Unit], lexicon: Lexicon) -> list[Prepared]:
    words_of = [source_words(u.source) for u in units]
    lemma = _lemmas(w for ws in words_of for w in ws)
    out = []
    for unit, words in zip(units, words_of, strict=True):
        if not THAI_LETTER.search(unit.target):
            continue  # English left in English has no Thai rendering to compare
        norm = normalize(unit.target)
        thai_words, grams, bounds = _segment(norm.text, lexicon)
        seq = tuple(lemma[w] for w in words)
        kept = Counter(lemma.get(w, w) for w in source_words(norm.text))
        out.append(Prepared(unit, norm.text, norm, thai_words, grams,
                            Counter(v for v in seq if len(v) > 1), tuple(words), seq,
                            frozenset(bounds), kept))
    return out


def reportable(lemma: str) -> bool:
    return len(lemma) > 2 and lemma not in STOP_WORDS


# -- the target: Thai words and their runs ----------------------------------------------------

def _segment(text: str, lexicon: Lexicon) -> tuple[list[tuple[int, int]], dict, set[int]]:
    """Thai words of `text`, every run of 1 to MAX_NGRAM of them (never across a space, a
    digit or punctuation), and all word boundaries."""
    words: list[tuple[int, int]] = []
    bounds = {0}
    grams: dict[str, list[tuple[int, int]]] = defaultdict(list)
    run: list[tuple[int, int]] = []
    pos = 0
    for token in [*_split_mixed(lexicon.segment(text)), " "]:
        start, pos = pos, pos + len(token)
        bounds.add(pos)
        if _THAI_TOKEN.match(token):
            run.append((start, pos))
            continue
        _add_grams(text, run, grams)
        words.extend(run)
        run = []
    return words, grams, bounds


def _add_grams(text: str, run: Sequence[tuple[int, int]],
               grams: dict[str, list[tuple[int, int]]]) -> None:
    """The runs of 1 to MAX_NGRAM words within one run of Thai words that may be renderings."""
    heads = [e - s > 1 and text[s] in _HEAD_CHARS and _TAIL_TOKEN.match(text, s, e)
             is not None for s, e in run]
    tails = [_TAIL_TOKEN.match(text, s, e) is not None for s, e in run]
    for i, (s, _) in enumerate(run):
        if not heads[i]:
            continue
        for j in range(i, min(i + MAX_NGRAM, len(run))):
            if tails[j]:
                grams[text[s:run[j][1]]].append((s, run[j][1]))


def _split_mixed(words: list[str]) -> list[str]:
    """nlpO3 may glue punctuation to a Thai word (โน|ด:): split it off."""
    out: list[str] = []
    for w in words:
        if len(w) == 1 or w.isascii() or _THAI_TOKEN.match(w):
            out.append(w)
        else:
            out.extend(_THAI_RUN.findall(w))
    return out


# -- the source: words and lemmas -------------------------------------------------------------

def source_words(source: str) -> list[str]:
    """Lower-case words of a source text, placeholders and markup left out (in linear time:
    not_words), possessives made plain (file's -> file)."""
    words = (w[:-2] if w.endswith(("'s", "’s")) else w for w in tokens(blank_not_words(source)))
    return [w for w in words if w.isalpha()]


def bases(word: str, vocab: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Candidate base forms of a plural, third-person, past or -ing form.  An -ing form is
    folded only when it has no plural of its own: "settings" makes "setting" a noun,
    rendered การตั้งค่า, while "set" is ตั้ง; "updating" is "update"."""
    out = []
    if word.endswith(("ies", "ied")):
        out.append(word[:-3] + "y")
    if word.endswith(("es", "ed")):
        out.append(word[:-2])
    if (word.endswith("s") and not word.endswith(("ss", "us", "is"))) or word.endswith("ed"):
        out.append(word[:-1])  # files -> file, updated -> update
    if word.endswith("ed") and len(word) > 4 and word[-3] == word[-4]:
        out.append(word[:-3])  # stopped -> stop
    if word.endswith("ing") and len(word) > 5 and word + "s" not in vocab:
        out += [word[:-3], word[:-3] + "e"]
        if word[-4] == word[-5]:
            out.append(word[:-4])  # running -> run
    return out


def _lemmas(vocabulary: Iterable[str]) -> dict[str, str]:
    """Each word to its base form when that base also occurs (files -> file)."""
    vocab = set(vocabulary)
    return {w: next((b for b in bases(w, vocab) if b in vocab and len(b) > 2), w)
            for w in vocab}
