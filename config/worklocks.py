"""Who is working on what, where it survives a Redis restart and ends with the worker: PostgreSQL advisory
locks, one key space per kind of work. The task that reads a document or imports an official file holds
its lock on its own connection until it ends (or the connection dies with it); the recovery sweep
(ops.recovery) takes work left `reading` or `importing` with nobody holding its lock for abandoned."""

from django.db import connection

DOCUMENT_LOCKS = 0x4A54_0001
IMPORT_LOCKS = 0x4A54_0002


def key(pk: int) -> int:
    return int(pk) % 2_147_483_647


def try_lock(space: int, pk: int) -> bool:
    """Take the lock on one piece of work for this connection's life (or until `unlock`); False if another
    connection holds it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [space, key(pk)])
        return bool(cursor.fetchone()[0])


def unlock(space: int, pk: int) -> None:
    if connection.connection is None:
        return  # the connection is gone, and the lock with it
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [space, key(pk)])


def held(space: int) -> set[int]:
    """The keys of the locks of one kind that some connection holds now."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT objid FROM pg_locks"
            " WHERE locktype = 'advisory' AND classid = %s AND objsubid = 2 AND granted",
            [space],
        )
        return {row[0] for row in cursor.fetchall()}
