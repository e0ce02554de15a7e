"""The gazetteer: entities, their aliases, and the one pattern that finds them all.

The built-in gazetteer is two files in ``newskit/mentions/data``:

* ``gazetteer.tsv``: people, organisations, companies and places of trade news
  in 2025, one entity a line (its header documents the columns);
* ``countries.tsv``: what ``pycountry`` lacks for the countries and blocs it
  lists (news names, abbreviations, adjectives, demonyms, capitals);
  ``pycountry``'s own names and official names are added where no other entity
  claims them.

A caller's gazetteer uses the same columns; only ``name`` and ``type`` are
required (``find_mentions(articles, gazetteer="my_entities.tsv")``)::

    entity_id          name          type     aliases          weak_aliases  role
    person:zoe-muller  Zoë Müller    person   Zoe Muller       Müller        CEO of Acme Widgets
                       Acme Widgets  company  Acme|Acme Inc.

``entity_id`` defaults to ``<type>:<slug of name>``; several values in one cell
are joined with ``|`` (or given as a list in a DataFrame or JSON). A caller's
entry replaces a built-in entry with the same ``entity_id``, and its aliases
win over built-in ones. Countries may also carry ``adjectives``, ``demonyms``
and ``capital`` (see ``countries.tsv``).
"""
from __future__ import annotations

import csv
import functools
import json
import operator
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pycountry

from newskit.mentions import trie
from newskit.mentions.columns import TYPES
from newskit.sentences import SENTENCE_STARTERS

