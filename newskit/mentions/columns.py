"""Column names, dtypes and meanings of the tables ``newskit.mentions`` returns.

The same ``newskit.schema.Column`` records as the article table, so
``newskit.schema.coerce(frame, MENTION_COLUMNS)`` and ``describe`` work on them.
"""
from __future__ import annotations

import pandas as pd

from newskit import schema

# The entity types, in the order figures list them.
TYPES = ("person", "country", "organization", "company", "place")
# How a country is named: its name ("Japan"), an adjective before a noun ("Japanese
# steel"), a noun for its people ("the Japanese", "Americans") or its capital standing
# for its government ("Tokyo and Washington should ...", metonym=True).
KINDS = ("name", "adjective", "demonym", "capital")
# Which rule produced a mention (see newskit.mentions.rules and .resolve).
HOWS = (
    "gazetteer",    # an alias of the gazetteer (built-in or the caller's)
    "surname",      # a surname of a person the story names in full
    "acronym",      # an acronym the story defines ("... Party of Japan (CDPJ)") or the initials of a name in it
    "short-name",   # a company named with its suffix earlier ("Kobe Steel Ltd." then "Kobe Steel")
    "title",        # rule T: a name after a title ("Prime Minister X", "spokesperson X")
    "apposition",   # rule A: "X Y, head of ..." (a role after a comma)
    "speech",       # rule S: "X Y said", "according to X Y", "X Y, who"
    "given-name",   # rule G: a known given name and a capitalised surname ("Maria Lopez")
    "company-suffix",  # rule C: "... Corp.", "... Inc.", "... Co.", "... Ltd."
    "org-head",     # rule O: "Ministry of ...", "... Party", "... Court", "... Agency", ...
    "place-head",   # rule P: "... Airport", "... Prefecture", "Port of ..."; "Chattanooga, Tennessee"
    "role-of",      # rule R: the employer in a role phrase ("chief executive of Severstal"); D: "JD.com"
)

_TYPE = pd.CategoricalDtype(list(TYPES), ordered=False)
_KIND = pd.CategoricalDtype(list(KINDS), ordered=False)
_HOW = pd.CategoricalDtype(list(HOWS), ordered=False)
UTC_TIME = schema.UTC_TIME
STRING = schema.STRING
Column = schema.Column

MENTION_COLUMNS: tuple[Column, ...] = (
    Column("article_id", STRING, "the article (its article_id in the article table)"),
    Column("entity_id", STRING, "stable id '<type>:<slug>': 'person:donald-trump', 'country:US', 'org:court-of-international-trade'; the same in every story"),
    Column("name", STRING, "canonical name ('Donald Trump', 'United States')"),
    Column("type", _TYPE, "person, country, organization, company or place"),
    Column("surface", STRING, "the mention as written: body[start:end]"),
    Column("start", "int64", "offset of the first character in the body"),
    Column("end", "int64", "offset just past the last character: body[start:end] == surface"),
    Column("sentence_id", "int64", "index of the sentence holding the mention, as newskit.sentences.split_sentences numbers them"),
    Column("role", STRING, "the role the text gives a person at this mention ('Prime Minister', 'head of international liaison at the Solidarity Movement'); missing when none"),
    Column("metonym", "bool", "True when a capital stands for its government ('Tokyo and Washington should ...'): the row is then the country's"),
    Column("kind", _KIND, "for countries: name, adjective ('Chinese steel'), demonym ('the Japanese', 'Americans') or capital (a metonym); missing for other types"),
    Column("how", _HOW, "the rule that found the mention (gazetteer, surname, acronym, short-name, title, apposition, speech, given-name, company-suffix, org-head, place-head, role-of)"),
)

ENTITY_COLUMNS: tuple[Column, ...] = (
    Column("entity_id", STRING, "the entity"),
    Column("name", STRING, "canonical name"),
    Column("type", _TYPE, "person, country, organization, company or place"),
    Column("n_mentions", "int64", "mentions across the corpus"),
    Column("n_articles", "int64", "articles (stories) that mention it"),
    Column("n_outlets", "Int64", "outlets whose articles mention it; missing without the article table"),
    Column("first_seen", UTC_TIME, "earliest published_at of an article mentioning it; NaT without the article table or dates"),
    Column("last_seen", UTC_TIME, "latest published_at of an article mentioning it"),
)

EDGE_COLUMNS: tuple[Column, ...] = (
    Column("source", STRING, "entity_id of one end (the smaller id)"),
    Column("target", STRING, "entity_id of the other end"),
    Column("source_name", STRING, "canonical name of source"),
    Column("target_name", STRING, "canonical name of target"),
    Column("shared_stories", "int64", "stories that mention both"),
    Column("pmi", "float64", "log2(N * n_ab / (n_a * n_b)): N stories, n_a and n_b stories mentioning each, n_ab both"),
    Column("npmi", "float64", "pmi / -log2(n_ab / N), in [-1, 1]; 1 when both always occur together (Bouma 2009)"),
)

LINK_COLUMNS: tuple[Column, ...] = (
    Column("article_a", STRING, "article_id of one story (the smaller id)"),
    Column("article_b", STRING, "article_id of the other"),
    Column("n_shared", "int64", "entities both stories mention"),
    Column("shared", object, "the shared entity_ids, sorted"),
    Column("jaccard", "float64", "n_shared / (entities of a + entities of b - n_shared)"),
)

BRIDGE_COLUMNS: tuple[Column, ...] = (
    Column("entity_id", STRING, "the entity"),
    Column("name", STRING, "canonical name"),
    Column("type", _TYPE, "entity type"),
    Column("n_bridged", "int64", "story pairs that share this entity and no other"),
    Column("n_articles", "int64", "stories that mention it"),
    Column("articles", object, "the article_ids of the bridged pairs, sorted"),
)
