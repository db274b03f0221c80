"""One truth with the documents: a document's event and the official row are one event with both sources; a
grade that disagrees is a Conflict, never overwritten either way."""

import datetime

import pytest

from authorities.models import Authority
from inspections.matching import (
    IncomingEvent,
    IncomingJudgement,
    SourceRef,
    find_event,
    match_distance,
    merge_event,
)
from inspections.models import Conflict, Document, Inspection, Source
from inspections.official.save import import_file
from tests.official.helpers import FILE_2023, FILE_2025, HISTORY_2025, csv_bytes, real_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def derby():
    return Authority.objects.get(gss_code="E06000015")


@pytest.fixture
def report_document():
    return Document.objects.create(
        file="documents/derby.pdf", original_name="derby_sif_2017-06-13.pdf", sha256="d" * 64
    )


def derby_sif_report(derby, document, help_grade="Requires improvement", help_value=3):
    """Derby's 2017 SIF as its report gives it (corpus/pdf/derby_sif_2017-06-13.json)."""
    passage = SourceRef(
        document_id=document.pk, page=1, char_start=100, char_end=180, quote="Inspection date: ..."
    )
    return IncomingEvent(
        authority_id=derby.pk,
        kind="sif",
        start=datetime.date(2017, 3, 6),
        end=datetime.date(2017, 3, 30),
        published=datetime.date(2017, 6, 13),
        lead_inspector="Karen Wareing",
        source=passage,
        judgements=[
            IncomingJudgement(
                "overall",
                2,
                "Overall effectiveness",
                "good",
                source=SourceRef(
                    document_id=document.pk,
                    page=1,
                    char_start=300,
                    char_end=340,
                    quote="Children's services in Derby City are good",
                ),
            ),
            IncomingJudgement(
                "help_and_protection", help_value, "Children who need help and protection", help_grade
            ),
            IncomingJudgement("lscb", 1, "The Local Safeguarding Children Board", "outstanding"),
        ],
    )


def test_a_documents_event_and_the_official_row_are_one_event(derby, report_document):
    assert import_file(FILE_2023).ok
    result = merge_event(derby_sif_report(derby, report_document))
    assert not result.created and result.conflicts == []
    sif = Inspection.objects.get(authority=derby, kind="sif")
    assert sif.pk == result.inspection.pk
    # The document fills what the table lacks; the table keeps its publication date and its judgements.
    assert (sif.start_date, sif.end_date, sif.lead_inspector) == (
        datetime.date(2017, 3, 6),
        datetime.date(2017, 3, 30),
        "Karen Wareing",
    )
    assert set(result.changed) == {"start_date", "end_date", "lead_inspector"}
    origins = {(s.dataset_id is not None, s.document_id is not None) for s in sif.sources.all()}
    assert origins == {(True, False), (False, True)}  # one table row, one document passage
    overall = sif.judgements.get(theme="overall")
    assert overall.grade == "Good" and overall.sources.count() == 2
    assert overall.sources.get(document=report_document).quote == "Children's services in Derby City are good"
    # Merging the same document again changes nothing.
    again = merge_event(derby_sif_report(derby, report_document))
    assert again.unchanged and again.sources_added == 0


def test_the_document_first_then_the_table(derby, report_document):
    merge_event(derby_sif_report(derby, report_document))
    assert import_file(FILE_2023).ok
    sif = Inspection.objects.get(authority=derby, kind="sif")
    assert sif.lead_inspector == "Karen Wareing"
    assert sif.judgements.get(theme="lscb").sources.count() == 2
    assert (
        sif.judgements.get(theme="adoption").parent.theme == "children_in_care"
    )  # the table added what it had
    assert not Conflict.objects.filter(inspection__authority=derby).exists()


def test_a_grade_that_disagrees_is_a_conflict_never_an_overwrite(derby, report_document):
    assert import_file(FILE_2023).ok
    result = merge_event(derby_sif_report(derby, report_document, help_grade="Good", help_value=2))
    [conflict] = result.conflicts
    assert (conflict.field, conflict.stored_value, conflict.incoming_value) == (
        "grade",
        "Requires improvement",
        "Good",
    )
    assert conflict.judgement.value == 3  # the table's value stands until an admin settles it
    assert conflict.incoming_source.document == report_document
    assert Conflict.objects.filter(inspection__authority=derby, status=Conflict.Status.OPEN).count() == 1


