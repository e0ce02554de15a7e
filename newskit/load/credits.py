"""Who wrote and who supplied an article: bylines, wires, captions, copyright.

Aggregators flatten a story into one line: a photo caption with its credit,
the byline, the text, the copyright line ("FILE PHOTO: Cranes at the Port of
Los Angeles ... REUTERS/Mike Blake/File Photo By Jarrett Renshaw The Trump
administration wants ... © Thomson Reuters 2025."). These functions peel
those parts off the front and back of a body, so that ``body`` is the prose
only and the parts land in ``captions``, ``authors``, ``copyright``, ``source``.
"""
from __future__ import annotations

import re

# Wire services and publishers credited in datelines, bylines and copyright
# lines, with the short name newskit reports. Order matters: the first pattern
# that matches a credit wins ("Kyodo News" before "News").
WIRES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), name)
    for p, name in (
        (r"\bkyodo\b", "Kyodo"),
        (r"\breuters\b", "Reuters"),
        (r"\bassociated press\b|\bAP\b", "AP"),
        (r"\bAFP\b|agence france[- ]presse", "AFP"),
        (r"\bbloomberg\b", "Bloomberg"),
        (r"\bjiji\b", "Jiji Press"),
        (r"\byonhap\b", "Yonhap"),
        (r"\bxinhua\b", "Xinhua"),
        (r"\bdpa\b|deutsche presse", "dpa"),
        (r"\bEFE\b", "EFE"),
        (r"\bANSA\b", "ANSA"),
        (r"\bbernama\b", "Bernama"),
        (r"\bPTI\b|press trust of india", "PTI"),
        (r"\bANI\b", "ANI"),
        (r"\bCNA\b", "CNA"),
        (r"\bnikkei\b", "Nikkei"),
        (r"\byomiuri\b", "The Yomiuri Shimbun"),
        (r"\basahi\b", "The Asahi Shimbun"),
        (r"\bmainichi\b", "The Mainichi"),
        (r"\bNHK\b", "NHK"),
    )
)
# The AP pattern is case-sensitive in spirit: "ap" is not a credit.
_CASE_SENSITIVE = {"AP", "AFP", "EFE", "ANSA", "PTI", "ANI", "CNA", "NHK"}


def wire_name(credit: str) -> str | None:
    """The short name of a wire or publisher named in a credit, or None.

    Examples:
        >>> wire_name("© Thomson Reuters 2025.")
        'Reuters'
        >>> wire_name("© Copyright 2025 The Associated Press. All rights reserved.")
        'AP'
        >>> wire_name("© KYODO")
        'Kyodo'
        >>> wire_name("a map") is None
        True
    """
    for pattern, name in WIRES:
        m = pattern.search(credit)
        if m and (name not in _CASE_SENSITIVE or m.group(0).isupper() or " " in m.group(0)):
            return name
    return None


# -- copyright ---------------------------------------------------------------
_COPYRIGHT = re.compile(r"©|\(c\)\s*(?:copyright\s*)?\d{4}|\bcopyright\s+(?:©\s*)?\d{4}|\bCOPYRIGHT\b", re.IGNORECASE)
_COPY_NOISE = re.compile(
    r"©|\(c\)|\bcopyright\b|\b(?:19|20)\d{2}\b|all rights reserved.*$|this material may not.*$|[.,;]+\s*$",
    re.IGNORECASE,
)
_COPYRIGHT_MARKS = ("©", "opyright", "OPYRIGHT", "(c)", "(C)")
# Notices are short: AP's is the longest common one (about 160 characters).
_COPYRIGHT_MAX = 400


def split_copyright(text: str) -> tuple[str, str | None]:
    """Split a trailing copyright notice off ``text``.

    Returns:
        ``(text without it, notice as printed)``; ``(text, None)`` when none.

    Examples:
        >>> split_copyright("Stocks fell. © KYODO")
        ('Stocks fell.', '© KYODO')
        >>> split_copyright("No notice here.")
        ('No notice here.', None)
    """
    tail = max(0, len(text) - _COPYRIGHT_MAX)  # notices sit in the last few hundred characters
    # str.find for the markers first: a regex scan of every story costs 10x more
    hits = [i for i in (text.find(mark, tail) for mark in _COPYRIGHT_MARKS) if i >= 0]
    if not hits:
        return text, None
    for m in _COPYRIGHT.finditer(text, max(0, min(hits) - 1)):
        rest = text[m.start():].strip()
        if len(rest) <= _COPYRIGHT_MAX:
            return text[: m.start()].rstrip(), rest
    return text, None


