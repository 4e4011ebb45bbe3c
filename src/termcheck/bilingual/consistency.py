"""Consistency across the segments of one run: TC102 and TC103 (issue 3, section 3).

TC102, the same source text translated differently: units are grouped by context and
normalised source; in a group with several normalised translations every unit whose
translation is not the majority one (the first seen on a tie) is reported.

TC103, one source term rendered in several ways, in two ways:
- Glossary terms with several accepted forms (`KnownTerm`): in the units whose source holds
  the term (english.SourceIndex: whole words, inflections), count which forms each uses and
  report the minority forms.
- Frequent source words that the glossary does not cover, discovered from the units (an
  Xbench "key term mismatch" without a key-term list).  Every target is segmented once;
  runs of one to four Thai words are candidate renderings.  Source words become lemmas
  (files, updated, updating -> file, update; not settings -> set).
  1. A first pass gives every source word seen in two sources its best Dice-associated
     rendering, and marks the spans it explains: "create" takes สร้าง, so สร้างโฟลเดอร์ is
     not a rendering of "directory".  A rendering that holds a loanword of another source
     word of its units belongs to that word ("derivative" beside "Fragment").
  2. A word in MIN_UNITS units or more gets a *main rendering*: the best Dice association
     among what stronger words leave free, not ordinary Thai (เปิด for "open" is grammar,
     not terminology), lengthened when nearly always part of a longer form (บัก -> ดีบัก).
     Its spelling variants join it: อัพเดท / อัพเดต / อัปเดต, เซิร์ฟเวอร์ / เซิฟเวอร์,
     ไดเร็กทอรี / ไดเรกทอรี (weighted edit distance within the fuzzy budget, or both
     loanwords of the source word); two dictionary words are two words, not two
     spellings (เลือก/เลือด).
  3. An *alternative rendering* is another word standing where the source has the word
     more often than the target has the main group ("files" six times, แฟ้ม four times),
     unexplained by the other source words, rarely beside the main group, used mostly for
     this word, and either a loanword of it (ไฟล์ for "file", ลิงก์ for "link") or a
     dictionary word beside a loanword main rendering (แฟ้ม beside ไฟล์) that stands in two
     labels or alone in one.  Two different words without a loanword on either side are
     let be (สำเนา/คัดลอก for "copy", โดยปกติ/ปริยาย for "default": senses and idioms).
  Counting is per unit, by substring (the segmenter cuts unknown loanwords anywhere), the
  longest rendering first (ตั้งค่า inside การตั้งค่า is not counted).

Precision comes first: a linter that cries wolf gets switched off, so every test errs on the
side of silence.  Pure functions: nothing here prints.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from termcheck.bilingual.english import SourceIndex, tokens
from termcheck.thai.fold import fold, fuzzy_budget, weighted_distance
from termcheck.thai.lexicon import Lexicon
from termcheck.thai.normalize import Normalized, normalize, normalize_key


@dataclass(frozen=True, slots=True)
class Unit:
    """One translated segment of a bilingual file."""

    path: str  # file it came from
    index: int  # segment number in that file (to point back at it)
    source: str  # source text (accelerators already removed)
    target: str  # translation (accelerators already removed)
    context: str | None  # msgctxt / unit id


@dataclass(frozen=True, slots=True)
class KnownTerm:
    """A glossary term as the consistency check sees it."""

    source: tuple[str, ...]  # its source-language terms ("file", "file manager")
    forms: tuple[str, ...]  # accepted Thai forms, the target first (then allowed forms)
    term_id: str = ""  # glossary id, carried into the finding


@dataclass(frozen=True, slots=True)
class Inconsistency:
    """A minority translation (TC102) or rendering (TC103) and the counts behind it."""

    rule: str  # "TC102" or "TC103"
    unit: Unit  # where to report
    start: int  # span in unit.target (0..len for a whole-segment TC102)
    end: int
    found: str  # the minority rendering as written in the target
    expected: str  # the majority rendering
    term: str  # TC103: the source term (e.g. "file"); TC102: the source text
    message: str  # one line, with the counts
    term_id: str = ""  # TC103 for a glossary term: its id; otherwise empty


# -- tuning ----------------------------------------------------------------------------------
MIN_UNITS = 5  # a source word in fewer units is not "frequent"
MIN_MAJORITY = 3  # the majority rendering must stand in at least this many units
MIN_MAIN_SHARE = 0.4  # ... and in this share of the word's units: else the word has no rendering
MIN_DICE = 0.3  # association of the word and its main rendering
MIN_ALT_UNITS = 2  # a different word must stand in this many units without the main rendering
MIN_ALT_EXCLUSIVE = 0.6  # share of its unexplained uses that are for this source word
MAX_ALT_BESIDE = 0.34  # share of its uses (within S) that stand beside the main rendering
RARE_IN_TNC = 1000  # a Thai word seen less often than this in the TNC may be a loanword
MAX_ALONE_WORDS = 8  # a unit this short can show a lone rendering by elimination
RECOUNT = 8  # leading candidates recounted without what other words explain
EXPLAIN_DICE = 0.4  # first pass: association enough to say what a word's rendering is
MAX_NGRAM = 4  # Thai words per rendering (misspelt loanwords segment into pieces: ได|เร็กทอ|รี)

_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")
_THAI_TOKEN = re.compile("^[\u0e01-\u0e4e]+$")
_THAI_RUN = re.compile("[\u0e01-\u0e4e]+|[^\u0e01-\u0e4e]+")
# A rendering begins with a token of two letters or more, the first a consonant or a leading
# vowel (not the stray ม of a misread word: โว|ลุ|ม|ไม่สำเร็จ), and ends with a token that
# has a consonant (โน|ด, a lone ด, ends โนด; ำ|งาน from a typo ends nothing).
_HEAD_CHARS = frozenset(chr(c) for c in [*range(0x0E01, 0x0E2F), *range(0x0E40, 0x0E45)])
_TAIL_TOKEN = re.compile(".*[\u0e01-\u0e2e]")
_COMBINING = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
_NOT_MARKS = re.compile("[^\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
_SPACE = re.compile(r"\s+")
_EDGE_PUNCTUATION = " .,:;!?…\"'“”‘’()[]"
# What is not a word of the source text: printf and Python placeholders, {0} and {name},
# $var and ${var}, markup, entities, URLs and e-mail addresses.
_NOT_WORDS = re.compile(
    r"%(?:\([^)]*\))?[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|ll|[hlLqjzt])?[a-zA-Z%@]"
    r"|\{[^{}]*\}|\$\{[^}]*\}|\$\w+|<[^<>]*>|&#?\w+;"
    r"|\b(?:https?|ftp|file)://\S+|\S+@\S+\.\w+"
)
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
_PARTICLES = frozenset(["in", "out", "up", "down", "off", "on", "back", "over", "away"])
# Thai grammar words: what may be left over in a unit besides a lone rendering.
_THAI_FUNCTION_WORDS = """
ที่ ซึ่ง อัน ให้ การ ความ ของ ใน และ หรือ ได้ ไม่ จะ แล้ว กับ แก่ ต่อ จาก โดย ด้วย เป็น คือ นี้
นั้น มี อยู่ ถูก ไว้ ก็ ว่า เพื่อ ทุก บาง ไป มา ยัง ๆ กำลัง ทั้ง หาก ถ้า เมื่อ แต่ จึง ตัว
สามารถ ต้อง ควร อาจ กรุณา โปรด"""
THAI_FUNCTION_WORDS = frozenset(_THAI_FUNCTION_WORDS.split())


# -- small helpers ---------------------------------------------------------------------------

def _key(text: str, *, casefold: bool = True) -> str:
    """Matching key: normalised, whitespace collapsed and stripped."""
    return _SPACE.sub(" ", normalize(text, casefold=casefold).text).strip()


def _quote(text: str, limit: int = 40) -> str:
    """A text on one line, shortened for a message."""
    one = _SPACE.sub(" ", text).strip()
    return one if len(one) <= limit else one[:limit - 1] + "…"


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _counts_text(counts: Sequence[tuple[str, int]]) -> str:
    parts = [f"{_quote(form)} {_times(n)}" for form, n in counts]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _non_overlapping(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longest first, then leftmost; drop spans overlapping one already taken."""
    taken: list[tuple[int, int, str]] = []
    for s, e, what in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if all(e <= ts or s >= te for ts, te, _ in taken):
            taken.append((s, e, what))
    return sorted(taken)


