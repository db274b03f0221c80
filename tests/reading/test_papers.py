"""Council papers that report an Ofsted outcome: the event, its grades (prose, tables, lists), its date and
the council; an earlier inspection's grade goes to that earlier inspection; audits, other councils and the
scale are no grades."""

from functools import cache

import pytest

from inspections.reading.reader import read
from inspections.reading.text import extract

from . import paper_texts as p
from .forms import in_every_form, reflowed
from .helpers import PDFS, gazetteer, read_text


def _shape(text: str) -> dict:
    return read_text(text).to_expected_shape()


def _events(shape: dict, role: str) -> list[dict]:
    return [e for e in shape["events"] if e["role"] == role and e["judgements"]]


def _grades(event: dict) -> dict:
    return {j["theme"]: j["value"] for j in event["judgements"]}


@pytest.mark.parametrize("form", ["pdf", "reflowed"])
def test_cabinet_report_outcome_table_and_earlier_inspection(form):
    text = p.cabinet_report()
    shape = _shape(reflowed(text) if form == "reflowed" else text)
    assert shape["document_kind"] == "committee_paper"
    assert shape["authority_code"] == "E06000054"
    [reported] = _events(shape, "reported")
    assert reported["kind"] == "ilacs"
    assert (reported["start"], reported["end"]) == ("2023-06-12", "2023-06-23")
    # The prose's overall grade and the table's rows, 'requires improvement' / 'to be good' read whole.
    assert _grades(reported) == {
        "overall": 2,
        "leadership": 1,
        "help_and_protection": 2,
        "children_in_care": 2,
        "care_leavers": 3,
    }
    care_leavers = next(j for j in reported["judgements"] if j["theme"] == "care_leavers")
    assert care_leavers["grade"] == "Requires improvement to be good"
    # The 2019 grade is the 2019 inspection's, never the new one's; audits and the nation are no one's.
    [earlier] = _events(shape, "mentioned")
    assert earlier["year"] == 2019
    assert _grades(earlier) == {"overall": 3}
    assert not [e for e in shape["events"] if e["start"] == "2023-09-12"]  # the meeting's date is no event


def test_cabinet_report_follows_the_text():
    shape = _shape(p.cabinet_report(council="Swindon", overall="inadequate", earlier_words="to be good"))
    assert shape["authority_code"] == "E06000030"
    [reported] = _events(shape, "reported")
    assert _grades(reported)["overall"] == 4
    [earlier] = _events(shape, "mentioned")
    assert _grades(earlier) == {"overall": 2}


def test_scrutiny_minutes_sub_judgements_in_prose():
    shape = _shape(p.scrutiny_minutes())
    assert shape["authority_code"] == "E08000035"
    [reported] = _events(shape, "reported")
    assert reported["kind"] == "sif" and reported["month"] == "2015-03"
    assert _grades(reported) == {
        "overall": 2,
        "leadership": 1,
        "help_and_protection": 3,
        "adoption": 2,
        "lscb": 2,
    }
    adoption = next(j for j in reported["judgements"] if j["theme"] == "adoption")
    assert adoption["parent_theme"] == "children_in_care"
    # 'last inspected in 2010 ... adequate' is the 2010 inspection's grade.
    [earlier] = _events(shape, "mentioned")
    assert earlier["year"] == 2010 and _grades(earlier) == {"overall": 3}


def test_scrutiny_minutes_follow_the_text():
    [reported] = _events(
        _shape(p.scrutiny_minutes(overall="inadequate", lscb="requires improvement")), "reported"
    )
    assert _grades(reported)["overall"] == 4
    assert _grades(reported)["lscb"] == 3


def test_board_paper_outcome_visits_and_no_other_councils():
    shape = _shape(p.board_paper())
    assert shape["authority_code"] == "E06000027"
    [reported] = _events(shape, "reported")
    assert reported["kind"] == "ilacs" and reported["month"] == "2023-11"
    assert _grades(reported) == {"overall": 4}
    kinds = {(e["kind"], e["role"]) for e in shape["events"]}
    assert ("monitoring_visit", "reported") in kinds and ("monitoring_visit", "expected") in kinds
    # 'Other councils in the region were judged good in 2023' grades nobody here.
    assert [j for e in shape["events"] for j in e["judgements"] if j["value"] == 2] == []


