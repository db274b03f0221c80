"""Every kind of bad file ends with the document failed, a clear message in its record and on its page, and
nothing half-written; the task never raises."""

import pytest
from django.urls import reverse

from inspections.models import Document, Inspection
from tests.reading.pdfmaker import make_encrypted_pdf, make_image_only_pdf, make_pdf

from .conftest import PDFS, plain, read_now, text_of, upload, upload_and_read

REAL_PDF = (PDFS / "derby_focused_visit_2023-11-29.pdf").read_bytes()

BAD_FILES = {
    "corrupt": ("damaged.pdf", REAL_PDF[: len(REAL_PDF) // 2], "damaged"),
    "encrypted": (
        "locked.pdf",
        make_encrypted_pdf("Inspection of Derby local authority children's services"),
        "password",
    ),
    "empty": ("empty.txt", b"", "empty"),
    "no_text": ("scan.pdf", make_image_only_pdf(3), "OCR"),
    "type_mismatch": ("report.docx", REAL_PDF, "really a PDF"),
    "unknown_council": (
        "scotland.txt",
        b"Inspection of children's services in Glasgow.\n\nThe Care Inspectorate visited Glasgow in May 2021 "
        b"and found that children were safe. Edinburgh and Aberdeen were also visited.\n",
        "No English council",
    ),
    "ambiguous_council": (
        "two_councils.txt",
        b"Derby City Council and Derbyshire County Council\n\nJoint report of Derby City Council and "
        b"Derbyshire County Council on children's services.\n\nDerby and Derbyshire will work together on a "
        b"shared approach to fostering. Derby and Derbyshire report to their committees in March 2022.\n",
        "cannot tell which council",
    ),
}


@pytest.mark.parametrize("code", sorted(BAD_FILES))
def test_bad_file_fails_with_a_message_on_its_page(editor_client, admin_user, code):
    name, data, words = BAD_FILES[code]
    document = upload_and_read(editor_client, name, data)
    assert document.state == Document.State.FAILED
    assert document.error_code == code
    assert words.lower() in document.error_message.lower()
    assert document.reading is None  # nothing half-written
    assert not Inspection.objects.exists()
    editor_client.force_login(admin_user)
    page = editor_client.get(document.get_absolute_url())
    assert page.status_code == 200
    assert plain(document.error_message) in text_of(page)
    assert "Failed" in text_of(page)
    # The list says so too.
    assert plain(document.error_message) in text_of(editor_client.get(reverse("inspections:documents")))


def test_a_pdf_with_text_but_about_no_council_reads_but_fails_on_the_council(editor_client):
    document = upload_and_read(
        editor_client, "nowhere.pdf", make_pdf("A report about children in Atlantis.\n" * 20)
    )
    assert document.state == Document.State.FAILED
    assert document.error_code == "unknown_council"


def test_too_large_is_refused_before_it_is_stored(editor_client, settings, media_root):
    settings.MAX_UPLOAD_BYTES = 10_000
    response = upload(editor_client, ("big.pdf", REAL_PDF))
    assert response.status_code == 200
    document = Document.objects.get(original_name="big.pdf")
    assert document.state == Document.State.FAILED
    assert document.error_code == "too_large"
    assert "over the limit" in document.error_message
    assert not document.file  # the bytes were never stored
    assert not (media_root / "documents").exists() or not any((media_root / "documents").rglob("*.pdf"))
    assert plain(document.error_message) in text_of(editor_client.get(document.get_absolute_url()))
    # Reading it is a no-op: a failed document is not taken by a worker.
    assert read_now(document).state == Document.State.FAILED
    # Once the limit allows it, the same file can be uploaded and is stored and read.
    settings.MAX_UPLOAD_BYTES = 50 * 1024 * 1024
    upload(editor_client, ("big.pdf", REAL_PDF))
    document.refresh_from_db()
    assert document.state == Document.State.QUEUED and document.file
    assert read_now(document).state == Document.State.NEEDS_REVIEW


def test_a_duplicate_is_not_read_twice_and_points_at_the_first_copy(editor_client):
    first = upload_and_read(editor_client, "derby.pdf", REAL_PDF)
    assert first.state == Document.State.NEEDS_REVIEW
    response = upload(editor_client, ("copy-of-derby.pdf", REAL_PDF))
    assert Document.objects.count() == 1
    text = text_of(response)
    assert "'copy-of-derby.pdf' has already been uploaded (as 'derby.pdf'" in text
    assert f'href="{first.get_absolute_url()}"' in response.content.decode()
    first.refresh_from_db()
    assert first.attempts == 1  # not read again


def test_a_wrong_extension_is_refused_by_the_form(editor_client):
    response = editor_client.post(
        reverse("inspections:documents"), {"files": [_file("sheet.xlsx", b"PK\x03\x04")]}
    )
    assert response.status_code == 400
    assert "'sheet.xlsx' cannot be read" in text_of(response)
    assert "There is a problem" in text_of(response)
    assert not Document.objects.exists()


def test_no_file_chosen(editor_client):
    response = editor_client.post(reverse("inspections:documents"), {})
    assert response.status_code == 400
    assert "Select one or more files to upload" in text_of(response)


def test_the_task_survives_a_reader_crash(editor_client, monkeypatch):
    from inspections.reading import reader

    def broken(*args, **kwargs):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(reader, "read", broken)
    document = upload_and_read(editor_client, "derby.pdf", REAL_PDF)
    assert document.state == Document.State.FAILED
    assert document.error_code == "reader_failed"
    assert "not in the document" in document.error_message


def _file(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)
