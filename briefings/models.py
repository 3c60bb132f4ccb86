"""The typed values the core hands out: articles, people, quotes, events, matches, digests."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from briefings.dates import PartialDate


@dataclass
class ArticleRef:
    """An article as a source: enough to cite it."""

    id: str
    headline: str
    outlet: str | None
    date: str | None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Article:
    """An indexed article: metadata, clean body and captions."""

    id: str
    file: str
    headline: str
    headline_source: str
    outlet: str | None
    wire: str | None
    site: str | None
    authors: list[str]
    contributors: list[str]
    dateline_place: str | None
    dateline_date: str | None
    published: dict
    page_date: dict | None
    update_label: str | None
    editor_notes: list[str]
    body: list[str]
    captions: list[str]
    summary: list[str] | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def date(self) -> PartialDate | None:
        """The story's own date, if the text gives one."""
        return PartialDate.from_iso(self.published.get("date"))

    @property
    def date_text(self) -> str:
        """The date for people: `Nov. 9, 2023`, `September 20 (year not given)`, or `date unknown`."""
        d = self.date
        return d.human() if d else "date unknown"

    def ref(self) -> ArticleRef:
        """This article as a source."""
        return ArticleRef(self.id, self.headline, self.outlet, self.published.get("date"))

    def to_dict(self, *, full: bool = False) -> dict:
        """Plain data for JSON; `full` adds body, captions and notes."""
        data = {
            "id": self.id,
            "file": self.file,
            "headline": self.headline,
            "headline_source": self.headline_source,
            "outlet": self.outlet,
            "wire": self.wire,
            "site": self.site,
            "authors": self.authors,
            "contributors": self.contributors,
            "dateline_place": self.dateline_place,
            "dateline_date": self.dateline_date,
            "published": self.published,
            "page_date": self.page_date,
            "update_label": self.update_label,
        }
        if full:
            data |= {
                "editor_notes": self.editor_notes,
                "summary": self.summary,
                "body": self.body,
                "captions": self.captions,
                "warnings": self.warnings,
            }
        return data

    @classmethod
    def from_row(cls, row) -> Article:  # noqa: ANN001 - an ArticleRow; kept loose to avoid a cycle
        """Build from a database row."""
        return cls(
            id=row.id,
            file=row.file,
            headline=row.headline,
            headline_source=row.headline_source,
            outlet=row.outlet,
            wire=row.wire,
            site=row.site,
            authors=list(row.authors or []),
            contributors=list(row.contributors or []),
            dateline_place=row.dateline_place,
            dateline_date=row.dateline_date,
            published={
                "date": row.published_date,
                "precision": PartialDate.from_iso(row.published_date).precision if row.published_date else None,
                "source": row.published_source,
                "confidence": row.published_confidence,
            },
            page_date={"date": row.page_date, "confidence": "low", "source": "the page's date line"} if row.page_date else None,
            update_label=row.update_label,
            editor_notes=list(row.editor_notes or []),
            body=list(row.body or []),
            captions=list(row.captions or []),
            summary=list(row.summary) if row.summary else None,
            warnings=list(row.warnings or []),
        )
