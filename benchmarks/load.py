"""Benchmark: loading saved pages, next to merely reading and decoding them.

    python -m benchmarks.load [--pages 10000]

Generates the pages once (benchmarks/_generated/, reused), then in one run
times (1) reading and decoding every file's bytes, the floor any loader pays,
(2) ``load_articles`` on one core, (3) on two cores, and prints articles/s and
MB/s for each with the ratios. Timings drift between runs: compare the ratios.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchmarks.corpus import generate
from newskit import load_articles
from newskit.load.decode import decode

HERE = Path(__file__).resolve().parent


def _read_decode(paths: list[Path]) -> int:
    n = 0
    for p in paths:
        text, _ = decode(p.read_bytes())
        n += len(text)
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=10_000)
    args = ap.parse_args()
    folder = HERE / "_generated" / f"pages-{args.pages}"
    t0 = time.perf_counter()
    paths = generate(folder, args.pages)
    print(f"corpus: {len(paths)} pages in {folder} (ready in {time.perf_counter() - t0:.1f} s)")
    mb = sum(p.stat().st_size for p in paths) / 1e6

    _read_decode(paths[:200])  # warm the page cache and imports alike
    t0 = time.perf_counter()
    _read_decode(paths)
    base = time.perf_counter() - t0

    results = []
    for workers in (1, 2):
        t0 = time.perf_counter()
        df = load_articles(folder, workers=workers, progress=False)
        results.append((workers, time.perf_counter() - t0, len(df)))
    n_articles = results[0][2]
    print(f"{n_articles} articles, {mb:.1f} MB\n")
    print(f"{'stage':<34}{'seconds':>9}{'articles/s':>12}{'MB/s':>9}{'x read+decode':>15}")
    print(f"{'read + decode bytes (baseline)':<34}{base:>9.2f}{n_articles / base:>12,.0f}{mb / base:>9.1f}{1:>15.1f}")
    for workers, secs, n in results:
        assert n == n_articles
        label = f"load_articles, {workers} core{'s' if workers > 1 else ''}"
        print(f"{label:<34}{secs:>9.2f}{n / secs:>12,.0f}{mb / secs:>9.1f}{secs / base:>15.1f}")
    one = results[0][1]
    print(f"\ntarget: >= 5,000 articles/s on one core: {'met' if n_articles / one >= 5000 else 'NOT met'} "
          f"({n_articles / one:,.0f}); two-core speed-up {one / results[1][1]:.2f}x")


if __name__ == "__main__":
    main()
