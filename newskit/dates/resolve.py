"""Calendar arithmetic for TIMEX3 values: anchors, periods, tense, holidays.

A resolved date is a :class:`Period`: a granularity ("day", "week", "month",
"quarter", "half", "season", "year", "decade", "century", "weekend") and the
first day of the period. Relative expressions shift periods ("last month" is
the anchor's month shifted by -1) and :func:`format_period` writes the TIMEX3
value (TimeML 1.2.1 guidelines, §2.2: "2025-W23", "2025-Q2", "2025-SU", "199").
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import pandas as pd

from newskit.dates.lexicon import (
    CLAUSE_STARTERS,
    FUTURE_CUES,
    FUTURE_PREPOSITIONS,
    NOT_PAST_ED,
    PAST_VERBS,
    PRESENT_CUES,
    SEASON_START_MONTH,
)

__all__ = ["Anchor", "Period", "parse_anchor", "period_of", "shift", "format_period", "tense"]

_ORDER = {"day": 0, "weekend": 1, "week": 1, "month": 2, "season": 3, "quarter": 3, "half": 4,
          "year": 5, "decade": 6, "century": 7}
# The precision column: the unit at which the ``date`` column is right. A
# weekend is given as its week and a half-year as its year (the list of
# precisions has neither).
PRECISION = {"day": "day", "weekend": "week", "week": "week", "month": "month", "season": "season",
             "quarter": "quarter", "half": "year", "year": "year", "decade": "decade"}
_SEASON_CODE = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}
# pandas' nanosecond Timestamps span 1677-09-21 to 2262-04-11.
_TS_MIN, _TS_MAX = dt.date(1678, 1, 1), dt.date(2262, 1, 1)


@dataclass(frozen=True)
class Anchor:
    """The reference point: the article's publication day, and time if known."""

    day: dt.date
    time: dt.time | None = None


@dataclass(frozen=True)
class Period:
    """A calendar period: its granularity and its first day."""

    gran: str
    start: dt.date

    def finer_than(self, other: str) -> bool:
        return _ORDER[self.gran] < _ORDER[other]


_ANCHOR_HELP = (
    "anchor must be the article's publication date or datetime: an ISO 8601 string "
    "('2025-06-01', '2025-06-01T09:30', '2025-06-01T09:30+09:00'), a datetime.date, "
    "a datetime.datetime or a pandas.Timestamp (tz-aware allowed)"
)


def parse_anchor(anchor: object) -> Anchor:
    """Read a publication date or datetime into an :class:`Anchor`.

    A tz-aware datetime is read in its own time zone: the publication day is
    the one printed on the page. A datetime at exactly midnight is taken as a
    date whose time is unknown.

    Args:
        anchor: ``str`` (ISO 8601 or anything ``pandas.Timestamp`` reads),
            ``datetime.date``, ``datetime.datetime``, ``pandas.Timestamp`` or
            ``numpy.datetime64``.

    Returns:
        The :class:`Anchor`.

    Raises:
        ValueError: the anchor is missing, of another type, or unparseable;
            the message says what is expected.

    Examples:
        >>> parse_anchor("2025-06-02T15:30+09:00")
        Anchor(day=datetime.date(2025, 6, 2), time=datetime.time(15, 30))
        >>> parse_anchor("next week")
        Traceback (most recent call last):
        ...
        ValueError: find_dates: anchor must be ... received 'next week' (str)
    """
    value = anchor
    if isinstance(value, str):
        text = value.strip()
        try:
            value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            has_time = "T" in text or " " in text or ":" in text
        except ValueError:
            try:
                value = pd.Timestamp(text)
            except (ValueError, TypeError, OverflowError):
                value = None
            has_time = ":" in text
        if value is None or value is pd.NaT or pd.isna(value):
            raise ValueError(f"find_dates: {_ANCHOR_HELP}; received {anchor!r} (str)")
        value = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
        time = value.time().replace(tzinfo=None) if has_time else None
        return Anchor(value.date(), time)
    if type(value).__name__ == "datetime64":
        value = pd.Timestamp(value)
    if value is pd.NaT:
        raise ValueError(f"find_dates: {_ANCHOR_HELP}; received NaT")
    if isinstance(value, dt.datetime):  # pandas.Timestamp is a datetime too
        t = value.time().replace(tzinfo=None)
        return Anchor(value.date(), None if t == dt.time(0) else t)
    if isinstance(value, dt.date):
        return Anchor(value)
    raise ValueError(f"find_dates: {_ANCHOR_HELP}; received {anchor!r} ({type(anchor).__name__})")


