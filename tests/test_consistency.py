"""Consistency across segments: TC102 (same source, different translations) and TC103 (one
source term, several renderings), termcheck.bilingual.consistency.

Small synthetic runs pin down each rule path; the real PO files of ../shared/realdata (read
here with polib, accelerators stripped, fuzzy and obsolete entries skipped) pin down what the
check finds in practice.  The expected real-data counts were verified independently of
termcheck with polib: entries whose msgid matches the English word as a whole word, counted
by the Thai forms their msgstr contains, e.g. for Thunar's "file"

    [e for e in polib.pofile("xfce-thunar/th.po") if not e.obsolete and "fuzzy" not in e.flags
     and e.msgstr and re.search(r"\\bfile(s|'s)?\\b", strip(e.msgid), re.I)]

gives 211 entries, 209 with แฟ้ม and 2 with ไฟล์ (NOTES.md section 2 has the same figures).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import polib
import pytest

from support import DATA, SHARED
from termcheck.bilingual.consistency import (
    RENDERING,
    TRANSLATION,
    Inconsistency,
    KnownTerm,
    Unit,
    find_inconsistencies,
)
from termcheck.checks.consistency import message
from termcheck.thai.lexicon import Lexicon

REALDATA = SHARED / "realdata"
FIXTURES = DATA / "consistency"
_ACCELERATOR = re.compile(r"\(_[^\W_]\)|_(?=\w)|&(?=\w)")  # (_X), _X and &X


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon()


def units(*pairs: tuple[str, str] | tuple[str, str, str | None], path: str = "a.po") -> list[Unit]:
    """Units from (source, target[, context]) triples, numbered in order."""
    return [Unit(path, n, p[0], p[1], p[2] if len(p) > 2 else None)
            for n, p in enumerate(pairs)]


def po_units(path: Path) -> list[Unit]:
    """Translated, non-fuzzy, non-obsolete entries of a PO file; plurals: msgstr[0]."""
    out = []
    for n, entry in enumerate(polib.pofile(str(path))):
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        target = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        if target:
            out.append(Unit(str(path), n, _ACCELERATOR.sub("", entry.msgid),
                            _ACCELERATOR.sub("", target), entry.msgctxt))
    return out


# TC102 reports the minority translations, TC103 the minority renderings
KIND = {"TC102": TRANSLATION, "TC103": RENDERING}


def tc(findings: list[Inconsistency], rule: str) -> list[Inconsistency]:
    return [f for f in findings if f.kind == KIND[rule]]


def show(findings: list[Inconsistency]) -> str:
    return "\n".join(f"  {f.kind} {f.term!r} {f.found!r} -> {f.expected!r}: {message(f)}"
                     for f in findings) or "  (no findings)"


# -- TC102 ----------------------------------------------------------------------------------

def test_minority_translation_of_one_source_is_reported(lexicon):
    run = units(("Open File", "เปิดไฟล์"), ("Open File", "เปิดไฟล์"),
                ("Open File", "เปิดแฟ้ม"), ("Open File", "เปิดไฟล์"))
    found = tc(find_inconsistencies(run, lexicon=lexicon), "TC102")
    assert [(f.unit.index, f.found, f.expected) for f in found] == [
        (2, "เปิดแฟ้ม", "เปิดไฟล์")], show(found)
    f = found[0]
    assert (f.start, f.end, f.term) == (0, len("เปิดแฟ้ม"), "Open File")
    assert message(f) == "'Open File' is translated เปิดไฟล์ 3 times and เปิดแฟ้ม once in this run"


def test_translation_tie_goes_to_the_first_seen(lexicon):
    run = units(("Cancel", "ยกเลิก"), ("Cancel", "ยกเลิกการ"))
    found = tc(find_inconsistencies(run, lexicon=lexicon), "TC102")
    assert [(f.unit.index, f.expected) for f in found] == [(1, "ยกเลิก")], show(found)


def test_contexts_make_separate_groups(lexicon):
    run = units(("Open", "เปิด", "menu"), ("Open", "เปิดดู", "button"), ("Open", "เปิด", "menu"))
    assert tc(find_inconsistencies(run, lexicon=lexicon), "TC102") == []


def test_groups_span_the_files_of_a_run(lexicon):
    run = [*units(("Save", "บันทึก"), ("Close", "ปิด"), path="a.po"),
           *units(("Save", "บันทึก"), path="b.po"), *units(("Save", "เซฟ"), path="c.po")]
    found = tc(find_inconsistencies(run, lexicon=lexicon), "TC102")
    assert [(f.unit.path, f.found) for f in found] == [("c.po", "เซฟ")], show(found)


def test_translations_compare_normalised(lexicon):
    # spaces, NBSP, a zero-width space, เเ for แ and punctuation at the ends do not count
    run = units(("Group", "กลุ่ม"), ("Group", "กลุ่ม:"), ("Group", " กลุ่ม\u200b "),
                ("Open file", "เปิด  แฟ้ม"), ("Open file", "เปิด\u00a0เเฟ้ม"),
                ("Open file", "เปิด แฟ้ม"))
    assert tc(find_inconsistencies(run, lexicon=lexicon), "TC102") == []


def test_targets_without_thai_are_not_compared(lexicon):
    # placeholder strings and names copied as they are differ in formatting, not wording
    run = units(("%s: %s", "%s: %s"), ("%s: %s", "%s : %s"), ("GNOME", "GNOME"),
                ("GNOME", "กโนม"))
    assert tc(find_inconsistencies(run, lexicon=lexicon), "TC102") == []


# -- TC103, discovered from the units -------------------------------------------------------

UPDATE = [("Update", "อัพเดท"), ("Update now", "อัพเดททันที"), ("Update the list", "อัพเดทรายการ"),
          ("Check for updates", "ตรวจหาอัพเดท"), ("Updates are available", "มีอัปเดตพร้อมใช้"),
          ("Install updates", "ติดตั้งอัปเดต")]


def test_spelling_variants_are_grouped_and_the_minority_reported(lexicon):
    found = tc(find_inconsistencies(units(*UPDATE), lexicon=lexicon), "TC103")
    assert [(f.unit.index, f.term, f.found, f.expected) for f in found] == [
        (4, "update", "อัปเดต", "อัพเดท"), (5, "update", "อัปเดต", "อัพเดท")], show(found)
    assert message(found[0]) == "'update' is spelled อัพเดท 4 times and อัปเดต twice in this run"
    assert all(f.unit.target[f.start:f.end] == f.found for f in found)


def test_three_spellings_chain_into_one_group(lexicon):
    # อัพเดท - อัพเดต (ท/ต) - อัปเดต (พ/ป): no single edit links the two ends
    run = units(*UPDATE[:4], ("Updates are available", "มีอัปเดตพร้อมใช้"),
                ("Install updates", "ติดตั้งอัพเดต"))
    found = tc(find_inconsistencies(run, lexicon=lexicon), "TC103")
    assert sorted(f.found for f in found) == ["อัปเดต", "อัพเดต"], show(found)
    assert "spelled อัพเดท 4 times, อัปเดต once and อัพเดต once" in message(found[0])


def test_stop_words_are_never_terms(lexicon):
    # the same Thai spellings, now under "please", a stop word, and a placeholder: silence
    run = units(*[(f"Please {w} %s", t) for w, (_, t) in zip(
        ["wait", "stay", "hold", "look", "rest", "sit"], UPDATE, strict=True)])
    assert tc(find_inconsistencies(run, lexicon=lexicon), "TC103") == []


FILE = [("Open file", "เปิดแฟ้ม"), ("Save file", "บันทึกแฟ้ม"), ("Delete file", "ลบแฟ้ม"),
        ("Rename file", "เปลี่ยนชื่อแฟ้ม"), ("Copy file", "คัดลอกแฟ้ม")]


def test_a_loanword_where_the_main_rendering_is_missing_is_reported(lexicon):
    # Thunar's case: แฟ้ม for "file", twice ไฟล์ (its loanword) in units without แฟ้ม
    run = units(*FILE, ("Move file", "ย้ายไฟล์"), ("Print file", "พิมพ์ไฟล์"))
    found = tc(find_inconsistencies(run, lexicon=lexicon), "TC103")
    assert [(f.unit.index, f.found, f.expected) for f in found] == [
        (5, "ไฟล์", "แฟ้ม"), (6, "ไฟล์", "แฟ้ม")], show(found)
    assert message(found[0]) == "'file' is rendered แฟ้ม 5 times and ไฟล์ twice in this run"


def test_an_alternative_beside_the_main_rendering_is_not_one(lexicon):
    # complementary units: ไฟล์ stands where แฟ้ม already renders the one "file"
    run = units(*FILE, ("Move file", "ย้ายแฟ้ม (ไฟล์)"), ("Print file", "พิมพ์แฟ้ม ไฟล์"))
    assert tc(find_inconsistencies(run, lexicon=lexicon), "TC103") == []


def test_a_word_repeated_in_the_source_may_use_both(lexicon):
    # "files" twice, แฟ้ม once: the second is missing, and ไฟล์ stands in for it
    run = units(*FILE, ("Move files to other files", "ย้ายแฟ้มไปยังไฟล์อื่น"),
                ("Print file or files", "พิมพ์แฟ้มหรือไฟล์"))
    found = tc(find_inconsistencies(run, lexicon=lexicon), "TC103")
    assert [(f.unit.index, f.found) for f in found] == [(5, "ไฟล์"), (6, "ไฟล์")], show(found)


def test_a_different_word_in_another_sense_is_let_be(lexicon):
    # ค่าปริยาย for "default", โดยปกติ for "by default": an idiom, not an inconsistency
    run = units(("Default", "ค่าปริยาย"), ("Default size", "ขนาดปริยาย"),
                ("Reset to default", "คืนค่าปริยาย"), ("Default folder", "โฟลเดอร์ปริยาย"),
                ("Default view", "มุมมองปริยาย"), ("By default, hide it", "โดยปกติ ให้ซ่อน"),
                ("Sorted by default", "เรียงโดยปกติ"))
    assert tc(find_inconsistencies(run, lexicon=lexicon), "TC103") == []


def test_a_shorter_form_inside_the_main_rendering_is_not_counted(lexicon):
    # ตั้งค่า inside การตั้งค่า is การตั้งค่า; the lone ตั้งค่า (a verb) is a piece of it
    run = units(("Settings", "การตั้งค่า"), ("Reset settings", "รีเซ็ตการตั้งค่า"),
                ("Show settings", "แสดงการตั้งค่า"), ("Folder settings", "การตั้งค่าโฟลเดอร์"),
                ("Trash settings", "การตั้งค่าถังขยะ"), ("Network settings", "ตั้งค่าเครือข่าย"))
    assert tc(find_inconsistencies(run, lexicon=lexicon), "TC103") == []


def test_a_rare_word_is_not_a_term(lexicon):
    run = units(*UPDATE[:3], ("Updates are available", "มีอัปเดตพร้อมใช้"))  # 4 units < 5
    assert tc(find_inconsistencies(run, lexicon=lexicon), "TC103") == []


def test_spans_point_into_the_target_as_written(lexicon):
    # normalisation shortens the text before the term (ZWSP, เเ): the span must not drift
    run = units(*FILE, ("Move file", "ย้าย\u200bเเละไฟล์"), ("Print file", "พิมพ์\u200b\u200bไฟล์"))
    found = tc(find_inconsistencies(run, lexicon=lexicon), "TC103")
    assert [f.unit.target[f.start:f.end] for f in found] == ["ไฟล์", "ไฟล์"], show(found)


# -- TC103 for glossary terms with several accepted forms -----------------------------------

def test_known_term_minority_form_is_reported_with_its_id(lexicon):
    term = KnownTerm(("file",), ("ไฟล์", "แฟ้ม"), "file")
    run = units(("Open files", "เปิดไฟล์"), ("Save the file", "บันทึกไฟล์"),
                ("Delete file", "ลบไฟล์"), ("Profile", "โปรไฟล์"), ("File size", "ขนาดแฟ้ม"))
    found = tc(find_inconsistencies(run, lexicon=lexicon, known_terms=[term]), "TC103")
    assert [(f.unit.index, f.found, f.expected, f.term_id) for f in found] == [
        (4, "แฟ้ม", "ไฟล์", "file")], show(found)
    assert message(found[0]) == "'file' is rendered ไฟล์ 3 times and แฟ้ม once in this run"


def test_known_term_tie_goes_to_the_glossary_target(lexicon):
    term = KnownTerm(("email",), ("อีเมล", "อีเมล์"), "email")
    run = units(("Send email", "ส่งอีเมล์"), ("Email address", "ที่อยู่อีเมล์"),
                ("Email", "อีเมล"), ("Check email", "ตรวจอีเมล"), ("Emails", "อีเมล์"),
                ("New email", "อีเมลใหม่"))
    found = tc(find_inconsistencies(run, lexicon=lexicon, known_terms=[term]), "TC103")
    # 3 against 3 (อีเมล is not found inside อีเมล์: a combining mark follows)
    assert [(f.unit.index, f.found) for f in found] == [
        (0, "อีเมล์"), (1, "อีเมล์"), (4, "อีเมล์")], show(found)
    assert message(found[0]) == "'email' is rendered อีเมล 3 times and อีเมล์ 3 times in this run"


def test_known_term_counts_the_longest_form(lexicon):
    term = KnownTerm(("settings",), ("การตั้งค่า", "ตั้งค่า"), "settings")
    run = units(("Settings", "การตั้งค่า"), ("Reset settings", "รีเซ็ตการตั้งค่า"),
                ("Show settings", "แสดงการตั้งค่า"), ("Network settings", "ตั้งค่าเครือข่าย"))
    found = tc(find_inconsistencies(run, lexicon=lexicon, known_terms=[term]), "TC103")
    assert [f.found for f in found] == ["ตั้งค่า"], show(found)
    assert "การตั้งค่า 3 times and ตั้งค่า once" in message(found[0])


def test_a_glossary_term_is_left_out_of_discovery(lexicon):
    # one accepted form: a missing target is TC101's, so TC103 says nothing about "file"
    term = KnownTerm(("file",), ("แฟ้ม",), "file")
    run = units(*FILE, ("Move file", "ย้ายไฟล์"), ("Print file", "พิมพ์ไฟล์"))
    assert find_inconsistencies(run, lexicon=lexicon, known_terms=[term]) == []


def test_a_consistent_file_yields_nothing(lexicon):
    run = po_units(FIXTURES / "clean.po")
    assert len(run) == 33  # the fuzzy and the obsolete entry are not units
    assert find_inconsistencies(run, lexicon=lexicon) == []


# -- the real files -------------------------------------------------------------------------

realdata = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is absent")


def discovered(lexicon: Lexicon, *paths: str) -> tuple[list[Inconsistency], Counter]:
    run = [u for path in paths for u in po_units(REALDATA / path)]
    found = find_inconsistencies(run, lexicon=lexicon)
    return found, Counter((f.term, f.found) for f in tc(found, "TC103"))


def message_of(found: list[Inconsistency], term: str) -> str:
    return next(message(f) for f in found if f.kind == RENDERING and f.term == term)


@realdata
def test_thunar(lexicon):
    found, pairs = discovered(lexicon, "xfce-thunar/th.po")
    assert pairs == {
        ("file", "ไฟล์"): 3,  # 2 entries; one says ไฟล์ twice beside แฟ้ม 4 times for 6 "files"
        ("link", "ลิงก์"): 7,  # Xfce's จุดเชื่อม 16 entries, ลิงก์ 7
        ("desktop", "เดสก์ท็อป"): 5,  # พื้นโต๊ะ 7 entries, เดสก์ท็อป 4 (one says it twice)
        ("directory", "ไดเร็กทอรี"): 1,  # ไดเรกทอรี 21
        # 7 "directory" entries hold โฟลเดอร์; 3 of them for "folders" beside (keyword
        # lists "folders;directory;", "put it in this folder"): 4 are "directory"'s
        ("directory", "โฟลเดอร์"): 4,
        ("drive", "ไดรฟ์"): 2,  # ไดรว์ 11 entries, ไดรฟ์ 1 (twice in it)
    }, show(tc(found, "TC103"))
    assert message_of(found, "file") == (
        "'file' is rendered แฟ้ม 209 times and ไฟล์ twice in this run")
    assert message_of(found, "link") == (
        "'link' is rendered จุดเชื่อม 16 times and ลิงก์ 7 times in this run")


@realdata
def test_thunar_with_the_glossary_forms_of_file(lexicon):
    term = KnownTerm(("file",), ("ไฟล์", "แฟ้ม"), "file")  # OpenTLE: `file` -> ไฟล์, แฟ้ม
    run = po_units(REALDATA / "xfce-thunar/th.po")
    found = [f for f in find_inconsistencies(run, lexicon=lexicon, known_terms=[term])
             if f.term_id == "file"]
    assert [f.found for f in found] == ["ไฟล์"] * 3, show(found)
    assert message(found[0]) == "'file' is rendered แฟ้ม 209 times and ไฟล์ twice in this run"


@realdata
def test_nautilus(lexicon):
    found, pairs = discovered(lexicon, "gnome-nautilus/th.po")
    assert pairs == {
        ("server", "เซิฟเวอร์"): 1,  # เซิร์ฟเวอร์ 8
        ("directory", "ไดเร็กทอรี"): 1,  # ไดเรกทอรี 5
        ("video", "วีดีโอ"): 2,  # วิดีโอ 5
        ("link", "เชื่อมโยง"): 1,  # ลิงก์ 30; "Link to %s" -> เชื่อมโยงไปยัง %s
    }, show(tc(found, "TC103"))
    assert message_of(found, "server") == (
        "'server' is spelled เซิร์ฟเวอร์ 8 times and เซิฟเวอร์ once in this run")


@realdata
def test_nautilus_2024_mixed(lexicon):
    # of the msgstrs that still say แฟ้ม, 42 are fuzzy and 1 is translated (NOTES.md)
    found, pairs = discovered(lexicon, "gnome-nautilus/th.2024-02-14_mixed.po")
    assert pairs == {("file", "แฟ้ม"): 1, ("link", "เชื่อมโยง"): 2}, show(tc(found, "TC103"))
    assert message_of(found, "file") == (
        "'file' is rendered ไฟล์ 133 times and แฟ้ม once in this run")


@realdata
def test_godot_editor(lexicon):
    found, pairs = discovered(lexicon, "godot-editor/editor_th.po")
    # update: 13 entries (update, updates, updated, updating): อัพเดท 7, อัปเดต 4, อัพเดต 2
    assert message_of(found, "update") == (
        "'update' is spelled อัพเดท 7 times, อัปเดต 4 times and อัพเดต twice in this run")
    assert pairs[("update", "อัปเดต")] == 4 and pairs[("update", "อัพเดต")] == 2
    # directory: 6 entries, ไดเร็กทอรี 4 and ไดเรกทอรี 1 (the sixth says ตำแหน่ง)
    assert pairs[("directory", "ไดเรกทอรี")] == 1
    # Every pair below was read in the file.  Spelling variants and typos (all true):
    spelled = {("output", "เอาซ์พุต"), ("output", "เอาท์พุต"), ("node", "โนด"),
               ("reset", "รีเซ็ท"), ("animation", "แอนิเมชั่น"), ("project", "โปรเจ็กต์"),
               ("method", "เมท็อด"), ("layout", "เลเอาต์"), ("version", "เวอร์ชั่น"),
               ("lock", "ล็อค"), ("snap", "สแแนป"), ("setting", "ตั้งต่า"),
               ("already", "อยู๋แล้ว"), ("shader", "เชเดอร์"), ("parameter", "พาราพิเตอร์"),
               ("update", "อัปเดต"), ("update", "อัพเดต"), ("directory", "ไดเรกทอรี")}
    # A native word beside a loanword, one term (true): ทรัพยากร/รีซอร์ส, วัตถุ/ออบเจกต์,
    # เค้าโครง/เลย์เอาต์, รูปหลายเหลี่ยม/โพลีกอน, ท่าทาง/โพส.
    rendered = {("resource", "ทรัพยากร"), ("object", "ออบเจกต์"), ("layout", "เค้าโครง"),
                ("polygon", "รูปหลายเหลี่ยม"), ("pose", "โพส")}
    # Debatable or false: ซอร์ส ("C++ source") beside ต้นฉบับ (origin); รีโมท (a git remote)
    # beside ระยะไกล (remote debugging); จุดเริ่ม ("Grid Offset" paraphrased).
    doubtful = {("source", "ซอร์ส"), ("remote", "รีโมท"), ("offset", "จุดเริ่ม")}
    assert set(pairs) == spelled | rendered | doubtful, show(tc(found, "TC103"))


@realdata
def test_files_with_nothing_to_report(lexicon):
    for path in ("debian-apt/th.po", "gnome-file-roller/th.po",
                 "gnome-nautilus/th.2016-09-11_legacy.po"):
        found, pairs = discovered(lexicon, path)
        assert not pairs, (path, show(tc(found, "TC103")))


@realdata
def test_django(lexicon):
    paths = sorted(str(p.relative_to(REALDATA)) for p in (REALDATA / "django").glob("*.po"))
    found, pairs = discovered(lexicon, *paths)
    assert pairs == {("email", "อีเมล์"): 1, ("object", "อ็อบเจ็คต์"): 1}, show(
        tc(found, "TC103"))
    # across the twelve files: "Remove" ถอดออก/ลบออก, "Password reset" two ways
    assert {f.term for f in tc(found, "TC102")} == {"Remove", "Password reset"}, show(found)


@realdata
def test_all_real_files_in_one_run(lexicon):
    run = [u for path in sorted(REALDATA.glob("*/*.po")) for u in po_units(path)]
    assert len(run) > 8000
    found = find_inconsistencies(run, lexicon=lexicon)
    assert all(f.unit.target[f.start:f.end] == f.found for f in found)
    assert all("\n" not in message(f) for f in found)
