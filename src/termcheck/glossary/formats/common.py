"""What every import format shares: plain field values, building terms, final checks.

An importer turns each record of its file into a *draft* (a dict of plain values: text,
lists of text, booleans, and `examples` as ``{"bad": [...], "good": [...]}``) with the line
it came from, then `finalize` makes terms of them the way `load_glossaries` would accept:
an empty target is skipped, ids are unique, a forbidden form never equals an approved form.
Everything dropped or changed is said in a message ``FILE:LINE: what: why``.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable
from typing import Any

from termcheck.glossary.model import Term, derive_id
from termcheck.thai.normalize import normalize_key

# The fields of a term in documented order, and their defaults (README "Glossary format").
FIELDS = (
    "id", "target", "source", "forbidden", "allowed", "note",
    "case_sensitive", "fuzzy", "allow_in_compound", "ignore_in", "examples",
)
LISTS = ("source", "forbidden", "allowed", "ignore_in")
BOOLS = ("case_sensitive", "fuzzy", "allow_in_compound")
DEFAULTS: dict[str, Any] = {
    "id": "", "target": "", "source": [], "forbidden": [], "allowed": [], "note": "",
    "case_sensitive": False, "fuzzy": True, "allow_in_compound": False, "ignore_in": [],
    "examples": {},
}
EXAMPLE_KINDS = ("bad", "good")
_TERM_ATTRS = {f.name for f in dataclasses.fields(Term)}
HAS_EXAMPLES = "examples_bad" in _TERM_ATTRS  # the model's `examples` field is optional

TRUE = {"true", "yes", "1", "y"}
FALSE = {"false", "no", "0", "n", ""}


def parse_bool(value: str) -> bool | None:
    """True/False for the spellings load.py accepts, None otherwise."""
    low = value.strip().lower()
    return True if low in TRUE else False if low in FALSE else None


def term_values(term: Term) -> dict[str, Any]:
    """All fields of a term as plain values, in documented order."""
    out: dict[str, Any] = {}
    for name in FIELDS:
        if name == "examples":
            out[name] = {kind: list(getattr(term, f"examples_{kind}", ()))
                         for kind in EXAMPLE_KINDS if getattr(term, f"examples_{kind}", ())}
        elif name in LISTS:
            out[name] = list(getattr(term, name))
        else:
            out[name] = getattr(term, name)
    return out


def non_default(term: Term) -> dict[str, Any]:
    """The fields a file must spell out: `id` and `target` always, the rest when not default."""
    return {k: v for k, v in term_values(term).items()
            if k in ("id", "target") or v != DEFAULTS[k]}


def _clean_list(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        value = str(value).strip()
        if value and value not in out:
            out.append(value)
    return out


def make_term(values: dict[str, Any], path: str, line: int) -> Term:
    """A Term from plain values (already cleaned: see finalize)."""
    kwargs: dict[str, Any] = {
        "id": values["id"], "target": values["target"],
        "source": tuple(values.get("source", ())),
        "forbidden": tuple(values.get("forbidden", ())),
        "allowed": tuple(values.get("allowed", ())),
        "note": values.get("note", ""),
        "case_sensitive": bool(values.get("case_sensitive", False)),
        "fuzzy": bool(values.get("fuzzy", True)),
        "allow_in_compound": bool(values.get("allow_in_compound", False)),
        "ignore_in": tuple(values.get("ignore_in", ())),
        "path": path, "line": line,
    }
    if HAS_EXAMPLES:
        examples = values.get("examples") or {}
        for kind in EXAMPLE_KINDS:
            kwargs[f"examples_{kind}"] = tuple(examples.get(kind, ()))
    return Term(**kwargs)


def _nfc(form: str) -> str:
    return unicodedata.normalize("NFC", form.strip())


def finalize(drafts: Iterable[tuple[dict[str, Any], int]], path: str,
             messages: list[str]) -> list[Term]:
    """Terms from drafts, as `load_glossaries` would accept them; what was dropped or changed
    is appended to `messages`."""
    cleaned: list[tuple[dict[str, Any], int, bool]] = []
    for draft, line in drafts:
        values = dict(DEFAULTS)
        values.update({k: v for k, v in draft.items() if k in DEFAULTS})
        values["target"] = str(values["target"] or "").strip()
        values["id"] = str(values["id"] or "").strip()
        values["note"] = str(values["note"] or "").strip()
        for name in LISTS:
            values[name] = _clean_list(values[name] or [])
        values["examples"] = {k: [s for s in v if str(s).strip()]
                              for k, v in (values["examples"] or {}).items()
                              if k in EXAMPLE_KINDS and v}
        if not values["target"]:
            messages.append(f"{path}:{line}: skipped: empty target")
            continue
        values["allowed"] = [a for a in values["allowed"] if a != values["target"]]
        approved = {_nfc(f) for f in (values["target"], *values["allowed"])}
        for form in [f for f in values["forbidden"] if _nfc(f) in approved]:
            values["forbidden"].remove(form)
            messages.append(f"{path}:{line}: dropped forbidden form '{form}': it is an "
                            "approved form of the same term")
        explicit = bool(values["id"])
        if not explicit:
            values["id"] = derive_id(values["target"], tuple(values["source"]))
        cleaned.append((values, line, explicit))
    _unique_ids(cleaned, path, messages)
    # a forbidden form must not be another term's approved form (as the matcher sees them)
    owner: dict[str, str] = {}
    for values, _line, _e in cleaned:
        for form in (values["target"], *values["allowed"]):
            owner.setdefault(normalize_key(form, casefold=False), values["id"])
    terms: list[Term] = []
    for values, line, _e in cleaned:
        for form in list(values["forbidden"]):
            other = owner.get(normalize_key(form, casefold=False))
            if other is not None and other != values["id"]:
                values["forbidden"].remove(form)
                messages.append(f"{path}:{line}: dropped forbidden form '{form}': it is "
                                f"an approved form of term '{other}'")
        terms.append(make_term(values, path, line))
    return terms


def _unique_ids(cleaned: list[tuple[dict[str, Any], int, bool]], path: str,
                messages: list[str]) -> None:
    """Unique ids: an explicit duplicate is renamed (and said), a derived one numbered."""
    used: set[str] = set()
    first: dict[str, int] = {}
    taken = {v["id"] for v, _l, explicit in cleaned if explicit}
    # the smallest free number of a base only grows (`used` only grows): start from the last
    # one, or 10,000 entries with one id take 50 million tries
    numbered: dict[str, int] = {}
    for values, line, explicit in cleaned:
        base = values["id"]
        if base in used or (not explicit and base in taken):
            n = numbered.get(base, 2)
            while f"{base}-{n}" in used or f"{base}-{n}" in taken:
                n += 1
            numbered[base] = n
            values["id"] = f"{base}-{n}"
            if explicit:
                messages.append(f"{path}:{line}: renamed duplicate id '{base}' to "
                                f"'{values['id']}' (first at line {first[base]})")
        used.add(values["id"])
        first.setdefault(base, line)
