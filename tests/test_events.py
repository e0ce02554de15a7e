"""newskit.events: tariff event mentions, the merged timeline, scores and figures.

The seed page's events are tested field by field; the rules are scored on the
labelled sentences of tests/data/events (written for this purpose, none taken
from data/pages), each with the reason it is there.
"""
from __future__ import annotations

import pandas as pd
import pytest

from newskit import load_articles, read_capture_times, schema
from newskit.dates import find_dates
from newskit.events import (
    ACTIONS, EVENT_COLUMNS, TIMELINE_COLUMNS, evaluate, event_mentions, event_timeline, events_in_text,
    read_labelled, tariff_events,
)
from newskit.events.evaluate import LABELLED
from newskit.events.plots import events_table, rate_steps, timeline_figure
from newskit.paths import SAMPLE_CAPTURES, SAMPLE_PAGES

from .conftest import SEED, SEED_CAPTURED_AT



@pytest.fixture(scope="module")
def seed_articles() -> pd.DataFrame:
    return load_articles(SEED, captured_at=SEED_CAPTURED_AT)


@pytest.fixture(scope="module")
def seed_events(seed_articles) -> pd.DataFrame:
    return tariff_events(seed_articles)


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return load_articles(SAMPLE_PAGES, captured_at=read_capture_times(SAMPLE_CAPTURES))


@pytest.fixture(scope="module")
def corpus_events(corpus) -> pd.DataFrame:
    return tariff_events(corpus)


@pytest.fixture(scope="module")
def corpus_timeline(corpus_events, corpus) -> pd.DataFrame:
    return event_timeline(corpus_events, corpus)


def _by_title(articles: pd.DataFrame, words: str) -> str:
    hits = articles.loc[articles["title"].str.contains(words, regex=False), "article_id"]
    assert len(hits) == 1, words
    return hits.iloc[0]


def _day(ts) -> str:
    return f"{ts:%Y-%m-%d}"


# ---------------------------------------------------------------------------
# the seed page, event by event
# ---------------------------------------------------------------------------


def test_seed_raise_in_the_main_article_dated_by_the_speech(seed_articles, seed_events):
    main = _by_title(seed_articles, "Tariff Negotiations")
    row = seed_events[(seed_events["article_id"] == main) & (seed_events["action"] == "raise")]
    assert len(row) == 1
    r = row.iloc[0]
    assert "raise additional tariffs on steel and aluminum products from 25% to 50%" in r["sentence"]
    assert (r["actor"], r["actor_country"], r["product"]) == ("Donald Trump", "United States", "steel, aluminum")
    assert (r["rate_from"], r["rate_to"], r["rate_kind"]) == (25.0, 50.0, "from_to")
    # "in his speech" refers back to "gave a speech in a suburb of Pittsburgh on Friday"
    assert (_day(r["event_date"]), r["date_precision"], r["date_text"], r["date_source"]) == \
        ("2025-05-30", "day", "Friday", "context")


def test_seed_raise_in_the_reuters_item_is_a_doubling_on_friday(seed_articles, seed_events):
    item = _by_title(seed_articles, "best offers by Wednesday")
    row = seed_events[(seed_events["article_id"] == item) & (seed_events["action"] == "raise")]
    assert len(row) == 1
    r = row.iloc[0]
    assert "announced a surprise doubling of tariffs on steel and aluminum imports on Friday" in r["sentence"]
    # "on Monday afternoon" belongs to "Stocks were little changed", not to the doubling
    assert (_day(r["event_date"]), r["date_text"], r["date_source"]) == ("2025-05-30", "Friday", "sentence")
    assert (r["actor"], r["product"]) == ("Donald Trump", "steel, aluminum")


def test_seed_pause_of_liberation_day_tariffs(seed_articles, seed_events):
    item = _by_title(seed_articles, "best offers by Wednesday")
    row = seed_events[(seed_events["article_id"] == item) & (seed_events["action"] == "pause")]
    assert len(row) == 1
    r = row.iloc[0]
    assert "paused his \"Liberation Day\" tariffs for 90 days until July 8" in r["sentence"]
    assert (_day(r["event_date"]), r["date_text"], _day(r["end_date"])) == ("2025-04-09", "April 9", "2025-07-08")
    assert r["actor"] == "Donald Trump"


