"""Splitting a paragraph into sentences, whole and unaltered, without a model.

A small rule-based splitter (indexing speed matters): it knows common abbreviations (`Mr.`,
`Nov.`, `Sept.`), initialisms (`U.S.`, `N.K.`, `U.N.`) and initials (`N. Korea`), and does not
split inside a quotation, so a multi-sentence quote stays one unit with its attribution.
"""

from __future__ import annotations

import re

ABBREVIATIONS = {
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "gens", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl",
    "pvt", "sen", "sens", "rep", "reps", "gov", "pres", "supt", "hon", "rev", "fr", "st", "mt", "ft", "jr", "sr",
    "co", "corp", "inc", "ltd", "bros", "dept", "univ", "assn", "no", "nos", "vs", "v", "approx", "fig", "est",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "al", "cf", "ca", "op", "pp", "vol",
}  # fmt: skip
# After an initialism (`U.S.`) a capitalised word usually continues the sentence (`U.S. Secretary`);
# these words are the exceptions that usually open a new one.
SENTENCE_STARTERS = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "but", "and",
    "in", "on", "at", "for", "as", "if", "when", "while", "after", "before", "his", "her", "their", "its", "our",
    "there", "some", "many", "meanwhile", "however", "officials", "yet", "still", "also", "according",
}  # fmt: skip
OPEN_QUOTES = "“‘"
CLOSE_QUOTES = "”’"
QUOTE_CHARS = '"“”'
BOUNDARY = re.compile(r"([.!?]+)([\"”’')\]]*)(\s+)")
INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$|^[A-Z]$")
WORD = re.compile(r"[a-z0-9]+", re.I)


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, whole and unaltered (only the spaces between them dropped)."""
    text = paragraph.strip()
    if not text:
        return []
    protect_quotes = _balanced(text)
    sentences: list[str] = []
    start = 0
    for m in BOUNDARY.finditer(text):
        end = m.end(2)
        nxt = text[m.end() : m.end() + 30]
        if not nxt or not _can_split(text, m.start(1), m[1], nxt):
            continue
        if protect_quotes and _quote_open(text[:end]):
            continue
        sentences.append(text[start:end].strip())
        start = m.end()
    if text[start:].strip():
        sentences.append(text[start:].strip())
    return sentences


def _balanced(text: str) -> bool:
    # A paragraph whose quote marks do not pair up (a quote running on into the next paragraph)
    # would otherwise never split; there, quotes are ignored.
    opens, closes = text.count("“"), text.count("”")
    return text.count('"') % 2 == 0 and opens == closes


def _quote_open(upto: str) -> bool:
    return upto.count('"') % 2 == 1 or upto.count("“") > upto.count("”")


def _can_split(text: str, dot_at: int, marks: str, nxt: str) -> bool:
    first = nxt.lstrip("\"“‘'([")
    if not first:
        return False
    if not (first[0].isupper() or first[0].isdigit()):
        return False
    if marks != ".":
        return True
    word = re.search(r"([\w.&'’-]+)$", text[:dot_at])
    if not word:
        return True
    token = word[1]
    bare = token.lower().strip(".'’")
    if bare in ABBREVIATIONS:
        return False
    if INITIALISM.match(token):
        # `N. Korea`, `John F. Kennedy`: a single initial never ends a sentence.
        if len(token) == 1:
            return False
        next_word = WORD.match(first)
        return bool(next_word) and next_word[0].lower() in SENTENCE_STARTERS
    return True
