"""Who the words beside a quote name: the person a token is, past titles, appositions and possessors, and the
frames that say who speaks without a speech verb.

`who` turns a token into one of the article's people (a mention there, or a name only one person
of the article has, whatever tag the model gave it); `name_after` and `name_before` walk from a
speech verb to its speaker past titles (`said Oversight ranking Democrat Elijah Cummings`) and
appositions (`Levine, who backs Marco Rubio, said`). The frames: `Clinton's "..."` (`possessor`),
`X: "..."` (`introduced`), `"..." - X` (`signed`), `"...," Trump went on` (`name_and_verb_after`),
and a quote worked into a sentence with no speech verb (`sentence_subject`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from briefings.models import Attribution
from briefings.name_words import ROLE_HEADS
from briefings.pronouns import ArticleSoFar, antecedent
from briefings.speech import QUOTE_MARKS, Parse

if TYPE_CHECKING:
    from briefings.people import Mention

# Lower-case words a title before a name may hold (`.` and `-` inside one: `Capt.`, `Vice-Admiral`).
TITLE_WORDS = frozenset(
    {"the", "a", "an", ".", "-", "and", "former", "ranking", "then", "acting", "senior", "top", "longtime", "retired", "chief"}
) | frozenset(ROLE_HEADS)
TOPIC_WORDS = frozenset({"on", "about", "to", "for", "against", "vs", "vs.", "with", "of", "from", "at"})
PASSIVE_AUXILIARIES = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got", "'s", "’s"})


def mention_at(article: ArticleSoFar, para: int, char: int) -> Mention | None:
    """The article's mention of a person (outside quotes) covering a character of a paragraph."""
    return next((m for m in article.mentions if m.para == para and m.start <= char < m.end and not m.in_quote), None)


def who(token: Token, article: ArticleSoFar, para: int) -> int | None:
    """The person a token names: a mention there, or a name of exactly one person of the article that the model
    tagged as something else here (`Trump told Newsmax`, with `Trump` an ORG)."""
    m = mention_at(article, para, token.idx)
    if m is not None:
        return m.person
    doc = token.doc
    if not token.text[:1].isupper() or token.ent_iob_ == "I":
        return None
    if token.tag_ not in ("NNP", "NNPS", "NN", "NNS") and (token.is_sent_start or not token.is_alpha):
        return None  # a mis-tagged name (`said Skelly,`: an adverb; `Sanders replied`: a plural), not any first word
    if token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "I" and not doc[token.i + 1].tag_.startswith("VB"):
        return None  # part of a longer name (`Central Park`), but no verb continues a name (`Trump told ...` as one title)
    # The person the last mention of this very form before it went to (`Trump` among Donald and Ivanka Trump) ...
    same = [m for m in article.mentions if m.text == token.text and (m.para, m.start) < (para, token.idx)]
    if same:
        return max(same, key=lambda m: (m.para, m.start)).person
    # ... or the one person whose name it is (`Kim`: Kim Min-seok or Andy Kim stays open).
    owners = [i for i, p in enumerate(article.people) if token.lower_ in p.parts]
    return owners[0] if len(owners) == 1 else None


def person_at(doc: Doc, parse: Parse, subject: int, article: ArticleSoFar, para: int) -> int | None:
    """The person a subject token names: itself, or a name in apposition or compound (`spokesman Brian Fallon`)."""
    for i in (subject, *parse.kids(subject, "appos", "compound")):
        person = who(doc[i], article, para)
        if person is not None:
            return person
    return None


def adjacent_person(doc: Doc, cue: Token, article: ArticleSoFar, para: int) -> int | None:
    """No parse subject: a name right after the verb (`," said the Rev. Paul Amos`) or right before it."""
    inverted = cue.i > 0 and (doc[cue.i - 1].text in QUOTE_MARKS or doc[cue.i - 1].is_punct)
    person = name_after(doc, cue, article, para) if inverted else None
    return person if person is not None else name_before(doc, cue.i, article, para)


