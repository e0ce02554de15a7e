"""Word lists for tariff events: actions, products, authorities, actors, cues.

Everything here is general news English about trade measures; nothing is keyed
to a document of the sample corpus. Sources, per list:

* Actions follow the CAMEO event codebook (Schrodt 2012, v1.1b3): 163/172
  "impose embargo/sanctions" (impose, raise), 081/085 "ease sanctions" (lower,
  pause, exempt), 138/1312 "threaten with sanctions" (threaten), 0356/046
  "negotiate" and 057 "sign formal agreement" (agree), plus the legal steps of
  a U.S. tariff's life (ruling and stay, 28 U.S.C. §1581 and FRAP Rule 8).
  The verbs per action are those of the ACE 2005 event guidelines' style of
  trigger lists (LDC 2005, §5), written from reading wire copy on tariffs.
* Negation and modality cues follow FactBank (Saurí & Pustejovsky 2009, §3):
  polarity particles and negative predicates; modal auxiliaries, conditionals
  and "intensional" predicates (consider, seek, urge) that make an event not
  factual.
* Products: the sectors of U.S. Section 232 actions 2018-2025 (steel,
  aluminum, autos and parts, copper, lumber, semiconductors, pharmaceuticals,
  trucks) and the goods named in retaliation lists (China's Customs Tariff
  Commission notices, Canada's 2025 countermeasure lists), with their usual
  news synonyms.
* Authorities: the U.S. statutes used for tariffs (19 U.S.C. §1862 "Section
  232", §2411 "Section 301", §2132 "Section 122", §2251 "Section 201",
  50 U.S.C. §1701 IEEPA, Tariff Act of 1930 §338).
* Countries: ISO 3166 names through pycountry, plus the demonyms, capitals
  (as metonyms: "Beijing said") and blocs that news copy uses.
"""
from __future__ import annotations

import re

import pycountry

# ---------------------------------------------------------------------------
# Actions
# ---------------------------------------------------------------------------

ACTIONS = (
    "impose", "raise", "lower", "pause", "resume", "exempt", "threaten", "take_effect",
    "retaliate", "negotiate", "agree", "court_ruling", "court_stay", "deadline",
)

# Words that make a sentence about tariffs at all. "duty" and "levy" only count
# in a trade sense (see NON_TARIFF_DUTY / NON_TARIFF_LEVY below).
TARIFF_NOUN = (
    r"(?:counter-?)?tariffs?(?!-free)|surtax(?:es)?|import\s+surcharges?|import\s+tax(?:es)?|import\s+levies|customs\s+dut(?:y|ies)|"
    r"dut(?:y|ies)(?!-free)|lev(?:y|ies)|countermeasures?"
)
# A rate standing for the tariff ("the rate", "the 15% rate") when the
# sentence is about tariffs; other rates are not.
RATE_NOUN = r"rates?"
OTHER_RATES = re.compile(
    r"\b(?:interest|exchange|unemployment|inflation|mortgage|policy|growth|tax|"
    r"savings|birth|crime|jobless|bank|lending|deposit|participation|vacancy|"
    r"utilization|utilisation|approval)\s+rates?\b",
    re.I,
)

# "duty" outside trade: duty of care, on duty, active-duty, duty to ...
# (1) Oxford English Dictionary senses 1-3 of "duty" (moral or legal
# obligation; a task; being at work) against sense 4 (a tax on goods);
# "duty-free" stays a trade word ("duty-free quota").
NON_TARIFF_DUTY = re.compile(
    r"\b(?:on|off|active|heavy|light|jury|guard|night|desk|patrol|sentry|home|"
    r"military|combat|moral|legal|civic|sacred|patriotic|fiduciary|statutory|"
    r"professional|public|filial|solemn|first|the\s+line\s+of)[-\s]+duty\b|"
    r"\bdut(?:y|ies)\s+(?:of\s+care|to\s+(?!be\b)|roster|officers?|station|free\s+shop)|"
    r"\b(?:feel|felt|feels|have|has|had)\s+(?:a|the|an?\s+\w+)\s+duty\b|"
    r"\bdut(?:y|ies)\s+as\s+|\bcall\s+of\s+duty\b|\bline\s+of\s+duty\b|"
    r"\bduties\s+(?:as|at|in\s+the\s+(?:office|cabinet|government|ministry|role))\b|"
    r"\b(?:his|her|their|its|official|regular|daily|administrative|ministerial|"
    r"household|caring|parental)\s+duties\b(?!\s+(?:on|against|of\s+(?:up\s+to\s+)?\d|to\s+\d|from|at\s+\d))",
    re.I,
)
# "levy" outside trade: domestic taxes and fees. A levy is a tariff only when
# it falls on imports or goods from another country; "a levy on plastic bags",
# the gasoline levy, a tourist or hotel levy and a flood levy are not (decided
# here; the labelled set in tests/data/events has cases of each).
NON_TARIFF_LEVY = re.compile(
    r"\b(?:gasoline|petrol|fuel|plastic[-\s]bags?|bag|sugar|soda|tourist|tourism|hotel|"
    r"visitor|access|entry|congestion|carbon|flood|bank|windfall|property|land|"
    r"provisional|council|training|apprenticeship|digital[-\s]services|health|"
    r"education|airport|departure|solidarity|church|water|waste|landfill|"
    r"broadcasting|licen[cs]e|payroll|insurance|stamp|excise)\s+(?:tax\s+)?lev(?:y|ies)\b|"
    r"\blev(?:y|ies)\s+on\s+(?:plastic|sugary|drinks|visitors|tourists|day-trippers|"
    r"banks|landlords|property|homes|fuel|gasoline|petrol|households|"
    r"single-use|airline\s+tickets|flights|hotel)\b",
    re.I,
)
# Trade words that make a sentence relevant even without "tariff".
TRADE_CUE = re.compile(
    r"\btrade\s+(?:deal|agreement|pact|accord|talks|negotiations?|war|truce|court|framework|"
    r"representative|package)\b|\bCourt\s+of\s+International\s+Trade\b|\bIEEPA\b|"
    r"\bSection\s+(?:232|301|122|201|338)\b|\bcounter-?tariffs?\b|"
    r"\bimport\s+(?:tax|duties|levies)\b|\bduty-free\b|\btariff-free\b",
    re.I,
)

