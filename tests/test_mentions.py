"""find_mentions: the seed page, the table it returns, matching, the rules, the caller's gazetteer."""
from __future__ import annotations

import pandas as pd
import pytest

from newskit import load_articles
from newskit.mentions import MENTION_COLUMNS, find_mentions, load_gazetteer, read_gazetteer
from newskit.mentions import trie
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return load_articles(SEED)


@pytest.fixture(scope="module")
def seed_mentions(seed) -> pd.DataFrame:
    return find_mentions(seed)


def one(text: str, **kw) -> pd.DataFrame:
    """The mentions of one body."""
    return find_mentions(pd.DataFrame({"article_id": ["a"], "body": [text], **kw}))


def found(text: str) -> list[tuple[str, str]]:
    return [(r.surface, str(r.type)) for r in one(text).itertuples()]


# -- the seed page ------------------------------------------------------------------------

def stories_of(mentions: pd.DataFrame, entity_id: str) -> int:
    return mentions.loc[mentions["entity_id"] == entity_id, "article_id"].nunique()


def test_seed_page_has_four_stories(seed):
    assert len(seed) == 4


@pytest.mark.parametrize(
    "entity_id, stories",
    [
        ("person:donald-trump", 4),  # all four stories
        ("country:US", 4),
        ("country:JP", 3),  # not in the refugee story
        ("country:CN", 2),  # the main article and the Reuters story
    ],
)
def test_seed_entities_across_stories(seed_mentions, entity_id, stories):
    assert stories_of(seed_mentions, entity_id) == stories


@pytest.mark.parametrize(
    "name, type_, entity_id",
    [
        ("Shigeru Ishiba", "person", "person:shigeru-ishiba"),
        ("Ryosei Akazawa", "person", "person:ryosei-akazawa"),
        ("Scott Bessent", "person", "person:scott-bessent"),
        ("Kevin Hassett", "person", "person:kevin-hassett"),
        ("Jaco Kleynhans", "person", "person:jaco-kleynhans"),  # in no gazetteer: rule A (apposition)
        ("Cyril Ramaphosa", "person", "person:cyril-ramaphosa"),
        ("Nippon Steel", "company", "company:nippon-steel"),
        ("U.S. Steel", "company", "company:us-steel"),
        ("Court of International Trade", "organization", "org:court-of-international-trade"),
        ("Constitutional Democratic Party of Japan", "organization", "org:cdpj"),
    ],
)
def test_seed_entities_found_with_their_type(seed_mentions, name, type_, entity_id):
    rows = seed_mentions[seed_mentions["name"] == name]
    assert len(rows) >= 1
    assert set(rows["type"].astype(str)) == {type_}
    assert set(rows["entity_id"]) == {entity_id}


@pytest.mark.parametrize("author", ["Jarrett Renshaw", "Michelle Gumede", "Renshaw", "Gumede"])
def test_seed_authors_are_not_mentions(seed, seed_mentions, author):
    assert author in {a for authors in seed["authors"] for a in authors} | {"Renshaw", "Gumede"}
    assert not seed_mentions["surface"].str.lower().str.contains(author.lower()).any()
    assert not seed_mentions["name"].str.lower().str.contains(author.lower()).any()


def test_seed_roles_metonyms_and_aliases(seed_mentions):
    by = seed_mentions.set_index(["surface", "sentence_id", "article_id"])
    roles = dict(zip(seed_mentions["surface"], seed_mentions["role"]))
    assert roles["Scott Bessent"] == "Treasury Secretary"
    assert roles["Shigeru Ishiba"] == "Prime Minister"
    assert roles["Jaco Kleynhans"] == "head of international liaison at the Solidarity Movement"
    assert roles["Ryosei Akazawa"] == "minister in charge of economic revitalization"
    capitals = seed_mentions[seed_mentions["surface"].isin(["Tokyo", "Washington"])]
    assert capitals["metonym"].all() and set(capitals["kind"]) == {"capital"}  # "Tokyo and Washington should ..."
    assert set(capitals["entity_id"]) == {"country:JP", "country:US"}
    assert len(by) == len(seed_mentions)
    # "Trump" after "U.S. President Donald Trump", "CDPJ" for the party, "Kleynhans" alone
    cdpj = seed_mentions[seed_mentions["surface"] == "CDPJ"]
    assert len(cdpj) == 2 and set(cdpj["entity_id"]) == {"org:cdpj"}
    alone = seed_mentions[seed_mentions["surface"] == "Kleynhans"]
    assert list(alone["entity_id"]) == ["person:jaco-kleynhans"] and list(alone["how"]) == ["surname"]


def test_seed_country_kinds(seed_mentions):
    kinds = dict(zip(seed_mentions["surface"], seed_mentions["kind"].astype(str)))
    assert kinds["Japanese"] == "adjective"  # "Japanese designs"
    assert kinds["Chinese"] == "adjective"  # "cheap Chinese steel products"
    assert kinds["South Africans"] == "demonym"
    assert kinds["Japan"] == "name"


