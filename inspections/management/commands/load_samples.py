"""Load the sample documents through the document pipeline (store, read, publish), so that a new user sees
Derby, Derbyshire and Devon on first start. Idempotent: a sample already stored (same SHA-256) is not read
again, and one already published is left alone."""

from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from inspections.documents import upload
from inspections.documents.publish import NotPublishable, publish
from inspections.documents.tasks import read_document
from inspections.models import Document

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "samples"
SAMPLE_SUFFIXES = {".txt", ".html", ".htm", ".docx", ".pdf"}


def sample_files(directory: Path = SAMPLES_DIR) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in SAMPLE_SUFFIXES)


def load_sample(path: Path) -> tuple[Document, str]:
    """Store, read and publish one sample document, as the system (no user). Returns it and what happened."""
    with path.open("rb") as handle:
        result = upload.store_upload(File(handle, name=path.name), user=None, enqueue=False)
    document = result.document
    if not document.sample:  # written for the demo: labelled as a sample wherever a fact rests on it
        document.sample = True
        document.save(update_fields=["sample"])
    if document.state == Document.State.PUBLISHED:
        return document, "already published"
    if document.state in (Document.State.QUEUED, Document.State.READING):
        # Read here and now, with the function the Celery task calls.
        document = read_document(document.pk)
    if document.state == Document.State.FAILED:
        return document, f"failed: {document.error_message}"
    try:
        summary = publish(document, user=None)
    except NotPublishable as refusal:
        return document, "not published: " + " ".join([refusal.message, *refusal.problems])
    except DatabaseError as error:  # the transaction was rolled back: the draft waits for an admin
        return document, f"not published: {error}"
    return document, summary.sentence()


class Command(BaseCommand):
    help = "Read and publish the sample documents in inspections/samples/ (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--directory", type=Path, default=SAMPLES_DIR, help="Where the samples are.")

    def handle(self, *args, directory, **options):
        if not directory.is_dir():
            raise CommandError(f"No sample folder at {directory}")
        problems = 0
        for path in sample_files(directory):
            document, outcome = load_sample(path)
            if document.state != Document.State.PUBLISHED:
                problems += 1
            if options["verbosity"]:
                self.stdout.write(f"{path.name}: {outcome}")
        if problems and options["verbosity"]:
            self.stderr.write(
                f"{problems} sample document(s) were not published; see their pages under /documents/."
            )
