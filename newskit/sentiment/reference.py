"""The reference: NLTK's ``SentimentIntensityAnalyzer`` over vaderSentiment's lexicon, offline.

NLTK's default lexicon lives in nltk_data, which cannot be downloaded here; the
``vaderSentiment`` package ships the same ``vader_lexicon.txt``. NLTK 3.10.4
refuses a ``file:`` URL as ``lexicon_file`` (its path security raises
PermissionError) but finds a relative name in any folder on ``nltk.data.path``,
so the package's folder is put there while the analyzer is built, then taken
off again.
"""
from __future__ import annotations

import contextlib
import functools
import importlib.util
import threading
from collections.abc import Iterator
from pathlib import Path

import nltk.data
from nltk.sentiment.vader import SentimentIntensityAnalyzer

__all__ = ["LEXICON_NAME", "lexicon_path", "nltk_analyzer"]

LEXICON_NAME = "vader_lexicon.txt"

_NLTK_PATH_LOCK = threading.Lock()


def lexicon_path() -> Path:
    """Path of ``vader_lexicon.txt`` inside the installed ``vaderSentiment`` package.

    Returns:
        The file's path (the package is located, not imported).

    Raises:
        ModuleNotFoundError: ``vaderSentiment`` is not installed.

    Examples:
        >>> lexicon_path().name
        'vader_lexicon.txt'
    """
    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "newskit.sentiment needs the 'vaderSentiment' package for VADER's lexicon "
            "(pip install vaderSentiment)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / LEXICON_NAME


@contextlib.contextmanager
def _on_nltk_data_path(folder: Path) -> Iterator[None]:
    """Put ``folder`` first on ``nltk.data.path`` for the block, then take it off.

    The global list is changed only inside the block, under a lock; another
    thread reading it at that moment sees one extra folder.
    """
    entry = str(folder)
    with _NLTK_PATH_LOCK:
        nltk.data.path.insert(0, entry)
        try:
            yield
        finally:
            nltk.data.path.remove(entry)  # the first occurrence: ours


@functools.cache
def nltk_analyzer() -> SentimentIntensityAnalyzer:
    """NLTK's ``SentimentIntensityAnalyzer`` over vaderSentiment's lexicon, offline.

    This is the reference implementation; ``VaderScorer`` reproduces its scores.
    Built once and shared.

    Returns:
        The analyzer; ``nltk.data.path`` is left as it was.

    Raises:
        ModuleNotFoundError: ``vaderSentiment`` is not installed.

    Examples:
        >>> nltk_analyzer().polarity_scores("VADER is smart, handsome, and funny!")
        {'neg': 0.0, 'neu': 0.248, 'pos': 0.752, 'compound': 0.8439}
    """
    with _on_nltk_data_path(lexicon_path().parent):
        return SentimentIntensityAnalyzer(lexicon_file=LEXICON_NAME)
