"""Glossary import and export (termcheck.glossary.formats)."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from pathlib import Path

import pytest

from termcheck.glossary.formats import detect_format, export_glossary, import_glossary
from termcheck.glossary.formats.common import HAS_EXAMPLES
from termcheck.glossary.formats.table import split_forms
from termcheck.glossary.load import load_glossaries
from termcheck.glossary.model import Glossary, GlossaryError, Term

ROOT = Path(__file__).resolve().parent.parent
GLOSSARIES = [ROOT / "glossaries" / "th-diplomatic-police.yaml",
              ROOT / "tests" / "data" / "cases-glossary.yaml"]
OPENTLE = Path("/work/shared/realdata/opentle-glossary/all_glossary.utf8.csv")


def fields(term: Term) -> dict:
    return {f.name: getattr(term, f.name) for f in dataclasses.fields(term)
            if f.name not in ("path", "line")}


def assert_same_terms(a: Glossary, b: Glossary) -> None:
    assert [fields(t) for t in a.terms] == [fields(t) for t in b.terms]


def full_term() -> Term:
    extra = {"examples_bad": ("ตุรกี ส่งผู้แทน",), "examples_good": ("ทูร์เคีย ส่ง",)} \
        if HAS_EXAMPLES else {}
    return Term(id="turkiye", target="ทูร์เคีย", source=("Türkiye", "Turkey"),
                forbidden=("ตุรกี", "ตุรเคีย"), allowed=("สาธารณรัฐทูร์เคีย",),
                note="หนังสือ รภ 0002/795\nsecond line: 'quoted' & <angled>",
                case_sensitive=True, fuzzy=False, allow_in_compound=True,
                ignore_in=("ไก่งวง | turkey", "true"), **extra)


@pytest.mark.parametrize("src", GLOSSARIES, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["tbx", "yaml"])
def test_round_trip_keeps_every_field(src: Path, fmt: str, tmp_path: Path) -> None:
    glossary, errors = load_glossaries([src])
    assert not errors
    out = tmp_path / f"g.{fmt}"
    assert export_glossary(glossary, out) == []
    back, messages = import_glossary(out)
    assert messages == []
    assert_same_terms(glossary, back)
    assert (back.language, back.source_language) == ("th", "en")
    yaml_out = tmp_path / "back.yaml"
    export_glossary(back, yaml_out)
    again, errors = load_glossaries([yaml_out])
    assert not errors
    assert_same_terms(glossary, again)


@pytest.mark.parametrize("fmt", ["tbx", "yaml"])
def test_round_trip_of_every_non_default_field(fmt: str, tmp_path: Path) -> None:
    glossary = Glossary((full_term(), Term(id="t2", target="ไต้หวัน")))
    out = tmp_path / f"g.{fmt}"
    export_glossary(glossary, out, name="ชื่อ")
    back, messages = import_glossary(out)
    assert messages == []
    assert_same_terms(glossary, back)


def test_yaml_output_is_readable(tmp_path: Path) -> None:
    out = tmp_path / "g.yaml"
    export_glossary(Glossary((Term(id="myanmar", target="เมียนมา", source=("Myanmar",),
                                   forbidden=("เมียนมาร์",)),)), out, name="n")
    assert out.read_text(encoding="utf-8") == (
        "version: 1\nlanguage: th\nsource_language: en\nname: n\nterms:\n"
        "  - id: myanmar\n    target: เมียนมา\n    source: [Myanmar]\n"
        "    forbidden: [เมียนมาร์]\n")


def test_tbx_output_structure(tmp_path: Path) -> None:
    out = tmp_path / "g.tbx"
    export_glossary(Glossary((full_term(),)), out)
    text = out.read_text(encoding="utf-8")
    assert ('<tbx type="TBX-Basic" style="dca" xml:lang="en" '
            'xmlns="urn:iso:std:iso:30042:ed-2">') in text
    assert '<conceptEntry id="turkiye">' in text
    assert "<term>ทูร์เคีย</term>" in text
    for status in ("preferredTerm", "admittedTerm", "deprecatedTerm"):
        assert f'<termNote type="administrativeStatus">{status}-admn-sts</termNote>' in text
    assert "<note>termcheck:fuzzy=false</note>" in text


TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
 <text><body>
  <conceptEntry id="c1">
   <descrip type="definition">a file system container</descrip>
   <langSec xml:lang="en-US"><termSec><term>directory</term></termSec></langSec>
   <langSec xml:lang="th-TH">
    <termSec><term>สารบบ</term>
     <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
    <termSec><term>ไดเรกทอรี</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
    <termSec><term>ไดเร็กทอรี</term>
     <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
    <termSec><term>โฟลเดอร์</term>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
   </langSec>
   <langSec xml:lang="de"><termSec><term>Verzeichnis</term></termSec></langSec>
  </conceptEntry>
  <conceptEntry id="c2">
   <langSec xml:lang="en"><termSec><term>folder</term></termSec></langSec>
   <langSec xml:lang="th"><termSec><term>โฟลเดอร์</term></termSec></langSec>
  </conceptEntry>
  <conceptEntry id="c3">
   <langSec xml:lang="en"><termSec><term>untranslated</term></termSec></langSec>
  </conceptEntry>
 </body></text>
</tbx>
"""


