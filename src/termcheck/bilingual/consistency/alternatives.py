"""TC103 discovery, step 3: alternative renderings of a word that has a main one.

An *alternative rendering* is another word standing where the source has the word more often
than the target has the main group ("files" six times, แฟ้ม four times), unexplained by the
other source words, rarely beside the main group, used mostly for this word, and either a
loanword of it (ไฟล์ for "file", ลิงก์ for "link") or a dictionary word beside a loanword
main rendering (แฟ้ม beside ไฟล์) that stands in two labels or alone in one.  Two different
words without a loanword on either side are let be (สำเนา/คัดลอก for "copy", โดยปกติ/ปริยาย
for "default": senses and idioms).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from termcheck.bilingual.consistency.corpus import Corpus, Word, blocked, occurrences, overlaps
from termcheck.bilingual.consistency.loanwords import transliterates
from termcheck.bilingual.consistency.main_rendering import is_variant
from termcheck.bilingual.consistency.prepare import Prepared, reportable
from termcheck.bilingual.consistency.tuning import (
    MAX_ALONE_WORDS,
    MAX_ALT_BESIDE,
    MIN_ALT_EXCLUSIVE,
    MIN_ALT_UNITS,
)

_PARTICLES = frozenset(["in", "out", "up", "down", "off", "on", "back", "over", "away"])
# Thai grammar words: what may be left over in a unit besides a lone rendering.
_THAI_FUNCTION_WORDS = """
ที่ ซึ่ง อัน ให้ การ ความ ของ ใน และ หรือ ได้ ไม่ จะ แล้ว กับ แก่ ต่อ จาก โดย ด้วย เป็น คือ นี้
นั้น มี อยู่ ถูก ไว้ ก็ ว่า เพื่อ ทุก บาง ไป มา ยัง ๆ กำลัง ทั้ง หาก ถ้า เมื่อ แต่ จึง ตัว
สามารถ ต้อง ควร อาจ กรุณา โปรด"""
THAI_FUNCTION_WORDS = frozenset(_THAI_FUNCTION_WORDS.split())


@dataclass(slots=True)
class _AltContext:
    c: Corpus
    word: Word
    found: dict[int, list[tuple[int, int]]]  # unit -> spans of the main group
    short: set[int]  # units lacking the main rendering somewhere
    main_is_loanword: bool


def alternatives(c: Corpus, word: Word) -> list[list[str]]:
    """Different words standing for `word` where its main rendering is missing (see the
    module docstring), grouped with their own spelling variants."""
    main = word.groups[0]
    found, missing = _missing(c, word, main)
    short = {i for units in missing.values() for i in units}
    ctx = _AltContext(c, word, found, short,
                      any(transliterates(f, word.lemma, c.lexicon) for f in main))
    accepted: list[str] = []
    ranked = sorted(missing.items(),
                    key=lambda kv: (-len({c.units[i].key for i in kv[1]}), -len(kv[0])))
    for gram, where in ranked:
        if not _reject(ctx, gram, where, accepted):
            accepted.append(gram)
    groups: list[list[str]] = [main]
    for gram in accepted:
        group = next((g for g in groups if any(
            is_variant(gram, f, c.lexicon, word.lemma) for f in g)), None)
        if group is None:
            groups.append([gram])
        else:
            group.append(gram)
    return groups[1:]  # the main group, extended in place, is already the word's first


def _missing(c: Corpus, word: Word, main: list[str]
             ) -> tuple[dict[int, list[tuple[int, int]]], dict[str, list[int]]]:
    """The spans of the main group in each unit of the word, and the grams standing free in
    the units that lack the main rendering somewhere (gram -> those units)."""
    found: dict[int, list[tuple[int, int]]] = {}  # unit -> spans of the main group
    missing: dict[str, list[int]] = defaultdict(list)  # gram -> units lacking the main
    for i in word.units:
        p = c.units[i]
        found[i] = [(s, e) for s, e, _ in occurrences(p, main, word.lemma)]
        # "files" 6 times, แฟ้ม 4 times: 2 missing; a word left in English is not missing
        if len(found[i]) + p.kept[word.lemma] < p.words[word.lemma]:
            for gram, spans in p.grams.items():
                if any(_free(c, i, sp, word.lemma, found[i]) for sp in spans):
                    missing[gram].append(i)
    return found, missing


def _free(c: Corpus, i: int, span: tuple[int, int], lemma: str,
          main: list[tuple[int, int]]) -> bool:
    """Is the span outside the main rendering and unexplained by other source words?"""
    return not overlaps(span, main) and not blocked(span, c.units[i], lemma)


def _reject(ctx: _AltContext, gram: str, where: list[int], accepted: list[str]) -> str | None:
    """Why `gram`, found in units of the word lacking its main rendering (`where`), is not
    an alternative rendering of it; None if it is one.  Cheap tests first."""
    c, word = ctx.c, ctx.word
    sources = {c.units[i].key for i in where}
    if any(gram in f or f in gram for f in word.groups[0]):
        return "part of the main rendering, or the main rendering and more"
    if any(gram in a for a in accepted):
        return "a piece of an accepted rendering"
    if any(a in gram for a in accepted) and gram not in c.lexicon.words:
        return "an accepted rendering and a neighbour"
    if len(sources) < MIN_ALT_UNITS and not any(_label(c.units[i], word.lemma) for i in where):
        return "once, in a sentence"  # needs a second source, or to stand alone in a label
    why = _reject_by_kind(ctx, gram, where, sources)
    if why:
        return why
    if c.all_common(gram) or not c.cohesive(gram):
        return "common Thai, or a phrase"
    return _reject_by_use(ctx, gram, where, sources)


def _reject_by_kind(ctx: _AltContext, gram: str, where: list[int],
                    sources: set[tuple[str, ...]]) -> str | None:
    """The tests for a loanword of the word, and those for any other word."""
    c, lemma, lexicon = ctx.c, ctx.word.lemma, ctx.c.lexicon
    if transliterates(gram, lemma, lexicon):
        if len(sources) < MIN_ALT_UNITS and not any(_alone(c, i, gram, lemma) for i in where):
            return "a loanword, once, and not alone in its unit"  # วินโดวส์ for "Windows"
        return None
    if not ctx.main_is_loanword:
        # สำเนา beside คัดลอก for "copy", โดยปกติ beside ปริยาย for "default": another
        # sense or an idiom.  A loanword on either side makes it one term: ไฟล์/แฟ้ม.
        return "a different word, and neither it nor the main rendering is a loanword"
    if len(c.words_of(gram)) > 1 or gram not in lexicon.words:
        return "not a loanword, and not one dictionary word"  # ประเภทของ, ที่หน้าเว็บ
    # A native word beside a loanword main rendering counts in labels only: in
    # sentences translators paraphrase (มากกว่า, นอกนั้น for "function" in Godot).
    labels = {c.units[i].key for i in where if _label(c.units[i], lemma)}
    if len(labels) < MIN_ALT_UNITS and not any(_alone(c, i, gram, lemma) for i in where):
        return "a native word, not in two labels nor alone in one"
    return None


def _reject_by_use(ctx: _AltContext, gram: str, where: list[int],
                   sources: set[tuple[str, ...]]) -> str | None:
    """The tests that look at every unit holding the gram."""
    c, lemma = ctx.c, ctx.word.lemma
    members = ctx.found.keys()
    beside = {c.units[i].key for i in c.holders[gram]
              if i in members and i not in ctx.short
              and any(_free(c, i, sp, lemma, ctx.found[i]) for sp in c.units[i].grams[gram])}
    beside -= sources
    if len(beside) > MAX_ALT_BESIDE * (len(sources) + len(beside)):
        return f"{len(beside)} beside the main rendering, {len(sources)} without"
    free = [i for i in c.holders[gram]
            if any(not blocked(sp, c.units[i], lemma) for sp in c.units[i].grams[gram])]
    exclusive = sum(1 for i in free if i in members) / len(free)
    if exclusive < MIN_ALT_EXCLUSIVE:
        return f"used for other words too ({exclusive:.2f})"
    others = {v for i in where for v in c.units[i].words if v != lemma and len(v) > 2}
    if any(transliterates(gram, v, c.lexicon) for v in others):
        return "a loanword of another word of its sources"  # รีโมต in "Run Remote ..."
    return None


def _phrasal(p: Prepared, lemma: str) -> bool:
    """Is the word used in a phrasal verb here ("Zoom Out" -> ย่อ)?"""
    return any(v == lemma and nxt in _PARTICLES for v, nxt in zip(p.seq, p.key[1:], strict=False))


def _label(p: Prepared, lemma: str) -> bool:
    """A short unit whose other source words are all accounted for, so that what is left
    of its Thai can only render `lemma`.  In a sentence a paraphrase is likelier; with
    "fields didn't match" left over, ตรงกัน may render "match"; "Zoom Out" is ย่อ."""
    if len(p.key) > MAX_ALONE_WORDS or _phrasal(p, lemma):
        return False
    explained = {other for _, _, other, _ in p.explained}
    return all(v == lemma or not reportable(v) or v in explained or p.kept[v]
               for v in p.words)


def _alone(c: Corpus, i: int, gram: str, lemma: str) -> bool:
    """Is `gram` all the Thai of a short unit that nothing else explains, while every other
    source word is accounted for?  Then it can only render `lemma` ("This file cannot be
    stopped" -> ไม่สามารถหยุดแฟ้มนี้ได้, with หยุด for "stop")."""
    p = c.units[i]
    if not _label(p, lemma):
        return False
    loose = [(s, e) for s, e in p.tokens
             if p.text[s:e] not in THAI_FUNCTION_WORDS and not blocked((s, e), p, lemma)]
    return bool(loose) and any(all(s <= ls and le <= e for ls, le in loose)
                               for s, e in p.grams[gram])
