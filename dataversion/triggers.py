"""The triggers that bump the data version (dataversion.models) on every table a public page reads.

Statement-level triggers, so a bulk import of half a million rows costs one bump per statement, not per row.
Every statement bumps (not just a transaction's first): a page read later in the same transaction, as a test
does, must not find the page cached after the transaction's first change. They are (re)installed after every
migrate on every table of the apps in settings.DATA_VERSION_APPS, so a table added later is watched without
anyone remembering to; settings.DATA_VERSION_IGNORED_TABLES names the few that no public page reads (who may
edit which council).

The bump also sends NOTIFY data_version: PostgreSQL delivers it only when the transaction commits, which is
when the Celery workers precompute the next version's summaries (dashboards.precompute).
"""

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

TABLE = "dataversion_dataversion"
CHANNEL = "data_version"
TRIGGER = "dataversion_bump"

FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION dataversion_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} (id, number, token, changed_at)
    VALUES (1, 1, gen_random_uuid(), clock_timestamp())
    ON CONFLICT (id) DO UPDATE
        SET number = {TABLE}.number + 1, token = EXCLUDED.token, changed_at = EXCLUDED.changed_at;
    PERFORM pg_notify('{CHANNEL}', '');
    RETURN NULL;
END
$$;
"""  # noqa: S608 (constants)


def watched_tables() -> list[str]:
    """Every table of the public data's apps (many-to-many tables included), but the ignored ones."""
    ignored = set(settings.DATA_VERSION_IGNORED_TABLES)
    tables = {
        model._meta.db_table
        for label in settings.DATA_VERSION_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed
    }
    return sorted(tables - ignored)


def _trigger_sql(table: str) -> list[str]:
    """The triggers of one table: on every statement, or, for a table whose rows are public only in some
    states (settings.DATA_VERSION_PUBLIC_ROWS: a document once published), on the rows in that state before
    or after the change, so that uploading and reading a document leaves the public pages' caches alone."""
    condition = settings.DATA_VERSION_PUBLIC_ROWS.get(table)
    run = "EXECUTE FUNCTION dataversion_bump()"
    if condition is None:
        return [
            f"CREATE OR REPLACE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f'ON "{table}" FOR EACH STATEMENT {run}'
        ]
    new, old = condition.format(row="NEW"), condition.format(row="OLD")
    return [
        f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"',
        f'CREATE OR REPLACE TRIGGER {TRIGGER}_insert AFTER INSERT ON "{table}" FOR EACH ROW '
        f"WHEN ({new}) {run}",
        f'CREATE OR REPLACE TRIGGER {TRIGGER}_update AFTER UPDATE ON "{table}" FOR EACH ROW '
        f"WHEN (({old}) OR ({new})) {run}",
        f'CREATE OR REPLACE TRIGGER {TRIGGER}_delete AFTER DELETE ON "{table}" FOR EACH ROW '
        f"WHEN ({old}) {run}",
        f'CREATE OR REPLACE TRIGGER {TRIGGER}_truncate AFTER TRUNCATE ON "{table}" FOR EACH STATEMENT {run}',
    ]


def install_triggers(using=DEFAULT_DB_ALIAS, **kwargs):
    """Create (or replace) the bump triggers on every watched table, and drop them from an ignored one."""
    with connections[using].cursor() as cursor:
        cursor.execute(FUNCTION_SQL)
        for table in watched_tables():
            for sql in _trigger_sql(table):
                cursor.execute(sql)
        for table in settings.DATA_VERSION_IGNORED_TABLES:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
            if cursor.fetchone()[0]:
                cursor.execute(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"')
