"""The near-miss candidate guarantee (termcheck.match.candidates), on random edits.

Random dictionary words become glossary terms; each trial makes one random edit of a
guaranteed kind to a term's fold key (a letter deleted or two neighbours swapped anywhere,
a letter replaced by another of its kind anywhere, a letter added inside the key: any
letter for keys with pieces, a vowel or one of ADDED's consonants for short keys), puts it
in random Thai text and asks the scanner's candidate stage for it.  Every one of at least
MIN_CANDIDATE fold letters must be found.

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
            out = key[:i] + rng.choice(_kind(key[i])) + key[i + 1:]
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
    trials = missed = 0
    for number, key in enumerate(keys):
        if fuzzy_budget(chars.spacing_length(scan.index.terms[number].key)) < 1:
            continue
        for _ in range(5):
            variant = _edit(rng, key)
            if len(variant) < MIN_CANDIDATE:
                continue  # too short to judge (candidates.MIN_CANDIDATE)
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
    assert trials > 1000
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