def test_tbx_status_mapping_and_cleanup(tmp_path: Path) -> None:
    path = tmp_path / "in.tbx"
    path.write_text(TBX_V3, encoding="utf-8")
    glossary, messages = import_glossary(path)
    c1, c2 = glossary.terms
    assert (c1.id, c1.target, c1.source, c1.allowed) == ("c1", "ไดเรกทอรี", ("directory",),
                                                         ("สารบบ",))
    assert c1.forbidden == ("ไดเร็กทอรี",)  # โฟลเดอร์ is term c2's target: dropped, said
    assert c1.note == "a file system container"
    assert c1.line == 5
    assert c2.target == "โฟลเดอร์"
    assert any(m.endswith(":5: dropped forbidden form 'โฟลเดอร์': it is an approved form "
                          "of term 'c2'") for m in messages)
    assert any(m.endswith(":24: skipped: empty target") for m in messages)
    assert any("ignored language sections: de" in m for m in messages)


def test_old_tbx_martif(tmp_path: Path) -> None:
    path = tmp_path / "old.tbx"
    path.write_text("""<?xml version="1.0"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en"><text><body>
 <termEntry id="e1">
  <langSet xml:lang="en"><tig><term>e-mail</term></tig></langSet>
  <langSet xml:lang="th">
   <tig><term>อีเมล</term>
    <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
   <ntig><termGrp><term>อีเมล์</term>
    <termNote type="normativeAuthorization">deprecatedTerm</termNote></termGrp></ntig>
  </langSet>
 </termEntry>
</body></text></martif>""", encoding="utf-8")
    glossary, messages = import_glossary(path)
    assert messages == []
    (term,) = glossary.terms
    assert (term.id, term.target, term.source, term.forbidden) == (
        "e1", "อีเมล", ("e-mail",), ("อีเมล์",))


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
])
def test_tbx_entities_refused(doctype: str, tmp_path: Path) -> None:
    path = tmp_path / "bomb.tbx"
    path.write_text(f'<?xml version="1.0"?>\n{doctype}\n<tbx><text><body/></text></tbx>',
                    encoding="utf-8")
    with pytest.raises(GlossaryError, match="entity"):
        import_glossary(path)


def test_tbx_malformed(tmp_path: Path) -> None:
    path = tmp_path / "bad.tbx"
    path.write_text("<tbx>\n<text>\n</tbx>", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"bad.tbx:3: malformed XML"):
        import_glossary(path)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "xlsx"])
