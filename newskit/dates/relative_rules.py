"""Handlers for expressions counted from another time: "last week", "a year ago", quarters.

"last month" and "two years ago" count from the anchor; "a year earlier",
"the following day" and "that quarter" from the discourse (the last date or
fiscal quarter mentioned), as in HeidelTime's UNDEF-REF normalisation
(Strötgen & Gertz 2013, §4.3).
"""
from __future__ import annotations

import datetime as dt
import re

from newskit.dates import grammar as g
from newskit.dates.core import (
    Context,
    nearest_year,
    Timex,
    day_timex,
    duration_value,
    gran_of_unit,
    low,
    month_year,
    parse_number,
    period_timex,
    ref_timex,
    shift_by,
    time_value,
    unit_name,
)
from newskit.dates.calendar_rules import (
    month_number,
    month_ok,
    read_mdy,
)
from newskit.dates.lexicon import (
    PARTS_OF_DAY,
    UNITS,
    UNIT_MULTIPLIER,
)
from newskit.dates.resolve import (
    Period,
    format_period,
    period_of,
    shift,
)


def _quarter_year(ctx: Context, q_start_month: int, start: int, end: int) -> int:
    """The year of a quarter or half named without one: the nearest, moved by tense (as for months)."""
    if period_of("quarter", ctx.today).start.month == q_start_month:
        return ctx.today.year
    return nearest_year(ctx, lambda y: dt.date(y, q_start_month, 15) + dt.timedelta(days=30), start, end)


def _quarter(m, ctx):
    ordinal = m["ord"].lower()
    unit = m["unit"].lower()
    if ordinal in ("last", "latter"):
        if unit != "half":
            return None  # "the last quarter" is the previous one: relunit
        ordinal = "final"
    n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
         "4th": 4, "final": 4}[ordinal]
    if m["det"] and m["det"].lower() == "a":
        return None  # "a third quarter" of something
    if unit == "half":
        if n > 2 and ordinal != "final":
            return None
        n = 2 if ordinal == "final" else n
        gran, first_month = "half", 6 * (n - 1) + 1
    else:
        gran, first_month = "quarter", 3 * (n - 1) + 1
    a = ctx.today
    yr = m["yr"] or m["yr2"]
    if yr and yr[0].isdigit():
        year = int(yr)
    elif m["yrel"] or (yr and not yr[0].isdigit()):
        word = low(m["yrel"] or yr.split()[0])
        if word == "the":
            year = ctx.ref(m.start()).start.year
        else:
            year = a.year + {"last": -1, "this": 0, "next": 1}[word]
    else:
        year = _quarter_year(ctx, first_month, m.start(), m.end())
    p = Period(gran, dt.date(year, first_month, 1))
    if m["cmp"]:
        p = shift(p, -4 if gran == "quarter" else -2)
    tx = period_timex(m, p)
    if tx and gran == "quarter" and not m["cmp"] and "fiscal" not in ctx.low[m.start():m.end()]:
        topic_quarter(ctx, m.end(), p)
    return tx


def topic_quarter(ctx: Context, end: int, p: Period) -> None:
    """Make ``p`` the quarter an earnings story is about, if it is a finished one.

    Results are reported for finished quarters; a current or future quarter
    ("expects the fourth quarter to...") is an outlook, and a fiscal quarter
    need not be the calendar one, so neither becomes the topic.
    """
    if p.start < period_of("quarter", ctx.today).start:
        ctx.last_quarter = (end, p)


def _qn(m, ctx):
    if ctx.text[m.start("q") - 1] != "Q":
        return None  # "Q3" is written in capitals
    n = int(m["q"])
    yr = m["yr"] or m["yr2"]
    year = int(yr) if yr else _quarter_year(ctx, 3 * (n - 1) + 1, m.start(), m.end())
    p = Period("quarter", dt.date(year, 3 * (n - 1) + 1, 1))
    topic_quarter(ctx, m.end(), p)
    return period_timex(m, p)


_ENDED = re.compile(rf"\s+(?:that\s+)?(?:ended|ending|ends|through)\s+(?P<mon>{g.MONTH})\s*(?P<day>\d{{1,2}})(?:,\s*(?P<yr>{g.YEAR}))?")


