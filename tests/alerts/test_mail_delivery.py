"""Mail through a real SMTP server (aiosmtpd, started here) and a real Celery worker: one mail per follower
with the right links, a digest of the day, and a mail server that goes down and comes back losing and doubling
nothing."""

import datetime
import re

import pytest
from django.utils import timezone

from alerts import outbox
from alerts.models import Mail, NewsItem
from tests.conftest import wait_for

from .conftest import DERBY, DERBY_LETTER, DEVON, DEVON_REPORT, SITE_URL, make_follower, publish_file

pytestmark = [pytest.mark.worker]


def _links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.get_content())


def _all_sent(count: int):
    return lambda: Mail.objects.filter(state=Mail.State.SENT).count() == count


def test_a_published_report_mails_each_follower_once_with_the_right_links(councils, mail_worker, smtp_server):
    anna = make_follower("anna", DEVON)
    ben = make_follower("ben", DEVON, DERBY)
    make_follower("carl", DERBY)  # follows another council: told nothing
    make_follower("dora", DEVON, daily=True)  # chose the digest: no mail of her own now
    publish_file(DEVON_REPORT)

    items = list(NewsItem.objects.filter(authority__gss_code=DEVON))
    assert len(items) == 1 and items[0].kind == NewsItem.Kind.NEW_EVENT
    inspection_url = f"{SITE_URL}/inspections/{items[0].inspection_id}/"
    wait_for(_all_sent(2), timeout=60, message="two mails sent")
    wait_for(lambda: len(smtp_server.inbox.messages) == 2, timeout=10, message="two mails received")
    for user in (anna, ben):
        (message,) = smtp_server.inbox.to(user.email)
        assert message["Subject"].startswith("Devon: ILACS")
        links = _links(message)
        assert inspection_url in links
        unsubscribe = next(link for link in links if "/alerts/unsubscribe/" in link)
        assert str(message["List-Unsubscribe"]).strip() == f"<{unsubscribe}>"
    assert smtp_server.inbox.to("carl@example.org") == []
    assert smtp_server.inbox.to("dora@example.org") == []


def test_a_daily_digest_collects_the_days_news(councils, mail_worker, smtp_server):
    dora = make_follower("dora", DEVON, DERBY, daily=True)
    publish_file(DEVON_REPORT)
    publish_file(DERBY_LETTER)
    today = timezone.localdate()
    made = outbox.build_digests(today)
    assert len(made) == 1
    assert outbox.build_digests(today) == []  # the same day twice: still one digest
    wait_for(_all_sent(1), timeout=60, message="the digest sent")
    wait_for(lambda: smtp_server.inbox.to(dora.email), timeout=10, message="the digest received")
    (message,) = smtp_server.inbox.to(dora.email)
    assert message["Subject"] == "2 new items for the councils you follow"
    body = message.get_content()
    for item in NewsItem.objects.all():
        assert item.title in body
        assert f"{SITE_URL}{item.get_absolute_url()}" in body
    # Yesterday had no news: no digest.
    assert outbox.build_digests(today - datetime.timedelta(days=1)) == []


def test_the_mail_server_down_and_up_again_loses_nothing_and_doubles_nothing(
    councils, mail_worker, smtp_server
):
    followers = [make_follower(f"reader{i}", DEVON) for i in range(3)]
    smtp_server.stop()
    publish_file(DEVON_REPORT)
    # Every mail is tried, refused (connection refused) and put back with a later attempt.
    wait_for(
        lambda: Mail.objects.filter(state=Mail.State.PENDING, attempts__gte=2).count() == 3,
        timeout=60,
        message="each mail tried twice while the server is down",
    )
    assert all("Connection refused" in m.last_error or "Errno" in m.last_error for m in Mail.objects.all())
    smtp_server.start()
    wait_for(_all_sent(3), timeout=60, message="every mail sent once the server is back")
    wait_for(lambda: len(smtp_server.inbox.messages) == 3, timeout=10, message="three mails received")
    # Further retries (the task's and the sweep's) find nothing to send.
    for pk in Mail.objects.values_list("pk", flat=True):
        assert outbox.send(pk).state == Mail.State.SENT
    assert sorted(m["To"] for m in smtp_server.inbox.messages) == sorted(f.email for f in followers)
    assert len({m["Message-ID"] for m in smtp_server.inbox.messages}) == 3
