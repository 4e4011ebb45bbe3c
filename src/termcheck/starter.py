"""`termcheck init`: a commented starter termcheck.toml and glossary.yaml.

The `[style]` section of the starter config lists every house-style option the rules
declare (termcheck.rules.Option), so a new rule's option appears there by itself.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from termcheck.files import atomic_write
from termcheck.rules import style_options
from termcheck.settings import ConfigError

CONFIG_NAME = "termcheck.toml"
GLOSSARY_NAME = "glossary.yaml"
_TEMPLATES = "templates"
_TEMPLATE_FILES = {CONFIG_NAME: "termcheck.toml.in", GLOSSARY_NAME: "glossary.yaml.in"}


def _style_lines() -> str:
    lines = []
    for option in style_options().values():
        example = option.choices[0]
        shown = ("true" if example else "false") if isinstance(example, bool) else f'"{example}"'
        lines += [f"# {option.doc} ({option.describe()})", f"# {option.name} = {shown}"]
    return "\n".join(lines)


def starter_text(name: str) -> str:
    """The text `termcheck init` writes as `name` (termcheck.toml or glossary.yaml)."""
    template = resources.files("termcheck").joinpath(_TEMPLATES).joinpath(_TEMPLATE_FILES[name])
    text = template.read_text(encoding="utf-8")
    return text.replace("{style_options}", _style_lines()) if name == CONFIG_NAME else text


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
        try:
            atomic_write(target, text)
        except OSError as exc:
            raise ConfigError(f"cannot write: {exc.strerror or exc}", target) from None
    return targets
