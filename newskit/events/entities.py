"""Finders for the slots of a tariff event: countries, people, courts, products, rates, authorities.

Each finder scans one sentence and returns spans ``(start, end, value, ...)``
with offsets in that sentence. The regular expressions are compiled once
from the word lists of :mod:`newskit.events.lexicon`.
"""
from __future__ import annotations

import re
import re._constants as _c
import re._parser as _sre_parse
from dataclasses import dataclass

from newskit.events import lexicon as lx


@dataclass(frozen=True)
class Mention:
    """A named participant: a country (or bloc), a person or a court."""

    start: int
    end: int
    kind: str  # "country", "person" or "court"
    name: str  # as named, normalised ("Donald Trump", "United States", "Court of International Trade")
    country: str | None  # the country it stands for, when known


@dataclass(frozen=True)
class Rate:
    """A tariff rate or change of rate written in the text."""

    start: int
    end: int
    rate_from: float | None
    rate_to: float | None
    kind: str  # "to", "from_to", "additional", "up_to", "points"
    prep: str = ""  # the word before a single rate: "to", "from", "at", "of", "by" or ""


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def literal_prefixes(pattern: str, flags: int = 0, k: int = 3, *, through_repeats: bool = True) -> set[str]:
    r"""Lower-case strings of up to ``k`` characters, one of which starts every match of ``pattern``.

    A string is cut where the pattern stops being plain characters (a class,
    a repeat, a wildcard); "" in the set means a match may start with anything.
    A repeat (other than ``?``) is followed through its first time when
    ``through_repeats``, else the string is cut before it.

    Examples:
        >>> sorted(literal_prefixes(r"(?:the\s+)?court|judges?"))
        ['cou', 'jud', 'the']
    """
    end = "\0"

    def walk(seq) -> set[str]:
        out = {""}
        for op, av in seq:
            todo = {q for q in out if len(q) < k and not q.endswith(end)}
            if not todo:
                break
            keep = out - todo
            if op is _c.LITERAL:
                add = {chr(av).lower()}
            elif op is _c.IN and all(o is _c.LITERAL for o, _ in av):
                add = {chr(a).lower() for _, a in av}
            elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
                continue  # zero width
            elif op is _c.SUBPATTERN:
                add = walk(av[-1])
            elif op is _c.BRANCH:
                add = set().union(*(walk(b) for b in av[1]))
            elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[1] == 1:
                add = walk(av[2]) | ({""} if av[0] == 0 else set())
            elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and through_repeats:  # its first time, then anything
                add = {q if q.endswith(end) else q + end for q in walk(av[2])} | ({""} if av[0] == 0 else set())
            else:
                add = {end}  # anything may follow: the string ends here
            out = keep | {(q + a)[:k] for q in todo for a in add}
        return out

    return {q.replace(end, "") for q in walk(_sre_parse.parse(pattern, flags))}


def trie(strings) -> str:
    """An alternation of literal strings grouped by first character ("a(?:b|cd)|e"), for a look-ahead."""
    by: dict[str, list[str]] = {}
    for x in strings:
        by.setdefault(x[0], []).append(x[1:])
    return "|".join(re.escape(c) if "" in rest else re.escape(c) + "(?:" + "|".join(map(re.escape, sorted(rest, key=len, reverse=True))) + ")"
                    for c, rest in sorted(by.items()))


# Countries: aliases as written (case-sensitive: "US" is not "us"), not inside
# a longer capitalised name or a time-zone phrase ("Washington time").
_ALIAS_TO_COUNTRY: dict[str, str] = {}
for _name, _aliases in lx.COUNTRIES.items():
    for _a in _aliases:
        _ALIAS_TO_COUNTRY.setdefault(_a, _name)


