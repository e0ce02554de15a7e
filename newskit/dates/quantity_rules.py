"""Handlers for durations, sets and vague references: "90 days", "each month", "now".

Durations are written as TIMEX3 periods ("P90D", "PT24H", "P2Y6M"; "PXY" for
"several years"), sets as their period or a calendar pattern ("P1M",
"XXXX-WXX-1"), and "now", "recently", "soon" as PRESENT_REF, PAST_REF and
FUTURE_REF (TimeML 1.2.1 guidelines, §2.2.1).
"""
from __future__ import annotations

import re

from newskit.dates.core import (
    Timex,
    duration_value,
    low,
    parse_number,
    ref_timex,
    unit_name,
)
from newskit.dates.calendar_rules import (
    month_number,
)
from newskit.dates.lexicon import (
    PARTS_OF_DAY,
    SEASONS,
    SET_ADVERBS,
    UNITS,
    WEEKDAYS,
)


def _set_every(m, ctx):
    u = m["u"].lower()
    n_text = low(m["n"])
    n = 2 if n_text == "other" else (parse_number(n_text) if n_text else 1)
    if n_text in ("few", "couple of"):
        n = None if n_text == "few" else 2
    unit = unit_name(u)
    if unit in UNITS:
        if m["q"].lower() == "per" and n_text:
            return None
        return ref_timex(m, duration_value(n, unit), "SET")
    if u.rstrip("s") in WEEKDAYS or u in WEEKDAYS:
        return ref_timex(m, f"XXXX-WXX-{WEEKDAYS[u.rstrip('s') if u.rstrip('s') in WEEKDAYS else u]}", "SET")
    mon = month_number(u)
    if mon:
        return ref_timex(m, f"XXXX-{mon:02d}", "SET")
    if u.rstrip("s") == "weekend":
        return ref_timex(m, "XXXX-WXX-WE", "SET")
    if u.rstrip("s") in PARTS_OF_DAY:
        return ref_timex(m, f"XXXX-XX-XXT{PARTS_OF_DAY[u.rstrip('s')]}", "SET")
    if u in SEASONS:
        return ref_timex(m, f"XXXX-{SEASONS[u]}", "SET")
    return None


# Words ending in -s before "a year" that are not counted things.
_NOT_COUNTED = frozenset("this thus was has does is its his hers ours yours theirs less unless across always perhaps".split())
_QUANTITY_BEFORE = re.compile(
    r"(?:\d[\d,.]*\s*(?:%|percent|per\s*cent)?|million|billion|trillion|times|once|twice|dollars?|cents?|"
    r"yen|euros?|pounds|hours?|days?|weeks?|months?|minutes?|barrels|tons|tonnes|shares|visits|meetings|"
    r"sessions|games|flights|trips)\s*$",
    re.I,
)


def _set_per(m, ctx):
    unit = unit_name(m["u"])
    if not m["pre"] and not _QUANTITY_BEFORE.search(ctx.text, max(0, m.start() - 25), m.start()):
        prev = ctx.prev_word(m.start())
        if not (len(prev) > 3 and prev.endswith("s") and prev not in _NOT_COUNTED):
            return None  # a rate needs a quantity: "twice a year", "$5 a year", "interviews a day"
    nxt = ctx.next_word(m.end()).lower()
    if nxt in ("of", "or", "and", "earlier", "later", "ago", "before", "after"):
        return None
    return Timex(m.start("a"), m.end(), "SET", duration_value(1, unit))


def _set_adverb(m, ctx):
    adv = m["adv"].lower()
    if adv == "quarterly":
        nxt = ctx.next_word(m.end())
        if nxt[:1].islower() and nxt.lower() not in _NOT_A_NOUN:
            # "quarterly dividend", "quarterly results": in business news a
            # reporting category, not a recurrence (TimeBank marks none of 10);
            # "adjusted quarterly" is a SET. Other adjectives ("weekly radio
            # address", "average hourly earnings") are marked in TimeBank.
            return None
    return ref_timex(m, SET_ADVERBS[adv], "SET")


