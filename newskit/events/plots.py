"""Figures of the tariff timeline, in the manner of plotly express.

The table comes first; each function returns a ``go.Figure`` and never shows
it. Every string that came from a page (actors as named, sentences, outlets,
products) passes through ``newskit.plots.safe_text``. The controls live in the
figure (a range slider, dropdown menus, legend toggles), so they work in
exported HTML where notebook widgets would not.

* ``timeline_figure``: merged events by date, one lane per action or per
  target (``lanes=``, and a dropdown to switch), marker size by the number of
  stories, hover with the evidence sentence and outlets, a dropdown to show one
  action.
* ``rate_steps``: the tariff rate (``rate_to``) over time, one step line per
  product and target.
* ``events_table``: the merged events as a plain table for display.

Date range and country filters are plain arguments: ``start=``, ``end=``,
``countries=`` (a country matches the actor's country or a target).
"""
from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from newskit.events.lexicon import ACTIONS, COUNTRIES
from newskit.plots import PALETTE, _layout, safe_text

__all__ = ["LANES", "timeline_figure", "rate_steps", "events_table"]

LANES = ("action", "target")
# actions that set a tariff level, for the step chart
RATE_ACTIONS = ("impose", "raise", "lower", "resume", "retaliate", "take_effect", "agree")
_NEEDED = ["event_id", "action", "actor", "actor_country", "target", "product", "rate_from", "rate_to",
           "event_date", "date_precision", "n_articles", "outlets", "sentences"]


def _check(timeline: object, caller: str) -> None:
    if not isinstance(timeline, pd.DataFrame):
        raise TypeError(f"{caller}: expected a DataFrame; got {type(timeline).__name__}")
    missing = [c for c in _NEEDED if c not in timeline.columns]
    if missing:
        raise ValueError(f"{caller}: columns {missing} not in DataFrame; available: {list(timeline.columns)}")


def _as_list(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _split(value: object) -> list[str]:
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return []
    return [v.strip() for v in str(value).split(",") if v.strip()]


def _utc(value: object, name: str, caller: str) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{caller}: {name}={value!r} is not a date; give an ISO date such as '2025-04-01'") from exc
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def _filter(timeline: pd.DataFrame, caller: str, start=None, end=None, countries=None, actions=None) -> pd.DataFrame:
    """Rows in [start, end] with a listed country (actor's or a target) and action; ValueError on unknown names."""
    df = timeline
    lo, hi = _utc(start, "start", caller), _utc(end, "end", caller)
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"{caller}: start {start!r} is after end {end!r}")
    if lo is not None:
        df = df[df["event_date"] >= lo]
    if hi is not None:
        df = df[df["event_date"] <= hi]
    wanted = _as_list(countries)
    if wanted is not None:
        present = sorted({c for v in timeline["target"] for c in _split(v)} |
                         {c for c in timeline["actor_country"].dropna() if c != "court"})
        known = set(COUNTRIES) | set(present) | {"all"}
        bad = [c for c in wanted if c not in known]
        if bad:
            raise ValueError(f"{caller}: unknown countries {bad}; available in this table: {present}")
        keep = set(wanted)
        df = df[[bool(keep & (set(_split(t)) | {a})) for t, a in zip(df["target"], df["actor_country"].fillna(""))]]
    acts = _as_list(actions)
    if acts is not None:
        bad = [a for a in acts if a not in ACTIONS]
        if bad:
            raise ValueError(f"{caller}: unknown actions {bad}; choose from {list(ACTIONS)}")
        df = df[df["action"].isin(acts)]
    return df


def _rate_text(r_from: object, r_to: object) -> str:
    def pct(v: object) -> str:
        return f"{float(v):g}%"
    has_from, has_to = not pd.isna(r_from), not pd.isna(r_to)
    if has_from and has_to:
        return f"{pct(r_from)} → {pct(r_to)}"
    if has_to:
        return pct(r_to)
    if has_from:
        return f"from {pct(r_from)}"
    return ""


def _size(n: int) -> float:
    # area grows with the number of stories: 8 px for one, ~16 px for four
    return 8.0 * math.sqrt(max(1, int(n)))