class Dispatch:
    """An alternation of literal names, tried only where a name can start.

    The names are grouped by their first two characters; ``finditer`` visits
    the word starts of the text and tries the group of that prefix only.
    Scanning the bodies of data/pages this way takes 7 ms against 25 ms for
    one alternation of the 400 country names (measured), which Python's
    ``re`` tries at every word start.
    """

    def __init__(self, names, tail: str = r"(?![\w-])", lookbehind: str = r"(?<![\w.-])") -> None:
        groups: dict[str, list[str]] = {}
        for n in names:
            groups.setdefault(n[:2], []).append(n)
        self._groups = {k: re.compile("(?:" + _alternation([re.escape(n) for n in v]) + ")" + tail) for k, v in groups.items()}
        firsts = "".join(sorted({re.escape(k[0]) for k in groups}))
        self._starts = re.compile(lookbehind + "[" + firsts + "]")
        # The same places, only where a group's two characters follow (a
        # one-character name only at the end of the text, as text[p:p + 2] is
        # one character there); the first character is matched first, so that
        # the scan skips to it, and the look-behind is checked after it.
        seconds: dict[str, set[str]] = {}
        for k in groups:
            seconds.setdefault(k[0], set()).add(k[1:])
        alts = []
        for c, rest in sorted(seconds.items()):
            ahead = ["[" + "".join(sorted(map(re.escape, (r for r in rest if r)))) + "]"] if any(rest) else []
            ahead += [r"\Z"] if "" in rest else []
            alts.append(re.escape(c) + "(?=" + "|".join(ahead) + ")")
        self._keyed_starts = re.compile("(?:" + "|".join(alts) + ")(?<=" + lookbehind + "(?s:.))")

    def finditer(self, text: str):
        pos = 0
        starts = self._keyed_starts  # a start without a group was passed over (pos + 1): not visited
        while True:
            m = starts.search(text, pos)
            if m is None:
                return
            rx = self._groups.get(text[m.start():m.start() + 2])
            hit = rx.match(text, m.start()) if rx is not None else None
            if hit is not None:
                yield hit
                pos = hit.end()
            else:
                pos = m.start() + 1

    def search(self, text: str):
        return next(self.finditer(text), None)

    def match(self, text: str, pos: int = 0):
        rx = self._groups.get(text[pos:pos + 2])
        return rx.match(text, pos) if rx is not None else None


COUNTRY_RE = Dispatch(_ALIAS_TO_COUNTRY, tail=r"(?![\w]|-(?:made|based|born|listed|led)\b)(?!\s+time\b)")
# A country alias that only names a place, not a government or an origin.
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|around|across|visit(?:ed|ing|s)?|to|arrive[sd]?\s+in)\s+(?:the\s+)?$", re.I)

_SURNAMES = lx.surname_index()
_KNOWN = {**{n: n for n in lx.PEOPLE}, **_SURNAMES}
_NAME_WORD = r"(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.|(?:von|der|de|da|van|bin)\b|al-[A-Z][a-z]+|[A-Z][a-z]+-[a-z]+)"
KNOWN_RE = Dispatch(_KNOWN, lookbehind=r"(?<![\w-])")
# a name after a title: "President Donald Trump", "Commerce Secretary Howard Lutnick"
_NAME_AT = re.compile(r"[A-Z][a-zà-ÿ'’-]+(?:\s+" + _NAME_WORD + r"){1,3}")
_TITLE_BEFORE = re.compile(r"(?<![\w-])(?:" + lx.TITLES + r")\s+$")
_TITLE_LAST_WORDS = frozenset(
    w.lower() for w in re.findall(r"[A-Za-z]+", lx.TITLES) if w.lower() not in ("s", "w", "vice", "prime", "trade", "chief", "of"))
_NAME_START = re.compile(r"(?<![\w-])[A-Z]")
_PREV_WORD = re.compile(r"([A-Za-z]+)\.?\s+$")
# On the reversed text: a capital, spaces, ".", and a title word reversed (the
# end of a word): every capital (_NAME_START) whose _PREV_WORD is in
# _TITLE_LAST_WORDS is a match (and some others: the capital is checked again).
_BEFORE_TITLE_WORD_REVERSED = re.compile(r"[A-Z](?=\s+\.?(?i:" + trie(sorted(w[::-1] for w in _TITLE_LAST_WORDS)) + r"))")
# a country adjective just before a title: "Mexican President", "Japan's top negotiator"
_ADJ_BEFORE = re.compile(r"(?:^|(?<=\s))(?P<adj>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?:'s|’s)?\s+(?:[\w-]+\s+){0,3}$")
# longest names first, so "the Court of
# International Trade" is not read as "the court"
COURT_RE = re.compile(r"(?<![\w])(?:" + "|".join(lx.COURTS) + r")(?![\w])", re.I)
# COURT_RE tried only where one of the first characters of a court name
# follows: the same matches (a look-ahead every match passes), found faster.
_COURT_PREFIXES = literal_prefixes(COURT_RE.pattern, COURT_RE.flags)
_COURT_SCAN = COURT_RE if "" in _COURT_PREFIXES else re.compile(
    r"(?<![\w])(?=" + trie(sorted(_COURT_PREFIXES)) + r")(?:" + "|".join(lx.COURTS) + r")(?![\w])", re.I)
