"""Work that a restart interrupted is found and done again: documents left `queued` or `reading`, official
files left `queued` or `importing`.

Who is working on what is kept where it survives a Redis restart and ends with the worker: a PostgreSQL
advisory lock, taken by the task that claims a document or a dataset and held on its connection until the
task ends. A row in `reading` or `importing` whose lock nobody holds was abandoned (its worker died, or the
database restarted under it: a lock does not outlive its connection), and a row still `queued` after a while
may have been lost with Redis's queue. The sweep puts both back in the queue. Claiming is a conditional
UPDATE under the lock, so a task delivered twice still reads a document, or imports a file, once.

The sweep runs every RECOVERY_INTERVAL_SECONDS from Celery beat (the worker's `-B`), and on demand with
`manage.py recover_work`; the official-data admin has "Import again" for an admin to do the same by hand.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import connection
from django.utils import timezone

log = logging.getLogger(__name__)

# Advisory lock key spaces (pg_try_advisory_lock(int, int)): one per kind of work.
DOCUMENT_LOCKS = 0x4A54_0001
IMPORT_LOCKS = 0x4A54_0002


def _key(pk: int) -> int:
    return int(pk) % 2_147_483_647


def try_lock(space: int, pk: int) -> bool:
    """Take the lock on one piece of work for this connection's life (or until `unlock`); False if another
    connection holds it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [space, _key(pk)])
        return bool(cursor.fetchone()[0])


def unlock(space: int, pk: int) -> None:
    if connection.connection is None:
        return  # the connection is gone, and the lock with it
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [space, _key(pk)])


def _held(space: int) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT objid FROM pg_locks"
            " WHERE locktype = 'advisory' AND classid = %s AND objsubid = 2 AND granted",
            [space],
        )
        return {row[0] for row in cursor.fetchall()}


def _stale_before() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.RECOVERY_QUEUED_AFTER_SECONDS)


def recover_documents() -> list[int]:
    """Queue again every document abandoned in `reading`, or waiting in `queued` longer than it should."""
    from inspections.models import Document

    held = _held(DOCUMENT_LOCKS)
    candidates = Document.objects.filter(
        state__in=[Document.State.QUEUED, Document.State.READING]
    ).values_list("pk", "state", "uploaded_at")
    stale = _stale_before()
    again = []
    for pk, state, uploaded_at in candidates:
        if _key(pk) in held:
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

    held = _held(IMPORT_LOCKS)
    stale = _stale_before()
    again = []
    for pk, state, created_at in OfficialDataset.objects.filter(
        state__in=[OfficialDataset.State.QUEUED, OfficialDataset.State.IMPORTING]
    ).values_list("pk", "state", "created_at"):
        if _key(pk) in held:
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


def import_again(dataset) -> bool:
    """An admin's "Import again": a failed import, or one that is not running (a killed one), is queued
    anew. False while the import is running."""
    from inspections.models import OfficialDataset
    from inspections.official.tasks import import_official_dataset

    if dataset.state == OfficialDataset.State.DONE or _key(dataset.pk) in _held(IMPORT_LOCKS):
        return False
    OfficialDataset.objects.filter(pk=dataset.pk).update(
        state=OfficialDataset.State.QUEUED, problems=[], summary={}
    )
    import_official_dataset.delay(dataset.pk)
    return True
