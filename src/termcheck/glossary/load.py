"""Load glossaries (YAML version 1, CSV/TSV with a header) into the model.

Every error names the file, the line and the field: a translator fixing a glossary of a
thousand entries must be able to jump straight to the problem.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

from termcheck.glossary.inputs import NON_PRINTABLE, control_character, csv_records, read_text
from termcheck.glossary.model import (
    BOOL_FIELDS,
    EXAMPLE_KINDS,
    LIST_FIELDS,
    TERM_FIELDS,
    TOP_FIELDS,
    Glossary,
    GlossaryError,
    Term,
    derive_id,
)
from termcheck.thai.normalize import normalize_key

# libyaml's parser when PyYAML was built with it: ten times faster on big glossaries.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # a line break for PyYAML's marks
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n", ""}


# -- YAML -----------------------------------------------------------------------------------

def _scalar(node: yaml.Node, path: str, fieldname: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise GlossaryError(path, node.start_mark.line + 1, f"field '{fieldname}' must be text")
    return str(node.value)


def _yaml_value(node: yaml.Node, path: str, fieldname: str) -> Any:
    """Turn a YAML node into the Python value a term field expects."""
    line = node.start_mark.line + 1
    if fieldname == "examples":
        return _yaml_examples(node, path)
    if fieldname in LIST_FIELDS:
        if isinstance(node, yaml.SequenceNode):
            return [_scalar(item, path, fieldname) for item in node.value]
        if isinstance(node, yaml.ScalarNode):
            return [] if node.tag.endswith(":null") else [str(node.value)]
        raise GlossaryError(path, line, f"field '{fieldname}' must be text or a list of text")
    value = _scalar(node, path, fieldname)
    if fieldname in BOOL_FIELDS:
        return _as_bool(value, path, line, fieldname)
    return "" if node.tag.endswith(":null") else value


def _yaml_examples(node: yaml.Node, path: str) -> dict[str, list[str]]:
    """`examples: {bad: [text, ...], good: [text, ...]}`: each list optional, a lone text
    standing for a list of one."""
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return {}
    out: dict[str, list[str]] = {}
    for key, value, line in _mapping_items(node, path, "field 'examples'"):
        if key not in EXAMPLE_KINDS:
            raise GlossaryError(path, line, f"field 'examples': unknown key '{key}' "
                                f"(expected one of: {', '.join(EXAMPLE_KINDS)})")
        if isinstance(value, yaml.SequenceNode):
            out[key] = [_scalar(item, path, f"examples.{key}") for item in value.value]
        elif isinstance(value, yaml.ScalarNode):
            out[key] = [] if value.tag.endswith(":null") else [str(value.value)]
        else:
            raise GlossaryError(path, line, f"field 'examples.{key}' must be text or a list "
                                "of text")
    return out


def _as_bool(value: str, path: str, line: int, fieldname: str) -> bool:
    low = value.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise GlossaryError(path, line, f"field '{fieldname}' must be true or false, not '{value}'")


def _mapping_items(node: yaml.Node, path: str, what: str) -> list[tuple[str, yaml.Node, int]]:
    """The keys, values and lines of a mapping.  A key given twice is an error: YAML
    loaders keep the last value, which would silently drop the first (a second `target`
    or `terms`)."""
    if not isinstance(node, yaml.MappingNode):
        raise GlossaryError(path, node.start_mark.line + 1, f"{what} must be a mapping of fields")
    items = [(_scalar(k, path, "key"), v, k.start_mark.line + 1) for k, v in node.value]
    first: dict[str, int] = {}
    for key, _value, line in items:
        if key in first:
            raise GlossaryError(path, line, f"field '{key}' given twice (first at line "
                                f"{first[key]})")
        first[key] = line
    return items


Entries = list[tuple["dict[str, Any] | GlossaryError", int]]  # fields (or the error), line


def _compose(text: str, spath: str) -> yaml.Node | None:
    bad = NON_PRINTABLE.search(text)
    if bad:  # PyYAML's own message has no line, and two lines of its own
        at = len(_YAML_BREAK.findall(text, 0, bad.start())) + 1
        raise GlossaryError(spath, at, f"control character {control_character(bad.group())} "
                            "(YAML does not allow it)")
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise GlossaryError(spath, line, f"YAML syntax error: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise GlossaryError(spath, None, f"YAML error: {exc}") from None
    except RecursionError:  # the pure-Python composer, without libyaml's depth limit
        raise GlossaryError(spath, None, "YAML error: nested too deeply") from None


def _load_yaml(path: Path) -> tuple[dict[str, str], Entries]:
    text = read_text(path)
    spath = str(path)
    root = _compose(text, spath)
    if root is None:
        raise GlossaryError(spath, None, "glossary is empty")
    header: dict[str, str] = {}
    entries: Entries = []
    terms_node = None
    for key, value, line in _mapping_items(root, spath, "the glossary"):
        if key not in TOP_FIELDS:
            raise GlossaryError(spath, line, f"unknown field '{key}' (expected one of: "
                                f"{', '.join(TOP_FIELDS)})")
        if key == "terms":
            terms_node = value
        else:
            header[key] = _scalar(value, spath, key)
    if header.get("version", "1") != "1":
        raise GlossaryError(spath, None, f"field 'version': unsupported version "
                            f"'{header['version']}' (this termcheck reads version 1)")
    if terms_node is None:
        raise GlossaryError(spath, None, "field 'terms' is missing")
    if isinstance(terms_node, yaml.ScalarNode) and terms_node.tag.endswith(":null"):
        return header, []
    if not isinstance(terms_node, yaml.SequenceNode):
        raise GlossaryError(spath, terms_node.start_mark.line + 1, "field 'terms' must be a list")
    for item in terms_node.value:
        try:
            fields: dict[str, Any] = {}
            for key, value, line in _mapping_items(item, spath, "a term"):
                if key not in TERM_FIELDS:
                    raise GlossaryError(spath, line, f"unknown field '{key}' (expected one "
                                        f"of: {', '.join(TERM_FIELDS)})")
                fields[key] = (_yaml_value(value, spath, key), line)
            entries.append((fields, item.start_mark.line + 1))
        except GlossaryError as exc:  # this entry only: the others are still usable
            entries.append((exc, item.start_mark.line + 1))
    return header, entries


# -- CSV / TSV ------------------------------------------------------------------------------

def _load_table(path: Path) -> tuple[dict[str, str], Entries]:
    text = read_text(path)
    spath = str(path)
    delimiter = "\t" if path.suffix.lower() in {".tsv", ".tab"} else ","
    records, broken = csv_records(text, delimiter, spath)
    if not records:
        raise GlossaryError(spath, None, "glossary is empty")
    header_line, header, _end = records[0]
    names = [h.strip().lower() for h in header]
    for name in names:
        if name == "examples":
            raise GlossaryError(spath, header_line, "column 'examples' is supported in YAML "
                                "glossaries only")
        if name not in TERM_FIELDS:
            raise GlossaryError(spath, header_line, f"unknown column '{name}' (expected: "
                                f"{', '.join(TERM_FIELDS)})")
    if "target" not in names:
        raise GlossaryError(spath, header_line, "the header has no 'target' column")
    entries: Entries = [(error, error.line or 0) for error in broken]  # this record only
    for _first, row, line in records[1:]:  # an entry's line: where its record ends
        try:
            entries.append((_table_row(row, names, spath, line), line))
        except GlossaryError as exc:  # this row only
            entries.append((exc, line))
    entries.sort(key=lambda entry: entry[1])  # file order: derived ids number in that order
    return {}, entries


def _table_row(row: list[str], names: list[str], path: str, line: int) -> dict[str, Any]:
    if len(row) > len(names):
        raise GlossaryError(path, line, f"{len(row)} cells but the header has "
                            f"{len(names)} columns")
    fields: dict[str, Any] = {}
    for name, cell in zip(names, row, strict=False):
        if NON_PRINTABLE.search(cell):  # as YAML refuses it: no form or note holds a NUL
            raise GlossaryError(path, line, f"field '{name}': control character "
                                f"{control_character(cell)}")
        if name in BOOL_FIELDS and not cell.strip():
            continue  # an empty yes/no cell means the default, not false
        if name in LIST_FIELDS:
            value: Any = [p.strip() for p in cell.split("|") if p.strip()]
        elif name in BOOL_FIELDS:
            value = _as_bool(cell, path, line, name)
        else:
            value = cell.strip()
        fields[name] = (value, line)
    return fields


# -- building terms -------------------------------------------------------------------------

def _build_term(fields: dict[str, Any], line: int, path: str) -> Term:
    values = {k: v for k, (v, _line) in fields.items()}
    lines = {k: ln for k, (_v, ln) in fields.items()}
    target = str(values.get("target") or "").strip()
    if not target:
        raise GlossaryError(path, lines.get("target", line), "field 'target' is empty or missing")
    source = tuple(s.strip() for s in values.get("source", []) if s.strip())
    forbidden = tuple(s.strip() for s in values.get("forbidden", []) if s.strip())
    allowed = tuple(s.strip() for s in values.get("allowed", []) if s.strip())
    ignore_in = tuple(s.strip() for s in values.get("ignore_in", []) if s.strip())
    examples = values.get("examples") or {}
    term_id = str(values.get("id") or "").strip() or derive_id(target, source)
    return Term(
        id=term_id, target=target, source=source, forbidden=forbidden, allowed=allowed,
        note=str(values.get("note") or "").strip(),
        case_sensitive=bool(values.get("case_sensitive", False)),
        fuzzy=bool(values.get("fuzzy", True)),
        allow_in_compound=bool(values.get("allow_in_compound", False)),
        ignore_in=ignore_in,
        examples_bad=tuple(s for s in examples.get("bad", []) if s.strip()),
        examples_good=tuple(s for s in examples.get("good", []) if s.strip()),
        path=path, line=line,
    )


def _form_conflicts(terms: Sequence[Term]) -> list[tuple[Term, GlossaryError]]:
    """Terms whose forbidden form is an approved (target or allowed) form.

    Against the term's own approved forms, forms are compared as written (NFC): a forbidden
    'Interpol' beside the target 'INTERPOL' says that casing is wrong, and a forbidden form
    with a decomposed ำ names a broken encoding; the matcher reports those as forbidden or
    broken Unicode.  Against *other* terms, forms are compared as the matcher sees them
    (normalised, case kept): a forbidden เร้ือ (marks out of order) would otherwise flag
    every correct เรื้อ of another term.
    """
    literal: dict[str, Term] = {}
    matched: dict[str, Term] = {}
    for term in terms:
        for form in (term.target, *term.allowed):
            literal.setdefault(unicodedata.normalize("NFC", form.strip()), term)
            matched.setdefault(normalize_key(form, casefold=False), term)
    conflicts = []
    for term in terms:
        for form in term.forbidden:
            owner = literal.get(unicodedata.normalize("NFC", form.strip()))
            if owner is None:
                other = matched.get(normalize_key(form, casefold=False))
                owner = other if other is not None and other is not term else None
            if owner is not None:
                is_target = normalize_key(owner.target, casefold=False) == normalize_key(
                    form, casefold=False)
                what = "target" if is_target else "an allowed form"
                whose = "its own" if owner is term else f"term '{owner.id}'s"
                conflicts.append((term, GlossaryError(
                    term.path, term.line, f"field 'forbidden': '{form}' is {whose} {what}")))
                break
    return conflicts


def load_glossary_file(path: Path) -> tuple[dict[str, str], list[Term], list[GlossaryError]]:
    """Read one glossary file: its header, its good terms and the errors of its bad entries.
    Raise GlossaryError when the file as a whole cannot be read."""
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv", ".tab"}:
        header, entries = _load_table(path)
    elif suffix in {".yaml", ".yml"}:
        header, entries = _load_yaml(path)
    else:
        raise GlossaryError(str(path), None,
                            "unknown glossary format (use .yaml, .yml, .csv or .tsv)")
    terms: list[Term] = []
    errors: list[GlossaryError] = []
    derived_seen: dict[str, int] = {}
    for fields, line in entries:
        try:
            if isinstance(fields, GlossaryError):
                raise fields
            term = _build_term(fields, line, str(path))
        except GlossaryError as exc:
            errors.append(exc)
            continue
        if "id" not in fields or not str(fields["id"][0]).strip():
            n = derived_seen.get(term.id, 0) + 1
            derived_seen[term.id] = n
            if n > 1:  # two entries with the same source and no id: keep ids unique and stable
                term = dataclasses.replace(term, id=f"{term.id}-{n}")
        terms.append(term)
    return header, terms, errors


def load_glossaries(paths: Iterable[Path], *, whole_files: bool = False,
                    ) -> tuple[Glossary, list[GlossaryError]]:
    """Load and combine glossary files.

    A broken file, or a broken entry, is reported and left out; the rest is still used, so
    the drafts are still checked (and the run exits 2).  Ids must be unique across files.
    `whole_files`: a file that cannot be used as a whole raises its GlossaryError instead
    (`glossary import` must not write a glossary from a file it could not read).
    """
    errors: list[GlossaryError] = []
    language, source_language = "th", "en"
    path_list = [Path(p) for p in paths]
    seen: dict[str, Term] = {}
    for path in path_list:
        try:
            header, terms, entry_errors = load_glossary_file(path)
        except GlossaryError as exc:
            if whole_files:
                raise
            errors.append(exc)
            continue
        errors.extend(entry_errors)
        language = header.get("language", language)
        source_language = header.get("source_language", source_language)
        for term in terms:
            first = seen.get(term.id)
            if first is not None:
                where = f"{first.path}:{first.line}"
                errors.append(GlossaryError(term.path, term.line, f"field 'id': duplicate id "
                                            f"'{term.id}' (first defined at {where})"))
                continue
            seen[term.id] = term
    conflicts = _form_conflicts(list(seen.values()))
    bad = {id(term) for term, _ in conflicts}
    errors.extend(error for _, error in conflicts)
    kept = tuple(t for t in seen.values() if id(t) not in bad)
    return Glossary(kept, language, source_language, tuple(str(p) for p in path_list)), errors
