"""End-to-end speed, memory and recall figures for `termcheck lint`.

What it measures, on the deterministic benchmark set written by
``../shared/bench/gen_corpus.py`` (10 MB of news-like Thai, glossaries of 500, 5,000 and
20,000 terms, and the ground truth of every injected term occurrence):

* for each glossary size: ``python -m termcheck lint -g GLOSSARY corpus.txt --format json``
  run as a subprocess ``--repeat`` times; the median wall time (process start to exit,
  glossary loading included), MB/s (10**6 bytes of corpus per second), the peak RSS of the
  child process, and, from the JSON findings against ``truth.jsonl``, the recall of injected
  variants (all, listed in the glossary, unlisted near-misses), the number of exact uses of a
  term that were flagged anyway (a false-positive indicator) and the number of findings;
* the pre-commit figure: ``termcheck lint examples/draft.th.md`` with the bundled glossary,
  ``--precommit-runs`` times (median, min and max wall time).

It prints a Markdown table for the README (or JSON with ``--json``). It is a script that
prints figures, not a test: nothing fails because the machine is slow.

Run it from the repository root with the Python that has termcheck installed::

    python benchmarks/bench.py                      # 500, 5000, 20000 terms, 3 repeats
    python benchmarks/bench.py --terms 500 --repeat 1 --data /tmp/tc-bench -v
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
GENERATOR = Path("bench") / "gen_corpus.py"
DRAFT = Path("examples") / "draft.th.md"
MB = 10**6  # bytes; used for throughput and for memory alike


class BenchError(Exception):
    """A problem that stops the benchmark (exit 2)."""


# -- running a child -----------------------------------------------------------------------

@dataclass
class Run:
    """One finished child process."""

    returncode: int
    wall: float  # seconds, spawn to reaped
    maxrss: int  # bytes
    stdout: Path
    stderr: str


def child_env(cache: Path) -> dict[str, str]:
    """The children's environment: their own compiled-glossary cache folder, and bytecode
    written as a user's installation has it (some machines set PYTHONDONTWRITEBYTECODE,
    which makes every run compile termcheck's sources again)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHAINLP_READ_ONLY": "1", "TERMCHECK_CACHE_DIR": str(cache)}


ENV: dict[str, str] = child_env(Path(tempfile.gettempdir()) / "termcheck-bench-cache")


# Children are started by a small helper process: a child forked from this one, which
# holds the corpus, would count this process's memory in its own peak (Linux keeps the
# peak RSS across exec).
SPAWNER = r"""
import json, os, subprocess, sys, tempfile, time
for request in sys.stdin:
    job = json.loads(request)
    with open(job["stdout"], "wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(job["cmd"], cwd=job["cwd"], stdin=subprocess.DEVNULL,
                                stdout=out, stderr=err, env=job["env"])
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux, in bytes on macOS
    maxrss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    print(json.dumps([proc.returncode, wall, maxrss, stderr]), flush=True)
"""
_spawner: subprocess.Popen[str] | None = None


def start_spawner() -> None:
    """Start the helper that runs the children; call before loading anything large."""
    global _spawner
    _spawner = subprocess.Popen([sys.executable, "-c", SPAWNER], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)


def run_child(cmd: Sequence[str], cwd: Path, stdout_path: Path | None) -> Run:
    """Run cmd; time it and read its own peak RSS with os.wait4 (no other child counts)."""
    if _spawner is None:
        start_spawner()
    assert _spawner is not None and _spawner.stdin is not None and _spawner.stdout is not None
    out_path = stdout_path or Path(os.devnull)
    job = {"cmd": list(map(str, cmd)), "cwd": str(cwd), "stdout": str(out_path), "env": ENV}
    _spawner.stdin.write(json.dumps(job) + "\n")
    _spawner.stdin.flush()
    returncode, wall, maxrss, stderr = json.loads(_spawner.stdout.readline())
    return Run(returncode, wall, maxrss, out_path, stderr)


