"""Who said each quote of an article, from the structure of the sentences around it.

The steps, paragraph by paragraph and in text order (so a `he said` sees only what came
before it): find the speech verb beside each quote (after it in its sentence, else before it),
take the verb's subject from the parse, and turn the subject into a person (a name the
article resolved), a pronoun's antecedent, or an organisation. Quotes with no verb beside them
are settled afterwards from their paragraph. Speech verbs in sentences without quotation
marks give reported speech.

In short: a quote belongs to the subject of the speech verb beside it, whatever stands between
(`said Anna Weller, a senior aide to Mr. Marsh` is Weller's; `," Vice President Ruth Carver
said`; `according to X`; `X said: "...`). A pronoun subject goes to the last speaker, or to the
one person of its gender the last paragraphs make salient, and to no one when two remain
(`briefings.pronouns`); a subject that is an organisation or a document (`the campaign said in
a statement`) stays its source. A quote with
no verb beside it takes the speaker of its paragraph, or of the previous one when the paragraph
is all quote (a quote running over paragraphs is one quote). Short quotes are not listed but
still set the speaker. `Kirby said the U.S. would ...` is reported speech (`kind="reported"`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from briefings.models import Attribution, QuoteKind
from briefings.name_words import HONORIFICS, ROLE_HEADS
from briefings.pronouns import ArticleSoFar, antecedent, genders, place_like
from briefings.quotes import MIN_QUOTE_WORDS, ExtractedQuote
from briefings.speakers import (
    adjacent_person,
    introduced,
    name_after,
    name_and_verb_after,
    name_before,
    person_at,
    possessor,
    sentence_subject,
    signed,
    who,
)
from briefings.speech import QUOTE_MARKS, SPEECH_FORMS, SUBJECT_DEPS, Parse, cues, is_cue

if TYPE_CHECKING:
    from briefings.people import LocalPerson, Mention

_ORG_NOUNS_TEXT = """campaign committee department ministry agency office government administration party council commission
    company firm group organization organisation union association court police statement report release
    document memo letter filing lawsuit complaint poll survey study website newspaper network board bureau
    foundation institute university center centre team embassy army military spokesperson's
    transcript post tweet editorial article paper magazine journal channel station authority authorities parliament
    cabinet regime tribunal service secretariat operator"""
ORG_NOUNS = frozenset(_ORG_NOUNS_TEXT.split())
# Nouns that introduce a speaker the text does not name (`the spokesman said`), unlike an epithet for someone it has.
_ANONYMOUS_TEXT = """spokesman spokeswoman spokesperson aide aides official officials source sources adviser advisor staffer person
    people lawyer attorney representative officer strategist operative insider assistant employee witness
    friend neighbor neighbour relative resident voter supporter member man woman"""
ANONYMOUS_SOURCES = frozenset(_ANONYMOUS_TEXT.split())
ORG_LABELS = ("ORG", "NORP", "GPE")


@dataclass
class Said:
    """One quote or reported statement and its source."""

    text: str
    para: int
    start: int  # character offsets in the paragraph
    end: int
    kind: QuoteKind = "direct"
    speaker: int | None = None
    attribution: Attribution | None = None
    source: str | None = None
    partial: bool = False
    cue: bool = False  # a speech verb beside it said who
    closed: bool = True

    def extracted(self, speaker: str | None) -> ExtractedQuote:
        """The record the extraction keeps, with the speaker's name (this holds an index into the article's people)."""
        return ExtractedQuote(self.text, self.para, self.kind, speaker, self.attribution, self.source, self.partial)


@dataclass
class _Source:
    person: int | None = None
    attribution: Attribution | None = None
    organisation: str | None = None


def attribute_quotes(
    docs: list[Doc], spans: list[list[tuple[int, int, bool]]], mentions: list[Mention], people: list[LocalPerson]
) -> list[Said]:
    """Every quote of four words or more (direct) and every reported statement, with its speaker's index."""
    said = attribute_paragraphs(docs, spans, mentions, people)
    return [s for s in said if s.kind == "reported" or len(s.text.split()) >= MIN_QUOTE_WORDS]


