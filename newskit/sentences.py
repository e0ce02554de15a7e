"""Sentence spans in news text, offline: a rule splitter tuned for wire copy.

NLTK's ``sent_tokenize`` needs the punkt data, which is not available offline,
and an untrained ``PunktSentenceTokenizer`` splits after every "U.S.". This
splitter follows Punkt's decisions (Kiss & Strunk 2006) with a hand-made list of
news abbreviations and frequent sentence starters in place of trained
parameters, and runs about 10x faster than Punkt (a sentence costs ~4 us),
which matters because every article is split before it is scored.

Rules, in order:

* A line break (``\\n``, ``\\r``, ``\\u2028`` ...) always ends a sentence, so
  headlines, bylines and datelines stay on their own.
* A candidate end is a run of ``.``, ``?``, ``!`` or ``…``, with any closing
  quotes or brackets after it, followed by white space. The sentence ends
  after the closing quote: ``'We will win.' He left`` is two sentences.
* No break when the next word starts with a lower-case letter
  (``"Why not?" he asked.``; Punkt's orthographic heuristic).
* ``?`` and ``!`` end a sentence.
* An ellipsis, an abbreviation ("U.S.", "Corp.", "Sen."; any dotted acronym
  such as "a.m." or "D.C."), or an initial ("J. Smith") ends a sentence only
  when the next word is a capitalised frequent sentence starter ("The",
  "But", "It"...; Punkt's "frequent sentence starter" heuristic, §4.1.3).
* Any other word (or number) followed by a period ends the sentence.

Commas never end a sentence, so ``"I was able to confirm ...," Akazawa said.``
is one sentence.
"""
from __future__ import annotations

import re

import pandas as pd

from newskit import schema

__all__ = [
    "NEWS_ABBREVIATIONS",
    "SENTENCE_COLUMNS",
    "SENTENCE_STARTERS",
    "sentence_table",
    "split_sentences",
]

# Abbreviations that news copy writes with a period, lower case, final period
# removed (Punkt's ``abbrev_types`` convention); "u.s" and other dotted forms are
# also caught by the dotted-acronym rule. Sources: the list; AP style
# for titles, military ranks, months and the US state abbreviations used in
# datelines ("SACRAMENTO, Calif."). Single letters (initials) are handled apart.
NEWS_ABBREVIATIONS = frozenset(
    """
    u.s u.k u.n e.u corp inc co cos ltd plc llc bros assn dept univ
    mr mrs ms dr prof rev hon gov sen sens rep reps pres jr sr st mt ft
    gen lt col maj capt cmdr adm sgt cpl pvt
    jan feb mar apr jun jul aug sep sept oct nov dec
    no nos vs v etc approx est fig vol pp ave blvd rd
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich
    minn miss mo mont neb nev okla ore pa tenn va vt wash wis wyo
    """.split()
)

# Capitalised words that, after an abbreviation or ellipsis, start a new
# sentence. Measured: the words seen 5+ times at the start of a sentence in
# TimeBank 1.2 + AQUAINT (256 news stories, ../shared/timebank) and more often
# lower-case than capitalised inside sentences, less the content nouns among
# them (Sales, Revenue, President, Officials, Police, New, First...), which
# follow "U.S." inside a sentence too.
SENTENCE_STARTERS = frozenset(
    """
    the in but he a it we and for this they if at there she on that his as no
    it's some with while last since earlier under to an after both one although
    these more of we're even about other now all you also according he's among
    that's so two just many neither what during once those another by over its
    then such our their despite each
    """.split()
)

SENTENCE_COLUMNS: tuple[schema.Column, ...] = (
    schema.Column("article_id", schema.STRING, "the article the sentence is in"),
    schema.Column("sentence_id", "int64", "0, 1, 2, ... in order within the article"),
    schema.Column("start", "int64", "offset of the sentence's first character in the text column"),
    schema.Column("end", "int64", "offset just past its last character: text[start:end]"),
    schema.Column("text", schema.STRING, "the sentence, without surrounding white space"),
)

