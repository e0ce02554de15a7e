"""Sentiment tables: VADER scores per sentence, per article and per entity, and their aggregates.

Every score is NLTK's ``SentimentIntensityAnalyzer().polarity_scores`` of one
sentence (see ``newskit.sentiment.vader``); sentences come from
``newskit.sentences.split_sentences``.
"""
from __future__ import annotations

import array
import bisect
import logging
import re
from collections.abc import Sequence
from itertools import chain

import numpy as np
import pandas as pd

from newskit import schema
from newskit.sentences import SENTENCE_COLUMNS, _is_text, _require_columns, _sentence_frame, _sentence_rows
from newskit.sentiment.parallel import resolve_jobs, run_forked, split_bounds
from newskit.sentiment.vader import _default_scorer, score_texts

__all__ = [
    "ARTICLE_SCORE_COLUMNS",
    "ENTITY_SCORE_COLUMNS",
    "GROUPINGS",
    "LEVELS",
    "SENTENCE_SCORE_COLUMNS",
    "score_sentiment",
    "sentiment_by",
]

log = logging.getLogger("newskit.sentiment")

LEVELS = ("sentence", "article", "entity")
# Article columns copied onto every score row when the input has them, so
# that scores can be grouped without a join.
CARRIED = ("outlet", "source", "published_at")
# Keys sentiment_by derives from published_at (UTC) rather than reads.
GROUPINGS = ("day", "week", "month")
SCORES = ("neg", "neu", "pos", "compound")

# VADER's neutral band: compound >= 0.05 is positive, <= -0.05 negative,
# anything between neutral (Hutto & Gilbert 2014; the thresholds published with
# the reference implementation, github.com/cjhutto/vaderSentiment README).
POSITIVE_MIN = 0.05
NEGATIVE_MAX = -0.05

# Why an article's compound is the mean of its sentences' compounds and not
# VADER run on the whole text: VADER sums valences and squashes the sum with
# x / sqrt(x^2 + 15), so a long text saturates. Measured on the TimeBank 1.2 +
# AQUAINT wire stories (../shared/timebank): whole-text |compound| > 0.9 for
# 69% of the 42 stories of 600+ words (70% of the 102 of 300+ words), against
# 0% for the sentence mean (python -m benchmarks.sentiment_quality --saturation).
# The whole-text score is kept as compound_whole.

_MENTION_COLUMNS = ["article_id", "name", "start", "end"]

_SCORE_COLUMNS = (
    schema.Column("neg", "float64", "VADER's share of negative words (NLTK's polarity_scores, rounded to 3 places)"),
    schema.Column("neu", "float64", "VADER's share of neutral words"),
    schema.Column("pos", "float64", "VADER's share of positive words"),
    schema.Column("compound", "float64", "VADER's compound score in [-1, 1] (rounded to 4 places)"),
)
_COUNT_COLUMNS = (
    schema.Column("n_sentences", "int64", "sentences behind the figure"),
    schema.Column("n_positive", "int64", "of them with compound >= 0.05"),
    schema.Column("n_negative", "int64", "of them with compound <= -0.05"),
    schema.Column("n_neutral", "int64", "the others"),
)
# The tables score_sentiment returns (the carried columns follow when present:
# after the scores for sentences and entities, after article_id for articles).
SENTENCE_SCORE_COLUMNS: tuple[schema.Column, ...] = SENTENCE_COLUMNS + _SCORE_COLUMNS
ENTITY_SCORE_COLUMNS: tuple[schema.Column, ...] = (
    schema.Column("name", schema.STRING, "the entity, as given in names= or mentions"),
    *SENTENCE_COLUMNS,
    schema.Column("n_mentions", "int64", "times the entity is mentioned in the sentence"),
    *_SCORE_COLUMNS,
)
ARTICLE_SCORE_COLUMNS: tuple[schema.Column, ...] = (
    schema.Column("article_id", schema.STRING, "the article; one row per input row, in order"),
    schema.Column("compound", "float64", "mean of the sentence compounds; NaN without sentences"),
    schema.Column("compound_whole", "float64", "VADER's compound of the whole text (saturates on long texts); NaN when missing"),
    *_COUNT_COLUMNS,
)

# Splitting and scoring cost ~0.15 us a character on one core: 3M characters
# (~1,000 articles, ~20,000 sentences) is where a second process paid for
# itself (see PARALLEL_MIN_TEXTS in newskit.sentiment.vader).
PARALLEL_MIN_CHARS = 3_000_000


