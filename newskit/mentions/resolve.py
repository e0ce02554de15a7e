"""One story's mentions: candidates, senses, story aliases, roles and metonyms.

``resolve_story`` turns a body into mentions in two rounds:

1. **Candidates.** The gazetteer's one-pass scan gives every alias with its
   senses; ``rules.find`` gives names no list holds. Each alias gets one sense:
   a sense whose required context is there ("the States"); else the sense of an
   entity the story *introduces* (names by an unambiguous strong alias: "Jim
   Jordan" makes a later "Jordan" him; one sense per discourse, Gale, Church &
   Yarowsky 1992); else the first strong sense; else a weak sense whose role
   fits a title before it ("President Lee"); else none. Senses whose ``avoid``
   words stand in the sentence are out ("Turkey" near "Thanksgiving"), and a
   surname that is a month after "in"/"since"/... or before a number is the
   month ("in May"). The longest candidate wins at each place; on a tie the
   gazetteer wins over a rule.
2. **Story aliases.** Names the story itself defines are searched for again:
   the surname of a person it names in full ("Jaco Kleynhans" -> "Kleynhans";
   the first word for East Asian names such as "Kim Yong-beom"), kept only when
   one person of the story has it; an acronym in parentheses after a name
   ("Constitutional Democratic Party of Japan (CDPJ)"; Schwartz & Hearst 2003),
   or a capitalised word run whose initials it spells; an all-capitals word that
   spells the initials of an organisation the story names; a company named with
   its suffix ("Kobe Steel Ltd.") by its name alone.

Then each mention gets its role (title words before a person: "Treasury
Secretary"; else a role phrase after a comma), its country kind (name,
adjective, demonym), and capitals their reading: a metonym for the government
when they act ("Tokyo and Washington should ...", "Beijing's retaliation",
"talks with Tokyo"), the city otherwise ("in Tokyo"). Datelines ("TOKYO (Kyodo)
--"), copyright lines, photo credits ("REUTERS/Name") and the story's own
authors are never mentions.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from newskit.mentions import context as cx
from newskit.mentions import lexicon as lx
from newskit.mentions import rules, trie
from newskit.mentions.gazetteer import Gazetteer, Sense, slugify
from newskit.sentences import split_sentences

_ACRONYM_DEF = re.compile(r"\((?P<acr>[A-Z][A-Za-z0-9&-]{1,11})\)")
_ALL_CAPS = re.compile(r"[A-Z][A-Z&]{1,7}(?![\w.&])")
_CREDIT = re.compile(r"\b[A-Z]{2,}(?:\s+Photo)?/\s*\Z|\b(?:Photo|photo|Credit|credit|Courtesy|courtesy)[:/]\s*\Z")
_BYLINE = re.compile(r"(?:\A|\n)\s*(?:By|BY)\s+\Z")
_PERSON_PREFIX = "person:"
_WORDS = re.compile(r"\w+")


@dataclass
class Cand:
    """A candidate mention (and, once chosen, a mention)."""

    start: int
    end: int
    entity_id: str | None
    name: str
    type: str
    how: str
    rank: float  # lower wins a tie of equal length
    kind: str | None = None
    role: str | None = None
    metonym: bool = False


def resolve_story(body: str, gaz: Gazetteer, authors: list[str] | tuple = (), spans: list[tuple[int, int]] | None = None) -> list[Cand]:
    """The mentions of one body, in text order (see the module docstring).

    Examples:
        >>> from newskit.mentions.gazetteer import load_gazetteer
        >>> ms = resolve_story("Tokyo and Washington should talk, Prime Minister Shigeru Ishiba said. "
        ...                    "Ishiba met Jaco Kleynhans, head of a group. Kleynhans left.", load_gazetteer())
        >>> [(m.entity_id, m.how, m.role, m.metonym) for m in ms][:4]
        [('country:JP', 'gazetteer', None, True), ('country:US', 'gazetteer', None, True), ('person:shigeru-ishiba', 'gazetteer', 'Prime Minister', False), ('person:shigeru-ishiba', 'gazetteer', None, False)]
        >>> [(m.name, m.how) for m in ms][4:]
        [('Jaco Kleynhans', 'apposition'), ('Jaco Kleynhans', 'surname')]
    """
    story = _Story(body, gaz, authors, spans)
    return story.run()


class _Story:
    def __init__(self, body: str, gaz: Gazetteer, authors, spans=None):
        self.body = body
        self.spans = spans
        self.gaz = gaz
        self.authors = {cx.fold(a) for a in authors if a}
        self.author_words = {w for a in self.authors for w in a.split()}
        self._sent_starts: list[int] | None = None
        self._sent_words: dict[int, set[str]] = {}

    # -- sentences -----------------------------------------------------------
    def sentence_spans(self):
        if self.spans is None:
            self.spans = split_sentences(self.body)
        return self.spans

    def sentence_words(self, pos: int) -> set[str]:
        if self._sent_starts is None:
            spans = self.sentence_spans()
            self._sent_starts = [s for s, _ in spans] or [0]
            self._sent_ends = [e for _, e in spans] or [len(self.body)]
        i = max(bisect.bisect_right(self._sent_starts, pos) - 1, 0)
        words = self._sent_words.get(i)
        if words is None:
            text = self.body[self._sent_starts[i]:self._sent_ends[i]]
            words = self._sent_words[i] = set(_WORDS.findall(text.lower()))
        return words

    # -- round 1 -------------------------------------------------------------
    def run(self) -> list[Cand]:
        body, gaz = self.body, self.gaz
        raw = gaz.scan(body)
        introduced = _introduced(raw, gaz)
        cands: list[Cand] = []
        for s, e, key in raw:
            c = self.gazetteer_cand(s, e, key, introduced)
            if c is not None:
                cands.append(c)
        cands.extend(self.cities(cands))
        gaz_spans = {(c.start, c.end) for c in cands}
        known = [(c.start, c.end, c.type == "person") for c in cands if c.how == "gazetteer"]
        for f in rules.find(body, gaz.senses, known):
            if f.type == "person" and self.is_author(f.name):
                continue
            c = Cand(f.start, f.end, None, f.name, f.type, f.how, 2.0, role=f.role)
            if (f.start, f.end) not in gaz_spans:
                cands.append(c)
        cands = _drop_country_prefixed(cands)
        chosen = _select(cands, len(body))
        self.name_discovered(chosen)
        extra = self.story_aliases(chosen)
        if extra:
            chosen = _select(chosen + extra, len(body))
            self.name_discovered(chosen)
        chosen = self.finish(chosen)
        return chosen

    def gazetteer_cand(self, s: int, e: int, key: str, introduced: set[str]) -> Cand | None:
        body = self.body
        senses = self.gaz.senses[key]
        if len(senses) == 1:
            sn = senses[0]
            if sn.strong and not sn.context and not sn.avoid:  # the common case: one plain sense
                ent = self.gaz.entities[sn.entity_id]
                if ent.type == "person" and self.authors and self.is_author(ent.name):
                    return None
                return Cand(s, e, ent.entity_id, ent.name, ent.type, "gazetteer", 0.0, kind=sn.kind)
        usable: list[Sense] = []
        for sn in senses:
            if sn.context and not cx.has_context(body, s, sn.context):
                continue
            if sn.avoid and sn.avoid & self.sentence_words(s):
                continue
            if not sn.strong and key in lx.MONTHS and cx.is_date(body, s, e):
                continue
            usable.append(sn)
        if not usable:
            return None
        sense = None
        with_context = [sn for sn in usable if sn.context]
        if with_context:
            sense = with_context[0]
            s = cx.context_start(body, s, sense.context)
        if sense is None and len(senses) > 1:
            states = [sn for sn in senses if self.gaz.entities[sn.entity_id].role == "U.S. state"]
            if states and (cx.after_place_comma(body, s) or cx.word_after(body, e) in lx.STATE_TITLES):
                sense = states[0]  # "Seattle, Washington"; "Georgia Gov. Brian Kemp"
        if sense is None:
            intro = [sn for sn in usable if sn.entity_id in introduced]
            if len({sn.entity_id for sn in intro}) > 1 and all(not sn.strong for sn in intro):
                return None  # two people of the story share this surname
            if intro:
                sense = intro[0]
                others = [sn for sn in usable if sn.strong and not sn.entity_id.startswith(_PERSON_PREFIX)]
                if sense.entity_id.startswith(_PERSON_PREFIX) and others and cx.word_before(body, s) in lx.LOCATIVES:
                    sense = others[0]  # "Rep. Jim Jordan visited Jordan"
        if sense is None:
            strong = [sn for sn in usable if sn.strong]
            if strong:
                sense = strong[0]
        if sense is None:
            title = cx.title_before(body, s)
            if title:
                fits = [sn for sn in usable if sn.entity_id.startswith(_PERSON_PREFIX)
                        and title.split()[-1].lower() in self.gaz.entities[sn.entity_id].role.lower()]
                if len(fits) == 1:
                    sense = fits[0]
        if sense is None:
            return None
        ent = self.gaz.entities[sense.entity_id]
        if ent.type == "person" and self.authors and self.is_author(ent.name):
            return None
        rank = 0.0 if sense.strong else 0.2
        return Cand(s, e, ent.entity_id, ent.name, ent.type, "gazetteer", rank, kind=sense.kind)

    def cities(self, cands: list[Cand]) -> list[Cand]:
        """Rule P, "City, State": an unknown capitalised name before ", <U.S. state or country>," is a place."""
        body, out = self.body, []
        for c in cands:
            if c.start < 3 or body[c.start - 2:c.start] != ", " or body[c.end:c.end + 1] not in (",", ".", ";", ":", ")", ""):
                continue
            if not (c.type == "country" and c.kind == "name" or self.gaz.entities[c.entity_id].role == "U.S. state"):
                continue
            toks = rules.tokens_before(body, c.start - 2, 3)
            if not toks:
                continue
            name = body[toks[0][0]:toks[-1][1]]
            if trie.normalize(name) in self.gaz.senses or any(body[a:b] in self.gaz.senses for a, b in toks):
                continue
            out.append(Cand(toks[0][0], toks[-1][1], None, " ".join(name.split()), "place", "place-head", 2.0))
        return out

    def is_author(self, name: str) -> bool:
        if not self.authors:
            return False
        folded = cx.fold(name)
        return folded in self.authors or (" " not in folded and folded in self.author_words)

    # -- naming and round 2 ----------------------------------------------------
    def name_discovered(self, chosen: list[Cand]) -> None:
        """Give rule candidates their ids; a lone surname joins the full name."""
        full: dict[str, set[str]] = {}
        for c in chosen:
            if c.type == "person" and " " in c.name:
                for sn in cx.surnames(c.name):
                    full.setdefault(sn, set()).add(c.entity_id or _PERSON_PREFIX + slugify(c.name))
        names = {c.entity_id: c.name for c in chosen if c.entity_id}
        for c in chosen:
            if c.entity_id is not None:
                continue
            if c.type == "person" and " " not in c.name and len(full.get(c.name, ())) == 1:
                eid = next(iter(full[c.name]))
                c.entity_id, c.name = eid, names.get(eid, c.name)
                continue
            known = [sn for sn in self.gaz.senses.get(trie.normalize(c.name), ())
                     if sn.strong and self.gaz.entities[sn.entity_id].type == c.type]
            if known:  # "Tokyo Electron Ltd.": a gazetteer company with its suffix
                ent = self.gaz.entities[known[0].entity_id]
                c.entity_id, c.name = ent.entity_id, ent.name
                continue
            prefix = {"organization": "org", "person": "person"}.get(c.type, c.type)
            c.entity_id = f"{prefix}:{slugify(c.name)}"
        # a full name found by a rule gives its canonical spelling to its id
        for c in chosen:
            if c.entity_id in names and c.how == "surname":
                c.name = names[c.entity_id]

    def story_aliases(self, chosen: list[Cand]) -> list[Cand]:
        body = self.body
        aliases: dict[str, tuple[Cand, str] | None] = {}

        def claim(alias: str, c: Cand, how: str) -> None:
            if alias in aliases and aliases[alias] is not None and aliases[alias][0].entity_id != c.entity_id:
                aliases[alias] = None  # two entities of the story: ambiguous
            elif alias not in aliases:
                aliases[alias] = (c, how)

        for c in chosen:
            if c.type == "person" and " " in c.name and c.how not in ("surname", "gazetteer"):
                # (a gazetteer person's surname is the gazetteer's business: its aliases)
                for sn in cx.surnames(c.name):
                    if sn not in lx.NOT_NAME and not self.is_author(sn):
                        claim(sn, c, "surname")
            elif c.type == "company" and c.how == "company-suffix":
                short = c.name
                if " " in short or short not in self.gaz.senses:
                    claim(short, c, "short-name")
        for m in _ACRONYM_DEF.finditer(body):
            acr = m["acr"]
            long = _long_form(chosen, body, m.start(), acr)
            if long is not None:
                claim(acr, long, "acronym")
            else:
                made = _make_long_form(body, m.start(), acr)
                if made is not None:
                    chosen.append(made)
                    self.name_discovered([made])
                    claim(acr, made, "acronym")
        initials: dict[str, list[Cand]] = {}
        for c in chosen:
            if c.type in ("organization", "company") and " " in c.name:
                initials.setdefault(cx.initials(c.name), []).append(c)
        usable = {a: v for a, v in aliases.items() if v is not None}
        taken = {(c.start, c.end) for c in chosen}
        extra: list[Cand] = []
        if usable:
            for s, e, alias in _occurrences(body, usable):
                c, how = usable[alias]
                if (s, e) == (c.start, c.end):
                    continue
                if how == "surname" and cx.word_before(body, s) in lx.LOCATIVES and body[s:e] in self.gaz.senses:
                    continue  # "visited Jordan": the country, not Mr. Jordan
                # a story's own alias beats the gazetteer's other senses of the same word
                # ("Michael Bloomberg ... Bloomberg said" is the man); one sense per discourse
                extra.append(Cand(s, e, c.entity_id, c.name, c.type, how, -0.1))
        for m in _ALL_CAPS.finditer(body):
            s, e = m.span()
            if (s and body[s - 1].isalnum()) or (s, e) in taken or m.group() in usable:
                continue
            owners = {c.entity_id: c for c in initials.get(m.group(), ())}
            if len(owners) == 1:
                c = next(iter(owners.values()))
                extra.append(Cand(s, e, c.entity_id, c.name, c.type, "acronym", 1.5))
        return extra

    # -- attributes and exclusions ---------------------------------------------
    def finish(self, chosen: list[Cand]) -> list[Cand]:
        body, gaz = self.body, self.gaz
        excluded = cx.excluded(body)
        chosen.sort(key=lambda c: c.start)
        out: list[Cand] = []
        absorbed: set[int] = set()
        for i, c in enumerate(chosen):
            if any(a <= c.start < b for a, b in excluded):
                continue
            if c.type == "person":
                if (self.is_author(c.name) or _CREDIT.search(body, max(0, c.start - 20), c.start)
                        or _BYLINE.search(body, max(0, c.start - 8), c.start)):
                    continue
                role, gone, added = self.left_role(c, chosen[:i])
                absorbed.update(id(x) for x in gone)
                out.extend(added)
                if role is None and c.end < len(body) and body[c.end] == ",":
                    role = rules.appositive_role(body, c.end)
                c.role = role if role is not None else (c.role if c.how == "apposition" else None)
            elif c.kind == "capital":
                ent = gaz.entities[c.entity_id]
                if cx.is_metonym(body, c.start, c.end, gaz):
                    country = gaz.entities[ent.capital_of]
                    c.entity_id, c.name, c.type, c.metonym = country.entity_id, country.name, "country", True
            if c.type == "country":
                c.kind = cx.country_kind(body, c.start, c.end, c.kind)
            else:
                c.kind = None
            out.append(c)
        out = [c for c in out if id(c) not in absorbed]
        out.sort(key=lambda c: c.start)
        return out

    def country_prefix(self, surface: str) -> tuple[int, Sense] | None:
        """The country alias that starts ``surface`` ("U.S." of "U.S. Treasury"): (its length, sense)."""
        words = surface.split(" ")
        for k in range(len(words) - 1, 0, -1):
            prefix = " ".join(words[:k])
            for sn in self.gaz.senses.get(trie.normalize(prefix), ()):
                if self.gaz.entities[sn.entity_id].type == "country" and not sn.context:
                    return len(prefix), sn
        return None

    def left_role(self, person: Cand, before: list[Cand]) -> tuple[str | None, list[Cand], list[Cand]]:
        """Title words right before a person ("Treasury Secretary").

        Returns the role (None when there is none), the candidates the role
        absorbs (an organisation alias made of title words: "U.S. Treasury" in
        "U.S. Treasury Secretary Scott Bessent") and the country mentions split
        off them ("U.S.").
        """
        body = self.body
        ends = {c.end: c for c in before[-4:]}
        pos, first = person.start, None
        words: list[str] = []
        absorbed: list[Cand] = []
        added: list[Cand] = []
        while True:
            j = pos
            while j > 0 and body[j - 1] in " \u00a0":
                j -= 1
            if j == pos:
                break
            i = j
            while i > 0 and not body[i - 1].isspace():
                i -= 1
            tok = body[i:j]
            ent = ends.get(j)
            if ent is not None and ent.type != "person":
                if ent.type == "country":
                    break
                surface = body[ent.start:ent.end]
                country = self.country_prefix(surface)
                rest = surface[country[0]:] if country else surface
                rest_words = rest.lower().split()
                if not rest_words or not all(w in lx.ROLE_WORDS for w in rest_words):
                    break
                absorbed.append(ent)
                words = rest_words + words
                first = ent.start + (len(surface) - len(rest.lstrip()))
                if country is not None:
                    e, sn = country
                    ctry = self.gaz.entities[sn.entity_id]
                    added.append(Cand(ent.start, ent.start + e, ctry.entity_id, ctry.name, "country", "gazetteer", 0.0,
                                      kind=cx.country_kind(body, ent.start, ent.start + e, sn.kind)))
                    break
                pos = ent.start
                continue
            if (tok.lower() in lx.ROLE_WORDS and not tok.isupper()) or tok in ("CEO", "CFO", "COO"):
                words.insert(0, tok.lower())
                first = pos = i
                continue
            break
        while words and words[0] in ("of", "the", "and", "for"):
            words.pop(0)
            first = body.index(" ", first) + 1
        if not words or not any(w in lx.ROLE_HEADS for w in words):
            return None, [], []
        return " ".join(body[first:person.start].split()), absorbed, added


def _occurrences(body: str, aliases) -> list[tuple[int, int, str]]:
    """Word-bounded occurrences of a few story aliases, longest first where they overlap (str.find: no pattern to compile)."""
    out = []
    for alias in sorted(aliases, key=len, reverse=True):
        n, i = len(alias), body.find(alias)
        while i >= 0:
            j = i + n
            if (i == 0 or not (body[i - 1].isalnum() or body[i - 1] == "_")) and (j == len(body) or not (body[j].isalnum() or body[j] == "_")):
                if not any(a < j and i < b for a, b, _ in out):
                    out.append((i, j, alias))
            i = body.find(alias, i + 1)
    return out


def _introduced(raw, gaz: Gazetteer) -> set[str]:
    """Entities named by an unambiguous strong alias somewhere in the story."""
    out: set[str] = set()
    for _, _, key in raw:
        strong = {sn.entity_id for sn in gaz.senses[key] if sn.strong and not sn.context}
        if len(strong) == 1 or (" " in key and strong):
            out |= strong
    return out


def _select(cands: list[Cand], n: int) -> list[Cand]:
    """Non-overlapping candidates, longest first; ties by rank, then position."""
    occupied = bytearray(n + 1)
    chosen = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.rank, c.start)):
        if occupied.find(1, c.start, c.end) != -1:
            continue
        occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _drop_country_prefixed(cands: list[Cand]) -> list[Cand]:
    """A rule's org that is a country plus a gazetteer org is those two ("U.S. Court of International Trade")."""
    gaz = [c for c in cands if c.how == "gazetteer"]
    ends: dict[int, list[Cand]] = {}
    for c in gaz:
        ends.setdefault(c.end, []).append(c)
    out = []
    for c in cands:
        if c.how in ("org-head", "company-suffix") and c.end in ends:
            inner = [g for g in ends[c.end] if g.start > c.start and g.type in ("organization", "company")]
            prefix = [g for g in gaz if c.start <= g.start and g.end <= min((x.start for x in inner), default=c.start) and g.type == "country"]
            if inner and prefix:
                continue
        out.append(c)
    return out


