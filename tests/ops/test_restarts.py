"""PostgreSQL and Redis restarted under a working site: while documents are read and while an official file is
imported. Afterwards every document is read or failed with a message, none is left reading or importing,
nothing is done twice, and the web server answers again without being restarted.

The machine's own servers are shared, so these tests start a private PostgreSQL (pg_ctl on a temporary data
folder) and a private Redis, and restart those.
"""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
import requests

from tests.conftest import CORPUS_DIR, PROJECT_DIR
from tests.security.conftest import Gunicorn, production_env

pytestmark = pytest.mark.worker

PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(predicate, timeout, message):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception:  # noqa: BLE001 (a server that is still starting)
            value = None
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout}s: {message}")


class PrivatePostgres:
    def __init__(self, folder: Path):
        self.port = _port()
        self.data = folder / "pgdata"
        self.log = folder / "postgres.log"
        folder.mkdir(parents=True, exist_ok=True)
        if AS_POSTGRES:
            shutil.chown(folder, "postgres")
        subprocess.run([*AS_POSTGRES, str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                        "--auth=trust"], check=True, capture_output=True)  # fmt: skip
        self.start()
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE judgement_tracker")

    def url(self, name="judgement_tracker"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _ctl(self, *args):
        subprocess.run(
            [*AS_POSTGRES, str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w",
             "-t", "60", "-o", f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data}", *args],
            check=True, capture_output=True,
        )  # fmt: skip

    def start(self):
        self._ctl("start")

    def stop(self):
        self._ctl("stop", "-m", "fast")

    def query(self, sql, *params):
        with psycopg.connect(self.url(), autocommit=True) as conn:
            return conn.execute(sql, params).fetchall()


class PrivateRedis:
    def __init__(self):
        self.port = _port()
        self.start()

    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        # No persistence: a restart loses the queue, the worst case the recovery sweep must cope with.
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        _wait(lambda: socket.create_connection(("127.0.0.1", self.port), timeout=1), 20, "redis to start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture(scope="module")
def site():
    """A private PostgreSQL and Redis, migrated, with the councils, an editor, a worker (with beat) and
    gunicorn."""
    if PG_BIN is None or shutil.which("redis-server") is None:
        pytest.skip("needs PostgreSQL's server binaries and redis-server (apt-get install postgresql redis)")
    # Not under pytest's own temporary folder: the postgres user must reach its data folder.
    folder = Path(tempfile.mkdtemp(prefix="jt-restarts-"))
    folder.chmod(0o755)
    postgres, redis = PrivatePostgres(folder / "pg"), PrivateRedis()
    media = folder / "media"
    env = production_env(
        DATABASE_URL=postgres.url(),
        REDIS_URL=redis.url(),
        MEDIA_ROOT=str(media),
        CELERY_QUEUE="restarts",
        RECOVERY_INTERVAL_SECONDS="2",
        RECOVERY_QUEUED_AFTER_SECONDS="4",
        CELERY_BEAT_SCHEDULE_FILENAME=str(folder / "beat-schedule"),
        CONN_MAX_AGE="60",
    )
    env.pop("DATABASE_NAME", None)
    env.pop("TEST_DATABASE_NAME", None)

    def manage(*args, code=None):
        command = [sys.executable, "manage.py", *args] + (["-c", code] if code else [])
        result = subprocess.run(
            command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=600
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    manage("migrate", "--noinput")
    manage("load_councils")
    manage("shell", code="from django.contrib.auth.models import User, Group; "
           "u = User.objects.create_user('eddie-editor', password='correct-horse-battery'); "
           "u.groups.add(Group.objects.get(name='editor'))")  # fmt: skip
    log = open(folder / "worker.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-B", "--concurrency=1", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "-Q", "restarts"],
        cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    _wait(lambda: "ready" in (folder / "worker.log").read_text(), 60, "the worker to start")
    web = Gunicorn(env, "gunicorn-restarts")
    yield {"postgres": postgres, "redis": redis, "manage": manage, "web": web, "folder": folder}
    web.stop()
    worker.terminate()
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
    log.close()
    redis.stop()
    postgres.stop()
    shutil.rmtree(folder, ignore_errors=True)


def _upload_documents(site, label, count, offset):
    """Queue `count` documents for reading, as an upload does (documents.upload.store_upload): reports no
    earlier test uploaded (the same bytes again would be a duplicate, not read)."""
    pdfs = sorted((CORPUS_DIR / "pdf").glob("*.pdf"))[offset : offset + count]
    code = (
        "import json, sys; from django.core.files import File; from inspections.documents import upload\n"
        f"paths = {json.dumps([str(p) for p in pdfs])}\n"
        "pks = []\n"
        "for path in paths:\n"
        "    with open(path, 'rb') as handle:\n"
        f"        f = File(handle, name='{label}-' + path.rsplit('/', 1)[1])\n"
        "        pks.append(upload.store_upload(f).document.pk)\n"
        "print(json.dumps(pks))\n"
    )
    return json.loads(site["manage"]("shell", code=code).strip().splitlines()[-1])


def _states(site, pks):
    return dict(site["postgres"].query("SELECT id, state FROM inspections_document WHERE id = ANY(%s)", pks))


def _all_settled(site, pks):
    rows = site["postgres"].query(
        "SELECT id, state, error_message FROM inspections_document WHERE id = ANY(%s)", pks
    )
    settled = all(state in ("needs_review", "out_of_scope") or (state == "failed" and message)
                  for _, state, message in rows)  # fmt: skip
    return settled and len(rows) == len(pks)


def _web_answers(site):
    for path in ("/healthz", "/", "/authorities/"):
        response = requests.get(site["web"].url + path, timeout=10)
        assert response.status_code == 200, (path, response.status_code)
    return True


def _under_way(site, pks):
    """Some document is being read, or some are read and some still wait: the reading is under way."""
    states = set(_states(site, pks).values())
    return "reading" in states or ("queued" in states and len(states) > 1)


def _restart_while_reading(site, server, label, offset):
    pks = _upload_documents(site, label, 8, offset)
    deadline = time.monotonic() + 120
    while not _under_way(site, pks):
        assert time.monotonic() < deadline, f"the reading never started: {_states(site, pks)}"
        time.sleep(0.02)
    server.stop()
    time.sleep(1)
    server.start()
    _wait(lambda: _all_settled(site, pks), 300, f"every document to be read or failed: {_states(site, pks)}")
    _wait(lambda: _web_answers(site), 30, "the web pages to answer again")
    return pks


def test_postgres_restarting_while_documents_are_read(site):
    pks = _restart_while_reading(site, site["postgres"], "pg", offset=0)
    # One reading stored per document, and no document stored twice.
    assert len(pks) == len(set(pks))
    rows = site["postgres"].query("SELECT count(*) FROM inspections_document WHERE id = ANY(%s)", pks)
    assert rows[0][0] == len(pks)


def test_redis_restarting_while_documents_are_read(site):
    _restart_while_reading(site, site["redis"], "redis", offset=8)


def _import_official(site, file_name):
    path = PROJECT_DIR / "data" / "official" / file_name
    assert path.exists()
    code = (
        "import hashlib; from django.core.files import File; from django.db import transaction\n"
        "from inspections.models import OfficialDataset\n"
        "from inspections.official.tasks import import_official_dataset\n"
        f"path = {str(path)!r}\n"
        "data = open(path, 'rb').read()\n"
        "with transaction.atomic():\n"
        "    d = OfficialDataset(file_name=path.rsplit('/', 1)[1], sha256=hashlib.sha256(data).hexdigest())\n"
        "    d.file.save(d.file_name, File(open(path, 'rb')), save=True)\n"
        "    transaction.on_commit(lambda: import_official_dataset.delay(d.pk))\n"
        "print(d.pk)\n"
    )
    return int(site["manage"]("shell", code=code).strip().splitlines()[-1])


def _restart_during_import(site, server, file_name):
    postgres = site["postgres"]
    # Hold the import mid-way, whatever the machine's speed: it waits at its first write of an event, in its
    # transaction, until this connection lets go (or dies with the server).
    blocker = psycopg.connect(postgres.url())
    blocker.execute("LOCK TABLE inspections_inspection IN SHARE ROW EXCLUSIVE MODE")
    pk = _import_official(site, file_name)

    def state():
        return postgres.query("SELECT state FROM inspections_officialdataset WHERE id = %s", pk)[0][0]

    def waiting():
        return postgres.query(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )[0][0]

    _wait(lambda: state() == "importing" and waiting(), 120, "the import to start and wait mid-way")
    server.stop()
    time.sleep(1)
    server.start()
    with contextlib.suppress(psycopg.Error):
        blocker.close()  # with Redis restarted, the import goes on from where it waited
    _wait(lambda: state() in ("done", "failed"), 300, f"the import to finish (now {state()})")
    problems = postgres.query("SELECT problems FROM inspections_officialdataset WHERE id = %s", pk)
    assert state() == "done", problems
    duplicates = postgres.query(
        "SELECT authority_id, kind, start_date, count(*) FROM inspections_inspection"
        " GROUP BY 1, 2, 3 HAVING count(*) > 1"
    )
    assert duplicates == []
    _wait(lambda: _web_answers(site), 30, "the web pages to answer again")


def test_postgres_restarting_during_an_official_import(site):
    _restart_during_import(site, site["postgres"], "LA_Inspection_Outcomes_as_at_31_March_2025.ods")
    # The restart did interrupt it: the first attempt was rolled back and the sweep queued it again.
    assert "official files again" in (site["folder"] / "worker.log").read_text()


def test_redis_restarting_during_an_official_import(site):
    _restart_during_import(site, site["redis"], "LA_Inspection_Outcomes_as_at_March_2024.ods")
