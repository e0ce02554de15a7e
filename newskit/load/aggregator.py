"""Parse a saved aggregator page (plain text) into its articles.

The layout, from ``../shared/seed/000_ba2334b44991beed.txt``::

    <title>                                   main article
    <paragraph>                               one per line
    ...
    (From The Yomiuri Shimbun, June 1, 2025)  source line
    Hashtags                                  site boilerplate ...
    Try Our AI Features
    Explore what Daily8 AI can do for you:
    Comments
    No comments yet...
    Related Articles

    Japan Today                               related item: outlet,
    32 minutes ago                            relative time,
    - Japan Today                             credit line,
    <title>                                   title,
    <caption> By <byline> <text> © <notice>   body (often one line)

Variations real pages show are handled: datelines, no byline, several
paragraphs, no Related section, an item with no body, a truncated last item,
CRLF line ends. A page with none of the landmarks (a source line, the
boilerplate, an item header) is rejected as an unknown layout.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from newskit.load import credits
from newskit.load.decode import Rejected
from newskit.load.published import EXPLICIT_DATE, parse_explicit, parse_relative

_NEWLINE = re.compile(r"\r\n|\r|\n")
# Boilerplate lines of aggregator pages (exact lines, case-insensitive).
_BOILERPLATE = re.compile(
    r"(?:hashtags|try our ai features|explore what .{1,40}? can do for you:?|comments(?:\s*\(\d+\))?"
    r"|no comments yet\.*|be the first to comment\.*|related(?: articles| stories| news)?"
    r"|more from .{1,40}|advertisement|share(?: this article)?|read more|load more|#\w+(?:\s+#\w+)*)",
    re.IGNORECASE,
)
_MAX_BOILERPLATE = 60  # the longest boilerplate line: "Explore what <site> AI can do for you:"
_RELATED_HEADING = re.compile(r"related(?: articles| stories| news)?", re.IGNORECASE)
_AGGREGATOR = re.compile(r"explore what (?P<site>.{1,40}?) (?:ai )?can do for you:?", re.IGNORECASE)
# "(From The Yomiuri Shimbun, June 1, 2025)", "(The Japan News, July 23, 2025)",
# "(From Kyodo)"; the parentheses are optional.
_SOURCE_LINE = re.compile(
    r"\(?\s*(?:From\s+)?(?P<source>[^(),\n]{2,60}?)\s*(?:,\s*(?P<date>[^()\n]{6,40}?))?\s*\)?\.?",
)
_CREDIT_LINE = re.compile(r"[-–—]\s*(?P<outlet>\S.{0,79})")
_MAX_OUTLET = 80


@dataclass
class RawArticle:
    """One article as found on a page, before it becomes a table row."""

    role: str
    position: int
    title: str
    body: str
    outlet: str | None
    source: str | None
    authors: list[str]
    captions: list[str]
    copyright: str | None
    published_text: str | None
    char_start: int
    char_end: int
    # set by readers of structured sources (HTML metadata, feeds, tables): a
    # machine-readable time already parsed, which wins over published_text
    published: tuple | None = None  # (published_at UTC, precision)
    url: str | None = None


@dataclass
class Page:
    """The parsed page: its articles, the aggregator's name, skipped items."""

    articles: list[RawArticle]
    site: str | None
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (position, reason)


class _Line(NamedTuple):  # a tuple: pages have thousands of lines
    start: int
    end: int
    text: str  # stripped

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str) -> list[_Line]:
    """Lines with their offsets in ``text`` (any of CRLF, CR, LF ends a line)."""
    lines = []
    pos = 0
    if "\r" not in text:  # the common case, at str.split speed
        append = lines.append
        for raw in text.split("\n"):
            stripped = raw.strip()
            if stripped and len(stripped) != len(raw):
                start = pos + len(raw) - len(raw.lstrip())
                append(_Line(start, start + len(stripped), stripped))
            else:
                append(_Line(pos, pos + len(raw), stripped))
            pos += len(raw) + 1
        if lines and lines[-1].start >= len(text):  # text ended with a newline
            lines.pop()
        return lines
    for m in _NEWLINE.finditer(text):
        lines.append(_line(text, pos, m.start()))
        pos = m.end()
    if pos < len(text):
        lines.append(_line(text, pos, len(text)))
    return lines


def _line(text: str, start: int, end: int) -> _Line:
    raw = text[start:end]
    stripped = raw.strip()
    if stripped and stripped != raw:
        start += len(raw) - len(raw.lstrip())
        end = start + len(stripped)
    return _Line(start, end, stripped)


# The longest time line: "September 30, 2025 11:59 p.m. +09:00".
_MAX_TIME_LINE = 40


def _is_time_line(s: str) -> bool:
    return 0 < len(s) <= _MAX_TIME_LINE and (
        parse_relative(s) is not None or EXPLICIT_DATE.fullmatch(s) is not None
    )


def _is_outlet_line(s: str) -> bool:
    return (
        0 < len(s) <= _MAX_OUTLET
        and not s.endswith((".", "!", "?", ":", ","))
        and not _BOILERPLATE.fullmatch(s)
        and not _is_time_line(s)
    )


def _item_headers(lines: list[_Line]) -> list[tuple[int, int]]:
    """(first line, first line after the header) of each related item."""
    headers = []
    i = 0
    n = len(lines)
    while i < n - 1:
        a, b = lines[i], lines[i + 1]
        if not a.blank and _is_time_line(b.text) and _is_outlet_line(a.text):
            end = i + 2
            if end < n and _CREDIT_LINE.fullmatch(lines[end].text):
                end += 1
            headers.append((i, end))
            i = end
        else:
            i += 1
    return headers


