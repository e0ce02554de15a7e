"""Corpus tables to articles: JSON Lines, CSV and Parquet files.

A corpus table has one article per record. Its columns are found by name,
compared without case, spaces, "_", "-" or "." (so ``publishedAt``,
``published_at`` and ``Published At`` are one name); the names recognised
are those of the common news datasets and APIs (NewsAPI, news-please,
the Guardian API, GDELT exports, Kaggle news dumps), listed in ``FIELDS``.
``load_articles(..., columns={"body": "story_text"})`` names the others.

A ``.json`` file may also be one array of records, or an API response that
wraps them (NewsAPI's ``{"articles": [...]}``, the Guardian's
``{"response": {"results": [...]}}``).

A record whose line is not valid JSON, or whose CSV line has more fields than
the header, is skipped and listed in ``attrs["skipped"]`` with its line
number; so is a record with neither title nor body. A file whose title or body
column cannot be found yields nothing: the reason lists the columns it has.

Bodies go through the rules of the text pages (a leading photo caption and
byline, a closing copyright line, a dateline's wire), and HTML in a body is
reduced to text. A Parquet file written by ``save_articles`` is read back as
it was saved.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

import pandas as pd

from newskit import schema
from newskit.load import credits
from newskit.load.aggregator import RawArticle, _Body
from newskit.load.decode import Rejected, decode
from newskit.load.pages import FileResult, article_rows, stable_id
from newskit.load.published import parse_timestamp

__all__ = ["FIELDS", "PARQUET_KEY", "load_table", "check_columns", "read_saved_table"]

# Article column -> column names recognised, first found wins (normalised:
# lower case, letters and digits only).
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "hed", "heading", "webtitle", "articletitle"),
    "body": ("body", "text", "content", "articlebody", "articletext", "fulltext", "maintext",
             "bodytext", "article", "story", "summary", "description"),
    "published_at": ("publishedat", "published", "date", "pubdate", "datepublished", "datepublish",
                     "publishdate", "publicationdate", "webpublicationdate", "datetime", "time",
                     "timestamp", "createdat", "created"),
    "url": ("url", "link", "href", "permalink", "weburl", "articleurl", "uri"),
    "outlet": ("outlet", "site", "sitename", "publication", "publisher", "sourcename", "source",
               "domain", "sourcedomain", "newspaper"),
    "source": ("wire", "agency", "credit", "originalsource", "source"),
    "authors": ("authors", "author", "byline", "creator", "creators", "writer", "writers"),
}
PARQUET_KEY = b"newskit"  # save_articles' metadata: rejects, skipped items, summary
_NORMALISE = re.compile(r"[\s_\-.]+")
_HTML_TAG = re.compile(r"</?(?:p|div|br|span|a|b|i|em|strong|h[1-6]|ul|ol|li|figure|figcaption|script|style)\b", re.IGNORECASE)
_QUOTED = re.compile(r"'([^']*)'|\"([^\"]*)\"")
_CSV_FIELD_LIMIT = 64 * 1024 * 1024  # csv's default (128 KiB) is less than some long reads


class ColumnsError(ValueError):
    """A corpus table without a title or body column, or a columns= name it lacks."""


def check_columns(columns: Mapping[str, object] | None) -> dict[str, list[str]]:
    """Validate ``load_articles(columns=)``: article column -> file column name(s).

    Raises:
        ValueError: a key that is not an article column a table can give, or
            a value that is not a name or a list of names.

    Examples:
        >>> check_columns({"body": "story_text"})
        {'body': ['story_text']}
        >>> check_columns({"text": "x"})
        Traceback (most recent call last):
        ...
        ValueError: load_articles: columns= key 'text' is not one of ['title', 'body', 'published_at', 'url', 'outlet', 'source', 'authors']
    """
    if columns is None:
        return {}
    if not isinstance(columns, Mapping):
        raise ValueError(f"load_articles: columns= must be a mapping such as {{'body': 'story_text'}}; got {type(columns).__name__}")
    out: dict[str, list[str]] = {}
    for key, value in columns.items():
        if key not in FIELDS:
            raise ValueError(f"load_articles: columns= key {key!r} is not one of {list(FIELDS)}")
        names = [value] if isinstance(value, str) else list(value) if isinstance(value, list | tuple) else None
        if not names or not all(isinstance(n, str) for n in names):
            raise ValueError(f"load_articles: columns[{key!r}] must be a column name or a list of names; got {value!r}")
        out[key] = names
    return out


def _norm(name: str) -> str:
    return _NORMALISE.sub("", str(name)).lower()


def _find_columns(available: list[str], mapping: dict[str, list[str]]) -> dict[str, str]:
    """Article column -> the file's column; ColumnsError when title or body is missing."""
    by_norm: dict[str, str] = {}
    for name in available:
        by_norm.setdefault(_norm(name), name)
    found: dict[str, str] = {}
    for field, candidates in FIELDS.items():
        if field in mapping:
            hit = next((n for n in mapping[field] if n in available), None) or next(
                (by_norm[_norm(n)] for n in mapping[field] if _norm(n) in by_norm), None
            )
            if hit is None:
                raise ColumnsError(f"columns= maps {field} to {mapping[field]}, not a column of this file; available: {available}")
            found[field] = hit
            continue
        taken = set(found.values())
        hit = next((by_norm[c] for c in candidates if c in by_norm and by_norm[c] not in taken), None)
        if hit is not None:
            found[field] = hit
    missing = [f for f in ("title", "body") if f not in found]
    if missing:
        looked = "; ".join(f"no {f} column (looked for {list(FIELDS[f])})" for f in missing)
        raise ColumnsError(
            f"{looked}; available: {available}; name it with load_articles(..., columns={{'{missing[0]}': '<column>'}})"
        )
    return found


