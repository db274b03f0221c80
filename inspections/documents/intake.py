"""Bringing many files in at once: files, folders (recursively) and zip archives, walked safely.

`collect()` turns what a person pointed at into a stream of candidate files and refusals; `bring_in()` hands
every candidate to `upload.store_upload`, the one entry point an upload goes through, so the command line, the
upload page's zip and a single upload share the same checks, duplicate rule and queue. Nothing here reads a
document: that is the worker's job.

A zip is opened in memory, never extracted to disk, and every limit is checked against the bytes actually
read, not the sizes the archive declares (a bomb lies about them):
- a zip inside a zip is not opened (one level only), and said so;
- a member whose name is absolute, climbs out with `..`, or is a link is refused (its name would be unsafe
  anywhere it was written, even though we write nothing under it);
- an archive with more members than ZIP_MAX_MEMBERS, or declaring more than ZIP_MAX_TOTAL_BYTES, is refused
  whole, before anything in it is stored: thousands of tiny files are a batch to split, not to half-take;
- a member larger than MAX_UPLOAD_BYTES, or expanding more than ZIP_MAX_RATIO times its compressed size, is
  refused as too large or as a compression bomb, and reading it stops at the limit.
"""

from __future__ import annotations

import os
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.template.defaultfilters import filesizeformat

from inspections.documents import upload
from inspections.models import DocumentBatch

ZIP_SUFFIX = ".zip"
_CHUNK = 1024 * 1024
# Files the operating system leaves in folders and archives; skipped without a word.
_LITTER = {".ds_store", "thumbs.db", "desktop.ini"}


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


@dataclass
class Candidate:
    """A file to store: where it came from (for the report) and how to open its bytes."""

    where: str
    name: str
    open: Callable[[], File]


@dataclass
class Refusal:
    where: str
    reason: str
    status: str = "refused"  # "skipped": not a document at all (a spreadsheet, a README), so no fault


@dataclass
class Outcome:
    where: str
    status: str  # queued | duplicate | skipped | refused | failed
    message: str = ""
    document_id: int | None = None


@dataclass
class BatchReport:
    """What happened to every file of a batch, and the counts a summary prints."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    def as_json(self) -> dict:
        return {
            "queued": self.count("queued"),
            "duplicates": self.count("duplicate"),
            "skipped": self.count("skipped"),
            "refused": self.count("refused"),
            "failed": self.count("failed"),
            "problems": [
                {"where": o.where, "status": o.status, "message": o.message}
                for o in self.outcomes
                if o.status in ("skipped", "refused", "failed")
            ][:500],
            "duplicate_of": [
                {"where": o.where, "document": o.document_id}
                for o in self.outcomes
                if o.status == "duplicate"
            ][:500],
        }

    def summary(self) -> str:
        return (
            f"{self.count('queued')} queued for reading, {self.count('duplicate')} already uploaded "
            f"(pointed at the first copy), {self.count('skipped')} skipped as not documents, "
            f"{self.count('refused')} refused, {self.count('failed')} stored "
            "as failed."
        )


def allowed(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in upload.ALLOWED_EXTENSIONS


def _skip_silently(name: str) -> bool:
    base = PurePosixPath(name).name
    return not base or base.lower() in _LITTER or base.startswith("._")


# --- Walking what was pointed at ----------------------------------------------------------------------------


def collect(paths: Iterable[str | Path]) -> Iterator[Candidate | Refusal]:
    """Every file under the given paths, in a stable order; zips are opened one level deep."""
    for raw in paths:
        path = Path(raw)
        if path.is_symlink() and path.is_dir():
            yield Refusal(str(path), "is a link to a folder; give the folder itself")
        elif path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield from _one_file(path, str(path))
        else:
            yield Refusal(str(path), "does not exist (or cannot be read)")


def count(paths: Iterable[str | Path]) -> int:
    """How many items `collect` will yield, near enough for a progress bar, without reading any member."""
    total = 0
    for raw in paths:
        path = Path(raw)
        files = [path] if not path.is_dir() else [Path(r) / n for r, _, names in os.walk(path) for n in names]
        for file in files:
            if file.suffix.lower() == ZIP_SUFFIX:
                try:
                    with zipfile.ZipFile(file) as archive:
                        total += max(1, sum(1 for i in archive.infolist() if not i.is_dir()))
                except (zipfile.BadZipFile, OSError):
                    total += 1
            elif not _skip_silently(file.name):
                total += 1
    return total


def _walk(folder: Path) -> Iterator[Candidate | Refusal]:
    # Links to folders are not followed: a link back up the tree would walk for ever.
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted(files):
            path = Path(root) / name
            if _skip_silently(name):
                continue
            yield from _one_file(path, str(path))


def _one_file(path: Path, where: str) -> Iterator[Candidate | Refusal]:
    if path.suffix.lower() == ZIP_SUFFIX:
        try:
            with open(path, "rb") as handle:
                yield from from_zip(handle, where)
        except OSError as error:
            yield Refusal(where, f"cannot be read: {error.strerror or error}")
        return
    if not allowed(path.name):
        yield Refusal(where, _not_a_document(path.name), "skipped")
        return
    yield Candidate(where, path.name, lambda: File(open(path, "rb"), name=path.name))  # noqa: SIM115


def _not_a_document(name: str) -> str:
    suffix = PurePosixPath(name).suffix or "no extension"
    return f"is not a PDF, Word (.docx), HTML or text file ({suffix}); skipped"


# --- Zip archives -------------------------------------------------------------------------------------------


def _unsafe_name(name: str) -> str | None:
    """Why a member's name is unsafe, or None."""
    if "\\" in name or "\x00" in name:
        return "has a name with a backslash or a NUL character"
    posix = PurePosixPath(name)
    if posix.is_absolute() or (len(name) > 1 and name[1] == ":"):
        return "has an absolute path as its name"
    if ".." in posix.parts:
        return "has a name that climbs out of the archive ('..')"
    return None


