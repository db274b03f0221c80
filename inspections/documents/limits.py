"""Limits on what an upload may cost, checked by the document pipeline before the reader sees a file.

- A stored name is capped in bytes, not characters, keeping its extension: file systems limit a name to 255
  bytes, and 150 accented characters are 300 of them (a 500 that lost the rest of the batch); a name cut
  after the extension check (`x…x.js.txt` → `x…x.js`) chose the type the site served.
- A Word file is a zip: its declared unpacked size, its packing ratio and its number of parts are read from
  the zip's directory, without unpacking anything, and a compression bomb (1.5 MB unpacking to 1.5 GB) is
  refused before python-docx opens it. Python's zipfile never unpacks more than a part's declared size, so
  the declared sizes are a real bound.
- The text read from a document is capped: a file within every other limit can still hold 95 million
  characters, which no one reviews and no page should carry.

PDFs compress their streams too; PDFium reads them lazily, and the worker's memory bound
(WORKER_MEMORY_LIMIT_MB, config.celery_app) ends a task that would exhaust it.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import PurePath

from django.conf import settings

from inspections.reading.errors import ReadingError

# Bytes of a stored file name, extension included: room under the file system's 255 for the storage's
# "_abc1234" suffix on a clash and for the folders Django joins it to.
MAX_NAME_BYTES = 150


class UnpacksTooLarge(ReadingError):
    code = "unpacks_too_large"
    default_message = "The file unpacks to far more than a document of its size could: it was not read."


class TextTooLong(ReadingError):
    code = "text_too_long"
    default_message = "The document's text is longer than the reader takes."


def safe_file_name(name: str, max_bytes: int = MAX_NAME_BYTES) -> str:
    """The last part of an uploaded file's name, in NFC, without control characters, at most `max_bytes`
    of UTF-8 with its extension kept whole."""
    name = unicodedata.normalize("NFC", name or "")
    name = PurePath(name.replace("\\", "/")).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip() or "document"
    path = PurePath(name)
    suffix = path.suffix if len(path.suffix.encode()) <= 16 else ""
    stem = name[: len(name) - len(suffix)] if suffix else name
    room = max_bytes - len(suffix.encode())
    encoded = stem.encode()
    if len(encoded) > room:
        stem = encoded[:room].decode("utf-8", errors="ignore").rstrip(" .") or "document"
    return stem + suffix


def check_archive(data: bytes) -> None:
    """Refuse a zip-based file (Word) whose parts would unpack beyond the limits; anything else passes."""
    if not data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a readable zip: the reader says so in its own words
    limit, ratio_limit = settings.MAX_UNPACKED_BYTES, settings.MAX_UNPACK_RATIO
    if len(parts) > settings.MAX_ARCHIVE_PARTS:
        raise UnpacksTooLarge(
            f"The file holds {len(parts):,} parts; a Word document has a few dozen, and at most "
            f"{settings.MAX_ARCHIVE_PARTS:,} are read. It was not read: save it again from Word, upload that."
        )
    unpacked = sum(part.file_size for part in parts)
    ratio = unpacked / max(1, len(data))
    if unpacked > limit or ratio > ratio_limit:
        raise UnpacksTooLarge(
            f"The file is {len(data) / 1e6:.1f} MB but unpacks to {unpacked / 1e6:,.0f} MB "
            f"({ratio:,.0f} times its size); at most {limit / 1e6:,.0f} MB and {ratio_limit:,} times are "
            "read, so it was not read (a file built to exhaust the reader looks like this). If it is a real "
            "document, save it as PDF and upload that."
        )


def check_text_length(text: str) -> None:
    most = settings.MAX_DOCUMENT_CHARS
    if len(text) > most:
        raise TextTooLong(
            f"The document's text is {len(text):,} characters; at most {most:,} are read (a long inspection "
            "report has about 150,000). It was not read: upload the report without its appendices."
        )


# What a stored file is served as: the type read from its bytes at upload, never one guessed from its name.
SERVED_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "text": "text/plain; charset=utf-8",
}


def served_type(content_type: str) -> str:
    """HTML and anything unknown go out as bytes to save, never as something a browser would run."""
    return SERVED_TYPES.get(content_type, "application/octet-stream")
