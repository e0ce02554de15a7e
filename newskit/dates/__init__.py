"""Temporal expressions in news text, found and normalised to TimeML TIMEX3.

``find_dates(text, anchor)`` returns every date, time, duration and set
("April 9", "last Wednesday", "less than 24 hours", "each month") with its
TIMEX3 type and value, resolved against the article's publication date.
Offline and pure Python, in one pass over the text:

* ``lexicon``: word lists (months, weekdays, units, number words, seasons,
  holidays, parts of day, tense cues);
* ``grammar``: one regular expression per form, the head words every
  expression contains, and per-character scanners;
* ``rules``: the scan (heads, modifier runs, first matching rule);
* ``calendar_rules``, ``relative_rules``, ``quantity_rules``: a handler per
  rule, turning a match into a TIMEX3 type and value;
* ``core`` and ``resolve``: the context, anchors, calendar periods, tense.

Measured with ``python -m newskit.eval.timeml`` on TimeBank 1.2 + AQUAINT
(TempEval-3 training data, 256 documents): relaxed span F1 94.1, value F1 80.7
(HeidelTime reports 77.6 value F1 on the TempEval-3 test set); and with
``python -m benchmarks.dates``: ~600 600-word articles/s on one core.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from newskit.dates.rules import date_rows

__all__ = ["DATE_COLUMNS", "PRECISIONS", "TIMEX_TYPES", "find_dates", "rows_table"]

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
PRECISIONS = ("minute", "hour", "day", "week", "month", "season", "quarter", "year", "decade")
# The columns of find_dates, in order, with their dtypes and meanings.
DATE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("start", "int64", "offset of the expression's first character in text"),
    ("end", "int64", "offset just past its last character: text[start:end] is the expression"),
    ("text", "string", "the expression as written"),
    ("type", "string", "TIMEX3 type: DATE, TIME, DURATION or SET"),
    ("value", "string", "TIMEX3 value: 2025-05-30, 2025-W23, 2025-SU, P90D, PT24H, PRESENT_REF, XXXX-WXX-1, 2025-06-04T15:00 ..."),
    ("date", "datetime64[ns]", "first day of the calendar period the value denotes (day, week, month, season, quarter, year, decade; the day of a TIME); NaT otherwise"),
    ("precision", "string", "unit to which date is right: minute, hour, day, week, month, season, quarter, year, decade; missing when date is NaT"),
)


_NAT = np.datetime64("NaT", "D")
# pandas' "string" dtype with Python storage: building a small table is ~40%
# faster than with Arrow storage (0.40 vs 0.69 ms for 20 rows, measured), and
# find_dates builds one table per article.
_STRING = pd.StringDtype("python")


def _strings(values: list[str]) -> pd.arrays.StringArray:
    """A string column from a list of str (no missing values): the cheapest constructor."""
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    return pd.arrays.StringArray(arr)


def rows_table(texts: list[str], rows: list[list[tuple]]) -> pd.DataFrame:
    """The ``find_dates`` table of several texts at once, from their ``date_rows``.

    ``rows[i]`` are ``date_rows(texts[i], anchor_i)``; the table holds them in
    that order (``start``/``end`` are offsets into each row's own text). One
    table for many texts costs 1.4-1.7x less CPU than a table per text
    (``python -m benchmarks.dates``; ``newskit.pipeline.dates_table`` builds
    one per chunk of articles).

    Examples:
        >>> texts = ["Talks resumed on Monday.", "No date here.", "Tariffs rose in April."]
        >>> rows = [date_rows(t, "2025-06-04") for t in texts]
        >>> rows_table(texts, rows)[["text", "value"]].values.tolist()
        [['Monday', '2025-06-02'], ['April', '2025-04']]
    """
    flat = [(text, row) for text, found in zip(texts, rows, strict=True) for row in found]
    n = len(flat)
    if not n:
        return _empty()
    columns = {
        "start": np.fromiter((r[0] for _, r in flat), dtype=np.int64, count=n),
        "end": np.fromiter((r[1] for _, r in flat), dtype=np.int64, count=n),
        "text": _strings([t[r[0]:r[1]] for t, r in flat]),
        "type": _strings([r[2] for _, r in flat]),
        "value": _strings([r[3] for _, r in flat]),
        "date": np.array([_NAT if r[4] is None else r[4] for _, r in flat],
                         dtype="datetime64[D]").astype("datetime64[ns]"),
        "precision": pd.array([r[5] for _, r in flat], dtype=_STRING),
    }
    return pd.DataFrame(columns, index=pd.RangeIndex(n), copy=False)


def _empty() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series([], dtype=_STRING if dtype == "string" else dtype)
                         for name, dtype, _ in DATE_COLUMNS})


def find_dates(text: str, anchor: str | dt.date | dt.datetime | pd.Timestamp) -> pd.DataFrame:
    """Find and normalise the temporal expressions of a news text.

    Expressions are resolved against ``anchor``, the publication date: a bare
    weekday is the nearest such day, in the past when the clause is in the
    past tense and in the future after "by", "next" or a future verb;
    "last week" is the ISO week before the anchor's; a month named without a
    year is in the anchor's year unless the tense says otherwise.
    Percentages, sums of money and counts are never dates.

    Args:
        text: plain text (an article body, a headline).
        anchor: the article's publication date or datetime: an ISO 8601
            string, ``datetime.date``, ``datetime.datetime``,
            ``pandas.Timestamp`` or ``numpy.datetime64``; tz-aware values are
            read in their own time zone (the day printed on the page).

    Returns:
        One row per expression, in text order, with the columns of
        :data:`DATE_COLUMNS`: ``start``, ``end`` (int64 offsets,
        ``text[start:end] == text``), ``text``, ``type`` (DATE, TIME, DURATION,
        SET), ``value`` (TIMEX3), ``date`` (datetime64[ns]: the first day of the
        period the value denotes, NaT for durations, sets and PRESENT_REF-like
        values, and for dates outside pandas' 1678-2261 range) and
        ``precision`` (string: the unit of the period; "hour" or "minute" for
        a clock time, "day" for a part of a day; missing when ``date`` is NaT).
        The input is not modified.

    Raises:
        ValueError: ``anchor`` cannot be read as a date; the message lists
            what is accepted.
        TypeError: ``text`` is not a string.

    Examples:
        >>> df = find_dates("Trump spoke on Friday and will decide by Wednesday, "
        ...                 "less than 24 hours after tariffs rose from 25% to 50%.", "2025-06-02")
        >>> df[["text", "type", "value"]].values.tolist()
        [['Friday', 'DATE', '2025-05-30'], ['Wednesday', 'DATE', '2025-06-04'], ['less than 24 hours', 'DURATION', 'PT24H']]
        >>> find_dates("Late last week, every month, this summer", "2025-06-01")[["value", "precision"]].values.tolist()
        [['2025-W21', 'week'], ['P1M', <NA>], ['2025-SU', 'season']]
    """
    return rows_table([text], [date_rows(text, anchor)])
