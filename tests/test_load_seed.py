"""The seed page: exactly 4 articles, every field checked."""
from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from newskit import load_articles
from newskit.schema import ARTICLE_COLUMNS, names

from .conftest import SEED, SEED_CAPTURED_AT, SEED_NAME, SHARED, needs_shared

TEXT = SEED.read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return load_articles(SEED, captured_at=SEED_CAPTURED_AT)


@pytest.fixture(scope="module")
def seed_inferred() -> pd.DataFrame:
    return load_articles(SEED)


def blake(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=8)
    for p in parts:
        h.update(p.encode() + b"\x1f")
    return h.hexdigest()


@needs_shared
def test_sample_copy_is_the_seed():
    assert SEED.read_bytes() == (SHARED / "seed" / SEED_NAME).read_bytes()


def test_four_articles_with_every_column(seed):
    assert len(seed) == 4
    assert list(seed.columns) == names()
    for col in ARTICLE_COLUMNS:
        assert str(seed[col.name].dtype) == str(pd.Series([], dtype=col.dtype).dtype), col.name
    assert seed.attrs["summary"] == "loaded 4 articles from 1 of 1 files; 0 files rejected"
    assert seed.attrs["rejected"].empty and seed.attrs["skipped"].empty


# (title, outlet, source, authors, copyright, captions, published_text)
EXPECTED = [
    (
        "Tariff Negotiations: Time To Deepen Japan-U.S. Cooperation through Industrial Collaboration",
        "Daily8", "The Yomiuri Shimbun", [], None, [], "June 1, 2025",
    ),
    (
        "Ishiba may seek snap election if no-confidence motion submitted",
        "Japan Today", "Kyodo", [], "© KYODO",
        ["Prime Minister Shigeru Ishiba speaks to media at his official residence in Tokyo."],
        "32 minutes ago",
    ),
    (
        "U.S. pushes countries for best offers by Wednesday as tariff deadline looms",
        "Japan Today", "Reuters", ["Jarrett Renshaw"], "© Thomson Reuters 2025.",
        ["FILE PHOTO: Cranes at the Port of Los Angeles are empty of cargo ships as shown with a "
         "drone at in San Pedro California, U.S., May 13, 2025. REUTERS/Mike Blake/File Photo"],
        "36 minutes ago",
    ),
    (
        "More white South Africans arrive in U.S. under a new refugee program",
        "Japan Today", "AP", ["Michelle Gumede"],
        "© Copyright 2025 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed without permission.",
        [], "36 minutes ago",
    ),
]


@pytest.mark.parametrize("i", range(4))
def test_credits_and_titles(seed, i):
    row = seed.iloc[i]
    title, outlet, source, authors, notice, captions, when = EXPECTED[i]
    assert row["title"] == title
    assert row["outlet"] == outlet
    assert row["source"] == source
    assert row["authors"] == authors
    assert (pd.isna(row["copyright"]) if notice is None else row["copyright"] == notice)
    assert row["captions"] == captions
    assert row["published_text"] == when
    assert row["role"] == ("main" if i == 0 else "related")
    assert row["position"] == i
    assert row["language"] == "en"
    assert row["encoding"] == "utf-8"
    assert row["path"] == str(SEED)


# (first words, last words, paragraphs, word count) of each body
BODIES = [
    ("New forms of industrial collaboration between Japan and the United States",
     "depends on whether it revises its high tariff policy.", 15, 544),
    ("Japanese Prime Minister Shigeru Ishiba may dissolve the House of Representatives",
     "enactment before the session ends on June 22.", 1, 349),
    ("The Trump administration wants countries to provide their best offer",
     "so it is important that we continue our discussions on these matters,\" the draft says.", 1, 664),
    ("A second group of white South Africans has arrived in the United States",
     "Another group helping white South Africans apply for refugee status has said tens of thousands have applied.", 1, 457),
]


