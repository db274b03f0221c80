from django.core.management.base import BaseCommand

from authorities.demo import DEMO_USERNAME, demo_password


class Command(BaseCommand):
    help = "Print how to log in as the demo admin of a local run."

    def handle(self, *args, **options):
        password = demo_password()
        if password is None:
            self.stdout.write("No demo admin yet: run `make run` (or `python manage.py setup_demo`).")
            return
        self.stdout.write(f"Log in at /accounts/login/ as '{DEMO_USERNAME}' with password '{password}'.")
        self.stdout.write("(The password is kept in .local/demo-admin-password; delete it to get a new one.)")
