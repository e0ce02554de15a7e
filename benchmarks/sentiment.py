"""Sentence-level sentiment: plain NLTK against newskit on a generated news corpus.

    python -m benchmarks.sentiment [--articles 10000] [--seed 0] [--nltk-sample N]

Generates a seeded, deterministic corpus of news-like articles (~30 sentences,
~600 words each), splits it into sentences once, then scores every sentence

* with NLTK: ``SentimentIntensityAnalyzer().polarity_scores`` per sentence, one
  core (on ``--nltk-sample`` sentences and extrapolated, when given);
* with newskit, caches cold each time: the scorer on one core, on every core,
  and ``score_sentiment(articles, "sentence")`` end to end (splitting and
  building the table included);

prints the rates (sentences/s, articles/s) and ratios, and checks that every
newskit score equals NLTK's (all four floats, ``==``).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time

import pandas as pd

from newskit.sentences import sentence_table
from newskit.sentiment import nltk_analyzer, score_sentiment
from newskit.sentiment.parallel import available_cores
from newskit.sentiment.vader import VaderScorer, clear_cache, score_texts

OUTLETS = ["Japan Today", "The Japan Times", "Kyodo News", "Nikkei Asia", "CNA", "Euronews", "The Korea Herald"]
SOURCES = ["Kyodo", "Reuters", "AP", "AFP", "Jiji", "The Yomiuri Shimbun"]
FIRST = ["Maria", "Alan", "Kenji", "Ann", "Tom", "Yuki", "Li", "Sarah", "David", "Hiroshi", "Elena", "James",
         "Min-jun", "Claire", "Rahul", "Sofia", "Marco", "Aiko", "Peter", "Grace"]
LAST = ["Lopez", "Reyes", "Tanaka", "Wagner", "Hale", "Sato", "Wei", "Kim", "Smith", "Nakamura", "Rossi",
        "Brown", "Park", "Dubois", "Gupta", "Silva", "Bianchi", "Suzuki", "Novak", "Chen"]
TITLES = ["Sen.", "Rep.", "Gov.", "Dr.", "Mr.", "Ms.", "Prof.", "Minister", "Ambassador", ""]
ORGS = ["Nippon Steel Corp.", "U.S. Steel Corp.", "Toyota Motor Corp.", "Honda Motor Co.", "Apple Inc.",
        "Samsung Electronics", "the U.S. Commerce Department", "the European Commission", "the Bank of Japan",
        "the White House", "the trade ministry", "the IMF", "J.P. Morgan", "Goldman Sachs", "the U.S. Chamber of Commerce",
        "Keidanren", "the Federal Reserve", "the WTO", "Beijing", "Tokyo", "Seoul", "Ottawa", "Brussels"]
GROUPS = ["farmers in Iowa", "small suppliers", "investors", "union leaders", "retailers", "consumers",
          "business groups", "economists", "analysts", "shipbuilders", "automakers", "exporters", "lawmakers"]
PREDICATES = [
    "welcomed the agreement as a great step forward", "warned of a sharp slowdown in exports of {g}",
    "criticized the tariffs on {g} as reckless and harmful", "said talks with {c} were progressing toward a deal",
    "did not expect a deal with {c} before the deadline", "praised the very strong quarterly results",
    "called the plan a disaster for workers in {c}", "expressed hope for a fair outcome",
    "rejected the proposal from {c} outright", "said the measures were not helpful at all",
    "was extremely worried about rising costs of {g}", "said the outlook for {g} was kind of uncertain",
    "never supported the higher duties on {g}", "described the talks as productive but difficult",
    "said prices of {g} were sort of stable", "feared a painful trade war with {c}",
    "celebrated a record profit of ${n} million", "blamed the government for the crisis",
    "said there was no reason to panic", "said the economy remained resilient despite the shock",
    "admitted the deal with {c} was not perfect", "said it was hardly a victory",
    "vowed to fight the unfair duties on {g}", "said demand for {g} was surprisingly strong",
    "lost confidence in the negotiations", "said the decision to tax {g} was a mistake",
    "thanked partners in {c} for their support", "said the rules were confusing and costly",
    "remained optimistic about a settlement with {c}", "reported weak sales and {n} layoffs",
    "said the new plant in {c} would create {n} jobs", "denied the allegations",
    "said the tariffs could cut profits by {p}%", "forecast growth of {p}% next year",
    "raised concerns about the safety of imported {g}", "said the sanctions on {c} were justified",
]
ADJUNCTS = [
    "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "in Washington", "in Tokyo",
    "on {m} {d}", "in a {n}-page report", "at a meeting with {a} executives",
    "after weeks of tense negotiations", "despite rising costs", "according to a statement",
    "in an interview", "at a news conference", "late on Sunday", "ahead of the G7 summit",
    "as markets fell", "as shares rallied", "in a speech to lawmakers", "on social media", "in {m}",
]
FIGURES = [
    "Exports to the United States fell {p}% in {m}, the {k} straight monthly decline.",
    "Shares of {o} rose {p}% to {n} yen in Tokyo trading.",
    "The tariff on {g} will rise from {a}% to {b}% on {m} {d}, officials said.",
    "The package is worth ${a}.{d} billion [about ¥{n} billion], the ministry said.",
    "About {n} jobs could be lost, {u} estimated.",
    "Prices of {g} jumped {p}% last month, the biggest gain since {y}.",
]
QUOTES = [
    '"We are very disappointed with this outcome," {u} said.',
    '"This is a good deal for both sides," {u} told reporters {j}.',
    '"I was able to confirm that the discussions are progressing toward an agreement," {u} said afterward.',
    '"Nobody wins a trade war with {c}!" {u} said.',
    '"It is not the end of the world, but it hurts {c}," {u} said.',
    '"We are going to have a great partner in {c}." {U} smiled {j}.',
    '"Why would anyone accept a {p}% tariff on {g}?" {u} asked.',
    '"The tariffs on {g} are a tax on American families," {u} said {j}.',
]
GOODS = ["steel", "aluminum", "autos", "auto parts", "copper", "semiconductors", "lumber", "rice", "soybeans", "beef"]
COUNTRIES = ["Japan", "China", "Canada", "Mexico", "South Korea", "Vietnam", "India", "the U.K.", "Brazil", "the EU"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth"]


def _subject(rng: random.Random) -> str:
    """Someone to say something, written as inside a sentence."""
    roll = rng.random()
    if roll < 0.45:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if rng.random() < 0.3:
            return f"{name}, a spokesperson for {rng.choice(ORGS)},"
        return f"{rng.choice(TITLES)} {name}".strip()
    if roll < 0.75:
        return rng.choice(ORGS)
    return rng.choice(GROUPS)


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        g=rng.choice(GOODS), c=rng.choice(COUNTRIES), m=rng.choice(MONTHS), k=rng.choice(ORDINALS),
        o=rng.choice(ORGS[:6]), p=f"{rng.randint(1, 40)}.{rng.randint(0, 9)}", n=f"{rng.randint(2, 999):,}",
        a=rng.randint(5, 30), b=rng.randint(31, 60), d=rng.randint(1, 28), y=rng.randint(1990, 2022),
        u=(u := _subject(rng).rstrip(",")), U=_cap(u), j=rng.choice(ADJUNCTS[:20]),
    )


def _sentence(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        return _fill(rng, rng.choice(FIGURES))
    if roll < 0.22:
        return _fill(rng, rng.choice(QUOTES))
    clause = f"{_subject(rng)} {_fill(rng, rng.choice(PREDICATES))}"
    adjunct = _fill(rng, rng.choice(ADJUNCTS))
    roll = rng.random()
    if roll < 0.25:
        other = f"{_subject(rng)} {_fill(rng, rng.choice(PREDICATES))}"
        return _cap(f"{clause} {adjunct}, but {other}.")
    if roll < 0.40:
        other = f"{_subject(rng)} {_fill(rng, rng.choice(PREDICATES))}"
        return _cap(f"{clause}, while {other} {adjunct}.")
    if roll < 0.65:
        return _cap(f"{adjunct}, {clause}.")
    return _cap(f"{clause} {adjunct}.")


def news_corpus(n_articles: int = 10_000, seed: int = 0) -> pd.DataFrame:
    """A seeded article table: ``article_id, title, body, outlet, source, published_at``.

    Bodies are 26-34 sentences of news-like prose in paragraphs of 2-4
    sentences separated by a blank line, with abbreviations, figures, quotes,
    negations, boosters and "but" clauses.
    """
    rng = random.Random(seed)
    start = pd.Timestamp("2025-04-01", tz="UTC")
    rows = []
    for k in range(n_articles):
        sentences = [_sentence(rng) for _ in range(rng.randint(26, 34))]
        paragraphs, i = [], 0
        while i < len(sentences):
            step = rng.randint(2, 4)
            paragraphs.append(" ".join(sentences[i : i + step]))
            i += step
        rows.append({
            "article_id": f"{k:016x}",
            "title": _sentence(rng).rstrip("."),
            "body": "\n\n".join(paragraphs),
            "outlet": rng.choice(OUTLETS),
            "source": rng.choice(SOURCES),
            "published_at": start + pd.Timedelta(minutes=rng.randint(0, 90 * 24 * 60)),
        })
    return pd.DataFrame(rows)


def _cpu() -> tuple[float, float]:
    """(CPU seconds the whole machine spent busy, or NaN off Linux; CPU seconds of
    this process and its finished children)."""
    own = os.times()
    mine = own.user + own.system + own.children_user + own.children_system
    try:
        with open("/proc/stat") as stat:
            ticks = [int(x) for x in stat.readline().split()[1:8]]
    except OSError:
        return float("nan"), mine
    busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6]  # user nice system irq softirq
    return busy / os.sysconf("SC_CLK_TCK"), mine


class _Timed:
    """Wall and CPU time of a block, and the cores other processes kept busy
    meanwhile: the machine is shared, and a busy neighbour distorts wall times."""

    def __enter__(self) -> "_Timed":
        self.machine, self.mine = _cpu()
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self.start
        machine, mine = _cpu()
        self.cpu = mine - self.mine
        self.others = max(0.0, (machine - self.machine) - self.cpu) / self.wall


HEADER = (f"{'':34}{'sentences/s':>12}{'articles/s':>11}{'wall s':>8}{'CPU s':>7}"
          f"{'x wall':>8}{'x CPU':>7}  other load")


def _row(label: str, n: int, n_articles: int, timed: _Timed, base: _Timed) -> str:
    # os.times() ticks in 10 ms: a tiny run can show no CPU time at all
    cpu_ratio = base.cpu / timed.cpu if timed.cpu > 0 else float("nan")
    return (f"{label:34}{n / timed.wall:>12,.0f}{n_articles / timed.wall:>11,.0f}{timed.wall:>8.1f}"
            f"{timed.cpu:>7.1f}{base.wall / timed.wall:>8.1f}{cpu_ratio:>7.1f}"
            f"  {timed.others:.1f} cores")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--nltk-sample", type=int, default=0,
                        help="score only this many sentences (evenly spread) with NLTK and extrapolate; 0: all")
    args = parser.parse_args(argv)

    t = time.perf_counter()
    articles = news_corpus(args.articles, args.seed)
    words = articles["body"].str.split().str.len().sum()
    print(f"corpus: {len(articles):,} articles, {words:,} words ({words / len(articles):.0f} per article), "
          f"seed {args.seed}, generated in {time.perf_counter() - t:.1f} s")
    with _Timed() as split:
        sentences = sentence_table(articles)
    texts = sentences["text"].tolist()
    n, n_art = len(texts), len(articles)
    print(f"sentences: {n:,} ({n / n_art:.1f} per article, {len(set(texts)):,} distinct); "
          f"split in {split.wall:.2f} s ({n / split.wall:,.0f} sentences/s)")
    cores = available_cores()
    print(f"cores available: {cores}")

    sia = nltk_analyzer()
    step = max(1, n // args.nltk_sample) if args.nltk_sample else 1
    sample = list(range(0, n, step))
    with _Timed() as nltk_run:
        reference = [sia.polarity_scores(texts[i]) for i in sample]
    if step > 1:  # extrapolate the sample to the corpus
        nltk_run.wall *= n / len(sample)
        nltk_run.cpu *= n / len(sample)
        print(f"NLTK timed on {len(sample):,} of the {n:,} sentences and extrapolated")
    print(f"\nscoring the {n:,} sentences (x: NLTK's time / this time)\n{HEADER}")
    print(_row("NLTK polarity_scores, 1 core", n, n_art, nltk_run, nltk_run))
    with _Timed() as timed:
        single = score_texts(texts, n_jobs=1, scorer=VaderScorer())
    print(_row("newskit scorer, 1 core", n, n_art, timed, nltk_run))
    with _Timed() as timed:
        multi = score_texts(texts, n_jobs=-1, scorer=VaderScorer())
    print(_row(f"newskit scorer, {cores} cores", n, n_art, timed, nltk_run))

    # the same split with NLTK's scoring, as a baseline for the whole job
    both = _Timed()
    both.wall, both.cpu = nltk_run.wall + split.wall, nltk_run.cpu + split.cpu
    print("\nsplitting and scoring, to a table (x: (NLTK + the split) / this)")
    for jobs, label in ((1, "1 core"), (None, f"{cores} cores")):
        clear_cache()
        with _Timed() as timed:
            table = score_sentiment(articles, "sentence", n_jobs=jobs)
        print(_row(f"score_sentiment, {label}", n, n_art, timed, both))

    keys = ("neg", "neu", "pos", "compound")
    same_as_nltk = sum(tuple(ref[k] for k in keys) == single[i] for i, ref in zip(sample, reference))
    table_scores = list(zip(*(table[k].tolist() for k in keys)))
    print(f"\nequal to NLTK (all four floats): {same_as_nltk:,} of {len(sample):,} sentences NLTK scored")
    print(f"1 core == {cores} cores == score_sentiment table: {single == multi == table_scores}")
    return 0 if same_as_nltk == len(sample) and single == multi == table_scores else 1


if __name__ == "__main__":
    sys.exit(main())
