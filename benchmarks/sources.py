"""Benchmark: articles/s for each input format, and grouping duplicates at scale.

    python -m benchmarks.sources [--articles 2000] [--dedupe 100000] [--quality]

1. Generates the same kind of articles (benchmarks/corpus.py) in every format
   newskit reads, ``--articles`` of each (benchmarks/_generated/sources-N/,
   reused): text pages (``generate_page``), saved HTML article pages, RSS and
   Atom feeds of 50 entries, one JSON Lines (and its gzip), CSV and Parquet
   corpus; times ``load_articles`` on one core over each and prints
   articles/s and MB/s.
2. Times ``group_duplicates`` on 25,000, 50,000 and 100,000 generated articles
   (``--dedupe`` is the largest; a third are copies with a new headline, a
   dateline, a trimmed last paragraph and/or a photo caption), prints the
   seconds, microseconds per article (flat when the cost is linear) and the
   pair recall and precision against the known copies.
3. ``--quality``: the measurement behind ``newskit.dedupe.THRESHOLD``: the
   Jaccard similarity of word 5-shingles between copies (per kind of edit)
   and between different stories (generated corpus, sample corpus).

Timings drift between runs on a shared machine: compare the ratios.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html
import itertools
import json
import random
import time
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.corpus import AUTHORS, CAPTIONS, OUTLETS, WIRES, _article, _fill, generate
from newskit import load_articles
from newskit.dedupe import THRESHOLD, _shingles, group_duplicates

HERE = Path(__file__).resolve().parent
FEED_ENTRIES = 50
SEED = 20250601


# -- generated records -----------------------------------------------------------
def _records(n: int, seed: int = SEED, words: int = 600) -> list[dict]:
    """n wire-style articles: title, paragraphs, outlet, wire, author, time, url."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 240))
        title, paras = _article(rng, day, words)
        wire, notice, dateline = rng.choice(WIRES)
        at = dt.datetime(day.year, day.month, day.day, rng.randint(0, 23), rng.randint(0, 59), tzinfo=dt.timezone(dt.timedelta(hours=9)))
        out.append({
            "title": title, "paragraphs": [dateline + paras[0], *paras[1:]], "outlet": rng.choice(OUTLETS),
            "wire": wire, "notice": notice.format(year=day.year), "author": rng.choice(AUTHORS),
            "caption": _fill(rng, CAPTIONS[1], day), "at": at, "url": f"https://news.example/{day:%Y/%m/%d}/{i}",
        })
    return out


def _html_page(r: dict) -> str:
    e = html.escape
    paras = "\n".join(f"    <p>{e(p)}</p>" for p in r["paragraphs"])
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": r["title"],
                     "datePublished": r["at"].isoformat(), "author": [{"@type": "Person", "name": r["author"]}],
                     "publisher": {"@type": "Organization", "name": r["outlet"]}})
    return f"""<!DOCTYPE html>
<!-- saved from url=({len(r['url']):04d}){r['url']} -->
<html lang="en"><head><meta charset="utf-8"><title>{e(r['title'])} | {e(r['outlet'])}</title>
<meta property="og:site_name" content="{e(r['outlet'])}"><meta property="og:title" content="{e(r['title'])}">
<meta property="article:published_time" content="{r['at'].isoformat()}">
<link rel="canonical" href="{r['url']}">
<script type="application/ld+json">{ld}</script>
<script>var analytics = {{"page": "article"}};</script><style>body {{ margin: 0 }}</style></head>
<body><header><a href="/">{e(r['outlet'])}</a><nav><a href="/world">World</a> <a href="/business">Business</a></nav></header>
<main><article><h1>{e(r['title'])}</h1>
  <div class="byline">By {e(r['author'])}, {e(r['wire'])}</div>
  <figure><img src="photo.jpg" alt=""><figcaption>{e(r['caption'])}</figcaption></figure>
{paras}
    <p>{e(r['notice'])}</p>
</article><aside><h2>Most read</h2><ul><li><a href="/a">Another story</a></li></ul></aside></main>
<footer><p>© {r['at'].year} {e(r['outlet'])}. All rights reserved.</p></footer></body></html>
"""


def _rss(records: list[dict], title: str) -> str:
    items = []
    for r in records:
        body = "".join(f"<p>{html.escape(p)}</p>" for p in r["paragraphs"])
        items.append(f"""<item><title>{html.escape(r['title'])}</title><link>{r['url']}</link>
<pubDate>{r['at'].strftime('%a, %d %b %Y %H:%M:%S %z')}</pubDate><dc:creator>{html.escape(r['author'])}</dc:creator>
<source url="https://wire.example/">{html.escape(r['wire'])}</source>
<description>{html.escape(body[:300])}</description><content:encoded><![CDATA[{body}]]></content:encoded></item>""")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{html.escape(title)}</title>'
            f'<link>https://news.example/</link><description>news</description>\n' + "\n".join(items) + "\n</channel></rss>\n")


