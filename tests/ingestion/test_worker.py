"""With a real Celery worker on the real Redis: upload through the page, read, review, publish; bad files fail
without stopping the worker; a worker killed mid-read leaves the document to be read again, once."""

import os
import signal
import time
import uuid

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from inspections.documents.publish import NotPublishable, publish, publishable_events
from inspections.documents.read import gazetteer_from_db
from inspections.documents.upload import store_upload
from inspections.models import Document, Inspection, Judgement, Source
from inspections.reading.facts import Reading
from tests.conftest import start_worker, stop_worker, wait_for

from .conftest import PDFS, SEEDS, text_of, upload

pytestmark = pytest.mark.worker

REPORT = PDFS / "devon_ilacs_2020-03-17.pdf"


def _state(pk):
    return Document.objects.filter(pk=pk).values_list("state", flat=True).first()


def test_upload_read_by_a_real_worker_review_and_publish(councils, client, admin_user, celery_worker):
    client.force_login(admin_user)
    response = upload(client, (REPORT.name, REPORT.read_bytes()))
    assert response.status_code == 200 and "1 document uploaded" in text_of(response)
    document = Document.objects.get(original_name=REPORT.name)
    # The page answered at once: the worker reads it afterwards.
    wait_for(
        lambda: _state(document.pk) == "needs_review", timeout=90, message="the worker to read the report"
    )
    review = client.get(document.get_absolute_url())
    assert review.status_code == 200
    text = text_of(review)
    assert "Needs review" in text and "Devon" in text
    assert 'value="Inadequate"' in review.content.decode()
    assert '<mark class="app-passage"' in review.content.decode()
    client.post(reverse("inspections:publish", kwargs={"pk": document.pk}))
    document.refresh_from_db()
    assert document.state == "published"
    inspection = Inspection.objects.get(authority__gss_code="E10000008", kind="ilacs")
    assert inspection.judgements.get(theme="overall").value == 4
    assert inspection.judgements.count() == 4
    assert Source.objects.filter(judgement__inspection=inspection, document=document).count() == 4
    assert celery_worker.poll() is None


def test_bad_files_fail_and_the_worker_keeps_going(councils, client, editor, celery_worker):
    client.force_login(editor)
    good = PDFS / "derby_focused_visit_2021-08-09.pdf"
    data = good.read_bytes()
    upload(client, ("broken.pdf", data[: len(data) // 3]), ("empty.txt", b""), (good.name, data))
    documents = {d.original_name: d.pk for d in Document.objects.all()}
    wait_for(
        lambda: {_state(pk) for pk in documents.values()} <= {"failed", "needs_review"},
        timeout=90,
        message="the worker to finish all three",
    )
    assert _state(documents["broken.pdf"]) == "failed"
    assert _state(documents["empty.txt"]) == "failed"
    assert _state(documents[good.name]) == "needs_review", Document.objects.get(
        pk=documents[good.name]
    ).error_message
    assert celery_worker.poll() is None
    page = client.get(reverse("inspections:document", kwargs={"pk": documents["broken.pdf"]}))
    assert "damaged" in text_of(page)


# --- A worker killed in the middle of a document ------------------------------------------------------------


def _slow_document() -> bytes:
    """A long committee paper (one seed, many times over), long enough to take a few seconds to read."""
    from inspections.reading import reader
    from inspections.reading.text import extract

    base = next(SEEDS.glob("004_*.txt")).read_text()
    gazetteer = gazetteer_from_db()
    copies = 10
    while True:
        data = "\f".join([base] * copies).encode()
        started = time.monotonic()
        reader.read(extract(data, "long.txt"), gazetteer)
        if time.monotonic() - started >= 3 or copies >= 320:
            return data
        copies *= 2


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_read_leaves_the_document_to_be_read_again(councils, settings):
    from config.celery_app import app

    queue = f"test-kill-{uuid.uuid4().hex[:8]}"
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    app.conf.task_default_queue = queue
    first = second = None
    try:
        data = _slow_document()
        # The broker gives an unacknowledged task back after 5 s.
        first = start_worker(queue, settings, "worker-killed", CELERY_VISIBILITY_TIMEOUT="5")
        document = store_upload(ContentFile(data, name="long-committee-paper.txt")).document
        wait_for(
            lambda: _state(document.pk) == "reading", timeout=60, interval=0.02, message="the first read"
        )
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        killed_at = time.monotonic()
        document.refresh_from_db()
        assert document.state == "reading" and document.attempts == 1 and document.reading is None
        time.sleep(max(0.0, 6 - (time.monotonic() - killed_at)))  # past the visibility timeout
        second = start_worker(queue, settings, "worker-second", CELERY_VISIBILITY_TIMEOUT="5")
        wait_for(lambda: _state(document.pk) == "needs_review", timeout=120, message="the second read")
        document.refresh_from_db()
        assert document.attempts == 2
        assert Document.objects.count() == 1
        draft = Reading.from_json(document.reading)
        events = publishable_events(draft)
        assert events
        time.sleep(1)
        document.refresh_from_db()
        assert document.attempts == 2  # read exactly twice: the redelivered task was not run again
        publish(document)
        assert Inspection.objects.count() == len({(e.kind, e.start) for e in events})
        counts = (Inspection.objects.count(), Judgement.objects.count(), Source.objects.count())
        with pytest.raises(NotPublishable):
            publish(document)
        assert counts == (Inspection.objects.count(), Judgement.objects.count(), Source.objects.count())
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                stop_worker(process)
        app.conf.task_default_queue = os.environ.get("CELERY_QUEUE", "judgement-tracker")
