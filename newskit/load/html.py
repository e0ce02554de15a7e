"""Saved HTML pages (a browser's "Save page as") to articles.

An article page goes through trafilatura (Barbaresi 2021, ACL demo: the
best-scoring open-source main-text extractor in its own and in Bevendorff et
al.'s 2023 SIGIR comparison) for the main text, the title and the site name.
newskit's own rules then do what trafilatura does not:

* authors are a list; trafilatura joins them with "; " and keeps a wire
  ("David Lawder; Reuters") as an author. Names come from JSON-LD, the author
  meta tag, the byline element and the body's own byline, through
  ``credits.split_authors``; a wire goes to ``source``, never to ``authors``;
* photo captions (``<figcaption>``, or a caption opening the body) go to
  ``captions``, a closing copyright line to ``copyright``, as on text pages;
* the publication time comes from the page's markup (JSON-LD
  ``datePublished``, ``article:published_time`` and similar meta tags,
  ``<time datetime>``), then from a time printed in the article's header
  ("32 minutes ago", "Jun. 2, 2025 07:08 pm JST"), resolved like text pages
  (``captured_at`` or inferred). trafilatura's date is a last resort, read
  with htmldate's extensive search off and never taken when it is a bare
  year: htmldate falls back to the footer's copyright year as "YYYY-01-01"
  (htmldate/core.py, "catchall: copyright mention"), and a copyright year is
  not a publication date; nor when the page prints that day only in its
  chrome (a masthead's "today", a footer). On a page without ``<article>``,
  dates and bylines in mastheads, sidebars, footers and comments are not
  the article's.

An aggregator page (a main article over "Related Articles", the layout of the
text pages) is rendered to text (``page_text``) and split by the text-page
parser, so each related item is its own row, with its link as ``url``.
Offsets (``char_start``, ``char_end``) of HTML articles refer to that text.
"""
from __future__ import annotations

import codecs
import contextlib
import json
import logging
import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import lxml.etree as etree
import lxml.html
import pandas as pd

from newskit.load import credits
from newskit.load.aggregator import RawArticle, _Body, parse_page
from newskit.load.decode import Rejected, decode
from newskit.load.pages import FileResult, article_rows, stable_id
from newskit.load.published import EXPLICIT_DATE, parse_explicit, parse_relative, parse_timestamp

__all__ = ["load_html", "page_text", "fragment_paragraphs"]

# Elements that end a line when rendered (the HTML Living Standard's block
# and flow content, as browsers lay it out).
_BLOCK = frozenset(
    "address article aside blockquote caption center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary "
    "table tbody thead tfoot tr td th ul".split()
)
# Never text of the page: code, styling, widgets, embedded media.
_DROP = frozenset(
    "script style noscript template head title svg math iframe object embed canvas audio video "
    "button select option textarea input label".split()
)
# Site chrome; inside an <article> the same elements belong to the article.
_CHROME = frozenset(("nav", "header", "footer"))
# Where a page without <article> keeps other things' dates and names: the
# masthead's "today" date, a sidebar's headlines, the footer's copyright
# year, commenters' names.
_ASIDE = _CHROME | {"aside"}
_ASIDE_CLASS = re.compile(r"comment|sidebar|related|masthead|footer|widget|promo", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u200b]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
# Meta tags that carry the publication time (Open Graph's article namespace,
# schema.org microdata, Dublin Core, and the Parse.ly / Sailthru tags news
# CMSs emit), in order of trust.
_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "dc.date.issued", "dcterms.issued", "dc.date", "parsely-pub-date", "sailthru.date", "date",
)
_TIME_CLASS = re.compile(r"date|time|stamp|publish|posted", re.IGNORECASE)
_BYLINE_CLASS = re.compile(r"byline|\bauthor", re.IGNORECASE)
_SOURCE_CLASS = re.compile(r"\bsource\b|\bcredit\b|provider|agency", re.IGNORECASE)
_UPDATED = re.compile(r"^\s*(?:updated|modified|last updated)\b", re.IGNORECASE)
_TIME_PREFIX = re.compile(r"^\s*(?:published|posted|first published)(?:\s+on)?\s*:?\s*", re.IGNORECASE)
_MAX_META_TEXT = 160  # a byline element longer than this is prose, not metadata (credits._BYLINE_MAX)
# Headlines run 40-100 characters; a "title" over 200 is a block read whole
# (an unclosed <h1> holding the story, in a broken page).
_MAX_TITLE = 200
_WHATWG_LABELS = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}  # WHATWG Encoding, "windows-1252" labels


