"""Publishing a reviewed draft: the document's facts become inspections, judgements and recommendations.

Everything happens in one transaction that starts by claiming the document (a conditional UPDATE from
`needs_review` to `published`): two clicks, two tabs or two admins publish it once. A fact that matches one
already stored (the committee paper reported the grade, now the report arrives) is merged and keeps both
sources; where the two disagree a Conflict is recorded and the stored value stands until an admin settles it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from inspections import signals
from inspections.matching import IncomingEvent, IncomingJudgement, SourceRef, find_event, merge_event
from inspections.matching.rule import PRECISION_RANK
from inspections.matching.sources import save_document_source
from inspections.models import (
    Conflict,
    DatePrecision,
    Document,
    Inspection,
    PaperPriority,
    PaperProgress,
    Recommendation,
)
from inspections.paragraphs import locate
from inspections.reading import vocabulary as vocab
from inspections.reading.facts import Event, Passage, Reading

PUBLISHED_ROLES = ("primary", "reported", "expected")


class NotPublishable(Exception):
    """The document cannot be published (not ready, already published, or its draft has problems)."""

    def __init__(self, message: str, problems: list[str] | None = None):
        self.message = message
        self.problems = problems or []
        super().__init__(message)


@dataclass
class PublishSummary:
    inspections_created: int = 0
    inspections_merged: int = 0
    judgements_created: int = 0
    judgements_confirmed: int = 0
    recommendations_created: int = 0
    recommendations_confirmed: int = 0
    recommendations_skipped: int = 0
    conflicts: int = 0
    inspections: list[Inspection] = field(default_factory=list)
    changes: list[signals.FactChange] = field(default_factory=list)

    def sentence(self) -> str:
        parts = [
            f"{self.inspections_created} new event(s)",
            f"{self.inspections_merged} matched to stored event(s)",
            f"{self.judgements_created} new judgement(s)",
            f"{self.judgements_confirmed} confirmed",
            f"{self.recommendations_created} new recommendation(s)",
        ]
        text = "Published: " + ", ".join(parts) + "."
        if self.recommendations_skipped:
            text += (
                f" {self.recommendations_skipped} item(s) of a council's list were not stored as "
                "recommendations: the inspection's own recommendations are stored already."
            )
        if self.conflicts:
            text += f" {self.conflicts} conflict(s) with stored facts must be settled."
        return text


# --- Checking a draft ---------------------------------------------------------------------------------------


def publishable_events(reading: Reading) -> list[Event]:
    return [event for event in reading.events if event.role in PUBLISHED_ROLES]


def draft_problems(document: Document, reading: Reading | None = None) -> list[str]:
    """Why the draft cannot be published as it stands, in words for the admin; empty when it can."""
    if reading is None:
        if not document.reading:
            return ["There is no draft to publish: read the document first."]
        reading = Reading.from_json(document.reading)
    problems = []
    if document.authority_id is None:
        problems.append("The document has no council. Choose the council before publishing.")
    for number, event in enumerate(publishable_events(reading), start=1):
        name = f"Event {number} ({vocab.EVENT_KINDS.get(event.kind, event.kind)})"
        if event.kind not in vocab.EVENT_KINDS:
            problems.append(
                f"{name}: '{event.kind}' is not a kind of event the service stores. Change or drop it."
            )
        if event.start is None and event.published is None:
            problems.append(f"{name} has neither a start date nor a publication date. Give one, or drop it.")
        if event.start and event.end and event.end < event.start:
            problems.append(f"{name} ends before it starts.")
        if event.kind != "ilacs" and event.ilacs_type:
            problems.append(f"{name}: only an ILACS inspection is standard or short.")
        seen = set()
        for judgement in event.judgements:
            if judgement.theme not in vocab.THEMES:
                problems.append(f"{name}: the judgement '{judgement.label}' has no theme.")
            if not (isinstance(judgement.value, int) and 1 <= judgement.value <= 4):
                problems.append(f"{name}: the judgement '{judgement.label}' needs a grade from 1 to 4.")
            key = (judgement.section or "", judgement.theme)
            if key in seen:
                problems.append(
                    f"{name} has two judgements of '{vocab.THEMES.get(judgement.theme, judgement.theme)}'."
                )
            seen.add(key)
        for recommendation in event.recommendations:
            if not recommendation.text.strip():
                problems.append(f"{name} has a recommendation with no text.")
    return problems


# --- Publishing ---------------------------------------------------------------------------------------------


def publish(document: Document, user=None) -> PublishSummary:
    """Write the document's draft as data, in one transaction. Raises NotPublishable."""
    with transaction.atomic():
        locked = Document.objects.select_for_update().filter(pk=document.pk).first()
        if locked is None:
            raise NotPublishable("The document no longer exists.")
        if locked.state == Document.State.PUBLISHED:
            raise NotPublishable("This document has already been published.")
        if locked.state != Document.State.NEEDS_REVIEW:
            raise NotPublishable(
                "Only a document that needs review can be published; this one is "
                f"{locked.get_state_display().lower()}."
            )
        reading = Reading.from_json(locked.reading or {"document_kind": "other"})
        problems = draft_problems(locked, reading)
        if problems:
            raise NotPublishable("The draft cannot be published yet.", problems)
        claimed = Document.objects.filter(pk=locked.pk, state=Document.State.NEEDS_REVIEW).update(
            state=Document.State.PUBLISHED,
            published_by=user,
            published_at=timezone.now(),
            dated=reading.document_date,
        )
        if not claimed:  # pragma: no cover - the row lock above makes this unreachable; kept as the guard
            raise NotPublishable("This document has already been published.")
        summary = PublishSummary()
        for event in publishable_events(reading):
            publish_event(locked, event, summary)
        changes = signals.merged(summary.changes)
        if changes:
            signals.facts_published.send(sender=Document, changes=changes, document=locked, dataset=None)
        messages = [m for m in locked.messages if not (isinstance(m, dict) and m.get("code") == "published")]
        messages.append({"level": "success", "code": "published", "message": summary.sentence()})
        Document.objects.filter(pk=locked.pk).update(messages=messages)
    document.refresh_from_db()
    return summary


