"""Tariff events: mentions in sentences, merged into a timeline, and their figures.

``tariff_events(articles)`` finds one row per event mention (an imposition,
a rise, a pause, a court ruling ...) with its actor, target, product, rates,
legal authority and date; ``event_timeline(events, articles)`` merges the
mentions of one event across stories; ``evaluate(labelled)`` scores the rules
on labelled sentences. Figures are in ``newskit.events.plots``.

Modules: ``lexicon`` (word lists, with sources), ``entities`` (countries,
people, products, rates, authorities), ``reading`` (clauses, triggers,
negation, modality), ``dating`` (event dates), ``extract`` (the table),
``timeline`` (merging), ``evaluate`` (scores), ``plots`` (figures).
"""
from __future__ import annotations

from newskit.events.evaluate import evaluate, read_labelled
from newskit.events.extract import EVENT_COLUMNS, events_in_text, tariff_events
from newskit.events.lexicon import ACTIONS
from newskit.events.timeline import TIMELINE_COLUMNS, event_mentions, event_timeline

__all__ = [
    "ACTIONS", "EVENT_COLUMNS", "TIMELINE_COLUMNS", "evaluate", "event_mentions", "event_timeline",
    "events_in_text", "read_labelled", "tariff_events",
]
