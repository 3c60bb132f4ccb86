"""Quotes in one article and who said them.

Attribution reads each sentence's structure (`briefings.speech` parses the sentences that
report speech): a quote belongs to the subject of the speech verb beside it, whatever stands
between (`said Anna Weller, a senior aide to Mr. Marsh` is Weller's; `," Vice President Ruth
Carver said`; `according to X`; `X said: "...`). A pronoun subject goes to the one person of
its gender the last paragraphs make salient, and to no one when two remain; a subject that
is an organisation or a document (`the campaign said in a statement`) stays its source. A
quote with no verb beside it takes the speaker of its paragraph, or of the previous one when
the paragraph is all quote (a quote running over paragraphs is one quote). Short quotes are
not listed but still set the speaker. `Kirby said the U.S. would ...` is reported speech, kept
apart (`kind="reported"`). People and mentions come from `briefings.people`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from briefings.attribution import attribute_paragraphs
from briefings.models import ArticleRef, Person, Quote

if TYPE_CHECKING:
    from briefings.people import LocalPerson, Mention

MIN_QUOTE_WORDS = 4


def find_quotes(text: str) -> list[tuple[int, int, bool]]:
    """Quoted passages as (start, end, closed) offsets of their inner text.

    Double quotes, straight or curly. Single curly quotes count only where a paragraph has no
    double quotes, and never inside a word (`Korea’s`, `don’t` are apostrophes).
    """
    spans: list[tuple[int, int, bool]] = []
    if any(c in text for c in '"“”'):
        open_at = None
        for i, c in enumerate(text):
            if c == "“" or (c == '"' and open_at is None):
                if open_at is None:
                    open_at = i + 1
            elif (c == "”" or c == '"') and open_at is not None:
                spans.append((open_at, i, True))
                open_at = None
        if open_at is not None:
            spans.append((open_at, len(text), False))
        return spans
    open_at = None
    for i, c in enumerate(text):
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if c == "‘" and not before.isalnum() and open_at is None:
            open_at = i + 1
        elif c == "’" and open_at is not None and not after.isalnum():
            spans.append((open_at, i, True))
            open_at = None
    return spans


def attribute_quotes(
    body_docs: list[Doc], quote_spans: list[list[tuple[int, int, bool]]], mentions: list[Mention], people: list[LocalPerson]
) -> list[dict]:
    """Every quote of four words or more (direct) and every reported statement, with its speaker's index."""
    said = attribute_paragraphs(body_docs, quote_spans, mentions, people)
    out = []
    for item in said:
        if item.kind == "direct" and len(item.text.split()) < MIN_QUOTE_WORDS:
            continue
        out.append(
            {
                "text": item.text,
                "speaker": item.speaker,
                "inferred": item.attribution == "inferred",
                "para": item.para,
                "partial": item.partial,
                "kind": item.kind,
                "attribution": item.attribution,
                "source": item.source,
            }
        )
    return out


def article_quotes(ref: ArticleRef, extraction: dict, people: list[Person]) -> list[Quote]:
    """One article's stored quotes, each speaker given the corpus's name for them (as `/who` shows it)."""
    said_by = {(_key(q.text), q.kind): p.name for p in people for q in (*p.quotes, *p.reported) if any(s.id == ref.id for s in q.sources)}
    out = []
    for q in [*extraction.get("quotes", []), *extraction.get("reported", [])]:
        speaker = said_by.get((_key(q["text"]), q.get("kind", "direct"))) if q.get("speaker") else None
        if speaker is None and q.get("speaker"):
            # Merged with a longer report of the same words: the person whose quote contains it.
            speaker = next((n for (k, kind), n in said_by.items() if _key(q["text"]) in k and kind == q.get("kind", "direct")), None)
        out.append(quote_from_extraction(q, speaker, ref))
    return out


def _key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")))


def quote_from_extraction(q: dict, speaker: str | None, ref: ArticleRef) -> Quote:
    """A quote as one article's extraction stored it, said by `speaker` (a corpus name or None)."""
    inferred = bool(q.get("inferred")) and speaker is not None
    attribution = q.get("attribution") or (("inferred" if inferred else "named") if speaker else None)
    if speaker is None and attribution in ("named", "inferred"):
        attribution = None  # the article's speaker did not survive as a person of the corpus
    return Quote(
        q["text"], speaker, ref.id, ref.date, inferred, [ref], kind=q.get("kind", "direct"), attribution=attribution, source=q.get("source")
    )