def _find_forms(text: str, forms: Sequence[str]) -> list[tuple[int, int, str]]:
    """Occurrences of `forms` in normalised `text`, longest first, not overlapping, never
    cut before a combining mark (อีเมล is not found in อีเมล์)."""
    spans = []
    for form in forms:
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if not (end < len(text) and _COMBINING.match(text[end])):
                spans.append((start, end, form))
            start = text.find(form, start + 1)
    return spans if len(spans) < 2 else _non_overlapping(spans)


# -- TC102: the same source text translated differently --------------------------------------

def _same_source(units: Sequence[Unit]) -> list[Inconsistency]:
    """Minority translations of each (context, source) group.

    Punctuation at either end is not compared (กลุ่ม and กลุ่ม: for "Group", เทขยะ… and
    เทขยะ): that is a punctuation check's business.  A target without a single Thai letter
    (a placeholder string, a name or command left in English, "%s: %s") is not compared:
    such copies differ in formatting, not in wording, and a source left untranslated is a
    job for TC101, not a rival translation.  The source is compared case-sensitively:
    "Open" and "open" sit in different places of an interface.
    """
    groups: dict[tuple[str, str], list[tuple[Unit, str]]] = {}
    for unit in units:
        if not _THAI_LETTER.search(unit.target):
            continue
        key = (unit.context or "", _key(unit.source, casefold=False))
        groups.setdefault(key, []).append((unit, _key(unit.target).strip(_EDGE_PUNCTUATION)))
    out: list[Inconsistency] = []
    for members in groups.values():
        counts = Counter(target for _, target in members)  # insertion order: first seen
        if len(counts) < 2:
            continue
        majority = max(counts, key=counts.__getitem__)  # a tie goes to the first seen
        written = {}
        for unit, target in members:
            written.setdefault(target, unit.target)
        ranked = [(written[t], n) for t, n in sorted(
            counts.items(), key=lambda kv: (kv[0] != majority, -kv[1]))]
        source = members[0][0].source
        message = (f"'{_quote(source)}' is translated {_counts_text(ranked)} in this run")
        out.extend(Inconsistency("TC102", unit, 0, len(unit.target), unit.target,
                                 written[majority], source, message)
                   for unit, target in members if target != majority)
    return out


