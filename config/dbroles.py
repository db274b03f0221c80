"""The database role the app runs as: it reads and writes the data but owns no table.

A table's owner can TRUNCATE it and disable its triggers, so the audit trail is only as safe as the role that
connects is weak. `migrate` runs as the owner (DATABASE_URL in the migrate step); after it, the owner grants
the app's role (DATABASE_APP_ROLE) the privileges below, and the web server and workers connect as that role.
"""

from django.db import connection
from psycopg import sql

# Append-only tables: the app may add rows and read them. Only the audit triggers write the audit entries.
APPEND_ONLY = ["improvements_actionchange", "improvements_progressupdate"]
TRIGGER_WRITTEN = ["improvements_auditentry"]


def grant_app_role(role: str, using_connection=None) -> None:
    conn = using_connection or connection
    ident = sql.Identifier(role)
    statements = [
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(ident),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(ident),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(ident),
        sql.SQL("REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {}").format(ident),
        sql.SQL("REVOKE UPDATE, DELETE ON {} FROM {}").format(
            sql.SQL(", ").join(map(sql.Identifier, APPEND_ONLY + TRIGGER_WRITTEN)), ident
        ),
        sql.SQL("REVOKE INSERT ON {} FROM {}").format(
            sql.SQL(", ").join(map(sql.Identifier, TRIGGER_WRITTEN)), ident
        ),
    ]
    with conn.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement.as_string(cursor.connection))


def grant_after_migrate(using="default", **kwargs) -> None:
    from django.conf import settings
    from django.db import connections

    if settings.DATABASE_APP_ROLE:
        grant_app_role(settings.DATABASE_APP_ROLE, connections[using])
