"""Shared pieces of the rule handlers: the found expression, the context, resolution helpers.

:class:`Context` carries what a handler knows besides its match: the text (and
its lower-cased copy, which the scanner reads), the anchor, and the discourse
so far - the last date mentioned, which "a year earlier" or "the following
day" count from, and the fiscal quarter an earnings story is about. The
helpers resolve underspecified dates the way HeidelTime does for news
(Strötgen & Gertz 2013, §4.3): against the document creation time, with the
tense of the clause choosing between past and future readings.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from newskit.dates.lexicon import (
    NUMBER_WORDS,
    UNITS,
    UNIT_MULTIPLIER,
    UNIT_PLURALS,
)
from newskit.dates.resolve import (
    Anchor,
    Period,
    add_months,
    format_period,
    period_of,
    tense,
)


@dataclass
class Timex:
    """One temporal expression found: span, TIMEX3 type and value, and its period."""

    start: int
    end: int
    type: str
    value: str
    period: Period | None = None  # the calendar period, when the value is one
    time_prec: str | None = None  # "hour"/"minute"/"day" for TIME values


@dataclass
class Context:
    """What the handlers know: the text, the anchor and the discourse so far."""

    text: str
    anchor: Anchor
    low: str = ""  # the lower-cased copy the scanner reads (same offsets)
    last: tuple[int, Period] | None = None  # (end offset, period) of the last date mentioned
    last_quarter: tuple[int, Period] | None = None
    _tense: dict = field(default_factory=dict)

    @property
    def today(self) -> dt.date:
        return self.anchor.day

    def tense(self, start: int, end: int) -> str | None:
        key = (start, end)
        if key not in self._tense:
            self._tense[key] = tense(self.text, start, end)
        return self._tense[key]

    def ref(self, start: int) -> Period:
        """The period "earlier"/"later"/"that day" count from: the last date mentioned, else the anchor day."""
        if self.last is not None and self.last[0] <= start:
            return self.last[1]
        return Period("day", self.today)

    def orig(self, m: re.Match, group: str) -> str:
        """A group of a match as written in the original text (with its capitals)."""
        return self.text[m.start(group):m.end(group)]

    def prev_word(self, start: int) -> str:
        m = _PREV_WORD.search(self.text, max(0, start - 40), start)
        return m.group(1).lower() if m else ""

    def capitalised_name(self, start: int, end: int) -> bool:
        """Is ``text[start:end]`` a capitalised word inside a name ("Japan Today", "This Week")?

        True when it and the word before it are capitalised and nothing ends a
        sentence between them; function words before it ("In", "The") do not count.
        """
        if not self.text[start:start + 1].isupper():
            return False
        m = _PREV_RAW.search(self.text, max(0, start - 40), start)
        if not m or not m.group(1)[:1].isupper() or m.group(1).lower() in _FUNCTION_WORDS:
            return False
        return m.group(2) == " "

    def next_word(self, end: int) -> str:
        m = _NEXT_WORD.match(self.text, end)
        return (m.group(1) or "") if m else ""


_PREV_WORD = re.compile(r"([\w'’.$%]+)[^\w]*$")
_PREV_RAW = re.compile(r"([\w'’]+)(\W*)$")
# Capitalised words that start a sentence or introduce a date, not a name.
_FUNCTION_WORDS = frozenset(
    """the a an in on at by since until till through during from to of for and or but
    his her its their our my your this that these those last next early late mid before
    after between around about as when while with without said says""".split()
)
_NEXT_WORD = re.compile(r"[\s\"'’“”(]*([\w'’]+|[^\s\w])?")


def low(s: str | None) -> str:
    """Lower-cased with white space runs made single spaces ("" for None)."""
    if not s:
        return ""
    s = s.lower()
    return s if s.isalnum() else " ".join(s.split())


def day_timex(m: re.Match, d: dt.date, start: int | None = None, end: int | None = None) -> Timex:
    p = Period("day", d)
    return Timex(m.start() if start is None else start, m.end() if end is None else end,
                 "DATE", format_period(p), p)


def period_timex(m: re.Match, p: Period | None, typ: str = "DATE",
                  start: int | None = None, end: int | None = None) -> Timex | None:
    if p is None or not (1 <= p.start.year <= 9999):
        return None
    return Timex(m.start() if start is None else start, m.end() if end is None else end,
                 typ, format_period(p), p)


def ref_timex(m: re.Match, value: str, typ: str = "DATE", start: int | None = None,
               end: int | None = None) -> Timex:
    return Timex(m.start() if start is None else start, m.end() if end is None else end, typ, value)


# ----------------------------------------------------------------- numbers
_FRACTION = re.compile(r"(?:and\s+)?(?:a\s+half|1/2|one-half)|½|-and-a-half", re.I)


def parse_number(s: str) -> float | None:
    """A quantity: "90" -> 90, "twenty-four" -> 24, "a couple of" -> 2, "2 1/2" -> 2.5; None if vague."""
    if s.isdigit():  # the common case
        return float(s)
    s = low(s)
    if s in NUMBER_WORDS:
        return float(NUMBER_WORDS[s])
    frac = 0.0
    if _FRACTION.search(s):
        frac = 0.5
        s = _FRACTION.sub("", s).strip(" -")
    s = re.split(r"\s*(?:\bto\b|\bor\b|-(?=\s*\d)|–)\s*", s)[0] if re.search(r"\d\s*[-–]|\bto\b|\bor\b|–", s) else s
    s = s.strip()
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", s):
        return float(s.replace(",", "")) + frac
    if s in NUMBER_WORDS:
        return NUMBER_WORDS[s] + frac
    parts = re.split(r"[\s-]+", s)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]] + frac
    return None


def unit_name(word: str) -> str:
    w = low(word)
    return UNIT_PLURALS.get(w, w)


def duration_value(n: float | None, unit: str) -> str:
    """The TIMEX3 duration of ``n`` units ("P90D", "PT24H", "P2Y6M", "PXY" when n is None)."""
    letter, is_time, sub = UNITS[unit]
    prefix = "PT" if is_time else "P"
    if n is None:
        return f"{prefix}X{letter}"
    n = n * UNIT_MULTIPLIER.get(unit, 1)
    if unit == "quarter":
        letter, n = "M", n * 3
    whole = int(n)
    rest = n - whole
    if rest == 0:
        return f"{prefix}{whole}{letter}"
    smaller = {"Y": ("M", 12, False), "M": ("D", 30, False), "W": ("D", 7, False),
               "D": ("H", 24, True), "H": ("M", 60, True), "S": ("S", 1, True)}
    if unit == "minute":
        small, k, small_time = "S", 60, True
    else:
        small, k, small_time = smaller[letter]
    amount = rest * k
    if amount != int(amount):
        return f"{prefix}{n:g}{letter}"
    head = f"{prefix}{whole}{letter}" if whole else prefix
    if small_time and not is_time:
        return f"{head}T{int(amount)}{small}"
    return f"{head}{int(amount)}{small}"


# ------------------------------------------------------------- resolution
# A date named without a year is put in the year that makes it nearest to the
# anchor; the clause's tense overrides that, except for dates within this many
# days of the anchor ("record date Nov. 16, the company said" is 15 days ahead,
# not 350 days back). 60: chosen on the TimeBank dev set (30 and 60 did worse).
TENSE_TOLERANCE_DAYS = 90
# With no tense, news reports the past more than it announces: the past
# reading wins unless the future one is more than twice as near (measured on
# the TimeBank dev set: 1 and 3 did worse).
PAST_BIAS = 2


def nearest_year(ctx: Context, on_year, start: int, end: int, tolerance: int = TENSE_TOLERANCE_DAYS) -> int:
    """The year for a month, day or holiday named without one.

    ``on_year(y)`` gives the (middle) day the expression denotes in year ``y``;
    the tense is overridden only by a reading within ``tolerance`` days.
    """
    a = ctx.today
    try:
        cands = [(y, on_year(y)) for y in (a.year - 1, a.year, a.year + 1)]
    except ValueError:  # Feb. 29 of a common year
        return a.year
    past = max(((y, d) for y, d in cands if d <= a), key=lambda c: c[1], default=None)
    future = min(((y, d) for y, d in cands if d > a), key=lambda c: c[1], default=None)
    if past is None or future is None:
        return (past or future)[0]
    gap_past, gap_future = (a - past[1]).days, (future[1] - a).days
    t = ctx.tense(start, end)
    if t == "past" and gap_future > tolerance:
        return past[0]
    if t == "future" and gap_past > tolerance:
        return future[0]
    return past[0] if gap_past <= PAST_BIAS * gap_future else future[0]


def month_year(ctx: Context, month: int, start: int, end: int, day: int | None = None) -> int:
    """The year of a month (and day) named without one (see :func:`nearest_year`)."""
    a = ctx.today
    if day is None:
        if month == a.month:
            return a.year
        return nearest_year(ctx, lambda y: dt.date(y, month, 15), start, end)
    return nearest_year(ctx, lambda y: dt.date(y, month, day), start, end)


def weekday_date(ctx: Context, wd: int, rel: str, start: int, end: int) -> dt.date:
    a = ctx.today
    back = (a.isoweekday() - wd) % 7
    prev, nxt = a - dt.timedelta(days=back), a + dt.timedelta(days=(wd - a.isoweekday()) % 7)
    if rel in ("last", "this past", "past", "previous"):
        return prev if back else a - dt.timedelta(days=7)
    if rel == "next":  # "next Tuesday": the Tuesday of next week (SUTime's reading)
        return a + dt.timedelta(days=7 + wd - a.isoweekday())
    if rel in ("this coming", "coming", "the coming", "the next"):
        return nxt if nxt != a else a + dt.timedelta(days=7)
    if rel == "this":
        return a + dt.timedelta(days=wd - a.isoweekday())
    if rel in ("the previous", "the following"):
        base = ctx.ref(start).start
        step = -1 if rel == "the previous" else 1
        d = base + dt.timedelta(days=step)
        while d.isoweekday() != wd:
            d += dt.timedelta(days=step)
        return d
    if back == 0:
        return a
    t = ctx.tense(start, end)
    if t == "past":
        return prev
    if t == "future":
        return nxt
    return prev if back <= PAST_BIAS * (7 - back) else nxt  # no tense: the nearest, leaning past


def clock_time(text: str) -> tuple[int, int, bool] | None:
    """(hour, minute, minutes given) of a clock phrase: "10:35 a.m.", "5 p.m.", "noon"."""
    t = low(text)
    if t.startswith("noon") or t.startswith("midday"):
        return 12, 0, False
    if t.startswith("midnight"):
        return 24, 0, False
    m = re.match(r"(\d{1,2})(?:[:.](\d\d))?\s*([ap])?", t)
    if not m:
        return None
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3) == "p" and h < 12:
        h += 12
    elif m.group(3) == "a" and h == 12:
        h = 0
    return h, mi, m.group(2) is not None


def time_value(d: dt.date, h: int, mi: int) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}T{h:02d}:{mi:02d}"


def shift_by(p: Period, unit: str, n: int) -> Period | None:
    """Move a period by ``n`` calendar units ("day", "week", "month", "quarter", "year")."""
    try:
        if unit == "day":
            d = p.start + dt.timedelta(days=n)
        elif unit in ("week", "weekend"):
            d = p.start + dt.timedelta(days=7 * n)
        else:
            months = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12}[unit] * n
            first = add_months(p.start, months)
            day = min(p.start.day, 28) if p.start.day > 28 else p.start.day
            d = first.replace(day=day)
            if p.start.day > 28:  # keep month ends at month ends (Sept. 30 -> Sept. 30)
                nxt = add_months(first, 1) - dt.timedelta(days=1)
                d = first.replace(day=min(p.start.day, nxt.day))
    except (OverflowError, ValueError):
        return None
    return period_of(p.gran, d)


def gran_of_unit(unit: str) -> str:
    return {"fortnight": "week", "decade": "year", "century": "year", "millennium": "year",
            "night": "day"}.get(unit, unit)


