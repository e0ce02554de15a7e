"""newskit.sentiment: NLTK's VADER scores bit for bit, and the sentiment tables built on them."""
from __future__ import annotations

import logging
import random

import nltk.data
import pandas as pd
import pytest

from newskit.paths import PROJECT_ROOT
from newskit import schema
from newskit.sentiment import (
    ARTICLE_SCORE_COLUMNS,
    ENTITY_SCORE_COLUMNS,
    LEVELS,
    SENTENCE_SCORE_COLUMNS,
    VaderScorer,
    nltk_analyzer,
    polarity_scores,
    score_sentiment,
    score_texts,
    sentiment_by,
)
from newskit.sentiment.parallel import resolve_jobs, split_bounds
from newskit.sentiment.vader import _strip_punctuation

RATED = PROJECT_ROOT.parent / "shared" / "sentiment"
KEYS = ("neg", "neu", "pos", "compound")


def nltk_scores(text: str) -> tuple[float, ...]:
    scores = nltk_analyzer().polarity_scores(text)
    return tuple(scores[k] for k in KEYS)


def assert_bit_identical(texts: list[str], scorer: VaderScorer | None = None) -> None:
    """newskit's four floats are NLTK's, bit for bit (float.hex), for every text."""
    scorer = VaderScorer() if scorer is None else scorer
    wrong = []
    for text in texts:
        ours, theirs = scorer.score(text), nltk_scores(text)
        if [x.hex() for x in ours] != [float(x).hex() for x in theirs]:
            wrong.append((text, ours, theirs))
    assert not wrong, f"{len(wrong)} of {len(texts)} differ; first: {wrong[:3]}"


# --- the reference and its lexicon ------------------------------------------

def test_nltk_analyzer_is_offline_and_leaves_nltk_data_path_alone():
    before = list(nltk.data.path)
    nltk_analyzer.cache_clear()
    analyzer = nltk_analyzer()
    assert nltk.data.path == before
    assert len(analyzer.lexicon) > 7000
    assert analyzer.lexicon["good"] == 1.9


def test_scorer_uses_nltks_lexicon():
    assert VaderScorer().lexicon == nltk_analyzer().lexicon


# --- bit-identical to NLTK ---------------------------------------------------

def read_rated_snippets() -> list[str]:
    texts = []
    for path in sorted(RATED.glob("*.txt")):
        # UTF-8 with CRLF line ends (checked); a bad byte would become U+FFFD
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            for line in handle:
                line = line.rstrip("\r\n")
                if line:
                    texts.append(line.split("\t", 2)[2])
    return texts


@pytest.mark.skipif(not RATED.is_dir(), reason="../shared/sentiment is not beside the checkout")
def test_identical_to_nltk_on_every_rated_snippet():
    texts = read_rated_snippets()
    assert len(texts) == 4200 + 10605 + 3708
    assert_bit_identical(texts)


