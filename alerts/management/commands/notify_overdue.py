"""`manage.py notify_overdue`: what the daily beat task does, for a cron job instead."""

import datetime

from django.core.management.base import BaseCommand

from alerts import news


class Command(BaseCommand):
    help = "Tell the followers of each council about plan actions that have newly fallen overdue (once each)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="Pretend today is this date.")

    def handle(self, *args, today=None, **options):
        items = news.record_overdue(today)
        self.stdout.write(f"{len(items)} action(s) newly overdue; their followers' mails are queued.")