# Trigger patterns, per action. Each entry: (action, kind, regex).
# kind:
#   "tv"  transitive verb: needs a tariff noun as object after it, or before it
#         in the passive ("tariffs were raised");
#   "iv"  intransitive verb: needs a tariff noun as subject before it
#         ("tariffs rose to 50%", "the duties took effect");
#   "xv"  verb that needs only a trade sentence (talks, deals, courts);
#   "noun" an event noun: an event when a light verb governs it ("announced a
#         90-day pause") or it carries its own date ("the Aug. 1 deadline");
#   "light" announce, order, sign ...: takes the action of the event noun or
#         trigger in its object, else means impose when a tariff noun follows.
_V = r"(?:s|es|ed|d|ing)?"
TRIGGERS: tuple[tuple[str, str, str], ...] = (
    # take effect (CAMEO has none: the life cycle of a measure)
    ("take_effect", "iv", r"tak(?:e|es|ing|en)\s+effect|took\s+effect|"
        r"(?:go|goes|going|gone|went)\s+into\s+(?:effect|force)|"
        r"(?:come|comes|coming|came)\s+into\s+(?:effect|force)|"
        r"enter(?:s|ed|ing)?\s+into\s+force|kick(?:s|ed|ing)?\s+in|"
        r"(?:start|starts|started|begin|begins|began|begun)\s+to\s+apply|"
        r"(?:will|would|to|shall)\s+(?:start|begin|apply)\b(?=[^;]{0,40}?\b(?:from|on|starting|as\s+of|in)\b)|"
        r"appl(?:y|ies)\s+from|took\s+hold"),
    ("take_effect", "tv", r"put\s+into\s+(?:effect|force)|put\s+in\s+place|implement(?:s|ed|ing)?|"
        r"(?:bring|brings|brought|bringing)\s+into\s+(?:effect|force)"),
    # threaten (CAMEO 13: threaten; 1312: threaten with sanctions)
    ("threaten", "xv", r"threat(?:en|ens|ened|ening)|warn(?:s|ed|ing)?|menac(?:e|es|ed|ing)|vow(?:s|ed|ing)?(?=\s+(?:[\w.]+\s+){0,3}?to\b)|"
        r"float(?:s|ed|ing)?|recommend(?:s|ed|ing)?|(?:raise|raised|raises|raising)\s+the\s+(?:possibility|prospect|specter|spectre)\s+of"),
    ("threaten", "noun", r"threats?"),
    # retaliate (CAMEO 17 coerce; retaliatory tariffs)
    ("retaliate", "xv", r"retaliat(?:e|es|ed|ing)|(?:hit|hits|hitting|strike|strikes|struck|striking|fire|fires|fired|firing)\s+back|"
        r"counter(?:s|ed|ing)?\s+with|respond(?:s|ed|ing)?\s+with|answer(?:s|ed|ing)?\s+with|"
        r"match(?:es|ed|ing)?(?=\s+[^;]{0,60}?\bwith\s+(?:\w+\s+){0,3}?(?:\d|tariffs?|duties|levies|countermeasures))"),
    ("retaliate", "noun", r"retaliation|countermeasures?|counter-?tariffs?|retaliatory\s+(?:tariffs?|duties|levies|measures?|action)"),
    # court (the trade court's judgment and the appeals court's stay)
    ("court_ruling", "xv", r"rul(?:e|es|ed)|struck\s+down|strik(?:e|es|ing)\s+down|block(?:s|ed|ing)?|"
        r"invalidat(?:e|es|ed|ing)|overturn(?:s|ed|ing)?|upheld|uph(?:old|olds|olding)|"
        r"declar(?:e|es|ed|ing)|f(?:ound|inds)\s+that|vacat(?:e|es|ed)|enjoin(?:s|ed)?"),
    ("court_stay", "xv", r"stay(?:s|ed)?|paus(?:e|es|ed)|suspend(?:s|ed)?|reinstat(?:e|es|ed)|"
        r"put\s+(?:\w+\s+){0,3}on\s+hold|halt(?:s|ed)?|restor(?:e|es|ed)|grant(?:s|ed)?\s+(?:a|an)\s+(?:\w+\s+)?stay"),
    ("court_stay", "noun", r"(?:administrative\s+)?stay"),
    # deadline
    ("deadline", "noun", r"deadlines?|cutoff|cut-off"),
    # pause (CAMEO 085 ease sanctions; a suspension is a pause)
    ("pause", "tv", r"paus" + _V + r"|suspend(?:s|ed|ing)?|delay(?:s|ed|ing)?|postpon(?:e|es|ed|ing)|"
        r"defer(?:s|red|ring)?|put\s+(?:[\w\x22\x27“”‘’-]+\s+){0,6}?on\s+hold|(?:hold|holds|held|holding)\s+off(?:\s+on)?|"
        r"(?:held|hold|kept|keep)\s+in\s+reserve|freez(?:e|es|ing)|froze"),
    # extending a pause is a pause (self-contained: the noun is in the match)
    ("pause", "xv", r"(?:extend|extends|extended|extending)\s+(?:the|a|its|their|his|her)\s+(?:[\w-]+\s+){0,3}?(?:pause|suspension|truce|reprieve|freeze)|"
        r"(?:pause|suspension|truce|reprieve)\s+(?:[\w-]+\s+){0,6}?(?:was|were|has\s+been|have\s+been|is|will\s+be)\s+extended"),
    ("pause", "noun", r"pause|suspension|reprieve|truce|postponement|moratorium|freeze|extension"),
    # resume
    ("resume", "tv", r"resum(?:e|es|ed|ing)|reinstat(?:e|es|ed|ing)|restor(?:e|es|ed|ing)|reimpos(?:e|es|ed|ing)|"
        r"re-impos(?:e|es|ed|ing)|snap(?:s|ped|ping)?\s+back|(?:bring|brings|brought|bringing)\s+back"),
    ("resume", "noun", r"resumption|reinstatement|snapback|snap-back|reimposition"),
    # exempt (CAMEO 081 ease; exclusions from a tariff)
    ("exempt", "xv", r"exempt(?:s|ed|ing)?|exclud(?:e|es|ed|ing)|spar(?:e|es|ed|ing)|waiv(?:e|es|ed|ing)|"
        r"carv(?:e|es|ed|ing)\s+out"),
    ("exempt", "noun", r"exemptions?|exclusions?|carve-?outs?|waivers?"),
    # raise (CAMEO 163 impose embargo / escalation)
    ("raise", "tv", r"rais(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|hik(?:e|es|ed|ing)|doubl(?:e|es|ed|ing)|"
        r"tripl(?:e|es|ed|ing)|quadrupl(?:e|es|ed|ing)|boost(?:s|ed|ing)?|escalat(?:e|es|ed|ing)|"
        r"(?:ramp|ramps|ramped|ramping|jack|jacks|jacked|jacking|bump|bumps|bumped|bumping|step|steps|stepped|stepping)\s+up|"
        r"lift(?:s|ed|ing)?(?=\s[^.;,]{0,60}?\bto\s+(?:about\s+|around\s+|nearly\s+)?\d)"),
    ("raise", "iv", r"(?:rise|rises|rose|risen|rising|climb|climbs|climbed|jump|jumps|jumped|go|goes|went|gone)"
        r"(?:\s+up)?(?=\s+(?:further\s+)?(?:from\s+[^;]{0,40}?)?to\s+(?:about\s+|around\s+|nearly\s+)?\d)|"
        r"increas(?:e|es|ed)(?=\s+(?:from\s+[^;]{0,40}?)?to\s+\d)|doubl(?:e|es|ed)(?=\s+to\s+\d)"),
    ("raise", "noun", r"increases?|hikes?|doubling|tripling|escalation|rises?"),
    # lower (CAMEO 081 ease sanctions)
    ("lower", "tv", r"lower(?:s|ed|ing)?|cut(?:s|ting)?|reduc(?:e|es|ed|ing)|slash(?:es|ed|ing)?|"
        r"eas(?:e|es|ed|ing)|lift(?:s|ed|ing)?|remov(?:e|es|ed|ing)|scrap(?:s|ped|ping)?|"
        r"eliminat(?:e|es|ed|ing)|drop(?:s|ped|ping)?|roll(?:s|ed|ing)?\s+back|repeal(?:s|ed|ing)?|"
        r"revok(?:e|es|ed|ing)|rescind(?:s|ed|ing)?|halv(?:e|es|ed|ing)|scal(?:e|es|ed|ing)\s+back|"
        r"withdr(?:aw|aws|ew|awn|awing)|end(?:s|ed|ing)?|terminat(?:e|es|ed|ing)|abolish(?:es|ed|ing)?"),
    ("lower", "iv", r"(?:fall|falls|fell|fallen|falling|drop|drops|dropped|decline|declines|declined|come|comes|came)"
        r"(?:\s+down)?(?=\s+(?:back\s+)?(?:from\s+[^;]{0,40}?)?to\s+(?:about\s+|around\s+)?(?:\d|zero))|(?:expire|expires|expired|lapse|lapses|lapsed)"),
    ("lower", "noun", r"cuts?|reductions?|removal|elimination|rollback|roll-back|cancellation|repeal"),
    # impose (CAMEO 163 impose embargo, boycott or sanctions)
    ("impose", "tv", r"impos(?:e|es|ed|ing)|slap(?:s|ped|ping)?|lev(?:ied|ying)|(?<=\bto\s)levy|(?<=\bwill\s)levy|(?<=\bwould\s)levy|"
        r"be\s+levied|been\s+levied|(?:is|are|was|were)\s+levied|"
        r"plac(?:e|es|ed|ing)|put(?:s|ting)?(?=\s+[^;]{0,50}?\b(?:tariffs?|duties|levies|levy)\b[^;]{0,30}?\bon\b)|"
        r"(?:hit|hits|hitting)(?=\s+[^;]{0,60}?\bwith\b)|target(?:s|ed|ing)?(?=\s+[^;]{0,60}?\bwith\b)|"
        r"expand(?:s|ed|ing)?|extend(?:s|ed|ing)?(?=\s+(?:\w+\s+){0,3}?(?:tariffs?|duties)\s+to)"),
    ("impose", "noun", r"imposition"),
    # "chips would be subject to a tariff of about 100%": imposition, the goods as subject
    ("impose", "tv", r"(?:will|would|shall|to)\s+(?:also\s+)?(?:be|become)\s+subject\s+to(?=\s+(?:[\w%-]+\s+){0,4}?(?:tariffs?|duties|levies|levy)\b)"),
    # face: the target's side of impose ("Japan will face a 24% tariff")
    ("impose", "face", r"fac(?:e|es|ed|ing)"),
    # negotiate (CAMEO 046 engage in negotiation)
    ("negotiate", "xv", r"had\s+(?:\w+\s+){0,2}?(?:talks|negotiations)|(?:held|hold|holds|holding|began|begin|begins|begun|launch|launched|launches|"
        r"opened|resume|resumed|resumes|start|started|starts|conclude|concluded|concludes|wrap\s+up|wrapped\s+up|"
        r"kick\s+off|kicked\s+off|enter|entered)\s+(?:\w+\s+){0,6}?(?:talks|negotiations|consultations|meetings?)|"
        r"(?:talks|negotiations|consultations)\s+(?:\w+\s+){0,7}?(?:began|begun|started|kicked\s+off|resumed|opened|"
        r"took\s+place|were\s+held|got\s+under\s+way|got\s+underway|ended|concluded)|"
        r"(?:met|meets|meet)\b(?=\s+(?:with\s+)?(?:[A-Z]|his|her|their)|[^;]{0,120}?\b(?:to\s+discuss|talks|negotiat|tariff|trade))|"
        r"negotiat(?:ed|es)\b|(?:discuss|discussed|discusses)(?=\s+(?:\w+\s+){0,3}?(?:tariffs?|duties|trade))"),
    ("negotiate", "noun", r"round\s+of\s+(?:\w+\s+){0,3}?(?:talks|negotiations|consultations)|"
        r"(?:trade|tariff)\s+talks|negotiations"),
    # agree (CAMEO 057 sign formal agreement; 0356 agree to ...)
    ("agree", "xv", r"(?:reach|reached|reaches|reaching|strike|strikes|struck|striking|seal|sealed|seals|sealing|"
        r"clinch|clinched|clinches|sign|signed|signs|signing|conclude|concluded|concludes|secure|secured|secures|"
        r"finali[sz]e|finali[sz]ed|finali[sz]es|ink|inked|cut|cuts|hammer\s+out|hammered\s+out|unveil|unveiled|announce|announced)"
        r"\s+(?:\w+\s+|[-\w.]+\s+){0,5}?(?:deal|agreement|accord|pact|framework|truce|arrangement)s?|"
        r"(?:deal|agreement|accord|pact)\s+(?:was|has\s+been|had\s+been|is|were)\s+(?:\w+\s+)?(?:reached|struck|signed|sealed|agreed|concluded)|"
        r"agree(?:s|d|ing)?"),
    ("agree", "noun", r"(?:trade\s+)?(?:deal|agreement|accord|pact)s?"),
    # light verbs: the action of their object, else impose when a tariff follows
    ("impose", "light", r"announc(?:e|es|ed|ing)|unveil(?:s|ed|ing)?|order(?:s|ed|ing)?|sign(?:s|ed|ing)?|"
        r"set(?:s|ting)?|introduc(?:e|es|ed|ing)|adopt(?:s|ed|ing)?|enact(?:s|ed|ing)?|approv(?:e|es|ed|ing)|"
        r"proclaim(?:s|ed|ing)?|decre(?:e|es|ed|eing)|authori[sz](?:e|es|ed|ing)|finali[sz](?:e|es|ed|ing)|"
        r"roll(?:s|ed|ing)?\s+out|issu(?:e|es|ed|ing)|declar(?:e|es|ed|ing)|decid(?:e|es|ed|ing)\s+to|"
        r"mov(?:e|es|ed|ing)\s+to|(?<=\bwill\s)apply|(?<=\bwould\s)apply|(?<=\bshall\s)apply|tack(?:s|ed)?\s+on|"
        r"grant(?:s|ed|ing)?|w[io]n|wins|secur(?:e|es|ed|ing)|obtain(?:s|ed)?|receiv(?:e|es|ed)|"
        r"g[eo]t|gets|extend(?:s|ed|ing)?|giv(?:e|es|en)|gave"),
)

