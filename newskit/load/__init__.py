"""Load saved news pages, feeds and corpus tables into the article table.

``load_articles`` takes files, folders, globs or a list of them, in any mix
of the formats newskit reads (``newskit.schema.FORMATS``): saved text pages,
saved HTML pages (``newskit.load.html``), RSS and Atom feeds
(``newskit.load.feeds``), JSON Lines, CSV and Parquet corpora
(``newskit.load.tables``), gzip-compressed or not. Every input file either
yields rows or is listed, with its reason, in ``df.attrs["rejected"]``; items
that yield no row (a related item with no title, a JSON line that does not
parse, an exact copy of an article already loaded) are listed in
``df.attrs["skipped"]``; files that loaded but not cleanly (a feed that is
not well-formed, a truncated HTML page) in ``df.attrs["warnings"]``. One
summary line is logged (logger ``newskit.load``) and kept in
``df.attrs["summary"]``.
"""
from __future__ import annotations

import functools
import glob as _glob
import json
import logging
import os
from collections.abc import Iterable, Mapping
from datetime import date
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from newskit import schema
from newskit.load.pages import FileResult, load_file
from newskit.load.published import parse_captured_at

__all__ = ["load_articles", "save_articles", "read_capture_times", "capture_times"]

log = logging.getLogger("newskit.load")

# Below this many files a progress bar is noise; above it a load takes seconds.
PROGRESS_MIN_FILES = 200
# Starting worker processes costs ~0.1 s; at ~1 ms per page, 1,000 pages is
# where a second core pays (measured with benchmarks/load.py).
PARALLEL_MIN_FILES = 1000
_CHUNK = 64

PathLike = str | os.PathLike
Source = PathLike | Iterable[PathLike]
Capture = object  # a time, or a mapping file -> time


