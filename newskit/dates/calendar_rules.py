"""Handlers for calendar expressions: dates, times, weekdays, months, years, seasons, holidays.

Each handler takes the match of its rule (see ``grammar.RULES``) and the
:class:`~newskit.dates.core.Context`, and returns a
:class:`~newskit.dates.core.Timex` or None to decline (a lower-case "may", a
name such as "Japan Today", a number that is a count).
"""
from __future__ import annotations

import datetime as dt
import re

from newskit.dates import grammar as g
from newskit.dates.core import (
    Context,
    Timex,
    clock_time,
    day_timex,
    low,
    month_year,
    nearest_year,
    parse_number,
    period_timex,
    ref_timex,
    time_value,
    weekday_date,
)
from newskit.dates.lexicon import (
    COUNT_NOUNS,
    DECADE_WORDS,
    EASTER_HOLIDAYS,
    FIXED_HOLIDAYS,
    MONTHS,
    MONTH_ABBREVIATIONS,
    NTH_WEEKDAY_HOLIDAYS,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNIT_PLURALS,
    WEEKDAYS,
)
from newskit.dates.resolve import (
    Period,
    easter,
    format_period,
    nth_weekday,
    period_of,
    season_period,
    shift,
)


def _iso(m, ctx):
    try:
        d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["H"]:
        return Timex(m.start(), m.end(), "TIME", time_value(d, int(m["H"]), int(m["M"])),
                     Period("day", d), "minute")
    return day_timex(m, d)


def _slash(m, ctx):
    a, b, y = int(m["a"]), int(m["b"]), m["y"]
    year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) <= ctx.today.year % 100 + 10 else 1900 + int(y))
    month, day = (a, b) if a <= 12 else (b, a)
    try:
        return day_timex(m, dt.date(year, month, day))
    except ValueError:
        return None


def _clock_rule(m, ctx):
    if m["h24"] is not None:
        prev = ctx.prev_word(m.start())
        if not (m["tz"] or m["dayref"] or prev in ("at", "by", "until", "from", "to", "around", "about", "before", "after", "since")):
            return None
        h, mi, has_min = int(m["h24"]), int(m["mi24"]), True
    elif m["hw"] is not None:
        h = parse_number(m["hw"])
        if h is None or not 1 <= h <= 12:
            return None
        h, mi, has_min = int(h), 0, False
    elif m["hm"] is not None:
        h = parse_number(m["hm"])
        if h is None or not 1 <= h <= 12:
            return None
        h, mi, has_min = int(h) + (12 if m["podm"].lower() != "morning" and h < 12 else 0), 0, False
    else:
        if m["noon"] and ctx.capitalised_name(m.start("noon"), m.end("noon")):
            return None  # "High Noon"
        start = m.start("noon") if m["noon"] else m.start("h")
        parsed = clock_time(m.string[start:m.end("ampm") + 1 if m["ampm"] else m.end("noon")])
        if parsed is None:
            return None
        h, mi, has_min = parsed
    ref = ctx.ref(m.start())
    d = ref.start if ref.gran == "day" else ctx.today  # "at 10:35 a.m.": on the day in discussion
    if m["dayref"]:
        ref = _dayref(ctx, m, m["dayref"], m.start(), m.end())
        if ref is None:
            return None
        d = ref
    return Timex(m.start(), m.end(), "TIME", time_value(d, h, mi), Period("day", d),
                 "minute" if has_min else "hour")


def month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBREVIATIONS.get(w)


def month_ok(word: str, abbrev_needs_period: bool = True) -> bool:
    """A month name must be capitalised ("may" and "march" are verbs)."""
    if not word[:1].isupper():
        return False
    bare = word.lower().rstrip(".")
    if bare not in MONTHS and abbrev_needs_period and not word.endswith("."):
        return False
    return True


