"""Reading a stored document: the reader's glue to the database, run by the Celery task (documents.tasks).

The reader (`inspections.reading`) is plain Python; everything here is about the database and the stored file.
Nothing in this module raises out of `read_and_store`: every way a document can fail to be read ends with the
document in the `failed` state and a message an admin can act on.
"""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.utils import timezone

from authorities.models import Authority
from inspections.documents import limits
from inspections.models import Document
from inspections.reading import councils
from inspections.reading import text as text_reader
from inspections.reading import vocabulary as vocab
from inspections.reading.errors import AmbiguousCouncil, ReadingError, UnknownCouncil

log = logging.getLogger(__name__)

COUNCIL_ERROR_CODES = (UnknownCouncil.code, AmbiguousCouncil.code)
OUT_OF_SCOPE = "out_of_scope"
READER_FAILED = "reader_failed"


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
    # Before the reader opens it: a Word file that would unpack beyond the limits is refused from its zip
    # directory alone; and no more text is kept than a review can use (documents.limits).
    limits.check_archive(data)
    extracted = text_reader.extract(data, document.original_name)
    limits.check_text_length(extracted.text)
    council_code = None
    if document.authority_id and document.council_chosen_by_hand:
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


def read_and_store(document: Document) -> Document:
    """Read a document that a worker has claimed (state `reading`) and store the draft, or the failure.

    Safe to run twice: each run replaces the draft (and only the draft) with what it read. Writes happen only
    while the document is still `reading`, so a re-read requested in the meantime is not overwritten.
    """
    try:
        extracted, reading = _read(document)
    except ReadingError as error:
        return _fail(document, error.code, error.message)
    except (OperationalError, InterfaceError):
        # The database went away (a restart), not the document: nothing can be recorded now. The task ends,
        # its advisory lock goes with its connection, and the recovery sweep reads the document again.
        raise
    except MemoryError:
        # The worker's memory bound (WORKER_MEMORY_LIMIT_MB) stopped it: the document, not the service.
        return _fail(
            document,
            "too_large_to_read",
            "Reading this document needed more memory than a worker may use, so it was stopped. Upload the "
            "report without its appendices, or as a PDF saved from the original.",
        )
    except Exception as error:  # the reader is plain code and may have bugs: a document must never hang
        if error.__class__.__name__ in ("SoftTimeLimitExceeded", "TimeLimitExceeded"):
            return _fail(
                document,
                "too_slow",
                "Reading this document took too long and was stopped. Try again; if it fails again, the "
                "document may be unusually long: upload the report without its appendices.",
            )
        log.exception("The reader failed on document %s", document.pk)
        return _fail(
            document,
            READER_FAILED,
            f"The reader stopped with an unexpected error ({error.__class__.__name__}). This is a fault in "
            "the service, not in the document: report it, and try 'Read again' once it is fixed.",
        )
    authority = (
        Authority.objects.filter(gss_code=reading.council.code).first()
        if reading.council is not None
        else None
    )
    if reading.out_of_scope:
        return _out_of_scope(document, extracted, reading, authority)
    messages = [
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
    updated = _store_reading(document, Document.State.NEEDS_REVIEW, extracted, reading, authority, messages)
    if not updated:
        log.info("Document %s was not in the reading state any more; its reading was not stored", document.pk)
    document.refresh_from_db()
    return document


def _store_reading(document, state, extracted, reading, authority, messages, error_code="", error_message=""):
    """Write what the reader made of a document, only while it is still `reading` (a re-read requested in the
    meantime wins). Returns the number of rows written: 0 or 1."""
    return Document.objects.filter(pk=document.pk, state=Document.State.READING).update(
        state=state,
        kind=reading.document_kind if reading.document_kind in vocab.DOCUMENT_KINDS else "",
        authority=authority,
        text=extracted.text,
        page_starts=extracted.page_starts,
        reading=reading.to_json(),
        reader_version=_reader_version(reading),
        content_type=extracted.source_type,
        messages=messages,
        error_code=error_code,
        error_message=error_message,
        read_at=timezone.now(),
    )


def _out_of_scope(document: Document, extracted, reading, authority) -> Document:
    """A document outside children's services (an area SEND report, a school ...): it ends `failed` with
    the code `out_of_scope` and the reader's sentence, so it never reaches the review queue and cannot be
    published; its text and reading are kept so the page shows what it is."""
    message = out_of_scope_message(reading.out_of_scope)
    reading.events = []
    _store_reading(
        document,
        Document.State.FAILED,
        extracted,
        reading,
        authority,
        [{"level": "error", "code": OUT_OF_SCOPE, "message": message}],
        error_code=OUT_OF_SCOPE,
        error_message=message,
    )
    document.refresh_from_db()
    return document


def _fail(document: Document, code: str, message: str) -> Document:
    Document.objects.filter(pk=document.pk, state=Document.State.READING).update(
        state=Document.State.FAILED,
        error_code=code[:40],
        error_message=message,
        messages=[{"level": "error", "code": code, "message": message}],
        read_at=timezone.now(),
    )
    document.refresh_from_db()
    return document


def fail_reading(document: Document, code: str, message: str) -> Document:
    """Mark a document that a worker holds (`reading`) as failed (an admin's choice of council stays)."""
    return _fail(document, code, message)


def choose_council(document: Document, authority: Authority) -> None:
    """An admin names the council of a document the reader could not place; it is then read again for it."""
    document.authority = authority
    document.council_chosen_by_hand = True
    document.save(update_fields=["authority", "council_chosen_by_hand"])