def load_articles(
    source: Source,
    *,
    captured_at: Capture | Mapping[str, object] | None = None,
    columns: Mapping[str, str | list[str]] | None = None,
    workers: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Load saved pages, feeds and corpus tables (or a saved article table) into the article table.

    Each file's format is told by its extension, checked against its content
    (``newskit.load.pages.detect_format``): ``.txt`` text pages, ``.html``
    pages, ``.rss``/``.atom``/``.xml`` feeds, ``.jsonl``/``.json``, ``.csv``/
    ``.tsv``, ``.parquet``; a ``.gz`` file is read decompressed. Each row's
    ``format`` column says which it was.

    Args:
        source: a file, a folder (read recursively; hidden files and folders,
            whose names start with ".", are not inputs), a glob pattern, or a
            list of these. A ``.parquet`` file written by ``save_articles`` is
            read back as it was saved.
        captured_at: when the pages were saved, to resolve relative times such
            as "32 minutes ago": one time for every page (ISO 8601 string,
            ``datetime``, ``date`` or ``Timestamp``; naive times are UTC), or a
            mapping from file name or path to time (``read_capture_times``).
            Pages without one get a capture day inferred from the page itself
            (``date_origin="inferred"``); a file's modification time is never used.
        columns: for corpus tables whose column names newskit does not
            recognise (``newskit.load.tables.FIELDS`` lists those it does):
            article column -> the file's column name, or a list of names
            (first present wins); keys among title, body, published_at, url,
            outlet, source, authors. ``{"body": "story_text"}``.
        workers: processes to parse with; default: both cores from
            1,000 files on, else one.
        progress: show a progress bar (stderr); default: from 200 files on.

    Returns:
        One row per article with the columns of ``newskit.schema.ARTICLE_COLUMNS``
        (see ``newskit.schema.describe()``), in input order (files sorted by
        path within a folder or glob, then position in the file); rows of
        saved article tables come first. ``attrs``: ``rejected`` (path,
        reason), ``skipped`` (path, position, reason, article_id),
        ``warnings`` (path, reason) and ``summary`` (the logged line).

    Raises:
        ValueError: a path that does not exist, a glob that matches nothing,
            an unparseable ``captured_at``, a source of the wrong type, a bad
            ``columns`` mapping; or a corpus table named directly (not found
            in a folder or by a glob) whose title or body column cannot be
            found: the message lists its columns. Found in a folder, such a
            file is a reject with that reason instead.

    Examples:
        >>> from newskit.paths import SAMPLE_PAGES
        >>> df = load_articles(SAMPLE_PAGES / "000_ba2334b44991beed.txt")
        >>> df[["role", "outlet", "source", "format"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
        [['main', 'Daily8', 'The Yomiuri Shimbun', 'text'], ['related', 'Japan Today', 'Kyodo', 'text'],
         ['related', 'Japan Today', 'Reuters', 'text'], ['related', 'Japan Today', 'AP', 'text']]
    """
    files, named = _expand(source)
    if columns is not None:
        from newskit.load.tables import check_columns  # corpus tables only: not imported for text pages

        mapping = check_columns(columns)
    else:
        mapping = {}
    captures = _captures(files, captured_at)
    if progress is None:
        progress = len(files) >= PROGRESS_MIN_FILES
    results = _parse_all(files, captures, mapping or None, workers, progress)
    for res in results:
        if res.caller_error and res.path in named:
            raise ValueError(f"load_articles: {res.path}: {res.reject}")
    order = {f: i for i, f in enumerate(files)}
    results.sort(key=lambda r: order[r.path])
    return _assemble(results, len(files))


def _expand(source: Source) -> tuple[list[str], set[str]]:
    """Input files, in a deterministic order, as the caller would name them; and those named directly."""
    if isinstance(source, str | os.PathLike):
        items = [source]
    elif isinstance(source, Iterable) and not isinstance(source, bytes | Mapping):
        items = list(source)
        if not items:
            raise ValueError("load_articles: source is an empty list; expected a file, folder or glob pattern, or a list of them")
    else:
        raise ValueError(
            f"load_articles: source must be a file, folder or glob pattern (str or Path), "
            f"or a list of them; got {type(source).__name__}"
        )
    files: list[str] = []
    named: set[str] = set()
    for item in items:
        if not isinstance(item, str | os.PathLike):
            raise ValueError(f"load_articles: expected a path (str or Path) in source; got {type(item).__name__} {item!r}")
        name = os.fspath(item)
        path = Path(name)
        if path.is_dir():
            files += [
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ]
        elif path.exists():
            files.append(name)
            named.add(name)
        elif _glob.has_magic(name):
            matched = sorted(p for p in _glob.glob(name, recursive=True) if Path(p).is_file())
            if not matched:
                raise ValueError(f"load_articles: pattern {name!r} matched no files")
            files += matched
        else:
            raise ValueError(f"load_articles: no such file or folder: {name!r}")
    # The same file named twice (a folder and a glob over it) is one input.
    return list(dict.fromkeys(files)), named


def _captures(files: list[str], captured_at: object) -> dict[str, tuple[pd.Timestamp, str] | None]:
    if captured_at is None:
        return dict.fromkeys(files)
    if isinstance(captured_at, Mapping):
        table = {str(k): parse_captured_at(v, what=f"captured_at[{k!r}]") for k, v in captured_at.items()}
        out = {}
        for f in files:
            p = Path(f)
            out[f] = table.get(f) or table.get(str(p.resolve())) or table.get(p.name)
        return out
    one = parse_captured_at(captured_at)
    return dict.fromkeys(files, one)


def _parse_all(
    files: list[str],
    captures: dict[str, tuple[pd.Timestamp, str] | None],
    columns: Mapping[str, list[str]] | None,
    workers: int | None,
    progress: bool,
) -> list[FileResult]:
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if len(files) >= PARALLEL_MIN_FILES else 1
    if workers < 1:
        raise ValueError(f"load_articles: workers must be 1 or more; got {workers}")
    bar = tqdm(total=len(files), unit="file", desc="loading pages", disable=not progress)
    out: list[FileResult] = []
    try:
        if workers == 1:
            for f in files:
                out.append(load_file(f, captures[f], columns))
                bar.update()
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                caps = [captures[f] for f in files]
                work = functools.partial(load_file, columns=columns)
                for res in pool.map(work, files, caps, chunksize=_CHUNK):
                    out.append(res)
                    bar.update()
    finally:
        bar.close()
    return out


def _assemble(results: list[FileResult], n_inputs: int) -> pd.DataFrame:
    rows: list[dict] = []
    rejected: list[tuple[str, str]] = []
    skipped: list[tuple[str, int, str, str | None]] = []
    warnings: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    tables = [res.table for res in results if res.table is not None]
    for t in tables:
        # a saved table brings the rejects, skipped items and warnings of its own load
        rejected += list(t.attrs["rejected"].itertuples(index=False, name=None))
        skipped += [(p, int(pos), r, None if pd.isna(a) else a) for p, pos, r, a in t.attrs["skipped"].itertuples(index=False, name=None)]
        warnings += list(t.attrs["warnings"].itertuples(index=False, name=None))
        for aid, path in zip(t["article_id"], t["path"]):
            seen.setdefault(aid, path)
    loaded = len(tables)
    for res in results:
        if res.table is not None:
            continue
        if res.reject is not None:
            rejected.append((res.path, res.reject))
            continue
        loaded += 1
        warnings += [(res.path, w) for w in res.warnings]
        for pos, reason in res.skipped:
            skipped.append((res.path, pos, reason, None))
        for row in res.rows:
            first = seen.get(row["article_id"])
            if first is not None:
                skipped.append((res.path, row["position"], f"exact copy of an article already loaded from {first}", row["article_id"]))
                continue
            seen[row["article_id"]] = res.path
            rows.append(row)
    frame = pd.DataFrame.from_records(rows, columns=schema.names()) if rows else schema.empty()
    pieces = [schema.coerce(t) for t in tables] + [schema.coerce(frame)]
    # concat loses dtypes (categories differ between pieces): coerce again; one
    # piece is coerced already (a second pass cost 2% of a text-page load)
    df = schema.coerce(pd.concat(pieces, ignore_index=True)) if len(pieces) > 1 else pieces[0]
    if df["article_id"].duplicated().any():  # a saved table loaded twice
        dup = df["article_id"].duplicated()
        for path, pos, aid in df.loc[dup, ["path", "position", "article_id"]].itertuples(index=False, name=None):
            skipped.append((path, int(pos), "exact copy of an article already loaded", aid))
        df = schema.coerce(df.loc[~dup])
    df.attrs["rejected"] = schema.coerce(
        pd.DataFrame(rejected, columns=schema.names(schema.REJECT_COLUMNS)), schema.REJECT_COLUMNS
    )
    df.attrs["skipped"] = schema.coerce(
        pd.DataFrame(skipped, columns=schema.names(schema.SKIPPED_COLUMNS)), schema.SKIPPED_COLUMNS
    )
    df.attrs["warnings"] = schema.coerce(
        pd.DataFrame(warnings, columns=schema.names(schema.WARNING_COLUMNS)), schema.WARNING_COLUMNS
    )
    df.attrs["summary"] = _summary(len(df), loaded, n_inputs - loaded, rejected, skipped, n_inputs, warnings)
    log.info(df.attrs["summary"])
    return df


def _summary(n_articles: int, loaded: int, n_rejected: int, rejected: list, skipped: list, n_inputs: int, warnings: list = ()) -> str:
    line = f"loaded {n_articles} articles from {loaded} of {n_inputs} files"
    if n_rejected:
        shown = "; ".join(f"{Path(p).name} ({r})" for p, r in rejected[-n_rejected:][:3])
        more = f"; and {n_rejected - 3} more" if n_rejected > 3 else ""
        line += f"; {n_rejected} files rejected: {shown}{more}"
    else:
        line += "; 0 files rejected"
    if skipped:
        line += f"; {len(skipped)} items skipped (see attrs['skipped'])"
    if warnings:
        line += f"; {len(warnings)} files loaded with warnings (see attrs['warnings'])"
    return line


def save_articles(df: pd.DataFrame, path: PathLike) -> Path:
    """Write the article table to Parquet, rejects and skipped items included.

    ``load_articles(path)`` gives the same table back, dtypes intact.

    Returns:
        The path written.

    Raises:
        ValueError: ``df`` lacks article table columns.
    """
    table_df = schema.coerce(df)
    table_df.attrs = {}  # kept in newskit's own metadata below; pyarrow cannot serialise frames
    table = pa.Table.from_pandas(table_df, preserve_index=False)
    extra = {
        key: json.loads(df.attrs[key].to_json(orient="records")) if key in df.attrs else []
        for key in ("rejected", "skipped", "warnings")
    }
    extra["summary"] = df.attrs.get("summary")
    meta = dict(table.schema.metadata or {})
    from newskit.load.tables import PARQUET_KEY

    meta[PARQUET_KEY] = json.dumps(extra).encode("utf-8")
    path = Path(path)
    pq.write_table(table.replace_schema_metadata(meta), path)
    return path


def read_capture_times(path: PathLike) -> dict[str, pd.Timestamp | date]:
    """Read a CSV of capture times (columns ``file``, ``captured_at``).

    Returns:
        A mapping from file name to capture time (a ``date`` where only the
        day is given), for ``load_articles(..., captured_at=)``.

    Raises:
        ValueError: the columns are missing or a time does not parse.

    Examples:
        >>> from newskit.paths import SAMPLE_CAPTURES
        >>> read_capture_times(SAMPLE_CAPTURES)["000_ba2334b44991beed.txt"]
        Timestamp('2025-06-02 19:40:00+0900', tz='UTC+09:00')
    """
    if not Path(path).is_file():
        raise ValueError(f"read_capture_times: no such file: {os.fspath(path)!r}; expected a CSV with columns file,captured_at")
    table = pd.read_csv(path, dtype=str)
    missing = {"file", "captured_at"} - set(table.columns)
    if missing:
        raise ValueError(f"read_capture_times: {path}: missing columns {sorted(missing)}; available: {list(table.columns)}")
    out = {}
    for f, t in zip(table["file"], table["captured_at"]):
        at, precision = parse_captured_at(t, what=f"captured_at of {f!r} in {path}")
        out[f] = at.date() if precision == "day" else at
    return out


def capture_times(value: object) -> object:
    """Capture times from a notebook parameter or a command-line option.

    Args:
        value: None; a CSV file of capture times (``read_capture_times``); or
            one time for every page (ISO 8601 string, date, datetime).

    Returns:
        A value for ``load_articles(..., captured_at=)``.

    Raises:
        ValueError: a string that is neither an existing CSV file nor a time.

    Examples:
        >>> capture_times(None) is None
        True
        >>> capture_times("2025-06-02T19:40:00+09:00")
        '2025-06-02T19:40:00+09:00'
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str | os.PathLike) and (Path(value).is_file() or os.fspath(value).lower().endswith(".csv")):
        return read_capture_times(value)
    parse_captured_at(value)  # fail early, with the message that says what is expected
    return value
