from django.core.management.base import BaseCommand, CommandError

from authorities.importer import save_councils
from authorities.reference import COUNCILS_CSV, parse_councils


class Command(BaseCommand):
    help = "Load every English council with children's services (and the councils reorganisations ended)."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(COUNCILS_CSV))

    def handle(self, *args, file, **options):
        rows, problems = parse_councils(file)
        if problems:
            raise CommandError("The councils file has problems; nothing was loaded:\n" + "\n".join(problems))
        summary = save_councils(rows)
        self.stdout.write(
            f"Councils: {summary['created']} added, {summary['updated']} changed, "
            f"{summary['unchanged']} unchanged; {summary['current']} with children's services today."
        )
