"""Reviewing a batch: differences from stored facts first, next/previous in that order, and one action that
publishes the readings that only confirm stored facts (those the admin was shown, and nothing else)."""

import re

import pytest
from django.core.files import File
from django.urls import reverse

from inspections.documents import intake, upload
from inspections.documents.publish import publish
from inspections.documents.tasks import read_document
from inspections.models import Document, Source

from .conftest import PDFS, text_of

pytestmark = pytest.mark.django_db

DEVON_REPORT = PDFS / "devon_ilacs_2020-03-17.pdf"
DERBY_LETTER = PDFS / "derby_focused_visit_2021-08-09.pdf"


def _store(batch, name: str, data: bytes) -> Document:
    import io

    result = upload.store_upload(File(io.BytesIO(data), name=name), None, enqueue=False, batch=batch)
    document = read_document(result.document.pk)
    assert document.state == Document.State.NEEDS_REVIEW, document.error_message
    return document


@pytest.fixture
def batch():
    """Devon's report is published; a batch brings two more copies of it (one edited to disagree) and a letter
    about Derby that nothing stored yet says."""
    devon = DEVON_REPORT.read_bytes()
    first = _store(None, DEVON_REPORT.name, devon)
    publish(first)
    batch = intake.new_batch("Autumn reports")
    same = _store(batch, "a-devon-copy.pdf", devon + b"\n% copy a\n")
    differs = _store(batch, "b-devon-copy.pdf", devon + b"\n% copy b\n")
    reading = differs.reading
    judgement = reading["events"][0]["judgements"][0]
    judgement["value"], judgement["grade"] = 2, "Good"
    Document.objects.filter(pk=differs.pk).update(reading=reading)
    adds = _store(batch, "c-derby-letter.pdf", DERBY_LETTER.read_bytes())
    return batch, same, differs, adds


def test_the_review_list_puts_differences_first_and_next_follows_it(admin_client, batch):
    batch, same, differs, adds = batch
    page = admin_client.get(reverse("inspections:batch_review", args=[batch.pk]))
    html = page.content.decode()
    order = [int(pk) for pk in re.findall(r'id="review-(\d+)"', html)]
    assert order == [differs.pk, adds.pk, same.pk]
    text = text_of(page)
    assert "Differs from stored facts (1)" in text and "Adds new facts (1)" in text
    assert "Only confirms stored facts (1)" in text
    assert "is 'Good' here, 'Inadequate' stored" in text
    # Each document's page steps through the list in that order.
    middle = admin_client.get(adds.get_absolute_url()).content.decode()
    assert f'href="/documents/{differs.pk}/" rel="prev"' in middle
    assert f'href="/documents/{same.pk}/" rel="next"' in middle
    assert "Document 2 of 3 to review" in text_of(admin_client.get(adds.get_absolute_url()))
    assert "js/batch_review.js" in middle


def test_confirm_all_publishes_only_the_confirming_readings_the_admin_was_shown(admin_client, batch):
    batch, same, differs, adds = batch
    admin_client.get(reverse("inspections:batch_review", args=[batch.pk]))
    # A tampered form naming every document still publishes only what only confirms.
    response = admin_client.post(
        reverse("inspections:batch_confirm", args=[batch.pk]),
        {"document": [same.pk, differs.pk, adds.pk]},
        follow=True,
    )
    assert "1 document published as confirming stored facts" in text_of(response)
    states = dict(Document.objects.filter(batch=batch).values_list("pk", "state"))
    assert states == {same.pk: "published", differs.pk: "needs_review", adds.pk: "needs_review"}
    assert Source.objects.filter(document=same).exists()  # the copy is now a further source


def test_the_batch_review_is_for_admins(client, editor, batch):
    batch = batch[0]
    client.force_login(editor)
    assert client.get(reverse("inspections:batch_review", args=[batch.pk])).status_code == 403
    assert client.post(reverse("inspections:batch_confirm", args=[batch.pk])).status_code == 403
