"""One saved page file to article rows (or a reject with its reason).

This is the per-file unit of work: it runs in worker processes, so it takes
and returns plain picklable values.
"""
from __future__ import annotations

import hashlib
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
    path: str
    rows: list[dict] = field(default_factory=list)
    reject: str | None = None
    skipped: list[tuple[int, str]] = field(default_factory=list)


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


def load_page_file(path: str, capture: tuple[pd.Timestamp, str] | None) -> FileResult:
    """Read, decode and parse one page file.

    Args:
        path: the file, as the caller named it (kept in the ``path`` column).
        capture: ``(captured_at, precision)`` from the caller, or None to infer.

    Returns:
        A ``FileResult`` with one dict per article (article table columns), or
        with ``reject`` set to the reason the file yields no articles.
    """
    result = FileResult(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        result.reject = f"unreadable: {exc.strerror or exc}"
        return result
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
    page_id = stable_id(text)
    published = _published(page.articles, capture)
    for art, (at, precision, origin) in zip(page.articles, published):
        outlet = art.outlet or art.source or ""
        source = art.source or outlet
        result.rows.append(
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
                "char_start": art.char_start,
                "char_end": art.char_end,
                "encoding": encoding,
                "language": detect_language(art.title + "\n" + art.body),
                "word_count": word_count(art.body),
            }
        )
    result.skipped = page.skipped
    return result


def _published(
    articles: list[RawArticle], capture: tuple[pd.Timestamp, str] | None
) -> list[tuple[pd.Timestamp | None, str | None, str | None]]:
    """(published_at, date_precision, date_origin) for each article of a page."""
    out: list[tuple[pd.Timestamp | None, str | None, str | None]] = []
    relative = {}
    explicit_dates = []
    for i, art in enumerate(articles):
        text = art.published_text or ""
        exp = parse_explicit(text) if text else None
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