def load_table(
    path: str,
    data: bytes,
    fmt: str,
    capture: object,
    columns: Mapping[str, object] | None = None,
) -> FileResult:
    """Read one corpus table (jsonl, csv or parquet) into article rows.

    Args:
        path: the file, as the caller named it.
        data: its bytes (decompressed).
        fmt: "jsonl", "csv" or "parquet" (``pages.detect_format``).
        capture: ``(captured_at, precision)`` for relative times, or None.
        columns: ``load_articles(columns=)``, already checked.

    Returns:
        A ``FileResult``: rows, skipped records, or a reject (``caller_error``
        when the title or body column is missing); for a table written by
        ``save_articles``, the ``table`` itself.

    Examples:
        >>> data = b'{"headline": "Rates hold", "text": "TOKYO (Kyodo) -- The bank held rates."}\\n{"headline": "Cut'
        >>> res = load_table("news.jsonl", data, "jsonl", None)
        >>> [(r["title"], r["source"], r["position"]) for r in res.rows], res.skipped
        ([('Rates hold', 'Kyodo', 1)], [(2, 'line 2: not valid JSON (Unterminated string starting at, column 14)')])
        >>> load_table("news.csv", b"id,headline\\n1,Rates hold\\n", "csv", None).reject[:15]
        'no body column '
    """
    result = FileResult(path)
    mapping = check_columns(columns)
    table = None
    try:
        if fmt == "parquet":
            saved, table, page_id = _parquet(data)
            if saved is not None:
                result.table = saved
                return result
            encoding, available = "utf-8", table.column_names
        else:
            text, encoding = decode(data)
            page_id = stable_id(text)
            records = _jsonl(text, result) if fmt == "jsonl" else _csv(text, path, result)
            available = list(dict.fromkeys(k for rec, *_ in records for k in rec))
    except Rejected as exc:
        result.reject = str(exc)
        return result
    if (table.num_rows if table is not None else len(records)) == 0:
        reasons = "; ".join(r for _, r in result.skipped[:3])
        result.reject = f"no records: {reasons}" if reasons else "no records"
        result.skipped = []
        return result
    try:
        found = _find_columns(available, mapping)
    except ColumnsError as exc:
        reason = str(exc)
        if fmt == "parquet":  # as before corpora were read: the table is not newskit's either
            reason = f"not a newskit article table: missing columns {_missing_saved(available)}; nor a corpus: {reason}"
        result.reject, result.caller_error, result.skipped = reason, True, []
        return result
    if table is not None:
        # only the columns used: a corpus may carry embeddings or raw HTML beside
        names = list(dict.fromkeys(found.values()))
        cols = {n: table.column(n).to_pylist() for n in names}
        records = [({n: cols[n][i] for n in names}, i, -1, -1) for i in range(table.num_rows)]
    articles = []
    for record, position, start, end in records:
        art = _article(record, found, position, start, end)
        if art is None:
            result.skipped.append((position, f"{_where(fmt, position, start)}: no title or body"))
        else:
            articles.append(art)
    if not articles:
        result.reject = f"no articles: {len(result.skipped)} records without a title or body"
        result.skipped = []
        return result
    result.rows = article_rows(articles, path=path, page_id=page_id, encoding=encoding, fmt=fmt, capture=capture, one_page=False)
    return result


