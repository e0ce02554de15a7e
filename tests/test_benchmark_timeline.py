"""benchmarks.timeline runs end to end on a spool and both merges write the same timeline."""
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
