"""Every change to an improvement plan goes through here, so that each one is checked and recorded.

- `create_action`, `change_action`, `add_priority`, `change_priority`, `add_update`: the single way views and
  imports change a plan. Each writes its ActionChange rows in the same transaction as the change itself.

Permissions are the caller's business (views check authorities.roles.can_edit_authority); these functions
trust their caller and take the acting user only to record who did what.

Plans made from elsewhere build on these: from_recommendations.py (an inspection's recommendations) and
from_committee_paper.py (a committee paper's priorities and progress).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from authorities.models import Authority
from improvements.models import Action, ActionChange, ImprovementPlan, Priority, ProgressUpdate, Rag
from inspections.models import Document, Inspection, Recommendation
from inspections.paragraphs import locate

# The fields of an action whose every change is recorded; the order is the order of the history rows.
ACTION_FIELDS = ("text", "owner", "due_date", "status", "rag", "evidence")
PRIORITY_FIELDS = ("title", "rag")


def _username(user) -> str:
    return user.get_username() if user is not None and user.is_authenticated else ""


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _record(priority: Priority, user, field_name: str, old="", new="", action: Action | None = None):
    return ActionChange.objects.create(
        plan_id=priority.plan_id,
        priority=priority,
        action=action,
        field=field_name,
        old_value=_as_text(old),
        new_value=_as_text(new),
        changed_by=user if user is not None and user.is_authenticated else None,
        changed_by_name=_username(user),
        changed_at=timezone.now(),
    )


# --- Plans ------------------------------------------------------------------------------------------------


def current_plan(authority: Authority) -> ImprovementPlan | None:
    return ImprovementPlan.objects.filter(authority=authority, is_current=True).first()


def default_title(inspection: Inspection | None) -> str:
    if inspection is None:
        return "Improvement plan"
    when = inspection.published_date or inspection.event_date
    return f"Improvement plan after the {inspection.framework_name} of {when:%B %Y}"


@transaction.atomic
def start_plan(
    authority: Authority, user, *, title: str = "", source_inspection: Inspection | None = None
) -> ImprovementPlan:
    """The council's current plan, started now if it has none (a council works to one plan at a time)."""
    Authority.objects.select_for_update().filter(pk=authority.pk).first()  # one starter at a time
    plan = current_plan(authority)
    if plan is None:
        plan = ImprovementPlan.objects.create(
            authority=authority,
            title=title or default_title(source_inspection),
            source_inspection=source_inspection,
            created_by=user if user is not None and user.is_authenticated else None,
        )
    elif source_inspection is not None and plan.source_inspection_id is None:
        plan.source_inspection = source_inspection
        plan.save(update_fields=["source_inspection"])
    return plan


# --- Priorities -------------------------------------------------------------------------------------------


def _title_key(title: str) -> str:
    return " ".join(title.strip().rstrip(";:.").split()).casefold()


def find_priority(plan: ImprovementPlan, title: str) -> Priority | None:
    key = _title_key(title)
    return next((p for p in plan.priorities.all() if _title_key(p.title) == key), None)


@transaction.atomic
def add_priority(
    plan: ImprovementPlan,
    user,
    *,
    title: str,
    description: str = "",
    rag: str = "",
    source_document: Document | None = None,
    source_char_start: int | None = None,
    source_char_end: int | None = None,
    source_page: int | None = None,
) -> Priority:
    ImprovementPlan.objects.select_for_update().filter(pk=plan.pk).first()  # positions are handed out in turn
    position = (plan.priorities.aggregate(m=Max("position"))["m"] or 0) + 1
    priority = Priority.objects.create(
        plan=plan,
        position=position,
        title=title.strip().rstrip(";").strip(),
        description=description,
        rag=rag,
        source_document=source_document,
        source_char_start=source_char_start,
        source_char_end=source_char_end,
        source_page=source_page,
    )
    _record(priority, user, ActionChange.Field.CREATED, new=priority.title)
    return priority


@transaction.atomic
def change_priority(priority: Priority, user, **changes) -> list[ActionChange]:
    priority = Priority.objects.select_for_update().get(pk=priority.pk)
    records = []
    update_fields = []
    for name in ("title", "description", "rag"):
        if name not in changes:
            continue
        old, new = getattr(priority, name), changes[name]
        if old == new:
            continue
        setattr(priority, name, new)
        update_fields.append(name)
        if name in PRIORITY_FIELDS:
            records.append(_record(priority, user, name, old, new))
    if update_fields:
        priority.save(update_fields=update_fields)
    return records


# --- Actions ----------------------------------------------------------------------------------------------


