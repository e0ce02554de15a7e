"""The newskit pipeline on a Dask cluster: partitions of files, shuffles and tree reductions.

``run(source, out, client=...)`` does what ``newskit.pipeline.run`` does,
with the same output folder layout and the same tables (``read_tables``
reads both), on any Dask scheduler:

1. **Load** (``dask.dataframe.from_map``): a partition is a group of input
   files (``files_per_partition``, or ``npartitions`` groups; a ``.parquet``
   file of a saved article table is a file like any other). Each runs
   ``load_articles`` and writes its articles to a scratch part; only the
   article ids travel. Exact copies across partitions are found by a
   **shuffle on article_id**: the later copy (in file order) is recorded as
   skipped with ``load_articles``' reason, and the short list of them comes
   back to the client.
2. **Stages** (``dask.delayed``, one task per partition): the copies are
   dropped, ``newskit.pipeline.chunk_tables`` runs, and each table is written
   as that partition's Parquet part (``out/<table>/part-00007.parquet``); the
   tables never pass through the scheduler or the client.
3. **Cross-story tables**: ``entities`` and ``edges`` by a **tree reduction**
   of ``CrossStoryReducer`` states (``split_every`` at a time; the state is
   aggregates per entity and entity pair); the ``timeline`` by a **shuffle on
   action** (the merge's exact partition key: see ``newskit.pipeline``),
   each action merged on one worker, parts written there.
4. **Duplicate groups** (``group_duplicates``): MinHash signatures per
   partition; LSH band rows **shuffled on the band key**, so each bucket is
   in one partition, where the neighbours are paired as
   ``newskit.dedupe._candidate_pairs`` pairs them; candidate pairs
   de-duplicated by a shuffle and checked against both full signatures by two
   **hash joins**; only the pairs that pass (the copies: small) come to the
   client for the connected components; the story ids are written back per
   partition. The groups are those of ``group_duplicates`` on the whole table.

The results equal ``newskit.pipeline.run``'s, hence the verbs' on the whole
table (``tests/test_dask.py`` checks it on a ``LocalCluster`` of 2 workers).

**Pointing it at an existing cluster.** Start a scheduler and workers on the
machines (``dask scheduler`` prints its address; ``dask worker
tcp://10.0.0.5:8786 --nworkers 8 --nthreads 1`` on each machine; newskit must
be installed on every worker, and ``source`` and ``out`` must be paths every
worker can read and write: a shared file system), then::

    from newskit.dask import run
    run("/shared/pages", "/shared/out", client="tcp://10.0.0.5:8786")

or pass a ``distributed.Client`` already connected. With ``client=None`` the
current default scheduler is used (a ``Client`` created earlier in the
session, else dask's local threads: give it processes with
``distributed.LocalCluster``, as the stages are pure Python and hold the GIL).
One thread per worker process is the right shape for the same reason.

**Speed-up.** ``python -m newskit.dask --pages 400 --workers 1 2`` generates a
corpus (``benchmarks/corpus.py``, run from the project root) and times
``run`` on a ``LocalCluster`` of 1 and of 2 single-threaded workers.
"""
from __future__ import annotations

import argparse
import contextlib
import math
import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from newskit import dedupe, schema
from newskit import pipeline as pl
from newskit.load import _expand as _expand_source

__all__ = ["run", "speedup"]

FILES_PER_PARTITION = 100  # ~400 articles: a few seconds of work per task, 2,500 tasks for a million articles
SPLIT_EVERY = 8  # reducer states merged per task of the tree
_SCRATCH = "_dask"
_ID_META = pd.DataFrame({"article_id": pd.Series([], dtype=object), "path": pd.Series([], dtype=object),
                         "position": pd.Series([], dtype="int64"), "order": pd.Series([], dtype="int64")})


