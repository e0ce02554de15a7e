"""The grammar of temporal expressions: one regular expression per form.

Each rule is a pattern with named groups; :data:`RULES` lists them in priority
order. Every expression holds a head word (a month, a weekday, a unit, a
digit, "now" ...): the scanner (``newskit.dates.rules``) finds the heads with
one pass of :data:`HEADS`, looks left over the words that may modify a head
(:data:`RUN_REVERSED`), and at each of those word starts tries the rules that
can begin with its first character, joined into one alternation
(:data:`DISPATCH`): the first rule that matches wins (leftmost, then by rule
order; optional parts are greedy, so the longest reading of a rule is taken).
The handler of that rule may decline, and the later rules are then tried at
the same place.

The rule set follows the forms of HeidelTime's English rules (Strötgen & Gertz
2013: ``date_r0``-``date_r24``, ``duration_r1``-``r5``, ``set_r1``-``r4``) and
SUTime (Chang & Manning 2012), written anew; spans follow the TimeML 1.2.1
guidelines (a leading "the" and quantity modifiers such as "less than" belong
to the expression; prepositions and "ago"-less signals such as "within" do not).
"""
from __future__ import annotations

import re

from newskit.dates.lexicon import (
    DECADE_WORDS,
    EASTER_HOLIDAYS,
    FIXED_HOLIDAYS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NTH_WEEKDAY_HOLIDAYS,
    ORDINALS,
    OTHER_HOLIDAYS,
    SET_ADVERBS,
    TENS,
    UNIT_PLURALS,
    UNITS,
    UNITS_1_TO_19,
    VAGUE_QUANTITIES,
    WEEKDAYS,
    alternation,
)

__all__ = ["COMPILED", "DISPATCH", "FLAGS", "HEADS", "RULES", "RULE_ORDER", "RUN_REVERSED"]

# The scanner reads a lower-cased copy of the text (case-sensitive literals let
# the regex engine skip a failing alternative after one comparison, ~20x
# faster than re.IGNORECASE); handlers check capitals on the original text.
FLAGS = 0
_E = r"(?![a-z])"  # end of a word (letters only, so "1990s" can end in "s")

MONTH = rf"(?:{alternation(MONTHS)}|{alternation(MONTH_ABBREVIATIONS)}\.?){_E}"
WEEKDAY = rf"{alternation(WEEKDAYS)}"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?!\d|[.,:]\d)(?:st|nd|rd|th)?" + _E
DAYWORD = alternation(ORDINALS) + _E
# Four-digit years 1000-2099: not part of a longer number, a decimal, a
# percentage, a decade ("1990s") or a hyphenated compound ("2000-seat").
YEAR = r"(?:1\d{3}|20\d\d)(?!\d|[.,]\d|%|['’]?s\b|-[a-z])"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
NUMWORD = (
    rf"(?:(?:{'|'.join(TENS)})(?:[\s-]+(?:{_ONES}))?{_E}"
    rf"|{alternation(UNITS_1_TO_19[1:])}{_E})"
)
NUMDIG = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# A year in words, as broadcast transcripts write them: "nineteen ninety-four".
WORDYEAR = rf"(?:nineteen|eighteen)[\s-]+{NUMWORD}"
FRACTION = r"(?:\s+(?:and\s+)?(?:a\s+half|1/2|one-half)|\s*½|-and-a-half)"
NUM = (
    rf"(?:{NUMDIG}|{NUMWORD}|a\s+couple(?:\s+of)?|couple\s+of|a\s+dozen|a\s+single|"
    rf"(?:a|one)\s+hundred|an?(?=[\s-])|one{_E})"
)
VAGUE = alternation(VAGUE_QUANTITIES) + _E
UNIT = alternation(list(UNITS) + list(UNIT_PLURALS)) + _E
PLURAL_UNIT = r"(?:seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries)" + _E
APPROX = (
    r"(?:about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|"
    r"fewer\s+than|over|under|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|"
    r"not\s+more\s+than|just\s+over|just\s+under|well\s+over|close\s+to|upwards\s+of|"
    r"a\s+little\s+(?:over|more\s+than|less\s+than)|barely|an\s+estimated)"
)
# Position in a period (TIMEX3 mod START/MID/END): "early", "mid-", "the end of".
POS = (
    r"(?:the\s+)?(?:very\s+)?(?:(?:early|earlier|late|later|mid)(?:\s+in(?:\s+the)?)?"
    r"|(?:end|beginning|start|close|middle|turn|dawn|rest|remainder|first\s+half|second\s+half"
    r"|last\s+half|latter\s+part|early\s+part)\s+of(?:\s+the)?)"
)
REL = (
    r"(?:this\s+past|this\s+coming|the\s+previous|the\s+following|the\s+next|the\s+coming|"
    r"the\s+past|last|next|this|coming|past|previous|following)"
)
CLOCK = r"(?:(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s*[ap]\.?\s?m\b\.?|noon|midnight)"
TZ = r"(?:[ecmp][sd]t|gmt|utc|bst|cet|cest|jst|kst|ist|et|pt|local\s+time)\b"
HOLIDAY = alternation(list(FIXED_HOLIDAYS) + list(NTH_WEEKDAY_HOLIDAYS)
                      + list(EASTER_HOLIDAYS) + list(OTHER_HOLIDAYS)) + _E
