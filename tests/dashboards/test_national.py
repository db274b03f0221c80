"""The national picture on a known dataset: the SIF figures of 14 August 2017 (DOMAIN.md), and transitions."""

import datetime

import pytest

from authorities.models import Authority
from dashboards.queries import compare, national
from dashboards.reference_shares import counts_by_year
from tests.dashboards import builders

pytestmark = pytest.mark.django_db
AS_AT = datetime.date(2017, 8, 14)


def test_142_sif_reports_as_at_14_august_2017():
    builders.national_sif()
    picture = national.national_picture(AS_AT, kind="sif", basis="all")
    assert picture.counts == {1: 2, 2: 42, 3: 64, 4: 34}
    assert picture.total == 142
    # The same by each council's latest SIF; reports published later do not count.
    assert national.national_picture(AS_AT, kind="sif").counts == {1: 2, 2: 42, 3: 64, 4: 34}
    later = national.national_picture(datetime.date(2017, 12, 31), kind="sif")
    assert later.total == 152 and later.counts[2] == 52


def test_latest_of_any_framework_and_first_reports():
    builders.national_sif()
    # Any framework: each of the 142 councils' latest report is its SIF; their first, an adequate SLAC.
    picture = national.national_picture(AS_AT)
    assert picture.counts == {1: 2, 2: 42, 3: 64, 4: 34}
    first = national.national_picture(AS_AT, basis="first")
    assert first.counts == {1: 0, 2: 0, 3: 142, 4: 0}
    assert first.transitions == {(3, 1): 2, (3, 2): 42, (3, 3): 64, (3, 4): 34}


def test_filters_by_region_type_and_neighbours():
    builders.national_sif()
    london = national.national_picture(AS_AT, kind="sif", region="London")
    everywhere = national.national_picture(AS_AT, kind="sif")
    assert {r["council"] for r in london.latest_rows} == {
        r["council"] for r in everywhere.latest_rows if r["region"] == "London"
    }
    assert 0 < london.total == len(london.latest_rows) < everywhere.total
    derby = Authority.objects.get(slug="derby")
    builders.neighbours(derby, list(Authority.objects.filter(slug__in=["derbyshire", "devon"])))
    mine = national.national_picture(AS_AT, kind="sif", neighbours_of="derby")
    assert {r["slug"] for r in mine.latest_rows} <= {"derby", "derbyshire", "devon"}
    assert set(mine.heatmap_councils) == {"Derby", "Derbyshire", "Devon"}


def test_transitions_count_each_move_from_one_report_to_the_next():
    d = builders.D
    councils = list(Authority.objects.current().order_by("gss_code")[:4])
    histories = [[4, 3, 2], [4, 3], [3, 3], [2]]  # moves: 4→3 twice, 3→2 once, 3→3 once
    for council, grades in zip(councils, histories, strict=True):
        for year, value in zip((2012, 2016, 2020), grades, strict=False):
            inspection = builders.event(
                council, "sif" if year < 2018 else "ilacs", d(year, 1, 1), None, d(year, 3, 1)
            )
            builders.judge(inspection, "overall", "x", value)
    today = d(2025, 1, 1)
    assert national.national_picture(today).transitions == {(4, 3): 2, (3, 2): 1, (3, 3): 1}
    assert national.national_picture(today, kind="sif").transitions == {(4, 3): 2, (3, 3): 1}  # 2012, 2016
    assert national.national_picture(today, kind="ilacs").transitions == {}
    assert national.national_picture(d(2017, 1, 1)).transitions == {(4, 3): 2, (3, 3): 1}
    region = councils[0].region
    expected = {}
    for council, grades in zip(councils, histories, strict=True):
        if council.region == region:
            for move in zip(grades, grades[1:], strict=False):
                expected[move] = expected.get(move, 0) + 1
    assert national.national_picture(today, region=region).transitions == expected


def test_yearly_shares_count_each_council_until_its_next_report():
    d = builders.D
    derby, derbyshire = Authority.objects.get(slug="derby"), Authority.objects.get(slug="derbyshire")
    for council, value in ((derby, 2), (derbyshire, 4)):
        builders.judge(
            builders.event(council, "sif", d(2015, 1, 1), None, d(2015, 3, 1)), "overall", "x", value
        )
    builders.judge(builders.event(derby, "ilacs", d(2019, 1, 1), None, d(2019, 3, 1)), "overall", "x", 4)
    rows = compare.yearly_grade_shares(last_year=2020)
    england = counts_by_year(rows)
    assert 2014 not in england
    assert england[2015] == {1: 0, 2: 1, 3: 0, 4: 1}
    assert england[2019] == {1: 0, 2: 0, 3: 0, 4: 2}
    assert counts_by_year(rows, "South West") == {}
