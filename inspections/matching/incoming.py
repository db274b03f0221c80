"""What callers hand to matching: an event, its judgements and their sources, as one source gives them; and
what a merge did (MergeResult)."""

import datetime
from dataclasses import dataclass, field, fields

from inspections.models import Conflict, DatePrecision, Inspection


@dataclass
class SourceRef:
    """Where an incoming fact comes from: a document passage (document_id, page, char span) or an official
    table row (dataset_id, sheet, row). `quote` is the source's own words (a table's cell, a report's
    sentence)."""

    document_id: int | None = None
    dataset_id: int | None = None
    sheet: str = ""
    row: int | None = None
    page: int | None = None
    char_start: int | None = None
    char_end: int | None = None
    quote: str = ""
    confidence: float | None = None
    # Official rows only: the edition's publication date. A newer edition revises an older one's values.
    edition_date: datetime.date | None = None

    @property
    def is_official(self) -> bool:
        return self.dataset_id is not None and self.document_id is None

    def key(self) -> tuple:
        return (self.document_id, self.dataset_id, self.sheet, self.row, self.char_start, self.char_end)

    def with_quote(self, quote: str) -> "SourceRef":
        return SourceRef(**{**{f.name: getattr(self, f.name) for f in fields(self)}, "quote": quote})


@dataclass
class IncomingJudgement:
    """A judgement as a source gives it: theme (vocabulary.THEMES), value 1-4, name and grade as written."""

    theme: str
    value: int
    label: str = ""
    grade: str = ""
    section: str = ""
    parent_theme: str = ""
    source: SourceRef | None = None  # defaults to the event's source, quoting the grade


@dataclass
class IncomingEvent:
    """An event as one source gives it. Only authority_id and kind are required; give what the source says."""

    authority_id: int
    kind: str
    reinspection: bool = False
    inspection_type: str = ""
    focus: str = ""
    status: str = Inspection.Status.HELD
    start: datetime.date | None = None
    end: datetime.date | None = None
    date_precision: str = DatePrecision.DAY
    published: datetime.date | None = None
    lead_inspector: str = ""
    judgements: list[IncomingJudgement] = field(default_factory=list)
    source: SourceRef | None = None
    label: str = ""  # how summaries name it, e.g. "Derby SIF published 2017-06-13 (sheet X row 37)"


@dataclass
class MergeResult:
    inspection: Inspection
    created: bool = False
    changed: list[str] = field(default_factory=list)  # fields filled or revised, e.g. "published_date"
    judgements_added: list[str] = field(default_factory=list)  # themes
    judgements_revised: list[str] = field(default_factory=list)
    sources_added: int = 0
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (self.created or self.changed or self.judgements_added or self.judgements_revised)
