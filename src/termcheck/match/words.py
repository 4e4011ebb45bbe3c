"""The real-word filter: is a near-miss candidate ordinary Thai rather than a misspelling?

A candidate within a term's budget is often another word or a phrase of real words (จิน is
not a misspelt จีน, การรับ not a misspelt การระงับ).  The evidence, combined because no one
source is proof: the Royal Society dictionary (thai_orst_words), PyThaiNLP's frequency-built
word list, which also holds common misspellings, Thai National Corpus counts relative to the
approved form, the glossary's own forms, the segmentation of the candidate, and what kind of
edit makes the difference (termcheck.thai.fold.sound_alike, vowel_slip).
"""

from __future__ import annotations

from termcheck.thai.fold import sound_alike, strip_separators, vowel_slip
from termcheck.thai.lexicon import Lexicon


def ordinary_thai(lexicon: Lexicon, found: str, approved: str, budget: float) -> bool:
    """True when the near-miss is ordinary Thai (Lexicon.is_real_word for a dictionary
    word), or text made of words: of common words only (การรับ is การ|รับ, not a misspelt
    การระงับ; ที่วาง is not ที่ว่าง), or, for a short term, of dictionary words only
    (ได้เวียนมาบรรจบ has เวียน|มา, not a misspelt เมียนมา) when another sound makes the
    difference: a vowel or mark added or dropped (อนุญาติ is อนุ|ญาติ), a same-sound
    letter or a doubled one is a slip, not another word (fold.sound_alike, vowel_slip).
    A misspelling usually breaks a word into rare fragments (องค์การตำรวจสากร has
    สา|กร); a rarer real word is not enough for a long term, where a misspelt compound
    often holds one (เวบ|ไซต์).  One exception: a long Royal Society word with a vowel
    added or dropped is not excused by the text splitting into common words (มาตราการ is
    มาตรา|การ, but means มาตรการ)."""
    bare_approved = strip_separators(approved)
    if lexicon.is_word(found):
        return lexicon.is_real_word(found, bare_approved)
    tokens = [t for t in lexicon.segment(found) if t.strip()]
    slip = vowel_slip(bare_approved, found)
    if (budget <= 1.0 and len(tokens) > 1 and not slip
            and not sound_alike(bare_approved, found)
            and all(len(t) > 1 and (t in lexicon.orst or t in lexicon.common_words)
                    for t in tokens)):
        return True
    if slip and budget > 1.0 and bare_approved in lexicon.orst:
        return False
    common = lexicon.common_words
    return all(t in common for t in tokens)