# -- the table -----------------------------------------------------------------------------

def test_columns_dtypes_and_offsets(seed, seed_mentions):
    assert list(seed_mentions.columns) == [c.name for c in MENTION_COLUMNS]
    for c in MENTION_COLUMNS:
        assert str(seed_mentions[c.name].dtype) == str(pd.Series([], dtype=c.dtype).dtype), c.name
    bodies = dict(zip(seed["article_id"], seed["body"]))
    from newskit.sentences import split_sentences

    for r in seed_mentions.itertuples():
        body = bodies[r.article_id]
        assert body[r.start:r.end] == r.surface
        s, e = split_sentences(body)[r.sentence_id]
        assert s <= r.start and r.end <= e + 1
    assert seed_mentions["kind"].notna().eq(seed_mentions["type"] == "country").all()


def test_input_not_mutated(seed):
    before = seed.copy(deep=True)
    find_mentions(seed)
    pd.testing.assert_frame_equal(seed, before)
    gaz = pd.DataFrame({"name": ["Zoë Müller"], "type": ["person"], "aliases": [["Zoe Muller"]]})
    gaz_before = gaz.copy(deep=True)
    find_mentions(pd.DataFrame({"article_id": ["x"], "body": ["Zoe Muller spoke."]}), gaz)
    pd.testing.assert_frame_equal(gaz, gaz_before)


def test_missing_body_and_empty_input():
    df = pd.DataFrame({"article_id": ["a", "b"], "body": [None, "Japan said."]})
    assert find_mentions(df)["article_id"].tolist() == ["b"]
    empty = find_mentions(df.iloc[:0])
    assert empty.empty and list(empty.columns) == [c.name for c in MENTION_COLUMNS]


def test_errors_list_available_columns_and_bad_values():
    with pytest.raises(ValueError, match=r"column 'body' not in DataFrame; available: \['article_id', 'text'\]"):
        find_mentions(pd.DataFrame({"article_id": ["a"], "text": ["x"]}))
    with pytest.raises(TypeError, match="holds a int at row 0"):
        find_mentions(pd.DataFrame({"article_id": ["a"], "body": [3]}))
    with pytest.raises(ValueError, match=r"type 'animal' is not one of \['person', 'country'"):
        find_mentions(pd.DataFrame({"article_id": ["a"], "body": ["x"]}), [{"name": "Rex", "type": "animal"}])
    with pytest.raises(ValueError, match=r"columns \['type'\] missing; available: \['name'\]"):
        read_gazetteer([{"name": "Rex"}])


# -- matching --------------------------------------------------------------------------------

def test_longest_match_wins():
    assert found("Nippon Steel Corp. bought U.S. Steel, a U.S. company.") == [
        ("Nippon Steel Corp.", "company"), ("U.S. Steel", "company"), ("U.S.", "country")]


def test_word_boundaries():
    assert found("Japanese firms and McDonald's") == [("Japanese", "country"), ("McDonald's", "company")]
    assert found("Japanification and USAID") == []  # no "Japan", no "USA" inside words


def test_non_ascii_names():
    assert found("Recep Tayyip Erdoğan met Lee Jae-myung.") == [("Recep Tayyip Erdoğan", "person"), ("Lee Jae-myung", "person")]
    assert found("Zoë Müller, an economist at the bank, spoke.")[0] == ("Zoë Müller", "person")


def test_line_breaks_inside_names():
    m = one("Officials of the Bank\nof Japan met.")
    assert m["entity_id"].tolist() == ["org:bank-of-japan"] and m["surface"].tolist() == ["Bank\nof Japan"]


def test_trie_pattern_is_one_alternation_of_literals():
    pattern = trie.trie_pattern(["Japan", "Japanese", "Jaco"])
    assert pattern.count("J") == 1  # one branch for the shared first letter
    assert trie.scan(trie.compile_names(["Japan", "Japanese"]), "Japanese Japan Japans") == [(0, 8), (9, 14)]