_COURT_WORD = re.compile(r"court|judge|panel|justices|Federal Circuit|\bCIT\b", re.I)

TARIFF_RE = re.compile(r"\b(?:" + lx.TARIFF_NOUN + r")\b", re.I)
RATE_NOUN_RE = re.compile(r"\b(?:" + lx.RATE_NOUN + r")\b", re.I)

_PRODUCT_ALIASES = sorted(((alias, name) for name, aliases in lx.PRODUCTS.items() for alias in aliases),
                          key=lambda x: len(x[0]), reverse=True)
# One alternation per first letter, tried only at word starts with that
# letter: 18 ms against 39 ms for one alternation of all aliases over the
# bodies of data/pages (measured).


def _first_letters(pattern: str) -> set[str]:
    """Lower-case letters a match of ``pattern`` can start with ("(?:passenger\\s+)?vehicles?": p, v)."""
    def first(seq) -> set[str] | None:  # None: may match empty so far
        out: set[str] = set()
        for op, av in seq:
            if op is _c.LITERAL:
                return out | {chr(av).lower()}
            if op is _c.IN:
                return out | {chr(a).lower() for o, a in av if o is _c.LITERAL}
            if op is _c.SUBPATTERN:
                sub = first(av[-1])
            elif op is _c.BRANCH:
                subs = [first(b) for b in av[1]]
                sub = None if any(x is None for x in subs) else set().union(*subs)
                if sub is None:
                    out |= set().union(*(x for x in subs if x))
            elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
                sub = first(av[2])
                if av[0] == 0:
                    out |= sub or set()
                    continue
            else:
                continue
            if sub is not None:
                return out | sub
        return out or None
    return first(_sre_parse.parse(pattern)) or set()


_PRODUCT_BY_LETTER: dict[str, re.Pattern] = {}
_LETTERS_OF = {a: _first_letters(a) for a, _ in _PRODUCT_ALIASES}
for _letter in sorted(set().union(*_LETTERS_OF.values())):
    _alts = [a for a, _ in _PRODUCT_ALIASES if _letter in _LETTERS_OF[a]]
    _PRODUCT_BY_LETTER[_letter] = re.compile(r"(?:" + "|".join(_alts) + r")(?![\w-])", re.I)
_PRODUCT_EACH = [(re.compile(a + r"(?![\w-])", re.I), name) for a, name in _PRODUCT_ALIASES]
_WORD_START = re.compile(r"(?<![\w-])[" + "".join(_PRODUCT_BY_LETTER) + "".join(_PRODUCT_BY_LETTER).upper() + r"]")
# The word starts of _WORD_START where an alias's first characters follow (as
# re.IGNORECASE reads them): the only ones where an alias can match.
_PRODUCT_PREFIXES = set().union(*(literal_prefixes(a, re.I) for a, _ in _PRODUCT_ALIASES))
_PRODUCT_START = _WORD_START if "" in _PRODUCT_PREFIXES else re.compile(
    r"(?<![\w-])(?=(?i:" + trie(sorted(_PRODUCT_PREFIXES)) + r"))[" + "".join(_PRODUCT_BY_LETTER) + "".join(_PRODUCT_BY_LETTER).upper() + r"]")


class _ProductRE:
    """``match`` and ``finditer`` over product aliases, dispatched on the first letter."""

    def match(self, text: str, pos: int = 0):
        rx = _PRODUCT_BY_LETTER.get(text[pos:pos + 1].lower())
        return rx.match(text, pos) if rx is not None else None

    def finditer(self, text: str, lo: int = 0, hi: int | None = None):
        hi = len(text) if hi is None else hi
        pos = lo
        while True:
            w = _PRODUCT_START.search(text, pos, hi)
            if w is None:
                return
            m = _PRODUCT_BY_LETTER[w.group(0).lower()].match(text, w.start(), hi)
            if m is not None:
                yield m
                pos = m.end()
            else:
                pos = w.start() + 1


