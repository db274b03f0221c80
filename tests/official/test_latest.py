"""THE "latest judgement" rule (inspections.latest) on the real official files: a successor counts its
one-to-one predecessor's judgement until its own first, as Ofsted's editions count it, on every page."""

import datetime

import pytest

from authorities.models import Authority
from dashboards.queries import compare
from dashboards.queries import council as council_queries
from dashboards.queries.distribution import latest_judgements, national_distribution
from inspections.latest import heirs, latest_by_council

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("official_data")]
JUNE_2025 = datetime.date(2025, 6, 30)


def council(code):
    return Authority.objects.get(gss_code=code)


def test_national_ilacs_overall_at_30_june_2025_is_ofsteds_153_councils():
    # LA_Inspection_Outcomes_as_at_31_March_2025.ods, Inspections_as_at_31_March: 153 councils, OE Outstanding
    # 36, Good 67, Requires improvement to be good 31, Inadequate 19 (SOURCES.md, section 2).
    found = national_distribution(JUNE_2025, kind="ilacs", basis="latest")
    assert (found.counted, found.counts) == (153, {1: 36, 2: 67, 3: 31, 4: 19})
    south_west = national_distribution(JUNE_2025, kind="ilacs", basis="latest", region="South West")
    assert south_west.counted == 15 and round(100 * south_west.shares[2], 1) == 40.0


def test_first_and_latest_count_the_same_councils_and_all_counts_reports():
    for as_at in (datetime.date(2017, 8, 14), JUNE_2025):
        latest = national_distribution(as_at, kind=None, basis="latest")
        first = national_distribution(as_at, kind=None, basis="first")
        assert latest.counted == first.counted and latest.unit == first.unit == "councils"
    every = national_distribution(JUNE_2025, kind=None, basis="all")
    assert every.unit == "reports" and every.counted > latest.counted
    assert national_distribution(JUNE_2025, kind=None, basis="latest").counted == 153


def test_only_one_to_one_successions_carry_a_judgement():
    carried = {
        (Authority.objects.get(pk=p).gss_code, Authority.objects.get(pk=s).gss_code)
        for s, found in heirs().items()
        for p, _ in found
    }
    # Somerset, North Yorkshire and Buckinghamshire: one county became one unitary council. Cumbria (split in
    # two), Northamptonshire, Dorset, Bournemouth and Poole are not carried: Ofsted's 2024 edition lists
    # Cumberland and Westmorland and Furness as "Not yet inspected" (Inspections_31_March_2024, rows 33, 148).
    assert carried == {("E10000027", "E06000066"), ("E10000023", "E06000065"), ("E10000002", "E06000060")}


def test_somerset_keeps_its_predecessors_good_of_2022_until_its_own():
    somerset = council("E06000066")
    found = latest_by_council([somerset], as_at=JUNE_2025, kind="ilacs")[somerset.pk]
    assert (found.grade, found.published, found.inherited) == ("Good", datetime.date(2022, 9, 21), True)
    assert found.of_name == "Somerset County Council" and found.took_over == datetime.date(2023, 4, 1)
    # Before the reorganisation the county council counts for itself, never twice.
    rows = latest_judgements(datetime.date(2023, 3, 31), kind="ilacs", region="South West")
    assert [g.council for g in rows].count("Somerset") == 1 and not any(g.inherited for g in rows)
    # North Yorkshire Council's own ILACS (published 18 August 2023) replaces the county council's of 2018.
    north_yorkshire = council("E06000065")
    may = latest_by_council([north_yorkshire], as_at=datetime.date(2023, 5, 10), kind="ilacs")
    assert may[north_yorkshire.pk].inherited and may[north_yorkshire.pk].published.year == 2018
    later = latest_by_council([north_yorkshire], as_at=JUNE_2025, kind="ilacs")[north_yorkshire.pk]
    assert not later.inherited and later.published == datetime.date(2023, 8, 18)


def test_at_10_may_2023_the_new_councils_with_one_predecessor_count():
    found = national_distribution(datetime.date(2023, 5, 10), kind="ilacs")
    # 153 councils then; Cumberland and Westmorland and Furness had no ILACS yet (and Ofsted does not carry
    # Cumbria's to them); North Yorkshire and Somerset count their county councils'.
    assert found.counted == 151


def test_every_page_query_uses_the_rule():
    somerset = council("E06000066")
    row = council_queries.councils_with_latest().get(pk=somerset.pk)
    assert (row.latest_grade, row.latest_of_name) == ("Good", "Somerset County Council")
    assert council_queries.latest_graded([somerset.pk])[somerset.pk].overall.grade == "Good"
    # The 19 councils that have Somerset as a statistical neighbour see its grade.
    neighbours_of = Authority.objects.filter(neighbour_links__neighbour=somerset).distinct()
    assert neighbours_of.count() == 19
    for other in neighbours_of:
        [row] = [r for r in council_queries.neighbours_with_latest(other) if r.authority.pk == somerset.pk]
        assert row.overall.grade == "Good" and row.inspection.inherited
    # The compare page's reference lines: South West at the end of 2024 counts 15 councils.
    shares = compare.yearly_grade_shares("overall", kinds=["ilacs"], last_year=2024)
    south_west_2024 = sum(n for year, region, _, n in shares if year == 2024 and region == "South West")
    assert south_west_2024 == 15


def test_compare_shows_predecessors_history():
    dorset = council("E06000059")
    points = compare.compare_points([dorset.pk], "overall")
    assert [(p.framework, p.of_council) for p in points[:2]] == [
        ("SLAC", "Dorset County Council"),
        ("SIF", "Dorset County Council"),
    ]
    north_yorkshire = council("E06000065")
    ny = compare.compare_points([north_yorkshire.pk], "overall")
    assert {p.of_council for p in ny} == {"North Yorkshire County Council", ""}
    assert len(ny) == 5
    somerset = compare.compare_points([council("E06000066").pk], "overall")
    assert somerset and all(p.of_council == "Somerset County Council" for p in somerset)
