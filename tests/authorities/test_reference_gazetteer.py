"""The reader's gazetteer is built from the rows of the one councils parser (authorities.reference), with no
database: every row, its aliases and its dates reach the reader."""

import datetime

from authorities.reference import parse_councils
from inspections.gazetteer import reference_gazetteer


def test_every_row_of_the_reference_file_is_a_council_of_the_gazetteer():
    rows, _problems = parse_councils()
    gazetteer, problems = reference_gazetteer()
    assert problems == []
    assert [c.code for c in gazetteer.councils] == [r.gss_code for r in rows]
    devon = gazetteer.by_code["E10000008"]
    assert (devon.name, devon.short_name, devon.dfe_number) == ("Devon County Council", "Devon", "878")


def test_the_reader_finds_a_council_by_an_alias_and_by_the_day():
    gazetteer, _problems = reference_gazetteer()
    assert gazetteer.resolve("Inspection of BCP Council children's services").code == "E06000058"
    text = "Inspection of Somerset local authority children's services"
    assert gazetteer.resolve(text, on=datetime.date(2022, 5, 1)).code == "E10000027"
    assert gazetteer.resolve(text, on=datetime.date(2024, 5, 1)).code == "E06000066"


def test_a_bad_file_is_read_as_far_as_it_goes_and_says_what_is_wrong(tmp_path):
    path = tmp_path / "councils.csv"
    header = (
        "gss_code,dfe_number,name,short_name,slug,type,region,active_from,active_to,aliases,other_codes,"
        "successor_codes,notes\n"
    )
    path.write_text(
        "# a test file\n"
        + header
        + "E06000015,831,Derby City Council,Derby,derby,unitary,East Midlands,,,,,,\n"
        "X1,999,Atlantis Council,Atlantis,atlantis,unitary,South West,,,,,,\n",
        encoding="utf-8",
    )
    gazetteer, problems = reference_gazetteer(path)
    assert problems == ["line 4: 'X1' is not an English council code"]
    assert sorted(c.code for c in gazetteer.councils) == ["E06000015", "X1"]
