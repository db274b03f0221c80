"""Every query the improvement pages use, in one place."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from authorities.models import Authority
from improvements.models import Action, ActionChange, ImprovementPlan, Priority, ProgressUpdate, Rag
from improvements.timescales import add_months, month_bounds
from inspections.models import Document, Inspection, PaperPriority

OPEN_STATUSES = (Action.Status.NOT_STARTED, Action.Status.IN_PROGRESS)
DONE_STATUSES = (Action.Status.COMPLETE, Action.Status.CLOSED)
RAG_ORDER = {Rag.RED: 3, Rag.AMBER: 2, Rag.GREEN: 1, Rag.NONE: 0}


def current_plan(authority: Authority) -> ImprovementPlan | None:
    return (
        ImprovementPlan.objects.filter(authority=authority, is_current=True)
        .select_related("authority", "source_inspection")
        .first()
    )


def is_overdue(action: Action, today: datetime.date) -> bool:
    return bool(action.due_date and action.due_date < today and action.status in OPEN_STATUSES)


def plan_actions(plan: ImprovementPlan):
    return Action.objects.filter(priority__plan=plan)


def overdue_q(today: datetime.date) -> Q:
    return Q(due_date__lt=today, status__in=OPEN_STATUSES)


def _ordered_actions(today: datetime.date):
    """Overdue first (oldest due first), then by due date (none last), then as numbered."""
    return (
        Action.objects.annotate(
            overdue_rank=Case(
                When(overdue_q(today), then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .select_related("source_recommendation", "priority")
        .order_by("overdue_rank", F("due_date").asc(nulls_last=True), "position")
    )


def status_counts(actions) -> dict[str, int]:
    counts = dict(actions.values_list("status").annotate(n=Count("id")).order_by())
    return {value: counts.get(value, 0) for value, _label in Action.Status.choices}


def rag_counts(actions) -> dict[str, int]:
    counts = dict(actions.values_list("rag").annotate(n=Count("id")).order_by())
    return {value: counts.get(value, 0) for value, _label in Rag.choices}


def labelled(counts: dict[str, int], choices) -> list[dict]:
    return [{"value": value, "label": label, "count": counts.get(value, 0)} for value, label in choices]


def worst_rag(rags) -> str:
    rags = [r for r in rags if r]
    return max(rags, key=lambda r: RAG_ORDER[r]) if rags else ""


# --- The council page's summary ---------------------------------------------------------------------------


def plan_summary(authority: Authority, today: datetime.date | None = None) -> dict | None:
    """What the council page shows of the current plan (templates/improvements/includes/plan_summary.html)."""
    plan = current_plan(authority)
    if plan is None:
        return None
    today = today or timezone.localdate()
    actions = plan_actions(plan)
    statuses = status_counts(actions)
    next_due = (
        actions.filter(status__in=OPEN_STATUSES, due_date__gte=today).order_by("due_date", "position").first()
    )
    return {
        "plan": plan,
        "priority_count": plan.priorities.count(),
        "action_count": sum(statuses.values()),
        "statuses": labelled(statuses, Action.Status.choices),
        "rags": labelled(rag_counts(actions), Rag.choices),
        "overdue_count": actions.filter(overdue_q(today)).count(),
        "next_due": next_due,
        "last_change": plan.changes.order_by("-changed_at").first(),
        "today": today,
    }


# --- The board view ---------------------------------------------------------------------------------------


@dataclass
class Board:
    plan: ImprovementPlan
    today: datetime.date
    since: datetime.date
    priorities: list[Priority]
    overdue: list[Action]
    statuses: list[dict]
    rags: list[dict]
    action_count: int
    changes: list[ActionChange]
    updates: list[ProgressUpdate]
    filtered: bool = False
    extra: dict = field(default_factory=dict)


def board(
    plan: ImprovementPlan,
    *,
    today: datetime.date | None = None,
    since: datetime.date | None = None,
    actions=None,
) -> Board:
    """Priorities with their actions (overdue first), the overdue list, counts, and what changed since a date.

    `actions` narrows the actions shown (a filtered queryset); counts are always of the whole plan.
    """
    today = today or timezone.localdate()
    since = since or add_months(today, -1)
    shown = _ordered_actions(today).filter(priority__plan=plan)
    filtered = actions is not None
    if filtered:
        shown = shown.filter(pk__in=actions.values("pk"))
    priorities = list(
        plan.priorities.select_related("source_document").prefetch_related(
            Prefetch("actions", queryset=shown, to_attr="shown_actions")
        )
    )
    for priority in priorities:
        for action in priority.shown_actions:
            action.overdue = is_overdue(action, today)
            action.days_overdue = (today - action.due_date).days if action.overdue else 0
        priority.overdue_count = sum(1 for a in priority.shown_actions if a.overdue)
        priority.derived_rag = priority.rag or worst_rag(a.rag for a in priority.shown_actions)
    whole = plan_actions(plan)
    statuses = status_counts(whole)
    since_start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    changes = list(
        plan.changes.filter(changed_at__gte=since_start)
        .select_related("action", "priority")
        .order_by("-changed_at", "-id")[:200]
    )
    updates = list(
        ProgressUpdate.objects.filter(priority__plan=plan)
        .filter(Q(date__gte=since) | Q(created_at__gte=since_start))
        .select_related("priority", "action", "source_document", "author")
        .order_by("-date", "-created_at")
    )
    overdue = [a for p in priorities for a in p.shown_actions if a.overdue]
    overdue.sort(key=lambda a: (a.due_date, a.priority.position, a.position))
    return Board(
        plan=plan,
        today=today,
        since=since,
        priorities=priorities,
        overdue=overdue,
        statuses=labelled(statuses, Action.Status.choices),
        rags=labelled(rag_counts(whole), Rag.choices),
        action_count=sum(statuses.values()),
        changes=changes,
        updates=updates,
        filtered=filtered,
    )


# --- Status history (from the audit trail) ----------------------------------------------------------------


def status_events(plan: ImprovementPlan) -> list[tuple[int, datetime.datetime, str]]:
    """(action id, when, status from then on) for every action's creation and status change, oldest first."""
    return list(
        plan.changes.filter(
            action__isnull=False, field__in=[ActionChange.Field.CREATED, ActionChange.Field.STATUS]
        )
        .order_by("changed_at", "id")
        .values_list("action_id", "changed_at", "new_value")
    )


def statuses_at(plan: ImprovementPlan, moment: datetime.datetime) -> dict[int, str]:
    """Each action's status at a moment, as the audit trail records it (actions created later are absent)."""
    status: dict[int, str] = {}
    for action_id, when, value in status_events(plan):
        if when > moment:
            break
        status[action_id] = value
    return status


# --- The highlight report ---------------------------------------------------------------------------------


@dataclass
class PriorityHighlight:
    priority: Priority
    rag: str
    rag_derived: bool
    done_updates: list[ProgressUpdate]
    completed: list[Action]
    overdue: list[Action]
    milestones: list[Action]
    open_count: int
    action_count: int


@dataclass
class Highlight:
    plan: ImprovementPlan
    month_start: datetime.date
    month_end: datetime.date
    priorities: list[PriorityHighlight]
    latest_event: Inspection | None
    next_expected: Inspection | None
    statuses: list[dict]
    overdue_count: int
    as_at_today: bool


MILESTONE_MONTHS = 3


def latest_event(authority: Authority, on_or_before: datetime.date) -> Inspection | None:
    """The council's latest Ofsted event (graded or not) on or before a day."""
    return (
        Inspection.objects.filter(authority=authority, status=Inspection.Status.HELD)
        .filter(
            Q(start_date__lte=on_or_before) | Q(start_date__isnull=True, published_date__lte=on_or_before)
        )
        .annotate(when=Coalesce("start_date", "published_date"))
        .order_by("-when", F("published_date").desc(nulls_last=True))
        .prefetch_related("judgements")
        .first()
    )


def next_expected(authority: Authority, after: datetime.date) -> Inspection | None:
    return (
        Inspection.objects.filter(authority=authority, status=Inspection.Status.EXPECTED)
        .filter(Q(start_date__gte=after) | Q(start_date__isnull=True))
        .order_by(F("start_date").asc(nulls_last=True))
        .first()
    )


def highlight(
    plan: ImprovementPlan, month: str | datetime.date, today: datetime.date | None = None
) -> Highlight:
    """One month's highlight report: per priority, its RAG, what was done in the month, what was overdue at
    the month's end, and the next milestones (open actions due in the three months after it).

    Statuses are as at the end of the month (from the audit trail) for a past month, as now for this month.
    """
    today = today or timezone.localdate()
    first, last = month_bounds(month)
    as_at = min(last, today)
    end_moment = timezone.make_aware(datetime.datetime.combine(as_at, datetime.time.max))
    start_moment = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    past = as_at < today
    status_then = statuses_at(plan, end_moment) if past else None

    completed_ids = set(
        plan.changes.filter(
            field=ActionChange.Field.STATUS,
            new_value__in=list(DONE_STATUSES),
            changed_at__gte=start_moment,
            changed_at__lte=end_moment,
        ).values_list("action_id", flat=True)
    )
    priorities = list(
        plan.priorities.prefetch_related(
            Prefetch(
                "actions", queryset=Action.objects.order_by("due_date", "position"), to_attr="all_actions"
            ),
            Prefetch(
                "updates",
                queryset=ProgressUpdate.objects.filter(date__gte=first, date__lte=last)
                .select_related("source_document", "action")
                .order_by("date", "created_at"),
                to_attr="month_updates",
            ),
        )
    )
    horizon = add_months(as_at, MILESTONE_MONTHS)
    rows = []
    all_statuses: Counter = Counter()
    overdue_total = 0
    for priority in priorities:
        actions = []
        for action in priority.all_actions:
            if status_then is not None:
                if action.pk not in status_then:
                    continue  # not yet in the plan at the month's end
                action.status_then = status_then[action.pk]
            else:
                action.status_then = action.status
            action.status_then_label = Action.Status(action.status_then).label
            actions.append(action)
        open_actions = [a for a in actions if a.status_then in OPEN_STATUSES]
        overdue = [a for a in open_actions if a.due_date and a.due_date < as_at]
        milestones = [a for a in open_actions if a.due_date and as_at <= a.due_date <= horizon]
        for action in overdue:
            action.days_overdue = (as_at - action.due_date).days
        all_statuses.update(a.status_then for a in actions)
        overdue_total += len(overdue)
        derived = worst_rag(a.rag for a in actions)
        rows.append(
            PriorityHighlight(
                priority=priority,
                rag=priority.rag or derived,
                rag_derived=not priority.rag and bool(derived),
                done_updates=priority.month_updates,
                completed=[a for a in actions if a.pk in completed_ids],
                overdue=overdue,
                milestones=milestones[:5],
                open_count=len(open_actions),
                action_count=len(actions),
            )
        )
    return Highlight(
        plan=plan,
        month_start=first,
        month_end=last,
        priorities=rows,
        latest_event=latest_event(plan.authority, as_at),
        next_expected=next_expected(plan.authority, first),
        statuses=labelled(dict(all_statuses), Action.Status.choices),
        overdue_count=overdue_total,
        as_at_today=not past,
    )


# --- Exports ----------------------------------------------------------------------------------------------


def actions_for_export(plan: ImprovementPlan):
    return (
        Action.objects.filter(priority__plan=plan)
        .select_related("priority", "source_recommendation", "source_recommendation__inspection")
        .order_by("priority__position", "position")
    )


def updates_for_export(plan: ImprovementPlan):
    return (
        ProgressUpdate.objects.filter(priority__plan=plan)
        .select_related("priority", "action", "author", "source_document")
        .order_by("date", "created_at", "id")
    )


def changes_for_export(plan: ImprovementPlan):
    return plan.changes.select_related("priority", "action").order_by("changed_at", "id")


def action_history(action: Action):
    return action.changes.order_by("-changed_at", "-id")


def startable_inspections(authority: Authority):
    """The council's inspections that have recommendations, newest first, with how many of them."""
    return (
        Inspection.objects.filter(authority=authority)
        .annotate(recommendation_count=Count("recommendations"))
        .filter(recommendation_count__gt=0)
        .order_by(F("published_date").desc(nulls_last=True))
    )


def recommendations_in_plan(inspection: Inspection, plan: ImprovementPlan | None) -> int:
    if plan is None:
        return 0
    return (
        Action.objects.filter(priority__plan=plan, source_recommendation__inspection=inspection)
        .values("source_recommendation")
        .distinct()
        .count()
    )


def paper_priorities(document: Document) -> list[PaperPriority]:
    """The priorities a committee paper lists as publishing stored them (none before it is published), in the
    paper's order, with their inspection and progress paragraphs (two queries)."""
    return list(
        PaperPriority.objects.filter(document=document)
        .select_related("inspection")
        .prefetch_related("progress")
        .order_by("pk")
    )
