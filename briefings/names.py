"""Person names in news text that the small model misses, cuts or pads, found from their context.

The model's PERSON spans are a first guess. These rules, applied after it, follow how news
copy is written rather than any one outlet:

- a name holds only name words: a nationality, a position, a role word, a dash, a number,
  a score or an ordinal next to it is not part of it (`Chilean Marta Rivas`, `Centre Tom Hale`,
  `Peter Lund 68`, `Li Wen ninth`);
- a name runs on over capitalised name words in both directions, up to four words with
  particles (`Aung San Suu Kyi`, `Pieter van Dijkstra`);
- a run of two to four capitalised name words is a person, whatever the model tagged it, when
  the context says so: a role or position word before it (`team mate Les Ferdinand`), a
  speech verb next to it (`said Mihai Tararache`), a country in brackets after it
  (`Lindsay Davenport (U.S.)`), an age after it (`Les Ferdinand, 29,`), or an initial
  (`P. Simmons`);
- across one article, a name the model took for a person once is a person everywhere, and a
  list row (results, squads, scorecards) whose rows the model reads as people elsewhere in the
  article names people too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from briefings.given_names import gender_of_given_name
from briefings.name_forms import PARTICLES
from briefings.name_words import (
    DEMONYMS,
    DESCRIPTORS,
    HONORIFICS,
    NOT_NAMES,
    ORG_WORDS,
    ROLE_HEADS,
    SPEECH_VERBS,
)

MAX_NAME_WORDS = 4

_REGNAL = re.compile(r"^(?:I{2,3}|IV|VI{0,3}|IX|XI{0,3})$")
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z][a-z]?\.$")
_NAME_WORD = re.compile(r"^[A-Z][\w'’.-]*$")
_PLACE_INITIALS = {"U.S.", "U.K.", "U.N.", "E.U.", "S.", "N.", "E.", "W.", "St.", "Mt.", "Ft."}
PLACE_TYPES = ("GPE", "LOC", "FAC")


def is_initial(token: Token) -> bool:
    """`P.`, `J.P.`, `Wm.`: an initial standing for a given name."""
    return bool(_INITIALS.match(token.text)) and token.text not in _PLACE_INITIALS


def is_name_word(token: Token) -> bool:
    """A word that can be part of a person's name: capitalised, not all capitals, not a description or a number."""
    kind = _word_kind(token.text)
    if kind == "common":  # `Kim In-so`: a common word glued to a hyphen is a name part
        return token.i + 1 < len(token.doc) and _glued_hyphen(token.doc, token.i + 1)
    if kind == "described":  # `Christina Singer`, `Gary Player`: a descriptor stands before a name, never after a given name
        return token.i > 0 and not token.is_sent_start and _family_after(token.doc[token.i - 1], token)
    return kind == "name"


def _family_after(given: Token, token: Token) -> bool:
    """`token` is the family name after `given`: a known given name, or the two words the model read as one person."""
    if _word_kind(given.text) != "name":
        return False
    if _given(given):
        return True
    doc, after = token.doc, token.i + 1
    two_words = given.ent_iob_ == "B" and (after == len(doc) or doc[after].ent_iob_ != "I")
    return two_words and given.ent_type_ == token.ent_type_ == "PERSON"


@lru_cache(maxsize=65536)
def _word_kind(text: str) -> str:
    """`name`, `common` (a capitalised function word), `described` (a descriptor, `Singer`) or `other`, from the word alone."""
    if _INITIALS.match(text) and text not in _PLACE_INITIALS:
        return "name"
    if not _NAME_WORD.match(text) or any(c.isdigit() for c in text) or (text.isupper() and len(text) > 2):
        return "other"
    low = text.lower()
    if low in NOT_NAMES:
        return "common"
    if any(low in words for words in (DEMONYMS, ORG_WORDS, ROLE_HEADS, HONORIFICS)):
        return "other"
    return "described" if low in DESCRIPTORS else "name"


def _joins_name(doc: Doc, i: int) -> bool:
    """Inside a name after its first word: a particle (`Pieter van Dijkstra`) or a hyphenated part (`Min`-`seok`)."""
    if i == 0 or i + 1 >= len(doc):
        return _glued_hyphen(doc, i)
    if doc[i].lower_ in PARTICLES and (is_name_word(doc[i - 1]) or doc[i - 1].lower_ in PARTICLES):
        # `van der Westhuizen`, `al-Saadani`
        nxt = doc[i + 1]
        return is_name_word(nxt) or nxt.lower_ in PARTICLES or _glued_hyphen(doc, i + 1)
    if _REGNAL.match(doc[i].text) and is_name_word(doc[i - 1]):
        return True  # `Henry VIII`
    return _glued_hyphen(doc, i) or (i > 1 and doc[i].is_alpha and _glued_hyphen(doc, i - 1))


