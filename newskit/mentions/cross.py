"""Across stories: which entities recur, which go together, which stories they link.

A *story* is an article (a row of the article table). ``entity_table``
counts each entity's mentions, stories, outlets and dates; ``cross_story``
keeps the entities of two or more stories and relates them:

* ``matrix``: mentions per story (rows) and entity (columns);
* ``edges``: entity pairs mentioned in the same stories, with the number of
  shared stories and their pointwise mutual information over stories,
  ``pmi = log2(N * n_ab / (n_a * n_b))`` (Church & Hanks 1990), and its
  normalised form ``npmi = pmi / -log2(n_ab / N)`` in [-1, 1] (Bouma 2009;
  1 when the two always appear together); N is the number of stories;
* ``links``: story pairs sharing entities, with the Jaccard weight
  ``|A ∩ B| / |A ∪ B|`` of their entity sets (all their entities);
* ``bridges``: entities that are the only thing two stories share: for each,
  the story pairs it alone connects.

The pair tables grow with the square of the stories an entity is in: they
are meant for a notebook's corpus (thousands of stories), not for millions.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from newskit.mentions.columns import BRIDGE_COLUMNS, EDGE_COLUMNS, ENTITY_COLUMNS, LINK_COLUMNS
from newskit.schema import coerce

__all__ = ["CrossStory", "cross_story", "entity_table"]

_MENTION_NEEDS = ["article_id", "entity_id", "name", "type"]


def _require(df: pd.DataFrame, columns: list[str], caller: str, what: str = "DataFrame") -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{caller}: expected a DataFrame; got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{caller}: column {missing[0]!r} not in {what}; available: {list(df.columns)}")


def entity_table(mentions: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per entity: mentions, stories, outlets, first and last publication.

    Args:
        mentions: the table of ``find_mentions`` (``article_id, entity_id,
            name, type`` are read).
        articles: the article table (``article_id, outlet, published_at``),
            for ``n_outlets``, ``first_seen`` and ``last_seen``; without it
            those are missing.

    Returns:
        A new DataFrame with ``ENTITY_COLUMNS``, most stories first (then most
        mentions, then entity_id).

    Raises:
        ValueError: a needed column is missing; the message lists the columns there are.

    Examples:
        >>> m = pd.DataFrame({"article_id": ["a", "a", "b"], "entity_id": ["country:JP"] * 2 + ["person:x"],
        ...                   "name": ["Japan", "Japan", "X"], "type": ["country", "country", "person"]})
        >>> entity_table(m)[["entity_id", "n_mentions", "n_articles"]]
            entity_id  n_mentions  n_articles
        0  country:JP           2           1
        1    person:x           1           1
    """
    _require(mentions, _MENTION_NEEDS, "entity_table", "mentions")
    grouped = mentions.groupby("entity_id", sort=True, observed=True)
    table = pd.DataFrame({
        "name": grouped["name"].first(),
        "type": grouped["type"].first().astype(str),
        "n_mentions": grouped.size(),
        "n_articles": grouped["article_id"].nunique(),
    })
    if articles is not None:
        _require(articles, ["article_id", "outlet", "published_at"], "entity_table", "articles")
        meta = articles[["article_id", "outlet", "published_at"]].drop_duplicates("article_id")
        joined = mentions[["entity_id", "article_id"]].merge(meta, on="article_id", how="left")
        g = joined.groupby("entity_id", sort=True)
        table["n_outlets"] = g["outlet"].nunique()
        table["first_seen"] = g["published_at"].min()
        table["last_seen"] = g["published_at"].max()
    else:
        table["n_outlets"] = pd.NA
        table["first_seen"] = pd.NaT
        table["last_seen"] = pd.NaT
    table = table.reset_index().sort_values(["n_articles", "n_mentions", "entity_id"], ascending=[False, False, True])
    return coerce(table.reset_index(drop=True), ENTITY_COLUMNS)


@dataclass
class CrossStory:
    """The cross-story tables of ``cross_story`` (see the module docstring)."""

    entities: pd.DataFrame  # ENTITY_COLUMNS: the entities of min_stories or more stories
    matrix: pd.DataFrame    # stories x entities, mention counts; index article_id, columns entity_id
    edges: pd.DataFrame     # EDGE_COLUMNS
    links: pd.DataFrame     # LINK_COLUMNS
    bridges: pd.DataFrame   # BRIDGE_COLUMNS

    def as_dict(self) -> dict[str, pd.DataFrame]:
        """The five tables by name."""
        return {"entities": self.entities, "matrix": self.matrix, "edges": self.edges,
                "links": self.links, "bridges": self.bridges}

    def __repr__(self) -> str:
        return (f"<CrossStory: {len(self.entities)} entities in 2+ stories, {len(self.matrix)} stories, "
                f"{len(self.edges)} co-mention edges, {len(self.links)} story links, {len(self.bridges)} bridges>")