_NOT_A_NOUN = frozenset("and or but to in on at by for from with as than that which since until through".split())


def _dur_long(m, ctx):
    if m["u"]:
        word = m["u"].lower()
        unit = unit_name(word)
        return ref_timex(m, duration_value(None if word != unit else 1, unit), "DURATION")
    if m["half"]:
        return ref_timex(m, duration_value(0.5, m["hu"].lower()), "DURATION")
    return ref_timex(m, duration_value(1.5, m["xu"].lower()), "DURATION")


def _duration(m, ctx):
    unit = unit_name(m["u"])
    n_text = low(m["n"])
    nxt = ctx.next_word(m.end()).lower()
    if unit == "second" and (n_text in ("a", "an", "one") or not m["n"][0].isdigit() and nxt[:1].isalpha() and n_text in ("a", "an")):
        return None  # "a second group": the ordinal
    if unit == "quarter" and n_text in ("a", "an", "one", "two", "three") and not m["det"] and not m["rel"] and (
            nxt == "of" or not m["n"][0].isdigit() and n_text in ("a", "an", "one", "three")):
        return None  # "a quarter of the population", "three quarters of them"
    if m["tail"] and "old" in m["tail"].lower() or ctx.low.startswith((" old", "-old"), m.end()):
        return None  # ages ("a 6-year-old") are not times (TimeBank leaves them out)
    if n_text in ("a", "an") and nxt in ("or", "and") and unit == "minute":
        return None
    n = parse_number(m["n"])
    if m["tail"] and "half" in m["tail"].lower() and n is not None:
        n += 0.5
    if n is None and not any(v in n_text for v in ("few", "several", "some", "many", "number", "dozens", "hundreds", "handful", "matter", "series", "countless", "numerous")):
        return None
    if n is not None and n > 10000:
        return None
    start = m.start()
    if m["approx"] and m["det"]:
        start = m.start("det")  # "over the past three years": "over" is a preposition here
    if "-" in m.string[m.end("n"):m.start("u")] and (m["det"] or m["rel"]) and not m["approx"]:
        start = m.start("n")  # "the four-year term": the adjective is the expression
    return ref_timex(m, duration_value(n, unit), "DURATION", start=start)


def _dur_vague(m, ctx):
    unit = unit_name(m["u"] or m["u2"] or m["u3"])
    return ref_timex(m, duration_value(None, unit), "DURATION")


def _dur_bare(m, ctx):
    unit = unit_name(m["u"])
    return ref_timex(m, duration_value(None, unit), "DURATION", start=m.start("u"))


_NOT_TEMPORAL_CURRENT = frozenset(
    "account accounts affairs events liabilities assets prices dollars flowing flows running through".split()
)


def _refword(m, ctx):
    if m["present"]:
        word = low(m["present"])
        if word == "current" and ctx.next_word(m.end()).lower() in _NOT_TEMPORAL_CURRENT:
            return None
        return ref_timex(m, "PRESENT_REF")
    if m["past"]:
        return ref_timex(m, "PAST_REF")
    word = low(m["future"])
    if word == "soon":
        before = ctx.text[max(0, m.start() - 4):m.start()].lower()
        if before.endswith("as ") or ctx.next_word(m.end()).lower() in ("as", "after", "afterward", "thereafter"):
            return None  # "as soon as", "soon after": conjunctions
    if word == "future" and (ctx.prev_word(m.start()) != "in" or ctx.next_word(m.end()).lower() == "of"):
        nxt = ctx.next_word(m.end())
        if not nxt or nxt[:1].isalpha():
            return None  # "future generations": an adjective; "in future," is a time
    return ref_timex(m, "FUTURE_REF")


HANDLERS = {
    "set_every": _set_every,
    "set_per": _set_per,
    "set_adverb": _set_adverb,
    "dur_long": _dur_long,
    "duration": _duration,
    "dur_vague": _dur_vague,
    "dur_bare": _dur_bare,
    "refword": _refword,
}