PRODUCT_RE = _ProductRE()


def _product_name(text: str, start: int, end: int) -> str:
    """The product whose alias matched ``text[start:end]``."""
    first = text[start:start + 1]
    each = _PRODUCT_EACH if _ODD_CASE.match(first) else _PRODUCT_EACH_BY_FIRST.get(first.lower(), _PRODUCT_EACH_ANY)
    return next((name for rx, name in each if (m := rx.match(text, start)) and m.end() == end), "")


# _PRODUCT_EACH by the (lower-cased) first character of a match, in its order:
# an alias whose matches cannot start with a character is not tried there.
_FIRSTS_OF = [{q[:1] for q in literal_prefixes(rx.pattern, rx.flags)} for rx, _ in _PRODUCT_EACH]  # "": any
_PRODUCT_EACH_ANY = [each for each, f in zip(_PRODUCT_EACH, _FIRSTS_OF) if "" in f]
_PRODUCT_EACH_BY_FIRST = {c: [each for each, f in zip(_PRODUCT_EACH, _FIRSTS_OF) if c in f or "" in f]
                          for c in sorted(set().union(*_FIRSTS_OF) - {""})}


ALL_PRODUCTS_RE = re.compile(r"\b(?:" + lx.ALL_PRODUCTS + r")\b", re.I)
ALL_COUNTRIES_RE = re.compile(r"\b(?:" + lx.ALL_COUNTRIES + r")\b", re.I)
AUTHORITY_RES = [(name, re.compile(p, re.I)) for name, p in lx.AUTHORITIES.items()]

# Number words up to a hundred, and the fractions news writes for rates.
_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUMBER = (
    r"\d+(?:\.\d+)?|(?:" + "|".join(_TENS) + r")(?:[-\s](?:" + "|".join(k for k in _UNITS if _UNITS[k] < 10 and k != "zero") + r"))?"
    r"|(?:one\s+)?hundred|" + "|".join(sorted(_UNITS, key=len, reverse=True))
)
_PCT = r"\s*(?:%|percent\b|per\s+cent\b|pct\b|-percent\b|-per-cent\b)"
_POINTS = r"\s*(?:-\s*)?percentage[-\s]points?\b"
_APPROX = r"(?:(?:about|around|roughly|nearly|almost|some|approximately|at\s+least|more\s+than|over|as\s+much\s+as|a\s+full|a\s+further|an\s+additional|an\s+extra|another)\s+)?"
_ONE_RATE = r"(?:" + _APPROX + r"(?:" + _NUMBER + r")" + _PCT + r")"
RATE_PATTERNS = [
    # from 25% to 50% / from 25 to 50 percent
    ("from_to", re.compile(r"\bfrom\s+(?:the\s+(?:current|existing|previous)\s+)?(?P<a>" + _APPROX + r"(?:" + _NUMBER + r"))(?:" + _PCT + r")?"
                           r"(?:[^.;%]{0,60}?)\s+to\s+(?P<b>" + _APPROX + r"(?:" + _NUMBER + r"))" + _PCT, re.I)),
    # to 15% from 27.5%
    ("to_from", re.compile(r"\bto\s+(?P<b>" + _APPROX + r"(?:" + _NUMBER + r"))(?:" + _PCT + r")?\s+from\s+(?:the\s+(?:current|existing|previous)\s+)?(?P<a>" + _APPROX + r"(?:" + _NUMBER + r"))" + _PCT, re.I)),
    # between 10% and 41%, of 10% to 15%, ranging from 10 to 50 percent, 10-15%
    ("range", re.compile(r"\b(?:between\s+(?P<a>" + _NUMBER + r")(?:" + _PCT + r")?\s+and\s+(?P<b>" + _NUMBER + r")" + _PCT +
                         r"|(?:rang\w*\s+from|of|at)\s+(?P<c>" + _NUMBER + r")(?:" + _PCT + r")?\s+(?:to|and)\s+(?P<d>" + _NUMBER + r")" + _PCT +
                         r"|(?P<e>\d+(?:\.\d+)?)\s*[-–]\s*(?P<f>\d+(?:\.\d+)?)" + _PCT + r")", re.I)),
    ("up_to", re.compile(r"\bup\s+to\s+(?P<b>(?:" + _NUMBER + r"))" + _PCT, re.I)),
    ("points", re.compile(r"(?P<b>" + _NUMBER + r")" + _POINTS, re.I)),
    ("single", re.compile(r"(?<![\w.])(?P<b>" + _ONE_RATE + r")", re.I)),
    # "a quarter of the value", "a 25 percent" spelled as a fraction
    ("quarter", re.compile(r"\b(?:a|one)\s+quarter\b(?=\s+(?:of\s+the\s+(?:value|price)|tariff|duty|levy|rate))", re.I)),
    ("zero", re.compile(r"\b(?:zero(?:[-\s]for[-\s]zero)?|tariff-free|duty-free|zero-tariff)\b(?=[^.;]{0,40}\b(?:tariffs?|duties|on|for|access|treatment)\b)|"
                        r"\bzero\s+tariffs?\b|(?<=\bto\s)zero\b|(?<=\bat\s)zero\b", re.I)),
]
_ADDITIONAL = re.compile(r"\b(?:additional|extra|further|another|more|new\s+additional|on\s+top|added|surcharge|incremental)\b", re.I)
_NUMBER_FULL = re.compile(_NUMBER, re.I)
# every rate pattern needs one of these: a cheap test before the eight patterns
_MAY_HAVE_RATE = re.compile(r"%|percent|per\s+cent|pct\b|quarter|zero|-free", re.I)
# A word (lower-cased) in every match of a rate pattern, and in every match of
# an authority pattern (all of a tuple): a text without them has no match
# (tests/test_events_speed_equivalence.py checks the words against the patterns).
_RATE_WORDS = {"from_to": ("from",), "to_from": ("from",), "up_to": ("up",), "points": ("percentage",),
               "quarter": ("quarter",), "zero": ("zero", "-free")}
