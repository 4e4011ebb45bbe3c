"""`--format html`: the page's structure and escaping (html.parser), then the page in a real
headless browser (Debian's chromium, installed by .ci/browser): the highlights are in the DOM
with the right text, nothing from the draft ran, and a screenshot is taken.

The draft carries payloads whose running would show in the dumped DOM: a script that sets
document.title, an <img onerror> that sets an attribute on <body>, and a file name and a
glossary note that would each add an element.  A control page with the same payloads left
raw proves that this browser does run them, so their absence from the report means
something.  The browser tests skip when /usr/bin/chromium is missing.

Set TERMCHECK_SCREENSHOT=/some/path.png to keep a copy of the screenshot.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.diagnostics import Finding, LintResult
from termcheck.engine import Linter
from termcheck.glossary.load import load_glossaries
from termcheck.reporters import html as html_report

CHROMIUM = Path("/usr/bin/chromium")
SCRIPT = "<script>document.title='PWNED'</script>"
IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
NOTE_PAYLOAD = "<b id=\"pwned-note\">x</b>"
FILE_NAME = 'ร่าง"><i id="pwned-path">.md'  # a file name is draft text too
GLOSSARY = f"""\
version: 1
terms:
  - id: myanmar
    target: เมียนมา
    forbidden: [เมียนมาร์]
    note: 'ราชบัณฑิตยสภา 2562 {NOTE_PAYLOAD}'
  - id: taiwan
    target: ไต้หวัน
    note: ชื่อทางการ
  - id: covid
    target: โควิด-19
"""
DRAFT = f"""\
# ข่าวแรงงานเมียนมาร์

แรงงานจากเมียนมาร์เดินทางไปใต้หวันเมื่อวานนี้
ข้อความ {SCRIPT} ในเมียนมาร์
รูป {IMG} ของโควิด 19 ครับ
"""
# (line, found, rule) of every finding the draft must give
EXPECTED = [(1, "เมียนมาร์", "TC001"), (3, "เมียนมาร์", "TC001"), (3, "ใต้หวัน", "TC002"),
            (4, "เมียนมาร์", "TC001"), (5, "โควิด 19", "TC003")]


class Page(HTMLParser):
    """The parts of a page the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.marks: list[dict[str, str | None]] = []  # attributes, with the text as "#text"
        self.text: list[str] = []
        self.title = ""
        self._open: list[str] = []
        self._mark: dict[str, str | None] | None = None
        self._in_title = False
        self.nested_marks = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(str(attributes["href"]))
        if tag == "mark":
            if self._mark is not None:
                self.nested_marks = True
            self._mark = {**attributes, "#text": ""}
            self.marks.append(self._mark)
        self._in_title = tag == "title"
        if tag not in {"meta", "br", "img", "link", "input"}:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._mark = None
        self._in_title = False
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._mark is not None:
            self._mark["#text"] = (self._mark["#text"] or "") + data
        if self._in_title:
            self.title += data

    def mark_text(self, number: int) -> str:
        """The text of finding `number`, from every mark piece it covers, in order."""
        return "".join(m["#text"] or "" for m in self.marks
                       if str(number) in (m.get("data-f") or "").split())


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


def render(result: LintResult, documents: dict[str, str] | None = None) -> str:
    """The page for `result`, with `documents` as the texts the linter read."""
    if documents is not None:
        result.documents = documents
    out = io.StringIO()
    html_report.render(result, out)
    return out.getvalue()


