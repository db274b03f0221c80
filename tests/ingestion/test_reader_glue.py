"""What ingestion keeps of the reader: its version, a council chosen by hand, documents outside scope."""

import pytest
from django.urls import reverse

from authorities.models import Authority
from inspections.documents import read
from inspections.models import Document, Inspection
from inspections.reading.facts import Reading
from inspections.reading.reader import READER_VERSION

from .conftest import PDFS, read_now, text_of, upload_and_read

AREA_SEND = sorted(PDFS.glob("*_area_send_*.pdf"))
DEVON_REPORT = PDFS / "devon_ilacs_2020-03-17.pdf"

# An ILACS report that never names its council.
NAMELESS_REPORT = b"""Inspection of children's social care services

Inspection dates: 8 July 2019 to 12 July 2019

Lead inspector: Jane Example, Her Majesty's Inspector

Judgement\tGrade
The impact of leaders on social work practice with children and families\tGood
The experiences and progress of children who need help and protection\tRequires improvement to be good
The experiences and progress of children in care and care leavers\tGood
Overall effectiveness\tGood

Leaders know their services well.
"""


def test_the_reader_version_is_stored_with_the_reading(admin_client):
    document = upload_and_read(admin_client, DEVON_REPORT.name, DEVON_REPORT.read_bytes())
    assert document.state == Document.State.NEEDS_REVIEW
    assert document.reader_version == READER_VERSION
    assert Reading.from_json(document.reading).reader_version == READER_VERSION
    page = admin_client.get(document.get_absolute_url())
    assert f"reader {READER_VERSION}" in text_of(page)


def test_a_council_chosen_by_hand_reads_a_document_that_never_names_it(admin_client):
    document = upload_and_read(admin_client, "nameless.txt", NAMELESS_REPORT)
    assert document.state == Document.State.FAILED
    assert document.error_code == "unknown_council"
    derby = Authority.objects.get(gss_code="E06000015")
    admin_client.post(reverse("inspections:council", kwargs={"pk": document.pk}), {"authority": derby.pk})
    document = read_now(Document.objects.get(pk=document.pk))
    assert document.state == Document.State.NEEDS_REVIEW
    assert document.authority == derby
    reading = Reading.from_json(document.reading)
    assert reading.council.code == derby.gss_code and reading.council.chosen_by_hand
    assert reading.primary.kind == "ilacs"
    assert {j.theme for j in reading.primary.judgements} == {
        "leadership",
        "help_and_protection",
        "children_in_care",
        "overall",
    }
    # The choice is kept when the document is read again.
    document.state = Document.State.READING
    document.save(update_fields=["state"])
    document = read.read_and_store(document)
    assert document.authority == derby and document.state == Document.State.NEEDS_REVIEW
    assert admin_client.get(document.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("path", AREA_SEND, ids=lambda path: path.stem)
def test_an_area_send_report_fails_as_out_of_scope_and_cannot_be_published(admin_client, path):
    document = upload_and_read(admin_client, path.name, path.read_bytes())
    assert document.state == Document.State.FAILED
    assert document.error_code == read.OUT_OF_SCOPE
    assert document.error_message.startswith("This document is an area SEND inspection report: ")
    assert "not children's services judgements" in document.error_message
    assert [m["code"] for m in document.messages] == [read.OUT_OF_SCOPE]
    assert document.messages[0]["message"] == document.error_message
    assert document.kind == "other" and document.reader_version == READER_VERSION
    assert document.authority is not None  # the area's council, for the record
    reading = Reading.from_json(document.reading)
    assert reading.events == [] and reading.out_of_scope

    page = text_of(admin_client.get(document.get_absolute_url()))
    assert "This document is not about a council's children's services" in page
    assert "This document is an area SEND inspection report" in page
    assert "Failed: out of scope" in page
    assert "Which council is this document about?" not in page

    response = admin_client.post(reverse("inspections:publish", kwargs={"pk": document.pk}), follow=True)
    assert "Only a document that needs review can be published" in text_of(response)
    document.refresh_from_db()
    assert document.state == Document.State.FAILED
    assert not Inspection.objects.filter(sources__document=document).exists()
