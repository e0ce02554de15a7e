"""benchmarks.dates runs end to end and its two newskit passes agree."""
from benchmarks import dates


def test_dates_benchmark_smoke(capsys):
    assert dates.main(["--articles", "30", "--dateparser-sample", "0"]) == 0
    out = capsys.readouterr().out
    assert "newskit find_dates (1 core)" in out
    # main() returns 1 unless dates_table (one table per chunk) gives, article by article,
    # the start, end and value find_dates gives
    assert "newskit dates_table (1 core, one table per 1,000-article chunk)" in out
    assert "planted found 100.0%" in out and "non-dates read as dates: 0" in out


def test_corpus_is_seeded():
    assert dates.make_corpus(3, seed=1) == dates.make_corpus(3, seed=1) != dates.make_corpus(3, seed=2)
