"""Generate realistic saved aggregator pages, seeded and deterministic.

The pages follow the layout of the seed page (main article, source line,
boilerplate, related items with outlet / relative time / credit line, photo
captions, bylines, datelines, copyright lines) and carry tariff events, dates,
rates, named people, countries and companies inside ordinary prose, so that
every stage of newskit has real work to do.

    python -m benchmarks.corpus OUT_DIR --pages 1000
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

OUTLETS = ["Japan Today", "The Japan Times", "Kyodo News", "NHK World", "Nikkei Asia", "The Mainichi", "CNA", "Euronews", "The Korea Herald"]
WIRES = [("Kyodo", "© KYODO", "TOKYO (Kyodo) -- "), ("Reuters", "© Thomson Reuters {year}.", "WASHINGTON (Reuters) - "),
         ("AP", "© Copyright {year} The Associated Press. All rights reserved.", "WASHINGTON (AP) — "),
         ("AFP", "© {year} AFP", "PARIS (AFP) - "), ("Jiji", "© Jiji Press", "")]
MAIN_SOURCES = ["The Yomiuri Shimbun", "The Japan News", "The Asahi Shimbun"]
PEOPLE = [("President", "Donald Trump"), ("Prime Minister", "Shigeru Ishiba"), ("Treasury Secretary", "Scott Bessent"),
          ("Commerce Secretary", "Howard Lutnick"), ("Trade Representative", "Jamieson Greer"), ("minister", "Ryosei Akazawa"),
          ("President", "Lee Jae-myung"), ("Prime Minister", "Mark Carney"), ("President", "Claudia Sheinbaum"),
          ("Commission President", "Ursula von der Leyen"), ("Premier", "Li Qiang"), ("President", "Xi Jinping")]
COUNTRIES = ["Japan", "China", "Canada", "Mexico", "South Korea", "Vietnam", "India", "the European Union", "Britain", "Brazil", "Taiwan"]
PRODUCTS = ["steel", "aluminum", "autos", "auto parts", "copper", "semiconductors", "lumber", "pharmaceuticals", "rice", "soybeans"]
COMPANIES = ["Toyota Motor Corp.", "Nippon Steel Corp.", "U.S. Steel", "Honda Motor Co.", "Samsung Electronics", "Apple Inc.", "Nissan Motor Co."]
AUTHORITIES = ["Section 232", "the International Emergency Economic Powers Act", "Section 301"]
ACTIONS = [
    "{actor} said on {weekday} he would raise tariffs on {product} from {r1}% to {r2}%, citing {authority}.",
    "{actor} announced a {r2} percent tariff on imports of {product} from {country}, effective {date}.",
    "The tariffs on {product} will take effect on {date}, officials said {weekday}.",
    "{country} said it would retaliate with duties of {r1}% on U.S. {product} if no deal is reached by {date}.",
    "{actor} paused the higher tariffs on {country} for 90 days on {date}, leaving a {r1}% baseline in place.",
    "A federal court ruled last {weekday} that the tariffs imposed under {authority} were unlawful.",
    "Negotiators from {country} and the United States met in Washington on {weekday} to discuss tariffs on {product}.",
]
PROSE = [
    "Analysts said the move could push up prices for consumers and weigh on growth in the second half of the year.",
    "Shares of {company} fell {r1} percent in Tokyo trading after the announcement.",
    "The government is considering emergency loans for small suppliers hit by the duties.",
    "Exports to the United States fell for a third straight month in {month}, according to official data.",
    "{title} {person} told reporters that talks were progressing but that no agreement had been reached.",
    "Economists expect the central bank to keep interest rates unchanged at its meeting next month.",
    "Business groups warned that uncertainty over trade policy was delaying investment decisions.",
    "The yen weakened against the dollar, while government bond yields rose slightly.",
    "Opposition lawmakers criticised the government's handling of the negotiations as too slow.",
    "\"We will protect our industries and our workers,\" {person} said in a statement.",
    "The ministry said it would monitor the impact on farmers, who have long relied on exports of {product}.",
    "Officials declined to say when the next round of talks would take place.",
]
CAPTIONS = ["{title} {person} speaks to reporters in Tokyo.", "FILE PHOTO: Containers at a port in Yokohama, {date_long}. REUTERS/Issei Kato/File Photo"]
AUTHORS = ["Jarrett Renshaw", "David Lawder", "Andrea Shalal", "MARI YAMAGUCHI", "Kaori Kaneko", "Tim Kelly", "JOSH BOAK"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
BOILERPLATE = "Hashtags\n\nTry Our AI Features\nExplore what Daily8 AI can do for you:\nComments\nNo comments yet...\nRelated Articles\n\n\n"


def _fill(rng: random.Random, template: str, day: dt.date) -> str:
    title, person = rng.choice(PEOPLE)
    later = day + dt.timedelta(days=rng.randint(1, 60))
    r1 = rng.choice([10, 15, 20, 24, 25, 30])
    return template.format(
        actor=f"{title} {person}" if rng.random() < 0.5 else person, title=title, person=person,
        weekday=WEEKDAYS[(day - dt.timedelta(days=rng.randint(0, 6))).weekday()],
        product=rng.choice(PRODUCTS), country=rng.choice(COUNTRIES), company=rng.choice(COMPANIES),
        authority=rng.choice(AUTHORITIES), r1=r1, r2=r1 * 2, date=f"{later:%B} {later.day}",
        date_long=f"{day:%B} {day.day}, {day.year}", month=f"{day:%B}",
    )


def _article(rng: random.Random, day: dt.date, words: int) -> tuple[str, list[str]]:
    title = _fill(rng, rng.choice(ACTIONS), day).rstrip(".")
    title = title[0].upper() + title[1:]
    paras, n = [], 0
    while n < words:
        para = " ".join(_fill(rng, rng.choice(ACTIONS if rng.random() < 0.35 else PROSE), day) for _ in range(rng.randint(2, 4)))
        paras.append(para)
        n += len(para.split())
    return title, paras


def generate_page(rng: random.Random, day: dt.date, words: int = 600) -> str:
    """One page: a main article and 2-4 related items around ``day``."""
    return _page(rng, day, words)


def _page(rng: random.Random, day: dt.date, words: int, related: int | None = None) -> str:
    """A page with ``related`` related items (default: 2-4, drawn from ``rng``)."""
    title, paras = _article(rng, day, words)
    src = rng.choice(MAIN_SOURCES)
    out = [title, *paras, f"(From {src}, {day:%B} {day.day}, {day.year})", BOILERPLATE]
    items = []
    for _ in range(rng.randint(2, 4) if related is None else related):
        outlet = rng.choice(OUTLETS)
        wire, notice, dateline = rng.choice(WIRES)
        t, ps = _article(rng, day, words)
        body = " ".join(ps)
        if rng.random() < 0.4:
            body = f"{dateline}{body}"
        if rng.random() < 0.5:
            body = f"By {rng.choice(AUTHORS)} {body}"
        if rng.random() < 0.4:
            body = f"{_fill(rng, rng.choice(CAPTIONS), day)} {body}"
        body = f"{body} {notice.format(year=day.year)}"
        when = rng.choice([f"{rng.randint(2, 59)} minutes ago", f"{rng.randint(1, 23)} hours ago", "1 day ago", "Yesterday"])
        items.append(f"{outlet}\n{when}\n- {outlet}\n{t}\n{body}")
    return "\n".join(out) + "\n\n\n".join(items) + "\n"


def generate(out: Path, pages: int, seed: int = 20250601, words: int = 600) -> list[Path]:
    """Write ``pages`` pages into ``out`` (reused when already complete)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"{i:06d}.txt" for i in range(pages)]
    if all(p.exists() for p in paths):
        return paths
    rng = random.Random(seed)
    start = dt.date(2025, 1, 1)
    for i, p in enumerate(paths):
        day = start + dt.timedelta(days=rng.randint(0, 240))
        p.write_text(generate_page(rng, day, words), encoding="utf-8")
    return paths