_OPENERS = "\"'“‘«([{"
# One line: str.splitlines() boundaries (\x1c-\x1e and \x85 included).
_LINE = re.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]+")
# The next run of end punctuation, with any closers after it; the text before
# it is skipped in one C loop (a lookahead form of this scan was 2x slower).
_RUN = re.compile(r"[^.?!…]*([.?!…]+)([\"'”’»)\]}]*)")
_NEXT = re.compile(r"\s*(\S+)")
# a dotted acronym, alone or after a hyphen: U.S, a.m, D.C, e.g, Japan-U.S
_DOTTED = re.compile(r"(?:^|-)(?:[^\W\d_]\.)+[^\W\d_]$")
_TRAILING = ",;:.!?\"'”’)»]}"


def _is_starter(word: str) -> bool:
    return word[0].isupper() and word.rstrip(_TRAILING).replace("’", "'").lower() in SENTENCE_STARTERS


def _is_abbreviation(word: str) -> bool:
    """``word`` (without its final period) is an abbreviation or an initial."""
    if len(word) == 1:
        return word.isalpha()
    lower = word.lower()
    if lower in NEWS_ABBREVIATIONS:
        return True
    if "-" in lower and lower.rsplit("-", 1)[-1] in NEWS_ABBREVIATIONS:  # "Japan-U.S."
        return True
    return "." in word and _DOTTED.search(word) is not None


def _ends_sentence(word: str, punct: str, closers: str, following: str) -> bool:
    nxt = following.lstrip(_OPENERS)
    if not nxt:  # a dash or quote on its own: only a plain word's period ends
        return "?" in punct or "!" in punct or not _is_abbreviation(word.lstrip(_OPENERS))
    if nxt[0].islower():
        return False
    if "?" in punct or "!" in punct:
        return True
    if punct != ".":  # "...", "…"
        return _is_starter(nxt)
    if closers:  # period inside quotes or brackets
        return True
    if _is_abbreviation(word.lstrip(_OPENERS)):
        return _is_starter(nxt)
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text``, in order.

    Args:
        text: any text; line breaks are hard sentence boundaries.

    Returns:
        ``[(start, end), ...]`` with ``text[start:end]`` a sentence without
        surrounding white space; ``[]`` for blank text. Every non-space
        character of ``text`` is in exactly one span.

    Raises:
        TypeError: ``text`` is not a ``str``.

    Examples:
        >>> text = ("Tariff talks resume\\n'We are going to have a great partner.' "
        ...         "He met U.S. Steel Corp. officials. The talks ended.")
        >>> [text[s:e] for s, e in split_sentences(text)]
        ['Tariff talks resume', "'We are going to have a great partner.'", 'He met U.S. Steel Corp. officials.', 'The talks ended.']
        >>> split_sentences("  ")
        []
    """
    if not isinstance(text, str):
        raise TypeError(f"split_sentences: text must be a str; got {type(text).__name__}")
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        seg_start, line_end = line.span()
        # Where the line's last end punctuation is: the scan stops there rather
        # than re-scanning the tail from every position (quadratic on long lines).
        last = max(
            text.rfind(".", seg_start, line_end),
            text.rfind("?", seg_start, line_end),
            text.rfind("!", seg_start, line_end),
            text.rfind("…", seg_start, line_end),
        )
        if last >= 0:
            for m in _RUN.finditer(text, seg_start, line_end):
                punct_start, punct_end = m.span(1)
                end = m.end()
                if end < line_end and text[end].isspace():
                    following = _NEXT.match(text, end, line_end)
                    if following is not None:
                        # the word before the punctuation (spaces are the usual
                        # separator; rsplit catches any other white space)
                        space = text.rfind(" ", seg_start, punct_start)
                        word = text[space + 1 if space >= 0 else seg_start : punct_start]
                        if word and not word.isprintable():  # a tab, a newline-like space
                            word = (word.rsplit(None, 1) or [""])[-1]
                        if _ends_sentence(word, m.group(1), m.group(2), following.group(1)):
                            _add_span(spans, text, seg_start, end)
                            seg_start = following.start(1)
                if punct_end > last:
                    break
        _add_span(spans, text, seg_start, line_end)
    return spans


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def _require_columns(df: pd.DataFrame, columns: list[str], caller: str) -> None:
    """Raise ValueError naming the first missing column and the available ones."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{caller}: expected a DataFrame; got {type(df).__name__}")
    for col in columns:
        if col not in df.columns:
            raise ValueError(
                f"{caller}: column {col!r} not in DataFrame; available: {list(df.columns)}"
            )


