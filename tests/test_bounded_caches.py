"""The VADER caches stay within their caps whatever is fed to them, and never change a score.

A worker of newskit.pipeline scores chunk after chunk of a corpus with the
shared scorer; its caches must not grow with the corpus (they used to keep
every article body, ~4 KB an article).
"""
from __future__ import annotations

import random
import tracemalloc

import pandas as pd

from newskit.sentiment import VaderScorer, nltk_analyzer, score_sentiment, score_texts
from newskit.sentiment import vader
from newskit.sentiment.vader import _TextCache, _TokenCache

KEYS = ("neg", "neu", "pos", "compound")
WORDS = ("good bad not very never but kind of great terrible tariffs hurt farmers talks went well "
         "the deal is a success failure markets rallied fell sharply slightly US China Trump said").split()


def sentences(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        words = rng.choices(WORDS, k=rng.randint(4, 16))
        out.append(" ".join(words) + f" item{i}" + rng.choice([".", "!", "?", "!!"]))
    return out


def nltk_scores(text: str) -> tuple[float, ...]:
    s = nltk_analyzer().polarity_scores(text)
    return tuple(s[k] for k in KEYS)


def test_text_cache_never_exceeds_its_caps_and_scores_are_unchanged():
    scorer = VaderScorer()
    scorer._texts = cache = _TextCache(max_items=200, max_chars=6_000, max_text_chars=300)
    texts = sentences(2_000, seed=1)  # 10x the cap, all distinct
    most_chars = 0
    for t in texts:
        assert scorer.score(t) == scorer._score(t)
        assert len(cache) <= 200
        chars = sum(map(len, cache.young)) + sum(map(len, cache.old))
        most_chars = max(most_chars, chars)
        assert chars <= 6_000 + 2 * 300
    assert most_chars > 3_000  # it was used
    # the latest texts are still cached: at least half the cap of texts or of characters
    recent, chars = [], 0
    for t in reversed(texts):
        chars += len(t)
        if len(recent) == 100 or chars > 3_000:
            break
        recent.append(t)
    assert len(recent) > 20 and all(t in cache for t in recent)
    sample = texts[::50] + texts[-5:]
    assert [scorer.score(t) for t in sample] == [nltk_scores(t) for t in sample]


def test_long_texts_are_scored_but_not_cached():
    scorer = VaderScorer()
    body = " ".join(sentences(200, seed=2))
    assert len(body) > vader.MAX_CACHED_TEXT_CHARS
    assert scorer.score(body) == nltk_scores(body)
    assert body not in scorer._texts and len(scorer._texts) == 0
    assert scorer.score(body) == nltk_scores(body)
    scorer.remember({body: scorer._score(body)})
    assert len(scorer._texts) == 0


def test_article_level_does_not_keep_bodies():
    bodies = [" ".join(sentences(60, seed=10 + k)) for k in range(5)]
    assert min(map(len, bodies)) > vader.MAX_CACHED_TEXT_CHARS
    scorer = VaderScorer()
    before = [scorer.score(b) for b in bodies]
    vader._default_scorer.cache_clear()
    try:
        arts = pd.DataFrame({"article_id": list("abcde"), "body": bodies})
        table = score_sentiment(arts, "article", n_jobs=1)
        cached = vader._default_scorer()._texts
        assert not any(b in cached for b in bodies)
        assert table["compound_whole"].tolist() == [s[3] for s in before]
    finally:
        vader._default_scorer.cache_clear()


def test_token_cache_never_exceeds_its_cap():
    scorer = VaderScorer()
    scorer._tokens = tokens = _TokenCache(scorer.lexicon, max_items=100)
    scorer._lookup = tokens.__getitem__
    scorer._texts = _TextCache(max_items=2, max_chars=100)  # score through the token cache
    texts = [f"good w{i} bad x{i} not great" for i in range(500)]  # ~1,000 distinct tokens
    for t in texts:
        assert scorer.score(t) == nltk_scores(t)
        assert tokens.size() <= 100
        assert len(tokens) + len(tokens.old) <= 100
    fresh = VaderScorer()
    assert [scorer.score(t) for t in texts[:20]] == [fresh.score(t) for t in texts[:20]]


def test_score_texts_parallel_with_a_cache_that_rotates_while_read():
    texts = sentences(3_000, seed=3)
    scorer = VaderScorer()
    scorer._texts = _TextCache(max_items=64, max_chars=10**6)
    for t in texts[:64]:  # fill both generations, then ask for old and new texts mixed
        scorer.score(t)
    batch = texts[:64] * 2 + texts[64:]
    assert score_texts(batch, n_jobs=2, scorer=scorer) == score_texts(batch, n_jobs=1, scorer=VaderScorer())
    assert len(scorer._texts) <= 64


def test_default_text_cache_memory_is_bounded():
    """Filled far past its cap with sentence-sized texts, the default cache holds < 60 MB."""
    cache = _TextCache()
    rng = random.Random(4)
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        for i in range(2 * vader.MAX_CACHED_TEXTS):
            text = f"{i:08d} " + "x" * rng.randint(60, 180)
            cache.put(text, (rng.random(), rng.random(), rng.random(), rng.random()))
        used = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    assert len(cache) <= vader.MAX_CACHED_TEXTS
    assert used < 60 * 2**20, used
