"""Storing an uploaded file once and queueing it for reading: the first step of the document pipeline.

upload (here) -> tasks (a thin Celery task) -> read (the reader's glue) -> review (views, forms) -> publish.
The imports run that way too: this module imports the task, the task imports the reading step.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from inspections.documents.limits import safe_file_name
from inspections.documents.tasks import read_document_task
from inspections.models import Document
from inspections.reading import text as text_reader

log = logging.getLogger(__name__)

ALLOWED_EXTENSIONS = (".pdf", ".docx", ".html", ".htm", ".txt")
TOO_LARGE = "too_large"


@dataclass
class StoreResult:
    """What happened to one uploaded file."""

    document: Document
    created: bool  # False: the same bytes were uploaded before, and `document` is the first copy
    name: str  # the name the file was uploaded under

    @property
    def duplicate(self) -> bool:
        return not self.created


def too_large_message(size: int) -> str:
    return (
        f"The file is {filesizeformat(size)}, which is over the limit of "
        f"{filesizeformat(settings.MAX_UPLOAD_BYTES)}. It has not been stored. Upload a smaller copy (for "
        "example the report without its appendices), or ask the service's administrator to raise the limit."
    )


def duplicate_message(existing: Document, name: str) -> str:
    when = timezone.localtime(existing.uploaded_at).strftime("%-d %B %Y at %H:%M")
    return (
        f"'{name}' has already been uploaded (as '{existing.original_name}' on {when}), so it has not been "
        "read again. The first copy is linked here."
    )


def _safe_name(name: str) -> str:
    # Browsers send a bare name; anything path-like is reduced to its last part, capped in bytes with its
    # extension kept (documents.limits).
    return safe_file_name(name)


def _hash(uploaded) -> str:
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()


def store_upload(uploaded, user=None, enqueue: bool = True, batch=None) -> StoreResult:
    """Store one uploaded file (a Django UploadedFile or File) as a Document and queue it for reading.

    The size limit is checked before anything is stored: a file over it is recorded as a failed document
    (name, size, hash, message) without its bytes. A file whose bytes were uploaded before is not stored or
    read again: the result points at the first copy. `batch` (inspections.documents.intake) groups the files
    brought in together.
    """
    name = _safe_name(getattr(uploaded, "name", "") or "document")
    size = uploaded.size
    sha256 = _hash(uploaded)
    existing = Document.objects.filter(sha256=sha256).first()
    if existing is not None:
        if existing.error_code == TOO_LARGE and not existing.file and size <= settings.MAX_UPLOAD_BYTES:
            # Refused before for its size, and now within the limit (it was raised): store it this time.
            return _store_again(existing, uploaded, name, user, enqueue)
        return StoreResult(existing, created=False, name=name)
    if size > settings.MAX_UPLOAD_BYTES:
        document, created = _create(
            sha256=sha256,
            original_name=name,
            size_bytes=size,
            uploaded_by=user,
            state=Document.State.FAILED,
            error_code=TOO_LARGE,
            error_message=too_large_message(size),
            batch=batch,
        )
        return StoreResult(document, created=created, name=name)
    head = uploaded.read(4096)
    uploaded.seek(0)
    document = Document(
        sha256=sha256,
        original_name=name,
        size_bytes=size,
        content_type=text_reader.sniff_type(head) if head else "",
        uploaded_by=user,
        state=Document.State.QUEUED,
        batch=batch,
    )
    try:
        with transaction.atomic():
            document.file.save(name, uploaded, save=False)
            document.save()
    except IntegrityError:
        # The same file, uploaded at the same moment by someone else: theirs is the first copy.
        document.file.delete(save=False) if document.file else None
        return StoreResult(Document.objects.get(sha256=sha256), created=False, name=name)
    if enqueue:
        queue_reading(document)
    return StoreResult(document, created=True, name=name)


def _create(**fields) -> tuple[Document, bool]:
    try:
        with transaction.atomic():
            return Document.objects.create(**fields), True
    except IntegrityError:
        return Document.objects.get(sha256=fields["sha256"]), False


def _store_again(document: Document, uploaded, name: str, user, enqueue: bool) -> StoreResult:
    document.file.save(name, uploaded, save=False)
    document.original_name = name
    document.uploaded_by = user
    document.state = Document.State.QUEUED
    document.error_code = document.error_message = ""
    document.save()
    if enqueue:
        queue_reading(document)
    return StoreResult(document, created=True, name=name)


def queue_reading(document: Document) -> None:
    """Send the document to a worker once the transaction that stored it has committed.

    With Redis away (a restart) the document stays queued and is not lost: the recovery sweep (ops.recovery)
    queues it once Redis is back, and the upload itself succeeds."""
    pk = document.pk

    def send():
        try:
            read_document_task.delay(pk)
        except Exception:  # noqa: BLE001 (kombu's errors vary by transport; the sweep is the remedy for all)
            log.warning("Document %s not queued; the recovery sweep will queue it", pk, exc_info=True)

    transaction.on_commit(send)
