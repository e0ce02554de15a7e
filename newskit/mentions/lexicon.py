"""Word lists behind the mention rules, with where each comes from.

Titles, organisation heads and company suffixes follow the AP Stylebook
("titles", "company names", "government bodies") and the cue words of rule-based
name finders (Mikheev, Moens & Grover 1999, "Named entity recognition without
gazetteers"; Chinchor 1998, MUC-7 guidelines); verbs of saying and of
government action are the reporting verbs of news copy (Bergler 1992) as they
occur after "Tokyo"/"Beijing"/"Washington" in the sample corpus and in Reuters
style; everything else is noted where it is defined.
"""
from __future__ import annotations

import functools
from pathlib import Path

from newskit.sentences import SENTENCE_STARTERS

DATA_DIR = Path(__file__).resolve().parent / "data"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles before a name: "Prime Minister Shigeru Ishiba", "spokesperson Lin Jian",
# "Sen. Ron Wyden" (AP Stylebook "titles"; military and courtesy titles from AP's
# abbreviation list). Lower-case forms are how news copy writes a title used as
# a description ("economist Jane Doe", "minister Ryosei Akazawa").
TITLES = frozenset(
    """President|Vice President|President-elect|Prime Minister|Deputy Prime Minister|Minister|Deputy Minister
    |Foreign Minister|Finance Minister|Trade Minister|Economy Minister|Industry Minister|Commerce Minister
    |Defense Minister|Defence Minister|Agriculture Minister|Energy Minister|Economic Minister|Chief Cabinet Secretary
    |Secretary|Secretary of State|Secretary of Commerce|Secretary of the Treasury|Secretary of Defense
    |Secretary General|Secretary-General|Treasury Secretary|Commerce Secretary|Defense Secretary|Agriculture Secretary
    |Energy Secretary|Interior Secretary|Labor Secretary|Press Secretary|Home Secretary|Foreign Secretary
    |Business Secretary|Trade Representative|Chancellor|Vice Chancellor|Premier|Vice Premier|Governor|Gov.
    |Deputy Governor|Lt. Gov.|Senator|Sen.|Rep.|Representative|Congressman|Congresswoman|Ambassador|Commissioner
    |Trade Commissioner|Chairman|Chairwoman|Chair|Chairperson|CEO|Chief Executive|Chief Executive Officer
    |Director|Director-General|Director General|Managing Director|Mayor|Judge|Justice|Chief Justice|King|Queen
    |Prince|Crown Prince|Princess|Emperor|Empress|Pope|Speaker|House Speaker|Leader|Majority Leader|Minority Leader
    |Attorney General|Gen.|Adm.|Admiral|Lt.|Col.|Maj.|Capt.|Sgt.|Mr.|Mrs.|Ms.|Dr.|Prof.|Professor|Sheikh
    |Ayatollah|Sir|Dame|Rev.|Mr|Mrs|Ms|Dr|Spokesperson|Spokesman|Spokeswoman|Envoy|Special Envoy|Counselor|Adviser|Advisor
    |Economist|Analyst|Strategist|Negotiator|Chief Negotiator|Chief Economist
    |president|vice president|prime minister|minister|secretary|chancellor|premier|governor|senator|ambassador
    |commissioner|chairman|chairwoman|chief executive|director|mayor|judge|spokesperson|spokesman|spokeswoman
    |envoy|adviser|advisor|economist|analyst|strategist|negotiator|lawmaker|legislator|founder|co-founder
    |professor|researcher|lawyer|attorney|activist|executive|counselor|candidate|opposition leader
    |trade negotiator|chief negotiator|chief economist|chief strategist|senior economist|senior analyst""".replace("\n", "").split("|")
) - {""}
TITLES = frozenset(t.strip() for t in TITLES)

# Courtesy titles: a name after one is a person, but they are no role.
HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Sir", "Dame", "Rev.", "Mr", "Mrs", "Ms", "Dr"})

# The head of a role (at least one must be in a role phrase), lower case.
ROLE_HEADS = _words(
    """president minister secretary chancellor premier governor gov. senator sen. rep. representative ambassador
    commissioner chairman chairwoman chair chairperson ceo executive director director-general secretary-general
    mayor judge justice king queen prince princess emperor empress pope speaker leader spokesperson spokesman
    spokeswoman adviser advisor negotiator envoy economist analyst strategist counselor official officer founder
    co-founder head chief general gen. adm. admiral lawmaker legislator professor researcher president-elect
    congressman congresswoman attorney lawyer activist candidate sheikh ayatollah"""
)
# Words that may stand in a role before a name besides the heads ("Treasury
# Secretary", "top trade negotiator", "White House economic adviser" -> "economic
# adviser"; AP's "titles" entry lists the department and office words).
ROLE_WORDS = ROLE_HEADS | _words(
    """prime vice deputy acting former top senior junior special chief cabinet general executive managing press
    trade foreign finance economy economic economics commerce treasury defense defence agriculture industry energy
    interior labor labour health transport transportation education environment digital security national homeland
    state house senate majority minority opposition party central bank monetary policy fiscal international
    domestic foreign-policy permanent principal assistant associate lead federal regional provincial city
    chief-of-staff staff political military army naval air force revitalization of the and for"""
)

