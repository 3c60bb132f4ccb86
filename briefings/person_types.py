"""The people part of an article's extraction, as typed values: who it names, how, and where.

`briefings.people` builds them from the NLP; the extraction document carries them until the indexer
stores it (`people_to_json`, the storage edge), and `briefings.resolve` reads the stored JSON back
(`ExtractedPerson.from_json`). Nothing here needs spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

MentionKind = Literal["body", "caption"]


@dataclass
class ExtractedRole:
    """A role as the article states it: `Foreign Minister`, of `South Korea`, written `South Korean Foreign Minister`."""

    title: str
    organization: str | None = None
    text: str | None = None
    source: str = "title"  # title | apposition | clause | caption ..., as `briefings.people` found it

    @classmethod
    def from_json(cls, d: dict) -> ExtractedRole:
        """A stored role (older documents may lack the phrase or its source)."""
        return cls(d["title"], d.get("organization"), d.get("text"), d.get("source", "text"))


@dataclass
class ExtractedPerson:
    """A person as one article names them: the name, the forms it uses, roles and how often they are named."""

    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[ExtractedRole] = field(default_factory=list)
    mentions: int = 1
    subject_mentions: int = 0

    def to_json(self) -> dict:
        """The stored form (what `dataclasses.asdict` gives, built directly: it is written for every person of every article)."""
        return vars(self) | {"aliases": list(self.aliases), "roles": [dict(vars(r)) for r in self.roles]}

    @classmethod
    def from_json(cls, d: dict) -> ExtractedPerson:
        """A stored person entry (older documents may lack the counts or the aliases)."""
        return cls(
            d["name"],
            list(d.get("aliases", [d["name"]])),
            [ExtractedRole.from_json(r) for r in d.get("roles", [])],
            d.get("mentions", 1),
            d.get("subject_mentions", 0),
        )


@dataclass
class ExtractedMention:
    """One place the article names a person: which person, in which paragraph (or caption), at which characters."""

    person: str
    para: int
    kind: MentionKind
    start: int
    end: int
    subject: bool = False  # the subject of its clause (a speaker or an actor)
    in_quote: bool = False

    def to_json(self) -> dict:
        """The stored form (plain values only, so a copy of the fields is what `dataclasses.asdict` would give)."""
        return dict(vars(self))


def people_to_json(extraction: dict) -> dict:
    """The extraction document with its people and mentions as JSON, for storage (other keys untouched)."""
    typed = (ExtractedPerson, ExtractedMention)
    return extraction | {
        key: [x.to_json() if isinstance(x, typed) else x for x in extraction[key]] for key in ("people", "mentions") if key in extraction
    }


def stored_people(extraction: dict) -> list[ExtractedPerson]:
    """An article's people read back from its stored extraction."""
    return [ExtractedPerson.from_json(p) for p in extraction.get("people", [])]