def test_an_outcome_and_the_earlier_grade_in_one_sentence():
    text = (
        "Leicester City Council\nChildren, Young People and Education Scrutiny Commission\n"
        "Date of meeting: 4 March 2025\n"
        "1. Ofsted inspected children's services in November 2024. The council's services are now judged "
        "good overall, up from 'inadequate' at the previous inspection in 2019.\n"
    )
    shape = _shape(text)
    [reported] = _events(shape, "reported")
    assert reported["month"] == "2024-11" and _grades(reported) == {"overall": 2}
    [earlier] = _events(shape, "mentioned")
    assert earlier["year"] == 2019 and _grades(earlier) == {"overall": 4}


def test_the_scale_and_national_counts_are_no_grades():
    text = (
        "Darlington Borough Council\nCabinet\nDate of meeting: 2 May 2023\n"
        "1. Ofsted's judgements are 'outstanding', 'good', 'requires improvement to be good' and "
        "'inadequate'.\n"
        "2. Across England, 12% of councils were judged outstanding in 2022.\n"
        "3. Our practice audits in January 2023 found 60% of cases rated good.\n"
    )
    shape = _shape(text)
    assert [j for e in shape["events"] for j in e["judgements"]] == []


def test_a_history_table_of_years_gives_no_grades():
    text = (
        "Plymouth City Council\nCabinet\nDate of meeting: 2 May 2023\n"
        "1. The table shows Ofsted's judgements of children's services since 2012.\n"
        "Judgement 2012 2016 2019\n"
        "Overall effectiveness Inadequate Requires improvement Good\n"
    )
    shape = _shape(text)
    assert [j for e in shape["events"] for j in e["judgements"]] == []


@cache
def _pdf_text(name: str) -> str:
    path = PDFS / f"{name}.pdf"
    return "\f".join(extract(path.read_bytes(), path.name).pages)


@pytest.mark.parametrize(
    "name", ["derby_ilacs_2022-05-11", "cheshire_east_sif_2015-09-15", "devon_ilacs_2020-03-17"]
)
def test_a_report_pasted_into_a_paper_is_the_inspection_it_reports(name):
    report = read(
        extract((PDFS / f"{name}.pdf").read_bytes(), f"{name}.pdf"), gazetteer()
    ).to_expected_shape()
    primary = next(e for e in report["events"] if e["role"] == "primary")
    shape = _shape(p.paper_with_report_pasted(_pdf_text(name), council="Derby"))
    assert shape["document_kind"] == "committee_paper"
    reported = [e for e in shape["events"] if e["role"] == "reported" and e["kind"] == primary["kind"]]
    assert len(reported) == 1
    got = reported[0]
    assert (got["start"], got["end"]) == (primary["start"], primary["end"])
    assert sorted((j["theme"], j["value"]) for j in got["judgements"]) == sorted(
        (j["theme"], j["value"]) for j in primary["judgements"]
    )
    # The passages point into the paper, at the pasted report's words.
    reading = read_text(p.paper_with_report_pasted(_pdf_text(name), council="Derby"))
    event = next(e for e in reading.events if e.role == "reported" and e.kind == primary["kind"])
    for judgement in event.judgements:
        assert judgement.grade.split()[0].lower() in reading_text_at(reading, judgement.passage).lower()


def reading_text_at(reading, passage) -> str:
    return passage.quote


def test_a_pipe_table_and_other_wordings_in_a_paper():
    text = (
        "Portsmouth City Council\nCabinet\nDate of meeting: 9 October 2023\n"
        "1. Ofsted inspected the council's children's services from 15 to 26 May 2023. The outcome of the "
        "inspection was 'Good'. Inspectors judged that services for care leavers are requires improvement to "
        "be good.\n"
        "| Judgement area | Grade |\n"
        "| The impact of leaders on social work practice with children and families | Good |\n"
        "| The experiences and progress of children who need help and protection | Outstanding |\n"
        "| The experiences and progress of children in care | Good |\n"
        "| The experiences and progress of care leavers | Requires improvement to be good |\n"
        "| Overall effectiveness | Good |\n"
    )
    shape = _shape(text)
    assert shape["authority_code"] == "E06000044"
    [reported] = _events(shape, "reported")
    assert (reported["kind"], reported["start"], reported["end"]) == ("ilacs", "2023-05-15", "2023-05-26")
    assert _grades(reported) == {
        "overall": 2,
        "care_leavers": 3,
        "leadership": 2,
        "help_and_protection": 1,
        "children_in_care": 2,
    }
    labels = [j["label"] for j in reported["judgements"]]
    assert not [label for label in labels if "|" in label]