def _long_form(chosen: list[Cand], body: str, paren: int, acr: str) -> Cand | None:
    """The mention ending right before "(ACR)" whose words can spell the acronym."""
    end = len(body[:paren].rstrip())
    best = None
    for c in chosen:
        if c.end == end and c.type != "person" and cx.spells(body[c.start:c.end], acr):
            if best is None or c.start < best.start:
                best = c
    return best


def _make_long_form(body: str, paren: int, acr: str) -> Cand | None:
    """A capitalised run before "(ACR)" whose initials are the acronym: a new organisation."""
    toks = rules.tokens_before(body, len(body[:paren].rstrip()), len(acr) + 4, ok=lambda t: t[:1].isupper() or t in lx.NAME_FUNCTION_WORDS)
    for k in range(len(toks)):
        span = toks[k:]
        first = body[span[0][0]:span[0][1]]
        if first in lx.NAME_FUNCTION_WORDS or first in lx.LEAD_STOP:
            continue
        words = " ".join(body[a:b] for a, b in span)
        if cx.initials(words).upper() == acr.upper().replace("&", ""):
            typ = "company" if words.split()[-1] in lx.COMPANY_SUFFIXES else "organization"
            return Cand(span[0][0], span[-1][1], None, words, typ, "acronym", 1.0)
    return None
