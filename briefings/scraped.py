"""A scraped page as the cleaner reads it: its lines, what each line was found to be, and what the
reading found on the way (authors, outlet evidence, date lines, captions).

The cleaner's passes (furniture.py, headers.py, headlines.py, outlets.py) each read and mark one
`Page`; corpus.py runs them in order and builds the article.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from briefings.dates import PartialDate

LineKind = Literal["text", "blank", "furniture", "caption", "meta", "byline", "note", "tail", "headline"]
UPDATE_LABEL = re.compile(
    r"^\s*[(\[](?P<label>(?:\d+(?:st|nd|rd|th)\s+)?(?:LD|LEAD|URGENT|UPDATE|WRITETHRU|CORRECTED|RECAST)[\w ]*)[)\]]\s*", re.I
)


@dataclass
class Published:
    """When an article was published, where we read it, and how sure we are."""

    date: PartialDate | None
    source: str
    confidence: str  # high | medium | low | none

    def to_dict(self) -> dict:
        """The JSON form (`articles --json`, `show --json`)."""
        return {
            "date": self.date.iso() if self.date else None,
            "precision": self.date.precision if self.date else None,
            "source": self.source,
            "confidence": self.confidence,
        }


@dataclass
class Line:
    """One line of the page and what it was found to be."""

    text: str
    kind: LineKind = "text"


@dataclass
class Page:
    """The page's lines and what the cleaner's passes found in them."""

    lines: list[Line]
    warnings: list[str] = field(default_factory=list)
    outlet_evidence: list[tuple[str, str]] = field(default_factory=list)  # (kind, name)
    authors: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    meta_dates: list[tuple[str, PartialDate, int]] = field(default_factory=list)  # (label, date, line index)
    story_span: tuple[int, int, int] | None = None  # the story's headline (or lead), first and last paragraph lines
    site: str | None = None
    update_label: str | None = None
    repeats: dict[int, int] = field(default_factory=dict)  # lines dropped as repeats of an earlier line, and where that line is
    hard_breaks: set[int] = field(default_factory=set)  # comment-section headings: the story never runs across them
    menu_lines: set[int] = field(default_factory=set)  # lines of a run of one- or two-word navigation entries

    @classmethod
    def from_text(cls, raw: str, warnings: list[str]) -> Page:
        """The text's lines, spaces normalised, empty lines marked blank."""
        lines = [Line(normalise_space(t)) for t in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        for line in lines:
            if not line.text:
                line.kind = "blank"
        return cls(lines, list(warnings))

    def readable(self) -> list[str | None]:
        """Each line's text if it is still a candidate for the story, else None."""
        return [ln.text if ln.kind == "text" else None for ln in self.lines]

    def is_first_text(self, index: int) -> bool:
        """No text line comes before this one."""
        return all(ln.kind != "text" for ln in self.lines[:index])

    def twin_beside(self, i: int) -> bool:
        """A repeated line printed right after its twin (a headline shown twice), not elsewhere on the page."""
        return self.previous(i) == self.repeats.get(i)

    def previous(self, i: int) -> int | None:
        """The nearest non-blank line above line i."""
        return next((k for k in range(i - 1, -1, -1) if self.lines[k].kind != "blank"), None)


def normalise_space(text: str) -> str:
    """NFC, no zero-width characters, single spaces."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    text = re.sub(r"[\u200b-\u200d\ufeff]", "", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def line_key(text: str) -> str:
    """A line's words for comparing lines (case, punctuation and an update label left out)."""
    text = UPDATE_LABEL.sub("", text)
    return re.sub(r"[\W_]+", " ", text.lower()).strip()
