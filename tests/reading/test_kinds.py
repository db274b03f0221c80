"""Kinds of Ofsted document the corpus has no copy of: each is read for what it is (kind, council, dates, and
grades only where its framework gives them), in its PDF text and re-flowed as another tool gives it."""

import pytest

from inspections.reading.reader import read

from . import kind_texts as k
from .forms import in_every_form, reflowed
from .helpers import gazetteer, read_text


def _read(text: str, form: str = "pdf") -> dict:
    return read_text(reflowed(text) if form == "reflowed" else text).to_expected_shape()


def _primary(shape: dict) -> dict:
    primaries = [e for e in shape["events"] if e["role"] == "primary"]
    assert len(primaries) == 1, shape["events"]
    return primaries[0]


def _grades(event: dict) -> dict:
    return {j["theme"]: (j["grade"], j["value"]) for j in event["judgements"]}


def _graded_elsewhere(shape: dict) -> list:
    return [j for e in shape["events"] if e["role"] != "primary" for j in e["judgements"]]


FORMS = ("pdf", "reflowed")


@pytest.mark.parametrize("form", FORMS)
def test_cpi_report(form):
    shape = _read(k.cpi_report(), form)
    assert shape["document_kind"] == "inspection_report"
    assert shape["authority_code"] == "E10000027"  # Somerset County Council in 2013
    event = _primary(shape)
    assert event["kind"] == "cpi"
    assert (event["start"], event["end"], event["published"]) == ("2013-03-11", "2013-03-22", "2013-04-26")
    assert event["lead_inspector"] == "Margaret Hamlin"
    grades = _grades(event)
    assert grades["overall"] == ("Inadequate", 4)
    assert grades["help_and_protection"] == ("Inadequate", 4)
    assert grades["leadership"] == ("Adequate", 3)
    # The 2010 safeguarding inspection's 'good' and the audit's 40% are no judgements of this inspection.
    assert ("Good", 2) not in grades.values()
    assert _graded_elsewhere(shape) == []


def test_cpi_grades_follow_the_text():
    event = _primary(_read(k.cpi_report(council="Cornwall", overall="Good", leadership="Outstanding")))
    grades = _grades(event)
    assert grades["overall"] == ("Good", 2)
    assert grades["leadership"] == ("Outstanding", 1)


@pytest.mark.parametrize("form", FORMS)
def test_tlac_report(form):
    shape = _read(k.tlac_report(), form)
    assert shape["document_kind"] == "inspection_report"
    assert shape["authority_code"] == "E06000016"
    event = _primary(shape)
    assert event["kind"] == "tlac"
    assert (event["start"], event["end"], event["published"]) == ("2013-03-04", "2013-03-15", "2013-04-19")
    # One overall grade; the 2010 SLAC 'good' and the children's homes' 'good' are not this inspection's.
    assert _grades(event) == {"overall": ("Adequate", 3)}
    assert _graded_elsewhere(shape) == []


def test_tlac_grade_follows_the_text():
    event = _primary(_read(k.tlac_report(council="Darlington", overall="Inadequate")))
    assert _grades(event) == {"overall": ("Inadequate", 4)}


@pytest.mark.parametrize("form", FORMS)
def test_stand_alone_lscb_review(form):
    shape = _read(k.lscb_review(), form)
    assert shape["document_kind"] == "inspection_report"
    assert shape["authority_code"] == "E06000027"
    event = _primary(shape)
    assert event["kind"] == "lscb_review"
    assert (event["start"], event["end"], event["published"]) == ("2015-01-12", "2015-02-03", "2015-03-20")
    # The board's grade only: the council's 2014 'inadequate' belongs to another inspection.
    assert _grades(event) == {"lscb": ("requires improvement", 3)}  # as the text writes it


def test_lscb_grade_follows_the_text():
    assert _grades(_primary(_read(k.lscb_review(grade="is good")))) == {"lscb": ("good", 2)}


@pytest.mark.parametrize("form", FORMS)
def test_unannounced_inspection_letter(form):
    shape = _read(k.unannounced_letter(), form)
    assert shape["document_kind"] == "visit_letter"
    assert shape["authority_code"] == "E10000024"
    event = _primary(shape)
    assert event["kind"] == "unannounced"
    assert (event["start"], event["end"], event["published"]) == ("2010-03-09", "2010-03-10", "2010-04-14")
    assert [j for e in shape["events"] for j in e["judgements"]] == []


@pytest.mark.parametrize("form", FORMS)
def test_monitoring_visit_letter(form):
    shape = _read(k.monitoring_letter(), form)
    assert shape["document_kind"] == "visit_letter"
    assert shape["authority_code"] == "E08000003"
    event = _primary(shape)
    assert event["kind"] == "monitoring_visit"
    assert (event["start"], event["end"], event["published"]) == ("2016-03-16", "2016-03-17", "2016-04-19")
    assert [j for e in shape["events"] for j in e["judgements"]] == []


