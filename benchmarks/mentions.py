"""Benchmark: finding mentions with the trie-compiled pattern, next to a naive alternation.

    python -m benchmarks.mentions [--articles 10000] [--seed 0] [--naive-sample 30]

Generates, seeded and deterministic, ``--articles`` news-like article bodies
(~450 words: titled officials, companies with and without suffixes, countries,
demonyms, capitals, organisations, generated people and firms, filler prose)
and a 5,000-entry gazetteer: the built-in one (people, organisations,
companies, places, the countries and their capitals) plus generated entries,
many of which the articles mention. Then, on one core:

1. the matching pass: the gazetteer's one trie pattern over every body
   (``Gazetteer.find_spans``: every alias's span, word boundaries checked in
   the pattern), then the same with the matched aliases read out as lookup
   keys (``Gazetteer.scan``, what ``find_mentions`` uses);
2. a naive alternation, ``\\b(?:name1|name2|...)\\b`` with the names longest
   first, over a sample of ``--naive-sample`` articles (it is far too slow for
   the whole corpus; the rate is extrapolated and says so), and how many of the
   trie's matches it also finds there;
3. ``find_mentions`` end to end (rules, senses, story aliases, roles, the
   table), on the generated corpus and on the sample corpus (data/pages,
   repeated 20 times), whose text holds fewer names per KB.

Prints MB/s of body text for each (per CPU second of this process, so that
other work on a shared machine does not count; the short passes are the best
of three runs) and the ratios. Timings drift between runs: compare the ratios.
"""
from __future__ import annotations

import argparse
import random
import re
import time

import pandas as pd

from newskit import load_articles, read_capture_times
from newskit.mentions import find_mentions, gazetteer_table, load_gazetteer
from newskit.paths import SAMPLE_CAPTURES, SAMPLE_PAGES

FIRST = ["Maria", "Kenji", "Ana", "Tom", "Yuki", "Sarah", "David", "Hiroshi", "Elena", "James", "Min-jun", "Claire",
         "Rahul", "Sofia", "Marco", "Aiko", "Peter", "Grace", "Zoë", "José", "Lukas", "Chloé", "Omar", "Priya"]
LAST = ["Lopez", "Tanaka", "Wagner", "Hale", "Sato", "Kowalski", "Nakamura", "Rossi", "Brown", "Dubois", "Gupta",
        "Silva", "Bianchi", "Suzuki", "Novak", "Müller", "Okafor", "Petrov", "Haddad", "Lindqvist", "Moreau", "Ortiz"]
SYLLABLES = ["ka", "to", "ri", "mon", "vel", "dra", "sen", "lu", "mar", "zen", "tri", "co", "nex", "ar", "bel", "qui"]
FIRM_WORDS = ["Steel", "Motors", "Electronics", "Shipping", "Energy", "Foods", "Textiles", "Robotics", "Chemicals", "Logistics"]
SUFFIXES = ["Corp.", "Inc.", "Co.", "Ltd.", "Holdings"]
ORG_HEADS = ["Council", "Association", "Agency", "Federation", "Institute", "Commission"]
TITLES = ["Trade Minister", "Finance Minister", "spokesperson", "President", "Governor", "economist", "CEO"]
VERBS = ["said", "told reporters", "warned", "added", "argued"]
FILLER = [
    "The government is considering emergency loans for small suppliers hit by the duties.",
    "Analysts said the move could push up prices for consumers and weigh on growth.",
    "Business groups warned that uncertainty over trade policy was delaying investment.",
    "The yen weakened against the dollar, while government bond yields rose slightly.",
    "Officials declined to say when the next round of talks would take place.",
    "Exports fell for a third straight month in May, according to official data.",
    "Economists expect the central bank to keep interest rates unchanged next month.",
]