def read_mdy(m, ctx, start=None, end=None):
    if not month_ok(ctx.orig(m, "mon"), abbrev_needs_period=False):
        return None
    month = month_number(m["mon"])
    day_text = m["day"].lower()
    day = ORDINALS.get(day_text) or int(re.match(r"\d+", day_text).group())
    if day_text in ORDINALS and "eighth" not in day_text and day_text in ("second",):
        return None  # "May second" is rare; "a second" is an ordinal
    nxt = ctx.next_word(m.end()).lower()
    if not m["year"] and nxt in ("%", "percent", "million", "billion", "points", "per"):
        return None
    start = m.start() if start is None else start
    end = m.end() if end is None else end
    if m["year"]:
        year = int(m["year"])
    else:
        year = month_year(ctx, month, m.start(), m.end(), day)
        if m["wd"]:  # "Friday, Oct. 23": the nearest year where the weekday fits
            wd = WEEKDAYS[m["wd"].lower()]
            for y in (year, year - 1, year + 1):
                try:
                    if dt.date(y, month, day).isoweekday() == wd:
                        year = y
                        break
                except ValueError:
                    pass
    try:
        return day_timex(m, dt.date(year, month, day))
    except ValueError:
        return None


_PAIR_BEFORE = re.compile(rf"{g.MONTH}\s*(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:and|or)\s+$")


def _andday(m, ctx):
    """ "April 24 and 25": the 25th of the month just named, in its year."""
    if ctx.last is None or ctx.last[1].gran != "day":
        return None
    if not _PAIR_BEFORE.search(ctx.low, max(0, m.start() - 25), m.start()):
        return None
    if ctx.next_word(m.end()).lower() in COUNT_NOUNS or ctx.next_word(m.end()).lower() in UNIT_PLURALS:
        return None
    try:
        return day_timex(m, ctx.last[1].start.replace(day=int(m["d"])))
    except ValueError:
        return None


def _dmy(m, ctx):
    if m["day"].lower() in ORDINALS and not (m["the"] or m["of"]):
        return None
    return read_mdy(m, ctx)


_MONTH_PREP = frozenset(
    "in since by until till through during early late mid last this next of from to before "
    "after between and or , around".split()
)


def _month_year_rule(m, ctx):
    if not month_ok(ctx.orig(m, "mon")):
        return None
    month = month_number(m["mon"])
    if m["year"]:
        year = int(m["year"])
    elif m["y2"]:
        yy = int(m["y2"][1:])
        year = 2000 + yy if yy <= ctx.today.year % 100 + 10 else 1900 + yy
    elif m["wy"]:
        year = word_year(m["wy"])
        if year is None:
            return None
    else:
        year = ctx.today.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return period_timex(m, Period("month", dt.date(year, month, 1)))


_DAY_AFTER = re.compile(r"\s*\d{1,2}(?!\d)")
_MARCH_NOUN = re.compile(r"\s+(?:for|of|on|to|against|through)\s+(?!(?:\d|last|this|next|that)\b)")
_DETERMINERS = frozenset("the a an this that annual his her their its our".split())


def _month(m, ctx):
    word = ctx.orig(m, "mon")
    if not month_ok(word):
        return None
    if _DAY_AFTER.match(ctx.low, m.end()):
        return None  # "last Oct. 23": the date rule reads it from "Oct."
    if word.lower() == "march" and not m["pos"] and not m["rel"] and _MARCH_NOUN.match(ctx.low, m.end()) \
            and ctx.prev_word(m.start()) in _DETERMINERS:
        return None  # "the March for Life", "the March on Washington"
    month = month_number(word)
    rel = low(m["rel"])
    if not rel and not m["pos"]:
        prev = ctx.prev_word(m.start())
        nxt = ctx.next_word(m.end())
        # "Theresa May", "April Ryan": a capitalised word beside a bare month
        # that no preposition introduces is most likely a name.
        if prev not in _MONTH_PREP and ctx.capitalised_name(m.start("mon"), m.end("mon")):
            return None
        if nxt[:1].isupper() and prev not in _MONTH_PREP and nxt.lower().rstrip(".") not in MONTHS:
            return None
        if word.lower() == "may" and prev not in _MONTH_PREP and nxt not in (",", ".", ";", ")", ""):
            return None  # the modal verb at a sentence start
    a = ctx.today
    if rel in ("last", "this past", "past", "the previous", "previous"):
        year = a.year if month < a.month else a.year - 1
    elif rel in ("next", "this coming", "coming", "the coming", "the next", "the following", "following"):
        year = a.year if month > a.month else a.year + 1
    elif rel == "this":
        year = a.year
    else:
        year = month_year(ctx, month, m.start(), m.end())
    return period_timex(m, Period("month", dt.date(year, month, 1)))