@pytest.mark.parametrize("form", FORMS)
def test_jtai_letter(form):
    shape = _read(k.jtai_letter(), form)
    assert shape["document_kind"] == "visit_letter"
    # Cornwall and the Isles of Scilly are named as the police's and commissioner's areas, not the council's.
    assert shape["authority_code"] == "E10000008"
    event = _primary(shape)
    assert event["kind"] == "jtai"
    assert (event["start"], event["end"], event["published"]) == ("2023-01-09", "2023-01-13", "2023-03-09")
    # A JTAI gives no grade; the 2020 'inadequate' is the council's earlier inspection.
    assert event["judgements"] == []


def test_jtai_dates_follow_the_text():
    event = _primary(_read(k.jtai_letter(council="Wiltshire", visit="6 to 10 November 2023")))
    assert (event["start"], event["end"]) == ("2023-11-06", "2023-11-10")


@pytest.mark.parametrize("form", FORMS)
def test_unknown_kind_of_letter_is_a_visit_letter(form):
    shape = _read(k.unknown_letter(), form)
    assert shape["document_kind"] == "visit_letter"
    assert shape["authority_code"] == "E06000054"
    event = _primary(shape)
    assert event["kind"] == "other"
    assert (event["start"], event["end"], event["published"]) == ("2027-05-06", "2027-05-08", "2027-06-03")
    assert [j for e in shape["events"] for j in e["judgements"]] == []


@pytest.mark.parametrize("form", FORMS)
def test_unknown_framework_report_is_an_inspection_report(form):
    shape = _read(k.unknown_report(), form)
    assert shape["document_kind"] == "inspection_report"
    assert shape["authority_code"] == "E06000054"
    event = _primary(shape)
    assert event["kind"] == "other"
    assert (event["start"], event["end"], event["published"]) == ("2027-04-12", "2027-04-23", "2027-06-02")
    assert event["lead_inspector"] == "Sarah Canto"
    # A framework the reader does not know has no grades it can name on the four-point scale.
    assert [j for e in shape["events"] for j in e["judgements"]] == []


@pytest.mark.parametrize("form", FORMS)
def test_ilacs_2026_without_an_overall_grade(form):
    shape = _read(k.ilacs_2026(), form)
    assert shape["document_kind"] == "inspection_report"
    assert shape["authority_code"] == "E06000026"
    event = _primary(shape)
    assert event["kind"] == "ilacs"
    assert (event["start"], event["end"]) == ("2026-05-11", "2026-05-22")
    assert _grades(event) == {
        "leadership": ("Good", 2),
        "help_and_protection": ("Requires improvement to be good", 3),
        "children_in_care": ("Good", 2),
        "care_leavers": ("Outstanding", 1),
    }
    assert _graded_elsewhere(shape) == []


def test_ilacs_2026_grades_follow_the_text():
    grades = ("Inadequate", "Inadequate", "Requires improvement to be good", "Good")
    event = _primary(_read(k.ilacs_2026(council="Leeds", grades=grades)))
    assert _grades(event)["leadership"] == ("Inadequate", 4)
    assert "overall" not in _grades(event)


def test_a_report_of_an_unknown_framework_naming_a_board_is_still_a_report():
    text = k.unknown_report().replace(
        "Evaluation area Evaluation\n",
        "The council works with the Wiltshire Safeguarding Vulnerable People Partnership\nBoard\n"
        "Evaluation area Evaluation\n",
    )
    shape = _read(text)
    assert shape["document_kind"] == "inspection_report"
    assert _primary(shape)["kind"] == "other"


def test_a_paper_quoting_a_report_title_on_its_own_line_is_a_paper():
    text = (
        "Children's Services Overview and Scrutiny Committee\n"
        "Date of meeting: 14 November 2019\n"
        "Report of the Director of Children's Services\n"
        "Inspection of children's social care services\n"
        "Inspection dates: 8 July 2019 to 12 July 2019\n"
        "1. Ofsted judged Derbyshire's children's services to require improvement to be good overall.\n"
    )
    shape = _read(text)
    assert shape["document_kind"] == "committee_paper"
    reported = [e for e in shape["events"] if e["role"] == "reported" and e["judgements"]]
    assert [(e["kind"], {j["theme"]: j["value"] for j in e["judgements"]}) for e in reported] == [
        ("ilacs", {"overall": 3})
    ]


def test_minutes_that_name_ofsted_without_a_cover_are_a_paper_not_a_report():
    text = (
        "Item 6. The Director reported that Ofsted had carried out a focused visit to Devon's children's "
        "services on 14 and 15 June 2021 and that the letter would be published in July 2021.\n"
    )
    shape = _read(text)
    assert shape["document_kind"] == "committee_paper"
    assert [(e["kind"], e["role"]) for e in shape["events"]] == [("focused_visit", "reported")]


