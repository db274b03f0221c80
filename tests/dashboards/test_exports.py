"""The fast CSV path (values_list) writes exactly what the table itself would, cell by cell."""

import pytest
from django.test import RequestFactory

from authorities.queries import councils_with_latest
from authorities.tables import AuthorityTable
from config.csv_export import table_csv_response
from inspections import list_views
from inspections.models import Judgement, Recommendation
from inspections.tables import InspectionTable, JudgementTable, RecommendationTable, export_csv
from tests.dashboards import builders

pytestmark = pytest.mark.django_db


def _body(response):
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.mark.parametrize(
    ("table_class", "queryset"),
    [
        (AuthorityTable, councils_with_latest),
        (InspectionTable, list_views.inspection_rows),
        (JudgementTable, lambda: Judgement.objects.select_related("inspection__authority")),
        (RecommendationTable, lambda: Recommendation.objects.select_related("inspection__authority")),
    ],
)
@pytest.mark.parametrize("sort", [None, "-authority", "published_date", "-short_name"])
def test_fast_export_equals_the_tables_own(table_class, queryset, sort):
    builders.derby()
    builders.devon()
    builders.derbyshire()
    if sort and sort.lstrip("-") not in table_class.base_columns:
        pytest.skip("not a column of this table")
    fast = _body(export_csv(table_class(queryset(), order_by=sort), "x.csv"))
    slow = _body(table_csv_response(table_class(queryset(), order_by=sort), "x.csv"))
    assert fast == slow
    assert fast.count("\n") > 2


def test_list_views_export_the_filtered_rows():
    builders.derby()
    builders.devon()
    request = RequestFactory().get("/judgements/", {"council": "devon", "format": "csv"})
    body = _body(list_views.judgement_list(request))
    assert "Devon" in body and "Derby" not in body
