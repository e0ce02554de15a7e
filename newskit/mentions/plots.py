"""Figures and a sentence table for cross-story mentions, in the manner of plotly express.

The mentions table comes first, the article table by keyword where names of
outlets and headlines are needed; each figure function returns a
``go.Figure`` and never shows it. Every string that came from a page (names
found by rules, outlets, headlines, sentences) passes through
``newskit.plots.safe_text``. Layouts are computed, never random, so a figure
is the same on every run (nbval compares notebook outputs).
"""
from __future__ import annotations

import difflib

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from newskit.mentions.columns import TYPES
from newskit.mentions.cross import cross_story, entity_table
from newskit.mentions.gazetteer import load_gazetteer
from newskit.plots import PALETTE, safe_text
from newskit.sentences import split_sentences

__all__ = ["TYPE_COLORS", "comention_network", "entity_bar", "entity_sentences", "mention_heatmap"]

# One colour per entity type from the kit's palette (Paul Tol's "Safe" set).
TYPE_COLORS = dict(zip(TYPES, (PALETTE[1], PALETTE[0], PALETTE[3], PALETTE[2], PALETTE[5])))
_NEEDS = ["article_id", "entity_id", "name", "type"]


def _require(df: pd.DataFrame, columns: list[str], caller: str, what: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{caller}: expected a DataFrame; got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{caller}: column {missing[0]!r} not in {what}; available: {list(df.columns)}")


def _gazetteer_names() -> list[str]:
    g = load_gazetteer()
    return sorted({e.name for e in g.entities.values()})


def _known(entity: str) -> bool:
    """An entity_id, canonical name or alias of the built-in gazetteer (any case for names)."""
    g = load_gazetteer()
    if entity in g.entities or entity in g.senses:
        return True
    folded = str(entity).lower()
    return any(e.name.lower() == folded for e in g.entities.values())


def _layout(fig: go.Figure, title: str, **kw) -> go.Figure:
    fig.update_layout(title=title, template="plotly_white", hovermode="closest",
                      margin=dict(t=60, r=20, b=40, l=60), **kw)
    return fig


def entity_bar(mentions: pd.DataFrame, articles: pd.DataFrame | None = None, *, top: int = 20,
               title: str = "Entities by number of stories") -> go.Figure:
    """Horizontal bars of the ``top`` entities by stories, one colour per type.

    Hover shows the type, the mentions and (with ``articles``) the outlets.

    Raises:
        ValueError: a needed column is missing (listing those there are), or ``top`` < 1.

    Examples:
        >>> m = pd.DataFrame({"article_id": ["a", "b", "b"], "entity_id": ["country:JP", "country:JP", "person:x"],
        ...                   "name": ["Japan", "Japan", "<b>X</b>"], "type": ["country", "country", "person"]})
        >>> fig = entity_bar(m)
        >>> [(t.name, list(t.y), list(t.x)) for t in fig.data]
        [('person', ['&lt;b&gt;X&lt;/b&gt;'], [1]), ('country', ['Japan'], [2])]
    """
    _require(mentions, _NEEDS, "entity_bar", "mentions")
    if top < 1:
        raise ValueError(f"entity_bar: top must be >= 1; got {top}")
    table = entity_table(mentions, articles).head(top).iloc[::-1]  # largest on top
    outlets = _outlets(mentions, articles)
    fig = go.Figure()
    for typ in TYPES:
        part = table[table["type"] == typ]
        if part.empty:
            continue
        fig.add_bar(
            x=part["n_articles"].tolist(), y=[safe_text(n) for n in part["name"]], orientation="h", name=typ,
            marker_color=TYPE_COLORS[typ],
            customdata=[[typ, int(k), safe_text(outlets.get(e, "—"), 200)] for e, k in zip(part["entity_id"], part["n_mentions"])],
            hovertemplate="%{y} (%{customdata[0]})<br>%{x} stories, %{customdata[1]} mentions"
                          "<br>outlets: %{customdata[2]}<extra></extra>",
        )
    order = [safe_text(n) for n in table["name"]]
    fig.update_yaxes(categoryorder="array", categoryarray=order)
    return _layout(fig, title, xaxis_title="stories", legend_title_text="type", height=max(320, 24 * len(table) + 140))


def _outlets(mentions: pd.DataFrame, articles: pd.DataFrame | None) -> dict[str, str]:
    if articles is None:
        return {}
    _require(articles, ["article_id", "outlet"], "entity_bar", "articles")
    joined = mentions[["entity_id", "article_id"]].merge(articles[["article_id", "outlet"]], on="article_id", how="left")
    return joined.groupby("entity_id")["outlet"].agg(lambda s: ", ".join(sorted(set(map(str, s.dropna()))))).to_dict()


def mention_heatmap(mentions: pd.DataFrame, articles: pd.DataFrame, *, top: int = 20,
                    title: str = "Mentions per story of the most widespread entities") -> go.Figure:
    """Heatmap of mentions: stories (rows, those naming a top entity) by the ``top`` entities.

    Hover shows the headline, outlet and date of the story and the entity.

    Raises:
        ValueError: a needed column is missing (listing those there are), or ``top`` < 1.

    Examples:
        >>> m = pd.DataFrame({"article_id": ["a", "b", "b"], "entity_id": ["country:JP", "country:JP", "person:x"],
        ...                   "name": ["Japan", "Japan", "X"], "type": ["country", "country", "person"]})
        >>> arts = pd.DataFrame({"article_id": ["a", "b"], "title": ["<i>T1</i>", "T2"], "outlet": ["O", "O"],
        ...                      "published_at": pd.to_datetime(["2025-06-01", "2025-06-02"], utc=True)})
        >>> fig = mention_heatmap(m, arts)
        >>> list(fig.data[0].x), [list(row) for row in fig.data[0].z], fig.data[0].customdata[0][0][0]
        (['Japan', 'X'], [[1, 0], [1, 1]], '&lt;i&gt;T1&lt;/i&gt;')
    """
    _require(mentions, _NEEDS, "mention_heatmap", "mentions")
    _require(articles, ["article_id", "title", "outlet", "published_at"], "mention_heatmap", "articles")
    if top < 1:
        raise ValueError(f"mention_heatmap: top must be >= 1; got {top}")
    ids = entity_table(mentions).head(top)
    cs = cross_story(mentions[mentions["entity_id"].isin(ids["entity_id"])], articles, min_stories=1)
    matrix = cs.matrix.reindex(columns=ids["entity_id"].tolist(), fill_value=0)
    matrix = matrix[matrix.sum(axis=1) > 0]
    meta = articles.drop_duplicates("article_id").set_index("article_id").loc[matrix.index]
    when = [f"{d:%Y-%m-%d}" if pd.notna(d) else "undated" for d in meta["published_at"]]
    labels = [f"{safe_text(t, 48)} · {safe_text(o, 20)} ({i})" for i, (t, o) in enumerate(zip(meta["title"], meta["outlet"]))]
    names = [safe_text(n) for n in ids["name"]]
    custom = [[[safe_text(t, 160), safe_text(o), w, n] for n in names] for t, o, w in zip(meta["title"], meta["outlet"], when)]
    fig = go.Figure(go.Heatmap(
        z=matrix.to_numpy().tolist(), x=names, y=labels, customdata=custom, colorscale="Blues",
        hovertemplate="%{customdata[0]}<br>%{customdata[1]}, %{customdata[2]}<br>%{customdata[3]}: %{z} mentions<extra></extra>",
        colorbar=dict(title="mentions"),
    ))
    fig.update_yaxes(autorange="reversed", showticklabels=len(labels) <= 60)
    return _layout(fig, title, height=max(360, 18 * len(labels) + 160), xaxis_tickangle=-45)


def comention_network(mentions: pd.DataFrame, articles: pd.DataFrame | None = None, *, top: int = 30,
                      min_shared: int = 1, title: str = "Entities mentioned in the same stories") -> go.Figure:
    """The co-mention network of the ``top`` entities on a circle (deterministic).

    Nodes sit on a circle grouped by type, most stories first within a type
    (no random layout: the same data gives the same figure); node size grows
    with stories, edge width with shared stories (edges of ``min_shared`` or
    more). One trace per edge width, a trace of edge midpoints for the hover
    ("A — B: k stories"), then one node trace per type.

    Raises:
        ValueError: a needed column is missing (listing those there are), or ``top`` < 2.

    Examples:
        >>> m = pd.DataFrame({"article_id": ["a", "a", "b", "b"], "entity_id": ["country:JP", "person:x"] * 2,
        ...                   "name": ["Japan", "X"] * 2, "type": ["country", "person"] * 2})
        >>> fig = comention_network(m)
        >>> [t.name for t in fig.data], fig.data[1].text
        (['2 shared stories', 'co-mentions', 'person', 'country'], ('Japan — X: 2 stories',))
    """
    _require(mentions, _NEEDS, "comention_network", "mentions")
    if top < 2:
        raise ValueError(f"comention_network: top must be >= 2; got {top}")
    table = entity_table(mentions, articles).head(top)
    table = table.assign(_t=table["type"].map({t: i for i, t in enumerate(TYPES)}).astype(int))
    table = table.sort_values(["_t", "n_articles", "entity_id"], ascending=[True, False, True]).reset_index(drop=True)
    angle = np.pi / 2 - 2 * np.pi * np.arange(len(table)) / max(len(table), 1)
    pos = {e: (float(np.cos(a)), float(np.sin(a))) for e, a in zip(table["entity_id"], angle)}
    cs = cross_story(mentions[mentions["entity_id"].isin(pos)], articles, min_stories=1)
    edges = cs.edges[cs.edges["shared_stories"] >= min_shared]
    fig = go.Figure()
    top_w = max(int(edges["shared_stories"].max()), 1) if len(edges) else 1
    for k, part in edges.groupby("shared_stories", sort=True):
        xs, ys = [], []
        for s, t in zip(part["source"], part["target"]):
            xs += [pos[s][0], pos[t][0], None]
            ys += [pos[s][1], pos[t][1], None]
        fig.add_scatter(x=xs, y=ys, mode="lines", name=f"{k} shared stories", hoverinfo="skip", showlegend=False,
                        line=dict(width=1 + 5 * int(k) / top_w, color="rgba(120,120,120,0.45)"))
    fig.add_scatter(
        x=[(pos[s][0] + pos[t][0]) / 2 for s, t in zip(edges["source"], edges["target"])],
        y=[(pos[s][1] + pos[t][1]) / 2 for s, t in zip(edges["source"], edges["target"])],
        mode="markers", marker=dict(size=6, opacity=0), name="co-mentions", showlegend=False,
        text=[f"{safe_text(a)} — {safe_text(b)}: {int(k)} stories"
              for a, b, k in zip(edges["source_name"], edges["target_name"], edges["shared_stories"])],
        hovertemplate="%{text}<br>npmi %{customdata:.2f}<extra></extra>", customdata=edges["npmi"].tolist(),
    )
    biggest = max(int(table["n_articles"].max()), 1) if len(table) else 1
    for typ in TYPES:
        part = table[table["type"] == typ]
        if part.empty:
            continue
        fig.add_scatter(
            x=[pos[e][0] for e in part["entity_id"]], y=[pos[e][1] for e in part["entity_id"]],
            mode="markers+text", name=typ, text=[safe_text(n, 30) for n in part["name"]], textposition="top center",
            marker=dict(size=[10 + 30 * (k / biggest) ** 0.5 for k in part["n_articles"]], color=TYPE_COLORS[typ],
                        line=dict(width=1, color="white")),
            customdata=[[safe_text(n), int(k), int(m)] for n, k, m in zip(part["name"], part["n_articles"], part["n_mentions"])],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]} stories, %{customdata[2]} mentions<extra></extra>",
        )
    fig.update_xaxes(visible=False, range=[-1.35, 1.35])
    fig.update_yaxes(visible=False, range=[-1.25, 1.3], scaleanchor="x")
    return _layout(fig, title, legend_title_text="type", height=640)


