"""The fast CSV path (values_list) writes exactly what the table itself would, cell by cell."""

import pytest
from django.test import RequestFactory

from config.csv_copy import copy_statement
from config.csv_export import export_csv, safe_cell, table_csv_response
from dashboards import table_views
from dashboards.queries.council import councils_with_latest
from dashboards.summary_tables import AuthorityTable
from dashboards.tables import InspectionTable, JudgementTable, RecommendationTable
from inspections.models import Judgement, Recommendation
from tests.dashboards import builders

pytestmark = pytest.mark.django_db


def _body(response):
    return b"".join(response.streaming_content).decode("utf-8")


TABLES = [
    (AuthorityTable, councils_with_latest),
    (InspectionTable, table_views.inspection_rows),
    (JudgementTable, lambda: Judgement.objects.select_related("inspection__authority")),
    (RecommendationTable, lambda: Recommendation.objects.select_related("inspection__authority")),
]
SORTS = [None, "-authority", "published_date", "-short_name"]
# Only the (table, sort) pairs where the sort names a column of the table: no test skips itself.
CASES = [
    pytest.param(table_class, queryset, sort, id=f"{table_class.__name__}-{sort}")
    for table_class, queryset in TABLES
    for sort in SORTS
    if sort is None or sort.lstrip("-") in table_class.base_columns
]


@pytest.mark.parametrize(("table_class", "queryset", "sort"), CASES)
def test_fast_export_equals_the_tables_own(table_class, queryset, sort):
    builders.derby()
    builders.devon()
    builders.derbyshire()
    fast = _body(export_csv(table_class(queryset(), order_by=sort), "x.csv"))
    slow = _body(table_csv_response(table_class(queryset(), order_by=sort), "x.csv"))
    assert fast == slow
    assert fast.count("\n") > 2


def test_every_table_is_exported_in_more_than_its_default_order():
    assert {case.values[0] for case in CASES if case.values[2]} == {t for t, _ in TABLES}


def test_table_views_export_the_filtered_rows():
    builders.derby()
    builders.devon()
    request = RequestFactory().get("/judgements/", {"council": "devon", "format": "csv"})
    body = _body(table_views.judgement_list(request))
    assert "Devon" in body and "Derby" not in body


# The councils table (a few hundred rows, or 16,300 at 100x) takes its latest grades from a JSON parameter
# (dashboards.queries.council.councils_with_latest) and is written cell by cell.
@pytest.mark.parametrize(("table_class", "queryset"), TABLES[1:])
def test_every_national_table_is_written_by_postgresql(table_class, queryset):
    """COPY can express each large table's columns: none falls back to the slow path at 100x."""
    table = table_class(queryset())
    columns = [c for c in table.columns.iterall() if not c.column.exclude_from_export]
    entries = [table.export_fields[c.name] for c in columns]
    entries = [((e,), None) if isinstance(e, str) else e for e in entries]
    statement, _ = copy_statement(table.data.data, entries, safe_cell)
    assert statement.startswith("COPY (SELECT")


# Cells a spreadsheet would run, or that must pass untouched: the SQL guard must treat them as safe_cell does.
AWKWARD = ["=HYPERLINK(\"x\")", "+1", "-2 weeks", "@SUM(A1)", "\tTab", " =spaced", "\u200b=hidden",
           "\uff1dwide", "plain, with \"quotes\"", "two\nlines", "", "Café", "'quoted"]  # fmt: skip


def test_awkward_cells_are_guarded_alike_on_both_paths():
    _, (ilacs,) = builders.derbyshire()
    for position, text in enumerate(AWKWARD, start=1):
        Recommendation.objects.create(inspection=ilacs, position=position, text=text, heading=text)
    ilacs.lead_inspector = "=cmd|' /C calc'!A0"
    ilacs.save()
    for table_class, queryset in TABLES:
        fast = _body(export_csv(table_class(queryset()), "x.csv"))
        slow = _body(table_csv_response(table_class(queryset()), "x.csv"))
        assert fast == slow, table_class
    body = _body(export_csv(RecommendationTable(Recommendation.objects.all()), "x.csv"))
    assert "'=HYPERLINK" in body and "'@SUM" in body and "'+1" in body
