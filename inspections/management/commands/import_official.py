import datetime

from django.core.management.base import BaseCommand, CommandError

from inspections.official.import_summary import describe
from inspections.official.save import import_file


class Command(BaseCommand):
    help = (
        "Import Ofsted's official LA inspection tables (ODS as published, or CSV) and the DfE "
        "statistical-neighbour "
        "model. A file with any problem changes nothing; importing a file twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="Report what would be added and changed.")
        parser.add_argument(
            "--edition", default="", help="Name the edition (read from the Cover sheet if absent)."
        )
        parser.add_argument(
            "--edition-date",
            type=datetime.date.fromisoformat,
            help="Publication date of the edition (YYYY-MM-DD), for CSV files that have no Cover sheet.",
        )

    def handle(self, *args, paths, dry_run, edition, edition_date, **options):
        failed = []
        for path in paths:
            report = import_file(path, edition=edition, edition_date=edition_date, dry_run=dry_run)
            self.stdout.write(describe(report))
            if not report.ok:
                failed.append(path)
        if failed:
            raise CommandError(f"{len(failed)} file(s) had problems and changed nothing: {', '.join(failed)}")