def test_seed_court_ruling_and_stay(seed_articles, seed_events):
    item = _by_title(seed_articles, "best offers by Wednesday")
    ev = seed_events[seed_events["article_id"] == item]
    ruling = ev[ev["action"] == "court_ruling"]
    stay = ev[ev["action"] == "court_stay"]
    assert len(ruling) == 1 and len(stay) == 1
    r, s = ruling.iloc[0], stay.iloc[0]
    assert (r["actor"], r["authority"], _day(r["event_date"]), r["date_text"]) == \
        ("Court of International Trade", "IEEPA", "2025-05-28", "Last Wednesday")
    # "Less than 24 hours later" counts from the ruling, not from publication
    assert (s["actor"], _day(s["event_date"]), s["date_text"]) == \
        ("Court of Appeals for the Federal Circuit", "2025-05-29", "Less than 24 hours later")


def test_seed_deadline_for_best_offers(seed_articles, seed_events):
    item = _by_title(seed_articles, "best offers by Wednesday")
    ev = seed_events[(seed_events["article_id"] == item) & (seed_events["action"] == "deadline")]
    wednesday = ev[ev["date_text"] == "Wednesday"]
    assert len(wednesday) == 1
    r = wednesday.iloc[0]
    assert (_day(r["event_date"]), r["date_precision"], r["actor"]) == ("2025-06-04", "day", "United States")
    assert "best offer on trade negotiations by Wednesday" in r["sentence"]


def test_seed_refugee_and_election_stories_yield_no_event(seed_articles, seed_events):
    for words in ("white South Africans", "snap election"):
        assert not (seed_events["article_id"] == _by_title(seed_articles, words)).any(), words


def test_seed_timeline_merges_the_two_reports_of_the_doubling(seed_articles, seed_events):
    tl = event_timeline(seed_events, seed_articles)
    raises = tl[tl["action"] == "raise"]
    assert len(raises) == 1
    r = raises.iloc[0]
    assert (_day(r["event_date"]), r["product"], r["rate_from"], r["rate_to"]) == ("2025-05-30", "steel, aluminum", 25.0, 50.0)
    assert (r["n_articles"], r["n_outlets"], r["outlets"]) == (2, 2, ["Daily8", "Japan Today"])
    assert len(r["sentences"]) == 2 and len(r["mention_ids"]) == 2


# ---------------------------------------------------------------------------
# the table
# ---------------------------------------------------------------------------


def test_columns_and_dtypes(seed_events):
    assert list(seed_events.columns) == schema.names(EVENT_COLUMNS)
    expected = schema.empty(EVENT_COLUMNS).dtypes
    assert seed_events.dtypes.equals(expected)
    assert str(seed_events["event_date"].dtype) == "datetime64[ns, UTC]"
    assert seed_events["mention_id"].is_unique
    assert set(seed_events["action"]) <= set(ACTIONS)


def test_offsets_point_at_the_sentence(seed_articles, seed_events):
    bodies = dict(zip(seed_articles["article_id"], seed_articles["body"]))
    for r in seed_events.itertuples():
        assert bodies[r.article_id][r.start:r.end] == r.sentence


def test_input_not_modified(seed_articles):
    before = seed_articles.copy(deep=True)
    events = tariff_events(seed_articles)
    events_before = events.copy(deep=True)
    tl = event_timeline(events, seed_articles)
    tl_before = tl.copy(deep=True)
    timeline_figure(tl), rate_steps(tl), events_table(tl), event_mentions(events, tl)
    pd.testing.assert_frame_equal(seed_articles, before)
    pd.testing.assert_frame_equal(events, events_before)
    pd.testing.assert_frame_equal(tl, tl_before)


def test_empty_and_bodiless_input_gives_empty_tables():
    arts = pd.DataFrame({"article_id": ["a", "b"], "body": [None, "Nothing about trade here."],
                         "published_at": [pd.Timestamp("2025-01-01", tz="UTC")] * 2})
    ev = tariff_events(arts)
    assert len(ev) == 0 and list(ev.columns) == schema.names(EVENT_COLUMNS)
    tl = event_timeline(ev)
    assert len(tl) == 0 and list(tl.columns) == schema.names(TIMELINE_COLUMNS)


def test_wrong_arguments_raise_with_the_choices(seed_articles, seed_events):
    with pytest.raises(ValueError, match=r"columns \['body'\] not in DataFrame; available: \['article_id'"):
        tariff_events(seed_articles[["article_id", "published_at"]])
    with pytest.raises(TypeError, match="expected a DataFrame"):
        tariff_events("not a table")
    with pytest.raises(ValueError, match="available"):
        event_timeline(seed_events.drop(columns=["action"]))
    tl = event_timeline(seed_events, seed_articles)
    with pytest.raises(ValueError, match=r"lanes='outlet'; choose from \['action', 'target'\]"):
        timeline_figure(tl, lanes="outlet")
    with pytest.raises(ValueError, match=r"unknown actions \['hike'\]; choose from \['impose'"):
        timeline_figure(tl, actions=["hike"])
    with pytest.raises(ValueError, match=r"unknown countries \['Japn'\]; available in this table"):
        events_table(tl, countries="Japn")
    with pytest.raises(ValueError, match=r"unknown products \['tin'\]; available in this table: \['aluminum', 'steel'\]"):
        rate_steps(tl, products=["tin"])
    with pytest.raises(ValueError, match="is not a date"):
        timeline_figure(tl, start="last spring")


