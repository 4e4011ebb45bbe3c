"""TC103 discovery, step 2: the main rendering of a frequent word and its spellings.

A word in MIN_UNITS units or more gets a *main rendering*: the best Dice association among
what stronger words leave free, not ordinary Thai (เปิด for "open" is grammar, not
terminology), lengthened when nearly always part of a longer form (บัก -> ดีบัก).  Its
spelling variants join it: อัพเดท / อัพเดต / อัปเดต, เซิร์ฟเวอร์ / เซิฟเวอร์, ไดเร็กทอรี /
ไดเรกทอรี (weighted edit distance within the fuzzy budget, or both loanwords of the source
word); two dictionary words are two words, not two spellings (เลือก/เลือด).
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from termcheck.bilingual.consistency.corpus import Corpus, Word, blocked, occurrences
from termcheck.bilingual.consistency.explain import best_gram
from termcheck.bilingual.consistency.loanwords import transliterates
from termcheck.bilingual.consistency.text import COMBINING
from termcheck.bilingual.consistency.tuning import MIN_DICE, MIN_MAIN_SHARE, MIN_MAJORITY
from termcheck.thai.fold import fold, fuzzy_budget, weighted_distance
from termcheck.thai.lexicon import Lexicon

_NOT_MARKS = re.compile("[^\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def main_group(c: Corpus, word: Word, strength: float) -> list[str] | None:
    """The main rendering of a word and its spelling variants, or None when the word has no
    rendering that holds a good share of its units (a word translated in many ways, or
    paraphrased) or its rendering is ordinary Thai, not a term (เปิด for "open")."""
    best, dice = best_gram(c, word.units, word.lemma, min_units=MIN_MAJORITY, above=strength)
    if best is None or dice < MIN_DICE or c.all_common(best):
        return None
    word.strength = dice
    counts = Counter(g for i in word.units for g in c.units[i].grams)
    best = _longest_form(c, word, best, counts)
    group = _variants(c, word, best, counts)
    covered = sum(1 for i in word.units if occurrences(c.units[i], group, word.lemma))
    if covered < MIN_MAIN_SHARE * len(word.units):
        return None
    return group


def _longest_form(c: Corpus, word: Word, best: str, counts: Counter[str]) -> str:
    """Longer renderings win: บัก is ดีบัก when nearly every บัก is (the segmenter reads
    ดี|บัก, ตัวดี|บัก), ตั้งค่า is การตั้งค่า when nearly every ตั้งค่า is."""
    def units_with(form: str) -> int:
        return sum(1 for i in word.units if occurrences(c.units[i], [form], word.lemma))
    base = units_with(best)
    longer = [g for g in counts if best in g and g != best and counts[g] >= 0.5 * base]
    for gram in sorted(longer, key=len, reverse=True):
        if not c.all_common(gram) and units_with(gram) >= 0.8 * base:
            return gram
    return best


def _variants(c: Corpus, word: Word, best: str, counts: Counter[str]) -> list[str]:
    """`best` and its spelling variants among the grams of the word's units (`counts`)."""
    covered = {i for i in word.units if occurrences(c.units[i], [best], word.lemma)}
    lacking = {g for i in set(word.units) - covered for g in c.units[i].grams}
    group = [best]
    seen = {best}
    queue = [best]
    while queue:  # the closure: อัพเดท - อัพเดต - อัปเดต
        near = process.extract(queue.pop(), counts.keys(), scorer=Levenshtein.distance,
                               score_cutoff=4, limit=None)  # a cheap first cut, in C
        for gram, _, _ in near:
            if gram in seen or not any(is_variant(gram, g, c.lexicon, word.lemma)
                                       for g in group):
                continue
            seen.add(gram)
            # a variant is used mostly for this word, or where its main spelling is missing
            if (c.misspelling_like(gram) and _free_somewhere(c, word, gram)
                    and (counts[gram] >= 0.5 * c.spread[gram] or gram in lacking)):
                group.append(gram)
                queue.append(gram)
    return group


def _free_somewhere(c: Corpus, word: Word, gram: str) -> bool:
    """Does `gram` stand in a unit of the word where no other source word explains it?
    (แทร็ก in "Insert Track" renders "track", not a misspelt แทรก for "insert".)"""
    return any(not blocked(span, c.units[i], word.lemma)
               for i in word.units for span in c.units[i].grams.get(gram, ()))


def is_variant(a: str, b: str, lexicon: Lexicon, lemma: str) -> bool:
    """Spelling variants of one word: อัพเดท/อัพเดต, เซิร์ฟเวอร์/เซิฟเวอร์, ไดเร็กทอรี/ไดเรกทอรี.
    Two dictionary words that differ in more than marks are two words, and short words
    only vary in their marks, unless both are loanwords of the source word (ล็อก/ล็อค,
    โหนด/โนด)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 4 or Levenshtein.distance(a, b, score_cutoff=4) > 4:
        return False  # a weighted distance of 2 is at most 4 edits of marks
    short, long = sorted((a, b), key=len)
    if short in long:  # อีเมล/อีเมล์ are variants; ตั้งค่า/การตั้งค่า are two words
        return not _NOT_MARKS.search(long.replace(short, "", 1))
    distance = weighted_distance(a, b)
    if distance > 2.0:
        return False
    if transliterates(a, lemma, lexicon) and transliterates(b, lemma, lexicon):
        return True
    if len(short) <= 3:
        return distance <= 0.5 and fold(a) == fold(b)
    if not (distance <= fuzzy_budget(len(short)) or (distance <= 1.5 and fold(a) == fold(b))):
        return False
    # two words, not two spellings: เลือก/เลือด, ตรงกัน/ตรง|กับ
    return _strip_marks(a) == _strip_marks(b) or not all(
        w in lexicon.words for x in (a, b) for w in lexicon.segment(x))


def _strip_marks(text: str) -> str:
    return COMBINING.sub("", text)
