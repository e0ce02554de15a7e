"""The slots of an event: actor, target, product, rates, authority.

Step 6 of :mod:`newskit.events.extract`. Offsets are in the sentence; the
mentions of a body are found once (``entities``) and cut per sentence
(``within``).
"""
from __future__ import annotations

import bisect
import functools
import operator
import re
from dataclasses import replace

from newskit.events import entities as en
from newskit.events import reading as rd

# speakers whose "said Monday" dates no announcement of their own
_UNOFFICIAL = re.compile(r"\b(?:analysts?|economists?|experts?|sources?|people\s+familiar|observers|traders|investors|"
                         r"critics|lawmakers|executives|strategists?)\b", re.I)
# prepositions that put a country in the target's place: "tariffs on Japan", "goods from China"
_TARGET_PREP = re.compile(
    r"\b(?:on|against|from|to|with|toward|towards|targeting|at|for|of)\s+(?:(?:all|most|many|some|certain|its|their|the|"
    r"goods|imports|products|exports|shipments|made|in|from|other|key|major|\w+ing)\s+){0,3}$",
    re.I,
)
_GOODS_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:goods|products|imports|exports|shipments|companies|firms|makers|"
                          r"producers|exporters|\w+makers)\b", re.I)
_PREPOSITION_BEFORE = re.compile(r"\b(?:on|against|from|to|with|toward|for|of|in|at|into|over|between|under|by|than|about|"
                                 r"across|like|including|such\s+as|and|or|the)\s+$", re.I)
_POSSESSOR_ACTS = re.compile(r"(?:'s|’s)\s+(?:[\w-]+\s+){0,2}?(?:decision|plan|move|order|threat|letter|announcement|proposal|"
                             r"pledge|vow|intention|bid|push|call|attempt|effort|deal|agreement)s?\s+(?:to|of)\s+(?:\w+\s+)?")
_AND_THE_OR_BEFORE = re.compile(r"\b(?:and|the|or)\s+$", re.I)
_PRONOUN = re.compile(r"\b(he|she|it|they|his|its|their)\b", re.I)
_PARTNER_BEFORE = re.compile(r"\b(?:with|and|between)\s+(?:the\s+)?$", re.I)
_PLACE_BEFORE = re.compile(r"\b(?:in|at|to)\s+(?:the\s+)?$", re.I)
_EXTENDED_TO_BEFORE = re.compile(r"\b(?:extend\w*|appl\w*|expand\w*)\s+(?:\w+\s+){0,4}to\s+(?:the\s+)?$", re.I)
_POSSESSIVE_AFTER = re.compile(r"^(?:'s|’s)\s")
_SHARE_AFTER = re.compile(r"^\s+of\s+(?!the\s+value)")
_MARKET_MOVE_BEFORE = re.compile(r"\b(?:fell|rose|jumped|gained|lost|dropped|down|up|soared|plunged|surged|slid|grew|shrank|declined|"
                                 r"jumping|falling|rising)\s+(?:about\s+|around\s+|nearly\s+)?$", re.I)
_SAID = re.compile(r"\b(?:said|told|announced|confirmed|says)\b")
_ON_TOP_OF_BEFORE = re.compile(r"\b(?:on\s+top\s+of|in\s+addition\s+to|besides|than|including|beyond)\s+(?:an?\s+|the\s+)?$", re.I)
# removing a tariff takes its rate to 0
_REMOVAL = re.compile(r"^(?:remov|eliminat|scrap|lift|repeal|revok|rescind|abolish|end|drop|withdr|terminat|expir|laps)", re.I)


def entities(body: str) -> tuple[list[en.Mention], list[en.Mention]]:
    """Participants named in a body (one pass each): people and countries, and courts."""
    people = en.find_people(body, {})
    countries = en.find_countries(body)
    # the longer span wins: "U.S. President Donald Trump" is a person, "the Trump administration" a country
    people = [p for p in people if not any(c.start <= p.start and p.end <= c.end and (c.end - c.start) > (p.end - p.start)
                                           for c in countries)]
    countries = [c for c in countries if not any(p.start <= c.start < p.end for p in people)]
    courts = [c for c in en.find_courts(body) if not any(p.start <= c.start < p.end or c.start <= p.start < c.end for p in people)]
    return sorted(people + countries, key=lambda m: m.start), courts