# ---------------------------------------------------------------------------
# rules, case by case (each case says what it exercises)
# ---------------------------------------------------------------------------

CASES = [
    # (sentence, published, expected (action, rate_from, rate_to, event_date or None), why)
    ("Washington did not impose tariffs on Canadian lumber on Tuesday.", "2025-03-06", [], "negation: did not"),
    ("Canada could impose tariffs of up to 25% on American wine.", "2025-03-06", [], "modal: could"),
    ("If Beijing retaliates, the U.S. would raise tariffs on Chinese goods to 60%.", "2025-03-06", [], "conditional"),
    ("Police officers on duty closed the road on Monday.", "2025-03-06", [], "duty: on duty"),
    ("The town introduced a levy on plastic bags on Monday.", "2025-03-06", [], "levy: domestic, not a tariff"),
    ("Japan raised its import duty on U.S. rice to twenty percent on Monday.", "2025-03-06",
     [("raise", None, 20.0, "2025-03-03")], "rate in words"),
    ("Canada slapped a duty of a quarter of the value on U.S. steel.", "2025-03-06", [("impose", None, 25.0, None)], "a quarter"),
    ("Washington doubled its 25% tariff on Chinese chips on Friday.", "2025-03-06",
     [("raise", 25.0, 50.0, "2025-02-28")], "doubling of a rate given"),
    ("Beijing halved its tariff on Australian wine from 80 per cent.", "2025-03-06", [("lower", 80.0, 40.0, None)], "halved"),
    ("India cut its duty on American motorcycles to 30 percent from 50 percent.", "2025-03-06",
     [("lower", 50.0, 30.0, None)], "to ... from order"),
    ("Mexico imposed the tariffs on Chinese cars, officials said Tuesday.", "2025-03-06",
     [("impose", None, None, None)], "reported speech: 'said Tuesday' is not the event date"),
    ("China said on Tuesday it will impose a 15% tariff on U.S. coal from March 10.", "2025-03-06",
     [("impose", None, 15.0, "2025-03-04"), ("take_effect", None, 15.0, "2025-03-10")],
     "announcement dated by its saying; 'from' date gives take_effect"),
    ("The court ruled on May 28 against the tariffs. A day later, an appeals court stayed the ruling.", "2025-06-02",
     [("court_ruling", None, None, "2025-05-28"), ("court_stay", None, None, "2025-05-29")],
     "'a day later' counts from the date before it"),
]


@pytest.mark.parametrize("sentence, published, expected, why", CASES, ids=[c[3] for c in CASES])
def test_rule_cases(sentence, published, expected, why):
    ev = events_in_text(sentence, published)
    got = [(r.action, None if pd.isna(r.rate_from) else r.rate_from, None if pd.isna(r.rate_to) else r.rate_to,
            _day(r.event_date) if r.date_source == "sentence" else None) for r in ev.itertuples()]
    assert got == expected, why


def test_negated_and_hypothetical_mentions_are_flagged_when_kept():
    text = "Washington did not impose tariffs on Canadian lumber. Canada could impose tariffs on U.S. wine."
    assert len(events_in_text(text, "2025-03-06")) == 0
    kept = events_in_text(text, "2025-03-06", include_flagged=True)
    assert kept[["action", "negated", "hypothetical"]].values.tolist() == [["impose", True, False], ["impose", False, True]]


# ---------------------------------------------------------------------------
# labelled sentences: precision and recall
# ---------------------------------------------------------------------------


def test_labelled_set_is_varied_and_explained():
    lab = read_labelled()
    sentences = lab.drop_duplicates("id")
    assert len(sentences) >= 150
    assert (lab["note"].str.len() > 0).all()
    assert (sentences["action"] == "none").sum() >= 40  # negations, hypotheticals, non-tariff duty and levy
    for word in ("did not", "could", " if ", "on duty", "levy on plastic bags", "a quarter", "percent", "doubled", "halved"):
        assert sentences["sentence"].str.contains(word, regex=False).any(), word
    assert set(lab["action"]) - {"none"} == set(ACTIONS)


