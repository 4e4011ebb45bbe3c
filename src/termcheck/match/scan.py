"""Find glossary terms, forbidden forms and near-misses in one segment of text.

Pipeline for a segment (a line of a text file, a paragraph line of Markdown):
1. normalise (with the map back to the text as written);
2. exact pass: every form of every term, through one Aho-Corasick automaton;
3. fuzzy pass: fold keys through a second automaton, giving candidate spans;
4. boundaries: a match never starts or ends inside a character cluster, and where both
   sides of an edge are Thai letters the word segmenter must put a boundary there (unless
   the term is `allow_in_compound`); Latin and digits need ordinary word boundaries;
5. verification of near-miss candidates: the context-free verdict (termcheck.match.judge:
   the weighted distance, word edits of long terms, the real-word filter), cached, then the
   context (a shifted view of the text, a personal title before it);
6. the longest match wins; approved uses are kept (they hide nothing else) and reported
   only when their case or encoding is wrong.

The scanner says what it found (termcheck.match.hits: a forbidden form, a near-miss, a
spacing variant, a miscased or broken approved use, an allowed form), never which rule
reports it: the rules in termcheck.checks turn hits into findings.
"""

from __future__ import annotations

from dataclasses import dataclass

from termcheck.match import boundaries, wordedits
from termcheck.match.candidates import FoldHit, PieceMatcher, filter_hits, fold_spans
from termcheck.match.edits import describe_edits, extend_end, extend_separators
from termcheck.match.hits import Hit, HitKind, Scan, Verdict
from termcheck.match.index import TermIndex
from termcheck.match.judge import Judge
from termcheck.thai import chars
from termcheck.thai.fold import (
    fold,
    fold_with_map,
    weighted_distance,
)
from termcheck.thai.normalize import (
    ENCODING_DEFECTS,
    FORM_DEFECTS,
    Normalized,
    normalize_key,
)

_NO_END = chars.COMBINING_SET | {chars.SARA_AM}
# The words of one bare consonant (ณ "at", ธ "you", royal): word lists and corpus counts
# also hold every letter, as a letter's name or an abbreviation.
_ONE_LETTER_WORDS = frozenset("ณธ")
_PRIORITY = {"forbidden": 0, "target": 1, "allowed": 1, "fuzzy": 2, "words": 3}


@dataclass(slots=True)
class _Candidate:
    start: int  # normalised offsets
    end: int
    term: int
    kind: str  # target, allowed, forbidden, fuzzy or words (a word edit of a long term)
    expected: str = ""  # the approved form to offer (the matched form for approved uses)
    hit: HitKind | None = None  # what it turned out to be; None: a clean approved use
    distance: float = 0.0
    edits: str = ""
    defects: tuple[str, ...] = ()
    via: str = ""  # how a fuzzy candidate was found (termcheck.match.candidates)


def _cheap_cluster_ok(text: str, start: int, end: int) -> bool:
    """Character-class part of the cluster rule (THAI.md 3.3 step 1), no segmenter needed."""
    if end < len(text) and text[end] in _NO_END:
        return False
    if start > 0 and text[start - 1] in chars.LEADING_VOWELS:
        return False
    return text[end - 1] not in chars.LEADING_VOWELS and text[start] not in chars.COMBINING_SET


def _inside_latin(text: str, cand: _Candidate) -> bool:
    """Does an exact match start or end inside a run of Latin letters or digits (MZTPQ in
    MZTPQQ)?  It is then no use of the term, and explains no near-miss around it."""
    s, e, latin = cand.start, cand.end, chars.is_latin_or_digit
    return (s > 0 and latin(text[s]) and latin(text[s - 1])) or (
        e < len(text) and latin(text[e - 1]) and latin(text[e]))


