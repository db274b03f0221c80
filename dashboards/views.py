"""The dashboards: the councils table, a council's page, the compare page and the national picture.

Views stay thin: queries come from dashboards.queries (one module per page), figures from
dashboards.charts, tables from dashboards.summary_tables; every chart and table downloads as CSV with
`?download=<name>` (the same filters, the same rows) through config.csv_export.
"""

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django_tables2 import RequestConfig

from authorities.models import Authority
from config.csv_export import export_csv
from config.public_pages import bounded_count, bounded_date, expensive_public_page
from dashboards import band_pages, chart_summaries, charts, conflicts
from dashboards.heatmap_grid import heatmap_grid
from dashboards.queries import compare as compare_queries
from dashboards.queries import council as council_queries
from dashboards.queries import national as national_queries
from dashboards.queries import pickers
from dashboards.summary_filters import AuthorityFilter, CompareForm, NationalForm
from dashboards.summary_tables import (
    AuthorityTable,
    ComparePointsTable,
    DistributionTable,
    HeatmapTable,
    LatestTable,
    NeighbourTable,
    TimelineGradesTable,
    TransitionTable,
)
from dashboards.table_views import table_page
from dashboards.tables import PER_PAGE
from dashboards.timeline_table import CouncilTimelineTable
from improvements.queries import plan_summary
from inspections.currency import data_end
from inspections.reading import vocabulary as vocab

PLAN_TEMPLATE = "improvements/includes/plan_summary.html"
MAX_COMPARED = 160  # every council (153): the band chart grows a row per council, never overlapping
MAX_NAMED = 40  # councils named one by one (?a=): more is refused cheaply (config.public_pages)
# The official statistics (and so the data) begin with the 2009 frameworks.
FIRST_FRAMEWORK_YEAR = datetime.date(2009, 1, 1)


def _download_url(request, name: str) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query["download"] = name
    return "?" + query.urlencode()


def _csv(request, tables: dict, filename_stem: str):
    """The CSV of the table named by ?download=, or None when the page itself is wanted."""
    name = request.GET.get("download")
    if not name:
        return None
    if name not in tables:
        raise Http404("No such download.")
    return export_csv(tables[name](), f"{filename_stem}-{name}.csv")


@expensive_public_page
def authority_list(request):
    return table_page(
        request,
        queryset=council_queries.councils_with_latest(),
        filterset_class=AuthorityFilter,
        table_class=AuthorityTable,
        template="dashboards/authority_list.html",
        filename="councils.csv",
    )


def _plan(authority):
    """The improvements app's summary of the council's current plan: dashboards ask improvements for it."""
    return plan_summary(authority), PLAN_TEMPLATE


def authority_detail(request, slug):
    authority = get_object_or_404(Authority, slug=slug)
    events = council_queries.council_timeline(authority)
    neighbours = council_queries.neighbours_with_latest(authority)
    response = _csv(
        request,
        {
            "timeline": lambda: TimelineGradesTable(events, council=authority),
            "neighbours": lambda: NeighbourTable(neighbours),
        },
        authority.slug,
    )
    if response:
        return response
    summary, plan_template = _plan(authority)
    end = data_end()
    took_over_from, passed_to = council_queries.successions_of(authority)  # one query, whatever the council
    latest = council_queries.latest_graded([authority.pk]).get(authority.pk)  # THE rule (inspections.latest)
    table = CouncilTimelineTable(events)
    table.export_url = _download_url(request, "timeline")
    neighbour_table = NeighbourTable(neighbours)
    neighbour_table.export_url = _download_url(request, "neighbours")
    context = {
        "authority": authority,
        "events": events,
        "latest": latest,
        "took_over_from": took_over_from,
        "passed_to": passed_to,
        "predecessors": sorted({e.authority for e in events if e.is_predecessor}, key=lambda a: a.short_name),
        "chart": band_pages.council_charts(events, authority.short_name, end.day),
        "data_end": end,  # inspections' {% data_end_notice %} reads it from here: one query for both
        "table": table,
        "neighbour_table": neighbour_table,
        "conflicts": [(e, c) for e in events for c in e.inspection.open_conflicts],
        "material_conflicts": conflicts.material((e, c) for e in events for c in e.inspection.open_conflicts),
        "plan_summary": summary,
        "plan_template": plan_template,
    }
    return render(request, "dashboards/authority_detail.html", context)


def data_dates() -> tuple[datetime.date, datetime.date]:
    """The dates the national picture can be drawn for: from the start of the first framework in the data
    (2009) to the end of the year ten years from now. A date past the data's end is still answered, with a
    warning (the page says so), but each year is a heat-map column, so the years have an end. Fixed, not
    queried, so that the page's query count stays fixed."""
    return FIRST_FRAMEWORK_YEAR, datetime.date(datetime.date.today().year + 10, 12, 31)


