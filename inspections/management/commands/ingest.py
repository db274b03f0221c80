"""`manage.py ingest PATH ...`: bring in files, folders (recursively) and zip archives as one batch.

Every document goes through the upload's own entry point (inspections.documents.upload.store_upload) and is
queued for the workers as it is stored, so reading starts while the command is still walking. See
inspections.documents.intake for the zip limits.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from inspections.documents import intake


class Command(BaseCommand):
    help = "Queue every document under the given files, folders and zip archives for reading, as one batch."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files, folders (read recursively) or .zip archives.")
        parser.add_argument("--label", default="", help="A name for the batch (default: the paths given).")
        parser.add_argument("--user", default="", help="The username recorded as the uploader.")
        parser.add_argument("--no-progress", action="store_true", help="Print no progress bar.")

    def handle(self, *args, paths, label, user, no_progress, **options):
        uploader = None
        if user:
            uploader = get_user_model().objects.filter(username=user).first()
            if uploader is None:
                raise CommandError(f"There is no user '{user}'.")
        # Counted first from names alone so the bar knows its length; each zip member is read as it is stored.
        batch = intake.new_batch(label or " ".join(str(p) for p in paths), uploader)
        bar = tqdm(
            total=intake.count(paths),
            unit="file",
            disable=no_progress or None,
            file=self.stderr._out,
            leave=True,
        )
        verbose = options["verbosity"] > 1

        def on_each(outcome):
            bar.update(1)
            if outcome.status in ("skipped", "refused", "failed") or (
                verbose and outcome.status == "duplicate"
            ):
                bar.write(
                    f"{outcome.status.upper()}: {outcome.where}: {outcome.message}", file=self.stderr._out
                )

        report = intake.bring_in(intake.collect(paths), user=uploader, batch=batch, on_each=on_each)
        bar.close()
        duplicates = [o for o in report.outcomes if o.status == "duplicate"]
        if duplicates and not verbose:
            self.stdout.write(f"Already uploaded ({len(duplicates)}), pointed at the first copy:")
            for outcome in duplicates[:20]:
                self.stdout.write(f"  {outcome.where} -> document {outcome.document_id}")
            if len(duplicates) > 20:
                self.stdout.write(f"  ... and {len(duplicates) - 20} more (run with -v 2 to list them all)")
        self.stdout.write(f"Batch {batch.pk} ({batch.label}): {report.summary()}")
        self.stdout.write(f"Follow it on the documents page: {batch.get_absolute_url()}")
