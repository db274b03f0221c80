"""Work that a restart interrupted is found and done again: documents left `queued` or `reading`, official
files left `queued` or `importing`.

Who is working on what is kept where it survives a Redis restart and ends with the worker: a PostgreSQL
advisory lock (config.worklocks), taken by the task that claims a document or a dataset and held on its
connection until the task ends. A row in `reading` or `importing` whose lock nobody holds was abandoned
(its worker died, or the database restarted under it: a lock does not outlive its connection), and a row
still `queued` after a while may have been lost with Redis's queue. The sweep puts both back in the queue.
Claiming is a conditional UPDATE under the lock, so a task delivered twice still reads a document, or
imports a file, once.

The sweep runs every RECOVERY_INTERVAL_SECONDS from Celery beat (the worker's `-B`), and on demand with
`manage.py recover_work`; the official-data admin has "Import again" (inspections.official.tasks) for an
admin to do the same by hand.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from config.worklocks import DOCUMENT_LOCKS, IMPORT_LOCKS, held, key

log = logging.getLogger(__name__)


def _stale_before() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.RECOVERY_QUEUED_AFTER_SECONDS)


def recover_documents() -> list[int]:
    """Queue again every document abandoned in `reading`, or waiting in `queued` longer than it should."""
    from inspections.models import Document

    locked = held(DOCUMENT_LOCKS)
    candidates = Document.objects.filter(
        state__in=[Document.State.QUEUED, Document.State.READING]
    ).values_list("pk", "state", "uploaded_at")
    stale = _stale_before()
    again = []
    for pk, state, uploaded_at in candidates:
        if key(pk) in locked:
            continue  # being read right now
        if state == Document.State.QUEUED and uploaded_at > stale:
            continue  # just queued: its task is most likely still in Redis
        again.append(pk)
    if again:
        from inspections.documents.tasks import read_document_task

        log.warning("Queueing %s documents again after an interruption: %s", len(again), again)
        for pk in again:
            read_document_task.delay(pk)
    return again


def recover_imports() -> list[int]:
    """Queue again every official file abandoned in `importing`, or waiting in `queued` too long."""
    from inspections.models import OfficialDataset
    from inspections.official.tasks import import_official_dataset

    locked = held(IMPORT_LOCKS)
    stale = _stale_before()
    again = []
    for pk, state, created_at in OfficialDataset.objects.filter(
        state__in=[OfficialDataset.State.QUEUED, OfficialDataset.State.IMPORTING]
    ).values_list("pk", "state", "created_at"):
        if key(pk) in locked:
            continue
        if state == OfficialDataset.State.QUEUED and created_at > stale:
            continue
        again.append(pk)
    if again:
        # The import is one transaction: an abandoned one left nothing behind, so it starts from the top.
        OfficialDataset.objects.filter(pk__in=again, state=OfficialDataset.State.IMPORTING).update(
            state=OfficialDataset.State.QUEUED
        )
        log.warning("Queueing %s official files again after an interruption: %s", len(again), again)
        for pk in again:
            import_official_dataset.delay(pk)
    return again