def copyright_holder(notice: str) -> str | None:
    """The holder named in a copyright notice, short wire name when known.

    Examples:
        >>> copyright_holder("© 2025 Japan Today. All rights reserved.")
        'Japan Today'
    """
    wire = wire_name(notice)
    if wire:
        return wire
    holder = _COPY_NOISE.sub(" ", notice)
    holder = re.sub(r"\s+", " ", holder).strip(" .,;-")
    return holder or None


# -- datelines ---------------------------------------------------------------
# "TOKYO (Kyodo) --", "WASHINGTON (AP) —", "BRUSSELS, June 2 (Reuters) -"
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)?"
    r"\s*\((?P<wire>[A-Z][\w .&-]{1,40})\)\s*(?:--|—|–|-)\s*"
)


def dateline_wire(text: str) -> str | None:
    """The wire credited in a dateline at the start of ``text``.

    Examples:
        >>> dateline_wire("TOKYO (Kyodo) -- Japan's economy ...")
        'Kyodo'
        >>> dateline_wire("WASHINGTON, June 2 (Reuters) - The U.S. ...")
        'Reuters'
    """
    m = DATELINE.match(text)
    if not m:
        return None
    return wire_name(m["wire"]) or m["wire"].strip()


# -- bylines -----------------------------------------------------------------
# "By David Lawder and Andrea Shalal, Reuters WASHINGTON (Reuters) -" is 66
# characters; three authors with roles stay within 160.
_BYLINE_MAX = 160
_BY = re.compile(r"\s*(?:By|BY)\s+(?=\S)")
_TOKEN = re.compile(r"\S+")
# Words that start a sentence, never a name: the byline stops before them.
_STOP = frozenset(
    """The A An In On At As After Before For With From When While This That These Those It Its
    Their His Her Our We They He She I If But And Or So Since Until Despite During Amid Under Over
    Officials Some Many More Most Two Three Four Five Several Japan Japan's U.S. US China""".split()
)
# Role words that follow a name in bylines; removed from author names.
_ROLE_WORDS = frozenset(
    """staff writer writers reporter reporters correspondent correspondents editor editors
    columnist contributor contributing special bureau chief senior political economics business
    associated press news service wire agency and""".split()
)
_PARTICLES = frozenset("de del della der den van von da di du la le bin binti al el dos das".split())
_NAME_TOKEN = re.compile(r"[A-Z][\w.'’-]*$|[A-Z]\.$")
_MULTIWORD_PLACES = re.compile(r"^(?:NEW|SAN|LOS|LAS|HONG|KUALA|BUENOS|SAO|SÃO|MEXICO|TEL|ABU|RIO|CAPE|PHNOM|ST\.?|PORT)$")


def split_byline(text: str) -> tuple[list[str], str | None, str]:
    """Split a leading byline ("By Jarrett Renshaw ...") off ``text``.

    Returns:
        ``(authors, agency, rest)``: person names with role words removed and
        capitalisation normalised, a wire named in the byline ("By Kyodo
        News"), and the text after the byline. ``([], None, text)`` when the
        text does not start with a byline.

    Examples:
        >>> split_byline("By Jarrett Renshaw The Trump administration wants")
        (['Jarrett Renshaw'], None, 'The Trump administration wants')
        >>> split_byline("By MICHELLE GUMEDE A second group")
        (['Michelle Gumede'], None, 'A second group')
        >>> split_byline("By David Lawder and Andrea Shalal, Reuters WASHINGTON (Reuters) - The")
        (['David Lawder', 'Andrea Shalal'], 'Reuters', 'WASHINGTON (Reuters) - The')
    """
    m = _BY.match(text)
    if not m:
        return [], None, text
    # a byline is a few words: tokenise only the head of the text
    tokens = [(t.group(0), t.start()) for t in _TOKEN.finditer(text[m.end(): m.end() + _BYLINE_MAX])]
    offset = m.end()
    kept: list[str] = []
    end = offset
    in_name = 0
    for i, (tok, start) in enumerate(tokens):
        bare = tok.rstrip(",;")
        following = text[offset + start + len(tok):]
        if not bare:
            break
        if bare.lower() in ("and", "&"):
            if not kept or in_name == 0:
                break
            kept.append("and")
            in_name = 0
        elif bare in _STOP and (in_name or not kept):
            break
        elif bare.lower() in _PARTICLES and kept:
            kept.append(bare)
        elif _NAME_TOKEN.match(bare) and (in_name < 4 or bare.lower() in _ROLE_WORDS):
            if bare.isupper() and len(bare) > 1 and _starts_dateline(tokens, i, text, offset):
                break
            kept.append(bare)
            in_name += 1
        elif bare.lower() in _ROLE_WORDS and kept:
            kept.append(bare)
        else:
            break
        end = offset + start + len(tok)
        if tok.endswith((",", ";")):
            kept.append(",")
            in_name = 0
        if following.startswith(("\n",)):
            break
    if not kept:
        return [], None, text
    names, agency = _names_from_tokens(kept)
    rest = text[end:].lstrip(" \t,;")
    return names, agency, rest


