"""Precision and recall of ``find_mentions`` against a labelled set.

A labelled set is text with its mentions marked in place::

    [[Ishiba|person]] met [[Tokyo|place]] officials; [[Tokyo|country]] said ...   # why this line is hard

``[[surface|type]]`` or ``[[surface|type|entity_id]]``; the type is one of
``TYPES``; a metonymic capital is marked ``country``. In a ``.txt`` file, one
text a line, ``#`` lines are comments and "  # ..." after a text gives its
reason. A DataFrame may hold the same strings in a ``text`` column (and a
``why`` column), or plain texts with their mentions as rows: columns
``text, start, end, type`` (or ``text, surface, type``: the k-th row with a
surface is its k-th occurrence), ``entity_id`` optional. Records (a list of
dicts, or a ``.json`` file of them) work too: ``{"text": ..., "mentions":
[{"surface": ..., "type": ...}, ...]}`` or mentions as ``[surface, type]``.

A found mention is correct when its span and type are exactly those of a gold
mention (the CoNLL-2003 exact-match rule, Tjong Kim Sang & De Meulder 2003).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from newskit.mentions.columns import TYPES
from newskit.mentions.match import find_mentions

__all__ = ["evaluate", "parse_gold"]

_MARK = re.compile(r"\[\[([^\[\]|]+)\|([a-z]+)(?:\|([^\[\]|]+))?\]\]")
_REASON = re.compile(r"\s+#\s.*\Z")


def _parse_line(line: str, row: int) -> tuple[str, list[tuple[int, int, str, str | None]]]:
    out, spans, pos = [], [], 0
    for m in _MARK.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(map(len, out))
        surface, typ, eid = m.group(1), m.group(2), m.group(3)
        if typ not in TYPES:
            raise ValueError(f"parse_gold: text {row}: type {typ!r} is not one of {list(TYPES)}")
        out.append(surface)
        spans.append((start, start + len(surface), typ, eid))
        pos = m.end()
    out.append(line[pos:])
    text = "".join(out)
    if "[[" in text or "]]" in text:
        raise ValueError(f"parse_gold: text {row}: a [[...]] mark is malformed: {line[:80]!r}")
    return text, spans


def parse_gold(gold: str | Path | pd.DataFrame | list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Texts and gold mentions from a labelled set (formats in the module docstring).

    Returns:
        ``(articles, gold)``: ``articles`` has ``article_id`` ("g0", "g1", ...),
        ``body`` and ``why``; ``gold`` has ``article_id, start, end, type,
        entity_id, surface``.

    Raises:
        ValueError: a bad mark or type, or a DataFrame without the needed columns
            (the message lists those there are).

    Examples:
        >>> arts, gold = parse_gold(["[[Ishiba|person]] visited [[Tokyo|place]].  # plain"])
        >>> arts.loc[0, "body"], gold[["start", "end", "type"]].values.tolist()
        ('Ishiba visited Tokyo.', [[0, 6, 'person'], [15, 20, 'place']])
    """
    if isinstance(gold, (str, Path)):
        path = Path(gold)
        if not path.exists():
            raise FileNotFoundError(f"parse_gold: no such file: {path}")
        if path.suffix.lower() == ".json":
            return parse_gold(json.loads(path.read_text(encoding="utf-8")))
        lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.lstrip().startswith("#")]
        return _from_lines(lines)
    if isinstance(gold, list) and gold and isinstance(gold[0], dict):
        return _from_records(gold)
    if isinstance(gold, list):
        return _from_lines(gold)
    if not isinstance(gold, pd.DataFrame):
        raise TypeError(f"parse_gold: expected a path, a list of strings or a DataFrame; got {type(gold).__name__}")
    if "text" not in gold.columns:
        raise ValueError(f"parse_gold: column 'text' not in DataFrame; available: {list(gold.columns)}")
    if "type" not in gold.columns:
        why = gold["why"].tolist() if "why" in gold.columns else None
        return _from_lines(gold["text"].tolist(), why)
    return _from_rows(gold)