def run(
    source: object,
    out: str | os.PathLike,
    *,
    client: object = None,
    npartitions: int | None = None,
    files_per_partition: int | None = None,
    captured_at: object = None,
    stages: Iterable[str] | None = None,
    duplicates: bool = True,
    split_every: int = SPLIT_EVERY,
) -> pl.PipelineResult:
    """``newskit.pipeline.run`` on a Dask scheduler: the same folder of Parquet tables.

    Args:
        source: what ``load_articles`` takes: files, folders (a folder of
            Parquet article tables too), globs, a list.
        out: the output folder; every worker must be able to write it.
        client: a ``distributed.Client``, a scheduler address
            (``"tcp://host:8786"``), or None for the current default scheduler.
        npartitions: split the files into this many partitions (contiguous,
            in file order); or
        files_per_partition: input files per partition (default 100, used
            when ``npartitions`` is not given).
        captured_at: as for ``load_articles``.
        stages: the per-partition stages (default ``newskit.pipeline.STAGES``).
        duplicates: also group syndicated copies (``duplicates.parquet/``).
        split_every: reducer states merged per task in the tree reduction.

    Returns:
        A ``newskit.pipeline.PipelineResult``: counts and paths, as the pandas path's.

    Raises:
        ValueError: a bad source, partition count or stage name.

    Examples:
        >>> import tempfile
        >>> from newskit.paths import SAMPLE_PAGES
        >>> res = run(SAMPLE_PAGES, tempfile.mkdtemp(), npartitions=2, captured_at="2025-09-01")
        >>> res.chunks, res.articles
        (2, 71)
    """
    import dask

    stages = list(pl.STAGES if stages is None else stages)
    unknown = [s for s in stages if s not in pl.STAGE_FUNCTIONS]
    if unknown:
        raise ValueError(f"newskit.dask.run: unknown stage {unknown[0]!r}; expected some of {list(pl.STAGES)}")
    if not isinstance(split_every, int) or split_every < 2:
        raise ValueError(f"newskit.dask.run: split_every must be an int >= 2; got {split_every!r}")
    t0 = time.perf_counter()
    files, _ = _expand_source(source)
    groups = _groups(files, npartitions, files_per_partition)
    if not groups:
        raise ValueError(f"newskit.dask.run: no input files in {source!r}")
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    for name in [*pl.PER_CHUNK, *pl.CROSS_STORY, _SCRATCH]:
        for p in (out / name, out / f"{name}.parquet"):
            if p.is_dir():
                shutil.rmtree(p)
            elif p.exists():
                p.unlink()
    scratch = out / _SCRATCH
    scratch.mkdir()
    # plain Python strings in every frame, as the pandas path has them
    with _scheduler(client), dask.config.set({"dataframe.convert-string": False}):
        timings = {}
        t = time.perf_counter()
        copies = _find_copies(groups, captured_at, scratch)
        timings["load + exact copies"] = time.perf_counter() - t
        rows, counts = _stages(len(groups), copies, stages, out, scratch, split_every, timings)
        if duplicates:
            t = time.perf_counter()
            rows["duplicates"] = _duplicates(scratch / "signatures", out / "duplicates.parquet")
            timings["duplicate groups"] = time.perf_counter() - t
    shutil.rmtree(scratch, ignore_errors=True)
    names = ["articles", *stages, "rejected", "skipped", "warnings"]
    paths = {n: out / n for n in names}
    cross = "mentions" in stages and "events" in stages
    paths.update({n: out / f"{n}.parquet" for n in ("entities", "edges", "timeline") if cross})
    if duplicates:
        paths["duplicates"] = out / "duplicates.parquet"
    return pl.PipelineResult(
        out=out, files=len(files), loaded_files=len(files) - rows["rejected"], rejected=rows["rejected"],
        articles=rows["articles"], skipped=rows["skipped"], skipped_copies=len(copies), warnings=rows["warnings"],
        chunks=len(groups), seconds=time.perf_counter() - t0, rows=dict(rows), paths=paths, timings=timings,
    )


@contextlib.contextmanager
def _scheduler(client: object):
    """Make ``client`` (a Client, an address or None) the scheduler of the computations inside."""
    if client is None:
        yield None
        return
    if isinstance(client, str):
        from distributed import Client

        with Client(client) as c, c.as_current():
            yield c
        return
    with client.as_current():
        yield client