@transaction.atomic
def create_action(
    priority: Priority,
    user,
    *,
    text: str,
    owner: str = "",
    due: date | None = None,
    status: str = Action.Status.NOT_STARTED,
    rag: str = Rag.NONE,
    evidence: str = "",
    source_recommendation: Recommendation | None = None,
) -> Action:
    Priority.objects.select_for_update().filter(pk=priority.pk).first()
    position = (priority.actions.aggregate(m=Max("position"))["m"] or 0) + 1
    action = Action.objects.create(
        priority=priority,
        position=position,
        text=text,
        owner=owner,
        due_date=due,
        status=status,
        rag=rag,
        evidence=evidence,
        source_recommendation=source_recommendation,
    )
    # The creation row carries the first status, so the status history starts here.
    _record(priority, user, ActionChange.Field.CREATED, new=status, action=action)
    for name, value in (("owner", owner), ("due_date", due), ("rag", rag), ("evidence", evidence)):
        if value:
            _record(priority, user, name, "", value, action=action)
    return action


@transaction.atomic
def change_action(action: Action, user, **changes) -> list[ActionChange]:
    """Apply changes to an action and record each changed field (who, when, old, new) in one transaction.

    Unchanged values are not recorded; unknown field names are refused.
    """
    unknown = set(changes) - set(ACTION_FIELDS) - {"priority"}
    if unknown:
        raise ValueError(f"not an action field: {', '.join(sorted(unknown))}")
    locked = Action.objects.select_for_update().select_related("priority").get(pk=action.pk)
    records = []
    update_fields = []
    new_priority = changes.get("priority")
    if new_priority is not None and new_priority.pk != locked.priority_id:
        if new_priority.plan_id != locked.priority.plan_id:
            raise ValueError("an action moves only between priorities of its own plan")
        old_title = locked.priority.title
        locked.priority = new_priority
        locked.position = (new_priority.actions.aggregate(m=Max("position"))["m"] or 0) + 1
        update_fields += ["priority", "position"]
        records.append(
            _record(new_priority, user, ActionChange.Field.MOVED, old_title, new_priority.title, locked)
        )
    for name in ACTION_FIELDS:
        if name not in changes:
            continue
        old, new = getattr(locked, name), changes[name]
        if _as_text(old) == _as_text(new):
            continue
        setattr(locked, name, new)
        update_fields.append(name)
        records.append(_record(locked.priority, user, name, old, new, action=locked))
    if update_fields:
        locked.save(update_fields=[*update_fields, "updated_at"])
        # The caller's object shows the new values too.
        for name in update_fields:
            setattr(action, name, getattr(locked, name))
    return records


# --- Progress updates -------------------------------------------------------------------------------------


@transaction.atomic
def add_update(
    priority: Priority,
    user,
    *,
    text: str,
    on: date,
    action: Action | None = None,
    source_document: Document | None = None,
    source_char_start: int | None = None,
    source_char_end: int | None = None,
    source_page: int | None = None,
) -> ProgressUpdate:
    if action is not None and action.priority_id != priority.pk:
        raise ValueError("the action is not under this priority")
    return ProgressUpdate.objects.create(
        priority=priority,
        action=action,
        date=on,
        text=text.strip(),
        author=user if user is not None and user.is_authenticated else None,
        source_document=source_document,
        source_char_start=source_char_start,
        source_char_end=source_char_end,
        source_page=source_page,
    )


def attach_progress(
    priority: Priority,
    paragraphs: Iterable[str],
    *,
    on: date,
    user=None,
    document: Document | None = None,
    text: str | None = None,
    action: Action | None = None,
) -> list[ProgressUpdate]:
    """Progress paragraphs read from a committee paper or a monitoring-visit letter, as dated updates of a
    priority that keep their source (the document, the characters and the page).

    Attaching the same paragraph from the same document twice adds it once.
    """
    if text is None and document is not None:
        text = document.text
    added = []
    with transaction.atomic():
        existing = set(
            ProgressUpdate.objects.filter(priority=priority, source_document=document).values_list(
                "text", flat=True
            )
        )
        for paragraph in paragraphs:
            paragraph = paragraph.strip()
            if not paragraph or paragraph in existing:
                continue
            span = locate(text or "", paragraph)
            page = document.page_of(span[0]) if (document is not None and span) else None
            added.append(
                add_update(
                    priority,
                    user,
                    text=paragraph,
                    on=on,
                    action=action,
                    source_document=document,
                    source_char_start=span[0] if span else None,
                    source_char_end=span[1] if span else None,
                    source_page=page,
                )
            )
            existing.add(paragraph)
    return added
