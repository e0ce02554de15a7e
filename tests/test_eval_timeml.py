"""The TimeML scorer: parsing, TempEval-3 arithmetic on a hand-made document, CLI, dev-set targets."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from newskit.eval.timeml import ERROR_COLUMNS, format_scores, main, parse_tml, score_documents, score_folder

TIMEBANK = Path(__file__).resolve().parents[1].parent / "shared" / "timebank"

# Four gold timexes; the fake system below finds
#   "Friday"          exactly, right type and value      -> strict + relaxed, value ok
#   "last week"       as "late last week" (overlap)       -> relaxed only, value wrong
#   "90 days"         exactly, wrong type (DATE)          -> strict + relaxed, value ok, type wrong
#   "each month"      not at all                          -> missed
# plus one spurious "25%" timex.
TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>toy</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-06-02" temporalFunction="false" functionInDocument="CREATION_TIME">20250602</TIMEX3></DCT>
<TEXT>
Trump spoke on <TIMEX3 tid="t1" type="DATE" value="2025-05-30">Friday</TIMEX3> &amp; tariffs rose 25% late <TIMEX3 tid="t2" type="DATE" value="2025-W22">last week</TIMEX3>.
The pause lasts <TIMEX3 tid="t3" type="DURATION" value="P90D">90 days</TIMEX3>; talks are held <TIMEX3 tid="t4" type="SET" value="P1M">each month</TIMEX3>.<TIMEX3 tid="t5" type="DATE" value="PRESENT_REF"/>
</TEXT>
</TimeML>
"""


def _fake(text: str, anchor: str) -> pd.DataFrame:
    assert anchor == "2025-06-02"
    rows = []
    for phrase, typ, value in [("Friday", "DATE", "2025-05-30"), ("late last week", "DATE", "2025-W21"),
                               ("90 days", "DATE", "P90D"), ("25%", "DATE", "2025")]:
        i = text.index(phrase)
        rows.append((i, i + len(phrase), phrase, typ, value))
    return pd.DataFrame(rows, columns=["start", "end", "text", "type", "value"])


def test_parse_keeps_offsets_of_the_plain_text():
    doc = parse_tml(TML, "toy")
    assert doc.dct == "2025-06-02"
    assert "&amp;" not in doc.text and " & " in doc.text  # entities decoded
    assert len(doc.gold) == 4  # the self-closing (non-consuming) TIMEX3 has no span
    for row in doc.gold.itertuples():
        assert doc.text[row.start:row.end] == row.text
    assert doc.gold["value"].tolist() == ["2025-05-30", "2025-W22", "P90D", "P1M"]


def test_parse_rejects_documents_without_text_or_dct():
    with pytest.raises(ValueError, match="no <TEXT> element"):
        parse_tml("<TimeML><DCT></DCT></TimeML>", "bad")
    with pytest.raises(ValueError, match="CREATION_TIME"):
        parse_tml("<TimeML><TEXT>Friday</TEXT></TimeML>", "bad")


def test_scoring_arithmetic_on_a_hand_made_document():
    s = score_documents([parse_tml(TML, "toy")], _fake)
    assert (s["documents"], s["gold"], s["system"], s["found"]) == (1, 4, 4, 3)
    # relaxed: 3 of 4 system timexes overlap gold, 3 of 4 gold are found
    assert s["relaxed"] == pytest.approx({"precision": 0.75, "recall": 0.75, "f1": 0.75})
    # strict: "Friday" and "90 days" have exact offsets
    assert s["strict"] == pytest.approx({"precision": 0.5, "recall": 0.5, "f1": 0.5})
    # over the 3 found: types right for 2 ("90 days" typed DATE), values right for 2 (W21 != W22)
    assert s["type_accuracy"] == pytest.approx(2 / 3)
    assert s["value_accuracy"] == pytest.approx(2 / 3)
    assert s["value_f1"] == pytest.approx(2 / 3 * 0.75)
    per = s["per_type"]
    assert per.loc["DATE", "gold"] == 2 and per.loc["DATE", "found"] == 2
    assert per.loc["SET", "recall"] == 0.0
    assert per.loc["DURATION", "type_accuracy"] == 0.0 and per.loc["DURATION", "value_accuracy"] == 1.0
    assert per.loc["DATE", "system"] == 4 and per.loc["DATE", "precision"] == pytest.approx(0.75)
    errors = s["errors"]
    assert list(errors.columns) == ERROR_COLUMNS
    assert sorted(errors["kind"]) == ["missed", "spurious", "type", "value"]
    assert errors.set_index("kind").loc["value", "sys_value"] == "2025-W21"
    assert errors.set_index("kind").loc["spurious", "sys_text"] == "25%"


def test_score_folder_limit_and_cli(tmp_path, capsys):
    for name in ("a.tml", "b.tml"):
        (tmp_path / name).write_text(TML, encoding="utf-8")
    assert score_folder(tmp_path, extractor=_fake)["documents"] == 2
    assert score_folder([tmp_path], limit=1, extractor=_fake)["documents"] == 1
    report = format_scores(score_folder(tmp_path, extractor=_fake), errors=True)
    assert "relaxed span" in report and "value F1" in report and "| missed |" in report
    # the command line runs the real find_dates
    assert main([str(tmp_path), "--errors", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "documents: 1" in out and "strict span" in out and "per gold type" in out
    assert main([str(tmp_path / "missing")]) == 2


@pytest.mark.skipif(not TIMEBANK.is_dir(), reason="../shared/timebank is not beside the checkout")
def test_dev_set_stays_above_targets():
    # TimeBank + AQUAINT (256 documents): targets value F1 >= 80, relaxed F1 >= 90
    s = score_folder([TIMEBANK / "TimeBank", TIMEBANK / "AQUAINT"])
    assert s["documents"] == 256 and s["gold"] == 1822
    assert s["relaxed"]["f1"] >= 0.90
    assert s["value_f1"] >= 0.80