def load_html(path: str, data: bytes, capture: object) -> FileResult:
    """Read one saved HTML page into article rows.

    Args:
        path: the file, as the caller named it.
        data: its bytes (decompressed).
        capture: ``(captured_at, precision)``, or None to infer.

    Returns:
        A ``FileResult``: one row for an article page, one per article for an
        aggregator page; ``reject`` when no article text is found; a warning
        when the page is cut short (no closing ``</html>``).

    Examples:
        >>> page = (b'<html><head><meta name="author" content="Jane Doe; Reuters"></head><body><article>'
        ...         b'<h1>Rates hold</h1><span class="date">32 minutes ago</span>'
        ...         b'<p>The central bank held rates on Tuesday, as expected by most economists polled.</p>'
        ...         b'<p>Markets were calm. (c) 2024 Example Media</p></article>')
        >>> res = load_html("page.html", page, None)
        >>> row = res.rows[0]
        >>> row["title"], row["authors"], row["source"], row["published_text"], res.warnings
        ('Rates hold', ['Jane Doe'], 'Reuters', '32 minutes ago', ['truncated HTML: no closing </html> tag; loaded the text that was there'])
    """
    result = FileResult(path)
    try:
        text, encoding = decode_html(data)
        tree = _parse(text)
    except Rejected as exc:
        result.reject = str(exc)
        return result
    low = text.lower()
    if "<html" in low and "</html" not in low:
        result.warnings.append("truncated HTML: no closing </html> tag; loaded the text that was there")
    meta = _Meta.read(text, tree)
    rendered = _render(tree)
    articles, skipped = _aggregator_articles(tree, rendered, meta)
    if not articles:
        art = _article(text, tree, rendered, meta)
        if art is None:
            result.reject = "no article text: neither trafilatura nor the page's paragraphs give a title and body"
            return result
        articles = [art]
    result.rows = article_rows(articles, path=path, page_id=stable_id(text), encoding=encoding, fmt="html", capture=capture)
    result.skipped = skipped
    return result


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode an HTML file: its byte-order mark, else its ``<meta charset>``, else as text pages.

    Raises:
        Rejected: empty, binary, or undecodable.

    Examples:
        >>> decode_html('<meta charset="windows-1252"><p>café'.encode("cp1252"))[1]
        'cp1252'
    """
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        m = _META_CHARSET.search(data, 0, 4096)
        if m:
            try:
                name = codecs.lookup(m.group(1).decode("ascii")).name
            except (LookupError, UnicodeDecodeError):
                name = None
            name = _WHATWG_LABELS.get(name, name)
            if name and name != "utf-8":
                try:
                    return data.decode(name), name
                except UnicodeDecodeError:
                    pass  # the declaration lies: decode as text pages are
    return decode(data)


def _parse(text: str) -> lxml.html.HtmlElement:
    if _CONTROL.search(text):  # lxml refuses them; a few survive copy-paste (decode allows 1%)
        text = _CONTROL.sub("", text)
    try:
        tree = lxml.html.document_fromstring(_XML_DECL.sub("", text, count=1))
    except (etree.ParserError, ValueError) as exc:
        raise Rejected(f"not HTML: {exc}") from None
    return tree


def page_text(html: str) -> str:
    """The text of an HTML page as newskit reads it: one line per block.

    Scripts, styles, forms and embedded media are dropped, and so are
    ``<nav>``, ``<header>`` and ``<footer>`` outside an ``<article>`` (site
    chrome). White space runs become one space; block elements (paragraphs,
    headings, list items, divisions) and ``<br>`` end a line; empty lines are
    left out. HTML articles' ``char_start`` and ``char_end`` refer to this text.

    Examples:
        >>> page_text("<nav>Home</nav><h1>A  title</h1><p>One <b>para</b>.<script>x=1</script></p><p>Two.</p>")
        'A title\\nOne para.\\nTwo.'
    """
    return _render(_parse(html))


def fragment_paragraphs(html: str) -> list[str]:
    """Paragraphs of an HTML fragment (a feed summary, a table cell), as text.

    Scripts and styles are dropped, whatever the fragment's origin.

    Examples:
        >>> fragment_paragraphs("<p>One &amp; <b>two</b>.</p><script>alert('x')</script><p>Three.</p>")
        ['One & two.', 'Three.']
        >>> fragment_paragraphs("Plain text, no tags.")
        ['Plain text, no tags.']
    """
    if "<" not in html and "&" not in html:
        return [p for p in (_SPACE.sub(" ", line).strip() for line in html.split("\n")) if p]
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    return [ln for ln in _render(root, chrome=False).split("\n") if ln]


def _render(root: lxml.html.HtmlElement, chrome: bool = True) -> str:
    out: list[str] = []
    _walk(root, out, chrome, False)
    lines = (_SPACE.sub(" ", ln).strip() for ln in "".join(out).split("\n"))
    return "\n".join(ln for ln in lines if ln)


def _walk(el: etree._Element, out: list[str], chrome: bool, in_article: bool) -> None:
    tag = el.tag if isinstance(el.tag, str) else None
    if tag is None or tag in _DROP or (chrome and tag in _CHROME and not in_article) or el.get("hidden") is not None:
        if el.tail:
            out.append(el.tail.replace("\n", " "))
        return
    block = tag in _BLOCK
    if block:
        out.append("\n")
    elif tag == "br":
        out.append("\n")
    if el.text:
        out.append(el.text.replace("\n", " "))
    inside = in_article or tag == "article"
    for child in el:
        _walk(child, out, chrome, inside)
    if block:
        out.append("\n")
    if el.tail:
        out.append(el.tail.replace("\n", " "))


def _text(el: etree._Element) -> str:
    return _SPACE.sub(" ", el.text_content()).strip()


class _Meta:
    """What the page's markup says: address, site, dates, authors, captions."""

    def __init__(self) -> None:
        self.url: str | None = None
        self.site: str | None = None
        self.title: str | None = None
        self.published: tuple | None = None  # (at, precision)
        self.published_text: str | None = None
        self.author_values: list[str] = []
        self.wire: str | None = None
        self.captions: list[str] = []
        self.region: lxml.html.HtmlElement | None = None

    @classmethod
    def read(cls, text: str, tree: lxml.html.HtmlElement) -> "_Meta":
        meta = cls()
        metas: dict[str, str] = {}
        for m in tree.iter("meta"):
            key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
            value = (m.get("content") or "").strip()
            if key and value:
                metas.setdefault(key, value)
        ld = _json_ld(tree)
        canonical = next((ln.get("href") for ln in tree.iter("link") if (ln.get("rel") or "").lower() == "canonical" and ln.get("href")), None)
        saved = _SAVED_FROM.search(text, 0, 4096)
        ld_url = ld.get("url") if isinstance(ld.get("url"), str) else None
        meta.url = canonical or metas.get("og:url") or ld_url or (saved.group(1) if saved else None)
        meta.site = metas.get("og:site_name") or _name(ld.get("publisher"))
        meta.title = metas.get("og:title") or (ld.get("headline") if isinstance(ld.get("headline"), str) else None)
        regions = [*tree.iter("article")] or [*tree.iter("main")] or [tree.body if tree.find("body") is not None else tree]
        meta.region = regions[0]
        # authors: JSON-LD, meta tags, the byline element (all through credits.split_authors)
        for a in _as_list(ld.get("author")):
            name = _name(a)
            if name:
                meta.author_values.append(name)
        for key in ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author"):
            if key in metas and not metas[key].startswith("http"):
                meta.author_values.append(metas[key])
        for el in meta.region.iter():
            if not isinstance(el.tag, str):
                continue
            cls_id = f"{el.get('class', '')} {el.get('id', '')} {el.get('itemprop', '')} {el.get('rel', '')}"
            if el.tag in ("a", "span", "div", "p", "address") and _BYLINE_CLASS.search(cls_id) and not _aside(el):
                value = _text(el)
                if 0 < len(value) <= _MAX_META_TEXT:
                    meta.author_values.append(value)
                    break
        for el in meta.region.iter():
            if isinstance(el.tag, str) and el.tag not in _DROP and _SOURCE_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
                value = _text(el)
                if 0 < len(value) <= 60 and credits.wire_name(value):
                    meta.wire = credits.wire_name(value)
                    break
        meta.captions = [c for c in (_text(f) for f in tree.iter("figcaption")) if c]
        meta._dates(metas, ld, tree)
        return meta

    def _dates(self, metas: dict[str, str], ld: dict, tree: lxml.html.HtmlElement) -> None:
        """Machine-readable time first, then a printed one (see the module docstring)."""
        machine = [ld.get("datePublished")] + [metas.get(k) for k in _DATE_META]
        # <time> elements of the article only: a sidebar's dates are other stories'
        times = [t for t in self.region.iter("time") if t.get("datetime") and not _aside(t)]
        pub = [t for t in times if t.get("pubdate") is not None or "publish" in f"{t.get('class', '')} {t.get('itemprop', '')}".lower()]
        machine += [t.get("datetime") for t in pub + times]
        for value in machine:
            if isinstance(value, str) and (parsed := parse_timestamp(value)):
                self.published, self.published_text = parsed, value.strip()
                return
        # printed in the article's header: "32 minutes ago", "Jun. 2, 2025 07:08 pm JST"
        for el in self.region.iter():
            if not isinstance(el.tag, str) or el.tag in _DROP:
                continue
            if el.tag != "time" and not _TIME_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
                continue
            if _aside(el):
                continue
            value = _TIME_PREFIX.sub("", _text(el))
            if not value or len(value) > 60 or _UPDATED.match(value):
                continue
            if parse_relative(value):
                self.published_text = value  # resolved as text pages resolve it
                return
            parsed = parse_explicit(value) or parse_timestamp(value)
            if parsed:
                self.published, self.published_text = parsed, value
                return


