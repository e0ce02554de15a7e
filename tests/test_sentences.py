"""newskit.sentences: sentence spans on the seed page and on the rules' own cases."""
from __future__ import annotations

import pandas as pd
import pytest

from newskit.paths import PROJECT_ROOT
from newskit.sentences import NEWS_ABBREVIATIONS, SENTENCE_COLUMNS, sentence_table, split_sentences

SEED = PROJECT_ROOT.parent / "shared" / "seed" / "000_ba2334b44991beed.txt"
needs_seed = pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside the checkout")


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def sentences_of_line(text: str, starts_with: str) -> list[str]:
    """The sentences of the one line of ``text`` that begins with ``starts_with``."""
    lines = [line for line in text.split("\n") if line.startswith(starts_with)]
    assert len(lines) == 1, f"{len(lines)} lines start with {starts_with!r}"
    lo = text.index(lines[0])
    hi = lo + len(lines[0])
    return [text[s:e] for s, e in split_sentences(text) if lo <= s and e <= hi]


# (line's first words, its sentences exactly, what it shows)
SEED_LINES = [
    (
        "Tariff Negotiations:",
        ["Tariff Negotiations: Time To Deepen Japan-U.S. Cooperation through Industrial Collaboration"],
        "a headline without a period stays one sentence; 'Japan-U.S.' does not end it",
    ),
    (
        "Ryosei Akazawa",
        [
            "Ryosei Akazawa, minister in charge of economic revitalization, held a fourth round of "
            "ministerial-level talks with U.S. Treasury Secretary Scott Bessent and other officials "
            "during his visit to the United States.",
            "'I was able to confirm that the discussions are progressing toward an agreement,' "
            "Akazawa said afterward.",
        ],
        "'U.S. Treasury' is no break; a quote closed by a comma stays with its attribution",
    ),
    (
        "The United States was once",
        [
            "The United States was once the largest shipbuilder in the world.",
            "However, China now accounts for 70% of the global market share for building new vessels.",
            "The U.S. share is small, and there is considerable room for cooperation with Japan, "
            "which still has competitive strength.",
        ],
        "ordinary periods break; 'The U.S. share' does not",
    ),
    (
        "Nippon Steel Corp.",
        [
            "Nippon Steel Corp.'s plan to acquire U.S. Steel Corp., a major steel company in the "
            "United States, may also provide tailwind for the tariff negotiations."
        ],
        "'Corp.'s' and 'Corp.,' are not ends",
    ),
    (
        "Trump gave a speech",
        [
            "Trump gave a speech in a suburb of Pittsburgh on Friday and welcomed the move, saying, "
            "'We are going to have a great partner.'",
            "He proudly said, 'There has never been a $14 billion [about ¥2 trillion] investment in "
            "the history of the steel industry in the United States of America.'",
        ],
        "a sentence ending inside quotes ends after the closing quote",
    ),
    (
        "(From The Yomiuri Shimbun",
        ["(From The Yomiuri Shimbun, June 1, 2025)"],
        "a source line is its own sentence",
    ),
    ("32 minutes ago", ["32 minutes ago"], "a time line is its own sentence"),
]


@needs_seed
@pytest.mark.parametrize("first_words, expected, reason", SEED_LINES, ids=[r[0] for r in SEED_LINES])
def test_seed_lines_split_exactly(seed, first_words, expected, reason):
    assert sentences_of_line(seed, first_words) == expected, reason


@needs_seed
def test_seed_long_related_item_keeps_figures_and_quotes(seed):
    found = sentences(seed)
    assert (
        "There are approximately 2.7 million Afrikaners among South Africa's population of "
        "62 million, which is more than 80% Black."
    ) in found
    assert "They are not the only white minority." in found
    # a quoted passage of two sentences: split inside the quotes, attribution kept before
    i = found.index("A USTR official said trade negotiations were ongoing.")
    assert found[i + 1 : i + 3] == [
        "'Productive negotiations with many key trading partners continue at a rapid pace.",
        "It is in all parties' interest to take stock of progress and assess any next steps.'",
    ]


@needs_seed
def test_seed_spans_cover_every_character_once(seed):
    spans = split_sentences(seed)
    covered = [False] * len(seed)
    for (s, e), nxt in zip(spans, spans[1:] + [(len(seed), len(seed))]):
        assert s < e <= nxt[0]
        assert seed[s:e] == seed[s:e].strip()
        assert "\n" not in seed[s:e]  # line breaks are hard boundaries
        for i in range(s, e):
            covered[i] = True
    assert all(covered[i] or seed[i].isspace() for i in range(len(seed)))


@needs_seed
def test_seed_agrees_with_nltk_punkt_given_the_same_abbreviations(seed):
    # Punkt (Kiss & Strunk 2006) untrained but for the abbreviation list, run
    # line by line: on the seed page the rule splitter makes the same cuts.
    punkt = pytest.importorskip("nltk.tokenize.punkt")
    params = punkt.PunktParameters()
    params.abbrev_types = set(NEWS_ABBREVIATIONS)
    tokenizer = punkt.PunktSentenceTokenizer(params)
    expected = [s for line in seed.splitlines() for s in tokenizer.tokenize(line) if s.strip()]
    assert sentences(seed) == expected
    assert len(expected) > 100


