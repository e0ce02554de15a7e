"""Merge event mentions across stories into one row per event: ``event_timeline``.

Like GDELT 2.0's Events and Mentions tables (one row per event, one row per
article mentioning it, joined on the event's id), the merged table keeps a
link to every mention: ``mention_ids`` on each event, and
``event_mentions(events, timeline)`` puts ``event_id`` on the mentions table.

**Merge key.** Two mentions are the same event when all of these hold:

* the same ``action``;
* compatible dates: equal when both are dated to the day; a day inside the
  other's week, month, season, quarter or year when one is coarser; a mention
  dated only by its publication day (``date_precision == "published"``)
  matches an event from 7 days before that day to 1 day after (copy that
  gives no date reports the past week: AP style names a weekday for dates
  within seven days and a date beyond; the day after allows for time zones);
* compatible actors: the same country once people are mapped to theirs
  ("Donald Trump" and "United States" match), or either unknown;
* compatible targets and products: one set inside the other ("steel" matches
  "steel, aluminum"), or either unknown; "all" matches only "all";
* compatible rates: equal ``rate_to`` and ``rate_from`` where both are known.

Mentions are taken from the most specific date to the least, so a mention
with a day sets the event's date and vaguer ones join it: **the most specific
date wins**. Negated and hypothetical mentions are left out.

**Cost.** Each mention joins the earliest-made event that accepts it; an
index (by action and week or day, narrowed by actor country, target or
product) finds it without comparing with every event, with the same result
(``tests/test_timeline_merge.py`` checks it against a scan of every event).
The merge keeps, per mention, only the coded fields it compares and builds
the rows of the events a batch at a time (``merged_events``), so a large
corpus is merged from columns, not from a Python object per mention.
"""
from __future__ import annotations

import array
import bisect
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute  # noqa: F401  (pa.compute)
import pyarrow.ipc  # noqa: F401  (pa.ipc)

from newskit import schema
from newskit.events.extract import EVENT_COLUMNS

__all__ = ["TIMELINE_COLUMNS", "event_timeline", "event_mentions", "merge_mentions", "merged_events", "finish_timeline"]

TIMELINE_COLUMNS: tuple[schema.Column, ...] = (
    schema.Column("event_id", schema.STRING, "12 hex digits: BLAKE2b of action, date, actor country, targets and products; the same on every run"),
    schema.Column("action", schema.STRING, "as in tariff_events"),
    schema.Column("actor", schema.STRING, "the actor most mentions name"),
    schema.Column("actor_country", schema.STRING, "the country the actor stands for ('court' for courts)"),
    schema.Column("target", schema.STRING, "union of the mentions' targets, ', '-joined"),
    schema.Column("product", schema.STRING, "union of the mentions' products, ', '-joined"),
    schema.Column("rate_from", "float64", "the rate before, as most mentions give it"),
    schema.Column("rate_to", "float64", "the rate after, as most mentions give it"),
    schema.Column("rate_kind", schema.STRING, "as in tariff_events"),
    schema.Column("authority", schema.STRING, "legal authorities the mentions name"),
    schema.Column("event_date", schema.UTC_TIME, "the most specific date any mention gives"),
    schema.Column("date_precision", schema.STRING, "its precision"),
    schema.Column("date_text", schema.STRING, "the expression it was read from"),
    schema.Column("effective_date", schema.UTC_TIME, "when the measure starts, as most mentions give it"),
    schema.Column("end_date", schema.UTC_TIME, "when it ends, as most mentions give it"),
    schema.Column("n_mentions", "int64", "number of mentions merged"),
    schema.Column("n_articles", "int64", "number of articles (stories) mentioning it"),
    schema.Column("n_outlets", "Int64", "number of outlets among those articles; missing without the article table"),
    schema.Column("outlets", object, "those outlets, sorted; [] without the article table"),
    schema.Column("first_reported", schema.UTC_TIME, "earliest publication time of a mentioning article"),
    schema.Column("article_ids", object, "the mentioning articles, earliest first"),
    schema.Column("mention_ids", object, "the merged mentions (mention_id of tariff_events)"),
    schema.Column("sentences", object, "the distinct evidence sentences, earliest article first"),
)