def attribute_paragraphs(
    docs: list[Doc], spans: list[list[tuple[int, int, bool]]], mentions: list[Mention], people: list[LocalPerson]
) -> list[Said]:
    """Quotes (direct, merged across paragraphs) and reported statements, each with its source."""
    body = [m for m in mentions if m.kind == "body" and m.person is not None]
    article = ArticleSoFar(body, genders(docs, spans, body, people), docs, people, place_like(docs, body, people))
    out: list[Said] = []
    carry: Said | None = None
    previous_speaker: int | None = None
    for para, doc in enumerate(docs):
        parse = Parse.of(doc)
        quotes = [Said(_clean(doc.text[a:b]), para, a, b, closed=closed) for a, b, closed in spans[para]]
        _note_speakers(doc, parse, spans[para], article, para)
        for q in quotes:
            _attribute(q, doc, parse, spans[para], article)
        if carry is not None and quotes and _continues(carry, quotes[0]):
            carry.text += " " + quotes[0].text
            carry.closed = quotes[0].closed
            quotes = quotes[1:]
            if not carry.closed and not quotes:
                continue
        carry = None
        _settle_uncued(quotes, doc.text, spans[para], previous_speaker, article)
        out.extend(quotes)
        out.extend(_reported(doc, parse, spans[para], article, para))
        if quotes and not quotes[-1].closed:
            carry = quotes[-1]
        previous_speaker = _last_speaker(quotes, doc, parse, spans[para], article, para)
    return out


def _continues(carry: Said, first: Said) -> bool:
    """A paragraph opening with a quote continues the last one left open, unless its own verb names someone else."""
    return first.start <= 1 and (not first.cue or (first.speaker is not None and first.speaker == carry.speaker))


def unnamed_speakers(doc: Doc, spans) -> list[Span]:
    """Names the model left untagged that a speech verb has as its subject (`"...," Hale said`, `Oliver barked`).

    A proper noun (with the proper nouns compounded before it) outside quotation marks, not opening
    its sentence, with no determiner (`the President said`), that is no title or honorific;
    organisations are left to the model, which tags them far more reliably than a bare family name.
    """
    found = cues(doc)
    if not found:
        return []  # most paragraphs: no speech verb, nothing to parse back
    parse = Parse.of(doc)
    out = []
    for t in found:
        if _in_quote(t, spans) or t.lower_ == "according":
            continue
        subject = parse.subject_of(doc, t.i, lambda i: _in_quote(doc[i], spans))
        if subject is None or not _untagged_name(doc[subject]) or parse.kids(subject, "det", "poss"):
            continue
        start = subject
        while start > 0 and parse.dep.get(start - 1) == "compound" and _untagged_name(doc[start - 1]):
            start -= 1
        out.append(Span(doc, start, subject + 1, label="PERSON"))
    return out


def _untagged_name(token: Token) -> bool:
    return (
        token.tag_ == "NNP"
        and not token.is_sent_start  # capitalised anyway (`Attorneys for Clinton said`)
        and not token.ent_type_
        and token.text[:1].isupper()
        and not token.text.isupper()
        and token.lower_ not in ROLE_HEADS
        and token.lower_ not in HONORIFICS
        and token.lower_ not in ORG_NOUNS
    )


def _note_speakers(doc: Doc, parse: Parse, spans, article: ArticleSoFar, para: int) -> None:
    """Everyone a speech verb names as its subject here (`noted NBC's Dante Chinni`) is salient for a later `he said`."""
    for t in cues(doc):
        if not _in_quote(t, spans) and t.lower_ != "according":
            subject = parse.subject_of(doc, t.i, lambda i: _in_quote(doc[i], spans))
            person = person_at(doc, parse, subject, article, para) if subject is not None else None
            if person is None and (subject is None or doc[subject].pos_ != "PRON"):
                person = name_before(doc, t.i, article, para)
            if person is None and subject is not None and _is_epithet(doc[subject], parse):
                person = article.epithet_referent(para, t.idx)  # `The Republican incumbent said ...`
            if person is not None:
                article.speakers.append((para, t.idx, person))
            elif subject is not None and _could_be_unnamed_speaker(doc[subject], parse.dep.get(t.i)):
                article.unnamed.append((para, t.idx))  # `a spokesman said`


def _could_be_unnamed_speaker(subject: Token, verb_dep: str | None) -> bool:
    """A subject who may be the `he` or `she` of the next quote though we cannot name them: a person's noun (`a
    spokesman`) heading its sentence's speech (`ROOT`), not a pronoun, an organisation or a country."""
    return verb_dep == "ROOT" and subject.pos_ != "PRON" and subject.lower_ not in ORG_NOUNS and subject.ent_type_ not in ORG_LABELS


