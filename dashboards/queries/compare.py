"""The compare page: which councils, each inspection's headline of a theme for them, and the yearly shares of
grades (raw SQL: one statement per chart, whatever the number of councils or years)."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q

from authorities.models import Authority, StatisticalNeighbour
from dashboards.queries.council import FIRST_YEAR
from dataversion.memo import per_version
from inspections.headline import (
    headline_cte_sql,
)
from inspections.reading import vocabulary as vocab

ENGLAND = "England"


def pick_councils(slugs=(), region="", authority_type="", neighbours_of="", current_only=True):
    """The councils a compare page shows: those named, those of a region and/or type, and a council with its
    statistical neighbours. Two queries at most."""
    wanted = Q(slug__in=list(slugs)) if slugs else Q(pk__in=[])
    if region or authority_type:
        group = Q()
        if region and region != ENGLAND:  # "England": every council, a row each
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
    authority_id: int  # the council compared (a successor, for a predecessor's report)
    council: str
    date: datetime.date  # publication, else the first day (`date_basis` says which, `precision` how exact)
    kind: str
    framework: str
    grade: str
    label: str
    value: int
    derived: bool
    of_council: str = ""  # the formal name of the predecessor the report was made of, if it was
    date_basis: str = "published"
    precision: str = "day"
    inspection_id: int | None = None
    code: str = ""  # the GSS code of the council the report was made of


# Every council whose area passed (directly or through others) to a chosen one: the council page's
# predecessors (dashboards.queries.council.predecessor_ids), in SQL.
_LINEAGE_SQL = """
WITH RECURSIVE lineage(council_id, authority_id) AS (
    SELECT id, id FROM authorities_authority WHERE id = ANY(%s)
    UNION
    SELECT l.council_id, s.predecessor_id FROM lineage l
    JOIN authorities_succession s ON s.successor_id = l.authority_id
)
"""


def compare_points(authority_ids, theme: str, kinds=None) -> list[ComparePoint]:
    """Every inspection's headline of a theme for the given councils and their predecessors (labelled, as
    the council page shows them; inspections.headline: the worse where several judgements make it up, marked
    derived), oldest first, placed at publication (else first day, with its precision). One query."""
    ids = list(authority_ids)
    if not ids:
        return []
    headline_sql, params = headline_cte_sql(
        theme,
        "i.status = 'held' AND i.kind = ANY(%s) AND i.authority_id IN (SELECT authority_id FROM lineage)",
        [_kinds(kinds)],
    )
    sql = f"""{_LINEAGE_SQL}
        SELECT i.id, l.council_id, c.short_name, COALESCE(i.published_date, i.start_date) AS d, i.kind,
               i.reinspection, h.grade, h.label, h.value, h.derived,
               CASE WHEN a.id <> c.id THEN a.name ELSE '' END, i.published_date IS NOT NULL,
               CASE WHEN i.published_date IS NOT NULL THEN 'day' ELSE i.date_precision END, a.gss_code
        FROM ({headline_sql}) h
        JOIN inspections_inspection i ON i.id = h.inspection_id
        JOIN authorities_authority a ON a.id = i.authority_id
        JOIN lineage l ON l.authority_id = i.authority_id
        JOIN authorities_authority c ON c.id = l.council_id
        ORDER BY d, i.id, l.council_id"""  # noqa: S608 (constants; every value is a parameter)
    with connection.cursor() as cursor:
        cursor.execute(sql, [ids, *params])
        rows = cursor.fetchall()
    points = []
    for pk, authority_id, council, when, kind, reinspection, grade, label, value, derived, *rest in rows:
        of_council, published, precision, code = rest
        framework = vocab.framework_name(kind, reinspection)
        points.append(
            ComparePoint(
                authority_id, council, when, kind, framework, grade, label, value, derived, of_council,
                "published" if published else "first day", precision, pk, code,
            )
        )  # fmt: skip
    return points


# Each report's headline counted for its council (inspections.latest: a successor inherits a one-to-one
# predecessor's reports), then the year-ends each one holds for that council: from its publication (or the
# council's first year) until the council's next report, and not after the council ended.
_SPANS_SQL = """
WITH RECURSIVE {counted},
per_inspection AS (
    SELECT counted.id, counted.council_id AS authority_id, counted.kind, c.region, c.active_from,
           c.active_to, counted.d, counted.value
    FROM counted JOIN authorities_authority c ON c.id = counted.council_id
    WHERE {councils}
), spans AS (
    SELECT authority_id, kind, region, value, d, active_from, active_to,
           LEAD(d) OVER (PARTITION BY authority_id ORDER BY d, id) AS next_d
    FROM per_inspection
), years AS (
    SELECT s.*, y.year
    FROM spans s
    CROSS JOIN LATERAL generate_series(
        GREATEST(EXTRACT(YEAR FROM s.d)::int, COALESCE(EXTRACT(YEAR FROM s.active_from)::int, 0)),
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
    from inspections.latest import counted_sql

    kinds = _kinds(kinds)
    counted, params = counted_sql(None, kinds[0] if len(kinds) == 1 else None, theme)
    councils, council_params = "TRUE", []
    if ids is not None:
        councils, council_params = "c.id = ANY(%s)", [ids]
    sql = template.replace("{counted}", counted).replace("{councils}", councils)
    return sql, [*params, *council_params, last, last, last, FIRST_YEAR]


@per_version  # computed once per data version (dashboards.precompute asks for every theme when data change)
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
