"""One `migrate` on an empty database leaves every role complete (the editor group had no permissions until a
second migrate), and the app's database role granted when one is named."""

import os
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.db import connection

from authorities.roles import _ROLE_PERMISSIONS, EDITOR
from tests.conftest import PROJECT_DIR


def _connect(dbname):
    params = connection.get_connection_params()
    return psycopg.connect(
        host=params.get("host"), port=params.get("port"), user=params.get("user"),
        password=params.get("password"), dbname=dbname, autocommit=True,
    )  # fmt: skip


@pytest.mark.django_db
def test_the_first_migrate_gives_every_role_its_permissions():
    name = f"{connection.settings_dict['NAME']}_fresh_{uuid.uuid4().hex[:6]}"
    role = f"jt_app_{uuid.uuid4().hex[:6]}"
    with _connect("postgres") as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
    try:
        env = {**os.environ, "DATABASE_NAME": name, "DATABASE_APP_ROLE": role}
        result = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        with _connect(name) as conn:
            granted = conn.execute(
                "SELECT p.codename FROM auth_group g JOIN auth_group_permissions gp ON gp.group_id = g.id"
                " JOIN auth_permission p ON p.id = gp.permission_id WHERE g.name = %s",
                [EDITOR],
            ).fetchall()
            assert sorted(c for (c,) in granted) == sorted(c.split(".")[1] for c in _ROLE_PERMISSIONS[EDITOR])
            admin_count = conn.execute(
                "SELECT count(*) FROM auth_group g JOIN auth_group_permissions gp ON gp.group_id = g.id"
                " WHERE g.name = 'admin'"
            ).fetchone()[0]
            assert admin_count > 40
            privileges = conn.execute(
                "SELECT has_table_privilege(%s, 'improvements_action', 'UPDATE'),"
                " has_table_privilege(%s, 'improvements_actionchange', 'UPDATE'),"
                " has_table_privilege(%s, 'improvements_actionchange', 'TRUNCATE')",
                [role, role, role],
            ).fetchone()
            assert privileges == (True, False, False)
    finally:
        with _connect("postgres") as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')
