"""Django glue between an uploaded file and the reader: store it once, read it, keep the draft.

The reader (`inspections.reading`) is plain Python; everything here is about the database and the stored file.
Nothing in this module raises out of `read_and_store`: every way a document can fail to be read ends with the
document in the `failed` state and a message an admin can act on.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from authorities.models import Authority
from inspections.models import Document
from inspections.reading import councils
from inspections.reading import text as text_reader
from inspections.reading import vocabulary as vocab
from inspections.reading.errors import AmbiguousCouncil, ReadingError, UnknownCouncil

log = logging.getLogger(__name__)

ALLOWED_EXTENSIONS = (".pdf", ".docx", ".html", ".htm", ".txt")
COUNCIL_ERROR_CODES = (UnknownCouncil.code, AmbiguousCouncil.code)
TOO_LARGE = "too_large"
OUT_OF_SCOPE = "out_of_scope"
READER_FAILED = "reader_failed"
MESSAGE_MARK_COUNCIL_BY_HAND = "council_chosen_by_hand"


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
    # Browsers send a bare name; anything path-like is reduced to its last part.
    name = PurePath(name.replace("\\", "/")).name.strip() or "document"
    return name[:200]


def _hash(uploaded) -> str:
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()


def store_upload(uploaded, user=None, enqueue: bool = True) -> StoreResult:
    """Store one uploaded file (a Django UploadedFile or File) as a Document and queue it for reading.

    The size limit is checked before anything is stored: a file over it is recorded as a failed document
    (name, size, hash, message) without its bytes. A file whose bytes were uploaded before is not stored or
    read again: the result points at the first copy.
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
    """Send the document to a worker once the transaction that stored it has committed."""
    from inspections.tasks import read_document_task

    pk = document.pk
    transaction.on_commit(lambda: read_document_task.delay(pk))


def gazetteer_from_db() -> councils.Gazetteer:
    """The reader's gazetteer, from the councils in the database (names, short names, aliases, dates)."""
    result = []
    for authority in Authority.objects.prefetch_related("aliases").order_by("gss_code"):
        result.append(
            councils.Council(
                code=authority.gss_code,
                name=authority.name,
                short_name=authority.short_name,
                aliases=tuple(alias.name for alias in authority.aliases.all()),
                active_from=authority.active_from,
                active_to=authority.active_to,
                other_codes=tuple(authority.other_codes or ()),
                dfe_number=str(authority.dfe_number or ""),
            )
        )
    return councils.Gazetteer(result)


def _reader_version(reading=None) -> str:
    from inspections.reading import reader

    return str((reading.reader_version if reading is not None else "") or reader.READER_VERSION)[:40]


def out_of_scope_message(sentence: str) -> str:
    """What an admin is told about a document outside children's services (the reader's sentence)."""
    return (
        f"This document is {sentence.rstrip('.')}. No event or judgement has been read from it, so there is "
        "nothing to publish. If it was uploaded by mistake, delete it."
    )


def _read(document: Document):
    """Extract and read the stored file; returns (extracted, reading). Raises ReadingError."""
    from inspections.reading import reader

    with document.file.open("rb") as handle:
        data = handle.read()
    extracted = text_reader.extract(data, document.original_name)
    council_code = None
    if document.authority_id and MESSAGE_MARK_COUNCIL_BY_HAND in _marks(document):
        # An admin chose the council: the reader takes it as the document's council (even where the text never
        # names it) and reads everything else from the text.
        council_code = document.authority.gss_code
    reading = reader.read(extracted, gazetteer_from_db(), council_code=council_code)
    if reading.council is None and not reading.out_of_scope:
        errors = [e for e in reading.errors if e.get("code") in COUNCIL_ERROR_CODES]
        if errors and errors[0]["code"] == AmbiguousCouncil.code:
            raise AmbiguousCouncil([], message=errors[0]["message"])
        raise UnknownCouncil(errors[0]["message"] if errors else None)
    return extracted, reading


def _marks(document: Document) -> set[str]:
    return {m.get("code") for m in document.messages if isinstance(m, dict)}