_AUTHORITY_WORDS = {"IEEPA": (("ieepa",), ("emergency",)), "Section 232": (("section", "232"), ("expansion",), ("national",)),
                    "Section 301": (("section", "301"),), "Section 122": (("section", "122"),),
                    "Section 201": (("section", "201"), ("safeguard",)), "Section 338": (("section", "338"),),
                    "anti-dumping": (("dumping",), ("countervailing",))}
# Characters that re.IGNORECASE matches to an ASCII letter although str.lower()
# does not give that letter ("ı" matches "i"), or that lower to two ("İ").
_ODD_CASE = re.compile("[\u0130\u0131\u017f\u212a]")


def _keyword_text(text: str) -> str | None:
    """``text`` lower-cased, to look for the words of a case-insensitive pattern; None when lower() would not do."""
    return None if _ODD_CASE.search(text) else text.lower()


# the preposition right before a rate ("to 50%", "from 25%", "levy of 10%"), determiners skipped
_PREP_BEFORE = re.compile(r"\b(to|from|at|of|by)\s+(?:(?:a|an|the|its|their|about|around|nearly|roughly|some|"
                          r"almost|approximately|just|only|over|under|below|above|more\s+than|less\s+than)\s+)*$", re.I)


def number_value(text: str) -> float | None:
    """The number a rate is written with: "25", "12.5", "twenty-five", "ten".

    Examples:
        >>> number_value("twenty-five"), number_value("27.5"), number_value("ten")
        (25.0, 27.5, 10.0)
    """
    t = re.sub(r"^(?:about|around|roughly|nearly|almost|some|approximately|at\s+least|more\s+than|over|as\s+much\s+as|a\s+full|a\s+further|an\s+additional|an\s+extra|another)\s+", "", text.strip().lower())
    m = re.match(r"\d+(?:\.\d+)?", t)
    if m:
        return float(m.group(0))
    if "hundred" in t:
        return 100.0
    parts = re.split(r"[-\s]+", t)
    total = 0
    found = False
    for p in parts:
        if p in _TENS:
            total += _TENS[p]
            found = True
        elif p in _UNITS:
            total += _UNITS[p]
            found = True
    return float(total) if found else None


