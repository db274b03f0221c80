"""The current data version, read from PostgreSQL on every public request (one primary-key lookup)."""

import contextvars
import datetime
from dataclasses import dataclass

from django.db import connection

from dataversion.triggers import TABLE


@dataclass(frozen=True)
class Version:
    number: int
    token: str
    changed_at: datetime.datetime | None


# Set by the page cache for the length of a public GET request, which changes nothing: the figures it reads
# (dataversion.memo) are then keyed by the version already read, without asking the database again.
_pinned: contextvars.ContextVar["Version | None"] = contextvars.ContextVar("data_version", default=None)


def pin(version: "Version | None") -> contextvars.Token:
    return _pinned.set(version)


def unpin(token: contextvars.Token) -> None:
    _pinned.reset(token)


def current() -> Version:
    """The version committed now (or this transaction's own, inside one that changed data)."""
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number, token, changed_at FROM {TABLE} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    if row is None:  # a database emptied by TRUNCATE of every table, before its first change
        return Version(0, "empty", None)
    return Version(row[0], str(row[1]), row[2])
