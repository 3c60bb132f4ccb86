"""The kinds of event the extraction recognises: a news taxonomy and the word forms that report each kind.

The families follow ACE 2005's event types (life, conflict, justice, personnel, business,
transaction, contact, movement) plus what news reports besides: disasters, accidents,
launches and tests, votes, statements, awards. Each kind has a curated lexicon of the word
forms that report it (`arrested`, `arrest`, `detained`, `taken into custody`), matched as
whole words, never substrings; the model's lemmatizer stays off (it would cost extraction
speed for forms a list states as well). A kind also names the role its person plays
(`arrested`, `victim`, `fired`, `winner`) and the words people use when asking for it
(`quake`, `DUI`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

# fmt: off
# Every kind the taxonomy below defines, and their families (a test checks they agree).
EventKind = Literal[
    "press conference", "briefing", "summit", "talks", "meeting", "phone call", "interview", "earthquake", "tsunami",
    "landslide", "flood", "storm", "volcanic eruption", "fire", "crash", "collapse", "explosion", "shooting", "attack",
    "protest", "launch", "test", "escape", "arrest", "charge", "trial", "conviction", "sentencing", "release", "appeal",
    "lawsuit", "extradition", "execution", "firing", "resignation", "nomination", "appointment", "election", "abdication",
    "retirement", "coronation", "death", "injury", "wedding", "acquisition", "bankruptcy", "layoffs", "visit", "session", "vote",
    "award", "statement",
]
EventFamily = Literal[
    "accident", "award", "business", "conflict", "contact", "disaster", "justice", "launch", "life", "movement", "personnel",
    "statement", "vote",
]
# fmt: on


@dataclass(frozen=True)
class EventType:
    """One kind of event: how it is named, its family, the words that report it, and its roles."""

    kind: EventKind  # plain words for people: `earthquake`, `arrest`
    family: EventFamily  # ACE-style family: life, conflict, justice, personnel, contact, disaster ...
    forms: str  # a regex of the word forms that report it (whole words)
    patient: str | None = None  # the role of the person it happens to: `arrested`, `victim`
    agent: str | None = None  # the role of who does it: `attacker`
    asked_as: tuple[str, ...] = ()  # other words people ask with: `quake`, `killed`
    news: bool = True  # a kind beyond the diplomatic ones: any argument will do, none is required
    pattern: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", re.compile(rf"\b(?:{self.forms})\b", re.I))


_CONTACT = [
    EventType("press conference", "contact", r"(?:joint\s+)?(?:press|news)\s+conferences?", news=False),
    EventType("briefing", "contact", r"(?:press\s+|news\s+)?briefings?", news=False),
    EventType("summit", "contact", r"summits?", asked_as=("summit", "summits"), news=False),
    EventType(
        "talks",
        "contact",
        r"(?:(?:bilateral|trilateral|three-way|two-way|security|peace|annual)\s+)*(?:talks|consultations|negotiations)",
        asked_as=("talks", "negotiations"),
        news=False,
    ),
    EventType(
        "meeting",
        "contact",
        r"(?:(?:bilateral|trilateral|three-way|ministerial|open|emergency|rare)\s+)*meeting|met|meets?(?!\s+(?:the\s+)?(?:criteria|standards|demand))",
        asked_as=("meeting", "met", "meet"),
        news=False,
    ),
    EventType(
        "phone call",
        "contact",
        r"(?:tele)?phone\s+(?:call|conversation|talks)s?|spoke\s+(?:by|on\s+the|over\s+the)\s+(?:tele)?phone|phoned",
        asked_as=("call", "phone", "telephone"),
    ),
    EventType("interview", "contact", r"interviews?", news=False),
]
_MOVEMENT = [
    EventType(
        "visit",
        "movement",
        r"visit(?:s|ed|ing)?|trip|courtesy\s+call|(?:go|goes|went|travel(?:s|l?ed|l?ing)?|fl(?:y|ies|ew|ying))\s+to(?=\s+[A-Z])",
        asked_as=("visit", "visited", "trip", "travel"),
        news=False,
    ),
]
_DISASTER = [
    EventType(
        "earthquake",
        "disaster",
        r"earthquakes?|quakes?|tremors?|temblors?",
        "victim",
        asked_as=("quake", "earthquake", "tremor", "temblor", "seismic"),
    ),
    EventType("tsunami", "disaster", r"tsunamis?", "victim"),
    EventType(
        "landslide", "disaster", r"(?:land|mud|rock)slides?(?!\s+(?:victory|win|majority))", "victim", asked_as=("landslide", "mudslide")
    ),
    EventType("flood", "disaster", r"floods?|flooding|flash\s+floods?", "victim", asked_as=("flood", "floods", "flooding")),
    EventType(
        "storm",
        "disaster",
        r"typhoons?|hurricanes?|cyclones?|tornado(?:es)?|blizzards?|(?:tropical\s+)?storms?",
        "victim",
        asked_as=("storm", "typhoon", "hurricane", "cyclone", "tornado"),
    ),
    EventType("volcanic eruption", "disaster", r"erupt(?:ed|s|ing)?|eruptions?", asked_as=("eruption", "volcano", "erupted")),
    EventType(
        "fire",
        "disaster",
        r"wildfires?|bushfires?|(?:forest|brush|grass|house|building|apartment|factory|hotel|warehouse)\s+fires?|(?<!opened\s)(?<!open\s)fires?\s+(?:at|in)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:mine|factory|plant|hospital|building|hotel|market|school|warehouse|prison)|blazes?|caught\s+fire|fire\s+broke\s+out",
        "victim",
        asked_as=("fire", "fires", "wildfire", "wildfires", "blaze", "bushfire"),
    ),
]
_ACCIDENT = [
    EventType(
        "crash",
        "accident",
        r"(?:plane|car|bus|train|helicopter|road)?\s*crash(?:es|ed)?|collisions?|collided|derail(?:ed|ment)|capsized|plunged|overturned|ran\s+aground|rammed|emergency\s+landing|(?:road|traffic|car|bus|train|mining|industrial)\s+accidents?",
        "victim",
        asked_as=("crash", "accident", "collision", "derailment"),
    ),
    EventType(
        "collapse",
        "accident",
        r"(?<!government\s)(?<!coalition\s)(?<!talks\s)(?:(?:bridge|building|roof|mine|dam|tunnel|stage)\s+)?collaps(?:e|ed|es|ing)(?!\s+(?:of\s+(?:the\s+)?(?:government|coalition|talks|economy|market|communism|the\s+soviet)))",
        "victim",
        asked_as=("collapse", "collapsed"),
    ),
    EventType("explosion", "accident", r"explosions?|exploded|blasts?", "victim", asked_as=("explosion", "blast")),
]
_CONFLICT = [
    EventType(
        "shooting",
        "conflict",
        r"shootings?|shootouts?|gunfights?|shot\s+dead|shot\s+and\s+(?:killed|wounded|injured)|fatally\s+shot|(?:was|were|been|being)\s+shot|opened\s+fire|gunned\s+down|gunm[ae]n",
        "victim",
        "shooter",
        ("shooting", "shot", "gunman", "gunfire"),
    ),
    EventType(
        "attack",
        "conflict",
        r"(?<!heart\s)attack(?:s|ed)?|bombings?|bombed|stabbings?|stabbed|assault(?:ed)?|ambush(?:ed)?|air\s*strikes?|murdered|slain|killings?\s+of|kidnapp(?:ed|ing)|abduct(?:ed|ion)",
        "victim",
        "attacker",
        ("attack", "bombing", "stabbing", "stabbed", "murder", "murdered", "kidnapping", "kidnapped", "abduction"),
    ),
    EventType(
        "protest",
        "conflict",
        r"protests?|protested|protesters|demonstrations?|demonstrators|(?-i:marched|marches|march)(?=\s+(?:in|through|on|to|against))|(?<!campaign\s)(?<!election\s)rall(?:y|ies|ied)(?!\s+(?:for|behind|around))",
        asked_as=("protest", "demonstration", "rally"),
    ),
]
_JUSTICE = [
    EventType(
        "escape",
        "justice",
        r"escaped|escapes?|escapees?|jailbreaks?|prison\s+break|broke\s+out\s+of",
        "escaped",
        asked_as=("escape", "escaped", "jailbreak"),
    ),
    EventType(
        "arrest",
        "justice",
        r"arrest(?:s|ed|ing)?|detained|detention|taken\s+into\s+custody|apprehended|nabbed|booked\s+into",
        "arrested",
        asked_as=("arrest", "arrested", "detained", "detention", "custody"),
    ),
    EventType(
        "charge",
        "justice",
        r"(?<!in\s)(?<!free\sof\s)charged|charges|indicted|indictment|prosecuted",
        "charged",
        asked_as=("charge", "charged", "charges", "indicted", "indictment"),
    ),
    EventType("trial", "justice", r"(?<!clinical\s)trials?", "defendant", asked_as=("trial",)),
    EventType(
        "conviction",
        "justice",
        r"convicted|convicts|convictions?|found\s+guilty|pleaded\s+guilty|pleads\s+guilty|guilty\s+(?:verdict|plea)",
        "convicted",
        asked_as=("convicted", "conviction", "guilty", "verdict"),
    ),
    EventType(
        "sentencing",
        "justice",
        r"sentenced|sentencing|jails(?=\s+(?-i:[A-Z]))|(?:life|prison|jail|death)\s+sentence|jailed|imprisoned",
        "sentenced",
        asked_as=("sentence", "sentenced", "sentencing", "jailed", "prison"),
    ),
    EventType(
        "release",
        "justice",
        r"freed|frees|acquitted|acquittal|pardoned|(?:was|were|been)\s+released|released\s+(?:from|on\s+bail)",
        "released",
        asked_as=("released", "release", "freed", "acquitted"),
    ),
    EventType(
        "appeal",
        "justice",
        r"appealed\s+(?:against|the)|filed\s+an\s+appeal|appeals?\s+court|appeal\s+against",
        "appellant",
        asked_as=("appeal", "appealed"),
    ),
]
_JUSTICE_MORE = [
    EventType("lawsuit", "justice", r"sued|sues|suing|lawsuits?", "sued", "plaintiff", ("lawsuit", "sued", "suit")),
    EventType("extradition", "justice", r"extradited|extradition", "extradited", asked_as=("extradition", "extradited")),
    EventType("execution", "justice", r"(?:was|were|been)\s+executed|executions?\s+of", "executed", asked_as=("execution", "executed")),
]
_PERSONNEL = [
    EventType(
        "firing",
        "personnel",
        r"fires(?=\s+(?:its|his|her|their|the|a|an|(?-i:[A-Z])))|fired(?!\s+(?:at|on\s+(?:the\s+)?(?-i:[a-z])|upon|back|off|into|shots?|rounds?|tear|rubber|warning|a\s+(?:shot|round|volley)|missiles?|rockets?|artillery|shells?))|sacked|sacking|dismissed(?!\s+(?:as|the\s+(?:case|lawsuit|suit|claims?|charges?|appeal|concerns?|criticism|reports?|idea|allegations?)))|dismissal|ousted|ouster|axed|removed\s+from\s+(?:office|his\s+post|her\s+post)|relieved\s+of\s+(?:his|her|their)\s+(?:duties|command|post)",
        "fired",
        asked_as=("fired", "firing", "sacked", "sacking", "dismissed", "dismissal", "ousted", "axed", "removed"),
    ),
    EventType(
        "resignation",
        "personnel",
        r"resign(?:s|ed|ation)?|stepped\s+down|steps?\s+down|stepping\s+down|step\s+aside|quit(?:s|ting)?\s+(?:as|his|her|the|politics|office)|leave\s+(?:politics|office)",
        "resigned",
        asked_as=("resigned", "resignation", "quit"),
    ),
    EventType(
        "nomination", "personnel", r"nominat(?:ed|es|e|ion|ing)|nominees?", "nominee", asked_as=("nominated", "nomination", "nominee")
    ),
    EventType(
        "appointment",
        "personnel",
        r"appoint(?:s|ed|ing)?|appointment|sworn\s+in|took\s+office",
        "appointed",
        asked_as=("appointed", "appointment", "sworn"),
    ),
    EventType(
        "election",
        "personnel",
        r"(?:re-?)?elected|elects|elections?|won\s+the\s+(?:election|race|vote)",
        "elected",
        asked_as=("election", "elected", "won"),
    ),
]
_PERSONNEL_MORE = [
    EventType(
        "abdication",
        "personnel",
        r"abdicat(?:ed|es|e|ing|ion)|gave\s+up\s+the\s+throne",
        "abdicated",
        asked_as=("abdication", "abdicated", "abdicates"),
    ),
    EventType(
        "retirement",
        "personnel",
        r"retire(?:s|d|ment)?(?!\s+(?:the|a|an)\s)|hung\s+up\s+(?:his|her)\s+(?:boots|gloves|racket)",
        "retired",
        asked_as=("retirement", "retired", "retires", "retire"),
    ),
    EventType(
        "coronation", "personnel", r"coronation|crowned|proclaimed\s+(?:king|queen|emperor)", "crowned", asked_as=("coronation", "crowned")
    ),
]
_LIFE = [
    EventType(
        "death",
        "life",
        r"died|dies|passed\s+away|death(?!\s+(?:penalty|row|toll|threats?|sentence))|found\s+dead|killed|kills|killing(?!s?\s+of)|drowned|succumbed",
        "died",
        asked_as=("died", "death", "dead", "killed", "dies", "drowned", "obituary"),
    ),
    EventType("injury", "life", r"injured|wounded|injuries", "injured", asked_as=("injured", "wounded")),
    EventType("wedding", "life", r"married|marries|weddings?", "married", asked_as=("wedding", "married", "marriage")),
]
_BUSINESS = [
    EventType(
        "acquisition",
        "business",
        r"acquired|acquisitions?|takeovers?|mergers?|buyouts?|agreed\s+to\s+(?:buy|acquire)",
        asked_as=("acquisition", "takeover", "merger", "deal"),
    ),
    EventType("bankruptcy", "business", r"bankruptcy|bankrupt|insolvency", asked_as=("bankruptcy", "bankrupt")),
    EventType("layoffs", "business", r"layoffs|laid\s+off|job\s+cuts", asked_as=("layoffs", "layoff", "cuts")),
]
_LAUNCH = [
    EventType("launch", "launch", r"launch(?:es|ed)?|(?:test-)?fired", news=False, asked_as=("launch", "launched")),
    EventType("test", "launch", r"(?:nuclear|missile|weapons?)\s+tests?|tested", asked_as=("test", "tested")),
]
_CIVIC = [
    EventType("session", "vote", r"general\s+assembly|plenary\s+session|session", news=False),
    EventType("vote", "vote", r"voted|votes?\s+(?:on|to|for|against)|referendum", news=False, asked_as=("vote", "voted", "referendum")),
    EventType("award", "award", r"awarded|awards?(?!-)|prizes?|medals?", "winner", asked_as=("award", "prize", "medal", "won", "winner")),
    EventType("statement", "statement", r"joint\s+statement|issued\s+a\s+statement|declaration", asked_as=("statement",)),
]

# Earlier kinds win a word two kinds could claim (`press conference` before `conference`, a launch's `fired` before a firing).
TYPES: list[EventType] = [
    *_CONTACT,
    *_DISASTER,
    *_ACCIDENT,
    *_CONFLICT,
    *_LAUNCH,
    *_JUSTICE,
    *_JUSTICE_MORE,
    *_PERSONNEL,
    *_PERSONNEL_MORE,
    *_LIFE,
    *_BUSINESS,
    *_MOVEMENT,
    *_CIVIC,
]
BY_KIND: dict[str, EventType] = {t.kind: t for t in TYPES}
KINDS: list[tuple[str, re.Pattern]] = [(t.kind, t.pattern) for t in TYPES]
# Any kind's word: one scan tells a clause with no event word (most of them) from one worth trying every kind on.
ANY_KIND = re.compile(r"\b(?:" + "|".join(f"(?:{t.forms})" for t in TYPES) + r")\b", re.I)

# The diplomatic kinds merge in groups (a summit is also a meeting); every other kind is its own group.
GROUPS = {
    "summit": "meet",
    "talks": "meet",
    "meeting": "meet",
    "phone call": "meet",
    "press conference": "press",
    "briefing": "press",
    "interview": "interview",
    "visit": "visit",
    "launch": "launch",
    "test": "launch",
    "session": "session",
    "vote": "session",
}
GROUPS |= {t.kind: t.kind for t in TYPES if t.kind not in GROUPS}
KIND_WORDS = {t.kind: t.kind for t in TYPES} | {"briefing": "press briefing"}
# What happens to people as a result (`killed`, `injured`) belongs to the disaster, attack or crash that caused it.
CONSEQUENCES = {"death", "injury"}
CAUSES = {"disaster", "accident", "conflict"}
LAUNCH_OBJECTS = re.compile(
    r"\b(spy satellite|military satellite|reconnaissance satellite|satellite|ballistic missiles?|missiles?|rocket)\b", re.I
)
# Offences a justice event is about, and the words people ask them with.
OFFENCES: dict[str, re.Pattern] = {
    "drink-driving": re.compile(
        r"\b(?:drink|drunk(?:en)?)[\s-]driving|driving\s+under\s+the\s+influence|(?:driving|operating\s+a\s+(?:motor\s+)?vehicle)\s+while\s+(?:intoxicated|impaired)|\bDUI\b|\bDWI\b|\bOWI\b",
        re.I,
    ),
    "murder": re.compile(r"\bmurder(?:s|ed|ing)?\b|\bmanslaughter\b|\bhomicide\b", re.I),
    "fraud": re.compile(r"\bfraud(?:ulent)?\b|\bembezzle(?:ment|d)?\b", re.I),
    "corruption": re.compile(r"\bcorruption\b|\bbrib(?:e|es|ery|ed)\b", re.I),
    "drugs": re.compile(r"\bdrug\s+(?:trafficking|possession|charges?)\b|\bnarcotics\b", re.I),
    "theft": re.compile(r"\btheft\b|\brobbery\b|\bburglary\b|\bstole\b", re.I),
    "sexual assault": re.compile(r"\bsexual(?:ly)?\s+assault(?:ed)?\b|\brape\b", re.I),
}
OFFENCE_WORDS = {
    "drink-driving": (
        "dui",
        "dwi",
        "owi",
        "ovi",
        "intoxicated",
        "impaired",
        "drink-driving",
        "drunk-driving",
        "drunk",
        "drink",
        "driving",
        "drunken",
    ),
    "murder": ("murder", "murdered", "manslaughter", "homicide", "killing"),
    "fraud": ("fraud", "embezzlement"),
    "corruption": ("corruption", "bribery", "bribe", "bribes"),
    "drugs": ("drugs", "drug", "narcotics"),
    "theft": ("theft", "robbery", "burglary"),
    "sexual assault": ("rape", "sexual", "assault"),
}


def find_offences(text: str) -> list[str]:
    """The offences a passage names (`drink-driving` for `DUI`), in the taxonomy's words."""
    return [name for name, pattern in OFFENCES.items() if pattern.search(text)]


@cache
def asked_words() -> dict[str, frozenset[str]]:
    """Each word a query may use for a kind (its forms and synonyms) -> the kinds it names."""
    out: dict[str, set[str]] = {}
    for t in TYPES:
        words = {t.kind, *t.kind.split(), *t.asked_as}
        for word in words:
            out.setdefault(word.lower(), set()).add(t.kind)
    return {w: frozenset(k) for w, k in out.items()}


def unique(items: list[str]) -> list[str]:
    """The items in their first order, each once."""
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out