# -- the units, prepared once ----------------------------------------------------------------

@dataclass(slots=True)
class _Prepared:
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
    masks: dict[tuple[str, float], bytearray] = field(default_factory=dict)  # _blocked's


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
        heads = [e - s > 1 and text[s] in _HEAD_CHARS and _TAIL_TOKEN.match(text, s, e)
                 is not None for s, e in run]
        tails = [_TAIL_TOKEN.match(text, s, e) is not None for s, e in run]
        for i, (s, _) in enumerate(run):
            if not heads[i]:
                continue
            for j in range(i, min(i + MAX_NGRAM, len(run))):
                if tails[j]:
                    grams[text[s:run[j][1]]].append((s, run[j][1]))
        words.extend(run)
        run = []
    return words, grams, bounds


def _split_mixed(words: list[str]) -> list[str]:
    """nlpO3 may glue punctuation to a Thai word (โน|ด:): split it off."""
    out: list[str] = []
    for w in words:
        if len(w) == 1 or w.isascii() or _THAI_TOKEN.match(w):
            out.append(w)
        else:
            out.extend(_THAI_RUN.findall(w))
    return out


def _words(source: str) -> list[str]:
    """Lower-case words of a source text, placeholders and markup left out, possessives
    made plain (file's -> file)."""
    words = (w[:-2] if w.endswith(("'s", "’s")) else w for w in tokens(_NOT_WORDS.sub(" ", source)))
    return [w for w in words if w.isalpha()]


def _bases(word: str, vocab: set[str] | frozenset[str] = frozenset()) -> list[str]:
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
    return {w: next((b for b in _bases(w, vocab) if b in vocab and len(b) > 2), w)
            for w in vocab}


def _prepare(units: Sequence[Unit], lexicon: Lexicon) -> list[_Prepared]:
    words_of = [_words(u.source) for u in units]
    lemma = _lemmas(w for ws in words_of for w in ws)
    out = []
    for unit, words in zip(units, words_of, strict=True):
        if not _THAI_LETTER.search(unit.target):
            continue  # English left in English has no Thai rendering to compare
        norm = normalize(unit.target)
        thai_words, grams, bounds = _segment(norm.text, lexicon)
        seq = tuple(lemma[w] for w in words)
        kept = Counter(lemma.get(w, w) for w in _words(norm.text))
        out.append(_Prepared(unit, norm.text, norm, thai_words, grams,
                             Counter(v for v in seq if len(v) > 1), tuple(words), seq,
                             frozenset(bounds), kept))
    return out


def _reportable(lemma: str) -> bool:
    return len(lemma) > 2 and lemma not in STOP_WORDS


# -- loanwords -------------------------------------------------------------------------------

# An English word and a Thai loanword written for it share their consonants: file/ไฟล์,
# link/ลิงก์, desktop/เดสก์ท็อป, update/อัปเดต.  Sibilants are one class (version/เวอร์ชัน,
# cache/แคช, package/แพ็กเกจ); d and t are one (Thai writes ด, ต or ท for both).  A rare
# alternative rendering is believed when it is such a transliteration of the source word.
_THAI_SOUNDS = {
    **dict.fromkeys("กขฃคฅฆ", "k"), "ง": "n",
    **dict.fromkeys("ซศษสจฉชฌ", "s"), **dict.fromkeys("ญย", "y"),
    **dict.fromkeys("ฎฏฐฑฒดตถทธ", "t"), **dict.fromkeys("ณน", "n"), "บ": "b",
    **dict.fromkeys("ปผพภ", "p"), **dict.fromkeys("ฝฟ", "f"), "ม": "m", "ร": "r",
    **dict.fromkeys("ลฬ", "l"), "ว": "w",
}  # ห, ฮ and อ are silent here, as h and the vowels are in English
_ENGLISH_SOUNDS = (
    ("ph", "f"), ("th", "t"), ("[cs]h", "s"), ("ck|q", "k"), ("x", "ks"), ("c(?=[eiy])", "s"),
    ("g(?=[eiy])|j", "s"), ("[cg]", "k"), ("d", "t"), ("v", "w"), ("z", "s"),
    ("[aeiouh]|(?<=.)y", ""))
_ENGLISH = re.compile("|".join(f"(?P<s{n}>{p})" for n, (p, _) in enumerate(_ENGLISH_SOUNDS)))
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 12)
def _skeleton_en(word: str) -> str:
    sounds = _ENGLISH.sub(lambda m: _ENGLISH_SOUNDS[int(m.lastgroup[1:])][1], word)
    return _DOUBLED.sub(r"\1", sounds)


def _skeletons_en(word: str) -> tuple[str, ...]:
    """The English word's skeletons (v may be written ว or ฟ)."""
    if "v" in word:
        return _skeleton_en(word), _skeleton_en(word.replace("v", "f"))
    return (_skeleton_en(word),)


@lru_cache(maxsize=1 << 16)
def _skeleton_th(word: str) -> str:
    word = word.replace("\u0e22\u0e4c", "")  # ย์ as in เลย์เอาต์ stands for a vowel
    return _DOUBLED.sub(r"\1", "".join(_THAI_SOUNDS.get(ch, "") for ch in word))