SEASON = r"(?:spring|summer|fall|autumn|winter)" + _E
POD = r"(?:morning|afternoon|evening|night|overnight)" + _E
ORD_Q = r"(?:first|second|third|fourth|final|last|latter|1st|2nd|3rd|4th)"
DAYREF = (
    rf"(?:today|tonight|yesterday|tomorrow|{WEEKDAY}(?:,?\s+{MONTH}\s*{DAY}(?:,?\s+{YEAR})?)?"
    rf"|{MONTH}\s*{DAY}(?:,?\s+{YEAR})?)"
)

RULES: list[tuple[str, str]] = [
    # 2025-05-30, 2025-05-30T15:00
    ("iso", r"(?P<y>1\d{3}|20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
            r"(?:[T\s](?P<H>[01]\d|2[0-3]):(?P<M>[0-5]\d)(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\d-])"),
    # 05/30/2025, 30/05/2025 (read as day/month when the first number is over 12)
    ("slash", r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d\d)(?![\d/])"),
    # 10:35 a.m., 5 p.m. EST Nov. 9, noon Saturday, 4 in the morning
    ("clock", rf"(?:(?P<approx>about|around|approximately|roughly)\s+)?"
              rf"(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>[ap])\.?\s?m\b\.?"
              rf"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?![\d:])"
              rf"|(?P<hw>1[0-2]|0?[1-9]|{NUMWORD})\s+o['’]clock"
              rf"|(?P<noon>noon|midnight|midday){_E}"
              rf"|(?P<hm>1[0-2]|0?[1-9]|{NUMWORD})\s+in\s+the\s+(?P<podm>morning|afternoon|evening))"
              rf"(?:\s+(?P<tz>{TZ}))?(?:,?\s+(?:on\s+)?(?P<dayref>{DAYREF}))?"),
    # Friday, Oct. 23, 1998; June 22; the March 5; March eighth
    ("mdy", rf"(?:(?P<wd>{WEEKDAY})(?:,\s*|\s+))?(?:the\s+)?(?P<mon>{MONTH})\s*(?P<day>{DAY}|{DAYWORD})"
            rf"(?:(?:,\s*|\s+)(?P<year>{YEAR}))?"),
    # April 24 and 25: the second day of the pair
    ("andday", r"(?:(?<=\sand\s)|(?<=\sor\s))(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w%]|[.,:]\d)"),
    # 30 May 2025, the 4th of July
    ("dmy", rf"(?:(?P<wd>{WEEKDAY})(?:,\s*|\s+))?(?:(?P<the>the)\s+)?(?P<day>{DAY}|{DAYWORD})(?P<of>\s+of)?"
            rf"\s+(?P<mon>{MONTH})(?:(?:,\s*|\s+)(?P<year>{YEAR}))?"),
    # November 2023, early April 2025, June of 1994, July last year
    ("month_year", rf"(?:(?P<pos>{POS})(?:\s+|-))?(?P<mon>{MONTH})(?:,\s*|\s+)(?:of\s+)?"
                   rf"(?:(?P<year>{YEAR})|(?P<y2>['’]\d\d)(?!\d)|(?P<rel>last|this|next)\s+year{_E}|(?P<wy>{WORDYEAR}))"),
    # the third quarter of 1984, fiscal second-quarter, this year's third quarter
    ("quarter", rf"(?:(?P<det>the|its|their|a)\s+)?(?:(?P<yr>{YEAR})(?:['’]s)?\s+|(?P<yrel>this|last|next)\s+year['’]s\s+"
                rf"|(?P<cmp>(?:comparable\s+|same\s+)?year[\s-](?:earlier|ago|before))\s+)?"
                rf"(?:(?:fiscal|calendar)[\s-]+)?(?P<ord>{ORD_Q})[\s-]+(?:(?:fiscal|calendar)[\s-]+)?"
                rf"(?P<unit>quarter|half){_E}"
                rf"(?:\s+of\s+(?:(?:fiscal|calendar)\s+)?(?P<yr2>{YEAR}|this\s+year|last\s+year|next\s+year|the\s+year))?"),
    # Q3 2025, 2025 Q3
    ("qn", rf"(?:(?P<yr>{YEAR})\s+)?q(?P<q>[1-4])(?![\w])(?:\s+(?P<yr2>{YEAR}))?"),
    # the quarter, the latest period, the year-ago quarter, the same period last year
    ("quarter_ref", rf"(?:(?P<det>the|that|this|its|their)\s+)?(?P<q>(?:(?:latest|current|recent|most\s+recent|comparable|"
                    rf"same|previous|prior|preceding|corresponding|just[\s-]ended|fiscal|latest\s+fiscal)\s+)*"
                    rf"(?:year[\s-](?:earlier|ago|before)\s+)?)(?:(?P<yr>{YEAR})\s+)?(?P<u>quarter|period){_E}(?!-)"
                    rf"(?:\s+(?P<tail>a\s+year\s+(?:ago|earlier|before)|(?:of\s+)?last\s+year|the\s+year\s+before))?"),
    # the 1990s, the mid-'80s, the nineties
    ("decade", rf"(?:(?P<the>the)\s+)?(?:(?P<pos>early|mid|late)(?:\s+|-))?(?:(?P<d3>1\d\d|20\d)0['’]?s{_E}"
               rf"|['’](?P<d1>\d)0['’]?s{_E}|(?P<dw>{alternation(DECADE_WORDS)}){_E})"),
    # the 20th century, the eleventh century
    ("century", rf"(?:the\s+)?(?:(?P<pos>early|mid|late)[\s-]+)?(?P<ord>{alternation(ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))"
                rf"[\s-]+century{_E}"),
    # this summer, the fall of 2028, last winter, early spring
    ("season", rf"(?:(?P<the>the)\s+)?(?:(?P<pos>{POS})(?:\s+|-))?(?:(?P<rel>{REL}|early|late)\s+)?(?P<s>{SEASON})"
               rf"(?:(?:\s+of|,)?\s+(?:(?P<yr>{YEAR}|['’]\d\d(?!\d))|(?P<wy>{WORDYEAR})))?"),
    # Thanksgiving, last Christmas, Easter week
    ("holiday", rf"(?:(?P<rel>last|next|this)\s+)?(?P<h>{HOLIDAY})(?:(?:,\s*|\s+)(?P<yr>{YEAR})|\s+(?P<wk>week){_E})?"),
    # two years ago, a year earlier, less than 24 hours later
    ("ago", rf"(?:(?P<approx>{APPROX})\s+)?(?:(?P<n>{VAGUE}|{NUM}(?:{FRACTION})?)[\s-]+|(?={PLURAL_UNIT}\s+ago))"
            rf"(?:(?:more|additional|full|long|short|straight|trading|business|working|calendar)\s+)?(?P<u>{UNIT})"
            rf"(?:\s+or\s+(?:so|more|less))?\s+(?P<dir>ago|earlier|later|before|after|afterwards?|hence|from\s+now|back|prior){_E}"),
    # last week, this month, early next year, the past year, late last week
    ("relunit", rf"(?:(?P<pos>{POS})(?:\s+|-))?(?:(?P<the>the)\s+)?(?P<rel>this\s+past|this\s+coming|last|this|next|past|previous|"
                rf"coming|following|current|present|preceding|upcoming)\s+(?:(?P<fiscal>fiscal|calendar)\s+)?"
                rf"(?P<u>weekend|week|month|year|quarter|decade|century|half){_E}(?!-)"),
    # that day, the following year, the same month, the day before, the year
    ("unitref", rf"(?:(?P<pos>{POS})(?:\s+|-))?(?P<det>that\s+same|that|the\s+same|the\s+very\s+same|the\s+following|the\s+full|the\s+latest|the\s+entire|the\s+whole|"
                rf"the\s+previous|the\s+next|the\s+prior|the\s+preceding|the)\s+(?:(?P<fiscal>fiscal|calendar)\s+)?"
                rf"(?P<u>day|week|weekend|month|year|decade|century|morning|afternoon|evening|night){_E}(?!-)"
                rf"(?:\s+(?P<ba>before|after|earlier|later){_E}(?=\s*(?:[.,;:)]|--|$)))?"
                rf"(?:(?<=week)\s+of\s+(?P<wkof>{MONTH}\s*{DAY}))?"),
    # year-end, the end of the year handled above; month-end, year end
    ("yearend", rf"(?:(?P<the>the)\s+)?(?P<u>year|month|quarter)(?:[\s-]|['’]s\s+)end{_E}"),
    # year-earlier profit, the year-ago results
    ("yearago", rf"year[\s-](?:earlier|ago){_E}(?!-)"),
    # this morning, last night, tomorrow evening
    ("podrel", rf"(?P<d>this|last|tomorrow|yesterday|tonight|early|late|mid)(?:\s+|-)?(?P<pod>{POD})"
               rf"(?:\s+(?P<dref>yesterday|today|tomorrow){_E})?"),
    # today, yesterday, tomorrow, tonight, late yesterday, yesterday morning
    ("deictic", rf"(?:(?P<pos>early|earlier|late|later|mid)(?:\s+|-))?(?P<d>today|yesterday|tomorrow|tonight)(?:['’]s)?"
                rf"(?:\s+(?P<pod>morning|afternoon|evening|night))?|(?P<d2>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow))"),
    # Friday, last Wednesday, Monday afternoon, this coming Sunday, Mondays
    ("weekday", rf"(?:(?P<pos>early|earlier|late|later|mid)(?:\s+|-))?(?:(?P<rel>{REL})\s+)?(?P<wd>{WEEKDAY})(?P<pl>s)?{_E}"
                rf"(?:['’]s)?(?:\s+(?P<pod>{POD}s?))?(?:(?:,\s*|\s+)(?:at\s+)?(?P<clock>{CLOCK}))?"),
    # April, early April, last March, mid-June
    ("month", rf"(?:(?P<pos>{POS})(?:\s+|-))?(?:(?P<rel>{REL})\s+)?(?P<mon>{MONTH})"),
    # 1998, fiscal 1989, mid-1996, the end of 1990, the year 2000
    ("year", rf"(?:(?P<pos>{POS})(?:\s+|-))?(?:(?P<pre>(?:fiscal|calendar|financial|the)(?:\s+year)?|fy)\s*)?(?P<y>{YEAR})"
             rf"(?:['’]s)?(?:\s+(?P<beyond>and\s+beyond|or\s+(?:later|earlier|before|after)){_E})?"),
    # nineteen ninety-six, the year two thousand
    ("wordyear", rf"(?:(?P<ty>the\s+year)\s+)?(?:(?P<c>nineteen|eighteen|seventeen)[\s-]+(?P<yy>{NUMWORD}|hundred|oh[\s-]+(?:{_ONES}))"
                 rf"|(?P<tt>two[\s-]+thousand)(?:[\s-]+(?:and\s+)?(?P<yy2>{NUMWORD}))?{_E})"),
    # in '98
    ("year2", r"(?=['’]\d\d)(?:" + "|".join(f"(?<={w}\\s)" for w in "in since of by until from during before after circa".split())
              + r")(?P<y>['’]\d\d)(?![\d'’]|s\b)"),
    # each year, every two weeks, every Monday, each July
    ("set_every", rf"(?P<q>every|each|per)\s+(?:(?P<n>other|{NUM}|few|couple\s+of)\s+)?"
                  rf"(?P<u>{UNIT}|{WEEKDAY}|{MONTH}|weekends?|mornings?|afternoons?|evenings?|nights?|{SEASON}){_E}"),
    # twice a week, $5 a year, 10% a year
    ("set_per", rf"(?:(?P<pre>once|twice|thrice|(?:{NUM})\s+times)\s+)?(?P<a>an?|per)\s+(?P<u>year|month|week|day|hour|minute|quarter|night){_E}(?!-)"),
    # daily, quarterly, annually
    ("set_adverb", rf"(?P<adv>{alternation(SET_ADVERBS)})(?![\w-])"),
    # day-long, decades-long, yearlong, half an hour, half a century
    ("dur_long", rf"(?:(?P<u>{UNIT})[\s-]?long{_E}|(?P<half>half)[\s-]+(?:an?\s+)?(?P<hu>hour|year|day|minute|century|decade){_E}"
                 rf"|(?P<hx>an?)\s+(?P<xu>hour|year|day|minute|month|week)\s+and\s+a\s+half{_E})"),
    # 90 days, the past three years, less than 24 hours, a four-year term, 8-month-old
    ("duration", rf"(?:(?P<approx>{APPROX})\s+)?(?:(?P<det>the|its|their|his|her|our|each\s+of\s+the)\s+)?"
                 rf"(?:(?P<rel>past|last|next|first|final|latest|previous|recent|coming|following|remaining|initial|"
                 rf"ensuing|preceding|intervening|entire|full|whole|same|additional|further|other)\s+)?"
                 rf"(?P<n>{VAGUE}|{NUM}\s*(?:to|or|-|–)\s*{NUM}|{NUM}(?:{FRACTION})?)[\s-]+"
                 rf"(?:(?P<adj>more|additional|extra|further|full|long|short|straight|consecutive|successive|trading|"
                 rf"business|working|calendar|fiscal|school|whole|entire)[\s-]+)?(?P<u>{UNIT})(?!-(?:earlier|ago|end|before)\b)"
                 rf"(?P<tail>\s+and\s+a\s+half|-old)?"),
    # recent years, the coming weeks, the past few months, the weeks ahead
    ("dur_vague", rf"(?:(?P<pre>recent|coming|past|next|previous|the\s+coming|the\s+past|the\s+next|the\s+last|the\s+previous|"
                  rf"the\s+recent|the\s+first|the\s+ensuing|the\s+following)\s+)(?:(?P<v>few|several|couple\s+of)\s+)?(?P<u>{PLURAL_UNIT})"
                  rf"|the\s+(?P<u2>{PLURAL_UNIT})\s+(?:ahead|to\s+come){_E}"
                  rf"|(?<=over\s)the\s+(?P<u3>years|decades|months|weeks){_E}"),
    # for years, within days, in months
    ("dur_bare", "(?:" + "|".join(f"(?<={w}\\s)" for w in "for over in within during after lasting spanning took takes take".split())
                 + rf")(?P<u>{PLURAL_UNIT})"
                 rf"(?!-|\s+(?:of|ago|earlier|later|before|after|old|since|to\s+come)\b)"),
    # now, currently, recently, former, the past, the future, soon
    ("refword", r"(?P<present>right\s+now|just\s+now|now|nowadays|currently|presently|at\s+present|these\s+days"
                r"|the\s+present(?![\s-](?:tense|value|day|case|study|report|system))|current(?!ly))(?![\w-])"
                r"|(?P<past>recently|recent|lately|formerly|former|the\s+past|once\s+upon\s+a\s+time)(?![\w-])"
                r"|(?P<future>soon|the\s+near\s+future|the\s+(?:near|short|long|medium)\s+term|the\s+future|future(?!s)"
                r"|a\s+later\s+date|the\s+days\s+to\s+come)(?![\w-])"),
]

