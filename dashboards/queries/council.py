"""The council, compare and national pages' queries about councils."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Q
from django.db.models.functions import Coalesce

from authorities.models import Authority, StatisticalNeighbour, Succession
from inspections.headline import (
    DERIVED_NOTE,
    Headline,
    headline_cte_sql,
    headlines,
    parts_q,
)
from inspections.reading import vocabulary as vocab

__all__ = ["Headline"]


# --- Dashboards: a council's timeline, its neighbours, several councils compared ---------------------------
#
# Every function below runs a fixed number of SQL queries, whatever the number of councils, events or years:
# the page tests assert the counts (tests/dashboards/test_query_counts.py).

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
        return self.inspection.event_date

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
        return self.authority.short_name


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
    authority: object
    inspection: object | None
    overall: Headline | None

    @property
    def date(self):
        return self.inspection.published_date or self.inspection.event_date if self.inspection else None


def latest_graded(authority_ids) -> dict[int, LatestJudgement]:
    """Each council's latest graded inspection (by publication date) and its overall headline
    (inspections.headline), if it gave one. `authority_ids`: ids, or a queryset of ids (a subquery). One
    query, run even when there are no councils, so a page's count never depends on the data."""
    from django.db.models import Count, OuterRef, Subquery

    from inspections.models import Inspection, Judgement

    if not hasattr(authority_ids, "query"):
        authority_ids = list(authority_ids) or [0]  # [0]: no council, but still one query
    parts = Judgement.objects.filter(parts_q("overall"), inspection_id=OuterRef("pk"))
    worst = parts.order_by("-value", "section", "pk")
    count = parts.order_by().values("inspection_id").annotate(n=Count("pk")).values("n")
    latest = (
        Inspection.objects.graded()
        .held()
        .filter(authority_id__in=authority_ids)
        .annotate(
            when=Coalesce("published_date", "end_date", "start_date"),
            h_value=Subquery(worst.values("value")[:1]),
            h_grade=Subquery(worst.values("grade")[:1]),
            h_label=Subquery(worst.values("label")[:1]),
            h_parts=Subquery(count[:1]),
        )
        .order_by("authority_id", F("when").desc(), "-pk")
        .distinct("authority_id")
    )
    result = {}
    for inspection in latest:
        overall = None
        if inspection.h_value is not None:
            overall = Headline(
                "overall", inspection.h_value, inspection.h_grade, inspection.h_label, inspection.h_parts > 1
            )
        result[inspection.authority_id] = LatestJudgement(
            authority=None, inspection=inspection, overall=overall
        )
    return result


def neighbours_with_latest(authority, model: str | None = None) -> list[LatestJudgement]:
    """The council's statistical neighbours, closest first, each with its latest judgement. Two queries,
    whether or not the council has neighbours."""
    links = StatisticalNeighbour.objects.filter(authority=authority).select_related("neighbour")
    if model:
        links = links.filter(model=model)
    latest = latest_graded(links.values("neighbour_id"))
    links = list(links.order_by("-model", "rank"))
    if links:
        newest = links[0].model
        links = [link for link in links if link.model == newest]
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


def neighbour_ids(authority_ids) -> list[int]:
    """The newest model's statistical neighbours of the given councils. One query."""
    return list(
        StatisticalNeighbour.objects.filter(authority_id__in=list(authority_ids))
        .order_by("neighbour_id")
        .values_list("neighbour_id", flat=True)
        .distinct()
    )


def pick_councils(slugs=(), region="", authority_type="", neighbours_of="", current_only=True):
    """The councils a compare page shows: those named, those of a region and/or type, and a council with its
    statistical neighbours. Two queries at most."""
    wanted = Q(slug__in=list(slugs)) if slugs else Q(pk__in=[])
    if region or authority_type:
        group = Q()
        if region:
            group &= Q(region=region)
        if authority_type:
            group &= Q(type=authority_type)
        if current_only:
            group &= Q(active_to__isnull=True)
        wanted |= group
    if neighbours_of:
        wanted |= Q(slug=neighbours_of) | Q(
            pk__in=StatisticalNeighbour.objects.filter(authority__slug=neighbours_of).values("neighbour_id")
        )
    return list(Authority.objects.filter(wanted).order_by("short_name"))


@dataclass
class ComparePoint:
    authority_id: int
    council: str
    date: datetime.date
    kind: str
    framework: str
    grade: str
    label: str
    value: int
    derived: bool


