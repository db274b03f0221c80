"""`manage.py send_due_mails`: send every mail whose time has come, here and now (cron, after an outage)."""

from django.core.management.base import BaseCommand

from alerts import outbox


class Command(BaseCommand):
    help = "Send the outbox's due mails in this process (a worker does this by itself)."

    def handle(self, *args, **options):
        outbox.mark_uncertain()
        states = [outbox.send(pk).state for pk in outbox.due_mails()]
        self.stdout.write(f"{states.count('sent')} sent, {states.count('pending')} to try again later.")
