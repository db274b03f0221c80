"""One command backs up the database and the uploaded files; one restores them into an empty database and an
empty media folder; every row of every table and every file comes back, byte for byte."""

import os
import subprocess
import sys
import uuid
from datetime import date

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.db import connection

from improvements import plans
from improvements.from_recommendations import plan_from_recommendations
from improvements.models import ActionChange, AuditEntry
from inspections.models import Document, Inspection, Judgement, Source
from tests.conftest import PROJECT_DIR


def _manage(*args, database, media):
    env = {**os.environ, "DATABASE_NAME": database, "MEDIA_ROOT": str(media)}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _connect(dbname):
    params = connection.get_connection_params()
    return psycopg.connect(
        host=params.get("host"), port=params.get("port"), user=params.get("user"),
        password=params.get("password"), dbname=dbname, autocommit=True,
    )  # fmt: skip


def _every_row(dbname):
    with _connect(dbname) as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in sorted(tables)}  # noqa: S608


@pytest.fixture
def empty_database():
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:6]}"
    with _connect("postgres") as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield name
    with _connect("postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_every_row_and_every_file(
    councils, derby_slac, plan_editor, settings, tmp_path, empty_database
):
    settings.MEDIA_ROOT = tmp_path / "media"
    document = Document.objects.get(authority__gss_code="E06000015")
    upload = bytes(range(256)) * 1000 + "naïve café".encode()
    document.file.save("derby-report.pdf", ContentFile(upload), save=True)
    plan = plan_from_recommendations(derby_slac, plan_editor).plan
    priority = plan.priorities.first()
    plans.change_action(priority.actions.first(), plan_editor, status="in_progress")
    plans.add_update(priority, plan_editor, text="Audit done", on=date(2011, 9, 1))
    counts = {
        "councils": connection.cursor().execute("SELECT count(*) FROM authorities_authority").fetchone()[0],
        "events": Inspection.objects.count(),
        "judgements": Judgement.objects.count(),
        "sources": Source.objects.count(),
        "actions": plan.priorities.first().actions.count(),
        "changes": ActionChange.objects.count(),
        "audit": AuditEntry.objects.count(),
    }
    assert all(counts.values()), counts
    source_db = connection.settings_dict["NAME"]

    backups = tmp_path / "backups"
    made = _manage("backup", str(backups), database=source_db, media=settings.MEDIA_ROOT)
    assert made.returncode == 0, made.stderr
    (folder,) = backups.iterdir()

    restored_media = tmp_path / "restored-media"
    done = _manage("restore", str(folder), database=empty_database, media=restored_media)
    assert done.returncode == 0, done.stderr

    assert _every_row(empty_database) == _every_row(source_db)
    assert (restored_media / document.file.name).read_bytes() == upload
    originals = {
        p.relative_to(settings.MEDIA_ROOT): p.read_bytes()
        for p in settings.MEDIA_ROOT.rglob("*")
        if p.is_file()
    }
    copies = {p.relative_to(restored_media): p.read_bytes() for p in restored_media.rglob("*") if p.is_file()}
    assert copies == originals

    # A second restore over what is now there refuses and changes nothing.
    again = _manage("restore", str(folder), database=empty_database, media=restored_media)
    assert again.returncode != 0 and "not empty" in again.stderr