def find_rates(text: str, lo: int = 0, hi: int | None = None) -> list[Rate]:
    """Rates written in ``text[lo:hi]``, left to right, without overlaps.

    Examples:
        >>> [(r.rate_from, r.rate_to, r.kind) for r in find_rates("raised from 25% to 50 percent")]
        [(25.0, 50.0, 'from_to')]
        >>> [(r.rate_from, r.rate_to, r.kind) for r in find_rates("an additional 10% levy and up to 15 per cent")]
        [(None, 10.0, 'additional'), (None, 15.0, 'up_to')]
    """
    hi = len(text) if hi is None else hi
    if not _MAY_HAVE_RATE.search(text, lo, hi):
        return []
    taken: list[tuple[int, int]] = []
    out: list[Rate] = []
    low = _keyword_text(text[lo:hi])
    for kind, rx in RATE_PATTERNS:
        words = _RATE_WORDS.get(kind) if low is not None else None
        if words is not None and words[0] not in low and (len(words) == 1 or not any(w in low for w in words)):
            continue  # every match of the pattern has one of the words: none here
        for m in rx.finditer(text, lo, hi):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            g = m.groupdict()
            if kind in ("from_to", "to_from"):
                a, b = number_value(g["a"]), number_value(g["b"])
                if a is None or b is None or a > 1000 or b > 1000:
                    continue
                out.append(Rate(s, e, a, b, "from_to"))
            elif kind == "range":
                pair = [(g.get(x), g.get(y)) for x, y in (("a", "b"), ("c", "d"), ("e", "f"))]
                a, b = next((number_value(p), number_value(q)) for p, q in pair if p)
                out.append(Rate(s, e, None, b, "up_to"))
            elif kind == "up_to":
                out.append(Rate(s, e, None, number_value(g["b"]), "up_to"))
            elif kind == "points":
                out.append(Rate(s, e, None, number_value(g["b"]), "points"))
            elif kind == "single":
                v = number_value(g["b"])
                if v is None or v > 1000:
                    continue
                before = text[max(0, s - 30):s]
                add = _ADDITIONAL.search(g["b"]) is not None or re.search(
                    r"\b(?:additional|extra|further|another|an?\s+added|new\s+additional)\s+(?:\w+\s+)?$", before, re.I) is not None
                after = text[e:e + 40]
                if re.match(r"\s+(?:\w+\s+){0,3}?(?:surcharge|on\s+top)", after, re.I):
                    add = True
                prep = _PREP_BEFORE.search(before)
                out.append(Rate(s, e, None, v, "additional" if add else "to", prep.group(1).lower() if prep else ""))
            elif kind == "quarter":
                out.append(Rate(s, e, None, 25.0, "to"))
            elif kind == "zero":
                prep = _PREP_BEFORE.search(text[max(0, s - 30):s])
                out.append(Rate(s, e, None, 0.0, "to", prep.group(1).lower() if prep else ""))
            taken.append((s, e))
    out.sort(key=lambda r: r.start)
    return out


def find_countries(text: str) -> list[Mention]:
    """Countries and blocs named in ``text`` (aliases, demonyms, capitals)."""
    out = []
    for m in COUNTRY_RE.finditer(text):
        alias = m.group(0)
        if alias in ("US",) and text[max(0, m.start() - 1):m.start()] == "-":
            continue
        # "Europe"/"European" and capitals used as places are not actors
        if alias in ("Washington", "Tokyo", "Beijing", "Seoul", "Ottawa", "Brussels", "New Delhi", "Europe",
                     "Moscow", "Paris", "Berlin", "Rome", "Madrid", "Bangkok", "Jakarta", "Manila", "Hanoi", "Taipei"):
            if _LOCATIVE.search(text[max(0, m.start() - 25):m.start()]):
                continue
        if alias == "Korea" and re.match(r"\s*-\s*US|\s*-\s*U\.S\.", text[m.end():m.end() + 6]):
            pass
        out.append(Mention(m.start(), m.end(), "country", _ALIAS_TO_COUNTRY[alias], _ALIAS_TO_COUNTRY[alias]))
    return out


