"""Precision and recall of ``tariff_events`` on labelled sentences.

A labelled set is a table with one row per expected event (a sentence with
two events has two rows; one with none has one row with ``action`` "none"):

    id  published  sentence  action  rate_from  rate_to  event_date  note

``published`` is the anchor (the publication day), ``event_date`` the date
the sentence gives for the event (YYYY-MM-DD, the first day of a week or
month), empty when it gives none. ``note`` says what the row exercises.

How the sets are labelled (the rules of ``tariff_events`` follow them):

* Negated ("did not impose", "failed to reach a deal") and hypothetical
  ("could impose", "if ... would", "considering", "seeking an exemption",
  analysts' forecasts) mentions are not events: "none".
* "duty" and "levy" are tariffs only on imports or goods from another country:
  "on duty", "a duty to", "a levy on plastic bags", the gasoline levy, a
  tourist levy are "none".
* An announcement of a future measure is an event dated by the announcement
  ("China said on Wednesday it will impose ..." is Wednesday); a date on
  someone else's reporting ("..., officials said Tuesday") is not the date.
  "from / effective / starting X" adds a ``take_effect`` row dated X.
* A threat, a vow to impose or a conditional promise of retaliation by a named
  side is ``threaten``; "agreed to <act>" is that act; a deal's content ("a
  deal that sets a 15% tariff") belongs to the ``agree`` row.
* Rates: ``rate_to`` is the level imposed or reached, ``rate_from`` the level
  before; removing a tariff goes to 0; the rate a pause or exemption applies
  to is ``rate_from``; "doubled to 50%" is 25 -> 50.

Sets in tests/data/events: ``labelled.tsv`` (188 sentences, the development
set the rules were written against), ``heldout.tsv`` (70, written before the
last rounds of rules, then looked at), ``heldout2.tsv`` (61, written after
the rules were done and scored once before three general fixes).

Scores, per sentence, on multisets:

* **action**: predicted actions against expected ones.
* **rate**: (action, rate_from, rate_to) for events with a rate, either side.
* **date**: (action, event_date) for events dated by their sentence (expected
  dates given; predicted ``date_source == "sentence"``). A date taken from
  reported speech, or a wrong one, is a false positive; a missed one a false
  negative.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from newskit.events.extract import tariff_events
from newskit.paths import PROJECT_ROOT

__all__ = ["LABELLED", "read_labelled", "evaluate", "compare"]

LABELLED = PROJECT_ROOT / "tests" / "data" / "events" / "labelled.tsv"
_NEEDED = ["id", "published", "sentence", "action", "rate_from", "rate_to", "event_date"]


def read_labelled(path: str | Path = LABELLED) -> pd.DataFrame:
    """Read a labelled set (tab-separated, see the module docstring).

    Args:
        path: the file; default: tests/data/events/labelled.tsv.

    Returns:
        The table, ``id`` and text columns as str, rates as float.

    Raises:
        ValueError: a needed column is missing; the message lists those there are.

    Examples:
        >>> df = read_labelled()
        >>> list(df.columns[:4]), len(df) > 150
        (['id', 'published', 'sentence', 'action'], True)
    """
    df = pd.read_csv(path, sep="\t", dtype={"id": str, "sentence": str, "action": str, "note": str},
                     keep_default_na=False, na_values={"rate_from": [""], "rate_to": [""]})
    missing = [c for c in _NEEDED if c not in df.columns]
    if missing:
        raise ValueError(f"read_labelled: columns {missing} not in {path}; available: {list(df.columns)}")
    return df


def _predict(labelled: pd.DataFrame) -> pd.DataFrame:
    sentences = labelled.drop_duplicates("id")
    articles = pd.DataFrame({
        "article_id": sentences["id"].astype(str).tolist(),
        "body": sentences["sentence"].tolist(),
        "published_at": pd.to_datetime(sentences["published"], utc=True).tolist(),
    })
    return tariff_events(articles)


def _num(x: object) -> float | None:
    return None if x is None or pd.isna(x) or x == "" else round(float(x), 2)


def _gold_sets(labelled: pd.DataFrame) -> dict[str, dict[str, Counter]]:
    out: dict[str, dict[str, Counter]] = {}
    for row in labelled.itertuples(index=False):
        sets = out.setdefault(str(row.id), {"action": Counter(), "rate": Counter(), "date": Counter()})
        if row.action == "none":
            continue
        sets["action"][row.action] += 1
        r_from, r_to = _num(row.rate_from), _num(row.rate_to)
        if r_from is not None or r_to is not None:
            sets["rate"][(row.action, r_from, r_to)] += 1
        if isinstance(row.event_date, str) and row.event_date:
            sets["date"][(row.action, row.event_date)] += 1
    return out


def _pred_sets(pred: pd.DataFrame, ids: list[str]) -> dict[str, dict[str, Counter]]:
    out = {i: {"action": Counter(), "rate": Counter(), "date": Counter()} for i in ids}
    for row in pred.itertuples(index=False):
        sets = out.setdefault(str(row.article_id), {"action": Counter(), "rate": Counter(), "date": Counter()})
        sets["action"][row.action] += 1
        r_from, r_to = _num(row.rate_from), _num(row.rate_to)
        if r_from is not None or r_to is not None:
            sets["rate"][(row.action, r_from, r_to)] += 1
        if row.date_source == "sentence":
            sets["date"][(row.action, f"{row.event_date:%Y-%m-%d}")] += 1
    return out


def compare(labelled: pd.DataFrame) -> pd.DataFrame:
    """Per sentence and field: what was expected, what was found, and the misses.

    Args:
        labelled: a labelled table (see the module docstring).

    Returns:
        One row per sentence id and field (action, rate, date) where expected
        and found differ: ``id``, ``sentence``, ``field``, ``expected``,
        ``found`` (sorted lists of the multiset items).

    Examples:
        >>> len(compare(read_labelled()))
        0
    """
    gold = _gold_sets(labelled)
    pred = _pred_sets(_predict(labelled), list(gold))
    text = dict(zip(labelled["id"].astype(str), labelled["sentence"]))
    rows = []
    for i in gold:
        for field in ("action", "rate", "date"):
            g, p = gold[i][field], pred[i][field]
            if g != p:
                rows.append({"id": i, "sentence": text[i], "field": field,
                             "expected": sorted(g.elements(), key=str), "found": sorted(p.elements(), key=str)})
    return pd.DataFrame(rows, columns=["id", "sentence", "field", "expected", "found"])


def evaluate(labelled: pd.DataFrame | str | Path = LABELLED) -> pd.DataFrame:
    """Precision, recall and F1 of ``tariff_events`` for action, rate and date.

    Args:
        labelled: a labelled table (see the module docstring) or the path of
            a tab-separated file with one; default: the set in tests/data/events.

    Returns:
        One row per field (action, rate, date) with ``tp``, ``fp``, ``fn``,
        ``precision``, ``recall``, ``f1`` and ``sentences`` (the number of
        labelled sentences).

    Raises:
        ValueError: a needed column is missing; the message lists those there are.

    Examples:
        >>> scores = evaluate()
        >>> list(scores["field"])
        ['action', 'rate', 'date']
        >>> bool((scores[["precision", "recall"]] >= 0.9).all().all())
        True
    """
    if not isinstance(labelled, pd.DataFrame):
        labelled = read_labelled(labelled)
    missing = [c for c in _NEEDED if c not in labelled.columns]
    if missing:
        raise ValueError(f"evaluate: columns {missing} not in DataFrame; available: {list(labelled.columns)}")
    gold = _gold_sets(labelled)
    pred = _pred_sets(_predict(labelled), list(gold))
    rows = []
    for field in ("action", "rate", "date"):
        tp = fp = fn = 0
        for i in gold:
            g, p = gold[i][field], pred[i][field]
            both = sum((g & p).values())
            tp += both
            fp += sum(p.values()) - both
            fn += sum(g.values()) - both
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append({"field": field, "tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 3),
                     "recall": round(recall, 3), "f1": round(f1, 3), "sentences": len(gold)})
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> None:
    """Print the scores of each labelled set: ``python -m newskit.events.evaluate [FILE ...]``."""
    import sys

    paths = (argv if argv is not None else sys.argv[1:]) or [
        LABELLED, LABELLED.parent / "heldout.tsv", LABELLED.parent / "heldout2.tsv"]
    for path in paths:
        print(f"{Path(path).name}:")
        print(evaluate(path).to_string(index=False))


if __name__ == "__main__":
    main()