def test_a_text_naming_no_inspectorate_is_other():
    assert (
        _read("Minutes of the allotments society, held on 3 May 2024 in Derby.\n")["document_kind"] == "other"
    )


def test_a_paper_whose_subject_line_names_the_inspection_is_a_paper():
    text = (
        "Ofsted Inspection of Children's Social Care Services\n"
        "The Director of Children's Services will present the outcome of the Ofsted inspection held between "
        "8 and 19 May 2023. Ofsted judged the council's children's services to be good.\n"
    )
    shape = _read(text)
    assert shape["document_kind"] == "committee_paper"
    assert [(e["kind"], e["role"], e["start"]) for e in shape["events"] if e["judgements"]] == [
        ("ilacs", "reported", "2023-05-08")
    ]


def test_a_council_name_run_into_a_report_title_is_still_the_title():
    text = k.cpi_report().replace("Somerset\nInspection of local", "Somerset Inspection of local")
    shape = _read(text)
    assert shape["document_kind"] == "inspection_report"
    assert _primary(shape)["kind"] == "cpi"


def test_a_letter_whose_subject_names_a_framework_is_that_framework_s_letter():
    text = k.unannounced_letter().replace(
        "Annual unannounced inspection of contact, referral and assessment arrangements within local "
        "authority children's services",
        "Inspection of local authority arrangements for the protection of children",
    )
    shape = _read(text)
    assert shape["document_kind"] == "visit_letter"
    event = _primary(shape)
    assert event["kind"] == "cpi"
    assert (event["start"], event["end"]) == ("2010-03-09", "2010-03-10")
    # The letter states no overall effectiveness: none is invented (the earlier 'good' is another's).
    assert [j for e in shape["events"] for j in e["judgements"]] == []


def test_an_unknown_report_with_a_recommendations_heading_is_still_a_report():
    text = k.unknown_report().replace("What needs to improve?\n", "Recommendations\n")
    text = text.replace("Evaluation area Evaluation\n", "Recommendations\nEvaluation area Evaluation\n")
    shape = _read(text)
    assert shape["document_kind"] == "inspection_report"
    assert _primary(shape)["kind"] == "other"


def test_tlac_overall_grade_in_slac_layout_and_in_a_sentence_without_its_table():
    body = k.tlac_report().split("Record of main findings")[0]
    on_one_line = body + "Overall effectiveness Grade 4 (Inadequate)\n"
    assert _grades(_primary(_read(on_one_line))) == {"overall": ("Inadequate", 4)}
    heading_then_grade = body + "Overall effectiveness\nGrade 2 (Good)\n"
    assert _grades(_primary(_read(heading_then_grade))) == {"overall": ("Good", 2)}
    # No table and no grade line: the overall sentence gives the grade.
    assert _grades(_primary(_read(body))) == {"overall": ("adequate", 3)}


def test_an_overall_sentence_about_the_last_inspection_is_not_this_one_s():
    body = k.tlac_report().split("Record of main findings")[0]
    text = body.replace(
        "3. The overall effectiveness of services",
        "3. Overall effectiveness of services for looked after children was good at the last inspection, "
        "and the overall effectiveness of services",
    )
    text = text.replace(
        "Overall effectiveness of services for looked after children was good",
        "Overall effectiveness of services for looked after children is good",
    )
    assert _grades(_primary(_read(text))) == {"overall": ("adequate", 3)}


BUILDERS = [
    k.cpi_report,
    k.tlac_report,
    k.lscb_review,
    k.unannounced_letter,
    k.monitoring_letter,
    k.jtai_letter,
    k.unknown_letter,
    k.unknown_report,
    k.ilacs_2026,
]


@pytest.mark.parametrize("form", ["word", "html", "other_pdf"])
@pytest.mark.parametrize("builder", BUILDERS)
def test_every_kind_reads_the_same_in_every_form(builder, form):
    text = builder()
    want = _read(text)
    got = read(in_every_form(text)[form], gazetteer()).to_expected_shape()
    assert (got["document_kind"], got["authority_code"]) == (want["document_kind"], want["authority_code"])
    want_event, got_event = _primary(want), _primary(got)
    for key in ("kind", "start", "end", "published"):
        assert got_event[key] == want_event[key], key
    assert _grades(got_event) == _grades(want_event)


def test_a_cpi_re_inspection_is_a_cpi_marked_as_re_inspection():
    text = k.cpi_report().replace(
        "Inspection of local authority arrangements for the protection of children",
        "Re-inspection of local authority arrangements for the protection of children",
    )
    event = _primary(_read(text))
    assert (event["kind"], event["reinspection"]) == ("cpi", True)
    assert _grades(event)["overall"] == ("Inadequate", 4)
    assert _primary(_read(k.cpi_report()))["reinspection"] is False