# (?<![\w-])[A-Z][\w’'-]*[\w]|(?<=\bvon der )Leyen, with the capital first so
# that the scan skips to capitals (the same matches, three times faster)
_CAPITALISED = re.compile(r"[A-Z](?:(?<=(?<![\w-])[A-Z])[\w’'-]*[\w]|(?<=(?<=\bvon der )L)eyen)")


class _Titled:
    """A name with the title before it, as a match-like object (start: the title)."""

    def __init__(self, start: int, name: re.Match) -> None:
        self._start, self._name = start, name

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._name.end()

    def group(self, _key: str = "name") -> str:
        return self._name.group(0)


def _titled(text: str):
    """Titled names: a capitalised name whose previous word ends a title.

    The capitals visited are those after a title word (found on the reversed
    text, ``_BEFORE_TITLE_WORD_REVERSED``): at any other capital the previous
    word is not one, and the scan moved on.
    """
    pos = 0
    n = len(text)
    for start in reversed([n - 1 - c.start() for c in _BEFORE_TITLE_WORD_REVERSED.finditer(text[::-1])]):
        if start < pos:
            continue
        prev = _PREV_WORD.search(text, max(0, start - 20), start)
        if prev is None or prev.group(1).lower() not in _TITLE_LAST_WORDS:
            continue
        title = _TITLE_BEFORE.search(text, max(0, start - 45), start)
        name = _NAME_AT.match(text, start) if title is not None else None
        if name is not None:
            yield _Titled(title.start(), name)
            pos = name.end()


def find_people(text: str, registry: dict[str, tuple[str, str | None]]) -> list[Mention]:
    """People named in ``text``: known leaders, titled names, surnames seen before.

    ``registry`` maps surnames to (full name, country) for the article so far
    and is updated with every titled name found.

    Examples:
        >>> reg = {}
        >>> [(p.name, p.country) for p in find_people("Mexican President Claudia Sheinbaum met Trump.", reg)]
        [('Claudia Sheinbaum', 'Mexico'), ('Donald Trump', 'United States')]
    """
    out: list[Mention] = []
    for m in _titled(text):
        name = re.sub(r"['’]s$", "", m.group("name").strip())
        if name.split()[0] in {"The", "A", "An", "This", "That", "In", "On"}:
            continue
        # the titled name may be a known one ("President Donald Trump")
        full = _KNOWN.get(name) or next((k for k in lx.PEOPLE if name.endswith(k) or k.endswith(name)), None)
        start, country = m.start(), None
        adj = _ADJ_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if adj:
            c = COUNTRY_RE.match(adj.group("adj"))
            if c and c.end() == len(adj.group("adj")):
                start, country = adj.start("adj"), _ALIAS_TO_COUNTRY[c.group(0)]
        country = lx.PEOPLE.get(full) if full else country
        shown = full or name
        end = m.end() - 2 if re.search(r"['’]s$", m.group("name")) else m.end()  # "Trump's": the name ends before 's
        out.append(Mention(start, end, "person", shown, country))
        registry[shown.split()[-1]] = (shown, country)
    for m in KNOWN_RE.finditer(text):
        if any(p.start <= m.start() < p.end for p in out):
            continue
        name = _KNOWN[m.group(0)]
        out.append(Mention(m.start(), m.end(), "person", name, lx.PEOPLE.get(name)))
    # surnames of people named earlier in the article ("Sheinbaum said")
    if registry:
        for m in _CAPITALISED.finditer(text):
            if m.group(0) not in registry or any(p.start <= m.start() < p.end for p in out):
                continue
            full, country = registry[m.group(0)]
            out.append(Mention(m.start(), m.end(), "person", full, country))
    out.sort(key=lambda p: p.start)
    return out


