"""Splitting a paragraph into sentences, whole and unaltered, without a model.

A small rule-based splitter (indexing speed matters): it knows common abbreviations (`Mr.`,
`Nov.`, `Sept.`), initialisms (`U.S.`, `N.K.`, `U.N.`) and initials (`N. Korea`), and does not
split inside a quotation, so a multi-sentence quote stays one unit with its attribution.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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
WORD_CHARS = re.compile(r"[\w.&'’-]")
LONGEST_WORD = 64  # a longer run before a full stop is no abbreviation or initialism


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, whole and unaltered (only the spaces between them dropped)."""
    text = paragraph.strip()
    sentences: list[str] = []
    start = 0
    for end in sentence_ends(text):
        sentences.append(text[start:end].strip())
        start = end
    if text[start:].strip():
        sentences.append(text[start:].strip())
    return sentences


def sentence_ends(text: str) -> Iterator[int]:
    """Where each sentence but the last ends: the offset just past the spaces that follow it.

    Linear in the text's length: each candidate boundary looks back at one word and forward
    at 30 characters, and the quote marks before it are counted as the scan goes.
    """
    quotes = _QuoteCounter(text) if _balanced(text) else None
    for m in BOUNDARY.finditer(text):
        nxt = text[m.end() : m.end() + 30]
        if not nxt or not _can_split(text, m.start(1), m[1], nxt):
            continue
        if quotes is not None and quotes.open_at(m.end(2)):
            continue
        yield m.end()


class _QuoteCounter:
    """Whether a quotation is open at a position, counting marks incrementally (positions only grow)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.straight = self.opens = self.closes = 0

    def open_at(self, end: int) -> bool:
        chunk = self.text[self.pos : end]
        self.straight += chunk.count('"')
        self.opens += chunk.count("“")
        self.closes += chunk.count("”")
        self.pos = end
        return self.straight % 2 == 1 or self.opens > self.closes


def _balanced(text: str) -> bool:
    # A paragraph whose quote marks do not pair up (a quote running on into the next paragraph)
    # would otherwise never split; there, quotes are ignored.
    opens, closes = text.count("“"), text.count("”")
    return text.count('"') % 2 == 0 and opens == closes


def _can_split(text: str, dot_at: int, marks: str, nxt: str) -> bool:
    first = nxt.lstrip("\"“‘'([")
    if not first:
        return False
    if not (first[0].isupper() or first[0].isdigit()):
        return False
    if marks != ".":
        return True
    token = _word_before(text, dot_at)
    if not token:
        return True
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


def _word_before(text: str, end: int) -> str:
    """The run of word characters (with `.&'’-`) that ends at `end`, looked for at most LONGEST_WORD back."""
    start = end
    while start > 0 and end - start <= LONGEST_WORD and WORD_CHARS.match(text[start - 1]):
        start -= 1
    return text[start:end]