def _dayref(ctx: Context, m: re.Match, text: str, start: int, end: int) -> dt.date | None:
    """The day of a day reference inside a clock rule: "Tuesday", "Nov. 9", "yesterday"."""
    t = low(text)
    deictic = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    if t in deictic:
        return ctx.today + dt.timedelta(days=deictic[t])
    sub = g.COMPILED["mdy"].match(m.string, m.start("dayref"), m.end("dayref"))
    if sub and sub.end() == m.end("dayref"):
        tx = read_mdy(sub, ctx, start, end)
        return tx.period.start if tx and tx.period else None
    wd = WEEKDAYS.get(t.split(",")[0].strip())
    return weekday_date(ctx, wd, "", start, end) if wd else None


def _decade(m, ctx):
    if m["d3"]:
        start = int(m["d3"]) * 10
    elif m["d1"]:
        d = int(m["d1"])
        century = ctx.today.year // 100 * 100
        start = century + 10 * d if century + 10 * d <= ctx.today.year else century - 100 + 10 * d
    else:
        if not (m["the"] or m["pos"]):
            return None
        start = 1900 + 10 * DECADE_WORDS[m["dw"].lower()]  # HeidelTime's reading: the 20th century
    return period_timex(m, Period("decade", dt.date(start, 1, 1)))


def _century(m, ctx):
    o = m["ord"].lower()
    n = ORDINALS.get(o) or int(re.match(r"\d+", o).group())
    if not 1 <= n <= 30:
        return None
    return period_timex(m, Period("century", dt.date(max(1, (n - 1) * 100), 1, 1)))


_SEASON_PREP = frozenset(
    "in into during by since until till through throughout over for before after from of this last next "
    "early late mid".split())


def _season(m, ctx):
    code = SEASONS[m["s"].lower()]
    rel = low(m["rel"])
    if not (rel or m["pos"] or m["yr"] or m["wy"]):
        prev = ctx.prev_word(m.start() if not m["the"] else m.start())
        if prev not in _SEASON_PREP:
            return None
        if m["s"].lower() in ("fall", "spring") and not m["the"]:
            return None
    a = ctx.today
    if m["wy"]:
        year = word_year(m["wy"])
        return period_timex(m, season_period(code, year)) if year else None
    if m["yr"]:
        y = m["yr"]
        year = int(y) if y[0].isdigit() else (1900 + int(y[1:]) if int(y[1:]) > a.year % 100 + 10 else 2000 + int(y[1:]))
        return period_timex(m, season_period(code, year))
    cur = period_of("season", a)
    if rel in ("last", "this past", "past", "the past", "the previous", "previous"):
        p = shift(cur, -1)
        while format_period(p)[-2:] != code:
            p = shift(p, -1)
    elif rel in ("next", "this coming", "coming", "the coming", "the next", "the following", "following"):
        p = shift(cur, 1)
        while format_period(p)[-2:] != code:
            p = shift(p, 1)
    elif format_period(cur)[-2:] == code:
        p = cur
    elif rel == "this":
        p = season_period(code, a.year)
    else:
        year = nearest_year(ctx, lambda y: season_period(code, y).start + dt.timedelta(days=45),
                             m.start(), m.end())
        p = season_period(code, year)
    return period_timex(m, p)


