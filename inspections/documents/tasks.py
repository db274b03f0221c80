"""Celery tasks: thin wrappers that claim a document and call the plain functions in `documents.read`.

Tasks are acknowledged late and given back to the queue when their worker dies (config/settings.py), so a task
may run twice for one document: each step is written to be safe to repeat.
"""

import contextlib
import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.db.models import F

from config import worklocks
from inspections.documents import read
from inspections.models import Document

log = logging.getLogger(__name__)

# A document whose reading was begun this many times without finishing fails instead of being read again.
MAX_ATTEMPTS = 3


def claim_for_reading(pk: int) -> Document | None:
    """Take a queued document (or one whose worker died mid-read) for reading; None if there is nothing to do.

    A document found in `reading` was being read by a worker that died before it finished (the broker gave
    the task back): it is read again. Any other state means the work was done, so a redelivered task stops.
    """
    claimed = Document.objects.filter(
        pk=pk, state__in=[Document.State.QUEUED, Document.State.READING]
    ).update(state=Document.State.READING, attempts=F("attempts") + 1)
    if not claimed:
        return None
    return Document.objects.get(pk=pk)


def read_document(pk: int) -> Document | None:
    """Claim, read and store one document: what the task does, callable without Celery (load_samples).

    The claim is made under a PostgreSQL advisory lock held until the reading is stored (config.worklocks): a
    second task for the same document (redelivered, or queued again by the recovery sweep) finds it taken
    and stops, so a document is never read by two workers at once; and a document left `reading` without
    the lock was abandoned, which is how the sweep tells it from one being read.
    """
    if not worklocks.try_lock(worklocks.DOCUMENT_LOCKS, pk):
        log.info("Document %s is being read by another worker; nothing to do", pk)
        return Document.objects.filter(pk=pk).first()
    try:
        return _claim_and_read(pk)
    finally:
        with contextlib.suppress(OperationalError, InterfaceError):
            worklocks.unlock(worklocks.DOCUMENT_LOCKS, pk)


def _claim_and_read(pk: int) -> Document | None:
    document = claim_for_reading(pk)
    if document is None:
        log.info("Document %s is not waiting to be read; nothing to do", pk)
        return Document.objects.filter(pk=pk).first()
    if document.attempts > MAX_ATTEMPTS:
        # Workers died on it every time (killed for time or memory): stop, rather than loop on it for ever.
        return read.fail_reading(
            document,
            "too_many_attempts",
            f"Reading this document stopped the reader {MAX_ATTEMPTS} times (it may be too long or unusual). "
            "Try 'Read again' later; if it stops again, upload a shorter copy (the report without its "
            "appendices).",
        )
    if document.attempts > 1:
        log.warning("Document %s: reading again (attempt %s)", pk, document.attempts)
    return read.read_and_store(document)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def read_document_task(pk: int) -> str:
    document = read_document(pk)
    return document.state if document else "missing"