# (text, expected sentences, the rule it exercises)
RULES = [
    (
        '"I was able to confirm that the discussions are progressing toward an agreement," Akazawa said afterward.',
        ['"I was able to confirm that the discussions are progressing toward an agreement," Akazawa said afterward.'],
        "a comma inside quotes never ends a sentence",
    ),
    ('He said "We will win." Then he left.', ['He said "We will win."', "Then he left."],
     "the closing quote belongs to the sentence it closes"),
    ("(He left.) Then it rained.", ["(He left.)", "Then it rained."], "closing bracket after a period"),
    ('"Why not?" he asked.', ['"Why not?" he asked.'], "a lower-case next word continues the sentence"),
    ("Is it? Yes! Fine.", ["Is it?", "Yes!", "Fine."], "? and ! end sentences"),
    ("Sure... ok. No comments yet...", ["Sure... ok.", "No comments yet..."], "an ellipsis before a lower-case word"),
    ("He paused... Then he spoke.", ["He paused...", "Then he spoke."], "an ellipsis before a sentence starter"),
    ("J. Smith met Dr. Jones.", ["J. Smith met Dr. Jones."], "initials and titles"),
    ("Sen. Jim Risch, R-Idaho, spoke. Rep. Ann Wagner agreed.", ["Sen. Jim Risch, R-Idaho, spoke.", "Rep. Ann Wagner agreed."],
     "titles inside, a plain word's period between"),
    ("It rained in the U.S. The next day was sunny.", ["It rained in the U.S.", "The next day was sunny."],
     "an abbreviation before a frequent sentence starter ends the sentence"),
    ("U.S. Steel Corp. shares rose.", ["U.S. Steel Corp. shares rose."], "abbreviations before other words do not"),
    ("At 9 a.m. Tuesday it began. At 5 p.m. The end.", ["At 9 a.m. Tuesday it began.", "At 5 p.m.", "The end."],
     "dotted acronyms are abbreviations"),
    ("He was born in Washington, D.C. He moved.", ["He was born in Washington, D.C.", "He moved."], "D.C. + He"),
    ("The vote was 5 vs. 4 on St. Patrick's Day, No. 3 in Jan. 2025.",
     ["The vote was 5 vs. 4 on St. Patrick's Day, No. 3 in Jan. 2025."], "vs., St., No., Jan."),
    ("Prices rose 2.7% to $14.5 billion. Then fell.", ["Prices rose 2.7% to $14.5 billion.", "Then fell."],
     "decimal points are not ends"),
    ("It closed in 2025. The end.", ["It closed in 2025.", "The end."], "a number then a period"),
    ("Headline without a period\nBody one. Body two.", ["Headline without a period", "Body one.", "Body two."],
     "a line break is a hard boundary"),
    ("First para.\r\n\r\nSecond para.", ["First para.", "Second para."], "CRLF and blank lines"),
    ("Tokyo\u00a0Mr. Abe spoke.\tThe end.", ["Tokyo\u00a0Mr. Abe spoke.", "The end."], "non-breaking space and tab"),
    ("Café prices rose. Über drivers struck.", ["Café prices rose.", "Über drivers struck."], "non-ASCII capitals"),
    ("東京で会談。 It ended.", ["東京で会談。 It ended."], "no rule for CJK full stops: one sentence"),
]


@pytest.mark.parametrize("text, expected, reason", RULES, ids=[r[2] for r in RULES])
def test_rules(text, expected, reason):
    assert sentences(text) == expected, reason


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\r\n "])
def test_blank_text_has_no_sentences(text):
    assert split_sentences(text) == []


def test_long_text_without_breaks_is_one_sentence():
    text = "word " * 50_000 + "end"
    assert split_sentences(text) == [(0, len(text))]


def test_spans_are_offsets_into_the_text():
    text = "  One here.  Two there!\n\n  Three  "
    assert split_sentences(text) == [(2, 11), (13, 23), (27, 32)]


def test_not_text_raises_type_error():
    with pytest.raises(TypeError, match="split_sentences: text must be a str; got NoneType"):
        split_sentences(None)


def test_sentence_table_columns_rows_and_input_unchanged():
    articles = pd.DataFrame({
        "article_id": [7, 8, 9],
        "body": ["Sen. Smith spoke. It rained.", None, "One line\nTwo lines."],
        "title": ["a", "b", "c"],
    })
    before = articles.copy(deep=True)
    table = sentence_table(articles)
    pd.testing.assert_frame_equal(articles, before)
    assert list(table.columns) == [c.name for c in SENTENCE_COLUMNS]
    assert table["article_id"].tolist() == [7, 7, 9, 9]
    assert table["article_id"].dtype == articles["article_id"].dtype
    assert table["sentence_id"].tolist() == [0, 1, 0, 1]
    assert str(table["start"].dtype) == "int64" and str(table["end"].dtype) == "int64"
    for row in table.itertuples():
        body = articles.loc[articles["article_id"] == row.article_id, "body"].item()
        assert body[row.start : row.end] == row.text
    assert sentence_table(articles, text="title")["text"].tolist() == ["a", "b", "c"]


def test_sentence_table_errors():
    articles = pd.DataFrame({"article_id": ["a"], "body": ["x"]})
    with pytest.raises(ValueError, match=r"sentence_table: column 'text' not in DataFrame; available: \['article_id', 'body'\]"):
        sentence_table(articles, text="text")
    with pytest.raises(TypeError, match="column 'body' holds a int at row 0"):
        sentence_table(pd.DataFrame({"article_id": ["a"], "body": [3]}))
