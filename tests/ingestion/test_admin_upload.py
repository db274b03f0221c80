"""Uploading in the admin site goes through the same path as the upload page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.models import Document
from tests.ingestion.conftest import SEEDS

pytestmark = pytest.mark.django_db


def test_an_admin_upload_is_stored_queued_and_shown_for_review(client, admin_user):
    client.force_login(admin_user)
    data = (SEEDS / "000_57d247f1c5f3f964.txt").read_bytes()
    url = reverse("admin:inspections_document_add")
    assert client.get(url).status_code == 200

    response = client.post(url, {"file": SimpleUploadedFile("derbyshire.txt", data)})
    document = Document.objects.get(original_name="derbyshire.txt")
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert document.state == Document.State.QUEUED
    assert document.uploaded_by == admin_user

    again = client.post(url, {"file": SimpleUploadedFile("copy.txt", data)})
    assert again["Location"] == document.get_absolute_url()
    assert Document.objects.count() == 1
