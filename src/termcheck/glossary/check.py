"""`termcheck glossary check FILE...`: is a glossary healthy?

Each problem names the file, the line of the entry and a stable code:

G000  the file cannot be read at all (missing, unreadable, unknown format)   -> exit 2
G001  schema error (everything load_glossaries reports that is not below)
G002  duplicate id
G003  the same source (case-insensitive) with conflicting targets
G004  a forbidden form that is an approved (target or allowed) form
G005  broken Unicode in the entry's own text (what normalize repairs, and a form that
      starts with a combining mark, which normalize leaves alone)
G006  two terms whose approved forms are near-misses of each other (fuzzy matching of the
      shorter one would be ambiguous)
G007  a bad example that gives no finding for its term
G008  a good example that gives a finding

Exit code (`exit_code`): 2 when a file cannot be read (G000), else 1 when there are
problems, else 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from termcheck.diagnostics import Finding
from termcheck.engine import Linter
from termcheck.glossary.inputs import unreadable
from termcheck.glossary.load import load_glossaries
from termcheck.glossary.model import Glossary, GlossaryError, Term, one_line
from termcheck.glossary.nearpairs import close_pairs
from termcheck.readers import ReadError
from termcheck.thai import chars
from termcheck.thai.fold import fuzzy_budget, weighted_distance
from termcheck.thai.normalize import DEFECT_TEXT, ENCODING_DEFECTS, normalize, normalize_key

SUFFIXES = frozenset({".yaml", ".yml", ".csv", ".tsv", ".tab"})
# what a form must not start with: a mark (or ำ) has no letter to sit on
_ORPHAN = frozenset(chars.COMBINING + chars.SARA_AM)
_REPORTED_DEFECTS = ENCODING_DEFECTS | {"space-run"}
_EXAMPLES_PER_RUN = 2000  # examples linted in one engine run (see _lint_examples)


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One problem in a glossary file."""

    path: str
    line: int  # 0: the file as a whole
    code: str  # G000..G008
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return one_line(f"{where}: {self.code} {self.message}")  # messages quote entries


def exit_code(problems: Sequence[Problem]) -> int:
    """2 when a file could not be read, 1 for any other problem, 0 for a healthy glossary."""
    if any(p.code == "G000" for p in problems):
        return 2
    return 1 if problems else 0


def check_glossaries(paths: Iterable[str | Path]) -> list[Problem]:
    """Every problem of the glossaries, taken together (ids and forms across files), sorted
    by file and line."""
    path_list = [Path(p) for p in paths]
    problems: list[Problem] = []
    readable = []
    for path in path_list:
        why = _unreadable(path)
        if why:
            problems.append(Problem(str(path), 0, "G000", why))
        else:
            readable.append(path)
    glossary, errors = load_glossaries(readable)
    problems += [_from_error(e) for e in errors]
    terms = glossary.terms
    problems += conflicting_targets(terms)
    problems += broken_unicode(terms)
    problems += near_misses(terms)
    problems += examples(glossary)
    return sorted(set(problems))


def _unreadable(path: Path) -> str:
    why = unreadable(path)  # opened, not read: a FIFO or /dev/zero is refused first
    if not why and path.suffix.lower() not in SUFFIXES:
        return "unknown glossary format (use .yaml, .yml, .csv or .tsv)"
    return why


def _from_error(error: GlossaryError) -> Problem:
    if "duplicate id" in error.message:
        code = "G002"
    elif error.message.startswith("field 'forbidden':"):
        code = "G004"
    else:
        code = "G001"
    return Problem(error.path, error.line or 0, code, error.message)


def conflicting_targets(terms: Sequence[Term]) -> list[Problem]:
    """G003: one source (case-insensitive) whose terms have different targets."""
    first: dict[str, Term] = {}
    out = []
    for term in terms:
        for source in dict.fromkeys(s.strip().casefold() for s in term.source):
            other = first.setdefault(source, term)
            if other is term or normalize_key(other.target) == normalize_key(term.target):
                continue
            out.append(Problem(term.path, term.line, "G003",
                               f"source '{source}' has target '{term.target}' here but "
                               f"'{other.target}' in term '{other.id}' "
                               f"({other.path}:{other.line})"))
    return out


def form_defects(form: str) -> list[str]:
    """What is broken in one form as written (empty: nothing)."""
    found = []
    if form and form[0] in _ORPHAN:
        found.append(f"starts with a combining mark (U+{ord(form[0]):04X}) with no letter "
                     "under it")
    for defect in normalize(form, casefold=False).defects:
        if defect.kind == "orphan-mark" and defect.start == 0 and found:
            continue  # said above, with the mark
        if defect.kind in _REPORTED_DEFECTS:
            text = DEFECT_TEXT[defect.kind]
            if text not in found:
                found.append(text)
    return found