def _is_epithet(subject: Token, parse: Parse) -> bool:
    """`the Democratic front-runner`, `the businessman`: `the` and a common noun that is no anonymous source's
    (`the spokesman`), no organisation's and no pronoun, naming someone the article has named before."""
    if subject.pos_ == "PRON" or subject.tag_ in ("NNP", "NNPS") or subject.lower_ in ORG_NOUNS or subject.ent_type_:
        return False
    definite = any(subject.doc[i].lower_ == "the" for i in parse.kids(subject.i, "det"))
    return definite and subject.lower_ not in ANONYMOUS_SOURCES and not parse.kids(subject.i, "poss", "prep")


def _attribute(q: Said, doc: Doc, parse: Parse, spans, article: ArticleSoFar) -> None:
    """Who said one quote: an owner (`Clinton's "..." remark`), the subject of a speech verb beside it, else a frame
    without a verb (`"..." - X`, `X: "..."`, `"...," X went on`, a sentence the quote is worked into)."""
    q.partial = _is_partial(doc.text, q.start, q.end)
    owner = possessor(doc, q.start, q.end, article, q.para)
    if owner is not None:  # `Obama's "if you like your plan, you can keep it" promise`
        q.speaker, q.attribution, q.cue = owner, "named", True
        article.speakers.append((q.para, q.start, owner))
        return
    for cue in _cues(doc, q.start, q.end, spans):
        source = _source_of(doc, parse, cue, article, q.para, spans)
        q.cue = True
        q.speaker, q.attribution, q.source = source.person, source.attribution, source.organisation
        if source.attribution is not None:
            break
    if q.attribution is None:  # no verb, or one whose subject names no one (`but described his skills as "..."`)
        q.speaker, q.attribution = _frame_speaker(doc, q, spans, article)
        q.cue = q.cue or q.speaker is not None
    if q.speaker is not None:
        article.speakers.append((q.para, q.start, q.speaker))


def _frame_speaker(doc: Doc, q: Said, spans, article: ArticleSoFar) -> tuple[int | None, Attribution | None]:
    """The speaker a quote's frame names without a speech verb's subject, or (None, None)."""
    for find in (signed, name_and_verb_after):
        person = find(doc, q.end, article, q.para)
        if person is not None:
            return person, "named"
    person = introduced(doc, q.start, article, q.para)
    if person is not None:
        return person, "named"
    return sentence_subject(doc, q.start, q.para, q.partial, spans, article)


def _in_quote(token: Token, spans) -> bool:
    return token.text in QUOTE_MARKS or any(a <= token.idx < b for a, b, _ in spans)


def _cues(doc: Doc, start: int, end: int, spans) -> list[Token]:
    """Speech verbs for the quote at [start, end): after it in its sentence, then before it, nearest first; before it
    first when the quote follows a verb's clause and a comma or colon (`Clinton responds with, "Why now?" Mills ...`)."""
    ends_sentence = doc.text[start:end].rstrip().endswith(".")  # `"... in the end." Gov. X said ...` is the next sentence
    after = [] if ends_sentence else [t for t in _until_break([t for t in doc if t.idx >= end], spans, 30) if is_cue(t)]
    before = [t for t in _until_break([t for t in reversed(doc) if t.idx < start], spans, 45) if is_cue(t)]
    if before and doc.text[:start].rstrip(QUOTE_MARKS + " ").endswith((",", ":")):
        return before + after[:1]
    return after[:1] + before


def _until_break(tokens: list[Token], spans, limit: int):
    """Tokens outside quotes up to the next quote or sentence end."""
    seen = 0
    for t in tokens:
        if t.text in QUOTE_MARKS:
            continue
        if _in_quote(t, spans) or t.text in (".", "!", "?") or seen >= limit:
            return
        seen += 1
        yield t


