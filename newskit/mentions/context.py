"""Context rules for a mention: what the words around it say it is.

Pure functions of a body and offsets, used by ``newskit.mentions.resolve``:
the word before or after a span, required context ("the States"), months
("in May"), "City, State", a title before a name, capitals as governments
(metonymy), a country adjective or demonym, surnames, initials and
acronyms, and the spans that are credits rather than prose.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

from newskit.load.credits import DATELINE
from newskit.mentions import lexicon as lx
from newskit.mentions import trie

if TYPE_CHECKING:
    from newskit.mentions.gazetteer import Gazetteer

# Common family names of China, Korea and Vietnam, written first ("Kim Yong-beom"
# is Mr. Kim): the most frequent surnames by census (China NBS 2020, Statistics
# Korea 2015, Vietnam's Le Trung Hoa 2005 survey), as news romanises them.
EAST_ASIAN_SURNAMES = frozenset(
    """Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Zheng Liang Xie Song Tang Han
    Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Lu Ding Ren Shen Yao Lu Jiang Fu Zhong
    Kim Lee Yi Park Pak Choi Choe Jung Jeong Chung Kang Cho Jo Yoon Yun Jang Chang Lim Im Oh Seo Shin Kwon Hwang Ahn
    Yoo Ryu Hong Jeon Ko Moon Yang Son Bae Baek Heo Nam Noh Roh Ha Kwak Sung Cha Koo Woo Min Ra Yeo
    Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly""".split()
)
_WORD_BEFORE = re.compile(r"([\w'’.-]+)[\s\u00a0]*\Z")
_WORD_AFTER = re.compile(r"[\s\u00a0]*([\w'’.-]+)")
# Reuters/AP sign-offs: "(Reporting by X; Editing by Y)", "X contributed to this report."
_SIGN_OFF = re.compile(
    r"\((?:Additional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Ff]act-checking)[^()\n]*\)"
    r"|(?:^|(?<=[\n.!?] ))(?:Additional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting) by [^\n]*"
)
_CONTRIBUTED = re.compile(r"contributed (?:to )?this report\.?")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|Copyright\s+(?:©\s*)?\d{4})[^\n]*", re.IGNORECASE)
_PLACE_COMMA = re.compile(rf"[{trie.UPPER}][a-z]+,[ \u00a0]+\Z")
_POSSESSIVE = re.compile(r"['’]s\b")
_AND = re.compile(r"[ \u00a0]+and[ \u00a0]+")
_BETWEEN = re.compile(r"(?:^|\W)(between|and)[ \u00a0]+\Z")
_LINE_START = re.compile(r"\n[ \t]*")


def has_context(body: str, s: int, context: str) -> bool:
    """The required lower-case words ("the", "von der", "el-") stand right before ``s``."""
    if context.endswith("-"):
        return body[max(0, s - len(context)):s].lower() == context and (s == len(context) or not body[s - len(context) - 1].isalnum())
    head = body[max(0, s - len(context) - 3):s]
    m = re.search(r"(?:^|(?<=\W))" + r"\s+".join(map(re.escape, context.split())) + r"\s+\Z", head, re.IGNORECASE)
    return m is not None


def context_start(body: str, s: int, context: str) -> int:
    """Where the required context before ``s`` starts (the mention's span takes it in)."""
    if context.endswith("-"):
        return s - len(context)
    head = body[max(0, s - len(context) - 3):s]
    m = re.search(r"\s+".join(map(re.escape, context.split())) + r"\s+\Z", head, re.IGNORECASE)
    return s - (len(head) - m.start())


def word_before(body: str, s: int) -> str:
    """The word right before ``s``, lower case ("" at the start)."""
    m = _WORD_BEFORE.search(body, max(0, s - 40), s)
    return m.group(1).lower() if m else ""


def word_after(body: str, e: int) -> str:
    """The word right after ``e``, as written."""
    m = _WORD_AFTER.match(body, e)
    return m.group(1) if m else ""


def is_date(body: str, s: int, e: int) -> bool:
    """'May' the month: after in/since/by/... or before a day or year."""
    nxt = word_after(body, e)
    return word_before(body, s) in lx.TEMPORAL or nxt[:1].isdigit() or body[e:e + 1] == ","


def after_place_comma(body: str, s: int) -> bool:
    """'Seattle, Washington', 'Atlanta, Georgia': a state after a city."""
    return _PLACE_COMMA.search(body, max(0, s - 30), s) is not None


def title_before(body: str, s: int) -> str | None:
    """The title of ``lexicon.TITLES`` (up to three words) right before ``s``, or None."""
    words = body[max(0, s - 40):s].split()
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(words[-n:]) in lx.TITLES:
            return " ".join(words[-n:])
    return None


def is_metonym(body: str, s: int, e: int, gaz: Gazetteer) -> bool:
    """A capital acting as its government, from the words around it.

    Yes: subject of a verb of saying or acting ("Beijing retaliated", "Jakarta
    would buy"), coordinated with another capital or country that acts
    ("Tokyo and Washington should"), after "between", after a verb or
    preposition of pressure ("asked Washington", "against Beijing"), a
    possessive before a policy noun ("Beijing's response"), after "talks
    with" / "pressure from". No: after a locative ("in Tokyo", "to Seoul") or
    as a state after a city ("Seattle, Washington"). Cues: ``lexicon``.
    """
    prev = word_before(body, s)
    rest = body[e:e + 60]
    if _POSSESSIVE.match(rest):
        return word_after(body, e + 2).lower() in lx.POLICY_NOUNS
    nxt = word_after(body, e).lower()
    if prev in ("with", "from"):
        before = word_before(body, s - len(prev) - 1)
        return before in lx.RELATION_NOUNS
    if prev == "between" or prev in lx.OBJECT_CUES:
        return True
    if prev in lx.LOCATIVES or after_place_comma(body, s):
        return False
    if nxt in lx.GOV_VERBS:
        return True
    # coordination: "Tokyo and Washington should", "between Beijing and Washington"
    m = _AND.match(rest)
    if m:
        other = [x for x in gaz.scan(rest[m.end():m.end() + 40]) if x[0] == 0]
        if other:
            after = word_after(rest, m.end() + other[0][1]).lower()
            return after in lx.GOV_VERBS
    m = _BETWEEN.search(body[max(0, s - 60):s])
    if m:
        head = body[max(0, s - 60):s][:m.start(1)]
        other = gaz.scan(head)
        if other and other[-1][1] >= len(head.rstrip()) - 1:
            lead = word_before(head, other[-1][0])
            return m.group(1) == "between" or lead == "between" or nxt in lx.GOV_VERBS
    return False


def country_kind(body: str, s: int, e: int, kind: str | None) -> str:
    """name, capital, demonym ("Americans", "the Japanese,") or adjective ("Japanese steel")."""
    if kind in ("name", "demonym", "capital"):
        return kind
    if kind != "adjective":
        return "name"
    nxt = body[e:e + 1]
    word = word_after(body, e).lower()
    if not nxt or not nxt.isspace() or not word:
        return "demonym"  # "the Japanese," "Chinese."
    if word_before(body, s) == "the" and word in ("said", "say", "says", "are", "were", "have", "had", "will", "would", "who", "themselves"):
        return "demonym"
    return "adjective"


@functools.lru_cache(maxsize=4096)
def surnames(name: str) -> list[str]:
    """The surnames a story may use alone for a full name."""
    words = [w for w in name.split() if w not in ("Jr.", "Jr", "Sr.", "II", "III")]
    if len(words) < 2:
        return []
    if words[0] in EAST_ASIAN_SURNAMES and (len(words) == 3 or "-" in words[1] or words[-1] not in lx.given_names()):
        return [words[0]]
    if words[-1][:1].islower():
        return []
    i = len(words) - 1
    while i > 0 and words[i - 1] in lx.PARTICLES:  # "von der Leyen": keep the particles
        i -= 1
    return [" ".join(words[i:])] if i == len(words) - 1 else [" ".join(words[i:]), words[-1]]


def initials(name: str) -> str:
    """The initials of a name's capitalised words, function words skipped: "CDPJ"."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in lx.NAME_FUNCTION_WORDS and w[:1].isupper())


def spells(long: str, acr: str) -> bool:
    """Schwartz & Hearst (2003): the short form's letters in order in the long form, the first at a word start."""
    letters = [ch.lower() for ch in acr if ch.isalnum()]
    text = long.lower()
    if not letters or not text or text[0] != letters[0]:
        return False
    i = len(text) - 1
    for ch in reversed(letters):
        while i >= 0 and text[i] != ch:
            i -= 1
        if i < 0:
            return False
        i -= 1
    return True


def excluded(body: str) -> list[tuple[int, int]]:
    """Spans that are credits, not prose: datelines, copyright lines, wire sign-offs.

    Examples:
        >>> body = "TOKYO (Kyodo) -- Japan said so. (Reporting by Kaori Kaneko; Editing by Jane Smith)"
        >>> [body[a:b] for a, b in excluded(body)]
        ['(Reporting by Kaori Kaneko; Editing by Jane Smith)', 'TOKYO (Kyodo) -- ']
    """
    out = [m.span() for m in _COPYRIGHT.finditer(body)]
    if "eporting" in body or "diting" in body or "riting" in body:
        out += [m.span() for m in _SIGN_OFF.finditer(body)]
    for m in _CONTRIBUTED.finditer(body):  # "X contributed to this report.": from its sentence's start
        start = max(body.rfind(c, 0, m.start()) for c in ".!?\n") + 1
        out.append((start, m.end()))
    starts = [0] + [m.end() for m in _LINE_START.finditer(body)]
    for i in starts:
        if body[i:i + 1].isupper():
            d = DATELINE.match(body, i)
            if d:
                out.append(d.span())
    return out


@functools.lru_cache(maxsize=4096)
def fold(name: str) -> str:
    """A name in lower-case ASCII without periods, to compare with authors' names."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(ascii_.lower().replace(".", "").split())