def _points(df: pd.DataFrame, lanes: str) -> pd.DataFrame:
    """One point per event (per target when the lanes are targets)."""
    rows = []
    for r in df.itertuples(index=False):
        lane_values = [r.action] if lanes == "action" else (_split(r.target) or ["(no target)"])
        for lane in lane_values:
            rows.append({
                "action": r.action, "lane": lane, "x": r.event_date.tz_convert("UTC").tz_localize(None),
                "size": _size(r.n_articles),
                "custom": [
                    r.event_date.strftime("%Y-%m-%d") + ("" if r.date_precision in ("day", "minute", "hour")
                                                          else f" ({safe_text(r.date_precision)})"),
                    safe_text(r.action),
                    safe_text(r.actor if isinstance(r.actor, str) else "?"),
                    safe_text(r.target if isinstance(r.target, str) else "—"),
                    safe_text(r.product if isinstance(r.product, str) else "—"),
                    _rate_text(r.rate_from, r.rate_to) or "—",
                    int(r.n_articles),
                    safe_text(", ".join(r.outlets) if len(r.outlets) else "—", 200),
                    safe_text(r.sentences[0] if len(r.sentences) else "", 220),
                ],
            })
    return pd.DataFrame(rows, columns=["action", "lane", "x", "size", "custom"])


_HOVER = ("<b>%{customdata[1]}</b> · %{customdata[0]}<br>%{customdata[2]} → %{customdata[3]}<br>"
          "product: %{customdata[4]} · rate: %{customdata[5]}<br>%{customdata[6]} stories: %{customdata[7]}<br>"
          "<i>%{customdata[8]}</i><extra></extra>")


def timeline_figure(
    timeline: pd.DataFrame,
    *,
    lanes: str = "action",
    start: object = None,
    end: object = None,
    countries: str | Iterable[str] | None = None,
    actions: str | Iterable[str] | None = None,
    title: str = "Tariff events",
) -> go.Figure:
    """Merged tariff events on a date axis, in lanes by action or by target.

    One trace per action (colour and legend entry); marker size grows with
    the number of stories reporting the event; hover shows the date, actor,
    target, product, rate, outlets and the evidence sentence. A range slider
    sits under the axis; two dropdown menus travel with the figure: one
    switches the lanes between actions and targets, one shows a single action.

    Args:
        timeline: the table of ``event_timeline``.
        lanes: "action" or "target" (an event with two targets is drawn in both).
        start, end: dates bounding the events shown (inclusive).
        countries: keep events whose actor's country or a target is one of these.
        actions: keep only these actions.
        title: the figure title.

    Returns:
        A ``go.Figure``.

    Raises:
        ValueError: an unknown lane, action or country (the message lists the
            choices), an unreadable date, or a needed column missing.

    Examples:
        >>> from newskit import load_articles
        >>> from newskit.events import tariff_events, event_timeline
        >>> from newskit.paths import SAMPLE_PAGES
        >>> arts = load_articles(SAMPLE_PAGES / "000_ba2334b44991beed.txt", captured_at="2025-06-02T19:40+09:00")
        >>> fig = timeline_figure(event_timeline(tariff_events(arts), arts))
        >>> [t.name for t in fig.data][:3]
        ['raise', 'pause', 'negotiate']
        >>> [b.label for b in fig.layout.updatemenus[0].buttons]
        ['Lanes: action', 'Lanes: target']
    """
    _check(timeline, "timeline_figure")
    if lanes not in LANES:
        raise ValueError(f"timeline_figure: lanes={lanes!r}; choose from {list(LANES)}")
    df = _filter(timeline, "timeline_figure", start, end, countries, actions)
    present = [a for a in ACTIONS if a in set(df["action"])]
    by_lane = {mode: _points(df, mode) for mode in LANES}
    fig = go.Figure()
    for i, action in enumerate(present):
        pts = by_lane[lanes][by_lane[lanes]["action"] == action]
        fig.add_scatter(
            x=pts["x"].tolist(), y=pts["lane"].tolist(), mode="markers", name=action,
            marker=dict(size=pts["size"].tolist(), color=PALETTE[i % len(PALETTE)], line=dict(width=1, color="#333333"),
                        opacity=0.85),
            customdata=pts["custom"].tolist(), hovertemplate=_HOVER,
        )
    order = {"action": list(reversed(present)),
             "target": sorted({p for p in by_lane["target"]["lane"]}, key=lambda s: (s != "all", s), reverse=True)}
    lane_buttons = []
    for mode in LANES:
        parts = [by_lane[mode][by_lane[mode]["action"] == a] for a in present]
        lane_buttons.append(dict(
            label=f"Lanes: {mode}", method="update",
            args=[{"x": [p["x"].tolist() for p in parts], "y": [p["lane"].tolist() for p in parts],
                   "customdata": [p["custom"].tolist() for p in parts],
                   "marker.size": [p["size"].tolist() for p in parts]},
                  {"yaxis.categoryarray": order[mode], "yaxis.title.text": mode}],
        ))
    filter_buttons = [dict(label="All actions", method="restyle", args=[{"visible": [True] * len(present)}])]
    for action in present:
        filter_buttons.append(dict(label=action, method="restyle",
                                   args=[{"visible": [a == action for a in present]}]))
    fig.update_layout(updatemenus=[
        dict(type="dropdown", buttons=lane_buttons, active=LANES.index(lanes), x=0.0, xanchor="left", y=1.12, yanchor="bottom"),
        dict(type="dropdown", buttons=filter_buttons, active=0, x=0.25, xanchor="left", y=1.12, yanchor="bottom"),
    ])
    fig.update_xaxes(type="date", rangeslider=dict(visible=True), title_text="event date")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order[lanes], title_text=lanes)
    n_lanes = len(order[lanes])
    _layout(fig, safe_text(title), legend_title="action", height=max(420, 28 * n_lanes + 260))
    return fig.update_layout(margin=dict(t=110, l=140))