# finest first; "published" (no date in the sentence) last
_PRECISION_RANK = {p: i for i, p in enumerate(
    ("minute", "hour", "day", "week", "month", "season", "quarter", "year", "decade", "published"))}
_PERIOD = {"week": pd.DateOffset(weeks=1), "month": pd.DateOffset(months=1), "season": pd.DateOffset(months=3),
           "quarter": pd.DateOffset(months=3), "year": pd.DateOffset(years=1), "decade": pd.DateOffset(years=10)}
# a report comes up to 7 days after the event (AP style: weekday names within a
# week, dates beyond), or a day before it in another time zone
REPORT_WINDOW = (pd.Timedelta(days=7), pd.Timedelta(days=1))
_NEEDED = ["mention_id", "article_id", "action", "actor", "actor_country", "target", "product", "rate_from", "rate_to",
           "event_date", "date_precision", "sentence", "published_at"]


def _missing(value: object) -> bool:
    """``pd.isna`` for one value, without its cost: None, NA, NaT or a float NaN."""
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


def _set(value: object) -> frozenset[str]:
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return frozenset()
    return frozenset(v.strip() for v in str(value).split(","))


def _num(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _day(ts: pd.Timestamp) -> pd.Timestamp:
    return ts.tz_convert("UTC").normalize() if ts.tzinfo is not None else ts.normalize()


def _period(date: pd.Timestamp, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days a date stands for: [start, end)."""
    start = _day(date)
    if precision == "published":
        return start - REPORT_WINDOW[0], start + REPORT_WINDOW[1] + pd.Timedelta(days=1)
    return start, start + _PERIOD.get(precision, pd.Timedelta(days=1))


_WEEK_NS = 7 * 86_400 * 10**9
_DAY_NS = 86_400 * 10**9


def _buckets(action: str, span: tuple[int, int] | None) -> list[tuple[str, int]]:
    """(action, week number) keys of the days a date stands for."""
    if span is None:
        return [(action, -1)]
    return [(action, w) for w in range(span[0] // _WEEK_NS, (span[1] - _DAY_NS) // _WEEK_NS + 1)]


def _span(date: object, precision: str) -> tuple[int, int] | None:
    """The period of a date as [start, end) in nanoseconds; None without a date."""
    if date is None or pd.isna(date):
        return None
    lo, hi = _period(date, precision)
    return lo.value, hi.value


class _Key:
    """What the merge compares of one mention."""

    __slots__ = ("action", "actor", "targets", "products", "rate_from", "rate_to", "span", "precision", "fine")

    def __init__(self, action, actor, targets, products, rate_from, rate_to, span, precision) -> None:
        self.action, self.actor, self.targets, self.products = action, actor, targets, products
        self.rate_from, self.rate_to, self.span, self.precision = rate_from, rate_to, span, precision
        self.fine = span is not None and precision in ("minute", "hour", "day")


class _Event:
    """An event being merged: the key of its first mention, widened by the mentions that join it."""

    __slots__ = ("action", "actor", "targets", "products", "rate_from", "rate_to", "span", "fine", "places")

    def __init__(self, m: _Key, places: list[tuple]) -> None:
        self.action, self.actor = m.action, m.actor
        self.targets, self.products = m.targets, m.products
        self.rate_from, self.rate_to = m.rate_from, m.rate_to
        self.span, self.fine = m.span, m.precision in ("minute", "hour", "day")
        self.places = places

    def accepts(self, m: _Key) -> bool:
        if m.action != self.action:
            return False
        if self.actor and m.actor and self.actor != m.actor:
            return False
        for mine, theirs in ((self.targets, m.targets), (self.products, m.products)):
            if mine and theirs and not (mine <= theirs or theirs <= mine):
                return False
        for mine, theirs in ((self.rate_to, m.rate_to), (self.rate_from, m.rate_from)):
            if mine is not None and theirs is not None and abs(mine - theirs) > 1e-9:
                return False
        if self.span is None or m.span is None:
            return self.span is None and m.span is None
        (lo, hi), (mlo, mhi) = self.span, m.span
        if self.fine and m.precision in ("minute", "hour", "day"):
            return lo == mlo
        return mlo < hi and lo < mhi  # the periods overlap

    def add(self, m: _Key) -> None:
        self.actor = self.actor or m.actor
        self.targets = self.targets | m.targets if self.targets and m.targets else self.targets or m.targets
        self.products = self.products | m.products if self.products and m.products else self.products or m.products
        self.rate_to = self.rate_to if self.rate_to is not None else m.rate_to
        self.rate_from = self.rate_from if self.rate_from is not None else m.rate_from


class _Index:
    """The events by place (action and week; action and day for day-dated ones), in creation order.

    Also by place and the values of some attributes (``DIMS``): actor
    country, targets, products, and actor with targets or with products
    (each target and each product apart; ``None`` for an event without
    one). An event can accept a mention only if, for each attribute the
    mention gives, the event is filed under the mention's value or under
    ``None`` (targets and products match by inclusion, so two known sets must
    share an element); the mention is looked up by whichever choice has the
    fewest such events (in a dense corpus most candidates fail on the actor,
    the target or the product).
    """

    # attribute positions in ``values``: 0 actor country, 1 targets, 2 products
    DIMS = ((0,), (1,), (2,), (0, 1), (0, 2))

    def __init__(self) -> None:
        self.every: dict[tuple, list[int]] = {}
        self.by: dict[tuple, list[int]] = {}

    @staticmethod
    def values(event_or_key) -> tuple[tuple, tuple, tuple]:
        """The values each attribute is filed under (``(None,)`` when unknown)."""
        return ((event_or_key.actor or None,), tuple(event_or_key.targets) or (None,),
                tuple(event_or_key.products) or (None,))

    @staticmethod
    def _combos(values: tuple, dim: tuple[int, ...]) -> list[tuple]:
        if len(dim) == 1:
            return [(v,) for v in values[dim[0]]]
        return [(a, b) for a in values[dim[0]] for b in values[dim[1]]]

    def file(self, i: int, event: _Event) -> None:
        """File a new event (the last made: appended keeps creation order)."""
        values = self.values(event)
        keys = [(dim, combo) for dim in self.DIMS for combo in self._combos(values, dim)]
        by = self.by
        for k in event.places:
            self.every.setdefault(k, []).append(i)
            for dim, combo in keys:
                by.setdefault((k, dim, combo), []).append(i)

    def refile(self, i: int, event: _Event, before: tuple) -> None:
        """File an event again under the values it gained (``before``: its values before a mention joined)."""
        after = self.values(event)
        if after == before:
            return
        for dim in self.DIMS:
            if all(before[a] == after[a] for a in dim):
                continue
            old, new = set(self._combos(before, dim)), set(self._combos(after, dim))
            for k in event.places:
                for combo in new - old:
                    bisect.insort(self.by.setdefault((k, dim, combo), []), i)
                for combo in old - new:  # a None that became known
                    self.by[(k, dim, combo)].remove(i)

    def candidates(self, look: list[tuple], m: _Key) -> list:
        """Lists that hold every event of those places that could accept ``m``: the shortest such choice."""
        best = [self.every.get(k, ()) for k in look]
        size = sum(map(len, best))
        if size <= 1:
            return best
        actor, targets, products = self.values(m)
        wider = ((*actor, None), (*targets, None), (*products, None))
        known = (actor[0] is not None, targets[0] is not None, products[0] is not None)
        get = self.by.get
        for dim in self.DIMS:
            if not all(known[a] for a in dim):
                continue
            lists = [get((k, dim, combo), ()) for k in look for combo in self._combos(wider, dim)]
            n = sum(map(len, lists))
            if n < size:
                best, size = lists, n
        return best


def _mode(values: list) -> object:
    """The most frequent non-missing value; ties go to the first seen."""
    vals = [v for v in values if not _missing(v)]
    if not vals:
        return None
    counts = Counter(vals)
    best = max(counts.values())
    return next(v for v in vals if counts[v] == best)


def _ordered(sets: list[str | None]) -> str | None:
    """Union of ', '-joined lists in first-seen order."""
    out: list[str] = []
    for s in sets:
        for v in ([] if _missing(s) else str(s).split(", ")):
            if v and v not in out:
                out.append(v)
    if "all" in out and len(out) > 1:
        out.remove("all")
    return ", ".join(out) or None


def _event_id(action: str, date: pd.Timestamp, actor: str | None, target: str | None, product: str | None) -> str:
    actor = actor if isinstance(actor, str) else ""
    key = "|".join([action, "" if pd.isna(date) else f"{date:%Y-%m-%d}", actor,
                    ",".join(sorted(_set(target))), ",".join(sorted(_set(product)))])
    return hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()


def event_timeline(events: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Merge the mentions of ``tariff_events`` into one row per event.

    See the module docstring for the merge key.

    Args:
        events: the table of ``tariff_events`` (rows with ``negated`` or
            ``hypothetical`` set are left out).
        articles: the article table, for ``n_outlets``, ``outlets`` and
            publication times; optional.

    Returns:
        A new DataFrame with :data:`TIMELINE_COLUMNS`, one row per event,
        sorted by date and action. ``attrs["mentions"]`` holds the mentions
        with their ``event_id`` (as ``event_mentions`` gives). The inputs are
        not modified.

    Raises:
        ValueError: a needed column is missing; the message lists those there are.
        TypeError: an input is not a DataFrame.

    Examples:
        >>> from newskit import load_articles
        >>> from newskit.events import tariff_events
        >>> from newskit.paths import SAMPLE_PAGES
        >>> arts = load_articles(SAMPLE_PAGES / "000_ba2334b44991beed.txt", captured_at="2025-06-02T19:40+09:00")
        >>> tl = event_timeline(tariff_events(arts), arts)
        >>> raise_ = tl[tl["action"] == "raise"].iloc[0]
        >>> str(raise_["event_date"].date()), raise_["product"], float(raise_["rate_from"]), float(raise_["rate_to"]), int(raise_["n_articles"])
        ('2025-05-30', 'steel, aluminum', 25.0, 50.0, 2)
    """
    schema.require(events, _NEEDED, "event_timeline")
    if articles is not None:
        schema.require(articles, ["article_id", "outlet", "published_at"], "event_timeline")
    outlet_of, published_of = {}, {}
    if articles is not None:
        outlet_of = dict(zip(articles["article_id"].astype(str), articles["outlet"]))
        published_of = dict(zip(articles["article_id"].astype(str), pd.to_datetime(articles["published_at"], utc=True)))
    merged = merge_mentions(events, outlet_of, published_of, with_articles=articles is not None)
    result = finish_timeline([merged])
    link = {mid: eid for eid, mids in zip(result["event_id"], result["mention_ids"]) for mid in mids}
    result.attrs["mentions"] = _with_ids(events, link)
    return result


def merge_mentions(events: pd.DataFrame, outlet_of: dict, published_of: dict, *, with_articles: bool) -> pd.DataFrame:
    """The merged events of some mentions, with final ``event_id`` values, unsorted.

    ``event_timeline`` is ``finish_timeline([merge_mentions(events, ...)])``.
    Mentions of different actions never merge, and an ``event_id`` (a hash
    that includes the action) can only repeat within one action, so the
    mentions may also be split by ``action`` and each part merged on its own
    (in any process): ``finish_timeline`` of the parts is the same table.
    That is how ``newskit.pipeline`` and ``newskit.dask`` build the timeline
    of a corpus that does not fit in one table (with ``merged_events``, which
    makes the rows a batch of events at a time).

    Args:
        events: rows of ``tariff_events`` (negated and hypothetical ones are
            left out here).
        outlet_of: article_id -> outlet, for the articles of those rows.
        published_of: article_id -> publication time (UTC); a row's own
            ``published_at`` stands in for an article missing here.
        with_articles: whether the article table was given (``n_outlets``
            is missing without it).

    Returns:
        The rows of ``TIMELINE_COLUMNS``, not yet sorted nor coerced.
    """
    rows = _unflagged(events)
    aid = rows["article_id"].astype(str).tolist()
    rows = rows.assign(
        _outlet=pd.Series([outlet_of.get(a) for a in aid], index=rows.index, dtype=object),
        _published=pd.to_datetime(pd.Series([published_of.get(a, p) for a, p in zip(aid, rows["published_at"])],
                                            index=rows.index, dtype=object), utc=True),
    )
    out = [row for batch in merged_events(rows, with_articles=with_articles) for row in batch]
    return pd.DataFrame(out) if out else pd.DataFrame(columns=[c.name for c in TIMELINE_COLUMNS])


def _unflagged(events: pd.DataFrame) -> pd.DataFrame:
    rows = events
    for flag in ("negated", "hypothetical"):
        if flag in rows.columns:
            rows = rows[~rows[flag].fillna(False).astype(bool)]
    return rows


# events whose rows are made at once: bounds the Python objects alive while
# a large action is merged (its mentions stay in columns)
BATCH_EVENTS = 20_000
_NO_DATE = pd.Timestamp.max.tz_localize("UTC")


# what the merge compares, and what the rows of the merged events are made of
_KEY_COLUMNS = ["mention_id", "action", "actor_country", "target", "product", "rate_from", "rate_to", "event_date",
                "date_precision"]
_ROW_COLUMNS = ["mention_id", "article_id", "actor", "target", "product", "rate_from", "rate_to", "rate_kind",
                "authority", "event_date", "date_text", "effective_date", "end_date", "sentence", "_outlet", "_published"]


def merged_events(mentions: pd.DataFrame | Callable[[list[str]], pd.DataFrame], *, with_articles: bool,
                  batch: int = BATCH_EVENTS, parts: Callable[[list[str]], Iterable[pd.DataFrame]] | None = None,
                  scratch: str | os.PathLike | None = None) -> Iterator[list[dict]]:
    """The merged events of unflagged mentions, as lists of rows, ``batch`` events at a time.

    The merge holds, per mention, only what it compares, coded (action,
    actor country, targets, products, rates, the period of its date) and
    per event its widened key; the rows of the events are then made
    ``batch`` at a time from the mentions' columns. So the memory is the
    mentions' key columns plus a few dozen bytes per mention and per event,
    not a Python object per mention.

    Args:
        mentions: unflagged rows of ``tariff_events`` (at least ``_NEEDED``),
            with ``_outlet`` (the article's outlet, missing when unknown) and
            ``_published`` (its publication time, UTC); or a function that
            returns the named columns of those rows (those it has), in the
            same row order each time: then the key columns are read for the
            merge and dropped before the rest are read for the rows, so the
            mentions are never held whole (``newskit.pipeline`` reads them
            from Parquet so).
        with_articles: whether outlets are known (``n_outlets`` is missing without).
        batch: events per list yielded.
        parts: with ``scratch``, a function that yields the named columns of
            the same rows a part at a time, in the same order (checked: a
            ValueError if their ``mention_id`` differ). The rows'
            columns are then never held whole either: they are read a part
            at a time and filed by batch of events into files in
            ``scratch`` (``_SPILL_ROWS`` rows in memory at most), and each
            batch's file is read back when its events are made. Memory is
            then the key columns and one batch's mentions.
        scratch: a folder for those files (made if missing; they are
            deleted as they are read).

    Yields:
        Lists of rows (dicts of ``TIMELINE_COLUMNS``), in the order the events
        were made, with their final ``event_id``.
    """
    if callable(mentions):
        load = mentions
    else:
        frame = mentions.reset_index(drop=True)

        def load(columns: list[str]) -> pd.DataFrame:
            return frame[[c for c in columns if c in frame.columns]]
    if (parts is None) != (scratch is None):
        raise ValueError("merged_events: give both parts and scratch, or neither")
    keys = load(_KEY_COLUMNS)
    if not len(keys):
        return
    ids = None if parts is None else _ids(keys["mention_id"])  # to check that the parts hold these rows
    order, joined, event_keys, precision_of = _assign(keys)
    del keys
    if parts is None:
        batches = _batches_in_memory(load, order, joined, len(event_keys), batch)
    else:
        batches = _batches_spilled(parts, Path(scratch), ids, order, joined, len(event_keys), batch)
    del order, joined
    seen: dict[str, int] = {}
    for b0, b1, m, rows, bounds in batches:
        col = {c: (m[c].tolist() if c in m.columns else [None] * len(rows)) for c in _ROW_COLUMNS}
        col["precision"] = precision_of[rows].tolist()
        for c in ("rate_from", "rate_to"):
            col[c] = [_num(v) for v in col[c]]
        out = []
        for e in range(b0, b1):
            lo, hi = int(bounds[e - b0]), int(bounds[e - b0 + 1])
            row = _event_row(*event_keys[e], {c: v[lo:hi] for c, v in col.items()}, with_articles)
            # equal ids get -2, -3 ... in the order the events were made (the action is
            # part of the id, so this needs only the mentions of one action)
            i = _event_id(row["action"], row["event_date"], row["actor_country"], row["target"], row["product"])
            seen[i] = seen.get(i, 0) + 1
            row["event_id"] = i if seen[i] == 1 else f"{i}-{seen[i]}"
            out.append(row)
        yield out


# rows of mention columns held at most while they are filed by batch of events (``merged_events(parts=...)``)
_SPILL_ROWS = 200_000
_IPC = pa.ipc.IpcWriteOptions(compression="lz4")


def _batches_in_memory(load, order: np.ndarray, joined: np.ndarray, n_events: int, batch: int):
    """(first event, end event, the mentions' rows, their row numbers, event bounds) per batch of events,
    from the rows' columns read whole; the mentions of each event in the order they joined it."""
    by_event = np.argsort(joined, kind="stable")
    bounds = np.searchsorted(joined[by_event], np.arange(n_events + 1))
    rows_of = order[by_event]
    del by_event
    m = load(_ROW_COLUMNS)
    for b0 in range(0, n_events, batch):
        b1 = min(n_events, b0 + batch)
        take = rows_of[bounds[b0]:bounds[b1]]
        yield b0, b1, m.take(take), take, bounds[b0:b1 + 1] - bounds[b0]


def _ids(ids: pd.Series) -> pa.Array:
    """Mention ids as one Arrow string array: ~20 bytes a mention, no Python object each."""
    array = pa.array(ids, from_pandas=True)  # chunked when the column is Arrow-backed
    return (array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array).cast(pa.string())


def _batches_spilled(parts, scratch: Path, ids: pa.Array, order: np.ndarray, joined: np.ndarray, n_events: int,
                     batch: int):
    """``_batches_in_memory``, reading the rows' columns a part at a time and filing them by batch on disk
    (Arrow IPC files, LZ4; each deleted once read, and any still there deleted on an error)."""
    n = len(order)
    event_of = np.empty(n, np.int64)
    event_of[order] = joined
    place = np.empty(n, np.int64)  # position in the merge order: the order the mentions joined their events
    place[order] = np.arange(n)
    scratch.mkdir(parents=True, exist_ok=True)
    files: dict[int, list[Path]] = {}
    held: list[pd.DataFrame] = []
    count = start = 0

    def flush() -> None:
        nonlocal count
        if not held:
            return
        frame = pd.concat(held, ignore_index=True)
        held.clear()
        count = 0
        group = event_of[frame["_row"].to_numpy()] // batch
        for b in np.unique(group).tolist():
            path = scratch / f"batch-{b:06d}-{len(files.get(b, [])):05d}.arrow"
            files.setdefault(b, []).append(path)  # before writing: a file half written is deleted too
            table = pa.Table.from_pandas(frame[group == b], preserve_index=False)
            with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema, options=_IPC) as writer:
                writer.write_table(table)

    try:
        for part in parts(_ROW_COLUMNS):
            k = len(part)
            if start + k > n or not _ids(part["mention_id"]).equals(ids.slice(start, k)):
                raise ValueError(f"merged_events: the parts do not hold the rows of the key columns, in their order "
                                 f"(they differ in rows {start:,} to {start + k:,} of {n:,})")
            part = part[[c for c in _ROW_COLUMNS if c in part.columns]].reset_index(drop=True)
            held.append(part.assign(_row=np.arange(start, start + k)))
            start += k
            count += k
            if count >= _SPILL_ROWS:
                flush()
        flush()
        if start != n:
            raise ValueError(f"merged_events: the parts hold {start:,} rows, the key columns {n:,}")
        for b in range((n_events + batch - 1) // batch):
            frames = []
            for path in files[b]:
                with pa.memory_map(str(path)) as source:
                    frames.append(pa.ipc.open_file(source).read_all().to_pandas())
            for path in files.pop(b):
                path.unlink()
            m = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
            rows = m["_row"].to_numpy()
            events = event_of[rows]
            o = np.lexsort((place[rows], events))
            b0, b1 = b * batch, min(n_events, (b + 1) * batch)
            yield b0, b1, m.take(o), rows[o], np.searchsorted(events[o], np.arange(b0, b1 + 1))
    finally:
        for paths in files.values():
            for path in paths:
                path.unlink(missing_ok=True)


def _assign(m: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, list[tuple], np.ndarray]:
    """Merge mentions given by their key columns.

    Returns:
        The mentions' row numbers in merge order; for each (in that order)
        the number of the event it joined; per event its action and actor
        country; and per row the date precision ("published" when missing).
    """
    # factorized, not turned into a Python object per row
    precision_codes, precisions = pd.factorize(m["date_precision"])
    precisions = [p if isinstance(p, str) else "published" for p in precisions] + ["published"]  # code -1: none
    precision_of = np.asarray(precisions, dtype=object)[precision_codes]
    rank = np.asarray([_PRECISION_RANK.get(p, 99) for p in precisions], dtype=np.int64)[precision_codes]
    when = pd.to_datetime(m["event_date"], utc=True)
    missing = when.isna().to_numpy()
    ns = when.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy("datetime64[ns]").view(np.int64)
    order = pa.compute.sort_indices(
        pa.table({"rank": rank, "date": np.where(missing, _NO_DATE.value, ns),
                  "id": pa.array(m["mention_id"].astype(str))}),
        sort_keys=[("rank", "ascending"), ("date", "ascending"), ("id", "ascending")]).to_numpy()

    def coded(column: str, decode) -> tuple[np.ndarray, list]:
        codes, uniques = pd.factorize(m[column])
        return codes, [decode(None if pd.isna(u) else u) for u in uniques] + [decode(None)]

    action_codes, actions = coded("action", lambda v: v)
    actor_codes, actors = coded("actor_country", lambda v: v if isinstance(v, str) and v else None)
    target_codes, targets = coded("target", _set)
    product_codes, products = coded("product", _set)
    rate_from = m["rate_from"].to_numpy(dtype=float, na_value=np.nan)
    rate_to = m["rate_to"].to_numpy(dtype=float, na_value=np.nan)
    spans: dict[tuple, tuple[int, int] | None] = {}

    def key(i: int) -> _Key:
        p = precision_of[i]
        s = (None if missing[i] else int(ns[i]), p)
        if s not in spans:
            spans[s] = None if s[0] is None else _span(pd.Timestamp(s[0], tz="UTC"), p)
        rf, rt = rate_from[i], rate_to[i]
        return _Key(actions[action_codes[i]], actors[actor_codes[i]], targets[target_codes[i]],
                    products[product_codes[i]], None if rf != rf else float(rf), None if rt != rt else float(rt),
                    spans[s], p)

    events, joined = _cluster(key(int(i)) for i in order)
    return order, joined, [(e.action, e.actor) for e in events], precision_of


def _event_row(action: str, actor_country: str | None, ms: dict[str, list], with_articles: bool) -> dict:
    """The timeline row of one event from the columns of its mentions (in the order they joined it)."""
    aids = [str(a) for a in ms["article_id"]]
    pub = dict(zip(aids, ms["_published"]))
    order = sorted(pub, key=lambda a: (_NO_DATE if _missing(pub[a]) else pd.Timestamp(pub[a]), a))
    rank = {a: i for i, a in enumerate(order)}
    outlets = sorted({str(o) for o in ms["_outlet"] if not _missing(o)})
    by_article = sorted(range(len(aids)), key=lambda j: rank[aids[j]])
    rated = [j for j in range(len(aids)) if ms["rate_to"][j] is not None or ms["rate_from"][j] is not None]
    return {
        "action": action, "actor": _mode(ms["actor"]), "actor_country": actor_country,
        "target": _ordered(ms["target"]), "product": _ordered(ms["product"]),
        "rate_from": _mode(ms["rate_from"]), "rate_to": _mode(ms["rate_to"]),
        "rate_kind": _mode([ms["rate_kind"][j] for j in rated]),
        "authority": _ordered(ms["authority"]),
        # the first mention has the most specific date (mentions were sorted so)
        "event_date": ms["event_date"][0], "date_precision": ms["precision"][0], "date_text": ms["date_text"][0],
        "effective_date": _mode(ms["effective_date"]), "end_date": _mode(ms["end_date"]),
        "n_mentions": len(aids), "n_articles": len(order),
        "n_outlets": len(outlets) if with_articles else pd.NA, "outlets": outlets,
        "first_reported": min((pd.Timestamp(pub[a]) for a in order if not _missing(pub[a])), default=pd.NaT),
        "article_ids": order, "mention_ids": [str(ms["mention_id"][j]) for j in by_article],
        "sentences": list(dict.fromkeys(str(ms["sentence"][j]) for j in by_article)),
    }


def finish_timeline(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Sort and type the merged events of ``merge_mentions`` (one part per action, or all in one).

    Returns:
        A new DataFrame with ``TIMELINE_COLUMNS``, sorted by event_date,
        action and event_id (missing dates last): a total order, since
        event_ids are unique.
    """
    parts = [p for p in parts if len(p)]
    if not parts:
        return schema.empty(TIMELINE_COLUMNS)
    # typed first: parts whose dates are all missing would make an object column of the concat
    df = pd.concat([schema.coerce(p, TIMELINE_COLUMNS) for p in parts], ignore_index=True) if len(parts) > 1 else parts[0]
    df = df.sort_values(["event_date", "action", "event_id"], na_position="last", kind="stable").reset_index(drop=True)
    return schema.coerce(df, TIMELINE_COLUMNS)


def _cluster(keys: Iterable[_Key]) -> tuple[list[_Event], np.ndarray]:
    """Greedy merge of the sorted mentions: each joins the earliest-made event that accepts it.

    A mention is compared only with the events it could join (``_Index``):
    those of its action and the weeks its date covers (mentions dated to the
    minute, hour or day: of its action and day; they come first in the sort,
    so they only meet events made by such mentions, which accept them only
    on the same day), narrowed by actor country, target or product. Every
    index list is in creation order, so the first event in a list that
    accepts is that list's earliest: the result is that of comparing with
    every event.

    Returns:
        The events, in creation order, and for each mention (in the order
        given) the number of the event it joined.
    """
    events: list[_Event] = []
    joined = array.array("q")
    index = _Index()
    for m in keys:
        weeks = _buckets(m.action, m.span)
        look = [("day", m.action, m.span[0])] if m.fine else weeks
        home = None
        for candidates in index.candidates(look, m):
            for i in candidates:
                if home is not None and i >= home:
                    break  # creation order: none later in this list can win
                if events[i].accepts(m):
                    home = i
                    break
        if home is None:
            home = len(events)
            e = _Event(m, weeks + ([("day", m.action, m.span[0])] if m.fine else []))
            events.append(e)
            index.file(home, e)
        else:
            e = events[home]
            before = index.values(e)
            e.add(m)
            index.refile(home, e, before)
        joined.append(home)
    return events, np.frombuffer(joined, dtype=np.int64) if joined else np.zeros(0, np.int64)


def _with_ids(events: pd.DataFrame, link: dict[str, str]) -> pd.DataFrame:
    out = events.copy()
    out["event_id"] = pd.array([link.get(str(m)) for m in out["mention_id"]], dtype=schema.STRING)
    return out


def event_mentions(events: pd.DataFrame, timeline: pd.DataFrame) -> pd.DataFrame:
    """The mentions table with the ``event_id`` of the merged event each belongs to.

    Args:
        events: the table of ``tariff_events``.
        timeline: the table of ``event_timeline`` made from it.

    Returns:
        A copy of ``events`` with an ``event_id`` column (missing for the
        negated and hypothetical mentions, which merge into no event).

    Raises:
        ValueError: ``mention_id`` or ``mention_ids`` is missing.

    Examples:
        >>> from newskit import load_articles
        >>> from newskit.events import tariff_events
        >>> from newskit.paths import SAMPLE_PAGES
        >>> arts = load_articles(SAMPLE_PAGES / "000_ba2334b44991beed.txt", captured_at="2025-06-02T19:40+09:00")
        >>> ev = tariff_events(arts)
        >>> linked = event_mentions(ev, event_timeline(ev, arts))
        >>> bool(linked["event_id"].notna().all()), linked["event_id"].nunique() < len(linked)
        (True, True)
    """
    schema.require(events, ["mention_id"], "event_mentions")
    schema.require(timeline, ["event_id", "mention_ids"], "event_mentions")
    link = {str(m): eid for eid, mids in zip(timeline["event_id"], timeline["mention_ids"]) for m in mids}
    return _with_ids(events, link)


assert {c.name for c in EVENT_COLUMNS} >= set(_NEEDED)