def _quarter_ref(m, ctx):
    q = low(m["q"])
    unit = m["u"].lower()
    det = low(m["det"])
    if not (det or q or m["yr"]):
        return None
    if unit == "period" and not (q.strip() or m["yr"] or m["tail"]):
        return None
    a = ctx.today
    ended = _ENDED.match(ctx.low, m.end())
    if ended and unit == "quarter" and month_ok(ctx.text[ended.start("mon"):ended.end("mon")], False):
        # "the quarter ended Sept. 30": the quarter that holds that day
        month = month_number(ended["mon"])
        day = min(int(ended["day"]), 28)
        year = int(ended["yr"]) if ended["yr"] else month_year(ctx, month, ended.start(), ended.end(), day)
        # the quarter whose middle lies 45 days before its end (a fiscal
        # quarter ended July 31 is mostly the calendar second quarter)
        base = period_of("quarter", dt.date(year, month, day) - dt.timedelta(days=45))
        topic_quarter(ctx, m.end(), base)
    elif ctx.last_quarter is not None:
        base = ctx.last_quarter[1]
    else:
        base = shift(period_of("quarter", a), -1)
    if ("latest" in q or "recent" in q or "ended" in q) and base.start >= period_of("quarter", a).start:
        base = shift(period_of("quarter", a), -1)  # the latest quarter is a finished one
    if det == "this" or "current" in q:
        base = period_of("quarter", a)
    if "previous" in q or "prior" in q or "preceding" in q:
        base = shift(base, -1)
    if m["yr"]:
        base = Period("quarter", base.start.replace(year=int(m["yr"])))
    elif "year" in q or "comparable" in q or "corresponding" in q or m["tail"]:
        base = shift(base, -4)
    return period_timex(m, base)


# How far (characters) a fiscal quarter stays the topic that "a year earlier"
# and "year-ago" compare with: an earnings story (~3,000 characters) is about
# one quarter. Measured on TimeBank's WSJ earnings reports.
_QUARTER_REACH = 3000


def _ago(m, ctx):
    unit = unit_name(m["u"])
    direction = low(m["dir"])
    n = parse_number(m["n"]) if m["n"] else None
    if not m["n"] and direction != "ago":
        return None
    if unit == "second" and low(m["n"]) in ("a", "an"):
        return None
    if direction in ("before", "after", "prior"):
        nxt = ctx.next_word(m.end())
        if nxt not in ("", ".", ",", ";", ")", ":", "--", "and", "but"):
            return None  # "two days before the vote": a duration and a signal
    approx = low(m["approx"])
    bound = approx and not approx.startswith(("about", "around", "approximately", "roughly", "nearly", "almost", "some", "an estimated", "close"))
    if bound and direction not in ("ago", "back") or direction in ("later", "after", "afterward", "afterwards") \
            or UNITS[unit][1] and direction not in ("ago", "back", "hence", "from now"):
        # "less than 24 hours later", "three days later": the offset is annotated
        # as a duration and "later" as a signal (TimeBank's practice)
        return Timex(m.start(), m.end("u"), "DURATION", duration_value(n, unit))
    sign = -1 if direction in ("ago", "earlier", "before", "back", "prior") else 1
    if n is None:  # "a few years ago", "months ago"
        return ref_timex(m, "PAST_REF" if sign < 0 else "FUTURE_REF")
    count = n * UNIT_MULTIPLIER.get(unit, 1)
    gran = gran_of_unit(unit)
    if UNITS[unit][1]:  # seconds, minutes, hours before the anchor
        if ctx.anchor.time is None:
            return day_timex(m, ctx.today)
        base = dt.datetime.combine(ctx.today, ctx.anchor.time)
        delta = {"second": dt.timedelta(seconds=count), "minute": dt.timedelta(minutes=count),
                 "hour": dt.timedelta(hours=count)}[unit]
        t = base + sign * delta
        return Timex(m.start(), m.end(), "TIME", time_value(t.date(), t.hour, t.minute),
                     Period("day", t.date()), "minute" if unit != "hour" else "hour")
    if count != int(count):
        gran, count = ("month", count * 12) if gran == "year" else ("day", count * 7) if gran == "week" else (gran, round(count))
        if count != int(count):
            return None
    count = int(count)
    if direction in ("ago", "back", "hence", "from now"):
        base = Period(gran, period_of(gran, ctx.today).start) if gran != "day" else Period("day", ctx.today)
        if gran == "year" and count == 1 and ctx.last_quarter and m.start() - ctx.last_quarter[0] < _QUARTER_REACH:
            base = ctx.last_quarter[1]  # "profit rose from $2 a year ago": the same quarter a year before
        p = shift_by(base, gran, sign * count)
    else:
        base = ctx.ref(m.start())
        if ctx.last is None:  # no date mentioned yet: count from the anchor at the unit's grain
            base = period_of(gran, ctx.today)
        if gran == "year" and ctx.last_quarter and m.start() - ctx.last_quarter[0] < _QUARTER_REACH:
            base = ctx.last_quarter[1]
        if base.finer_than(gran) or base.gran == gran:
            p = shift_by(base, gran, sign * count)
        else:
            p = shift_by(period_of(gran, base.start), gran, sign * count)
    return period_timex(m, p)


