"""Extractive article summaries: one to three of the article's own sentences, whole and unaltered.

On news the lead is a strong baseline (lead-3 beats classic TextRank on CNN/DailyMail), so the
summary starts from the lead and only improves on it where the lead is weak: sentences that repeat
the headline, furniture the cleaner left in the body (bylines, datelines, editor's notes, photo
captions, acronym boilerplate), bare quotes with no speaker, fragments, and sentences that lean on a
pronoun whose antecedent the summary would not carry are passed over.

Sentences come from `briefings.sentences` (a rule-based splitter that knows abbreviations and quotes).

A story's summary (`merge_summaries`) is drawn from all its sources: the best source's first two
sentences, then each other source's first sentence that says something new, then the rest in turn,
up to four sentences and 130 words. A sentence says nothing new when its content words overlap a
taken one's by Jaccard >= 0.5 or lie >= 70% inside it; a sentence that opens on a pronoun or a
connective is taken only after its own predecessor. Each sentence keeps the article it came from, so
the digest can name its outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefings.corpus import ParsedArticle
from briefings.furniture import CAPTION_MARK, EDITOR_NOTE, looks_like_caption
from briefings.headers import BYLINE, DATELINE
from briefings.sentences import QUOTE_CHARS, WORD, split_sentences

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
HEADLINE_STOP = {"the", "a", "an", "of", "to", "in", "on", "for", "and", "or", "with", "by", "at", "as", "is", "are", "was", "over", "from", "says", "said"}  # fmt: skip

MAX_WORDS = 100  # a digest entry, not an abstract: three long wire sentences are already a lot
LEAD_PARAGRAPHS = 8  # the summary comes from the top of the story


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
    if CAPTION_MARK.match(s) or looks_like_caption(s) or (captions and s in captions):
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


# --- a story's summary from all its sources --------------------------------------------------

MAX_STORY_SENTENCES = 4
MAX_STORY_WORDS = 130
LEAD_SENTENCES = 2  # what the best source says first; the others then add what it does not
DUPLICATE_SENTENCE = 0.5  # content-word Jaccard at or above which two sentences say the same thing
CONTAINED_SENTENCE = 0.7  # share of a sentence's content words already said by one taken sentence


def merge_summaries(summaries: list[list[str]], *, headline: str | None = None) -> list[tuple[int, str]]:
    """(source index, sentence): the lead source's first sentences, then what each other source adds, nothing twice.

    Sources come best first. Every sentence is a whole sentence of its article's summary; a sentence that
    says what a taken one already says (by content words) is left out, and a source's later sentence is
    taken after its predecessor, or alone when it does not lean on what came before it.
    """
    if len(summaries) == 1:
        return [(0, s) for s in summaries[0]]
    taken: list[tuple[int, int, str, set[str]]] = []  # (source, position, sentence, content words)

    def take(source: int, position: int) -> bool:
        summary = summaries[source]
        if position >= len(summary) or len(taken) >= MAX_STORY_SENTENCES:
            return False
        sentence = summary[position]
        follows = any(t[0] == source and t[1] == position - 1 for t in taken)
        if position and not follows and DEPENDENT_START.match(sentence):
            return False
        content = _content_words(sentence)
        if not content or any(_says_again(content, t[3]) for t in taken):
            return False
        if source and headline and repeats_headline(sentence, headline):
            return False
        if taken and sum(len(t[2].split()) for t in taken) + len(sentence.split()) > MAX_STORY_WORDS:
            return False
        taken.append((source, position, sentence, content))
        return True

    for position in range(LEAD_SENTENCES):
        take(0, position)
    for source in range(1, len(summaries)):
        # Each other source adds its first sentence that says something new.
        any(take(source, position) for position in range(len(summaries[source])))
    for source in range(len(summaries)):
        for position in range(len(summaries[source])):
            if not any(t[0] == source and t[1] == position for t in taken):
                take(source, position)
    return [(t[0], t[2]) for t in taken]


def _says_again(content: set[str], other: set[str]) -> bool:
    shared = len(content & other)
    return shared / len(content | other) >= DUPLICATE_SENTENCE or shared / len(content) >= CONTAINED_SENTENCE