def name_after(doc: Doc, cue: Token, article: ArticleSoFar, para: int) -> int | None:
    """A name right after the verb, past a title (`said the Rev. Paul Amos`, `said Air Force 1st Lt. Tyler Livingston`,
    `said Oversight ranking Democrat Elijah Cummings`, `said Pentagon spokesman Navy Capt. Jeff Davis`) and past a
    possessor (`said Trump's campaign manager Corey Lewandowski` is Lewandowski's)."""
    i = cue.i + 1
    while i < min(cue.i + 14, len(doc)):
        t = doc[i]
        person = who(t, article, para)
        if person is not None:
            end = i + 1
            while end < len(doc) and who(doc[end], article, para) == person:
                end += 1
            if end >= len(doc) or doc[end].text not in ("'s", "’s", "'", "’"):
                return person
            i = end + 1
            continue
        if not (t.text[:1].isupper() or t.lower_ in TITLE_WORDS or t.like_num or t.text[:1].isdigit()):
            return None
        i += 1
    return None


def name_before(doc: Doc, i: int, article: ArticleSoFar, para: int) -> int | None:
    """The name a verb follows, past adverbs, an apposition and a parenthesis (`Morial, the chief ..., forcefully told`)."""
    k = i - 1
    for _ in range(4):
        while k >= 0 and (doc[k].tag_ in ("RB", "MD") or doc[k].lower_ in ("has", "had", "have", "also")):
            k -= 1
        if k < 0:
            return None
        if doc[k].text == "," and k > 0 and (person := who(doc[k - 1], article, para)) is not None:
            j = k - 1
            while j > 0 and who(doc[j - 1], article, para) == person:
                j -= 1
            if j == 0 or doc[j - 1].text == "," or doc[j - 1].is_sent_start:
                return person  # `the agency's chief executive, Helen Marsh, said`, not `Levine, who backs Marco Rubio, said`
        if doc[k].text in (",", ")"):
            opener = "," if doc[k].text == "," else "("
            j = k - 1
            while j >= 0 and k - j < 30 and doc[j].text != opener and doc[j].text not in QUOTE_MARKS and doc[j].text != ".":
                j -= 1
            if j < 0 or doc[j].text != opener:
                return None
            k = j - 1
            continue
        return who(doc[k], article, para)
    return None


def possessor(doc: Doc, start: int, end: int, article: ArticleSoFar, para: int) -> int | None:
    """`Clinton's "basket of deplorables" remark`: a person's name and `'s` right before the opening mark, and a noun
    right after the closing one (`Bloomberg's "looks like a vanity candidacy," says X` is X's)."""
    opening = next((t for t in reversed(doc) if t.idx < start and t.text in QUOTE_MARKS), None)
    if opening is None or opening.i < 2 or doc[opening.i - 1].text not in ("'s", "’s", "'", "’"):
        return None
    after = next((t for t in doc if t.idx >= end and t.text not in QUOTE_MARKS), None)
    return who(doc[opening.i - 2], article, para) if after is not None and after.tag_ in ("NN", "NNS") else None


def introduced(doc: Doc, start: int, article: ArticleSoFar, para: int) -> int | None:
    """`Michael P. McDonald: "At long last ..."`: a name and a colon right before the quote; or a paragraph that opens
    with a name and a colon, as transcripts and headlines do (`Rep. Trey Gowdy (R-S.C.): "..."`, `Cruz: Trump Would
    Put Liberals On Court, 'I Fear The Same Thing Is True'`). Not when another person is named before the name with
    more than `and` between (`Fiorina Endorses Ted Cruz: "..."` is Fiorina's news, not Cruz's words), nor when the name
    is what the words are about (`CNN President On Trump: "..."`)."""
    head = doc.text[:start].rstrip('"“‘ ')
    opening = re.match(r"[^:\"“‘]{2,60}?(?:\s*\([^)]{1,12}\))?:", doc.text)
    for colon in (len(head) - 1 if head.endswith(":") else None, opening.end() - 1 if opening else None):
        if colon is None:
            continue
        end = len(re.sub(r"\s*\([^)]{1,12}\)$", "", doc.text[:colon].rstrip()))
        m = next((m for m in article.mentions if m.para == para and m.end == end and not m.in_quote), None)
        before = doc.text[: m.start].split()[-1:] if m is not None else []
        if m is not None and not _named_before(doc, m, article, para) and not (before and before[0].lower() in TOPIC_WORDS):
            return m.person
    return None


def _named_before(doc: Doc, m: Mention, article: ArticleSoFar, para: int) -> bool:
    """Another person named earlier in the mention's sentence, with more than `and` between them."""
    sent = next((s for s in doc.sents if s.start_char <= m.start < s.end_char), None)
    first = sent.start_char if sent is not None else 0
    others = [o for o in article.mentions if o.para == para and first <= o.start and o.end <= m.start and o.person != m.person]
    return any(doc.text[o.end : m.start].strip(" ,&").lower() not in ("", "and") for o in others)


