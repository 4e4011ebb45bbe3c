"""One settings model for a run: the defaults, then the config file, then the command line.

`Settings` is what every part below the command line reads; termcheck.config reads a config
file into one (the defaults with the file's values), and `resolve` lays the command line
over it.  No other record of settings exists.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from termcheck.diagnostics import SEVERITIES, Severity

FORMATS = ("human", "json", "sarif", "github", "concise", "html")  # the reporters
MAX_FUZZY_SCALE = 2.0


class ConfigError(Exception):
    """A settings problem; str() is the one-line message, with file and line."""

    def __init__(self, message: str, path: str | os.PathLike[str] | None = None,
                 line: int | None = None) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class RuleSetting:
    """`[rules.TC002]`: None leaves the rule's default."""

    severity: Severity | None = None
    enabled: bool | None = None

    def __post_init__(self) -> None:
        if self.severity is not None and not isinstance(self.severity, Severity):
            object.__setattr__(self, "severity", Severity(self.severity))


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Settings:
    """Everything that decides a run."""

    config_path: Path | None = None  # the config file read; None: none
    glossaries: tuple[Path, ...] = ()  # empty: the default glossary (engine.default_glossaries)
    include: tuple[str, ...] | None = None  # globs, relative to the config file's folder
    exclude: tuple[str, ...] = ()
    format: str = "human"  # one of FORMATS
    fail_on: Severity = Severity.INFO  # the lowest severity that fails the run
    include_fuzzy: bool = False  # check PO entries marked fuzzy
    strict: bool = False  # only the target is correct: allowed forms are reported (TC104)
    accelerator: str | None = None  # PO/XLIFF accelerator marker; None: the format's own
    fuzzy: bool = True  # look for near-misses at all ([fuzzy] enabled)
    fuzzy_scale: float = 1.0  # multiplies every near-miss budget ([fuzzy] scale)
    rules: Mapping[str, RuleSetting] = field(default_factory=_empty, hash=False)
    style: Mapping[str, Any] = field(default_factory=_empty, hash=False)  # [style] options
    suppressions: bool = True  # honour termcheck: ignore directives and glossary contexts
    baseline: Path | None = None  # report only findings this baseline file does not hold
    jobs: int = 1  # processes for many files
    cache: bool = True  # use the compiled-glossary cache (termcheck.cache; --no-cache)

    def __post_init__(self) -> None:
        if not isinstance(self.fail_on, Severity):
            object.__setattr__(self, "fail_on", Severity(self.fail_on))

    @property
    def root(self) -> Path | None:
        """The folder that relative paths and globs of the config file are taken from."""
        return None if self.config_path is None else Path(os.path.abspath(self.config_path)).parent

    @property
    def near_miss_scale(self) -> float:
        """What multiplies every near-miss budget: 0 when near-misses are off."""
        return self.fuzzy_scale if self.fuzzy else 0.0

    def rule(self, code: str) -> RuleSetting:
        return self.rules.get(code, _NO_RULE_SETTING)


_NO_RULE_SETTING = RuleSetting()
_FIELDS = frozenset(f.name for f in dataclasses.fields(Settings))


def _display(path: Path, cwd: Path) -> Path:
    """`path` relative to `cwd` when it lies inside it (shorter messages), else as is."""
    try:
        return Path(os.path.relpath(path, cwd)) if path.is_relative_to(cwd) else path
    except ValueError:  # pragma: no cover - another drive on Windows
        return path


def _check_command_line(given: Mapping[str, Any]) -> dict[str, Any]:
    """The command line's values, checked (ConfigError names the option)."""
    values = dict(given)
    if values.get("fail_on") is not None:
        fail_on = str(values["fail_on"]).lower()
        if fail_on not in SEVERITIES:
            raise ConfigError(f"--fail-on must be error, warning or info, not '{fail_on}'")
        values["fail_on"] = Severity(fail_on)
    if values.get("format") is not None:
        output = str(values["format"]).lower()
        if output not in FORMATS:
            raise ConfigError(f"--format must be one of {', '.join(FORMATS)}, not '{output}'")
        values["format"] = output
    accelerator = values.get("accelerator")
    if accelerator is not None and len(accelerator) > 1:
        raise ConfigError(f"--accelerator must be one character or empty, not '{accelerator}'")
    scale = values.get("fuzzy_scale")
    if scale is not None and not 0 <= scale <= MAX_FUZZY_SCALE:
        raise ConfigError(f"--fuzzy-scale must be between 0 and {MAX_FUZZY_SCALE:g}")
    if values.get("glossaries"):
        values["glossaries"] = tuple(Path(p) for p in values["glossaries"])  # as typed
    return values


def resolve(base: Settings | None = None, command_line: Mapping[str, Any] | None = None, *,
            cwd: Path | None = None) -> Settings:
    """The settings of a run: `base` (a config file's, or the defaults) with the command
    line laid over it.  In `command_line`, None means "not given" (and an empty list of
    glossaries too); a name that is no setting is a TypeError, a bad value a ConfigError
    naming the option.  Glossaries from the config file are shown relative to `cwd` (the
    current folder) where they lie inside it."""
    base = base or Settings()
    given = {k: v for k, v in (command_line or {}).items() if v is not None}
    unknown = sorted(set(given) - _FIELDS)
    if unknown:
        raise TypeError(f"unknown setting {unknown[0]!r}")
    values = _check_command_line(given)
    if not values.get("glossaries"):
        values.pop("glossaries", None)
        here = Path(os.path.abspath(cwd or Path.cwd()))
        values["glossaries"] = tuple(_display(p, here) for p in base.glossaries)
    return dataclasses.replace(base, **values)
