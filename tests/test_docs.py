"""The documentation that is made from the code: the README's rules table comes from the rule
registry, and every rule documents itself in the same sections.

When a rule is added or changed on purpose, rewrite the table and review the diff:
    TERMCHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_docs.py
"""

from __future__ import annotations

import os
import re

import pytest

from support import REPO
from termcheck.rules import DOC_SECTIONS, Rule, all_rules

UPDATE = os.environ.get("TERMCHECK_UPDATE_GOLDEN") == "1"
README = REPO / "README.md"
TABLE = re.compile(r"(<!-- rules table.*?-->\n)(.*?)(<!-- end of rules table -->)", re.S)
FIX_SAFETY = {"Safe:": "safe", "Unsafe:": "unsafe", "Display only:": "display only",
              "No fix:": "none"}


def sections(rule: Rule) -> dict[str, str]:
    """The rule's documentation by section title (titles at the margin, bodies indented)."""
    found: dict[str, list[str]] = {}
    for line in rule.doc.splitlines():
        if line and not line[0].isspace():
            found[line.strip()] = []
        elif found:
            found[list(found)[-1]].append(line.strip())
    return {title: " ".join(body).strip() for title, body in found.items()}


def fix_safety(rule: Rule) -> str:
    text = sections(rule)["Fix safety"]
    return next(word for lead, word in FIX_SAFETY.items() if text.startswith(lead))


def rules_table() -> str:
    rows = ["| code | name | default severity | fix | reports |", "|---|---|---|---|---|"]
    rows += [f"| {r.code} | {r.name} | {r.severity} | {fix_safety(r)} | {r.summary} |"
             for r in all_rules()]
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_rule_documents_itself(rule: Rule):
    assert list(sections(rule)) == list(DOC_SECTIONS), rule.code
    assert all(sections(rule).values()), rule.code
    assert any(sections(rule)["Fix safety"].startswith(lead) for lead in FIX_SAFETY), (
        f"{rule.code}: 'Fix safety' must start with one of {list(FIX_SAFETY)}")
    assert re.fullmatch(r"TC\d{3}", rule.code) and re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)


def test_readme_rules_table_is_the_registry():
    text = README.read_text(encoding="utf-8")
    found = TABLE.search(text)
    assert found, "README.md has no rules table between its markers"
    if UPDATE:
        text = text[:found.start(2)] + rules_table() + text[found.end(2):]
        README.write_text(text, encoding="utf-8")
        found = TABLE.search(text)
        assert found
    assert found.group(2) == rules_table(), (
        "README.md's rules table differs from the registry; rerun with "
        "TERMCHECK_UPDATE_GOLDEN=1 and review the diff")