def test_precision_and_recall_at_least_0_9():
    scores = evaluate().set_index("field")
    assert list(scores.index) == ["action", "rate", "date"]
    assert (scores[["precision", "recall"]] >= 0.9).all().all(), scores


@pytest.mark.parametrize("name", ["heldout.tsv", "heldout2.tsv"])
def test_heldout_sets(name):
    # sets written apart from the development set (see newskit.events.evaluate);
    # python -m newskit.events.evaluate prints all three
    lab = read_labelled(LABELLED.parent / name)
    assert lab["id"].nunique() >= 60
    scores = evaluate(lab).set_index("field")
    assert (scores[["precision", "recall"]] >= 0.85).all().all(), scores


# ---------------------------------------------------------------------------
# the sample corpus and the timeline
# ---------------------------------------------------------------------------


def test_corpus_mentions_link_to_merged_events(corpus_events, corpus_timeline):
    assert len(corpus_events) > 150
    assert len(corpus_timeline) < len(corpus_events)
    assert corpus_timeline["event_id"].is_unique
    assert list(corpus_timeline.columns) == schema.names(TIMELINE_COLUMNS)
    linked = event_mentions(corpus_events, corpus_timeline)
    assert linked["event_id"].notna().all()
    assert linked.groupby("event_id").size().sum() == corpus_timeline["n_mentions"].sum() == len(corpus_events)
    assert corpus_timeline.attrs["mentions"]["event_id"].tolist() == linked["event_id"].tolist()


def test_event_ids_are_stable(corpus, corpus_events, corpus_timeline):
    again = event_timeline(tariff_events(corpus), corpus)
    assert again["event_id"].tolist() == corpus_timeline["event_id"].tolist()


def test_corpus_finds_the_known_events(corpus_timeline):
    def has(action, day, **fields):
        rows = corpus_timeline[(corpus_timeline["action"] == action)
                               & (corpus_timeline["event_date"].dt.strftime("%Y-%m-%d") == day)]
        for col, value in fields.items():
            rows = rows[rows[col].fillna("").astype(str).str.contains(str(value), regex=False)]
        return len(rows) > 0
    # data/README.md: Feb 1 IEEPA orders; Apr 2 "Liberation Day"; Apr 9 pause;
    # May 28/29 court ruling and stay; May 30 doubling; Jul 22 U.S.-Japan deal
    assert has("impose", "2025-02-01", target="Canada", rate_to=25.0)
    assert has("impose", "2025-04-02", target="European Union", rate_to=20.0)
    assert has("pause", "2025-04-09")
    assert has("court_ruling", "2025-05-28")
    assert has("court_stay", "2025-05-29")
    assert has("raise", "2025-05-30", product="steel")
    assert has("agree", "2025-07-27", actor_country="European Union")


# data/README.md's non-tariff stories: none may yield an event
NON_TARIFF = ["sinkhole", "Refugees stranded", "Super Bowl", "Ofunato", "Myanmar", "Osaka Expo", "Venice",
              "Stockpiled rice", "Heat grips", "tsunami", "Hiroshima", "snap election", "white South Africans"]


def test_non_tariff_stories_yield_no_event(corpus, corpus_events):
    for words in NON_TARIFF:
        assert not (corpus_events["article_id"] == _by_title(corpus, words)).any(), words


def test_merge_needs_the_same_action_and_compatible_dates():
    arts = pd.DataFrame({
        "article_id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"],
        "published_at": pd.to_datetime(["2025-03-06", "2025-03-07", "2025-04-20"], utc=True),
        "body": ["The United States raised tariffs on Chinese steel to 25% on Tuesday.",
                 "Washington raised its tariff on Chinese steel to 25%.",
                 "Washington raised its tariff on Chinese steel to 25%."],
    })
    tl = event_timeline(tariff_events(arts), arts)
    # b (published two days later, no date) joins a; c, six weeks later, is another event
    assert tl[["n_articles", "n_outlets"]].values.tolist() == [[2, 2], [1, 1]]
    assert [_day(d) for d in tl["event_date"]] == ["2025-03-04", "2025-04-20"]


# ---------------------------------------------------------------------------
# figures: structure, not pixels
# ---------------------------------------------------------------------------


def _hostile_timeline(seed_articles, seed_events) -> pd.DataFrame:
    ev = seed_events.copy()
    ev["sentence"] = ev["sentence"].astype(str) + " <b>bold</b> <a href='javascript:x'>x</a>"
    ev["actor"] = ev["actor"].fillna("?").astype(str) + "<script>"
    return event_timeline(ev.astype({"sentence": "string", "actor": "string"}), seed_articles)


