"""The rule table: stable codes, names, default severities and the text of `termcheck explain`.

Codes are never reused or renamed (machine output and suppressions depend on them).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    code: str  # stable identifier, e.g. TC001
    name: str  # short readable name
    severity: str  # default severity: error, warning or info
    summary: str  # one line, used in reports
    doc: str  # what it does / why it matters / example / use instead


_RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.code in _RULES:
        raise ValueError(f"duplicate rule code {rule.code}")
    _RULES[rule.code] = rule
    return rule


def get_rule(code: str) -> Rule | None:
    return _RULES.get(code.upper())


def all_rules() -> list[Rule]:
    return sorted(_RULES.values(), key=lambda r: r.code)


FORBIDDEN = register(Rule(
    "TC001", "forbidden-form", "error", "a form the glossary forbids",
    """\
What it does
    Reports a form that the glossary lists under `forbidden` for a term, wherever it stands
    on a word boundary, and offers the term's approved form.

Why it matters
    Forbidden forms are known mistakes or deprecated names (เมียนมาร์ for เมียนมา,
    อินเตอร์เน็ต for อินเทอร์เน็ต); the glossary's note says why.

Example
    ประเทศเมียนมาร์        ->  ประเทศเมียนมา

Use instead
    The approved form shown in the finding.
""",
))

MISSPELLING = register(Rule(
    "TC002", "near-miss", "warning", "a near-miss of an approved term",
    """\
What it does
    Reports text that is not the approved form of a term but is within a small weighted
    edit distance of it: a confusable letter (ใต้หวัน for ไต้หวัน, ษ for ศ), a dropped,
    added or wrong tone mark or thanthakhat, a vowel of the wrong length, ำ written า, a
    dropped or doubled letter.  Tone marks and confusable letters cost half an edit; the
    budget grows with the length of the term (none for 3 letters or fewer, 1 edit up to 6,
    1.5 up to 12, 2 beyond).  Text that is itself a Thai dictionary word is not reported:
    ฝ่ายนิติบัญญัติ is not a misspelt สภานิติบัญญัติ.

Why it matters
    A misspelt name or title cannot be found by search and reads as careless.

Example
    ใต้หวัน                ->  ไต้หวัน

Use instead
    The approved form shown in the finding.  If the text is right, add it to the term's
    `allowed` forms, or set `fuzzy: false` on the term.
""",
))

SPACING = register(Rule(
    "TC003", "spacing-punctuation", "warning", "an approved term with different spacing, "
    "punctuation or digits",
    """\
What it does
    Reports an approved term written with missing or extra spaces, different punctuation,
    Thai instead of Arabic digits, or several spaces in a row inside it.

Why it matters
    Thai has no spaces between words, so a space inside a term breaks it in two for search
    and line breaking, and a missing space before a parenthesis goes against the Royal
    Society's spacing rules.

Example
    สาธารณรัฐจีน(ไต้หวัน)   ->  สาธารณรัฐจีน (ไต้หวัน)
    โควิด 19               ->  โควิด-19

Use instead
    The approved form shown in the finding.
""",
))

CASE = register(Rule(
    "TC004", "case", "warning", "a case-sensitive term in another casing",
    """\
What it does
    For terms declared `case_sensitive: true`, reports the term written in another Latin
    casing.

Why it matters
    Acronyms and codes have one official casing (INTERPOL, I-24/7).

Example
    Interpol               ->  INTERPOL

Use instead
    The approved casing shown in the finding.
""",
))

ENCODING = register(Rule(
    "TC005", "broken-unicode", "warning", "an approved term with broken Unicode inside it",
    """\
What it does
    Reports an approved term that renders correctly but is stored with broken Unicode inside
    it: sara am written as nikhahit + sara aa (ํา), marks in the wrong order or typed twice,
    two different tone marks, zero-width spaces, joiners, soft hyphens, เเ for แ, ๅ for า,
    private-use font code points from PDFs, fullwidth characters.

Why it matters
    The text looks right but cannot be found by search, breaks spell checking and word
    segmentation, and may render with dotted circles in other fonts.  A zero-width space
    just before or after a term is a legitimate line-break hint and is not reported.

