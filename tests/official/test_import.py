"""All official files imported (2023, 2024, 2025, neighbours): timelines, known rows, reorganisations,
revisions, the national picture, idempotence."""

import datetime
from collections import Counter

import pytest
from django.db.models import Count

from authorities.models import Authority, StatisticalNeighbour
from dashboards.queries.distribution import latest_judgements, national_distribution, transitions
from inspections.models import Conflict, Inspection, Judgement, OfficialDataset, Source
from inspections.official.save import import_file
from tests.official.helpers import FILE_2023, FILE_2024, FILE_2025, SN_2025

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("official_data")]
AUGUST_2017 = datetime.date(2017, 8, 14)


def council(code):
    return Authority.objects.get(gss_code=code)


def event(code, kind, reinspection=False, **dates):
    return Inspection.objects.get(authority__gss_code=code, kind=kind, reinspection=reinspection, **dates)


def grades(inspection):
    return {(j.section, j.theme): (j.grade, j.value) for j in inspection.judgements.all()}


def test_counts_per_framework():
    counts = Counter(Inspection.objects.values_list("kind", "reinspection"))
    assert counts == {
        ("slac", False): 152,
        ("slac", True): 9,
        ("cpi", False): 50,
        ("cpi", True): 1,
        ("tlac", False): 5,
        ("sif", False): 152,
        ("sif", True): 21,
        ("ilacs", False): 271,  # the 2025 history's 271: no edition added a duplicate
        ("focused_visit", False): 36 + 37 + 36,
        ("monitoring_visit", False): 24 + 28 + 24,
    }
    assert Judgement.objects.filter(theme="lscb").count() == 152
    # Every council with children's services today has a history: its own, or (Somerset Council, created April
    # 2023 and not yet inspected) its predecessor's.
    without = Authority.objects.current().annotate(n=Count("inspections")).filter(n=0)
    assert [a.gss_code for a in without] == ["E06000066"]
    assert Inspection.objects.filter(authority__successors__gss_code="E06000066").count() == 5


def test_derby_known_rows():
    derby = "E06000015"
    slac = event(derby, "slac")
    assert slac.published_date == datetime.date(2011, 6, 27)
    assert grades(slac) == {
        ("safeguarding", "overall"): ("Adequate", 3),
        ("looked_after_children", "children_in_care"): ("Adequate", 3),
    }
    quote = Source.objects.get(judgement__inspection=slac, judgement__theme="overall")
    assert (quote.quote, quote.sheet, quote.row) == (
        "Requires improvement to be good",
        "LA_inspections_2009-2023",
        37,
    )
    assert quote.dataset.published_on == datetime.date(2023, 7, 6)
    assert "2023" in quote.dataset.edition

    assert grades(event(derby, "cpi"))[("", "overall")] == ("Good", 2)

    sif = event(derby, "sif")
    assert sif.published_date == datetime.date(2017, 6, 13)
    sif_grades = grades(sif)
    assert sif_grades[("", "overall")] == ("Good", 2)
    assert sif_grades[("", "lscb")] == ("Outstanding", 1)
    assert sif_grades[("", "help_and_protection")] == ("Requires improvement", 3)
    adoption = sif.judgements.get(theme="adoption")
    assert adoption.parent.theme == "children_in_care"
    assert not Inspection.objects.filter(authority__gss_code=derby, kind="sif", reinspection=True).exists()

    ilacs = event(derby, "ilacs")  # Derby's only ILACS, in all three editions
    assert (ilacs.inspection_type, ilacs.start_date, ilacs.published_date) == (
        "short",
        datetime.date(2022, 3, 21),
        datetime.date(2022, 5, 11),
    )
    assert grades(ilacs)[("", "overall")] == ("Outstanding", 1)
    assert grades(ilacs)[("", "children_in_care")] == ("Good", 2)
    editions = set(ilacs.sources.values_list("dataset__published_on__year", flat=True))
    assert editions == {2023, 2024, 2025}
    visit = event(derby, "focused_visit", start_date=datetime.date(2023, 10, 25))
    assert visit.focus == "Children in need/subject to a plan"


