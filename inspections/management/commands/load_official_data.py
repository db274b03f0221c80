import hashlib
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from inspections.models import OfficialDataset
from inspections.official.import_summary import describe
from inspections.official.save import import_file

OFFICIAL_DATA_DIR = Path(settings.BASE_DIR) / "data" / "official"

# In import order: the 2009-2023 history first, then each newer edition (which revises the older), then the
# peers. The sha256 of each copy is in data/official/README.md; a changed file is refused.
FILES = [
    ("Childrens_social_care_in_England_2023_underlying_data.ods",
     "c3377447d882ebc5f64910e1520a4b69fdff1f74da9e0f928ee2f10f2992dd41"),
    ("LA_Inspection_Outcomes_as_at_March_2024.ods",
     "faf838f6436be617e2969e743424f627669e8a8d8fc450b111a502c17a618251"),
    ("LA_Inspection_Outcomes_as_at_31_March_2025.ods",
     "cf995c5bba20da43e0d1930035b569061974982e386ccefc1ee98b776f0c9faf"),
    ("sn_model_2025_wide.csv",
     "948bcdbe76f92e448e39ff4fc9f20b9dd382e0ce419e1f0da65877b99d950e22"),
]  # fmt: skip


class Command(BaseCommand):
    help = (
        "Import the official files kept in data/official/ (Ofsted LA inspection outcomes 2023-2025 and the "
        "DfE "
        "2025 statistical neighbours). Files already imported (same sha256) are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(OFFICIAL_DATA_DIR), help="Folder holding the files.")
        parser.add_argument(
            "--check", action="store_true", help="Only check the files' sha256; import nothing."
        )

    def handle(self, *args, dir, check, **options):
        folder = Path(dir)
        done = set(
            OfficialDataset.objects.filter(state=OfficialDataset.State.DONE).values_list("sha256", flat=True)
        )
        for name, expected in FILES:
            path = folder / name
            if not path.exists():
                raise CommandError(
                    f"{path} is missing: the project keeps its official data in data/official/."
                )
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() != expected:
                raise CommandError(f"{path} is not the published file (its sha256 differs from {expected}).")
            if check:
                self.stdout.write(f"{name}: sha256 ok")
                continue
            if expected in done:
                self.stdout.write(f"{name}: already imported")
                continue
            report = import_file(path, data=data)
            self.stdout.write(describe(report))
            if not report.ok:
                raise CommandError(f"{name} has problems; it changed nothing.")