def rate_steps(
    timeline: pd.DataFrame,
    *,
    products: str | Iterable[str] | None = None,
    start: object = None,
    end: object = None,
    countries: str | Iterable[str] | None = None,
    title: str = "Tariff rates over time",
) -> go.Figure:
    """Step lines of the tariff rate (``rate_to``) per product and target.

    Events with a rate (imposed, raised, lowered, agreed, in effect) are drawn
    as steps that hold each rate until the next event of the same series; a
    series is one (product, target) pair, "all" when the event names none.

    Args:
        timeline: the table of ``event_timeline``.
        products: keep these products only (as in the ``product`` column).
        start, end: dates bounding the events drawn.
        countries: keep events whose actor's country or a target is one of these.
        title: the figure title.

    Returns:
        A ``go.Figure`` with one trace per series, named "product · target".

    Raises:
        ValueError: an unknown product or country (the message lists the
            choices), an unreadable date, or a needed column missing.

    Examples:
        >>> from newskit import load_articles
        >>> from newskit.events import tariff_events, event_timeline
        >>> from newskit.paths import SAMPLE_PAGES
        >>> arts = load_articles(SAMPLE_PAGES / "000_ba2334b44991beed.txt", captured_at="2025-06-02T19:40+09:00")
        >>> fig = rate_steps(event_timeline(tariff_events(arts), arts))
        >>> [(t.name, list(t.y)) for t in fig.data]
        [('aluminum · all', [50.0]), ('steel · all', [50.0])]
    """
    _check(timeline, "rate_steps")
    df = _filter(timeline, "rate_steps", start, end, countries, None)
    df = df[df["rate_to"].notna() & df["action"].isin(RATE_ACTIONS)]
    wanted = _as_list(products)
    if wanted is not None:
        present = sorted({p for v in timeline["product"] for p in _split(v)})
        bad = [p for p in wanted if p not in present]
        if bad:
            raise ValueError(f"rate_steps: unknown products {bad}; available in this table: {present}")
    rows = []
    for r in df.itertuples(index=False):
        for product in _split(r.product) or ["all"]:
            if wanted is not None and product not in wanted:
                continue
            for target in _split(r.target) or ["all"]:
                rows.append((product, target, r))
    fig = go.Figure()
    series: dict[tuple[str, str], list] = {}
    for product, target, r in rows:
        series.setdefault((product, target), []).append(r)
    for i, ((product, target), items) in enumerate(sorted(series.items())):
        items.sort(key=lambda r: r.event_date)
        fig.add_scatter(
            x=[r.event_date.tz_convert("UTC").tz_localize(None) for r in items], y=[float(r.rate_to) for r in items],
            mode="lines+markers", line_shape="hv", name=f"{safe_text(product)} · {safe_text(target)}",
            line=dict(color=PALETTE[i % len(PALETTE)]),
            customdata=[[r.event_date.strftime("%Y-%m-%d"), safe_text(r.action), _rate_text(r.rate_from, r.rate_to),
                         safe_text(r.actor if isinstance(r.actor, str) else "?"),
                         safe_text(r.sentences[0] if len(r.sentences) else "", 200)] for r in items],
            hovertemplate="%{customdata[0]} · <b>%{customdata[1]}</b> · %{customdata[2]}<br>%{customdata[3]}<br>"
                          "<i>%{customdata[4]}</i><extra>%{fullData.name}</extra>",
        )
    fig.update_xaxes(type="date", rangeslider=dict(visible=True), title_text="event date")
    fig.update_yaxes(title_text="tariff rate (%)", rangemode="tozero")
    return _layout(fig, safe_text(title), legend_title="product · target", height=480)