def _titled_word(token: Token) -> bool:
    """A role word written as a name after a given name (`Major`, `King`): kept when the model read a person."""
    return token.text[:1].isupper() and token.is_alpha and token.lower_ in ROLE_HEADS


def _bracketed(doc: Doc, i: int) -> bool:
    """The brackets of an editor's given name (`(Lloyd) Austin`)."""
    if doc[i].text == "(":
        return i + 3 < len(doc) and doc[i + 2].text == ")" and is_name_word(doc[i + 1]) and is_name_word(doc[i + 3])
    return doc[i].text == ")" and i >= 2 and doc[i - 2].text == "(" and i + 1 < len(doc) and is_name_word(doc[i + 1])


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """A hyphen the tokenizer split out of one word (`Jae`-`in`)."""
    return doc[i].text == "-" and 0 < i < len(doc) - 1 and not doc[i - 1].whitespace_ and not doc[i].whitespace_ and doc[i + 1].is_alpha


def trim(span: Span) -> list[Span]:
    """The names inside a PERSON span: no title, descriptor, dash, number, score or ordinal, split where a non-name
    word stands inside (`Russell b Mullally`); a title before a name ends it (`Crown Prince Abdullah`)."""
    doc, out, start = span.doc, [], None
    first = span.start
    for i in range(span.start, span.end - 1):
        if _titled_word(doc[i]) and is_name_word(doc[i + 1]):
            first = i + 1
    for i in range(first, span.end + 1):
        inside = i < span.end and (
            is_name_word(doc[i])
            or _bracketed(doc, i)
            or (start is not None and (_joins_name(doc, i) or (_titled_word(doc[i]) and i == span.end - 1)))  # `John Major`
        )
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            if not all(is_initial(t) for t in doc[start:i]):
                out.append(Span(doc, _past_description(doc, start, i), i, label="PERSON"))
            start = None
    return out


# Lower-case words after which a capitalised word describes the person who follows (`former Oriole Jamie Moyer`).
_DESCRIPTION_OPENERS = {"former", "onetime", "one-time", "ex", "erstwhile", "fellow", "then"}


def _past_description(doc: Doc, start: int, end: int) -> int:
    """Where the name starts in a run that may open with words describing the person.

    `Minister of Foreign Affairs Ali Alatas`: the run after a role's `of` starts with its department,
    so the name is its last two words, or from a known given name on. `former Oriole Jamie Moyer`:
    a capitalised word after `former` is what the person was, unless it is a given name.
    """
    if end - start >= 3 and _described(doc, start) and not _given(doc[start]):
        return start + 1
    if end - start >= 3 and is_name_word(doc[start]) and _in_department(doc, start):
        given = next((k for k in range(start, end - 1) if _given(doc[k])), None)
        return given if given is not None else end - 2
    return start


def _described(doc: Doc, i: int) -> bool:
    """Token `i` follows `former`, `fellow`... or the glued `Ex-` of `Ex-Yankee`."""
    if i > 0 and doc[i - 1].lower_ in _DESCRIPTION_OPENERS:
        return True
    return i > 1 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "ex" and not doc[i - 2].whitespace_


def _given(token: Token) -> bool:
    """A common given name of the hand lists (`Jamie`, `Ali`): one word `briefings.given_names` knows the sex of."""
    return gender_of_given_name(token.text) is not None


def _in_department(doc: Doc, i: int) -> bool:
    """Token `i` is a capitalised word of the department in `Minister of Trade and Industry ...`."""
    j = i - 1
    while j > 0:
        if doc[j].lower_ in ("and", "&") or (doc[j].is_alpha and doc[j].text[:1].isupper() and doc[j].lower_ not in ROLE_HEADS):
            j -= 1
        elif doc[j].text in ("of", "for"):  # `Minister of State for Foreign Affairs`
            if doc[j - 1].lower_ in ROLE_HEADS:
                return True
            j -= 1
        else:
            return False
    return False


def _words_in(doc: Doc, start: int, end: int) -> int:
    """Name words in a range, not counting particles and hyphenated parts (`Zine al-Abidine Ben Ali`: four)."""
    return sum(1 for t in doc[start:end] if is_name_word(t) and not (t.i > 0 and _glued_hyphen(doc, t.i - 1)))