def _aside(el: etree._Element) -> bool:
    """The element is page chrome outside any <article>: a masthead, sidebar, footer or comment."""
    ancestors = [el, *el.iterancestors()]
    if any(a.tag == "article" for a in ancestors):
        return False
    return any(a.tag in _ASIDE or _ASIDE_CLASS.search(f"{a.get('class', '')} {a.get('id', '')}") for a in ancestors if isinstance(a.tag, str))


def _json_ld(tree: lxml.html.HtmlElement) -> dict:
    """The page's schema.org Article object from JSON-LD (empty when none)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):  # the page's own data: malformed is skipped, not fatal
            continue
        stack = [data]
        while stack:
            obj = stack.pop(0)
            if isinstance(obj, list):
                stack.extend(obj)
            elif isinstance(obj, dict):
                kind = " ".join(str(t) for t in _as_list(obj.get("@type")))
                if "Article" in kind or "Posting" in kind:
                    return obj
                stack.extend(_as_list(obj.get("@graph")))
    return {}


def _as_list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _name(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    return None


def _aggregator_articles(
    tree: lxml.html.HtmlElement, rendered: str, meta: _Meta
) -> tuple[list[RawArticle], list[tuple[int, str]]]:
    """The articles of an aggregator page, or ([], []) when the page is not one."""
    h1 = next((t for t in (_text(h) for h in tree.iter("h1")) if t), None)
    start = rendered.find(h1) if h1 else -1
    if start > 0 and rendered[start - 1] == "\n":
        # the main article starts at the page's headline: what comes before is chrome
        text = rendered[start:]
    else:
        start, text = 0, rendered
    try:
        page = parse_page(text)
    except Rejected:
        return [], []
    related = [a for a in page.articles if a.role == "related"]
    if not related:
        return [], []
    if h1 and related[0].char_start == 0 and start >= 0:
        # the headline read as an item's outlet line ("<h1>Title</h1><span>June 18,
        # 2025</span>" looks like "Japan Today / 32 minutes ago"): an article page
        return [], []
    if len(related) < 2 and not any(a.role == "main" for a in page.articles):
        return [], []
    links: dict[str, str] = {}
    for a in tree.iter("a"):
        href, label = a.get("href"), _text(a)
        if href and label:
            try:
                links.setdefault(label, urljoin(meta.url or "", href))
            except ValueError:  # a malformed address in the page: keep it as written
                links.setdefault(label, href)
    for art in page.articles:
        art.char_start += start
        art.char_end += start
        if art.role == "main":
            art.url = meta.url
            if art.published_text is None and meta.published:
                art.published, art.published_text = meta.published, meta.published_text
            art.outlet = art.outlet or meta.site
        else:
            art.url = links.get(art.title)
    return page.articles, page.skipped


def _article(text: str, tree: lxml.html.HtmlElement, rendered: str, meta: _Meta) -> RawArticle | None:
    """The page's one article: trafilatura's text and title, newskit's credits and dates."""
    import trafilatura
    from trafilatura.settings import set_date_params

    with _quiet("trafilatura", "htmldate", "courlan"):  # a page it cannot read becomes newskit's reject
        doc = trafilatura.bare_extraction(
            text, url=meta.url, with_metadata=True, include_comments=False, include_tables=False,
            # extensive search reads dates from running text and the copyright line
            date_extraction_params=set_date_params(False),
        )
    paragraphs = [p for p in (_SPACE.sub(" ", ln).strip() for ln in (doc.text or "").split("\n")) if p] if doc else []
    title = next(
        (t for t in (meta.title, doc.title if doc else None, _title_tag(tree), *(_text(h) for h in tree.iter("h1")))
         if t and len(t) <= _MAX_TITLE),
        None,
    )
    # the headline and the date line, when a broken page puts them in the text
    while paragraphs and paragraphs[0] in (title, meta.published_text):
        paragraphs.pop(0)
    if not paragraphs:
        # trafilatura keeps nothing under ~250 characters (its MIN_EXTRACTED_SIZE): take the region's paragraphs
        paragraphs = [t for t in (_text(p) for p in meta.region.iter("p")) if t]
    if not title or not paragraphs:
        return None
    captions = list(meta.captions)
    paragraphs = [p for p in paragraphs if p not in captions]  # trafilatura may keep a figcaption as text
    body = _Body.from_lines(paragraphs)
    authors, wire = credits.split_authors(meta.author_values + ([doc.author] if doc and doc.author else []))
    for name in body.authors:
        if name not in authors:
            authors.append(name)
    # a dateline first (as on text pages), then wires the markup credits, then
    # the body's byline agency or copyright holder
    source = credits.dateline_wire(body.text) or wire or meta.wire or body.source
    published, published_text = meta.published, meta.published_text
    if published is None and published_text is None and doc and doc.date:
        published, published_text = _vetted_date(doc.date, rendered, _render(tree, chrome=False))
    start = rendered.find(title)
    last = body.text.rsplit("\n\n", 1)[-1][-80:] if body.text else ""
    end = rendered.rfind(last) + len(last) if last and rendered.rfind(last) >= 0 else len(rendered)
    start = start if 0 <= start <= end else 0
    return RawArticle(
        role="main", position=0, title=title, body=body.text,
        outlet=meta.site or (doc.sitename if doc else None) or _host(meta.url), source=source,
        authors=authors, captions=captions + body.captions, copyright=body.copyright,
        published_text=published_text, char_start=start, char_end=end,
        published=published, url=meta.url or (doc.url if doc else None),
    )


