"""Configuration: `termcheck.toml`, or `[tool.termcheck]` in `pyproject.toml`.

The flow in `termcheck lint`:

    path = find_config(Path.cwd())                  # walk up to the filesystem root
    config = load_config(path) if path else Config()
    resolved = merge(config, Options(...))          # the command line wins
    files = select_files(paths, config)             # include / exclude globs
    ... lint ...
    findings = apply_rules(result.findings, resolved)   # rules off, severities re-mapped
    code = exit_code(result, resolved.fail_on)

`init_files(folder)` writes the commented starter config and glossary of `termcheck init`.
Every problem is a ConfigError whose text names the file and, where known, the line.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import sys
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10: the backport (pyproject: tomli; python < 3.11)
    import tomli as tomllib

from termcheck import rules as rule_table
from termcheck.diagnostics import SEVERITIES, Finding, InputError

CONFIG_NAME = "termcheck.toml"
PYPROJECT_NAME = "pyproject.toml"
PYPROJECT_TABLE = ("tool", "termcheck")
STARTER_GLOSSARY_NAME = "glossary.yaml"

FORMATS = ("human", "json", "sarif", "github", "concise", "html")  # as cli.OutputFormat
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
DEFAULT_FAIL_ON = "info"  # any finding fails the run
MAX_FUZZY_SCALE = 2.0

_TEMPLATES = "templates"
_TEMPLATE_FILES = {CONFIG_NAME: "termcheck.toml.in", STARTER_GLOSSARY_NAME: "glossary.yaml.in"}


class ConfigError(Exception):
    """A configuration problem; str() is the one-line message, with file and line."""

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


# -- the model --------------------------------------------------------------------------------

@dataclass(frozen=True)
class RuleSetting:
    """`[rules.TC002]`: None leaves the rule's default."""

    severity: str | None = None  # error, warning or info
    enabled: bool | None = None


@dataclass(frozen=True)
class FuzzySetting:
    """`[fuzzy]`: near-miss matching (TC002).

    `scale` multiplies every term's edit budget (1 edit for 4 to 6 letters, 1.5 up to 12, 2
    beyond; tone marks and confusable letters cost half an edit): 0.5 keeps only the surest
    near-misses, 0 turns them off, up to 2 looks further.  `enabled = false` is the same as
    `scale = 0`: every term behaves as if it had `fuzzy: false`.
    """

    enabled: bool | None = None
    scale: float | None = None

    @property
    def effective_scale(self) -> float:
        if self.enabled is False:
            return 0.0
        return 1.0 if self.scale is None else self.scale


@dataclass(frozen=True)
class StyleSetting:
    """`[style]`: house style (the checks in termcheck.checks; off unless set)."""

    maiyamok_space: bool | None = None  # true: เด็ก ๆ (a space before ๆ); false: เด็กๆ


def _no_rules() -> Mapping[str, RuleSetting]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Config:
    """Everything a config file can set.  None (or an empty table) means "not set"."""

    path: Path | None = None  # the file it was read from; None: no config file
    glossaries: tuple[Path, ...] | None = None  # resolved against the config file's folder
    include: tuple[str, ...] | None = None  # globs, relative to the config file's folder
    exclude: tuple[str, ...] | None = None
    rules: Mapping[str, RuleSetting] = field(default_factory=_no_rules, hash=False)
    fuzzy: FuzzySetting = FuzzySetting()
    fail_on: str | None = None  # error, warning or info
    include_fuzzy: bool | None = None
    strict: bool | None = None
    accelerator: str | None = None  # one character, or "" for none
    format: str | None = None
    style: StyleSetting = StyleSetting()

    @property
    def root(self) -> Path | None:
        """The folder that relative paths and globs are taken from."""
        return None if self.path is None else Path(os.path.abspath(self.path)).parent


# -- finding the file ------------------------------------------------------------------------

_PYPROJECT_TABLE_TEXT = re.compile(
    r"^[ \t]*(?:\[[ \t]*tool[ \t]*\.[ \t]*termcheck[ \t]*[\].]|tool[ \t]*\.[ \t]*termcheck"
    r"[ \t]*[.=])", re.MULTILINE)