# -- the rules, one test each ------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        # T: titles, capitalised and lower-case
        ("Prime Minister Taro Yamada resigned.", [("Taro Yamada", "person", "title", "Prime Minister")]),
        ("The talks were led by minister Wanjiru Kamau on Monday.", [("Wanjiru Kamau", "person", "title", "minister")]),
        ("Ministry spokesperson Chidi Okonkwo declined to comment.", [("Chidi Okonkwo", "person", "title", "spokesperson")]),
        # A: apposition
        ("Jaco Kleynhans, head of international liaison at the group, said so.",
         [("Jaco Kleynhans", "person", "apposition", "head of international liaison at the group")]),
        # S: speech verbs and "according to"
        ("Kwame Mensah said the port was closed.", [("Kwame Mensah", "person", "speech", None)]),
        ("According to Ravi Shastri, prices rose.", [("Ravi Shastri", "person", "speech", None)]),
        # G: a known given name
        ("Maria Lopez sells soybeans.", [("Maria Lopez", "person", "given-name", None)]),
        # C: company suffixes and industry words
        ("Daido Kogyo Co. cut its forecast.", [("Daido Kogyo Co.", "company", "company-suffix", None)]),
        ("Orders at Acme Widgets Inc. fell.", [("Acme Widgets Inc.", "company", "company-suffix", None)]),
        ("Shares of Kumo Robotics jumped.", [("Kumo Robotics", "company", "company-suffix", None)]),
        # O: organisation heads, before and with an "of" tail
        ("The Solidarity Movement objected.", [("Solidarity Movement", "organization", "org-head", None)]),
        ("The Ministry of Agriculture and Rural Affairs spoke.",
         [("Ministry of Agriculture and Rural Affairs", "organization", "org-head", None)]),
        ("The Osaka High Court ruled.", [("Osaka High Court", "organization", "org-head", None)]),
        ("Delegates of the Green Party left.", [("Green Party", "organization", "org-head", None)]),
        ("The Kigali Export Agency grew.", [("Kigali Export Agency", "organization", "org-head", None)]),
        ("The Nordic Investment Bank lent more.", [("Nordic Investment Bank", "organization", "org-head", None)]),
        ("The Pacific Islands Forum Council met.", [("Pacific Islands Forum Council", "organization", "org-head", None)]),
        # P: place heads and "City, State"
        ("Flights at Dulles International Airport resumed.", [("Dulles International Airport", "place", "place-head", None)]),
        ("Workers in Yashiro, Tennessee, cheered.", [("Yashiro", "place", "place-head", None), ("Tennessee", "place", "gazetteer", None)]),
        # R: the employer in a role phrase
        ("Dmitry Kozlov, chief executive of Severstal, spoke.",
         [("Dmitry Kozlov", "person", "given-name", "chief executive of Severstal"), ("Severstal", "company", "role-of", None)]),
    ],
)
def test_rule(text, expected):
    m = one(text)
    got = [(r.surface, str(r.type), str(r.how), None if pd.isna(r.role) else r.role) for r in m.itertuples()]
    assert got == expected


def test_acronym_defined_in_the_text():
    m = one("The Japan Automobile Dealers Association (JADA) said sales fell. JADA expects a weak summer.")
    assert m["surface"].tolist() == ["Japan Automobile Dealers Association", "JADA", "JADA"]
    assert m["entity_id"].nunique() == 1 and set(m["how"].astype(str)) == {"org-head", "acronym"}


def test_acronym_from_initials_of_a_named_organisation():
    m = one("The Federation of Malaysian Manufacturers met, and the FMM urged talks.")
    assert m["surface"].tolist() == ["Federation of Malaysian Manufacturers", "FMM"]
    assert m["entity_id"].nunique() == 1


def test_surname_only_when_the_story_names_the_person():
    m = one("Kleynhans said so.")  # nobody named Kleynhans before: not a mention
    assert m.empty
    m = one("Lee met officials.")  # "Lee" is a weak alias of several people
    assert m.empty
    m = one("South Korean President Lee Jae-myung arrived. Lee met Ishiba.")
    assert m.loc[m["surface"] == "Lee", "entity_id"].tolist() == ["person:lee-jae-myung"]
    m = one("Kim Jong Un and Kim Yo Jong attended. Kim spoke.")  # two Kims: ambiguous
    assert "Kim" not in m["surface"].tolist()
    m = one("President Lee spoke.")  # a title that fits one person's role
    assert m["entity_id"].tolist() == ["person:lee-jae-myung"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In May, Theresa May spoke. May said no.", [("Theresa May", "person"), ("May", "person")]),
        ("May was hot, and exports rose in May.", []),
        ("Turkey is the centerpiece of Thanksgiving dinner.", []),
        ("Turkey said it would retaliate.", [("Turkey", "country")]),
        ("China Daily reported it.", [("China Daily", "company")]),
        ("Fine china and porcelain were taxed.", []),
        ("Apple pie sales rose.", []),
        ("Apple said it would invest.", [("Apple", "company")]),
        ("Michael Jordan said he agreed.", [("Michael Jordan", "person")]),
        ("Jordan said it would join.", [("Jordan", "country")]),
        ("Rep. Jim Jordan spoke. Jordan said no.", [("Jim Jordan", "person"), ("Jordan", "person")]),
        ("Apple growers in Washington state worry.", [("Washington state", "place")]),
        ("Seattle, Washington, is rainy.", [("Seattle", "place"), ("Washington", "place")]),
        ("Washington imposed tariffs.", [("Washington", "country")]),
        ("Officials in Washington declined.", [("Washington", "place")]),
        ("Many moved to the States.", [("the States", "country")]),
        ("Doug Ford spoke. Ford said no.", [("Doug Ford", "person"), ("Ford", "person")]),
        ("Ford said it would cut jobs.", [("Ford", "company")]),
    ],
)
def test_tricky_cases(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, metonym",
    [
        ("Beijing retaliated with duties.", True),
        ("Beijing's response was swift.", True),
        ("Talks with Beijing resumed.", True),
        ("Exporters asked Beijing to act.", True),
        ("Tokyo and Washington should deepen cooperation.", True),
        ("The talks in Beijing ended.", False),
        ("Beijing's streets were empty.", False),
        ("Prices in Beijing rose.", False),
    ],
)
def test_metonymy(text, metonym):
    m = one(text)
    first = m.iloc[0]
    assert bool(first["metonym"]) is metonym
    assert str(first["type"]) == ("country" if metonym else "place")
    assert (str(first["kind"]) == "capital") is metonym


