"""Saved HTML pages: trafilatura's text, newskit's credits, dates and layout rules."""
from __future__ import annotations

import pandas as pd
import pytest

from newskit import load_articles
from newskit.load.html import _vetted_date, page_text
from newskit.paths import PROJECT_ROOT

from .conftest import SEED, SEED_CAPTURED_AT

SOURCES = PROJECT_ROOT / "tests" / "data" / "sources"
AGGREGATOR = SOURCES / "aggregator.html"


@pytest.fixture(scope="module")
def wire() -> pd.DataFrame:
    return load_articles(SOURCES / "article_wire.html")


# -- an aggregator page in HTML splits like the text page it renders ------------------
SAME_AS_TEXT = ["article_id", "title", "body", "outlet", "source", "authors", "copyright", "captions",
                "published_at", "published_text", "date_precision", "date_origin", "role", "position",
                "language", "word_count"]


@pytest.mark.parametrize("captured_at", [SEED_CAPTURED_AT, None], ids=["captured_at", "inferred"])
def test_aggregator_html_gives_the_articles_of_the_seed_text(captured_at):
    html = load_articles(AGGREGATOR, captured_at=captured_at)
    text = load_articles(SEED, captured_at=captured_at)
    assert len(html) == 4 and html.attrs["rejected"].empty and html.attrs["warnings"].empty
    # the same page in two formats: every article field agrees (ids included)
    pd.testing.assert_frame_equal(html[SAME_AS_TEXT], text[SAME_AS_TEXT])
    assert html["format"].tolist() == ["html"] * 4 and text["format"].tolist() == ["text"] * 4
    assert html["encoding"].tolist() == ["utf-8"] * 4


def test_aggregator_html_urls_and_offsets():
    df = load_articles(AGGREGATOR)
    assert df["url"].tolist() == [
        "https://daily8.example/news/tariff-negotiations-time-to-deepen-japan-us-cooperation",  # canonical link
        "https://japantoday.example/category/politics/ishiba-may-seek-snap-election-if-no-confidence-motion-submitted",
        "https://japantoday.example/category/business/u.s.-pushes-countries-for-best-offers-by-wednesday-as-tariff-deadline-looms",
        "https://japantoday.example/category/world/more-white-south-africans-arrive-in-u.s.-under-a-new-refugee-program",
    ]
    text = page_text(AGGREGATOR.read_text(encoding="utf-8"))
    spans = [text[a:b] for a, b in zip(df["char_start"], df["char_end"])]
    assert spans[0].startswith(df["title"][0] + "\n") and spans[0].endswith("(From The Yomiuri Shimbun, June 1, 2025)")
    assert spans[1].startswith("Japan Today\n32 minutes ago\n- Japan Today\n" + df["title"][1])
    # chrome is not page text: breadcrumbs stay, scripts, navigation and the site footer go
    assert "window.__STATE__" not in text and "About Daily8" not in text and "Post" not in text.split("\n")


# -- an article page: newskit's rules where trafilatura is weak ------------------------
def test_wire_article_authors_are_a_list_and_the_wire_is_the_source(wire):
    row = wire.iloc[0]
    # trafilatura says "David Lawder; Reuters" (the meta tag); the byline adds Kaori Kaneko
    assert row["authors"] == ["David Lawder", "Kaori Kaneko"]
    assert row["source"] == "Reuters" and row["outlet"] == "Japan Today"
    assert row["copyright"] == "© Thomson Reuters 2025."
    assert row["captions"] == ["FILE PHOTO: Containers are stacked at a port in Yokohama, May 13, 2025. REUTERS/Issei Kato/File Photo"]


def test_wire_article_body_is_the_prose_only(wire):
    row = wire.iloc[0]
    body = row["body"]
    assert row["title"] == "U.S., Japan agree to extend tariff talks into July"
    assert body.startswith("WASHINGTON (Reuters) - The United States and Japan agreed on Monday")
    assert body.endswith("while the yen was little changed against the dollar.")
    assert len(body.split("\n\n")) == 5
    for junk in ("do-not-leak", "dataLayer", "Most popular", "GPlusMedia", "©", "FILE PHOTO", "By David", "Search", "Politics"):
        assert junk not in body, junk
    assert row["word_count"] == 152 and row["language"] == "en"
    assert (row["format"], row["encoding"], row["role"], row["position"]) == ("html", "utf-8", "main", 0)


def test_wire_article_date_from_markup_with_its_offset(wire):
    row = wire.iloc[0]
    assert row["published_at"] == pd.Timestamp("2025-06-02 10:08", tz="UTC")  # 19:08 JST
    assert (row["date_precision"], row["date_origin"]) == ("minute", "explicit")
    assert row["published_text"] == "2025-06-02T19:08:00+09:00"
    assert row["url"] == "https://japantoday.example/category/business/us-japan-agree-to-extend-tariff-talks"