# (text, the rule of NLTK's vader.py it exercises)
RULE_CASES = [
    ("The food was good.", "plain lexicon word"),
    ("The food was not good.", "negation: not"),
    ("The food isn't good.", "negation: isn't"),
    ("The food isnt good.", "negation without apostrophe"),
    ("I ain't happy and it wasn't great.", "negation: contractions"),
    ("Nothing was good, never good.", "negation: never, nothing"),
    ("I would never so love this.", "'never so' boosts x1.5"),
    ("never this good a deal", "'never this' + distance 3 x1.25"),
    ("It was so good.", "'so' at distance 1 is a booster"),
    ("We left without a good reason.", "negation: without"),
    ("He couldn't have been more happy.", "n't inside a token"),
    ("Despite the rain, a great day.", "negation word: despite"),
    ("The movie was good, but the ending was terrible.", "but: before x0.5, after x1.5"),
    ("BUT it was GOOD", "but in capitals"),
    ("The food was GOOD.", "ALL CAPS word among lower case"),
    ("THE FOOD WAS GOOD.", "everything in caps: no emphasis"),
    ("The food was VERY good.", "booster in caps"),
    ("The food was very good.", "booster very"),
    ("The food was extremely bad.", "booster with a negative word"),
    ("The food was kind of good.", "dampener bigram kind of"),
    ("The food was sort of good.", "dampener bigram sort of"),
    ("It is kind and kind of nice.", "'kind' at its first index decides"),
    ("kind of kind", "kind of at the start"),
    ("It was just enough good luck.", "two-word dampener just enough"),
    ("The food was kinda good, sorta ok.", "dampeners kinda, sorta"),
    ("It was barely acceptable and hardly great.", "dampeners barely, hardly"),
    ("The food was the least good.", "least negates"),
    ("At least it was not bad.", "at least does not negate"),
    ("The very least good thing.", "very least does not negate"),
    ("least good", "least at index 0"),
    ("That is the shit!", "idiom the shit"),
    ("This party is the bomb", "idiom the bomb"),
    ("He is a bad ass singer", "idiom bad ass"),
    ("yeah right, great idea", "idiom yeah right"),
    ("it does not cut the mustard anymore", "idiom cut the mustard"),
    ("that was the kiss of death for us", "idiom kiss of death"),
    ("they lived hand to mouth and sad", "idiom hand to mouth"),
    ("Great!!!", "exclamation emphasis"),
    ("Great!!!!!!!", "exclamation emphasis capped at 4"),
    ("Really bad??", "two question marks"),
    ("Is it bad???? Really?", "more than three question marks"),
    ("What?!? Awful?!?!", "mixed ?! runs"),
    ("Good :) bad :( ok :D <3 :-/", "emoticons"),
    ("I love it 😀😂 💘", "emoji (not in NLTK's lexicon)"),
    ("good, (good) 'good' \"good\" good!!! ...good", "punctuation glued to words"),
    ("!good! ?bad? -nice- 'ok", "punctuation on both sides is kept"),
    ("good good good", "a repeated word is scored at its first index"),
    ("not good good", "repeat inherits the first occurrence's negation"),
    ("", "empty text"),
    ("   \t\n  ", "white space only"),
    ("a b c ! ?", "single characters only"),
    ("Café très bon, naïve joy. 東京は素晴らしい", "non-ASCII"),
    ("The U.S. economy is strong; Dr. Smith is happy.", "abbreviations"),
    ("GOOD good Good gOOD", "case variants of one word"),
    ("The deal was fine.\nThe tariffs hurt.", "newline inside the text"),
]


@pytest.mark.parametrize("text, rule", RULE_CASES, ids=[r for _, r in RULE_CASES])
def test_identical_to_nltk_on_rule_cases(text, rule):
    assert_bit_identical([text])


def generated_sentences(n: int, seed: int = 0) -> list[str]:
    """Random strings of the words the rules look at, in all their spellings."""
    rng = random.Random(seed)
    words = [
        "good", "bad", "great", "terrible", "love", "hate", "happy", "sad", "kind", "nice", "no",
        "not", "isn't", "never", "without", "ain't", "don't", "nothing", "nor", "despite", "uh-uh",
        "very", "extremely", "so", "this", "really", "kind", "of", "sort", "kinda", "barely", "just", "enough",
        "least", "at", "but", "the", "shit", "bomb", "bad", "ass", "yeah", "right", "cut", "mustard",
        "kiss", "death", "hand", "to", "mouth", "a", "it", "was", ":)", ":(", ":D", "<3", "😀",
        "U.S.", "Corp.", "lol", "sux", "fed", "up", "can't", "stand", "I",
    ]
    glue = ["", "", "", "", ".", ",", "!", "?", "!!", "??", "?!?", "'", '"', "-", "...", ":"]
    out = []
    for _ in range(n):
        tokens = []
        for _ in range(rng.randint(0, 14)):
            w = rng.choice(words)
            roll = rng.random()
            if roll < 0.15:
                w = w.upper()
            elif roll < 0.25:
                w = w.capitalize()
            if rng.random() < 0.3:
                w = rng.choice(glue) + w if rng.random() < 0.5 else w + rng.choice(glue)
            tokens.append(w)
        out.append(rng.choice([" ", " ", "  ", "\t"]).join(tokens))
    return out


def test_identical_to_nltk_on_generated_rule_mixtures():
    assert_bit_identical(generated_sentences(5000))


def test_strip_punctuation_matches_nltks_word_mapping():
    from nltk.sentiment.vader import SentiText, VaderConstants

    for text in generated_sentences(500, seed=1):
        senti = SentiText(text, VaderConstants.PUNC_LIST, VaderConstants.REGEX_REMOVE_PUNCTUATION)
        ours = [_strip_punctuation(w) for w in text.split() if len(w) > 1]
        assert ours == senti.words_and_emoticons, text