def _has_termcheck_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        # Broken, but meant for termcheck: load_config will report the syntax error.
        return bool(_PYPROJECT_TABLE_TEXT.search(text))
    tool = data.get("tool")
    return isinstance(tool, dict) and "termcheck" in tool


def find_config(start: Path) -> Path | None:
    """The config file for `start` (a folder, usually the current one): walking up to the
    filesystem root, the first folder with `termcheck.toml`, or with a `pyproject.toml` that
    has a `[tool.termcheck]` table (termcheck.toml wins in the same folder)."""
    here = Path(os.path.abspath(start))
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        candidate = folder / PYPROJECT_NAME
        if candidate.is_file() and _has_termcheck_table(candidate):
            return candidate
    return None


# -- where a key is (tomllib gives no lines) -----------------------------------------------

_KEY_PART = r'(?:"(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+)'
_DOTTED = rf"{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*"
_HEADER = re.compile(rf"^[ \t]*\[\[?[ \t]*({_DOTTED})[ \t]*\]\]?[ \t]*(?:#.*)?$")
_KEY_VALUE = re.compile(rf"^[ \t]*({_DOTTED})[ \t]*=")
_PART = re.compile(_KEY_PART)


def _split_key(dotted: str) -> tuple[str, ...]:
    parts = []
    for token in _PART.findall(dotted):
        if token[0] in "\"'":
            token = token[1:-1]
        parts.append(token)
    return tuple(parts)


def key_line(text: str, key: Sequence[str]) -> int | None:
    """The 1-based line where the key path `key` is set or its table opens, found by reading
    the headers and `key =` lines (good enough for error messages); None if not found."""
    target = tuple(key)
    table: tuple[str, ...] = ()
    fallback = None
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            table = _split_key(header.group(1))
            if table[:len(target)] == target:
                return number
            continue
        assignment = _KEY_VALUE.match(line)
        if not assignment:
            continue
        full = table + _split_key(assignment.group(1))
        if full[:len(target)] == target:
            return number
        if (fallback is None and len(full) < len(target) and full == target[:len(full)]
                and re.search(rf"(?<![\w-]){re.escape(target[-1])}(?![\w-])", line)):
            fallback = number  # an inline table: fuzzy = {scael = 1}
    return fallback


# -- reading and checking -------------------------------------------------------------------

TOP_KEYS = ("glossaries", "include", "exclude", "rules", "fuzzy", "fail_on", "include_fuzzy",
            "strict", "accelerator", "format", "style")
RULE_KEYS = ("severity", "enabled")
FUZZY_KEYS = ("enabled", "scale")
STYLE_KEYS = ("maiyamok_space",)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


