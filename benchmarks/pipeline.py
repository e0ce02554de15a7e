"""Scale benchmark: the whole pipeline over a generated corpus of N articles.

    python -m benchmarks.pipeline --articles 100000 [--chunk-files 250] [--workers 2]
                                  [--seed 20250601] [--json PATH] [--root DIR]
    python -m benchmarks.pipeline --compare run_10k.json run_100k.json [--markdown]

Generates (once, streaming, seeded; reused from ``ROOT/corpus-N-seedS``) a
corpus of exactly N articles in saved-page files
(``benchmarks.corpus.generate_corpus``; generation is not timed), then
processes it chunk by chunk (``--chunk-files`` files at a time, on
``--workers`` processes, each pinned to one core) with newskit.pipeline's
pieces: ``load_articles`` -> ``STAGE_FUNCTIONS`` (dates, tariff events,
sentence sentiment, article sentiment, mentions) -> Parquet parts
(``ROOT/out-N-seedS/<table>/part-*.parquet``, as ``newskit.pipeline.run``
writes them) -> the timeline's event mentions spooled to Parquet
(``kept_events``, as ``run`` spools them) and a ``CrossStoryReducer`` per
chunk for the cross-story tables (entities, co-mention edges); the parent
merges the partial reducers as chunks finish, builds those tables at the end
and merges the spooled mentions into the timeline (``spooled_timeline``: one
action at a time, written in parts). Every stage is timed on its own (wall
and CPU seconds, summed over chunks).

In the same run it times the baselines on a fixed sample of the same corpus,
one core each: reading and decoding the bytes (load), ``dateparser``'s
``search_dates`` (dates; a small sample, extrapolated), the same sentence
split then NLTK's VADER ``polarity_scores`` per sentence (sentiment), and one
naive regular-expression alternation of the gazetteer's names (mentions; a
small sample, extrapolated); for tariff events, ``find_dates`` alone (the
floor it pays). Timings drift on a shared machine: compare the ratios, and
the microseconds per article, which are per core.

Prints, per stage and in total: seconds (wall, CPU), microseconds per
article, articles/s, MB/s of body text, peak resident memory, the baseline
and the ratio to it; the cost per article in the first and last quarter of
the chunks (a cost that grows with the amount already processed shows
there); bytes per article in memory (``DataFrame.memory_usage(deep=True)``)
and on disk (Parquet) for the article table and each derived table; and the
reducer state the parent holds. ``--json PATH`` writes every figure;
``--compare`` prints the cost per article of several such runs side by side.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from benchmarks.corpus import corpus_files, generate_corpus

DEFAULT_ROOT = Path("/tmp/h_bench")
CHUNK_STAGES = ["load", "dates", "events", "sentences", "article_sentiment", "mentions", "write",
                "timeline_add", "cross_add"]
PARENT_STAGES = ["timeline_result", "cross_merge", "cross_result"]
STAGES = CHUNK_STAGES + PARENT_STAGES
SPOOL = "_timeline_spool"  # under the output folder: the event mentions the timeline merges
TABLES = ["articles", "dates", "events", "sentences", "article_sentiment", "mentions"]
LABELS = {
    "load": "load (pages -> article table)",
    "dates": "dates",
    "events": "tariff events",
    "sentences": "sentence sentiment",
    "article_sentiment": "article sentiment",
    "mentions": "mentions",
    "write": "write Parquet parts",
    "timeline_add": "timeline: spool mentions",
    "cross_add": "cross-story: reducer add",
    "timeline_merge": "timeline: reducer merge (old)",  # runs before the spool held the mentions in the parent
    "timeline_result": "timeline: merge (parent)",
    "cross_merge": "cross-story: merge (parent)",
    "cross_result": "cross-story: result (parent)",
}


def _pipeline_parts():
    """(stage functions, reducer class, where they come from)."""
    from newskit.pipeline import STAGE_FUNCTIONS, CrossStoryReducer

    return dict(STAGE_FUNCTIONS), CrossStoryReducer, "newskit.pipeline: STAGE_FUNCTIONS, CrossStoryReducer"


# --------------------------------------------------------------------------- measuring

def _cpu() -> float:
    """CPU seconds of this process and its waited-for children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class Sampler:
    """Background thread sampling the resident memory of this process and its
    children (summed RSS, and summed PSS, which counts pages shared after a fork
    once), keeping the peak per current stage label and overall."""

    def __init__(self, interval: float = 0.1) -> None:
        import psutil

        self.proc = psutil.Process()
        self.interval = interval
        self.stage: str | None = None
        self.peak_rss: dict[str, int] = {}
        self.peak_pss: dict[str, int] = {}
        self.total_rss = self.total_pss = self.own_rss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> "Sampler":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def sample(self) -> tuple[int, int]:
        rss = pss = 0
        try:
            self.own_rss = max(self.own_rss, self.proc.memory_info().rss)
        except Exception:
            pass
        procs = [self.proc]
        try:
            procs += self.proc.children(recursive=True)
        except Exception:
            pass
        for p in procs:
            try:
                info = p.memory_full_info()
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
            except Exception:  # a child that just ended
                pass
        return rss, pss

    def record(self) -> None:
        rss, pss = self.sample()
        self.total_rss, self.total_pss = max(self.total_rss, rss), max(self.total_pss, pss)
        if self.stage is not None:
            self.peak_rss[self.stage] = max(self.peak_rss.get(self.stage, 0), rss)
            self.peak_pss[self.stage] = max(self.peak_pss.get(self.stage, 0), pss)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.record()

    def take(self) -> tuple[dict, dict]:
        out = dict(self.peak_rss), dict(self.peak_pss)
        self.peak_rss.clear()
        self.peak_pss.clear()
        return out


