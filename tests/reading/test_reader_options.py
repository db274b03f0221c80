"""The reader's version, a council chosen by hand, documents outside children's services, and how the reader's
work grows with the length of a text."""

import sys

import pytest

from inspections.reading.facts import Reading
from inspections.reading.reader import READER_VERSION, read
from inspections.reading.text import ExtractedText

from .helpers import SEEDS, gazetteer, pdf_cases, read_pdf_file, read_text, seed_text

DERBY = "E06000015"

# An ILACS report that never names its council (its title and address block cut off).
NAMELESS_REPORT = """Inspection of children's social care services

Inspection dates: 8 July 2019 to 12 July 2019

Lead inspector: Jane Example, Her Majesty's Inspector

Judgement\tGrade
The impact of leaders on social work practice with children and families\tGood
The experiences and progress of children who need help and protection\tRequires improvement to be good
The experiences and progress of children in care and care leavers\tGood
Overall effectiveness\tGood

Children's services have improved since the last inspection in 2016, when they were judged to require
improvement to be good. Leaders know their services well.

What needs to improve in this area of social work practice

- The quality of written plans for children in need.
- The timeliness of assessments for care leavers.
"""


def test_every_reading_records_the_reader_version():
    reading = read_text(seed_text("000_57d247f1c5f3f964"))
    assert READER_VERSION and reading.reader_version == READER_VERSION
    again = Reading.from_json(reading.to_json())
    assert again.reader_version == READER_VERSION
    assert again.out_of_scope == ""


def test_a_document_that_names_no_council_is_read_for_the_council_chosen_by_hand():
    alone = read_text(NAMELESS_REPORT)
    assert alone.council is None
    assert [error["code"] for error in alone.errors] == ["unknown_council"]

    forced = read(ExtractedText.from_string(NAMELESS_REPORT), gazetteer(), council_code=DERBY)
    assert forced.council is not None
    assert (forced.council.code, forced.council.name) == (DERBY, "Derby")
    assert forced.council.chosen_by_hand and forced.council.passage is None
    assert forced.errors == []
    primary = forced.primary
    assert primary is not None and primary.kind == "ilacs"
    assert (primary.start.isoformat(), primary.end.isoformat()) == ("2019-07-08", "2019-07-12")
    assert primary.lead_inspector == "Jane Example"
    assert {j.theme: j.value for j in primary.judgements} == {
        "leadership": 2,
        "help_and_protection": 3,
        "children_in_care": 2,
        "overall": 2,
    }
    assert len(primary.recommendations) == 2
    # Everything but the council is what the reader reads without the choice.
    assert [e.kind for e in forced.events] == [e.kind for e in alone.events]
    assert Reading.from_json(forced.to_json()).council.passage is None


def test_the_council_chosen_by_hand_wins_over_the_council_the_text_names():
    text = seed_text("000_57d247f1c5f3f964")  # a Derbyshire report
    named = read_text(text)
    assert named.council.code != DERBY
    forced = read(ExtractedText.from_string(text), gazetteer(), council_code=DERBY)
    assert forced.council.code == DERBY and forced.council.confidence == 1.0
    assert forced.to_expected_shape()["events"] == named.to_expected_shape()["events"]


def test_a_chosen_council_that_the_text_names_points_at_its_passage():
    text = seed_text("000_57d247f1c5f3f964")
    named = read_text(text)
    forced = read(ExtractedText.from_string(text), gazetteer(), council_code=named.council.code)
    assert forced.council.passage is not None
    assert forced.council.passage.char_start == named.council.passage.char_start


def test_a_chosen_council_missing_from_the_list_is_an_error_not_a_guess():
    reading = read(ExtractedText.from_string(NAMELESS_REPORT), gazetteer(), council_code="E99999999")
    assert reading.council is None
    assert [error["code"] for error in reading.errors] == ["unknown_council"]
    assert reading.primary is not None  # the rest is still read


AREA_SEND = [name for name in pdf_cases() if "area_send" in name]


def test_the_corpus_has_its_three_area_send_reports():
    assert len(AREA_SEND) == 3


@pytest.mark.parametrize("name", AREA_SEND)
def test_an_area_send_report_says_it_is_out_of_scope(name):
    reading = read_pdf_file(name)
    assert reading.document_kind == "other"
    assert reading.events == [] and reading.judgements() == []
    assert reading.out_of_scope.startswith("an area SEND inspection report: ")
    assert "not children's services judgements" in reading.out_of_scope
    assert Reading.from_json(reading.to_json()).out_of_scope == reading.out_of_scope


@pytest.mark.parametrize(
    "title, words",
    [
        (
            "School report\n\nExample Primary School\n\nInspection dates 3-4 May 2016",
            "a school inspection report",
        ),
        (
            "Children's home inspection - Full\n\nInspection date: 12 March 2019",
            "a children's home inspection",
        ),
        ("Further education and skills inspection report\n\nExample College", "further education and skills"),
        (
            "Inspection of Example Day Nursery\n\nInspection date: 5 May 2022\n\n"
            "Type of provision: Childcare on non-domestic premises",
            "early years (nursery",
        ),
        ("Independent fostering agency inspection\n\nExample Fostering Ltd", "independent fostering"),
    ],
)
def test_other_documents_outside_childrens_services_say_what_they_are(title, words):
    reading = read_text(title + "\n\nOfsted inspected the setting and judged it to be good.\n")
    assert reading.document_kind == "other"
    assert reading.events == []
    assert words in reading.out_of_scope
    assert "children's services" in reading.out_of_scope


@pytest.mark.parametrize("name", [path.stem for path in sorted(SEEDS.glob("*.txt"))])
def test_documents_about_childrens_services_are_in_scope(name):
    assert read_text(seed_text(name)).out_of_scope == ""


# -- work against length ------------------------------------------------------------------------------------
# Timing has no place in tests; the number of function calls (Python and C) the reader makes does not depend
# on the machine. Reading the same documents four times over must cost about four times the calls, not
# sixteen: before the reader was made linear, a text starting with a SLAC report cost 6.4 times the calls.


def _calls(text: str) -> int:
    extracted = ExtractedText.from_string(text)
    gazetteer()  # loaded before counting
    count = 0

    def profile(_frame, event, _arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        read(extracted, gazetteer())
    finally:
        sys.setprofile(previous)
    return count


@pytest.mark.parametrize("first", [0, 1, 3])  # an ILACS report, a SLAC report, a committee paper
def test_reading_four_times_the_text_costs_about_four_times_the_work(first):
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    documents = seeds[first:] + seeds[:first]
    once = _calls("\f".join(documents))
    four_times = _calls("\f".join(documents * 4))
    assert four_times < 5 * once, (once, four_times)
