"""Column names, dtypes and meanings of the tables newskit returns.

Every public function that returns a table names its columns here, so the
README, the docstrings and the code agree. ``coerce`` gives a frame exactly
these columns, in this order, with these dtypes (it is also what restores the
dtypes after a Parquet round trip).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

ROLES = ("main", "related")
# Ordered from finest to coarsest: ``published_at`` is right to within this unit.
DATE_PRECISIONS = ("minute", "hour", "day", "month", "year")
# explicit: printed on the page ("June 1, 2025"); relative: "32 minutes ago"
# resolved against a capture time the caller gave; inferred: resolved against a
# capture time inferred from the page itself (see newskit.load.published).
DATE_ORIGINS = ("explicit", "relative", "inferred")
# What an article was read from (see newskit.load.pages.detect_format).
FORMATS = ("text", "html", "rss", "atom", "jsonl", "csv", "parquet")


@dataclass(frozen=True)
class Column:
    name: str
    dtype: object
    doc: str


def _category(values: tuple[str, ...]) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(list(values), ordered=False)


STRING = pd.StringDtype()
UTC_TIME = pd.DatetimeTZDtype(unit="ns", tz="UTC")
# Repeated labels (outlets, wires, encodings, languages): categorical, the
# categories being the values present, sorted. A million articles name a few
# hundred outlets: 1-4 bytes per row instead of a string each.
LABEL = pd.CategoricalDtype()

ARTICLE_COLUMNS: tuple[Column, ...] = (
    Column("article_id", STRING, "16 hex digits: BLAKE2b of outlet, title and body; stable across runs and machines, unique in the table"),
    Column("title", STRING, "headline as printed"),
    Column("body", STRING, "the article's prose only (no boilerplate, byline, photo caption or copyright line); paragraphs separated by a blank line"),
    Column("outlet", LABEL, "the site that showed the article (\"Japan Today\"); for a page's main article, the aggregator that saved it (\"Daily8\"), else the credited source"),
    Column("source", LABEL, "the original publisher or wire credited (\"Kyodo\", \"Reuters\", \"AP\", \"The Yomiuri Shimbun\"); the outlet itself when nothing else is credited"),
    Column("authors", object, "list of person names from the byline, \"By\" and role words removed, capitalisation normalised; [] when there is no byline"),
    Column("copyright", STRING, "the copyright line as printed (\"© KYODO\"); missing when there is none"),
    Column("captions", object, "list of photo captions (with their credits) removed from the body"),
    Column("published_at", UTC_TIME, "publication time, timezone-aware UTC; NaT when unknown. Day precision or coarser: the calendar date at 00:00 UTC"),
    Column("published_text", STRING, "the publication time as printed (\"32 minutes ago\", \"June 1, 2025\")"),
    Column("date_precision", _category(DATE_PRECISIONS), "unit to which published_at is right: minute, hour, day, month, year; missing when published_at is NaT"),
    Column("date_origin", _category(DATE_ORIGINS), "explicit (printed date), relative (relative time against the captured_at given), inferred (against a capture time inferred from the page); missing when unknown"),
    Column("role", _category(ROLES), "main (the page's own article) or related (an item under Related Articles)"),
    Column("page_id", STRING, "16 hex digits: BLAKE2b of the decoded page text (of the decompressed file for .gz; of the file's bytes for parquet); the same saved page has the same id wherever it lies"),
    Column("position", "int64", "0 for the main article, 1, 2, ... for related items in page order; feeds: entry index (0, 1, ...); jsonl, csv: the record's line number (1-based); parquet: row index (0, 1, ...)"),
    Column("path", STRING, "the file the article came from, as it was found"),
    Column("format", _category(FORMATS), "what the article was read from: text (saved text page), html (saved web page), rss, atom (feeds), jsonl, csv, parquet (corpus tables); a table saved by save_articles keeps each row's own format"),
    Column("url", STRING, "the article's address: an HTML page's canonical link (else og:url, else the address a browser noted when saving), a related item's link, a feed entry's link, a corpus table's url column; missing when the input gives none (text pages)"),
    Column("char_start", "int64", "offset of the article's first character in the decoded file (html: in the page's text, newskit.load.html.page_text; rss/atom: the entry's element; jsonl, csv: the record's line(s)); -1 for parquet corpora"),
    Column("char_end", "int64", "offset just past the article's last character in the decoded file (same conventions as char_start)"),
    Column("encoding", LABEL, "the encoding the file was decoded with (utf-8, utf-8-sig, utf-16, cp1252, shift_jis, ...; parquet: utf-8)"),
    Column("language", LABEL, "ISO 639-1 code from a stop-word and script profile (en, fr, de, ja, ...); 'und' when undetermined"),
    Column("word_count", "int64", "number of words in body"),
)

REJECT_COLUMNS: tuple[Column, ...] = (
    Column("path", STRING, "the input file"),
    Column("reason", STRING, "why it yielded no articles"),
)

# Files that loaded, but not cleanly: a feed that is not well-formed XML, a
# truncated HTML page. Their rows are in the table; the problem is here.
WARNING_COLUMNS: tuple[Column, ...] = (
    Column("path", STRING, "the input file"),
    Column("reason", STRING, "what was wrong with it, and what was loaded anyway"),
)

# Items and copies that were not made into rows, so that nothing is lost silently.
SKIPPED_COLUMNS: tuple[Column, ...] = (
    Column("path", STRING, "the file holding the item"),
    Column("position", "int64", "the item's position in its page (jsonl, csv: its line number, 1-based; feeds: entry index)"),
    Column("reason", STRING, "why no row was made (e.g. an item with no title, or an exact copy of an article already loaded)"),
    Column("article_id", STRING, "the id of the article it duplicates, when it is a copy"),
)


def require(df: object, needed: list[str], caller: str) -> None:
    """Raise a clear error when ``df`` is not a DataFrame or lacks any of ``needed``.

    Examples:
        >>> require(pd.DataFrame({"body": []}), ["article_id", "body"], "f")
        Traceback (most recent call last):
        ValueError: f: columns ['article_id'] not in DataFrame; available: ['body']
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{caller}: expected a DataFrame; got {type(df).__name__}")
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ValueError(f"{caller}: columns {missing} not in DataFrame; available: {list(df.columns)}")


