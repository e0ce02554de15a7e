"""Scan a text for temporal expressions: find heads, try the grammar, call the handlers.

:func:`scan` reads the text once for head words (``grammar.HEADS``), tries the
grammar (``grammar.DISPATCH``) at the word starts of the modifier run before
each head, and hands the match to the rule's handler
(``calendar_rules``, ``relative_rules``, ``quantity_rules``). A handler that
declines passes the place on to the later rules. The discourse state kept in
the :class:`~newskit.dates.core.Context` (last date, quarter in discussion)
is updated as expressions are found, left to right.
"""
from __future__ import annotations

import datetime as dt
import re

from newskit.dates import calendar_rules as cal
from newskit.dates import grammar as g
from newskit.dates import quantity_rules as qty
from newskit.dates import relative_rules as rel
from newskit.dates.core import Context, Timex
from newskit.dates.resolve import PRECISION, Anchor, parse_anchor, period_day

__all__ = ["HANDLERS", "date_rows", "scan"]

HANDLERS = {**cal.HANDLERS, **rel.HANDLERS, **qty.HANDLERS}
assert set(HANDLERS) == set(g.RULE_ORDER), set(HANDLERS) ^ set(g.RULE_ORDER)
_LATER: dict[tuple[str, str], tuple[str, ...]] = {}  # (first character, declined rule) -> rules to try next
_MONEY_BEFORE = frozenset("$£€¥#")
# Rules whose result is counted from another date: they do not become the
# reference for the expressions that follow ("a year earlier" is not a new topic).
_RELATIVE_RULES = frozenset({"ago", "quarter_ref", "unitref"})


def _handle(name: str, m: re.Match, ctx: Context) -> Timex | None:
    s = m.start()
    if m.string[s].isdigit() and s > 0 and m.string[s - 1] in _MONEY_BEFORE:
        return None  # "$14 billion", "#89.7 million"
    return HANDLERS[name](m, ctx)


def _lower(text: str) -> str:
    """``text.lower()`` with the same length (a few characters, such as "İ", lower to two)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def _at(low: str, p: int, ctx: Context) -> tuple[str, Timex] | None:
    """The expression starting at ``p``: the first rule that matches and whose handler accepts."""
    scanner = g.DISPATCH[low[p]]
    if scanner is None:
        return None
    m = scanner.match(low, p)
    if m is None:
        return None
    name = m.lastgroup
    sub = g.COMPILED[name].match(low, p)
    tx = _handle(name, sub, ctx) if sub else None
    if tx is not None:
        return name, tx
    names = _LATER.get((low[p], name))
    if names is None:
        rules = g.DISPATCH.rules_for(low[p])
        names = _LATER[(low[p], name)] = rules[rules.index(name) + 1:]
    for other in names:  # declined: the later rules that can start here
        sub = g.COMPILED[other].match(low, p)
        if sub and sub.end() > p:
            tx = _handle(other, sub, ctx)
            if tx is not None:
                return other, tx
    return None


_MAYBE_YEAR = re.compile(r"(?:1\d{3}|20\d\d)(?!\d)|['’]\d\d(?!\d)")
# A number followed by a percent sign or a large-number word.
_NUMBER_END = re.compile(r"[\d.,]*(\s*(?:%|percent\b|per\s+cent\b)|\s+(?:million|billion|trillion)\b)?")


def scan(text: str, anchor: Anchor) -> list[Timex]:
    """Every temporal expression of ``text``, left to right, resolved against ``anchor``.

    For each head word (see ``grammar.HEADS``) not inside an expression found
    already, the word starts of the modifier run before it are tried left to
    right; the first expression found there that reaches the head is taken.
    """
    low = _lower(text)
    rev = low[::-1]
    n = len(low)
    ctx = Context(text, anchor, low)
    out: list[Timex] = []
    done = 0  # end of the last expression: nothing may start before it
    run_match = g.RUN_REVERSED.match
    word_starts = g.WORD_START.finditer
    non_starters = g.NON_STARTERS
    for head in g.HEADS.finditer(low):
        h = head.start()
        if h < done:
            continue
        if low[h].isdigit():
            if h > 0 and (low[h - 1] in "$£€¥#" or low[h - 1] in ".," and h > 1 and low[h - 2].isdigit()):
                continue  # "$14 billion"; the decimals of "2.7" or the thousands of "8,000"
            after = _NUMBER_END.match(low, h)
            if after and after.group(1):
                continue  # "25%", "2.7 million": a quantity, never part of a date
            if not g.NUMBER_IN_EXPRESSION.match(low, h) and not _MAYBE_YEAR.match(low, h) \
                    and not low.endswith(("and ", "or "), 0, h):
                continue  # "59 people", "233-seat", "No. 12": a count or a label
        r = n - h
        left = h - (run_match(rev, r).end() - r)
        starts = []
        if left < h:
            for w in word_starts(low, max(left, done), h):
                p = w.start()
                e = low.find(" ", p, h)
                if (low[p:e] if e > 0 else low[p:h].rstrip()) not in non_starters:
                    starts.append(p)
        starts.append(h)
        for p in starts:
            found = _at(low, p, ctx)
            if found is None:
                continue
            name, tx = found
            if tx.end <= h or tx.start < done:
                continue  # ends before the head: try a later start
            out.append(tx)
            done = tx.end
            if tx.period is not None and tx.type in ("DATE", "TIME") and name not in _RELATIVE_RULES:
                ctx.last = (tx.end, tx.period)
            break
    return out


def date_rows(text: str, anchor: object) -> list[tuple[int, int, str, str, dt.date | None, str | None]]:
    """The rows of ``newskit.dates.find_dates(text, anchor)`` as plain tuples, without building a table.

    Each row is ``(start, end, type, value, date, precision)``: ``date`` a
    ``datetime.date`` (the day ``find_dates`` gives as datetime64) or None for
    NaT, ``precision`` a str or None. For callers that read the rows one by
    one (``newskit.events.dating.article_dates``): a DataFrame per text costs
    more than finding its dates.

    Examples:
        >>> date_rows("Trump spoke on Friday, for 90 days.", "2025-06-02")
        [(15, 21, 'DATE', '2025-05-30', datetime.date(2025, 5, 30), 'day'), (27, 34, 'DURATION', 'P90D', None, None)]
    """
    if not isinstance(text, str):
        raise TypeError(f"find_dates: text must be a str; received {type(text).__name__}")
    a = parse_anchor(anchor)
    rows = []
    for tx in scan(text, a):
        day = period_day(tx.period) if tx.period is not None else None
        if day is None:
            rows.append((tx.start, tx.end, tx.type, tx.value, None, None))
        else:
            rows.append((tx.start, tx.end, tx.type, tx.value, day,
                         tx.time_prec if tx.type == "TIME" else PRECISION.get(tx.period.gran)))
    return rows
