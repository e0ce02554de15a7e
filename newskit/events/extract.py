"""Tariff event mentions in article text: ``tariff_events(articles)``.

One row per event mention: a trigger word (a verb such as "raised", or an
event noun governed by one: "announced a 90-day pause") in a sentence about
tariffs, with its slots filled from the same clause.

How a sentence is read, in order:

1. **Relevance.** The sentence names a tariff ("tariff", "duties", "levy" in
   their trade sense: not "on duty", "a duty to", "a levy on plastic bags",
   see :mod:`~newskit.events.lexicon`) or a trade cue ("trade deal", "Section
   232", "Court of International Trade"). Talks and deals also count in a
   sentence without one when the article is about tariffs.
2. **Clauses.** The sentence is cut at ";", dashes, ", and/but/while/as/which
   ...", before "after/before/when/if/unless" and at a ". Capital" the
   sentence splitter left joined ("... into the U.S. Less than 24 hours
   later, ..."). Slots are looked for in the trigger's clause.
3. **Triggers** (``lexicon.TRIGGERS``). A transitive verb needs a tariff as
   its object ("raised tariffs", "were raised" in the passive); "rise" and
   "take effect" need one as subject; talks, deals and court verbs need only
   the sentence. Light verbs (announce, sign, order ...) and "agree to" take
   the action of what follows them; "threaten" and "warn" take in the whole
   threatened clause. An event noun ("pause", "hike", "deal") is an event only
   when such a verb governs it or it carries a date; a participle after a
   tariff ("tariffs imposed under IEEPA") is background unless dated. A court
   as subject turns a verb into ``court_ruling`` or, for a stay, pause or
   reinstatement by an appeals court, ``court_stay``.
4. **Negation and modality** (FactBank, Saurí & Pustejovsky 2009): a
   negation just before the trigger ("did not impose", "no deal", "failed to
   reach") sets ``negated``; a modal ("could", "may"; "would" unless it
   reports someone's announcement), an if/unless/whether clause, a question
   or an intensional verb ("considering", "seeking", "urged ... to") sets
   ``hypothetical``. A conditional promise reported from a named actor ("said
   it would retaliate ... if no deal is reached") is a ``threaten`` event.
   **Negated and hypothetical mentions are flagged and excluded by default**
   (``include_flagged=True`` keeps them with their flags).
5. **Date.** The date attached to the trigger: in its clause after it (before
   the next trigger), else just before it ("Trump on Friday announced"), at
   the head of the clause or sentence ("Last Wednesday, the court ruled"), or
   carried into a "when" clause ("on April 9 when he paused"). A date on a
   reporting verb ("the source said Monday", "officials said Friday") is not
   the event's date, except for an announcement of a future measure by the
   actor's own side ("Trump said on Sunday he would impose"). "from/effective/
   starting X" gives ``effective_date`` (and a ``take_effect`` mention), "until
   X" and "for 90 days" give ``end_date``, "by X" after a request ("wants offers
   by Wednesday") is a ``deadline``. "Less than 24 hours later", "the next
   day", "the same day" count from the previous date in the article (TimeML's
   reference time), which ``find_dates`` cannot know. With no date in the
   sentence, a date of a thing the sentence refers back to ("his speech") is
   used (``date_source="context"``), else the publication day
   (``date_precision="published"``).
6. **Slots.** actor: the subject (a country, a person as named, a court), a
   "by" agent, or the referent of he/she/it; target: a country after
   "on/against/from/with", or a demonym before goods ("Japanese cars");
   product: the product words (``lexicon.PRODUCTS``), "all" for "all goods";
   rates: "25%", "25 percent", "twenty-five percent", "a quarter", "from 25%
   to 50%", "to 15% from 27.5%", "up to 15%", "doubling"/"halved" against a
   rate given; a sentence listing "25% on Canada and 10% on China" gives one
   mention per rate.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import pandas as pd

from newskit import schema
from newskit.events import dating as dt
from newskit.events import entities as en
from newskit.events import lexicon as lx
from newskit.events import reading as rd
from newskit.events import slots as sl
from newskit.sentences import split_sentences

__all__ = ["EVENT_COLUMNS", "tariff_events", "events_in_text"]

# Repeated labels are categoricals (fixed categories: the same dtype in every
# chunk or partition, so tables concatenate without falling back to strings).
_ACTION = pd.CategoricalDtype(list(lx.ACTIONS))
_RATE_KIND = pd.CategoricalDtype(["to", "from_to", "additional", "up_to", "points"])
_DATE_SOURCE = pd.CategoricalDtype(["sentence", "context", "published"])

EVENT_COLUMNS: tuple[schema.Column, ...] = (
    schema.Column("mention_id", schema.STRING, "article_id, sentence_id and trigger offset: stable id of the mention"),
    schema.Column("article_id", schema.STRING, "the article the mention is in"),
    schema.Column("sentence_id", "int64", "0, 1, 2, ... as newskit.split_sentences numbers the article's sentences"),
    schema.Column("start", "int64", "offset of the sentence's first character in the body"),
    schema.Column("end", "int64", "offset just past the sentence's last character: body[start:end] == sentence"),
    schema.Column("sentence", schema.STRING, "the sentence, the evidence for the event"),
    schema.Column("trigger", schema.STRING, "the word(s) that name the event: 'raise', 'announced a surprise doubling'"),
    schema.Column("action", _ACTION, "impose, raise, lower, pause, resume, exempt, threaten, take_effect, retaliate, negotiate, agree, court_ruling, court_stay, deadline"),
    schema.Column("actor", schema.STRING, "who acts, as named: a country or bloc ('United States'), a person ('Donald Trump'), a court"),
    schema.Column("actor_country", schema.STRING, "the country the actor stands for ('Donald Trump' -> 'United States'); missing when unknown"),
    schema.Column("target", schema.STRING, "countries the measure falls on, ', '-joined in text order; 'all' for every country; missing when not said"),
    schema.Column("product", schema.STRING, "products, ', '-joined in text order ('steel, aluminum'); 'all' for all goods; missing when not said"),
    schema.Column("rate_from", "float64", "the tariff rate before, in percent; NaN when not said"),
    schema.Column("rate_to", "float64", "the tariff rate after (or imposed), in percent; NaN when not said"),
    schema.Column("rate_kind", _RATE_KIND, "to (a level), from_to (a change), additional (on top of existing duties), up_to (a ceiling or range top), points (percentage points); missing without a rate"),
    schema.Column("authority", schema.STRING, "legal authority named: IEEPA, Section 232, Section 301, Section 122, Section 201, Section 338, anti-dumping"),
    schema.Column("event_date", schema.UTC_TIME, "the date of the event (first day of the period), 00:00 UTC"),
    schema.Column("date_precision", schema.STRING, "day, week, month, season, quarter, year ... as find_dates gives it; 'published' when the sentence gives no date and event_date is the publication day"),
    schema.Column("date_text", schema.STRING, "the date expression as written; missing for 'published'"),
    schema.Column("date_source", _DATE_SOURCE, "sentence (the date is in the sentence), context (a date of a thing the sentence refers back to), published"),
    schema.Column("effective_date", schema.UTC_TIME, "when the measure starts ('from Aug. 1', 'effective June 4'); NaT when not said"),
    schema.Column("end_date", schema.UTC_TIME, "when it ends ('until July 8', 'for 90 days'); NaT when not said"),
    schema.Column("negated", "bool", "the sentence says the event did not happen ('did not impose', 'no deal')"),
    schema.Column("hypothetical", "bool", "the event is possible, conditional, asked for or considered, not reported as fact"),
    schema.Column("published_at", schema.UTC_TIME, "the article's publication time, the anchor for its dates"),
)

_TOTAL = re.compile(
    r"(?:raising|bringing|lifting|taking|pushing)\s+(?:the\s+)?(?:total|overall|combined|cumulative)\b[^.;]{0,60}?\bto\s+"
    r"(?P<r>(?:about\s+|around\s+|nearly\s+)?\d+(?:\.\d+)?)\s*(?:%|percent|per\s+cent)",
    re.I,
)
_REQUEST = re.compile(
    r"\b(?:want(?:s|ed)?|ask(?:s|ed|ing)?|urg(?:e|es|ed|ing)|push(?:es|ed|ing)?|press(?:es|ed|ing)?|demand(?:s|ed|ing)?|"
    r"g(?:ive|ives|ave|iven)|t(?:ell|ells|old)|call(?:s|ed)?\s+on|requir(?:e|es|ed)|set(?:s)?|instruct(?:s|ed)?|"
    r"direct(?:s|ed)?|order(?:s|ed)?|must|need\s+to|have\s+to|has\s+to)\b",
    re.I,
)
_RETALIATORY = re.compile(r"\b(?:retaliatory|counter-?tariffs?|countermeasures?|in\s+retaliation|in\s+response|"
                          r"hit(?:ting)?\s+back)\b", re.I)
_CONTEXT_NOUN = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, lx.CONTEXT_NOUNS), key=len, reverse=True)) + r")\b", re.I)
_SPACES = re.compile(r"\s+")
_TALKS = re.compile(r"\b(?:talks|negotiat\w+|agreement|deal|met|meets)\b", re.I)
# An article about tariffs: talks and deals count in it without the word "tariff".
_ARTICLE_TRADE = re.compile(r"\b(?:tariffs?|trade\s+(?:talks|deal|negotiations|war))\b", re.I)


@dataclass
class _Context:
    """What the article said so far: people, the last person and country, dated things."""

    anchor: pd.Timestamp
    people: dict = field(default_factory=dict)
    last_person: en.Mention | None = None
    last_country: en.Mention | None = None
    nouns: dict = field(default_factory=dict)  # noun -> (sentence_id, Date)
    last_court: str | None = None
    tariff_court: bool = False  # a court was named in a sentence about tariffs
    trade_article: bool = False
    day: pd.Timestamp | None = None  # the publication day, 00:00 UTC (naive): set on first use


# ---------------------------------------------------------------------------
# one sentence
# ---------------------------------------------------------------------------


def _dated_at(sent: str, dates: list[dt.Date]):
    def at(lo: int, hi: int, own: bool = False, before: bool = False) -> bool:
        for d in dates:
            if d.date is None or d.type not in ("DATE", "TIME"):
                continue
            if before:
                if lo <= d.start and d.end <= hi and re.fullmatch(r"(?:'s|’s)?\s*(?:[\w-]+\s+)?", sent[d.end:hi]):
                    return True
                continue
            if lo <= d.start < hi:
                if own and re.search(r"\b(?:since|after|before|ahead\s+of)\s+(?:the\s+)?$", sent[lo:d.start], re.I):
                    continue
                return True
        return False
    return at


def _sentence_events(sent: str, dates: list[dt.Date], ctx: _Context, sentence_id: int,
                     ents: list[en.Mention], courts: list[en.Mention]) -> list[dict]:
    nouns = en.tariff_nouns(sent, True if ents else None)
    rate_nouns = []
    if nouns:
        rate_nouns = list(en.RATE_NOUN_RE.finditer(sent))
        if rate_nouns:  # "interest rates" and the like are not tariff rates
            bad = [m.span() for m in lx.OTHER_RATES.finditer(sent)]
            rate_nouns = [m.span() for m in rate_nouns if not any(a <= m.start() < b for a, b in bad)]
    trade = bool(nouns) or bool(lx.TRADE_CUE.search(sent))
    relevant = trade or (ctx.trade_article and _TALKS.search(sent)) \
        or (ctx.tariff_court and bool(courts))
    if not relevant:
        _remember(sent, ents, ctx, dates, sentence_id, courts)
        return []
    spans = rd.clauses(sent)
    dated_at = _dated_at(sent, dates)
    trigs = rd.find_triggers(sent, nouns, rate_nouns, spans, trade, courts, ctx.tariff_court)
    if not trade:
        trigs = [t for t in trigs if t.action in ("negotiate", "agree", "court_ruling", "court_stay") or t.kind == "light"]
    trigs = rd.compose(sent, trigs, nouns, spans, dated_at)
    trigs.sort(key=lambda t: t.start)
    for t in trigs:
        t.clause = rd.clause_of(spans, t.anchor)
    trigs = [t for t in trigs if not (t.action == "retaliate" and re.match(r"retaliating|hitting\s+back|striking\s+back", sent[t.start:t.end], re.I)
                                       and re.search(r",\s+(?:swiftly\s+|quickly\s+)?$", sent[:t.start])
                                       and any(u.end <= t.start and u.action in ("impose", "raise") for u in trigs))]
    events: list[dict] = []
    prev: en.Mention | None = None
    for t in trigs:
        ev = _event(sent, t, trigs, spans, ents, courts, dates, ctx, prev)
        if ev[0]["actor"] is not None and ev[0]["actor"].kind != "court":
            prev = ev[0]["actor"]
        events.extend(ev)
    # "..., raising the total levy to 50%": the total of the event before
    for m in _TOTAL.finditer(sent):
        prior = [e for e in events if e["trig"].start < m.start()]
        if prior and prior[-1]["rate"][2] == "additional":
            extra, total = prior[-1]["rate"][1], en.number_value(m.group("r"))
            prior[-1]["rate"] = (total - extra, total, "from_to")
            events = [e for e in events if not (m.start() <= e["trig"].start < m.end())]
    events += _request_deadlines(sent, spans, dates, trigs, ents, ctx)
    rows = _finish(sent, events, ctx, sentence_id)
    if trade and courts:
        ctx.tariff_court = True
    _remember(sent, ents, ctx, dates, sentence_id, courts)
    return rows


def _event(sent, t: rd.Trigger, trigs, spans, ents, courts, dates, ctx: _Context, prev) -> list[dict]:
    """The slots of one trigger: one event, or one per rate when rates are listed per target."""
    ci = t.clause
    ca, cb = spans[ci]
    word = sent[t.start:t.end]
    action = t.action
    neg = rd.negated(sent, t, ca)
    hyp = rd.hypothetical(sent, t, spans)
    if hyp and action in ("impose", "raise", "retaliate", "resume") and rd.conditional_threat(sent, t, spans):
        action, hyp = "threaten", False
    actor = sl.actor(sent, t, ents, courts, spans, ctx, prev)
    nxt = min([u.anchor for u in trigs if u.anchor > t.end and u.clause == ci] + [cb])
    hi = max(nxt, t.complement_end or 0)
    pre_lo = max([u.end for u in trigs if u.end <= t.anchor and u.clause == ci] + [ca])
    if action == "impose" and (_RETALIATORY.search(sent, t.start, hi) or
                               re.search(r",\s+(?:swiftly\s+|quickly\s+)?(?:retaliating|hitting\s+back|striking\s+back)\b", sent[t.end:], re.I)):
        action = "retaliate"
    if action == "take_effect" and t.kind == "tv" and _RETALIATORY.search(sent, t.start, hi):
        action = "retaliate"  # "put into effect countermeasures"
    announced = bool(rd.MODAL_FUTURE.search(sent[max(ca, t.anchor - 40):t.start])) or action == "threaten"
    dres = dt.choose(sent, t, spans, dates, trigs, action, announced, sl.speaker_ok(sent))
    back = t.passive or t.kind in ("iv", "face") or action == "take_effect"
    products = [p for _, _, p in en.find_products(sent, t.end, hi)]
    if back or not products:
        products = [p for _, _, p in en.find_products(sent, pre_lo, t.start)] + products
    products = list(dict.fromkeys(products))
    if not products and (en.ALL_PRODUCTS_RE.search(sent, t.end, hi) or back and en.ALL_PRODUCTS_RE.search(sent, pre_lo, t.start)):
        products = ["all"]
    if t.kind == "face":
        subj = sl.actor(sent, rd.Trigger(t.start, t.end, action, "tv", t.anchor, ci), ents, courts, spans, ctx, None)
        group = sl.group(sent, ents, subj.end + 1) if subj is not None and subj.kind == "country" else []
        if re.search(r"\bthey\s+(?:\w+\s+){0,2}$", sent[ca:t.start], re.I):
            group = sl.group(sent, ents, t.start)
        targets = list(dict.fromkeys([e.country for e in group] or ([subj.country] if subj is not None and subj.country else [])))
        actor = next((e for e in ents if t.end <= e.start < hi and re.match(r"^\s*(?:[\w-]+\s+){0,3}?(?:tariffs?|dut|lev)",
                                                                            sent[e.end:e.end + 30], re.I)), None)
    else:
        targets = sl.targets(sent, t.end, hi, ents, actor, action, ca)
        if back:
            targets = sl.targets(sent, pre_lo, t.start, ents, actor, action, ca) + targets
        if t.passive and action == "exempt":
            targets = [e.country for e in ents if pre_lo <= e.start < t.start and e.country] + targets
        if action in ("agree", "negotiate") and actor is not None and actor.kind == "country":
            m = re.match(r"\s+and\s+(?:the\s+)?", sent[actor.end:actor.end + 10])
            partner = next((e for e in ents if m and e.start == actor.end + m.end()), None)
            if partner is not None and partner.country:
                targets.insert(0, partner.country)  # "Japan and the United States reached ..."
        targets = list(dict.fromkeys(x for x in targets if x != (actor.country if actor is not None else None)))
    if not targets and (en.ALL_COUNTRIES_RE.search(sent, t.end, hi) or back and en.ALL_COUNTRIES_RE.search(sent, pre_lo, t.start)):
        targets = ["all"]
    rates = sl.rates(sent, t.end, hi)
    if back or not rates or action in ("raise", "lower", "pause", "exempt", "resume"):
        rates = sl.rates(sent, pre_lo, t.start) + rates
    if not rates and back:
        rates = sl.rates(sent, ca, t.start)  # the subject before a participle: "The 25% tariff ..., announced Monday, will take effect"
    if action in ("court_ruling", "court_stay"):
        targets, products, rates = [], [], []  # a court rules on measures, not on goods
    base = dict(action=action, trigger=_trigger_text(sent, t), actor=actor, negated=neg, hypothetical=hyp,
                authority=sl.authority(sent, ca, cb), dres=dres, trig=t, products=products, targets=targets)
    groups = sl.split_by_rate(sent, rates, t.end, hi, ents, actor, action, ca)
    if not groups:
        return [{**base, "rate": sl.rate_values(action, word, rates)}]
    return [{**base, "rate": sl.rate_values(action, word, [r]), "products": p or products, "targets": g or targets}
            for r, p, g in groups]


def _trigger_text(sent: str, t: rd.Trigger) -> str:
    if t.anchor < t.start and t.start - t.anchor <= 80:
        return _SPACES.sub(" ", sent[t.anchor:t.end])
    return sent[t.start:t.end]


def _request_deadlines(sent, spans, dates, trigs, ents, ctx) -> list[dict]:
    """ "wants offers by Wednesday": a deadline on the date after "by" following a request."""
    out = []
    for d in dates:
        if d.date is None or d.type not in ("DATE", "TIME"):
            continue
        ci = rd.clause_of(spans, d.start)
        ca, _ = spans[ci]
        if dt._prep(sent, d, ca) != "by" or any(u.action == "deadline" and abs(u.start - d.end) < 20 for u in trigs):
            continue
        rq = list(_REQUEST.finditer(sent, ca, d.start))
        if not rq or any(ca <= u.start < d.start and u.action not in ("negotiate", "deadline") for u in trigs):
            continue
        t = rd.Trigger(rq[-1].start(), rq[-1].end(), "deadline", "xv", rq[-1].start(), clause=ci)
        res = dict.fromkeys(("when", "effective", "until", "duration", "by", "in", "reported"))
        res["by"] = d
        out.append(dict(action="deadline", trigger=sent[rq[-1].start():d.end], actor=sl.actor(sent, t, ents, [], spans, ctx, None),
                        negated=False, hypothetical=rd.hypothetical(sent, t, spans), authority=None, dres=res, trig=t,
                        products=[], targets=[], rate=(None, None, None)))
    return out


def _finish(sent: str, events: list[dict], ctx: _Context, sentence_id: int) -> list[dict]:
    """Dates to values, take_effect mentions from effective dates, rows."""
    rows = []
    day = ctx.day
    if day is None:
        day = ctx.day = ctx.anchor.tz_convert("UTC").tz_localize(None).normalize()
    has_effect = any(e["action"] == "take_effect" for e in events)
    for e in events:
        t: rd.Trigger = e["trig"]
        res, action = e["dres"], e["action"]
        when = res["when"]
        if action == "deadline":
            when = res["by"] or when or res["until"] or res["effective"] or dt.offset(res["in"], day)
            if when is None or when.date is None:
                continue  # a deadline without a date says nothing
        elif action in ("take_effect", "agree", "negotiate", "lower", "raise", "impose", "resume", "pause", "exempt") and when is None:
            when = res["by"] if action != "take_effect" else (res["effective"] or res["by"] or dt.offset(res["in"], day))
        if when is None and res["reported"] is not None:
            when = res["reported"]
        source = "sentence"
        if when is not None and when.date is not None:
            event_date, precision, date_text = when.date, when.precision, when.text
        else:
            noun = _context_date(sent, ctx, sentence_id)
            if noun is not None:
                event_date, precision, date_text, source = noun.date, noun.precision, noun.text, "context"
            else:
                event_date, precision, date_text, source = day, "published", None, "published"
        eff = res["effective"].date if res["effective"] is not None and action != "take_effect" else None
        until = res["until"].date if res["until"] is not None else None
        if until is None and res["duration"] is not None and action in ("pause", "exempt", "agree", "lower", "court_stay"):
            until = dt.plus(pd.Timestamp(event_date), res["duration"].duration)
        r_from, r_to, kind = e["rate"]
        actor: en.Mention | None = e["actor"]
        row = dict(
            sentence_id=sentence_id, trigger_start=t.start, trigger=e["trigger"], action=action,
            actor=actor.name if actor is not None else None,
            actor_country=(actor.country if actor.kind != "court" else "court") if actor is not None else None,
            target=", ".join(e["targets"]) or None, product=", ".join(e["products"]) or None,
            rate_from=r_from, rate_to=r_to, rate_kind=kind, authority=e["authority"],
            event_date=event_date, date_precision=precision, date_text=date_text, date_source=source,
            effective_date=eff, end_date=until, negated=e["negated"], hypothetical=e["hypothetical"],
        )
        rows.append(row)
        if eff is not None and not has_effect and action in ("impose", "raise", "lower", "resume", "retaliate") \
                and not e["negated"] and not e["hypothetical"]:
            d = res["effective"]
            rows.append({**row, "action": "take_effect", "trigger_start": d.start,
                         "trigger": sent[max(0, d.start - 12):d.end].strip(), "event_date": eff,
                         "date_precision": d.precision, "date_text": d.text, "date_source": "sentence",
                         "effective_date": None, "end_date": None})
    return rows


def _context_date(sent: str, ctx: _Context, sentence_id: int) -> dt.Date | None:
    """The date of a thing this sentence refers back to: "his speech", "the letter"."""
    for noun, (sid, d) in ctx.nouns.items():
        if sentence_id - sid <= 6 and re.search(
                r"\b(?:his|her|its|their|the|that|this)\s+(?:[\w-]+\s+)?" + re.escape(noun) + r"\b", sent, re.I):
            return d
    return None


def _remember(sent: str, ents, ctx: _Context, dates: list[dt.Date], sentence_id: int, courts=()) -> None:
    """Keep the article's last person, country and court and its dated nouns for later sentences."""
    named = [c.name for c in courts if c.name != "court"]
    if named:
        ctx.last_court = named[-1]
    people = [e for e in ents if e.kind == "person"]
    countries = [e for e in ents if e.kind == "country"]
    if people:
        ctx.last_person = people[-1]
    if countries:
        ctx.last_country = countries[0]
    day = [d for d in dates if d.date is not None and d.precision == "day" and d.type in ("DATE", "TIME")]
    if day:
        for m in _CONTEXT_NOUN.finditer(sent):
            ctx.nouns[m.group(0).lower()] = (sentence_id, day[0])