# Role heads that name an employer after "of/at/for" ("chief executive of Severstal",
# "an analyst at Renaissance Capital", "owner of Jaguar Land Rover"): rule R.
EMPLOYEE_HEADS = _words(
    """chief executive officer ceo chairman chairwoman president founder co-founder owner analyst economist
    strategist trader executive director head researcher fellow engineer employee manager partner spokesperson
    spokesman spokeswoman unit subsidiary parent rival supplier maker affiliate chief lawyer attorney consultant
    banker broker adviser advisor scientist"""
) | {"chief executive", "managing director", "chief economist", "chief financial officer", "general manager"}
# Organisation heads: a capitalised phrase ending in one, or "<Head> of ...", is an
# organisation (MUC-7 ORGANIZATION cues; Mikheev et al. 1999 "organisation
# designators"). "Exchange" makes a company (stock exchanges are listed firms).
ORG_HEADS = _words(
    """Party Court Movement Agency Bank Council Commission Committee Ministry Department Office Authority
    Association Federation Union Institute University Organization Organisation Foundation Alliance Coalition
    Board Bureau Service Administration Parliament Assembly Fund Forum Society Chamber Center Centre Embassy
    Consulate Police Army Navy Guard Exchange Reserve League Front Congress Senate Secretariat Tribunal Academy
    College Trust Institution Directorate Cabinet Caucus Confederation Syndicate Cooperative Commissariat
    Inspectorate Regulator Observatory"""
)
# Heads that make a place: "Dulles International Airport", "Aichi Prefecture", "Port of Los Angeles".
PLACE_HEADS = _words("Airport Prefecture Province Island Islands Strait Sea River Bay Canal Peninsula City County Port Harbor Harbour Valley Desert")
# Company designators (AP Stylebook "company names"; ISO 20275 entity legal forms
# most frequent in English-language news).
COMPANY_SUFFIXES = frozenset(
    "Corp.|Corporation|Inc.|Incorporated|Co.|Company|Ltd.|Limited|LLC|L.L.C.|LLP|PLC|plc|AG|SE|S.A.|SA|S.p.A.|SpA|GmbH|N.V.|NV|B.V.|Pty|Holdings|K.K.".split("|")
)
# Words that end company names without a legal designator ("Tokyo Gas", "Summit Asset
# Management", "Acme Analytics"): the most frequent last words of company names in the
# SEC EDGAR company list and the Tokyo Stock Exchange's English listing (industry words).
CORPORATE_WORDS = frozenset(
    """Motors Electric Electronics Steel Airlines Airways Energy Oil Petroleum Gas Power Capital Securities
    Pharma Pharmaceutical Pharmaceuticals Foods Partners Systems Technologies Technology Semiconductor
    Semiconductors Chemicals Chemical Industries Logistics Shipping Lines Automotive Mining Metals Resources
    Insurance Financial Investments Ventures Media Networks Communications Telecom Software Labs Analytics
    Consulting Trading Retail Brands Apparel Textiles Shipbuilding Engineering Aerospace Robotics Materials
    Tires Beverages Brewing Brewery Dairy Farms Management Advisors Advisers Research Semiconductors
    Biotech Therapeutics Motor Steelworks Works""".split()
)
# Verbs that close a quotation or paraphrase after a name: "Maria Lopez said".
SPEECH_VERBS = _words(
    """said says told added noted wrote argued warned explained stated insisted recalled replied acknowledged
    cautioned predicted emphasized emphasised stressed asserted conceded complained admitted"""
)
# A capital followed by one of these acts as its government ("Beijing retaliated",
# "Tokyo and Washington should deepen cooperation"); is/was are left out
# ("Tokyo was hot"). Reporting and modal verbs after capitals in the sample corpus
# and Reuters style; Markert & Nissim (2007) "SemEval-2007 Task 08: metonymy
# resolution" give subject-of-action-verb as the strongest cue.
GOV_VERBS = _words(
    """said says has have had will would should could must may might can wants wanted insists insisted accused
    accuses imposed imposes retaliated retaliates retaliate agreed agrees announced announces rejected rejects
    responded responds warned warns urged urges hopes hoped plans planned vowed vows threatened threatens demanded
    demands sought seeks signed approved denied denies pushed pushes pressed presses offered offers proposed
    proposes refused refuses declined dismissed criticized criticised criticizes criticises welcomed welcomes
    condemned protested blamed blames asked asks filed launched raised lifted eased suspended halted banned
    restricted targeted considers considered expects expected believes believed fears feared argues argued claims
    claimed maintains views regards needs sees also slapped hit struck sanctioned recognized recognised backed
    supports supported opposed opposes reached negotiated summoned agreed hopes intends intended aims aimed
    appears seems did does is-set remains remained"""
)
# Nouns after a capital's possessive that make it the government ("Beijing's retaliation").
POLICY_NOUNS = _words(
    """policy policies tariff tariffs decision decisions response position stance move moves retaliation approach
    plan plans proposal proposals sanctions measures offer request pressure strategy support relations ties
    negotiators negotiator envoy concerns message objections push efforts threat threats actions rules
    restrictions controls ambassador delegation demands demand commitment commitments refusal insistence
    willingness reluctance priorities priority agenda claims consent approval objection"""
)
# Nouns before "with"/"from" that make the capital after them a government
# ("talks with Tokyo", "pressure from Washington").
RELATION_NOUNS = _words(
    """talks negotiations deal agreement agreements ties relations dispute disputes tensions pact cooperation
    accord truce friction rift pressure response demands criticism approval retaliation signal signals message
    opposition support concessions"""
)
# Words before a capital that make it the government they act on ("asked Washington
# to extend", "retaliation against Beijing", "tariffs imposed by Washington").
OBJECT_CUES = _words(
    """asked urged pressed told lobbied petitioned warned accused criticized criticised blamed sued persuaded
    pressured pressuring pushing pushed against by convince convinced reassured angered irked"""
)
# Words before a place name that make it a place, not its government.
LOCATIVES = _words(
    """in at to from near outside around across into toward towards via visit visited visiting visits left
    reached arrived arriving based headquartered through throughout downtown suburban central northern southern
    eastern western of within inside flew travel traveled travelled trip"""
)
# Titles of a U.S. state's officials: "Washington Gov. Bob Ferguson" is the state's.
STATE_TITLES = _words("Gov. Governor Lt. Sen. Senator Rep. Attorney Secretary legislature lawmakers voters")
# Words before "May" (and the other month-names that are surnames) that make it the month.
TEMPORAL = _words("in since by until till from early late mid last next this of during through before after since on")
MONTHS = _words("January February March April May June July August September October November December Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.")
DAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
# Capitalised words that never belong to a person's name: sentence starters
# (newskit.sentences.SENTENCE_STARTERS), days, months that are not also names,
# title words, organisation and company designators, and common capitalised nouns
# of news copy (Liberation Day, Section 232, the Act ...).
NOT_NAME = (
    frozenset(w.capitalize() for w in SENTENCE_STARTERS)
    | DAYS
    | (MONTHS - {"May", "June", "April", "August"})
    | frozenset(w for t in TITLES for w in t.split() if w[:1].isupper())
    | ORG_HEADS
    | PLACE_HEADS
    | COMPANY_SUFFIXES
    | _words(
        """I Mr Ms Mrs Dr Sen Rep Gov Officials Official Analysts Minister Ministers Lawmakers Authorities Police
        Government Governments State States Republic Kingdom Day Act Law Section Article Street Avenue Road
        Tower Building Summit War Plan Program Programme Deal Agreement Treaty Initiative Index Fund Stock
        Stocks Shares Markets Market Trade Tariff Tariffs Trump's Earlier Later Meanwhile However Still Yet
        Instead Separately Also Last Next Several Many Most Every Each New Former Only First Second Third Both
        Neither Either Nor Not Why How Who What Where When Which Whose Please Thank Thanks Dear Yes Okay OK
        Breaking Update Updated Photo File Reporting Editing Writing Read Watch Sign Subscribe Hashtags Comments
        Related Articles Today Tomorrow Yesterday Tonight Christmas Easter Thanksgiving Halloween Ramadan
        Olympics Cup League Championship Bowl Expo Festival Conference Forum Week Month Year Morning Evening
        God Allah Internet Web Online North South East West Northern Southern Eastern Western Central
        Democrats Republicans Communist Socialist Liberal Conservative Labour Green Greens"""
    )
)
# Capitalised words that start a sentence but never an organisation's name
# ("Earlier, the ..."), and title heads that end one's "of ..." tail ("Bank of
# Japan Governor Kazuo Ueda").
LEAD_STOP = (
    frozenset(w.capitalize() for w in SENTENCE_STARTERS)
    | DAYS
    | (MONTHS - {"May"})
    | _words("""Earlier Later Meanwhile However Still Yet Instead Separately Also Last Next Several Many Most Every
        Each Only First Both Neither Either Why How Who What Where When Which Whose Today Tomorrow Yesterday
        Officials Analysts Shares Stocks""")
)
TAIL_STOP = LEAD_STOP | frozenset(w.capitalize() for w in ROLE_HEADS) | {"CEO"}
# Function words inside organisation names, skipped when reading initials ("CDPJ").
NAME_FUNCTION_WORDS = _words("of the and for & on in at to de du des la le")
# Particles inside personal names ("Ursula von der Leyen", "Lula da Silva", "bin Salman").
PARTICLES = ("von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la", "le", "bin", "ibn", "ter", "zu")
# Hyphenated modifiers that end a name ("Tokyo-based Nidec" is "Nidec").
MODIFIER_SUFFIXES = _words("based led owned made backed listed controlled focused bound born run linked funded allied dominated affiliated")


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The given names of ``data/given_names.txt`` (rule G)."""
    lines = (DATA_DIR / "given_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))