def test_relative_time_resolves_against_captured_at():
    df = load_articles(SOURCES / "article_relative.html", captured_at="2025-06-02T19:40:00+09:00")
    row = df.iloc[0]
    assert row["published_text"] == "32 minutes ago"
    assert row["published_at"] == pd.Timestamp("2025-06-02 10:08", tz="UTC")
    assert (row["date_precision"], row["date_origin"]) == ("minute", "relative")
    assert (row["source"], row["copyright"]) == ("Kyodo", "© KYODO")


def test_relative_time_without_a_capture_time_or_a_printed_date_stays_unknown():
    # the footer says "Copyright © 2024": not a publication date, not a lower bound
    row = load_articles(SOURCES / "article_relative.html").iloc[0]
    assert pd.isna(row["published_at"]) and pd.isna(row["date_precision"]) and pd.isna(row["date_origin"])
    assert row["published_text"] == "32 minutes ago"


def test_a_copyright_year_is_not_a_publication_date():
    import trafilatura

    html = (SOURCES / "copyright_only.html").read_text(encoding="utf-8")
    # trafilatura (htmldate's default extensive search) takes the footer's year
    assert trafilatura.bare_extraction(html, with_metadata=True).date == "2023-01-01"
    row = load_articles(SOURCES / "copyright_only.html").iloc[0]
    assert pd.isna(row["published_at"]) and pd.isna(row["published_text"])
    text = page_text(html)
    assert _vetted_date("2023-01-01", text) == (None, None)
    # a January 1 the page prints is a date; any other day is kept at day precision
    assert _vetted_date("2025-01-01", "Published January 1, 2025")[0] == (pd.Timestamp("2025-01-01", tz="UTC"), "day")
    assert _vetted_date("2025-06-18", text) == ((pd.Timestamp("2025-06-18", tz="UTC"), "day"), "2025-06-18")


def test_broken_html_loads_what_it_can_and_says_so():
    df = load_articles(SOURCES / "broken.html")
    row = df.iloc[0]
    assert row["title"] == "Exports to U.S. fall for third month as car tariffs bite"  # not the unclosed <h1>'s whole text
    assert row["body"].startswith("TOKYO -- Japan's exports to the United States fell")
    assert row["body"].endswith("the second month in a row, accordi")  # cut where the file ends
    assert "-11.1%" not in row["body"]  # a data table is not prose
    assert row["published_at"] == pd.Timestamp("2025-06-18", tz="UTC") and row["date_precision"] == "day"
    assert row["outlet"] == "NHK World"
    assert df.attrs["warnings"].to_dict("records") == [
        {"path": str(SOURCES / "broken.html"), "reason": "truncated HTML: no closing </html> tag; loaded the text that was there"}
    ]
    assert df.attrs["summary"].endswith("1 files loaded with warnings (see attrs['warnings'])")


def test_a_page_without_article_text_is_rejected_with_its_reason():
    df = load_articles(SOURCES / "no_article.html")
    assert df.empty
    assert df.attrs["rejected"]["reason"].tolist() == [
        "no article text: neither trafilatura nor the page's paragraphs give a title and body"
    ]


def test_meta_charset_and_content_sniffing(write):
    page = (
        '<html><head><meta charset="windows-1252"><title>Café owners fear tariffs</title></head><body>'
        "<article><h1>Café owners fear tariffs</h1><p>“It hurts,” said Zoë Müller, who runs a café in Kyoto "
        "and buys her coffee beans from importers who now pay more for every shipment.</p></article></body></html>"
    )
    df = load_articles(write("saved-as.txt", page.encode("cp1252")))  # an HTML page saved with .txt
    row = df.iloc[0]
    assert (row["format"], row["encoding"]) == ("html", "cp1252")
    assert row["title"] == "Café owners fear tariffs"
    assert row["body"].startswith("“It hurts,” said Zoë Müller")


def test_html_pages_load_the_same_on_two_workers(tmp_path):
    for name in ("article_wire.html", "aggregator.html", "broken.html", "no_article.html"):
        (tmp_path / name).write_bytes((SOURCES / name).read_bytes())
    one = load_articles(tmp_path, workers=1)
    two = load_articles(tmp_path, workers=2)
    pd.testing.assert_frame_equal(one, two)
    for key in ("rejected", "skipped", "warnings"):
        pd.testing.assert_frame_equal(one.attrs[key], two.attrs[key])


def test_page_text_drops_scripts_and_chrome():
    assert page_text("<header><nav>Menu</nav></header><article><header>Kicker</header><p>A<br>B</p></article>"
                     "<footer>© 2025 Site</footer><script>x()</script>") == "Kicker\nA\nB"


def test_a_parser_failure_is_a_reject_not_a_crash(monkeypatch, tmp_path):
    import trafilatura

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    (tmp_path / "a.html").write_bytes((SOURCES / "article_wire.html").read_bytes())
    (tmp_path / "b.txt").write_bytes(SEED.read_bytes())
    df = load_articles(tmp_path)
    assert len(df) == 4  # the text page still loads
    assert df.attrs["rejected"]["reason"].tolist() == ["unreadable html: RuntimeError: boom"]


