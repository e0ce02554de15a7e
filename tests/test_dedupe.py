"""group_duplicates: syndicated copies share a story; different stories on one event do not."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from newskit import load_articles
from newskit.dedupe import DEDUPE_COLUMNS, THRESHOLD, group_duplicates, minhash_signatures
from newskit.paths import SAMPLE_PAGES
from newskit.schema import STRING

# A wire story (invented, in the style of the sample corpus) and what outlets do to it.
WIRE = [
    "The United States will double tariffs on imported steel and aluminum to 50 percent from Wednesday, "
    "President Donald Trump said on Friday, in a move that drew swift criticism from trading partners in Europe and Asia.",
    "Speaking at a steel plant near Pittsburgh, Trump said the higher duties would protect American jobs and "
    "strengthen national security, and that no country would be exempt unless it reached a trade agreement with Washington.",
    "The European Commission said it regretted the decision and was ready to take countermeasures, while "
    "Japan's chief trade negotiator said Tokyo would continue to seek an exemption for its exporters.",
    "Steel prices in the United States rose sharply after the announcement, and shares of domestic producers "
    "climbed in after-hours trading, while automakers warned that higher input costs would be passed on to buyers.",
    "Economists said the tariffs could add to inflation later this year and weigh on manufacturing activity "
    "in countries that rely on exports of metal products to the United States.",
]
CAPTION = "FILE PHOTO: Steel coils are stacked at a port in Tokyo, May 13, 2025. REUTERS/Issei Kato/File Photo"
# Different stories on the same event: same names, numbers and even a quote, other words.
AP_STORY = [
    "WASHINGTON (AP) — President Donald Trump on Friday announced that tariffs on steel and aluminum imports "
    "would rise to 50 percent next week, a step he said would protect American jobs.",
    "Trump made the announcement at a rally in Pennsylvania, where he praised a planned investment in the "
    "state's steel industry and called the higher duty a win for workers.",
    "Canada, the largest supplier of steel to the United States, said it was studying the order and would "
    "defend its industry, and Mexican officials asked for talks.",
]
KYODO_STORY = [
    "TOKYO (Kyodo) -- Japan's government said Saturday it would urge Washington to exclude Japanese steel "
    "from the 50 percent tariff announced by President Donald Trump on Friday.",
    "Industry minister Yoji Muto told reporters that the measure would hurt cooperation between the two "
    "countries, and that Tokyo would continue talks with U.S. officials in the coming week.",
    "Japanese steelmakers exported about 1 million tons of steel to the United States last year, "
    "according to industry data, a small share of their overall shipments.",
]


def _frame(rows: list[tuple[str, str, str, list[str], str]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["article_id", "outlet", "title", "paragraphs", "published_at"])
    df["body"] = df.pop("paragraphs").map("\n\n".join)
    df["published_at"] = pd.to_datetime(df["published_at"], utc=True, format="ISO8601")
    df["word_count"] = df["body"].str.split().str.len()
    return df


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    return _frame([
        # (id, outlet, title, paragraphs, published) — the reason each row is here
        ("a0", "Reuters", "U.S. to double steel, aluminum tariffs to 50%", WIRE, "2025-05-31 01:10"),  # the wire's own copy
        ("a1", "Japan Today", "Trump doubles metal tariffs, partners cry foul", WIRE, "2025-05-31 05:00"),  # another headline
        ("a2", "The Japan Times", "U.S. to double steel tariffs", ["WASHINGTON (Reuters) - " + WIRE[0], *WIRE[1:]], "2025-05-31 03:00"),  # a dateline added
        ("a3", "CNA", "US to double steel tariffs to 50%", WIRE[:-1], "2025-05-31 02:00"),  # the last paragraph trimmed
        ("a4", "Euronews", "Steel tariffs to double", [CAPTION, *WIRE], "2025-06-01 08:00"),  # a photo caption above
        ("a5", "NHK World", "Trump: steel tariffs to 50%", ["WASHINGTON (Reuters) - " + WIRE[0], *WIRE[1:-1]], "2025-05-31"),  # dateline + trimmed, dated to the day
        ("b0", "AP News", "Trump says steel tariffs will rise to 50%", AP_STORY, "2025-05-30 22:00"),  # same event, another story
        ("c0", "Kyodo News", "Japan to seek exemption from 50% U.S. steel tariff", KYODO_STORY, "2025-05-31 06:00"),  # same event, another story
        ("c1", "Japan Today", "Japan seeks steel tariff exemption", KYODO_STORY, None),  # a copy of it, undated
    ])


@pytest.fixture(scope="module")
def grouped(articles) -> pd.DataFrame:
    return group_duplicates(articles)


def test_copies_group_and_different_stories_do_not(grouped):
    story = dict(zip(grouped["article_id"], grouped["story_id"]))
    assert len({story[k] for k in ("a0", "a1", "a2", "a3", "a4", "a5")}) == 1
    assert story["b0"] not in {story["a0"], story["c0"]}  # the AP story shares names, numbers and the event, not the text
    assert story["c0"] == story["c1"] != story["a0"]
    assert grouped["story_id"].nunique() == 3


def test_canonical_is_the_earliest_day_then_the_fullest_copy(grouped):
    canonical = grouped.loc[grouped["is_canonical"], "article_id"].tolist()
    # story a: a4 is from June 1, the others from May 31; of those, a2 has the
    # most words (the full text and a dateline), though a0 was published first.
    # story c: c1 is undated, so the dated c0 is canonical.
    assert canonical == ["a2", "b0", "c0"]
    assert grouped.groupby("story_id")["is_canonical"].sum().eq(1).all()


def test_story_id_is_the_canonical_copys_article_id(grouped):
    assert grouped.loc[grouped["is_canonical"], "story_id"].tolist() == ["a2", "b0", "c0"]
    assert grouped["story_id"].tolist() == ["a2"] * 6 + ["b0", "c0", "c0"]


def test_counts_by_story_and_by_outlet(grouped):
    by_story = grouped.groupby("story_id").size().sort_values(ascending=False)
    assert by_story.tolist() == [6, 2, 1]
    by_outlet = grouped.groupby("outlet")["story_id"].nunique()
    assert by_outlet["Japan Today"] == 2  # one copy each of two stories


def test_columns_dtypes_and_input_unchanged(articles, grouped):
    before = articles.copy()
    out = group_duplicates(articles)
    pd.testing.assert_frame_equal(articles, before)
    assert list(out.columns) == list(articles.columns) + [c.name for c in DEDUPE_COLUMNS]
    assert out["story_id"].dtype == STRING and out["is_canonical"].dtype == bool
    pd.testing.assert_frame_equal(out, grouped)  # deterministic


def test_threshold_one_groups_only_identical_bodies(articles):
    out = group_duplicates(articles, threshold=1.0)
    story = dict(zip(out["article_id"], out["story_id"]))
    assert story["a1"] == story["a0"] and story["c1"] == story["c0"]  # same body, other headline
    assert story["a3"] != story["a0"]


@pytest.mark.parametrize(
    "frame, kwargs, message",
    [
        (pd.DataFrame({"title": ["x"]}), {}, r"columns \['article_id', 'body', 'published_at', 'word_count'\] not in DataFrame; available: \['title'\]"),
        (None, {"threshold": 0}, r"threshold must be in \(0, 1\]; got 0"),
        (None, {"threshold": 1.5}, r"threshold must be in \(0, 1\]; got 1.5"),
    ],
)
def test_bad_input_raises(articles, frame, kwargs, message):
    with pytest.raises(ValueError, match=message):
        group_duplicates(articles if frame is None else frame, **kwargs)


def test_signatures_are_stable_across_runs_and_machines():
    # no salted hashing: these values must never change (saved story ids depend on them)
    sig = minhash_signatures(["the cat sat on the mat"])[0]
    again = minhash_signatures(["The cat sat on the mat."])[0]
    assert (sig == again).all()
    assert sig.dtype == np.uint64 and len(sig) == 128
    empty = minhash_signatures([""])[0]
    assert (empty == np.iinfo(np.uint64).max).all()


def test_sample_corpus_has_no_false_copies():
    # the sample's stories cover the same tariff events; none is a copy of another
    df = group_duplicates(load_articles(SAMPLE_PAGES))
    assert df["story_id"].is_unique and df["is_canonical"].all()
    assert THRESHOLD == 0.5
