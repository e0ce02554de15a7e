"""Benchmark: ``tariff_events`` and ``event_timeline`` on generated pages and on the sample corpus.

    python -m benchmarks.events [--pages 200]

Generates pages with ``benchmarks.corpus`` (benchmarks/_generated/, reused),
loads them, then on one core times (1) ``find_dates`` alone over every body,
the floor the event extractor pays for its dates, (2) ``tariff_events``,
(3) ``event_timeline``, and prints articles/s (on CPU time, which other
processes on a shared machine do not inflate; wall time beside it), mentions
found and the ratio of (2) to (1). It does the same on data/pages (71
articles). Compare the ratios between runs.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchmarks.corpus import generate
from newskit import load_articles, read_capture_times
from newskit.dates import find_dates
from newskit.events import event_timeline, tariff_events
from newskit.paths import SAMPLE_CAPTURES, SAMPLE_PAGES

HERE = Path(__file__).resolve().parent


def _timed(fn, *args):
    """(result, CPU seconds, wall seconds) of ``fn(*args)``."""
    c0, w0 = time.process_time(), time.perf_counter()
    out = fn(*args)
    return out, time.process_time() - c0, time.perf_counter() - w0


def _dates_only(articles) -> None:
    for body, pub in zip(articles["body"], articles["published_at"]):
        if isinstance(body, str):
            find_dates(body, pub)


def _run(name: str, articles) -> None:
    n = len(articles)
    tariff_events(articles.head(20))  # warm the regular expressions
    _, floor, floor_wall = _timed(_dates_only, articles)
    events, t_events, w_events = _timed(tariff_events, articles)
    timeline, t_timeline, w_timeline = _timed(event_timeline, events, articles)
    print(f"{name}: {n} articles (CPU s / wall s)")
    print(f"  find_dates alone   {floor:7.2f} / {floor_wall:6.2f} s  {n / floor:8.0f} articles/s")
    print(f"  tariff_events      {t_events:7.2f} / {w_events:6.2f} s  {n / t_events:8.0f} articles/s  "
          f"{len(events)} mentions  ({t_events / floor:.1f}x find_dates)")
    print(f"  event_timeline     {t_timeline:7.2f} / {w_timeline:6.2f} s  {len(timeline)} events")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200)
    args = ap.parse_args()
    folder = HERE / "_generated" / f"pages-{args.pages}"
    paths = generate(folder, args.pages)
    generated = load_articles(folder, captured_at="2025-09-01T12:00:00+09:00", workers=1, progress=False)
    print(f"generated corpus: {len(paths)} pages in {folder}")
    _run("generated", generated)
    sample = load_articles(SAMPLE_PAGES, captured_at=read_capture_times(SAMPLE_CAPTURES), workers=1, progress=False)
    _run("sample corpus (data/pages)", sample)


if __name__ == "__main__":
    main()
