"""Speech in a sentence: the verbs that report it, and the parse that says who did the speaking.

The lexicon is by lemma (`say`, `implore`, `joke` ...) and every inflection of each is a cue.
The dependency parser ships with the model but is the costliest component, so the pipeline
runs it only on the sentences that hold a speech verb (`speech_parse`);
the heads and labels it finds are kept on the doc (`doc.user_data["speech_deps"]`, plain
lists so they survive the pipeline's worker processes), and `Parse` reads them back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.util import minibatch

# Verbs that report what someone said or wrote, by lemma.
_SPEECH_LEMMAS_TEXT = """
    say tell add note stress warn ask explain insist argue declare write tweet continue reiterate underscore urge
    vow remark conclude reply respond recall acknowledge admit claim emphasize emphasise state announce implore
    suggest joke assure accuse predict complain charge contend maintain observe comment concede confirm deny boast
    quip muse scoff shout yell exclaim whisper mutter promise pledge testify assert caution counter retort rebut
    allege lament marvel wonder recount repeat summarize summarise advise demand plead beg thunder fume snap scream
    chant sing describe call tout hail praise slam blast criticize criticise mock dismiss question challenge defend
    answer propose speculate agree disagree begin elaborate clarify interject interrupt gush rave rail grumble
    laugh recite inform notify reassure characterize characterise dub label
    bark boom blame imply retaliate grouse ponder proclaim chide scold gripe rant sneer taunt vent bristle
    report echo release issue snipe
    """
# Verbs that report speech only with a statement as their object (`released the following statement:`, not `Hillary
# Releasing Her Speech Transcripts`).
STATEMENT_LEMMAS = frozenset({"release", "issue"})
STATEMENT_NOUNS = frozenset({"statement", "statements", "message", "remarks", "response", "reply"})
SPEECH_LEMMAS = frozenset(_SPEECH_LEMMAS_TEXT.split())
IRREGULAR = {
    "say": {"said"},
    "tell": {"told"},
    "write": {"wrote", "written"},
    "begin": {"began", "begun"},
    "sing": {"sang", "sung"},
    "read": {"read"},
    "speak": {"spoke", "spoken"},
}
SPEECH_NOUN_PHRASES = ("according to",)
QUOTE_MARKS = '"“”'
SUBJECT_DEPS = ("nsubj", "nsubjpass")
RELATIVE_WORDS = frozenset({"who", "that", "which"})
NAMING_TAGS = ("NNP", "NNPS", "PRP")


def inflections(lemma: str) -> set[str]:
    """The lemma's forms: `say`: says, saying, said; `reply`: replies, replied, replying; `quip`: quipped."""
    forms = {lemma} | IRREGULAR.get(lemma, set())
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    else:
        sibilant = lemma.endswith(("s", "sh", "ch", "x", "z"))
        forms |= {lemma + ("es" if sibilant else "s"), lemma + "ed", lemma + "ing"}
        if re.search(r"(?:^|[^aeiou]|qu)[aeiou][bdgmnpt]$", lemma) and lemma not in {"open", "question", "answer", "counter", "wonder"}:
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # quipped, snapping
    if lemma in IRREGULAR:
        forms -= {lemma + "ed", lemma + "d"}
    return forms


SPEECH_FORMS = frozenset(f for lemma in SPEECH_LEMMAS for f in inflections(lemma))
STATEMENT_FORMS = frozenset(f for lemma in STATEMENT_LEMMAS for f in inflections(lemma))
# The lower-case forms as the vocabulary's hashes: a doc's words are screened for them as plain integers
# (a set lookup per word costs far less than building a Token, or than numpy.isin on a paragraph's few dozen words).
_CUE_HASHES = frozenset(get_string_id(f) for f in (*SPEECH_FORMS, "according"))


def is_cue(token: Token) -> bool:
    """A token that reports speech: a speech verb used as a verb, or `according` (to)."""
    low = token.lower_
    if low == "according":
        return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"
    if low in STATEMENT_FORMS:
        return token.tag_.startswith("VB") and any(t.lower_ in STATEMENT_NOUNS for t in token.doc[token.i + 1 : token.i + 5])
    return low in SPEECH_FORMS and (token.tag_.startswith("VB") or (token.tag_ == "NN" and low == "say"))


def cues(doc: Doc) -> list[Token]:
    """The doc's speech cues (`is_cue`), found by screening its words' hashes first: most paragraphs have none."""
    hits = [i for i, word in enumerate(doc.to_array(LOWER).tolist()) if word in _CUE_HASHES]
    return [doc[i] for i in hits if is_cue(doc[i])]