def entity_sentences(mentions: pd.DataFrame, articles: pd.DataFrame, entity: str) -> pd.DataFrame:
    """The sentences that mention ``entity`` across stories, oldest first, for display.

    Args:
        mentions: the table of ``find_mentions``.
        articles: the article table (``article_id, body, title, outlet, published_at``).
        entity: an entity_id ("person:scott-bessent") or a canonical name,
            any case ("Scott Bessent").

    Returns:
        A new DataFrame ``published_at, outlet, title, sentence``, one row per
        sentence (several mentions in one sentence give one row), by date,
        then outlet, then position. Show it with ``newskit.show.styled`` (it
        escapes the text).

        An entity of the built-in gazetteer that this corpus never names gives
        an empty table (a notebook parameter may name someone another corpus
        does not mention).

    Raises:
        ValueError: a needed column is missing (listing those there are), or
            the entity is neither in ``mentions`` nor in the gazetteer (the
            message suggests close names: a typo).

    Examples:
        >>> arts = pd.DataFrame({"article_id": ["a"], "title": ["T"], "outlet": ["O"],
        ...     "published_at": pd.to_datetime(["2025-06-01"], utc=True),
        ...     "body": ["Scott Bessent met Ishiba. Bessent left. Rain fell."]})
        >>> from newskit.mentions import find_mentions
        >>> entity_sentences(find_mentions(arts), arts, "scott bessent")["sentence"].tolist()
        ['Scott Bessent met Ishiba.', 'Bessent left.']
    """
    _require(mentions, _NEEDS + ["start"], "entity_sentences", "mentions")
    _require(articles, ["article_id", "body", "title", "outlet", "published_at"], "entity_sentences", "articles")
    ids = mentions["entity_id"].astype(str)
    eid = entity if (ids == entity).any() else None
    if eid is None:
        by_name = mentions.loc[mentions["name"].astype(str).str.lower() == str(entity).lower(), "entity_id"]
        if by_name.empty:
            if _known(entity):  # a real entity this corpus does not name: no sentences
                return pd.DataFrame({"published_at": pd.Series([], dtype=articles["published_at"].dtype),
                                     "outlet": [], "title": [], "sentence": []}).astype({"outlet": object, "title": object, "sentence": object})
            choices = sorted(set(mentions["name"].astype(str)) | set(ids))
            close = difflib.get_close_matches(str(entity), choices + _gazetteer_names(), n=5, cutoff=0.6)
            raise ValueError(f"entity_sentences: entity {entity!r} not in mentions nor in the gazetteer; close: {close}; "
                             f"{len(choices)} names and ids in mentions")
        eid = by_name.iloc[0]
    hits = mentions.loc[ids == eid, ["article_id", "start"]]
    meta = articles.drop_duplicates("article_id").set_index("article_id")
    rows = []
    for aid, part in hits.groupby("article_id", sort=False):
        body = meta.at[aid, "body"]
        spans = split_sentences(body)
        starts = [s for s, _ in spans]
        seen = set()
        for start in sorted(part["start"].astype(int)):
            k = max(int(np.searchsorted(starts, start, side="right")) - 1, 0)
            if k in seen:
                continue
            seen.add(k)
            rows.append((meta.at[aid, "published_at"], meta.at[aid, "outlet"], meta.at[aid, "title"], body[spans[k][0]:spans[k][1]], start))
    out = pd.DataFrame(rows, columns=["published_at", "outlet", "title", "sentence", "_pos"])
    out = out.sort_values(["published_at", "outlet", "title", "_pos"], na_position="last", kind="stable")
    return out.drop(columns="_pos").reset_index(drop=True)