def _holiday_date(name: str, year: int) -> dt.date | None:
    if name in FIXED_HOLIDAYS:
        mo, d = FIXED_HOLIDAYS[name]
        return dt.date(year, mo, d)
    if name in NTH_WEEKDAY_HOLIDAYS:
        mo, wd, n = NTH_WEEKDAY_HOLIDAYS[name]
        return nth_weekday(year, mo, wd, n)
    if name in EASTER_HOLIDAYS:
        return easter(year) + dt.timedelta(days=EASTER_HOLIDAYS[name])
    if name == "election day":
        return nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1)
    if name == "black friday":
        return nth_weekday(year, 11, 4, 4) + dt.timedelta(days=1)
    if name == "cyber monday":
        return nth_weekday(year, 11, 4, 4) + dt.timedelta(days=4)
    return None


def _holiday(m, ctx):
    if not ctx.orig(m, "h")[:1].isupper():
        return None
    name = low(m["h"]).replace("’", "'")
    a = ctx.today
    rel = low(m["rel"])
    if m["yr"]:
        d = _holiday_date(name, int(m["yr"]))
    else:
        d = _holiday_date(name, a.year)
        if rel == "last" and d >= a:
            d = _holiday_date(name, a.year - 1)
        elif rel == "next" and d <= a:
            d = _holiday_date(name, a.year + 1)
        elif not rel and d != a:
            d = _holiday_date(name, nearest_year(ctx, lambda y: _holiday_date(name, y), m.start(), m.end()))
    if d is None:
        return None
    return period_timex(m, period_of("week" if m["wk"] else "day", d))


