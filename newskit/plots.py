"""Plotly figures for the notebooks, in the manner of plotly express.

The DataFrame comes first, columns by keyword; each function returns a
``go.Figure`` and never shows it. Scraped text (titles, outlets, sentences)
is hostile: plotly interprets ``<b>``, ``<br>`` and ``<a href>`` in titles,
hover text and annotations, so every string from a page passes through
``safe_text`` before it reaches a figure. Controls live in the figure itself
(range sliders, toggleable legends, hover), so they keep working in exported
HTML where notebook widgets would not.
"""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from newskit.overview import articles_by_day, articles_by_outlet

# plotly's qualitative "Safe" palette (colour-blind safe, Paul Tol) cycled per outlet
PALETTE = ("#88CCEE", "#CC6677", "#DDCC77", "#117733", "#332288", "#AA4499",
           "#44AA99", "#999933", "#882255", "#661100", "#6699CC", "#888888")


def safe_text(value: object, limit: int | None = None) -> str:
    """Escape scraped text for plotly: markup shows as text, never renders.

    Examples:
        >>> safe_text('<b>bold</b> & <a href="javascript:x">link</a>')
        '&lt;b&gt;bold&lt;/b&gt; &amp; &lt;a href="javascript:x"&gt;link&lt;/a&gt;'
        >>> safe_text("a very long headline", limit=10)
        'a very lo…'
    """
    text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return html.escape(text, quote=False)


def _layout(fig: go.Figure, title: str, **kw) -> go.Figure:
    fig.update_layout(
        title=title, template="plotly_white", hovermode="closest",
        legend=dict(title_text=kw.pop("legend_title", None)), margin=dict(t=60, r=20, b=40, l=60), **kw,
    )
    return fig


def outlet_bar(articles: pd.DataFrame, *, title: str = "Articles per outlet") -> go.Figure:
    """Horizontal bar of articles per outlet, hover listing the credited sources.

    Examples:
        >>> from newskit import load_articles
        >>> from newskit.paths import SAMPLE_PAGES
        >>> fig = outlet_bar(load_articles(SAMPLE_PAGES / "000_ba2334b44991beed.txt"))
        >>> list(fig.data[0].y), list(fig.data[0].x)
        (['Daily8', 'Japan Today'], [1, 3])
    """
    counts = articles_by_outlet(articles).iloc[::-1]  # largest on top
    fig = go.Figure(
        go.Bar(
            x=counts["articles"].tolist(),
            y=[safe_text(o) for o in counts["outlet"]],
            orientation="h",
            marker_color=PALETTE[0],
            customdata=[[safe_text(s, 200)] for s in counts["sources"]],
            hovertemplate="%{y}: %{x} articles<br>sources: %{customdata[0]}<extra></extra>",
        )
    )
    return _layout(fig, title, xaxis_title="articles", yaxis_title=None, height=max(300, 40 * len(counts) + 120))


def articles_per_day(articles: pd.DataFrame, *, title: str = "Articles per day, by outlet", titles_in_hover: int = 3) -> go.Figure:
    """Stacked bars of articles per publication day, one trace per outlet.

    Only articles dated to the day or finer are drawn (see
    ``newskit.overview.date_coverage`` for the rest). Hover shows the first
    ``titles_in_hover`` headlines behind each bar; an annotation marks the
    busiest day. A range slider and range buttons (1 month, 3 months, all)
    travel with the figure; click a legend entry to hide an outlet.

    Examples:
        >>> from newskit import load_articles
        >>> from newskit.paths import SAMPLE_PAGES
        >>> fig = articles_per_day(load_articles(SAMPLE_PAGES / "000_ba2334b44991beed.txt"))
        >>> [(t.name, list(t.y)) for t in fig.data]
        [('Daily8', [1]), ('Japan Today', [3])]
    """
    counts = articles_by_day(articles)
    dated = articles[articles["published_at"].notna() & articles["date_precision"].isin(["minute", "hour", "day"])]
    dated = dated.assign(day=dated["published_at"].dt.normalize()).sort_values(["day", "outlet", "title"])
    heads = dated.groupby(["day", "outlet"], observed=True)["title"].agg(
        lambda t: "<br>".join(safe_text(x, 90) for x in t.iloc[:titles_in_hover])
        + (f"<br>… and {len(t) - titles_in_hover} more" if len(t) > titles_in_hover else "")
    )
    fig = go.Figure()
    for i, (outlet, part) in enumerate(counts.groupby("outlet", sort=True)):
        fig.add_bar(
            x=part["day"].dt.tz_localize(None).tolist(),
            y=part["articles"].tolist(),
            name=safe_text(outlet),
            marker_color=PALETTE[i % len(PALETTE)],
            customdata=[[heads.get((d, outlet), "")] for d in part["day"]],
            hovertemplate="%{x|%a %Y-%m-%d} · %{fullData.name}: %{y}<br>%{customdata[0]}<extra></extra>",
        )
    if len(counts):
        per_day = counts.groupby("day")["articles"].sum()
        busiest = per_day.idxmax()  # first of the busiest days: deterministic
        top = dated.loc[dated["day"] == busiest, "title"].iloc[0]
        fig.add_annotation(
            x=busiest.tz_localize(None), y=int(per_day.max()), yshift=10, showarrow=False,
            text=f"busiest: {int(per_day.max())} · {safe_text(top, 40)}", font=dict(size=11),
        )
    fig.update_xaxes(
        type="date",
        rangeslider=dict(visible=True),
        rangeselector=dict(buttons=[
            dict(count=1, label="1m", step="month", stepmode="backward"),
            dict(count=3, label="3m", step="month", stepmode="backward"),
            dict(step="all", label="all"),
        ]),
    )
    return _layout(fig, title, barmode="stack", yaxis_title="articles", legend_title="outlet", height=480)