def extend(span: Span, taken: set[int]) -> Span:
    """Run a name on over name words on both sides (`Aung San` + `Suu Kyi`), up to four words."""
    doc, start, end = span.doc, span.start, span.end
    sent_start = doc[start].sent.start
    while (
        end < len(doc)
        and _words_in(doc, start, end) < MAX_NAME_WORDS
        and end not in taken
        and (is_name_word(doc[end]) or _joins_name(doc, end))
    ):
        if doc[end].ent_type_ in (*PLACE_TYPES, "ORG", "NORP", "DATE") or doc[end].is_sent_start:
            break
        end += 1
    # A sentence's first word is capitalised whatever it is: it joins only as a proper noun (checked below).
    while start - 1 >= sent_start and _words_in(doc, start, end) < MAX_NAME_WORDS and start - 1 not in taken:
        # `Maarten den Bakker` tagged as `Bakker`: a particle joins with the given name before it.
        step = 2 if doc[start - 1].lower_ in PARTICLES and start - 2 >= sent_start and start - 2 not in taken else 1
        if not is_name_word(doc[start - step]) or not _may_join_left(doc[start - step], _words_in(doc, start, end)):
            break
        start -= step
    return Span(doc, start, end, label="PERSON")


def _may_join_left(token: Token, words: int) -> bool:
    if token.is_sent_start and not may_open_sentence(token, words):
        return False
    doc, i = token.doc, token.i
    if not _given(token) and (_described(doc, i) or _in_department(doc, i)):
        return False  # `former Oriole` + `Jamie Moyer`, `Minister of Finance` + `Mar'ie Muhammad`
    return token.ent_type_ not in (*PLACE_TYPES, "ORG", "NORP", "DATE") and token.tag_ in ("NNP", "NNPS")


# Words that open a sentence before a name as its description (`Doctor Masserigne Ndiaye said`), capitalised
# only because they open it; besides the role heads, descriptors and honorifics.
SENTENCE_DESCRIPTORS = {"doctor", "wing", "opposition", "police"}


def may_open_sentence(token: Token, words: int) -> bool:
    """Whether a sentence's first word can open the name of `words` words after it.

    It is capitalised whatever it is, so it must be a proper noun and no description; and a name
    already whole takes it only as a known given name (`Rancher Dale Whitcomb` is Dale Whitcomb),
    while a lone surname does (`8. Inger Miller`).
    """
    low = token.lower_
    if low in NOT_NAMES or low in ROLE_HEADS or low in DESCRIPTORS or low in HONORIFICS or low in SENTENCE_DESCRIPTORS:
        return False
    return token.tag_ in ("NNP", "NNPS") and (words < 2 or _given(token))


def name_runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of two to four name words (particles inside), as token ranges (computed once per doc)."""
    runs = doc.user_data.get("name_runs")
    if runs is None:
        runs = doc.user_data["name_runs"] = list(_name_runs(doc))
    return runs


def _name_runs(doc: Doc) -> Iterator[tuple[int, int]]:
    # A name word starts with a capital A-Z (`_word_kind`): the other words are passed over as strings, no Token built.
    strings = doc.vocab.strings
    capital = ["A" <= strings[orth][:1] <= "Z" for orth in doc.to_array(ORTH).tolist()]
    i = 0
    while i < len(doc):
        if not capital[i] or not is_name_word(doc[i]) or (doc[i].is_sent_start and doc[i].tag_ not in ("NNP", "NNPS")):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and (is_name_word(doc[j]) or _joins_name(doc, j)) and not doc[j].is_sent_start:
            j += 1
        if (
            j - i >= 2
            and _words_in(doc, i, j) <= MAX_NAME_WORDS
            and not all(is_initial(t) for t in doc[i:j])
            and not is_initial(doc[j - 1])
        ):
            yield i, j
        i = j


def _says_person(doc: Doc, start: int, end: int) -> bool:
    """The words around a run say it names a person."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if is_initial(doc[start]):
        return True
    if before is not None and any(before.lower_ in words for words in (DESCRIPTORS, DEMONYMS, ROLE_HEADS, HONORIFICS)):
        return True  # `team mate Les Ferdinand`, `Frenchman Jean-Philippe Fleurian`, `General Anatoly Shkirko`
    # `X said`, `..., said X.`; countries and companies say things too, so not over the model's place or organisation.
    placed = any(t.ent_type_ in ("GPE", "LOC", "NORP", "ORG") for t in doc[start:end])
    if not placed and after is not None and after.lower_ in SPEECH_VERBS:
        return True
    if not placed and before is not None and before.lower_ in SPEECH_VERBS and (after is None or after.is_punct):
        return True
    if after is not None and after.text == "," and end + 1 < len(doc) and doc[end + 1].like_num and len(doc[end + 1].text) <= 3:
        return end + 2 >= len(doc) or doc[end + 2].text in (",", ")", ".")  # `Les Ferdinand, 29,`
    if after is not None and after.text == "(" and end + 2 < len(doc) and doc[end + 2].text == ")":
        inside = doc[end + 1]  # `Lindsay Davenport (U.S.)`, a scorer's minute `Mihai Tararache (75th)`
        return inside.ent_type_ in ("GPE", "NORP", "ORDINAL") or bool(
            re.match(r"^(?:[A-Z]\.){2,}$|^[A-Z]{2,3}$|^\d{1,3}(?:st|nd|rd|th)?$", inside.text)
        )
    if after is not None and after.text == "(" and end + 1 < len(doc) and _MINUTE.match(doc[end + 1].text):
        return True  # `Viorel Moldovan (21st minute)`, `Joe-Max Moore (3rd minute, 88th on penalty kick)`
    return not placed and _role_apposition(doc, end)