_NAMED = re.compile(r"\(\?P<(\w+)>")
COMPILED: dict[str, re.Pattern] = {name: re.compile(pat, FLAGS) for name, pat in RULES}
RULE_ORDER: list[str] = [name for name, _ in RULES]
# Rules that do not start at a word boundary (year2 starts at an apostrophe).
_UNBOUNDED = ("year2",)

# ------------------------------------------------------------ head words
# Every expression contains a head word: a month, a weekday, a unit, a digit,
# a deictic word ... The scan finds the heads (one pass of HEADS), then looks
# left over the run of words that may modify a head (RUN_REVERSED, matched on
# the reversed text) and tries the grammar only at those word starts: it runs
# at ~5% of the positions of a text.
_HEAD_WORDS = (
    list(MONTHS) + list(MONTH_ABBREVIATIONS) + list(WEEKDAYS) + [w + "s" for w in WEEKDAYS]
    + list(UNITS) + list(UNIT_PLURALS) + ["weekend", "weekends", "nights", "mornings", "evenings", "afternoons"]
    + "spring summer fall autumn winter morning afternoon evening overnight noon midnight midday".split()
    + "today yesterday tomorrow tonight now nowadays currently presently present current recently recent".split()
    + "lately formerly former past future soon term date quarter half period century christmas".split()
    + "thanksgiving easter halloween juneteenth hogmanay pentecost nineteen eighteen seventeen thousand".split()
    + list(SET_ADVERBS) + list(DECADE_WORDS) + ["q"]
)
# (a look-behind for "no letter or digit before" is half the cost of "\b":
# it fails at once at the end of every word)
HEADS = re.compile(rf"(?<![a-z0-9_])(?:{alternation(_HEAD_WORDS)}(?![a-z])|['’]?\d)", FLAGS)
_RUN_WORDS = set(
    """the a an its their his her our each every per of that this last next past coming previous
    following current present preceding upcoming same very early earlier late later mid in end
    beginning start close middle turn dawn rest remainder first second third fourth final latter
    part half about around approximately roughly nearly almost some more than less fewer over
    under at least most up to no not just well upwards barely estimated little fiscal calendar
    financial year year's comparable corresponding latest recent prior just-ended ended or and
    once twice thrice times other couple dozen few several many handful matter series numerous
    countless hundreds dozens number additional extra further full long short straight
    consecutive successive trading business working whole entire remaining initial ensuing
    intervening school fy right these""".split()
)
_RUN_WORDS |= set(MONTHS) | set(MONTH_ABBREVIATIONS) | set(WEEKDAYS) | set(ORDINALS)
_RUN_WORDS |= set(UNITS_1_TO_19) | set(TENS) | {"spring", "summer", "fall", "autumn", "winter"}
for _name in list(FIXED_HOLIDAYS) + list(NTH_WEEKDAY_HOLIDAYS) + list(EASTER_HOLIDAYS) + list(OTHER_HOLIDAYS):
    _RUN_WORDS |= set(_name.split()[:-1])