def compare_points(authority_ids, theme: str, kinds=None) -> list[ComparePoint]:
    """Every inspection's headline of a theme for the given councils (inspections.headline: the worse where
    several judgements make it up, marked derived), oldest first. One query."""
    ids = list(authority_ids)
    if not ids:
        return []
    headline_sql, params = headline_cte_sql(
        theme, "i.status = 'held' AND i.kind = ANY(%s) AND i.authority_id = ANY(%s)", [_kinds(kinds), ids]
    )
    sql = f"""
        SELECT i.id, i.authority_id, a.short_name, COALESCE(i.start_date, i.published_date) AS d, i.kind,
               i.reinspection, h.grade, h.label, h.value, h.derived
        FROM ({headline_sql}) h
        JOIN inspections_inspection i ON i.id = h.inspection_id
        JOIN authorities_authority a ON a.id = i.authority_id
        ORDER BY d, i.id"""  # noqa: S608 (constants; every value is a parameter)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    points = []
    for _, authority_id, council, when, kind, reinspection, grade, label, value, derived in rows:
        framework = vocab.framework_name(kind, reinspection)
        points.append(
            ComparePoint(authority_id, council, when, kind, framework, grade, label, value, derived)
        )
    return points


# Each inspection's headline (inspections.headline), then the years each one holds for its council.
_SPANS_SQL = """
WITH per_inspection AS (
    SELECT i.id, i.authority_id, i.kind, a.region, a.active_to,
           COALESCE(i.published_date, i.end_date, i.start_date) AS d, h.value
    FROM ({headline}) h
    JOIN inspections_inspection i ON i.id = h.inspection_id
    JOIN authorities_authority a ON a.id = i.authority_id
), spans AS (
    SELECT authority_id, kind, region, value, d, active_to,
           LEAD(d) OVER (PARTITION BY authority_id ORDER BY d, id) AS next_d
    FROM per_inspection
), years AS (
    SELECT s.*, y.year
    FROM spans s
    CROSS JOIN LATERAL generate_series(
        EXTRACT(YEAR FROM s.d)::int,
        LEAST(
            %s,
            COALESCE(EXTRACT(YEAR FROM s.next_d)::int - 1, %s),
            COALESCE(EXTRACT(YEAR FROM s.active_to)::int - 1, %s)
        )
    ) AS y(year)
)
"""


# Constants joined at import time; every value is passed as a query parameter.
_SHARES_SQL = (
    _SPANS_SQL  # noqa: S608
    + """SELECT year, region, value, COUNT(*) FROM years WHERE year >= %s
GROUP BY year, region, value ORDER BY year, region, value"""
)
_BY_COUNCIL_SQL = (
    _SPANS_SQL  # noqa: S608
    + """SELECT authority_id, year, kind, value FROM years WHERE year >= %s
ORDER BY authority_id, year"""
)


def _kinds(kinds) -> list[str]:
    return sorted(kinds or vocab.GRADED_KINDS)


def _spans(template: str, theme: str, kinds, ids, last: int) -> tuple[str, list]:
    where, where_params = "i.status = 'held' AND i.kind = ANY(%s)", [_kinds(kinds)]
    if ids is not None:
        where += " AND i.authority_id = ANY(%s)"
        where_params.append(ids)
    headline_sql, params = headline_cte_sql(theme, where, where_params)
    return template.replace("{headline}", headline_sql), [*params, last, last, last, FIRST_YEAR]


def yearly_grade_shares(theme: str = "overall", kinds=None, last_year: int | None = None):
    """For each year-end since 2009, how many councils held each grade of a theme as their latest judgement,
    by region: rows of (year, region, value, councils). A council counts from its report's publication until
    its next report, and not after it ceased to exist. One query, aggregated in the database."""
    last = last_year or datetime.date.today().year
    sql, params = _spans(_SHARES_SQL, theme, kinds, None, last)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def yearly_latest_by_council(authority_ids, theme: str = "overall", kinds=None, last_year: int | None = None):
    """Each council's latest grade of a theme at each year-end: rows of (authority_id, year, kind, value). One
    query."""
    ids = list(authority_ids)
    if not ids:
        return []
    last = last_year or datetime.date.today().year
    sql, params = _spans(_BY_COUNCIL_SQL, theme, kinds, ids, last)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def shares_by_year(rows, region: str | None = None) -> dict[int, dict[int, float]]:
    """{year: {value: share}} from yearly_grade_shares rows, for England (region None) or one region."""
    counts: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for year, row_region, value, councils in rows:
        if region is None or row_region == region:
            counts[year][value] += councils
    shares = {}
    for year, by_value in sorted(counts.items()):
        total = sum(by_value.values())
        shares[year] = {value: by_value.get(value, 0) / total for value in (1, 2, 3, 4)}
    return shares