def test_authors_bylines_credits_datelines_and_copyright_are_not_mentions():
    body = ("By Jane Roe\nTOKYO (Kyodo) -- Jane Roe met nobody. Japan said so. "
            "REUTERS/Mike Blake took a photo. © Thomson Reuters 2025.")
    m = one(body, authors=[["Jane Roe"]])
    assert m["surface"].tolist() == ["Japan"]


def test_user_gazetteer_extends_the_builtin(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("name\ttype\taliases\tweak_aliases\nZoë Müller\tperson\tZoe Muller\tMüller\n"
                    "Acme Widgets\tcompany\tAcme\t\n", encoding="utf-8")
    text = "Zoë Müller of Acme met Japan's envoy. Müller left."
    m = find_mentions(pd.DataFrame({"article_id": ["a"], "body": [text]}), path)
    assert m["entity_id"].tolist() == ["person:zoe-muller", "company:acme-widgets", "country:JP", "person:zoe-muller"]
    only = find_mentions(pd.DataFrame({"article_id": ["a"], "body": [text]}), path, builtin=False)
    assert "country:JP" not in only["entity_id"].tolist()
    # the same entries as a DataFrame or a list of dicts give the same gazetteer object (cached)
    rows = [{"name": "Zoë Müller", "type": "person"}]
    assert load_gazetteer(rows) is load_gazetteer(pd.DataFrame(rows))


def test_user_entry_replaces_a_builtin_one():
    m = find_mentions(pd.DataFrame({"article_id": ["a"], "body": ["Ishiba spoke."]}),
                      [{"entity_id": "person:shigeru-ishiba", "name": "Ishiba Shigeru", "type": "person", "aliases": "Ishiba"}])
    assert m["name"].tolist() == ["Ishiba Shigeru"]


def test_rule_dot_com_and_company_short_name():
    m = one("Alibaba Group and JD.com reported slower sales. Daido Kogyo Co. cut jobs, and Daido Kogyo said so.")
    assert [(r.surface, str(r.how)) for r in m.itertuples()] == [
        ("Alibaba Group", "gazetteer"), ("JD.com", "gazetteer"), ("Daido Kogyo Co.", "company-suffix"),
        ("Daido Kogyo", "short-name")]
    assert one("Shares of Zorbex.com rose.")[["surface", "type", "how"]].values.tolist() == [["Zorbex.com", "company", "role-of"]]


def test_rule_company_not_a_place_with_a_designator():
    assert found("India Inc. is investing more.") == [("India", "country")]


def test_speech_rule_name_with_an_industry_word_is_a_company():
    assert found("Kumo Analytics said demand fell.") == [("Kumo Analytics", "company")]


def test_wire_sign_offs_are_not_mentions():
    m = one("Japan said so. (Reporting by Kaori Kaneko in Tokyo; Editing by Jane Smith) "
            "Maria Lopez in Osaka contributed to this report.")
    assert m["surface"].tolist() == ["Japan"]


def test_acronym_definition_makes_an_alias_of_a_gazetteer_name():
    # a gazetteer that knows the party but not its acronym: the text defines it
    gaz = [{"name": "Constitutional Democratic Party of Japan", "type": "organization", "entity_id": "org:cdpj"}]
    body = "The Constitutional Democratic Party of Japan (CDPJ) filed a motion. The CDPJ fell short."
    m = find_mentions(pd.DataFrame({"article_id": ["a"], "body": [body]}), gaz, builtin=False)
    assert m["surface"].tolist() == ["Constitutional Democratic Party of Japan", "CDPJ", "CDPJ"]
    assert set(m["entity_id"]) == {"org:cdpj"} and m["how"].astype(str).tolist() == ["gazetteer", "acronym", "acronym"]
