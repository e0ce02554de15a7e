"""How well newskit's (NLTK's) VADER scores agree with people, and where whole-text scores saturate.

    python -m benchmarks.sentiment_quality [--shared ../shared] [--saturation]

For each human-rated set in ``shared/sentiment`` (tweets, movie-review and
Amazon-review snippets, rated -4..+4 by 20 people each; Hutto & Gilbert 2014),
prints the Pearson correlation of the human mean rating with

* the compound score of the whole snippet (how the paper scored them), and
* the mean compound of the snippet's sentences (``split_sentences``; how
  ``score_sentiment(..., "article")`` scores an article),

beside the figure the VADER paper reports for VADER on the same set. Nothing
is tuned to these sets.

``--saturation`` also prints, for the TimeBank 1.2 + AQUAINT news stories in
``shared/timebank``, how often |compound| exceeds 0.9 for the whole text and
for the sentence mean, by story length (the measurement behind the article
default in ``newskit.sentiment.scores``).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from newskit.paths import PROJECT_ROOT
from newskit.sentences import split_sentences
from newskit.sentiment import polarity_scores

# (file, label, r reported for VADER in Hutto & Gilbert 2014, Table 4: correlation
# of VADER's compound with the mean human rating). 0.881 for tweets is also in the
# paper's abstract and introduction.
SETS = [
    ("tweets_GroundTruth.txt", "tweets", 0.881),
    ("movieReviewSnippets_GroundTruth.txt", "movie reviews", 0.451),
    ("amazonReviewSnippets_GroundTruth.txt", "Amazon reviews", 0.565),
]


def read_rated(path: Path) -> tuple[list[float], list[str]]:
    """Ratings and texts of one ``*_GroundTruth.txt`` file (id, mean rating, text; tab-separated).

    The files are UTF-8 with CRLF line ends; undecodable bytes become U+FFFD
    rather than stopping the read.
    """
    ratings, texts = [], []
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        for line in handle:
            line = line.rstrip("\r\n")
            if not line:
                continue
            _, rating, text = line.split("\t", 2)
            ratings.append(float(rating))
            texts.append(text)
    return ratings, texts


def sentence_mean(text: str) -> float:
    """Mean compound of the sentences of ``text`` (0.0 when it has none)."""
    spans = split_sentences(text)
    if not spans:
        return 0.0
    return statistics.fmean(polarity_scores(text[s:e])["compound"] for s, e in spans)


def correlations(shared: Path) -> list[tuple[str, int, float, float, float]]:
    rows = []
    for name, label, paper in SETS:
        path = shared / "sentiment" / name
        if not path.exists():
            continue
        ratings, texts = read_rated(path)
        whole = [polarity_scores(t)["compound"] for t in texts]
        mean = [sentence_mean(t) for t in texts]
        rows.append((label, len(texts), statistics.correlation(ratings, whole),
                     statistics.correlation(ratings, mean), paper))
    return rows


def saturation(shared: Path, lengths: tuple[int, ...] = (0, 300, 600)) -> list[tuple[int, int, float, float]]:
    """(min words, stories, share |whole compound| > 0.9, share |sentence mean| > 0.9)."""
    stories = []
    for path in sorted((shared / "timebank").glob("*/*.tml")):
        text = "".join(ET.parse(path).getroot().find("TEXT").itertext())
        whole = polarity_scores(text)["compound"]
        stories.append((len(text.split()), whole, sentence_mean(text)))
    out = []
    for least in lengths:
        picked = [s for s in stories if s[0] >= least]
        if picked:
            out.append((least, len(picked),
                        sum(abs(w) > 0.9 for _, w, _ in picked) / len(picked),
                        sum(abs(m) > 0.9 for _, _, m in picked) / len(picked)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=PROJECT_ROOT.parent / "shared")
    parser.add_argument("--saturation", action="store_true")
    args = parser.parse_args(argv)
    rows = correlations(args.shared)
    if not rows:
        print(f"no rated sets under {args.shared / 'sentiment'}")
        return 1
    print("Pearson r with the mean human rating (newskit = NLTK's VADER, bit for bit)\n")
    print("| set | snippets | r, whole snippet | r, sentence mean | VADER in the paper |")
    print("|---|---:|---:|---:|---:|")
    for label, n, whole, mean, paper in rows:
        print(f"| {label} | {n:,} | {whole:.3f} | {mean:.3f} | {paper:.3f} |")
    print("\nPaper: Hutto & Gilbert (2014), VADER, ICWSM-14, Table 4 (r of VADER's score with the mean of 20 raters).")
    if args.saturation:
        print("\nWhole-text saturation on TimeBank 1.2 + AQUAINT news stories\n")
        print("| words | stories | abs(compound) > 0.9, whole text | abs(compound) > 0.9, sentence mean |")
        print("|---:|---:|---:|---:|")
        for least, n, whole, mean in saturation(args.shared):
            print(f"| >= {least} | {n} | {whole:.0%} | {mean:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
