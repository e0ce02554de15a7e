"""Tables and text for notebooks, safe with scraped text.

Titles and bodies come from pages anyone can write: they must show as text,
never run as HTML or script, in JupyterLab and in exported reports. pandas'
plain ``DataFrame`` repr escapes; ``df.style`` does not by default, and its
index and column labels need their own escaping (see ../shared/NOTEBOOKS.md);
Markdown renders raw HTML. These helpers escape everything that came from a page.
"""
from __future__ import annotations

import html
import re

import pandas as pd
from IPython.display import Markdown
from pandas.io.formats.style import Styler

# Characters Markdown gives meaning to; escaped so a headline cannot make a
# link, an image or emphasis ("[x](javascript:...)", "![](...)", "*x*").
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>])")


def escape_markdown(text: object) -> str:
    """Escape scraped text for a Markdown cell output: HTML first, then Markdown.

    Examples:
        >>> escape_markdown('<script>alert(1)</script> [x](javascript:y)')
        '&lt;script&gt;alert\\\\(1\\\\)&lt;/script&gt; \\\\[x\\\\]\\\\(javascript:y\\\\)'
    """
    s = "" if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text)
    s = html.escape(s, quote=True)
    s = _MARKDOWN_SPECIAL.sub(r"\\\1", s)
    # html.escape made "&lt;" etc.; "&" itself is safe in Markdown
    return s.replace("\n", " ")


def headlines(articles: pd.DataFrame, *, n: int = 10, by: str = "published_at") -> Markdown:
    """The ``n`` latest headlines as a Markdown list: outlet, date, source, title.

    Raises:
        ValueError: a needed column is missing; lists what is there.
    """
    needed = ["title", "outlet", "source", by]
    missing = [c for c in needed if c not in articles.columns]
    if missing:
        raise ValueError(f"headlines: columns {missing} not in DataFrame; available: {list(articles.columns)}")
    latest = articles.sort_values([by, "title"], ascending=[False, True], na_position="last").head(n)
    lines = []
    for row in latest.itertuples(index=False):
        when = getattr(row, by)
        day = f"{when:%Y-%m-%d}" if pd.notna(when) else "undated"
        lines.append(
            f"- **{escape_markdown(row.outlet)}**, {day} ({escape_markdown(row.source)}): {escape_markdown(row.title)}"
        )
    return Markdown("\n".join(lines) if lines else "*no articles*")


def styled(df: pd.DataFrame, *, uuid: str, bars: str | None = None, precision: int = 2) -> Styler:
    """A Styler that escapes every cell, index and column label.

    ``uuid`` fixes the table's element ids, so outputs are the same on every
    run (nbval compares them). ``bars`` draws in-cell bars on a numeric column.

    Examples:
        >>> html_out = styled(pd.DataFrame({"<b>": ["<script>x</script>"]}), uuid="t").to_html()
        >>> "<script>" in html_out, "&lt;script&gt;" in html_out, "&lt;b&gt;" in html_out
        (False, True, True)
    """
    style = (
        df.style.set_uuid(uuid)
        .format(escape="html", precision=precision)
        .format_index(escape="html", axis=0)
        .format_index(escape="html", axis=1)
    )
    if bars is not None:
        style = style.bar(subset=[bars], color="#88CCEE", vmin=0)
    return style


def story_links(links: pd.DataFrame, articles: pd.DataFrame, mentions: pd.DataFrame, *, n: int = 12) -> pd.DataFrame:
    """The ``n`` strongest story links with headlines and entity names, for display.

    Args:
        links: ``cross_story(...).links`` (article_a, article_b, n_shared, shared, jaccard).
        articles: the article table (for headlines and outlets).
        mentions: the mentions table (for entity names).

    Returns:
        Columns ``story_a, story_b, n_shared, jaccard, shared`` (names, comma-separated).
    """
    heads = dict(zip(articles["article_id"], articles["outlet"].astype(str) + ": " + articles["title"].astype(str)))
    names = dict(zip(mentions["entity_id"], mentions["name"]))
    top = links.head(n)
    return pd.DataFrame({
        "story_a": [heads.get(a, a) for a in top["article_a"]],
        "story_b": [heads.get(b, b) for b in top["article_b"]],
        "n_shared": top["n_shared"].to_numpy(),
        "jaccard": top["jaccard"].round(3).to_numpy(),
        "shared": [", ".join(names.get(e, e) for e in ids) for ids in top["shared"]],
    })