def name_and_verb_after(doc: Doc, end: int, article: ArticleSoFar, para: int) -> int | None:
    """`"You know, it happens, right?" Trump went on`: a quote that leaves its sentence open (`,` `?` `!` or a dash
    before the closing mark), then a name and a verb: the name says it, whatever the verb (`went on`, `chimed in`)."""
    inner = doc.text[:end].rstrip()
    if not inner or inner[-1] not in ",?!—–-":
        return None
    i = next((t.i for t in doc if t.idx >= end and t.text not in QUOTE_MARKS), len(doc))
    person = who(doc[i], article, para) if i < len(doc) else None
    if person is None:
        return None
    while i < len(doc) and who(doc[i], article, para) == person:
        i += 1
    return person if i < len(doc) and doc[i].tag_ in ("VBD", "VBZ", "VBP") else None


def signed(doc: Doc, end: int, article: ArticleSoFar, para: int) -> int | None:
    """`"..." ― Pamela Padilla`: a name after a dash that closes the paragraph signs the quote."""
    rest = doc.text[end:].lstrip('"”’ ')
    if rest[:1] not in "―—–-" or len(rest.split()) > 6:
        return None
    m = next((m for m in article.mentions if m.para == para and m.start >= end and not m.in_quote), None)
    return m.person if m is not None else None


def sentence_subject(doc: Doc, start: int, para: int, partial: bool, spans, article: ArticleSoFar) -> tuple[int | None, Attribution | None]:
    """A quote inside a sentence with no speech verb, worked into its words (`Moore thanked him for "stepping up ..."`)
    or introduced by a colon (`Kaine has adopted the stance: "I'm pro-life ..."`): the sentence's subject, when that
    is a person named first in it, no other person named there is a subject or owns the quote (`Trump mocked
    Clinton's "..."` is no one's; `Bush referred to Rubio as "..."` is Bush's), and the verb is active (`Trump was criticized for "..."` is no one's), or a he/she the article resolves."""
    colon = doc.text[:start].rstrip(QUOTE_MARKS + " ").endswith(":")
    at = next((t for t in doc if t.idx >= start), None)
    if at is None or not (partial or colon):
        return None, None
    sent = at.sent
    first = next((t for t in sent if not (t.is_punct or t.text in QUOTE_MARKS)), None)
    if first is None or first.idx >= start or any(a < start and b > sent.start_char for a, b, _ in spans if a != start):
        return None, None  # another quote before this one in the sentence: its own frame
    named = [m for m in article.mentions if m.para == para and sent.start_char <= m.start < start and not m.in_quote]
    if first.lower_ in ("he", "she") and not named:
        verb = first.i + 1
        person = antecedent(first, article, para) if _active_verb(doc, verb) else None
        return (person, "inferred") if person is not None else (None, None)
    if not named or named[0].start != first.idx or not named[0].subject:
        return None, None
    others = [m for m in named[1:] if m.person != named[0].person]
    if any(m.subject or doc.text[m.end : start].strip(QUOTE_MARKS + " ") in ("", "'s", "’s", "'", "’") for m in others):
        return None, None  # another subject, or a name owning the quote (`Trump mocked Clinton's "..."`)
    end = next((t.i for t in sent if t.idx >= named[0].end), sent.end)
    verb = next((t.i for t in doc[end : at.i] if t.tag_.startswith("VB") or t.tag_ == "MD"), None)
    return (named[0].person, "named") if verb is not None and _active_verb(doc, verb) else (None, None)


def _active_verb(doc: Doc, i: int) -> bool:
    """The verb group at token i is active: `thanked`, `has adopted`, not `was criticized` or `got slammed`."""
    if i >= len(doc) or not (doc[i].tag_.startswith("VB") or doc[i].tag_ == "MD"):
        return False
    k = i
    while k < len(doc) and (doc[k].tag_.startswith("VB") or doc[k].tag_ in ("MD", "RB")):
        if doc[k].lower_ in PASSIVE_AUXILIARIES and k + 1 < len(doc) and doc[k + 1].tag_ == "VBN":
            return False
        k += 1
    return True