def test_timeline_figure_structure(seed_articles, seed_events):
    tl = event_timeline(seed_events, seed_articles)
    fig = timeline_figure(tl)
    names = [t.name for t in fig.data]
    assert set(names) == set(tl["action"]) and len(names) == tl["action"].nunique()
    raise_trace = fig.data[names.index("raise")]
    assert list(raise_trace.y) == ["raise"] and raise_trace.marker.size[0] == pytest.approx(8 * 2 ** 0.5)  # 2 stories
    assert fig.layout.xaxis.rangeslider.visible is True
    lane_menu, filter_menu = fig.layout.updatemenus
    assert [b.label for b in lane_menu.buttons] == ["Lanes: action", "Lanes: target"]
    assert [b.label for b in filter_menu.buttons] == ["All actions", *names]
    assert filter_menu.buttons[1].args[0]["visible"] == [n == names[0] for n in names]
    assert lane_menu.buttons[1].args[1]["yaxis.title.text"] == "target"
    assert fig.layout.yaxis.title.text == "action"
    assert timeline_figure(tl, lanes="target").layout.yaxis.title.text == "target"


def test_figures_escape_scraped_text(seed_articles, seed_events):
    tl = _hostile_timeline(seed_articles, seed_events)
    for fig in (timeline_figure(tl), rate_steps(tl)):
        blob = fig.to_json()
        assert "<b>bold" not in blob and "<script>" not in blob and "<a href" not in blob
        assert "&lt;b&gt;bold" in blob and "&lt;script&gt;" in blob


def test_filters_by_date_country_and_action(corpus_timeline):
    fig = timeline_figure(corpus_timeline, start="2025-05-01", end="2025-06-30", countries=["Japan"])
    xs = [x for t in fig.data for x in t.x]
    assert xs and all(pd.Timestamp("2025-05-01") <= pd.Timestamp(x) <= pd.Timestamp("2025-06-30") for x in xs)
    table = events_table(corpus_timeline, countries="Canada", actions=["impose", "raise"])
    assert set(table["action"]) <= {"impose", "raise"} and len(table) > 0
    assert table["target"].fillna("").str.contains("Canada").any()


def test_rate_steps_draw_steps_per_product_and_target(corpus_timeline):
    fig = rate_steps(corpus_timeline, products=["steel"])
    assert fig.data and all(t.name.startswith("steel · ") for t in fig.data)
    assert all(t.line.shape == "hv" for t in fig.data)
    assert fig.layout.yaxis.title.text == "tariff rate (%)"


def test_events_table_for_display(seed_articles, seed_events):
    table = events_table(event_timeline(seed_events, seed_articles))
    assert list(table.columns) == ["date", "action", "actor", "target", "product", "rate", "authority", "stories",
                                   "outlets", "evidence", "event_id"]
    assert table["date"].tolist() == sorted(table["date"].tolist())


# ---------------------------------------------------------------------------
# find_dates: behaviour the event rules work around (newskit.dates is not ours)
# ---------------------------------------------------------------------------


@pytest.mark.xfail(reason="find_dates' tense scan (newskit.dates.resolve.tense) treats the periods of 'U.S.' "
                          "as a clause end, so a past-tense verb before 'U.S. goods' is not seen and a bare "
                          "weekday is put in the future; newskit.events blanks abbreviation periods before "
                          "calling find_dates", strict=False)
def test_find_dates_weekday_after_us_abbreviation_is_past():
    df = find_dates("Beijing announced a tariff on U.S. goods on Friday.", "2025-03-06")
    assert df["value"].tolist() == ["2025-02-28"]


@pytest.mark.xfail(reason="find_dates reads 'Two days later' as a DURATION (P2D) without its anchor; TimeML "
                          "annotates it as a DATE counted from the reference time (the date before it); "
                          "newskit.events resolves it itself", strict=False)
def test_find_dates_duration_later_is_a_date():
    df = find_dates("The court ruled on May 28. Two days later, the appeals court stayed it.", "2025-06-02")
    assert df["value"].tolist() == ["2025-05-28", "2025-05-30"]


@pytest.mark.xfail(reason="find_dates puts the weekday of 'Two days later, on Sunday, Trump said ...' in the future "
                          "(2025-06-01 with a Tuesday 2025-05-27 anchor) although the clause is in the past "
                          "tense; newskit.events takes the day counted from 'Two days later' instead", strict=False)
def test_find_dates_weekday_after_later_phrase_is_past():
    df = find_dates("Trump threatened tariffs on Friday. Two days later, on Sunday, Trump said he had agreed "
                    "to postpone the EU tariff.", "2025-05-27")
    assert df.loc[df["text"] == "Sunday", "value"].tolist() == ["2025-05-25"]