def _relunit(m, ctx):
    unit_word = ctx.orig(m, "u")
    if unit_word[:1].isupper() and not unit_word.isupper():
        return None  # "ABC's \"This Week\"": a capitalised unit is a title
    rel = low(m["rel"])
    unit = m["u"].lower()
    the = bool(m["the"])
    a = ctx.today
    if unit == "half":
        return ref_timex(m, "P6M", "DURATION") if the else None
    if unit == "weekend":
        cur = period_of("weekend", a)
        if rel in ("last", "past", "previous", "this past", "preceding"):
            p = shift(cur, -1)
        elif rel in ("next", "coming", "following", "upcoming", "this coming"):
            p = shift(cur, 1) if a.isoweekday() >= 6 else cur
        else:
            p = cur
        return period_timex(m, p)
    gran = unit
    offset = {"last": -1, "past": -1, "previous": -1, "this past": -1, "preceding": -1,
              "next": 1, "coming": 1, "following": 1, "upcoming": 1, "this coming": 1}.get(rel, 0)
    if rel in ("following", "previous", "preceding") and the:
        base = period_of(gran, ctx.ref(m.start()).start)
    else:
        base = period_of(gran, a)
    return period_timex(m, shift(base, offset))


_ENDED_AFTER = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends|to)\s+\w")


def _unitref(m, ctx):
    det = low(m["det"])
    unit = m["u"].lower()
    ba = low(m["ba"])
    a = ctx.today
    ref = ctx.ref(m.start())
    if ba:  # "the day before", "the day after"
        if det != "the" or unit != "day":
            return None
        step = -1 if ba in ("before", "earlier") else 1
        return period_timex(m, shift_by(period_of("day", ref.start), "day", step))
    if det in ("the full", "the entire", "the whole", "the latest"):
        if unit != "year":
            return None
        return period_timex(m, Period("year", dt.date(a.year - (det == "the latest"), 1, 1)))
    if det == "the":
        prev = ctx.prev_word(m.start())
        if m["wkof"]:  # "the week of March 6"
            sub = g.COMPILED["mdy"].match(ctx.low, m.start("wkof"), m.end("wkof"))
            tx = read_mdy(sub, ctx) if sub else None
            return period_timex(m, period_of("week", tx.period.start)) if tx else None
        if unit in PARTS_OF_DAY:  # "in the morning": of the day in discussion
            if not (m["pos"] or prev in ("in", "during", "by", "until", "through")):
                return None
            day = ref.start if ref.gran == "day" else a
            return Timex(m.start(), m.end(), "TIME", format_period(Period("day", day)) + "T" + PARTS_OF_DAY[unit],
                         Period("day", day), "day")
        if unit == "day":
            if not m["pos"]:
                return None
            return period_timex(m, Period("day", ref.start if ref.gran == "day" else a))
        if unit == "weekend":
            cur = period_of("weekend", a)
            if a.isoweekday() < 6 and ctx.tense(m.start(), m.end()) != "future":
                cur = shift(cur, -1)
            return period_timex(m, cur)
        if not m["pos"] and (prev in ("over", "throughout", "during")
                             or _ENDED_AFTER.match(ctx.low, m.end())):
            # "over the year"; "the year ended Sept. 30": a span of one year
            return ref_timex(m, duration_value(1, unit), "DURATION")
        return period_timex(m, period_of(unit, a))  # "the year", "the end of the year": the anchor's
    step = {"the following": 1, "the next": 1, "the previous": -1, "the prior": -1, "the preceding": -1}.get(det, 0)
    if unit in PARTS_OF_DAY:
        d = ref.start + dt.timedelta(days=step)
        return Timex(m.start(), m.end(), "TIME", format_period(Period("day", d)) + "T" + PARTS_OF_DAY[unit],
                     Period("day", d), "day")
    return period_timex(m, shift(period_of(unit, ref.start), step))


def _yearago(m, ctx):
    """ "year-earlier profit": the period in discussion a year before (a quarter in earnings news)."""
    if ctx.last_quarter and m.start() - ctx.last_quarter[0] < _QUARTER_REACH:
        return period_timex(m, shift(ctx.last_quarter[1], -4))
    return period_timex(m, Period("year", dt.date(ctx.today.year - 1, 1, 1)))


def _yearend(m, ctx):
    unit = m["u"].lower()
    a = ctx.today
    if unit == "year":  # "by year end": the year, as "the end of the year" (TIMEX3 mod END)
        year = a.year
        if a.month <= 3 and ctx.tense(m.start(), m.end()) == "past":
            year -= 1
        return period_timex(m, Period("year", dt.date(year, 1, 1)))
    p = period_of(unit, a)
    return period_timex(m, p)


HANDLERS = {
    "quarter": _quarter,
    "qn": _qn,
    "quarter_ref": _quarter_ref,
    "ago": _ago,
    "relunit": _relunit,
    "unitref": _unitref,
    "yearend": _yearend,
    "yearago": _yearago,
}
