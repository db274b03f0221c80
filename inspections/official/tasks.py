"""The Celery task that imports an uploaded file: admin upload → this task → summary on the dataset."""

import contextlib
import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError, transaction

from config import worklocks
from inspections.models import OfficialDataset
from inspections.official.save import import_file

logger = logging.getLogger(__name__)


# The database going away mid-import (a restart): the import's transaction is rolled back, nothing can be
# written now, and ops.recovery queues the file again once the database is back and this task's lock is gone.
_DATABASE_GONE = (OperationalError, InterfaceError)


@shared_task(bind=True, acks_late=True)
def import_official_dataset(self, dataset_id: int) -> str:
    # The advisory lock says "being imported" while this task's connection lives (config.worklocks).
    if not worklocks.try_lock(worklocks.IMPORT_LOCKS, dataset_id):
        return "being imported by another worker"
    try:
        return _import(dataset_id)
    except _DATABASE_GONE:
        logger.warning("Official dataset %s: the database went away; it will be imported again", dataset_id)
        return "interrupted"
    finally:
        with contextlib.suppress(*_DATABASE_GONE):
            worklocks.unlock(worklocks.IMPORT_LOCKS, dataset_id)


def _import(dataset_id: int) -> str:
    # Claim the dataset with a conditional UPDATE: a task delivered twice imports once.
    claimed = OfficialDataset.objects.filter(pk=dataset_id, state=OfficialDataset.State.QUEUED).update(
        state=OfficialDataset.State.IMPORTING
    )
    if claimed != 1:
        return "not claimed"
    dataset = OfficialDataset.objects.get(pk=dataset_id)
    try:
        with dataset.file.open("rb") as handle:
            data = handle.read()
        report = import_file(
            dataset.file.name,
            data=data,
            file_name=dataset.file_name,
            dataset=dataset,
            user=dataset.uploaded_by,
        )
    except _DATABASE_GONE:
        raise
    except Exception as error:  # a bug, not bad input: record it on the dataset, where the admin looks
        logger.exception("Importing official dataset %s failed", dataset_id)
        _failed(dataset_id, [{"message": f"the import failed unexpectedly: {error}", "text": str(error)}])
        raise
    if not report.ok:
        _failed(dataset_id, report.problem_dicts(), edition=report.edition)
        return "failed"
    return "done"


def _failed(dataset_id: int, problems: list[dict], edition: str = "") -> None:
    dataset = OfficialDataset.objects.get(pk=dataset_id)
    dataset.state = OfficialDataset.State.FAILED
    dataset.problems = problems
    dataset.summary = {"written": "nothing: the file has problems"}
    if edition and not dataset.edition:
        dataset.edition = edition[:120]
    dataset.save(update_fields=["state", "problems", "summary", "edition"])


def import_again(dataset: OfficialDataset) -> bool:
    """An admin's "Import again": a failed import, or one that is not running (killed part-way), is queued
    anew; its import is one transaction, so a killed one left nothing behind. False while it is running."""
    running = worklocks.key(dataset.pk) in worklocks.held(worklocks.IMPORT_LOCKS)
    if dataset.state == OfficialDataset.State.DONE or running:
        return False
    OfficialDataset.objects.filter(pk=dataset.pk).update(
        state=OfficialDataset.State.QUEUED, problems=[], summary={}
    )
    pk = dataset.pk
    transaction.on_commit(lambda: import_official_dataset.delay(pk))
    return True
