"""`--format html`: one self-contained page for a translator, to open in a browser.

- For each file, the draft as written, with every finding highlighted in place: a `<mark>` per
  piece of text, its class the severity (`sev-error`, `sev-warning`, `sev-info`), its `title`
  (shown on hover) the rule, the found and approved forms, the glossary's note and the
  message.  A small number after each highlight links to the finding in the list below the
  draft, and the list links back (`#m-N` marks, `#f-N` list items, N counted over the page).
- Spans may cover several lines and may overlap: the text is cut at every start and end, so
  each piece is one `<mark>` listing all the findings over it (`data-f="3 4"`), coloured by the
  most severe; marks are never nested and never cross a line.
- Then a summary table by term (term id, approved form, count per rule) with totals.
- Every piece of draft, glossary and path text is escaped (html.escape, quote=True), and a
  Content-Security-Policy forbids scripts and every outside resource besides: a draft with
  `<script>` in it shows the tag as text and nothing runs.  The page has no script at all;
  collapsing a file is a `<details>`, the legend and tooltips are CSS and `title`.
- Each draft's full decoded text comes from the result (`LintResult.documents`: what the
  readers saw; offsets and columns refer to it).  A file not in it is shown as the lines
  its findings carry (`Finding.line_text`).  A long file (more than MAX_FULL_LINES lines or
  MAX_FULL_CHARS characters) is shown as the lines with findings and CONTEXT_LINES lines
  around each.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TextIO

from termcheck import __version__, rules
from termcheck.diagnostics import Finding, LintResult, Severity
from termcheck.reporters import summary
from termcheck.reporters.html_css import CSS

MAX_FULL_LINES = 2000  # a longer document shows only the lines around its findings
MAX_FULL_CHARS = 200_000
CONTEXT_LINES = 3  # lines shown before and after each finding in a long document
MAX_APPROVED_SHOWN = 80  # characters of an approved form in the summary table
_SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)  # as the counts are shown
# Shown inside a highlight (as a CSS badge: the text itself stays as written).
_INVISIBLE = {
    "\u200b": "ZWSP", "\u200c": "ZWNJ", "\u200d": "ZWJ", "\u2060": "WJ", "\u00ad": "SHY",
    "\ufeff": "BOM", "\u00a0": "NBSP", "\u3000": "IDSP",
}
CSP = ("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'")


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _rule_name(code: str) -> str:
    rule = rules.get_rule(code)
    return rule.name if rule else code


def _rule_summary(code: str) -> str:
    rule = rules.get_rule(code)
    return f"{rule.name}: {rule.summary}" if rule else code


def tooltip(finding: Finding) -> str:
    """The plain text shown on hover over a highlight (escaped by the caller)."""
    lines = [f"{finding.rule} {_rule_name(finding.rule)} ({finding.severity})"
             + (f" [{finding.term_id}]" if finding.term_id else ""),
             f"approved: {finding.expected}"]
    if finding.note:
        lines.append(f"note: {finding.note}")
    lines.append(finding.message)
    return "\n".join(lines)


# -- one file -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Piece:
    """Part of one finding on one line: [start, end) in code points of the line."""

    number: int
    start: int
    end: int
    first: bool  # the finding starts here (its mark gets the id)
    last: bool  # the finding ends here (its reference number follows)


def _lines_of(text: str) -> list[str]:
    """Lines split at LF only (as termcheck numbers them), without a trailing CR."""
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def _pieces(numbered: list[tuple[int, Finding]], lines: Mapping[int, str]
            ) -> tuple[dict[int, list[_Piece]], set[int]]:
    """The pieces of every finding on the lines known, and the numbers placed in the text."""
    by_line: dict[int, list[_Piece]] = defaultdict(list)
    placed: set[int] = set()
    for number, f in numbered:
        if f.line not in lines:
            continue
        last_line = f.line
        while last_line < f.end_line and last_line + 1 in lines:
            last_line += 1
        spans: list[tuple[int, int, int]] = []
        for n in range(f.line, last_line + 1):
            length = len(lines[n])
            start = min(max(f.column - 1, 0), length) if n == f.line else 0
            end = min(max(f.end_column - 1, 0), length) if n == f.end_line else length
            end = max(start, end)
            if start == end and n != f.line:
                continue  # an empty tail (a span ending at the start of a line)
            spans.append((n, start, end))
        for n, start, end in spans:
            by_line[n].append(_Piece(number, start, end, n == f.line, (n, start) == spans[-1][:2]))
        placed.add(number)
    return by_line, placed


def _text(text: str, *, marked: bool) -> str:
    if not marked:
        return esc(text)
    return "".join(f'<span class="inv" data-c="{_INVISIBLE[ch]}">{ch}</span>'
                   if ch in _INVISIBLE else esc(ch) for ch in text)


def _render_line(line: str, pieces: list[_Piece], findings: Mapping[int, Finding]) -> str:
    if not pieces:
        return esc(line)
    cuts = sorted({0, len(line)} | {p.start for p in pieces} | {p.end for p in pieces})
    out: list[str] = []
    given_ids: set[int] = set()
    referenced: set[int] = set()

    def refs_at(pos: int) -> None:
        for p in pieces:
            if p.last and p.end == pos and p.number not in referenced and (
                    p.start < pos or p.number in given_ids):
                referenced.add(p.number)
                severity = findings[p.number].severity
                out.append(f'<a class="ref sev-{esc(severity)}" href="#f-{p.number}" '
                           f'title="finding {p.number}">{p.number}</a>')

    def mark(active: list[_Piece], content: str, extra: str = "") -> None:
        numbers = [p.number for p in active]
        starting = [p.number for p in active if p.first and p.number not in given_ids]
        for number in starting[1:]:  # one id per element: the others get an anchor
            out.append(f'<span class="anchor" id="m-{number}"></span>')
        given_ids.update(starting)
        worst = max(Severity(findings[n].severity) for n in numbers)
        classes = f"tc sev-{esc(worst)}" + (" multi" if len(numbers) > 1 else "") + extra
        ident = f' id="m-{starting[0]}"' if starting else ""
        title = "\n\n".join(tooltip(findings[n]) for n in numbers)
        out.append(f'<mark{ident} class="{classes}" data-f="{" ".join(map(str, numbers))}" '
                   f'title="{esc(title)}">{content}</mark>')

    for i, a in enumerate(cuts):
        empty = [p for p in pieces if p.start == p.end == a and p.first]
        if empty:  # a zero-width finding: an empty highlight shows where it is
            mark(empty, "", " empty")
            refs_at(a)
        if i + 1 == len(cuts):
            break
        b = cuts[i + 1]
        active = [p for p in pieces if p.start <= a and b <= p.end and p.start < p.end]
        if active:
            mark(active, _text(line[a:b], marked=True))
        else:
            out.append(esc(line[a:b]))
        refs_at(b)
    return "".join(out)


def _shown_lines(numbered: list[tuple[int, Finding]], lines: Mapping[int, str],
                 complete: bool, total_chars: int) -> list[int]:
    if complete and len(lines) <= MAX_FULL_LINES and total_chars <= MAX_FULL_CHARS:
        return sorted(lines)
    context = CONTEXT_LINES if complete else 0
    shown: set[int] = set()
    for _, f in numbered:
        shown.update(n for n in range(f.line - context, max(f.line, f.end_line) + context + 1)
                     if n in lines)
    return sorted(shown)


def _file_section(index: int, path: str, numbered: list[tuple[int, Finding]],
                  text: str | None) -> str:
    findings = dict(numbered)
    if text is not None:
        lines: dict[int, str] = dict(enumerate(_lines_of(text), start=1))
        if len(lines) > 1 and not lines[len(lines)] and all(
                f.line < len(lines) for _, f in numbered):
            del lines[len(lines)]  # a final newline ends the last line: no empty line after
        complete, total_chars = True, len(text)
    else:
        lines = {}
        for _, f in numbered:
            lines.setdefault(f.line, f.line_text)
        complete, total_chars = False, 0
    by_line, placed = _pieces(numbered, lines)
    shown = _shown_lines(numbered, lines, complete, total_chars)
    counts = Counter(f.severity for _, f in numbered)
    count_text = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}"
                           for s in _SEVERITY_ORDER if counts[s])
    out = [f'<details class="file" id="file-{index}" open>',
           f'<summary><h2>{esc(path)}</h2><span class="counts">{len(numbered)} '
           f'finding{"s" if len(numbered) != 1 else ""} ({esc(count_text)})</span></summary>']
    if text is None:
        out.append('<p class="muted">The full text of this file was not available: only the '
                   'lines with findings are shown.</p>')
    elif len(shown) < len(lines):
        out.append(f'<p class="muted">A long file ({len(lines):,} lines): only the lines with '
                   f'findings are shown, with {CONTEXT_LINES} lines around each.</p>')
    out.append('<div class="draft">')
    previous = 0
    for n in shown:
        if n != previous + 1 and (previous or n > 1):
            hidden = f"{n - previous - 1:,} lines not shown" if complete else "…"
            out.append(f'<div class="gap">{hidden}</div>')
        out.append(f'<div class="line" id="file-{index}-L{n}" data-n="{n}"><span class="tx">'
                   f'{_render_line(lines[n], by_line.get(n, []), findings)}</span></div>')
        previous = n
    if complete and shown and shown[-1] < len(lines):
        out.append(f'<div class="gap">{len(lines) - shown[-1]:,} lines not shown</div>')
    out.append("</div>")
    out.append('<ol class="findings">')
    out += [_finding_item(index, number, f, number in placed) for number, f in numbered]
    out.append("</ol></details>")
    return "\n".join(out)


def _finding_item(index: int, number: int, f: Finding, placed: bool) -> str:
    severity = esc(f.severity)
    back = (f'<a class="back" href="#m-{number}" title="show in the text">#{number}</a>'
            if placed else f"#{number}")
    where = (f'<a class="loc" href="#file-{index}-L{f.line}">{f.line}:{f.column}</a>'
             if placed else f'<span class="loc">{f.line}:{f.column}</span>')
    term = f' <span class="muted">[{esc(f.term_id)}]</span>' if f.term_id else ""
    parts = [f'<li id="f-{number}" class="sev-{severity}">{back} {where} '
             f'<span class="badge sev-{severity}">{severity}</span> '
             f'<code class="rule" title="{esc(_rule_summary(f.rule))}">{esc(f.rule)}</code> '
             f'<span class="muted">{esc(_rule_name(f.rule))}</span>{term}',
             f'<div><span class="found">{_text(f.found, marked=True)}</span> → '
             f'<span class="expected">{esc(f.expected)}</span></div>',
             f'<div class="msg">{esc(f.message)}</div>']
    if f.note:
        parts.append(f'<div class="note">note: {esc(f.note)}</div>')
    if f.source is not None:
        context = f" (context: {esc(f.context)})" if f.context else ""
        parts.append(f'<div class="source">source{context}: {esc(f.source)}</div>')
    parts.append("</li>")
    return "\n".join(parts)


# -- the page -------------------------------------------------------------------------------

def _term_table(result: LintResult) -> str:
    codes = sorted({f.rule for f in result.findings})
    by_term: dict[str, Counter[str]] = defaultdict(Counter)
    approved: dict[str, Counter[str]] = defaultdict(Counter)
    for f in result.findings:
        by_term[f.term_id][f.rule] += 1
        approved[f.term_id][f.expected] += 1
    order = sorted(by_term, key=lambda t: (-sum(by_term[t].values()), t))
    head = "".join(f'<th class="n" title="{esc(_rule_summary(c))}">{esc(c)}</th>' for c in codes)
    rows = [f'<table class="terms"><thead><tr><th>term</th><th>approved form</th>{head}'
            f'<th class="n">total</th></tr></thead><tbody>']
    for term in order:
        form = approved[term].most_common(1)[0][0]
        others = len(approved[term]) - 1
        shown = form if len(form) <= MAX_APPROVED_SHOWN else form[:MAX_APPROVED_SHOWN] + "…"
        more = f' <span class="muted">(+{others} other{"s" if others > 1 else ""})</span>' \
            if others else ""
        cells = "".join(f'<td class="n{" zero" if not by_term[term][c] else ""}">'
                        f'{by_term[term][c]}</td>' for c in codes)
        rows.append(f'<tr><td>{esc(term) or "<span class=muted>(none)</span>"}</td>'
                    f'<td title="{esc(form)}">{esc(shown)}{more}</td>{cells}'
                    f'<td class="n">{sum(by_term[term].values())}</td></tr>')
    totals = Counter(f.rule for f in result.findings)
    cells = "".join(f'<td class="n">{totals[c]}</td>' for c in codes)
    rows.append(f'<tr class="total"><td colspan="2">total ({len(order)} '
                f'term{"s" if len(order) != 1 else ""})</td>{cells}'
                f'<td class="n">{len(result.findings)}</td></tr></tbody></table>')
    return "\n".join(rows)


def _totals_line(result: LintResult) -> str:
    s = summary(result)
    files = f"{s['files_checked']} file{'s' if s['files_checked'] != 1 else ''} checked"
    if not s["findings"]:
        return f"No problems found ({files})."
    parts = [f"{s[k]} {k if s[k] != 1 else k[:-1]}" for k in ("errors", "warnings", "infos")
             if s[k]]
    return (f"{s['findings']} finding{'s' if s['findings'] != 1 else ''} "
            f"({', '.join(parts)}) in {s['files_with_findings']} "
            f"file{'s' if s['files_with_findings'] != 1 else ''}; {files}.")


def render(result: LintResult, out: TextIO) -> None:
    """Write the page (each draft's text from `result.documents`)."""
    documents = result.documents
    numbered = list(enumerate(result.findings, start=1))
    by_path: dict[str, list[tuple[int, Finding]]] = {}
    for number, f in numbered:
        by_path.setdefault(f.path, []).append((number, f))
    title = f"termcheck: {len(result.findings)} finding{'s' if len(numbered) != 1 else ''}"
    out.write(f"""<!DOCTYPE html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="termcheck {esc(__version__)}">
<title>{esc(title)}</title>
<style>
{CSS}</style>
</head>
<body>
<header>
<h1>termcheck report</h1>
<p class="totals" id="totals">{esc(_totals_line(result))}</p>
<p class="legend"><span><mark class="tc sev-error">error</mark> must change</span>
<span><mark class="tc sev-warning">warning</mark> probably wrong</span>
<span><mark class="tc sev-info">info</mark> worth a look</span>
<span class="muted">Hover a highlight for the approved form and note; its number links to
the finding.</span></p>
</header>
""")
    if result.errors:
        out.write('<section class="errors"><h3>Not checked</h3><ul>\n')
        out.writelines(f"<li>{esc(error)}</li>\n" for error in result.errors)
        out.write("</ul></section>\n")
    if numbered:
        out.write('<section id="summary"><div class="by-term"><h3>By term</h3>\n')
        out.write(_term_table(result) + "\n")
        out.write('</div><div class="by-file"><h3>By file</h3>\n<table class="files"><thead>'
                  '<tr><th>file</th><th class="n">errors</th><th class="n">warnings</th>'
                  '<th class="n">infos</th></tr></thead><tbody>\n')
        for index, (path, items) in enumerate(by_path.items(), start=1):
            c = Counter(f.severity for _, f in items)
            out.write(f'<tr><td><a href="#file-{index}">{esc(path)}</a></td>'
                      + "".join(f'<td class="n{" zero" if not c[s] else ""}">{c[s]}</td>'
                                for s in _SEVERITY_ORDER) + "</tr>\n")
        out.write("</tbody></table></div></section>\n<main>\n")
        for index, (path, items) in enumerate(by_path.items(), start=1):
            out.write(_file_section(index, path, items, documents.get(path)) + "\n")
        out.write("</main>\n")
    out.write("</body>\n</html>\n")
