"""The timeline merge's index finds exactly the event a scan of every event would find.

``newskit.events.timeline._cluster`` compares a mention only with the events
an index says could accept it (by action, week or day, actor country,
targets, products). The merge rule is greedy (each mention joins the
earliest-made event that accepts it), so an index that missed a candidate
would change the timeline. Here random mentions over a small vocabulary (so
that many are compatible, partly compatible, or unknown in some attribute)
are clustered with the index and by a plain scan of every event, and the
assignments must be identical.
"""
from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from newskit.events import timeline as T

ACTORS = [None, "United States", "China", "European Union"]
TARGETS = ["", "China", "Canada", "Mexico", "China, Canada", "all"]
PRODUCTS = ["", "steel", "aluminum", "steel, aluminum", "autos"]
RATES = [None, 10.0, 25.0, 50.0]
PRECISIONS = ["day", "day", "day", "week", "month", "year", "published", None]


def _brute(keys: list[T._Key]) -> list[int]:
    events: list[T._Event] = []
    joined = []
    for m in keys:
        home = next((i for i, e in enumerate(events) if e.accepts(m)), None)
        if home is None:
            events.append(T._Event(m, []))
            home = len(events) - 1
        else:
            events[home].add(m)
        joined.append(home)
    return joined


def _keys(seed: int, n: int) -> list[T._Key]:
    rng = random.Random(seed)
    day0 = pd.Timestamp("2025-03-01", tz="UTC")
    keys = []
    for _ in range(n):
        precision = rng.choice(PRECISIONS)
        date = None if precision is None or rng.random() < 0.05 else day0 + pd.Timedelta(days=rng.randrange(60))
        precision = precision or "published"
        keys.append(T._Key(rng.choice(["raise", "raise", "pause"]), rng.choice(ACTORS), T._set(rng.choice(TARGETS)),
                           T._set(rng.choice(PRODUCTS)), rng.choice(RATES), rng.choice(RATES),
                           None if date is None else T._span(date, precision), precision))
    # the merge's order: most specific date first
    keys.sort(key=lambda k: (T._PRECISION_RANK[k.precision], k.span[0] if k.span else np.iinfo(np.int64).max))
    return keys


@pytest.mark.parametrize("seed", range(6))
def test_indexed_merge_equals_a_scan_of_every_event(seed):
    keys = _keys(seed, 1500)
    events, joined = T._cluster(keys)
    want = _brute(keys)
    assert joined.tolist() == want
    assert len(events) == len(set(want))
    # the vocabulary is small enough that mentions merge, and large enough that not all do
    assert 50 < len(events) < len(keys) / 2


def test_an_event_that_gains_an_actor_target_or_product_is_found_under_it():
    day = T._span(pd.Timestamp("2025-03-03", tz="UTC"), "day")
    week = T._span(pd.Timestamp("2025-03-03", tz="UTC"), "week")
    bare = T._Key("raise", None, frozenset(), frozenset(), None, None, day, "day")
    full = T._Key("raise", "China", frozenset({"Canada"}), frozenset({"steel"}), None, None, day, "day")
    other = T._Key("raise", "China", frozenset({"Mexico"}), frozenset({"steel"}), None, None, day, "day")
    # week-dated mentions come later; each matches only through what the first event gained
    later = [T._Key("raise", "China", frozenset({"Canada"}), frozenset(), None, None, week, "week"),
             T._Key("raise", None, frozenset(), frozenset({"steel"}), None, None, week, "week"),
             T._Key("raise", "United States", frozenset({"Canada"}), frozenset(), None, None, week, "week")]
    keys = [bare, full, other, *later]
    events, joined = T._cluster(keys)
    assert joined.tolist() == _brute(keys) == [0, 0, 1, 0, 0, 2]