def _groups(files: list[str], npartitions: int | None, files_per_partition: int | None) -> list[list[str]]:
    if npartitions is not None:
        if not isinstance(npartitions, int) or npartitions < 1:
            raise ValueError(f"newskit.dask.run: npartitions must be an int >= 1; got {npartitions!r}")
        size = math.ceil(len(files) / npartitions)
    else:
        size = FILES_PER_PARTITION if files_per_partition is None else files_per_partition
        if not isinstance(size, int) or size < 1:
            raise ValueError(f"newskit.dask.run: files_per_partition must be an int >= 1; got {size!r}")
    return [files[i: i + size] for i in range(0, len(files), size)]


def _captures_for(files: list[str], captured_at: object) -> object:
    """The part of a file -> time mapping a partition needs (the mapping is not sent whole to every task)."""
    if not isinstance(captured_at, dict):
        return captured_at
    out = {}
    for f in files:
        for key in (f, str(Path(f).resolve()), Path(f).name):
            if key in captured_at:
                out[f] = captured_at[key]
                break
    return out


# --------------------------------------------------------------------------- 1. load, exact copies

def _load_part(task: tuple[int, list[str], object, str]) -> pd.DataFrame:
    """Load one partition's files; write its articles and load records; return its article ids."""
    from newskit.load import load_articles

    i, files, captured_at, scratch = task
    arts = load_articles(files, captured_at=captured_at, workers=1, progress=False)
    raw = Path(scratch) / "raw"
    pl._write_part(arts, raw / "articles", i)
    for key in ("rejected", "skipped", "warnings"):
        pl._write_part(arts.attrs[key], raw / key, i)
    return pd.DataFrame({
        "article_id": arts["article_id"].astype(str).to_numpy(object),
        "path": arts["path"].astype(str).to_numpy(object),
        "position": arts["position"].to_numpy("int64"),
        "order": (np.int64(i) << 32) + np.arange(len(arts), dtype=np.int64),
    })


def _later_copies(ids: pd.DataFrame) -> pd.DataFrame:
    """The rows of ids that repeat an id seen earlier (lower order), with the path of the first."""
    if not len(ids):
        return ids.assign(first=pd.Series([], dtype=object))
    ids = ids.sort_values("order", kind="stable")
    first = ids.drop_duplicates("article_id").set_index("article_id")["path"]
    later = ids[ids["article_id"].duplicated()]
    return later.assign(first=later["article_id"].map(first).to_numpy(object))


def _find_copies(groups: list[list[str]], captured_at: object, scratch: Path) -> pd.DataFrame:
    """Load every partition (to scratch) and find the exact copies across partitions by a shuffle on article_id."""
    import dask.dataframe as dd

    tasks = [(i, g, _captures_for(g, captured_at), str(scratch)) for i, g in enumerate(groups)]
    ids = dd.from_map(_load_part, tasks, meta=_ID_META, enforce_metadata=False, label="load-articles")
    meta = _ID_META.assign(first=pd.Series([], dtype=object))
    copies = ids.shuffle("article_id").map_partitions(_later_copies, meta=meta).compute()
    return copies.sort_values("order").reset_index(drop=True)


# --------------------------------------------------------------------------- 2. stages, reducer tree, timeline shuffle

