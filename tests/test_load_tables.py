"""Corpus tables (JSON Lines, CSV, Parquet), gzip, columns=, and a folder of every format."""
from __future__ import annotations

import gzip
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from newskit import load_articles, save_articles
from newskit.paths import PROJECT_ROOT
from newskit.schema import FORMATS

from .conftest import SEED, SEED_CAPTURED_AT

SOURCES = PROJECT_ROOT / "tests" / "data" / "sources"
CAPTURED = "2025-06-03T12:00:00Z"


def reconciles(df: pd.DataFrame, inputs: list[str]) -> bool:
    """Every input either gave rows (or only exact copies, listed as skipped) or is a reject; none both."""
    loaded = set(df["path"]) | set(df.attrs["skipped"]["path"])
    rejected = set(df.attrs["rejected"]["path"])
    return rejected.isdisjoint(loaded) and loaded | rejected == set(inputs)


@pytest.fixture(scope="module")
def jsonl() -> pd.DataFrame:
    return load_articles(SOURCES / "corpus.jsonl", captured_at=CAPTURED)


# -- JSON Lines ---------------------------------------------------------------------
def test_jsonl_good_lines_load_and_bad_lines_are_listed_with_their_number(jsonl):
    assert jsonl["position"].tolist() == [1, 2, 4, 8]  # line numbers
    skipped = jsonl.attrs["skipped"]
    assert skipped["position"].tolist() == [3, 6, 7]
    reasons = skipped["reason"].tolist()
    assert reasons[0].startswith("line 3: not valid JSON (Unterminated string")
    assert reasons[1:] == ["line 6: not a JSON object but list", "line 7: no title or body"]
    assert jsonl.attrs["summary"] == "loaded 4 articles from 1 of 1 files; 0 files rejected; 3 items skipped (see attrs['skipped'])"


def test_jsonl_fields(jsonl):
    # NewsAPI's {"source": {"name": ...}} is the outlet; the wire comes from the text
    assert jsonl["outlet"].tolist() == ["Reuters", "Japan Today", "Japan Today", "Euronews"]
    assert jsonl["source"].tolist() == ["Reuters", "Kyodo", "Reuters", "AP"]
    assert jsonl["authors"].tolist() == [["David Lawder"], [], ["Jane Doe"], ["Maria Rossi"]]
    assert jsonl["published_at"].tolist() == [
        pd.Timestamp("2025-06-02 10:08", tz="UTC"),
        pd.Timestamp("2025-06-02 23:15", tz="UTC"),  # 08:15 +09:00
        pd.Timestamp("2025-06-03 11:28", tz="UTC"),  # "32 minutes ago" before captured_at
        pd.Timestamp("2025-06-03 01:30", tz="UTC"),  # epoch seconds
    ]
    assert jsonl["date_origin"].tolist() == ["explicit", "explicit", "relative", "explicit"]
    assert jsonl["copyright"].tolist()[1] == "© KYODO"
    assert jsonl["body"][2] == (
        "Canada is weighing its response to the doubling of U.S. tariffs, Prime Minister Mark Carney said."
        "\n\nOttawa will protect its workers."
    )  # HTML reduced, the script dropped
    assert jsonl["format"].tolist() == ["jsonl"] * 4


def test_jsonl_offsets_are_the_lines(jsonl):
    lines = (SOURCES / "corpus.jsonl").read_text(encoding="utf-8").split("\n")
    text = "\n".join(lines)
    for pos, start, end in zip(jsonl["position"], jsonl["char_start"], jsonl["char_end"]):
        assert text[start:end] == lines[pos - 1]


def test_gzip_jsonl_reads_directly(jsonl):
    df = load_articles(SOURCES / "corpus.jsonl.gz", captured_at=CAPTURED)
    cols = [c for c in df.columns if c != "path"]
    pd.testing.assert_frame_equal(df[cols], jsonl[cols])  # page_id too: the decompressed text's
    assert df.attrs["skipped"]["position"].tolist() == [3, 6, 7]


def test_json_array_file(write):
    records = [{"headline": "A", "text": "First body."}, {"headline": "B", "text": "Second body."}, 3]
    df = load_articles(write("export.json", json.dumps(records)))
    assert df["title"].tolist() == ["A", "B"] and df["position"].tolist() == [0, 1]
    assert df.attrs["skipped"]["reason"].tolist() == ["record 2: not a JSON object but int"]