def add_months(d: dt.date, n: int) -> dt.date:
    """The first day of the month ``n`` months after the month of ``d``."""
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return dt.date(y, m + 1, 1)


def period_of(gran: str, d: dt.date) -> Period:
    """The period of granularity ``gran`` that contains day ``d``.

    Examples:
        >>> period_of("week", dt.date(2025, 6, 1))
        Period(gran='week', start=datetime.date(2025, 5, 26))
        >>> format_period(period_of("season", dt.date(2025, 1, 15)))
        '2024-WI'
    """
    if gran == "day":
        return Period(gran, d)
    if gran == "week":
        return Period(gran, d - dt.timedelta(days=d.isoweekday() - 1))
    if gran == "weekend":
        return Period(gran, d + dt.timedelta(days=6 - d.isoweekday()))
    if gran == "month":
        return Period(gran, d.replace(day=1))
    if gran == "quarter":
        return Period(gran, dt.date(d.year, 3 * ((d.month - 1) // 3) + 1, 1))
    if gran == "half":
        return Period(gran, dt.date(d.year, 1 if d.month <= 6 else 7, 1))
    if gran == "season":
        first = {1: 12, 2: 12}.get(d.month, 3 * (d.month // 3))
        return Period(gran, dt.date(d.year - (d.month <= 2), first, 1))
    if gran == "year":
        return Period(gran, dt.date(d.year, 1, 1))
    if gran == "decade":
        return Period(gran, dt.date(max(1, d.year // 10 * 10), 1, 1))
    if gran == "century":
        return Period(gran, dt.date(max(1, d.year // 100 * 100), 1, 1))
    raise KeyError(gran)


def shift(p: Period, n: int) -> Period | None:
    """The period ``n`` periods of the same granularity after ``p`` (None off the calendar)."""
    try:
        if p.gran == "day":
            return Period(p.gran, p.start + dt.timedelta(days=n))
        if p.gran in ("week", "weekend"):
            return Period(p.gran, p.start + dt.timedelta(days=7 * n))
        months = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12,
                  "decade": 120, "century": 1200}[p.gran]
        return Period(p.gran, add_months(p.start, months * n))
    except (OverflowError, ValueError):
        return None


def format_period(p: Period) -> str:
    """The TIMEX3 value of a period.

    Examples:
        >>> format_period(Period("week", dt.date(2025, 5, 26)))
        '2025-W22'
        >>> format_period(Period("decade", dt.date(1990, 1, 1)))
        '199'
    """
    s = p.start
    if p.gran == "day":
        return f"{s.year:04d}-{s.month:02d}-{s.day:02d}"
    if p.gran in ("week", "weekend"):
        y, w, _ = s.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if p.gran == "weekend" else "")
    if p.gran == "month":
        return f"{s.year:04d}-{s.month:02d}"
    if p.gran == "quarter":
        return f"{s.year:04d}-Q{(s.month - 1) // 3 + 1}"
    if p.gran == "half":
        return f"{s.year:04d}-H{1 if s.month <= 6 else 2}"
    if p.gran == "season":
        return f"{s.year:04d}-{_SEASON_CODE[s.month]}"
    if p.gran == "year":
        return f"{s.year:04d}"
    if p.gran == "decade":
        return f"{s.year // 10:03d}"
    if p.gran == "century":
        return f"{s.year // 100:02d}"
    raise KeyError(p.gran)


def period_day(p: Period) -> dt.date | None:
    """The first day of the period at its reported precision (None if none or off pandas' range)."""
    if p.gran not in PRECISION:
        return None
    start = p.start
    if p.gran == "weekend":
        start = start - dt.timedelta(days=5)  # the Monday of its ISO week
    elif p.gran == "half":
        start = dt.date(start.year, 1, 1)
    if not (_TS_MIN <= start < _TS_MAX):
        return None
    return start


def season_period(code: str, year: int) -> Period:
    """The season ``code`` ("SP", "SU", "FA", "WI") of ``year`` (winter starts in December)."""
    return Period("season", dt.date(year, SEASON_START_MONTH[code], 1))


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ISO ``weekday`` of a month; ``n = -1`` is the last one."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> dt.date:
    """Western Easter Sunday: the anonymous Gregorian algorithm (Meeus, *Astronomical Algorithms*, ch. 8)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


# ---------------------------------------------------------------- tense cues
_WORDS = re.compile(r"[A-Za-z][A-Za-z'’]*|[.;:!?]")
# How far to look for a verb: about one clause (8 words), as HeidelTime looks
# at the verbs of the sentence (Strötgen & Gertz 2013, §4.3); measured on the
# TimeBank dev set, a wider window picks up verbs of other clauses.
_LEFT_WORDS, _RIGHT_WORDS = 10, 6
_PASSIVE = frozenset("be been being is are am get gets".split())


@functools.lru_cache(maxsize=4096)  # a pure function of a word; words repeat
def _cue(word: str) -> str | None:
    w = word.lower().replace("’", "'")
    if w in PAST_VERBS:
        return "past"
    if w in FUTURE_CUES or w.endswith("'ll") or w == "won't":
        return "future"
    if w in PRESENT_CUES:
        return "present"
    if w.endswith("n't"):
        return "past" if w in ("didn't", "wasn't", "weren't", "hadn't", "couldn't") else "present"
    if len(w) >= 5 and w.endswith("ed") and w not in NOT_PAST_ED and word[0].islower():
        return "past"
    return None


def tense(text: str, start: int, end: int) -> str | None:
    """The tense of the clause around ``text[start:end]``: "past", "future", "present" or None.

    The word just before the expression decides first ("by Wednesday" and
    "starting Monday" are future, "since May" past); then the nearest verb cue to
    the left within the clause, then to the right.

    Examples:
        >>> s = "Trump announced the move on Friday at an event."
        >>> tense(s, s.index("Friday"), s.index("Friday") + 6)
        'past'
        >>> s = "Countries must offer their best by Wednesday."
        >>> tense(s, s.index("Wednesday"), len(s) - 1)
        'future'
    """
    left = _WORDS.findall(text, max(0, start - 90), start)
    if left:
        prev = left[-1].lower()
        if prev in ("the", "a") and len(left) > 1:  # "by the Tuesday deadline"
            prev = left[-2].lower()
        if prev in FUTURE_PREPOSITIONS:
            return "future"
        if prev in ("since", "ago"):
            return "past"
    window = left[-_LEFT_WORDS:]
    for i in range(len(window) - 1, -1, -1):
        w = window[i]
        if w in ".;:!?":
            break
        c = _cue(w)
        if c == "past" and i > 0 and window[i - 1].lower() in _PASSIVE:
            c = None  # "would be paid", "has been scheduled": a participle, not a past tense
        elif c == "present" and i + 1 < len(window) and window[i + 1].lower() == "to":
            c = "future"  # "is to resume trading Tuesday"
        if c:
            return c
        if i < len(window) - 1 and w.lower() in CLAUSE_STARTERS:
            break
    right = _WORDS.findall(text, end, min(len(text), end + 70))
    for w in right[:_RIGHT_WORDS]:
        if w in ".;:!?" or w.lower() in CLAUSE_STARTERS:
            break
        c = _cue(w)
        if c:
            return c
    return None
