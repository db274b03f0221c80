"""Uploads are served safely and a batch loses nothing: a role is needed for the file as for its page, the
type served is the one the bytes are (never one a name chooses), every file is an attachment, names keep their
extension within a byte limit, one bad file never sinks the others, and bombs and endless texts fail with a
message before the reader runs."""

import io
import zipfile

import pytest
from django.urls import reverse

from inspections.models import Document
from tests.reading.pdfmaker import make_pdf

from .conftest import read_now, text_of, upload

pytestmark = pytest.mark.django_db

REPORT = (
    b"Inspection of Derby City Council children's services\n\nOfsted inspected Derby City Council's services "
    b"for children in need of help and protection between 3 and 14 July 2023.\n"
)


def _file(client, document):
    return client.get(reverse("inspections:file", args=[document.pk]))


def test_an_account_with_no_role_gets_neither_the_page_nor_the_file(client, editor, outsider):
    client.force_login(editor)
    upload(client, ("derby.txt", REPORT))
    document = Document.objects.get()
    client.force_login(outsider)
    assert client.get(document.get_absolute_url()).status_code == 403
    assert _file(client, document).status_code == 403


def test_a_name_cannot_choose_the_type_the_site_serves(client, editor, viewer):
    client.force_login(editor)
    upload(client, ("x" * 300 + ".js.txt", b"alert(document.cookie)\n" + REPORT))
    document = Document.objects.get()
    assert document.original_name.endswith(".txt") and len(document.original_name.encode()) <= 150
    assert document.file.name.endswith(".txt")
    client.force_login(viewer)
    response = _file(client, document)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("name", "data", "served"),
    [
        ("report.pdf", make_pdf("Derby City Council children's services"), "application/pdf"),
        (
            "page.html",
            b"<html><body><script>alert(1)</script>Derby</body></html>",
            "application/octet-stream",
        ),
        ("lies.txt", b"<!doctype html><html><script>alert(1)</script></html>", "application/octet-stream"),
    ],
)
def test_every_file_is_an_attachment_of_the_type_its_bytes_are(client, admin_user, name, data, served):
    """A PDF's own JavaScript (/OpenAction) ran in Chromium's viewer when the PDF was shown inline: every file
    is now downloaded, never opened in the site's origin."""
    client.force_login(admin_user)
    upload(client, (name, data))
    response = _file(client, Document.objects.get())
    assert response["Content-Type"] == served
    assert response["Content-Disposition"].startswith("attachment;")


def test_one_bad_file_does_not_sink_the_batch(client, editor):
    client.force_login(editor)
    accented = "Évaluation détaillée des services à l'enfance " * 4 + ".txt"  # 150+ characters, 300+ bytes
    response = upload(
        client,
        (accented, REPORT + b"first"),
        ("virus.exe", b"MZ..."),
        ("derby-again.txt", REPORT + b"second"),
    )
    assert response.status_code == 200
    stored = sorted(Document.objects.values_list("original_name", flat=True))
    assert len(stored) == 2
    assert any(name.startswith("Évaluation") and name.endswith(".txt") for name in stored)
    assert all(len(name.encode()) <= 150 for name in stored)
    assert "derby-again.txt" in stored
    page = text_of(response)
    assert "virus.exe" in page and "cannot be read" in page


def _bomb(unpacked_mib=256) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(unpacked_mib):
                part.write(chunk)
    return buffer.getvalue()


def test_a_compression_bomb_fails_with_a_message_before_the_reader_opens_it(client, editor):
    client.force_login(editor)
    upload(client, ("bomb.docx", _bomb()))
    document = read_now(Document.objects.get())
    assert document.state == Document.State.FAILED
    assert document.error_code == "unpacks_too_large"
    assert "unpacks to 268 MB" in document.error_message
    assert not document.text


def test_a_text_longer_than_the_cap_fails_with_a_message(client, editor, settings):
    settings.MAX_DOCUMENT_CHARS = 2000
    client.force_login(editor)
    upload(client, ("long.txt", REPORT * 30))
    document = read_now(Document.objects.get())
    assert document.state == Document.State.FAILED
    assert document.error_code == "text_too_long"
    assert "at most 2,000 are read" in document.error_message


def test_a_long_text_is_reviewed_in_parts(client, editor, admin_user, settings):
    settings.REVIEW_PART_CHARS = 2000
    client.force_login(editor)
    body = REPORT + b"".join(f"Paragraph {n}: the service improved.\n".encode() for n in range(400))
    upload(client, ("long-review.txt", body))
    document = read_now(Document.objects.get())
    assert document.state in (Document.State.NEEDS_REVIEW, Document.State.FAILED)
    client.force_login(admin_user)
    first = client.get(document.get_absolute_url())
    assert first.status_code == 200
    assert "Paragraph 3:" in text_of(first) and "Paragraph 399:" not in text_of(first)
    last = client.get(document.get_absolute_url(), {"part": 999})
    assert last.status_code == 200 and "Paragraph 399:" in text_of(last)