# --- Matching and merging: inspections.matching, shared with the official-statistics importer ---------------


def _ref(document: Document, passage: Passage | None, confidence: float | None, quote: str = "") -> SourceRef:
    return SourceRef(
        document_id=document.pk,
        page=passage.page if passage else None,
        char_start=passage.char_start if passage else None,
        char_end=passage.char_end if passage else None,
        quote=((passage.quote if passage else "") or quote)[:2000],
        confidence=confidence,
    )


def _incoming(document: Document, event: Event) -> IncomingEvent:
    precision = event.precision if event.precision in DatePrecision.values else DatePrecision.DAY
    start, end = event.start, event.end if event.end and event.start and event.end >= event.start else None
    if start and precision != DatePrecision.DAY:
        # A vaguer date ("July 2021") of an event stored with its days is no disagreement: keep the days.
        stored = find_event(
            document.authority_id, event.kind, reinspection=bool(event.reinspection), start=start,
            published=event.published, date_precision=precision,
        )  # fmt: skip
        if (
            stored
            and stored.start_date
            and PRECISION_RANK.get(stored.date_precision, 0) < PRECISION_RANK[precision]
        ):
            start, end, precision = stored.start_date, stored.end_date, stored.date_precision
    return IncomingEvent(
        authority_id=document.authority_id,
        kind=event.kind,
        reinspection=bool(event.reinspection),
        inspection_type=(event.ilacs_type or "") if event.kind == "ilacs" else "",
        focus=(event.focus or "")[:200],
        status=Inspection.Status.EXPECTED if event.role == "expected" else Inspection.Status.HELD,
        start=start,
        end=end,
        date_precision=precision,
        published=event.published,
        lead_inspector=(event.lead_inspector or "")[:120],
        judgements=[
            IncomingJudgement(
                theme=j.theme,
                value=j.value,
                label=j.label[:300],
                grade=j.grade[:80],
                section=j.section or "",
                parent_theme=j.parent_theme or "",
                source=_ref(document, j.passage, j.confidence, quote=j.grade),
            )
            for j in event.judgements
        ],
        source=_ref(document, event.passage, event.confidence, quote=event.evidence),
        label=f"{document.original_name}: {event.kind} {event.start or event.published}",
    )