def _transliterates(thai: str, english: str, lexicon: Lexicon | None = None) -> bool:
    """Is `thai` a loanword of `english`?  (English v is ว or ฟ: version, drive.)"""
    if "v" in english and _transliterates(thai, english.replace("v", "f"), lexicon):
        return True
    return _transliterates_as(thai, english, lexicon)


@lru_cache(maxsize=1 << 16)
def _transliterates_as(thai: str, english: str, lexicon: Lexicon | None) -> bool:
    """Is `thai` a loanword of `english`?  Frequent Thai words are not (ล่าสุด is not "last",
    though both are l-s-t); a short skeleton must match exactly (ตั้งค่า is not "setting")."""
    common = lexicon.common_words if lexicon else frozenset()
    frequency = lexicon.frequency if lexicon else {}
    a, b = _skeleton_th(thai), _skeleton_en(english)
    if min(len(a), len(b)) < 2 or thai in common:
        return False
    if a == b:  # two or three consonants can meet by chance: then the word must be rare
        return len(a) > 3 or frequency.get(thai, 0) < RARE_IN_TNC
    if len(a) == len(b) + 1 >= 5 and Levenshtein.distance(a, b) == 1:
        return True  # a consonant more in Thai: เซิร์ฟเวอร์ s-r-f-w-r for server s-r-w-r
    return min(len(a), len(b)) >= 5 and Levenshtein.distance(a, b) <= 1


# -- TC103 discovery: what each source word's rendering is -----------------------------------

@dataclass(slots=True)
class _Word:
    """A frequent source word and what was found about its renderings."""

    lemma: str
    units: list[int]  # indices into the prepared list
    strength: float = 0.0  # Dice of the word and its main rendering
    groups: list[list[str]] = field(default_factory=list)  # [main + variants], alternatives...
    notes: list[str] = field(default_factory=list)  # why candidates were rejected (tuning)


class _Corpus:
    """The prepared units with the indexes that discovery needs."""

    def __init__(self, prepared: Sequence[_Prepared], lexicon: Lexicon) -> None:
        self.units = prepared
        self.lexicon = lexicon
        self.holders: dict[str, list[int]] = defaultdict(list)  # gram -> units holding it
        self.by_lemma: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(prepared):
            for gram in p.grams:
                self.holders[gram].append(i)
            for lemma in p.words:
                self.by_lemma[lemma].append(i)
        self.spread = {g: len(us) for g, us in self.holders.items()}
        # the grams of each unit that another unit holds too: candidates for a rendering
        self.shared = [[g for g in p.grams if self.spread[g] > 1] for p in prepared]
        self._words_of: dict[str, list[str]] = {}

    def words_of(self, gram: str) -> list[str]:
        """The Thai words a gram is made of."""
        found = self._words_of.get(gram)
        if found is None:
            found = self._words_of[gram] = self.lexicon.segment(gram)
        return found

    def all_common(self, gram: str) -> bool:
        """Ordinary Thai, not a term: a common word (เปิด, แสดง), or common words that are
        not a compound (ใช้|การ; but พื้น|โต๊ะ is one)."""
        words = self.words_of(gram)
        if not all(w in self.lexicon.common_words for w in words):
            return False
        return len(words) == 1 or not self.cohesive(gram)

    def misspelling_like(self, gram: str) -> bool:
        """Could this be a spelling of a word: one token, or a run with a piece that is no
        word (เซิฟ|เวอร์, ได|เร็กทอ|รี); not a phrase of words (ตรง|กัน beside ตรง|กับ)."""
        words = self.words_of(gram)
        if len(words) == 1:
            return not self.all_common(gram)
        return any(w not in self.lexicon.words for w in words)

    def cohesive(self, gram: str) -> bool:
        """A gram of several words that mostly occur together (จุด|เชื่อม, ได|เร็กทอ|รี),
        not a phrase that happens to repeat (เปิด|โฟลเดอร์|ที่|เลือก)."""
        words = self.words_of(gram)
        if len(words) < 2:
            return True
        parts = [w for w in words if w not in self.lexicon.common_words] or words
        return self.spread.get(gram, 0) >= 0.5 * min(self.spread.get(w, 1) for w in parts)