def names(columns: tuple[Column, ...] = ARTICLE_COLUMNS) -> list[str]:
    """The column names of a table, in order."""
    return [c.name for c in columns]


def coerce(df: pd.DataFrame, columns: tuple[Column, ...] = ARTICLE_COLUMNS) -> pd.DataFrame:
    """Return a copy of ``df`` with exactly ``columns``, in order, with their dtypes.

    List columns (dtype ``object``) come back from Parquet as NumPy arrays;
    they are turned back into lists of ``str``.

    Raises:
        ValueError: a column is missing; the message lists what is there.
    """
    missing = [c.name for c in columns if c.name not in df.columns]
    if missing:
        raise ValueError(
            f"missing columns {missing}; available: {list(df.columns)}"
        )
    attrs = dict(df.attrs)
    df = df.reset_index(drop=True)  # a slice (df.iloc[30:]) keeps its rows, renumbered
    out = {}
    for col in columns:
        s = df[col.name]
        if col.dtype is object:
            out[col.name] = pd.Series([_as_list(x) for x in s], index=df.index, dtype=object)
        elif isinstance(col.dtype, pd.DatetimeTZDtype):
            out[col.name] = pd.to_datetime(s, utc=True).astype(col.dtype)
        else:
            out[col.name] = s.astype(col.dtype)
            if isinstance(col.dtype, pd.CategoricalDtype) and col.dtype.categories is not None:
                lost = s.notna() & out[col.name].isna()
                if lost.any():  # astype makes a value outside the categories NaN: say so instead
                    raise ValueError(
                        f"column {col.name!r}: values {sorted(map(str, pd.unique(s[lost])))[:5]} "
                        f"not among {list(col.dtype.categories)}"
                    )
    frame = pd.DataFrame(out, index=pd.RangeIndex(len(df)))
    frame.attrs = attrs
    return frame


def _as_list(x: object) -> list[str]:
    if type(x) is list and all(type(v) is str for v in x):
        return x  # the common case, as the loader builds it
    if x is None or _is_na(x):
        return []
    return [str(v) for v in x]


def _is_na(x: object) -> bool:
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):  # arrays and lists are not NA
        return False


def empty(columns: tuple[Column, ...] = ARTICLE_COLUMNS) -> pd.DataFrame:
    """An empty table with the given columns and dtypes."""
    return coerce(pd.DataFrame({c.name: [] for c in columns}), columns)


def describe(columns: tuple[Column, ...] = ARTICLE_COLUMNS) -> pd.DataFrame:
    """The schema as a table (column, dtype, meaning), for notebooks and the README.

    Examples:
        >>> describe().loc[0, "column"]
        'article_id'
    """
    return pd.DataFrame(
        {
            "column": [c.name for c in columns],
            "dtype": [str(pd.Series([], dtype=c.dtype).dtype) for c in columns],
            "meaning": [c.doc for c in columns],
        }
    )