def _starts_dateline(tokens: list[tuple[str, int]], i: int, text: str, offset: int) -> bool:
    """True when tokens[i] begins an all-caps dateline ("TOKYO (AP) —")."""
    j = i
    while j < len(tokens) and tokens[j][0].rstrip(",").isupper() and not tokens[j][0].startswith("("):
        j += 1
    if j >= len(tokens):
        return False
    nxt = tokens[j][0]
    if not (nxt.startswith("(") or nxt in ("--", "—", "–", "-")):
        return False
    run = j - i
    # "MARI YAMAGUCHI TOKYO (AP)": the place is the last word, or the last two
    # when the first of them opens a multi-word place name ("NEW YORK").
    place_len = 2 if run >= 2 and _MULTIWORD_PLACES.match(tokens[j - 2][0]) else 1
    return i >= j - place_len


def _names_from_tokens(tokens: list[str]) -> tuple[list[str], str | None]:
    names: list[str] = []
    agency = None
    current: list[str] = []
    for tok in tokens + [","]:
        if tok in (",", "and"):
            if current:
                phrase = " ".join(current)
                wire = wire_name(phrase)
                people = [w for w in current if w.lower() not in _ROLE_WORDS]
                if wire and (len(people) < 2 or wire_name(" ".join(people))):
                    agency = agency or wire
                elif len(people) >= 1 and not (len(people) == 1 and len(current) > 1):
                    names.append(_normalise_name(people))
            current = []
        else:
            current.append(tok)
    return [n for n in names if n], agency


def _normalise_name(tokens: list[str]) -> str:
    """Title-case names printed in capitals or lower case; keep mixed case."""
    words = []
    for w in tokens:
        if w.lower() in _PARTICLES and words:
            words.append(w.lower())
        elif w.isupper() and len(w) > 2 or w.islower():
            words.append(w.title())
        else:
            words.append(w)
    return " ".join(words)


# -- photo captions ------------------------------------------------------------
# Photo credits close a caption: "REUTERS/Mike Blake/File Photo",
# "(AP Photo/Evan Vucci)", "EPA-EFE/KIYOSHI OTA", "Photo: AFP".
_CREDIT_AGENCY = r"(?:REUTERS|Reuters|AP Photo|AP|AFP|EPA(?:-EFE)?|Getty Images|Bloomberg|Kyodo|KYODO|Jiji Press|JIJI PRESS|Yonhap|YONHAP|Xinhua|XINHUA|Anadolu|dpa|Pool|POOL|Handout)"
_CREDIT_NAME = r"(?:(?!By\b|BY\b|The\b|A\b|An\b)[A-Z][\w.'’-]*(?:\s(?!By\b|BY\b|The\b|A\b|An\b|In\b|On\b)[A-Z][\w.'’-]*){0,3})"
PHOTO_CREDIT = re.compile(
    rf"\((?:{_CREDIT_AGENCY})[^()\n]{{0,80}}\)(?!\s*(?:--|—|–|-))"  # (AP Photo/Evan Vucci), (Kyodo); not a dateline
    rf"|\b{_CREDIT_AGENCY}(?:/{_CREDIT_NAME})+"  # REUTERS/Mike Blake/File Photo
    rf"|\b(?:Photo|PHOTO|File photo)\s*(?::|by)\s*{_CREDIT_NAME}(?:/{_CREDIT_NAME})*"  # Photo: AFP
)
_FILE_PHOTO = re.compile(r"\s*(?:FILE PHOTO|File photo|FILE|PHOTO)\s*(?::|-|—|–)\s*")
# A caption without a credit describes the picture in the simple present
# ("Prime Minister Shigeru Ishiba speaks to media at his official residence").
_CAPTION_VERBS = re.compile(
    r"\b(?:speaks|speak|attends|attend|gestures|gesture|waves|wave|walks|walk|poses|pose|listens|listen|"
    r"arrives|arrive|delivers|holds|hold|looks|look|smiles|smile|shakes|shake|talks|talk|answers|answer|"
    r"addresses|meets|meet|visits|stands|stand|sits|sit|leaves|enters|takes part|watches|watch|waits|wait|"
    r"is seen|are seen|is pictured|are pictured|is shown|are shown|shop|shops|work|works|march|protest|"
    r"rally|line up|pass by|passes|queue|cheer)\b"
)
_REPORTING = re.compile(r"\b(?:said|says|told|according to|announced|reported)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”]?\s+(?=[\"'“‘(]?[A-Z])")
_PROPER_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")