def _stage_part(i: int, copies: pd.DataFrame, stages: list[str], out: str, scratch: str) -> tuple:
    """One partition: drop copies, run the stages, write the parts; return the reducer state and counts."""
    raw = Path(scratch) / "raw"
    name = f"part-{i:05d}.parquet"
    arts = pl.typed("articles", pq.read_table(raw / "articles" / name).to_pandas())
    loads = {k: pl.typed(k, pq.read_table(raw / k / name).to_pandas()) for k in ("rejected", "skipped", "warnings")}
    drop = np.isin(np.arange(len(arts)), (copies["order"].to_numpy() & 0xFFFFFFFF)) if len(copies) else np.zeros(len(arts), bool)
    extra = pd.DataFrame({"path": copies["path"], "position": copies["position"],
                          "reason": [f"exact copy of an article already loaded from {f}" for f in copies["first"]],
                          "article_id": copies["article_id"]})
    loads["skipped"] = schema.coerce(pd.concat([loads["skipped"], extra], ignore_index=True), schema.SKIPPED_COLUMNS)
    if drop.any():
        arts = schema.coerce(arts.loc[~drop].reset_index(drop=True))
    tables = {"articles": arts, **pl.chunk_tables(arts, stages), **loads}
    counts = {}
    for table, df in tables.items():
        pl._write_part(df, Path(out) / table, i)
        counts[table] = len(df)
    reducer = pl.CrossStoryReducer(timeline=False)
    if "mentions" in tables and "events" in tables:
        reducer.add(arts, tables["mentions"], tables["events"])
        # the timeline's event mentions, with their article's outlet and time, for the shuffle on action
        pl._write_part(pl.kept_events(arts, tables["events"]), Path(scratch) / "events", i)
    sig = dedupe.minhash_signatures(pl.dedupe_texts(arts))
    pl._write_part(pd.DataFrame({
        "order": (np.int64(i) << 32) + np.arange(len(arts), dtype=np.int64),
        "article_id": arts["article_id"].astype(str).to_numpy(object),
        "published_at": arts["published_at"], "word_count": arts["word_count"],
        "sig": [row.tobytes() for row in sig],
    }), Path(scratch) / "signatures", i)
    return reducer, counts


def _merge_states(parts: list[tuple]) -> tuple:
    reducer, counts = pl.CrossStoryReducer(timeline=False), {}
    for r, c in parts:
        reducer.merge(r)
        for k, v in c.items():
            counts[k] = counts.get(k, 0) + v
    return reducer, counts


def _write_cross(state: tuple, out: str) -> tuple:
    """On a worker: the reducer's tables, written; only counts go back."""
    reducer, counts = state
    tables = reducer.result()
    for name, table in tables.items():
        pl._write_table(table, Path(out) / f"{name}.parquet")
    return {k: len(v) for k, v in tables.items()}, counts


def _timeline_part(events: pd.DataFrame, i: int, out: str) -> pd.DataFrame:
    """After the shuffle on action: merge this partition's actions, write them; return the row count."""
    part = pl.timeline_of(events) if len(events) else schema.empty(pl.TABLES["timeline"])
    pl._write_part(part, Path(out) / "timeline.parquet", i)
    return pd.DataFrame({"rows": [len(part)]})


def _stages(n: int, copies: pd.DataFrame, stages: list[str], out: Path, scratch: Path, split_every: int,
            timings: dict) -> tuple:
    import dask
    import dask.dataframe as dd

    by_part = {int(i): g for i, g in copies.groupby(copies["order"].to_numpy() >> 32)}
    empty = copies.iloc[:0]
    work = [dask.delayed(_stage_part, pure=False)(i, by_part.get(i, empty), stages, str(out), str(scratch))
            for i in range(n)]
    while len(work) > 1:  # the tree: split_every states merged per task
        work = [dask.delayed(_merge_states)(work[i: i + split_every]) for i in range(0, len(work), split_every)]
    t = time.perf_counter()
    tables, counts = dask.compute(dask.delayed(_write_cross)(work[0], str(out)))[0]
    timings["stages + entities/edges tree"] = time.perf_counter() - t
    t = time.perf_counter()
    rows = dict(counts)
    if "mentions" in stages and "events" in stages:
        rows.update(tables)
        (out / "timeline.parquet").mkdir(exist_ok=True)
        if (scratch / "events").is_dir() and any((scratch / "events").iterdir()):
            ev = dd.read_parquet(str(scratch / "events"))
            shuffled = ev.shuffle("action", npartitions=max(1, min(ev.npartitions, 16)))
            parts = shuffled.to_delayed()
            got = dask.compute(*[dask.delayed(_timeline_part)(p, i, str(out)) for i, p in enumerate(parts)])
            rows["timeline"] = int(sum(int(g["rows"].sum()) for g in got))
        else:
            pl._write_part(schema.empty(pl.TABLES["timeline"]), out / "timeline.parquet", 0)
            rows["timeline"] = 0
    timings["timeline shuffle"] = time.perf_counter() - t
    return rows, counts


# --------------------------------------------------------------------------- 4. duplicate groups