def councils_with_latest():
    """Councils with their latest graded inspection (by publication date) and its overall grade, as
    annotations, for the councils table and its CSV. One query for any number of rows."""
    from django.db.models import OuterRef, Subquery

    from inspections.models import Inspection, Judgement

    latest = (
        Inspection.objects.graded()
        .held()
        .filter(authority=OuterRef("pk"))
        .annotate(when=Coalesce("published_date", "end_date", "start_date"))
        .order_by("-when", "-pk")
    )
    overall = Judgement.objects.filter(parts_q("overall"), inspection_id=OuterRef("latest_id")).order_by(
        "-value", "section", "pk"
    )
    return Authority.objects.annotate(
        latest_id=Subquery(latest.values("pk")[:1]),
        latest_date=Subquery(latest.values("when")[:1]),
        latest_kind=Subquery(latest.values("kind")[:1]),
        latest_reinspection=Subquery(latest.values("reinspection")[:1]),
        latest_value=Subquery(overall.values("value")[:1]),
        latest_grade=Subquery(overall.values("grade")[:1]),
    )


# --- The national picture ---------------------------------------------------------------------------------

BASES = {
    "latest": "Each council's latest report by the date (by publication date)",
    "first": "Each council's first report only",
    "all": "Every report published by the date",
}
HEATMAP_PER_PAGE = 160  # every council on one page at 1x; pages beyond that


@dataclass
class NationalPicture:
    as_at: datetime.date
    basis: str
    counts: dict[int, int]
    latest_rows: list[dict]
    years: list[int]
    heatmap_councils: list[str]
    heatmap_cells: dict
    heatmap_rows: list[dict]
    heatmap_page: object
    transitions: dict[tuple[int, int], int]
    distribution: object = None  # dashboards.national.Distribution: counts, shares, and the basis in words

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def scope_filter(prefix: str = "", region="", authority_type="", neighbours_of="") -> Q:
    """Councils of a region, a type, and/or a council with its statistical neighbours, as a Q on `prefix`."""
    q = Q()
    if region:
        q &= Q(**{f"{prefix}region": region})
    if authority_type:
        q &= Q(**{f"{prefix}type": authority_type})
    if neighbours_of:
        q &= Q(**{f"{prefix}slug": neighbours_of}) | Q(
            **{
                f"{prefix}pk__in": StatisticalNeighbour.objects.filter(authority__slug=neighbours_of).values(
                    "neighbour_id"
                )
            }
        )
    return q


def national_picture(
    as_at, kind="", theme="overall", basis="latest", region="", authority_type="", neighbours_of="", page=None
) -> NationalPicture:
    """Everything the national page shows, in a fixed number of queries. The distribution, each council's
    latest judgement and the transitions come from dashboards.national (the official-data queries, one query
    each); the heat map of councils against years: a page of councils (two queries), their grades (one)."""
    from django.core.paginator import Paginator

    from dashboards import national

    scope = Authority.objects.filter(scope_filter("", region, authority_type, neighbours_of))
    chosen = scope if neighbours_of else None  # region and type go to the queries as they are
    options = {"region": region or None, "authority_type": authority_type or None, "authorities": chosen}
    summary = national.national_summary(as_at, kind or None, theme, basis, **options)  # one query
    distribution, latest, moves = summary.distribution, summary.latest, summary.transitions

    councils = scope.filter(Q(active_from__isnull=True) | Q(active_from__lte=as_at)).filter(
        Q(active_to__isnull=True) | Q(active_to__gte=datetime.date(FIRST_YEAR, 1, 1))
    )
    paginator = Paginator(
        councils.order_by("short_name", "gss_code").only("pk", "slug", "short_name", "region", "active_to"),
        HEATMAP_PER_PAGE,
    )
    heat_page = paginator.get_page(page)
    page_councils = list(heat_page.object_list)
    names = {
        c.pk: c.short_name + (f" (until {c.active_to.year})" if c.active_to else "") for c in page_councils
    }
    cells, heat_rows = {}, []
    for authority_id, year, k, value in yearly_latest_by_council(
        names, theme, [kind] if kind else None, last_year=as_at.year
    ):
        framework = vocab.FRAMEWORK_SHORT_NAMES.get(k, k)
        cells[(names[authority_id], year)] = (value, framework)
        heat_rows.append(
            {"council": names[authority_id], "year": year, "framework": framework,
             "grade": vocab.GRADE_NAMES[value], "value": value}
        )  # fmt: skip

    rows = [
        {
            "authority_id": g.authority_id,
            "council": g.council,
            "slug": g.slug,
            "region": g.region,
            "framework": vocab.framework_name(g.kind, g.reinspection),
            "published": g.date,
            "grade": g.grade + (f" ({DERIVED_NOTE})" if g.derived else ""),
            "value": g.value,
        }
        for g in latest  # sorted by council
    ]
    return NationalPicture(
        as_at=as_at,
        basis=basis,
        counts=distribution.counts,
        latest_rows=rows,
        years=list(range(FIRST_YEAR, as_at.year + 1)),
        heatmap_councils=list(names.values()),
        heatmap_cells=cells,
        heatmap_rows=heat_rows,
        heatmap_page=heat_page,
        transitions={pair: count for pair, count in moves.items() if count},
        distribution=distribution,
    )