class Clock:
    """Wall and CPU seconds per stage label, and the sampler's stage label."""

    def __init__(self, sampler: Sampler | None) -> None:
        self.sampler = sampler
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str):
        if self.sampler is not None:
            self.sampler.stage = name
            self.sampler.record()
        c0, w0 = _cpu(), time.perf_counter()
        try:
            yield
        finally:
            self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - w0
            self.cpu[name] = self.cpu.get(name, 0.0) + _cpu() - c0
            if self.sampler is not None:
                self.sampler.record()
                self.sampler.stage = None


# --------------------------------------------------------------------------- one chunk

_WORKER: dict = {}


def _init_worker(cores, slot) -> None:
    """Pool initializer: pin this worker to one core (so that newskit, which sizes
    its own process pools by the cores it may use, stays in this process)."""
    with slot.get_lock():
        k = slot.value
        slot.value += 1
    if cores:
        try:
            os.sched_setaffinity(0, {cores[k % len(cores)]})
        except (AttributeError, OSError):
            pass
    _WORKER["sampler"] = Sampler().start()
    _WORKER["pinned"] = True


def _write(df: pd.DataFrame, path: Path) -> int:
    """Write a table as newskit.pipeline.run does (pyarrow, attrs dropped); bytes on disk."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    flat = df.copy(deep=False)
    flat.attrs = {}
    pq.write_table(pa.Table.from_pandas(flat, preserve_index=False), path)
    return path.stat().st_size


def _process_chunk(index: int, files: list[str], out: Path | None) -> dict:
    """Run every stage on one chunk of files; the figures and the partial reducer."""
    from newskit import load_articles
    from newskit.pipeline import kept_events, spool_events

    stages, Reducer, _ = _pipeline_parts()
    sampler = _WORKER.get("sampler")
    if sampler is not None:
        sampler.take()
    clock = Clock(sampler)
    w0, c0 = time.perf_counter(), _cpu()
    with clock.stage("load"):
        arts = load_articles(files, workers=1 if _WORKER.get("pinned") else None, progress=False)
    tables = {"articles": arts}
    for name in ["dates", "events", "sentences", "article_sentiment", "mentions"]:
        with clock.stage(name):
            tables[name] = stages[name](arts)
    disk = {}
    with clock.stage("write"):
        if out is not None:
            for name, df in tables.items():
                disk[name] = _write(df, out / name / f"part-{index:05d}.parquet")
    # the timeline's event mentions are spooled to Parquet as newskit.pipeline.run
    # does (merged by the parent at the end); the cross-story tables (entities,
    # co-mention edges) go to a reducer
    with clock.stage("timeline_add"):
        kept = kept_events(arts, tables["events"])
        if out is not None:
            spool_events(kept, out / SPOOL, index)
        spooled = sum(f.stat().st_size for f in (out / SPOOL).glob(f"*/part-{index:05d}.parquet")) if out else 0
    with clock.stage("cross_add"):
        cross = Reducer(timeline=False)
        cross.add(arts, tables["mentions"], None)
    wall, cpu = time.perf_counter() - w0, _cpu() - c0
    # untimed: sizes and counts
    bodies = arts["body"].dropna()
    memory = {name: int(df.memory_usage(deep=True).sum()) for name, df in tables.items()}
    rows = {name: len(df) for name, df in tables.items()}
    sentences = tables["sentences"]
    peaks = sampler.take() if sampler is not None else ({}, {})
    return {
        "index": index, "files": len(files), "file_bytes": sum(os.path.getsize(f) for f in files),
        "articles": len(arts), "body_bytes": int(sum(len(b.encode("utf-8")) for b in bodies)),
        "wall": clock.wall, "cpu": clock.cpu, "chunk_wall": wall, "chunk_cpu": cpu,
        "peak_rss": peaks[0], "peak_pss": peaks[1], "memory": memory, "disk": disk, "rows": rows,
        "distinct_sentences": int(sentences["text"].nunique()) if "text" in sentences else None,
        "n_sentences_column": int(tables["article_sentiment"]["n_sentences"].sum())
        if "n_sentences" in tables["article_sentiment"] else None,
        "spooled_rows": len(kept), "spooled_bytes": spooled, "cross": cross, "pid": os.getpid(),
    }


def _run_chunk_in_worker(args):
    return _process_chunk(*args)


# --------------------------------------------------------------------------- baselines

def _baselines(files: list[str], sample_articles: int, dateparser_n: int, nltk_n: int, regex_n: int) -> dict:
    """One-core baselines on the first files of the corpus, as articles/s."""
    from benchmarks.load import _read_decode
    from benchmarks.mentions import naive_pattern
    from newskit import load_articles
    from newskit.mentions import load_gazetteer
    from newskit.sentences import sentence_table
    from newskit.sentiment import nltk_analyzer

    take, n = [], 0
    for f in files:  # the first files holding sample_articles articles
        take.append(f)
        arts = None
        if len(take) % 50 == 0 or f == files[-1]:
            arts = load_articles(take, workers=1, progress=False)
            if len(arts) >= sample_articles:
                break
    if arts is None:
        arts = load_articles(take, workers=1, progress=False)
    arts = arts.head(sample_articles)
    n = len(arts)
    out = {"sample_articles": n}

    def body_mb(df):
        return sum(len(b.encode("utf-8")) for b in df["body"].dropna()) / 1e6

    paths = [Path(f) for f in take]
    _read_decode(paths[:20])
    t0 = time.perf_counter()
    _read_decode(paths)
    secs = time.perf_counter() - t0
    out["load"] = {"name": "read + decode the bytes", "articles": len(load_articles(take, workers=1, progress=False)),
                   "seconds": secs, "extrapolated": False}
    out["load"]["rate"] = out["load"]["articles"] / secs

    # dates: dateparser's search_dates, anchored at publication, on a small sample
    try:
        from dateparser.search import search_dates

        sample = arts.head(dateparser_n)
        t0 = time.perf_counter()
        for body, pub in zip(sample["body"], sample["published_at"]):
            if isinstance(body, str):
                base = pub.to_pydatetime().replace(tzinfo=None) if not pd.isna(pub) else None
                search_dates(body, languages=["en"], settings={"RELATIVE_BASE": base} if base else None)
        secs = time.perf_counter() - t0
        out["dates"] = {"name": f"dateparser search_dates ({len(sample)} art., extrap.)", "articles": len(sample),
                        "seconds": secs, "rate": len(sample) / secs, "extrapolated": True,
                        "mb_rate": body_mb(sample) / secs}
    except ImportError:
        out["dates"] = None

    # sentiment: the same split, then NLTK's polarity_scores per sentence
    sample = arts.head(nltk_n)
    sia = nltk_analyzer()
    sia.polarity_scores("warm up")
    t0 = time.perf_counter()
    texts = sentence_table(sample)["text"].tolist()
    for t in texts:
        sia.polarity_scores(t)
    secs = time.perf_counter() - t0
    out["sentences"] = {"name": f"split + NLTK VADER per sentence ({len(sample)} art.)", "articles": len(sample),
                        "seconds": secs, "rate": len(sample) / secs, "extrapolated": len(sample) < n,
                        "mb_rate": body_mb(sample) / secs, "sentences": len(texts),
                        "distinct_sentences": len(set(texts))}
    out["article_sentiment"] = dict(out["sentences"])

    # mentions: one naive alternation of every gazetteer name
    gaz = load_gazetteer()
    t0 = time.perf_counter()
    pattern = naive_pattern(list(gaz.senses))
    build = time.perf_counter() - t0
    sample = arts.head(regex_n)
    t0 = time.perf_counter()
    for body in sample["body"].dropna():
        sum(1 for _ in pattern.finditer(body))
    secs = time.perf_counter() - t0
    out["mentions"] = {"name": f"naive regex alternation, {len(gaz.senses)} names ({len(sample)} art., extrap.)",
                       "articles": len(sample), "seconds": secs, "rate": len(sample) / secs, "extrapolated": True,
                       "mb_rate": body_mb(sample) / secs, "compile_seconds": build}

    # events: no outside baseline; find_dates over the same sample is the floor it pays
    from newskit import find_dates

    sample = arts.head(min(n, 500))
    t0 = time.perf_counter()
    for body, pub in zip(sample["body"], sample["published_at"]):
        if isinstance(body, str) and not pd.isna(pub):
            find_dates(body, pub)
    secs = time.perf_counter() - t0
    out["events"] = {"name": f"newskit find_dates alone, the floor ({len(sample)} art.)", "articles": len(sample),
                     "seconds": secs, "rate": len(sample) / secs, "extrapolated": False,
                     "mb_rate": body_mb(sample) / secs}
    out["load"]["mb_rate"] = body_mb(load_articles(take, workers=1, progress=False)) / out["load"]["seconds"]
    return out


# --------------------------------------------------------------------------- report

def _big(x: float, digits: int) -> str:
    return f"{x:,.{digits}f}" if x < 1e5 else f"{x:.1e}"


def _ratio(x: float) -> str:
    return f"{x:,.1f}" if x >= 1 else f"{x:.3f}"


def _mb(x: float) -> str:
    return f"{x / 2**20:,.0f}"


def _report(r: dict) -> str:
    n, mb = r["articles"], r["body_bytes"] / 1e6
    lines = []
    add = lines.append
    add(f"\nper stage ({r['workers']} worker process{'es' if r['workers'] > 1 else ''}, each pinned to one core; "
        "seconds are summed over chunks, rates are per core: articles / stage wall seconds)")
    head = (f"{'stage':<32}{'wall s':>8}{'CPU s':>8}{'us/art':>8}{'CPU us/art':>11}{'art/s':>10}{'MB/s':>9}{'peak RSS MB':>12}"
            f"  {'baseline (1 core, same run)':<58}{'art/s':>9}{'x base':>8}")
    add(head)
    add("-" * len(head))
    for s in STAGES:
        st = r["stages"][s]
        base = r["baselines"].get(s) if s in r["baselines"] else None
        btxt = f"  {'':<58}{'':>9}{'':>8}"
        if base:
            rate = base["rate"]
            btxt = f"  {base['name'][:58]:<58}{rate:>9,.1f}{_ratio(st['rate'] / rate):>8}"
        peak = st.get("peak_rss")
        add(f"{LABELS[s]:<32}{st['wall']:>8.1f}{st['cpu']:>8.1f}{st['us_per_article']:>8,.0f}{1e6 * st['cpu'] / n:>11,.0f}{_big(st['rate'], 0):>10}"
            f"{_big(st['mb_rate'], 1):>9}{_mb(peak) if peak else '-':>12}{btxt}")
    t = r["total"]
    add("-" * len(head))
    add(f"{'all stages (sum, per core)':<32}{t['stage_wall']:>8.1f}{t['stage_cpu']:>8.1f}{t['us_per_article']:>8,.0f}{1e6 * t['stage_cpu'] / n:>11,.0f}"
        f"{n / t['stage_wall']:>10,.0f}{mb / t['stage_wall']:>9.1f}{_mb(r['memory_peak']['worker_rss']):>12}")
    add(f"{'elapsed, whole run':<32}{t['elapsed']:>8.1f}{t['cpu']:>8.1f}{1e6 * t['elapsed'] / n:>8,.0f}{1e6 * t['cpu'] / n:>11,.0f}"
        f"{n / t['elapsed']:>10,.0f}{mb / t['elapsed']:>9.1f}{_mb(r['memory_peak']['all_rss']):>12}"
        f"  (on {r['workers']} workers; CPU s: every process)")
    b = r["baselines"]
    add(f"\nbaselines on the first {b['sample_articles']:,} articles of the corpus; 'extrap.' = timed on that many "
        "articles only and scaled to articles/s (they are too slow for more).")
    if b.get("sentences"):
        s = b["sentences"]
        add(f"sentences in the NLTK sample: {s['sentences']:,}, distinct {s['distinct_sentences']:,} "
            f"({s['distinct_sentences'] / max(s['sentences'], 1):.0%}); in the whole run "
            f"{r['distinct_sentence_share']:.0%} distinct within a chunk (newskit caches VADER scores per "
            "distinct text, NLTK does not: the sentiment ratio includes that)")
    add("\ncost per article in the first and last quarter of the chunks (us/article, per core): "
        "a growing cost would show here")
    q = r["quarters"]
    qc = r.get("quarters_cpu", {})
    add(f"{'stage':<32}{'first 25%':>11}{'last 25%':>11}{'last/first':>12}   CPU: {'first':>9}{'last':>9}{'last/first':>12}")
    for s in STAGES:
        a, z = q[s]
        line = f"{LABELS[s]:<32}{a:>11,.1f}{z:>11,.1f}{(z / a if a else float('nan')):>12.2f}"
        if s in qc:
            a, z = qc[s]
            line += f"        {a:>9,.1f}{z:>9,.1f}{(z / a if a else float('nan')):>12.2f}"
        add(line)
    add(f"\nmemory: peak resident {_mb(r['memory_peak']['all_rss'])} MB RSS summed over every process "
        f"({_mb(r['memory_peak']['all_pss'])} MB PSS, shared pages counted once); "
        f"largest single worker {_mb(r['memory_peak']['worker_rss'])} MB; parent {_mb(r['memory_peak']['parent_rss'])} MB")
    add(f"\nbytes per article{'':<22}{'rows/article':>13}{'in memory':>11}{'on disk':>10}{'disk/mem':>9}")
    for name in TABLES + ["timeline", "entities", "edges"]:
        sz = r["sizes"].get(name)
        if not sz:
            continue
        mem, disk = sz["memory"] / n, sz["disk"] / n
        add(f"{name:<39}{sz['rows'] / n:>13.2f}{(f'{mem:,.0f}' if mem else '-'):>11}{disk:>10,.0f}"
            f"{(f'{disk / mem:.2f}' if mem else '-'):>9}")
    tot_mem = sum(r["sizes"][k]["memory"] for k in TABLES)
    tot_disk = sum(r["sizes"][k]["disk"] for k in TABLES)
    add(f"{'article + derived tables':<39}{'':>13}{tot_mem / n:>11,.0f}{tot_disk / n:>10,.0f}"
        f"{tot_disk / tot_mem:>9.2f}")
    add(f"(corpus on disk: {r['corpus']['bytes'] / n:,.0f} bytes of page files per article; "
        f"body text {r['body_bytes'] / n:,.0f} bytes per article)")
    rs = r["reducer_tables"]
    add(f"\ncross-story tables: {rs.get('timeline', 0):,} timeline events, {rs.get('entities', 0):,} entities, "
        f"{rs.get('edges', 0):,} co-mention edges")
    st = r["reducer_state"]
    add(f"timeline: {st['timeline_spooled_rows']:,} event mentions spooled to disk by the workers "
        f"({st['timeline_spooled_bytes'] / n:,.0f} bytes per article), merged by the parent at the end one action "
        f"at a time and written in parts (peak parent RSS in that step: "
        f"{_mb(r['stages']['timeline_result']['peak_rss'] or 0)} MB); reducer state in the parent: "
        f"{st['entities']:,} entities and {st['pairs']:,} entity pairs (bounded by the names, not by N)")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main

def _chunks(files: list[str], size: int) -> list[list[str]]:
    return [files[i:i + size] for i in range(0, len(files), size)]


def run(args: argparse.Namespace) -> dict:
    root = Path(args.root)
    corpus_dir = Path(args.corpus) if args.corpus else root / f"corpus-{args.articles}-seed{args.seed}"
    out = Path(args.out) if args.out else root / f"out-{args.articles}-seed{args.seed}"
    root.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(root).free
    print(f"disk: {free / 1e9:,.1f} GB free on the file system of {root}")
    t0 = time.perf_counter()
    manifest = generate_corpus(corpus_dir, args.articles, seed=args.seed, workers=max(1, args.workers))
    gen_secs = time.perf_counter() - t0
    files = [str(p) for p in corpus_files(corpus_dir)]
    print(f"corpus: {manifest['articles']:,} articles in {manifest['pages']:,} pages, "
          f"{manifest['bytes'] / 1e6:,.1f} MB, seed {args.seed}, in {corpus_dir} "
          f"(ready in {gen_secs:.1f} s, not timed below)")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)

    stages, Reducer, where = _pipeline_parts()
    print(f"pipeline stages from: {where}")

    t0 = time.perf_counter()
    baselines = _baselines(files, args.sample, args.dateparser_sample, args.nltk_sample, args.regex_sample)
    print(f"baselines timed in {time.perf_counter() - t0:.1f} s")

    # warm up (regular expressions, gazetteer, lexicons) before timing and before forking
    _WORKER.clear()
    _process_chunk(-1, files[:3], None)

    chunks = _chunks(files, args.chunk_files)
    workers = max(1, args.workers)
    try:
        cores = sorted(os.sched_getaffinity(0))
    except AttributeError:
        cores = []
    print(f"running: {len(chunks):,} chunks of {args.chunk_files} files on {workers} worker process"
          f"{'es' if workers > 1 else ''} (machine: {os.cpu_count()} cores)", flush=True)

    parent = Sampler().start()
    parent_clock = Clock(parent)
    total_cross = Reducer(timeline=False)
    results = []
    e0, c0 = time.perf_counter(), _cpu()
    done_articles = 0
    last_print = time.perf_counter()

    def absorb(res: dict) -> None:
        nonlocal done_articles, last_print
        before = dict(parent_clock.wall)
        with parent_clock.stage("cross_merge"):
            total_cross.merge(res.pop("cross"))
        res["merge_step"] = {k: parent_clock.wall[k] - before.get(k, 0.0) for k in ("cross_merge",)}
        res["completed"] = len(results)
        results.append(res)
        done_articles += res["articles"]
        if time.perf_counter() - last_print > args.progress_every:
            last_print = time.perf_counter()
            el = last_print - e0
            print(f"  {done_articles:,}/{args.articles:,} articles, {el:,.0f} s, "
                  f"{done_articles / el:,.0f} articles/s, eta {(args.articles - done_articles) * el / done_articles:,.0f} s, "
                  f"RSS now {_mb(parent.sample()[0])} MB (parent {_mb(parent.proc.memory_info().rss)} MB)", flush=True)

    import multiprocessing

    slot = multiprocessing.get_context("fork").Value("i", 0)
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=_init_worker, initargs=(cores, slot)) as pool:
        pending = set()
        jobs = iter(enumerate(chunks))
        for _ in range(2 * workers):
            nxt = next(jobs, None)
            if nxt is not None:
                pending.add(pool.submit(_run_chunk_in_worker, (nxt[0], nxt[1], out)))
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in finished:
                absorb(f.result())
                nxt = next(jobs, None)
                if nxt is not None:
                    pending.add(pool.submit(_run_chunk_in_worker, (nxt[0], nxt[1], out)))
    from newskit.pipeline import spooled_timeline

    with parent_clock.stage("timeline_result"):
        n_events = spooled_timeline(out / SPOOL, out / "timeline.parquet")
    with parent_clock.stage("cross_result"):
        tables = total_cross.result()
    elapsed = time.perf_counter() - e0
    cpu = _cpu() - c0
    parent.stop()

    results.sort(key=lambda x: x["index"])
    n = sum(x["articles"] for x in results)
    body_bytes = sum(x["body_bytes"] for x in results)
    stage_figs = {}
    for s in STAGES:
        if s in CHUNK_STAGES:
            wall = sum(x["wall"].get(s, 0.0) for x in results)
            cpu_s = sum(x["cpu"].get(s, 0.0) for x in results)
            peak = max((x["peak_rss"].get(s, 0) for x in results), default=0)
        else:
            wall, cpu_s = parent_clock.wall.get(s, 0.0), parent_clock.cpu.get(s, 0.0)
            peak = parent.peak_rss.get(s) or None
        stage_figs[s] = {"wall": wall, "cpu": cpu_s, "us_per_article": 1e6 * wall / n,
                         "rate": n / wall if wall else float("inf"),
                         "mb_rate": body_bytes / 1e6 / wall if wall else float("inf"), "peak_rss": peak}

    # cost per article, first vs last quarter of the chunks
    full = [x for x in results if x["files"] == args.chunk_files] or results  # a short last chunk has other fixed costs
    k = max(1, len(full) // 4)
    first, last = full[:k], full[-k:]
    quarters, quarters_cpu = {}, {}
    for s in CHUNK_STAGES:
        quarters[s] = tuple(1e6 * sum(x["wall"].get(s, 0.0) for x in part) / sum(x["articles"] for x in part)
                            for part in (first, last))
        quarters_cpu[s] = tuple(1e6 * sum(x["cpu"].get(s, 0.0) for x in part) / sum(x["articles"] for x in part)
                                for part in (first, last))
    order = sorted(full, key=lambda x: x["completed"])  # merged in completion order
    for s in ("cross_merge",):
        quarters[s] = tuple(1e6 * sum(x["merge_step"][s] for x in part) / sum(x["articles"] for x in part)
                            for part in (order[:k], order[-k:]))
    for s in ("timeline_result", "cross_result"):
        quarters[s] = (float("nan"), float("nan"))  # once, at the end: compare across N

    sizes = {}
    for name in TABLES:
        sizes[name] = {"rows": sum(x["rows"][name] for x in results),
                       "memory": sum(x["memory"][name] for x in results),
                       "disk": sum(x["disk"].get(name, 0) for x in results)}
    reducer_tables = {}
    for name, df in tables.items():
        if isinstance(df, pd.DataFrame):
            reducer_tables[name] = len(df)
            sizes[name] = {"rows": len(df), "memory": int(df.memory_usage(deep=True).sum()),
                           "disk": _write(df, out / f"{name}.parquet")}
    # the timeline is written in parts, never held whole: its size on disk only
    reducer_tables["timeline"] = n_events
    sizes["timeline"] = {"rows": n_events, "memory": 0,
                         "disk": sum(f.stat().st_size for f in (out / "timeline.parquet").glob("*.parquet"))}
    n_sent = sizes["sentences"]["rows"]
    distinct = [x["distinct_sentences"] for x in results if x["distinct_sentences"] is not None]
    report = {
        "articles": n, "requested_articles": args.articles, "seed": args.seed, "workers": workers,
        "chunk_files": args.chunk_files, "chunks": len(results), "corpus": {**manifest, "path": str(corpus_dir),
                                                                          "generate_seconds": gen_secs},
        "out": str(out), "disk_free_bytes": free, "pipeline_from": where,
        "body_bytes": body_bytes, "file_bytes": sum(x["file_bytes"] for x in results),
        "stages": stage_figs, "baselines": baselines, "quarters": quarters, "quarters_cpu": quarters_cpu,
        "total": {"elapsed": elapsed, "cpu": cpu, "stage_wall": sum(v["wall"] for v in stage_figs.values()),
                  "stage_cpu": sum(v["cpu"] for v in stage_figs.values()),
                  "us_per_article": 1e6 * sum(v["wall"] for v in stage_figs.values()) / n,
                  "articles_per_s": n / elapsed, "mb_per_s": body_bytes / 1e6 / elapsed},
        "memory_peak": {"all_rss": parent.total_rss, "all_pss": parent.total_pss,
                        "parent_rss": parent.own_rss,
                        "worker_rss": max((max(x["peak_rss"].values(), default=0) for x in results), default=0)},
        "sizes": sizes, "reducer_tables": reducer_tables,
        "reducer_state": {"timeline_spooled_rows": sum(x["spooled_rows"] for x in results),
                          "timeline_spooled_bytes": sum(x["spooled_bytes"] for x in results),
                          "entities": len(total_cross.entities), "pairs": len(total_cross.pairs)},
        "counts": {"articles_per_chunk_sum": n, "sentences": n_sent,
                   "n_sentences_column": sum(x["n_sentences_column"] or 0 for x in results),
                   "article_sentiment_rows": sizes["article_sentiment"]["rows"]},
        "distinct_sentence_share": sum(distinct) / n_sent if n_sent and distinct else float("nan"),
        "finished_utc": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }
    return report


def _jsonable(x):
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_jsonable(v) for v in x]
    if isinstance(x, float) and (x != x or x in (float("inf"), float("-inf"))):
        return None
    return x


def compare(paths: list[Path]) -> str:
    """Per-stage cost per article (wall and CPU microseconds, per core) across runs of different N,
    each also as a multiple of its own run's read-the-bytes baseline (which cancels machine load)."""
    runs = [json.loads(Path(p).read_text()) for p in paths]
    runs.sort(key=lambda r: r["articles"])
    head = f"{'us per article (per core)':<32}" + "".join(f"{r['articles']:>13,} art." for r in runs)
    lines = [head + "   last/first", "-" * (len(head) + 14)]
    for kind, key in (("wall", "wall"), ("CPU", "cpu")):
        lines.append(f"[{kind} seconds]")
        for s in [s for s in CHUNK_STAGES + ["timeline_merge"] + PARENT_STAGES if any(s in r["stages"] for r in runs)]:
            vals = [1e6 * r["stages"].get(s, {}).get(key, float("nan")) / r["articles"] for r in runs]
            lines.append(f"{LABELS[s]:<32}" + "".join(f"{v:>18,.1f}" for v in vals)
                         + f"{vals[-1] / vals[0] if vals[0] else float('nan'):>14.2f}")
        vals = [1e6 * r["total"]["stage_" + key] / r["articles"] for r in runs]
        lines.append(f"{'all stages':<32}" + "".join(f"{v:>18,.1f}" for v in vals)
                     + f"{vals[-1] / vals[0]:>14.2f}")
    vals = [1e6 * r["total"]["elapsed"] / r["articles"] for r in runs]
    lines.append(f"{'elapsed (whole run)':<32}" + "".join(f"{v:>18,.1f}" for v in vals)
                 + f"{vals[-1] / vals[0]:>14.2f}")
    base = [1e6 / r["baselines"]["load"]["rate"] for r in runs]
    lines.append(f"{'baseline: read + decode bytes':<32}" + "".join(f"{v:>18,.1f}" for v in base)
                 + f"{base[-1] / base[0]:>14.2f}")
    base = [1e6 / r["baselines"]["events"]["rate"] for r in runs]
    lines.append(f"{'baseline: find_dates alone':<32}" + "".join(f"{v:>18,.1f}" for v in base)
                 + f"{base[-1] / base[0]:>14.2f}")
    lines.append(f"{'peak RSS, all processes (MB)':<32}" + "".join(f"{_mb(r['memory_peak']['all_rss']):>18}" for r in runs))
    lines.append(f"{'peak RSS, parent (MB)':<32}" + "".join(f"{_mb(r['memory_peak']['parent_rss']):>18}" for r in runs))
    lines.append(f"{'peak RSS, one worker (MB)':<32}" + "".join(f"{_mb(r['memory_peak']['worker_rss']):>18}" for r in runs))
    return "\n".join(lines)


