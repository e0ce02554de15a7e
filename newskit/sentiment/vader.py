"""NLTK's VADER, offline and fast: the same floats as ``polarity_scores``, 10-16x sooner.

The reference is ``nltk.sentiment.vader.SentimentIntensityAnalyzer`` (NLTK 3.10.4)
over the lexicon that the ``vaderSentiment`` package ships. ``VaderScorer`` is a
line-by-line port of NLTK's algorithm (Hutto & Gilbert 2014, as modified in NLTK)
with the per-call waste removed, and returns bit-identical scores (on one core,
10-16x NLTK's rate: ``python -m benchmarks.sentiment``):

* NLTK's ``SentiText._words_plus_punc`` builds, on every call, a dictionary of
  every word of the text glued to each of 17 punctuation strings, before and
  after (34 entries a word), only to strip one leading or one trailing
  punctuation run from each token. Here each distinct token is resolved once,
  by the equivalent rule (see ``_strip_punctuation``), and remembered with its
  lexicon features.
* Only the tokens found in the lexicon go through the context rules; every
  other token contributes NLTK's ``0``.
* Scores are cached per distinct text (up to ``MAX_CACHED_TEXT_CHARS``
  characters: sentences, not whole articles), and ``score_texts`` can share a
  batch between processes (``newskit.sentiment.parallel``) with the order kept.
  Both caches are bounded (see ``MAX_CACHED_TOKENS``, ``MAX_CACHED_TEXTS``), so
  a process that scores chunk after chunk of a large corpus keeps a flat size.

NLTK quirks kept on purpose, because NLTK's numbers are the reference: a
repeated token is scored in the context of its *first* occurrence (NLTK's
``first_index``); idiom and "never" checks compare the token as written
(case-sensitive) while lexicon look-ups are lower-cased; "!" and "?" are
counted over the whole text.
"""
from __future__ import annotations

import array
import functools
import math
import string
from collections.abc import Mapping, Sequence
from itertools import chain, compress
from operator import itemgetter

from nltk.sentiment.vader import VaderConstants

from newskit.sentiment.parallel import resolve_jobs, run_forked, split_bounds
from newskit.sentiment.reference import nltk_analyzer

__all__ = ["VaderScorer", "clear_cache", "polarity_scores", "score_texts"]

# NLTK's own lists and constants, imported rather than copied, so the port reads
# the same words NLTK does (tests compare the two on ~18,500 snippets).
_C = VaderConstants
_PUNCTUATION = frozenset(string.punctuation)  # what REGEX_REMOVE_PUNCTUATION removes
_PUNC_LIST = frozenset(_C.PUNC_LIST)
_BOOSTERS = _C.BOOSTER_DICT
_NEGATE = _C.NEGATE
_IDIOMS = _C.SPECIAL_CASE_IDIOMS
_B_DECR = _C.B_DECR
_C_INCR = _C.C_INCR
_N_SCALAR = _C.N_SCALAR
_SO_THIS = ("so", "this")
# One word of each idiom and two-word booster ("kind of"), as written (NLTK
# compares these phrases case-sensitively): a phrase can only match where its
# longest word is in reach, so the check is skipped elsewhere.
_IDIOM_ANCHORS = frozenset(
    max(phrase.split(), key=len) for phrase in (*_IDIOMS, *_BOOSTERS) if " " in phrase
)

