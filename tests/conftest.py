"""Fixtures every test may use: the councils, a fixed cast of users (one per role and an outsider), and a real
Celery worker on the real Redis."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from authorities.roles import ADMIN, EDITOR, VIEWER

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHARED_DIR = (PROJECT_DIR / ".." / "shared").resolve()
CORPUS_DIR = SHARED_DIR / "corpus"
OFFICIAL_DIR = SHARED_DIR / "data" / "official"


_DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the councils once for the whole session: every test starts with the 153 councils."""
    with django_db_blocker.unblock():
        call_command("load_councils", verbosity=0)


@pytest.fixture(autouse=True)
def _councils_present(request, django_db_blocker):
    """Transactional tests (real workers, browsers) empty the database when they end; put the councils back
    before the next test that uses the database. Autouse fixtures run before `db` opens its transaction, so
    the reload is committed and done once, not once per test."""
    uses_db = request.node.get_closest_marker("django_db") or _DB_FIXTURES & set(request.fixturenames)
    if not uses_db:
        return
    from authorities.models import Authority

    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        if not Authority.objects.exists():
            call_command("load_councils", verbosity=0)


@pytest.fixture(autouse=True)
def _public_pages_uncached_and_unthrottled(settings):
    """Tests ask for the same public pages many times a minute from one address: the public pages' rate limit
    (config.public_pages) is off, except in its own tests."""
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def councils(transactional_db):
    """A transactional database, for live servers and real workers, that holds the councils:
    `_councils_present` has put them back if an earlier transactional test emptied the tables."""


def _user(username, role=None, **extra):
    user = User.objects.create_user(username=username, password="correct-horse-battery", **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def viewer(db):
    return _user("vera-viewer", VIEWER)


@pytest.fixture
def editor(db):
    return _user("eddie-editor", EDITOR)


@pytest.fixture
def admin_user(db):
    return _user("ada-admin", ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def outsider(db):
    """Logged in, but given no role."""
    return _user("oscar-outsider")


def start_worker(queue: str, settings, log_name: str = "worker", **extra_env: str) -> subprocess.Popen:
    """Start a real Celery worker process on the real Redis, reading the test database, and wait until it is
    ready. The one way the tests start a worker (the celery_worker fixture, and tests that kill one)."""
    from django.db import connection

    env = {
        **os.environ,
        "DATABASE_NAME": connection.settings_dict["NAME"],
        "CELERY_QUEUE": queue,
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **extra_env,
    }
    log = PROJECT_DIR / "test-artifacts" / f"{log_name}-{queue}.log"
    log.parent.mkdir(exist_ok=True)
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", queue],
            cwd=PROJECT_DIR, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    deadline = time.monotonic() + 60
    while "ready" not in log.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"The Celery worker did not start:\n{log.read_text()}")
        time.sleep(0.2)
    process.log_path = log  # type: ignore[attr-defined]
    process.queue = queue  # type: ignore[attr-defined]
    return process


def stop_worker(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def celery_worker(transactional_db, settings):
    """A real Celery worker process on the real Redis, reading the test database.

    Its queue is unique to this test so that no other worker (a `make run` one, say) takes its tasks.
    """
    from config.celery_app import app

    queue = f"test-{uuid.uuid4().hex[:10]}"
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    app.conf.task_default_queue = queue
    process = start_worker(queue, settings)
    yield process
    stop_worker(process)
    app.conf.task_default_queue = os.environ.get("CELERY_QUEUE", "judgement-tracker")


def wait_for(predicate, timeout=60, interval=0.2, message="condition"):
    """Poll until predicate() is true; for tests that wait on a real worker."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout}s waiting for {message}")