class _Reader:
    """Checks one parsed file, raising ConfigError with the file and line."""

    def __init__(self, path: Path, text: str, prefix: tuple[str, ...]) -> None:
        self.path = path
        self.text = text
        self.prefix = prefix  # ("tool", "termcheck") in pyproject.toml

    def name(self, key: Sequence[str]) -> str:
        return ".".join((*self.prefix, *key))

    def fail(self, key: Sequence[str], message: str) -> ConfigError:
        return ConfigError(message, self.path, key_line(self.text, (*self.prefix, *key)))

    def table(self, data: Any, key: tuple[str, ...], known: Sequence[str]) -> dict[str, Any]:
        """A table with only known keys (a-b is read as a_b); its values by canonical key."""
        if not isinstance(data, dict):
            raise self.fail(key, f"'{self.name(key)}' must be a table, not {_show(data)}")
        out: dict[str, Any] = {}
        for raw, value in data.items():
            canonical = raw.replace("-", "_")
            if canonical not in known:
                close = difflib.get_close_matches(canonical, known, n=1)
                hint = (f" (did you mean '{close[0]}'?)" if close
                        else f" (known keys: {', '.join(known)})")
                raise self.fail((*key, raw), f"unknown key '{self.name((*key, raw))}'{hint}")
            if canonical in out:
                raise self.fail((*key, raw), f"'{self.name((*key, raw))}' is set twice "
                                "(with - and with _)")
            out[canonical] = value
        return out

    def boolean(self, value: Any, key: tuple[str, ...]) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, f"'{self.name(key)}' must be true or false, not {_show(value)}")
        return value

    def choice(self, value: Any, key: tuple[str, ...], choices: Sequence[str]) -> str:
        if not isinstance(value, str) or value.lower() not in choices:
            options = ", ".join(f'"{c}"' for c in choices)
            raise self.fail(key, f"'{self.name(key)}' must be one of {options}, "
                            f"not {_show(value)}")
        return value.lower()

    def strings(self, value: Any, key: tuple[str, ...], *, one_allowed: bool = False
                ) -> tuple[str, ...]:
        if one_allowed and isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                  for v in value):
            raise self.fail(key, f"'{self.name(key)}' must be a list of non-empty strings")
        return tuple(value)

    def globs(self, value: Any, key: tuple[str, ...]) -> tuple[str, ...]:
        patterns = self.strings(value, key)
        for pattern in patterns:
            try:
                compile_glob(pattern)
            except ValueError as exc:
                raise self.fail(key, f"'{self.name(key)}': {exc}") from None
        return patterns


def _syntax_error(path: Path, exc: tomllib.TOMLDecodeError) -> ConfigError:
    message = str(exc)
    line = getattr(exc, "lineno", None)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", message)
    if found:
        line = line or int(found.group(1))
        message = f"{message[:found.start()]} (column {found.group(2)})"
    else:
        message = re.sub(r"\s*\(at end of document\)\s*$", " (at the end of the file)", message)
    return ConfigError(f"TOML syntax error: {message}", path, line)


