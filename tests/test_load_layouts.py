"""Layout variations real aggregator pages show."""
from __future__ import annotations

import pandas as pd

from newskit import load_articles

from .conftest import MAIN, item, page

CAPTURED = "2025-06-09T08:00:00+00:00"  # a Monday


def load_one(write, text: str, **kw) -> pd.DataFrame:
    df = load_articles(write("p.txt", text), **kw)
    assert df.attrs["rejected"].empty, df.attrs["rejected"]
    return df


def test_dateline_gives_the_source_and_stays_in_the_body(write):
    body = "TOKYO (Kyodo) -- Japan's exports fell 1.7 percent in May, the government said Monday."
    df = load_one(write, page(MAIN, [item("Japan Today", "2 hours ago", "Exports fall", body)]), captured_at=CAPTURED)
    row = df.iloc[1]
    assert row["source"] == "Kyodo"
    assert row["body"] == body
    assert row["authors"] == [] and pd.isna(row["copyright"])
    assert row["published_at"] == pd.Timestamp("2025-06-09 06:00", tz="UTC")
    assert row["date_precision"] == "hour"


def test_ap_and_reuters_datelines(write):
    items = [
        item("Euronews", "1 day ago", "EU weighs response", "BRUSSELS, June 8 (Reuters) - The European Union said on Sunday it would respond."),
        item("ABC News", "Yesterday", "Court rules", "WASHINGTON (AP) — A federal court ruled on Sunday that the tariffs were unlawful."),
    ]
    df = load_one(write, page(MAIN, items), captured_at=CAPTURED)
    assert df["source"].tolist()[1:] == ["Reuters", "AP"]
    assert df["published_at"].tolist()[1:] == [pd.Timestamp("2025-06-08", tz="UTC")] * 2
    assert df["date_precision"].tolist()[1:] == ["day", "day"]


def test_no_byline_and_no_copyright_credits_the_outlet(write):
    df = load_one(write, page(MAIN, [item("NHK World", "3 hours ago", "Rice prices", "Rice prices rose again in May, officials said.")]))
    row = df.iloc[1]
    assert row["outlet"] == "NHK World" and row["source"] == "NHK World"
    assert row["authors"] == []


def test_two_authors_and_role_words(write):
    body = "By David Lawder and Andrea Shalal, Reuters WASHINGTON (Reuters) - The U.S. and China agreed on Monday to cut tariffs. © Thomson Reuters 2025."
    df = load_one(write, page(MAIN, [item("Japan Today", "5 minutes ago", "U.S., China cut tariffs", body)]))
    row = df.iloc[1]
    assert row["authors"] == ["David Lawder", "Andrea Shalal"]
    assert row["source"] == "Reuters"
    assert row["body"] == "WASHINGTON (Reuters) - The U.S. and China agreed on Monday to cut tariffs."


def test_byline_on_its_own_line_and_several_paragraphs(write):
    body = "By MARI YAMAGUCHI\nFirst paragraph of the story.\nSecond paragraph, longer.\nThird and last. © Copyright 2025 The Associated Press. All rights reserved."
    df = load_one(write, page(MAIN, [item("Japan Today", "1 hour ago", "A long story", body)]))
    row = df.iloc[1]
    assert row["authors"] == ["Mari Yamaguchi"]
    assert row["body"] == "First paragraph of the story.\n\nSecond paragraph, longer.\n\nThird and last."
    assert row["source"] == "AP"


def test_all_caps_byline_before_all_caps_dateline(write):
    body = "By MARI YAMAGUCHI TOKYO (AP) — Japan's economy shrank in the first quarter."
    df = load_one(write, page(MAIN, [item("Japan Today", "1 hour ago", "Economy shrinks", body)]))
    assert df.iloc[1]["authors"] == ["Mari Yamaguchi"]
    assert df.iloc[1]["body"] == "TOKYO (AP) — Japan's economy shrank in the first quarter."


def test_missing_related_section(write):
    df = load_one(write, MAIN + "\n")
    assert len(df) == 1
    row = df.iloc[0]
    assert row["title"] == "Japan and U.S. hold fifth round of tariff talks"
    assert row["body"] == "Japan's top negotiator held talks in Washington on Friday.\n\nBoth sides said progress was made."
    assert row["source"] == "The Yomiuri Shimbun"
    assert row["outlet"] == "The Yomiuri Shimbun"  # no aggregator named on the page
    assert row["published_at"] == pd.Timestamp("2025-06-07", tz="UTC")


def test_item_with_title_but_no_body(write):
    items = [item("Kyodo News", "10 minutes ago", "Breaking: Japan to respond"), item("NHK World", "12 minutes ago", "Another", "Body text here.")]
    df = load_one(write, page(MAIN, items))
    assert df["title"].tolist()[1:] == ["Breaking: Japan to respond", "Another"]
    assert df.iloc[1]["body"] == "" and df.iloc[1]["word_count"] == 0


