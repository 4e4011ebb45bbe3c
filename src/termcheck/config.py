"""Configuration: `termcheck.toml`, or `[tool.termcheck]` in `pyproject.toml`.

    path = find_config(Path.cwd())                     # walk up to the filesystem root
    settings = load_config(path) if path else Settings()
    settings = resolve(settings, {...command line...})  # termcheck.settings: the CLI wins

`load_config` gives the one settings model (termcheck.settings.Settings): the defaults with
the file's values.  Every problem is a ConfigError whose text names the file and, where
known, the line.  `[style]` takes the options the rules declare (termcheck.rules).
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10: the backport (pyproject: tomli; python < 3.11)
    import tomli as tomllib

from termcheck import rules as rule_table
from termcheck.diagnostics import SEVERITIES, Severity
from termcheck.files import compile_glob
from termcheck.settings import FORMATS, MAX_FUZZY_SCALE, ConfigError, RuleSetting, Settings

CONFIG_NAME = "termcheck.toml"
PYPROJECT_NAME = "pyproject.toml"
PYPROJECT_TABLE = ("tool", "termcheck")


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


def _read_file(path: Path) -> tuple[str, Any]:
    """The file's text and its parsed TOML."""
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
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(path, exc) from None


def load_config(path: Path | str) -> Settings:
    """Read and check a config file (termcheck.toml, or pyproject.toml's [tool.termcheck]):
    the defaults with the file's values."""
    path = Path(path)
    text, data = _read_file(path)
    prefix: tuple[str, ...] = ()
    if path.name == PYPROJECT_NAME:
        prefix = PYPROJECT_TABLE
        tool = data.get("tool")
        if not isinstance(tool, dict) or "termcheck" not in tool:
            raise ConfigError("no [tool.termcheck] table", path)
        data = tool["termcheck"]
    reader = _Reader(path, text, prefix)
    top = reader.table(data, (), TOP_KEYS)
    values: dict[str, Any] = {"config_path": path}
    if "glossaries" in top:
        values["glossaries"] = _read_glossaries(reader, top["glossaries"], path)
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
        values["accelerator"] = _read_accelerator(reader, top["accelerator"])
    if "rules" in top:
        values["rules"] = _read_rules(reader, top["rules"])
    if "fuzzy" in top:
        values.update(_read_fuzzy(reader, top["fuzzy"]))
    if "style" in top:
        values["style"] = _read_style(reader, top["style"])
    return Settings(**values)


def _read_glossaries(reader: _Reader, value: Any, path: Path) -> tuple[Path, ...]:
    names = reader.strings(value, ("glossaries",), one_allowed=True)
    if not names:
        raise reader.fail(("glossaries",), f"'{reader.name(('glossaries',))}' lists no "
                          "glossary (leave it out to use the default)")
    root = Path(os.path.abspath(path)).parent
    return tuple(Path(os.path.normpath(root / Path(n).expanduser())) for n in names)


def _read_accelerator(reader: _Reader, value: Any) -> str:
    if not isinstance(value, str) or len(value) > 1:
        raise reader.fail(("accelerator",), f"'{reader.name(('accelerator',))}' must be one "
                          f'character, or "" for none, not {_show(value)}')
    return value


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
            else Severity(reader.choice(severity, ("rules", code, "severity"), SEVERITIES)),
            enabled=None if enabled is None
            else reader.boolean(enabled, ("rules", code, "enabled")))
    return MappingProxyType(settings)


def _read_fuzzy(reader: _Reader, data: Any) -> dict[str, Any]:
    """`[fuzzy]`: near-miss matching (TC002).  `scale` multiplies every term's edit budget
    (1 edit for 4 to 6 letters, 1.5 up to 12, 2 beyond; tone marks and confusable letters
    cost half an edit): 0.5 keeps only the surest near-misses, 0 turns them off, up to 2
    looks further.  `enabled = false` is the same as `scale = 0`."""
    table = reader.table(data, ("fuzzy",), FUZZY_KEYS)
    values: dict[str, Any] = {}
    if "enabled" in table:
        values["fuzzy"] = reader.boolean(table["enabled"], ("fuzzy", "enabled"))
    if "scale" in table:
        scale, key = table["scale"], ("fuzzy", "scale")
        if isinstance(scale, bool) or not isinstance(scale, (int, float)):
            raise reader.fail(key, f"'{reader.name(key)}' must be a number, not {_show(scale)}")
        if not 0 <= scale <= MAX_FUZZY_SCALE:
            raise reader.fail(key, f"'{reader.name(key)}' must be between 0 and "
                              f"{MAX_FUZZY_SCALE:g}, not {scale:g}")
        values["fuzzy_scale"] = float(scale)
    return values


def _read_style(reader: _Reader, data: Any) -> Mapping[str, Any]:
    """`[style]`: the house-style options the rules declare (termcheck.rules.Option)."""
    options = rule_table.style_options()
    table = reader.table(data, ("style",), tuple(options))
    values: dict[str, Any] = {}
    for name, value in table.items():
        option, key = options[name], ("style", name)
        if set(option.choices) == {True, False}:
            values[name] = reader.boolean(value, key)
        else:
            values[name] = reader.choice(value, key, option.choices)
    return MappingProxyType(values)


def include_line(path: Path | None) -> int | None:
    """The line of a config file's `include` (for the error that it matches nothing)."""
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    prefix = PYPROJECT_TABLE if path.name == PYPROJECT_NAME else ()
    return key_line(text, (*prefix, "include"))



__all__ = [
    "CONFIG_NAME", "ConfigError", "find_config", "include_line", "key_line", "load_config",
]