def _band_rows(sigs: pd.DataFrame) -> pd.DataFrame:
    """One row per article and LSH band: the band's key, the next two bands' keys, the article's order."""
    sig = _sig_array(sigs["sig"])
    keep = sig[:, 0] != dedupe._EMPTY if len(sig) else np.zeros(0, bool)
    sig, order = sig[keep], sigs["order"].to_numpy("int64")[keep]
    keys = np.empty((dedupe.BANDS, len(sig)), dtype=np.uint64)
    for b in range(dedupe.BANDS):  # as newskit.dedupe._candidate_pairs
        band = sig[:, b * dedupe.ROWS: (b + 1) * dedupe.ROWS]
        key = band[:, 0].copy()
        for j in range(1, dedupe.ROWS):
            key = dedupe._mix(key * dedupe._GOLDEN + band[:, j])
        keys[b] = key
    bands = np.repeat(np.arange(dedupe.BANDS, dtype=np.int64), len(sig))
    nxt = lambda k: keys[(np.arange(dedupe.BANDS) + k) % dedupe.BANDS].ravel()  # noqa: E731
    return pd.DataFrame({"band": bands, "k0": keys.ravel().view(np.int64), "k1": nxt(1).view(np.int64),
                         "k2": nxt(2).view(np.int64), "order": np.tile(order, dedupe.BANDS)})


def _bucket_pairs(rows: pd.DataFrame) -> pd.DataFrame:
    """Candidate pairs of the buckets in this partition: each article with its next two neighbours."""
    if not len(rows):
        return pd.DataFrame({"a": pd.Series([], dtype="int64"), "b": pd.Series([], dtype="int64")})
    # lexsort sorts by its last key first; the order breaks ties as the row index does in _candidate_pairs
    cols = [rows[c].to_numpy().view(np.uint64) if c != "order" else rows[c].to_numpy() for c in ("order", "k2", "k1", "k0")]
    s = np.lexsort((*cols, rows["band"].to_numpy()))
    band, k0, order = rows["band"].to_numpy()[s], rows["k0"].to_numpy()[s], rows["order"].to_numpy()[s]
    out = []
    for step in (1, 2):
        same = np.flatnonzero((band[step:] == band[:-step]) & (k0[step:] == k0[:-step]))
        out.append(np.stack((order[same], order[same + step]), axis=1))
    pairs = np.sort(np.concatenate(out), axis=1)
    return pd.DataFrame({"a": pairs[:, 0], "b": pairs[:, 1]})