def test_an_edited_row_with_another_grade_shows_a_conflict(derby):
    """Derby's ILACS as a document gave it, then a copy of the 2025 history with Derby's row set to Good."""
    document = Document.objects.create(
        file="documents/d.pdf", original_name="derby_ilacs.pdf", sha256="e" * 64
    )
    merge_event(
        IncomingEvent(
            authority_id=derby.pk,
            kind="ilacs",
            inspection_type="short",
            start=datetime.date(2022, 3, 21),
            published=datetime.date(2022, 5, 11),
            judgements=[
                IncomingJudgement(
                    theme="overall", value=1, label="Overall effectiveness", grade="Outstanding"
                )
            ],
            source=SourceRef(document_id=document.pk, quote="Overall effectiveness: Outstanding"),
        )
    )
    rows = real_rows(FILE_2025, HISTORY_2025)
    assert rows[60][2] == "Derby"  # row 61
    rows[60][8] = "Good"
    report = import_file("edited.csv", data=csv_bytes(rows), edition="edited copy")
    assert report.ok, report.problems
    ilacs = Inspection.objects.get(authority=derby, kind="ilacs")
    overall = ilacs.judgements.get(theme="overall")
    assert (overall.grade, overall.value) == ("Outstanding", 1)
    conflict = Conflict.objects.get(judgement=overall)
    assert (conflict.stored_value, conflict.incoming_value) == ("Outstanding", "Good")
    assert (conflict.incoming_source.sheet, conflict.incoming_source.row, conflict.incoming_source.quote) == (
        "edited",
        61,
        "Good",
    )
    assert any("Derby" in c for c in report.summary["conflicts"])


def test_an_edited_copy_of_the_same_edition_conflicts_with_it(derby):
    assert import_file(FILE_2025).ok
    rows = real_rows(FILE_2025, HISTORY_2025)
    rows[60][8] = "Good"
    report = import_file("edited.csv", data=csv_bytes(rows), edition_date=datetime.date(2025, 9, 25))
    assert report.ok
    conflict = Conflict.objects.get()
    assert conflict.judgement.inspection.authority == derby and conflict.judgement.value == 1
    assert Source.objects.filter(judgement=conflict.judgement, quote="Good").exists()


def test_matching_rules():
    stored = Inspection(kind="sif", start_date=None, published_date=datetime.date(2017, 6, 13))

    def incoming(**dates):
        return IncomingEvent(authority_id=1, kind="sif", **dates)

    assert match_distance(stored, incoming(published=datetime.date(2017, 6, 15))) == 2
    assert match_distance(stored, incoming(published=datetime.date(2017, 7, 13))) is None
    assert (
        match_distance(stored, incoming(start=datetime.date(2017, 3, 7))) is not None
    )  # began before publication
    assert match_distance(stored, incoming(start=datetime.date(2017, 7, 1))) is None  # began after it
    by_month = Inspection(kind="focused_visit", start_date=datetime.date(2021, 1, 1), date_precision="month")
    visit = IncomingEvent(authority_id=1, kind="focused_visit", start=datetime.date(2021, 1, 19))
    assert match_distance(by_month, visit) == 15
    visit.start = datetime.date(2021, 2, 2)
    assert match_distance(by_month, visit) is None


def test_an_expected_visit_becomes_the_visit_that_took_place(derby):
    document = Document.objects.create(file="documents/p.pdf", original_name="paper.pdf", sha256="f" * 64)
    expected = merge_event(
        IncomingEvent(
            authority_id=derby.pk,
            kind="focused_visit",
            status="expected",
            start=datetime.date(2021, 7, 1),
            date_precision="month",
            source=SourceRef(document_id=document.pk, quote="a focused visit is expected in July 2021"),
        )
    ).inspection
    held = merge_event(
        IncomingEvent(
            authority_id=derby.pk,
            kind="focused_visit",
            start=datetime.date(2021, 7, 13),
            published=datetime.date(2021, 8, 9),
            source=SourceRef(document_id=document.pk, char_start=5, char_end=9, quote="visit letter"),
        )
    )
    assert held.inspection.pk == expected.pk and not held.conflicts
    expected.refresh_from_db()
    assert (expected.status, expected.start_date, expected.date_precision) == (
        "held",
        datetime.date(2021, 7, 13),
        "day",
    )
    assert find_event(derby.pk, "focused_visit", published=datetime.date(2021, 8, 10)) == expected
    # A later paper that says "July 2021" again agrees with the stored day.
    vaguer = merge_event(
        IncomingEvent(
            authority_id=derby.pk,
            kind="focused_visit",
            start=datetime.date(2021, 7, 1),
            date_precision="month",
            source=SourceRef(
                document_id=document.pk, char_start=50, char_end=60, quote="the focused visit in July 2021"
            ),
        )
    )
    assert vaguer.inspection.pk == expected.pk and not vaguer.conflicts and vaguer.changed == []