def sentence_table(articles: pd.DataFrame, *, text: str = "body") -> pd.DataFrame:
    """One row per sentence of each article's ``text`` column.

    Args:
        articles: a table with ``article_id`` and the ``text`` column (the
            article table of ``load_articles``, or any such frame).
        text: the column to split; a missing value gives no sentences.

    Returns:
        A new DataFrame with ``SENTENCE_COLUMNS``: ``article_id`` (with the
        input's dtype),
        ``sentence_id`` (0, 1, ... within the article), ``start``, ``end``
        (offsets in the text column) and ``text``; articles in input order.
        The input is not modified.

    Raises:
        ValueError: ``article_id`` or ``text`` is not a column; the message
            lists the columns there are.
        TypeError: a value of the text column is neither text nor missing.

    Examples:
        >>> articles = pd.DataFrame({"article_id": ["a1", "a2"],
        ...     "body": ["Sen. Smith spoke. It rained.", None]})
        >>> sentence_table(articles)
          article_id  sentence_id  start  end               text
        0         a1            0      0   17  Sen. Smith spoke.
        1         a1            1     18   28         It rained.
    """
    _require_columns(articles, ["article_id", text], "sentence_table")
    return _sentence_frame(articles, *_sentence_rows(articles[text].tolist(), text, "sentence_table"))


def _sentence_frame(
    articles: pd.DataFrame, rows: list[int], numbers: list[int], starts: list[int],
    ends: list[int], texts: list[str],
) -> pd.DataFrame:
    """The ``SENTENCE_COLUMNS`` table of sentences found by ``_sentence_rows``."""
    return pd.DataFrame(
        {
            # the caller's ids, with their dtype
            "article_id": articles["article_id"].iloc[rows].reset_index(drop=True),
            "sentence_id": pd.Series(numbers, dtype="int64"),
            "start": pd.Series(starts, dtype="int64"),
            "end": pd.Series(ends, dtype="int64"),
            "text": pd.Series(texts, dtype=schema.STRING),
        }
    )


def _is_text(value: object, row: int, column: str, caller: str) -> bool:
    """True for text, False for a missing value (None, NaN, NA); TypeError otherwise."""
    if isinstance(value, str):
        return True
    try:
        if pd.isna(value):
            return False
    except (TypeError, ValueError):  # list-like: not a missing value
        pass
    raise TypeError(
        f"{caller}: column {column!r} holds a {type(value).__name__} at row {row}; expected text"
    )


def _sentence_rows(
    bodies: list, column: str, caller: str
) -> tuple[list[int], list[int], list[int], list[int], list[str]]:
    """Split each body: (input row, sentence number, start, end, text) as five lists."""
    rows: list[int] = []
    numbers: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    texts: list[str] = []
    for row, body in enumerate(bodies):
        if not _is_text(body, row, column, caller):
            continue  # missing text: no sentences
        for k, (s, e) in enumerate(split_sentences(body)):
            rows.append(row)
            numbers.append(k)
            starts.append(s)
            ends.append(e)
            texts.append(body[s:e])
    return rows, numbers, starts, ends, texts