def check_run(run: Run, cmd: Sequence[str]) -> None:
    """Exit codes 0 (clean) and 1 (findings) are fine; anything else stops the benchmark."""
    if run.returncode not in (0, 1):
        raise BenchError(f"{' '.join(map(str, cmd))} exited {run.returncode}; stderr:\n"
                         f"{run.stderr.rstrip() or '(empty)'}")


# -- data ----------------------------------------------------------------------------------

def ensure_data(shared: Path, data: Path) -> None:
    """Generate the benchmark set into data unless corpus.txt and truth.jsonl are there."""
    if (data / "corpus.txt").is_file() and (data / "truth.jsonl").is_file():
        return
    generator = shared / GENERATOR
    if not generator.is_file():
        raise BenchError(f"benchmark generator not found: {generator} "
                         f"(pass --shared DIR, the folder that holds {GENERATOR})")
    data.mkdir(parents=True, exist_ok=True)
    print(f"generating the benchmark set into {data} ...", file=sys.stderr)
    env = {**os.environ, "PYTHAINLP_READ_ONLY": "1"}  # the generator imports pythainlp
    proc = subprocess.run([sys.executable, str(generator), "--out", str(data)],
                          capture_output=True, text=True, check=False, env=env)
    if proc.returncode != 0:
        raise BenchError(f"{generator} failed (exit {proc.returncode}):\n{proc.stderr}")


def read_tsv_glossary(data: Path, n: int) -> list[tuple[str, str]]:
    """The first n rows of the smallest glossary_<M>.tsv with M >= n (the files are nested)."""
    sizes = sorted(int(p.stem.split("_")[1]) for p in data.glob("glossary_*.tsv")
                   if p.stem.split("_")[1].isdigit())
    fits = [m for m in sizes if m >= n]
    if not fits:
        raise BenchError(f"no glossary with {n} terms in {data} (have: {sizes or 'none'})")
    rows: list[tuple[str, str]] = []
    with open(data / f"glossary_{fits[0]}.tsv", encoding="utf-8") as f:
        for line in f:
            term, _, variant = line.rstrip("\n").partition("\t")
            rows.append((term, variant))
            if len(rows) == n:
                break
    return rows


def is_latin(term: str) -> bool:
    """Written only in Latin letters, digits, punctuation and spaces (acronyms and names)."""
    return term.isascii() and term.isprintable() and any(c.isalnum() for c in term)


def to_yaml(rows: Iterable[tuple[str, str]], path: Path) -> int:
    """Write termcheck's YAML glossary (version 1); id b<row> maps back to truth's term_idx.

    A listed variant that, once normalised, is another term's target (the generator checks
    only literal collisions: เร้ือ, marks out of order, is เรื้อ) would be rejected by
    termcheck's glossary check, so it is left out.  Returns how many were left out.
    """
    from termcheck.glossary.load import load_glossaries

    terms: list[dict[str, Any]] = []
    for i, (term, variant) in enumerate(rows):
        entry: dict[str, Any] = {"id": f"b{i}", "target": term}
        if variant:
            entry["forbidden"] = [variant]
        if is_latin(term):
            entry["case_sensitive"] = True
        terms.append(entry)
    doc = {"version": 1, "language": "th", "terms": terms}
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _glossary, errors = load_glossaries([path])
    bad_lines = {e.line for e in errors}
    if not bad_lines:
        return 0
    # entries start on their own line in safe_dump's output: map lines back to entries
    lines = path.read_text(encoding="utf-8").split("\n")
    starts = [n + 1 for n, line in enumerate(lines) if line.startswith("- id: ")]
    for entry, line in zip(terms, starts, strict=True):
        if line in bad_lines:
            entry.pop("forbidden", None)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return len(bad_lines)


