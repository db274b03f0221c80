"""One rule decides which council a name means on a day (authorities.which_council): the reference file's rows
without a database, the database's councils through resolve_name, and the official importer's check."""

import datetime

import pytest

from authorities.name_index import resolve_name
from authorities.reference import council_directory, parse_councils

D = datetime.date

CASES = [
    # (name, day, codes meant, ambiguous?)
    ("Dorset", D(2015, 6, 1), {"E10000009"}, False),  # the county council, before 2019
    ("Dorset", D(2022, 6, 1), {"E06000059"}, False),  # Dorset Council, after
    ("Dorset (Pre LG)", D(2022, 6, 1), {"E06000059"}, False),  # ended name: followed to its successor
    ("Somerset", D(2022, 6, 1), {"E10000027"}, False),
    ("Somerset", D(2024, 6, 1), {"E06000066"}, False),
    ("Bath and North East Somerset", D(2024, 6, 1), {"E06000022"}, False),  # not Somerset
    ("Cumbria", D(2020, 6, 1), {"E10000006"}, False),
    ("Cumbria", D(2024, 6, 1), {"E06000063", "E06000064"}, True),  # ended: two successors
    ("Northamptonshire", D(2019, 6, 1), {"E10000021"}, False),
    ("Northamptonshire County Council", D(2022, 6, 1), {"E06000061", "E06000062"}, True),
    ("BCP", D(2024, 6, 1), {"E06000058"}, False),
    ("BCP Council", D(2024, 6, 1), {"E06000058"}, False),
    ("Bournemouth", D(2021, 6, 1), {"E06000058"}, False),  # ended 2019: its successor
    ("Bournemouth", D(2015, 6, 1), {"E06000028"}, False),
    ("E10000027", D(2022, 6, 1), {"E10000027"}, False),  # a code in a search box
]


@pytest.fixture(scope="module")
def rows():
    rows, problems = parse_councils()
    assert problems == []
    return rows


@pytest.mark.parametrize(("name", "day", "codes", "ambiguous"), CASES)
def test_the_rule_on_the_reference_file(rows, name, day, codes, ambiguous):
    match = council_directory(rows).resolve(name, day)
    assert {rows[i].gss_code for i in match.ids} == codes
    assert (match.one is None) == ambiguous
    assert ("ambiguous" in match.problem) == ambiguous


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "day", "codes", "ambiguous"), CASES)
def test_resolve_name_follows_the_same_rule(name, day, codes, ambiguous):
    assert {a.gss_code for a in resolve_name(name, on=day)} == codes


def test_without_a_day_every_council_of_the_name_is_given(rows):
    match = council_directory(rows).resolve("Dorset")
    assert {rows[i].gss_code for i in match.ids} == {"E10000009", "E06000059"}
    assert "ambiguous" in match.problem


def test_an_unknown_name_and_a_council_that_did_not_yet_exist_say_why(rows):
    directory = council_directory(rows)
    unknown = directory.resolve("Atlantis", D(2020, 1, 1))
    assert unknown.ids == frozenset() and "no council has this code or name or alias" in unknown.problem
    # Westmorland and Furness began in 2023: in 2015 the name is followed back to Cumbria.
    early = directory.resolve("Westmorland and Furness", D(2015, 1, 1))
    assert {rows[i].gss_code for i in early.ids} == {"E10000006"}


def test_a_late_publication_keeps_the_council_inspected(rows):
    # Somerset County Council ended 31 March 2023; a report published in June names "Somerset" by code.
    directory = council_directory(rows)
    day = D(2023, 6, 1)
    assert {rows[i].gss_code for i in directory.resolve("", day, code="E10000027").ids} == {"E06000066"}
    lagged = directory.resolve("", day, code="E10000027", lag=datetime.timedelta(days=240))
    assert {rows[i].gss_code for i in lagged.ids} == {"E10000027"}
