"""Council resolution: names that look alike, names inside other bodies' names, and councils that succeed
others."""

from datetime import date
from pathlib import Path

import pytest

from inspections.reading.councils import Council, Gazetteer, load_gazetteer_csv
from inspections.reading.errors import AmbiguousCouncil, UnknownCouncil

from .helpers import FIXTURE_GAZETTEER, gazetteer

PROJECT_CSV = Path(__file__).resolve().parents[2] / "authorities" / "data" / "councils.csv"


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


def test_csv_loader_reads_comments_lists_and_dates(tmp_path):
    path = tmp_path / "councils.csv"
    path.write_text(
        "# a comment line\n"
        "gss_code,dfe_number,name,short_name,slug,type,region,active_from,active_to,aliases,other_codes,"
        "successor_codes,notes\n"
        "E10000002,825,Buckinghamshire County Council,Buckinghamshire,b,county,SE,,2020-03-31,Bucks|Bucks CC,"
        "E1|E2,E06000060,note\n",
        encoding="utf-8",
    )
    loaded = load_gazetteer_csv(path)
    council = loaded.councils[0]
    assert council.aliases == ("Bucks", "Bucks CC")
    assert council.other_codes == ("E1", "E2")
    assert council.active_to == date(2020, 3, 31) and council.active_from is None
    assert loaded.resolve("Inspection of Bucks children's services", None).code == "E10000002"


def test_fixture_and_project_lists_load():
    assert len(load_gazetteer_csv(FIXTURE_GAZETTEER)) > 40
    if (
        PROJECT_CSV.exists()
    ):  # another engineer's list: when present, the corpus councils must all resolve in it
        project = load_gazetteer_csv(PROJECT_CSV)
        assert (
            project.resolve("Inspection of Derby local authority children's services", None).code
            == "E06000015"
        )
