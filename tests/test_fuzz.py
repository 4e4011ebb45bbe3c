"""Property and fuzz tests: no input makes termcheck crash, hang or lose anything.

One test a reader (text, Markdown, PO, XLIFF) and a glossary format (YAML, CSV/TSV, TBX, PO
compendium), plus the normaliser and `fix`.  Inputs are built from the pieces each format is
made of, broken at random (unterminated strings, stray markup, CR and NUL, invisible and
combining characters), so that most examples reach deep into the parser rather than failing
at the first byte.  The promise checked: a reader gives a document or one ReadError; a
glossary loader gives terms and one-line errors; linting gives findings whose places lie in
the file and one-line input errors; a fix changes nothing outside its spans.

The example budget is small so that CI stays fast; a long run is one environment variable:

    TERMCHECK_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import SHIPPED_GLOSSARY, UI_GLOSSARY, make_linter
from termcheck import fix
from termcheck.diagnostics import LintResult
from termcheck.glossary.formats import import_glossary
from termcheck.glossary.load import load_glossary_file
from termcheck.glossary.model import GlossaryError
from termcheck.readers import ReadError, format_for
from termcheck.readers.base import LineMap
from termcheck.thai.normalize import normalize

EXAMPLES = int(os.environ.get("TERMCHECK_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
LINTER = make_linter(SHIPPED_GLOSSARY, UI_GLOSSARY)
_TMP = Path(tempfile.mkdtemp(prefix="termcheck-fuzz-"))

# -- pieces --------------------------------------------------------------------------------

_THAI = [chr(c) for c in range(0x0E01, 0x0E5C)]
_ODD = list("\n\r\t\0 \u00a0\u200b\u200d\u00ad\ufeff\uf70a\u0e4d\u0e48\u0e48\u202e\x1b")
_WORDS = ["ไต้หวัน", "ใต้หวัน", "เมียนมาร์", "อินเตอร์เน็ต", "องค์การตำรวจสากล (INTERPOL)",
          "Interpol", "ไฟล์", "แฟ้ม", "การตั้งค่า", "สาธารณรัฐจีน(ไต้หวัน)", "termcheck: ignore",
          "termcheck: ignore-next-line[TC001]", "%s", "{name}", "_", "&", "ๆ", "ค.ศ. 2021"]
CHAR = st.sampled_from(_THAI + _ODD + list("abcXYZ019-.,;:()[]{}<>&\"'\\`*#!_/%~|="))
TEXT = st.lists(st.sampled_from(_WORDS) | st.text(CHAR, max_size=6), max_size=12).map("".join)
LINE = st.text(CHAR, max_size=20)


def _joined(pieces: st.SearchStrategy[str], separators: tuple[str, ...] = ("\n", "\r\n", "\r", "")
            ) -> st.SearchStrategy[str]:
    return st.lists(st.tuples(pieces, st.sampled_from(separators)), max_size=12).map(
        lambda parts: "".join(p + s for p, s in parts))


MARKDOWN = _joined(st.one_of(
    TEXT, st.sampled_from(["---", "+++", "```", "~~~", "    code", "# ", "> ", "- ", "| a | b |",
                           "|---|---|", "<!--", "-->", "<b>", "</b>", "<div>"]),
    TEXT.map(lambda t: f"`{t}`"), TEXT.map(lambda t: f"[{t}](https://x.org/{t})"),
    TEXT.map(lambda t: f"<!-- {t} -->"), TEXT.map(lambda t: f"<{t}@example.org>")))


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


PO = _joined(st.one_of(
    TEXT.map(lambda t: f"msgid {_po_string(t)}"), TEXT.map(lambda t: f"msgstr {_po_string(t)}"),
    TEXT.map(lambda t: f"msgctxt {_po_string(t)}"), TEXT.map(_po_string),
    TEXT.map(lambda t: f"msgstr[0] {_po_string(t)}"), TEXT.map(lambda t: f"# {t}"),
    st.sampled_from(['msgid ""', 'msgstr ""', "#, fuzzy", "#~ msgid \"x\"", "msgid_plural \"x\"",
                     '"Content-Type: text/plain; charset=UTF-8\\n"', "", 'msgstr "', "\\"]),
    LINE), separators=("\n", "\n", "\r\n", "\n\n"))


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


_UNIT = st.tuples(TEXT, TEXT, st.sampled_from(["", "<note>termcheck: ignore</note>",
                                               ' state="new"', "<g id='1'>x</g>"]),
                  st.booleans()).map(
    lambda u: f"<trans-unit id='u'><source>{_xml_text(u[0])}</source><target>"
              + (f"<![CDATA[{u[1]}]]>" if u[3] else _xml_text(u[1])) + f"</target>{u[2]}"
              "</trans-unit>")
XLIFF = st.tuples(st.lists(_UNIT | TEXT | st.sampled_from(["<", "&", "]]>", "<!DOCTYPE x>",
                                                         "\r", "\0"]), max_size=6),
                  st.integers(0, 10_000)).map(
    lambda x: ('<?xml version="1.0"?>\n<xliff version="1.2"><file><body>\n'
               + "\n".join(x[0]) + "\n</body></file></xliff>\n")[:max(1, x[1])])

YAML_GLOSSARY = _joined(st.one_of(
    st.sampled_from(["version: 1", "terms:", "  - id: a", "  - target: ไต้หวัน", "    target:",
                     "    forbidden: [ใต้หวัน]", "    fuzzy: maybe", "    ignore_in: {a: b}",
                     "    examples: {bad: [ใต้หวัน], good: x}", "  - {id: a, target: ก}", "- x",
                     "  -", ":", "'", '"', "\t", "&a", "*a", "!!python/object:x"]),
    TEXT.map(lambda t: f"    note: {t}"), TEXT.map(lambda t: f"  - target: {t}"), LINE),
    separators=("\n", "\n", "\r\n"))
TABLE_GLOSSARY = _joined(st.one_of(
    st.sampled_from(["id,target,forbidden,note", "target\tforbidden", "id,target", '"', '""',
                     ",,,", "a,ไต้หวัน,ใต้หวัน|ไตหวัน,n", "\ufeffid,target"]),
    st.lists(TEXT, max_size=4).map(",".join), st.lists(TEXT, max_size=4).map("\t".join),
    LINE), separators=("\n", "\r\n", "\r"))
TBX = st.tuples(
    st.sampled_from(["utf-8", "UTF-8", "utf-7", "latin-1", "utf-16", "bogus", "ascii"]),
    st.lists(TEXT.map(lambda t: f"<termEntry id='e'><langSet xml:lang='th'><tig><term>"
                                f"{_xml_text(t)}</term><termNote type='administrativeStatus'>"
                                "preferredTerm-admn-sts</termNote></tig></langSet>"
                                f"<note>termcheck: {{\"a\": [[[{_xml_text(t)}]]]}}</note>"
                                "</termEntry>")
             | st.sampled_from(["<", "&x;", "<!ENTITY a 'b'>", "</martif>"]), max_size=5),
    st.integers(0, 5000)).map(
    lambda x: (f'<?xml version="1.0" encoding="{x[0]}"?>\n<martif type="TBX"><text><body>'
               + "".join(x[1]) + "</body></text></martif>\n")[:max(1, x[2])])


# -- the promises --------------------------------------------------------------------------

def _one_line(message: str) -> None:
    assert message and "\n" not in message and "\r" not in message, repr(message)


def _places_in_the_file(result: LintResult, text: str) -> None:
    lines = LineMap(text)
    for f in result.findings:
        assert 0 <= f.offset <= f.end_offset <= len(text), f
        span = lines.span(f.offset, f.end_offset)
        assert (span.line, span.column) == (f.line, f.column), f
        if f.fix is not None:
            for edit in f.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text)
    for error in result.errors:
        _one_line(error.message)


def _lint(name: str, text: str) -> None:
    fmt = format_for(name)
    assert fmt is not None
    try:
        fmt.read(name, text)
    except ReadError as exc:
        _one_line(exc.message)
    result = LINTER.lint_text(name, text)
    _places_in_the_file(result, text)
    changes = fix.plan(result).edits.get(name, [])
    fix.apply(text, changes)  # the planned changes never overlap (apply raises if they do)


@FUZZ
@given(TEXT | _joined(TEXT))
def test_text_reader(text: str):
    _lint("draft.txt", text)


@FUZZ
@given(MARKDOWN)
def test_markdown_reader(text: str):
    _lint("draft.md", text)


@FUZZ
@given(PO)
def test_po_reader(text: str):
    _lint("th.po", 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + text)


@FUZZ
@given(XLIFF)
def test_xliff_reader(text: str):
    _lint("ui.xlf", text)


def _glossary_file(name: str, data: bytes) -> Path:
    path = _TMP / name
    path.write_bytes(data)
    return path


@FUZZ
@given(YAML_GLOSSARY | st.binary(max_size=200).map(lambda b: b.decode("latin-1")))
def test_yaml_glossary(text: str):
    path = _glossary_file("g.yaml", text.encode("utf-8", "surrogatepass"))
    try:
        _, terms, errors = load_glossary_file(path)
    except GlossaryError as exc:  # a file that cannot be used at all
        _one_line(str(exc))
        return
    for error in errors:
        _one_line(str(error))
    assert all(term.target.strip() for term in terms)


@FUZZ
@given(TABLE_GLOSSARY, st.sampled_from(["g.csv", "g.tsv"]))
def test_table_glossary(text: str, name: str):
    path = _glossary_file(name, text.encode("utf-8"))
    try:
        _, _, errors = load_glossary_file(path)
    except GlossaryError as exc:
        errors = [exc]
    for error in errors:
        _one_line(str(error))
    try:
        import_glossary(path)
    except GlossaryError as exc:
        _one_line(str(exc))


@FUZZ
@given(TBX)
def test_tbx_import(text: str):
    path = _glossary_file("g.tbx", text.encode("utf-8"))
    try:
        glossary, messages = import_glossary(path)
    except GlossaryError as exc:
        _one_line(str(exc))
        return
    for message in messages:
        _one_line(message)
    assert all(term.target.strip() for term in glossary.terms)


@FUZZ
@given(PO)
def test_po_compendium_import(text: str):
    path = _glossary_file("compendium.po", text.encode("utf-8"))
    try:
        import_glossary(path)
    except GlossaryError as exc:
        _one_line(str(exc))


@FUZZ
@given(TEXT | st.text(max_size=40))
def test_normaliser(text: str):
    norm = normalize(text)
    assert normalize(norm.text).text == norm.text  # idempotent
    previous = (0, 0)
    for i in range(len(norm.text) + 1):
        start, end = norm.span_to_original(0, i)
        assert 0 <= start <= end <= len(text) and end >= previous[1]
        previous = (start, end)


@FUZZ
@given(_joined(TEXT), st.sampled_from(["d.txt", "d.md"]))
def test_fix_changes_only_the_spans(text: str, name: str):
    result = LINTER.lint_text(name, text)
    changes = fix.plan(result).edits.get(name, [])
    fixed = fix.apply(text, changes)
    at_old = at_new = 0
    for change in sorted(changes, key=lambda c: c.start):
        gap = change.start - at_old
        assert fixed[at_new:at_new + gap] == text[at_old:change.start]
        assert text[change.start:change.end] == change.finding.found
        at_new += gap + len(change.replacement)
        at_old = change.end
    assert fixed[at_new:] == text[at_old:]
