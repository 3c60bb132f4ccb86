"""Direct quotes in one article and who said them.

A direct quote belongs to the person named next to a speech verb beside it (`"...," X said`,
`said X`, `X said: "..."`); `he said` goes to the last named speaker and is marked inferred; a
quote with no attribution continues the previous paragraph's speaker only when the paragraph
is all quote; otherwise it stays unattributed. People and mentions come from `briefings.people`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from briefings.models import ArticleRef, Person, Quote

if TYPE_CHECKING:
    from briefings.people import LocalPerson, Mention

SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|noted|notes|stressed|warned|asked|explained|insisted|argued|declared|"
    r"wrote|writes|tweeted|posted|continued|reiterated|underscored|urged|vowed|remarked|concluded|replied|responded|"
    r"recalled|acknowledged|admitted|claimed|emphasized|emphasised|stated|announced|pointed out|went on|saying|"
    r"(?:was|were) quoted as saying|according to"
)
SPEECH_RE = re.compile(rf"\b(?:{SPEECH_VERBS})\b", re.I)
PRONOUN_RE = re.compile(r"\b(he|she|He|She)\b")
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
    quotes: list[dict] = []
    last_speaker: int | None = None
    previous_para_speaker: int | None = None
    carry: dict | None = None  # a quote still open at the end of a paragraph
    for para, doc in enumerate(body_docs):
        text = doc.text
        para_mentions = [m for m in mentions if m.para == para and m.kind == "body"]
        para_speaker: int | None = None
        spans = quote_spans[para]
        outside = _outside_text(text, spans)
        all_quote = len(outside.strip(" ,.;:-—")) < 3
        for k, (start, end, closed) in enumerate(spans):
            inner = text[start:end]
            if carry is not None and k == 0 and start <= 1:
                carry["text"] += " " + _clean_quote(inner)
                if closed:
                    carry = None
                continue
            words = len(inner.split())
            if words < MIN_QUOTE_WORDS:
                continue
            speaker, inferred = _speaker(text, start, end, spans, para_mentions, last_speaker)
            if speaker is None and k > 0 and para_speaker is not None:
                speaker, inferred = para_speaker, False
            if speaker is None and all_quote and previous_para_speaker is not None:
                speaker, inferred = previous_para_speaker, True
            quote = {
                "text": _clean_quote(inner),
                "speaker": speaker,
                "inferred": inferred,
                "para": para,
                "partial": _is_partial(text, start, end),
            }
            quotes.append(quote)
            if speaker is not None:
                para_speaker = speaker
                last_speaker = speaker
            if not closed:
                carry = quote
        # Indirect speech makes a speaker too (`Blinken said the allies ...`), for a later `he said`.
        for m in para_mentions:
            if not m.in_quote and SPEECH_RE.match(_after(text, m.end, 40).lstrip(", ")):
                last_speaker = m.person
        if para_speaker is None and not spans:
            subject = next((m.person for m in para_mentions if m.subject and not m.in_quote), None)
            if subject is not None:
                last_speaker = subject
        previous_para_speaker = para_speaker if spans else None
    return quotes


def _speaker(text: str, start: int, end: int, spans, mentions: list[Mention], last_speaker: int | None) -> tuple[int | None, bool]:
    """Who a quote belongs to: a named person, a pronoun for the last speaker, or no one."""
    # After the quote: `," X said` / `," said X` / `," he said`.
    tail_end = _sentence_end(text, end + 1, spans)
    tail = text[end + 1 : tail_end]
    verb = SPEECH_RE.search(tail)
    if verb:
        before_verb = tail[: verb.start()]
        who = _named_in(mentions, end + 1, end + 1 + verb.start())
        if who is not None and _only_name_between(before_verb):
            return who, False
        if PRONOUN_RE.fullmatch(before_verb.strip(" ,")):
            return last_speaker, last_speaker is not None
        if before_verb.strip(" ,") == "":
            after_verb_start = end + 1 + verb.end()
            who = _named_in(mentions, after_verb_start, min(after_verb_start + 60, tail_end))
            if who is not None and _starts_with_name(text[after_verb_start:], mentions, who):
                return who, False
            if PRONOUN_RE.match(text[after_verb_start:].lstrip()):
                return last_speaker, last_speaker is not None
            return None, False
        if before_verb.strip(" ,") and not who:
            return None, False  # said by someone who is not a person (`the department said`)
    # Before the quote: `X said, "` / `X said: "` / `X also said he and Park "`.
    head_start = _sentence_start(text, start - 1, spans)
    head = text[head_start : start - 1]
    verbs = list(SPEECH_RE.finditer(head))
    if verbs:
        verb = verbs[0]
        who = _named_in(mentions, head_start, head_start + verb.start())
        lead = head[: verb.start()]
        if who is not None and _only_name_between(lead[_last_name_end(mentions, head_start, who) - head_start :]):
            return who, False
        if PRONOUN_RE.search(lead) and len(lead.split()) <= 3:
            return last_speaker, last_speaker is not None
        # `said Lim Soo-suk: "..."`
        who = _named_in(mentions, head_start + verb.end(), start)
        if who is not None and lead.strip() == "":
            return who, False
    return None, False


def _named_in(mentions: list[Mention], lo: int, hi: int) -> int | None:
    inside = [m for m in mentions if lo <= m.start and m.end <= hi and not m.in_quote]
    return inside[-1].person if inside else None


def _last_name_end(mentions: list[Mention], lo: int, person: int) -> int:
    ends = [m.end for m in mentions if m.person == person and m.start >= lo]
    return max(ends) if ends else lo


def _starts_with_name(rest: str, mentions: list[Mention], person: int) -> bool:
    return bool(re.match(r"^\s*(?:[A-Z][\w.'’-]*\s+){0,6}", rest))


def _only_name_between(gap: str) -> bool:
    """Between a name and its speech verb there may be an adverb or an apposition, nothing else."""
    gap = re.sub(r",[^,]{0,120},", " ", gap)  # `Kim Gunn, the envoy, said`
    gap = re.sub(r"\([^)]*\)", " ", gap)
    words = [w for w in re.split(r"\s+", gap.strip(" ,")) if w]
    return len(words) <= 2 and all(
        w.lower() in {"also", "then", "later", "further", "has", "had", "was", "is", "again", "once"} or w[:1].isupper() for w in words
    )


def _sentence_end(text: str, pos: int, spans) -> int:
    for m in re.finditer(r"[.!?](?=\s|$)", text[pos:]):
        at = pos + m.start()
        if not any(a <= at < b for a, b, _ in spans) and not re.search(r"\b(?:[A-Z]|U\.S|U\.N|Mr|Ms|Mrs|Dr|St|Jr|No)$", text[:at]):
            return at
    return len(text)


def _sentence_start(text: str, pos: int, spans) -> int:
    start = 0
    for m in re.finditer(r"[.!?](?=\s)", text[:pos]):
        at = m.start()
        if not any(a <= at < b for a, b, _ in spans) and not re.search(r"\b(?:[A-Z]|U\.S|U\.N|Mr|Ms|Mrs|Dr|St|Jr|No)$", text[:at]):
            start = at + 1
    prior = [b for a, b, _ in spans if b < pos]
    if prior:
        start = max(start, max(prior) + 1)
    return start


def _after(text: str, pos: int, length: int) -> str:
    rest = text[pos : pos + length]
    return re.sub(r"^\s*\([^)]*\)", "", rest)


def _outside_text(text: str, spans) -> str:
    out, last = [], 0
    for a, b, _ in spans:
        out.append(text[last : max(a - 1, last)])
        last = b + 1
    out.append(text[last:])
    return "".join(out)


def _clean_quote(inner: str) -> str:
    return inner.strip().rstrip(",").strip()


def _is_partial(text: str, start: int, end: int) -> bool:
    inner = text[start:end].strip()
    opens_sentence = start <= 1 or (text[: start - 1].rstrip().endswith((".", ":", ",", "!", "?")) and inner[:1].isupper())
    return not (opens_sentence and inner[:1].isupper())


def article_quotes(ref: ArticleRef, extraction: dict, people: list[Person]) -> list[Quote]:
    """One article's stored quotes, each speaker given the corpus's name for them (as `/who` shows it)."""
    said_by = {(_key(q.text), q.kind): p.name for p in people for q in p.quotes if any(s.id == ref.id for s in q.sources)}
    out = []
    for q in extraction.get("quotes", []):
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
