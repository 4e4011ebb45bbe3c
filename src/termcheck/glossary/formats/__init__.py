"""Import glossaries from other formats into termcheck's model, and export them.

    import_glossary(path, *, format=None, language="th") -> (Glossary, messages)
    export_glossary(glossary, path, *, format=None, name="") -> messages

`format` is one of FORMATS, or None to pick it by the file's extension (EXTENSIONS).
"csv"/"tsv" read the header layout or, when the first row names no `target` column, the
OpenTLE layout; "opentle" forces the latter.  Messages say what was skipped, merged or
dropped and why (``FILE:LINE: skipped: empty target``), each on one line; errors that make
the whole file unusable raise GlossaryError (nothing is written then).  Imported glossaries
hold unique ids and no forbidden form equal to an approved one, so their YAML export loads
with load_glossaries without errors.

Export writes with termcheck.files.atomic_write: the file is replaced whole or, when the
write fails (a missing folder, no permission, a full disk), left as it was, and the failure
is a GlossaryError naming the file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from termcheck.glossary.model import Glossary, GlossaryError, one_line

FORMATS = ("yaml", "tbx", "csv", "tsv", "opentle", "xlsx", "po")
EXTENSIONS = {
    ".yaml": "yaml", ".yml": "yaml", ".tbx": "tbx", ".xml": "tbx", ".csv": "csv",
    ".tsv": "tsv", ".tab": "tsv", ".xlsx": "xlsx", ".po": "po", ".pot": "po",
}
_WRITABLE = ("yaml", "tbx", "csv", "tsv", "xlsx", "po")


def detect_format(path: Path | str, format: str | None = None) -> str:
    """The format named, or the one of the file's extension; GlossaryError if neither."""
    if format:
        name = format.lower().lstrip(".")
        name = EXTENSIONS.get("." + name, name)
        if name not in FORMATS:
            raise GlossaryError(str(path), None, f"unknown glossary format '{format}' "
                                f"(expected one of: {', '.join(FORMATS)})")
        return name
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise GlossaryError(str(path), None, "cannot tell the glossary format from the "
                            f"extension '{suffix}' (known: {', '.join(sorted(EXTENSIONS))}); "
                            "name the format")
    return EXTENSIONS[suffix]


def import_glossary(path: Path | str, *, format: str | None = None,
                    language: str = "th") -> tuple[Glossary, list[str]]:
    """Read a glossary in any supported format: the glossary and what was skipped, and why."""
    glossary, messages = _import(Path(path), format, language)
    return glossary, [one_line(m) for m in messages]  # they quote the file's text


def _import(path: Path, format: str | None, language: str) -> tuple[Glossary, list[str]]:
    fmt = detect_format(path, format)
    if fmt == "yaml":
        from termcheck.glossary.load import load_glossaries

        # a file that does not load as a whole raises: an empty glossary must not be written
        glossary, errors = load_glossaries([path], whole_files=True)
        return glossary, [f"{e} (skipped)" for e in errors]
    if fmt == "tbx":
        from termcheck.glossary.formats.tbx import read_tbx

        return read_tbx(path, language=language)
    if fmt in ("csv", "tsv", "opentle"):
        from termcheck.glossary.formats.table import read_table

        delimiter = "\t" if fmt == "tsv" or path.suffix.lower() in (".tsv", ".tab") else ","
        layout = "opentle" if fmt == "opentle" else "auto"
        return read_table(path, delimiter=delimiter, layout=layout, language=language)
    if fmt == "xlsx":
        from termcheck.glossary.formats.xlsx import read_xlsx

        return read_xlsx(path, language=language)
    from termcheck.glossary.formats.compendium import read_compendium

    return read_compendium(path, language=language)


def export_glossary(glossary: Glossary, path: Path | str, *, format: str | None = None,
                    name: str = "") -> list[str]:
    """Write a glossary in the format named or implied by `path`; returns what the format
    could not keep (a table has no examples, a PO compendium keeps source → target only)."""
    path = Path(path)
    fmt = detect_format(path, format)
    if fmt not in _WRITABLE:
        raise GlossaryError(str(path), None, f"cannot write format '{fmt}' (writable: "
                            f"{', '.join(_WRITABLE)})")
    _check_destination(path)
    try:
        return [one_line(m) for m in _export(glossary, path, fmt, name)]
    except OSError as exc:
        raise GlossaryError(str(path), None, f"cannot write: {_write_failure(path, exc)}; "
                            "nothing written") from None


def _check_destination(path: Path) -> None:
    """Only a regular file is replaced: a folder, a FIFO or a device (/dev/null) named as
    the file to write is an error."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # a new file (atomic_write reports a missing folder)
    if not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise GlossaryError(str(path), None, f"cannot write: {what}")


def _write_failure(path: Path, exc: OSError) -> str:
    folder = path.parent if str(path.parent) else Path(".")
    if isinstance(exc, FileNotFoundError) and not folder.is_dir():
        return f"no folder '{folder}'"
    return exc.strerror or str(exc)


def _export(glossary: Glossary, path: Path, fmt: str, name: str) -> list[str]:
    if fmt == "yaml":
        from termcheck.glossary.formats.yaml_out import write_yaml

        return write_yaml(glossary, path, name=name)
    if fmt == "tbx":
        from termcheck.glossary.formats.tbx import write_tbx

        return write_tbx(glossary, path, name=name)
    if fmt in ("csv", "tsv"):
        from termcheck.glossary.formats.table import write_table

        return write_table(glossary, path, delimiter="\t" if fmt == "tsv" else ",")
    if fmt == "xlsx":
        from termcheck.glossary.formats.xlsx import write_xlsx

        return write_xlsx(glossary, path, name=name)
    from termcheck.glossary.formats.compendium import write_compendium

    return write_compendium(glossary, path, name=name)


__all__ = ["EXTENSIONS", "FORMATS", "detect_format", "export_glossary", "import_glossary"]