def court_name(text: str) -> str:
    """A court as named, normalised to the court it is in U.S. tariff cases.

    Appeals from the Court of International Trade go to the Federal Circuit
    (28 U.S.C. §1295(a)(5)), so "an appeals court" in a tariff story is it.

    Examples:
        >>> court_name("an appeals court"), court_name("A U.S. federal trade court")
        ('Court of Appeals for the Federal Circuit', 'Court of International Trade')
    """
    t = text.lower()
    if "supreme" in t:
        return "Supreme Court"
    if "appeal" in t or "appellate" in t or "federal circuit" in t:
        return "Court of Appeals for the Federal Circuit"
    if "international trade" in t or "trade court" in t or t == "cit" or "panel" in t:
        return "Court of International Trade"
    if "district" in t or "judge" in t:
        return "U.S. District Court"
    return "court"


def find_courts(text: str) -> list[Mention]:
    """Courts and judges named in ``text``, the longest name at each place.

    Examples:
        >>> [c.name for c in find_courts("the Court of International Trade ruled")]
        ['Court of International Trade']
    """
    if not _COURT_WORD.search(text):
        return []
    return [Mention(m.start(), m.end(), "court", court_name(m.group(0)), None) for m in _COURT_SCAN.finditer(text)]


def find_products(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, str]]:
    """Products named in ``text[lo:hi]`` as (start, end, canonical product).

    Product words are common nouns: a capitalised one inside a sentence is a
    name ("U.S. Steel", "Nippon Steel") and is skipped.

    Examples:
        >>> [p for _, _, p in find_products("tariffs on steel and aluminium products from Nippon Steel")]
        ['steel', 'aluminum']
    """
    hi = len(text) if hi is None else hi
    out = []
    for m in PRODUCT_RE.finditer(text, lo, hi):
        word = m.group(0)
        if word[0].isupper() and m.start() > 0 and not word.isupper() and not word.startswith(("iPhone", "EV", "SUV", "LNG")):
            continue
        out.append((m.start(), m.end(), _product_name(text, m.start(), m.end())))
    return out


def find_authorities(text: str) -> list[tuple[int, int, str]]:
    """Legal authorities named in ``text`` as (start, end, name).

    Examples:
        >>> [a for _, _, a in find_authorities("tariffs under the International Emergency Economic Powers Act")]
        ['IEEPA']
    """
    out = []
    low = _keyword_text(text)
    for name, rx in AUTHORITY_RES:
        need = _AUTHORITY_WORDS.get(name) if low is not None else None
        if need is not None:
            for words in need:
                if words[0] in low and (len(words) == 1 or all(w in low for w in words)):
                    break
            else:
                continue  # every match has the words of one of the tuples: none here
        for m in rx.finditer(text):
            out.append((m.start(), m.end(), name))
    out.sort()
    return out


# "duty" and "levy" are tariffs only next to trade: imports, goods, a country,
# a traded product ("a levy on plastic bags" and "the gasoline levy" are not).
_TRADE_CONTEXT = re.compile(
    r"\b(?:import\w*|export\w*|foreign|overseas|customs|tariffs?|trade|goods|anti-?dumping|countervailing|"
    r"retaliat\w*|countermeasures?|shipments?|trading\s+partners?)\b",
    re.I,
)


def tariff_nouns(text: str, context: bool | None = None) -> list[tuple[int, int]]:
    """Spans of tariff nouns in ``text``; "duty" and "levy" only in their trade sense.

    ``context``: whether ``text`` names a country or a traded product, when
    the caller knows (else it is looked for).

    Examples:
        >>> s = "Officers on duty watched as new duties on Chinese steel took effect."
        >>> [s[a:b] for a, b in tariff_nouns(s)]
        ['duties']
        >>> tariff_nouns("a levy on plastic bags"), tariff_nouns("The party approved a higher levy on tobacco.")
        ([], [])
    """
    found = list(TARIFF_RE.finditer(text))
    if not found:
        return []
    bad = []
    if any(m.group(0)[0] in "dDlL" for m in found):
        bad = [m.span() for m in lx.NON_TARIFF_DUTY.finditer(text)] + [m.span() for m in lx.NON_TARIFF_LEVY.finditer(text)]
    out = []
    for m in found:
        s, e = m.span()
        if any(bs <= s < be for bs, be in bad):
            continue
        word = m.group(0).lower()
        if word.startswith(("dut", "lev")):
            if context is None:
                context = bool(_TRADE_CONTEXT.search(text) or COUNTRY_RE.search(text) or find_products(text))
            if not context:
                continue
        out.append((s, e))
    return out