# -- CSV ----------------------------------------------------------------------------
def test_csv_records(tmp_path):
    df = load_articles(SOURCES / "corpus.csv")
    assert df["title"].tolist() == ["Rice prices rise again in May", 'Exports fall for third month, "car tariffs" bite', "Café owners fear tariffs"]
    assert df["body"][0] == "Rice prices rose again in May, officials said, as the government released more of its stockpile.\n\nRetailers said demand for cheaper blended rice was strong."
    assert df["outlet"].tolist() == ["NHK World", "Japan Today", "Japan Today"]
    assert df["source"].tolist() == ["NHK World", "Kyodo", "Japan Today"]
    assert df["authors"].tolist() == [[], [], ["Aiko Suzuki", "Ken Sato"]]  # "Kyodo News" is a wire, not a person
    assert df["published_at"].tolist() == [pd.Timestamp("2025-05-30", tz="UTC"), pd.Timestamp("2025-06-18 01:30", tz="UTC"), pd.Timestamp("2025-06-18", tz="UTC")]
    assert df["date_precision"].tolist() == ["day", "minute", "day"]
    assert df["position"].tolist() == [2, 5, 7]  # the line each record starts on
    assert df.attrs["skipped"][["position", "reason"]].values.tolist() == [[6, "line 6: 7 fields, the header has 6"]]
    text = (SOURCES / "corpus.csv").read_text(encoding="utf-8")
    assert text[df["char_start"][0]: df["char_end"][0]].startswith('"Rice prices rise again in May","Rice prices rose')
    assert text[df["char_start"][0]: df["char_end"][0]].endswith("NHK World,")
    # and gzip-compressed, the same rows
    gz = tmp_path / "corpus.csv.gz"
    gz.write_bytes(gzip.compress(text.encode("utf-8")))
    cols = [c for c in df.columns if c != "path"]
    pd.testing.assert_frame_equal(load_articles(gz)[cols], df[cols])


def test_csv_without_a_body_column_named_directly_raises_listing_the_columns():
    with pytest.raises(ValueError, match=r"missing_body\.csv: no body column \(looked for \['body', 'text'.*"
                                         r"available: \['id', 'headline', 'published', 'link'\]"):
        load_articles(SOURCES / "missing_body.csv")


def test_csv_without_a_body_column_in_a_folder_is_a_reject(tmp_path):
    for name in ("missing_body.csv", "corpus.csv"):
        (tmp_path / name).write_bytes((SOURCES / name).read_bytes())
    df = load_articles(tmp_path)
    assert len(df) == 3 and reconciles(df, [str(tmp_path / "corpus.csv"), str(tmp_path / "missing_body.csv")])
    reason = df.attrs["rejected"].set_index("path")["reason"][str(tmp_path / "missing_body.csv")]
    assert reason.startswith("no body column") and "available: ['id', 'headline', 'published', 'link']" in reason


def test_columns_mapping_names_what_newskit_does_not_recognise():
    df = load_articles(SOURCES / "odd_columns.csv", columns={"body": "story_text", "published_at": "first_seen", "url": ["link", "canonical"]})
    row = df.iloc[0]
    assert (row["title"], row["body"]) == ("Tokyo stocks close higher", "The Nikkei average closed higher on Wednesday, led by exporters.")
    assert row["published_at"] == pd.Timestamp("2025-06-18 06:30", tz="UTC")  # a naive time is UTC
    assert row["url"] == "https://nhk.example/news/tokyo-stocks"
    assert row["outlet"] == "nhk.example"  # no outlet column: the url's host


@pytest.mark.parametrize(
    "columns, message",
    [
        ({"text": "story_text"}, r"columns= key 'text' is not one of \['title', 'body', 'published_at', 'url', 'outlet', 'source', 'authors'\]"),
        ({"body": 3}, r"columns\['body'\] must be a column name or a list of names; got 3"),
        ("story_text", r"columns= must be a mapping"),
        ({"body": "story"}, r"odd_columns\.csv: columns= maps body to \['story'\], not a column of this file; available: \['hed', 'story_text', 'first_seen', 'canonical'\]"),
    ],
)
def test_bad_columns_mapping_raises(columns, message):
    with pytest.raises(ValueError, match=message):
        load_articles(SOURCES / "odd_columns.csv", columns=columns)


# -- Parquet ------------------------------------------------------------------------
def test_parquet_corpus():
    df = load_articles(SOURCES / "corpus.parquet")
    assert df["title"].tolist() == ["Seoul and Washington resume trade talks", "Nippon Steel completes U.S. Steel deal"]
    assert df["outlet"].tolist() == ["The Korea Herald", "The Mainichi"]
    assert df["source"].tolist() == ["Yonhap", "The Mainichi"]
    assert df["authors"].tolist() == [["Kim Min-ji"], []]
    assert df["published_at"].tolist() == [pd.Timestamp("2025-06-19 00:00", tz="UTC"), pd.Timestamp("2025-06-18 21:00", tz="UTC")]
    assert df["format"].tolist() == ["parquet"] * 2 and df["position"].tolist() == [0, 1]
    assert df["char_start"].tolist() == [-1, -1] and df["encoding"].tolist() == ["utf-8"] * 2


