"""Sentiment: NLTK's VADER scores of sentences, articles and entities, fast and offline.

``score_sentiment`` scores an article table per sentence, article or entity;
``sentiment_by`` aggregates the scores per outlet, source, day or entity. The
scores are NLTK's ``SentimentIntensityAnalyzer().polarity_scores``, bit for bit
(``newskit.sentiment.vader`` explains how they are computed faster).
"""
from newskit.sentiment.reference import nltk_analyzer
from newskit.sentiment.scores import (
    ARTICLE_SCORE_COLUMNS,
    ENTITY_SCORE_COLUMNS,
    LEVELS,
    SENTENCE_SCORE_COLUMNS,
    score_sentiment,
    sentiment_by,
)
from newskit.sentiment.vader import VaderScorer, polarity_scores, score_texts

__all__ = [
    "ARTICLE_SCORE_COLUMNS",
    "ENTITY_SCORE_COLUMNS",
    "LEVELS",
    "SENTENCE_SCORE_COLUMNS",
    "VaderScorer",
    "nltk_analyzer",
    "polarity_scores",
    "score_sentiment",
    "score_texts",
    "sentiment_by",
]