__all__ = [
    "DATA_DIR",
    "GAZETTEER_FIELDS",
    "Entity",
    "Gazetteer",
    "Sense",
    "gazetteer_table",
    "load_gazetteer",
    "read_gazetteer",
    "slugify",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
GAZETTEER_FIELDS = (
    "entity_id", "name", "type", "aliases", "weak_aliases", "role", "avoid", "note",
    "adjectives", "demonyms", "capital",
)
_LIST_FIELDS = ("aliases", "weak_aliases", "avoid", "adjectives", "demonyms", "capital")
# Name suffixes that are not a surname: "Robert F. Kennedy Jr." is "Kennedy".
_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
# Words that are never an alias on their own, whatever a gazetteer says: a
# surname "He" (He Lifeng) would match every sentence starting with a pronoun.
# newskit.sentences.SENTENCE_STARTERS (frequent sentence starters measured on
# TimeBank), capitalised.
_KEY = operator.itemgetter(2)
_ATTACHED = re.compile(r"((?:al|el|ad|as|an|ibn|bin)-)(\w.*)\Z")
_NEVER = frozenset(w.capitalize() for w in SENTENCE_STARTERS) | {"I", "Mr.", "Ms.", "Mrs.", "Dr."}


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphen-separated form of a name, for entity ids.

    Examples:
        >>> slugify("Zoë Müller"), slugify("Lee Jae-myung"), slugify("People's Bank of China")
        ('zoe-muller', 'lee-jae-myung', 'peoples-bank-of-china')
    """
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_ = re.sub(r"['’.]", "", ascii_.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")


@dataclass(frozen=True)
class Entity:
    """One entity: its id, canonical name, type and (documentation) role."""

    entity_id: str
    name: str
    type: str
    role: str = ""
    capital_of: str | None = None  # for a capital: the country's entity_id


@dataclass(frozen=True)
class Sense:
    """What a matched alias may mean.

    ``strong``: the alias means the entity wherever it stands; otherwise the
    story must support it. ``kind``: for countries, how the alias names it
    (name, adjective, demonym) and ``capital`` for a capital city. ``context``:
    lower-case words that must precede the alias ("the" for "the States").
    ``avoid``: words whose presence in the sentence rules this sense out.
    """

    entity_id: str
    strong: bool = True
    kind: str | None = None
    context: str | None = None
    avoid: frozenset = field(default_factory=frozenset)


def _split(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    try:
        if pd.isna(value):
            return []
    except (TypeError, ValueError):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).split("|") if v.strip()]


def _read_tsv(path: Path, delimiter: str = "\t") -> pd.DataFrame:
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    rows = list(csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL))
    if not rows:
        return pd.DataFrame(columns=list(GAZETTEER_FIELDS))
    header, body = rows[0], rows[1:]
    bad = [i for i, r in enumerate(body) if len(r) != len(header)]
    if bad:
        raise ValueError(f"{path}: data line {bad[0] + 1} has {len(body[bad[0]])} fields; the header has {len(header)}: {header}")
    return pd.DataFrame(body, columns=header)


def read_gazetteer(source: str | Path | pd.DataFrame | list) -> pd.DataFrame:
    """Read and check a gazetteer: a TSV, CSV or JSON file, a DataFrame or a list of dicts.

    Args:
        source: the entries; columns ``name`` and ``type`` are required, the
            others of ``GAZETTEER_FIELDS`` optional.

    Returns:
        A new DataFrame with every column of ``GAZETTEER_FIELDS`` (text; list
        cells joined with ``|``), ``entity_id`` filled in.

    Raises:
        ValueError: a required column is missing (the message lists the
            columns there are), a type is not one of ``TYPES``, a name is
            empty, an ``entity_id`` repeats, or the file type is unknown.
        FileNotFoundError: the path does not exist.

    Examples:
        >>> read_gazetteer([{"name": "Zoë Müller", "type": "person", "aliases": ["Zoe Muller"]}])[["entity_id", "aliases"]]
                    entity_id     aliases
        0  person:zoe-muller  Zoe Muller
    """
    if isinstance(source, pd.DataFrame):
        df = source.copy()
    elif isinstance(source, list):
        df = pd.DataFrame(source)
    else:
        path = Path(source)
        if not path.exists():
            raise FileNotFoundError(f"gazetteer file not found: {path}")
        suffix = path.suffix.lower()
        if suffix in (".tsv", ".tab", ".txt"):
            df = _read_tsv(path)
        elif suffix == ".csv":
            df = _read_tsv(path, delimiter=",")
        elif suffix == ".json":
            df = pd.DataFrame(json.loads(path.read_text(encoding="utf-8")))
        else:
            raise ValueError(f"gazetteer file {path}: unknown type {suffix!r}; expected one of ['.tsv', '.txt', '.csv', '.json']")
    missing = [c for c in ("name", "type") if c not in df.columns]
    if missing:
        raise ValueError(f"gazetteer: columns {missing} missing; available: {list(df.columns)}")
    out = {}
    for col in GAZETTEER_FIELDS:
        if col in df.columns:
            values = df[col].tolist()
            out[col] = ["|".join(_split(v)) if col in _LIST_FIELDS else ("" if _blank(v) else str(v).strip()) for v in values]
        else:
            out[col] = [""] * len(df)
    table = pd.DataFrame(out, dtype=object)
    bad_types = sorted(set(table["type"]) - set(TYPES))
    if bad_types:
        raise ValueError(f"gazetteer: type {bad_types[0]!r} is not one of {list(TYPES)}")
    if (table["name"] == "").any():
        raise ValueError(f"gazetteer: row {int((table['name'] == '').to_numpy().argmax())} has no name")
    ids = [eid or f"{typ}:{slugify(name)}" for eid, typ, name in zip(table["entity_id"], table["type"], table["name"])]
    table["entity_id"] = ids
    dup = table["entity_id"][table["entity_id"].duplicated()]
    if len(dup):
        raise ValueError(f"gazetteer: entity_id {dup.iloc[0]!r} appears more than once")
    return table


def _blank(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value)) or str(value).strip() == ""
    except (TypeError, ValueError):
        return False


@functools.lru_cache(maxsize=1)
def _builtin_rows() -> pd.DataFrame:
    """The packaged entities and countries as one gazetteer table."""
    entities = read_gazetteer(DATA_DIR / "gazetteer.tsv")
    countries = _read_tsv(DATA_DIR / "countries.tsv")
    rows = []
    for r in countries.itertuples(index=False):
        rows.append({
            "entity_id": f"country:{r.alpha_2}", "name": r.name, "type": "country",
            "aliases": r.aliases, "adjectives": r.adjectives, "demonyms": r.demonyms,
            "capital": r.capital, "avoid": r.avoid, "role": "bloc" if r.alpha_2 == "EU" else "country",
            "note": "ISO 3166-1 alpha-2 " + r.alpha_2,
        })
    listed = {r.alpha_2 for r in countries.itertuples(index=False)}
    for c in pycountry.countries:  # the territories the curated table leaves out
        if c.alpha_2 not in listed:
            rows.append({"entity_id": f"country:{c.alpha_2}", "name": getattr(c, "common_name", None) or c.name,
                         "type": "country", "role": "country or territory", "note": "pycountry"})
    return pd.concat([entities, read_gazetteer(pd.DataFrame(rows))], ignore_index=True)


def _pycountry_names() -> dict[str, list[str]]:
    """pycountry's name, official and common names per alpha-2, without the inverted ones ("Korea, Republic of")."""
    out: dict[str, list[str]] = {}
    for c in pycountry.countries:
        names = [getattr(c, a, None) for a in ("name", "official_name", "common_name")]
        out[c.alpha_2] = [n for n in names if n and "," not in n and "(" not in n and not n.startswith("the ")]
    return out


class Gazetteer:
    """Entities, the senses of every alias, and the compiled pattern.

    Build one with ``load_gazetteer``. ``entities`` maps entity_id to
    ``Entity``; ``senses`` maps an alias (its ``trie.normalize`` form) to its
    ``Sense`` tuple, the caller's entries first; ``pattern`` finds every alias
    in one pass (``scan``).
    """

    def __init__(self, table: pd.DataFrame):
        self.table = table
        self.entities: dict[str, Entity] = {}
        senses: dict[str, list[Sense]] = {}
        claimed: set[str] = set()

        def add(alias: str, sense: Sense) -> None:
            alias = trie.normalize(alias.strip())
            context: str | None = None
            words = alias.split(" ")
            lead = 0
            while lead < len(words) - 1 and words[lead][:1].islower():
                lead += 1
            if lead:  # "the States", "von der Leyen": lower-case lead words are required context
                context, alias = " ".join(words[:lead]), " ".join(words[lead:])
            else:
                m = _ATTACHED.match(alias)
                if m:  # "el-Sissi", "al-Sharaa": the article is required context
                    context, alias = m.group(1), m.group(2)
            if context:
                sense = Sense(sense.entity_id, sense.strong, sense.kind, context, sense.avoid)
            # Every key starts with a capital letter (or a digit): a key that may start
            # lower case puts common letters in the pattern's first-character set, and
            # the scan slows down about twofold (measured on the sample corpus).
            if not alias or alias in _NEVER or len(alias) < 2 or alias[0].islower():
                return
            bucket = senses.setdefault(alias, [])
            if all(s.entity_id != sense.entity_id or s.context != sense.context for s in bucket):
                bucket.append(sense)
                claimed.add(alias)

        for r in table.itertuples(index=False):
            capital = _split(r.capital)
            capital_id = f"place:{slugify(capital[0])}" if capital else None
            self.entities[r.entity_id] = Entity(r.entity_id, r.name, r.type, r.role)
            avoid = frozenset(w.lower() for w in _split(r.avoid))
            strong = [r.name, *_split(r.aliases)]
            weak = _split(r.weak_aliases)
            if r.type == "person" and not weak:
                weak = _surname(r.name)
            if weak == ["-"]:
                weak = []
            kind = "name" if r.type == "country" else None
            for a in strong:
                add(a, Sense(r.entity_id, True, kind, None, avoid))
            for a in weak:
                add(a, Sense(r.entity_id, False, kind, None, avoid))
            for a in _split(r.adjectives):
                add(a, Sense(r.entity_id, True, "adjective", None, avoid))
            for a in _split(r.demonyms):
                add(a, Sense(r.entity_id, True, "demonym", None, avoid))
            if capital_id:
                self.entities.setdefault(capital_id, Entity(capital_id, capital[0], "place", f"capital of {r.name}", r.entity_id))
                for a in capital:
                    add(a, Sense(capital_id, True, "capital"))
        # pycountry's names for countries, where no entry claims them
        names = _pycountry_names()
        for eid, ent in list(self.entities.items()):
            if ent.type == "country" and eid[8:] in names:
                for n in names[eid[8:]]:
                    if trie.normalize(n) not in claimed:
                        add(n, Sense(eid, True, "name"))
        self.senses: dict[str, tuple[Sense, ...]] = {k: tuple(v) for k, v in senses.items()}
        self._pattern = None

    @property
    def pattern(self):
        """The compiled trie pattern of every alias (built on first use)."""
        if self._pattern is None:
            self._pattern = trie.compile_names(self.senses)
        return self._pattern

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        """Every alias in ``text``: ``(start, end, key)``, longest at each place, left to right.

        Examples:
            >>> g = load_gazetteer()
            >>> [(text[s:e], k) for text in ["Nippon Steel Corp.'s bid for U.S. Steel"] for s, e, k in g.scan(text)]
            [('Nippon Steel Corp.', 'Nippon Steel Corp.'), ('U.S. Steel', 'U.S. Steel')]
        """
        out = [(m.start(), m.end(), m.group()) for m in self.pattern.finditer(text)]
        senses = self.senses
        odd = [k for k in set(map(_KEY, out)) if k not in senses]  # the distinct keys only
        if odd:  # a line break or a typographic apostrophe inside a name
            out = [(s, e, trie.normalize(k)) if k in odd else (s, e, k) for s, e, k in out]
        return out

    def find_spans(self, text: str) -> list[tuple[int, int]]:
        """The matching pass alone: the span of every alias in ``text``, one pass of the trie pattern.

        Examples:
            >>> load_gazetteer().find_spans("Tokyo and Washington")
            [(0, 5), (10, 20)]
        """
        return [m.span() for m in self.pattern.finditer(text)]

    def __len__(self) -> int:
        return len(self.entities)

    def __repr__(self) -> str:
        return f"<Gazetteer: {len(self.entities)} entities, {len(self.senses)} aliases>"


def _surname(name: str) -> list[str]:
    words = [w for w in name.split() if w not in _SUFFIXES]
    return [words[-1]] if len(words) >= 2 else []


def gazetteer_table(extra: str | Path | pd.DataFrame | list | None = None, *, builtin: bool = True) -> pd.DataFrame:
    """The gazetteer as a table (``GAZETTEER_FIELDS``), to read or to start a file of your own.

    Examples:
        >>> t = gazetteer_table()
        >>> t.set_index("entity_id").loc["person:shigeru-ishiba", ["name", "type", "aliases"]].tolist()
        ['Shigeru Ishiba', 'person', 'Ishiba']
    """
    return load_gazetteer(extra, builtin=builtin).table.copy()


def load_gazetteer(extra: str | Path | pd.DataFrame | list | None = None, *, builtin: bool = True) -> Gazetteer:
    """The built-in gazetteer, with the caller's entries added (they win on conflicts).

    Args:
        extra: more entries: a path (TSV, CSV, JSON), a DataFrame or a list of
            dicts in the format of ``read_gazetteer``.
        builtin: False to use ``extra`` alone.

    Returns:
        A ``Gazetteer`` (cached: the same input gives the same object).

    Raises:
        ValueError: from ``read_gazetteer``, or neither builtin nor extra given.

    Examples:
        >>> g = load_gazetteer([{"name": "Acme Widgets", "type": "company", "aliases": "Acme"}])
        >>> [s.entity_id for s in g.senses["Acme"]]
        ['company:acme-widgets']
    """
    if extra is None:
        if not builtin:
            raise ValueError("load_gazetteer: builtin=False needs extra= entries")
        return _cached(None, True)
    user = read_gazetteer(extra)
    key = tuple(map(tuple, user.itertuples(index=False)))
    return _cached(key, builtin)


@functools.lru_cache(maxsize=8)
def _cached(key: tuple | None, builtin: bool) -> Gazetteer:
    parts = []
    if key is not None:
        parts.append(pd.DataFrame(list(key), columns=list(GAZETTEER_FIELDS), dtype=object))
    if builtin:
        base = _builtin_rows()
        if parts:
            base = base[~base["entity_id"].isin(set(parts[0]["entity_id"]))]
        parts.append(base)
    return Gazetteer(pd.concat(parts, ignore_index=True))