def _where(fmt: str, position: int, start: int) -> str:
    if fmt == "parquet":
        return f"row {position}"
    return f"line {position}" if start >= 0 else f"record {position}"  # a JSON array has no lines


# -- readers: (record, position, char_start, char_end) --------------------------
Record = tuple[dict, int, int, int]


def _jsonl(text: str, result: FileResult) -> list[Record]:
    lead = text.lstrip()
    data = _whole_json(text) if lead.startswith(("[", "{")) else None
    if isinstance(data, dict):
        data = _wrapped_records(data)
    if isinstance(data, list):
        # one JSON array of records (a .json export, an API response): no lines to point at
        records = []
        for i, rec in enumerate(data):
            if isinstance(rec, dict):
                records.append((rec, i, -1, -1))
            else:
                result.skipped.append((i, f"record {i}: not a JSON object but {type(rec).__name__}"))
        return records
    records = []
    pos = 0
    loads = json.loads
    for number, line in enumerate(text.split("\n"), start=1):
        start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        try:
            rec = loads(stripped)
        except RecursionError:  # one hostile line must not cost the file's other records
            result.skipped.append((number, f"line {number}: not valid JSON (nested too deep)"))
            continue
        except ValueError as exc:
            msg = getattr(exc, "msg", str(exc))
            col = getattr(exc, "colno", None)
            result.skipped.append((number, f"line {number}: not valid JSON ({msg}{f', column {col}' if col else ''})"))
            continue
        if not isinstance(rec, dict):
            result.skipped.append((number, f"line {number}: not a JSON object but {type(rec).__name__}"))
            continue
        records.append((rec, number, start, start + len(line.rstrip("\r"))))
    return records


def _whole_json(text: str) -> object:
    """The file as one JSON value; None when it is not one (JSON Lines: "Extra data" after the first line)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _wrapped_records(data: dict, depth: int = 2) -> list | None:
    """The records of an API response: NewsAPI's {"articles": [...]}, the Guardian's {"response": {"results": [...]}}.

    None when the object is itself a record (it has a title or body field) or holds no list of objects.
    """
    names = {_norm(k) for k in data}
    if names & set(FIELDS["title"] + FIELDS["body"]):
        return None
    for value in data.values():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            return value
    for value in data.values():
        if isinstance(value, dict) and depth > 1:
            found = _wrapped_records(value, depth - 1)
            if found is not None:
                return found
    return None


def _csv(text: str, path: str, result: FileResult) -> list[Record]:
    lines = io.StringIO(text, newline="").readlines()
    if not lines:
        return []
    delimiter = "\t" if path.lower().removesuffix(".gz").endswith(".tsv") else _delimiter(lines[0])
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln))
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, _CSV_FIELD_LIMIT))
    try:
        reader = csv.reader(lines, delimiter=delimiter)
        try:
            header = next(reader)
        except (StopIteration, csv.Error) as exc:
            raise Rejected(f"not CSV: {exc}") from None
        header = [h.strip().lstrip("\ufeff") for h in header]
        records: list[Record] = []
        done = reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                result.skipped.append((done + 1, f"line {done + 1}: not CSV ({exc})"))
                done = reader.line_num
                continue
            first, done = done, reader.line_num
            if not any(f.strip() for f in row):
                continue
            if len(row) > len(header):
                result.skipped.append((first + 1, f"line {first + 1}: {len(row)} fields, the header has {len(header)}"))
                continue
            end = starts[done - 1] + len(lines[done - 1].rstrip("\r\n"))
            records.append((dict(zip(header, row)), first + 1, starts[first], end))
    finally:
        csv.field_size_limit(limit)
    return records


def _delimiter(header: str) -> str:
    # the header line's commonest separator: corpora exported from European
    # spreadsheets use ";", others "," or "\t"
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _parquet(data: bytes) -> tuple[pd.DataFrame | None, object, str]:
    """(saved newskit table or None, the pyarrow table, page_id)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(pa.BufferReader(data))
    except (OSError, pa.ArrowException) as exc:
        raise Rejected(f"unreadable Parquet: {exc}") from None
    page_id = hashlib.blake2b(data, digest_size=8).hexdigest()
    return read_saved_table(table), table, page_id


