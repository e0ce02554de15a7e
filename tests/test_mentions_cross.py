"""Across stories (entity_table, cross_story) and the notebook figures of newskit.mentions.plots."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from newskit import load_articles, read_capture_times
from newskit.mentions import ENTITY_COLUMNS, CrossStory, cross_story, entity_sentences, entity_table, find_mentions
from newskit.mentions.plots import comention_network, entity_bar, mention_heatmap
from newskit.paths import SAMPLE_CAPTURES, SAMPLE_PAGES
from tests.conftest import SEED


@pytest.fixture(scope="module")
def corpus():
    arts = load_articles(SAMPLE_PAGES, captured_at=read_capture_times(SAMPLE_CAPTURES))
    return arts, find_mentions(arts)


@pytest.fixture(scope="module")
def seed():
    arts = load_articles(SEED)
    return arts, find_mentions(arts)


def toy() -> pd.DataFrame:
    """Four stories: a and b share Japan and X, c has X and Y, d has Y."""
    return pd.DataFrame({
        "article_id": ["a", "a", "a", "b", "b", "c", "c", "d"],
        "entity_id": ["country:JP", "person:x", "person:x", "country:JP", "person:x", "person:x", "org:y", "org:y"],
        "name": ["Japan", "X", "X", "Japan", "X", "X", "Y", "Y"],
        "type": ["country", "person", "person", "country", "person", "person", "organization", "organization"],
    })


def test_entity_table_counts_without_articles():
    t = entity_table(toy())
    assert list(t.columns) == [c.name for c in ENTITY_COLUMNS]
    assert t["entity_id"].tolist() == ["person:x", "country:JP", "org:y"]  # most stories first
    assert t["n_mentions"].tolist() == [4, 2, 2] and t["n_articles"].tolist() == [3, 2, 2]
    assert t["n_outlets"].isna().all() and t["first_seen"].isna().all()


def test_entity_table_with_articles(seed):
    arts, m = seed
    t = entity_table(m, arts).set_index("entity_id")
    trump = t.loc["person:donald-trump"]
    assert trump["n_articles"] == 4 and trump["n_outlets"] == 2  # Daily8 and Japan Today
    assert trump["first_seen"] == arts["published_at"].min() and trump["last_seen"] == arts["published_at"].max()
    assert str(t["first_seen"].dtype) == "datetime64[ns, UTC]"


def test_cross_story_tables_on_a_toy_corpus():
    cs = cross_story(toy())
    assert isinstance(cs, CrossStory) and set(cs.as_dict()) == {"entities", "matrix", "edges", "links", "bridges"}
    assert cs.entities["entity_id"].tolist() == ["person:x", "country:JP", "org:y"]
    assert cs.matrix.loc["a"].tolist() == [2, 1, 0] and cs.matrix.index.tolist() == ["a", "b", "c", "d"]
    # PMI over stories: N=4, Japan in 2, X in 3, both in 2
    edge = cs.edges.set_index(["source", "target"]).loc[("country:JP", "person:x")]
    assert edge["shared_stories"] == 2
    assert math.isclose(edge["pmi"], math.log2(4 * 2 / (2 * 3)))
    assert math.isclose(edge["npmi"], math.log2(4 * 2 / (2 * 3)) / -math.log2(2 / 4))
    # Jaccard of the story pairs' entity sets
    links = cs.links.set_index(["article_a", "article_b"])
    assert links.loc[("a", "b"), "jaccard"] == 1.0 and links.loc[("a", "c"), "jaccard"] == pytest.approx(1 / 3)
    assert links.loc[("a", "b"), "shared"] == ["country:JP", "person:x"]
    assert ("a", "d") not in links.index  # nothing shared
    # bridges: X alone links a-c and b-c; Y alone links c-d
    b = cs.bridges.set_index("entity_id")
    assert b.loc["person:x", "n_bridged"] == 2 and b.loc["person:x", "articles"] == ["a", "b", "c"]
    assert b.loc["org:y", "n_bridged"] == 1


def test_npmi_is_one_when_always_together():
    m = pd.DataFrame({"article_id": ["a", "a", "b", "b"], "entity_id": ["p:1", "p:2"] * 2, "name": ["1", "2"] * 2,
                      "type": ["person"] * 4})
    assert cross_story(m).edges["npmi"].tolist() == [1.0]


def test_cross_story_with_articles_keeps_every_story(seed):
    arts, m = seed
    cs = cross_story(m, arts)
    assert cs.matrix.index.tolist() == arts["article_id"].tolist()
    assert set(cs.entities["entity_id"]) >= {"person:donald-trump", "country:US", "country:JP", "country:CN"}
    assert (cs.entities["n_articles"] >= 2).all()
    assert cs.links["jaccard"].between(0, 1).all() and cs.links["jaccard"].is_monotonic_decreasing


def test_cross_story_errors_and_inputs_unchanged(seed):
    arts, m = seed
    before_a, before_m = arts.copy(deep=True), m.copy(deep=True)
    cross_story(m, arts)
    entity_table(m, arts)
    pd.testing.assert_frame_equal(arts, before_a)
    pd.testing.assert_frame_equal(m, before_m)
    with pytest.raises(ValueError, match=r"column 'entity_id' not in mentions; available: \['article_id'\]"):
        cross_story(pd.DataFrame({"article_id": ["a"]}))
    with pytest.raises(ValueError, match=r"column 'outlet' not in articles; available"):
        entity_table(m, arts.drop(columns="outlet"))
    with pytest.raises(ValueError, match="min_stories must be an int >= 1"):
        cross_story(m, min_stories=0)


# -- figures -------------------------------------------------------------------------------------

def test_entity_bar_structure(corpus):
    arts, m = corpus
    fig = entity_bar(m, arts, top=10)
    assert isinstance(fig, go.Figure)
    names = [y for t in fig.data for y in t.y]
    assert len(names) == 10 and "United States" in names
    assert {t.name for t in fig.data} <= {"person", "country", "organization", "company", "place"}
    us = next(t for t in fig.data if "United States" in t.y)
    i = list(us.y).index("United States")
    assert us.x[i] == entity_table(m).set_index("entity_id").loc["country:US", "n_articles"]
    assert "Japan Today" in us.customdata[i][2]  # outlets in the hover
    assert fig.layout.xaxis.title.text == "stories"


def test_figures_escape_scraped_text():
    m = pd.DataFrame({"article_id": ["a", "a", "b", "b"], "entity_id": ["org:x", "country:JP"] * 2,
                      "name": ["<b>Evil</b> Corp", "Japan"] * 2, "type": ["organization", "country"] * 2})
    arts = pd.DataFrame({"article_id": ["a", "b"], "title": ["<script>x</script>", "T"], "outlet": ["<i>O</i>", "O"],
                         "published_at": pd.to_datetime(["2025-06-01", "2025-06-02"], utc=True), "body": ["", ""]})
    for fig in (entity_bar(m, arts), mention_heatmap(m, arts), comention_network(m, arts)):
        text = fig.to_json()
        assert "<b>Evil" not in text and "<script>" not in text and "<i>O" not in text


def test_heatmap_structure(corpus):
    arts, m = corpus
    fig = mention_heatmap(m, arts, top=8)
    hm = fig.data[0]
    assert len(hm.x) == 8 and len(hm.y) == len(hm.z)
    z = np.array([list(r) for r in hm.z])
    assert (z.sum(axis=1) > 0).all()  # only stories naming a top entity
    assert hm.customdata[0][0][0] in {t.replace("&", "&amp;") for t in arts["title"]} | set(arts["title"])


def test_network_is_deterministic_and_sized(corpus):
    arts, m = corpus
    a, b = comention_network(m, arts, top=12), comention_network(m, arts, top=12)
    assert a.to_json() == b.to_json()
    nodes = [t for t in a.data if t.mode == "markers+text"]
    assert sum(len(t.x) for t in nodes) == 12
    sizes = {n: s for t in nodes for n, s in zip(t.text, t.marker.size)}
    assert sizes["United States"] > sizes[min(sizes, key=sizes.get)]
    edges = [t for t in a.data if t.mode == "lines"]
    widths = sorted({t.line.width for t in edges})
    assert len(widths) >= 2  # wider for more shared stories
    hover = next(t for t in a.data if t.name == "co-mentions")
    assert any("United States — " in s or " — United States" in s for s in hover.text)


def test_figure_argument_errors(corpus):
    arts, m = corpus
    with pytest.raises(ValueError, match="top must be >= 1"):
        entity_bar(m, top=0)
    with pytest.raises(ValueError, match=r"column 'title' not in articles"):
        mention_heatmap(m, arts.drop(columns="title"))


def test_entity_sentences(corpus):
    arts, m = corpus
    out = entity_sentences(m, arts, "Scott Bessent")
    assert list(out.columns) == ["published_at", "outlet", "title", "sentence"]
    assert out["published_at"].is_monotonic_increasing
    assert out["sentence"].str.contains("Bessent").all()
    assert len(out) == len(entity_sentences(m, arts, "person:scott-bessent"))
    with pytest.raises(ValueError, match=r"entity 'Scot Besent' not in mentions nor in the gazetteer; close: \['Scott Bessent'"):
        entity_sentences(m, arts, "Scot Besent")
    # a real entity this corpus never names: no sentences, no error (a notebook parameter)
    none = entity_sentences(m, arts, "Tharman Shanmugaratnam")
    assert none.empty and list(none.columns) == ["published_at", "outlet", "title", "sentence"]


def test_a_corpus_without_mentions(seed):
    arts, _ = seed
    empty = find_mentions(arts.assign(body=["Nothing to see."] * len(arts)))
    assert empty.empty
    cs = cross_story(empty, arts)
    assert cs.entities.empty and cs.edges.empty and cs.links.empty and cs.bridges.empty
    assert cs.matrix.shape == (len(arts), 0)
    for fig in (entity_bar(empty, arts), mention_heatmap(empty, arts), comention_network(empty, arts)):
        assert isinstance(fig, go.Figure)
