"""Celery tasks: thin wrappers around alerts.outbox and alerts.news. Each is safe to run twice."""

import datetime

from celery import shared_task
from django.utils import timezone

from alerts import news, outbox


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True, max_retries=None)
def send_mail_task(self, pk: int) -> str:
    outcome = outbox.send(pk)
    if outcome.retry_in is not None:
        # The row is pending again with its next attempt recorded; this retry is one way back to it, the
        # periodic sweep (send_due_mails_task) the other.
        raise self.retry(countdown=outcome.retry_in)
    return outcome.state


@shared_task(ignore_result=True)
def send_due_mails_task() -> int:
    outbox.mark_uncertain()
    pks = outbox.due_mails()
    for pk in pks:
        send_mail_task.delay(pk)
    return len(pks)


@shared_task(acks_late=True, ignore_result=True)
def notify_overdue_task() -> int:
    return len(news.record_overdue())


@shared_task(acks_late=True, ignore_result=True)
def send_digests_task(day: str | None = None) -> int:
    """Digests of `day` (ISO date), by default yesterday: the beat runs it each morning."""
    when = datetime.date.fromisoformat(day) if day else timezone.localdate() - datetime.timedelta(days=1)
    return len(outbox.build_digests(when))
