"""Write a glossary as termcheck YAML (format version 1).

Readable output for people who curate it: Thai as written (no escapes), fields in the order
the README documents them, only fields that differ from their defaults (`id` and `target`
always), lists in flow style (`forbidden: [เมียนมาร์]`), a blank line between terms.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from termcheck.files import atomic_write
from termcheck.glossary.formats.common import non_default
from termcheck.glossary.model import Glossary


class _Dumper(yaml.SafeDumper):
    """Multi-line text (a long note) as a literal block, the rest as PyYAML chooses."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and value == value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _dump(data: object, flow: bool | None = None) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=flow, width=1_000_000)


def glossary_yaml(glossary: Glossary, *, name: str = "") -> str:
    """The YAML text of a glossary."""
    header: dict[str, object] = {"version": 1, "language": glossary.language,
                                 "source_language": glossary.source_language}
    if name:
        header["name"] = name
    parts = [_dump(header, flow=False), "terms:\n" if glossary.terms else "terms: []\n"]
    for i, term in enumerate(glossary.terms):
        block = _dump([non_default(term)])
        if i:
            parts.append("\n")
        parts.append("".join("  " + line if line.strip() else line
                             for line in block.splitlines(keepends=True)))
    return "".join(parts)


def write_yaml(glossary: Glossary, path: Path, *, name: str = "") -> list[str]:
    """Write `glossary` to `path`; YAML keeps every field, so nothing to warn about."""
    atomic_write(path, glossary_yaml(glossary, name=name))
    return []
