"""The near-miss candidate guarantee (termcheck.match.candidates), on random edits.

Random dictionary words become glossary terms; each trial makes one random edit of a
guaranteed kind to a term's fold key (a letter deleted or two neighbours swapped anywhere;
a letter replaced anywhere: for keys with pieces by any of its kind, for short keys by one
of REPLACED's; a letter added inside the key: any letter for keys with pieces, a vowel or
one of ADDED's consonants for short keys), puts it
in random Thai text and asks the scanner's candidate stage for it.  Every one of at least
MIN_CANDIDATE fold letters must be found, but those that read as a Royal Society word in
fold-key space (that word stands there, not a misspelt term), which are counted.

The second test runs the whole scanner on real words with one such edit and counts what
the verification and the real-word filter then let through: most, not all (an edit that
makes another real word is rightly kept quiet), and the test bounds that share.
"""

from __future__ import annotations

import random

import pytest
from rapidfuzz.distance import OSA

from termcheck.glossary.model import Glossary, Term
from termcheck.match.candidates import (
    ADDED,
    CONSONANT_KEYS,
    LATIN_KEYS,
    MIN_CANDIDATE,
    MIN_PIECE,
    REPLACED,
    SHORT_KEY,
    VOWEL_KEYS,
    neighbourhood,
)
from termcheck.match.index import TermIndex
from termcheck.match.scan import Scanner
from termcheck.thai import chars
from termcheck.thai.fold import fold, fuzzy_budget
from termcheck.thai.normalize import normalize, normalize_key

SEED = 11


def _words(rng: random.Random, count: int) -> list[str]:
    from pythainlp.corpus import thai_orst_words

    pool = sorted(w for w in thai_orst_words()
                  if 5 <= chars.spacing_length(w) <= 20 and " " not in w and len(fold(w)) >= 5)
    return rng.sample(pool, count)


def _kind(ch: str) -> str:
    for letters in (CONSONANT_KEYS, VOWEL_KEYS, LATIN_KEYS):
        if ch in letters:
            return letters
    return CONSONANT_KEYS


def _edit(rng: random.Random, key: str) -> str:
    """One random edit of a guaranteed kind, as the text's fold key reads it."""
    n = len(key)
    for _ in range(100):
        op = rng.choice(("delete", "swap", "replace", "insert"))
        i = rng.randrange(n)
        if op == "delete":
            out = key[:i] + key[i + 1:]
        elif op == "swap" and i + 1 < n:
            out = key[:i] + key[i + 1] + key[i] + key[i + 2:]
        elif op == "replace":
            letters = REPLACED[key[i]] if n <= SHORT_KEY else _kind(key[i])
            if not letters:
                continue
            out = key[:i] + rng.choice(letters) + key[i + 1:]
        elif op == "insert" and i > 0:
            letters = ADDED if n <= SHORT_KEY else CONSONANT_KEYS + VOWEL_KEYS
            out = key[:i] + rng.choice(letters) + key[i:]
        else:
            continue
        out = fold(out)  # a doubled letter folds into one
        if out != key and OSA.distance(out, key) == 1:
            return out
    raise AssertionError(f"no edit found for {key!r}")


def _filler(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(CONSONANT_KEYS + VOWEL_KEYS) for _ in range(size))


@pytest.fixture(scope="module")
def scanner() -> tuple[Scanner, list[str]]:
    rng = random.Random(SEED)
    words = _words(rng, 300)
    glossary = Glossary(tuple(Term(id=f"t{i}", target=w) for i, w in enumerate(words)))
    index = TermIndex(glossary)
    return Scanner(index), [fold(normalize_key(w)) for w in words]


def test_every_one_edit_variant_becomes_a_candidate(scanner):
    scan, keys = scanner
    rng = random.Random(SEED + 1)
    trials = missed = words = 0
    for number, key in enumerate(keys):
        if fuzzy_budget(chars.spacing_length(scan.index.terms[number].key)) < 1:
            continue
        for _ in range(5):
            variant = _edit(rng, key)
            if len(variant) < MIN_CANDIDATE:
                continue  # too short to judge (candidates.MIN_CANDIDATE)
            if variant in scan.lexicon.fold_keys:
                words += 1  # reads as a Royal Society word: dropped on purpose (_not_words)
                continue
            head, tail = _filler(rng, rng.randrange(0, 12)), _filler(rng, rng.randrange(0, 12))
            text = fold(head + variant + tail)  # the key of the text, as the scanner folds it
            at = text.find(variant)
            if at < 0:
                continue  # the filler folded into the variant's edge letters
            trials += 1
            spans = [(end - length + 1, end + 1) for end, (length, values)
                     in scan._fuzzy_hits(text, []) if any(n == number for n, _ in values)]
            if not any(s < at + len(variant) and at < e and OSA.distance(key, text[s:e]) <= 1
                       for s, e in spans):
                missed += 1
                print("missed", key, variant, text)
    print(f"{trials} one-edit variants, {missed} missed; {words} more read as a word")
    assert trials > 1000
    assert words < trials / 20
    assert missed == 0, f"{missed} of {trials} one-edit variants were never candidates"