def _missing_saved(available: list[str]) -> list[str]:
    return [c for c in schema.names() if c not in available]


def read_saved_table(table: object) -> pd.DataFrame | None:
    """A table written by ``save_articles``, with its attrs; None for other tables.

    Tables saved before the ``format`` and ``url`` columns existed were all
    read from text pages: they get ``format="text"`` and no ``url``.

    Args:
        table: a ``pyarrow.Table`` read from Parquet.

    Returns:
        The article table (``schema.coerce``d) with ``attrs`` rejected,
        skipped, warnings and summary; None when the table carries neither
        newskit's metadata nor the article table's columns.
    """
    meta = table.schema.metadata or {}
    names = table.column_names
    core = [c for c in schema.names() if c not in ("format", "url")]
    if PARQUET_KEY not in meta and not all(c in names for c in core):
        return None
    df = table.to_pandas()
    if "format" not in df.columns and all(c in df.columns for c in core):
        df["format"] = "text"
    if "url" not in df.columns:
        df["url"] = None
    try:
        df = schema.coerce(df)
    except ValueError:
        return None  # newskit's key on a table that is not an article table: read as a corpus
    extra = json.loads(meta.get(PARQUET_KEY, b"{}"))
    for key, cols in (("rejected", schema.REJECT_COLUMNS), ("skipped", schema.SKIPPED_COLUMNS), ("warnings", schema.WARNING_COLUMNS)):
        records = extra.get(key) or []
        df.attrs[key] = schema.coerce(pd.DataFrame(records, columns=schema.names(cols)), cols)
    if extra.get("summary"):
        df.attrs["summary"] = extra["summary"]
    return df


# -- one record to one article ---------------------------------------------------
def _value(record: dict, found: dict[str, str], field: str) -> object:
    name = found.get(field)
    if name is None:
        return None
    value = record.get(name)
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value


def _string(value: object) -> str | None:
    if isinstance(value, dict):  # NewsAPI: "source": {"id": "bbc-news", "name": "BBC News"}
        value = value.get("name") or value.get("title")
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _article(record: dict, found: dict[str, str], position: int, start: int, end: int) -> RawArticle | None:
    title = _string(_value(record, found, "title")) or ""
    raw_body = _value(record, found, "body")
    if isinstance(raw_body, list):
        raw_body = "\n".join(str(p) for p in raw_body)
    raw_body = "" if raw_body is None else str(raw_body)
    if not title and not raw_body.strip():
        return None
    if "<" in raw_body and _HTML_TAG.search(raw_body):
        from newskit.load.html import fragment_paragraphs

        paragraphs = fragment_paragraphs(raw_body)
    else:
        paragraphs = [p for p in (ln.strip() for ln in raw_body.split("\n")) if p]
    body = _Body.from_lines(paragraphs)
    author_value = _value(record, found, "authors")
    if isinstance(author_value, list):
        author_value = [_string(a) for a in author_value]
        author_value = [a for a in author_value if a]
    elif isinstance(author_value, str) and author_value.startswith("[") and author_value.endswith("]"):
        # a list written out as text (pandas' to_csv of a list column, JSON in a
        # CSV cell): its quoted items; read as text, never evaluated
        author_value = [a or b for a, b in _QUOTED.findall(author_value)]
    elif author_value is not None and not isinstance(author_value, str):
        author_value = _string(author_value)
    authors, wire = credits.split_authors(author_value)
    for name in body.authors:
        if name not in authors:
            authors.append(name)
    url = _string(_value(record, found, "url"))
    outlet = _string(_value(record, found, "outlet"))
    credited = _string(_value(record, found, "source"))
    if credited:
        credited = credits.wire_name(credited) or credited
    source = credited or credits.dateline_wire(body.text) or wire or body.source
    when = _value(record, found, "published_at")
    published = parse_timestamp(when)
    if isinstance(when, str):
        published_text = " ".join(when.split()) or None
    elif when is not None:
        published_text = pd.Timestamp(when).isoformat() if published and not isinstance(when, int | float) else str(when)
    else:
        published_text = None
    return RawArticle(
        role="main", position=position, title=title, body=body.text,
        outlet=outlet or _host(url), source=source, authors=authors, captions=body.captions,
        copyright=body.copyright, published_text=published_text, char_start=start, char_end=end,
        published=published, url=url,
    )


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    return host.removeprefix("www.") or None
