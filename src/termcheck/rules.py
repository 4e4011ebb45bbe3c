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
