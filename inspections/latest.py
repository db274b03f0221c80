"""THE "latest judgement" rule, with successors: one module that every page (and the cache) calls.

A current council's latest judgement of a framework (or of any graded framework) and theme, as at a date, is
its own latest report published by then or, before its own first one, its predecessor's, as Ofsted counts it:

- Ofsted carries a predecessor's history to a successor that took over the whole of its area and nothing else
  (a one-to-one succession: Somerset County Council -> Somerset Council, North Yorkshire County Council ->
  North Yorkshire Council, Buckinghamshire). Its 2025 edition files Somerset's 2022 ILACS under Somerset
  (`Inspections_as_at_31_March`, row 116) and back-fills the new council's code in the ILACS history.
- A council split between several successors, or merged with others into one, is not carried forward: Ofsted's
  2024 edition lists Cumberland and Westmorland and Furness as "Not yet inspected" a year after Cumbria ended.

Which successions carry judgements is read from the successions table (data, never code): a succession is
one-to-one when its predecessor has no other successor and its successor no other predecessor. Chains of them
(A -> B -> C) carry too.

"Latest" orders a council's reports by publication date (else first day), a re-inspection after a first
inspection of the same day, then by id: the same order everywhere. The SQL below is the only place the rule
is written; `latest_by_council` is the Python entry point, `counted_sql` the piece the national picture
builds on, and `latest_id_sql` the per-council form for a councils table's annotations.
"""

import datetime
from dataclasses import dataclass

from django.db import connection

from dataversion.memo import per_version
from inspections.headline import headline_cte_sql
from inspections.reading import vocabulary as vocab

# One-to-one successions, and chains of them: (predecessor_id, successor_id, date the successor took over).
HEIRS_SQL = """
heirs_direct AS (
    SELECT s.predecessor_id, s.successor_id, s.date
    FROM authorities_succession s
    WHERE NOT EXISTS (SELECT 1 FROM authorities_succession o
                      WHERE o.predecessor_id = s.predecessor_id AND o.successor_id <> s.successor_id)
      AND NOT EXISTS (SELECT 1 FROM authorities_succession o
                      WHERE o.successor_id = s.successor_id AND o.predecessor_id <> s.predecessor_id)
), heirs AS (
    SELECT predecessor_id, successor_id, date FROM heirs_direct
    UNION
    SELECT h.predecessor_id, d.successor_id, d.date FROM heirs h JOIN heirs_direct d
        ON d.predecessor_id = h.successor_id
)"""

# The date that places a report in time for "latest", and the order that picks a council's latest.
WHEN_SQL = "COALESCE(i.published_date, i.start_date)"
LATEST_ORDER = "counted.d DESC NULLS LAST, counted.reinspection DESC, counted.id DESC"

HEADLINE_COLUMNS = (
    f"i.id, i.authority_id, i.kind, i.reinspection, i.published_date, i.start_date, {WHEN_SQL} AS d, "
    "a.short_name AS of_short_name, a.name AS of_name, a.slug AS of_slug"
)


def graded_kinds(kind: str | None) -> list[str]:
    """The frameworks a "latest of any framework" looks at. LSCB reviews are SIF judgements (theme `lscb`),
    never a framework of their own."""
    return [kind] if kind else sorted(vocab.GRADED_KINDS - {"lscb_review"})


def counted_sql(as_at, kind, theme) -> tuple[str, list]:
    """CTEs (to follow `WITH RECURSIVE`) ending in `counted`: one row per report with a headline of `theme`
    published (or begun) by `as_at`, once for the council it was made of and once more for each successor
    that inherits it (`inherited` true, `council_id` the successor). Columns: those of HEADLINE_COLUMNS plus
    value, grade, label, derived, council_id, inherited, took_over (the succession's date, or NULL)."""
    where, params = ["i.status = 'held'", "i.kind = ANY(%s)"], [graded_kinds(kind)]
    if as_at is not None:
        where.append(f"{WHEN_SQL} <= %s")
        params.append(as_at)
    headline, headline_params = headline_cte_sql(theme, " AND ".join(where), params, HEADLINE_COLUMNS)
    sql = f"""{HEIRS_SQL},
h AS ({headline}),
counted AS (
    SELECT h.*, h.authority_id AS council_id, FALSE AS inherited, NULL::date AS took_over FROM h
    UNION ALL
    SELECT h.*, heirs.successor_id, TRUE, heirs.date
    FROM h JOIN heirs ON heirs.predecessor_id = h.authority_id
)"""  # noqa: S608 (constants; every value is a parameter)
    return sql, headline_params