def within(items: list[en.Mention], s: int, e: int) -> list[en.Mention]:
    """The mentions inside ``[s, e)``, with offsets moved to the sentence."""
    out = []
    for i in range(bisect.bisect_left(items, s, key=_START), len(items)):
        m = items[i]
        if m.start >= e:
            break
        if m.end <= e:
            out.append(en.Mention(m.start - s, m.end - s, m.kind, m.name, m.country))
    return out


_START = operator.attrgetter("start")


def group(sent: str, ents: list[en.Mention], before: int) -> list[en.Mention]:
    """The countries of the last "A and B" / "A, B and C" before ``before``."""
    found: list[en.Mention] = []
    for e in reversed([e for e in ents if e.end <= before and e.kind == "country"]):
        if found and not re.fullmatch(r"\s*(?:,|and|,\s*and|&)\s*(?:the\s+)?", sent[e.end:found[-1].start]):
            break
        found.append(e)
    return list(reversed(found))


def actor(sent: str, t: rd.Trigger, ents, courts, spans, ctx, prev: en.Mention | None) -> en.Mention | None:
    """The subject of the trigger's clause, a "by" agent, or the referent of he/she/it."""
    ca, _ = spans[t.clause]
    if t.action in ("court_ruling", "court_stay"):
        court = next((c for c in reversed(courts) if c.end <= t.start), None)
        if court is not None and court.name == "court" and ctx.last_court is not None:
            return replace(court, name=ctx.last_court)  # "the court": the one named before
        return court
    if t.passive:
        # the passive's subject is what the act falls on: only a "by" agent acts
        m = re.match(r"\s+(?:\w+\s+){0,8}?by\s+", sent[t.end:t.end + 80])
        agent = next((e for e in ents if m and t.end + m.end() <= e.start <= t.end + m.end() + 12), None)
        return agent
    # "Trump's decision to impose", "China's move to raise": the possessor acts
    for e in reversed([e for e in ents if ca <= e.start and e.end <= t.start]):
        if _POSSESSOR_ACTS.fullmatch(sent[e.end:t.start]):
            return e
    best = None
    for e in reversed([e for e in ents if ca <= e.start and e.end <= t.start]):
        pre = sent[max(ca, e.start - 22):e.start]
        post = sent[e.end:e.end + 40]
        if _PREPOSITION_BEFORE.search(pre) and not _AND_THE_OR_BEFORE.search(pre):
            continue
        if e.kind == "country" and _GOODS_AFTER.match(post) and not re.match(r"^(?:'s|’s)", post):
            continue  # "Japanese goods": a target
        best = e
        break
    pron = None
    for m in _PRONOUN.finditer(sent[ca:t.start]):
        pron = (ca + m.start(), m.group(1).lower())
    if pron is not None and (best is None or pron[0] > best.end):
        if pron[1] in ("he", "she", "his"):
            return next((e for e in reversed(ents) if e.kind == "person" and e.end <= pron[0]), None) or ctx.last_person or best
        within = next((e for e in reversed(ents) if e.kind == "country" and e.end <= pron[0]
                       and not _PREPOSITION_BEFORE.search(sent[max(0, e.start - 15):e.start])), None)
        return within or best or ctx.last_country
    return best if best is not None else prev


def targets(sent: str, lo: int, hi: int, ents, actor: en.Mention | None, action: str, clause_lo: int) -> list[str]:
    """Countries after on/against/from/with, or before "goods", in ``[lo, hi)``."""
    out: list[str] = []
    own = actor.country if actor is not None else None
    for e in ents:
        if not (lo <= e.start < hi) or e.country is None:
            continue
        pre = sent[max(clause_lo, e.start - 40):e.start]
        post = sent[e.end:e.end + 40]
        hit = bool(_TARGET_PREP.search(pre)) or bool(_GOODS_AFTER.match(post)) or (
            post[:1] == " " and en.PRODUCT_RE.match(post.lstrip()) is not None)
        if action in ("agree", "negotiate") and _PARTNER_BEFORE.search(pre):
            hit = True
        if not hit:
            continue
        if _PLACE_BEFORE.search(pre) and not _GOODS_AFTER.match(post) \
                and action not in ("agree", "negotiate", "exempt") \
                and not _EXTENDED_TO_BEFORE.search(pre):
            continue  # a place ("in Washington"), not a target
        if _POSSESSIVE_AFTER.match(post) and action != "exempt":
            continue
        if e.country == own and action != "exempt":
            continue
        if e.country not in out:
            out.append(e.country)
    return out


