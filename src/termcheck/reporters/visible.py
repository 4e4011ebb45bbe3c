"""Control and bidirectional-formatting characters, shown as markers in the text formats.

A draft, a source text, a glossary's note or a file name can hold ESC and the other control
characters, or bidi controls.  Printed as they are, a terminal obeys them: OSC 0 sets the
window title, OSC 8 links the text after it to another site, CSI 2J clears the screen, and
U+202E shows the rest of the line reversed (Trojan Source).  The human, concise and github
formats print each of them as a marker instead, <ESC> or <U+202E>, as the human format
shows a zero-width space as <ZWSP>; each format writes the line breaks it has its own
escapes for (concise: \\n, github: %0A) its own way, after the markers.  JSON, SARIF and
HTML need none of this: their encoders escape control characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

_NAMES = {0x00: "NUL", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL"}
# C0 but TAB (a tab is shown as the format always did), DEL, C1; then the bidi controls:
# embeddings and overrides, isolates, and the LRM, RLM and ALM marks.
_CONTROLS = [*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F, *range(0x80, 0xA0)]
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]

MARKERS: dict[str, str] = {
    chr(code): f"<{_NAMES[code]}>" if code in _NAMES else f"<U+{code:04X}>"
    for code in [*_CONTROLS, *_BIDI]
}


def table(*, keep: Iterable[str] = (), extra: Mapping[str, str] | None = None
          ) -> dict[int, str]:
    """A str.translate table: every marker but for the characters in `keep` (those the
    format escapes itself), with `extra` over them."""
    kept = set(keep)
    markers = {ch: marker for ch, marker in MARKERS.items() if ch not in kept}
    return str.maketrans(markers | dict(extra or {}))


_ALL = table()


def show(text: str) -> str:
    """`text` with every control and bidi control as a marker (for one line of text)."""
    return text.translate(_ALL)