def council_active_sql(alias: str = "c") -> str:
    """Whether the council existed on the date (the date parameter given three times; NULL: any date)."""
    return (
        f"(%s::date IS NULL OR (({alias}.active_from IS NULL OR {alias}.active_from <= %s::date)"
        f" AND ({alias}.active_to IS NULL OR {alias}.active_to >= %s::date)))"
    )


@dataclass
class Latest:
    """A council's latest judgement of a theme: the report, whose it was, its headline."""

    council_id: int
    inspection_id: int
    authority_id: int  # the council the report was made of: a predecessor when `inherited`
    of_name: str
    of_short_name: str
    of_slug: str
    kind: str
    reinspection: bool
    published: datetime.date | None
    start: datetime.date | None
    value: int
    grade: str
    label: str
    derived: bool
    inherited: bool
    took_over: datetime.date | None

    @property
    def date(self) -> datetime.date | None:
        return self.published or self.start

    @property
    def framework(self) -> str:
        return vocab.framework_name(self.kind, self.reinspection)

    framework_name = framework


_LATEST_SQL = """
WITH RECURSIVE {counted},
ranked AS (
    SELECT counted.*, ROW_NUMBER() OVER (PARTITION BY council_id ORDER BY {order}) AS from_last
    FROM counted JOIN authorities_authority c ON c.id = counted.council_id
    WHERE (%s::bigint[] IS NULL OR counted.council_id = ANY(%s)) AND {active}
)
SELECT council_id, id, authority_id, of_name, of_short_name, of_slug, kind, reinspection, published_date,
       start_date, value, grade, label, derived, inherited, took_over
FROM ranked WHERE from_last = 1
"""


def latest_by_council(
    council_ids, as_at: datetime.date | None = None, kind: str | None = None, theme: str = "overall"
) -> dict[int, Latest]:
    """Each given council's latest judgement of `theme` (of framework `kind`, or of any graded framework) as
    at a date (None: everything stored), by the rule above; `council_ids` None: every council. Councils that
    did not exist on the date, or have no such judgement, are left out. One query, run even for none."""
    if council_ids is None:
        return _every_council(as_at, kind, theme)
    return _latest([getattr(c, "pk", c) for c in council_ids] or [0], as_at, kind, theme)


@per_version  # once per data version: every council's (the councils table), precomputed when data change
def _every_council(as_at, kind, theme) -> dict[int, Latest]:
    return _latest(None, as_at, kind, theme)


def _latest(ids, as_at, kind, theme) -> dict[int, Latest]:
    counted, params = counted_sql(as_at, kind, theme)
    sql = _LATEST_SQL.format(counted=counted, order=LATEST_ORDER, active=council_active_sql("c"))
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, ids, ids, as_at, as_at, as_at])
        return {row[0]: Latest(*row) for row in cursor.fetchall()}


def latest_id_sql(outer_id: str, theme: str = "overall") -> tuple[str, list]:
    """A correlated subquery: the id of the latest report of any graded framework with a headline of `theme`
    of the council whose id is the SQL expression `outer_id`, own or inherited (the rule above, today). For a
    councils table's annotations, where a whole-table query per row would be too slow."""
    from inspections.headline import parts_sql, themes_for

    condition, params = parts_sql(theme)
    sql = f"""(WITH RECURSIVE {HEIRS_SQL.strip()}
        SELECT i.id FROM inspections_inspection i
        WHERE i.status = 'held' AND i.kind = ANY(%s)
          AND (i.authority_id = {outer_id}
               OR i.authority_id IN (SELECT predecessor_id FROM heirs WHERE successor_id = {outer_id}))
          AND EXISTS (SELECT 1 FROM inspections_judgement j
                      WHERE j.inspection_id = i.id AND j.theme = ANY(%s) AND {condition})
        ORDER BY {WHEN_SQL} DESC NULLS LAST, i.reinspection DESC, i.id DESC
        LIMIT 1)"""  # noqa: S608 (constants; values are parameters)
    return sql, [graded_kinds(None), sorted(themes_for(theme)), *params]


def heirs() -> dict[int, list[tuple[int, datetime.date]]]:
    """Successor id -> [(predecessor id, date taken over)] for the successions that carry judgements. One
    query."""
    found: dict[int, list] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE {HEIRS_SQL.strip()} SELECT successor_id, predecessor_id, date FROM heirs"  # noqa: S608
        )
        for successor, predecessor, date in cursor.fetchall():
            found.setdefault(successor, []).append((predecessor, date))
    return found
