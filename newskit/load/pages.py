"""One input file to article rows (or a reject with its reason).

This is the per-file unit of work: it runs in worker processes, so it takes
and returns plain picklable values. ``load_file`` reads the bytes, opens
gzip, tells the format (``detect_format``: by extension, checked against the
content) and hands the content to the reader of that format: text pages
here; ``html``, ``feeds`` and ``tables`` beside, imported only when needed
so that a corpus of text pages pays nothing for them.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import os
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from newskit.load.aggregator import RawArticle, parse_page
from newskit.load.decode import Rejected, decode
from newskit.load.language import detect_language
from newskit.load.published import (
    EXPLICIT_DATE,
    parse_explicit,
    parse_relative,
    infer_capture_day,
    reporting_weekdays,
)

def word_count(text: str) -> int:
    """Words in ``text``: white-space separated tokens, lone dashes excluded.

    Counted with str.count, which allocates nothing: a few passes over the
    text cost less than str.split (a string per word, 3x slower) or a word
    regex (8x). Bodies are built of stripped paragraphs joined by blank lines,
    so tokens = spaces + line breaks + 1, less doubled spaces, blank lines and
    dashes standing alone (" — "). "8,000" and "Corp.'s" are one word each.

    Examples:
        >>> word_count("The U.S. tariff — 25% — isn't new.")
        6
        >>> word_count("First  paragraph.\\n\\nSecond one.")
        4
        >>> word_count("")
        0
    """
    text = text.strip()
    if not text:
        return 0
    n = text.count(" ") + text.count("\n") + 1 - text.count("\n\n")
    if "  " in text:
        n -= text.count("  ")
    if "\t" in text:
        n += text.count("\t")
    if "—" in text or "–" in text or " -" in text:
        for dash in (" — ", " – ", " - ", " -- "):
            n -= text.count(dash)
    return n


@dataclass
class FileResult:
    """What one input file gave: rows, or a reject, and what was left out."""

    path: str
    rows: list[dict] = field(default_factory=list)
    reject: str | None = None
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (position, reason)
    warnings: list[str] = field(default_factory=list)  # loaded, but not cleanly
    table: pd.DataFrame | None = None  # a table saved by save_articles, read back whole
    # the reject is a mistake in the call (a corpus without a title or body
    # column, a columns= name not in the file): raised when the file was named
    caller_error: bool = False


def stable_id(*parts: str) -> str:
    """16 hex digits of BLAKE2b over the parts; the same on every machine.

    Examples:
        >>> stable_id("Japan Today", "A title", "A body.")
        '6ce03399316e4c04'
    """
    h = hashlib.blake2b(digest_size=8)
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\x1f")  # unit separator: ("ab", "c") and ("a", "bc") differ
    return h.hexdigest()


# Extension -> format; "feed" becomes rss or atom once parsed. Content decides
# where the extension says nothing, or says something the bytes contradict.
EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".parquet": "parquet", ".pq": "parquet",
}
_GZIP_MAGIC = b"\x1f\x8b"
# News text compresses 3-20 times (gzip -9 on the sample corpus and the
# generated benchmark corpora); a "gzip bomb" 1,000 times. Files up to the
# floor are read whatever their ratio.
_GZIP_MAX_RATIO = 200
_GZIP_MIN_LIMIT = 256 * 1024 * 1024
_PARQUET_MAGIC = b"PAR1"
_FEED_MARKS = (b"<rss", b"<feed", b"<rdf:rdf")
_HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<!-- saved from url=")
# A text page that opens with "<" is rare; only these unmistakable openings
# make a .txt file HTML or a feed.
_SNIFF = 1024
# published_at is nanoseconds (schema.UTC_TIME): 1677-09-21 to 2262-04-11. A
# date outside ("0001-01-01", "9999-12-31": placeholders in corpus dumps) is
# not a publication time; published_text keeps it as printed.
_FIRST_TIME = pd.Timestamp.min.tz_localize("UTC")
_LAST_TIME = pd.Timestamp.max.tz_localize("UTC")


def detect_format(name: str, head: bytes) -> str:
    """The format of a file: text, html, feed, jsonl, csv or parquet.

    Args:
        name: the file name (without a ``.gz`` ending).
        head: the first bytes of the (decompressed) content.

    Examples:
        >>> detect_format("page.txt", b"Japan Today\\n32 minutes ago")
        'text'
        >>> detect_format("saved.txt", b"<!DOCTYPE html><html>")
        'html'
        >>> detect_format("news", b'<?xml version="1.0"?><rss version="2.0">')
        'feed'
        >>> detect_format("dump", b'{"title": "A"}')
        'jsonl'
    """
    ext = os.path.splitext(name)[1].lower()
    fmt = EXTENSIONS.get(ext)
    if head.startswith(_PARQUET_MAGIC):
        return "parquet"
    if fmt in ("csv", "parquet"):
        return fmt
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: sniff its ASCII
        head = head[:_SNIFF].decode("utf-16", "ignore").encode("ascii", "ignore")
    lead = head[:_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n")
    if lead.startswith(b"<"):
        low = lead.lower()
        if any(m in low for m in _FEED_MARKS) and b"<html" not in low:
            return "feed"
        if any(m in low for m in _HTML_MARKS):
            return "html"
        return fmt or "text"  # .xml without a feed's root element: the feed reader says why not
    if fmt is not None:
        return fmt
    if lead.startswith((b"{", b"[")):
        return "jsonl"
    return "text"


def load_file(
    path: str,
    capture: tuple[pd.Timestamp, str] | None,
    columns: Mapping[str, object] | None = None,
) -> FileResult:
    """Read one input file of any supported format into article rows.

    Args:
        path: the file, as the caller named it (kept in the ``path`` column).
        capture: ``(captured_at, precision)`` from the caller, or None to infer.
        columns: the caller's column mapping for corpus tables (``load_articles``).

    Returns:
        A ``FileResult``: rows (article table columns), or ``reject`` with the
        reason the file yields none; ``skipped`` items, ``warnings``; or, for
        a table saved by ``save_articles``, that ``table``.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return FileResult(path, reject=f"unreadable: {exc.strerror or exc}")
    name = path
    if data[:2] == _GZIP_MAGIC:
        try:
            data = _gunzip(data)
        except (OSError, EOFError, zlib.error) as exc:
            return FileResult(path, reject=f"unreadable gzip: {exc}")
        except Rejected as exc:
            return FileResult(path, reject=str(exc))
        if name.lower().endswith((".gz", ".gzip")):
            name = name.rsplit(".", 1)[0]
    fmt = detect_format(name, data[:_SNIFF])
    if fmt == "text":
        return load_text(path, data, capture)
    try:
        if fmt == "html":
            from newskit.load.html import load_html

            return load_html(path, data, capture)
        if fmt == "feed":
            from newskit.load.feeds import load_feed

            return load_feed(path, data, capture)
        from newskit.load.tables import load_table

        return load_table(path, data, fmt, capture, columns)
    except RecursionError:  # pragma: no cover - pathological nesting
        return FileResult(path, reject=f"unreadable {fmt}: nested too deep")
    except Exception as exc:  # noqa: BLE001 - a third-party parser's bug must not stop a corpus load
        return FileResult(path, reject=f"unreadable {fmt}: {type(exc).__name__}: {exc}")