Example
    ตํารวจ (U+0E4D U+0E32)  ->  ตำรวจ (U+0E33)

Use instead
    Retype the term, or copy the approved form from the finding.
""",
))

# -- bilingual files (PO, XLIFF) -------------------------------------------------------------

MISSING = register(Rule(
    "TC101", "missing-term", "warning", "a source term whose approved translation is missing",
    """\
What it does
    In PO and XLIFF files, when a segment's source contains a glossary term's `source`
    (English: case-insensitive, whole words, regular inflections such as files and
    downloaded; "profile" does not contain "file"), the translation must contain the
    term's approved target or an allowed form.  If a forbidden form or a near-miss stands
    there instead, that finding (TC001 to TC005) says so and no TC101 is added.

Why it matters
    A term translated ad hoc, paraphrased away or left in English is exactly what a
    glossary exists to prevent, and what a reviewer misses most easily.

Example
    msgid "Delete file"  msgstr "ลบแฟ้ม"   (glossary: file -> ไฟล์)

Use instead
    The approved form shown in the finding, or add the rendering you used to the term's
    `allowed` forms if it is right.
""",
))

INCONSISTENT_TRANSLATION = register(Rule(
    "TC102", "inconsistent-translation", "warning",
    "the same source text translated in different ways",
    """\
What it does
    Within a file and across the files of one run, finds source texts (with the same
    context) whose translations differ, and reports the minority translations, with the
    counts, at each place they occur.

Why it matters
    The same interface string translated two ways confuses users and doubles review work.

Example
    "Open File" -> "เปิดไฟล์" (12 times) and "เปิดแฟ้ม" (1 time): the second is reported.

Use instead
    The majority translation, unless the context really differs (then give it a msgctxt).
""",
))

INCONSISTENT_TERM = register(Rule(
    "TC103", "inconsistent-term", "info",
    "the same source term rendered in different ways",
    """\
What it does
    Within a file and across the files of one run, finds source terms rendered in more
    than one way: a glossary term whose translations use several of its accepted forms,
    and frequent source words that are not in the glossary (Thunar: "file" is แฟ้ม 209
    times and ไฟล์ twice; Godot spells "update" อัพเดท, อัปเดต and อัพเดต).  The minority
    renderings are reported, with the counts, at each place they occur.

Why it matters
    A product that says แฟ้ม on one screen and ไฟล์ on the next looks unfinished.

Example
    "file" rendered แฟ้ม (209) and ไฟล์ (2): each ไฟล์ is reported.

Use instead
    The majority rendering, or the glossary's target; add the term to the glossary to
    settle it.
""",
))

STRICT_ALLOWED = register(Rule(
    "TC104", "allowed-form", "info", "an allowed form where --strict wants the target",
    """\
What it does
    With --strict, only a term's target counts as correct: a use of one of its allowed
    forms is reported, with the target as the fix.

Why it matters
    Lenient and strict conformance differ widely on real files (Firefox iOS uses
    ที่คั่นหน้า for bookmark everywhere, never บุ๊กมาร์ก); strict mode shows how far a
    project is from the preferred term.

Example
    (strict) ที่คั่นหน้า -> บุ๊กมาร์ก

Use instead
    The target.
""",
))

# -- house style (off unless configured) -----------------------------------------------------

MAIYAMOK_SPACING = register(Rule(
    "TC201", "maiyamok-spacing", "info", "ๆ spaced against the house style",
    """\
What it does
    When the configuration sets `[style] maiyamok_space`, reports ๆ (mai yamok) written
    against it: attached to the word (เด็กๆ) when a space is wanted before it, or spaced
    (เด็ก ๆ) when it should be attached.  Off unless configured.

Why it matters
    The Royal Society's rules put a space before and after ๆ; many publishers attach it.
    Either is defensible, but one document should not mix them.

Example
    (maiyamok_space = true) ต่างๆ  ->  ต่าง ๆ

Use instead
    The house style's spacing, shown in the finding.
""",
))
