"""One row that says which version of the public data the database holds.

PostgreSQL triggers (dataversion.triggers) bump it in the same transaction as any statement that changes a
table a public page reads, whoever runs it: a publish, an official import, settling a conflict, an edit in the
admin, a management command or raw SQL. A page cached under one version can therefore never be served once
a change has committed: the next request reads the new version and misses the cache.
"""

from django.db import models


class DataVersion(models.Model):
    # Always 1: the triggers upsert this one row.
    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    number = models.BigIntegerField(default=1, help_text="Counts the statements that changed public data.")
    # A fresh random token at every bump: a version rolled back (or a database emptied and refilled) never
    # gives the same cache key twice, as a bare counter would.
    token = models.UUIDField()
    changed_at = models.DateTimeField(help_text="When the last change was made.")

    class Meta:
        verbose_name = "data version"

    def __str__(self):
        return f"data version {self.number} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
