"""Accelerator (mnemonic) markers: removed from translations and sources before matching.

A UI string marks the key of its keyboard shortcut with a marker character before it:
GNOME and Xfce (GTK) write `_`, KDE, Qt and Windows resources `&`.  Real Thai files put the
marker *inside* Thai words, where it splits a term in two for any matcher:

    file-roller สร้างโฟลเ_ดอร์       -> สร้างโฟลเดอร์        ("Create _Folder")
    nautilus    เปิดในแ_ท็บใหม่      -> เปิดในแท็บใหม่       ("Open in New _Tab"; thunar too)
    nautilus    เ_ทขยะ, ยืนยัน_คัดลอก -> เทขยะ, ยืนยันคัดลอก
    nautilus    _A-Z, _PDF           -> A-Z, PDF             (a Latin letter at a word start)
    (others)    เปิด (_O)            -> เปิด                 (the bracketed Latin key)

Which marker: each format has a default (PO `_`, XLIFF none); a single character given as
`accelerator` replaces it, and the empty string turns removal off.

Rules, for a marker character M:

1. `M` directly before a Thai character (U+0E00-U+0E7F) is removed (`โฟลเ_ดอร์`, `_ทำ`).
2. `M` directly before a letter or digit of another script is removed only at a word start,
   i.e. when the character before it is not a letter or digit of a non-Thai script: `_Open`,
   `_A-Z`, `ไฟล์ _PDF` lose the marker; `file_name`, `%d_items`, `R&D` keep it.  (Between
   Latin word characters the marker is part of an identifier; before anything that is not a
   letter or digit, as in `%s_%d` or `Save & Quit`, it is not a marker either.)
3. `(M` + an ASCII letter or digit + `)` is removed whole, with the spaces or tabs before it:
   `เปิด (_O)` -> `เปิด`, `บันทึก (_S)...` -> `บันทึก...`.  It names the key of a string whose
   translation has no such letter; it is not part of the text.
4. A run of two or more markers (`__`, `&&`, `__init__`) is literal text and kept as written
   (both characters: they are not a marker, and the text is not otherwise changed).
5. A marker at the end of the string, or before a space or punctuation, is kept.

Known cost of rule 2 with the PO default `_`: an identifier at a word start in a file that
has no accelerators loses its underscore: Godot's `เมท็อด _run()` reads `เมท็อด run()` (the one
such translation in the real files; Django's msgids have `target="_blank"`).  Harmless for
term matching; set the accelerator to "" for such files.

Removed characters simply have no entry in the positions that map the text to the file.
"""

from __future__ import annotations

from collections.abc import Sequence

from termcheck.readers.base import ReadError

PO_DEFAULT = "_"
XLIFF_DEFAULT = ""

_HORIZONTAL_SPACE = " \t"


def marker_for(accelerator: str | None, default: str) -> str:
    """The marker to remove: the format's `default` when `accelerator` is None, "" for none."""
    if accelerator is None:
        return default
    if len(accelerator) > 1:
        raise ReadError(f"the accelerator marker must be one character, not {accelerator!r}")
    return accelerator


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def _is_foreign_word_char(ch: str) -> bool:
    """A letter or digit of a script other than Thai (Latin, mostly)."""
    return ch.isalnum() and not _is_thai(ch)


def marker_indices(text: str, marker: str) -> list[int]:
    """Indices of the characters of `text` that the rules above remove, in order."""
    if not marker or marker not in text:
        return []
    drop: list[int] = []
    n = len(text)
    i = text.find(marker)
    while 0 <= i < n:
        run_end = i
        while run_end < n and text[run_end] == marker:
            run_end += 1
        if run_end - i > 1:  # rule 4: a doubled marker is literal
            i = text.find(marker, run_end)
            continue
        after = text[i + 1] if i + 1 < n else ""
        before = text[i - 1] if i > 0 else ""
        if (before == "(" and after.isascii() and after.isalnum() and i + 2 < n
                and text[i + 2] == ")"):  # rule 3: "(_O)" and the spaces before it
            start = i - 1
            while start > 0 and text[start - 1] in _HORIZONTAL_SPACE:
                start -= 1
            drop.extend(range(start, i + 3))
            i = text.find(marker, i + 3)
            continue
        if after and (_is_thai(after)  # rule 1
                      or (after.isalnum() and not _is_foreign_word_char(before))):  # rule 2
            drop.append(i)
        i = text.find(marker, i + 1)
    return drop


def strip_accelerators(text: str, positions: Sequence[int] | None,
                       marker: str) -> tuple[str, list[int] | None]:
    """`text` without its accelerator markers, and `positions` without their entries."""
    drop = marker_indices(text, marker)
    if not drop:
        return text, None if positions is None else list(positions)
    dropped = set(drop)
    kept = [i for i in range(len(text)) if i not in dropped]
    stripped = "".join(text[i] for i in kept)
    if positions is None:
        return stripped, None
    return stripped, [positions[i] for i in kept]


def strip_text(text: str, marker: str) -> str:
    """`text` without its accelerator markers (for source texts, which need no positions)."""
    return strip_accelerators(text, None, marker)[0]
