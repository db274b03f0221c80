"""What a reading holds: every fact with its confidence and its passage, as dataclasses that
round-trip to JSON."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from .text import ExtractedText

TIMESCALE_CODES = ("immediately", "within_3_months", "within_6_months", "")


@dataclass
class Passage:
    """Where a fact was read: characters [char_start, char_end) of the extracted text, on page `page`
    (1-based)."""

    char_start: int
    char_end: int
    page: int
    quote: str = ""

    @classmethod
    def of(cls, extracted: ExtractedText, start: int, end: int, quote_limit: int = 300) -> Passage:
        quote = " ".join(extracted.text[start:end].split())
        return cls(start, end, extracted.page_of(start), quote[:quote_limit])


@dataclass
class Judgement:
    theme: str
    label: str
    grade: str
    value: int
    passage: Passage
    parent_theme: str = ""
    section: str = ""
    confidence: float = 0.9
    source: str = ""  # table, sentence, record, heading, prose
    evidence: str = ""  # the sentence, where a sentence gives the grade


@dataclass
class Recommendation:
    text: str
    heading: str
    passage: Passage
    timescale: str = ""  # as written: "Within three months"
    timescale_code: str = ""  # one of TIMESCALE_CODES
    section: str = ""
    confidence: float = 0.8
    progress: list[str] = field(default_factory=list)  # a committee paper's progress paragraphs


@dataclass
class Event:
    kind: str
    role: str  # primary, reported, expected, mentioned
    passage: Passage
    start: date | None = None
    end: date | None = None
    precision: str = "day"  # day, month, season, year
    season: str = ""
    published: date | None = None
    lead_inspector: str = ""
    reinspection: bool = False
    ilacs_type: str = ""
    focus: str = ""
    confidence: float = 0.8
    evidence: str = ""
    judgements: list[Judgement] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    recommendations_heading: str = ""
    stated_recommendation_count: int | None = None  # "the eleven recommendations" where the text is elsewhere
    passages: dict[str, Passage] = field(default_factory=dict)  # where dates, lead inspector ... were read

    @property
    def year(self) -> int | None:
        return self.start.year if self.start else None


@dataclass
class CouncilFact:
    code: str
    name: str
    confidence: float
    passage: Passage | None  # None: chosen by hand for a document that never names it
    chosen_by_hand: bool = False


@dataclass
class Reading:
    document_kind: str
    events: list[Event] = field(default_factory=list)
    council: CouncilFact | None = None
    document_kind_confidence: float = 0.5
    document_date: date | None = None
    errors: list[dict[str, str]] = field(default_factory=list)  # [{code, message}]
    page_count: int = 1
    filename: str = ""
    source_type: str = "text"
    # Why nothing is read from a document outside children's services (an area SEND report, a school ...),
    # as a sentence for an admin: "an area SEND inspection report: ..."; "" for documents in scope.
    out_of_scope: str = ""
    reader_version: str = ""  # reader.READER_VERSION of the reader that made this reading

    @property
    def primary(self) -> Event | None:
        return next((event for event in self.events if event.role == "primary"), None)

    def judgements(self) -> list[Judgement]:
        return [judgement for event in self.events for judgement in event.judgements]

    # -- the shape of corpus/expected/*.json ---------------------------------------------------------------
    def to_expected_shape(self) -> dict[str, Any]:
        return {
            "document_kind": self.document_kind,
            "authority": self.council.name if self.council else None,
            "authority_code": self.council.code if self.council else None,
            "events": [_event_shape(event) for event in self.events],
            "errors": list(self.errors),
        }

    # -- JSON for storage (a JSONField) --------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return _to_plain(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reading:
        return _from_plain(cls, data)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _event_shape(event: Event) -> dict[str, Any]:
    shape: dict[str, Any] = {
        "kind": event.kind,
        "role": event.role,
        "start": _iso(event.start) if event.precision == "day" else None,
        "end": _iso(event.end) if event.precision == "day" else None,
        "precision": event.precision,
        "month": f"{event.start:%Y-%m}" if event.start and event.precision in ("day", "month") else None,
        "year": event.year,
        "season": event.season or None,
        "published": _iso(event.published),
        "lead_inspector": event.lead_inspector or None,
        "reinspection": event.reinspection,
        "inspection_type": event.ilacs_type or None,
        "focus": event.focus or None,
        "grades_given": bool(event.judgements),
        "judgements": [
            {
                "theme": j.theme,
                "parent_theme": j.parent_theme or None,
                "section": j.section or None,
                "label": j.label,
                "grade": j.grade,
                "value": j.value,
                **({"evidence": j.evidence} if j.evidence else {}),
            }
            for j in event.judgements
        ],
    }
    if event.recommendations or event.stated_recommendation_count:
        by_timescale: dict[str, int] = {}
        by_section: dict[str, dict[str, int]] = {}
        for rec in event.recommendations:
            if rec.timescale_code:
                by_timescale[rec.timescale_code] = by_timescale.get(rec.timescale_code, 0) + 1
                if rec.section:
                    section = by_section.setdefault(rec.section, {})
                    section[rec.timescale_code] = section.get(rec.timescale_code, 0) + 1
        shape["recommendations"] = {
            "heading": event.recommendations_heading,
            "count": len(event.recommendations) or event.stated_recommendation_count,
            "text_in_document": bool(event.recommendations),
            "by_timescale": by_timescale,
            "by_section_and_timescale": by_section,
            "items": [rec.text for rec in event.recommendations],
        }
    return shape


def _to_plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _to_plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {key: _to_plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_to_plain(item) for item in value]
    return value


_NESTED = {
    ("Reading", "events"): "Event",
    ("Reading", "council"): "CouncilFact",
    ("Event", "passage"): "Passage",
    ("Event", "judgements"): "Judgement",
    ("Event", "recommendations"): "Recommendation",
    ("Event", "passages"): "Passage",
    ("Judgement", "passage"): "Passage",
    ("Recommendation", "passage"): "Passage",
    ("CouncilFact", "passage"): "Passage",
}
_DATE_FIELDS = {"start", "end", "published", "document_date"}


def _from_plain(cls: type, data: dict[str, Any]) -> Any:
    classes = {c.__name__: c for c in (Reading, Event, CouncilFact, Judgement, Recommendation, Passage)}
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        raw = data[f.name]
        nested = _NESTED.get((cls.__name__, f.name))
        if raw is None:
            kwargs[f.name] = None
        elif nested and isinstance(raw, list):
            kwargs[f.name] = [_from_plain(classes[nested], item) for item in raw]
        elif nested and f.name == "passages":
            kwargs[f.name] = {key: _from_plain(classes[nested], item) for key, item in raw.items()}
        elif nested:
            kwargs[f.name] = _from_plain(classes[nested], raw)
        elif f.name in _DATE_FIELDS:
            kwargs[f.name] = date.fromisoformat(raw)
        else:
            kwargs[f.name] = raw
    return cls(**kwargs)
