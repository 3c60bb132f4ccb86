"""Name forms: the words that introduce, join and vary names, and the key a name is compared by.

`name_key('Mr. Kim Jong-un')` and `name_key('KIM JONG UN')` are both `kim jong un`: no diacritics, case,
punctuation, hyphens, leading titles or Jr./Sr. The fuzzy lookup (`briefings.fuzzy`) and the extraction
(`briefings.names`, `briefings.people`) share this vocabulary.
"""

from __future__ import annotations

import re
import unicodedata

# Words that introduce a name rather than belong to it; stripped from the front of aliases and queries alike.
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "madam", "madame", "mme", "mlle", "herr", "frau"})
_TITLES = _HONORIFICS | frozenset(
    {
        "professor", "lord", "lady", "first", "president", "vice", "deputy", "prime", "minister", "premier", "chancellor",
        "secretary", "general", "gen", "lt", "lieutenant", "col", "colonel", "maj", "major", "capt", "captain", "cmdr",
        "commander", "adm", "admiral", "marshal", "field", "brig", "brigadier", "sgt", "sergeant", "chairman", "chairwoman",
        "chairperson", "chair", "leader", "supreme", "ambassador", "envoy", "special", "representative", "spokesman",
        "spokeswoman", "spokesperson", "senator", "sen", "rep", "congressman", "congresswoman", "governor", "gov", "mayor",
        "king", "queen", "prince", "princess", "sheikh", "emir", "sultan", "pope", "rev", "reverend", "fr", "judge",
        "justice", "chief", "state", "foreign", "defense", "defence", "finance", "interior", "national", "security",
        "adviser", "advisor", "director", "commissioner", "coordinator",
    }
)  # fmt: skip
_TITLE_LINKS = frozenset({"of", "for", "the", "and"})
_SUFFIXES = frozenset({"jr", "sr"})
# Name particles: optional in a query ("Bashar Assad" finds "Bashar al-Assad") and never a reason to call a match partial.
PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "bint", "abu", "de", "del", "della", "der", "den", "van", "von", "da", "di", "du", "dos", "das"}
)
# Well-known romanisations of the same Korean family names (McCune-Reischauer, Revised, and customary spellings).
ROMANISATIONS = (
    frozenset({"jo", "cho", "joh"}),
    frozenset({"ri", "lee", "yi", "rhee", "rhie", "ree"}),
    frozenset({"choe", "choi", "choy"}),
    frozenset({"pak", "park", "bak", "pakk"}),
    frozenset({"rim", "lim", "im"}),
    frozenset({"ryu", "yoo", "yu", "ryoo"}),
    frozenset({"kang", "gang"}),
    frozenset({"jong", "jung", "chung", "jeong", "cheong"}),
    frozenset({"jang", "chang"}),
    frozenset({"jeon", "chun", "chon", "jun"}),
    frozenset({"ko", "go", "koh"}),
    frozenset({"gu", "koo", "ku"}),
    frozenset({"kwon", "gwon"}),
    frozenset({"kwak", "gwak"}),
    frozenset({"kim", "gim"}),
    frozenset({"noh", "roh", "no", "ro"}),
    frozenset({"yoon", "yun"}),
    frozenset({"shin", "sin"}),
    frozenset({"son", "sohn"}),
    frozenset({"seo", "suh"}),
    frozenset({"moon", "mun"}),
    frozenset({"baek", "paek", "paik"}),
    frozenset({"bae", "pae"}),
    frozenset({"heo", "hur", "huh"}),
    frozenset({"ahn", "an"}),
    frozenset({"oh", "o"}),
    frozenset({"hyun", "hyeon"}),
    frozenset({"yang", "ryang"}),
    frozenset({"ryom", "yeom", "yum"}),
    frozenset({"ju", "joo", "chu", "choo"}),
)
# Letters NFKD does not take apart (`Søren` is `Soren`, `Łukasz` is `Lukasz`).
LETTER_FOLD = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ß": "ss", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "œ": "oe"}
)
APOSTROPHES = str.maketrans("", "", "'’‘`´ʼʻ")
_POSSESSIVE = re.compile(r"['’]s\b")
_NON_WORD = re.compile(r"[\W_]+")


def name_key(text: str) -> str:
    """A spelling-insensitive key: 'Mr. Kim Jong-un' and 'KIM JONG UN' give 'kim jong un'."""
    return " ".join(name_words(text))


def query_titles(text: str) -> list[str]:
    """The titles and honorifics a name query opens with: `Prince Faisal` -> [prince], `Dr. Alain` -> [dr]."""
    words = _plain_words(text)
    return [w for w in words[: _title_end(words)] if w not in _TITLE_LINKS]


def _plain_words(text: str) -> list[str]:
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text.translate(LETTER_FOLD)) if not unicodedata.combining(c))
    text = _POSSESSIVE.sub("", text.casefold()).translate(APOSTROPHES)
    return _NON_WORD.sub(" ", text).split()


def _title_end(words: list[str]) -> int:
    """Where the leading titles end; the last word always stays (`President` or `King` alone may be a name)."""
    start = 0
    while start < len(words) - 1:
        word = words[start]
        if word in _TITLES or (word in _TITLE_LINKS and start > 0 and words[start - 1] in _TITLES):
            start += 1
        else:
            break
    return start


def name_words(text: str) -> list[str]:
    """The name's words: no diacritics, case, punctuation, hyphens, leading titles or Jr./Sr."""
    words = _plain_words(text)
    words = words[_title_end(words) :]
    if len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    if len(words) == 1 and words[0] in _HONORIFICS:
        return []
    return words
