"""Reading one sentence: clauses, trigger words, their composition, negation and modality.

Steps 2-4 of :mod:`newskit.events.extract` (see its docstring for the rules).
Offsets are in the sentence.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newskit.events import entities as en
from newskit.events import lexicon as lx
from newskit.sentences import SENTENCE_STARTERS


@dataclass
class Trigger:
    """A word naming an event, with where its governing verb starts."""

    start: int
    end: int
    action: str
    kind: str
    anchor: int  # start of the governing verb ("announced" in "announced a pause")
    clause: int = 0
    governed: bool = False
    passive: bool = False
    complement_end: int | None = None  # threaten / agree: the clause they take in


_TRIGGER_RES = [(action, kind, re.compile(r"(?<![\w-])(?:" + rx + r")(?![\w-])", re.I)) for action, kind, rx in lx.TRIGGERS]
_PRIORITY = {id(rx): i for i, (_, _, rx) in enumerate(_TRIGGER_RES)}


# the first letters a trigger can start with (a repeat cuts them): patterns
# no word of a sentence starts like are skipped
_PREFIXES = [en.literal_prefixes(rx.pattern[len(r"(?<![\w-])"):], rx.flags, through_repeats=False)
             for _, _, rx in _TRIGGER_RES]
_WORD_STARTS = re.compile(r"(?<![\w-])\w{1,3}")


def _word_part(prefix: str) -> str:
    """The prefix up to its first character that is not a word character ("re-" -> "re")."""
    m = re.match(r"\w*", prefix)
    return m.group(0)


# Indexes from the lower-cased first 1-3 characters of a word to the trigger
# patterns (their numbers in _TRIGGER_RES): _GATE by the prefixes as they are
# (a pattern is tried in a sentence only when a word of it starts with one,
# see find_triggers), _AT by the prefixes cut at a non-word character, where a
# match of the pattern can start ("re-impose" starts at the word "re").
# A pattern with a prefix that is "" or starts with a non-word character can
# start anywhere: _ANYWHERE (none of the current ones).
_GATE: dict[str, tuple[int, ...]] = {}
_AT: dict[str, tuple[int, ...]] = {}
_ANYWHERE: set[int] = set()
_ALWAYS: tuple[int, ...] = tuple(i for i, ps in enumerate(_PREFIXES) if "" in ps)
for _i, _ps in enumerate(_PREFIXES):
    for _p in _ps:
        if _p:
            _GATE[_p] = _GATE.get(_p, ()) + (_i,)
        _w = _word_part(_p)
        if not _w:
            _ANYWHERE.add(_i)
        elif _i not in _AT.get(_w, ()):
            _AT[_w] = _AT.get(_w, ()) + (_i,)


def _trie(keys) -> str:
    """An alternation of the strings, by first character ("a(?:b|cd)|e"), for a look-ahead."""
    by: dict[str, list[str]] = {}
    for k in keys:
        by.setdefault(k[0], []).append(k[1:])
    return "|".join(re.escape(c) if "" in rest else re.escape(c) + "(?:" + "|".join(map(re.escape, sorted(rest, key=len, reverse=True))) + ")"
                    for c, rest in sorted(by.items()))


# The word starts (as _WORD_STARTS finds them) whose first characters are a
# key of _GATE or _AT: the only ones _chunk_ids gives patterns for (a key with
# a non-word character, "re-", is never the start of a word's chunk).
_KEYED_WORD_STARTS = re.compile(
    r"(?<![\w-])(?=" + _trie(sorted({k for k in list(_GATE) + list(_AT) if k == _word_part(k)})) + r")\w{1,3}")
# Characters that re.IGNORECASE matches to an ASCII letter although str.lower()
# does not give that letter ("ı" matches "i"), or that lower to two characters
# ("İ"): sentences with one are read by the plain scan.
_ODD_CASE = re.compile("[\u0130\u0131\u017f\u212a]")

# A capitalised word after a period that the sentence splitter kept inside a
# sentence ("... into the U.S. Less than 24 hours later, ..."): a new clause
# when it is a frequent sentence starter (newskit.sentences' list, plus the
# starters of time phrases).
_STARTERS = {w.capitalize() for w in SENTENCE_STARTERS} | {
    "Less", "More", "Within", "Hours", "Days", "Minutes", "Weeks", "Later", "Meanwhile", "However",
    "Separately", "Officials", "Analysts", "Shares", "Stocks", "Earlier", "Two", "Three"}
CLAUSE_BREAK = re.compile(
    r"\s*;\s*|\s+[—–]\s+|\s+--\s+|\s+-\s+(?=[a-z])|"
    r",[\"”’']?\s+(?=(?:and|but|while|whereas|as|after|before|when|although|though|because|since|so|which|who|where|"
    r"leaving|sending|raising|adding|citing|saying|prompting|bringing|retaliating|hitting|triggering|following|"
    r"including|according|marking|setting|putting|pushing|taking|averting|ending|allowing|keeping|roughly|compared|"
    r"up\s+from|down\s+from)\b)|"
    r"\s+(?=(?:after|before|when|whereas|unless|if|until\s+(?![A-Z0-9]))\b(?!\s+(?:a|the)\s+(?:day|week)))|"
    r"(?<=[A-Za-z])\.\s+(?=(?:" + "|".join(sorted(_STARTERS, key=len, reverse=True)) + r")\b)|\s+(?=which\b)"
)
CONDITIONAL_HEAD = re.compile(r"^(?:if|unless|whether|should\s+\w+|in\s+case)\b", re.I)
SUBORDINATE_HEAD = re.compile(r"^(?:after|before|since|while|when|as|until|although|though|because)\b", re.I)
_WORD = re.compile(r"[\w%$'’.-]+")
AUX_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|gets|got|gotten)\s+(?:\w+ly\s+)?(?:not\s+)?$", re.I)
MODAL_FUTURE = re.compile(
    r"\b(?:will|would|shall|'ll|plans?\s+to|planned\s+to|intends?\s+to|is\s+to|are\s+to|going\s+to|set\s+to|"
    r"(?:is|are)\s+due\s+to|vow(?:s|ed)?\s+to|pledg(?:e|es|ed)\s+to|promis(?:e|es|ed)\s+to|decided\s+to)\b",
    re.I,
)
# Verbs after which "would" reports an announcement rather than a supposition.
REPORTED = re.compile(
    r"\b(?:said|says|say|told|tells|announc(?:e|ed|es|ing)|wrote|writes|warned|warns|promised|pledged|vowed|stated|"
    r"declared|confirmed|indicated|signal(?:l)?ed|insisted|decided|added|posted|unveiled|notified|informed|"
    r"informing|notifying|letters?|statement|order|proclamation)\b",
    re.I,
)
# Between a transitive verb and its tariff object: determiners, adjectives,
# rates and names only. A preposition or clause word means the tariff is not
# its object ("raised its forecast despite the tariffs").
_OBJECT_GAP_BAD = re.compile(
    r"[,;:.](?!\d)|\b(?:of|that|which|who|than|because|while|as|if|after|before|on|in|at|for|despite|with|by|"
    r"from|over|against|under|into|about|amid|to|and|or)\b",
    re.I,
)
_QUANTIFIER_OF = re.compile(r"\b(?:most|some|all|many|part|much|half|several|one|each|any|none|percentage\s+points?)\s+of\b", re.I)
_ADJECTIVE_USE = re.compile(r"\b(?:the|his|her|its|their|a|an|any|this|that|these|those|[A-Z][\w.]*'s)\s+(?:\w+\s+)?$")
_THREATENED_ADJ = re.compile(r"^threatened\s+(?:\d|tariff|dut|lev|rate)", re.I)
_RELATIVE_BACKREF = re.compile(r"\b(?:that|which)\s+(?:[\w.'’]+\s+){0,4}$", re.I)
_TARIFF_WORD = re.compile(r"\b(?:" + lx.TARIFF_NOUN + r"|rates?)\b", re.I)
# "progressing toward an agreement": a noun after a preposition is not the verb's object
_NOUN_AFTER_PREPOSITION = re.compile(r"\b(?:toward|towards|to|for|on|about|over|in|at|with|into|despite|amid|after|before|of)\s+"
                                     r"(?:(?:a|an|the|its|their|his|her|any|new|[\w-]+)\s+){0,2}$", re.I)
_LIGHT_GOVERN_ONLY = re.compile(
    r"^(?:grant(?:s|ed|ing)?|w[io]n|wins|secur(?:e|es|ed|ing)|obtain(?:s|ed)?|receiv(?:e|es|ed)|g[eo]t|gets|"
    r"extend(?:s|ed|ing)?|offer(?:s|ed)?|giv(?:e|es|en)|gave)$",
    re.I,
)


# Verb forms that are also nouns: after a determiner they are the noun.
_NOUN_FORMS = {"levy", "levies", "increase", "increases", "cut", "cuts", "hike", "hikes", "raise", "pause", "delay",
               "freeze", "order", "orders", "set", "end", "drop", "lift", "rise", "threat", "exempt", "halt", "stay",
               "reduce", "ease", "boost", "double", "return", "restore", "place", "put", "slap", "impose", "repeal",
               "extend", "approve", "sign", "deal", "waive", "spare", "target", "hit", "expand", "suspend", "apply"}
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|his|her|this|that|these|those|any|no|new|further|another|each|every|tariff|"
    r"\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent)|[\w-]+-(?:day|week|month|point))\s+$", re.I)


def words(text: str) -> int:
    """Number of words in ``text`` (numbers and abbreviations count as one)."""
    return len(_WORD.findall(text))


def clauses(sent: str) -> list[tuple[int, int]]:
    """Clause spans of a sentence: cut at ";", dashes, ", and/which/after ...", before if/after/when.

    Examples:
        >>> s = "Last Wednesday, the court ruled against the tariffs, and an appeals court paused it if needed."
        >>> [s[a:b].strip() for a, b in clauses(s)]
        ['Last Wednesday, the court ruled against the tariffs,', 'and an appeals court paused it', 'if needed.']
    """
    cuts = [0]
    for m in CLAUSE_BREAK.finditer(sent):
        if m.start() <= cuts[-1]:
            continue
        cuts.append(m.end())
    cuts.append(len(sent))
    spans = [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
    out = []
    for a, b in spans:
        text = sent[a:b]
        # "If X, Y": the conditional clause ends at its first comma
        if CONDITIONAL_HEAD.match(text.lstrip(" ,\"'“")):
            comma = text.find(",")
            if 0 < comma < len(text) - 1:
                out.append((a, a + comma + 1))
                out.append((a + comma + 1, b))
                continue
        out.append((a, b))
    return out


def clause_of(spans: list[tuple[int, int]], pos: int) -> int:
    """Index of the clause holding offset ``pos``."""
    for i, (a, b) in enumerate(spans):
        if a <= pos < b:
            return i
    return len(spans) - 1


def _first(spans: list[tuple[int, int]], lo: int, hi: int) -> tuple[int, int] | None:
    return next(((s, e) for s, e in spans if lo <= s < hi), None)


def _object_ok(sent: str, t: Trigger, objects: list[tuple[int, int]], cb: int) -> bool:
    """A transitive verb's tariff object: inside the match, or the head of the next noun phrase."""
    if _first(objects, t.start, t.end):
        return True
    obj = _first(objects, t.end, min(cb, t.end + 70))
    if obj is None:
        return False
    gap = _QUANTIFIER_OF.sub("", sent[t.end:obj[0]])
    if re.match(r"(?:hit|target)", sent[t.start:t.end], re.I):
        gap = re.sub(r"^.*?\bwith\b", "", gap)  # "hit Mexico with a 25% tariff"
    return words(gap) <= 6 and not _OBJECT_GAP_BAD.search(gap)