class Scanner:
    """Scans segments against a compiled glossary."""

    def __init__(self, index: TermIndex) -> None:
        self.index = index
        self.lexicon = index.lexicon
        self.judge = Judge(index)
        self._verdicts: dict[tuple[int, str, str], Verdict | None] = {}
        self._pieces = PieceMatcher(wordedits.word_keys(index))

    def _on_boundaries(self, text: str, cand: _Candidate) -> bool:
        return boundaries.on_boundaries(
            self.lexicon, text, cand.start, cand.end,
            compound=self.index.terms[cand.term].term.allow_in_compound,
            misspelling=cand.kind in ("fuzzy", "words"))

    # -- candidates -------------------------------------------------------------------------

    def _exact(self, text: str) -> list[_Candidate]:
        found: list[_Candidate] = []
        if self.index.exact is None:
            return found
        for last, (length, forms) in self.index.exact.iter(text):
            start, end = last - length + 1, last + 1
            if not _cheap_cluster_ok(text, start, end):
                continue
            found.extend(_Candidate(start, end, f.term, f.kind, f.text if f.kind != "forbidden"
                                    else self.index.terms[f.term].term.target)
                         for f in forms)
        return found

    def _fuzzy_hits(self, folded: str, exact: list[_Candidate]) -> list[FoldHit]:
        """Fold-key spans that may be near-misses: hits of the fuzzy automaton and spans
        found through the pieces of longer keys, less what an exact use explains."""
        hits: list[FoldHit] = []
        if self.index.fuzzy is not None:
            hits = list(self.index.fuzzy.iter(folded))
        folds = fold_spans(hits)
        if self.index.pieces is not None:
            piece_hits = list(self.index.pieces.iter(folded))
            if piece_hits:
                hits += self._pieces.spans(folded, piece_hits)
        return filter_hits(hits, [c.term for c in exact], folds)

    def _fuzzy(self, text: str, exact: list[_Candidate]) -> list[_Candidate]:
        """Near-miss candidates: spans of fold-key hits, and of hits on the text as written
        (a short form with a space typed inside, ร้า น; short Latin terms, match/latin.py)."""
        spans: list[tuple[int, int, int, str]] = []  # start, end, term, via
        if self.index.spaced is not None:
            spans += [(last - length + 1, last + 1, number, "space") for last, (length, terms)
                      in self.index.spaced.iter(text) for number in terms]
        if self.index.latin:
            spans += [(start, end, number, "edit")
                      for start, end, number in self.index.latin.spans(text)]
        hits = self._fuzzy_hits(fold(text), [c for c in exact if not _inside_latin(text, c)])
        if hits:
            _folded, first, last = fold_with_map(text)
        for end_at, (length, values) in hits:
            begin_at = end_at - length + 1
            # A doubled letter folds to one; the term may own the whole run or only its
            # first or last letter (ขออนุญาต: the second อ starts อนุญาต), so try both.
            start, end = first[begin_at], extend_end(text, first[end_at] + 1)
            if start == last[begin_at] and first[end_at] == last[end_at]:
                spans += [(start, end, number, via) for number, via in values]
            else:
                ends = {end, extend_end(text, last[end_at] + 1)}
                spans += [(s, e, number, via) for s in {start, last[begin_at]} for e in ends
                          for number, via in values]
        seen: set[tuple[int, int, int, str]] = set()
        found: list[_Candidate] = []
        for start, end, number, via in spans:
            if not _cheap_cluster_ok(text, start, end):
                continue
            info = self.index.terms[number]
            kind = "words" if via == "words" else "fuzzy"
            for key in info.punctuated_keys:
                start, end = extend_separators(text, start, end, key)
            if (start, end, number, kind) not in seen and text[start:end] not in self.index.forms:
                seen.add((start, end, number, kind))
                found.append(_Candidate(start, end, number, kind, info.term.target, via=via))
        return found

    def _verify_fuzzy(self, text: str, cand: _Candidate) -> bool:
        """Decide whether a candidate is a near-miss or spacing variant; fill in its rule."""
        found = text[cand.start:cand.end]
        key = (cand.term, found, cand.kind)
        if key in self._verdicts:
            verdict = self._verdicts[key]
        else:
            if len(self._verdicts) > 200_000:
                self._verdicts.clear()
            verdict = self._verdicts[key] = self.judge.verdict(cand.term, found,
                                                               words=cand.kind == "words")
        if verdict is None:
            return False
        kind, edits, approved_key, cost = verdict
        if kind is HitKind.NEAR_MISS and (
                self._misaligned(text, cand, (cost, approved_key))
                or chars.follows_title(text, cand.start)  # a person's name: รศ.ปราณีต
                or self._reads_as_word(found, cand.via)):
            return False
        cand.hit, cand.edits, cand.distance = kind, edits, cost
        cand.expected = self.index.terms[cand.term].approved_forms[approved_key]
        return True

    def _reads_as_word(self, found: str, via: str) -> bool:
        """A one-edit span that reads, in fold-key space, as a Royal Society word is that
        word or a slip of it, not a misspelt term.  A large glossary's fuzzy automaton has
        no such variants (TermIndex.words_dropped); the word list is only read when a
        candidate gets this far, which a pre-commit run seldom sees."""
        if via not in ("edit", "piece") or (via == "edit" and self.index.words_dropped):
            return False
        return fold(found) in self.lexicon.fold_keys

    def _misaligned(self, text: str, cand: _Candidate, best: tuple[float, str]) -> bool:
        """True when taking in one more letter on either side matches better: the candidate
        is then a shifted view of the real text (รุงเทพ inside กรุงเทพ, from the key that
        misses its first letter), not a misspelling."""
        cost, key = best
        return any(s >= 0 and e <= len(text) and text[s:e].strip() == text[s:e]
                   and weighted_distance(key, text[s:e]) < cost
                   for s, e in ((cand.start - 1, cand.end), (cand.start, cand.end + 1)))

    # -- approved uses ----------------------------------------------------------------------

    def _approved_problem(self, norm: Normalized, original: str, cand: _Candidate) -> bool:
        """Set what is wrong when an approved use is miscased or badly encoded."""
        start, end = norm.span_to_original(cand.start, cand.end)
        defects = norm.defects_within(start, end)
        for kind, wanted in ((HitKind.BROKEN, ENCODING_DEFECTS), (HitKind.VARIANT, FORM_DEFECTS)):
            found = tuple(dict.fromkeys(d.kind for d in defects if d.kind in wanted))
            if found:
                cand.hit, cand.defects = kind, found
                return True
        info = self.index.terms[cand.term]
        if info.term.case_sensitive or info.forbidden_case:
            written = normalize_key(original[start:end], casefold=False)
            if written in info.forbidden_case:
                cand.hit, cand.expected = HitKind.FORBIDDEN, info.term.target
                return True
            if info.term.case_sensitive and written not in info.exact_case:
                cand.hit = HitKind.MISCASED
                return True
        return False

    def _doubled_edge(self, text: str, cand: _Candidate, taken: list[_Candidate]) -> bool:
        """Turn an approved use into a near-miss when its first or last consonant is typed
        twice and the extra one stands alone (ปประมาณ, เสียใจจ|ประชา): the fold key folds
        the double into the use, so no candidate shows it.  The extra letter, with any mark
        typed on it, must be a piece of its own that is no word (ประมาณ|ณ|วันที่ has the
        word ณ) and that the segmenter cuts off, or that ends at a space or the line's
        end; only terms with a near-miss budget, on a consonant."""
        start, end = cand.start, cand.end
        if not ((end < len(text) and text[end] == text[end - 1]) or (start > 0 and (
                text[start - 1] == text[start] or text[start - 1] in chars.COMBINING_SET))):
            return False  # no letter typed twice at an edge (the common case, made quick)
        info = self.index.terms[cand.term]
        if cand.kind == "forbidden" or not any(b > 0 for b in info.budgets.values()):
            return False
        if end < len(text) and text[end] in chars.CONSONANTS and text[end] == text[end - 1]:
            stop = end + 1
            while stop < len(text) and text[stop] in chars.COMBINING_SET:
                stop += 1
            if self._lone(text, end, stop):
                end = stop
        if start > 0 and text[start] in chars.CONSONANTS:
            begin = start - 1
            while begin > 0 and text[begin] in chars.COMBINING_SET:
                begin -= 1
            if text[begin] == text[start] and self._lone(text, begin, start):
                start = begin
        if (start, end) == (cand.start, cand.end) or any(
                t is not cand and start < t.end and t.start < end for t in taken):
            return False
        form, found = text[cand.start:cand.end], text[start:end]
        cand.start, cand.end, cand.hit = start, end, HitKind.NEAR_MISS
        cand.edits = describe_edits(form, found)
        cand.distance = weighted_distance(form, found)
        return True

    def _lone(self, text: str, start: int, end: int) -> bool:
        """Is text[start:end] a piece of its own that is not a word?"""
        piece = text[start:end]
        if (self.lexicon.is_word(piece) or piece in _ONE_LETTER_WORDS
                or not self.lexicon.is_cluster_boundary(text, end)):
            return False
        return all(pos <= 0 or pos >= len(text) or not chars.is_thai_letter(text[pos - 1])
                   or not chars.is_thai_letter(text[pos])
                   or self.lexicon.is_word_boundary(text, pos) for pos in (start, end))

    def _nested_case(self, exact: list[_Candidate], outer: list[_Candidate],
                     norm: Normalized, original: str) -> list[_Candidate]:
        """Case-sensitive terms inside a longer, correct approved use: INTERPOL inside
        องค์การตำรวจสากล (INTERPOL).  The longer term wins the span, but (Interpol) is still
        a wrong casing of the inner one."""
        found: list[_Candidate] = []
        for cand in exact:
            info = self.index.terms[cand.term]
            if cand.kind == "forbidden" or not info.term.case_sensitive or cand in outer:
                continue
            if not any(o.term != cand.term and o.start <= cand.start and cand.end <= o.end
                       for o in outer) or not self._on_boundaries(norm.text, cand):
                continue  # not inside a longer use, or not a word of its own (Raton in Dexraton)
            start, end = norm.span_to_original(cand.start, cand.end)
            written = normalize_key(original[start:end], casefold=False)
            if written not in info.exact_case:
                cand.hit = HitKind.MISCASED
                found.append(cand)
        return found

    # -- the whole segment ------------------------------------------------------------------

    def scan(self, norm: Normalized, original: str, *, uses: bool = False,
             allowed: bool = False) -> Scan:
        """What one segment holds: its hits, by position.  `uses`: also say which terms'
        approved forms it uses correctly (the missing-term check needs them); `allowed`:
        also report correct uses of allowed forms (hits of kind ALLOWED, for strict mode)."""
        text = norm.text
        result = Scan()
        if not text.strip():
            return result
        exact = self._exact(text)
        candidates = exact + self._fuzzy(text, exact)
        if not candidates:
            return result
        reported, clean = self._resolve(norm, original, exact, candidates)
        if uses or allowed:
            on_boundaries = [c for c in clean if self._on_boundaries(text, c)]
            if uses:
                result.uses.update(c.term for c in on_boundaries)
                result.uses.update(self._nested_uses(text, exact, reported + clean))
            if allowed:
                for cand in on_boundaries:
                    if cand.kind == "allowed":
                        cand.hit = HitKind.ALLOWED
                        cand.expected = self.index.terms[cand.term].term.target
                        reported.append(cand)
        for cand in sorted(reported, key=lambda c: (c.start, c.end)):
            start, end = norm.span_to_original(cand.start, cand.end)
            assert cand.hit is not None
            result.hits.append(Hit(start, end, cand.term, cand.hit, cand.expected,
                                   cand.distance, cand.edits, cand.defects))
        return result

    def _nested_uses(self, text: str, exact: list[_Candidate], taken: list[_Candidate]
                     ) -> set[int]:
        """Terms used correctly inside the span of another term's use or variant: ไต้หวัน
        in สาธารณรัฐจีน (ไต้หวัน), or in its spacing variant สาธารณรัฐจีน(ไต้หวัน).  The
        longer term wins the span, but the source's "Taiwan" is still translated."""
        return {c.term for c in exact if c.kind in ("target", "allowed") and any(
            t.term != c.term and t.start <= c.start and c.end <= t.end for t in taken)
            and not _inside_latin(text, c) and self._on_boundaries(text, c)}

    def _resolve(self, norm: Normalized, original: str, exact: list[_Candidate],
                 candidates: list[_Candidate]) -> tuple[list[_Candidate], list[_Candidate]]:
        """The candidates to report and the clean approved uses, after verification,
        boundaries and longest-match-wins."""
        text = norm.text
        written: dict[int, list[tuple[int, int]]] = {}  # exact uses of a form, by term
        for c in exact:
            if not _inside_latin(text, c):
                written.setdefault(c.term, []).append((c.start, c.end))
        # Longest match wins: candidates are taken longest first, and one that overlaps a
        # candidate taken already is dropped unjudged.  The taken set is what judging every
        # candidate first would give, with a third of the boundary questions.
        candidates = sorted(candidates, key=lambda c: (-(c.end - c.start), _PRIORITY[c.kind],
                                                       c.start, c.term))
        taken: list[_Candidate] = []
        for cand in candidates:
            if any(cand.start < t.end and t.start < cand.end for t in taken):
                continue
            if cand.kind == "forbidden":
                cand.hit = HitKind.FORBIDDEN
            elif cand.kind in ("fuzzy", "words"):
                if not self._verify_fuzzy(text, cand):
                    continue
                if cand.hit is HitKind.NEAR_MISS and any(
                        cand.start <= s and e <= cand.end for s, e in written.get(cand.term, ())):
                    # a form of the term itself is there (หุ้น in หุ้นนะ; the forbidden
                    # อนุญาติ in ขออนุญาติ): the extra letters belong to the neighbouring word,
                    # and a forbidden form is reported as itself.  Spacing variants stay: in
                    # องค์การตำรวจสากล(INTERPOL) the allowed short form is there, and the
                    # missing space is still wrong.
                    continue
            if cand.hit is not None and not self._on_boundaries(text, cand):
                continue
            taken.append(cand)
        reported: list[_Candidate] = []
        clean: list[_Candidate] = []  # approved uses with nothing wrong
        for cand in taken:
            if cand.hit is not None or (self._approved_problem(norm, original, cand)
                                        and self._on_boundaries(text, cand)):
                reported.append(cand)
            elif cand.hit is None:  # (a problem use that fails the boundaries is neither)
                doubled = self._doubled_edge(text, cand, taken)
                (reported if doubled else clean).append(cand)
        reported += self._nested_case(exact, clean, norm, original)
        return reported, clean