def finding(line: int, column: int, end_line: int, end_column: int, *, rule: str = "TC001",
            severity: str = "error", found: str = "", line_text: str = "",
            path: str = "d.md") -> Finding:
    return Finding(path=path, line=line, column=column, end_line=end_line,
                   end_column=end_column, rule=rule, severity=severity, term_id="t",
                   found=found, expected="แบบ", message="m", note="n", line_text=line_text)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[LintResult, str, str]:
    """(result, page, draft path) for DRAFT linted with GLOSSARY."""
    folder = tmp_path_factory.mktemp("html")
    glossary_path = folder / "glossary.yaml"
    glossary_path.write_text(GLOSSARY, encoding="utf-8")
    glossary, errors = load_glossaries([glossary_path])
    assert not errors, [str(e) for e in errors]
    draft = folder / FILE_NAME
    draft.write_text(DRAFT, encoding="utf-8")
    result = Linter(glossary).lint([str(draft)])
    assert not result.errors, [str(e) for e in result.errors]
    got = [(f.line, f.found, f.rule) for f in result.findings]
    assert got == EXPECTED
    assert result.documents == {str(draft): DRAFT}  # the text read: nothing reads it again
    return result, render(result), str(draft)


# -- structure and escaping -----------------------------------------------------------------

def test_page_is_self_contained_thai_and_scriptless(report: tuple[LintResult, str, str]) -> None:
    _, page, _ = report
    parsed = parse(page)
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"th\">")
    assert ("meta", {"charset": "utf-8"}) in parsed.tags
    csp = [a for t, a in parsed.tags if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in str(csp[0]["content"])
    assert "Noto Sans Thai" in page and "Tahoma" in page
    tags = {t for t, _ in parsed.tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "link", "base", "form"}
    assert not [(t, k) for t, a in parsed.tags for k in a if k.startswith("on")]
    assert "http://" not in page and "https://" not in page and "url(" not in page
    assert not parsed.nested_marks
    assert parsed.title == "termcheck: 5 findings"


def test_draft_glossary_and_path_text_is_escaped(report: tuple[LintResult, str, str]) -> None:
    _, page, path = report
    parsed = parse(page)
    assert "<script" not in page and "<img" not in page and "<i id" not in page
    assert 'id="pwned' not in page and "<b id" not in page
    text = "".join(parsed.text)
    for payload in (SCRIPT, IMG, NOTE_PAYLOAD, path):
        assert payload in text  # shown as written, as text
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt;" in page
    assert "onerror=&quot;document.body.setAttribute(&#x27;data-pwned&#x27;" in page


def test_every_finding_is_highlighted_and_listed(report: tuple[LintResult, str, str]) -> None:
    result, page, _ = report
    parsed = parse(page)
    assert len(set(parsed.ids)) == len(parsed.ids), "ids must be unique"
    for number, f in enumerate(result.findings, start=1):
        assert parsed.mark_text(number) == f.found
        first = next(m for m in parsed.marks if str(number) in str(m.get("data-f")).split())
        assert first.get("id") == f"m-{number}"
        assert f"sev-{f.severity}" in str(first["class"]).split()
        title = str(first["title"])
        assert f.rule in title and f"approved: {f.expected}" in title
        assert f"note: {f.note}" in title if f.note else True
        assert f"f-{number}" in parsed.ids and f"#f-{number}" in parsed.hrefs
        assert f"#m-{number}" in parsed.hrefs
    for href in parsed.hrefs:  # every link inside the page has its target
        assert href.startswith("#") and href[1:] in parsed.ids, href
    # the whole draft is shown, one numbered line each
    lines = [a for t, a in parsed.tags if t == "div" and "line" in str(a.get("class"))]
    assert [a["data-n"] for a in lines] == [str(n) for n in range(1, DRAFT.count("\n") + 1)]


def test_summary_table_by_term(report: tuple[LintResult, str, str]) -> None:
    _, page, _ = report
    table = page[page.index('<table class="terms">'):]
    table = table[:table.index("</table>")]
    rows = [parse("<tr" + row).text for row in table.split("<tr")[2:]]
    cells = [[c for c in row if c.strip()] for row in rows]
    assert cells[0][:2] == ["myanmar", "เมียนมา"] and cells[0][-1] == "3"
    assert ["taiwan", "ไต้หวัน", "0", "1", "0", "1"] in cells
    assert ["covid", "โควิด-19", "0", "0", "1", "1"] in cells
    assert cells[-1][-4:] == ["3", "1", "1", "5"]
    assert "5 findings (3 errors, 2 warnings) in 1 file; 1 file checked." in page


def test_overlapping_multiline_and_misplaced_spans() -> None:
    text = "กขคงจฉ\nชซฌญ\n\nฎฏ\u200bฐ\n"
    findings = [
        finding(1, 2, 1, 5, found="ขคง"),  # overlaps the next one
        finding(1, 4, 2, 3, found="งจฉ\nชซ", rule="TC002", severity="warning"),  # two lines
        finding(1, 4, 1, 6, found="งจ", rule="TC003", severity="info"),  # same start
        finding(4, 3, 4, 4, found="\u200b", rule="TC005", severity="warning"),
        finding(4, 1, 4, 1, found=""),  # zero width
        finding(9, 1, 9, 2, found="x"),  # past the end of the text: listed only
    ]
    parsed = parse(render(LintResult(findings=findings, files_checked=1), {"d.md": text}))
    assert not parsed.nested_marks
    assert [parsed.mark_text(n) for n in range(1, 7)] == [
        "ขคง", "งจฉชซ", "งจ", "\u200b", "", ""]
    assert {f"m-{n}" for n in range(1, 6)} <= set(parsed.ids) and "m-6" not in parsed.ids
    assert "f-6" in parsed.ids and "#m-6" not in parsed.hrefs
    both = [m for m in parsed.marks if m["#text"] == "ง"]
    assert both and both[0]["data-f"] == "1 2 3" and "sev-error" in str(both[0]["class"])
    assert len(set(parsed.ids)) == len(parsed.ids)
    for href in parsed.hrefs:
        assert href[1:] in parsed.ids, href


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="กข่ำ <>&\"'\u200b\n", min_size=1, max_size=40),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), min_size=1, max_size=6))
def test_any_spans_give_well_formed_marks(text: str, spans: list[tuple[int, int]]) -> None:
    """Whatever the spans (overlapping, nested, over lines, empty), marks never nest and
    each finding's pieces spell exactly its part of the text, line breaks left out."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def place(offset: int) -> tuple[int, int]:
        line = max(n for n, s in enumerate(starts, start=1) if s <= offset)
        return line, offset - starts[line - 1] + 1

    findings, wanted = [], []
    for start, length in spans:
        start = min(start, len(text))
        end = min(start + length, len(text))
        (line, column), (end_line, end_column) = place(start), place(end)
        findings.append(finding(line, column, end_line, end_column))
        wanted.append(text[start:end].replace("\n", ""))
    parsed = parse(render(LintResult(findings=findings), {"d.md": text}))
    assert not parsed.nested_marks
    assert [parsed.mark_text(n) for n in range(1, len(findings) + 1)] == wanted
    assert len(set(parsed.ids)) == len(parsed.ids)
    assert {f"m-{n}" for n in range(1, len(findings) + 1)} <= set(parsed.ids)
    assert all(href[1:] in parsed.ids for href in parsed.hrefs)
    refs = [a["href"] for tag, a in parsed.tags
            if tag == "a" and str(a.get("class")).startswith("ref ")]
    assert sorted(refs) == sorted(f"#f-{n}" for n in range(1, len(findings) + 1))


def test_without_the_document_the_finding_lines_are_shown() -> None:
    line = "ก <script>x</script> เมียนมาร์"
    f = finding(7, 22, 7, 31, found="เมียนมาร์", line_text=line)
    page = render(LintResult(findings=[f], files_checked=1))
    parsed = parse(page)
    assert parsed.mark_text(1) == "เมียนมาร์" and "<script" not in page
    assert [a["data-n"] for t, a in parsed.tags if t == "div" and a.get("data-n")] == ["7"]
    assert "not available" in page


def test_long_documents_show_the_lines_around_findings() -> None:
    count = html_report.MAX_FULL_LINES + 500
    text = "".join(f"บรรทัด {n}\n" for n in range(1, count + 1))
    f = finding(1500, 1, 1500, 7, found="บรรทัด")
    page = render(LintResult(findings=[f], files_checked=1), {"d.md": text})
    parsed = parse(page)
    shown = [int(str(a["data-n"])) for t, a in parsed.tags if t == "div" and a.get("data-n")]
    context = html_report.CONTEXT_LINES
    assert shown == list(range(1500 - context, 1500 + context + 1))
    assert "1,496 lines not shown" in page and f"{count - 1503:,} lines not shown" in page
    assert len(page) < 20_000


def test_no_findings() -> None:
    page = render(LintResult(files_checked=3))
    assert "No problems found (3 files checked)." in page and "<mark id" not in page


# -- a real browser -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (.ci/browser installs it)")
    return CHROMIUM


def run_chromium(binary: Path, page: Path, work: Path, *args: str) -> str:
    command = [str(binary), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-extensions",
               f"--user-data-dir={work / 'profile'}", "--virtual-time-budget=3000",
               *args, page.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "HOME": str(work)})
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_control_page_shows_that_payloads_would_be_seen(chromium: Path, tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>x</title>"
                    f"</head><body><p>{SCRIPT} {IMG} {NOTE_PAYLOAD}</p></body></html>",
                    encoding="utf-8")
    dom = parse(run_chromium(chromium, page, tmp_path, "--dump-dom"))
    assert dom.title == "PWNED"
    body = next(a for t, a in dom.tags if t == "body")
    assert body.get("data-pwned") == "1" and "pwned-note" in dom.ids


def test_report_in_the_browser(chromium: Path, report: tuple[LintResult, str, str],
                               tmp_path: Path) -> None:
    result, page, path = report
    # Without the Content-Security-Policy: escaping alone must keep the draft inert.
    bare = page.replace('<meta http-equiv="Content-Security-Policy"', '<meta name="x-csp"')
    assert bare != page
    file = tmp_path / "report.html"
    file.write_text(bare, encoding="utf-8")
    dom = parse(run_chromium(chromium, file, tmp_path, "--dump-dom"))
    assert dom.title == "termcheck: 5 findings"
    body = next(a for t, a in dom.tags if t == "body")
    assert "data-pwned" not in body
    assert not {i for i in dom.ids if i.startswith("pwned")}
    assert not {t for t, _ in dom.tags} & {"script", "img", "i", "b"}
    text = "".join(dom.text)
    assert SCRIPT in text and IMG in text and NOTE_PAYLOAD in text and path in text
    assert not dom.nested_marks
    for number, f in enumerate(result.findings, start=1):
        assert dom.mark_text(number) == f.found
        assert f"m-{number}" in dom.ids and f"f-{number}" in dom.ids


def test_screenshot(chromium: Path, report: tuple[LintResult, str, str],
                    tmp_path: Path) -> None:
    _, page, _ = report
    file = tmp_path / "report.html"
    file.write_text(page, encoding="utf-8")
    shot = tmp_path / "report.png"
    run_chromium(chromium, file, tmp_path, f"--screenshot={shot}", "--window-size=1200,1600",
                 "--hide-scrollbars")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 1600)
    assert len(data) > 20_000  # a blank page of that size is a few kilobytes
    keep = os.environ.get("TERMCHECK_SCREENSHOT")
    if keep:
        shutil.copyfile(shot, keep)


def test_cli_writes_the_page_to_output(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from termcheck.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary.yaml").write_text(
        "version: 1\nterms:\n  - {id: myanmar, target: เมียนมา, forbidden: [เมียนมาร์]}\n",
        encoding="utf-8")
    (tmp_path / "d.md").write_text("ไปเมียนมาร์ <script>x()</script>\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", "d.md", "-f", "html", "-o", "r.html"])
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<mark" in page and "เมียนมาร์" in page and "<script>x()" not in page
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # atomic, tidy