@pytest.mark.parametrize("i", range(4))
def test_body_is_prose_only(seed, i):
    body = seed.iloc[i]["body"]
    first, last, paragraphs, words = BODIES[i]
    assert body.startswith(first)
    assert body.endswith(last)
    assert len(body.split("\n\n")) == paragraphs
    # white-space tokens less lone dashes: "Corp.'s" and "8,000" are one word each
    assert seed.iloc[i]["word_count"] == words
    assert abs(len(body.split()) - words) <= 0.02 * words
    for junk in ("Hashtags", "Try Our AI", "Related Articles", "©", "REUTERS/", "By Jarrett",
                 "MICHELLE GUMEDE", "(From The Yomiuri", "speaks to media at his official residence"):
        assert junk not in body
    # every paragraph is text of the page, verbatim
    for para in body.split("\n\n"):
        assert para in TEXT


def test_main_paragraphs_are_the_page_lines(seed):
    lines = [ln for ln in TEXT.split("\n") if ln.strip()]
    assert seed.iloc[0]["body"].split("\n\n") == lines[1:16]


@pytest.mark.parametrize("i", range(4))
def test_ids_and_offsets(seed, i):
    row = seed.iloc[i]
    assert row["article_id"] == blake(row["outlet"], row["title"], row["body"])
    assert row["page_id"] == blake(TEXT)
    span = TEXT[row["char_start"]: row["char_end"]]
    if i == 0:
        assert span.startswith(row["title"]) and span.endswith("(From The Yomiuri Shimbun, June 1, 2025)")
        assert row["char_start"] == 1  # the file opens with a blank line
    else:
        assert span.startswith(f"Japan Today\n{row['published_text']}\n- Japan Today\n{row['title']}\n")
        assert span.endswith(EXPECTED[i][4])
    assert seed["article_id"].is_unique


def test_ids_stable_across_runs_and_paths(seed, tmp_path):
    copy = tmp_path / "elsewhere.txt"
    copy.write_bytes(SEED.read_bytes())
    again = load_articles(copy, captured_at=SEED_CAPTURED_AT)
    assert again["article_id"].tolist() == seed["article_id"].tolist()
    assert again["page_id"].tolist() == seed["page_id"].tolist()
    # golden ids: a change here breaks every saved table and notebook
    assert seed["article_id"].tolist() == ["5f03adbc873e26b4", "947e6efb4e71e667", "d2ca5f82247f8bcb", "5a9462c06be859e1"]


def test_dates_with_captured_at(seed):
    assert seed["published_at"].tolist() == [
        pd.Timestamp("2025-06-01", tz="UTC"),
        pd.Timestamp("2025-06-02 10:08", tz="UTC"),  # 19:40 JST less 32 minutes
        pd.Timestamp("2025-06-02 10:04", tz="UTC"),
        pd.Timestamp("2025-06-02 10:04", tz="UTC"),
    ]
    assert seed["date_precision"].tolist() == ["day", "minute", "minute", "minute"]
    assert seed["date_origin"].tolist() == ["explicit", "relative", "relative", "relative"]


def test_dates_inferred_from_the_page(seed_inferred):
    # Main article: Sunday 2025-06-01. The related items say "said Monday" and
    # are minutes old: the page was saved on Monday 2025-06-02.
    df = seed_inferred
    assert df["published_at"].tolist() == [pd.Timestamp("2025-06-01", tz="UTC")] + [
        pd.Timestamp("2025-06-02", tz="UTC")
    ] * 3
    assert df["date_precision"].tolist() == ["day"] * 4
    assert df["date_origin"].tolist() == ["explicit", "inferred", "inferred", "inferred"]
    assert df["published_text"].tolist() == ["June 1, 2025", "32 minutes ago", "36 minutes ago", "36 minutes ago"]


def test_input_frame_not_needed_twice(seed):
    """Loading twice gives equal tables (deterministic)."""
    pd.testing.assert_frame_equal(seed, load_articles(SEED, captured_at=SEED_CAPTURED_AT))
