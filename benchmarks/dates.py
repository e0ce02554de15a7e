"""Temporal expressions: newskit's ``find_dates`` against dateparser on generated news.

    python -m benchmarks.dates [--articles 10000] [--seed 0] [--dateparser-sample 200]

Generates a seeded, deterministic corpus of news-like articles (~600 words
each: tariff and earnings prose with dates in many forms - "on Friday",
"April 9", "less than 24 hours later", "the fall of 2028", "a year earlier",
"quarterly" - and numbers that are not dates: percentages, sums of money,
counts, "Section 232", "233-seat"), then, on one core:

* runs ``find_dates`` over every article and prints articles/s and MB/s;
* runs the pipeline's ``dates_table`` (one table per 1,000-article chunk)
  over the same articles and prints its rate next to that one;
* runs dateparser's ``search.search_dates`` (English, the same anchor as
  ``RELATIVE_BASE``) on the first ``--dateparser-sample`` articles, prints its
  rate, says that it was a sample, and prints the ratio of the two rates;
* for find_dates and dateparser, counts how many of the planted expressions were found (any
  overlap) and how many planted non-dates (percentages, money, counts) were
  read as dates.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MONTHS_AP = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"]
SEASONS = ["spring", "summer", "fall", "winter"]
ORDINALS = ["first", "second", "third", "fourth"]

# Temporal expressions, as news copy writes them.
DATES = [
    "on {wd}", "last {wd}", "by {wd}", "{wd} afternoon", "{wd} morning", "on {mon} {d}",
    "{mon} {d}, {y}", "in {month}", "in early {month}", "mid-{month}", "late {month}",
    "since {month} {y}", "until {mon} {d}", "last week", "late last week", "this week", "next week",
    "last month", "earlier this month", "this year", "last year", "next year", "early next year",
    "{nw} years ago", "{n} days ago", "a year earlier", "a year ago", "this {season}",
    "last {season}", "the {season} of {y2}", "in {y}", "the {dec}s", "the {ord} quarter",
    "{ord}-quarter", "yesterday", "today", "tomorrow", "now", "currently", "recently",
    "at {h} p.m. on {wd}", "{h}:{mi} a.m.", "{mon} {d} and {d2}", "the past {nw} years",
    "the next {nw} months", "each year", "every month", "quarterly", "daily", "on {wd}s",
]
DURATIONS = [
    "for {n} days", "within {n} days", "in just {nw} weeks", "less than {n} hours later",
    "a {nw}-year term", "over the past {nw} months", "for about {nw} hours", "{n}-day",
    "nearly {nw} decades", "for years",
]
# Numbers that must not be read as dates.
NON_DATES = [
    "{p}%", "${n} billion", "${n}.{d} million", "{n}-seat", "{n} people", "Section 232",
    "G7", "{n}.{d} million", "{n},{n3} tons", "No. {n}", "{p} percent", "from {p}% to {p2}%",
    "{n} vehicles", "${n} a share",
]
SUBJECTS = ["The ministry", "Officials", "Toyota Motor Corp.", "The trade representative", "Analysts",
            "The central bank", "Nippon Steel", "The European Commission", "Exporters", "The company",
            "Prime Minister Shigeru Ishiba", "U.S. Treasury Secretary Scott Bessent", "Lawmakers"]
VERBS = ["said", "announced", "warned", "reported", "expects", "will decide", "agreed", "confirmed",
         "plans to review the deal", "raised tariffs", "cut its forecast", "met negotiators"]
FILLERS = [
    "the talks were progressing toward an agreement on steel and aluminum",
    "exports of vehicles and parts had slowed sharply amid the dispute",
    "the deal would deepen cooperation on shipbuilding and rare earths",
    "markets reacted calmly to the announcement in Tokyo and New York",
    "the tariff policy represents a major part of the economic agenda",
    "investors remained cautious about the outlook for manufacturers",
    "a court ruled that the administration had overstepped its authority",
    "the government was considering technical support for smelting minerals",
]


def _fill(rng: random.Random, template: str, anchor: dt.date) -> str:
    y = anchor.year + rng.randint(-3, 0)
    return template.format(
        wd=rng.choice(WEEKDAYS), mon=rng.choice(MONTHS_AP), month=rng.choice(MONTHS),
        d=rng.randint(1, 28), d2=rng.randint(1, 28), y=y, y2=anchor.year + rng.randint(0, 4),
        n=rng.randint(2, 240), n3=rng.randint(100, 999), nw=rng.choice(NUMBER_WORDS),
        season=rng.choice(SEASONS), ord=rng.choice(ORDINALS), dec=rng.choice([1970, 1980, 1990, 2000]),
        h=rng.randint(1, 11), mi=f"{rng.randint(0, 59):02d}", p=rng.randint(1, 60), p2=rng.randint(61, 99),
    )


def make_article(rng: random.Random, words: int = 635) -> tuple[str, str, list, list]:
    """One article: (text, anchor, planted date spans, planted non-date spans)."""
    anchor = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
    parts: list[str] = []
    dates: list[tuple[int, int]] = []
    non_dates: list[tuple[int, int]] = []
    length = n_words = 0

    def add(piece: str, spans: list | None = None) -> None:
        nonlocal length, n_words
        n_words += len(piece.split())
        if spans is not None:
            spans.append((length, length + len(piece)))
        parts.append(piece)
        length += len(piece)

    while n_words < words:
        kind = rng.random()
        add(rng.choice(SUBJECTS) + " " + rng.choice(VERBS) + " ")
        if kind < 0.55:
            add(_fill(rng, rng.choice(DATES), anchor), dates)
            add(" that ")
        elif kind < 0.7:
            add("the measure would last ")
            add(_fill(rng, rng.choice(DURATIONS), anchor), dates)
            add(" and ")
        add(rng.choice(FILLERS))
        if rng.random() < 0.6:
            add(", with prices up ")
            add(_fill(rng, rng.choice(NON_DATES), anchor), non_dates)
        add(". ")
        if rng.random() < 0.15:
            add("\n\n")
    return "".join(parts).strip(), anchor.isoformat(), dates, non_dates


def make_corpus(n: int, seed: int = 0) -> list[tuple[str, str, list, list]]:
    """``n`` articles, the same for the same seed."""
    rng = random.Random(seed)
    return [make_article(rng) for _ in range(n)]


def _overlaps(spans: list[tuple[int, int]], found: list[tuple[int, int]]) -> int:
    return sum(any(s < fe and fs < e for fs, fe in found) for s, e in spans)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.dates", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles to generate (default 10000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dateparser-sample", type=int, default=200,
                        help="articles to time dateparser on, extrapolated (default 200; 0 skips it)")
    args = parser.parse_args(argv)

    from newskit.dates import find_dates

    t0 = time.perf_counter()
    corpus = make_corpus(args.articles, args.seed)
    mb = sum(len(text.encode("utf-8")) for text, *_ in corpus) / 1e6
    words = sum(len(text.split()) for text, *_ in corpus) / len(corpus)
    planted = sum(len(d) for _, _, d, _ in corpus)
    distractors = sum(len(x) for *_, x in corpus)
    print(f"corpus: {len(corpus)} articles, {mb:.1f} MB, {words:.0f} words/article, "
          f"{planted} planted temporal expressions, {distractors} planted non-dates "
          f"(generated in {time.perf_counter() - t0:.1f} s, seed {args.seed})")

    for text, anchor, _, _ in corpus[:50]:  # warm-up: the per-character scanners compile on first use
        find_dates(text, anchor)
    # Timed pass: each table is dropped as soon as it is made, as a pipeline
    # that writes results out would (keeping 10,000 tables alive makes the
    # garbage collector's full passes, not find_dates, the cost being timed).
    t0 = time.perf_counter()
    for text, anchor, _, _ in corpus:
        find_dates(text, anchor)
    secs = time.perf_counter() - t0
    found = hits = false_hits = 0
    for text, anchor, dates, non_dates in corpus:  # untimed pass: what was found
        df = find_dates(text, anchor)
        spans = list(zip(df["start"].tolist(), df["end"].tolist()))
        found += len(spans)
        hits += _overlaps(dates, spans)
        false_hits += _overlaps(non_dates, spans)
    ours = len(corpus) / secs
    print(f"newskit find_dates (1 core): {ours:,.0f} articles/s, {mb / secs:.2f} MB/s "
          f"({secs:.1f} s for {len(corpus)} articles); {found} expressions; "
          f"planted found {100 * hits / planted:.1f}%; non-dates read as dates: {false_hits}")

    # The pipeline's dates stage: one table per chunk of articles (dates_table
    # builds it from date_rows), against the table per article timed above.
    import pandas as pd

    from newskit.pipeline import dates_table

    chunk = 1_000
    frames = [pd.DataFrame({"article_id": [f"a{i + j}" for j in range(len(part))],
                            "body": [text for text, *_ in part],
                            "published_at": pd.to_datetime([a for _, a, *_ in part], utc=True)})
              for i in range(0, len(corpus), chunk) for part in [corpus[i:i + chunk]]]
    t0 = time.perf_counter()
    tables = [dates_table(frame) for frame in frames]
    table_secs = time.perf_counter() - t0
    rows = sum(map(len, tables))
    print(f"newskit dates_table (1 core, one table per {chunk:,}-article chunk): "
          f"{len(corpus) / table_secs:,.0f} articles/s ({table_secs:.1f} s, {rows} rows): "
          f"{secs / table_secs:.2f}x the rate of a find_dates table per article")
    # untimed: the same expressions, article by article, as find_dates gives them
    i = 0
    for table in tables:
        got = table.groupby("article_id", sort=False)
        for _, rows_of in got:
            text, anchor, *_ = corpus[int(rows_of["article_id"].iloc[0][1:])]
            want = find_dates(text, anchor)
            if rows_of[["start", "end", "value"]].values.tolist() != want[["start", "end", "value"]].values.tolist():
                print(f"MISMATCH: dates_table and find_dates differ on article {rows_of['article_id'].iloc[0]}")
                return 1
            i += len(rows_of)
    if i != found:
        print(f"MISMATCH: dates_table found {i} expressions, find_dates {found}")
        return 1

    if args.dateparser_sample <= 0:
        return 0
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser: not installed (pip install dateparser) - comparison skipped")
        return 0
    sample = corpus[: args.dateparser_sample]
    hits = false_hits = planted_s = 0
    t0 = time.perf_counter()
    for text, anchor, dates, non_dates in sample:
        base = dt.datetime.fromisoformat(anchor)
        res = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        spans, pos = [], 0
        for phrase, _ in res:  # dateparser gives phrases, not offsets: find them in order
            i = text.find(phrase, pos)
            if i >= 0:
                spans.append((i, i + len(phrase)))
                pos = i + len(phrase)
        planted_s += len(dates)
        hits += _overlaps(dates, spans)
        false_hits += _overlaps(non_dates, spans)
    dp_secs = time.perf_counter() - t0
    theirs = len(sample) / dp_secs
    print(f"dateparser search_dates (1 core, SAMPLE of {len(sample)} articles, extrapolated): "
          f"{theirs:,.1f} articles/s, {mb * len(sample) / len(corpus) / dp_secs:.3f} MB/s "
          f"({dp_secs:.1f} s for the sample, ~{len(corpus) / theirs:,.0f} s for all {len(corpus)}); "
          f"planted found {100 * hits / max(planted_s, 1):.1f}%; non-dates read as dates: {false_hits}")
    print(f"ratio: find_dates is {ours / theirs:,.0f}x faster than dateparser search_dates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
