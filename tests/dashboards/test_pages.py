"""Every dashboard page runs a fixed number of SQL queries, whatever the number of councils, events or years:
each page is measured on a small dataset and on a larger one, and the counts must match. Also: every table and
chart downloads as CSV with the page's filters applied."""

import datetime

import pytest

from authorities.models import Authority
from config.csv_export import BOM, read_export
from tests.dashboards import builders

pytestmark = pytest.mark.django_db
D = datetime.date


def _grow():
    """Many more councils, events, judgements and years: every council inspected every three years."""
    for index, council in enumerate(Authority.objects.current().order_by("gss_code")):
        for year in range(2009, 2025, 3):
            kind = "slac" if year < 2013 else "sif" if year < 2018 else "ilacs"
            inspection = builders.event(
                council, kind, D(year, 2, 1 + index % 27), None, D(year, 4, 1 + index % 27)
            )
            builders.judge(inspection, "overall", "Good", 1 + (index + year) % 4)
            builders.judge(inspection, "help_and_protection", "Good", 1 + (index * year) % 4)
            inspection.recommendations.create(position=1, text=f"Improve {index}")
            builders.event(council, "focused_visit", D(year + 1, 5, 1 + index % 27), None, D(year + 1, 6, 1))
    derby = Authority.objects.get(slug="derby")
    others = list(
        Authority.objects.current().exclude(slug__in=["derby", "derbyshire"]).order_by("gss_code")[10:16]
    )
    builders.neighbours(derby, others, first_rank=2)


PAGES = [
    "/authorities/",
    "/authorities/?region=East+Midlands&sort=-latest_value",
    "/authorities/derby/",
    "/authorities/devon/",
    "/compare/?a=derby&a=derbyshire",
    "/compare/?neighbours_of=derby&theme=help_and_protection",
    "/compare/?region=London",
    "/national/",
    "/national/?as_at=2017-08-14&kind=sif&basis=all",
    "/national/?neighbours_of=derby&basis=first",
    "/inspections/",
    "/inspections/?council=derby&kind=sif",
    "/judgements/?theme=overall&value=2",
    "/recommendations/?text=improve",
]


def _count(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def small():
    builders.derby()
    builders.devon()
    builders.derbyshire()
    derby = Authority.objects.get(slug="derby")
    builders.neighbours(derby, [Authority.objects.get(slug="derbyshire")])


def test_every_page_runs_the_same_number_of_queries_on_small_and_larger_data(client, small):
    before = {url: _count(client, url, None) for url in PAGES}
    _grow()
    after = {url: _count(client, url, None) for url in PAGES}
    assert after == before
    assert max(after.values()) <= 13, after


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Each + the data version's read (dataversion.page_cache): the one query of a cached page.
        ("/authorities/derby/", 13),  # + the latest rule, where the data end (succession read once)
        # every page with figures says where the data end: +1; the picker's names and aliases, the band
        # chart's visits: +2
        ("/compare/?a=derby&a=derbyshire", 8),
        ("/national/?as_at=2017-08-14&kind=sif&basis=all", 8),  # + where the data end, the picker's names
        ("/authorities/", 5),  # the latest rule (inspections.latest), the table, where the data end
        ("/inspections/", 5),
        ("/judgements/", 5),
        ("/recommendations/", 5),
    ],
)
def test_query_counts(client, small, django_assert_num_queries, url, expected):
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def _csv(response):
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith(BOM)
    return read_export(body)


def test_councils_csv_applies_the_filters(client, small):
    rows = _csv(client.get("/authorities/?region=East+Midlands&format=csv"))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["Council", "Region", "Type", "Latest overall grade"]
    assert {r[1] for r in body} == {"East Midlands"}
    derby = next(r for r in body if r[0] == "Derby")
    assert derby[3] == "2" and derby[4] == "Good" and derby[6] == "2017-06-13"


def test_inspections_judgements_and_recommendations_csv(client, small):
    inspections = _csv(client.get("/inspections/?council=derby&format=csv"))
    assert len(inspections) == 4  # header + SLAC, SIF, focused visit
    assert "Details" not in inspections[0]
    judgements = _csv(client.get("/judgements/?council=devon&theme=overall&format=csv"))
    assert judgements[1][0] == "Devon" and judgements[1][-2:] == ["Inadequate", "4"]
    recommendations = _csv(client.get("/recommendations/?council=derby&format=csv"))
    texts = {r[5] for r in recommendations[1:]}
    assert "'=Improve the timeliness of assessments" in texts  # formula injection neutralised