_MINUTE = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$")
_APPOSITION_OPENERS = {"a", "an", "the"}


def _role_apposition(doc: Doc, end: int) -> bool:
    """`Hla Than, an elected member of parliament, ...`: an apposition after the run that gives a person's role."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in _APPOSITION_OPENERS:
        return False
    for t in doc[end + 2 : end + 6]:
        if t.is_punct:
            return False
        if t.lower_ in ROLE_HEADS and t.tag_ in ("NN", "NNS") and t.lower_ not in ("general", "chief", "head", "chair", "vice", "major"):
            return True
    return False


def _org_shaped(doc: Doc, start: int, end: int) -> bool:
    """`Manchester United`, `Central Bank`, `Edward D. Jones & Co.`: a word of an organisation's or a place's name."""
    after = doc[end] if end < len(doc) else None
    if after is not None and (after.text == "&" or after.lower_.rstrip(".") in ORG_WORDS):
        return True
    return any(t.lower_ in ORG_WORDS for t in doc[start:end])


def repair(doc: Doc) -> None:
    """Trim and extend the model's PERSON spans, and add the runs their context names as people."""
    people: list[Span] = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            people.extend(trim(ent))
    taken = {i for s in people for i in range(s.start, s.end)}
    people = [extend(s, taken - set(range(s.start, s.end))) for s in people]
    taken = {i for s in people for i in range(s.start, s.end)}
    for run_start, end in _name_runs(doc):  # not cached: a long paragraph's pieces are joined into one doc later
        start = _past_description(doc, run_start, end)  # `former Mariner Darren Bragg`: a person, described
        if taken.intersection(range(start, end)) or _org_shaped(doc, start, end):
            continue
        # `Minister of Trade and Industry Tungky Ariwibowo` names the minister; after `former`, a given name must open.
        if (start > run_start and (_given(doc[start]) or _in_department(doc, run_start))) or _says_person(doc, start, end):
            people.append(Span(doc, start, end, label="PERSON"))
    set_people(doc, people)


def set_people(doc: Doc, people: list[Span]) -> None:
    """Make these spans the doc's PERSON entities; other entities stay where they do not overlap them."""
    people = filter_spans(people)
    taken = {i for s in people for i in range(s.start, s.end)}
    others = [e for e in doc.ents if e.label_ != "PERSON" and not taken.intersection(range(e.start, e.end))]
    doc.ents = filter_spans([*people, *others])


def _row_marker(doc: Doc, start: int) -> str:
    """What opens an item of a list row: a number, a mark, a word, or the row's edge (`16 - Geoffrey Claeys`: `-`)."""
    if start == 0:
        return "^"
    t = doc[start - 1]
    return "9" if t.like_num or any(c.isdigit() for c in t.text) else t.text if t.is_punct else "w" if t.is_lower else "W"


def _row_follower(doc: Doc, end: int) -> str:
    """What follows an item of a list row: `(W)` for one to three bracketed capitalised words (`(Belarus)`, `(Czech Republic)`)."""
    if end >= len(doc) or doc[end].text != "(":
        return ""
    for close in range(end + 2, min(end + 5, len(doc))):
        if doc[close].text == ")":
            return "(W)" if all(t.text[:1].isupper() and t.is_alpha for t in doc[end + 1 : close]) else ""
    return ""


