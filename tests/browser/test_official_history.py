"""Ofsted's official tables and the documents tell one history, in a real browser: the run command's data
(every official file) plus committee papers published through the real pipeline."""

import pytest
from django.core.management import call_command

from authorities.models import Authority, StatisticalNeighbour
from inspections.gazetteer import reference_gazetteer
from inspections.models import Inspection
from tests.improvements.conftest import publish, store_document

pytestmark = pytest.mark.browser

DERBY_CABINET_2021 = "004_4bf9b02114d38087"  # reports the focused visit of July 2021
DEVON_PAPER_2020 = "002_f6faf2d291ead4ee"  # reports the monitoring visit of 22-23 September 2020


@pytest.fixture
def history(councils):
    gazetteer = reference_gazetteer()[0]
    call_command("load_official_data", verbosity=0)
    for seed, slug in ((DERBY_CABINET_2021, "derby"), (DEVON_PAPER_2020, "devon")):
        authority = Authority.objects.get(slug=slug)
        publish(store_document(seed, gazetteer, authority, "committee_paper"))


def test_derby_reads_2011_2013_2017_2021_and_2022(desktop, history):
    desktop.open("/authorities/derby/")
    overall = desktop.bands("timeline-figure", "Overall")
    by_year = {start[:4]: value for start, value, _ in overall}
    assert {"2011", "2013", "2017", "2022"} <= set(by_year)
    assert by_year["2011"] == 3  # SLAC, adequate in both sections
    assert by_year["2017"] == 2  # SIF, good
    assert by_year["2022"] == 1  # ILACS short inspection, outstanding
    assert "2021" in {x[:4] for x in desktop.ticks("timeline-figure", "Visits")}
    # The focused visit of July 2021 came from the committee paper alone: no official table lists it.
    visit = Inspection.objects.get(authority__slug="derby", kind="focused_visit", start_date__year=2021)
    assert {s.document.original_name for s in visit.sources.all()} == {f"{DERBY_CABINET_2021}.txt"}
    assert desktop.problems() == []


def test_devon_reads_inadequate_in_2020_then_its_monitoring_visit(desktop, history):
    desktop.open("/authorities/devon/")
    overall = desktop.bands("timeline-figure", "Overall")
    assert {start[:4]: value for start, value, _ in overall}["2020"] == 4
    assert "2020-09-22" in desktop.ticks("timeline-figure", "Visits")
    # The paper's grade for the 2020 ILACS and the official row are one event with both sources.
    ilacs = Inspection.objects.get(authority__slug="devon", kind="ilacs", start_date__year=2020)
    sources = ilacs.judgements.get(theme="overall").sources.all()
    assert {bool(s.document_id) for s in sources} == {True, False}
    assert desktop.problems() == []


def test_compare_derby_with_its_statistical_neighbours(desktop, history):
    derby = Authority.objects.get(slug="derby")
    neighbours = [
        link.neighbour.short_name
        for link in StatisticalNeighbour.objects.filter(authority=derby).order_by("rank")
    ]
    assert len(neighbours) == 10
    desktop.open("/compare/?neighbours_of=derby")
    rows = list(desktop.rows("compare-figure"))
    assert rows[0] == "► Derby (chosen)"  # first, and marked
    councils = [label for label in rows if "(predecessor of" not in label]
    assert sorted(councils[1:]) == sorted(neighbours)  # one row each
    assert desktop.problems() == []
