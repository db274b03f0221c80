from django.core.management.base import BaseCommand

from ops import recovery


class Command(BaseCommand):
    help = "Queue again the documents and official files that a restart left queued, reading or importing."

    def handle(self, **options):
        documents = recovery.recover_documents()
        imports = recovery.recover_imports()
        self.stdout.write(f"Queued again: {len(documents)} documents, {len(imports)} official files.")