# Words after a court's name that make it the actor of a ruling or a stay.
COURTS = (
    r"(?:the\s+)?(?:U\.?S\.?\s+)?Court\s+of\s+International\s+Trade",
    r"(?:the\s+)?(?:U\.?S\.?\s+)?Court\s+of\s+Appeals(?:\s+for\s+the\s+Federal\s+Circuit)?",
    r"(?:the\s+)?Federal\s+Circuit", r"(?:the\s+)?(?:U\.?S\.?\s+)?Supreme\s+Court",
    r"(?:an?\s+|the\s+)?(?:(?:U\.?S\.?|federal|three-judge)\s+)*(?:trade|appeals|appellate|district|federal|international\s+trade)\s+(?:court|judge|panel)s?",
    r"(?:an?\s+|the\s+)?(?:federal\s+|district\s+)?judges?", r"(?:a\s+|the\s+)?(?:three-judge\s+|judicial\s+)panel",
    r"(?:the\s+)?justices", r"the\s+court", r"a\s+court", r"courts", r"CIT",
)
APPEALS_COURT = re.compile(r"appeal|appellate|Federal\s+Circuit|Supreme", re.I)
# "temporarily" and objects that make a court's pause a stay of a ruling
STAY_OBJECT = re.compile(r"\b(?:ruling|decision|order|judgment|injunction|verdict)\b", re.I)

