"""The tables of inspections, judgements and recommendations: a queryset, a FilterSet, a Table, a template.

The query string carries the filters, the sort and the page, so a filtered view can be shared as a link;
`?format=csv` downloads every row that the filters select (all pages), in the table's sort order.
"""

from django.db.models import Count, OuterRef, Subquery
from django.shortcuts import render
from django_tables2 import RequestConfig

from config.csv_export import export_csv
from config.public_pages import expensive_public_page
from dashboards.csv_names import csv_name
from dashboards.filters import InspectionFilter, JudgementFilter, RecommendationFilter
from dashboards.tables import PER_PAGE, InspectionTable, JudgementTable, RecommendationTable
from inspections.headline import parts_q
from inspections.models import Inspection, Judgement, Recommendation


def csv_url(request) -> str:
    """This page's address with format=csv and without the page number."""
    query = request.GET.copy()
    query.pop("page", None)
    query["format"] = "csv"
    return "?" + query.urlencode()


def table_page(request, *, queryset, filterset_class, table_class, template, filename, context=None):
    """A filtered, sortable, paginated table, or its CSV: one function for every list of the dashboards."""
    filterset = filterset_class(request.GET or None, queryset=queryset)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    if filterset.is_bound and not filterset.is_valid():
        rows = queryset.none()
    table = table_class(rows, order_by=request.GET.get("sort"))
    if request.GET.get("format") == "csv":
        return export_csv(table, csv_name(filename, request.GET))
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    table.export_url = csv_url(request)
    return render(
        request,
        template,
        {"table": table, "filter": filterset, "filtered": bool(request.GET), **(context or {})},
    )


def _overall(path: str):
    """The judgements of an inspection's overall headline (inspections.headline), worst first."""
    return Judgement.objects.filter(parts_q("overall"), inspection_id=OuterRef(path)).order_by(
        "-value", "section", "pk"
    )


def inspection_rows():
    overall = _overall("pk")
    parts = _overall("pk").order_by().values("inspection_id").annotate(n=Count("pk")).values("n")
    return Inspection.objects.select_related("authority").annotate(
        overall_value=Subquery(overall.values("value")[:1]),
        overall_grade=Subquery(overall.values("grade")[:1]),
        overall_parts=Subquery(parts[:1]),  # more than one: derived (inspections.headline)
    )


@expensive_public_page
def inspection_list(request):
    return table_page(
        request,
        queryset=inspection_rows(),
        filterset_class=InspectionFilter,
        table_class=InspectionTable,
        template="dashboards/table_page.html",
        filename="inspections.csv",
        context={
            "title": "Inspections and visits",
            "lede": "Every inspection and visit on record, with its overall grade if it gave one.",
        },
    )


@expensive_public_page
def judgement_list(request):
    return table_page(
        request,
        queryset=Judgement.objects.select_related("inspection__authority"),
        filterset_class=JudgementFilter,
        table_class=JudgementTable,
        template="dashboards/table_page.html",
        filename="judgements.csv",
        context={
            "title": "Judgements",
            "lede": "Every graded judgement, with its label and grade exactly as the source wrote them.",
        },
    )


@expensive_public_page
def recommendation_list(request):
    return table_page(
        request,
        queryset=Recommendation.objects.select_related("inspection__authority"),
        filterset_class=RecommendationFilter,
        table_class=RecommendationTable,
        template="dashboards/table_page.html",
        filename="recommendations.csv",
        context={
            "title": "Recommendations",
            "lede": "What inspectors said must improve, as written, with the timescale they gave.",
        },
    )
