"""Dates of events: the article's date expressions and the one attached to each trigger.

Step 5 of :mod:`newskit.events.extract`. ``find_dates`` finds and normalises
the expressions against the publication date; this module resolves the ones
that count from the previous date (TimeML's reference time: "less than 24
hours later", "the next day") and chooses, per trigger, the date of the event,
its effective and end dates and a deadline's date.
"""
from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from newskit.dates.rules import date_rows
from newskit.events import lexicon as lx
from newskit.events.reading import CONDITIONAL_HEAD, SUBORDINATE_HEAD, Trigger, words


@dataclass
class Date:
    """A date expression of the article, resolved."""

    start: int
    end: int
    text: str
    type: str
    date: pd.Timestamp | None
    precision: str | None
    duration: pd.DateOffset | None = None
    unit: str | None = None
    relative: bool = False  # counted here from the date before it ("two days later", "the same day")

    def shifted(self, by: int) -> "Date":
        return Date(self.start - by, self.end - by, self.text, self.type, self.date, self.precision,
                    self.duration, self.unit, self.relative)


_DURATION = re.compile(r"^P(?:(?P<Y>\d+(?:\.\d+)?)Y)?(?:(?P<M>\d+(?:\.\d+)?)M)?(?:(?P<W>\d+(?:\.\d+)?)W)?(?:(?P<D>\d+(?:\.\d+)?)D)?"
                       r"(?:T(?:(?P<H>\d+(?:\.\d+)?)H)?(?:(?P<MI>\d+(?:\.\d+)?)M)?)?$")
_NOT_REFERENCE = re.compile(r"\b(?:from|starting|beginning|effective|until|till|through|by|to|before|after|since|"
                            r"ahead\s+of|as\s+of|no\s+later\s+than)\s+(?:the\s+)?$", re.I)
_LATER = re.compile(r"^\s*(?:later|afterwards?)\b", re.I)
# Periods inside abbreviations ("U.S.", "Corp.") end a clause in find_dates'
# tense scan (newskit.dates.resolve.tense), so "announced a tariff on U.S.
# goods on Friday" came out in the future (tests/test_events.py has the
# xfail). The periods are blanked, offsets kept, before find_dates sees the
# text; month abbreviations ("Aug.") keep theirs, find_dates needs them.
_ABBREVIATED = "Corp|Inc|Co|Ltd|Jr|Sr|Mr|Mrs|Ms|Dr|Gov|Sen|Rep|St|No|Gen|Bros".split("|")
# r"\b(?:[A-Z]\.){2,}|\b(?:Corp|Inc|...|Bros)\.", written with the capital first
# (then \b checked behind it, and the rest of the word after its first
# letter): the same matches, and the scan skips to capitals (4x faster).
_ABBREVIATION = re.compile(
    r"[A-Z](?<=\b[A-Z])(?:\.(?:[A-Z]\.)+|(?:"
    + "|".join(f"(?<={c})(?:" + "|".join(w[1:] for w in _ABBREVIATED if w[0] == c) + ")"
               for c in dict.fromkeys(w[0] for w in _ABBREVIATED))
    + r")\.)")


def _blank_periods(m: re.Match) -> str:
    return m.group(0).replace(".", " ")


@functools.lru_cache(maxsize=4096)
def _timestamp(day: datetime.date) -> pd.Timestamp:
    """A day as find_dates' ``date`` column gives it: a nanosecond Timestamp."""
    return pd.Timestamp(np.datetime64(day, "D").astype("datetime64[ns]"))


def plus(ts: pd.Timestamp, offset: pd.DateOffset) -> pd.Timestamp:
    """``ts + offset`` (a DateOffset sum is slow in pandas: the sums of the last days are kept)."""
    if not isinstance(ts, pd.Timestamp) or ts is pd.NaT or not isinstance(offset, pd.DateOffset):
        return ts + offset
    return _plus(ts, ts.unit, ts.tz, offset)


@functools.lru_cache(maxsize=1024)
def _plus(ts: pd.Timestamp, unit: str, tz: object, offset: pd.DateOffset) -> pd.Timestamp:
    return ts + offset  # unit and tz in the key: equal Timestamps may differ in both


def duration(value: str) -> tuple[pd.DateOffset | None, str | None]:
    """A TIMEX3 duration as an offset and its unit; ``(None, None)`` for "PXD" and the like.

    Hours round up to whole days past 24: "less than 24 hours later" is the next day.

    Examples:
        >>> duration("P90D"), duration("PT24H"), duration("P5W")[1]
        ((<DateOffset: days=90>, 'day'), (<DateOffset: days=1>, 'day'), 'week')
    """
    m = _DURATION.match(value or "")
    if not m or not any(m.groupdict().values()):
        return None, None
    g = {k: float(v) if v else 0.0 for k, v in m.groupdict().items()}
    if g["Y"] or g["M"]:
        return (pd.DateOffset(years=int(g["Y"]), months=int(g["M"]), days=int(g["W"] * 7 + g["D"])),
                "year" if g["Y"] and not g["M"] else "month")
    days = g["W"] * 7 + g["D"] + g["H"] / 24 + g["MI"] / 1440
    whole = int(np.ceil(days - 1e-9)) if g["H"] >= 24 else int(days)
    return pd.DateOffset(days=whole), "week" if g["W"] and not g["D"] else "day"


