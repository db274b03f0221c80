"""Sending the outbox: claim a row, write the mail, hand it to the mail server once, record what happened.

Guarantees (tests/alerts/test_mail_delivery.py shows them against a real SMTP server and worker):
- never twice: a row is claimed with a conditional update (pending -> sending) before it goes to the server,
  and only the worker that claimed it sends it; a row left `sending` by a dead worker becomes `uncertain` for
  an admin rather than being sent again by itself;
- never lost: a server that is down or refuses leaves the row `pending` with the next attempt later
  (ALERTS_RETRY_SECONDS, doubling, capped); the task retries and the periodic sweep catches any retry lost;
- nothing to the unfollowed: at the moment of sending, items of councils the user no longer follows are
  dropped, and a mail left with none is cancelled.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from dataclasses import dataclass
from urllib.parse import urlsplit

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from alerts import tokens
from alerts.models import AlertSettings, Follow, Mail, NewsItem

log = logging.getLogger(__name__)
SEND_TASK = "alerts.tasks.send_mail_task"


@dataclass
class Outcome:
    state: str
    retry_in: int | None = None


def backoff(attempts: int) -> int:
    """Seconds before attempt `attempts + 1`: ALERTS_RETRY_SECONDS doubling, capped."""
    delay = settings.ALERTS_RETRY_SECONDS * 2 ** max(0, attempts - 1)
    return int(min(delay, settings.ALERTS_RETRY_MAX_SECONDS))


def send_after_commit(pks: list[int]) -> None:
    """Queue a send task for each row once the transaction that wrote them has committed."""
    if not pks:
        return
    # Sent by name: the tasks module imports this one, and imports run one way.
    transaction.on_commit(lambda: [current_app.send_task(SEND_TASK, args=[pk]) for pk in pks])


def claim(pk: int) -> Mail | None:
    now = timezone.now()
    claimed = Mail.objects.filter(pk=pk, state=Mail.State.PENDING, next_attempt_at__lte=now).update(
        state=Mail.State.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    return Mail.objects.select_related("user").get(pk=pk)


def _still_followed(mail: Mail) -> list[NewsItem]:
    followed = Follow.objects.filter(user_id=mail.user_id).values("authority_id")
    return list(
        mail.items.filter(authority_id__in=followed).select_related("authority").order_by("recorded_at", "pk")
    )


def send(pk: int) -> Outcome:
    """Send one outbox row if it is due; safe to call any number of times for one row."""
    mail = claim(pk)
    if mail is None:
        state = Mail.objects.filter(pk=pk).values_list("state", flat=True).first()
        return Outcome(state or "missing")
    items = _still_followed(mail)
    if not items or not mail.user.email or not mail.user.is_active:
        Mail.objects.filter(pk=pk, state=Mail.State.SENDING).update(state=Mail.State.CANCELLED)
        return Outcome(Mail.State.CANCELLED)
    message = compose(mail, items)
    try:
        with get_connection(fail_silently=False, timeout=settings.EMAIL_TIMEOUT) as connection:
            message.connection = connection
            message.send()
    except (smtplib.SMTPException, OSError) as error:
        return _failed(mail, error)
    Mail.objects.filter(pk=pk, state=Mail.State.SENDING).update(
        state=Mail.State.SENT,
        sent_at=timezone.now(),
        to_address=message.to[0],
        subject=message.subject[:300],
        last_error="",
    )
    return Outcome(Mail.State.SENT)


def _failed(mail: Mail, error: Exception) -> Outcome:
    reason = f"{error.__class__.__name__}: {error}"[:2000]
    if mail.attempts >= settings.ALERTS_MAX_ATTEMPTS:
        log.error("Mail %s: gave up after %s attempts (%s)", mail.pk, mail.attempts, reason)
        Mail.objects.filter(pk=mail.pk, state=Mail.State.SENDING).update(
            state=Mail.State.GAVE_UP, last_error=reason
        )
        return Outcome(Mail.State.GAVE_UP)
    delay = backoff(mail.attempts)
    log.warning("Mail %s: attempt %s failed (%s); trying again in %ss", mail.pk, mail.attempts, reason, delay)
    Mail.objects.filter(pk=mail.pk, state=Mail.State.SENDING).update(
        state=Mail.State.PENDING,
        next_attempt_at=timezone.now() + datetime.timedelta(seconds=delay),
        last_error=reason,
    )
    return Outcome(Mail.State.PENDING, retry_in=delay)


# --- Writing the mail ---------------------------------------------------------------------------------------


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def unsubscribe_url(user_id: int, authority_id: int | None) -> str:
    return absolute(reverse("alerts:unsubscribe", kwargs={"token": tokens.make(user_id, authority_id)}))


def compose(mail: Mail, items: list[NewsItem]) -> EmailMessage:
    councils = list(dict.fromkeys(item.authority for item in items))
    # One council: the link stops that council's mails; a digest of several stops them all.
    unsubscribe = unsubscribe_url(mail.user_id, councils[0].pk if len(councils) == 1 else None)
    context = {
        "user": mail.user,
        "items": [{"item": item, "url": absolute(item.get_absolute_url())} for item in items],
        "councils": councils,
        "unsubscribe_url": unsubscribe,
        "settings_url": absolute(reverse("alerts:account")),
        "day": mail.digest_day,
        "site_name": settings.SITE_NAME,
    }
    if mail.kind == Mail.Kind.DIGEST:
        subject = f"{len(items)} new item{'s' if len(items) != 1 else ''} for the councils you follow"
        body = render_to_string("alerts/mail/digest.txt", context)
    else:
        subject = items[0].title
        body = render_to_string("alerts/mail/each.txt", context)
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return EmailMessage(
        subject=subject[:300],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.user.email],
        headers={
            # Gmail and others show an unsubscribe button from these (RFC 2369, RFC 8058 one-click).
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # The same row always has the same Message-ID: a copy could be recognised as one.
            "Message-ID": f"<alerts-mail-{mail.pk}@{domain}>",
            "Auto-Submitted": "auto-generated",
        },
    )


# --- The periodic sweep and the daily digest ----------------------------------------------------------------


def due_mails(limit: int = 500) -> list[int]:
    return list(
        Mail.objects.filter(state=Mail.State.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


def mark_uncertain() -> int:
    """Rows claimed by a worker that died before recording the outcome: an admin decides, never a retry."""
    stale = timezone.now() - datetime.timedelta(seconds=settings.EMAIL_TIMEOUT * 3 + 300)
    return Mail.objects.filter(state=Mail.State.SENDING, claimed_at__lt=stale).update(
        state=Mail.State.UNCERTAIN,
        last_error="The worker stopped while sending: the mail may or may not have gone. Send it again from "
        "the admin if the reader did not get it.",
    )


def build_digests(day: datetime.date) -> list[int]:
    """One digest row per daily reader with news recorded on `day` (local time) for a council they follow."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    end = start + datetime.timedelta(days=1)
    readers = AlertSettings.objects.filter(
        frequency=AlertSettings.Frequency.DAILY, user__is_active=True
    ).exclude(user__email="")
    made = []
    with transaction.atomic():
        for settings_row in readers.select_related("user"):
            followed = Follow.objects.filter(user_id=settings_row.user_id).values("authority_id")
            items = list(
                NewsItem.objects.filter(
                    recorded_at__gte=start, recorded_at__lt=end, mailed=True, authority_id__in=followed
                ).values_list("pk", flat=True)
            )
            if not items:
                continue
            mail, created = Mail.objects.get_or_create(
                key=f"digest:{day.isoformat()}:to:{settings_row.user_id}",
                defaults={"user_id": settings_row.user_id, "kind": Mail.Kind.DIGEST, "digest_day": day},
            )
            if created:
                mail.items.set(items)
                made.append(mail.pk)
        send_after_commit(made)
    return made