def test_council_page_downloads(client, small):
    timeline = _csv(client.get("/authorities/derby/?download=timeline"))
    assert timeline[0][:3] == ["Council", "Predecessor", "Date"]
    overall = [r for r in timeline[1:] if r[8] == "Overall effectiveness"]
    # The "Date" column is the publication, as the chart's axis; "Date is" and "Date precision" say so.
    assert [(r[2], r[10]) for r in overall] == [("2011-06-27", "Adequate"), ("2017-06-13", "Good")]
    header = timeline[0]
    assert {overall[0][header.index("Date is")], overall[0][header.index("Date precision")]} == {
        "published",
        "day",
    }
    assert overall[0][header.index("Derived (rule)")].startswith(
        "Derived: the worse of safeguarding services"
    )
    neighbours = _csv(client.get("/authorities/derby/?download=neighbours"))
    assert neighbours[1][1] == "Derbyshire" and neighbours[1][3] == "Requires improvement to be good"
    assert client.get("/authorities/derby/?download=nope").status_code == 404


def test_compare_and_national_downloads(client, small):
    grades = _csv(client.get("/compare/?a=derby&a=devon&download=grades"))
    assert {r[0] for r in grades[1:]} == {"Derby", "Devon"}
    shares = _csv(client.get("/compare/?a=derby&download=shares"))
    assert {r[0] for r in shares[1:]} == {"England", "East Midlands"}
    distribution = _csv(client.get("/national/?as_at=2021-01-01&download=distribution"))
    assert distribution[0] == ["Grade", "Councils", "Share (%)"]
    assert [r[1] for r in distribution[1:]] == [
        "0",
        "1",
        "1",
        "1",
    ]  # Derby good, Derbyshire RI, Devon inadequate
    latest = _csv(client.get("/national/?as_at=2021-01-01&region=East+Midlands&download=latest"))
    assert {r[0] for r in latest[1:]} == {"Derby", "Derbyshire"}
    heatmap = _csv(client.get("/national/?as_at=2021-01-01&neighbours_of=derby&download=heatmap"))
    assert ["Derby", "2017", "SIF", "Good", "2", "E06000015"] in heatmap
    # Each framework's own word: a SLAC's 3 is "Adequate", never rewritten as "Requires improvement".
    assert ["Derby", "2011", "SLAC", "Adequate", "3", "E06000015"] in heatmap
    transitions = _csv(client.get("/national/?download=transitions"))
    assert transitions[3][0] == "Requires improvement" and transitions[3][2] == "1"  # Derby: SLAC 3 → SIF 2


def test_compare_page_shows_the_chosen_councils_and_references(client, small):
    response = client.get("/compare/?a=derby&a=derbyshire")
    html = response.content.decode()
    assert 'data-figure-id="compare-figure"' in html and 'data-figure-id="shares-figure"' in html
    chart = response.context["chart"]
    derby, derbyshire = (Authority.objects.get(slug=s).pk for s in ("derby", "derbyshire"))
    assert chart["figure"]["layout"]["meta"]["rows"] == [f"c{derby}", f"c{derbyshire}"]  # one row each
    bands = {(y, t["meta"]["value"]) for t in chart["figure"]["data"] if t["type"] == "bar" for y in t["y"]}
    assert bands == {(f"c{derby}", 3), (f"c{derby}", 2), (f"c{derbyshire}", 3)}
    assert chart["summary"].startswith("Overall effectiveness of 2 councils")
    assert response.context["regions"] == ["East Midlands"]


def test_council_page_lists_sources_conflicts_and_neighbours(client, small):
    html = client.get("/authorities/devon/").content.decode()
    assert "Open conflicts" in html and "2020-03-18" in html
    html = client.get("/authorities/derby/").content.decode()
    assert "LA_inspections_2009-2023</span>, row 57" in html  # the sheet name may break on a phone
    assert "Derbyshire" in html and "Statistical neighbours" in html


def test_council_page_runs_the_same_queries_with_or_without_neighbours_or_events(client, small):
    """Derby has neighbours and events; Devon events and no neighbours; Cornwall neither."""
    counts = {url: _count(client, url, None) for url in ("/authorities/derby/", "/authorities/devon/")}
    counts["/authorities/cornwall/"] = _count(client, "/authorities/cornwall/", None)
    assert len(set(counts.values())) == 1, counts


def test_pickers_list_current_councils_narrowed_on_the_server(client, small):
    from dashboards.filters import PICKER_LIMIT

    html = client.get("/compare/?region=London").content.decode()
    assert 'value="camden"' in html and 'value="derby"' not in html
    html = client.get("/compare/?q=derb&a=cumbria").content.decode()
    assert 'value="derby"' in html and 'value="derbyshire"' in html and 'value="devon"' not in html
    assert 'value="cumbria"' in html  # an ended council stays listed once chosen
    response = client.get("/compare/")
    assert len(response.context["form"].fields["a"].choices) <= PICKER_LIMIT
    html = client.get("/inspections/?council_name=devon").content.decode()
    assert 'value="devon"' in html and 'value="derby"' not in html
