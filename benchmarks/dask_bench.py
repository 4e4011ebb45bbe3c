"""Throughput of termcheck.dask on a `distributed.LocalCluster`, beside the command line.

On the benchmark corpus cut into `--files` drafts of 20 lines, with the first `--terms` rows
of the generated glossary: `termcheck lint --jobs 1` and `--jobs N` as subprocesses, and
`termcheck.dask.lint_bag` on a LocalCluster of N single-threaded worker processes (the
cluster's start-up is reported apart; the glossary is compiled once per worker, and the
first computation pays for it).  Prints the figures; it is not a test.

    python benchmarks/dask_bench.py --data /tmp/tc-bench --files 400 --terms 500
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import bench


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="folder of gen_corpus.py output")
    ap.add_argument("--files", type=int, default=400)
    ap.add_argument("--terms", type=int, default=500)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import dask.bag as db
    from distributed import Client, LocalCluster

    from termcheck import CompiledGlossary
    from termcheck.dask import lint_bag

    work = Path(tempfile.mkdtemp(prefix="termcheck-dask-bench-"))
    os.environ["TERMCHECK_CACHE_DIR"] = str(work / "cache")
    os.environ["PYTHAINLP_READ_ONLY"] = "1"
    folder = work / "many"
    folder.mkdir()
    lines = (args.data / "corpus.txt").read_text(encoding="utf-8").split("\n")
    paths = []
    for i in range(args.files):
        start = (i * 20) % len(lines)
        path = folder / f"draft{i:04d}.txt"
        path.write_text("\n".join(lines[start:start + 20]) + "\n", encoding="utf-8")
        paths.append(str(path))
    glossary = work / "glossary.yaml"
    bench.to_yaml(bench.read_tsv_glossary(args.data, args.terms), glossary)
    figures: dict[str, list[float]] = {}
    for jobs in (1, args.workers):
        cmd = [sys.executable, "-m", "termcheck", "lint", "-g", str(glossary), str(folder),
               "--format", "json", "--jobs", str(jobs)]
        for _ in range(args.repeat):
            t = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)
            figures.setdefault(f"command line --jobs {jobs}", []).append(
                time.perf_counter() - t)
    t = time.perf_counter()
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        started = time.perf_counter() - t
        compiled = CompiledGlossary([glossary])
        count = 0
        for run in range(args.repeat + 1):  # the first run compiles on each worker
            t = time.perf_counter()
            bag = db.from_sequence(paths, npartitions=args.workers * 8)
            count = len(lint_bag(bag, compiled).compute())
            name = "dask, first run" if run == 0 else "dask, compiled"
            figures.setdefault(name, []).append(time.perf_counter() - t)
    print(f"{args.files} drafts of 20 lines, {args.terms} terms, {args.workers} workers; "
          f"LocalCluster start-up {started:.2f} s; {count} finding rows")
    for name, walls in figures.items():
        wall = statistics.median(walls)
        print(f"  {name:28} {wall:6.2f} s  {args.files / wall:6.0f} files/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