def test_devon_ilacs_2020_inadequate():
    ilacs = event("E10000008", "ilacs", published_date=datetime.date(2020, 3, 17))
    assert ilacs.start_date == datetime.date(2020, 1, 20)
    assert grades(ilacs) == {
        ("", "overall"): ("Inadequate", 4),
        ("", "leadership"): ("Inadequate", 4),
        ("", "help_and_protection"): ("Requires improvement to be good", 3),
        ("", "children_in_care"): ("Inadequate", 4),
    }
    assert ilacs.judgements.get(theme="children_in_care").label.endswith("children in care and care leavers")
    later = event("E10000008", "ilacs", start_date=datetime.date(2024, 9, 30))
    assert later.published_date == datetime.date(2025, 5, 13)
    assert Inspection.objects.filter(authority__gss_code="E10000008", kind="monitoring_visit").count() == 5


def test_defunct_councils_keep_their_history_linked_to_their_successors():
    # North Yorkshire's 2018 ILACS: the 2025 history gives the new council's code; the date gives the county
    # council.
    county = event("E10000023", "ilacs")
    assert county.start_date == datetime.date(2018, 7, 2)
    assert council("E06000065") in county.authority.successors.all()
    assert event("E06000065", "ilacs").start_date >= datetime.date(2023, 4, 1)
    assert event("E10000027", "ilacs").published_date.year == 2022  # Somerset County Council
    assert not Inspection.objects.filter(
        authority__gss_code="E06000066", start_date__lt="2023-04-01"
    ).exists()
    # One name, two councils: Dorset County Council's SLAC and SIF, Dorset Council's ILACS.
    assert set(Inspection.objects.filter(authority__gss_code="E10000009").values_list("kind", flat=True)) == {
        "slac",
        "sif",
    }
    assert set(Inspection.objects.filter(authority__gss_code="E06000059").values_list("kind", flat=True)) >= {
        "ilacs"
    }
    bournemouth = event("E06000028", "ilacs")
    assert bournemouth.published_date == datetime.date(2018, 8, 24)
    assert council("E06000058") in bournemouth.authority.successors.all()
    assert Inspection.objects.filter(
        authority__gss_code="E10000021", kind="tlac"
    ).exists()  # Northamptonshire
    assert Inspection.objects.filter(authority__gss_code="E10000006", kind="ilacs").count() == 1  # Cumbria
    # No event lies outside its council's life (a publication may follow its end).
    for inspection in Inspection.objects.select_related("authority").exclude(start_date=None):
        authority = inspection.authority
        assert authority.active_from is None or inspection.start_date >= authority.active_from
        assert authority.active_to is None or inspection.start_date <= authority.active_to


def test_newer_editions_revise_and_keep_both_sources():
    staffordshire = Judgement.objects.get(
        inspection__authority__short_name="Staffordshire",
        inspection__published_date="2024-01-12",
        theme="care_leavers",
    )
    assert (staffordshire.grade, staffordshire.value) == ("Requires improvement to be good", 3)
    quotes = dict(staffordshire.sources.values_list("dataset__published_on__year", "quote"))
    assert quotes == {2024: "Good", 2025: "Requires improvement to be good"}

    merton = event("E09000024", "ilacs", published_date=datetime.date(2022, 5, 9))
    assert merton.inspection_type == "short"
    nottingham = event("E06000018", "ilacs", start_date=datetime.date(2022, 7, 11))
    assert nottingham.published_date == datetime.date(2022, 9, 5)
    assert nottingham.sources.filter(quote__contains="2022-11-05").exists()  # the older editions' date, kept
    scilly = Inspection.objects.get(
        authority__short_name="Isles of Scilly", kind="ilacs", start_date__year=2023
    )
    assert scilly.start_date == datetime.date(2023, 7, 11)
    # Two sheets of one edition disagree (Cumbria 20 or 21 September 2022): shown, not settled.
    conflict = Conflict.objects.get()
    assert (conflict.field, conflict.stored_value, conflict.incoming_value) == (
        "start_date",
        "2022-09-20",
        "2022-09-21",
    )
    assert conflict.inspection.authority.short_name == "Cumbria"
    assert conflict.incoming_source.sheet == "LA_level_in_year_2022-23"


