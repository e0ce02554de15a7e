"""Group syndicated copies: the same story printed by several outlets.

A wire story reaches a corpus many times: the agency's own copy, and copies
on every outlet that runs it, each with its own headline, a dateline added
or dropped, the last paragraph trimmed, a photo caption above. Those copies
share almost all of their word sequences; two different stories on the same
event share names, numbers and perhaps a quote, but few runs of five words.

``group_duplicates`` finds the copies in near-linear time (Broder 1997, "On
the resemblance and containment of documents"; Leskovec, Rajaraman & Ullman,
*Mining of Massive Datasets*, ch. 3):

1. each body becomes its set of word 5-shingles (Broder's w-shingles with
   w = 5: runs of five words, case and punctuation ignored): long enough that
   different stories rarely share one, short enough that an edit spoils few
   (the measurement below);
2. each set becomes a 128-value MinHash signature, computed in one pass by
   one-permutation hashing with densification by rotation (Li, Owen & Zhang
   2012; Shrivastava & Li 2014), so the cost is one hash per shingle rather
   than 128;
3. LSH banding (42 bands of 3 values) makes candidate pairs only of articles
   whose signatures agree on a whole band: no all-pairs comparison;
4. a candidate pair is a copy when its estimated Jaccard similarity (the
   share of equal signature values) reaches ``threshold``; copies of copies
   are one story (connected components).

The threshold, 0.5, was chosen by measurement (``python -m benchmarks.sources
--quality``: 300 generated stories of 150, 300 or 600 words). A copy with one
edit keeps a Jaccard similarity of at least 0.98 (a dateline added), 0.86 (a
photo caption added), 0.54 (the last of three paragraphs trimmed, the hardest
single edit); with all four edits at once, at least 0.45 (5th percentile
0.55). Different stories stay at or below 0.04 in the sample corpus (several
stories on each tariff event) and at or below 0.36 (99.9th percentile 0.27)
in the generated corpus, whose articles are built from shared template
sentences. 0.5 lies between the two; on 100,000 generated articles of 300-600
words, half of them copies, it finds every copy pair and no false one
(``python -m benchmarks.sources``). Short bodies are the hard case: under about
150 words, template-built stories resemble each other as much as trimmed
copies do (at 0.5, a corpus of such articles gets false pairs). With 42 bands
of 3, a pair at Jaccard 0.5 becomes a candidate with probability
1 - (1 - 0.5**3)**42 = 0.996, one at 0.6 with 0.99998.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from newskit import schema

__all__ = ["group_duplicates", "DEDUPE_COLUMNS", "THRESHOLD"]

THRESHOLD = 0.5
SHINGLE = 5
NUM_HASHES = 128
# 42 bands of 3 values (126 of the 128; all 128 serve the final check): a
# pair at Jaccard 0.45 shares a band with probability 1 - (1 - 0.45**3)**42
# = 0.98, at 0.5 0.996; the S-curve's midpoint is (1/42)**(1/3) = 0.29.
BANDS, ROWS = 42, 3
_BIN_BITS = 7  # 2**7 == NUM_HASHES bins for one-permutation hashing
_CHUNK = 2000  # articles hashed at once: bounds memory at about 100 MB
_EMPTY = np.uint64(np.iinfo(np.uint64).max)
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)

DEDUPE_COLUMNS: tuple[schema.Column, ...] = (
    schema.Column("story_id", schema.STRING, "the article_id of the story's canonical copy: equal for all copies of one story (near-duplicate bodies, Jaccard >= threshold on word 5-shingles)"),
    schema.Column("is_canonical", "bool", "True for one copy per story: the earliest published day, then the fullest body (most words), then the earliest time, then table order"),
)

# Bytes that are word characters: ASCII letters and digits, and every byte of
# a multi-byte UTF-8 character (accented letters, kana, kanji) except the
# punctuation blocks listed in _word_bytes.
_WORD = np.zeros(256, dtype=bool)
_WORD[ord("0"): ord("9") + 1] = True
_WORD[ord("a"): ord("z") + 1] = True
_WORD[0x80:] = True
_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], dtype=np.uint64)


def group_duplicates(articles: pd.DataFrame, *, threshold: float = THRESHOLD) -> pd.DataFrame:
    """Add ``story_id`` and ``is_canonical``: copies of one story share a story_id.

    Args:
        articles: the article table (``load_articles``); it needs the columns
            article_id, title, body, published_at and word_count.
        threshold: the estimated Jaccard similarity of two bodies' word
            5-shingles from which they are copies (0 < threshold <= 1); the
            default, 0.5, is measured (see the module docstring).

    Returns:
        A copy of ``articles`` with two columns more (``DEDUPE_COLUMNS``):
        ``story_id`` (string: the article_id of the story's canonical copy)
        and ``is_canonical`` (bool: True for exactly one row per story, the
        earliest published day, then the fullest body, then the earliest
        time, then table order). ``articles`` is not changed.

    Raises:
        ValueError: a required column is missing (the message lists those
            present), or a threshold outside (0, 1].

    Examples:
        >>> from newskit import load_articles
        >>> from newskit.paths import SAMPLE_PAGES
        >>> df = group_duplicates(load_articles(SAMPLE_PAGES))
        >>> int(df["is_canonical"].sum()) == df["story_id"].nunique()
        True
        >>> by_story = df.groupby("story_id").size()     # copies per story
        >>> by_outlet = df[df["is_canonical"]].groupby("outlet").size()  # stories per outlet

        Sentiment and mentions count each story once when given the canonical
        copies only; the whole table counts every copy (syndication as reach):

        >>> from newskit import entity_table, find_mentions, score_sentiment, sentiment_by
        >>> stories = df[df["is_canonical"]]
        >>> scores = score_sentiment(stories, "article")
        >>> len(scores) == df["story_id"].nunique()
        True
        >>> by_outlet = sentiment_by(scores, "outlet")
        >>> entities = entity_table(find_mentions(stories), stories)
    """
    schema.require(articles, ["article_id", "title", "body", "published_at", "word_count"], "group_duplicates")
    if not (isinstance(threshold, int | float) and 0 < threshold <= 1):
        raise ValueError(f"group_duplicates: threshold must be in (0, 1]; got {threshold!r}")
    texts = [
        b if len(b.split(None, SHINGLE)) >= SHINGLE else f"{t} {b}"
        for t, b in zip(articles["title"].fillna("").astype(str), articles["body"].fillna("").astype(str))
    ]
    signatures = minhash_signatures(texts)
    labels = _components(len(texts), _candidate_pairs(signatures, threshold))
    canonical = _canonical(articles, labels)
    out = articles.copy()
    ids = articles["article_id"].astype(str).to_numpy()
    out["story_id"] = pd.array(ids[canonical[labels]], dtype=schema.STRING)
    out["is_canonical"] = canonical[labels] == np.arange(len(out))
    out.attrs = dict(articles.attrs)
    return out


def minhash_signatures(texts: list[str]) -> np.ndarray:
    """MinHash signatures (n x 128, uint64) of the texts' word 5-shingle sets.

    Deterministic: the same text has the same signature on every run and
    machine (no salted hashing). A text with no words gets an all-empty
    signature, which matches nothing.

    Examples:
        >>> a, b, c = minhash_signatures(["the cat sat on the mat today", "The cat sat on the mat, today!", "a dog"])
        >>> bool((a == b).all()), bool((a == c).any())
        (True, False)
    """
    out = np.full((len(texts), NUM_HASHES), _EMPTY, dtype=np.uint64)
    for lo in range(0, len(texts), _CHUNK):
        chunk = texts[lo: lo + _CHUNK]
        doc, shingles = _shingles(chunk)
        if len(shingles):
            bins = (shingles >> np.uint64(64 - _BIN_BITS)).astype(np.int64)
            values = shingles & np.uint64((1 << (64 - _BIN_BITS)) - 1)
            flat = out[lo: lo + len(chunk)].reshape(-1)  # a view: rows are contiguous
            np.minimum.at(flat, doc * NUM_HASHES + bins, values)
    _densify(out)
    return out


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser (Steele, Lea & Flood 2014): a bijection that spreads every bit."""
    x = x ^ (x >> np.uint64(30))
    x = x * _M1
    x = x ^ (x >> np.uint64(27))
    x = x * _M2
    return x ^ (x >> np.uint64(31))


def _shingles(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(document index, shingle hash) of every word 5-shingle of the texts, vectorised.

    Words are runs of word bytes in the lower-cased UTF-8 text; a word's hash
    mixes its length and its first and last 8 bytes (words of 17+ bytes that
    differ only inside collide: harmless for resemblance).
    """
    data = "\x00".join(texts).lower().encode("utf-8")
    if data.count(b"\x00") != len(texts) - 1:  # NUL inside a text: it separates texts here
        data = "\x00".join(t.replace("\x00", " ") for t in texts).lower().encode("utf-8")
    raw = np.frombuffer(data, dtype=np.uint8)
    word = _word_bytes(raw)
    edges = np.diff(np.concatenate(([False], word, [False])).astype(np.int8))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    if not len(starts):
        return np.empty(0, np.int64), np.empty(0, np.uint64)
    padded = np.concatenate((np.zeros(8, np.uint8), raw, np.zeros(8, np.uint8)))
    windows = np.lib.stride_tricks.sliding_window_view(padded, 8)
    lengths = ends - starts
    head = np.ascontiguousarray(windows[starts + 8]).view(np.uint64).ravel() & _MASKS[np.minimum(lengths, 8)]
    tail = np.ascontiguousarray(windows[ends]).view(np.uint64).ravel()  # the 8 bytes before `end`
    tail = np.where(lengths > 8, tail, np.uint64(0))
    words = _mix(head ^ _mix(tail ^ lengths.astype(np.uint64) * _GOLDEN))
    # the document of each word: separators are NUL bytes between texts
    bounds = np.flatnonzero(raw == 0)
    doc = np.searchsorted(bounds, starts)
    counts = np.bincount(doc, minlength=len(texts))
    n = len(words)
    k = SHINGLE
    if n >= k:
        valid = doc[: n - k + 1] == doc[k - 1:]
        h = words[: n - k + 1].copy()
        for j in range(1, k):
            h = _mix(h * _GOLDEN + words[j: n - k + 1 + j])
        sh_doc, sh = doc[: n - k + 1][valid], h[valid]
    else:
        sh_doc, sh = np.empty(0, np.int64), np.empty(0, np.uint64)
    short = np.flatnonzero((counts > 0) & (counts < k))
    if len(short):
        # fewer words than a shingle: the whole text is the one shingle
        first = np.searchsorted(doc, short)
        extra = []
        for d, f in zip(short, first):
            h = words[f: f + 1].copy()  # arrays wrap around silently; NumPy scalars warn
            for j in range(1, counts[d]):
                h = _mix(h * _GOLDEN + words[f + j: f + j + 1])
            extra.append(_mix(h)[0])
        sh_doc = np.concatenate((sh_doc, short))
        sh = np.concatenate((sh, np.asarray(extra, dtype=np.uint64)))
    return sh_doc.astype(np.int64), sh


def _word_bytes(raw: np.ndarray) -> np.ndarray:
    word = _WORD[raw]
    # UTF-8 punctuation is not part of words: U+2000-U+206F (curly quotes,
    # dashes, ellipsis: E2 80/81 xx), U+3000-U+303F (ideographic space and
    # punctuation: E3 80 xx), U+00A0-U+00BF (no-break space, ©, «, »: C2 xx)
    lead = np.flatnonzero(((raw[:-2] == 0xE2) & ((raw[1:-1] == 0x80) | (raw[1:-1] == 0x81)))
                          | ((raw[:-2] == 0xE3) & (raw[1:-1] == 0x80)))
    for off in (0, 1, 2):
        word[lead + off] = False
    c2 = np.flatnonzero((raw[:-1] == 0xC2) & (raw[1:] >= 0xA0))
    word[c2] = False
    word[c2 + 1] = False
    return word


def _densify(sig: np.ndarray) -> None:
    """Fill empty bins from the next non-empty bin to the right (Shrivastava & Li 2014), in place."""
    empty = sig == _EMPTY
    rows = np.flatnonzero(empty.any(axis=1) & ~empty.all(axis=1))
    offsets = np.arange(NUM_HASHES, dtype=np.uint64) * _GOLDEN
    cols = np.arange(NUM_HASHES)
    original = sig[rows]
    todo = empty[rows]
    filled = original.copy()
    active = np.arange(len(rows))
    for t in range(1, NUM_HASHES):
        # only the rows still holding an empty bin: most need one or two steps
        active = active[todo[active].any(axis=1)]
        if not len(active):
            break
        shifted = original[active][:, (cols + t) % NUM_HASHES]
        fill = todo[active] & (shifted != _EMPTY)
        block = filled[active]
        # the offset keeps a borrowed value from equalling the bin it came from
        block[fill] = _mix(shifted[fill] + offsets[t])
        filled[active] = block
        todo[active] &= ~fill
    sig[rows] = filled


def _candidate_pairs(sig: np.ndarray, threshold: float) -> np.ndarray:
    """Pairs (i, j), i < j, that share an LSH band and pass the full-signature check.

    In each band the articles are sorted by that band's key, then by the next
    bands' keys, so that within a bucket the articles that agree on more of
    their signature sit next to each other; each is paired with its next two
    neighbours in the bucket. A bucket of m articles gives at most 2m pairs
    (near-linear), and an unrelated article that happens to share the bucket
    does not hide a pair from each other.
    """
    n = len(sig)
    if n < 2:
        return np.empty((0, 2), np.int64)
    idx = np.flatnonzero(sig[:, 0] != _EMPTY)
    keys = np.empty((BANDS, len(idx)), dtype=np.uint64)
    for b in range(BANDS):
        band = sig[idx, b * ROWS: (b + 1) * ROWS]
        key = band[:, 0].copy()
        for j in range(1, ROWS):
            key = _mix(key * _GOLDEN + band[:, j])
        keys[b] = key
    pairs = []
    for b in range(BANDS):
        # np.lexsort sorts by its last key first
        order = np.lexsort((keys[(b + 2) % BANDS], keys[(b + 1) % BANDS], keys[b]))
        ks = keys[b][order]
        for step in (1, 2):
            same = np.flatnonzero(ks[step:] == ks[:-step])
            pairs.append(np.stack((idx[order[same]], idx[order[same + step]]), axis=1))
    cand = np.concatenate(pairs)
    if not len(cand):
        return cand
    cand.sort(axis=1)
    code = cand[:, 0] * n + cand[:, 1]  # one int64 per pair
    code.sort()
    code = code[np.concatenate(([True], code[1:] != code[:-1]))]  # a pair found in several bands once
    kept = []
    for lo in range(0, len(code), 200_000):  # bounded memory
        a, b = code[lo: lo + 200_000] // n, code[lo: lo + 200_000] % n
        # a first look at 32 values drops most chance collisions for a quarter
        # of the cost; 0.2 below the threshold is over 4 standard deviations
        # of a 32-value estimate (sqrt(0.25 / 32) = 0.09 at most)
        near = (sig[a, :32] == sig[b, :32]).mean(axis=1) >= threshold - 0.2
        a, b = a[near], b[near]
        same = (sig[a] == sig[b]).mean(axis=1) >= threshold
        kept.append(np.stack((a[same], b[same]), axis=1))
    return np.concatenate(kept)


def _components(n: int, pairs: np.ndarray) -> np.ndarray:
    """Connected components: for each item, the smallest index in its component."""
    label = np.arange(n)
    if not len(pairs):
        return label
    a, b = pairs[:, 0], pairs[:, 1]
    while True:
        la, lb = label[a], label[b]
        if (la == lb).all():
            return label
        low = np.minimum(la, lb)
        np.minimum.at(label, la, low)
        np.minimum.at(label, lb, low)
        # pointer jumping: every item straight to its root
        while True:
            nxt = label[label]
            if (nxt == label).all():
                break
            label = nxt


def _canonical(articles: pd.DataFrame, labels: np.ndarray) -> np.ndarray:
    """For each component label, the row index of its canonical copy."""
    published = pd.to_datetime(articles["published_at"], utc=True).dt.tz_convert(None)
    never = np.iinfo(np.int64).max
    at = np.where(published.isna(), never, published.to_numpy("datetime64[ns]").view(np.int64))
    day = np.where(published.isna(), never, published.dt.floor("D").to_numpy("datetime64[ns]").view(np.int64))
    # the original is published first and copies are trimmed, not extended;
    # by day first, because copies are often dated only to the day
    order = pd.DataFrame(
        {
            "label": labels,
            "day": day,
            "words": -articles["word_count"].fillna(0).to_numpy(dtype=np.int64),
            "at": at,
            "row": np.arange(len(articles)),
        }
    ).sort_values(["label", "day", "words", "at", "row"], kind="stable")
    first = order.drop_duplicates("label")
    canonical = np.zeros(len(articles), dtype=np.int64)
    canonical[first["label"].to_numpy()] = first["row"].to_numpy()
    return canonical