def from_zip(handle, where: str) -> Iterator[Candidate | Refusal]:
    """The documents inside one zip archive (a binary file object), or why it or its members are refused."""
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        yield Refusal(where, f"is not a readable zip archive ({error}); nothing in it was stored")
        return
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        max_members = _limit("ZIP_MAX_MEMBERS", 1000)
        if len(members) > max_members:
            yield Refusal(
                where,
                f"holds {len(members)} files, over the limit of {max_members} for one archive; nothing in it "
                "was stored. Split it into smaller archives, or give the folder itself.",
            )
            return
        declared = sum(info.file_size for info in members)
        max_total = _limit("ZIP_MAX_TOTAL_BYTES", 2 * 1024**3)
        if declared > max_total:
            yield Refusal(
                where,
                f"would expand to {filesizeformat(declared)}, over the limit of {filesizeformat(max_total)} "
                "for one archive; nothing in it was stored.",
            )
            return
        for info in members:
            inner = f"{where}!{info.filename}"
            if _skip_silently(info.filename) or info.filename.startswith("__MACOSX/"):
                continue
            if not allowed(info.filename) and PurePosixPath(info.filename).suffix.lower() != ZIP_SUFFIX:
                yield Refusal(inner, _not_a_document(info.filename), "skipped")
                continue
            problem = _member_problem(info)
            if problem:
                yield Refusal(inner, problem)
                continue
            yield from _member(archive, info, inner)


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    unsafe = _unsafe_name(info.filename)
    if unsafe:
        return unsafe + "; refused"
    mode = info.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        return "is a link, not a file; refused"
    if info.flag_bits & 0x1:
        return "is encrypted; give the file without a password"
    if PurePosixPath(info.filename).suffix.lower() == ZIP_SUFFIX:
        return "is a zip inside the zip: archives are opened one level deep only; give it on its own"
    if info.file_size > settings.MAX_UPLOAD_BYTES:
        return (
            f"is {filesizeformat(info.file_size)}, over the limit of "
            f"{filesizeformat(settings.MAX_UPLOAD_BYTES)} for one document; refused"
        )
    if _ratio_too_high(info.file_size, info.compress_size):
        return _bomb_message()
    return None


def _ratio_too_high(size: int, compressed: int) -> bool:
    # Tiny files compress oddly; a bomb is a large expansion, so only sizes over 1 MB are judged by ratio.
    return size > _CHUNK and size > _limit("ZIP_MAX_RATIO", 100) * max(compressed, 1)


