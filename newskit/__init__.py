"""newskit: saved news pages into pandas DataFrames.

The public API is a flat set of verbs; see ``__all__``.
"""
from newskit.dates import find_dates
from newskit.dedupe import group_duplicates
from newskit.events import event_timeline, tariff_events
from newskit.load import capture_times, load_articles, read_capture_times, save_articles
from newskit.mentions import cross_story, entity_sentences, entity_table, find_mentions
from newskit.overview import articles_by_day, articles_by_outlet, corpus_summary, date_coverage
from newskit.schema import describe as describe_columns
from newskit.sentences import sentence_table, split_sentences
from newskit.sentiment import score_sentiment, sentiment_by

__all__ = [
    "load_articles",
    "save_articles",
    "read_capture_times",
    "capture_times",
    "group_duplicates",
    "articles_by_outlet",
    "articles_by_day",
    "date_coverage",
    "corpus_summary",
    "describe_columns",
    "find_dates",
    "tariff_events",
    "event_timeline",
    "split_sentences",
    "sentence_table",
    "find_mentions",
    "entity_table",
    "cross_story",
    "entity_sentences",
    "score_sentiment",
    "sentiment_by",
]
__version__ = "0.1.0"