def load_config(path: Path | str) -> Config:
    """Read and check a config file (termcheck.toml, or pyproject.toml's [tool.termcheck])."""
    path = Path(path)
    try:
        data_bytes = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError("config file not found", path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read config file: {exc.strerror}", path) from None
    try:
        text = data_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError("not valid UTF-8", path, data_bytes[:exc.start].count(b"\n") + 1
                          ) from None
    try:
        data: Any = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(path, exc) from None
    prefix: tuple[str, ...] = ()
    if path.name == PYPROJECT_NAME:
        prefix = PYPROJECT_TABLE
        tool = data.get("tool")
        if not isinstance(tool, dict) or "termcheck" not in tool:
            raise ConfigError("no [tool.termcheck] table", path)
        data = tool["termcheck"]
    reader = _Reader(path, text, prefix)
    top = reader.table(data, (), TOP_KEYS)
    root = Path(os.path.abspath(path)).parent
    values: dict[str, Any] = {"path": path}

    if "glossaries" in top:
        names = reader.strings(top["glossaries"], ("glossaries",), one_allowed=True)
        if not names:
            raise reader.fail(("glossaries",), f"'{reader.name(('glossaries',))}' lists no "
                              "glossary (leave it out to use the default)")
        values["glossaries"] = tuple(Path(os.path.normpath(root / Path(n).expanduser()))
                                     for n in names)
    for key in ("include", "exclude"):
        if key in top:
            values[key] = reader.globs(top[key], (key,))
    for key in ("include_fuzzy", "strict"):
        if key in top:
            values[key] = reader.boolean(top[key], (key,))
    if "fail_on" in top:
        values["fail_on"] = reader.choice(top["fail_on"], ("fail_on",), SEVERITIES)
    if "format" in top:
        values["format"] = reader.choice(top["format"], ("format",), FORMATS)
    if "accelerator" in top:
        value = top["accelerator"]
        if not isinstance(value, str) or len(value) > 1:
            raise reader.fail(("accelerator",), f"'{reader.name(('accelerator',))}' must be one "
                              f'character, or "" for none, not {_show(value)}')
        values["accelerator"] = value
    if "rules" in top:
        values["rules"] = _read_rules(reader, top["rules"])
    if "fuzzy" in top:
        values["fuzzy"] = _read_fuzzy(reader, top["fuzzy"])
    if "style" in top:
        style = reader.table(top["style"], ("style",), STYLE_KEYS)
        values["style"] = StyleSetting(**{
            k: reader.boolean(v, ("style", k)) for k, v in style.items()})
    return Config(**values)


def _read_rules(reader: _Reader, data: Any) -> Mapping[str, RuleSetting]:
    if not isinstance(data, dict):
        raise reader.fail(("rules",), f"'{reader.name(('rules',))}' must be a table of rules, "
                          'e.g. [rules.TC002] severity = "info"')
    settings: dict[str, RuleSetting] = {}
    for code, body in data.items():
        rule = rule_table.get_rule(code)
        if rule is None:
            known = ", ".join(r.code for r in rule_table.all_rules())
            raise reader.fail(("rules", code), f"unknown rule '{code}' in "
                              f"'{reader.name(('rules',))}' (known rules: {known})")
        if rule.code in settings:
            raise reader.fail(("rules", code), f"rule {rule.code} is configured twice")
        table = reader.table(body, ("rules", code), RULE_KEYS)
        severity = table.get("severity")
        enabled = table.get("enabled")
        settings[rule.code] = RuleSetting(
            severity=None if severity is None
            else reader.choice(severity, ("rules", code, "severity"), SEVERITIES),
            enabled=None if enabled is None
            else reader.boolean(enabled, ("rules", code, "enabled")))
    return MappingProxyType(settings)


def _read_fuzzy(reader: _Reader, data: Any) -> FuzzySetting:
    table = reader.table(data, ("fuzzy",), FUZZY_KEYS)
    enabled = table.get("enabled")
    scale = table.get("scale")
    if enabled is not None:
        enabled = reader.boolean(enabled, ("fuzzy", "enabled"))
    if scale is not None:
        key = ("fuzzy", "scale")
        if isinstance(scale, bool) or not isinstance(scale, (int, float)):
            raise reader.fail(key, f"'{reader.name(key)}' must be a number, not {_show(scale)}")
        if not 0 <= scale <= MAX_FUZZY_SCALE:
            raise reader.fail(key, f"'{reader.name(key)}' must be between 0 and "
                              f"{MAX_FUZZY_SCALE:g}, not {scale:g}")
        scale = float(scale)
    return FuzzySetting(enabled=enabled, scale=scale)


# -- the command line over the file ----------------------------------------------------------

@dataclass(frozen=True)
class Options:
    """What the command line gave; None: not given (the config file, then the default)."""

    glossaries: Sequence[Path] | None = None  # -g: replaces the config's list
    format: str | None = None
    fail_on: str | None = None
    include_fuzzy: bool | None = None
    strict: bool | None = None
    accelerator: str | None = None
    fuzzy: bool | None = None  # --fuzzy/--no-fuzzy, if the CLI offers it
    fuzzy_scale: float | None = None  # --fuzzy-scale, if the CLI offers it


@dataclass(frozen=True)
class Resolved:
    """The settings of one run: command line, else config file, else the default."""

    config: Config
    glossaries: tuple[Path, ...]  # empty: none given anywhere (use cli.default_glossaries())
    format: str
    fail_on: str
    include_fuzzy: bool
    strict: bool
    accelerator: str | None  # None: each format's own marker
    fuzzy_scale: float  # multiplies fold.fuzzy_budget; 0.0: no near-miss matching
    rules: Mapping[str, RuleSetting] = field(hash=False)
    style: StyleSetting


def _display(path: Path, cwd: Path) -> Path:
    """`path` relative to `cwd` when it lies inside it (shorter messages), else as is."""
    try:
        return Path(os.path.relpath(path, cwd)) if path.is_relative_to(cwd) else path
    except ValueError:  # pragma: no cover - another drive on Windows
        return path


def merge(config: Config | None, cli: Options | Mapping[str, Any] | None = None, *,
          cwd: Path | None = None) -> Resolved:
    """Lay the command line over the config file.  Raises ConfigError for a bad
    command-line value (naming the option)."""
    config = config or Config()
    if cli is None:
        cli = Options()
    elif not isinstance(cli, Options):
        cli = Options(**dict(cli))
    cwd = Path(os.path.abspath(cwd or Path.cwd()))

    def pick(given: Any, configured: Any, default: Any) -> Any:
        if given is not None:
            return given
        return default if configured is None else configured

    fail_on = pick(cli.fail_on, config.fail_on, DEFAULT_FAIL_ON).lower()
    if fail_on not in SEVERITIES:
        raise ConfigError(f"--fail-on must be error, warning or info, not '{fail_on}'")
    output = pick(cli.format, config.format, "human").lower()
    if output not in FORMATS:
        raise ConfigError(f"--format must be one of {', '.join(FORMATS)}, not '{output}'")
    accelerator = pick(cli.accelerator, config.accelerator, None)
    if accelerator is not None and len(accelerator) > 1:
        raise ConfigError(f"--accelerator must be one character or empty, not '{accelerator}'")
    if cli.fuzzy_scale is not None and not 0 <= cli.fuzzy_scale <= MAX_FUZZY_SCALE:
        raise ConfigError(f"--fuzzy-scale must be between 0 and {MAX_FUZZY_SCALE:g}")
    fuzzy = FuzzySetting(enabled=pick(cli.fuzzy, config.fuzzy.enabled, None),
                         scale=pick(cli.fuzzy_scale, config.fuzzy.scale, None))
    if cli.glossaries:
        glossaries = tuple(Path(p) for p in cli.glossaries)  # as typed, relative to cwd
    elif config.glossaries:
        glossaries = tuple(_display(p, cwd) for p in config.glossaries)
    else:
        glossaries = ()
    return Resolved(
        config=config, glossaries=glossaries, format=output, fail_on=fail_on,
        include_fuzzy=bool(pick(cli.include_fuzzy, config.include_fuzzy, False)),
        strict=bool(pick(cli.strict, config.strict, False)), accelerator=accelerator,
        fuzzy_scale=fuzzy.effective_scale, rules=config.rules, style=config.style)


# -- findings and exit codes ------------------------------------------------------------------

class _HasRules(Protocol):
    @property
    def rules(self) -> Mapping[str, RuleSetting]: ...


def apply_rules(findings: Iterable[Finding], config: _HasRules | None) -> list[Finding]:
    """Drop the findings of disabled rules and give the others their configured severity."""
    settings = config.rules if config is not None else {}
    out: list[Finding] = []
    for finding in findings:
        setting = settings.get(finding.rule)
        if setting is None:
            out.append(finding)
        elif setting.enabled is not False:
            if setting.severity is not None and setting.severity != finding.severity:
                finding = dataclasses.replace(finding, severity=setting.severity)
            out.append(finding)
    return out


class _HasOutcome(Protocol):
    @property
    def findings(self) -> Sequence[Finding]: ...

    @property
    def errors(self) -> Sequence[InputError]: ...


def exit_code(result: _HasOutcome, fail_on: str = DEFAULT_FAIL_ON) -> int:
    """2 when some input could not be checked (errors win); 1 when a finding is at least as
    severe as `fail_on`; else 0."""
    if result.errors:
        return 2
    threshold = SEVERITY_RANK[fail_on.lower()]
    return 1 if any(SEVERITY_RANK.get(f.severity, 2) >= threshold
                    for f in result.findings) else 0


# -- which files ------------------------------------------------------------------------------

def _glob_body(pattern: str) -> str:
    out: list[str] = []
    parts = pattern.split("/")
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:[^/]+/)*")
            continue
        i = 0
        while i < len(part):
            char = part[i]
            if char == "*":
                out.append("[^/]*")
                while i + 1 < len(part) and part[i + 1] == "*":
                    i += 1
            elif char == "?":
                out.append("[^/]")
            elif char == "[":
                end = part.find("]", i + 2 if part[i + 1:i + 2] in ("!", "^") else i + 1)
                if end < 0:
                    out.append(re.escape(char))
                else:
                    inner = part[i + 1:end]
                    if inner[:1] in ("!", "^"):
                        inner = "^" + inner[1:]
                    out.append(f"[{inner.replace(chr(92), chr(92) * 2)}]")
                    i = end
            else:
                out.append(re.escape(char))
            i += 1
        if not last:
            out.append("/")
    return "".join(out)


