"""RSS 2.0 and Atom feeds to articles, one row per entry, with feedparser.

feedparser (the reference parser for the feed formats' many dialects) reads
the feed; newskit maps it to the article table:

* ``outlet`` is the feed's title (the channel that published the entries;
  without one, the host name of the feed's link);
  ``source`` the entry's own ``<source>`` (RSS 2.0 spec, "the RSS channel
  that the item came from"; Atom's ``atom:source``), else a wire credited in
  the entry (dateline, byline, copyright line, a wire as author), else the outlet;
* ``published_at`` is the entry's ``published`` time (Atom entries that carry
  only ``updated``: that one), read from the text as printed so that its UTC
  offset is applied exactly, then kept in UTC;
* the body is the fullest text the entry gives (``content:encoded`` or Atom
  ``content`` before ``description`` / ``summary``), its HTML reduced to text
  with scripts and styles dropped by newskit (feedparser's sanitiser is off:
  text only, nothing rendered or run), then the text-page rules (caption, byline, copyright line);
* a feed that is not well-formed XML ("bozo" in feedparser's terms) still
  gives the entries feedparser's lenient parser recovers; the error is
  recorded in ``attrs["warnings"]``.
"""
from __future__ import annotations

import bisect
import io
import re
import time

import pandas as pd

from newskit.load import credits
from newskit.load.aggregator import RawArticle, _Body
from newskit.load.html import _host, fragment_paragraphs
from newskit.load.pages import FileResult, article_rows, stable_id
from newskit.load.published import parse_timestamp

__all__ = ["load_feed"]

_ENTRY_OPEN = re.compile(r"<(?:[\w-]+:)?(item|entry)(?=[\s>/])", re.IGNORECASE)
_ENTRY_CLOSE = re.compile(r"</(?:[\w-]+:)?(item|entry)\s*>", re.IGNORECASE)
_CDATA = re.compile(r"<!\[CDATA\[.*?\]\]>", re.DOTALL)


def load_feed(path: str, data: bytes, capture: object) -> FileResult:
    """Read one RSS or Atom feed into article rows, one per entry.

    Args:
        path: the file, as the caller named it.
        data: its bytes (decompressed).
        capture: ``(captured_at, precision)``, or None.

    Returns:
        A ``FileResult`` with a row per entry (``format`` "rss" or "atom"); a
        warning when the feed is not well-formed; a reject when no entry can
        be read.

    Examples:
        >>> feed = (b'<rss version="2.0"><channel><title>Japan Today</title><item><title>Rates hold</title>'
        ...         b'<pubDate>Mon, 02 Jun 2025 19:08:00 +0900</pubDate><source url="x">Reuters</source>'
        ...         b'<description>&lt;p&gt;The bank held rates.&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</description></item></channel></rss>')
        >>> row = load_feed("feed.xml", feed, None).rows[0]
        >>> row["outlet"], row["source"], row["body"], str(row["published_at"])
        ('Japan Today', 'Reuters', 'The bank held rates.', '2025-06-02 10:08:00+00:00')
    """
    import feedparser

    result = FileResult(path)
    # A stream, never the bytes: feedparser.parse(bytes) first tries the bytes
    # as a file name (feedparser/api.py, _open_resource), so a file holding
    # "/etc/passwd" or "/dev/zero" would be read in its place. Its HTML
    # sanitiser and relative-URI pass are off: newskit reduces the HTML to
    # text itself (fragment_paragraphs drops scripts, styles and embeds), and
    # they cost two thirds of the parse (python -m benchmarks.sources).
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    version = parsed.get("version") or ""
    fmt = "atom" if version.startswith("atom") else "rss"
    entries = parsed.entries
    problem = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        problem = f"{type(exc).__name__}: {exc}" if exc is not None else "unknown error"
    if not entries:
        result.reject = "no feed entries" + (f" (not well-formed: {problem})" if problem else "")
        if not version:
            result.reject = "not a feed: no RSS or Atom entries" + (f" ({problem})" if problem else "")
        return result
    if problem:
        result.warnings.append(
            f"not well-formed {fmt.upper() if fmt == 'rss' else 'Atom'} ({problem}); "
            f"{len(entries)} entries recovered by feedparser's lenient parser"
        )
    encoding = parsed.get("encoding") or "utf-8"
    try:
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        text = data.decode("utf-8", errors="replace")
    spans = _entry_spans(text, len(entries))
    # a feed without a title: its site's host name, as for HTML pages and corpus tables
    outlet = _plain(parsed.feed.get("title")) or _host(parsed.feed.get("link"))
    articles = []
    for i, entry in enumerate(entries):
        art = _article(entry, i, outlet, spans[i])
        if art is None:
            result.skipped.append((i, f"entry {i}: no title or text"))
        else:
            articles.append(art)
    if not articles:
        result.reject = f"no articles: {len(entries)} entries without a title or text"
        result.skipped = []
        return result
    result.rows = article_rows(articles, path=path, page_id=stable_id(text), encoding=encoding.lower(), fmt=fmt, capture=capture, one_page=False)
    return result