# Cache bounds. Each cache keeps two generations: new entries (and old ones
# hit again) go to the young one; when it is full it becomes the old one and
# the previous old one is dropped. So everything seen in the last half-cap
# entries stays cached, and a cache never holds more than its cap.
#
# Texts: a whole article body is scored once per article (compound_whole)
# and almost never again, so caching it only costs memory. With 500,000
# entries cleared all at once, a pipeline worker (2,000-article chunks of the
# generated 600-word corpus) grew ~6.4 KB an article, ~4 KB of it bodies, up
# to ~650 MB before the first clear (72,000 articles), and stayed there.
# Texts longer than MAX_CACHED_TEXT_CHARS are scored but not cached. The
# useful hits are the sentences of one chunk, scored by the "sentences" stage
# then again by the "article_sentiment" stage: ~20,000-80,000 distinct
# sentences, ~2-8 M characters. A generation holds up to 65,536 texts and
# 8 M characters; filled past its caps with 60-180-character texts the cache
# measured 27 MB (tracemalloc), and it stays under ~50 MB for any texts
# (131,072 x ~220 bytes + 16 M characters, ASCII).
# Tokens: a record costs ~330 bytes (the token, its lower case, a 9-tuple,
# the dict slot; 100,000 measured 32 MB); two generations of 50,000 keep the
# frequent words of news (far fewer than 50,000) cached.
MAX_CACHED_TOKENS = 100_000
MAX_CACHED_TEXTS = 131_072
MAX_CACHED_CHARS = 16_000_000
MAX_CACHED_TEXT_CHARS = 2_000

# Below this many distinct texts one process is as quick as two: a fork round
# trip costs ~8 ms and a text 10-20 us, and on this 2-core machine, with the
# other core partly busy, two processes won only from ~20,000 texts (timed with
# score_texts on 2,000-40,000 sentences of benchmarks.sentiment.news_corpus).
PARALLEL_MIN_TEXTS = 20_000

Scores = tuple[float, float, float, float]  # neg, neu, pos, compound
_ZERO: Scores = (0.0, 0.0, 0.0, 0.0)  # no token of 2+ characters
_NEUTRAL: Scores = (0.0, 1.0, 0.0, 0.0)  # tokens, none in the lexicon

# Fields of a token record (see _TokenCache.__missing__), read with C-level getters.
_UPPER = itemgetter(3)
_SCORED = itemgetter(6)
_IS_BUT = itemgetter(7)
_ANCHOR = itemgetter(8)


def _strip_punctuation(token: str) -> str:
    """The word NLTK's ``SentiText`` keeps for a whitespace token of 2+ characters.

    NLTK maps ``p + w`` and ``w + p`` to ``w`` for ``p`` in PUNC_LIST and ``w`` a
    word (2+ characters) of the text with ``string.punctuation`` removed. Such a
    ``w`` has no punctuation, so ``p`` must be the token's whole leading (or,
    when the token does not start with punctuation, trailing) punctuation run,
    and the rest must be punctuation-free; then the rest is a word of the
    punctuation-stripped text, because it is this very token stripped.
    Anything else is kept as written (emoticons, "U.S.", '"quoted"').
    """
    n = len(token)
    if token[0] in _PUNCTUATION:
        k = 1
        while k < n and token[k] in _PUNCTUATION:
            k += 1
        rest = token[k:]
        lead = token[:k]
    elif token[-1] in _PUNCTUATION:
        k = n - 1
        while k > 0 and token[k - 1] in _PUNCTUATION:
            k -= 1
        rest = token[:k]
        lead = token[k:]
    else:
        return token
    if lead in _PUNC_LIST and len(rest) > 1 and _PUNCTUATION.isdisjoint(rest):
        return rest
    return token