def cross_story(mentions: pd.DataFrame, articles: pd.DataFrame | None = None, *, min_stories: int = 2) -> CrossStory:
    """Entities of several stories, their co-mentions, the story links and the bridges.

    Args:
        mentions: the table of ``find_mentions``.
        articles: the article table; gives every story a row of ``matrix``
            (in table order, stories without mentions too), the story count N,
            and outlets/dates to ``entities``. Without it the stories are those
            with mentions.
        min_stories: an entity counts when this many stories mention it (>= 1).

    Returns:
        A ``CrossStory``: ``entities`` (ENTITY_COLUMNS), ``matrix``,
        ``edges`` (EDGE_COLUMNS, most shared stories first), ``links``
        (LINK_COLUMNS, highest Jaccard first), ``bridges`` (BRIDGE_COLUMNS,
        most bridged pairs first). All new frames.

    Raises:
        ValueError: a needed column is missing (listing those there are), or
            ``min_stories`` < 1.

    Examples:
        >>> m = pd.DataFrame({"article_id": ["a", "a", "b", "b", "c", "c", "d"],
        ...     "entity_id": ["country:JP", "person:x", "country:JP", "person:x", "person:x", "org:y", "org:y"],
        ...     "name": ["Japan", "X", "Japan", "X", "X", "Y", "Y"],
        ...     "type": ["country", "person", "country", "person", "person", "organization", "organization"]})
        >>> cs = cross_story(m)
        >>> cs
        <CrossStory: 3 entities in 2+ stories, 4 stories, 2 co-mention edges, 4 story links, 2 bridges>
        >>> cs.edges[["source", "target", "shared_stories", "npmi"]].round(3)
               source    target  shared_stories   npmi
        0  country:JP  person:x               2  0.415
        1       org:y  person:x               1 -0.292
        >>> cs.bridges[["entity_id", "n_bridged", "articles"]]
          entity_id  n_bridged   articles
        0  person:x          2  [a, b, c]
        1     org:y          1     [c, d]
    """
    if not isinstance(min_stories, int) or min_stories < 1:
        raise ValueError(f"cross_story: min_stories must be an int >= 1; got {min_stories!r}")
    _require(mentions, _MENTION_NEEDS, "cross_story", "mentions")
    table = entity_table(mentions, articles)
    if articles is not None:
        stories = pd.Index(articles["article_id"].drop_duplicates().astype(object))
    else:
        stories = pd.Index(pd.unique(mentions["article_id"].astype(object)))
    n = len(stories)
    recurring = table[table["n_articles"] >= min_stories].reset_index(drop=True)
    ids = recurring["entity_id"].astype(object).tolist()
    counts = pd.crosstab(mentions["article_id"].astype(object), mentions["entity_id"].astype(object))
    matrix = counts.reindex(index=stories, columns=ids, fill_value=0).astype("int64")
    matrix.index.name, matrix.columns.name = "article_id", "entity_id"
    present = (matrix.to_numpy() > 0).astype(np.int32)
    names = dict(zip(recurring["entity_id"], recurring["name"]))
    types = dict(zip(recurring["entity_id"], recurring["type"].astype(str)))
    edges = _edges(present, ids, names, n)
    per_story = counts.reindex(index=stories, fill_value=0).gt(0).sum(axis=1).to_numpy()
    links, bridges = _links(present, ids, list(stories), per_story, names, types, table)
    return CrossStory(recurring, matrix, edges, links, bridges)


def _edges(present: np.ndarray, ids: list[str], names: dict, n: int) -> pd.DataFrame:
    co = present.T @ present
    df = present.sum(axis=0)
    a, b = np.nonzero(np.triu(co, k=1))
    rows = []
    for i, j in zip(a.tolist(), b.tolist()):
        s, t = sorted((ids[i], ids[j]))
        nab, na, nb = int(co[i, j]), int(df[i]), int(df[j])
        pmi = float(np.log2(n * nab / (na * nb)))
        npmi = 1.0 if nab == n else pmi / -float(np.log2(nab / n))
        rows.append((s, t, names[s], names[t], nab, pmi, npmi))
    frame = pd.DataFrame(rows, columns=[c.name for c in EDGE_COLUMNS])
    frame = frame.sort_values(["shared_stories", "npmi", "source", "target"], ascending=[False, False, True, True])
    return coerce(frame.reset_index(drop=True), EDGE_COLUMNS)


def _links(present, ids, stories, per_story, names, types, table) -> tuple[pd.DataFrame, pd.DataFrame]:
    shared = present @ present.T
    a, b = np.nonzero(np.triu(shared, k=1))
    rows = []
    bridged: dict[str, list[tuple[str, str]]] = {}
    for i, j in zip(a.tolist(), b.tolist()):
        common = sorted(ids[k] for k in np.nonzero(present[i] & present[j])[0].tolist())
        x, y = sorted((stories[i], stories[j]), key=str)
        k = len(common)
        union = int(per_story[i] + per_story[j] - k)
        rows.append((x, y, k, common, k / union if union else 0.0))
        if k == 1:
            bridged.setdefault(common[0], []).append((x, y))
    links = pd.DataFrame(rows, columns=[c.name for c in LINK_COLUMNS])
    links = links.sort_values(["jaccard", "n_shared", "article_a", "article_b"], ascending=[False, False, True, True], key=_sort_key)
    n_articles = dict(zip(table["entity_id"], table["n_articles"]))
    brows = [(e, names[e], types[e], len(pairs), int(n_articles[e]), sorted({s for p in pairs for s in p}, key=str))
             for e, pairs in bridged.items()]
    bridges = pd.DataFrame(brows, columns=[c.name for c in BRIDGE_COLUMNS])
    bridges = bridges.sort_values(["n_bridged", "entity_id"], ascending=[False, True])
    return (coerce(links.reset_index(drop=True), LINK_COLUMNS), coerce(bridges.reset_index(drop=True), BRIDGE_COLUMNS))


def _sort_key(s: pd.Series) -> pd.Series:
    return s.astype(str) if s.dtype == object else s