def test_saved_table_still_round_trips_exactly(tmp_path):
    df = load_articles([SEED, SOURCES / "feed_bozo.xml", SOURCES / "corpus.jsonl"], captured_at=SEED_CAPTURED_AT)
    path = save_articles(df, tmp_path / "saved.parquet")
    again = load_articles(path)
    pd.testing.assert_frame_equal(again, df)
    for key in ("rejected", "skipped", "warnings"):
        pd.testing.assert_frame_equal(again.attrs[key], df.attrs[key])
    assert set(again["format"]) == {"text", "rss", "jsonl"}  # each row keeps its own format


def test_a_table_saved_before_format_and_url_existed_still_loads(tmp_path):
    df = load_articles(SEED)
    path = save_articles(df, tmp_path / "old.parquet")
    table = pq.read_table(path)
    old = table.drop_columns(["format", "url"]).replace_schema_metadata(table.schema.metadata)
    pq.write_table(old, path)
    again = load_articles(path)
    assert again["format"].tolist() == ["text"] * 4 and again["url"].isna().all()
    pd.testing.assert_frame_equal(again.drop(columns=["format", "url"]), df.drop(columns=["format", "url"]))


def test_corrupt_gzip_is_a_reject(write):
    df = load_articles(write("broken.jsonl.gz", gzip.compress(b'{"title": "A", "body": "B"}\n')[:20]))
    assert df.empty and df.attrs["rejected"]["reason"].item().startswith("unreadable gzip:")


# -- every format in one folder -------------------------------------------------------
def test_a_folder_mixing_every_format_loads_in_one_call(tmp_path):
    names = ["aggregator.html", "article_wire.html", "broken.html", "no_article.html", "feed_rss.xml", "feed_atom.xml",
             "feed_bozo.xml", "corpus.jsonl", "corpus.jsonl.gz", "corpus.csv", "missing_body.csv", "corpus.parquet"]
    for name in names:
        (tmp_path / "mixed" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "mixed" / name).write_bytes((SOURCES / name).read_bytes())
    (tmp_path / "mixed" / "000_page.txt").write_bytes(SEED.read_bytes())
    inputs = [str(tmp_path / "mixed" / n) for n in names + ["000_page.txt"]]
    df = load_articles(tmp_path / "mixed", captured_at=SEED_CAPTURED_AT)
    assert set(df["format"]) == set(FORMATS)
    assert reconciles(df, inputs)
    assert sorted(df.attrs["rejected"]["path"].str.rsplit("/", n=1).str[-1]) == ["missing_body.csv", "no_article.html"]
    # the text page and its HTML rendering are the same four articles: loaded once, from
    # the file first in order (000_page.txt)
    copies = df.attrs["skipped"][df.attrs["skipped"]["reason"].str.startswith("exact copy")]
    assert len(copies) == 4 + 4  # the HTML page's articles, and corpus.jsonl.gz's records
    assert df.attrs["summary"].startswith(f"loaded {len(df)} articles from 11 of 13 files; 2 files rejected")
    assert df["article_id"].is_unique
    counts = df.groupby("format", observed=True).size().to_dict()
    assert counts == {"text": 4, "html": 2, "rss": 6, "atom": 2, "jsonl": 4, "csv": 3, "parquet": 2}


# -- property: mangled files of every format never raise and never lose a file ----------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

MANGLE_FROM = ["corpus.jsonl", "corpus.csv", "article_wire.html", "feed_rss.xml", "feed_atom.xml", "corpus.parquet"]