class SpeechParse:
    """Pipeline component: dependency-parse only the sentences that report speech.

    The pieces of a whole batch of docs go through the parser together: one call of the model per
    batch rather than per paragraph, which is most of what parsing a short paragraph costs.
    """

    def __init__(self, parser) -> None:
        self.parser = parser

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Parse the speech pieces of each batch of docs at once; each doc keeps the rows of its own pieces."""
        for batch in minibatch(docs, batch_size):
            pieces = [(doc, piece) for doc in batch for piece in speech_pieces(doc)]
            for doc in batch:
                doc.user_data["speech_deps"] = []
            parsed = self.parser.pipe((piece.as_doc() for _, piece in pieces), batch_size=max(len(pieces), 1))
            for (doc, piece), tree in zip(pieces, parsed, strict=True):
                doc.user_data["speech_deps"].extend([piece.start + t.i, piece.start + t.head.i, t.dep_] for t in tree)
            yield from batch


def speech_pieces(doc: Doc) -> list:
    """The runs of the doc's speech sentences that the parser reads (outside quotation marks, holding a speech verb).

    A speech sentence is one with a cue (the tagger has run, so a verb is a verb).
    """
    sentences = {cue.sent.start: cue.sent for cue in cues(doc)}
    return [piece for _, sent in sorted(sentences.items()) for piece in outside_quotes(sent) if len(piece)]


def outside_quotes(sent):
    """The runs of a sentence outside double quotation marks, each to be parsed on its own.

    Who speaks is in the words around a quote, never in it; leaving the quoted words out
    makes the parse cheaper and keeps the quote's own verbs and subjects out of it.
    """
    runs, start, inside = [], sent.start, _open_at(sent)
    for t in sent:
        opens = t.text == "“" or (t.text == '"' and not inside)
        closes = t.text == "”" or (t.text == '"' and inside)
        if opens and not inside:
            runs.append(sent.doc[start : t.i])
            inside = True
        elif closes and inside:
            start, inside = t.i + 1, False
    if not inside:
        runs.append(sent.doc[start : sent.end])
    return [r for r in runs if any(is_cue(t) for t in r)]


def _open_at(sent) -> bool:
    """A quotation opened before the sentence is still open at its start (`... again. "I don't think ...," he said.`:
    the sentence splitter often leaves the opening mark on the sentence before)."""
    marks = [t.text for t in sent.doc[: sent.start] if t.text in QUOTE_MARKS]
    if not marks:
        return False
    return marks[-1] == "“" or (marks[-1] == '"' and marks.count('"') % 2 == 1)


@Language.factory("speech_parse")
def make_speech_parse(nlp: Language, name: str) -> SpeechParse:
    """The component, around the model's own (disabled) parser."""
    del name
    return SpeechParse(nlp.get_pipe("parser"))


def add_speech_parser(nlp: Language) -> None:
    """Keep the model's parser out of the pipeline and add `speech_parse`, which runs it where it pays."""
    if "parser" in nlp.pipe_names:
        nlp.disable_pipe("parser")
    nlp.add_pipe("speech_parse", last=True)


def join_parses(parts: list[Doc], joined: Doc) -> Doc:
    """The parses of a long text's pieces on the one Doc made of them (token indices shifted)."""
    rows, offset = [], 0
    for part in parts:
        rows.extend([i + offset, head + offset, dep] for i, head, dep in part.user_data.get("speech_deps", []))
        offset += len(part)
    joined.user_data["speech_deps"] = rows
    return joined


@dataclass
class Parse:
    """The heads and labels `speech_parse` found; tokens of unparsed sentences have none."""

    head: dict[int, int] = field(default_factory=dict)
    dep: dict[int, str] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc) -> Parse:
        """The parse stored on a doc (empty when none was)."""
        parse = cls()
        for i, head, dep in doc.user_data.get("speech_deps", []):
            parse.head[i], parse.dep[i] = head, dep
            if head != i:
                parse.children.setdefault(head, []).append(i)
        return parse

    def kids(self, i: int, *deps: str) -> list[int]:
        """Children of token i with one of these labels."""
        return [c for c in self.children.get(i, []) if self.dep.get(c) in deps]

    def subtree(self, i: int) -> list[int]:
        """Token i and everything below it, in order."""
        out, todo = [], [i]
        while todo:
            j = todo.pop()
            out.append(j)
            todo.extend(self.children.get(j, []))
        return sorted(out)

    def subject_of(self, doc: Doc, verb: int, quoted: Callable[[int], bool] = lambda i: False) -> int | None:
        """The subject of a speech verb, through coordination (`paused and said`), `quoted as saying`, `who said`.

        `quoted(i)`: token i is inside a quotation, where neither the subject nor a verb it hangs on can be.
        """
        v = verb
        for _ in range(4):
            subject = [s for s in self.kids(v, *SUBJECT_DEPS) if not quoted(s)]
            if subject:
                # Two subjects is a misparse (`appeals ..., said Alan Abramowitz`): a name or pronoun is the speaker.
                s = min(subject, key=lambda s: doc[s].tag_ not in NAMING_TAGS)
                if doc[s].lower_ in RELATIVE_WORDS and self.dep.get(v) == "relcl":
                    return self.head.get(v, s)  # `Weller, who said ...`: the noun the clause is about
                return s
            up = self.head.get(v, v)
            if self.dep.get(v) in ("conj", "xcomp", "advcl", "pcomp", "pobj", "prep", "dep") and up != v and not quoted(up):
                v = up
                continue
            return None
        return None