def _word(rng: random.Random, n: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def generated_entries(rng: random.Random, n: int) -> pd.DataFrame:
    """``n`` generated gazetteer entries: people, companies and organisations with aliases."""
    rows, seen = [], set()
    while len(rows) < n:
        kind = rng.random()
        if kind < 0.45:
            name = f"{rng.choice(FIRST)} {_word(rng, 3)}"
            row = {"name": name, "type": "person", "role": rng.choice(TITLES)}
        elif kind < 0.8:
            base = f"{_word(rng)} {rng.choice(FIRM_WORDS)}"
            row = {"name": base, "type": "company", "aliases": f"{base} {rng.choice(SUFFIXES)}"}
        else:
            name = f"{_word(rng, 3)} {rng.choice(['Trade', 'Export', 'Industry', 'Farm'])} {rng.choice(ORG_HEADS)}"
            acr = "".join(w[0] for w in name.split()).upper() + _word(rng, 1)[0]
            row = {"name": name, "type": "organization", "aliases": acr}
        if row["name"] not in seen:
            seen.add(row["name"])
            rows.append(row)
    return pd.DataFrame(rows)


def make_articles(rng: random.Random, n: int, extra: pd.DataFrame, builtin: pd.DataFrame) -> pd.DataFrame:
    """``n`` article bodies mixing built-in and generated names with filler prose."""
    people = builtin[builtin["type"] == "person"]["name"].tolist()
    firms = builtin[builtin["type"] == "company"]["name"].tolist()
    orgs = builtin[builtin["type"] == "organization"]["name"].tolist()
    countries = builtin[builtin["type"] == "country"]["name"].tolist()
    gen_people = extra[extra["type"] == "person"]["name"].tolist()
    gen_firms = extra[extra["type"] == "company"]["aliases"].tolist()
    gen_orgs = extra[extra["type"] == "organization"]["name"].tolist()
    capitals = ["Tokyo", "Washington", "Beijing", "Seoul", "Brussels", "Ottawa", "London", "Berlin"]
    templates = [
        lambda: f"{rng.choice(TITLES)} {rng.choice(people + gen_people)} {rng.choice(VERBS)} that talks with {rng.choice(countries)} were progressing.",
        lambda: f"Shares of {rng.choice(firms + gen_firms)} fell {rng.randint(1, 9)}% after {rng.choice(capitals)} announced new duties.",
        lambda: f"{rng.choice(capitals)} and {rng.choice(capitals)} should deepen cooperation, the {rng.choice(orgs + gen_orgs)} said.",
        lambda: f"{rng.choice(FIRST)} {rng.choice(LAST)}, an analyst at {_word(rng)} {rng.choice(FIRM_WORDS)} {rng.choice(SUFFIXES)}, said Japanese and Chinese exporters were cautious.",
        lambda: f"\"We will protect our workers,\" {rng.choice(FIRST)} {rng.choice(LAST)} said in {rng.choice(capitals)}.",
        lambda: f"The {_word(rng, 3)} {rng.choice(['Trade', 'Steel', 'Farm'])} {rng.choice(ORG_HEADS)} urged {rng.choice(countries)} to reconsider.",
        lambda: rng.choice(FILLER),
        lambda: rng.choice(FILLER),
    ]
    bodies = []
    for _ in range(n):
        paras, words = [], 0
        while words < 450:
            para = " ".join(rng.choice(templates)() for _ in range(rng.randint(3, 5)))
            paras.append(para)
            words += len(para.split())
        bodies.append("\n\n".join(paras))
    return pd.DataFrame({
        "article_id": [f"{i:016x}" for i in range(n)], "body": bodies,
        "authors": [[f"{rng.choice(FIRST)} {rng.choice(LAST)}"] for _ in range(n)],
    })


def naive_pattern(names: list[str]) -> re.Pattern:
    """One big alternation of every name, longest first, with word boundaries."""
    return re.compile(r"\b(?:" + "|".join(re.escape(x) for x in sorted(names, key=len, reverse=True)) + r")\b")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--naive-sample", type=int, default=30, help="articles the naive regex is timed on")
    args = ap.parse_args()
    rng = random.Random(args.seed)

    builtin = gazetteer_table()
    extra = generated_entries(rng, max(0, 5000 - len(builtin)))
    t0 = time.perf_counter()
    gaz = load_gazetteer(extra)
    _ = gaz.pattern
    build = time.perf_counter() - t0
    articles = make_articles(rng, args.articles, extra, builtin)
    bodies = articles["body"].tolist()
    mb = sum(len(b.encode("utf-8")) for b in bodies) / 1e6
    print(f"gazetteer: {len(gaz.table)} entries ({len(builtin)} built-in + {len(extra)} generated), "
          f"{len(gaz.entities)} entities with capitals, {len(gaz.senses)} aliases; trie built and compiled in {build:.2f} s")
    print(f"corpus: {len(bodies)} articles, {mb:.1f} MB of body text (seed {args.seed})\n")

    gaz.scan(bodies[0])  # warm

    def best_of_three(fn) -> tuple[float, int]:
        runs, n = [], 0  # best of three: the passes are short, and a shared machine is noisy
        for _ in range(3):
            t0 = time.process_time()
            n = sum(len(fn(b)) for b in bodies)
            runs.append(time.process_time() - t0)
        return min(runs), n

    trie_s, n_trie = best_of_three(gaz.find_spans)
    scan_s, _ = best_of_three(gaz.scan)

    sample = bodies[: args.naive_sample]
    sample_mb = sum(len(b.encode("utf-8")) for b in sample) / 1e6
    t0 = time.perf_counter()
    naive = naive_pattern(list(gaz.senses))
    naive_build = time.perf_counter() - t0
    t0 = time.process_time()
    naive_spans = [{m.span() for m in naive.finditer(b)} for b in sample]
    naive_s = time.process_time() - t0
    trie_spans = [{(s, e) for s, e, _ in gaz.scan(b)} for b in sample]
    both = sum(len(a & b) for a, b in zip(trie_spans, naive_spans))
    total = sum(len(a) for a in trie_spans)

    t0, w0 = time.process_time(), time.perf_counter()
    mentions = find_mentions(articles, gaz)
    full_s, full_wall = time.process_time() - t0, time.perf_counter() - w0

    # the real sample corpus, for comparison: its text is less dense in names than the generated one
    real = load_articles(SAMPLE_PAGES, captured_at=read_capture_times(SAMPLE_CAPTURES))
    real = pd.concat([real] * 20, ignore_index=True)
    real_mb = sum(len(b.encode("utf-8")) for b in real["body"]) / 1e6
    t0 = time.process_time()
    real_m = find_mentions(real)
    real_s = time.process_time() - t0

    trie_rate, naive_rate, full_rate = mb / trie_s, sample_mb / naive_s, mb / full_s
    print(f"{'one core (CPU seconds of this process)':<52}{'seconds':>10}{'MB/s':>10}{'articles/s':>12}")
    print(f"{'matching pass: trie pattern -> spans (best of 3)':<52}{trie_s:>10.2f}{trie_rate:>10.1f}{len(bodies) / trie_s:>12,.0f}")
    print(f"{'  + alias keys: Gazetteer.scan (best of 3)':<52}{scan_s:>10.2f}{mb / scan_s:>10.1f}{len(bodies) / scan_s:>12,.0f}")
    label = f"naive alternation, {len(sample)}-article sample"
    print(f"{label:<52}{naive_s:>10.2f}{naive_rate:>10.3f}{len(sample) / naive_s:>12,.1f}")
    print(f"{'find_mentions end to end, all articles':<52}{full_s:>10.2f}{full_rate:>10.1f}{len(bodies) / full_s:>12,.0f}")
    label = f"find_mentions, sample corpus x20 ({len(real)} articles)"
    print(f"{label:<52}{real_s:>10.2f}{real_mb / real_s:>10.1f}{len(real) / real_s:>12,.0f}")
    print(f"(find_mentions wall clock: {full_wall:.1f} s; rates use CPU time, so that other processes on a shared "
          "machine do not count)")
    print(f"density: generated corpus {n_trie / (mb * 1000):.1f} gazetteer matches per KB; "
          f"sample corpus {len(real_m) / (real_mb * 1000):.1f} mentions per KB")
    print(f"\ntrie matches: {n_trie:,} ({len(mentions):,} mentions after rules and resolution)")
    print(f"naive regex: compiled in {naive_build:.2f} s; timed on {len(sample)} articles ({sample_mb:.2f} MB) only, "
          f"too slow for the corpus: extrapolated, {mb / naive_rate / 60:.0f} min for all {len(bodies)} articles "
          f"(the trie: {trie_s:.1f} s)")
    print(f"naive regex finds {both}/{total} ({both / max(total, 1):.1%}) of the trie's matches on the sample "
          "(it misses names ending in '.', where \\b needs a word character next)")
    print(f"ratio trie / naive: {trie_rate / naive_rate:,.0f}x; find_mentions / naive: {full_rate / naive_rate:,.0f}x")
    verdict = "met" if trie_rate >= 20 else "NOT met"
    print(f"target >= 20 MB/s for the matching pass on one core: {verdict} ({trie_rate:.1f} MB/s); "
          f"find_mentions end to end: {full_rate:.1f} MB/s")


if __name__ == "__main__":
    main()
