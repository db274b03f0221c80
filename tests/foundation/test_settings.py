"""Settings: PostgreSQL in every mode, production checks clean."""

import os
import subprocess
import sys

from django.conf import settings
from django.db import connection

from tests.conftest import PROJECT_DIR


def test_the_database_is_postgresql():
    assert connection.vendor == "postgresql"
    assert settings.DATABASES["default"]["ENGINE"] in {
        "django.db.backends.postgresql",
        "config.embedded_db",
    }


def test_deploy_checks_are_clean_in_production_settings():
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a deployment never has it.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | {
        "DEBUG": "0",
        "SECRET_KEY": "p" * 20 + "-production-grade-secret-key-with-enough-variety-0123456789",
        "ALLOWED_HOSTS": "judgements.example.org",
        "HTTPS": "1",
        "STATIC_MANIFEST": "1",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    """The web server (config.wsgi, which gunicorn and runserver load) will not start without a key, while a
    command that signs nothing still runs (tests/foundation/test_readme.py runs them with no key at all)."""
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"} | {"DEBUG": "0"}
    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr
