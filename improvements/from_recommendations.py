"""A plan from an inspection's recommendations: each becomes an action under a priority, due by its timescale
counted from the report's publication, and keeps its recommendation (and so its passage)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from improvements.models import Action, ImprovementPlan, Priority, ProgressUpdate
from improvements.plans import add_priority, create_action, find_priority, start_plan
from improvements.timescales import due_date
from inspections.models import Inspection, Recommendation
from inspections.reading import vocabulary as vocab

GROUP_BY_SECTION = "section"
GROUP_BY_HEADING = "heading"
GROUP_INTO_ONE = "one"


@dataclass
class PlanResult:
    plan: ImprovementPlan
    actions: list[Action] = field(default_factory=list)
    priorities: list[Priority] = field(default_factory=list)
    skipped: int = 0  # recommendations already in the plan
    updates: list[ProgressUpdate] = field(default_factory=list)


def _group_title(recommendation: Recommendation, group_by: str, inspection: Inspection) -> str:
    heading = recommendation.heading.strip()
    section = vocab.SECTIONS.get(recommendation.section, "") if recommendation.section else ""
    when = inspection.published_date or inspection.event_date
    fallback = f"Recommendations of the {inspection.framework_name} of {when:%B %Y}"
    if group_by == GROUP_BY_SECTION:
        return section or heading or fallback
    if group_by == GROUP_BY_HEADING:
        return heading or section or fallback
    return fallback


def publication_date(inspection: Inspection) -> date | None:
    """The day timescales count from: the publication, else (a letter with no date) the last day."""
    return inspection.published_date or inspection.end_date or inspection.start_date


@transaction.atomic
def plan_from_recommendations(
    inspection: Inspection,
    user,
    *,
    group_by: str = GROUP_BY_SECTION,
    priority: Priority | None = None,
    title: str = "",
) -> PlanResult:
    """Start (or add to) the council's current plan from an inspection's recommendations.

    Each recommendation becomes one action, due by its timescale from the publication date, under a priority:
    one per section of the report (SLAC's safeguarding / looked after children), one per heading, or the
    chosen `priority`. A recommendation that already has an action in the plan is skipped, so offering the
    same inspection twice adds nothing.
    """
    plan = start_plan(inspection.authority, user, title=title, source_inspection=inspection)
    if priority is not None and priority.plan_id != plan.pk:
        raise ValueError("the chosen priority is not in the council's current plan")
    result = PlanResult(plan=plan)
    recommendations = list(inspection.recommendations.order_by("position"))
    already = set(
        Action.objects.filter(priority__plan=plan, source_recommendation__in=recommendations).values_list(
            "source_recommendation_id", flat=True
        )
    )
    published = publication_date(inspection)
    by_title: dict[str, Priority] = {}
    for recommendation in recommendations:
        if recommendation.pk in already:
            result.skipped += 1
            continue
        target = priority
        if target is None:
            group = _group_title(recommendation, group_by, inspection)
            target = by_title.get(group) or find_priority(plan, group)
            if target is None:
                target = add_priority(plan, user, title=group)
                result.priorities.append(target)
            by_title[group] = target
        result.actions.append(
            create_action(
                target,
                user,
                text=recommendation.text,
                due=due_date(published, recommendation.timescale),
                source_recommendation=recommendation,
            )
        )
    return result