def _overlaps(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def _blocked(span: tuple[int, int], p: _Prepared, lemma: str, above: float = -1.0) -> bool:
    """Does the span overlap a span explained by another source word (one associated more
    strongly than `above` with its rendering)?"""
    mask = p.masks.get((lemma, above))
    if mask is None:  # one pass over the unit's explained spans per word asking
        mask = p.masks[lemma, above] = bytearray(len(p.text))
        for s, e, other, strength in p.explained:
            if other != lemma and strength > above:
                mask[s:e] = b"\x01" * (e - s)
    return mask.find(1, span[0], span[1]) >= 0


def _occurrences(p: _Prepared, forms: Sequence[str], lemma: str) -> list[tuple[int, int, str]]:
    """Where `forms` stand in the unit, longest first.  Substrings, not words, for the
    segmenter cuts unknown loanwords anywhere (ตัวดี|บัก, กา|รดี|บัก); but a substring that
    cuts a word inside a rendering of another source word does not count (ซอร์ส for
    "source" inside รีซอร์ส for "resource")."""
    return [(s, e, f) for s, e, f in _find_forms(p.text, forms)
            if (s in p.bounds and e in p.bounds) or not any(
                os <= s and e <= oe and oe - os > e - s and other != lemma
                for os, oe, other, _ in p.explained)]


def _best_gram(c: _Corpus, units: Sequence[int], lemma: str, *, min_units: int,
               above: float | None) -> tuple[str | None, float]:
    """The gram with the best Dice association with the units (longer on a tie).  With
    `above`, occurrences explained by source words more strongly associated are ignored
    (only the leading candidates are recounted so: free counts can only be lower)."""
    counts: Counter[str] = Counter()
    for i in units:
        counts.update(c.shared[i])
    size = len(units)
    spread = c.spread
    members = set(units)
    ranked = (r for r in heapq.nlargest(RECOUNT, (
        (round(2 * a / (size + spread[g]), 3), len(g), g)
        for g, a in counts.items() if a >= min_units))
        if not _foreign(c, r[2], lemma, members))
    if above is None:
        first = next(ranked, None)
        return (first[2], first[0]) if first else (None, 0.0)
    best, best_key = None, (0.0, 0)
    for dice, length, gram in ranked:
        if (dice, length) <= best_key:
            break
        free = sum(1 for i in c.holders[gram] if i in members and any(
            not _blocked(span, c.units[i], lemma, above) for span in c.units[i].grams[gram]))
        key = (round(2 * free / (size + c.spread[gram]), 3), length)
        if free >= min_units and key > best_key:
            best, best_key = gram, key
    return best, best_key[0]


def _foreign(c: _Corpus, gram: str, lemma: str, members: set[int]) -> bool:
    """Does the gram hold a loanword of another source word of its units?  Then it is that
    word's: "derivative" always beside "Fragment" is not rendered โหมดแฟรกเมนต์."""
    if _transliterates(gram, lemma, c.lexicon):
        return False
    sample = [i for i in c.holders[gram] if i in members][:3]
    others = {sk for i in sample for v in c.units[i].words if v != lemma and len(v) > 2
              for sk in _skeletons_en(v)}  # exact matches only: this runs for every word
    lexicon = c.lexicon
    return any(len(sk := _skeleton_th(w)) > 1 and sk in others
               and w not in lexicon.common_words
               and (len(sk) > 3 or lexicon.frequency.get(w, 0) < RARE_IN_TNC)
               for w in c.words_of(gram))


def _explain_all(c: _Corpus) -> dict[str, float]:
    """First pass: the best rendering of every source word in two units or more, stop words
    included, marks the spans it explains.  Only for explaining: it keeps "create" (สร้าง)
    from passing for a rendering of "folder" in สร้างโฟลเดอร์."""
    strength = {}
    for lemma, all_units in c.by_lemma.items():
        # a word left in English ("Xfce", "ViewportTexture") renders nothing in Thai, and
        # one source repeated ("Orphan Resource Explorer" twice) tells nothing apart
        units = [i for i in all_units if not c.units[i].kept[lemma]]
        if len({c.units[i].key for i in units}) < 2 or (
                lemma in STOP_WORDS and len(units) > 0.1 * len(c.units)):
            continue  # "the", "to": everywhere, and rendered by nothing in particular
        gram, dice = _best_gram(c, units, lemma, min_units=2, above=None)
        if gram is None or dice < EXPLAIN_DICE:
            continue
        strength[lemma] = dice
        for i in units:
            p = c.units[i]
            p.explained.extend((s, e, lemma, dice) for s, e, _ in _find_forms(p.text, [gram]))
    for p in c.units:
        p.masks.clear()
    return strength


# -- TC103 discovery: the main rendering and its spellings -----------------------------------

def _strip_marks(text: str) -> str:
    return _COMBINING.sub("", text)


def _is_variant(a: str, b: str, lexicon: Lexicon, lemma: str = "") -> bool:
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
    if lemma and _transliterates(a, lemma, lexicon) and _transliterates(b, lemma, lexicon):
        return True
    if len(short) <= 3:
        return distance <= 0.5 and fold(a) == fold(b)
    if not (distance <= fuzzy_budget(len(short)) or (distance <= 1.5 and fold(a) == fold(b))):
        return False
    # two words, not two spellings: เลือก/เลือด, ตรงกัน/ตรง|กับ
    return _strip_marks(a) == _strip_marks(b) or not all(
        w in lexicon.words for x in (a, b) for w in lexicon.segment(x))


def _free_somewhere(c: _Corpus, word: _Word, gram: str) -> bool:
    """Does `gram` stand in a unit of the word where no other source word explains it?
    (แทร็ก in "Insert Track" renders "track", not a misspelt แทรก for "insert".)"""
    return any(not _blocked(span, c.units[i], word.lemma)
               for i in word.units for span in c.units[i].grams.get(gram, ()))


def _longest_form(c: _Corpus, word: _Word, best: str, counts: Counter[str]) -> str:
    """Longer renderings win: บัก is ดีบัก when nearly every บัก is (the segmenter reads
    ดี|บัก, ตัวดี|บัก), ตั้งค่า is การตั้งค่า when nearly every ตั้งค่า is."""
    def units_with(form: str) -> int:
        return sum(1 for i in word.units if _occurrences(c.units[i], [form], word.lemma))
    base = units_with(best)
    longer = [g for g in counts if best in g and g != best and counts[g] >= 0.5 * base]
    for gram in sorted(longer, key=len, reverse=True):
        if not c.all_common(gram) and units_with(gram) >= 0.8 * base:
            return gram
    return best


def _main_group(c: _Corpus, word: _Word, strength: float) -> list[str] | None:
    """The main rendering of a word and its spelling variants, or None when the word has no
    rendering that holds a good share of its units (a word translated in many ways, or
    paraphrased) or its rendering is ordinary Thai, not a term (เปิด for "open")."""
    best, dice = _best_gram(c, word.units, word.lemma, min_units=MIN_MAJORITY, above=strength)
    if best is None or dice < MIN_DICE:
        word.notes.append(f"no main rendering (best {best} {dice})")
        return None
    if c.all_common(best):
        word.notes.append(f"main rendering {best} is common Thai")
        return None
    word.strength = dice
    counts = Counter(g for i in word.units for g in c.units[i].grams)
    best = _longest_form(c, word, best, counts)
    covered = {i for i in word.units if _occurrences(c.units[i], [best], word.lemma)}
    lacking = {g for i in set(word.units) - covered for g in c.units[i].grams}
    group = [best]
    seen = {best}
    queue = [best]
    while queue:  # the closure: อัพเดท - อัพเดต - อัปเดต
        near = process.extract(queue.pop(), counts.keys(), scorer=Levenshtein.distance,
                               score_cutoff=4, limit=None)  # a cheap first cut, in C
        for gram, _, _ in near:
            if gram in seen or not any(_is_variant(gram, g, c.lexicon, word.lemma)
                                       for g in group):
                continue
            seen.add(gram)
            # a variant is used mostly for this word, or where its main spelling is missing
            if (c.misspelling_like(gram) and _free_somewhere(c, word, gram)
                    and (counts[gram] >= 0.5 * c.spread[gram] or gram in lacking)):
                group.append(gram)
                queue.append(gram)
    covered = sum(1 for i in word.units if _occurrences(c.units[i], group, word.lemma))
    if covered < MIN_MAIN_SHARE * len(word.units):
        word.notes.append(f"main rendering {best} covers only {covered}/{len(word.units)}")
        return None
    return group


# -- TC103 discovery: alternative renderings -------------------------------------------------

def _phrasal(p: _Prepared, lemma: str) -> bool:
    """Is the word used in a phrasal verb here ("Zoom Out" -> ย่อ)?"""
    return any(v == lemma and nxt in _PARTICLES for v, nxt in zip(p.seq, p.key[1:], strict=False))


def _label(p: _Prepared, lemma: str) -> bool:
    """A short unit whose other source words are all accounted for, so that what is left
    of its Thai can only render `lemma`.  In a sentence a paraphrase is likelier; with
    "fields didn't match" left over, ตรงกัน may render "match"; "Zoom Out" is ย่อ."""
    if len(p.key) > MAX_ALONE_WORDS or _phrasal(p, lemma):
        return False
    explained = {other for _, _, other, _ in p.explained}
    return all(v == lemma or not _reportable(v) or v in explained or p.kept[v]
               for v in p.words)


def _alone(c: _Corpus, i: int, gram: str, lemma: str) -> bool:
    """Is `gram` all the Thai of a short unit that nothing else explains, while every other
    source word is accounted for?  Then it can only render `lemma` ("This file cannot be
    stopped" -> ไม่สามารถหยุดแฟ้มนี้ได้, with หยุด for "stop")."""
    p = c.units[i]
    if not _label(p, lemma):
        return False
    loose = [(s, e) for s, e in p.tokens
             if p.text[s:e] not in THAI_FUNCTION_WORDS and not _blocked((s, e), p, lemma)]
    return bool(loose) and any(all(s <= ls and le <= e for ls, le in loose)
                               for s, e in p.grams[gram])


@dataclass(slots=True)
class _AltContext:
    c: _Corpus
    word: _Word
    found: dict[int, list[tuple[int, int]]]  # unit -> spans of the main group
    short: set[int]  # units lacking the main rendering somewhere
    main_is_loanword: bool


def _alternatives(c: _Corpus, word: _Word) -> list[list[str]]:
    """Different words standing for `word` where its main rendering is missing (see the
    module docstring), grouped with their own spelling variants."""
    main = word.groups[0]
    found: dict[int, list[tuple[int, int]]] = {}  # unit -> spans of the main group
    missing: dict[str, list[int]] = defaultdict(list)  # gram -> units lacking the main
    for i in word.units:
        p = c.units[i]
        found[i] = [(s, e) for s, e, _ in _occurrences(p, main, word.lemma)]
        # "files" 6 times, แฟ้ม 4 times: 2 missing; a word left in English is not missing
        if len(found[i]) + p.kept[word.lemma] < p.words[word.lemma]:
            for gram, spans in p.grams.items():
                if any(_free(c, i, sp, word.lemma, found[i]) for sp in spans):
                    missing[gram].append(i)
    short = {i for units in missing.values() for i in units}
    ctx = _AltContext(c, word, found, short,
                      any(_transliterates(f, word.lemma, c.lexicon) for f in main))
    accepted: list[str] = []
    ranked = sorted(missing.items(),
                    key=lambda kv: (-len({c.units[i].key for i in kv[1]}), -len(kv[0])))
    for gram, where in ranked:
        why = _reject(ctx, gram, where, accepted)
        if why:
            if len(where) > 1:
                word.notes.append(f"{gram}: {why}")
        else:
            accepted.append(gram)
    groups: list[list[str]] = [main]
    for gram in accepted:
        group = next((g for g in groups if any(
            _is_variant(gram, f, c.lexicon, word.lemma) for f in g)), None)
        if group is None:
            groups.append([gram])
        else:
            group.append(gram)
    return groups[1:]  # the main group, extended in place, is already the word's first


def _free(c: _Corpus, i: int, span: tuple[int, int], lemma: str,
          main: list[tuple[int, int]]) -> bool:
    """Is the span outside the main rendering and unexplained by other source words?"""
    return not _overlaps(span, main) and not _blocked(span, c.units[i], lemma)


def _reject(ctx: _AltContext, gram: str, where: list[int], accepted: list[str]) -> str | None:
    """Why `gram`, found in units of the word lacking its main rendering (`where`), is not
    an alternative rendering of it; None if it is one.  Cheap tests first."""
    c, word, lexicon = ctx.c, ctx.word, ctx.c.lexicon
    main = word.groups[0]
    sources = {c.units[i].key for i in where}
    if any(gram in f or f in gram for f in main):
        return "part of the main rendering, or the main rendering and more"
    if any(gram in a for a in accepted):
        return "a piece of an accepted rendering"
    if any(a in gram for a in accepted) and gram not in lexicon.words:
        return "an accepted rendering and a neighbour"
    if len(sources) < MIN_ALT_UNITS and not any(_label(c.units[i], word.lemma) for i in where):
        return "once, in a sentence"  # needs a second source, or to stand alone in a label
    if _transliterates(gram, word.lemma, lexicon):
        if len(sources) < MIN_ALT_UNITS and not any(
                _alone(c, i, gram, word.lemma) for i in where):
            return "a loanword, once, and not alone in its unit"  # วินโดวส์ for "Windows"
    else:
        if not ctx.main_is_loanword:
            # สำเนา beside คัดลอก for "copy", โดยปกติ beside ปริยาย for "default": another
            # sense or an idiom.  A loanword on either side makes it one term: ไฟล์/แฟ้ม.
            return "a different word, and neither it nor the main rendering is a loanword"
        if len(c.words_of(gram)) > 1 or gram not in lexicon.words:
            return "not a loanword, and not one dictionary word"  # ประเภทของ, ที่หน้าเว็บ
        # A native word beside a loanword main rendering counts in labels only: in
        # sentences translators paraphrase (มากกว่า, นอกนั้น for "function" in Godot).
        labels = {c.units[i].key for i in where if _label(c.units[i], word.lemma)}
        if len(labels) < MIN_ALT_UNITS and not any(
                _alone(c, i, gram, word.lemma) for i in where):
            return "a native word, not in two labels nor alone in one"
    if c.all_common(gram) or not c.cohesive(gram):
        return "common Thai, or a phrase"
    return _reject_by_use(ctx, gram, where, sources)


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
            if any(not _blocked(sp, c.units[i], lemma) for sp in c.units[i].grams[gram])]
    exclusive = sum(1 for i in free if i in members) / len(free)
    if exclusive < MIN_ALT_EXCLUSIVE:
        return f"used for other words too ({exclusive:.2f})"
    others = {v for i in where for v in c.units[i].words if v != lemma and len(v) > 2}
    if any(_transliterates(gram, v, c.lexicon) for v in others):
        return "a loanword of another word of its sources"  # รีโมต in "Run Remote ..."
    return None