def _from_lines(lines: list[str], why: list | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    texts, reasons, rows = [], [], []
    for i, line in enumerate(lines):
        reason = why[i] if why is not None else None
        m = _REASON.search(line)
        if m and why is None:
            reason, line = m.group().strip()[1:].strip(), line[:m.start()]
        text, spans = _parse_line(line.strip(), i)
        aid = f"g{i}"
        texts.append((aid, text))
        reasons.append(reason)
        rows.extend((aid, s, e, t, eid, text[s:e]) for s, e, t, eid in spans)
    arts = pd.DataFrame({"article_id": [a for a, _ in texts], "body": [t for _, t in texts], "why": reasons})
    gold = pd.DataFrame(rows, columns=["article_id", "start", "end", "type", "entity_id", "surface"])
    return arts, gold


def _from_records(records: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``[{"text": ..., "mentions": [{"surface" or "start"/"end", "type", "entity_id"?}, ...]}, ...]``."""
    rows = []
    for i, rec in enumerate(records):
        if "text" not in rec:
            raise ValueError(f"parse_gold: record {i} has no 'text'; keys: {sorted(rec)}")
        mentions = rec.get("mentions") or []
        if not mentions:
            rows.append({"text": rec["text"], "type": None})
        for m in mentions:
            m = dict(zip(("surface", "type", "entity_id"), m)) if isinstance(m, (list, tuple)) else dict(m)
            rows.append({"text": rec["text"], **m})
    df = pd.DataFrame(rows)
    for col in ("surface", "start", "end"):
        if col not in df.columns:
            df[col] = None
    return _from_rows(df)


def _from_rows(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    if not ({"start", "end"} <= set(df.columns) or "surface" in df.columns):
        raise ValueError(f"parse_gold: need columns start and end, or surface; available: {list(df.columns)}")
    texts = list(dict.fromkeys(df["text"].tolist()))
    ids = {t: f"g{i}" for i, t in enumerate(texts)}
    rows, seen = [], {}
    for r in df.itertuples(index=False):
        text, typ = r.text, r.type
        if typ is None or (isinstance(typ, float) and pd.isna(typ)):
            continue  # a text without mentions
        if typ not in TYPES:
            raise ValueError(f"parse_gold: type {typ!r} is not one of {list(TYPES)}")
        if {"start", "end"} <= set(df.columns) and r.start is not None and not pd.isna(r.start):
            s, e = int(r.start), int(r.end)
        else:
            k = seen.get((text, r.surface), 0)
            s = -1
            for _ in range(k + 1):
                s = text.find(r.surface, s + 1)
            if s < 0:
                raise ValueError(f"parse_gold: surface {r.surface!r} (occurrence {k + 1}) not in text {text[:60]!r}")
            seen[(text, r.surface)] = k + 1
            e = s + len(r.surface)
        eid = getattr(r, "entity_id", None)
        rows.append((ids[text], s, e, typ, eid if isinstance(eid, str) else None, text[s:e]))
    arts = pd.DataFrame({"article_id": [ids[t] for t in texts], "body": texts, "why": [None] * len(texts)})
    return arts, pd.DataFrame(rows, columns=["article_id", "start", "end", "type", "entity_id", "surface"])


def evaluate(gold, gazetteer=None) -> pd.DataFrame:
    """Precision, recall and F1 per type of ``find_mentions`` on a labelled set.

    Args:
        gold: a labelled set: a ``.txt`` path, a list of marked-up strings or a
            DataFrame (see the module docstring).
        gazetteer: extra entries for ``find_mentions``.

    Returns:
        One row per type of ``TYPES`` and a last row ``all``: ``type, gold,
        found, correct, precision, recall, f1`` and ``id_accuracy`` (of the
        correct mentions whose gold mark names an entity_id, the share given
        that id; NaN when none does). ``attrs["errors"]`` lists the misses
        and false finds (``article_id, error, start, end, type, surface,
        text``) for reading.

    Raises:
        ValueError: from ``parse_gold``.

    Examples:
        >>> scores = evaluate(["[[Shigeru Ishiba|person]] met [[Nippon Steel|company]] officials in [[Tokyo|place]].",
        ...                    "[[Tokyo|country]] and [[Washington|country]] should deepen cooperation."])
        >>> scores.set_index("type").loc[["person", "country", "all"], ["gold", "correct", "precision", "recall"]]
                 gold  correct  precision  recall
        type
        person      1        1        1.0     1.0
        country     2        2        1.0     1.0
        all         5        5        1.0     1.0
    """
    arts, truth = parse_gold(gold)
    found = find_mentions(arts[["article_id", "body"]], gazetteer)
    bodies = dict(zip(arts["article_id"], arts["body"]))
    t_keys = {(r.article_id, r.start, r.end, r.type): (r.entity_id if isinstance(r.entity_id, str) else None)
              for r in truth.itertuples(index=False)}
    f_keys = {(r.article_id, r.start, r.end, str(r.type)): r.entity_id for r in found.itertuples(index=False)}
    rows = []
    for typ in (*TYPES, "all"):
        t = {k for k in t_keys if typ == "all" or k[3] == typ}
        f = {k for k in f_keys if typ == "all" or k[3] == typ}
        ok = t & f
        with_id = [k for k in ok if t_keys[k]]
        id_acc = sum(t_keys[k] == f_keys[k] for k in with_id) / len(with_id) if with_id else float("nan")
        p = len(ok) / len(f) if f else float("nan")
        r = len(ok) / len(t) if t else float("nan")
        f1 = 2 * p * r / (p + r) if f and t and (p + r) else float("nan")
        rows.append((typ, len(t), len(f), len(ok), p, r, f1, id_acc))
    scores = pd.DataFrame(rows, columns=["type", "gold", "found", "correct", "precision", "recall", "f1", "id_accuracy"])
    errors = [("missed", k) for k in sorted(set(t_keys) - set(f_keys))] + [("false", k) for k in sorted(set(f_keys) - set(t_keys))]
    scores.attrs["errors"] = pd.DataFrame(
        [(k[0], err, k[1], k[2], k[3], bodies[k[0]][k[1]:k[2]], bodies[k[0]]) for err, k in errors],
        columns=["article_id", "error", "start", "end", "type", "surface", "text"],
    )
    return scores