def test_item_with_outlet_and_time_only_is_recorded_as_skipped(write):
    text = page(MAIN, [item("NHK World", "12 minutes ago", "Another", "Body."), "Kyodo News\n10 minutes ago\n- Kyodo News"])
    df = load_one(write, text)
    assert len(df) == 2
    skipped = df.attrs["skipped"]
    assert skipped["position"].tolist() == [2]
    assert "has no title or body" in skipped["reason"].iloc[0]
    assert "1 items skipped" in df.attrs["summary"]


def test_truncated_last_item(write):
    text = page(MAIN, [item("Japan Today", "2 hours ago", "Full story", "Complete text. © KYODO"),
                       item("Japan Today", "3 hours ago", "Cut off", "By Jane Doe The government said it would raise the tari")])
    df = load_one(write, text.rstrip("\n"))
    assert df.iloc[2]["body"] == "The government said it would raise the tari"
    assert df.iloc[2]["authors"] == ["Jane Doe"]


def test_crlf_line_ends_give_the_same_articles(write):
    text = page(MAIN, [item("Japan Today", "2 hours ago", "Story", "Text of it. © KYODO")])
    lf = load_articles(write("lf.txt", text))
    crlf = load_articles(write("crlf.txt", text.replace("\n", "\r\n")))
    cols = ["article_id", "title", "body", "source", "copyright", "published_at"]
    pd.testing.assert_frame_equal(lf[cols], crlf[cols])
    raw = text.replace("\n", "\r\n")
    for _, row in crlf.iterrows():
        assert raw[row["char_start"]: row["char_end"]].startswith(row["title"] if row["role"] == "main" else "Japan Today\r\n")


def test_page_without_main_article(write):
    df = load_one(write, page("", [item("Japan Today", "June 3, 2025", "Dated item", "Text.")], boilerplate=False))
    assert df["role"].tolist() == ["related"]
    assert df.iloc[0]["published_at"] == pd.Timestamp("2025-06-03", tz="UTC")
    assert df.iloc[0]["date_origin"] == "explicit"


def test_inference_without_weekday_evidence_is_coarse(write):
    df = load_one(write, page(MAIN, [item("Japan Today", "2 hours ago", "Story", "Nothing about days.")]))
    row = df.iloc[1]
    # saved on or after Saturday 2025-06-07, month known: the 1st of June
    assert row["published_at"] == pd.Timestamp("2025-06-01", tz="UTC")
    assert (row["date_precision"], row["date_origin"]) == ("month", "inferred")


def test_inference_with_item_ages(write):
    # main: Saturday 2025-06-07; an item one day old says "said Friday" ->
    # captured Saturday, the item published Friday 2025-06-06... but the page
    # is at least the 7th: capture = Sat 7th, item = Fri 6th.
    items = [item("Japan Today", "1 day ago", "Story", "Officials said Friday that talks would go on.")]
    df = load_one(write, page(MAIN, items))
    assert df.iloc[1]["published_at"] == pd.Timestamp("2025-06-06", tz="UTC")
    assert df.iloc[1]["date_precision"] == "day"


def test_no_dates_anywhere(write):
    text = "A title\nSome text.\n(From Kyodo)\n"
    df = load_one(write, text)
    assert pd.isna(df.iloc[0]["published_at"]) and pd.isna(df.iloc[0]["date_origin"])
    assert df.iloc[0]["source"] == "Kyodo"


def test_captured_at_mapping_by_file_name(write):
    a = write("a.txt", page(MAIN, [item("Japan Today", "1 hour ago", "A", "x.")]))
    b = write("b.txt", page(MAIN, [item("Japan Today", "1 hour ago", "B", "y.")]))
    df = load_articles([a, b], captured_at={"a.txt": "2025-06-09T10:00:00Z", str(b): "2025-06-10T10:00:00Z"})
    assert df.loc[df.title == "A", "published_at"].item() == pd.Timestamp("2025-06-09 09:00", tz="UTC")
    assert df.loc[df.title == "B", "published_at"].item() == pd.Timestamp("2025-06-10 09:00", tz="UTC")


def test_yesterday_is_the_capture_day_before_in_its_time_zone(write):
    text = page(MAIN, [item("Japan Today", "Yesterday", "Y", "x.")])
    df = load_one(write, text, captured_at="2025-06-10T05:00:00+09:00")  # 9 June 20:00 UTC
    assert df.iloc[1]["published_at"] == pd.Timestamp("2025-06-09", tz="UTC")


def test_duplicate_article_on_two_pages_is_loaded_once(write):
    same = item("Japan Today", "1 hour ago", "Same story", "Same text. © KYODO")
    a = write("a.txt", page(MAIN, [same]))
    b = write("b.txt", page(MAIN.replace("fifth", "sixth"), [same]))
    df = load_articles([a, b])
    assert len(df) == 3 and df["article_id"].is_unique
    skipped = df.attrs["skipped"]
    assert len(skipped) == 1 and skipped["path"].iloc[0] == str(b)
    assert skipped["reason"].iloc[0].startswith("exact copy of an article already loaded from")