def _entry_spans(text: str, n: int) -> list[tuple[int, int]]:
    """(start, end) of each entry element in the file; (-1, -1) when they cannot be told apart.

    An entry whose closing tag is missing (a truncated feed) runs to the next
    entry or to the end of the file.
    """
    # CDATA may hold anything, "<item>" included: blank it out, keeping offsets
    masked = _CDATA.sub(lambda m: " " * len(m.group(0)), text) if "<![CDATA[" in text else text
    opens = [m.start() for m in _ENTRY_OPEN.finditer(masked)]
    if len(opens) != n:
        return [(-1, -1)] * n
    closes = [m.end() for m in _ENTRY_CLOSE.finditer(masked)]
    spans = []
    for i, start in enumerate(opens):
        limit = opens[i + 1] if i + 1 < n else len(text)
        j = bisect.bisect_right(closes, start)
        end = closes[j] if j < len(closes) and closes[j] <= limit else limit
        spans.append((start, end))
    return spans


def _plain(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(fragment_paragraphs(value)) if ("<" in value or "&" in value) else " ".join(value.split())
    return text or None


def _article(entry: dict, index: int, outlet: str | None, span: tuple[int, int]) -> RawArticle | None:
    title = _plain(entry.get("title")) or ""
    contents = [c.get("value") or "" for c in entry.get("content") or []]
    summary = entry.get("summary") or ""
    html = max(contents, key=len) if contents and max(map(len, contents)) >= len(summary) else summary
    paragraphs = fragment_paragraphs(html) if html else []
    if not title and not paragraphs:
        return None
    body = _Body.from_lines(paragraphs)
    names = [a.get("name") for a in entry.get("authors") or [] if isinstance(a, dict)]
    if not any(names) and entry.get("author"):
        names = [entry.get("author")]
    authors, wire = credits.split_authors([n for n in names if n])
    for name in body.authors:
        if name not in authors:
            authors.append(name)
    src = entry.get("source") or {}
    credited = _plain(src.get("title")) if isinstance(src, dict) else None
    if credited:
        credited = credits.wire_name(credited) or credited
    source = credited or credits.dateline_wire(body.text) or wire or body.source
    published_text = entry.get("published") or entry.get("updated") or entry.get("created")
    published = parse_timestamp(published_text) if published_text else None
    if published is None and published_text:
        # a dialect feedparser knows and newskit does not: its UTC reading
        struct = entry.get("published_parsed") or entry.get("updated_parsed")
        if struct:
            published = (pd.Timestamp(time.strftime("%Y-%m-%dT%H:%M:%S", struct), tz="UTC"), "minute")
    return RawArticle(
        role="main", position=index, title=title, body=body.text, outlet=outlet, source=source,
        authors=authors, captions=body.captions, copyright=body.copyright,
        published_text=" ".join(published_text.split()) if published_text else None,
        char_start=span[0], char_end=span[1], published=published, url=entry.get("link"),
    )
