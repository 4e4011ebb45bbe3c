"""What the near-miss candidate filters cost and let through, stage by stage.

On the benchmark corpus and glossaries of ``../shared/bench`` (see bench.py), in one process:

* the index: patterns in the fuzzy automaton (fold keys and the one-edit neighbourhoods of
  short keys), pieces of longer keys, the spaced short forms and the short Latin keys
  (matched on the text as written), and the seconds it takes to build;
* per MB of text: hits of the fuzzy automaton, hits of the pieces, the pieces that pass the
  quick common-subsequence test, the spans that come out (within k edits, or word edits of
  long terms), what is left once exact uses explain their hits, and then the candidates the
  judge verifies and the near-misses it keeps; hits of the spaced short forms and of the
  short Latin keys;
* seconds per stage.

It prints figures; nothing fails because the machine is slow.  Run it from the repository
root::

    python benchmarks/candidates.py --data /tmp/tc-bench --terms 500,5000
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))

import termcheck.match.candidates as candidates
from bench import read_tsv_glossary, to_yaml
from termcheck.glossary.load import load_glossaries
from termcheck.match.candidates import filter_hits
from termcheck.match.index import TermIndex
from termcheck.match.scan import Scanner
from termcheck.thai.fold import fold
from termcheck.thai.normalize import normalize


def measure(glossary: Path, corpus: list[str], size_mb: float) -> dict[str, float]:
    figures: dict[str, float] = {}
    loaded, _errors = load_glossaries([glossary])
    start = time.perf_counter()
    index = TermIndex(loaded)
    figures["index s"] = time.perf_counter() - start
    figures["fuzzy patterns"] = len(index.fuzzy) if index.fuzzy is not None else 0
    figures["piece patterns"] = len(index.pieces) if index.pieces is not None else 0
    figures["spaced short-form patterns"] = len(index.spaced) if index.spaced is not None else 0
    figures["short Latin keys"] = len(index.latin)
    scanner = Scanner(index)
    counts: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    passed = candidates._rest_may_match

    def counted(*args):  # the quick test, counted
        ok = passed(*args)
        counts["pieces passing the quick test"] += ok
        return ok

    candidates._rest_may_match = counted
    try:
        for line in corpus:
            norm = normalize(line)
            folded = fold(norm.text)
            t = time.perf_counter()
            hits = list(index.fuzzy.iter(folded)) if index.fuzzy is not None else []
            piece_hits = list(index.pieces.iter(folded)) if index.pieces is not None else []
            seconds["automata"] += time.perf_counter() - t
            counts["fuzzy automaton hits"] += len(hits)
            counts["piece hits"] += len(piece_hits)
            t = time.perf_counter()
            spans = scanner._pieces.spans(folded, piece_hits) if piece_hits else []
            seconds["piece spans"] += time.perf_counter() - t
            counts["spans from pieces"] += sum(v == "piece" for _, (_, vs) in spans for _, v in vs)
            counts["word-edit spans"] += sum(v == "words" for _, (_, vs) in spans for _, v in vs)
            t = time.perf_counter()
            if index.spaced is not None:
                counts["spaced short-form hits"] += len(list(index.spaced.iter(norm.text)))
            counts["Latin token spans"] += len(list(index.latin.spans(norm.text)))
            seconds["spaced and Latin passes"] += time.perf_counter() - t
            t = time.perf_counter()
            exact = scanner._exact(norm.text)
            left = filter_hits(hits + spans, [c.term for c in exact])
            seconds["filters"] += time.perf_counter() - t
            counts["hits left to map"] += len(left)
            t = time.perf_counter()
            result = scanner.scan(norm, line)
            seconds["whole scan"] += time.perf_counter() - t
            counts["near-misses kept"] += sum(h.kind.value == "near-miss" for h in result.hits)
    finally:
        candidates._rest_may_match = passed
    for name, n in counts.items():
        figures[f"{name} per MB"] = n / size_mb
    for name, s in seconds.items():
        figures[f"{name} s"] = s
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True,
                    help="folder written by ../shared/bench/gen_corpus.py")
    ap.add_argument("--terms", default="500,5000", help="comma-separated glossary sizes")
    ap.add_argument("--mb", type=float, default=2.0, help="MB of the corpus to read")
    args = ap.parse_args(argv)
    raw = (args.data / "corpus.txt").read_bytes()[:int(args.mb * 10**6)]
    text = raw.decode("utf-8", errors="ignore")
    corpus = text.split("\n")
    size_mb = len(text.encode("utf-8")) / 10**6
    columns = {}
    for n in (int(x) for x in args.terms.split(",")):
        glossary = Path(os.environ.get("TMPDIR", "/tmp")) / f"candidates_glossary_{n}.yaml"
        to_yaml(read_tsv_glossary(args.data, n), glossary)
        columns[n] = measure(glossary, corpus, size_mb)
    names = list(dict.fromkeys(k for fig in columns.values() for k in fig))
    print(f"| on {size_mb:.1f} MB of the corpus | " + " | ".join(f"{n:,} terms" for n in columns)
          + " |")
    print("|---|" + "---:|" * len(columns))
    for name in names:
        cells = []
        for fig in columns.values():
            value = fig.get(name, 0)
            cells.append(f"{value:.2f}" if name.endswith(" s") else f"{value:,.0f}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