# ---------------------------------------------------------------------------
# articles
# ---------------------------------------------------------------------------


def _article_events(article_id: str, body: object, published: pd.Timestamp) -> list[dict]:
    if not isinstance(body, str) or not body.strip() or pd.isna(published):
        return []
    if not (en.TARIFF_RE.search(body) or lx.TRADE_CUE.search(body)):
        return []
    dates = dt.article_dates(body, published)
    # three mentions make a trade article: the scan stops at the third
    ctx = _Context(anchor=pd.Timestamp(published), trade_article=sum(1 for _ in itertools.islice(_ARTICLE_TRADE.finditer(body), 3)) >= 3)
    ents, courts = sl.entities(body)
    rows = []
    di = 0
    for sid, (s, e) in enumerate(split_sentences(body)):
        while di < len(dates) and dates[di].end <= s:
            di += 1
        sdates = []
        for d in dates[di:]:
            if d.start >= e:
                break
            if d.start >= s:
                sdates.append(d.shifted(s))
        for row in _sentence_events(body[s:e], sdates, ctx, sid, sl.within(ents, s, e), sl.within(courts, s, e)):
            row.update(article_id=article_id, start=s, end=e, sentence=body[s:e])
            rows.append(row)
    return rows


def tariff_events(articles: pd.DataFrame, *, include_flagged: bool = False) -> pd.DataFrame:
    """One row per tariff event mentioned in the articles' bodies.

    See the module docstring for the rules. Dates are resolved with
    ``newskit.dates.find_dates`` against each article's ``published_at``.

    Args:
        articles: the article table (``load_articles``) or any frame with
            ``article_id``, ``body`` and ``published_at`` (tz-aware or naive
            UTC). Articles without a body or a publication time give no rows.
        include_flagged: keep negated and hypothetical mentions (with
            ``negated``/``hypothetical`` set); by default they are dropped.

    Returns:
        A new DataFrame with the columns of :data:`EVENT_COLUMNS`
        (``newskit.schema.describe(EVENT_COLUMNS)`` explains each), in article
        and text order. The input is not modified.

    Raises:
        ValueError: a needed column is missing; the message lists those there are.
        TypeError: ``articles`` is not a DataFrame.

    Examples:
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a1"], "published_at": [pd.Timestamp("2025-06-02", tz="UTC")],
        ...     "body": ["Trump announced a surprise doubling of tariffs on steel and aluminum imports "
        ...              "from 25% to 50% on Friday. Japan did not retaliate with tariffs."]})
        >>> ev = tariff_events(arts)
        >>> ev[["action", "actor", "product", "rate_from", "rate_to"]].values.tolist()
        [['raise', 'Donald Trump', 'steel, aluminum', 25.0, 50.0]]
        >>> str(ev.loc[0, "event_date"].date()), ev.loc[0, "date_text"]
        ('2025-05-30', 'Friday')
        >>> tariff_events(arts, include_flagged=True)["negated"].tolist()
        [False, True]
    """
    if not isinstance(articles, pd.DataFrame):
        raise TypeError(f"tariff_events: expected a DataFrame; got {type(articles).__name__}")
    missing = [c for c in ("article_id", "body", "published_at") if c not in articles.columns]
    if missing:
        raise ValueError(f"tariff_events: columns {missing} not in DataFrame; available: {list(articles.columns)}")
    published = pd.to_datetime(articles["published_at"], utc=True)
    rows: list[dict] = []
    pub_of: dict[str, pd.Timestamp] = {}
    for aid, body, pub in zip(articles["article_id"].tolist(), articles["body"].tolist(), published.tolist()):
        if body is not None and not isinstance(body, str) and not pd.isna(body):
            raise TypeError(f"tariff_events: body of article {aid!r} is a {type(body).__name__}; expected text")
        pub_of[str(aid)] = pub
        for row in _article_events(str(aid), body, pub):
            rows.append(row)
    if not include_flagged:
        rows = [r for r in rows if not r["negated"] and not r["hypothetical"]]
    return _frame(rows, pub_of)