def compile_glob(pattern: str) -> re.Pattern[str]:
    """A config glob as a regular expression over paths relative to the config folder, with
    forward slashes.  `**` is any number of folders, `*` and `?` stay inside one name, `[..]`
    is a character class.  A pattern without a slash matches a name at any depth (as in
    .gitignore); one with a slash (./docs too; not just a trailing one) is anchored at the
    config folder."""
    cleaned = pattern.strip().replace("\\", "/").rstrip("/")
    anchored = "/" in cleaned  # ./docs too; a slash only at the end does not anchor
    while cleaned.startswith("./"):
        cleaned = cleaned[2:]
    if cleaned == ".":
        cleaned = "**"  # the whole folder
    if not cleaned:
        raise ValueError(f"empty pattern '{pattern}'")
    if cleaned.startswith("/") or re.match(r"^[A-Za-z]:", cleaned):
        raise ValueError(f"pattern '{pattern}' must be relative to the config file's folder")
    if ".." in cleaned.split("/"):
        raise ValueError(f"pattern '{pattern}' must not leave the config file's folder (..)")
    body = _glob_body(cleaned)
    if not anchored:
        body = "(?:[^/]+/)*" + body
    try:
        return re.compile(body + r"\Z")
    except re.error as exc:
        raise ValueError(f"bad pattern '{pattern}': {exc}") from None


