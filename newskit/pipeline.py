"""Run every stage over a corpus of any size, in chunks of files, with bounded memory.

``run(source, out)`` reads the input files ``chunk_files`` at a time
(``load_articles`` on each chunk), runs the per-article stages on the chunk
(``STAGES``: dates, events, sentences, article_sentiment, mentions), writes
each table as one more Parquet part (``out/<table>/part-00000.parquet`` ...),
and folds the chunk into the cross-story state before dropping it. Memory is
one chunk of articles and their tables plus that state, whatever the corpus
size; the cost per article is flat (no step compares all articles with all).

The cross-story tables are built by ``CrossStoryReducer``, whose state is
aggregates, mergeable in any order (``merge``: a tree reduction):

* ``entities`` (= ``entity_table(mentions, articles)``): per entity, its
  counts, outlets (a set: a corpus names a few hundred), first and last date;
* ``edges`` (= ``cross_story(mentions, articles).edges``): per pair of
  entities named in one story, the count of such stories; PMI needs only
  these counts, the entities' story counts and the number of stories;
* ``timeline`` (= ``event_timeline(events, articles)``): the merge of event
  mentions is greedy in date-precision order (see
  ``newskit.events.timeline``), so it cannot be folded one chunk at a time;
  its exact partition key is the ``action``: mentions of different actions
  never merge and an event_id repeats only within an action (within an
  action, dates make no exact partition: a "published" date covers 9 days
  and a year-dated mention a year, so the periods of a daily corpus chain
  together). ``run`` spools the mentions the merge needs (``kept_events``:
  not flagged, the columns the merge reads, with their article's outlet and
  time) to Parquet chunk by chunk, and at the end merges one action at a
  time (``spooled_timeline``), writing the events in parts as they are made
  (``merged_events``); ``newskit.dask`` runs each action on one worker after
  a shuffle on ``action``. Memory at that step is one action's mentions in
  columns plus the merge's keys: on the generated corpus of 100,000 articles
  (1.56 million mentions, 357,000 events) it peaked at 802 MB RSS in 79 s.
  The merge looks a mention up among the events of its action and weeks
  (day-dated ones: its day) narrowed by actor country, target or product,
  so its cost per mention grows with the distinct events reported per
  action, week and actor, not with the corpus as such: on generated corpora
  of 10,000 and 40,000 articles (the same 240 days, ever denser) it compares
  3.1 and 6.3 events per mention at 64 and 67 microseconds per mention.

Story ``links`` and ``bridges`` of ``cross_story`` are left out: they grow
with the square of the stories an entity is in, views for a notebook's
corpus, not for millions.

Duplicate groups (``group_duplicates``) are built from MinHash signatures
written chunk by chunk to a scratch file (1 KiB per article on disk); at the
end, LSH banding, the full-signature check and the components run on the
memory-mapped file with ``newskit.dedupe``'s own steps, so the groups are
those of ``group_duplicates`` on the whole table (~400 bytes of memory per
article: the band keys).

Exact copies: ``load_articles`` skips an exact copy of an article already
loaded within a call; ``run`` keeps every article_id seen (a set of 16-hex
strings, ~100 bytes per article: 100 MB for a million) so a copy in a later
chunk is recorded as skipped too, with the same reason.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from newskit import dedupe, schema
from newskit.dates import DATE_COLUMNS, rows_table
from newskit.dates.rules import date_rows
from newskit.events import EVENT_COLUMNS, TIMELINE_COLUMNS, tariff_events
from newskit.events.timeline import finish_timeline, merged_events
from newskit.load import load_articles
from newskit.load import _expand as _expand_source
from newskit.mentions import EDGE_COLUMNS, ENTITY_COLUMNS, MENTION_COLUMNS, find_mentions
from newskit.sentiment import ARTICLE_SCORE_COLUMNS, SENTENCE_SCORE_COLUMNS, score_sentiment

__all__ = [
    "STAGES", "STAGE_FUNCTIONS", "TABLES", "DATE_TABLE_COLUMNS", "DUPLICATE_COLUMNS",
    "CrossStoryReducer", "PipelineResult", "chunk_tables", "dates_table", "read_tables", "run",
]

STAGES = ("dates", "events", "sentences", "article_sentiment", "mentions")
# 500 files of ~4 articles: ~2,000 articles and their tables, ~100 MB in
# memory; large enough that the per-chunk overheads (a Parquet part per table)
# cost under 1% of a chunk's time.
CHUNK_FILES = 500
PROGRESS_MIN_FILES = 200  # as load_articles

DATE_TABLE_COLUMNS: tuple[schema.Column, ...] = (
    schema.Column("article_id", schema.STRING, "the article the expression is in"),
    *(schema.Column(n, schema.STRING if d == "string" else d, doc) for n, d, doc in DATE_COLUMNS),
)
DUPLICATE_COLUMNS: tuple[schema.Column, ...] = (
    schema.Column("article_id", schema.STRING, "the article"),
    *dedupe.DEDUPE_COLUMNS,
)
_SKIP_COLUMNS = {"rejected": schema.REJECT_COLUMNS, "skipped": schema.SKIPPED_COLUMNS, "warnings": schema.WARNING_COLUMNS}
# The columns of every table run() writes (sentiment tables carry article columns too: see _spec).
TABLES: dict[str, tuple[schema.Column, ...]] = {
    "articles": schema.ARTICLE_COLUMNS,
    "dates": DATE_TABLE_COLUMNS,
    "events": EVENT_COLUMNS,
    "sentences": SENTENCE_SCORE_COLUMNS,
    "article_sentiment": ARTICLE_SCORE_COLUMNS,
    "mentions": MENTION_COLUMNS,
    **_SKIP_COLUMNS,
    "entities": ENTITY_COLUMNS,
    "edges": EDGE_COLUMNS,
    "timeline": TIMELINE_COLUMNS,
    "duplicates": DUPLICATE_COLUMNS,
}
PER_CHUNK = ("articles", *STAGES, "rejected", "skipped", "warnings")
CROSS_STORY = ("entities", "edges", "timeline", "duplicates")


def dates_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Every temporal expression of every body: ``find_dates`` anchored on ``published_at``.

    Args:
        articles: the article table (``article_id``, ``body``, ``published_at``
            are read). Articles without a body or a publication time give no rows.

    Returns:
        A new DataFrame with ``DATE_TABLE_COLUMNS`` (article_id, then the
        columns of ``find_dates``), in article order then text order.

    Raises:
        ValueError: a needed column is missing; the message lists those there are.

    Examples:
        >>> arts = pd.DataFrame({"article_id": ["a"], "body": ["Trump spoke on Friday."],
        ...                      "published_at": [pd.Timestamp("2025-06-02", tz="UTC")]})
        >>> dates_table(arts)[["article_id", "text", "value"]].values.tolist()
        [['a', 'Friday', '2025-05-30']]
    """
    schema.require(articles, ["article_id", "body", "published_at"], "dates_table")
    ids, texts, rows = [], [], []
    for aid, body, pub in zip(articles["article_id"], articles["body"], articles["published_at"]):
        if isinstance(body, str) and body.strip() and not pd.isna(pub):
            found = date_rows(body, pub)  # one table for the chunk, not one per article: 1.4-1.7x less CPU
            if found:
                ids.extend([aid] * len(found))
                texts.append(body)
                rows.append(found)
    if not rows:
        return schema.empty(DATE_TABLE_COLUMNS)
    table = rows_table(texts, rows)
    table.insert(0, "article_id", ids)
    return schema.coerce(table, DATE_TABLE_COLUMNS)


