"""The sample corpus in data/: what the notebooks run on by default."""
from __future__ import annotations

import pandas as pd
import pytest

from newskit import load_articles, read_capture_times
from newskit.paths import SAMPLE_CAPTURES, SAMPLE_PAGES


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return load_articles(SAMPLE_PAGES, captured_at=read_capture_times(SAMPLE_CAPTURES))


def test_size_outlets_and_span(sample):
    assert len(sample) >= 40
    assert sample["outlet"].nunique() >= 6
    months = set(sample["published_at"].dt.strftime("%Y-%m"))
    assert {f"2025-{m:02d}" for m in range(1, 9)} <= months
    assert sample.attrs["rejected"].empty
    assert sample["article_id"].is_unique


def test_every_page_has_a_capture_time():
    files = {p.name for p in SAMPLE_PAGES.iterdir() if p.is_file()}
    assert set(read_capture_times(SAMPLE_CAPTURES)) == files


def test_every_article_dated_to_the_minute_or_day(sample):
    assert sample["published_at"].notna().all()
    assert set(sample["date_precision"]) <= {"minute", "hour", "day"}


def test_inferred_capture_days_agree_with_the_recorded_ones(sample):
    """Without capture times, newskit infers each page's capture day; check it
    against the recorded times (43 of 53 related items on the exact UTC day,
    all day-precision ones within a day, when this was written)."""
    inferred = load_articles(SAMPLE_PAGES)
    related = sample["role"] == "related"
    day = inferred["date_precision"] == "day"
    gap = (sample["published_at"].dt.normalize() - inferred["published_at"]).dt.days
    assert (inferred.loc[related, "date_origin"] == "inferred").all()
    assert (related & day).sum() >= 0.85 * related.sum()
    assert gap[related & day].abs().max() <= 1
    assert (gap[related & day] == 0).sum() >= 0.8 * (related & day).sum()
    # the coarse ones still have the month right
    coarse = related & ~day
    assert (sample.loc[coarse, "published_at"].dt.month == inferred.loc[coarse, "published_at"].dt.month).all()
