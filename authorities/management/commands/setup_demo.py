from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

from authorities.demo import ensure_demo_admin

# Each step is idempotent, so the run command can call this on every start.
_STEPS = [
    ("load_councils", [], {}),
    ("load_official_data", [], {}),
    ("load_samples", [], {}),
]


class Command(BaseCommand):
    help = "Prepare a local run: councils, official statistics, sample documents and the demo admin."

    def handle(self, *args, **options):
        available = get_commands()
        for name, step_args, step_kwargs in _STEPS:
            if name in available:
                call_command(name, *step_args, **step_kwargs)
        username, _ = ensure_demo_admin()
        self.stdout.write(f"Demo admin ready: {username}")