# -- review fixes: inference on article pages, chrome, hostile markup -------------------
RELATIVE_WITH_CAPTION = """<!DOCTYPE html><html><head><title>Ishiba may seek snap election | Japan Today</title>
<meta property="og:site_name" content="Japan Today"></head><body><article>
<h1>Ishiba may seek snap election</h1><span class="post-time">32 minutes ago</span>
<figure><img src="a.jpg"><figcaption>Prime Minister Shigeru Ishiba speaks in Tokyo, June 1, 2025. (Kyodo)</figcaption></figure>
<p>TOKYO (Kyodo) -- Japanese Prime Minister Shigeru Ishiba may dissolve the House of Representatives for a snap general
election if the main opposition party submits a no-confidence motion, a source close to the government leadership said Monday.</p>
<p>Ishiba, whose coalition holds a minority in the lower house, could take the move before the session ends, the source said.</p>
</article></body></html>"""


def test_relative_time_on_an_article_page_is_inferred_like_a_text_page(write):
    # no captured_at: the caption's printed June 1, 2025 bounds the capture day and
    # "said Monday" names it (newskit.load.published.infer_capture_day), as on text pages
    path = write("relative.html", RELATIVE_WITH_CAPTION)
    row = load_articles(path).iloc[0]
    assert row["published_text"] == "32 minutes ago"
    assert row["published_at"] == pd.Timestamp("2025-06-02", tz="UTC")
    assert (row["date_precision"], row["date_origin"]) == ("day", "inferred")
    assert row["captions"] == ["Prime Minister Shigeru Ishiba speaks in Tokyo, June 1, 2025. (Kyodo)"]
    row = load_articles(path, captured_at="2025-06-02T19:40:00+09:00").iloc[0]
    assert row["published_at"] == pd.Timestamp("2025-06-02 10:08", tz="UTC") and row["date_origin"] == "relative"


NO_ARTICLE_ELEMENT = """<!DOCTYPE html><html><head><title>Rice prices rise again | NHK World</title></head><body>
<header class="site-header"><span class="today-date">Tuesday, June 3, 2025</span><nav><a href="/">Home</a></nav></header>
<aside class="sidebar"><span class="date">May 20, 2025</span><a href="/x">Other story</a></aside>
<div class="content"><h1>Rice prices rise again in May</h1><div class="meta"><span class="post-date">June 2, 2025</span></div>
<p>Rice prices rose again in May, officials said on Monday, as the government released more of its stockpile to retailers.</p>
<p>Retailers said demand for cheaper blended rice was strong, and some stores limited purchases per customer.</p></div>
<div class="comments"><span class="comment-author">Ken Sato</span><p>Too expensive.</p></div>
<footer><span class="copyright-date">© 2023 NHK</span></footer></body></html>"""


def test_a_page_without_article_element_takes_no_date_or_author_from_its_chrome(write):
    # the masthead's "today" date, a sidebar's date and a commenter are not the article's
    row = load_articles(write("page.html", NO_ARTICLE_ELEMENT)).iloc[0]
    assert row["published_text"] == "June 2, 2025"
    assert row["published_at"] == pd.Timestamp("2025-06-02", tz="UTC") and row["date_origin"] == "explicit"
    assert row["authors"] == []
    # without its own date, the page has none: htmldate's pick is the masthead's "today"
    undated = NO_ARTICLE_ELEMENT.replace('<span class="post-date">June 2, 2025</span>', "")
    import trafilatura

    assert trafilatura.bare_extraction(undated, with_metadata=True).date == "2025-06-03"
    row = load_articles(write("undated.html", undated)).iloc[0]
    assert pd.isna(row["published_at"]) and pd.isna(row["published_text"])
    # a day printed in the article's own text as well is kept
    assert _vetted_date("2025-06-03", "Posted June 3, 2025", "Tuesday, June 3, 2025\nPosted June 3, 2025")[1] == "2025-06-03"


def test_a_malformed_address_in_the_markup_does_not_cost_the_page(write):
    good = "https://japantoday.example/category/politics/ishiba-may-seek-snap-election-if-no-confidence-motion-submitted"
    html = AGGREGATOR.read_text(encoding="utf-8").replace(good, "http://[bad/ishiba")
    assert "http://[bad/ishiba" in html
    df = load_articles(write("aggregator.html", html))  # urljoin raises on it: the link is kept as written
    assert df.attrs["rejected"].empty and len(df) == 4
    assert df["url"][1] == "http://[bad/ishiba"
    from newskit.load.html import _host

    assert _host("http://[bad/x") is None and _host("https://www.nhk.example/news") == "nhk.example"


def test_malformed_json_ld_is_ignored_not_fatal(write):
    body = ("<article><h1>Rates hold</h1><p>The central bank held rates on Tuesday, as expected by most economists "
            "polled this week, and said it would watch prices.</p></article>")
    for ld in ('{"@type": [1, {"x": 2}], "url": ["a", "b"], "author": 3}', "[" * 50_000 + "]" * 50_000):
        html = f'<html><head><script type="application/ld+json">{ld}</script></head><body>{body}</body></html>'
        df = load_articles(write("ld.html", html))
        assert df.attrs["rejected"].empty, df.attrs["rejected"]["reason"].tolist()
        assert df["title"].item() == "Rates hold" and df["authors"].item() == []