def _title_tag(tree: lxml.html.HtmlElement) -> str | None:
    """The <title>, without a " | Site" or " - Site" suffix."""
    el = tree.find(".//title")
    if el is None:
        return None
    text = _text(el)
    head = re.split(r"\s+[|\u2013\u2014-]\s+", text)[0].strip()
    return head or text or None


@contextlib.contextmanager
def _quiet(*names: str) -> Iterator[None]:
    """Silence libraries' loggers (and their children) for a call: their complaints end up in newskit's rejects."""
    loggers = [logging.getLogger(n) for n in names]
    before = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for lg, level in zip(loggers, before):
            lg.setLevel(level)


def _vetted_date(value: str, rendered: str, whole: str | None = None) -> tuple[tuple | None, str | None]:
    """trafilatura's date, unless it is a bare year or a date the page prints only in its chrome.

    Args:
        value: trafilatura's date ("YYYY-MM-DD").
        rendered: the page text without chrome (``page_text``).
        whole: the page text with its ``<header>``, ``<nav>`` and ``<footer>``.

    A January 1 the page never prints is htmldate's copyright-year or
    lone-year fallback. A day printed in the chrome but not in the text
    outside it is the masthead's "today" or a footer's date, not the
    article's. A day printed nowhere came from the markup (a meta tag or the
    address newskit does not read itself) and is kept, at day precision.
    """
    parsed = parse_timestamp(value)
    if parsed is None:
        return None, None
    at, _ = parsed
    if at.month == 1 and at.day == 1 and not _prints_new_year(rendered, at.year):
        return None, None  # htmldate's copyright-year or lone-year fallback
    if whole is not None:
        day = at.normalize()
        if day in _printed_days(whole) and day not in _printed_days(rendered):
            return None, None  # the masthead's or the footer's date
    return (at, "day"), value


def _printed_days(text: str) -> set[pd.Timestamp]:
    days = set()
    for m in EXPLICIT_DATE.finditer(text):
        parsed = parse_explicit(m.group(0))
        if parsed and parsed[1] in ("minute", "hour", "day"):
            days.add(parsed[0].normalize())
    return days


def _prints_new_year(text: str, year: int) -> bool:
    return bool(re.search(rf"\b(?:jan(?:uary)?\.?\s+0?1(?:st)?,?\s+{year}|0?1\s+jan(?:uary)?\.?,?\s+{year}|{year}-01-01)\b", text, re.IGNORECASE))


def _host(url: str | None) -> str | None:
    if not isinstance(url, str) or not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # "http://[bad": a page's own markup, not to be trusted
        return None
    return host.removeprefix("www.") or None