class _Globs:
    """Patterns matched against a path and each of its folders (so `vendor` takes in
    everything below vendor/)."""

    def __init__(self, root: Path, patterns: Iterable[str]) -> None:
        self.root = root
        self.patterns = [compile_glob(p) for p in patterns]

    def relative(self, path: Path | str) -> str | None:
        absolute = os.path.abspath(path)
        try:
            rel = os.path.relpath(absolute, self.root)
        except ValueError:  # pragma: no cover - another drive on Windows
            return None
        rel = rel.replace(os.sep, "/")
        return None if rel == ".." or rel.startswith("../") or rel == "." else rel

    def match(self, path: Path | str) -> bool:
        rel = self.relative(path)
        if rel is None or not self.patterns:
            return False
        parts = rel.split("/")
        return any(p.match("/".join(parts[:n])) for n in range(1, len(parts) + 1)
                   for p in self.patterns)


def _walk(folder: Path | str, excluded: _Globs) -> tuple[list[str], bool]:
    """Draft files under `folder` in the linter's order (hidden names skipped), as
    os.path.join(folder, ...); and whether anything was left out by `exclude`."""
    from termcheck.readers import reader_for  # the parsers: only when files are listed

    found: list[str] = []
    dropped = False
    for root, dirs, files in os.walk(folder):
        kept = []
        for name in sorted(dirs):
            if name.startswith("."):
                continue
            if excluded.match(os.path.join(root, name)):
                dropped = True
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if name.startswith(".") or not reader_for(name):
                continue
            full = os.path.join(root, name)
            if excluded.match(full):
                dropped = True
            else:
                found.append(full)
    return found, dropped


def _literal_base(pattern: str) -> str:
    """The folder part of a pattern before its first wildcard ("" for the root)."""
    cleaned = pattern.strip().replace("\\", "/")
    while cleaned.startswith("./"):
        cleaned = cleaned[2:]
    if "/" not in cleaned.rstrip("/"):
        return ""
    base: list[str] = []
    for part in cleaned.rstrip("/").split("/")[:-1]:
        if any(c in part for c in "*?["):
            break
        base.append(part)
    return "/".join(base)


