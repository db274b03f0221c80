from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup folder (from `manage.py backup`) into an empty database and an empty MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, folder, **options):
        try:
            result = restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored the database and {result['files']} files from {folder}")
