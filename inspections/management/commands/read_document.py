"""python manage.py read_document PATH [PATH ...] [--json]: run the reader on files, touching no database.

The gazetteer comes from authorities/data/councils.csv, read by its one parser (authorities.reference), not
from the database, so the command works on a fresh checkout and shows exactly what an upload would read.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from inspections.gazetteer import reference_gazetteer
from inspections.reading.batch import read_files, summary


class Command(BaseCommand):
    help = "Read Ofsted reports, letters or council papers and print what the reader finds (no database)."
    # Reading files needs neither the database nor the URL configuration, so no system checks.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="PDF, .docx, HTML or text files")
        parser.add_argument("--json", action="store_true", help="print one JSON document with every reading")
        parser.add_argument("--councils", help="councils CSV (default: authorities/data/councils.csv)")

    def handle(self, *args, **options):
        csv_path = Path(
            options["councils"] or Path(settings.BASE_DIR) / "authorities" / "data" / "councils.csv"
        )
        if not csv_path.exists():
            raise CommandError(f"The councils list {csv_path} does not exist; pass --councils PATH.")
        gazetteer, problems = reference_gazetteer(csv_path)
        for problem in problems:
            self.stderr.write(f"{csv_path}: {problem}")
        results = read_files(options["paths"], gazetteer)
        if options["json"]:
            self.stdout.write(json.dumps(results, indent=2, ensure_ascii=False))
        else:
            for result in results:
                self.stdout.write(summary(result))
        if all("error" in result for result in results):
            raise CommandError("No file could be read.")