def test_table_round_trip(fmt: str, tmp_path: Path) -> None:
    if fmt == "xlsx":
        pytest.importorskip("openpyxl")
    term = dataclasses.replace(full_term(), ignore_in=("พล.ต.อ.",), examples_bad=(),
                               examples_good=()) if HAS_EXAMPLES else \
        dataclasses.replace(full_term(), ignore_in=("พล.ต.อ.",))
    glossary = Glossary((term, Term(id="t2", target="ไต้หวัน", note="2565")))
    out = tmp_path / f"g.{fmt}"
    assert export_glossary(glossary, out) == []
    back, messages = import_glossary(out)
    assert messages == []
    assert_same_terms(glossary, back)
    if fmt != "xlsx":  # load.py reads our CSV/TSV as written
        loaded, errors = load_glossaries([out])
        assert not errors
        assert_same_terms(glossary, loaded)


def test_table_export_says_what_it_cannot_keep(tmp_path: Path) -> None:
    if not HAS_EXAMPLES:
        pytest.skip("the model has no examples")
    messages = export_glossary(Glossary((full_term(),)), tmp_path / "g.csv")
    assert any("examples of 1 terms not written" in m for m in messages)
    assert any("contains '|'" in m for m in messages)


def test_xlsx_without_openpyxl_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "openpyxl":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(GlossaryError, match="openpyxl"):
        export_glossary(Glossary((Term(id="a", target="ก"),)), tmp_path / "g.xlsx")


def test_split_forms() -> None:
    assert split_forms("ไดเรกทอรี [ที่เก็บแฟ้ม], สารบบ [บัญชีรายชื่อ]") == (
        ["ไดเรกทอรี", "สารบบ"], ["ไดเรกทอรี: ที่เก็บแฟ้ม", "สารบบ: บัญชีรายชื่อ"], [])
    assert split_forms("จับภาพ, จับ (ภาพ, เสียง),(ตัวแปร) ส่วนกลาง") == (
        ["จับภาพ", "จับ", "ส่วนกลาง"], ["จับ: ภาพ, เสียง", "ส่วนกลาง: ตัวแปร"], [])
    assert split_forms("รีเฟรช, แสดงผล (ข้อมูล) ใหม่, ประมวล(ผล)") == (
        ["รีเฟรช"], [], ["แสดงผล (ข้อมูล) ใหม่", "ประมวล(ผล)"])


def test_opentle_layout(tmp_path: Path) -> None:
    path = tmp_path / "opentle.csv"
    path.write_text(
        '"file","ไฟล์, แฟ้ม",\n'
        '"directory","ไดเรกทอรี [ที่เก็บแฟ้ม], สารบบ [บัญชีรายชื่อ]",\n'
        '"Chamorro",,\n'
        '"Ubuntu","อูบุนตู","Officially, it\'s "oo-BOON-too", ชุด"\n'
        '"File","แฟ้ม",\n'
        '"alpha","อัลฟา",\n'
        '"Alpha","แอลฟา","note"\n'
        '"alpha","อัลฟา",\n', encoding="utf-8")
    glossary, messages = import_glossary(path)
    terms = {t.id: t for t in glossary.terms}
    assert set(terms) == {"file", "directory", "alpha"}
    assert (terms["file"].target, terms["file"].allowed) == ("ไฟล์", ("แฟ้ม",))
    assert terms["directory"].note == "ไดเรกทอรี: ที่เก็บแฟ้ม; สารบบ: บัญชีรายชื่อ"
    assert (terms["alpha"].allowed, terms["alpha"].note) == (("แอลฟา",), "note")
    name = str(path)
    assert messages == [
        f"{name}:3: skipped: empty target",
        f"{name}:4: skipped: malformed CSV (4 fields; unescaped quotes?)",
        f"{name}:5: merged: duplicate of line 1 ('File')",
        f"{name}:7: merged: into line 6 (same source 'Alpha', other forms: แอลฟา)",
        f"{name}:8: merged: duplicate of line 6 ('alpha')",
    ]
    out = tmp_path / "out.yaml"
    export_glossary(glossary, out)
    assert not load_glossaries([out])[1]