for _name, _pat in RULES:  # every literal word of the grammar may precede a head
    _RUN_WORDS |= set(re.findall(r"(?<![<\\])\b[a-z]{2,}\b(?!>)", _pat))
_RUN_WORDS |= {"hundred", "thousand", "near", "a"}
# Prepositions the grammar only looks behind at ("for years", "in '98"): they
# end a run, they are never inside an expression.
_RUN_WORDS -= {"for", "since", "until", "by", "within", "on", "during", "lasting", "spanning", "took",
               "takes", "take", "after", "before", "from", "circa"}
# A run: up to seven words (or numbers, or a "mid-"), each after a space, comma
# or hyphen, read right to left on the reversed text.
RUN_REVERSED = re.compile(
    r"(?:[\s,\-]+(?:" + alternation([w[::-1] for w in _RUN_WORDS])[3:-1] + r"|[\d,./]+['’]?)(?![a-z\d]))"
    r"{0,7}", FLAGS)
WORD_START = re.compile(r"(?<![\w'’.])[\w'’]")
# What may follow a number inside an expression: a unit ("90 days", "four-year"),
# a month ("30 May"), a clock ("5 p.m.", "10:35"), an ordinal suffix, a decade
# "s", a fraction or range ("2 1/2", "12 to 18"), "o'clock", "in the morning".
# A number followed by anything else, unless it may be a year, is a count.
NUMBER_IN_EXPRESSION = re.compile(
    rf"\d[\d,.]*(?:(?:st|nd|rd|th|s)\b|['’]s\b|\s*(?:[:/]\d|[ap]\.?\s?m\b)"
    rf"|[\s-]+(?:(?:more|additional|extra|further|full|long|short|straight|consecutive|successive|"
    rf"trading|business|working|calendar|fiscal|school|whole|entire)[\s-]+)?{UNIT}"
    rf"|\s+(?:of\s+)?{MONTH}|\s+(?:and|or|to|-|–)\s+|-(?:\d|and-a-half)|\s+\d+/\d|\s*½"
    rf"|\s+o['’]clock|\s+in\s+the\s+(?:morning|afternoon|evening)|\s+(?:or\s+so\b)"
    rf"|\s+(?:[ecmp][sd]t|gmt|utc)\b)")
