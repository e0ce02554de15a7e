"""RSS 2.0 and Atom feeds: one row per entry, instants right, HTML reduced safely."""
from __future__ import annotations

import gzip

import pandas as pd
import pytest

from newskit import load_articles
from newskit.paths import PROJECT_ROOT

SOURCES = PROJECT_ROOT / "tests" / "data" / "sources"
LEAKS = ("leak", "SECRET", "alert", "cookie", "color: red", "<p>", "</", "&amp;", "&lt;")


@pytest.fixture(scope="module")
def rss() -> pd.DataFrame:
    return load_articles(SOURCES / "feed_rss.xml")


@pytest.fixture(scope="module")
def atom() -> pd.DataFrame:
    return load_articles(SOURCES / "feed_atom.xml")


def test_rss_one_row_per_item_with_the_feed_title_as_outlet(rss):
    assert len(rss) == 3 and rss.attrs["rejected"].empty and rss.attrs["warnings"].empty
    assert rss["format"].tolist() == ["rss"] * 3
    assert rss["outlet"].tolist() == ["Japan Today"] * 3
    assert rss["position"].tolist() == [0, 1, 2] and rss["role"].tolist() == ["main"] * 3
    # <source> first; then the dateline's wire; then the outlet itself
    assert rss["source"].tolist() == ["Reuters", "Kyodo", "Japan Today"]
    assert rss["authors"].tolist() == [["David Lawder", "Kaori Kaneko"], [], ["Jane Doe"]]  # "By", e-mail dropped
    assert rss["url"].tolist()[0] == "https://japantoday.example/category/business/us-japan-agree-to-extend-tariff-talks"


def test_rss_times_keep_their_offset(rss):
    assert rss["published_at"].tolist() == [
        pd.Timestamp("2025-06-02 10:08", tz="UTC"),  # 19:08 +0900
        pd.Timestamp("2025-06-03 08:15", tz="UTC"),  # GMT
        pd.Timestamp("2025-06-04 01:30", tz="UTC"),  # 21:30 -0400, the next day in UTC
    ]
    assert rss["published_text"].tolist() == [
        "Mon, 02 Jun 2025 19:08:00 +0900", "Tue, 03 Jun 2025 08:15:00 GMT", "Tue, 03 Jun 2025 21:30:00 -0400"
    ]
    assert rss["date_precision"].tolist() == ["minute"] * 3 and rss["date_origin"].tolist() == ["explicit"] * 3


def test_rss_body_is_text_without_script_or_markup(rss):
    first, second, third = rss["body"]
    # content:encoded (the full text) wins over the description
    assert first.split("\n\n") == [
        "WASHINGTON (Reuters) - The United States and Japan agreed on Monday to keep negotiating on tariffs into July, officials from both governments said.",
        "Japan's chief negotiator Ryosei Akazawa met U.S. Commerce Secretary Howard Lutnick in Washington for more than two hours, the fifth round of talks since April.",
    ]
    assert rss["copyright"].tolist()[:2] == ["© Thomson Reuters 2025.", "© KYODO"]
    assert second.endswith("government data showed Tuesday.")
    assert third.split("\n\n")[1] == "Ottawa has said it will protect its workers."  # escaped HTML, unescaped once
    for body in rss["body"]:
        for leak in LEAKS:
            assert leak not in body, leak


def test_rss_offsets_are_the_item_elements(rss):
    text = (SOURCES / "feed_rss.xml").read_text(encoding="utf-8")
    for start, end in zip(rss["char_start"], rss["char_end"]):
        assert text[start:end].startswith("<item>") and text[start:end].endswith("</item>")


def test_atom_entries(atom):
    assert atom["format"].tolist() == ["atom", "atom"]
    assert atom["outlet"].tolist() == ["Euronews Business"] * 2
    assert atom["title"].tolist() == ["EU weighs response to U.S. steel tariffs & quotas", "Stocks in Europe edge higher"]
    # the Associated Press is a source, never an author
    assert atom["authors"].tolist() == [["Maria Rossi"], []]
    assert atom["source"].tolist() == ["AP", "Euronews Business"]
    # published when given, else updated; the -04:00 offset applied
    assert atom["published_at"].tolist() == [pd.Timestamp("2025-06-02 14:08", tz="UTC"), pd.Timestamp("2025-06-03 01:30", tz="UTC")]
    assert atom["body"].tolist() == [
        "BRUSSELS (AP) — The European Union said on Monday it was ready to respond to the doubling of U.S. steel tariffs.\n\nTalks will continue this week.",
        "European shares edged higher in early trading on Tuesday as investors waited for news on trade talks.\n\nCarmakers led the gains.",
    ]


def test_a_feed_with_bozo_errors_yields_what_it_can_and_records_the_problem():
    df = load_articles(SOURCES / "feed_bozo.xml")
    assert df["title"].tolist() == ["Rice prices rise again in May", "Exports fall for third month", "Tokyo stocks close higher"]
    assert df["published_at"].tolist()[0] == pd.Timestamp("2025-05-30", tz="UTC")  # 09:00 +0900
    warnings = df.attrs["warnings"]
    assert warnings["path"].tolist() == [str(SOURCES / "feed_bozo.xml")]
    reason = warnings["reason"].item()
    assert reason.startswith("not well-formed RSS (") and "undefined entity" in reason
    assert reason.endswith("3 entries recovered by feedparser's lenient parser")
    assert df.attrs["summary"] == (
        "loaded 3 articles from 1 of 1 files; 0 files rejected; 1 files loaded with warnings (see attrs['warnings'])"
    )
    # the truncated last item runs to the end of the file
    text = (SOURCES / "feed_bozo.xml").read_text(encoding="utf-8")
    assert df["char_end"].tolist()[-1] == len(text)


def test_gzip_feed_reads_like_the_plain_one(rss, tmp_path):
    path = tmp_path / "feed.xml.gz"
    path.write_bytes(gzip.compress((SOURCES / "feed_rss.xml").read_bytes()))
    df = load_articles(path)
    cols = [c for c in df.columns if c != "path"]
    pd.testing.assert_frame_equal(df[cols], rss[cols])


def test_xml_that_is_not_a_feed_is_rejected(write):
    path = write("sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>')
    df = load_articles(path)
    assert df.empty
    assert df.attrs["rejected"]["reason"].item().startswith("not a feed: no RSS or Atom entries")


# -- review fixes: hostile feeds ---------------------------------------------------------
def test_a_feed_file_holding_a_path_is_not_followed(write):
    # feedparser.parse(bytes) tries the bytes as a file name first: a ".rss" holding a
    # path ("/dev/zero", someone's private feed) must be read as itself
    df = load_articles(write("pointer.rss", str(SOURCES / "feed_rss.xml")))
    assert df.empty
    assert df.attrs["rejected"]["reason"].item().startswith("not a feed: no RSS or Atom entries")


def test_external_entities_are_not_resolved(write, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
            '<rss version="2.0"><channel><title>X</title><item><title>Rates &xxe;</title>'
            "<description>The bank held rates &xxe; on Tuesday.</description></item></channel></rss>")
    df = load_articles(write("xxe.xml", feed))
    assert len(df) == 1 and "TOPSECRET" not in df["title"].item() + df["body"].item()


def test_a_feed_without_a_title_is_named_by_its_link(write):
    feed = ('<rss version="2.0"><channel><link>https://www.nhk.example/news/</link><item><title>Rice prices rise</title>'
            "<description>Rice prices rose again in May.</description></item></channel></rss>")
    row = load_articles(write("untitled.rss", feed)).iloc[0]
    assert (row["outlet"], row["source"]) == ("nhk.example", "nhk.example")
