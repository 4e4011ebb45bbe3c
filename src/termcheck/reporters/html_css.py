"""The stylesheet of the HTML report (`--format html`), inlined in the page's `<style>`.

Kept apart from the page's markup (termcheck.reporters.html): the page has no outside
resource, so the fonts are a list of the Thai fonts a reader's system may have.
"""

from __future__ import annotations

THAI_FONTS = ('"Noto Sans Thai", "Noto Sans Thai UI", "Sarabun", "Leelawadee UI", "Leelawadee", '
              '"Tahoma", "Thonburi", "Loma", "Garuda", "Waree", sans-serif')

CSS = """\
:root { color-scheme: light; --err: #b71c1c; --err-bg: #ffd6d6; --warn: #9a5b00;
  --warn-bg: #ffe9a8; --info: #0d47a1; --info-bg: #d6e6ff; --muted: #666; --line: #ddd; }
* { box-sizing: border-box; }
body { font-family: FONTS; margin: 0 auto; max-width: 76rem; padding: 1rem 1.5rem 4rem;
  line-height: 1.6; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.5rem; margin: .5rem 0; }
h2 { font-size: 1.2rem; margin: 0; display: inline; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
a { color: #0b57d0; }
code, .rule { font-family: ui-monospace, "DejaVu Sans Mono", "Tlwg Mono", monospace;
  font-size: .9em; }
.totals { font-size: 1.05rem; }
.legend span { margin-right: 1rem; white-space: nowrap; }
#summary { display: flex; flex-wrap: wrap; column-gap: 2.5rem; align-items: flex-start; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .2rem .6rem; text-align: left;
  vertical-align: top; }
th { background: #f3f3f3; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; background: #f7f7f7; }
td.zero { color: #bbb; }
details.file { border: 1px solid var(--line); border-radius: 8px; margin: 1.25rem 0;
  padding: .5rem 1rem 1rem; }
details.file > summary { cursor: pointer; padding: .25rem 0; }
.counts { color: var(--muted); margin-left: .5rem; }
.draft { font-size: 1.1rem; line-height: 2.1; background: #fcfcfa; border: 1px solid var(--line);
  border-radius: 6px; padding: .5rem 0; margin: .5rem 0; }
.line { display: flex; }
.line::before { content: attr(data-n); flex: 0 0 4rem; text-align: right; padding-right: 1rem;
  color: #999; font-size: .8rem; font-family: ui-monospace, monospace; user-select: none; }
.line:target { background: #fff8c4; }
.tx { flex: 1; min-width: 0; white-space: pre-wrap; overflow-wrap: anywhere;
  padding-right: 1rem; }
.gap { color: var(--muted); font-style: italic; font-size: .85rem; padding-left: 5rem; }
mark.tc { color: inherit; border-radius: 3px; padding: 1px 0; }
mark.sev-error { background: var(--err-bg); border-bottom: 2px solid var(--err); }
mark.sev-warning { background: var(--warn-bg); border-bottom: 2px dashed var(--warn); }
mark.sev-info { background: var(--info-bg); border-bottom: 2px dotted var(--info); }
mark.multi { box-shadow: inset 0 -5px 0 rgba(0, 0, 0, .18); }
mark.empty { padding: 0 .2rem; }
mark.tc:hover, mark.tc:target { outline: 2px solid #333; }
.inv::after { content: attr(data-c); font-size: .6rem; vertical-align: super;
  border: 1px solid currentColor; border-radius: 2px; padding: 0 1px; margin: 0 1px; }
a.ref { font-size: .7rem; vertical-align: super; text-decoration: none; font-weight: bold;
  margin: 0 1px; font-family: ui-monospace, monospace; }
a.ref.sev-error { color: var(--err); }
a.ref.sev-warning { color: var(--warn); }
a.ref.sev-info { color: var(--info); }
ol.findings { list-style: none; padding: 0; margin: .5rem 0 0; }
ol.findings li { border-left: 4px solid var(--line); padding: .3rem .75rem; margin: .4rem 0;
  background: #fafafa; }
ol.findings li:target { background: #fff8c4; }
li.sev-error { border-left-color: var(--err) !important; }
li.sev-warning { border-left-color: var(--warn) !important; }
li.sev-info { border-left-color: var(--info) !important; }
.badge { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: 3px;
  color: #fff; font-weight: bold; }
.badge.sev-error { background: var(--err); }
.badge.sev-warning { background: var(--warn); }
.badge.sev-info { background: var(--info); }
.found { background: var(--err-bg); padding: 0 .2rem; border-radius: 3px; }
.expected { background: #d7f5dd; padding: 0 .2rem; border-radius: 3px; font-weight: bold; }
.msg { color: #333; }
.note { color: #205a2a; }
.source, .muted, .loc { color: var(--muted); }
.errors li { color: var(--err); }
@media print { details.file { break-inside: auto; } a.ref { color: #000; } }
""".replace("FONTS", THAI_FONTS)
