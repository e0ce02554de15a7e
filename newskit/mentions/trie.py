"""One regular expression for many names: a trie compiled into a pattern.

Python's ``re`` tries the branches of an alternation one after the other, so a
pattern ``Alias1|Alias2|...`` of 15,000 names costs 15,000 attempts at every
position (measured: 0.04 MB/s; ``python -m benchmarks.mentions``). Written as a
trie, ``A(?:kazawa|pple(?: Inc\\.)?)|B(?:...)``, the pattern makes one choice
per character, and because every top-level branch starts with a literal
character, ``re`` compiles a first-character set that its C search loop skips
text with (``re._compiler._get_charset_prefix``): the scan runs at tens of MB/s
(the same trick as the ``trie-regex`` recipes of Lovett and of "Speed up
millions of regex replacements in Python 3", Stack Overflow 42742810).

A greedy optional group at each node where a name ends makes the longest name
win, and ``(?!\\w)`` after the trie demands a word boundary on the right, so
"Nippon Steel Corp." beats "Nippon Steel", and "Japanese" is not "Japan".
The left boundary is checked by the scanner, because a leading ``\\b`` would
cost the first-character set.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterable

# A space in a name matches any run of white space (a line break, a no-break
# space); an apostrophe matches the straight and the typographic one.
_SPACE = r"\s+"
_APOSTROPHE = "['’]"


def _char_class(predicate) -> str:
    """A character class body for every BMP character satisfying ``predicate``."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x10000):
        if predicate(chr(cp)):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    out = []
    for lo, hi in ranges:
        out.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
    return "".join(out)


# Upper-case letters of every script ("É", "Š", "Ö"); Python's re has no \p{Lu}.
UPPER = _char_class(str.isupper)


def normalize(text: str) -> str:
    """The lookup key of a matched name: white space runs as one space, ’ as '."""
    if "’" in text:
        text = text.replace("’", "'")
    if not text.isprintable() or "  " in text:
        text = " ".join(text.split())
    return text


def _escape_char(ch: str) -> str:
    if ch == " ":
        return _SPACE
    if ch == "'":
        return _APOSTROPHE
    return re.escape(ch)


def trie_pattern(names: Iterable[str], left_boundary: bool = False) -> str:
    """A regex source matching any of ``names``, longest first, as one trie.

    Args:
        names: the strings to match (after ``normalize``); empty ones are ignored.
        left_boundary: demand that no word character precedes a match (checked
            after the first character, which keeps the first-character set).

    Returns:
        A pattern with no groups; wrap it as ``(?:...)(?!\\w)`` for word boundaries.

    Examples:
        >>> p = re.compile("(?:" + trie_pattern(["U.S.", "U.S. Steel", "Japan"]) + r")(?!\\w)")
        >>> [m.group() for m in p.finditer("U.S. Steel and the U.S. and Japanese Japan")]
        ['U.S. Steel', 'U.S.', 'Japan']
    """
    root: dict = {}
    for name in names:
        name = normalize(name)
        if not name:
            continue
        node = root
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = True
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        return _emit(root, top=left_boundary)
    finally:
        sys.setrecursionlimit(limit)


# After a name's first character: "the character before that one is no word
# character" (a left word boundary placed after the first literal, so that every
# top-level branch still starts with a literal and the first-character set stays).
_LEFT = r"(?<!\w.)"


def _emit(node: dict, top: bool = False) -> str:
    parts = []
    for ch in sorted(k for k in node if k):
        # path compression: a chain of single-child nodes is one literal run
        run, child = [_escape_char(ch) + (_LEFT if top else "")], node[ch]
        while len(child) == 1 and "" not in child:
            (nxt, child), = child.items()
            run.append(_escape_char(nxt))
        parts.append("".join(run) + _emit(child))
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    if "" in node:  # a name ends here: the longer ones are optional, tried first
        return "(?:" + body + ")?"
    return body


def compile_names(names: Iterable[str]) -> re.Pattern:
    """``trie_pattern`` with a right word boundary, compiled.

    Examples:
        >>> compile_names(["Ishiba", "Akazawa"]).findall("Ishiba and Akazawa, Ishibas")
        ['Ishiba', 'Akazawa']
    """
    source = trie_pattern(names, left_boundary=True)
    if not source:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile("(?:" + source + r")(?!\w)")


def scan(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    """Spans of a ``compile_names`` pattern in ``text`` (word boundaries on both sides).

    Examples:
        >>> scan(compile_names(["Donald"]), "Donald and McDonald")
        [(0, 6)]
    """
    return [m.span() for m in pattern.finditer(text)]
