"""The ``newskit`` command: load a corpus, print its summary, save it."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from newskit.load import load_articles, read_capture_times, save_articles
from newskit.overview import corpus_summary


def _captured_at(value: str | None):
    """A CSV of capture times (file,captured_at) or one ISO time for all pages."""
    if value is None:
        return None
    if value.lower().endswith(".csv") or Path(value).is_file():
        return read_capture_times(value)
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newskit", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_ in (("summary", "print a one-screen summary of a corpus"),
                        ("load", "load a corpus and save the article table as Parquet")):
        p = sub.add_parser(name, help=help_)
        p.add_argument("corpus", nargs="+", help="files, folders or glob patterns of saved pages")
        p.add_argument("--captured-at", help="when the pages were saved: an ISO time, or a CSV with columns file,captured_at")
        p.add_argument("--workers", type=int, default=None, help="processes to parse with (default: 2 from 1,000 files)")
        if name == "load":
            p.add_argument("--out", "-o", required=True, help="Parquet file to write")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        df = load_articles(args.corpus, captured_at=_captured_at(args.captured_at), workers=args.workers)
    except ValueError as exc:
        print(f"newskit: {exc}", file=sys.stderr)
        return 2
    if args.command == "summary":
        print(corpus_summary(df))
    else:
        print(f"wrote {save_articles(df, args.out)} ({len(df)} articles)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