# ---------------------------------------------------------------------------
# Negation and modality (FactBank: Saurí & Pustejovsky 2009)
# ---------------------------------------------------------------------------

# Before the trigger, in its clause, at most a few words away.
NEGATION = re.compile(
    r"\b(?:not|never|no\s+longer|neither|nor)\b|n't\b|\bno\b|\bwithout\b|"
    r"\b(?:refus|declin|reject)(?:e|es|ed|ing)\s+to\b|\bfail(?:s|ed|ing)?\s+to\b|"
    r"\bruled\s+out\b|\brul(?:e|es|ing)\s+out\b|\bno\s+(?:plans?|intention)\s+(?:to|of)\b|"
    r"\bstopped\s+short\s+of\b|\binstead\s+of\b|\brather\s+than\b|\bdenied\b|\bdenies\b|\byet\s+to\b|"
    r"\b(?:avert|averts|averted|averting|avoid|avoids|avoided|avoiding|prevent|prevents|prevented|spare[sd]?)\b",
    re.I,
)
# "not only" and "no sooner" are not negations; "not yet" is.
NOT_NEGATION = re.compile(r"\bnot\s+only\b|\bno\s+sooner\b|\bno\s+doubt\b|\bnot\s+least\b", re.I)

MODAL = re.compile(
    r"\b(?:could|might|may|should|ought\s+to|can)\b|\bwould\b|\bwill\s+likely\b|"
    r"\bif\b|\bunless\b|\bwhether\b|\bin\s+case\b|\bshould\s+(?:it|they|he|she)\b",
    re.I,
)
# Predicates that put the event in someone's intentions or requests, not in
# the world (FactBank's "intensional" predicates; Saurí 2008, ch. 4).
INTENSIONAL = re.compile(
    r"\b(?:consider|considers|considering|considered|weigh|weighs|weighing|weighed|mull|mulls|mulling|mulled|"
    r"explor(?:e|es|ing|ed)|stud(?:y|ies|ying|ied)|think(?:s|ing)?\s+(?:of|about)|thought\s+about|"
    r"discuss(?:es|ing)?|debat(?:e|es|ing)|propos(?:e|es|ed|ing)|prepar(?:e|es|ing|ed)|"
    r"seek(?:s|ing)?|sought|ask(?:s|ed|ing)?\s+(?:for|to)|urg(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+(?:on|for)|"
    r"press(?:es|ed|ing)?\s+(?:for|to)|push(?:es|ed|ing)?\s+for|lobb(?:y|ies|ied|ying)|"
    r"demand(?:s|ed|ing)?|hop(?:e|es|ed|ing)\s+(?:to|for)|aim(?:s|ed|ing)?\s+to|want(?:s|ed|ing)?\s+to|"
    r"tr(?:y|ies|ied|ying)\s+to|attempt(?:s|ed|ing)?\s+to|ready\s+to|prepared\s+to|possible|potential|"
    r"possibility|prospect|likel(?:y|ihood)|fear(?:s|ed)?|risk(?:s|ed)?|expectations?|wish(?:es)?\s+to|"
    r"expect(?:s|ed|ing)?\s+(?:[\w.]+\s+){0,3}?to|(?:authority|powers?|right|tool|leverage|ability)\s+to|"
    r"(?:negotiations?|talks|efforts?|bid|push|attempts?|goal|continu\w*|work\w*|striv\w*)\s+(?:\w+\s+){0,2}?to|"
    r"offer(?:s|ed|ing)?\s+(?:[\w.]+\s+){0,3}?to|willing\s+to|open\s+to|"
    r"threaten(?:s|ed|ing)?\s+to|(?:was|were|had\s+been)\s+due\s+to|would\s+have)\b",
    re.I,
)
# Verbs that report what someone said: a date on them is not the event's date
# unless the event is the announcement itself.
REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|noted|notes|stated|wrote|writes|reported|reports|"
    r"explained|remarked|stressed|insisted|argued|complained|commented|confirmed|according\s+to|"
    r"posted|tweeted|announced(?=\s+(?:that|on|in|\w+day)))\b",
    re.I,
)
# Speakers whose "said Monday" dates an announcement by their own side.
OFFICIAL_SPEAKER = re.compile(
    r"\b(?:government|ministry|minister|officials?|White\s+House|administration|commission|"
    r"spokes(?:man|woman|person)|president|secretary|department|office|cabinet|council|"
    r"representative|premier|chancellor|statement|order|proclamation|notice)\b",
    re.I,
)