@pytest.mark.skipif(not OPENTLE.exists(), reason="shared real data not available")
def test_real_opentle_glossary(tmp_path: Path) -> None:
    glossary, messages = import_glossary(OPENTLE)
    reasons = Counter(re.split(r"[('0-9]", m.split(": ", 1)[1])[0].strip()
                      for m in messages)
    assert len(glossary.terms) == 5143
    assert reasons["skipped: empty target"] == 5877
    assert reasons["skipped: malformed CSV"] == 1
    assert f"{OPENTLE}:11561: skipped: malformed CSV (4 fields; unescaped quotes?)" in messages
    assert reasons["merged: duplicate of line"] + reasons["merged: into line"] == 562, reasons
    assert reasons["skipped: no usable Thai form"] == 30
    directory = next(t for t in glossary.terms if t.id == "directory")
    assert directory.target == "ไดเรกทอรี"
    assert "สารบบ" in directory.allowed
    out = tmp_path / "opentle.yaml"
    export_glossary(glossary, out)
    loaded, errors = load_glossaries([out])
    assert not errors
    assert len(loaded.terms) == 5143


PO = r'''msgid ""
msgstr ""
"Language: th\n"
"Content-Type: text/plain; charset=UTF-8\n"

msgctxt "menu"
msgid "File"
msgstr "ไฟล์"

#, fuzzy
msgid "Folder"
msgstr "โฟลเดอร์"

msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d ไฟล์"

msgid "Untranslated"
msgstr ""

#~ msgid "Old"
#~ msgstr "เก่า"
'''


def test_po_compendium(tmp_path: Path) -> None:
    path = tmp_path / "compendium.po"
    path.write_text(PO, encoding="utf-8")
    glossary, messages = import_glossary(path)
    assert [(t.source, t.target, t.note) for t in glossary.terms] == [
        (("File",), "ไฟล์", "context: menu"), (("%d file",), "%d ไฟล์", "")]
    assert sorted(m.split(": ", 1)[1] for m in messages) == [
        "skipped 1 fuzzy entries", "skipped 1 obsolete entries",
        "skipped 1 untranslated entries"]
    out = tmp_path / "out.po"
    export_glossary(glossary, out)
    back, _ = import_glossary(out)
    assert [t.target for t in back.terms] == ["ไฟล์", "%d ไฟล์"]


def test_detect_format(tmp_path: Path) -> None:
    assert detect_format("a.TBX") == "tbx"
    assert detect_format("a.txt", "opentle") == "opentle"
    assert detect_format("a.txt", ".tsv") == "tsv"
    with pytest.raises(GlossaryError, match=r"extension '\.txt'"):
        detect_format("a.txt")
    with pytest.raises(GlossaryError, match="unknown glossary format 'docx'"):
        import_glossary(tmp_path / "a.csv", format="docx")


def test_cli_import_and_export_round_trip(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from termcheck.cli import app

    shipped = Path(__file__).resolve().parents[1] / "glossaries" / "th-diplomatic-police.yaml"
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    out = runner.invoke(app, ["glossary", "export", str(shipped), "g.tbx"])
    assert out.exit_code == 0, out.output
    back = runner.invoke(app, ["glossary", "import", "g.tbx", "g.yaml"])
    assert back.exit_code == 0, back.output
    original, _ = load_glossaries([shipped])
    again, errors = load_glossaries([tmp_path / "g.yaml"])
    assert not errors
    fields = ("id", "target", "source", "forbidden", "allowed", "note", "case_sensitive",
              "fuzzy", "allow_in_compound")
    assert [tuple(getattr(t, f) for f in fields) for t in again.terms] == [
        tuple(getattr(t, f) for f in fields) for t in original.terms]
    (tmp_path / "bad.tbx").write_text('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>'
                                      '\n<tbx>&a;</tbx>', encoding="utf-8")
    hostile = runner.invoke(app, ["glossary", "import", "bad.tbx", "x.yaml"])
    assert hostile.exit_code == 2 and "entit" in hostile.stderr.lower()