def _discover(prepared: Sequence[_Prepared], lexicon: Lexicon,
              exclude: Iterable[str] = ()) -> list[_Word]:
    """The frequent source words and their renderings (groups[0]: the main one with its
    spelling variants; then the alternatives, each with its own variants)."""
    c = _Corpus(prepared, lexicon)
    strength = _explain_all(c)
    skip = set(exclude)
    words = [_Word(lemma, units) for lemma, units in c.by_lemma.items()
             if len(units) >= MIN_UNITS and _reportable(lemma) and lemma not in skip]
    for word in words:
        group = _main_group(c, word, strength.get(word.lemma, 0.0))
        if group:
            word.groups.append(group)
    # the main groups (with their variants) replace the first pass's renderings
    settled = {w.lemma: w for w in words if w.groups}
    for p in prepared:
        p.masks.clear()
        p.explained = [x for x in p.explained if x[2] not in settled]
        for lemma in p.words:
            if lemma in settled:
                w = settled[lemma]
                p.explained.extend((s, e, lemma, w.strength)
                                   for s, e, _ in _find_forms(p.text, w.groups[0]))
    for word in settled.values():
        word.groups.extend(_alternatives(c, word))
    return words


# -- TC103 reporting -------------------------------------------------------------------------

def _report(term: str, groups: Sequence[Sequence[str]],
            uses: Sequence[tuple[_Prepared, list[tuple[int, int, str]]]],
            term_id: str = "") -> list[Inconsistency]:
    """Findings for the minority renderings of one term.

    `uses`: each unit with the (non-overlapping) renderings found in it.  A rendering is
    counted once per unit; groups rank by the units they hold (the main group first on a
    tie), spellings within a group likewise (the first seen on a tie).
    """
    per_form: Counter[str] = Counter()
    per_group: Counter[int] = Counter()
    group_of = {form: n for n, group in enumerate(groups) for form in group}
    for _, found in uses:
        forms = {form for _, _, form in found}
        per_form.update(forms)
        per_group.update({group_of[f] for f in forms})
    if len(per_form) < 2:
        return []
    ranked = sorted(per_form, key=lambda f: (
        -per_group[group_of[f]], group_of[f], -per_form[f]))
    majority = ranked[0]
    if per_form[majority] < MIN_MAJORITY:
        return []
    counts = _counts_text([(f, per_form[f]) for f in ranked])
    spelled = len({group_of[f] for f in per_form}) == 1
    out = []
    for p, found in uses:
        for s, e, form in found:
            if form == majority:
                continue
            message = f"'{term}' is {'spelled' if spelled else 'rendered'} {counts} in this run"
            if not spelled and group_of[form] == group_of[majority]:
                message += f" ({form} is another spelling of {majority})"
            start, end = p.norm.span_to_original(s, e)
            out.append(Inconsistency("TC103", p.unit, start, end, p.unit.target[start:end],
                                     majority, term, message, term_id))
    return out