@expensive_public_page
def compare(request):
    # Refused before the form builds its choices: a chart shows at most MAX_COMPARED councils.
    bounded_count(request.GET.getlist("a"), MAX_NAMED, "councils")
    form = CompareForm(request.GET or None)
    choice = form.choice()
    councils = compare_queries.pick_councils(
        slugs=choice["a"],
        region=choice["region"],
        authority_type=choice["type"],
        neighbours_of=choice["neighbours_of"],
    )
    theme = choice["theme"]
    chosen = len(councils)
    councils = councils[:MAX_COMPARED]  # beyond every real council only synthetic data goes
    points = compare_queries.compare_points([c.pk for c in councils], theme)
    regions = sorted({c.region for c in councils})
    data = data_end()  # the notice's, and the last year of the reference bars and the band charts
    end = data.day
    shares = compare_queries.yearly_grade_shares(theme, last_year=end.year)
    references = band_pages.reference_charts(shares, regions, theme, end)
    chosen_pk = next(
        (c.pk for c in councils if c.slug == (choice["neighbours_of"] or next(iter(choice["a"]), ""))), None
    )
    stem = (
        "compare-"
        + "-".join([c.slug for c in councils][:3])
        + ("-and-more" if len(councils) > 3 else "")
        + f"-{theme}"
    )
    response = _csv(
        request,
        {"grades": lambda: ComparePointsTable(points), "shares": lambda: references["shares_table"]},
        stem if councils else f"compare-england-{theme}",
    )
    if response:
        return response
    points_table = ComparePointsTable(points)
    points_table.export_url = _download_url(request, "grades")
    references["shares_table"].export_url = _download_url(request, "shares")
    context = {
        "form": form,
        "councils": councils,
        "chosen": chosen,
        "max_compared": MAX_COMPARED,
        "theme_name": vocab.THEMES.get(theme, theme),
        "chart": band_pages.compare_charts(councils, chosen_pk, theme, points, end) if councils else None,
        "points_table": points_table,
        "regions": regions,
        "data_end": data,
        "council_names": pickers.council_names(),
        **references,
    }
    return render(request, "dashboards/compare.html", context)


def _basis_text(form, choice) -> str:
    """The national page's basis in words: what is counted, of which framework, judged on what, where."""
    labels = {name: dict(form.fields[name].choices) for name in ("kind", "theme", "region", "type")}
    parts = [
        {"all": "every report", "first": "each council's first report"}.get(
            choice["basis"], "each council's latest report"
        ),
        f"of the {labels['kind'][choice['kind']]}" if choice["kind"] else "of any graded framework",
        "by publication date",
        f"judged on “{labels['theme'][choice['theme']].lower()}”",
    ]
    if choice["region"]:
        parts.append(f"councils in the {choice['region']}")
    if choice["authority_type"]:
        parts.append(labels["type"][choice["authority_type"]].lower() + "s")
    if choice["neighbours_of"]:
        name = dict(form.fields["neighbours_of"].choices).get(
            choice["neighbours_of"], choice["neighbours_of"]
        )
        parts.append(f"{name} and its statistical neighbours")
    return ", ".join(parts)


def _labels(picture) -> dict:
    """The grades in the chosen framework's words, or the shared names for "any framework"."""
    return picture.distribution.labels if picture.distribution.kind else {}


@expensive_public_page
def national(request):
    end = data_end()  # the default date: where the data end, not today
    form = NationalForm(request.GET or None, default_as_at=end.day)
    choice = form.choice()
    # A heat-map column per year up to the date: 9999-12-31 took 18 s and 72 MB. Dates outside the data are
    # refused before the picture is drawn.
    earliest, latest = data_dates()
    bounded_date(form.requested_as_at() or choice["as_at"], earliest, latest, "The date")
    picture = national_queries.national_picture(**choice, page=request.GET.get("page"))
    response = _csv(
        request,
        {
            "distribution": lambda: DistributionTable(
                picture.counts, unit=picture.distribution.unit, labels=_labels(picture)
            ),
            "latest": lambda: LatestTable(picture.latest_rows),
            "heatmap": lambda: HeatmapTable(picture.heatmap_rows),
            "transitions": lambda: TransitionTable(picture.transitions),
        },
        f"national-{choice['as_at']:%Y-%m-%d}",
    )
    if response:
        return response
    tables = {
        "distribution": DistributionTable(
            picture.counts, unit=picture.distribution.unit, labels=_labels(picture)
        ),
        "latest": LatestTable(picture.latest_rows, prefix="latest-"),
        "transitions": TransitionTable(picture.transitions),
    }
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(tables["latest"])
    for name, table in tables.items():
        table.export_url = _download_url(request, name)
    tables["distribution"].caption = f"{picture.distribution.unit.capitalize()} at each grade"
    as_at = choice["as_at"]
    context = {
        "form": form,
        "choice": choice,
        "data_end": end,
        "past_the_end": as_at > end.day,
        "council_names": pickers.council_names(),
        "picture": picture,
        "tables": tables,
        "heatmap_csv": _download_url(request, "heatmap"),
        "distribution_figure": charts.figure_json(
            charts.distribution_figure(
                picture.counts,
                f"{picture.distribution.unit.capitalize()} at each grade as at {as_at:%-d %B %Y}",
            )
        ),
        "heatmap_figure": charts.figure_json(
            charts.heatmap_figure(
                picture.heatmap_councils,
                picture.years,
                picture.heatmap_cells,
                "Each council's grade at each year-end",
            )
        )
        if picture.heatmap_councils
        else None,
        "transitions_figure": charts.figure_json(
            charts.transitions_figure(picture.transitions, "From one inspection to the next")
        )
        if picture.transitions
        else None,
        "heatmap_grid": heatmap_grid(picture.heatmap_councils, picture.years, picture.heatmap_cells),
        "summaries": {
            "distribution": chart_summaries.distribution_summary(picture.counts, as_at),
            "heatmap": chart_summaries.heatmap_summary(
                picture.heatmap_councils, picture.years, picture.heatmap_cells
            ),
            "transitions": chart_summaries.transitions_summary(picture.transitions),
        },
        "basis_text": picture.distribution.sentence.rstrip(".")
        if choice["kind"]
        else _basis_text(form, choice),
    }
    return render(request, "dashboards/national.html", context)