# ---------------------------------------------------------------------------
# Products
# ---------------------------------------------------------------------------

# canonical product -> aliases (regex, matched case-insensitively on lower-case
# words; acronyms are matched as written). Longest aliases win.
PRODUCTS: dict[str, tuple[str, ...]] = {
    "steel": (r"steel(?:\s+products|\s+imports|\s+goods)?", r"steelmaking\s+products", r"pig\s+iron"),
    "aluminum": (r"alumin(?:i)?um(?:\s+products|\s+imports)?",),
    "auto parts": (r"auto(?:mobile|motive)?\s+parts", r"car\s+parts", r"vehicle\s+parts", r"key\s+parts",
                   r"auto\s+components", r"engines?\s+and\s+parts"),
    "autos": (r"autos?", r"cars?", r"automobiles?", r"(?:passenger\s+|imported\s+|foreign-made\s+)?vehicles?",
              r"light\s+trucks", r"pickup\s+trucks", r"automotive\s+imports", r"car\s+imports", r"auto\s+imports",
              r"sedans?", r"SUVs?"),
    "trucks": (r"heavy(?:-duty)?\s+trucks", r"medium\s+and\s+heavy\s+trucks", r"lorries"),
    "electric vehicles": (r"electric\s+vehicles?", r"EVs?", r"electric\s+cars?"),
    "copper": (r"copper(?:\s+products)?", r"semi-finished\s+copper(?:\s+products)?"),
    "semiconductors": (r"semiconductors?", r"(?:computer\s+)?chips?", r"microchips?", r"semiconductor\s+equipment"),
    "pharmaceuticals": (r"pharmaceuticals?", r"(?:generic\s+|brand-name\s+|prescription\s+)?drugs", r"medicines?",
                        r"pharmaceutical\s+products"),
    "lumber": (r"lumber", r"timber", r"softwood(?:\s+lumber)?", r"wood\s+products"),
    "electronics": (r"electronics", r"smartphones?", r"(?:i)?phones", r"iPhones?", r"computers", r"laptops",
                    r"consumer\s+electronics"),
    "aircraft": (r"(?:civil\s+)?aircraft(?:\s+and\s+(?:aircraft\s+)?parts)?", r"jet\s+engines", r"aerospace\s+products",
                 r"airplanes", r"planes"),
    "machinery": (r"(?:agricultural|farm|industrial)\s+machinery", r"machinery", r"machine\s+tools"),
    "energy": (r"energy(?:\s+products|\s+imports)?", r"potash"),
    "crude oil": (r"crude(?:\s+oil)?", r"oil(?=\s+(?:and|imports|products))", r"petroleum"),
    "coal": (r"coal",),
    "liquefied natural gas": (r"liquefied\s+natural\s+gas", r"LNG", r"natural\s+gas"),
    "agricultural products": (r"agricultural(?:\s+and\s+food)?\s+(?:products|goods|exports|imports)",
                              r"farm\s+(?:goods|products|exports|produce)", r"food\s+products", r"agri-food"),
    "soybeans": (r"soybeans?", r"soya(?:\s+beans)?"),
    "rice": (r"rice",),
    "beef": (r"beef",),
    "pork": (r"pork",),
    "chicken": (r"chicken", r"poultry"),
    "wheat": (r"wheat",),
    "corn": (r"corn", r"maize"),
    "dairy": (r"dairy(?:\s+products)?", r"cheese", r"milk\s+powder"),
    "seafood": (r"seafood", r"fish", r"aquatic\s+products"),
    "fruit and vegetables": (r"fruits?", r"vegetables"),
    "wine and spirits": (r"wines?", r"spirits", r"whiske?y", r"bourbon", r"beer", r"cognac", r"brandy"),
    "orange juice": (r"orange\s+juice",),
    "coffee": (r"coffee",),
    "textiles": (r"textiles?", r"apparel", r"clothing", r"garments", r"footwear", r"shoes"),
    "furniture": (r"furniture", r"kitchen\s+cabinets"),
    "solar panels": (r"solar\s+(?:panels|cells|modules)",),
    "batteries": (r"(?:lithium-ion\s+)?batteries",),
    "critical minerals": (r"critical\s+minerals", r"rare\s+earths?", r"rare-earth\s+(?:elements|minerals|magnets)"),
    "chemicals": (r"chemicals",),
    "motorcycles": (r"motorcycles?", r"motorbikes?"),
    "ships": (r"ships", r"vessels", r"cranes"),
    "appliances": (r"(?:home\s+)?appliances", r"washing\s+machines"),
    "toys": (r"toys",),
    "medical devices": (r"medical\s+(?:devices|equipment|supplies)",),
}
# Phrases that mean every product.
ALL_PRODUCTS = (
    r"all\s+(?:\w+\s+){0,2}?(?:goods|imports|products|exports|shipments)|across\s+the\s+board|"
    r"(?:most|nearly\s+all|virtually\s+all)\s+(?:\w+\s+){0,2}?(?:goods|imports|products)|"
    r"every\s+(?:product|import)|baseline"
)
# Phrases that mean every country.
ALL_COUNTRIES = (
    r"all\s+(?:\w+\s+)?(?:countries|trading\s+partners|nations|economies|imports|exporters)|"
    r"every\s+(?:country|trading\s+partner|nation)|(?:nearly|almost|virtually)\s+(?:every|all)\s+(?:\w+\s+)?"
    r"(?:country|countries|trading\s+partners?|nations?)|(?:the\s+)?(?:rest\s+of\s+the\s+)?world(?:wide)?|"
    r"global(?:ly)?\s+(?:imports|tariffs?)|baseline|universal"
)

