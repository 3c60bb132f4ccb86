"""Rows of data inside a story: results, standings, leaderboards, squad lists, election tables.

A results story is a few sentences and many short lines (`1. Anna Berg (Sweden) 3:31.526`,
`Kim Ode (Norway) beat Lea Roth (Austria) 6-4 6-2`, `Defenders - Tom Hale, Ian Moss, Al Reid`,
`Scorers: Rui Costa 12, Abel Xavier 60`), grouped under section headings that may repeat
(`Men's singles, second round`). The lines are told by their shape: names, figures, scores and
parenthesised teams or countries, few lower-case words. They are the story's, so the story's run
of prose extends over them; page furniture (menus, link lists, share rows) never has that shape.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefings.dates import find_explicit_dates
from briefings.headers import BYLINE, TIME_OF_DAY, dated_line
from briefings.layout import comments_head, link_list_head

SCORE = re.compile(r"\b\d+\s?-\s?\d+\b|\b\d+:\d+(?:[.:]\d+)*\b|\b\d+(?:st|nd|rd|th)\b|\d%|(?:^|\s)[+-]\d+\b")
PAREN_NAME = re.compile(r"\((?:[A-Z][\w.'-]*\.?)(?:\s[A-Z&][\w.'-]*\.?){0,3}\)")  # (France), (U.S.), (Czech Republic)
RANK = re.compile(r"^\s*(?:(?:T|=)\d{1,3}|\d{1,3}(?:\.|\)|\s-))\s+(?=[A-Z])")  # `1.`, `4 -`, `T3`, `=7`
LIST_LABEL = re.compile(r"^[A-Z][\w' ]{1,30}\s*(?::|\s-\s)\s*[A-Z]")  # `Scorers: ...`, `Defenders - ...`
NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.]\d{1,2}[/.]\d{2,4}\b")  # `11/20/19`, `20.11.2019`
HEADING_WORDS = 12  # a section heading above rows: a few words, no full stop


def is_row(text: str) -> bool:
    """A line of data: names with figures, scores, teams or countries, or a labelled list of names;
    few lower-case words (a few more after a rank or a team: `8. Tom Hale same time`), and not a date line."""
    words = text.split()
    if not 2 <= len(words) <= 120 or dated_line(text) or BYLINE.match(text):
        return False
    text = _without_dates(text)  # `on Monday, November 18th, 2019 at 11:08 a.m.` is no score
    alpha = [w for w in words if re.search(r"[^\W\d_]", w)]
    capital = sum(w.strip("(\"'“‘")[:1].isupper() for w in alpha)
    lower = sum(w.isalpha() and w.islower() and len(w) > 2 for w in alpha)
    marked = bool(RANK.match(text) or PAREN_NAME.search(text))
    if capital == 0 or lower > (max(2, len(alpha) / 2) if marked else max(1, len(alpha) / 3)):
        return False
    digits = bool(re.search(r"\d", text))
    figures = len(re.findall(r"\b\d+\b", text)) >= 2 and bool(re.search(r"\b\d+\W*$", text))  # `Tiger Woods 68 70 67`
    if digits and (SCORE.search(text) or marked or figures):
        return True
    return _name_list(text) or len(PAREN_NAME.findall(text)) >= 2  # `Kim Ode (Norway) beat Lea Roth (Austria)`


def _without_dates(text: str) -> str:
    for start, end, _ in reversed(find_explicit_dates(text)):
        text = text[:start] + " " + text[end:]
    return NUMERIC_DATE.sub(" ", TIME_OF_DAY.sub(" ", text))


def _name_list(text: str) -> bool:
    """`Defenders: Tom Hale, Ian Moss, Al Reid`, `Tries: Ian Moss (2), Al Reid`, `Penalties: Ian Moss (3)`: a label
    (or two: `Wales - Tries:`), then names (three or more items, two or more names of two to four capitalised
    words, or names with their count)."""
    if not (m := LIST_LABEL.match(text)):
        return False
    rest = re.sub(r"^[A-Z][\w' ]{1,30}:\s*", "", text[m.end() - 1 :])
    items = [i.strip(" .") for i in re.split(r"[,;]|\band\b", rest) if i.strip(" .")]
    counted = [re.sub(r"\s*\(\d[^)]*\)$", "", i) for i in items]
    counts = len(counted) - len(set(counted) & set(items))
    names = sum(1 <= len(i.split()) <= 4 and all(w[:1].isupper() for w in i.split()) for i in counted)
    if len(items) >= 3 and all(i[:1].isupper() for i in items):
        return True
    return names == len(items) and (counts > 0 or (len(items) >= 2 and all(len(i.split()) >= 2 for i in counted)))


def is_filler(text: str) -> bool:
    """A piece of a row broken across lines: figures or punctuation only (`6-2`, `:`)."""
    return not re.search(r"[^\W\d_]", text)


def is_heading(text: str) -> bool:
    """A section heading over rows (`Men's singles, second round`, `Squad:`, `Leading placings after stage 3:`),
    or a short piece of a row broken across lines (`Hampshire 137`, `declared.`)."""
    words = text.split()
    if not 1 <= len(words) <= HEADING_WORDS or dated_line(text) or link_list_head(text) or comments_head(text):
        return False
    return len(words) <= 3 or not text.endswith((".", "!", "?", '"', "”"))


@dataclass(frozen=True)
class Walls:
    """Lines a run of rows never crosses: not blank and not text (furniture, date lines, bylines, headlines),
    and the page's first text line (a data story's headline)."""

    lines: frozenset[int]
    first_text: int | None

    @classmethod
    def of(cls, kinds: Sequence[str], hard_breaks: set[int]) -> Walls:
        """The walls of a page whose lines are of these kinds (`text`, `blank`, `furniture`...)."""
        walls = {i for i, kind in enumerate(kinds) if kind not in ("text", "blank")} | hard_breaks
        return cls(frozenset(walls), next((i for i, kind in enumerate(kinds) if kind == "text"), None))


def rows_after(texts: Sequence[str | None], end: int, walls: Walls, *, headings: int = 2, sentences: int = 2) -> int:
    """The last line of the rows running on from line `end` (headings, broken pieces and sentences among them), else `end`.
    More than a couple of sentences in a row after the rows are another story: the rows end before them."""
    last = last_row = end
    pending = trailing = 0
    for i in range(end + 1, len(texts)):
        if i in walls.lines:
            break
        text = texts[i]
        if text is None:
            continue
        if is_row(text):
            last = last_row = i
            pending = trailing = 0
        elif is_filler(text) and last == i - 1 - _blanks_before(texts, i):
            last = i
        elif is_heading(text) and pending < headings:
            pending += 1
        elif last_row > end and _sentence(text):
            trailing += 1
            if trailing > sentences:
                return last_row
            last, pending = i, 0  # a sentence between or after rows (`Germany take the bronze.`)
        else:
            break
    return last


def rows_before(texts: Sequence[str | None], start: int, walls: Walls, *, headings: int = 3) -> int:
    """The first line of the rows (with their headings and introduction) right above line `start`, else `start`.
    A heading joins only under a row, a sentence or an introduction (`Results on Friday:`): the line over the
    topmost one is the headline."""
    first, pending = start, 0
    rows = int(is_row(texts[start] or ""))  # the story's first line, when it is a row, counts towards a table
    for i in range(start - 1, -1, -1):
        if i in walls.lines or i == walls.first_text:
            break
        text = texts[i]
        if text is None:
            continue
        if is_row(text) or is_filler(text):
            rows += is_row(text)
            first, pending = i, 0
        elif rows and (_sentence(text) or text.endswith(":")):
            first, pending = i, 0  # the results' introduction, or a sentence between them
        elif rows and is_heading(text) and pending < headings:  # a heading over rows, not a headline over prose
            pending += 1
        else:
            break
    return first if rows >= 2 else start  # one line shaped like a row over the story may be its headline


def _sentence(text: str) -> bool:
    return len(text.split()) >= 3 and bool(re.search(r"[.!?\"”:]$", text))


def _blanks_before(texts: Sequence[str | None], i: int) -> int:
    n = 0
    while i - 1 - n >= 0 and texts[i - 1 - n] is None:
        n += 1
    return n
