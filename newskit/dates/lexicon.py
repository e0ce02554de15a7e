"""Word lists for temporal expressions: the lexicon the grammar is built from.

Everything here is general English: calendar names, number words, units,
modifiers and tense cues. Nothing is keyed to a particular document. The
TIMEX3 codes (``SP``, ``MO``, ``Q3``, ``P1D`` ...) are those of the TimeML 1.2.1
annotation guidelines (Saurí et al. 2006, §2.2 "TIMEX3"); the choice of which
words to list follows the resources of HeidelTime (Strötgen & Gertz 2013,
``resources/english/normalization``) and SUTime (Chang & Manning 2012,
``english.sutime.txt``), re-written from scratch.
"""
from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
# AP style abbreviations (Jan. Feb. Aug. Sept. Oct. Nov. Dec.) plus the common
# three-letter forms; bare abbreviations without a period are only read as a
# month before a day number (grammar decides).
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# ISO 8601 day numbers: Monday = 1 ... Sunday = 7 (TIMEX3 "XXXX-WXX-1").
WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}
# TIMEX3 season codes (TimeML 1.2.1 guidelines, §2.2.1.2).
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}
# First month of each season: meteorological seasons (WMO convention), as the
# TimeML guidelines give no boundaries.
SEASON_START_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# TIMEX3 part-of-day codes (TimeML 1.2.1 guidelines: MO, MI, AF, EV, NI, DT).
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "overnight": "NI", "midday": "MI", "daytime": "DT",
}

UNITS_1_TO_19 = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90}
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(UNITS_1_TO_19)}
NUMBER_WORDS.update(TENS)
NUMBER_WORDS.update({"a": 1, "an": 1, "a single": 1, "single": 1, "a couple of": 2,
                     "a couple": 2, "couple of": 2, "a pair of": 2, "a dozen": 12,
                     "dozen": 12, "a hundred": 100, "one hundred": 100, "hundred": 100,
                     "a thousand": 1000, "one thousand": 1000, "two thousand": 2000})
# Vague quantities: the TIMEX3 value gets an X in place of the number
# ("several years" -> PXY; TimeML 1.2.1 guidelines, §2.2.1.3).
VAGUE_QUANTITIES = (
    "a few", "few", "several", "some", "many", "a number of", "dozens of", "hundreds of",
    "a handful of", "a matter of", "a series of", "countless", "numerous",
)
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirty-first": 31,
}
DECADE_WORDS: dict[str, int] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}

# Calendar units: TIMEX3 duration letter, whether it is a time unit (PT...),
# and how many of the next smaller unit make one (to write 2 1/2 years as P2Y6M).
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 0), "minute": ("M", True, 60), "hour": ("H", True, 60),
    "day": ("D", False, 24), "night": ("D", False, 24), "week": ("W", False, 7),
    "fortnight": ("W", False, 7), "month": ("M", False, 30), "quarter": ("Q", False, 3),
    "year": ("Y", False, 12), "decade": ("Y", False, 10), "century": ("Y", False, 100),
    "millennium": ("Y", False, 1000),
}
# How many TIMEX3 units one lexical unit is (a fortnight is P2W, a decade P10Y).
UNIT_MULTIPLIER: dict[str, int] = {"fortnight": 2, "decade": 10, "century": 100, "millennium": 1000}
UNIT_PLURALS: dict[str, str] = {
    "seconds": "second", "minutes": "minute", "hours": "hour", "days": "day",
    "nights": "night", "weeks": "week", "fortnights": "fortnight", "months": "month",
    "quarters": "quarter", "years": "year", "decades": "decade", "centuries": "century",
    "millennia": "millennium", "yrs": "year", "mins": "minute", "hrs": "hour",
}

# SET adverbs (TimeML 1.2.1 guidelines, §2.2.1.4: "daily", "twice a week").
SET_ADVERBS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W",
    "biweekly": "P2W", "fortnightly": "P2W", "monthly": "P1M", "bimonthly": "P2M",
    "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "semiannually": "P6M",
    "semi-annually": "P6M", "biannually": "P6M", "biennially": "P2Y",
}