def test_polarity_scores_returns_nltks_dict_and_caches():
    text = "The talks were not a success."
    first = polarity_scores(text)
    assert first == nltk_analyzer().polarity_scores(text)
    assert list(first) == ["neg", "neu", "pos", "compound"]
    assert polarity_scores(text) == first


def test_score_rejects_non_text():
    with pytest.raises(TypeError, match="VADER scores text"):
        VaderScorer().score(None)
    with pytest.raises(TypeError, match="VADER scores text"):
        score_texts(["ok", 3], n_jobs=1)


def test_score_texts_in_two_processes_equals_one():
    texts = generated_sentences(3000, seed=2) + ["repeat me"] * 3
    one = score_texts(texts, n_jobs=1, scorer=VaderScorer())
    two = score_texts(texts, n_jobs=2, scorer=VaderScorer())
    assert one == two
    assert one == [nltk_scores(t) for t in texts]


def test_parallel_helpers():
    with pytest.raises(ValueError, match="n_jobs must be None, -1 or a positive int; got 'two'"):
        resolve_jobs("two", 10, threshold=5)
    assert resolve_jobs(None, 4, threshold=5) == 1
    assert resolve_jobs(8, 3, threshold=5) <= 3
    bounds = split_bounds([3, 1, 1, 1, 1, 1, 1, 1], 2)
    assert bounds == [(0, 3), (3, 8)]
    assert split_bounds([], 2) == []


# --- score_sentiment -----------------------------------------------------------

@pytest.fixture
def articles() -> pd.DataFrame:
    return pd.DataFrame({
        "article_id": ["a1", "a2", "a3", "a4"],
        "title": ["Deal done", "Tariffs", "Empty", "Nothing"],
        "body": [
            "Talks went well. The tariffs hurt farmers.\n\nTrump's plan is a disaster, Trump said.",
            "The deal is NOT good! Japan and the U.S. agreed. Trumpet sales rose.",
            "",
            None,
        ],
        "outlet": ["Japan Today", "Japan Today", "Kyodo News", None],
        "source": ["Kyodo", "Reuters", "Kyodo", "AP"],
        "published_at": pd.to_datetime(
            ["2025-06-01T23:30:00-05:00", "2025-06-02T01:00:00+00:00", "2025-06-02T09:00:00+09:00", None], utc=True
        ),
    })


def test_sentence_level_rows_columns_and_scores(articles):
    before = articles.copy(deep=True)
    table = score_sentiment(articles)
    pd.testing.assert_frame_equal(articles, before)
    assert list(table.columns) == [
        "article_id", "sentence_id", "start", "end", "text", "neg", "neu", "pos", "compound",
        "outlet", "source", "published_at",
    ]
    assert list(table.columns[:9]) == schema.names(SENTENCE_SCORE_COLUMNS)
    assert table["article_id"].tolist() == ["a1", "a1", "a1", "a2", "a2", "a2"]
    assert table["sentence_id"].tolist() == [0, 1, 2, 0, 1, 2]
    assert [str(table[c].dtype) for c in ("sentence_id", "start", "end", "compound")] == [
        "int64", "int64", "int64", "float64"
    ]
    assert table["published_at"].dtype == articles["published_at"].dtype
    bodies = dict(zip(articles["article_id"], articles["body"]))
    for row in table.itertuples():
        assert bodies[row.article_id][row.start : row.end] == row.text
        assert (row.neg, row.neu, row.pos, row.compound) == nltk_scores(row.text)
    assert table["text"].tolist()[2] == "Trump's plan is a disaster, Trump said."


def test_any_index_and_order_of_the_input(articles):
    backwards = articles.iloc[::-1]  # index 3, 2, 1, 0
    table = score_sentiment(backwards, "article")
    assert table["article_id"].tolist() == ["a4", "a3", "a2", "a1"]
    assert table.index.tolist() == [0, 1, 2, 3]
    forwards = score_sentiment(articles, "article").iloc[::-1].reset_index(drop=True)
    pd.testing.assert_frame_equal(table, forwards)
    assert score_sentiment(backwards)["article_id"].tolist() == ["a2"] * 3 + ["a1"] * 3


def test_title_column_and_no_carried_columns():
    frame = pd.DataFrame({"article_id": [1], "title": ["Good news. Bad news."]})
    table = score_sentiment(frame, text="title")
    assert list(table.columns) == ["article_id", "sentence_id", "start", "end", "text", "neg", "neu", "pos", "compound"]
    assert table["compound"].tolist() == [0.4404, -0.5423]


