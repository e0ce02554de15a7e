"""Cross-story mentions: who and what each story names, and what links the stories.

``find_mentions`` lists every mention of a person, country, organisation,
company or place in the article bodies (``MENTION_COLUMNS``); ``entity_table``
and ``cross_story`` relate them across stories; ``entity_sentences`` lists the
sentences naming one entity; ``evaluate`` scores the finder against a labelled
set; ``newskit.mentions.plots`` draws the notebook figures.

How it works, module by module:

* ``gazetteer``: the built-in entities (``data/gazetteer.tsv``,
  ``data/countries.tsv`` with ``pycountry``), a caller's own entries, and the
  one trie-compiled pattern (``trie``) that finds every alias in one pass;
* ``rules``: names no list holds, by their cues (titles, apposition, verbs of
  saying, given names, company designators, organisation and place heads);
* ``resolve`` and ``context``: senses, story aliases (surnames, acronyms),
  roles, metonyms and country kinds, and what is never a mention (bylines,
  datelines, credits, the story's authors);
* ``cross``: entities, co-mentions (PMI), story links (Jaccard), bridges.

The data files ship with the package: ``newskit/mentions/data/*``.
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
