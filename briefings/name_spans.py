"""What of a model's PERSON span is a name: the words a headline, a sentence's first word or a weekday add to it.

Used by `briefings.people` before a span becomes a mention: `trim_name` drops a capitalised
conjunction (`Though Trump`), a weekday (`Broaddrick Sunday`) and, in a headline-shaped line
(`title_cased`), the words the article's running text never uses in a name (`Obama Sees`);
`name_tag` lets a known family name the tagger read as a common word be a mention where only a
subject fits; `honorific_sex` reads Mr./Ms. before a name.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

# Capitalised first words the tagger may take for a name's (`Though Trump was not willing ...`).
_NOT_NAMES_TEXT = """though although while when whenever if as after before because since but and so yet then now also still even
    meanwhile however unless until whether where why how once the a an"""
NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def title_cased(doc: Doc) -> bool:
    """A headline-shaped paragraph (`Fiorina Endorses Ted Cruz: "..."`): short, four in five of its longer words
    capitalised (a sentence full of names still has its verbs and nouns in lower case), and a quotation in it (a row
    of names or results, `Tim Henman (Britain) beat Mark Philippoussis`, has none)."""
    words = [t for t in doc if t.is_alpha and len(t) > 3]
    if len(doc) > 30 or len(words) < 3 or sum(t.text[:1].isupper() for t in words) < 0.8 * len(words):
        return False
    return any(c in doc.text for c in '"“‘')


def name_words(docs: list[Doc]) -> set[str]:
    """The words of the PERSON names in an article's running text (not its headline-shaped lines)."""
    return {t.lower_ for doc in docs if not title_cased(doc) for e in doc.ents if e.label_ == "PERSON" for t in e}


def trim_name(ent: Span, words: set[str]) -> list[Span]:
    """A PERSON entity without what cannot be a name's: a capitalised first word that is a conjunction or adverb
    (`Though Trump`), a weekday after it (`Broaddrick Sunday`), and, in a headline-shaped line, the words the
    article's running text never uses in a name (`Fiorina Endorses Ted Cruz` is Fiorina and Ted Cruz). A capitalised
    word of another class is left alone: names are made of them too (`Per Zetterquist`, `Dally Randriantefy`)."""
    doc, start, end = ent.doc, ent.start, ent.end
    while start + 1 < end and doc[start].lower_ in NOT_NAMES:
        start += 1
    while end - 1 > start and doc[end - 1].lower_ in WEEKDAYS:
        end -= 1
    if not (title_cased(doc) and words):
        return [ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label="PERSON")]
    runs, run_start = [], None
    for i in range(start, end + 1):
        inside = i < end and doc[i].lower_ in words
        if inside and run_start is None:
            run_start = i
        elif not inside and run_start is not None:
            runs.append(Span(doc, run_start, i, label="PERSON"))
            run_start = None
    return runs or [ent]  # a name of words found nowhere else stays whole


def name_tag(tok: Token) -> bool:
    """A proper noun, or a known family name the tagger read as a common word where only a subject fits: followed by
    a comma or a finite verb (`Jolly, who was elected in 2014, doesn't ...`, `Sanders replied`)."""
    if tok.tag_ in ("NNP", "NNPS"):
        return True
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.tag_ in ("NN", "NNS", "JJ", "RB") and after is not None and (after.text == "," or after.tag_ in ("VBD", "VBZ", "MD"))


_TITLE_SEX = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


def title_sex(word: str) -> str | None:
    """`m` for `Mr.`, `f` for `Mrs.`/`Ms.`/`Miss` (any case, with or without the point), else None."""
    return _TITLE_SEX.get(word.lower().strip("."))


def honorific_sex(ent: Span) -> str | None:
    """`m` for `Mr. Obama`, `f` for `Mrs.`/`Ms.`/`Miss Obama` (the title inside the name or right before it)."""
    first = ent[0] if title_sex(ent[0].text) else (ent.doc[ent.start - 1] if ent.start else None)
    return title_sex(first.text) if first is not None else None
