"""What the command-line modules share: errors on stderr, and the run's settings."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

import typer

from termcheck.reporters.visible import show
from termcheck.settings import ConfigError, Settings


def print_error(message: str) -> None:
    """One line on stderr (control and bidi characters shown as markers: a message may
    quote a draft or a glossary)."""
    print(f"termcheck: error: {show(message)}", file=sys.stderr)


def fail(message: str) -> NoReturn:
    """One line on stderr, exit 2."""
    print_error(message)
    raise typer.Exit(2)


def resolve_settings(command_line: Mapping[str, Any]) -> Settings:
    """The run's settings: the config file found from the current folder, with the command
    line over it (termcheck.settings.resolve).  A bad config file or option exits 2."""
    from termcheck.config import find_config, load_config
    from termcheck.settings import resolve

    try:
        config_path = find_config(Path.cwd())
        config = load_config(config_path) if config_path else Settings()
        return resolve(config, command_line)
    except ConfigError as exc:
        fail(str(exc))


def select(paths: list[str] | None, settings: Settings) -> list[str]:
    """The files to check: the paths given, else the config file's `include` (both less its
    `exclude`).  Exits 2 when there are none."""
    from termcheck.files import select_files

    try:
        return select_files(paths or [], settings)
    except ConfigError as exc:
        fail(str(exc))