def _taken(span: tuple[int, int], p: _Prepared, lemma: str, settled: set[str]) -> bool:
    """Is the span the rendering of another source word of the unit: exactly the first
    pass's rendering of it, or inside the main rendering of a frequent word?  (A first-pass
    rendering may be a phrase: "environment" took สำหรับเดสก์ท็อป in Thunar.)"""
    return any(other != lemma and ((s, e) == span or (other in settled and s <= span[0]
                                                      and span[1] <= e))
               for s, e, other, _ in p.explained)


def _discovered_findings(prepared: Sequence[_Prepared],
                         words: Sequence[_Word]) -> list[Inconsistency]:
    settled = {w.lemma for w in words if w.groups}
    out: list[Inconsistency] = []
    for word in sorted(words, key=lambda w: -len(w.units)):
        if len(word.groups) < 1:
            continue
        forms = [f for group in word.groups for f in group]
        main = word.groups[0][0]
        uses = []
        for p in (prepared[i] for i in word.units):
            # a minority form that another source word of the unit explains is that
            # word's (โฟลเดอร์ in "folders;directory;" is for "folders")
            found = [(s, e, f) for s, e, f in _occurrences(p, forms, word.lemma)
                     if f == main or not _taken((s, e), p, word.lemma, settled)]
            if found:
                uses.append((p, found))
        out.extend(_report(word.lemma, word.groups, uses))
    return out