def events_in_text(text: str, published: object, *, include_flagged: bool = False) -> pd.DataFrame:
    """``tariff_events`` for one text: a sentence or a body, with its publication date.

    Args:
        text: the text to read.
        published: its publication date (anything ``pandas.Timestamp`` reads;
            naive values are UTC).
        include_flagged: keep negated and hypothetical mentions, flagged.

    Returns:
        The table of ``tariff_events`` with ``article_id`` "text".

    Examples:
        >>> ev = events_in_text("The Court of International Trade ruled on Wednesday that the tariffs "
        ...                     "imposed under IEEPA were unlawful.", "2025-05-29")
        >>> ev[["action", "actor", "authority"]].values.tolist()
        [['court_ruling', 'Court of International Trade', 'IEEPA']]
        >>> str(ev.loc[0, "event_date"].date())
        '2025-05-28'
    """
    arts = pd.DataFrame({"article_id": ["text"], "body": [text], "published_at": [pd.Timestamp(published)]})
    return tariff_events(arts, include_flagged=include_flagged)


def _utc(values: list) -> pd.Series:
    s = pd.to_datetime(pd.Series(values, dtype=object), utc=False)
    if getattr(s.dt, "tz", None) is None:
        s = s.dt.tz_localize("UTC")
    return s.astype(schema.UTC_TIME)


def _frame(rows: list[dict], pub_of: dict[str, pd.Timestamp]) -> pd.DataFrame:
    if not rows:
        return schema.empty(EVENT_COLUMNS)
    df = pd.DataFrame(rows)
    # article, sentence, trigger offset, and a count for a trigger's second and later events
    # (one per rate listed, or the take_effect of an effective date)
    ids, seen = [], {}
    for a, s, t in zip(df["article_id"], df["sentence_id"], df["trigger_start"]):
        key = f"{a}-{s}-{t}"
        seen[key] = seen.get(key, 0) + 1
        ids.append(key if seen[key] == 1 else f"{key}-{seen[key] - 1}")
    df["mention_id"] = ids
    df["published_at"] = [pub_of.get(a) for a in df["article_id"]]
    for col in ("event_date", "effective_date", "end_date"):
        df[col] = _utc([pd.NaT if v is None else v for v in df[col].tolist()])
    return schema.coerce(df.reset_index(drop=True), EVENT_COLUMNS)
