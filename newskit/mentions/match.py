"""``find_mentions``: the people, countries, organisations, companies and places each article names."""
from __future__ import annotations

import bisect
from pathlib import Path

import pandas as pd

from newskit.mentions.columns import MENTION_COLUMNS
from newskit.mentions.gazetteer import Gazetteer, load_gazetteer
from newskit.mentions.resolve import resolve_story
from newskit.sentences import split_sentences

__all__ = ["find_mentions"]

_REQUIRED = ("article_id", "body")


def find_mentions(
    articles: pd.DataFrame,
    gazetteer: str | Path | pd.DataFrame | list | Gazetteer | None = None,
    *,
    builtin: bool = True,
) -> pd.DataFrame:
    """One row per mention of a person, country, organisation, company or place in each body.

    The gazetteer's aliases are found in one pass per body (a trie-compiled
    pattern, see ``newskit.mentions.trie``); names it lacks are found by the
    rules of ``newskit.mentions.rules``; ``newskit.mentions.resolve`` settles
    senses, story aliases ("Ishiba" after "Prime Minister Shigeru Ishiba",
    "CDPJ"), roles and metonyms. Only ``body`` is read (never ``title``), and
    names in the ``authors`` column are never mentions.

    Args:
        articles: the article table of ``newskit.load_articles``, or any frame
            with ``article_id`` and ``body`` (``authors``, a list of names per
            row, is used when present).
        gazetteer: more entries for this call: a TSV/CSV/JSON path, a
            DataFrame or a list of dicts (format: ``newskit.mentions.gazetteer``),
            or a ``Gazetteer`` from ``load_gazetteer``.
        builtin: False to use only the given gazetteer's entries (countries
            included only if it lists them).

    Returns:
        A new DataFrame with ``MENTION_COLUMNS``: ``article_id, entity_id, name,
        type, surface, start, end, sentence_id, role, metonym, kind, how``;
        ``body[start:end] == surface``; rows in article order, then text order.
        The input is not modified.

    Raises:
        ValueError: ``article_id`` or ``body`` is not a column (the message
            lists the columns there are), or a gazetteer error.
        TypeError: a body is neither text nor missing.

    Examples:
        >>> arts = pd.DataFrame({"article_id": ["a1"], "authors": [["Jane Roe"]],
        ...     "body": ["Tokyo and Washington should deepen cooperation, Prime Minister "
        ...              "Shigeru Ishiba said. Jane Roe reported. Ishiba met Nippon Steel Corp. officials."]})
        >>> m = find_mentions(arts)
        >>> m[["surface", "entity_id", "role", "metonym"]]
                      surface              entity_id            role  metonym
        0               Tokyo             country:JP            <NA>     True
        1          Washington             country:US            <NA>     True
        2      Shigeru Ishiba  person:shigeru-ishiba  Prime Minister    False
        3              Ishiba  person:shigeru-ishiba            <NA>    False
        4  Nippon Steel Corp.   company:nippon-steel            <NA>    False
        >>> m["kind"].tolist()
        ['capital', 'capital', nan, nan, nan]
    """
    if not isinstance(articles, pd.DataFrame):
        raise TypeError(f"find_mentions: expected a DataFrame; got {type(articles).__name__}")
    for col in _REQUIRED:
        if col not in articles.columns:
            raise ValueError(f"find_mentions: column {col!r} not in DataFrame; available: {list(articles.columns)}")
    gaz = gazetteer if isinstance(gazetteer, Gazetteer) else load_gazetteer(gazetteer, builtin=builtin)
    ids = articles["article_id"].tolist()
    bodies = articles["body"].tolist()
    authors = articles["authors"].tolist() if "authors" in articles.columns else [()] * len(articles)
    cols: dict[str, list] = {c.name: [] for c in MENTION_COLUMNS}
    for row, (aid, body, who) in enumerate(zip(ids, bodies, authors)):
        if not _is_text(body, row):
            continue
        spans = split_sentences(body)
        starts = [s for s, _ in spans]
        for m in resolve_story(body, gaz, _names(who), spans):
            cols["article_id"].append(aid)
            cols["entity_id"].append(m.entity_id)
            cols["name"].append(m.name)
            cols["type"].append(m.type)
            cols["surface"].append(body[m.start:m.end])
            cols["start"].append(m.start)
            cols["end"].append(m.end)
            cols["sentence_id"].append(max(bisect.bisect_right(starts, m.start) - 1, 0))
            cols["role"].append(m.role)
            cols["metonym"].append(m.metonym)
            cols["kind"].append(m.kind)
            cols["how"].append(m.how)
    return pd.DataFrame({c.name: pd.Series(cols[c.name], dtype=c.dtype) for c in MENTION_COLUMNS})


def _names(value: object) -> list[str]:
    if value is None or isinstance(value, float):
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _is_text(value: object, row: int) -> bool:
    if isinstance(value, str):
        return True
    try:
        if pd.isna(value):
            return False
    except (TypeError, ValueError):
        pass
    raise TypeError(f"find_mentions: column 'body' holds a {type(value).__name__} at row {row}; expected text")
