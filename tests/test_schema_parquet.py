"""The schema is documented, and the table round-trips through Parquet."""
from __future__ import annotations

import pandas as pd
import pytest

from newskit import load_articles, save_articles
from newskit.paths import PROJECT_ROOT
from newskit.schema import ARTICLE_COLUMNS, coerce, describe, empty

from .conftest import MAIN, SEED, SEED_CAPTURED_AT, item, page


def test_readme_documents_every_column():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for col in ARTICLE_COLUMNS:
        assert f"| `{col.name}` |" in readme, col.name


def test_describe_lists_the_columns_in_order():
    assert describe()["column"].tolist() == [c.name for c in ARTICLE_COLUMNS]


def test_empty_table_has_the_dtypes():
    df = empty()
    assert df.empty and list(df.columns) == [c.name for c in ARTICLE_COLUMNS]
    assert str(df["published_at"].dtype) == "datetime64[ns, UTC]"


def test_coerce_names_missing_columns():
    with pytest.raises(ValueError, match=r"missing columns \['article_id'.*available: \['x'\]"):
        coerce(pd.DataFrame({"x": [1]}))


def test_parquet_round_trip(write, tmp_path):
    bad = write("c/empty.txt", b"")
    good = write("c/p.txt", page(MAIN, [item("NHK World", "12 minutes ago", "Another", "Body."), "Kyodo News\n10 minutes ago"]))
    df = load_articles([SEED, good, bad], captured_at=SEED_CAPTURED_AT)
    path = save_articles(df, tmp_path / "corpus.parquet")
    again = load_articles(path)
    pd.testing.assert_frame_equal(again, df)
    assert again["authors"].map(type).eq(list).all() and again["captions"].map(type).eq(list).all()
    for key in ("rejected", "skipped"):
        pd.testing.assert_frame_equal(again.attrs[key], df.attrs[key])
    assert len(again.attrs["rejected"]) == 1
    assert again.attrs["summary"].startswith("loaded 6 articles from 1 of 1 files")


def test_save_does_not_mutate_and_rejects_non_tables(tmp_path):
    df = load_articles(SEED)
    before = df.copy()
    save_articles(df, tmp_path / "a.parquet")
    pd.testing.assert_frame_equal(df, before)
    with pytest.raises(ValueError, match="missing columns"):
        save_articles(pd.DataFrame({"title": ["x"]}), tmp_path / "b.parquet")


def test_foreign_parquet_is_a_reject(tmp_path):
    pd.DataFrame({"headline": ["x"]}).to_parquet(tmp_path / "other.parquet")
    df = load_articles(tmp_path)
    assert df.empty
    reason = df.attrs["rejected"]["reason"].item()
    assert reason.startswith("not a newskit article table: missing columns")


def test_coerce_refuses_a_value_outside_fixed_categories():
    df = load_articles(SEED, captured_at=SEED_CAPTURED_AT)
    df["role"] = df["role"].astype(object)
    df.loc[1, "role"] = "sidebar"
    with pytest.raises(ValueError, match="'role'.*sidebar"):
        coerce(df)


def test_repeated_labels_are_categoricals_and_text_is_arrow_backed():
    df = load_articles(SEED, captured_at=SEED_CAPTURED_AT)
    for col in ("outlet", "source", "encoding", "language", "role", "format"):
        assert isinstance(df[col].dtype, pd.CategoricalDtype), col
    assert df["body"].dtype.storage == "pyarrow"
    assert df["outlet"].tolist()[:2] == ["Daily8", "Japan Today"]


def test_a_slice_of_the_table_saves_its_rows(tmp_path):
    df = load_articles(SEED, captured_at=SEED_CAPTURED_AT)
    part = df.iloc[2:]
    back = load_articles(save_articles(part, tmp_path / "part.parquet"))
    assert back["article_id"].tolist() == part["article_id"].tolist()
    assert back["title"].notna().all()