# One process per stage call: run() and newskit.dask parallelise over chunks.
STAGE_FUNCTIONS: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "dates": dates_table,
    "events": tariff_events,
    "sentences": partial(score_sentiment, level="sentence", n_jobs=1),
    "article_sentiment": partial(score_sentiment, level="article", n_jobs=1),
    "mentions": find_mentions,
}


def chunk_tables(articles: pd.DataFrame, stages: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
    """Run the per-article stages on one chunk of the article table.

    Every stage reads one article at a time, so the tables of a corpus are the
    concatenation of the tables of its chunks.

    Args:
        articles: a chunk of the article table.
        stages: names from ``STAGES``; default all of them, in that order.

    Returns:
        Stage name -> its table (``dates``: ``DATE_TABLE_COLUMNS``; ``events``:
        ``tariff_events``; ``sentences`` and ``article_sentiment``:
        ``score_sentiment`` at that level; ``mentions``: ``find_mentions``).

    Raises:
        ValueError: an unknown stage; the message lists the stages.

    Examples:
        >>> from newskit import load_articles
        >>> from newskit.paths import SAMPLE_PAGES
        >>> t = chunk_tables(load_articles(SAMPLE_PAGES / "000_ba2334b44991beed.txt"), ["mentions", "dates"])
        >>> list(t), bool(len(t["mentions"]) > 0)
        (['mentions', 'dates'], True)
    """
    names = list(STAGES if stages is None else stages)
    unknown = [s for s in names if s not in STAGE_FUNCTIONS]
    if unknown:
        raise ValueError(f"chunk_tables: unknown stage {unknown[0]!r}; expected some of {list(STAGES)}")
    return {name: STAGE_FUNCTIONS[name](articles) for name in names}


# --------------------------------------------------------------------------- cross-story state

_EVENT_KEEP = ["mention_id", "article_id", "action", "actor", "actor_country", "target", "product", "rate_from",
               "rate_to", "rate_kind", "authority", "event_date", "date_precision", "date_text", "effective_date",
               "end_date", "sentence", "published_at"]


class CrossStoryReducer:
    """Cross-story tables from chunks, with aggregate state only: ``add``, ``merge``, ``result``.

    State: per entity (name, type, mention and story counts, set of outlets,
    first and last date); per pair of entities named in one story, the number
    of such stories; the number of stories; and the tariff-event mentions
    (see the module docstring for why the timeline keeps those). Chunks must
    hold different articles (``run`` makes sure of it); they may be added and
    merged in any order: an entity named differently in two mentions takes
    the name of its first mention in (path, position, offset) order, which is
    ``load_articles``' order within a folder.

    Args:
        timeline: keep the event mentions for ``result()["timeline"]``
            (``newskit.dask`` builds the timeline by a shuffle instead).

    Examples:
        >>> from newskit import load_articles, find_mentions, tariff_events, entity_table
        >>> from newskit.paths import SAMPLE_PAGES
        >>> arts = load_articles(SAMPLE_PAGES / "000_ba2334b44991beed.txt", captured_at="2025-06-02T19:40+09:00")
        >>> a, b = CrossStoryReducer(), CrossStoryReducer()
        >>> for part, r in ((arts.iloc[:2], a), (arts.iloc[2:], b)):
        ...     _ = r.add(part, find_mentions(part), tariff_events(part))
        >>> whole = entity_table(find_mentions(arts), arts)
        >>> b.merge(a).result()["entities"].equals(whole)
        True
    """

    def __init__(self, *, timeline: bool = True) -> None:
        self.n_stories = 0
        self.timeline = timeline
        # entity_id -> [order key, name, type, n_mentions, n_articles, outlets, first_seen, last_seen]
        self.entities: dict[str, list] = {}
        self.pairs: Counter = Counter()  # (entity_a, entity_b), a < b -> stories naming both
        self.events: list[pd.DataFrame] = []

    def add(self, articles: pd.DataFrame, mentions: pd.DataFrame, events: pd.DataFrame | None = None) -> "CrossStoryReducer":
        """Fold in one chunk: its articles, their mentions and (for the timeline) their events.

        Returns:
            This reducer.

        Raises:
            ValueError: a needed column is missing.
        """
        schema.require(articles, ["article_id", "outlet", "published_at", "path", "position"], "CrossStoryReducer.add")
        schema.require(mentions, ["article_id", "entity_id", "name", "type", "start"], "CrossStoryReducer.add")
        ids = articles["article_id"].astype(str)
        self.n_stories += int(ids.nunique())
        published = pd.to_datetime(articles["published_at"], utc=True)
        outlet_of = dict(zip(ids, articles["outlet"]))
        time_of = dict(zip(ids, published))
        where = dict(zip(ids, zip(articles["path"].astype(str), articles["position"].astype("int64"))))
        self._add_mentions(mentions, outlet_of, time_of, where)
        if self.timeline and events is not None:
            self.events.append(kept_events(articles, events))
        return self

    def _add_mentions(self, mentions, outlet_of, time_of, where) -> None:
        if not len(mentions):
            return
        m = pd.DataFrame({
            "article_id": mentions["article_id"].astype(str).to_numpy(object),
            "entity_id": mentions["entity_id"].astype(str).to_numpy(object),
            "name": mentions["name"].to_numpy(object),
            "type": mentions["type"].astype(str).to_numpy(object),
            "start": mentions["start"].to_numpy("int64"),
            "row": np.arange(len(mentions)),
        })
        first = m.groupby("entity_id", sort=False).head(1)
        n_mentions = m.groupby("entity_id", sort=False).size()
        per = m.drop_duplicates(["article_id", "entity_id"])
        n_articles = per.groupby("entity_id", sort=False).size()
        outlets: dict[str, set] = {}
        dates: dict[str, list] = {}
        for a, e in zip(per["article_id"], per["entity_id"]):
            o = outlet_of.get(a)
            if o is not None and not pd.isna(o):
                outlets.setdefault(e, set()).add(str(o))
            t = time_of.get(a)
            if t is not None and not pd.isna(t):
                dates.setdefault(e, []).append(t)
        for a, e, name, typ, start, row in first.itertuples(index=False, name=None):
            key = (*where.get(a, ("\uffff", 0)), int(start), int(row))
            ds = dates.get(e, [])
            rec = [key, name, typ, int(n_mentions[e]), int(n_articles[e]), outlets.get(e, set()),
                   min(ds) if ds else pd.NaT, max(ds) if ds else pd.NaT]
            self._fold_entity(e, rec)
        # co-mentions: every pair of distinct entities of one story, once per story
        for ents in per.groupby("article_id", sort=False)["entity_id"].agg(sorted):
            for i, x in enumerate(ents):
                for y in ents[i + 1:]:
                    self.pairs[(x, y)] += 1

    def _fold_entity(self, e: str, rec: list) -> None:
        mine = self.entities.get(e)
        if mine is None:
            self.entities[e] = [rec[0], rec[1], rec[2], rec[3], rec[4], set(rec[5]), rec[6], rec[7]]
            return
        if rec[0] < mine[0]:
            mine[0], mine[1], mine[2] = rec[0], rec[1], rec[2]
        mine[3] += rec[3]
        mine[4] += rec[4]
        mine[5] |= rec[5]
        mine[6] = _earlier(mine[6], rec[6], min)
        mine[7] = _earlier(mine[7], rec[7], max)

    def merge(self, other: "CrossStoryReducer") -> "CrossStoryReducer":
        """Fold in another reducer's state (of other articles); returns this reducer."""
        self.n_stories += other.n_stories
        for e, rec in other.entities.items():
            self._fold_entity(e, rec)
        self.pairs.update(other.pairs)
        self.events += other.events
        return self

    def result(self) -> dict[str, pd.DataFrame]:
        """The cross-story tables.

        Returns:
            ``entities`` (``ENTITY_COLUMNS``, as ``entity_table``), ``edges``
            (``EDGE_COLUMNS``, as ``cross_story(...).edges``) and, with
            ``timeline=True``, ``timeline`` (``TIMELINE_COLUMNS``, as
            ``event_timeline(events, articles)``).
        """
        out = {"entities": self._entities(), "edges": self._edges()}
        if self.timeline:
            events = pd.concat(self.events, ignore_index=True) if self.events else None
            out["timeline"] = timeline_of(events)
        return out

    def _entities(self) -> pd.DataFrame:
        rows = [(e, r[1], r[2], r[3], r[4], len(r[5]), r[6], r[7]) for e, r in self.entities.items()]
        table = pd.DataFrame(rows, columns=[c.name for c in ENTITY_COLUMNS])
        table["first_seen"] = pd.to_datetime(table["first_seen"], utc=True)
        table["last_seen"] = pd.to_datetime(table["last_seen"], utc=True)
        table = table.sort_values(["n_articles", "n_mentions", "entity_id"], ascending=[False, False, True])
        return schema.coerce(table.reset_index(drop=True), ENTITY_COLUMNS)

    def _edges(self) -> pd.DataFrame:
        n = self.n_stories
        stories = {e: r[4] for e, r in self.entities.items()}
        rows = []
        for (s, t), nab in self.pairs.items():
            na, nb = stories[s], stories[t]
            if na < 2 or nb < 2:  # cross_story keeps the entities of 2+ stories (min_stories=2)
                continue
            # the same expressions as newskit.mentions.cross._edges, for the same floats
            pmi = float(np.log2(n * nab / (na * nb)))
            npmi = 1.0 if nab == n else pmi / -float(np.log2(nab / n))
            rows.append((s, t, self.entities[s][1], self.entities[t][1], nab, pmi, npmi))
        frame = pd.DataFrame(rows, columns=[c.name for c in EDGE_COLUMNS])
        frame = frame.sort_values(["shared_stories", "npmi", "source", "target"], ascending=[False, False, True, True])
        return schema.coerce(frame.reset_index(drop=True), EDGE_COLUMNS)

    def __repr__(self) -> str:
        return (f"<CrossStoryReducer: {self.n_stories} stories, {len(self.entities)} entities, "
                f"{len(self.pairs)} entity pairs, {sum(map(len, self.events))} event mentions>")


def _earlier(a, b, pick):
    if pd.isna(a):
        return b
    if pd.isna(b):
        return a
    return pick(a, b)


def kept_events(articles: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The event mentions the timeline needs: unflagged, the columns the merge reads, their article's outlet and time.

    Raises:
        ValueError: a needed column is missing.
    """
    schema.require(articles, ["article_id", "outlet", "published_at"], "kept_events")
    schema.require(events, _EVENT_KEEP, "kept_events")
    ids = articles["article_id"].astype(str)
    outlet_of = dict(zip(ids, articles["outlet"]))
    time_of = dict(zip(ids, pd.to_datetime(articles["published_at"], utc=True)))
    rows = events
    for flag in ("negated", "hypothetical"):
        if flag in rows.columns:
            rows = rows[~rows[flag].fillna(False).astype(bool)]
    rows = rows[_EVENT_KEEP].copy()
    aid = rows["article_id"].astype(str)
    rows["action"] = rows["action"].astype(str)
    rows["_outlet"] = pd.array([None if pd.isna(o := outlet_of.get(a)) else str(o) for a in aid], dtype=schema.STRING)
    rows["_known"] = [a in time_of for a in aid]
    rows["_published"] = pd.Series([time_of.get(a, pd.NaT) for a in aid], index=rows.index, dtype=schema.UTC_TIME)
    rows.attrs = {}
    return rows.reset_index(drop=True)


def spool_events(kept: pd.DataFrame, folder: Path, i: int) -> None:
    """Write kept event mentions (``kept_events``) as part ``i`` of a spool, one folder per action."""
    for action, rows in kept.groupby("action", observed=True, sort=True):
        _write_part(rows, Path(folder) / f"action={action}", i)


def spooled_timeline(folder: Path, out: Path, progress: bool = False) -> int:
    """Merge the event mentions of a spool (``spool_events``) into the timeline, written as parts under ``out``.

    One action at a time (mentions of different actions never merge); the
    merge reads an action's key columns, then reads the rest of its columns
    a few files at a time, filing them by batch of events into scratch files
    (a new ``.newskit-merge-*`` folder beside ``out``, deleted at the end), and makes the rows of the events a batch at a time
    (``merged_events``), each batch written as one part
    (``out/part-00000.parquet`` ...). So the merge holds the key columns of
    one action's mentions and one batch's rows, never the timeline; the
    process's RSS can stay higher, as memory freed after one action is not
    always returned before the next (README, "The pipeline benchmark").
    ``read_tables`` sorts the parts into the timeline's order.

    Args:
        folder: the spool (``action=<name>/part-*.parquet``).
        out: the folder the parts are written to.
        progress: a progress bar on stderr over the mentions (it moves as the
            events holding them are written; on a million articles the merge
            takes minutes).

    Returns:
        The number of events written.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    folders = sorted(p for p in Path(folder).glob("action=*") if p.is_dir()) if Path(folder).is_dir() else []
    actions = [(a.name.split("=", 1)[1], sorted(str(f) for f in a.glob("*.parquet"))) for a in folders]
    total = sum(pq.read_metadata(f).num_rows for _, files in actions for f in files) if progress else 0
    bar = tqdm(total=total, unit="mention", desc="newskit timeline merge", disable=not progress)
    # the rows filed by batch of events: a folder of its own beside the output
    scratch = Path(tempfile.mkdtemp(prefix=".newskit-merge-", dir=out.parent))
    n = written = 0
    try:
        for name, files in actions:
            bar.set_postfix(action=name)
            parts = partial(_read_kept_parts, files)
            for rows in merged_events(partial(_read_kept, files), with_articles=True, parts=parts,
                                      scratch=scratch):
                _write_part(schema.coerce(pd.DataFrame(rows), TIMELINE_COLUMNS), out, written)
                written += 1
                n += len(rows)
                bar.update(sum(row["n_mentions"] for row in rows))
    finally:
        bar.close()
        shutil.rmtree(scratch, ignore_errors=True)
    if not written:
        _write_part(schema.empty(TIMELINE_COLUMNS), out, 0)
    return n


def _read_kept_parts(files: list[str], columns: list[str], per_part: int = 64) -> Iterator[pd.DataFrame]:
    """``_read_kept`` of the files ``per_part`` at a time, in order."""
    for i in range(0, len(files), per_part):
        yield _read_kept(files[i:i + per_part], columns)


def _read_kept(files: list[str], columns: list[str]) -> pd.DataFrame:
    """Those columns of spooled mentions, ready for ``merged_events`` (see ``_ready``)."""
    import pyarrow.dataset as ds

    data = ds.dataset(files, format="parquet")
    names = set(data.schema.names)
    extra = ["_known", "published_at"] if {"_outlet", "_published"} & set(columns) else []
    table = data.to_table(columns=[c for c in dict.fromkeys(columns + extra) if c in names])
    return _ready(table.to_pandas()) if extra else table.to_pandas()


def timeline_of(events: pd.DataFrame | None) -> pd.DataFrame:
    """``event_timeline`` of the event mentions a reducer keeps (``kept_events``), sorted."""
    if events is None or not len(events):
        return schema.empty(TIMELINE_COLUMNS)
    return finish_timeline([timeline_part(g) for _, g in events.groupby("action", observed=True, sort=True)])


def timeline_part(events: pd.DataFrame) -> pd.DataFrame:
    """``merge_mentions`` of kept event mentions (all of one or more whole actions), unsorted."""
    rows = [row for batch in merged_events(_ready(events), with_articles=True) for row in batch]
    return pd.DataFrame(rows) if rows else schema.empty(TIMELINE_COLUMNS)


def _ready(events: pd.DataFrame) -> pd.DataFrame:
    """Kept event mentions as ``merged_events`` reads them: an article's own time and no outlet where the
    article table had none."""
    known = events["_known"].astype(bool).to_numpy()
    return events.assign(
        _published=events["_published"].where(known, pd.to_datetime(events["published_at"], utc=True)),
        _outlet=events["_outlet"].astype(object).where(known, None))


# --------------------------------------------------------------------------- duplicates

def dedupe_texts(articles: pd.DataFrame) -> list[str]:
    """The texts ``group_duplicates`` hashes: the body, with the title in front of a body under 5 words."""
    return [
        b if len(b.split(None, dedupe.SHINGLE)) >= dedupe.SHINGLE else f"{t} {b}"
        for t, b in zip(articles["title"].fillna("").astype(str), articles["body"].fillna("").astype(str))
    ]


class _Signatures:
    """MinHash signatures appended chunk by chunk to a scratch file, with what choosing the canonical copy needs."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = open(path, "wb")
        self.ids: list[np.ndarray] = []
        self.published: list[np.ndarray] = []
        self.words: list[np.ndarray] = []

    def add(self, articles: pd.DataFrame) -> None:
        sig = dedupe.minhash_signatures(dedupe_texts(articles))
        self.file.write(np.ascontiguousarray(sig).tobytes())
        self.ids.append(articles["article_id"].astype(str).to_numpy().astype("S16"))
        self.published.append(pd.to_datetime(articles["published_at"], utc=True).to_numpy("datetime64[ns]"))
        self.words.append(articles["word_count"].to_numpy("float64"))

    def groups(self, threshold: float = dedupe.THRESHOLD) -> pd.DataFrame:
        """``group_duplicates``' story_id and is_canonical for every article added, in order."""
        self.file.close()
        ids = np.concatenate(self.ids) if self.ids else np.empty(0, "S16")
        n = len(ids)
        if n == 0:
            return schema.empty(DUPLICATE_COLUMNS)
        sig = np.memmap(self.path, dtype=np.uint64, mode="r", shape=(n, dedupe.NUM_HASHES))
        labels = dedupe._components(n, dedupe._candidate_pairs(sig, threshold))
        meta = pd.DataFrame({
            "published_at": pd.to_datetime(np.concatenate(self.published)).tz_localize("UTC"),
            "word_count": pd.array(np.concatenate(self.words)).astype("Int64"),
        })
        canonical = dedupe._canonical(meta, labels)
        del sig
        text = ids.astype(str)
        return schema.coerce(pd.DataFrame({
            "article_id": text, "story_id": text[canonical[labels]],
            "is_canonical": canonical[labels] == np.arange(n),
        }), DUPLICATE_COLUMNS)


# --------------------------------------------------------------------------- run

@dataclass
class PipelineResult:
    """What ``run`` wrote: counts and paths.

    ``articles + skipped_copies`` articles were read; ``files == loaded_files
    + rejected`` (a file is loaded or rejected); ``rows`` has the rows of
    every table written, ``paths`` where (a folder of parts, or one file).
    """

    out: Path
    files: int
    loaded_files: int
    rejected: int
    articles: int
    skipped: int
    skipped_copies: int
    warnings: int
    chunks: int
    seconds: float
    rows: dict[str, int] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase

    def summary(self) -> str:
        """One line: the counts."""
        return (f"{self.articles} articles from {self.loaded_files} of {self.files} files in {self.chunks} chunks; "
                f"{self.rejected} files rejected; {self.skipped} items skipped ({self.skipped_copies} exact copies "
                f"across chunks); {self.rows.get('entities', 0)} entities, {self.rows.get('edges', 0)} edges, "
                f"{self.rows.get('timeline', 0)} events; {self.seconds:.1f} s")


def run(
    source: object,
    out: str | os.PathLike,
    *,
    chunk_files: int = CHUNK_FILES,
    captured_at: object = None,
    progress: bool | None = None,
    stages: Iterable[str] | None = None,
    duplicates: bool = True,
    workers: int | None = 1,
) -> PipelineResult:
    """Run every stage over a corpus, ``chunk_files`` files at a time, into Parquet.

    Writes under ``out`` (created; tables already there are replaced):

    * per chunk, one part of each table: ``articles/``, ``dates/``,
      ``events/``, ``sentences/``, ``article_sentiment/``, ``mentions/``, and
      the load's ``rejected/``, ``skipped/`` and ``warnings/``
      (``part-00000.parquet``, ``part-00001.parquet`` ...);
    * the cross-story tables: ``entities.parquet``, ``edges.parquet``,
      ``timeline.parquet`` (a folder of parts, written an action and a batch
      of events at a time), and ``duplicates.parquet`` (article_id,
      story_id, is_canonical);
    * ``summary.json``: the counts of the result.

    Args:
        source: what ``load_articles`` takes: files, folders, globs, a list.
        out: the output folder.
        chunk_files: input files per chunk (memory grows with it, not with the corpus).
        captured_at: as for ``load_articles`` (one time, or file -> time).
        progress: a progress bar over files (stderr), then one over the event
            mentions as the timeline merges them; default from 200 files.
        stages: the per-chunk stages to run (default ``STAGES``); the
            cross-story tables need ``mentions`` and ``events``.
        duplicates: also group syndicated copies (``duplicates.parquet``).
        workers: processes ``load_articles`` parses each chunk with.

    Returns:
        A ``PipelineResult`` (counts and paths).

    Raises:
        ValueError: a bad ``source`` (as ``load_articles``), ``chunk_files``
            < 1, or an unknown stage.

    Examples:
        >>> import tempfile
        >>> from newskit.paths import SAMPLE_PAGES, SAMPLE_CAPTURES
        >>> from newskit import read_capture_times
        >>> res = run(SAMPLE_PAGES, tempfile.mkdtemp(), chunk_files=10, captured_at=read_capture_times(SAMPLE_CAPTURES))
        >>> res.chunks, res.articles, res.rejected
        (2, 71, 0)
        >>> sorted(read_tables(res.out)) == sorted(res.paths)
        True
    """
    if not isinstance(chunk_files, int) or chunk_files < 1:
        raise ValueError(f"run: chunk_files must be an int >= 1; got {chunk_files!r}")
    stages = list(STAGES if stages is None else stages)
    unknown = [s for s in stages if s not in STAGE_FUNCTIONS]
    if unknown:
        raise ValueError(f"run: unknown stage {unknown[0]!r}; expected some of {list(STAGES)}")
    t0 = time.perf_counter()
    files, _ = _expand_source(source)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    names = ["articles", *stages, "rejected", "skipped", "warnings"]
    for name in [*PER_CHUNK, *CROSS_STORY]:
        for p in (out / name, out / f"{name}.parquet"):
            if p.is_dir():
                shutil.rmtree(p)
            elif p.exists():
                p.unlink()
    cross = "mentions" in stages and "events" in stages
    reducer = CrossStoryReducer(timeline=False)  # the timeline's mentions are spooled to disk instead
    scratch = out / "_scratch"
    scratch.mkdir(exist_ok=True)
    signatures = _Signatures(scratch / "signatures.u64") if duplicates else None
    seen: dict[str, str] = {}  # article_id -> path of its first copy
    rows = Counter()
    counts = Counter()
    if progress is None:
        progress = len(files) >= PROGRESS_MIN_FILES
    bar = tqdm(total=len(files), unit="file", desc="newskit pipeline", disable=not progress)
    n_chunks = 0
    try:
        for i, lo in enumerate(range(0, len(files), chunk_files)):
            batch = files[lo: lo + chunk_files]
            arts = load_articles(batch, captured_at=captured_at, progress=False, workers=workers)
            arts, extra_skipped = drop_seen(arts, seen)
            tables = {"articles": arts}
            tables.update(chunk_tables(arts, stages))
            for key in ("rejected", "warnings"):
                tables[key] = arts.attrs[key]
            tables["skipped"] = schema.coerce(pd.concat([arts.attrs["skipped"], extra_skipped], ignore_index=True),
                                              schema.SKIPPED_COLUMNS)
            counts["copies"] += len(extra_skipped)
            counts["loaded_files"] += len(batch) - len(arts.attrs["rejected"])
            for name in names:
                _write_part(tables[name], out / name, i)
                rows[name] += len(tables[name])
            if cross:
                reducer.add(arts, tables["mentions"], tables["events"])
                spool_events(kept_events(arts, tables["events"]), scratch / "events", i)
            if signatures is not None:
                signatures.add(arts)
            n_chunks += 1
            bar.update(len(batch))
            bar.set_postfix(articles=rows["articles"], refresh=False)
    finally:
        bar.close()
    paths = {name: out / name for name in names}
    if cross:
        for name, table in reducer.result().items():
            paths[name] = _write_table(table, out / f"{name}.parquet")
            rows[name] = len(table)
        paths["timeline"] = out / "timeline.parquet"
        rows["timeline"] = spooled_timeline(scratch / "events", paths["timeline"], progress=progress)
    if signatures is not None:
        groups = signatures.groups()
        paths["duplicates"] = _write_table(groups, out / "duplicates.parquet")
        rows["duplicates"] = len(groups)
    shutil.rmtree(scratch, ignore_errors=True)
    result = PipelineResult(
        out=out, files=len(files), loaded_files=counts["loaded_files"], rejected=rows["rejected"],
        articles=rows["articles"], skipped=rows["skipped"], skipped_copies=counts["copies"],
        warnings=rows["warnings"], chunks=n_chunks, seconds=time.perf_counter() - t0, rows=dict(rows), paths=paths,
    )
    (out / "summary.json").write_text(json.dumps(
        {**{k: v for k, v in vars(result).items() if k not in ("out", "paths", "rows", "timings")}, "rows": result.rows}, indent=1))
    return result


def drop_seen(articles: pd.DataFrame, seen: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Drop the articles whose id is in ``seen`` (exact copies loaded by an earlier chunk); add the rest to it.

    Returns:
        The articles left (``attrs`` kept) and the skipped items for the
        dropped ones (``SKIPPED_COLUMNS``), with ``load_articles``' reason.
    """
    ids = articles["article_id"].astype(str)
    dup = ids.map(lambda a: a in seen).to_numpy(bool)
    skipped = [(p, int(pos), f"exact copy of an article already loaded from {seen[a]}", a)
               for p, pos, a in zip(articles["path"][dup], articles["position"][dup], ids[dup])]
    for a, p in zip(ids[~dup], articles["path"][~dup]):
        seen[a] = str(p)
    frame = schema.coerce(pd.DataFrame(skipped, columns=schema.names(schema.SKIPPED_COLUMNS)), schema.SKIPPED_COLUMNS)
    if dup.any():
        kept = schema.coerce(articles.loc[~dup].reset_index(drop=True))
        kept.attrs = dict(articles.attrs)
        articles = kept
    return articles, frame


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy(deep=False)
    out.attrs = {}  # pyarrow cannot keep frames in attrs
    return out


def _write_part(df: pd.DataFrame, folder: Path, i: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return _write_table(df, folder / f"part-{i:05d}.parquet")


def _write_table(df: pd.DataFrame, path: Path) -> Path:
    pq.write_table(pa.Table.from_pandas(_plain(df), preserve_index=False), path)
    return path


# --------------------------------------------------------------------------- reading back

def _spec(name: str, columns: list[str]) -> tuple[schema.Column, ...]:
    """The Column records of a table's columns: its own, else the article table's (columns carried over)."""
    own = {c.name: c for c in TABLES.get(name, ())}
    article = {c.name: c for c in schema.ARTICLE_COLUMNS}
    return tuple(own.get(c) or article.get(c) or schema.Column(c, object, "") for c in columns)


def typed(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """A table read back from Parquet with newskit's dtypes (categories rebuilt from all its rows)."""
    spec = _spec(name, list(df.columns))
    plain = df.copy(deep=False)
    for c in spec:
        if isinstance(plain[c.name].dtype, pd.CategoricalDtype):
            plain[c.name] = plain[c.name].astype(object)  # parts carry their own categories
        elif c.dtype is object and plain[c.name].dtype != object:
            spec = tuple(s if s.name != c.name else schema.Column(c.name, plain[c.name].dtype, "") for s in spec)
    return schema.coerce(plain, spec)


def read_tables(out: str | os.PathLike, tables: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
    """Read back the tables ``run`` (or ``newskit.dask.run``) wrote under ``out``.

    Args:
        out: the output folder of ``run``.
        tables: names to read; default every table there.

    Returns:
        Name -> table, with newskit's dtypes; per-chunk tables in chunk
        order (the parts concatenated), cross-story tables as written (the
        timeline sorted by event_date, action and event_id, as
        ``event_timeline`` sorts it).

    Raises:
        ValueError: ``out`` is not a folder, or a named table is not in it.
    """
    out = Path(out)
    if not out.is_dir():
        raise ValueError(f"read_tables: no such folder: {os.fspath(out)!r}")
    present = {p.name.removesuffix(".parquet"): p for p in sorted(out.iterdir())
               if p.name.removesuffix(".parquet") in TABLES}
    names = list(present) if tables is None else list(tables)
    missing = [n for n in names if n not in present]
    if missing:
        raise ValueError(f"read_tables: table {missing[0]!r} not in {os.fspath(out)!r}; available: {sorted(present)}")
    result = {}
    for name in names:
        path = present[name]
        files = sorted(path.glob("*.parquet")) if path.is_dir() else [path]
        parts = [pq.read_table(f).to_pandas() for f in files]
        if not parts:
            result[name] = schema.empty(TABLES[name])
            continue
        frame = pd.concat([p.astype({c: object for c in p.columns if isinstance(p[c].dtype, pd.CategoricalDtype)})
                           for p in parts], ignore_index=True)
        frame = typed(name, frame)
        # newskit.dask writes the timeline in parts (one per shuffle partition): sorted here
        result[name] = finish_timeline([frame]) if name == "timeline" else frame
    return result