def read_and_store(document: Document) -> Document:
    """Read a document that a worker has claimed (state `reading`) and store the draft, or the failure.

    Safe to run twice: each run replaces the draft (and only the draft) with what it read. Writes happen only
    while the document is still `reading`, so a re-read requested in the meantime is not overwritten.
    """
    keep = _kept_messages(document)
    try:
        extracted, reading = _read(document)
    except ReadingError as error:
        return _fail(document, error.code, error.message, keep)
    except Exception as error:  # the reader is plain code and may have bugs: a document must never hang
        if error.__class__.__name__ in ("SoftTimeLimitExceeded", "TimeLimitExceeded"):
            return _fail(
                document,
                "too_slow",
                "Reading this document took too long and was stopped. Try again; if it fails again, the "
                "document may be unusually long: upload the report without its appendices.",
                keep,
            )
        log.exception("The reader failed on document %s", document.pk)
        return _fail(
            document,
            READER_FAILED,
            f"The reader stopped with an unexpected error ({error.__class__.__name__}). This is a fault in "
            "the service, not in the document: report it, and try 'Read again' once it is fixed.",
            keep,
        )
    authority = (
        Authority.objects.filter(gss_code=reading.council.code).first()
        if reading.council is not None
        else None
    )
    if reading.out_of_scope:
        return _out_of_scope(document, extracted, reading, authority, keep)
    messages = keep + [
        {"level": "warning", "code": e.get("code", ""), "message": e.get("message", "")}
        for e in reading.errors
    ]
    if not reading.events:
        messages.append(
            {
                "level": "info",
                "code": "no_events",
                "message": "No inspection or visit of the council's children's services was found in this "
                "document. If it should have one, add it below; otherwise there is nothing to publish.",
            }
        )
    updated = Document.objects.filter(pk=document.pk, state=Document.State.READING).update(
        state=Document.State.NEEDS_REVIEW,
        kind=reading.document_kind if reading.document_kind in vocab.DOCUMENT_KINDS else "",
        authority=authority,
        text=extracted.text,
        page_starts=extracted.page_starts,
        reading=reading.to_json(),
        reader_version=_reader_version(reading),
        content_type=extracted.source_type,
        messages=messages,
        error_code="",
        error_message="",
        read_at=timezone.now(),
    )
    if not updated:
        log.info("Document %s was not in the reading state any more; its reading was not stored", document.pk)
    document.refresh_from_db()
    return document


def _out_of_scope(document: Document, extracted, reading, authority, keep: list) -> Document:
    """A document outside children's services (an area SEND report, a school ...): it ends `failed` with
    the code `out_of_scope` and the reader's sentence, so it never reaches the review queue and cannot be
    published; its text and reading are kept so the page shows what it is."""
    message = out_of_scope_message(reading.out_of_scope)
    reading.events = []
    Document.objects.filter(pk=document.pk, state=Document.State.READING).update(
        state=Document.State.FAILED,
        kind=reading.document_kind if reading.document_kind in vocab.DOCUMENT_KINDS else "",
        authority=authority,
        text=extracted.text,
        page_starts=extracted.page_starts,
        reading=reading.to_json(),
        reader_version=_reader_version(reading),
        content_type=extracted.source_type,
        messages=keep + [{"level": "error", "code": OUT_OF_SCOPE, "message": message}],
        error_code=OUT_OF_SCOPE,
        error_message=message,
        read_at=timezone.now(),
    )
    document.refresh_from_db()
    return document


def _fail(document: Document, code: str, message: str, keep: list) -> Document:
    Document.objects.filter(pk=document.pk, state=Document.State.READING).update(
        state=Document.State.FAILED,
        error_code=code[:40],
        error_message=message,
        messages=keep + [{"level": "error", "code": code, "message": message}],
        read_at=timezone.now(),
    )
    document.refresh_from_db()
    return document


def fail_reading(document: Document, code: str, message: str) -> Document:
    """Mark a document that a worker holds (`reading`) as failed, keeping an admin's choice of council."""
    return _fail(document, code, message, _kept_messages(document))


def _kept_messages(document: Document) -> list[dict]:
    """The messages a new reading keeps: an admin's choice of council."""
    return [
        m for m in document.messages if isinstance(m, dict) and m.get("code") == MESSAGE_MARK_COUNCIL_BY_HAND
    ]


def choose_council(document: Document, authority: Authority) -> None:
    """An admin names the council of a document the reader could not place; it is then read again for it."""
    messages = [
        m for m in document.messages if isinstance(m, dict) and m.get("code") != MESSAGE_MARK_COUNCIL_BY_HAND
    ]
    messages.insert(
        0,
        {
            "level": "info",
            "code": MESSAGE_MARK_COUNCIL_BY_HAND,
            "message": f"The council was chosen by hand: {authority.short_name}.",
        },
    )
    document.authority = authority
    document.messages = messages
    document.save(update_fields=["authority", "messages"])
