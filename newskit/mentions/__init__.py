"""Cross-story mentions: who and what each story names, and what links the stories.

``find_mentions`` lists every mention of a person, country, organisation,
company or place in the article bodies; ``entity_table`` and ``cross_story``
relate them across stories; ``evaluate`` scores the finder against a labelled
set; ``newskit.mentions.plots`` draws the figures. The built-in gazetteer
(``load_gazetteer``, ``gazetteer_table``) covers trade news of 2025 and takes
the caller's own entries (format: ``newskit.mentions.gazetteer``).
"""
from newskit.mentions.columns import (
    BRIDGE_COLUMNS,
    EDGE_COLUMNS,
    ENTITY_COLUMNS,
    KINDS,
    LINK_COLUMNS,
    MENTION_COLUMNS,
    TYPES,
)
from newskit.mentions.cross import CrossStory, cross_story, entity_table
from newskit.mentions.evaluate import evaluate, parse_gold
from newskit.mentions.gazetteer import Gazetteer, gazetteer_table, load_gazetteer, read_gazetteer
from newskit.mentions.match import find_mentions
from newskit.mentions.plots import entity_sentences

__all__ = [
    "BRIDGE_COLUMNS",
    "EDGE_COLUMNS",
    "ENTITY_COLUMNS",
    "KINDS",
    "LINK_COLUMNS",
    "MENTION_COLUMNS",
    "TYPES",
    "CrossStory",
    "Gazetteer",
    "cross_story",
    "entity_sentences",
    "entity_table",
    "evaluate",
    "find_mentions",
    "gazetteer_table",
    "load_gazetteer",
    "parse_gold",
    "read_gazetteer",
]
