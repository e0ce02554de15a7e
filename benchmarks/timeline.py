"""The timeline merge at the end of a run: memory and time, rows filed on disk against rows held whole.

    python -m benchmarks.timeline SPOOL [--actions take_effect ...] [--articles 2000]

``newskit.pipeline.run`` (and ``benchmarks.pipeline``) spool the event
mentions to Parquet by action; at the end the parent merges them one action
at a time (``spooled_timeline``). This times that merge on a spool, each way
in its own process, its peak resident memory reset at its start (Linux
``/proc/self/clear_refs``; a spawned process otherwise starts with its
parent's peak):

* **baseline**: the rows' columns of an action read whole for making the
  events' rows (how the merge ran before: ``merged_events`` without ``parts``);
* **newskit**: ``spooled_timeline``, which reads them a few files at a time
  and files them by batch of events on disk, holding one batch.

It prints wall and CPU seconds, µs per mention, peak RSS of each process and
their ratios, and checks that both wrote the same timeline (every column,
rows in event order). Without a SPOOL it makes one first:
``--articles`` generated articles run through ``benchmarks.pipeline``'s
stages (``out/_timeline_spool``). A spool from a large run is the real test:
``python -m benchmarks.pipeline --articles 1000000`` leaves
``/tmp/h_bench/out-1000000-seed20250601/_timeline_spool``.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import queue as queue_module
import resource
import shutil
import sys
import tempfile
import time
from functools import partial
from pathlib import Path


def _reset_peak() -> bool:
    """Reset this process's peak RSS to its current RSS (Linux ``clear_refs``): a spawned child
    otherwise starts with its parent's peak."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _peak_mb() -> float:
    """Peak RSS in MB: ``VmHWM`` (since ``_reset_peak``), else ``ru_maxrss``."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def _merge(mode: str, spool: str, out: str, queue) -> None:
    """One merge in this (child) process; puts its figures on ``queue``."""
    import pandas as pd
    import pyarrow.parquet as pq

    from newskit import pipeline as pl
    from newskit import schema
    from newskit.events.timeline import merged_events

    reset = _reset_peak()
    start, cpu = time.perf_counter(), time.process_time()
    mentions = sum(pq.read_metadata(f).num_rows for f in Path(spool).glob("action=*/*.parquet"))
    if mode == "newskit":
        events = pl.spooled_timeline(Path(spool), Path(out))
    else:  # the rows' columns of each action read whole
        events = written = 0
        Path(out).mkdir(parents=True, exist_ok=True)
        for folder in sorted(Path(spool).glob("action=*")):
            files = sorted(str(f) for f in folder.glob("*.parquet"))
            for rows in merged_events(partial(pl._read_kept, files), with_articles=True):
                pl._write_part(schema.coerce(pd.DataFrame(rows), pl.TIMELINE_COLUMNS), Path(out), written)
                written += 1
                events += len(rows)
        if not written:  # as spooled_timeline writes it
            pl._write_part(schema.empty(pl.TIMELINE_COLUMNS), Path(out), 0)
    queue.put({"mode": mode, "peak_reset": reset, "wall": time.perf_counter() - start, "cpu": time.process_time() - cpu,
               "peak_mb": _peak_mb(), "events": events, "mentions": mentions})


def _run(mode: str, spool: Path, out: Path) -> dict:
    ctx = mp.get_context("spawn")  # a fresh process: its peak RSS is this merge's alone
    queue = ctx.Queue()
    proc = ctx.Process(target=_merge, args=(mode, str(spool), str(out), queue))
    proc.start()
    while True:  # a merge that fails puts nothing: do not wait for it forever
        try:
            result = queue.get(timeout=2)
            break
        except queue_module.Empty:
            if not proc.is_alive():
                proc.join()
                raise SystemExit(f"the {mode} merge failed (exit code {proc.exitcode}; its traceback is above)")
    proc.join()
    return result


def _same(a: Path, b: Path) -> bool:
    import pandas as pd

    def table(folder: Path) -> pd.DataFrame:
        parts = [pd.read_parquet(f) for f in sorted(folder.glob("part-*.parquet"))]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()

    try:
        pd.testing.assert_frame_equal(table(a), table(b))
    except AssertionError as err:
        print(f"DIFFERENT TIMELINES: {str(err)[:500]}", file=sys.stderr)
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("spool", nargs="?", type=Path, help="a spool folder (action=<name>/part-*.parquet)")
    ap.add_argument("--actions", nargs="*", help="merge only these actions (default: all)")
    ap.add_argument("--articles", type=int, default=2000, help="without SPOOL: generated articles to make one from")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nk-timeline-") as tmp:
        tmp = Path(tmp)
        spool = args.spool
        if spool is None:
            from benchmarks import pipeline as bp
            bp.main(["--articles", str(args.articles), "--workers", "1", "--root", str(tmp / "bench"),
                     "--out", str(tmp / "bench" / "out")])
            spool = tmp / "bench" / "out" / bp.SPOOL
        if not spool.is_dir() or not any(spool.glob("action=*")):
            ap.error(f"no action=<name> folders in {spool}")
        if args.actions:  # a spool of those actions only (links, not copies)
            chosen = tmp / "spool"
            chosen.mkdir()
            for action in args.actions:
                if not (spool / f"action={action}").is_dir():
                    ap.error(f"no action={action} in {spool}; there are "
                             f"{sorted(p.name for p in spool.glob('action=*'))}")
                (chosen / f"action={action}").symlink_to((spool / f"action={action}").resolve())
            spool = chosen
        runs = [_run(mode, spool, tmp / mode) for mode in ("baseline", "newskit")]
        same = _same(tmp / "baseline", tmp / "newskit")
        shutil.rmtree(tmp / "newskit", ignore_errors=True)
    base, new = runs
    print(f"spool: {spool if args.spool is None else args.spool} {'(' + ', '.join(args.actions) + ')' if args.actions else ''}")
    print(f"{base['mentions']:,} event mentions -> {new['events']:,} events; same timeline both ways: {same}")
    print(f"{'merge':52} {'wall s':>8} {'CPU s':>8} {'CPU us/mention':>15} {'peak RSS MB':>12}")
    labels = {"baseline": "baseline: rows' columns read whole per action",
              "newskit": "newskit: rows filed by batch on disk"}
    for r in runs:
        print(f"{labels[r['mode']]:52} {r['wall']:8.1f} {r['cpu']:8.1f} {1e6 * r['cpu'] / max(1, r['mentions']):15.1f} "
              f"{r['peak_mb']:12,.0f}")
    print(f"{'newskit / baseline':52} {new['wall'] / base['wall']:8.2f} {new['cpu'] / base['cpu']:8.2f} "
          f"{'':15} {new['peak_mb'] / base['peak_mb']:12.2f}")
    if not all(r["peak_reset"] for r in runs):
        print("peak RSS could not be reset in the merge processes (no /proc/self/clear_refs): "
              "it includes this process's peak")
    if args.json:
        args.json.write_text(json.dumps({"runs": runs, "same": same}, indent=1))
    return 0 if same and base["events"] == new["events"] else 1


if __name__ == "__main__":
    sys.exit(main())
