from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into a new folder under DESTINATION."

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path)

    def handle(self, destination, **options):
        try:
            folder = backup(destination)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backup written to {folder}")
