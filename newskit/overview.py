"""Corpus overview: how many articles, from whom, on which days.

Counts by day use only articles dated to the day or finer; coarser and
undated ones are counted apart, never spread over days.
"""
from __future__ import annotations

import pandas as pd

_FINE = ("minute", "hour", "day")


def _check(df: pd.DataFrame, columns: list[str], where: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{where}: columns {missing} not in DataFrame; available: {list(df.columns)}")


def articles_by_outlet(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per outlet, most first.

    Returns:
        Columns ``outlet``, ``articles``, ``sources`` (the distinct credited
        sources, comma-separated), ``first``, ``last`` (publication days).

    Examples:
        >>> from newskit import load_articles
        >>> from newskit.paths import SAMPLE_PAGES
        >>> articles_by_outlet(load_articles(SAMPLE_PAGES / "000_ba2334b44991beed.txt"))[["outlet", "articles"]]
                outlet  articles
        0  Japan Today         3
        1       Daily8         1
    """
    _check(articles, ["outlet", "source", "published_at"], "articles_by_outlet")
    day = articles["published_at"].dt.normalize()
    g = articles.assign(_day=day).groupby("outlet", observed=True, dropna=False)
    out = pd.DataFrame(
        {
            "articles": g.size(),
            "sources": g["source"].agg(lambda s: ", ".join(sorted(s.dropna().unique()))),
            "first": g["_day"].min(),
            "last": g["_day"].max(),
        }
    ).reset_index()
    out["sources"] = out["sources"].astype("string")
    return out.sort_values(["articles", "outlet"], ascending=[False, True], ignore_index=True)


def articles_by_day(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per publication day (UTC) and outlet.

    Only articles dated to the day or finer are counted; see
    ``date_coverage`` for the rest.

    Returns:
        Columns ``day`` (tz-aware midnight UTC), ``outlet``, ``articles``,
        sorted by day then outlet.
    """
    _check(articles, ["outlet", "published_at", "date_precision"], "articles_by_day")
    dated = articles[articles["date_precision"].isin(_FINE) & articles["published_at"].notna()]
    out = (
        dated.assign(day=dated["published_at"].dt.normalize())
        .groupby(["day", "outlet"], observed=True)
        .size()
        .rename("articles")
        .reset_index()
    )
    return out.sort_values(["day", "outlet"], ignore_index=True)


def date_coverage(articles: pd.DataFrame) -> pd.DataFrame:
    """How articles are dated: counts by ``date_origin`` and ``date_precision``.

    Returns:
        Columns ``date_origin``, ``date_precision``, ``articles``; undated
        articles appear with both missing.
    """
    _check(articles, ["date_origin", "date_precision"], "date_coverage")
    out = (
        articles.groupby(["date_origin", "date_precision"], observed=True, dropna=False)
        .size()
        .rename("articles")
        .reset_index()
    )
    return out[out["articles"] > 0].reset_index(drop=True)


def corpus_summary(articles: pd.DataFrame) -> str:
    """A one-screen text summary: totals, articles per outlet and per day.

    Examples:
        >>> from newskit import load_articles
        >>> from newskit.paths import SAMPLE_PAGES
        >>> print(corpus_summary(load_articles(SAMPLE_PAGES / "000_ba2334b44991beed.txt")).splitlines()[0])
        4 articles from 1 files (0 rejected), 2 outlets, 4 sources; dated 2025-06-01 to 2025-06-02
    """
    _check(articles, ["outlet", "source", "path", "published_at"], "corpus_summary")
    rejected = articles.attrs.get("rejected")
    n_rejected = 0 if rejected is None else len(rejected)
    n_files = articles["path"].nunique()
    dates = articles["published_at"].dropna()
    span = (
        f"dated {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "no dates"
    )
    lines = [
        f"{len(articles)} articles from {n_files} files ({n_rejected} rejected), "
        f"{articles['outlet'].nunique()} outlets, {articles['source'].nunique()} sources; {span}",
        "",
        "Articles per outlet:",
    ]
    for row in articles_by_outlet(articles).itertuples(index=False):
        lines.append(f"  {row.outlet:<28} {row.articles:>5}")
    by_day = articles_by_day(articles).groupby("day")["articles"].sum()
    undated = len(articles) - int(by_day.sum())
    lines += ["", f"Articles per day ({undated} dated only to the month or year, or undated):"]
    if len(by_day) > 31:  # one screen: months once there are more days than fit
        by_month = by_day.groupby(by_day.index.strftime("%Y-%m")).sum()
        lines[-1] = lines[-1].replace("per day", "per month (day-dated)")
        lines += [f"  {m}  {n:>5}  {'#' * min(n, 60)}" for m, n in by_month.items()]
    else:
        lines += [f"  {d:%Y-%m-%d %a}  {n:>5}  {'#' * min(n, 60)}" for d, n in by_day.items()]
    if n_rejected:
        lines += ["", "Rejected files:"] + [f"  {p}: {r}" for p, r in rejected.itertuples(index=False)]
    return "\n".join(lines)
