"""Extractive article summaries: one to three of the article's own sentences, whole and unaltered.

On news the lead is a strong baseline (lead-3 beats classic TextRank on CNN/DailyMail), so the
summary starts from the lead and only improves on it where the lead is weak: sentences that repeat
the headline, furniture the cleaner left in the body (bylines, datelines, editor's notes, photo
captions, acronym boilerplate), bare quotes with no speaker, fragments, and sentences that lean on a
pronoun whose antecedent the summary would not carry are passed over.

The sentence splitter is a small rule-based one (no model; indexing speed matters): it knows common
abbreviations (`Mr.`, `Nov.`, `Sept.`), initialisms (`U.S.`, `N.K.`, `U.N.`) and initials (`N. Korea`),
and does not split inside a quotation, so a multi-sentence quote stays one unit with its attribution.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefings.corpus import BYLINE, CAPTION_MARK, DATELINE, EDITOR_NOTE, ParsedArticle, _looks_like_caption

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
SPEECH = re.compile(
    r"\b(said|says|say|told|tells|added|adds|asked|stated|noted|warned|wrote|writes|declared|insisted|argued|"
    r"explained|according|quoted|stressed|urged|vowed|announced|replied|remarked|acknowledged|claimed|"
    r"continued|concluded|recalled|tweeted|posted)\b",
    re.I,
)
BOILERPLATE = re.compile(
    r"\b(stands for|is (?:the|an) (?:acronym|abbreviation) (?:for|of)|is short for)\b"
    r"|^(click|tap|subscribe|sign up|follow us|read more|read the|contact|reporting by|editing by|writing by|additional reporting)\b"
    r"|contributed (?:to )?(?:this|the) report|^[A-Z][\w'\-]+(?: [A-Z][\w'\-]+){0,3} reported from\b"
    r"|all rights reserved|©|\bcopyright\b|unauthorized reproduction|^\(?end\)?$",
    re.I,
)
# A sentence that opens on one of these leans on what came before it.
DEPENDENT_START = re.compile(r"^(he|she|they|it|this|these|those|his|her|their|its|such|both|also|however|meanwhile)\b", re.I)
WORD = re.compile(r"[a-z0-9]+", re.I)
HEADLINE_STOP = {"the", "a", "an", "of", "to", "in", "on", "for", "and", "or", "with", "by", "at", "as", "is", "are", "was", "over", "from", "says", "said"}  # fmt: skip

MAX_WORDS = 100  # a digest entry, not an abstract: three long wire sentences are already a lot
LEAD_PARAGRAPHS = 8  # the summary comes from the top of the story


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


def article_sentences(article: ParsedArticle, *, paragraphs: int | None = None) -> Iterator[tuple[int, str]]:
    """(paragraph index, sentence) for the article's clean body, in order."""
    for i, paragraph in enumerate(article.body[:paragraphs] if paragraphs else article.body):
        for sentence in split_sentences(paragraph):
            yield i, sentence


def summarize(article: ParsedArticle, max_sentences: int = 3) -> list[str]:
    """One to `max_sentences` sentences of the article, from the lead, skipping furniture and headline repeats."""
    sentences = list(article_sentences(article, paragraphs=LEAD_PARAGRAPHS))
    headline = article.headline if article.headline_source == "text" else None
    captions = set(article.captions)
    usable = [(n, s) for n, (_, s) in enumerate(sentences) if not is_furniture(s, headline=headline, captions=captions)]
    chosen = _pick(usable, max_sentences, allow_quotes=False) or _pick(usable, max_sentences, allow_quotes=True)
    if chosen:
        return chosen
    # Nothing passed the rules (a very short or unusual article): the first sentence is still better than nothing.
    return [sentences[0][1]] if sentences else []


def _pick(usable: list[tuple[int, str]], max_sentences: int, *, allow_quotes: bool) -> list[str]:
    chosen: list[str] = []
    last = -2
    words = 0
    for n, sentence in usable:
        if len(chosen) >= max_sentences:
            break
        if not allow_quotes and sentence[0] in QUOTE_CHARS + "'‘":
            continue
        if DEPENDENT_START.match(sentence) and n != last + 1:
            continue
        count = len(sentence.split())
        if chosen and words + count > MAX_WORDS:
            break
        chosen.append(sentence)
        words += count
        last = n
    return chosen


def is_furniture(sentence: str, *, headline: str | None = None, captions: set[str] | None = None) -> bool:
    """True for a sentence a summary should never carry: furniture, a caption, a bare quote, a fragment, a headline repeat."""
    s = sentence.strip()
    words = s.split()
    if len(words) < 6 or len(words) > 90:
        return True
    if not re.search(r"[.!?][\"”’')\]]*$", s):
        return True  # a fragment: a quote cut off with a comma, a list item, a heading
    if EDITOR_NOTE.match(s) or s.startswith(("(ATTN", "(EDS", "(Editor", "Editor's note", "Editor’s note")):
        return True
    if BYLINE.match(s) and len(words) <= 12:
        return True
    if DATELINE.match(s) and len(words) <= 8:
        return True
    if BOILERPLATE.search(s):
        return True
    if CAPTION_MARK.match(s) or _looks_like_caption(s) or (captions and s in captions):
        return True
    if s[0] in QUOTE_CHARS and not SPEECH.search(_outside_quotes(s)):
        return True  # a quote with nobody saying it
    return bool(headline and repeats_headline(s, headline))


def _outside_quotes(sentence: str) -> str:
    return re.sub(r"[\"“][^\"”]*[\"”]?", " ", sentence)


def _content_words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower().replace("’", "'")) if w not in HEADLINE_STOP and len(w) > 1}


def repeats_headline(sentence: str, headline: str) -> bool:
    """True when the sentence says little beyond the headline (most of its content words are the headline's)."""
    words = _content_words(sentence)
    head = _content_words(headline)
    if not words or not head:
        return False
    new = words - head
    return len(words & head) / len(head) >= 0.8 and len(new) <= max(2, len(words) // 4)
