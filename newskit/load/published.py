"""Publication times as pages print them, and the page's capture time.

A saved aggregator page prints the main article's date ("June 1, 2025") and a
relative time per related item ("32 minutes ago", "Yesterday"). Relative times
need the moment the page was saved. When the caller gives it (``captured_at``)
they resolve exactly; otherwise the capture day is inferred from the page:

1. the newest explicit date printed on the page (the main article's source
   line, dated items) is a lower bound: the page showed that article;
2. a related item published "N minutes/hours ago" was reported on the capture
   day, "N days ago" N days before it; news reports name the weekday of their
   reporting ("a source said Monday"), so the first day on or after the lower
   bound with that weekday, shifted by the item's age, is the capture day.
   The page is assumed saved within a week of its newest printed date.

With weekday evidence the capture day has day precision; with only the lower
bound it is that date with month precision (the page could have been saved
any day after it). The file's modification time is never used.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pandas as pd

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_TIME_RE = r"(?:\s*(?:,|at|-)?\s*(?P<hh>\d{1,2}):(?P<mm>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*(?P<tz>UTC|GMT|JST|[+-]\d{2}:?\d{2}))?)?"
# "June 1, 2025", "Jun. 1 2025", "1 June 2025", "2025-06-01", optional time of day.
EXPLICIT_DATE = re.compile(
    rf"""(?:(?P<mon1>{_MONTH_RE})\s+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year1>\d{{4}})
        |(?P<day2>\d{{1,2}})\s+(?P<mon2>{_MONTH_RE}),?\s+(?P<year2>\d{{4}})
        |(?P<year3>\d{{4}})-(?P<mon3>\d{{2}})-(?P<day3>\d{{2}})
        |(?P<mon4>{_MONTH_RE})\s+(?P<year4>\d{{4}})
        ){_TIME_RE}""",
    re.IGNORECASE | re.VERBOSE,
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}
RELATIVE_TIME = re.compile(
    r"""^(?:(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s*
          (?P<unit>s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?|y|yrs?|years?)
          \s+ago
        |(?P<word>just\s+now|now|today|yesterday))\.?$""",
    re.IGNORECASE | re.VERBOSE,
)
# unit -> (timedelta of one unit or None for calendar units, precision)
_UNITS = {
    "s": (timedelta(seconds=1), "minute"), "m": (timedelta(minutes=1), "minute"),
    "h": (timedelta(hours=1), "hour"), "d": (timedelta(days=1), "day"),
    # "2 weeks ago" covers 14-20 days: only the month is sure.
    "w": (timedelta(weeks=1), "month"),
    "mo": (None, "month"), "y": (None, "year"),
}
_PRECISION_RANK = {"minute": 0, "hour": 1, "day": 2, "month": 3, "year": 4}


@dataclass(frozen=True)
class Published:
    at: pd.Timestamp | None  # UTC
    precision: str | None
    origin: str | None


UNKNOWN = Published(None, None, None)


def parse_explicit(text: str) -> tuple[pd.Timestamp, str] | None:
    """An explicit date (and time) printed on a page, as UTC and its precision.

    Dates without a time of day are the calendar date at 00:00 UTC.

    Examples:
        >>> parse_explicit("June 1, 2025")
        (Timestamp('2025-06-01 00:00:00+0000', tz='UTC'), 'day')
        >>> parse_explicit("Jun 3, 2025 10:05 pm JST")
        (Timestamp('2025-06-03 13:05:00+0000', tz='UTC'), 'minute')
        >>> parse_explicit("August 2025")
        (Timestamp('2025-08-01 00:00:00+0000', tz='UTC'), 'month')
    """
    m = EXPLICIT_DATE.fullmatch(text.strip())
    if not m:
        return None
    g = m.groupdict()
    try:
        if g["year4"]:
            return pd.Timestamp(int(g["year4"]), _month(g["mon4"]), 1, tz="UTC"), "month"
        if g["year1"]:
            y, mo, d = int(g["year1"]), _month(g["mon1"]), int(g["day1"])
        elif g["year2"]:
            y, mo, d = int(g["year2"]), _month(g["mon2"]), int(g["day2"])
        else:
            y, mo, d = int(g["year3"]), int(g["mon3"]), int(g["day3"])
        day = date(y, mo, d)
    except ValueError:  # "February 30"
        return None
    if not g["hh"]:
        return pd.Timestamp(day, tz="UTC"), "day"
    hh, mm = int(g["hh"]), int(g["mm"])
    if g["ampm"]:
        if not 1 <= hh <= 12:
            return None
        hh = hh % 12 + (12 if g["ampm"][0].lower() == "p" else 0)
    if hh > 23 or mm > 59:
        return None
    tz = _tz(g["tz"])
    local = datetime(day.year, day.month, day.day, hh, mm, tzinfo=tz)
    return pd.Timestamp(local).tz_convert("UTC"), "minute"


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _tz(name: str | None) -> timezone:
    if not name or name.upper() in ("UTC", "GMT"):
        return timezone.utc
    if name.upper() == "JST":
        return timezone(timedelta(hours=9))
    sign = -1 if name[0] == "-" else 1
    digits = name[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


@dataclass(frozen=True)
class Relative:
    """A relative time such as "32 minutes ago": its age and precision."""

    amount: int
    unit: str  # key of _UNITS
    precision: str

    @property
    def age_days(self) -> int:
        """Whole days between publication and capture, for weekday inference."""
        if self.unit in ("s", "m", "h"):
            return 0
        if self.unit == "d":
            return self.amount
        if self.unit == "w":
            return 7 * self.amount
        return -1  # months, years: too coarse to carry a weekday

    def before(self, captured: pd.Timestamp, capture_precision: str) -> tuple[pd.Timestamp, str]:
        """Publication time: ``captured`` less this age, in UTC.

        Calendar arithmetic runs in the capture's own time zone, so that
        "Yesterday" seen at 05:00 in Tokyo is the day before in Tokyo.
        """
        precision = max(self.precision, capture_precision, key=_PRECISION_RANK.__getitem__)
        step, _ = _UNITS[self.unit]
        at = captured.to_pydatetime()  # datetime arithmetic: 10x cheaper than Timestamp's
        if precision != self.precision and self.unit in ("s", "m", "h"):
            # A capture known to the day: "20 hours ago" is that day, not the
            # day before its midnight.
            pass
        elif step is not None:
            at = at - self.amount * step
        else:
            months = self.amount * (1 if self.unit == "mo" else 12)
            y, m = divmod(at.year * 12 + at.month - 1 - months, 12)
            at = at.replace(year=y, month=m + 1, day=min(at.day, 28))
        return pd.Timestamp(_floor(at, precision)), precision


def parse_relative(text: str) -> Relative | None:
    """A relative time as printed by aggregators.

    Examples:
        >>> parse_relative("32 minutes ago")
        Relative(amount=32, unit='m', precision='minute')
        >>> parse_relative("Yesterday")
        Relative(amount=1, unit='d', precision='day')
        >>> parse_relative("an hour ago")
        Relative(amount=1, unit='h', precision='hour')
    """
    m = RELATIVE_TIME.match(text.strip())
    if not m:
        return None
    word = (m["word"] or "").lower()
    if word:
        if word == "yesterday":
            return Relative(1, "d", "day")
        if word == "today":
            return Relative(0, "d", "day")
        return Relative(0, "m", "minute")
    n = m["n"].lower()
    amount = int(n) if n.isdigit() else _NUMBER_WORDS[n]
    unit = m["unit"].lower()
    if unit.startswith("mo"):
        key = "mo"
    elif unit in ("m", "min", "mins") or unit.startswith("minute"):
        key = "m"
    else:
        key = unit[0]
    return Relative(amount, key, _UNITS[key][1])


def _floor(at: datetime, precision: str) -> datetime:
    """Truncate to ``precision`` and convert to UTC.

    Times of minute or hour precision are instants; coarser ones are the local
    calendar date (day, first of month, first of year) at 00:00 UTC.
    """
    if precision == "minute":
        return at.replace(second=0, microsecond=0).astimezone(timezone.utc)
    if precision == "hour":
        return at.replace(minute=0, second=0, microsecond=0).astimezone(timezone.utc)
    day = datetime(at.year, at.month, at.day, tzinfo=timezone.utc)
    if precision == "day":
        return day
    if precision == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def parse_captured_at(value: object, *, what: str = "captured_at") -> tuple[pd.Timestamp, str]:
    """A capture time given by the caller, time-zone aware, and its precision.

    The time keeps its own UTC offset (calendar arithmetic for "Yesterday"
    happens there); a naive time is taken as UTC. A ``date`` or a date-only
    string is a capture day ("day" precision).

    Raises:
        ValueError: not a date/time; says what is expected.

    Examples:
        >>> parse_captured_at("2025-06-02T19:40:00+09:00")
        (Timestamp('2025-06-02 19:40:00+0900', tz='UTC+09:00'), 'minute')
        >>> parse_captured_at("2025-06-02")
        (Timestamp('2025-06-02 00:00:00+0000', tz='UTC'), 'day')
    """
    expected = (
        f"{what}: expected an ISO 8601 date or date-time (e.g. '2025-06-02' or "
        f"'2025-06-02T19:40:00+09:00'), a datetime.date/datetime or a pandas Timestamp"
    )
    if isinstance(value, pd.Timestamp | datetime):
        ts = pd.Timestamp(value)
        day_only = False
    elif isinstance(value, date):
        ts, day_only = pd.Timestamp(value), True
    elif isinstance(value, str):
        s = value.strip()
        day_only = bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", s))
        try:
            ts = pd.Timestamp(s)
        except (ValueError, TypeError):
            raise ValueError(f"{expected}; got {value!r}") from None
    else:
        raise ValueError(f"{expected}; got {type(value).__name__} {value!r}")
    if ts is pd.NaT or pd.isna(ts):
        raise ValueError(f"{expected}; got {value!r}")
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts
    return (ts.normalize(), "day") if day_only else (ts, "minute")


# News style names the day of reporting in the lead ("said Monday"); later
# weekdays are mostly other days of the story.
_LEAD = 1500
_WEEKDAY_NAMES = tuple(w.capitalize() for w in WEEKDAYS)
# The words just before a weekday that make it the day of reporting:
# "said Monday", "told reporters on Monday", "announced late Friday".
_REPORTED_BEFORE = re.compile(
    # not "had said Tuesday" (an earlier day) nor "was confirmed on Saturday"
    r"(?<!\bhad )(?<!\bhas )(?<!\bhave )(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbe )"
    r"\b(?:said|says|told|announced|reported|added|confirmed|stated|warned|issued|unveiled)"
    # "told a news conference in Geneva on Monday": a few words of the same
    # clause may come between; "announced a surprise doubling of tariffs on
    # steel and aluminum imports on Friday" (ten words) is another day's news.
    r"(?:\s+[^\s.!?;]+){0,5}?"
    r"\s+(?:(?:on|late|early)\s+)?$"
)
_REPORTING_STEMS = ("said", "says", "told", "announced", "reported", "added", "confirmed", "stated", "warned", "issued", "unveiled")
# "announced last Tuesday", "by Wednesday", "next Thursday": not the day of reporting
_OTHER_DAY = re.compile(r"\b(?:last|next|this|coming|by|until|till|before|since|from|through)\s+(?:on\s+)?$", re.IGNORECASE)


def reporting_weekdays(text: str) -> list[int]:
    """Weekdays named as the day of reporting ("said Monday") in the lead, 0 = Monday.

    Examples:
        >>> reporting_weekdays("the source said Monday. Trump announced it on Friday at an event")
        [0, 4]
        >>> reporting_weekdays("officials told reporters on Tuesday")
        [1]
        >>> reporting_weekdays("the minister told a news conference in Geneva on Monday")
        [0]
        >>> reporting_weekdays("Trump had said on Tuesday; Beijing's measures, announced last Tuesday")
        []
    """
    text = text[:_LEAD]
    found = []
    for day, name in enumerate(_WEEKDAY_NAMES):
        # str.find runs at memory speed; a weekday regex over a story does not
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            window = text[max(0, at - 80): at]
            if (
                (end == len(text) or not text[end].isalnum())
                and any(verb in window for verb in _REPORTING_STEMS)  # str.find before a regex
                and not _OTHER_DAY.search(window, max(0, len(window) - 12))
                and _REPORTED_BEFORE.search(window)
            ):
                found.append((at, day))
            at = text.find(name, end)
    return [day for _, day in sorted(found)]


def infer_capture_day(
    lower_bound: pd.Timestamp | None, evidence: list[tuple[int, int]]
) -> tuple[pd.Timestamp, str] | None:
    """Infer the capture day from the page (see the module docstring).

    Args:
        lower_bound: newest explicit date printed on the page (UTC), or None.
        evidence: ``(age_days, weekday)`` pairs: a related item ``age_days``
            old whose text names ``weekday`` as its day of reporting.

    Returns:
        ``(day, precision)`` or None when the page gives no lower bound.

    Examples:
        >>> sunday = pd.Timestamp("2025-06-01", tz="UTC")
        >>> infer_capture_day(sunday, [(0, 0), (0, 0)])
        (Timestamp('2025-06-02 00:00:00+0000', tz='UTC'), 'day')
        >>> infer_capture_day(sunday, [])
        (Timestamp('2025-06-01 00:00:00+0000', tz='UTC'), 'month')
        >>> infer_capture_day(sunday, [(0, 4)])  # one "said Friday": too weak for Friday the 6th
        (Timestamp('2025-06-01 00:00:00+0000', tz='UTC'), 'month')
    """
    if lower_bound is None:
        return None
    start = lower_bound.normalize()
    if not evidence:
        return start, "month"
    # Each item says it was reported on `weekday`, `age` days before capture,
    # or a day earlier still: a story filed in Washington on Tuesday is "16
    # hours ago" on a page saved Wednesday evening in Tokyo. Each reading votes
    # for a capture day in the week from `start`; the earliest of the most
    # voted days wins (the page is saved soon after its newest printed date).
    votes = [0] * 7
    start_weekday = start.weekday()
    for age, weekday in evidence:
        for lag in (0, 1):
            votes[(weekday + age + lag - start_weekday) % 7] += 1
    best = max(range(7), key=lambda shift: (votes[shift], -shift))
    if best > 1 and votes[best] < 2:
        # one reading that puts the capture most of a week after the newest
        # printed date is weaker than that date itself: claim only the month
        return start, "month"
    return start + pd.Timedelta(days=best), "day"


# -- machine-readable times: HTML metadata, feeds, corpus tables -------------
_WEEKDAY_ABBREVIATIONS = {w[:3] for w in WEEKDAYS} | set(WEEKDAYS)
_ISO = re.compile(r"\d{4}[-/]\d{2}[-/]\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?", re.IGNORECASE)
_ISO_OFFSET_SPACE = re.compile(r"(?<=\d)\s+([+-]\d{2}(?::?\d{2})?|Z)$")
# Epoch numbers: seconds from 1973 (1e8) to 2286 (1e10); milliseconds from 1e11 on.
_EPOCH_S = (1e8, 1e10)
_EPOCH_MS = (1e11, 1e13)


def parse_timestamp(value: object) -> tuple[pd.Timestamp, str] | None:
    """A machine-readable publication time, as UTC and its precision.

    Reads ISO 8601 ("2025-06-02T19:08:00+09:00", "2025-06-02"), RFC 822 as
    RSS prints it ("Mon, 02 Jun 2025 19:08:00 +0900"), the dates pages print
    (``parse_explicit``), epoch seconds or milliseconds, and ``datetime`` /
    ``Timestamp`` values. The UTC offset given is applied, so the instant is
    right; a time without one is taken as UTC (as ``captured_at`` is). A date
    alone has day precision; a time of day, minute precision (seconds are
    kept in the instant).

    Returns:
        ``(published_at, precision)``, or None when the value is not a time
        (relative times such as "32 minutes ago" included: see
        ``parse_relative``).

    Examples:
        >>> parse_timestamp("2025-06-02T19:08:00+09:00")
        (Timestamp('2025-06-02 10:08:00+0000', tz='UTC'), 'minute')
        >>> parse_timestamp("Mon, 02 Jun 2025 19:08:00 +0900")
        (Timestamp('2025-06-02 10:08:00+0000', tz='UTC'), 'minute')
        >>> parse_timestamp("2025-06-02")
        (Timestamp('2025-06-02 00:00:00+0000', tz='UTC'), 'day')
        >>> parse_timestamp(1748858880)
        (Timestamp('2025-06-02 10:08:00+0000', tz='UTC'), 'minute')
        >>> parse_timestamp("32 minutes ago") is None
        True
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, pd.Timestamp | datetime):
        ts = pd.Timestamp(value)
        if ts is pd.NaT or pd.isna(ts):
            return None
        ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
        return ts, "minute"
    if isinstance(value, date):
        return pd.Timestamp(value, tz="UTC"), "day"
    if isinstance(value, int | float):
        if value != value:  # NaN
            return None
        for (lo, hi), unit in ((_EPOCH_S, "s"), (_EPOCH_MS, "ms")):
            if lo <= abs(value) < hi:
                return pd.Timestamp(value, unit=unit, tz="UTC"), "minute"
        return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if text[:4].isdigit() and _ISO.fullmatch(text):
        # "2025/06/02" (spreadsheet exports) and "19:08:00 +0000" (a space before the offset)
        iso = _ISO_OFFSET_SPACE.sub(r"\1", text[:10].replace("/", "-") + text[10:])
        try:
            at = datetime.fromisoformat(iso.replace(" UTC", "Z").replace(" GMT", "Z").replace(",", "."))
        except ValueError:
            at = None
        if at is not None:
            ts = pd.Timestamp(at)
            ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
            return ts, "minute" if len(text) > 10 else "day"
    explicit = parse_explicit(text)
    if explicit:
        return explicit
    if "," in text[:5] or text[:3].isalpha() or text[:1].isdigit():
        # "Mon, 02 Jun 2025": RFC 822 with the time left out (email.utils needs one)
        head, _, rest = text.partition(",")
        if head.lower() in _WEEKDAY_ABBREVIATIONS and rest:
            explicit = parse_explicit(rest)
            if explicit:
                return explicit
        # RFC 822 with or without the weekday ("02 Jun 2025 19:08:00 +0900", RFC 5322 section 3.3)
        from email.utils import parsedate_to_datetime

        try:
            at = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        ts = pd.Timestamp(at)
        ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
        return ts, "minute"
    return None