def test_neighbourhood_holds_the_key_kinds_of_edit():
    key = fold(normalize_key("ไวรัส"))
    near = neighbourhood(key)
    assert fold(normalize_key("ไวโรส")) in near  # a vowel replaced across its consonant
    assert key[:-1] in near and key[1:] in near  # first and last letters deleted
    assert key not in near


def test_the_filters_let_most_edits_through_and_are_counted(scanner):
    """Whole scanner, on the real words with one edit each, alone on a line: the share the
    verification and the real-word filter reject is printed and bounded."""
    scan, _keys = scanner
    rng = random.Random(SEED + 2)
    reported = trials = 0
    for number, info in enumerate(scan.index.terms):
        if info.budgets[info.key] < 1:
            continue
        word = info.term.target
        i = rng.randrange(1, len(word))
        if not chars.is_thai(word[i]) or word[i] in chars.COMBINING_SET:
            continue
        typo = word[:i] + word[i + 1:]  # a dropped letter, as typed
        if chars.is_combining(typo[0]) or normalize_key(typo) == normalize_key(word):
            continue
        trials += 1
        result = scan.scan(normalize(typo), typo)
        reported += any(h.term == number for h in result.hits)
    share = reported / trials
    print(f"filters let {reported} of {trials} dropped-letter typos through ({share:.2f})")
    assert trials > 100
    assert share >= 0.6


def test_two_edit_variants_of_long_terms_become_candidates():
    """Terms of 13 letters or more have a budget of 2: two edits, found through three
    pieces.  Long multiword phrases of the Royal Society list stand in for such terms."""
    rng = random.Random(SEED + 3)
    from pythainlp.corpus import thai_orst_words

    pool = sorted(w for w in thai_orst_words()
                  if chars.spacing_length(w) >= 13 and len(fold(w)) >= 3 * MIN_PIECE)
    words = rng.sample(pool, min(150, len(pool)))
    glossary = Glossary(tuple(Term(id=f"t{i}", target=w) for i, w in enumerate(words)))
    scan = Scanner(TermIndex(glossary))
    trials = missed = 0
    for number, word in enumerate(words):
        key = fold(normalize_key(word))
        for _ in range(4):
            variant = _edit(rng, _edit(rng, key))
            if OSA.distance(key, variant) != 2 or variant in scan.lexicon.fold_keys:
                continue
            text = fold(_filler(rng, 6) + variant + _filler(rng, 6))
            at = text.find(variant)
            if at < 0:
                continue
            trials += 1
            spans = [(end - length + 1, end + 1) for end, (length, values)
                     in scan._fuzzy_hits(text, []) if any(n == number for n, _ in values)]
            if not any(s < at + len(variant) and at < e and OSA.distance(key, text[s:e]) <= 2
                       for s, e in spans):
                missed += 1
    print(f"{trials} two-edit variants of long terms, {missed} missed")
    assert trials > 200
    assert missed == 0


def test_dropping_word_variants_at_build_or_scan_finds_the_same(monkeypatch):
    """A large glossary leaves the variants that read as words out of its automaton; a small
    one drops such candidates when it verifies them.  Either way the same is reported."""
    import termcheck.match.index as index_module

    rng = random.Random(SEED + 4)
    words = _words(rng, 120)
    glossary = Glossary(tuple(Term(id=f"t{i}", target=w) for i, w in enumerate(words)))
    monkeypatch.setattr(index_module, "DROP_WORDS_FROM", 0)
    at_build = Scanner(TermIndex(glossary))
    monkeypatch.setattr(index_module, "DROP_WORDS_FROM", 10**9)
    at_scan = Scanner(TermIndex(glossary))
    assert at_build.index.words_dropped and not at_scan.index.words_dropped
    variants = 0
    for word in words * 3:  # the words with a letter dropped, in running text
        i = rng.randrange(1, len(word))
        typo = word[:i] + word[i + 1:]
        if chars.is_combining(typo[0]):
            continue
        text = "ในข่าวว่า" + typo + "ของรัฐบาล"
        variants += fold(normalize_key(typo)) in at_scan.lexicon.fold_keys
        assert (at_build.scan(normalize(text), text).hits
                == at_scan.scan(normalize(text), text).hits), text
    assert variants > 3  # some of them do read as words
