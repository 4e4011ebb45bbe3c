"""termcheck on Dask (the optional extra `termcheck[dask]`): lint a bag of files, or a column of
segments of a DataFrame (a translation memory exported to Parquet, TMX read into pandas),
across the workers of a `dask.distributed` cluster, and get the findings as a DataFrame.

    import dask.bag as db
    from dask.distributed import Client
    from termcheck import CompiledGlossary
    from termcheck.dask import lint_bag, lint_segments

    client = Client(threads_per_worker=1)               # or the address of a cluster
    glossary = CompiledGlossary(["glossary.yaml"])
    findings = lint_bag(db.from_sequence(paths, npartitions=64), glossary).compute()
    findings = lint_segments(ddf, "target", glossary, source="source").compute()

A check is a pure function of (text, compiled glossary), so this is a map step and nothing
else: no scheduler of termcheck's own.  The glossary travels to the workers as its files'
bytes (CompiledGlossary pickles small) and is compiled once per worker process, from that
machine's compiled-glossary cache when it has one.  Files are read by the workers, so on a
cluster their paths must be readable there (a shared disk, or fetch the texts first and use
lint_segments).  Input errors are rows too, with the rule "input-error", never lost.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from termcheck.api import CompiledGlossary, PathLike, compiled

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas

# The columns of the findings DataFrame: the JSON report's fields, and for segments the
# row label of the segment in the input frame.
COLUMNS: dict[str, str] = {
    "path": "object", "line": "int64", "column": "int64", "end_line": "int64",
    "end_column": "int64", "rule": "object", "severity": "object", "term_id": "object",
    "found": "object", "expected": "object", "message": "object", "note": "object",
    "source": "object", "context": "object"}
INPUT_ERROR = "input-error"


def _meta(extra: dict[str, str] | None = None) -> pandas.DataFrame:
    import pandas

    columns = {**COLUMNS, **(extra or {})}
    return pandas.DataFrame({name: pandas.Series(dtype=dtype) for name, dtype in
                             columns.items()})


def _rows(result: Any) -> list[dict[str, Any]]:
    """The findings and input errors of a LintResult as rows of COLUMNS."""
    rows = [{name: finding.to_dict().get(name) for name in COLUMNS}
            for finding in result.findings]
    rows += [{**dict.fromkeys(COLUMNS), "path": error.path, "line": error.line or 0,
              "column": 0, "end_line": error.line or 0, "end_column": 0,
              "rule": INPUT_ERROR, "severity": "error", "message": error.message}
             for error in result.errors]
    return rows


def _worker_glossary(glossary: CompiledGlossary) -> CompiledGlossary:
    """The worker process's compiled copy of the glossary (compiled once per process)."""
    return compiled((), glossary.settings)


def _lint_files(paths: Iterable[str], glossary: CompiledGlossary) -> list[dict[str, Any]]:
    """One partition of a bag of paths: its files' findings (consistency within it)."""
    return _rows(_worker_glossary(glossary).lint_paths([os.fspath(p) for p in paths], jobs=1))


def _frame(rows: list[dict[str, Any]], extra: dict[str, str] | None = None
           ) -> pandas.DataFrame:
    import pandas

    meta = _meta(extra)
    frame = pandas.DataFrame(rows, columns=list(meta.columns))
    return frame.astype(meta.dtypes.to_dict()) if rows else meta


def lint_bag(paths: dask.bag.Bag, glossary: CompiledGlossary | Sequence[PathLike]
             ) -> dask.dataframe.DataFrame:
    """The findings of the files of a bag of paths, one row each, as a Dask DataFrame.

    Each partition is checked as one `termcheck lint` run over its files: TC102/TC103
    (consistency across bilingual files) compare the files of a partition, so put the files
    of one product in one partition where those rules matter."""
    glossary = _as_compiled(glossary)
    records = paths.map_partitions(_lint_files, glossary)
    return records.to_dataframe(meta=_meta())


def _lint_frame(frame: pandas.DataFrame, column: str, source: str | None,
                glossary: CompiledGlossary, name: str) -> pandas.DataFrame:
    """One partition of segments: the findings of each row's text, with its row label."""
    checker = _worker_glossary(glossary)
    rows: list[dict[str, Any]] = []
    sources = frame[source] if source is not None else [None] * len(frame)
    for label, text, pair in zip(frame.index, frame[column], sources, strict=True):
        if not isinstance(text, str) or not text.strip():
            continue
        result = (checker.lint_unit(text, pair, name) if isinstance(pair, str)
                  else checker.lint_text(text, name + ".txt"))
        rows += [{**row, "segment": label} for row in _rows(result)]
    return _frame(rows, {"segment": frame.index.dtype.name})


def lint_segments(segments: dask.dataframe.DataFrame, column: str,
                  glossary: CompiledGlossary | Sequence[PathLike], *,
                  source: str | None = None, name: str = "segment"
                  ) -> dask.dataframe.DataFrame:
    """The findings of the texts in `column` of a Dask DataFrame (a translation memory's
    target segments), one row each, with the label of the segment's row in `segment`.

    `source`: the column of the source texts; each pair is then checked as a bilingual unit
    (the source term whose approved translation is missing, TC101).  Lines and columns are
    within the segment; `path` is `name` (with .txt where there is no source)."""
    glossary = _as_compiled(glossary)
    meta = _meta({"segment": segments.index.dtype.name})
    return segments.map_partitions(_lint_frame, column, source, glossary, name, meta=meta)


def _as_compiled(glossary: CompiledGlossary | Sequence[PathLike]) -> CompiledGlossary:
    return glossary if isinstance(glossary, CompiledGlossary) else CompiledGlossary(glossary)
