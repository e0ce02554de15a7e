"""Names no gazetteer lists, found by their context: the documented rule set.

Each rule reads a capitalised name next to a cue and returns a candidate
mention; ``newskit.mentions.resolve`` then keeps the longest candidate at each
place (a gazetteer alias wins a tie). The cues come from ``lexicon`` (sources
there). A *name token* is a capitalised word ("Kleynhans", "Jae-myung",
"O'Brien", "Müller"), an initial ("J.", "C.C.") or "al-"/"el-" before one;
particles ("von der", "da", "bin") may join them inside a person's name.

T  title: a title, then one to four name tokens: "Prime Minister X Y",
   "minister X Y", "spokesperson X Y", "Mr. X" -> person.
A  apposition: two to four name tokens, a comma, then a role phrase: "Jaco
   Kleynhans, head of international liaison at ..." -> person, with the phrase
   as its role (a clause such as ", who ..." or ", becoming ..." is no role).
S  speech: two or three name tokens before a verb of saying ("X Y said"), after
   "according to", or before ", who" -> person.
G  given name: a known given name (``data/given_names.txt``) and one to three
   more name tokens: "Maria Lopez" -> person.
C  company: name tokens before a designator, "Corp.", "Inc.", "Co.", "Ltd.",
   "LLC", "PLC", "AG", "Holdings" ... ("Kobe Steel Ltd.") or ending in an
   industry word, "Robotics", "Electronics", "Shipping" ... ("Kumo Robotics")
   -> company; a person rule's name that ends in an industry word is a company
   too ("Acme Analytics said"). Not when the rest is a place ("India Inc.").
O  organisation head: name tokens before "Party", "Court", "Movement",
   "Agency", "Bank", "Council", "Ministry", "Commission" ... and/or an
   "of/for ..." tail after one: "Solidarity Movement", "Ministry of Economy,
   Trade and Industry" -> organization ("... Exchange" -> company).
P  place: name tokens before "Airport", "Prefecture", "Province", "River" ...,
   "Port of ..."; and an unknown name before ", <U.S. state or country>,"
   ("Chattanooga, Tennessee,"; in ``resolve``) -> place.
R  employer: the name after "chief executive of", "an analyst at", "owner of"
   ... in a role phrase after a comma -> company ("Severstal").
D  web name: a capitalised word ending in ".com" ("JD.com") -> company.

A sentence's first word is dropped from a company or organisation when it is
a verb or adverb form ("Injecting Nippon Steel's ..."). Words of
``lexicon.NOT_NAME`` (sentence starters, days, months, titles, designators)
never count as name tokens of a person, and a person rule never takes a name
that is wholly a gazetteer alias of something else.

Story aliases (surnames, acronyms, short company names) are made in
``newskit.mentions.resolve``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newskit.mentions import lexicon as lx
from newskit.mentions import trie
from newskit.sentences import SENTENCE_STARTERS

_U = f"[{trie.UPPER}]"
_L = r"[^\W\d_]"
_SP = r"[ \u00a0]+"
# One name token (see the module docstring); "People's" and "Workers'" only in
# organisation names.
NAME_TOKEN = rf"(?:{_U}\.(?:{_U}\.)*|(?:(?:al|el|Al|El)-)?{_U}{_L}*(?:['’]{_U}{_L}+)?(?:-{_L}+)*)"
_NAME_TOKEN = re.compile(NAME_TOKEN + r"\Z")
_ORG_TOKEN = re.compile(rf"(?:{NAME_TOKEN}|People['’]s|Workers['’]|&|[0-9]+[A-Za-z]*)\Z")
_INITIALS = re.compile(rf"(?:{_U}\.)+|Jr\.|Sr\.")
_DIGIT_NAME = re.compile(r"[0-9]+[A-Z][\w-]*")
_OPENERS = "\"'“‘(["
_SUFFIX_TAIL = re.compile(r",?[ \u00a0]+(?:Ltd\.|Inc\.|Co\.|LLC|Limited)(?!\w)")
_AFTER_HEAD = re.compile(r"[ \u00a0]+(?:International|Worldwide|Global)(?![\w'’])")
_TAIL = re.compile(rf"{_SP}(?:of|for|on){_SP}(?:the{_SP})?")
_APPOSITION = re.compile(
    r",[ \u00a0]+(?:(?:a|an|the|its|his|her|their)[ \u00a0]+)?(?:[\w'’-]+[ \u00a0]+){0,4}?"
    r"(?:" + "|".join(sorted((re.escape(h) for h in lx.ROLE_HEADS), key=len, reverse=True)) + r")(?![\w-])",
    re.IGNORECASE,
)
# Runs of two or more capitalised words, and the lower-case cues around them.
_CAP_RUN = re.compile(rf"{_U}[\w'’.&-]*(?:{_SP}(?:(?:{'|'.join(lx.PARTICLES)}){_SP})*{_U}[\w'’.&-]*)+")
_AFTER_CUE = re.compile(r"(?:[ \u00a0]+(?:" + "|".join(sorted(lx.SPEECH_VERBS)) + r")\b|(,[ \u00a0]+who\b))")
_LOWER_CUES = frozenset(t for t in lx.TITLES if t[:1].islower()) | {"according to"}


# Words that open a clause, not a role phrase, after "Name, ": the frequent
# sentence starters of newskit.sentences, less the determiners a role may take.
_NOT_ROLE_START = (SENTENCE_STARTERS - {"the", "a", "an", "his", "her", "its", "their", "our", "top", "former"}) | {
    "who", "whose", "which", "where", "when", "while", "said", "says", "told", "i", "you"}
# "..., chief executive of X", "..., an analyst at X", "..., owner of X": X is the employer.
_ROLE_OF = re.compile(
    r",[ \u00a0]+(?:(?:a|an|the|its|his|her|their)[ \u00a0]+)?(?:[\w'’-]+[ \u00a0]+){0,3}?(?:"
    + "|".join(sorted((re.escape(h) for h in lx.EMPLOYEE_HEADS), key=len, reverse=True))
    + r")[ \u00a0]+(?:of|at|for|with)[ \u00a0]+(?:the[ \u00a0]+)?(?=[A-Z])"
)
_LIST_SEP = re.compile(rf"(?:,{_SP}and{_SP}|,{_SP}|{_SP}and{_SP}|{_SP}&{_SP})")
_ROLE_END = re.compile(r"[,;:.!?)\"“”]|\s(?:who|which|that|said|says|told)\s")


def _cue_before(text: str, s: int) -> str | None:
    """The lower-case title or "according to" right before ``s`` (set lookups, no pattern)."""
    if not s or text[s - 1] not in " \u00a0":
        return None
    words = text[max(0, s - 40):s].split()
    for n in (3, 2, 1):
        if len(words) >= n:
            cue = " ".join(words[-n:])
            if cue in _LOWER_CUES:
                return cue
    return None


@dataclass
class Found:
    """A candidate from a rule: ``how`` is the rule, ``role`` a role it read."""

    start: int
    end: int
    type: str
    how: str
    name: str
    role: str | None = None


@functools.lru_cache(maxsize=65536)
def is_name_token(tok: str) -> bool:
    """A capitalised name word, not a title, a day or a sentence starter."""
    if tok in lx.NOT_NAME or not _NAME_TOKEN.match(tok):
        return False
    if "-" in tok and tok.rsplit("-", 1)[1].lower() in lx.MODIFIER_SUFFIXES:
        return False  # "Tokyo-based"
    return True


def tokens_before(text: str, pos: int, limit: int, ok=is_name_token) -> list[tuple[int, int]]:
    """The name tokens that end right before ``pos`` (spaces only between), in order.

    The text before ``pos`` is split once on spaces (in C) and walked back from
    the end, rather than read a character at a time.
    """
    lo = max(0, pos - 32 * (limit + 1))
    parts = text[lo:pos].replace("\u00a0", " ").split(" ")
    out: list[tuple[int, int]] = []
    cur = pos
    k = len(parts) - 1
    while k >= 0 and not parts[k] and not out:  # spaces right before pos
        cur -= 1
        k -= 1
    while k >= 0 and len(out) < limit:
        tok = parts[k]
        start = cur - len(tok)
        if not tok:
            break  # two spaces: the name ended
        if k == 0 and lo > 0 and not text[lo - 1].isspace():
            break  # the window cut this word
        stop = False
        if not tok.isprintable():  # a line break or tab inside: the token starts after it
            cut = max(tok.rfind(c) for c in "\n\r\t\x0b\x0c\u2028")
            tok, start, stop = tok[cut + 1:], start + cut + 1, True
            if not tok:
                break
        opened = tok.lstrip(_OPENERS)
        if opened != tok:  # '"External Revenue Service"': the quote opens the name
            if opened and ok(opened):
                out.append((cur - len(opened), cur))
            break
        if not ok(tok):
            if not (tok in lx.PARTICLES and out):  # "von der" inside a name
                break
        out.append((start, cur))
        if stop:
            break
        cur = start - 1
        k -= 1
    while out and text[out[-1][0]:out[-1][1]] in lx.PARTICLES:
        out.pop()
    return out[::-1]


def tokens_after(text: str, pos: int, limit: int, ok=is_name_token) -> list[tuple[int, int]]:
    """The name tokens that start at ``pos`` (after spaces), particles allowed inside.

    Trailing punctuation ends the name after its token ("Kleynhans," "Ishiba.");
    the text after ``pos`` is split once on spaces, as in ``tokens_before``.
    """
    hi = pos + 32 * (limit + 1)
    parts = text[pos:hi].replace("\u00a0", " ").split(" ")
    out: list[tuple[int, int]] = []
    pending: list[tuple[int, int]] = []
    cur = pos
    last = len(parts) - 1
    for k, tok in enumerate(parts):
        if len(out) >= limit:
            break
        start = cur
        cur += len(tok) + 1
        if not tok:
            if out or pending:
                break  # two spaces: the name ended
            continue
        if k == last and hi < len(text) and not text[hi].isspace():
            break  # the window cut this word
        stop = False
        if not tok.isprintable():  # a line break inside: the name ends there
            cut = min(i for i in (tok.find(c) for c in "\n\r\t\x0b\x0c\u2028") if i >= 0)
            tok, stop = tok[:cut], True
        core = tok.rstrip(",;:!?)\"”’'")
        if core.endswith(".") and not _INITIALS.fullmatch(core):
            core = core[:-1]
        if not core:
            break
        if core in lx.PARTICLES and out:
            pending.append((start, start + len(core)))
            continue
        if not ok(core):
            break
        out.extend(pending)
        pending = []
        out.append((start, start + len(core)))
        if stop or len(core) != len(tok):
            break
    return out


def _person(text: str, toks: list[tuple[int, int]], how: str, role: str | None = None) -> Found | None:
    s, e = toks[0][0], toks[-1][1]
    words = [text[a:b] for a, b in toks]
    name = " ".join(words)
    if len(words) >= 2 and words[-1] in lx.CORPORATE_WORDS:
        return Found(s, e, "company", "company-suffix", name)  # "Acme Analytics said"
    return Found(s, e, "person", how, name, role)


def find(text: str, gaz_aliases, known: list[tuple[int, int, bool]] = ()) -> list[Found]:
    """Every rule's candidates in ``text``, in no particular order.

    Two passes: the trie of capitalised cue words (titles, given names,
    designators, heads), and the runs of two or more capitalised words, whose
    neighbours carry the lower-case cues (a verb of saying after, ", who" or a
    role phrase after a comma, a lower-case title or "according to" before).
    Lower-case cues are not scanned for themselves: a pattern whose first
    character may be lower case is tried at most positions of the text
    (measured: 16 MB/s against 64 MB/s for the capitalised cues alone).

    Args:
        text: an article body.
        gaz_aliases: the gazetteer's alias -> senses mapping (a person rule
            does not take a name that is wholly an alias of something else).
        known: the gazetteer's matches, ``(start, end, is_person)``: a cue
            inside one is not read ("Steel" in "Nippon Steel", "Donald" in
            "Donald Trump"), since the longer gazetteer name would win anyway;
            a title is always read (its name follows it).

    Examples:
        >>> from newskit.mentions.gazetteer import load_gazetteer
        >>> found = find("Nine people arrived, said Jaco Kleynhans, head of the Solidarity Movement.", load_gazetteer().senses)
        >>> sorted((f.name, f.type, f.how) for f in found)
        [('Jaco Kleynhans', 'person', 'apposition'), ('Solidarity Movement', 'organization', 'org-head')]
    """
    out: list[Found] = []
    inside = bytearray(len(text) + 1)  # 1 strictly inside a gazetteer match (not at its first character)
    person_at: dict[int, int] = {}
    ends_at: dict[int, int] = {}
    for a, b, is_person in known:
        inside[a + 1:b] = b"\x01" * (b - a - 1)
        ends_at[a] = b
        if is_person:
            person_at[a] = b
    for s, e in trie.scan(_triggers(), text):
        word = trie.normalize(text[s:e])
        for kind in _TRIGGER_KINDS.get(word, ()):
            if kind != "title" and (inside[s] or (kind == "given" and s in person_at)):
                continue
            f = _RULES[kind](text, s, e, word, gaz_aliases)
            if f is not None:
                out.append(f)
    for m in _CAP_RUN.finditer(text):
        s, e = m.span()
        if s and not text[s - 1].isspace() and text[s - 1] not in "\"'“‘(":
            continue
        if ends_at.get(s, -1) >= e:
            continue  # the whole run is one gazetteer name
        f = None
        cue = _AFTER_CUE.match(text, e)
        if cue is not None:
            f = _rule_who(text, e, e, "", gaz_aliases) if cue.group(1) is None else _rule_speech(text, e, e, "", gaz_aliases)
        elif text.startswith(",", e):
            f = _apposition(text, e, gaz_aliases)
            org = _role_org(text, e, gaz_aliases)
            if org is not None:
                out.append(org)
        if f is None:
            cueword = _cue_before(text, s)
            if cueword is not None:
                toks = tokens_after(text, s, 4)
                if len(toks) >= 2 and _not_other_alias(text, toks, gaz_aliases):
                    f = _person(text, toks, "speech" if cueword == "according to" else "title",
                                None if cueword == "according to" else cueword)
        if f is not None:
            out.append(f)
    if ".com" in text:
        out.extend(_dot_com(text))
    return out


def _role_org(text: str, comma: int, gaz) -> Found | None:
    """Rule R: the employer in a role phrase ("X, chief executive of Severstal," -> company)."""
    m = _ROLE_OF.match(text, comma)
    if m is None:
        return None
    toks = _cut(text, tokens_after(text, m.end(), 5, ok=_org_token))
    while toks and text[toks[-1][0]:toks[-1][1]] in ("&", "and"):
        toks = toks[:-1]
    if not toks:
        return None
    words = [text[a:b] for a, b in toks]
    if trie.normalize(" ".join(words)) in gaz or any(w in lx.ORG_HEADS or w in lx.COMPANY_SUFFIXES or w in lx.PLACE_HEADS for w in words):
        return None  # a known name, or one the other rules read
    if len(words) == 1 and trie.normalize(words[0]) in gaz:
        return None
    return Found(toks[0][0], toks[-1][1], "company", "role-of", " ".join(words))


def _dot_com(text: str) -> list[Found]:
    """Rule D: a capitalised web name ("JD.com") is a company."""
    out = []
    i = text.find(".com")
    while i >= 0:
        j = i + 4
        if j == len(text) or not (text[j].isalnum() or text[j] == "_"):
            k = i
            while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "-_"):
                k -= 1
            if k < i and text[k].isupper() and (k == 0 or text[k - 1] in " \u00a0(\"“'‘"):
                out.append(Found(k, j, "company", "role-of", text[k:j]))
        i = text.find(".com", j)
    return out


def _not_other_alias(text: str, toks, gaz_aliases) -> bool:
    """False when the tokens are wholly a gazetteer alias of a non-person."""
    key = trie.normalize(text[toks[0][0]:toks[-1][1]])
    senses = gaz_aliases.get(key)
    return not senses or any(s.entity_id.startswith("person:") for s in senses)


def _rule_title(text, s, e, word, gaz):
    toks = tokens_after(text, e, 4)
    if not toks or toks[0][0] == e:
        return None
    if not _not_other_alias(text, toks, gaz):
        return None
    if len(toks) >= 2 and all(text[a:b].isupper() for a, b in toks):
        return None
    return _person(text, toks, "title", None if word in lx.HONORIFICS else word)


def _rule_speech(text, s, e, word, gaz):
    if word == "According to":
        toks = tokens_after(text, e, 3)
    else:
        toks = tokens_before(text, s, 3)
    if len(toks) < 2 or not _not_other_alias(text, toks, gaz):
        return None
    if any(trie.normalize(text[a:b]) in gaz and not _person_alias(gaz, text[a:b]) for a, b in toks[:1]):
        return None  # "Nippon Steel said" has a gazetteer word first
    return _person(text, toks, "speech")


def _rule_who(text, s, e, word, gaz):
    toks = tokens_before(text, s, 3)
    if len(toks) < 2 or not _not_other_alias(text, toks, gaz):
        return None
    if any(trie.normalize(text[a:b]) in gaz and not _person_alias(gaz, text[a:b]) for a, b in toks):
        return None
    return _person(text, toks, "speech")


def _person_alias(gaz, tok: str) -> bool:
    return any(x.entity_id.startswith("person:") for x in gaz.get(trie.normalize(tok), ()))


def _rule_given(text, s, e, word, gaz):
    toks = tokens_after(text, s, 4)
    if len(toks) < 2 or toks[0] != (s, e) or not _not_other_alias(text, toks, gaz):
        return None
    return _person(text, toks, "given-name")


def _rule_company(text, s, e, word, gaz):
    toks = tokens_before(text, s, 5, ok=_company_token)
    toks = _strip_opening(text, toks)
    while toks and text[toks[0][0]:toks[0][1]] in lx.LEAD_STOP:
        toks = toks[1:]
    if not toks or text[toks[0][0]:toks[0][1]] == "&":
        return None
    lead = trie.normalize(text[toks[0][0]:toks[-1][1]])
    if word in ("Inc.", "AG", "SA", "SE") and any(
            sn.entity_id.startswith(("country:", "place:", "person:")) for sn in gaz.get(lead, ())):
        return None  # "India Inc." (corporate India), "Texas AG" (its attorney general); "China Airlines" is a firm
    end = e
    m = _SUFFIX_TAIL.match(text, e)
    if m and word not in ("Ltd.", "Limited"):
        end = m.end()
    name = text[toks[0][0]:(e if word in lx.CORPORATE_WORDS else toks[-1][1])]
    return Found(toks[0][0], end, "company", "company-suffix", " ".join(name.split()))


@functools.lru_cache(maxsize=65536)
def _company_token(tok: str) -> bool:
    if tok == "&" or _DIGIT_NAME.fullmatch(tok):
        return True  # "Procter & Gamble", "3M"
    if tok in lx.COMPANY_SUFFIXES or tok in lx.LEAD_STOP:
        return False
    return _org_token(tok)


def _org_left_token(tok: str) -> bool:
    return tok == "and" or _org_token(tok)


@functools.lru_cache(maxsize=65536)
def _org_token(tok: str) -> bool:
    if _ORG_TOKEN.match(tok) is None:
        return False
    if "-" in tok and tok.rsplit("-", 1)[1].lower() in lx.MODIFIER_SUFFIXES:
        return False
    return tok not in lx.DAYS and tok not in (lx.MONTHS - {"May"})


def _rule_org(text, s, e, word, gaz, *, type_: str = "organization", how: str = "org-head"):
    left = tokens_before(text, s, 6, ok=_org_left_token)
    for k, (a, b) in enumerate(left):
        if text[a:b] == "and" and k and trie.normalize(text[left[0][0]:left[k - 1][1]]) in gaz:
            left = left[k + 1:]  # "Trump and European Commission": two names, not one
            break
    left = _strip_opening(text, left)
    while left and (text[left[0][0]:left[0][1]] in lx.LEAD_STOP or text[left[0][0]:left[0][1]] in ("&", "and")):
        left = left[1:]
    if left and word in ("Administration", "Cabinet", "Office", "Campaign"):
        mod = trie.normalize(text[left[0][0]:left[-1][1]])
        if any(sn.entity_id.startswith("person:") for sn in gaz.get(mod, ())):
            return None  # "the Trump Administration" is Trump's, not a body named after him
    end = e
    after = _AFTER_HEAD.match(text, e)
    if after:  # "Amnesty International", "Cotton Council International"
        e = end = after.end()
    tail = _TAIL.match(text, e)
    if tail:
        toks = _cut(text, tokens_after(text, tail.end(), 6, ok=_org_token))
        if toks:
            end = toks[-1][1]
        # "Ministry of Economy, Trade and Industry": a list closed by "and"
        items = list(toks)
        while items:
            m = _LIST_SEP.match(text, items[-1][1])
            more = _cut(text, tokens_after(text, m.end(), 3, ok=_org_token)) if m else []
            if not more:
                break
            items += more
            if "and" in m.group() or "&" in m.group():
                end = items[-1][1]
                break
    if not left and end == e:
        return None
    if word == "Exchange":
        type_ = "company"
    start = left[0][0] if left else s
    return Found(start, end, type_, how, " ".join(text[start:end].split()))


def _strip_opening(text: str, toks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop a sentence's first word when it is a verb or adverb form ("Injecting Nippon Steel's ...")."""
    if len(toks) > 1:
        a, b = toks[0]
        word = text[a:b]
        before = text[:a].rstrip(" \u00a0\"“'‘")
        if (not before or before[-1] in ".!?\n:;") and word.lower().endswith(("ing", "ed", "ly")):
            return toks[1:]
    return toks