# ---------------------------------------------------------------------------
# Authorities
# ---------------------------------------------------------------------------

AUTHORITIES: dict[str, str] = {
    # 50 U.S.C. §1701-1707
    "IEEPA": r"\bIEEPA\b|International\s+Emergency\s+Economic\s+Powers\s+Act|"
             r"emergency\s+(?:economic\s+)?powers?\s+(?:law|act)|emergency\s+economic\s+(?:powers\s+)?law|"
             r"emergency\s+law",
    # 19 U.S.C. §1862 (Trade Expansion Act of 1962, national security)
    "Section 232": r"\bSection\s+232\b|Trade\s+Expansion\s+Act|national[-\s]security\s+(?:grounds|investigations?|probes?|tariffs?|law)",
    # 19 U.S.C. §2411 (Trade Act of 1974, unfair practices)
    "Section 301": r"\bSection\s+301\b",
    # 19 U.S.C. §2132 (balance of payments, 15% for 150 days)
    "Section 122": r"\bSection\s+122\b",
    # 19 U.S.C. §2251 (safeguards)
    "Section 201": r"\bSection\s+201\b|safeguard\s+(?:tariffs?|duties|measures?)",
    # Tariff Act of 1930 §338
    "Section 338": r"\bSection\s+338\b",
    # 19 U.S.C. §1673 / §1671 (trade remedies)
    "anti-dumping": r"\banti-?dumping\b|\bcountervailing\s+dut(?:y|ies)\b",
}

# ---------------------------------------------------------------------------
# Countries, blocs, people, institutions
# ---------------------------------------------------------------------------

