"""The news: what was published for a council, written once, and the mails that tell its followers.

`record_published` runs inside the transaction that stored the facts (inspections.signals), `record_overdue`
inside its own. Both write NewsItems (unique keys: told once however often they run) and, for followers who
want a mail per item, one outbox row each (unique keys again). Sending is alerts.outbox's job, after commit.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from alerts import outbox
from alerts.models import AlertSettings, Follow, Mail, NewsItem
from improvements.models import Action
from inspections.models import Document, Inspection, OfficialDataset
from inspections.reading import vocabulary as vocab
from inspections.signals import FactChange

OPEN_STATUSES = (Action.Status.NOT_STARTED, Action.Status.IN_PROGRESS)


def _event_words(inspection: Inspection) -> str:
    name = inspection.framework_name
    if inspection.status == Inspection.Status.EXPECTED:
        return f"{name} expected"
    return name


def _when(inspection: Inspection) -> str:
    day = inspection.start_date
    if day is None:
        return f"published {inspection.published_date:%-d %B %Y}"
    precision = inspection.date_precision
    if precision == "day":
        return f"{day:%-d %B %Y}"
    if precision == "month":
        return f"{day:%B %Y}"
    return f"{day:%Y}"


def _grades(inspection: Inspection, themes: Iterable[str] | None = None) -> str:
    # Judgements are prefetched (record_published): an official import brings thousands of events at once.
    wanted = set(themes) if themes is not None else None
    judgements = [j for j in inspection.judgements.all() if wanted is None or j.theme in wanted]
    return "; ".join(f"{j.label}: {j.grade}" for j in judgements)


def _item_for(change: FactChange, inspection: Inspection, document, dataset) -> NewsItem:
    council = inspection.authority.short_name
    if change.created:
        kind, key = NewsItem.Kind.NEW_EVENT, f"event:{inspection.pk}"
        title = f"{council}: {_event_words(inspection)}, {_when(inspection)}"
        grades = _grades(inspection)
    else:
        themes = sorted(change.themes_added)
        kind, key = NewsItem.Kind.NEW_JUDGEMENTS, f"judgements:{inspection.pk}:{','.join(themes)}"[:120]
        title = f"{council}: new judgements for the {_event_words(inspection)} of {_when(inspection)}"
        grades = _grades(inspection, themes)
    origin = (
        f"From the document '{document.original_name}'."
        if document is not None
        else f"From Ofsted's official statistics ({dataset})."
    )
    return NewsItem(
        key=key,
        kind=kind,
        authority=inspection.authority,
        inspection=inspection,
        framework=inspection.kind,
        title=title[:300],
        summary=" ".join(part for part in (grades + "." if grades else "", origin) if part),
        published_on=inspection.published_date,
        document=document,
        dataset=dataset,
        public=True,
        mailed=_fresh(inspection.published_date or inspection.start_date),
    )


def _fresh(day: datetime.date | None) -> bool:
    """News old when it arrives (an import of 2012's reports) is listed, not mailed."""
    if day is None:
        return True
    return (timezone.localdate() - day).days <= settings.ALERTS_NEWS_MAX_AGE_DAYS


def record_published(
    changes: list[FactChange], document: Document | None = None, dataset: OfficialDataset | None = None
) -> list[NewsItem]:
    """News items for stored events that are new or gained judgements; outbox rows for their followers."""
    inspections = (
        Inspection.objects.select_related("authority")
        .prefetch_related("judgements")
        .in_bulk([c.inspection_id for c in changes])
    )
    items = [
        _item_for(change, inspections[change.inspection_id], document, dataset)
        for change in changes
        if change.inspection_id in inspections
    ]
    created = _insert_new(items)
    fan_out(created)
    return created


def _insert_new(items: list[NewsItem]) -> list[NewsItem]:
    """Insert the items whose key is new; return them (with their pks). An item already told is left alone."""
    if not items:
        return []
    known = set(NewsItem.objects.filter(key__in=[i.key for i in items]).values_list("key", flat=True))
    fresh = [i for i in items if i.key not in known]
    NewsItem.objects.bulk_create(fresh, ignore_conflicts=True)
    # ignore_conflicts leaves pks unset: read back what this call inserted (another writer's rows win).
    return list(NewsItem.objects.filter(key__in=[i.key for i in fresh]).select_related("authority"))


def fan_out(items: Iterable[NewsItem]) -> int:
    """One outbox row per follower who wants a mail per item; digest readers get theirs once a day."""
    items = [i for i in items if i.mailed]
    if not items:
        return 0
    daily = AlertSettings.objects.filter(frequency=AlertSettings.Frequency.DAILY).values("user_id")
    follows = (
        Follow.objects.filter(authority_id__in={i.authority_id for i in items})
        .exclude(user_id__in=daily)
        .exclude(user__email="")
        .filter(user__is_active=True)
        .values_list("authority_id", "user_id")
    )
    followers: dict[int, list[int]] = {}
    for authority_id, user_id in follows:
        followers.setdefault(authority_id, []).append(user_id)
    mails, links = [], []
    for item in items:
        for user_id in followers.get(item.authority_id, []):
            mails.append(Mail(key=f"item:{item.pk}:to:{user_id}", user_id=user_id, kind=Mail.Kind.EACH))
            links.append(item)
    if not mails:
        return 0
    Mail.objects.bulk_create(mails, ignore_conflicts=True)
    stored = dict(Mail.objects.filter(key__in=[m.key for m in mails]).values_list("key", "pk"))
    Through = Mail.items.through
    Through.objects.bulk_create(
        [Through(mail_id=stored[m.key], newsitem_id=item.pk) for m, item in zip(mails, links, strict=True)],
        ignore_conflicts=True,
    )
    outbox.send_after_commit([stored[m.key] for m in mails])
    return len(mails)


# --- Overdue actions ----------------------------------------------------------------------------------------


def overdue_actions(today: datetime.date):
    """Open actions of current plans whose due date passed within the look-back window."""
    since = today - datetime.timedelta(days=settings.ALERTS_OVERDUE_LOOKBACK_DAYS)
    return (
        Action.objects.filter(
            due_date__lt=today,
            due_date__gte=since,
            status__in=OPEN_STATUSES,
            priority__plan__is_current=True,
        )
        .select_related("priority__plan__authority")
        .order_by("due_date", "pk")
    )


def record_overdue(today: datetime.date | None = None) -> list[NewsItem]:
    """News (and mails) for actions newly overdue. Told once per action and due date: a due date moved and
    missed again is news again."""
    today = today or timezone.localdate()
    items = []
    for action in overdue_actions(today):
        authority = action.priority.plan.authority
        items.append(
            NewsItem(
                key=f"overdue:{action.pk}:{action.due_date.isoformat()}",
                kind=NewsItem.Kind.ACTION_OVERDUE,
                authority=authority,
                action=action,
                title=f"{authority.short_name}: a plan action was due on {action.due_date:%-d %B %Y}",
                summary=(
                    f"Priority {action.priority.position}, action {action.position}: {action.text[:300]} "
                    f"Owner: {action.owner or 'not recorded'}. Status: {action.get_status_display()}."
                ),
                published_on=action.due_date,
                public=False,
            )
        )
    try:
        with transaction.atomic():
            created = _insert_new(items)
            fan_out(created)
    except IntegrityError:  # pragma: no cover - ignore_conflicts makes a race a no-op; kept as the guard
        return []
    return created


def label_of(framework: str) -> str:
    return vocab.FRAMEWORK_SHORT_NAMES.get(framework, framework)
