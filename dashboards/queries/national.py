"""The national page: the distribution, each council's latest judgement and the transitions (from
queries/distribution.py, one query each) and the heat map of councils against years."""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from authorities.models import Authority, StatisticalNeighbour
from dashboards.queries.compare import yearly_latest_by_council
from dashboards.queries.council import FIRST_YEAR
from inspections.headline import DERIVED_NOTE, DERIVED_RULE
from inspections.reading import vocabulary as vocab

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
    distribution: object = None  # queries.distribution.Distribution: counts, shares, and the basis in words

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
    latest judgement and the transitions come from queries/distribution.py (one query each); the heat map of
    councils against years: a page of councils (two queries), their grades (one)."""
    from django.core.paginator import Paginator

    from dashboards.queries import distribution as national

    scope = Authority.objects.filter(scope_filter("", region, authority_type, neighbours_of))
    chosen = scope if neighbours_of else None  # region and type go to the queries as they are
    options = {"region": region or None, "authority_type": authority_type or None, "authorities": chosen}
    summary = national.national_summary(as_at, kind or None, theme, basis, **options)  # one query
    distribution, latest, moves = summary.distribution, summary.latest, summary.transitions

    councils = scope.filter(Q(active_from__isnull=True) | Q(active_from__lte=as_at)).filter(
        Q(active_to__isnull=True) | Q(active_to__gte=datetime.date(FIRST_YEAR, 1, 1))
    )
    paginator = Paginator(
        councils.order_by("short_name", "gss_code").only(
            "pk", "slug", "short_name", "region", "active_to", "gss_code"
        ),
        HEATMAP_PER_PAGE,
    )
    heat_page = paginator.get_page(page)
    page_councils = list(heat_page.object_list)
    names = {
        c.pk: c.short_name + (f" (until {c.active_to.year})" if c.active_to else "") for c in page_councils
    }
    codes = {c.pk: c.gss_code for c in page_councils}
    cells, heat_rows = {}, []
    for authority_id, year, k, value in yearly_latest_by_council(
        names, theme, [kind] if kind else None, last_year=as_at.year
    ):
        framework = vocab.FRAMEWORK_SHORT_NAMES.get(k, k)
        cells[(names[authority_id], year)] = (value, framework)
        heat_rows.append(
            {"council": names[authority_id], "year": year, "framework": framework,
             "grade": vocab.FRAMEWORK_GRADES.get(k, vocab.GRADE_NAMES)[value], "value": value,
             "code": codes[authority_id]}
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
            "derived": DERIVED_RULE if g.derived else "",
            "of_council": g.of_name if g.inherited else "",
            "code": g.code,
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