# -- TC103 for glossary terms with several accepted forms ------------------------------------

def _known_findings(prepared: Sequence[_Prepared],
                    known_terms: Sequence[KnownTerm]) -> list[Inconsistency]:
    """Minority accepted forms of glossary terms; the forms found also explain their spans."""
    index = SourceIndex((n, s) for n, term in enumerate(known_terms) for s in term.source)
    keys = [[normalize_key(f) for f in term.forms] for term in known_terms]
    uses: dict[int, list[tuple[_Prepared, list[tuple[int, int, str]]]]] = defaultdict(list)
    for p in prepared:
        for n in index.terms_in(p.unit.source):
            found = _find_forms(p.text, keys[n])
            if found:
                p.explained.extend((s, e, "", 1.0) for s, e, _ in found)
                p.masks.clear()
                uses[n].append((p, found))
    out: list[Inconsistency] = []
    for n, term_uses in uses.items():
        term = known_terms[n]
        if len(term.forms) > 1:
            # the glossary's order ranks forms that tie: the target first
            out.extend(_report(term.source[0], [[f] for f in keys[n]], term_uses, term.term_id))
    return out


def _known_lemmas(known_terms: Sequence[KnownTerm]) -> set[str]:
    """Single-word glossary sources: discovery leaves them to the glossary (TC101 reports a
    missing target, the known-term count above an inconsistent choice of accepted forms)."""
    out = set()
    for term in known_terms:
        for source in term.source:
            words = _words(source)
            if len(words) == 1:
                out.add(words[0])
                out.update(_bases(words[0]))
    return out


# -- entry point -----------------------------------------------------------------------------

def find_inconsistencies(units: Sequence[Unit], *, lexicon: Lexicon,
                         known_terms: Sequence[KnownTerm] = ()) -> list[Inconsistency]:
    """TC102 and TC103 findings for all the units of one run, in unit order."""
    out = _same_source(units)
    prepared = _prepare(units, lexicon)
    out.extend(_known_findings(prepared, known_terms))  # first: its forms explain their spans
    words = _discover(prepared, lexicon, _known_lemmas(known_terms))
    out.extend(_discovered_findings(prepared, words))
    seen: set[tuple[str, int, int, int]] = set()
    unique = []
    for f in out:  # one finding per span: the glossary term's, else the most frequent word's
        key = (f.unit.path, f.unit.index, f.start, f.end) if f.rule == "TC103" else None
        if key is None or key not in seen:
            unique.append(f)
            if key:
                seen.add(key)
    order = {id(u): n for n, u in enumerate(units)}
    unique.sort(key=lambda f: (order.get(id(f.unit), 0), f.start, f.rule))
    return unique