# Holidays: fixed (month, day), the n-th weekday of a month (n = -1: the last),
# or days from Western Easter. US federal holidays (5 U.S.C. 6103) and the
# days news copy names most often.
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1), "new year's": (1, 1), "new years day": (1, 1),
    "valentine's day": (2, 14), "st. patrick's day": (3, 17), "april fools' day": (4, 1),
    "may day": (5, 1), "juneteenth": (6, 19), "independence day": (7, 4),
    "fourth of july": (7, 4), "july fourth": (7, 4), "bastille day": (7, 14),
    "halloween": (10, 31), "all saints' day": (11, 1), "veterans day": (11, 11),
    "armistice day": (11, 11), "remembrance day": (11, 11), "guy fawkes night": (11, 5),
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "boxing day": (12, 26), "new year's eve": (12, 31), "hogmanay": (12, 31),
}
NTH_WEEKDAY_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    # name: (month, ISO weekday, n)
    "martin luther king day": (1, 1, 3), "martin luther king jr. day": (1, 1, 3),
    "presidents day": (2, 1, 3), "presidents' day": (2, 1, 3),
    "mother's day": (5, 7, 2), "memorial day": (5, 1, -1), "father's day": (6, 7, 3),
    "labor day": (9, 1, 1), "columbus day": (10, 1, 2),
    "thanksgiving day": (11, 4, 4), "thanksgiving": (11, 4, 4),
}
EASTER_HOLIDAYS: dict[str, int] = {
    "easter": 0, "easter sunday": 0, "easter day": 0, "easter monday": 1,
    "good friday": -2, "maundy thursday": -3, "holy thursday": -3,
    "palm sunday": -7, "ash wednesday": -46, "pentecost": 49, "whit sunday": 49,
}
# US general election day: the Tuesday after the first Monday of November
# (2 U.S.C. 7); Black Friday: the day after Thanksgiving.
OTHER_HOLIDAYS = ("election day", "black friday", "cyber monday")

# Tense cues for resolving underspecified dates ("Friday", "in October").
# Irregular past forms of the commonest English verbs (news usage).
PAST_VERBS = frozenset(
    """said told was were had did got came went took made gave saw met held left
    fell rose won lost began became sent paid sold bought spoke wrote ran found
    thought brought struck led kept grew drew stood knew showed sank broke chose
    flew fought froze hung laid lay meant overtook rang sang sought spent stole swore
    taught threw tore understood woke wore withdrew forgave arose ago yesterday
    earlier previously already""".split()
)
FUTURE_CUES = frozenset(
    """will 'll shall would going expected scheduled planned slated due plans
    plan intends intend aims aim upcoming next coming tomorrow soon later hopes
    hope deadline ahead""".split()
)
PRESENT_CUES = frozenset("is are am isn't aren't says say has have do does".split())
# Words ending in -ed that are not past verbs (or are names and adjectives).
NOT_PAST_ED = frozenset(
    """need needed indeed speed seed feed bed red hundred shed bleed breed greed
    proceed exceed succeed united limited related interested concerned based
    supposed intended designed aged naked sacred wicked rugged beloved""".split()
)
# A left-context word after which a bare weekday or month is in the future:
# a deadline or a start ("by Wednesday", "starting Monday", "effective Feb. 1").
# "until" is left to the verb ("had not called him a suspect until Thursday";
# measured on TimeBank: forcing the future there did worse).
FUTURE_PREPOSITIONS = frozenset("by starting effective".split())
# Words that end the clause when looking left for a verb.
# ("and", "or", "as" are left out: in news they join noun phrases more often
# than clauses - "chairman, president and chief executive in March".)
CLAUSE_STARTERS = frozenset(
    """before after when while because although though that which who whom whose
    where since until unless if whereas but""".split()
)

# Count nouns that make a four-digit number a quantity, not a year ("2000 people").
COUNT_NOUNS = frozenset(
    """people persons residents members troops soldiers police officers workers jobs
    employees staff students children women men voters votes seats shares units cars
    vehicles homes houses tons tonnes barrels points miles kilometers kilometres
    feet meters metres acres hectares pounds dollars euros yen yuan won rupees
    cases deaths patients refugees migrants copies pages words calls stores
    flights passengers visitors tourists pieces items bottles customers users
    companies firms plants sites rooms beds guns rockets missiles planes ships""".split()
)


def alternation(words, extra: str = "") -> str:
    """A regex matching any of the literal words, as a character trie.

    A trie (one branch per first letter, and so on) lets the regex engine
    reject a word after one comparison instead of one per listed word; the
    longest word wins where one is a prefix of another (greedy ``?``). Words
    are lower-cased (the scanner matches a lower-cased copy of the text); a
    space matches any run of white space and an apostrophe either quote.

    Args:
        words: literal strings.
        extra: a raw regex alternative appended as it is.

    Returns:
        A non-capturing group, ready to embed in a larger pattern.

    Examples:
        >>> alternation(["may", "march", "monday"])
        '(?:m(?:a(?:rch|y)|onday))'
    """
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w.lower():
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else "['’]" if ch in "'’" else re.escape(ch)
            alts.append(piece + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return body + "?" if body.startswith("(?:") and len(alts) > 1 else f"(?:{body})?"
        return body

    body = build(trie)
    if extra:
        body = f"{body}|{extra}" if body else extra
    return f"(?:{body})"
