"""Priorities from a published committee paper (Devon's eight), with the progress paragraphs under each,
become priorities of a plan with dated progress updates that keep their passage.

Built from what publishing stored (inspections.models.PaperPriority and PaperProgress), never from the
reader's draft: a paper that has not been published gives no priorities.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from improvements.from_recommendations import PlanResult
from improvements.models import ImprovementPlan
from improvements.plans import add_priority, attach_progress, find_priority
from improvements.queries import paper_priorities
from inspections.models import Document, PaperPriority


def _plan_list(listed: list[PaperPriority], plan: ImprovementPlan) -> list[PaperPriority]:
    """The list of the event whose priorities the plan takes: the plan's own inspection (or one of its kind)
    where the paper names it, else the list that reports progress, else the first."""
    by_inspection: dict[int, list[PaperPriority]] = {}
    for item in listed:
        by_inspection.setdefault(item.inspection_id, []).append(item)
    if not by_inspection:
        return []
    lists = list(by_inspection.values())
    source = plan.source_inspection
    if source is not None:
        for items in lists:
            if items[0].inspection_id == source.pk:
                return items
        for items in lists:
            if items[0].inspection.kind == source.kind:
                return items
    with_progress = [items for items in lists if any(item.progress.all() for item in items)]
    return (with_progress or lists)[0]


@transaction.atomic
def priorities_from_paper(
    plan: ImprovementPlan, document: Document, user=None, *, on: date | None = None
) -> PlanResult:
    """A published committee paper's priorities (with the progress paragraphs under each) into the plan.

    A priority whose title the plan already has is reused, so a later paper adds its progress to the same
    eight priorities. Progress updates are dated `on`, else the date the paper gives itself.
    """
    if document.authority_id != plan.authority_id:
        raise ValueError("A committee paper adds priorities to its own council's plan only.")
    result = PlanResult(plan=plan)
    items = _plan_list(paper_priorities(document), plan)
    when = on or document.dated or timezone.localdate()
    for item in items:
        priority = find_priority(plan, item.text)
        if priority is None:
            priority = add_priority(
                plan,
                user,
                title=item.text,
                source_document=document,
                source_char_start=item.char_start,
                source_char_end=item.char_end,
                source_page=item.page,
            )
        result.priorities.append(priority)
        paragraphs = [progress.text for progress in item.progress.all()]
        result.updates += attach_progress(priority, paragraphs, on=when, user=user, document=document)
    return result
