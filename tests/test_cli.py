"""The newskit command."""
from __future__ import annotations

import pandas as pd

from newskit import load_articles
from newskit.cli import main

from .conftest import SEED, SEED_CAPTURED_AT


def test_summary_prints_outlets_and_days(capsys):
    assert main(["summary", str(SEED), "--captured-at", SEED_CAPTURED_AT]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "4 articles from 1 files (0 rejected), 2 outlets, 4 sources; dated 2025-06-01 to 2025-06-02"
    assert "  Japan Today                      3" in out
    assert "  2025-06-02 Mon      3  ###" in out


def test_load_writes_parquet(tmp_path, capsys):
    out = tmp_path / "c.parquet"
    assert main(["load", str(SEED), "-o", str(out)]) == 0
    assert "4 articles" in capsys.readouterr().out
    pd.testing.assert_frame_equal(load_articles(out), load_articles(SEED))


def test_bad_corpus_is_a_readable_error(capsys):
    assert main(["summary", "no/such/dir"]) == 2
    assert capsys.readouterr().err.strip() == "newskit: load_articles: no such file or folder: 'no/such/dir'"


def test_run_writes_the_tables(tmp_path, capsys):
    from newskit.pipeline import read_tables

    assert main(["run", str(SEED), "--out", str(tmp_path / "out"), "--captured-at", SEED_CAPTURED_AT]) == 0
    printed = capsys.readouterr().out
    tables = read_tables(tmp_path / "out")
    assert len(tables["articles"]) == 4 and "4 articles" in printed, printed
    assert set(tables["events"]["article_id"]) <= set(tables["articles"]["article_id"])
    assert len(tables["timeline"]) > 0


def test_run_on_a_missing_folder_is_a_readable_error(tmp_path, capsys):
    assert main(["run", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