def events_table(
    timeline: pd.DataFrame,
    *,
    start: object = None,
    end: object = None,
    countries: str | Iterable[str] | None = None,
    actions: str | Iterable[str] | None = None,
    evidence_chars: int = 160,
) -> pd.DataFrame:
    """The merged events as a table to display: one row per event, by date.

    Cells hold plain text (pandas' repr and ``to_html`` escape it; use
    ``newskit.show.styled`` for a styled table, which escapes too).

    Args:
        timeline: the table of ``event_timeline``.
        start, end, countries, actions: filters as in ``timeline_figure``.
        evidence_chars: the evidence sentence is cut to this many characters.

    Returns:
        A new DataFrame with columns date, action, actor, target, product,
        rate, authority, stories, outlets, evidence, event_id.

    Raises:
        ValueError: an unknown action or country, an unreadable date, or a
            needed column missing.

    Examples:
        >>> from newskit import load_articles
        >>> from newskit.events import tariff_events, event_timeline
        >>> from newskit.paths import SAMPLE_PAGES
        >>> arts = load_articles(SAMPLE_PAGES / "000_ba2334b44991beed.txt", captured_at="2025-06-02T19:40+09:00")
        >>> t = events_table(event_timeline(tariff_events(arts), arts), actions=["raise"])
        >>> t[["date", "action", "product", "rate", "stories"]].values.tolist()
        [['2025-05-30', 'raise', 'steel, aluminum', '25% → 50%', 2]]
    """
    _check(timeline, "events_table")
    df = _filter(timeline, "events_table", start, end, countries, actions)
    out = pd.DataFrame({
        "date": [d.strftime("%Y-%m-%d") + ("" if p in ("day", "minute", "hour") else f" ({p})")
                 for d, p in zip(df["event_date"], df["date_precision"])],
        "action": df["action"].tolist(),
        "actor": df["actor"].tolist(),
        "target": df["target"].tolist(),
        "product": df["product"].tolist(),
        "rate": [_rate_text(a, b) for a, b in zip(df["rate_from"], df["rate_to"])],
        "authority": df["authority"].tolist() if "authority" in df.columns else [None] * len(df),
        "stories": df["n_articles"].astype("int64").tolist(),
        "outlets": [", ".join(o) for o in df["outlets"]],
        "evidence": [(s[0] if len(s[0]) <= evidence_chars else s[0][:evidence_chars - 1] + "…") if len(s) else ""
                     for s in df["sentences"]],
        "event_id": df["event_id"].tolist(),
    })
    for col in ("action", "actor", "target", "product", "rate", "authority", "outlets", "evidence", "event_id"):
        out[col] = out[col].astype("string")
    return out