def _tagged(doc: Doc, start: int, end: int) -> str:
    """How the model read a run: `person`, `other` (an organisation, a place...) or `none`."""
    if _is_person(doc, start, end):
        return "person"
    return "other" if any(t.ent_type_ in ("ORG", "GPE", "LOC", "NORP", "FAC") for t in doc[start:end]) else "none"


def is_list_row(doc: Doc) -> bool:
    """A results line, table row or squad list rather than prose: few lower-case words for its length."""
    lower = sum(1 for t in doc if t.is_alpha and t.is_lower and len(t) > 2)
    return lower < 3 or lower * 5 < len(doc)


@dataclass(frozen=True)
class NameHints:
    """What a batch of articles says about names: given names it uses, and how often each name was read otherwise."""

    given: frozenset[str] = frozenset()
    other_readings: Counter = field(default_factory=Counter)


def name_hints(docs: Iterable[Doc]) -> NameHints:
    """Given names (first words of full names the model read as people) and non-person readings, over many articles."""
    given: set[str] = set()
    other: Counter = Counter()
    for doc in docs:
        for s, e in name_runs(doc):
            if _is_person(doc, s, e):
                given.add(doc[s].text)
            elif _tagged(doc, s, e) == "other":
                other[doc[s:e].text] += 1
    return NameHints(frozenset(given), other)


def _given_named(doc: Doc, start: int, end: int, hints: NameHints) -> bool:
    """`Mariano Rivera pitched`: a known given name opens the run, which the batch does not read as anything else twice.

    Not over a place the model saw (`Victoria Falls`); an organisation named after a person (`Morgan Stanley`) is
    read as one more than once in a batch, and stays an organisation.
    """
    given = doc[start].text in hints.given or _given(doc[start])  # the batch's, or a common one
    if not given or hints.other_readings[doc[start:end].text] > 1 or end - start > 3:
        return False
    return not any(t.ent_type_ in (*PLACE_TYPES, "NORP") for t in doc[start:end])


def recover_in_article(docs: list[Doc], hints: NameHints | None = None) -> None:
    """Across one article: a name the model called a person once is one everywhere, and list rows follow their kind.

    Items of list rows opened the same way (`16 - Geoffrey Claeys`, `287 Ian Woosnam 70 76`) are people when the
    model read more of them as people than as anything else. With hints from the batch, a run opened by a given name
    the batch uses is a person too.
    """
    hints = hints or NameHints()
    readings = Counter((doc[s:e].text, _tagged(doc, s, e)) for doc in docs for s, e in name_runs(doc))
    named = {text for (text, kind), n in readings.items() if kind == "person" and n >= readings[text, "other"]}
    rows = [doc for doc in docs if is_list_row(doc)]
    votes: Counter = Counter((_row_marker(doc, s), _tagged(doc, s, e)) for doc in rows for s, e in name_runs(doc))
    person_rows = {m for (m, kind), n in votes.items() if kind == "person" and n > votes[m, "other"]}
    # `Steffi Graf (Germany) beat Natasha Zvereva (Belarus)`: items followed alike (a bracketed word) are alike too.
    after: Counter = Counter((_row_follower(doc, e), _tagged(doc, s, e)) for doc in rows for s, e in name_runs(doc))
    person_after = {m for (m, kind), n in after.items() if m and kind == "person" and n > after[m, "other"]}
    for doc in docs:
        row = doc in rows
        found = [
            Span(doc, s, e, label="PERSON")
            for s, e in name_runs(doc)
            if not _overlaps_person(doc, s, e)
            and not _org_shaped(doc, s, e)
            and (
                doc[s:e].text in named
                or (row and (_row_marker(doc, s) in person_rows or _row_follower(doc, e) in person_after))
                or _given_named(doc, s, e, hints)
            )
        ]
        if found:
            set_people(doc, [*(e for e in doc.ents if e.label_ == "PERSON"), *found])


def _is_person(doc: Doc, start: int, end: int) -> bool:
    return any(e.label_ == "PERSON" and e.start <= start and end <= e.end for e in doc.ents)


def _overlaps_person(doc: Doc, start: int, end: int) -> bool:
    return any(e.label_ == "PERSON" and e.start < end and start < e.end for e in doc.ents)
