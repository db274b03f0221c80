"""Helpers for the document-ingestion tests: files are stored in a temporary folder, uploads use the page."""

import re

import pytest
from django.urls import reverse

from inspections.documents.tasks import read_document_task
from inspections.models import Document
from tests.conftest import CORPUS_DIR

PDFS = CORPUS_DIR / "pdf"
SEEDS = CORPUS_DIR / "seeds"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(client, *files: tuple[str, bytes]):
    """POST files to the upload page, as a browser does; returns the response after the redirect."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    payload = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post(reverse("inspections:documents"), {"files": payload}, follow=True)


def read_now(document: Document) -> Document:
    """Run the Celery task in this process (what a worker does), then return the document as stored."""
    read_document_task(document.pk)
    document.refresh_from_db()
    return document


def upload_and_read(client, name: str, data: bytes) -> Document:
    response = upload(client, (name, data))
    assert response.status_code == 200, response.content[:2000]
    document = Document.objects.get(original_name=name)
    return read_now(document)


def text_of(response) -> str:
    """The page's visible text, whitespace collapsed (good enough to look for sentences)."""
    html = response.content.decode()
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    import html as html_lib

    return " ".join(html_lib.unescape(text).replace("\xa0", " ").split())


def plain(message: str) -> str:
    return " ".join(message.replace("\xa0", " ").split())


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client