def _podrel(m, ctx):
    d = m["d"].lower()
    pod = PARTS_OF_DAY[m["pod"].lower()]
    if d == "last" and pod != "NI":
        return None  # "last morning" is not idiomatic; "last evening" rare
    if m["dref"]:  # "mid-afternoon yesterday"
        day = ctx.today + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[m["dref"]])
    elif d in ("early", "late", "mid"):  # "by mid afternoon": of the day in discussion
        if pod not in ("MO", "AF", "EV") or ctx.next_word(m.end()) in ("-",) or ctx.low.startswith("-", m.end()):
            return None
        ref = ctx.ref(m.start())
        day = ref.start if ref.gran == "day" else ctx.today
    else:
        day = ctx.today + dt.timedelta(days={"this": 0, "tonight": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[d])
    return Timex(m.start(), m.end(), "TIME", format_period(Period("day", day)) + "T" + pod,
                 Period("day", day), "day")


def _deictic(m, ctx):
    if m["d2"]:
        day = ctx.today + dt.timedelta(days=-2 if "before" in m["d2"].lower() else 2)
        return day_timex(m, day)
    d = m["d"].lower()
    if ctx.capitalised_name(m.start("d"), m.end("d")):
        return None  # "Japan Today", "USA Today": a title
    if ctx.prev_word(m.start()) == "of" and not m["pos"] and not m["pod"] and d in ("today", "tomorrow"):
        return None  # "the world of tomorrow": generic, not a day
    day = ctx.today + dt.timedelta(days={"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[d])
    pod = PARTS_OF_DAY[m["pod"].lower()] if m["pod"] else ("NI" if d == "tonight" else None)
    if pod:
        return Timex(m.start(), m.end(), "TIME", format_period(Period("day", day)) + "T" + pod,
                     Period("day", day), "day")
    return day_timex(m, day)


def _weekday(m, ctx):
    word = ctx.orig(m, "wd")
    if not word[:1].isupper():
        return None
    wd = WEEKDAYS[word.lower()]
    nxt = ctx.next_word(m.end())
    rel = low(m["rel"])
    if not rel and nxt[:1].isupper() and nxt.lower() not in MONTHS and ctx.prev_word(m.start()) == "the":
        return None  # "The Sunday Times"
    pod = m["pod"].lower().rstrip("s") if m["pod"] else None
    if m["pl"] or (m["pod"] and m["pod"].lower().endswith("s")):
        value = f"XXXX-WXX-{wd}" + (f"T{PARTS_OF_DAY[pod]}" if pod else "")
        return ref_timex(m, value, "SET")
    d = weekday_date(ctx, wd, rel, m.start(), m.end())
    if m["clock"]:
        parsed = clock_time(m["clock"])
        if parsed:
            h, mi, has_min = parsed
            return Timex(m.start(), m.end(), "TIME", time_value(d, h, mi), Period("day", d),
                         "minute" if has_min else "hour")
    if pod:
        return Timex(m.start(), m.end(), "TIME", format_period(Period("day", d)) + "T" + PARTS_OF_DAY[pod],
                     Period("day", d), "day")
    return day_timex(m, d)


_LABEL_WORDS = frozenset(
    """no no. number section article rule route flight room highway interstate resolution
    chapter title page paragraph clause item model bill code form version bus line suite
    apt box unit gate level pier platform channel exit lot plot district precinct squadron
    division regiment battalion brigade cell seat square street avenue road act decree""".split()
)
_YEAR_PREP = frozenset(
    """in since of by until till from to before after during around circa year years early
    late mid fiscal calendar the and or between through throughout c. summer winter spring
    autumn fall""".split()
)


def _year(m, ctx):
    y = int(m["y"])
    prev = ctx.prev_word(m.start())
    if not m["pos"] and not m["pre"]:
        if prev in _LABEL_WORDS:
            return None
        if not 1900 <= y <= 2099 and prev not in _YEAR_PREP:
            return None
        nxt = ctx.next_word(m.end()).lower()
        if nxt in COUNT_NOUNS and prev not in _YEAR_PREP:
            return None
        if y > ctx.today.year + 30 and prev not in _YEAR_PREP:
            return None  # 2099 people, not a year
    elif m["pre"] and low(m["pre"]) == "the" and not m["pos"]:
        # "the 1988 period" is a quarter rule; "the 2000 election" is a year: keep
        pass
    tx = period_timex(m, Period("year", dt.date(y, 1, 1)))
    if tx and m["pre"] and low(m["pre"]) == "the":
        tx.start = m.start("y")  # "the" is not part of a bare year
    return tx


def word_year(text: str) -> int | None:
    """ "nineteen ninety-four" -> 1994, "eighteen hundred" -> 1800 (None if not a year)."""
    parts = low(text).replace("-", " ").split(None, 1)
    if len(parts) != 2 or parts[0] not in NUMBER_WORDS:
        return None
    rest = 0 if parts[1] == "hundred" else parse_number(parts[1])
    if rest is None or not (10 <= rest <= 99 or parts[1] == "hundred"):
        return None
    return 100 * NUMBER_WORDS[parts[0]] + int(rest)


def _wordyear(m, ctx):
    if m["tt"]:
        if not m["ty"] and ctx.prev_word(m.start()) not in _YEAR_PREP:
            return None
        rest = parse_number(m["yy2"]) if m["yy2"] else 0
        if rest is None:
            return None
        year = 2000 + int(rest)
    else:
        c = NUMBER_WORDS[m["c"].lower()]
        yy = low(m["yy"])
        if yy == "hundred":
            rest = 0
        elif yy.startswith("oh"):
            rest = NUMBER_WORDS[yy.split()[-1].split("-")[-1]]
        else:
            rest = parse_number(yy)
        if rest is None or not 10 <= rest <= 99 and yy != "hundred" and not yy.startswith("oh"):
            return None
        year = 100 * c + int(rest)
    return period_timex(m, Period("year", dt.date(year, 1, 1)))


def _year2(m, ctx):
    yy = int(m["y"][1:])
    a = ctx.today
    year = 2000 + yy if 2000 + yy <= a.year + 10 else 1900 + yy
    return period_timex(m, Period("year", dt.date(year, 1, 1)), start=m.start("y"))


HANDLERS = {
    "iso": _iso,
    "slash": _slash,
    "clock": _clock_rule,
    "mdy": read_mdy,
    "dmy": _dmy,
    "andday": _andday,
    "month_year": _month_year_rule,
    "decade": _decade,
    "century": _century,
    "season": _season,
    "holiday": _holiday,
    "podrel": _podrel,
    "deictic": _deictic,
    "weekday": _weekday,
    "month": _month,
    "year": _year,
    "wordyear": _wordyear,
    "year2": _year2,
}
