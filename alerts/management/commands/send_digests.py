"""`manage.py send_digests`: what the morning beat task does, for a cron job instead."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from alerts import outbox


class Command(BaseCommand):
    help = "Queue the daily digest of a day's news (default yesterday) for everyone who chose a digest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, help="The day to digest (YYYY-MM-DD)."
        )

    def handle(self, *args, date=None, **options):
        day = date or timezone.localdate() - datetime.timedelta(days=1)
        made = outbox.build_digests(day)
        self.stdout.write(f"{len(made)} digest(s) of {day:%-d %B %Y} queued.")