def article_dates(body: str, anchor: pd.Timestamp) -> list[Date]:
    """Every date expression of a body, with the anaphoric ones counted from the last date before them."""
    masked = _ABBREVIATION.sub(_blank_periods, body)
    out: list[Date] = []
    ref: pd.Timestamp | None = None
    # the rows of find_dates(masked, anchor), without its table
    for s, e, typ, value, date, prec in date_rows(masked, anchor):
        text = body[s:e]
        d = Date(s, e, text, typ, None if date is None else _timestamp(date), prec)
        if lx.ANAPHORIC_DAY.match(text.strip()) and ref is not None:
            key = next((k for k in lx.ANAPHORIC_OFFSET if re.search(rf"\b{k}\b", text, re.I)), "same")
            d.date, d.precision, d.relative = ref + pd.Timedelta(days=lx.ANAPHORIC_OFFSET[key]), "day", True
        if typ == "DURATION":
            d.duration, d.unit = duration(value)
            later = _LATER.match(body[e:e + 15])
            if d.duration is not None and ref is not None and later:
                d.date = ref + d.duration
                d.precision = "day" if d.unit in ("day", "week") else d.unit
                d.text, d.end, d.type, d.relative = body[s:e + later.end()], e + later.end(), "DATE", True
        # the reference time moves with dates of what happened, not with the
        # start, end or deadline of a measure ("starting June 1", "until July 9")
        if d.date is not None and d.type in ("DATE", "TIME") and d.precision == "day" \
                and not _NOT_REFERENCE.search(body[max(0, s - 25):s]):
            ref = d.date
        out.append(d)
    return out


# ---------------------------------------------------------------------------
# the date of one trigger
# ---------------------------------------------------------------------------

_DATE_PREP = re.compile(
    r"(?P<prep>from|starting(?:\s+(?:on|from))?|beginning(?:\s+(?:on|from))?|effective(?:\s+(?:on|from))?|as\s+of|"
    r"as\s+early\s+as|commencing|until|till|through|to|by|before|ahead\s+of|prior\s+to|no\s+later\s+than|since|after|"
    r"for|in|within|on|at|during|over|last|this|next|take\s+effect\s+on)\s+(?:the\s+)?"
    r"(?:just\s+|only\s+|about\s+|around\s+|nearly\s+|more\s+than\s+|less\s+than\s+|another\s+)?$",
    re.I,
)
_EFFECTIVE = {"from", "starting", "beginning", "effective", "as of", "as early as", "commencing", "starting on",
              "starting from", "beginning on", "beginning from", "effective on", "effective from"}
_UNTIL = {"until", "till", "through"}
_IGNORE = {"before", "ahead of", "prior to", "since", "after", "over"}
_REPORTING_BEFORE = re.compile(lx.REPORTING.pattern + r"\s+(?:\w+\s+){0,2}?(?:on\s+|late\s+|early\s+)?$", re.I)
_ANNOUNCING_GAP = re.compile(r"\b(?:that|saying|informing|telling|notifying|warning|announcing)\b", re.I)


def _prep(sent: str, d: Date, lo: int) -> str:
    return _prep_before(sent[max(lo, d.start - 40):d.start])


# The words before a date are read again for each trigger of the sentence and
# repeat across sentences ("said on", "effective"): the window's reading is
# kept (both functions depend on the window only; the caches are bounded).
@functools.lru_cache(maxsize=2048)
def _prep_before(window: str) -> str:
    """The preposition ending ``window`` ("from", "starting on", "by" ...), lower-cased; "" if none."""
    m = _DATE_PREP.search(window)
    return _SPACES.sub(" ", m.group("prep").lower()) if m else ""


_SPACES = re.compile(r"\s+")


def reported(sent: str, d: Date, lo: int) -> bool:
    """A date on a reporting verb: "said Monday", "told reporters on Tuesday"."""
    return _reported_before(sent[max(lo, d.start - 40):d.start])


@functools.lru_cache(maxsize=2048)
def _reported_before(window: str) -> bool:
    return _REPORTING_BEFORE.search(window) is not None


def _role(sent: str, d: Date, lo: int, action: str) -> str | None:
    p = _prep(sent, d, lo)
    if d.type == "DURATION" and d.date is None:
        if d.duration is None:
            return None
        if p == "for" or re.match(r"^\d+-\w+$|^\w+-(?:day|week|month|year)$", d.text):
            return "duration"
        return "in" if p in ("in", "within") else None
    if d.date is None or d.type not in ("DATE", "TIME"):
        return None
    if p in _EFFECTIVE:
        return "effective"
    if p in _UNTIL or (p == "to" and action in ("pause", "deadline", "exempt")):
        return "until"
    if p in _IGNORE or p == "to":
        return None
    return "by" if p == "by" else "when"


