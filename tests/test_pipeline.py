"""newskit.pipeline: the chunked run equals the verbs on the whole table; the reducer is order-free."""
from __future__ import annotations

import itertools
import shutil
from functools import partial
from pathlib import Path

import pandas as pd
import pytest

import newskit as nk
from newskit import pipeline as pl
from newskit import schema
from newskit.paths import SAMPLE_CAPTURES, SAMPLE_PAGES

# The rows of each table, in an order that does not depend on chunking.
SORT_KEYS = {
    "articles": ["article_id"],
    "dates": ["article_id", "start", "end"],
    "events": ["mention_id"],
    "sentences": ["article_id", "sentence_id"],
    "article_sentiment": ["article_id"],
    "mentions": ["article_id", "start", "end", "entity_id"],
    "duplicates": ["article_id"],
    "skipped": ["path", "position"],
    "rejected": ["path"],
}


def whole_tables(articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every table by calling the verbs on the whole article table (the reference)."""
    tables = {"articles": articles, **pl.chunk_tables(articles)}
    mentions, events = tables["mentions"], tables["events"]
    tables["entities"] = nk.entity_table(mentions, articles)
    tables["edges"] = nk.cross_story(mentions, articles).edges
    tables["timeline"] = nk.event_timeline(events, articles)
    tables["duplicates"] = nk.group_duplicates(articles)[["article_id", "story_id", "is_canonical"]]
    for key in ("rejected", "skipped", "warnings"):
        tables[key] = articles.attrs[key]
    return tables


def _canonical_form(name: str, df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df.attrs = {}
    df = pl.typed(name, df.astype({c: object for c in df.columns if isinstance(df[c].dtype, pd.CategoricalDtype)}))
    keys = SORT_KEYS.get(name)
    if keys:
        df = df.sort_values(keys, kind="stable")
    return df.reset_index(drop=True)


def assert_same_tables(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame]) -> None:
    """Each table of want equals got's, rows in a defined order, dtypes included."""
    for name, table in want.items():
        assert name in got, f"{name} not written; got {sorted(got)}"
        assert len(table) or name in ("rejected", "skipped", "warnings"), f"reference table {name} is empty: the test proves nothing"
        pd.testing.assert_frame_equal(_canonical_form(name, got[name]), _canonical_form(name, table), obj=name)


@pytest.fixture(scope="module")
def captures():
    return nk.read_capture_times(SAMPLE_CAPTURES)


@pytest.fixture(scope="module")
def whole(captures):
    articles = nk.load_articles(SAMPLE_PAGES, captured_at=captures)
    return whole_tables(articles)


@pytest.fixture(scope="module")
def chunked(tmp_path_factory, captures):
    out = tmp_path_factory.mktemp("run")
    result = pl.run(SAMPLE_PAGES, out, chunk_files=7, captured_at=captures)  # 18 files: 3 chunks
    return result, pl.read_tables(out)


def test_run_in_chunks_equals_the_verbs_on_the_whole_table(chunked, whole):
    result, tables = chunked
    assert result.chunks == 3
    assert_same_tables(tables, whole)


def test_run_writes_a_part_per_chunk_and_the_cross_story_files(chunked):
    result, _ = chunked
    assert sorted(p.name for p in (result.out / "mentions").iterdir()) == [f"part-0000{i}.parquet" for i in range(3)]
    for name in ("entities", "edges", "timeline", "duplicates"):
        assert result.paths[name] == result.out / f"{name}.parquet"
        if name == "timeline":  # written a batch of events at a time, one action after another
            assert sorted(result.paths[name].glob("*.parquet"))
        else:
            assert result.paths[name].is_file()


def test_counts_reconcile(chunked, whole):
    result, tables = chunked
    assert result.files == 18 == result.loaded_files + result.rejected
    assert result.articles == len(whole["articles"]) == len(tables["articles"]) == 71
    for name in pl.STAGES:
        assert result.rows[name] == len(tables[name]) == len(whole[name])
    assert result.rows["entities"] == len(whole["entities"])
    assert result.rows["timeline"] == len(whole["timeline"])


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    """Sample pages, an exact copy of the first page in the last chunk, and a file that cannot load."""
    folder = tmp_path_factory.mktemp("messy")
    for p in sorted(SAMPLE_PAGES.glob("*.txt")):
        shutil.copy(p, folder / p.name)
    shutil.copy(SAMPLE_PAGES / "000_ba2334b44991beed.txt", folder / "zz_copy.txt")
    (folder / "yy_empty.txt").write_bytes(b"")
    return folder


def test_exact_copies_in_a_later_chunk_are_skipped_as_load_articles_skips_them(messy, tmp_path):
    result = pl.run(messy, tmp_path, chunk_files=5, captured_at="2025-06-02T19:40:00+09:00")
    whole = nk.load_articles(messy, captured_at="2025-06-02T19:40:00+09:00")
    tables = pl.read_tables(tmp_path)
    assert len(whole.attrs["skipped"]) == 4  # the copy's main article and three related items
    assert result.skipped_copies == 4
    assert_same_tables({k: tables[k] for k in ("articles", "skipped", "rejected")},
                       {"articles": whole, "skipped": whole.attrs["skipped"], "rejected": whole.attrs["rejected"]})
    # every file is loaded or rejected; every article read is loaded or skipped as a copy
    assert result.files == len(list(messy.iterdir())) == result.loaded_files + result.rejected
    assert result.rejected == len(whole.attrs["rejected"]) == 1


@pytest.fixture(scope="module")
def pieces(captures):
    """The sample corpus in three chunks of files, each with its mentions and events."""
    files = sorted(SAMPLE_PAGES.glob("*.txt"))
    out = []
    for lo in (0, 6, 12):
        arts = nk.load_articles(files[lo: lo + 6], captured_at=captures)
        out.append((arts, nk.find_mentions(arts), nk.tariff_events(arts)))
    return out


def _reduce(pieces, order, shape):
    if shape == "fold":
        total = pl.CrossStoryReducer()
        for i in order:
            total.add(*pieces[i])
        return total
    parts = [pl.CrossStoryReducer().add(*pieces[i]) for i in order]  # one reducer per chunk, merged
    return parts[2].merge(parts[0].merge(parts[1]))


def test_reducer_result_does_not_depend_on_chunk_or_merge_order(pieces, whole):
    results = [_reduce(pieces, order, shape).result()
               for order in itertools.permutations(range(3)) for shape in ("fold", "tree")]
    for name in ("entities", "edges", "timeline"):
        for r in results:
            pd.testing.assert_frame_equal(r[name], results[0][name], obj=name)
        pd.testing.assert_frame_equal(results[0][name], whole[name], obj=name)


def test_reducer_state_is_aggregates_not_mentions(pieces, whole):
    r = _reduce(pieces, (0, 1, 2), "fold")
    assert len(r.entities) == len(whole["entities"])
    per_story = whole["mentions"][["article_id", "entity_id"]].drop_duplicates()
    assert sum(r.pairs.values()) == sum(n * (n - 1) // 2 for n in per_story.groupby("article_id").size())
    assert r.n_stories == len(whole["articles"])
    # the timeline's state is the unflagged event mentions, not the mention table
    assert sum(map(len, r.events)) == len(whole["events"]) < len(whole["mentions"])


def test_reducer_missing_column_lists_those_present(pieces):
    arts, mentions, events = pieces[0]
    with pytest.raises(ValueError, match=r"columns \['entity_id'\] not in DataFrame; available: \['article_id'"):
        pl.CrossStoryReducer().add(arts, mentions.drop(columns="entity_id"), events)


def test_dates_table_is_find_dates_per_article(whole):
    # dates_table builds one table per chunk from date_rows; it must equal
    # find_dates article by article, every column, value and dtype
    arts, dates = whole["articles"], whole["dates"]
    assert list(dates.columns) == [c.name for c in pl.DATE_TABLE_COLUMNS]
    expected = []
    for aid, body, pub in zip(arts["article_id"], arts["body"], arts["published_at"]):
        if isinstance(body, str) and body.strip() and not pd.isna(pub):
            one = nk.find_dates(body, pub)
            one.insert(0, "article_id", aid)
            expected.append(one)
    expected = schema.coerce(pd.concat(expected, ignore_index=True), pl.DATE_TABLE_COLUMNS)
    assert len(expected) > 100
    pd.testing.assert_frame_equal(dates, expected)
    assert set(dates["article_id"]) <= set(arts["article_id"])
    assert len(pl.dates_table(arts.head(0))) == 0


def test_chunk_tables_unknown_stage_lists_the_stages():
    with pytest.raises(ValueError, match=r"unknown stage 'sentiment'; expected some of \['dates', 'events'"):
        pl.chunk_tables(nk.load_articles(SAMPLE_PAGES / "000_ba2334b44991beed.txt"), ["sentiment"])


def test_run_rejects_a_bad_chunk_size(tmp_path):
    with pytest.raises(ValueError, match="chunk_files must be an int >= 1; got 0"):
        pl.run(SAMPLE_PAGES, tmp_path, chunk_files=0)


def test_read_tables_names_what_is_there(chunked):
    result, _ = chunked
    with pytest.raises(ValueError, match=r"table 'links' not in .*; available: \['article_sentiment'"):
        pl.read_tables(result.out, ["links"])
    with pytest.raises(ValueError, match="no such folder"):
        pl.read_tables(Path(result.out) / "nope")


def test_run_shows_progress_through_the_timeline_merge(tmp_path, capsys, whole, captures):
    # the merge at the end takes minutes on a large corpus: it has its own bar, over the mentions
    result = pl.run(SAMPLE_PAGES, tmp_path, chunk_files=7, progress=True, captured_at=captures)
    err = capsys.readouterr().err
    assert "newskit pipeline" in err and "newskit timeline merge" in err
    merged = int(whole["timeline"]["n_mentions"].sum())
    assert merged > 0 and f"{merged}/{merged} " in err  # the bar ends at the number of mentions merged
    assert result.rows["timeline"] == len(whole["timeline"])


def test_dates_table_edge_rows():
    # bodies that give no rows (missing, blank, no publication time, no dates) and ids of any kind
    arts = pd.DataFrame({
        "article_id": [7, 8, 9, 10, 11],
        "body": [None, "   ", "Tariffs rose on Friday.", "No date here.", "Talks resumed in April 2025."],
        "published_at": pd.to_datetime(["2025-06-02", "2025-06-02", None, "2025-06-02", "2025-06-02"], utc=True),
    }, index=[5, 4, 3, 2, 1])
    got = pl.dates_table(arts)
    assert got[["article_id", "text", "value"]].values.tolist() == [["11", "April 2025", "2025-04"]]
    assert got["date"].tolist() == [pd.Timestamp("2025-04-01")] and got.index.tolist() == [0]
    pd.testing.assert_frame_equal(pl.dates_table(arts.head(0)), schema.empty(pl.DATE_TABLE_COLUMNS))
    pd.testing.assert_frame_equal(pl.dates_table(arts.head(4)), schema.empty(pl.DATE_TABLE_COLUMNS))


def _spool(tmp_path: Path, articles: pd.DataFrame, events: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """Spool the kept mentions as ``run`` does, in parts of a few mentions each; (action, files) per action."""
    kept = pl.kept_events(articles, events)
    for i, start in enumerate(range(0, len(kept), 9)):
        pl.spool_events(kept.iloc[start:start + 9], tmp_path / "spool", i)
    return [(d.name.split("=", 1)[1], sorted(str(f) for f in d.glob("*.parquet")))
            for d in sorted((tmp_path / "spool").glob("action=*"))]


@pytest.mark.parametrize("source", ["sample", "generated"])
def test_merge_filing_rows_by_batch_on_disk_equals_the_merge_in_memory(tmp_path, monkeypatch, captures, source):
    # the merge at the end of a run reads the rows' columns a few files at a time and files
    # them by batch of events on disk; tiny batches and flushes here force many of each
    from newskit.events import timeline as T

    if source == "sample":
        articles = nk.load_articles(SAMPLE_PAGES, captured_at=captures)
    else:
        from benchmarks import corpus
        corpus.generate_corpus(tmp_path / "corpus", 120, seed=11, shard_articles=40, workers=1)
        articles = nk.load_articles(corpus.corpus_files(tmp_path / "corpus"))
    events = nk.tariff_events(articles)
    monkeypatch.setattr(T, "_SPILL_ROWS", 7)
    actions = _spool(tmp_path, articles, events)
    assert len(actions) >= 3
    compared = 0
    for action, files in actions:
        load = partial(pl._read_kept, files)
        want = [row for rows in T.merged_events(load, with_articles=True, batch=4) for row in rows]
        scratch = tmp_path / "scratch" / action
        got = [row for rows in T.merged_events(load, with_articles=True, batch=4, scratch=scratch,
                                               parts=partial(pl._read_kept_parts, files, per_part=2))
               for row in rows]
        assert len(want) > 0
        pd.testing.assert_frame_equal(pd.DataFrame(got), pd.DataFrame(want), obj=action)
        assert list(scratch.iterdir()) == []  # every scratch file is read and deleted
        compared += len(want)
    assert compared > 8  # several batches of 4 events
    # and the whole merge written by spooled_timeline (which must file the rows on disk,
    # never read them whole) is the in-memory timeline
    def whole(*args, **kwargs):
        raise AssertionError("spooled_timeline read the rows' columns whole")

    want = nk.event_timeline(events, articles)
    monkeypatch.setattr(T, "_batches_in_memory", whole)
    pl.spooled_timeline(tmp_path / "spool", tmp_path / "timeline")
    monkeypatch.undo()
    got = pl.read_tables(tmp_path, ["timeline"])["timeline"]
    assert_same_tables({"timeline": got}, {"timeline": want})
    assert not list(tmp_path.glob(".newskit-merge-*"))  # its scratch folder is gone


def test_merge_with_parts_needs_scratch_and_the_same_rows(tmp_path, captures):
    from newskit.events import timeline as T

    articles = nk.load_articles(SAMPLE_PAGES, captured_at=captures)
    files = max((files for _, files in _spool(tmp_path, articles, nk.tariff_events(articles))), key=len)
    assert len(files) >= 2
    load = partial(pl._read_kept, files)
    with pytest.raises(ValueError, match="both parts and scratch"):
        next(T.merged_events(load, with_articles=True, parts=partial(pl._read_kept_parts, files)))
    short = partial(pl._read_kept_parts, files[:-1])
    with pytest.raises(ValueError, match="the parts hold .* rows, the key columns"):
        list(T.merged_events(load, with_articles=True, parts=short, scratch=tmp_path / "s"))
    assert list((tmp_path / "s").iterdir()) == []  # nothing left behind on the error
    # the same number of rows in another order, or more rows: the mention ids tell
    for wrong in (files[::-1], files + files[:1]):
        with pytest.raises(ValueError, match="the parts do not hold the rows of the key columns, in their order"):
            list(T.merged_events(load, with_articles=True, parts=partial(pl._read_kept_parts, wrong, per_part=1),
                                 scratch=tmp_path / "s"))
        assert list((tmp_path / "s").iterdir()) == []
