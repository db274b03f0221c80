import re

import pytest
from django.core.management import call_command

from authorities.models import Authority, Succession
from authorities.name_index import resolve_name
from authorities.reference import parse_councils

pytestmark = pytest.mark.django_db


def test_153_councils_have_childrens_services_today():
    assert Authority.objects.current().count() == 153


def test_codes_are_unique_and_well_formed():
    codes = list(Authority.objects.values_list("gss_code", flat=True))
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"E(06|08|09|10)\d{6}", code) for code in codes)
    current_numbers = list(Authority.objects.current().values_list("dfe_number", flat=True))
    assert None not in current_numbers
    assert len(current_numbers) == len(set(current_numbers))
    assert all(100 <= n <= 999 for n in current_numbers)


@pytest.mark.parametrize(
    ("short_name", "code", "dfe", "region", "type"),
    [
        ("Derby", "E06000015", 831, "East Midlands", "unitary"),
        ("Derbyshire", "E10000007", 830, "East Midlands", "county"),
        ("Devon", "E10000008", 878, "South West", "county"),
        ("Bradford", "E08000032", 380, "Yorkshire and The Humber", "metropolitan_borough"),
        ("Camden", "E09000007", 202, "London", "london_borough"),
        ("Cumberland", "E06000063", 942, "North West", "unitary"),
    ],
)
def test_known_rows(short_name, code, dfe, region, type):
    authority = Authority.objects.current().get(gss_code=code)
    assert (authority.short_name, authority.dfe_number, authority.region, authority.type) == (
        short_name,
        dfe,
        region,
        type,
    )


@pytest.mark.parametrize(
    ("predecessor", "successors", "date"),
    [
        ("E10000006", {"E06000063", "E06000064"}, "2023-04-01"),  # Cumbria
        ("E10000021", {"E06000061", "E06000062"}, "2021-04-01"),  # Northamptonshire
        ("E10000002", {"E06000060"}, "2020-04-01"),  # Buckinghamshire County Council
        ("E06000028", {"E06000058"}, "2019-04-01"),  # Bournemouth
        ("E10000023", {"E06000065"}, "2023-04-01"),  # North Yorkshire County Council
    ],
)
def test_reorganised_councils_are_linked_to_their_successors(predecessor, successors, date):
    old = Authority.objects.get(gss_code=predecessor)
    assert not old.is_current
    links = Succession.objects.filter(predecessor=old)
    assert {s.successor.gss_code for s in links} == successors
    assert {s.date.isoformat() for s in links} == {date}
    assert all(s.successor.is_current for s in links)


def test_every_ended_council_has_a_successor():
    for authority in Authority.objects.filter(active_to__isnull=False):
        assert authority.succeeded_by.exists(), authority


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("Derby", "E06000015"),
        ("Derby City", "E06000015"),
        ("Derby City Council", "E06000015"),
        ("Derbyshire", "E10000007"),
        ("Derbyshire County Council", "E10000007"),
        ("Bristol, City of", "E06000023"),
        ("Kingston Upon Hull, City of", "E06000010"),
        ("St. Helens", "E08000013"),
        ("Telford & Wrekin", "E06000020"),
        ("County Durham", "E06000047"),
    ],
)
def test_spellings_resolve_to_one_council(spelling, code):
    assert [a.gss_code for a in resolve_name(spelling)] == [code]


def test_a_name_two_bodies_shared_is_decided_by_the_date():
    import datetime

    assert [a.gss_code for a in resolve_name("Buckinghamshire", on=datetime.date(2018, 1, 29))] == [
        "E10000002"
    ]
    assert [a.gss_code for a in resolve_name("Buckinghamshire", on=datetime.date(2024, 1, 1))] == [
        "E06000060"
    ]


def test_other_codes_resolve():
    assert Authority.objects.get(other_codes__contains=["E08000038"]).short_name == "Barnsley"


def test_loading_twice_changes_nothing():
    before = list(Authority.objects.order_by("pk").values())
    call_command("load_councils", verbosity=0)
    assert list(Authority.objects.order_by("pk").values()) == before


def test_the_file_has_no_problems():
    rows, problems = parse_councils()
    assert problems == []
    assert len(rows) == Authority.objects.count()


def test_city_of_london_is_not_folded_away():
    assert [a.gss_code for a in resolve_name("City of London Corporation")] == ["E09000001"]
    assert [a.gss_code for a in resolve_name("City of London")] == ["E09000001"]
