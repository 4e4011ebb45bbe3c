"""The rule model and the registry of rules.

A rule is one object that owns everything about it: its stable code, readable name, default
severity, documentation (what it does / why it matters / example / use instead / fix
safety, printed by `termcheck explain` and put into SARIF), the `[style]` options it reads,
and its check, which yields findings with their message and fix.  The rules live in
termcheck.checks, one module per family, each listing its rules in a module-level `RULES`
tuple; nothing else in termcheck names a rule's code to decide what to do.

The registry reads the modules of that package in name order (so a new rule is added by
writing its module alone; no table elsewhere to edit) and refuses two rules with one code.
Codes are never reused or renamed: machine output and suppressions depend on them.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from termcheck.diagnostics import Finding, Severity

if TYPE_CHECKING:
    from termcheck.context import RunContext, SegmentContext
    from termcheck.settings import Settings

CHECKS_PACKAGE = "termcheck.checks"
DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Use instead", "Fix safety")


@dataclass(frozen=True, slots=True)
class Option:
    """A house-style setting a rule reads from the configuration's `[style]` table."""

    name: str  # the key, e.g. "maiyamok_space"
    choices: tuple[Any, ...]  # the values it takes: (True, False), ("always", "never")
    doc: str  # one line for the starter config and the README

    def describe(self) -> str:
        """The values for messages: true or false; "always" or "never"."""
        if set(self.choices) == {True, False}:
            return "true or false"
        return ", ".join(f'"{c}"' for c in self.choices)


class Rule:
    """The base of every rule.  A subclass sets the class attributes and overrides `check`
    (a check of one segment at a time) or `check_run` (one over every segment of a run);
    its docstring is its documentation, in the sections of DOC_SECTIONS."""

    code: ClassVar[str]  # stable identifier, e.g. TC001
    name: ClassVar[str]  # short readable name
    severity: ClassVar[Severity]  # default severity
    summary: ClassVar[str]  # one line, used in reports
    options: ClassVar[tuple[Option, ...]] = ()  # the [style] keys it reads
    # what the check wants from the matcher besides its hits: "uses" (the terms a segment
    # uses correctly), "allowed" (correct uses of allowed forms, as hits)
    needs: ClassVar[frozenset[str]] = frozenset()
    bilingual: ClassVar[bool] = False  # only where a source stands beside the translation
    whole_segment: ClassVar[bool] = False  # it judges a whole translation, not a span
    absence: ClassVar[bool] = False  # its finding is what is missing (`found` is the segment)
    per_run: ClassVar[bool] = False  # `check_run` over the run instead of `check`

    @property
    def doc(self) -> str:
        """The documentation: the class docstring, dedented."""
        return inspect.cleandoc(type(self).__doc__ or "")

    def configured(self, settings: Settings) -> bool:
        """Whether the settings let this rule run at all (house-style rules run only once
        their option is set; others always, unless `[rules.X] enabled = false`)."""
        return all(option.name in settings.style for option in self.options)

    def check(self, ctx: SegmentContext) -> Iterable[Finding]:
        """The findings of one segment."""
        return ()

    def check_run(self, ctx: RunContext) -> Iterable[Finding]:
        """The findings over all the bilingual segments of a run."""
        return ()


@cache
def _registry() -> dict[str, Rule]:
    package = importlib.import_module(CHECKS_PACKAGE)
    found: dict[str, Rule] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{CHECKS_PACKAGE}.{info.name}")
        for rule in module.RULES:
            if rule.code in found:
                raise ValueError(f"duplicate rule code {rule.code} ({CHECKS_PACKAGE}."
                                 f"{info.name})")
            found[rule.code] = rule
    return dict(sorted(found.items()))


def get_rule(code: str) -> Rule | None:
    """The rule with this code (any case), or None."""
    return _registry().get(code.upper())


def all_rules() -> list[Rule]:
    """Every rule, by code."""
    return list(_registry().values())


def style_options() -> dict[str, Option]:
    """Every `[style]` option, by name, from the rules that read them."""
    return {option.name: option for rule in all_rules() for option in rule.options}