@functools.lru_cache(maxsize=4096)
def _chunk_ids(chunk: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The patterns a word starting with ``chunk`` (its first 1-3 characters, lower-cased) opens: (_GATE ones, _AT ones)."""
    keys = {chunk, chunk[:2], chunk[:1]}
    gate = sorted({i for k in keys for i in _GATE.get(k, ())})
    at = sorted({i for k in keys for i in _AT.get(k, ())})
    return tuple(gate), tuple(at)


def _raw_triggers_scan(sent: str) -> list[tuple[int, int, str, str, int]]:
    """Every match of every trigger pattern that a word of the sentence can start, by a scan of the sentence per pattern."""
    raw = []
    three = set(_WORD_STARTS.findall(sent.lower()))
    starts = three | {w[:2] for w in three} | {w[:1] for w in three} | {""}
    for (action, kind, rx), prefixes in zip(_TRIGGER_RES, _PREFIXES):
        if starts.isdisjoint(prefixes):
            continue  # no word of the sentence can start a match
        for m in rx.finditer(sent):
            raw.append((m.start(), m.end(), action, kind, _PRIORITY[id(rx)]))
    return raw


def _raw_triggers(sent: str) -> list[tuple[int, int, str, str, int]]:
    """The matches of ``_raw_triggers_scan``, in its order, tried only at the words that can start them.

    A match of a pattern starts at a word start (its look-behind) with one of
    its prefixes (``_PREFIXES``), so ``rx.match`` at those word starts, left
    to right and past the end of the previous match, finds what
    ``rx.finditer`` finds, without scanning the sentence once per pattern.
    """
    low = sent.lower()
    if len(low) != len(sent) or _ODD_CASE.search(sent) is not None:
        return _raw_triggers_scan(sent)
    gate = set(_ALWAYS)
    at: dict[int, list[int]] = {}
    for w in _KEYED_WORD_STARTS.finditer(low):
        gate_ids, at_ids = _chunk_ids(w.group(0))
        if gate_ids:
            gate.update(gate_ids)
        if at_ids:
            p = w.start()
            for i in at_ids:
                lst = at.get(i)
                if lst is None:
                    at[i] = [p]
                else:
                    lst.append(p)
    raw = []
    for i in sorted(gate):
        action, kind, rx = _TRIGGER_RES[i]
        prio = _PRIORITY[id(rx)]
        if i in _ANYWHERE:
            for m in rx.finditer(sent):
                raw.append((m.start(), m.end(), action, kind, prio))
            continue
        end = 0
        match = rx.match
        for p in at.get(i, ()):
            if p < end:
                continue
            m = match(sent, p)
            if m is not None:
                end = m.end()
                raw.append((p, end, action, kind, prio))
    return raw


def find_triggers(sent: str, nouns: list[tuple[int, int]], rate_nouns: list[tuple[int, int]],
                  spans: list[tuple[int, int]], trade: bool, courts: list[en.Mention],
                  court_context: bool = False) -> list[Trigger]:
    """Trigger words of a sentence that pass their object test (step 3 of the rules).

    ``court_context``: the article has named a court in a sentence about
    tariffs, so a court's acts count in sentences that do not repeat "tariff".
    """
    raw = _raw_triggers(sent)
    # longest match first, then list order; no overlaps. Of the readings of
    # one span ("double" a verb with an object or without), the first that
    # passes its test.
    raw.sort(key=lambda r: (-(r[1] - r[0]), r[4], r[0]))
    objects = sorted(nouns + rate_nouns)
    out: list[Trigger] = []
    for s, e, action, kind, _ in raw:
        if any(s < c.end and c.start < e for c in out):
            continue
        t = _check(sent, Trigger(s, e, action, kind, s, clause=clause_of(spans, s)), objects, nouns, spans,
                   trade or (court_context and action.startswith("court")), courts)
        if t is not None:
            out.append(t)
    out.sort(key=lambda t: t.start)
    return out


def _check(sent, t: Trigger, objects, nouns, spans, trade, courts) -> Trigger | None:
    word = sent[t.start:t.end]
    low = word.lower()
    ca, cb = spans[t.clause]
    before = sent[max(ca, t.start - 60):t.start]
    after = sent[t.end:min(cb, t.end + 70)]
    if t.kind in ("light", "noun"):
        return None if _THREATENED_ADJ.match(sent[t.start:t.start + 30]) else t
    if t.action in ("court_ruling", "court_stay"):
        court = next((c for c in reversed(courts) if c.end <= t.start and words(sent[c.end:t.start]) <= 6
                      and c.start >= ca - 1), None)
        if court is None:
            # no court acts: "suspended", "reinstated" may still be a pause or a resumption
            alt = {"paus": "pause", "suspend": "pause", "put": "pause", "halt": "pause", "reinstat": "resume",
                   "restor": "resume"}
            key = next((k for k in alt if low.startswith(k)), None)
            if key is None or t.action != "court_stay":
                return None
            t.action, t.kind = alt[key], "tv"
        else:
            if not trade:
                return None
            if _is_stay(low, sent[t.end:cb]):
                t.action = "court_stay"
            return t
    if t.kind == "light" and low.startswith("order") and re.search(r"\b(?:executive|an|the|a|trade|court|new)\s+$", before, re.I):
        return None  # "an executive order": the noun
    if t.kind in ("tv", "light") and _DETERMINER_BEFORE.search(before) and low in _NOUN_FORMS:
        return None  # "the levy on", "a cut in", "the increase": nouns (their noun entries take them)
    if t.kind == "tv":
        if _THREATENED_ADJ.match(sent[t.start:t.start + 30]) or (
                low.endswith(("ed", "en")) and _ADJECTIVE_USE.search(before[-25:])
                and re.match(r"\s+(?:\d|tariff|dut|lev|rate|[\"'“])", after, re.I) and t.action != "take_effect"):
            return None  # "his threatened tariffs", "the increased duties": adjectives
        if _object_ok(sent, t, objects, cb):
            return t
        if AUX_PASSIVE.search(before[-30:]) and any(ca <= s and e <= t.start for s, e in objects):
            t.passive = True
            return t
        if t.action in ("pause", "exempt", "resume") and trade and (
                re.match(r"\s+(?:them|it|those|these|the\s+(?:measures?|move|order|plan|increase|hike))\b", after, re.I)
                or t.action == "exempt" and en.find_products(sent, t.end, min(cb, t.end + 80))):
            return t
        if t.action == "take_effect" and (_first(objects, ca, t.start) or trade):
            return t
        return None
    if t.kind == "iv":
        subj = next(((s, e) for s, e in reversed(objects) if ca <= s and e <= t.start), None)
        if subj is None and t.action == "take_effect":
            # "..., which took effect on Tuesday" after the tariff in the clause before
            subj = next(((s, e) for s, e in reversed(objects) if e <= t.start and t.start - e < 120), None)
        return t if subj is not None else None
    if t.kind == "face":
        # the target's side: "Japan will face a 24% tariff (from Aug. 1)"
        obj = _first(objects, t.end, min(cb, t.end + 50))
        future = re.search(r"\b(?:will|to|would|shall|could|may|might)\s+(?:\w+\s+)?$", before[-25:], re.I)
        dated = re.search(r"\b(?:from|starting|beginning|as\s+of|effective)\b", sent[t.end:cb], re.I)
        return t if obj is not None and (future or dated) else None
    if t.kind == "xv":
        if not trade and t.action not in ("negotiate", "agree"):
            return None
        if t.action == "threaten" and low.endswith("ed") and _ADJECTIVE_USE.search(before[-25:]) \
                and re.match(r"\s+(?:\d|tariff|dut|lev|rate|[\"'“])", after, re.I):
            return None  # "his threatened 25% tariffs"
        if t.action == "threaten" and low.startswith(("float", "recommend")) and _first(nouns, t.end, t.end + 80) is None:
            return None
        if t.action == "retaliate" and re.match(r"(?:respond|answer|counter)", low) and _first(nouns, t.end, t.end + 50) is None:
            return None
        if t.action == "retaliate" and not nouns:
            return None  # "retaliated with port fees": not a tariff
        return t
    return t


def _is_stay(word: str, after: str) -> bool:
    """A court's act that suspends a ruling (a stay), not a ruling itself."""
    if word.startswith(("stay", "paus", "suspend", "put", "reinstat", "restor", "grant")):
        return True
    return word.startswith(("halt", "block")) and lx.STAY_OBJECT.search(after[:40]) is not None


def compose(sent: str, trigs: list[Trigger], nouns, spans, dated_at) -> list[Trigger]:
    """Light verbs, "agree to", threats and vows, background participles, event nouns (step 3).

    ``dated_at(lo, hi)`` tells whether a date expression starts in ``[lo, hi)``.
    """
    out = list(trigs)
    _light_verbs(sent, out, nouns, spans, dated_at)
    _agreements(sent, out, spans)
    _threats(sent, out)
    _background(sent, out, dated_at)
    _objects(sent, out)
    _nouns(sent, out, dated_at)
    _repeats(sent, out)
    return out


def _objects(sent, out) -> None:
    """An event noun in a verb trigger's object is part of that event ("did not impose retaliatory tariffs")."""
    for u in [u for u in out if u.kind == "noun" and not u.governed]:
        verb = next((t for t in out if t is not u and t.kind != "noun" and t.end <= u.start and t.clause == u.clause
                     and words(sent[t.end:u.start]) <= 5 and not re.search(r"[,;:]", sent[t.end:u.start])), None)
        if verb is not None:
            out.remove(u)


def _repeats(sent, out) -> None:
    """The same action twice in a clause with no rate between ("met ... to discuss") is one event."""
    for t in list(out):
        if t not in out:
            continue
        for u in [u for u in out if u is not t and u.action == t.action and u.clause == t.clause and u.start > t.end]:
            if not re.search(r"\d\s*(?:%|percent|per\s+cent)", sent[t.end:u.start]) and u.action in ("negotiate", "agree", "threaten", "deadline", "court_ruling", "court_stay"):
                out.remove(u)


def _light_verbs(sent, out, nouns, spans, dated_at) -> None:
    for t in [t for t in out if t.kind == "light"]:
        if t not in out:
            continue
        ca, cb = spans[t.clause]
        word = sent[t.start:t.end].lower()
        nxt = next((u for u in out if u is not t and u.start >= t.end and u.start - t.end <= 70 and u.clause == t.clause), None)
        if nxt is not None and nxt.kind == "light" and not re.search(r"[;:,]|\band\b", sent[t.end:nxt.start]):
            nxt.anchor = min(nxt.anchor, t.anchor)  # "signed an order setting ...": the second verb carries on
            out.remove(t)
            continue
        if nxt is not None and nxt.kind == "light":
            nxt = None
        gap = sent[t.end:nxt.start] if nxt is not None else ""
        if nxt is not None and (nxt.action == "deadline" or nxt.kind == "noun" and _NOUN_AFTER_PREPOSITION.search(gap)
                                or re.search(r"\band\b", gap)
                                or _LIGHT_GOVERN_ONLY.match(word) and (words(gap) > 5 or re.search(r"\bthat\b", gap))):
            nxt = None
        if nxt is not None and not re.search(r"[;:,]", gap):
            nxt.governed = True
            nxt.anchor = min(nxt.anchor, t.anchor)
            out.remove(t)
            continue
        if _LIGHT_GOVERN_ONLY.match(word) or (word in ("set", "sets") and re.match(r"\s+to\b", sent[t.end:])):
            out.remove(t)  # "won", "granted" only govern; "is set to" marks the future
            continue
        before = sent[max(ca, t.start - 60):t.start]
        obj = _first(nouns, t.end, min(cb, t.end + 50))
        if obj is not None and not _OBJECT_GAP_BAD.search(_QUANTIFIER_OF.sub("", sent[t.end:obj[0]])) \
                and words(sent[t.end:obj[0]]) <= 6:
            if word.startswith(("confirm", "declar", "issu")):
                out.remove(t)
                continue
            t.action, t.kind = "impose", "tv"
            continue
        tariff_before = _TARIFF_WORD.search(before)
        if word.startswith("appl") and tariff_before and not re.search(r"\bcontinue\s+to\s*$", before):
            t.action, t.kind = "impose", "iv"  # "a 40% tariff will apply to ..."
            continue
        if AUX_PASSIVE.search(before[-30:]) and tariff_before and not word.startswith(("sign", "issu", "appl", "order", "add")):
            t.action, t.kind, t.passive = "impose", "tv", True  # "tariffs were announced"
            continue
        # "the 25% tariff on Japanese goods, announced on Monday, ...": dated reduced relative
        near = sent[max(0, t.start - 60):t.start]
        if word.endswith("ed") and _TARIFF_WORD.search(near) and re.search(r",\s*$", near) and dated_at(t.end, t.end + 12):
            t.action, t.kind, t.passive = "impose", "tv", True
            continue
        out.remove(t)


def _agreements(sent, out, spans) -> None:
    for t in [t for t in out if t.action == "agree" and t.kind == "xv"]:
        if t not in out:
            continue
        word = sent[t.start:t.end].lower()
        m = re.match(r"\s+(?:on\s+\w+\s+|in\s+\w+\s+|last\s+\w+\s+)?(?:in\s+principle\s+)?to\s+(?:\w+ly\s+)?", sent[t.end:t.end + 40])
        if re.fullmatch(r"agree(?:s|d|ing)?", word) and m:
            inner = next((u for u in out if u is not t and u.start == t.end + m.end()), None)
            if inner is not None and inner.action != "agree":
                inner.governed = True  # "agreed to pause": the pause
                inner.anchor = min(inner.anchor, t.anchor)
                out.remove(t)
                continue
        for u in [u for u in out if u is not t and u.kind == "noun" and u.action in ("agree", "pause") and t.end <= u.start <= t.end + 60]:
            if u.action == "agree" or sent[u.start:u.end].lower() == "truce":
                out.remove(u)  # the deal noun of "reached a deal"
        # what the deal does ("a deal that sets 15%", "a framework deal setting 15%") belongs to it
        for u in [u for u in out if u is not t and u.start > t.end and u.action in ("impose", "lower", "raise", "exempt")]:
            gap = sent[t.start:u.start]
            if re.search(r"\b(?:deal|agreement|accord|pact|framework)s?\b[^.;]{0,30}?(?:\b(?:that|which|under\s+which)\s*)?(?:\w+\s+){0,3}$", gap, re.I) \
                    and words(gap) <= 14:
                out.remove(u)
                t.complement_end = max(t.complement_end or 0, spans[clause_of(spans, u.end)][1])


def _threats(sent, out) -> None:
    """A threat (or a vow, a warning) takes in the measures it threatens."""
    for t in [t for t in out if t.action == "threaten" and t.kind == "xv"]:
        if t not in out:
            continue
        end = sent.find(";", t.end)
        end = len(sent) if end < 0 else end
        inner = [u for u in out if u is not t and t.end <= u.start < end
                 and u.action not in ("deadline", "negotiate", "court_ruling", "court_stay")]
        low = sent[t.start:t.end].lower()
        if low.startswith("warn") and not inner and not re.search(
                r"^\s+(?:\w+\s+){0,3}?of\s+(?:\w+\s+){0,4}?(?:" + lx.TARIFF_NOUN + r")\b", sent[t.end:t.end + 80], re.I):
            out.remove(t)  # a warning that threatens no measure
            continue
        if low.startswith("vow"):
            if not inner or not any(u.action in ("impose", "raise", "retaliate", "resume") for u in inner):
                out.remove(t)  # "vowed to keep negotiating": not a threat
                continue
        for u in inner:
            out.remove(u)
        t.complement_end = end


def _background(sent, out, dated_at) -> None:
    """A participle after a tariff ("tariffs imposed under IEEPA") is background unless dated."""
    for t in [t for t in out if t.kind == "tv" and not t.governed and not t.passive]:
        word = sent[t.start:t.end].lower()
        if word.endswith("ing") and re.search(r"\b(?:in|by|for|of|from|without|against|over|about)\s+$", sent[max(0, t.start - 12):t.start], re.I):
            if not dated_at(t.end, t.end + 40, own=True):
                out.remove(t)  # "exceeded his authority in imposing tariffs": a reference, not an event
            continue
        if not word.endswith(("ed", "en")):
            continue
        before = sent[max(0, t.start - 60):t.start]
        if re.search(r"\b(?:" + lx.TARIFF_NOUN + r"|ones|rates?|measures?)\b(?:\s+(?:on|against|from)\s+(?:[\w.'’-]+\s+){1,4})?\s*$", before, re.I) \
                or _RELATIVE_BACKREF.search(before[-40:]) and _TARIFF_WORD.search(before):
            if not dated_at(t.end, t.end + 12, own=True):
                out.remove(t)


def _nouns(sent, out, dated_at) -> None:
    """An event noun not governed by a verb is an event only when it carries a date."""
    for t in [t for t in out if t.kind == "noun" and not t.governed]:
        if t.action == "deadline":
            continue  # kept when dated (decided with the dates)
        if t.action != "negotiate" and dated_at(max(0, t.start - 16), t.start, own=True, before=True):
            continue  # "the April 9 pause", "Friday's exemption"
        out.remove(t)


# ---------------------------------------------------------------------------
# negation and modality
# ---------------------------------------------------------------------------


_UNOFFICIAL = re.compile(r"\b(?:analysts?|economists?|experts?|observers|traders|investors|critics|strategists?)\b", re.I)
_WOULD_HAVE = re.compile(r"\bwould\s+have\b", re.I)
_CAN_NOW = re.compile(r"\bcan\s+(?:now|already)\b", re.I)
_THREAT_WORD = re.compile(r"\b(?:threat\w*|warn\w*|vow\w*)\b", re.I)
_PURPOSE = re.compile(r"\b(?:with\s+a\s+view\s+to|in\s+order\s+to|so\s+as\s+to|aim\w*\s+(?:at|to))\b", re.I)


def negated(sent: str, t: Trigger, ca: int) -> bool:
    """A negation within four words before the trigger (or its governing verb)."""
    window = sent[max(ca, t.anchor - 45):t.start]
    for m in lx.NEGATION.finditer(window):
        if lx.NOT_NEGATION.match(window[m.start():m.start() + 15]):
            continue
        cue = m.group(0).lower()
        gap = words(sent[max(ca, t.anchor - 45) + m.end():t.anchor]) if t.governed and t.anchor < t.start else words(window[m.end():])
        if t.kind == "noun" and not t.governed:
            # only "no deal", "without an exemption" negate a bare noun
            if cue in ("no", "without") and gap <= 2:
                return True
            continue
        if gap <= 4 or cue.startswith(("refus", "declin", "fail", "ruled", "rul", "reject", "no plan", "no intention")):
            return True
    return False


def hypothetical(sent: str, t: Trigger, spans: list[tuple[int, int]]) -> bool:
    """A modal, a condition, a question or an intensional verb over the trigger."""
    ca, cb = spans[t.clause]
    if CONDITIONAL_HEAD.match(sent[ca:cb].lstrip(" ,\"'“")):
        return True
    if sent.rstrip(" \"'”’").endswith("?"):
        return True
    lo = max(ca, t.anchor - 30)
    near = sent[lo:t.start]
    for m in lx.MODAL.finditer(near):
        w = m.group(0).lower()
        if w in ("would", "will likely"):
            said = REPORTED.search(sent[:lo + m.start()])
            if said and not _WOULD_HAVE.search(near) and not _UNOFFICIAL.search(sent[max(0, said.start() - 50):said.start()]):
                continue  # "said he would raise": an announcement (analysts' "would" is a forecast)
            return True
        if w == "can" and _CAN_NOW.search(near):
            continue
        return True
    if any(CONDITIONAL_HEAD.match(sent[a:b].lstrip(" ,\"'“")) and a >= t.end for a, b in spans[t.clause + 1:]) \
            and t.action != "threaten" and not _THREAT_WORD.search(sent[:t.end]):
        return True  # "faces a 25% tariff from Friday unless it reaches a deal"
    window = sent[max(ca, t.anchor - 60):t.start]
    found = list(lx.INTENSIONAL.finditer(window))
    if found and words(window[found[-1].end():]) <= 8:
        return True
    return _PURPOSE.search(window) is not None


def conditional_threat(sent: str, t: Trigger, spans: list[tuple[int, int]]) -> bool:
    """A reported promise with a condition: "said it would retaliate ... if no deal is reached"."""
    ci = t.clause
    if not re.search(r"\b(?:would|will)\b", sent[max(spans[ci][0], t.anchor - 30):t.start], re.I):
        return False
    if not REPORTED.search(sent[:t.anchor]):
        return False
    return any(CONDITIONAL_HEAD.match(sent[a:b].lstrip(" ,\"'“")) for i, (a, b) in enumerate(spans) if i != ci)