def score_sentiment(
    articles: pd.DataFrame,
    level: str = "sentence",
    *,
    text: str = "body",
    names: Sequence[str] | None = None,
    mentions: pd.DataFrame | None = None,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    """VADER sentiment (NLTK's scores, bit for bit) of each sentence, article or entity.

    Args:
        articles: a table with ``article_id`` and the ``text`` column, such as
            ``load_articles``' article table; ``outlet``, ``source`` and
            ``published_at`` are carried onto the result when present.
        level: ``"sentence"``, ``"article"`` or ``"entity"``.
        text: the column to score (``"body"``, or ``"title"``); a missing
            value gives no sentences.
        names: with ``level="entity"``: entity names, each matched in
            sentences case-sensitively at word boundaries ("Trump" does not
            match "Trumpet").
        mentions: with ``level="entity"``, instead of ``names``: a table with
            ``article_id, name, start, end`` (offsets in the text column); a
            mention belongs to the sentence containing its ``start``.
        n_jobs: processes for splitting and scoring: ``None`` uses every core
            once the texts reach ``PARALLEL_MIN_CHARS`` characters, ``1`` this
            process only, ``-1`` every core; the result does not depend on it.

    Returns:
        A new DataFrame; the input is not modified.

        * ``"sentence"``: one row per sentence: ``article_id, sentence_id,
          start, end, text, neg, neu, pos, compound`` then the carried columns.
        * ``"article"``: one row per input row, in order: ``article_id``, the
          carried columns, ``compound`` (mean of the sentence compounds, NaN
          without sentences; the default measure, as VADER run on a whole long
          article saturates near +-1), ``compound_whole`` (VADER on the whole
          text), ``n_sentences``, ``n_positive``, ``n_negative``,
          ``n_neutral`` (sentences with compound >= 0.05, <= -0.05, between:
          VADER's neutral band, Hutto & Gilbert 2014).
        * ``"entity"``: one row per (entity, sentence that mentions it):
          ``name, article_id, sentence_id, start, end, text, n_mentions, neg,
          neu, pos, compound`` then the carried columns; ordered by article,
          sentence, then name. With ``mentions``, those that fit no sentence
          (unknown article, offset outside every sentence) are left out,
          listed with a reason in ``attrs["rejected_mentions"]`` and counted
          in a logged warning.
          Aggregate with ``sentiment_by(rows, by="name")``.

    Raises:
        ValueError: an unknown ``level``, a missing column (the message lists
            the available ones), ``names``/``mentions`` missing or given with
            another level, a bad ``n_jobs``.
        TypeError: ``articles`` is not a DataFrame, or the text column holds
            something other than text or missing values.

    Examples:
        >>> articles = pd.DataFrame({"article_id": ["a1", "a2"], "outlet": ["X", "Y"],
        ...     "body": ["Talks went well. The tariffs hurt farmers.", "The deal is NOT good!"]})
        >>> score_sentiment(articles)[["article_id", "sentence_id", "text", "compound"]]
          article_id  sentence_id                       text  compound
        0         a1            0           Talks went well.    0.2732
        1         a1            1  The tariffs hurt farmers.   -0.5267
        2         a2            0      The deal is NOT good!   -0.4015
        >>> score_sentiment(articles, "article")[["article_id", "compound", "n_sentences"]]
          article_id  compound  n_sentences
        0         a1  -0.12675            2
        1         a2  -0.40150            1
        >>> score_sentiment(articles, "entity", names=["deal"])[["name", "article_id", "compound"]]
           name article_id  compound
        0  deal         a2   -0.4015
    """
    if not isinstance(articles, pd.DataFrame):
        raise TypeError(f"score_sentiment: expected a DataFrame; got {type(articles).__name__}")
    if level not in LEVELS:
        raise ValueError(f"score_sentiment: level {level!r} is not one of {list(LEVELS)}")
    _require_columns(articles, ["article_id", text], "score_sentiment")
    if level == "entity":
        if (names is None) == (mentions is None):
            raise ValueError(
                "score_sentiment: level 'entity' needs exactly one of names=[...] "
                "or mentions=<DataFrame with columns article_id, name, start, end>"
            )
        if names is not None:
            names = _check_names(names)
        else:
            _require_columns(mentions, _MENTION_COLUMNS, "score_sentiment(mentions=...)")
    elif names is not None or mentions is not None:
        raise ValueError(
            f"score_sentiment: names= and mentions= are for level 'entity', not {level!r}"
        )

    bodies = articles[text].tolist()
    rows, numbers, starts, ends, texts, scores = _split_and_score(bodies, text, n_jobs)
    carried = [c for c in CARRIED if c in articles.columns]

    if level == "sentence":
        frame = _scored_frame(articles, rows, numbers, starts, ends, texts, scores)
        return _with_carried(frame, articles, rows, carried)
    if level == "article":
        return _article_frame(articles, bodies, rows, scores, carried, n_jobs)
    if names is not None:
        picks = _match_names(names, texts)
        rejected = None
    else:
        picks, rejected = _place_mentions(mentions, articles, rows, starts, ends)
    frame = _entity_frame(articles, picks, rows, numbers, starts, ends, texts, scores)
    frame = _with_carried(frame, articles, [rows[k] for _, k, _ in picks], carried)
    if rejected is not None:
        frame.attrs["rejected_mentions"] = rejected
    return frame


def _split_and_score(bodies: list, column: str, n_jobs: int | None):
    """Split every body and score every sentence: rows, numbers, starts, ends,
    texts, scores (lists), the work shared between processes for big inputs."""
    weights = [
        len(body) if _is_text(body, row, column, "score_sentiment") else 0
        for row, body in enumerate(bodies)
    ]
    jobs = resolve_jobs(n_jobs, sum(weights), PARALLEL_MIN_CHARS)
    if jobs <= 1:
        rows, numbers, starts, ends, texts = _sentence_rows(bodies, column, "score_sentiment")
        return rows, numbers, starts, ends, texts, score_texts(texts, n_jobs=1)

    scorer = _default_scorer()

    def work(lo: int, hi: int) -> tuple[array.array, ...]:
        rows, numbers, starts, ends, texts = _sentence_rows(bodies[lo:hi], column, "score_sentiment")
        score = scorer.score
        return (
            array.array("q", (r + lo for r in rows)),
            array.array("q", numbers),
            array.array("q", starts),
            array.array("q", ends),
            array.array("d", chain.from_iterable(score(t) for t in texts)),
        )

    parts = run_forked(work, split_bounds(weights, jobs))
    rows, numbers, starts, ends = ([x for part in parts for x in part[k]] for k in range(4))
    texts = [bodies[r][s:e] for r, s, e in zip(rows, starts, ends)]
    floats = chain.from_iterable(part[4] for part in parts)
    scores = list(zip(floats, floats, floats, floats))
    scorer.remember(dict(zip(texts, scores)))
    return rows, numbers, starts, ends, texts, scores


def _check_names(names: Sequence[str]) -> list[str]:
    if isinstance(names, str):
        raise ValueError(f"score_sentiment: names must be a list of names, not the string {names!r}")
    out = list(dict.fromkeys(names))
    bad = [n for n in out if not isinstance(n, str) or not n.strip()]
    if bad or not out:
        raise ValueError(f"score_sentiment: names must be non-empty strings; got {list(names)!r}")
    return out


def _scored_frame(articles, rows, numbers, starts, ends, texts, scores) -> pd.DataFrame:
    """The sentence table with the four VADER scores (``SENTENCE_SCORE_COLUMNS``)."""
    frame = _sentence_frame(articles, rows, numbers, starts, ends, texts)
    floats = np.fromiter(chain.from_iterable(scores), dtype="float64", count=4 * len(scores))
    floats = floats.reshape(len(scores), 4)
    for k, name in enumerate(SCORES):
        frame[name] = floats[:, k]
    return frame


def _with_carried(frame: pd.DataFrame, articles: pd.DataFrame, rows: list[int], carried: list[str]) -> pd.DataFrame:
    for col in carried:
        frame[col] = articles[col].iloc[rows].reset_index(drop=True)
    return frame


def _article_frame(articles, bodies, rows, scores, carried, n_jobs) -> pd.DataFrame:
    n = len(articles)
    per = pd.DataFrame({"row": pd.Series(rows, dtype="int64"),
                        "compound": pd.Series([s[3] for s in scores], dtype="float64")})
    grouped = per.groupby("row")["compound"]
    index = pd.RangeIndex(n)
    present = [i for i, b in enumerate(bodies) if isinstance(b, str)]
    whole = [float("nan")] * n
    for i, s in zip(present, score_texts([bodies[i] for i in present], n_jobs=n_jobs)):
        whole[i] = s[3]
    frame = pd.DataFrame({"article_id": articles["article_id"].reset_index(drop=True)})
    for col in carried:
        frame[col] = articles[col].reset_index(drop=True)
    frame["compound"] = grouped.mean().reindex(index).to_numpy()
    frame["compound_whole"] = pd.Series(whole, dtype="float64")
    frame["n_sentences"] = grouped.size().reindex(index, fill_value=0).astype("int64").to_numpy()
    for name, hit in _polarity_flags(per["compound"]).items():
        frame[name] = hit.groupby(per["row"]).sum().reindex(index, fill_value=0).astype("int64").to_numpy()
    return frame


def _polarity_flags(compound: pd.Series) -> dict[str, pd.Series]:
    positive = compound >= POSITIVE_MIN
    negative = compound <= NEGATIVE_MAX
    return {"n_positive": positive, "n_negative": negative, "n_neutral": ~(positive | negative)}


def _match_names(names: list[str], texts: list[str]) -> list[tuple[str, int, int]]:
    """(name, sentence index, number of matches) for each name found in a sentence."""
    patterns = [re.compile(r"(?<!\w)" + re.escape(n) + r"(?!\w)") for n in names]
    picks = []
    for k, sentence in enumerate(texts):
        for name, pattern in zip(names, patterns):
            if name in sentence:  # cheap test before the regex
                count = len(pattern.findall(sentence))
                if count:
                    picks.append((name, k, count))
    return picks


def _place_mentions(mentions, articles, rows, starts, ends):
    """Put each mention in the sentence holding its start: picks and rejected rows."""
    first_sentence: dict[int, int] = {}
    for k, row in enumerate(rows):
        first_sentence.setdefault(row, k)
    article_rows: dict = {}
    for row, article_id in enumerate(articles["article_id"].tolist()):
        article_rows.setdefault(article_id, row)
    counts: dict[tuple[int, str], int] = {}
    rejected: list[tuple[int, str]] = []
    for m, (article_id, name, start) in enumerate(
        zip(mentions["article_id"].tolist(), mentions["name"].tolist(), mentions["start"].tolist())
    ):
        row = article_rows.get(article_id)
        if row is None:
            rejected.append((m, "article_id not in articles"))
            continue
        lo = first_sentence.get(row)
        if lo is None:
            rejected.append((m, "article has no sentences"))
            continue
        hi = bisect.bisect_left(rows, row + 1, lo)
        k = bisect.bisect_right(starts, start, lo, hi) - 1
        if k < lo or pd.isna(start) or start >= ends[k]:
            rejected.append((m, "start is not inside a sentence of the article"))
            continue
        counts[(k, name)] = counts.get((k, name), 0) + 1
    order = {name: i for i, name in enumerate(dict.fromkeys(mentions["name"].tolist()))}
    picks = sorted(((name, k, c) for (k, name), c in counts.items()), key=lambda p: (p[1], order[p[0]]))
    rejects = mentions.iloc[[m for m, _ in rejected]].copy()
    rejects["reason"] = [reason for _, reason in rejected]
    if rejected:
        log.warning("score_sentiment: %d of %d mentions fit no sentence (see attrs['rejected_mentions'])",
                    len(rejected), len(mentions))
    return picks, rejects.reset_index(drop=True)


def _entity_frame(articles, picks, rows, numbers, starts, ends, texts, scores) -> pd.DataFrame:
    ks = [k for _, k, _ in picks]
    frame = _scored_frame(
        articles,
        [rows[k] for k in ks],
        [numbers[k] for k in ks],
        [starts[k] for k in ks],
        [ends[k] for k in ks],
        [texts[k] for k in ks],
        [scores[k] for k in ks],
    )
    frame.insert(0, "name", pd.Series([name for name, _, _ in picks], dtype=schema.STRING))
    frame.insert(frame.columns.get_loc("text") + 1, "n_mentions",
                 pd.Series([c for _, _, c in picks], dtype="int64"))
    return frame


def sentiment_by(scores: pd.DataFrame, by: str | Sequence[str] = "outlet") -> pd.DataFrame:
    """Mean compound per outlet, source, day, entity... with the counts behind each figure.

    Args:
        scores: a table from ``score_sentiment`` at any level.
        by: a column of ``scores`` (``"outlet"``, ``"source"``, ``"name"``...), one
            of ``"day"``, ``"week"`` (from Monday), ``"month"`` (taken from
            ``published_at`` in UTC; naive times are read as UTC), or a list of these.

    Returns:
        One row per group (missing keys form their own group), sorted by the
        keys: the keys, ``compound`` (mean over sentences for sentence and
        entity tables; over articles, each weighing the same, for article
        tables), ``n_articles`` (articles behind the figure), ``n_sentences``,
        ``n_positive``, ``n_negative``, ``n_neutral`` (sentences, VADER's
        +-0.05 band), and for article tables ``compound_whole`` (mean).

    Raises:
        ValueError: ``scores`` is not a score table, or ``by`` names no column
            or grouping; the message lists the choices.

    Examples:
        >>> articles = pd.DataFrame({"article_id": ["a1", "a2", "a3"],
        ...     "outlet": ["X", "X", "Y"],
        ...     "published_at": pd.to_datetime(["2025-06-01 23:00", "2025-06-02 01:00",
        ...                                     "2025-06-02 09:00"], utc=True),
        ...     "body": ["Talks went well. The tariffs hurt farmers.", "Good news.",
        ...              "The deal is NOT good!"]})
        >>> sentiment_by(score_sentiment(articles), by="outlet")
          outlet  compound  n_articles  n_sentences  n_positive  n_negative  n_neutral
        0      X    0.0623           2            3           2           1          0
        1      Y   -0.4015           1            1           0           1          0
        >>> sentiment_by(score_sentiment(articles, "article"), by="day")[["day", "compound", "n_articles"]]
                                day  compound  n_articles
        0 2025-06-01 00:00:00+00:00  -0.12675           1
        1 2025-06-02 00:00:00+00:00   0.01945           2
    """
    _require_columns(scores, ["article_id", "compound"], "sentiment_by")
    is_article_table = "n_sentences" in scores.columns
    if not is_article_table and "sentence_id" not in scores.columns:
        raise ValueError(
            "sentiment_by: expected a table from score_sentiment (with 'sentence_id' "
            f"or 'n_sentences'); got columns {list(scores.columns)}"
        )
    keys = [by] if isinstance(by, str) else list(by)
    counts = ("n_sentences", "n_positive", "n_negative", "n_neutral")
    choices = [c for c in scores.columns if c not in (*SCORES, "compound_whole", *counts)]
    if "published_at" in scores.columns:
        choices += [g for g in GROUPINGS if g not in choices]
    unknown = [k for k in keys if k not in choices]
    if unknown or not keys:
        raise ValueError(f"sentiment_by: cannot group by {unknown or by!r}; choose from {choices}")

    # helper columns under private names, so that no key can collide with them
    frame = pd.DataFrame({k: _key(scores, k) for k in keys})
    frame["_compound"] = scores["compound"].to_numpy()
    frame["_article"] = scores["article_id"].to_numpy()
    agg = dict(compound=("_compound", "mean"), n_articles=("_article", "nunique"))
    if is_article_table:
        for col in (*counts, "compound_whole"):
            frame["_" + col] = scores[col].to_numpy()
        # the articles behind the mean: those with sentences
        frame["_article"] = frame["_article"].where(frame["_n_sentences"] > 0)
        agg.update({col: ("_" + col, "sum") for col in counts})
        agg["compound_whole"] = ("_compound_whole", "mean")
    else:
        for col, flag in _polarity_flags(frame["_compound"]).items():
            frame["_" + col] = flag.astype("int64")
        agg["n_sentences"] = ("_compound", "size")
        agg.update({col: ("_" + col, "sum") for col in counts[1:]})
    out = frame.groupby(keys, dropna=False, sort=True).agg(**agg).reset_index()
    for col in ("n_articles", *counts):
        out[col] = out[col].astype("int64")
    return out


def _key(scores: pd.DataFrame, key: str) -> pd.Series:
    if key not in GROUPINGS or key in scores.columns:
        return scores[key].reset_index(drop=True)
    when = pd.to_datetime(scores["published_at"].reset_index(drop=True))
    when = when.dt.tz_localize("UTC") if when.dt.tz is None else when.dt.tz_convert("UTC")
    day = when.dt.floor("D")
    if key == "day":
        return day.rename("day")
    if key == "week":
        return (day - pd.to_timedelta(day.dt.day_of_week, unit="D")).rename("week")
    return (day - pd.to_timedelta(day.dt.day - 1, unit="D")).rename("month")