def _bomb_message() -> str:
    return (
        f"expands more than {_limit('ZIP_MAX_RATIO', 100)} times its compressed size, as a compression bomb "
        "does; refused"
    )


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str) -> Iterator[Candidate | Refusal]:
    """Read one member into a spooled temporary file, counting the bytes really produced."""
    limit = settings.MAX_UPLOAD_BYTES
    spool = tempfile.SpooledTemporaryFile(max_size=8 * _CHUNK)  # noqa: SIM115 - handed to the caller
    written = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                written += len(chunk)
                if written > limit:
                    spool.close()
                    yield Refusal(
                        where, "expands past the size its archive declares (a compression bomb); refused"
                    )
                    return
                if _ratio_too_high(written, info.compress_size):
                    spool.close()
                    yield Refusal(where, _bomb_message())
                    return
                spool.write(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as error:
        spool.close()
        yield Refusal(where, f"cannot be read from the archive ({error}); refused")
        return
    spool.seek(0)
    name = PurePosixPath(info.filename).name

    def opener(spool=spool, name=name):
        spool.seek(0)
        return File(spool, name=name)

    yield Candidate(where, name, opener)


# --- Storing ------------------------------------------------------------------------------------------------


def bring_in(
    items: Iterable[Candidate | Refusal],
    *,
    user=None,
    batch: DocumentBatch | None = None,
    on_each: Callable[[Outcome], None] | None = None,
) -> BatchReport:
    """Store every candidate through `upload.store_upload` (each in its own transaction, queued for a worker
    as it is stored) and record every refusal. One file's failure never stops the others."""
    report = BatchReport()
    for item in items:
        if isinstance(item, Refusal):
            outcome = Outcome(item.where, item.status, item.reason)
        else:
            outcome = _store(item, user, batch)
        report.outcomes.append(outcome)
        if on_each:
            on_each(outcome)
    if batch is not None:
        batch.report = report.as_json()
        batch.save(update_fields=["report"])
    return report


def _store(candidate: Candidate, user, batch) -> Outcome:
    try:
        with candidate.open() as uploaded:
            result = upload.store_upload(uploaded, user, batch=batch)
    except OSError as error:
        return Outcome(candidate.where, "refused", f"cannot be read: {error.strerror or error}")
    document = result.document
    if result.duplicate:
        return Outcome(
            candidate.where, "duplicate", upload.duplicate_message(document, candidate.name), document.pk
        )
    if document.state == document.State.FAILED:
        return Outcome(candidate.where, "failed", document.error_message, document.pk)
    return Outcome(candidate.where, "queued", "", document.pk)


def new_batch(label: str, user=None) -> DocumentBatch:
    return DocumentBatch.objects.create(label=label[:255], created_by=user)


# --- The upload page ----------------------------------------------------------------------------------------


def from_uploads(files, user=None) -> list[dict]:
    """What the upload page reports for each file it was given: a zip is opened (as `ingest` opens one) and
    its documents become a batch; every other file is stored as it always was."""
    results = []
    for uploaded in files:
        if PurePosixPath(uploaded.name).suffix.lower() == ZIP_SUFFIX:
            batch = new_batch(f"{PurePosixPath(uploaded.name).name} (uploaded)", user)
            report = bring_in(from_zip(uploaded, uploaded.name), user=user, batch=batch)
            results.extend(_result(o, batch) for o in report.outcomes)
        else:
            result = upload.store_upload(uploaded, user)
            outcome = Outcome(
                result.name,
                "duplicate" if result.duplicate else "queued",
                upload.duplicate_message(result.document, result.name) if result.duplicate else "",
                result.document.pk,
            )
            results.append(_result(outcome, None))
    return results


def is_zip(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() == ZIP_SUFFIX


def _result(outcome: Outcome, batch) -> dict:
    return {
        "name": outcome.where.split("!", 1)[-1],
        "pk": outcome.document_id,
        "duplicate": outcome.status == "duplicate",
        "refused": outcome.status in ("skipped", "refused"),
        "message": outcome.message,
        "batch": batch.pk if batch else None,
    }