# Run words that never begin an expression: no grammar attempt starts there.
NON_STARTERS = frozenset("of in and or to than least most part estimated little s".split())


# ------------------------------------------------------- first-character index
# Trying all rules at a position costs ~8 us; most fail on the first character.
# The characters a match of each rule can start with are read from the parsed
# pattern, and DISPATCH holds one scanner per first character with only the
# rules that can start there (in rule order).
def _first_chars(items) -> tuple[set | None, bool]:
    """(characters a match of the parsed sequence can start with, or None for any; can it be empty)."""
    from re import _constants as c  # the parser's opcodes (CPython 3.11+; ImportError elsewhere)

    acc: set = set()
    for op, av in items:
        if op is c.LITERAL:
            return acc | {chr(av)}, False
        if op is c.IN:
            chars: set = set()
            for iop, iav in av:
                if iop is c.LITERAL:
                    chars.add(chr(iav))
                elif iop is c.RANGE:
                    chars.update(chr(x) for x in range(iav[0], iav[1] + 1))
                elif iop is c.CATEGORY and iav is c.CATEGORY_DIGIT:
                    chars.update("0123456789")
                elif iop is c.CATEGORY and iav is c.CATEGORY_SPACE:
                    chars.update(" \t\n\r\f\v")
                else:
                    return None, False
            return acc | chars, False
        if op is c.BRANCH:
            nullable = False
            for alt in av[1]:
                f, n = _first_chars(alt)
                if f is None:
                    return None, False
                acc |= f
                nullable = nullable or n
            if not nullable:
                return acc, False
        elif op is c.SUBPATTERN or op is c.ATOMIC_GROUP:
            f, n = _first_chars(av[-1] if op is c.SUBPATTERN else av)
            if f is None:
                return None, False
            acc |= f
            if not n:
                return acc, False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            f, n = _first_chars(av[2])
            if f is None:
                return None, False
            acc |= f
            if av[0] > 0 and not n:
                return acc, False
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width
        else:
            return None, False
    return acc, True


