"""newskit.dask on a 2-worker LocalCluster: the same tables as the verbs on the whole table."""
from __future__ import annotations

import shutil

import pytest

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import newskit as nk  # noqa: E402
from newskit import dask as nd  # noqa: E402
from newskit import pipeline as pl  # noqa: E402
from newskit.paths import SAMPLE_CAPTURES, SAMPLE_PAGES  # noqa: E402
from tests.test_pipeline import assert_same_tables, whole_tables  # noqa: E402

CAPTURED = "2025-09-01T00:00:00+00:00"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """~300 generated articles, with exact copies and near copies in other partitions."""
    from benchmarks.corpus import generate

    folder = tmp_path_factory.mktemp("generated")
    paths = generate(folder, 75, seed=7, words=300)
    shutil.copy(paths[3], folder / "000090.txt")   # exact copies: skipped, not loaded twice
    shutil.copy(paths[40], folder / "000091.txt")
    for k, src in enumerate((paths[10], paths[60])):  # near copies: a sentence added under the headline
        lines = src.read_text(encoding="utf-8").split("\n")
        (folder / f"00009{2 + k}.txt").write_text("\n".join(lines[:1] + ["An added sentence for this copy."] + lines[1:]),
                                                  encoding="utf-8")
    return folder


def test_sample_corpus_through_a_scheduler_address(cluster, tmp_path):
    captures = nk.read_capture_times(SAMPLE_CAPTURES)
    result = nd.run(SAMPLE_PAGES, tmp_path, client=cluster.scheduler_address, npartitions=3, captured_at=captures)
    assert result.chunks == 3 and result.articles == 71
    want = whole_tables(nk.load_articles(SAMPLE_PAGES, captured_at=captures))
    assert_same_tables(pl.read_tables(tmp_path), want)


def test_generated_corpus_equals_the_pandas_path(client, generated, tmp_path):
    result = nd.run(generated, tmp_path / "dask", client=client, files_per_partition=16, captured_at=CAPTURED)
    whole = nk.load_articles(generated, captured_at=CAPTURED)
    want = whole_tables(whole)
    got = pl.read_tables(tmp_path / "dask")
    assert_same_tables(got, want)
    # the corpus exercises what it should: copies across partitions, duplicate groups, merged events
    assert result.chunks == 5 and result.skipped_copies == len(whole.attrs["skipped"]) > 0
    groups = got["duplicates"]
    assert (groups["story_id"] != groups["article_id"]).sum() == 2
    assert groups["is_canonical"].sum() == groups["story_id"].nunique()
    assert (want["timeline"]["n_mentions"] > 1).any() and want["timeline"]["event_id"].str.contains("-").any()
    # and the pandas chunked path writes the same tables
    pl.run(generated, tmp_path / "pandas", chunk_files=20, captured_at=CAPTURED)
    assert_same_tables(pl.read_tables(tmp_path / "pandas"), got)


def test_bad_arguments_say_what_is_expected(tmp_path):
    with pytest.raises(ValueError, match="npartitions must be an int >= 1; got 0"):
        nd.run(SAMPLE_PAGES, tmp_path, npartitions=0)
    with pytest.raises(ValueError, match=r"unknown stage 'links'; expected some of \['dates'"):
        nd.run(SAMPLE_PAGES, tmp_path, stages=["links"])
