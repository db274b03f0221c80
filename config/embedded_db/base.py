"""The PostgreSQL backend, starting the embedded server on first connection (so commands that never touch the
database never start it)."""

from django.db.backends.postgresql import base

from config import embedded


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        params["host"], params["port"] = embedded.postgres_address()
        params["user"] = "postgres"
        return params