def _rule_first_chars() -> dict[str, set | None]:
    first = {}
    for name, pat in RULES:
        try:
            from re import _parser  # CPython's pattern parser (private, stable since 3.11)

            chars, nullable = _first_chars(_parser.parse(pat, FLAGS))
        except Exception:  # another Python, or an opcode this reader does not know:
            chars, nullable = None, True  # the rule is tried at every character
        first[name] = None if nullable else chars
    return first


class _Dispatch(dict):
    """First character -> compiled alternation of the rules that can start with it (or None).

    Built on first use of each character: compiling all of them costs ~0.5 s,
    which ``import newskit`` should not pay.
    """

    def __init__(self) -> None:
        super().__init__()
        self._first = _rule_first_chars()
        self._by_rules: dict[tuple[str, ...], re.Pattern] = {}

    def rules_for(self, ch: str) -> tuple[str, ...]:
        """The names of the rules that can start with ``ch``, in rule order."""
        return tuple(n for n, _ in RULES if self._first[n] is None or ch in self._first[n])

    def __missing__(self, ch: str) -> re.Pattern | None:
        names = self.rules_for(ch)
        if not names:
            self[ch] = None
            return None
        if names not in self._by_rules:  # characters with the same rules share one pattern
            bounded = [n for n in names if n not in _UNBOUNDED]
            parts = []
            if bounded:
                parts.append(r"\b(?:" + "|".join(f"(?P<{n}>{_NAMED.sub('(?:', _PATTERNS[n])})" for n in bounded) + ")")
            parts += [f"(?P<{n}>{_NAMED.sub('(?:', _PATTERNS[n])})" for n in names if n in _UNBOUNDED]
            self._by_rules[names] = re.compile("|".join(parts), FLAGS)
        self[ch] = self._by_rules[names]
        return self[ch]


_PATTERNS = dict(RULES)
DISPATCH: dict[str, re.Pattern | None] = _Dispatch()