def choose(sent: str, t: Trigger, spans, dates: list[Date], triggers: list[Trigger], action: str,
           announced: bool, speaker_ok: bool) -> dict[str, Date | None]:
    """Dates attached to a trigger, by role: when, effective, until, duration, by, in, reported."""
    ca, cb = spans[t.clause]
    nxt = min([u.anchor for u in triggers if u.anchor > t.end and u.clause == t.clause] + [cb])
    hi = max(nxt, t.complement_end or 0)
    prev_end = max([u.end for u in triggers if u.end <= t.anchor and u.clause == t.clause] + [ca])
    res: dict[str, Date | None] = dict.fromkeys(("when", "effective", "until", "duration", "by", "in", "reported"))
    conditional = [(a, b) for a, b in spans if CONDITIONAL_HEAD.match(sent[a:b].lstrip(" ,\"'“"))]
    mine = any(a <= t.start < b for a, b in conditional)

    def in_condition(d: Date) -> bool:
        return not mine and any(a <= d.start < b for a, b in conditional)

    def take(role: str, d: Date) -> None:
        if res[role] is None:
            res[role] = d

    # after the trigger, up to the next trigger of its clause
    for d in dates:
        if not (t.end <= d.start < hi) or in_condition(d):
            continue
        role = _role(sent, d, t.end, action)
        if role is None:
            continue
        if reported(sent, d, t.end):
            if announced and speaker_ok and role == "when":
                take("reported", d)
            continue
        take(role, d)
    # before it, in its clause: "Trump on Friday announced", "On Friday, Trump ..."
    for d in reversed([d for d in dates if prev_end <= d.start and d.end <= t.start and not in_condition(d)]):
        role = _role(sent, d, ca, action)
        if role is None:
            continue
        gap = sent[d.end:t.start]
        head = sent[ca:d.start].strip(" ,\"'“").lower()
        at_head = re.fullmatch(r"(?:and|but|then|also|meanwhile|separately)?,?\s*(?:on|in|at|late|early|by|during)?(?:\s+on)?", head) is not None
        if reported(sent, d, ca) and not (announced and speaker_ok):
            continue
        if role == "when" and (words(gap) <= 6 and not re.search(r"[;:]", gap) or at_head
                               or announced and _ANNOUNCING_GAP.search(gap) and words(gap) <= 20):
            take("when", d)
            break
        if role in ("effective", "until", "duration", "by") and words(gap) <= 8:
            take(role, d)
    # "on April 9 when he paused": the date just before a when/as clause
    if res["when"] is None and t.clause > 0 and re.match(r"\s*(?:when|as)\b", sent[ca:ca + 8], re.I):
        pa, pb = spans[t.clause - 1]
        last = next((d for d in reversed(dates) if pa <= d.start and d.end <= pb and pb - d.end <= 3 and d.date is not None), None)
        if last is not None:
            res["when"] = last
    # a date heading the sentence: "Last Wednesday, ...", "Two days later, on Sunday, ..."
    if res["when"] is None and not SUBORDINATE_HEAD.match(sent[ca:cb].lstrip(" ,")) and not mine:
        heads = []
        for d in dates:
            if d.date is None or d.type not in ("DATE", "TIME"):
                continue
            lead = sent[heads[-1].end:d.start] if heads else sent[:d.start]
            if (not heads and words(lead) <= 3) or (heads and re.fullmatch(r",?\s*(?:on|in|at)?\s*", lead)):
                heads.append(d)  # "Two days later, on Sunday, ...": the last of them
            else:
                break
        if heads and re.match(r"\s*,", sent[heads[-1].end:]) and not reported(sent, heads[-1], 0):
            res["when"] = heads[-1]
    # "Two days later, on Sunday": one day; a weekday that find_dates' tense
    # guess put a week off yields to the day counted from the text
    w = res["when"]
    if w is not None and not w.relative and w.precision == "day":
        counted = [d for d in dates if d.relative and d.end <= w.start and re.fullmatch(r",?\s*(?:on|in|at)?\s*", sent[d.end:w.start])]
        if counted and counted[-1].date != w.date and (w.date - counted[-1].date).days % 7 == 0:
            res["when"] = Date(w.start, w.end, w.text, w.type, counted[-1].date, "day")
    return res


def offset(d: Date | None, day: pd.Timestamp) -> Date | None:
    """ "in five weeks", "within 21 days": ``day`` plus the duration."""
    if d is None or d.duration is None or pd.isna(day):
        return d
    return Date(d.start, d.end, d.text, "DATE", plus(pd.Timestamp(day), d.duration),
                d.unit if d.unit in ("day", "week", "month", "year") else "day")