def select_files(paths: Sequence[str], config: Config | None, *,
                 cwd: Path | None = None) -> list[str]:
    """The paths to hand to Linter.lint.

    With paths from the command line: those, less what `exclude` matches (folders are
    expanded here, with excluded sub-folders pruned, when there is an exclude list; a folder
    with no drafts at all is passed on so that the linter reports it).  Without: the drafts
    that `include` matches under the config folder, less `exclude`, sorted, shown relative
    to `cwd` where they lie inside it.  Raises ConfigError when there are no paths and no
    include, or the include patterns match no draft."""
    config = config or Config()
    root = config.root
    cwd = Path(os.path.abspath(cwd or Path.cwd()))
    excluded = _Globs(root or cwd, config.exclude or ())
    if paths:
        if not excluded.patterns:
            return list(paths)
        selected: list[str] = []
        for given in paths:
            if given == "-":
                selected.append(given)
            elif excluded.match(given):
                continue
            elif os.path.isdir(given):
                found, dropped = _walk(given, excluded)
                if found:
                    selected += found
                elif not dropped:
                    selected.append(given)  # the linter says the folder has no drafts
            else:
                selected.append(given)  # a file, or a missing path the linter reports
        return selected
    if root is None or config.include is None:
        raise ConfigError("no files to check: name files or folders, or set 'include' in "
                          f"{CONFIG_NAME}", config.path)
    included = _Globs(root, config.include)
    found_files: set[str] = set()
    bases = sorted({_literal_base(p) for p in config.include})
    for base in bases:
        folder = root / base if base else root
        if not folder.is_dir() or (base and excluded.match(folder)):
            continue
        walked, _ = _walk(folder, excluded)
        found_files.update(f for f in walked if included.match(f))
    if not found_files:
        patterns = ", ".join(config.include)
        text = _read_quietly(config.path)
        prefix = PYPROJECT_TABLE if config.path and config.path.name == PYPROJECT_NAME else ()
        raise ConfigError(f"'include' ({patterns}) matches no file termcheck reads",
                          config.path, key_line(text, (*prefix, "include")))
    ordered = sorted(found_files, key=lambda f: Path(f).parts)  # the config folder's order
    return [str(_display(Path(f), cwd)) for f in ordered]


def _read_quietly(path: Path | None) -> str:
    if path is None:
        return ""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


# -- termcheck init ---------------------------------------------------------------------------

def starter_text(name: str) -> str:
    """The text `termcheck init` writes as `name` (termcheck.toml or glossary.yaml)."""
    template = resources.files("termcheck").joinpath(_TEMPLATES, _TEMPLATE_FILES[name])
    return template.read_text(encoding="utf-8")


def _write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, then rename it into place."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ConfigError(f"cannot write: {exc.strerror or exc}", path) from None


def init_files(folder: Path, *, force: bool = False) -> list[Path]:
    """Write a commented termcheck.toml and glossary.yaml into `folder` (created if need
    be); return their paths.  Existing files are left alone, and nothing is written, unless
    `force`."""
    folder = Path(folder)
    targets = [folder / name for name in _TEMPLATE_FILES]
    if folder.exists() and not folder.is_dir():
        raise ConfigError("not a folder", folder)
    if not force:
        existing = [t for t in targets if t.exists() or t.is_symlink()]
        if existing:
            names = " and ".join(str(t) for t in existing)
            verb = "exists" if len(existing) == 1 else "exist"
            raise ConfigError(f"{names} already {verb}; nothing written (use --force to "
                              "overwrite)")
    texts = {t: starter_text(t.name) for t in targets}
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create folder: {exc.strerror or exc}", folder) from None
    for target, text in texts.items():
        if target.is_dir():
            raise ConfigError("is a folder; not overwritten", target)
        _write_atomic(target, text)
    return targets


__all__ = [
    "CONFIG_NAME", "FORMATS", "Config", "ConfigError", "FuzzySetting", "Options", "Resolved",
    "RuleSetting", "StyleSetting", "apply_rules", "compile_glob", "exit_code", "find_config",
    "init_files", "key_line", "load_config", "merge", "select_files", "starter_text",
]

