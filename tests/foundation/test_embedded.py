"""The embedded path: with no DATABASE_URL or REDIS_URL the project starts its own PostgreSQL and Redis."""

import os
import subprocess
import sys

import pytest

from tests.conftest import PROJECT_DIR

_PROBE = """
from django.db import connection
from django.conf import settings
import redis
with connection.cursor() as cursor:
    cursor.execute("SELECT version()")
    print("POSTGRES", cursor.fetchone()[0])
print("ENGINE", settings.DATABASES["default"]["ENGINE"])
socket_path = settings.REDIS_URL.removeprefix("redis+socket://")
import os
print("REDIS BEFORE CELERY", os.path.exists(socket_path))
from config.celery_app import app
with app.connection_for_write() as conn:
    conn.ensure_connection(max_retries=3)
print("REDIS", redis.Redis(unix_socket_path=socket_path).ping())
"""


_STOP = "from config import embedded; embedded.stop_redis(); embedded.stop_postgres()"


@pytest.fixture
def embedded_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DATABASE_NAME"}}
    env |= {"EMBEDDED_DIR": str(tmp_path / "embedded"), "DEBUG": "1"}
    yield env
    subprocess.run(
        [sys.executable, "-c", _STOP],
        cwd=PROJECT_DIR, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_embedded_postgres_and_redis_start_and_answer(embedded_env):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", _PROBE],
        cwd=PROJECT_DIR, env=embedded_env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "POSTGRES PostgreSQL 16" in result.stdout
    assert "ENGINE config.embedded_db" in result.stdout
    assert "REDIS BEFORE CELERY False" in result.stdout  # importing settings started nothing
    assert "REDIS True" in result.stdout  # the Celery app's first connection started it

    # A second process reuses the running servers and can migrate the database.
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=PROJECT_DIR, env=embedded_env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert migrate.returncode == 0, migrate.stderr
