"""Smoke test of the scale benchmark (benchmarks/pipeline.py) and its corpus generator.

Structure and bookkeeping only: no timing is checked.
"""
from __future__ import annotations

import json
from pathlib import Path
import random
import datetime as dt

import pytest

from benchmarks import corpus
from benchmarks import pipeline


def test_generate_corpus_is_deterministic_and_exact(tmp_path):
    a = corpus.generate_corpus(tmp_path / "a", 45, seed=7, shard_articles=20, workers=1)
    b = corpus.generate_corpus(tmp_path / "b", 45, seed=7, shard_articles=20, workers=2)
    c = corpus.generate_corpus(tmp_path / "c", 45, seed=8, shard_articles=20, workers=1)
    fa, fb, fc = (corpus.corpus_files(tmp_path / x) for x in "abc")
    assert a["articles"] == b["articles"] == c["articles"] == 45 and a["shards"] == 3 and a["pages"] == len(fa) == b["pages"]
    assert [f.read_bytes() for f in fa] == [f.read_bytes() for f in fb]  # same seed, any workers: same bytes
    assert [f.read_bytes() for f in fa] != [f.read_bytes() for f in fc]
    assert a["bytes"] == sum(f.stat().st_size for f in fa)
    # reused when complete; another corpus in the folder is an error
    assert corpus.generate_corpus(tmp_path / "a", 45, seed=7, shard_articles=20) == a
    with pytest.raises(ValueError):
        corpus.generate_corpus(tmp_path / "a", 46, seed=7, shard_articles=20)

    from newskit import load_articles

    assert len(load_articles(fa, progress=False)) == 45  # exactly the articles asked for


def test_generate_page_unchanged():
    # generate_page keeps its stream: the related-item count is still drawn from rng
    page = corpus.generate_page(random.Random(3), dt.date(2025, 3, 1))
    again = corpus._page(random.Random(3), dt.date(2025, 3, 1), 600)
    assert page == again and page.count("\n- ") >= 2


def test_pipeline_benchmark_smoke(tmp_path, capsys):
    out_json = tmp_path / "figures.json"
    argv = ["--articles", "200", "--chunk-files", "15", "--workers", "2", "--root", str(tmp_path),
            "--sample", "60", "--dateparser-sample", "2", "--nltk-sample", "10", "--regex-sample", "2",
            "--json", str(out_json)]
    assert pipeline.main(argv) == 0
    printed = capsys.readouterr().out
    for stage in pipeline.STAGES:
        assert pipeline.LABELS[stage] in printed
    for word in ("baseline", "bytes per article", "peak resident", "first 25%"):
        assert word in printed

    r = json.loads(out_json.read_text())
    n = r["articles"]
    assert n == 200 and r["requested_articles"] == 200
    assert set(r["stages"]) == set(pipeline.STAGES)
    for stage in pipeline.CHUNK_STAGES:
        fig = r["stages"][stage]
        assert fig["wall"] > 0 and fig["rate"] > 0 and fig["mb_rate"] > 0 and fig["us_per_article"] > 0
    for stage in ("load", "dates", "events", "sentences", "mentions"):
        assert r["baselines"][stage]["rate"] > 0
    assert r["total"]["elapsed"] > 0 and r["total"]["articles_per_s"] > 0
    assert r["memory_peak"]["all_rss"] > 0 and r["memory_peak"]["worker_rss"] > 0

    # counts reconcile
    sizes = r["sizes"]
    assert sizes["articles"]["rows"] == n
    assert sizes["article_sentiment"]["rows"] == n
    assert r["counts"]["sentences"] == r["counts"]["n_sentences_column"] == sizes["sentences"]["rows"] > n
    assert r["chunks"] == -(-r["corpus"]["pages"] // 15)
    for name in pipeline.TABLES:
        assert sizes[name]["memory"] > 0 and sizes[name]["disk"] > 0
        parts = sorted((Path(r["out"]) / name).glob("part-*.parquet"))
        assert len(parts) == r["chunks"]
        assert sum(p.stat().st_size for p in parts) == sizes[name]["disk"]
    for name in ("timeline", "entities", "edges"):
        assert name in r["reducer_tables"]

    # the comparison across runs reads the same figures
    table = pipeline.compare([out_json, out_json])
    for stage in pipeline.STAGES:
        assert pipeline.LABELS[stage] in table
    md = pipeline.markdown([out_json, out_json]).splitlines()
    assert all(line.startswith("|") and line.endswith("|") for line in md)
    assert len({line.count("|") for line in md}) == 1  # every row has every column
    for stage in pipeline.STAGES:
        assert any(line.startswith(f"| {pipeline.LABELS[stage]} |") for line in md)