def test_article_level(articles):
    before = articles.copy(deep=True)
    table = score_sentiment(articles, "article")
    pd.testing.assert_frame_equal(articles, before)
    assert list(table.columns) == [
        "article_id", "outlet", "source", "published_at", "compound", "compound_whole",
        "n_sentences", "n_positive", "n_negative", "n_neutral",
    ]
    assert [c for c in table.columns if c not in ("outlet", "source", "published_at")] == schema.names(
        ARTICLE_SCORE_COLUMNS
    )
    assert table["article_id"].tolist() == ["a1", "a2", "a3", "a4"]
    sentences = score_sentiment(articles)
    for row in table.itertuples():
        mine = sentences.loc[sentences["article_id"] == row.article_id, "compound"]
        assert row.n_sentences == len(mine)
        assert row.n_positive + row.n_negative + row.n_neutral == row.n_sentences
        assert row.n_positive == (mine >= 0.05).sum() and row.n_negative == (mine <= -0.05).sum()
        if len(mine):
            assert row.compound == pytest.approx(mine.mean(), abs=1e-15)
    body = articles["body"][0]
    assert table["compound_whole"][0] == nltk_scores(body)[3]
    assert table["compound_whole"][2] == 0.0  # "" is scored: VADER gives 0
    assert pd.isna(table["compound"][2]) and table["n_sentences"][2] == 0
    assert pd.isna(table["compound_whole"][3]) and pd.isna(table["compound"][3])
    assert str(table["n_sentences"].dtype) == "int64"


def test_entity_level_with_names(articles):
    before = articles.copy(deep=True)
    table = score_sentiment(articles, "entity", names=["Trump", "U.S.", "Japan", "Nobody"])
    pd.testing.assert_frame_equal(articles, before)
    assert list(table.columns)[:8] == ["name", "article_id", "sentence_id", "start", "end", "text", "n_mentions", "neg"]
    assert list(table.columns) == schema.names(ENTITY_SCORE_COLUMNS) + ["outlet", "source", "published_at"]
    assert str(table["n_mentions"].dtype) == "int64"
    # word boundaries, case-sensitive: "Trumpet" is not Trump; "Trump's" is
    assert list(zip(table["name"], table["article_id"], table["sentence_id"], table["n_mentions"])) == [
        ("Trump", "a1", 2, 2),
        ("U.S.", "a2", 1, 1),
        ("Japan", "a2", 1, 1),
    ]
    assert table["compound"].tolist() == [nltk_scores(t)[3] for t in table["text"]]
    assert table["outlet"].tolist() == ["Japan Today"] * 3
    none = score_sentiment(articles, "entity", names=["trump"])
    assert len(none) == 0 and "compound" in none.columns


def test_entity_level_with_mentions(articles, caplog):
    body = articles["body"][0]
    mentions = pd.DataFrame({
        "article_id": ["a1", "a1", "a1", "a2", "zz", "a1"],
        "name": ["Trump", "Trump", "farmers", "Japan", "Trump", "Trump"],
        "start": [body.index("Trump"), body.rindex("Trump"), body.index("farmers"), 22, 0, len(body) + 5],
        "end": [0, 0, 0, 0, 0, 0],
    })
    before = mentions.copy(deep=True)
    with caplog.at_level(logging.WARNING, logger="newskit.sentiment"):
        table = score_sentiment(articles, "entity", mentions=mentions)
    pd.testing.assert_frame_equal(mentions, before)
    assert list(zip(table["name"], table["article_id"], table["sentence_id"], table["n_mentions"])) == [
        ("farmers", "a1", 1, 1),
        ("Trump", "a1", 2, 2),
        ("Japan", "a2", 1, 1),
    ]
    rejected = table.attrs["rejected_mentions"]
    assert rejected["reason"].tolist() == [
        "article_id not in articles",
        "start is not inside a sentence of the article",
    ]
    assert len(table) + len(rejected) + 1 == len(mentions)  # the two Trump mentions share a row
    assert "2 of 6 mentions fit no sentence" in caplog.text


