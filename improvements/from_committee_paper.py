"""Priorities from a committee paper (Devon's eight) with the progress paragraphs under each, as the reader
read them, become priorities with dated progress updates that keep their passage."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from improvements.from_recommendations import PlanResult
from improvements.models import ImprovementPlan
from improvements.plans import add_priority, attach_progress, find_priority
from inspections.models import Document


def _as_reading(reading):
    from inspections.reading.facts import Reading

    if isinstance(reading, dict):
        return Reading.from_json(reading)
    return reading


def _plan_event(reading, plan: ImprovementPlan):
    """The event whose priorities a paper lists: the plan's own inspection where the paper names it."""
    candidates = [event for event in reading.events if event.recommendations]
    if not candidates:
        return None
    source = plan.source_inspection
    if source is not None:
        for event in candidates:
            if event.kind == source.kind:
                return event
    with_progress = [event for event in candidates if any(r.progress for r in event.recommendations)]
    return (with_progress or candidates)[0]


@transaction.atomic
def priorities_from_reading(
    plan: ImprovementPlan,
    reading,
    user=None,
    *,
    document: Document | None = None,
    text: str | None = None,
    on: date | None = None,
) -> PlanResult:
    """A committee paper's priorities (with the progress paragraphs under each) into the plan.

    `reading` is an inspections.reading Reading (or its JSON, as Document.reading stores it). A priority whose
    title the plan already has is reused, so a later paper adds its progress to the same eight priorities.
    Progress updates are dated `on` (the paper's date), else the date the reading gives the document.
    """
    reading = _as_reading(reading)
    result = PlanResult(plan=plan)
    event = _plan_event(reading, plan)
    if event is None:
        return result
    if text is None and document is not None:
        text = document.text
    when = on or reading.document_date or timezone.localdate()
    for item in event.recommendations:
        priority = find_priority(plan, item.text)
        if priority is None:
            passage = item.passage
            priority = add_priority(
                plan,
                user,
                title=item.text,
                source_document=document,
                source_char_start=passage.char_start if passage else None,
                source_char_end=passage.char_end if passage else None,
                source_page=(document.page_of(passage.char_start) if document else passage.page)
                if passage
                else None,
            )
        result.priorities.append(priority)
        result.updates += attach_progress(
            priority, item.progress, on=when, user=user, document=document, text=text
        )
    return result
