"""Council resolution: names that look alike, names inside other bodies' names, and councils that succeed
others."""

from datetime import date

import pytest

from inspections.reading.councils import Council, Gazetteer
from inspections.reading.errors import AmbiguousCouncil, UnknownCouncil

from .helpers import gazetteer


def code(text: str, on: date | None = None) -> str:
    return gazetteer().resolve(text, on).code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Inspection of Derby local authority children's services\nDerbyshire partners attended.",
            "E06000015",
        ),
        ("Derby City\nInspection of services for children in need", "E06000015"),
        (
            "Derbyshire County Council\nInspection of children's social care services\nDerby colleagues",
            "E10000007",
        ),
        ("Inspection of Bedford local authority children's services\nCentral Bedfordshire", "E06000055"),
        ("Inspection of Central Bedfordshire local authority children's services\nBedford", "E06000056"),
        ("Inspection of Kingston upon Thames local authority children's services", "E09000021"),
        ("Inspection of Kingston upon Hull local authority children's services", "E06000010"),
        ("Inspection of York local authority children's services\nNorth Yorkshire police", "E06000014"),
        (
            "Inspection of Bradford Children and Families Trust\nInspection dates: 1 to 5 May 2026",
            "E08000032",
        ),
        ("London Borough of Bromley\nInspection of services", "E09000006"),
        ("Royal Borough of Kensington and\nChelsea\nInspection of services", "E09000020"),
        ("City of London\nInspection of services for children", "E09000001"),
        ("Inspection of Durham local authority children's services", "E06000047"),
        ("Inspection of Bath and North East Somerset local authority children's services", "E06000022"),
    ],
)
def test_the_council_the_document_is_about(text, expected):
    assert code(text, date(2024, 1, 1)) == expected


def test_councils_in_an_nhs_boards_name_do_not_count():
    text = (
        "Area SEND inspection of Wiltshire Local Area Partnership\n"
        + "Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board (ICB) is responsible. "
        * 5
    )
    assert code(text, date(2024, 10, 14)) == "E06000054"


def test_ofsted_address_is_not_a_council():
    letter = "Ofsted\nPiccadilly Gate\nStore Street\nManchester\nM1 2WD\n20 November 2020\nDear Ms X\n" * 3
    letter += "Focused visit to Merton local authority children's services\n"
    assert code(letter) == "E09000024"


def test_the_date_chooses_between_a_council_and_its_successor():
    text = "Inspection of Buckinghamshire local authority children's services"
    assert code(text, date(2017, 11, 6)) == "E10000002"
    assert code(text, date(2021, 5, 1)) == "E06000060"
    # Without a date, the council that exists now.
    assert code(text) == "E06000060"
    assert (
        code("Inspection of North Yorkshire local authority children's services", date(2019, 1, 1))
        == "E10000023"
    )
    assert (
        code("Inspection of North Yorkshire local authority children's services", date(2024, 1, 1))
        == "E06000065"
    )


def test_a_predecessor_named_in_the_text_does_not_win():
    text = (
        "Inspection of Cumberland local authority children's services\n"
        "Children's services in the predecessor local authority, Cumbria County Council, were judged. "
        "Cumbria Cumbria Cumbria. Westmorland and Furness.\n"
    )
    assert code(text, date(2024, 10, 7)) == "E06000063"


def test_partner_council_mentioned_in_a_paper():
    text = (
        "Devon County Council's Children's Services were judged. Devon. Devon. Cornwall Council supports us."
    )
    assert code(text) == "E10000008"


def test_unknown_and_ambiguous():
    with pytest.raises(UnknownCouncil):
        gazetteer().resolve("Inspection of Cardiff Council children's services", None)
    with pytest.raises(AmbiguousCouncil) as caught:
        gazetteer().resolve("Leeds and Plymouth agreed. Leeds and Plymouth met.", None)
    assert {c for c, _ in caught.value.candidates} == {"E08000035", "E06000026"}


def test_lower_case_words_are_not_names():
    g = Gazetteer(
        [
            Council("E06000038", "Reading Borough Council", "Reading"),
            Council("E08000002", "Bury Council", "Bury"),
        ]
    )
    with pytest.raises(UnknownCouncil):
        g.resolve("They bury the lede while reading the report.", None)
