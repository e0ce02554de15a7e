"""The fast paths of newskit.events give what the plain scans they replace give.

Each fast path (trigger patterns tried only at the words that can start them,
look-aheads and capital-first patterns, word gates before case-insensitive
patterns, find_dates' rows without a table) is compared with a plain version
written here (the code it replaced) on the sample corpus, the labelled
sentences and texts made to hit the edge cases.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from newskit import load_articles, read_capture_times
from newskit.dates import find_dates
from newskit.dates.rules import date_rows
from newskit.events import dating as dt
from newskit.events import entities as en
from newskit.events import reading as rd
from newskit.events import slots as sl
from newskit.events.evaluate import read_labelled
from newskit.paths import SAMPLE_CAPTURES, SAMPLE_PAGES
from newskit.sentences import split_sentences

EDGE = [
    "The U.S. will re-impose tariffs; they will re-impose and resume tariffs later.",
    "İmpose tariffs, ımpose duties, raıse them: Trump raises tariffs and ſteel levies.",
    "Vicepresident Bob said. President  Joe Biden and Prime Minister Ishiba met U.S. Trade Representative Jamieson Greer.",
    "Commerce Secretary Howard Lutnick, Mexican President Claudia Sheinbaum and O'Brien o'Brien met von der Leyen.",
    "the U.S. Court of International Trade and a federal appeals court; The Supreme Court. CIT cit judges",
    "ſection 232 IEEPA ieepa emergency law, Section  301 and section\n122 safeguard duties, anti-dumping, countervailing duty",
    "Steel STEEL ſteel iPhones EVs evs oil and gas, OIL imports, auto parts, automobile parts, rare earths",
    "Kelvin \u212a test: \u212asteel, \u212aorea, Japan Japanese, US-made, U.S.-based, -US, 27 EU",
    "U.S. Corp. Co. Mrs. Mr. Ms. A.B.C.D. xU.S. _U.S. Inc.Ltd. No.12 Gen. Bros. St.Louis Sen. ÉU.S. 3U.S.",
    "raised from 25% to 50 percent, to 15% from 27.5%, up to 15 per cent, 2 percentage points, a quarter tariff, "
    "zero-for-zero tariffs, tariff-free access, cut to zero, between 10% and 41%, 10-15%",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    arts = load_articles(SAMPLE_PAGES, captured_at=read_capture_times(SAMPLE_CAPTURES), progress=False)
    bodies = [b for b in arts["body"].tolist() if isinstance(b, str)]
    return bodies + read_labelled()["sentence"].tolist() + EDGE


@pytest.fixture(scope="module")
def sentences(texts) -> list[str]:
    return [t[s:e] for t in texts for s, e in split_sentences(t)] + EDGE


def _fields(items) -> list[tuple]:
    return [tuple(vars(x).values()) for x in items]


# ---------------------------------------------------------------- triggers


def test_raw_triggers_as_the_scan(sentences):
    for s in sentences:
        assert rd._raw_triggers(s) == rd._raw_triggers_scan(s), s


# ---------------------------------------------------------------- dates


def test_date_rows_are_find_dates_rows(texts):
    for t in texts:
        df = find_dates(t, "2025-06-02")
        want = [(s, e, typ, v, None if pd.isna(d) else d.date(), None if pd.isna(p) else p)
                for s, e, typ, v, d, p in zip(df["start"], df["end"], df["type"], df["value"], df["date"], df["precision"])]
        assert date_rows(t, "2025-06-02") == want


def test_abbreviation_pattern(texts):
    plain = re.compile(r"\b(?:[A-Z]\.){2,}|\b(?:Corp|Inc|Co|Ltd|Jr|Sr|Mr|Mrs|Ms|Dr|Gov|Sen|Rep|St|No|Gen|Bros)\.")
    for t in texts:
        assert [m.span() for m in dt._ABBREVIATION.finditer(t)] == [m.span() for m in plain.finditer(t)]


def test_timestamps_are_nanoseconds():
    ts = dt._timestamp(pd.Timestamp("2025-05-30").date())
    assert ts == pd.Timestamp("2025-05-30") and ts.unit == "ns"


# ---------------------------------------------------------------- entities


def _dispatch_plain(d: en.Dispatch, text: str):
    pos = 0
    while True:
        m = d._starts.search(text, pos)
        if m is None:
            return
        rx = d._groups.get(text[m.start():m.start() + 2])
        hit = rx.match(text, m.start()) if rx is not None else None
        if hit is not None:
            yield hit
            pos = hit.end()
        else:
            pos = m.start() + 1


def _titled_plain(text: str):
    pos = 0
    while True:
        m = en._NAME_START.search(text, pos)
        if m is None:
            return
        pos = m.start() + 1
        prev = en._PREV_WORD.search(text, max(0, m.start() - 20), m.start())
        if prev is None or prev.group(1).lower() not in en._TITLE_LAST_WORDS:
            continue
        title = en._TITLE_BEFORE.search(text, max(0, m.start() - 45), m.start())
        name = en._NAME_AT.match(text, m.start()) if title is not None else None
        if name is not None:
            yield title.start(), name.span()
            pos = name.end()


def _products_plain(text: str, lo: int = 0, hi: int | None = None):
    hi = len(text) if hi is None else hi
    pos, out = lo, []
    while True:
        w = en._WORD_START.search(text, pos, hi)
        if w is None:
            return out
        m = en._PRODUCT_BY_LETTER[w.group(0).lower()].match(text, w.start(), hi)
        if m is None:
            pos = w.start() + 1
            continue
        pos = m.end()
        word = m.group(0)
        if word[0].isupper() and m.start() > 0 and not word.isupper() and not word.startswith(("iPhone", "EV", "SUV", "LNG")):
            continue
        name = next((n for rx, n in en._PRODUCT_EACH if (x := rx.match(text, m.start())) and x.end() == m.end()), "")
        out.append((m.start(), m.end(), name))


def test_entity_scans(texts, sentences):
    capitalised = re.compile(r"(?<![\w-])[A-Z][\w’'-]*[\w]|(?<=\bvon der )Leyen")
    for t in texts + sentences:
        for d in (en.COUNTRY_RE, en.KNOWN_RE):
            assert [m.span() for m in d.finditer(t)] == [m.span() for m in _dispatch_plain(d, t)]
        assert [(m.start(), m._name.span()) for m in en._titled(t)] == list(_titled_plain(t))
        assert [m.span() for m in en._COURT_SCAN.finditer(t)] == [m.span() for m in en.COURT_RE.finditer(t)]
        assert [m.span() for m in en._CAPITALISED.finditer(t)] == [m.span() for m in capitalised.finditer(t)]
        assert en.find_products(t) == _products_plain(t)
        assert en.find_products(t, 3, len(t) - 2) == _products_plain(t, 3, len(t) - 2)


def test_word_gates(sentences, monkeypatch):
    gated = [(en.find_authorities(s), _fields(en.find_rates(s)), _fields(en.find_rates(s, 4, len(s) - 3))) for s in sentences]
    monkeypatch.setattr(en, "_RATE_WORDS", {})
    monkeypatch.setattr(en, "_AUTHORITY_WORDS", {})
    plain = [(en.find_authorities(s), _fields(en.find_rates(s)), _fields(en.find_rates(s, 4, len(s) - 3))) for s in sentences]
    assert gated == plain


def _top_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern, lower-cased, escapes dropped."""
    out, depth, cur, i = [], 0, "", 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            cur += pattern[i:i + 2]
            i += 2
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        if c == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    out.append(cur)
    return [re.sub(r"\\[a-zA-Z]|[^a-z0-9-]", "", a.lower()) for a in out]


def test_gate_words_are_in_the_patterns():
    for name, rx in en.AUTHORITY_RES:
        for alt in _top_alternatives(rx.pattern):
            assert any(all(w.replace(" ", "") in alt for w in ws) for ws in en._AUTHORITY_WORDS[name]), (name, alt)
    for kind, rx in en.RATE_PATTERNS:
        if kind in en._RATE_WORDS:
            for alt in _top_alternatives(rx.pattern):
                assert any(w in alt for w in en._RATE_WORDS[kind]), (kind, alt)


def test_within_moves_offsets():
    ents, _ = sl.entities("Japan and China met. Trump said Canada would respond.")
    assert [(m.start, m.name) for m in sl.within(ents, 21, 53)] == [(0, "Donald Trump"), (11, "Canada")]


def test_literal_prefixes():
    assert sorted(en.literal_prefixes(r"(?:ab)*c|x+y|(?:q\s)?z")) == ["ab", "c", "q", "x", "z"]
    assert "" in en.literal_prefixes(r"\w+ing")
