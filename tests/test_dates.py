"""find_dates: exact TIMEX3 values on the seed page's sentences, non-dates, anchors, columns."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from newskit.dates import DATE_COLUMNS, PRECISIONS, TIMEX_TYPES, find_dates

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED_FILE = SHARED / "seed" / "000_ba2334b44991beed.txt"

# The seed page: its main article is dated Sunday 2025-06-01, the related items
# were published Monday 2025-06-02.
MAIN, RELATED = "2025-06-01", "2025-06-02"

# (anchor, sentence, expected (text, type, value) rows in order, why)
GOLDEN = [
    (RELATED, "Stocks were little changed on Monday afternoon after Trump announced a surprise doubling "
              "of tariffs on steel and aluminum imports on Friday at an event in Pittsburgh.",
     [("Monday afternoon", "TIME", "2025-06-02TAF"), ("Friday", "DATE", "2025-05-30")],
     "weekday + part of day is a TIME; past tense ('announced') puts Friday before the anchor"),
    (RELATED, "Last Wednesday, the Court of International Trade ruled that Trump had overstepped his authority.",
     [("Last Wednesday", "DATE", "2025-05-28")], "'last' + weekday: the most recent one before the anchor"),
    (RELATED, "Less than 24 hours later, an appeals court temporarily paused that decision.",
     [("Less than 24 hours", "DURATION", "PT24H")], "a bounded offset is a duration; 'later' is a signal"),
    (RELATED, "The Trump administration wants countries to provide their best offer on trade negotiations by "
              "Wednesday as officials seek to accelerate talks ahead of a self-imposed deadline in just five weeks.",
     [("Wednesday", "DATE", "2025-06-04"), ("five weeks", "DURATION", "P5W")],
     "'by' + weekday is a deadline, in the future"),
    (RELATED, "dozens of countries that kicked off on April 9 when he paused his \"Liberation Day\" tariffs "
              "for 90 days until July 8 after stock, bond and currency markets revolted.",
     [("April 9", "DATE", "2025-04-09"), ("90 days", "DURATION", "P90D"), ("July 8", "DATE", "2025-07-08")],
     "month-day in the anchor's year; the preposition 'for' is not part of the duration"),
    (RELATED, "Ishiba may dissolve the House, a source close to the government leadership said Monday.",
     [("Monday", "DATE", "2025-06-02")], "the anchor's own weekday is the anchor day; lower-case 'may' is a verb"),
    (RELATED, "In May, U.S. stocks held their biggest rally of any month since November 2023, but that was after "
              "global indexes had cratered under the barrage of tariff announcements through February, March "
              "and early April.",
     [("May", "DATE", "2025-05"), ("November 2023", "DATE", "2023-11"), ("February", "DATE", "2025-02"),
      ("March", "DATE", "2025-03"), ("early April", "DATE", "2025-04")],
     "bare months in the past tense: the latest such month; 'early' is a modifier of the month"),
    (RELATED, "An initial group arrived on a chartered flight last month.",
     [("last month", "DATE", "2025-05")], "the month before the anchor's"),
    (RELATED, "Nine people, including families, arrived late last week, said Jaco Kleynhans.",
     [("late last week", "DATE", "2025-W22")], "ISO week before the anchor's (2025-06-02 is in W23)"),
    (MAIN, "The two sides will accelerate the talks with a view to reaching an agreement on the sidelines of "
           "the Group of Seven summit in mid-June, he said.",
     [("mid-June", "DATE", "2025-06")], "the anchor's month"),
    (MAIN, "In his March speech to Congress, U.S. President Donald Trump expressed his intention to resurrect "
           "the nation's shipbuilding industry.",
     [("March", "DATE", "2025-03")], "a month used as a modifier is still a date"),
    (MAIN, "The House of Councillors election is slated for this summer, while the House of Representatives "
           "election can be held at any time before the four-year term of the current members expires in "
           "the fall of 2028.",
     [("this summer", "DATE", "2025-SU"), ("four-year", "DURATION", "P4Y"), ("current", "DATE", "PRESENT_REF"),
      ("the fall of 2028", "DATE", "2028-FA")],
     "season codes of TimeML; an adjectival duration without its determiner"),
    (MAIN, "Both parties fell short of the 233-seat threshold to secure a majority in the previous general "
           "election held in October.",
     [("October", "DATE", "2024-10")], "past tense ('held') puts a later month in the previous year"),
    (MAIN, "agreeing to a demand to ensure enactment before the session ends on June 22.",
     [("June 22", "DATE", "2025-06-22")], "no past tense: the nearest June 22"),
    (MAIN, "the prime minister must dissolve the lower house or the cabinet must resign en masse within 10 days.",
     [("10 days", "DURATION", "P10D")], "'within' is a signal, not part of the duration"),
    (RELATED, "The shares trade now and are currently up; he recently met the former minister.",
     [("now", "DATE", "PRESENT_REF"), ("currently", "DATE", "PRESENT_REF"), ("recently", "DATE", "PAST_REF"),
      ("former", "DATE", "PAST_REF")], "vague references to the present and the past"),
    (RELATED, "Sales grew over the past three years; a year earlier they fell two years ago.",
     [("the past three years", "DURATION", "P3Y"), ("a year earlier", "DATE", "2024"),
      ("two years ago", "DATE", "2023")], "'ago' counts from the anchor at the unit's grain"),
    (RELATED, "The fund pays out each month and each year, and reports quarterly, on Mondays.",
     [("each month", "SET", "P1M"), ("each year", "SET", "P1Y"), ("quarterly", "SET", "P3M"),
      ("Mondays", "SET", "XXXX-WXX-1")], "sets: a period or a calendar pattern"),
    (RELATED, "Prices peaked in 1998 and in the 1990s; we spoke last week and earlier this month.",
     [("1998", "DATE", "1998"), ("the 1990s", "DATE", "199"), ("last week", "DATE", "2025-W22"),
      ("earlier this month", "DATE", "2025-06")], "years, decades (TIMEX3 '199'), weeks, months"),
    (RELATED, "The pause ends next Tuesday; in January nineteen ninety-seven it was the 20th century, and "
              "rates peak by the end of the decade.",
     [("next Tuesday", "DATE", "2025-06-10"), ("January nineteen ninety-seven", "DATE", "1997-01"),
      ("the 20th century", "DATE", "19"), ("the end of the decade", "DATE", "202")],
     "'next' + weekday is next week's; years in words; centuries and decades are TIMEX3 '19', '202'"),
    (RELATED, "Profit for the quarter ended March 31 rose from a year earlier; the year-ago quarter was weak.",
     [("the quarter", "DATE", "2025-Q1"), ("March 31", "DATE", "2025-03-31"), ("a year earlier", "DATE", "2024-Q1"),
      ("the year-ago quarter", "DATE", "2024-Q1")],
     "earnings copy: the quarter named by its end date is the topic that 'a year earlier' compares with"),
    (RELATED, "The vote is at 3 p.m. on Wednesday; talks ran until 10:35 a.m. yesterday.",
     [("3 p.m. on Wednesday", "TIME", "2025-06-04T15:00"), ("10:35 a.m. yesterday", "TIME", "2025-06-01T10:35")],
     "clock times take the day they name"),
]


def _rows(df: pd.DataFrame) -> list[tuple[str, str, str]]:
    return list(zip(df["text"], df["type"], df["value"]))


@pytest.mark.parametrize("anchor, sentence, expected, why", GOLDEN, ids=[g[3][:40] for g in GOLDEN])
def test_golden_sentences(anchor, sentence, expected, why):
    assert _rows(find_dates(sentence, anchor)) == expected, why


@pytest.mark.parametrize("text", [
    "tariffs on steel and aluminum products from 25% to 50%",
    "There has never been a $14 billion [about ¥2 trillion] investment",
    "both fell short of the 233-seat threshold",
    "An initial group of 59 white South Africans arrived",
    "approximately 2.7 million Afrikaners among a population of 62 million",
    "under Section 232 of the trade law, discussed at the G7",
    "Around 8,000 applications and 4.5 million whites, 80% Black",
    "The company said it may cut 2000 jobs",
    "He said they may march on the capital",
])
def test_numbers_are_never_dates(text):
    assert find_dates(text, RELATED).empty


def test_columns_dtypes_and_offsets():
    text = "On Friday, June 1, 2025, shares rose 5% and will rise for 90 days."
    df = find_dates(text, RELATED)
    assert list(df.columns) == [name for name, _, _ in DATE_COLUMNS]
    assert [str(t) for t in df.dtypes] == ["int64", "int64", "string", "string", "string", "datetime64[ns]", "string"]
    assert all(text[s:e] == t for s, e, t in zip(df["start"], df["end"], df["text"]))
    assert set(df["type"]) <= set(TIMEX_TYPES)
    assert set(df["precision"].dropna()) <= set(PRECISIONS)


def test_empty_result_has_the_columns():
    df = find_dates("Nothing temporal here at all.", RELATED)
    assert df.empty
    assert list(df.columns) == [name for name, _, _ in DATE_COLUMNS]
    assert str(df["date"].dtype) == "datetime64[ns]" and str(df["start"].dtype) == "int64"


@pytest.mark.parametrize("value_text, date, precision", [
    ("on April 9", "2025-04-09", "day"),
    ("last week", "2025-05-26", "week"),        # Monday of ISO week 22
    ("in May", "2025-05-01", "month"),
    ("this summer", "2025-06-01", "season"),    # meteorological summer starts in June
    ("the third quarter", "2025-07-01", "quarter"),
    ("in 1998", "1998-01-01", "year"),
    ("the 1990s", "1990-01-01", "decade"),
    ("at 3 p.m. Wednesday", "2025-06-04", "hour"),
])
def test_date_and_precision_columns(value_text, date, precision):
    row = find_dates(value_text, RELATED).iloc[0]
    assert row["date"] == pd.Timestamp(date)
    assert row["precision"] == precision


@pytest.mark.parametrize("text", ["for 90 days", "each month", "now", "every Monday"])
def test_no_calendar_date_for_durations_sets_and_references(text):
    df = find_dates(text, RELATED)
    assert df["date"].isna().all() and df["precision"].isna().all()


@pytest.mark.parametrize("anchor", [
    "2025-06-02",
    "2025-06-02T19:40:00+09:00",
    dt.date(2025, 6, 2),
    dt.datetime(2025, 6, 2, 8, 30),
    pd.Timestamp("2025-06-02"),
    pd.Timestamp("2025-06-02 23:30", tz="Asia/Tokyo"),  # read in its own zone: still June 2
    np.datetime64("2025-06-02"),
])
def test_anchor_types(anchor):
    df = find_dates("Trump spoke on Friday and the deadline is Wednesday.", anchor)
    assert df["value"].tolist() == ["2025-05-30", "2025-06-04"]


def test_tz_aware_anchor_keeps_its_local_day():
    # 2025-06-01T23:30-04:00 is June 2 in UTC, but the page printed June 1
    df = find_dates("today", pd.Timestamp("2025-06-01 23:30", tz="America/New_York"))
    assert df["value"].tolist() == ["2025-06-01"]


@pytest.mark.parametrize("anchor", ["yesterday-ish", "", None, 20250602, pd.NaT, ["2025-06-02"]])
def test_bad_anchor_raises_with_what_is_expected(anchor):
    with pytest.raises(ValueError, match=r"anchor must be .*ISO 8601 string.*datetime\.date"):
        find_dates("on Friday", anchor)


def test_text_must_be_a_string():
    with pytest.raises(TypeError, match="text must be a str"):
        find_dates(None, RELATED)


def test_same_text_same_result_and_input_unchanged():
    text = "Stocks fell on Friday, a year after the crash of October 2024."
    copy = str(text)
    a, b = find_dates(text, RELATED), find_dates(text, RELATED)
    pd.testing.assert_frame_equal(a, b)
    assert text == copy


@pytest.mark.skipif(not SEED_FILE.is_file(), reason="../shared/seed is not beside the checkout")
def test_seed_page_related_items():
    text = SEED_FILE.read_text(encoding="utf-8")
    related = text[text.index("Related Articles"):]
    rows = set(_rows(find_dates(related, RELATED)))
    for expected in [
        ("Friday", "DATE", "2025-05-30"),
        ("Last Wednesday", "DATE", "2025-05-28"),
        ("Less than 24 hours", "DURATION", "PT24H"),
        ("five weeks", "DURATION", "P5W"),
        ("April 9", "DATE", "2025-04-09"),
        ("90 days", "DURATION", "P90D"),
        ("July 8", "DATE", "2025-07-08"),
        ("Monday", "DATE", "2025-06-02"),
        ("November 2023", "DATE", "2023-11"),
        ("late last week", "DATE", "2025-W22"),
        ("last month", "DATE", "2025-05"),
        ("May 13, 2025", "DATE", "2025-05-13"),
    ]:
        assert expected in rows, expected
    # outlet names are not dates ("Japan Today"), nor are counts and money
    assert not {r for r in rows if r[0] in ("Today", "233", "59", "14", "2.7", "62")}
