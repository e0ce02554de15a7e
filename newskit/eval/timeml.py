"""Score ``find_dates`` on TimeML documents, TempEval-3 style.

    python -m newskit.eval.timeml FOLDER [FOLDER ...] [--errors] [--limit N]

Each ``*.tml`` file is a news document in TimeML 1.2.1 XML (TimeBank 1.2,
AQUAINT as redistributed for TempEval-3). The document creation time (DCT) is
the ``<TIMEX3 functionInDocument="CREATION_TIME">`` inside ``<DCT>``; the gold
temporal expressions are the ``<TIMEX3>`` tags inside ``<TEXT>``. The scorer
strips every tag from ``<TEXT>`` (decoding the XML entities, so ``&amp;`` is one
character), keeps the gold spans as character offsets into that plain text, runs
:func:`newskit.dates.find_dates` on the plain text with the DCT value as anchor,
and compares.

Measures, as in the TempEval-3 timex evaluation (UzZaman et al. 2013, §4):

* relaxed span P/R/F1: a gold timex is found, and a system timex is right,
  when it overlaps a timex of the other side by at least one character;
* strict span P/R/F1: the same with identical offsets;
* type and value accuracy: over the gold timexes found (relaxed), comparing
  the gold ``type`` / ``value`` with those of the overlapping system timex
  (the one overlapping most, the first on a tie), as exact strings;
* value F1 = value accuracy x relaxed F1 (TempEval-3's attribute F1).

Non-consuming (empty) TIMEX3 tags have no span and are not scored.
"""
from __future__ import annotations

import argparse
import html
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

__all__ = [
    "ERROR_COLUMNS",
    "TimemlDoc",
    "format_scores",
    "main",
    "parse_tml",
    "read_tml",
    "score_documents",
    "score_folder",
]

# One row per error listed by ``--errors``: what was expected and what came out.
ERROR_COLUMNS = [
    "doc", "kind", "gold_start", "gold_end", "gold_text", "gold_type", "gold_value",
    "sys_start", "sys_end", "sys_text", "sys_type", "sys_value", "context",
]
TYPES = ("DATE", "TIME", "DURATION", "SET")

_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)([^>]*?)(/?)>", re.S)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*')""")
_DCT = re.compile(r"<DCT>(.*?)</DCT>", re.S)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


@dataclass
class TimemlDoc:
    """One TimeML document: its name, DCT value, plain text and gold timexes.

    ``gold`` has the columns ``start, end, text, type, value`` (offsets into
    ``text``), like the first five columns of ``find_dates``.
    """

    name: str
    dct: str
    text: str
    gold: pd.DataFrame


def _attrs(raw: str) -> dict[str, str]:
    return {k: html.unescape(v[1:-1]) for k, v in _ATTR.findall(raw)}


