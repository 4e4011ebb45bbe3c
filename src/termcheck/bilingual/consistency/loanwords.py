"""Is a Thai word a loanword of an English one?  The consonant-skeleton test.

An English word and a Thai loanword written for it share their consonants: file/ไฟล์,
link/ลิงก์, desktop/เดสก์ท็อป, update/อัปเดต.  Sibilants are one class (version/เวอร์ชัน,
cache/แคช, package/แพ็กเกจ); d and t are one (Thai writes ด, ต or ท for both).  A rare
alternative rendering is believed when it is such a transliteration of the source word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from termcheck.bilingual.consistency.tuning import RARE_IN_TNC
from termcheck.thai.lexicon import Lexicon

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


def _english_sound(m: re.Match[str]) -> str:
    """The sound of the matched English spelling: group s<n> is _ENGLISH_SOUNDS[n]."""
    group = m.lastgroup
    assert group is not None  # every alternative of _ENGLISH is a named group
    return _ENGLISH_SOUNDS[int(group[1:])][1]


@lru_cache(maxsize=1 << 12)
def _skeleton_en(word: str) -> str:
    sounds = _ENGLISH.sub(_english_sound, word)
    return _DOUBLED.sub(r"\1", sounds)


def skeletons_en(word: str) -> tuple[str, ...]:
    """The English word's skeletons (v may be written ว or ฟ)."""
    if "v" in word:
        return _skeleton_en(word), _skeleton_en(word.replace("v", "f"))
    return (_skeleton_en(word),)


@lru_cache(maxsize=1 << 16)
def skeleton_th(word: str) -> str:
    word = word.replace("\u0e22\u0e4c", "")  # ย์ as in เลย์เอาต์ stands for a vowel
    return _DOUBLED.sub(r"\1", "".join(_THAI_SOUNDS.get(ch, "") for ch in word))


def transliterates(thai: str, english: str, lexicon: Lexicon) -> bool:
    """Is `thai` a loanword of `english`?  (English v is ว or ฟ: version, drive.)"""
    if "v" in english and transliterates(thai, english.replace("v", "f"), lexicon):
        return True
    return _transliterates_as(thai, english, lexicon)


@lru_cache(maxsize=1 << 16)
def _transliterates_as(thai: str, english: str, lexicon: Lexicon) -> bool:
    """Is `thai` a loanword of `english`?  Frequent Thai words are not (ล่าสุด is not "last",
    though both are l-s-t); a short skeleton must match exactly (ตั้งค่า is not "setting")."""
    a, b = skeleton_th(thai), _skeleton_en(english)
    if min(len(a), len(b)) < 2 or thai in lexicon.common_words:
        return False
    if a == b:  # two or three consonants can meet by chance: then the word must be rare
        return len(a) > 3 or lexicon.frequency.get(thai, 0) < RARE_IN_TNC
    if len(a) == len(b) + 1 >= 5 and Levenshtein.distance(a, b) == 1:
        return True  # a consonant more in Thai: เซิร์ฟเวอร์ s-r-f-w-r for server s-r-w-r
    return min(len(a), len(b)) >= 5 and Levenshtein.distance(a, b) <= 1