# Canonical name -> aliases (names, demonyms, capitals used as metonyms).
# Names and demonyms: ISO 3166 (pycountry) and the CIA World Factbook's
# nationality entries; capitals only where news uses them for governments.
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "United States": ("United States of America", "United States", "U.S.A.", "USA", "U.S.", "US", "America",
                      "American", "Americans", "Washington", "White House", "Trump administration",
                      "Biden administration", "USTR", "Commerce Department", "Department of Commerce",
                      "U.S. Customs and Border Protection", "Customs and Border Protection", "Treasury Department"),
    "China": ("People's Republic of China", "China", "Chinese", "Beijing", "PRC", "Customs Tariff Commission",
              "State Council Tariff Commission", "Commerce Ministry of China"),
    "Japan": ("Japan", "Japanese", "Tokyo"),
    "South Korea": ("Republic of Korea", "South Korea", "South Korean", "Korea", "Korean", "Seoul"),
    "North Korea": ("North Korea", "North Korean", "Pyongyang"),
    "Canada": ("Canada", "Canadian", "Canadians", "Ottawa"),
    "Mexico": ("Mexico", "Mexican", "Mexicans", "Mexico City"),
    "European Union": ("European Union", "EU", "E.U.", "European Commission", "Brussels", "the bloc",
                       "European", "Europe", "the 27-nation bloc", "27-member bloc"),
    "United Kingdom": ("United Kingdom", "U.K.", "UK", "Britain", "Great Britain", "British", "England", "English"),
    "India": ("India", "Indian", "New Delhi"),
    "Brazil": ("Brazil", "Brazilian", "Brasilia", "Brasília"),
    "Vietnam": ("Vietnam", "Viet Nam", "Vietnamese", "Hanoi"),
    "Taiwan": ("Taiwan", "Taiwanese", "Taipei"),
    "Germany": ("Germany", "German", "Berlin"),
    "France": ("France", "French", "Paris"),
    "Italy": ("Italy", "Italian", "Rome"),
    "Spain": ("Spain", "Spanish", "Madrid"),
    "Netherlands": ("Netherlands", "Dutch", "The Hague"),
    "Australia": ("Australia", "Australian", "Canberra"),
    "New Zealand": ("New Zealand",),
    "Russia": ("Russia", "Russian", "Moscow", "Kremlin"),
    "Ukraine": ("Ukraine", "Ukrainian", "Kyiv"),
    "Switzerland": ("Switzerland", "Swiss", "Bern"),
    "Norway": ("Norway", "Norwegian"),
    "Sweden": ("Sweden", "Swedish"),
    "Israel": ("Israel", "Israeli"),
    "Turkey": ("Turkey", "Turkish", "Türkiye", "Ankara"),
    "Saudi Arabia": ("Saudi Arabia", "Saudi"),
    "Indonesia": ("Indonesia", "Indonesian", "Jakarta"),
    "Thailand": ("Thailand", "Thai", "Bangkok"),
    "Malaysia": ("Malaysia", "Malaysian", "Kuala Lumpur"),
    "Philippines": ("Philippines", "Philippine", "Filipino", "Manila"),
    "Singapore": ("Singapore", "Singaporean"),
    "Cambodia": ("Cambodia", "Cambodian", "Phnom Penh"),
    "Laos": ("Laos", "Lao", "Laotian"),
    "Myanmar": ("Myanmar", "Burma"),
    "Bangladesh": ("Bangladesh", "Bangladeshi", "Dhaka"),
    "Pakistan": ("Pakistan", "Pakistani", "Islamabad"),
    "Sri Lanka": ("Sri Lanka", "Sri Lankan"),
    "South Africa": ("South Africa", "South African", "Pretoria"),
    "Nigeria": ("Nigeria", "Nigerian"),
    "Egypt": ("Egypt", "Egyptian"),
    "Argentina": ("Argentina", "Argentine", "Argentinian", "Buenos Aires"),
    "Chile": ("Chile", "Chilean", "Santiago"),
    "Colombia": ("Colombia", "Colombian", "Bogota", "Bogotá"),
    "Peru": ("Peru", "Peruvian"),
    "Venezuela": ("Venezuela", "Venezuelan", "Caracas"),
    "Nicaragua": ("Nicaragua", "Nicaraguan"),
    "Hong Kong": ("Hong Kong",),
    "Ireland": ("Ireland", "Irish", "Dublin"),
    "Poland": ("Poland", "Polish", "Warsaw"),
    "Belgium": ("Belgium", "Belgian"),
    "Austria": ("Austria", "Austrian"),
    "Denmark": ("Denmark", "Danish", "Copenhagen"),
    "Finland": ("Finland", "Finnish"),
    "Hungary": ("Hungary", "Hungarian"),
    "Iran": ("Iran", "Iranian", "Tehran"),
    "Iraq": ("Iraq", "Iraqi"),
    "Kazakhstan": ("Kazakhstan",),
    "United Arab Emirates": ("United Arab Emirates", "UAE", "Emirati"),
    "Qatar": ("Qatar", "Qatari"),
    "Lesotho": ("Lesotho",),
    "Madagascar": ("Madagascar",),
    "Serbia": ("Serbia", "Serbian"),
    "Algeria": ("Algeria", "Algerian"),
    "Tunisia": ("Tunisia", "Tunisian"),
    "Mongolia": ("Mongolia", "Mongolian"),
    "ASEAN": ("ASEAN", "Association of Southeast Asian Nations"),
}
# ISO names that are also common words, people or places in news copy.
_AMBIGUOUS_ISO = {"Georgia", "Jordan", "Chad", "Niger", "Jersey", "Guernsey", "Isle of Man", "Dominica",
                  "Guinea", "Mali", "Togo", "Oman", "Peru", "Cuba", "Panama"}


def _iso_names() -> dict[str, tuple[str, ...]]:
    """ISO 3166 short names (pycountry) not listed above, each its own canonical name."""
    known = {a.lower() for aliases in _COUNTRY_ALIASES.values() for a in aliases}
    known |= {c.lower() for c in _COUNTRY_ALIASES}
    out: dict[str, tuple[str, ...]] = {}
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        if "," in name or "(" in name or name in _AMBIGUOUS_ISO or name.lower() in known:
            continue
        out[name] = (name,)
    return out