def markdown(paths: list[Path]) -> str:
    """The README's table: CPU microseconds per article per stage for runs of
    different N side by side (with the last/first ratio: a flat cost stays near
    1), each stage's multiple of its baseline in the largest run, then the
    whole run's time, rate, peak memory and bytes per article."""
    runs = sorted((json.loads(Path(p).read_text()) for p in paths), key=lambda r: r["articles"])
    big = runs[-1]
    heads = [f"{r['articles']:,}" for r in runs]
    lines = ["| stage | " + " | ".join(f"{h}: CPU µs/article" for h in heads)
             + " | last/first | baseline (same run) | × baseline, " + heads[-1] + " |",
             "|---|" + "---:|" * len(runs) + "---:|---|---:|"]

    def row(label: str, vals: list[float], tail: str = " | | |") -> None:
        ratio = f"{vals[-1] / vals[0]:.2f}" if vals[0] else "-"
        lines.append(f"| {label} | " + " | ".join(f"{v:,.0f}" for v in vals) + f" | {ratio}{tail}")

    for s in [s for s in STAGES if all(s in r["stages"] for r in runs)]:
        vals = [1e6 * r["stages"][s]["cpu"] / r["articles"] for r in runs]
        base = big["baselines"].get(s)
        tail = " | | |"
        rate = big["stages"][s]["rate"]
        if base and isinstance(rate, int | float) and base.get("rate"):
            tail = f" | {base['name']} | {rate / base['rate']:.3g} |"
        row(LABELS[s], vals, tail=tail)
    row("**all stages**", [1e6 * r["total"]["stage_cpu"] / r["articles"] for r in runs])
    row("whole run: elapsed µs/article", [1e6 * r["total"]["elapsed"] / r["articles"] for r in runs])
    lines.append("| whole run: worker processes | " + " | ".join(str(r["workers"]) for r in runs) + " | | | |")
    lines.append("| whole run: elapsed, articles/s | " + " | ".join(
        f"{r['total']['elapsed']:,.0f} s, {r['total']['articles_per_s']:,.0f}/s" for r in runs) + " | | | |")
    for label, key in (("peak RSS, all processes", "all_rss"), ("peak RSS, parent", "parent_rss"),
                       ("peak RSS, largest worker", "worker_rss")):
        lines.append(f"| {label} | " + " | ".join(f"{_mb(r['memory_peak'][key])} MB" for r in runs) + " | | | |")
    for label, key in (("bytes/article in memory, article + derived tables", "memory"),
                       ("bytes/article on disk, article + derived tables", "disk")):
        row(label, [sum(r["sizes"][t][key] for t in TABLES) / r["articles"] for r in runs])
    lines.append("| timeline events | " + " | ".join(f"{r['reducer_tables'].get('timeline', 0):,}" for r in runs)
                 + " | | | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.pipeline", description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000, help="articles in the generated corpus")
    ap.add_argument("--chunk-files", type=int, default=250, help="page files per chunk (~4 articles each)")
    ap.add_argument("--seed", type=int, default=20250601)
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), help="worker processes")
    ap.add_argument("--json", type=Path, help="write every figure to this JSON file")
    ap.add_argument("--root", default=str(DEFAULT_ROOT), help="folder for the corpus and the output")
    ap.add_argument("--corpus", help="corpus folder (default ROOT/corpus-N-seedS; reused when complete)")
    ap.add_argument("--out", help="Parquet output folder (default ROOT/out-N-seedS; replaced)")
    ap.add_argument("--sample", type=int, default=2000, help="articles the baselines draw from")
    ap.add_argument("--dateparser-sample", type=int, default=100)
    ap.add_argument("--nltk-sample", type=int, default=500)
    ap.add_argument("--regex-sample", type=int, default=20)
    ap.add_argument("--progress-every", type=float, default=60.0, help="seconds between progress lines")
    ap.add_argument("--compare", nargs="+", type=Path, metavar="JSON",
                    help="instead of running: compare the --json figures of earlier runs (cost per article by N)")
    ap.add_argument("--markdown", action="store_true", help="with --compare: the README's Markdown table")
    args = ap.parse_args(argv)
    if args.compare:
        print(markdown(args.compare) if args.markdown else compare(args.compare))
        return 0
    report = run(args)
    print(_report(report))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(_jsonable(report), indent=1, default=str))
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