def _atom(records: list[dict], title: str) -> str:
    entries = []
    for r in records:
        body = html.escape("".join(f"<p>{html.escape(p)}</p>" for p in r["paragraphs"]))
        entries.append(f"""<entry><title>{html.escape(r['title'])}</title><id>{r['url']}</id><link href="{r['url']}"/>
<published>{r['at'].isoformat()}</published><updated>{r['at'].isoformat()}</updated>
<author><name>{html.escape(r['author'])}</name></author><content type="html">{body}</content></entry>""")
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>{html.escape(title)}</title>'
            f'<id>tag:news.example,2025:feed</id><updated>2025-06-01T00:00:00Z</updated>\n' + "\n".join(entries) + "\n</feed>\n")


def _table(records: list[dict]) -> pd.DataFrame:
    return pd.DataFrame({
        "title": [r["title"] for r in records],
        "text": ["\n\n".join(r["paragraphs"] + [r["notice"]]) for r in records],
        "publishedAt": [r["at"].isoformat() for r in records],
        "url": [r["url"] for r in records],
        "site": [r["outlet"] for r in records],
        "author": [r["author"] for r in records],
    })


def build(folder: Path, n: int) -> dict[str, Path]:
    """One folder per format under ``folder``, ``n`` articles each (reused when present)."""
    done = folder / ".complete"
    paths = {f: folder / f for f in ("text", "html", "rss", "atom", "jsonl", "jsonl.gz", "csv", "parquet")}
    if done.exists():
        return paths
    for p in paths.values():
        p.mkdir(parents=True, exist_ok=True)
    # text pages hold 3-5 articles each: enough pages for about n articles
    generate(paths["text"], max(1, n // 4), seed=SEED)
    records = _records(n)
    for i, r in enumerate(records):
        (paths["html"] / f"{i:06d}.html").write_text(_html_page(r), encoding="utf-8")
    for k in range(0, n, FEED_ENTRIES):
        chunk = records[k: k + FEED_ENTRIES]
        (paths["rss"] / f"{k:06d}.xml").write_text(_rss(chunk, f"Feed {k}"), encoding="utf-8")
        (paths["atom"] / f"{k:06d}.atom").write_text(_atom(chunk, f"Feed {k}"), encoding="utf-8")
    table = _table(records)
    lines = "".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in table.to_dict(orient="records"))
    (paths["jsonl"] / "corpus.jsonl").write_text(lines, encoding="utf-8")
    (paths["jsonl.gz"] / "corpus.jsonl.gz").write_bytes(gzip.compress(lines.encode("utf-8"), mtime=0))
    table.to_csv(paths["csv"] / "corpus.csv", index=False)
    table.to_parquet(paths["parquet"] / "corpus.parquet", index=False)
    done.touch()
    return paths


def bench_formats(n: int) -> None:
    folder = HERE / "_generated" / f"sources-{n}"
    t0 = time.perf_counter()
    paths = build(folder, n)
    print(f"corpus: {folder} (ready in {time.perf_counter() - t0:.1f} s)\n")
    print(f"{'format':<10}{'files':>7}{'articles':>10}{'seconds':>9}{'articles/s':>12}{'MB/s':>8}")
    for fmt, path in paths.items():
        files = [p for p in path.iterdir() if p.is_file()]
        mb = sum(p.stat().st_size for p in files) / 1e6
        load_articles(files[:2], workers=1, progress=False)  # imports and caches, not timed
        t0 = time.perf_counter()
        df = load_articles(path, workers=1, progress=False)
        secs = time.perf_counter() - t0
        assert df.attrs["rejected"].empty, df.attrs["rejected"]
        print(f"{fmt:<10}{len(files):>7}{len(df):>10}{secs:>9.2f}{len(df) / secs:>12,.0f}{mb / secs:>8.1f}")


# -- duplicate grouping ------------------------------------------------------------
EDITS = ("headline", "dateline", "trim", "caption")


def _copy(rng: random.Random, title: str, paras: list[str], day: dt.date, edits: tuple[str, ...]) -> tuple[str, list[str]]:
    ps = list(paras)
    if "headline" in edits:
        title = "Update: " + title.lower()
    if "dateline" in edits:
        ps[0] = "TOKYO (Kyodo) -- " + ps[0]
    if "trim" in edits and len(ps) > 1:
        ps = ps[:-1]
    if "caption" in edits:
        ps = [_fill(rng, CAPTIONS[1], day)] + ps
    return title, ps


def dedupe_corpus(n: int, seed: int = 1, words: tuple[int, ...] = (300, 600)) -> pd.DataFrame:
    """n articles, a third of them copies of another with 1-4 edits; ``truth`` is the story."""
    cache = HERE / "_generated" / f"dedupe-{n}-{seed}-{'-'.join(map(str, words))}.parquet"
    if cache.exists():
        return pd.read_parquet(cache)
    rng = random.Random(seed)
    rows = []
    story = 0
    while len(rows) < n:
        day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 240))
        title, paras = _article(rng, day, rng.choice(words))
        rows.append((story, title, "\n\n".join(paras), day))
        for _ in range(rng.choice([0, 0, 0, 1, 1, 2, 3])):
            edits = tuple(rng.sample(EDITS, rng.randint(1, 4)))
            t, ps = _copy(rng, title, paras, day, edits)
            rows.append((story, t, "\n\n".join(ps), day + dt.timedelta(days=rng.randint(0, 1))))
        story += 1
    df = pd.DataFrame(rows[:n], columns=["truth", "title", "body", "day"])
    df["article_id"] = [f"{i:016x}" for i in range(len(df))]
    df["published_at"] = pd.to_datetime(df["day"]).dt.tz_localize("UTC")
    df["word_count"] = df["body"].str.split().str.len()
    df = df.drop(columns="day")
    cache.parent.mkdir(parents=True, exist_ok=True)
    df.to_parquet(cache, index=False)
    return df


