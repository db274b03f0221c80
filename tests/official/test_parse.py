"""Reading the real files: no database, no Django models (load → parse)."""

import datetime
from collections import Counter

import pytest

from inspections.official.load import load
from inspections.official.parse import parse
from tests.official.helpers import FILE_2023, FILE_2024, FILE_2025


@pytest.fixture(scope="module")
def parsed_2023():
    return parse(load(FILE_2023))


@pytest.fixture(scope="module")
def parsed_2025():
    return parse(load(FILE_2025))


def _history(parsed, sheet="LA_inspections_2009-2023"):
    return [e for e in parsed.events if e.sheet == sheet]


def test_the_2009_2023_sheet_gives_every_framework_with_sources_counts(parsed_2023):
    assert parsed_2023.problems == []
    assert parsed_2023.edition_date == datetime.date(2023, 7, 6)
    counts = Counter((e.kind, e.reinspection) for e in _history(parsed_2023))
    assert counts == {
        ("slac", False): 152,
        # 9 re-inspections of safeguarding and 2 of looked-after services; Cornwall's and Warrington's two
        # were one joint re-inspection published the same day.
        ("slac", True): 9,
        ("cpi", False): 50,
        ("cpi", True): 1,  # CPRI: Calderdale 2013
        ("tlac", False): 5,
        ("sif", False): 152,
        ("sif", True): 21,
        ("ilacs", False): 154 + 23,
    }
    cpi = Counter(
        j.grade_as_framework_writes
        for e in _history(parsed_2023)
        if e.kind == "cpi" and not e.reinspection
        for j in e.judgements
    )
    assert cpi == {"Good": 4, "Adequate": 29, "Inadequate": 17}
    sif = Counter(
        j.value
        for e in _history(parsed_2023)
        if e.kind == "sif" and not e.reinspection
        for j in e.judgements
        if j.theme == "overall"
    )
    assert sif == {1: 3, 2: 51, 3: 65, 4: 33}
    lscb = Counter(j.value for e in _history(parsed_2023) for j in e.judgements if j.theme == "lscb")
    assert lscb == {1: 7, 2: 53, 3: 67, 4: 25}


def test_derby_row_37_keeps_the_frameworks_label_and_the_tables_wording(parsed_2023):
    derby = {(e.kind, e.reinspection): e for e in _history(parsed_2023) if e.row == 37}
    assert {e.council_name for e in derby.values()} == {"Derby"}
    slac = derby[("slac", False)]
    assert slac.published == datetime.date(2011, 6, 27)
    assert [(j.section, j.theme, j.grade_as_framework_writes, j.table_wording) for j in slac.judgements] == [
        ("safeguarding", "overall", "Adequate", "Requires improvement to be good"),
        ("looked_after_children", "children_in_care", "Adequate", "Requires improvement to be good"),
    ]
    assert derby[("cpi", False)].published == datetime.date(2013, 1, 21)
    sif = {j.theme: j for j in derby[("sif", False)].judgements}
    assert sif["overall"].grade_as_framework_writes == "Good"
    assert sif["help_and_protection"].grade_as_framework_writes == "Requires improvement"
    assert sif["help_and_protection"].table_wording == "Requires improvement to be good"
    assert sif["lscb"].grade_as_framework_writes == "Outstanding"
    assert sif["adoption"].parent_theme == sif["care_leavers"].parent_theme == "children_in_care"
    ilacs = derby[("ilacs", False)]
    assert (ilacs.inspection_type, ilacs.published) == ("short", datetime.date(2022, 5, 11))
    assert ("sif", True) not in derby


def test_a_dash_means_not_judged(parsed_2023):
    scilly_slac = next(e for e in _history(parsed_2023) if e.row == 65 and e.kind == "slac")
    assert [j.theme for j in scilly_slac.judgements] == ["overall"]  # G is ' -'
    scilly_sif = next(e for e in _history(parsed_2023) if e.row == 65 and e.kind == "sif")
    assert {"children_in_care", "adoption", "care_leavers"}.isdisjoint(j.theme for j in scilly_sif.judgements)


def test_the_second_table_of_councils_that_no_longer_exist_is_read(parsed_2023):
    names = {e.council_name for e in _history(parsed_2023) if e.row >= 162}
    assert names == {"Bournemouth", "Dorset", "Poole", "Northamptonshire"}


def test_the_2025_history_and_visits(parsed_2025):
    assert parsed_2025.problems == []
    history = [e for e in parsed_2025.events if e.sheet == "ILACS_inspection_history"]
    assert Counter(e.inspection_type for e in history) == {"standard": 171, "short": 100}
    assert Counter(j.value for e in history for j in e.judgements if j.theme == "overall") == {
        1: 55,
        2: 107,
        3: 74,
        4: 35,
    }
    in_year = Counter(e.kind for e in parsed_2025.events if e.sheet == "In-year_inspections")
    assert in_year == {"ilacs": 52, "focused_visit": 36, "monitoring_visit": 24}
    north_yorkshire = next(e for e in history if e.row == 166)
    assert (north_yorkshire.council_code, north_yorkshire.start) == ("E06000065", datetime.date(2018, 7, 2))
    visit = next(e for e in parsed_2025.events if e.kind == "focused_visit")
    assert visit.focus and visit.start and visit.published and not visit.judgements


def test_the_2024_edition_has_no_codes_and_two_not_yet_inspected():
    parsed = parse(load(FILE_2024))
    assert parsed.problems == []
    latest = [e for e in parsed.events if e.sheet == "Inspections_31_March_2024"]
    assert len(latest) == 151  # Cumberland and Westmorland and Furness: "Not yet inspected"
    wide = [e for e in parsed.events if e.sheet == "ILACS_inspections_2018-2024"]
    assert {e.council_name for e in wide if e.row >= 160} == {"Bournemouth", "Northamptonshire", "Cumbria"}
    assert all(e.council_code == "" and e.start is None for e in wide)


def test_load_parse_and_check_have_no_django_in_them():
    import subprocess
    import sys

    from tests.conftest import PROJECT_DIR

    code = (
        "import sys, inspections.official.load, inspections.official.parse, inspections.official.check; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