def rates(sent: str, lo: int, hi: int) -> list[en.Rate]:
    """Tariff rates in ``[lo, hi)``: not shares ("99% of goods") or market moves ("fell 2%")."""
    good = []
    for r in en.find_rates(sent, lo, hi):
        after = sent[r.end:r.end + 25]
        before = sent[max(0, r.start - 25):r.start]
        if r.kind == "to" and _SHARE_AFTER.match(after):
            continue
        if _MARKET_MOVE_BEFORE.search(before):
            continue
        if r.kind == "points" or r.prep == "by":
            continue
        good.append(r)
    return good


def rate_values(action: str, word: str, rates: list[en.Rate]) -> tuple[float | None, float | None, str | None]:
    """(rate_from, rate_to, kind) of an event from the rates in its region."""
    removal = action == "lower" and _REMOVAL.match(word) is not None and not any(r.prep == "to" for r in rates)
    pair = next((r for r in rates if r.kind == "from_to"), None)
    if pair is not None:
        r_from, r_to, kind = pair.rate_from, pair.rate_to, "from_to"
    elif not rates:
        r_from, r_to, kind = None, None, None
    elif action in ("raise", "lower", "resume") and len(rates) >= 2:
        to = next((r for r in rates if r.prep in ("to", "at")), rates[-1])
        fr = next((r for r in rates if r is not to and r.prep in ("from", "of", "")), None)
        r_from, r_to, kind = (fr.rate_to if fr else None), to.rate_to, "from_to" if fr else to.kind
    else:
        r = rates[0]
        r_from, r_to, kind = None, r.rate_to, r.kind
        # "from 25%", and the rate of the object of a doubling or a removal ("doubled its 25% tariff"): the old rate
        if r.prep == "from" or (action in ("raise", "lower") and r.prep in ("of", "") and r.kind == "to"
                                and (re.match(r"(?:doubl|tripl|quadrupl|halv)", word, re.I) or removal)):
            r_from, r_to = r.rate_to, None
    if action in ("pause", "exempt") and r_to is not None and r_from is None:
        r_from, r_to = r_to, None  # the rate paused or exempted from
    if removal:
        if r_from is None and r_to is not None:
            r_from = r_to
        r_to, kind = 0.0, "from_to" if r_from is not None else "to"
    factor = 2 if "doubl" in word.lower() else 3 if "tripl" in word.lower() else 4 if "quadrupl" in word.lower() else \
        0.5 if "halv" in word.lower() else None
    if factor is not None:
        if r_from is not None and r_to is None:
            r_to, kind = r_from * factor, "from_to"
        elif r_to is not None and r_from is None:
            r_from, kind = r_to / factor, "from_to"
    if r_from is None and r_to is None:
        kind = None
    return r_from, r_to, kind


@functools.lru_cache(maxsize=64)
def authorities(sent: str) -> tuple:
    return tuple(en.find_authorities(sent))


def authority(sent: str, ca: int, cb: int) -> str | None:
    found = authorities(sent)
    if not found:
        return None
    inside = [a for s, e, a in found if ca <= s < cb]
    return ", ".join(dict.fromkeys(inside or [a for _, _, a in found]))


@functools.lru_cache(maxsize=64)
def speaker_ok(sent: str) -> bool:
    """The speaker of "X said Monday" speaks for a side, not as an analyst."""
    m = _SAID.search(sent)
    return m is None or not _UNOFFICIAL.search(sent[max(0, m.start() - 60):m.start()])


def split_by_rate(sent, rates, lo, hi, ents, actor, action, ca) -> list:
    """One group per rate when a sentence lists "25% on Canada and 10% on China"."""
    singles = [r for r in rates if r.kind in ("to", "additional", "up_to") and r.start >= lo
               and not _ON_TOP_OF_BEFORE.search(sent[max(0, r.start - 25):r.start])]  # "on top of a 25% levy": not a new rate
    if len(singles) < 2 or any(r.kind == "from_to" for r in rates) or action in ("raise", "lower"):
        return []
    groups = []
    for i, r in enumerate(singles):
        end = singles[i + 1].start if i + 1 < len(singles) else hi
        products = list(dict.fromkeys(p for _, _, p in en.find_products(sent, r.start, end)))
        groups.append((r, products, targets(sent, r.start, end, ents, actor, action, ca)))
    return groups if sum(1 for _, p, g in groups if p or g) >= 2 else []
