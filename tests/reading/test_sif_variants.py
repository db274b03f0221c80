"""A real SIF report's text changed into the other ways SIF reports and other tools write the same facts:
the reading follows the words, not one layout."""

import re
from functools import cache

from inspections.reading.text import extract

from .helpers import PDFS, read_text

NAME = "derby_sif_2017-06-13"
TABLE = (
    "1. Children who need help and protection Requires improvement\n"
    "2. Children looked after and achieving \npermanence\nGood\n"
    "2.1 Adoption performance Good\n"
    "2.2 Experiences and progress of care leavers Good\n"
    "3. Leadership, management and governance Good\n"
)
WANTED = {
    "overall": 2,
    "help_and_protection": 3,
    "children_in_care": 2,
    "adoption": 2,
    "care_leavers": 2,
    "leadership": 2,
    "lscb": 1,
}


@cache
def _text() -> str:
    path = PDFS / f"{NAME}.pdf"
    text = "\f".join(extract(path.read_bytes(), path.name).pages)
    assert TABLE in text
    return text


def _primary(text: str) -> dict:
    shape = read_text(text).to_expected_shape()
    return next(e for e in shape["events"] if e["role"] == "primary")


def _grades(event: dict) -> dict:
    return {j["theme"]: j["value"] for j in event["judgements"]}


def test_the_unchanged_text_reads_whole():
    event = _primary(_text())
    assert _grades(event) == WANTED and event["published"] == "2017-06-13"


def test_a_table_read_column_by_column():
    # Some tools write a table's first column, then its second.
    columns = (
        "1. Children who need help and protection\n"
        "2. Children looked after and achieving permanence\n"
        "2.1 Adoption performance\n"
        "2.2 Experiences and progress of care leavers\n"
        "3. Leadership, management and governance\n"
        "Inadequate\nRequires improvement\nGood\nOutstanding\nGood\n"
    )
    event = _primary(_text().replace(TABLE, columns))
    grades = _grades(event)
    assert grades["help_and_protection"] == 4
    assert grades["children_in_care"] == 3
    assert grades["adoption"] == 2
    assert grades["care_leavers"] == 1
    assert grades["leadership"] == 2


def test_footnote_marks_beside_grades():
    text = _text().replace(TABLE, TABLE.replace("governance Good", "governance 3 Good"))
    text = text.replace(
        "Children’s services in Derby City are good\n", "Children’s services in Derby City are good2\n"
    )
    event = _primary(text)
    assert _grades(event) == WANTED
    leadership = next(j for j in event["judgements"] if j["theme"] == "leadership")
    assert leadership["label"] == "Leadership, management and governance"


def test_capitalised_grades_in_the_sentences():
    text = _text().replace(
        "Children’s services in Derby City are good\n", "Children’s services in Derby City are Good\n"
    )
    text = text.replace(
        "The Local Safeguarding Children Board is outstanding",
        "The Local Safeguarding Children Board is Outstanding",
    )
    assert _grades(_primary(text)) == WANTED


def test_other_wordings_of_the_overall_and_board_sentences():
    text = _text().replace(
        "Children’s services in Derby City are good\n",
        "The overall judgement is that services for children in Derby City are good\n",
    )
    text = text.replace(
        "The Local Safeguarding Children Board is outstanding",
        "The effectiveness of the LSCB in Derby City is judged to be outstanding",
    )
    assert _grades(_primary(text)) == WANTED


def test_other_ways_of_giving_the_publication_date():
    for line in (
        "Publication date: 13 June 2017",
        "Report published: 13/06/2017",
        "Date of publication:\n13 June 2017",
    ):
        text = _text().replace("Report published: 13 June 2017", line)
        assert _primary(text)["published"] == "2017-06-13", line


def test_publication_date_run_onto_the_dates_line():
    text = re.sub(
        r"Inspection date: (.*)\nReport published:", r"Inspection date: \1 Report published:", _text()
    )
    event = _primary(text)
    assert (event["start"], event["end"], event["published"]) == ("2017-03-06", "2017-03-30", "2017-06-13")


def test_changed_publication_date_follows_the_text():
    text = _text().replace("Report published: 13 June 2017", "Report published: 2 August 2017")
    assert _primary(text)["published"] == "2017-08-02"


def test_a_negated_earlier_grade_is_not_the_overall_grade():
    # A re-inspection's summary: 'no longer inadequate' names the grade it left behind.
    sentence = "Children’s services in Derby City are good\n"
    before = "Services for children in Derby City are no longer inadequate. "
    text = _text().replace(sentence, before + sentence)
    assert _grades(_primary(text))["overall"] == 2


def test_quoted_grades_in_the_overall_and_board_sentences():
    sentence, board = "Children’s services in Derby City are good\n", "Children Board is outstanding"
    text = _text().replace(sentence, "The overall judgement is that children’s services are ‘good’\n")
    text = text.replace(board, "Children Board is judged to be ‘outstanding’")
    assert _grades(_primary(text)) == WANTED
