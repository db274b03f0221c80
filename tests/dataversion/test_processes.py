"""Several web and worker processes against one PostgreSQL and one Redis, as a deployment runs them: a report
published through one web process is on the public pages of the other at its very next request, and the
workers precompute the new version's figures."""

import os
import re
import socket
import subprocess
import sys
import uuid

import pytest
import requests
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from inspections.models import Document
from tests.conftest import CORPUS_DIR, PROJECT_DIR, start_worker, stop_worker, wait_for

pytestmark = pytest.mark.worker
REPORT = CORPUS_DIR / "pdf" / "devon_ilacs_2020-03-17.pdf"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def deployment(councils, tmp_path, settings):
    """Two gunicorn web processes and two Celery workers on one queue, sharing the test database, the Redis
    and an uploads folder (the shared volume): nothing else is shared between them."""
    queue = f"test-{uuid.uuid4().hex[:10]}"
    settings.MEDIA_ROOT = tmp_path / "uploads"
    shared = {
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PUBLIC_PAGE_RATE": "100000/m",
        "POPULAR_PAGES_SAMPLE": "1",  # every request counted: the popular pages are known exactly
        "CACHE_KEY_PREFIX": queue,  # this deployment's own pages, figures and popularity in the Redis
    }
    env = {
        **os.environ,
        **shared,
        "DATABASE_NAME": connection.settings_dict["NAME"],
        "CELERY_QUEUE": queue,
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    logs = PROJECT_DIR / "test-artifacts"
    logs.mkdir(exist_ok=True)
    webs, processes = [], []
    try:
        for index in range(2):
            port = _free_port()
            with open(logs / f"web-{queue}-{index}.log", "w") as log:
                processes.append(subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "1",
                     "--bind", f"127.0.0.1:{port}"],
                    cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
                ))  # fmt: skip
            webs.append(f"http://127.0.0.1:{port}")
        workers = [start_worker(queue, settings, f"worker-{index}", **shared) for index in range(2)]
        processes.extend(workers)
        for web in webs:
            wait_for(lambda web=web: _answers(f"{web}/healthz"), timeout=60, message=f"{web} to start")
        yield webs, [worker.log_path for worker in workers]
    finally:
        for process in processes:
            stop_worker(process)


def _answers(url) -> bool:
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:  # not listening yet, or still starting
        return False


def _signed_in(user) -> requests.Session:
    """A browser session of `user`, stored in the shared database as a sign-in would store it."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    browser = requests.Session()
    browser.cookies.set(settings.SESSION_COOKIE_NAME, store.session_key, domain="127.0.0.1")
    return browser


def _csrf(browser, url) -> str:
    page = browser.get(url, timeout=30)
    assert page.status_code == 200, (url, page.status_code)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def _visible(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", " ", html, flags=re.S)).split())


def _headline(html: str) -> str:
    """The council page's latest overall grade ("" if none): every page also names every grade in its key."""
    found = re.search(r"Latest overall judgement: (\w+)", _visible(html))
    return found.group(1) if found else ""


def test_a_publish_through_one_web_process_is_seen_through_the_other(deployment, admin_user):
    (first, second), worker_logs = deployment
    visitor = requests.Session()
    for web in (first, second):  # both have the page cached before the change
        page = visitor.get(f"{web}/authorities/devon/", timeout=60)
        assert page.status_code == 200 and _headline(page.text) == ""
        again = visitor.get(f"{web}/authorities/devon/", timeout=60)
        assert again.headers["X-Cache"] == "hit" and again.headers["ETag"] == page.headers["ETag"]
    etag = again.headers["ETag"]
    national_etag = visitor.get(f"{first}/national/", timeout=60).headers["ETag"]

    admin = _signed_in(admin_user)
    token = _csrf(admin, f"{first}/documents/")
    with open(REPORT, "rb") as handle:
        uploaded = admin.post(
            f"{first}/documents/", data={"csrfmiddlewaretoken": token},
            files={"files": (REPORT.name, handle, "application/pdf")},
            headers={"Referer": f"{first}/documents/"}, timeout=60,
        )  # fmt: skip
    assert uploaded.status_code == 200, uploaded.text[:500]
    document = wait_for(
        lambda: Document.objects.filter(original_name=REPORT.name, state=Document.State.NEEDS_REVIEW).first(),
        timeout=120, message="a worker to read the upload",
    )  # fmt: skip
    # Nothing is public yet: the page is still the cached one, and the validator still holds.
    assert visitor.get(f"{second}/authorities/devon/", headers={"If-None-Match": etag}).status_code == 304

    page = f"{first}/documents/{document.pk}/"
    published = admin.post(
        f"{page}publish",
        data={"csrfmiddlewaretoken": _csrf(admin, page)},
        headers={"Referer": page},
        timeout=60,
    )
    assert published.status_code == 200
    document.refresh_from_db()
    assert document.state == Document.State.PUBLISHED

    after = visitor.get(f"{second}/authorities/devon/", headers={"If-None-Match": etag}, timeout=60)
    assert after.status_code == 200 and after.headers["ETag"] != etag
    assert _headline(after.text) == "Inadequate"
    assert visitor.get(f"{first}/authorities/devon/", timeout=60).text == after.text
    # One of the workers heard the commit, precomputed the new version's figures and rendered the pages
    # visitors had asked for: the national picture, never asked for since the publish, is ready.
    wait_for(
        lambda: any(re.search(r"[1-9]\d* popular pages", path.read_text()) for path in worker_logs),
        timeout=180, message="a worker to precompute the new version and render the popular pages",
    )  # fmt: skip
    assert any("precomputed" in path.read_text() for path in worker_logs)
    national = visitor.get(f"{second}/national/", timeout=60)
    assert national.headers["X-Cache"] == "hit" and national.headers["ETag"] != national_etag
