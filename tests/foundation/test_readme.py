"""The README's command lines, run verbatim as a newcomer would on a fresh clone.

The commands that need no database run with no DATABASE_URL, REDIS_URL or SECRET_KEY at all, and must leave
no process behind (read_document is "no web, no database": no embedded PostgreSQL or Redis may start). The
commands that need one run with no SECRET_KEY against the test database. `make run` and `make test` are the
README's first two lines and run everything else; the deployment and benchmark blocks need Docker or minutes.
"""

import os
import re
import shlex
import subprocess

import pytest

from tests.conftest import PROJECT_DIR

README = (PROJECT_DIR / "README.md").read_text()
SECTION = README[README.index("## Command line") :]
BLOCK = SECTION[SECTION.index("```sh") + len("```sh") : SECTION.index("```", SECTION.index("```sh") + 5)]
LINES = [re.match(r"(?P<command>[^#]*?)\s*(#\s*(?P<note>.*))?$", line) for line in BLOCK.strip().splitlines()]
COMMANDS = [line["command"] for line in LINES]
NO_DATABASE = [line["command"] for line in LINES if "no database" in (line["note"] or "")]
WITH_DATABASE = [command for command in COMMANDS if command not in NO_DATABASE]
_UNSET = {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "DATABASE_NAME"}


def _run(command: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        shlex.split(command), cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=600
    )


def test_the_readme_lists_its_commands():
    # A parser that finds nothing would pass everything below.
    assert len(COMMANDS) == 6 and all(c.startswith(".venv/bin/python manage.py ") for c in COMMANDS)
    assert [c.split()[2] for c in NO_DATABASE] == ["read_document"]


@pytest.mark.parametrize("command", NO_DATABASE)
def test_a_command_without_a_database_runs_with_no_environment_and_leaves_nothing_running(command, tmp_path):
    embedded = tmp_path / "embedded"
    env = {k: v for k, v in os.environ.items() if k not in _UNSET} | {"EMBEDDED_DIR": str(embedded)}
    result = _run(command, env)
    assert result.returncode == 0, result.stderr
    # The reader's JSON, not an "Unknown command" message.
    assert '"authority_code": "E10000007"' in result.stdout
    # No embedded server was started: nothing in its folder, so no pid, socket or data files behind.
    assert not embedded.exists() or not any(embedded.rglob("*")), sorted(embedded.rglob("*"))


@pytest.mark.parametrize("command", WITH_DATABASE)
def test_a_command_with_a_database_runs_without_a_secret_key(command, transactional_db, councils):
    from django.db import connection

    env = {k: v for k, v in os.environ.items() if k not in _UNSET}
    # The test database, through the same variables the tests' Celery worker uses.
    env |= {"DATABASE_URL": os.environ["DATABASE_URL"], "DATABASE_NAME": connection.settings_dict["NAME"]}
    result = _run(command, env)
    assert result.returncode == 0, result.stdout + result.stderr