def _pairs(labels: np.ndarray) -> int:
    counts = pd.Series(labels).value_counts().to_numpy()
    return int((counts * (counts - 1) // 2).sum())


def bench_dedupe(largest: int) -> None:
    sizes = [s for s in (largest // 4, largest // 2, largest) if s > 0]
    t0 = time.perf_counter()
    corpus = dedupe_corpus(largest)
    print(f"\ngroup_duplicates (threshold {THRESHOLD}): {largest:,} generated articles, 300-600 words "
          f"(ready in {time.perf_counter() - t0:.1f} s)\n")
    print(f"{'articles':>9}{'seconds':>9}{'us/article':>12}{'x smallest':>12}{'stories':>9}{'recall':>8}{'precision':>11}")
    base = None
    for n in sizes:
        df = corpus.iloc[:n]
        t0 = time.perf_counter()
        out = group_duplicates(df)
        secs = time.perf_counter() - t0
        per = secs / n * 1e6
        base = base or per
        truth, found = df["truth"].to_numpy(), out["story_id"].to_numpy()
        both = _pairs(np.array([f"{a}|{b}" for a, b in zip(truth, found)]))
        recall, precision = both / max(1, _pairs(truth)), both / max(1, _pairs(found))
        print(f"{n:>9,}{secs:>9.2f}{per:>12.1f}{per / base:>12.2f}{out['story_id'].nunique():>9,}{recall:>8.4f}{precision:>11.4f}")
    print("\nnear-linear: microseconds per article stay about flat as the corpus grows (x smallest near 1)")


# -- the threshold measurement ---------------------------------------------------------
def _sets(texts: list[str]) -> list[set]:
    doc, sh = _shingles(texts)
    order = np.argsort(doc, kind="stable")
    doc, sh = doc[order], sh[order]
    cuts = np.searchsorted(doc, np.arange(len(texts) + 1))
    return [set(sh[cuts[i]: cuts[i + 1]].tolist()) for i in range(len(texts))]


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / max(1, len(a | b))


def quality(n: int = 300, seed: int = 7) -> None:
    """Jaccard of word 5-shingles: copies by kind of edit, and different stories."""
    from newskit.paths import SAMPLE_PAGES

    rng = random.Random(seed)
    print(f"\nJaccard similarity of bodies (word 5-shingles); {n} generated stories of 150, 300 or 600 words\n")
    print(f"{'pairs':<44}{'n':>7}{'min':>7}{'p5':>7}{'median':>8}{'p99.9':>7}{'max':>7}")
    stories = []
    for _ in range(n):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 240))
        stories.append((day, *_article(rng, day, rng.choice([150, 300, 600]))))

    def row(label: str, values: list[float]) -> None:
        v = np.asarray(values)
        print(f"{label:<44}{len(v):>7}{v.min():>7.3f}{np.percentile(v, 5):>7.3f}{np.median(v):>8.3f}"
              f"{np.percentile(v, 99.9):>7.3f}{v.max():>7.3f}")

    for edits in [("headline",), ("dateline",), ("trim",), ("caption",), EDITS]:
        texts = []
        for day, title, paras in stories:
            texts += ["\n\n".join(paras), "\n\n".join(_copy(rng, title, paras, day, edits)[1])]
        s = _sets(texts)
        row("copy: " + (" + ".join(edits) if len(edits) > 1 else edits[0]), [_jaccard(s[i], s[i + 1]) for i in range(0, len(s), 2)])
    s = _sets(["\n\n".join(p) for _, _, p in stories])
    row("different stories, generated (shared templates)", [_jaccard(a, b) for a, b in itertools.combinations(s, 2)])
    sample = load_articles(SAMPLE_PAGES)
    s = _sets(sample["body"].tolist())
    row("different stories, sample corpus (same events)", [_jaccard(a, b) for a, b in itertools.combinations(s, 2)])
    print(f"\nnewskit.dedupe.THRESHOLD = {THRESHOLD}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000, help="articles per format (default 2000)")
    ap.add_argument("--dedupe", type=int, default=100_000, help="largest corpus for group_duplicates (default 100000; 0 skips)")
    ap.add_argument("--quality", action="store_true", help="also print the measurement behind the threshold")
    args = ap.parse_args()
    bench_formats(args.articles)
    if args.dedupe:
        bench_dedupe(args.dedupe)
    if args.quality:
        quality()


if __name__ == "__main__":
    main()
