"""Quotes as an article's extraction records them, and how an article's quotes are listed.

`ExtractedQuote` is the record from extraction (`briefings.attribution` decides who said
each) through resolution; it becomes JSON only where the extraction document is stored
(`quotes_to_json`) and is read back with `stored_quotes`. `find_quotes` finds the quoted
passages of a paragraph; `article_quotes` lists one article's quotes as `show --json` does,
each speaker under the name `/who` shows. Nothing here needs spaCy (the bot imports it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefings.models import ArticleRef, Attribution, Person, Quote, QuoteKind

MIN_QUOTE_WORDS = 4


@dataclass
class ExtractedQuote:
    """One quote or reported statement as an article's extraction holds it (JSON only in storage).

    `speaker`: the person's name as the article gives it (None when the text does not say who);
    `source`: an organisation or document that said it (`attribution="organisation"`).
    """

    text: str
    para: int
    kind: QuoteKind = "direct"
    speaker: str | None = None
    attribution: Attribution | None = None
    source: str | None = None
    partial: bool = False

    @property
    def inferred(self) -> bool:
        """The speaker came from `he said` or the paragraph's last speaker, not a name beside the quote."""
        return self.attribution == "inferred" and self.speaker is not None

    def to_json(self) -> dict:
        """The stored form (the `inferred` flag kept for readers of older documents)."""
        return {
            "text": self.text,
            "speaker": self.speaker,
            "inferred": self.inferred,
            "para": self.para,
            "partial": self.partial,
            "kind": self.kind,
            "attribution": self.attribution,
            "source": self.source,
        }

    @classmethod
    def from_json(cls, d: dict) -> ExtractedQuote:
        """Rebuild from `to_json()`; a document stored before `attribution` existed reads its `inferred` flag."""
        attribution = d.get("attribution") or (("inferred" if d.get("inferred") else "named") if d.get("speaker") else None)
        return cls(
            d["text"], d.get("para", 0), d.get("kind", "direct"), d.get("speaker"), attribution, d.get("source"), d.get("partial", False)
        )


def stored_quotes(extraction: dict) -> list[ExtractedQuote]:
    """The direct and reported quotes of a stored extraction document."""
    return [ExtractedQuote.from_json(q) for q in (*extraction.get("quotes", []), *extraction.get("reported", []))]


def quotes_to_json(extraction: dict) -> dict:
    """The extraction document with its quotes as JSON, for storage (other keys untouched)."""
    return extraction | {
        key: [q.to_json() if isinstance(q, ExtractedQuote) else q for q in extraction[key]]
        for key in ("quotes", "reported")
        if key in extraction
    }


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


def article_quotes(ref: ArticleRef, extraction: dict, people: list[Person]) -> list[Quote]:
    """One article's stored quotes, each speaker given the corpus's name for them (as `/who` shows it)."""
    said_by: dict[tuple[str, str], list[Person]] = {}
    for p in people:
        for q in (*p.quotes, *p.reported):
            if any(s.id == ref.id for s in q.sources):
                said_by.setdefault((_key(q.text), q.kind), []).append(p)
    out = []
    for q in stored_quotes(extraction):
        speaker = _own(said_by.get((_key(q.text), q.kind), []), q.speaker) if q.speaker else None
        if speaker is None and q.speaker:
            # Merged with a longer report of the same words: the person whose quote contains it.
            speaker = next((_own(ps, q.speaker) for (k, kind), ps in said_by.items() if _key(q.text) in k and kind == q.kind), None)
        out.append(quote_from_extraction(q, speaker, ref))
    return out


def _own(people: list[Person], local: str) -> str | None:
    """Of the people the corpus says spoke these words in the article, the one the extraction named (`local`): the
    same words may be a headline's, given to one person, and the body's, given to another."""
    named = [p for p in people if local == p.name or local in p.aliases]
    return (named or people)[0].name if people else None


def _key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")))


def quote_from_extraction(q: ExtractedQuote, speaker: str | None, ref: ArticleRef) -> Quote:
    """A quote as one article's extraction stored it, said by `speaker` (a corpus name or None)."""
    attribution = q.attribution
    if speaker is None and attribution in ("named", "inferred"):
        attribution = None  # the article's speaker did not survive as a person of the corpus
    inferred = attribution == "inferred"
    return Quote(q.text, speaker, ref.id, ref.date, inferred, [ref], kind=q.kind, attribution=attribution, source=q.source)