def _source_of(doc: Doc, parse: Parse, cue: Token, article: ArticleSoFar, para: int, spans) -> _Source:
    """Who the speech verb's subject is: a person, a pronoun's antecedent, an organisation, or unknown."""
    if cue.lower_ == "according":
        objects = [o for to in parse.kids(cue.i, "prep") for o in parse.kids(to, "pobj")]
        subject = objects[0] if objects else (cue.i + 2 if cue.i + 2 < len(doc) else None)
    else:
        subject = parse.subject_of(doc, cue.i, lambda i: _in_quote(doc[i], spans))
        if subject is None and cue.tag_ == "VBG":
            subject = _clause_subject(doc, parse, cue, article, para)
    if subject is None:
        person = adjacent_person(doc, cue, article, para)
        return _Source(person, "named") if person is not None else _Source()
    if parse.dep.get(subject) == "nsubjpass" and parse.head.get(subject) == cue.i:
        return _Source()  # `Trump was criticized for his "..."`: the one spoken to or of, not the speaker
    if who(doc[subject], article, para) is not None and any(who(doc[c], article, para) is not None for c in parse.kids(subject, "conj")):
        return _Source()  # `Trump and Ryan issued a statement`: two speakers, and no one of them alone
    token = doc[subject]
    person = person_at(doc, parse, subject, article, para)
    if person is None and (cue.tag_ == "VBG" or not (token.pos_ == "PRON" or _organisation(doc, parse, subject))):
        person = name_before(doc, cue.i, article, para)  # `footage of Hillary Clinton asking, "..."`; a misparse
    if person is None and subject > cue.i and token.pos_ != "PRON":
        person = name_after(doc, cue, article, para)  # `," said Army Capt. Christian Pardo`: `Army` is no speaker
    if person is not None:
        return _Source(person, "named")
    if token.lower_ in ("he", "she"):
        person = antecedent(token, article, para)
        return _Source(person, "inferred") if person is not None else _Source()
    if token.pos_ == "PRON" or token.tag_ == "PRP":
        return _Source()
    org = _organisation(doc, parse, subject)
    return _Source(organisation=org, attribution="organisation") if org else _Source()


def _clause_subject(doc: Doc, parse: Parse, cue: Token, article: ArticleSoFar, para: int) -> int | None:
    """`Sanders visited NBC's "Today" ..., saying "..."`: a participle cut off from its clause by a quotation (the
    parts of a sentence outside quotation marks are parsed apart) takes the subject of the sentence's main verb,
    or the first name there that a verb follows when that part has no speech verb (and so no parse)."""
    sent = cue.sent
    quote = next((t.i for t in reversed(doc[sent.start : cue.i]) if t.text in QUOTE_MARKS), None)
    if quote is None:
        return None
    main = (i for i in range(sent.start, quote) if parse.dep.get(i) in SUBJECT_DEPS and parse.dep.get(parse.head.get(i, i)) == "ROOT")
    named = (
        t.i
        for m in article.mentions
        if m.para == para and m.subject and sent.start_char <= m.start < doc[quote].idx
        for t in doc[sent.start : quote]
        if t.idx == m.start
    )
    first = next(main, None)
    return first if first is not None else next(named, None)


def _organisation(doc: Doc, parse: Parse, subject: int) -> str | None:
    """`the Clinton campaign`, `the State Department`, `a statement`: the subject phrase when it names no person."""
    token = doc[subject]
    left = min(
        [
            subject,
            *(i for i in parse.subtree(subject) if i < subject and parse.dep.get(i) in ("det", "compound", "poss", "amod", "case", "nmod")),
        ]
    )
    words = [t for t in doc[left : subject + 1] if t.pos_ != "DET"]
    if token.ent_type_ in ORG_LABELS or token.lower_ in ORG_NOUNS:
        return " ".join(t.text for t in words).replace(" 's", "'s").replace(" ’s", "’s") or None
    return None


def _settle_uncued(quotes: list[Said], text: str, spans, previous_speaker: int | None, article: ArticleSoFar) -> None:
    """Quotes with no verb beside them: the paragraph's one speaker (`X said ... . "..."`), or the last one's if it is all quote."""
    speakers = {(q.speaker, q.attribution) for q in quotes if q.cue and q.speaker is not None}
    cued_any = any(q.cue for q in quotes)
    all_quote = len(_outside(text, spans).strip(" ,.;:-—–")) < 3
    for k, q in enumerate(quotes):
        if q.cue:
            continue
        said_before = {p for sp, off, p in article.speakers if sp == q.para and off < q.start}
        if k and _continues_previous(quotes[k - 1], q, text, article):
            q.speaker, q.attribution = quotes[k - 1].speaker, quotes[k - 1].attribution  # `"A," Rubio said. "B."`
        elif len({s for s, _ in speakers}) == 1:
            q.speaker, q.attribution = next(iter(speakers))
        elif not cued_any and not q.partial and len(said_before) == 1:
            q.speaker, q.attribution = said_before.pop(), "inferred"  # `..., Schiff said. "The other factor ..."`
        elif all_quote and not cued_any and previous_speaker is not None:
            q.speaker, q.attribution = previous_speaker, "inferred"


