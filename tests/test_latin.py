"""Near-miss candidates of short Latin terms (termcheck.match.latin), on random edits.

Short Latin keys are looked up token by token in a symmetric-deletion index instead of
having their one-edit neighbourhood in the fuzzy automaton.  The index must find the same
strings the neighbourhood held, and every one-edit variant written in Thai text, alone or
joined to Thai letters, in one token or split by a space or a hyphen, must become a
candidate with the span of the variant as written.
"""

from __future__ import annotations

import random

import pytest
from rapidfuzz.distance import OSA

from termcheck.glossary.model import Glossary, Term
from termcheck.match.candidates import LATIN_KEYS, MIN_CANDIDATE, SHORT_KEY, neighbourhood
from termcheck.match.index import TermIndex
from termcheck.match.latin import LatinIndex
from termcheck.match.scan import Scanner
from termcheck.thai.fold import fold
from termcheck.thai.normalize import normalize

SEED = 17


def _keys(rng: random.Random, count: int) -> list[str]:
    keys: set[str] = set()
    while len(keys) < count:
        key = "".join(rng.choice(LATIN_KEYS) for _ in range(rng.randrange(5, SHORT_KEY + 1)))
        if fold(key) == key:  # no doubled letter
            keys.add(key)
    return sorted(keys)


def _edit(rng: random.Random, key: str) -> str:
    """A letter dropped, replaced by any, added inside, or two neighbours swapped."""
    while True:
        i = rng.randrange(len(key))
        op = rng.choice(("delete", "swap", "replace", "insert"))
        if op == "delete":
            out = key[:i] + key[i + 1:]
        elif op == "swap":
            out = key[:i] + key[i + 1:i + 2] + key[i] + key[i + 2:]
        elif op == "replace":
            out = key[:i] + rng.choice(LATIN_KEYS) + key[i + 1:]
        elif i > 0:
            out = key[:i] + rng.choice(LATIN_KEYS) + key[i:]
        else:
            continue
        out = fold(out)
        if OSA.distance(out, key) == 1:
            return out


def test_the_index_finds_what_the_neighbourhood_held():
    rng = random.Random(SEED)
    keys = _keys(rng, 60)
    index = LatinIndex(MIN_CANDIDATE)
    for number, key in enumerate(keys):
        index.add(key, number)
    near = [neighbourhood(key) for key in keys]
    checked = 0
    for key in keys:
        for _ in range(30):
            # one edit, two edits, a letter added before or after (the neighbouring
            # word's, in no neighbourhood), a random string of about the same length
            window = rng.choice((_edit(rng, key), _edit(rng, _edit(rng, key)),
                                 rng.choice(LATIN_KEYS) + key, key + rng.choice(LATIN_KEYS),
                                 "".join(rng.choice(LATIN_KEYS) for _ in range(len(key)))))
            window = fold(window)
            if len(window) < MIN_CANDIDATE:
                continue
            checked += 1
            expected = {n for n, variants in enumerate(near) if window in variants}
            assert set(index._terms(window)) == expected, window
    assert checked > 1000


@pytest.mark.parametrize("joined", [False, True])
def test_every_one_edit_variant_in_thai_text_becomes_a_candidate(joined):
    rng = random.Random(SEED + joined)
    keys = _keys(rng, 150)
    scan = Scanner(TermIndex(Glossary(tuple(
        Term(id=f"t{i}", target=key.upper()) for i, key in enumerate(keys)))))
    trials = missed = 0
    for number, key in enumerate(keys):
        for _ in range(4):
            variant = _edit(rng, key)
            if len(variant) < MIN_CANDIDATE:
                continue
            written = variant.upper()
            if joined:  # a multiword name, or a code with a hyphen: GC-188
                at = rng.randrange(1, len(written))
                written = written[:at] + rng.choice(" -") + written[at:]
            before = rng.choice(("ข่าว ", "ข่าวจาก", "ที่ (", ""))
            after = rng.choice((" ไป", "ของ", ") และ", ""))
            text = normalize(before + written + after).text
            start = len(normalize(before).text) if before else 0
            trials += 1
            found = {(c.start, c.end) for c in scan._fuzzy(text, scan._exact(text))
                     if c.term == number}
            if (start, start + len(written)) not in found:
                missed += 1
                print("missed", key, repr(text), found)
    print(f"{trials} one-edit variants of short Latin terms, {missed} missed")
    assert trials > 400
    assert missed == 0