_CREDIT_TERMINAL = re.compile(r"/(?:File Photo|FILE PHOTO|File|FILE|Pool Photo|Pool|POOL|Handout|HANDOUT)\b")


def _credit_end(text: str, credit: re.Match[str]) -> int:
    """Where a photo credit ends, when the story runs straight on after it.

    "REUTERS/Mike Blake/File Photo Colombia agreed": the credit ends at its
    terminal "/File Photo". Otherwise a capitalised word followed by a
    lower-case one starts the story ("REUTERS/Kim Lee Smartphones and ..."),
    so it is given back.
    """
    end = credit.end()
    terminal = _CREDIT_TERMINAL.search(text, credit.start(), end)
    if terminal:
        return terminal.end()
    if text[credit.start()] == "(":
        return end
    while True:
        head = text[credit.start():end]
        cut = head.rfind(" ")
        if cut <= head.rfind("/") or not re.match(r"\s+[a-z]", text[end:]):
            return end
        end = credit.start() + cut


def split_captions(text: str) -> tuple[list[str], str]:
    """Split leading photo captions off ``text``.

    A caption is recognised by a photo credit near the start ("REUTERS/Mike
    Blake/File Photo"), a "FILE PHOTO:" lead, or, without either, by a short
    first sentence in the simple present with a picture verb whose proper name
    the next sentence repeats (the way Japan Today prints Kyodo captions).

    Examples:
        >>> split_captions("FILE PHOTO: Cranes at a port, May 13, 2025. REUTERS/Mike Blake/File Photo By Jarrett")
        (['FILE PHOTO: Cranes at a port, May 13, 2025. REUTERS/Mike Blake/File Photo'], 'By Jarrett')
        >>> split_captions("FILE PHOTO: Smartphones on display. REUTERS/Carlo Brenner/File Photo Smartphones will be excluded")
        (['FILE PHOTO: Smartphones on display. REUTERS/Carlo Brenner/File Photo'], 'Smartphones will be excluded')
        >>> split_captions("Phones on display. REUTERS/Kim Lee Smartphones and laptops are exempt.")
        (['Phones on display. REUTERS/Kim Lee'], 'Smartphones and laptops are exempt.')
        >>> split_captions("Justin Trudeau speaks to reporters in Ottawa. By Jane Doe The talks")
        (['Justin Trudeau speaks to reporters in Ottawa.'], 'By Jane Doe The talks')
        >>> split_captions("Prime Minister Shigeru Ishiba speaks to media in Tokyo. Prime Minister Shigeru Ishiba may dissolve the house.")
        (['Prime Minister Shigeru Ishiba speaks to media in Tokyo.'], 'Prime Minister Shigeru Ishiba may dissolve the house.')
    """
    captions: list[str] = []
    for _ in range(3):  # a story rarely leads with more than one or two photos
        caption, rest = _one_caption(text)
        if caption is None:
            break
        captions.append(caption)
        text = rest
    return captions, text


