"""Helpers for the alerts tests: followers, a report published for a council, a real SMTP server."""

import asyncio
import email
import email.policy
import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import User
from django.core.files import File

from alerts.models import AlertSettings, Follow
from authorities.models import Authority
from inspections.documents import upload
from inspections.documents.publish import publish
from inspections.documents.tasks import read_document
from tests.conftest import CORPUS_DIR

PDFS = CORPUS_DIR / "pdf"
DEVON_REPORT = PDFS / "devon_ilacs_2020-03-17.pdf"
DERBY_LETTER = PDFS / "derby_focused_visit_2021-08-09.pdf"
SITE_URL = "https://judgements.test"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = SITE_URL
    # The corpus's reports are years old: every test that wants mails treats them as news.
    settings.ALERTS_NEWS_MAX_AGE_DAYS = 100_000
    return settings.MEDIA_ROOT


def council(slug_or_code: str) -> Authority:
    return Authority.objects.get(gss_code=slug_or_code)


DEVON, DERBY = "E10000008", "E06000015"


def make_follower(name: str, *codes: str, email_address: str | None = None, daily: bool = False) -> User:
    user = User.objects.create_user(
        username=name,
        password="correct-horse-battery",
        email=f"{name}@example.org" if email_address is None else email_address,
    )
    for code in codes:
        Follow.objects.create(user=user, authority=council(code))
    if daily:
        AlertSettings.objects.create(user=user, frequency=AlertSettings.Frequency.DAILY)
    return user


def publish_file(path, user=None):
    """Store, read (in this process, as a worker would) and publish one corpus file; returns the document."""
    with open(path, "rb") as handle:
        result = upload.store_upload(File(handle, name=path.name), user, enqueue=False)
    document = read_document(result.document.pk)
    assert document.state == document.State.NEEDS_REVIEW, document.error_message
    publish(document, user)
    document.refresh_from_db()
    return document


# --- A real SMTP server -------------------------------------------------------------------------------------


class Inbox:
    """What the SMTP server received: parsed messages, in arrival order."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=email.policy.default
        )
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str):
        with self.lock:
            return [m for m in self.messages if address in m["To"]]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SMTPServer:
    """aiosmtpd on a fixed port that can be stopped and started again (a mail server going down and back)."""

    def __init__(self, port: int):
        self.port = port
        self.inbox = Inbox()
        self.controller = None

    def start(self):
        self.controller = Controller(
            self.inbox, hostname="127.0.0.1", port=self.port, loop=asyncio.new_event_loop()
        )
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server():
    server = SMTPServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail_worker(smtp_server, monkeypatch, request):
    """A real Celery worker mailing to the test's SMTP server, retrying after 1 s, at most 2 s apart."""
    monkeypatch.setenv("EMAIL_HOST", "127.0.0.1")
    monkeypatch.setenv("EMAIL_PORT", str(smtp_server.port))
    monkeypatch.setenv("EMAIL_TIMEOUT", "5")
    monkeypatch.setenv("SITE_URL", SITE_URL)
    monkeypatch.setenv("ALERTS_RETRY_SECONDS", "1")
    monkeypatch.setenv("ALERTS_RETRY_MAX_SECONDS", "2")
    return request.getfixturevalue("celery_worker")
