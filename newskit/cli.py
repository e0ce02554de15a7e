"""The ``newskit`` command: load a corpus, print its summary, save it."""
from __future__ import annotations

import argparse
import logging
import sys

from newskit.load import capture_times, load_articles, save_articles
from newskit.overview import corpus_summary
from newskit.paths import PROJECT_ROOT


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
    p = sub.add_parser("report", help="execute every notebook on a corpus and export self-contained HTML reports")
    p.add_argument("--corpus", default=str(PROJECT_ROOT / "data" / "pages"), help="files, folder or glob of saved pages (default: the sample corpus)")
    p.add_argument("--captured-at", help="an ISO time, or a CSV with columns file,captured_at")
    p.add_argument("--out", default="reports", help="folder for the HTML reports (default: reports/)")
    p = sub.add_parser("run", help="every stage over a corpus of any size, in chunks, into partitioned Parquet (newskit.pipeline; --scheduler: on Dask)")
    p.add_argument("corpus", nargs="+", help="files, folders or glob patterns of pages, feeds or corpus tables")
    p.add_argument("--out", "-o", required=True, help="folder for the Parquet tables")
    p.add_argument("--captured-at", help="an ISO time, or a CSV with columns file,captured_at")
    p.add_argument("--chunk-files", type=int, default=500, help="files per chunk (per Dask partition with --scheduler)")
    p.add_argument("--scheduler", help="a Dask scheduler address (tcp://host:8786): run on that cluster (newskit.dask)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    logging.getLogger("papermill").setLevel(logging.WARNING)  # one progress line per notebook is ours
    if args.command == "report":
        from newskit.report import main_report

        return main_report(args.corpus, args.captured_at, args.out)
    if args.command == "run":
        return _run(args)
    try:
        df = load_articles(args.corpus, captured_at=capture_times(args.captured_at), workers=args.workers)
    except ValueError as exc:
        print(f"newskit: {exc}", file=sys.stderr)
        return 2
    if args.command == "summary":
        print(corpus_summary(df))
    else:
        print(f"wrote {save_articles(df, args.out)} ({len(df)} articles)")
    return 0


def _run(args: argparse.Namespace) -> int:
    try:
        if args.scheduler:
            from newskit import dask as nkdask

            result = nkdask.run(args.corpus, args.out, client=args.scheduler, captured_at=capture_times(args.captured_at),
                                files_per_partition=args.chunk_files)
        else:
            from newskit import pipeline

            result = pipeline.run(args.corpus, args.out, chunk_files=args.chunk_files,
                                  captured_at=capture_times(args.captured_at))
    except ValueError as exc:
        print(f"newskit: {exc}", file=sys.stderr)
        return 2
    print(result.summary())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
