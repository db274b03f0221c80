"""Reviewing a batch at the speed of trust: how each reading compares with stored facts, differences first.

Read-only: nothing here writes. Each document that needs review is put in one of three groups:
- `differs`: a date or grade it read disagrees with the stored one (publishing would record a conflict);
- `adds`: it brings an event or judgement not stored yet (publishing makes news);
- `confirms`: every event and judgement it read is stored already with the same values; publishing only adds
  the document as a further source. These may be confirmed together, by a person, in one action.
A document whose draft cannot be published (draft_problems) is shown with its problems and never confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from inspections.documents.publish import draft_problems, publishable_events
from inspections.matching import find_event
from inspections.models import DatePrecision, Document, DocumentBatch
from inspections.reading import vocabulary as vocab
from inspections.reading.facts import Reading

DIFFERS, ADDS, CONFIRMS, PROBLEMS = "differs", "adds", "confirms", "problems"
ORDER = {DIFFERS: 0, PROBLEMS: 1, ADDS: 2, CONFIRMS: 3}
GROUP_NAMES = {
    DIFFERS: "Differs from stored facts",
    PROBLEMS: "Cannot be published yet",
    ADDS: "Adds new facts",
    CONFIRMS: "Only confirms stored facts",
}


@dataclass
class Comparison:
    document: Document
    group: str
    differences: list[str] = field(default_factory=list)
    additions: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def group_name(self) -> str:
        return GROUP_NAMES[self.group]


def _date(value) -> str:
    return f"{value:%-d %B %Y}" if value else "none"


def compare(document: Document) -> Comparison:
    reading = Reading.from_json(document.reading or {"document_kind": "other"})
    problems = draft_problems(document, reading)
    if problems:
        return Comparison(document, PROBLEMS, problems=problems)
    differences, additions = [], []
    for event in publishable_events(reading):
        name = vocab.framework_name(event.kind, event.reinspection)
        precision = event.precision if event.precision in DatePrecision.values else DatePrecision.DAY
        stored = find_event(
            document.authority_id, event.kind, reinspection=bool(event.reinspection), start=event.start,
            published=event.published, date_precision=precision,
        )  # fmt: skip
        if stored is None:
            additions.append(f"A new {name} ({_date(event.start or event.published)})")
            continue
        if event.published and stored.published_date and event.published != stored.published_date:
            differences.append(
                f"{name}: published {_date(event.published)} here, {_date(stored.published_date)} stored"
            )
        if (
            event.start
            and stored.start_date
            and precision == DatePrecision.DAY == stored.date_precision
            and event.start != stored.start_date
        ):
            differences.append(f"{name}: starts {_date(event.start)} here, {_date(stored.start_date)} stored")
        judgements = {(j.section or "", j.theme): j for j in stored.judgements.all()}
        for judgement in event.judgements:
            match = judgements.get((judgement.section or "", judgement.theme))
            theme = vocab.THEMES.get(judgement.theme, judgement.theme)
            if match is None:
                additions.append(f"{name}: a new judgement of {theme} ({judgement.grade})")
            elif match.value != judgement.value:
                differences.append(f"{name}: {theme} is '{judgement.grade}' here, '{match.grade}' stored")
    group = DIFFERS if differences else ADDS if additions else CONFIRMS
    return Comparison(document, group, differences, additions)


def queue(batch: DocumentBatch) -> list[Comparison]:
    """The batch's documents that need review, differences first, then by name."""
    documents = (
        batch.documents.filter(state=Document.State.NEEDS_REVIEW)
        .select_related("authority")
        .defer("text", "page_starts")
        .order_by("original_name", "pk")
    )
    comparisons = [compare(document) for document in documents]
    return sorted(comparisons, key=lambda c: (ORDER[c.group], c.document.original_name, c.document.pk))


SESSION_ORDER = "inspections.batch_review.{pk}"


def remember_order(session, batch: DocumentBatch, comparisons: list[Comparison]) -> None:
    """Keep the review order the admin was shown, so next/previous on each document follow it cheaply."""
    session[SESSION_ORDER.format(pk=batch.pk)] = [c.document.pk for c in comparisons]


def neighbours(session, document: Document) -> dict | None:
    """Previous and next in the batch's review order (as last shown, else by name), position and count."""
    if document.batch_id is None:
        return None
    order = session.get(SESSION_ORDER.format(pk=document.batch_id))
    if not order:
        order = list(
            Document.objects.filter(batch_id=document.batch_id, state=Document.State.NEEDS_REVIEW)
            .order_by("original_name", "pk")
            .values_list("pk", flat=True)
        )
    if document.pk not in order:
        return {"previous": None, "next": order[0] if order else None, "position": 0, "count": len(order)}
    index = order.index(document.pk)
    return {
        "previous": order[index - 1] if index > 0 else None,
        "next": order[index + 1] if index + 1 < len(order) else None,
        "position": index + 1,
        "count": len(order),
    }