COUNTRIES: dict[str, tuple[str, ...]] = {**_COUNTRY_ALIASES, **_iso_names()}

# People: full name -> country. Named leaders and trade officials 2025;
# a surname alone finds them too. Anyone else is found by title
# ("Mexican President Claudia Sheinbaum") and kept as named.
PEOPLE: dict[str, str] = {
    "Donald Trump": "United States", "Joe Biden": "United States", "Scott Bessent": "United States",
    "Howard Lutnick": "United States", "Jamieson Greer": "United States", "Peter Navarro": "United States",
    "Kevin Hassett": "United States", "Karoline Leavitt": "United States", "JD Vance": "United States",
    "Marco Rubio": "United States", "Robert Lighthizer": "United States", "Steve Witkoff": "United States",
    "Shigeru Ishiba": "Japan", "Ryosei Akazawa": "Japan", "Yoji Muto": "Japan", "Yoshimasa Hayashi": "Japan",
    "Sanae Takaichi": "Japan", "Fumio Kishida": "Japan",
    "Xi Jinping": "China", "Li Qiang": "China", "He Lifeng": "China", "Wang Wentao": "China", "Wang Yi": "China",
    "Mark Carney": "Canada", "Justin Trudeau": "Canada", "Dominic LeBlanc": "Canada", "Melanie Joly": "Canada",
    "Doug Ford": "Canada",
    "Claudia Sheinbaum": "Mexico", "Marcelo Ebrard": "Mexico",
    "Ursula von der Leyen": "European Union", "Maros Sefcovic": "European Union", "Maroš Šefčovič": "European Union",
    "Keir Starmer": "United Kingdom", "Jonathan Reynolds": "United Kingdom", "Rachel Reeves": "United Kingdom",
    "Lee Jae-myung": "South Korea", "Yoon Suk Yeol": "South Korea", "Han Duck-soo": "South Korea",
    "Ahn Duk-geun": "South Korea", "Choi Sang-mok": "South Korea",
    "Narendra Modi": "India", "Piyush Goyal": "India",
    "Luiz Inacio Lula da Silva": "Brazil", "Luiz Inácio Lula da Silva": "Brazil", "Lula": "Brazil",
    "Jair Bolsonaro": "Brazil",
    "Gustavo Petro": "Colombia", "Javier Milei": "Argentina",
    "Emmanuel Macron": "France", "François Bayrou": "France", "Friedrich Merz": "Germany",
    "Olaf Scholz": "Germany", "Giorgia Meloni": "Italy", "Pedro Sánchez": "Spain",
    "Anthony Albanese": "Australia", "Christopher Luxon": "New Zealand", "Vladimir Putin": "Russia",
    "Volodymyr Zelenskyy": "Ukraine", "Volodymyr Zelensky": "Ukraine", "Lai Ching-te": "Taiwan",
    "To Lam": "Vietnam", "Prabowo Subianto": "Indonesia", "Anwar Ibrahim": "Malaysia",
    "Ferdinand Marcos Jr.": "Philippines", "Cyril Ramaphosa": "South Africa", "Recep Tayyip Erdogan": "Turkey",
    "Benjamin Netanyahu": "Israel", "Karin Keller-Sutter": "Switzerland",
}
# Surnames that are common words or shared names are not looked up alone.
_SURNAME_STOP = {"Lee", "Li", "Wang", "Han", "Lam", "Ford", "Ahn", "Choi", "He", "Ebrard", "Yi", "Jr."}


def surname_index() -> dict[str, str]:
    """Surname (last word of a listed name) -> full name, for "Trump said"."""
    out: dict[str, str] = {}
    for name in PEOPLE:
        last = name.split()[-1]
        if last in _SURNAME_STOP or len(name.split()) == 1:
            continue
        if name == "Ursula von der Leyen":
            out["von der Leyen"] = name
            continue
        if last == "Silva":
            continue
        out.setdefault(last, name)
    return out


# Titles before a person's name ("President", "Commerce Secretary" ...):
# AP Stylebook's formal titles, as news copy writes them before names.
TITLES = (
    r"(?:Vice\s+)?President|Prime\s+Minister|Premier|Chancellor|(?:\w+\s+)?Secretary(?:\s+of\s+\w+)?|"
    r"(?:\w+\s+)?Minister(?:\s+of\s+\w+)?|Commissioner|(?:Trade\s+)?Representative|Governor|Senator|Sen\.|Rep\.|"
    r"Chairman|Chairwoman|Chair|(?:Chief\s+)?(?:Executive|Negotiator)|CEO|Ambassador|Envoy|King|Emperor|Speaker|"
    r"Leader|adviser|advisor|spokes(?:man|woman|person)|negotiator|Mayor|Judge|Justice"
)

# Pronouns and their referents
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
THING_PRONOUNS = {"it", "its", "they", "their", "them"}

# Words for dates anchored on the previous event, not on publication.
ANAPHORIC_DAY = re.compile(
    r"^(?:the\s+)?(?:same|that)\s+day$|^the\s+(?:next|following)\s+day$|^the\s+day\s+(?:before|after)$|"
    r"^the\s+previous\s+day$",
    re.I,
)
ANAPHORIC_OFFSET = {"same": 0, "that": 0, "next": 1, "following": 1, "before": -1, "previous": -1, "after": 1}

# Nouns that a later sentence refers back to ("his speech", "the letter"):
# their date carries to an undated event in that sentence.
CONTEXT_NOUNS = (
    "speech", "address", "remarks", "announcement", "meeting", "summit", "call", "phone call", "letter",
    "letters", "order", "executive order", "proclamation", "statement", "post", "news conference",
    "press conference", "conference", "event", "rally", "interview", "talks", "visit", "ceremony",
    "ruling", "decision", "memo", "memorandum",
)
