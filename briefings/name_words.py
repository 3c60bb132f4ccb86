"""The word lists that tell a person's name from what stands around it in news copy.

Roles and titles, honorifics, nationalities, descriptions and occupations, speech verbs,
words of organisations' and places' names, and function words: lower-case keys, matched
against a token's lower-case form (`briefings.names` applies them).
"""

from __future__ import annotations

# Nouns that head a role or title; the words before them may be part of the title.
ROLE_HEADS = {
    "secretary", "minister", "president", "leader", "spokesman", "spokeswoman", "spokesperson", "coordinator",
    "adviser", "advisor", "envoy", "representative", "ambassador", "official", "chief", "director", "head",
    "chairman", "chairwoman", "chair", "general", "marshal", "commander", "governor", "mayor", "senator", "sen.",
    "rep.", "premier", "chancellor", "king", "queen", "prince", "princess", "lawmaker", "analyst", "professor",
    "researcher", "correspondent", "officer", "deputy", "diplomat", "negotiator", "administrator", "prosecutor",
    "judge", "justice", "attorney", "lawyer", "executive", "ceo", "founder", "vice", "undersecretary",
    "under-secretary", "commissioner", "speaker", "chairperson", "admiral", "colonel", "lieutenant", "captain",
    "sergeant", "major", "emperor", "pope", "bishop", "cardinal", "rabbi", "imam", "mp", "governor-general",
    "secretary-general", "director-general", "aide", "counselor", "counsellor", "economist", "expert",
    "scholar", "fellow", "editor", "reporter", "journalist", "member", "candidate", "nominee", "delegate",
    # AP-style abbreviations before a name (`Gov. Dan Ortiz`, `Lt. Gen. Omar Haddad`, `the Rev. Paul Amos`)
    "gov.", "lt.", "gen.", "col.", "maj.", "capt.", "cmdr.", "adm.", "sgt.", "cpl.", "rev.", "supt.", "insp.", "det.",
    # the same without the point, as Reuters and British papers write them (`Col Suvit Maenmuan`, `Lt Gen Omar Haddad`)
    "lt", "gen", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "supt", "insp",
    "detective", "inspector", "constable", "superintendent", "sheriff",
}  # fmt: skip
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "prof", "prof.", "madam"}
# Words that stand before a name as a description, not as part of it.
DEMONYMS = {
    "afghan", "albanian", "algerian", "american", "angolan", "argentine", "argentinian", "armenian", "australian",
    "austrian", "azerbaijani", "bahraini", "bangladeshi", "belarusian", "belgian", "bolivian", "bosnian", "brazilian",
    "british", "bulgarian", "burmese", "cambodian", "cameroonian", "canadian", "chilean", "chinese", "colombian",
    "congolese", "croatian", "cuban", "cypriot", "czech", "danish", "dutch", "ecuadorean", "ecuadorian", "egyptian",
    "emirati", "english", "eritrean", "estonian", "ethiopian", "filipino", "finnish", "french", "georgian", "german",
    "ghanaian", "greek", "guatemalan", "haitian", "honduran", "hungarian", "icelandic", "indian", "indonesian", "iranian",
    "iraqi", "irish", "israeli", "italian", "ivorian", "jamaican", "japanese", "jordanian", "kazakh", "kenyan", "korean",
    "kosovar", "kurdish", "kuwaiti", "kyrgyz", "latvian", "lebanese", "liberian", "libyan", "lithuanian", "macedonian",
    "malaysian", "malian", "maltese", "mexican", "moldovan", "mongolian", "montenegrin", "moroccan", "mozambican",
    "namibian", "nepalese", "nigerian", "nigerien", "norwegian", "pakistani", "palestinian", "panamanian", "paraguayan",
    "peruvian", "polish", "portuguese", "qatari", "romanian", "russian", "rwandan", "salvadoran", "saudi", "scottish",
    "senegalese", "serbian", "sierra", "singaporean", "slovak", "slovenian", "somali", "spanish", "sri", "sudanese",
    "swedish", "swiss", "syrian", "taiwanese", "tajik", "tanzanian", "thai", "tunisian", "turkish", "turkmen",
    "ugandan", "ukrainian", "uruguayan", "uzbek", "venezuelan", "vietnamese", "welsh", "yemeni", "yugoslav",
    "zambian", "zimbabwean", "european", "african", "asian", "arab", "latin", "western", "eastern",
    "frenchman", "frenchwoman", "dutchman", "dutchwoman", "englishman", "englishwoman", "scotsman", "irishman",
    "welshman", "briton", "pole", "swede", "dane", "finn", "turk", "serb", "croat", "spaniard", "scot", "kiwi",
    "aussie", "norwegians", "american-born", "russian-born", "israeli-born",
}  # fmt: skip
# Positions, occupations and other descriptors that precede a name in sports and business copy.
DESCRIPTORS = {
    "centre", "center", "striker", "midfielder", "defender", "goalkeeper", "keeper", "forward", "winger", "fullback",
    "full-back", "fly-half", "scrum-half", "lock", "prop", "hooker", "flanker", "pitcher", "catcher", "outfielder",
    "shortstop", "quarterback", "batsman", "bowler", "opener", "all-rounder", "skipper", "captain", "coach", "manager",
    "mate", "teammate", "partner", "rookie", "veteran", "champion", "challenger", "winner", "runner-up", "holder",
    "seed", "broker", "trader", "dealer", "analyst", "economist", "strategist", "singer", "actor", "actress",
    "writer", "author", "novelist", "director", "producer", "star", "driver", "rider", "jockey", "trainer",
    "cyclist", "sprinter", "swimmer", "golfer", "boxer", "player", "international", "compatriot", "countryman",
    "countrywoman", "colleague", "wife", "husband", "son", "daughter", "brother", "sister", "father", "mother",
    "widow", "lawyer", "attorney", "spokesman", "spokeswoman", "premier", "chairman", "president", "minister",
    "archbishop", "monsignor", "reverend", "rev", "teenager", "sisters", "brothers", "youngster", "newcomer",
    "debutant", "midfield", "left-hander", "right-hander", "southpaw", "incumbent", "finalist", "semifinalist",
    "semi-finalist", "quarterfinalist", "quarter-finalist", "medallist", "medalist", "titleholder", "hurdler",
    "starter", "reliever", "closer", "infielder", "accountant", "banker", "farmer", "teacher", "student", "nurse",
    "model", "photographer", "designer", "artist", "poet", "composer", "musician", "painter", "architect", "scientist",
    "surgeon", "priest", "soldier", "pilot", "businessman", "businesswoman", "tycoon", "magnate", "billionaire",
    "entrepreneur", "investor", "activist", "campaigner", "dissident", "suspect", "victim", "defendant", "prisoner",
    "detainee", "hostage", "refugee", "resident", "witness", "survivor", "comedian", "filmmaker", "playwright",
    "dancer", "guitarist", "drummer", "pianist", "violinist", "conductor", "chef", "climber", "skier", "skater",
    "gymnast", "runner", "marathoner", "wrestler", "fighter", "batter", "hitter", "slugger",
}  # fmt: skip
SPEECH_VERBS = {
    "said", "says", "told", "added", "asked", "replied", "warned", "announced", "stated", "noted", "explained",
    "insisted", "argued", "wrote", "declared", "urged", "admitted", "acknowledged", "commented", "conceded",
}  # fmt: skip
ORG_WORDS = {
    "united", "city", "club", "fc", "inc", "corp", "corporation", "co", "ltd", "plc", "bank", "party", "group",
    "association", "union", "council", "ministry", "university", "college", "school", "hospital", "airlines", "airways",
    "motors", "rovers", "wanderers", "athletic", "county", "town", "street", "road", "river", "state", "republic",
    "kingdom", "news", "agency", "times", "post", "journal", "exchange", "index", "fund", "capital", "holdings",
    "year", "day", "eve", "open", "cup", "games", "championship", "championships", "league", "grand", "prix",
    "festival", "war", "revolution", "army", "navy", "church", "airport", "international", "masters", "tour",
}  # fmt: skip
NOT_NAMES = {"the", "a", "an", "and", "or", "but", "in", "on", "at", "of", "for", "by", "with", "from", "to", "as", "it"}
