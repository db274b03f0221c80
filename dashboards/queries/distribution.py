"""The national picture from stored judgements: distributions, each council's latest judgement, transitions.

The database does the work: one SQL statement picks each inspection's headline for the theme
(inspections.headline, the one rule every page uses), then window functions pick each council's latest
report, its first, and the move from one report to the next. Each public function runs one query, whatever
the number of councils or inspections; `national_summary` gives a page all three in that one query.

A distribution always says what it counts (`basis`): each council's latest judgement, first inspections only,
or every report. SLAC gives two overall grades (safeguarding; looked-after children); where one headline value
is asked for, the worse of the two is used and the result is marked `derived`.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection

from dataversion.memo import per_version
from inspections.headline import HEADLINE_PARTS
from inspections.latest import LATEST_ORDER, council_active_sql, counted_sql, graded_kinds
from inspections.reading import vocabulary as vocab

BASES = ("latest", "first", "all")
VALUES = (1, 2, 3, 4)
__all__ = ["HEADLINE_PARTS", "latest_judgements", "national_distribution", "national_summary", "transitions"]


@dataclass
class Distribution:
    as_at: datetime.date
    kind: str
    theme: str
    basis: str
    counts: dict[int, int]
    shares: dict[int, float]
    counted: int  # councils (basis latest) or reports (first, all)
    unit: str
    labels: dict[int, str]
    derived: bool
    sentence: str
    filters: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {**self.__dict__, "as_at": self.as_at.isoformat()}


@dataclass
class Graded:
    """One inspection's value for a theme (SLAC's headline derived from its two overall grades)."""

    inspection_id: int
    authority_id: int
    kind: str
    reinspection: bool
    published: datetime.date | None
    start: datetime.date | None
    value: int
    grade: str
    label: str
    derived: bool = False
    council: str = ""
    slug: str = ""
    region: str = ""
    inherited: bool = False  # made of a predecessor and counted for its successor (inspections.latest)
    of_name: str = ""  # the formal name of the council the report was made of
    code: str = ""  # the GSS code of the council counted

    @property
    def date(self) -> datetime.date | None:
        return self.published or self.start


def _kinds(kind) -> list[str]:
    return graded_kinds(kind)


def _scope_sql(region, authority_type, authorities) -> tuple[str, list]:
    """The councils counted (`c`: the council a judgement counts for, a successor for an inherited one): of
    the region, of the type, among `authorities` (ids or an Authority queryset)."""
    where, params = ["TRUE"], []
    if region:
        where.append("c.region = %s")
        params.append(region)
    if authority_type:
        where.append("c.type = %s")
        params.append(authority_type)
    if authorities is not None:
        if hasattr(authorities, "query"):  # a queryset: a subquery of the same statement
            sub, sub_params = authorities.values("pk").query.sql_with_params()
            where.append(f"c.id IN ({sub})")
            params.extend(sub_params)
        else:
            where.append("c.id = ANY(%s)")
            params.append([getattr(a, "pk", a) for a in authorities])
    return " AND ".join(where), params


# Each headline counted for its council (inspections.latest: a successor inherits a one-to-one predecessor's
# reports), whether that council existed on the date, its rank from the council's latest (the one order of
# inspections.latest), its rank among the council's first inspections, and the previous report's value (own
# reports only: a move is counted once, for the council inspected).
_GRADED_SQL = """
WITH RECURSIVE {counted},
g AS (
    SELECT counted.id, council_id, kind, reinspection, published_date, start_date,
           value, grade, label, derived, c.short_name, c.slug, c.region, inherited, of_name, c.gss_code,
           {active} AS active,
           ROW_NUMBER() OVER (PARTITION BY council_id ORDER BY {order}) AS from_last,
           ROW_NUMBER() OVER (PARTITION BY council_id, reinspection
                              ORDER BY d NULLS FIRST, counted.id) AS nth,
           LAG(value) OVER (PARTITION BY council_id, inherited
                            ORDER BY d NULLS FIRST, reinspection, counted.id) AS previous
    FROM counted JOIN authorities_authority c ON c.id = counted.council_id
    WHERE {scope}
)
"""  # noqa: S608 (constants; every value is a parameter)
_COLUMNS = (
    "id, council_id, kind, reinspection, published_date, start_date, value, grade, label, derived, "
    "short_name, slug, region, NULL::int, NULL::bigint, inherited, of_name, gss_code"
)
_EMPTY = (
    "NULL::bigint, NULL::bigint, NULL::text, NULL::boolean, NULL::date, NULL::date, value, NULL::text, "
    "NULL::text, BOOL_OR(derived), NULL::text, NULL::text, NULL::text"
)
_EMPTY_TAIL = "NULL::boolean, NULL::text, NULL::text"
# "latest" and "first" count the same councils (those that existed on the date, inherited reports included);
# "all" counts every report once, for the council it was made of.
_BASIS = {
    "latest": "from_last = 1 AND active",
    "first": "NOT reinspection AND nth = 1 AND active",
    "all": "NOT inherited",
}
_PARTS = {
    "latest": f"SELECT 'latest', {_COLUMNS} FROM g WHERE from_last = 1 AND active",  # noqa: S608
    "transitions": (
        f"SELECT 'move', {_EMPTY.replace('BOOL_OR(derived)', 'NULL::boolean')}, previous, COUNT(*), "  # noqa: S608
        f"{_EMPTY_TAIL} FROM g WHERE previous IS NOT NULL AND NOT inherited GROUP BY previous, value"
    ),
}


def _query(parts, as_at, kind, theme, basis, region, authority_type, authorities) -> dict[str, list]:
    """One SQL statement: the requested parts ("latest", "distribution", "transitions") of the national
    picture, from one pass over the judgements."""
    counted, params = counted_sql(as_at, kind, theme)
    scope, scope_params = _scope_sql(region, authority_type, authorities)
    selects = []
    for part in parts:
        if part == "distribution":
            selects.append(
                f"SELECT 'count', {_EMPTY}, NULL::int, COUNT(*), {_EMPTY_TAIL} FROM g "  # noqa: S608
                f"WHERE {_BASIS[basis]} GROUP BY value"
            )
        else:
            selects.append(_PARTS[part])
    sql = (
        _GRADED_SQL.replace("{counted}", counted)
        .replace("{active}", council_active_sql("c"))
        .replace("{order}", LATEST_ORDER)
        .replace("{scope}", scope)
    ) + "\nUNION ALL\n".join(selects)
    found: dict[str, list] = {"latest": [], "count": [], "move": []}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, as_at, as_at, as_at, *scope_params])
        for row in cursor.fetchall():
            found[row[0]].append(row[1:])
    return found


def _graded(row) -> Graded:
    (pk, authority_id, kind, reinspection, published, start, value, grade, label, derived) = row[:10]
    council, slug, region = row[10:13]
    inherited, of_name, code = row[15:18]
    return Graded(
        pk,
        authority_id,
        kind,
        reinspection,
        published,
        start,
        value,
        grade,
        label,
        derived,
        council,
        slug,
        region,
        bool(inherited),
        of_name or "",
        code or "",
    )


def _distribution(rows, as_at, kind, theme, basis, region, authority_type, authorities) -> Distribution:
    counts = {row[6]: row[14] for row in rows}
    total = sum(counts.values())
    labels = vocab.FRAMEWORK_GRADES.get(kind, vocab.GRADE_NAMES) if kind else vocab.GRADE_NAMES
    filters = {k: v for k, v in {"region": region, "authority_type": authority_type}.items() if v}
    if authorities is not None:
        filters["authorities"] = "chosen councils"
    return Distribution(
        as_at=as_at,
        kind=kind,
        theme=theme,
        basis=basis,
        counts={v: counts.get(v, 0) for v in VALUES},
        shares={v: (counts.get(v, 0) / total if total else 0.0) for v in VALUES},
        counted=total,
        unit="reports" if basis == "all" else "councils",
        labels=dict(labels),
        derived=any(row[9] for row in rows),
        sentence=_sentence(as_at, kind, theme, basis, total, filters),
        filters=filters,
    )


def _moves(rows) -> dict[tuple[int, int], int]:
    moves = Counter({(row[13], row[6]): row[14] for row in rows})
    return {(a, b): moves.get((a, b), 0) for a in VALUES for b in VALUES}


@dataclass
class NationalSummary:
    distribution: Distribution
    latest: list[Graded]
    transitions: dict[tuple[int, int], int]


@per_version  # computed once per data version (dashboards.precompute asks for today's when data change)
def national_summary(
    as_at: datetime.date,
    kind: str | None = None,
    theme: str = "overall",
    basis: str = "latest",
    region: str | None = None,
    authority_type: str | None = None,
    authorities=None,
) -> NationalSummary:
    """The distribution, each council's latest judgement and the transitions together, in one query (the
    national page): the same figures as the three functions below."""
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}")
    scope = (as_at, kind, theme, basis, region, authority_type, authorities)
    found = _query(("distribution", "latest", "transitions"), *scope)
    return NationalSummary(
        distribution=_distribution(
            found["count"], as_at, kind, theme, basis, region, authority_type, authorities
        ),
        latest=sorted((_graded(r) for r in found["latest"]), key=lambda g: (g.council, g.authority_id)),
        transitions=_moves(found["move"]),
    )


def national_distribution(
    as_at: datetime.date,
    kind: str | None = "sif",
    theme: str = "overall",
    basis: str = "latest",
    region: str | None = None,
    authority_type: str | None = None,
    authorities=None,
) -> Distribution:
    """Counts and shares of values 1-4 of `theme` in framework `kind` (any graded framework if None), as at a
    date (by publication date). One query.

    basis="latest": each council's latest judgement of the framework, re-inspections included (councils that
    existed on the date);
    basis="first": each council's first inspection of the framework only (no re-inspections);
    basis="all": every report published, re-inspections included.
    """
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}")
    rows = _query(("distribution",), as_at, kind, theme, basis, region, authority_type, authorities)["count"]
    return _distribution(rows, as_at, kind, theme, basis, region, authority_type, authorities)


def _sentence(as_at, kind, theme, basis, total, filters) -> str:
    framework = vocab.FRAMEWORK_SHORT_NAMES.get(kind, kind) if kind else None
    what = vocab.THEMES.get(theme, theme).lower()
    day = f"{as_at.day} {as_at:%B %Y}"
    where = "".join(f", {k.replace('_', ' ')} {v}" for k, v in filters.items())
    if basis == "latest":
        judgement = f"{framework} judgement" if framework else "judgement of any graded framework"
        text = (
            f"Each council's latest {judgement} of {what} published on or before {day}, "
            f"re-inspections included: {total} councils{where}."
        )
    elif basis == "first":
        inspections = (
            f"Each council's first {framework} inspection"
            if framework
            else "Each council's first graded inspection"
        )
        text = (
            f"{inspections} only (re-inspections left out), {what}, published on or before "
            f"{day}, of the councils that existed then: {total} councils{where}."
        )
    else:
        report = f"Every {framework} report" if framework else "Every graded report"
        text = (
            f"{report} published on or before {day}, re-inspections included, {what}: {total} reports{where}."
        )
    if kind in (None, "slac") and theme == "overall":
        text += " SLAC's headline is the worse of its safeguarding and looked-after-children overall grades."
    return text


def latest_judgements(
    as_at: datetime.date | None = None,
    kind: str | None = None,
    theme: str = "overall",
    region: str | None = None,
    authority_type: str | None = None,
    authorities=None,
) -> list[Graded]:
    """Each council's latest judgement of the theme as at a date (any graded framework unless `kind`), by
    publication date. One entry per council that existed on the date and has one. One query."""
    rows = _query(("latest",), as_at, kind, theme, "latest", region, authority_type, authorities)["latest"]
    return sorted((_graded(r) for r in rows), key=lambda g: (g.council, g.authority_id))


def transitions(
    kind: str | None = "ilacs",
    theme: str = "overall",
    as_at: datetime.date | None = None,
    region: str | None = None,
    authority_type: str | None = None,
    authorities=None,
) -> dict[tuple[int, int], int]:
    """How often a council moved from one value to another between one inspection and its next (of the
    framework, re-inspections included; across frameworks if kind is None). {(from, to): count} for all 16
    pairs. One query."""
    rows = _query(("transitions",), as_at, kind, theme, "all", region, authority_type, authorities)["move"]
    return _moves(rows)
