"""Precision and recall on the labelled sets, the evaluation function, and the packaged data."""
from __future__ import annotations

import pandas as pd
import pycountry
import pytest

from newskit.mentions import TYPES, evaluate, gazetteer_table, load_gazetteer, parse_gold
from newskit.mentions.gazetteer import DATA_DIR, slugify
from newskit.paths import PROJECT_ROOT

LABELLED = PROJECT_ROOT / "tests" / "data" / "mentions"
# The targets for the three types that matter most across stories.
TARGETS = {"person": (0.9, 0.85), "country": (0.9, 0.85), "organization": (0.9, 0.85)}


@pytest.fixture(scope="module")
def scores() -> dict[str, pd.DataFrame]:
    return {name: evaluate(LABELLED / f"{name}.txt").set_index("type") for name in ("gold", "dev", "holdout")}


def test_labelled_sets_are_big_enough():
    total = sum(len(parse_gold(LABELLED / f"{n}.txt")[1]) for n in ("gold", "dev", "holdout"))
    gold = parse_gold(LABELLED / "gold.txt")[1]
    assert len(gold) >= 150 and total >= 450
    assert set(gold["type"]) == set(TYPES)


@pytest.mark.parametrize("labelled", ["gold", "dev", "holdout"])
@pytest.mark.parametrize("type_", sorted(TARGETS))
def test_precision_and_recall_targets(scores, labelled, type_):
    precision, recall = TARGETS[type_]
    row = scores[labelled].loc[type_]
    errors = scores[labelled].attrs["errors"]
    detail = errors[errors["type"] == type_][["error", "surface", "text"]].to_string()
    assert row["precision"] >= precision, detail
    assert row["recall"] >= recall, detail


def test_links_to_the_right_entities(scores):
    assert scores["gold"].loc["all", "id_accuracy"] >= 0.95


def test_evaluate_counts_and_errors():
    s = evaluate(["[[Shigeru Ishiba|person]] met [[Maria Lopez|person]].",  # both found
                  "Officials of [[Kumo|company]] left Japan."])  # Kumo missed; Japan found but not marked
    s = s.set_index("type")
    assert s.loc["person", ["gold", "found", "correct"]].tolist() == [2, 2, 2]
    assert s.loc["company", "recall"] == 0.0 and pd.isna(s.loc["company", "precision"])
    assert s.loc["country", ["gold", "found"]].tolist() == [0, 1]
    errors = s.attrs["errors"]
    assert errors[["error", "surface"]].values.tolist() == [["missed", "Kumo"], ["false", "Japan"]]


def test_parse_gold_formats_agree():
    lines = ["[[Ishiba|person]] met [[Ishiba|person]]'s envoy in [[Tokyo|place]].  # a reason"]
    arts, gold = parse_gold(lines)
    assert arts.loc[0, "why"] == "a reason"
    text = arts.loc[0, "body"]
    rows = pd.DataFrame({"text": [text] * 3, "surface": ["Ishiba", "Ishiba", "Tokyo"], "type": ["person", "person", "place"]})
    _, from_rows = parse_gold(rows)
    assert from_rows[["start", "end", "type"]].values.tolist() == gold[["start", "end", "type"]].values.tolist()
    spans = rows.assign(start=gold["start"], end=gold["end"]).drop(columns="surface")
    assert parse_gold(spans)[1][["start", "end"]].values.tolist() == gold[["start", "end"]].values.tolist()


def test_parse_gold_errors():
    with pytest.raises(ValueError, match=r"type 'animal' is not one of \['person'"):
        parse_gold(["[[Rex|animal]] barked."])
    with pytest.raises(ValueError, match="malformed"):
        parse_gold(["[[Rex barked."])
    with pytest.raises(ValueError, match=r"column 'text' not in DataFrame; available: \['body'\]"):
        parse_gold(pd.DataFrame({"body": ["x"]}))


# -- the packaged data -----------------------------------------------------------------------------

def test_builtin_gazetteer_size_and_ids():
    table = gazetteer_table()
    assert len(table) >= 1500  # several hundred curated entries, plus the countries
    curated = table[~table["entity_id"].str.startswith("country:")]
    assert curated["type"].value_counts().min() >= 100  # every type has a real list
    assert table["entity_id"].is_unique
    prefix = {"person": "person:", "organization": "org:", "company": "company:", "place": "place:", "country": "country:"}
    assert all(e.startswith(prefix[t]) for e, t in zip(table["entity_id"], table["type"]))
    slugs = curated["entity_id"].str.split(":", n=1).str[1]
    assert slugs.str.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*").all()


def test_country_codes_are_pycountry_codes():
    codes = {e.split(":", 1)[1] for e in gazetteer_table()["entity_id"] if e.startswith("country:")}
    known = {c.alpha_2 for c in pycountry.countries} | {"EU", "XK"}
    assert codes <= known and len(codes) >= 249


def test_every_alias_starts_with_a_capital_or_a_digit():
    g = load_gazetteer()
    bad = [k for k in g.senses if not (k[0].isupper() or k[0].isdigit())]
    assert bad == []


def test_countries_have_their_common_names_and_forms():
    g = load_gazetteer()
    for alias, entity in [("U.S.", "country:US"), ("America", "country:US"), ("Britain", "country:GB"),
                          ("U.K.", "country:GB"), ("EU", "country:EU"), ("Russia", "country:RU"),
                          ("South Korea", "country:KR"), ("Korea", "country:KR"), ("Taiwan", "country:TW"),
                          ("Vietnam", "country:VN"), ("Iran", "country:IR"), ("Japanese", "country:JP"),
                          ("Chinese", "country:CN"), ("Americans", "country:US"), ("Czechia", "country:CZ")]:
        assert entity in {s.entity_id for s in g.senses[alias]}, alias
    assert g.senses["States"][0].context == "the"


def test_data_files_are_utf8_tsv_with_a_documented_header():
    for name in ("gazetteer.tsv", "countries.tsv", "given_names.txt"):
        text = (DATA_DIR / name).read_text(encoding="utf-8")
        assert text.startswith("#") and "Source" in text or "source" in text


def test_slugify_is_ascii():
    assert slugify("Maroš Šefčovič") == "maros-sefcovic"


def test_evaluate_takes_records():
    records = [{"text": "Shigeru Ishiba met Maria Lopez in Tokyo.",
                "mentions": [["Shigeru Ishiba", "person"], {"surface": "Maria Lopez", "type": "person"}, ["Tokyo", "place"]]},
               {"text": "Nothing here.", "mentions": []}]
    s = evaluate(records).set_index("type")
    assert s.loc["all", ["gold", "found", "correct"]].tolist() == [3, 3, 3]