@st.composite
def mangled_files(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(MANGLE_FROM))
    data = bytearray((SOURCES / name).read_bytes())
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["cut", "insert", "flip", "drop"]))
        at = draw(st.integers(0, len(data)))
        if op == "cut":
            del data[at:]
        elif op == "insert":
            data[at:at] = draw(st.binary(max_size=20) | st.sampled_from([b"<", b'"', b"\n", b",", b"]]>", b"</p>", b"{"]))
        elif op == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif op == "drop":
            del data[at: at + draw(st.integers(0, 200))]
    if draw(st.booleans()):
        data = bytearray(gzip.compress(bytes(data), mtime=0))
        name += ".gz"
    return name, bytes(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(files=st.lists(mangled_files(), min_size=1, max_size=4))
def test_mangled_files_never_raise_and_never_lose_a_file(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("mangled")
    inputs = []
    for i, (name, data) in enumerate(files):
        path = folder / f"{i:02d}_{name}"
        path.write_bytes(data)
        inputs.append(str(path))
    df = load_articles(folder)
    assert reconciles(df, inputs)
    assert df["article_id"].is_unique
    assert (df["char_start"] <= df["char_end"]).all()
    assert all(isinstance(r, str) and r for r in df.attrs["rejected"]["reason"])


# -- review fixes: values that must not cost a record or the file ------------------------
def test_out_of_range_dates_and_a_deeply_nested_line_cost_only_themselves(write):
    lines = [
        '{"title": "A", "body": "First body.", "date": "0001-01-01"}',  # a dump's placeholder date
        "[" * 100_000 + "]" * 100_000,  # json.loads: RecursionError, not ValueError
        '{"title": "B", "body": "Second body.", "date": "9999-12-31T00:00:00Z"}',
        '{"title": "C", "body": "Third body.", "date": "02 Jun 2025 19:08:00 +0900"}',  # RFC 822, no weekday
        '{"title": "D", "body": "Fourth body.", "date": "2025/06/02"}',
    ]
    df = load_articles(write("dates.jsonl", "\n".join(lines)))
    assert df["title"].tolist() == ["A", "B", "C", "D"]
    # out of pandas' nanosecond range: no time, but the text as printed
    assert df["published_at"].isna().tolist() == [True, True, False, False]
    assert df["published_text"].tolist()[:2] == ["0001-01-01", "9999-12-31T00:00:00Z"]
    assert df["published_at"].tolist()[2:] == [pd.Timestamp("2025-06-02 10:08", tz="UTC"), pd.Timestamp("2025-06-02", tz="UTC")]
    assert df.attrs["skipped"][["position", "reason"]].values.tolist() == [[2, "line 2: not valid JSON (nested too deep)"]]


def test_authors_written_as_a_list_in_a_csv_cell(write):
    text = 'title,body,authors\nA,Body one.,"[\'Jane Doe\', \'Reuters\']"\nB,Body two.,"[""John Roe"", ""Ken Sato""]"\n'
    df = load_articles(write("lists.csv", text))
    assert df["authors"].tolist() == [["Jane Doe"], ["John Roe", "Ken Sato"]]
    assert df["source"][0] == "Reuters"  # a wire in the list is the source, not an author


@pytest.mark.parametrize("name", ["article_wire.html", "aggregator.html", "feed_atom.xml", "corpus.parquet", "corpus.csv", "TEXT"])
def test_every_format_reads_the_same_gzip_compressed(tmp_path, name):
    plain = SEED if name == "TEXT" else SOURCES / name
    gz = tmp_path / (plain.name + ".gz")
    gz.write_bytes(gzip.compress(plain.read_bytes(), mtime=0))
    a, b = load_articles(plain), load_articles(gz)
    assert len(a) and b.attrs["rejected"].empty
    cols = [c for c in a.columns if c != "path"]
    pd.testing.assert_frame_equal(b[cols], a[cols])


def test_api_responses_wrapping_their_records(write):
    newsapi = {"status": "ok", "totalResults": 2, "articles": [
        {"source": {"id": None, "name": "Reuters"}, "author": "David Lawder", "title": "A", "content": "First body.",
         "publishedAt": "2025-06-02T10:08:00Z", "url": "https://r.example/a"},
        {"source": {"id": None, "name": "NHK"}, "author": None, "title": "B", "content": "Second body.",
         "publishedAt": "2025-06-03T10:08:00Z", "url": "https://n.example/b"},
    ]}
    df = load_articles(write("newsapi.json", json.dumps(newsapi, indent=2)))  # pretty-printed: not JSON Lines
    assert df["title"].tolist() == ["A", "B"] and df["outlet"].tolist() == ["Reuters", "NHK"]
    assert df["authors"].tolist() == [["David Lawder"], []] and df["position"].tolist() == [0, 1]
    guardian = {"response": {"status": "ok", "results": [{"webTitle": "C", "fields": {}, "body": "Third body."}]}}
    assert load_articles(write("guardian.json", json.dumps(guardian)))["title"].tolist() == ["C"]


def test_json_lines_opening_with_an_array_line_keep_their_other_lines(write):
    df = load_articles(write("lines.jsonl", '[1, 2]\n{"title": "A", "body": "First body."}\n'))
    assert df["title"].tolist() == ["A"] and df["position"].tolist() == [2]
    assert df.attrs["skipped"]["reason"].tolist() == ["line 1: not a JSON object but list"]


def test_a_gzip_bomb_is_a_reject_and_members_are_all_read(write, monkeypatch):
    import newskit.load.pages as pages

    monkeypatch.setattr(pages, "_GZIP_MIN_LIMIT", 1024 * 1024)
    bomb = write("bomb.jsonl.gz", gzip.compress(b" " * 8 * 1024 * 1024))  # 8 MiB of blanks in ~8 KiB
    assert load_articles(bomb).attrs["rejected"]["reason"].item().startswith("gzip expands past 200 times its size")
    members = gzip.compress(b'{"title": "A", "body": "One."}\n') + gzip.compress(b'{"title": "B", "body": "Two."}\n')
    assert load_articles(write("members.jsonl.gz", members))["title"].tolist() == ["A", "B"]