def _cut(text, toks):
    """Tokens up to the first that is a title, a day, or a sentence starter."""
    out = []
    for a, b in toks:
        tok = text[a:b]
        if tok in lx.TAIL_STOP or tok[:1].islower() and tok not in lx.PARTICLES:
            break
        out.append((a, b))
    return out


def _rule_place(text, s, e, word, gaz):
    f = _rule_org(text, s, e, word, gaz, type_="place", how="place-head")
    if f is not None and word == "Port" and f.end == e:
        return None
    return f


def _apposition(text: str, comma: int, gaz) -> Found | None:
    toks = tokens_before(text, comma, 4)
    if len(toks) < 2 or not _not_other_alias(text, toks, gaz):
        return None
    if any(trie.normalize(text[a:b]) in gaz and not _person_alias(gaz, text[a:b]) for a, b in toks):
        return None
    role = appositive_role(text, comma)
    if role is None:
        return None
    return _person(text, toks, "apposition", role)


def appositive_role(text: str, pos: int) -> str | None:
    """The role phrase after the comma at ``pos`` (", head of ..."), or None.

    Examples:
        >>> appositive_role("Ryosei Akazawa, minister in charge of economic revitalization, held talks", 14)
        'minister in charge of economic revitalization'
    """
    m = _APPOSITION.match(text, pos)
    if m is None:
        return None
    rest = text[m.start() + 1: m.start() + 160]
    cut = _ROLE_END.search(rest, m.end() - m.start() - 1)
    phrase = rest[: cut.start() if cut else len(rest)].strip()
    words = phrase.split()
    while words and words[0].lower() in ("a", "an", "the", "its", "his", "her", "their"):
        words = words[1:]
    if words and (words[0].lower() in _NOT_ROLE_START
                  or (words[0].lower().endswith(("ing", "ed")) and words[0].lower() not in lx.ROLE_WORDS)):
        return None  # a relative clause or a new clause ("becoming the first ..."), not a role
    if not words or len(words) > 14 or (words[0][:1].isupper() and words[0].lower() not in lx.ROLE_WORDS
                                         and not words[0].endswith(("'s", "’s"))):
        return None
    return " ".join(words)


_RULES = {
    "title": _rule_title,
    "speech": _rule_speech,
    "who": _rule_who,
    "given": _rule_given,
    "company": _rule_company,
    "org": _rule_org,
    "place": _rule_place,
}
_TRIGGER_KINDS: dict[str, tuple[str, ...]] = {}


def _triggers():
    """The one trie pattern of every cue word (built on first use)."""
    global _PATTERN
    if _PATTERN is None:
        kinds: dict[str, list[str]] = {}
        for words, kind in (
            (lx.TITLES, "title"), ({"According to"}, "speech"), (lx.given_names(), "given"),
            (lx.COMPANY_SUFFIXES | lx.CORPORATE_WORDS, "company"), (lx.ORG_HEADS, "org"), (lx.PLACE_HEADS, "place"),
        ):
            for w in words:
                if w[:1].isupper():
                    kinds.setdefault(w, []).append(kind)
        _TRIGGER_KINDS.update({k: tuple(v) for k, v in kinds.items()})
        _PATTERN = trie.compile_names(kinds)
    return _PATTERN


_PATTERN = None
