"""benchmarks.timeline runs end to end on a spool and both merges write the same timeline."""
import pytest

import newskit as nk
from benchmarks import timeline
from newskit import pipeline as pl
from newskit.paths import SAMPLE_CAPTURES, SAMPLE_PAGES


def test_timeline_benchmark_smoke(tmp_path, capsys):
    articles = nk.load_articles(SAMPLE_PAGES, captured_at=nk.read_capture_times(SAMPLE_CAPTURES))
    kept = pl.kept_events(articles, nk.tariff_events(articles))
    for i, start in enumerate(range(0, len(kept), 20)):
        pl.spool_events(kept.iloc[start:start + 20], tmp_path / "spool", i)
    # main() returns 1 unless both merges wrote the same events, every column, in the same order
    assert timeline.main([str(tmp_path / "spool"), "--json", str(tmp_path / "t.json")]) == 0
    out = capsys.readouterr().out
    merged = len(nk.event_timeline(nk.tariff_events(articles), articles))
    assert f"{len(kept):,} event mentions -> {merged:,} events; same timeline both ways: True" in out
    assert "newskit / baseline" in out
    assert timeline.main([str(tmp_path / "spool"), "--actions", "impose"]) == 0


def test_timeline_benchmark_fails_rather_than_waits_when_a_merge_fails(tmp_path):
    bad = tmp_path / "spool" / "action=impose"
    bad.mkdir(parents=True)
    (bad / "part-00000.parquet").write_text("not parquet")
    with pytest.raises(SystemExit, match="the baseline merge failed"):
        timeline.main([str(tmp_path / "spool")])


def test_merge_process_peak_is_its_own():
    # a spawned child starts with its parent's peak RSS unless it resets it
    ballast = bytearray(300 * 2**20)
    ballast[::4096] = b"x" * len(ballast[::4096])  # touched: resident
    high = timeline._peak_mb()
    del ballast
    assert timeline._reset_peak()
    assert timeline._peak_mb() < high - 250