def _one_caption(text: str) -> tuple[str | None, str]:
    head = text[:700]
    lead = _FILE_PHOTO.match(head)
    # every credit form has a slash or a parenthesis, or says "Photo"
    maybe_credit = "/" in head or "(" in head or "Photo" in head or "PHOTO" in head
    credit = PHOTO_CREDIT.search(head, lead.end() if lead else 0) if maybe_credit else None
    if credit:
        before = head[: credit.start()]
        # a caption is short; a credit deep in a paragraph belongs to the prose
        if len(before.split()) <= 60 and not _REPORTING.search(before):
            end = _credit_end(text, credit)
            return text[:end].strip(), text[end:].lstrip()
    if lead:
        # "FILE PHOTO: <caption sentence>." without a credit
        stop = _SENTENCE_END.search(text, lead.end())
        if stop and stop.start() < 500:
            return text[: stop.start()].strip(), text[stop.end():].lstrip()
    stop = _SENTENCE_END.search(head)
    if not stop:
        return None, text
    first = text[: stop.start()]
    if len(first.split()) > 30 or _REPORTING.search(first) or not _CAPTION_VERBS.search(first):
        return None, text
    if _BY.match(text, stop.end()):
        # a picture sentence right before the byline: the caption that opens the story
        return first.strip(), text[stop.end():].lstrip()
    second_end = _SENTENCE_END.search(text, stop.end())
    second = text[stop.end(): second_end.start() if second_end else len(text)]
    names = _PROPER_NAME.findall(first)
    if names and any(n in second or n.split()[-1] in second for n in names):
        return first.strip(), text[stop.end():].lstrip()
    return None, text


# -- author fields of structured sources ---------------------------------------
# HTML meta tags, JSON-LD, feed entries and corpus tables give authors as
# strings ("David Lawder; Reuters", "By A and B, Reuters"), lists, or both.
# trafilatura joins them with "; " and keeps wires as authors.
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:;|\||\n)\s*")
_EMAIL_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^()]+)\)\s*$")  # RSS: "jane@x.com (Jane Doe)"


def split_authors(values: object) -> tuple[list[str], str | None]:
    """Person names and the wire credited in author fields.

    Each value is read as a byline ("By" optional): names are split on
    "and", "," and ";", role words dropped and capitalisation normalised the
    way ``split_byline`` does for text pages; a wire or agency ("Reuters",
    "Associated Press", "Kyodo News") is returned as the credited source,
    never as an author.

    Args:
        values: a string, or a list of strings (None and blanks ignored).

    Returns:
        ``(authors, wire)``: distinct names in order, and the first wire found
        (None when there is none).

    Examples:
        >>> split_authors("David Lawder; Reuters")
        (['David Lawder'], 'Reuters')
        >>> split_authors(["By MARI YAMAGUCHI", "Associated Press"])
        (['Mari Yamaguchi'], 'AP')
        >>> split_authors("Jane Doe (Reuters)")
        (['Jane Doe'], 'Reuters')
        >>> split_authors("jane@example.com (jane doe)")
        (['Jane Doe'], None)
        >>> split_authors(None)
        ([], None)
    """
    if values is None:
        return [], None
    items = [values] if isinstance(values, str) else list(values)
    names: list[str] = []
    wire = None
    for value in items:
        if not isinstance(value, str):
            continue
        for part in _AUTHOR_SEPARATORS.split(value.strip()):
            m = _EMAIL_NAME.match(part)
            if m:
                part = m["name"]
            part = part.strip()
            if not part or "@" in part:
                continue
            text = part if _BY.match(part) else f"By {part}"
            found, agency, rest = split_byline(text)
            if found and not agency and rest:
                # what follows the names in an author field is a credit: "Jane Doe
                # (Reuters)", "Jane Doe for Reuters", "of The Associated Press"
                agency = wire_name(rest)
            if not found and not agency:
                # not a byline shape: a wire name alone ("Reuters Staff"), or a
                # name typed in lower case ("jane doe"); role words alone are nothing
                agency = wire_name(part)
                words = part.split()
                if not agency and 2 <= len(words) <= 4 and all(
                    w.replace("-", "").replace("'", "").isalpha() and w.lower() not in _ROLE_WORDS for w in words
                ):
                    found = [_normalise_name(words)]
            wire = wire or agency
            for name in found:
                if name not in names:
                    names.append(name)
    return names, wire