def read_truth(data: Path) -> list[dict[str, Any]]:
    with open(data / "truth.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# -- scoring -------------------------------------------------------------------------------

@dataclass
class Score:
    """Findings of one run against the ground truth for a glossary of n terms."""

    variants: int = 0
    variants_found: int = 0
    listed: int = 0
    listed_found: int = 0
    unlisted: int = 0
    unlisted_found: int = 0
    exact: int = 0
    exact_flagged: int = 0
    findings: int = 0
    findings_on_truth: int = 0  # findings overlapping an injected occurrence
    right_term: int = 0  # found variants with a finding naming the injected term
    span_mismatches: int = 0  # findings whose span does not hold the reported 'found' text
    rules: Counter[str] = field(default_factory=Counter)
    miss_by_edit: Counter[str] = field(default_factory=Counter)
    total_by_edit: Counter[str] = field(default_factory=Counter)
    miss_examples: dict[str, list[str]] = field(default_factory=dict)


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def score(findings: list[dict[str, Any]], truth: list[dict[str, Any]], n: int,
          lines: list[str]) -> Score:
    s = Score(findings=len(findings))
    by_line: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for f in findings:
        line = int(f["line"]) - 1
        start = int(f["column"]) - 1
        end = int(f["end_column"]) - 1 if f.get("end_line", f["line"]) == f["line"] else 1 << 30
        by_line[line].append((start, end, str(f.get("term_id", ""))))
        s.rules[str(f.get("rule", "?"))] += 1
        text = lines[line][start:end] if 0 <= line < len(lines) else ""
        if text != f.get("found", text):
            s.span_mismatches += 1
    used: set[tuple[int, int, int]] = set()
    for t in truth:
        if t["term_idx"] >= n:
            continue
        col, end = t["col"], t["col"] + t["len"]
        hits = [h for h in by_line.get(t["line"], ()) if h[0] < end and col < h[1]]
        used.update((t["line"], h[0], h[1]) for h in hits)
        found = bool(hits)
        if t["kind"] == "exact":
            s.exact += 1
            s.exact_flagged += found
            continue
        s.variants += 1
        s.variants_found += found
        s.right_term += any(h[2] == f"b{t['term_idx']}" for h in hits)
        if t["listed"]:
            s.listed += 1
            s.listed_found += found
        else:
            s.unlisted += 1
            s.unlisted_found += found
        s.total_by_edit[t["edit"]] += 1
        if not found:
            s.miss_by_edit[t["edit"]] += 1
            examples = s.miss_examples.setdefault(t["edit"], [])
            if len(examples) < 3:
                examples.append(f"{t['text']!r} for {t['term']!r} (line {t['line'] + 1})")
    s.findings_on_truth = len(used)
    return s


# -- the benchmark -------------------------------------------------------------------------

def termcheck_version() -> str:
    proc = subprocess.run([sys.executable, "-m", "termcheck", "--version"], cwd=REPO,
                          capture_output=True, text=True, check=False)
    return proc.stdout.strip() or f"unknown (exit {proc.returncode}: {proc.stderr.strip()})"


def bench_size(n: int, data: Path, work: Path, repeat: int, truth: list[dict[str, Any]],
               lines: list[str], corpus_bytes: int) -> dict[str, Any]:
    rows = read_tsv_glossary(data, n)
    glossary = work / f"bench_glossary_{n}.yaml"
    dropped = to_yaml(rows, glossary)
    out = work / f"bench_findings_{n}.json"
    warm_out = work / f"bench_findings_{n}_warm.json"
    cmd = [sys.executable, "-m", "termcheck", "lint", "-g", str(glossary),
           str(data / "corpus.txt"), "--format", "json"]
    walls: list[float] = []  # --no-cache: the glossary loaded and compiled by every run
    warm: list[float] = []  # the compiled glossary read from the cache a first run wrote
    rss: list[int] = []
    warm_rss: list[int] = []
    stderr_text = ""
    first = run_child(cmd, REPO, warm_out)  # writes the cache entry
    check_run(first, cmd)
    for i in range(repeat):  # interleaved, so both kinds see the same machine
        for kind, times, peaks, argv, dest in (
                ("no cache", walls, rss, [*cmd, "--no-cache"], out),
                ("cached", warm, warm_rss, cmd, warm_out)):
            run = run_child(argv, REPO, dest)
            check_run(run, argv)
            times.append(run.wall)
            peaks.append(run.maxrss)
            stderr_text = stderr_text or run.stderr
            print(f"  {n} terms, {kind}, run {i + 1}/{repeat}: {run.wall:.2f} s, "
                  f"{run.maxrss / MB:.0f} MB, exit {run.returncode}", file=sys.stderr)
    same = json.loads(warm_out.read_text(encoding="utf-8"))["findings"]
    report = json.loads(out.read_text(encoding="utf-8"))
    s = score(report["findings"], truth, n, lines)
    wall = statistics.median(walls)
    return {
        "terms": n,
        "latin_case_sensitive_terms": sum(1 for term, _ in rows if is_latin(term)),
        "forbidden_dropped": dropped,
        "wall_s_median": wall,
        "wall_s_all": walls,
        "mb_per_s": corpus_bytes / MB / wall,
        "peak_mb": max(rss) / MB,
        "first_run_s": first.wall,
        "cached_wall_s_median": statistics.median(warm),
        "cached_wall_s_all": warm,
        "cached_mb_per_s": corpus_bytes / MB / statistics.median(warm),
        "cached_peak_mb": max(warm_rss) / MB,
        "cached_findings_differ": same != report["findings"],
        "variant_recall": ratio(s.variants_found, s.variants),
        "listed_recall": ratio(s.listed_found, s.listed),
        "unlisted_recall": ratio(s.unlisted_found, s.unlisted),
        "right_term_share": ratio(s.right_term, s.variants),
        "variants": s.variants,
        "variants_found": s.variants_found,
        "listed": s.listed,
        "listed_found": s.listed_found,
        "unlisted": s.unlisted,
        "unlisted_found": s.unlisted_found,
        "exact_uses": s.exact,
        "exact_uses_flagged": s.exact_flagged,
        "findings": s.findings,
        "findings_on_injections": s.findings_on_truth,
        "findings_by_rule": dict(sorted(s.rules.items())),
        "span_mismatches": s.span_mismatches,
        "errors_reported": report.get("errors", []),
        "stderr": stderr_text,
        "misses_by_edit": {k: [v, s.total_by_edit[k]] for k, v in s.miss_by_edit.most_common()},
        "miss_examples": s.miss_examples,
    }


def clean_draft(base: list[str], work: Path) -> Path:
    """The example draft less every line with a finding: a file a pre-commit hook passes."""
    text = (REPO / DRAFT).read_text(encoding="utf-8")
    clean = work / "clean.th.md"
    for _ in range(3):  # dropping a line can bring a neighbour's context into question
        clean.write_text(text, encoding="utf-8")
        out = work / "clean.json"
        run = run_child([*base, "lint", "--format", "json", str(clean)], REPO, out)
        if run.returncode == 0:
            return clean
        bad = {f["line"] for f in json.loads(out.read_text(encoding="utf-8"))["findings"]}
        text = "".join(line for n, line in enumerate(text.splitlines(True), 1) if n not in bad)
    raise BenchError("could not make a clean copy of the example draft")


# The floor a fuzzy linter is measured against: every form of every term found exactly, in
# one Aho-Corasick pass per line, whole process (start-up and YAML loading included).
EXACT_SCAN = """
import sys, yaml, ahocorasick
glossary, corpus = sys.argv[1:3]
automaton = ahocorasick.Automaton()
for term in yaml.safe_load(open(glossary, encoding="utf-8"))["terms"]:
    for form in [term["target"], *term.get("allowed", []), *term.get("forbidden", [])]:
        automaton.add_word(form, len(form))
automaton.make_automaton()
hits = 0
with open(corpus, encoding="utf-8") as handle:
    for line in handle:
        hits += sum(1 for _ in automaton.iter(line))
print(hits)
"""


def bench_peers(n: int, data: Path, work: Path, repeat: int, corpus_bytes: int
                ) -> dict[str, Any]:
    """Peers on the same corpus and glossary, in the same run: the exact Aho-Corasick scan
    (always), and textlint with prh where `textlint` is on PATH (exact listed variants)."""
    glossary = work / f"bench_glossary_{n}.yaml"
    peers: dict[str, list[str]] = {
        "exact Aho-Corasick": [sys.executable, "-c", EXACT_SCAN, str(glossary),
                               str(data / "corpus.txt")]}
    textlint = shutil.which("textlint")
    if textlint:
        prh = work / f"prh_{n}.yml"
        # as regular expressions written out ("/.../"): prh escapes a plain pattern's "-"
        # as "\\-", which JavaScript's unicode mode refuses
        rules = [{"expected": target, "patterns": [
            "/" + re.sub(r"([\\^$.*+?()\[\]{}|/])", r"\\\1", variant) + "/"]}
                 for target, variant in read_tsv_glossary(data, n) if variant]
        prh.write_text(yaml.safe_dump({"version": 1, "rules": rules}, allow_unicode=True),
                       encoding="utf-8")
        config = work / f"textlintrc_{n}.json"
        config.write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(prh)]}}}),
                          encoding="utf-8")
        peers["textlint + prh"] = [textlint, "--config", str(config), "--format", "json",
                                   str(data / "corpus.txt")]
    out: dict[str, Any] = {}
    for name, cmd in peers.items():
        walls = []
        report = work / "peer.out"
        for _ in range(1 if name.startswith("textlint") else repeat):  # (minutes a run)
            run = run_child(cmd, REPO, report)
            found = _peer_findings(name, report)
            if run.returncode not in (0, 1) or found is None:
                out[name] = {"error": (run.stderr.strip() or report.read_text(
                    encoding="utf-8", errors="replace").strip())[-300:]}
                break
            walls.append(run.wall)
        else:
            wall = statistics.median(walls)
            out[name] = {"wall_s_median": wall, "mb_per_s": corpus_bytes / MB / wall,
                         "findings": found}
    return out