def _gunzip(data: bytes) -> bytes:
    """The decompressed bytes, all members; Rejected past the size a text could have (a gzip bomb)."""
    limit = max(_GZIP_MAX_RATIO * len(data), _GZIP_MIN_LIMIT)
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
        out = f.read(limit + 1)
    if len(out) > limit:
        raise Rejected(f"gzip expands past {_GZIP_MAX_RATIO} times its size ({limit:,} bytes): not a text corpus")
    return out


def load_page_file(path: str, capture: tuple[pd.Timestamp, str] | None) -> FileResult:
    """Read, decode and parse one text page file (see ``load_text``)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return FileResult(path, reject=f"unreadable: {exc.strerror or exc}")
    return load_text(path, data, capture)


def load_text(path: str, data: bytes, capture: tuple[pd.Timestamp, str] | None) -> FileResult:
    """Decode and parse the bytes of one saved text page.

    Args:
        path: the file, as the caller named it (kept in the ``path`` column).
        data: its bytes.
        capture: ``(captured_at, precision)`` from the caller, or None to infer.

    Returns:
        A ``FileResult`` with one dict per article (article table columns), or
        with ``reject`` set to the reason the file yields no articles.
    """
    result = FileResult(path)
    try:
        text, encoding = decode(data)
        page = parse_page(text)
    except Rejected as exc:
        result.reject = str(exc)
        return result
    except RecursionError:  # pragma: no cover - pathological nesting
        result.reject = "unknown layout: parser recursion limit"
        return result
    if not page.articles:
        result.reject = "no articles: " + "; ".join(r for _, r in page.skipped) if page.skipped else "no articles"
        return result
    result.rows = article_rows(page.articles, path=path, page_id=stable_id(text), encoding=encoding, fmt="text", capture=capture)
    result.skipped = page.skipped
    return result


def article_rows(
    articles: list[RawArticle],
    *,
    path: str,
    page_id: str,
    encoding: str,
    fmt: str,
    capture: tuple[pd.Timestamp, str] | None,
    one_page: bool = True,
) -> list[dict]:
    """Article table rows (dicts) for the articles read from one file.

    Args:
        articles: as parsed, in file order.
        path, page_id, encoding, fmt: the file's ``path``, ``page_id``,
            ``encoding`` and ``format`` values.
        capture: ``(captured_at, precision)``, or None to infer.
        one_page: the articles were shown together on one page (text, HTML),
            so the page's printed dates bound its capture day; False for
            records of a feed or table, each dated by itself.
    """
    if one_page:
        published = _published(articles, capture)
    else:
        published = [_published([art], capture)[0] for art in articles]
    rows = []
    for art, (at, precision, origin) in zip(articles, published):
        if at is not None and not _FIRST_TIME <= at <= _LAST_TIME:
            at = precision = origin = None
        outlet = art.outlet or art.source or ""
        source = art.source or outlet
        rows.append(
            {
                "article_id": stable_id(outlet, art.title, art.body),
                "title": art.title,
                "body": art.body,
                "outlet": outlet or None,
                "source": source or None,
                "authors": art.authors,
                "copyright": art.copyright,
                "captions": art.captions,
                "published_at": at,
                "published_text": art.published_text,
                "date_precision": precision,
                "date_origin": origin,
                "role": art.role,
                "page_id": page_id,
                "position": art.position,
                "path": path,
                "format": fmt,
                "url": art.url,
                "char_start": art.char_start,
                "char_end": art.char_end,
                "encoding": encoding,
                "language": detect_language(art.title + "\n" + art.body),
                "word_count": word_count(art.body),
            }
        )
    return rows


def _published(
    articles: list[RawArticle], capture: tuple[pd.Timestamp, str] | None
) -> list[tuple[pd.Timestamp | None, str | None, str | None]]:
    """(published_at, date_precision, date_origin) for each article of a page."""
    out: list[tuple[pd.Timestamp | None, str | None, str | None]] = []
    relative = {}
    explicit_dates = []
    for i, art in enumerate(articles):
        text = art.published_text or ""
        exp = art.published or (parse_explicit(text) if text else None)
        rel = parse_relative(text) if text and not exp else None
        if exp:
            out.append((exp[0], exp[1], "explicit"))
            explicit_dates.append(exp[0])
        else:
            out.append((None, None, None))
            if rel:
                relative[i] = rel
        for cap in art.captions:  # photo dates are printed dates too
            for m in EXPLICIT_DATE.finditer(cap):
                parsed = parse_explicit(m.group(0))
                if parsed:
                    explicit_dates.append(parsed[0])
    if not relative:
        return out
    if capture is not None:
        for i, rel in relative.items():
            at, prec = rel.before(capture[0], capture[1])
            out[i] = (at, prec, "relative")
        return out
    weekdays = {
        i: reporting_weekdays(articles[i].title + "\n" + articles[i].body)
        for i, rel in relative.items() if rel.age_days >= 0
    }
    evidence = [(relative[i].age_days, wd) for i, wds in weekdays.items() for wd in wds]
    inferred = infer_capture_day(max(explicit_dates) if explicit_dates else None, evidence)
    if inferred is None:
        return out
    captured, precision = inferred
    for i, rel in relative.items():
        at, prec = rel.before(captured, precision)
        if prec == "day" and weekdays.get(i):
            # reported the day before the capture day, in the reporter's time zone
            earlier = at - pd.Timedelta(days=1)
            if earlier.weekday() in weekdays[i] and at.weekday() not in weekdays[i]:
                at = earlier
        out[i] = (at, prec, "inferred")
    return out