def test_sif_as_at_14_august_2017_on_each_basis(django_assert_num_queries):
    with django_assert_num_queries(1):
        first = national_distribution(AUGUST_2017, kind="sif", theme="overall", basis="first")
    latest = national_distribution(AUGUST_2017, kind="sif", basis="latest")
    every = national_distribution(AUGUST_2017, kind="sif", basis="all")
    assert (first.counted, first.counts) == (138, {1: 2, 2: 42, 3: 62, 4: 32})
    assert (latest.counted, latest.counts) == (138, {1: 2, 2: 43, 3: 64, 4: 29})
    assert (every.counted, every.counts) == (143, {1: 2, 2: 43, 3: 64, 4: 34})
    # Derby's cabinet paper (seed 003) quotes 142 reports, 2/42/64/34: the table's five re-inspections by then
    # include West Berkshire's Good (7 July 2017); leaving it out gives the paper's figures exactly.
    west_berkshire = event("E06000037", "sif", reinspection=True)
    assert west_berkshire.published_date == datetime.date(2017, 7, 7)
    assert grades(west_berkshire)[("", "overall")][1] == 2
    assert every.counts[2] - 1 == 42 and every.counted - 1 == 142
    assert "143 reports" in every.sentence and "re-inspections included" in every.sentence
    # "first" and "latest" count the same councils (those that existed on the date); "all" counts reports.
    assert latest.unit == first.unit == "councils" and every.unit == "reports"
    assert "138 councils" in first.sentence
    assert round(sum(every.shares.values()), 6) == 1


def test_distribution_filters_and_slac_headline():
    london = national_distribution(AUGUST_2017, kind="sif", basis="latest", region="London")
    assert 0 < london.counted <= 33 and "region London" in london.sentence
    slac = national_distribution(datetime.date(2012, 12, 31), kind="slac", basis="first")
    assert slac.counted == 152 and slac.derived
    assert slac.labels[3] == "Adequate"
    derby = next(
        g
        for g in latest_judgements(datetime.date(2012, 12, 31), kind="slac")
        if g.authority_id == council("E06000015").pk
    )
    assert (derby.value, derby.derived) == (3, True)


def test_queries_run_a_fixed_number_of_sql_queries(django_assert_num_queries):
    with django_assert_num_queries(1):
        latest = latest_judgements(datetime.date(2025, 6, 30), kind="ilacs")
    # Somerset Council has no ILACS of its own yet: the county council's of 2022 counts for it, as Ofsted's
    # 2025 edition counts it (Inspections_as_at_31_March, row 116).
    assert len(latest) == 153
    somerset = next(g for g in latest if g.slug == "somerset")
    assert somerset.inherited and somerset.of_name == "Somerset County Council" and somerset.grade == "Good"
    with django_assert_num_queries(1):
        moves = transitions("ilacs", "overall")
    # Every ILACS after a council's first: 271 inspections of 156 areas, North Yorkshire's split between the
    # county council (2018) and the new council (2023), so 157 councils.
    assert sum(moves.values()) == 271 - 157


def test_statistical_neighbours():
    derby = council("E06000015")
    links = list(StatisticalNeighbour.objects.filter(authority=derby, model="DfE 2025").order_by("rank"))
    assert len(links) == 10
    assert links[0].neighbour.dfe_number == 331 and links[0].closeness == "Very close"
    assert links[9].neighbour.dfe_number == 861 and links[9].closeness == "Close"  # "Close " in the file
    assert StatisticalNeighbour.objects.count() == 1530


def test_importing_every_file_again_changes_nothing():
    def state():
        return (
            list(
                Inspection.objects.order_by("pk").values_list(
                    "pk", "start_date", "published_date", "inspection_type", "focus", "updated_at"
                )
            ),
            list(Judgement.objects.order_by("pk").values_list("pk", "grade", "value", "parent_id")),
            Source.objects.count(),
            Conflict.objects.count(),
            OfficialDataset.objects.count(),
            list(StatisticalNeighbour.objects.order_by("pk").values_list("pk", "neighbour_id")),
        )

    before = state()
    for path in (FILE_2023, FILE_2024, FILE_2025, SN_2025):
        report = import_file(path)
        assert report.ok
        if report.kind == "inspections":
            assert report.summary["events"]["added"] == report.summary["events"]["changed"] == 0
            assert report.summary["sources_created"] == report.summary["conflicts_created"] == 0
    assert state() == before
