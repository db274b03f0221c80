"""A council's page: its timeline (predecessors' included), its statistical neighbours with their latest
judgement, and the councils table with each council's latest. Every function runs a fixed number of SQL
queries, whatever the number of councils, events or years: the page tests assert the counts."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from authorities.models import Authority, StatisticalNeighbour, Succession
from inspections.headline import (
    Headline,
    headlines,
)

__all__ = ["Headline"]


FIRST_YEAR = 2009


@dataclass
class TimelineEvent:
    """An event on a council's timeline, with what a chart, a table and the sources list need."""

    inspection: (
        object  # inspections.models.Inspection, with judgements, sources and open conflicts prefetched
    )
    authority: object
    is_predecessor: bool
    headlines: dict[str, Headline]

    @property
    def date(self) -> datetime.date:
        """Where the event sits in time: its publication (every graded report has one), else its first day
        (a visit not yet published, an expected visit). `date_basis` says which, `precision` how exact."""
        return self.inspection.published_date or self.inspection.start_date

    @property
    def date_basis(self) -> str:
        return "published" if self.inspection.published_date else "first day"

    @property
    def precision(self) -> str:
        return "day" if self.inspection.published_date else self.inspection.date_precision

    @property
    def revisions(self) -> list:
        """Dates or types a newer official edition revised (inspections.revisions), from the sources read."""
        from inspections.revisions import event_revisions

        return event_revisions(self.inspection, list(self.inspection.sources.all()))

    @property
    def date_shown(self) -> str:
        from inspections.precision import shown

        return shown(self.date, self.precision)

    @property
    def kind(self) -> str:
        return self.inspection.kind

    @property
    def framework(self) -> str:
        return self.inspection.framework_name

    @property
    def is_graded(self) -> bool:
        return self.inspection.is_graded

    @property
    def is_expected(self) -> bool:
        return self.inspection.status == "expected"

    @property
    def council_name(self) -> str:
        """The council's short name; a predecessor's formal name ("Somerset County Council"), so that two
        bodies of one name are never confused."""
        return self.authority.name if self.is_predecessor else self.authority.short_name


def headlines_of(kind: str, judgements) -> dict[str, Headline]:
    """One Headline per theme, by THE headline rule (inspections.headline): SLAC's overall is the worse of its
    two overall grades, and a theme judged in both SLAC sections the worse of the two, marked derived."""
    return headlines(kind, judgements)


def predecessor_ids(authority) -> list[int]:
    """Every council whose area passed (directly or through others) to this one, nearest first. One query:
    the successions table is small, so the whole of it is read and walked here."""
    parents: dict[int, list[int]] = defaultdict(list)
    for predecessor, successor in Succession.objects.values_list("predecessor_id", "successor_id"):
        parents[successor].append(predecessor)
    found: list[int] = []
    queue = list(parents.get(authority.pk, []))
    while queue:
        pk = queue.pop(0)
        if pk not in found and pk != authority.pk:
            found.append(pk)
            queue.extend(parents.get(pk, []))
    return found


def successions_of(authority) -> tuple[list, list]:
    """(the successions that made this council, those that ended it), each with both councils and its date,
    for sentences such as "Somerset Council took over from Somerset County Council on 1 April 2023". One
    query."""
    rows = Succession.objects.filter(Q(successor=authority) | Q(predecessor=authority)).select_related(
        "predecessor", "successor"
    )
    rows = sorted(rows, key=lambda s: (s.date, s.predecessor.name, s.successor.name))
    return [s for s in rows if s.successor_id == authority.pk], [
        s for s in rows if s.predecessor_id == authority.pk
    ]


def council_timeline(authority) -> list[TimelineEvent]:
    """Every event of a council and of its predecessors (labelled), oldest first, with judgements, sources
    (published documents and official tables only) and open conflicts. Five queries, whatever the data: the
    judgements, sources and conflicts are read by the councils' ids (never skipped for want of events)."""
    from inspections.models import Conflict, Inspection, Judgement, Source

    ids = [authority.pk, *predecessor_ids(authority)]
    inspections = list(Inspection.objects.filter(authority_id__in=ids).select_related("authority"))
    judgements, sources, conflicts = defaultdict(list), defaultdict(list), defaultdict(list)
    for judgement in Judgement.objects.filter(inspection__authority_id__in=ids).order_by("section", "id"):
        judgements[judgement.inspection_id].append(judgement)
    for source in Source.objects.filter(
        Q(document__isnull=True) | Q(document__state="published"), inspection__authority_id__in=ids
    ).select_related("document", "dataset"):
        sources[source.inspection_id].append(source)
    for conflict in Conflict.objects.filter(
        status=Conflict.Status.OPEN, inspection__authority_id__in=ids
    ).order_by("created_at"):
        conflicts[conflict.inspection_id].append(conflict)
    events = []
    for inspection in inspections:
        inspection._prefetched_objects_cache = {
            "judgements": _prefetched(inspection, "judgements", judgements[inspection.pk]),
            "sources": _prefetched(inspection, "sources", sources[inspection.pk]),
        }
        inspection.open_conflicts = conflicts[inspection.pk]
        events.append(
            TimelineEvent(
                inspection=inspection,
                authority=inspection.authority,
                is_predecessor=inspection.authority_id != authority.pk,
                headlines=headlines_of(inspection.kind, judgements[inspection.pk]),
            )
        )
    events.sort(key=lambda e: (e.date, e.inspection.published_date or e.date, e.inspection.pk))
    return events


