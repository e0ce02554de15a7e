"""Sentiment figures and tables for notebooks (plotly express style).

Each function takes a table from ``score_sentiment`` first and returns a
``go.Figure`` (or a DataFrame for display); scraped text goes through
``newskit.plots.safe_text`` before it reaches a figure.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from newskit.plots import PALETTE, _layout, safe_text
from newskit.sentiment.scores import sentiment_by

# VADER's neutral band (Hutto & Gilbert 2014): |compound| < 0.05 is neutral.
NEUTRAL = 0.05


def _need(df: pd.DataFrame, cols: list[str], where: str) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ValueError(f"{where}: columns {missing} not in DataFrame; available: {list(df.columns)}")


def sentiment_over_time(article_scores: pd.DataFrame, *, title: str = "Sentiment per day (mean of article scores)") -> go.Figure:
    """Daily mean article compound (line) over the number of articles (bars).

    Examples:
        >>> scores = pd.DataFrame({"article_id": ["a", "b"], "compound": [0.5, -0.1],
        ...     "published_at": pd.to_datetime(["2025-06-01", "2025-06-02"], utc=True),
        ...     "n_sentences": [3, 2], "n_positive": [2, 0], "n_negative": [0, 1],
        ...     "n_neutral": [1, 1], "compound_whole": [0.6, -0.2]})
        >>> fig = sentiment_over_time(scores)
        >>> [t.name for t in fig.data], list(fig.data[1].y)
        (['articles', 'mean compound'], [0.5, -0.1])
    """
    _need(article_scores, ["published_at", "compound", "n_sentences"], "sentiment_over_time")
    daily = sentiment_by(article_scores, "day").dropna(subset=["day"])
    x = daily["day"].dt.tz_localize(None).tolist()
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(x=x, y=daily["n_articles"].tolist(), name="articles", marker_color="#DDDDDD",
                hovertemplate="%{x|%a %Y-%m-%d}: %{y} articles<extra></extra>", secondary_y=True)
    fig.add_scatter(
        x=x, y=daily["compound"].round(4).tolist(), name="mean compound", mode="lines+markers",
        line=dict(color=PALETTE[4]), customdata=daily[["n_articles", "n_sentences"]].to_numpy().tolist(),
        hovertemplate="%{x|%a %Y-%m-%d}<br>mean compound %{y:.3f}<br>%{customdata[0]} articles, %{customdata[1]} sentences<extra></extra>",
        secondary_y=False,
    )
    fig.add_hrect(y0=-NEUTRAL, y1=NEUTRAL, fillcolor="#999999", opacity=0.12, line_width=0, secondary_y=False)
    fig.update_yaxes(title_text="mean compound", range=[-1, 1], secondary_y=False)
    fig.update_yaxes(title_text="articles", secondary_y=True, showgrid=False)
    fig.update_xaxes(type="date", rangeslider=dict(visible=True))
    return _layout(fig, title, height=460)


def sentiment_by_outlet(article_scores: pd.DataFrame, *, title: str = "Article sentiment by outlet") -> go.Figure:
    """One box of article compounds per outlet (points shown, hover with headline).

    Needs ``title`` on the scores (carry it from the article table) for the hover.
    """
    _need(article_scores, ["outlet", "compound"], "sentiment_by_outlet")
    fig = go.Figure()
    order = sentiment_by(article_scores, "outlet").sort_values(["compound", "outlet"])
    for i, outlet in enumerate(order["outlet"]):
        part = article_scores[article_scores["outlet"] == outlet]
        heads = part["title"] if "title" in part.columns else part["article_id"]
        fig.add_box(
            y=part["compound"].round(4).tolist(), name=safe_text(outlet), boxpoints="all", jitter=0.3,
            pointpos=0, marker_color=PALETTE[i % len(PALETTE)], customdata=[[safe_text(h, 90)] for h in heads],
            hovertemplate="%{customdata[0]}<br>compound %{y:.3f}<extra>%{fullData.name}</extra>",
        )
    fig.update_yaxes(title_text="article compound (mean of sentences)", range=[-1, 1])
    return _layout(fig, title, showlegend=False, height=460)


def sentence_spread(sentence_scores: pd.DataFrame, articles: pd.DataFrame, *, top: int = 15,
                    title: str = "Sentence sentiment within each story") -> go.Figure:
    """Sentence compounds of the ``top`` longest stories, one row per story.

    Hover shows the sentence (escaped); the story's mean is marked.
    """
    _need(sentence_scores, ["article_id", "compound", "text"], "sentence_spread")
    _need(articles, ["article_id", "title", "word_count"], "sentence_spread")
    chosen = articles.sort_values(["word_count", "article_id"], ascending=[False, True]).head(top)
    labels = {a: safe_text(t, 60) for a, t in zip(chosen["article_id"], chosen["title"])}
    part = sentence_scores[sentence_scores["article_id"].isin(labels)]
    fig = go.Figure()
    fig.add_scatter(
        x=part["compound"].round(4).tolist(), y=[labels[a] for a in part["article_id"]], mode="markers",
        marker=dict(color=part["compound"].tolist(), colorscale="RdBu", cmin=-1, cmax=1, size=8, opacity=0.75),
        customdata=[[safe_text(t, 160)] for t in part["text"]], name="sentence",
        hovertemplate="%{customdata[0]}<br>compound %{x:.3f}<extra></extra>",
    )
    means = part.groupby("article_id")["compound"].mean()
    fig.add_scatter(
        x=[round(means.get(a, 0.0), 4) for a in labels], y=list(labels.values()), mode="markers", name="story mean",
        marker=dict(symbol="line-ns-open", size=18, color="#000000"),
        hovertemplate="story mean %{x:.3f}<extra></extra>",
    )
    fig.update_xaxes(title_text="sentence compound", range=[-1.05, 1.05])
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, height=max(360, 28 * len(labels) + 140))


def extreme_sentences(sentence_scores: pd.DataFrame, articles: pd.DataFrame, *, n: int = 5) -> pd.DataFrame:
    """The ``n`` most negative and ``n`` most positive sentences with their story.

    Returns:
        Columns ``compound, sentence, title, outlet, published_at``; ties broken
        by article id and sentence order, so the table is the same on every run.
    """
    _need(sentence_scores, ["article_id", "sentence_id", "compound", "text"], "extreme_sentences")
    meta = articles[["article_id", "title", "outlet", "published_at"]]
    ranked = sentence_scores.sort_values(["compound", "article_id", "sentence_id"])
    picked = pd.concat([ranked.head(n), ranked.tail(n).iloc[::-1]])
    out = picked.merge(meta, on="article_id", how="left", suffixes=("", "_article"))
    out = out.rename(columns={"text": "sentence"})
    when = "published_at_article" if "published_at_article" in out.columns else "published_at"
    out = out.assign(published_at=out[when].dt.strftime("%Y-%m-%d"))
    return out[["compound", "sentence", "title", "outlet", "published_at"]].reset_index(drop=True)


def entity_sentiment(entity_scores: pd.DataFrame, *, title: str = "Sentiment of the sentences that mention each entity") -> go.Figure:
    """Mean compound per entity with the sentences and articles behind it."""
    _need(entity_scores, ["name", "compound", "article_id"], "entity_sentiment")
    per = sentiment_by(entity_scores, "name").sort_values(["compound", "name"])
    colors = ["#CC6677" if c <= -NEUTRAL else "#117733" if c >= NEUTRAL else "#888888" for c in per["compound"]]
    fig = go.Figure(go.Bar(
        x=per["compound"].round(4).tolist(), y=[safe_text(n) for n in per["name"]], orientation="h", marker_color=colors,
        customdata=per[["n_sentences", "n_articles", "n_positive", "n_negative"]].to_numpy().tolist(),
        hovertemplate="%{y}: %{x:.3f}<br>%{customdata[0]} sentences in %{customdata[1]} articles"
                      "<br>%{customdata[2]} positive, %{customdata[3]} negative<extra></extra>",
    ))
    fig.update_xaxes(title_text="mean sentence compound", range=[-1, 1])
    return _layout(fig, title, height=max(320, 36 * len(per) + 120))