def _peer_findings(name: str, report: Path) -> int | None:
    """What a peer found (matches, or textlint's messages); None when it did not run."""
    text = report.read_text(encoding="utf-8", errors="replace")
    try:
        if name.startswith("textlint"):
            return sum(len(f["messages"]) for f in json.loads(text))
        return int(text.strip())
    except (ValueError, KeyError, TypeError):
        return None


def bench_precommit(runs: int, work: Path) -> dict[str, Any]:
    """A pre-commit hook's run on one file with the bundled glossary (the example draft,
    with findings, and a clean copy of it), beside `python -c pass` and `termcheck
    --version`, interleaved in each round; the compiled-glossary cache is warm, as it is
    from a hook's second run on."""
    script = Path(sys.executable).parent / ("termcheck.exe" if os.name == "nt" else "termcheck")
    base = [str(script)] if script.is_file() else [sys.executable, "-m", "termcheck"]
    clean = clean_draft(base, work)
    commands = {"python -c pass": [sys.executable, "-c", "pass"],
                "termcheck --version": [*base, "--version"],
                f"termcheck lint {DRAFT}": [*base, "lint", str(DRAFT)],
                "termcheck lint (a clean copy of it)": [*base, "lint", str(clean)]}
    walls: dict[str, list[float]] = {name: [] for name in commands}
    rss: dict[str, list[int]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            run = run_child(cmd, REPO, None)
            check_run(run, cmd)
            walls[name].append(run.wall)
            rss[name].append(run.maxrss)
    return {"runs": runs, "commands": {
        name: {"wall_s_median": statistics.median(w), "wall_s_min": min(w),
               "wall_s_max": max(w), "peak_mb": max(rss[name]) / MB}
        for name, w in walls.items()}}


def bench_files(data: Path, work: Path, count: int, repeat: int) -> dict[str, Any]:
    """Files per second on a folder of `count` small drafts (the corpus cut into pieces of
    20 lines, 500-term glossary): one process (-j 1) against all cores (-j N)."""
    folder = work / "many"
    folder.mkdir()
    lines = (data / "corpus.txt").read_text(encoding="utf-8").split("\n")
    for i in range(count):
        piece = lines[(i * 20) % len(lines):(i * 20) % len(lines) + 20]
        (folder / f"draft{i:04d}.txt").write_text("\n".join(piece) + "\n", encoding="utf-8")
    glossary = work / "many_glossary.yaml"
    to_yaml(read_tsv_glossary(data, 500), glossary)
    cores = os.cpu_count() or 1
    out: dict[str, Any] = {"files": count, "cores": cores}
    for jobs in (1, cores):
        cmd = [sys.executable, "-m", "termcheck", "lint", "-g", str(glossary), str(folder),
               "--format", "json", "--jobs", str(jobs)]
        walls = []
        for _ in range(repeat):
            run = run_child(cmd, REPO, None)
            check_run(run, cmd)
            walls.append(run.wall)
        out[f"jobs_{jobs}_s"] = statistics.median(walls)
        out[f"jobs_{jobs}_files_per_s"] = count / statistics.median(walls)
    return out


def machine() -> dict[str, Any]:
    return {"platform": platform.platform(), "python": platform.python_version(),
            "cpu_count": os.cpu_count(), "processor": platform.processor() or platform.machine()}


# -- output --------------------------------------------------------------------------------

def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def markdown(results: dict[str, Any]) -> str:
    repeat = results["repeat"]
    rows = [
        f"| terms | MB/s | wall s (median of {repeat}) | peak MB | MB/s cached | wall s "
        "cached | peak MB cached | variant recall | listed | unlisted | exact uses flagged "
        "| findings |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results["sizes"]:
        rows.append(
            f"| {r['terms']:,} | {r['mb_per_s']:.2f} | {r['wall_s_median']:.2f} "
            f"| {r['peak_mb']:.0f} | {r['cached_mb_per_s']:.2f} "
            f"| {r['cached_wall_s_median']:.2f} | {r['cached_peak_mb']:.0f} "
            f"| {pct(r['variant_recall'])} ({r['variants_found']:,}"
            f"/{r['variants']:,}) | {pct(r['listed_recall'])} | {pct(r['unlisted_recall'])} "
            f"| {r['exact_uses_flagged']:,}/{r['exact_uses']:,} | {r['findings']:,} |")
    lines = ["\n".join(rows), ""]
    for r in results["sizes"]:
        peers = [f"{name} {p['mb_per_s']:.2f} MB/s ({p['wall_s_median']:.2f} s, "
                 f"{p['findings']:,} found)" if "mb_per_s" in p else f"{name}: {p['error']}"
                 for name, p in r.get("peers", {}).items()]
        if peers:
            lines.append(f"Peers at {r['terms']:,} terms, same corpus, same run: "
                         + "; ".join(peers) + ".")
    lines.append("")
    fl = results.get("files")
    if fl:
        cores = fl["cores"]
        lines.append(f"Many files ({fl['files']} drafts of 20 lines, 500 terms, median of "
                     f"{repeat}): 1 process {fl['jobs_1_files_per_s']:.0f} files/s "
                     f"({fl['jobs_1_s']:.2f} s); {cores} processes "
                     f"{fl[f'jobs_{cores}_files_per_s']:.0f} files/s "
                     f"({fl[f'jobs_{cores}_s']:.2f} s).")
        lines.append("")
    pc = results.get("precommit")
    if pc:
        lines.append(f"One file, bundled glossary, cache warm (median of {pc['runs']} "
                     "interleaved runs):")
        lines.append("")
        lines.append("| command | wall s | min | max | peak MB |")
        lines.append("|---|---:|---:|---:|---:|")
        for name, c in pc["commands"].items():
            lines.append(f"| `{name}` | {c['wall_s_median']:.3f} | {c['wall_s_min']:.3f} "
                         f"| {c['wall_s_max']:.3f} | {c['peak_mb']:.0f} |")
        lines.append("")
    m = results["machine"]
    lines.append(f"{results['termcheck_version']}; corpus {results['corpus_bytes'] / MB:.1f} MB; "
                 f"Python {m['python']} on {m['platform']} ({m['processor']}), "
                 f"{m['cpu_count']} CPUs.")
    return "\n".join(lines)


def details(results: dict[str, Any], top: int) -> str:
    out: list[str] = []
    for r in results["sizes"]:
        out.append(f"\n{r['terms']:,} terms ({r['latin_case_sensitive_terms']:,} Latin, "
                   f"case-sensitive): runs {', '.join(f'{w:.2f}' for w in r['wall_s_all'])} s; "
                   f"findings by rule {r['findings_by_rule']}; "
                   f"{r['findings_on_injections']:,} findings on injected occurrences; "
                   f"right term named for {pct(r['right_term_share'])} of variants")
        out.append(f"  misses by edit kind (missed/injected), top {top}:")
        for edit, (missed, total) in list(r["misses_by_edit"].items())[:top]:
            out.append(f"    {edit or '(none)':<40} {missed:>5}/{total:<5}  e.g. "
                       + "; ".join(r["miss_examples"].get(edit, [])[:2]))
    return "\n".join(out)


def oddities(results: dict[str, Any]) -> list[str]:
    notes = []
    for r in results["sizes"]:
        if r["stderr"].strip():
            notes.append(f"{r['terms']} terms: termcheck wrote to stderr:\n{r['stderr'].rstrip()}")
        if r["errors_reported"]:
            notes.append(f"{r['terms']} terms: {len(r['errors_reported'])} errors in the JSON "
                         f"report, e.g. {r['errors_reported'][0]}")
        if r["cached_findings_differ"]:
            notes.append(f"{r['terms']} terms: the cached run's findings differ from the "
                         "uncached run's")
        if r["span_mismatches"]:
            notes.append(f"{r['terms']} terms: {r['span_mismatches']} findings whose "
                         "line/column span does not hold their 'found' text")
    return notes


# -- main ----------------------------------------------------------------------------------

def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                    help=f"folder holding {GENERATOR} (default: {DEFAULT_SHARED})")
    ap.add_argument("--data", type=Path, default=None,
                    help="cache folder for the benchmark set; reused when it already has "
                         "corpus.txt and truth.jsonl (default: a temporary folder)")
    ap.add_argument("--terms", default="500,5000,20000",
                    help="comma-separated glossary sizes (default: 500,5000,20000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per size; the median is kept")
    ap.add_argument("--precommit-runs", type=int, default=9,
                    help="runs of the pre-commit figure (0 skips it; default 9)")
    ap.add_argument("--files", type=int, default=400,
                    help="drafts in the many-files figure (0 skips it; default 400)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="also print misses by edit kind and other details")
    ap.add_argument("--top", type=int, default=12, help="edit kinds shown with -v")
    args = ap.parse_args(argv)
    try:
        args.sizes = [int(x.replace("_", "")) for x in args.terms.split(",") if x.strip()]
    except ValueError:
        ap.error(f"--terms: expected comma-separated numbers, not '{args.terms}'")
    if not args.sizes or min(args.sizes) <= 0 or args.repeat < 1 or args.precommit_runs < 0:
        ap.error("--terms must be positive, --repeat at least 1, --precommit-runs at least 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    start_spawner()
    tmp = None if args.data else tempfile.mkdtemp(prefix="termcheck-bench-")
    data: Path = args.data if args.data else Path(tmp or ".")
    try:
        ensure_data(args.shared, data)
        work = Path(tempfile.mkdtemp(prefix="termcheck-bench-work-"))
        global ENV
        ENV = child_env(work / "cache")  # an empty cache: the first run of each size fills it
        corpus = data / "corpus.txt"
        corpus_bytes = corpus.stat().st_size
        lines = corpus.read_text(encoding="utf-8").split("\n")
        truth = read_truth(data)
        results: dict[str, Any] = {
            "termcheck_version": termcheck_version(), "machine": machine(),
            "corpus_bytes": corpus_bytes, "repeat": args.repeat, "data": str(data), "sizes": []}
        try:
            for n in args.sizes:
                results["sizes"].append(bench_size(n, data, work, args.repeat, truth, lines,
                                                   corpus_bytes))
                results["sizes"][-1]["peers"] = bench_peers(n, data, work, args.repeat,
                                                            corpus_bytes)
            if args.files:
                results["files"] = bench_files(data, work, args.files, args.repeat)
            if args.precommit_runs:
                results["precommit"] = bench_precommit(args.precommit_runs, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    except BenchError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        return 2
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    for note in oddities(results):
        print(f"bench: note: {note}", file=sys.stderr)
    if args.json:
        json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(markdown(results))
        if args.verbose:
            print(details(results, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
