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
"""
from __future__ import annotations

import bisect
import hashlib
from collections import Counter

import pandas as pd

from newskit import schema
from newskit.events.extract import EVENT_COLUMNS

__all__ = ["TIMELINE_COLUMNS", "event_timeline", "event_mentions", "merge_mentions", "finish_timeline"]

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


class _Event:
    """A cluster of mentions being merged."""

    def __init__(self, m: dict) -> None:
        self.mentions = [m]
        self.action = m["action"]
        self.date, self.precision = m["event_date"], m["date_precision"]
        self.actor = m["actor_country"] or None
        self.targets, self.products = m["targets"], m["products"]
        self.rate_from, self.rate_to = m["rate_from"], m["rate_to"]
        self.span = m["span"]
        self.fine = self.precision in ("minute", "hour", "day")

    def accepts(self, m: dict) -> bool:
        if m["action"] != self.action:
            return False
        if self.actor and m["actor_country"] and self.actor != m["actor_country"]:
            return False
        for mine, theirs in ((self.targets, m["targets"]), (self.products, m["products"])):
            if mine and theirs and not (mine <= theirs or theirs <= mine):
                return False
        for mine, theirs in ((self.rate_to, m["rate_to"]), (self.rate_from, m["rate_from"])):
            if mine is not None and theirs is not None and abs(mine - theirs) > 1e-9:
                return False
        if self.span is None or m["span"] is None:
            return self.span is None and m["span"] is None
        (lo, hi), (mlo, mhi) = self.span, m["span"]
        if self.fine and m["date_precision"] in ("minute", "hour", "day"):
            return lo == mlo
        return mlo < hi and lo < mhi  # the periods overlap

    def add(self, m: dict) -> None:
        self.mentions.append(m)
        self.actor = self.actor or m["actor_country"]
        self.targets = self.targets | m["targets"] if self.targets and m["targets"] else self.targets or m["targets"]
        self.products = self.products | m["products"] if self.products and m["products"] else self.products or m["products"]
        self.rate_to = self.rate_to if self.rate_to is not None else m["rate_to"]
        self.rate_from = self.rate_from if self.rate_from is not None else m["rate_from"]


def _mode(values: list) -> object:
    """The most frequent non-missing value; ties go to the first seen."""
    vals = [v for v in values if v is not None and not (not isinstance(v, (list, tuple, frozenset)) and pd.isna(v))]
    if not vals:
        return None
    counts = Counter(vals)
    best = max(counts.values())
    return next(v for v in vals if counts[v] == best)


def _ordered(sets: list[str | None]) -> str | None:
    """Union of ', '-joined lists in first-seen order."""
    out: list[str] = []
    for s in sets:
        for v in ([] if s is None or (not isinstance(s, str) and pd.isna(s)) else str(s).split(", ")):
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
    of a corpus that does not fit in one table.

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
    rows = events
    for flag in ("negated", "hypothetical"):
        if flag in rows.columns:
            rows = rows[~rows[flag].fillna(False).astype(bool)]
    mentions = []
    for r in rows.to_dict("records"):
        mentions.append({
            **r,
            "actor_country": None if pd.isna(r["actor_country"]) else r["actor_country"],
            "targets": _set(r["target"]), "products": _set(r["product"]),
            "rate_from": _num(r["rate_from"]), "rate_to": _num(r["rate_to"]),
            "date_precision": r["date_precision"] if isinstance(r["date_precision"], str) else "published",
        })
        mentions[-1]["span"] = _span(r["event_date"], mentions[-1]["date_precision"])
    mentions.sort(key=lambda m: (_PRECISION_RANK.get(m["date_precision"], 99),
                                 m["event_date"] if not pd.isna(m["event_date"]) else pd.Timestamp.max.tz_localize("UTC"),
                                 str(m["mention_id"])))
    clusters = _cluster(mentions)
    out = []
    for c in clusters:
        ms = c.mentions
        pub = {str(m["article_id"]): published_of.get(str(m["article_id"]), m["published_at"]) for m in ms}
        order = sorted(pub, key=lambda a: (pd.Timestamp(pub[a]) if not pd.isna(pub[a]) else pd.Timestamp.max.tz_localize("UTC"), a))
        rank = {a: i for i, a in enumerate(order)}
        best = ms[0]  # the most specific date (mentions were sorted so)
        target = _ordered([m["target"] for m in ms])
        product = _ordered([m["product"] for m in ms])
        outlets = sorted({str(outlet_of[a]) for a in order if a in outlet_of and not pd.isna(outlet_of[a])})
        by_article = sorted(ms, key=lambda m: rank[str(m["article_id"])])
        row = {
            "action": c.action, "actor": _mode([m["actor"] for m in ms]), "actor_country": c.actor,
            "target": target, "product": product,
            "rate_from": _mode([m["rate_from"] for m in ms]), "rate_to": _mode([m["rate_to"] for m in ms]),
            "rate_kind": _mode([m.get("rate_kind") for m in ms if m["rate_to"] is not None or m["rate_from"] is not None]),
            "authority": _ordered([m.get("authority") for m in ms]),
            "event_date": best["event_date"], "date_precision": best["date_precision"], "date_text": best.get("date_text"),
            "effective_date": _mode([m.get("effective_date") for m in ms]), "end_date": _mode([m.get("end_date") for m in ms]),
            "n_mentions": len(ms), "n_articles": len(order),
            "n_outlets": len(outlets) if with_articles else pd.NA, "outlets": outlets,
            "first_reported": min((pd.Timestamp(pub[a]) for a in order if not pd.isna(pub[a])), default=pd.NaT),
            "article_ids": order, "mention_ids": [str(m["mention_id"]) for m in by_article],
            "sentences": list(dict.fromkeys(str(m["sentence"]) for m in by_article)),
        }
        out.append(row)
    if not out:
        return pd.DataFrame(columns=[c.name for c in TIMELINE_COLUMNS])
    df = pd.DataFrame(out)
    df["event_id"] = [_event_id(a, d, c, t, p) for a, d, c, t, p in
                      zip(df["action"], df["event_date"], df["actor_country"], df["target"], df["product"])]
    # equal ids get -2, -3 ... in the order the events were made (the action is
    # part of the id, so this needs only the mentions of one action)
    seen: dict[str, int] = {}
    ids = []
    for i in df["event_id"]:
        seen[i] = seen.get(i, 0) + 1
        ids.append(i if seen[i] == 1 else f"{i}-{seen[i]}")
    df["event_id"] = ids
    return df


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


def _cluster(mentions: list[dict]) -> list[_Event]:
    """Greedy merge of the sorted mentions: each joins the earliest-made event that accepts it.

    Events are indexed so that a mention is compared only with those it could
    join: by action and the weeks their dates cover; mentions dated to the
    minute, hour or day by action and day (they come first in the sort, so
    they only meet events made by such mentions, which accept them only on
    the same day); and within each, by actor country, a mention with a known
    actor looking only at the events of that actor or of none (most
    candidates in a dense corpus fail on the actor). Every index list is in
    creation order, so the first event in a list that accepts is that list's
    earliest: the result is that of comparing with every event.
    """
    clusters: list[_Event] = []
    every: dict[tuple, list[int]] = {}  # place -> events there
    by_actor: dict[tuple, list[int]] = {}  # (place, actor country or None) -> events there
    places: list[list[tuple]] = []
    for m in mentions:
        fine = m["span"] is not None and m["date_precision"] in ("minute", "hour", "day")
        weeks = _buckets(m["action"], m["span"])
        look = [("day", m["action"], m["span"][0])] if fine else weeks
        actor = m["actor_country"] or None
        lists = ([every.get(k, ()) for k in look] if actor is None
                 else [by_actor.get((k, a), ()) for k in look for a in (actor, None)])
        home = None
        for candidates in lists:
            for i in candidates:
                if home is not None and i >= home:
                    break  # creation order: none later in this list can win
                if clusters[i].accepts(m):
                    home = i
                    break
        if home is None:
            c = _Event(m)
            clusters.append(c)
            i = len(clusters) - 1
            places.append(weeks + ([("day", m["action"], m["span"][0])] if fine and c.fine else []))
            for k in places[i]:
                every.setdefault(k, []).append(i)
                by_actor.setdefault((k, c.actor), []).append(i)
        else:
            c = clusters[home]
            before = c.actor
            c.add(m)
            if before is None and c.actor is not None:  # the event now has an actor: file it there
                for k in places[home]:
                    by_actor[(k, None)].remove(home)
                    bisect.insort(by_actor.setdefault((k, c.actor), []), home)
    return clusters


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
