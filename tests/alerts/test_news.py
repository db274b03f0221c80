"""News is recorded once, with the facts (never for a dry run), and mails go only to those who want them."""

import datetime
import io

import pytest
from django.core import mail as django_mail
from django.core.management import call_command
from django.utils import timezone

from alerts import news, outbox
from alerts.models import Follow, Mail, NewsItem
from improvements.models import Action, ImprovementPlan, Priority
from inspections.documents.publish import NotPublishable, publish
from inspections.models import Inspection
from inspections.official.save import import_file
from tests.official.helpers import FILE_2024, FILE_2025

from .conftest import DERBY, DEVON, DEVON_REPORT, council, make_follower, publish_file

pytestmark = pytest.mark.django_db


def test_a_published_report_is_news_once_and_a_mail_per_follower_who_wants_one():
    anna = make_follower("anna", DEVON)
    make_follower("nomail", DEVON, email_address="")  # no address: nothing to send to
    make_follower("dora", DEVON, daily=True)  # the digest, not a mail each
    make_follower("carl", DERBY)
    document = publish_file(DEVON_REPORT)
    item = NewsItem.objects.get()
    assert item.kind == NewsItem.Kind.NEW_EVENT and item.authority.gss_code == DEVON
    assert item.document == document and item.framework == "ilacs" and item.public
    assert item.title.startswith("Devon: ILACS")
    assert "Inadequate" in item.summary  # the grades as written
    assert list(Mail.objects.values_list("user__username", flat=True)) == ["anna"]
    # A second publish of the same document is refused and tells nobody again.
    with pytest.raises(NotPublishable):
        publish(document)
    assert NewsItem.objects.count() == 1 and Mail.objects.count() == 1
    assert outbox.send(Mail.objects.get().pk).state == Mail.State.SENT
    (sent,) = django_mail.outbox
    assert sent.to == [anna.email]


def test_a_follower_who_unfollows_before_the_mail_goes_gets_nothing():
    anna = make_follower("anna", DEVON)
    publish_file(DEVON_REPORT)
    Follow.objects.filter(user=anna).delete()
    assert outbox.send(Mail.objects.get().pk).state == Mail.State.CANCELLED
    assert django_mail.outbox == []


def test_an_official_import_is_news_for_new_events_only_and_a_dry_run_tells_nobody(settings):
    settings.ALERTS_NEWS_MAX_AGE_DAYS = 90
    make_follower("anna", DEVON)
    assert import_file(FILE_2024, dry_run=True).ok
    assert not NewsItem.objects.exists()
    assert import_file(FILE_2024).ok
    assert NewsItem.objects.filter(kind=NewsItem.Kind.NEW_EVENT).count() == Inspection.objects.count()
    assert NewsItem.objects.filter(dataset__isnull=False).count() == NewsItem.objects.count()
    before = set(Inspection.objects.values_list("pk", flat=True))
    second = import_file(FILE_2025)
    assert second.ok
    added = set(Inspection.objects.values_list("pk", flat=True)) - before
    assert len(added) == second.summary["events"]["added"]
    assert (
        set(
            NewsItem.objects.filter(kind=NewsItem.Kind.NEW_EVENT, inspection_id__in=added).values_list(
                "inspection_id", flat=True
            )
        )
        == added
    )
    # Importing the same edition again is no news.
    count = NewsItem.objects.count()
    import_file(FILE_2025)
    assert NewsItem.objects.count() == count
    # Old news (these editions are from 2024 and 2025) is listed but not mailed.
    recent = timezone.localdate() - datetime.timedelta(days=90)
    old = NewsItem.objects.filter(published_on__lt=recent)
    assert old.exists() and not old.filter(mailed=True).exists()
    assert not Mail.objects.filter(items__in=old).exists()


def _plan_with_action(code: str, due: datetime.date, status=Action.Status.IN_PROGRESS) -> Action:
    plan = ImprovementPlan.objects.create(authority=council(code), title="Improvement plan")
    priority = Priority.objects.create(plan=plan, position=1, title="Help and protection")
    return Action.objects.create(
        priority=priority, position=1, text="Audit every strategy meeting", owner="Head of service",
        due_date=due, status=status,
    )  # fmt: skip


def test_an_action_newly_overdue_is_told_once_and_again_only_if_its_new_date_is_missed():
    make_follower("anna", DEVON)
    today = timezone.localdate()
    action = _plan_with_action(DEVON, today - datetime.timedelta(days=1))
    _plan_with_action(
        DERBY, today - datetime.timedelta(days=1), status=Action.Status.COMPLETE
    )  # done: no news
    _plan_with_action("E06000016", today - datetime.timedelta(days=60))  # overdue long ago: not news now
    out = io.StringIO()
    call_command("notify_overdue", stdout=out)
    assert "1 action(s) newly overdue" in out.getvalue()
    call_command("notify_overdue", stdout=io.StringIO())
    item = NewsItem.objects.get()
    assert item.kind == NewsItem.Kind.ACTION_OVERDUE and item.action == action and not item.public
    assert Mail.objects.count() == 1
    # The board moves the date; when the new date is missed, that is news again.
    action.due_date = today - datetime.timedelta(days=2)
    action.save()
    assert len(news.record_overdue(today)) == 1
    assert Mail.objects.count() == 2
    assert outbox.send(Mail.objects.order_by("pk").first().pk).state == Mail.State.SENT
    assert f"/actions/{action.pk}/" in django_mail.outbox[0].body


def test_mail_retries_back_off_and_give_up_for_an_admin(settings):
    settings.ALERTS_RETRY_SECONDS = 60
    settings.ALERTS_RETRY_MAX_SECONDS = 600
    assert [outbox.backoff(n) for n in range(1, 7)] == [60, 120, 240, 480, 600, 600]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    settings.ALERTS_MAX_ATTEMPTS = 2
    make_follower("anna", DEVON)
    publish_file(DEVON_REPORT)
    mail = Mail.objects.get()
    first = outbox.send(mail.pk)
    assert first.state == Mail.State.PENDING and first.retry_in == 60
    assert outbox.send(mail.pk).state == Mail.State.PENDING  # not due yet: not even tried
    Mail.objects.filter(pk=mail.pk).update(next_attempt_at=timezone.now())
    assert outbox.send(mail.pk).state == Mail.State.GAVE_UP
    mail.refresh_from_db()
    assert mail.attempts == 2 and mail.last_error


def test_a_worker_that_died_while_sending_leaves_the_mail_uncertain_not_resent():
    make_follower("anna", DEVON)
    publish_file(DEVON_REPORT)
    mail = Mail.objects.get()
    assert outbox.claim(mail.pk) is not None  # a worker claimed it, then died
    Mail.objects.filter(pk=mail.pk).update(claimed_at=timezone.now() - datetime.timedelta(hours=1))
    assert outbox.mark_uncertain() == 1
    assert outbox.send(mail.pk).state == Mail.State.UNCERTAIN
    assert outbox.due_mails() == []
    assert django_mail.outbox == []


def test_every_scheduled_job_is_a_registered_task_and_has_a_command_for_cron(settings):
    from django.core.management import get_commands

    from config.celery_app import app

    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks
    assert outbox.SEND_TASK in app.tasks  # queued by name after commit
    assert {"notify_overdue", "send_digests", "send_due_mails"} <= set(get_commands())