class _TokenCache(dict):
    """Whitespace token -> its features, computed on first sight.

    A record is a tuple: 0 the word as NLTK keeps it (case kept), 1 its lower
    case, 2 its valence (None when not in the lexicon), 3 ``isupper()``, 4 its
    booster/dampener increment (None when not one), 5 whether it negates
    (``VaderConstants.negated([word])``), 6 whether it is scored through the
    rules (in the lexicon and not a booster, which NLTK skips first), 7 whether
    it is "but", 8 whether it anchors an idiom or two-word booster. Tokens of
    one character, which NLTK drops, map to ``()``.

    Looked up as a dict (``__getitem__`` in C) for the young generation;
    ``__missing__`` tries the old generation, then computes. At most
    ``max_items`` records in all (two generations of half that).
    """

    def __init__(self, lexicon: dict[str, float], max_items: int | None = None) -> None:
        super().__init__()
        self.lexicon = lexicon
        self.generation = max(1, (MAX_CACHED_TOKENS if max_items is None else max_items) // 2)
        self.old: dict[str, tuple] = {}

    def __missing__(self, raw: str) -> tuple:
        rec = self.old.get(raw)
        if rec is None:
            rec = self._features(raw)
        if len(self) >= self.generation:
            self.old = dict(self)
            self.clear()
        self[raw] = rec
        return rec

    def size(self) -> int:
        """Records held, both generations (a key in both counts once)."""
        return len(self) + sum(1 for k in self.old if k not in self)

    def _features(self, raw: str) -> tuple:
        if len(raw) < 2:
            rec: tuple = ()
        else:
            word = _strip_punctuation(raw)
            lower = word.lower()
            booster = _BOOSTERS.get(lower)
            valence = self.lexicon.get(lower)
            rec = (
                word,
                lower,
                valence,
                word.isupper(),
                booster,
                lower in _NEGATE or "n't" in lower,
                booster is None and valence is not None,
                lower == "but",
                word in _IDIOM_ANCHORS,
            )
        return rec


class _TextCache:
    """Text -> scores, bounded: at most ``max_items`` texts and about ``max_chars`` characters.

    Two generations (see ``MAX_CACHED_TEXTS``); texts longer than
    ``max_text_chars`` (whole articles) are never stored. Values are pure
    functions of the key, so what is dropped is only recomputed.

    Examples:
        >>> c = _TextCache(max_items=4, max_chars=100, max_text_chars=10)
        >>> for t in ("a", "b", "c", "d", "e"):
        ...     c.put(t, (0.0, 1.0, 0.0, 0.0))
        >>> len(c) <= 4, "e" in c, c.get("a") is None
        (True, True, True)
        >>> c.put("far too long a text", (0.0, 1.0, 0.0, 0.0)); "far too long a text" in c
        False
    """

    __slots__ = ("young", "old", "chars", "gen_items", "gen_chars", "max_text_chars")

    def __init__(self, max_items: int | None = None, max_chars: int | None = None,
                 max_text_chars: int | None = None) -> None:
        self.young: dict[str, Scores] = {}
        self.old: dict[str, Scores] = {}
        self.chars = 0  # characters of the young generation's texts
        self.gen_items = max(1, (MAX_CACHED_TEXTS if max_items is None else max_items) // 2)
        self.gen_chars = max(1, (MAX_CACHED_CHARS if max_chars is None else max_chars) // 2)
        self.max_text_chars = MAX_CACHED_TEXT_CHARS if max_text_chars is None else max_text_chars

    def get(self, text: str) -> Scores | None:
        scores = self.young.get(text)
        if scores is None:
            scores = self.old.get(text)
            if scores is not None:
                self.put(text, scores)  # seen again: keep it a generation longer
        return scores

    def __contains__(self, text: str) -> bool:
        return text in self.young or text in self.old

    def __getitem__(self, text: str) -> Scores:
        scores = self.get(text)
        if scores is None:
            raise KeyError(text)
        return scores

    def __iter__(self):
        """The texts held, each once."""
        young = self.young
        yield from young
        yield from (t for t in self.old if t not in young)

    def __len__(self) -> int:
        """Texts held, both generations (a text in both counts once)."""
        young = self.young
        return len(young) + sum(1 for t in self.old if t not in young)

    def put(self, text: str, scores: Scores) -> None:
        n = len(text)
        if n > self.max_text_chars or text in self.young:
            return
        if len(self.young) >= self.gen_items or self.chars + n > self.gen_chars:
            self.old = self.young
            self.young = {}
            self.chars = 0
        self.young[text] = scores
        self.chars += n

    def clear(self) -> None:
        self.young = {}
        self.old = {}
        self.chars = 0


class VaderScorer:
    """NLTK's VADER scores, bit-identical and fast, with per-token and per-text caches.

    Args:
        lexicon: word -> valence; default NLTK's lexicon as built by ``nltk_analyzer()``.

    Examples:
        >>> scorer = VaderScorer()
        >>> scorer.polarity_scores("The talks were not a success.")
        {'neg': 0.428, 'neu': 0.572, 'pos': 0.0, 'compound': -0.4585}
        >>> scorer.polarity_scores("The talks were not a success.") == (
        ...     nltk_analyzer().polarity_scores("The talks were not a success."))
        True
    """

    def __init__(self, lexicon: Mapping[str, float] | None = None) -> None:
        self.lexicon: dict[str, float] = dict(
            nltk_analyzer().lexicon if lexicon is None else lexicon
        )
        self._tokens = _TokenCache(self.lexicon)
        self._lookup = self._tokens.__getitem__
        self._texts = _TextCache()

    def polarity_scores(self, text: str) -> dict[str, float]:
        """Same as NLTK's ``polarity_scores``: ``{'neg', 'neu', 'pos', 'compound'}``.

        Raises:
            TypeError: ``text`` is not a ``str``.
        """
        neg, neu, pos, compound = self.score(text)
        return {"neg": neg, "neu": neu, "pos": pos, "compound": compound}

    def score(self, text: str) -> Scores:
        """``(neg, neu, pos, compound)`` of one text, cached per distinct text.

        Raises:
            TypeError: ``text`` is not a ``str``.
        """
        scores = self._texts.get(text)
        if scores is None:
            if not isinstance(text, str):
                raise TypeError(f"VADER scores text (str); got {type(text).__name__}")
            scores = self._score(text)
            self._texts.put(text, scores)
        return scores

    def remember(self, scores: Mapping[str, Scores]) -> None:
        """Add texts scored elsewhere (by a forked worker) to the text cache."""
        put = self._texts.put
        for text, s in scores.items():
            put(text, s)

    def _score(self, text: str) -> Scores:
        """Port of ``SentimentIntensityAnalyzer.polarity_scores``; uncached."""
        recs = [rec for rec in map(self._lookup, text.split()) if rec]  # 2+ characters
        n = len(recs)
        if not n:
            return _ZERO
        scored = list(compress(range(n), map(_SCORED, recs)))
        if not scored:
            # every sentiment is NLTK's 0 (times 0.5 or 1.5 after a "but"): no
            # punctuation emphasis, compound 0, all neutral
            return _NEUTRAL
        n_upper = sum(map(_UPPER, recs))
        cap_diff = 0 < n - n_upper < n  # SentiText.allcap_differential

        idioms = any(map(_ANCHOR, recs))
        sentiments: list = [0] * n
        first: dict[str, int] = {}
        for idx in scored:
            rec = recs[idx]
            word = rec[0]
            i = first.get(word)
            if i is not None:  # NLTK scores a repeat at its first index
                sentiments[idx] = sentiments[i]
                continue
            first[word] = idx
            if rec[1] == "kind" and idx < n - 1 and recs[idx + 1][1] == "of":
                continue  # "kind of" is a dampener, not the word "kind"
            sentiments[idx] = _valence(recs, idx, cap_diff, idioms)

        # _but_check: halve what comes before the first "but", raise what follows
        bi = next(compress(range(n), map(_IS_BUT, recs)), None)
        if bi is not None:
            sentiments = (
                [s * 0.5 for s in sentiments[:bi]]
                + [sentiments[bi]]
                + [s * 1.5 for s in sentiments[bi + 1 :]]
            )
        return _score_valence(sentiments, text)


def _scalar(prev: tuple, valence: float, cap_diff: bool) -> float:
    """Port of ``VaderConstants.scalar_inc_dec`` for a booster/dampener ``prev``."""
    scalar = prev[4]
    if valence < 0:
        scalar *= -1
    if prev[3] and cap_diff:  # booster in ALL CAPS among mixed-case words
        if valence > 0:
            scalar += _C_INCR
        else:
            scalar -= _C_INCR
    return scalar


def _valence(recs: list, i: int, cap_diff: bool, idioms: bool) -> float:
    """Port of ``sentiment_valence`` for a lexicon word at index ``i``.

    NLTK's loop over the three preceding words (``start_i`` 0, 1, 2) is
    unrolled; each step runs only when that word is not in the lexicon, adds
    the word's booster scalar (dampened 0.95 and 0.9 with distance), then
    applies ``_never_check`` and, at distance 3, ``_idioms_check``.
    """
    rec = recs[i]
    valence = rec[2]
    if rec[3] and cap_diff:  # ALL CAPS word among mixed-case ones
        if valence > 0:
            valence += _C_INCR
        else:
            valence -= _C_INCR
    if i > 0:
        prev = recs[i - 1]
        if prev[2] is None:
            s = 0.0 if prev[4] is None else _scalar(prev, valence, cap_diff)
            valence = valence + s
            if prev[5]:
                valence = valence * _N_SCALAR
        if i > 1:
            prev = recs[i - 2]
            if prev[2] is None:
                s = 0.0 if prev[4] is None else _scalar(prev, valence, cap_diff)
                if s != 0:
                    s = s * 0.95
                valence = valence + s
                if prev[0] == "never" and recs[i - 1][0] in _SO_THIS:
                    valence = valence * 1.5
                elif prev[5]:
                    valence = valence * _N_SCALAR
            if i > 2:
                prev = recs[i - 3]
                if prev[2] is None:
                    s = 0.0 if prev[4] is None else _scalar(prev, valence, cap_diff)
                    if s != 0:
                        s = s * 0.9
                    valence = valence + s
                    if (prev[0] == "never" and recs[i - 2][0] in _SO_THIS) or (
                        recs[i - 1][0] in _SO_THIS
                    ):
                        valence = valence * 1.25
                    elif prev[5]:
                        valence = valence * _N_SCALAR
                    if idioms and any(map(_ANCHOR, recs[i - 3 : i + 3])):
                        valence = _idioms_check(valence, recs, i)
    # _least_check
    if i > 0 and recs[i - 1][2] is None and recs[i - 1][1] == "least":
        if i == 1 or recs[i - 2][1] not in ("at", "very"):
            valence = valence * _N_SCALAR
    return valence


def _idioms_check(valence: float, recs: list, i: int) -> float:
    """Port of ``_idioms_check`` (called for ``i > 2``)."""
    w3, w2, w1, w0 = recs[i - 3][0], recs[i - 2][0], recs[i - 1][0], recs[i][0]
    twoone = f"{w2} {w1}"
    threetwo = f"{w3} {w2}"
    for seq in (f"{w1} {w0}", f"{w2} {w1} {w0}", twoone, f"{w3} {w2} {w1}", threetwo):
        if seq in _IDIOMS:
            valence = _IDIOMS[seq]
            break
    n = len(recs)
    if n - 1 > i:
        zeroone = f"{w0} {recs[i + 1][0]}"
        if zeroone in _IDIOMS:
            valence = _IDIOMS[zeroone]
    if n - 1 > i + 1:
        zeroonetwo = f"{w0} {recs[i + 1][0]} {recs[i + 2][0]}"
        if zeroonetwo in _IDIOMS:
            valence = _IDIOMS[zeroonetwo]
    # booster/dampener bigrams such as "sort of", "kind of"
    if threetwo in _BOOSTERS or twoone in _BOOSTERS:
        valence = valence + _B_DECR
    return valence


def _score_valence(sentiments: list, text: str) -> Scores:
    """Port of ``score_valence``: punctuation emphasis, compound and proportions."""
    sum_s = float(sum(sentiments))
    # _amplify_ep: up to 4 "!", 0.292 each; _amplify_qm: 2-3 "?" at 0.18, more 0.96
    ep_count = text.count("!")
    if ep_count > 4:
        ep_count = 4
    ep_amplifier = ep_count * 0.292
    qm_count = text.count("?")
    qm_amplifier = 0
    if qm_count > 1:
        if qm_count <= 3:
            qm_amplifier = qm_count * 0.18
        else:
            qm_amplifier = 0.96
    punct_emph_amplifier = ep_amplifier + qm_amplifier
    if sum_s > 0:
        sum_s += punct_emph_amplifier
    elif sum_s < 0:
        sum_s -= punct_emph_amplifier
    compound = sum_s / math.sqrt((sum_s * sum_s) + 15)  # normalize, alpha=15

    # _sift_sentiment_scores; zeros only count as neutral (adding nothing to
    # the sums), so only the non-zero ones are walked, in order
    pos_sum = 0.0
    neg_sum = 0.0
    n_nonzero = 0
    for s in filter(None, sentiments):
        n_nonzero += 1
        if s > 0:
            pos_sum += float(s) + 1
        else:
            neg_sum += float(s) - 1
    neu_count = len(sentiments) - n_nonzero
    if pos_sum > math.fabs(neg_sum):
        pos_sum += punct_emph_amplifier
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= punct_emph_amplifier
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return (
        round(math.fabs(neg_sum / total), 3),
        round(math.fabs(neu_count / total), 3),
        round(math.fabs(pos_sum / total), 3),
        round(compound, 4),
    )


@functools.cache
def _default_scorer() -> VaderScorer:
    return VaderScorer()


def polarity_scores(text: str) -> dict[str, float]:
    """NLTK's ``polarity_scores(text)``, bit-identical, from the shared fast scorer.

    Args:
        text: any text; VADER was built for one sentence at a time.

    Returns:
        ``{'neg', 'neu', 'pos', 'compound'}`` as NLTK returns them.

    Raises:
        TypeError: ``text`` is not a ``str``.

    Examples:
        >>> polarity_scores("The deal is NOT good!!")
        {'neg': 0.428, 'neu': 0.572, 'pos': 0.0, 'compound': -0.457}
        >>> polarity_scores("")
        {'neg': 0.0, 'neu': 0.0, 'pos': 0.0, 'compound': 0.0}
    """
    return _default_scorer().polarity_scores(text)


def clear_cache() -> None:
    """Forget the shared scorer's cached tokens and texts (benchmarks start cold).

    Examples:
        >>> clear_cache()
    """
    _default_scorer.cache_clear()


def score_texts(
    texts: Sequence[str], *, n_jobs: int | None = None, scorer: VaderScorer | None = None
) -> list[Scores]:
    """``(neg, neu, pos, compound)`` for each text, in order; each distinct text once.

    Args:
        texts: the texts (sentences, usually).
        n_jobs: processes to use; ``None`` uses every available core once there
            are ``PARALLEL_MIN_TEXTS`` distinct texts not yet cached, ``1`` stays in
            this process, ``-1`` uses every core. Workers are forked (POSIX only;
            elsewhere this runs on one core); every float is the same either way.
        scorer: the scorer (and caches) to use; default the shared one.

    Returns:
        One tuple of four floats per text.

    Raises:
        TypeError: an item is not a ``str``.
        ValueError: ``n_jobs`` is not ``None``, ``-1`` or a positive int.

    Examples:
        >>> score_texts(["Good news.", "Bad news.", "Good news."], n_jobs=1)
        [(0.0, 0.256, 0.744, 0.4404), (0.778, 0.222, 0.0, -0.5423), (0.0, 0.256, 0.744, 0.4404)]
    """
    scorer = _default_scorer() if scorer is None else scorer
    if n_jobs == 1:
        return [scorer.score(t) for t in texts]
    cached = scorer._texts
    known: dict[str, Scores] = {}  # read now: a later cache insert may drop them
    todo = []
    for t in dict.fromkeys(texts):
        s = cached.get(t)
        if s is None:
            todo.append(t)
        else:
            known[t] = s
    for t in todo:
        if not isinstance(t, str):
            raise TypeError(f"VADER scores text (str); got {type(t).__name__}: {t!r}")
    jobs = resolve_jobs(n_jobs, len(todo), PARALLEL_MIN_TEXTS)
    if jobs <= 1:
        return [scorer.score(t) for t in texts]

    def work(lo: int, hi: int) -> array.array:
        score = scorer._score
        return array.array("d", chain.from_iterable(score(t) for t in todo[lo:hi]))

    floats = chain.from_iterable(run_forked(work, split_bounds([1] * len(todo), jobs)))
    fresh = dict(zip(todo, zip(floats, floats, floats, floats)))
    out = [fresh[t] if t in fresh else known[t] for t in texts]
    scorer.remember(fresh)
    return out
