"""Who may do what: viewers read, editors upload, admins review, publish and re-read; others sign in."""

import pytest
from django.urls import reverse

from inspections.models import Document

from .conftest import PDFS, upload, upload_and_read

LETTER = PDFS / "derby_focused_visit_2021-08-09.pdf"


@pytest.fixture
def document(client, admin_user):
    client.force_login(admin_user)
    document = upload_and_read(client, LETTER.name, LETTER.read_bytes())
    client.logout()
    return document


def _urls(document):
    pk = {"pk": document.pk}
    return {
        "publish": reverse("inspections:publish", kwargs=pk),
        "reread": reverse("inspections:reread", kwargs=pk),
        "review": reverse("inspections:document", kwargs=pk),
        "council": reverse("inspections:council", kwargs=pk),
    }


def test_anonymous_users_are_sent_to_sign_in(client, document):
    posts = [reverse("inspections:documents"), *_urls(document).values()]
    gets = [reverse("inspections:documents"), document.get_absolute_url(),
            reverse("inspections:file", kwargs={"pk": document.pk})]  # fmt: skip
    for response in [*(client.post(url) for url in posts), *(client.get(url) for url in gets)]:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    document.refresh_from_db()
    assert document.state == Document.State.NEEDS_REVIEW


def test_signed_in_users_without_a_role_cannot_see_documents(client, outsider, document):
    client.force_login(outsider)
    assert client.get(reverse("inspections:documents")).status_code == 403
    assert client.get(document.get_absolute_url()).status_code == 403


def test_viewer_reads_but_cannot_upload_or_publish(client, viewer, document):
    client.force_login(viewer)
    page = client.get(reverse("inspections:documents"))
    assert page.status_code == 200 and b"Upload documents" not in page.content
    assert client.get(document.get_absolute_url()).status_code == 200
    assert upload(client, ("x.txt", b"Derby")).status_code == 403
    urls = _urls(document)
    assert client.post(urls["publish"]).status_code == 403
    assert client.post(urls["reread"]).status_code == 403
    assert client.post(urls["review"], {"action": "publish"}).status_code == 403


def test_editor_uploads_but_cannot_publish_or_reread(client, editor, document):
    client.force_login(editor)
    page = client.get(reverse("inspections:documents"))
    assert b"Upload documents" in page.content and b'enctype="multipart/form-data"' in page.content
    upload(client, ("letter.txt", b"Focused visit to Derby City Council children's services"))
    assert Document.objects.filter(original_name="letter.txt", uploaded_by=editor).exists()
    review = client.get(document.get_absolute_url())
    assert b'value="publish"' not in review.content  # no review form for editors
    urls = _urls(document)
    assert client.post(urls["publish"]).status_code == 403
    assert client.post(urls["reread"]).status_code == 403
    document.refresh_from_db()
    assert document.state == Document.State.NEEDS_REVIEW


def test_admin_publishes(client, admin_user, document):
    client.force_login(admin_user)
    client.post(_urls(document)["publish"])
    document.refresh_from_db()
    assert document.state == Document.State.PUBLISHED


def test_csrf_is_enforced(admin_user, document):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(admin_user)
    assert strict.post(_urls(document)["publish"]).status_code == 403