def _check_pairs(df: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """The candidate pairs whose signatures agree on ``threshold`` of their values (as _candidate_pairs checks)."""
    if not len(df):
        return df[["a", "b"]]
    sa, sb = _sig_array(df["sig_a"]), _sig_array(df["sig_b"])
    near = (sa[:, :32] == sb[:, :32]).mean(axis=1) >= threshold - 0.2
    same = near & ((sa == sb).mean(axis=1) >= threshold)
    return df.loc[same, ["a", "b"]]


def _sig_array(col: pd.Series) -> np.ndarray:
    if not len(col):
        return np.empty((0, dedupe.NUM_HASHES), np.uint64)
    return np.frombuffer(b"".join(col.tolist()), dtype=np.uint64).reshape(len(col), dedupe.NUM_HASHES)


def _story_part(sigs: pd.DataFrame, story: dict, i: int, out: str) -> pd.DataFrame:
    """Write one partition's duplicates part: story_id and is_canonical of every article."""
    order = sigs["order"].to_numpy("int64")
    ids = sigs["article_id"].astype(str).to_numpy(object)
    sid = np.array([story.get(o, (a, True))[0] for o, a in zip(order, ids)], dtype=object)
    canon = np.array([story.get(o, (a, True))[1] for o, a in zip(order, ids)], dtype=bool)
    frame = schema.coerce(pd.DataFrame({"article_id": ids, "story_id": sid, "is_canonical": canon}), pl.DUPLICATE_COLUMNS)
    pl._write_part(frame, Path(out), i)
    return pd.DataFrame({"rows": [len(frame)]})


def _duplicates(sig_dir: Path, out: Path, threshold: float = dedupe.THRESHOLD) -> int:
    import dask
    import dask.dataframe as dd

    sigs = dd.read_parquet(str(sig_dir))
    band_meta = pd.DataFrame({c: pd.Series([], dtype="int64") for c in ("band", "k0", "k1", "k2", "order")})
    pair_meta = pd.DataFrame({"a": pd.Series([], dtype="int64"), "b": pd.Series([], dtype="int64")})
    bands = sigs.map_partitions(_band_rows, meta=band_meta)
    cand = bands.shuffle("k0").map_partitions(_bucket_pairs, meta=pair_meta)
    cand = cand.shuffle("a").map_partitions(lambda d: d.drop_duplicates(), meta=pair_meta)
    sig = sigs[["order", "sig"]]
    joined = cand.merge(sig.rename(columns={"order": "a", "sig": "sig_a"}), on="a")
    joined = joined.merge(sig.rename(columns={"order": "b", "sig": "sig_b"}), on="b")
    pairs = joined.map_partitions(_check_pairs, threshold, meta=pair_meta).compute()
    story: dict[int, tuple[str, bool]] = {}
    if len(pairs):
        members = np.unique(pairs[["a", "b"]].to_numpy().ravel())  # sorted: table order
        info = sigs[["order", "article_id", "published_at", "word_count"]]
        info = info[info["order"].isin(members.tolist())].compute().sort_values("order").reset_index(drop=True)
        local = np.searchsorted(members, pairs[["a", "b"]].to_numpy())
        labels = dedupe._components(len(members), local)
        canonical = dedupe._canonical(info, labels)
        ids = info["article_id"].astype(str).to_numpy(object)
        for k, o in enumerate(members.tolist()):
            story[o] = (ids[canonical[labels[k]]], bool(canonical[labels[k]] == k))
    story_ref = dask.delayed(story, traverse=False) if story else {}
    got = dask.compute(*[dask.delayed(_story_part)(p, story_ref, i, str(out)) for i, p in enumerate(sigs.to_delayed())])
    return int(sum(int(g["rows"].sum()) for g in got))


# --------------------------------------------------------------------------- speed-up

def speedup(pages: int = 400, workers: Iterable[int] = (1, 2), *, folder: str | os.PathLike | None = None,
            files_per_partition: int = 10) -> dict[int, float]:
    """Time ``run`` on a generated corpus with LocalClusters of each worker count; print the times and ratios.

    Args:
        pages: generated pages (about 4 articles each; ``benchmarks/corpus.py``,
            so run from the project root).
        workers: worker counts to time (single-threaded worker processes).
        folder: where the pages and outputs go (default a temporary folder).
        files_per_partition: files per partition.

    Returns:
        Worker count -> seconds.
    """
    import tempfile

    from distributed import Client, LocalCluster

    from benchmarks.corpus import generate

    base = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="newskit-dask-"))
    src = base / f"pages-{pages}"
    generate(src, pages)
    times = {}
    for w in workers:
        with LocalCluster(n_workers=w, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            client.run(lambda: __import__("newskit.pipeline"))  # imports outside the timing
            t0 = time.perf_counter()
            res = run(src, base / f"out-{w}", client=client, files_per_partition=files_per_partition,
                      captured_at="2025-09-01T00:00:00+00:00")
            times[w] = time.perf_counter() - t0
        print(f"{w} worker(s): {times[w]:.1f} s for {res.articles} articles in {res.chunks} partitions "
              f"({res.articles / times[w]:.0f} articles/s); " + ", ".join(f"{k} {v:.1f} s" for k, v in res.timings.items()))
    first = next(iter(times))
    for w, t in times.items():
        if w != first:
            print(f"speed-up {first} -> {w} workers: {times[first] / t:.2f}x")
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m newskit.dask", description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=400, help="generated pages to time on (default 400)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts (default 1 2)")
    parser.add_argument("--folder", default=None, help="where pages and outputs go (default: a temporary folder)")
    parser.add_argument("--files-per-partition", type=int, default=10)
    args = parser.parse_args(argv)
    speedup(args.pages, args.workers, folder=args.folder, files_per_partition=args.files_per_partition)


if __name__ == "__main__":
    main()