def test_sentiment_by_outlet_source_day(articles):
    sentences = score_sentiment(articles)
    before = sentences.copy(deep=True)
    by_outlet = sentiment_by(sentences, "outlet")
    pd.testing.assert_frame_equal(sentences, before)
    assert list(by_outlet.columns) == [
        "outlet", "compound", "n_articles", "n_sentences", "n_positive", "n_negative", "n_neutral"
    ]
    assert by_outlet["outlet"].tolist() == ["Japan Today"]
    assert by_outlet["n_sentences"].sum() == len(sentences)
    assert by_outlet["compound"][0] == pytest.approx(sentences["compound"].mean())
    assert by_outlet["n_articles"].tolist() == [2]

    by_day = sentiment_by(score_sentiment(articles, "article"), "day")
    # 23:30 at UTC-5 on June 1 is June 2 in UTC; the article without a date is its own group
    assert by_day["day"].iloc[0] == pd.Timestamp("2025-06-02", tz="UTC")
    assert len(by_day) == 2 and pd.isna(by_day["day"].iloc[1])
    assert by_day["n_articles"].tolist() == [2, 0]  # a3 is empty, a4 has no text
    assert by_day["n_sentences"].tolist() == [6, 0]
    assert "compound_whole" in by_day.columns

    by_two = sentiment_by(sentences, ["source", "day"])
    assert by_two[["source", "n_sentences"]].values.tolist() == [["Kyodo", 3], ["Reuters", 3]]
    assert sentiment_by(sentences, "month")["month"].tolist() == [pd.Timestamp("2025-06-01", tz="UTC")]
    assert sentiment_by(sentences, "week")["week"].tolist() == [pd.Timestamp("2025-06-02", tz="UTC")]


def test_sentiment_by_entity_names(articles):
    rows = score_sentiment(articles, "entity", names=["Trump", "Japan"])
    summary = sentiment_by(rows, "name")
    assert summary["name"].tolist() == ["Japan", "Trump"]
    assert summary["n_sentences"].tolist() == [1, 1]


def test_parallel_score_sentiment_equals_serial(articles):
    big = pd.concat([articles] * 40, ignore_index=True)
    big["article_id"] = [f"id{i}" for i in range(len(big))]
    serial = score_sentiment(big, n_jobs=1)
    forked = score_sentiment(big, n_jobs=2)
    pd.testing.assert_frame_equal(serial, forked)


# --- errors --------------------------------------------------------------------

def test_bad_arguments_list_the_choices(articles):
    with pytest.raises(ValueError, match=r"level 'paragraph' is not one of \['sentence', 'article', 'entity'\]"):
        score_sentiment(articles, "paragraph")
    with pytest.raises(
        ValueError,
        match=r"score_sentiment: column 'text' not in DataFrame; available: \['article_id', 'title', 'body'",
    ):
        score_sentiment(articles, text="text")
    with pytest.raises(ValueError, match="needs exactly one of names"):
        score_sentiment(articles, "entity")
    with pytest.raises(ValueError, match="are for level 'entity', not 'sentence'"):
        score_sentiment(articles, names=["Trump"])
    with pytest.raises(ValueError, match="names must be a list of names, not the string"):
        score_sentiment(articles, "entity", names="Trump")
    with pytest.raises(ValueError, match=r"column 'start' not in DataFrame; available: \['article_id', 'name'\]"):
        score_sentiment(articles, "entity", mentions=pd.DataFrame({"article_id": [], "name": []}))
    with pytest.raises(ValueError, match="n_jobs must be None, -1 or a positive int; got 0"):
        score_sentiment(articles, n_jobs=0)
    with pytest.raises(TypeError, match="expected a DataFrame"):
        score_sentiment(["text"])
    sentences = score_sentiment(articles)
    with pytest.raises(ValueError, match=r"cannot group by \['weekday'\]; choose from \['article_id', .*'day', 'week', 'month'\]"):
        sentiment_by(sentences, "weekday")
    with pytest.raises(ValueError, match="expected a table from score_sentiment"):
        sentiment_by(articles.assign(compound=0.0), "outlet")
    assert LEVELS == ("sentence", "article", "entity")


def test_benchmark_runs_and_agrees_with_nltk(capsys):
    bench = pytest.importorskip("benchmarks.sentiment")
    assert bench.main(["--articles", "12"]) == 0
    out = capsys.readouterr().out
    assert "equal to NLTK (all four floats): " in out and "1 core == 2 cores == score_sentiment table: True" in out
    pd.testing.assert_frame_equal(bench.news_corpus(5, seed=3), bench.news_corpus(5, seed=3))