def broken_unicode(terms: Sequence[Term]) -> list[Problem]:
    """G005: targets and allowed forms must be clean.  A forbidden form may name a broken
    spelling on purpose, but only when it normalises to one of the term's approved forms
    (the encoding rule reports it then); otherwise it is matched as its repaired form and
    would flag correct text."""
    out = []
    for term in terms:
        approved = {normalize_key(f) for f in (term.target, *term.allowed)}
        for field, forms in (("target", (term.target,)), ("allowed", term.allowed),
                             ("forbidden", term.forbidden)):
            for form in forms:
                defects = form_defects(form)
                if not defects:
                    continue
                repaired = normalize_key(form, casefold=False)
                if field == "forbidden" and normalize_key(form) in approved and (
                        form[0] not in _ORPHAN):
                    continue
                message = (f"field '{field}': '{form}' has broken Unicode: "
                           f"{'; '.join(defects)}")
                if repaired != form.strip() and form[0] not in _ORPHAN:
                    message += f" (write '{repaired}')"
                if field == "forbidden":
                    message += "; matched as its repaired form, it would flag correct text"
                out.append(Problem(term.path, term.line, "G005", message))
    return out


def near_misses(terms: Sequence[Term]) -> list[Problem]:
    """G006: approved forms of two different terms within the fuzzy budget of the shorter
    one (by weighted distance on normalised text): a near-miss of either is ambiguous."""
    owners: dict[str, list[int]] = {}
    for n, term in enumerate(terms):
        if not term.fuzzy:
            continue
        for form in (term.target, *term.allowed):
            key = normalize_key(form)
            if key and n not in owners.setdefault(key, []):
                owners[key].append(n)
    keys = list(owners)
    budgets = [fuzzy_budget(chars.spacing_length(k)) for k in keys]
    seen: set[tuple[int, int]] = set()
    out = []
    # the pairs within 4 edits (a weighted distance of 2.0 is at most 4 edits of marks) that
    # can be near-misses, in the order comparing each form with all others gives them
    for a, _distance, b in close_pairs(keys, budgets):
        budget = min(budgets[a], budgets[b])  # the shorter form's budget
        if weighted_distance(keys[a], keys[b]) <= budget:
            out += _ambiguous(terms, (keys[a], owners[keys[a]]), (keys[b], owners[keys[b]]),
                              seen)
    return out


def _ambiguous(terms: Sequence[Term], near: tuple[str, list[int]],
               other: tuple[str, list[int]], seen: set[tuple[int, int]]) -> list[Problem]:
    """G006 for each pair of terms owning two forms that are near-misses of each other (a
    pair of terms once, however many of their forms are close)."""
    out = []
    key, key_owners = near
    for ta in key_owners:
        for tb in other[1]:
            pair = (min(ta, tb), max(ta, tb))
            if ta == tb or pair in seen:
                continue
            seen.add(pair)
            first, second = terms[pair[0]], terms[pair[1]]
            fa, fb = (key, other[0]) if ta == pair[0] else (other[0], key)
            out.append(Problem(
                second.path, second.line, "G006",
                f"'{fb}' (term '{second.id}') is a near-miss of '{fa}' (term "
                f"'{first.id}', {first.path}:{first.line}): fuzzy matching cannot "
                "tell them apart; set fuzzy: false on one of them or check the "
                "spelling"))
    return out


def examples(glossary: Glossary) -> list[Problem]:
    """G007/G008: each example is linted as a one-line text document with the whole
    glossary (glossary contexts, `ignore_in`, honoured)."""
    cases = [(term, kind, " ".join(text.split())) for term in glossary.terms
             for kind, texts in (("bad", term.examples_bad), ("good", term.examples_good))
             for text in texts]
    if not cases:
        return []
    out = []
    found = _lint_examples(Linter(glossary), [text for _term, _kind, text in cases])
    for (term, kind, text), findings in zip(cases, found, strict=True):
        if kind == "bad" and not any(f.term_id == term.id for f in findings):
            out.append(Problem(term.path, term.line, "G007", f"bad example '{text}' gives "
                               f"no finding for term '{term.id}'"))
        elif kind == "good" and findings:
            what = "; ".join(f"{f.rule} '{f.found}'"
                             + (f" (term '{f.term_id}')" if f.term_id != term.id else "")
                             for f in findings)
            out.append(Problem(term.path, term.line, "G008",
                               f"good example '{text}' is flagged: {what}"))
    return out


def _lint_examples(linter: Linter, texts: Sequence[str]) -> list[list[Finding]]:
    """The findings of each text, linted as its own one-line document, as Linter.lint_text
    lints it, but many in one run: each run goes over the whole glossary once (its ids), so
    100,000 terms with an example each took hours one by one.  Each document has its own
    name, so what applies per file (directives, ignore_in) stays with its text; text
    documents have no source, so the run rules compare nothing across them."""
    found: list[list[Finding]] = []
    for start in range(0, len(texts), _EXAMPLES_PER_RUN):  # runs bound the memory
        names = [f"example-{n}.txt" for n in range(start, start + _EXAMPLES_PER_RUN)]
        reports = []
        for name, text in zip(names, texts[start:start + _EXAMPLES_PER_RUN], strict=False):
            try:
                reports.append(linter.report(linter.parse(name, text)))
            except ReadError:
                continue  # an input error, no findings (as lint_text)
        by_name: dict[str, list[Finding]] = {name: [] for name in names}
        for finding in linter.combine(reports).findings:
            by_name[finding.path].append(finding)
        found += [by_name[name] for name in names[:len(texts) - start]]
    return found