def _prefetched(instance, name, objects):
    """A related manager's queryset filled with objects already read (as prefetch_related leaves it)."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    return queryset


@dataclass
class LatestJudgement:
    """A council's latest judgement (inspections.latest: its own, or before its own first one a one-to-one
    predecessor's), for a neighbours table or a council's headline."""

    authority: object
    inspection: object | None  # inspections.latest.Latest: the report, whose it was, its headline
    overall: Headline | None

    @property
    def date(self):
        return self.inspection.date if self.inspection else None


def latest_graded(authority_ids, as_at=None) -> dict[int, LatestJudgement]:
    """Each council's latest overall judgement of any graded framework by THE rule (inspections.latest),
    with its headline (inspections.headline). One query, run even when there are no councils, so a page's
    count never depends on the data."""
    from inspections.latest import latest_by_council

    result = {}
    for council_id, latest in latest_by_council(authority_ids, as_at=as_at).items():
        overall = Headline("overall", latest.value, latest.grade, latest.label, latest.derived)
        result[council_id] = LatestJudgement(authority=None, inspection=latest, overall=overall)
    return result


def neighbours_with_latest(authority, model: str | None = None) -> list[LatestJudgement]:
    """The council's statistical neighbours, closest first, each with its latest judgement. Two queries,
    whether or not the council has neighbours."""
    links = StatisticalNeighbour.objects.filter(authority=authority).select_related("neighbour")
    if model:
        links = links.filter(model=model)
    links = list(links.order_by("-model", "rank"))
    if links:
        newest = links[0].model
        links = [link for link in links if link.model == newest]
    latest = latest_graded([link.neighbour_id for link in links])
    rows = []
    for link in links:
        found = latest.get(link.neighbour_id)
        row = LatestJudgement(
            authority=link.neighbour,
            inspection=found.inspection if found else None,
            overall=found.overall if found else None,
        )
        row.rank, row.closeness, row.model = link.rank, link.closeness, link.model
        rows.append(row)
    return rows


def councils_with_latest():
    """Councils with their latest overall judgement by THE rule (inspections.latest: own, or a one-to-one
    predecessor's before the council's own first), as annotations the councils table filters, sorts and
    exports: `latest_of_name` names the council the report was made of, `latest_derived` marks a grade
    derived from several judgements. Two queries for any number of rows: the rule's, then the table's, the
    first's answers passed to the second as one JSON parameter (the rule is never re-computed per row, and a
    CASE of hundreds of branches would cost more to compile than to run)."""
    import json

    from django.db.models import BooleanField, CharField, DateField, IntegerField
    from django.db.models.expressions import RawSQL

    from inspections.latest import latest_by_council

    found = {
        str(pk): {
            "id": latest.inspection_id,
            "date": latest.date.isoformat() if latest.date else None,
            "kind": latest.kind,
            "reinspection": latest.reinspection,
            "of_id": latest.authority_id,
            "of_name": latest.of_name,
            "value": latest.value,
            "grade": latest.grade,
            "derived": latest.derived,
        }
        for pk, latest in latest_by_council(None).items()
    }
    payload = json.dumps(found)

    def column(key, cast, field):
        sql = f'((%s::jsonb -> ("authorities_authority"."id")::text) ->> \'{key}\')::{cast}'
        return RawSQL(sql, [payload], output_field=field)  # noqa: S611 (constant SQL; the data is a parameter)

    return Authority.objects.annotate(
        latest_id=column("id", "int", IntegerField()),
        latest_date=column("date", "date", DateField()),
        latest_kind=column("kind", "text", CharField()),
        latest_reinspection=column("reinspection", "boolean", BooleanField()),
        latest_of_id=column("of_id", "int", IntegerField()),
        latest_of_name=column("of_name", "text", CharField()),
        latest_value=column("value", "int", IntegerField()),
        latest_grade=column("grade", "text", CharField()),
        latest_derived=column("derived", "boolean", BooleanField()),
    )