def _strip(xml: str) -> tuple[str, list[dict]]:
    """Plain text of an XML fragment and its TIMEX3 spans in plain-text offsets."""
    parts: list[str] = []
    length = 0
    spans: list[dict] = []
    open_timex: dict | None = None
    pos = 0
    for m in _TAG.finditer(xml):
        chunk = html.unescape(xml[pos:m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, raw, selfclosing = m.group(1), m.group(2), m.group(3), m.group(4)
        if name != "TIMEX3":
            continue
        if closing:
            if open_timex is not None:
                open_timex["end"] = length
                spans.append(open_timex)
                open_timex = None
        elif not selfclosing:  # a self-closing TIMEX3 is non-consuming: no span
            open_timex = dict(_attrs(raw), start=length)
    chunk = html.unescape(xml[pos:])
    parts.append(chunk)
    return "".join(parts), spans


def parse_tml(xml: str, name: str = "doc") -> TimemlDoc:
    """Parse the text of a TimeML document.

    Args:
        xml: the document, as read from a ``.tml`` file.
        name: a name for it in error listings.

    Returns:
        A :class:`TimemlDoc`; ``gold`` lists the non-empty TIMEX3s of ``<TEXT>``.

    Raises:
        ValueError: no ``<TEXT>`` element, or no creation-time TIMEX3 in ``<DCT>``.

    Examples:
        >>> doc = parse_tml('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" '
        ...     'functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT><TEXT>'
        ...     'Prices fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>'
        ...     ' &amp; rose.</TEXT></TimeML>')
        >>> doc.dct, doc.text
        ('1998-01-08', 'Prices fell yesterday & rose.')
        >>> doc.gold[["start", "end", "text", "value"]].values.tolist()
        [[12, 21, 'yesterday', '1998-01-07']]
    """
    text_match = _TEXT.search(xml)
    if text_match is None:
        raise ValueError(f"{name}: no <TEXT> element")
    dct = None
    dct_match = _DCT.search(xml)
    if dct_match:
        for m in _TAG.finditer(dct_match.group(1)):
            if m.group(2) == "TIMEX3" and not m.group(1):
                attrs = _attrs(m.group(3))
                if attrs.get("functionInDocument", "CREATION_TIME") == "CREATION_TIME":
                    dct = attrs.get("value")
                    break
    if not dct:
        raise ValueError(f"{name}: no <TIMEX3 functionInDocument=\"CREATION_TIME\"> in <DCT>")
    text, spans = _strip(text_match.group(1))
    rows = [
        (s["start"], s["end"], text[s["start"]:s["end"]], s.get("type", ""), s.get("value", ""))
        for s in spans
        if s["end"] > s["start"]
    ]
    gold = pd.DataFrame(rows, columns=["start", "end", "text", "type", "value"])
    gold = gold.astype({"start": "int64", "end": "int64"})
    return TimemlDoc(name=name, dct=dct, text=text, gold=gold)


def read_tml(path: str | Path) -> TimemlDoc:
    """Read and parse one ``.tml`` file (see :func:`parse_tml`)."""
    path = Path(path)
    return parse_tml(path.read_text(encoding="utf-8"), name=path.name)


def _tml_files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(p.glob("*.tml")))
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(f"no TimeML file or folder at {p}")
    return files


def _prf(correct_sys: int, n_sys: int, correct_gold: int, n_gold: int) -> dict[str, float]:
    p = correct_sys / n_sys if n_sys else 0.0
    r = correct_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return " ".join(f"{left}[[{text[start:end]}]]{right}".split())


def _match(doc: TimemlDoc, system: pd.DataFrame, tally: dict, errors: list) -> None:
    gold = list(doc.gold.itertuples(index=False))
    sys_rows = list(system[["start", "end", "text", "type", "value"]].itertuples(index=False))
    sys_hit = [False] * len(sys_rows)
    gold_exact = {(g.start, g.end) for g in gold}
    tally["strict_sys"] += sum((s.start, s.end) in gold_exact for s in sys_rows)
    sys_exact = {(s.start, s.end) for s in sys_rows}
    for g in gold:
        t = tally["types"].setdefault(g.type, dict.fromkeys(("gold", "found", "strict", "type", "value"), 0))
        t["gold"] += 1
        best, best_overlap = None, 0
        for i, s in enumerate(sys_rows):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                sys_hit[i] = True
                if overlap > best_overlap:
                    best, best_overlap = s, overlap
        if (g.start, g.end) in sys_exact:
            tally["strict_gold"] += 1
            t["strict"] += 1
        if best is None:
            errors.append(_error(doc, "missed", g, None))
            continue
        tally["found"] += 1
        t["found"] += 1
        type_ok = best.type == g.type
        value_ok = best.value == g.value
        tally["type"] += type_ok
        tally["value"] += value_ok
        t["type"] += type_ok
        t["value"] += value_ok
        if not value_ok:
            errors.append(_error(doc, "value", g, best))
        elif not type_ok:
            errors.append(_error(doc, "type", g, best))
    for hit, s in zip(sys_hit, sys_rows):
        st = tally["sys_types"].setdefault(s.type, [0, 0])
        st[0] += 1
        st[1] += hit
        tally["relaxed_sys"] += hit
        if not hit:
            errors.append(_error(doc, "spurious", None, s))
    tally["gold"] += len(gold)
    tally["system"] += len(sys_rows)


def _error(doc: TimemlDoc, kind: str, g, s) -> dict:
    ref = g if g is not None else s
    return {
        "doc": doc.name, "kind": kind,
        "gold_start": g.start if g is not None else -1, "gold_end": g.end if g is not None else -1,
        "gold_text": g.text if g is not None else "", "gold_type": g.type if g is not None else "",
        "gold_value": g.value if g is not None else "",
        "sys_start": s.start if s is not None else -1, "sys_end": s.end if s is not None else -1,
        "sys_text": s.text if s is not None else "", "sys_type": s.type if s is not None else "",
        "sys_value": s.value if s is not None else "",
        "context": _context(doc.text, ref.start, ref.end),
    }


def score_documents(
    docs: Iterable[TimemlDoc],
    extractor: Callable[[str, str], pd.DataFrame] | None = None,
) -> dict:
    """Score an extractor on parsed TimeML documents.

    Args:
        docs: documents from :func:`read_tml` / :func:`parse_tml`.
        extractor: ``f(text, anchor) -> DataFrame`` with columns ``start, end,
            text, type, value``; default :func:`newskit.dates.find_dates`.

    Returns:
        A dict: ``documents``, ``gold``, ``system`` (counts); ``relaxed`` and
        ``strict`` (dicts of ``precision``, ``recall``, ``f1``, as fractions);
        ``found`` (gold timexes found, relaxed); ``type_accuracy``,
        ``value_accuracy`` (over those found) and ``value_f1``; ``per_type`` (a
        DataFrame indexed by gold type: ``gold, found, recall, strict_recall,
        type_accuracy, value_accuracy, system, precision``, where the last two
        count system timexes of that type); ``errors`` (a DataFrame with
        :data:`ERROR_COLUMNS`: kind ``missed``, ``spurious``, ``value`` or
        ``type``); ``seconds`` spent in the extractor.

    Examples:
        >>> doc = parse_tml('<TimeML><DCT><TIMEX3 value="2025-06-02" '
        ...     'functionInDocument="CREATION_TIME"/></DCT><TEXT>Talks ended '
        ...     '<TIMEX3 type="DATE" value="2025-05-30">Friday</TIMEX3>; shares rose 5% '
        ...     'over <TIMEX3 type="DURATION" value="P3D">three days</TIMEX3>.</TEXT></TimeML>')
        >>> def fake(text, anchor):  # finds "Friday" only, with a wrong value
        ...     return pd.DataFrame({"start": [12], "end": [18], "text": ["Friday"],
        ...                          "type": ["DATE"], "value": ["2025-06-06"]})
        >>> s = score_documents([doc], fake)
        >>> s["gold"], s["system"], s["relaxed"]["precision"], s["relaxed"]["recall"]
        (2, 1, 1.0, 0.5)
        >>> s["value_accuracy"], s["errors"]["kind"].tolist()
        (0.0, ['value', 'missed'])
    """
    if extractor is None:
        from newskit.dates import find_dates as extractor
    tally = {
        "gold": 0, "system": 0, "found": 0, "relaxed_sys": 0, "strict_gold": 0, "strict_sys": 0,
        "type": 0, "value": 0, "types": {}, "sys_types": {},
    }
    errors: list[dict] = []
    n_docs = 0
    seconds = 0.0
    for doc in docs:
        n_docs += 1
        t0 = time.perf_counter()
        system = extractor(doc.text, doc.dct)
        seconds += time.perf_counter() - t0
        _match(doc, system, tally, errors)
    relaxed = _prf(tally["relaxed_sys"], tally["system"], tally["found"], tally["gold"])
    strict = _prf(tally["strict_sys"], tally["system"], tally["strict_gold"], tally["gold"])
    found = tally["found"]
    type_acc = tally["type"] / found if found else 0.0
    value_acc = tally["value"] / found if found else 0.0
    rows = []
    for typ in sorted(set(tally["types"]) | set(tally["sys_types"]), key=lambda t: (t not in TYPES, TYPES.index(t) if t in TYPES else 0, t)):
        t = tally["types"].get(typ, dict.fromkeys(("gold", "found", "strict", "type", "value"), 0))
        n_sys, hit = tally["sys_types"].get(typ, [0, 0])
        rows.append({
            "type": typ, "gold": t["gold"], "found": t["found"],
            "recall": t["found"] / t["gold"] if t["gold"] else float("nan"),
            "strict_recall": t["strict"] / t["gold"] if t["gold"] else float("nan"),
            "type_accuracy": t["type"] / t["found"] if t["found"] else float("nan"),
            "value_accuracy": t["value"] / t["found"] if t["found"] else float("nan"),
            "system": n_sys, "precision": hit / n_sys if n_sys else float("nan"),
        })
    per_type = pd.DataFrame(rows, columns=[
        "type", "gold", "found", "recall", "strict_recall", "type_accuracy", "value_accuracy",
        "system", "precision"]).set_index("type")
    return {
        "documents": n_docs, "gold": tally["gold"], "system": tally["system"], "found": found,
        "relaxed": relaxed, "strict": strict,
        "type_accuracy": type_acc, "value_accuracy": value_acc,
        "value_f1": value_acc * relaxed["f1"],
        "per_type": per_type,
        "errors": pd.DataFrame(errors, columns=ERROR_COLUMNS),
        "seconds": seconds,
    }


def score_folder(
    paths: str | Path | Iterable[str | Path],
    limit: int | None = None,
    extractor: Callable[[str, str], pd.DataFrame] | None = None,
) -> dict:
    """Score an extractor on the ``.tml`` files of folders (or single files).

    Args:
        paths: a folder or file, or several; folders contribute their
            ``*.tml`` files in name order.
        limit: score only the first ``limit`` files of each folder or file given.
        extractor: as in :func:`score_documents`.

    Returns:
        The dict of :func:`score_documents`.

    Raises:
        FileNotFoundError: a path that is neither a file nor a folder.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    for p in paths:
        found = _tml_files([p])
        files.extend(found[:limit] if limit is not None else found)
    return score_documents((read_tml(f) for f in files), extractor)


def format_scores(scores: dict, errors: bool = False) -> str:
    """The report printed by the command line, as text.

    Args:
        scores: the dict of :func:`score_documents`.
        errors: append one line per error.

    Returns:
        Lines of text: counts, span and attribute scores (in percent), the
        per-type table and, when asked, the errors.
    """
    def pct(x: float) -> str:
        return f"{100 * x:6.2f}"

    lines = [
        f"documents: {scores['documents']}   gold timexes: {scores['gold']}   "
        f"system timexes: {scores['system']}   ({scores['seconds']:.2f} s in find_dates)",
        "                      P       R      F1",
        "relaxed span    " + "  ".join(pct(scores["relaxed"][k]) for k in ("precision", "recall", "f1")),
        "strict span     " + "  ".join(pct(scores["strict"][k]) for k in ("precision", "recall", "f1")),
        f"type accuracy   {pct(scores['type_accuracy'])}   (over {scores['found']} gold timexes found, relaxed)",
        f"value accuracy  {pct(scores['value_accuracy'])}",
        f"value F1        {pct(scores['value_f1'])}   (value accuracy x relaxed F1)",
        "",
        "per gold type:",
    ]
    table = scores["per_type"].copy()
    for col in ("recall", "strict_recall", "type_accuracy", "value_accuracy", "precision"):
        table[col] = (100 * table[col]).round(1)
    lines.append(table.to_string())
    if errors:
        lines += ["", "errors (doc | kind | gold text / type / value | system text / type / value | context):"]
        for e in scores["errors"].itertuples(index=False):
            lines.append(
                f"{e.doc} | {e.kind} | {e.gold_text!r} {e.gold_type} {e.gold_value} | "
                f"{e.sys_text!r} {e.sys_type} {e.sys_value} | {e.context}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: score folders of ``.tml`` files and print the report."""
    parser = argparse.ArgumentParser(
        prog="python -m newskit.eval.timeml",
        description="Score newskit.dates.find_dates on TimeML documents (TempEval-3 style).",
    )
    parser.add_argument("folders", nargs="+", help="folders of .tml files (or single files)")
    parser.add_argument("--errors", action="store_true", help="list every error")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files of each folder")
    args = parser.parse_args(argv)
    try:
        scores = score_folder(args.folders, limit=args.limit)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_scores(scores, errors=args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