SHARD_ARTICLES = 2000  # articles per shard of a sized corpus (one folder, one seed each)
MANIFEST = "corpus.json"


def _shard_seed(seed: int, shard: int) -> str:
    # str seeds go through SHA-512: the same stream on every run and platform
    return f"newskit-bench:{seed}:{shard}"


def _write_shard(job: tuple[Path, int, int, int, int]) -> dict:
    """Write shard ``shard`` of a sized corpus: pages until it holds ``n`` articles."""
    folder, seed, shard, n, words = job
    rng = random.Random(_shard_seed(seed, shard))
    start = dt.date(2025, 1, 1)
    folder.mkdir(parents=True, exist_ok=True)
    left, pages, size = n, 0, 0
    while left > 0:
        day = start + dt.timedelta(days=rng.randint(0, 240))
        related = min(rng.randint(2, 4), left - 1)
        data = _page(rng, day, words, related).encode("utf-8")
        (folder / f"{pages:05d}.txt").write_bytes(data)
        left -= 1 + related
        pages += 1
        size += len(data)
    return {"shard": shard, "articles": n, "pages": pages, "bytes": size}


def corpus_files(out: Path) -> list[Path]:
    """The page files of a corpus written by ``generate_corpus``, in order."""
    return sorted(out.glob("s*/*.txt"))


def generate_corpus(out: Path, articles: int, seed: int = 20250601, words: int = 600,
                    workers: int = 1, shard_articles: int = SHARD_ARTICLES) -> dict:
    """Write a corpus of exactly ``articles`` articles into ``out``, streaming.

    Pages (a main article and up to 2-4 related items, as ``generate_page``)
    are written shard by shard (``out/s00000/00000.txt``...), each shard of
    ``shard_articles`` articles from its own seeded stream, so the same
    (``articles``, ``seed``, ``words``, ``shard_articles``) always gives the
    same bytes whatever ``workers`` is, and no more than one page is held in
    memory per worker. A finished corpus is marked by ``out/corpus.json``
    (articles, pages, bytes, ...) and is reused when asked for again.

    Returns:
        The manifest: ``articles, pages, bytes, seed, words, shard_articles, shards``.
    """
    import json

    out = Path(out)
    manifest = out / MANIFEST
    want = {"articles": articles, "seed": seed, "words": words, "shard_articles": shard_articles}
    if manifest.exists():
        got = json.loads(manifest.read_text())
        if all(got.get(k) == v for k, v in want.items()):
            return got
        raise ValueError(f"{out} holds another corpus ({got}); choose another folder")
    sizes = [shard_articles] * (articles // shard_articles)
    if articles % shard_articles:
        sizes.append(articles % shard_articles)
    jobs = [(out / f"s{k:05d}", seed, k, n, words) for k, n in enumerate(sizes)]
    if workers > 1 and len(jobs) > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(workers) as pool:
            shards = pool.map(_write_shard, jobs, chunksize=1)
    else:
        shards = [_write_shard(job) for job in jobs]
    got = {**want, "pages": sum(s["pages"] for s in shards), "bytes": sum(s["bytes"] for s in shards),
           "shards": len(shards)}
    manifest.write_text(json.dumps(got, indent=1))
    return got


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20250601)
    args = ap.parse_args()
    paths = generate(args.out, args.pages, args.seed)
    print(f"{len(paths)} pages in {args.out}")


if __name__ == "__main__":
    main()