def test_a_bulleted_list_of_judgements_without_quotes():
    text = (
        "Bedford Borough Council\nChildren's Services Scrutiny Committee\nDate of meeting: 1 July 2024\n"
        "1. Ofsted carried out an inspection of local authority children's services from 4 to 15 March "
        "2024.\n"
        "2. The judgements were as follows:\n"
        "- The impact of leaders on social work practice with children and families: Good\n"
        "- The experiences and progress of children who need help and protection: Requires improvement\n"
        "to be good\n"
        "- The experiences and progress of children in care: Good\n"
        "- The experiences and progress of care leavers: Outstanding\n"
        "- Overall effectiveness: Good\n"
        "3. Our own audit found 40% of cases were good.\n"
    )
    shape = _shape(text)
    assert shape["authority_code"] == "E06000055"
    [reported] = _events(shape, "reported")
    assert (reported["kind"], reported["start"], reported["end"]) == ("ilacs", "2024-03-04", "2024-03-15")
    assert _grades(reported) == {
        "overall": 2,
        "leadership": 2,
        "help_and_protection": 3,
        "children_in_care": 2,
        "care_leavers": 1,
    }


def test_grades_of_the_councils_other_inspected_services_are_not_its_childrens_services_grades():
    text = (
        "Torbay Council\nCorporate Parenting Board\nDate of meeting: 3 June 2024\n"
        "1. The council's fostering service was judged good by Ofsted in March 2024.\n"
        "2. The local area SEND inspection in January 2024 found the arrangements to be 'inconsistent'; the "
        "youth justice service was rated good by HM Inspectorate of Probation in 2023.\n"
        "3. Ofsted judged the council's children's services to be inadequate in November 2023.\n"
    )
    shape = _shape(text)
    graded = [(e["kind"], e["month"], _grades(e)) for e in shape["events"] if e["judgements"]]
    assert graded == [("ilacs", "2023-11", {"overall": 4})]


def test_minutes_naming_an_area_send_inspection_in_passing_are_still_read():
    text = (
        "Item 5. Members noted that the local area SEND inspection would report in the autumn. The Cabinet "
        "Member reported that Ofsted had judged the council's children's services to be good in May 2023, "
        "and the committee thanked staff. Recommendations: that the report be noted.\n"
    )
    shape = _shape(text)
    assert shape["document_kind"] == "committee_paper"
    graded = [(e["kind"], e["month"], _grades(e)) for e in shape["events"] if e["judgements"]]
    assert graded == [("ilacs", "2023-05", {"overall": 2})]


def _summary(shape: dict) -> list:
    return sorted(
        (e["kind"], e["role"], e["start"] or e["month"] or e["year"], tuple(sorted(_grades(e).items())))
        for e in shape["events"]
    )


@pytest.mark.parametrize("form", ["reflowed", "word", "html", "other_pdf"])
@pytest.mark.parametrize("builder", [p.cabinet_report, p.scrutiny_minutes, p.board_paper])
def test_every_form_of_a_paper_reads_as_its_text(builder, form):
    text = builder()
    want = _shape(text)
    assert [e for e in want["events"] if e["judgements"]]  # a paper that reports an outcome
    got = read(in_every_form(text)[form], gazetteer()).to_expected_shape()
    assert (got["document_kind"], got["authority_code"]) == (want["document_kind"], want["authority_code"])
    assert _summary(got) == _summary(want)


@pytest.mark.parametrize("name", ["merton_focused_visit_2020-11-20", "derby_focused_visit_2021-08-09"])
def test_a_letter_pasted_into_a_paper_is_the_visit_it_reports(name):
    path = PDFS / f"{name}.pdf"
    letter = read(extract(path.read_bytes(), path.name), gazetteer()).to_expected_shape()
    primary = next(e for e in letter["events"] if e["role"] == "primary")
    cover = p.paper_with_report_pasted("", council="Derby").replace(
        "recent Ofsted inspection", "Ofsted visit"
    )
    shape = _shape(cover + _pdf_text(name))
    assert shape["document_kind"] == "committee_paper"
    visits = [e for e in shape["events"] if e["kind"] == primary["kind"] and e["role"] == "reported"]
    assert [(e["start"], e["end"], e["published"]) for e in visits] == [
        (primary["start"], primary["end"], primary["published"])
    ]
    # A visit is never graded; grades the letter recalls belong to the earlier inspection it names.
    assert [e["role"] for e in shape["events"] if e["judgements"]] in ([], ["mentioned"])
    assert visits[0]["judgements"] == []
