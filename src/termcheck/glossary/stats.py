"""`termcheck glossary stats GLOSSARY PATH...`: how a glossary is used in a corpus.

The corpus is linted by the engine as `termcheck lint` lints it, with the same settings
(termcheck.toml), counting the uses of each term on the way (Linter(count_uses=True)).

What is counted, per term:
- `uses`: the segments (a line of a text file, a paragraph of Markdown, a PO/XLIFF
  translation) in which an approved form (target or allowed form) stands correctly, on word
  boundaries, as the scanner sees it (`Scanner.scan(..., uses=True)`).  A segment counts
  once however many times the form stands in it.
- `forbidden`: each forbidden form found, as written, with the number of findings (TC001,
  every occurrence; `termcheck: ignore` directives and `ignore_in` contexts honoured, as in
  `termcheck check`).
- `other_findings`: the term's other findings (near-misses, spacing, case, broken Unicode,
  missing in a translation, inconsistent renderings).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from termcheck.checks.glossary_terms import ForbiddenForm
from termcheck.diagnostics import InputError
from termcheck.engine import load
from termcheck.glossary.model import Term
from termcheck.settings import Settings


@dataclass(slots=True)
class TermStats:
    term: Term
    uses: int = 0  # segments with a correct approved form
    forbidden: Counter[str] = field(default_factory=Counter)  # forbidden form -> findings
    other_findings: int = 0  # near-misses and the rest


@dataclass(slots=True)
class Stats:
    terms: list[TermStats]
    files_checked: int = 0
    segments: int = 0
    errors: list[InputError] = field(default_factory=list)  # unreadable corpus files
    glossary_errors: list[InputError] = field(default_factory=list)

    @property
    def used(self) -> list[TermStats]:
        """Terms whose approved form occurs, most used first."""
        return sorted((t for t in self.terms if t.uses), key=lambda t: (-t.uses, t.term.id))

    @property
    def never_used(self) -> list[TermStats]:
        return sorted((t for t in self.terms if not t.uses), key=lambda t: t.term.id)

    @property
    def forbidden_in_use(self) -> list[TermStats]:
        """Terms whose forbidden forms still stand in the corpus, most found first."""
        return sorted((t for t in self.terms if t.forbidden),
                      key=lambda t: (-sum(t.forbidden.values()), t.term.id))


def stats(paths: Sequence[str], *, settings: Settings) -> Stats:
    """Lint `paths` with the settings' glossaries and count, per term, approved uses and
    findings."""
    linter, glossary_errors = load(settings, count_uses=True)
    per_term = {t.id: TermStats(t) for t in linter.glossary.terms}
    result = Stats(list(per_term.values()), glossary_errors=glossary_errors)
    linted = linter.lint(paths)
    result.files_checked = linted.files_checked
    result.segments = linted.segments_checked
    result.errors = linted.errors
    for term_id, count in (linted.term_uses or {}).items():
        per_term[term_id].uses = count
    for finding in linted.findings:
        entry = per_term.get(finding.term_id)
        if entry is None:
            continue  # a discovered inconsistency of a word the glossary lacks
        if finding.rule == ForbiddenForm.code:
            entry.forbidden[finding.found] += 1
        else:
            entry.other_findings += 1
    return result


def format_stats(result: Stats, *, limit: int = 0) -> str:
    """A plain-text report: terms in use, terms never used, forbidden forms still in use.
    `limit` > 0 shortens each list to that many rows."""
    def cut(rows: list[TermStats]) -> list[TermStats]:
        return rows[:limit] if limit > 0 else rows

    lines = [f"{len(result.terms)} terms, {result.files_checked} files, "
             f"{result.segments} segments"]
    used, never, forbidden = result.used, result.never_used, result.forbidden_in_use
    width = max((len(t.term.id) for t in result.terms), default=4)
    width = min(max(width, 4), 40)
    lines += ["", f"Terms in use ({len(used)}): segments with an approved form",
              f"  {'term':<{width}}  {'uses':>6}  {'flagged':>7}  target"]
    for t in cut(used):
        flagged = sum(t.forbidden.values()) + t.other_findings
        lines.append(f"  {t.term.id:<{width}}  {t.uses:>6}  {flagged:>7}  {t.term.target}")
    if limit and len(used) > limit:
        lines.append(f"  ... and {len(used) - limit} more")
    lines += ["", f"Never used ({len(never)}):"]
    for t in cut(never):
        flagged = sum(t.forbidden.values()) + t.other_findings
        extra = f"  (flagged {flagged} times)" if flagged else ""
        lines.append(f"  {t.term.id:<{width}}  {t.term.target}{extra}")
    if limit and len(never) > limit:
        lines.append(f"  ... and {len(never) - limit} more")
    lines += ["", f"Forbidden forms still in use ({len(forbidden)} terms):"]
    for t in cut(forbidden):
        forms = ", ".join(f"{form} ×{n}" for form, n in t.forbidden.most_common())
        lines.append(f"  {t.term.id:<{width}}  {forms}  -> {t.term.target}")
    if limit and len(forbidden) > limit:
        lines.append(f"  ... and {len(forbidden) - limit} more")
    problems = len(result.errors) + len(result.glossary_errors)
    if problems:
        lines += ["", f"{problems} errors (run `termcheck glossary check` / `termcheck "
                  "check` for details)"]
    return "\n".join(lines) + "\n"