def parse_page(text: str) -> Page:
    """Split a decoded page into articles.

    Raises:
        Rejected: the page shows none of the layout's landmarks.

    Examples:
        >>> page = parse_page("A title\\nA paragraph.\\n(From Kyodo, June 1, 2025)\\n")
        >>> [(a.title, a.body, a.source, a.published_text) for a in page.articles]
        [('A title', 'A paragraph.', 'Kyodo', 'June 1, 2025')]
    """
    lines = split_lines(text)
    headers = _item_headers(lines)
    first_item = headers[0][0] if headers else len(lines)
    boiler = next(
        (i for i in range(first_item) if len(lines[i].text) <= _MAX_BOILERPLATE and _BOILERPLATE.fullmatch(lines[i].text)),
        first_item,
    )
    site = next(
        (m["site"].strip() for ln in lines[boiler:first_item] if (m := _AGGREGATOR.fullmatch(ln.text))),
        None,
    )
    main_lines = [ln for ln in lines[:boiler] if not ln.blank]
    source_line = None
    if len(main_lines) >= 2:
        source_line = _source_line(main_lines[-1].text)
        if source_line:
            main_lines_body = main_lines[1:-1]
        else:
            main_lines_body = main_lines[1:]
    if not headers and boiler == len(lines) and source_line is None:
        raise Rejected(
            "unknown layout: no source line such as '(From Kyodo, June 1, 2025)', "
            "no aggregator boilerplate ('Related Articles', 'Comments') and no related items "
            "(outlet / '32 minutes ago' / '- outlet')"
        )
    articles: list[RawArticle] = []
    skipped: list[tuple[int, str]] = []
    if main_lines:
        src, date_text = source_line if source_line else (None, None)
        body = _Body.from_lines([ln.text for ln in main_lines_body] if len(main_lines) >= 2 else [])
        articles.append(
            RawArticle(
                role="main", position=0, title=main_lines[0].text, body=body.text,
                outlet=site, source=src or body.source, authors=body.authors,
                captions=body.captions, copyright=body.copyright, published_text=date_text,
                char_start=main_lines[0].start, char_end=main_lines[-1].end,
            )
        )
    for k, (h_start, h_end) in enumerate(headers, start=1):
        stop = headers[k][0] if k < len(headers) else len(lines)
        content = [ln for ln in lines[h_end:stop] if not ln.blank]
        # trailing boilerplate after the last item ("Load more")
        while content and _BOILERPLATE.fullmatch(content[-1].text) and not _is_body_like(content[-1].text):
            content.pop()
        outlet = lines[h_start].text
        credit = _CREDIT_LINE.fullmatch(lines[h_end - 1].text) if h_end - h_start == 3 else None
        if not content:
            skipped.append((k, f"related item from {outlet!r} ({lines[h_start + 1].text}) has no title or body"))
            continue
        body = _Body.from_lines([ln.text for ln in content[1:]])
        articles.append(
            RawArticle(
                role="related", position=k, title=content[0].text, body=body.text,
                outlet=(credit["outlet"].strip() if credit else outlet) or outlet,
                source=body.source, authors=body.authors, captions=body.captions,
                copyright=body.copyright, published_text=lines[h_start + 1].text,
                char_start=lines[h_start].start, char_end=content[-1].end,
            )
        )
    return Page(articles=articles, site=site, skipped=skipped)


def _is_body_like(s: str) -> bool:
    return len(s) > 60


def _source_line(s: str) -> tuple[str, str | None] | None:
    """The (source, printed date) of a main article's closing source line."""
    if not (s.startswith("(") and s.rstrip(".").endswith(")")) and not s.startswith("From "):
        return None
    m = _SOURCE_LINE.fullmatch(s)
    if not m:
        return None
    date_text = m["date"]
    if date_text is not None and parse_explicit(date_text) is None:
        return None
    source = m["source"].strip()
    if len(source.split()) > 6:
        return None
    return credits.wire_name(source) if source.isupper() else source, date_text


@dataclass
class _Body:
    """A body with its caption, byline and copyright peeled off."""

    text: str
    authors: list[str]
    captions: list[str]
    copyright: str | None
    source: str | None

    @classmethod
    def from_lines(cls, paragraphs: list[str]) -> "_Body":
        paragraphs = list(paragraphs)
        captions: list[str] = []
        authors: list[str] = []
        agency = None
        # Caption and byline open the body, each on its own line or run together.
        while paragraphs:
            caps, rest = credits.split_captions(paragraphs[0])
            names, wire, rest = credits.split_byline(rest)
            captions += caps
            authors += names
            agency = agency or wire
            if not (caps or names or wire):
                break
            if rest.strip():
                paragraphs[0] = rest
                if not names and not wire:
                    continue  # a caption on its own: a byline may follow
                break
            paragraphs.pop(0)
        notice = None
        if paragraphs:
            last, notice = credits.split_copyright(paragraphs[-1])
            if notice is not None:
                if last:
                    paragraphs[-1] = last
                else:
                    paragraphs.pop()
        body = "\n\n".join(p for p in paragraphs if p)
        source = (
            credits.dateline_wire(body)
            or agency
            or (credits.copyright_holder(notice) if notice else None)
        )
        return cls(body, authors, captions, notice, source)