def _continues_previous(before: Said, q: Said, text: str, article: ArticleSoFar) -> bool:
    """`"This is the moment," Rubio said Monday night. "They told me we had no chance."`: a quote whose sentence
    starts right after the frame of the quote before it, with no one else named and no speech verb between."""
    if before.speaker is None or q.partial:
        return False
    between = text[before.end : q.start]
    named = {m.person for m in article.mentions if m.para == q.para and before.end <= m.start < q.start}
    return len(between) < 120 and named <= {before.speaker} and not _other_cue(between)


def _other_cue(text: str) -> bool:
    """Words between two quotes that hold a second speech verb (`..., she said, and Jones replied`)."""
    words = [w.strip(".,;:!?\"“”'’").lower() for w in text.split()]
    return sum(w in SPEECH_FORMS for w in words) > 1


def _last_speaker(quotes: list[Said], doc: Doc, parse: Parse, spans, article: ArticleSoFar, para: int) -> int | None:
    """Who a following all-quote paragraph continues: this paragraph's last speaker, `X said:` at its end, or, in a
    paragraph without quotes, the one whose speech it reports last (`Zimmerman told the Sentinel that ...`)."""
    text = doc.text.rstrip()
    if text.endswith(":") and len(doc) > 1:
        found = [t for t in doc if is_cue(t)]
        source = _source_of(doc, parse, found[-1], article, para, spans) if found else _Source()
        if source.person is not None or source.attribution is not None:
            return source.person
        return _colon_subject(doc, article, para)  # `President Clinton released the following statement:`
    if quotes:
        attributed = [q for q in quotes if q.speaker is not None]
        return attributed[-1].speaker if attributed else None
    said = [(off, p) for sp, off, p in article.speakers if sp == para] + [(off, None) for sp, off in article.unnamed if sp == para]
    return max(said, key=lambda s: s[0])[1] if said else None


def _colon_subject(doc: Doc, article: ArticleSoFar, para: int) -> int | None:
    """The person heading the last sentence of a paragraph that ends with a colon, as its subject (`17-year-old Jared
    Potts echoed:`): the first name there, marked a subject, with no other person named in that sentence."""
    last = list(doc.sents)[-1]
    named = [m for m in article.mentions if m.para == para and last.start_char <= m.start < last.end_char and not m.in_quote]
    if named and named[0].subject and len({m.person for m in named}) == 1:
        return named[0].person
    return None


def _reported(doc: Doc, parse: Parse, spans, article: ArticleSoFar, para: int) -> list[Said]:
    """`Kirby said the U.S. would ...`: the clause a person's speech verb reports, in a sentence with no quote."""
    out = []
    for sent in doc.sents:
        if any(c in sent.text for c in QUOTE_MARKS):
            continue
        for t in sent:
            if not is_cue(t) or t.lower_ == "according":
                continue
            clause = parse.kids(t.i, "ccomp")
            if not clause:
                continue
            source = _source_of(doc, parse, t, article, para, spans)
            if source.person is None:
                continue
            tokens = parse.subtree(clause[0])
            first, last = tokens[0], tokens[-1]
            while first <= last and doc[first].lower_ in ("that", ","):
                first += 1
            text = doc[first : last + 1].text.strip(" ,.")
            if len(text.split()) >= 4:
                out.append(Said(text, para, doc[first].idx, doc[last].idx + len(doc[last]), "reported", source.person, source.attribution))
    return out


def _outside(text: str, spans) -> str:
    out, last = [], 0
    for a, b, _ in spans:
        out.append(text[last : max(a - 1, last)])
        last = b + 1
    out.append(text[last:])
    return "".join(out)


def _clean(inner: str) -> str:
    return inner.strip().rstrip(",").strip()


def _is_partial(text: str, start: int, end: int) -> bool:
    inner = text[start:end].strip()
    opens_sentence = start <= 1 or (text[: start - 1].rstrip().endswith((".", ":", ",", "!", "?")) and inner[:1].isupper())
    return not (opens_sentence and inner[:1].isupper())