def publish_event(document: Document, event: Event, summary: PublishSummary) -> Inspection:
    """Find or create the stored event (inspections.matching), then attach its recommendations."""
    result = merge_event(_incoming(document, event))
    inspection = result.inspection
    if result.created:
        summary.inspections_created += 1
    else:
        summary.inspections_merged += 1
    summary.judgements_created += len(result.judgements_added)
    summary.judgements_confirmed += max(0, len(event.judgements) - len(result.judgements_added))
    summary.conflicts += len(result.conflicts)
    summary.inspections.append(inspection)
    summary.changes.append(signals.FactChange(inspection.pk, result.created, tuple(result.judgements_added)))
    _merge_recommendations(document, inspection, event, summary)
    if event.role != "primary":
        _store_paper_priorities(document, inspection, event)
    return inspection


_TIMESCALES = set(Recommendation.Timescale.values)


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()[:200]


def _merge_recommendations(document: Document, inspection: Inspection, event: Event, summary) -> None:
    stored = {_key(r.text): r for r in inspection.recommendations.all()}
    position = inspection.recommendations.aggregate(top=Max("position"))["top"] or 0
    # A council paper's list (its improvement priorities, in its own words) stands in for the inspectors'
    # recommendations only until they are stored: it never adds a second, paraphrased list beside them.
    secondary_only = event.role != "primary" and bool(stored)
    for item in event.recommendations:
        key = _key(item.text)
        recommendation = stored.get(key)
        if recommendation is None and secondary_only:
            summary.recommendations_skipped += 1
            continue
        if recommendation is None:
            position += 1
            recommendation = Recommendation.objects.create(
                inspection=inspection,
                position=position,
                heading=(item.heading or "")[:120],
                section=item.section or "",
                text=item.text.strip(),
                timescale_as_written=(item.timescale or "")[:80],
                timescale=item.timescale_code if item.timescale_code in _TIMESCALES else "",
            )
            stored[key] = recommendation
            summary.recommendations_created += 1
        else:
            summary.recommendations_confirmed += 1
        save_document_source(_ref(document, item.passage, item.confidence), recommendation=recommendation)


def _store_paper_priorities(document: Document, inspection: Inspection, event: Event) -> None:
    """A council paper's list, in its own words, with the progress paragraphs under each item and where they
    are: what improvements/ builds a plan's priorities from (improvements.from_committee_paper)."""
    for position, item in enumerate(event.recommendations, start=1):
        passage = item.passage
        priority = PaperPriority.objects.create(
            document=document,
            inspection=inspection,
            position=position,
            text=item.text.strip(),
            char_start=passage.char_start if passage else None,
            char_end=passage.char_end if passage else None,
            page=(document.page_of(passage.char_start) or passage.page) if passage else None,
        )
        paragraphs = [paragraph.strip() for paragraph in item.progress if paragraph.strip()]
        spans = [locate(document.text, paragraph) for paragraph in paragraphs]
        PaperProgress.objects.bulk_create(
            PaperProgress(
                priority=priority,
                position=number,
                text=paragraph,
                char_start=span[0] if span else None,
                char_end=span[1] if span else None,
                page=document.page_of(span[0]) if span else None,
            )
            for number, (paragraph, span) in enumerate(zip(paragraphs, spans, strict=True), start=1)
        )


# --- Settling a conflict ------------------------------------------------------------------------------------


def settle_conflict(conflict: Conflict, keep: str, note: str, user) -> Conflict:
    """An admin settles a conflict: `keep` is 'stored' or 'incoming'. The choice and the note are recorded."""
    with transaction.atomic():
        conflict = Conflict.objects.select_for_update().get(pk=conflict.pk)
        if conflict.status == Conflict.Status.SETTLED:
            return conflict
        if keep == "incoming":
            _apply(conflict)
            chosen = f"The incoming value '{conflict.incoming_value}' stands"
        else:
            chosen = f"The stored value '{conflict.stored_value}' stands"
        conflict.status = Conflict.Status.SETTLED
        conflict.resolution = f"{chosen}. {note}".strip()
        conflict.settled_by = user
        conflict.settled_at = timezone.now()
        conflict.save()
    return conflict


def _apply(conflict: Conflict) -> None:
    value = conflict.incoming_value
    if conflict.field == "grade" and conflict.judgement_id:
        judgement = conflict.judgement
        judgement.grade = value[:80]
        judgement.value = vocab.grade_value(value) or judgement.value
        judgement.save()
        return
    inspection = conflict.inspection
    if conflict.field in ("start_date", "end_date", "published_date"):
        setattr(inspection, conflict.field, date.fromisoformat(value))
    elif conflict.field in ("lead_inspector", "inspection_type", "focus"):
        setattr(inspection, conflict.field, value)
    inspection.save()
